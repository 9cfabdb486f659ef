/* project.c - growth fits and year-by-year projections to target shares.
 *
 * Promises: the start year's figures are those of ds_scenario_run (same
 * GDP rows, baseline and rate, so `project` and `scenarios` agree); every
 * projected figure is computed in local currency and converted to US$ at
 * one stated rate; growth fitted with gsl_fit_linear on ln(GDP) reports its
 * standard error; GSL failures map to DS_ENUMERIC; a missing input gives
 * NaN (missing), never zero.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>

#include "internal.h"

/* ------------------------------------------------------- growth fit */

ds_status
ds_growth_fit_arrays(const int *years, const double *values, size_t n,
                     ds_growth_fit *out, ds_error *err)
{
    assert(out && (years || n == 0) && (values || n == 0));
    if (n < 3)
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "a growth fit needs at least 3 years of data, "
                             "found %zu",
                             n);
    double *x = malloc(2 * n * sizeof *x);
    if (!x)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    double *y = x + n;
    double xm = 0;
    for (size_t i = 0; i < n; i++) {
        if (!(values[i] > 0) || !isfinite(values[i])) {
            free(x);
            return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                                 "a growth fit needs positive values; %d "
                                 "has %g",
                                 years[i], values[i]);
        }
        xm += years[i];
    }
    xm /= (double)n;
    for (size_t i = 0; i < n; i++) {
        x[i] = years[i] - xm; /* centred: better conditioned */
        y[i] = log(values[i]);
    }
    double c0, c1, cov00, cov01, cov11, sumsq;
    int gs = gsl_fit_linear(x, 1, y, 1, n, &c0, &c1, &cov00, &cov01, &cov11,
                            &sumsq);
    free(x);
    if (gs != GSL_SUCCESS || !isfinite(c1) || !isfinite(cov11))
        return ds__error_set(err, DS_ENUMERIC, NULL, 0, 0,
                             "growth fit failed: %s", gsl_strerror(gs));
    ds_growth_fit f;
    memset(&f, 0, sizeof f);
    f.n = n;
    f.first_year = years[0];
    f.last_year = years[n - 1];
    f.slope = c1;
    f.slope_se = sqrt(cov11);
    f.rate_pct = 100.0 * (exp(c1) - 1.0);
    f.se_pct = 100.0 * exp(c1) * f.slope_se;
    /* mean and sd of annual log growth over consecutive years */
    double s = 0, s2 = 0;
    size_t k = 0;
    for (size_t i = 1; i < n; i++)
        if (years[i] == years[i - 1] + 1) {
            double g = log(values[i] / values[i - 1]);
            s += g;
            k++;
        }
    f.log_mean = k ? s / (double)k : NAN;
    for (size_t i = 1; i < n; i++)
        if (years[i] == years[i - 1] + 1) {
            double d = log(values[i] / values[i - 1]) - f.log_mean;
            s2 += d * d;
        }
    f.log_sd = k >= 2 ? sqrt(s2 / (double)(k - 1)) : NAN;
    *out = f;
    return DS_OK;
}

/* An actual (never a projection: the store's default) in current prices. */
static const ds_obs *
find_actual(const ds_store *st, const char *iso3, const char *ind, int year,
            const char *cur)
{
    ds_query q = {iso3, ind, year, cur, NULL, NULL, NULL, 1, DS_ACTUALS_ONLY};
    const ds_obs *o = NULL;
    if (ds_store_find(st, &q, &o, NULL) != DS_OK)
        return NULL;
    return o;
}

