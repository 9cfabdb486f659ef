/* compare.c - country groups and the multi-country comparison.
 *
 * Promises: the groups file is checked (header, ISO3 shape, year range)
 * with file, line and column in errors and leaves the table unchanged on
 * failure; a comparison keeps every country asked for, ranking those with
 * data by share of GDP and listing the others with what is missing; the
 * share is military expenditure over GDP in US$ of the same year and
 * vintage order as the store gives them, else the stored share.
 */
#include <assert.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

struct ds_groups {
    ds__pool *pool;
    ds_group_member *v;
    size_t n, cap;
};

ds_groups *
ds_groups_alloc(void)
{
    ds_groups *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->pool = ds__pool_alloc();
    if (!g->pool) {
        free(g);
        return NULL;
    }
    return g;
}

void
ds_groups_free(ds_groups *g)
{
    if (!g)
        return;
    ds__pool_free(g->pool);
    free(g->v);
    free(g);
}

size_t
ds_groups_count(const ds_groups *g)
{
    assert(g);
    return g->n;
}

const ds_group_member *
ds_groups_get(const ds_groups *g, size_t i)
{
    assert(g);
    return i < g->n ? &g->v[i] : NULL;
}

typedef struct grp_ctx {
    ds_groups *g;
    int header;
} grp_ctx;

static ds_status
grp_row(void *ctx, const ds__csv_row *row, ds_error *err)
{
    static const char *const cols[] = {"group", "iso3", "joined", "note"};
    grp_ctx *c = ctx;
    char q[80];
    if (row->nfields != 4)
        return ds__error_set(err, DS_EPARSE, row->path, row->line,
                             ds__csv_column(row, row->nfields < 4
                                                     ? row->nfields
                                                     : 4),
                             "expected 4 fields, found %zu", row->nfields);
    if (!c->header) {
        for (size_t i = 0; i < 4; i++)
            if (strcmp(row->fields[i], cols[i]) != 0)
                return ds__error_set(err, DS_EPARSE, row->path, row->line,
                                     ds__csv_column(row, i),
                                     "expected column '%s', found '%s'",
                                     cols[i],
                                     ds__quote(row->fields[i], q, sizeof q));
        c->header = 1;
        return DS_OK;
    }
    if (row->lens[0] == 0)
        return ds__error_set(err, DS_EPARSE, row->path, row->line,
                             ds__csv_column(row, 0), "empty group name");
    int ok = row->lens[1] == 3;
    for (size_t i = 0; ok && i < 3; i++)
        ok = isupper((unsigned char)row->fields[1][i]) != 0;
    if (!ok)
        return ds__error_set(err, DS_EPARSE, row->path, row->line,
                             ds__csv_column(row, 1),
                             "invalid ISO3 code '%s' (expected three capital "
                             "letters)",
                             ds__quote(row->fields[1], q, sizeof q));
    long joined = 0;
    if (row->lens[2] &&
        !ds__parse_int_n(row->fields[2], row->lens[2], 1800, 3000, &joined))
        return ds__error_set(err, DS_EPARSE, row->path, row->line,
                             ds__csv_column(row, 2),
                             "invalid year '%s' (expected 1800-3000 or "
                             "empty)",
                             ds__quote(row->fields[2], q, sizeof q));
    ds_groups *g = c->g;
    if (g->n == g->cap) {
        size_t nc = g->cap ? g->cap * 2 : 64;
        ds_group_member *v = realloc(g->v, nc * sizeof *v);
        if (!v)
            return ds__error_set(err, DS_ENOMEM, row->path, row->line, 0,
                                 "out of memory");
        g->v = v;
        g->cap = nc;
    }
    ds_group_member *m = &g->v[g->n];
    m->group = ds__pool_intern(g->pool, row->fields[0], row->lens[0]);
    m->iso3 = ds__pool_intern(g->pool, row->fields[1], row->lens[1]);
    m->note = ds__pool_intern(g->pool, row->fields[3], row->lens[3]);
    m->joined = (int)joined;
    if (!m->group || !m->iso3 || !m->note)
        return ds__error_set(err, DS_ENOMEM, row->path, row->line, 0,
                             "out of memory");
    for (size_t i = 0; i < g->n; i++)
        if (g->v[i].group == m->group && g->v[i].iso3 == m->iso3)
            return ds__error_set(err, DS_EPARSE, row->path, row->line,
                                 ds__csv_column(row, 1),
                                 "%s is listed twice in group '%s'", m->iso3,
                                 m->group);
    g->n++;
    return DS_OK;
}

