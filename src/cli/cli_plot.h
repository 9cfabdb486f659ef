/* cli_plot.h - charts for `defspend plot` and `defspend report`: one
 * builder per kind turning a calculation's result (ds_scenario,
 * ds_projection, ds_comparison, store series) into a ds_plot, and the
 * emitter that writes it and reports gnuplot's problems.
 */
#ifndef DS_CLI_PLOT_H
#define DS_CLI_PLOT_H

#include <defspend/defspend.h>
#include <defspend/plot.h>

#include "cli.h"

/* Exit status when a chart cannot be rendered: gnuplot is not installed
 * (the .gp and .csv are written anyway) or gnuplot failed. */
enum { EXIT_RENDER = 4 };

/* A grid of target share x nominal GDP growth, or x exchange rate
 * (sensitivity). */
typedef struct cplot_grid {
    size_t nt, nx;
    const double *targets_pct; /* [nt] */
    const double *growth_pct;  /* [nx]: growth, % a year, or with by_rate
                                  local currency per US$ */
    int by_rate;               /* columns are exchange rates */
    const double *value_usd;   /* [t * nx + x], current US$ */
    const char *what;          /* "spending in 2035" ... */
    const ds_projection *first; /* one projection of the grid, for its
                                   country, years, rate and sources */
} cplot_grid;

ds_status cplot_scenarios(ds_plot *p, const ds_scenario *s, int lcu,
                          ds_error *err);
ds_status cplot_history(ds_plot *p, const ds_store *st, const char *iso3,
                        int from, int to, ds_error *err);
ds_status cplot_projection(ds_plot *p, const ds_store *st,
                           const ds_projection *pr, const ds_simulation *sim,
                           unsigned long seed, ds_error *err);
/* focus: ISO3 of a country drawn in a distinct colour, or NULL. */
ds_status cplot_compare(ds_plot *p, const ds_comparison *c,
                        const char *title, const char *focus, ds_error *err);
/* definition NULL: the one held in the most vintages. */
ds_status cplot_revisions(ds_plot *p, const ds_store *st, const char *iso3,
                          const char *indicator, const char *currency,
                          const char *definition, ds_error *err);
ds_status cplot_sensitivity(ds_plot *p, const cplot_grid *g, ds_error *err);
/* Run the projections of a sensitivity grid and build its heatmap: spec
 * gives country, years, targets, path, baseline (and with by_rate the
 * growth source); xs[nx] are growth rates in % a year, or with by_rate
 * exchange rates in local currency per US$ applied to the local-currency
 * figures.  cumulative: extra over the baseline instead of spending. */
ds_status cplot_sensitivity_run(ds_plot *p, const ds_store *st,
                                const ds_project_spec *spec, const double *xs,
                                size_t nx, int by_rate, int cumulative,
                                ds_error *err);

/* Write the chart (image may be NULL for DS_PLOT_DUMB: the text goes to
 * stdout), print gnuplot's warnings and errors; returns an exit code. */
int cplot_emit(const ds_plot *p, ds_plot_format fmt, const char *image);

/* The display name of a country for chart texts: name cut to max
 * characters (UTF-8) with "...". */
char *cplot_name(const char *name, size_t max, char *buf, size_t size);

#endif
