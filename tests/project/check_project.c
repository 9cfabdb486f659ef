/* check_project.c - growth fits and projections against hand arithmetic. */
#include <math.h>

#include <gsl/gsl_rng.h>

#include "ptest.h"

/* ------------------------------------------------------------ growth fit */

/* Independent arithmetic: ordinary least squares of ln(v) on the year,
 * slope = Sxy / Sxx, se = sqrt(SSR / (n - 2) / Sxx). */
static void
ols(const int *x, const double *v, size_t n, double *b, double *se)
{
    double xm = 0, ym = 0;
    for (size_t i = 0; i < n; i++) {
        xm += x[i];
        ym += log(v[i]);
    }
    xm /= (double)n;
    ym /= (double)n;
    double sxx = 0, sxy = 0;
    for (size_t i = 0; i < n; i++) {
        sxx += (x[i] - xm) * (x[i] - xm);
        sxy += (x[i] - xm) * (log(v[i]) - ym);
    }
    *b = sxy / sxx;
    double a = ym - *b * xm, ssr = 0;
    for (size_t i = 0; i < n; i++) {
        double r = log(v[i]) - a - *b * x[i];
        ssr += r * r;
    }
    *se = sqrt(ssr / (double)(n - 2) / sxx);
}

START_TEST(fit_exact_exponential)
{
    int y[8];
    double v[8];
    for (int i = 0; i < 8; i++) {
        y[i] = 2011 + i;
        v[i] = 482.7 * pow(1.02385, i);
    }
    ds_growth_fit f;
    ds_error e;
    ck_ok(&e, ds_growth_fit_arrays(y, v, 8, &f, &e));
    ck_assert_double_eq_tol(f.rate_pct, 2.385, 1e-9);
    ck_assert_double_eq_tol(f.se_pct, 0.0, 1e-9);
    ck_assert_double_eq_tol(f.log_mean, log(1.02385), 1e-12);
    ck_assert_double_eq_tol(f.log_sd, 0.0, 1e-12);
    ck_assert_int_eq(f.first_year, 2011);
    ck_assert_int_eq(f.last_year, 2018);
}
END_TEST

START_TEST(fit_noisy_series)
{
    static const int y[] = {2013, 2014, 2015, 2016, 2017, 2018, 2019};
    static const double v[] = {507.4, 518.8, 538.0, 544.4, 553.1, 556.6,
                               557.9};
    ds_growth_fit f;
    ds_error e;
    ck_ok(&e, ds_growth_fit_arrays(y, v, 7, &f, &e));
    double b, se;
    ols(y, v, 7, &b, &se);
    ck_assert_double_eq_tol(f.slope, b, 1e-12);
    ck_assert_double_eq_tol(f.slope_se, se, 1e-12);
    ck_assert_double_eq_tol(f.rate_pct, 100 * (exp(b) - 1), 1e-10);
    ck_assert_double_eq_tol(f.se_pct, 100 * exp(b) * se, 1e-10);
    /* mean / sd of log growth by hand */
    double g[6], m = 0, s2 = 0;
    for (int i = 0; i < 6; i++) {
        g[i] = log(v[i + 1] / v[i]);
        m += g[i] / 6;
    }
    for (int i = 0; i < 6; i++)
        s2 += (g[i] - m) * (g[i] - m) / 5;
    ck_assert_double_eq_tol(f.log_mean, m, 1e-14);
    ck_assert_double_eq_tol(f.log_sd, sqrt(s2), 1e-14);
}
END_TEST

START_TEST(fit_errors)
{
    static const int y[] = {2020, 2021, 2022};
    static const double bad[] = {1.0, -2.0, 3.0};
    ds_growth_fit f;
    ds_error e;
    ck_assert_int_eq(ds_growth_fit_arrays(y, bad, 2, &f, &e), DS_EINVAL);
    ck_assert_str_eq(e.message,
                     "a growth fit needs at least 3 years of data, found 2");
    ck_assert_int_eq(ds_growth_fit_arrays(y, bad, 3, &f, &e), DS_EINVAL);
    ck_assert_str_eq(e.message, "a growth fit needs positive values; 2021 "
                                "has -2");
}
END_TEST

/* Japan's nominal GDP in yen, WDI 2015-2024, fitted against the same
 * arithmetic on the figures read from the shipped file. */
