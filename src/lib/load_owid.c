/* load_owid.c - Our World in Data grapher CSV downloads and owid-datasets
 * packages.
 *
 * `Entity,[Code,]Year,<value column>...[,<region column>]`: grapher
 * downloads have a Code column and, since 2023, a fifth column naming the
 * region ("World region according to OWID", filled on every row or on one
 * row per entity); owid-datasets packages have no Code column, several
 * value columns, and a `datapackage.json` beside the CSV that describes
 * each column (its description and display unit).  A value column's name
 * changes between exports (military_expenditure_share_gdp, "Military
 * expenditure (% of GDP)", "Military expenditure (constant US$)",
 * military_expenditure ...); what it is comes from its name and, when
 * present, its datapackage.json entry:
 *
 *   % of GDP / share_gdp / _gdp          milex_gdp_pct
 *   % of government spending / gov_exp   milex_gov_pct
 *   per capita                           milex_per_capita (US$)
 *   other military expenditure           milex (US$)
 *
 * A money column needs its currency and price basis (current, or constant
 * with a base year): from the name ("constant 2019 US$"), else the
 * datapackage.json, else --as price=...,currency=...; the error names the
 * --as key that is missing.  --as indicator=... names the indicator of a
 * file with one value column.  Codes are ISO3 for countries; `OWID_*` or
 * empty codes are regions and other aggregates; without a Code column
 * entities are looked up by name.
 *
 * Promises: every value column is mapped or the file is refused with the
 * kinds known; a region or annotations column is recognised by name and
 * ignored, said in the file's note; an aggregate is stored under the code the country table
 * gives its name (with the `aggregate` flag) or reported as skipped once
 * per entity; an empty value is missing, never zero; OWID files state no
 * release date, so the import's fallback vintage applies.
 */
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "loader_util.h"

#define OWID_MAX_COLS 32

typedef struct vcol {
    size_t index;          /* field number */
    const char *indicator; /* NULL: an ignored column */
    char name[160];
    char currency[4];
    char price[24];
    int scale_exp;
    char source[240];
} vcol;

typedef struct owid {
    ds__import_ctx *ctx;
    int header;
    size_t nfields;
    int c_entity, c_code, c_year;
    vcol cols[OWID_MAX_COLS];
    size_t ncols;
    char skipped[256]; /* entity whose rows are being skipped */
    json_t *package;   /* datapackage.json beside the file, or NULL */
} owid;

/* The share columns of the first OWID exports, as named. */
static const struct {
    const char *column; /* matched case-insensitively */
    const char *indicator;
} legacy[] = {
    {"military_expenditure_share_gdp", "milex_gdp_pct"},
    {"Military expenditure (% of GDP)", "milex_gdp_pct"},
    {"military_expenditure_gdp", "milex_gdp_pct"},
    {"military_expenditure_share_gov_exp", "milex_gov_pct"},
    {"Military expenditure (% of government spending)", "milex_gov_pct"},
};

#define KNOWN_KINDS                                                          \
    "military expenditure as %% of GDP (share_gdp), as %% of government "     \
    "spending (share_gov_exp), per capita, or in current/constant US$; "    \
    "or %s indicator=NAME for a file with one value column"

static size_t
header_end(const char *buf, size_t len)
{
    size_t e = 0;
    while (e < len && buf[e] != '\n' && buf[e] != '\r')
        e++;
    return e;
}

/* Field k of a header line (no quotes handling needed for the names we
 * look at: Entity, Code, Year). */
static int
field_is(const char *s, size_t len, size_t k, const char *name)
{
    size_t i = 0;
    for (size_t f = 0; f < k; f++) {
        while (i < len && s[i] != ',')
            i++;
        if (i == len)
            return 0;
        i++;
    }
    size_t n = strlen(name);
    return i + n <= len && memcmp(s + i, name, n) == 0 &&
           (i + n == len || s[i + n] == ',');
}

