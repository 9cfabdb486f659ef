/* compare.c - country groups and the multi-country comparison.
 *
 * Promises: the groups file is checked (header, ISO3 shape, year range)
 * with file, line and column in errors and leaves the table unchanged on
 * failure; a comparison keeps every country asked for, ranking those with
 * data by share of GDP and listing the others with what is available;
 * every share comes from ds_select_share (select.c) with one definition
 * for the whole table, chosen by the caller or as the one covering the
 * most countries, and one year (the common year, a requested one, or
 * each country's latest, marked).
 */
#include <assert.h>
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "defspend/compare.h"
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

const char *
ds_groups_source(const ds_groups *g, const char *group)
{
    assert(g);
    if (!group)
        return NULL;
    for (size_t i = 0; i < g->n; i++)
        if (g->v[i].source[0] && ds__strcaseeq(g->v[i].group, group))
            return g->v[i].source;
    return NULL;
}

typedef struct grp_ctx {
    ds_groups *g;
    int header;
    size_t ncols; /* 4, or 5 with the source column */
} grp_ctx;

static ds_status
grp_row(void *ctx, const ds__csv_row *row, ds_error *err)
{
    static const char *const cols[] = {"group", "iso3", "joined", "note",
                                       "source"};
    grp_ctx *c = ctx;
    char q[80];
    if (!c->header && (row->nfields == 4 || row->nfields == 5))
        c->ncols = row->nfields;
    size_t want = c->ncols ? c->ncols : 4;
    if (row->nfields != want)
        return ds__error_set(err, DS_EPARSE, row->path, row->line,
                             ds__csv_column(row, row->nfields < want
                                                     ? row->nfields
                                                     : want),
                             "expected %zu fields, found %zu", want,
                             row->nfields);
    if (!c->header) {
        for (size_t i = 0; i < want; i++)
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
    m->source = want == 5 ? ds__pool_intern(g->pool, row->fields[4],
                                            row->lens[4])
                          : ds__pool_intern(g->pool, "", 0);
    m->joined = (int)joined;
    if (!m->group || !m->iso3 || !m->note || !m->source)
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
    grp_ctx c = {g, 0, 0};
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
        const char *gn[64];
        size_t ng = 0;
        for (size_t i = 0; i < g->n && ng < 64; i++) {
            size_t j = 0;
            while (j < ng && gn[j] != g->v[i].group)
                j++;
            if (j == ng)
                gn[ng++] = g->v[i].group;
        }
        const char *near = ds_suggest(group, gn, ng);
        return ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                             "unknown group '%s'%s%s%s (known: %s)",
                             ds__quote(group, q, sizeof q),
                             near ? "; did you mean '" : "",
                             near ? near : "", near ? "'?" : "", names);
    }
    *n = cnt;
    return DS_OK;
}

/* ---------------------------------------------------------- compare */

void
ds_compare_spec_init(ds_compare_spec *spec)
{
    assert(spec);
    memset(spec, 0, sizeof *spec);
}

enum { MINY = 1800, MAXY = 2200, NYEARS = MAXY - MINY + 1 };

/* One candidate definition: which countries have a share in which year. */
typedef struct cover {
    const char *def;
    unsigned char *ok;  /* [n * NYEARS] */
    int year;           /* its table year (common, requested or newest) */
    size_t count;       /* countries with a figure in that year (latest
                           each: in any year up to the limit) */
    ds_compare_year_rule rule;
} cover;

static int
has(const cover *c, size_t i, int y)
{
    return y >= MINY && y <= MAXY && c->ok[i * NYEARS + (size_t)(y - MINY)];
}

/* The table's year and coverage of one definition. */
static void
cover_year(cover *c, size_t n, const ds_compare_spec *sp)
{
    c->year = 0;
    c->count = 0;
    if (sp->year && !sp->latest_each) {
        c->year = sp->year;
        c->rule = DS_COMPARE_YEAR_REQUESTED;
        for (size_t i = 0; i < n; i++)
            c->count += has(c, i, sp->year);
        return;
    }
    int top = sp->year ? sp->year : MAXY;
    if (sp->latest_each) {
        c->rule = DS_COMPARE_YEAR_LATEST_EACH;
        for (size_t i = 0; i < n; i++)
            for (int y = top; y >= MINY; y--)
                if (has(c, i, y)) {
                    c->count++;
                    if (y > c->year)
                        c->year = y;
                    break;
                }
        return;
    }
    size_t best = 0;
    int besty = 0;
    for (int y = top; y >= MINY; y--) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            k += has(c, i, y);
        if (2 * k > n) {
            c->year = y;
            c->count = k;
            c->rule = DS_COMPARE_YEAR_COMMON;
            return;
        }
        if (k > best) {
            best = k;
            besty = y;
        }
    }
    c->year = besty;
    c->count = best;
    c->rule = DS_COMPARE_YEAR_MOST;
}

static void
append(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
append(char *buf, size_t size, const char *fmt, ...)
{
    size_t l = strlen(buf);
    if (l + 1 >= size)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf + l, size - l, fmt, ap);
    va_end(ap);
}

/* Fill one row from its share; 0 when the definition has none in year. */
static int
fill_row(const ds_store *st, ds_compare_row *r, const char *def, int year)
{
    ds_share sh;
    if (!year || ds_select_share(st, r->iso3, def, year, &sh, NULL) != DS_OK)
        return 0;
    r->share = sh;
    r->year = year;
    r->share_obs = sh.published;
    r->milex_usd = sh.milex;
    r->gdp_usd = sh.gdp;
    r->published = sh.published != NULL;
    r->milex_derived = sh.milex_derived;
    r->gdp_derived = sh.gdp_derived;
    r->share_pct = sh.pct;
    r->milex_usd_value = sh.milex_usd;
    r->gdp_usd_value = sh.gdp_usd;
    r->has_data = 1;
    const ds_obs *aged = sh.published ? sh.published : sh.milex;
    if (aged) {
        r->stale = ds_select_age(st, aged, &r->newest_in_release,
                                 &r->newest_in_store);
        if (r->stale) {
            if (r->newest_in_release > year)
                snprintf(r->note, sizeof r->note, "as of %d (release: %d)",
                         year, r->newest_in_release);
            else
                snprintf(r->note, sizeof r->note, "as of %d (store: %d)",
                         year, r->newest_in_store);
        }
    }
    /* the publisher's own caveat on the share (NATO's 2024e, SIPRI's
     * estimates): said on the row, not only in the store */
    const ds_obs *fl = sh.published ? sh.published : sh.milex;
    if (fl && (fl->flags & (DS_FLAG_ESTIMATE | DS_FLAG_APPROXIMATE))) {
        const char *w = (fl->flags & DS_FLAG_ESTIMATE) ? "estimate"
                                                       : "approximate";
        append(r->note, sizeof r->note, "%s%s", r->note[0] ? "; " : "", w);
    }
    return 1;
}

static int
cmp_rows(const void *a, const void *b)
{
    const ds_compare_row *x = a, *y = b;
    if (x->has_data != y->has_data)
        return y->has_data - x->has_data;
    if (!x->has_data)
        return x->rank < y->rank ? -1 : x->rank > y->rank; /* input order */
    if (x->share_pct != y->share_pct)
        return x->share_pct < y->share_pct ? 1 : -1;
    return strcmp(x->iso3, y->iso3);
}

