/* bridge.c - the definition bridge (defspend/bridge.h): from the narrowest
 * budget figure to the government's widest own total, step by step, with
 * the other publishers' shares beside it.
 *
 * Promises: every amount is a stored figure or the difference (or sum) of
 * two, said so in its flags and basis; a step whose figures the store
 * lacks is NaN and so is every level after it; shares of GDP take GDP in
 * the same currency and price basis (current local currency); forecasts
 * and plans (flag projection) never enter.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "defspend/bridge.h"
#include "defspend/format.h"
#include "defspend/select.h"
#include "internal.h"

#define DEF_EXCL "mod_budget_excl_saco"
#define DEF_MOD "mod_budget"
#define DEF_SR "jp_security_related"

/* The flags a figure passes on to what is computed from it. */
static unsigned
carried(const ds_obs *o)
{
    return o ? o->flags & (DS_FLAG_APPROXIMATE | DS_FLAG_DRAFT |
                           DS_FLAG_ESTIMATE | DS_FLAG_DERIVED)
             : 0;
}

/* The newest year (label year) of a non-projection observation of
 * (iso3, indicator, definition), and that observation; 0 when none. */
static int
latest(const ds_store *st, const char *iso3, const char *ind,
       const char *def, const ds_obs **out)
{
    int best = 0;
    ds_store_iter it;
    const ds_obs *o;
    ds_store_iter_init(&it, st, iso3, ind);
    while ((o = ds_store_iter_next(&it)) != NULL) {
        if (strcmp(o->definition, def) != 0 ||
            (o->flags & DS_FLAG_PROJECTION))
            continue;
        if (o->year > best) {
            best = o->year;
            if (out)
                *out = ds_select_actual(st, iso3, ind, o->year, o->currency,
                                        def, 0);
        }
    }
    return best;
}

static void
money(double v, const char *cur, char *b, size_t n)
{
    ds_format_money(v, cur, b, n);
}

static ds_bridge_step *
add_step(ds_bridge *b, ds_bridge_kind kind, const char *code,
         const char *label)
{
    assert(b->n_steps < DS_BRIDGE_MAX_STEPS);
    ds_bridge_step *s = &b->steps[b->n_steps++];
    memset(s, 0, sizeof *s);
    s->kind = kind;
    s->code = code;
    s->label = label;
    s->lcu = NAN;
    s->level_lcu = NAN;
    s->pct_gdp = NAN;
    s->pct_gdp_base = NAN;
    s->year = b->fiscal_year;
    return s;
}

/* A level or amount that is one stored figure (o may be NULL: missing,
 * what names it for the message). */
static void
set_obs(ds_bridge *b, ds_bridge_step *s, const ds_obs *o, const char *what)
{
    char m[64];
    if (!o) {
        snprintf(s->basis, sizeof s->basis,
                 "n/a: no %s for FY%d in the store", what, b->fiscal_year);
        return;
    }
    s->obs = o;
    s->lcu = o->value;
    s->flags = carried(o);
    money(o->value, o->currency, m, sizeof m);
    snprintf(s->basis, sizeof s->basis, "%s, %s", what, m);
}

/* An amount that is a - c (sign -1) or a + c (sign +1) of two stored
 * figures. */
static void
set_pair(ds_bridge *b, ds_bridge_step *s, const ds_obs *a, const char *wa,
         const ds_obs *c, const char *wc, int sign)
{
    char ma[64], mc[64];
    if (!a || !c) {
        snprintf(s->basis, sizeof s->basis,
                 "n/a: no %s for FY%d in the store", !a ? wa : wc,
                 b->fiscal_year);
        return;
    }
    s->obs = a;
    s->minus = c;
    s->lcu = a->value + sign * c->value;
    s->flags = carried(a) | carried(c) | DS_FLAG_DERIVED;
    money(a->value, a->currency, ma, sizeof ma);
    money(c->value, c->currency, mc, sizeof mc);
    snprintf(s->basis, sizeof s->basis, "%s %s %s %s %s", wa, ma,
             sign < 0 ? "minus" : "plus", wc, mc);
}

