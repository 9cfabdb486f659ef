/* check_montecarlo.c - Monte Carlo: selection against sorting, a
 * statistical property (sample mean within k sigma / sqrt(n) of the
 * lognormal mean computed by hand), probabilities, a fixed-seed golden
 * run, the same figures on 1, 2 and 3 threads, and bands equal to the
 * percentiles of all the draws regenerated here from the documented
 * scheme (one xoshiro256++ stream per block of 16384 draws, seeded in
 * block order from the caller's generator), and the normal generator
 * against the normal distribution. */
#include <math.h>

/* seed 12345, gsl_rng_mt19937 seeding the xoshiro256++ blocks, 5000
 * draws (see fixed_seed_golden) */
#define GOLDEN0 640097963471293.25 /* GDP 2030 p50, yen */
#define GOLDEN1 9351272257330.1914 /* GDP 2030 p95, US$ */
#define GOLDEN2 868532787589.87524 /* 5% target: cum. extra p5, US$ */
#define GOLDEN3 13909951347717.471 /* 2% target: spending needed with
                                      probability 90%, yen */

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "internal.h"
#include "montecarlo_kernels.h"
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
projection_by(ds_store *s, const double *t, size_t nt, int by)
{
    ds_project_spec sp;
    memset(&sp, 0, sizeof sp);
    sp.country = "JPN";
    sp.by_year = by;
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

static ds_projection *
projection(ds_store *s, const double *t, size_t nt)
{
    return projection_by(s, t, nt, 2030);
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
    /* no mean given: the projection's 1.735% a year */
    ck_assert_double_eq_tol(sim->growth_mean_pct, 1.735, 1e-12);
    ck_assert_int_eq(sim->growth_mean_own, 0);
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
    /* the plan (baseline held flat, 6.73 tn yen = 1.05% of central GDP)
     * never reaches 3.5% */
    ck_assert_double_eq_tol(sim->targets[0].p_plan_reaches, 0.0, 1e-12);
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
    /* the mean given (2.385%), not the projection's 1.735% */
    ck_assert_double_eq_tol(sim->growth_mean_pct, 2.385, 1e-12);
    ck_assert_int_eq(sim->growth_mean_own, 1);
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
 * mt19937 seeding the xoshiro256++ blocks.  Sane by hand: central GDP
 * 2030 = 538.2e12 x 1.01735^10 = 639.216e12 yen, the p50 is 0.138% above
 * it (SE of a median 1.2533 x 0.021 sqrt(10) / sqrt(5000) = 0.118%); the
 * US$ p95 expected central / rate0 x exp(1.6449 s), s = sqrt(10 (0.021^2
 * + 0.083^2)), = 9.346e12: got 0.06% above in log (SE 0.81%); spending
 * needed for 2% with probability 90%: 0.02 x 639.216e12 x exp(1.28155 x
 * 0.021 sqrt(10)) = 13.920e12 expected, 13.910e12 got (SE of the log
 * 0.0016).  (With GSL's taus2 ziggurat until 2026-11: 639.061e12,
 * 9.4032e12, 886.70e9, 13.922e12.) */
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
        got[run][3] = sim->targets[0].needed_lcu[1];
        ds_simulation_free(sim);
        gsl_rng_free(r);
    }
    for (int i = 0; i < 4; i++)
        ck_assert_double_eq(got[0][i], got[1][i]);
    if (getenv("DS_PRINT_GOLDEN"))
        printf("%.17g %.17g %.17g %.17g\n", got[0][0], got[0][1], got[0][2],
               got[0][3]);
    /* relative 1e-9: libm's exp may differ in the last bits */
    ck_assert_double_eq_tol(got[0][0] / GOLDEN0, 1, 1e-9);
    ck_assert_double_eq_tol(got[0][1] / GOLDEN1, 1, 1e-9);
    ck_assert_double_eq_tol(got[0][2] / GOLDEN2, 1, 1e-9);
    ck_assert_double_eq_tol(got[0][3] / GOLDEN3, 1, 1e-9);
    ds_projection_free(p);
    ds_store_free(s);
}
END_TEST

