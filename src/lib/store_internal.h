/* store_internal.h - the store's insides, shared by store.c and the loaders
 * (load_*.c).  Not installed. */
#ifndef DS_STORE_INTERNAL_H
#define DS_STORE_INTERNAL_H

#include <stdint.h>

#include "internal.h"

/* One group of the query index: the observations of a (country,
 * indicator) pair, of a country (indicator NULL) or of an indicator
 * (country NULL), as a run of gorder. */
typedef struct ds__group {
    const char *country, *indicator; /* interned; NULL = any */
    uint32_t start, len;             /* in gorder */
} ds__group;

struct ds_store {
    ds__pool *pool;           /* every string of every observation */
    ds_obs *obs;
    size_t n, cap;
    size_t *index;            /* hash of observation keys -> obs index + 1 */
    size_t index_cap;
    ds_countries *countries;  /* NULL until a countries file is loaded */
    ds_baseline_def *baselines;
    size_t nbaselines;
    /* The key index (index, index_cap) is rebuilt before its next use
     * when index_stale (a store read from its snapshot has none). */
    int index_stale;
    /* The query index (store_groups.c): built when a public load call
     * returns (nest counts those in progress); valid while groups_ok. */
    int nest;
    int groups_ok;
    uint32_t *gorder;   /* 3 n: pairs' runs, countries' runs, indicators' */
    int gorder_mapped;  /* gorder lies in map (not to be freed) */
    void *map;          /* a snapshot file kept mapped, or NULL */
    size_t map_len;
    ds__group *groups;
    size_t ngroups;
    uint32_t *gmap;     /* open addressing: group number + 1 */
    size_t gmap_cap;
};

/* Append an observation (strings must already be interned in s->pool).
 * A second observation with the same key and another value is a DS_EPARSE
 * error naming both places; an identical duplicate is dropped. */
ds_status ds__store_add(ds_store *s, const ds_obs *o, size_t column,
                        ds_error *err);

/* Room for n more observations and their index slots, so that adding
 * them rehashes nothing (a count known up front: the binary cache).
 * Returns 0 when out of memory (s unchanged but usable). */
int ds__store_reserve(ds_store *s, size_t n);

/* Lay up over s: observations with s's keys replace them, the others are
 * added; up's countries and baselines, when it has them, replace s's.
 * up's strings are interned in s's pool; up itself is left as it was (the
 * caller frees it).  On error (DS_ENOMEM, naming dir) s is untouched. */
ds_status ds__store_overlay(ds_store *s, ds_store *up, const char *dir,
                            ds_error *err);

/* Drop every observation added after the first n (undo a failed load). */
void ds__store_truncate(ds_store *s, size_t n);

/* Build the query index of s (store_groups.c); on failure (out of memory)
 * queries scan the whole store, with the same results. */
void ds__store_groups_build(ds_store *s);
/* Free it (s->groups_ok = 0). */
void ds__store_groups_free(ds_store *s);
/* The map of groups from their list (after s->groups was filled, e.g. by
 * the snapshot); 0 when out of memory. */
int ds__store_groups_map(ds_store *s);

/* A public load call begins / ends with status st: the outermost one
 * builds the query index.  Returns st. */
void ds__store_load_begin(ds_store *s);
ds_status ds__store_load_end(ds_store *s, ds_status st);

#endif
