/* tables_analysis.c - the sensitivity grid and data revisions as tables,
 * built once here for every output format (`defspend sensitivity`,
 * `defspend data revisions` and the report).
 *
 * Promises: as tables.c: every figure with what it is and where it comes
 * from; a missing figure is a missing cell (n/a or "-" in text, empty in
 * CSV, null in JSON), never 0; CSV and JSON have the same columns.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "defspend/indicator.h"
#include "internal.h"
#include "table_internal.h"

#define finish ds__table_finish
#define path_name ds__path_name

/* ---- sensitivity ---- */

static const char *
path_words(ds_spend_path p)
{
    return p == DS_PATH_LINEAR   ? "linear in share"
           : p == DS_PATH_GROWTH ? "constant growth of spending"
                                 : "step";
}

/* The currency of the projection's local-currency figures. */
static const char *
sens_lcu(const ds_sensitivity *g)
{
    return g->first->lcu_only_usd ? DS_CURRENCY_USD : g->first->scenario->lcu;
}

/* The column x's growth and rate. */
static double
sens_growth(const ds_sensitivity *g, size_t x)
{
    return g->by_rate ? g->first->growth_pct : g->xs[x];
}

static double
sens_rate(const ds_sensitivity *g, size_t x)
{
    return g->by_rate ? g->xs[x] : g->first->lcu_per_usd;
}

enum {
    SE_COUNTRY, SE_TARGET, SE_GROWTH, SE_RATE, SE_YEAR, SE_SPEND_USD,
    SE_SPEND_LCU, SE_CUM_USD, SE_CUM_LCU, SE_PATH, SE_FROM, SE_BASE_LCU,
    SE_PRICE, SE_GDP_SOURCE, SE_GDP_VINTAGE, SE_N
};

/* One row per target x column; cells_only: the seven figures of a JSON
 * cell (the rest is the document's header). */
static ds_status
sens_cells(const ds_sensitivity *g, int cells_only, ds_table **out,
           ds_error *err)
{
    ds_table *t = ds_table_alloc();
    if (!t)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    const ds_projection *p = g->first;
    const ds_scenario *s = p->scenario;
    const char *lcu = sens_lcu(g), *usd = DS_CURRENCY_USD;
    const unsigned H = cells_only ? DS_COL_HIDDEN : 0;
    const ds_column cols[SE_N] = {
        {"country", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, H, NULL},
        {"target_pct", NULL, NULL, DS_COL_SHARE_PCT, -1, 1, 0, 0, 0, NULL},
        {"growth_pct", NULL, NULL, DS_COL_NUMBER, -1, 1, 0, 0, 0, NULL},
        {"lcu_per_usd", NULL, lcu, DS_COL_RATE, -1, 1, 0, 0, 0, NULL},
        {"year", NULL, NULL, DS_COL_YEAR, -1, 1, 0, 0, H, NULL},
        {"spend_usd", NULL, usd, DS_COL_MONEY, -1, 1, 0, 0, 0, NULL},
        {"spend_lcu", NULL, lcu, DS_COL_MONEY, -1, 1, 0, 0, 0, NULL},
        {"cumulative_extra_usd", NULL, usd, DS_COL_MONEY, -1, 1, 0, 0, 0,
         NULL},
        {"cumulative_extra_lcu", NULL, lcu, DS_COL_MONEY, -1, 1, 0, 0, 0,
         NULL},
        {"path", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, H, NULL},
        {"from_year", NULL, NULL, DS_COL_YEAR, -1, 1, 0, 0, H, NULL},
        {"baseline_lcu", NULL, lcu, DS_COL_MONEY, -1, 1, 0, 0, H, NULL},
        {"price_basis", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, H, NULL},
        {"gdp_source", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, H, NULL},
        {"gdp_vintage", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, H, NULL},
    };
    for (size_t k = 0; k < SE_N; k++)
        ds_table_add_column(t, &cols[k]);
    for (size_t k = 0; k < g->nt; k++)
        for (size_t x = 0; x < g->nx; x++) {
            size_t i = k * g->nx + x;
            ds_table_add_row(t);
            ds_table_set_text(t, SE_COUNTRY, s->iso3);
            ds_table_set_num(t, SE_TARGET, g->targets_pct[k]);
            ds_table_set_num(t, SE_GROWTH, sens_growth(g, x));
            ds_table_set_num(t, SE_RATE, sens_rate(g, x));
            ds_table_set_int(t, SE_YEAR, p->by_year);
            ds_table_set_num(t, SE_SPEND_USD, g->spend_usd[i]);
            ds_table_set_cite(t, SE_SPEND_USD, s->gdp_usd);
            ds_table_set_num(t, SE_SPEND_LCU, g->spend_lcu[i]);
            ds_table_set_num(t, SE_CUM_USD, g->cum_usd[i]);
            ds_table_set_num(t, SE_CUM_LCU, g->cum_lcu[i]);
            ds_table_set_text(t, SE_PATH, path_name(p->path));
            ds_table_set_int(t, SE_FROM, p->from_year);
            ds_table_set_num(t, SE_BASE_LCU, p->baseline_lcu);
            ds_table_set_text(t, SE_PRICE, "current");
            ds_table_set_text(t, SE_GDP_SOURCE, s->gdp_usd->source);
            ds_table_set_text(t, SE_GDP_VINTAGE, s->gdp_usd->vintage);
        }
    return finish(t, out, err);
}

