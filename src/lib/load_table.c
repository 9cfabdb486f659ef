/* load_table.c - any table the user can describe (`--format table`).
 *
 * A CSV the publisher formats do not cover (the World Bank's Data360 long
 * CSV, a Cabinet Office table saved as CSV, a think tank's own sheet) goes
 * in without code: --columns says which column holds what, --as says what
 * the file does not say at all.
 *
 *   long:  one observation a row: --columns country=REF_AREA,
 *          year=TIME_PERIOD,value=OBS_VALUE[,scale=UNIT_MULT]
 *          [,indicator=COL][,currency=COL]
 *   wide:  years as columns ("2021", "2021年", "FY2021" is not a year):
 *          --columns country=COL and no year/value
 *
 * A column is named by its header text or by its 1-based position.  The
 * scale column holds powers of ten (Data360's UNIT_MULT: 6 = millions);
 * --as scale gives one for the whole file.  --as indicator (or an
 * indicator column), --as source and, for money (a currency), --as price
 * are required: the error names the key that is missing.  The definition
 * is --as definition, else "user".  --encoding (e.g. CP932, the Japanese
 * government's Shift_JIS) has the import convert the file to UTF-8 before
 * it reaches this reader (import.c, for every text format); a file that
 * is not UTF-8 and has no --encoding is refused with that hint.
 *
 * Promises: an empty cell, "..", "...", "-", "NA" or "n/a" is missing
 * (no observation, never zero); any other text that is
 * not a number stops the import at its line and column; a country the
 * table does not know is reported once with its row; nothing is guessed.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader_util.h"

enum { T_COUNTRY, T_YEAR, T_VALUE, T_SCALE, T_INDICATOR, T_CURRENCY, T_N };
static const char *const keys[T_N] = {"country", "year", "value",
                                      "scale", "indicator", "currency"};

typedef struct table {
    ds__import_ctx *ctx;
    const ds__as *as;
    char spec[T_N][128]; /* from --columns: header text or position */
    int col[T_N];        /* resolved field index, -1 = none */
    int wide;
    int *years;          /* wide: year of each field, 0 = none */
    size_t nfields;
    int header;
    char skipped[128];   /* country whose rows are being skipped */
    char source[240];
} table;

static ds_status
parse_columns(table *t, const char *text, ds_error *err)
{
    for (int k = 0; k < T_N; k++)
        t->col[k] = -1;
    if (!text || !*text)
        return ds__error_set(err, DS_EINVAL, t->ctx->path, 0, 0,
                             "--format table needs --columns: which column "
                             "holds the country, and for a long table the "
                             "year and the value (e.g. --columns "
                             "country=REF_AREA,year=TIME_PERIOD,"
                             "value=OBS_VALUE)");
    char *copy = strdup(text);
    if (!copy)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    ds_status st = DS_OK;
    char *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok && st == DS_OK;
         tok = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(tok, '='), q[80];
        int k = 0;
        if (eq) {
            *eq = '\0';
            while (k < T_N && strcmp(keys[k], tok) != 0)
                k++;
        }
        if (!eq || k == T_N || !eq[1] || strlen(eq + 1) >= sizeof t->spec[0])
            st = ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                               "invalid --columns item '%s' (expected "
                               "KEY=COLUMN, KEY one of country, year, value, "
                               "scale, indicator, currency; COLUMN a header "
                               "or a 1-based position)",
                               ds__quote(tok, q, sizeof q));
        else if (t->spec[k][0])
            st = ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                               "--columns key '%s' given twice", keys[k]);
        else
            snprintf(t->spec[k], sizeof t->spec[k], "%s", eq + 1);
    }
    free(copy);
    if (st != DS_OK)
        return st;
    if (!t->spec[T_COUNTRY][0] && !t->as->country[0])
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "--columns names no country column (add "
                             "country=COLUMN, or --as country=ISO3 for a "
                             "single-country file)");
    if (!t->spec[T_YEAR][0] != !t->spec[T_VALUE][0])
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "--columns gives %s without %s: a long table "
                             "needs both, a wide one (years as columns) "
                             "neither",
                             t->spec[T_YEAR][0] ? "year" : "value",
                             t->spec[T_YEAR][0] ? "value" : "year");
    t->wide = !t->spec[T_YEAR][0];
    return DS_OK;
}

/* "2021", "2021年", "2021 [YR2021]": the year, else 0. */
static int
header_year(const char *s)
{
    long y;
    while (*s == ' ')
        s++;
    if (!ds__parse_int_n(s, strnlen(s, 4) == 4 ? 4 : 0, 1000, 2999, &y))
        return 0;
    if (isdigit((unsigned char)s[4]) || s[4] == '.' || s[4] == '-')
        return 0;
    return (int)y;
}

