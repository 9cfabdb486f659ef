/* chart_scenarios.c - the scenarios chart.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_internal.h"

/* ---------------------------------------------------------- scenarios */

ds_status
ds_chart_scenarios(ds_plot *p, const ds_scenario *s, int lcu, ds_error *err)
{
    const char *cur = lcu ? s->lcu : "USD";
    if (lcu && (!s->gdp_lcu || !cur[0])) {
        return ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                             "%s has no GDP in local currency in the store",
                             s->iso3);
    }
    const ds_obs *gdp = lcu ? s->gdp_lcu : s->gdp_usd;
    /* the US$ baseline was converted at another rate than GDP */
    int two_rates = s->baseline.present &&
                    isfinite(s->baseline.usd_one_rate) &&
                    isfinite(s->baseline.usd) &&
                    fabs(s->baseline.usd_one_rate / s->baseline.usd - 1) >
                        5e-4;
    double maxv = 0;
    for (size_t k = 0; k < s->n_rows; k++) {
        double v = lcu ? s->rows[k].spend_lcu : s->rows[k].spend_usd;
        if (isfinite(v) && v > maxv)
            maxv = v;
    }
    /* the baseline line, and the top of the y range, known before the
     * bar labels are placed */
    double bv = NAN;
    if (s->baseline.present)
        bv = lcu ? s->baseline.lcu : s->baseline.usd;
    double top = maxv;
    if (isfinite(bv) && bv > top)
        top = bv;
    if (s->has_actual) {
        double av = lcu ? (s->actual_milex_lcu ? s->actual_milex_lcu->value
                                               : NAN)
                        : s->actual.milex_usd;
        if (isfinite(av) && av > top)
            top = av;
    }
    const char *word;
    double div = chart_unit_for(maxv, &word);
    char colv[64], cola[64], buf[512], a[64];
    snprintf(colv, sizeof colv, "spend_%s_%s", cur, word);
    snprintf(cola, sizeof cola, "actual_%s_%s", cur, word);
    const char *cols[] = {"position", colv, cola, "share_pct"};
    TRY(ds_plot_set_columns(p, cols, 4, err));
    size_t pos = 0;
    /* the actual bar is what was recorded that year (one definition),
     * never a share times another year's GDP */
    const ds_obs *act = NULL;
    double actv = NAN;
    if (s->has_actual && lcu && s->actual_milex_lcu) {
        act = s->actual_milex_lcu;
        actv = act->value;
    } else if (s->has_actual && !lcu && isfinite(s->actual.milex_usd)) {
        act = s->actual.milex ? s->actual.milex : s->actual.published;
        actv = s->actual.milex_usd;
    }
    /* a bar label sits 0.8 lines above its bar and is about a line
     * tall: about 8% of the y range (0 to 1.12 x top) on every terminal.
     * One the baseline would run through goes above the line instead
     * (issue 16, item 4) */
    double ymax = top * 1.12, clear = 0.08 * ymax;
