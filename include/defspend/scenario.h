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
#include "defspend/select.h"
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
    DS_BASELINE_DATA,        /* military expenditure by the spending
                                definition (spec.source, else the store's
                                order) in the GDP year, else its latest */
    DS_BASELINE_STORED       /* a stored figure by definition and year
                                (baseline_definition, baseline_year) */
} ds_baseline_kind;

typedef struct ds_scenario_spec {
    const char *country;       /* ISO3, required */
    int year;                  /* 0 = latest year with GDP in US$ */
    const double *targets_pct; /* shares of GDP in percent */
    size_t n_targets;
    ds_baseline_kind baseline_kind;
    ds_amount baseline_amount; /* for DS_BASELINE_AMOUNT; "" currency = USD */
    const char *baseline_definition; /* DS_BASELINE_STORED: e.g. mod_budget */
    int baseline_year;         /* DS_BASELINE_STORED: label year (calendar
                                  or fiscal, whichever the store holds) */
    const char *source;        /* spending definition for the actual share
                                  and data baselines (wdi, sipri, nato ...);
                                  NULL = the store's order */
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
    double share_pct;        /* baseline's share of GDP, percent: the
                                publisher's own share for its year when it
                                has one, else baseline / GDP of the scenario
                                year in one currency */
    char share_basis[160];   /* how share_pct was obtained, for people */
    int share_year;          /* year of the GDP in share_pct */
    double usd_one_rate;     /* lcu at the GDP's own rate (gdp_lcu_per_usd):
                                the US$ baseline at the rate GDP is
                                converted at; = usd without local figures */
    int year_differs;        /* 1 when the figure is not for the GDP year
                                (a data baseline's latest year) */
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
    double ratio_one_rate;    /* spend_usd / baseline usd_one_rate: both
                                 sides at one exchange rate */
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
    int has_actual;            /* actual is set */
    ds_share actual;           /* military expenditure's share of GDP by
                                  one definition (spec.source, else the
                                  store's order) in year, else its latest
                                  year before (actual.year says which) */
    int actual_stale;          /* ds_select_age: older than its release or
                                  the store's newest year */
    const ds_obs *actual_milex_lcu; /* actual's spending in local currency
                                  (same definition and year), or NULL */
    const ds_obs *actual_pct;  /* actual.published when actual.year == year */
    const ds_obs *latest_pct;  /* actual.published (any year), or NULL */
    const ds_obs *milex_usd;   /* actual.milex when actual.year == year */
    double derived_pct;        /* actual.pct when computed (not published)
                                  and actual.year == year, else NaN */
    ds_baseline baseline;
    size_t n_rows;
    ds_scenario_row *rows;
    int has_own;               /* own is set: spec.source is a definition
                                  with its own GDP convention and no
                                  calendar-year share (has_actual is 0) */
    ds_share_own own;          /* ds_select_share_own(spec.source), its
                                  latest year (<= spec.year when given) */
    int has_reference;         /* reference is set (with has_own) */
    ds_share reference;        /* the store's default share (no source) in
                                  year or its latest before, to print
                                  beside own */
} ds_scenario;

/* A --baseline choice as people type it (see ds_baseline_parse). */
typedef struct ds_baseline_choice {
    ds_baseline_kind kind;
    ds_amount amount;       /* DS_BASELINE_AMOUNT */
    char definition[32];    /* DS_BASELINE_STORED, e.g. "mod_budget" */
    int year;               /* DS_BASELINE_STORED: label year */
} ds_baseline_choice;

/* The accepted --baseline forms, for usage messages. */
#define DS_BASELINE_FORMS                                                     \
    "an amount with a unit or scale (56bn, 56e9, \"$56 billion\", "         \
    "\"7.95tn JPY\"), a stored figure DEFINITION:YEAR (mod_budget:2025, "   \
    "sipri:2024), 'data' or 'none'"

/* Parse a baseline: NULL = the default; "none"; "data"; DEFINITION:YEAR
 * (a stored figure: lowercase definition, 4-digit year); else an amount
 * (ds_amount_parse).  A bare number without unit or scale ("56") is
 * DS_EINVAL: it would be read as 56 US$.  Output written only on success. */
DS_API DS_WUR ds_status ds_baseline_parse(const char *text,
                                          ds_baseline_choice *out,
                                          ds_error *err);

/* Set spec's baseline fields from a parsed choice (which must outlive
 * spec: spec borrows its definition). */
DS_API void ds_scenario_spec_set_baseline(ds_scenario_spec *spec,
                                          const ds_baseline_choice *c);

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
