/* cmd_scenarios.c - `defspend scenarios`: the main job.
 *
 * For a country and year (default Japan, latest year with GDP): spending at
 * 1, 3, 3.5 and 5% of GDP in US$ and local currency against a baseline
 * (default: the FY2024 MoD budget, ¥7.95 tn ≈ $56 bn), with the sources,
 * vintages and exchange rates behind every figure.
 */
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_json.h"

#define MAX_TARGETS 64

typedef enum { CUR_BOTH, CUR_USD, CUR_LCU } cur_mode;

static void
help(FILE *f)
{
    fprintf(f,
"usage: defspend scenarios [OPTIONS]\n"
"\n"
"Spending at shares of GDP in US$ and local currency against a baseline.\n"
"With no options: Japan, the latest year with GDP data, targets 1, 3, 3.5\n"
"and 5%%, baseline the FY2024 Ministry of Defense budget (7.95 tn yen,\n"
"about US$56 bn when approved).\n"
"\n"
"options:\n"
"  --country C      ISO3 code or name, any case (JPN, japan, \"Korea, Rep.\")\n"
"  --year Y         GDP year (default: latest with GDP in US$)\n"
"  --targets LIST   shares of GDP in percent (default 1,3,3.5,5)\n"
"  --baseline B     an amount with a unit or scale (56bn, 56e9, \"7.95tn JPY\",\n"
"                   \"$56 billion\"), a stored figure DEFINITION:YEAR\n"
"                   (mod_budget:2025, sipri:2024), 'data' (military\n"
"                   expenditure by --source that year, else its latest)\n"
"                   or 'none'\n"
"  --source D       spending definition for the actual share and 'data':\n"
"                   wdi, sipri, nato, mod_budget ... (default: the first\n"
"                   of wdi, sipri, nato, imf_weo, mod_budget with a figure)\n"
"  --currency C     USD, LCU or both (table and md; default both)\n"
"  --format F       table, csv, json or md (default table)\n"
"  --output FILE    write to FILE atomically instead of standard output\n"
"  --data DIR       read the store in DIR\n"
"  --help           this help\n"
"\n"
"example: defspend scenarios --country KOR --targets 2,3.5,5 --format csv\n");
}

/* ------------------------------------------------------------ helpers */

static char *
money(double v, const char *cur, char *b, size_t n)
{
    return ds_format_money(v, cur, b, n);
}

static char *
signed_money(double v, const char *cur, char *b, size_t n)
{
    char t[DS_FORMAT_MONEY_SIZE + 16];
    ds_format_money(v, cur, t, sizeof t);
    if (isfinite(v) && v > 0 && t[0] != '#')
        return cli_whole(b, n, "+%s", t);
    return cli_whole(b, n, "%s", t);
}

static char *
pct(double v, char *b, size_t n)
{
    char t[64];
    if (!isfinite(v))
        return cli_whole(b, n, "n/a");
    return cli_whole(b, n, "%s%%", ds_format_fixed(v, 2, t, sizeof t));
}

static char *
ratio(double v, char *b, size_t n)
{
    char t[64];
    if (!isfinite(v))
        return cli_whole(b, n, "n/a");
    return cli_whole(b, n, "%sx", ds_format_fixed(v, 3, t, sizeof t));
}

static char *
rate(double v, const char *lcu, char *b, size_t n)
{
    const char *sym = ds_currency_symbol(lcu);
    char t[64];
    if (!isfinite(v))
        return cli_whole(b, n, "n/a");
    if (sym)
        return cli_whole(b, n, "%s%s/$", sym, ds_format_fixed(v, 2, t, sizeof t));
    return cli_whole(b, n, "%s %s per US$", ds_format_fixed(v, 4, t, sizeof t),
                     lcu);
}

/* ------------------------------------------------------- the heading */

/* The baseline's US$ figure was converted at another rate than GDP (the
 * press's $56 bn at about 142 yen/$ against GDP at 151.37): its US$ ratio
 * mixes two rates, so the one-rate ratio is shown beside it. */
