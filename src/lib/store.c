/* store.c - the observation store: loading a directory, indexing, queries.
 *
 * Promises: a failed load leaves the store exactly as it was; two
 * observations with the same key (country, year, year basis, indicator,
 * currency, price basis, definition, vintage) and different values are an
 * error naming both places; queries choose one observation by a documented
 * order (calendar year, definition rank, newest vintage) and never invent
 * a value for a missing one.
 */
#include <assert.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "store_internal.h"

ds_store *
ds_store_alloc(void)
{
    ds_store *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->pool = ds__pool_alloc();
    if (!s->pool) {
        free(s);
        return NULL;
    }
    return s;
}

void
ds_store_free(ds_store *s)
{
    if (!s)
        return;
    ds__pool_free(s->pool);
    free(s->obs);
    free(s->index);
    ds__store_groups_free(s);
    if (s->map)
        munmap(s->map, s->map_len);
    ds_countries_free(s->countries);
    free(s->baselines);
    free(s);
}

size_t
ds_store_count(const ds_store *s)
{
    assert(s);
    return s->n;
}

const ds_obs *
ds_store_get(const ds_store *s, size_t i)
{
    assert(s);
    return i < s->n ? &s->obs[i] : NULL;
}

const ds_countries *
ds_store_countries(const ds_store *s)
{
    assert(s);
    return s->countries;
}

const ds_baseline_def *
ds_store_baseline_def(const ds_store *s, const char *iso3)
{
    assert(s && iso3);
    for (size_t i = 0; i < s->nbaselines; i++)
        if (strcmp(s->baselines[i].country, iso3) == 0)
            return &s->baselines[i];
    return NULL;
}

/* -------------------------------------------------------------- index */

static uint64_t
mix(uint64_t h, uint64_t v)
{
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h;
}

static uint64_t
key_hash(const ds_obs *o)
{
    /* strings are interned: their addresses are their identity */
    uint64_t h = 0;
    h = mix(h, (uintptr_t)o->country);
    h = mix(h, (uint64_t)o->year);
    h = mix(h, (uint64_t)o->fy_start_month);
    h = mix(h, (uintptr_t)o->indicator);
    h = mix(h, (uintptr_t)o->currency);
    h = mix(h, (uintptr_t)o->price_basis);
    h = mix(h, (uintptr_t)o->definition);
    h = mix(h, (uintptr_t)o->vintage);
    /* murmur3's finaliser: every input bit reaches the low bits that pick
     * the slot (a plain multiply leaves them depending on low bits only) */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

static int
key_eq(const ds_obs *a, const ds_obs *b)
{
    return a->country == b->country && a->year == b->year &&
           a->fy_start_month == b->fy_start_month &&
           a->indicator == b->indicator && a->currency == b->currency &&
           a->price_basis == b->price_basis &&
           a->definition == b->definition && a->vintage == b->vintage;
}

/* Slot for o: either the slot holding its twin or an empty one. */
static size_t
index_slot(const ds_store *s, const ds_obs *o)
{
    size_t mask = s->index_cap - 1;
    size_t j = (size_t)key_hash(o) & mask;
    while (s->index[j] && !key_eq(&s->obs[s->index[j] - 1], o))
        j = (j + 1) & mask;
    return j;
}

static int
index_rebuild(ds_store *s, size_t cap)
{
    while ((s->n + 1) * 2 > cap)
        cap *= 2;
    size_t *idx = calloc(cap, sizeof *idx);
    if (!idx)
        return 0;
    free(s->index);
    s->index = idx;
    s->index_cap = cap;
    for (size_t i = 0; i < s->n; i++)
        s->index[index_slot(s, &s->obs[i])] = i + 1;
    s->index_stale = 0;
    return 1;
}

/* The key index, rebuilt if a snapshot left it out; 0 when out of
 * memory. */
static int
index_ready(ds_store *s)
{
    return !s->index_stale || index_rebuild(s, 1024);
}

/* Any change to the observations: the query index no longer holds. */
static void
changed(ds_store *s)
{
    if (s->groups_ok || s->gorder)
        ds__store_groups_free(s);
}

/* The first of o's text fields that is not valid UTF-8, or NULL.  Strings
 * are interned: one that the previous observation holds was checked. */
static const char *
bad_text(const ds_store *s, const ds_obs *o)
{
    const ds_obs *p = s->n ? &s->obs[s->n - 1] : NULL;
    const struct {
        const char *name, *v, *prev;
    } f[] = {
        {"country", o->country, p ? p->country : NULL},
        {"indicator", o->indicator, p ? p->indicator : NULL},
        {"currency", o->currency, p ? p->currency : NULL},
        {"price_basis", o->price_basis, p ? p->price_basis : NULL},
        {"definition", o->definition, p ? p->definition : NULL},
        {"source", o->source, p ? p->source : NULL},
        {"vintage", o->vintage, p ? p->vintage : NULL},
        {"note", o->note, p ? p->note : NULL},
    };
    for (size_t i = 0; i < sizeof f / sizeof *f; i++) {
        if (!f[i].v || f[i].v == f[i].prev)
            continue;
        size_t len = strlen(f[i].v);
        if (ds__utf8_check(f[i].v, len) != len)
            return f[i].name;
    }
    return NULL;
}

ds_status
ds__store_add(ds_store *s, const ds_obs *o, size_t column, ds_error *err)
{
    /* every loader comes through here: no text that is not UTF-8 gets in
     * (load_tidy.c says where in the field; this is the net) */
    const char *bad = bad_text(s, o);
    if (bad)
        return ds__error_set(err, DS_EPARSE, o->path, o->line, column,
                             "invalid UTF-8 in the %s of the observation "
                             "for %d; save the file as UTF-8",
                             bad, o->year);
    if (!index_ready(s) ||
        ((s->n + 1) * 2 > s->index_cap &&
         !index_rebuild(s, s->index_cap ? s->index_cap * 2 : 1024)))
        return ds__error_set(err, DS_ENOMEM, o->path, o->line, 0,
                             "out of memory");
    size_t j = index_slot(s, o);
    if (s->index[j]) {
        const ds_obs *twin = &s->obs[s->index[j] - 1];
        if (twin->value == o->value)
            return DS_OK; /* identical duplicate: keep the first */
        char a[40], b[40];
        return ds__error_set(
            err, DS_EPARSE, o->path, o->line, column,
            "conflicting duplicate: %s %s %d value %s, but %s:%zu has %s for "
            "the same country, year, indicator, currency, definition and "
            "vintage",
            o->country, o->indicator, o->year,
            ds_format_full(o->value, a, sizeof a), twin->path, twin->line,
            ds_format_full(twin->value, b, sizeof b));
    }
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 1024;
        ds_obs *n = realloc(s->obs, nc * sizeof *n);
        if (!n)
            return ds__error_set(err, DS_ENOMEM, o->path, o->line, 0,
                                 "out of memory");
        s->obs = n;
        s->cap = nc;
    }
    changed(s);
    s->obs[s->n++] = *o;
    s->index[j] = s->n;
    return DS_OK;
}

