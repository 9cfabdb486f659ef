/* cli_fetch_job.c - one series of `defspend fetch` (see cli_fetch.h).
 *
 * Files that state no release date (FRED CSVs) get the vintage from the
 * cached file's modification date, which fetch sets to the server's
 * Last-Modified header (else the fetch date), so `import` of the cached
 * file later gives the same figures and vintages.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli_fetch.h"

/* ---------------------------------------------------------- progress */

void
cli_fetch_progress(void *ctx, const char *url, size_t done,
                   size_t total)
{
    (void)url;
    cli_fetch_bar *b = ctx;
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

void
cli_fetch_bar_end(cli_fetch_bar *b)
{
    if (b && b->shown) {
        fputc('\n', stderr);
        b->shown = 0;
    }
}

void
cli_fetch_retrying(void *ctx, const char *url, const char *why,
                   double wait_s, int attempt)
{
    cli_fetch_bar_end(ctx);
    fprintf(stderr, "defspend: %s: %s; retrying in %.0f s (attempt %d)\n",
            url, why, wait_s, attempt);
}

/* ------------------------------------------------------------ one job */

static void
fail(cli_fetch_run *r, const cli_fetch_job *j, int code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static void
fail(cli_fetch_run *r, const cli_fetch_job *j, int code, const char *fmt, ...)
{
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cli_fetch_bar_end(r->bar);
    cli_error("fetch %s %s: %s", j->s.src->name, j->s.series, msg);
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

static void
do_job_once(cli_fetch_run *r, cli_fetch_job *j)
{
    char statep[4400], why[2600], date[11];
    long long now;
    today(date, &now);
    snprintf(statep, sizeof statep, "%s/%s.state", r->cache, j->s.key);
    ds_fetch_state old;
    int have_old = ds_fetch_state_read(statep, &old);
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
                "%s)\n", j->s.src->name, j->s.series, oldpath, old.fetched,
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
    if (ds_fetch_url(j->s.url, &fo, &res, &err) != DS_OK) {
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
                "read the cached copy %s (fetched %s)\n", j->s.src->name,
                j->s.series, j->s.url, oldpath, old.fetched);
        r->ok++;
        j->file_index = (long)r->files++;
        return;
    }
    char page[1024];
    if (ds_fetch_markup_page(res.body, res.len, page, sizeof page)) {
        fail(r, j, EXIT_DATA,
             "%s answered HTTP 200 with an %s page, not data%s%s%s",
             res.final_url,
             strstr(res.content_type, "xml") || (res.len > 5 &&
                 memcmp(res.body, "<?xml", 5) == 0) ? "XML" : "HTML",
             page[0] ? ": \"" : "", page, page[0] ? "\"" : "");
        ds_fetch_result_free(&res);
        return;
    }
    if (strcmp(j->s.src->name, "wdi") == 0 &&
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
    if (j->s.meta_url[0]) {
        if (!r->imf_meta_state) {
            ds_error merr;
            ds_error_clear(&merr);
            if (ds_fetch_url(j->s.meta_url, &r->fo, &r->imf_meta, &merr) ==
                DS_OK) {
                r->imf_meta_state = 1;
            } else {
                char buf[DS_ERROR_MSG_MAX + DS_ERROR_PATH_MAX + 64];
                cli_fetch_bar_end(r->bar);
                fprintf(stderr, "defspend: warning: %s (the WEO release "
                        "stays unknown)\n",
                        ds_error_format(&merr, buf, sizeof buf));
                r->imf_meta_state = -1;
            }
        }
        if (r->imf_meta_state == 1)
            doc = ds_fetch_imf_with_meta(j->s.series, res.body, res.len,
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
    snprintf(name, sizeof name, "%s_%s%s", j->s.key, date, j->s.ext);
    snprintf(path, sizeof path, "%s/%s", r->cache, name);
    long long mtime = now;
    const char *mnote = "the fetch date (the server sent no Last-Modified)";
    long long lm;
    char lmdate[11];
    if (!j->s.meta_url[0] && res.last_modified[0] &&
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
    if (!ds_fetch_cache_write(path, doc ? doc : res.body,
                              doc ? doc_len : res.len, mtime, why,
                              sizeof why)) {
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
             j->s.src->format ? j->s.src->format : "any known format",
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
    ds_fetch_state ns;
    memset(&ns, 0, sizeof ns);
    snprintf(ns.url, sizeof ns.url, "%s", j->s.url);
    snprintf(ns.file, sizeof ns.file, "%s", name);
    snprintf(ns.etag, sizeof ns.etag, "%s", res.etag);
    snprintf(ns.last_modified, sizeof ns.last_modified, "%s",
             res.last_modified);
    char stamp[32];
    time_t t = (time_t)now;
    struct tm tmv;
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&t, &tmv));
    snprintf(ns.fetched, sizeof ns.fetched, "%s", stamp);
    if (!ds_fetch_state_write(statep, &ns, why, sizeof why))
        fprintf(stderr, "defspend: warning: %s (the next fetch will not be "
                "conditional)\n", why);
    char att[32] = "";
    if (res.attempts > 1)
        snprintf(att, sizeof att, " (attempt %d)", res.attempts);
    fprintf(r->out, "fetched %s %s: %s -> HTTP %ld%s, %s, kept as %s\n",
            j->s.src->name, j->s.series, j->s.url, res.http_status, att, sz,
            path);
    if (!j->s.meta_url[0] || !rel[0])
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

void
cli_fetch_series(cli_fetch_run *r, cli_fetch_job *j)
{
    size_t before = r->failed;
    do_job_once(r, j);
    if (r->failed == before || r->offline)
        return;
    char statep[4400], path[4400];
    snprintf(statep, sizeof statep, "%s/%s.state", r->cache, j->s.key);
    ds_fetch_state old;
    if (ds_fetch_state_read(statep, &old)) {
        snprintf(path, sizeof path, "%s/%s", r->cache, old.file);
        if (access(path, R_OK) == 0) {
            fprintf(stderr, "defspend: the last cached copy of %s %s "
                    "(fetched %s) is %s; --offline imports it\n",
                    j->s.src->name, j->s.series, old.fetched, path);
            return;
        }
    }
    fprintf(stderr, "defspend: no cached copy of %s %s yet in %s, so "
            "--offline cannot help for it\n", j->s.src->name, j->s.series,
            r->cache);
}
