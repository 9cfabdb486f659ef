/* defspend/project.h - year-by-year paths to a target share of GDP.
 *
 * A projection starts from the scenario of a country and year (GDP, the
 * baseline budget and the exchange rate linking local currency and US$, as
 * ds_scenario_run gives them), projects nominal GDP to a target year and
 * walks spending from the baseline's share to each target share.  The GDP
 * path grows at a constant nominal rate, at a rate fitted to history
 * (log-linear least squares, GSL), or at the growth rates of an imported
 * forecast (observations flagged DS_FLAG_PROJECTION, one vintage: the
 * ratio of each year to the year before, applied to the actual start-year
 * level; forecast levels are never spliced onto actuals; or, from a
 * forecast of real growth and of the GDP deflator such as the IMF WEO's
 * NGDP_RPCH and NGDP_D, nominal growth = (1 + real growth) x the
 * deflator's ratio to the year before) and then a constant rate.  After
 * the last stored actual deflator, a deflator forecast of one vintage
 * carries the deflator at its year-on-year rates.  Budgets already decided for the baseline's definition
 * (enacted or draft, supplementary ones on request) are the path's first
 * years; the ramp to each target starts after the last of them.
 * Figures are computed in local currency and converted to US$ at one
 * stated rate held constant; constant prices use the GDP deflator, carried
 * forward at a stated inflation rate.  ds_projection_simulate adds Monte
 * Carlo bands; the caller seeds and owns the gsl_rng.
 */
#ifndef DEFSPEND_PROJECT_H
#define DEFSPEND_PROJECT_H

#include <stddef.h>

#include <gsl/gsl_rng.h>

#include "defspend/amount.h"
#include "defspend/error.h"
#include "defspend/export.h"
#include "defspend/scenario.h"
#include "defspend/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------- growth fit */

/* Log-linear fit ln(v) = a + b * year over n points. */
typedef struct ds_growth_fit {
    size_t n;            /* points used */
    int first_year;      /* first year of the window */
    int last_year;       /* last year of the window */
    double rate_pct;     /* exp(b) - 1, percent per year */
    double se_pct;       /* standard error of rate_pct (delta method) */
    double slope;        /* b, log points per year */
    double slope_se;     /* standard error of b */
    double log_mean;     /* mean of ln(v[i+1]/v[i]) over consecutive years */
    double log_sd;       /* sample sd of those log growth rates (n-1) */
    const char *source;  /* source of the series fitted, NULL for arrays */
    const char *vintage; /* newest vintage among the points, NULL ditto */
    const char *currency; /* currency of the series fitted, NULL ditto */
} ds_growth_fit;

/* Fit arrays (years need not be consecutive for the slope; log_mean and
 * log_sd use consecutive pairs only).  Needs n >= 3 positive finite
 * values: DS_EINVAL otherwise; DS_ENUMERIC if GSL fails. */
DS_API DS_WUR ds_status ds_growth_fit_arrays(const int *years,
                                             const double *values, size_t n,
                                             ds_growth_fit *out,
                                             ds_error *err);

/* Fit the stored series iso3/indicator/currency (NULL = no currency, e.g.
 * the deflator) over the last n_years years up to last_year, skipping
 * projections.  DS_ENOTFOUND when fewer than 3 points exist. */
DS_API DS_WUR ds_status ds_growth_fit_store(const ds_store *store,
                                            const char *iso3,
                                            const char *indicator,
                                            const char *currency,
                                            int last_year, int n_years,
                                            ds_growth_fit *out,
                                            ds_error *err);

/* ------------------------------------------------------- projection */

/* The accepted range of an annual growth rate given by a person (GDP
 * growth, the mean growth of simulated paths, a plan's growth), percent. */
#define DS_GROWTH_MIN_PCT (-20.0)
#define DS_GROWTH_MAX_PCT 50.0

/* DS_OK when DS_GROWTH_MIN_PCT <= pct <= DS_GROWTH_MAX_PCT; DS_EINVAL
 * with a message quoting pct otherwise (NaN and infinities included). */
DS_API DS_WUR ds_status ds_growth_check(double pct, ds_error *err);