int
ds__store_reserve(ds_store *s, size_t n)
{
    size_t want = s->n + n;
    if (!index_ready(s))
        return 0;
    if (want > s->cap) {
        size_t nc = s->cap ? s->cap : 1024;
        while (nc < want)
            nc *= 2;
        ds_obs *o = realloc(s->obs, nc * sizeof *o);
        if (!o)
            return 0;
        s->obs = o;
        s->cap = nc;
    }
    if ((want + 1) * 2 > s->index_cap) {
        size_t nc = s->index_cap ? s->index_cap : 1024;
        while ((want + 1) * 2 > nc)
            nc *= 2;
        if (!index_rebuild(s, nc))
            return 0;
    }
    return 1;
}

void
ds__store_truncate(ds_store *s, size_t n)
{
    if (n >= s->n)
        return;
    changed(s);
    s->n = n;
    if (s->index_stale)
        return; /* rebuilt before its next use */
    for (size_t j = 0; j < s->index_cap; j++)
        s->index[j] = 0;
    for (size_t i = 0; i < s->n; i++)
        s->index[index_slot(s, &s->obs[i])] = i + 1;
}

/* Lay the store up over s (store_internal.h).  up's strings are first
 * interned in s's pool and room is reserved, so that the commit loop
 * cannot fail half-way; on error s is untouched. */
