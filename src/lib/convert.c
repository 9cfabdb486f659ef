/* convert.c - currency, price-basis and fiscal/calendar-year conversions.
 *
 * Promises: every output names the rate, deflator rows and weights behind
 * it (ds_conversion.method, .rates, .deflators); a missing input gives NaN
 * and a note, never zero; a fiscal-year value converted with calendar-year
 * rates or deflators uses the months it covers ((13-m)/12 of its own year,
 * (m-1)/12 of the next) and says so when the next year is not in the store.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "defspend/select.h"
#include "internal.h"

double
ds_convert_fy_weight_prev(int start_month)
{
    if (start_month < 1 || start_month > 12)
        return NAN;
    return (double)(start_month - 1) / 12.0;
}

double
ds_convert_fy_to_cy(double fy_prev, double fy_t, int start_month)
{
    if (start_month < 1 || start_month > 12)
        return NAN;
    if (start_month == 1)
        return fy_t;
    double wp = (double)(start_month - 1) / 12.0;
    double wt = (double)(13 - start_month) / 12.0;
    return wp * fy_prev + wt * fy_t; /* NaN propagates */
}

double
ds_convert_rebase(double value, double d_year, double d_base)
{
    if (!isfinite(d_year) || !isfinite(d_base) || d_year == 0.0)
        return NAN;
    return value * d_base / d_year;
}

/* ------------------------------------------------------------ rates */

static const ds_obs *
find1(const ds_store *st, const char *iso3, const char *ind, int year,
      const char *cur, const char *def)
{
    return ds_select_actual(st, iso3, ind, year, cur, def, 1);
}

ds_status
ds_rate_find(const ds_store *st, const char *iso3, const char *lcu, int year,
             ds_rate_kind kind, double user_rate, ds_rate *out, ds_error *err)
{
    assert(st && iso3 && lcu && out);
    ds_rate r;
    memset(&r, 0, sizeof r);
    r.kind = kind;
    r.year = year;
    switch (kind) {
    case DS_RATE_USER:
        if (!isfinite(user_rate) || user_rate <= 0)
            return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                                 "exchange rate must be a positive number");
        r.lcu_per_usd = user_rate;
        snprintf(r.basis, sizeof r.basis, "given by the user: %.6g %s per US$",
                 user_rate, lcu);
        break;
    case DS_RATE_OFFICIAL:
        r.obs = find1(st, iso3, DS_IND_FX, year, lcu, "wdi");
        if (!r.obs || !(r.obs->value > 0))
            return ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                                 "no official exchange rate (fx, definition "
                                 "wdi) for %s in %d in the store",
                                 iso3, year);
        r.lcu_per_usd = r.obs->value;
        snprintf(r.basis, sizeof r.basis,
                 "official annual average %d: %.6g %s per US$ (%.80s; "
                 "vintage %.10s)",
                 year, r.lcu_per_usd, lcu, r.obs->source, r.obs->vintage);
        break;
    case DS_RATE_GDP_IMPLIED:
        r.obs = find1(st, iso3, DS_IND_GDP, year, lcu, NULL);
        r.obs_usd = find1(st, iso3, DS_IND_GDP, year, DS_CURRENCY_USD, NULL);
        if (!r.obs || !r.obs_usd || !(r.obs_usd->value > 0) ||
            !(r.obs->value > 0))
            return ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                                 "no GDP in both %s and US$ for %s in %d in "
                                 "the store (needed for the GDP-implied "
                                 "rate)",
                                 lcu, iso3, year);
        r.lcu_per_usd = r.obs->value / r.obs_usd->value;
        snprintf(r.basis, sizeof r.basis,
                 "implied by GDP %d in %s / GDP in US$: %.6g %s per US$ (%s, "
                 "vintage %s)",
                 year, lcu, r.lcu_per_usd, lcu, r.obs->definition,
                 r.obs->vintage);
        break;
    default:
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "unknown exchange-rate kind");
    }
    *out = r;
    return DS_OK;
}