static void
ck_same_sim(const ds_simulation *a, const ds_simulation *b)
{
    ck_assert_uint_eq(a->n_years, b->n_years);
    for (size_t y = 0; y < a->n_years; y++) {
        ck_assert(memcmp(&a->years[y].gdp_lcu_mean, &b->years[y].gdp_lcu_mean,
                         sizeof(double)) == 0);
        ck_assert(memcmp(a->years[y].gdp_lcu, b->years[y].gdp_lcu,
                         sizeof a->years[y].gdp_lcu) == 0);
        ck_assert(memcmp(a->years[y].gdp_usd, b->years[y].gdp_usd,
                         sizeof a->years[y].gdp_usd) == 0);
    }
    for (size_t k = 0; k < a->n_targets; k++) {
        const ds_sim_target *x = &a->targets[k], *z = &b->targets[k];
        ck_assert(memcmp(x->cum_extra_lcu, z->cum_extra_lcu,
                         sizeof x->cum_extra_lcu) == 0);
        ck_assert(memcmp(x->cum_extra_usd, z->cum_extra_usd,
                         sizeof x->cum_extra_usd) == 0);
        ck_assert_double_eq(x->p_plan_reaches, z->p_plan_reaches);
        ck_assert(memcmp(x->needed_lcu, z->needed_lcu, sizeof x->needed_lcu) ==
                  0);
        ck_assert(memcmp(x->needed_usd, z->needed_usd, sizeof x->needed_usd) ==
                  0);
    }
}

/* The figures depend on the seed and the draws, not on the threads:
 * 70001 draws are 5 blocks (the last one partial), with and without a
 * varying rate. */
START_TEST(threads_same_figures)
{
    ds_store *s = pt_text(STORE);
    double t[] = {2, 5};
    ds_projection *p = projection(s, t, 2);
    double fx[] = {0, 0.0612};
    for (int f = 0; f < 2; f++) {
        ds_sim_spec ss = {70001, 2.385, 0.0235, fx[f]};
        ds_simulation *sim[4] = {NULL, NULL, NULL, NULL};
        unsigned nth[4] = {1, 2, 3, 0};
        for (int i = 0; i < 4; i++) {
            gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
            gsl_rng_set(r, 31337);
            ds_error e;
            if (i == 3)
                ck_ok(&e, ds_projection_simulate(p, &ss, r, &sim[i], &e));
            else
                ck_ok(&e, ds_projection_simulate_threads(p, &ss, nth[i], r,
                                                         &sim[i], &e));
            gsl_rng_free(r);
        }
        for (int i = 1; i < 4; i++)
            ck_same_sim(sim[0], sim[i]);
        for (int i = 0; i < 4; i++)
            ds_simulation_free(sim[i]);
    }
    ds_projection_free(p);
    ds_store_free(s);
}
END_TEST

/* Exact percentiles of all the draws: regenerate them here (one
 * xoshiro256++ stream per block of 16384 draws (ds__sim_normal's
 * ziggurat), each seeded by one gsl_rng_get of the
 * caller's generator in block order; per year, every block draws its
 * N(0, sd^2) shocks in draw order), then compare the bands with
 * ds_select_percentile over the whole array (bit for bit), and the mean
 * within rounding.  100003 draws: 7 blocks, the last partial. */