ds_status
ds__store_overlay(ds_store *s, ds_store *up, const char *dir, ds_error *err)
{
    ds_status st = DS_OK;
    ds_obs *tmp = NULL;
    ds_baseline_def *bases = NULL;
    /* a layer of meta/ files alone leaves the observations (and their
     * indexes) as they are */
    if (up->n && !index_ready(s))
        goto nomem;
    tmp = malloc((up->n ? up->n : 1) * sizeof *tmp);
    bases = up->nbaselines ? malloc(up->nbaselines * sizeof *bases) : NULL;
    if (!tmp || (up->nbaselines && !bases))
        goto nomem;
#define RE(f) ((f) = ds__pool_intern(s->pool, (f), strlen(f)))
    for (size_t i = 0; i < up->n; i++) {
        ds_obs *o = &tmp[i];
        *o = up->obs[i];
        if (!RE(o->country) || !RE(o->indicator) || !RE(o->currency) ||
            !RE(o->price_basis) || !RE(o->definition) || !RE(o->source) ||
            !RE(o->vintage) || !RE(o->note) || !RE(o->path))
            goto nomem;
    }
    for (size_t i = 0; i < up->nbaselines; i++) {
        ds_baseline_def *d = &bases[i];
        *d = up->baselines[i];
        if (!RE(d->country) || !RE(d->indicator) || !RE(d->definition) ||
            !RE(d->label))
            goto nomem;
    }
#undef RE
    if (up->n && s->n + up->n > s->cap) {
        size_t nc = s->cap ? s->cap : 1024;
        while (nc < s->n + up->n)
            nc *= 2;
        ds_obs *n = realloc(s->obs, nc * sizeof *n);
        if (!n)
            goto nomem;
        s->obs = n;
        s->cap = nc;
    }
    if (up->n && (s->n + up->n + 1) * 2 > s->index_cap) {
        size_t nc = s->index_cap ? s->index_cap : 1024;
        while ((s->n + up->n + 1) * 2 > nc)
            nc *= 2;
        if (!index_rebuild(s, nc))
            goto nomem;
    }
    /* commit: nothing below can fail */
    if (up->n)
        changed(s);
    for (size_t i = 0; i < up->n; i++) {
        size_t j = index_slot(s, &tmp[i]);
        if (s->index[j]) {
            s->obs[s->index[j] - 1] = tmp[i]; /* the upper layer wins */
        } else {
            s->obs[s->n++] = tmp[i];
            s->index[j] = s->n;
        }
    }
    if (up->countries) {
        ds_countries_free(s->countries);
        s->countries = up->countries;
        up->countries = NULL;
    }
    if (bases) {
        free(s->baselines);
        s->baselines = bases;
        s->nbaselines = up->nbaselines;
        bases = NULL;
    }
    goto done;
nomem:
    st = ds__error_set(err, DS_ENOMEM, dir, 0, 0, "out of memory");
done:
    free(tmp);
    free(bases);
    return st;
}

/* ------------------------------------------------------------ queries */

/* A query with its country and indicator resolved to the store's interned
 * strings: every observation's strings are interned in the store's pool
 * (store_internal.h), so equal strings are equal pointers and a name the
 * pool has never seen matches nothing. */
/* The candidates are the query's (country, indicator) group
 * (ds_store_iter, store_groups.c), in load order. */
static int
matches(const ds_obs *o, const ds_query *q, int any_year)
{
    if (!any_year && q->year && o->year != q->year)
        return 0;
    if (q->currency && strcmp(o->currency, q->currency) != 0)
        return 0;
    if (q->definition && strcmp(o->definition, q->definition) != 0)
        return 0;
    if (q->vintage && strcmp(o->vintage, q->vintage) != 0)
        return 0;
    if (q->price_basis && strcmp(o->price_basis, q->price_basis) != 0)
        return 0;
    if (!q->price_basis && o->currency[0] && o->price_basis[0] &&
        strcmp(o->price_basis, "current") != 0)
        return 0; /* money defaults to current prices */
    if (q->fy_start_month && o->fy_start_month != q->fy_start_month)
        return 0;
    int proj = (o->flags & DS_FLAG_PROJECTION) != 0;
    if ((q->projections == DS_ACTUALS_ONLY && proj) ||
        (q->projections == DS_PROJECTIONS_ONLY && !proj))
        return 0;
    return 1;
}

int
ds__series_prefer(const ds_obs *a, const ds_obs *b, const char *cur)
{
    int ca = a->fy_start_month != 1, cb = b->fy_start_month != 1;
    if (ca != cb)
        return ca - cb;
    int ra = ds_definition_rank(a->definition),
        rb = ds_definition_rank(b->definition);
    if (ra != rb)
        return ra - rb;
    int c = strcmp(a->definition, b->definition);
    if (c)
        return c;
    int ua = strcmp(a->currency, cur) != 0, ub = strcmp(b->currency, cur) != 0;
    if (ua != ub)
        return ua - ub;
    return strcmp(a->currency, b->currency);
}

/* < 0 when a is preferred to b: the series rule with USD first, then the
 * newest vintage. */