/* ------------------------------------------------------ series choice */


/* Is o a candidate input for spec (lcu = local currency code)? */
static int
candidate(const ds_obs *o, const ds_convert_spec *sp, const char *lcu)
{
    if (strcmp(o->country, sp->country) != 0 ||
        strcmp(o->indicator, sp->indicator) != 0)
        return 0;
    if (sp->definition && strcmp(o->definition, sp->definition) != 0)
        return 0;
    if (o->price_basis[0] && strcmp(o->price_basis, "current") != 0)
        return 0;
    switch (sp->to) {
    case DS_TO_CALENDAR:
        return o->fy_start_month != 1;
    case DS_TO_USD:
        return o->currency[0] && strcmp(o->currency, DS_CURRENCY_USD) != 0 &&
               (!lcu[0] || strcmp(o->currency, lcu) == 0);
    case DS_TO_LCU:
        return strcmp(o->currency, DS_CURRENCY_USD) == 0;
    case DS_TO_CONSTANT:
        return o->currency[0] && strcmp(o->price_basis, "current") == 0;
    }
    return 0;
}

/* ------------------------------------------------------------ helpers */

typedef struct conv_ctx {
    const ds_store *st;
    const ds_convert_spec *sp;
    ds_conversion *c;
    size_t rates_cap;
    size_t defl_cap;
} conv_ctx;

/* The rate of calendar year y, cached in c->rates; NULL if unavailable. */
static const ds_rate *
rate_of(conv_ctx *x, int y, ds_status *oom)
{
    ds_conversion *c = x->c;
    if (x->sp->rate_kind == DS_RATE_USER)
        y = 0;
    for (size_t i = 0; i < c->n_rates; i++)
        if (c->rates[i].year == y)
            return &c->rates[i];
    ds_rate r;
    if (ds_rate_find(x->st, c->iso3, c->lcu, y, x->sp->rate_kind,
                     x->sp->user_rate, &r, NULL) != DS_OK)
        return NULL;
    if (c->n_rates == x->rates_cap) {
        size_t nc = x->rates_cap ? x->rates_cap * 2 : 16;
        ds_rate *n = realloc(c->rates, nc * sizeof *n);
        if (!n) {
            *oom = DS_ENOMEM;
            return NULL;
        }
        c->rates = n;
        x->rates_cap = nc;
    }
    c->rates[c->n_rates] = r;
    return &c->rates[c->n_rates++];
}

static const ds_obs *
deflator_of(conv_ctx *x, int y, ds_status *oom)
{
    ds_conversion *c = x->c;
    const ds_obs *o = find1(x->st, c->iso3, DS_IND_GDP_DEFLATOR, y, NULL, NULL);
    if (!o || !(o->value > 0))
        return NULL;
    for (size_t i = 0; i < c->n_deflators; i++)
        if (c->deflators[i] == o)
            return o;
    if (c->n_deflators == x->defl_cap) {
        size_t nc = x->defl_cap ? x->defl_cap * 2 : 16;
        const ds_obs **n = realloc(c->deflators, nc * sizeof *n);
        if (!n) {
            *oom = DS_ENOMEM;
            return NULL;
        }
        c->deflators = n;
        x->defl_cap = nc;
    }
    c->deflators[c->n_deflators++] = o;
    return o;
}

/* A calendar-year quantity (rate or deflator) for label year y of a series
 * with fiscal start month m: the months-weighted mean of years y and y+1.
 * Falls back to year y alone (noted) when y+1 is missing. */
typedef double (*cal_fn)(conv_ctx *x, int y, ds_status *oom);

static double
rate_value(conv_ctx *x, int y, ds_status *oom)
{
    const ds_rate *r = rate_of(x, y, oom);
    return r ? r->lcu_per_usd : NAN;
}

