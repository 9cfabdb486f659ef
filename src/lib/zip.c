/* zip.c - core layer: the one libzip wrapper (see zip_internal.h for the policy).
 *
 * Used by the loaders (WDI and DataBank zips, streamed or whole) and by
 * xlsx.c.  Nothing is ever unpacked to disk.
 */
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "zip_internal.h"

/* ---------------------------------------------------- libzip, loaded late
 *
 * libzip is not linked: it is loaded with dlopen when the first archive is
 * opened (DS_LIBZIP_NAME, libzip.so.4 on Linux, or $DEFSPEND_LIBZIP), as
 * fetch.c does with libcurl.  libzip links libcrypto (21,000 relocations
 * the dynamic loader did at every start: 1.4-2.4 million cycles
 * against 0.9 million without, LD_DEBUG=statistics) and
 * zlib and bzip2; commands that read no zip or workbook no longer load
 * them (issue 18).  Only its header is needed to build.
 */
#ifndef DS_LIBZIP_NAME
#define DS_LIBZIP_NAME "libzip.so.4"
#endif

static struct {
    void (*zip_discard)(zip_t *);
    void (*zip_error_fini)(zip_error_t *);
    void (*zip_error_init)(zip_error_t *);
    void (*zip_error_init_with_code)(zip_error_t *, int);
    const char *(*zip_error_strerror)(zip_error_t *);
    int (*zip_fclose)(zip_file_t *);
    const char *(*zip_file_strerror)(zip_file_t *);
    zip_file_t *(*zip_fopen_index)(zip_t *, zip_uint64_t, zip_flags_t);
    zip_int64_t (*zip_fread)(zip_file_t *, void *, zip_uint64_t);
    const char *(*zip_get_name)(zip_t *, zip_uint64_t, zip_flags_t);
    zip_int64_t (*zip_get_num_entries)(zip_t *, zip_flags_t);
    zip_int64_t (*zip_name_locate)(zip_t *, const char *, zip_flags_t);
    zip_t *(*zip_open)(const char *, int, int *);
    zip_t *(*zip_open_from_source)(zip_source_t *, int, zip_error_t *);
    zip_source_t *(*zip_source_buffer_create)(const void *, zip_uint64_t, int,
                                              zip_error_t *);
    void (*zip_source_free)(zip_source_t *);
    int (*zip_stat_index)(zip_t *, zip_uint64_t, zip_flags_t, zip_stat_t *);
    void (*zip_stat_init)(zip_stat_t *);
    const char *(*zip_strerror)(zip_t *);
} Z;

static pthread_once_t zip_once = PTHREAD_ONCE_INIT;
static int zip_loaded;           /* 1: every function found */
static char zip_load_error[512]; /* why not, when zip_loaded == 0 */

static void
load_libzip(void)
{
    const char *name = getenv("DEFSPEND_LIBZIP");
    if (!name || !name[0])
        name = DS_LIBZIP_NAME;
    void *h = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror(); /* names the file */
        snprintf(zip_load_error, sizeof zip_load_error,
                 "cannot load libzip: %s%s; install libzip 4 (Debian: "
                 "libzip4) or name the library in DEFSPEND_LIBZIP",
                 e ? e : name, e ? "" : ": not found");
        return;
    }
    /* the library stays loaded for the life of the process */
#define SYM(f) {#f, (void **)&Z.f}
    struct {
        const char *sym;
        void **slot;
    } fn[] = {
        SYM(zip_discard), SYM(zip_error_fini), SYM(zip_error_init),
        SYM(zip_error_init_with_code), SYM(zip_error_strerror),
        SYM(zip_fclose), SYM(zip_file_strerror), SYM(zip_fopen_index),
        SYM(zip_fread), SYM(zip_get_name), SYM(zip_get_num_entries),
        SYM(zip_name_locate), SYM(zip_open), SYM(zip_open_from_source),
        SYM(zip_source_buffer_create), SYM(zip_source_free),
        SYM(zip_stat_index), SYM(zip_stat_init), SYM(zip_strerror),
    };
