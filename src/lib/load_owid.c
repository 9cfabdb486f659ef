/* load_owid.c - Our World in Data grapher CSV downloads.
 *
 * `Entity,Code,Year,<value column>`: the value column's name changes
 * between exports (military_expenditure_share_gdp, "Military expenditure
 * (% of GDP)", ...) and says which indicator it is.  Codes are ISO3 for
 * countries; `OWID_*` or empty codes are regions and other aggregates.
 *
 * Promises: the value column is recognised by name or the file is refused
 * with the names known; an aggregate is stored under the code the country
 * table gives its name (with the `aggregate` flag) or reported as skipped
 * once per entity with its row count; an empty value is missing, never
 * zero; OWID files state no release date, so the import's fallback
 * vintage applies.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader_util.h"

typedef struct owid {
    ds__import_ctx *ctx;
    int header;
    const char *indicator;
    char column[128];
    char skipped[256]; /* entity whose rows are being skipped */
} owid;

static const struct {
    const char *column; /* matched case-insensitively */
    const char *indicator;
} columns[] = {
    {"military_expenditure_share_gdp", "milex_gdp_pct"},
    {"Military expenditure (% of GDP)", "milex_gdp_pct"},
    {"military_expenditure_gdp", "milex_gdp_pct"},
    {"military_expenditure_share_gov_exp", "milex_gov_pct"},
    {"Military expenditure (% of government spending)", "milex_gov_pct"},
};

static int
owid_detect(const char *buf, size_t len)
{
    static const char head[] = "Entity,Code,Year,";
    size_t i = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (len - i >= sizeof head - 1 && memcmp(buf + i, head, sizeof head - 1) == 0)
        return 90;
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

static ds_status
owid_row(void *vctx, const ds__csv_row *row, ds_error *err)
{
    owid *w = vctx;
    ds__import_ctx *c = w->ctx;
    char q[80];
    if (!w->header) {
        if (row->nfields != 4)
            return ds__error_set(err, DS_EPARSE, row->path, row->line,
                                 ds__csv_column(row, row->nfields < 4 ? row->nfields : 4),
                                 "expected 4 columns (Entity, Code, Year and "
                                 "a value), found %zu", row->nfields);
        for (size_t i = 0; i < sizeof columns / sizeof *columns; i++)
            if (ds__strcaseeq(row->fields[3], columns[i].column))
                w->indicator = columns[i].indicator;
        if (!w->indicator)
            return ds__error_set(err, DS_EPARSE, row->path, row->line,
                                 ds__csv_column(row, 3),
                                 "unknown OWID value column '%s' (known: "
                                 "military_expenditure_share_gdp, "
                                 "military_expenditure_share_gov_exp)",
                                 ds__quote(row->fields[3], q, sizeof q));
        snprintf(w->column, sizeof w->column, "%s", row->fields[3]);
        w->header = 1;
        return DS_OK;
    }
    if (row->nfields != 4)
        return ds__error_set(err, DS_EPARSE, row->path, row->line,
                             ds__csv_column(row, row->nfields < 4 ? row->nfields : 4),
                             "expected 4 fields, found %zu", row->nfields);
    if (!ds__want_indicator(c, w->indicator, w->column))
        return DS_OK;
    const char *entity = row->fields[0], *code = row->fields[1];
    long year;
    if (!ds__parse_int_n(row->fields[2], row->lens[2], 1000, 3000, &year))
        return ds__error_set(err, DS_EPARSE, row->path, row->line,
                             ds__csv_column(row, 2), "invalid year '%s'",
                             ds__quote(row->fields[2], q, sizeof q));
    if (row->lens[3] == 0)
        return DS_OK; /* missing */
    double v;
    if (!ds__parse_double_n(row->fields[3], row->lens[3], &v))
        return ds__error_set(err, DS_EPARSE, row->path, row->line,
                             ds__csv_column(row, 3), "invalid number '%s'",
                             ds__quote(row->fields[3], q, sizeof q));
    const ds_country *k = NULL;
    int aggregate = !iso3_like(code, row->lens[1]);
    if (!aggregate)
        k = ds__country_find(c, code);
    if (!k)
        k = ds__country_find(c, entity);
    if (!k && !aggregate && !c->countries)
        k = NULL; /* no table: keep the code as it is */
    if (!k && (aggregate || c->countries)) {
        if (strcmp(w->skipped, entity) != 0) {
            snprintf(w->skipped, sizeof w->skipped, "%s", entity);
            ds__skipf(c, row->line, 1,
                      "%s '%s'%s%s%s is not in the country table; its rows "
                      "are skipped",
                      aggregate ? "aggregate" : "country",
                      ds__quote(entity, q, sizeof q),
                      row->lens[1] ? " (code " : "", code,
                      row->lens[1] ? ")" : "");
        }
        return DS_OK;
    }
    const char *iso = k ? k->iso3 : code;
    if (!ds__want_country(c, iso))
        return DS_OK;
    char source[200];
    snprintf(source, sizeof source, "Our World in Data %s (SIPRI)", w->column);
    unsigned flags = (aggregate || (k && k->aggregate)) ? DS_FLAG_AGGREGATE : 0u;
    ds__obs_spec o = {iso, (int)year, 1, w->indicator, v, "", "", "owid",
                      source, "", flags, "", row->line,
                      ds__csv_column(row, 3)};
    return ds__emit(c, &o, err);
}

static ds_status
owid_load(ds__import_ctx *ctx, ds_error *err)
{
    owid w;
    memset(&w, 0, sizeof w);
    w.ctx = ctx;
    ds_status st = ds__csv_read(ctx->path, ctx->buf, ctx->len, ',', owid_row,
                                &w, err);
    if (st == DS_OK && !w.header)
        st = ds__error_set(err, DS_EPARSE, ctx->path, 1, 1, "empty file");
    return st;
}

const ds__loader ds__loader_owid = {"owid", owid_detect, owid_load};