static double
defl_value(conv_ctx *x, int y, ds_status *oom)
{
    const ds_obs *o = deflator_of(x, y, oom);
    return o ? o->value : NAN;
}

static double
cal_weighted(conv_ctx *x, cal_fn fn, int y, int m, const char *what,
             char *note, size_t nsize, ds_status *oom)
{
    double a = fn(x, y, oom);
    if (m <= 1 || !isfinite(a))
        return a;
    double b = fn(x, y + 1, oom);
    double w = ds_convert_fy_weight_prev(m);
    if (!isfinite(b)) {
        snprintf(note, nsize,
                 "%s of %d only: the fiscal year runs into %d, which has no "
                 "%s in the store",
                 what, y, y + 1, what);
        return a;
    }
    return (1.0 - w) * a + w * b;
}

static ds_status
add_row(ds_conversion *c, size_t *cap, const ds_convert_row *r)
{
    if (c->n_rows == *cap) {
        size_t nc = *cap ? *cap * 2 : 32;
        ds_convert_row *n = realloc(c->rows, nc * sizeof *n);
        if (!n)
            return DS_ENOMEM;
        c->rows = n;
        *cap = nc;
    }
    c->rows[c->n_rows++] = *r;
    return DS_OK;
}


/* ---------------------------------------------------------------- run */

void
ds_convert_spec_init(ds_convert_spec *spec)
{
    assert(spec);
    memset(spec, 0, sizeof *spec);
    spec->user_rate = NAN;
}

