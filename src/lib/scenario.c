/* scenario.c - spending at chosen shares of GDP against a baseline.
 *
 * Promises: every figure is computed from store observations that the
 * result points to (so they can be cited); a missing input gives NaN in the
 * figures that need it, never zero; the US$ and local-currency sides each
 * use their own GDP, and the rate linking them is stated.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The years that have data, as "1990-2024" runs, for messages. */
static void
years_text(const ds_store *st, const ds_query *q, char *buf, size_t size)
{
    int years[512];
    size_t n = 0;
    buf[0] = '\0';
    if (ds_store_years(st, q, years, 512, &n, NULL) != DS_OK || n == 0)
        return;
    if (n > 512)
        n = 512;
    ds__year_ranges(years, n, buf, size);
}

static ds_status
baseline_from_store(const ds_store *st, ds_scenario *s, const char *indicator,
                    const char *definition, int year, int fy,
                    const char *label_prefix, ds_error *err)
{
    ds_baseline *b = &s->baseline;
    /* both figures from one definition: the preferred one that has US$,
     * else the preferred one in local currency */
    const ds_obs *usd =
        ds_select_actual(st, s->iso3, indicator, year, "USD", definition, fy);
    const ds_obs *lcu = NULL;
    if (s->lcu[0] && strcmp(s->lcu, "USD") != 0) {
        lcu = ds_select_actual(st, s->iso3, indicator, year, s->lcu,
                       usd ? usd->definition : definition, fy);
    }
    if (!lcu && !usd) {
        ds_query q = {s->iso3, indicator, 0, NULL, definition, NULL, NULL, fy, DS_ACTUALS_ONLY};
        char years[512];
        years_text(st, &q, years, sizeof years);
        return ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                             "no %s%s%s for %s in %d in the store%s%s%s",
                             definition ? definition : "",
                             definition ? " " : "", indicator, s->iso3, year,
                             years[0] ? " (years with data: " : "", years,
                             years[0] ? ")" : "");
    }
    b->present = 1;
    b->obs_lcu = lcu;
    b->obs_usd = usd;
    b->usd = usd ? usd->value : NAN;
    b->lcu = lcu ? lcu->value : NAN;
    const ds_obs *any = lcu ? lcu : usd;
    snprintf(b->label, sizeof b->label, "%s (definition %s)", label_prefix,
             any->definition);
    if (usd && lcu) {
        b->lcu_per_usd = lcu->value / usd->value;
        snprintf(b->rate_basis, sizeof b->rate_basis,
                 "implied by the two figures in the store");
    } else if (isfinite(s->gdp_lcu_per_usd)) {
        b->lcu_per_usd = s->gdp_lcu_per_usd;
        snprintf(b->rate_basis, sizeof b->rate_basis,
                 "GDP in %s / GDP in US$, %d", s->lcu, s->year);
        if (usd)
            b->lcu = usd->value * b->lcu_per_usd;
        else
            b->usd = lcu->value / b->lcu_per_usd;
    } else {
        b->lcu_per_usd = NAN;
        snprintf(b->rate_basis, sizeof b->rate_basis, "none available");
    }
    return DS_OK;
}

/* Military expenditure by the spending definition (the actual share's,
 * else spec->source, else the store's order) in the GDP year, else its
 * latest calendar year before; said so in the label. */
static ds_status
data_baseline(const ds_store *st, const ds_scenario_spec *spec,
              ds_scenario *s, ds_error *err)
{
    const char *def = spec->source;
    if (!def && s->has_actual && s->actual.milex)
        def = s->actual.definition;
    for (int y = s->year; y > s->year - 30; y--) {
        const ds_obs *o = ds_select_actual(st, s->iso3, "milex", y, NULL, def, 1);
        if (!o)
            continue;
        ds_status r = baseline_from_store(st, s, "milex", o->definition, y,
                                          1, "", err);
        if (r != DS_OK)
            return r;
        ds_baseline *b = &s->baseline;
        b->year_differs = y != s->year;
        if (y == s->year)
            snprintf(b->label, sizeof b->label, "%s military expenditure",
                     ds_definition_label(o->definition));
        else
            snprintf(b->label, sizeof b->label,
                     "%s military expenditure (the latest year; none for "
                     "%d)",
                     ds_definition_label(o->definition), s->year);
        return DS_OK;
    }
    ds_query q = {s->iso3, "milex", 0, NULL, def, NULL, NULL, 1,
                  DS_ACTUALS_ONLY};
    char years[512];
    years_text(st, &q, years, sizeof years);
    return ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                         "no %s military expenditure for %s in %d or the 30 "
                         "years before in the store%s%s%s",
                         def ? ds_definition_label(def) : "calendar-year",
                         s->iso3, s->year,
                         years[0] ? " (years with data: " : "", years,
                         years[0] ? ")" : "");
}

