/* import.c - sources layer: the format registry and the batch.
 *
 * Files are read by the loaders registered in `loaders[]` (one load_*.c
 * per format; a row also says whether the format streams and which
 * per-format options it reads), chosen by opt.format or, for `auto`, by
 * the highest content score of every loader's detect().  Observations
 * land in a batch, filtered and given their vintage here; the batch is
 * then checked (import_check.c) and merged into a store directory
 * (import_merge.c).
 *
 * Promises: every skipped row is reported; a file that cannot be read
 * adds nothing to the batch.
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

#include "import_batch.h"
#include "fsutil.h"
#include "loader_util.h"
#include "text.h"
#include "zip_internal.h"

/* ------------------------------------------------------------ registry */

extern const ds__loader ds__loader_tidy;
extern const ds__loader ds__loader_wdi;
extern const ds__loader ds__loader_databank;
extern const ds__loader ds__loader_weo;
extern const ds__loader ds__loader_owid;
extern const ds__loader ds__loader_fred;
extern const ds__loader ds__loader_sipri; /* src/lib/load_sipri.c */
extern const ds__loader ds__loader_nato; /* src/lib/load_nato.c */
extern const ds__loader ds__loader_table; /* src/lib/load_table.c */
extern const ds__loader ds__loader_imf; /* src/lib/load_imf.c */

/* The per-format options a loader reads from its ctx (format.options);
 * the others are not passed to it. */
#define OPT_ANNUALIZE 1u /* ctx.annualize (FRED: --annualize) */

/* A row of the registry: the loader and its slots. */
typedef struct format {
    const ds__loader *loader;
    /* Streaming, for files over STREAM_BYTES (NULL: the format is read
     * whole): read the file at path without holding it in memory; the
     * ctx's buf holds only its first DETECT_BYTES. */
    ds_status (*load_path)(ds__import_ctx *ctx, const char *path,
                           void (*progress)(void *pctx, size_t done),
                           void *pctx, ds_error *err);
    unsigned options; /* OPT_* */
} format;

/* Adding a format is one load_<format>.c and one row here. */
static const format loaders[] = {
    {&ds__loader_wdi, ds__wdi_load_path, 0},
    {&ds__loader_databank, NULL, 0},
    {&ds__loader_sipri, NULL, 0},
    {&ds__loader_weo, NULL, 0},
    {&ds__loader_nato, NULL, 0},
    {&ds__loader_owid, NULL, 0},
    {&ds__loader_fred, NULL, OPT_ANNUALIZE},
    {&ds__loader_imf, NULL, 0},
    {&ds__loader_tidy, NULL, 0},
    {&ds__loader_table, NULL, 0}, /* only with --format table: never detected */
};
#define NLOADERS (sizeof loaders / sizeof *loaders)

/* Files bigger than this are streamed when their format allows it (its
 * row's load_path slot). */
#define STREAM_BYTES ((size_t)64 << 20)
/* Detection looks at no more than this many bytes of a streamed file. */
#define DETECT_BYTES ((size_t)1 << 20)

const char *
ds_import_needed_option(const ds_import *imp)
{
    assert(imp);
    return imp->needs_option;
}

const char *
ds_import_formats(void)
{
    static char names[256];
    if (!names[0]) {
        size_t o = 0;
        for (size_t i = 0; i < NLOADERS && o < sizeof names; i++)
            o += (size_t)snprintf(names + o, sizeof names - o, "%s%s",
                                  i ? ", " : "", loaders[i].loader->name);
    }
    return names;
}

/* ----------------------------------------------------------- the batch */

void *
ds__vec_push(ds__vec *v)
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

const char *
ds__import_opt(const ds_import *imp, const char *name, char *buf,
               size_t size)
{
    if (imp->opt.option_prefix)
        snprintf(buf, size, "%s%s", imp->opt.option_prefix, name);
    else
        snprintf(buf, size, "the '%s' option", name);
    return buf;
}

const char *
ds__ctx_opt(const ds__import_ctx *c, const char *name, char *buf,
            size_t size)
{
    if (c->option_prefix)
        snprintf(buf, size, "%s%s", c->option_prefix, name);
    else
        snprintf(buf, size, "the '%s' option", name);
    return buf;
}

