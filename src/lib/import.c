/* import.c - the format registry and the merge of a batch into a store.
 *
 * Files are read by the loaders registered in `loaders[]` (one load_*.c
 * per format), chosen by --format or, for `auto`, by the highest content
 * score of every loader's detect().  Observations land in a batch; the
 * merge compares the batch with the store directory and writes
 * DIR/imports.csv.
 *
 * Promises: a figure is never overwritten by a newer release (a changed
 * value becomes a new vintage beside the old one); an identical key and
 * vintage with another value is resolved only as --on-conflict says; every
 * skipped row and every plausibility failure is reported; the store file
 * is replaced atomically (temporary file in the same directory, fsync,
 * rename, fsync of the directory) under an exclusive lock on the
 * directory, so a failed or interrupted import leaves it byte-identical.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "defspend/import.h"
#include "loader_util.h"

/* ------------------------------------------------------------ registry */

extern const ds__loader ds__loader_tidy;
extern const ds__loader ds__loader_wdi;
extern const ds__loader ds__loader_databank;
extern const ds__loader ds__loader_weo;
extern const ds__loader ds__loader_owid;
extern const ds__loader ds__loader_fred;
extern const ds__loader ds__loader_sipri; /* src/lib/load_sipri.c */
extern const ds__loader ds__loader_nato; /* src/lib/load_nato.c */
extern const ds__loader ds__loader_imf; /* src/lib/load_imf.c */

/* Adding a format is one load_<format>.c and one row here. */
static const ds__loader *const loaders[] = {
    &ds__loader_wdi,
    &ds__loader_databank,
    &ds__loader_sipri,
    &ds__loader_weo,
    &ds__loader_nato,
    &ds__loader_owid,
    &ds__loader_fred,
    &ds__loader_imf,
    &ds__loader_tidy,
};
#define NLOADERS (sizeof loaders / sizeof *loaders)

/* Files bigger than this are streamed when their format allows it. */
#define STREAM_BYTES ((size_t)64 << 20)
/* Detection looks at no more than this many bytes of a streamed file. */
#define DETECT_BYTES ((size_t)1 << 20)

const char *
ds_import_formats(void)
{
    static char names[256];
    if (!names[0]) {
        size_t o = 0;
        for (size_t i = 0; i < NLOADERS && o < sizeof names; i++)
            o += (size_t)snprintf(names + o, sizeof names - o, "%s%s",
                                  i ? ", " : "", loaders[i]->name);
    }
    return names;
}

/* ----------------------------------------------------------- the batch */

typedef struct vec {
    void *v;
    size_t n, cap, size;
} vec;

static void *
vec_push(vec *v)
{
    if (v->n == v->cap) {
        size_t nc = v->cap ? v->cap * 2 : 16;
        void *n = realloc(v->v, nc * v->size);
        if (!n)
            return NULL;
        v->v = n;
        v->cap = nc;
    }
    return (char *)v->v + v->size * v->n++;
}

struct ds_import {
    ds_import_options opt;
    ds_store *batch;
    ds__pool *pool;        /* skip reasons, notes */
    vec skips;             /* ds_import_skip */
    vec files;             /* ds_import_file_info */
    int skip_oom;          /* a skip could not be recorded */
    /* merge results */
    ds_store *old;         /* the store directory as it was */
    vec changes;           /* ds_import_change */
    vec checks;            /* ds_import_check */
    ds_import_summary summary;
    char *store_file;
};

void
ds_import_options_init(ds_import_options *opt)
{
    assert(opt);
    memset(opt, 0, sizeof *opt);
    opt->format = "auto";
    opt->on_conflict = DS_CONFLICT_FAIL;
    opt->lock_wait_s = DS_IMPORT_LOCK_WAIT_DEFAULT;
}

