/* check_montecarlo.c - Monte Carlo: selection against sorting, a
 * statistical property (sample mean within k sigma / sqrt(n) of the
 * lognormal mean computed by hand), probabilities, and a fixed-seed
 * golden run. */
#include <math.h>

/* seed 12345, gsl_rng_mt19937, 5000 draws (see fixed_seed_golden) */
#define GOLDEN0 638830356482612.62 /* GDP 2030 p50, yen */
#define GOLDEN1 9402374659389.2324 /* GDP 2030 p95, US$ */
#define GOLDEN2 869944053135.63391 /* 5% target: cum. extra p5, US$ */
#define GOLDEN3 0.504              /* 2% target: P(planned reaches) */

#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "ptest.h"

START_TEST(select_matches_sort)
{
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 7);
    size_t sizes[] = {1, 2, 3, 5, 17, 1000, 4099};
    for (size_t z = 0; z < sizeof sizes / sizeof *sizes; z++) {
        size_t n = sizes[z];
        double *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
        for (size_t i = 0; i < n; i++)
            a[i] = floor(gsl_rng_uniform(r) * 50) / 7.0; /* with ties */
        memcpy(b, a, n * sizeof *a);
        gsl_sort(b, 1, n);
        double pc[] = {0, 5, 25, 50, 75, 95, 100, 33.3};
        for (size_t k = 0; k < 8; k++) {
            double want = gsl_stats_quantile_from_sorted_data(b, 1, n,
                                                              pc[k] / 100);
            double got = ds_select_percentile(a, n, pc[k]);
            ck_assert_double_eq_tol(got, want, 1e-12);
        }
        free(a);
        free(b);
    }
    ck_assert(isnan(ds_select_percentile(NULL, 0, 50)));
    gsl_rng_free(r);
}
END_TEST

static const char *const STORE =
    DS_STORE_HEADER "\n"
    "JPN,2020,calendar,gdp,538.2e12,JPY,current,wdi,t,2025-01-01,,\n"
    "JPN,2020,calendar,gdp,5.0412e12,USD,current,wdi,t,2025-01-01,,\n";

static ds_projection *
projection(ds_store *s, const double *t, size_t nt)
{
    ds_project_spec sp;
    memset(&sp, 0, sizeof sp);
    sp.country = "JPN";
    sp.by_year = 2030;
    sp.targets_pct = t;
    sp.n_targets = nt;
    sp.gdp_source = DS_GDP_GROWTH;
    sp.growth_pct = 1.735;
    sp.path = DS_PATH_LINEAR;
    sp.baseline_kind = DS_BASELINE_AMOUNT;
    sp.discount_pct = NAN;
    sp.inflation_pct = NAN;
    ds_error e;
    ck_ok(&e, ds_amount_parse("6.73tn JPY", &sp.baseline_amount, &e));
    ds_projection *p = NULL;
    ck_ok(&e, ds_project_run(s, &sp, &p, &e));
    return p;
}

/* GDP_T = central_T * exp(sum of T N(0, sd^2)) is lognormal: mean
 * central_T exp(T sd^2 / 2), variance mean^2 (exp(T sd^2) - 1). */
START_TEST(mean_within_k_sigma)
{
    ds_store *s = pt_text(STORE);
    double t[] = {3.5};
    ds_projection *p = projection(s, t, 1);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 2024);
    ds_sim_spec ss = {200000, NAN, 0.0235, 0};
    ds_simulation *sim = NULL;
    ds_error e;
    ck_ok(&e, ds_projection_simulate(p, &ss, r, &sim, &e));
    double T = 10, sd = 0.0235;
    double central = 538.2e12 * pow(1.01735, T);
    double mean = central * exp(T * sd * sd / 2);
    double sigma = mean * sqrt(exp(T * sd * sd) - 1);
    double k = 4;
    ck_assert_msg(fabs(sim->years[10].gdp_lcu_mean - mean) <
                      k * sigma / sqrt(200000.0),
                  "mean %g, expected %g +- %g", sim->years[10].gdp_lcu_mean,
                  mean, k * sigma / sqrt(200000.0));
    /* median: exp of a normal's median; p5 at z = -1.6449 */
    double sdT = sd * sqrt(T);
    ck_assert_double_eq_tol(sim->years[10].gdp_lcu[2] / central, 1.0,
                            4 * 1.2533 * sdT / sqrt(200000.0));
    ck_assert_double_eq_tol(log(sim->years[10].gdp_lcu[0] / central) / sdT,
                            -1.6449, 0.03);
    /* the planned path is the central one: reached with probability 1/2 */
    ck_assert_double_eq_tol(sim->targets[0].p_planned_reaches, 0.5,
                            4 * 0.5 / sqrt(200000.0));
    ck_assert_double_eq_tol(sim->targets[0].p_baseline_reaches, 0.0, 1e-12);
    /* rate held: US$ bands are the yen bands at the start rate */
    ck_assert_double_eq_tol(sim->years[5].gdp_usd[3],
                            sim->years[5].gdp_lcu[3] / p->lcu_per_usd, 1);
    ds_simulation_free(sim);
    gsl_rng_free(r);
    ds_projection_free(p);
    ds_store_free(s);
}
END_TEST

