/* cmd_project.c - `defspend project`: year-by-year paths to target shares.
 *
 * With no options: Japan, from the latest year with GDP data to 2035
 * (NATO's horizon), targets 3.5% and 5%, GDP growth fitted to the last 10
 * years, spending moving linearly in share from the baseline of
 * `defspend scenarios` (the FY2024 MoD budget).  --simulate N adds Monte
 * Carlo bands with a fixed, printed seed.  Every assumption is printed in
 * the heading (table, md), as columns (csv) or in "assumptions" (json).
 */
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "cli_proj.h"
#include "cli_json.h"

#define MAX_TARGETS 32
#define DEFAULT_SEED DS_SIM_DEFAULT_SEED

static void
help(FILE *f)
{
    fprintf(f,
"usage: defspend project [OPTIONS]\n"
"\n"
"Year-by-year path of GDP and defense spending to target shares of GDP.\n"
"With no options: Japan, latest year with GDP -> 2035, targets 3.5 and 5%%,\n"
"growth fitted to the last 10 years of GDP; the budgets already decided\n"
"after the baseline of `defspend scenarios` (FY2025, FY2026 draft) are the\n"
"first years, then a linear path in share to the target.\n"
"\n"
"options:\n"
"  --country C       ISO3 code or name (default JPN)\n"
"  --target PCT      a target share of GDP; repeat or give a list (3.5,5)\n"
"  --by YEAR         target year (default 2035)\n"
"  --from YEAR       start year (default: latest actual GDP in US$)\n"
"  --growth PCT      constant nominal GDP growth, %% a year (-20 to 50)\n"
"  --growth-fit N    growth fitted (log-linear, GSL) to the last N years\n"
"                    (default 10)\n"
"  --gdp-source S    fit, growth or weo: the growth rates of an imported\n"
"                    forecast (one vintage, e.g. IMF WEO) applied to the\n"
"                    actual start-year GDP, then --growth or the fit\n"
"  --supplementary   add supplementary budgets to the decided years\n"
"  --no-decided      ignore budgets already in the store (by default the\n"
"                    baseline series' later budgets, enacted or draft, are\n"
"                    the path's first years)\n"
"  --path P          linear (in share), growth (constant growth of\n"
"                    spending) or step (target from the first year)\n"
"  --baseline B      amount with unit (\"7.95tn JPY\", 56bn), DEFINITION:YEAR\n"
"                    (mod_budget:2025), 'data' or 'none' (as in scenarios)\n"
"  --source D        spending definition for the start share and 'data'\n"
"                    (wdi, sipri, nato, mod_budget ...; as in scenarios)\n"
"  --discount PCT    discount rate for present values of extra spending\n"
"  --inflation PCT   GDP deflator growth after the data (default: fitted)\n"
"  --price-base Y    constant prices of year Y (default: start year)\n"
"  --simulate N      Monte Carlo with N draws: bands and probabilities\n"
"  --seed S          random seed (default %lu; printed)\n"
"  --threads N       Monte Carlo threads (default 0: all cores; the\n"
"                    figures do not depend on it)\n"
"  --growth-mean PCT mean nominal GDP growth of the draws, %% a year\n"
"                    (default: the projection's growth)\n"
"  --growth-sd SD    sd of annual log GDP growth (default: history)\n"
"  --fx-sd SD        sd of annual log change of the rate; 'history' for\n"
"                    the fit window's (default 0: rate held)\n"
"  --plan P          the plan whose chance of reaching each target is\n"
"                    given: flat (the baseline held flat, default) or\n"
"                    enacted (the last decided budget extended at the\n"
"                    budgets' growth over the last 3 years)\n"
"  --plan-growth PCT the plan: the baseline growing PCT%% a year\n"
"  --format F        table, csv, json or md (default table)\n"
"  --output FILE     write to FILE atomically\n"
"  --data DIR        read the store in DIR\n"
"  --help            this help\n"
"\n"
"example: defspend project --target 3.5 --by 2030 --growth 2 --simulate "
"100000\n",
            DEFAULT_SEED);
}

typedef struct opts {
    ds_project_spec spec;
    size_t n_draws;
    unsigned long seed;
    unsigned threads; /* 0 = all online CPUs */
    ds_sim_spec sim;
    cli_common common;
} opts;

static const char *
path_name(ds_spend_path p)
{
    return p == DS_PATH_LINEAR ? "linear" : p == DS_PATH_GROWTH ? "growth"
                                                                : "step";
}

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

/* ------------------------------------------------------------ heading */

/* The growth used beside the fit, the recent rates of the same series and
 * any imported forecast. */
static void
growth_compare(FILE *f, const ds_projection *p, const char *li, int md)
{
    const ds_scenario *s = p->scenario;
    const ds_obs *g0 = p->lcu_only_usd ? s->gdp_usd : s->gdp_lcu;
    char a[32], b[32];
    fprintf(f, "%sFor comparison, GDP in %s (%s, vintage %s): ", li,
            g0->currency, cli_shown(g0->source, md),
            cli_shown(g0->vintage, md));
    for (int k = 0; k < 2; k++) {
        const ds_recent_growth *r = &p->recent[k];
        if (isfinite(r->rate_pct))
            snprintf(a, sizeof a, "%.3g%% a year", r->rate_pct);
        else
            snprintf(a, sizeof a, "n/a (a year is missing)");
        fprintf(f, "%s%d years to %d (%d-%d) %s", k ? ", " : "", r->years,
                r->last_year, r->first_year, r->last_year, a);
    }
    if (p->has_fit)
        fprintf(f, "; fitted %d-%d %.3g%% a year (s.e. %.3g pp)",
                p->fit.first_year, p->fit.last_year, p->fit.rate_pct,
                p->fit.se_pct);
    fputc('\n', f);
    const ds_gdp_forecast *fc = &p->forecast;
    if (fc->present)
        fprintf(f, "%sImported forecast: %s in %s, vintage %s: %d-%d %s a "
                   "year (compound mean of its year-on-year growth)%s\n",
                li, cli_shown(fc->source, md), fc->currency,
                cli_shown(fc->vintage, md), fc->first_year,
                fc->last_year,
                (snprintf(b, sizeof b, "%.3g%%", fc->mean_pct), b),
                p->gdp_source == DS_GDP_PROJECTIONS
                    ? ""
                    : "; not used (--gdp-source weo uses it)");
}

