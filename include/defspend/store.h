/* defspend/store.h - the observation store.
 *
 * Every number defspend knows is an observation: one value for one country,
 * year, indicator, currency, price basis, definition and vintage, with its
 * source and flags.  A store is loaded from a directory of tidy CSV files
 * (see datasets/README.md for the columns) and answers queries; by default
 * the newest vintage wins.  Strings returned by the store stay valid until
 * ds_store_free().
 */
#ifndef DEFSPEND_STORE_H
#define DEFSPEND_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "defspend/country.h"
#include "defspend/error.h"
#include "defspend/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Observation flags (bit set). */
enum {
    DS_FLAG_ESTIMATE = 1u << 0,    /* publisher's estimate */
    DS_FLAG_PROJECTION = 1u << 1,  /* forecast / projection */
    DS_FLAG_UNCERTAIN = 1u << 2,   /* highly uncertain (SIPRI red) */
    DS_FLAG_AGGREGATE = 1u << 3,   /* region / group, not a country */
    DS_FLAG_DRAFT = 1u << 4,       /* draft budget, not enacted */
    DS_FLAG_APPROXIMATE = 1u << 5, /* source gives an approximate figure */
    DS_FLAG_DERIVED = 1u << 6,     /* arithmetic on sourced figures */
    DS_FLAG_SUSPECT = 1u << 7      /* failed an import plausibility check
                                      (kept, not corrected) */
};

/* The column header of a store CSV file, in order. */
#define DS_STORE_HEADER                                                       \
    "country,year,year_basis,indicator,value,currency,price_basis,"         \
    "definition,source,vintage,flags,note"

typedef struct ds_obs {
    const char *country;     /* ISO 3166-1 alpha-3 or WDI aggregate code */
    int year;                /* calendar year, or fiscal year's label year */
    int fy_start_month;      /* 1 = calendar year; 4 = fiscal year from April */
    const char *indicator;   /* gdp, milex, milex_gdp_pct, fx, ... */
    double value;            /* in units (not thousands); percent for *_pct */
    const char *currency;    /* ISO 4217; for fx the local currency; "" */
    const char *price_basis; /* "current", "constant 2015" or "" */
    const char *definition;  /* wdi, sipri, nato, mod_budget, ... */
    const char *source;      /* publisher and series code */
    const char *vintage;     /* release date of the source, YYYY-MM-DD */
    unsigned flags;          /* DS_FLAG_* */
    const char *note;        /* free text, "" if none */
    const char *path;        /* file the observation was loaded from */
    size_t line;             /* 1-based line in that file */
} ds_obs;

typedef struct ds_store ds_store;

/* Which observations a query sees by their projection flag.  The default
 * (0) is actuals only: a forecast never answers a question about what was
 * spent or earned, the latest year or an exchange rate. */
typedef enum ds_projections {
    DS_ACTUALS_ONLY = 0,      /* skip DS_FLAG_PROJECTION observations */
    DS_WITH_PROJECTIONS = 1,  /* actuals and projections alike */
    DS_PROJECTIONS_ONLY = 2   /* forecasts only (e.g. WEO growth) */
} ds_projections;

/* A query.  NULL (or 0 for year) fields match anything; see ds_store_find
 * for how a unique answer is chosen among several matches. */
typedef struct ds_query {
    const char *country;     /* ISO3, required */
    const char *indicator;   /* required */
    int year;                /* 0 = any year */
    const char *currency;    /* NULL = any */
    const char *definition;  /* NULL = preferred definition */
    const char *vintage;     /* NULL = newest vintage */
    const char *price_basis; /* NULL = "current" for money, any otherwise */
    int fy_start_month;      /* 0 = any; 1 = calendar only; 4 = FY April */
    ds_projections projections; /* DS_ACTUALS_ONLY (0) by default */
} ds_query;

DS_API DS_WUR ds_store *ds_store_alloc(void);
DS_API void ds_store_free(ds_store *store);

/* Load every *.csv file directly inside dir (sorted by name; other
 * subdirectories are not read), then dir/meta/countries.csv and
 * dir/meta/baselines.csv when present.  On error the store is left as
 * before the call. */
DS_API DS_WUR ds_status ds_store_load_dir(ds_store *store, const char *dir,
                                          ds_error *err);

/* Load every *.csv file directly inside dir as a layer over what the store
 * already holds: an observation whose key (country, year, year basis,
 * indicator, currency, price basis, definition, vintage) is already in the
 * store replaces the stored one (the upper layer wins); within dir the
 * usual rules hold (conflicting duplicates are an error).  A missing dir
 * is not an error (nothing is loaded).  dir/meta/countries.csv, if
 * present, replaces the country table.  On error the store is left as
 * before. */
DS_API DS_WUR ds_status ds_store_overlay_dir(ds_store *store, const char *dir,
                                             ds_error *err);

/* Where a store is read from.  base is the shipped datasets; upper is a
 * store layered over them (the user store of `defspend import`, or one
 * given with --data) by ds_store_overlay_dir: its figures replace the
 * base's of the same key, and each of its meta/ files (countries.csv,
 * baselines.csv, groups.csv) present replaces the base's file of that
 * name whole.  upper_only reads upper alone, meta/ included (--data-only).
 * base NULL reads upper alone; upper NULL reads base alone. */
typedef struct ds_store_layers {
    const char *base;   /* the shipped datasets, or NULL */
    const char *upper;  /* a store over them, or NULL */
    int upper_optional; /* 1: a missing upper is no error (the user store) */
    int upper_only;     /* 1: read upper alone (--data-only) */
} ds_store_layers;