START_TEST(fit_store_japan)
{
    ds_store *s = pt_shipped();
    ds_error e;
    ds_growth_fit f;
    ck_ok(&e, ds_growth_fit_store(s, "JPN", "gdp", "JPY", 2024, 10, &f, &e));
    int y[10];
    double v[10];
    for (int i = 0; i < 10; i++) {
        ds_query q = {"JPN", "gdp", 2015 + i, "JPY", "wdi", NULL, NULL, 1, DS_ACTUALS_ONLY};
        const ds_obs *o;
        ck_ok(&e, ds_store_find(s, &q, &o, &e));
        y[i] = 2015 + i;
        v[i] = o->value;
    }
    double b, se;
    ols(y, v, 10, &b, &se);
    ck_assert_uint_eq(f.n, 10);
    ck_assert_double_eq_tol(f.slope, b, 1e-12);
    ck_assert_double_eq_tol(f.slope_se, se, 1e-12);
    ck_assert_str_eq(f.source, "World Bank WDI NY.GDP.MKTP.CN");
    ck_assert_int_eq(ds_growth_fit_store(s, "JPN", "gdp", "JPY", 1985, 5, &f,
                                         &e),
                     DS_ENOTFOUND);
    ds_store_free(s);
}
END_TEST

/* ------------------------------------------------------------ projection */

static const char *const STORE =
    DS_STORE_HEADER "\n"
    "JPN,2020,calendar,gdp,538.2e12,JPY,current,wdi,t,2025-01-01,,\n"
    "JPN,2020,calendar,gdp,5.0412e12,USD,current,wdi,t,2025-01-01,,\n"
    "JPN,2020,calendar,gdp_deflator,101.7,,,wdi,t,2025-01-01,,\n"
    "JPN,2019,calendar,gdp_deflator,100.9,,,wdi,t,2025-01-01,,\n"
    "JPN,2018,calendar,gdp_deflator,100.2,,,wdi,t,2025-01-01,,\n";

static ds_project_spec
base_spec(const double *t, size_t nt)
{
    ds_project_spec sp;
    memset(&sp, 0, sizeof sp);
    sp.country = "JPN";
    sp.by_year = 2027;
    sp.targets_pct = t;
    sp.n_targets = nt;
    sp.gdp_source = DS_GDP_GROWTH;
    sp.growth_pct = 2.385;
    sp.fit_years = 10;
    sp.path = DS_PATH_LINEAR;
    sp.baseline_kind = DS_BASELINE_AMOUNT;
    sp.discount_pct = 3.1;
    sp.inflation_pct = 1.25;
    ds_error e;
    ck_ok(&e, ds_amount_parse("6.73tn JPY", &sp.baseline_amount, &e));
    return sp;
}

START_TEST(compound_growth_linear)
{
    ds_store *s = pt_text(STORE);
    double t[] = {3.5, 5};
    ds_project_spec sp = base_spec(t, 2);
    ds_projection *p = NULL;
    ds_error e;
    ck_ok(&e, ds_project_run(s, &sp, &p, &e));
    ck_assert_int_eq(p->from_year, 2020);
    ck_assert_uint_eq(p->n_years, 8);
    double rate = 538.2e12 / 5.0412e12, B = 6.73e12, g0 = 538.2e12;
    double s0 = 100 * B / g0;
    ck_assert_double_eq_tol(p->lcu_per_usd, rate, 1e-12);
    for (size_t k = 0; k < 2; k++) {
        double cum = 0, pv = 0;
        for (int i = 0; i <= 7; i++) {
            double gdp = g0 * pow(1.02385, i);       /* by hand */
            double share = s0 + (t[k] - s0) * i / 7.0;
            double spend = share / 100 * gdp;
            if (i > 0) {
                cum += spend - B;
                pv += (spend - B) / pow(1.031, i);
            }
            const ds_project_cell *c = ds_projection_cell(p, k, (size_t)i);
            ck_assert_double_eq_tol(p->years[i].gdp_lcu, gdp, gdp * 1e-12);
            ck_assert_double_eq_tol(p->years[i].gdp_usd, gdp / rate,
                                    gdp * 1e-12);
            ck_assert_double_eq_tol(c->share_pct, share, 1e-10);
            ck_assert_double_eq_tol(c->spend_lcu, spend, spend * 1e-12);
            ck_assert_double_eq_tol(c->spend_usd, spend / rate,
                                    spend * 1e-12);
            ck_assert_double_eq_tol(c->cum_extra_lcu, cum, 1e3);
            ck_assert_double_eq_tol(c->pv_cum_extra_lcu, pv, 1e3);
            /* constant 2020 prices: deflator 101.7 carried at 1.25% */
            double d = 101.7 * pow(1.0125, i);
            ck_assert_double_eq_tol(c->spend_lcu_const, spend * 101.7 / d,
                                    spend * 1e-12);
        }
    }
    ds_projection_free(p);
    ds_store_free(s);
}
END_TEST