static void
heading(FILE *f, const ds_projection *p, const ds_simulation *sim,
        unsigned long seed, int md)
{
    const ds_scenario *s = p->scenario;
    const char *li = md ? "- " : "";
    const char *lcu = p->lcu_only_usd ? DS_CURRENCY_USD : cli_shown(s->lcu, md);
    char a[64], b[64], c[512];
    if (md)
        fprintf(f, "## %s (%s): defense spending paths to ",
                cli_shown(s->name, 1), cli_shown(s->iso3, 1));
    else
        fprintf(f, "%s (%s): defense spending paths to ",
                cli_shown(s->name, 0), cli_shown(s->iso3, 0));
    for (size_t k = 0; k < p->n_targets; k++)
        fprintf(f, "%s%g%%", k ? (k + 1 == p->n_targets ? " and " : ", ")
                               : "",
                p->targets_pct[k]);
    fprintf(f, " of GDP, %d-%d\n%s", p->from_year, p->by_year,
            md ? "\n" : "");
    fprintf(f, "%sStart: GDP %d %s, current US$ (%s)\n", li, p->from_year,
            cp_money(s->gdp_usd->value, DS_CURRENCY_USD, a, sizeof a),
            cli_shown(cli_cite(s->gdp_usd, c, sizeof c), md));
    if (!p->lcu_only_usd)
        fprintf(f, "%sStart: GDP %d %s, current %s (%s)\n", li, p->from_year,
                cp_money(s->gdp_lcu->value, lcu, a, sizeof a), lcu,
                cli_shown(cli_cite(s->gdp_lcu, c, sizeof c), md));
    fprintf(f, "%sGDP growth: %s\n", li, cli_shown(p->growth_basis, md));
    growth_compare(f, p, li, md);
    if (p->lcu_only_usd)
        fprintf(f, "%sExchange rate: not used (%s)\n", li, cli_shown(p->rate_basis, md));
    else if (sim && sim->fx_sd > 0)
        fprintf(f, "%sExchange rate: %s, %s in the central path; the Monte "
                   "Carlo draws it around that (sd of annual log change "
                   "%.4g)\n",
                li, cp_rate(p->lcu_per_usd, lcu, a, sizeof a),
                cli_shown(p->rate_basis, md), sim->fx_sd);
    else
        fprintf(f, "%sExchange rate: %s, %s\n", li,
                cp_rate(p->lcu_per_usd, lcu, a, sizeof a),
                cli_shown(p->rate_basis, md));
    if (s->fx_official && !p->lcu_only_usd)
        fprintf(f, "%sofficial annual average %d: %s (%s)\n", md ? "  - " : "  ",
                s->fx_official->year,
                cp_rate(s->fx_official->value, lcu, a, sizeof a),
                cli_shown(cli_cite(s->fx_official, c, sizeof c), md));
    if (s->baseline.present) {
        const ds_obs *bo = s->baseline.obs_lcu ? s->baseline.obs_lcu
                                               : s->baseline.obs_usd;
        char yl[64] = "";
        if (bo)
            ds_year_label(bo, yl, sizeof yl);
        fprintf(f, "%sBaseline: %s%s%s: %s = %s at the rate above, %s of %d GDP"
                   "%s%s%s; held flat in current prices\n",
                li, cli_shown(s->baseline.label, md), yl[0] ? ", " : "", yl,
                cp_money(p->baseline_lcu, lcu, a, sizeof a),
                cp_money(p->baseline_usd, DS_CURRENCY_USD, b, sizeof b),
                cp_pct(p->baseline_share_pct, 2, c, sizeof c), p->from_year,
                bo ? " (" : "", bo ? cli_shown(bo->source, md) : "", bo ? ")" : "");
        if (bo)
            fprintf(f, "%sbaseline source: %s\n", md ? "  - " : "  ",
                    cli_shown(cli_cite(bo, c, sizeof c), md));
    } else {
        fprintf(f, "%sBaseline: none (extra spending n/a)%s%s\n", li,
                s->latest_pct ? "; path starts at the latest share "
                              : "",
                s->latest_pct ? cp_pct(s->latest_pct->value, 2, a, sizeof a)
                              : "");
    }
    fprintf(f, "%sDecided budgets (the path's first years): %s\n", li,
            cli_shown(p->decided_basis, md));
    if (p->n_decided)
        fprintf(f, "%sPath: %s (%s), starting from the last decided budget "
                   "(%d)\n",
                li, path_name(p->path), path_text(p->path),
                p->last_decided_year);
    else
        fprintf(f, "%sPath: %s (%s)\n", li, path_name(p->path),
                path_text(p->path));
    fprintf(f, "%sPrices: current unless marked const; constant prices of "
               "%d with the GDP deflator (%s); %s\n",
            li, p->price_base_year,
            p->deflator_base ? cli_shown(p->deflator_base->source, md)
                             : "deflator carried forward",
            cli_shown(p->inflation_basis, md));
    if (isfinite(p->discount_pct))
        fprintf(f, "%sPresent values: extra spending discounted at %.4g%% a "
                   "year to %d\n",
                li, p->discount_pct, p->from_year);
    if (sim) {
        double g_pct = expm1(sim->growth_mu) * 100;
        int own_mean = fabs(sim->growth_mu - log1p(p->growth_pct / 100)) >
                       1e-12;
        fprintf(f, "%sMonte Carlo: %zu draws, generator %s, seed %lu; "
                   "annual log GDP growth ~ N(%.4f, %.4f^2) (mean: ln(1 + "
                   "%.4g%%), %s; sd: %s); exchange rate: %s%s%.4f\n",
                li, sim->n_draws, sim->rng_name, seed, sim->growth_mu,
                sim->growth_sd, g_pct,
                own_mean ? "given by the user (--growth-mean)"
                         : "the projection's growth",
                cli_shown(sim->growth_sd_basis, md), cli_shown(sim->fx_sd_basis, md),
                sim->fx_sd > 0 ? ", sd of log change " : ", sd ",
                sim->fx_sd);
        fprintf(f, "%sspending on a path = the path's share of that "
                   "path's GDP (a decided budget is the same amount on "
                   "every path); bands are percentiles 5/25/50/75/95\n",
                md ? "  - " : "  ");
        fprintf(f, "%splan tested against the targets: %s\n", md ? "  - " : "  ",
                cli_shown(p->plan_basis, md));
    }
    for (size_t i = 0; i < p->n_notes; i++)
        fprintf(f, "%sNote: %s\n", li, cli_shown(p->notes[i], md));
    fputc('\n', f);
}