static int
one_rate_differs(const ds_scenario *s)
{
    const ds_baseline *b = &s->baseline;
    return b->present && isfinite(b->usd_one_rate) && isfinite(b->usd) &&
           fabs(b->usd_one_rate / b->usd - 1.0) > 5e-4;
}

static void
heading(FILE *f, const ds_scenario *s, int md)
{
    char a[64], b[64], c[512];
    const char *li = md ? "- " : "";
    const char *lcu = cli_shown(s->lcu, md);
    if (md)
        fprintf(f, "## %s (%s): defense spending at shares of GDP, %d\n\n",
                cli_shown(s->name, 1), cli_shown(s->iso3, 1), s->year);
    else
        fprintf(f, "%s (%s): defense spending at shares of GDP, %d\n",
                cli_shown(s->name, 0), cli_shown(s->iso3, 0), s->year);
    fprintf(f, "%sGDP %d: %s, current US$ (%s)\n", li, s->year,
            money(s->gdp_usd->value, "USD", a, sizeof a),
            cli_shown(cli_cite(s->gdp_usd, c, sizeof c), md));
    if (s->gdp_lcu && s->gdp_lcu != s->gdp_usd)
        fprintf(f, "%sGDP %d: %s, current %s (%s)\n", li, s->year,
                money(s->gdp_lcu->value, lcu, a, sizeof a), lcu,
                cli_shown(cli_cite(s->gdp_lcu, c, sizeof c), md));
    else if (!s->gdp_lcu)
        fprintf(f, "%sGDP %d in local currency: not in the store (local "
                   "currency figures are n/a)\n", li, s->year);
    if (s->gdp_lcu && s->gdp_lcu != s->gdp_usd) {
        fprintf(f, "%sExchange rate: %s, implied by GDP in %s / GDP in US$ "
                   "(%d)",
                li, rate(s->gdp_lcu_per_usd, lcu, a, sizeof a), lcu, s->year);
        if (s->fx_official)
            fprintf(f, "; official annual average %s (%s)",
                    rate(s->fx_official->value, lcu, b, sizeof b),
                    cli_shown(cli_cite(s->fx_official, c, sizeof c), md));
        fputc('\n', f);
    }
    if (s->population)
        fprintf(f, "%sPopulation %d: %s (%s)\n", li, s->year,
                ds_format_grouped(s->population->value, 0, a, sizeof a),
                cli_shown(cli_cite(s->population, c, sizeof c), md));
    else
        fprintf(f, "%sPopulation %d: not in the store (per capita n/a)\n", li,
                s->year);
    if (s->has_actual) {
        const ds_share *a_ = &s->actual;
        const ds_obs *o = a_->published ? a_->published : a_->milex;
        if (a_->year == s->year)
            fprintf(f, "%sActual military expenditure %d: %s of GDP", li,
                    s->year, pct(a_->pct, a, sizeof a));
        else
            fprintf(f, "%sActual military expenditure %d: not in the store; "
                       "latest %s of GDP in %d", li, s->year,
                    pct(a_->pct, a, sizeof a), a_->year);
        if (a_->published)
            fprintf(f, " (%s)", cli_shown(cli_cite(o, c, sizeof c), md));
        else
            fprintf(f, ", derived: %s (%s) / GDP in US$ of the same source",
                    money(a_->milex_usd, "USD", b, sizeof b),
                    cli_shown(cli_cite(o, c, sizeof c), md));
        if (s->actual_stale && a_->year != s->year)
            fprintf(f, " [as of %d]", a_->year);
        fputc('\n', f);
    } else if (s->has_own) {
        const ds_share_own *w = &s->own;
        char yl[64], gl[64], m1[64];
        fprintf(f, "%sActual military expenditure, %s, %s: %s = %s of %s "
                   "GDP (%s; %.1f%% at one decimal, as the government quotes it)\n",
                li, ds_definition_label(w->definition),
                cli_year_label(w->milex, yl, sizeof yl),
                money(w->spending, w->milex->currency, a, sizeof a),
                pct(w->pct, b, sizeof b), cli_year_label(w->gdp, gl, sizeof gl),
                cli_shown(w->basis, md), w->pct);
        fprintf(f, "%s%s initial (%s) = %s\n", md ? "  - " : "  ",
                money(w->milex->value, w->milex->currency, a, sizeof a),
                cli_shown(cli_cite(w->milex, c, sizeof c), md),
                pct(w->pct_initial, b, sizeof b));
        if (w->supplementary)
            fprintf(f, "%s%s supplementary (%s)\n", md ? "  - " : "  ",
                    money(w->supplementary->value, w->milex->currency, a,
                          sizeof a),
                    cli_shown(cli_cite(w->supplementary, c, sizeof c), md));
        fprintf(f, "%sGDP base: %s nominal GDP %s (%s), the definition's own "
                   "convention, not the %d GDP above\n",
                md ? "  - " : "  ", gl,
                money(w->gdp->value, w->gdp->currency, m1, sizeof m1),
                cli_shown(cli_cite(w->gdp, c, sizeof c), md), s->year);
        if (s->has_reference) {
            const ds_share *r_ = &s->reference;
            const ds_obs *o = r_->published ? r_->published : r_->milex;
            fprintf(f, "%sBeside it: %s of %d GDP, %s (%s)\n",
                    md ? "  - " : "  ", pct(r_->pct, a, sizeof a), r_->year,
                    ds_definition_label(r_->definition),
                    cli_shown(cli_cite(o, c, sizeof c), md));
        }
    } else {
        fprintf(f, "%sActual military expenditure: no share of GDP in the "
                   "store\n", li);
    }

    const ds_baseline *bl = &s->baseline;
    const char *sub = md ? "  - " : "  ";
    int lcu_side = s->gdp_lcu && s->gdp_lcu != s->gdp_usd;
    char sh[96] = "";
    if (bl->present && isfinite(bl->share_pct))
        snprintf(sh, sizeof sh, " = %s of %d GDP",
                 pct(bl->share_pct, b, sizeof b), bl->share_year);
    if (!bl->present) {
        fprintf(f, "%sBaseline: none\n", li);
    } else if (bl->obs_lcu || bl->obs_usd) {
        const ds_obs *any = bl->obs_lcu ? bl->obs_lcu : bl->obs_usd;
        char yl[64];
        fprintf(f, "%sBaseline: %s, %s\n", li, cli_shown(bl->label, md),
                cli_year_label(any, yl, sizeof yl));
        int lcu_obs = bl->obs_lcu && bl->obs_lcu->currency[0] &&
                      strcmp(bl->obs_lcu->currency, "USD") != 0;
        /* the share goes on the line of the figure it was computed from:
         * a publisher's share on its US$ line, a local one on the local */
        int share_in_lcu =
            lcu_obs &&
            (strstr(bl->share_basis, "published share")
                 ? !bl->obs_usd
                 : !strstr(bl->share_basis, "US$ / GDP in US$"));
        if (lcu_obs)
            fprintf(f, "%s%s (%s)%s\n", sub, money(bl->lcu, lcu, a, sizeof a),
                    cli_shown(cli_cite(bl->obs_lcu, c, sizeof c), md),
                    share_in_lcu ? sh : "");
        if (bl->obs_usd)
            fprintf(f, "%s%s as reported (%s)%s%s%s\n", sub,
                    money(bl->usd, "USD", a, sizeof a),
                    cli_shown(cli_cite(bl->obs_usd, c, sizeof c), md),
                    lcu_obs ? "; implies " : "",
                    lcu_obs ? rate(bl->lcu_per_usd, lcu, b, sizeof b) : "",
                    share_in_lcu ? "" : sh);
        else if (isfinite(bl->usd))
            fprintf(f, "%s%s at %s (%s)%s\n", sub,
                    money(bl->usd, "USD", a, sizeof a),
                    rate(bl->lcu_per_usd, lcu, b, sizeof b), cli_shown(bl->rate_basis, md),
                    share_in_lcu ? "" : sh);
        if (isfinite(bl->usd_at_official) && lcu_obs && bl->fx_official &&
            bl->obs_usd)
            fprintf(f, "%s%s at the %d official average rate %s: the US$ "
                       "figure depends on the exchange rate\n",
                    sub, money(bl->usd_at_official, "USD", a, sizeof a),
                    bl->fx_official->year,
                    rate(bl->fx_official->value, lcu, b, sizeof b));
        if (any->fy_start_month > 1)
            fprintf(f, "%sthe budget covers fiscal year %s; GDP is for "
                       "calendar %d\n",
                    sub, cli_year_label(any, yl, sizeof yl), s->year);
    } else {
        fprintf(f, "%sBaseline: %s\n", li, bl->label);
        if (lcu_side && strcmp(lcu, "USD") != 0)
            fprintf(f, "%s%s = %s at %s (%s)%s\n", sub,
                    money(bl->usd, "USD", a, sizeof a),
                    money(bl->lcu, lcu, b, sizeof b),
                    rate(bl->lcu_per_usd, lcu, c, sizeof c), cli_shown(bl->rate_basis, md),
                    sh);
        else
            fprintf(f, "%s%s%s\n", sub, money(bl->usd, "USD", a, sizeof a),
                    sh);
    }
    if (bl->present) {
        fprintf(f, "%sComparisons: US$ columns against %s", li,
                money(bl->usd, "USD", a, sizeof a));
        if (lcu_side && isfinite(bl->lcu))
            fprintf(f, ", %s columns against %s", lcu,
                    money(bl->lcu, lcu, b, sizeof b));
        fputc('\n', f);
        if (one_rate_differs(s)) {
            char r1[64], r2[64], m1[64], m2[64];
            fprintf(f, "%sOne exchange rate: the %s baseline implies %s but "
                       "GDP converts at %s; at %s for both the baseline is "
                       "%s (column \"x at one rate\", equal to the %s "
                       "ratio)\n",
                    li, money(bl->usd, "USD", m1, sizeof m1),
                    rate(bl->lcu_per_usd, lcu, r1, sizeof r1),
                    rate(s->gdp_lcu_per_usd, lcu, r2, sizeof r2), r2,
                    money(bl->usd_one_rate, "USD", m2, sizeof m2), lcu);
        }
    }
    if (lcu_side)
        fprintf(f, "%sPrices: current; US$ figures are shares of GDP in US$, "
                   "%s figures shares of GDP in %s\n", li, lcu, lcu);
    else
        fprintf(f, "%sPrices: current US$ (shares of GDP in US$)\n", li);
    fputc('\n', f);
}

