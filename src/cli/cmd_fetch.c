/* cmd_fetch.c - `defspend fetch SOURCE SERIES...`: publishers' figures
 * straight from their servers into the user store.
 *
 * The only command that touches the network.  Each series is downloaded
 * (ds_fetch_url: timeouts, size limit, few redirects, bounded retries),
 * checked (an HTML/XML error page served with status 200 is an error, not
 * data), kept as the raw response in the cache ($XDG_CACHE_HOME/defspend or
 * --cache DIR) under a name saying source, series and date, and read by the
 * same loaders as `import`; the batch of every series that succeeded is
 * merged into the store in one atomic update, so a failed series never
 * leaves part of itself behind and a failure of all leaves the store
 * byte-identical.  A second fetch sends If-None-Match/If-Modified-Since
 * and says "unchanged" on 304; --offline reads the cache only.
 *
 * Files that state no release date (FRED CSVs) get the vintage from the
 * cached file's modification date, which fetch sets to the server's
 * Last-Modified header (else the fetch date), so `import` of the cached
 * file later gives the same figures and vintages.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "cli_import_common.h"

static void
help(FILE *f)
{
    fprintf(f,
"usage: defspend fetch SOURCE SERIES... [OPTIONS]\n"
"\n"
"Download figures from a publisher, keep the raw response in the cache and\n"
"import it into the user store as `defspend import` would (same summary,\n"
"revisions kept as vintages, one atomic update).  The only command that\n"
"uses the network.\n"
"\n"
"sources (and the only host each contacts, plus its redirects):\n"
"  wdi CODE...         World Bank indicator download (api.worldbank.org),\n"
"                      e.g. MS.MIL.XPND.GD.ZS NY.GDP.MKTP.CD\n"
"  fred SERIES...      FRED CSV (fred.stlouisfed.org), e.g. EXJPUS\n"
"  imf INDICATOR...    IMF DataMapper, WEO (www.imf.org), e.g. NGDPD\n"
"  url URL...          any file a loader recognises (the URL's host)\n"
"\n"
"options:\n"
"  --country LIST      keep only these countries (codes or names); imf asks\n"
"                      the API for them only\n"
"  --into DIR          the store to update (default: $XDG_DATA_HOME/defspend,\n"
"                      else ~/.local/share/defspend)\n"
"  --dry-run           download and print the summary, write nothing to the\n"
"                      store (the cache is still updated)\n"
"  --cache DIR         where raw responses are kept (default:\n"
"                      $XDG_CACHE_HOME/defspend, else ~/.cache/defspend)\n"
"  --offline           no network: import the last cached copy\n"
"  --annualize         FRED: average complete years of monthly/daily data\n"
"  --as KEY=VALUE,...  what the response does not say, as for import (e.g.\n"
"                      fred JPNNGDP --as indicator=gdp,currency=JPY,\n"
"                      price=current,scale=1e9)\n"
"  --format F          url: the file's format when its content does not\n"
"                      tell (%s)\n"
"  --on-conflict P     fail (default), replace or keep, as for import\n"
"  --timeout SECONDS   limit per request (default 900; connect 20, and 60\n"
"                      without a byte received)\n"
"  --retries N         retries after a timeout, 429 or 5xx (default 3)\n"
"  --max-size MB       refuse a response larger than this (default 512)\n"
"  --base-url URL      scheme and host to use instead of the publisher's,\n"
"                      for mirrors and tests (also $DEFSPEND_FETCH_BASE_WDI,\n"
"                      _FRED, _IMF)\n"
"  --verbose           list every skipped row\n"
"  --wait SECONDS      wait this long for another import's lock (default\n"
"                      $DEFSPEND_LOCK_WAIT, else 30)\n"
"  --data DIR          country table from DIR/meta (default: shipped data)\n"
"  --help              this help\n"
"\n"
"examples:\n"
"  defspend fetch wdi MS.MIL.XPND.GD.ZS --country JPN,KOR\n"
"  defspend fetch fred EXJPUS --annualize\n"
"  defspend fetch imf NGDPD --country JPN,USA --dry-run\n"
"  defspend fetch wdi MS.MIL.XPND.GD.ZS --offline\n", ds_import_formats());
}

/* ------------------------------------------------------------ sources */

typedef struct source {
    const char *name;
    const char *base;     /* default scheme + host */
    const char *env;      /* environment variable replacing base */
    const char *ext;      /* cache file extension */
    const char *format;   /* loader */
} source;

static const source sources[] = {
    {"wdi", "https://api.worldbank.org", "DEFSPEND_FETCH_BASE_WDI", ".zip",
     "wdi"},
    {"fred", "https://fred.stlouisfed.org", "DEFSPEND_FETCH_BASE_FRED",
     ".csv", "fred"},
    {"imf", "https://www.imf.org", "DEFSPEND_FETCH_BASE_IMF", ".json",
     "imf"},
    {"url", NULL, NULL, NULL, NULL},
};

static int
valid_code(const char *s)
{
    if (!s[0] || strlen(s) > 64)
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
              (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' ||
              *p == '-'))
            return 0;
    return s[0] != '.' && s[0] != '-';
}

/* FNV-1a, for cache names of URLs */
static uint32_t
fnv(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* ------------------------------------------------------------- cache */

static int
mkdirs(const char *path)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
            return 0;
        *p = '/';
    }
    return mkdir(tmp, 0755) == 0 || errno == EEXIST;
}

/* Write len bytes to path atomically (temporary file, fsync, rename);
 * mtime (when > 0) becomes the file's modification time. */
static int
write_atomic(const char *path, const char *buf, size_t len, long long mtime,
             char *why, size_t why_size)
{
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(why, why_size, "cannot create a file beside %.1000s: %s", path,
                 strerror(errno));
        return 0;
    }
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, buf + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    int ok = done == len && fchmod(fd, 0644) == 0 && fsync(fd) == 0;
    int e = errno;
    if (close(fd) != 0 && ok) {
        ok = 0;
        e = errno;
    }
    if (ok && mtime > 0) {
        struct timespec ts[2] = {{(time_t)mtime, 0}, {(time_t)mtime, 0}};
        ok = utimensat(AT_FDCWD, tmp, ts, 0) == 0;
        e = errno;
    }
    if (ok && rename(tmp, path) != 0) {
        ok = 0;
        e = errno;
    }
    if (!ok) {
        snprintf(why, why_size, "cannot write %.1000s: %s", path, strerror(e));
        unlink(tmp);
    }
    return ok;
}

/* What the cache knows of one series: KEY.state holds "field<TAB>value"
 * lines (url, file, etag, last_modified, fetched). */
typedef struct state {
    char url[2048];
    char file[1024];
    char etag[256];
    char last_modified[64];
    char fetched[32];
} state;

static int
state_read(const char *path, state *s)
{
    memset(s, 0, sizeof *s);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab++ = '\0';
        if (strcmp(line, "url") == 0)
            snprintf(s->url, sizeof s->url, "%s", tab);
        else if (strcmp(line, "file") == 0)
            snprintf(s->file, sizeof s->file, "%s", tab);
        else if (strcmp(line, "etag") == 0)
            snprintf(s->etag, sizeof s->etag, "%s", tab);
        else if (strcmp(line, "last_modified") == 0)
            snprintf(s->last_modified, sizeof s->last_modified, "%s", tab);
        else if (strcmp(line, "fetched") == 0)
            snprintf(s->fetched, sizeof s->fetched, "%s", tab);
    }
    fclose(f);
    /* a name only, inside the cache directory */
    return s->file[0] && !strchr(s->file, '/') && s->file[0] != '.';
}

static int
state_write(const char *path, const state *s, char *why, size_t why_size)
{
    char buf[4096 + 512];
    int n = snprintf(buf, sizeof buf,
                     "url\t%s\nfile\t%s\netag\t%s\nlast_modified\t%s\n"
                     "fetched\t%s\n",
                     s->url, s->file, s->etag, s->last_modified, s->fetched);
    if (n < 0 || (size_t)n >= sizeof buf) {
        snprintf(why, why_size, "cache state for %.1000s too long", path);
        return 0;
    }
    return write_atomic(path, buf, (size_t)n, 0, why, why_size);
}

/* ---------------------------------------------------------- progress */

/* A progress bar on stderr (a terminal) once a download passes 1 MiB. */
typedef struct bar {
    int on;
    int shown;
    long last;          /* percent, or tenths of a MiB when no total */
    char label[48];     /* "wdi MS.MIL.XPND.GD.ZS" */
} bar;

static void
progress(void *ctx, const char *url, size_t done, size_t total)
{
    (void)url;
    bar *b = ctx;
    if (!b->on || (done < ((size_t)1 << 20) && !b->shown))
        return;
    b->shown = 1;
    if (total) {
        long pct = (long)((double)done * 100 / (double)total);
        if (pct == b->last)
            return;
        b->last = pct;
        int w = (int)(pct / 4);
        fprintf(stderr, "\r%-30.30s [%.*s%*s] %3ld%%", b->label, w,
                "#########################", 25 - w, "", pct);
    } else {
        long tenths = (long)((double)done * 10 / (1 << 20));
        if (tenths == b->last)
            return;
        b->last = tenths;
        fprintf(stderr, "\r%-30.30s %8.1f MiB", b->label, tenths / 10.0);
    }
}