static int
owid_detect(const char *buf, size_t len)
{
    size_t i = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    const char *h = buf + i;
    size_t hl = header_end(h, len - i);
    if (!field_is(h, hl, 0, "Entity"))
        return 0;
    /* Entity,Code,Year,<values> or Entity,Year,<values> */
    if (field_is(h, hl, 1, "Code") && field_is(h, hl, 2, "Year") &&
        memchr(h + 16, ',', hl > 16 ? hl - 16 : 0))
        return 90;
    if (field_is(h, hl, 1, "Year") && hl > 12 && memchr(h + 11, ',', hl - 11))
        return 85;
    return 0;
}

static int
iso3_like(const char *s, size_t len)
{
    if (len != 3)
        return 0;
    for (size_t i = 0; i < 3; i++)
        if (!isupper((unsigned char)s[i]))
            return 0;
    return 1;
}

/* Columns that label rows rather than give figures: OWID's region column
 * ("World region(s) according to OWID", "Continent") and the annotation
 * columns of some grapher exports ("... (annotations)"). */
static int
is_region_column(const char *name)
{
    return ds__contains_ci(name, "region") || ds__strcaseeq(name, "Continent");
}

static int
is_label_column(const char *name)
{
    return is_region_column(name) || ds__contains_ci(name, "annotations");
}

/* ------------------------------------------------- datapackage.json */

static json_t *
read_package(const char *csv_path)
{
    if (!csv_path)
        return NULL;
    const char *slash = strrchr(csv_path, '/');
    char p[4096];
    int n = slash ? snprintf(p, sizeof p, "%.*s/datapackage.json",
                             (int)(slash - csv_path), csv_path)
                  : snprintf(p, sizeof p, "datapackage.json");
    if (n < 0 || (size_t)n >= sizeof p)
        return NULL;
    FILE *f = fopen(p, "rb");
    if (!f)
        return NULL;
    fclose(f);
    json_error_t je;
    return json_load_file(p, JSON_REJECT_DUPLICATES, &je);
}

/* What datapackage.json says about column `name`: its display unit and
 * description, joined, into out ("" when nothing). */
static void
package_unit(const owid *w, const char *name, char *out, size_t size)
{
    out[0] = '\0';
    if (!w->package)
        return;
    const char *base = strrchr(w->ctx->path, '/');
    base = base ? base + 1 : w->ctx->path;
    json_t *res = json_object_get(w->package, "resources");
    size_t i;
    json_t *r;
    json_array_foreach(res, i, r) {
        const char *rp = json_string_value(json_object_get(r, "path"));
        if (json_array_size(res) > 1 && (!rp || strcmp(rp, base) != 0))
            continue;
        json_t *fields = json_object_get(json_object_get(r, "schema"),
                                         "fields");
        size_t j;
        json_t *fd;
        json_array_foreach(fields, j, fd) {
            const char *fn = json_string_value(json_object_get(fd, "name"));
            if (!fn || strcmp(fn, name) != 0)
                continue;
            const char *unit = json_string_value(json_object_get(fd, "unit"));
            json_t *disp = json_object_get(fd, "owidDisplaySettings");
            json_t *parsed = NULL;
            if (json_is_string(disp)) {
                json_error_t je;
                parsed = json_loads(json_string_value(disp), 0, &je);
                disp = parsed;
            }
            const char *du = json_string_value(json_object_get(disp, "unit"));
            const char *desc =
                json_string_value(json_object_get(fd, "description"));
            snprintf(out, size, "%s %s %s", unit ? unit : "", du ? du : "",
                     desc ? desc : "");
            json_decref(parsed);
            return;
        }
    }
}

/* --------------------------------------------------- column meaning */

/* "constant 2019 US$", "constant_2019", "constant (2019)": the base year
 * after "constant", or 0. */
static int
constant_year(const char *text)
{
    for (const char *p = text; *p; p++) {
        if (strncasecmp(p, "constant", 8) != 0)
            continue;
        const char *q = p + 8;
        while (*q && !isdigit((unsigned char)*q) && (q - p) < 20 &&
               !isalpha((unsigned char)*q))
            q++;
        long y;
        if (ds__parse_int_n(q, 4, 1900, 2999, &y) &&
            !isdigit((unsigned char)q[4]))
            return (int)y;
    }
    return 0;
}