ds_status
ds_groups_load_file(ds_groups *g, const char *path, ds_error *err)
{
    assert(g && path);
    char *buf;
    size_t len;
    ds_status st = ds__read_file(path, &buf, &len, err);
    if (st != DS_OK)
        return st;
    size_t before = g->n;
    grp_ctx c = {g, 0};
    st = ds__csv_read(path, buf, len, ',', grp_row, &c, err);
    free(buf);
    if (st == DS_OK && !c.header)
        st = ds__error_set(err, DS_EPARSE, path, 1, 1,
                           "empty groups file (expected the header "
                           "group,iso3,joined,note)");
    if (st != DS_OK)
        g->n = before; /* interned strings stay in the pool, unused */
    return st;
}

ds_status
ds_groups_members(const ds_groups *g, const char *group, int year,
                  const ds_group_member **out, size_t cap, size_t *n,
                  ds_error *err)
{
    assert(g && group && n && (out || cap == 0));
    size_t cnt = 0;
    int known = 0;
    for (size_t i = 0; i < g->n; i++) {
        if (!ds__strcaseeq(g->v[i].group, group))
            continue;
        known = 1;
        if (year && g->v[i].joined && g->v[i].joined > year)
            continue;
        if (cnt < cap)
            out[cnt] = &g->v[i];
        cnt++;
    }
    if (!known) {
        char names[256] = "";
        size_t o = 0;
        for (size_t i = 0; i < g->n && o < sizeof names; i++) {
            int seen = 0;
            for (size_t j = 0; j < i; j++)
                if (g->v[j].group == g->v[i].group)
                    seen = 1;
            if (seen)
                continue;
            int w = snprintf(names + o, sizeof names - o, "%s%s",
                             o ? ", " : "", g->v[i].group);
            if (w < 0)
                break;
            o += (size_t)w;
        }
        char q[80];
        return ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                             "unknown group '%s' (known: %s)",
                             ds__quote(group, q, sizeof q), names);
    }
    *n = cnt;
    return DS_OK;
}

/* ---------------------------------------------------------- compare */

static const ds_obs *
find1(const ds_store *st, const char *iso3, const char *ind, int year,
      const char *cur)
{
    ds_query q = {iso3, ind, year, cur, NULL, NULL, NULL, 1, DS_ACTUALS_ONLY};
    const ds_obs *o = NULL;
    if (ds_store_find(st, &q, &o, NULL) != DS_OK)
        return NULL;
    return o;
}

/* No GDP in the store (e.g. Taiwan, which the World Bank does not cover):
 * when one source gives both military expenditure in US$ and its share of
 * GDP for a year (SIPRI does), GDP is their ratio, said so in the row. */
static int
derived_row(const ds_store *st, ds_compare_row *r, int year)
{
    ds_query q = {r->iso3, "gdp", 0, "USD", NULL, NULL, NULL, 0, DS_ACTUALS_ONLY};
    int y;
    if (ds_store_latest_year(st, &q, &y, NULL) == DS_OK)
        return 0; /* it has GDP, just not with military expenditure */
    q.indicator = "milex";
    if (year) {
        y = year;
    } else if (ds_store_latest_year(st, &q, &y, NULL) != DS_OK) {
        return 0;
    }
    for (int yy = y; yy >= (year ? year : y - 60); yy--) {
        const ds_obs *m = find1(st, r->iso3, "milex", yy, "USD");
        if (!m)
            continue;
        ds_query qs = {r->iso3, "milex_gdp_pct", yy, NULL, m->definition,
                       m->vintage, NULL, m->fy_start_month, DS_ACTUALS_ONLY};
        const ds_obs *s = NULL;
        if (ds_store_find(st, &qs, &s, NULL) != DS_OK || !(s->value > 0))
            continue;
        r->year = yy;
        r->gdp_usd = NULL;
        r->milex_usd = m;
        r->share_obs = s;
        r->share_pct = s->value;
        r->milex_usd_value = m->value;
        r->gdp_usd_value = m->value * 100.0 / s->value;
        r->gdp_derived = 1;
        r->has_data = 1;
        return 1;
    }
    return 0;
}

static int
fill_row(const ds_store *st, ds_compare_row *r, int year)
{
    int y0 = year, y1 = year;
    if (!year) {
        ds_query q = {r->iso3, "gdp", 0, "USD", NULL, NULL, NULL, 1, DS_ACTUALS_ONLY};
        if (ds_store_latest_year(st, &q, &y0, NULL) != DS_OK)
            return derived_row(st, r, year);
        y1 = y0 - 60;
    }
    for (int y = y0; y >= y1; y--) {
        const ds_obs *g = find1(st, r->iso3, "gdp", y, "USD");
        if (!g || !(g->value > 0))
            continue;
        const ds_obs *m = find1(st, r->iso3, "milex", y, "USD");
        const ds_obs *s = m ? NULL : find1(st, r->iso3, "milex_gdp_pct", y,
                                           NULL);
        if (!m && !s)
            continue;
        r->year = y;
        r->gdp_usd = g;
        r->milex_usd = m;
        r->share_obs = s;
        r->share_pct = m ? 100.0 * m->value / g->value : s->value;
        r->milex_usd_value = m ? m->value : s->value / 100.0 * g->value;
        r->gdp_usd_value = g->value;
        r->has_data = 1;
        return 1;
    }
    return derived_row(st, r, year);
}

