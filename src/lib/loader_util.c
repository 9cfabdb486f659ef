/* loader_util.c - what every source-format loader needs: filters, skip
 * reports, interning and adding observations, the WDI series table, date
 * and encoding conversion (iconv), zip archives (libzip) and a streaming
 * CSV reader.
 *
 * Promises: nothing here prints; every failure is a ds_status with a
 * positioned ds_error; the streaming reader's memory is bounded by the
 * longest CSV record, whatever the file's size.
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zip.h>

#include "loader_util.h"

/* ------------------------------------------------------------ filters */

static int
code_eq(const char *a, const char *b)
{
    /* "NY.GDP.PCAP.CD" matches "ny_gdp_pcap_cd" */
    for (; *a && *b; a++, b++) {
        char x = (char)tolower((unsigned char)*a);
        char y = (char)tolower((unsigned char)*b);
        if (x == '.' || x == '-')
            x = '_';
        if (y == '.' || y == '-')
            y = '_';
        if (x != y)
            return 0;
    }
    return *a == *b;
}

int
ds__asked_code(const ds__import_ctx *c, const char *code)
{
    if (!code)
        return 0;
    for (size_t i = 0; i < c->n_indicators; i++)
        if (code_eq(c->indicators[i], code))
            return 1;
    return 0;
}

int
ds__want_indicator(const ds__import_ctx *c, const char *name,
                   const char *code)
{
    if (!c->indicators || c->n_indicators == 0)
        return 1;
    for (size_t i = 0; i < c->n_indicators; i++)
        if ((name && strcmp(c->indicators[i], name) == 0) ||
            (code && code_eq(c->indicators[i], code)))
            return 1;
    return 0;
}

int
ds__want_country(const ds__import_ctx *c, const char *iso3)
{
    if (!c->country_filter || c->n_countries == 0)
        return 1;
    for (size_t i = 0; i < c->n_countries; i++)
        if (strcmp(c->country_filter[i], iso3) == 0)
            return 1;
    return 0;
}

void
ds__skipf(ds__import_ctx *c, size_t line, size_t column, const char *fmt,
          ...)
{
    if (!c->skip)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->skip(c->skip_ctx, c->path, line, column, msg);
}

void
ds__unused(ds__import_ctx *c, const char *series, size_t series_len,
           const char *name, size_t name_len)
{
    if (c->unused)
        c->unused(c->skip_ctx, c->path, series, series_len, name, name_len);
}

const ds_country *
ds__country_find(const ds__import_ctx *c, const char *name)
{
    const ds_country *k;
    if (!c->countries || !name[0])
        return NULL;
    if (ds_countries_lookup(c->countries, name, &k, NULL) != DS_OK)
        return NULL;
    return k;
}

/* ------------------------------------------------------- observations */

ds_status
ds__emit(ds__import_ctx *c, const ds__obs_spec *o, ds_error *err)
{
    ds__pool *p = c->batch->pool;
    ds_obs ob;
    memset(&ob, 0, sizeof ob);
#define IN(s) ds__pool_intern(p, (s) ? (s) : "", (s) ? strlen(s) : 0)
    ob.country = IN(o->country);
    ob.indicator = IN(o->indicator);
    ob.currency = IN(o->currency);
    ob.price_basis = IN(o->price_basis);
    ob.definition = IN(o->definition);
    ob.source = IN(o->source);
    ob.vintage = IN(o->vintage);
    ob.note = IN(o->note);
    ob.path = IN(c->path);
#undef IN
    if (!ob.country || !ob.indicator || !ob.currency || !ob.price_basis ||
        !ob.definition || !ob.source || !ob.vintage || !ob.note || !ob.path)
        return ds__error_set(err, DS_ENOMEM, c->path, o->line, 0,
                             "out of memory");
    ob.year = o->year;
    ob.fy_start_month = o->fy_start_month ? o->fy_start_month : 1;
    ob.value = o->value;
    ob.flags = o->flags;
    ob.line = o->line;
    return ds__store_add(c->batch, &ob, o->column, err);
}

/* ------------------------------------------------------- WDI series */

static const ds__wdi_series wdi_series[] = {
    {"NY.GDP.MKTP.CD", "gdp", DS__CUR_USD, "current"},
    {"NY.GDP.MKTP.CN", "gdp", DS__CUR_LCU, "current"},
    {"MS.MIL.XPND.CD", "milex", DS__CUR_USD, "current"},
    {"MS.MIL.XPND.CN", "milex", DS__CUR_LCU, "current"},
    {"MS.MIL.XPND.GD.ZS", "milex_gdp_pct", DS__CUR_NONE, ""},
    {"MS.MIL.XPND.ZS", "milex_gov_pct", DS__CUR_NONE, ""},
    {"PA.NUS.FCRF", "fx", DS__CUR_LCU, ""},
    {"SP.POP.TOTL", "population", DS__CUR_NONE, ""},
    {"NY.GDP.DEFL.ZS", "gdp_deflator", DS__CUR_NONE, ""},
};