ds_status
ds_growth_fit_store(const ds_store *st, const char *iso3,
                    const char *indicator, const char *currency,
                    int last_year, int n_years, ds_growth_fit *out,
                    ds_error *err)
{
    assert(st && iso3 && indicator && out);
    if (n_years < 3 || n_years > 200)
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "fit window must be 3 to 200 years, not %d",
                             n_years);
    int years[200];
    double v[200];
    size_t n = 0;
    const char *src = NULL, *vin = NULL, *cur = NULL;
    for (int y = last_year - n_years + 1; y <= last_year; y++) {
        const ds_obs *o = find_actual(st, iso3, indicator, y, currency);
        if (!o)
            continue;
        years[n] = y;
        v[n] = o->value;
        n++;
        src = o->source;
        cur = o->currency;
        if (!vin || strcmp(o->vintage, vin) > 0)
            vin = o->vintage;
    }
    if (n < 3)
        return ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                             "need at least 3 years of %s%s%s for %s in "
                             "%d-%d to fit growth, the store has %zu",
                             indicator, currency ? " in " : "",
                             currency ? currency : "", iso3,
                             last_year - n_years + 1, last_year, n);
    ds_growth_fit f;
    ds_status r = ds_growth_fit_arrays(years, v, n, &f, err);
    if (r != DS_OK)
        return r;
    f.source = src;
    f.vintage = vin;
    f.currency = cur;
    *out = f;
    return DS_OK;
}

/* ------------------------------------------------------- projection */

const ds_project_cell *
ds_projection_cell(const ds_projection *p, size_t k, size_t i)
{
    assert(p && k < p->n_targets && i < p->n_years);
    return &p->cells[k * p->n_years + i];
}

void
ds_projection_free(ds_projection *p)
{
    if (!p)
        return;
    ds_scenario_free(p->scenario);
    free(p->years);
    free(p->targets_pct);
    free(p->cells);
    free(p);
}

static int
latest_actual_gdp_year(const ds_store *st, const char *iso3)
{
    int best = 0;
    for (size_t i = 0; i < ds_store_count(st); i++) {
        const ds_obs *o = ds_store_get(st, i);
        if (o->year > best && o->fy_start_month == 1 &&
            !(o->flags & DS_FLAG_PROJECTION) &&
            strcmp(o->indicator, "gdp") == 0 &&
            strcmp(o->currency, "USD") == 0 &&
            strcmp(o->country, iso3) == 0)
            best = o->year;
    }
    return best;
}

/* The newest stored projection of GDP in cur for year, or NULL. */
static const ds_obs *
find_projection(const ds_store *st, const char *iso3, const char *cur,
                int year)
{
    const ds_obs *best = NULL;
    for (size_t i = 0; i < ds_store_count(st); i++) {
        const ds_obs *o = ds_store_get(st, i);
        if (o->year == year && (o->flags & DS_FLAG_PROJECTION) &&
            o->fy_start_month == 1 && strcmp(o->indicator, "gdp") == 0 &&
            strcmp(o->currency, cur) == 0 && strcmp(o->country, iso3) == 0 &&
            (!o->price_basis[0] || strcmp(o->price_basis, "current") == 0) &&
            o->value > 0 && (!best || strcmp(o->vintage, best->vintage) > 0))
            best = o;
    }
    return best;
}

