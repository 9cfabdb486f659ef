/* chart_compare.c - the compare chart: countries ranked by military
 * expenditure as a share of GDP, one definition.  The title says in words
 * who is compared, the year and whose definition; each bar is labelled
 * with the country's name, its share and, where the figures are not all
 * of one year or not all estimates, the year and the estimate flag.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_internal.h"

/* ------------------------------------------------------------ compare */

/* The flags of the figure a row's share comes from. */
static unsigned
row_flags(const ds_compare_row *r)
{
    const ds_obs *o = r->share_obs ? r->share_obs : r->milex_usd;
    return o ? o->flags : 0;
}

/* What the rows with data have in common: one year (or 0), all / some
 * figures estimates, the United States among them. */
typedef struct cc_facts {
    int one_year;  /* the year of every ranked row, 0 when they differ */
    size_t n_data, n_est;
    int has_usa;
} cc_facts;

static cc_facts
compare_facts(const ds_comparison *c)
{
    cc_facts k = {0, 0, 0, 0};
    int differ = 0;
    for (size_t i = 0; i < c->n_rows; i++) {
        const ds_compare_row *r = &c->rows[i];
        if (strcmp(r->iso3, "USA") == 0)
            k.has_usa = 1;
        if (!r->has_data)
            continue;
        if (k.n_data && r->year != k.one_year)
            differ = 1;
        if (!k.n_data)
            k.one_year = r->year;
        k.n_data++;
        if (row_flags(r) & DS_FLAG_ESTIMATE)
            k.n_est++;
    }
    if (differ)
        k.one_year = 0;
    return k;
}

ds_status
ds_chart_compare(ds_plot *p, const ds_comparison *c, const char *title,
              const char *focus, ds_error *err)
{
    const char *cols[] = {"position", "share_pct", "share_pct_focus",
                          "milex_usd_bn", "gdp_usd_bn"};
    TRY(ds_plot_set_columns(p, cols, 5, err));
    chart_srcs src = {""};
    cc_facts k = compare_facts(c);
    /* every row's figure is flagged where not all are estimates, its year
     * where the years differ */
    int mark_est = k.n_est && k.n_est < k.n_data;
    double maxs = 0;
    int any_focus = 0;
    const char *focus_name = focus;
    for (size_t i = 0; i < c->n_rows; i++) {
        const ds_compare_row *r = &c->rows[i];
        double y = (double)(c->n_rows - i);
        int f = focus && strcmp(r->iso3, focus) == 0;
        double row[] = {y, NAN, NAN, NAN, NAN};
        char nm[128], t[192];
        ds_chart_name(r->name, 32, nm, sizeof nm);
        if (f)
            focus_name = r->name;
        if (r->has_data) {
            row[f ? 2 : 1] = r->share_pct;
            row[3] = r->milex_usd_value / 1e9;
            row[4] = r->gdp_usd_value / 1e9;
            any_focus |= f;
            maxs = r->share_pct > maxs ? r->share_pct : maxs;
            char pc[64], yr[16] = "";
            int est = mark_est && (row_flags(r) & DS_FLAG_ESTIMATE);
            if (!k.one_year)
                snprintf(yr, sizeof yr, "%d", r->year);
            snprintf(t, sizeof t, "%s %s%%%s%s%s%s%s", nm,
                     ds_format_fixed(r->share_pct, 2, pc, sizeof pc),
                     yr[0] || est ? " (" : "", yr, yr[0] && est ? ", " : "",
                     est ? "estimate" : "", yr[0] || est ? ")" : "");
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
    TRY(chart_bars(p, DS_PLOT_HBARS, 1, 0, 0, 1, 0.7,
                   "military expenditure, % of GDP", err));
    if (any_focus)
        TRY(chart_bars(p, DS_PLOT_HBARS, 2, 0, 0, 2, 0.7, focus_name, err));
    for (size_t j = 0; j < c->n_targets; j++) {
        char t[32];
        snprintf(t, sizeof t, "%g%%", c->targets_pct[j]);
        TRY(ds_plot_add_refline(p, 'x', c->targets_pct[j], t, err));
        maxs = c->targets_pct[j] > maxs ? c->targets_pct[j] : maxs;
    }
    TRY(ds_plot_set_axis(p, 'x', 0, maxs * 1.08, "%g%%", err));
    TRY(ds_plot_set_axis(p, 'y', 0.3, (double)c->n_rows + 0.7, NULL, err));
    /* the title in words: who, which year, what, by whose definition; a
     * chart of "US allies" that holds the United States says so */
    char t[512], yr[64];
    int us_in_allies = k.has_usa && strstr(title, "US allies") &&
                       !strstr(title, "United States");
    if (k.one_year)
        snprintf(yr, sizeof yr, "%d", k.one_year);
    else
        snprintf(yr, sizeof yr, "latest year of each");
    snprintf(t, sizeof t,
             "%.200s%s, %s: defense spending as a share of GDP (%s "
             "definition%s)",
             title, us_in_allies ? " and the United States" : "", yr,
             c->definition[0] ? ds_definition_label(c->definition)
                              : "no",
             k.n_est == 0         ? ""
             : k.n_est == k.n_data ? ", estimates"
                                   : ", some estimates");
    TRY(ds_plot_set_text(p, DS_PLOT_TITLE, t, err));
    TRY(ds_plot_set_text(p, DS_PLOT_XLABEL,
                         c->year_rule != DS_COMPARE_YEAR_LATEST_EACH
                             ? "military expenditure / GDP, current US$, "
                               "%; reference lines: targets"
                             : "military expenditure / GDP, current US$, "
                               "each country's latest year, %",
                         err));
    return chart_src_set(p, &src, err);
}

/* A group's name in words ("NATO members"), NULL when unknown. */
static const char *
group_words(const char *group)
{
    static const struct {
        const char *code, *words;
    } G[] = {{"nato", "NATO members"},
             {"g7", "G7 members"},
             {"indo-pacific", "US treaty allies in the Indo-Pacific"}};
    for (size_t i = 0; i < sizeof G / sizeof *G; i++) {
        if (ds__strcaseeq(G[i].code, group))
            return G[i].words;
    }
    return NULL;
}

ds_status
ds__chart_build_compare(ds_plot *p, const ds_store *st,
                        const ds_chart_spec *spec, ds_error *err)
{
    static const double def[] = {2, 3.5, 5};
    char title[160], gq[64];
    const char *gw = spec->group ? group_words(spec->group) : NULL;
    if (gw)
        snprintf(title, sizeof title, "%s", gw);
    else if (spec->group)
        snprintf(title, sizeof title, "Group %s (%zu members)",
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
    ds_compare_free(cmp);
    return s;
}
