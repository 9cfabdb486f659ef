/* check_project.c - growth fits and projections against hand arithmetic. */
#include <math.h>

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
                     "no GDP projections (flag projection) for JPN after "
                     "2020 in the store; import a forecast such as an IMF "
                     "World Economic Outlook file first");
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

/* Imported projections (flag projection) are followed, then growth. */
START_TEST(imported_projections)
{
    ds_store *s = pt_text(
        DS_STORE_HEADER "\n"
        "JPN,2020,calendar,gdp,538.2e12,JPY,current,wdi,t,2025-01-01,,\n"
        "JPN,2020,calendar,gdp,5.0412e12,USD,current,wdi,t,2025-01-01,,\n"
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
    ck_assert_double_eq_tol(p->years[2].gdp_lcu, 561.3e12, 1);
    ck_assert_double_eq_tol(p->years[4].gdp_lcu, 561.3e12 * 1.015 * 1.015,
                            1e3);
    ck_assert_ptr_nonnull(p->years[1].gdp_obs);
    ck_assert_ptr_null(p->years[3].gdp_obs);
    ds_projection_free(p);
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
    tcase_add_test(t, default_japan);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int f = srunner_ntests_failed(r);
    srunner_free(r);
    return f ? 1 : 0;
}
