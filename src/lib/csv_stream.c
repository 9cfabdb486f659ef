/* csv_stream.c - core layer: CSV records from a byte source (a file, a
 * zip member) one at a time, so memory stays bounded by the longest
 * record whatever the file's size.  See csv_stream.h.
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv_stream.h"

size_t
ds__read_stdio(void *file, char *buf, size_t n)
{
    FILE *f = file;
    size_t r = fread(buf, 1, n, f);
    if (r == 0 && ferror(f))
        return (size_t)-1;
    return r;
}

typedef struct shift_ctx {
    ds__csv_fn fn;
    void *ctx;
    size_t base; /* physical line of the record's first line, minus 1 */
} shift_ctx;

static ds_status
shifted(void *ctx, const ds__csv_row *row, ds_error *err)
{
    shift_ctx *s = ctx;
    ds__csv_row r = *row;
    r.line += s->base;
    return s->fn(s->ctx, &r, err);
}

ds_status
ds__csv_stream(const char *path, ds__read_fn read, void *src, char delim,
               ds__csv_fn fn, void *ctx,
               void (*progress)(void *pctx, size_t done), void *pctx,
               ds_error *err)
{
    return ds__csv_stream_skip(path, read, src, delim, fn, NULL, ctx,
                               progress, pctx, err);
}

/* The bytes are read into one buffer (256 KB, grown only for a record
 * longer than that) and records are cut from it in place: a record ends at
 * a newline where the quotes seen since its start are even.  A line that
 * `skip` passes over costs one memchr for its end plus what skip does. */
ds_status
ds__csv_stream_skip(const char *path, ds__read_fn read, void *src,
                    char delim, ds__csv_fn fn, ds__csv_skip_fn skip,
                    void *ctx, void (*progress)(void *pctx, size_t done),
                    void *pctx, ds_error *err)
{
    size_t cap = (size_t)1 << 18;
    char *buf = malloc(cap);
    size_t have = 0;      /* bytes in buf */
    size_t pos = 0;       /* start of the current record in buf */
    size_t scan = 0;      /* its end is searched for from here */
    int in_quote = 0;     /* quote parity of buf[pos..scan) */
    size_t line = 0;      /* physical lines before the current record */
    size_t rec_lines = 0; /* newlines in buf[pos..scan) */
    size_t done = 0;
    int first = 1, eof = 0;
    ds_status st = DS_OK;
    shift_ctx sc = {fn, ctx, 0};
    if (!buf)
        return ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
    for (;;) {
        /* every complete record in buf[pos..have) */
        while (st == DS_OK) {
            if (skip && ds__csv_fast && scan == pos) {
                const char *nl = memchr(buf + pos, '\n', have - pos);
                if (!nl)
                    break;
                size_t len = (size_t)(nl - (buf + pos));
                if (skip(ctx, buf + pos, len)) {
                    line++;
                    pos = scan = pos + len + 1;
                    continue;
                }
            }
            const char *nl = memchr(buf + scan, '\n', have - scan);
            if (!nl)
                break;
            size_t end = (size_t)(nl - buf) + 1;
            for (const char *q = buf + scan;
                 (q = memchr(q, '"', end - (size_t)(q - buf))) != NULL; q++)
                in_quote = !in_quote;
            rec_lines++;
            scan = end;
            if (in_quote)
                continue; /* a newline inside a quoted field */
            sc.base = line;
            st = ds__csv_read(path, buf + pos, end - pos, delim, shifted, &sc,
                              err);
            if (st != DS_OK && err && err->line && err->line < line + 1)
                err->line += sc.base;
            line += rec_lines;
            rec_lines = 0;
            pos = scan = end;
        }
        if (st != DS_OK || eof)
            break;
        /* keep the unfinished record: to the front, the buffer grown if
         * the record fills it */
        if (pos) {
            memmove(buf, buf + pos, have - pos);
            have -= pos;
            scan -= pos;
            pos = 0;
        }
        if (have == cap && cap >= ((size_t)256 << 20)) {
            /* one record over 256 MiB: a zip bomb or not CSV at all */
            st = ds__error_set(err, DS_EPARSE, path, line + 1, 0,
                               "a record longer than %zu bytes", cap);
            break;
        }
        if (have == cap) {
            char *b = realloc(buf, cap * 2);
            if (!b) {
                st = ds__error_set(err, DS_ENOMEM, path, line + 1, 0,
                                   "out of memory");
                break;
            }
            buf = b;
            cap *= 2;
        }
        size_t n = read(src, buf + have, cap - have);
        if (n == (size_t)-1) {
            st = ds__error_set(err, DS_EIO, path, line + 1, 0,
                               "read error: %s", strerror(errno));
            break;
        }
        if (first && n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
            pos = scan = 3;
        if (n)
            first = 0;
        have += n;
        done += n;
        if (progress && n)
            progress(pctx, done);
        if (n == 0)
            eof = 1;
    }
    if (st == DS_OK && have > pos) {
        sc.base = line;
        st = ds__csv_read(path, buf + pos, have - pos, delim, shifted, &sc,
                          err);
        if (st != DS_OK && err && err->line && err->line < line + 1)
            err->line += sc.base;
    }
    free(buf);
    return st;
}
