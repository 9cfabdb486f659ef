/* cli_plot.c - the chart of each `defspend plot` kind, built from the
 * results of the library's calculations (no figure is computed here that
 * the calculation commands do not print), and the emitter.
 *
 * Promises: every chart has a title, axis labels with units, a legend
 * above the plot area (never on the data) and a source line naming
 * sources and vintages; missing figures are gaps, never zeros.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_plot.h"
#include "cli_proj.h"

#define MAX_YEARS 512
#define MAX_GROUPS 8

/* ------------------------------------------------------------ helpers */

char *
cplot_name(const char *name, size_t max, char *buf, size_t size)
{
    size_t chars = 0, i = 0;
    for (; name[i]; i++) {
        if (((unsigned char)name[i] & 0xC0) != 0x80) {
            if (chars == max)
                break;
            chars++;
        }
    }
    if (!name[i])
        snprintf(buf, size, "%s", name);
    else
        snprintf(buf, size, "%.*s...", (int)i, name);
    return buf;
}

typedef struct srcs {
    char buf[2048];
} srcs;

static void
src_add(srcs *s, const char *what, const ds_obs *o)
{
    if (!o)
        return;
    char item[512];
    snprintf(item, sizeof item, "%s (vintage %s)", o->source,
             o->vintage[0] ? o->vintage : "unknown");
    if (strstr(s->buf, item))
        return;
    size_t n = strlen(s->buf);
    snprintf(s->buf + n, sizeof s->buf - n, "%s%s%s%s",
             n ? "; " : "Source: ", what ? what : "", what ? ": " : "",
             item);
}

static void
src_text(srcs *s, const char *text)
{
    size_t n = strlen(s->buf);
    snprintf(s->buf + n, sizeof s->buf - n, "%s%s", n ? "; " : "", text);
}

static ds_status
src_set(ds_plot *p, srcs *s, ds_error *err)
{
    src_text(s, "chart: defspend");
    return ds_plot_set_text(p, DS_PLOT_SOURCE, s->buf, err);
}

/* Scale for money: divisor and word for the largest absolute value. */
static double
unit_for(double maxabs, const char **word)
{
    if (maxabs >= 2e12) {
        *word = "tn";
        return 1e12;
    }
    if (maxabs >= 1e9) {
        *word = "bn";
        return 1e9;
    }
    *word = "m";
    return 1e6;
}

static const char *
cur_name(const char *cur)
{
    return strcmp(cur, "USD") == 0 ? "US$" : cur;
}

#define TRY(x)                                                                \
    do {                                                                      \
        ds_status st_ = (x);                                                  \
        if (st_ != DS_OK)                                                     \
            return st_;                                                       \
    } while (0)

static ds_status
layer_ex(ds_plot *p, ds_plot_style style, size_t x, size_t y, size_t hi,
         int color, int dashed, int y2, int point, double alpha,
         const char *title, ds_error *err)
{
    ds_plot_layer l;
    memset(&l, 0, sizeof l);
    l.style = style;
    l.x = x;
    l.y = y;
    l.y_hi = hi;
    l.color = color;
    l.dashed = dashed;
    l.y2 = y2;
    l.point = point;
    l.alpha = alpha;
    l.title = title;
    return ds_plot_add_layer(p, &l, err);
}

static ds_status
title_set(ds_plot *p, const char *name, const char *iso3, const char *what,
          ds_error *err)
{
    char nm[256], t[512];
    snprintf(t, sizeof t, "%s (%s): %.300s", cplot_name(name, 60, nm, sizeof nm),
             iso3, what);
    return ds_plot_set_text(p, DS_PLOT_TITLE, t, err);
}

/* ---------------------------------------------------------- scenarios */