static int
mentions_usd(const char *t)
{
    return ds__contains_ci(t, "US$") || ds__contains_ci(t, "USD") ||
           ds__contains_ci(t, "US dollar") || ds__contains_ci(t, "U.S. dollar");
}

static ds_status
classify(owid *w, const ds__csv_row *row, size_t k, size_t nvalues,
         vcol *col, ds_error *err)
{
    ds__import_ctx *c = w->ctx;
    const ds__as *as = DS__AS(c);
    const char *name = row->fields[k];
    char q[80], unit[600];
    snprintf(col->name, sizeof col->name, "%s", name);
    col->index = k;
    col->scale_exp = as && as->scale_exp >= 0 ? as->scale_exp : 0;
    package_unit(w, name, unit, sizeof unit);
    char text[800];
    snprintf(text, sizeof text, "%s | %s", name, unit);

    const char *ind = NULL;
    int legacy_col = 0;
    for (size_t i = 0; i < sizeof legacy / sizeof *legacy; i++)
        if (ds__strcaseeq(name, legacy[i].column)) {
            ind = legacy[i].indicator;
            legacy_col = 1;
        }
    if (as && as->indicator[0]) {
        if (nvalues != 1)
            return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, k),
                                 "%s indicator=%s names one column's "
                                 "indicator, but this file has %zu value "
                                 "columns", ds__as_opt(as), as->indicator,
                                 nvalues);
        ind = as->indicator;
    }
    /* a spending figure, not an index or a count of personnel */
    int military = (ds__contains_ci(name, "military") ||
                    ds__contains_ci(name, "milex")) &&
                   (ds__contains_ci(name, "expenditure") ||
                    ds__contains_ci(name, "spending") ||
                    ds__contains_ci(name, "milex")) &&
                   !ds__contains_ci(name, "index");
    if (!ind && military) {
        if (ds__contains_ci(text, "% of GDP") ||
            ds__contains_ci(name, "share_gdp") ||
            ds__contains_ci(text, "share of GDP") ||
            ds__contains_ci(name, "_gdp"))
            ind = "milex_gdp_pct";
        else if (ds__contains_ci(text, "government spending") ||
                 ds__contains_ci(text, "government expenditure") ||
                 ds__contains_ci(name, "gov_exp"))
            ind = "milex_gov_pct";
        else if (ds__contains_ci(text, "per capita") ||
                 ds__contains_ci(name, "per_capita"))
            ind = "milex_per_capita";
        else
            ind = "milex";
    }
    if (!ind)
        return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, k),
                             "unknown OWID value column '%s' (known: "
                             KNOWN_KINDS ")",
                             ds__quote(name, q, sizeof q), ds__as_opt(as));
    col->indicator = ind;
    /* shares have no currency; a money column needs one and its prices;
     * an indicator named with --as is money when --as gives a currency */
    int money = strstr(ind, "_pct") == NULL &&
                (strcmp(ind, "milex") == 0 ||
                 strcmp(ind, "milex_per_capita") == 0 ||
                 (as && as->indicator[0] && as->currency[0]));
    if (money) {
        if (mentions_usd(text))
            snprintf(col->currency, sizeof col->currency, "USD");
        if (as && as->currency[0])
            snprintf(col->currency, sizeof col->currency, "%s", as->currency);
        int by = constant_year(text);
        if (by)
            snprintf(col->price, sizeof col->price, "constant %d", by);
        else if (ds__contains_ci(text, "current"))
            snprintf(col->price, sizeof col->price, "current");
        if (as && as->price[0])
            snprintf(col->price, sizeof col->price, "%s", as->price);
        int need_cur = !col->currency[0], need_price = !col->price[0];
        int constant = ds__contains_ci(text, "constant");
        if (need_cur || need_price)
            return ds__error_set(
                err, DS_EPARSE, DS__CSV_AT(row, k),
                "OWID column '%s' does not say its %s%s%s: give %s with "
                "%s %s%s%s%s",
                ds__quote(name, q, sizeof q), need_cur ? "currency" : "",
                need_cur && need_price ? " and " : "",
                need_price ? (constant ? "base year (constant dollars of "
                                         "which year)"
                                       : "price basis")
                           : "",
                need_cur && need_price ? "them" : "it", ds__as_opt(as),
                need_cur ? "currency=USD" : "",
                need_cur && need_price ? "," : "",
                need_price ? "price=constant-YYYY" : "",
                need_price && !constant ? " (or price=current)" : "");
    }
    if (as && as->source[0])
        snprintf(col->source, sizeof col->source, "%s", as->source);
    else if (legacy_col)
        snprintf(col->source, sizeof col->source,
                 "Our World in Data %s (SIPRI)", name);
    else
        snprintf(col->source, sizeof col->source, "Our World in Data %s",
                 name);
    return DS_OK;
}

