/* import_merge.c - sources layer: the merge of a batch into a store.
 *
 * The batch is compared with the store directory; new figures are added,
 * changed ones become new vintages beside the old, conflicts are settled
 * as opt.on_conflict says, and DIR/imports.csv is rewritten atomically
 * (ds_file_write_atomic) under the directory's lock (ds__lock_dir).
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "import_batch.h"
#include "loader_util.h"
#include "store_csv.h"

/* ------------------------------------------------------------- merge */

/* Order of a store file: country, indicator, currency, definition, year
 * basis, year, vintage (as datasets/README.md says), then price basis. */
static int
cmp_file_order(const void *a, const void *b)
{
    const ds_obs *x = *(const ds_obs *const *)a, *y = *(const ds_obs *const *)b;
    int c = ds__icmp(x->country, y->country);
    if (!c) c = ds__icmp(x->indicator, y->indicator);
    if (!c) c = ds__icmp(x->currency, y->currency);
    if (!c) c = ds__icmp(x->definition, y->definition);
    if (!c) c = x->fy_start_month - y->fy_start_month;
    if (!c) c = (x->year > y->year) - (x->year < y->year);
    if (!c) c = ds__icmp(x->vintage, y->vintage);
    if (!c) c = ds__icmp(x->price_basis, y->price_basis);
    return c;
}

/* The key without the vintage. */
static int
same_figure(const ds_obs *x, const ds_obs *y)
{
    return ds__icmp(x->country, y->country) == 0 && x->year == y->year &&
           x->fy_start_month == y->fy_start_month &&
           ds__icmp(x->indicator, y->indicator) == 0 &&
           ds__icmp(x->currency, y->currency) == 0 &&
           ds__icmp(x->price_basis, y->price_basis) == 0 &&
           ds__icmp(x->definition, y->definition) == 0;
}

typedef struct entry {
    const ds_obs *o;
    int from_batch;
    int write;   /* batch: goes into the file */
    int dropped; /* old: replaced by a batch entry */
} entry;

static int
cmp_entry(const void *a, const void *b)
{
    const entry *x = a, *y = b;
    int c = cmp_file_order(&x->o, &y->o);
    if (!c)
        c = x->from_batch - y->from_batch; /* stored before imported */
    return c;
}

#ifdef DS_TEST_HOOKS
/* Test builds only: DS_TEST_HOLD_LOCK=SECONDS keeps the store locked that
 * long before the merge goes on (tests/crash/check_lock_wait.sh). */
static void
hold_point(void)
{
    const char *s = getenv("DS_TEST_HOLD_LOCK");
    double t = s ? strtod(s, NULL) : 0;
    if (t > 0 && t < 3600) {
        struct timespec ts = {(time_t)t, (long)((t - (double)(time_t)t) * 1e9)};
        while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
            ;
    }
}
#else
#define hold_point() ((void)0)
#endif

/* Take the store's lock (flock on the directory), waiting up to
 * opt.lock_wait_s for another import to release it. */
static ds_status
lock_store(ds_import *imp, int dirfd, const char *dir, ds_error *err)
{
    double wait = imp->opt.lock_wait_s;
    int r = ds__lock_dir(dirfd, dir, wait, imp->opt.lock_waiting,
                         imp->opt.lock_waiting_ctx);
    if (r < 0)
        return ds__error_set(err, DS_EIO, dir, 0, 0, "cannot lock: %s",
                             strerror(errno));
    if (r > 0 && !(wait > 0))
        return ds__error_set(err, DS_EIO, dir, 0, 0,
                             "the store is being changed by another import");
    if (r > 0)
        return ds__error_set(err, DS_EIO, dir, 0, 0,
                             "the store is still being changed by "
                             "another import after %g s",
                             wait);
    return DS_OK;
}

static ds_status
add_change(ds_import *imp, ds_change kind, const ds_obs *old,
           const ds_obs *new_, ds_error *err)
{
    ds_import_change *c = ds__vec_push(&imp->changes);
    if (!c)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    c->kind = kind;
    c->old_obs = old;
    c->new_obs = new_;
    return DS_OK;
}

/* Decide the fate of every batch observation.  `e` is sorted so that
 * each figure's entries are adjacent, ordered by vintage. */
