/* defspend/nato2035.h - NATO's 2035 target as the Hague summit (June 2025)
 * defined it: 3.5% of GDP on core defense and 1.5% on defense- and
 * security-related spending, each against the country's current figure
 * for that category and the gap to it.
 *
 * Core: military expenditure as a share of GDP by one definition (the
 * caller's, else the store's order: wdi, sipri, nato, ...).  Related: for
 * Japan, the government's security-related items beyond the MoD budget
 * (the definition bridge, bridge.h: other ministries' items, initial and,
 * where the store has it, supplementary); for other countries the store
 * has no sourced related figure and it is missing (NaN), never 0.  Every
 * amount is in current local currency and US$ of one GDP year, converted
 * at one exchange rate (GDP in local currency / GDP in US$), cited.
 *
 *     ds_nato2035 *n = NULL;
 *     if (ds_nato2035_run(store, "JPN", 0, NULL, &n, &err) == DS_OK) {
 *         ds_table *t = NULL;
 *         if (ds_nato2035_table(n, &t, &err) == DS_OK)
 *             (void)ds_table_write(t, DS_TABLE_TEXT, stdout, &err);
 *         ds_table_free(t);
 *     }
 *     ds_nato2035_free(n);
 */
#ifndef DEFSPEND_NATO2035_H
#define DEFSPEND_NATO2035_H

#include <stddef.h>

#include "defspend/error.h"
#include "defspend/export.h"
#include "defspend/store.h"
#include "defspend/table.h"

#ifdef __cplusplus
extern "C" {
#endif

#define DS_NATO2035_CORE_PCT 3.5
#define DS_NATO2035_RELATED_PCT 1.5

/* One category of the target. */
typedef struct ds_nato2035_part {
    const char *code;       /* "core", "related", "total" */
    const char *label;      /* for people */
    double target_pct;      /* share of GDP, percent */
    double target_lcu;      /* target x GDP, current local currency */
    double target_usd;      /* target x GDP, current US$ */
    double current_pct;     /* the current figure's share of GDP; NaN */
    double current_lcu;     /* current figure, local currency; NaN */
    double current_usd;     /* current figure at the one rate; NaN */
    double gap_pct;         /* target - current, points of GDP; NaN */
    double gap_lcu;         /* target - current, local currency; NaN */
    double gap_usd;         /* at the one rate; NaN */
    const char *definition; /* of the current figure, "" when none */
    int year;               /* the current figure's year (calendar for
                               core, fiscal for Japan's related items) */
    unsigned flags;         /* DS_FLAG_* of its figures (DERIVED ...) */
    const ds_obs *obs;      /* the current figure's main observation */
    char basis[400];        /* how the current figure was obtained, or
                               why it is missing */
} ds_nato2035_part;

typedef struct ds_nato2035 {
    char iso3[8];
    const char *name;
    char lcu[8];            /* local currency, "" when unknown */
    int year;               /* the GDP year */
    const ds_obs *gdp_usd;  /* GDP, current US$ */
    const ds_obs *gdp_lcu;  /* GDP, current local currency, or NULL */
    double lcu_per_usd;     /* the one exchange rate: gdp_lcu / gdp_usd */
    ds_nato2035_part core, related, total;
} ds_nato2035;

/* The 2035 target of iso3 against GDP of year (0 = the latest with GDP in
 * US$); source: the core definition (NULL = the store's order).  Errors as
 * ds_scenario_run (DS_ENOTFOUND without GDP).  Pointers borrow from the
 * store. */
DS_API DS_WUR ds_status ds_nato2035_run(const ds_store *store,
                                        const char *iso3, int year,
                                        const char *source,
                                        ds_nato2035 **out, ds_error *err);
DS_API void ds_nato2035_free(ds_nato2035 *n);

/* As a table: one row per category (core, related, total) with the
 * target, the current figure and the gap as a share of GDP, in local
 * currency and US$, its definition, year, flags, basis and source; in
 * text the GDP and the exchange rate above the grid. */
DS_API DS_WUR ds_status ds_nato2035_table(const ds_nato2035 *n,
                                          ds_table **out, ds_error *err);

#ifdef __cplusplus
}
#endif

#endif