typedef enum ds_gdp_source {
    DS_GDP_GROWTH = 0,  /* constant nominal growth growth_pct */
    DS_GDP_FIT,         /* growth fitted over the last fit_years */
    DS_GDP_PROJECTIONS  /* growth rates of a stored forecast (one vintage,
                           e.g. IMF WEO), then growth_pct (or the fit when
                           growth_pct is NaN) */
} ds_gdp_source;

/* Which stored budgets of the baseline's definition fix the first years. */
typedef enum ds_decided {
    DS_DECIDED_INITIAL = 0,     /* initial budgets, enacted or draft */
    DS_DECIDED_SUPPLEMENTARY,   /* those plus the year's supplementary
                                   budget (indicator milex_supplementary) */
    DS_DECIDED_NONE             /* ignore them: the ramp starts at once */
} ds_decided;

/* The spending plan whose chance of reaching a target Monte Carlo gives. */
typedef enum ds_plan_kind {
    DS_PLAN_FLAT = 0,  /* the baseline held flat in current prices */
    DS_PLAN_GROWTH,    /* the baseline growing at plan_growth_pct a year */
    DS_PLAN_ENACTED    /* the last decided budget, extended at the
                          compound growth of the budgets over the last
                          (up to) 3 years to it */
} ds_plan_kind;

typedef enum ds_spend_path {
    DS_PATH_LINEAR = 0, /* share moves linearly to the target */
    DS_PATH_GROWTH,     /* spending grows at a constant annual rate */
    DS_PATH_STEP        /* the target share from the first projected year */
} ds_spend_path;

typedef struct ds_project_spec {
    const char *country;       /* ISO3, required */
    int from_year;             /* 0 = latest actual year with GDP in US$ */
    int by_year;               /* target year, > from_year */
    const double *targets_pct; /* shares of GDP in percent */
    size_t n_targets;
    ds_gdp_source gdp_source;
    double growth_pct;         /* nominal GDP growth, percent per year */
    int fit_years;             /* window for DS_GDP_FIT and for the
                                  deflator and volatility estimates */
    ds_spend_path path;
    ds_baseline_kind baseline_kind;
    ds_amount baseline_amount; /* DS_BASELINE_AMOUNT */
    const char *baseline_definition; /* DS_BASELINE_STORED */
    int baseline_year;               /* DS_BASELINE_STORED */
    const char *source;        /* spending definition (ds_scenario_spec) */
    double discount_pct;       /* NaN = no present values */
    double inflation_pct;      /* deflator growth; NaN = fitted */
    int price_base_year;       /* constant prices of; 0 = from_year */
    ds_decided decided;        /* DS_DECIDED_INITIAL (0) by default */
    ds_plan_kind plan;         /* DS_PLAN_FLAT (0) by default */
    double plan_growth_pct;    /* DS_PLAN_GROWTH: percent per year */
} ds_project_spec;

/* Growth of the start-year GDP series over the last years to it. */
typedef struct ds_recent_growth {
    int years;          /* span: 3 or 5 */
    int first_year;     /* from_year - years */
    int last_year;      /* from_year */
    double rate_pct;    /* (v_last / v_first)^(1 / years) - 1, percent per
                           year; NaN when either year is missing */
} ds_recent_growth;

/* An imported GDP forecast used (or available) as growth rates. */
typedef struct ds_gdp_forecast {
    int present;            /* 0: no forecast for the years after from */
    const char *source;     /* of the forecast series */
    const char *definition; /* e.g. imf_weo */
    const char *vintage;    /* the one vintage used (the newest) */
    const char *currency;   /* of the series whose ratios are used */
    int first_year;         /* first year whose growth it gives */
    int last_year;          /* last such year (<= by_year) */
    size_t n;               /* last_year - first_year + 1 */
    double mean_pct;        /* compound mean growth over those years */
    int start_is_projection; /* from_year is a projection in that vintage */
    int predates_start;     /* vintage older than the start-year GDP's */
    int real_and_deflator;  /* 1: the rates are nominal growth made of a
                               real growth forecast (gdp_real_growth,
                               source) and a deflator forecast
                               (gdp_deflator, deflator_source) of the
                               vintage; 0: ratios of nominal GDP */
    const char *deflator_source; /* NULL unless real_and_deflator */
} ds_gdp_forecast;

