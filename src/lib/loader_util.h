/* loader_util.h - helpers shared by the source-format loaders (load_*.c)
 * and import.c: filters, skip reports, adding observations, country
 * lookup and the WDI series table; with the core helpers the loaders use
 * (text.h, csv_stream.h, zip_internal.h).  Not installed.
 */
#ifndef DS_LOADER_UTIL_H
#define DS_LOADER_UTIL_H

#include <stdio.h>

#include "import_internal.h"
#include "csv_stream.h"
#include "text.h"
#include "zip_internal.h"

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
/* Count `rows` more rows of a series already counted once (a fast path
 * that adds them up before it reports them). */
void ds__unused_more(ds__import_ctx *c, const char *series,
                     size_t series_len, size_t rows);

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

/* The same in two steps, for a row of one series with a value per year:
 * ds__emit_begin interns o's strings into *ob once (adding nothing), and
 * ds__emit_value adds *ob with the given year and value, as ds__emit
 * would (o->line stays the observation's line). */
ds_status ds__emit_begin(ds__import_ctx *c, const ds__obs_spec *o,
                         ds_obs *ob, ds_error *err);
ds_status ds__emit_value(ds__import_ctx *c, ds_obs *ob, int year,
                         double value, size_t column, ds_error *err);

/* ---- WDI series codes ---- */

enum { DS__CUR_NONE, DS__CUR_USD, DS__CUR_LCU };

typedef struct ds__wdi_series {
    const char *code;        /* NY.GDP.MKTP.CD */
    const char *indicator;   /* gdp */
    int currency;            /* DS__CUR_* */
    const char *price_basis; /* "current" or "" */
} ds__wdi_series;

/* ISO 4217 code for a row of a local-currency table (SIPRI, NATO): a
 * shared currency named by the row's unit word ("Euros", "US dollars")
 * wins over the country's own; NULL when neither is known. */
const char *ds__row_currency(const ds_country *k, const char *word);

/* The defspend meaning of a WDI series code, or NULL. */
const ds__wdi_series *ds__wdi_series_find(const char *code);

/* Indicator name for a source code asked for by the user but without a
 * defspend meaning: lowercase, '.' and '-' become '_' (NY.GDP.PCAP.CD ->
 * ny_gdp_pcap_cd).  Returns buf. */
char *ds__indicator_from_code(const char *code, char *buf, size_t size);

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