const char *
ds__import_intern(ds_import *imp, const char *s)
{
    return ds__pool_intern(imp->pool, s, strlen(s));
}

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
    imp->unused.size = sizeof(ds_import_unused);
    imp->changes.size = sizeof(ds_import_change);
    imp->checks.size = sizeof(ds_import_check);
    if (!imp->batch || !imp->pool) {
        ds_import_free(imp);
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    }
    if (opt->format && strcmp(opt->format, "auto") != 0) {
        int found = 0;
        for (size_t i = 0; i < NLOADERS; i++)
            found |= strcmp(loaders[i].loader->name, opt->format) == 0;
        if (!found) {
            ds_status st = ds__error_set(
                err, DS_EINVAL, NULL, 0, 0,
                "unknown format '%s' (known: auto, %s)", opt->format,
                ds_import_formats());
            ds_import_free(imp);
            return st;
        }
    }
    ds_status ast =
        ds__as_parse(opt->as, opt->option_prefix, &imp->as, err);
    if (ast != DS_OK) {
        ds_import_free(imp);
        return ast;
    }
    if (!imp->opt.vintage && imp->as.vintage[0])
        imp->opt.vintage = imp->as.vintage;
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
    free(imp->unused.v);
    free(imp->uidx);
    free(imp->files.v);
    free(imp->changes.v);
    free(imp->checks.v);
    free(imp->store_file);
    free(imp);
}

static void
on_skip(void *ctx, const char *path, size_t line, size_t column,
        const char *reason)
{
    ds_import *imp = ctx;
    ds_import_skip *k = ds__vec_push(&imp->skips);
    if (!k) {
        imp->skip_oom = 1;
        return;
    }
    k->path = ds__import_intern(imp, path);
    k->reason = ds__import_intern(imp, reason);
    k->line = line;
    k->column = column;
    if (!k->path || !k->reason) {
        imp->skips.n--;
        imp->skip_oom = 1;
    }
}

/* Rows of unused series, counted per (file, series) through a small hash
 * (a bulk file has thousands of series, its rows not grouped by series). */
static size_t
unused_hash(const char *path, const char *series, size_t len)
{
    size_t h = 2166136261u;
    for (const char *p = path; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)series[i]) * 16777619u;
    return h;
}

static int
unused_reindex(ds_import *imp, size_t cap)
{
    size_t *n = calloc(cap, sizeof *n);
    if (!n)
        return 0;
    free(imp->uidx);
    imp->uidx = n;
    imp->ucap = cap;
    const ds_import_unused *u = imp->unused.v;
    for (size_t i = 0; i < imp->unused.n; i++) {
        size_t j = unused_hash(u[i].path, u[i].series, strlen(u[i].series)) &
                   (cap - 1);
        while (n[j])
            j = (j + 1) & (cap - 1);
        n[j] = i + 1;
    }
    return 1;
}

static void
on_unused(void *ctx, const char *path, const char *series, size_t slen,
          const char *name, size_t nlen, size_t rows)
{
    ds_import *imp = ctx;
    if ((imp->unused.n + 1) * 2 > imp->ucap &&
        !unused_reindex(imp, imp->ucap ? imp->ucap * 2 : 256)) {
        imp->skip_oom = 1;
        return;
    }
    ds_import_unused *u = imp->unused.v;
    size_t j = unused_hash(path, series, slen) & (imp->ucap - 1);
    for (; imp->uidx[j]; j = (j + 1) & (imp->ucap - 1)) {
        ds_import_unused *e = &u[imp->uidx[j] - 1];
        if (strncmp(e->series, series, slen) == 0 && !e->series[slen] &&
            strcmp(e->path, path) == 0) {
            e->rows += rows;
            imp->unused_rows += rows;
            return;
        }
    }
    ds_import_unused *e = ds__vec_push(&imp->unused);
    if (!e) {
        imp->skip_oom = 1;
        return;
    }
    e->path = ds__import_intern(imp, path);
    e->series = ds__pool_intern(imp->pool, series, slen);
    e->name = ds__pool_intern(imp->pool, name, nlen);
    e->rows = rows;
    if (!e->path || !e->series || !e->name) {
        imp->unused.n--;
        imp->skip_oom = 1;
        return;
    }
    imp->uidx[j] = imp->unused.n;
    imp->unused_rows += rows;
}

/* ------------------------------------------------------------- reading */

/* The formats told from the content ("table" is only ever asked for). */
static const char *
detected_formats(void)
{
    static char names[256];
    if (!names[0]) {
        size_t o = 0;
        for (size_t i = 0; i < NLOADERS && o < sizeof names; i++)
            if (loaders[i].loader != &ds__loader_table)
                o += (size_t)snprintf(names + o, sizeof names - o, "%s%s",
                                      i ? ", " : "", loaders[i].loader->name);
    }
    return names;
}