ds_status
ds_project_run(const ds_store *st, const ds_project_spec *sp,
               ds_projection **out, ds_error *err)
{
    assert(st && sp && sp->country && out);
    assert(sp->targets_pct || sp->n_targets == 0);
    ds_status r = DS_OK;
    ds_projection *p = calloc(1, sizeof *p);
    if (!p)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    p->path = sp->path;
    p->gdp_source = sp->gdp_source;
    p->discount_pct = sp->discount_pct;

    int from = sp->from_year ? sp->from_year
                             : latest_actual_gdp_year(st, sp->country);
    if (!from) {
        r = ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                          "no GDP in US$ for %s in the store", sp->country);
        goto fail;
    }
    int by = sp->by_year;
    if (by <= from || by - from > 200) {
        r = ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                          "target year %d must be after the start year %d "
                          "and at most 200 years later",
                          by, from);
        goto fail;
    }
    if (sp->discount_pct <= -100.0) {
        r = ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                          "discount rate must be above -100%%");
        goto fail;
    }
    p->from_year = from;
    p->by_year = by;

    ds_scenario_spec ss;
    memset(&ss, 0, sizeof ss);
    ss.country = sp->country;
    ss.year = from;
    ss.targets_pct = sp->targets_pct;
    ss.n_targets = sp->n_targets;
    ss.baseline_kind = sp->baseline_kind;
    ss.baseline_amount = sp->baseline_amount;
    ss.baseline_definition = sp->baseline_definition;
    ss.baseline_year = sp->baseline_year;
    ss.source = sp->source;
    if ((r = ds_scenario_run(st, &ss, &p->scenario, err)) != DS_OK)
        goto fail;
    const ds_scenario *sc = p->scenario;

    p->lcu_only_usd = !sc->gdp_lcu || sc->gdp_lcu == sc->gdp_usd ||
                      !isfinite(sc->gdp_lcu_per_usd);
    const char *gcur = p->lcu_only_usd ? "USD" : sc->lcu;
    double g0 = p->lcu_only_usd ? sc->gdp_usd->value : sc->gdp_lcu->value;
    p->lcu_per_usd = p->lcu_only_usd ? 1.0 : sc->gdp_lcu_per_usd;
    if (p->lcu_only_usd)
        snprintf(p->rate_basis, sizeof p->rate_basis,
                 "none: no GDP in local currency in the store, figures are "
                 "in US$ only");
    else
        snprintf(p->rate_basis, sizeof p->rate_basis,
                 "GDP %d in %s / GDP in US$ (%s, vintage %s), held constant",
                 from, sc->lcu, sc->gdp_lcu->source, sc->gdp_lcu->vintage);

    /* history: GDP fit, rate volatility */
    int fy = sp->fit_years > 0 ? sp->fit_years : 10;
    ds_error ferr;
    ds_error_clear(&ferr);
    if (ds_growth_fit_store(st, sc->iso3, "gdp", gcur, from, fy, &p->fit,
                            &ferr) == DS_OK)
        p->has_fit = 1;
    if (!p->lcu_only_usd &&
        ds_growth_fit_store(st, sc->iso3, "fx", sc->lcu, from, fy,
                            &p->fx_fit, NULL) == DS_OK)
        p->has_fx_fit = 1;

    char gtxt[64];
    double g = sp->growth_pct;
    switch (sp->gdp_source) {
    case DS_GDP_GROWTH:
        snprintf(p->growth_basis, sizeof p->growth_basis,
                 "%.4g%% a year nominal, given by the user", g);
        break;
    case DS_GDP_FIT:
        if (!p->has_fit) {
            r = ds__error_set(err, ferr.code, NULL, 0, 0, "%s", ferr.message);
            goto fail;
        }
        g = p->fit.rate_pct;
        snprintf(p->growth_basis, sizeof p->growth_basis,
                 "%.4g%% a year nominal (s.e. %.3g pp), log-linear least "
                 "squares fit of GDP in %s %d-%d (%zu years; %s, vintage %s)",
                 g, p->fit.se_pct, gcur, p->fit.first_year,
                 p->fit.last_year, p->fit.n, p->fit.source, p->fit.vintage);
        break;
    case DS_GDP_PROJECTIONS:
        break;
    }
    if (sp->gdp_source == DS_GDP_PROJECTIONS) {
        const ds_obs *first = NULL;
        for (int y = from + 1; y <= by; y++) {
            const ds_obs *o = find_projection(st, sc->iso3, gcur, y);
            if (!o && !p->lcu_only_usd)
                o = find_projection(st, sc->iso3, "USD", y);
            if (!o)
                break;
            if (!first)
                first = o;
            p->n_projection_years++;
        }
        if (!first) {
            r = ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                              "no GDP projections (flag projection) for %s "
                              "after %d in the store; import a forecast such "
                              "as an IMF World Economic Outlook file first",
                              sc->iso3, from);
            goto fail;
        }
        p->projection_source = first->source;
        p->projection_vintage = first->vintage;
        if (!isfinite(g)) {
            if (!p->has_fit) {
                r = ds__error_set(err, ferr.code, NULL, 0, 0,
                                  "growth after the projections: %s",
                                  ferr.message);
                goto fail;
            }
            g = p->fit.rate_pct;
            snprintf(gtxt, sizeof gtxt, "%.4g%% a year (fitted, s.e. %.3g pp)",
                     g, p->fit.se_pct);
        } else {
            snprintf(gtxt, sizeof gtxt, "%.4g%% a year (given)", g);
        }
        snprintf(p->growth_basis, sizeof p->growth_basis,
                 "stored projections %d-%d (%s, vintage %s), then %s",
                 from + 1, from + (int)p->n_projection_years, first->source,
                 first->vintage, gtxt);
    }
    if (!isfinite(g) || g <= -100.0) {
        r = ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                          "GDP growth must be a number above -100%%");
        goto fail;
    }
    p->growth_pct = g;

    /* years: GDP and deflator */
    p->n_years = (size_t)(by - from) + 1;
    p->years = calloc(p->n_years, sizeof *p->years);
    p->n_targets = sp->n_targets;
    p->targets_pct = malloc((p->n_targets ? p->n_targets : 1) *
                            sizeof *p->targets_pct);
    p->cells = calloc((p->n_targets ? p->n_targets : 1) * p->n_years,
                      sizeof *p->cells);
    if (!p->years || !p->targets_pct || !p->cells) {
        r = ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
        goto fail;
    }
    for (size_t k = 0; k < p->n_targets; k++)
        p->targets_pct[k] = sp->targets_pct[k];

    double gl = g0;
    for (size_t i = 0; i < p->n_years; i++) {
        ds_project_year *y = &p->years[i];
        y->year = from + (int)i;
        y->projected = i > 0;
        if (i > 0) {
            const ds_obs *o = NULL;
            if (i <= p->n_projection_years) {
                o = find_projection(st, sc->iso3, gcur, y->year);
                if (o)
                    gl = o->value;
                else if ((o = find_projection(st, sc->iso3, "USD",
                                              y->year)) != NULL)
                    gl = o->value * p->lcu_per_usd;
            } else {
                gl *= 1.0 + g / 100.0;
            }
            y->gdp_obs = o;
        }
        y->gdp_lcu = gl;
        y->gdp_usd = gl / p->lcu_per_usd;
        y->deflator = NAN;
    }

    /* deflator: stored up to the last year with data, then inflation */
    int dlast = 0;
    const ds_obs *dl = NULL;
    for (int y = by; y >= from - 60 && !dl; y--) {
        dl = find_actual(st, sc->iso3, "gdp_deflator", y, NULL);
        if (dl)
            dlast = y;
    }
    p->deflator_last_year = dlast;
    double infl = sp->inflation_pct;
    if (dl) {
        if (isfinite(infl)) {
            snprintf(p->inflation_basis, sizeof p->inflation_basis,
                     "GDP deflator grows %.4g%% a year after %d (given)",
                     infl, dlast);
        } else {
            ds_growth_fit df;
            if (ds_growth_fit_store(st, sc->iso3, "gdp_deflator", NULL, dlast,
                                    fy, &df, NULL) == DS_OK) {
                infl = df.rate_pct;
                snprintf(p->inflation_basis, sizeof p->inflation_basis,
                         "GDP deflator grows %.4g%% a year after %d "
                         "(log-linear fit %d-%d, %s, vintage %s)",
                         infl, dlast, df.first_year, df.last_year, df.source,
                         df.vintage);
            } else {
                infl = NAN;
                snprintf(p->inflation_basis, sizeof p->inflation_basis,
                         "too little deflator history to carry it past %d; "
                         "constant-price figures after it are n/a",
                         dlast);
            }
        }
    } else {
        infl = NAN;
        snprintf(p->inflation_basis, sizeof p->inflation_basis,
                 "no GDP deflator in the store: constant-price figures are "
                 "n/a");
    }
    p->inflation_pct = infl;
    int base = sp->price_base_year ? sp->price_base_year : from;
    p->price_base_year = base;
    double dbase = NAN;
    if (dl) {
        const ds_obs *b = find_actual(st, sc->iso3, "gdp_deflator", base, NULL);
        if (b) {
            p->deflator_base = b;
            dbase = b->value;
        } else if (base > dlast && isfinite(infl)) {
            dbase = dl->value * pow(1.0 + infl / 100.0, base - dlast);
        }
    }
    for (size_t i = 0; i < p->n_years; i++) {
        int y = p->years[i].year;
        if (!dl)
            break;
        if (y <= dlast) {
            const ds_obs *o = find_actual(st, sc->iso3, "gdp_deflator", y,
                                          NULL);
            p->years[i].deflator = o ? o->value : NAN;
        } else {
            p->years[i].deflator =
                dl->value * pow(1.0 + infl / 100.0, y - dlast);
        }
    }
    /* constant US$: at the base year's GDP-implied rate if known */
    double rbase = p->lcu_per_usd;
    if (!p->lcu_only_usd && base != from) {
        ds_rate rr;
        if (ds_rate_find(st, sc->iso3, sc->lcu, base, DS_RATE_GDP_IMPLIED, 0,
                         &rr, NULL) == DS_OK)
            rbase = rr.lcu_per_usd;
    }

    /* baseline and start share */
    const ds_baseline *bl = &sc->baseline;
    double blcu = NAN;
    if (bl->present) {
        if (p->lcu_only_usd)
            blcu = bl->usd;
        else if (isfinite(bl->lcu))
            blcu = bl->lcu;
        else
            blcu = bl->usd * p->lcu_per_usd;
    }
    p->baseline_lcu = blcu;
    p->baseline_usd = blcu / p->lcu_per_usd;
    p->baseline_share_pct = 100.0 * blcu / g0;
    double s0 = p->baseline_share_pct;
    if (!isfinite(s0) && sc->latest_pct)
        s0 = sc->latest_pct->value;
    if (!isfinite(s0) && sp->path != DS_PATH_STEP) {
        r = ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                          "no baseline and no share of GDP for %s in the "
                          "store to start the path from; use --path step or "
                          "give --baseline",
                          sc->iso3);
        goto fail;
    }

    double disc = isfinite(sp->discount_pct) ? sp->discount_pct / 100.0 : NAN;
    double T = (double)(by - from);
    for (size_t k = 0; k < p->n_targets; k++) {
        double tgt = p->targets_pct[k];
        double cum = 0, cum_pv = 0, cum_c = 0;
        double sT = tgt / 100.0 * p->years[p->n_years - 1].gdp_lcu;
        double sS = s0 / 100.0 * g0;
        for (size_t i = 0; i < p->n_years; i++) {
            ds_project_cell *c = &p->cells[k * p->n_years + i];
            const ds_project_year *y = &p->years[i];
            double frac = (double)i / T, share;
            if (i == 0) {
                share = s0;
            } else if (sp->path == DS_PATH_LINEAR) {
                share = s0 + (tgt - s0) * frac;
            } else if (sp->path == DS_PATH_GROWTH) {
                double spend = sS * pow(sT / sS, frac);
                share = 100.0 * spend / y->gdp_lcu;
            } else {
                share = tgt;
            }
            c->share_pct = share;
            c->spend_lcu = share / 100.0 * y->gdp_lcu;
            if (i == 0 && bl->present)
                c->spend_lcu = blcu; /* exactly the baseline */
            c->spend_usd = c->spend_lcu / p->lcu_per_usd;
            c->extra_lcu = c->spend_lcu - blcu; /* NaN without baseline */
            c->extra_usd = c->extra_lcu / p->lcu_per_usd;
            double fconst = ds_convert_rebase(1.0, y->deflator, dbase);
            c->spend_lcu_const = c->spend_lcu * fconst;
            c->spend_usd_const = c->spend_lcu_const / rbase;
            if (i > 0) {
                cum += c->extra_lcu;
                cum_c += c->extra_lcu * fconst / rbase;
                if (isfinite(disc))
                    cum_pv += c->extra_lcu / pow(1.0 + disc, (double)i);
            }
            c->cum_extra_lcu = cum;
            c->cum_extra_usd = cum / p->lcu_per_usd;
            c->cum_extra_usd_const = cum_c;
            c->pv_cum_extra_lcu = isfinite(disc) ? cum_pv : NAN;
            c->pv_cum_extra_usd = c->pv_cum_extra_lcu / p->lcu_per_usd;
        }
    }
    *out = p;
    return DS_OK;

fail:
    ds_projection_free(p);
    return r;
}
