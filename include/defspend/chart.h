/* defspend/chart.h - the charts of defspend, built from the library's
 * calculations as ds_plot objects (defspend/plot.h writes and renders
 * them).
 *
 * Every chart has a title, axis labels with units, a legend above the
 * plot area and a source line naming sources and vintages; missing
 * figures are gaps, never zeros.  No figure is drawn that the calculation
 * (ds_scenario_run, ds_project_run, ds_compare_run, ds_sensitivity_run,
 * ds_revisions_run, the store) does not give.
 *
 * Two ways in:
 *   - ds_chart_build(kind, store, spec, plot): runs the kind's
 *     calculation with the spec and builds its chart; the kinds are a
 *     static table (ds_chart_kind_count, ds_chart_kind_name): adding one
 *     is its src/lib/chart_<kind>.c, one table row in chart.c and tests;
 *   - ds_chart_<kind>(plot, result, ...): the chart of a result the
 *     caller already has (the report draws its charts this way).
 *
 *     ds_chart_spec cs;
 *     ds_chart_spec_init(&cs);
 *     cs.country = "JPN";
 *     ds_plot *p = ds_plot_alloc();
 *     if (ds_chart_build("scenarios", store, &cs, p, &err) == DS_OK)
 *         ds_plot_write(p, DS_PLOT_PNG, "japan.png", &res, &err);
 */
#ifndef DEFSPEND_CHART_H
#define DEFSPEND_CHART_H

#include <stddef.h>

#include "defspend/bridge.h"
#include "defspend/compare.h"
#include "defspend/error.h"
#include "defspend/export.h"
#include "defspend/plot.h"
#include "defspend/project.h"
#include "defspend/scenario.h"
#include "defspend/sensitivity.h"
#include "defspend/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The seed of Monte Carlo bands when none is given. */
#define DS_CHART_DEFAULT_SEED 20250601UL

/* What a chart is of.  ds_chart_spec_init sets every field; a kind reads
 * only its own (see each). */
typedef struct ds_chart_spec {
    const char *country;        /* ISO3 (all kinds but compare) */
    const double *targets_pct;  /* NULL/0: the kind's default (scenarios
                                   1,3,3.5,5; projection 3.5,5; compare,
                                   sensitivity 2,3.5,5) */
    size_t n_targets;
    int year;                   /* scenarios, compare: 0 = latest;
                                   bridge: fiscal year, 0 = latest */
    const ds_baseline_choice *baseline; /* NULL: the default baseline */
    const char *source;         /* spending definition, NULL = default */
    int lcu;                    /* scenarios: local currency, not US$ */
    int from, to;               /* history: years shown (0 = all);
                                   projection, sensitivity: start year */
    int by;                     /* projection, sensitivity: target year */
    double growth_pct;          /* projection, rate grid: constant nominal
                                   GDP growth; NaN = fitted */
    int fit_years;              /* growth fit window */
    ds_spend_path path;
    size_t draws;               /* projection: Monte Carlo draws, 0 = none */
    unsigned long seed;         /* projection with draws */
    /* compare: the countries (ISO3), the first drawn in its own colour;
     * with group set, the members of that group, named in the title */
    const char *const *countries;
    size_t n_countries;
    const char *group;
    const char *prefer;         /* compare without source: the group's own
                                   publisher (ds_groups_source), as
                                   ds_compare_spec.prefer; NULL = none */
    /* sensitivity: growth rates (% a year; NULL = -1,0,1,2,3,4) or with
     * by_rate exchange rates (local currency per US$) */
    const double *xs;
    size_t nx;
    int by_rate;
    int cumulative;             /* extra over the baseline, not spending */
    /* revisions */
    const char *indicator;      /* NULL = milex */
    const char *definition;     /* NULL = held in the most vintages */
    int share;                  /* projection: shares of GDP instead of
                                   current US$ (no Monte Carlo bands) */
} ds_chart_spec;

DS_API void ds_chart_spec_init(ds_chart_spec *spec);

