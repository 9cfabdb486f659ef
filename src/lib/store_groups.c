/* store_groups.c - the store's query index: which observations belong to
 * a country, an indicator, or a (country, indicator) pair, in load order.
 *
 * Every query names a country and an indicator (ds_store_find) or one of
 * them (the selections of select.c), so a query reads its group instead
 * of the whole store; the order inside a group is the load order, so a
 * query sees its candidates in the order a scan would and chooses the
 * same one.  The index is built when a public load call returns (never
 * by a query: a loaded store stays safe to query from several threads);
 * after any other change (ds__store_add, an overlay, a truncation) it is
 * invalid and iterators scan the whole store.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"

void
ds__store_groups_free(ds_store *s)
{
    if (!s->gorder_mapped)
        free(s->gorder);
    s->gorder_mapped = 0;
    free(s->groups);
    free(s->gmap);
    s->gorder = NULL;
    s->groups = NULL;
    s->gmap = NULL;
    s->ngroups = s->gmap_cap = 0;
    s->groups_ok = 0;
}

static size_t
pair_hash(const char *a, const char *b)
{
    uint64_t h = (uint64_t)(uintptr_t)a * 0x9E3779B97F4A7C15u ^
                 (uint64_t)(uintptr_t)b * 0xC2B2AE3D27D4EB4Fu;
    h ^= h >> 29;
    return (size_t)h;
}

/* The slot of (a, b) in s->gmap: its group's or an empty one. */
static size_t
map_slot(const ds_store *s, const char *a, const char *b)
{
    size_t mask = s->gmap_cap - 1, j = pair_hash(a, b) & mask;
    while (s->gmap[j]) {
        const ds__group *g = &s->groups[s->gmap[j] - 1];
        if (g->country == a && g->indicator == b)
            break;
        j = (j + 1) & mask;
    }
    return j;
}

int
ds__store_groups_map(ds_store *s)
{
    size_t cap = 64;
    while (cap < 2 * s->ngroups + 2)
        cap *= 2;
    free(s->gmap);
    s->gmap = calloc(cap, sizeof *s->gmap);
    s->gmap_cap = s->gmap ? cap : 0;
    if (!s->gmap)
        return 0;
    for (size_t i = 0; i < s->ngroups; i++)
        s->gmap[map_slot(s, s->groups[i].country, s->groups[i].indicator)] =
            (uint32_t)i + 1;
    return 1;
}

/* Group of (a, b), added (len 0) if new; SIZE_MAX when out of memory. */
static size_t
group_of(ds_store *s, size_t *gcap, const char *a, const char *b)
{
    size_t j = map_slot(s, a, b);
    if (s->gmap[j])
        return s->gmap[j] - 1;
    if (s->ngroups == *gcap) {
        size_t nc = *gcap * 2;
        ds__group *ng = realloc(s->groups, nc * sizeof *ng);
        if (!ng)
            return SIZE_MAX;
        s->groups = ng;
        *gcap = nc;
    }
    if ((s->ngroups + 1) * 2 > s->gmap_cap) {
        s->groups[s->ngroups].country = a; /* placed by the rehash */
        s->groups[s->ngroups].indicator = b;
        s->groups[s->ngroups].start = s->groups[s->ngroups].len = 0;
        s->ngroups++;
        if (!ds__store_groups_map(s))
            return SIZE_MAX;
        return s->ngroups - 1;
    }
    ds__group *g = &s->groups[s->ngroups];
    g->country = a;
    g->indicator = b;
    g->start = g->len = 0;
    s->gmap[j] = (uint32_t)++s->ngroups;
    return s->ngroups - 1;
}