START_TEST(growth_and_step_paths)
{
    ds_store *s = pt_text(STORE);
    double t[] = {4.125};
    ds_project_spec sp = base_spec(t, 1);
    sp.path = DS_PATH_GROWTH;
    ds_projection *p = NULL;
    ds_error e;
    ck_ok(&e, ds_project_run(s, &sp, &p, &e));
    double B = 6.73e12, g0 = 538.2e12;
    double sT = 0.04125 * g0 * pow(1.02385, 7);
    double r = pow(sT / B, 1.0 / 7);   /* constant growth of spending */
    for (int i = 0; i <= 7; i++)
        ck_assert_double_eq_tol(ds_projection_cell(p, 0, (size_t)i)->spend_lcu,
                                B * pow(r, i), B * 1e-10);
    ds_projection_free(p);
    sp.path = DS_PATH_STEP;
    ck_ok(&e, ds_project_run(s, &sp, &p, &e));
    ck_assert_double_eq_tol(ds_projection_cell(p, 0, 0)->spend_lcu, B, 1);
    ck_assert_double_eq_tol(ds_projection_cell(p, 0, 1)->share_pct, 4.125,
                            1e-12);
    ds_projection_free(p);
    ds_store_free(s);
}
END_TEST

START_TEST(projection_errors)
{
    ds_store *s = pt_text(STORE);
    double t[] = {3.5};
    ds_project_spec sp = base_spec(t, 1);
    ds_projection *p = NULL;
    ds_error e;
    sp.by_year = 2020;
    ck_assert_int_eq(ds_project_run(s, &sp, &p, &e), DS_EINVAL);
    ck_assert_str_eq(e.message, "target year 2020 must be after the start "
                                "year 2020 and at most 200 years later");
    sp.by_year = 2030;
    sp.gdp_source = DS_GDP_PROJECTIONS;
    ck_assert_int_eq(ds_project_run(s, &sp, &p, &e), DS_ENOTFOUND);
    ck_assert_str_eq(e.message,
                     "no GDP forecast growth (flag projection, one vintage "
                     "holding 2020 and 2021) for JPN in the store; import a "
                     "forecast such as an IMF World Economic Outlook file "
                     "first");
    sp.gdp_source = DS_GDP_FIT; /* one year of GDP: no fit */
    ck_assert_int_eq(ds_project_run(s, &sp, &p, &e), DS_ENOTFOUND);
    sp.gdp_source = DS_GDP_GROWTH;
    sp.growth_pct = -100;
    ck_assert_int_eq(ds_project_run(s, &sp, &p, &e), DS_EINVAL);
    sp.growth_pct = 2;
    sp.country = "KOR";
    ck_assert_int_eq(ds_project_run(s, &sp, &p, &e), DS_ENOTFOUND);
    ck_assert_ptr_null(p);
    ds_store_free(s);
}
END_TEST

/* An imported forecast gives growth rates, never levels: each year over
 * the year before in the forecast's vintage, applied to the actual start
 * level, then the given growth. */
