/* nato2035.c - NATO's 2035 target (defspend/nato2035.h): 3.5% core and
 * 1.5% related, each against the current figure of its category.
 *
 * Promises: GDP, the core share and the exchange rate come from
 * ds_scenario_run (one definition per ratio, actuals only); every US$
 * figure is the local one at the one rate gdp_lcu / gdp_usd; a category
 * without a sourced current figure has a missing current figure and gap,
 * never 0.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "defspend/bridge.h"
#include "defspend/format.h"
#include "defspend/nato2035.h"
#include "defspend/scenario.h"
#include "defspend/select.h"
#include "internal.h"

static void
part_init(ds_nato2035_part *p, const char *code, const char *label,
          double pct)
{
    memset(p, 0, sizeof *p);
    p->code = code;
    p->label = label;
    p->target_pct = pct;
    p->target_lcu = p->target_usd = NAN;
    p->current_pct = p->current_lcu = p->current_usd = NAN;
    p->gap_pct = p->gap_lcu = p->gap_usd = NAN;
    p->definition = "";
}

/* Fill the target, the current amounts from current_pct or current_lcu
 * and the gap, at GDP g (local, US$) and rate r. */
static void
part_finish(ds_nato2035_part *p, double gdp_lcu, double gdp_usd, double r)
{
    p->target_usd = p->target_pct / 100.0 * gdp_usd;
    p->target_lcu = p->target_pct / 100.0 * gdp_lcu;
    if (isfinite(p->current_lcu) && !isfinite(p->current_pct) &&
        isfinite(gdp_lcu))
        p->current_pct = 100.0 * p->current_lcu / gdp_lcu;
    if (isfinite(p->current_pct) && !isfinite(p->current_lcu))
        p->current_lcu = p->current_pct / 100.0 * gdp_lcu;
    if (isfinite(p->current_lcu) && isfinite(r))
        p->current_usd = p->current_lcu / r;
    else if (isfinite(p->current_pct))
        p->current_usd = p->current_pct / 100.0 * gdp_usd;
    if (isfinite(p->current_pct)) {
        p->gap_pct = p->target_pct - p->current_pct;
        p->gap_lcu = p->target_lcu - p->current_lcu;
        p->gap_usd = p->target_usd - p->current_usd;
    }
}