#undef SYM
    for (size_t i = 0; i < sizeof fn / sizeof fn[0]; i++) {
        void *f = dlsym(h, fn[i].sym);
        if (!f) {
            snprintf(zip_load_error, sizeof zip_load_error,
                     "cannot use libzip (%s): it has no %s", name,
                     fn[i].sym);
            return;
        }
        /* POSIX: a function pointer may be stored through a void * */
        memcpy(fn[i].slot, &f, sizeof f);
    }
    zip_loaded = 1;
}

/* Load libzip once; DS_OK, or DS_EIO naming path and why not. */
static ds_status
have_libzip(const char *path, ds_error *err)
{
    pthread_once(&zip_once, load_libzip);
    if (zip_loaded)
        return DS_OK;
    return ds__error_set(err, DS_EIO, path, 0, 0, "%s", zip_load_error);
}

ds_status
ds__zip_available(const char *path, ds_error *err)
{
    return have_libzip(path, err);
}

/* Below, every libzip call goes through the loaded functions. */
#define zip_discard Z.zip_discard
#define zip_error_fini Z.zip_error_fini
#define zip_error_init Z.zip_error_init
#define zip_error_init_with_code Z.zip_error_init_with_code
#define zip_error_strerror Z.zip_error_strerror
#define zip_fclose Z.zip_fclose
#define zip_file_strerror Z.zip_file_strerror
#define zip_fopen_index Z.zip_fopen_index
#define zip_fread Z.zip_fread
#define zip_get_name Z.zip_get_name
#define zip_get_num_entries Z.zip_get_num_entries
#define zip_name_locate Z.zip_name_locate
#define zip_open Z.zip_open
#define zip_open_from_source Z.zip_open_from_source
#define zip_source_buffer_create Z.zip_source_buffer_create
#define zip_source_free Z.zip_source_free
#define zip_stat_index Z.zip_stat_index
#define zip_stat_init Z.zip_stat_init
#define zip_strerror Z.zip_strerror

struct ds__zip {
    zip_t *z;
    const char *path;
};

struct ds__zip_member {
    ds__zip *z;
    zip_file_t *f;
    char label[400];
    size_t limit, done;
    ds_status st;   /* the first error, for ds__zip_stream_status */
    ds_error err;
};

int
ds__is_zip(const char *buf, size_t len)
{
    /* a local file header, or the end record alone (an empty archive) */
    return len >= 4 && (memcmp(buf, "PK\x03\x04", 4) == 0 ||
                        memcmp(buf, "PK\x05\x06", 4) == 0);
}

/* An entry named "/etc/x", "../x", "a/../../x" or "C:\x" is how archives
 * try to write outside the folder they are unpacked in.  defspend never
 * unpacks to disk, but such an archive is not a publisher's download:
 * refuse it.  Returns DS_OK or sets err. */
static ds_status
check_names(zip_t *z, const char *path, ds_error *err)
{
    zip_int64_t n = zip_get_num_entries(z, 0);
    char q[80];
    for (zip_int64_t i = 0; i < n; i++) {
        const char *name = zip_get_name(z, (zip_uint64_t)i, 0);
        if (!name)
            continue;
        int bad = name[0] == '/' || name[0] == '\\' ||
                  (name[0] && name[1] == ':');
        for (const char *p = name; !bad && *p; p++)
            bad = p[0] == '.' && p[1] == '.' &&
                  (p == name || p[-1] == '/' || p[-1] == '\\') &&
                  (p[2] == '\0' || p[2] == '/' || p[2] == '\\');
        if (bad)
            return ds__error_set(err, DS_EPARSE, path, 0, 0,
                                 "zip entry '%s' has an absolute path or "
                                 "'..' (refused: archives from publishers "
                                 "never do)",
                                 ds__quote(name, q, sizeof q));
    }
    return DS_OK;
}

static ds_status
zip_err(const char *path, const char *kind, zip_error_t *ze, ds_error *err)
{
    return ds__error_set(err, DS_EPARSE, path, 0, 0,
                         "not a readable zip archive%s%s%s: %s",
                         kind ? " (" : "", kind ? kind : "", kind ? ")" : "",
                         zip_error_strerror(ze));
}

/* Wrap an open libzip archive after checking its names. */
static ds_status
wrap(zip_t *z, const char *path, ds__zip **out, ds_error *err)
{
    ds_status nst = check_names(z, path, err);
    if (nst != DS_OK) {
        zip_discard(z);
        return nst;
    }
    ds__zip *r = malloc(sizeof *r);
    if (!r) {
        zip_discard(z);
        return ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
    }
    r->z = z;
    r->path = path;
    *out = r;
    return DS_OK;
}

