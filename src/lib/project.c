/* project.c - growth fits and year-by-year projections to target shares.
 *
 * Promises: the start year's figures are those of ds_scenario_run (same
 * GDP rows, baseline and rate, so `project` and `scenarios` agree); every
 * projected figure is computed in local currency and converted to US$ at
 * one stated rate; growth fitted with gsl_fit_linear on ln(GDP) reports its
 * standard error; GSL failures map to DS_ENUMERIC; a missing input gives
 * NaN (missing), never zero.  A stored forecast (one vintage) is used only
 * as growth rates (each year over the year before in that vintage) applied
 * to the actual start-year level; budgets already decided for the
 * baseline's definition are the path's first years, and the increases
 * they decide are reported apart from the extra the target needs.
 */
#include <assert.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <gsl/gsl_rng.h>

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

/* A calendar-year actual in current prices (select.c). */
static const ds_obs *
find_actual(const ds_store *st, const char *iso3, const char *ind, int year,
            const char *cur)
{
    return ds_select_actual(st, iso3, ind, year, cur, NULL, 1);
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

ds_status
ds_growth_check(double pct, ds_error *err)
{
    if (pct >= DS_GROWTH_MIN_PCT && pct <= DS_GROWTH_MAX_PCT)
        return DS_OK;
    return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                         "growth '%g' is outside the accepted range %g%% to "
                         "+%g%% a year",
                         pct, DS_GROWTH_MIN_PCT, DS_GROWTH_MAX_PCT);
}

static void
add_note(ds_projection *p, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
add_note(ds_projection *p, const char *fmt, ...)
{
    if (p->n_notes >= DS_PROJECT_MAX_NOTES)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->notes[p->n_notes++], DS_PROJECT_NOTE_MAX, fmt, ap);
    va_end(ap);
}

const ds_project_cell *
ds_projection_cell(const ds_projection *p, size_t k, size_t i)
{
    assert(p && k < p->n_targets && i < p->n_years);
    return &p->cells[k * p->n_years + i];
}

void
ds_project_free(ds_projection *p)
{
    if (!p)
        return;
    ds_scenario_free(p->scenario);
    free(p->years);
    free(p->targets_pct);
    free(p->cells);
    free(p);
}

void
ds_projection_free(ds_projection *p)
{
    ds_project_free(p);
}

static int
latest_actual_gdp_year(const ds_store *st, const char *iso3)
{
    int best = 0;
    ds_store_iter it;
    const ds_obs *o;
    ds_store_iter_init(&it, st, iso3, DS_IND_GDP);
    while ((o = ds_store_iter_next(&it)) != NULL)
        if (o->year > best && o->fy_start_month == 1 &&
            !(o->flags & DS_FLAG_PROJECTION) &&
            strcmp(o->currency, "USD") == 0)
            best = o->year;
    return best;
}

/* GDP in cur for year in one vintage of one definition, projection or
 * not (the forecast's own series), or NULL. */
static const ds_obs *
vintage_gdp(const ds_store *st, const char *iso3, const char *cur,
            const char *def, const char *vintage, int year)
{
    ds_query q = {iso3, "gdp",   year, cur, def, vintage, NULL, 1,
                  DS_WITH_PROJECTIONS};
    const ds_obs *o = NULL;
    if (ds_store_find(st, &q, &o, NULL) != DS_OK || !(o->value > 0))
        return NULL;
    return o;
}

/* The stored GDP forecast in cur for the years after from: the newest
 * vintage holding a projection after from; its growth rates (year over
 * year before, same vintage) for from+1 .. up to by while both exist.
 * rates[i] and obs[i] (i = years after from, 1-based) are filled. */