START_TEST(imported_projections)
{
    ds_store *s = pt_text(
        DS_STORE_HEADER "\n"
        "JPN,2020,calendar,gdp,538.2e12,JPY,current,wdi,t,2025-01-01,,\n"
        "JPN,2020,calendar,gdp,5.0412e12,USD,current,wdi,t,2025-01-01,,\n"
        "JPN,2020,calendar,gdp,539.07e12,JPY,current,imf_weo,w,2021-04-06,"
        ",\n"
        "JPN,2021,calendar,gdp,549.9e12,JPY,current,imf_weo,w,2021-04-06,"
        "projection,\n"
        "JPN,2022,calendar,gdp,561.3e12,JPY,current,imf_weo,w,2021-04-06,"
        "projection,\n");
    double t[] = {2};
    ds_project_spec sp = base_spec(t, 1);
    sp.gdp_source = DS_GDP_PROJECTIONS;
    sp.growth_pct = 1.5;
    sp.by_year = 2024;
    ds_projection *p = NULL;
    ds_error e;
    ck_ok(&e, ds_project_run(s, &sp, &p, &e));
    ck_assert_int_eq(p->from_year, 2020); /* projections are not data */
    ck_assert_uint_eq(p->n_projection_years, 2);
    /* by hand: 538.2e12 x 549.9 / 539.07, then x 561.3 / 549.9 */
    double g1 = 538.2e12 * 549.9 / 539.07, g2 = g1 * 561.3 / 549.9;
    ck_assert_double_eq_tol(p->years[1].gdp_lcu, g1, 1e3);
    ck_assert_double_eq_tol(p->years[2].gdp_lcu, g2, 1e3);
    ck_assert_double_eq_tol(p->years[2].gdp_growth_pct,
                            100 * (561.3 / 549.9 - 1), 1e-10);
    ck_assert_double_eq_tol(p->years[4].gdp_lcu, g2 * 1.015 * 1.015, 1e3);
    ck_assert_ptr_nonnull(p->years[1].gdp_obs);
    ck_assert_ptr_null(p->years[3].gdp_obs);
    /* the 2020 WEO figure is not a projection and is newer than no
     * start-year vintage: no warning */
    ck_assert_int_eq(p->forecast.start_is_projection, 0);
    ck_assert_int_eq(p->forecast.predates_start, 1);
    ck_assert_uint_eq(p->n_notes, 1);
    ck_assert_str_eq(p->notes[0], "the GDP forecast (w, vintage 2021-04-06) "
                                  "predates the start-year GDP (t, vintage "
                                  "2025-01-01)");
    ds_projection_free(p);
    /* without the forecast's own 2020 figure no growth can be formed */
    ds_store_free(s);
    s = pt_text(
        DS_STORE_HEADER "\n"
        "JPN,2020,calendar,gdp,538.2e12,JPY,current,wdi,t,2025-01-01,,\n"
        "JPN,2020,calendar,gdp,5.0412e12,USD,current,wdi,t,2025-01-01,,\n"
        "JPN,2021,calendar,gdp,549.9e12,JPY,current,imf_weo,w,2021-04-06,"
        "projection,\n");
    ck_assert_int_eq(ds_project_run(s, &sp, &p, &e), DS_ENOTFOUND);
    ck_assert_str_eq(e.message,
                     "no GDP forecast growth (flag projection, one vintage "
                     "holding 2020 and 2021) for JPN in the store; import a "
                     "forecast such as an IMF World Economic Outlook file "
                     "first");
    ds_store_free(s);
}
END_TEST

/* The IMF WEO April 2021 national-currency GDP of Japan (billions of yen,
 * projections after 2020; tests/data/import/weo/
 * apr2021_ngdp_lcu_excerpt_utf16le.xls) over the shipped WDI 2024
 * actuals: 2025 = WDI 2024 x WEO 2025 / WEO 2024, not the WEO level. */
static const char *const WEO_JPN =
    "JPN,2023,calendar,gdp,586464083000000,JPY,current,imf_weo,"
    "IMF WEO NGDP,2021-04-01,projection,\n"
    "JPN,2024,calendar,gdp,592738214000000,JPY,current,imf_weo,"
    "IMF WEO NGDP,2021-04-01,projection,\n"
    "JPN,2025,calendar,gdp,598794496000000,JPY,current,imf_weo,"
    "IMF WEO NGDP,2021-04-01,projection,\n"
    "JPN,2026,calendar,gdp,604472461000000,JPY,current,imf_weo,"
    "IMF WEO NGDP,2021-04-01,projection,\n";