/* The heading of the grid: country, years, start GDP, baseline, columns,
 * path. */
static void
sens_heading(ds_table *t, const ds_sensitivity *g)
{
    const ds_projection *p = g->first;
    const ds_scenario *s = p->scenario;
    const char *lcu = sens_lcu(g);
    char a[64], b[64];
    ds_table_title(t, "%s (%s): sensitivity of target-year spending, %d-%d",
                   s->name, s->iso3, p->from_year, p->by_year);
    char *cite = ds_cite_obs_text(s->gdp_usd);
    if (!cite)
        t->oom = 1;
    ds_table_note(t, DS_NOTE_HEAD, "Start: GDP %d %-s (%s)", p->from_year,
                  ds_format_money(s->gdp_usd->value, DS_CURRENCY_USD, a,
                                  sizeof a),
                  cite ? cite : "");
    free(cite);
    const ds_obs *bo = s->baseline.obs_lcu ? s->baseline.obs_lcu
                                           : s->baseline.obs_usd;
    char yl[64] = "";
    if (bo)
        ds_year_label(bo, yl, sizeof yl);
    if (s->baseline.present)
        ds_table_note(t, DS_NOTE_HEAD, "Baseline: %s%-s%-s, %-s = %-s, held "
                      "flat", s->baseline.label, yl[0] ? ", " : "", yl,
                      ds_format_money(p->baseline_lcu, lcu, a, sizeof a),
                      ds_format_money(p->baseline_usd, DS_CURRENCY_USD, b,
                                      sizeof b));
    else
        ds_table_note(t, DS_NOTE_HEAD, "Baseline: none%-s%-s, %-s = %-s, "
                      "held flat", yl[0] ? ", " : "", yl,
                      ds_format_money(p->baseline_lcu, lcu, a, sizeof a),
                      ds_format_money(p->baseline_usd, DS_CURRENCY_USD, b,
                                      sizeof b));
    if (g->by_rate)
        ds_table_note(t, DS_NOTE_HEAD, "GDP growth: %s; columns: exchange "
                      "rate, %s per US$ (start-year rate %-s)",
                      p->growth_basis, lcu,
                      ds_format_rate(p->lcu_per_usd, lcu, a, sizeof a));
    else
        ds_table_note(t, DS_NOTE_HEAD, "Columns: nominal GDP growth, %% a "
                      "year; exchange rate %-s (%s)",
                      ds_format_rate(p->lcu_per_usd, lcu, a, sizeof a),
                      p->rate_basis);
    ds_table_note(t, DS_NOTE_HEAD, "Path: %-s; prices: current",
                  path_words(p->path));
}