/* End the bar's line before anything else goes to stderr. */
static void
bar_end(bar *b)
{
    if (b && b->shown) {
        fputc('\n', stderr);
        b->shown = 0;
    }
}

static void
retrying(void *ctx, const char *url, const char *why, double wait_s,
         int attempt)
{
    bar_end(ctx);
    fprintf(stderr, "defspend: %s: %s; retrying in %.0f s (attempt %d)\n",
            url, why, wait_s, attempt);
}

/* ------------------------------------------------------------ checks */

/* The body is an HTML or XML page (an error page served with 200): put a
 * readable excerpt of its text in out and return 1. */
static int
markup_page(const char *b, size_t len, char *out, size_t size)
{
    size_t i = 0;
    if (len >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' ||
                       b[i] == '\t'))
        i++;
    if (i >= len || b[i] != '<')
        return 0;
    /* the text between tags, spaces collapsed */
    size_t k = 0;
    int in_tag = 0, in_decl = 0;
    for (; i < len && k + 1 < size; i++) {
        char c = b[i];
        if (c == '<') {
            in_tag = 1;
            in_decl = i + 1 < len && (b[i + 1] == '?' || b[i + 1] == '!');
            continue;
        }
        if (in_tag) {
            if (c == '>') {
                in_tag = 0;
                if (k && out[k - 1] != ' ')
                    out[k++] = ' ';
            }
            continue;
        }
        (void)in_decl;
        if ((unsigned char)c < 32 || c == 127)
            c = ' ';
        if (c == ' ' && (!k || out[k - 1] == ' '))
            continue;
        out[k++] = c;
    }
    while (k && out[k - 1] == ' ')
        k--;
    out[k] = '\0';
    if (k > 200) {
        out[197] = out[198] = out[199] = '.';
        out[200] = '\0';
    }
    return 1;
}

/* ------------------------------------------------------------ one job */

typedef struct job {
    const source *src;
    const char *series;     /* as given */
    char key[160];          /* cache name stem: wdi_MS.MIL.XPND.GD.ZS */
    char url[2048];
    char meta_url[2048];    /* imf: the indicators metadata */
    char ext[16];
    long file_index;        /* its entry in the import summary, or -1 */
} job;

typedef struct run {
    const char *cache;
    int offline;
    ds_fetch_options fo;
    ds_import *imp;
    FILE *out;             /* the summary stream (stdout, in memory) */
    int worst;             /* exit code of the worst failure */
    size_t ok, failed;
    size_t files;          /* files read into the batch so far */
    bar *bar;
    ds_fetch_result imf_meta; /* the DataMapper metadata, asked for once */
    int imf_meta_state;       /* 0 not asked, 1 have it, -1 failed */
} run;