static int
forecast_find(const ds_store *st, const char *iso3, const char *cur,
              int from, int by, const ds_obs *start, ds_gdp_forecast *f,
              double *rates, const ds_obs **obs)
{
    const ds_obs *best = NULL, *o;
    ds_store_iter it;
    ds_store_iter_init(&it, st, iso3, DS_IND_GDP);
    while ((o = ds_store_iter_next(&it)) != NULL) {
        if (o->year > from && (o->flags & DS_FLAG_PROJECTION) &&
            o->fy_start_month == 1 && strcmp(o->currency, cur) == 0 &&
            (!o->price_basis[0] || strcmp(o->price_basis, "current") == 0) &&
            o->value > 0 &&
            (!best || strcmp(o->vintage, best->vintage) > 0 ||
             (strcmp(o->vintage, best->vintage) == 0 &&
              strcmp(o->definition, best->definition) < 0)))
            best = o;
    }
    if (!best)
        return 0;
    memset(f, 0, sizeof *f);
    const ds_obs *prev = vintage_gdp(st, iso3, cur, best->definition,
                                     best->vintage, from);
    double logsum = 0;
    for (int y = from + 1; y <= by && prev; y++) {
        const ds_obs *o = vintage_gdp(st, iso3, cur, best->definition,
                                      best->vintage, y);
        if (!o)
            break;
        size_t i = (size_t)(y - from);
        rates[i] = 100.0 * (o->value / prev->value - 1.0);
        obs[i] = o;
        logsum += log(o->value / prev->value);
        f->n++;
        prev = o;
    }
    if (!f->n)
        return 0;
    f->present = 1;
    f->source = best->source;
    f->definition = best->definition;
    f->vintage = best->vintage;
    f->currency = best->currency;
    f->first_year = from + 1;
    f->last_year = from + (int)f->n;
    f->mean_pct = 100.0 * expm1(logsum / (double)f->n);
    const ds_obs *s0 = vintage_gdp(st, iso3, cur, best->definition,
                                   best->vintage, from);
    f->start_is_projection = s0 && (s0->flags & DS_FLAG_PROJECTION);
    f->predates_start = start && strcmp(best->vintage, start->vintage) < 0;
    return 1;
}

/* An indicator without currency (gdp_real_growth, gdp_deflator) in one
 * vintage of one definition, projection or not, or NULL. */
static const ds_obs *
vintage_plain(const ds_store *st, const char *iso3, const char *ind,
              const char *def, const char *vintage, int year)
{
    ds_query q = {iso3, ind, year, NULL, def, vintage, NULL, 1,
                  DS_WITH_PROJECTIONS};
    const ds_obs *o = NULL;
    if (ds_store_find(st, &q, &o, NULL) != DS_OK || !isfinite(o->value))
        return NULL;
    return o;
}

/* The newest vintage (then definition) holding a calendar-year projection
 * of ind for iso3 after year from, or NULL. */
static const ds_obs *
newest_projection(const ds_store *st, const char *iso3, const char *ind,
                  int from)
{
    const ds_obs *best = NULL, *o;
    ds_store_iter it;
    ds_store_iter_init(&it, st, iso3, ind);
    while ((o = ds_store_iter_next(&it)) != NULL) {
        if (o->year > from && (o->flags & DS_FLAG_PROJECTION) &&
            o->fy_start_month == 1 && isfinite(o->value) &&
            (!best || strcmp(o->vintage, best->vintage) > 0 ||
             (strcmp(o->vintage, best->vintage) == 0 &&
              strcmp(o->definition, best->definition) < 0)))
            best = o;
    }
    return best;
}

/* The stored forecast of real GDP growth (gdp_real_growth, percent) and
 * of the GDP deflator (gdp_deflator, an index) of one vintage and
 * definition (an IMF WEO export's NGDP_RPCH and NGDP_D): nominal growth
 * of year y = (1 + real growth y) x deflator y / deflator y-1 - 1, for
 * from+1 .. up to by while the three cells exist.  cur is the currency
 * of the start-year GDP the rates are applied to. */
static int
forecast_find_real(const ds_store *st, const char *iso3, const char *cur,
                   int from, int by, const ds_obs *start, ds_gdp_forecast *f,
                   double *rates, const ds_obs **obs)
{
    const ds_obs *best = newest_projection(st, iso3, "gdp_real_growth", from);
    if (!best)
        return 0;
    const char *def = best->definition, *vin = best->vintage;
    memset(f, 0, sizeof *f);
    const ds_obs *dprev = vintage_plain(st, iso3, "gdp_deflator", def, vin,
                                        from);
    const ds_obs *d0 = dprev;
    double logsum = 0;
    for (int y = from + 1; y <= by && dprev && dprev->value > 0; y++) {
        const ds_obs *rg = vintage_plain(st, iso3, "gdp_real_growth", def,
                                         vin, y);
        const ds_obs *d = vintage_plain(st, iso3, "gdp_deflator", def, vin,
                                        y);
        if (!rg || !d || !(d->value > 0) || !(rg->value > -100.0))
            break;
        double ratio = (1.0 + rg->value / 100.0) * (d->value / dprev->value);
        size_t i = (size_t)(y - from);
        rates[i] = 100.0 * (ratio - 1.0);
        obs[i] = rg;
        logsum += log(ratio);
        f->n++;
        dprev = d;
    }
    if (!f->n)
        return 0;
    f->present = 1;
    f->source = best->source;
    f->definition = def;
    f->vintage = vin;
    f->currency = cur;
    f->first_year = from + 1;
    f->last_year = from + (int)f->n;
    f->mean_pct = 100.0 * expm1(logsum / (double)f->n);
    f->start_is_projection = d0 && (d0->flags & DS_FLAG_PROJECTION);
    f->predates_start = start && strcmp(vin, start->vintage) < 0;
    f->real_and_deflator = 1;
    f->deflator_source = d0->source;
    return 1;
}

