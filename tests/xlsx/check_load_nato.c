/* check_load_nato.c - the NATO "Defence Expenditure of NATO Countries"
 * tables loader against cells of the June 2024 workbook
 * (tests/data/nato/README.md). */
#include "xlsx_test_util.h"

extern const ds__loader ds__loader_nato;

#define TOL_MONEY 1e-3 /* currency units */
#define TOL_PCT 1e-12  /* percentage points */

START_TEST(test_national_currency)
{
    run *r = run_loader(&ds__loader_nato, "nato/nato-excerpt.xlsx", NULL, 0);
    ck_assert_int_eq(r->st, DS_OK);
    /* TABLE1 N11 "Albania   (Leks)" 2024e: 49842.376000000004 (million) */
    const ds_obs *o = find_obs(r, "ALB", 2024, 1, "milex", "ALL", "current");
    ck_assert_double_eq_tol(o->value, 49842.376000000004e6, TOL_MONEY);
    ck_assert_uint_eq(o->flags, DS_FLAG_ESTIMATE);
    ck_assert_str_eq(o->definition, "nato");
    ck_assert_str_eq(o->vintage, "2024-06-17");
    ck_assert_ptr_nonnull(strstr(o->note, "currency 'Leks'"));
    /* L11 2022: not an estimate */
    o = find_obs(r, "ALB", 2022, 1, "milex", "ALL", "current");
    ck_assert_double_eq_tol(o->value, 25847.997999999996e6, TOL_MONEY);
    ck_assert_uint_eq(o->flags, 0);
    /* "Czechia*   (Koruny)", Constant 2015 prices, N49 */
    o = find_obs(r, "CZE", 2024, 1, "milex", "CZK", "constant 2015");
    ck_assert_double_eq_tol(o->value, 112343.19279653831e6, TOL_MONEY);
    ck_assert_ptr_nonnull(strstr(o->note, "2% of GDP"));
    ck_assert(has_skip(r, "sheet 'TABLE1' cell C41 ('United States'): "
                          "national currency is the US dollar",
                       NULL));
    run_free(r);
}
END_TEST

START_TEST(test_usd_share_per_capita)
{
    run *r = run_loader(&ds__loader_nato, "nato/nato-excerpt.xlsx", NULL, 0);
    ck_assert_int_eq(r->st, DS_OK);
    /* TABLE2 (million US dollars) */
    const ds_obs *o = find_obs(r, "USA", 2024, 1, "milex", "USD", "current");
    ck_assert_double_eq_tol(o->value, 967707e6, TOL_MONEY);
    o = find_obs(r, "ALB", 2024, 1, "milex", "USD", "current");
    ck_assert_double_eq_tol(o->value, 516.11402430603755e6, TOL_MONEY);
    /* TABLE3 share of real GDP (%), N11 */
    o = find_obs(r, "ALB", 2024, 1, "milex_gdp_pct", "", "");
    ck_assert_double_eq_tol(o->value, 2.0294680677363757, TOL_PCT);
    ck_assert_uint_eq(o->flags, DS_FLAG_ESTIMATE);
    /* TABLE6 defence expenditure per capita, 2015 prices, US dollars */
    o = find_obs(r, "ALB", 2024, 1, "milex_per_capita", "USD",
                 "constant 2015");
    ck_assert_double_eq_tol(o->value, 113.56388424657955, 1e-9);
    /* TABLE5 GDP */
    o = find_obs(r, "USA", 2024, 1, "gdp", "USD", "current");
    ck_assert_double_eq_tol(o->value, 28719941.5569791e6, 1);
    run_free(r);
}
END_TEST

START_TEST(test_skips)
{
    run *r = run_loader(&ds__loader_nato, "nato/nato-excerpt.xlsx", NULL, 0);
    ck_assert(has_skip(r, "sheet 'TABLE2' cell B43 ('NATO Total'): a NATO "
                          "aggregate, not a country: not imported",
                       NULL));
    ck_assert(has_skip(r, "sheet 'TABLE3' section 'Annual real change (%)' "
                          "has no defspend indicator: not imported",
                       NULL));
    ck_assert(has_skip(r, "sheet 'TABLE8a' not imported", NULL));
    /* passed over after its title (issue 18), saying how much was not read */
    ck_assert(has_skip(r, "sheet 'TABLE8b' not imported: 'Table 8b : "
                          "Distribution of defence expenditure by main "
                          "category' has no defspend indicator (82 rows; only "
                          "the first 6 read)",
                       NULL));
    run_free(r);
}
END_TEST

START_TEST(test_filter)
{
    const char *ind[] = {"milex_gdp_pct"};
    run *r = run_loader(&ds__loader_nato, "nato/nato-excerpt.xlsx", ind, 1);
    ck_assert_int_eq(r->st, DS_OK);
    ck_assert_uint_eq(ds_store_count(r->store), 33); /* 3 Allies x 11 */
    run_free(r);
}
END_TEST

START_TEST(test_detect_and_errors)
{
    char *buf;
    size_t len;
    read_data("nato/nato-excerpt.xlsx", &buf, &len);
    ck_assert_int_eq(ds__loader_nato.detect(buf, len), 90);
    free(buf);
    read_data("sipri/sipri-excerpt.xlsx", &buf, &len);
    ck_assert_int_eq(ds__loader_nato.detect(buf, len), 0);
    free(buf);
    run *r = run_loader(&ds__loader_nato, "xlsx/layout.xlsx", NULL, 0);
    ck_assert_int_eq(r->st, DS_EPARSE);
    ck_assert_ptr_nonnull(strstr(r->err.message, "no NATO defence-"
                                                 "expenditure table"));
    run_free(r);
    r = run_loader(&ds__loader_nato, "xlsx/sst-range.xlsx", NULL, 0);
    ck_assert_int_eq(r->st, DS_EPARSE);
    ck_assert_ptr_nonnull(strstr(r->err.message, "cell B4: shared string"));
    run_free(r);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("load_nato");
    struct {
        const char *name;
        const TTest *t;
    } cases[] = {{"national currency", test_national_currency},
                 {"usd, share, per capita", test_usd_share_per_capita},
                 {"skips", test_skips},
                 {"filter", test_filter},
                 {"detect and errors", test_detect_and_errors}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        TCase *tc = tcase_create(cases[i].name);
        tcase_add_test(tc, cases[i].t);
        suite_add_tcase(s, tc);
    }
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