static ds_status
owid_header(owid *w, const ds__csv_row *row, ds_error *err)
{
    ds__import_ctx *c = w->ctx;
    w->c_entity = w->c_code = w->c_year = -1;
    for (size_t k = 0; k < row->nfields && k < 3; k++) {
        if (strcmp(row->fields[k], "Entity") == 0 && k == 0)
            w->c_entity = (int)k;
        else if (strcmp(row->fields[k], "Code") == 0 && k == 1)
            w->c_code = (int)k;
        else if (strcmp(row->fields[k], "Year") == 0 && k <= 2)
            w->c_year = (int)k;
    }
    if (w->c_entity != 0 || w->c_year < 0)
        return ds__error_set(err, DS_EPARSE, row->path, row->line, 1,
                             "expected the header Entity,Code,Year,... or "
                             "Entity,Year,...");
    size_t first = (size_t)w->c_year + 1;
    if (row->nfields <= first)
        return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, row->nfields),
                             "no value column after Year");
    if (row->nfields - first > OWID_MAX_COLS)
        return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, first),
                             "%zu value columns; at most %d are read",
                             row->nfields - first, OWID_MAX_COLS);
    size_t nvalues = 0;
    for (size_t k = first; k < row->nfields; k++)
        nvalues += !is_label_column(row->fields[k]);
    char note[sizeof c->file_note] = "";
    for (size_t k = first; k < row->nfields; k++) {
        vcol *col = &w->cols[w->ncols++];
        memset(col, 0, sizeof *col);
        if (is_label_column(row->fields[k])) {
            col->index = k;
            snprintf(col->name, sizeof col->name, "%s", row->fields[k]);
            size_t o = strlen(note);
            snprintf(note + o, sizeof note - o, "%scolumn '%s' ignored (a "
                     "%s label, not a figure)", o ? "; " : "",
                     row->fields[k],
                     is_region_column(row->fields[k]) ? "region" : "row");
            continue;
        }
        ds_status st = classify(w, row, k, nvalues, col, err);
        if (st != DS_OK)
            return st;
    }
    if (!nvalues)
        return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, first),
                             "no value column after Year, only region or "
                             "annotation columns");
    snprintf(c->file_note, sizeof c->file_note, "%s", note);
    w->nfields = row->nfields;
    w->header = 1;
    return DS_OK;
}

