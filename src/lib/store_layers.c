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

#include "store_internal.h"

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

/* The public call: the outermost load builds the query index. */
ds_status
ds_store_load_layers(ds_store *s, const ds_store_layers *l,
                     ds_error *err)
{
    ds__store_load_begin(s);
    return ds__store_load_end(s, ds_store_load_layers_impl(s, l, err));
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