#define DS_PROJECT_MAX_NOTES 6
#define DS_PROJECT_NOTE_MAX 384

typedef struct ds_project_year {
    int year;
    int projected;           /* 0 for the start year (data), 1 after */
    const ds_obs *gdp_obs;   /* forecast observation whose ratio to its
                                previous year (same vintage) gave the
                                growth, NULL if grown at growth_pct */
    double gdp_growth_pct;   /* growth from the year before, percent;
                                NaN for the start year */
    const ds_obs *budget_obs; /* decided budget of the year, NULL if none */
    const ds_obs *supp_obs;  /* supplementary budget added (on request) */
    double budget_lcu;       /* decided budget (+ supplementary), current
                                local currency; NaN if none */
    double gdp_lcu;          /* current local currency */
    double gdp_usd;          /* current US$ at the projection's rate */
    double deflator;         /* GDP deflator index (store, then carried) */
} ds_project_year;

typedef struct ds_project_cell {
    double share_pct;            /* spending / GDP, percent */
    double spend_lcu;            /* current local currency */
    double spend_usd;            /* current US$ */
    double extra_lcu;            /* spend - baseline, current LCU */
    double extra_usd;            /* spend - baseline, current US$ */
    double decided_increase_lcu; /* decided level - baseline, current LCU:
                                    the year's decided budget, after the
                                    last one that budget held flat; NaN
                                    without a baseline or decided budgets */
    double decided_increase_usd;
    double cum_decided_increase_lcu; /* sum over projected years */
    double cum_decided_increase_usd;
    double cum_extra_lcu;        /* sum of extra over projected years */
    double cum_extra_usd;
    double pv_cum_extra_usd;     /* discounted to the start year; NaN if no
                                    discount rate */
    double pv_cum_extra_lcu;
    double spend_lcu_const;      /* constant prices of price_base_year */
    double spend_usd_const;      /* constant LCU at the base year's rate */
    double cum_extra_usd_const;  /* cumulative extra, constant US$ */
} ds_project_cell;

typedef struct ds_projection {
    ds_scenario *scenario;  /* the start year: GDP, baseline, rate (owned) */
    int from_year, by_year;
    size_t n_years;         /* by_year - from_year + 1 */
    ds_project_year *years;
    size_t n_targets;
    double *targets_pct;
    ds_project_cell *cells; /* [target * n_years + year index] */
    ds_spend_path path;
    ds_gdp_source gdp_source;
    double growth_pct;      /* nominal growth after any projections */
    char growth_basis[512]; /* how growth_pct was chosen, for people */
    int has_fit;
    ds_growth_fit fit;      /* GDP fit (DS_GDP_FIT, or history for sd) */
    int has_fx_fit;
    ds_growth_fit fx_fit;   /* official rate over the fit window (its
                               log_sd drives simulated rate changes) */
    size_t n_projection_years; /* years grown at the forecast's rates */
    const char *projection_source, *projection_vintage; /* NULL if none */
    ds_gdp_forecast forecast; /* stored forecast for the years after the
                                 start, whether used (DS_GDP_PROJECTIONS)
                                 or shown for comparison */
    ds_recent_growth recent[2]; /* the start GDP series: 3 and 5 years */
    char forecast_label[320]; /* forecast.source of a real growth and
                                 deflator forecast: "<growth> with
                                 <deflator>" */
    size_t n_decided;       /* projected years fixed by decided budgets */
    int last_decided_year;  /* from_year when there are none */
    char decided_basis[640]; /* which budgets, for people */
    ds_plan_kind plan;
    double plan_growth_pct; /* growth of the plan, percent a year (given
                               or the budgets' recent growth); NaN flat */
    double plan_spend_lcu;  /* the plan's spending in by_year, current LCU;
                               NaN when the plan has no starting level */
    char plan_basis[320];   /* what the plan is, for people */
    size_t n_notes;         /* warnings every output must carry */
    char notes[DS_PROJECT_MAX_NOTES][DS_PROJECT_NOTE_MAX];
    double lcu_per_usd;     /* rate held over the projection */
    char rate_basis[192];
    double baseline_lcu;    /* start-year baseline, local currency */
    double baseline_usd;    /* baseline_lcu / lcu_per_usd */
    double baseline_share_pct; /* of start-year GDP */
    double discount_pct;    /* NaN if none */
    double inflation_pct;   /* deflator growth after the data */
    char inflation_basis[512];
    int price_base_year;
    const ds_obs *deflator_base; /* deflator row of the base year, or NULL */
    int deflator_last_year; /* last year with a stored deflator */
    int lcu_only_usd;       /* 1 when the country has no LCU GDP: figures
                               are in US$ and lcu fields equal them */
} ds_projection;