START_TEST(bands_are_exact_percentiles)
{
    enum { BLK = 16384 };
    ds_store *s = pt_text(STORE);
    double t[] = {3.5};
    ds_projection *p = projection_by(s, t, 1, 2022); /* 2 simulated years */
    const size_t n = 100003, nb = (n + BLK - 1) / BLK, Y = p->n_years;
    const double sd = 0.0235;
    ds_sim_spec ss = {n, NAN, sd, 0};
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 77);
    ds_simulation *sim = NULL;
    ds_error e;
    ck_ok(&e, ds_projection_simulate_threads(p, &ss, 2, r, &sim, &e));
    gsl_rng_set(r, 77);
    ds__sim_rng *br = malloc(nb * sizeof *br);
    for (size_t b = 0; b < nb; b++)
        ds__sim_rng_seed(&br[b], gsl_rng_get(r));
    double *lg = calloc(n, sizeof *lg), *cum = calloc(n, sizeof *cum);
    double *w = malloc(n * sizeof *w);
    for (size_t i = 1; i < Y; i++) {
        for (size_t j = 0; j < n; j++)
            lg[j] += sd * ds__sim_normal(&br[j / BLK]);
        double c = exp(log(p->years[i].gdp_lcu)); /* mean growth unchanged */
        double sh = p->cells[i].share_pct / 100.0, sum = 0;
        for (size_t j = 0; j < n; j++) {
            double gdp = c * ds__sim_exp(lg[j]);
            sum += gdp;
            cum[j] += sh * gdp - p->baseline_lcu;
        }
        ck_assert_double_eq_tol(sim->years[i].gdp_lcu_mean / (sum / n), 1,
                                1e-12);
        for (int b = 0; b < DS_SIM_NBANDS; b++) {
            memcpy(w, lg, n * sizeof *w);
            double q = ds_select_percentile(w, n, ds_sim_percentiles()[b]);
            ck_assert_double_eq(sim->years[i].gdp_lcu[b], c * exp(q));
        }
    }
    for (int b = 0; b < DS_SIM_NBANDS; b++) {
        memcpy(w, cum, n * sizeof *w);
        double q = ds_select_percentile(w, n, ds_sim_percentiles()[b]);
        ck_assert_double_eq(sim->targets[0].cum_extra_lcu[b], q);
        ck_assert_double_eq_tol(sim->targets[0].cum_extra_usd[b] /
                                    (q / p->lcu_per_usd), 1, 1e-12);
    }
    free(br);
    free(lg);
    free(cum);
    free(w);
    ds_simulation_free(sim);
    gsl_rng_free(r);
    ds_projection_free(p);
    ds_store_free(s);
}
END_TEST

/* The spending needed in the target year and the plan's probability
 * against the closed form.  GDP_T = c_T exp(G), G ~ N(0, T sd^2), c_T =
 * 538.2e12 x 1.01735^10 yen, T = 10, sd = 0.0235, so:
 *   needed(q) = tgt c_T exp(z_q sd sqrt(T))  (z_.5 = 0, z_.9 = 1.2815516,
 *               z_.95 = 1.6448536), the q-quantile of tgt * GDP_T;
 *   P(plan / GDP_T >= tgt) = Phi((ln(plan / tgt) - ln c_T) / (sd sqrt T)).
 * The plan grows the 6.73 tn yen baseline 1.5% a year: 6.73e12 x 1.015^10
 * = 7.8106e12 yen; against 1.2% of c_T (7.6706e12) z = 0.2434, P = 0.596.
 * Tolerances: k = 4 standard errors of a sample quantile of a normal,
 * sqrt(q (1 - q)) / phi(z_q) s / sqrt(n), and of a proportion. */