const ds__wdi_series *
ds__wdi_series_find(const char *code)
{
    for (size_t i = 0; i < sizeof wdi_series / sizeof *wdi_series; i++)
        if (strcmp(wdi_series[i].code, code) == 0)
            return &wdi_series[i];
    return NULL;
}

char *
ds__indicator_from_code(const char *code, char *buf, size_t size)
{
    size_t o = 0;
    for (; *code && o + 1 < size; code++) {
        unsigned char ch = (unsigned char)*code;
        if (isalnum(ch))
            buf[o++] = (char)tolower(ch);
        else
            buf[o++] = '_';
    }
    if (size)
        buf[o] = '\0';
    return buf;
}

/* --------------------------------------------------------------- text */

static int
digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

int
ds__date_iso_why(const char *s, char out[11], char *why, size_t why_size)
{
    size_t n = strlen(s);
    int y, m, d;
    if (why && why_size)
        snprintf(why, why_size, "expected YYYY-MM-DD or MM/DD/YYYY");
    if (n == 10 && s[4] == '-' && s[7] == '-' && digits(s, 4) &&
        digits(s + 5, 2) && digits(s + 8, 2)) {
        y = atoi(s);
        m = atoi(s + 5);
        d = atoi(s + 8);
    } else if (n == 10 && s[2] == '/' && s[5] == '/' && digits(s, 2) &&
               digits(s + 3, 2) && digits(s + 6, 4)) {
        m = atoi(s); /* US order, as the World Bank prints it */
        d = atoi(s + 3);
        y = atoi(s + 6);
    } else {
        return 0;
    }
    if (y < 1900 || y > 2999) {
        if (why && why_size)
            snprintf(why, why_size, "expected a year from 1900 to 2999");
        return 0;
    }
    char iso[16];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
    /* the calendar: no 2023-02-29, no 2024-04-31 */
    if (!ds__date_check(iso, strlen(iso), NULL, NULL, NULL, NULL, why,
                        why_size))
        return 0;
    memcpy(out, iso, 11);
    return 1;
}

int
ds__date_iso(const char *s, char out[11])
{
    return ds__date_iso_why(s, out, NULL, 0);
}

int
ds__utf8_valid(const char *s, size_t len)
{
    return ds__utf8_check(s, len) == len;
}

char *
ds__trim(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    size_t i = 0;
    while (s[i] == ' ' || s[i] == '\t')
        i++;
    if (i)
        memmove(s, s + i, n - i + 1);
    return s;
}

ds_status
ds__to_utf8(const char *path, const char *from, const char *buf, size_t len,
            char **out, size_t *outlen, ds_error *err)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return ds__error_set(err, DS_EIO, path, 0, 0,
                             "cannot convert from %s: %s", from,
                             strerror(errno));
    size_t cap = len * 2 + 16, used = 0;
    char *o = malloc(cap);
    if (!o) {
        iconv_close(cd);
        return ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
    }
    char *in = (char *)buf;
    size_t inleft = len;
    while (inleft > 0) {
        char *dst = o + used;
        size_t dleft = cap - used - 1;
        size_t r = iconv(cd, &in, &inleft, &dst, &dleft);
        used = (size_t)(dst - o);
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG) {
            char *n = realloc(o, cap * 2);
            if (!n) {
                free(o);
                iconv_close(cd);
                return ds__error_set(err, DS_ENOMEM, path, 0, 0,
                                     "out of memory");
            }
            o = n;
            cap *= 2;
            continue;
        }
        size_t at = (size_t)(in - buf);
        free(o);
        iconv_close(cd);
        return ds__error_set(err, DS_EPARSE, path, 0, 0,
                             "invalid %s text at byte %zu", from, at + 1);
    }
    iconv_close(cd);
    o[used] = '\0';
    *out = o;
    *outlen = used;
    return DS_OK;
}

/* ---------------------------------------------------------------- zip */

struct ds__zip {
    zip_t *z;
    const char *path;
};

int
ds__is_zip(const char *buf, size_t len)
{
    /* a local file header, or the end record alone (an empty archive) */
    return len >= 4 && (memcmp(buf, "PK\x03\x04", 4) == 0 ||
                        memcmp(buf, "PK\x05\x06", 4) == 0);
}