/* ------------------------------------------------------------- table */

static int
target_table(FILE *f, const ds_projection *p, const ds_simulation *sim,
             size_t k, int md)
{
    const char *lcu = p->lcu_only_usd ? DS_CURRENCY_USD : p->scenario->lcu;
    char h[12][48];
    const char *head[16];
    size_t nc = 0;
    head[nc++] = "year";
    head[nc++] = "fixed by";
    head[nc++] = "GDP US$";
    head[nc++] = "GDP growth";
    head[nc++] = "share";
    head[nc++] = "spend US$";
    int want_lcu = !p->lcu_only_usd;
    if (want_lcu) {
        snprintf(h[0], sizeof h[0], "spend %s", lcu);
        head[nc++] = h[0];
    }
    head[nc++] = "extra US$";
    head[nc++] = "decided incr. US$";
    head[nc++] = "cum. extra US$";
    int pv = isfinite(p->discount_pct);
    if (pv)
        head[nc++] = "PV cum. extra US$";
    snprintf(h[1], sizeof h[1], "spend const %d US$", p->price_base_year);
    head[nc++] = h[1];
    if (sim) {
        head[nc++] = "spend US$ p5";
        head[nc++] = "p50";
        head[nc++] = "p95";
    }
    cp_table t;
    if (!cp_table_init(&t, nc, head, NULL))
        return 0;
    for (size_t i = 0; i < p->n_years; i++) {
        const ds_project_cell *c = ds_projection_cell(p, k, i);
        const ds_project_year *y = &p->years[i];
        char cell[16][CP_CELL];
        const char *row[16];
        size_t j = 0;
        snprintf(cell[j], CP_CELL, "%d%s", y->year, i == 0 ? " (data)" : "");
        j++;
        if (i == 0)
            snprintf(cell[j], CP_CELL, "baseline");
        else if (y->budget_obs)
            snprintf(cell[j], CP_CELL, "%s%s%s",
                     (y->budget_obs->flags & DS_FLAG_DRAFT) ? "draft "
                                                            : "",
                     "budget", y->supp_obs ? " + suppl." : "");
        else
            snprintf(cell[j], CP_CELL, "path");
        j++;
        cp_money(y->gdp_usd, DS_CURRENCY_USD, cell[j++], CP_CELL);
        if (i == 0)
            snprintf(cell[j], CP_CELL, "actual");
        else
            snprintf(cell[j], CP_CELL, "%.4g%%%s", y->gdp_growth_pct,
                     y->gdp_obs ? " fcst" : "");
        j++;
        cp_pct(c->share_pct, 2, cell[j++], CP_CELL);
        cp_money(c->spend_usd, DS_CURRENCY_USD, cell[j++], CP_CELL);
        if (want_lcu)
            cp_money(c->spend_lcu, lcu, cell[j++], CP_CELL);
        cp_money(c->extra_usd, DS_CURRENCY_USD, cell[j++], CP_CELL);
        cp_money(c->decided_increase_usd, DS_CURRENCY_USD, cell[j++], CP_CELL);
        cp_money(c->cum_extra_usd, DS_CURRENCY_USD, cell[j++], CP_CELL);
        if (pv)
            cp_money(c->pv_cum_extra_usd, DS_CURRENCY_USD, cell[j++], CP_CELL);
        cp_money(c->spend_usd_const, DS_CURRENCY_USD, cell[j++], CP_CELL);
        if (sim) {
            double bu[DS_SIM_NBANDS], bl[DS_SIM_NBANDS];
            ds_simulation_spend_bands(p, sim, k, i, bu, bl);
            cp_money(bu[0], DS_CURRENCY_USD, cell[j++], CP_CELL);
            cp_money(bu[2], DS_CURRENCY_USD, cell[j++], CP_CELL);
            cp_money(bu[4], DS_CURRENCY_USD, cell[j++], CP_CELL);
        }
        for (size_t q = 0; q < j; q++)
            row[q] = cell[q];
        if (!cp_table_row(&t, row)) {
            cp_table_release(&t);
            return 0;
        }
    }
    if (md)
        fprintf(f, "### Target %g%% of GDP by %d\n\n", p->targets_pct[k],
                p->by_year);
    else
        fprintf(f, "Target %g%% of GDP by %d (%s path):\n", p->targets_pct[k],
                p->by_year, path_name(p->path));
    cp_table_print(f, &t, md);
    cp_table_release(&t);
    const ds_project_cell *last = ds_projection_cell(p, k, p->n_years - 1);
    char a[48], b[48], c[48], d[48];
    fprintf(f, "%sTotal extra over the baseline %d-%d: %s (%s; %s in "
               "constant %d US$)\n",
            md ? "\n" : "", p->from_year + 1, p->by_year,
            cp_money(last->cum_extra_usd, DS_CURRENCY_USD, a, sizeof a),
            cp_money(last->cum_extra_lcu, lcu, b, sizeof b),
            cp_money(last->cum_extra_usd_const, DS_CURRENCY_USD, c, sizeof c),
            p->price_base_year);
    if (p->n_decided)
        fprintf(f, "  of which already decided (budgets to %d, the last "
                   "held flat after it): %s (%s); beyond the decided "
                   "budgets: %s (%s)\n",
                p->last_decided_year,
                cp_money(last->cum_decided_increase_usd, DS_CURRENCY_USD, a, sizeof a),
                cp_money(last->cum_decided_increase_lcu, lcu, b, sizeof b),
                cp_money(last->cum_extra_usd - last->cum_decided_increase_usd,
                         DS_CURRENCY_USD, c, sizeof c),
                cp_money(last->cum_extra_lcu - last->cum_decided_increase_lcu,
                         lcu, d, sizeof d));
    else
        fprintf(f, "  of which already decided: n/a (no decided budgets "
                   "after %d in the store)\n",
                p->from_year);
    fputc('\n', f);
    return 1;
}

