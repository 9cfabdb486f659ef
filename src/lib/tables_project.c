/* tables_project.c - a projection as the tables people read (text and
 * Markdown): the heading with every assumption behind the figures (start
 * GDP and its source, growth and its basis, exchange rate, baseline,
 * decided budgets, path, prices, present values, Monte Carlo set-up,
 * notes), one table per target (year by year, with its totals) and, with
 * a simulation, the simulated GDP bands and the plan's chances.  Missing
 * figures are missing cells ("n/a"), never zero.  ds_project_table
 * (tables.c) is the same projection as one flat table for CSV and JSON.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "table_internal.h"

static const char *
path_text(ds_spend_path p)
{
    switch (p) {
    case DS_PATH_LINEAR:
        return "share of GDP moves linearly to the target";
    case DS_PATH_GROWTH:
        return "spending grows at a constant annual rate to the target "
               "share in the target year";
    case DS_PATH_STEP:
        return "spending jumps to the target share in the first projected "
               "year";
    }
    return "";
}

/* The currency of the local-currency figures (US$ without LCU GDP). */
static const char *
lcu_of(const ds_projection *p)
{
    return p->lcu_only_usd ? DS_CURRENCY_USD : p->scenario->lcu;
}

/* An observation's citation as a note's data text (freed by the caller);
 * sets t->oom when out of memory. */
static char *
cite(ds_table *t, const ds_obs *o)
{
    char *c = ds_cite_obs_text(o);
    if (!c)
        t->oom = 1;
    return c;
}

/* The growth used beside the fit, the recent rates of the same series and
 * any imported forecast. */
static void
growth_compare(ds_table *t, const ds_projection *p)
{
    const ds_scenario *s = p->scenario;
    const ds_obs *g0 = p->lcu_only_usd ? s->gdp_usd : s->gdp_lcu;
    char rest[512], a[32];
    size_t o = 0;
    for (int k = 0; k < 2; k++) {
        const ds_recent_growth *r = &p->recent[k];
        if (isfinite(r->rate_pct))
            ds__snprintf_c(a, sizeof a, "%.3g%% a year", r->rate_pct);
        else
            ds__snprintf_c(a, sizeof a, "n/a (a year is missing)");
        o += (size_t)ds__snprintf_c(rest + o, sizeof rest - o,
                                    "%s%d years to %d (%d-%d) %s",
                                    k ? ", " : "", r->years, r->last_year,
                                    r->first_year, r->last_year, a);
        if (o >= sizeof rest)
            o = sizeof rest - 1;
    }
    if (p->has_fit)
        ds__snprintf_c(rest + o, sizeof rest - o,
                       "; fitted %d-%d %.3g%% a year (s.e. %.3g pp)",
                       p->fit.first_year, p->fit.last_year, p->fit.rate_pct,
                       p->fit.se_pct);
    ds_table_note(t, DS_NOTE_HEAD, "For comparison, GDP in %-s (%s, vintage "
                                   "%s): %-s",
                  g0->currency, g0->source, g0->vintage, rest);
    const ds_gdp_forecast *fc = &p->forecast;
    if (!fc->present)
        return;
    ds__snprintf_c(a, sizeof a, "%.3g%%", fc->mean_pct);
    ds_table_note(t, DS_NOTE_HEAD, "Imported forecast: %s in %-s, vintage "
                                   "%s: %d-%d %-s a year (compound mean of "
                                   "its year-on-year growth)",
                  fc->source, fc->currency, fc->vintage, fc->first_year,
                  fc->last_year, a);
    if (p->gdp_source != DS_GDP_PROJECTIONS) {
        ds__table_note_more(t, DS_NOTE_HEAD, "; not used (");
        ds__table_note_option(t, DS_NOTE_HEAD, "gdp-source", "weo");
        ds__table_note_more(t, DS_NOTE_HEAD, " uses it)");
    }
}

