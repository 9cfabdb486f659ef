/* check_bridge.c - the definition bridge (bridge.c): each step a stored
 * figure or the difference of two, shares of two GDPs, missing steps n/a
 * and never 0, the other publishers beside it.
 *
 * Expected figures are the shipped datasets' cells (datasets/
 * japan_mod_budget.csv, japan_security_related.csv, wdi_japan.csv, from
 * /work/shared/data/japan_mod and the World Bank), computed by hand here:
 *   FY2024 MoD budget incl. SACO/realignment 7兆9,496億円 = 7,949.6 bn yen,
 *   excl. 7兆7,249億円 = 7,724.9 bn, supplementary 8,268億円 = 826.8 bn;
 *   security-related total FY2024 initial 8.9 tn (MoD README G4);
 *   FY2025: security-related initial about 9.9 tn + supplementary about
 *   1.1 tn; MoD supplementary 8,472億円;
 *   FY2022 GDP about 560.2 tn yen (the 2% target's base);
 *   calendar-2024 GDP 609,432.6 bn yen (WDI NY.GDP.MKTP.CN).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

static ds_store *st;

static void
setup(void)
{
    ds_error e;
    st = ds_store_alloc();
    ck_assert_ptr_nonnull(st);
    ck_assert_ds_ok(&e, ds_store_load_dir(st, getenv("DEFSPEND_DATA"), &e));
}

static void
teardown(void)
{
    ds_store_free(st);
}

#define near(a, b, tol) ck_assert_double_eq_tol((a), (b), (tol))

static const ds_bridge_step *
step(const ds_bridge *b, const char *code)
{
    const ds_bridge_step *s = ds_bridge_find(b, code);
    ck_assert_msg(s != NULL, "no step %s", code);
    return s;
}

START_TEST(japan_fy2024_steps)
{
    ds_error e;
    ds_bridge *b = NULL;
    ck_assert_ds_ok(&e, ds_bridge_run(st, "JPN", 2024, &b, &e));
    ck_assert_str_eq(b->lcu, "JPY");
    ck_assert_int_eq(b->fiscal_year, 2024);
    near(b->gdp->value, 609432.6e9, 1e3);
    ck_assert_int_eq(b->gdp_base->year, 2022);
    near(b->gdp_base->value, 560.2e12, 1e3);
    near(step(b, "mod_excl_saco")->lcu, 7724.9e9, 1e3);
    /* SACO/realignment: 7,949.6 - 7,724.9 = 224.7 bn, derived */
    const ds_bridge_step *s = step(b, "saco_realignment");
    near(s->lcu, 224.7e9, 1e3);
    ck_assert(s->flags & DS_FLAG_DERIVED);
    near(s->level_lcu, 7949.6e9, 1e3);
    near(step(b, "mod_budget")->lcu, 7949.6e9, 1e3);
    s = step(b, "mod_supplementary");
    near(s->lcu, 826.8e9, 1e3);
    near(s->level_lcu, 8776.4e9, 1e3);
    /* other ministries, initial: 8,900 - 7,949.6 = 950.4 bn */
    s = step(b, "other_initial");
    near(s->lcu, 950.4e9, 1e3);
    near(s->level_lcu, 9726.8e9, 1e3);
    /* shares: 7,724.9 / 609,432.6 = 1.26755%; / 560,200 = 1.37895% */
    s = step(b, "mod_excl_saco");
    near(s->pct_gdp, 1.26755, 1e-5);
    near(s->pct_gdp_base, 1.37895, 1e-5);
    /* no security-related supplementary budget for FY2024 in the
     * datasets: that step and the total are missing, never 0 */
    s = step(b, "other_supplementary");
    ck_assert(isnan(s->lcu) && isnan(s->level_lcu) && isnan(s->pct_gdp));
    ck_assert_ptr_nonnull(strstr(s->basis, "n/a: no security-related "
                                           "supplementary budget for FY2024"));
    s = step(b, "security_related_total");
    ck_assert(isnan(s->lcu) && isnan(s->level_lcu));
    /* the initial total stays: 8.9 / 560.2 = 1.58872% of FY2022 GDP */
    s = step(b, "security_related_initial");
    near(s->lcu, 8.9e12, 1e3);
    near(s->pct_gdp_base, 1.58872, 1e-5);
    /* beside it: the World Bank's 2024 share (SIPRI's data, vintage
     * 2026-02-24: 1.37139689580634), no SIPRI or NATO figure shipped */
    s = step(b, "wdi");
    near(s->pct_gdp, 1.37139689580634, 1e-12);
    ck_assert(isnan(step(b, "sipri")->pct_gdp));
    ck_assert(isnan(step(b, "nato")->pct_gdp));
    ck_assert_ptr_nonnull(strstr(step(b, "nato")->basis, "n/a: no NATO"));
    ds_bridge_free(b);
}
END_TEST