START_TEST(needed_and_plan_closed_form)
{
    ds_store *s = pt_text(STORE);
    double t[] = {1.2, 3.5};
    ds_project_spec sp;
    memset(&sp, 0, sizeof sp);
    sp.country = "JPN";
    sp.by_year = 2030;
    sp.targets_pct = t;
    sp.n_targets = 2;
    sp.gdp_source = DS_GDP_GROWTH;
    sp.growth_pct = 1.735;
    sp.path = DS_PATH_LINEAR;
    sp.baseline_kind = DS_BASELINE_AMOUNT;
    sp.discount_pct = NAN;
    sp.inflation_pct = NAN;
    sp.plan = DS_PLAN_GROWTH;
    sp.plan_growth_pct = 1.5;
    ds_error e;
    ck_ok(&e, ds_amount_parse("6.73tn JPY", &sp.baseline_amount, &e));
    ds_projection *p = NULL;
    ck_ok(&e, ds_project_run(s, &sp, &p, &e));
    const double n = 200000, sd = 0.0235, T = 10, k = 4;
    double plan = 6.73e12 * pow(1.015, T);
    ck_assert_double_eq_tol(p->plan_spend_lcu / plan, 1, 1e-12);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 8191);
    ds_sim_spec ss = {200000, NAN, sd, 0};
    ds_simulation *sim = NULL;
    ck_ok(&e, ds_projection_simulate(p, &ss, r, &sim, &e));
    double cT = 538.2e12 * pow(1.01735, T), sT = sd * sqrt(T);
    const double *pr = ds_sim_probabilities();
    ck_assert_double_eq(pr[0], 50);
    ck_assert_double_eq(pr[1], 90);
    ck_assert_double_eq(pr[2], 95);
    double zq[] = {0, 1.2815516, 1.6448536};
    for (int j = 0; j < 2; j++) {
        const ds_sim_target *st = &sim->targets[j];
        double tgt = t[j] / 100;
        for (int q = 0; q < DS_SIM_NPROB; q++) {
            double pq = pr[q] / 100;
            double se = sqrt(pq * (1 - pq)) / gsl_ran_ugaussian_pdf(zq[q]) *
                        sT / sqrt(n);
            double x = log(st->needed_lcu[q] / (tgt * cT));
            ck_assert_msg(fabs(x - zq[q] * sT) < k * se,
                          "target %g, q %g: log ratio %g, expected %g +- %g",
                          t[j], pr[q], x, zq[q] * sT, k * se);
            /* the rate is held: US$ is yen at the start rate */
            ck_assert_double_eq_tol(st->needed_usd[q] * p->lcu_per_usd /
                                        st->needed_lcu[q],
                                    1, 1e-12);
        }
        double pp = gsl_cdf_ugaussian_P((log(plan / tgt) - log(cT)) / sT);
        ck_assert_msg(fabs(st->p_plan_reaches - pp) <
                          k * sqrt(pp * (1 - pp) / n) + 1e-12,
                      "target %g: P(plan) %g, expected %g", t[j],
                      st->p_plan_reaches, pp);
    }
    ck_assert_double_eq_tol(gsl_cdf_ugaussian_P(
                                (log(plan / 0.012) - log(cT)) / sT),
                            0.596, 0.001);
    ds_simulation_free(sim);
    gsl_rng_free(r);
    ds_projection_free(p);
    ds_store_free(s);
}
END_TEST

/* A decided budget (Japan FY2025, 8,700.5 bn yen, datasets/
 * japan_mod_budget.csv) is an amount: the same on every draw, so its
 * spending bands collapse to it and the cumulative extra after the first
 * year is (8,700.5 - 7,949.6) bn yen on every draw. */
START_TEST(decided_budget_fixed_on_every_draw)
{
    ds_store *s = pt_shipped();
    double t[] = {3.5};
    ds_project_spec sp;
    memset(&sp, 0, sizeof sp);
    sp.country = "JPN";
    sp.by_year = 2025;
    sp.targets_pct = t;
    sp.n_targets = 1;
    sp.gdp_source = DS_GDP_GROWTH;
    sp.growth_pct = 1.735;
    sp.discount_pct = NAN;
    sp.inflation_pct = NAN;
    ds_projection *p = NULL;
    ds_error e;
    ck_ok(&e, ds_project_run(s, &sp, &p, &e));
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, 4242);
    ds_sim_spec ss = {3001, NAN, 0.0235, 0};
    ds_simulation *sim = NULL;
    ck_ok(&e, ds_projection_simulate(p, &ss, r, &sim, &e));
    double bu[DS_SIM_NBANDS], bl[DS_SIM_NBANDS];
    ds_simulation_spend_bands(p, sim, 0, 1, bu, bl);
    for (int b = 0; b < DS_SIM_NBANDS; b++) {
        ck_assert_double_eq_tol(bl[b], 8700.5e9, 1);
        ck_assert_double_eq_tol(sim->targets[0].cum_extra_lcu[b],
                                (8700.5 - 7949.6) * 1e9, 1);
    }
    ck_assert(sim->years[1].gdp_lcu[0] < sim->years[1].gdp_lcu[4]);
    ds_simulation_free(sim);
    gsl_rng_free(r);
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
                                "of growth; give its sd (growth_sd)");
    ck_assert_str_eq(ds_sim_missing_sd(p, &ss), "growth_sd");
    ss.growth_sd = -1;
    ck_assert_int_eq(ds_projection_simulate(p, &ss, r, &sim, &e), DS_EINVAL);
    ck_assert_ptr_null(sim);
    gsl_rng_free(r);
    ds_projection_free(p);
    ds_store_free(s);
}
END_TEST