/* The title and every assumption, as head notes. */
static void
heading(ds_table *t, const ds_projection *p, const ds_simulation *sim,
        unsigned long seed)
{
    const ds_scenario *s = p->scenario;
    const char *lcu = lcu_of(p);
    char a[64], b[64], c[64], tg[256] = "";
    size_t o = 0;
    for (size_t k = 0; k < p->n_targets && o < sizeof tg; k++)
        o += (size_t)ds__snprintf_c(
            tg + o, sizeof tg - o, "%s%g%%",
            k ? (k + 1 == p->n_targets ? " and " : ", ") : "",
            p->targets_pct[k]);
    if (o >= sizeof tg)
        o = sizeof tg - 1;
    ds_table_title(t, "%s (%s): defense spending paths to %-s of GDP, %d-%d",
                   s->name, s->iso3, tg, p->from_year, p->by_year);
    char *ci = cite(t, s->gdp_usd);
    ds_table_note(t, DS_NOTE_HEAD, "Start: GDP %d %-s, current US$ (%s)",
                  p->from_year,
                  ds_format_money(s->gdp_usd->value, DS_CURRENCY_USD, a,
                                  sizeof a),
                  ci ? ci : "");
    free(ci);
    if (!p->lcu_only_usd) {
        ci = cite(t, s->gdp_lcu);
        ds_table_note(t, DS_NOTE_HEAD, "Start: GDP %d %-s, current %s (%s)",
                      p->from_year,
                      ds_format_money(s->gdp_lcu->value, lcu, a, sizeof a),
                      lcu, ci ? ci : "");
        free(ci);
    }
    ds_table_note(t, DS_NOTE_HEAD, "GDP growth: %s", p->growth_basis);
    growth_compare(t, p);
    ds_format_rate(p->lcu_per_usd, lcu, a, sizeof a);
    if (p->lcu_only_usd)
        ds_table_note(t, DS_NOTE_HEAD, "Exchange rate: not used (%s)",
                      p->rate_basis);
    else if (sim && sim->fx_sd > 0)
        ds_table_note(t, DS_NOTE_HEAD,
                      "Exchange rate: %-s, %s in the central path; the "
                      "Monte Carlo draws it around that (sd of annual log "
                      "change %.4g)",
                      a, p->rate_basis, sim->fx_sd);
    else
        ds_table_note(t, DS_NOTE_HEAD, "Exchange rate: %-s, %s", a,
                      p->rate_basis);
    if (s->fx_official && !p->lcu_only_usd) {
        ci = cite(t, s->fx_official);
        ds_table_note(t, DS_NOTE_HEAD_ITEM,
                      "official annual average %d: %-s (%s)",
                      s->fx_official->year,
                      ds_format_rate(s->fx_official->value, lcu, a, sizeof a),
                      ci ? ci : "");
        free(ci);
    }
    if (s->baseline.present) {
        const ds_obs *bo = s->baseline.obs_lcu ? s->baseline.obs_lcu
                                               : s->baseline.obs_usd;
        char yl[64] = "";
        if (bo)
            ds_year_label(bo, yl, sizeof yl);
        ds_table_note(
            t, DS_NOTE_HEAD,
            "Baseline: %s%-s%-s: %-s = %-s at the rate above, %-s of %d "
            "GDP%-s%s%-s; held flat in current prices",
            s->baseline.label, yl[0] ? ", " : "", yl,
            ds_format_money(p->baseline_lcu, lcu, a, sizeof a),
            ds_format_money(p->baseline_usd, DS_CURRENCY_USD, b, sizeof b),
            ds_format_pct(p->baseline_share_pct, 2, c, sizeof c),
            p->from_year, bo ? " (" : "", bo ? bo->source : "",
            bo ? ")" : "");
        if (bo) {
            ci = cite(t, bo);
            ds_table_note(t, DS_NOTE_HEAD_ITEM, "baseline source: %s",
                          ci ? ci : "");
            free(ci);
        }
    } else {
        ds_table_note(t, DS_NOTE_HEAD, "Baseline: none (extra spending n/a)"
                                       "%-s%-s",
                      s->latest_pct ? "; path starts at the latest share "
                                    : "",
                      s->latest_pct ? ds_format_pct(s->latest_pct->value, 2,
                                                    a, sizeof a)
                                    : "");
    }
    ds_table_note(t, DS_NOTE_HEAD,
                  "Decided budgets (the path's first years): %s",
                  p->decided_basis);
    ds_table_note(t, DS_NOTE_HEAD, "Path: %-s (%-s)", ds__path_name(p->path),
                  path_text(p->path));
    if (p->n_decided)
        ds__table_note_more(t, DS_NOTE_HEAD,
                            ", starting from the last decided budget (%d)",
                            p->last_decided_year);
    if (p->deflator_base)
        ds_table_note(t, DS_NOTE_HEAD,
                      "Prices: current unless marked const; constant prices "
                      "of %d with the GDP deflator (%s); %s",
                      p->price_base_year, p->deflator_base->source,
                      p->inflation_basis);
    else
        ds_table_note(t, DS_NOTE_HEAD,
                      "Prices: current unless marked const; constant prices "
                      "of %d with the GDP deflator (deflator carried "
                      "forward); %s",
                      p->price_base_year, p->inflation_basis);
    if (isfinite(p->discount_pct))
        ds_table_note(t, DS_NOTE_HEAD,
                      "Present values: extra spending discounted at %.4g%% "
                      "a year to %d",
                      p->discount_pct, p->from_year);
    if (sim) {
        ds_table_note(t, DS_NOTE_HEAD,
                      "Monte Carlo: %zu draws, generator %-s, seed %lu; "
                      "annual log GDP growth ~ N(%.4f, %.4f^2) (mean: ln(1 "
                      "+ %.4g%%), ",
                      sim->n_draws, sim->rng_name, seed, sim->growth_mu,
                      sim->growth_sd, sim->growth_mean_pct);
        if (sim->growth_mean_own) {
            ds__table_note_more(t, DS_NOTE_HEAD, "given by the user (");
            ds__table_note_option(t, DS_NOTE_HEAD, "growth-mean", NULL);
            ds__table_note_more(t, DS_NOTE_HEAD, ")");
        } else {
            ds__table_note_more(t, DS_NOTE_HEAD, "the projection's growth");
        }
        ds__table_note_more(t, DS_NOTE_HEAD,
                            "; sd: %s); exchange rate: %s%-s%.4f",
                            sim->growth_sd_basis, sim->fx_sd_basis,
                            sim->fx_sd > 0 ? ", sd of log change " : ", sd ",
                            sim->fx_sd);
        ds_table_note(t, DS_NOTE_HEAD_ITEM,
                      "spending on a path = the path's share of that path's "
                      "GDP (a decided budget is the same amount on every "
                      "path); bands are percentiles 5/25/50/75/95");
        ds_table_note(t, DS_NOTE_HEAD_ITEM,
                      "plan tested against the targets: %s", p->plan_basis);
    }
    for (size_t i = 0; i < p->n_notes; i++)
        ds_table_note(t, DS_NOTE_HEAD, "Note: %s", p->notes[i]);
}

