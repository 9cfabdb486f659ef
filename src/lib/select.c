/* select.c - figure selection: which observation answers a question.
 *
 * Promises: a share of GDP takes its numerator and denominator from one
 * definition, or is the publisher's own ratio; no forecast is ever used
 * (every query here is actuals only); what was done is said in `basis`.
 * Nothing here allocates: results borrow from the store.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "defspend/select.h"
#include "internal.h"

const ds_obs *
ds_select_actual(const ds_store *st, const char *iso3, const char *ind,
                 int year, const char *cur, const char *def, int fy)
{
    assert(st && iso3 && ind);
    ds_query q = {iso3, ind, year, cur, def, NULL, NULL, fy, DS_ACTUALS_ONLY};
    const ds_obs *o = NULL;
    if (ds_store_find(st, &q, &o, NULL) != DS_OK)
        return NULL;
    return o;
}

/* A calendar-year actual. */
static const ds_obs *
find(const ds_store *st, const char *iso3, const char *ind, int year,
     const char *cur, const char *def)
{
    return ds_select_actual(st, iso3, ind, year, cur, def, 1);
}

/* The share by one given definition; 0 when it has none. */
static int
share_of(const ds_store *st, const char *iso3, const char *def, int year,
         ds_share *s)
{
    const ds_obs *pub = find(st, iso3, DS_IND_MILEX_GDP_PCT, year, NULL, def);
    const ds_obs *m = find(st, iso3, DS_IND_MILEX, year, DS_CURRENCY_USD, def);
    const ds_obs *g = find(st, iso3, DS_IND_GDP, year, DS_CURRENCY_USD, def);
    if (g && !(g->value > 0))
        g = NULL;
    if (pub && !isfinite(pub->value))
        pub = NULL;
    if (!pub && !(m && g))
        return 0;
    memset(s, 0, sizeof *s);
    s->year = year;
    s->definition = pub ? pub->definition : m->definition;
    s->published = pub;
    s->milex = m;
    s->gdp = g;
    s->milex_usd = m ? m->value : NAN;
    s->gdp_usd = g ? g->value : NAN;
    const char *who = ds_definition_label(s->definition);
    if (pub) {
        s->pct = pub->value;
        snprintf(s->basis, sizeof s->basis, "%s's published share of GDP",
                 who);
        if (!m && g) {
            s->milex_usd = s->pct * g->value / 100.0;
            s->milex_derived = 1;
        } else if (m && !g && s->pct > 0) {
            s->gdp_usd = m->value * 100.0 / s->pct;
            s->gdp_derived = 1;
        }
    } else {
        s->pct = 100.0 * m->value / g->value;
        snprintf(s->basis, sizeof s->basis,
                 "%s military expenditure / %s GDP, both current US$", who,
                 who);
    }
    return 1;
}

/* Definitions with military expenditure for iso3 (or any), in order. */
size_t
ds_select_definitions(const ds_store *st, const char *iso3, const char **out,
                      size_t cap)
{
    assert(st && (out || cap == 0));
    const char *seen[64];
    size_t n = 0;
    /* the two indicators one after the other: the order found does not
     * matter, the list is sorted below */
    static const char *const inds[] = {DS_IND_MILEX, DS_IND_MILEX_GDP_PCT};
    for (size_t t = 0; t < 2; t++) {
        ds_store_iter it;
        const ds_obs *o;
        ds_store_iter_init(&it, st, iso3, inds[t]);
        while ((o = ds_store_iter_next(&it)) != NULL) {
            size_t k = 0; /* interned strings: equal text, equal pointer */
            while (k < n && seen[k] != o->definition)
                k++;
            if (k == n && n < sizeof seen / sizeof *seen)
                seen[n++] = o->definition;
        }
    }
    /* the store's order, then alphabetical */
    for (size_t i = 1; i < n; i++) {
        const char *t = seen[i];
        size_t j = i;
        while (j > 0) {
            int ra = ds_definition_rank(seen[j - 1]),
                rb = ds_definition_rank(t);
            if (ra < rb || (ra == rb && strcmp(seen[j - 1], t) <= 0))
                break;
            seen[j] = seen[j - 1];
            j--;
        }
        seen[j] = t;
    }
    for (size_t i = 0; i < n && i < cap; i++)
        out[i] = seen[i];
    return n;
}