START_TEST(weo_growth_on_2024_actual)
{
    ds_store *s = pt_shipped();
    ds_error e;
    char buf[1024];
    snprintf(buf, sizeof buf, "%s\n%s", DS_STORE_HEADER, WEO_JPN);
    ck_ok(&e, ds_store_load_buffer(s, "weo2.csv", buf, strlen(buf), &e));
    double t[] = {3.5};
    ds_project_spec sp;
    memset(&sp, 0, sizeof sp);
    sp.country = "JPN";
    sp.by_year = 2030;
    sp.targets_pct = t;
    sp.n_targets = 1;
    sp.gdp_source = DS_GDP_PROJECTIONS;
    sp.growth_pct = 2.385;
    sp.fit_years = 10;
    sp.discount_pct = NAN;
    sp.inflation_pct = NAN;
    ds_projection *p = NULL;
    ck_ok(&e, ds_project_run(s, &sp, &p, &e));
    ck_assert_int_eq(p->from_year, 2024);
    double a24 = 609432600000000.0; /* WDI NY.GDP.MKTP.CN 2024 */
    double g25 = a24 * 598794496.0 / 592738214.0;
    double g26 = g25 * 604472461.0 / 598794496.0;
    ck_assert_double_eq_tol(p->years[0].gdp_lcu, a24, 1);
    ck_assert_double_eq_tol(p->years[1].gdp_lcu, g25, 1e3);
    ck_assert_double_eq_tol(p->years[2].gdp_lcu, g26, 1e3);
    ck_assert_double_eq_tol(p->years[3].gdp_lcu, g26 * 1.02385, 1e3);
    /* the spliced level would have been 598.79 tn: 2.8% lower */
    ck_assert(p->years[1].gdp_lcu > 615e12);
    ck_assert_double_eq_tol(p->years[1].gdp_usd,
                            g25 / (a24 / 4026210821146.81), 1e3);
    ck_assert_str_eq(p->forecast.vintage, "2021-04-01");
    ck_assert_str_eq(p->forecast.currency, "JPY");
    ck_assert_int_eq(p->forecast.first_year, 2025);
    ck_assert_int_eq(p->forecast.last_year, 2026);
    ck_assert_double_eq_tol(p->forecast.mean_pct,
                            100 * (sqrt(604472461.0 / 592738214.0) - 1),
                            1e-10);
    ck_assert_int_eq(p->forecast.predates_start, 1);
    ck_assert_int_eq(p->forecast.start_is_projection, 1);
    ck_assert_uint_eq(p->n_notes, 1);
    ck_assert_str_eq(p->notes[0],
                     "the GDP forecast (IMF WEO NGDP, vintage 2021-04-01) "
                     "predates the start-year GDP (World Bank WDI "
                     "NY.GDP.MKTP.CN, vintage 2025-10-07), and 2024 is "
                     "itself a projection in that vintage: its growth rates "
                     "were forecast before 2024 was known");
    ds_projection_free(p);
    /* with the fit, the forecast is only shown: GDP grows at the fit */
    sp.gdp_source = DS_GDP_FIT;
    sp.growth_pct = NAN;
    ck_ok(&e, ds_project_run(s, &sp, &p, &e));
    ck_assert_int_eq(p->forecast.present, 1);
    ck_assert_uint_eq(p->n_projection_years, 0);
    ck_assert_uint_eq(p->n_notes, 0);
    ck_assert_double_eq_tol(p->years[1].gdp_lcu,
                            a24 * (1 + p->fit.rate_pct / 100), 1e3);
    ds_projection_free(p);
    ds_store_free(s);
}
END_TEST

/* Japan's decided budgets (datasets/japan_mod_budget.csv): FY2025
 * enacted 8,700.5 bn yen and the FY2026 draft 9,035.3 bn yen are the
 * first path years after the FY2024 baseline of 7,949.6 bn yen; the
 * linear ramp starts from FY2026's share. */