ds_status
ds_import_alloc(const ds_import_options *opt, ds_import **out, ds_error *err)
{
    assert(opt && out);
    ds_import *imp = calloc(1, sizeof *imp);
    if (!imp)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    imp->opt = *opt;
    imp->batch = ds_store_alloc();
    imp->pool = ds__pool_alloc();
    imp->skips.size = sizeof(ds_import_skip);
    imp->files.size = sizeof(ds_import_file_info);
    imp->changes.size = sizeof(ds_import_change);
    imp->checks.size = sizeof(ds_import_check);
    if (!imp->batch || !imp->pool) {
        ds_import_free(imp);
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    }
    if (opt->format && strcmp(opt->format, "auto") != 0) {
        int found = 0;
        for (size_t i = 0; i < NLOADERS; i++)
            found |= strcmp(loaders[i]->name, opt->format) == 0;
        if (!found) {
            ds_status st = ds__error_set(
                err, DS_EINVAL, NULL, 0, 0,
                "unknown format '%s' (known: auto, %s)", opt->format,
                ds_import_formats());
            ds_import_free(imp);
            return st;
        }
    }
    if (opt->vintage) {
        char why[64], q[80];
        if (!ds__date_check(opt->vintage, strlen(opt->vintage), NULL, NULL,
                            NULL, NULL, why, sizeof why)) {
            ds_status st = ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                                         "invalid vintage '%s' (%s)",
                                         ds__quote(opt->vintage, q, sizeof q),
                                         why);
            ds_import_free(imp);
            return st;
        }
    }
    *out = imp;
    return DS_OK;
}

void
ds_import_free(ds_import *imp)
{
    if (!imp)
        return;
    ds_store_free(imp->batch);
    ds_store_free(imp->old);
    ds__pool_free(imp->pool);
    free(imp->skips.v);
    free(imp->files.v);
    free(imp->changes.v);
    free(imp->checks.v);
    free(imp->store_file);
    free(imp);
}

static const char *
intern(ds_import *imp, const char *s)
{
    return ds__pool_intern(imp->pool, s, strlen(s));
}

static void
on_skip(void *ctx, const char *path, size_t line, size_t column,
        const char *reason)
{
    ds_import *imp = ctx;
    ds_import_skip *k = vec_push(&imp->skips);
    if (!k) {
        imp->skip_oom = 1;
        return;
    }
    k->path = intern(imp, path);
    k->reason = intern(imp, reason);
    k->line = line;
    k->column = column;
    if (!k->path || !k->reason) {
        imp->skips.n--;
        imp->skip_oom = 1;
    }
}

/* ------------------------------------------------------------- reading */

static const ds__loader *
pick_loader(const ds_import *imp, const char *path, const char *buf,
            size_t len, ds_error *err)
{
    const char *f = imp->opt.format;
    if (f && strcmp(f, "auto") != 0) {
        for (size_t i = 0; i < NLOADERS; i++)
            if (strcmp(loaders[i]->name, f) == 0)
                return loaders[i];
        ds__error_set(err, DS_EINVAL, path, 0, 0,
                      "unknown format '%s' (known: auto, %s)", f,
                      ds_import_formats());
        return NULL;
    }
    const ds__loader *best = NULL;
    int score = 0;
    for (size_t i = 0; i < NLOADERS; i++) {
        int s = loaders[i]->detect(buf, len);
        if (s > score) {
            score = s;
            best = loaders[i];
        }
    }
    if (!best || score < 50) {
        ds__error_set(err, DS_EPARSE, path, 0, 0,
                      "cannot tell the format of this file from its "
                      "content (tried %s); give it with --format",
                      ds_import_formats());
        return NULL;
    }
    return best;
}

static int
wanted(const ds_import *imp, const ds_obs *o)
{
    const ds_import_options *p = &imp->opt;
    if (p->indicators && p->n_indicators) {
        int ok = 0;
        for (size_t i = 0; i < p->n_indicators && !ok; i++) {
            char name[128];
            ds__indicator_from_code(p->indicators[i], name, sizeof name);
            /* a mapped source code (NY.GDP.MKTP.CD) names its indicator */
            const ds__wdi_series *m = ds__wdi_series_find(p->indicators[i]);
            ok = strcmp(o->indicator, p->indicators[i]) == 0 ||
                 strcmp(o->indicator, name) == 0 ||
                 (m && strcmp(o->indicator, m->indicator) == 0);
        }
        if (!ok)
            return 0;
    }
    if (p->countries && p->n_countries) {
        for (size_t i = 0; i < p->n_countries; i++)
            if (strcmp(o->country, p->countries[i]) == 0)
                return 1;
        return 0;
    }
    return 1;
}

/* Keep the observations added since `before` that pass the filters and
 * give those without a vintage the fallback one. */
