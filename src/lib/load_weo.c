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
 * Every subject with a defspend meaning is read (the table `subjects`
 * below: GDP in US$, national currency, constant prices with the notes'
 * "Base year", real growth, deflator, CPI and inflation, PPP GDP).  A
 * single-country export has no Country column (--as country=ISO3 names
 * it) and may be comma-separated with quoted numbers ("1,213.39").
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

/* Split a line at delim; a field in double quotes ("1,213.39", as a
 * single-country CSV export writes numbers) loses its quotes. */
static void
split(const line *l, char delim, fields *out)
{
    out->n = 0;
    size_t start = 0;
    int quoted = 0;
    for (size_t i = 0; i <= l->len && out->n < MAX_COLS; i++) {
        if (i < l->len && l->s[i] == '"' && delim == ',')
            quoted = !quoted;
        if (i == l->len || (l->s[i] == delim && !quoted)) {
            size_t b = start, e = i;
            if (e - b >= 2 && l->s[b] == '"' && l->s[e - 1] == '"') {
                b++;
                e--;
            }
            out->f[out->n] = l->s + b;
            out->len[out->n] = e - b;
            out->col[out->n] = ds__utf8_len(l->s, b) + 1;
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
    char d = strchr(small, '\t') ? '\t' : ',';
    static const char *const first[] = {"Country", "WEO Country Code",
                                        "Subject Descriptor",
                                        "WEO Subject Code"};
    if (!strstr(small, "Subject Descriptor") || !strstr(small, "Units"))
        return 0;
    for (size_t k = 0; k < sizeof first / sizeof *first; k++) {
        size_t n = strlen(first[k]);
        if (strncmp(small, first[k], n) == 0 && small[n] == d)
            return 95;
    }
    return 0;
}

typedef struct weo {
    ds__import_ctx *ctx;
    const char *path;
    int c_country, c_iso, c_code, c_subject, c_units, c_scale, c_est;
    int years[MAX_COLS];
    char dec;          /* decimal separator of the file */
    char delim;        /* '\t' (WEO_Data.xls) or ',' (a CSV export) */
    const ds_country *only; /* --as country for a single-country export */
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
    size_t o = ds__degroup(s, len, dec == '.' ? ',' : '.', dec, t, sizeof t);
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
    const ds__as *as = DS__AS(w->ctx);
    if (w->c_country < 0 && w->c_iso < 0 && w->c_subject >= 0) {
        /* a single-country export names its country nowhere in the table */
        if (!as->country[0])
            return ds__error_set(err, DS_EPARSE, w->path, l->no, 1,
                                 "missing column 'Country' in the header: "
                                 "for a single-country export give the "
                                 "country with %s country=ISO3",
                                 ds__as_opt(as));
        w->only = ds__country_find(w->ctx, as->country);
        if (!w->only)
            return ds__error_set(err, DS_EINVAL, w->path, l->no, 1,
                                 "%s country='%s' is not in the country "
                                 "table", ds__as_opt(as),
                                 ds__quote(as->country, q, sizeof q));
        have[0] = 0;
    }
    for (size_t k = 0; k < 4; k++)
        if (have[k] < 0)
            return ds__error_set(err, DS_EPARSE, w->path, l->no, 1,
                                 "missing column '%s' in the header",
                                 need[k]);
    return DS_OK;
}

/* Every WEO subject with a defspend meaning.  Matched by the WEO Subject
 * Code when the export has that column, else by Subject Descriptor and
 * Units as the WEO writes them.  Indicators are defspend's (gdp,
 * gdp_deflator as the WDI loader stores them) or new ones for the IMF's
 * forecasts of growth and prices: gdp_real_growth and cpi_inflation are
 * percent changes (not shares: no _pct suffix), cpi an index, gdp_ppp GDP
 * in international dollars at purchasing power parity. */
enum { W_NONE, W_USD, W_LCU };
static const struct weo_subject {
    const char *code, *subject, *units;
    const char *indicator;
    int currency;      /* W_* */
    const char *price; /* "current", "constant" (base year from the notes)
                          or "" */
} subjects[] = {
    {"NGDPD", "Gross domestic product, current prices", "U.S. dollars",
     "gdp", W_USD, "current"},
    {"NGDP", "Gross domestic product, current prices", "National currency",
     "gdp", W_LCU, "current"},
    {"NGDP_R", "Gross domestic product, constant prices", "National currency",
     "gdp", W_LCU, "constant"},
    {"NGDP_RPCH", "Gross domestic product, constant prices", "Percent change",
     "gdp_real_growth", W_NONE, ""},
    {"NGDP_D", "Gross domestic product, deflator", "Index", "gdp_deflator",
     W_NONE, ""},
    {"PCPI", "Inflation, average consumer prices", "Index", "cpi", W_NONE,
     ""},
    {"PCPIPCH", "Inflation, average consumer prices", "Percent change",
     "cpi_inflation", W_NONE, ""},
    {"PPPGDP", "Gross domestic product, current prices",
     "Purchasing power parity; international dollars", "gdp_ppp", W_NONE,
     "current"},
};

static const struct weo_subject *
subject_find(const char *code, const char *subj, const char *units)
{
    for (size_t i = 0; i < sizeof subjects / sizeof *subjects; i++) {
        const struct weo_subject *x = &subjects[i];
        if (code[0] ? strcmp(code, x->code) == 0
                    : strcmp(subj, x->subject) == 0 &&
                          strcmp(units, x->units) == 0)
            return x;
    }
    return NULL;
}

/* "Base year: 2015" (or "2011/12": a fiscal year, not one price year) in
 * the notes: the year, or 0. */
static int
notes_base_year(const char *s, size_t len)
{
    static const char key[] = "Base year: ";
    for (size_t i = 0; i + sizeof key - 1 + 4 <= len; i++) {
        if (memcmp(s + i, key, sizeof key - 1) != 0)
            continue;
        const char *y = s + i + sizeof key - 1;
        size_t rest = len - (size_t)(y - s);
        long v;
        if (ds__parse_int_n(y, 4, 1900, 2999, &v) &&
            (rest == 4 || !isdigit((unsigned char)y[4])) &&
            (rest == 4 || y[4] != '/'))
            return (int)v;
        return 0;
    }
    return 0;
}

static ds_status
data_row(weo *w, const line *l, const fields *f, ds_error *err)
{
    ds__import_ctx *c = w->ctx;
    char q[80], name[256] = "";
    size_t need = (size_t)w->c_scale + 1;
    if (f->n < need)
        return ds__error_set(err, DS_EPARSE, w->path, l->no,
                             f->n ? f->col[f->n - 1] + f->len[f->n - 1] : 1,
                             "expected at least %zu fields, found %zu", need,
                             f->n);
    if (w->c_country >= 0)
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

    const struct weo_subject *sb = subject_find(code, subj, units);
    if (!sb) {
        if (!c->indicators)
            ds__skipf(c, l->no, f->col[w->c_subject],
                      "subject '%s' in '%s' has no defspend indicator",
                      ds__quote(subj, q, sizeof q), units);
        return DS_OK;
    }
    int lcu = sb->currency == W_LCU;
    if (!ds__want_indicator(c, sb->indicator, code[0] ? code : sb->code))
        return DS_OK;

    const ds_country *k = w->only;
    if (!k && w->c_iso >= 0 && (size_t)w->c_iso < f->n && f->len[w->c_iso]) {
        char iso[17];
        snprintf(iso, sizeof iso, "%.*s", (int)f->len[w->c_iso],
                 f->f[w->c_iso]);
        k = ds__country_find(c, iso);
    }
    if (!k && !w->only)
        k = ds__country_find(c, name);
    if (!k) {
        ds__skipf(c, l->no, w->c_country >= 0 ? f->col[w->c_country] : 1,
                  "country '%s' is not in the country table (add an alias "
                  "in datasets/build_datasets.py)",
                  ds__quote(name, q, sizeof q));
        return DS_OK;
    }
    if (!name[0])
        snprintf(name, sizeof name, "%s", k->iso3);
    if (!ds__want_country(c, k->iso3))
        return DS_OK;
    const char *cur = sb->currency == W_USD ? "USD"
                      : lcu                 ? k->currency
                                            : "";
    if (lcu && strcmp(cur, "USD") == 0 && strcmp(sb->code, "NGDP") == 0) {
        ds__skipf(c, l->no, f->col[w->c_units],
                  "national-currency GDP of '%s': its currency is the US "
                  "dollar, and the U.S. dollars row is the one kept", name);
        return DS_OK;
    }
    if (lcu && !cur[0]) {
        ds__skipf(c, l->no, f->col[w->c_units],
                  "national-currency GDP of '%s': no ISO 4217 currency is "
                  "known for %s", name, k->iso3);
        return DS_OK;
    }
    char price[24];
    snprintf(price, sizeof price, "%s", sb->price);
    if (strcmp(sb->price, "constant") == 0) {
        int by = 0;
        for (size_t i = 0; i < f->n && !by; i++)
            by = notes_base_year(f->f[i], f->len[i]);
        if (DS__AS(c)->price[0])
            snprintf(price, sizeof price, "%s", DS__AS(c)->price);
        else if (by)
            snprintf(price, sizeof price, "constant %d", by);
        else {
            ds__skipf(c, l->no, f->col[w->c_units],
                      "real GDP of '%s': its notes state no single base "
                      "year for its constant prices; give it with %s "
                      "price=constant-YYYY", name, ds__as_opt(DS__AS(c)));
            return DS_OK;
        }
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
    if (DS__AS(c)->source[0])
        snprintf(source, sizeof source, "%s", DS__AS(c)->source);
    else
        snprintf(source, sizeof source, "IMF WEO %s (%s, %s)",
                 code[0] ? code : sb->code, subj, units);
    const char *def = DS__AS(c)->definition[0] ? DS__AS(c)->definition : "imf_weo";
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
        ds__obs_spec o = {k->iso3, w->years[i], 1, sb->indicator, v, cur,
                          price, def, source, w->vintage, flags, "",
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
    w->delim = memchr(l.s, '\t', l.len) ? '\t' : ',';
    split(&l, w->delim, f);
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
        split(&m, w->delim, f);
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
        split(&l, w->delim, f);
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
