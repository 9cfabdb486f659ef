/* defspend/fetch_cache.h - what `defspend fetch` does besides the
 * download (defspend/fetch.h): the publishers it knows, each series' URL
 * and cache name, the cache of raw responses and what it knows of each,
 * and the checks of a response before it is read.  No network here.
 *
 * A series is cached as KEY_DATE.EXT beside KEY.state, which holds
 * "field<TAB>value" lines (url, file, etag, last_modified, fetched), so a
 * later fetch can ask conditionally and --offline can read the last copy.
 */
#ifndef DEFSPEND_FETCH_CACHE_H
#define DEFSPEND_FETCH_CACHE_H

#include <stddef.h>

#include "defspend/error.h"
#include "defspend/export.h"
#include "defspend/fetch.h"
#include "defspend/import.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A publisher fetch knows. */
typedef struct ds_fetch_source {
    const char *name;   /* wdi, fred, imf, url */
    const char *base;   /* default scheme + host; NULL for url */
    const char *env;    /* environment variable replacing base, or NULL */
    const char *ext;    /* cache file extension, or NULL (url: the URL's) */
    const char *format; /* the loader, or NULL (url: any) */
} ds_fetch_source;

/* The publishers, *n of them, in a fixed order. */
DS_API const ds_fetch_source *ds_fetch_sources(size_t *n);

/* The publisher called name, or NULL. */
DS_API const ds_fetch_source *ds_fetch_source_find(const char *name);

/* One series of a publisher: what to ask for and where to keep it. */
typedef struct ds_fetch_series {
    const ds_fetch_source *src;
    const char *series;   /* as given (a URL for url) */
    char key[160];        /* cache name stem: wdi_MS.MIL.XPND.GD.ZS */
    char url[2048];
    char meta_url[2048];  /* imf: the indicators metadata; else "" */
    char ext[16];         /* cache file extension */
} ds_fetch_series;

/* Fill s for series of src: base is the scheme and host to ask (unused
 * for url); countries (ISO3, n of them) narrow an imf request.  DS_EINVAL
 * when series is not a valid code (letters, digits, '.', '_', '-') or,
 * for url, not an http(s) URL. */
DS_API DS_WUR ds_status ds_fetch_series_plan(ds_fetch_series *s,
                                             const ds_fetch_source *src,
                                             const char *series,
                                             const char *base,
                                             const char *const *countries,
                                             size_t n, ds_error *err);

/* The cache directory: $XDG_CACHE_HOME/defspend when XDG_CACHE_HOME is
 * absolute, else $HOME/.cache/defspend; DS_EINVAL when neither is set. */
DS_API DS_WUR ds_status ds_fetch_cache_dir(char *buf, size_t size,
                                           ds_error *err);

/* What the cache knows of one series (its KEY.state file). */
typedef struct ds_fetch_state {
    char url[2048];
    char file[1024];        /* a name inside the cache directory */
    char etag[256];
    char last_modified[64];
    char fetched[32];       /* YYYY-MM-DDTHH:MM:SSZ */
} ds_fetch_state;

/* Read path into s; 1 when it names a cached file (a plain name). */
DS_API int ds_fetch_state_read(const char *path, ds_fetch_state *s);

/* Write s to path atomically; 0 with the reason in why on failure. */
DS_API int ds_fetch_state_write(const char *path, const ds_fetch_state *s,
                                char *why, size_t why_size);

/* Write len bytes to path atomically (temporary file, fsync, rename);
 * mtime (when > 0, seconds since the epoch) becomes the file's
 * modification time.  0 with the reason in why on failure. */
DS_API int ds_fetch_cache_write(const char *path, const void *buf,
                                size_t len, long long mtime, char *why,
                                size_t why_size);

/* 1 when body is an HTML or XML page (an error page served with status
 * 200), with a readable excerpt of its text (at most 200 characters) in
 * out; else 0. */
DS_API int ds_fetch_markup_page(const char *body, size_t len, char *out,
                                size_t size);

