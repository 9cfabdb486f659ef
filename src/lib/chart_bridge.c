/* chart_bridge.c - the definition bridge chart: a waterfall from the
 * narrowest budget figure to the government's security-related total, in
 * local currency, each bar labelled with its amount and its shares of
 * calendar-year GDP and of the target's base GDP; the other publishers'
 * figures beside it (their own shares of GDP).  A step without a sourced
 * figure has no bar and says "n/a"; the levels after it are not drawn.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_internal.h"
#include "defspend/bridge.h"
#include "defspend/select.h"

/* Short x labels, by step code. */
static const char *
short_label(const ds_bridge_step *s, char *b, size_t n)
{
    static const struct {
        const char *code, *label;
    } L[] = {{"mod_excl_saco", "MoD excl."},
             {"saco_realignment", "+SACO etc."},
             {"mod_budget", "=MoD"},
             {"mod_supplementary", "+MoD suppl."},
             {"other_initial", "+others"},
             {"other_supplementary", "+others suppl."},
             {"security_related_total", "=total"},
             {"security_related_initial", "memo: initial"}};
    for (size_t i = 0; i < sizeof L / sizeof *L; i++)
        if (strcmp(L[i].code, s->code) == 0) {
            snprintf(b, n, "%s", L[i].label);
            return b;
        }
    snprintf(b, n, "%s %d", ds_definition_short(s->definition), s->year);
    return b;
}

static char *
pct2(double v, char *b, size_t n)
{
    char t[64];
    if (!isfinite(v))
        snprintf(b, n, "n/a");
    else
        snprintf(b, n, "%s%%", ds_format_fixed(v, 2, t, sizeof t));
    return b;
}

