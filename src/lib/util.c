/* util.c - string pool, C-locale numbers, text and file helpers.
 *
 * Promises: number parsing and printing never depend on the caller's
 * LC_NUMERIC; parsed numbers are plain decimals (optionally with an
 * exponent), finite, with nothing before or after them; interned strings
 * live as long as their pool.
 */
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "internal.h"

/* ---------------------------------------------------------------- pool */

typedef struct pool_chunk {
    struct pool_chunk *next;
    size_t used, size;
    char data[];
} pool_chunk;

struct ds__pool {
    const char **slots; /* open addressing hash set of interned strings */
    size_t nslots, count;
    pool_chunk *chunks;
};

ds__pool *
ds__pool_alloc(void)
{
    ds__pool *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->nslots = 1024;
    p->slots = calloc(p->nslots, sizeof *p->slots);
    if (!p->slots) {
        free(p);
        return NULL;
    }
    return p;
}

void
ds__pool_free(ds__pool *p)
{
    if (!p)
        return;
    pool_chunk *c = p->chunks;
    while (c) {
        pool_chunk *n = c->next;
        free(c);
        c = n;
    }
    free(p->slots);
    free(p);
}

static uint64_t
hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h;
}

static char *
pool_bytes(ds__pool *p, size_t n)
{
    pool_chunk *c = p->chunks;
    if (!c || c->size - c->used < n) {
        size_t size = n > 65536 ? n : 65536;
        c = malloc(sizeof *c + size);
        if (!c)
            return NULL;
        c->size = size;
        c->used = 0;
        c->next = p->chunks;
        p->chunks = c;
    }
    char *r = c->data + c->used;
    c->used += n;
    return r;
}

static int
pool_grow(ds__pool *p)
{
    size_t n = p->nslots * 2;
    const char **s = calloc(n, sizeof *s);
    if (!s)
        return 0;
    for (size_t i = 0; i < p->nslots; i++) {
        const char *v = p->slots[i];
        if (!v)
            continue;
        size_t j = hash_bytes(v, strlen(v)) & (n - 1);
        while (s[j])
            j = (j + 1) & (n - 1);
        s[j] = v;
    }
    free(p->slots);
    p->slots = s;
    p->nslots = n;
    return 1;
}

int
ds__pool_reserve(ds__pool *p, size_t n)
{
    while ((p->count + n) * 2 > p->nslots)
        if (!pool_grow(p))
            return 0;
    return 1;
}

const char *
ds__pool_find(const ds__pool *p, const char *s, size_t len)
{
    size_t j = hash_bytes(s, len) & (p->nslots - 1);
    while (p->slots[j]) {
        const char *v = p->slots[j];
        if (strncmp(v, s, len) == 0 && v[len] == '\0')
            return v;
        j = (j + 1) & (p->nslots - 1);
    }
    return NULL;
}

const char *
ds__pool_intern(ds__pool *p, const char *s, size_t len)
{
    if ((p->count + 1) * 2 > p->nslots && !pool_grow(p))
        return NULL;
    size_t j = hash_bytes(s, len) & (p->nslots - 1);
    while (p->slots[j]) {
        const char *v = p->slots[j];
        if (strncmp(v, s, len) == 0 && v[len] == '\0')
            return v;
        j = (j + 1) & (p->nslots - 1);
    }
    char *copy = pool_bytes(p, len + 1);
    if (!copy)
        return NULL;
    memcpy(copy, s, len);
    copy[len] = '\0';
    p->slots[j] = copy;
    p->count++;
    return copy;
}

/* ------------------------------------------------------------- numbers */

static locale_t
c_locale(void)
{
    static locale_t loc = (locale_t)0;
    if (loc == (locale_t)0)
        loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    return loc;
}

/* Only [+-]digits[.digits][(e|E)[+-]digits] with at least one digit. */
static int
plain_decimal(const char *s, size_t len)
{
    size_t i = 0, digits = 0;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        i++;
    while (i < len && isdigit((unsigned char)s[i]))
        i++, digits++;
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && isdigit((unsigned char)s[i]))
            i++, digits++;
    }
    if (digits == 0)
        return 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t ed = 0;
        while (i < len && isdigit((unsigned char)s[i]))
            i++, ed++;
        if (ed == 0)
            return 0;
    }
    return i == len;
}

/* Clinger's fast path: a plain decimal with at most 15 significant digits
 * and a power of ten within 1e22 is exactly m * 10^e or m / 10^-e with m
 * and 10^|e| exact doubles, so one IEEE operation rounds it correctly: the
 * same double strtod gives.  Returns 0 when s needs strtod. */
static int
fast_decimal(const char *s, size_t len, double *out)
{
#if FLT_EVAL_METHOD == 0
    static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,
                                 1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
                                 1e18, 1e19, 1e20, 1e21, 1e22};
    size_t i = 0;
    int neg = 0, nd = 0, e10 = 0;
    uint64_t m = 0;
    if (s[i] == '+' || s[i] == '-')
        neg = s[i++] == '-';
    for (int frac = 0;; i++) {
        if (i < len && s[i] == '.' && !frac) {
            frac = 1;
            continue;
        }
        if (i >= len || s[i] < '0' || s[i] > '9')
            break;
        if (m || s[i] != '0') {
            if (nd == 15)
                return 0;
            m = m * 10 + (uint64_t)(s[i] - '0');
            nd++;
        }
        e10 -= frac;
    }
    if (i < len) { /* the exponent (plain_decimal checked its form) */
        i++;
        int eneg = 0, ex = 0;
        if (s[i] == '+' || s[i] == '-')
            eneg = s[i++] == '-';
        for (; i < len; i++) {
            if (ex > 1000)
                return 0;
            ex = ex * 10 + (s[i] - '0');
        }
        e10 += eneg ? -ex : ex;
    }
    double v = (double)m;
    if (m && e10 < 0) {
        if (e10 < -22)
            return 0;
        v /= p10[-e10];
    } else if (m && e10 > 0) {
        if (e10 > 22)
            return 0;
        v *= p10[e10];
    }
    *out = neg ? -v : v;
    return 1;