static const format *
pick_loader(const ds_import *imp, const char *path, const char *buf,
            size_t len, ds_error *err)
{
    const char *f = imp->opt.format;
    if (f && strcmp(f, "auto") != 0) {
        for (size_t i = 0; i < NLOADERS; i++)
            if (strcmp(loaders[i].loader->name, f) == 0)
                return &loaders[i];
        ds__error_set(err, DS_EINVAL, path, 0, 0,
                      "unknown format '%s' (known: auto, %s)", f,
                      ds_import_formats());
        return NULL;
    }
    const format *best = NULL;
    int score = 0;
    for (size_t i = 0; i < NLOADERS; i++) {
        int s = loaders[i].loader->detect(buf, len);
        if (s > score) {
            score = s;
            best = &loaders[i];
        }
    }
    if ((!best || score < 50) && ds__is_zip(buf, len) &&
        ds__zip_available(path, err) != DS_OK)
        return NULL; /* the detectors could not look inside: say why */
    if (!best || score < 50) {
        char on[64];
        ds__error_set(err, DS_EPARSE, path, 0, 0,
                      "cannot tell the format of this file from its "
                      "content (tried %s); give it with %s",
                      detected_formats(),
                      ds__import_opt(imp, "format", on, sizeof on));
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
load_with(ds_import *imp, const format *l, const char *path,
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
    ctx.annualize = (l->options & OPT_ANNUALIZE) &&
                    imp->opt.annualize;
    ctx.skip = on_skip;
    ctx.skip_ctx = imp;
    ctx.unused = on_unused;
    ctx.as = &imp->as;
    ctx.columns = imp->opt.columns;
    ctx.option_prefix = imp->opt.option_prefix;
    ctx.encoding = imp->opt.encoding;
    size_t before = imp->batch->n, skips_before = imp->skips.n;
    size_t unused_before = imp->unused.n, unused_rows = imp->unused_rows;
    ds_status st = ds__as_check(l->loader->name, ds__is_zip(buf, len),
                                &imp->as, path, err);
    if (st != DS_OK)
        return st;
    if (stream_path) {
        progress_ctx pc = {imp, path, total};
        st = l->load_path(&ctx, stream_path, on_progress, &pc, err);
    } else {
        st = l->loader->load(&ctx, err);
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
    char given[128], on[64];
    if (st == DS_OK && novintage) {
        ds__import_opt(imp, "vintage", on, sizeof on);
        if (imp->opt.vintage && imp->opt.vintage == imp->as.vintage) {
            snprintf(given, sizeof given, "vintage given with %s "
                     "vintage=... (the file states none)",
                     ds__as_opt(&imp->as));
            how = given;
        } else if (imp->opt.vintage) {
            snprintf(given, sizeof given,
                     "vintage given with %s (the file states none)", on);
            how = given;
        } else if (fallback_vintage) {
            how = fallback_how;
        } else {
            st = ds__error_set(err, DS_EINVAL, path, 0, 0,
                               "the file states no release date: give its "
                               "vintage with %s YYYY-MM-DD", on);
        }
    }
    size_t kept = 0;
    if (st == DS_OK)
        st = settle(imp, before,
                    imp->opt.vintage ? imp->opt.vintage : fallback_vintage,
                    &kept, err);
    ds_import_file_info *fi = st == DS_OK ? ds__vec_push(&imp->files) : NULL;
    if (st == DS_OK && !fi)
        st = ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
    if (st == DS_OK) {
        fi->path = ds__import_intern(imp, path);
        fi->format = l->loader->name;
        fi->observations = kept;
        char note[400];
        snprintf(note, sizeof note, "%s%s%s", how,
                 how[0] && ctx.file_note[0] ? "; " : "", ctx.file_note);
        fi->vintage_note = ds__import_intern(imp, note);
        if (!fi->path || !fi->vintage_note) {
            imp->files.n--;
            st = ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
        }
    }
    if (st == DS_OK && imp->skip_oom)
        st = ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
    imp->needs_option = st != DS_OK ? ctx.needs_option : NULL;
    if (st != DS_OK) {
        ds__store_truncate(imp->batch, before);
        imp->skips.n = skips_before;
        imp->skip_oom = 0;
        if (imp->unused.n != unused_before || imp->unused_rows != unused_rows) {
            /* drop the file's series; a series it shares with an earlier
             * file of the same path keeps the rows counted (paths differ) */
            imp->unused.n = unused_before;
            imp->unused_rows = unused_rows;
            if (imp->ucap && !unused_reindex(imp, imp->ucap)) {
                free(imp->uidx);
                imp->uidx = NULL;
                imp->ucap = 0;
                imp->unused.n = 0; /* cannot index: forget them */
                imp->unused_rows = 0;
            }
        }
    }
    return st;
}

/* The encoding the text must be converted from before any reader sees
 * it, or NULL: --encoding when it names another encoding than UTF-8,
 * else "UTF-16" for text starting with a UTF-16 byte order mark (Excel's
 * "Unicode text"; iconv reads the mark and drops it).  A UTF-8 byte
 * order mark needs nothing: every reader skips it. */
static const char *
text_encoding(const ds_import *imp, const char *buf, size_t len)
{
    const char *e = imp->opt.encoding;
    if (e && e[0])
        return ds__strcaseeq(e, "UTF-8") || ds__strcaseeq(e, "UTF8") ? NULL
                                                                     : e;
    if (len >= 2 && (((unsigned char)buf[0] == 0xFF &&
                      (unsigned char)buf[1] == 0xFE) ||
                     ((unsigned char)buf[0] == 0xFE &&
                      (unsigned char)buf[1] == 0xFF)))
        return "UTF-16";
    return NULL;
}

/* Convert the file's text to UTF-8 when text_encoding says so: *conv is
 * the malloc'ed UTF-8 text (NULL when nothing was converted). */
static ds_status
to_utf8(const ds_import *imp, const char *path, const char *buf, size_t len,
        char **conv, size_t *clen, ds_error *err)
{
    *conv = NULL;
    *clen = 0;
    const char *enc = text_encoding(imp, buf, len);
    if (!enc)
        return DS_OK;
    if (ds__is_zip(buf, len)) {
        char on[64];
        return ds__error_set(err, DS_EINVAL, path, 0, 0,
                             "%s %s describes a text file, and this is a zip "
                             "archive (a workbook or a download zip), whose "
                             "text is UTF-8 already",
                             ds__import_opt(imp, "encoding", on, sizeof on),
                             enc);
    }
    return ds__to_utf8(path, enc, buf, len, conv, clen, err);
}

ds_status
ds_import_buffer(ds_import *imp, const char *path, const char *buf,
                 size_t len, ds_error *err)
{
    assert(imp && path && (buf || len == 0));
    char *conv = NULL;
    size_t clen = 0;
    ds_status st = to_utf8(imp, path, buf, len, &conv, &clen, err);
    if (st != DS_OK)
        return st;
    if (conv) {
        buf = conv;
        len = clen;
    }
    const format *l = pick_loader(imp, path, buf, len, err);
    if (!l) {
        free(conv);
        return err ? err->code : DS_EPARSE;
    }
    st = load_with(imp, l, path, buf, len, NULL, len, NULL, "", err);
    free(conv);
    return st;
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

/* The whole file (size bytes) into *buf, after a prefix was read. */
static ds_status
read_whole(const char *path, char **buf, size_t *len, ds_import *imp,
           size_t size, ds_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return ds__error_set(err, DS_EIO, path, 0, 0, "cannot open: %s",
                             strerror(errno));
    ds_status rc = read_prefix(path, f, size + 1, buf, len, imp, size, err);
    fclose(f);
    return rc;
}

ds_status
ds_import_file(ds_import *imp, const char *path, ds_error *err)
{
    assert(imp && path);
    FILE *f;
    struct stat st;
    ds_status ost = ds__open_regular(path, &f, &st, err);
    if (ost != DS_OK)
        return ost;
    size_t size = (size_t)st.st_size;
    char mdate[11];
    struct tm tmv;
    time_t mt = st.st_mtime;
    strftime(mdate, sizeof mdate, "%Y-%m-%d", gmtime_r(&mt, &tmv));
    char how[160], on[64];
    snprintf(how, sizeof how,
             "vintage %s from the file's modification date (the file "
             "states none; set it with %s)",
             mdate, ds__import_opt(imp, "vintage", on, sizeof on));

    char *buf = NULL;
    size_t len = 0;
    ds_status rc;
    int stream = size > STREAM_BYTES;
    rc = read_prefix(path, f, stream ? DETECT_BYTES : size + 1, &buf, &len,
                     imp, size, err);
    fclose(f);
    if (rc != DS_OK)
        return rc;
    if (stream && text_encoding(imp, buf, len)) {
        /* text to convert: the readers get all of it, converted */
        free(buf);
        rc = read_whole(path, &buf, &len, imp, size, err);
        if (rc != DS_OK)
            return rc;
        stream = 0;
    }
    {
        char *conv = NULL;
        size_t clen = 0;
        rc = to_utf8(imp, path, buf, len, &conv, &clen, err);
        if (rc != DS_OK) {
            free(buf);
            return rc;
        }
        if (conv) {
            free(buf);
            buf = conv;
            len = clen;
        }
    }
    const format *l = pick_loader(imp, path, buf, len, err);
    if (!l) {
        free(buf);
        return err ? err->code : DS_EPARSE;
    }
    if (stream && !l->load_path) {
        /* a format that does not stream: read the rest */
        free(buf);
        rc = read_whole(path, &buf, &len, imp, size, err);
        if (rc != DS_OK)
            return rc;
        stream = 0;
    }
    rc = load_with(imp, l, path, buf, len, stream ? path : NULL, size, mdate,
                   how, err);
    free(buf);
    return rc;
}

/* ------------------------------------------------------- default dir */

ds_status
ds_import_default_dir(char *buf, size_t size, ds_error *err)
{
    return ds__xdg_data_dir("defspend", buf, size, err);
}
