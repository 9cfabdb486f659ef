/* load_weo.c - IMF World Economic Outlook exports (`WEO_Data.xls`).
 *
 * Despite the name the file is tab-separated text: UTF-16LE without a BOM
 * (as downloaded) or Latin-1 / UTF-8; CRLF; header "Country  Subject
 * Descriptor  Units  Scale  Country/Series-specific Notes  1980 ...
 * Estimates Start After" (full-database exports add "WEO Country Code",
 * "ISO", "WEO Subject Code"); numbers with thousands commas, or decimal
 * commas in locale-specific exports; "n/a" and "--" for missing; a Scale
 * column; after a blank line, a footer "International Monetary Fund,
 * World Economic Outlook Database, April 2021".
 *
 * Promises: text is converted with iconv; a value is the cell times its
 * Scale, parsed in the C locale with the scale applied as a decimal
 * exponent (no rounding error); years after "Estimates Start After" carry
 * the `projection` flag; the vintage is the first day of the footer's
 * month; a country name not in the country table is reported with its
 * row; a subject without a defspend meaning is skipped with a reason.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader_util.h"

#define MAX_COLS 256

typedef struct line {
    const char *s;
    size_t len;
    size_t no; /* 1-based */
} line;

typedef struct fields {
    const char *f[MAX_COLS];
    size_t len[MAX_COLS];
    size_t col[MAX_COLS]; /* 1-based character column */
    size_t n;
} fields;

static void
split(const line *l, fields *out)
{
    out->n = 0;
    size_t start = 0;
    for (size_t i = 0; i <= l->len && out->n < MAX_COLS; i++) {
        if (i == l->len || l->s[i] == '\t') {
            out->f[out->n] = l->s + start;
            out->len[out->n] = i - start;
            out->col[out->n] = ds__utf8_len(l->s, start) + 1;
            out->n++;
            start = i + 1;
        }
    }
}

static int
feq(const fields *f, size_t i, const char *s)
{
    return i < f->n && f->len[i] == strlen(s) &&
           memcmp(f->f[i], s, f->len[i]) == 0;
}

static int
is_utf16le(const char *buf, size_t len)
{
    if (len >= 2 && (unsigned char)buf[0] == 0xFF &&
        (unsigned char)buf[1] == 0xFE)
        return 1;
    return len >= 4 && buf[0] && !buf[1] && buf[2] && !buf[3];
}

/* The text as UTF-8 (malloc'ed). */
static ds_status
decode(const char *path, const char *buf, size_t len, char **out,
       size_t *olen, ds_error *err)
{
    if (is_utf16le(buf, len)) {
        size_t skip = (unsigned char)buf[0] == 0xFF ? 2 : 0;
        return ds__to_utf8(path, "UTF-16LE", buf + skip, len - skip, out,
                           olen, err);
    }
    if (!ds__utf8_valid(buf, len))
        return ds__to_utf8(path, "ISO-8859-1", buf, len, out, olen, err);
    size_t skip = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    char *c = malloc(len - skip + 1);
    if (!c)
        return ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
    memcpy(c, buf + skip, len - skip);
    c[len - skip] = '\0';
    *out = c;
    *olen = len - skip;
    return DS_OK;
}

static int
weo_detect(const char *buf, size_t len)
{
    char small[512];
    size_t n = 0;
    if (is_utf16le(buf, len)) {
        size_t i = (unsigned char)buf[0] == 0xFF ? 2 : 0;
        for (; i + 1 < len && n + 1 < sizeof small; i += 2)
            small[n++] = buf[i + 1] ? '?' : buf[i];
    } else {
        size_t i = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        for (; i < len && n + 1 < sizeof small; i++)
            small[n++] = buf[i];
    }
    small[n] = '\0';
    char *nl = strchr(small, '\n');
    if (nl)
        *nl = '\0';
    if (!strchr(small, '\t'))
        return 0;
    if (strstr(small, "Subject Descriptor") &&
        (strncmp(small, "Country\t", 8) == 0 ||
         strncmp(small, "WEO Country Code\t", 17) == 0))
        return 95;
    return 0;
}

typedef struct weo {
    ds__import_ctx *ctx;
    const char *path;
    int c_country, c_iso, c_code, c_subject, c_units, c_scale, c_est;
    int years[MAX_COLS];
    char dec;          /* decimal separator of the file */
    char vintage[11];
} weo;