enum {
    PT_YEAR, PT_FIXED, PT_GDP, PT_GROWTH, PT_SHARE, PT_SPEND, PT_SPEND_LCU,
    PT_EXTRA, PT_DECIDED, PT_CUM, PT_PV, PT_CONST, PT_P5, PT_P50, PT_P95,
    PT_N
};

/* Target k year by year, with its totals below. */
static void
target_table(ds_table *t, const ds_projection *p, const ds_simulation *sim,
             size_t k)
{
    const char *lcu = lcu_of(p);
    char lab_lcu[48], lab_const[48];
    ds__snprintf_c(lab_lcu, sizeof lab_lcu, "spend %s", lcu);
    ds__snprintf_c(lab_const, sizeof lab_const, "spend const %d US$",
                   p->price_base_year);
    const char *U = DS_CURRENCY_USD;
    const unsigned H = DS_COL_HIDDEN;
    const ds_column cols[PT_N] = {
        {"year", NULL, NULL, DS_COL_YEAR, -1, 0, 0, 0, 0, NULL},
        {"fixed_by", "fixed by", NULL, DS_COL_TEXT, -1, 1, 0, 0, 0, NULL},
        {"gdp_usd", "GDP US$", U, DS_COL_MONEY, -1, 1, 0, 0, 0, NULL},
        {"gdp_growth_pct", "GDP growth", NULL, DS_COL_NUMBER, -1, 1, 0, 0, 0,
         NULL},
        {"share_pct", "share", NULL, DS_COL_SHARE_PCT, 2, 1, 0, 0, 0, NULL},
        {"spend_usd", "spend US$", U, DS_COL_MONEY, -1, 1, 0, 0, 0, NULL},
        {"spend_lcu", lab_lcu, lcu, DS_COL_MONEY, -1, 1, 0, 0,
         p->lcu_only_usd ? H : 0, NULL},
        {"extra_usd", "extra US$", U, DS_COL_MONEY, -1, 1, 0, 0, 0, NULL},
        {"decided_increase_usd", "decided incr. US$", U, DS_COL_MONEY, -1, 1,
         0, 0, 0, NULL},
        {"cumulative_extra_usd", "cum. extra US$", U, DS_COL_MONEY, -1, 1, 0,
         0, 0, NULL},
        {"pv_cumulative_extra_usd", "PV cum. extra US$", U, DS_COL_MONEY, -1,
         1, 0, 0, isfinite(p->discount_pct) ? 0 : H, NULL},
        {"spend_usd_const", lab_const, U, DS_COL_MONEY, -1, 1, 0, 0, 0,
         NULL},
        {"spend_usd_p5", "spend US$ p5", U, DS_COL_MONEY, -1, 1, 0, 0,
         sim ? 0 : H, NULL},
        {"spend_usd_p50", "p50", U, DS_COL_MONEY, -1, 1, 0, 0, sim ? 0 : H,
         NULL},
        {"spend_usd_p95", "p95", U, DS_COL_MONEY, -1, 1, 0, 0, sim ? 0 : H,
         NULL},
    };
    for (size_t c = 0; c < PT_N; c++)
        ds_table_add_column(t, &cols[c]);
    ds_table_caption(t, "Target %g%% of GDP by %d (%-s path):",
                     p->targets_pct[k], p->by_year, ds__path_name(p->path));
    ds_table_caption_md(t, "Target %g%% of GDP by %d", p->targets_pct[k],
                        p->by_year);
    for (size_t i = 0; i < p->n_years; i++) {
        const ds_project_cell *c = ds_projection_cell(p, k, i);
        const ds_project_year *y = &p->years[i];
        char b[64];
        ds_table_add_row(t);
        ds_table_set_int(t, PT_YEAR, y->year);
        if (i == 0) {
            ds__snprintf_c(b, sizeof b, "%d (data)", y->year);
            ds_table_set_shown(t, PT_YEAR, b);
        }
        if (i == 0)
            ds_table_set_text(t, PT_FIXED, "baseline");
        else if (y->budget_obs) {
            ds__snprintf_c(b, sizeof b, "%sbudget%s",
                           (y->budget_obs->flags & DS_FLAG_DRAFT) ? "draft "
                                                                  : "",
                           y->supp_obs ? " + suppl." : "");
            ds_table_set_text(t, PT_FIXED, b);
        } else
            ds_table_set_text(t, PT_FIXED, "path");
        ds_table_set_num(t, PT_GDP, y->gdp_usd);
        if (i == 0) {
            ds_table_set_text(t, PT_GROWTH, "actual");
        } else {
            ds_table_set_num(t, PT_GROWTH, y->gdp_growth_pct);
            if (isfinite(y->gdp_growth_pct)) {
                ds__snprintf_c(b, sizeof b, "%.4g%%%s", y->gdp_growth_pct,
                               y->gdp_obs ? " fcst" : "");
                ds_table_set_shown(t, PT_GROWTH, b);
            }
        }
        ds_table_set_num(t, PT_SHARE, c->share_pct);
        ds_table_set_num(t, PT_SPEND, c->spend_usd);
        ds_table_set_num(t, PT_SPEND_LCU, c->spend_lcu);
        ds_table_set_num(t, PT_EXTRA, c->extra_usd);
        ds_table_set_num(t, PT_DECIDED, c->decided_increase_usd);
        ds_table_set_num(t, PT_CUM, c->cum_extra_usd);
        ds_table_set_num(t, PT_PV, c->pv_cum_extra_usd);
        ds_table_set_num(t, PT_CONST, c->spend_usd_const);
        if (sim) {
            double bu[DS_SIM_NBANDS], bl[DS_SIM_NBANDS];
            ds_simulation_spend_bands(p, sim, k, i, bu, bl);
            ds_table_set_num(t, PT_P5, bu[0]);
            ds_table_set_num(t, PT_P50, bu[2]);
            ds_table_set_num(t, PT_P95, bu[4]);
        }
    }
    /* the totals, right below the grid */
    ds_table_set_foot_style(t, DS_FOOT_TIGHT | DS_FOOT_PLAIN);
    const ds_project_cell *last = ds_projection_cell(p, k, p->n_years - 1);
    char a[48], b[48], c[48], d[48];
    ds_table_note(t, DS_NOTE_FOOT,
                  "Total extra over the baseline %d-%d: %-s (%-s; %-s in "
                  "constant %d US$)",
                  p->from_year + 1, p->by_year,
                  ds_format_money(last->cum_extra_usd, DS_CURRENCY_USD, a,
                                  sizeof a),
                  ds_format_money(last->cum_extra_lcu, lcu, b, sizeof b),
                  ds_format_money(last->cum_extra_usd_const, DS_CURRENCY_USD,
                                  c, sizeof c),
                  p->price_base_year);
    if (p->n_decided)
        ds_table_note(
            t, DS_NOTE_FOOT_SUB,
            "of which already decided (budgets to %d, the last held flat "
            "after it): %-s (%-s); beyond the decided budgets: %-s (%-s)",
            p->last_decided_year,
            ds_format_money(last->cum_decided_increase_usd, DS_CURRENCY_USD,
                            a, sizeof a),
            ds_format_money(last->cum_decided_increase_lcu, lcu, b, sizeof b),
            ds_format_money(last->cum_beyond_decided_usd, DS_CURRENCY_USD, c,
                            sizeof c),
            ds_format_money(last->cum_beyond_decided_lcu, lcu, d, sizeof d));
    else
        ds_table_note(t, DS_NOTE_FOOT_SUB,
                      "of which already decided: n/a (no decided budgets "
                      "after %d in the store)",
                      p->from_year);
}