/* The normal generator against N(0, 1): 2,000,000 draws from a fixed
 * seed in 200 equiprobable bins (chi-square, 199 degrees of freedom: the
 * 1e-6 critical value is about 310), the mean and variance within 5
 * standard errors, and the share beyond the ziggurat's base layer edge
 * (|x| > 3.6541528853610088, the tail algorithm's domain: 516 expected)
 * and beyond 4.5 within 5 standard errors; every draw on the expected
 * side of every bin boundary is also what makes the wedges right. */
START_TEST(normal_generator_is_normal)
{
    enum { NB = 200 };
    const long n = 2000000;
    double edge[NB - 1];
    for (int b = 0; b < NB - 1; b++)
        edge[b] = gsl_cdf_ugaussian_Pinv((b + 1.0) / NB);
    long *cnt = calloc(NB, sizeof *cnt);
    ds__sim_rng g;
    ds__sim_rng_seed(&g, 20261130);
    double s1 = 0, s2 = 0;
    long tail = 0, far = 0, bad = 0;
    for (long i = 0; i < n; i++) {
        double x = ds__sim_normal(&g);
        bad += !isfinite(x);
        s1 += x;
        s2 += x * x;
        tail += fabs(x) > 3.6541528853610088;
        far += fabs(x) > 4.5;
        int lo = 0, hi = NB - 1; /* bin: first edge above x */
        while (lo < hi) {
            int mid = (lo + hi) / 2;
            if (x < edge[mid])
                hi = mid;
            else
                lo = mid + 1;
        }
        cnt[lo]++;
    }
    ck_assert_int_eq(bad, 0);
    double e = (double)n / NB, chi2 = 0;
    for (int b = 0; b < NB; b++)
        chi2 += (cnt[b] - e) * (cnt[b] - e) / e;
    ck_assert_msg(chi2 < 310, "chi-square %g (199 df)", chi2);
    double mean = s1 / n, var = s2 / n - mean * mean;
    ck_assert_msg(fabs(mean) < 5 / sqrt((double)n), "mean %g", mean);
    ck_assert_msg(fabs(var - 1) < 5 * sqrt(2.0 / n), "variance %g", var);
    double pt = 2 * gsl_cdf_ugaussian_Q(3.6541528853610088),
           pf = 2 * gsl_cdf_ugaussian_Q(4.5);
    ck_assert_msg(fabs(tail - n * pt) < 5 * sqrt(n * pt), "tail %ld, "
                  "expected %g", tail, n * pt);
    ck_assert_msg(fabs(far - n * pf) < 5 * sqrt(n * pf) + 1, "beyond 4.5 "
                  "%ld, expected %g", far, n * pf);
    free(cnt);
}
END_TEST

/* The vector loops: the baseline set and the AVX2 set (where this CPU
 * has it) against plain scalar C, bit for bit, on 1,003 values (a tail
 * that is not a multiple of four) with zeros of both signs, values past
 * the polynomial exp's range, a NaN and tiny ones. */
static int
same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