/* "..., April 2021" -> 2021-04-01 */
static int
footer_date(const char *s, size_t len, char out[11])
{
    for (int m = 0; m < 12; m++) {
        const char *mn = ds_month_name(m + 1);
        size_t ml = strlen(mn);
        for (size_t i = 0; i + ml + 5 <= len; i++) {
            if (memcmp(s + i, mn, ml) != 0 || s[i + ml] != ' ')
                continue;
            long y;
            if (ds__parse_int_n(s + i + ml + 1, 4, 1980, 2999, &y)) {
                snprintf(out, 11, "%04ld-%02d-01", y, m + 1);
                return 1;
            }
        }
    }
    return 0;
}

static int
is_missing(const char *s, size_t len)
{
    return len == 0 || (len == 3 && memcmp(s, "n/a", 3) == 0) ||
           (len == 2 && memcmp(s, "--", 2) == 0);
}

/* The last separator of a number cell: '.', ',' or 0. */
static char
last_sep(const char *s, size_t len)
{
    for (size_t i = len; i-- > 0;)
        if (s[i] == '.' || s[i] == ',')
            return s[i];
    return 0;
}

/* Parse a WEO number with the file's decimal separator, times 10^exp10. */
static int
parse_num(const char *s, size_t len, char dec, int exp10, double *out)
{
    char t[96];
    size_t o = 0;
    char thou = dec == '.' ? ',' : '.';
    for (size_t i = 0; i < len; i++) {
        if (o + 8 >= sizeof t)
            return 0;
        if (s[i] == thou) {
            /* a group separator must sit between digits, 3 of them after */
            if (i == 0 || !isdigit((unsigned char)s[i - 1]) || i + 3 >= len ||
                !isdigit((unsigned char)s[i + 1]) ||
                !isdigit((unsigned char)s[i + 2]) ||
                !isdigit((unsigned char)s[i + 3]) ||
                (i + 4 < len && isdigit((unsigned char)s[i + 4])))
                return 0;
            continue;
        }
        t[o++] = s[i] == dec ? '.' : s[i];
    }
    if (o == 0 || strchr("eE", t[o - 1]))
        return 0;
    for (size_t i = 0; i < o; i++)
        if (t[i] == 'e' || t[i] == 'E')
            return 0; /* WEO never prints exponents; the scale adds one */
    o += (size_t)snprintf(t + o, sizeof t - o, "e%d", exp10);
    return ds__parse_double_n(t, o, out);
}

static int
scale_exp(const char *s, size_t len, int *e)
{
    static const struct {
        const char *name;
        int e;
    } scales[] = {{"Units", 0},      {"", 0},        {"Thousands", 3},
                  {"Millions", 6},   {"Billions", 9}, {"Trillions", 12}};
    for (size_t i = 0; i < sizeof scales / sizeof *scales; i++)
        if (strlen(scales[i].name) == len &&
            memcmp(scales[i].name, s, len) == 0) {
            *e = scales[i].e;
            return 1;
        }
    return 0;
}

static ds_status
header(weo *w, const line *l, const fields *f, ds_error *err)
{
    char q[80];
    w->c_country = w->c_iso = w->c_code = w->c_subject = w->c_units =
        w->c_scale = w->c_est = -1;
    for (size_t i = 0; i < f->n; i++) {
        w->years[i] = 0;
        long y;
        if (feq(f, i, "Country")) w->c_country = (int)i;
        else if (feq(f, i, "ISO")) w->c_iso = (int)i;
        else if (feq(f, i, "WEO Subject Code")) w->c_code = (int)i;
        else if (feq(f, i, "Subject Descriptor")) w->c_subject = (int)i;
        else if (feq(f, i, "Units")) w->c_units = (int)i;
        else if (feq(f, i, "Scale")) w->c_scale = (int)i;
        else if (feq(f, i, "Estimates Start After")) w->c_est = (int)i;
        else if (f->len[i] == 4 &&
                 ds__parse_int_n(f->f[i], 4, 1900, 2999, &y))
            w->years[i] = (int)y;
    }
    static const char *const need[] = {"Country", "Subject Descriptor",
                                       "Units", "Scale"};
    int have[] = {w->c_country, w->c_subject, w->c_units, w->c_scale};
    for (size_t k = 0; k < 4; k++)
        if (have[k] < 0)
            return ds__error_set(err, DS_EPARSE, w->path, l->no, 1,
                                 "missing column '%s' in the header",
                                 need[k]);
    (void)q;
    return DS_OK;
}