/* --------------------------------------------------------- the table */

#define NCOLS 10

static void
table(FILE *f, const ds_scenario *s, cur_mode cm, int md)
{
    const char *lcu = s->lcu; /* escaped with the heads */
    int want_usd = cm != CUR_LCU, want_lcu = cm != CUR_USD && s->gdp_lcu &&
                                               s->gdp_lcu != s->gdp_usd;
    const char *head[NCOLS];
    int use[NCOLS];
    char hl[5][48];
    snprintf(hl[0], sizeof hl[0], "spend %s", lcu);
    snprintf(hl[1], sizeof hl[1], "vs baseline %s", lcu);
    snprintf(hl[2], sizeof hl[2], "x baseline %s", lcu);
    snprintf(hl[3], sizeof hl[3], "per capita %s", lcu);
    head[0] = "target % GDP";
    head[1] = "spend US$";
    head[2] = "vs baseline US$";
    head[3] = "x baseline US$";
    head[4] = "x at one rate";
    head[5] = "per capita US$";
    head[6] = hl[0];
    head[7] = hl[1];
    head[8] = hl[2];
    head[9] = hl[3];
    int has_base = s->baseline.present;
    for (int k = 0; k < NCOLS; k++)
        use[k] = k == 0 || (k <= 5 && want_usd) || (k >= 6 && want_lcu);
    if (!has_base)
        use[2] = use[3] = use[4] = use[7] = use[8] = 0;
    if (!one_rate_differs(s))
        use[4] = 0;

    size_t nr = s->n_rows;
    char(*cell)[NCOLS][48] = calloc(nr ? nr : 1, sizeof *cell);
    if (!cell)
        return;
    size_t w[NCOLS];
    for (int k = 0; k < NCOLS; k++)
        w[k] = cli_width(head[k]);
    for (size_t i = 0; i < nr; i++) {
        const ds_scenario_row *r = &s->rows[i];
        snprintf(cell[i][0], 48, "%g%%", r->target_pct);
        money(r->spend_usd, "USD", cell[i][1], 48);
        signed_money(r->diff_usd, "USD", cell[i][2], 48);
        ratio(r->ratio_to_baseline, cell[i][3], 48);
        ratio(r->ratio_one_rate, cell[i][4], 48);
        money(r->per_capita_usd, "USD", cell[i][5], 48);
        money(r->spend_lcu, lcu, cell[i][6], 48);
        signed_money(r->diff_lcu, lcu, cell[i][7], 48);
        ratio(r->ratio_to_baseline_lcu, cell[i][8], 48);
        money(r->per_capita_lcu, lcu, cell[i][9], 48);
        for (int k = 0; k < NCOLS; k++)
            if (cli_width(cell[i][k]) > w[k])
                w[k] = cli_width(cell[i][k]);
    }
    if (md) {
        fputs("|", f);
        for (int k = 0; k < NCOLS; k++)
            if (use[k]) {
                fputc(' ', f);
                cli_md_cell(f, head[k]);
                fputs(" |", f);
            }
        fputs("\n|", f);
        for (int k = 0; k < NCOLS; k++)
            if (use[k])
                fputs(k == 0 ? ":---|" : "---:|", f);
        fputc('\n', f);
        for (size_t i = 0; i < nr; i++) {
            fputs("|", f);
            for (int k = 0; k < NCOLS; k++)
                if (use[k]) {
                    fputc(' ', f);
                    cli_md_cell(f, cell[i][k]);
                    fputs(" |", f);
                }
            fputc('\n', f);
        }
    } else {
        int first = 1;
        for (int k = 0; k < NCOLS; k++)
            if (use[k]) {
                if (!first)
                    fputs("  ", f);
                cli_pad(f, head[k], w[k], k != 0);
                first = 0;
            }
        fputc('\n', f);
        for (size_t i = 0; i < nr; i++) {
            first = 1;
            for (int k = 0; k < NCOLS; k++)
                if (use[k]) {
                    if (!first)
                        fputs("  ", f);
                    cli_pad(f, cell[i][k], w[k], 1);
                    first = 0;
                }
            fputc('\n', f);
        }
    }
    free(cell);
}