#else
    (void)s;
    (void)len;
    (void)out;
    return 0;
#endif
}

int
ds__parse_double_n(const char *s, size_t len, double *out)
{
    char small[128];
    char *tmp = small;
    if (len == 0 || !plain_decimal(s, len))
        return 0;
    if (ds__csv_fast && fast_decimal(s, len, out))
        return 1;
    if (len >= sizeof small) {
        tmp = malloc(len + 1);
        if (!tmp)
            return 0;
    }
    memcpy(tmp, s, len);
    tmp[len] = '\0';
    locale_t loc = c_locale();
    locale_t old = loc ? uselocale(loc) : (locale_t)0;
    errno = 0;
    char *end = NULL;
    double v = strtod(tmp, &end);
    int e = errno;
    if (loc)
        uselocale(old);
    int ok = end == tmp + len && !(e == ERANGE && fabs(v) > 1.0) &&
             isfinite(v);
    if (tmp != small)
        free(tmp);
    if (ok)
        *out = v;
    return ok;
}

int
ds_parse_double(const char *text, double *out)
{
    if (!text)
        return 0;
    return ds__parse_double_n(text, strlen(text), out);
}

int
ds__parse_int_n(const char *s, size_t len, long min, long max, long *out)
{
    size_t i = 0;
    int neg = 0;
    if (len == 0)
        return 0;
    if (s[0] == '-' || s[0] == '+') {
        neg = s[0] == '-';
        i++;
    }
    if (i == len)
        return 0;
    long v = 0;
    for (; i < len; i++) {
        if (!isdigit((unsigned char)s[i]))
            return 0;
        if (v > (max > -min ? max : -min) / 10)
            return 0;
        v = v * 10 + (s[i] - '0');
    }
    if (neg)
        v = -v;
    if (v < min || v > max)
        return 0;
    *out = v;
    return 1;
}

int
ds__snprintf_c(char *buf, size_t size, const char *fmt, ...)
{
    locale_t loc = c_locale();
    locale_t old = loc ? uselocale(loc) : (locale_t)0;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    if (loc)
        uselocale(old);
    return n;
}

/* ---------------------------------------------------------------- text */

int
ds__strcaseeq(const char *a, const char *b)
{
    for (; *a && *b; a++, b++)
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    return *a == *b;
}

size_t
ds__utf8_len(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

size_t
ds__utf8_check(const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned char c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        unsigned char lo = 0x80, hi = 0xBF; /* range of the second byte */
        if (c >= 0xC2 && c <= 0xDF)
            n = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            if (c == 0xE0)
                lo = 0xA0; /* overlong */
            else if (c == 0xED)
                hi = 0x9F; /* UTF-16 surrogates */
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            if (c == 0xF0)
                lo = 0x90; /* overlong */
            else if (c == 0xF4)
                hi = 0x8F; /* past U+10FFFF */
        } else
            return i;
        if (len - i <= n || p[i + 1] < lo || p[i + 1] > hi)
            return i;
        for (size_t k = 2; k <= n; k++)
            if ((p[i + k] & 0xC0) != 0x80)
                return i;
        i += n + 1;
    }
    return len;
}

/* --------------------------------------------------------------- files */

ds_status
ds__open_regular(const char *path, FILE **f, struct stat *st, ds_error *err)
{
    *f = fopen(path, "rb");
    if (!*f)
        return ds__error_set(err, DS_EIO, path, 0, 0, "cannot open: %s",
                             strerror(errno));
    if (fstat(fileno(*f), st) != 0 || !S_ISREG(st->st_mode)) {
        fclose(*f);
        *f = NULL;
        return ds__error_set(err, DS_EIO, path, 0, 0, "not a regular file");
    }
    return DS_OK;
}

ds_status
ds__read_file(const char *path, char **buf, size_t *len, ds_error *err)
{
    FILE *f;
    struct stat st;
    ds_status ost = ds__open_regular(path, &f, &st, err);
    if (ost != DS_OK)
        return ost;
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *b = malloc(cap);
    if (!b) {
        fclose(f);
        return ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
    }
    for (;;) {
        if (n + 1 >= cap) {
            char *nb = realloc(b, cap * 2);
            if (!nb) {
                free(b);
                fclose(f);
                return ds__error_set(err, DS_ENOMEM, path, 0, 0,
                                     "out of memory");
            }
            b = nb;
            cap *= 2;
        }
        size_t r = fread(b + n, 1, cap - 1 - n, f);
        n += r;
        if (r == 0)
            break;
    }
    if (ferror(f)) {
        int e = errno;
        free(b);
        fclose(f);
        return ds__error_set(err, DS_EIO, path, 0, 0, "read error: %s",
                             strerror(e));
    }
    fclose(f);
    b[n] = '\0';
    *buf = b;
    *len = n;
    return DS_OK;
}
