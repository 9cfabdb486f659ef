/* chart_revisions.c - the revisions chart.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_internal.h"
#include "defspend/revisions.h"

#define MAX_GROUPS 8

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

/* The figures of one series in current prices (or without a price
 * basis): the rows of the revision analysis this chart draws. */
static int
charted(const ds_obs *o)
{
    return !o->price_basis[0] || strcmp(o->price_basis, "current") == 0;
}

/* The row of r holding figure (definition, fy, year) in vintage, not a
 * forecast, or NULL. */
static const ds_revision *
vintage_row(const ds_revisions *r, const vgroup *g, int year)
{
    for (size_t i = 0; i < r->n_rows; i++) {
        const ds_obs *o = r->rows[i].obs;
        if (o->year == year && o->fy_start_month == g->fy && charted(o) &&
            !(o->flags & DS_FLAG_PROJECTION) &&
            strcmp(o->definition, g->definition) == 0 &&
            strcmp(o->vintage, g->vintage) == 0)
            return &r->rows[i];
    }
    return NULL;
}

ds_status
ds_chart_revisions(ds_plot *p, const ds_store *st, const char *iso3,
                   const char *indicator, const char *currency,
                   const char *definition, ds_error *err)
{
    char fxcur[16] = "";
    if (!currency) {
        /* fx is keyed by the local currency */
        const ds_countries *cs = ds_store_countries(st);
        const ds_country *ct;
        if (cs && ds_countries_lookup(cs, iso3, &ct, NULL) == DS_OK)
            snprintf(fxcur, sizeof fxcur, "%s", ct->currency);
        currency = fxcur;
    }
    int money = currency[0] != '\0';
    ds_revisions_spec rs = {iso3, indicator, NULL, currency, 0};
    ds_revisions *rv = NULL;
    TRY(ds_revisions_run(st, &rs, &rv, err));
    vgroup g[64];
    size_t ng = 0;
    int lo = 99999, hi = -99999;
    double maxabs = 0;
    for (size_t i = 0; i < rv->n_rows; i++) {
        const ds_obs *o = rv->rows[i].obs;
        if (!charted(o))
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
    ds_status rc = DS_OK;
    if (!ng) {
        rc = ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0, "no %s%s%s for %s in the store",
                        indicator, money ? " in " : "", money ? currency : "",
                        iso3);
        goto done;
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
        rc = ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                           "no %s with definition '%s' for %s in the store",
                        indicator, definition, iso3);
        goto done;
    }
    memmove(g, g + best, bestn * sizeof *g);
    ng = bestn > MAX_GROUPS ? MAX_GROUPS : bestn;
    const char *word = "";
    double div = money ? chart_unit_for(maxabs, &word) : 1;
    /* the table: each release's level (for the reader to check), then
     * each later release's change from the release before it that held
     * the same figure, in percent: the chart draws the changes */
    char names[2 * MAX_GROUPS + 1][160];
    const char *cols[2 * MAX_GROUPS + 1];
    snprintf(names[0], sizeof names[0], "year");
    for (size_t k = 0; k < ng; k++) {
        char yb[16];
        snprintf(names[k + 1], sizeof names[k + 1], "%s %s%s%s",
                 g[k].definition, g[k].vintage, g[k].fy == 1 ? "" : " ",
                 g[k].fy == 1 ? ""
                              : ds_year_basis_format(g[k].fy, yb, sizeof yb));
        if (k)
            snprintf(names[ng + k], sizeof names[ng + k],
                     "change_pct %s", names[k + 1]);
    }
    size_t ncols = 2 * ng;
    for (size_t k = 0; k < ncols; k++)
        cols[k] = names[k];
    if ((rc = ds_plot_set_columns(p, cols, ncols, err)) != DS_OK)
        goto done;
    chart_srcs src = {""};
    double worst = 0;
    int worst_year = 0, any_change = 0;
    for (int y = lo; y <= hi && rc == DS_OK; y++) {
        double row[2 * MAX_GROUPS + 1];
        row[0] = y;
        int any = 0;
        for (size_t k = 0; k < ng; k++) {
            const ds_revision *w = vintage_row(rv, &g[k], y);
            row[k + 1] = NAN;
            if (k)
                row[ng + k] = NAN;
            if (!w)
                continue;
            row[k + 1] = w->obs->value / div;
            any = 1;
            chart_src_add(&src, NULL, w->obs);
            /* the revision from the previous release of this figure */
            if (k > 0 && w->previous && isfinite(w->change_pct)) {
                row[ng + k] = w->change_pct;
                any_change = 1;
                if (fabs(w->change_pct) > fabs(worst)) {
                    worst = w->change_pct;
                    worst_year = y;
                }
            }
        }
        if (any)
            rc = ds_plot_add_row(p, row, "", err);
    }
    char lt[MAX_GROUPS][96];
    for (size_t k = 1; k < ng && rc == DS_OK; k++) {
        snprintf(lt[k], sizeof lt[k], "release of %s, change from the "
                 "release before", g[k].vintage);
        rc = chart_layer(p, DS_PLOT_LINESPOINTS, 0, ng + k, 0, (int)k, 0, 0,
                         0, 0, lt[k], err);
    }
    if (rc == DS_OK && !any_change)
        rc = ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                           "no revision to chart: no %s figure for %s is "
                           "held in more than one release",
                           indicator, iso3);
    if (rc != DS_OK)
        goto done;
    if ((rc = ds_plot_add_refline(p, 'y', 0, "", err)) != DS_OK)
        goto done;
    const ds_indicator_info *ii = ds_indicator_find(indicator);
    const char *what = ii ? ii->label : indicator;
    const char *pub = ds_definition_label(g[0].definition);
    char t[320], u[128];
    if (worst_year)
        snprintf(u, sizeof u, "; largest %+.2f%% (%d)", worst, worst_year);
    else
        snprintf(u, sizeof u, "; no figure changed");
    char nm[160];
    snprintf(t, sizeof t, "%s: %s%s%s, revisions between %s releases%s",
             ds_chart_name(chart_country_name(st, iso3), 60, nm, sizeof nm),
             what, money ? " in current " : "",
             money ? chart_cur_name(currency) : "", pub, u);
    if ((rc = ds_plot_set_text(p, DS_PLOT_TITLE, t, err)) != DS_OK)
        goto done;
    if (g[0].fy == 1) {
        snprintf(t, sizeof t, "year (calendar)");
    } else {
        char yb[16];
        snprintf(t, sizeof t, "fiscal year (%s)",
                 ds_year_basis_format(g[0].fy, yb, sizeof yb));
    }
    if ((rc = ds_plot_set_text(p, DS_PLOT_XLABEL, t, err)) != DS_OK)
        goto done;
    (void)word;
    if ((rc = ds_plot_set_text(p, DS_PLOT_YLABEL,
                               "revision, % of the release before",
                               err)) == DS_OK &&
        (rc = ds_plot_set_axis(p, 'x', lo - 0.5, hi + 0.5, NULL, err)) ==
            DS_OK &&
        (rc = ds_plot_set_axis(p, 'y', NAN, NAN, "%+g%%", err)) == DS_OK)
        rc = chart_src_set(p, &src, err);
done:
    ds_revisions_free(rv);
    return rc;
}

ds_status
ds__chart_build_revisions(ds_plot *p, const ds_store *st,
                          const ds_chart_spec *spec, ds_error *err)
{
    const char *ind = spec->indicator ? spec->indicator : "milex";
    int pct = strstr(ind, "_pct") != NULL ||
              strcmp(ind, "population") == 0 ||
              strcmp(ind, "gdp_deflator") == 0;
    const char *cur = pct ? "" : strcmp(ind, "fx") == 0 ? NULL : "USD";
    return ds_chart_revisions(p, st, spec->country, ind, cur,
                              spec->definition, err);
}