static void
fail(run *r, const job *j, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
fail(run *r, const job *j, int code, const char *fmt, ...)
{
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    bar_end(r->bar);
    cli_error("fetch %s %s: %s", j->src->name, j->series, msg);
    /* a network or file failure outranks a data one */
    if (r->worst == EXIT_OK || code == EXIT_IO)
        r->worst = code;
    r->failed++;
}

static void
today(char out[11], long long *secs)
{
    time_t now = time(NULL);
    struct tm tmv;
    gmtime_r(&now, &tmv);
    strftime(out, 11, "%Y-%m-%d", &tmv);
    if (secs)
        *secs = (long long)now;
}

/* imf: put the indicator's entry of the /indicators response beside
 * "values" (unless the response carries one), so the cached file alone
 * says which WEO release it is.  Returns a malloc'ed document or NULL
 * (then the values response is cached as it came). */
static char *
imf_with_meta(const char *code, const char *vals, size_t vlen,
              const char *meta, size_t mlen, size_t *out_len, char *rel,
              size_t rel_size)
{
    json_t *v = json_loadb(vals, vlen, 0, NULL);
    json_t *m = json_loadb(meta, mlen, 0, NULL);
    char *doc = NULL;
    json_t *entry = NULL;
    if (v && m && json_is_object(v)) {
        json_t *all = json_object_get(m, "indicators");
        entry = json_is_object(all) ? json_object_get(all, code) : NULL;
    }
    json_t *have = v ? json_object_get(v, "indicators") : NULL;
    json_t *srcv = json_object_get(entry ? entry : json_object_get(have, code),
                                   "source");
    snprintf(rel, rel_size, "%s",
             json_is_string(srcv) ? json_string_value(srcv) : "");
    if (entry && json_is_object(entry) &&
        !(json_is_object(have) && json_object_get(have, code))) {
        json_t *ind = json_is_object(have) ? have : json_object();
        if (ind && json_object_set(ind, code, entry) == 0 &&
            (ind == have || json_object_set_new(v, "indicators", ind) == 0)) {
            doc = json_dumps(v, JSON_PRESERVE_ORDER | JSON_COMPACT |
                                    JSON_REAL_PRECISION(17));
            if (doc)
                *out_len = strlen(doc);
        }
    }
    json_decref(v);
    json_decref(m);
    return doc;
}

static void
do_job_once(run *r, job *j)
{
    char statep[4400], why[2600], date[11];
    long long now;
    today(date, &now);
    snprintf(statep, sizeof statep, "%s/%s.state", r->cache, j->key);
    state old;
    int have_old = state_read(statep, &old);
    char oldpath[4400] = "";
    if (have_old) {
        snprintf(oldpath, sizeof oldpath, "%s/%s", r->cache, old.file);
        if (access(oldpath, R_OK) != 0)
            have_old = 0;
    }
    ds_error err;
    ds_error_clear(&err);

    if (r->offline) {
        if (!have_old) {
            fail(r, j, EXIT_IO,
                 "no cached copy in %s (--offline reads only the cache; "
                 "fetch once without it)", r->cache);
            return;
        }
        if (ds_import_file(r->imp, oldpath, &err) != DS_OK) {
            cli_report(&err);
            fail(r, j, cli_exit_code(err.code), "the cached copy %s cannot "
                 "be read", oldpath);
            return;
        }
        fprintf(r->out, "offline %s %s: the cached copy %s (fetched %s from "
                "%s)\n", j->src->name, j->series, oldpath, old.fetched,
                old.url);
        r->ok++;
        j->file_index = (long)r->files++;
        return;
    }

    ds_fetch_options fo = r->fo;
    if (have_old) {
        fo.if_none_match = old.etag;
        fo.if_modified_since = old.last_modified;
    }
    ds_fetch_result res;
    if (ds_fetch_url(j->url, &fo, &res, &err) != DS_OK) {
        char buf[DS_ERROR_MSG_MAX + DS_ERROR_PATH_MAX + 64];
        fail(r, j, cli_exit_code(err.code), "%s",
             ds_error_format(&err, buf, sizeof buf));
        return;
    }
    if (res.not_modified) {
        if (ds_import_file(r->imp, oldpath, &err) != DS_OK) {
            cli_report(&err);
            fail(r, j, cli_exit_code(err.code), "the cached copy %s cannot "
                 "be read", oldpath);
            return;
        }
        fprintf(r->out, "unchanged %s %s: %s answered 304 Not Modified; "
                "read the cached copy %s (fetched %s)\n", j->src->name,
                j->series, j->url, oldpath, old.fetched);
        r->ok++;
        j->file_index = (long)r->files++;
        return;
    }
    char page[1024];
    if (markup_page(res.body, res.len, page, sizeof page)) {
        fail(r, j, EXIT_DATA,
             "%s answered HTTP 200 with an %s page, not data%s%s%s",
             res.final_url,
             strstr(res.content_type, "xml") || (res.len > 5 &&
                 memcmp(res.body, "<?xml", 5) == 0) ? "XML" : "HTML",
             page[0] ? ": \"" : "", page, page[0] ? "\"" : "");
        ds_fetch_result_free(&res);
        return;
    }
    if (strcmp(j->src->name, "wdi") == 0 &&
        (res.len < 4 || memcmp(res.body, "PK\x03\x04", 4) != 0)) {
        fail(r, j, EXIT_DATA,
             "%s answered with %zu bytes of %s that are not a zip archive "
             "(the World Bank's indicator download is one)",
             res.final_url, res.len,
             res.content_type[0] ? res.content_type : "unknown content");
        ds_fetch_result_free(&res);
        return;
    }

    /* imf: the WEO release from the indicators metadata */
    char *doc = NULL;
    size_t doc_len = 0;
    const char *vnote = NULL;
    char rel[160] = "";
    if (j->meta_url[0]) {
        if (!r->imf_meta_state) {
            ds_error merr;
            ds_error_clear(&merr);
            if (ds_fetch_url(j->meta_url, &r->fo, &r->imf_meta, &merr) ==
                DS_OK) {
                r->imf_meta_state = 1;
            } else {
                char buf[DS_ERROR_MSG_MAX + DS_ERROR_PATH_MAX + 64];
                bar_end(r->bar);
                fprintf(stderr, "defspend: warning: %s (the WEO release "
                        "stays unknown)\n",
                        ds_error_format(&merr, buf, sizeof buf));
                r->imf_meta_state = -1;
            }
        }
        if (r->imf_meta_state == 1)
            doc = imf_with_meta(j->series, res.body, res.len,
                                r->imf_meta.body, r->imf_meta.len, &doc_len,
                                rel, sizeof rel);
        vnote = rel[0] ? "named by the DataMapper's metadata (its "
                         "\"source\"), the vintage is that month's first day"
                       : "the DataMapper's metadata names none: the vintage "
                         "is the file date (the fetch date)";
    }

    /* keep the response: KEY_DATE.EXT, its mtime the Last-Modified date
     * (else now), for files that state no release date */
    char name[400], path[4400], prev[4420];
    snprintf(name, sizeof name, "%s_%s%s", j->key, date, j->ext);
    snprintf(path, sizeof path, "%s/%s", r->cache, name);
    long long mtime = now;
    const char *mnote = "the fetch date (the server sent no Last-Modified)";
    long long lm;
    char lmdate[11];
    if (!j->meta_url[0] && res.last_modified[0] &&
        ds_fetch_http_date(res.last_modified, lmdate, &lm)) {
        mtime = lm;
        mnote = "the server's Last-Modified header";
    }
    snprintf(prev, sizeof prev, "%s.prev", path);
    int had_same = access(path, F_OK) == 0;
    if (had_same && (unlink(prev), link(path, prev) != 0)) {
        fail(r, j, EXIT_IO, "cannot keep %s while replacing it: %s", path,
             strerror(errno));
        ds_fetch_result_free(&res);
        free(doc);
        return;
    }
    if (!write_atomic(path, doc ? doc : res.body, doc ? doc_len : res.len,
                      mtime, why, sizeof why)) {
        fail(r, j, EXIT_IO, "%s", why);
        if (had_same)
            unlink(prev);
        ds_fetch_result_free(&res);
        free(doc);
        return;
    }
    free(doc);
    char sz[32];
    if (res.len >= ((size_t)1 << 20))
        snprintf(sz, sizeof sz, "%.1f MiB", (double)res.len / (1 << 20));
    else
        snprintf(sz, sizeof sz, "%.1f KiB", (double)res.len / 1024);
    if (ds_import_file(r->imp, path, &err) != DS_OK) {
        char at[64] = "";
        if (err.line && err.column)
            snprintf(at, sizeof at, " (line %zu, column %zu)", err.line,
                     err.column);
        else if (err.line)
            snprintf(at, sizeof at, " (line %zu)", err.line);
        fail(r, j, cli_exit_code(err.code),
             "%s answered HTTP 200 with %s that defspend cannot read as %s: "
             "%s%s; nothing was kept", res.final_url, sz,
             j->src->format ? j->src->format : "any known format",
             err.message, at);
        /* the cache keeps only what could be read */
        if (had_same)
            rename(prev, path);
        else
            unlink(path);
        ds_fetch_result_free(&res);
        return;
    }
    if (had_same)
        unlink(prev);
    state ns;
    memset(&ns, 0, sizeof ns);
    snprintf(ns.url, sizeof ns.url, "%s", j->url);
    snprintf(ns.file, sizeof ns.file, "%s", name);
    snprintf(ns.etag, sizeof ns.etag, "%s", res.etag);
    snprintf(ns.last_modified, sizeof ns.last_modified, "%s",
             res.last_modified);
    char stamp[32];
    time_t t = (time_t)now;
    struct tm tmv;
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tmv));
    snprintf(ns.fetched, sizeof ns.fetched, "%s", stamp);
    if (!state_write(statep, &ns, why, sizeof why))
        fprintf(stderr, "defspend: warning: %s (the next fetch will not be "
                "conditional)\n", why);
    char att[32] = "";
    if (res.attempts > 1)
        snprintf(att, sizeof att, " (attempt %d)", res.attempts);
    fprintf(r->out, "fetched %s %s: %s -> HTTP %ld%s, %s, kept as %s\n",
            j->src->name, j->series, j->url, res.http_status, att, sz,
            path);
    if (!j->meta_url[0] || !rel[0])
        fprintf(r->out, "  file date %s: %s (the vintage only if the "
                "content states no release date)\n",
                mtime == now ? date : lmdate, mnote);
    if (vnote)
        fprintf(r->out, "  WEO release%s%s%s: %s\n", rel[0] ? " \"" : "",
                rel, rel[0] ? "\"" : "", vnote);
    ds_fetch_result_free(&res);
    r->ok++;
    j->file_index = (long)r->files++;
}

