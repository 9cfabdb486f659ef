/* defspend/select.h - figure selection: which observation answers a question.
 *
 * The one place that decides which stored figure answers "military
 * expenditure as a share of GDP for (country, year) by definition D", and
 * says why.  The rules (README, "Which figure is used"):
 *   - a ratio takes numerator and denominator from the same definition
 *     (publisher), or uses that publisher's own published ratio when one is
 *     stored; SIPRI spending is never divided by NATO's GDP;
 *   - forecasts (flag `projection`) never stand in for actuals;
 *   - a figure older than the newest year of its own release, or more than
 *     two years older than the newest year the store holds for the
 *     indicator, is "stale" and printed with an "as of YEAR" note.
 */
#ifndef DEFSPEND_SELECT_H
#define DEFSPEND_SELECT_H

#include <stddef.h>

#include "defspend/error.h"
#include "defspend/export.h"
#include "defspend/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A spending definition for people: "World Bank WDI",
 * "SIPRI", "NATO", "Japan MoD budget" ...; the code itself when unknown. */
DS_API const char *ds_definition_label(const char *definition);

/* A short name for table cells: "WDI", "SIPRI", "NATO", "IMF WEO",
 * "MoD budget" ...; the code itself when unknown. */
DS_API const char *ds_definition_short(const char *definition);

/* The actual figure for (iso3, indicator, year) in currency cur (NULL:
 * any) of definition def (NULL: the store's order), year basis fy (0 any,
 * 1 calendar, 4 fiscal from April), current prices for money: the
 * observation ds_store_find chooses, never a projection; NULL when none. */
DS_API const ds_obs *ds_select_actual(const ds_store *store, const char *iso3,
                                      const char *indicator, int year,
                                      const char *cur, const char *def,
                                      int fy);

/* Military expenditure as a share of GDP by one definition, one calendar
 * year, actuals only.  Pointers borrow from the store. */
typedef struct ds_share {
    int year;                 /* calendar year */
    const char *definition;   /* the definition all figures share */
    double pct;               /* percent of GDP */
    double milex_usd;         /* current US$; NaN when unknown */
    double gdp_usd;           /* current US$; NaN when unknown */
    const ds_obs *published;  /* the publisher's own ratio, or NULL */
    const ds_obs *milex;      /* spending, current US$, same definition */
    const ds_obs *gdp;        /* GDP, current US$, same definition */
    int milex_derived;        /* milex_usd = pct x gdp_usd */
    int gdp_derived;          /* gdp_usd = milex_usd / pct */
    char basis[160];          /* how pct was obtained, for people */
} ds_share;

/* The share for iso3 in year by definition (NULL: the first definition in
 * the store's order -- wdi, sipri, nato, imf_weo, mod_budget, others --
 * that has one).  The publisher's ratio (milex_gdp_pct) wins; else
 * spending / GDP, both current US$ of that definition.  Spending or GDP
 * missing beside a published ratio is derived from the other and said so.
 * DS_ENOTFOUND (message names the definition and year) when none. */
DS_API DS_WUR ds_status ds_select_share(const ds_store *store,
                                        const char *iso3,
                                        const char *definition, int year,
                                        ds_share *out, ds_error *err);

/* The latest calendar year <= max_year (0 = any) for which
 * ds_select_share(definition) succeeds, or 0. */
DS_API int ds_select_share_latest_year(const ds_store *store,
                                       const char *iso3,
                                       const char *definition, int max_year);

/* Which years give a share by one definition, for many countries in one
 * pass over the store: ok[i * (to - from + 1) + (y - from)] is set to 1
 * when ds_select_share(iso3[i], definition, y) finds the publisher's
 * ratio or that definition's spending and GDP in current US$ (actuals,
 * calendar years), else 0.  DS_EINVAL when to < from. */
DS_API DS_WUR ds_status ds_select_share_years(const ds_store *store,
                                              const char *const *iso3,
                                              size_t n,
                                              const char *definition,
                                              int from, int to,
                                              unsigned char *ok,
                                              ds_error *err);

/* How old a figure is.  newest_in_release: the newest year any country
 * has for o's indicator, definition and vintage; newest_in_store: the
 * newest actual year of o's indicator in the whole store.  Only
 * observations with o's year basis count, and draft budgets do not (a
 * fiscal-year draft is neither a newer calendar year nor an actual).
 * Returns 1 when o is stale (o->year < newest_in_release, or more than two years before
 * newest_in_store).  Either output may be NULL. */
DS_API int ds_select_age(const ds_store *store, const ds_obs *o,
                         int *newest_in_release, int *newest_in_store);

/* A share of GDP by the convention of a definition that carries its own
 * GDP (e.g. jp_security_related: Japan's security-related total against
 * FY2022 nominal GDP, the government's base for its 2% target).  Both
 * sides come from that one definition, in one currency. */
typedef struct ds_share_own {
    int year;                     /* year of the spending (its own basis) */
    const char *definition;
    double pct;                   /* (initial + supplementary) / GDP */
    double pct_initial;           /* initial / GDP */
    double spending;              /* initial + supplementary, currency */
    const ds_obs *milex;          /* the initial figure */
    const ds_obs *supplementary;  /* milex_supplementary that year, or NULL */
    const ds_obs *gdp;            /* the definition's own GDP: its latest
                                     year not after the spending's */
    char basis[256];              /* how pct was obtained, for people */
} ds_share_own;

/* The latest year <= max_year (0 = any) of definition's spending (milex,
 * actuals only: no projection, no draft) for iso3 that the definition's
 * own GDP (gdp, same currency and definition) can measure.  DS_ENOTFOUND
 * when the definition holds no GDP of its own or no such spending. */
DS_API DS_WUR ds_status ds_select_share_own(const ds_store *store,
                                            const char *iso3,
                                            const char *definition,
                                            int max_year, ds_share_own *out,
                                            ds_error *err);

/* Definitions that give military expenditure (milex or milex_gdp_pct) for
 * iso3 (NULL: any country), in the store's order; writes at most cap
 * interned strings, returns the total. */
DS_API size_t ds_select_definitions(const ds_store *store, const char *iso3,
                                    const char **out, size_t cap);

#ifdef __cplusplus
}
#endif

#endif