ds_status
ds_select_share(const ds_store *st, const char *iso3, const char *definition,
                int year, ds_share *out, ds_error *err)
{
    assert(st && iso3 && out);
    ds_share s;
    if (definition) {
        if (share_of(st, iso3, definition, year, &s)) {
            *out = s;
            return DS_OK;
        }
        return ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                             "no %s share of GDP for %s in %d in the store "
                             "(neither its published ratio nor its spending "
                             "and GDP)",
                             ds_definition_label(definition), iso3, year);
    }
    const char *defs[64];
    size_t n = ds_select_definitions(st, iso3, defs, 64);
    for (size_t i = 0; i < n && i < 64; i++)
        if (share_of(st, iso3, defs[i], year, &s)) {
            *out = s;
            return DS_OK;
        }
    return ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                         "no share of GDP for %s in %d in the store", iso3,
                         year);
}

int
ds_select_share_latest_year(const ds_store *st, const char *iso3,
                            const char *definition, int max_year)
{
    assert(st && iso3);
    /* candidate years: those of the share or spending series, newest
     * first; the first that gives a share wins */
    enum { MINY = 1000, MAXY = 3000 };
    unsigned char has[MAXY - MINY + 1];
    memset(has, 0, sizeof has);
    int top = 0;
    static const char *const inds[] = {DS_IND_MILEX_GDP_PCT, DS_IND_MILEX};
    for (size_t t = 0; t < 2; t++) {
        ds_store_iter it;
        const ds_obs *o;
        ds_store_iter_init(&it, st, iso3, inds[t]);
        while ((o = ds_store_iter_next(&it)) != NULL) {
            if (o->year < MINY || o->year > MAXY ||
                (max_year && o->year > max_year) || o->fy_start_month != 1 ||
                (o->flags & DS_FLAG_PROJECTION) ||
                (definition && strcmp(o->definition, definition) != 0))
                continue;
            has[o->year - MINY] = 1;
            if (o->year > top)
                top = o->year;
        }
    }
    for (int y = top; y >= MINY; y--) {
        ds_share s;
        if (has[y - MINY] &&
            ds_select_share(st, iso3, definition, y, &s, NULL) == DS_OK)
            return y;
    }
    return 0;
}

/* The same rule as share_of, for many countries and years at once: the
 * published ratio, or spending and GDP (current US$, positive GDP), all
 * calendar-year actuals of one definition. */
ds_status
ds_select_share_years(const ds_store *st, const char *const *iso3, size_t n,
                      const char *def, int from, int to, unsigned char *ok,
                      ds_error *err)
{
    assert(st && (iso3 || n == 0) && def && (ok || n == 0));
    if (to < from)
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "empty year range %d-%d", from, to);
    size_t ny = (size_t)(to - from) + 1;
    /* bit 1: published ratio, 2: spending US$, 4: GDP US$ */
    unsigned char *bits = calloc(n ? n * ny : 1, 1);
    if (!bits)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    const char *cur = NULL; /* the previous row's country and its index */
    size_t ci = n;
    /* the bits are or-ed: the indicators can be read one after the other */
    static const char *const inds[] = {DS_IND_MILEX_GDP_PCT, DS_IND_MILEX,
                                       DS_IND_GDP};
    for (size_t t = 0; t < 3; t++) {
        ds_store_iter it;
        const ds_obs *o;
        ds_store_iter_init(&it, st, NULL, inds[t]);
        while ((o = ds_store_iter_next(&it)) != NULL) {
            if (o->year < from || o->year > to || o->fy_start_month != 1 ||
                (o->flags & DS_FLAG_PROJECTION) ||
                strcmp(o->definition, def) != 0)
                continue;
            unsigned char b;
            if (t == 0)
                b = isfinite(o->value) ? 1 : 0;
            else
                b = strcmp(o->currency, DS_CURRENCY_USD) == 0 &&
                            (!o->price_basis[0] ||
                             strcmp(o->price_basis, "current") == 0)
                        ? (t == 1 ? 2 : (o->value > 0 ? 4 : 0))
                        : 0;
            if (!b)
                continue;
            if (o->country != cur) {
                cur = o->country;
                for (ci = 0; ci < n && strcmp(iso3[ci], cur) != 0; ci++)
                    ;
            }
            if (ci < n)
                bits[ci * ny + (size_t)(o->year - from)] |= b;
        }
    }
    for (size_t i = 0; i < n * ny; i++)
        ok[i] = (bits[i] & 1) || (bits[i] & 6) == 6;
    free(bits);
    return DS_OK;
}