/* Project.  Errors: those of ds_scenario_run; DS_EINVAL for by_year <=
 * from_year or more than 200 years, a given growth rate (growth_pct,
 * plan_growth_pct) outside ds_growth_check's range; DS_ENOTFOUND for
 * DS_GDP_PROJECTIONS with no forecast growth for the year after the
 * start, for a fit without history, a linear/growth path without a
 * baseline share, or DS_PLAN_ENACTED without two budgets. */
/* The defaults, in one place: everything 0 / NULL (DS_GDP_* 0,
 * DS_PATH_LINEAR, DS_DECIDED_INITIAL, DS_PLAN_FLAT) except the "none"
 * fields, NaN: growth_pct (none given: DS_GDP_GROWTH then fails until
 * it is set, never projects at 0 %), discount_pct (no present values)
 * and inflation_pct (the fitted deflator).  Set
 * country, by_year and targets after it. */
DS_API void ds_project_spec_init(ds_project_spec *spec);

/* Set spec's baseline fields from a parsed --baseline (which must outlive
 * spec: spec borrows its definition), as ds_scenario_spec_set_baseline. */
DS_API void ds_project_spec_set_baseline(ds_project_spec *spec,
                                         const ds_baseline_choice *c);

DS_API DS_WUR ds_status ds_project_run(const ds_store *store,
                                       const ds_project_spec *spec,
                                       ds_projection **out, ds_error *err);
DS_API void ds_project_free(ds_projection *p);
/* Deprecated: the old name of ds_project_free (run/free of one noun). */
DS_API void ds_projection_free(ds_projection *p);

/* The cell for target k and year index i. */
DS_API const ds_project_cell *ds_projection_cell(const ds_projection *p,
                                                 size_t k, size_t i);

/* ------------------------------------------------------ Monte Carlo */

#define DS_SIM_NBANDS 5
/* The percentiles of the bands: 5, 25, 50, 75, 95. */
DS_API const double *ds_sim_percentiles(void);

typedef struct ds_sim_spec {
    size_t n_draws;        /* paths, >= 1 */
    double growth_mean_pct; /* NaN = the projection's growth_pct; annual
                              log growth has mean ln(1 + this / 100) */
    double growth_sd;      /* sd of annual log growth; NaN = from history
                              (the fit window's log_sd) */
    double fx_sd;          /* sd of annual log change of the rate (a random
                              walk without drift); 0 = rate held; NaN =
                              from history over the fit window */
} ds_sim_spec;

typedef struct ds_sim_year {
    int year;
    double gdp_lcu[DS_SIM_NBANDS]; /* percentiles, current LCU */
    double gdp_usd[DS_SIM_NBANDS]; /* percentiles, current US$ */
    double gdp_lcu_mean;           /* sample mean, current LCU */
} ds_sim_year;

#define DS_SIM_NPROB 3
/* The probabilities of ds_sim_target.needed_*: 50, 90, 95 (percent). */
DS_API const double *ds_sim_probabilities(void);

typedef struct ds_sim_target {
    double target_pct;
    /* spending at the path's share of each year's simulated GDP: bands are
     * share * GDP bands (per year, see ds_simulation.years) */
    double cum_extra_lcu[DS_SIM_NBANDS]; /* cumulative extra at by_year */
    double cum_extra_usd[DS_SIM_NBANDS];
    /* spending in by_year that reaches the target share with probability
     * 50/90/95%: target * that quantile of simulated GDP */
    double needed_lcu[DS_SIM_NPROB]; /* current LCU */
    double needed_usd[DS_SIM_NPROB]; /* current US$ (of simulated GDP in
                                        US$, so with the rate's spread) */
    double p_plan_reaches; /* P(plan spending / GDP >= target in by_year),
                              the projection's plan; NaN without one */
} ds_sim_target;