static int
sim_tables(FILE *f, const ds_projection *p, const ds_simulation *sim, int md)
{
    const char *lcu = p->lcu_only_usd ? DS_CURRENCY_USD : p->scenario->lcu;
    char h[8][48];
    const char *head[12] = {"year", "GDP US$ p5", "p25", "p50", "p75",
                            "p95"};
    size_t nc = 6;
    if (!p->lcu_only_usd) {
        snprintf(h[0], sizeof h[0], "GDP %s p5", lcu);
        head[nc++] = h[0];
        head[nc++] = "p50";
        head[nc++] = "p95";
    }
    cp_table t;
    if (!cp_table_init(&t, nc, head, NULL))
        return 0;
    for (size_t i = 0; i < sim->n_years; i++) {
        const ds_sim_year *y = &sim->years[i];
        char cell[12][CP_CELL];
        const char *row[12];
        snprintf(cell[0], CP_CELL, "%d", y->year);
        for (int b = 0; b < 5; b++)
            cp_money(y->gdp_usd[b], DS_CURRENCY_USD, cell[1 + b], CP_CELL);
        if (!p->lcu_only_usd) {
            cp_money(y->gdp_lcu[0], lcu, cell[6], CP_CELL);
            cp_money(y->gdp_lcu[2], lcu, cell[7], CP_CELL);
            cp_money(y->gdp_lcu[4], lcu, cell[8], CP_CELL);
        }
        for (size_t q = 0; q < nc; q++)
            row[q] = cell[q];
        if (!cp_table_row(&t, row)) {
            cp_table_release(&t);
            return 0;
        }
    }
    fprintf(f, "%sSimulated GDP, current prices (percentiles of %zu draws):"
               "\n%s",
            md ? "### " : "", sim->n_draws, md ? "\n" : "");
    cp_table_print(f, &t, md);
    cp_table_release(&t);
    fputc('\n', f);
    char pa[48], pb[48];
    fprintf(f, "%sPlan: %s: %s (%s) in %d, current prices\n",
            md ? "- " : "", cli_shown(p->plan_basis, md),
            cp_money(p->plan_spend_lcu, lcu, pa, sizeof pa),
            cp_money(p->plan_spend_lcu / p->lcu_per_usd, DS_CURRENCY_USD, pb,
                     sizeof pb),
            p->by_year);
    for (size_t k = 0; k < sim->n_targets; k++) {
        const ds_sim_target *st = &sim->targets[k];
        char a[48], b[48], c[48], d[48], e[48], g[48];
        fprintf(f, "%sTarget %g%% of GDP in %d: spending needed to reach it "
                   "with probability 50%% / 90%% / 95%%: %s / %s / %s "
                   "(current US$), %s / %s / %s (current %s); the plan "
                   "reaches it with probability %s\n",
                md ? "- " : "", st->target_pct, p->by_year,
                cp_money(st->needed_usd[0], DS_CURRENCY_USD, a, sizeof a),
                cp_money(st->needed_usd[1], DS_CURRENCY_USD, b, sizeof b),
                cp_money(st->needed_usd[2], DS_CURRENCY_USD, c, sizeof c),
                cp_money(st->needed_lcu[0], lcu, d, sizeof d),
                cp_money(st->needed_lcu[1], lcu, e, sizeof e),
                cp_money(st->needed_lcu[2], lcu, g, sizeof g), lcu,
                cp_pct(100.0 * st->p_plan_reaches, 1, pa, sizeof pa));
        fprintf(f, "%scumulative extra %d-%d, current US$: p5 %s, p50 %s, "
                   "p95 %s; current %s p50 %s\n",
                md ? "  - " : "  ", p->from_year + 1, p->by_year,
                cp_money(st->cum_extra_usd[0], DS_CURRENCY_USD, a, sizeof a),
                cp_money(st->cum_extra_usd[2], DS_CURRENCY_USD, b, sizeof b),
                cp_money(st->cum_extra_usd[4], DS_CURRENCY_USD, c, sizeof c), lcu,
                cp_money(st->cum_extra_lcu[2], lcu, d, sizeof d));
    }
    fputc('\n', f);
    return 1;
}

/* -------------------------------------------------------------- json */

static json_t *
jbands(const double *v, double scale)
{
    json_t *a = json_array();
    for (int b = 0; b < 5; b++)
        cj_append(a, cp_jnum(v[b] * scale));
    return a;
}

static json_t *
jvec(const double *v)
{
    json_t *a = json_array();
    for (int q = 0; q < DS_SIM_NPROB; q++)
        cj_append(a, cp_jnum(v[q]));
    return a;
}

static const char *
plan_name(ds_plan_kind k)
{
    return k == DS_PLAN_FLAT ? "flat" : k == DS_PLAN_GROWTH ? "growth"
                                                            : "enacted";
}

static int
json_out(FILE *f, const ds_projection *p, const ds_simulation *sim,
         unsigned long seed, const char *data_dir)
{
    const ds_scenario *s = p->scenario;
    const char *lcu = p->lcu_only_usd ? DS_CURRENCY_USD : s->lcu;
    json_t *targets = json_array();
    for (size_t k = 0; k < p->n_targets; k++) {
        json_t *years = json_array();
        for (size_t i = 0; i < p->n_years; i++) {
            const ds_project_cell *c = ds_projection_cell(p, k, i);
            const ds_project_year *y = &p->years[i];
            json_t *o = cj_pack(
                "{s:i,s:b,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,"
                "s:o,s:o,s:o,s:o}",
                "year", y->year, "projected", y->projected, "gdp_usd",
                cp_jnum(y->gdp_usd), "gdp_lcu", cp_jnum(y->gdp_lcu),
                "share_pct", cp_jnum(c->share_pct), "spend_usd",
                cp_jnum(c->spend_usd), "spend_lcu", cp_jnum(c->spend_lcu),
                "extra_usd", cp_jnum(c->extra_usd), "extra_lcu",
                cp_jnum(c->extra_lcu), "cumulative_extra_usd",
                cp_jnum(c->cum_extra_usd), "cumulative_extra_lcu",
                cp_jnum(c->cum_extra_lcu), "pv_cumulative_extra_usd",
                cp_jnum(c->pv_cum_extra_usd), "pv_cumulative_extra_lcu",
                cp_jnum(c->pv_cum_extra_lcu), "deflator",
                cp_jnum(y->deflator), "spend_lcu_const",
                cp_jnum(c->spend_lcu_const), "spend_usd_const",
                cp_jnum(c->spend_usd_const), "cumulative_extra_usd_const",
                cp_jnum(c->cum_extra_usd_const), "gdp_projection",
                cp_jobs(y->gdp_obs));
            if (o) {
                cj_set(o, "gdp_growth_pct",
                                    cp_jnum(y->gdp_growth_pct));
                cj_set(o, "fixed_by",
                                    cj_string("fixed_by", i == 0 ? "baseline"
                                                : y->budget_obs ? "budget"
                                                                : "path"));
                cj_set(o, "budget_lcu", cp_jnum(y->budget_lcu));
                cj_set(o, "budget_observation",
                                    cp_jobs(y->budget_obs));
                cj_set(o, "supplementary_observation",
                                    cp_jobs(y->supp_obs));
                cj_set(o, "decided_increase_usd",
                                    cp_jnum(c->decided_increase_usd));
                cj_set(o, "decided_increase_lcu",
                                    cp_jnum(c->decided_increase_lcu));
                cj_set(o, "cumulative_decided_increase_usd",
                                    cp_jnum(c->cum_decided_increase_usd));
                cj_set(o, "cumulative_decided_increase_lcu",
                                    cp_jnum(c->cum_decided_increase_lcu));
            }
            if (sim && o) {
                const ds_sim_year *sy = &sim->years[i];
                double bu[DS_SIM_NBANDS], bl[DS_SIM_NBANDS];
                ds_simulation_spend_bands(p, sim, k, i, bu, bl);
                cj_set(o, "spend_usd_bands", jbands(bu, 1));
                cj_set(o, "spend_lcu_bands", jbands(bl, 1));
                cj_set(o, "gdp_usd_bands",
                                    jbands(sy->gdp_usd, 1));
                cj_set(o, "gdp_lcu_bands",
                                    jbands(sy->gdp_lcu, 1));
            }
            cj_append(years, o);
        }
        json_t *t = cj_pack("{s:o,s:o}", "target_pct",
                              cp_jnum(p->targets_pct[k]), "years", years);
        if (sim && t) {
            const ds_sim_target *st = &sim->targets[k];
            cj_set(
                t, "simulation",
                cj_pack("{s:[f,f,f],s:o,s:o,s:o,s:o,s:o}",
                          "needed_probabilities_pct", 50.0, 90.0, 95.0,
                          "needed_spend_usd", jvec(st->needed_usd),
                          "needed_spend_lcu", jvec(st->needed_lcu),
                          "p_plan_reaches_target",
                          cp_jnum(st->p_plan_reaches),
                          "cumulative_extra_usd_bands",
                          jbands(st->cum_extra_usd, 1),
                          "cumulative_extra_lcu_bands",
                          jbands(st->cum_extra_lcu, 1)));
        }
        cj_append(targets, t);
    }
    const ds_baseline *bl = &s->baseline;
    json_t *as = cj_pack(
        "{s:i,s:i,s:s,s:o,s:s,s:o,s:s,s:o,s:o,s:o,s:o,s:s,s:o,s:s,s:i,s:o,"
        "s:o,s:o}",
        "from_year", p->from_year, "by_year", p->by_year, "path",
        path_name(p->path), "growth_pct", cp_jnum(p->growth_pct),
        "growth_basis", p->growth_basis, "lcu_per_usd",
        cp_jnum(p->lcu_per_usd), "rate_basis", p->rate_basis, "baseline_lcu",
        cp_jnum(p->baseline_lcu), "baseline_usd", cp_jnum(p->baseline_usd),
        "baseline_share_pct", cp_jnum(p->baseline_share_pct),
        "discount_pct", cp_jnum(p->discount_pct), "baseline_label",
        bl->present ? bl->label : "none", "inflation_pct",
        cp_jnum(p->inflation_pct), "inflation_basis", p->inflation_basis,
        "price_base_year", p->price_base_year, "gdp_usd",
        cp_jobs(s->gdp_usd), "gdp_lcu",
        cp_jobs(p->lcu_only_usd ? NULL : s->gdp_lcu), "baseline_observation",
        cp_jobs(bl->obs_lcu ? bl->obs_lcu : bl->obs_usd));
    if (as && p->has_fit)
        cj_set(
            as, "growth_fit",
            cj_pack("{s:i,s:i,s:o,s:o,s:o,s:o}", "first_year",
                      p->fit.first_year, "last_year", p->fit.last_year,
                      "rate_pct", cp_jnum(p->fit.rate_pct), "se_pct",
                      cp_jnum(p->fit.se_pct), "log_growth_mean",
                      cp_jnum(p->fit.log_mean), "log_growth_sd",
                      cp_jnum(p->fit.log_sd)));
    if (as) {
        json_t *rg = json_array();
        for (int k = 0; k < 2; k++)
            cj_append(
                rg, cj_pack("{s:i,s:i,s:i,s:o}", "years", p->recent[k].years,
                              "first_year", p->recent[k].first_year,
                              "last_year", p->recent[k].last_year, "rate_pct",
                              cp_jnum(p->recent[k].rate_pct)));
        cj_set(as, "recent_growth", rg);
        const ds_gdp_forecast *fc = &p->forecast;
        cj_set(
            as, "gdp_forecast",
            fc->present
                ? cj_pack("{s:s,s:s,s:s,s:s,s:i,s:i,s:o,s:b,s:b,s:b}",
                            "source", fc->source, "definition",
                            fc->definition, "vintage", fc->vintage,
                            "currency", fc->currency, "first_year",
                            fc->first_year, "last_year", fc->last_year,
                            "mean_growth_pct", cp_jnum(fc->mean_pct), "used",
                            p->gdp_source == DS_GDP_PROJECTIONS,
                            "start_year_is_projection",
                            fc->start_is_projection, "predates_start",
                            fc->predates_start)
                : json_null());
        cj_set(as, "decided_basis",
                            cj_string("decided_basis", p->decided_basis));
        cj_set(as, "decided_years",
                            json_integer((json_int_t)p->n_decided));
        cj_set(as, "last_decided_year",
                            json_integer(p->last_decided_year));
        cj_set(
            as, "plan",
            cj_pack("{s:s,s:s,s:o,s:o,s:o}", "kind", plan_name(p->plan),
                      "basis", p->plan_basis, "growth_pct",
                      cp_jnum(p->plan_growth_pct), "spend_lcu",
                      cp_jnum(p->plan_spend_lcu), "spend_usd",
                      cp_jnum(p->plan_spend_lcu / p->lcu_per_usd)));
        json_t *nt = json_array();
        for (size_t q = 0; q < p->n_notes; q++)
            cj_append(nt, cj_string("notes", p->notes[q]));
        cj_set(as, "notes", nt);
    }
    if (as && sim)
        cj_set(
            as, "simulation",
            cj_pack("{s:I,s:I,s:s,s:o,s:o,s:s,s:o,s:s}", "draws",
                      (json_int_t)sim->n_draws, "seed", (json_int_t)seed,
                      "generator", sim->rng_name, "growth_log_mean",
                      cp_jnum(sim->growth_mu), "growth_log_sd",
                      cp_jnum(sim->growth_sd), "growth_sd_basis",
                      sim->growth_sd_basis, "fx_log_sd",
                      cp_jnum(sim->fx_sd), "fx_sd_basis", sim->fx_sd_basis));
    json_t *root = cj_pack("{s:s,s:s,s:{s:s,s:s,s:s},s:s,s:o,s:o}",
                             "defspend_version", DS_VERSION_STRING,
                             "data_dir", data_dir, "country", "iso3", s->iso3,
                             "name", s->name, "currency", lcu, "price_basis",
                             "current unless *_const", "assumptions",
                             as ? as : json_null(), "targets", targets);
    return cp_json_dump(f, root);
}

