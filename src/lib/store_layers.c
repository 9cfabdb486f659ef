/* store_layers.c - which directories a store is read from, and in which
 * order (see ds_store_layers in defspend/store.h).
 *
 * The one layering rule lives in ds_store_overlay_dir: this file only
 * decides what lies under what, so the user store and a --data store
 * layer the same way.
 */
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "store_csv.h"
#include "store_internal.h"
#include "store_snapshot.h"

static ds_status
ds_store_load_layers_impl(ds_store *s, const ds_store_layers *l, ds_error *err)
{
    assert(s && l && (l->base || l->upper));
    if (l->upper && !l->upper_optional) {
        /* a store named by the user must exist, even over a base */
        DIR *d = opendir(l->upper);
        if (!d)
            return ds__error_set(err, DS_EIO, l->upper, 0, 0,
                                 "cannot open data directory: %s",
                                 strerror(errno));
        closedir(d);
    }
    if (!l->base || l->upper_only)
        return ds_store_load_dir(s, l->upper, err);
    size_t before = ds_store_count(s);
    ds_status st = ds_store_load_dir(s, l->base, err);
    if (st == DS_OK && l->upper) {
        st = ds_store_overlay_dir(s, l->upper, err);
        if (st != DS_OK) /* all layers or nothing */
            ds__store_truncate(s, before);
    }
    return st;
}

/* The meta/ files of the layers l, read as a full load reads them
 * (ds_store_load_dir, then ds_store_overlay_dir's replacement rule), for a
 * store whose observations came from its snapshot. */
static ds_status
load_meta(ds_store *s, const ds_store_layers *l, ds_error *err)
{
    if (!l->base || l->upper_only)
        return ds__store_load_meta(s, l->upper, err);
    ds_status st = ds__store_load_meta(s, l->base, err);
    struct stat sb;
    if (st != DS_OK || !l->upper || (stat(l->upper, &sb) != 0 && errno == ENOENT))
        return st;
    ds_store *up = ds_store_alloc();
    if (!up)
        return ds__error_set(err, DS_ENOMEM, l->upper, 0, 0, "out of memory");
    st = ds__store_load_meta(up, l->upper, err);
    if (st == DS_OK)
        st = ds__store_overlay(s, up, l->upper, err);
    ds_store_free(up);
    return st;
}

/* The public call: from the layers' snapshot when it holds
 * (store_snapshot.c), else a full load, which then writes the snapshot;
 * the outermost load builds the query index. */
ds_status
ds_store_load_layers(ds_store *s, const ds_store_layers *l, ds_error *err)
{
    assert(s && l && (l->base || l->upper));
    ds__snap_key k;
    int snap = s->n == 0 && s->nest == 0 && ds__snap_key_make(l, &k);
    ds_status st;
    if (snap && ds__snap_load(s, &k)) {
        st = load_meta(s, l, err);
        if (st != DS_OK)
            ds__store_truncate(s, 0); /* all layers or nothing */
        ds__snap_key_free(&k);
        return st;
    }
    ds__store_load_begin(s);
    st = ds__store_load_end(s, ds_store_load_layers_impl(s, l, err));
    if (snap && st == DS_OK)
        ds__snap_save(s, l, &k);
    if (snap)
        ds__snap_key_free(&k);
    return st;
}

int
ds_store_layers_meta(const ds_store_layers *l, const char *name, char *buf,
                     size_t size)
{
    assert(l && name && buf && size);
    struct stat sb;
    const char *dir = l->upper ? l->upper : l->base;
    int n = snprintf(buf, size, "%s/meta/%s", dir, name);
    if (n < 0 || (size_t)n >= size)
        return 0;
    if (!l->upper || l->upper_only || !l->base || stat(buf, &sb) == 0)
        return 1;
    n = snprintf(buf, size, "%s/meta/%s", l->base, name);
    return n >= 0 && (size_t)n < size;
}
