/* chart_internal.h - what the chart builders (chart_<kind>.c) share:
 * the source line, money units, layers and titles.  Not installed.
 */
#ifndef DS_CHART_INTERNAL_H
#define DS_CHART_INTERNAL_H

#include <stddef.h>

#include "defspend/chart.h"
#include "defspend/format.h"
#include "internal.h"

#define TRY(x)                                                                \
    do {                                                                      \
        ds_status st_ = (x);                                                  \
        if (st_ != DS_OK)                                                     \
            return st_;                                                       \
    } while (0)

/* The chart's source line, built up: "Source: what: SOURCE (vintage V);
 * ...; chart: defspend". */
typedef struct chart_srcs {
    char buf[2048];
} chart_srcs;

void chart_src_add(chart_srcs *s, const char *what, const ds_obs *o);
void chart_src_text(chart_srcs *s, const char *text);
/* Ends the line and sets it as the chart's DS_PLOT_SOURCE. */
ds_status chart_src_set(ds_plot *p, chart_srcs *s, ds_error *err);

/* Divisor and word ("tn", "bn", "m") for money up to maxabs. */
double chart_unit_for(double maxabs, const char **word);
/* "US$" for USD, the code otherwise. */
const char *chart_cur_name(const char *cur);
/* "¥151.37/$" or "151.3700 KRW per US$" ("n/a" for NaN). */
char *chart_rate(double v, const char *lcu, char *b, size_t n);

ds_status chart_layer(ds_plot *p, ds_plot_style style, size_t x, size_t y,
                      size_t hi, int color, int dashed, int y2, int point,
                      double alpha, const char *title, ds_error *err);
/* A bar layer (BARS, HBARS; FLOATBARS from y to hi) width wide. */
ds_status chart_bars(ds_plot *p, ds_plot_style style, size_t x, size_t y,
                     size_t hi, int color, double width, const char *title,
                     ds_error *err);
/* "NAME (ISO3): what" as the title. */
ds_status chart_title(ds_plot *p, const char *name, const char *iso3,
                      const char *what, ds_error *err);
/* The store's name of a country, or iso3. */
const char *chart_country_name(const ds_store *st, const char *iso3);

/* The builders of the kind table (chart.c): run the calculation of
 * spec, build its chart. */
ds_status ds__chart_build_scenarios(ds_plot *p, const ds_store *st,
                                    const ds_chart_spec *spec, ds_error *err);
ds_status ds__chart_build_history(ds_plot *p, const ds_store *st,
                                  const ds_chart_spec *spec, ds_error *err);
ds_status ds__chart_build_projection(ds_plot *p, const ds_store *st,
                                     const ds_chart_spec *spec, ds_error *err);
ds_status ds__chart_build_compare(ds_plot *p, const ds_store *st,
                                  const ds_chart_spec *spec, ds_error *err);
ds_status ds__chart_build_revisions(ds_plot *p, const ds_store *st,
                                   const ds_chart_spec *spec, ds_error *err);
ds_status ds__chart_build_sensitivity(ds_plot *p, const ds_store *st,
                                      const ds_chart_spec *spec,
                                      ds_error *err);
ds_status ds__chart_build_bridge(ds_plot *p, const ds_store *st,
                                 const ds_chart_spec *spec, ds_error *err);
/* The projection spec of a chart spec (targets given by the caller). */
void chart_project_spec(const ds_chart_spec *spec, const double *targets,
                        size_t nt, ds_project_spec *ps);

#endif