/* A varying exchange rate (--fx-sd) and a mean-growth override
 * (--growth-mean).  With log GDP growth ~ N(ln 1.02385, 0.0235^2) and log
 * rate changes ~ N(0, 0.0612^2), after T = 10 years:
 *   GDP in yen  = central_T exp(G), G ~ N(0, T sd^2), central_T =
 *                 538.2e12 x 1.02385^10 (the override, not the 1.735% of
 *                 the projection): its mean is central_T exp(T sd^2 / 2),
 *                 its sd mean sqrt(exp(T sd^2) - 1);
 *   GDP in US$  = central_T / rate0 exp(G - F), F ~ N(0, T fsd^2)
 *                 independent of G: log-normal with s^2 = T (sd^2 +
 *                 fsd^2), so its p-quantile is central_T / rate0
 *                 exp(z_p s).
 * A sample p-quantile of a normal with sd s has standard error
 * sqrt(p (1 - p)) / phi(z_p) x s / sqrt(n): 1.2533 s / sqrt(n) at the
 * median, 2.1132 s / sqrt(n) at p5 and p95 (phi(1.6449) = 0.10314).
 * Every check allows k = 4 standard errors. */
START_TEST(fx_varying_within_k_sigma)
{
    ds_store *s = pt_text(STORE);
    double t[] = {3.5};
    ds_projection *p = projection(s, t, 1);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 4099);
    const double n = 200000, sd = 0.0235, fsd = 0.0612, T = 10, k = 4;
    ds_sim_spec ss = {200000, 2.385, sd, fsd};
    ds_simulation *sim = NULL;
    ds_error e;
    ck_ok(&e, ds_projection_simulate(p, &ss, r, &sim, &e));
    ck_assert_double_eq_tol(sim->growth_mu, log(1.02385), 1e-15);
    ck_assert_double_eq(sim->fx_sd, fsd);
    const ds_sim_year *y = &sim->years[10];
    ck_assert_int_eq(y->year, 2030);
    double central = 538.2e12 * pow(1.02385, T);
    double rate0 = p->lcu_per_usd;
    /* 538.2e12 / 5.0412e12 yen per US$, the start year's implied rate */
    ck_assert_double_eq_tol(rate0, 538.2 / 5.0412, 1e-9);
    /* the mean in yen: the exchange rate does not touch it */
    double mean = central * exp(T * sd * sd / 2);
    double sigma = mean * sqrt(exp(T * sd * sd) - 1);
    ck_assert_msg(fabs(y->gdp_lcu_mean - mean) < k * sigma / sqrt(n),
                  "yen mean %g, expected %g +- %g", y->gdp_lcu_mean, mean,
                  k * sigma / sqrt(n));
    /* US$ bands: log-normal with the combined sd */
    double su = sqrt(T * (sd * sd + fsd * fsd)), sl = sd * sqrt(T);
    double z[] = {-1.6448536, 0, 1.6448536};
    double se[] = {2.1132, 1.2533, 2.1132};
    int band[] = {0, 2, 4};
    for (int i = 0; i < 3; i++) {
        double xu = log(y->gdp_usd[band[i]] * rate0 / central);
        ck_assert_msg(fabs(xu - z[i] * su) < k * se[i] * su / sqrt(n),
                      "US$ band %d: log ratio %g, expected %g +- %g",
                      band[i], xu, z[i] * su, k * se[i] * su / sqrt(n));
        double xl = log(y->gdp_lcu[band[i]] / central);
        ck_assert_msg(fabs(xl - z[i] * sl) < k * se[i] * sl / sqrt(n),
                      "yen band %d: log ratio %g, expected %g +- %g",
                      band[i], xl, z[i] * sl, k * se[i] * sl / sqrt(n));
    }
    /* the varying rate widens the US$ fan: p95/p5 = exp(2 z s) */
    ck_assert(y->gdp_usd[4] / y->gdp_usd[0] >
              1.5 * (y->gdp_lcu[4] / y->gdp_lcu[0]));
    ds_simulation_free(sim);
    gsl_rng_free(r);
    ds_projection_free(p);
    ds_store_free(s);
}
END_TEST