static ds_status
settle(ds_import *imp, size_t before, const char *vintage, size_t *kept,
       ds_error *err)
{
    ds_store *b = imp->batch;
    size_t n = b->n - before, k = 0;
    ds_obs *tmp = malloc((n ? n : 1) * sizeof *tmp);
    if (!tmp)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    const char *v = vintage ? ds__pool_intern(b->pool, vintage,
                                              strlen(vintage))
                            : NULL;
    for (size_t i = before; i < b->n; i++) {
        ds_obs o = b->obs[i];
        if (!wanted(imp, &o))
            continue;
        if (!o.vintage[0] && v)
            o.vintage = v;
        tmp[k++] = o;
    }
    ds__store_truncate(b, before);
    ds_status st = DS_OK;
    for (size_t i = 0; i < k && st == DS_OK; i++)
        st = ds__store_add(b, &tmp[i], 0, err);
    free(tmp);
    if (st != DS_OK)
        ds__store_truncate(b, before);
    else
        *kept = k;
    return st;
}

typedef struct progress_ctx {
    ds_import *imp;
    const char *path;
    size_t total;
} progress_ctx;

static void
on_progress(void *pctx, size_t done)
{
    progress_ctx *p = pctx;
    if (p->imp->opt.progress)
        p->imp->opt.progress(p->imp->opt.progress_ctx, p->path, done,
                             p->total);
}

static ds_status
load_with(ds_import *imp, const ds__loader *l, const char *path,
          const char *buf, size_t len, const char *stream_path,
          size_t total, const char *fallback_vintage,
          const char *fallback_how, ds_error *err)
{
    ds__import_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.path = path;
    ctx.buf = buf;
    ctx.len = len;
    ctx.batch = imp->batch;
    ctx.countries = imp->opt.country_table;
    ctx.indicators = imp->opt.indicators;
    ctx.n_indicators = imp->opt.n_indicators;
    ctx.country_filter = imp->opt.countries;
    ctx.n_countries = imp->opt.n_countries;
    ctx.annualize = imp->opt.annualize;
    ctx.skip = on_skip;
    ctx.skip_ctx = imp;
    size_t before = imp->batch->n, skips_before = imp->skips.n;
    ds_status st;
    if (stream_path) {
        progress_ctx pc = {imp, path, total};
        st = ds__wdi_load_path(&ctx, stream_path, on_progress, &pc, err);
    } else {
        st = l->load(&ctx, err);
    }
    /* a file past a reader's limits (a huge sheet, a zip bomb) is bad
     * data, not a bad argument: exit 1, not 2 */
    if (st == DS_ERANGE) {
        st = DS_EPARSE;
        if (err)
            err->code = DS_EPARSE;
    }
    /* which vintage do observations without one get? */
    int novintage = 0;
    for (size_t i = before; st == DS_OK && i < imp->batch->n; i++)
        novintage |= !imp->batch->obs[i].vintage[0];
    const char *how = "";
    if (st == DS_OK && novintage) {
        if (imp->opt.vintage) {
            how = "vintage given with --vintage (the file states none)";
        } else if (fallback_vintage) {
            how = fallback_how;
        } else {
            st = ds__error_set(err, DS_EINVAL, path, 0, 0,
                               "the file states no release date: give its "
                               "vintage with --vintage YYYY-MM-DD");
        }
    }
    size_t kept = 0;
    if (st == DS_OK)
        st = settle(imp, before,
                    imp->opt.vintage ? imp->opt.vintage : fallback_vintage,
                    &kept, err);
    ds_import_file_info *fi = st == DS_OK ? vec_push(&imp->files) : NULL;
    if (st == DS_OK && !fi)
        st = ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
    if (st == DS_OK) {
        fi->path = intern(imp, path);
        fi->format = l->name;
        fi->observations = kept;
        fi->vintage_note = intern(imp, how);
        if (!fi->path || !fi->vintage_note) {
            imp->files.n--;
            st = ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
        }
    }
    if (st == DS_OK && imp->skip_oom)
        st = ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
    if (st != DS_OK) {
        ds__store_truncate(imp->batch, before);
        imp->skips.n = skips_before;
        imp->skip_oom = 0;
    }
    return st;
}

ds_status
ds_import_buffer(ds_import *imp, const char *path, const char *buf,
                 size_t len, ds_error *err)
{
    assert(imp && path && (buf || len == 0));
    const ds__loader *l = pick_loader(imp, path, buf, len, err);
    if (!l)
        return err ? err->code : DS_EPARSE;
    return load_with(imp, l, path, buf, len, NULL, len, NULL, "", err);
}