/* The number of chart kinds and the name of the i-th ("scenarios",
 * "history", "projection", "compare", "revisions", "sensitivity",
 * "bridge"). */
DS_API size_t ds_chart_kind_count(void);
DS_API const char *ds_chart_kind_name(size_t i);
/* 1 if kind names a chart kind. */
DS_API int ds_chart_kind_known(const char *kind);

/* Run kind's calculation on store with spec and build its chart into p
 * (a fresh ds_plot_alloc).  DS_EINVAL for an unknown kind. */
DS_API DS_WUR ds_status ds_chart_build(const char *kind, const ds_store *st,
                                       const ds_chart_spec *spec, ds_plot *p,
                                       ds_error *err);

/* The charts of results.  scenarios: bars per target share, the actual
 * spending and the baseline, in US$ or (lcu) local currency. */
DS_API DS_WUR ds_status ds_chart_scenarios(ds_plot *p, const ds_scenario *s,
                                           int lcu, ds_error *err);
/* Military expenditure, % of GDP and US$, years from..to (0: all). */
DS_API DS_WUR ds_status ds_chart_history(ds_plot *p, const ds_store *st,
                                         const char *iso3, int from, int to,
                                         ds_error *err);
/* History and the paths to each target, current US$: the history at
 * each year's own rate, the paths at the projection's rate held (both
 * said; no rate for US$ figures), joined at the last actual; decided
 * budgets of projected years as points marked enacted or draft; sim
 * (may be NULL) adds the Monte Carlo bands, seed is named in the source
 * line. */
DS_API DS_WUR ds_status ds_chart_projection(ds_plot *p, const ds_store *st,
                                            const ds_projection *pr,
                                            const ds_simulation *sim,
                                            unsigned long seed,
                                            ds_error *err);
/* The same projection as shares of GDP: history the published share,
 * the paths and the baseline held flat over projected GDP, both in the
 * local currency (no exchange rate). */
DS_API DS_WUR ds_status ds_chart_projection_share(ds_plot *p,
                                                  const ds_store *st,
                                                  const ds_projection *pr,
                                                  ds_error *err);
/* How a fan chart's bands were drawn, for a methods section (the chart
 * itself names the draws and the seed only): the growth distribution, the
 * generator (sim->rng_name), the seed and the percentiles, as one
 * sentence into buf.  Returns buf. */
DS_API char *ds_chart_fan_method(const ds_simulation *sim,
                                 unsigned long seed, char *buf, size_t size);
/* Countries ranked by share of GDP; focus: ISO3 of a country drawn in a
 * distinct colour, or NULL. */
DS_API DS_WUR ds_status ds_chart_compare(ds_plot *p, const ds_comparison *c,
                                         const char *title, const char *focus,
                                         ds_error *err);
/* One series across vintages: indicator in currency ("" for shares and
 * counts; NULL: the country's local currency, as fx is keyed);
 * definition NULL: the one held in the most vintages. */
DS_API DS_WUR ds_status ds_chart_revisions(ds_plot *p, const ds_store *st,
                                           const char *iso3,
                                           const char *indicator,
                                           const char *currency,
                                           const char *definition,
                                           ds_error *err);
/* Heatmap of a sensitivity grid's target-year spending (or with
 * cumulative the extra over the baseline), current US$. */
DS_API DS_WUR ds_status ds_chart_sensitivity(ds_plot *p,
                                             const ds_sensitivity *g,
                                             int cumulative, ds_error *err);

/* The definition bridge (bridge.h) as a waterfall in local currency,
 * each bar labelled with its amount and shares of GDP. */
DS_API DS_WUR ds_status ds_chart_bridge(ds_plot *p, const ds_bridge *b,
                                        ds_error *err);

/* A country's name for chart texts: cut to max characters (UTF-8) with
 * "...".  Returns buf. */
DS_API char *ds_chart_name(const char *name, size_t max, char *buf,
                           size_t size);

#ifdef __cplusplus
}
#endif

#endif