static ds_status
resolve(table *t, const ds__csv_row *row, ds_error *err)
{
    char q[80];
    for (int k = 0; k < T_N; k++) {
        if (!t->spec[k][0])
            continue;
        long pos;
        if (ds__parse_int_n(t->spec[k], strlen(t->spec[k]), 1, 100000, &pos)) {
            if ((size_t)pos > row->nfields)
                return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, 0),
                                     "--columns %s=%ld: the header has %zu "
                                     "columns", keys[k], pos, row->nfields);
            t->col[k] = (int)pos - 1;
            continue;
        }
        for (size_t i = 0; i < row->nfields && t->col[k] < 0; i++) {
            char h[256];
            snprintf(h, sizeof h, "%s", row->fields[i]);
            if (strcmp(ds__trim(h), t->spec[k]) == 0)
                t->col[k] = (int)i;
        }
        if (t->col[k] < 0)
            return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, 0),
                                 "--columns %s=%s: no such column in the "
                                 "header", keys[k],
                                 ds__quote(t->spec[k], q, sizeof q));
    }
    if (t->wide) {
        t->years = calloc(row->nfields ? row->nfields : 1, sizeof *t->years);
        if (!t->years)
            return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
        size_t n = 0;
        for (size_t i = 0; i < row->nfields; i++) {
            int used = 0;
            for (int k = 0; k < T_N; k++)
                used |= t->col[k] == (int)i;
            if (!used && (t->years[i] = header_year(row->fields[i])) != 0)
                n++;
        }
        if (!n)
            return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, 0),
                                 "no year columns in the header (a wide "
                                 "table has years such as 2021 as column "
                                 "names; a long one needs --columns "
                                 "year=...,value=...)");
    }
    /* what only --as can say */
    const ds__as *as = t->as;
    if (!as->indicator[0] && t->col[T_INDICATOR] < 0)
        return ds__error_set(err, DS_EINVAL, DS__CSV_AT(row, 0),
                             "the table does not say what its figures are: "
                             "give --as indicator=NAME (gdp, milex, "
                             "milex_gdp_pct, ...) or --columns "
                             "indicator=COLUMN");
    if (!as->source[0])
        return ds__error_set(err, DS_EINVAL, DS__CSV_AT(row, 0),
                             "the table does not say where its figures come "
                             "from: give --as source=\"PUBLISHER, TABLE\"");
    if ((as->currency[0] || t->col[T_CURRENCY] >= 0) && !as->price[0])
        return ds__error_set(err, DS_EINVAL, DS__CSV_AT(row, 0),
                             "money figures need their price basis: give "
                             "--as price=current or price=constant-YYYY");
    snprintf(t->source, sizeof t->source, "%s", as->source);
    t->nfields = row->nfields;
    t->header = 1;
    return DS_OK;
}

static int
is_missing(const char *s)
{
    static const char *const m[] = {"", "..", "...", "-", "NA", "n/a",
                                    "N/A", "\xE2\x80\xA6" /* ... */};
    for (size_t i = 0; i < sizeof m / sizeof *m; i++)
        if (strcmp(s, m[i]) == 0)
            return 1;
    return 0;
}

static ds_status
emit_cell(table *t, const ds__csv_row *row, const ds_country *k,
          const char *iso, int year, size_t vcol, int e10, ds_error *err)
{
    ds__import_ctx *c = t->ctx;
    const ds__as *as = t->as;
    char v_text[128], q[80];
    snprintf(v_text, sizeof v_text, "%s", row->fields[vcol]);
    ds__trim(v_text);
    if (is_missing(v_text))
        return DS_OK;
    double v;
    if (!ds__parse_scaled(v_text, strlen(v_text), e10, 0, &v) &&
        !ds__parse_scaled(v_text, strlen(v_text), e10, 1, &v))
        return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, vcol),
                             "invalid number '%s'",
                             ds__quote(v_text, q, sizeof q));
    char ind[64], cur[8] = "";
    snprintf(ind, sizeof ind, "%s",
             t->col[T_INDICATOR] >= 0 ? row->fields[t->col[T_INDICATOR]]
                                      : as->indicator);
    if (t->col[T_CURRENCY] >= 0)
        snprintf(cur, sizeof cur, "%s", row->fields[t->col[T_CURRENCY]]);
    else
        snprintf(cur, sizeof cur, "%s", as->currency);
    int ok_ind = ind[0] != 0;
    for (const char *p = ind; *p; p++)
        ok_ind &= islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
                  *p == '_';
    if (!ok_ind)
        return ds__error_set(err, DS_EPARSE,
                             DS__CSV_AT(row, (size_t)t->col[T_INDICATOR]),
                             "indicator '%s' is not a defspend indicator "
                             "name (lowercase letters, digits and '_'); "
                             "give it with --as indicator=NAME",
                             ds__quote(ind, q, sizeof q));
    if (cur[0] && (strlen(cur) != 3 || !isupper((unsigned char)cur[0]) ||
                   !isupper((unsigned char)cur[1]) ||
                   !isupper((unsigned char)cur[2])))
        return ds__error_set(err, DS_EPARSE,
                             DS__CSV_AT(row, (size_t)t->col[T_CURRENCY]),
                             "currency '%s' is not an ISO 4217 code; give "
                             "it with --as currency=CUR",
                             ds__quote(cur, q, sizeof q));
    if (!ds__want_indicator(c, ind, NULL))
        return DS_OK;
    ds__obs_spec o = {iso,
                      year,
                      as->fy_start_month ? as->fy_start_month : 1,
                      ind,
                      v,
                      cur,
                      cur[0] ? as->price : "",
                      as->definition[0] ? as->definition : "user",
                      t->source,
                      "",
                      (k && k->aggregate) ? DS_FLAG_AGGREGATE : 0u,
                      "",
                      row->line,
                      ds__csv_column(row, vcol)};
    return ds__emit(c, &o, err);
}