static int
prefer(const ds_obs *a, const ds_obs *b)
{
    int c = ds__series_prefer(a, b, DS_CURRENCY_USD);
    if (c)
        return c;
    c = strcmp(b->vintage, a->vintage); /* newest first */
    if (c)
        return c;
    return strcmp(a->price_basis, b->price_basis);
}

static void
describe(const ds_query *q, char *buf, size_t size)
{
    int n = snprintf(buf, size, "%s %s", q->country, q->indicator);
    if (n < 0 || (size_t)n >= size)
        return;
    if (q->year)
        n += snprintf(buf + n, size - (size_t)n, " %d", q->year);
    if (q->currency && (size_t)n < size)
        n += snprintf(buf + n, size - (size_t)n, " in %s",
                      q->currency[0] ? q->currency : "(no currency)");
    if (q->definition && (size_t)n < size)
        n += snprintf(buf + n, size - (size_t)n, " (definition %s)",
                      q->definition);
    if (q->vintage && (size_t)n < size)
        snprintf(buf + n, size - (size_t)n, " (vintage %s)", q->vintage);
}

ds_status
ds_store_find(const ds_store *s, const ds_query *q, const ds_obs **out,
              ds_error *err)
{
    assert(s && q && q->country && q->indicator && out);
    const ds_obs *best = NULL, *o;
    ds_store_iter it;
    ds_store_iter_init(&it, s, q->country, q->indicator);
    while ((o = ds_store_iter_next(&it)) != NULL)
        if (matches(o, q, 0) && (!best || prefer(o, best) < 0))
            best = o;
    if (!best) {
        char d[256];
        describe(q, d, sizeof d);
        return ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                             "no data for %s in the store", d);
    }
    *out = best;
    return DS_OK;
}

static int
cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

ds_status
ds_store_years(const ds_store *s, const ds_query *q, int *years, size_t cap,
               size_t *n, ds_error *err)
{
    assert(s && q && q->country && q->indicator && n);
    size_t cnt = 0, acap = 64;
    int *all = malloc(acap * sizeof *all);
    if (!all)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    ds_store_iter it;
    const ds_obs *o;
    ds_store_iter_init(&it, s, q->country, q->indicator);
    while ((o = ds_store_iter_next(&it)) != NULL) {
        if (!matches(o, q, 1))
            continue;
        if (cnt == acap) {
            int *na = realloc(all, acap * 2 * sizeof *na);
            if (!na) {
                free(all);
                return ds__error_set(err, DS_ENOMEM, NULL, 0, 0,
                                     "out of memory");
            }
            all = na;
            acap *= 2;
        }
        all[cnt++] = o->year;
    }
    qsort(all, cnt, sizeof *all, cmp_int);
    size_t u = 0;
    for (size_t i = 0; i < cnt; i++)
        if (u == 0 || all[u - 1] != all[i])
            all[u++] = all[i];
    for (size_t i = 0; i < u && i < cap; i++)
        years[i] = all[i];
    *n = u;
    free(all);
    return DS_OK;
}

ds_status
ds_store_latest_year(const ds_store *s, const ds_query *q, int *year,
                     ds_error *err)
{
    assert(s && q && year);
    int best = 0;
    ds_store_iter it;
    const ds_obs *o;
    ds_store_iter_init(&it, s, q->country, q->indicator);
    while ((o = ds_store_iter_next(&it)) != NULL)
        if (matches(o, q, 1) && o->year > best)
            best = o->year;
    if (!best) {
        char d[256];
        ds_query q2 = *q;
        q2.year = 0;
        describe(&q2, d, sizeof d);
        return ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                             "no data for %s in the store", d);
    }
    *year = best;
    return DS_OK;
}

/* ------------------------------------------------- flags, year basis */

static const struct {
    unsigned bit;
    const char *name;
} flag_names[] = {
    {DS_FLAG_ESTIMATE, "estimate"},     {DS_FLAG_PROJECTION, "projection"},
    {DS_FLAG_UNCERTAIN, "uncertain"},   {DS_FLAG_AGGREGATE, "aggregate"},
    {DS_FLAG_DRAFT, "draft"},           {DS_FLAG_APPROXIMATE, "approximate"},
    {DS_FLAG_DERIVED, "derived"},       {DS_FLAG_SUSPECT, "suspect"},
};