ds_status
ds_chart_bridge(ds_plot *p, const ds_bridge *b, ds_error *err)
{
    const char *cols[] = {"position", "level_lo", "level_hi", "add_lo",
                          "add_hi",   "memo_lo",  "memo_hi",  "other_lo",
                          "other_hi", "pct_gdp",  "pct_gdp_base"};
    TRY(ds_plot_set_columns(p, cols, 11, err));
    double maxv = 0;
    for (size_t i = 0; i < b->n_steps; i++) {
        const ds_bridge_step *s = &b->steps[i];
        double v = s->kind == DS_BRIDGE_ADD ? s->level_lcu : s->lcu;
        if (isfinite(v) && v > maxv)
            maxv = v;
    }
    const char *word;
    double div = chart_unit_for(maxv, &word);
    chart_srcs src = {""};
    double prev = NAN, pos = 0;
    int any_other = 0;
    char beside[400] = "";
    for (size_t i = 0; i < b->n_steps; i++) {
        const ds_bridge_step *s = &b->steps[i];
        /* another publisher without a figure for the year: in the table's
         * notes, not a bar */
        if (s->kind == DS_BRIDGE_OTHER) {
            if (isfinite(s->pct_gdp)) {
                char g[32], one[128];
                snprintf(one, sizeof one, "%s%s %d: %s of GDP",
                         beside[0] ? "; " : "",
                         ds_definition_short(s->definition), s->year,
                         pct2(s->pct_gdp, g, sizeof g));
                strncat(beside, one, sizeof beside - strlen(beside) - 1);
                chart_src_add(&src, NULL, s->obs);
            }
            if (!isfinite(s->lcu))
                continue;
        }
        double row[11];
        for (size_t k = 0; k < 11; k++)
            row[k] = NAN;
        row[0] = pos;
        row[9] = s->pct_gdp;
        row[10] = s->pct_gdp_base;
        double top = NAN;
        switch (s->kind) {
        case DS_BRIDGE_START:
        case DS_BRIDGE_SUBTOTAL:
        case DS_BRIDGE_TOTAL:
            if (isfinite(s->lcu)) {
                row[1] = 0;
                row[2] = top = s->lcu / div;
            }
            break;
        case DS_BRIDGE_ADD:
            if (isfinite(s->lcu) && isfinite(prev)) {
                row[3] = prev / div;
                row[4] = top = s->level_lcu / div;
            }
            break;
        case DS_BRIDGE_MEMO:
            if (isfinite(s->lcu)) {
                row[5] = 0;
                row[6] = top = s->lcu / div;
            }
            break;
        case DS_BRIDGE_OTHER:
            any_other = 1;
            if (isfinite(s->lcu)) {
                row[7] = 0;
                row[8] = top = s->lcu / div;
            }
            break;
        }
        if (s->kind != DS_BRIDGE_MEMO && s->kind != DS_BRIDGE_OTHER)
            prev = s->level_lcu;
        TRY(ds_plot_add_row(p, row, s->code, err));
        char lab[64], a[64], g1[32], g2[32], note[160];
        TRY(ds_plot_add_tic(p, 'x', pos, short_label(s, lab, sizeof lab),
                            err));
        if (s->kind == DS_BRIDGE_OTHER) {
            snprintf(note, sizeof note, "%s of GDP", pct2(s->pct_gdp, g1,
                                                          sizeof g1));
        } else {
            ds_format_money(s->lcu, b->lcu, a, sizeof a);
            /* "≈": the source gives an approximate figure */
            snprintf(note, sizeof note, "%s%s%s",
                     (s->flags & DS_FLAG_APPROXIMATE) ? "≈" : "",
                     s->kind == DS_BRIDGE_ADD && isfinite(s->lcu) ? "+" : "",
                     a);
        }
        double ny = isfinite(top) ? top : 0;
        TRY(ds_plot_add_note(p, pos, ny + maxv / div * 0.055, 1, note, err));
        if (s->kind != DS_BRIDGE_OTHER && isfinite(s->lcu)) {
            snprintf(note, sizeof note, "%s | %s", pct2(s->pct_gdp, g1,
                                                        sizeof g1),
                     pct2(s->pct_gdp_base, g2, sizeof g2));
            TRY(ds_plot_add_note(p, pos, ny, 1, note, err));
        }
        chart_src_add(&src, NULL, s->obs);
        chart_src_add(&src, NULL, s->minus);
        pos += 1;
    }
    chart_src_add(&src, "GDP", b->gdp);
    chart_src_add(&src, "base GDP", b->gdp_base);
    /* columns: level, step, memo and other publishers, each from-to */
    static const struct {
        size_t y;
        int color;
        const char *title;
    } bars[] = {{1, 1, "level (a stored total)"},
                {3, 3, "step added"},
                {5, 6, "memo: initial budget only"},
                {7, 2, "other publishers, calendar year"}};
    for (size_t k = 0; k < (any_other ? 4u : 3u); k++)
        TRY(chart_bars(p, DS_PLOT_FLOATBARS, 0, bars[k].y, bars[k].y + 1,
                       bars[k].color, 0.62, bars[k].title, err));
    TRY(ds_plot_set_axis(p, 'x', -0.6, pos - 0.4, NULL, err));
    TRY(ds_plot_set_axis(p, 'y', 0, maxv / div * 1.2, NULL, err));
    char t[512], gy[32], by[32];
    snprintf(t, sizeof t, "FY%d: what counts as defense spending, from the "
             "MoD budget to the government's security-related total",
             b->fiscal_year);
    TRY(chart_title(p, b->name, b->iso3, t, err));
    if (b->gdp)
        snprintf(gy, sizeof gy, "%d GDP", b->gdp->year);
    else
        snprintf(gy, sizeof gy, "%d GDP (n/a)", b->fiscal_year);
    if (b->gdp_base)
        snprintf(by, sizeof by, "FY%d GDP", b->gdp_base->year);
    else
        snprintf(by, sizeof by, "base GDP (n/a)");
    snprintf(t, sizeof t,
             "labels: amount (≈ approximate); %% of %s | %% of %s (the 2%% "
             "target's base); "
             "beside it: %s",
             gy, by, beside[0] ? beside : "no other publisher's figure");
    TRY(ds_plot_set_text(p, DS_PLOT_XLABEL, t, err));
    snprintf(t, sizeof t, "current %s %s, FY%d budgets", chart_cur_name(b->lcu),
             word, b->fiscal_year);
    TRY(ds_plot_set_text(p, DS_PLOT_YLABEL, t, err));
    return chart_src_set(p, &src, err);
}

ds_status
ds__chart_build_bridge(ds_plot *p, const ds_store *st,
                       const ds_chart_spec *spec, ds_error *err)
{
    ds_bridge *b = NULL;
    ds_status s = ds_bridge_run(st, spec->country ? spec->country : "JPN",
                                spec->year, &b, err);
    if (s == DS_OK)
        s = ds_chart_bridge(p, b, err);
    ds_bridge_free(b);
    return s;
}