START_TEST(decided_budgets_first)
{
    ds_store *s = pt_shipped();
    double t[] = {3.5};
    ds_project_spec sp;
    memset(&sp, 0, sizeof sp);
    sp.country = "JPN";
    sp.by_year = 2035;
    sp.targets_pct = t;
    sp.n_targets = 1;
    sp.gdp_source = DS_GDP_GROWTH;
    sp.growth_pct = 1.735;
    sp.discount_pct = NAN;
    sp.inflation_pct = NAN;
    ds_projection *p = NULL;
    ds_error e;
    ck_ok(&e, ds_project_run(s, &sp, &p, &e));
    const double B = 7949.6e9, b25 = 8700.5e9, b26 = 9035.3e9;
    const double a24 = 609432600000000.0;
    ck_assert_double_eq_tol(p->baseline_lcu, B, 1);
    ck_assert_uint_eq(p->n_decided, 2);
    ck_assert_int_eq(p->last_decided_year, 2026);
    ck_assert_double_eq_tol(ds_projection_cell(p, 0, 1)->spend_lcu, b25, 1);
    ck_assert_double_eq_tol(ds_projection_cell(p, 0, 2)->spend_lcu, b26, 1);
    ck_assert(!(p->years[1].budget_obs->flags & DS_FLAG_DRAFT));
    ck_assert(p->years[2].budget_obs->flags & DS_FLAG_DRAFT);
    ck_assert_ptr_null(p->years[3].budget_obs);
    /* the ramp: share from FY2026's share of 2026 GDP to 3.5% in 2035 */
    double g26 = a24 * 1.01735 * 1.01735, s26 = 100 * b26 / g26;
    for (int i = 3; i <= 11; i++) {
        double share = s26 + (3.5 - s26) * (i - 2) / 9.0;
        ck_assert_double_eq_tol(ds_projection_cell(p, 0, (size_t)i)->share_pct,
                                share, 1e-10);
    }
    /* extra from the chosen baseline, the decided part apart */
    const ds_project_cell *c1 = ds_projection_cell(p, 0, 1);
    const ds_project_cell *c5 = ds_projection_cell(p, 0, 5);
    const ds_project_cell *cT = ds_projection_cell(p, 0, 11);
    ck_assert_double_eq_tol(c1->extra_lcu, b25 - B, 1);
    ck_assert_double_eq_tol(c1->decided_increase_lcu, b25 - B, 1);
    ck_assert_double_eq_tol(c5->decided_increase_lcu, b26 - B, 1);
    ck_assert_double_eq_tol(cT->cum_decided_increase_lcu,
                            (b25 - B) + 10 * (b26 - B), 10);
    /* beyond the decided budgets: the rest of the cumulative extra */
    double cum = 0;
    for (size_t i = 1; i <= 11; i++)
        cum += ds_projection_cell(p, 0, i)->spend_lcu - B;
    ck_assert_double_eq_tol(cT->cum_beyond_decided_lcu,
                            cum - ((b25 - B) + 10 * (b26 - B)), 100);
    ck_assert_double_eq_tol(cT->cum_beyond_decided_usd * p->lcu_per_usd,
                            cT->cum_beyond_decided_lcu, 100);
    ds_projection_free(p);

    /* supplementary budgets only on request: FY2025's 847.2 bn yen */
    sp.decided = DS_DECIDED_SUPPLEMENTARY;
    ck_ok(&e, ds_project_run(s, &sp, &p, &e));
    ck_assert_double_eq_tol(ds_projection_cell(p, 0, 1)->spend_lcu,
                            b25 + 847.2e9, 1);
    ck_assert_ptr_nonnull(p->years[1].supp_obs);
    ck_assert_double_eq_tol(ds_projection_cell(p, 0, 2)->spend_lcu, b26, 1);
    ds_projection_free(p);

    /* ignored on request: the ramp starts at once, nothing decided */
    sp.decided = DS_DECIDED_NONE;
    ck_ok(&e, ds_project_run(s, &sp, &p, &e));
    ck_assert_uint_eq(p->n_decided, 0);
    double s0 = 100 * B / a24;
    ck_assert_double_eq_tol(ds_projection_cell(p, 0, 1)->share_pct,
                            s0 + (3.5 - s0) / 11, 1e-10);
    ck_assert(isnan(ds_projection_cell(p, 0, 1)->decided_increase_lcu));
    ck_assert(isnan(ds_projection_cell(p, 0, 11)->cum_beyond_decided_usd));
    ds_projection_free(p);

    /* the recent growth of the same series (WDI yen GDP) */
    sp.decided = DS_DECIDED_INITIAL;
    sp.plan = DS_PLAN_ENACTED;
    ck_ok(&e, ds_project_run(s, &sp, &p, &e));
    ck_assert_int_eq(p->recent[0].first_year, 2021);
    ck_assert_double_eq_tol(p->recent[0].rate_pct,
                            100 * (cbrt(609432600000000.0 /
                                        553068300000000.0) - 1),
                            1e-10);
    ck_assert_double_eq_tol(p->recent[1].rate_pct,
                            100 * (pow(609432600000000.0 / 557910800000000.0,
                                       0.2) - 1),
                            1e-10);
    /* the enacted plan: FY2026 extended at FY2023-FY2026 growth
     * (6,821.9 -> 9,035.3 bn yen) to 2035 */
    double gr = cbrt(9035.3 / 6821.9);
    ck_assert_double_eq_tol(p->plan_growth_pct, 100 * (gr - 1), 1e-10);
    ck_assert_double_eq_tol(p->plan_spend_lcu / (b26 * pow(gr, 9)), 1,
                            1e-12);
    ck_assert_double_eq_tol(p->plan_spend_usd * p->lcu_per_usd /
                                (b26 * pow(gr, 9)),
                            1, 1e-12);
    ds_projection_free(p);
    ds_store_free(s);
}
END_TEST