/* ---------------------------------------------------------- csv, json */

static void
csv(FILE *f, const ds_scenario *s)
{
    fputs("country,year,target_pct,gdp_usd,spend_usd,baseline_usd,diff_usd,"
          "ratio_to_baseline,per_capita_usd,currency_lcu,gdp_lcu,spend_lcu,"
          "baseline_lcu,diff_lcu,ratio_to_baseline_lcu,per_capita_lcu,"
          "lcu_per_usd,population,price_basis,gdp_definition,gdp_source,"
          "gdp_vintage,baseline_label,baseline_source,baseline_vintage,"
          "baseline_usd_one_rate,ratio_one_rate,baseline_share_pct,"
          "baseline_share_basis,actual_share_pct,actual_share_year,"
          "actual_share_definition,actual_share_basis\n",
          f);
    const ds_baseline *b = &s->baseline;
    const ds_obs *bo = b->obs_lcu ? b->obs_lcu : b->obs_usd;
    for (size_t i = 0; i < s->n_rows; i++) {
        const ds_scenario_row *r = &s->rows[i];
        fprintf(f, "%s,%d,", s->iso3, s->year);
        cli_csv_num(f, r->target_pct), fputc(',', f);
        cli_csv_num(f, s->gdp_usd->value), fputc(',', f);
        cli_csv_num(f, r->spend_usd), fputc(',', f);
        cli_csv_num(f, b->present ? b->usd : NAN), fputc(',', f);
        cli_csv_num(f, r->diff_usd), fputc(',', f);
        cli_csv_num(f, r->ratio_to_baseline), fputc(',', f);
        cli_csv_num(f, r->per_capita_usd), fputc(',', f);
        cli_csv_text(f, s->lcu), fputc(',', f);
        cli_csv_num(f, s->gdp_lcu ? s->gdp_lcu->value : NAN), fputc(',', f);
        cli_csv_num(f, r->spend_lcu), fputc(',', f);
        cli_csv_num(f, b->present ? b->lcu : NAN), fputc(',', f);
        cli_csv_num(f, r->diff_lcu), fputc(',', f);
        cli_csv_num(f, r->ratio_to_baseline_lcu), fputc(',', f);
        cli_csv_num(f, r->per_capita_lcu), fputc(',', f);
        cli_csv_num(f, s->gdp_lcu_per_usd), fputc(',', f);
        cli_csv_num(f, s->population ? s->population->value : NAN);
        fputs(",current,", f);
        cli_csv_text(f, s->gdp_usd->definition), fputc(',', f);
        cli_csv_text(f, s->gdp_usd->source), fputc(',', f);
        cli_csv_text(f, s->gdp_usd->vintage), fputc(',', f);
        cli_csv_text(f, b->present ? b->label : ""), fputc(',', f);
        cli_csv_text(f, bo ? bo->source : ""), fputc(',', f);
        cli_csv_text(f, bo ? bo->vintage : ""), fputc(',', f);
        cli_csv_num(f, b->present ? b->usd_one_rate : NAN), fputc(',', f);
        cli_csv_num(f, r->ratio_one_rate), fputc(',', f);
        cli_csv_num(f, b->present ? b->share_pct : NAN), fputc(',', f);
        cli_csv_text(f, b->present ? b->share_basis : ""), fputc(',', f);
        cli_csv_num(f, s->has_actual ? s->actual.pct : NAN), fputc(',', f);
        if (s->has_actual)
            fprintf(f, "%d", s->actual.year);
        fputc(',', f);
        cli_csv_text(f, s->has_actual ? s->actual.definition : "");
        fputc(',', f);
        cli_csv_text(f, s->has_actual ? s->actual.basis : "");
        fputc('\n', f);
    }
}