/* Load the layers l into s (empty, as from ds_store_alloc).  A missing
 * upper is an error (DS_EIO "cannot open data directory") unless
 * upper_optional.  On error the store holds no observation of the call. */
DS_API DS_WUR ds_status ds_store_load_layers(ds_store *s,
                                             const ds_store_layers *l,
                                             ds_error *err);

/* The path of meta/NAME (e.g. "groups.csv") the layers l read: upper's
 * when it has one (or upper_only, or no base), else base's.  Returns 0 if
 * the path does not fit in size. */
DS_API int ds_store_layers_meta(const ds_store_layers *l, const char *name,
                                char *buf, size_t size);

/* Load one store CSV file.  On error the store is left as before.  A file
 * of 256 KB or more may be read from (and its observations saved to) a
 * binary cache in $XDG_CACHE_HOME/defspend, used only while the file is
 * unchanged, with the same observations and errors as the CSV;
 * DEFSPEND_CACHE=0 in the environment turns it off. */
DS_API DS_WUR ds_status ds_store_load_file(ds_store *store, const char *path,
                                           ds_error *err);

/* Load store CSV text held in memory; path is used in error messages. */
DS_API DS_WUR ds_status ds_store_load_buffer(ds_store *store, const char *path,
                                             const char *buf, size_t len,
                                             ds_error *err);

DS_API size_t ds_store_count(const ds_store *store);

/* The i-th observation in load order; valid until ds_store_free. */
DS_API const ds_obs *ds_store_get(const ds_store *store, size_t i);

/* Find the single best observation matching q.  Among matches:
 * calendar-year observations before fiscal-year ones; then the definition
 * ranked first in wdi, sipri, nato, imf_weo, mod_budget, others
 * alphabetical; then US$ before other currencies (when q->currency is
 * NULL); then, within one series, the newest vintage (unless q->vintage is
 * set).  Returns DS_ENOTFOUND (with a message naming the query) when
 * nothing matches. */
DS_API DS_WUR ds_status ds_store_find(const ds_store *store, const ds_query *q,
                                      const ds_obs **out, ds_error *err);

/* The observations of one country, one indicator or one (country,
 * indicator) pair (NULL for any; both NULL: all), in load order (the
 * order of ds_store_get).  A loaded store keeps an index of these groups,
 * so a query reads its candidates instead of the whole store:
 *
 *     ds_store_iter it;
 *     const ds_obs *o;
 *     ds_store_iter_init(&it, store, "JPN", "gdp");
 *     while ((o = ds_store_iter_next(&it)) != NULL)
 *         ...
 *
 * The iterator is valid while the store is not changed. */
typedef struct ds_store_iter {
    const ds_store *store;
    const char *country, *indicator; /* the store's strings, or NULL */
    const uint32_t *idx;             /* the group's positions, or NULL */
    size_t pos, end;
} ds_store_iter;

DS_API void ds_store_iter_init(ds_store_iter *it, const ds_store *store,
                               const char *country, const char *indicator);
DS_API const ds_obs *ds_store_iter_next(ds_store_iter *it);

/* The latest year for which ds_store_find(q with that year) succeeds. */
DS_API DS_WUR ds_status ds_store_latest_year(const ds_store *store,
                                             const ds_query *q, int *year,
                                             ds_error *err);

/* The distinct years (ascending) with a match for q (its year ignored).
 * Writes at most cap years to years and the total count to *n. */
DS_API DS_WUR ds_status ds_store_years(const ds_store *store, const ds_query *q,
                                       int *years, size_t cap, size_t *n,
                                       ds_error *err);

/* The default baseline of a country (from meta/baselines.csv). */
typedef struct ds_baseline_def {
    const char *country;    /* ISO3 */
    const char *indicator;  /* usually milex */
    const char *definition; /* e.g. mod_budget */
    int year;               /* label year of the budget */
    int fy_start_month;     /* 1 calendar, 4 fiscal year from April */
    const char *label;      /* what it is, for people */
} ds_baseline_def;

/* The country table loaded from DIR/meta/countries.csv by
 * ds_store_load_dir; NULL if none was loaded.  Valid until ds_store_free. */
DS_API const ds_countries *ds_store_countries(const ds_store *store);

/* The default baseline for iso3, or NULL (from DIR/meta/baselines.csv). */
DS_API const ds_baseline_def *ds_store_baseline_def(const ds_store *store,
                                                    const char *iso3);

/* One release held by the store: a definition and vintage with how many
 * observations and which years it covers. */
typedef struct ds_release {
    const char *definition; /* wdi, sipri, mod_budget ... */
    const char *vintage;    /* YYYY-MM-DD, "" if unknown */
    size_t count;           /* observations */
    int first_year, last_year;
} ds_release;

/* The distinct (definition, vintage) pairs, sorted by definition in the
 * store's order then vintage; writes at most cap, returns the total.
 * Strings stay valid until ds_store_free. */
DS_API size_t ds_store_releases(const ds_store *store, ds_release *out,
                                size_t cap);

/* Flags as text ("estimate;draft"), "" for none.  Returns buf. */
DS_API char *ds_flags_format(unsigned flags, char *buf, size_t size);

/* Parse a ';'-separated flag list.  Unknown names give DS_EINVAL. */
DS_API DS_WUR ds_status ds_flags_parse(const char *text, unsigned *flags,
                                       ds_error *err);

/* Year basis as text: "calendar" or "fiscal-04".  Returns buf. */
DS_API char *ds_year_basis_format(int fy_start_month, char *buf, size_t size);

/* An observation's year: "2024", or "FY2024 (Apr 2024-Mar 2025)" for a
 * fiscal-year figure.  Returns buf. */
DS_API char *ds_year_label(const ds_obs *o, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif
