/* cli_project_head.c - the heading of `defspend project`'s table and
 * Markdown output: every assumption behind the figures (start GDP and its
 * source, growth and its basis, exchange rate, baseline, decided budgets,
 * path, prices, present values, Monte Carlo set-up, notes).
 */
#include <math.h>
#include <stdio.h>

#include "cli_project.h"

const char *
cli_project_path_name(ds_spend_path p)
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

void
cli_project_heading(FILE *f, const ds_projection *p,
                    const ds_simulation *sim, unsigned long seed, int md)
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
                li, cli_project_path_name(p->path), path_text(p->path),
                p->last_decided_year);
    else
        fprintf(f, "%sPath: %s (%s)\n", li, cli_project_path_name(p->path),
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
        fprintf(f, "%sMonte Carlo: %zu draws, generator %s, seed %lu; "
                   "annual log GDP growth ~ N(%.4f, %.4f^2) (mean: ln(1 + "
                   "%.4g%%), %s; sd: %s); exchange rate: %s%s%.4f\n",
                li, sim->n_draws, sim->rng_name, seed, sim->growth_mu,
                sim->growth_sd, sim->growth_mean_pct,
                sim->growth_mean_own ? "given by the user (--growth-mean)"
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