/* ------------------------------------------------------------ command */

int
cmd_project(int argc, char **argv)
{
    static const struct option lo[] = {
        {"country", required_argument, NULL, 'c'},
        {"target", required_argument, NULL, 't'},
        {"targets", required_argument, NULL, 't'},
        {"by", required_argument, NULL, 'B'},
        {"from", required_argument, NULL, 'F'},
        {"growth", required_argument, NULL, 'g'},
        {"growth-fit", required_argument, NULL, 'G'},
        {"gdp-source", required_argument, NULL, 'S'},
        {"path", required_argument, NULL, 'p'},
        {"baseline", required_argument, NULL, 'b'},
        {"source", required_argument, NULL, 1000},
        {"discount", required_argument, NULL, 'D'},
        {"inflation", required_argument, NULL, 'I'},
        {"price-base", required_argument, NULL, 'P'},
        {"simulate", required_argument, NULL, 'n'},
        {"seed", required_argument, NULL, 's'},
        {"threads", required_argument, NULL, 'T'},
        {"growth-mean", required_argument, NULL, 'm'},
        {"growth-sd", required_argument, NULL, 'v'},
        {"fx-sd", required_argument, NULL, 'x'},
        {"plan", required_argument, NULL, 'L'},
        {"plan-growth", required_argument, NULL, 'Q'},
        {"supplementary", no_argument, NULL, 'U'},
        {"no-decided", no_argument, NULL, 'N'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"data", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    opts o;
    memset(&o, 0, sizeof o);
    o.common.format = FMT_TABLE;
    const char *country = "JPN", *baseline = NULL, *source = NULL;
    double targets[MAX_TARGETS] = {3.5, 5};
    size_t nt = 2, given_t = 0;
    long lv;
    double dv;
    cp_growth_opts gro;
    cp_growth_init(&gro);
    int plan_given = 0;
    ds_project_spec_init(&o.spec);
    o.spec.by_year = 2035;
    o.seed = DEFAULT_SEED;
    ds_sim_spec_init(&o.sim);
    ds_error err;
    ds_error_clear(&err);
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
        switch (c) {
        case 'c': country = optarg; break;
        case 't': {
            size_t n;
            if (ds_targets_parse(optarg, targets + given_t,
                                 MAX_TARGETS - given_t, &n, &err) != DS_OK) {
                cli_error("--target: %s", err.message);
                return EXIT_USAGE;
            }
            given_t += n;
            nt = given_t;
            break;
        }
        case 'B':
            if (!cp_int("--by", optarg, 1000, 3000, &lv))
                return EXIT_USAGE;
            o.spec.by_year = (int)lv;
            break;
        case 'F':
            if (!cp_int("--from", optarg, 1000, 3000, &lv))
                return EXIT_USAGE;
            o.spec.from_year = (int)lv;
            break;
        case 'g':
            if (!cp_growth_opt(&gro, "--growth", optarg))
                return EXIT_USAGE;
            break;
        case 'G':
            if (!cp_growth_opt(&gro, "--growth-fit", optarg))
                return EXIT_USAGE;
            break;
        case 'S':
            if (!cp_growth_opt(&gro, "--gdp-source", optarg))
                return EXIT_USAGE;
            break;
        case 'L':
            if (strcmp(optarg, "flat") == 0)
                o.spec.plan = DS_PLAN_FLAT;
            else if (strcmp(optarg, "enacted") == 0)
                o.spec.plan = DS_PLAN_ENACTED;
            else {
                cli_error("invalid plan '%s' (expected flat or enacted; "
                          "--plan-growth PCT for a growing baseline)",
                          optarg);
                return EXIT_USAGE;
            }
            if (plan_given) {
                cli_error("--plan and --plan-growth exclude each other");
                return EXIT_USAGE;
            }
            plan_given = 1;
            break;
        case 'Q':
            if (!cp_growth_pct("--plan-growth", optarg,
                               &o.spec.plan_growth_pct))
                return EXIT_USAGE;
            if (plan_given) {
                cli_error("--plan and --plan-growth exclude each other");
                return EXIT_USAGE;
            }
            plan_given = 1;
            o.spec.plan = DS_PLAN_GROWTH;
            break;
        case 'U':
            if (o.spec.decided == DS_DECIDED_NONE) {
                cli_error("--supplementary and --no-decided exclude each "
                          "other");
                return EXIT_USAGE;
            }
            o.spec.decided = DS_DECIDED_SUPPLEMENTARY;
            break;
        case 'N':
            if (o.spec.decided == DS_DECIDED_SUPPLEMENTARY) {
                cli_error("--supplementary and --no-decided exclude each "
                          "other");
                return EXIT_USAGE;
            }
            o.spec.decided = DS_DECIDED_NONE;
            break;
        case 'p':
            if (strcmp(optarg, "linear") == 0)
                o.spec.path = DS_PATH_LINEAR;
            else if (strcmp(optarg, "growth") == 0)
                o.spec.path = DS_PATH_GROWTH;
            else if (strcmp(optarg, "step") == 0)
                o.spec.path = DS_PATH_STEP;
            else {
                cli_error("invalid path '%s' (expected linear, growth or "
                          "step)", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'b': baseline = optarg; break;
        case 1000: source = optarg; break;
        case 'D':
            if (!cp_number("--discount", optarg, &dv))
                return EXIT_USAGE;
            o.spec.discount_pct = dv;
            break;
        case 'I':
            if (!cp_number("--inflation", optarg, &dv))
                return EXIT_USAGE;
            if (dv <= -100) {
                cli_error("--inflation: must be above -100, not '%s'", optarg);
                return EXIT_USAGE;
            }
            o.spec.inflation_pct = dv;
            break;
        case 'P':
            if (!cp_int("--price-base", optarg, 1000, 3000, &lv))
                return EXIT_USAGE;
            o.spec.price_base_year = (int)lv;
            break;
        case 'n':
            if (!cp_int("--simulate", optarg, 1, 100000000, &lv))
                return EXIT_USAGE;
            o.n_draws = (size_t)lv;
            break;
        case 's': {
            char *end;
            unsigned long long s = strtoull(optarg, &end, 10);
            if (end == optarg || *end || optarg[0] == '-' ||
                s > 0xFFFFFFFFull) {
                cli_error("--seed: invalid value '%s' (expected 0-4294967295)",
                          optarg);
                return EXIT_USAGE;
            }
            o.seed = (unsigned long)s;
            break;
        }
        case 'T':
            if (!cp_int("--threads", optarg, 0, 64, &lv))
                return EXIT_USAGE;
            o.threads = (unsigned)lv;
            break;
        case 'm':
            if (!cp_growth_pct("--growth-mean", optarg, &dv))
                return EXIT_USAGE;
            o.sim.growth_mean_pct = dv;
            break;
        case 'v':
            if (!cp_number("--growth-sd", optarg, &dv))
                return EXIT_USAGE;
            if (dv < 0) {
                cli_error("--growth-sd: must be >= 0, not '%s'", optarg);
                return EXIT_USAGE;
            }
            o.sim.growth_sd = dv;
            break;
        case 'x':
            if (strcmp(optarg, "history") == 0) {
                o.sim.fx_sd = NAN;
                break;
            }
            if (!cp_number("--fx-sd", optarg, &dv))
                return EXIT_USAGE;
            if (dv < 0) {
                cli_error("--fx-sd: must be >= 0, not '%s'", optarg);
                return EXIT_USAGE;
            }
            o.sim.fx_sd = dv;
            break;
        case 'f':
            if (!cli_parse_format(optarg, &o.common.format)) {
                cli_error("invalid format '%s' (expected table, csv, json or "
                          "md)", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'o': o.common.output = optarg; break;
        case 'd': o.common.data_dir = optarg; break;
        case 'h': help(stdout); return EXIT_OK;
        default:
            return cli_option_error(c, argv, "project", lo);
        }
    }
    if (optind < argc) {
        cli_error("unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    if (!cp_growth_finish(&gro, &o.spec))
        return EXIT_USAGE;
    o.spec.targets_pct = targets;
    o.spec.n_targets = nt;
    ds_baseline_choice bc;
    if (!cli_parse_baseline(baseline, &bc))
        return EXIT_USAGE;
    ds_project_spec_set_baseline(&o.spec, &bc);
    o.spec.source = source;

    int rc;
    ds_store *store = cli_open_store(&o.common, &rc);
    if (!store)
        return rc;
    char iso3[16];
    if ((rc = cp_country(store, country, iso3, sizeof iso3)) != 0) {
        ds_store_free(store);
        return rc;
    }
    o.spec.country = iso3;
    ds_projection *p = NULL;
    ds_simulation *sim = NULL;
    gsl_rng *rng = NULL;
    cli_out out = {NULL, NULL, 0};
    if (ds_project_run(store, &o.spec, &p, &err) != DS_OK) {
        rc = cli_report(&err);
        goto done;
    }
    if (o.n_draws) {
        o.sim.n_draws = o.n_draws;
        rng = gsl_rng_alloc(gsl_rng_mt19937);
        if (!rng) {
            cli_error("out of memory");
            rc = EXIT_DATA;
            goto done;
        }
        gsl_rng_set(rng, o.seed);
        if (ds_projection_simulate_threads(p, &o.sim, o.threads, rng, &sim,
                                           &err) != DS_OK) {
            const char *sd = ds_sim_missing_sd(p, &o.sim);
            rc = cli_report(&err);
            if (err.code == DS_ENOTFOUND && sd && strcmp(sd, "fx_sd") == 0)
                cli_hint_rerun("to give the exchange rate's volatility",
                               "--fx-sd SD");
            else if (err.code == DS_ENOTFOUND && sd)
                cli_hint_rerun("to give the volatility of growth",
                               "--growth-sd SD");
            goto done;
        }
    }
    if (!cli_out_open(&out)) {
        cli_error("out of memory");
        rc = EXIT_IO;
        goto done;
    }
    int ok = 1;
    switch (o.common.format) {
    case FMT_TABLE:
    case FMT_MD: {
        int md = o.common.format == FMT_MD;
        heading(out.f, p, sim, o.seed, md);
        for (size_t k = 0; k < p->n_targets && ok; k++)
            ok = target_table(out.f, p, sim, k, md);
        if (sim && ok)
            ok = sim_tables(out.f, p, sim, md);
        break;
    }
    case FMT_CSV: {
        ds_table *t = NULL;
        ds_error err;
        ds_error_clear(&err);
        if (ds_project_table(p, sim, o.seed, &t, &err) != DS_OK ||
            ds_table_write(t, DS_TABLE_CSV, out.f, &err) != DS_OK) {
            ds_table_free(t);
            cli_out_discard(&out);
            rc = cli_report(&err);
            goto done;
        }
        ds_table_free(t);
        break;
    }
    case FMT_JSON:
        ok = json_out(out.f, p, sim, o.seed, cli_data_dir(&o.common));
        break;
    }
    if (!ok) {
        rc = cj_report();
        if (rc == EXIT_OK) {
            cli_error("cannot build output");
            rc = EXIT_IO;
        }
        cli_out_discard(&out);
        goto done;
    }
    rc = cli_out_finish(&out, &o.common);
done:
    gsl_rng_free(rng);
    ds_simulation_free(sim);
    ds_projection_free(p);
    ds_store_free(store);
    return rc;
}