#define LABEL_Y(v)                                                            \
    (isfinite(bv) && bv >= (v) - 0.01 * ymax && bv <= (v) + clear ? bv : (v))
    chart_srcs src = {""};
    chart_src_add(&src, "GDP", gdp);
    if (act) {
        double v = actv;
        double row[] = {0, NAN, v / div, s->actual.pct};
        TRY(ds_plot_add_row(p, row, "actual", err));
        char pc[64];
        snprintf(buf, sizeof buf, "actual %d: %s%%", s->actual.year,
                 ds_format_fixed(s->actual.pct, 2, pc, sizeof pc));
        TRY(ds_plot_add_tic(p, 'x', 0, buf, err));
        TRY(ds_plot_add_note(p, 0, LABEL_Y(v) / div, 1,
                             ds_format_money(v, cur, a, sizeof a), err));
        chart_src_add(&src, "actual spending", act);
        if (s->actual.published && s->actual.published != act)
            chart_src_add(&src, "actual share", s->actual.published);
        pos = 1;
        if (v > maxv)
            maxv = v;
    }
    for (size_t k = 0; k < s->n_rows; k++, pos++) {
        const ds_scenario_row *r = &s->rows[k];
        double v = lcu ? r->spend_lcu : r->spend_usd;
        double ratio = lcu ? r->ratio_to_baseline_lcu : r->ratio_to_baseline;
        double row[] = {(double)pos, v / div, NAN, r->target_pct};
        TRY(ds_plot_add_row(p, row, "target", err));
        snprintf(buf, sizeof buf, "%g%%", r->target_pct);
        TRY(ds_plot_add_tic(p, 'x', (double)pos, buf, err));
        ds_format_money(v, cur, a, sizeof a);
        char x1[64], x2[64];
        if (isfinite(ratio) && !lcu && two_rates)
            snprintf(buf, sizeof buf, "%s, %sx (%sx one rate)", a,
                     ds_format_fixed(ratio, 2, x1, sizeof x1),
                     ds_format_fixed(r->ratio_one_rate, 2, x2, sizeof x2));
        else if (isfinite(ratio))
            snprintf(buf, sizeof buf, "%s, %sx", a,
                     ds_format_fixed(ratio, 2, x1, sizeof x1));
        else
            snprintf(buf, sizeof buf, "%s", a);
        if (isfinite(v))
            TRY(ds_plot_add_note(p, (double)pos, LABEL_Y(v) / div, 1, buf,
                                 err));
    }
    snprintf(buf, sizeof buf, "Spending at the target share of %d GDP%s",
             s->year, s->baseline.present ? " (x baseline)" : "");
    TRY(chart_bars(p, DS_PLOT_BARS, 0, 1, 0, 1, 0.6, buf, err));
    if (act) {
        char t[160];
        snprintf(t, sizeof t, "Actual military expenditure, %d (%s)",
                 s->actual.year, ds_definition_label(s->actual.definition));
        TRY(chart_bars(p, DS_PLOT_BARS, 0, 2, 0, 4, 0.6, t, err));
    }
    if (s->baseline.present) {
        if (isfinite(bv)) {
            /* the share on the chart's own basis: the line's figure over
             * the chart's GDP (same currency, year and source as the
             * bars), never the local-currency share on a US$ chart */
            char one[64], x2[64], x3[64], rt[64];
            double sh = 100.0 * bv / gdp->value;
            if (!lcu && two_rates)
                snprintf(buf, sizeof buf,
                         "Baseline: %s as reported = %s%% of %d GDP in US$ "
                         "(%s = %s%% at one rate, %s)",
                         ds_format_money(bv, cur, a, sizeof a),
                         ds_format_fixed(sh, 2, x2, sizeof x2), s->year,
                         ds_format_money(s->baseline.usd_one_rate, cur, one,
                                         sizeof one),
                         ds_format_fixed(100.0 * s->baseline.usd_one_rate /
                                             gdp->value,
                                         2, x3, sizeof x3),
                         chart_rate(s->gdp_lcu_per_usd, s->lcu, rt,
                                    sizeof rt));
            else
                snprintf(buf, sizeof buf,
                         "Baseline: %s (%s%% of %d GDP in %s)",
                         ds_format_money(bv, cur, a, sizeof a),
                         ds_format_fixed(sh, 2, x2, sizeof x2), s->year,
                         chart_cur_name(cur));
            TRY(ds_plot_add_refline(p, 'y', bv / div, buf, err));
            if (bv > maxv)
                maxv = bv;
        }
        char what[300];
        snprintf(what, sizeof what, "baseline (%.200s)", s->baseline.label);
        chart_src_add(&src, what, lcu ? s->baseline.obs_lcu : s->baseline.obs_usd);
    }
    TRY(ds_plot_set_axis(p, 'x', -0.6, (double)pos - 0.4, NULL, err));
    TRY(ds_plot_set_axis(p, 'y', 0, ymax / div, NULL, err));
#undef LABEL_Y
    snprintf(buf, sizeof buf, "defense spending at shares of %d GDP",
             s->year);
    TRY(chart_title(p, s->name, s->iso3, buf, err));
    snprintf(buf, sizeof buf, "share of %d GDP (%s, %s, definition %s)",
             s->year, chart_cur_name(cur), gdp->price_basis, gdp->definition);
    TRY(ds_plot_set_text(p, DS_PLOT_XLABEL, buf, err));
    snprintf(buf, sizeof buf, "spending, %s %s %s", gdp->price_basis,
             chart_cur_name(cur), word);
    TRY(ds_plot_set_text(p, DS_PLOT_YLABEL, buf, err));
    return chart_src_set(p, &src, err);
}

ds_status
ds__chart_build_scenarios(ds_plot *p, const ds_store *st,
                          const ds_chart_spec *spec, ds_error *err)
{
    static const double def[] = {1, 3, 3.5, 5};
    ds_scenario_spec ss;
    memset(&ss, 0, sizeof ss);
    ss.country = spec->country;
    ss.year = spec->year;
    ss.targets_pct = spec->n_targets ? spec->targets_pct : def;
    ss.n_targets = spec->n_targets ? spec->n_targets : 4;
    if (spec->baseline)
        ds_scenario_spec_set_baseline(&ss, spec->baseline);
    ss.source = spec->source;
    ds_scenario *sc = NULL;
    ds_status s = ds_scenario_run(st, &ss, &sc, err);
    if (s == DS_OK)
        s = ds_chart_scenarios(p, sc, spec->lcu, err);
    ds_scenario_free(sc);
    return s;
}
