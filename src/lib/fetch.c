/* fetch.c - one GET with libcurl: the only network code in defspend.
 *
 * Promises (see defspend/fetch.h): TLS verification on; connect and total
 * timeouts; a body size limit enforced while receiving (a server that
 * never stops is cut off); at most max_redirects redirects, http/https
 * only and never https -> http; proxies from the environment (libcurl's
 * http_proxy, https_proxy, no_proxy); a defspend user agent; bounded
 * retries with doubling backoff on timeouts, dropped connections, 429 and
 * 5xx, honouring Retry-After up to max_wait_s; a failure names the URL
 * and what came back and returns no body.
 *
 * libcurl is not linked: it is loaded with dlopen at the first call that
 * needs it (DS_LIBCURL_NAME, libcurl.so.4 on Linux, or $DEFSPEND_LIBCURL),
 * so commands that never fetch do not load it and the ~30 shared
 * libraries it pulls in (TLS, Kerberos, LDAP, ...) at start-up (issue
 * 18).  Only its headers are needed to build.
 */
#include <ctype.h>
#include <curl/curl.h>
#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "defspend/fetch.h"
#include "defspend/version.h"
#include "internal.h"

#define UA "defspend/" DS_VERSION_STRING " (defense-spending data tool)"

void
ds_fetch_options_init(ds_fetch_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->connect_timeout_s = 20;
    opt->timeout_s = 900;
    opt->stall_s = 60;
    opt->max_bytes = (size_t)512 << 20;
    opt->max_redirects = 5;
    opt->retries = 3;
    opt->backoff_s = 2;
    opt->max_wait_s = 60;
}

void
ds_fetch_result_free(ds_fetch_result *res)
{
    if (!res)
        return;
    free(res->body);
    res->body = NULL;
    res->len = 0;
}


/* ------------------------------------------------- libcurl, loaded late */

#ifndef DS_LIBCURL_NAME
#define DS_LIBCURL_NAME "libcurl.so.4"
#endif

/* The libcurl functions defspend calls, from the loaded library. */
static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_perform)(CURL *);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    void (*easy_cleanup)(CURL *);
    const char *(*easy_strerror)(CURLcode);
    struct curl_slist *(*slist_append)(struct curl_slist *, const char *);
    void (*slist_free_all)(struct curl_slist *);
    time_t (*getdate)(const char *, const time_t *);
    char *(*version)(void);
} C;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded;           /* 1: every function found, global init ok */
static char load_error[512]; /* why not, when loaded == 0 */

static void
load_curl(void)
{
    const char *name = getenv("DEFSPEND_LIBCURL");
    if (!name || !name[0])
        name = DS_LIBCURL_NAME;
    void *h = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror(); /* names the file */
        snprintf(load_error, sizeof load_error,
                 "cannot load libcurl: %s%s; install libcurl 4 (Debian: "
                 "libcurl4) or name the library in DEFSPEND_LIBCURL",
                 e ? e : name, e ? "" : ": not found");
        return;
    }
    /* the library stays loaded for the life of the process */
    struct {
        const char *sym;
        void **slot;
    } fn[] = {
        {"curl_global_init", (void **)&C.global_init},
        {"curl_easy_init", (void **)&C.easy_init},
        {"curl_easy_setopt", (void **)&C.easy_setopt},
        {"curl_easy_perform", (void **)&C.easy_perform},
        {"curl_easy_getinfo", (void **)&C.easy_getinfo},
        {"curl_easy_cleanup", (void **)&C.easy_cleanup},
        {"curl_easy_strerror", (void **)&C.easy_strerror},
        {"curl_slist_append", (void **)&C.slist_append},
        {"curl_slist_free_all", (void **)&C.slist_free_all},
        {"curl_getdate", (void **)&C.getdate},
        {"curl_version", (void **)&C.version},
    };
    for (size_t i = 0; i < sizeof fn / sizeof fn[0]; i++) {
        void *f = dlsym(h, fn[i].sym);
        if (!f) {
            snprintf(load_error, sizeof load_error,
                     "cannot use libcurl (%s): it has no %s", name,
                     fn[i].sym);
            return;
        }
        /* POSIX: a function pointer may be stored through a void * */
        memcpy(fn[i].slot, &f, sizeof f);
    }
    CURLcode rc = C.global_init(CURL_GLOBAL_DEFAULT);
    if (rc != CURLE_OK) {
        snprintf(load_error, sizeof load_error, "cannot start libcurl: %s",
                 C.easy_strerror(rc));
        return;
    }
    loaded = 1;
}

