/* loader_util.h - helpers shared by the source-format loaders (load_*.c)
 * and import.c: filters, skip reports, adding observations, country
 * lookup, the WDI series table, dates, encodings (iconv), zip archives
 * (libzip) and a streaming CSV reader for files too big to hold in memory.
 * Not installed.
 */
#ifndef DS_LOADER_UTIL_H
#define DS_LOADER_UTIL_H

#include <stdio.h>

#include "import_internal.h"

/* ---- filters and skip reports ---- */

/* 1 if ctx asks for indicator `name` (a defspend name) or source `code`
 * (e.g. a WDI series code), or asks for no indicator in particular. */
int ds__want_indicator(const ds__import_ctx *c, const char *name,
                       const char *code);
/* 1 if the user listed source `code` itself (not merely "everything"). */
int ds__asked_code(const ds__import_ctx *c, const char *code);
/* 1 if ctx keeps country iso3 (or has no country filter). */
int ds__want_country(const ds__import_ctx *c, const char *iso3);

/* Count a row of a series defspend does not use (ctx->unused): not a
 * skip, the summary counts them per series. */
void ds__unused(ds__import_ctx *c, const char *series, size_t series_len,
                const char *name, size_t name_len);

/* Report a skipped row or cell through ctx->skip. */
void ds__skipf(ds__import_ctx *c, size_t line, size_t column,
               const char *fmt, ...) DS_PRINTF(4, 5);

/* The country for a name, alias or code, or NULL (no table or unknown). */
const ds_country *ds__country_find(const ds__import_ctx *c,
                                   const char *name);

/* ---- adding observations ---- */

typedef struct ds__obs_spec {
    const char *country;     /* ISO3 */
    int year;
    int fy_start_month;      /* 0 is taken as 1 (calendar year) */
    const char *indicator;
    double value;            /* in units */
    const char *currency;    /* "" when none */
    const char *price_basis; /* "current", "constant YYYY" or "" */
    const char *definition;
    const char *source;
    const char *vintage;     /* YYYY-MM-DD, or "" when the file has none */
    unsigned flags;
    const char *note;
    size_t line, column;     /* position of the value in the file */
} ds__obs_spec;

/* Intern the strings in ctx->batch's pool and add the observation. */
ds_status ds__emit(ds__import_ctx *c, const ds__obs_spec *o, ds_error *err);

/* ---- WDI series codes ---- */

enum { DS__CUR_NONE, DS__CUR_USD, DS__CUR_LCU };

typedef struct ds__wdi_series {
    const char *code;        /* NY.GDP.MKTP.CD */
    const char *indicator;   /* gdp */
    int currency;            /* DS__CUR_* */
    const char *price_basis; /* "current" or "" */
} ds__wdi_series;

/* The defspend meaning of a WDI series code, or NULL. */
/* 1 if needle occurs in hay, ignoring ASCII case. */
int ds__contains_ci(const char *hay, const char *needle);

/* ISO 4217 code for a row of a local-currency table (SIPRI, NATO): a
 * shared currency named by the row's unit word ("Euros", "US dollars")
 * wins over the country's own; NULL when neither is known. */
const char *ds__row_currency(const ds_country *k, const char *word);

const ds__wdi_series *ds__wdi_series_find(const char *code);

/* Indicator name for a source code asked for by the user but without a
 * defspend meaning: lowercase, '.' and '-' become '_' (NY.GDP.PCAP.CD ->
 * ny_gdp_pcap_cd).  Returns buf. */
char *ds__indicator_from_code(const char *code, char *buf, size_t size);

/* ---- text ---- */

/* Dates as sources print them ("2025-10-07", "03/28/2024") as YYYY-MM-DD;
 * returns 1 on success: a day that exists (ds__date_check) in 1900-2999.
 * ds__date_iso_why also says why not (into why, when not NULL). */
int ds__date_iso(const char *s, char out[11]);
int ds__date_iso_why(const char *s, char out[11], char *why, size_t why_size);
/* 1 if s[0..len) is valid UTF-8. */
int ds__utf8_valid(const char *s, size_t len);
/* Trim ASCII spaces at both ends in place; returns s. */
char *ds__trim(char *s);
/* Convert buf from encoding `from` to UTF-8 (iconv); *out is malloc'ed
 * and NUL-terminated.  A byte sequence invalid in `from` is a DS_EPARSE
 * error giving its byte offset. */
ds_status ds__to_utf8(const char *path, const char *from, const char *buf,
                      size_t len, char **out, size_t *outlen, ds_error *err);

/* ---- zip archives (libzip) ---- */

int ds__is_zip(const char *buf, size_t len);

typedef struct ds__zip ds__zip;
/* Open a zip archive held in memory (buf must outlive the archive). */
ds_status ds__zip_open(const char *path, const char *buf, size_t len,
                       ds__zip **out, ds_error *err);
/* Open a zip archive from a file (for streaming big members). */
ds_status ds__zip_open_file(const char *path, ds__zip **out, ds_error *err);
void ds__zip_close(ds__zip *z);
size_t ds__zip_count(const ds__zip *z);
/* Member name (valid until ds__zip_close), "" if unreadable. */
const char *ds__zip_name(const ds__zip *z, size_t i);
/* Uncompressed size of member i. */
size_t ds__zip_size(const ds__zip *z, size_t i);
/* The first member whose base name starts with prefix and ends with
 * suffix (either may be ""), or (size_t)-1. */
size_t ds__zip_find(const ds__zip *z, const char *prefix, const char *suffix);
/* Read member i whole into a malloc'ed NUL-terminated buffer. */
ds_status ds__zip_read(ds__zip *z, size_t i, char **buf, size_t *len,
                       ds_error *err);

/* ---- streaming CSV ---- */

/* Where bytes come from: returns bytes read into buf (at most n), 0 at the
 * end, (size_t)-1 on a read error. */
typedef size_t (*ds__read_fn)(void *src, char *buf, size_t n);
size_t ds__read_stdio(void *file, char *buf, size_t n);
/* A zip member as a byte source. */
ds_status ds__zip_stream_open(ds__zip *z, size_t i, void **src,
                              ds_error *err);
size_t ds__read_zip(void *src, char *buf, size_t n);
void ds__zip_stream_close(void *src);

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

/* ---- the World Bank table engine (load_wdi.c), shared by DataBank ---- */

/* Country Name, Country Code, Indicator/Series Name, Indicator/Series
 * Code, then one column per year ("1960" or "1960 [YR1960]").  Rows
 * before the header (WDI's preamble) give the vintage from "Last Updated
 * Date"; with databank set, ".." is missing and the table ends at the
 * first empty row.  meta (may be NULL) is a WDI Metadata_Country CSV
 * telling aggregates (empty Region).  vintage may be "" (none known). */
ds_status ds__wb_table(ds__import_ctx *ctx, const char *path,
                       const char *buf, size_t len, int databank,
                       const char *vintage, const char *meta,
                       size_t meta_len, const char *meta_path,
                       ds_error *err);

/* ---- streaming loaders (for files too big to read whole) ---- */

/* WDI bulk file (WDICSV.csv) or any WDI table, streamed from path; a
 * zip is opened from the file and its data member streamed.  ctx->buf may
 * hold only the start of the file (for messages and detection). */
ds_status ds__wdi_load_path(ds__import_ctx *ctx, const char *path,
                            void (*progress)(void *pctx, size_t done),
                            void *pctx, ds_error *err);

#endif
