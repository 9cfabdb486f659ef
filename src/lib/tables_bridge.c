/* tables_bridge.c - the definition bridge (bridge.h) and NATO's 2035
 * targets (nato2035.h) as tables, for every output format and the report.
 *
 * Promises: every amount cited (source, definition, vintage); missing is a
 * missing cell (n/a, empty, null), never 0.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "defspend/bridge.h"
#include "defspend/format.h"
#include "defspend/select.h"
#include "internal.h"
#include "table_internal.h"

/* ---- the table ---- */

enum {
    BR_OP, BR_STEP, BR_CODE, BR_KIND, BR_YEAR, BR_LCU, BR_LEVEL, BR_PCT, BR_PCT_BASE,
    BR_FLAGS, BR_BASIS, BR_SOURCE, BR_VINTAGE, BR_MINUS_SOURCE, BR_N
};

static const char *const KIND_NAMES[] = {"start", "add", "subtotal", "total",
                                         "memo", "other definition"};

/* The table's citations as numbered foot notes ("[1] ..."), then
 * ds__table_finish. */
static ds_status
finish_cited(ds_table *t, ds_table **out, ds_error *err)
{
    const ds_cite *cl = ds_table_citations(t);
    for (size_t i = 0; i < ds_cite_count(cl); i++) {
        char *c = ds_cite_text(ds_cite_get(cl, i));
        if (c)
            ds_table_note(t, DS_NOTE_FOOT, "[%zu] %s", i + 1, c);
        free(c);
    }
    return ds__table_finish(t, out, err);
}

