/* defspend/bridge.h - the definition bridge: what counts as defense
 * spending.
 *
 * For one country and fiscal year, the steps from the narrowest budget
 * figure to the government's widest own total, each a sourced figure of
 * the store or the difference of two (flagged derived), in local currency
 * and as a share of GDP of two kinds: the calendar year's GDP and the GDP
 * the government's own target is a share of (Japan: FY2022 GDP, the base
 * of its "2%").  Beside them, the other publishers' shares of GDP (SIPRI,
 * NATO, the World Bank) for the calendar year.  A step without a sourced
 * figure is missing (NaN), never 0 and never estimated; so is every level
 * after it.
 *
 * For Japan (the store's definitions mod_budget_excl_saco, mod_budget and
 * jp_security_related, datasets/japan_*.csv):
 *   MoD budget excl. SACO/US realignment (initial)
 *   + SACO and US realignment            = MoD budget - excl. (derived)
 *   = MoD budget (initial)
 *   + MoD supplementary budget
 *   + other ministries' security-related items, initial budget
 *       (Coast Guard, PKO, research, public infrastructure, cyber)
 *                                        = security-related total - MoD
 *   + other ministries' items in the supplementary budget
 *                                        = security-related supplementary
 *                                          - MoD supplementary
 *   = government security-related total (initial + supplementary)
 *   memo: security-related total, initial budget only
 *
 *     ds_bridge *b = NULL;
 *     if (ds_bridge_run(store, "JPN", 2024, &b, &err) == DS_OK) {
 *         ds_table *t = NULL;
 *         if (ds_bridge_table(b, &t, &err) == DS_OK)
 *             (void)ds_table_write(t, DS_TABLE_MD, f, &err);
 *         ds_table_free(t);
 *     }
 *     ds_bridge_free(b);
 */
#ifndef DEFSPEND_BRIDGE_H
#define DEFSPEND_BRIDGE_H

#include <stddef.h>

#include "defspend/error.h"
#include "defspend/export.h"
#include "defspend/store.h"
#include "defspend/table.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ds_bridge_kind {
    DS_BRIDGE_START = 0,    /* the first level */
    DS_BRIDGE_ADD = 1,      /* an amount added to the level before */
    DS_BRIDGE_SUBTOTAL = 2, /* a level, itself a sourced figure */
    DS_BRIDGE_TOTAL = 3,    /* the last level */
    DS_BRIDGE_MEMO = 4,     /* a sourced level outside the chain */
    DS_BRIDGE_OTHER = 5     /* another publisher's figure, beside it */
} ds_bridge_kind;

#define DS_BRIDGE_MAX_STEPS 16

typedef struct ds_bridge_step {
    ds_bridge_kind kind;
    const char *label;     /* for people, static */
    const char *code;      /* for data ("mod_excl_saco", "saco", ...) */
    double lcu;            /* the amount (ADD) or level, current local
                              currency; NaN = no sourced figure */
    double level_lcu;      /* the running level after the step (= lcu for
                              levels); NaN once a step before is missing */
    double pct_gdp;        /* lcu / calendar-year GDP, %; NaN */
    double pct_gdp_base;   /* lcu / the target's base GDP, %; NaN */
    unsigned flags;        /* DS_FLAG_*: DERIVED for a difference or sum;
                              APPROXIMATE, DRAFT, ESTIMATE of its inputs */
    const ds_obs *obs;     /* the sourced figure, or the first term */
    const ds_obs *minus;   /* derived: the figure subtracted (or, for a
                              sum, added), else NULL */
    const char *definition; /* OTHER: the publisher's definition */
    int year;              /* OTHER: calendar year; else the fiscal year */
    char basis[320];       /* how it was obtained, or why it is missing */
} ds_bridge_step;

typedef struct ds_bridge {
    char iso3[8];
    const char *name;        /* country display name */
    char lcu[8];             /* local currency ("JPY") */
    int fiscal_year;         /* the budget's fiscal year (label year) */
    int fy_start_month;      /* 4 = April */
    const ds_obs *gdp;       /* GDP of calendar year fiscal_year, current
                                local currency, or NULL */
    const ds_obs *gdp_base;  /* GDP the government's target is a share of
                                (Japan: FY2022), or NULL */
    size_t n_steps;
    ds_bridge_step steps[DS_BRIDGE_MAX_STEPS];
} ds_bridge;

/* The bridge of iso3 for fiscal_year (0 = the latest fiscal year with the
 * government's security-related total).  DS_ENOTFOUND when the store has
 * no budget figures of the bridge's definitions for the country or year
 * (the message names them and the years it has).  Pointers borrow from
 * the store. */
DS_API DS_WUR ds_status ds_bridge_run(const ds_store *store, const char *iso3,
                                      int fiscal_year, ds_bridge **out,
                                      ds_error *err);
DS_API void ds_bridge_free(ds_bridge *b);

/* The first step with code, or NULL. */
DS_API const ds_bridge_step *ds_bridge_find(const ds_bridge *b,
                                            const char *code);

/* The bridge as a table: one row per step (amount and level in local
 * currency, both shares of GDP, flags, basis, source and vintage; every
 * figure cited), in text the GDP bases above the grid and an operator
 * column (+, =). */
DS_API DS_WUR ds_status ds_bridge_table(const ds_bridge *b, ds_table **out,
                                        ds_error *err);

#ifdef __cplusplus
}
#endif

#endif
