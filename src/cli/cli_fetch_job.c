/* cli_fetch_job.c - one series of `defspend fetch` (see cli_fetch.h):
 * the progress bar, one call of ds_fetch_series_get, and what happened
 * said: a line of the summary, warnings and failures on stderr with the
 * --offline hints.
 */
#include <stdarg.h>
#include <stdio.h>

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
do_job_once(cli_fetch_run *r, cli_fetch_job *j)
{
    ds_fetch_report rep;
    ds_error err;
    ds_error_clear(&err);
    ds_status st = ds_fetch_series_get(&r->lib, &j->s, r->imp, &rep, &err);
    if (rep.n_warnings)
        cli_fetch_bar_end(r->bar);
    for (size_t i = 0; i < rep.n_warnings; i++)
        fprintf(stderr, "defspend: warning: %s\n", rep.warnings[i]);
    if (st != DS_OK) {
        char buf[DS_ERROR_MSG_MAX + DS_ERROR_PATH_MAX + 64];
        if (rep.no_cache) {
            fail(r, j, EXIT_IO, "%s (--offline reads only the cache; fetch "
                 "once without it)", err.message);
        } else if (rep.cache_unreadable) {
            cli_report(&err);
            fail(r, j, cli_exit_code(err.code), "the cached copy %s cannot "
                 "be read", rep.path);
        } else {
            fail(r, j, cli_exit_code(err.code), "%s",
                 ds_error_format(&err, buf, sizeof buf));
        }
        return;
    }
    const char *src = j->s.src->name, *series = j->s.series;
    switch (rep.how) {
    case DS_FETCH_FROM_CACHE:
        fprintf(r->out, "offline %s %s: the cached copy %s (fetched %s from "
                "%s)\n", src, series, rep.path, rep.fetched, rep.url);
        break;
    case DS_FETCH_NOT_MODIFIED:
        fprintf(r->out, "unchanged %s %s: %s answered 304 Not Modified; "
                "read the cached copy %s (fetched %s)\n", src, series,
                j->s.url, rep.path, rep.fetched);
        break;
    case DS_FETCH_DOWNLOADED: {
        char att[32] = "";
        if (rep.attempts > 1)
            snprintf(att, sizeof att, " (attempt %d)", rep.attempts);
        fprintf(r->out, "fetched %s %s: %s -> HTTP %ld%s, %s, kept as %s\n",
                src, series, j->s.url, rep.http_status, att, rep.size,
                rep.path);
        if (!j->s.meta_url[0] || !rep.release[0])
            fprintf(r->out, "  file date %s: %s (the vintage only if the "
                    "content states no release date)\n", rep.file_date,
                    rep.file_date_why);
        if (rep.release_why)
            fprintf(r->out, "  WEO release%s%s%s: %s\n",
                    rep.release[0] ? " \"" : "", rep.release,
                    rep.release[0] ? "\"" : "", rep.release_why);
        break;
    }
    }
    r->ok++;
    j->file_index = (long)r->files++;
}

void
cli_fetch_series(cli_fetch_run *r, cli_fetch_job *j)
{
    size_t before = r->failed;
    do_job_once(r, j);
    if (r->failed == before || r->lib.offline)
        return;
    char path[4400];
    ds_fetch_state old;
    if (ds_fetch_cached(r->lib.cache, &j->s, &old, path, sizeof path)) {
        fprintf(stderr, "defspend: the last cached copy of %s %s "
                "(fetched %s) is %s; --offline imports it\n",
                j->s.src->name, j->s.series, old.fetched, path);
        return;
    }
    fprintf(stderr, "defspend: no cached copy of %s %s yet in %s, so "
            "--offline cannot help for it\n", j->s.src->name, j->s.series,
            r->lib.cache);
}