static ds_status
table_row(void *vctx, const ds__csv_row *row, ds_error *err)
{
    table *t = vctx;
    ds__import_ctx *c = t->ctx;
    char q[80];
    if (!t->header)
        return resolve(t, row, err);
    if (row->nfields < t->nfields)
        return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, row->nfields),
                             "expected %zu fields, found %zu", t->nfields,
                             row->nfields);
    char name[128];
    snprintf(name, sizeof name, "%s",
             t->col[T_COUNTRY] >= 0 ? row->fields[t->col[T_COUNTRY]]
                                    : t->as->country);
    ds__trim(name);
    if (!name[0])
        return DS_OK; /* a note or blank row */
    const ds_country *k = ds__country_find(c, name);
    if (!k && c->countries) {
        if (strcmp(t->skipped, name) != 0) {
            snprintf(t->skipped, sizeof t->skipped, "%s", name);
            ds__skipf(c, row->line,
                      t->col[T_COUNTRY] >= 0
                          ? ds__csv_column(row, (size_t)t->col[T_COUNTRY])
                          : 1,
                      "country '%s' is not in the country table; its rows "
                      "are skipped", ds__quote(name, q, sizeof q));
        }
        return DS_OK;
    }
    const char *iso = k ? k->iso3 : name;
    if (!ds__want_country(c, iso))
        return DS_OK;
    int e10 = t->as->scale_exp > 0 ? t->as->scale_exp : 0;
    if (t->col[T_SCALE] >= 0) {
        long m;
        const char *s = row->fields[t->col[T_SCALE]];
        if (!*s)
            m = 0;
        else if (!ds__parse_int_n(s, strlen(s), -12, 12, &m))
            return ds__error_set(err, DS_EPARSE,
                                 DS__CSV_AT(row, (size_t)t->col[T_SCALE]),
                                 "invalid scale '%s' (expected a power of "
                                 "ten such as 0, 3, 6 or 9)",
                                 ds__quote(s, q, sizeof q));
        e10 += (int)m;
    }
    if (!t->wide) {
        size_t yc = (size_t)t->col[T_YEAR];
        long y;
        char yt[32];
        snprintf(yt, sizeof yt, "%s", row->fields[yc]);
        ds__trim(yt);
        if (!ds__parse_int_n(yt, strlen(yt), 1000, 2999, &y))
            return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, yc),
                                 "invalid year '%s' (expected YYYY)",
                                 ds__quote(yt, q, sizeof q));
        return emit_cell(t, row, k, iso, (int)y, (size_t)t->col[T_VALUE], e10,
                         err);
    }
    for (size_t i = 0; i < t->nfields; i++) {
        if (!t->years[i])
            continue;
        ds_status st = emit_cell(t, row, k, iso, t->years[i], i, e10, err);
        if (st != DS_OK)
            return st;
    }
    return DS_OK;
}

static ds_status
table_load(ds__import_ctx *ctx, ds_error *err)
{
    table *t = calloc(1, sizeof *t);
    if (!t)
        return ds__error_set(err, DS_ENOMEM, ctx->path, 0, 0, "out of memory");
    t->ctx = ctx;
    t->as = DS__AS(ctx);
    const char *buf = ctx->buf;
    size_t len = ctx->len;
    ds_status st = parse_columns(t, ctx->columns, err);
    /* the import converted the text to UTF-8 already when --encoding
     * named another encoding (import.c) */
    if (st == DS_OK && ds__utf8_check(buf, len) != len) {
        st = ds__error_set(err, DS_EPARSE, ctx->path, 0, 0,
                           "not UTF-8 text (byte %zu): give the file's "
                           "encoding with --encoding (e.g. --encoding CP932 "
                           "for a Japanese government CSV)",
                           ds__utf8_check(buf, len));
    }
    if (st == DS_OK)
        st = ds__csv_read(ctx->path, buf, len, ',', table_row, t, err);
    if (st == DS_OK && !t->header)
        st = ds__error_set(err, DS_EPARSE, ctx->path, 1, 1, "empty file");
    free(t->years);
    free(t);
    return st;
}

/* Never chosen by content: a table is only read when --format table says
 * so, with --columns. */
static int
table_detect(const char *buf, size_t len)
{
    (void)buf;
    (void)len;
    return 0;
}

const ds__loader ds__loader_table = {"table", table_detect, table_load};