/* An entry named "/etc/x", "../x", "a/../../x" or "C:\x" is how archives
 * try to write outside the folder they are unpacked in.  defspend never
 * unpacks to disk, but such an archive is not a publisher's download:
 * refuse it.  Returns DS_OK or sets err. */
static ds_status
check_names(zip_t *z, const char *path, ds_error *err)
{
    zip_int64_t n = zip_get_num_entries(z, 0);
    char q[80];
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
        if (!name)
            continue;
        int bad = name[0] == '/' || name[0] == '\\' ||
                  (name[0] && name[1] == ':');
        for (const char *p = name; !bad && *p; p++)
            bad = p[0] == '.' && p[1] == '.' &&
                  (p == name || p[-1] == '/' || p[-1] == '\\') &&
                  (p[2] == '\0' || p[2] == '/' || p[2] == '\\');
        if (bad)
            return ds__error_set(err, DS_EPARSE, path, 0, 0,
                                 "zip entry '%s' has an absolute path or "
                                 "'..' (refused: archives from publishers "
                                 "never do)",
                                 ds__quote(name, q, sizeof q));
    }
    return DS_OK;
}

static ds_status
zip_err(const char *path, zip_error_t *ze, ds_error *err)
{
    return ds__error_set(err, DS_EPARSE, path, 0, 0, "not a readable zip "
                         "archive: %s", zip_error_strerror(ze));
}

ds_status
ds__zip_open(const char *path, const char *buf, size_t len, ds__zip **out,
             ds_error *err)
{
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(buf, len, 0, &ze);
    if (!src) {
        ds_status st = zip_err(path, &ze, err);
        zip_error_fini(&ze);
        return st;
    }
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!z) {
        zip_source_free(src);
        ds_status st = zip_err(path, &ze, err);
        zip_error_fini(&ze);
        return st;
    }
    zip_error_fini(&ze);
    ds_status nst = check_names(z, path, err);
    if (nst != DS_OK) {
        zip_discard(z);
        return nst;
    }
    ds__zip *r = malloc(sizeof *r);
    if (!r) {
        zip_discard(z);
        return ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
    }
    r->z = z;
    r->path = path;
    *out = r;
    return DS_OK;
}

ds_status
ds__zip_open_file(const char *path, ds__zip **out, ds_error *err)
{
    int e = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &e);
    if (!z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, e);
        ds_status st = zip_err(path, &ze, err);
        zip_error_fini(&ze);
        return st;
    }
    ds_status nst = check_names(z, path, err);
    if (nst != DS_OK) {
        zip_discard(z);
        return nst;
    }
    ds__zip *r = malloc(sizeof *r);
    if (!r) {
        zip_discard(z);
        return ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
    }
    r->z = z;
    r->path = path;
    *out = r;
    return DS_OK;
}

void
ds__zip_close(ds__zip *z)
{
    if (!z)
        return;
    zip_discard(z->z);
    free(z);
}

size_t
ds__zip_count(const ds__zip *z)
{
    zip_int64_t n = zip_get_num_entries(z->z, 0);
    return n > 0 ? (size_t)n : 0;
}

const char *
ds__zip_name(const ds__zip *z, size_t i)
{
    const char *n = zip_get_name(z->z, (zip_uint64_t)i, 0);
    return n ? n : "";
}

size_t
ds__zip_size(const ds__zip *z, size_t i)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z->z, (zip_uint64_t)i, 0, &st) != 0 ||
        !(st.valid & ZIP_STAT_SIZE))
        return 0;
    return (size_t)st.size;
}

size_t
ds__zip_find(const ds__zip *z, const char *prefix, const char *suffix)
{
    size_t n = ds__zip_count(z);
    for (size_t i = 0; i < n; i++) {
        const char *name = ds__zip_name(z, i);
        const char *base = strrchr(name, '/');
        base = base ? base + 1 : name;
        size_t bl = strlen(base), pl = strlen(prefix), sl = strlen(suffix);
        if (bl >= pl + sl && strncmp(base, prefix, pl) == 0 &&
            strcmp(base + bl - sl, suffix) == 0)
            return i;
    }
    return (size_t)-1;
}

#define ZIP_FLOOR_BYTES ((size_t)64 << 20)
#define ZIP_MAX_BYTES ((size_t)2 << 30)
#define ZIP_MAX_RATIO 200

static size_t
zip_member_limit(const ds__zip *z, size_t i)
{
    zip_stat_t st;
    zip_stat_init(&st);
    size_t comp = 0;
    if (zip_stat_index(z->z, (zip_uint64_t)i, 0, &st) == 0 &&
        (st.valid & ZIP_STAT_COMP_SIZE))
        comp = st.comp_size > ZIP_MAX_BYTES ? ZIP_MAX_BYTES
                                            : (size_t)st.comp_size;
    size_t lim = comp * ZIP_MAX_RATIO;
    if (lim < ZIP_FLOOR_BYTES)
        lim = ZIP_FLOOR_BYTES;
    return lim > ZIP_MAX_BYTES ? ZIP_MAX_BYTES : lim;
}

ds_status
ds__zip_read(ds__zip *z, size_t i, char **buf, size_t *len, ds_error *err)
{
    const char *name = ds__zip_name(z, i);
    zip_file_t *f = zip_fopen_index(z->z, (zip_uint64_t)i, 0);
    if (!f)
        return ds__error_set(err, DS_EPARSE, z->path, 0, 0,
                             "cannot read '%s' in the zip archive: %s", name,
                             zip_strerror(z->z));
    /* a zip bomb: ordinary CSV deflates at most some 50 to 1; refuse a
     * member that says (or turns out) to be over 200 times its compressed
     * size once past 64 MiB, and anything over 2 GiB */
    size_t limit = zip_member_limit(z, i);
    if (ds__zip_size(z, i) > limit) {
        zip_fclose(f);
        return ds__error_set(err, DS_EPARSE, z->path, 0, 0,
                             "'%s' in the zip archive claims %zu bytes "
                             "uncompressed, over the limit of %zu (refused "
                             "as a possible zip bomb)",
                             name, ds__zip_size(z, i), limit);
    }
    size_t cap = ds__zip_size(z, i) + 1, n = 0;
    if (cap < 4096)
        cap = 4096;
    char *b = malloc(cap);
    if (!b) {
        zip_fclose(f);
        return ds__error_set(err, DS_ENOMEM, z->path, 0, 0, "out of memory");
    }
    for (;;) {
        if (n + 1 >= cap) {
            char *nb = realloc(b, cap * 2);
            if (!nb) {
                free(b);
                zip_fclose(f);
                return ds__error_set(err, DS_ENOMEM, z->path, 0, 0,
                                     "out of memory");
            }
            b = nb;
            cap *= 2;
        }
        zip_int64_t r = zip_fread(f, b + n, cap - 1 - n);
        if (r < 0) {
            ds_status st = ds__error_set(
                err, DS_EPARSE, z->path, 0, 0,
                "cannot read '%s' in the zip archive: %s", name,
                zip_file_strerror(f));
            free(b);
            zip_fclose(f);
            return st;
        }
        if (r == 0)
            break;
        n += (size_t)r;
        if (n > limit) {
            free(b);
            zip_fclose(f);
            return ds__error_set(err, DS_EPARSE, z->path, 0, 0,
                                 "'%s' in the zip archive inflates to over "
                                 "%zu bytes (refused as a possible zip "
                                 "bomb)", name, limit);
        }
    }
    zip_fclose(f);
    b[n] = '\0';
    *buf = b;
    *len = n;
    return DS_OK;
}

ds_status
ds__zip_stream_open(ds__zip *z, size_t i, void **src, ds_error *err)
{
    zip_file_t *f = zip_fopen_index(z->z, (zip_uint64_t)i, 0);
    if (!f)
        return ds__error_set(err, DS_EPARSE, z->path, 0, 0,
                             "cannot read '%s' in the zip archive: %s",
                             ds__zip_name(z, i), zip_strerror(z->z));
    *src = f;
    return DS_OK;
}

size_t
ds__read_zip(void *src, char *buf, size_t n)
{
    zip_int64_t r = zip_fread((zip_file_t *)src, buf, n);
    return r < 0 ? (size_t)-1 : (size_t)r;
}

void
ds__zip_stream_close(void *src)
{
    if (src)
        zip_fclose((zip_file_t *)src);
}

/* ---------------------------------------------------- streaming CSV */

size_t
ds__read_stdio(void *file, char *buf, size_t n)
{
    FILE *f = file;
    size_t r = fread(buf, 1, n, f);
    if (r == 0 && ferror(f))
        return (size_t)-1;
    return r;
}

typedef struct shift_ctx {
    ds__csv_fn fn;
    void *ctx;
    size_t base; /* physical line of the record's first line, minus 1 */
} shift_ctx;

static ds_status
shifted(void *ctx, const ds__csv_row *row, ds_error *err)
{
    shift_ctx *s = ctx;
    ds__csv_row r = *row;
    r.line += s->base;
    return s->fn(s->ctx, &r, err);
}

ds_status
ds__csv_stream(const char *path, ds__read_fn read, void *src, char delim,
               ds__csv_fn fn, void *ctx,
               void (*progress)(void *pctx, size_t done), void *pctx,
               ds_error *err)
{
    return ds__csv_stream_skip(path, read, src, delim, fn, NULL, ctx,
                               progress, pctx, err);
}

/* The bytes are read into one buffer (256 KB, grown only for a record
 * longer than that) and records are cut from it in place: a record ends at
 * a newline where the quotes seen since its start are even.  A line that
 * `skip` passes over costs one memchr for its end plus what skip does. */
ds_status
ds__csv_stream_skip(const char *path, ds__read_fn read, void *src,
                    char delim, ds__csv_fn fn, ds__csv_skip_fn skip,
                    void *ctx, void (*progress)(void *pctx, size_t done),
                    void *pctx, ds_error *err)
{
    size_t cap = (size_t)1 << 18;
    char *buf = malloc(cap);
    size_t have = 0;      /* bytes in buf */
    size_t pos = 0;       /* start of the current record in buf */
    size_t scan = 0;      /* its end is searched for from here */
    int in_quote = 0;     /* quote parity of buf[pos..scan) */
    size_t line = 0;      /* physical lines before the current record */
    size_t rec_lines = 0; /* newlines in buf[pos..scan) */
    size_t done = 0;
    int first = 1, eof = 0;
    ds_status st = DS_OK;
    shift_ctx sc = {fn, ctx, 0};
    if (!buf)
        return ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
    for (;;) {
        /* every complete record in buf[pos..have) */
        while (st == DS_OK) {
            if (skip && ds__csv_fast && scan == pos) {
                const char *nl = memchr(buf + pos, '\n', have - pos);
                if (!nl)
                    break;
                size_t len = (size_t)(nl - (buf + pos));
                if (skip(ctx, buf + pos, len)) {
                    line++;
                    pos = scan = pos + len + 1;
                    continue;
                }
            }
            const char *nl = memchr(buf + scan, '\n', have - scan);
            if (!nl)
                break;
            size_t end = (size_t)(nl - buf) + 1;
            for (const char *q = buf + scan;
                 (q = memchr(q, '"', end - (size_t)(q - buf))) != NULL; q++)
                in_quote = !in_quote;
            rec_lines++;
            scan = end;
            if (in_quote)
                continue; /* a newline inside a quoted field */
            sc.base = line;
            st = ds__csv_read(path, buf + pos, end - pos, delim, shifted, &sc,
                              err);
            if (st != DS_OK && err && err->line && err->line < line + 1)
                err->line += sc.base;
            line += rec_lines;
            rec_lines = 0;
            pos = scan = end;
        }
        if (st != DS_OK || eof)
            break;
        /* keep the unfinished record: to the front, the buffer grown if
         * the record fills it */
        if (pos) {
            memmove(buf, buf + pos, have - pos);
            have -= pos;
            scan -= pos;
            pos = 0;
        }
        if (have == cap && cap >= ((size_t)256 << 20)) {
            /* one record over 256 MiB: a zip bomb or not CSV at all */
            st = ds__error_set(err, DS_EPARSE, path, line + 1, 0,
                               "a record longer than %zu bytes", cap);
            break;
        }
        if (have == cap) {
            char *b = realloc(buf, cap * 2);
            if (!b) {
                st = ds__error_set(err, DS_ENOMEM, path, line + 1, 0,
                                   "out of memory");
                break;
            }
            buf = b;
            cap *= 2;
        }
        size_t n = read(src, buf + have, cap - have);
        if (n == (size_t)-1) {
            st = ds__error_set(err, DS_EIO, path, line + 1, 0,
                               "read error: %s", strerror(errno));
            break;
        }
        if (first && n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
            pos = scan = 3;
        if (n)
            first = 0;
        have += n;
        done += n;
        if (progress && n)
            progress(pctx, done);
        if (n == 0)
            eof = 1;
    }
    if (st == DS_OK && have > pos) {
        sc.base = line;
        st = ds__csv_read(path, buf + pos, have - pos, delim, shifted, &sc,
                          err);
        if (st != DS_OK && err && err->line && err->line < line + 1)
            err->line += sc.base;
    }
    free(buf);
    return st;
}

const char *
ds__row_currency(const ds_country *k, const char *word)
{
    /* shared currencies a country may adopt: the word wins */
    if (strncasecmp(word, "euro", 4) == 0)
        return "EUR";
    if (ds__strcaseeq(word, "US dollars") || ds__strcaseeq(word, "US dollar"))
        return "USD";
    return k->currency && k->currency[0] ? k->currency : NULL;
}

int
ds__contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return 1;
    return 0;
}