/* Choose the definition: spec->source, else the best-covered one. */
static ds_status
choose(const ds_store *st, const ds_compare_spec *sp, ds_comparison *c,
       cover *cv, size_t ncv, size_t *pick, ds_error *err)
{
    size_t n = sp->n;
    for (size_t d = 0; d < ncv; d++) {
        ds_status s = ds_select_share_years(st, sp->iso3, n, cv[d].def,
                                            MINY, MAXY, cv[d].ok, err);
        if (s != DS_OK)
            return s;
        cover_year(&cv[d], n, sp);
    }
    /* the newest common year wins among definitions that cover a
     * majority in it (NATO 2024 for 31 of 32 before WDI 2022 for 32):
     * a comparison should be as current as the group's figures allow;
     * then coverage; ties keep the store's order */
    size_t b = 0;
    for (size_t d = 1; d < ncv; d++) {
        int maj_d = 2 * cv[d].count > n, maj_b = 2 * cv[b].count > n;
        if (maj_d != maj_b) {
            if (maj_d)
                b = d;
            continue;
        }
        if ((maj_d && cv[d].year > cv[b].year) ||
            ((!maj_d || cv[d].year == cv[b].year) &&
             cv[d].count > cv[b].count))
            b = d;
    }
    /* the group's own publisher (NATO for NATO) when it is as current as
     * the best and covers a majority: its figures are the ones the
     * group's debate quotes */
    int preferred = 0;
    if (!sp->source && sp->prefer)
        for (size_t d = 0; d < ncv; d++)
            if (d != b && strcmp(cv[d].def, sp->prefer) == 0 &&
                2 * cv[d].count > n && cv[d].year >= cv[b].year) {
                b = d;
                preferred = 1;
                break;
            }
    *pick = b;
    snprintf(c->definition, sizeof c->definition, "%s", cv[b].def);
    c->definition_auto = sp->source == NULL;
    if (!sp->source) {
        snprintf(c->definition_why, sizeof c->definition_why,
                 "chosen automatically: figures for %zu of %zu countries "
                 "%s %d",
                 cv[b].count, n,
                 sp->latest_each ? "up to" : "in", cv[b].year);
        int first = 1;
        for (size_t d = 0; d < ncv; d++) {
            if (d == b || !cv[d].count)
                continue;
            append(c->definition_why, sizeof c->definition_why,
                   "%s%s %zu %s %d", first ? " (" : ", ",
                   ds_definition_short(cv[d].def), cv[d].count,
                   sp->latest_each ? "up to" : "in", cv[d].year);
            first = 0;
        }
        if (!first)
            append(c->definition_why, sizeof c->definition_why, ")");
        if (preferred)
            append(c->definition_why, sizeof c->definition_why,
                   "; the group's own publisher, preferred when it covers "
                   "more than half of the countries in as recent a year");
        for (size_t d = 0; !preferred && d < ncv; d++)
            if (d != b && cv[d].count == cv[b].count) {
                append(c->definition_why, sizeof c->definition_why,
                       "; ties go to the store's order wdi, sipri, nato");
                break;
            }
    } else {
        snprintf(c->definition_why, sizeof c->definition_why,
                 "as requested: figures for %zu of %zu countries %s %d",
                 cv[b].count, n, sp->latest_each ? "up to" : "in",
                 cv[b].year);
    }
    return DS_OK;
}