static ds_status
make_baseline(const ds_store *st, const ds_scenario_spec *spec,
              ds_scenario *s, ds_error *err)
{
    ds_baseline *b = &s->baseline;
    b->usd = b->lcu = b->lcu_per_usd = b->share_pct = NAN;
    b->usd_at_official = b->usd_one_rate = NAN;
    switch (spec->baseline_kind) {
    case DS_BASELINE_NONE:
        return DS_OK;
    case DS_BASELINE_AMOUNT: {
        const char *cur = spec->baseline_amount.currency[0]
                              ? spec->baseline_amount.currency
                              : "USD";
        double v = spec->baseline_amount.value;
        b->present = 1;
        char m[64];
        snprintf(b->label, sizeof b->label, "given on the command line: %s",
                 ds_format_money(v, cur, m, sizeof m));
        if (strcmp(cur, "USD") == 0) {
            b->usd = v;
            b->lcu_per_usd = s->gdp_lcu_per_usd;
            b->lcu = v * s->gdp_lcu_per_usd;
        } else if (s->lcu[0] && strcmp(cur, s->lcu) == 0 &&
                   !isfinite(s->gdp_lcu_per_usd)) {
            return ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                                 "cannot compare a baseline in %s: no GDP in "
                                 "%s for %s in %d in the store (give the "
                                 "baseline in US$)",
                                 cur, cur, s->iso3, s->year);
        } else if (s->lcu[0] && strcmp(cur, s->lcu) == 0) {
            b->lcu = v;
            b->lcu_per_usd = s->gdp_lcu_per_usd;
            b->usd = v / s->gdp_lcu_per_usd;
        } else {
            return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                                 "baseline currency '%s' is neither USD nor "
                                 "%s's currency%s%s",
                                 cur, s->iso3, s->lcu[0] ? " " : "", s->lcu);
        }
        if (isfinite(b->lcu_per_usd))
            snprintf(b->rate_basis, sizeof b->rate_basis,
                     "GDP in %s / GDP in US$, %d", s->lcu, s->year);
        else
            snprintf(b->rate_basis, sizeof b->rate_basis, "none available");
        return DS_OK;
    }
    case DS_BASELINE_DATA:
        return data_baseline(st, spec, s, err);
    case DS_BASELINE_STORED: {
        ds_status r = baseline_from_store(st, s, "milex",
                                          spec->baseline_definition,
                                          spec->baseline_year, 0,
                                          "stored figure", err);
        if (r == DS_OK) {
            const ds_obs *o = b->obs_lcu ? b->obs_lcu : b->obs_usd;
            snprintf(b->label, sizeof b->label, "%s (stored %s:%d)",
                     ds_definition_label(o->definition), o->definition,
                     spec->baseline_year);
        }
        return r;
    }
    case DS_BASELINE_DEFAULT:
        break;
    }
    const ds_baseline_def *def = ds_store_baseline_def(st, s->iso3);
    if (def) {
        /* like with like: the same budget series for the scenario year when
         * the store has it, else the configured year */
        int y = ds_select_actual(st, s->iso3, def->indicator, s->year, NULL,
                         def->definition, def->fy_start_month)
                    ? s->year
                    : def->year;
        ds_status r = baseline_from_store(st, s, def->indicator,
                                          def->definition, y,
                                          def->fy_start_month, "budget", err);
        if (r == DS_OK)
            snprintf(b->label, sizeof b->label, "%s", def->label);
        return r;
    }
    /* no configured baseline: military expenditure by the spending
     * definition, that year or its latest */
    if (data_baseline(st, spec, s, NULL) != DS_OK) {
        memset(b, 0, sizeof *b); /* nothing to compare with */
        b->usd = b->lcu = b->lcu_per_usd = b->share_pct = NAN;
        b->usd_at_official = b->usd_one_rate = NAN;
    }
    return DS_OK;
}