static ds_status
classify(ds_import *imp, entry *e, size_t n, const char *file, int *dirty,
         ds_error *err)
{
    ds_import_summary *s = &imp->summary;
    ds_status st = DS_OK;
    char a[40], b[40];
    for (size_t i = 0; i < n && st == DS_OK;) {
        size_t j = i;
        while (j < n && same_figure(e[j].o, e[i].o))
            j++;
        for (size_t k = i; k < j && st == DS_OK; k++) {
            if (!e[k].from_batch)
                continue;
            const ds_obs *o = e[k].o;
            /* the stored twin with the same vintage, if any */
            entry *twin = NULL, *prev = NULL;
            for (size_t m = i; m < j; m++) {
                if (m == k || e[m].dropped)
                    continue;
                if (e[m].from_batch && !e[m].write)
                    continue;
                int c = ds__icmp(e[m].o->vintage, o->vintage);
                if (c == 0 && !e[m].from_batch)
                    twin = &e[m];
                else if (c < 0 && (!prev || strcmp(e[m].o->vintage,
                                                   prev->o->vintage) >= 0))
                    prev = &e[m];
            }
            if (twin) {
                if (twin->o->value == o->value) {
                    s->unchanged++;
                    continue;
                }
                if (imp->opt.on_conflict == DS_CONFLICT_KEEP) {
                    s->kept++;
                    st = add_change(imp, DS_CHANGE_KEPT, twin->o, o, err);
                    continue;
                }
                char on[64];
                if (imp->opt.on_conflict == DS_CONFLICT_FAIL)
                    return ds__error_set(
                        err, DS_EPARSE, o->path, o->line, 0,
                        "%s %s %d vintage %s is %s here but %s in the store "
                        "(%s:%zu); nothing was written (use %s replace or "
                        "keep)",
                        o->country, o->indicator, o->year, o->vintage,
                        ds_format_full(o->value, a, sizeof a),
                        ds_format_full(twin->o->value, b, sizeof b),
                        twin->o->path, twin->o->line,
                        ds__import_opt(imp, "on-conflict", on, sizeof on));
                if (strcmp(twin->o->path, file) != 0)
                    return ds__error_set(
                        err, DS_EINVAL, o->path, o->line, 0,
                        "cannot replace %s %s %d vintage %s: it is in %s, "
                        "which defspend import does not write",
                        o->country, o->indicator, o->year, o->vintage,
                        twin->o->path);
                twin->dropped = 1;
                e[k].write = 1;
                *dirty = 1;
                s->replaced++;
                st = add_change(imp, DS_CHANGE_REPLACED, twin->o, o, err);
                continue;
            }
            if (prev && prev->o->value == o->value &&
                prev->o->flags == o->flags) {
                s->unchanged++; /* the older vintage already says so */
                continue;
            }
            e[k].write = 1;
            *dirty = 1;
            if (prev) {
                s->revised++;
                st = add_change(imp, DS_CHANGE_REVISED, prev->o, o, err);
            } else {
                s->added++;
                st = add_change(imp, DS_CHANGE_ADDED, NULL, o, err);
            }
        }
        i = j;
    }
    return st;
}