int
ds_select_age(const ds_store *st, const ds_obs *o, int *newest_in_release,
              int *newest_in_store)
{
    assert(st && o);
    int rel = o->year, all = o->year;
    ds_store_iter it;
    const ds_obs *c;
    ds_store_iter_init(&it, st, NULL, o->indicator);
    while ((c = ds_store_iter_next(&it)) != NULL) {
        if ((c->flags & (DS_FLAG_PROJECTION | DS_FLAG_AGGREGATE |
                         DS_FLAG_DRAFT)) ||
            c->fy_start_month != o->fy_start_month)
            continue;
        if (c->year > all)
            all = c->year;
        if (c->year > rel && strcmp(c->definition, o->definition) == 0 &&
            strcmp(c->vintage, o->vintage) == 0)
            rel = c->year;
    }
    if (newest_in_release)
        *newest_in_release = rel;
    if (newest_in_store)
        *newest_in_store = all;
    return o->year < rel || o->year < all - 2;
}

/* ------------------------------------------------ a definition's own GDP */

static int
own_usable(const ds_obs *o)
{
    return !(o->flags & (DS_FLAG_PROJECTION | DS_FLAG_DRAFT)) &&
           isfinite(o->value);
}

ds_status
ds_select_share_own(const ds_store *st, const char *iso3,
                    const char *definition, int max_year, ds_share_own *out,
                    ds_error *err)
{
    assert(st && iso3 && definition && out);
    /* the newest vintage of each figure wins (the store's rule), so take
     * the candidates through ds_store_find */
    const ds_obs *best = NULL, *o;
    ds_store_iter it;
    ds_store_iter_init(&it, st, iso3, DS_IND_MILEX);
    while ((o = ds_store_iter_next(&it)) != NULL) {
        if (strcmp(o->definition, definition) != 0 || !o->currency[0] ||
            !own_usable(o) || (max_year && o->year > max_year))
            continue;
        if (best && o->year <= best->year)
            continue;
        /* the definition's own GDP, same currency, not after that year */
        const ds_obs *g = NULL, *c;
        ds_store_iter gi;
        ds_store_iter_init(&gi, st, iso3, DS_IND_GDP);
        while ((c = ds_store_iter_next(&gi)) != NULL) {
            if (strcmp(c->definition, definition) == 0 &&
                strcmp(c->currency, o->currency) == 0 && own_usable(c) &&
                c->value > 0 && c->year <= o->year &&
                (!g || c->year > g->year))
                g = c;
        }
        if (g)
            best = o;
    }
    if (!best)
        return ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                             "no %s share of GDP by its own convention for "
                             "%s in the store (it needs the definition's "
                             "spending and its own GDP in one currency)",
                             ds_definition_label(definition), iso3);
    ds_share_own s;
    memset(&s, 0, sizeof s);
    s.year = best->year;
    s.definition = best->definition;
    ds_query q = {iso3, "milex", best->year, best->currency, definition,
                  NULL, NULL, best->fy_start_month, DS_ACTUALS_ONLY};
    if (ds_store_find(st, &q, &s.milex, NULL) != DS_OK)
        s.milex = best;
    ds_query qs = {iso3, "milex_supplementary", best->year, best->currency,
                   definition, NULL, NULL, best->fy_start_month,
                   DS_ACTUALS_ONLY};
    const ds_obs *sup = NULL;
    if (ds_store_find(st, &qs, &sup, NULL) == DS_OK && own_usable(sup))
        s.supplementary = sup;
    const ds_obs *g = NULL, *c;
    ds_store_iter gi;
    ds_store_iter_init(&gi, st, iso3, DS_IND_GDP);
    while ((c = ds_store_iter_next(&gi)) != NULL) {
        if (strcmp(c->definition, definition) == 0 &&
            strcmp(c->currency, best->currency) == 0 && own_usable(c) &&
            c->value > 0 && c->year <= best->year &&
            (!g || c->year > g->year ||
             (c->year == g->year && strcmp(c->vintage, g->vintage) > 0)))
            g = c;
    }
    s.gdp = g;
    s.spending = s.milex->value + (s.supplementary ? s.supplementary->value : 0);
    s.pct = 100.0 * s.spending / g->value;
    s.pct_initial = 100.0 * s.milex->value / g->value;
    snprintf(s.basis, sizeof s.basis,
             "%s / the definition's own GDP base of %d, both %s",
             s.supplementary ? "initial + supplementary" : "initial budget",
             g->year, best->currency);
    *out = s;
    return DS_OK;
}