START_TEST(growth_bounds)
{
    ds_error e;
    ck_assert_int_eq(ds_growth_check(-20, &e), DS_OK);
    ck_assert_int_eq(ds_growth_check(50, &e), DS_OK);
    ck_assert_int_eq(ds_growth_check(2.385, &e), DS_OK);
    ck_assert_int_eq(ds_growth_check(-20.5, &e), DS_EINVAL);
    ck_assert_str_eq(e.message, "growth '-20.5' is outside the accepted "
                                "range -20% to +50% a year");
    ck_assert_int_eq(ds_growth_check(50.25, &e), DS_EINVAL);
    ck_assert_int_eq(ds_growth_check(NAN, &e), DS_EINVAL);
    ds_store *s = pt_text(STORE);
    double t[] = {3.5};
    ds_project_spec sp = base_spec(t, 1);
    ds_projection *p = NULL;
    sp.growth_pct = -50;
    ck_assert_int_eq(ds_project_run(s, &sp, &p, &e), DS_EINVAL);
    ck_assert_str_eq(e.message, "growth '-50' is outside the accepted "
                                "range -20% to +50% a year");
    sp.growth_pct = 2;
    sp.plan = DS_PLAN_GROWTH;
    sp.plan_growth_pct = 75;
    ck_assert_int_eq(ds_project_run(s, &sp, &p, &e), DS_EINVAL);
    ck_assert_ptr_null(p);
    ds_store_free(s);
}
END_TEST

/* The start year agrees with `defspend scenarios` (shared baseline). */
START_TEST(default_japan)
{
    ds_store *s = pt_shipped();
    double t[] = {3.5, 5};
    ds_project_spec sp;
    memset(&sp, 0, sizeof sp);
    sp.country = "JPN";
    sp.by_year = 2035;
    sp.targets_pct = t;
    sp.n_targets = 2;
    sp.gdp_source = DS_GDP_FIT;
    sp.fit_years = 10;
    sp.discount_pct = NAN;
    sp.inflation_pct = NAN;
    ds_projection *p = NULL;
    ds_error e;
    ck_ok(&e, ds_project_run(s, &sp, &p, &e));
    ck_assert_int_eq(p->from_year, 2024);
    /* FY2024 MoD budget 7.95 tn yen (japan_mod_budget.csv) */
    ck_assert_double_eq_tol(p->baseline_lcu, 7.95e12, 5e9);
    ck_assert_double_eq_tol(p->years[0].gdp_usd, 4026210821146.81, 1);
    ck_assert_double_eq_tol(ds_projection_cell(p, 1, 11)->share_pct, 5.0,
                            1e-12);
    ds_projection_free(p);
    ds_store_free(s);
}
END_TEST

static int
starts(const char *x, const char *prefix)
{
    return strncmp(x, prefix, strlen(prefix)) == 0;
}

/* A view of the projection written to memory in format f. */
static char *
view_out(const ds_projection *p, const ds_simulation *sim,
         ds_project_view v, size_t k, const char *prefix, ds_table_format f)
{
    ds_table *t = NULL;
    ds_error e;
    ck_ok(&e, ds_project_view_table(p, sim, 7, v, k, &t, &e));
    if (prefix)
        ds_table_set_option_prefix(t, prefix);
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(m);
    ck_ok(&e, ds_table_write(t, f, m, &e));
    ck_assert_int_eq(fclose(m), 0);
    ds_table_free(t);
    return buf;
}

/* The text and Markdown of `defspend project` as library tables: the
 * heading on the first target's table, the caption that differs between
 * text and Markdown, the totals right below the grid in text and as
 * plain lines in Markdown, the options named as the caller says (the
 * library itself names no command-line flag). */