/* The baseline's share of GDP.  A calendar-year figure of a publisher
 * that gives its own share (or its own GDP) takes that publisher's share
 * for its year: one source per ratio.  Anything else (a national budget,
 * an amount) is divided by the scenario's GDP in one currency, local
 * first, and the basis names that GDP. */
static void
baseline_share(const ds_store *st, ds_scenario *s)
{
    ds_baseline *b = &s->baseline;
    const ds_obs *o = b->obs_usd ? b->obs_usd : b->obs_lcu;
    ds_share sh;
    if (o && o->fy_start_month == 1 &&
        ds_select_share(st, s->iso3, o->definition, o->year, &sh, NULL) ==
            DS_OK) {
        b->share_pct = sh.pct;
        b->share_year = o->year;
        ds__snprintf_c(b->share_basis, sizeof b->share_basis, "%s, %d", sh.basis,
                 o->year);
        return;
    }
    b->share_year = s->year;
    if (s->gdp_lcu && isfinite(b->lcu)) {
        b->share_pct = 100.0 * b->lcu / s->gdp_lcu->value;
        snprintf(b->share_basis, sizeof b->share_basis,
                 "baseline in %s / GDP in %s (%s), %d", s->lcu, s->lcu,
                 ds_definition_label(s->gdp_lcu->definition), s->year);
    } else if (isfinite(b->usd)) {
        b->share_pct = 100.0 * b->usd / s->gdp_usd->value;
        snprintf(b->share_basis, sizeof b->share_basis,
                 "baseline in US$ / GDP in US$ (%s), %d",
                 ds_definition_label(s->gdp_usd->definition), s->year);
    }
}

ds_status
ds_baseline_parse(const char *text, ds_baseline_choice *out, ds_error *err)
{
    assert(out);
    ds_baseline_choice c;
    memset(&c, 0, sizeof c);
    if (!text) {
        c.kind = DS_BASELINE_DEFAULT;
    } else if (strcmp(text, "none") == 0) {
        c.kind = DS_BASELINE_NONE;
    } else if (strcmp(text, "data") == 0) {
        c.kind = DS_BASELINE_DATA;
    } else if (strchr(text, ':')) {
        const char *colon = strchr(text, ':');
        size_t n = (size_t)(colon - text);
        long y = 0;
        int ok = n > 0 && n < sizeof c.definition;
        for (size_t i = 0; ok && i < n; i++)
            ok = (text[i] >= 'a' && text[i] <= 'z') || text[i] == '_' ||
                 (i > 0 && text[i] >= '0' && text[i] <= '9');
        if (!ok || strlen(colon + 1) != 4 ||
            !ds__parse_int_n(colon + 1, 4, 1000, 3000, &y)) {
            char q[80];
            return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                                 "'%s' is not DEFINITION:YEAR (e.g. "
                                 "mod_budget:2025, sipri:2024)",
                                 ds__quote(text, q, sizeof q));
        }
        memcpy(c.definition, text, n);
        c.definition[n] = '\0';
        c.year = (int)y;
        c.kind = DS_BASELINE_STORED;
    } else {
        size_t i = 0;
        while (text[i] == ' ')
            i++;
        int bare = text[i] != '\0';
        for (; text[i] && bare; i++)
            bare = (text[i] >= '0' && text[i] <= '9') || text[i] == '.' ||
                   text[i] == ',' || text[i] == ' ';
        if (bare) {
            char q[80];
            return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                                 "'%s' has no unit or scale (it would be "
                                 "read as that many US dollars); give %s",
                                 ds__quote(text, q, sizeof q),
                                 DS_BASELINE_FORMS);
        }
        ds_status r = ds_amount_parse(text, &c.amount, err);
        if (r != DS_OK)
            return r;
        c.kind = DS_BASELINE_AMOUNT;
    }
    *out = c;
    return DS_OK;
}

void
ds_scenario_spec_init(ds_scenario_spec *spec)
{
    assert(spec);
    memset(spec, 0, sizeof *spec);
}