ds_status
ds_convert_run(const ds_store *st, const ds_convert_spec *sp,
               ds_conversion **out, ds_error *err)
{
    assert(st && sp && sp->country && sp->indicator && out);
    ds_status r = DS_OK;
    ds_conversion *c = calloc(1, sizeof *c);
    int *years = NULL;
    if (!c)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    snprintf(c->iso3, sizeof c->iso3, "%s", sp->country);
    c->lcu = "";
    c->rate_kind = sp->rate_kind;
    const ds_countries *cs = ds_store_countries(st);
    const ds_country *ct = NULL;
    if (cs && ds_countries_lookup(cs, c->iso3, &ct, NULL) == DS_OK)
        c->lcu = ct->currency;

    /* choose the input series: the store's rule, local currency first */
    const ds_obs *best = NULL, *o;
    ds_store_iter it;
    ds_store_iter_init(&it, st, sp->country, sp->indicator);
    while ((o = ds_store_iter_next(&it)) != NULL) {
        if (candidate(o, sp, c->lcu) &&
            (!best || ds__series_prefer(o, best, c->lcu) < 0))
            best = o;
    }
    if (!best) {
        static const char *const want[] = {"fiscal-year", "local-currency",
                                           "US$", "current-price money"};
        r = ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                          "no %s series of %s%s%s for %s in the store to "
                          "convert",
                          want[sp->to], sp->indicator,
                          sp->definition ? " with definition " : "",
                          sp->definition ? sp->definition : "", c->iso3);
        goto fail;
    }
    if (!c->lcu[0] && strcmp(best->currency, DS_CURRENCY_USD) != 0)
        c->lcu = best->currency;
    if ((sp->to == DS_TO_USD || sp->to == DS_TO_LCU ||
         (sp->to == DS_TO_CONSTANT && strcmp(best->currency, DS_CURRENCY_USD) == 0)) &&
        !c->lcu[0]) {
        r = ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                          "the local currency of %s is not known", c->iso3);
        goto fail;
    }
    c->indicator = best->indicator;
    c->definition = best->definition;
    c->currency_in = best->currency;
    c->price_in = "current";
    c->fy_start_month_in = best->fy_start_month;
    c->fy_start_month_out = best->fy_start_month;
    c->currency_out = best->currency;
    snprintf(c->price_out, sizeof c->price_out, "current");
    c->source = best->source;
    c->vintage = best->vintage;

    ds_query q = {c->iso3, c->indicator, 0, c->currency_in, c->definition,
                  NULL, NULL, c->fy_start_month_in, DS_ACTUALS_ONLY};
    size_t ny = 0;
    if ((r = ds_store_years(st, &q, NULL, 0, &ny, err)) != DS_OK)
        goto fail;
    years = malloc((ny ? ny : 1) * sizeof *years);
    if (!years) {
        r = ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
        goto fail;
    }
    if ((r = ds_store_years(st, &q, years, ny, &ny, err)) != DS_OK)
        goto fail;

    conv_ctx x = {st, sp, c, 0, 0};
    size_t cap = 0;
    ds_status oom = DS_OK;
    int m = c->fy_start_month_in;
    char yb[16];
    ds_year_basis_format(m, yb, sizeof yb);

    if (sp->to == DS_TO_CALENDAR) {
        c->fy_start_month_out = 1;
        double wp = ds_convert_fy_weight_prev(m);
        snprintf(c->method, sizeof c->method,
                 "fiscal years starting in %s (FY t = %s t to %s t+1) to "
                 "calendar years: CY t = %.4g * FY t-1 + %.4g * FY t "
                 "(months of each fiscal year in calendar year t; SIPRI's "
                 "rule for April)",
                 ds_month_abbr(m), ds_month_abbr(m), ds_month_abbr(m - 1), wp,
                 1.0 - wp);
        int y0 = years[0], y1 = years[ny - 1];
        for (int y = y0; y <= y1; y++) {
            ds_convert_row row;
            memset(&row, 0, sizeof row);
            row.year = y;
            q.year = y;
            const ds_obs *a = NULL, *b = NULL;
            if (ds_store_find(st, &q, &a, NULL) != DS_OK)
                a = NULL;
            q.year = y - 1;
            if (ds_store_find(st, &q, &b, NULL) != DS_OK)
                b = NULL;
            row.src = a;
            row.src_prev = b;
            row.in = a ? a->value : NAN;
            row.in_prev = b ? b->value : NAN;
            row.factor = NAN;
            row.flags = (a ? a->flags : 0) | (b ? b->flags : 0);
            row.out = ds_convert_fy_to_cy(row.in_prev, row.in, m);
            if (!a != !b)
                snprintf(row.note, sizeof row.note,
                         "missing: FY%d not in the store", !b ? y - 1 : y);
            else if (!a && !b)
                snprintf(row.note, sizeof row.note,
                         "missing: FY%d and FY%d not in the store", y - 1, y);
            if (a && strcmp(a->vintage, c->vintage) > 0)
                c->vintage = a->vintage;
            if (add_row(c, &cap, &row) != DS_OK) {
                r = ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
                goto fail;
            }
        }
        *out = c;
        free(years);
        return DS_OK;
    }

    const char *rk = sp->rate_kind == DS_RATE_OFFICIAL ? "official annual-"
                                                         "average rates "
                                                         "(fx, wdi)"
                     : sp->rate_kind == DS_RATE_GDP_IMPLIED
                         ? "rates implied by GDP in local currency / GDP in "
                           "US$"
                         : "a rate given by the user";
    int base = sp->base_year;
    const ds_obs *dbase = NULL;
    double rbase = NAN;
    int usd_const = 0;
    if (sp->to == DS_TO_USD) {
        c->currency_out = DS_CURRENCY_USD;
        snprintf(c->method, sizeof c->method,
                 "%s to US$: value / rate, at %s of each year%s", c->lcu, rk,
                 m > 1 ? " (a fiscal year weights the rates of the calendar "
                         "years it spans by months)"
                       : "");
    } else if (sp->to == DS_TO_LCU) {
        c->currency_out = c->lcu;
        snprintf(c->method, sizeof c->method,
                 "US$ to %s: value * rate, at %s of each year%s", c->lcu, rk,
                 m > 1 ? " (a fiscal year weights the rates of the calendar "
                         "years it spans by months)"
                       : "");
    } else {
        dbase = deflator_of(&x, base, &oom);
        if (!dbase) {
            r = ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                              "no GDP deflator (gdp_deflator) for %s in %d "
                              "in the store",
                              c->iso3, base);
            goto fail;
        }
        snprintf(c->price_out, sizeof c->price_out, "constant %d", base);
        usd_const = strcmp(c->currency_in, DS_CURRENCY_USD) == 0 &&
                    strcmp(c->lcu, DS_CURRENCY_USD) != 0;
        if (usd_const) {
            rbase = rate_value(&x, base, &oom);
            if (!isfinite(rbase)) {
                r = ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                                  "no exchange rate for %s in %d (the price "
                                  "base year) in the store",
                                  c->iso3, base);
                goto fail;
            }
            snprintf(c->method, sizeof c->method,
                     "current US$ to constant %d US$: to %s at the year's "
                     "rate, deflated with %s's GDP deflator (value * "
                     "rate_t * D_%d / D_t), back to US$ at the %d rate; %s",
                     base, c->lcu, c->iso3, base, base, rk);
        } else {
            snprintf(c->method, sizeof c->method,
                     "current to constant %d prices: value * D_%d / D_t "
                     "with the GDP deflator D of %s (%s)%s",
                     base, base, c->iso3, dbase->source,
                     m > 1 ? "; a fiscal year weights the deflators of the "
                             "calendar years it spans by months"
                           : "");
        }
    }

    for (size_t i = 0; i < ny; i++) {
        ds_convert_row row;
        memset(&row, 0, sizeof row);
        row.year = years[i];
        row.in_prev = NAN;
        q.year = years[i];
        const ds_obs *a = NULL;
        if (ds_store_find(st, &q, &a, NULL) != DS_OK)
            continue;
        row.src = a;
        row.in = a->value;
        row.flags = a->flags;
        if (strcmp(a->vintage, c->vintage) > 0)
            c->vintage = a->vintage;
        if (sp->to == DS_TO_USD || sp->to == DS_TO_LCU) {
            double rt = cal_weighted(&x, rate_value, years[i], m, "rate",
                                     row.note, sizeof row.note, &oom);
            row.factor = sp->to == DS_TO_USD ? 1.0 / rt : rt;
            if (!isfinite(rt))
                snprintf(row.note, sizeof row.note,
                         "missing: no exchange rate for %d in the store",
                         years[i]);
        } else {
            double d = cal_weighted(&x, defl_value, years[i], m,
                                    "deflator", row.note,
                                    sizeof row.note, &oom);
            row.factor = ds_convert_rebase(1.0, d, dbase->value);
            if (!isfinite(d))
                snprintf(row.note, sizeof row.note,
                         "missing: no GDP deflator for %d in the store",
                         years[i]);
            if (usd_const && isfinite(row.factor)) {
                char n2[160] = "";
                double rt = cal_weighted(&x, rate_value, years[i], m,
                                         "rate", n2, sizeof n2, &oom);
                row.factor *= rt / rbase;
                if (!isfinite(rt))
                    snprintf(row.note, sizeof row.note,
                             "missing: no exchange rate for %d in the store",
                             years[i]);
                else if (n2[0] && !row.note[0])
                    snprintf(row.note, sizeof row.note, "%s", n2);
            }
        }
        row.out = row.in * row.factor;
        if (oom != DS_OK || add_row(c, &cap, &row) != DS_OK) {
            r = ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
            goto fail;
        }
    }
    free(years);
    *out = c;
    return DS_OK;

fail:
    free(years);
    ds_convert_free(c);
    return r;
}

void
ds_convert_free(ds_conversion *c)
{
    if (!c)
        return;
    free(c->rows);
    free(c->rates);
    free(c->deflators);
    free(c);
}

void
ds_conversion_free(ds_conversion *c)
{
    ds_convert_free(c);
}