static ds_status
data_row(weo *w, const line *l, const fields *f, ds_error *err)
{
    ds__import_ctx *c = w->ctx;
    char q[80], name[256];
    size_t need = (size_t)w->c_scale + 1;
    if (f->n < need)
        return ds__error_set(err, DS_EPARSE, w->path, l->no,
                             f->n ? f->col[f->n - 1] + f->len[f->n - 1] : 1,
                             "expected at least %zu fields, found %zu", need,
                             f->n);
    snprintf(name, sizeof name, "%.*s", (int)f->len[w->c_country],
             f->f[w->c_country]);
    char subj[256], units[128], code[32] = "";
    snprintf(subj, sizeof subj, "%.*s", (int)f->len[w->c_subject],
             f->f[w->c_subject]);
    snprintf(units, sizeof units, "%.*s", (int)f->len[w->c_units],
             f->f[w->c_units]);
    if (w->c_code >= 0 && (size_t)w->c_code < f->n)
        snprintf(code, sizeof code, "%.*s", (int)f->len[w->c_code],
                 f->f[w->c_code]);

    int lcu;
    if ((code[0] && strcmp(code, "NGDPD") == 0) ||
        (!code[0] &&
         strcmp(subj, "Gross domestic product, current prices") == 0 &&
         strcmp(units, "U.S. dollars") == 0))
        lcu = 0;
    else if ((code[0] && strcmp(code, "NGDP") == 0) ||
             (!code[0] &&
              strcmp(subj, "Gross domestic product, current prices") == 0 &&
              strcmp(units, "National currency") == 0))
        lcu = 1;
    else {
        if (!c->indicators)
            ds__skipf(c, l->no, f->col[w->c_subject],
                      "subject '%s' in '%s' has no defspend indicator",
                      ds__quote(subj, q, sizeof q), units);
        return DS_OK;
    }
    if (!ds__want_indicator(c, "gdp", code[0] ? code : NULL))
        return DS_OK;

    const ds_country *k = NULL;
    if (w->c_iso >= 0 && (size_t)w->c_iso < f->n && f->len[w->c_iso]) {
        char iso[17];
        snprintf(iso, sizeof iso, "%.*s", (int)f->len[w->c_iso],
                 f->f[w->c_iso]);
        k = ds__country_find(c, iso);
    }
    if (!k)
        k = ds__country_find(c, name);
    if (!k) {
        ds__skipf(c, l->no, f->col[w->c_country],
                  "country '%s' is not in the country table (add an alias "
                  "in datasets/build_datasets.py)",
                  ds__quote(name, q, sizeof q));
        return DS_OK;
    }
    if (!ds__want_country(c, k->iso3))
        return DS_OK;
    const char *cur = lcu ? k->currency : "USD";
    if (lcu && strcmp(cur, "USD") == 0) {
        ds__skipf(c, l->no, f->col[w->c_units],
                  "national-currency GDP of '%s': its currency is the US "
                  "dollar, and the U.S. dollars row is the one kept", name);
        return DS_OK;
    }
    if (!cur[0]) {
        ds__skipf(c, l->no, f->col[w->c_units],
                  "national-currency GDP of '%s': no ISO 4217 currency is "
                  "known for %s", name, k->iso3);
        return DS_OK;
    }
    int e10;
    if (!scale_exp(f->f[w->c_scale], f->len[w->c_scale], &e10)) {
        char sc[64];
        snprintf(sc, sizeof sc, "%.*s", (int)f->len[w->c_scale],
                 f->f[w->c_scale]);
        return ds__error_set(err, DS_EPARSE, w->path, l->no,
                             f->col[w->c_scale],
                             "unknown scale '%s' (expected Units, "
                             "Thousands, Millions or Billions)",
                             ds__quote(sc, q, sizeof q));
    }
    long est = 0;
    if (w->c_est >= 0 && (size_t)w->c_est < f->n && f->len[w->c_est] &&
        !is_missing(f->f[w->c_est], f->len[w->c_est]) &&
        !ds__parse_int_n(f->f[w->c_est], f->len[w->c_est], 1900, 2999, &est)) {
        char t[64];
        snprintf(t, sizeof t, "%.*s", (int)f->len[w->c_est], f->f[w->c_est]);
        return ds__error_set(err, DS_EPARSE, w->path, l->no,
                             f->col[w->c_est],
                             "invalid 'Estimates Start After' year '%s'",
                             ds__quote(t, q, sizeof q));
    }
    char source[480];
    snprintf(source, sizeof source, "IMF WEO %s (%s, %s)",
             code[0] ? code : (lcu ? "NGDP" : "NGDPD"), subj, units);
    for (size_t i = 0; i < f->n; i++) {
        if (!w->years[i] || is_missing(f->f[i], f->len[i]))
            continue;
        double v;
        if (!parse_num(f->f[i], f->len[i], w->dec, e10, &v)) {
            char t[96];
            snprintf(t, sizeof t, "%.*s", (int)(f->len[i] < 90 ? f->len[i] : 90),
                     f->f[i]);
            return ds__error_set(err, DS_EPARSE, w->path, l->no, f->col[i],
                                 "invalid number '%s'",
                                 ds__quote(t, q, sizeof q));
        }
        unsigned flags = (est && w->years[i] > est) ? DS_FLAG_PROJECTION : 0u;
        if (k->aggregate)
            flags |= DS_FLAG_AGGREGATE;
        ds__obs_spec o = {k->iso3, w->years[i], 1, "gdp", v, cur, "current",
                          "imf_weo", source, w->vintage, flags, "",
                          l->no, f->col[i]};
        ds_status st = ds__emit(c, &o, err);
        if (st != DS_OK)
            return st;
    }
    return DS_OK;
}

