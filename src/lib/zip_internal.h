/* zip_internal.h - core layer: the one libzip wrapper (zip.c; not installed).
 *
 * Every zip archive defspend reads (WDI and DataBank downloads, .xlsx
 * workbooks) is opened and read here, under one policy:
 *   - entry names with an absolute path or '..' are refused;
 *   - a member may inflate to at most max(64 MiB, 200 x its compressed
 *     size), never more than 2 GiB, and never more than the caller's cap
 *     (an .xlsx part: 256 MiB): what a member claims is checked before
 *     reading, what it inflates to while reading;
 *   - every failure is DS_EPARSE (bad data, not a bad argument) with the
 *     archive's path, except DS_ENOMEM.
 */
#ifndef DS_ZIP_H
#define DS_ZIP_H

#include <stddef.h>

#include "internal.h"

/* Members may inflate to no less than this, whatever their ratio... */
#define DS__ZIP_FLOOR_BYTES ((size_t)64 << 20)
/* ...to at most this many times their compressed size above it... */
#define DS__ZIP_MAX_RATIO 200
/* ...and never to more than this. */
#define DS__ZIP_MAX_BYTES ((size_t)2 << 30)

/* 1 if buf starts like a zip archive (a local header or an empty one). */
int ds__is_zip(const char *buf, size_t len);

/* Whether libzip can be loaded (zip.c loads it at the first archive):
 * DS_OK, or DS_EIO naming path, the library and how to get one. */
ds_status ds__zip_available(const char *path, ds_error *err);

typedef struct ds__zip ds__zip;
/* Open an archive held in memory (buf must outlive it).  kind (may be
 * NULL) says what the archive should be, for the message when it is not
 * one: "not a readable zip archive (an .xlsx workbook is one): ...". */
ds_status ds__zip_open_as(const char *path, const char *buf, size_t len,
                          const char *kind, ds__zip **out, ds_error *err);
ds_status ds__zip_open(const char *path, const char *buf, size_t len,
                       ds__zip **out, ds_error *err);
/* Open an archive from a file (for streaming big members). */
ds_status ds__zip_open_file(const char *path, ds__zip **out, ds_error *err);
void ds__zip_close(ds__zip *z);
size_t ds__zip_count(const ds__zip *z);
/* Member name (valid until ds__zip_close), "" if unreadable. */
const char *ds__zip_name(const ds__zip *z, size_t i);
/* Uncompressed size member i claims (0 when unknown). */
size_t ds__zip_size(const ds__zip *z, size_t i);
/* The first member whose base name starts with prefix and ends with
 * suffix (either may be ""), or (size_t)-1. */
size_t ds__zip_find(const ds__zip *z, const char *prefix, const char *suffix);
/* The member named name, compared without case (as OPC part names are),
 * or (size_t)-1. */
size_t ds__zip_locate(const ds__zip *z, const char *name);
/* How many bytes member i may inflate to under the policy above, cap
 * being the caller's own limit (0: none). */
size_t ds__zip_limit(const ds__zip *z, size_t i, size_t cap);

/* A member open for reading in chunks, its limit enforced. */
typedef struct ds__zip_member ds__zip_member;
/* Open member i.  label names it in messages ("'x.csv' in the zip
 * archive", "part 'xl/workbook.xml'"); NULL: "'NAME' in the zip
 * archive".  Refused when it claims more than ds__zip_limit(z, i, cap):
 * "LABEL claims N bytes uncompressed, over the limit of L (refused as a
 * possible zip bomb)". */
ds_status ds__zip_member_open(ds__zip *z, size_t i, const char *label,
                              size_t cap, ds__zip_member **out,
                              ds_error *err);
/* Read up to n bytes; *got 0 at the end.  Past the limit: "LABEL
 * inflates to more than L bytes (refused as a possible zip bomb)". */
ds_status ds__zip_member_read(ds__zip_member *m, char *buf, size_t n,
                              size_t *got, ds_error *err);
void ds__zip_member_close(ds__zip_member *m);

/* Read member i whole into a malloc'ed NUL-terminated buffer. */
ds_status ds__zip_read(ds__zip *z, size_t i, char **buf, size_t *len,
                       ds_error *err);

/* A member as a byte source for the streaming CSV reader (ds__read_fn):
 * ds__read_zip returns (size_t)-1 on any error, which
 * ds__zip_stream_status then turns into the member's own message. */
ds_status ds__zip_stream_open(ds__zip *z, size_t i, void **src,
                              ds_error *err);
size_t ds__read_zip(void *src, char *buf, size_t n);
/* st as the streaming reader returned it, or the member's own error when
 * the reader failed because the member did. */
ds_status ds__zip_stream_status(void *src, ds_status st, ds_error *err);
void ds__zip_stream_close(void *src);

#endif