START_TEST(japan_fy2025_total_is_about_2_percent)
{
    ds_error e;
    ds_bridge *b = NULL;
    /* 0: the latest fiscal year with the security-related total */
    ck_assert_ds_ok(&e, ds_bridge_run(st, "JPN", 0, &b, &e));
    ck_assert_int_eq(b->fiscal_year, 2025);
    /* 9.9 + 1.1 = 11.0 tn = 1.96359% of FY2022 GDP (¥560.2 tn); both
     * approximate in the source */
    const ds_bridge_step *s = step(b, "security_related_total");
    near(s->lcu, 11.0e12, 1e3);
    near(s->pct_gdp_base, 1.96359, 1e-5);
    ck_assert(s->flags & DS_FLAG_APPROXIMATE);
    /* the chain reaches the same total: 8,474.8 + 225.7 + 847.2 + 1,199.5
     * + 252.8 */
    near(s->level_lcu, 11.0e12, 1e3);
    near(step(b, "other_supplementary")->lcu, 252.8e9, 1e3);
    /* no 2025 GDP in the store: shares of it are n/a */
    ck_assert_ptr_null(b->gdp);
    ck_assert(isnan(s->pct_gdp));
    ds_bridge_free(b);
}
END_TEST

START_TEST(no_bridge_without_budgets)
{
    ds_error e;
    ds_bridge *b = NULL;
    ck_assert_ds_error(&e, ds_bridge_run(st, "KOR", 2024, &b, &e),
                       DS_ENOTFOUND,
                       "no definition bridge for KOR: the store holds no "
                       "Japan MoD budget incl. SACO/US realignment or Japan "
                       "security-related total figures for it");
    ck_assert_ptr_null(b);
    ck_assert_ds_error(&e, ds_bridge_run(st, "JPN", 2005, &b, &e),
                       DS_ENOTFOUND,
                       "no definition bridge for JPN in FY2005: the store "
                       "holds Japan MoD budget incl. SACO/US realignment "
                       "figures for FY2013-FY2026");
}
END_TEST

/* A store without the excl. basis: the first step and the SACO step are
 * n/a, the chain restarts at the stored MoD budget. */