ds_status
ds__zip_open_as(const char *path, const char *buf, size_t len,
                const char *kind, ds__zip **out, ds_error *err)
{
    ds_status ls = have_libzip(path, err);
    if (ls != DS_OK)
        return ls;
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t *src = zip_source_buffer_create(buf, len, 0, &ze);
    if (!src) {
        zip_error_fini(&ze);
        return ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
    }
    zip_t *z = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
    if (!z) {
        zip_source_free(src);
        ds_status st = zip_err(path, kind, &ze, err);
        zip_error_fini(&ze);
        return st;
    }
    zip_error_fini(&ze);
    return wrap(z, path, out, err);
}

ds_status
ds__zip_open(const char *path, const char *buf, size_t len, ds__zip **out,
             ds_error *err)
{
    return ds__zip_open_as(path, buf, len, NULL, out, err);
}

ds_status
ds__zip_open_file(const char *path, ds__zip **out, ds_error *err)
{
    ds_status ls = have_libzip(path, err);
    if (ls != DS_OK)
        return ls;
    int e = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &e);
    if (!z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, e);
        ds_status st = zip_err(path, NULL, &ze, err);
        zip_error_fini(&ze);
        return st;
    }
    return wrap(z, path, out, err);
}

void
ds__zip_close(ds__zip *z)
{
    if (!z)
        return;
    zip_discard(z->z);
    free(z);
}

size_t
ds__zip_count(const ds__zip *z)
{
    zip_int64_t n = zip_get_num_entries(z->z, 0);
    return n > 0 ? (size_t)n : 0;
}

const char *
ds__zip_name(const ds__zip *z, size_t i)
{
    const char *n = zip_get_name(z->z, (zip_uint64_t)i, 0);
    return n ? n : "";
}

size_t
ds__zip_size(const ds__zip *z, size_t i)
{
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(z->z, (zip_uint64_t)i, 0, &st) != 0 ||
        !(st.valid & ZIP_STAT_SIZE))
        return 0;
    return (size_t)st.size;
}

size_t
ds__zip_find(const ds__zip *z, const char *prefix, const char *suffix)
{
    size_t n = ds__zip_count(z);
    for (size_t i = 0; i < n; i++) {
        const char *name = ds__zip_name(z, i);
        const char *base = strrchr(name, '/');
        base = base ? base + 1 : name;
        size_t bl = strlen(base), pl = strlen(prefix), sl = strlen(suffix);
        if (bl >= pl + sl && strncmp(base, prefix, pl) == 0 &&
            strcmp(base + bl - sl, suffix) == 0)
            return i;
    }
    return (size_t)-1;
}

size_t
ds__zip_locate(const ds__zip *z, const char *name)
{
    zip_int64_t i = zip_name_locate(z->z, name, ZIP_FL_NOCASE);
    return i < 0 ? (size_t)-1 : (size_t)i;
}

size_t
ds__zip_limit(const ds__zip *z, size_t i, size_t cap)
{
    zip_stat_t st;
    zip_stat_init(&st);
    size_t comp = 0;
    if (zip_stat_index(z->z, (zip_uint64_t)i, 0, &st) == 0 &&
        (st.valid & ZIP_STAT_COMP_SIZE))
        comp = st.comp_size > DS__ZIP_MAX_BYTES ? DS__ZIP_MAX_BYTES
                                                : (size_t)st.comp_size;
    size_t lim = comp * DS__ZIP_MAX_RATIO;
    if (lim < DS__ZIP_FLOOR_BYTES)
        lim = DS__ZIP_FLOOR_BYTES;
    if (lim > DS__ZIP_MAX_BYTES)
        lim = DS__ZIP_MAX_BYTES;
    return cap && cap < lim ? cap : lim;
}