static ds_status
read_prefix(const char *path, FILE *f, size_t max, char **buf, size_t *len,
            ds_import *imp, size_t total, ds_error *err)
{
    size_t cap = max + 1, n = 0;
    char *b = malloc(cap);
    if (!b)
        return ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
    progress_ctx pc = {imp, path, total};
    while (n < max) {
        size_t want = max - n < ((size_t)1 << 20) ? max - n : (size_t)1 << 20;
        size_t r = fread(b + n, 1, want, f);
        n += r;
        on_progress(&pc, n);
        if (r < want)
            break;
    }
    if (ferror(f)) {
        int e = errno;
        free(b);
        return ds__error_set(err, DS_EIO, path, 0, 0, "read error: %s",
                             strerror(e));
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return DS_OK;
}

ds_status
ds_import_file(ds_import *imp, const char *path, ds_error *err)
{
    assert(imp && path);
    FILE *f = fopen(path, "rb");
    if (!f)
        return ds__error_set(err, DS_EIO, path, 0, 0, "cannot open: %s",
                             strerror(errno));
    struct stat st;
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        return ds__error_set(err, DS_EIO, path, 0, 0, "not a regular file");
    }
    size_t size = (size_t)st.st_size;
    char mdate[11];
    struct tm tmv;
    time_t mt = st.st_mtime;
    strftime(mdate, sizeof mdate, "%Y-%m-%d", gmtime_r(&mt, &tmv));
    char how[128];
    snprintf(how, sizeof how,
             "vintage %s from the file's modification date (the file "
             "states none; set it with --vintage)", mdate);

    char *buf = NULL;
    size_t len = 0;
    ds_status rc;
    int stream = size > STREAM_BYTES;
    rc = read_prefix(path, f, stream ? DETECT_BYTES : size + 1, &buf, &len,
                     imp, size, err);
    fclose(f);
    if (rc != DS_OK)
        return rc;
    const ds__loader *l = pick_loader(imp, path, buf, len, err);
    if (!l) {
        free(buf);
        return err ? err->code : DS_EPARSE;
    }
    if (stream && l != &ds__loader_wdi) {
        /* only the WDI reader streams: read the rest */
        free(buf);
        f = fopen(path, "rb");
        if (!f)
            return ds__error_set(err, DS_EIO, path, 0, 0, "cannot open: %s",
                                 strerror(errno));
        rc = read_prefix(path, f, size + 1, &buf, &len, imp, size, err);
        fclose(f);
        if (rc != DS_OK)
            return rc;
        stream = 0;
    }
    rc = load_with(imp, l, path, buf, len, stream ? path : NULL, size, mdate,
                   how, err);
    free(buf);
    return rc;
}

/* ---------------------------------------------------- plausibility */

/* Same series (country, indicator, currency, prices, definition, year
 * basis), any year and vintage. */
static int
cmp_series(const ds_obs *x, const ds_obs *y)
{
    int c = strcmp(x->country, y->country);
    if (!c) c = strcmp(x->indicator, y->indicator);
    if (!c) c = strcmp(x->currency, y->currency);
    if (!c) c = strcmp(x->price_basis, y->price_basis);
    if (!c) c = strcmp(x->definition, y->definition);
    if (!c) c = x->fy_start_month - y->fy_start_month;
    return c;
}

static int
cmp_series_year(const void *a, const void *b)
{
    const ds_obs *x = *(const ds_obs *const *)a, *y = *(const ds_obs *const *)b;
    int c = cmp_series(x, y);
    if (!c) c = strcmp(x->vintage, y->vintage);
    if (!c) c = (x->year > y->year) - (x->year < y->year);
    return c;
}

static int
same_series(const ds_obs *x, const ds_obs *y)
{
    return strcmp(x->country, y->country) == 0 &&
           strcmp(x->indicator, y->indicator) == 0 &&
           strcmp(x->currency, y->currency) == 0 &&
           strcmp(x->price_basis, y->price_basis) == 0 &&
           strcmp(x->definition, y->definition) == 0 &&
           x->fy_start_month == y->fy_start_month &&
           strcmp(x->vintage, y->vintage) == 0;
}

