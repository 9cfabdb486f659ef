/* store_internal.h - the store's insides, shared by store.c and the loaders
 * (load_*.c).  Not installed. */
#ifndef DS_STORE_INTERNAL_H
#define DS_STORE_INTERNAL_H

#include "internal.h"

struct ds_store {
    ds__pool *pool;           /* every string of every observation */
    ds_obs *obs;
    size_t n, cap;
    size_t *index;            /* hash of observation keys -> obs index + 1 */
    size_t index_cap;
    ds_countries *countries;  /* NULL until a countries file is loaded */
    ds_baseline_def *baselines;
    size_t nbaselines;
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

#endif