/* Same seed, same figures; golden values pinned from seed 12345 with
 * mt19937 (the property test above checks they are statistically sane). */
START_TEST(fixed_seed_golden)
{
    ds_store *s = pt_text(STORE);
    double t[] = {2, 5};
    ds_projection *p = projection(s, t, 2);
    ds_sim_spec ss = {5000, NAN, 0.021, 0.083};
    double got[2][4];
    for (int run = 0; run < 2; run++) {
        gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
        gsl_rng_set(r, 12345);
        ds_simulation *sim = NULL;
        ds_error e;
        ck_ok(&e, ds_projection_simulate(p, &ss, r, &sim, &e));
        got[run][0] = sim->years[10].gdp_lcu[2];
        got[run][1] = sim->years[10].gdp_usd[4];
        got[run][2] = sim->targets[1].cum_extra_usd[0];
        got[run][3] = sim->targets[0].p_planned_reaches;
        ds_simulation_free(sim);
        gsl_rng_free(r);
    }
    for (int i = 0; i < 4; i++)
        ck_assert_double_eq(got[0][i], got[1][i]);
    /* relative 1e-9: libm's exp may differ in the last bits */
    ck_assert_double_eq_tol(got[0][0] / GOLDEN0, 1, 1e-9);
    ck_assert_double_eq_tol(got[0][1] / GOLDEN1, 1, 1e-9);
    ck_assert_double_eq_tol(got[0][2] / GOLDEN2, 1, 1e-9);
    ck_assert_double_eq_tol(got[0][3], GOLDEN3, 1e-12);
    ds_projection_free(p);
    ds_store_free(s);
}
END_TEST

START_TEST(simulate_errors)
{
    ds_store *s = pt_text(STORE);
    double t[] = {2};
    ds_projection *p = projection(s, t, 1);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    ds_simulation *sim = NULL;
    ds_error e;
    ds_sim_spec ss = {0, NAN, 0.02, 0};
    ck_assert_int_eq(ds_projection_simulate(p, &ss, r, &sim, &e), DS_EINVAL);
    ss.n_draws = 10;
    ss.growth_sd = NAN; /* one year of history: no sd */
    ck_assert_int_eq(ds_projection_simulate(p, &ss, r, &sim, &e),
                     DS_ENOTFOUND);
    ck_assert_str_eq(e.message, "no GDP history to estimate the volatility "
                                "of growth; give it with --growth-sd");
    ss.growth_sd = -1;
    ck_assert_int_eq(ds_projection_simulate(p, &ss, r, &sim, &e), DS_EINVAL);
    ck_assert_ptr_null(sim);
    gsl_rng_free(r);
    ds_projection_free(p);
    ds_store_free(s);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("montecarlo");
    TCase *t = tcase_create("select");
    tcase_add_test(t, select_matches_sort);
    suite_add_tcase(s, t);
    t = tcase_create("simulate");
    tcase_add_test(t, mean_within_k_sigma);
    tcase_add_test(t, fx_varying_within_k_sigma);
    tcase_add_test(t, fixed_seed_golden);
    tcase_add_test(t, simulate_errors);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int f = srunner_ntests_failed(r);
    srunner_free(r);
    return f ? 1 : 0;
}
