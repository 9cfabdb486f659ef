/* csv_stream.h - core layer: the streaming CSV reader (csv_stream.c; not
 * installed). */
#ifndef DS_CSV_STREAM_H
#define DS_CSV_STREAM_H

#include "internal.h"

/* Where bytes come from: returns bytes read into buf (at most n), 0 at the
 * end, (size_t)-1 on a read error. */
typedef size_t (*ds__read_fn)(void *src, char *buf, size_t n);
size_t ds__read_stdio(void *file, char *buf, size_t n);
/* A zip member as a byte source: ds__zip_stream_open, ds__read_zip
 * (zip_internal.h). */

/* Read CSV records from a byte source one record at a time, so memory
 * stays bounded by the longest record; rows and errors carry the same
 * lines and columns ds__csv_read would give.  progress (may be NULL) is
 * called with the bytes consumed so far. */
ds_status ds__csv_stream(const char *path, ds__read_fn read, void *src,
                         char delim, ds__csv_fn fn, void *ctx,
                         void (*progress)(void *pctx, size_t done),
                         void *pctx, ds_error *err);

/* A fast path for ds__csv_stream: skip gets each line that starts a record
 * (without its '\n') and returns 1 when it can tell that the line is a
 * whole record for which fn would add nothing, report nothing and fail
 * nothing; the reader then passes over it without parsing it.  Returning
 * 0 is always safe.  skip may be NULL (that is ds__csv_stream). */
typedef int (*ds__csv_skip_fn)(void *ctx, const char *line, size_t len);
ds_status ds__csv_stream_skip(const char *path, ds__read_fn read, void *src,
                              char delim, ds__csv_fn fn, ds__csv_skip_fn skip,
                              void *ctx,
                              void (*progress)(void *pctx, size_t done),
                              void *pctx, ds_error *err);

#endif
