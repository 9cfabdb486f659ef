/* import_batch.h - the import's own state, shared by its three files
 * (import.c: registry and batch; import_check.c: plausibility checks;
 * import_merge.c: the merge into a store directory).  Not installed.
 */
#ifndef DS_IMPORT_BATCH_H
#define DS_IMPORT_BATCH_H

#include <string.h>

#include "defspend/import.h"
#include "import_as.h"
#include "store_internal.h"

/* A growable array of elements of `size` bytes. */
typedef struct ds__vec {
    void *v;
    size_t n, cap, size;
} ds__vec;

/* Room for one more element (uninitialised), or NULL when out of
 * memory. */
void *ds__vec_push(ds__vec *v);

struct ds_import {
    ds_import_options opt;
    ds_store *batch;
    ds__pool *pool;        /* skip reasons, notes */
    ds__vec skips;         /* ds_import_skip */
    ds__vec files;         /* ds_import_file_info */
    ds__as as;             /* opt.as parsed */
    ds__vec unused;        /* ds_import_unused */
    size_t *uidx;          /* hash of (path, series) -> unused index + 1 */
    size_t ucap;           /* slots in uidx (a power of two, or 0) */
    size_t unused_rows;
    const char *needs_option; /* of the last failed read, or NULL */
    int skip_oom;          /* a skip could not be recorded */
    /* merge results */
    ds_store *old;         /* the store directory as it was */
    ds__vec changes;       /* ds_import_change */
    ds__vec checks;        /* ds_import_check */
    ds_import_summary summary;
    char *store_file;
};

/* How a message names option `name` ("format", "vintage",
 * "on-conflict"): opt.option_prefix + name, else "the 'NAME' option".
 * Returns buf. */
const char *ds__import_opt(const ds_import *imp, const char *name,
                           char *buf, size_t size);

/* s interned in imp's pool, or NULL when out of memory. */
const char *ds__import_intern(ds_import *imp, const char *s);

/* strcmp for interned strings: the batch's strings come from one pool,
 * so equal text is most often the same pointer (the sorts of the merge
 * and the checks compare eight strings a figure). */
static inline int
ds__icmp(const char *a, const char *b)
{
    return a == b ? 0 : strcmp(a, b);
}

/* The plausibility checks of the batch against itself and against
 * imp->old (import_check.c): every failure becomes a ds_import_check and
 * flags the observation DS_FLAG_SUSPECT; only DS_ENOMEM is an error. */
ds_status ds__import_check(ds_import *imp, ds_error *err);

#endif
