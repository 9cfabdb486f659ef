/* defspend/scenario.h - spending at chosen shares of GDP against a baseline.
 *
 * For one country and year: what 1%, 3%, 3.5%, 5% ... of GDP is in US$ and
 * local currency, how it compares with a baseline budget (difference, ratio,
 * per capita), and the actual share of GDP.  Every figure keeps a pointer to
 * the store observations it came from so callers can cite them.
 */
#ifndef DEFSPEND_SCENARIO_H
#define DEFSPEND_SCENARIO_H

#include <stddef.h>

#include "defspend/amount.h"
#include "defspend/error.h"
#include "defspend/export.h"
#include "defspend/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ds_baseline_kind {
    DS_BASELINE_DEFAULT = 0, /* meta/baselines.csv (that series in the
                                scenario year if present, else the configured
                                year), else the latest milex in the store */
    DS_BASELINE_NONE,        /* no baseline: diff and ratio are NaN */
    DS_BASELINE_AMOUNT,      /* an amount given by the user */
    DS_BASELINE_DATA         /* military expenditure in the store that year */
} ds_baseline_kind;

typedef struct ds_scenario_spec {
    const char *country;       /* ISO3, required */
    int year;                  /* 0 = latest year with GDP in US$ */
    const double *targets_pct; /* shares of GDP in percent */
    size_t n_targets;
    ds_baseline_kind baseline_kind;
    ds_amount baseline_amount; /* for DS_BASELINE_AMOUNT; "" currency = USD */
} ds_scenario_spec;

typedef struct ds_baseline {
    int present;             /* 0 when there is no baseline */
    char label[256];         /* what the baseline is, for people */
    double usd;              /* current US$ */
    double lcu;              /* current local currency, NaN if unknown */
    double lcu_per_usd;      /* rate linking usd and lcu (LCU per US$) */
    char rate_basis[128];    /* how that rate was obtained */
    const ds_obs *obs_usd;   /* store observation used, NULL if none */
    const ds_obs *obs_lcu;   /* store observation used, NULL if none */
    double share_pct;        /* baseline / GDP of the scenario year, percent */
    char share_basis[64];    /* which currency share_pct was computed in */
    double usd_at_official;  /* lcu at the official average rate, NaN if n/a */
    const ds_obs *fx_official; /* official rate used for usd_at_official */
} ds_baseline;

typedef struct ds_scenario_row {
    double target_pct;        /* share of GDP, percent */
    double spend_usd;         /* current US$ */
    double spend_lcu;         /* current local currency, NaN if no GDP in LCU */
    double diff_usd;          /* spend - baseline, US$ */
    double diff_lcu;          /* spend - baseline, local currency */
    double ratio_to_baseline; /* spend_usd / baseline usd */
    double ratio_to_baseline_lcu; /* spend_lcu / baseline lcu */
    double per_capita_usd;    /* US$ per person, NaN without population */
    double per_capita_lcu;    /* local currency per person */
} ds_scenario_row;

typedef struct ds_scenario {
    char iso3[8];
    const char *name;          /* country display name */
    const char *lcu;           /* local currency code, "" if unknown */
    int year;                  /* calendar year of GDP */
    const ds_obs *gdp_usd;     /* GDP, current US$ (required) */
    const ds_obs *gdp_lcu;     /* GDP, current LCU, NULL if not in store */
    double gdp_lcu_per_usd;    /* gdp_lcu / gdp_usd, NaN without gdp_lcu */
    const ds_obs *population;  /* NULL if not in store */
    const ds_obs *fx_official; /* official average rate that year, or NULL */
    const ds_obs *actual_pct;  /* milex_gdp_pct in year, or NULL */
    const ds_obs *latest_pct;  /* latest milex_gdp_pct <= year, or NULL */
    const ds_obs *milex_usd;   /* milex in US$ in year (calendar), or NULL */
    double derived_pct;        /* 100 * milex_usd / gdp_usd when the store
                                  has no milex_gdp_pct for year, else NaN */
    ds_baseline baseline;
    size_t n_rows;
    ds_scenario_row *rows;
} ds_scenario;

/* Compute the scenario table.  Errors: DS_ENOTFOUND for a country or year
 * without GDP data (the message lists the years that have data), DS_EINVAL
 * for a baseline in a currency that is neither US$ nor the local one. */
DS_API DS_WUR ds_status ds_scenario_run(const ds_store *store,
                                        const ds_scenario_spec *spec,
                                        ds_scenario **out, ds_error *err);
DS_API void ds_scenario_free(ds_scenario *s);

#ifdef __cplusplus
}
#endif

#endif