ds_status
ds_import_merge(ds_import *imp, const char *dir, int dry_run,
                const ds_import_summary **summary, ds_error *err)
{
    assert(imp && dir && summary);
    ds_status st = DS_OK;
    int dirfd = -1;
    entry *e = NULL;
    char *text = NULL;
    size_t tlen = 0;
    FILE *mem = NULL;

    /* a second merge starts from scratch */
    ds_store_free(imp->old);
    imp->old = NULL;
    imp->changes.n = imp->checks.n = 0;
    memset(&imp->summary, 0, sizeof imp->summary);
    free(imp->store_file);
    size_t dl = strlen(dir);
    imp->store_file = malloc(dl + sizeof DS_IMPORT_FILE + 2);
    if (!imp->store_file)
        return ds__error_set(err, DS_ENOMEM, dir, 0, 0, "out of memory");
    snprintf(imp->store_file, dl + sizeof DS_IMPORT_FILE + 2, "%s/%s", dir,
             DS_IMPORT_FILE);
    const char *file = imp->store_file;

    struct stat sb;
    int exists = stat(dir, &sb) == 0;
    if (exists && !S_ISDIR(sb.st_mode))
        return ds__error_set(err, DS_EIO, dir, 0, 0, "not a directory");
    if (!exists && !dry_run) {
        st = ds_file_mkdir_p(dir, err);
        if (st != DS_OK)
            return st;
        exists = 1;
    }
    if (exists) {
        dirfd = open(dir, O_RDONLY | O_DIRECTORY);
        if (dirfd < 0)
            return ds__error_set(err, DS_EIO, dir, 0, 0, "cannot open: %s",
                                 strerror(errno));
        if (!dry_run && (st = lock_store(imp, dirfd, dir, err)) != DS_OK)
            goto out;
        if (!dry_run)
            hold_point();
    }
    imp->old = ds_store_alloc();
    if (!imp->old) {
        st = ds__error_set(err, DS_ENOMEM, dir, 0, 0, "out of memory");
        goto out;
    }
    if (exists && (st = ds_store_load_dir(imp->old, dir, err)) != DS_OK)
        goto out;
    if ((st = ds__import_check(imp, err)) != DS_OK)
        goto out;

    size_t nold = imp->old->n, nb = imp->batch->n, n = nold + nb;
    e = calloc(n ? n : 1, sizeof *e);
    if (!e) {
        st = ds__error_set(err, DS_ENOMEM, dir, 0, 0, "out of memory");
        goto out;
    }
    for (size_t i = 0; i < nold; i++)
        e[i].o = &imp->old->obs[i];
    for (size_t i = 0; i < nb; i++) {
        e[nold + i].o = &imp->batch->obs[i];
        e[nold + i].from_batch = 1;
    }
    qsort(e, n, sizeof *e, cmp_entry);
    int dirty = 0;
    if ((st = classify(imp, e, n, file, &dirty, err)) != DS_OK)
        goto out;

    ds_import_summary *s = &imp->summary;
    s->store_file = file;
    s->dry_run = dry_run;
    s->skipped = imp->skips.n;
    s->suspect = imp->checks.n;
    s->changes = imp->changes.v;
    s->n_changes = imp->changes.n;
    s->skips = imp->skips.v;
    s->n_skips = imp->skips.n;
    s->checks = imp->checks.v;
    s->n_checks = imp->checks.n;
    s->files = imp->files.v;
    s->n_files = imp->files.n;
    s->unused_rows = imp->unused_rows;
    s->unused = imp->unused.v;
    s->n_unused = imp->unused.n;
    if (dry_run || !dirty)
        goto done;

    /* the new file: what it held, minus replaced rows, plus new rows */
    mem = open_memstream(&text, &tlen);
    if (!mem) {
        st = ds__error_set(err, DS_ENOMEM, file, 0, 0, "out of memory");
        goto out;
    }
    ds__store_csv_write_header(mem);
    size_t nrows = 0;
    for (size_t i = 0; i < n; i++) {
        const entry *x = &e[i];
        if (x->from_batch ? x->write
                          : (!x->dropped && strcmp(x->o->path, file) == 0)) {
            ds__store_csv_write_row(mem, x->o);
            nrows++;
        }
    }
    if (fclose(mem) != 0) {
        mem = NULL;
        st = ds__error_set(err, DS_ENOMEM, file, 0, 0, "out of memory");
        goto out;
    }
    mem = NULL;
    free(e); /* not needed any more: less memory at the peak below */
    e = NULL;
    /* never write what the store would refuse to read back */
    {
        ds_store *check = ds_store_alloc();
        if (!check) {
            st = ds__error_set(err, DS_ENOMEM, file, 0, 0, "out of memory");
            goto out;
        }
        /* its exact size: no doubling copies at the memory peak */
        check->obs = malloc((nrows ? nrows : 1) * sizeof *check->obs);
        check->cap = check->obs ? (nrows ? nrows : 1) : 0;
        st = ds_store_load_buffer(check, file, text, tlen, err);
        ds_store_free(check);
        if (st != DS_OK)
            goto out;
    }
    ds__kill_point("locked");
    st = ds_file_write_atomic(file, text, tlen, err);
    if (st != DS_OK)
        goto out;
    ds__kill_point("done");
done:
    *summary = &imp->summary;
out:
    if (mem)
        fclose(mem);
    free(text);
    free(e);
    if (dirfd >= 0)
        close(dirfd); /* releases the lock */
    return st;
}
