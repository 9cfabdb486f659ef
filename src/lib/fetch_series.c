/* fetch_series.c - sources layer: one series of `fetch` as one library
 * call (see ds_fetch_series_get in defspend/fetch_cache.h): ask the
 * publisher (conditionally, when the cache has a copy) or read the cache,
 * check the response, keep it in the cache and read it into an import
 * batch.  The caller prints what happened from the report.
 *
 * Promises: the cache keeps only what could be read (a response that
 * fails to import is removed and the copy it replaced put back); files
 * that state no release date (FRED CSVs) get the vintage from the cached
 * file's modification date, which is the server's Last-Modified header
 * (else the fetch date), so importing the cached file later gives the same
 * figures and vintages.  Never prints.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "defspend/fetch_cache.h"
#include "internal.h"

void
ds_fetch_run_init(ds_fetch_run *r)
{
    memset(r, 0, sizeof *r);
    ds_fetch_options_init(&r->fo);
}

void
ds_fetch_run_release(ds_fetch_run *r)
{
    if (r && r->imf_meta_state == 1)
        ds_fetch_result_free(&r->imf_meta);
    if (r)
        r->imf_meta_state = 0;
}

int
ds_fetch_cached(const char *cache, const ds_fetch_series *s,
                ds_fetch_state *state, char *path, size_t size)
{
    char statep[4400];
    snprintf(statep, sizeof statep, "%s/%s.state", cache, s->key);
    if (!ds_fetch_state_read(statep, state))
        return 0;
    snprintf(path, size, "%s/%s", cache, state->file);
    return access(path, R_OK) == 0;
}

static void
warn(ds_fetch_report *rep, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
warn(ds_fetch_report *rep, const char *fmt, ...)
{
    if (rep->n_warnings >= sizeof rep->warnings / sizeof *rep->warnings)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(rep->warnings[rep->n_warnings++], sizeof *rep->warnings, fmt,
              ap);
    va_end(ap);
}

/* The cached copy into the batch; how says why it is read. */
static ds_status
read_cached(ds_import *imp, ds_fetch_report *rep, ds_fetch_how how,
            ds_error *err)
{
    rep->how = how;
    ds_status st = ds_import_file(imp, rep->path, err);
    if (st != DS_OK)
        rep->cache_unreadable = 1;
    return st;
}

/* imf: the values response with the WEO release from the indicators
 * metadata (asked for once per run); NULL keeps the response as it came. */
static char *
imf_document(ds_fetch_run *r, const ds_fetch_series *s,
             const ds_fetch_result *res, size_t *len, ds_fetch_report *rep)
{
    if (!r->imf_meta_state) {
        ds_error merr;
        ds_error_clear(&merr);
        if (ds_fetch_url(s->meta_url, &r->fo, &r->imf_meta, &merr) ==
            DS_OK) {
            r->imf_meta_state = 1;
        } else {
            char buf[DS_ERROR_MSG_MAX + DS_ERROR_PATH_MAX + 64];
            warn(rep, "%s (the WEO release stays unknown)",
                 ds_error_format(&merr, buf, sizeof buf));
            r->imf_meta_state = -1;
        }
    }
    char *doc = NULL;
    if (r->imf_meta_state == 1)
        doc = ds_fetch_imf_with_meta(s->series, res->body, res->len,
                                     r->imf_meta.body, r->imf_meta.len, len,
                                     rep->release, sizeof rep->release);
    rep->release_why =
        rep->release[0] ? "named by the DataMapper's metadata (its "
                          "\"source\"), the vintage is that month's first day"
                        : "the DataMapper's metadata names none: the vintage "
                          "is the file date (the fetch date)";
    return doc;
}

/* A response that is not data: an error page, or not the zip WDI sends. */
static ds_status
check_response(const ds_fetch_series *s, const ds_fetch_result *res,
               ds_error *err)
{
    char page[1024];
    if (ds_fetch_markup_page(res->body, res->len, page, sizeof page))
        return ds__error_set(
            err, DS_EPARSE, NULL, 0, 0,
            "%s answered HTTP 200 with an %s page, not data%s%s%s",
            res->final_url,
            strstr(res->content_type, "xml") ||
                    (res->len > 5 && memcmp(res->body, "<?xml", 5) == 0)
                ? "XML"
                : "HTML",
            page[0] ? ": \"" : "", page, page[0] ? "\"" : "");
    if (strcmp(s->src->name, "wdi") == 0 &&
        (res->len < 4 || memcmp(res->body, "PK\x03\x04", 4) != 0))
        return ds__error_set(
            err, DS_EPARSE, NULL, 0, 0,
            "%s answered with %zu bytes of %s that are not a zip archive "
            "(the World Bank's indicator download is one)",
            res->final_url, res->len,
            res->content_type[0] ? res->content_type : "unknown content");
    return DS_OK;
}

/* The downloaded response res: checked, kept in the cache as KEY_DATE.EXT
 * (its mtime the Last-Modified date, else now) and read into imp; the
 * state file then names it. */