ds_status
ds_sensitivity_table(const ds_sensitivity *g, ds_sensitivity_view view,
                     ds_table **out, ds_error *err)
{
    if (view == DS_SENS_CELLS)
        return sens_cells(g, 0, out, err);
    const ds_projection *p = g->first;
    int cum = view == DS_SENS_CUMULATIVE;
    ds_table *t = ds_table_alloc();
    if (!t)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    if (!cum)
        sens_heading(t, g);
    if (cum)
        ds_table_caption(t, "Cumulative extra over the baseline %d-%d, "
                         "current US$:", p->from_year + 1, p->by_year);
    else
        ds_table_caption(t, "Spending in %d, current US$:", p->by_year);
    const char *lcu = sens_lcu(g);
    ds_column c0 = {"target", NULL, NULL, DS_COL_SHARE_PCT, -1, 0, 0, 0, 0,
                    NULL};
    ds_table_add_column(t, &c0);
    for (size_t x = 0; x < g->nx; x++) {
        char h[64];
        if (g->by_rate)
            ds_format_rate(g->xs[x], lcu, h, sizeof h);
        else
            ds__snprintf_c(h, sizeof h, "%+g%%", g->xs[x]);
        ds_column c = {h, NULL, DS_CURRENCY_USD, DS_COL_MONEY, -1, 1, 0, 0, 0,
                       NULL};
        ds_table_add_column(t, &c);
    }
    for (size_t k = 0; k < g->nt; k++) {
        char b[64];
        ds_table_add_row(t);
        ds_table_set_num(t, 0, g->targets_pct[k]);
        ds__snprintf_c(b, sizeof b, "%g%%", g->targets_pct[k]);
        ds_table_set_shown(t, 0, b);
        for (size_t x = 0; x < g->nx; x++) {
            size_t i = k * g->nx + x;
            ds_table_set_num(t, x + 1, cum ? g->cum_usd[i] : g->spend_usd[i]);
            ds_table_set_cite(t, x + 1, p->scenario->gdp_usd);
        }
    }
    return finish(t, out, err);
}

json_t *
ds__obs_json(const ds_obs *o, ds_error *err)
{
    if (!o)
        return json_null();
    ds_table *t = NULL;
    if (ds_obs_table(&o, 1, NULL, &t, err) != DS_OK)
        return NULL;
    json_t *a = ds_table_json(t, err);
    ds_table_free(t);
    if (!a)
        return NULL;
    json_t *r = json_incref(json_array_get(a, 0));
    json_decref(a);
    if (!r)
        ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    return r;
}

struct json_t *
ds_sensitivity_json(const ds_sensitivity *g, ds_error *err)
{
    const ds_projection *p = g->first;
    const ds_scenario *s = p->scenario;
    ds_table *t = NULL;
    if (sens_cells(g, 1, &t, err) != DS_OK)
        return NULL;
    json_t *cells = ds_table_json(t, err);
    ds_table_free(t);
    if (!cells)
        return NULL;
    json_t *gu = ds__obs_json(s->gdp_usd, err);
    json_t *gl = gu ? ds__obs_json(p->lcu_only_usd ? NULL : s->gdp_lcu, err)
                    : NULL;
    if (!gu || !gl) {
        json_decref(cells);
        json_decref(gu);
        return NULL;
    }
    json_error_t e;
    json_t *doc = json_pack_ex(
        &e, 0, "{s:s,s:s,s:s,s:i,s:i,s:s,s:s,s:o,s:o,s:o}",
        "defspend_version", DS_VERSION_STRING, "country", s->iso3, "currency",
        sens_lcu(g), "from_year", p->from_year, "by_year", p->by_year,
        "price_basis", "current", "grid",
        g->by_rate ? "exchange rate" : "growth", "gdp_usd", gu, "gdp_lcu", gl,
        "cells", cells);
    if (!doc)
        ds__error_set(err, DS_EPARSE, NULL, 0, 0,
                      "cannot encode the sensitivity grid as JSON: %s",
                      e.text);
    return doc;
}

/* ---- revisions ---- */

enum {
    RV_COUNTRY, RV_YEAR, RV_YEAR_BASIS, RV_INDICATOR, RV_CURRENCY, RV_PRICE,
    RV_DEFINITION, RV_VINTAGE, RV_VALUE, RV_PREV_VINTAGE, RV_CHANGE,
    RV_CHANGE_PCT, RV_SOURCE, RV_FLAGS, RV_SOURCE_FLAGS, RV_N
};

/* A value or change as the house shows it: amounts grouped in units,
 * rates, shares and counts in full. */
static char *
rv_value(const ds_obs *o, double v, char *b, size_t n)
{
    if (o->currency[0] && strcmp(o->indicator, DS_IND_FX) != 0)
        return ds_format_grouped(v, 0, b, n);
    return ds_format_full(v, b, n);
}