ds_status
ds__zip_member_open(ds__zip *z, size_t i, const char *label, size_t cap,
                    ds__zip_member **out, ds_error *err)
{
    *out = NULL;
    ds__zip_member *m = calloc(1, sizeof *m);
    if (!m)
        return ds__error_set(err, DS_ENOMEM, z->path, 0, 0, "out of memory");
    m->z = z;
    if (label)
        snprintf(m->label, sizeof m->label, "%s", label);
    else
        snprintf(m->label, sizeof m->label, "'%s' in the zip archive",
                 ds__zip_name(z, i));
    m->limit = ds__zip_limit(z, i, cap);
    zip_stat_t zs;
    zip_stat_init(&zs);
    if (zip_stat_index(z->z, (zip_uint64_t)i, 0, &zs) == 0 &&
        (zs.valid & ZIP_STAT_SIZE) && zs.size > m->limit) {
        ds_status st = ds__error_set(
            err, DS_EPARSE, z->path, 0, 0,
            "%s claims %llu bytes uncompressed, over the limit of %zu "
            "(refused as a possible zip bomb)",
            m->label, (unsigned long long)zs.size, m->limit);
        free(m);
        return st;
    }
    m->f = zip_fopen_index(z->z, (zip_uint64_t)i, 0);
    if (!m->f) {
        ds_status st = ds__error_set(err, DS_EPARSE, z->path, 0, 0,
                                     "cannot read %s: %s", m->label,
                                     zip_strerror(z->z));
        free(m);
        return st;
    }
    *out = m;
    return DS_OK;
}

ds_status
ds__zip_member_read(ds__zip_member *m, char *buf, size_t n, size_t *got,
                    ds_error *err)
{
    *got = 0;
    zip_int64_t r = zip_fread(m->f, buf, n);
    if (r < 0)
        return ds__error_set(err, DS_EPARSE, m->z->path, 0, 0,
                             "cannot read %s: %s", m->label,
                             zip_file_strerror(m->f));
    m->done += (size_t)r;
    if (m->done > m->limit)
        return ds__error_set(err, DS_EPARSE, m->z->path, 0, 0,
                             "%s inflates to more than %zu bytes (refused "
                             "as a possible zip bomb)",
                             m->label, m->limit);
    *got = (size_t)r;
    return DS_OK;
}

void
ds__zip_member_close(ds__zip_member *m)
{
    if (!m)
        return;
    if (m->f)
        zip_fclose(m->f);
    free(m);
}

ds_status
ds__zip_read(ds__zip *z, size_t i, char **buf, size_t *len, ds_error *err)
{
    ds__zip_member *m;
    ds_status st = ds__zip_member_open(z, i, NULL, 0, &m, err);
    if (st != DS_OK)
        return st;
    size_t cap = ds__zip_size(z, i) + 1, n = 0;
    if (cap < 4096)
        cap = 4096;
    char *b = malloc(cap);
    for (;;) {
        if (!b) {
            st = ds__error_set(err, DS_ENOMEM, z->path, 0, 0,
                               "out of memory");
            break;
        }
        if (n + 1 >= cap) {
            char *nb = realloc(b, cap * 2);
            if (!nb) {
                free(b);
                b = NULL;
                continue;
            }
            b = nb;
            cap *= 2;
        }
        size_t got;
        st = ds__zip_member_read(m, b + n, cap - 1 - n, &got, err);
        if (st != DS_OK || got == 0)
            break;
        n += got;
    }
    ds__zip_member_close(m);
    if (st != DS_OK) {
        free(b);
        return st;
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return DS_OK;
}

ds_status
ds__zip_stream_open(ds__zip *z, size_t i, void **src, ds_error *err)
{
    ds__zip_member *m;
    ds_status st = ds__zip_member_open(z, i, NULL, 0, &m, err);
    *src = st == DS_OK ? m : NULL;
    return st;
}

size_t
ds__read_zip(void *src, char *buf, size_t n)
{
    ds__zip_member *m = src;
    size_t got;
    if (m->st != DS_OK)
        return (size_t)-1;
    m->st = ds__zip_member_read(m, buf, n, &got, &m->err);
    if (m->st != DS_OK) {
        errno = EIO;
        return (size_t)-1;
    }
    return got;
}

ds_status
ds__zip_stream_status(void *src, ds_status st, ds_error *err)
{
    ds__zip_member *m = src;
    if (st == DS_OK || !m || m->st == DS_OK)
        return st;
    if (err)
        *err = m->err;
    return m->st;
}

void
ds__zip_stream_close(void *src)
{
    ds__zip_member_close(src);
}