static ds_status
flag(ds_import *imp, ds_obs *o, const char *msg, ds_error *err)
{
    ds_import_check *c = vec_push(&imp->checks);
    if (!c || !(c->message = intern(imp, msg)))
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    o->flags |= DS_FLAG_SUSPECT;
    c->obs = o;
    return DS_OK;
}

static int
is_pct(const char *ind)
{
    size_t n = strlen(ind);
    return n > 4 && strcmp(ind + n - 4, "_pct") == 0;
}

/* 2: must be > 0 (GDP, population, rates, deflator); 1: must be >= 0
 * (military spending: zero is real, e.g. countries without an army). */
static int
sign_rule(const char *ind)
{
    if (strcmp(ind, "gdp") == 0 || strcmp(ind, "population") == 0 ||
        strcmp(ind, "fx") == 0 || strcmp(ind, "gdp_deflator") == 0)
        return 2;
    if (strncmp(ind, "milex", 5) == 0)
        return 1;
    return 0;
}

/* Same series and year, any vintage. */
static int
cmp_figure(const ds_obs *x, const ds_obs *y)
{
    int c = cmp_series(x, y);
    if (!c) c = (x->year > y->year) - (x->year < y->year);
    return c;
}

static int
cmp_figure_vintage(const void *a, const void *b)
{
    const ds_obs *x = *(const ds_obs *const *)a, *y = *(const ds_obs *const *)b;
    int c = cmp_figure(x, y);
    return c ? c : strcmp(x->vintage, y->vintage);
}

/* The store's figure for o's series and year in another vintage: the
 * newest one older than o's, else the newest newer one; NULL if none.
 * old is sorted by cmp_figure_vintage. */
static const ds_obs *
stored_figure(ds_obs *const *old, size_t n, const ds_obs *o)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_figure(old[mid], o) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    const ds_obs *older = NULL, *newer = NULL;
    for (; lo < n && cmp_figure(old[lo], o) == 0; lo++) {
        int c = strcmp(old[lo]->vintage, o->vintage);
        if (c < 0)
            older = old[lo]; /* ascending: the last is the newest */
        else if (c > 0 && !newer)
            newer = old[lo];
    }
    return older ? older : newer;
}

/* 1: x is at least 1000 times every y; -1: at most 1/1000 of every y;
 * 0 otherwise (or when a figure is zero or missing). */
static int
scale_jump(double x, const double *y, size_t n)
{
    int big = 1, small = 1;
    x = fabs(x);
    for (size_t k = 0; k < n; k++) {
        double v = fabs(y[k]);
        if (!(v > 0) || !(x >= 1000 * v))
            big = 0;
        if (!(x > 0) || !(v >= 1000 * x))
            small = 0;
    }
    return big ? 1 : small ? -1 : 0;
}

/* Flag (never drop) implausible figures: a share outside 0-100%, a
 * non-positive GDP, population or rate, negative spending, and a value at
 * least 1000 times (or at most 1/1000 of) the figures around it (the scale
 * errors SIPRI has published): inside a series both its nearest
 * neighbours; at either end of a series (the newest year is the one
 * `scenarios` uses) the two nearest years on its one side; and in every
 * case the store's own figure for the same series and year in another
 * vintage.  The message says which comparison failed. */
