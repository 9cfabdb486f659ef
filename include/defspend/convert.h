/* defspend/convert.h - currency, price-basis and year-basis conversions.
 *
 * Three conversions of a stored series, each stating what it used:
 *   - local currency <-> US$ at the official annual-average rate in the
 *     store (indicator fx, definition wdi), at the rate implied by GDP in
 *     local currency over GDP in US$, or at a rate the caller gives;
 *   - current -> constant prices of any base year with the GDP deflator
 *     (indicator gdp_deflator);
 *   - fiscal -> calendar years: a fiscal year starting in month m (labelled
 *     by the calendar year it starts in) contributes (13-m)/12 of itself to
 *     its own calendar year and (m-1)/12 to the next, so
 *     CY(t) = (m-1)/12 * FY(t-1) + (13-m)/12 * FY(t); for April
 *     0.25/0.75, SIPRI's rule.
 * A missing input gives a missing (NaN) output with a note, never zero.
 */
#ifndef DEFSPEND_CONVERT_H
#define DEFSPEND_CONVERT_H

#include <stddef.h>

#include "defspend/error.h"
#include "defspend/export.h"
#include "defspend/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Calendar year t from fiscal years t-1 and t starting in month
 * start_month (1..12; 1 returns fy_t).  NaN in a needed input gives NaN. */
DS_API double ds_convert_fy_to_cy(double fy_prev, double fy_t,
                                  int start_month);

/* Weight of fiscal year t-1 in calendar year t: (start_month - 1) / 12. */
DS_API double ds_convert_fy_weight_prev(int start_month);

/* Rebase value of a year with deflator index d_year to prices of a year
 * with index d_base: value * d_base / d_year.  NaN/0 index gives NaN. */
DS_API double ds_convert_rebase(double value, double d_year, double d_base);

typedef enum ds_rate_kind {
    DS_RATE_OFFICIAL = 0, /* store fx (definition wdi), annual average */
    DS_RATE_GDP_IMPLIED,  /* GDP in local currency / GDP in US$ */
    DS_RATE_USER          /* a rate the caller gives */
} ds_rate_kind;

/* An exchange rate for one calendar year and what it rests on. */
typedef struct ds_rate {
    ds_rate_kind kind;
    int year;              /* calendar year the rate applies to */
    double lcu_per_usd;    /* local currency units per US$ */
    const ds_obs *obs;     /* official: the fx row; implied: GDP in LCU */
    const ds_obs *obs_usd; /* implied: GDP in US$; NULL otherwise */
    char basis[192];       /* "official annual average (World Bank ...)" */
} ds_rate;

/* The rate for iso3/lcu in year.  DS_ENOTFOUND when the store lacks it;
 * user_rate is used for DS_RATE_USER (must be finite and > 0, else
 * DS_EINVAL).  Output written only on success. */
DS_API DS_WUR ds_status ds_rate_find(const ds_store *store, const char *iso3,
                                     const char *lcu, int year,
                                     ds_rate_kind kind, double user_rate,
                                     ds_rate *out, ds_error *err);

typedef enum ds_convert_to {
    DS_TO_CALENDAR = 0, /* fiscal -> calendar year, same currency */
    DS_TO_USD,          /* local currency -> US$ */
    DS_TO_LCU,          /* US$ -> local currency */
    DS_TO_CONSTANT      /* current -> constant prices of base_year */
} ds_convert_to;

typedef struct ds_convert_spec {
    const char *country;    /* ISO3, required */
    const char *indicator;  /* required (gdp, milex, ...) */
    const char *definition; /* NULL = the store's preferred one */
    ds_convert_to to;
    int base_year;          /* DS_TO_CONSTANT: price base year */
    ds_rate_kind rate_kind; /* DS_TO_USD / DS_TO_LCU / constant US$ */
    double user_rate;       /* DS_RATE_USER: LCU per US$ */
} ds_convert_spec;

/* The defaults, in one place: every field 0 / NULL except user_rate NaN
 * (none given).  Set country, indicator and to after it. */
DS_API void ds_convert_spec_init(ds_convert_spec *spec);

typedef struct ds_convert_row {
    int year;              /* output year (calendar for DS_TO_CALENDAR) */
    double in;             /* input value (FY(t) for calendar), NaN if none */
    double in_prev;        /* DS_TO_CALENDAR: FY(t-1), NaN otherwise */
    double factor;         /* multiplier applied (rate, 1/rate, deflator
                              ratio); NaN for the calendar weighting */
    double out;            /* converted value, NaN when an input is missing */
    const ds_obs *src;     /* source observation of in, NULL if none */
    const ds_obs *src_prev; /* DS_TO_CALENDAR: source of in_prev */
    unsigned flags;        /* union of the inputs' DS_FLAG_* */
    char note[160];        /* what was missing or approximated, "" if none */
} ds_convert_row;

typedef struct ds_conversion {
    char iso3[8];
    const char *lcu;          /* local currency code, "" if unknown */
    const char *indicator;
    const char *definition;   /* of the input series */
    const char *currency_in;  /* currency of the input series */
    const char *currency_out; /* currency of the output */
    const char *price_in;     /* "current" */
    char price_out[32];       /* "current" or "constant 2015" */
    int fy_start_month_in;    /* 1 calendar, 4 April, ... */
    int fy_start_month_out;
    const char *source;       /* of the input series (first row) */
    const char *vintage;      /* of the input series (newest row) */
    char method[384];         /* the conversion, stated for people */
    ds_rate_kind rate_kind;
    size_t n_rows;
    ds_convert_row *rows;
    size_t n_rates;
    ds_rate *rates;           /* rates used, one per calendar year */
    size_t n_deflators;
    const ds_obs **deflators; /* deflator rows used, base year first */
} ds_conversion;

/* Convert the stored series.  DS_ENOTFOUND when there is no such series
 * (or, for DS_TO_CALENDAR, no fiscal-year series; for DS_TO_CONSTANT, no
 * deflator for the base year); DS_EINVAL for a series already in the
 * target basis. */
DS_API DS_WUR ds_status ds_convert_run(const ds_store *store,
                                       const ds_convert_spec *spec,
                                       ds_conversion **out, ds_error *err);
DS_API void ds_convert_free(ds_conversion *c);
/* Deprecated: the old name of ds_convert_free (run/free of one noun). */
DS_API void ds_conversion_free(ds_conversion *c);

#ifdef __cplusplus
}
#endif

#endif