/* Next line of text (without CR/LF); returns 0 at the end. */
static int
next_line(const char *t, size_t len, size_t *pos, line *l)
{
    if (*pos >= len)
        return 0;
    const char *nl = memchr(t + *pos, '\n', len - *pos);
    size_t end = nl ? (size_t)(nl - t) : len;
    l->s = t + *pos;
    l->len = end - *pos;
    while (l->len && l->s[l->len - 1] == '\r')
        l->len--;
    l->no++;
    *pos = nl ? end + 1 : len;
    return 1;
}

static ds_status
weo_load(ds__import_ctx *ctx, ds_error *err)
{
    char *text;
    size_t len;
    ds_status st = decode(ctx->path, ctx->buf, ctx->len, &text, &len, err);
    if (st != DS_OK)
        return st;
    weo *w = calloc(1, sizeof *w);
    fields *f = malloc(sizeof *f);
    if (!w || !f) {
        free(w);
        free(f);
        free(text);
        return ds__error_set(err, DS_ENOMEM, ctx->path, 0, 0,
                             "out of memory");
    }
    w->ctx = ctx;
    w->path = ctx->path;
    line l = {NULL, 0, 0};
    size_t pos = 0;
    if (!next_line(text, len, &pos, &l)) {
        st = ds__error_set(err, DS_EPARSE, ctx->path, 1, 1, "empty file");
        goto out;
    }
    split(&l, f);
    if ((st = header(w, &l, f, err)) != DS_OK)
        goto out;
    /* pass 1: the footer (vintage) and the decimal separator */
    size_t body = pos, nl_no = l.no, dots = 0, commas = 0;
    line m = l;
    while (next_line(text, len, &pos, &m)) {
        if (m.len == 0) {
            line foot = m;
            while (next_line(text, len, &pos, &foot))
                if (foot.len && footer_date(foot.s, foot.len, w->vintage))
                    break;
            break;
        }
        split(&m, f);
        for (size_t i = 0; i < f->n; i++)
            if (w->years[i] && !is_missing(f->f[i], f->len[i])) {
                char s = last_sep(f->f[i], f->len[i]);
                dots += s == '.';
                commas += s == ',';
            }
    }
    w->dec = commas > dots ? ',' : '.';
    /* pass 2: the rows */
    pos = body;
    l.no = nl_no;
    while (next_line(text, len, &pos, &l) && l.len) {
        split(&l, f);
        if ((st = data_row(w, &l, f, err)) != DS_OK)
            goto out;
    }
out:
    free(f);
    free(w);
    free(text);
    return st;
}

const ds__loader ds__loader_weo = {"weo", weo_detect, weo_load};