void
ds__store_groups_build(ds_store *s)
{
    ds__store_groups_free(s);
    size_t n = s->n, gcap = 256;
    if (n >= UINT32_MAX / 3)
        return; /* queries scan */
    /* per observation: its pair's, country's and indicator's groups */
    uint32_t *gid = malloc((n ? n : 1) * 3 * sizeof *gid);
    s->groups = malloc(gcap * sizeof *s->groups);
    s->gorder = malloc((n ? n : 1) * 3 * sizeof *s->gorder);
    if (!gid || !s->groups || !s->gorder || !ds__store_groups_map(s))
        goto fail;
    const char *pc = NULL, *pi = NULL;
    size_t gp = 0, gc = 0, gi = 0;
    for (size_t i = 0; i < n; i++) {
        const ds_obs *o = &s->obs[i];
        if (!i || o->country != pc || o->indicator != pi) {
            /* a run of one series is the common case: look up once */
            gp = group_of(s, &gcap, o->country, o->indicator);
            gc = gp == SIZE_MAX ? gp : group_of(s, &gcap, o->country, NULL);
            gi = gc == SIZE_MAX ? gc : group_of(s, &gcap, NULL, o->indicator);
            if (gi == SIZE_MAX)
                goto fail;
            pc = o->country;
            pi = o->indicator;
        }
        gid[3 * i] = (uint32_t)gp;
        gid[3 * i + 1] = (uint32_t)gc;
        gid[3 * i + 2] = (uint32_t)gi;
        s->groups[gp].len++;
        s->groups[gc].len++;
        s->groups[gi].len++;
    }
    /* runs: pairs in [0, n), countries in [n, 2n), indicators in [2n, 3n)
     * (each observation is in one group of each kind) */
    uint32_t at[3] = {0, (uint32_t)n, (uint32_t)(2 * n)};
    for (size_t g = 0; g < s->ngroups; g++) {
        ds__group *gr = &s->groups[g];
        int kind = gr->indicator == NULL ? 1 : gr->country == NULL ? 2 : 0;
        gr->start = at[kind];
        at[kind] += gr->len;
        gr->len = 0;
    }
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < 3; k++) {
            ds__group *gr = &s->groups[gid[3 * i + k]];
            s->gorder[gr->start + gr->len++] = (uint32_t)i;
        }
    free(gid);
    s->groups_ok = 1;
    return;
fail:
    free(gid);
    ds__store_groups_free(s);
}

void
ds__store_load_begin(ds_store *s)
{
    s->nest++;
}

ds_status
ds__store_load_end(ds_store *s, ds_status st)
{
    assert(s->nest > 0);
    if (--s->nest == 0)
        ds__store_groups_build(s);
    return st;
}

/* ----------------------------------------------------------- iterator */

void
ds_store_iter_init(ds_store_iter *it, const ds_store *s, const char *country,
                   const char *indicator)
{
    assert(it && s);
    memset(it, 0, sizeof *it);
    it->store = s;
    it->end = s->n;
    /* strings are interned: a name the pool has never seen matches
     * nothing */
    if (country &&
        !(it->country = ds__pool_find(s->pool, country, strlen(country))))
        it->end = 0;
    if (indicator && !(it->indicator = ds__pool_find(s->pool, indicator,
                                                     strlen(indicator))))
        it->end = 0;
    if (!it->end || !s->groups_ok || (!country && !indicator))
        return;
    size_t j = map_slot(s, it->country, it->indicator);
    if (!s->gmap[j]) {
        it->end = 0;
        return;
    }
    const ds__group *g = &s->groups[s->gmap[j] - 1];
    it->idx = s->gorder + g->start;
    it->end = g->len;
}

const ds_obs *
ds_store_iter_next(ds_store_iter *it)
{
    assert(it);
    const ds_store *s = it->store;
    if (it->idx)
        return it->pos < it->end ? &s->obs[it->idx[it->pos++]] : NULL;
    while (it->pos < it->end) {
        const ds_obs *o = &s->obs[it->pos++];
        if ((!it->country || o->country == it->country) &&
            (!it->indicator || o->indicator == it->indicator))
            return o;
    }
    return NULL;
}