typedef struct ds_simulation {
    size_t n_draws;
    double growth_mu;    /* mean of annual log growth used */
    double growth_sd;    /* sd of annual log growth used */
    char growth_sd_basis[160];
    double fx_sd;        /* sd of annual log rate change, 0 if held */
    char fx_sd_basis[160];
    const char *rng_name; /* how the draws were generated, for people:
                             points into generator */
    char generator[96];   /* "xoshiro256++ ziggurat per block of 16384
                             draws, seeded by mt19937" (the caller's
                             gsl_rng_name) */
    size_t n_years;
    ds_sim_year *years;  /* from_year .. by_year */
    size_t n_targets;
    ds_sim_target *targets;
} ds_simulation;

/* Simulate n_draws GDP (and rate) paths for the projection p.  rng seeds
 * one xoshiro256++ stream (normals by a 256-layer ziggurat) per block of
 * 16384 draws, one gsl_rng_get per block, in block order; the
 * blocks run on all online CPUs (ds_projection_simulate_threads: on
 * n_threads, 0 = all online CPUs) and the figures depend on rng's seed
 * and n_draws only, never on the number of threads.  Memory is O(n_draws * (3 + targets)) doubles
 * (twice with a varying rate), independent of the number of years;
 * percentiles are exact order statistics found by counting and selection,
 * not sorting.  DS_EINVAL for 0 draws
 * or a negative/non-finite sd; DS_ENOTFOUND when an sd must come from
 * history that is missing; DS_ENOMEM. */
DS_API DS_WUR ds_status ds_projection_simulate(const ds_projection *p,
                                               const ds_sim_spec *spec,
                                               gsl_rng *rng,
                                               ds_simulation **out,
                                               ds_error *err);
DS_API DS_WUR ds_status ds_projection_simulate_threads(
    const ds_projection *p, const ds_sim_spec *spec, unsigned n_threads,
    gsl_rng *rng, ds_simulation **out, ds_error *err);
DS_API void ds_simulation_free(ds_simulation *s);
/* The sd that ds_projection_simulate would estimate from history and
 * cannot for p (DS_ENOTFOUND): "growth_sd" or "fx_sd", the spec field to
 * give; NULL when it can estimate every sd the spec leaves NaN. */
DS_API const char *ds_sim_missing_sd(const ds_projection *p,
                                     const ds_sim_spec *spec);

/* The seed of every simulation that is not given one (the CLI's
 * --seed default), so that figures are the same run after run. */
#define DS_SIM_DEFAULT_SEED 20250601UL

/* Defaults: n_draws 0 (set it), growth_mean_pct and growth_sd NaN (from
 * the projection and from history), fx_sd 0 (rate held). */
DS_API void ds_sim_spec_init(ds_sim_spec *spec);

/* The generator ds_projection_simulate expects: a Mersenne Twister
 * (gsl_rng_mt19937) seeded with seed.  NULL when out of memory; free
 * with gsl_rng_free. */
DS_API gsl_rng *ds_sim_rng_alloc(unsigned long seed);

/* Spending bands (percentiles ds_sim_percentiles) of target k in year
 * index i: the path's share of the simulated GDP bands, or in a year with
 * a decided budget that budget itself on every band (an amount, at the
 * held rate in US$).  usd and lcu hold DS_SIM_NBANDS values each. */
DS_API void ds_simulation_spend_bands(const ds_projection *p,
                                      const ds_simulation *sim, size_t k,
                                      size_t i, double *usd, double *lcu);

/* The value at percentile pct (0..100, linear interpolation between order
 * statistics, as gsl_stats_quantile_from_sorted_data) of v[0..n), found
 * by selection; v is reordered.  NaN for n = 0. */
DS_API double ds_select_percentile(double *v, size_t n, double pct);

#ifdef __cplusplus
}
#endif

#endif
