/* chart_history.c - the history chart.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_internal.h"

#define MAX_YEARS 512

/* ------------------------------------------------------------ history */

#define FLAGGED                                                               \
    (DS_FLAG_ESTIMATE | DS_FLAG_PROJECTION | DS_FLAG_DRAFT |                  \
     DS_FLAG_APPROXIMATE | DS_FLAG_UNCERTAIN)

ds_status
ds_chart_history(ds_plot *p, const ds_store *st, const char *iso3, int from,
              int to, ds_error *err)
{
    ds_query qs = {iso3, "milex_gdp_pct", 0, NULL, NULL, NULL, NULL, 0, DS_ACTUALS_ONLY};
    ds_query qm = {iso3, "milex", 0, "USD", NULL, NULL, NULL, 0, DS_ACTUALS_ONLY};
    int ys[MAX_YEARS], ym[MAX_YEARS];
    size_t ns = 0, nm = 0;
    if (ds_store_years(st, &qs, ys, MAX_YEARS, &ns, NULL) != DS_OK)
        ns = 0;
    if (ds_store_years(st, &qm, ym, MAX_YEARS, &nm, NULL) != DS_OK)
        nm = 0;
    if (ns > MAX_YEARS)
        ns = MAX_YEARS;
    if (nm > MAX_YEARS)
        nm = MAX_YEARS;
    int lo = 99999, hi = -99999;
    for (size_t i = 0; i < ns; i++) {
        lo = ys[i] < lo ? ys[i] : lo;
        hi = ys[i] > hi ? ys[i] : hi;
    }
    for (size_t i = 0; i < nm; i++) {
        lo = ym[i] < lo ? ym[i] : lo;
        hi = ym[i] > hi ? ym[i] : hi;
    }
    if (from && from > lo)
        lo = from;
    if (to && to < hi)
        hi = to;
    if (lo > hi) {
        return ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                             "no military expenditure for %s in the store%s",
                             iso3, from || to ? " in the years asked" : "");
    }
    const char *cols[] = {"year", "share_pct", "share_pct_flagged",
                          "milex_usd_bn", "milex_usd_bn_flagged"};
    TRY(ds_plot_set_columns(p, cols, 5, err));
    chart_srcs src = {""};
    double maxs = 0;
    int any_fs = 0, any_fm = 0;
    double last_s = NAN, last_m = NAN;
    for (int y = lo; y <= hi; y++) {
        const ds_obs *os = NULL, *om = NULL;
        qs.year = qm.year = y;
        if (ds_store_find(st, &qs, &os, NULL) != DS_OK)
            os = NULL;
        if (ds_store_find(st, &qm, &om, NULL) != DS_OK)
            om = NULL;
        double row[5] = {y, NAN, NAN, NAN, NAN};
        if (os) {
            if (os->flags & FLAGGED) {
                row[2] = os->value;
                any_fs = 1;
                if (isfinite(last_s)) {
                    /* the flagged line starts at the last actual point */
                    double prev[5] = {y - 1, NAN, last_s, NAN, NAN};
                    TRY(ds_plot_add_row(p, prev, "", err));
                    last_s = NAN;
                }
            } else {
                row[1] = last_s = os->value;
            }
            maxs = os->value > maxs ? os->value : maxs;
            chart_src_add(&src, "% of GDP", os);
        }
        if (om) {
            double v = om->value / 1e9;
            if (om->flags & FLAGGED) {
                row[4] = v;
                any_fm = 1;
                if (isfinite(last_m)) {
                    double prev[5] = {y - 1, NAN, NAN, NAN, last_m};
                    TRY(ds_plot_add_row(p, prev, "", err));
                    last_m = NAN;
                }
            } else {
                row[3] = last_m = v;
            }
            chart_src_add(&src, "US$", om);
        }
        /* the flagged line starts at the previous year's actual point
         * only: an actual years back is not joined to an estimate */
        if (!os)
            last_s = NAN;
        if (!om)
            last_m = NAN;
        char fl[128] = "";
        if (om)
            ds_flags_format(om->flags, fl, sizeof fl);
        TRY(ds_plot_add_row(p, row, fl, err));
    }
    TRY(chart_layer(p, DS_PLOT_LINESPOINTS, 0, 1, 0, 1, 0, 0, 7, 0,
                 "% of GDP (left axis)", err));
    if (any_fs)
        TRY(chart_layer(p, DS_PLOT_LINESPOINTS, 0, 2, 0, 1, 1, 0, 6, 0,
                     "% of GDP: estimate, draft or projection", err));
    TRY(chart_layer(p, DS_PLOT_LINESPOINTS, 0, 3, 0, 2, 0, 1, 5, 0,
                 "current US$ bn (right axis)", err));
    if (any_fm)
        TRY(chart_layer(p, DS_PLOT_LINESPOINTS, 0, 4, 0, 2, 1, 1, 4, 0,
                     "US$ bn: estimate, draft or projection (right axis)",
                     err));
    static const double refs[] = {1, 2, 3, 3.5, 5};
    for (size_t i = 0; i < 5; i++) {
        char t[16];
        snprintf(t, sizeof t, "%g%%", refs[i]);
        TRY(ds_plot_add_refline(p, 'y', refs[i], "", err));
        TRY(ds_plot_add_tic(p, 'y', refs[i], t, err));
    }
    TRY(ds_plot_add_tic(p, 'y', 0, "0%", err));
    for (double v = 10; v < maxs * 1.1; v += 5) {
        char t[16];
        snprintf(t, sizeof t, "%g%%", v);
        TRY(ds_plot_add_tic(p, 'y', v, t, err));
    }
    TRY(ds_plot_set_axis(p, 'y', 0, maxs * 1.1 > 5.5 ? maxs * 1.1 : 5.5, NULL,
                         err));
    TRY(ds_plot_set_axis(p, 'Y', 0, NAN, NULL, err));
    TRY(ds_plot_set_axis(p, 'x', lo - 0.5, hi + 0.5, NULL, err));
    const ds_countries *cs = ds_store_countries(st);
    const ds_country *ct = NULL;
    if (cs && ds_countries_lookup(cs, iso3, &ct, NULL) != DS_OK)
        ct = NULL;
    char t[128];
    snprintf(t, sizeof t, "military expenditure, %d-%d", lo, hi);
    TRY(chart_title(p, ct ? ct->name : iso3, iso3, t, err));
    TRY(ds_plot_set_text(p, DS_PLOT_XLABEL,
                         "year (calendar; fiscal years by their label year)",
                         err));
    TRY(ds_plot_set_text(p, DS_PLOT_YLABEL,
                         "military expenditure, % of GDP", err));
    TRY(ds_plot_set_text(p, DS_PLOT_Y2LABEL,
                         "military expenditure, current US$ bn", err));
    return chart_src_set(p, &src, err);
}

ds_status
ds__chart_build_history(ds_plot *p, const ds_store *st,
                        const ds_chart_spec *spec, ds_error *err)
{
    return ds_chart_history(p, st, spec->country, spec->from, spec->to, err);
}