/* Load libcurl once; 0 (with load_error set) when it cannot be used. */
static int
have_curl(void)
{
    pthread_once(&once, load_curl);
    return loaded;
}

const char *
ds_fetch_backend(void)
{
    return have_curl() ? C.version() : load_error;
}

/* ------------------------------------------------------------ dates */

int
ds_fetch_http_date(const char *s, char out[11], long long *secs)
{
    if (!s || !have_curl())
        return 0;
    time_t t = C.getdate(s, NULL);
    if (t == (time_t)-1 || t < 0)
        return 0;
    struct tm tmv;
    if (!gmtime_r(&t, &tmv) || tmv.tm_year + 1900 < 1900 ||
        tmv.tm_year + 1900 > 2999)
        return 0;
    if (out)
        strftime(out, 11, "%Y-%m-%d", &tmv);
    if (secs)
        *secs = (long long)t;
    return 1;
}

/* ---------------------------------------------------------- transfer */

typedef struct xfer {
    const char *url;
    const ds_fetch_options *opt;
    char *buf;
    size_t len, cap;
    int oversize;
    ds_fetch_result *res;
    char retry_after[64];
    char reason[128]; /* HTTP reason phrase of the last status line */
} xfer;

static size_t
on_body(char *p, size_t size, size_t n, void *ctx)
{
    xfer *x = ctx;
    size_t add = size * n;
    if (x->len > x->opt->max_bytes || add > x->opt->max_bytes - x->len) {
        x->oversize = 1;
        return 0; /* aborts with CURLE_WRITE_ERROR */
    }
    if (x->len + add + 1 > x->cap) {
        size_t cap = x->cap ? x->cap : 65536;
        while (cap < x->len + add + 1)
            cap *= 2;
        char *b = realloc(x->buf, cap);
        if (!b)
            return 0;
        x->buf = b;
        x->cap = cap;
    }
    memcpy(x->buf + x->len, p, add);
    x->len += add;
    x->buf[x->len] = '\0';
    return add;
}

/* Copy a header's value (trimmed) into out. */
static int
header_value(const char *line, size_t n, const char *name, char *out,
             size_t size)
{
    size_t k = strlen(name);
    if (n <= k || strncasecmp(line, name, k) != 0 || line[k] != ':')
        return 0;
    const char *v = line + k + 1;
    const char *e = line + n;
    while (v < e && (*v == ' ' || *v == '\t'))
        v++;
    while (e > v && (e[-1] == '\r' || e[-1] == '\n' || e[-1] == ' ' ||
                     e[-1] == '\t'))
        e--;
    snprintf(out, size, "%.*s", (int)(e - v), v);
    return 1;
}

static size_t
on_header(char *p, size_t size, size_t n, void *ctx)
{
    xfer *x = ctx;
    size_t len = size * n;
    if (len >= 5 && strncmp(p, "HTTP/", 5) == 0) {
        /* a new response (after a redirect or a 100): forget the last */
        x->res->etag[0] = x->res->last_modified[0] =
            x->res->content_type[0] = x->retry_after[0] = '\0';
        const char *sp = memchr(p, ' ', len);
        const char *sp2 = sp ? memchr(sp + 1, ' ', len - (size_t)(sp + 1 - p))
                             : NULL;
        x->reason[0] = '\0';
        if (sp2) {
            const char *e = p + len;
            while (e > sp2 && (e[-1] == '\r' || e[-1] == '\n'))
                e--;
            snprintf(x->reason, sizeof x->reason, "%.*s",
                     (int)(e - sp2 - 1), sp2 + 1);
        }
        return len;
    }
    if (!header_value(p, len, "ETag", x->res->etag, sizeof x->res->etag) &&
        !header_value(p, len, "Last-Modified", x->res->last_modified,
                      sizeof x->res->last_modified) &&
        !header_value(p, len, "Content-Type", x->res->content_type,
                      sizeof x->res->content_type))
        header_value(p, len, "Retry-After", x->retry_after,
                     sizeof x->retry_after);
    return len;
}

