/* defspend/fetch.h - downloading one publisher response (libcurl, loaded
 * with dlopen at the first call: link with -ldefspend only).
 *
 * The only part of defspend that touches the network, and only when the
 * `fetch` command calls it.  One GET of an http or https URL: TLS
 * verification always on, connect and total timeouts, a size limit, at
 * most a few redirects (never to another scheme than http/https, never
 * from https down to http), http_proxy/https_proxy/no_proxy respected, a
 * user agent naming defspend and its version.  Timeouts, HTTP 429 and 5xx
 * are retried a bounded number of times with backoff, honouring
 * Retry-After.  A conditional request (If-None-Match / If-Modified-Since)
 * answered 304 is reported as not modified.  Any other HTTP status but 200,
 * a body cut short, or a body over the size limit is an error naming the
 * URL and what came back; no body is returned then.
 */
#ifndef DEFSPEND_FETCH_H
#define DEFSPEND_FETCH_H

#include <stddef.h>

#include "defspend/error.h"
#include "defspend/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ds_fetch_options {
    double connect_timeout_s; /* default 20 */
    double timeout_s;         /* whole transfer; default 900 */
    double stall_s;           /* no byte received this long; default 60
                                 (0 = no limit) */
    size_t max_bytes;         /* body size limit; default 512 MiB */
    int max_redirects;        /* default 5 */
    int retries;              /* extra attempts after the first; default 3 */
    double backoff_s;         /* first wait, doubled each time; default 2 */
    double max_wait_s;        /* cap on one wait (and Retry-After); 60 */
    const char *if_none_match;     /* ETag of the cached copy, or NULL */
    const char *if_modified_since; /* its Last-Modified header, or NULL */
    /* bytes received of total (0 = unknown); may be NULL */
    void (*progress)(void *ctx, const char *url, size_t done, size_t total);
    void *progress_ctx;
    /* called before a retry: why, how long it waits, attempt number (2..);
     * may be NULL */
    void (*retrying)(void *ctx, const char *url, const char *why,
                     double wait_s, int attempt);
    void *retrying_ctx;
} ds_fetch_options;

/* Set every option to its default. */
DS_API void ds_fetch_options_init(ds_fetch_options *opt);

typedef struct ds_fetch_result {
    long http_status;       /* 200 or 304 */
    int not_modified;       /* 1 on 304 (body empty) */
    char *body;             /* malloc'ed, NUL-terminated; NULL on 304 */
    size_t len;
    char etag[256];         /* "" when the server sent none */
    char last_modified[64]; /* the header as sent, "" when none */
    char content_type[128]; /* "" when none */
    char final_url[2048];   /* after redirects */
    int attempts;           /* requests made */
} ds_fetch_result;

/* GET url into res.  On failure (DS_EIO for the network and HTTP errors,
 * DS_EINVAL for a URL that is not http/https) err names the URL and what
 * came back ("HTTP 404 Not Found", "timed out ...", "body cut
 * short", ...) and res holds no body. */
DS_API DS_WUR ds_status ds_fetch_url(const char *url,
                                     const ds_fetch_options *opt,
                                     ds_fetch_result *res, ds_error *err);

/* Free res's body (res itself is the caller's). */
DS_API void ds_fetch_result_free(ds_fetch_result *res);

/* A Last-Modified / HTTP date ("Wed, 21 Oct 2015 07:28:00 GMT") as
 * YYYY-MM-DD and as time_t seconds; returns 0 when it is not a date. */
DS_API int ds_fetch_http_date(const char *s, char out[11], long long *secs);

/* The libcurl version in use, for --version and bug reports. */
DS_API const char *ds_fetch_backend(void);

#ifdef __cplusplus
}
#endif

#endif