ds_status
ds_bridge_table(const ds_bridge *b, ds_table **out, ds_error *err)
{
    ds_table *t = ds_table_alloc();
    if (!t)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    ds_table_set_trim(t, 1);
    char gl[64], bl[64], lv[64], fy[32];
    int gy = b->gdp ? b->gdp->year : b->fiscal_year;
    int by = b->gdp_base ? b->gdp_base->year : 0;
    ds__snprintf_c(gl, sizeof gl, "%% of %d GDP", gy);
    if (by)
        ds__snprintf_c(bl, sizeof bl, "%% of FY%d GDP", by);
    else
        ds__snprintf_c(bl, sizeof bl, "%% of target's base GDP");
    ds__snprintf_c(lv, sizeof lv, "level %s", b->lcu);
    ds__snprintf_c(fy, sizeof fy, "amount %s", b->lcu);
    const unsigned D = DS_COL_SHOW_DATA;
    const ds_column cols[BR_N] = {
        {"op", "", NULL, DS_COL_TEXT, -1, 0, 0, 0, DS_COL_SHOW_TEXT, ""},
        {"step", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, 0, NULL},
        {"code", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"kind", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"year", NULL, NULL, DS_COL_YEAR, -1, 1, 0, 0, D, NULL},
        {"amount_lcu", fy, b->lcu, DS_COL_MONEY, -1, 1, 0, 0, 0, NULL},
        {"level_lcu", lv, b->lcu, DS_COL_MONEY, -1, 1, 0, 0, 0, NULL},
        {"pct_gdp", gl, NULL, DS_COL_SHARE_PCT, 2, 1, 0, 0, 0, NULL},
        {"pct_gdp_base", bl, NULL, DS_COL_SHARE_PCT, 2, 1, 0, 0, 0, NULL},
        {"flags", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, 0, "-"},
        {"basis", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"source", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"vintage", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"second_source", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
    };
    for (size_t k = 0; k < BR_N; k++)
        ds_table_add_column(t, &cols[k]);
    ds_table_title(t, "%s, FY%d: what counts as defense spending, current %-s",
                   b->name, b->fiscal_year, b->lcu);
    char m[64];
    if (b->gdp)
        ds_table_note(t, DS_NOTE_HEAD,
                      "%d GDP (calendar year): %s (%s, vintage %s)", gy,
                      ds_format_money(b->gdp->value, b->gdp->currency, m,
                                      sizeof m),
                      b->gdp->source, b->gdp->vintage);
    else
        ds_table_note(t, DS_NOTE_HEAD,
                      "%d GDP (calendar year): n/a, not in the store", gy);
    if (b->gdp_base)
        ds_table_note(t, DS_NOTE_HEAD,
                      "FY%d GDP, the base of the government's own target "
                      "share: %s (%s, vintage %s)",
                      by,
                      ds_format_money(b->gdp_base->value,
                                      b->gdp_base->currency, m, sizeof m),
                      b->gdp_base->source, b->gdp_base->vintage);
    else
        ds_table_note(t, DS_NOTE_HEAD,
                      "the government's target base GDP: n/a, not in the "
                      "store");
    for (size_t i = 0; i < b->n_steps; i++) {
        const ds_bridge_step *s = &b->steps[i];
        ds_table_add_row(t);
        if (s->kind == DS_BRIDGE_ADD)
            ds_table_set_text(t, BR_OP, "+");
        else if (s->kind == DS_BRIDGE_SUBTOTAL || s->kind == DS_BRIDGE_TOTAL)
            ds_table_set_text(t, BR_OP, "=");
        ds_table_set_text(t, BR_STEP, s->label);
        ds_table_set_text(t, BR_CODE, s->code);
        ds_table_set_text(t, BR_KIND, KIND_NAMES[s->kind]);
        ds_table_set_int(t, BR_YEAR, s->year);
        ds_table_set_num(t, BR_LCU, s->lcu);
        if (s->kind != DS_BRIDGE_OTHER)
            ds_table_set_num(t, BR_LEVEL, s->level_lcu);
        ds_table_set_num(t, BR_PCT, s->pct_gdp);
        ds_table_set_num(t, BR_PCT_BASE, s->pct_gdp_base);
        char fl[128];
        ds_flags_format(s->flags, fl, sizeof fl);
        if (fl[0])
            ds_table_set_text(t, BR_FLAGS, fl);
        ds_table_set_text(t, BR_BASIS, s->basis);
        if (s->obs) {
            ds_table_set_cite(t, BR_LCU, s->obs);
            ds_table_set_text(t, BR_SOURCE, s->obs->source);
            ds_table_set_text(t, BR_VINTAGE, s->obs->vintage);
        }
        if (s->minus)
            ds_table_set_text(t, BR_MINUS_SOURCE, s->minus->source);
    }
    ds_table_note(t, DS_NOTE_FOOT,
                  "Each amount is a stored figure or, flagged derived, "
                  "the difference (or sum) of two; n/a: no sourced figure, "
                  "and every level after it is n/a. Budgets are initial "
                  "budgets of the fiscal year from %s unless the step says "
                  "supplementary.",
                  b->fy_start_month == 4 ? "April" : "its start month");
    ds_table_note(t, DS_NOTE_FOOT,
                  "SIPRI, NATO and the World Bank: their own share of their "
                  "own calendar-year GDP, beside the bridge, not part of it.");
    for (size_t i = 0; i < b->n_steps; i++) {
        const ds_bridge_step *s = &b->steps[i];
        ds_table_note(t, DS_NOTE_FOOT, "%s: %s", s->label, s->basis);
    }
    return finish_cited(t, out, err);
}

/* ---- NATO 2035 ---- */

#include "defspend/nato2035.h"

enum {
    NT_PART, NT_CODE, NT_TARGET_PCT, NT_TARGET_LCU, NT_TARGET_USD,
    NT_CUR_PCT, NT_CUR_LCU, NT_CUR_USD, NT_GAP_PCT, NT_GAP_LCU, NT_GAP_USD,
    NT_DEF, NT_YEAR, NT_FLAGS, NT_BASIS, NT_SOURCE, NT_VINTAGE, NT_CUR,
    NT_GDP_YEAR, NT_GDP_USD, NT_GDP_LCU, NT_RATE, NT_GDP_USD_SRC,
    NT_GDP_LCU_SRC, NT_N
};

ds_status
ds_nato2035_table(const ds_nato2035 *n, ds_table **out, ds_error *err)
{
    ds_table *t = ds_table_alloc();
    if (!t)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    ds_table_set_trim(t, 1);
    const unsigned D = DS_COL_SHOW_DATA;
    const char *L = n->lcu[0] ? n->lcu : NULL;
    char tl[32], cl[32], gl[32];
    ds__snprintf_c(tl, sizeof tl, "target %s", n->lcu);
    ds__snprintf_c(cl, sizeof cl, "current %s", n->lcu);
    ds__snprintf_c(gl, sizeof gl, "gap %s", n->lcu);
    unsigned show_l = L ? 0 : DS_COL_HIDDEN;
    const ds_column cols[NT_N] = {
        {"category", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, 0, NULL},
        {"code", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"target_pct", "target", NULL, DS_COL_SHARE_PCT, 2, 1, 0, 0, 0, NULL},
        {"target_lcu", tl, L, DS_COL_MONEY, -1, 1, 0, 0, show_l, NULL},
        {"target_usd", "target US$", "USD", DS_COL_MONEY, -1, 1, 0, 0, 0,
         NULL},
        {"current_pct", "current", NULL, DS_COL_SHARE_PCT, 2, 1, 0, 0, 0,
         NULL},
        {"current_lcu", cl, L, DS_COL_MONEY, -1, 1, 0, 0, show_l, NULL},
        {"current_usd", "current US$", "USD", DS_COL_MONEY, -1, 1, 0, 0, 0,
         NULL},
        {"gap_pct", "gap, points", NULL, DS_COL_SHARE_PCT, 2, 1, 0, 0, 0,
         NULL},
        {"gap_lcu", gl, L, DS_COL_MONEY, -1, 1, 0, 0, show_l, NULL},
        {"gap_usd", "gap US$", "USD", DS_COL_MONEY, -1, 1, 0, 0, 0, NULL},
        {"definition", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, 0, "-"},
        {"year", NULL, NULL, DS_COL_YEAR, -1, 1, 0, 0, 0, "-"},
        {"flags", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"basis", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"source", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"vintage", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"currency", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"gdp_year", NULL, NULL, DS_COL_YEAR, -1, 0, 0, 0, D, NULL},
        {"gdp_usd", NULL, "USD", DS_COL_MONEY, -1, 0, 0, 0, D, NULL},
        {"gdp_lcu", NULL, L, DS_COL_MONEY, -1, 0, 0, 0, D, NULL},
        {"lcu_per_usd", NULL, L, DS_COL_RATE, -1, 0, 0, 0, D, NULL},
        {"gdp_usd_source", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"gdp_lcu_source", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
    };
    for (size_t k = 0; k < NT_N; k++)
        ds_table_add_column(t, &cols[k]);
    char m1[64], m2[64], rt[64];
    ds_table_title(t,
                   "%s: NATO's 2035 target (The Hague, June 2025), 3.5%% "
                   "core + 1.5%% related, shares of %d GDP",
                   n->name, n->year);
    ds_table_note(t, DS_NOTE_HEAD, "%d GDP: %s (%s, vintage %s)", n->year,
                  ds_format_money(n->gdp_usd->value, "USD", m1, sizeof m1),
                  n->gdp_usd->source, n->gdp_usd->vintage);
    if (n->gdp_lcu)
        ds_table_note(t, DS_NOTE_HEAD, "%d GDP: %s (%s, vintage %s)",
                      n->year,
                      ds_format_money(n->gdp_lcu->value, n->gdp_lcu->currency,
                                      m2, sizeof m2),
                      n->gdp_lcu->source, n->gdp_lcu->vintage);
    else
        ds_table_note(t, DS_NOTE_HEAD,
                      "%d GDP in local currency: n/a, not in the store (local "
                      "currency figures n/a)",
                      n->year);
    if (isfinite(n->lcu_per_usd)) {
        const char *sym = ds_currency_symbol(n->lcu);
        char v[64];
        ds_format_fixed(n->lcu_per_usd, sym && strcmp(sym, "$") ? 2 : 4, v,
                        sizeof v);
        if (sym && strcmp(sym, "$") != 0 && !strchr(sym, ' '))
            ds__snprintf_c(rt, sizeof rt, "%s%s/$", sym, v);
        else
            ds__snprintf_c(rt, sizeof rt, "%s %s per US$", v, n->lcu);
        ds_table_note(t, DS_NOTE_HEAD,
                      "Exchange rate for every US$ figure: %s = %d GDP in "
                      "%-s / GDP in US$ (the two GDP figures above)",
                      rt, n->year, n->lcu);
    }
    const ds_nato2035_part *parts[3] = {&n->core, &n->related, &n->total};
    for (size_t i = 0; i < 3; i++) {
        const ds_nato2035_part *p = parts[i];
        ds_table_add_row(t);
        ds_table_set_text(t, NT_PART, p->label);
        ds_table_set_text(t, NT_CODE, p->code);
        ds_table_set_num(t, NT_TARGET_PCT, p->target_pct);
        ds_table_set_num(t, NT_TARGET_LCU, p->target_lcu);
        ds_table_set_num(t, NT_TARGET_USD, p->target_usd);
        ds_table_set_num(t, NT_CUR_PCT, p->current_pct);
        ds_table_set_num(t, NT_CUR_LCU, p->current_lcu);
        ds_table_set_num(t, NT_CUR_USD, p->current_usd);
        ds_table_set_num(t, NT_GAP_PCT, p->gap_pct);
        ds_table_set_num(t, NT_GAP_LCU, p->gap_lcu);
        ds_table_set_num(t, NT_GAP_USD, p->gap_usd);
        if (p->definition[0])
            ds_table_set_text(t, NT_DEF, ds_definition_short(p->definition));
        if (p->year)
            ds_table_set_int(t, NT_YEAR, p->year);
        char fl[128];
        ds_flags_format(p->flags, fl, sizeof fl);
        ds_table_set_text(t, NT_FLAGS, fl);
        ds_table_set_text(t, NT_BASIS, p->basis);
        if (p->obs) {
            ds_table_set_cite(t, NT_CUR_PCT, p->obs);
            ds_table_set_text(t, NT_SOURCE, p->obs->source);
            ds_table_set_text(t, NT_VINTAGE, p->obs->vintage);
        }
        /* the GDP and the one exchange rate behind every amount */
        if (L)
            ds_table_set_text(t, NT_CUR, L);
        ds_table_set_int(t, NT_GDP_YEAR, n->year);
        ds_table_set_num(t, NT_GDP_USD, n->gdp_usd->value);
        ds_table_set_cite(t, NT_GDP_USD, n->gdp_usd);
        char src[512];
        ds__snprintf_c(src, sizeof src, "%s (vintage %s)", n->gdp_usd->source,
                       n->gdp_usd->vintage);
        ds_table_set_text(t, NT_GDP_USD_SRC, src);
        if (n->gdp_lcu) {
            ds_table_set_num(t, NT_GDP_LCU, n->gdp_lcu->value);
            ds_table_set_cite(t, NT_GDP_LCU, n->gdp_lcu);
            ds__snprintf_c(src, sizeof src, "%s (vintage %s)",
                           n->gdp_lcu->source, n->gdp_lcu->vintage);
            ds_table_set_text(t, NT_GDP_LCU_SRC, src);
        }
        ds_table_set_num(t, NT_RATE, n->lcu_per_usd);
    }
    for (size_t i = 0; i < 3; i++)
        ds_table_note(t, DS_NOTE_FOOT, "%s: %s", parts[i]->code,
                      parts[i]->basis);
    ds_table_note(t, DS_NOTE_FOOT,
                  "gap: the target minus the current figure, at %d GDP; n/a "
                  "where the store has no sourced current figure (never 0)",
                  n->year);
    return finish_cited(t, out, err);
}