void
ds_scenario_spec_set_baseline(ds_scenario_spec *spec,
                              const ds_baseline_choice *c)
{
    assert(spec && c);
    spec->baseline_kind = c->kind;
    spec->baseline_amount = c->amount;
    spec->baseline_definition =
        c->kind == DS_BASELINE_STORED ? c->definition : NULL;
    spec->baseline_year = c->year;
}

ds_status
ds_scenario_run(const ds_store *st, const ds_scenario_spec *spec,
                ds_scenario **out, ds_error *err)
{
    assert(st && spec && spec->country && out);
    assert(spec->targets_pct || spec->n_targets == 0);
    ds_status r = DS_OK;
    ds_scenario *s = calloc(1, sizeof *s);
    if (!s)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    snprintf(s->iso3, sizeof s->iso3, "%s", spec->country);
    s->name = s->iso3;
    s->lcu = "";
    const ds_countries *cs = ds_store_countries(st);
    const ds_country *c = NULL;
    if (cs && ds_countries_lookup(cs, s->iso3, &c, NULL) == DS_OK) {
        s->name = c->name;
        s->lcu = c->currency;
    }

    ds_query q = {s->iso3, "gdp", 0, "USD", NULL, NULL, NULL, 1, DS_ACTUALS_ONLY};
    if (spec->year) {
        s->year = spec->year;
    } else if ((r = ds_store_latest_year(st, &q, &s->year, err)) != DS_OK) {
        goto fail;
    }
    /* GDP of the spending definition when it publishes one (NATO, WDI),
     * so that shares and ratios take both sides from one source */
    s->gdp_usd = spec->source ? ds_select_actual(st, s->iso3, "gdp", s->year, "USD",
                                         spec->source, 1)
                              : NULL;
    if (!s->gdp_usd)
        s->gdp_usd = ds_select_actual(st, s->iso3, "gdp", s->year, "USD", NULL, 1);
    if (!s->gdp_usd) {
        char years[512];
        years_text(st, &q, years, sizeof years);
        r = ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                          "no GDP in US$ for %s (%s) in %d in the store%s%s%s",
                          s->name, s->iso3, s->year,
                          years[0] ? "; years with data: " : "", years, "");
        goto fail;
    }
    if (!s->lcu[0]) {
        /* no currency in the country table: take it from a GDP in LCU row */
        ds_store_iter it;
        const ds_obs *o;
        ds_store_iter_init(&it, st, s->iso3, DS_IND_GDP);
        while ((o = ds_store_iter_next(&it)) != NULL) {
            if (o->currency[0] && strcmp(o->currency, "USD") != 0) {
                s->lcu = o->currency;
                break;
            }
        }
    }
    s->gdp_lcu = s->lcu[0] && strcmp(s->lcu, "USD") != 0
                     ? ds_select_actual(st, s->iso3, "gdp", s->year, s->lcu,
                                s->gdp_usd->definition, 1)
                     : NULL;
    if (!s->gdp_lcu && s->lcu[0] && strcmp(s->lcu, "USD") != 0)
        s->gdp_lcu = ds_select_actual(st, s->iso3, "gdp", s->year, s->lcu, NULL, 1);
    if (s->lcu[0] && strcmp(s->lcu, "USD") == 0)
        s->gdp_lcu = s->gdp_usd;
    s->gdp_lcu_per_usd =
        s->gdp_lcu ? s->gdp_lcu->value / s->gdp_usd->value : NAN;
    s->population = ds_select_actual(st, s->iso3, "population", s->year, NULL, NULL, 1);
    s->fx_official = s->lcu[0] ? ds_select_actual(st, s->iso3, "fx", s->year, s->lcu,
                                          "wdi", 1)
                               : NULL;
    /* the actual share: one definition, its own ratio (select.c) */
    s->derived_pct = NAN;
    int ay = ds_select_share_latest_year(st, s->iso3, spec->source, s->year);
    if (ay && ds_select_share(st, s->iso3, spec->source, ay, &s->actual,
                              NULL) == DS_OK) {
        s->has_actual = 1;
        const ds_obs *o = s->actual.published ? s->actual.published
                                              : s->actual.milex;
        s->actual_stale = ds_select_age(st, o, NULL, NULL);
        s->latest_pct = s->actual.published;
        if (s->lcu[0])
            s->actual_milex_lcu = ds_select_actual(st, s->iso3, "milex", ay, s->lcu,
                                           s->actual.definition, 1);
        if (ay == s->year) {
            s->actual_pct = s->actual.published;
            s->milex_usd = s->actual.milex;
            if (!s->actual.published)
                s->derived_pct = s->actual.pct;
        }
    } else if (spec->source &&
               ds_select_definitions(st, s->iso3, NULL, 0) > 0) {
        const char *defs[32];
        size_t nd = ds_select_definitions(st, s->iso3, defs, 32);
        int known = 0;
        for (size_t i = 0; i < nd && i < 32; i++)
            known |= strcmp(defs[i], spec->source) == 0;
        if (!known) {
            char list[256] = "";
            size_t o = 0;
            for (size_t i = 0; i < nd && i < 32 && o < sizeof list; i++) {
                int w = snprintf(list + o, sizeof list - o, "%s%s",
                                 o ? ", " : "", defs[i]);
                if (w < 0)
                    break;
                o += (size_t)w;
            }
            const char *near = ds_suggest(spec->source, defs,
                                          nd < 32 ? nd : 32);
            r = ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                              "no military expenditure of definition '%s' "
                              "for %s in the store%s%s%s (definitions held: "
                              "%s)",
                              spec->source, s->iso3,
                              near ? "; did you mean '" : "",
                              near ? near : "", near ? "'?" : "", list);
            goto fail;
        }
    }

    /* a definition measured against its own GDP (Japan's security-related
     * total against FY2022 GDP): its share by that convention, and the
     * store's default share beside it */
    if (spec->source && !s->has_actual &&
        ds_select_share_own(st, s->iso3, spec->source, spec->year, &s->own,
                            NULL) == DS_OK) {
        s->has_own = 1;
        int ry = ds_select_share_latest_year(st, s->iso3, NULL, s->year);
        if (ry && ds_select_share(st, s->iso3, NULL, ry, &s->reference,
                                  NULL) == DS_OK)
            s->has_reference = 1;
    }

    if ((r = make_baseline(st, spec, s, err)) != DS_OK)
        goto fail;
    ds_baseline *b = &s->baseline;
    if (b->present)
        baseline_share(st, s);
    if (b->present) {
        b->usd_one_rate = isfinite(b->lcu) && isfinite(s->gdp_lcu_per_usd)
                              ? b->lcu / s->gdp_lcu_per_usd
                              : b->usd;
        if (s->fx_official && isfinite(b->lcu)) {
            b->fx_official = s->fx_official;
            b->usd_at_official = b->lcu / s->fx_official->value;
        }
    }

    s->n_rows = spec->n_targets;
    s->rows = calloc(s->n_rows ? s->n_rows : 1, sizeof *s->rows);
    if (!s->rows) {
        r = ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
        goto fail;
    }
    double pop = s->population ? s->population->value : NAN;
    for (size_t i = 0; i < s->n_rows; i++) {
        ds_scenario_row *row = &s->rows[i];
        double p = spec->targets_pct[i];
        row->target_pct = p;
        /* p * gdp / 100 rather than (p / 100) * gdp: 3.5 * x / 100 is exact
         * more often, so CSV carries no needless float noise */
        row->spend_usd = p * s->gdp_usd->value / 100.0;
        row->spend_lcu = s->gdp_lcu ? p * s->gdp_lcu->value / 100.0 : NAN;
        row->diff_usd = b->present ? row->spend_usd - b->usd : NAN;
        row->diff_lcu = b->present ? row->spend_lcu - b->lcu : NAN;
        row->ratio_to_baseline = b->present ? row->spend_usd / b->usd : NAN;
        row->ratio_to_baseline_lcu =
            b->present ? row->spend_lcu / b->lcu : NAN;
        row->ratio_one_rate = b->present ? row->spend_usd / b->usd_one_rate
                                         : NAN;
        row->per_capita_usd = row->spend_usd / pop;
        row->per_capita_lcu = row->spend_lcu / pop;
    }
    *out = s;
    return DS_OK;

fail:
    ds_scenario_free(s);
    return r;
}

void
ds_scenario_free(ds_scenario *s)
{
    if (!s)
        return;
    free(s->rows);
    free(s);
}