static json_t *
jnum(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

static json_t *
jobs(const ds_obs *o)
{
    if (!o)
        return json_null();
    char fl[128], yb[16];
    return cj_pack("{s:s,s:i,s:s,s:s,s:o,s:s,s:s,s:s,s:s,s:s,s:s}",
                     "country", o->country, "year", o->year, "year_basis",
                     ds_year_basis_format(o->fy_start_month, yb, sizeof yb),
                     "indicator", o->indicator, "value", jnum(o->value),
                     "currency", o->currency, "price_basis", o->price_basis,
                     "definition", o->definition, "source", o->source,
                     "vintage", o->vintage, "flags",
                     ds_flags_format(o->flags, fl, sizeof fl));
}

static int
json_out(FILE *f, const ds_scenario *s, const char *data_dir)
{
    const ds_baseline *b = &s->baseline;
    json_t *rows = json_array();
    for (size_t i = 0; i < s->n_rows; i++) {
        const ds_scenario_row *r = &s->rows[i];
        cj_append(
            rows,
            cj_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}",
                      "ratio_one_rate", jnum(r->ratio_one_rate), "target_pct",
                      jnum(r->target_pct), "spend_usd", jnum(r->spend_usd),
                      "spend_lcu", jnum(r->spend_lcu), "diff_usd",
                      jnum(r->diff_usd), "diff_lcu", jnum(r->diff_lcu),
                      "ratio_to_baseline", jnum(r->ratio_to_baseline),
                      "ratio_to_baseline_lcu", jnum(r->ratio_to_baseline_lcu),
                      "per_capita_usd", jnum(r->per_capita_usd),
                      "per_capita_lcu", jnum(r->per_capita_lcu)));
    }
    json_t *base = json_null();
    if (b->present)
        base = cj_pack("{s:s,s:o,s:i,s:s,s:o,s:o,s:o,s:s,s:o,s:o,s:o,"
                         "s:o,s:o}",
                         "share_basis", b->share_basis, "usd_one_rate",
                         jnum(b->usd_one_rate), "share_year", b->share_year,
                         "label", b->label, "usd", jnum(b->usd), "lcu",
                         jnum(b->lcu), "lcu_per_usd", jnum(b->lcu_per_usd),
                         "rate_basis", b->rate_basis, "share_of_gdp_pct",
                         jnum(b->share_pct), "usd_at_official_rate",
                         jnum(b->usd_at_official), "official_rate",
                         jobs(b->fx_official), "observation_lcu",
                         jobs(b->obs_lcu), "observation_usd",
                         jobs(b->obs_usd));
    json_t *actual = json_null();
    if (s->has_actual)
        actual = cj_pack(
            "{s:i,s:s,s:o,s:s,s:o,s:o,s:o,s:o,s:o,s:b,s:b,s:b}", "year",
            s->actual.year, "definition", s->actual.definition, "pct",
            jnum(s->actual.pct), "basis", s->actual.basis, "milex_usd",
            jnum(s->actual.milex_usd), "gdp_usd", jnum(s->actual.gdp_usd),
            "published", jobs(s->actual.published), "milex",
            jobs(s->actual.milex), "gdp", jobs(s->actual.gdp),
            "milex_derived", s->actual.milex_derived, "gdp_derived",
            s->actual.gdp_derived, "stale", s->actual_stale);
    json_t *root = cj_pack(
        "{s:s,s:s,s:{s:s,s:s,s:s},s:i,s:s,s:{s:o,s:o},s:{s:o,s:s,s:o},"
        "s:o,s:o,s:o,s:{s:o,s:o},s:o,s:o,s:o}",
        "defspend_version", DS_VERSION_STRING, "data_dir", data_dir,
        "country", "iso3", s->iso3, "name", s->name, "currency", s->lcu,
        "year", s->year, "price_basis", "current", "gdp", "usd",
        jobs(s->gdp_usd), "lcu",
        jobs(s->gdp_lcu && s->gdp_lcu != s->gdp_usd ? s->gdp_lcu : NULL),
        "exchange_rate", "lcu_per_usd", jnum(s->gdp_lcu_per_usd), "basis",
        "GDP in local currency / GDP in US$", "official", jobs(s->fx_official),
        "population", jobs(s->population), "actual_share_pct",
        jobs(s->actual_pct), "latest_share_pct", jobs(s->latest_pct),
        "derived_share", "pct", jnum(s->derived_pct), "milex_usd",
        jobs(isfinite(s->derived_pct) ? s->milex_usd : NULL),
        "baseline", base, "scenarios", rows, "actual_share", actual);
    return cj_dump(f, root, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
}