static ds_status
check_batch(ds_import *imp, ds_error *err)
{
    ds_store *b = imp->batch;
    ds_status st = DS_OK;
    char msg[512], v1[40], v2[40], v3[40];
    for (size_t i = 0; i < b->n && st == DS_OK; i++) {
        ds_obs *o = &b->obs[i];
        if (is_pct(o->indicator) && (o->value > 100 || o->value < 0)) {
            snprintf(msg, sizeof msg, "%s %s %d: %s %s%% is outside 0-100%%",
                     o->country, o->indicator, o->year,
                     o->indicator, ds_format_full(o->value, v1, sizeof v1));
            st = flag(imp, o, msg, err);
        } else if ((sign_rule(o->indicator) == 2 && !(o->value > 0)) ||
                   (sign_rule(o->indicator) == 1 && o->value < 0)) {
            snprintf(msg, sizeof msg, "%s %s %d: %s is %s",
                     o->country, o->indicator, o->year,
                     ds_format_full(o->value, v1, sizeof v1),
                     o->value < 0 ? "negative" : "not positive");
            st = flag(imp, o, msg, err);
        }
    }
    if (st != DS_OK || b->n == 0)
        return st;
    ds_obs **v = malloc(b->n * sizeof *v);
    size_t nold = imp->old ? imp->old->n : 0;
    ds_obs **old = malloc((nold ? nold : 1) * sizeof *old);
    if (!v || !old) {
        free(v);
        free(old);
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < b->n; i++)
        v[i] = &b->obs[i];
    qsort(v, b->n, sizeof *v, cmp_series_year);
    for (size_t i = 0; i < nold; i++)
        old[i] = &imp->old->obs[i];
    qsort(old, nold, sizeof *old, cmp_figure_vintage);
    for (size_t i = 0; i < b->n && st == DS_OK; i++) {
        const ds_obs *o = v[i];
        const ds_obs *prev = i > 0 && same_series(v[i - 1], o) ? v[i - 1]
                                                               : NULL;
        const ds_obs *next = i + 1 < b->n && same_series(v[i + 1], o)
                                 ? v[i + 1]
                                 : NULL;
        const ds_obs *prev2 = prev && i > 1 && same_series(v[i - 2], o)
                                  ? v[i - 2]
                                  : NULL;
        const ds_obs *next2 = next && i + 2 < b->n &&
                                      same_series(v[i + 2], o)
                                  ? v[i + 2]
                                  : NULL;
        size_t o_len = 0;
        msg[0] = '\0';
        /* the figures around it in this file */
        const ds_obs *nb[2] = {NULL, NULL};
        const char *where = "";
        if (prev && next) {
            nb[0] = prev;
            nb[1] = next;
            where = "its neighbours";
        } else if (prev2) {
            nb[0] = prev2;
            nb[1] = prev;
            where = "the two years before it, at the end of the series";
        } else if (next2) {
            nb[0] = next;
            nb[1] = next2;
            where = "the two years after it, at the start of the series";
        }
        if (nb[0]) {
            double y[2] = {nb[0]->value, nb[1]->value};
            int j = scale_jump(o->value, y, 2);
            if (j && prev && next)
                o_len = (size_t)snprintf(
                    msg, sizeof msg,
                    "%s %s %d: %s is %s 1000 times its neighbours (%s, %s)",
                    o->country, o->indicator, o->year,
                    ds_format_full(o->value, v1, sizeof v1),
                    j > 0 ? "over" : "under 1/",
                    ds_format_full(prev->value, v2, sizeof v2),
                    ds_format_full(next->value, v3, sizeof v3));
            else if (j)
                o_len = (size_t)snprintf(
                    msg, sizeof msg, "%s %s %d: %s is %s 1000 times %s (%d: "
                                     "%s, %d: %s)",
                    o->country, o->indicator, o->year,
                    ds_format_full(o->value, v1, sizeof v1),
                    j > 0 ? "over" : "under 1/", where, nb[0]->year,
                    ds_format_full(nb[0]->value, v2, sizeof v2), nb[1]->year,
                    ds_format_full(nb[1]->value, v3, sizeof v3));
        }
        /* the store's own figure for that year (another vintage) */
        const ds_obs *s = stored_figure(old, nold, o);
        int js = s ? scale_jump(o->value, &s->value, 1) : 0;
        if (js && o_len < sizeof msg) {
            if (o_len)
                snprintf(msg + o_len, sizeof msg - o_len,
                         "; and %s 1000 times the figure the store holds for "
                         "%d (vintage %s: %s)",
                         js > 0 ? "over" : "under 1/", s->year, s->vintage,
                         ds_format_full(s->value, v3, sizeof v3));
            else
                snprintf(msg, sizeof msg,
                         "%s %s %d: %s is %s 1000 times the figure the store "
                         "holds for %d (vintage %s: %s)",
                         o->country, o->indicator, o->year,
                         ds_format_full(o->value, v1, sizeof v1),
                         js > 0 ? "over" : "under 1/", s->year, s->vintage,
                         ds_format_full(s->value, v3, sizeof v3));
        }
        if (msg[0])
            st = flag(imp, v[i], msg, err);
    }
    free(v);
    free(old);
    return st;
}

/* ------------------------------------------------------------- merge */

/* Order of a store file: country, indicator, currency, definition, year
 * basis, year, vintage (as datasets/README.md says), then price basis. */