/* The series of decided budgets: the baseline's definition. */
typedef struct budget_series {
    const char *indicator, *definition, *currency;
    int fy_start_month;
    int supplementary;   /* add milex_supplementary of the same year */
    double lcu_per_usd;  /* to convert a US$ series to LCU (1 if none) */
} budget_series;

/* The decided budget of year (current LCU) or NaN; *o, *so the rows. */
static double
budget_at(const ds_store *st, const char *iso3, const budget_series *b,
          int year, const ds_obs **o, const ds_obs **so)
{
    ds_query q = {iso3, b->indicator, year, b->currency, b->definition,
                  NULL, NULL, b->fy_start_month, DS_ACTUALS_ONLY};
    *o = NULL;
    *so = NULL;
    if (ds_store_find(st, &q, o, NULL) != DS_OK)
        return NAN;
    double v = (*o)->value;
    if (b->supplementary) {
        q.indicator = "milex_supplementary";
        if (ds_store_find(st, &q, so, NULL) == DS_OK)
            v += (*so)->value;
        else
            *so = NULL;
    }
    return v * b->lcu_per_usd;
}

/* "FY2025" or "2025" for a budget row. */
static const char *
year_label(const ds_obs *o, char *buf, size_t n)
{
    snprintf(buf, n, "%s%d", o->fy_start_month != 1 ? "FY" : "", o->year);
    return buf;
}

/* "2024" or "2024-2026". */
static const char *
year_span(int a, int b, char *buf, size_t n)
{
    if (a == b)
        snprintf(buf, n, "%d", a);
    else
        snprintf(buf, n, "%d-%d", a, b);
    return buf;
}

/* The deflator k years after the last actual d0: the forecast ratios
 * rt[0..n) first, then infl percent a year (NaN: NaN). */
static double
deflator_after(double d0, const double *rt, int n, double infl, int k)
{
    double d = d0;
    int i = 0;
    for (; i < k && i < n; i++)
        d *= rt[i];
    if (i < k)
        d *= pow(1.0 + infl / 100.0, k - i);
    return d;
}

void
ds_project_spec_init(ds_project_spec *spec)
{
    assert(spec);
    memset(spec, 0, sizeof *spec);
    spec->path = DS_PATH_LINEAR;
    spec->growth_pct = NAN;
    spec->discount_pct = NAN;
    spec->inflation_pct = NAN;
}

void
ds_sim_spec_init(ds_sim_spec *spec)
{
    assert(spec);
    memset(spec, 0, sizeof *spec);
    spec->growth_mean_pct = NAN;
    spec->growth_sd = NAN;
    spec->fx_sd = 0;
}

gsl_rng *
ds_sim_rng_alloc(unsigned long seed)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (r)
        gsl_rng_set(r, seed);
    return r;
}