static void
check_kernels(const ds__mc_kernels *kn, const double *x, const double *y,
              size_t n)
{
    double *out = malloc(n * sizeof *out), *ref = malloc(n * sizeof *ref);
    double *c1 = malloc(n * sizeof *c1), *c2 = malloc(n * sizeof *c2);
    uint32_t *idx = malloc((n + 3) * sizeof *idx);
    const double c = 621621252000000.0, sh = 0.0141, b = 7949.6e9;
    kn->levels(out, x, n, c);
    for (size_t j = 0; j < n; j++)
        ck_assert_msg(same_bits(out[j], c * ds__sim_exp(x[j])),
                      "%s levels at %zu: %a for %a", kn->name, j, out[j],
                      x[j]);
    double acc[4] = {1.5, -2.25, 0, 3}, want[4] = {1.5, -2.25, 0, 3};
    kn->sum4(acc, y, n);
    size_t j = 0;
    for (; j + 4 <= n; j += 4)
        for (int a = 0; a < 4; a++)
            want[a] += y[j + a];
    for (; j < n; j++)
        want[0] += y[j];
    for (int a = 0; a < 4; a++)
        ck_assert_msg(same_bits(acc[a], want[a]), "%s sum4", kn->name);
    for (j = 0; j < n; j++)
        c1[j] = c2[j] = x[j] * 1e12;
    kn->cum(c1, y, n, sh, b);
    for (j = 0; j < n; j++)
        c2[j] += sh * y[j] - b;
    ck_assert_msg(memcmp(c1, c2, n * sizeof *c1) == 0, "%s cum", kn->name);
    kn->cum_usd(c1, y, x, n, sh, b);
    for (j = 0; j < n; j++)
        c2[j] += (sh * y[j] - b) / x[j];
    ck_assert_msg(memcmp(c1, c2, n * sizeof *c1) == 0, "%s cum_usd",
                  kn->name);
    kn->cum_usd_fixed(c1, x, n, 750.9e9);
    for (j = 0; j < n; j++)
        c2[j] += 750.9e9 / x[j];
    ck_assert_msg(memcmp(c1, c2, n * sizeof *c1) == 0, "%s cum_usd_fixed",
                  kn->name);
    kn->diff(out, x, y, n);
    for (j = 0; j < n; j++)
        ref[j] = x[j] - y[j];
    ck_assert_msg(memcmp(out, ref, n * sizeof *out) == 0, "%s diff",
                  kn->name);
    /* 4 windows (the general loop), 5 and 6 (the fixed-count loops) */
    const double lo[] = {-1.2, -0.1, 0.3, 1.5, 1.7, 2.0};
    const double hi[] = {-0.8, 0.3, 0.31, 1.6, 1.9, 2.2};
    for (size_t nw = 4; nw <= 6; nw++) {
        uint64_t below[6] = {7, 0, 0, 0, 0, 0}, wb[6] = {7, 0, 0, 0, 0, 0};
        size_t m = kn->scan(x, n, lo, hi, nw, below, idx), wm = 0;
        for (j = 0; j < n; j++) {
            int in = 0;
            for (size_t w = 0; w < nw; w++) {
                wb[w] += x[j] < lo[w];
                in |= x[j] >= lo[w] && x[j] < hi[w];
            }
            if (in) {
                ck_assert_msg(wm < m && idx[wm] == j,
                              "%s scan, %zu windows: index %zu", kn->name,
                              nw, j);
                wm++;
            }
        }
        ck_assert_uint_eq(m, wm);
        ck_assert(wm > 50); /* the windows do hold values */
        for (size_t w = 0; w < nw; w++)
            ck_assert_uint_eq(below[w], wb[w]);
    }
    free(out);
    free(ref);
    free(c1);
    free(c2);
    free(idx);
}

START_TEST(kernels_same_bits)
{
    const size_t n = 1003;
    double *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
    ds__sim_rng g;
    ds__sim_rng_seed(&g, 18);
    for (size_t j = 0; j < n; j++) {
        x[j] = 0.9 * ds__sim_normal(&g);
        y[j] = 1e14 * ds__sim_normal(&g) + 6e14;
    }
    x[3] = 0.0;
    x[4] = -0.0;
    x[10] = 700.25;  /* past the polynomial: libm */
    x[11] = -745.5;  /* exp underflows to 0 */
    x[12] = NAN;
    x[13] = 1e-310;  /* subnormal */
    x[1002] = 709.5; /* in the tail that is not a multiple of four */
    check_kernels(ds__mc_kernels_base(), x, y, n);
    const ds__mc_kernels *v = ds__mc_kernels_avx2();
    if (v)
        check_kernels(v, x, y, n);
    else
        fprintf(stderr, "kernels_same_bits: no AVX2 on this CPU, "
                        "the baseline set only\n");
    free(x);
    free(y);
}
END_TEST

/* The one-pass bands against the year-by-year passes, bit for bit: with
 * the rate held and varying, two targets, decided budgets (the shipped
 * store), the baseline and the AVX2 loops, and with windows of width 0,
 * which makes the one pass fall back.  ds__mc_last_path says which path
 * ran, so each run is known to test what it claims to. */