ds_status
ds_nato2035_run(const ds_store *st, const char *iso3, int year,
                const char *source, ds_nato2035 **out, ds_error *err)
{
    assert(st && iso3 && out);
    static const double targets[] = {DS_NATO2035_CORE_PCT,
                                     DS_NATO2035_RELATED_PCT};
    ds_scenario_spec ss;
    ds_scenario_spec_init(&ss);
    ss.country = iso3;
    ss.year = year;
    ss.targets_pct = targets;
    ss.n_targets = 2;
    ss.baseline_kind = DS_BASELINE_NONE;
    ss.source = source;
    ds_scenario *s = NULL;
    ds_status rc = ds_scenario_run(st, &ss, &s, err);
    if (rc != DS_OK)
        return rc;
    ds_nato2035 *n = calloc(1, sizeof *n);
    if (!n) {
        ds_scenario_free(s);
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    }
    snprintf(n->iso3, sizeof n->iso3, "%s", s->iso3);
    n->name = s->name;
    snprintf(n->lcu, sizeof n->lcu, "%s", s->lcu ? s->lcu : "");
    n->year = s->year;
    n->gdp_usd = s->gdp_usd;
    n->gdp_lcu = s->gdp_lcu && s->gdp_lcu != s->gdp_usd ? s->gdp_lcu : NULL;
    n->lcu_per_usd = n->gdp_lcu ? s->gdp_lcu_per_usd : NAN;
    double gl = n->gdp_lcu ? n->gdp_lcu->value : NAN;
    double gu = n->gdp_usd->value;
    double r = n->lcu_per_usd;

    /* core: the chosen definition's share of GDP */
    ds_nato2035_part *c = &n->core;
    part_init(c, "core", "core defense (NATO 2035: 3.5% of GDP)",
              DS_NATO2035_CORE_PCT);
    if (s->has_actual) {
        c->definition = s->actual.definition;
        c->year = s->actual.year;
        c->current_pct = s->actual.pct;
        c->obs = s->actual.published ? s->actual.published : s->actual.milex;
        c->flags = c->obs ? c->obs->flags : 0;
        if (s->actual.year != s->year) {
            snprintf(c->basis, sizeof c->basis,
                     "%s, %d (the latest; as a share of %d GDP)",
                     s->actual.basis, s->actual.year, s->year);
            c->flags |= DS_FLAG_DERIVED;
        } else {
            snprintf(c->basis, sizeof c->basis,
                     "%s, %d; amounts: the share x %d GDP", s->actual.basis,
                     s->actual.year, s->year);
        }
        /* the amounts are the share times GDP */
        c->flags |= DS_FLAG_DERIVED;
    } else {
        snprintf(c->basis, sizeof c->basis,
                 "n/a: no military expenditure share of GDP for %s%s%s in "
                 "the store",
                 n->iso3, source ? " by " : "",
                 source ? ds_definition_label(source) : "");
    }
    part_finish(c, gl, gu, r);

    /* related: Japan's security-related items beyond the MoD budget */
    ds_nato2035_part *rel = &n->related;
    part_init(rel, "related",
              "defense- and security-related (NATO 2035: 1.5% of GDP)",
              DS_NATO2035_RELATED_PCT);
    ds_bridge *b = NULL;
    ds_error berr;
    if (ds_bridge_run(st, n->iso3, n->year, &b, &berr) == DS_OK) {
        const ds_bridge_step *oi = ds_bridge_find(b, "other_initial");
        const ds_bridge_step *os = ds_bridge_find(b, "other_supplementary");
        if (oi && isfinite(oi->lcu) && strcmp(b->lcu, n->lcu) == 0) {
            char m[64];
            rel->current_lcu = oi->lcu;
            rel->obs = oi->obs;
            rel->flags = oi->flags;
            rel->definition = "jp_security_related";
            rel->year = b->fiscal_year;
            int sup = os && isfinite(os->lcu);
            if (sup) {
                rel->current_lcu += os->lcu;
                rel->flags |= os->flags;
            }
            snprintf(rel->basis, sizeof rel->basis,
                     "FY%d security-related items beyond the MoD budget "
                     "(Coast Guard, PKO, research, public infrastructure, "
                     "cyber; definition bridge): %s, %s; as a share of "
                     "calendar-%d GDP",
                     b->fiscal_year,
                     ds_format_money(rel->current_lcu, b->lcu, m, sizeof m),
                     sup ? "initial + supplementary budget"
                         : "initial budget only (no security-related "
                           "supplementary budget in the store)",
                     n->year);
        } else {
            snprintf(rel->basis, sizeof rel->basis,
                     "n/a: no security-related total for FY%d in the store",
                     n->year);
        }
    } else {
        snprintf(rel->basis, sizeof rel->basis,
                 "n/a: the store has no sourced figure of %s's defense- and "
                 "security-related spending beyond core defense",
                 n->iso3);
    }
    ds_bridge_free(b);
    part_finish(rel, gl, gu, r);

    /* the sum of both, known only when both are */
    ds_nato2035_part *t = &n->total;
    part_init(t, "total", "total (NATO 2035: 5% of GDP)",
              DS_NATO2035_CORE_PCT + DS_NATO2035_RELATED_PCT);
    t->flags = c->flags | rel->flags;
    if (isfinite(c->current_pct) && isfinite(rel->current_pct)) {
        t->current_pct = c->current_pct + rel->current_pct;
        t->current_lcu = c->current_lcu + rel->current_lcu;
        t->flags |= DS_FLAG_DERIVED;
        snprintf(t->basis, sizeof t->basis, "core + related");
    } else {
        snprintf(t->basis, sizeof t->basis,
                 "n/a: core or related current figure missing");
    }
    part_finish(t, gl, gu, r);
    if (isfinite(t->current_pct) && isfinite(c->current_usd) &&
        isfinite(rel->current_usd))
        t->current_usd = c->current_usd + rel->current_usd;
    ds_scenario_free(s);
    *out = n;
    return DS_OK;
}

void
ds_nato2035_free(ds_nato2035 *n)
{
    free(n);
}