static int
cmp_file_order(const void *a, const void *b)
{
    const ds_obs *x = *(const ds_obs *const *)a, *y = *(const ds_obs *const *)b;
    int c = strcmp(x->country, y->country);
    if (!c) c = strcmp(x->indicator, y->indicator);
    if (!c) c = strcmp(x->currency, y->currency);
    if (!c) c = strcmp(x->definition, y->definition);
    if (!c) c = x->fy_start_month - y->fy_start_month;
    if (!c) c = (x->year > y->year) - (x->year < y->year);
    if (!c) c = strcmp(x->vintage, y->vintage);
    if (!c) c = strcmp(x->price_basis, y->price_basis);
    return c;
}

/* The key without the vintage. */
static int
same_figure(const ds_obs *x, const ds_obs *y)
{
    return strcmp(x->country, y->country) == 0 && x->year == y->year &&
           x->fy_start_month == y->fy_start_month &&
           strcmp(x->indicator, y->indicator) == 0 &&
           strcmp(x->currency, y->currency) == 0 &&
           strcmp(x->price_basis, y->price_basis) == 0 &&
           strcmp(x->definition, y->definition) == 0;
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

static void
csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void
write_row(FILE *f, const ds_obs *o)
{
    char yb[16], num[40], fl[160];
    fprintf(f, "%s,%d,%s,%s,%s,%s,", o->country, o->year,
            ds_year_basis_format(o->fy_start_month, yb, sizeof yb),
            o->indicator, ds_format_full(o->value, num, sizeof num),
            o->currency);
    csv_field(f, o->price_basis);
    fputc(',', f);
    csv_field(f, o->definition);
    fputc(',', f);
    csv_field(f, o->source);
    fprintf(f, ",%s,%s,", o->vintage,
            ds_flags_format(o->flags, fl, sizeof fl));
    csv_field(f, o->note);
    fputc('\n', f);
}

static int
write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return 0;
        }
        p += w;
        n -= (size_t)w;
    }
    return 1;
}

static ds_status
mkdir_p(const char *dir, ds_error *err)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s", dir) >= (int)sizeof tmp)
        return ds__error_set(err, DS_EINVAL, dir, 0, 0, "path too long");
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
            return ds__error_set(err, DS_EIO, tmp, 0, 0,
                                 "cannot create directory: %s",
                                 strerror(errno));
        *p = '/';
    }
    if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
        return ds__error_set(err, DS_EIO, dir, 0, 0,
                             "cannot create directory: %s", strerror(errno));
    return DS_OK;
}

#ifdef DS_TEST_HOOKS
/* Test builds only (meson -Dtest_hooks=true): DS_TEST_KILL_AT=STAGE kills
 * the process with SIGKILL at that point of the write, for
 * tests/crash/check_crash.sh.  Stages in order: locked, open, half,
 * written, synced, renamed, done. */
#include <signal.h>
static void
kill_point(const char *stage)
{
    const char *at = getenv("DS_TEST_KILL_AT");
    if (at && strcmp(at, stage) == 0)
        raise(SIGKILL);
}
#else
#define kill_point(stage) ((void)0)
#endif

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

static double
now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Take the store's lock (flock on the directory), waiting up to
 * opt.lock_wait_s for another import to release it: polled every 50 ms,
 * opt.lock_waiting called once when the wait begins. */
static ds_status
lock_store(ds_import *imp, int dirfd, const char *dir, ds_error *err)
{
    if (flock(dirfd, LOCK_EX | LOCK_NB) == 0)
        return DS_OK;
    if (errno != EWOULDBLOCK && errno != EINTR)
        return ds__error_set(err, DS_EIO, dir, 0, 0, "cannot lock: %s",
                             strerror(errno));
    double wait = imp->opt.lock_wait_s;
    if (!(wait > 0))
        return ds__error_set(err, DS_EIO, dir, 0, 0,
                             "the store is being changed by another import");
    if (imp->opt.lock_waiting)
        imp->opt.lock_waiting(imp->opt.lock_waiting_ctx, dir, wait);
    double end = now_s() + wait;
    for (;;) {
        struct timespec ts = {0, 50 * 1000 * 1000};
        nanosleep(&ts, NULL);
        if (flock(dirfd, LOCK_EX | LOCK_NB) == 0)
            return DS_OK;
        if (errno != EWOULDBLOCK && errno != EINTR)
            return ds__error_set(err, DS_EIO, dir, 0, 0, "cannot lock: %s",
                                 strerror(errno));
        if (now_s() >= end)
            return ds__error_set(err, DS_EIO, dir, 0, 0,
                                 "the store is still being changed by "
                                 "another import after %g s",
                                 wait);
    }
}