/* ------------------------------------------------------------ command */

int
cmd_scenarios(int argc, char **argv)
{
    static const struct option opts[] = {
        {"country", required_argument, NULL, 'c'},
        {"year", required_argument, NULL, 'y'},
        {"targets", required_argument, NULL, 't'},
        {"baseline", required_argument, NULL, 'b'},
        {"source", required_argument, NULL, 's'},
        {"currency", required_argument, NULL, 'u'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"data", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_common common = {NULL, NULL, FMT_TABLE};
    const char *country = "JPN", *baseline = NULL, *source = NULL;
    long year = 0;
    double targets[MAX_TARGETS] = {1, 3, 3.5, 5};
    size_t ntargets = 4;
    cur_mode cm = CUR_BOTH;
    ds_error err;
    ds_error_clear(&err);
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (c) {
        case 'c': country = optarg; break;
        case 'y': {
            char *end;
            year = strtol(optarg, &end, 10);
            if (*end || end == optarg || year < 1000 || year > 3000) {
                cli_error("invalid year '%s' (expected e.g. 2024)", optarg);
                return EXIT_USAGE;
            }
            break;
        }
        case 't':
            if (ds_targets_parse(optarg, targets, MAX_TARGETS, &ntargets,
                                 &err) != DS_OK) {
                cli_error("--targets: %s", err.message);
                return EXIT_USAGE;
            }
            break;
        case 'b': baseline = optarg; break;
        case 's': source = optarg; break;
        case 'u':
            if (strcmp(optarg, "USD") == 0 || strcmp(optarg, "usd") == 0) cm = CUR_USD;
            else if (strcmp(optarg, "LCU") == 0 || strcmp(optarg, "lcu") == 0) cm = CUR_LCU;
            else if (strcmp(optarg, "both") == 0) cm = CUR_BOTH;
            else {
                cli_error("invalid currency '%s' (expected USD, LCU or both)",
                          optarg);
                return EXIT_USAGE;
            }
            break;
        case 'f':
            if (!cli_parse_format(optarg, &common.format)) {
                cli_error("invalid format '%s' (expected table, csv, json or "
                          "md)", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'o': common.output = optarg; break;
        case 'd': common.data_dir = optarg; break;
        case 'h': help(stdout); return EXIT_OK;
        default:
            return cli_option_error(c, argv, "scenarios", opts);
        }
    }
    if (optind < argc) {
        cli_error("unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }

    ds_scenario_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.year = (int)year;
    spec.targets_pct = targets;
    spec.n_targets = ntargets;
    ds_baseline_choice bc;
    if (!cli_parse_baseline(baseline, &bc))
        return EXIT_USAGE;
    ds_scenario_spec_set_baseline(&spec, &bc);
    spec.source = source;

    int rc;
    ds_store *store = cli_open_store(&common, &rc);
    if (!store)
        return rc;
    const ds_countries *cs = ds_store_countries(store);
    char iso3[17];
    if (cs) {
        const ds_country *ct;
        if (ds_countries_lookup(cs, country, &ct, &err) != DS_OK) {
            rc = cli_report(&err);
            ds_store_free(store);
            return rc;
        }
        snprintf(iso3, sizeof iso3, "%s", ct->iso3);
    } else {
        snprintf(iso3, sizeof iso3, "%s", country);
        for (char *p = iso3; *p; p++)
            if (*p >= 'a' && *p <= 'z')
                *p = (char)(*p - 'a' + 'A');
    }
    spec.country = iso3;

    ds_scenario *s = NULL;
    if (ds_scenario_run(store, &spec, &s, &err) != DS_OK) {
        rc = cli_report(&err);
        ds_store_free(store);
        return rc;
    }
    if (cm == CUR_LCU && (!s->gdp_lcu || s->gdp_lcu == s->gdp_usd) &&
        (common.format == FMT_TABLE || common.format == FMT_MD)) {
        if (s->gdp_lcu)
            cli_error("--currency LCU: %s's local currency is the US dollar; "
                      "use --currency USD", s->iso3);
        else
            cli_error("--currency LCU: no GDP in local currency for %s in %d "
                      "in the store (use --currency USD)", s->iso3, s->year);
        ds_scenario_free(s);
        ds_store_free(store);
        return EXIT_DATA;
    }
    cli_out out;
    if (!cli_out_open(&out)) {
        cli_error("out of memory");
        ds_scenario_free(s);
        ds_store_free(store);
        return EXIT_IO;
    }
    switch (common.format) {
    case FMT_TABLE:
        heading(out.f, s, 0);
        table(out.f, s, cm, 0);
        break;
    case FMT_MD:
        heading(out.f, s, 1);
        table(out.f, s, cm, 1);
        break;
    case FMT_CSV:
        csv(out.f, s);
        break;
    case FMT_JSON:
        if (!json_out(out.f, s, cli_data_dir(&common))) {
            rc = cj_report();
            if (rc == EXIT_OK) {
                cli_error("cannot build JSON output");
                rc = EXIT_IO;
            }
            cli_out_discard(&out);
            ds_scenario_free(s);
            ds_store_free(store);
            return rc;
        }
        break;
    }
    rc = cli_out_finish(&out, &common);
    ds_scenario_free(s);
    ds_store_free(store);
    return rc;
}