static int
cmp_rows(const void *a, const void *b)
{
    const ds_compare_row *x = a, *y = b;
    if (x->has_data != y->has_data)
        return y->has_data - x->has_data;
    if (!x->has_data)
        return 0;
    if (x->share_pct != y->share_pct)
        return x->share_pct < y->share_pct ? 1 : -1;
    return strcmp(x->iso3, y->iso3);
}

ds_status
ds_compare_run(const ds_store *st, const char *const *iso3, size_t n,
               const double *targets, size_t nt, int year,
               ds_comparison **out, ds_error *err)
{
    assert(st && (iso3 || n == 0) && (targets || nt == 0) && out);
    ds_comparison *c = calloc(1, sizeof *c);
    if (!c)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    c->year = year;
    c->n_targets = nt;
    c->n_rows = n;
    c->targets_pct = malloc((nt ? nt : 1) * sizeof *c->targets_pct);
    c->rows = calloc(n ? n : 1, sizeof *c->rows);
    if (!c->targets_pct || !c->rows)
        goto oom;
    for (size_t k = 0; k < nt; k++)
        c->targets_pct[k] = targets[k];
    const ds_countries *cs = ds_store_countries(st);
    for (size_t i = 0; i < n; i++) {
        ds_compare_row *r = &c->rows[i];
        snprintf(r->iso3, sizeof r->iso3, "%s", iso3[i]);
        r->name = NULL;
        const ds_country *ct;
        if (cs && ds_countries_lookup(cs, r->iso3, &ct, NULL) == DS_OK)
            r->name = ct->name;
        r->share_pct = r->milex_usd_value = r->gdp_usd_value = NAN;
        r->need_usd = malloc((nt ? nt : 1) * sizeof *r->need_usd);
        r->gap_usd = malloc((nt ? nt : 1) * sizeof *r->gap_usd);
        if (!r->need_usd || !r->gap_usd)
            goto oom;
        for (size_t k = 0; k < nt; k++)
            r->need_usd[k] = r->gap_usd[k] = NAN;
        if (!fill_row(st, r, year)) {
            const ds_obs *g =
                find1(st, r->iso3, "gdp", year ? year : 0, "USD");
            if (year)
                snprintf(r->missing, sizeof r->missing,
                         "no %s in %d in the store",
                         g ? "military expenditure (US$ or % of GDP)"
                           : "GDP in US$ with military expenditure",
                         year);
            else
                snprintf(r->missing, sizeof r->missing,
                         "no year with both GDP in US$ and military "
                         "expenditure in the store");
            continue;
        }
        for (size_t k = 0; k < nt; k++) {
            r->need_usd[k] = targets[k] / 100.0 * r->gdp_usd_value;
            r->gap_usd[k] = r->need_usd[k] - r->milex_usd_value;
        }
    }
    /* rank: stable for rows without data (keep input order) */
    for (size_t i = 0; i < n; i++)
        c->rows[i].rank = i; /* temporary: input order */
    qsort(c->rows, n, sizeof *c->rows, cmp_rows);
    /* restore input order among rows without data */
    size_t first_missing = n;
    for (size_t i = 0; i < n; i++)
        if (!c->rows[i].has_data) {
            first_missing = i;
            break;
        }
    for (size_t i = first_missing + 1; i < n; i++) {
        ds_compare_row t = c->rows[i];
        size_t j = i;
        while (j > first_missing && c->rows[j - 1].rank > t.rank) {
            c->rows[j] = c->rows[j - 1];
            j--;
        }
        c->rows[j] = t;
    }
    for (size_t i = 0; i < n; i++)
        c->rows[i].rank = c->rows[i].has_data ? i + 1 : 0;
    for (size_t i = 0; i < n; i++)
        if (!c->rows[i].name)
            c->rows[i].name = c->rows[i].iso3;
    *out = c;
    return DS_OK;

oom:
    ds_comparison_free(c);
    return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
}

void
ds_comparison_free(ds_comparison *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n_rows && c->rows; i++) {
        free(c->rows[i].need_usd);
        free(c->rows[i].gap_usd);
    }
    free(c->rows);
    free(c->targets_pct);
    free(c);
}