ds_status
ds_revisions_table(const ds_revisions *rv, const ds_revisions_spec *spec,
                   int all, ds_table **out, ds_error *err)
{
    ds_table *t = ds_table_alloc();
    if (!t)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    ds_table_set_style(t, DS_TEXT_FIXED);
    const unsigned D = DS_COL_SHOW_DATA, T = DS_COL_SHOW_TEXT;
    const ds_column cols[RV_N] = {
        {"country", "cty", NULL, DS_COL_TEXT, -1, 0, 4, 0, 0, NULL},
        {"year", NULL, NULL, DS_COL_YEAR, -1, 1, 4, 0, 0, NULL},
        {"year_basis", "basis", NULL, DS_COL_TEXT, -1, 0, 9, 0, 0, NULL},
        {"indicator", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"currency", "cur", NULL, DS_COL_TEXT, -1, 0, 3, 0, 0, NULL},
        {"price_basis", "prices", NULL, DS_COL_TEXT, -1, 0, 8, 0, 0, NULL},
        {"definition", NULL, NULL, DS_COL_TEXT, -1, 0, 22, 0, 0, NULL},
        {"vintage", NULL, NULL, DS_COL_TEXT, -1, 0, 10, 0, 0, NULL},
        {"value", "value (units)", NULL, DS_COL_NUMBER, -1, 1, 24, 0, 0,
         NULL},
        {"previous_vintage", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"change", NULL, NULL, DS_COL_NUMBER, -1, 1, 22, 0, 0, "-"},
        {"change_pct", "change %", NULL, DS_COL_NUMBER, -1, 1, 9, 0, 0,
         "-"},
        {"source", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"flags", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"source_flags", "source [flags]", NULL, DS_COL_TEXT, -1, 0, 0, 2, T,
         NULL},
    };
    for (size_t k = 0; k < RV_N; k++)
        ds_table_add_column(t, &cols[k]);
    for (size_t i = 0; i < rv->n_rows;) {
        size_t j = i + ds_revisions_figure_size(rv, i);
        if (j - i < 2 && !all) {
            i = j;
            continue;
        }
        for (size_t m = i; m < j; m++) {
            const ds_revision *r = &rv->rows[m];
            const ds_obs *o = r->obs, *p = r->previous;
            char yb[16], fl[128], b[64], pb[64], v[96];
            ds_table_add_row(t);
            ds_table_set_text(t, RV_COUNTRY, o->country);
            ds_table_set_int(t, RV_YEAR, o->year);
            ds_table_set_text(t, RV_YEAR_BASIS,
                              ds_year_basis_format(o->fy_start_month, yb,
                                                   sizeof yb));
            ds_table_set_text(t, RV_INDICATOR, o->indicator);
            ds__table_set_dash(t, RV_CURRENCY, o->currency);
            ds__table_set_dash(t, RV_PRICE, o->price_basis);
            ds_table_set_text(t, RV_DEFINITION, o->definition);
            ds_table_set_text(t, RV_VINTAGE, o->vintage);
            ds_table_set_num(t, RV_VALUE, o->value);
            ds_table_set_cite(t, RV_VALUE, o);
            ds_table_set_shown(t, RV_VALUE, rv_value(o, o->value, b,
                                                     sizeof b));
            if (p) {
                ds_table_set_text(t, RV_PREV_VINTAGE, p->vintage);
                ds_table_set_num(t, RV_CHANGE, r->change);
                /* the sign added without cutting a digit */
                rv_value(o, r->change, b, sizeof b);
                ds_format_whole(v, sizeof v, "%s%s",
                                r->change > 0 && b[0] != '#' ? "+" : "", b);
                ds_table_set_shown(t, RV_CHANGE, v);
                ds_table_set_num(t, RV_CHANGE_PCT, r->change_pct);
                if (isfinite(r->change_pct))
                    ds_format_whole(v, sizeof v, "%s%s%%",
                                    r->change_pct >= 0 ? "+" : "",
                                    ds_format_fixed(r->change_pct, 2, pb,
                                                    sizeof pb));
                else
                    snprintf(v, sizeof v, "n/a");
                ds_table_set_shown(t, RV_CHANGE_PCT, v);
            }
            ds_flags_format(o->flags, fl, sizeof fl);
            ds_table_set_text(t, RV_SOURCE, o->source);
            ds_table_set_text(t, RV_FLAGS, fl);
            ds__table_set_source_flags(t, RV_SOURCE_FLAGS, o);
        }
        i = j;
    }
    if (t->nrows == 0)
        ds_table_note(t, DS_NOTE_FOOT, "no %s figure for %s has more than one "
                      "vintage%-s", spec->indicator, spec->country,
                      rv->n_rows ? "" : " (no data at all)");
    return finish(t, out, err);
}