/* One series; after a failure, say whether --offline has a copy to fall
 * back on (the publisher may be down, or have dropped the series for a
 * day). */
static void
do_job(run *r, job *j)
{
    size_t before = r->failed;
    do_job_once(r, j);
    if (r->failed == before || r->offline)
        return;
    char statep[4400], path[4400];
    snprintf(statep, sizeof statep, "%s/%s.state", r->cache, j->key);
    state old;
    if (state_read(statep, &old)) {
        snprintf(path, sizeof path, "%s/%s", r->cache, old.file);
        if (access(path, R_OK) == 0) {
            fprintf(stderr, "defspend: the last cached copy of %s %s "
                    "(fetched %s) is %s; --offline imports it\n",
                    j->src->name, j->series, old.fetched, path);
            return;
        }
    }
    fprintf(stderr, "defspend: no cached copy of %s %s yet in %s, so "
            "--offline cannot help for it\n", j->src->name, j->series,
            r->cache);
}

/* ------------------------------------------------------------ command */

static int
parse_num(const char *what, const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= lo && v <= hi)) {
        cli_error("invalid %s '%s' (expected a number from %g to %g)", what,
                  s, lo, hi);
        return 0;
    }
    *out = v;
    return 1;
}

int
cmd_fetch(int argc, char **argv)
{
    static const struct option opts[] = {
        {"country", required_argument, NULL, 'C'},
        {"into", required_argument, NULL, 'i'},
        {"dry-run", no_argument, NULL, 'n'},
        {"cache", required_argument, NULL, 'K'},
        {"offline", no_argument, NULL, 'o'},
        {"annualize", no_argument, NULL, 'a'},
        {"as", required_argument, NULL, 'A'},
        {"format", required_argument, NULL, 'f'},
        {"on-conflict", required_argument, NULL, 'c'},
        {"timeout", required_argument, NULL, 't'},
        {"retries", required_argument, NULL, 'r'},
        {"max-size", required_argument, NULL, 'm'},
        {"base-url", required_argument, NULL, 'b'},
        {"verbose", no_argument, NULL, 'V'},
        {"wait", required_argument, NULL, 'w'},
        {"data", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_import_setup x;
    cli_import_init(&x);
    ds_import_options *opt = &x.opt;
    run r;
    memset(&r, 0, sizeof r);
    ds_fetch_options_init(&r.fo);
    const char *cache = NULL, *base_url = NULL;
    double v;
    int c;
    while ((c = cli_import_next(&x, argc, argv, opts)) != -1) {
        switch (c) {
        case CLI_IMPORT_BAD: return EXIT_USAGE;
        case 'K': cache = optarg; break;
        case 'o': r.offline = 1; break;
        case 't':
            if (!parse_num("--timeout", optarg, 0.1, 86400, &v))
                return EXIT_USAGE;
            r.fo.timeout_s = v;
            if (r.fo.connect_timeout_s > v)
                r.fo.connect_timeout_s = v;
            if (r.fo.stall_s > v)
                r.fo.stall_s = v;
            break;
        case 'r':
            if (!parse_num("--retries", optarg, 0, 10, &v) || v != (int)v) {
                if (v != (int)v)
                    cli_error("invalid --retries '%s' (expected a whole "
                              "number from 0 to 10)", optarg);
                return EXIT_USAGE;
            }
            r.fo.retries = (int)v;
            break;
        case 'm':
            if (!parse_num("--max-size", optarg, 0.001, 65536, &v))
                return EXIT_USAGE;
            r.fo.max_bytes = (size_t)(v * 1048576.0);
            break;
        case 'b': base_url = optarg; break;
        case 'h': help(stdout); return EXIT_OK;
        default:
            return cli_option_error(c, argv, "fetch", opts);
        }
    }
    if (optind >= argc) {
        cli_error("fetch needs a source (wdi, fred, imf or url) and at least "
                  "one series (see defspend fetch --help)");
        return EXIT_USAGE;
    }
    const source *src = NULL;
    for (size_t i = 0; i < sizeof sources / sizeof *sources; i++)
        if (strcmp(argv[optind], sources[i].name) == 0)
            src = &sources[i];
    if (!src) {
        const char *names[] = {"wdi", "fred", "imf", "url"};
        const char *near = ds_suggest(argv[optind], names, 4);
        cli_error("unknown source '%s'%s%s%s (known: wdi, fred, imf, url)",
                  argv[optind], near ? "; did you mean '" : "",
                  near ? near : "", near ? "'?" : "");
        return EXIT_USAGE;
    }
    int first = optind + 1;
    if (first >= argc) {
        cli_error("fetch %s needs at least one %s", src->name,
                  strcmp(src->name, "url") == 0 ? "URL" : "series code");
        return EXIT_USAGE;
    }
    const char *base = NULL;
    if (src->base) {
        base = base_url ? base_url : getenv(src->env);
        if (!base || !base[0])
            base = src->base;
        if (strncmp(base, "https://", 8) != 0 &&
            strncmp(base, "http://", 7) != 0) {
            cli_error("invalid %s '%s' (expected http://HOST[:PORT] or "
                      "https://...)", base_url ? "--base-url" : src->env,
                      base);
            return EXIT_USAGE;
        }
    } else if (base_url) {
        cli_error("--base-url does not apply to 'fetch url' (the URL names "
                  "its host)");
        return EXIT_USAGE;
    }
    const char *format = x.format;
    if (format && src->format) {
        cli_error("--format applies to 'fetch url' only ('fetch %s' reads "
                  "the %s format)", src->name, src->format);
        return EXIT_USAGE;
    }

    /* the store, the country filter and the cache */
    char cdir[4096];
    job *jobs = NULL;
    size_t njobs = 0;
    const char *inds[CLI_MAX_LIST];
    cli_out o = {NULL, NULL, 0};
    ds_error err;
    ds_error_clear(&err);
    int rc = cli_import_open(&x, "fetch");
    if (rc)
        goto out;
    if (cache) {
        snprintf(cdir, sizeof cdir, "%s", cache);
    } else {
        const char *xdg = getenv("XDG_CACHE_HOME");
        const char *home = getenv("HOME");
        if (xdg && xdg[0] == '/')
            snprintf(cdir, sizeof cdir, "%s/defspend", xdg);
        else if (home && home[0])
            snprintf(cdir, sizeof cdir, "%s/.cache/defspend", home);
        else {
            cli_error("no cache directory: set XDG_CACHE_HOME or HOME, or "
                      "give --cache DIR");
            rc = EXIT_USAGE;
            goto out;
        }
    }
    r.cache = cdir;

    /* the jobs: one per series */
    njobs = (size_t)(argc - first);
    if (njobs > CLI_MAX_LIST) {
        cli_error("too many series (at most %d)", CLI_MAX_LIST);
        rc = EXIT_USAGE;
        goto out;
    }
    jobs = calloc(njobs, sizeof *jobs);
    if (!jobs) {
        cli_error("out of memory");
        rc = EXIT_DATA;
        goto out;
    }
    for (size_t i = 0; i < njobs; i++) {
        job *j = &jobs[i];
        j->src = src;
        j->file_index = -1;
        j->series = argv[first + (int)i];
        if (strcmp(src->name, "url") == 0) {
            const char *u = j->series;
            if ((strncmp(u, "https://", 8) != 0 &&
                 strncmp(u, "http://", 7) != 0) || strlen(u) >= 2000 ||
                strpbrk(u, " \t\r\n")) {
                cli_error("invalid URL '%s' (expected http:// or https://)",
                          u);
                rc = EXIT_USAGE;
                goto out;
            }
            snprintf(j->url, sizeof j->url, "%s", u);
            /* url_<last path part>_<hash>: readable and unique */
            const char *p = strchr(u + 8, '/');
            const char *q = p ? strrchr(p, '/') : NULL;
            char stem[64] = "", ext[16] = "";
            if (q && q[1]) {
                size_t k = 0;
                for (const char *s = q + 1; *s && *s != '?' && *s != '#' &&
                                            k + 1 < sizeof stem; s++)
                    stem[k++] = (char)((*s >= 'A' && *s <= 'Z') ||
                                       (*s >= 'a' && *s <= 'z') ||
                                       (*s >= '0' && *s <= '9') ||
                                       *s == '-' || *s == '.' ? *s : '_');
                stem[k] = '\0';
                char *dot = strrchr(stem, '.');
                if (dot && dot != stem && strlen(dot) < sizeof ext) {
                    snprintf(ext, sizeof ext, "%s", dot);
                    *dot = '\0';
                }
            }
            snprintf(j->key, sizeof j->key, "url_%s%s%08x", stem,
                     stem[0] ? "_" : "", (unsigned)fnv(u));
            snprintf(j->ext, sizeof j->ext, "%s", ext[0] ? ext : ".bin");
            continue;
        }
        if (!valid_code(j->series)) {
            cli_error("invalid %s series code '%s' (letters, digits, '.', "
                      "'_' and '-')", src->name, j->series);
            rc = EXIT_USAGE;
            goto out;
        }
        inds[i] = j->series;
        snprintf(j->ext, sizeof j->ext, "%s", src->ext);
        size_t bl = strlen(base);
        int slash = bl && base[bl - 1] == '/';
        if (strcmp(src->name, "wdi") == 0) {
            snprintf(j->url, sizeof j->url,
                     "%s%sv2/en/indicator/%s?downloadformat=csv", base,
                     slash ? "" : "/", j->series);
            snprintf(j->key, sizeof j->key, "wdi_%s", j->series);
        } else if (strcmp(src->name, "fred") == 0) {
            snprintf(j->url, sizeof j->url, "%s%sgraph/fredgraph.csv?id=%s",
                     base, slash ? "" : "/", j->series);
            snprintf(j->key, sizeof j->key, "fred_%s", j->series);
        } else {
            int n = snprintf(j->url, sizeof j->url,
                             "%s%sexternal/datamapper/api/v1/%s", base,
                             slash ? "" : "/", j->series);
            snprintf(j->key, sizeof j->key, "imf_%s", j->series);
            for (size_t k = 0; k < opt->n_countries && n > 0 &&
                               (size_t)n < sizeof j->url; k++) {
                n += snprintf(j->url + n, sizeof j->url - (size_t)n, "/%s",
                              x.countries[k]);
                size_t kl = strlen(j->key);
                if (kl + 5 < sizeof j->key)
                    snprintf(j->key + kl, sizeof j->key - kl, "%s%s",
                             k ? "-" : "_", x.countries[k]);
            }
            if (opt->n_countries > 8) /* a long list: one hashed name */
                snprintf(j->key, sizeof j->key, "imf_%s_%zu-countries-%08x",
                         j->series, opt->n_countries, (unsigned)fnv(j->url));
            snprintf(j->meta_url, sizeof j->meta_url,
                     "%s%sexternal/datamapper/api/v1/indicators", base,
                     slash ? "" : "/");
        }
    }
    opt->format = src->format ? src->format : format;
    if (strcmp(src->name, "wdi") == 0) {
        /* keep the series asked for, also those without a defspend name
         * (a FRED CSV and a DataMapper response hold only what was asked
         * for) */
        opt->indicators = inds;
        opt->n_indicators = njobs;
    }

    if (ds_import_alloc(opt, &r.imp, &err) != DS_OK) {
        rc = cli_report(&err);
        goto out;
    }
    if (!r.offline && !mkdirs(cdir)) {
        cli_error("%s: cannot create the cache directory: %s", cdir,
                  strerror(errno));
        rc = EXIT_IO;
        goto out;
    }
    if (!cli_out_open(&o)) {
        cli_error("out of memory");
        rc = EXIT_IO;
        goto out;
    }
    r.out = o.f;
    bar b = {isatty(STDERR_FILENO), 0, -1, ""};
    r.bar = &b;
    r.fo.progress = progress;
    r.fo.progress_ctx = &b;
    r.fo.retrying = retrying;
    r.fo.retrying_ctx = &b;
    for (size_t i = 0; i < njobs; i++) {
        b.shown = 0;
        b.last = -1;
        snprintf(b.label, sizeof b.label, "%s %s", src->name,
                 jobs[i].series);
        do_job(&r, &jobs[i]);
        bar_end(&b);
    }
    if (!r.ok) {
        cli_error("nothing fetched: %zu of %zu series failed; the store is "
                  "unchanged", r.failed, njobs);
        cli_out_discard(&o);
        rc = r.worst ? r.worst : EXIT_IO;
        goto out;
    }
    const ds_import_summary *s;
    if (ds_import_merge(r.imp, x.dir, x.dry, &s, &err) != DS_OK) {
        cli_out_discard(&o);
        rc = cli_report(&err);
        goto out;
    }
    cli_import_summary(o.f, s, x.verbose);
    for (size_t i = 0; i < njobs; i++) {
        long k = jobs[i].file_index;
        if (k >= 0 && (size_t)k < s->n_files && !s->files[k].observations)
            fprintf(o.f, "note: %s %s: the response gave no figures%s (the "
                    "publisher may have dropped the series for now, or it "
                    "has none for these countries)\n", src->name,
                    jobs[i].series, x.country_text ? " for --country" : "");
    }
    if (x.country_text)
        fprintf(o.f, "filtered: only --country %s; rows of other countries "
                     "were passed over by request, not counted as skipped\n",
                x.country_text);
    if (r.failed)
        fprintf(o.f, "failed: %zu of %zu series (see the errors above); "
                     "the others were %s\n", r.failed, njobs,
                x.dry ? "read (dry run)" : "imported");
    rc = cli_out_finish(&o, &x.common);
    if (rc == EXIT_OK && r.failed)
        rc = r.worst;
out:
    if (r.imf_meta_state == 1)
        ds_fetch_result_free(&r.imf_meta);
    ds_import_free(r.imp);
    free(jobs);
    cli_import_close(&x);
    return rc;
}
