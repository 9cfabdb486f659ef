/* chart_projection.c - the projection chart.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_internal.h"

/* --------------------------------------------------------- projection */

ds_status
ds_chart_projection(ds_plot *p, const ds_store *st, const ds_projection *pr,
                 const ds_simulation *sim, unsigned long seed, ds_error *err)
{
    const ds_scenario *s = pr->scenario;
    enum { HIST_YEARS = 10 };
    size_t nt = pr->n_targets > 6 ? 6 : pr->n_targets;
    size_t ncol = 3 + nt * (sim ? 5 : 1);
    char (*names)[48] = calloc(ncol, sizeof *names);
    const char **cols = calloc(ncol, sizeof *cols);
    double *row = calloc(ncol, sizeof *row);
    ds_status rc = DS_OK;
    if (!names || !cols || !row) {
        free(names);
        free(cols);
        free(row);
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    }
    snprintf(names[0], 48, "year");
    snprintf(names[1], 48, "milex_usd_bn");
    snprintf(names[2], 48, "baseline_usd_bn");
    static const char *const bn[] = {"p5", "p25", "p75", "p95"};
    static const int bi[] = {0, 1, 3, 4};
    for (size_t k = 0; k < nt; k++) {
        size_t c = 3 + k * (sim ? 5 : 1);
        snprintf(names[c], 48, "path_%g_usd_bn", pr->targets_pct[k]);
        for (size_t b = 0; sim && b < 4; b++)
            snprintf(names[c + 1 + b], 48, "path_%g_%s_usd_bn",
                     pr->targets_pct[k], bn[b]);
    }
    for (size_t c = 0; c < ncol; c++)
        cols[c] = names[c];
    chart_srcs src = {""};
    char buf[512], a[64];
    rc = ds_plot_set_columns(p, cols, ncol, err);
    ds_query qm = {s->iso3, "milex", 0, "USD", NULL, NULL, NULL, 1, DS_ACTUALS_ONLY};
    for (int y = pr->from_year - HIST_YEARS; rc == DS_OK && y < pr->from_year;
         y++) {
        const ds_obs *o;
        qm.year = y;
        if (ds_store_find(st, &qm, &o, NULL) != DS_OK)
            continue;
        for (size_t c = 0; c < ncol; c++)
            row[c] = NAN;
        row[0] = y;
        row[1] = o->value / 1e9;
        chart_src_add(&src, "military expenditure", o);
        rc = ds_plot_add_row(p, row, "data", err);
    }
    for (size_t i = 0; rc == DS_OK && i < pr->n_years; i++) {
        const ds_project_year *py = &pr->years[i];
        for (size_t c = 0; c < ncol; c++)
            row[c] = NAN;
        row[0] = py->year;
        if (i == 0) {
            qm.year = py->year;
            const ds_obs *o;
            if (ds_store_find(st, &qm, &o, NULL) == DS_OK) {
                row[1] = o->value / 1e9;
                chart_src_add(&src, "military expenditure", o);
            }
        }
        row[2] = pr->baseline_usd / 1e9;
        for (size_t k = 0; k < nt; k++) {
            size_t c = 3 + k * (sim ? 5 : 1);
            const ds_project_cell *cl = ds_projection_cell(pr, k, i);
            row[c] = cl->spend_usd / 1e9;
            double bu[DS_SIM_NBANDS], bl[DS_SIM_NBANDS];
            if (sim)
                ds_simulation_spend_bands(pr, sim, k, i, bu, bl);
            for (size_t b = 0; sim && b < 4; b++)
                row[c + 1 + b] = bu[bi[b]] / 1e9;
        }
        rc = ds_plot_add_row(p, row, i == 0 ? "start" : "projected", err);
    }
    free(names);
    free(cols);
    free(row);
    TRY(rc);
    for (size_t k = 0; sim && k < nt; k++) {
        size_t c = 3 + k * 5;
        TRY(chart_layer(p, DS_PLOT_BAND, 0, c + 1, c + 4, (int)k + 1, 0, 0, 0,
                     0.15, k == 0 ? "5th-95th percentile" : NULL, err));
        TRY(chart_layer(p, DS_PLOT_BAND, 0, c + 2, c + 3, (int)k + 1, 0, 0, 0,
                     0.3, k == 0 ? "25th-75th percentile" : NULL, err));
    }
    TRY(chart_layer(p, DS_PLOT_LINESPOINTS, 0, 1, 0, 7, 0, 0, 7, 0,
                 "military expenditure (data)", err));
    snprintf(buf, sizeof buf, "baseline held flat, %s",
             ds_format_money(pr->baseline_usd, "USD", a, sizeof a));
    TRY(chart_layer(p, DS_PLOT_LINES, 0, 2, 0, 7, 1, 0, 0, 0,
                 pr->baseline_usd > 0 ? buf : NULL, err));
    double top = 0;
    for (size_t k = 0; k < nt; k++) {
        const ds_project_cell *cl =
            ds_projection_cell(pr, k, pr->n_years - 1);
        char t[128];
        snprintf(t, sizeof t, "%g%% of GDP by %d: %s", pr->targets_pct[k],
                 pr->by_year,
                 ds_format_money(cl->spend_usd, "USD", a, sizeof a));
        TRY(chart_layer(p, DS_PLOT_LINES, 0, 3 + k * (sim ? 5 : 1), 0,
                     (int)k + 1, 0, 0, 0, 0, t, err));
        double v = sim ? cl->share_pct / 100.0 *
                             sim->years[pr->n_years - 1].gdp_usd[4]
                       : cl->spend_usd;
        top = v > top ? v : top;
    }
    TRY(ds_plot_add_refline(p, 'x', pr->from_year, " projection", err));
    TRY(ds_plot_set_axis(p, 'y', 0, top / 1e9 * 1.05, NULL, err));
    TRY(ds_plot_set_axis(p, 'x', pr->from_year - HIST_YEARS - 0.5,
                         pr->by_year + 0.5, NULL, err));
    char tg[128] = "";
    for (size_t k = 0; k < nt; k++) {
        size_t n = strlen(tg);
        snprintf(tg + n, sizeof tg - n, "%s%g%%",
                 k ? (k + 1 == nt ? " and " : ", ") : "", pr->targets_pct[k]);
    }
    snprintf(buf, sizeof buf, "paths to %s of GDP, %d-%d%s", tg,
             pr->from_year, pr->by_year, sim ? " (Monte Carlo bands)" : "");
    TRY(chart_title(p, s->name, s->iso3, buf, err));
    TRY(ds_plot_set_text(p, DS_PLOT_XLABEL, "year", err));
    const char *lcu = pr->lcu_only_usd ? "USD" : s->lcu;
    snprintf(buf, sizeof buf, "spending, current US$ bn at %s held",
             chart_rate(pr->lcu_per_usd, lcu, a, sizeof a));
    TRY(ds_plot_set_text(p, DS_PLOT_YLABEL, buf, err));
    chart_src_add(&src, "GDP", s->gdp_usd);
    chart_src_add(&src, "GDP", pr->lcu_only_usd ? NULL : s->gdp_lcu);
    const ds_obs *bo =
        s->baseline.obs_lcu ? s->baseline.obs_lcu : s->baseline.obs_usd;
    chart_src_add(&src, "baseline", bo);
    snprintf(buf, sizeof buf, "GDP growth %.2f%% a year", pr->growth_pct);
    chart_src_text(&src, buf);
    if (sim) {
        snprintf(buf, sizeof buf,
                 "Monte Carlo %zu draws, %s, seed %lu, GDP growth sd %.4f",
                 sim->n_draws, sim->rng_name, seed, sim->growth_sd);
        chart_src_text(&src, buf);
    }
    return chart_src_set(p, &src, err);
}

ds_status
ds__chart_build_projection(ds_plot *p, const ds_store *st,
                           const ds_chart_spec *spec, ds_error *err)
{
    static const double def[] = {3.5, 5};
    ds_project_spec ps;
    chart_project_spec(spec, spec->n_targets ? spec->targets_pct : def,
                       spec->n_targets ? spec->n_targets : 2, &ps);
    ds_projection *pr = NULL;
    ds_simulation *sim = NULL;
    gsl_rng *rng = NULL;
    ds_status s = ds_project_run(st, &ps, &pr, err);
    if (s == DS_OK && spec->draws > 0) {
        ds_sim_spec ss = {spec->draws, NAN, NAN, 0};
        rng = gsl_rng_alloc(gsl_rng_mt19937);
        if (!rng)
            s = ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
        else {
            gsl_rng_set(rng, spec->seed);
            s = ds_projection_simulate(pr, &ss, rng, &sim, err);
        }
    }
    if (s == DS_OK)
        s = ds_chart_projection(p, st, pr, sim, spec->seed, err);
    gsl_rng_free(rng);
    ds_simulation_free(sim);
    ds_projection_free(pr);
    return s;
}
