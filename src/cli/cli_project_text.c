/* cli_project_text.c - the tables of `defspend project`'s table and
 * Markdown output: one table per target (year by year, with its totals)
 * and, with --simulate, the simulated GDP bands and the plan's chances.
 * NaN prints as "n/a" (missing, never zero).
 */
#include <math.h>
#include <stdio.h>

#include "cli_project.h"

int
cli_project_target_table(FILE *f, const ds_projection *p,
                         const ds_simulation *sim, size_t k, int md)
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
                p->by_year, cli_project_path_name(p->path));
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
                cp_money(last->cum_beyond_decided_usd, DS_CURRENCY_USD, c,
                         sizeof c),
                cp_money(last->cum_beyond_decided_lcu, lcu, d, sizeof d));
    else
        fprintf(f, "  of which already decided: n/a (no decided budgets "
                   "after %d in the store)\n",
                p->from_year);
    fputc('\n', f);
    return 1;
}

int
cli_project_sim_tables(FILE *f, const ds_projection *p,
                       const ds_simulation *sim, int md)
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
            cp_money(p->plan_spend_usd, DS_CURRENCY_USD, pb, sizeof pb),
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