/* imf: the DataMapper values response vals with the indicator code's
 * entry of the /indicators response meta put beside "values" (unless it
 * carries one), so the cached file alone says which WEO release it is.
 * rel gets that entry's "source" (the release), "" when none.  Returns a
 * malloc'ed document of *out_len bytes, or NULL: cache vals as it came. */
DS_API char *ds_fetch_imf_with_meta(const char *code, const char *vals,
                                    size_t vlen, const char *meta,
                                    size_t mlen, size_t *out_len, char *rel,
                                    size_t rel_size);

/* ---- one series, as `fetch` does it (fetch_series.c) ---- */

/* What the series of one run share: where the cache is, whether to read
 * only the cache, the download options, and the publisher metadata asked
 * for once (imf).  ds_fetch_run_init sets the defaults (cache NULL: set
 * it, to a directory that exists unless offline); ds_fetch_run_release
 * frees what the run asked for. */
typedef struct ds_fetch_run {
    const char *cache;        /* the cache directory */
    int offline;              /* 1: read only the cache, ask nobody */
    ds_fetch_options fo;      /* every download's options */
    ds_fetch_result imf_meta; /* the DataMapper's indicators metadata */
    int imf_meta_state;       /* 0 not asked, 1 have it, -1 failed */
} ds_fetch_run;

DS_API void ds_fetch_run_init(ds_fetch_run *r);
DS_API void ds_fetch_run_release(ds_fetch_run *r);

typedef enum ds_fetch_how {
    DS_FETCH_DOWNLOADED,   /* asked, answered 200, checked, kept, read */
    DS_FETCH_NOT_MODIFIED, /* asked conditionally, 304: the cached copy */
    DS_FETCH_FROM_CACHE    /* offline: the cached copy, nobody asked */
} ds_fetch_how;

/* What ds_fetch_series_get did, for the caller to say. */
typedef struct ds_fetch_report {
    ds_fetch_how how;
    char path[4400];      /* the file read into the batch (the cached copy
                             tried, on a cache failure) */
    char url[2048];       /* the cached copy's URL ("" without one) */
    char fetched[32];     /* when it was fetched, YYYY-MM-DDTHH:MM:SSZ */
    long http_status;     /* DOWNLOADED: 200 */
    int attempts;         /* DOWNLOADED: requests made */
    char size[32];        /* DOWNLOADED: "1.2 MiB", "3.4 KiB" */
    char file_date[11];   /* DOWNLOADED: the cached file's date, YYYY-MM-DD */
    const char *file_date_why; /* where that date comes from */
    char release[160];    /* imf: the WEO release named, "" when none */
    const char *release_why;   /* imf: how the vintage follows; else NULL */
    char warnings[2][2800];    /* what went wrong but did not stop it */
    size_t n_warnings;
    int no_cache;         /* failed: offline and no cached copy */
    int cache_unreadable; /* failed: the cached copy could not be read
                             (err is the import's error) */
} ds_fetch_report;

/* 1 when the cache has a readable copy of s: its state in *state and the
 * file's path in path; 0 otherwise (path still names the copy the state
 * file gives, if it gives one). */
DS_API int ds_fetch_cached(const char *cache, const ds_fetch_series *s,
                           ds_fetch_state *state, char *path, size_t size);

/* One series into the import batch imp: with r->offline the cached copy;
 * else asked for (conditionally when the cache has a copy: on 304 the
 * cached copy is read), the response checked (not an error page; WDI a
 * zip), kept in the cache as KEY_DATE.EXT and read; the state file then
 * names it.  rep says what happened (also on failure: no_cache,
 * cache_unreadable).  Errors: DS_EIO for the network, the cache and no
 * cached copy offline; DS_EPARSE for a response that is not data; the
 * import's status for a file that cannot be read (nothing is kept). */
DS_API DS_WUR ds_status ds_fetch_series_get(ds_fetch_run *r,
                                            const ds_fetch_series *s,
                                            ds_import *imp,
                                            ds_fetch_report *rep,
                                            ds_error *err);

#ifdef __cplusplus
}
#endif

#endif
