/* chart_projection.c - the projection chart.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_internal.h"

/* --------------------------------------------------------- projection */

/* The projection chart in current US$ (share = 0) or as shares of GDP
 * (share = 1, no bands).  History is each year's own figure (in US$ at
 * that year's rate), the paths are at the rate held from the start year:
 * the labels say which is which (issue 16, item 5). */
static ds_status
projection_chart(ds_plot *p, const ds_store *st, const ds_projection *pr,
                 const ds_simulation *sim, unsigned long seed, int share,
                 ds_error *err)
{
    const ds_scenario *s = pr->scenario;
    enum { HIST_YEARS = 10 };
    if (share)
        sim = NULL;
    size_t nt = pr->n_targets > 6 ? 6 : pr->n_targets;
    size_t per = sim ? 5 : 1;
    size_t cen = 3 + nt * per, cdr = cen + 1; /* enacted, draft budgets */
    size_t ncol = cdr + 1;
    const char *unit = share ? "gdp_pct" : "usd_bn";
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
    snprintf(names[1], 48, "milex_%s", unit);
    snprintf(names[2], 48, "baseline_%s", unit);
    static const char *const bn[] = {"p5", "p25", "p75", "p95"};
    static const int bi[] = {0, 1, 3, 4};
    for (size_t k = 0; k < nt; k++) {
        size_t c = 3 + k * per;
        snprintf(names[c], 48, "path_%g_%s", pr->targets_pct[k], unit);
        for (size_t b = 0; sim && b < 4; b++)
            snprintf(names[c + 1 + b], 48, "path_%g_%s_%s",
                     pr->targets_pct[k], bn[b], unit);
    }
    snprintf(names[cen], 48, "budget_enacted_%s", unit);
    snprintf(names[cdr], 48, "budget_draft_%s", unit);
    for (size_t c = 0; c < ncol; c++)
        cols[c] = names[c];
    /* US$ figures already (no local-currency GDP) or a US$ currency: no
     * exchange rate is involved, so none is named */
    int usd_native = pr->lcu_only_usd || strcmp(s->lcu, "USD") == 0;
    const char *lcu = pr->lcu_only_usd ? "USD" : s->lcu;
    char rate[64];
    chart_rate(pr->lcu_per_usd, lcu, rate, sizeof rate);
    chart_srcs src = {""};
    char buf[512], a[64];
    rc = ds_plot_set_columns(p, cols, ncol, err);
    ds_query qm = {s->iso3, share ? "milex_gdp_pct" : "milex", 0,
                   share ? NULL : "USD", NULL, NULL, NULL, 1,
                   DS_ACTUALS_ONLY};
    const double scale = share ? 1.0 : 1e9;
    /* history first, so that its last row can start the projected lines */
    int hy[HIST_YEARS];
    double hv[HIST_YEARS], hist_top = 0;
    size_t nh = 0;
    for (int y = pr->from_year - HIST_YEARS; y < pr->from_year; y++) {
        const ds_obs *o;
        qm.year = y;
        if (ds_store_find(st, &qm, &o, NULL) != DS_OK)
            continue;
        hy[nh] = y;
        hv[nh] = o->value / scale;
        hist_top = hv[nh] > hist_top ? hv[nh] : hist_top;
        nh++;
        chart_src_add(&src, share ? "share of GDP" : "military expenditure",
                      o);
    }
    for (size_t h = 0; rc == DS_OK && h < nh; h++) {
        for (size_t c = 0; c < ncol; c++)
            row[c] = NAN;
        row[0] = hy[h];
        row[1] = hv[h];
        /* the projected lines (baseline, paths, bands) join the last
         * actual point: no gap before the first projected year */
        for (size_t c = 2; h + 1 == nh && c < cen; c++)
            row[c] = hv[h];
        rc = ds_plot_add_row(p, row, "data", err);
    }
    const ds_obs *enacted = NULL, *draft = NULL;
    double enacted_lcu = NAN, draft_lcu = NAN;
    for (size_t i = 0; rc == DS_OK && i < pr->n_years; i++) {
        const ds_project_year *py = &pr->years[i];
        for (size_t c = 0; c < ncol; c++)
            row[c] = NAN;
        row[0] = py->year;
        if (i == 0) {
            qm.year = py->year;
            const ds_obs *o;
            if (ds_store_find(st, &qm, &o, NULL) == DS_OK) {
                row[1] = o->value / scale;
                hist_top = row[1] > hist_top ? row[1] : hist_top;
                chart_src_add(&src,
                              share ? "share of GDP" : "military expenditure",
                              o);
            }
        }
        row[2] = share ? 100.0 * pr->baseline_lcu / py->gdp_lcu
                       : pr->baseline_usd / 1e9;
        for (size_t k = 0; k < nt; k++) {
            size_t c = 3 + k * per;
            const ds_project_cell *cl = ds_projection_cell(pr, k, i);
            row[c] = share ? cl->share_pct : cl->spend_usd / 1e9;
            double bu[DS_SIM_NBANDS], bl[DS_SIM_NBANDS];
            if (sim)
                ds_simulation_spend_bands(pr, sim, k, i, bu, bl);
            for (size_t b = 0; sim && b < 4; b++)
                row[c + 1 + b] = bu[bi[b]] / 1e9;
        }
        /* the decided budgets of projected years, as points of their own:
         * enacted, or draft (a government draft not yet passed) */
        if (i > 0 && py->budget_obs && isfinite(py->budget_lcu)) {
            double v = share ? 100.0 * py->budget_lcu / py->gdp_lcu
                             : py->budget_lcu / pr->lcu_per_usd / 1e9;
            int is_draft = (py->budget_obs->flags & DS_FLAG_DRAFT) != 0;
            row[is_draft ? cdr : cen] = v;
            if (is_draft && !draft) {
                draft = py->budget_obs;
                draft_lcu = py->budget_lcu;
            }
            if (!is_draft && !enacted) {
                enacted = py->budget_obs;
                enacted_lcu = py->budget_lcu;
            }
            rc = ds_plot_add_note(p, py->year, v, 3,
                                  is_draft ? "draft" : "enacted", err);
            if (rc != DS_OK)
                break;
            chart_src_add(&src, is_draft ? "draft budget" : "enacted budget",
                          py->budget_obs);
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
    if (share)
        snprintf(buf, sizeof buf, "data: %% of GDP as published");
    else if (usd_native)
        snprintf(buf, sizeof buf, "data");
    else
        snprintf(buf, sizeof buf, "data: US$ at each year's rate");
    TRY(chart_layer(p, DS_PLOT_LINESPOINTS, 0, 1, 0, 7, 0, 0, 7, 0, buf,
                    err));
    char one[64];
    if (share)
        snprintf(buf, sizeof buf, "baseline held flat in %s, %s%% of %d GDP",
                 chart_cur_name(lcu),
                 ds_format_fixed(100.0 * pr->baseline_lcu /
                                     pr->years[0].gdp_lcu,
                                 2, one, sizeof one),
                 pr->from_year);
    else if (usd_native)
        snprintf(buf, sizeof buf, "baseline held flat, %s",
                 ds_format_money(pr->baseline_usd, "USD", a, sizeof a));
    else
        snprintf(buf, sizeof buf, "baseline held flat, %s",
                 ds_format_money(pr->baseline_usd, "USD", a, sizeof a));
    TRY(chart_layer(p, DS_PLOT_LINES, 0, 2, 0, 7, 1, 0, 0, 0,
                 pr->baseline_usd > 0 ? buf : NULL, err));
    double top = share ? hist_top : 0;
    for (size_t k = 0; k < nt; k++) {
        const ds_project_cell *cl =
            ds_projection_cell(pr, k, pr->n_years - 1);
        char t[160];
        if (share)
            snprintf(t, sizeof t, "path to %g%% of GDP by %d",
                     pr->targets_pct[k], pr->by_year);
        else
            snprintf(t, sizeof t, "%g%% of GDP by %d: %s",
                     pr->targets_pct[k], pr->by_year,
                     ds_format_money(cl->spend_usd, "USD", a, sizeof a));
        TRY(chart_layer(p, DS_PLOT_LINES, 0, 3 + k * per, 0,
                     (int)k + 1, 0, 0, 0, 0, t, err));
        double v = share  ? cl->share_pct
                   : sim ? cl->share_pct / 100.0 *
                               sim->years[pr->n_years - 1].gdp_usd[4] / 1e9
                         : cl->spend_usd / 1e9;
        top = v > top ? v : top;
    }
    /* in the legend: the first of each kind, its year and amount */
    for (int d = 0; d < 2; d++) {
        const ds_obs *bo = d ? draft : enacted;
        if (!bo)
            continue;
        char yl[32];
        snprintf(yl, sizeof yl, "%s%d", bo->fy_start_month > 1 ? "FY" : "",
                 bo->year);
        snprintf(buf, sizeof buf, "%s budget %s: %s", d ? "draft" : "enacted",
                 yl,
                 ds_format_money(d ? draft_lcu : enacted_lcu, lcu, a,
                                 sizeof a));
        TRY(chart_layer(p, DS_PLOT_POINTS, 0, d ? cdr : cen, 0, 7, 0, 0,
                        d ? 4 : 5, 0, buf, err));
    }
    if (share || usd_native)
        snprintf(buf, sizeof buf, " projection");
    else
        snprintf(buf, sizeof buf, " projection at %s held", rate);
    TRY(ds_plot_add_refline(p, 'x', pr->from_year, buf, err));
    TRY(ds_plot_set_axis(p, 'y', 0, top * (share ? 1.1 : 1.05), NULL, err));
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
    TRY(ds_plot_set_text(p, DS_PLOT_YLABEL,
                         share ? "military expenditure, % of GDP"
                               : "spending, current US$ bn",
                         err));
    /* which rate is where, in words */
    if (share)
        snprintf(buf, sizeof buf,
                 "history: the published share of GDP; projection: "
                 "spending over projected GDP, both in %s (no exchange "
                 "rate)",
                 chart_cur_name(lcu));
    else if (strcmp(s->lcu, "USD") == 0)
        snprintf(buf, sizeof buf, "all figures in current US$, the "
                                  "currency of %s",
                 s->iso3);
    else if (pr->lcu_only_usd)
        snprintf(buf, sizeof buf,
                 "all figures in current US$ (no local-currency GDP in the "
                 "store: no exchange rate used)");
    else
        snprintf(buf, sizeof buf,
                 "US$: history at each year's exchange rate; projection "
                 "at %s held from %d",
                 rate, pr->from_year);
    chart_src_text(&src, buf);
    chart_src_add(&src, "GDP", share ? NULL : s->gdp_usd);
    chart_src_add(&src, "GDP", pr->lcu_only_usd ? NULL : s->gdp_lcu);
    const ds_obs *bo =
        s->baseline.obs_lcu ? s->baseline.obs_lcu : s->baseline.obs_usd;
    chart_src_add(&src, "baseline", bo);
    snprintf(buf, sizeof buf, "GDP growth %.2f%% a year", pr->growth_pct);
    chart_src_text(&src, buf);
    if (sim) {
        /* the draws and the seed that reproduce the bands; how they were
         * drawn is the methods section's (ds_chart_fan_method), not the
         * chart's (issue 16, item 9) */
        snprintf(buf, sizeof buf, "Monte Carlo bands: %zu draws, seed %lu",
                 sim->n_draws, seed);
        chart_src_text(&src, buf);
    }
    return chart_src_set(p, &src, err);
}

char *
ds_chart_fan_method(const ds_simulation *sim, unsigned long seed, char *buf,
                    size_t size)
{
    char mu[32], sd[32];
    ds_format_whole(
        buf, size,
        "Monte Carlo: %zu draws of annual log GDP growth ~ N(%s, %s^2) "
        "(sd: %s); generator %s, seed %lu; bands are the 5th, 25th, 75th "
        "and 95th percentiles of spending",
        sim->n_draws, ds_format_fixed(sim->growth_mu, 4, mu, sizeof mu),
        ds_format_fixed(sim->growth_sd, 4, sd, sizeof sd),
        sim->growth_sd_basis, sim->rng_name, seed);
    return buf;
}

ds_status
ds_chart_projection(ds_plot *p, const ds_store *st, const ds_projection *pr,
                    const ds_simulation *sim, unsigned long seed,
                    ds_error *err)
{
    return projection_chart(p, st, pr, sim, seed, 0, err);
}

ds_status
ds_chart_projection_share(ds_plot *p, const ds_store *st,
                          const ds_projection *pr, ds_error *err)
{
    return projection_chart(p, st, pr, NULL, 0, 1, err);
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
    if (s == DS_OK && spec->draws > 0 && !spec->share) {
        ds_sim_spec ss = {spec->draws, NAN, NAN, 0};
        rng = gsl_rng_alloc(gsl_rng_mt19937);
        if (!rng)
            s = ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
        else {
            gsl_rng_set(rng, spec->seed);
            s = ds_projection_simulate(pr, &ss, rng, &sim, err);
        }
    }
    if (s == DS_OK && spec->share)
        s = ds_chart_projection_share(p, st, pr, err);
    else if (s == DS_OK)
        s = ds_chart_projection(p, st, pr, sim, spec->seed, err);
    gsl_rng_free(rng);
    ds_simulation_free(sim);
    ds_projection_free(pr);
    return s;
}