char *
ds_flags_format(unsigned flags, char *buf, size_t size)
{
    size_t o = 0;
    if (size == 0)
        return buf;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof flag_names / sizeof *flag_names; i++) {
        if (!(flags & flag_names[i].bit))
            continue;
        int n = snprintf(buf + o, size - o, "%s%s", o ? ";" : "",
                         flag_names[i].name);
        if (n < 0 || (size_t)n >= size - o)
            break;
        o += (size_t)n;
    }
    return buf;
}

ds_status
ds_flags_parse(const char *text, unsigned *flags, ds_error *err)
{
    unsigned f = 0;
    const char *p = text;
    char q[80];
    while (*p) {
        const char *e = strchr(p, ';');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        int found = 0;
        for (size_t i = 0; i < sizeof flag_names / sizeof *flag_names; i++)
            if (strlen(flag_names[i].name) == len &&
                strncmp(flag_names[i].name, p, len) == 0) {
                f |= flag_names[i].bit;
                found = 1;
            }
        if (!found) {
            char name[64];
            snprintf(name, sizeof name, "%.*s", (int)(len < 60 ? len : 60), p);
            return ds__error_set(err, DS_EINVAL, NULL, 0,
                                 (size_t)(p - text) + 1,
                                 "unknown flag '%s' (known: estimate, "
                                 "projection, uncertain, aggregate, draft, "
                                 "approximate, derived, suspect)",
                                 ds__quote(name, q, sizeof q));
        }
        p += len;
        if (*p == ';')
            p++;
    }
    *flags = f;
    return DS_OK;
}

char *
ds_year_basis_format(int m, char *buf, size_t size)
{
    if (m <= 1)
        snprintf(buf, size, "calendar");
    else
        snprintf(buf, size, "fiscal-%02d", m);
    return buf;
}

char *
ds_year_label(const ds_obs *o, char *b, size_t n)
{
    static const char *const mon[] = {"", "Jan", "Feb", "Mar", "Apr", "May",
                                      "Jun", "Jul", "Aug", "Sep", "Oct",
                                      "Nov", "Dec"};
    if (o->fy_start_month <= 1 || o->fy_start_month > 12)
        snprintf(b, n, "%d", o->year);
    else
        snprintf(b, n, "FY%d (%s %d-%s %d)", o->year, mon[o->fy_start_month],
                 o->year, mon[o->fy_start_month - 1], o->year + 1);
    return b;
}

ds_status
ds__year_basis_parse(const char *s, int *month)
{
    if (strcmp(s, "calendar") == 0) {
        *month = 1;
        return DS_OK;
    }
    if (strncmp(s, "fiscal-", 7) == 0 && strlen(s) == 9 &&
        isdigit((unsigned char)s[7]) && isdigit((unsigned char)s[8])) {
        long m;
        if (ds__parse_int_n(s + 7, 2, 2, 12, &m)) {
            *month = (int)m;
            return DS_OK;
        }
    }
    return DS_EINVAL;
}

static int
cmp_release(const void *a, const void *b)
{
    const ds_release *x = a, *y = b;
    int ra = ds_definition_rank(x->definition),
        rb = ds_definition_rank(y->definition);
    if (ra != rb)
        return ra - rb;
    int c = strcmp(x->definition, y->definition);
    return c ? c : strcmp(x->vintage, y->vintage);
}

size_t
ds_store_releases(const ds_store *s, ds_release *out, size_t cap)
{
    assert(s && (out || cap == 0));
    ds_release *v = NULL;
    size_t n = 0, vcap = 0;
    for (size_t i = 0; i < s->n; i++) {
        const ds_obs *o = &s->obs[i];
        size_t k = 0;
        /* interned strings: equal text is an equal pointer */
        while (k < n && (v[k].definition != o->definition ||
                         v[k].vintage != o->vintage))
            k++;
        if (k == n) {
            if (n == vcap) {
                size_t nc = vcap ? 2 * vcap : 16;
                ds_release *nv = realloc(v, nc * sizeof *nv);
                if (!nv)
                    break; /* out of memory: what was counted so far */
                v = nv;
                vcap = nc;
            }
            v[n].definition = o->definition;
            v[n].vintage = o->vintage;
            v[n].count = 0;
            v[n].first_year = v[n].last_year = o->year;
            n++;
        }
        v[k].count++;
        if (o->year < v[k].first_year)
            v[k].first_year = o->year;
        if (o->year > v[k].last_year)
            v[k].last_year = o->year;
    }
    if (n)
        qsort(v, n, sizeof *v, cmp_release);
    for (size_t i = 0; i < n && i < cap; i++)
        out[i] = v[i];
    free(v);
    return n;
}