static void
fast_against_slow(const ds_projection *p, ds_sim_spec ss, unsigned long seed)
{
    ds_simulation *sim[4] = {NULL, NULL, NULL, NULL};
    int want_path[4] = {1, 0, 2, 1};
    for (int i = 0; i < 4; i++) {
        ds__mc_fast = i != 1;
        ds__mc_window_sigmas = i == 2 ? 0 : 6;
        ds__mc_isa = i == 3 ? 0 : -1;
        gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
        gsl_rng_set(r, seed);
        ds_error e;
        ck_ok(&e, ds_projection_simulate_threads(p, &ss, 2, r, &sim[i], &e));
        ck_assert_int_eq(ds__mc_last_path, want_path[i]);
        gsl_rng_free(r);
    }
    ds__mc_fast = 1;
    ds__mc_window_sigmas = 6;
    ds__mc_isa = -1;
    for (int i = 1; i < 4; i++)
        ck_same_sim(sim[0], sim[i]);
    for (int i = 0; i < 4; i++)
        ds_simulation_free(sim[i]);
}

START_TEST(fast_path_same_as_slow)
{
    ds_store *s = pt_text(STORE);
    double t[] = {2, 5};
    ds_projection *p = projection(s, t, 2);
    fast_against_slow(p, (ds_sim_spec){40001, NAN, 0.0235, 0}, 9);
    fast_against_slow(p, (ds_sim_spec){50003, 2.385, 0.0235, 0.0612}, 10);
    ds_projection_free(p);
    ds_store_free(s);
    s = pt_shipped();
    ds_project_spec sp;
    memset(&sp, 0, sizeof sp);
    sp.country = "JPN";
    sp.by_year = 2032;
    sp.targets_pct = t;
    sp.n_targets = 2;
    sp.gdp_source = DS_GDP_GROWTH;
    sp.growth_pct = 1.735;
    sp.discount_pct = NAN;
    sp.inflation_pct = NAN;
    ds_error e;
    ck_ok(&e, ds_project_run(s, &sp, &p, &e));
    ck_assert(p->years[1].budget_obs); /* FY2025's decided budget */
    fast_against_slow(p, (ds_sim_spec){32769, NAN, 0.031, 0.047}, 11);
    ds_projection_free(p);
    ds_store_free(s);
}
END_TEST

/* The levels' exp: within 2 ulp of libm's over the range a simulation
 * can reach and beyond (the fallback to libm), exact at 0. */
START_TEST(sim_exp_within_2_ulp)
{
    ck_assert_double_eq(ds__sim_exp(0), 1);
    double worst = 0;
    for (long i = -500000; i <= 500000; i++) {
        double x = i * 1.48e-3; /* -740 .. 740 */
        double a = exp(x), b = ds__sim_exp(x);
        if (a == 0 || isinf(a)) {
            worst = a == b ? worst : INFINITY;
            continue;
        }
        double ulp = nextafter(a, INFINITY) - a;
        double d = fabs(a - b) / ulp;
        worst = d > worst ? d : worst;
    }
    ck_assert_msg(worst <= 2, "worst %g ulp", worst);
    ck_assert(isnan(ds__sim_exp(NAN)));
}
END_TEST


int
main(void)
{
    Suite *s = suite_create("montecarlo");
    TCase *t = tcase_create("select");
    tcase_add_test(t, select_matches_sort);
    tcase_add_test(t, normal_generator_is_normal);
    tcase_add_test(t, sim_exp_within_2_ulp);
    tcase_add_test(t, kernels_same_bits);
    suite_add_tcase(s, t);
    t = tcase_create("simulate");
    tcase_add_test(t, mean_within_k_sigma);
    tcase_add_test(t, fx_varying_within_k_sigma);
    tcase_add_test(t, fixed_seed_golden);
    tcase_add_test(t, threads_same_figures);
    tcase_add_test(t, fast_path_same_as_slow);
    tcase_add_test(t, bands_are_exact_percentiles);
    tcase_add_test(t, needed_and_plan_closed_form);
    tcase_add_test(t, decided_budget_fixed_on_every_draw);
    tcase_add_test(t, simulate_errors);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int f = srunner_ntests_failed(r);
    srunner_free(r);
    return f ? 1 : 0;
}