/* Write text to dir/DS_IMPORT_FILE atomically. */
static ds_status
write_atomic(const char *dir, const char *file, const char *text, size_t len,
             int dirfd, ds_error *err)
{
    size_t l = strlen(dir);
    char *tmp = malloc(l + 32);
    if (!tmp)
        return ds__error_set(err, DS_ENOMEM, file, 0, 0, "out of memory");
    snprintf(tmp, l + 32, "%s/.%s.XXXXXX", dir, DS_IMPORT_FILE);
    ds_status st = DS_OK;
    int fd = mkstemp(tmp);
    if (fd < 0) {
        st = ds__error_set(err, DS_EIO, file, 0, 0, "cannot create: %s",
                           strerror(errno));
        free(tmp);
        return st;
    }
    kill_point("open");
    mode_t mask = umask(0);
    umask(mask);
    int ok = fchmod(fd, 0666 & ~mask) == 0 &&
             write_all(fd, text, len / 2) &&
             (kill_point("half"), write_all(fd, text + len / 2,
                                            len - len / 2)) &&
             (kill_point("written"), fsync(fd) == 0);
    int e = errno;
    ok = close(fd) == 0 && ok;
    kill_point("synced");
    if (!ok || rename(tmp, file) != 0) {
        if (ok)
            e = errno;
        unlink(tmp);
        st = ds__error_set(err, DS_EIO, file, 0, 0, "cannot write: %s",
                           strerror(e));
    } else if (kill_point("renamed"), fsync(dirfd) != 0) {
        /* the new file is in place; only its durability is in doubt */
        st = ds__error_set(err, DS_EIO, dir, 0, 0,
                           "cannot sync the directory: %s", strerror(errno));
    }
    free(tmp);
    return st;
}

static ds_status
add_change(ds_import *imp, ds_change kind, const ds_obs *old,
           const ds_obs *new_, ds_error *err)
{
    ds_import_change *c = vec_push(&imp->changes);
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
                int c = strcmp(e[m].o->vintage, o->vintage);
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
                if (imp->opt.on_conflict == DS_CONFLICT_FAIL)
                    return ds__error_set(
                        err, DS_EPARSE, o->path, o->line, 0,
                        "%s %s %d vintage %s is %s here but %s in the store "
                        "(%s:%zu); nothing was written (use --on-conflict "
                        "replace or keep)",
                        o->country, o->indicator, o->year, o->vintage,
                        ds_format_full(o->value, a, sizeof a),
                        ds_format_full(twin->o->value, b, sizeof b),
                        twin->o->path, twin->o->line);
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
        st = mkdir_p(dir, err);
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
    if ((st = check_batch(imp, err)) != DS_OK)
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
    if (dry_run || !dirty)
        goto done;

    /* the new file: what it held, minus replaced rows, plus new rows */
    mem = open_memstream(&text, &tlen);
    if (!mem) {
        st = ds__error_set(err, DS_ENOMEM, file, 0, 0, "out of memory");
        goto out;
    }
    fputs(DS_STORE_HEADER "\n", mem);
    size_t nrows = 0;
    for (size_t i = 0; i < n; i++) {
        const entry *x = &e[i];
        if (x->from_batch ? x->write
                          : (!x->dropped && strcmp(x->o->path, file) == 0)) {
            write_row(mem, x->o);
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
    kill_point("locked");
    st = write_atomic(dir, file, text, tlen, dirfd, err);
    if (st != DS_OK)
        goto out;
    kill_point("done");
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

/* ------------------------------------------------------- default dir */

ds_status
ds_import_default_dir(char *buf, size_t size, ds_error *err)
{
    const char *x = getenv("XDG_DATA_HOME");
    int n;
    if (x && x[0] == '/') {
        n = snprintf(buf, size, "%s/defspend", x);
    } else {
        const char *h = getenv("HOME");
        if (!h || !h[0])
            return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                                 "neither XDG_DATA_HOME nor HOME is set: "
                                 "give the store with --into DIR");
        n = snprintf(buf, size, "%s/.local/share/defspend", h);
    }
    if (n < 0 || (size_t)n >= size)
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "the store path is too long");
    return DS_OK;
}
