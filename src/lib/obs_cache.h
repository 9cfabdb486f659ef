/* obs_cache.h - binary copies of big store CSV files (obs_cache.c).  Not
 * installed. */
#ifndef DS_OBS_CACHE_H
#define DS_OBS_CACHE_H

#include <stdint.h>
#include <sys/stat.h>

#include "store_internal.h"

/* Files smaller than this are parsed every time (it costs less than a
 * millisecond). */
#define DS__OBS_CACHE_MIN (256 * 1024)

/* The cache directory, $XDG_CACHE_HOME/defspend or ~/.cache/defspend
 * (not created); 0 when there is none. */
int ds__cache_dir(char *dir, size_t size);

/* Numbers for interned strings (unique per text in one pool), in the
 * order first seen, with their texts NUL-terminated in text: the string
 * table of a cache or snapshot file.  Zero-initialise; free with
 * ds__strtab_free. */
typedef struct ds__strtab {
    const char **key;
    uint32_t *num;
    size_t cap, n;
    char *text;
    size_t len, tcap;
} ds__strtab;

/* The number of k (added if new); -1 when out of memory. */
long ds__strtab_num(ds__strtab *t, const char *k);
void ds__strtab_free(ds__strtab *t);

/* Write the nparts buffers to the cache file name (in the cache
 * directory, made if missing) through a temporary file renamed over it:
 * 1 when done, 0 (and no file left behind) on any failure. */
int ds__cache_write(const char *name, const void *const *parts,
                    const size_t *lens, size_t nparts);

/* 0 when DEFSPEND_CACHE=0. */
int ds__obs_cache_enabled(void);

/* Add the observations of the CSV file path (st: its stat now) from its
 * cache: 1 when done; 0 when there is no valid cache for the file as it
 * is, or an observation could not be added (s is then as it was). */
int ds__obs_cache_load(ds_store *s, const char *path, const struct stat *st);

/* Whether the cache of path should be (re)written after its text of len
 * bytes was read (st taken before the read): big enough, the cache on,
 * and the file unchanged since. */
int ds__obs_cache_wanted(const char *path, const struct stat *st,
                         size_t len);

/* Write the cache of path from s, a store holding the observations of
 * path alone (parsed by the caller, store_csv.c).  Silent on every
 * failure. */
void ds__obs_cache_save(const ds_store *s, const char *path,
                        const struct stat *st);

#endif