static void
other(ds_bridge *b, const ds_store *st, const char *def, const char *label)
{
    ds_bridge_step *s = add_step(b, DS_BRIDGE_OTHER, def, label);
    s->definition = def;
    s->year = b->fiscal_year;
    ds_share sh;
    if (ds_select_share(st, b->iso3, def, b->fiscal_year, &sh, NULL) !=
        DS_OK) {
        int ly = ds_select_share_latest_year(st, b->iso3, def, 0);
        if (ly)
            snprintf(s->basis, sizeof s->basis,
                     "n/a: no %s figure for %d in the store (latest %d)",
                     ds_definition_label(def), b->fiscal_year, ly);
        else
            snprintf(s->basis, sizeof s->basis,
                     "n/a: no %s figure for %s in the store",
                     ds_definition_label(def), b->iso3);
        return;
    }
    s->pct_gdp = sh.pct;
    s->obs = sh.published ? sh.published : sh.milex;
    s->minus = sh.published ? NULL : sh.gdp;
    s->flags = carried(s->obs);
    const ds_obs *m = ds_select_actual(st, b->iso3, DS_IND_MILEX,
                                       b->fiscal_year, b->lcu, def, 1);
    if (m) {
        s->lcu = m->value;
        s->flags |= carried(m);
    }
    snprintf(s->basis, sizeof s->basis,
             "%s, calendar year %d (its own GDP)", sh.basis, b->fiscal_year);
}