START_TEST(view_tables_japan)
{
    ds_store *s = pt_shipped();
    double t[] = {3.5, 5};
    ds_project_spec sp;
    ds_project_spec_init(&sp);
    sp.country = "JPN";
    sp.by_year = 2035;
    sp.targets_pct = t;
    sp.n_targets = 2;
    sp.gdp_source = DS_GDP_FIT;
    sp.fit_years = 10;
    ds_projection *p = NULL;
    ds_error e;
    ck_ok(&e, ds_project_run(s, &sp, &p, &e));
    ds_sim_spec ss;
    ds_sim_spec_init(&ss);
    ss.n_draws = 200;
    ss.growth_mean_pct = 2;
    gsl_rng *rng = ds_sim_rng_alloc(7);
    ds_simulation *sim = NULL;
    ck_ok(&e, ds_projection_simulate(p, &ss, rng, &sim, &e));

    char *x = view_out(p, sim, DS_PROJECT_VIEW_TARGET, 0, NULL,
                       DS_TABLE_TEXT);
    ck_assert_msg(starts(x, "Japan (JPN): defense spending paths to 3.5% "
                             "and 5% of GDP, 2024-2035\nStart: GDP 2024 "),
                  "%.200s", x);
    ck_assert_ptr_nonnull(strstr(x, "given by the user (the 'growth-mean' "
                                    "option)"));
    ck_assert_ptr_null(strstr(x, "--"));
    ck_assert_ptr_nonnull(strstr(x, "\n\nTarget 3.5% of GDP by 2035 "
                                    "(linear path):\nyear "));
    char *tot = strstr(x, "Total extra over the baseline 2025-2035: ");
    ck_assert_ptr_nonnull(tot);
    ck_assert(tot[-1] == '\n' && tot[-2] != '\n'); /* no blank line */
    ck_assert_ptr_nonnull(strstr(tot, "\n  of which already decided"));
    free(x);

    x = view_out(p, sim, DS_PROJECT_VIEW_TARGET, 0, "--", DS_TABLE_MD);
    ck_assert_ptr_nonnull(strstr(x, "given by the user (--growth-mean)"));
    ck_assert_ptr_nonnull(strstr(x, "\n### Target 3.5% of GDP by 2035\n\n| "
                                    "year |"));
    ck_assert_ptr_nonnull(strstr(x, "|\n\nTotal extra over the baseline "));
    ck_assert_ptr_nonnull(strstr(x, ")\n  of which already decided"));
    free(x);

    /* the second target: no heading */
    x = view_out(p, sim, DS_PROJECT_VIEW_TARGET, 1, NULL, DS_TABLE_TEXT);
    ck_assert_msg(starts(x, "Target 5% of GDP by 2035 (linear path):\n"),
                  "%.200s", x);
    free(x);

    x = view_out(p, sim, DS_PROJECT_VIEW_SIMULATION, 0, NULL, DS_TABLE_MD);
    ck_assert_msg(starts(x, "### Simulated GDP, current prices "
                             "(percentiles of 200 draws):\n\n| year | "
                             "GDP US$ p5 |"),
                  "%.200s", x);
    ck_assert_ptr_nonnull(strstr(x, "\n- Plan: "));
    ck_assert_ptr_nonnull(strstr(x, "\n  - cumulative extra 2025-2035"));
    free(x);

    ds_table *bad = NULL;
    ck_assert_int_eq(ds_project_view_table(p, sim, 7, DS_PROJECT_VIEW_TARGET,
                                           2, &bad, &e), DS_EINVAL);
    ck_assert_int_eq(ds_project_view_table(p, NULL, 7,
                                           DS_PROJECT_VIEW_SIMULATION, 0,
                                           &bad, &e), DS_EINVAL);
    ck_assert_ptr_null(bad);
    ds_simulation_free(sim);
    gsl_rng_free(rng);
    ds_projection_free(p);
    ds_store_free(s);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("project");
    TCase *t = tcase_create("fit");
    tcase_add_test(t, fit_exact_exponential);
    tcase_add_test(t, fit_noisy_series);
    tcase_add_test(t, fit_errors);
    tcase_add_test(t, fit_store_japan);
    suite_add_tcase(s, t);
    t = tcase_create("projection");
    tcase_add_test(t, compound_growth_linear);
    tcase_add_test(t, growth_and_step_paths);
    tcase_add_test(t, projection_errors);
    tcase_add_test(t, imported_projections);
    tcase_add_test(t, weo_growth_on_2024_actual);
    tcase_add_test(t, decided_budgets_first);
    tcase_add_test(t, growth_bounds);
    tcase_add_test(t, default_japan);
    tcase_add_test(t, view_tables_japan);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int f = srunner_ntests_failed(r);
    srunner_free(r);
    return f ? 1 : 0;
}
