/* chart_compare.c - the compare chart.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_internal.h"

/* ------------------------------------------------------------ compare */

ds_status
ds_chart_compare(ds_plot *p, const ds_comparison *c, const char *title,
              const char *focus, ds_error *err)
{
    const char *cols[] = {"position", "share_pct", "share_pct_focus",
                          "milex_usd_bn", "gdp_usd_bn"};
    TRY(ds_plot_set_columns(p, cols, 5, err));
    chart_srcs src = {""};
    double maxs = 0;
    int any_focus = 0;
    for (size_t i = 0; i < c->n_rows; i++) {
        const ds_compare_row *r = &c->rows[i];
        double y = (double)(c->n_rows - i);
        int f = focus && strcmp(r->iso3, focus) == 0;
        double row[] = {y, NAN, NAN, NAN, NAN};
        char nm[128], t[192];
        ds_chart_name(r->name, 32, nm, sizeof nm);
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
            chart_src_add(&src, "GDP", r->gdp_usd);
            chart_src_add(&src, "military expenditure", r->milex_usd);
            chart_src_add(&src, "share of GDP", r->share_obs);
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
    return chart_src_set(p, &src, err);
}

ds_status
ds__chart_build_compare(ds_plot *p, const ds_store *st,
                        const ds_chart_spec *spec, ds_error *err)
{
    static const double def[] = {2, 3.5, 5};
    char title[160], gq[64];
    if (spec->group)
        snprintf(title, sizeof title, "Group %s, %zu members",
                 ds_chart_name(spec->group, 30, gq, sizeof gq),
                 spec->n_countries);
    else
        snprintf(title, sizeof title, "%zu countries", spec->n_countries);
    ds_compare_spec cs;
    ds_compare_spec_init(&cs);
    cs.iso3 = spec->countries;
    cs.n = spec->n_countries;
    cs.targets_pct = spec->n_targets ? spec->targets_pct : def;
    cs.n_targets = spec->n_targets ? spec->n_targets : 3;
    cs.year = spec->year;
    cs.source = spec->source;
    cs.prefer = spec->prefer;
    ds_comparison *cmp = NULL;
    ds_status s = ds_compare_run(st, &cs, &cmp, err);
    if (s == DS_OK)
        s = ds_chart_compare(p, cmp, title,
                             spec->group || !spec->n_countries
                                 ? NULL
                                 : spec->countries[0],
                             err);
    ds_comparison_free(cmp);
    return s;
}