static int
on_progress(void *ctx, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ul,
            curl_off_t ulnow)
{
    (void)ul;
    (void)ulnow;
    xfer *x = ctx;
    if (x->opt->progress)
        x->opt->progress(x->opt->progress_ctx, x->url, (size_t)dlnow,
                         (size_t)dltotal);
    return 0;
}

/* Seconds to wait from a Retry-After value (seconds or an HTTP date), or
 * -1 when absent or unreadable. */
static double
retry_after_s(const char *v)
{
    if (!v[0])
        return -1;
    char *end;
    errno = 0;
    long s = strtol(v, &end, 10);
    if (!errno && end != v && !*end && s >= 0)
        return (double)s;
    long long t;
    if (ds_fetch_http_date(v, NULL, &t)) {
        double d = (double)(t - (long long)time(NULL));
        return d > 0 ? d : 0;
    }
    return -1;
}

static void
sleep_s(double s)
{
    if (s <= 0)
        return;
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

/* An option as messages name it: the tool's flag when it set a prefix
 * ("--max-size"), else "the 'max-size' option". */
static const char *
opt_name(const ds_fetch_options *opt, const char *name, char *b, size_t size)
{
    if (opt->option_prefix)
        snprintf(b, size, "%s%s", opt->option_prefix, name);
    else
        snprintf(b, size, "the '%s' option", name);
    return b;
}

static const char *
human_size(size_t n, char *b, size_t size)
{
    if (n >= ((size_t)1 << 20))
        snprintf(b, size, "%.1f MiB", (double)n / (1 << 20));
    else if (n >= 1024)
        snprintf(b, size, "%.1f KiB", (double)n / 1024);
    else
        snprintf(b, size, "%zu bytes", n);
    return b;
}

ds_status
ds_fetch_url(const char *url, const ds_fetch_options *opt_in,
             ds_fetch_result *res, ds_error *err)
{
    ds_fetch_options defaults;
    const ds_fetch_options *opt = opt_in;
    if (!opt) {
        ds_fetch_options_init(&defaults);
        opt = &defaults;
    }
    memset(res, 0, sizeof *res);
    int https = strncasecmp(url, "https://", 8) == 0;
    if (!https && strncasecmp(url, "http://", 7) != 0)
        return ds__error_set(err, DS_EINVAL, url, 0, 0,
                             "only http and https URLs can be fetched");
    if (!have_curl())
        return ds__error_set(err, DS_EIO, url, 0, 0, "%s", load_error);
    CURL *h = C.easy_init();
    if (!h)
        return ds__error_set(err, DS_ENOMEM, url, 0, 0,
                             "cannot start libcurl");
    struct curl_slist *hdrs = NULL;
    char line[512];
    if (opt->if_none_match && opt->if_none_match[0]) {
        snprintf(line, sizeof line, "If-None-Match: %s", opt->if_none_match);
        hdrs = C.slist_append(hdrs, line);
    }
    if (opt->if_modified_since && opt->if_modified_since[0]) {
        snprintf(line, sizeof line, "If-Modified-Since: %s",
                 opt->if_modified_since);
        struct curl_slist *t = C.slist_append(hdrs, line);
        if (t)
            hdrs = t;
    }

    xfer x;
    memset(&x, 0, sizeof x);
    x.url = url;
    x.opt = opt;
    x.res = res;
    char ebuf[CURL_ERROR_SIZE];
    C.easy_setopt(h, CURLOPT_URL, url);
    C.easy_setopt(h, CURLOPT_USERAGENT, UA);
    C.easy_setopt(h, CURLOPT_ERRORBUFFER, ebuf);
    C.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    C.easy_setopt(h, CURLOPT_SSL_VERIFYPEER, 1L);
    C.easy_setopt(h, CURLOPT_SSL_VERIFYHOST, 2L);
    C.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
    C.easy_setopt(h, CURLOPT_MAXREDIRS, (long)opt->max_redirects);
    /* the scheme limits are a promise: a loaded libcurl older than the
     * headers it was built with may not know the option; then no request */
#if LIBCURL_VERSION_NUM >= 0x075500 /* 7.85.0 */
    CURLcode prc = C.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    if (prc == CURLE_OK)
        prc = C.easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR,
                            https ? "https" : "http,https");
#else
    CURLcode prc = C.easy_setopt(h, CURLOPT_PROTOCOLS,
                                 (long)(CURLPROTO_HTTP | CURLPROTO_HTTPS));
    if (prc == CURLE_OK)
        prc = C.easy_setopt(h, CURLOPT_REDIR_PROTOCOLS,
                            (long)(https ? CURLPROTO_HTTPS
                                         : (CURLPROTO_HTTP |
                                            CURLPROTO_HTTPS)));
#endif
    if (prc != CURLE_OK) {
        C.slist_free_all(hdrs);
        C.easy_cleanup(h);
        return ds__error_set(err, DS_EIO, url, 0, 0,
                             "libcurl %s cannot limit requests to http and "
                             "https (%s); defspend needs libcurl 7.85 or "
                             "later", C.version(), C.easy_strerror(prc));
    }
    C.easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS,
                  (long)(opt->connect_timeout_s * 1000));
    C.easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)(opt->timeout_s * 1000));
    if (opt->stall_s > 0) { /* under 1 byte/s for stall_s: stalled */
        C.easy_setopt(h, CURLOPT_LOW_SPEED_LIMIT, 1L);
        C.easy_setopt(h, CURLOPT_LOW_SPEED_TIME, (long)opt->stall_s);
    }
    C.easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE,
                  (curl_off_t)opt->max_bytes);
    C.easy_setopt(h, CURLOPT_ACCEPT_ENCODING, ""); /* gzip if offered */
    C.easy_setopt(h, CURLOPT_HTTPHEADER, hdrs);
    C.easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
    C.easy_setopt(h, CURLOPT_WRITEDATA, &x);
    C.easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
    C.easy_setopt(h, CURLOPT_HEADERDATA, &x);
    C.easy_setopt(h, CURLOPT_XFERINFOFUNCTION, on_progress);
    C.easy_setopt(h, CURLOPT_XFERINFODATA, &x);
    C.easy_setopt(h, CURLOPT_NOPROGRESS, opt->progress ? 0L : 1L);

    ds_status st = DS_OK;
    char why[600], on[64];
    for (int attempt = 1;; attempt++) {
        x.len = 0;
        x.oversize = 0;
        ebuf[0] = '\0';
        res->attempts = attempt;
        CURLcode rc = C.easy_perform(h);
        long code = 0;
        C.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
        res->http_status = code;
        char *eff = NULL;
        C.easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &eff);
        snprintf(res->final_url, sizeof res->final_url, "%s",
                 eff ? eff : url);
        int transient = 0;
        double wait = -1;
        char sz[32];
        if (rc == CURLE_OK && code == 200) {
            st = DS_OK;
            break;
        }
        if (rc == CURLE_OK && code == 304 &&
            ((opt->if_none_match && opt->if_none_match[0]) ||
             (opt->if_modified_since && opt->if_modified_since[0]))) {
            res->not_modified = 1;
            x.len = 0;
            st = DS_OK;
            break;
        }
        if (rc == CURLE_OK) {
            /* an HTTP status other than 200: show the start of the body */
            char snip[160] = "";
            if (x.len) {
                size_t k = 0;
                for (size_t i = 0; i < x.len && k + 1 < sizeof snip; i++) {
                    unsigned char c = (unsigned char)x.buf[i];
                    if (c == '\n' || c == '\r' || c == '\t')
                        c = ' ';
                    if (c < 32 || c == 127)
                        continue;
                    if (c == ' ' && k && snip[k - 1] == ' ')
                        continue;
                    snip[k++] = (char)c;
                }
                snip[k] = '\0';
            }
            snprintf(why, sizeof why, "HTTP %ld%s%s%s%s%s", code,
                     x.reason[0] ? " " : "", x.reason,
                     snip[0] ? " (body: \"" : "", snip,
                     snip[0] ? (x.len > 150 ? "...\")" : "\")") : "");
            transient = code == 429 || code >= 500;
            if (transient)
                wait = retry_after_s(x.retry_after);
        } else if ((rc == CURLE_WRITE_ERROR && x.oversize) ||
                   rc == CURLE_FILESIZE_EXCEEDED) {
            snprintf(why, sizeof why, "%s larger than the %s limit (%s)",
                     rc == CURLE_FILESIZE_EXCEEDED
                         ? "the server announces a response"
                         : "the response is",
                     human_size(opt->max_bytes, sz, sizeof sz),
                     opt_name(opt, "max-size", on, sizeof on));
        } else if (rc == CURLE_OPERATION_TIMEDOUT) {
            snprintf(why, sizeof why,
                     "timed out (limits: connect %.0f s, whole request "
                     "%.0f s (%s), stalled %.0f s): %s",
                     opt->connect_timeout_s, opt->timeout_s,
                     opt_name(opt, "timeout", on, sizeof on), opt->stall_s,
                     ebuf[0] ? ebuf : C.easy_strerror(rc));
            transient = 1;
        } else if (rc == CURLE_PARTIAL_FILE) {
            snprintf(why, sizeof why,
                     "the body was cut short after %s (%s)",
                     human_size(x.len, sz, sizeof sz),
                     ebuf[0] ? ebuf : C.easy_strerror(rc));
            transient = 1;
        } else if (rc == CURLE_TOO_MANY_REDIRECTS) {
            snprintf(why, sizeof why, "more than %d redirects (last %.400s)",
                     opt->max_redirects, res->final_url);
        } else if (rc == CURLE_UNSUPPORTED_PROTOCOL) {
            snprintf(why, sizeof why,
                     "refused scheme (http and https only, and after an "
                     "https URL https only): %s",
                     ebuf[0] ? ebuf : C.easy_strerror(rc));
        } else if (rc == CURLE_RECV_ERROR || rc == CURLE_GOT_NOTHING ||
                   rc == CURLE_COULDNT_CONNECT || rc == CURLE_SEND_ERROR) {
            snprintf(why, sizeof why, "%s%s%s", C.easy_strerror(rc),
                     ebuf[0] ? ": " : "", ebuf);
            transient = 1;
        } else {
            snprintf(why, sizeof why, "%s%s%s", C.easy_strerror(rc),
                     ebuf[0] ? ": " : "", ebuf);
        }
        if (!transient || attempt > opt->retries) {
            if (attempt > 1)
                st = ds__error_set(err, DS_EIO, url, 0, 0,
                                   "%s (after %d attempts)", why, attempt);
            else
                st = ds__error_set(err, DS_EIO, url, 0, 0, "%s", why);
            break;
        }
        if (wait < 0) {
            wait = opt->backoff_s;
            for (int k = 1; k < attempt && wait < opt->max_wait_s; k++)
                wait *= 2;
        }
        if (wait > opt->max_wait_s)
            wait = opt->max_wait_s;
        if (opt->retrying)
            opt->retrying(opt->retrying_ctx, url, why, wait, attempt + 1);
        sleep_s(wait);
    }
    C.slist_free_all(hdrs);
    C.easy_cleanup(h);
    if (st != DS_OK || res->not_modified) {
        free(x.buf);
        res->body = NULL;
        res->len = 0;
        return st;
    }
    if (!x.buf) {
        x.buf = malloc(1);
        if (!x.buf)
            return ds__error_set(err, DS_ENOMEM, url, 0, 0, "out of memory");
        x.buf[0] = '\0';
    }
    res->body = x.buf;
    res->len = x.len;
    return DS_OK;
}