static ds_status
keep_and_read(ds_fetch_run *r, const ds_fetch_series *s, ds_import *imp,
              const ds_fetch_result *res, ds_fetch_report *rep, ds_error *err)
{
    ds_status st = check_response(s, res, err);
    if (st != DS_OK)
        return st;
    time_t now = time(NULL);
    struct tm tmv;
    char date[11], why[2600];
    strftime(date, sizeof date, "%Y-%m-%d", gmtime_r(&now, &tmv));

    size_t doc_len = 0;
    char *doc = s->meta_url[0] ? imf_document(r, s, res, &doc_len, rep)
                               : NULL;

    char name[400], prev[4420];
    snprintf(name, sizeof name, "%s_%s%s", s->key, date, s->ext);
    snprintf(rep->path, sizeof rep->path, "%s/%s", r->cache, name);
    long long mtime = (long long)now, lm;
    char lmdate[11];
    snprintf(rep->file_date, sizeof rep->file_date, "%s", date);
    rep->file_date_why = "the fetch date (the server sent no Last-Modified)";
    if (!s->meta_url[0] && res->last_modified[0] &&
        ds_fetch_http_date(res->last_modified, lmdate, &lm)) {
        mtime = lm;
        if (mtime != (long long)now)
            snprintf(rep->file_date, sizeof rep->file_date, "%s", lmdate);
        rep->file_date_why = "the server's Last-Modified header";
    }
    snprintf(prev, sizeof prev, "%s.prev", rep->path);
    int had_same = access(rep->path, F_OK) == 0;
    if (had_same && (unlink(prev), link(rep->path, prev) != 0)) {
        free(doc);
        return ds__error_set(err, DS_EIO, NULL, 0, 0,
                             "cannot keep %s while replacing it: %s",
                             rep->path, strerror(errno));
    }
    int kept = ds_fetch_cache_write(rep->path, doc ? doc : res->body,
                                    doc ? doc_len : res->len, mtime, why,
                                    sizeof why);
    free(doc);
    if (!kept) {
        if (had_same)
            unlink(prev);
        return ds__error_set(err, DS_EIO, NULL, 0, 0, "%s", why);
    }
    if (res->len >= ((size_t)1 << 20))
        snprintf(rep->size, sizeof rep->size, "%.1f MiB",
                 (double)res->len / (1 << 20));
    else
        snprintf(rep->size, sizeof rep->size, "%.1f KiB",
                 (double)res->len / 1024);
    if ((st = ds_import_file(imp, rep->path, err)) != DS_OK) {
        char at[64] = "", msg[DS_ERROR_MSG_MAX];
        if (err && err->line && err->column)
            snprintf(at, sizeof at, " (line %zu, column %zu)", err->line,
                     err->column);
        else if (err && err->line)
            snprintf(at, sizeof at, " (line %zu)", err->line);
        snprintf(msg, sizeof msg, "%s", err ? err->message : "");
        ds__error_set(err, st, NULL, 0, 0,
                      "%s answered HTTP 200 with %s that defspend cannot "
                      "read as %s: %s%s; nothing was kept",
                      res->final_url, rep->size,
                      s->src->format ? s->src->format : "any known format",
                      msg, at);
        /* the cache keeps only what could be read */
        if (had_same)
            rename(prev, rep->path);
        else
            unlink(rep->path);
        return st;
    }
    if (had_same)
        unlink(prev);

    ds_fetch_state ns;
    memset(&ns, 0, sizeof ns);
    snprintf(ns.url, sizeof ns.url, "%s", s->url);
    snprintf(ns.file, sizeof ns.file, "%s", name);
    snprintf(ns.etag, sizeof ns.etag, "%s", res->etag);
    snprintf(ns.last_modified, sizeof ns.last_modified, "%s",
             res->last_modified);
    strftime(ns.fetched, sizeof ns.fetched, "%Y-%m-%dT%H:%M:%SZ",
             gmtime_r(&now, &tmv));
    char statep[4400];
    snprintf(statep, sizeof statep, "%s/%s.state", r->cache, s->key);
    if (!ds_fetch_state_write(statep, &ns, why, sizeof why))
        warn(rep, "%s (the next fetch will not be conditional)", why);
    rep->how = DS_FETCH_DOWNLOADED;
    rep->http_status = res->http_status;
    rep->attempts = res->attempts;
    return DS_OK;
}

ds_status
ds_fetch_series_get(ds_fetch_run *r, const ds_fetch_series *s,
                    ds_import *imp, ds_fetch_report *rep, ds_error *err)
{
    memset(rep, 0, sizeof *rep);
    ds_fetch_state old;
    int have_old = ds_fetch_cached(r->cache, s, &old, rep->path,
                                   sizeof rep->path);
    if (have_old) {
        snprintf(rep->url, sizeof rep->url, "%s", old.url);
        snprintf(rep->fetched, sizeof rep->fetched, "%s", old.fetched);
    }
    if (r->offline) {
        if (!have_old) {
            rep->no_cache = 1;
            return ds__error_set(err, DS_EIO, NULL, 0, 0,
                                 "no cached copy in %s", r->cache);
        }
        return read_cached(imp, rep, DS_FETCH_FROM_CACHE, err);
    }

    ds_fetch_options fo = r->fo;
    if (have_old) {
        fo.if_none_match = old.etag;
        fo.if_modified_since = old.last_modified;
    }
    ds_fetch_result res;
    ds_status st = ds_fetch_url(s->url, &fo, &res, err);
    if (st != DS_OK)
        return st;
    if (res.not_modified)
        st = read_cached(imp, rep, DS_FETCH_NOT_MODIFIED, err);
    else
        st = keep_and_read(r, s, imp, &res, rep, err);
    ds_fetch_result_free(&res);
    return st;
}
