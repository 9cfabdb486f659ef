/* check_spec.c - the spec initialisers and the simulation defaults
 * (ds_*_spec_init in scenario.c, project.c, convert.c, compare.c;
 * DS_SIM_DEFAULT_SEED and ds_sim_rng_alloc in project.c): the defaults a
 * caller gets without setting a field, in one place.
 */
#include <gsl/gsl_rng.h>
#include <math.h>
#include <string.h>

#include "test_util.h"

START_TEST(test_inits)
{
    ds_scenario_spec sc;
    memset(&sc, 0xAB, sizeof sc);
    ds_scenario_spec_init(&sc);
    ck_assert_ptr_null(sc.country);
    ck_assert_int_eq(sc.year, 0);
    ck_assert_ptr_null(sc.source);

    ds_project_spec p;
    memset(&p, 0xAB, sizeof p);
    ds_project_spec_init(&p);
    ck_assert(isnan(p.growth_pct));    /* none given */
    ck_assert(isnan(p.discount_pct));  /* no present values */
    ck_assert(isnan(p.inflation_pct)); /* fitted deflator */
    ck_assert_int_eq(p.path, DS_PATH_LINEAR);
    ck_assert_int_eq(p.by_year, 0);
    ck_assert_double_eq(p.plan_growth_pct, 0);

    ds_sim_spec s;
    memset(&s, 0xAB, sizeof s);
    ds_sim_spec_init(&s);
    ck_assert_uint_eq(s.n_draws, 0);
    ck_assert(isnan(s.growth_mean_pct));
    ck_assert(isnan(s.growth_sd));
    ck_assert_double_eq(s.fx_sd, 0);

    ds_convert_spec c;
    memset(&c, 0xAB, sizeof c);
    ds_convert_spec_init(&c);
    ck_assert(isnan(c.user_rate));
    ck_assert_ptr_null(c.definition);
}
END_TEST

START_TEST(test_rng)
{
    /* the tool's generator: MT19937 with the default seed, as before */
    gsl_rng *a = ds_sim_rng_alloc(DS_SIM_DEFAULT_SEED);
    gsl_rng *b = gsl_rng_alloc(gsl_rng_mt19937);
    ck_assert_ptr_nonnull(a);
    gsl_rng_set(b, 20250601UL);
    ck_assert_str_eq(gsl_rng_name(a), "mt19937");
    for (int i = 0; i < 3; i++)
        ck_assert_uint_eq(gsl_rng_get(a), gsl_rng_get(b));
    gsl_rng_free(a);
    gsl_rng_free(b);
}
END_TEST

static Suite *
spec_suite(void)
{
    Suite *s = suite_create("spec");
    TCase *tc = tcase_create("defaults");
    tcase_add_test(tc, test_inits);
    tcase_add_test(tc, test_rng);
    suite_add_tcase(s, tc);
    return s;
}

int
main(int argc, char **argv)
{
    return t_run(spec_suite(), argc, argv);
}