void
ds_project_spec_set_baseline(ds_project_spec *spec,
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
ds_project_run(const ds_store *st, const ds_project_spec *sp,
               ds_projection **out, ds_error *err)
{
    assert(st && sp && sp->country && out);
    assert(sp->targets_pct || sp->n_targets == 0);
    ds_status r = DS_OK;
    double *frate = NULL;
    const ds_obs **fobs = NULL;
    ds_projection *p = calloc(1, sizeof *p);
    if (!p)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    p->path = sp->path;
    p->gdp_source = sp->gdp_source;
    p->discount_pct = sp->discount_pct;
    p->plan = sp->plan;
    p->plan_growth_pct = NAN;
    p->plan_spend_lcu = NAN;

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
    if (sp->gdp_source == DS_GDP_GROWTH ||
        (sp->gdp_source == DS_GDP_PROJECTIONS && !isnan(sp->growth_pct))) {
        if ((r = ds_growth_check(sp->growth_pct, err)) != DS_OK)
            goto fail;
    }
    if (sp->plan == DS_PLAN_GROWTH &&
        (r = ds_growth_check(sp->plan_growth_pct, err)) != DS_OK)
        goto fail;
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
    const ds_obs *gstart = p->lcu_only_usd ? sc->gdp_usd : sc->gdp_lcu;
    double g0 = gstart->value;
    p->lcu_per_usd = p->lcu_only_usd ? 1.0 : sc->gdp_lcu_per_usd;
    if (p->lcu_only_usd)
        snprintf(p->rate_basis, sizeof p->rate_basis,
                 "none: no GDP in local currency in the store, figures are "
                 "in US$ only");
    else
        snprintf(p->rate_basis, sizeof p->rate_basis,
                 "GDP %d in %s / GDP in US$ (%s, vintage %s), held constant",
                 from, sc->lcu, sc->gdp_lcu->source, sc->gdp_lcu->vintage);

    /* history: GDP fit, recent rates of the start series, rate volatility */
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
    for (int k = 0; k < 2; k++) {
        ds_recent_growth *rg = &p->recent[k];
        rg->years = k ? 5 : 3;
        rg->first_year = from - rg->years;
        rg->last_year = from;
        ds_query q = {sc->iso3, "gdp", rg->first_year, gcur,
                      gstart->definition, NULL, NULL, 1, DS_ACTUALS_ONLY};
        const ds_obs *o = NULL;
        rg->rate_pct = NAN;
        if (ds_store_find(st, &q, &o, NULL) == DS_OK && o->value > 0)
            rg->rate_pct = 100.0 * (pow(g0 / o->value, 1.0 / rg->years) - 1);
    }

    /* a stored forecast: national currency first (at the held rate its
     * growth is the US$ growth too), then US$ */
    size_t ny = (size_t)(by - from) + 1;
    frate = malloc(ny * sizeof *frate);
    fobs = calloc(ny, sizeof *fobs);
    if (!frate || !fobs) {
        r = ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
        goto fail;
    }
    {
        /* the candidates: nominal GDP in national currency, real growth
         * with the deflator, nominal GDP in US$ */
        ds_gdp_forecast cand[3];
        double *crate[3] = {frate, NULL, NULL};
        const ds_obs **cobs[3] = {fobs, NULL, NULL};
        int have[3] = {0, 0, 0};
        for (int k = 1; k < 3; k++) {
            crate[k] = malloc(ny * sizeof *crate[k]);
            cobs[k] = calloc(ny, sizeof *cobs[k]);
            if (!crate[k] || !cobs[k]) {
                for (int j = 1; j <= k; j++) {
                    free(crate[j]);
                    free((void *)cobs[j]);
                }
                r = ds__error_set(err, DS_ENOMEM, NULL, 0, 0,
                                  "out of memory");
                goto fail;
            }
        }
        if (sc->lcu && sc->lcu[0])
            have[0] = forecast_find(st, sc->iso3, sc->lcu, from, by, gstart,
                                    &cand[0], crate[0], cobs[0]);
        have[1] = forecast_find_real(st, sc->iso3, gcur, from, by, gstart,
                                     &cand[1], crate[1], cobs[1]);
        have[2] = (!sc->lcu || strcmp(sc->lcu, "USD") != 0) &&
                  forecast_find(st, sc->iso3, "USD", from, by, gstart,
                                &cand[2], crate[2], cobs[2]);
        /* national currency before US$ whatever their vintages (as
         * before real growth was read); real growth with the deflator
         * when it is newer than the nominal forecast chosen, or as new
         * as a US$ one */
        int pick = have[0] ? 0 : have[2] ? 2 : -1;
        if (have[1] &&
            (pick < 0 ||
             strcmp(cand[1].vintage, cand[pick].vintage) > 0 ||
             (pick == 2 && strcmp(cand[1].vintage, cand[2].vintage) == 0)))
            pick = 1;
        if (pick >= 0) {
            p->forecast = cand[pick];
            if (p->forecast.real_and_deflator) {
                /* the series behind the rates, wherever a source is
                 * named (the comparison line, the CSV's forecast_source,
                 * the notes) */
                snprintf(p->forecast_label, sizeof p->forecast_label,
                         "%s with %s", p->forecast.source,
                         p->forecast.deflator_source);
                p->forecast.source = p->forecast_label;
            }
            if (pick > 0) {
                memcpy(frate, crate[pick], ny * sizeof *frate);
                memcpy((void *)fobs, (const void *)cobs[pick],
                       ny * sizeof *fobs);
            }
        }
        for (int k = 1; k < 3; k++) {
            free(crate[k]);
            free((void *)cobs[k]);
        }
    }
    const ds_gdp_forecast *fc = &p->forecast;

    char gtxt[96], span[32];
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
        if (!fc->present) {
            r = ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                              "no GDP forecast growth (flag projection, one "
                              "vintage holding %d and %d) for %s in the "
                              "store; import a forecast such as an IMF World "
                              "Economic Outlook file first",
                              from, from + 1, sc->iso3);
            goto fail;
        }
        p->n_projection_years = fc->n;
        p->projection_source = fc->source;
        p->projection_vintage = fc->vintage;
        if (isnan(g)) {
            if (!p->has_fit) {
                r = ds__error_set(err, ferr.code, NULL, 0, 0,
                                  "growth after the forecast: %s",
                                  ferr.message);
                goto fail;
            }
            g = p->fit.rate_pct;
            snprintf(gtxt, sizeof gtxt, "%.4g%% a year (fitted %d-%d, s.e. "
                     "%.3g pp)",
                     g, p->fit.first_year, p->fit.last_year, p->fit.se_pct);
        } else {
            snprintf(gtxt, sizeof gtxt, "%.4g%% a year (given)", g);
        }
        if (fc->real_and_deflator)
            snprintf(p->growth_basis, sizeof p->growth_basis,
                     "nominal growth from the forecasts %s, vintage %s, %s "
                     "(mean %.3g%% a year; (1 + real growth) x the "
                     "deflator over the year before's, in that vintage) "
                     "applied to the actual %d GDP in %s, then %s",
                     fc->source, fc->vintage,
                     year_span(fc->first_year, fc->last_year, span,
                               sizeof span),
                     fc->mean_pct, from, fc->currency,
                     from + (int)fc->n < by ? gtxt : "nothing more");
        else
            snprintf(p->growth_basis, sizeof p->growth_basis,
                     "growth rates of the forecast %s in %s, vintage %s, "
                     "%d-%d (mean %.3g%% a year; each year over the year "
                     "before in that vintage) applied to the actual %d GDP, "
                     "then %s",
                     fc->source, fc->currency, fc->vintage, fc->first_year,
                     fc->last_year, fc->mean_pct, from,
                     from + (int)fc->n < by ? gtxt : "nothing more");
        if (fc->predates_start && fc->start_is_projection)
            add_note(p, "the GDP forecast (%s, vintage %s) predates the "
                        "start-year GDP (%s, vintage %s), and %d is itself a "
                        "projection in that vintage: its growth rates were "
                        "forecast before %d was known",
                     fc->source, fc->vintage, gstart->source,
                     gstart->vintage, from, from);
        else if (fc->predates_start)
            add_note(p, "the GDP forecast (%s, vintage %s) predates the "
                        "start-year GDP (%s, vintage %s)",
                     fc->source, fc->vintage, gstart->source,
                     gstart->vintage);
        else if (fc->start_is_projection)
            add_note(p, "%d is a projection in the GDP forecast's vintage "
                        "(%s, vintage %s): its growth rates were forecast "
                        "before %d was known",
                     from, fc->source, fc->vintage, from);
        if (p->lcu_only_usd && strcmp(fc->currency, "USD") != 0)
            add_note(p, "GDP in US$ grows at the forecast's growth in %s: "
                        "the rate is held constant",
                     fc->currency);
        break;
    }
    if (!isfinite(g) || g <= -100.0) {
        r = ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                          "GDP growth must be a number above -100%%");
        goto fail;
    }
    if (ds_growth_check(g, NULL) != DS_OK)
        add_note(p, "GDP growth of %.4g%% a year is outside %g%% to +%g%%: "
                    "check the series it comes from",
                 g, DS_GROWTH_MIN_PCT, DS_GROWTH_MAX_PCT);
    p->growth_pct = g;

    /* years: GDP and deflator */
    p->n_years = ny;
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
        y->gdp_growth_pct = NAN;
        y->budget_lcu = NAN;
        if (i > 0) {
            double rt = g;
            if (i <= p->n_projection_years) {
                rt = frate[i];
                y->gdp_obs = fobs[i];
            }
            gl *= 1.0 + rt / 100.0;
            y->gdp_growth_pct = rt;
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
    /* with --gdp-source weo and no inflation given, a deflator forecast
     * of one vintage (the growth forecast's when it has one) carries the
     * deflator from dlast at its year-on-year rates, then infl */
    int dfc_n = 0; /* years dlast+1 .. dlast+dfc_n have a forecast ratio */
    double *dfc = NULL;
    if (dl && sp->gdp_source == DS_GDP_PROJECTIONS &&
        !isfinite(sp->inflation_pct) && by > dlast) {
        const ds_obs *best = newest_projection(st, sc->iso3, "gdp_deflator",
                                               dlast);
        const char *ddef = best ? best->definition : NULL;
        const char *dvin = best ? best->vintage : NULL;
        if (fc->real_and_deflator) {
            ddef = fc->definition;
            dvin = fc->vintage;
        }
        const ds_obs *prev =
            ddef ? vintage_plain(st, sc->iso3, "gdp_deflator", ddef, dvin,
                                 dlast)
                 : NULL;
        const ds_obs *first = prev, *last = NULL;
        dfc = malloc((size_t)(by - dlast) * sizeof *dfc);
        if (!dfc) {
            r = ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
            goto fail;
        }
        for (int y = dlast + 1; y <= by && prev && prev->value > 0; y++) {
            const ds_obs *o = vintage_plain(st, sc->iso3, "gdp_deflator",
                                            ddef, dvin, y);
            if (!o || !(o->value > 0))
                break;
            dfc[dfc_n++] = o->value / prev->value;
            prev = last = o;
        }
        if (dfc_n) {
            char then[96];
            if (dlast + dfc_n < by && isfinite(infl))
                snprintf(then, sizeof then, "then %.4g%% a year (fitted)",
                         infl);
            else if (dlast + dfc_n < by)
                snprintf(then, sizeof then, "then n/a (too little "
                         "deflator history to fit)");
            else
                snprintf(then, sizeof then, "then nothing more");
            snprintf(p->inflation_basis, sizeof p->inflation_basis,
                     "GDP deflator after %d at the year-on-year rates of "
                     "the forecast %s, vintage %s, %s (from %s %d), %s",
                     dlast, last->source, last->vintage,
                     year_span(dlast + 1, dlast + dfc_n, span, sizeof span),
                     (first->flags & DS_FLAG_PROJECTION) ? "its projection of"
                                                         : "its actual",
                     dlast, then);
        }
    }
    int base = sp->price_base_year ? sp->price_base_year : from;
    p->price_base_year = base;
    double dbase = NAN;
    if (dl) {
        const ds_obs *b = find_actual(st, sc->iso3, "gdp_deflator", base, NULL);
        if (b) {
            p->deflator_base = b;
            dbase = b->value;
        } else if (base > dlast) {
            dbase = deflator_after(dl->value, dfc, dfc_n, infl,
                                   base - dlast);
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
                deflator_after(dl->value, dfc, dfc_n, infl, y - dlast);
        }
    }
    free(dfc);
    dfc = NULL;
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
    /* the share the scenario chose by the one-source rules (a
     * publisher's own share for its year, e.g. SIPRI's 4.15% for Poland
     * 2024, not SIPRI spending over NATO GDP), else baseline / GDP in one
     * currency */
    p->baseline_share_pct =
        bl->present && isfinite(bl->share_pct) && bl->share_year == from
            ? bl->share_pct
            : 100.0 * blcu / g0;
    double s0 = p->baseline_share_pct;
    if (!isfinite(s0) && sc->latest_pct)
        s0 = sc->latest_pct->value;
    if (!isfinite(s0) && sp->path != DS_PATH_STEP) {
        r = ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                          "no baseline and no share of GDP for %s in the "
                          "store to start the path from; a step path needs "
                          "none, or give a baseline",
                          sc->iso3);
        goto fail;
    }

    /* budgets already decided: the baseline's definition (its row, else
     * the country's default baseline series) */
    budget_series bs;
    memset(&bs, 0, sizeof bs);
    const ds_obs *bo = bl->obs_lcu ? bl->obs_lcu : bl->obs_usd;
    const ds_baseline_def *bdef = ds_store_baseline_def(st, sc->iso3);
    if (bo) {
        bs.indicator = bo->indicator;
        bs.definition = bo->definition;
        bs.currency = bo->currency;
        bs.fy_start_month = bo->fy_start_month;
    } else if (bdef) {
        bs.indicator = bdef->indicator;
        bs.definition = bdef->definition;
        bs.currency = gcur;
        bs.fy_start_month = bdef->fy_start_month;
    }
    bs.supplementary = sp->decided == DS_DECIDED_SUPPLEMENTARY;
    bs.lcu_per_usd = 1.0;
    if (bs.currency && strcmp(bs.currency, gcur) != 0) {
        if (strcmp(bs.currency, "USD") == 0)
            bs.lcu_per_usd = p->lcu_per_usd;
        else
            bs.definition = NULL; /* another currency: not comparable */
    }
    size_t L = 0; /* index of the last decided year, 0 = none */
    if (bs.definition && sp->decided != DS_DECIDED_NONE) {
        for (size_t i = 1; i < p->n_years; i++) {
            ds_project_year *y = &p->years[i];
            double v = budget_at(st, sc->iso3, &bs, y->year, &y->budget_obs,
                                 &y->supp_obs);
            if (!isfinite(v))
                break;
            y->budget_lcu = v;
            L = i;
        }
    }
    p->n_decided = L;
    p->last_decided_year = from + (int)L;
    if (L) {
        char a[16];
        size_t ns = 0;
        for (size_t i = 1; i <= L; i++) {
            ns += p->years[i].supp_obs != NULL;
        }
        size_t w = (size_t)snprintf(
            p->decided_basis, sizeof p->decided_basis,
            "%s %s budgets of definition %s (vintage %s)%s:", bs.indicator,
            bs.supplementary ? "initial + supplementary" : "initial",
            bs.definition, p->years[L].budget_obs->vintage,
            bo ? "" : ", the country's default baseline series");
        for (size_t i = 1; i <= L && w < sizeof p->decided_basis; i++) {
            const ds_project_year *y = &p->years[i];
            char m[48];
            w += (size_t)snprintf(
                p->decided_basis + w, sizeof p->decided_basis - w,
                "%s %s%s %s%s (%s)", i > 1 ? ";" : "",
                year_label(y->budget_obs, a, sizeof a),
                (y->budget_obs->flags & DS_FLAG_DRAFT) ? " draft" : "",
                ds_format_money(y->budget_lcu, gcur, m, sizeof m),
                y->supp_obs ? " incl. supplementary" : "",
                y->budget_obs->source);
        }
        if (bs.supplementary && bl->present)
            add_note(p, "supplementary budgets are added to the decided "
                        "years only; extra spending is still measured from "
                        "the baseline as chosen (%s)",
                     bl->label);
        if (bs.supplementary && ns < L && w < sizeof p->decided_basis)
            snprintf(p->decided_basis + w, sizeof p->decided_basis - w,
                     "; some years have no supplementary budget stored");
        if (L + 1 >= p->n_years)
            add_note(p, "every year to %d has a decided budget: the path "
                        "follows them and does not ramp to the targets",
                     by);
    } else if (sp->decided == DS_DECIDED_NONE) {
        snprintf(p->decided_basis, sizeof p->decided_basis,
                 "not used (asked): the ramp starts after %d", from);
    } else if (bs.definition) {
        snprintf(p->decided_basis, sizeof p->decided_basis,
                 "none stored after %d for %s %s", from, bs.indicator,
                 bs.definition);
    } else {
        snprintf(p->decided_basis, sizeof p->decided_basis,
                 "none: the baseline has no stored series in %s", gcur);
    }

    /* the plan Monte Carlo tests */
    double T = (double)(by - from);
    switch (sp->plan) {
    case DS_PLAN_FLAT:
        p->plan_spend_lcu = blcu;
        snprintf(p->plan_basis, sizeof p->plan_basis,
                 "the baseline held flat in current prices");
        break;
    case DS_PLAN_GROWTH:
        p->plan_growth_pct = sp->plan_growth_pct;
        p->plan_spend_lcu = blcu * pow(1.0 + sp->plan_growth_pct / 100.0, T);
        snprintf(p->plan_basis, sizeof p->plan_basis,
                 "the baseline growing %.4g%% a year from %d (given)",
                 sp->plan_growth_pct, from);
        break;
    case DS_PLAN_ENACTED: {
        /* the last budget of the series up to by, its growth over the
         * last (up to) 3 years */
        const ds_obs *lo = NULL, *so = NULL, *fo = NULL;
        double last = NAN, first = NAN;
        int ly = 0, fyr = 0;
        for (int y = by; bs.definition && y >= from - 60 && !lo; y--) {
            last = budget_at(st, sc->iso3, &bs, y, &lo, &so);
            ly = y;
        }
        for (int k = 3; lo && k >= 1 && !fo; k--) {
            first = budget_at(st, sc->iso3, &bs, ly - k, &fo, &so);
            fyr = ly - k;
        }
        if (!lo || !fo || !(first > 0) || !(last > 0)) {
            r = ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                              "no two budgets of the baseline's series for "
                              "%s in the store to extend for the plan",
                              sc->iso3);
            goto fail;
        }
        double gr = 100.0 * (pow(last / first, 1.0 / (ly - fyr)) - 1.0);
        p->plan_growth_pct = gr;
        p->plan_spend_lcu = last * pow(1.0 + gr / 100.0, by - ly);
        char a[16], b[16];
        snprintf(p->plan_basis, sizeof p->plan_basis,
                 "the last budget (%s%s, %s) extended at the budgets' "
                 "growth %s-%s, %.4g%% a year",
                 year_label(lo, a, sizeof a),
                 (lo->flags & DS_FLAG_DRAFT) ? " draft" : "", lo->source,
                 year_label(fo, b, sizeof b), a, gr);
        break;
    }
    }

    double disc = isfinite(sp->discount_pct) ? sp->discount_pct / 100.0 : NAN;
    for (size_t k = 0; k < p->n_targets; k++) {
        double tgt = p->targets_pct[k];
        double cum = 0, cum_pv = 0, cum_c = 0, cum_d = 0;
        double sT = tgt / 100.0 * p->years[p->n_years - 1].gdp_lcu;
        /* the ramp starts at the last decided year (or the start) */
        double sL = L ? p->years[L].budget_lcu : s0 / 100.0 * g0;
        double shL = 100.0 * sL / p->years[L].gdp_lcu;
        double TL = T - (double)L;
        for (size_t i = 0; i < p->n_years; i++) {
            ds_project_cell *c = &p->cells[k * p->n_years + i];
            const ds_project_year *y = &p->years[i];
            double frac = TL > 0 ? ((double)i - (double)L) / TL : 1, share;
            if (i == 0) {
                share = s0;
            } else if (i <= L) {
                share = 100.0 * y->budget_lcu / y->gdp_lcu;
            } else if (sp->path == DS_PATH_LINEAR) {
                share = shL + (tgt - shL) * frac;
            } else if (sp->path == DS_PATH_GROWTH) {
                double spend = sL * pow(sT / sL, frac);
                share = 100.0 * spend / y->gdp_lcu;
            } else {
                share = tgt;
            }
            c->share_pct = share;
            c->spend_lcu = share / 100.0 * y->gdp_lcu;
            if (i == 0 && bl->present)
                c->spend_lcu = blcu; /* exactly the baseline */
            if (i > 0 && i <= L)
                c->spend_lcu = y->budget_lcu; /* exactly the budget */
            c->spend_usd = c->spend_lcu / p->lcu_per_usd;
            c->extra_lcu = c->spend_lcu - blcu; /* NaN without baseline */
            c->extra_usd = c->extra_lcu / p->lcu_per_usd;
            double dlev = !L ? NAN : i <= L ? (i ? y->budget_lcu : blcu)
                                            : p->years[L].budget_lcu;
            c->decided_increase_lcu = dlev - blcu;
            c->decided_increase_usd = c->decided_increase_lcu /
                                      p->lcu_per_usd;
            double fconst = ds_convert_rebase(1.0, y->deflator, dbase);
            c->spend_lcu_const = c->spend_lcu * fconst;
            c->spend_usd_const = c->spend_lcu_const / rbase;
            if (i > 0) {
                cum += c->extra_lcu;
                cum_d += c->decided_increase_lcu;
                cum_c += c->extra_lcu * fconst / rbase;
                if (isfinite(disc))
                    cum_pv += c->extra_lcu / pow(1.0 + disc, (double)i);
            }
            c->cum_extra_lcu = cum;
            c->cum_extra_usd = cum / p->lcu_per_usd;
            c->cum_decided_increase_lcu = L ? cum_d : NAN;
            c->cum_decided_increase_usd = c->cum_decided_increase_lcu /
                                          p->lcu_per_usd;
            c->cum_extra_usd_const = cum_c;
            c->pv_cum_extra_lcu = isfinite(disc) ? cum_pv : NAN;
            c->pv_cum_extra_usd = c->pv_cum_extra_lcu / p->lcu_per_usd;
            c->cum_beyond_decided_usd =
                c->cum_extra_usd - c->cum_decided_increase_usd;
            c->cum_beyond_decided_lcu =
                c->cum_extra_lcu - c->cum_decided_increase_lcu;
        }
    }
    p->plan_spend_usd = p->plan_spend_lcu / p->lcu_per_usd;
    free(frate);
    free(fobs);
    *out = p;
    return DS_OK;

fail:
    free(frate);
    free(fobs);
    ds_project_free(p);
    return r;
}