enum {
    PS_YEAR, PS_U5, PS_U25, PS_U50, PS_U75, PS_U95, PS_L5, PS_L50, PS_L95,
    PS_N
};

/* The simulated GDP bands, then the plan's chances below them. */
static void
sim_table(ds_table *t, const ds_projection *p, const ds_simulation *sim)
{
    const char *lcu = lcu_of(p);
    char lab[48];
    ds__snprintf_c(lab, sizeof lab, "GDP %s p5", lcu);
    const char *U = DS_CURRENCY_USD;
    const unsigned L = p->lcu_only_usd ? DS_COL_HIDDEN : 0;
    const ds_column cols[PS_N] = {
        {"year", NULL, NULL, DS_COL_YEAR, -1, 0, 0, 0, 0, NULL},
        {"gdp_usd_p5", "GDP US$ p5", U, DS_COL_MONEY, -1, 1, 0, 0, 0, NULL},
        {"gdp_usd_p25", "p25", U, DS_COL_MONEY, -1, 1, 0, 0, 0, NULL},
        {"gdp_usd_p50", "p50", U, DS_COL_MONEY, -1, 1, 0, 0, 0, NULL},
        {"gdp_usd_p75", "p75", U, DS_COL_MONEY, -1, 1, 0, 0, 0, NULL},
        {"gdp_usd_p95", "p95", U, DS_COL_MONEY, -1, 1, 0, 0, 0, NULL},
        {"gdp_lcu_p5", lab, lcu, DS_COL_MONEY, -1, 1, 0, 0, L, NULL},
        {"gdp_lcu_p50", "p50", lcu, DS_COL_MONEY, -1, 1, 0, 0, L, NULL},
        {"gdp_lcu_p95", "p95", lcu, DS_COL_MONEY, -1, 1, 0, 0, L, NULL},
    };
    for (size_t c = 0; c < PS_N; c++)
        ds_table_add_column(t, &cols[c]);
    ds_table_caption(t, "Simulated GDP, current prices (percentiles of %zu "
                        "draws):",
                     sim->n_draws);
    for (size_t i = 0; i < sim->n_years; i++) {
        const ds_sim_year *y = &sim->years[i];
        ds_table_add_row(t);
        ds_table_set_int(t, PS_YEAR, y->year);
        for (int b = 0; b < 5; b++)
            ds_table_set_num(t, PS_U5 + (size_t)b, y->gdp_usd[b]);
        ds_table_set_num(t, PS_L5, y->gdp_lcu[0]);
        ds_table_set_num(t, PS_L50, y->gdp_lcu[2]);
        ds_table_set_num(t, PS_L95, y->gdp_lcu[4]);
    }
    char a[48], b[48], c[48], d[48], e[48], g[48], pa[48];
    ds_table_note(t, DS_NOTE_FOOT, "Plan: %s: %-s (%-s) in %d, current "
                                   "prices",
                  p->plan_basis,
                  ds_format_money(p->plan_spend_lcu, lcu, a, sizeof a),
                  ds_format_money(p->plan_spend_usd, DS_CURRENCY_USD, b,
                                  sizeof b),
                  p->by_year);
    for (size_t k = 0; k < sim->n_targets; k++) {
        const ds_sim_target *st = &sim->targets[k];
        ds_table_note(
            t, DS_NOTE_FOOT,
            "Target %g%% of GDP in %d: spending needed to reach it with "
            "probability 50%% / 90%% / 95%%: %-s / %-s / %-s (current US$), "
            "%-s / %-s / %-s (current %-s); the plan reaches it with "
            "probability %-s",
            st->target_pct, p->by_year,
            ds_format_money(st->needed_usd[0], DS_CURRENCY_USD, a, sizeof a),
            ds_format_money(st->needed_usd[1], DS_CURRENCY_USD, b, sizeof b),
            ds_format_money(st->needed_usd[2], DS_CURRENCY_USD, c, sizeof c),
            ds_format_money(st->needed_lcu[0], lcu, d, sizeof d),
            ds_format_money(st->needed_lcu[1], lcu, e, sizeof e),
            ds_format_money(st->needed_lcu[2], lcu, g, sizeof g), lcu,
            ds_format_pct(100.0 * st->p_plan_reaches, 1, pa, sizeof pa));
        ds_table_note(
            t, DS_NOTE_FOOT_SUB,
            "cumulative extra %d-%d, current US$: p5 %-s, p50 %-s, p95 %-s; "
            "current %-s p50 %-s",
            p->from_year + 1, p->by_year,
            ds_format_money(st->cum_extra_usd[0], DS_CURRENCY_USD, a,
                            sizeof a),
            ds_format_money(st->cum_extra_usd[2], DS_CURRENCY_USD, b,
                            sizeof b),
            ds_format_money(st->cum_extra_usd[4], DS_CURRENCY_USD, c,
                            sizeof c),
            lcu, ds_format_money(st->cum_extra_lcu[2], lcu, d, sizeof d));
    }
}

ds_status
ds_project_view_table(const ds_projection *p, const ds_simulation *sim,
                      unsigned long seed, ds_project_view view, size_t k,
                      ds_table **out, ds_error *err)
{
    *out = NULL;
    if (view == DS_PROJECT_VIEW_TARGET && k >= p->n_targets)
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "no target %zu in the projection (%zu targets)",
                             k, p->n_targets);
    if (view == DS_PROJECT_VIEW_SIMULATION && !sim)
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "the projection has no simulation");
    ds_table *t = ds_table_alloc();
    if (!t)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    if (view == DS_PROJECT_VIEW_SIMULATION) {
        sim_table(t, p, sim);
    } else {
        if (k == 0)
            heading(t, p, sim, seed);
        target_table(t, p, sim, k);
    }
    return ds__table_finish(t, out, err);
}