ds_status
ds_bridge_run(const ds_store *st, const char *iso3, int fy, ds_bridge **out,
              ds_error *err)
{
    assert(st && iso3 && out);
    const ds_obs *any = NULL;
    int last = latest(st, iso3, DS_IND_MILEX, DEF_SR, &any);
    int last_mod = latest(st, iso3, DS_IND_MILEX, DEF_MOD, NULL);
    if (!last && !last_mod)
        return ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                             "no definition bridge for %s: the store holds "
                             "no %s or %s figures for it",
                             iso3, ds_definition_label(DEF_MOD),
                             ds_definition_label(DEF_SR));
    if (!fy)
        fy = last ? last : last_mod;
    /* the budget figures are in local currency; a press conversion in
     * US$ of the same year is not one of them */
    const ds_countries *cs = ds_store_countries(st);
    const ds_country *ct = NULL;
    if (!cs || ds_countries_lookup(cs, iso3, &ct, NULL) != DS_OK)
        ct = NULL;
    const char *cur = ct && ct->currency[0] ? ct->currency : NULL;
    if (!cur && any)
        cur = any->currency;
    const ds_obs *mod =
        cur ? ds_select_actual(st, iso3, DS_IND_MILEX, fy, cur, DEF_MOD, 4)
            : NULL;
    const ds_obs *sr =
        cur ? ds_select_actual(st, iso3, DS_IND_MILEX, fy, cur, DEF_SR, 4)
            : NULL;
    if (!mod && !sr) {
        int first = 0;
        ds_store_iter it;
        const ds_obs *o;
        ds_store_iter_init(&it, st, iso3, DS_IND_MILEX);
        while ((o = ds_store_iter_next(&it)) != NULL) {
            if (strcmp(o->definition, DEF_MOD) == 0 &&
                (!first || o->year < first))
                first = o->year;
        }
        return ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                             "no definition bridge for %s in FY%d: the store "
                             "holds %s figures for FY%d-FY%d",
                             iso3, fy, ds_definition_label(DEF_MOD), first,
                             last_mod);
    }
    ds_bridge *b = calloc(1, sizeof *b);
    if (!b)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    snprintf(b->iso3, sizeof b->iso3, "%s", iso3);
    snprintf(b->lcu, sizeof b->lcu, "%s", cur);
    b->fiscal_year = fy;
    b->fy_start_month = (mod ? mod : sr)->fy_start_month;
    if (ct)
        b->name = ct->name;
    else
        b->name = b->iso3;
    b->gdp = ds_select_actual(st, iso3, DS_IND_GDP, fy, cur, NULL, 1);
    latest(st, iso3, DS_IND_GDP, DEF_SR, &b->gdp_base);

    const ds_obs *excl = ds_select_actual(st, iso3, DS_IND_MILEX, fy, cur,
                                          DEF_EXCL, 4);
    const ds_obs *mod_sup = ds_select_actual(st, iso3, "milex_supplementary",
                                             fy, cur, DEF_MOD, 4);
    const ds_obs *sr_sup = ds_select_actual(st, iso3, "milex_supplementary",
                                            fy, cur, DEF_SR, 4);

    ds_bridge_step *s;
    s = add_step(b, DS_BRIDGE_START, "mod_excl_saco",
                 "MoD budget excl. SACO/US realignment, initial");
    set_obs(b, s, excl, "MoD budget excl. SACO/US realignment");
    s = add_step(b, DS_BRIDGE_ADD, "saco_realignment",
                 "SACO and US force realignment");
    set_pair(b, s, mod, "MoD budget incl. SACO/realignment", excl,
             "excl. basis", -1);
    s = add_step(b, DS_BRIDGE_SUBTOTAL, "mod_budget",
                 "MoD budget (defense-related expenses), initial");
    set_obs(b, s, mod, "MoD budget incl. SACO/realignment");
    s = add_step(b, DS_BRIDGE_ADD, "mod_supplementary",
                 "MoD supplementary budget");
    set_obs(b, s, mod_sup, "MoD supplementary budget");
    s = add_step(b, DS_BRIDGE_ADD, "other_initial",
                 "other ministries' security-related items, initial");
    set_pair(b, s, sr, "security-related total, initial", mod,
             "MoD budget incl. SACO/realignment", -1);
    if (isfinite(s->lcu)) {
        size_t n = strlen(s->basis);
        snprintf(s->basis + n, sizeof s->basis - n,
                 " (Coast Guard, PKO, research, public infrastructure, "
                 "cyber)");
    }
    s = add_step(b, DS_BRIDGE_ADD, "other_supplementary",
                 "other ministries' security-related items, "
                 "supplementary");
    set_pair(b, s, sr_sup, "security-related supplementary budget", mod_sup,
             "MoD supplementary budget", -1);
    s = add_step(b, DS_BRIDGE_TOTAL, "security_related_total",
                 "government security-related total, initial + "
                 "supplementary");
    set_pair(b, s, sr, "security-related total, initial", sr_sup,
             "security-related supplementary budget", +1);
    s = add_step(b, DS_BRIDGE_MEMO, "security_related_initial",
                 "memo: security-related total, initial budget only");
    set_obs(b, s, sr, "security-related total, initial");

    /* levels: the chain's running total, missing from the first missing
     * step on; a stored level replaces the running one only when they
     * agree (they do by construction) */
    double level = NAN;
    int broken = 0;
    for (size_t i = 0; i < b->n_steps; i++) {
        ds_bridge_step *t = &b->steps[i];
        if (t->kind == DS_BRIDGE_START) {
            level = t->lcu;
            broken = !isfinite(level);
        } else if (t->kind == DS_BRIDGE_ADD) {
            broken |= !isfinite(t->lcu);
            level = broken ? NAN : level + t->lcu;
        } else if (t->kind == DS_BRIDGE_SUBTOTAL ||
                   t->kind == DS_BRIDGE_TOTAL) {
            /* a sourced level restarts a broken chain */
            if (isfinite(t->lcu)) {
                level = t->lcu;
                broken = 0;
            } else {
                broken = 1;
                level = NAN;
            }
        }
        if (t->kind == DS_BRIDGE_MEMO)
            t->level_lcu = t->lcu;
        else
            t->level_lcu = level;
        if (b->gdp && isfinite(t->lcu))
            t->pct_gdp = 100.0 * t->lcu / b->gdp->value;
        if (b->gdp_base && isfinite(t->lcu) &&
            strcmp(b->gdp_base->currency, b->lcu) == 0)
            t->pct_gdp_base = 100.0 * t->lcu / b->gdp_base->value;
    }

    other(b, st, "sipri", "SIPRI military expenditure");
    other(b, st, "nato", "NATO-definition defense expenditure");
    other(b, st, "wdi", "World Bank WDI military expenditure (SIPRI's "
                        "data)");
    *out = b;
    return DS_OK;
}

void
ds_bridge_free(ds_bridge *b)
{
    free(b);
}

const ds_bridge_step *
ds_bridge_find(const ds_bridge *b, const char *code)
{
    for (size_t i = 0; b && i < b->n_steps; i++)
        if (strcmp(b->steps[i].code, code) == 0)
            return &b->steps[i];
    return NULL;
}