static ds_status
owid_row(void *vctx, const ds__csv_row *row, ds_error *err)
{
    owid *w = vctx;
    ds__import_ctx *c = w->ctx;
    char q[80];
    if (!w->header)
        return owid_header(w, row, err);
    if (row->nfields != w->nfields)
        return ds__error_set(err, DS_EPARSE, row->path, row->line,
                             ds__csv_column(row, row->nfields < w->nfields
                                                     ? row->nfields
                                                     : w->nfields),
                             "expected %zu fields, found %zu",
                             w->nfields, row->nfields);
    int any = 0;
    for (size_t i = 0; i < w->ncols; i++)
        any |= w->cols[i].indicator &&
               ds__want_indicator(c, w->cols[i].indicator, w->cols[i].name);
    if (!any)
        return DS_OK;
    const char *entity = row->fields[0];
    const char *code = w->c_code >= 0 ? row->fields[w->c_code] : "";
    size_t code_len = w->c_code >= 0 ? row->lens[w->c_code] : 0;
    long year;
    if (!ds__parse_int_n(row->fields[w->c_year], row->lens[w->c_year], 1000,
                         3000, &year))
        return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, w->c_year),
                             "invalid year '%s'",
                             ds__quote(row->fields[w->c_year], q, sizeof q));
    /* the values first: a bad number is an error wherever the entity is */
    double v[OWID_MAX_COLS];
    int have = 0;
    for (size_t i = 0; i < w->ncols; i++) {
        const vcol *col = &w->cols[i];
        size_t k = col->index;
        if (!col->indicator || row->lens[k] == 0)
            continue; /* ignored, or missing */
        if (!ds__parse_scaled(row->fields[k], row->lens[k], col->scale_exp, 0,
                              &v[i]))
            return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, k),
                                 "invalid number '%s'",
                                 ds__quote(row->fields[k], q, sizeof q));
        have = 1;
    }
    if (!have)
        return DS_OK;
    const ds_country *k = NULL;
    int aggregate = w->c_code >= 0 && !iso3_like(code, code_len);
    if (!aggregate && code_len)
        k = ds__country_find(c, code);
    if (!k)
        k = ds__country_find(c, entity);
    if (!k && (aggregate || c->countries || !code_len)) {
        if (strcmp(w->skipped, entity) != 0) {
            snprintf(w->skipped, sizeof w->skipped, "%s", entity);
            ds__skipf(c, row->line, 1,
                      "%s '%s'%s%s%s is not in the country table; its rows "
                      "are skipped",
                      aggregate ? "aggregate" : "country",
                      ds__quote(entity, q, sizeof q),
                      code_len ? " (code " : "", code, code_len ? ")" : "");
        }
        return DS_OK;
    }
    const char *iso = k ? k->iso3 : code;
    if (!ds__want_country(c, iso))
        return DS_OK;
    unsigned flags = (aggregate || (k && k->aggregate)) ? DS_FLAG_AGGREGATE : 0u;
    const ds__as *as = DS__AS(c);
    const char *def = as && as->definition[0] ? as->definition : "owid";
    int fy = as && as->fy_start_month ? as->fy_start_month : 1;
    for (size_t i = 0; i < w->ncols; i++) {
        const vcol *col = &w->cols[i];
        size_t f = col->index;
        if (!col->indicator || row->lens[f] == 0 ||
            !ds__want_indicator(c, col->indicator, col->name))
            continue;
        ds__obs_spec o = {iso, (int)year, fy, col->indicator, v[i],
                          col->currency, col->price, def, col->source, "",
                          flags, "", row->line, ds__csv_column(row, f)};
        ds_status st = ds__emit(c, &o, err);
        if (st != DS_OK)
            return st;
    }
    return DS_OK;
}

static ds_status
owid_load(ds__import_ctx *ctx, ds_error *err)
{
    owid *w = calloc(1, sizeof *w);
    if (!w)
        return ds__error_set(err, DS_ENOMEM, ctx->path, 0, 0, "out of memory");
    w->ctx = ctx;
    w->package = read_package(ctx->path);
    ds_status st = ds__csv_read(ctx->path, ctx->buf, ctx->len, ',', owid_row,
                                w, err);
    if (st == DS_OK && !w->header)
        st = ds__error_set(err, DS_EPARSE, ctx->path, 1, 1, "empty file");
    if (st == DS_OK && w->package) {
        size_t o = strlen(ctx->file_note);
        snprintf(ctx->file_note + o, sizeof ctx->file_note - o,
                 "%sunits from datapackage.json beside the file",
                 o ? "; " : "");
    }
    json_decref(w->package);
    free(w);
    return st;
}

const ds__loader ds__loader_owid = {"owid", owid_detect, owid_load};