ds_status
ds_compare_run(const ds_store *st, const ds_compare_spec *sp,
               ds_comparison **out, ds_error *err)
{
    assert(st && sp && out && (sp->iso3 || sp->n == 0) &&
           (sp->targets_pct || sp->n_targets == 0));
    size_t n = sp->n, nt = sp->n_targets;
    ds_status stt = DS_OK;
    const char *defs[32];
    size_t ndef = ds_select_definitions(st, NULL, defs, 32);
    if (ndef > 32)
        ndef = 32;
    if (sp->source) {
        size_t k = 0;
        while (k < ndef && strcmp(defs[k], sp->source) != 0)
            k++;
        if (k == ndef) {
            char list[256] = "", q[80];
            for (size_t d = 0; d < ndef; d++)
                append(list, sizeof list, "%s%s", d ? ", " : "", defs[d]);
            return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                                 "no military expenditure by definition "
                                 "'%s' in the store (%s%s)",
                                 ds__quote(sp->source, q, sizeof q),
                                 ndef ? "definitions with it: " : "none",
                                 list);
        }
        defs[0] = defs[k];
        ndef = 1;
    }
    ds_comparison *c = calloc(1, sizeof *c);
    cover cv[32];
    memset(cv, 0, sizeof cv);
    if (!c)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    c->n_targets = nt;
    c->n_rows = n;
    c->targets_pct = malloc((nt ? nt : 1) * sizeof *c->targets_pct);
    c->rows = calloc(n ? n : 1, sizeof *c->rows);
    if (!c->targets_pct || !c->rows)
        goto oom;
    for (size_t k = 0; k < nt; k++)
        c->targets_pct[k] = sp->targets_pct[k];
    for (size_t d = 0; d < ndef; d++) {
        cv[d].def = defs[d];
        cv[d].ok = calloc(n ? n * NYEARS : 1, 1);
        if (!cv[d].ok)
            goto oom;
    }
    const ds_countries *cs = ds_store_countries(st);
    for (size_t i = 0; i < n; i++) {
        ds_compare_row *r = &c->rows[i];
        snprintf(r->iso3, sizeof r->iso3, "%s", sp->iso3[i]);
        const ds_country *ct;
        r->name = cs && ds_countries_lookup(cs, r->iso3, &ct, NULL) == DS_OK
                      ? ct->name
                      : NULL;
        r->share_pct = r->milex_usd_value = r->gdp_usd_value = NAN;
        r->need_usd = malloc((nt ? nt : 1) * sizeof *r->need_usd);
        r->gap_usd = malloc((nt ? nt : 1) * sizeof *r->gap_usd);
        if (!r->need_usd || !r->gap_usd)
            goto oom;
        for (size_t k = 0; k < nt; k++)
            r->need_usd[k] = r->gap_usd[k] = NAN;
        r->rank = i; /* input order, until ranked */
    }
    if (ndef == 0) {
        c->year_rule = sp->latest_each ? DS_COMPARE_YEAR_LATEST_EACH
                       : sp->year      ? DS_COMPARE_YEAR_REQUESTED
                                       : DS_COMPARE_YEAR_MOST;
        c->year = sp->latest_each ? 0 : sp->year;
        snprintf(c->definition_why, sizeof c->definition_why,
                 "no military expenditure in the store");
        snprintf(c->year_why, sizeof c->year_why, "no figures");
        for (size_t i = 0; i < n; i++)
            snprintf(c->rows[i].missing, sizeof c->rows[i].missing,
                     "no military expenditure in the store");
        goto rank;
    }
    size_t b;
    if ((stt = choose(st, sp, c, cv, ndef, &b, err)) != DS_OK)
        goto fail;
    const cover *w = &cv[b];
    const char *lab = ds_definition_short(w->def);
    c->year = w->year;
    c->year_rule = w->rule;
    switch (w->rule) {
    case DS_COMPARE_YEAR_COMMON:
        snprintf(c->year_why, sizeof c->year_why,
                 "%d, the latest year in which more than half of the "
                 "countries (%zu of %zu) have a %s figure",
                 w->year, w->count, n, lab);
        break;
    case DS_COMPARE_YEAR_MOST:
        if (w->count)
            snprintf(c->year_why, sizeof c->year_why,
                     "%d, the year with the most %s figures (%zu of %zu); "
                     "no year has more than half",
                     w->year, lab, w->count, n);
        else
            snprintf(c->year_why, sizeof c->year_why,
                     "none: no %s figure for these countries", lab);
        break;
    case DS_COMPARE_YEAR_REQUESTED:
        snprintf(c->year_why, sizeof c->year_why,
                 "%d, as requested (%zu of %zu countries have a %s figure)",
                 w->year, w->count, n, lab);
        break;
    case DS_COMPARE_YEAR_LATEST_EACH:
        snprintf(c->year_why, sizeof c->year_why,
                 "each country's latest %s figure%s; the newest is %d, rows "
                 "from older years are marked",
                 lab, sp->year ? " up to the requested year" : "", w->year);
        break;
    }
    for (size_t i = 0; i < n; i++) {
        ds_compare_row *r = &c->rows[i];
        int latest = 0;
        for (int y = MAXY; y >= MINY && !latest; y--)
            if (has(w, i, y))
                latest = y;
        r->latest_year = latest;
        int y = c->year;
        if (sp->latest_each) {
            y = 0;
            for (int yy = sp->year ? sp->year : MAXY; yy >= MINY && !y; yy--)
                if (has(w, i, yy))
                    y = yy;
        }
        if (!fill_row(st, r, w->def, y)) {
            if (!latest)
                snprintf(r->missing, sizeof r->missing,
                         "no %s figure in any year", lab);
            else if (y)
                snprintf(r->missing, sizeof r->missing,
                         "no %s figure for %d; latest %d", lab, y, latest);
            else if (sp->latest_each && sp->year)
                snprintf(r->missing, sizeof r->missing,
                         "no %s figure up to %d; latest %d", lab, sp->year,
                         latest);
            else
                snprintf(r->missing, sizeof r->missing,
                         "no %s figure in the table's year; latest %d", lab,
                         latest);
            continue;
        }
        if (sp->latest_each && r->year < c->year) {
            r->year_differs = 1;
            append(r->note, sizeof r->note, "%stable: %d",
                   r->note[0] ? "; " : "", c->year);
        }
        for (size_t k = 0; k < nt; k++) {
            r->need_usd[k] = sp->targets_pct[k] / 100.0 * r->gdp_usd_value;
            r->gap_usd[k] = r->need_usd[k] - r->milex_usd_value;
        }
    }
rank:
    qsort(c->rows, n, sizeof *c->rows, cmp_rows);
    for (size_t i = 0; i < n; i++) {
        c->rows[i].rank = c->rows[i].has_data ? i + 1 : 0;
        if (!c->rows[i].name)
            c->rows[i].name = c->rows[i].iso3;
    }
    for (size_t d = 0; d < ndef; d++)
        free(cv[d].ok);
    *out = c;
    return DS_OK;

oom:
    stt = ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
fail:
    for (size_t d = 0; d < ndef; d++)
        free(cv[d].ok);
    ds_comparison_free(c);
    return stt;
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