ds_status
cplot_scenarios(ds_plot *p, const ds_scenario *s, int lcu, ds_error *err)
{
    const char *cur = lcu ? s->lcu : "USD";
    if (lcu && (!s->gdp_lcu || !cur[0])) {
        ds_error_clear(err);
        err->code = DS_ENOTFOUND;
        snprintf(err->message, sizeof err->message,
                 "%s has no GDP in local currency in the store", s->iso3);
        return DS_ENOTFOUND;
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
    const char *word;
    double div = unit_for(maxv, &word);
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
    srcs src = {""};
    src_add(&src, "GDP", gdp);
    if (act) {
        double v = actv;
        double row[] = {0, NAN, v / div, s->actual.pct};
        TRY(ds_plot_add_row(p, row, "actual", err));
        char pc[64];
        snprintf(buf, sizeof buf, "actual %d: %s%%", s->actual.year,
                 ds_format_fixed(s->actual.pct, 2, pc, sizeof pc));
        TRY(ds_plot_add_tic(p, 'x', 0, buf, err));
        TRY(ds_plot_add_note(p, 0, v / div, 1,
                             ds_format_money(v, cur, a, sizeof a), err));
        src_add(&src, "actual spending", act);
        if (s->actual.published && s->actual.published != act)
            src_add(&src, "actual share", s->actual.published);
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
        TRY(ds_plot_add_note(p, (double)pos, v / div, 1, buf, err));
    }
    snprintf(buf, sizeof buf, "Spending at the target share of %d GDP%s",
             s->year, s->baseline.present ? " (x baseline)" : "");
    ds_plot_layer l;
    memset(&l, 0, sizeof l);
    l.style = DS_PLOT_BARS;
    l.x = 0;
    l.y = 1;
    l.color = 1;
    l.width = 0.6;
    l.title = buf;
    TRY(ds_plot_add_layer(p, &l, err));
    if (act) {
        char t[160];
        snprintf(t, sizeof t, "Actual military expenditure, %d (%s)",
                 s->actual.year, ds_definition_label(s->actual.definition));
        l.y = 2;
        l.color = 4;
        l.title = t;
        TRY(ds_plot_add_layer(p, &l, err));
    }
    if (s->baseline.present) {
        double bv = lcu ? s->baseline.lcu : s->baseline.usd;
        if (isfinite(bv)) {
            char one[64], x1[64], x2[64];
            if (!lcu && two_rates)
                snprintf(buf, sizeof buf,
                         "Baseline: %s as reported; %s at %s %s/$ = %s%% "
                         "of %d GDP",
                         ds_format_money(bv, cur, a, sizeof a),
                         ds_format_money(s->baseline.usd_one_rate, cur, one,
                                         sizeof one),
                         ds_format_fixed(s->gdp_lcu_per_usd, 2, x1, sizeof x1),
                         s->lcu,
                         ds_format_fixed(s->baseline.share_pct, 2, x2,
                                         sizeof x2),
                         s->baseline.share_year);
            else
                snprintf(buf, sizeof buf, "Baseline: %s (%s%% of %d GDP)",
                         ds_format_money(bv, cur, a, sizeof a),
                         ds_format_fixed(s->baseline.share_pct, 2, x2,
                                         sizeof x2),
                         s->baseline.share_year);
            TRY(ds_plot_add_refline(p, 'y', bv / div, buf, err));
            if (bv > maxv)
                maxv = bv;
        }
        char what[300];
        snprintf(what, sizeof what, "baseline (%.200s)", s->baseline.label);
        src_add(&src, what, lcu ? s->baseline.obs_lcu : s->baseline.obs_usd);
    }
    TRY(ds_plot_set_axis(p, 'x', -0.6, (double)pos - 0.4, NULL, err));
    TRY(ds_plot_set_axis(p, 'y', 0, maxv / div * 1.12, NULL, err));
    snprintf(buf, sizeof buf, "defense spending at shares of %d GDP",
             s->year);
    TRY(title_set(p, s->name, s->iso3, buf, err));
    snprintf(buf, sizeof buf, "share of %d GDP (%s, %s, definition %s)",
             s->year, cur_name(cur), gdp->price_basis, gdp->definition);
    TRY(ds_plot_set_text(p, DS_PLOT_XLABEL, buf, err));
    snprintf(buf, sizeof buf, "spending, %s %s %s", gdp->price_basis,
             cur_name(cur), word);
    TRY(ds_plot_set_text(p, DS_PLOT_YLABEL, buf, err));
    return src_set(p, &src, err);
}

/* ------------------------------------------------------------ history */

#define FLAGGED                                                               \
    (DS_FLAG_ESTIMATE | DS_FLAG_PROJECTION | DS_FLAG_DRAFT |                  \
     DS_FLAG_APPROXIMATE | DS_FLAG_UNCERTAIN)

ds_status
cplot_history(ds_plot *p, const ds_store *st, const char *iso3, int from,
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
        ds_error_clear(err);
        err->code = DS_ENOTFOUND;
        snprintf(err->message, sizeof err->message,
                 "no military expenditure for %s in the store%s", iso3,
                 from || to ? " in the years asked" : "");
        return DS_ENOTFOUND;
    }
    const char *cols[] = {"year", "share_pct", "share_pct_flagged",
                          "milex_usd_bn", "milex_usd_bn_flagged"};
    TRY(ds_plot_set_columns(p, cols, 5, err));
    srcs src = {""};
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
            src_add(&src, "% of GDP", os);
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
            src_add(&src, "US$", om);
        }
        char fl[128] = "";
        if (om)
            ds_flags_format(om->flags, fl, sizeof fl);
        TRY(ds_plot_add_row(p, row, fl, err));
    }
    TRY(layer_ex(p, DS_PLOT_LINESPOINTS, 0, 1, 0, 1, 0, 0, 7, 0,
                 "% of GDP (left axis)", err));
    if (any_fs)
        TRY(layer_ex(p, DS_PLOT_LINESPOINTS, 0, 2, 0, 1, 1, 0, 6, 0,
                     "% of GDP: estimate, draft or projection", err));
    TRY(layer_ex(p, DS_PLOT_LINESPOINTS, 0, 3, 0, 2, 0, 1, 5, 0,
                 "current US$ bn (right axis)", err));
    if (any_fm)
        TRY(layer_ex(p, DS_PLOT_LINESPOINTS, 0, 4, 0, 2, 1, 1, 4, 0,
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
    TRY(title_set(p, ct ? ct->name : iso3, iso3, t, err));
    TRY(ds_plot_set_text(p, DS_PLOT_XLABEL,
                         "year (calendar; fiscal years by their label year)",
                         err));
    TRY(ds_plot_set_text(p, DS_PLOT_YLABEL,
                         "military expenditure, % of GDP", err));
    TRY(ds_plot_set_text(p, DS_PLOT_Y2LABEL,
                         "military expenditure, current US$ bn", err));
    return src_set(p, &src, err);
}

/* --------------------------------------------------------- projection */

ds_status
cplot_projection(ds_plot *p, const ds_store *st, const ds_projection *pr,
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
        ds_error_clear(err);
        err->code = DS_ENOMEM;
        snprintf(err->message, sizeof err->message, "out of memory");
        return DS_ENOMEM;
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
    srcs src = {""};
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
        src_add(&src, "military expenditure", o);
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
                src_add(&src, "military expenditure", o);
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
        TRY(layer_ex(p, DS_PLOT_BAND, 0, c + 1, c + 4, (int)k + 1, 0, 0, 0,
                     0.15, k == 0 ? "5th-95th percentile" : NULL, err));
        TRY(layer_ex(p, DS_PLOT_BAND, 0, c + 2, c + 3, (int)k + 1, 0, 0, 0,
                     0.3, k == 0 ? "25th-75th percentile" : NULL, err));
    }
    TRY(layer_ex(p, DS_PLOT_LINESPOINTS, 0, 1, 0, 7, 0, 0, 7, 0,
                 "military expenditure (data)", err));
    snprintf(buf, sizeof buf, "baseline held flat, %s",
             ds_format_money(pr->baseline_usd, "USD", a, sizeof a));
    TRY(layer_ex(p, DS_PLOT_LINES, 0, 2, 0, 7, 1, 0, 0, 0,
                 pr->baseline_usd > 0 ? buf : NULL, err));
    double top = 0;
    for (size_t k = 0; k < nt; k++) {
        const ds_project_cell *cl =
            ds_projection_cell(pr, k, pr->n_years - 1);
        char t[128];
        snprintf(t, sizeof t, "%g%% of GDP by %d: %s", pr->targets_pct[k],
                 pr->by_year,
                 ds_format_money(cl->spend_usd, "USD", a, sizeof a));
        TRY(layer_ex(p, DS_PLOT_LINES, 0, 3 + k * (sim ? 5 : 1), 0,
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
    TRY(title_set(p, s->name, s->iso3, buf, err));
    TRY(ds_plot_set_text(p, DS_PLOT_XLABEL, "year", err));
    const char *lcu = pr->lcu_only_usd ? "USD" : s->lcu;
    snprintf(buf, sizeof buf, "spending, current US$ bn at %s held",
             cp_rate(pr->lcu_per_usd, lcu, a, sizeof a));
    TRY(ds_plot_set_text(p, DS_PLOT_YLABEL, buf, err));
    src_add(&src, "GDP", s->gdp_usd);
    src_add(&src, "GDP", pr->lcu_only_usd ? NULL : s->gdp_lcu);
    const ds_obs *bo =
        s->baseline.obs_lcu ? s->baseline.obs_lcu : s->baseline.obs_usd;
    src_add(&src, "baseline", bo);
    snprintf(buf, sizeof buf, "GDP growth %.2f%% a year", pr->growth_pct);
    src_text(&src, buf);
    if (sim) {
        snprintf(buf, sizeof buf,
                 "Monte Carlo %zu draws, %s, seed %lu, GDP growth sd %.4f",
                 sim->n_draws, sim->rng_name, seed, sim->growth_sd);
        src_text(&src, buf);
    }
    return src_set(p, &src, err);
}

/* ------------------------------------------------------------ compare */

ds_status
cplot_compare(ds_plot *p, const ds_comparison *c, const char *title,
              const char *focus, ds_error *err)
{
    const char *cols[] = {"position", "share_pct", "share_pct_focus",
                          "milex_usd_bn", "gdp_usd_bn"};
    TRY(ds_plot_set_columns(p, cols, 5, err));
    srcs src = {""};
    double maxs = 0;
    int any_focus = 0;
    for (size_t i = 0; i < c->n_rows; i++) {
        const ds_compare_row *r = &c->rows[i];
        double y = (double)(c->n_rows - i);
        int f = focus && strcmp(r->iso3, focus) == 0;
        double row[] = {y, NAN, NAN, NAN, NAN};
        char nm[128], t[192];
        cplot_name(r->name, 32, nm, sizeof nm);
        if (r->has_data) {
            row[f ? 2 : 1] = r->share_pct;
            row[3] = r->milex_usd_value / 1e9;
            row[4] = r->gdp_usd_value / 1e9;
            any_focus |= f;
            maxs = r->share_pct > maxs ? r->share_pct : maxs;
            char pc[64];
            snprintf(t, sizeof t, "%s %s%% (%d)", nm,
                     ds_format_fixed(r->share_pct, 2, pc, sizeof pc), r->year);
            /* every figure of the row's share, one definition */
            src_add(&src, "GDP", r->gdp_usd);
            src_add(&src, "military expenditure", r->milex_usd);
            src_add(&src, "share of GDP", r->share_obs);
        } else {
            snprintf(t, sizeof t, "%s: no data", nm);
        }
        TRY(ds_plot_add_row(p, row, r->iso3, err));
        TRY(ds_plot_add_tic(p, 'y', y, t, err));
    }
    ds_plot_layer l;
    memset(&l, 0, sizeof l);
    l.style = DS_PLOT_HBARS;
    l.x = 1;
    l.y = 0;
    l.color = 1;
    l.width = 0.7;
    l.title = "military expenditure, % of GDP";
    TRY(ds_plot_add_layer(p, &l, err));
    if (any_focus) {
        l.x = 2;
        l.color = 2;
        l.title = focus;
        TRY(ds_plot_add_layer(p, &l, err));
    }
    for (size_t k = 0; k < c->n_targets; k++) {
        char t[32];
        snprintf(t, sizeof t, "%g%%", c->targets_pct[k]);
        TRY(ds_plot_add_refline(p, 'x', c->targets_pct[k], t, err));
        maxs = c->targets_pct[k] > maxs ? c->targets_pct[k] : maxs;
    }
    TRY(ds_plot_set_axis(p, 'x', 0, maxs * 1.08, "%g%%", err));
    TRY(ds_plot_set_axis(p, 'y', 0.3, (double)c->n_rows + 0.7, NULL, err));
    char t[256];
    snprintf(t, sizeof t, "%s: military expenditure as a share of GDP",
             title);
    TRY(ds_plot_set_text(p, DS_PLOT_TITLE, t, err));
    TRY(ds_plot_set_text(p, DS_PLOT_XLABEL,
                         c->year_rule != DS_COMPARE_YEAR_LATEST_EACH
                             ? "military expenditure / GDP, current US$, "
                               "%; reference lines: targets"
                             : "military expenditure / GDP, current US$, "
                               "each country's latest year, %",
                         err));
    TRY(ds_plot_set_text(p, DS_PLOT_YLABEL, "ranked by share", err));
    return src_set(p, &src, err);
}

/* ---------------------------------------------------------- revisions */

typedef struct vgroup {
    const char *definition, *vintage;
    int fy;
} vgroup;

static int
vgroup_cmp(const void *a, const void *b)
{
    const vgroup *x = a, *y = b;
    int c = strcmp(x->definition, y->definition);
    if (!c)
        c = x->fy - y->fy;
    if (!c)
        c = strcmp(x->vintage, y->vintage);
    return c;
}

ds_status
cplot_revisions(ds_plot *p, const ds_store *st, const char *iso3,
                const char *indicator, const char *currency,
                const char *definition, ds_error *err)
{
    size_t n = ds_store_count(st);
    vgroup g[64];
    size_t ng = 0;
    int lo = 99999, hi = -99999;
    double maxabs = 0;
    int money = currency && currency[0];
    for (size_t i = 0; i < n; i++) {
        const ds_obs *o = ds_store_get(st, i);
        if (strcmp(o->country, iso3) || strcmp(o->indicator, indicator) ||
            strcmp(o->currency, money ? currency : "") ||
            (o->price_basis[0] && strcmp(o->price_basis, "current")))
            continue;
        size_t k = 0;
        while (k < ng && !(strcmp(g[k].definition, o->definition) == 0 &&
                           strcmp(g[k].vintage, o->vintage) == 0 &&
                           g[k].fy == o->fy_start_month))
            k++;
        if (k == ng && ng < 64)
            g[ng++] = (vgroup){o->definition, o->vintage, o->fy_start_month};
        lo = o->year < lo ? o->year : lo;
        hi = o->year > hi ? o->year : hi;
        maxabs = fabs(o->value) > maxabs ? fabs(o->value) : maxabs;
    }
    if (!ng) {
        ds_error_clear(err);
        err->code = DS_ENOTFOUND;
        snprintf(err->message, sizeof err->message,
                 "no %s%s%s for %s in the store", indicator,
                 money ? " in " : "", money ? currency : "", iso3);
        return DS_ENOTFOUND;
    }
    qsort(g, ng, sizeof *g, vgroup_cmp);
    /* one series: the definition (and year basis) asked for, else the one
     * held in the most vintages */
    size_t best = 0, bestn = 0;
    for (size_t i = 0; i < ng;) {
        size_t j = i;
        while (j < ng && strcmp(g[j].definition, g[i].definition) == 0 &&
               g[j].fy == g[i].fy)
            j++;
        int want = definition && strcmp(g[i].definition, definition) == 0;
        if ((definition && want && !bestn) ||
            (!definition && j - i > bestn)) {
            best = i;
            bestn = j - i;
        }
        i = j;
    }
    if (!bestn) {
        ds_error_clear(err);
        err->code = DS_ENOTFOUND;
        snprintf(err->message, sizeof err->message,
                 "no %s with definition '%s' for %s in the store", indicator,
                 definition, iso3);
        return DS_ENOTFOUND;
    }
    memmove(g, g + best, bestn * sizeof *g);
    ng = bestn > MAX_GROUPS ? MAX_GROUPS : bestn;
    const char *word = "";
    double div = money ? unit_for(maxabs, &word) : 1;
    char names[MAX_GROUPS + 1][160];
    const char *cols[MAX_GROUPS + 1];
    snprintf(names[0], sizeof names[0], "year");
    for (size_t k = 0; k < ng; k++) {
        char yb[16];
        snprintf(names[k + 1], sizeof names[k + 1], "%s %s%s%s",
                 g[k].definition, g[k].vintage, g[k].fy == 1 ? "" : " ",
                 g[k].fy == 1 ? ""
                              : ds_year_basis_format(g[k].fy, yb, sizeof yb));
    }
    for (size_t k = 0; k <= ng; k++)
        cols[k] = names[k];
    TRY(ds_plot_set_columns(p, cols, ng + 1, err));
    srcs src = {""};
    double worst = 0;
    int worst_year = 0;
    for (int y = lo; y <= hi; y++) {
        double row[MAX_GROUPS + 1];
        row[0] = y;
        int any = 0;
        for (size_t k = 0; k < ng; k++) {
            ds_query q = {iso3,          indicator, y,
                          money ? currency : "", g[k].definition,
                          g[k].vintage, NULL,     g[k].fy, DS_ACTUALS_ONLY};
            const ds_obs *o;
            row[k + 1] = NAN;
            if (ds_store_find(st, &q, &o, NULL) == DS_OK &&
                strcmp(o->vintage, g[k].vintage) == 0) {
                row[k + 1] = o->value / div;
                any = 1;
                src_add(&src, NULL, o);
                /* the revision from the previous vintage of this figure */
                if (k > 0 && isfinite(row[k]) &&
                    strcmp(g[k - 1].definition, g[k].definition) == 0 &&
                    g[k - 1].fy == g[k].fy && row[k] != 0) {
                    double r = 100.0 * (row[k + 1] - row[k]) / fabs(row[k]);
                    if (fabs(r) > fabs(worst)) {
                        worst = r;
                        worst_year = y;
                    }
                }
            }
        }
        if (any)
            TRY(ds_plot_add_row(p, row, "", err));
    }
    for (size_t k = 0; k < ng; k++)
        TRY(layer_ex(p, DS_PLOT_LINESPOINTS, 0, k + 1, 0, (int)k + 1,
                     (int)(k % 2), 0, 0, 0, names[k + 1], err));
    const ds_countries *cs = ds_store_countries(st);
    const ds_country *ct = NULL;
    if (cs && ds_countries_lookup(cs, iso3, &ct, NULL) != DS_OK)
        ct = NULL;
    char t[256], u[128];
    if (worst_year)
        snprintf(u, sizeof u, "largest revision %+.2f%% (%d)", worst,
                 worst_year);
    else
        snprintf(u, sizeof u, "no figure differs between vintages");
    snprintf(t, sizeof t, "%s%s%s by vintage; %s", indicator,
             money ? ", " : "", money ? cur_name(currency) : "", u);
    TRY(title_set(p, ct ? ct->name : iso3, iso3, t, err));
    snprintf(t, sizeof t, "year (definition %s)", g[0].definition);
    TRY(ds_plot_set_text(p, DS_PLOT_XLABEL, t, err));
    snprintf(t, sizeof t, "%s%s%s%s%s", indicator, money ? ", current " : "",
             money ? cur_name(currency) : "", money ? " " : "", word);
    TRY(ds_plot_set_text(p, DS_PLOT_YLABEL, t, err));
    TRY(ds_plot_set_axis(p, 'x', lo - 0.5, hi + 0.5, NULL, err));
    return src_set(p, &src, err);
}

/* -------------------------------------------------------- sensitivity */

ds_status
cplot_sensitivity(ds_plot *p, const cplot_grid *g, ds_error *err)
{
    const ds_projection *pr = g->first;
    const char *cols[] = {"growth_index", "target_index", "value_usd_bn",
                          g->by_rate ? "lcu_per_usd" : "growth_pct",
                          "target_pct"};
    TRY(ds_plot_set_columns(p, cols, 5, err));
    for (size_t t = 0; t < g->nt; t++)
        for (size_t x = 0; x < g->nx; x++) {
            double v = g->value_usd[t * g->nx + x];
            double row[] = {(double)x, (double)t, v / 1e9, g->growth_pct[x],
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
            cp_rate(g->growth_pct[x], lcu, t, sizeof t);
        else
            snprintf(t, sizeof t, "%+g%%", g->growth_pct[x]);
        TRY(ds_plot_add_tic(p, 'x', (double)x, t, err));
    }
    for (size_t t = 0; t < g->nt; t++) {
        char s[32];
        snprintf(s, sizeof s, "%g%%", g->targets_pct[t]);
        TRY(ds_plot_add_tic(p, 'y', (double)t, s, err));
    }
    TRY(layer_ex(p, DS_PLOT_HEATMAP, 0, 1, 2, 0, 0, 0, 0, 0, NULL, err));
    TRY(ds_plot_set_axis(p, 'x', -0.5, (double)g->nx - 0.5, NULL, err));
    TRY(ds_plot_set_axis(p, 'y', -0.5, (double)g->nt - 0.5, NULL, err));
    char buf[256];
    snprintf(buf, sizeof buf, "%s, current US$, by target and %s", g->what,
             g->by_rate ? "exchange rate" : "GDP growth");
    TRY(title_set(p, pr->scenario->name, pr->scenario->iso3, buf, err));
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
                 cp_rate(pr->lcu_per_usd, lcu, a, sizeof a));
    TRY(ds_plot_set_text(p, DS_PLOT_CBLABEL, buf, err));
    srcs src = {""};
    src_add(&src, "GDP", pr->scenario->gdp_usd);
    const ds_scenario *s = pr->scenario;
    src_add(&src, "baseline",
            s->baseline.obs_lcu ? s->baseline.obs_lcu : s->baseline.obs_usd);
    return src_set(p, &src, err);
}

static ds_status
grid_error(ds_error *err, ds_status code, const char *fmt, const char *arg)
{
    if (err) {
        ds_error_clear(err);
        err->code = code;
        snprintf(err->message, sizeof err->message, fmt, arg);
    }
    return code;
}

ds_status
cplot_sensitivity_run(ds_plot *p, const ds_store *st,
                      const ds_project_spec *spec, const double *xs,
                      size_t nx, int by_rate, int cumulative, ds_error *err)
{
    size_t nt = spec->n_targets;
    double *v = calloc(nt * nx + 1, sizeof *v);
    if (!v)
        return grid_error(err, DS_ENOMEM, "out of memory", "");
    ds_project_spec sp = *spec;
    ds_projection *first = NULL;
    ds_status s = DS_OK;
    if (!by_rate)
        sp.gdp_source = DS_GDP_GROWTH;
    for (size_t x = 0; x < (by_rate ? 1 : nx) && s == DS_OK; x++) {
        ds_projection *pr = NULL;
        if (!by_rate)
            sp.growth_pct = xs[x];
        if ((s = ds_project_run(st, &sp, &pr, err)) != DS_OK)
            break;
        if (by_rate && pr->lcu_only_usd) {
            s = grid_error(err, DS_ENOTFOUND,
                           "--rates: %s has no GDP in local currency in the "
                           "store", pr->scenario->iso3);
            ds_projection_free(pr);
            break;
        }
        for (size_t t = 0; t < nt; t++) {
            const ds_project_cell *c =
                ds_projection_cell(pr, t, pr->n_years - 1);
            if (by_rate)
                for (size_t j = 0; j < nx; j++)
                    v[t * nx + j] = (cumulative ? c->cum_extra_lcu
                                                : c->spend_lcu) / xs[j];
            else
                v[t * nx + x] = cumulative ? c->cum_extra_usd : c->spend_usd;
        }
        if (!first)
            first = pr;
        else
            ds_projection_free(pr);
    }
    if (s == DS_OK) {
        char what[96];
        if (cumulative)
            snprintf(what, sizeof what, "extra over the baseline %d-%d",
                     first->from_year + 1, first->by_year);
        else
            snprintf(what, sizeof what, "spending in %d", first->by_year);
        cplot_grid g = {nt, nx, spec->targets_pct, xs, by_rate, v, what,
                        first};
        s = cplot_sensitivity(p, &g, err);
    }
    ds_projection_free(first);
    free(v);
    return s;
}

/* ------------------------------------------------------------ emitter */

int
cplot_emit(const ds_plot *p, ds_plot_format fmt, const char *image)
{
    ds_plot_result r;
    ds_error err;
    ds_error_clear(&err);
    ds_status st = ds_plot_write(p, fmt, image, &r, &err);
    if (r.warnings) {
        fputs("defspend: warning: gnuplot: ", stderr);
        fwrite(r.warnings, 1, cli_tt_buffer(r.warnings, strlen(r.warnings)),
               stderr);
        fputc('\n', stderr);
    }
    int rc = EXIT_OK;
    if (st != DS_OK) {
        rc = cli_report(&err);
        if (r.gnuplot_missing || r.gnuplot_failed)
            rc = EXIT_RENDER;
    } else if (r.text) {
        /* a chart drawn in text for a terminal (--format dumb): gnuplot
         * starts each page with a form feed, which is kept; any other
         * control character is not */
        for (char *t = r.text; *t;) {
            size_t n = strcspn(t, "\f");
            fwrite(t, 1, cli_tt_buffer(t, n), stdout);
            t += n;
            if (*t == '\f')
                putchar(*t++);
        }
        if (fflush(stdout) != 0) {
            cli_error("cannot write to standard output");
            rc = EXIT_IO;
        }
    }
    free(r.text);
    free(r.warnings);
    return rc;
}