START_TEST(missing_first_step_restarts_at_stored_level)
{
    static const char ROWS[] =
        DS_STORE_HEADER "\n"
        "JPN,2024,fiscal-04,milex,7949600000000,JPY,current,mod_budget,"
        "Japan MoD budget table [S20 S21 S22 S23],2025-12-26,,\n"
        "JPN,2024,fiscal-04,milex,8900000000000,JPY,current,"
        "jp_security_related,Japan security-related total [G4],2025-12-26,,\n";
    ds_error e;
    ds_store *s2 = ds_store_alloc();
    ck_assert_ds_ok(&e, ds_store_load_buffer(s2, "r.csv", ROWS, strlen(ROWS),
                                             &e));
    ds_bridge *b = NULL;
    ck_assert_ds_ok(&e, ds_bridge_run(s2, "JPN", 2024, &b, &e));
    ck_assert(isnan(step(b, "mod_excl_saco")->lcu));
    ck_assert(isnan(step(b, "saco_realignment")->lcu));
    ck_assert(isnan(step(b, "saco_realignment")->level_lcu));
    near(step(b, "mod_budget")->level_lcu, 7949.6e9, 1e3);
    /* no supplementary: the levels after it are n/a, the amount of the
     * other ministries is still known */
    ck_assert(isnan(step(b, "mod_supplementary")->lcu));
    near(step(b, "other_initial")->lcu, 950.4e9, 1e3);
    ck_assert(isnan(step(b, "other_initial")->level_lcu));
    /* no GDP at all: shares n/a */
    ck_assert(isnan(step(b, "mod_budget")->pct_gdp));
    ck_assert(isnan(step(b, "mod_budget")->pct_gdp_base));
    /* the table: missing cells, not zeros */
    ds_table *t = NULL;
    ck_assert_ds_ok(&e, ds_bridge_table(b, &t, &e));
    ck_assert(ds_table_missing(t, 0, 5)); /* amount_lcu */
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    ck_assert_ds_ok(&e, ds_table_write(t, DS_TABLE_CSV, f, &e));
    fclose(f);
    ck_assert_ptr_nonnull(strstr(buf, "\"MoD budget excl. SACO/US realignment, "
                                      "initial\",mod_excl_saco,start,2024,,,"));
    free(buf);
    ds_table_free(t);
    ds_bridge_free(b);
    ds_store_free(s2);
}
END_TEST

/* NATO 2035 (nato2035.c): 3.5% core and 1.5% related, each against its
 * current figure, amounts at one rate.  By hand from the datasets:
 * 2024 GDP $4,026,210,821,146.81 (WDI DataBank NY.GDP.MKTP.CD) and
 * ¥609,432.6 bn (NY.GDP.MKTP.CN): rate 151.3663 yen per US$; WDI's
 * 2024 share 1.37139689580634%; FY2024 other ministries' items ¥950.4 bn
 * (8,900 - 7,949.6). */
START_TEST(nato2035_core_and_related)
{
    ds_error e;
    ds_nato2035 *n = NULL;
    ck_assert_ds_ok(&e, ds_nato2035_run(st, "JPN", 2024, NULL, &n, &e));
    const double gu = 4026210821146.81, gl = 609432.6e9, r = gl / gu;
    near(n->lcu_per_usd, r, 1e-9);
    near(n->core.target_usd, 0.035 * gu, 1);
    near(n->core.current_pct, 1.37139689580634, 1e-12);
    near(n->core.gap_usd, (3.5 - 1.37139689580634) / 100 * gu, 1);
    near(n->core.gap_lcu, (3.5 - 1.37139689580634) / 100 * gl, 1e3);
    ck_assert_str_eq(n->core.definition, "wdi");
    near(n->related.current_lcu, 950.4e9, 1e3);
    near(n->related.current_pct, 100 * 950.4e9 / gl, 1e-9);
    near(n->related.gap_lcu, 0.015 * gl - 950.4e9, 1e3);
    near(n->related.gap_usd, (0.015 * gl - 950.4e9) / r, 1);
    ck_assert_str_eq(n->related.definition, "jp_security_related");
    near(n->total.gap_usd, n->core.gap_usd + n->related.gap_usd, 1);
    ds_nato2035_free(n);

    /* Korea: no sourced related figure: missing, never 0 */
    ck_assert_ds_ok(&e, ds_nato2035_run(st, "KOR", 0, NULL, &n, &e));
    ck_assert(isfinite(n->core.current_pct));
    ck_assert(isnan(n->related.current_pct) && isnan(n->related.gap_usd));
    ck_assert(isfinite(n->related.target_usd));
    ck_assert(isnan(n->total.gap_usd));
    ds_nato2035_free(n);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("bridge");
    TCase *tc = tcase_create("bridge");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, japan_fy2024_steps);
    tcase_add_test(tc, japan_fy2025_total_is_about_2_percent);
    tcase_add_test(tc, no_bridge_without_budgets);
    tcase_add_test(tc, missing_first_step_restarts_at_stored_level);
    tcase_add_test(tc, nato2035_core_and_related);
    suite_add_tcase(s, tc);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
