/* chart_sensitivity.c - the sensitivity chart.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_internal.h"

/* -------------------------------------------------------- sensitivity */

ds_status
ds_chart_sensitivity(ds_plot *p, const ds_sensitivity *g, int cumulative,
                     ds_error *err)
{
    const ds_projection *pr = g->first;
    const double *values = cumulative ? g->cum_usd : g->spend_usd;
    char what[96];
    if (cumulative)
        snprintf(what, sizeof what, "extra over the baseline %d-%d",
                 pr->from_year + 1, pr->by_year);
    else
        snprintf(what, sizeof what, "spending in %d", pr->by_year);
    const char *cols[] = {"growth_index", "target_index", "value_usd_bn",
                          g->by_rate ? "lcu_per_usd" : "growth_pct",
                          "target_pct"};
    TRY(ds_plot_set_columns(p, cols, 5, err));
    for (size_t t = 0; t < g->nt; t++)
        for (size_t x = 0; x < g->nx; x++) {
            double v = values[t * g->nx + x];
            double row[] = {(double)x, (double)t, v / 1e9, g->xs[x],
                            g->targets_pct[t]};
            TRY(ds_plot_add_row(p, row, "", err));
            char a[64];
            TRY(ds_plot_add_note(p, (double)x, (double)t, 0,
                                 ds_format_money(v, "USD", a, sizeof a),
                                 err));
        }
    const char *lcu = pr->lcu_only_usd ? "USD" : pr->scenario->lcu;
    char a[64];
    for (size_t x = 0; x < g->nx; x++) {
        char t[32];
        if (g->by_rate)
            chart_rate(g->xs[x], lcu, t, sizeof t);
        else
            snprintf(t, sizeof t, "%+g%%", g->xs[x]);
        TRY(ds_plot_add_tic(p, 'x', (double)x, t, err));
    }
    for (size_t t = 0; t < g->nt; t++) {
        char s[32];
        snprintf(s, sizeof s, "%g%%", g->targets_pct[t]);
        TRY(ds_plot_add_tic(p, 'y', (double)t, s, err));
    }
    TRY(chart_layer(p, DS_PLOT_HEATMAP, 0, 1, 2, 0, 0, 0, 0, 0, NULL, err));
    TRY(ds_plot_set_axis(p, 'x', -0.5, (double)g->nx - 0.5, NULL, err));
    TRY(ds_plot_set_axis(p, 'y', -0.5, (double)g->nt - 0.5, NULL, err));
    char buf[256];
    snprintf(buf, sizeof buf, "%s, current US$, by target and %s", what,
             g->by_rate ? "exchange rate" : "GDP growth");
    TRY(chart_title(p, pr->scenario->name, pr->scenario->iso3, buf, err));
    if (g->by_rate)
        snprintf(buf, sizeof buf, "exchange rate, %s per US$, %d-%d (GDP "
                 "growth %.4g%% a year)", lcu, pr->from_year, pr->by_year,
                 pr->growth_pct);
    else
        snprintf(buf, sizeof buf, "nominal GDP growth, %% a year, %d-%d",
                 pr->from_year, pr->by_year);
    TRY(ds_plot_set_text(p, DS_PLOT_XLABEL, buf, err));
    snprintf(buf, sizeof buf, "target share of GDP in %d", pr->by_year);
    TRY(ds_plot_set_text(p, DS_PLOT_YLABEL, buf, err));
    if (g->by_rate)
        snprintf(buf, sizeof buf, "current US$ bn at the column's rate");
    else
        snprintf(buf, sizeof buf, "current US$ bn at %s",
                 chart_rate(pr->lcu_per_usd, lcu, a, sizeof a));
    TRY(ds_plot_set_text(p, DS_PLOT_CBLABEL, buf, err));
    chart_srcs src = {""};
    chart_src_add(&src, "GDP", pr->scenario->gdp_usd);
    const ds_scenario *s = pr->scenario;
    chart_src_add(&src, "baseline",
            s->baseline.obs_lcu ? s->baseline.obs_lcu : s->baseline.obs_usd);
    return chart_src_set(p, &src, err);
}

ds_status
ds__chart_build_sensitivity(ds_plot *p, const ds_store *st,
                            const ds_chart_spec *spec, ds_error *err)
{
    static const double deft[] = {2, 3.5, 5}, defg[] = {-1, 0, 1, 2, 3, 4};
    ds_sensitivity_spec ss;
    memset(&ss, 0, sizeof ss);
    chart_project_spec(spec, spec->n_targets ? spec->targets_pct : deft,
                       spec->n_targets ? spec->n_targets : 3, &ss.project);
    ss.xs = spec->nx ? spec->xs : defg;
    ss.nx = spec->nx ? spec->nx : 6;
    ss.by_rate = spec->by_rate;
    ds_sensitivity *g = NULL;
    ds_status s = ds_sensitivity_run(st, &ss, &g, err);
    if (s == DS_OK)
        s = ds_chart_sensitivity(p, g, spec->cumulative, err);
    ds_sensitivity_free(g);
    return s;
}
