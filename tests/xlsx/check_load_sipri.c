/* check_load_sipri.c - the SIPRI workbook and CSV loader against cells of
 * the real SIPRI file (tests/data/sipri/README.md): every data sheet,
 * units, fractions -> percent, fiscal years, blue/red fonts, "..." vs
 * "xxx", unknown names, filters and errors. */
#include "xlsx_test_util.h"

extern const ds__loader ds__loader_sipri;

#define TOL_MONEY 1e-3 /* currency units */
#define TOL_PCT 1e-12  /* percentage points */

START_TEST(test_japan_2024)
{
    run *r = run_loader(&ds__loader_sipri, "sipri/sipri-excerpt.xlsx", NULL,
                        0);
    ck_assert_int_eq(r->st, DS_OK);
    /* Current US$ BZ24: 55273.90431670826 (US$ m.) */
    const ds_obs *o = find_obs(r, "JPN", 2024, 1, "milex", "USD", "current");
    ck_assert_double_eq_tol(o->value, 55273.90431670826e6, TOL_MONEY);
    ck_assert_str_eq(o->definition, "sipri");
    ck_assert_str_eq(o->vintage, "2025-04-30");
    ck_assert_uint_eq(o->flags, 0);
    ck_assert_str_eq(o->source, "SIPRI Military Expenditure Database: "
                                "Current US$");
    ck_assert_ptr_nonnull(strstr(o->note, "cell BZ24"));
    /* Share of GDP BZ24: 0.01371396895806343 -> 1.371396895806343 % */
    o = find_obs(r, "JPN", 2024, 1, "milex_gdp_pct", "", "");
    ck_assert_double_eq_tol(o->value, 1.371396895806343, TOL_PCT);
    /* Constant (2023) US$ CA24: 58399.27957175824 */
    o = find_obs(r, "JPN", 2024, 1, "milex", "USD", "constant 2023");
    ck_assert_double_eq_tol(o->value, 58399.27957175824e6, TOL_MONEY);
    /* local currency, units: FY (Apr-Mar) CB26 and calendar CA25 */
    o = find_obs(r, "JPN", 2024, 4, "milex", "JPY", "current");
    ck_assert_double_eq_tol(o->value, 8776400000000.0, TOL_MONEY);
    ck_assert_ptr_nonnull(strstr(o->note, "financial year Apr-Mar"));
    o = find_obs(r, "JPN", 2024, 1, "milex", "JPY", "current");
    ck_assert_double_eq_tol(o->value, 8371675000000.0, TOL_MONEY);
    /* Per capita AM24 (current US$, units); Share of Govt. AN26 */
    o = find_obs(r, "JPN", 2024, 1, "milex_per_capita", "USD", "current");
    ck_assert_double_eq_tol(o->value, 445.5022069356115, 1e-9);
    o = find_obs(r, "JPN", 2024, 1, "milex_gov_pct", "", "");
    ck_assert_double_eq_tol(o->value, 3.250563532806726, TOL_PCT);
    run_free(r);
}
END_TEST

START_TEST(test_estimates_blue)
{
    run *r = run_loader(&ds__loader_sipri, "sipri/sipri-excerpt.xlsx", NULL,
                        0);
    ck_assert_int_eq(r->st, DS_OK);
    /* Current US$ D25 (Korea, South 1950): 108.4 in blue */
    const ds_obs *o = find_obs(r, "KOR", 1950, 1, "milex", "USD", "current");
    ck_assert_double_eq_tol(o->value, 108.4e6, TOL_MONEY);
    ck_assert_uint_eq(o->flags, DS_FLAG_ESTIMATE);
    /* Japan 1952 F24 blue; Japan 2023 BY24 black */
    o = find_obs(r, "JPN", 1952, 1, "milex", "USD", "current");
    ck_assert_uint_eq(o->flags, DS_FLAG_ESTIMATE);
    o = find_obs(r, "JPN", 2023, 1, "milex", "USD", "current");
    ck_assert_double_eq_tol(o->value, 48189.10862139051e6, TOL_MONEY);
    ck_assert_uint_eq(o->flags, 0);
    run_free(r);
}
END_TEST

START_TEST(test_uncertain_red_xxx_unknown)
{
    /* sipri-marks.xlsx: BZ24 in red, Ukraine "..." -> "xxx", a USSR row */
    run *r = run_loader(&ds__loader_sipri, "sipri/sipri-marks.xlsx", NULL, 0);
    ck_assert_int_eq(r->st, DS_OK);
    const ds_obs *o = find_obs(r, "JPN", 2024, 1, "milex", "USD", "current");
    ck_assert_uint_eq(o->flags, DS_FLAG_UNCERTAIN);
    ck_assert(has_skip(r, "sheet 'Current US$' cell C34 ('Ukraine'): 'xxx' "
                          "(country did not exist or was not independent) "
                          "for 1949-1992: no observation",
                       NULL));
    ck_assert(has_skip(r, "sheet 'Current US$' cell A90 ('USSR'): unknown "
                          "country 'USSR'",
                       NULL));
    ck_assert_uint_eq(count_obs(r, "UKR", 1991, 0, NULL), 0);
    run_free(r);
}
END_TEST

START_TEST(test_unavailable)
{
    run *r = run_loader(&ds__loader_sipri, "sipri/sipri-excerpt.xlsx", NULL,
                        0);
    ck_assert_int_eq(r->st, DS_OK);
    ck_assert(has_skip(r, "sheet 'Current US$' cell C24 ('Japan'): '...' "
                          "(data unavailable) for 1949-1951: no observation",
                       NULL));
    ck_assert_uint_eq(count_obs(r, "JPN", 1951, 0, "milex"), 1); /* FY only */
    ck_assert(!has_skip(r, "'xxx'", NULL));
    run_free(r);
}
END_TEST

START_TEST(test_fiscal_years)
{
    run *r = run_loader(&ds__loader_sipri, "sipri/sipri-excerpt.xlsx", NULL,
                        0);
    ck_assert_int_eq(r->st, DS_OK);
    /* Taiwan "Till: 1998 Jul-Jun, 1999: Jul-Dec, From 2000: Jan-Dec" */
    const ds_obs *o = find_obs(r, "TWN", 1998, 7, "milex", "TWD", "current");
    ck_assert_double_eq_tol(o->value, 295300000000.0, TOL_MONEY);
    find_obs(r, "TWN", 1999, 7, "milex", "TWD", "current");
    ck_assert_uint_eq(count_obs(r, "TWN", 2000, 7, "milex"), 0);
    o = find_obs(r, "TWN", 2000, 1, "milex", "TWD", "current");
    ck_assert_ptr_nonnull(strstr(o->source, "calendar years"));
    ck_assert(has_skip(r, "('Taiwan'): financial year Jan-Dec (the calendar "
                          "year; the workbook says 'Till: 1998 Jul-Jun, 1999: "
                          "Jul-Dec, From 2000: Jan-Dec') for 2000-2024: these "
                          "figures are taken from the calendar-year sheet",
                       NULL));
    ck_assert(has_skip(r, "('Japan'): '...' (data unavailable) for "
                          "1949-1950",
                       "Local currency financial years"));
    /* US: the calendar LCU row repeats Current US$; FY "" = Jan-Dec */
    ck_assert(has_skip(r, "('United States of America'): local currency is "
                          "the US dollar",
                       NULL));
    o = find_obs(r, "USA", 2024, 1, "milex", "USD", "current");
    ck_assert_double_eq_tol(o->value, 997309e6, TOL_MONEY);
    run_free(r);
}
END_TEST

START_TEST(test_sheet_skips)
{
    run *r = run_loader(&ds__loader_sipri, "sipri/sipri-excerpt.xlsx", NULL,
                        0);
    ck_assert(has_skip(r, "sheet 'Regional totals' not imported", NULL));
    ck_assert(has_skip(r, "sheet 'Footnotes' not imported", NULL));
    run_free(r);
}
END_TEST

START_TEST(test_filter)
{
    const char *ind[] = {"milex_gdp_pct"};
    run *r = run_loader(&ds__loader_sipri, "sipri/sipri-excerpt.xlsx", ind, 1);
    ck_assert_int_eq(r->st, DS_OK);
    ck_assert_uint_gt(ds_store_count(r->store), 100);
    ck_assert_uint_eq(count_obs(r, NULL, 0, 0, "milex_gdp_pct"),
                      ds_store_count(r->store));
    run_free(r);
}
END_TEST

START_TEST(test_csv)
{
    run *r = run_loader(&ds__loader_sipri, "sipri/sipri-current-usd.csv",
                        NULL, 0);
    ck_assert_int_eq(r->st, DS_OK);
    /* displayed value "55273.9" */
    const ds_obs *o = find_obs(r, "JPN", 2024, 1, "milex", "USD", "current");
    ck_assert_double_eq_tol(o->value, 55273.9e6, TOL_MONEY);
    ck_assert_str_eq(o->vintage, ""); /* a CSV states no release date */
    ck_assert_uint_eq(o->line, 14);
    ck_assert(has_skip(r, "'Japan': '...' (data unavailable) for 1949-1951",
                       NULL));
    ck_assert_uint_eq(count_obs(r, NULL, 0, 0, "milex_gdp_pct"), 0);
    run_free(r);
}
END_TEST

START_TEST(test_detect)
{
    char *buf;
    size_t len;
    read_data("sipri/sipri-excerpt.xlsx", &buf, &len);
    ck_assert_int_eq(ds__loader_sipri.detect(buf, len), 95);
    free(buf);
    read_data("sipri/sipri-current-usd.csv", &buf, &len);
    ck_assert_int_eq(ds__loader_sipri.detect(buf, len), 80);
    free(buf);
    read_data("nato/nato-excerpt.xlsx", &buf, &len);
    ck_assert_int_eq(ds__loader_sipri.detect(buf, len), 0);
    free(buf);
    read_data("xlsx/truncated.xlsx", &buf, &len);
    ck_assert_int_eq(ds__loader_sipri.detect(buf, len), 0);
    free(buf);
}
END_TEST

START_TEST(test_errors)
{
    run *r = run_loader(&ds__loader_sipri, "xlsx/truncated.xlsx", NULL, 0);
    ck_assert_int_eq(r->st, DS_EPARSE);
    ck_assert_str_eq(r->err.path, "xlsx/truncated.xlsx");
    ck_assert_ptr_nonnull(strstr(r->err.message, "not a readable zip"));
    run_free(r);
    r = run_loader(&ds__loader_sipri, "xlsx/layout.xlsx", NULL, 0);
    ck_assert_int_eq(r->st, DS_EPARSE);
    ck_assert_str_eq(r->err.message,
                     "no SIPRI data sheet in the workbook (a sheet with a "
                     "'Country' header row under a SIPRI title)");
    run_free(r);
}
END_TEST

/* issue 11 #7: formulas saved without values (tests/bad/make_bad.py's
 * sipri-formula-no-value.xlsx: Japan's current-US$ 2022-2024) are each a
 * skip naming the sheet and cell, never a silent gap. */
START_TEST(test_formula_without_value)
{
    run *r = run_loader(&ds__loader_sipri,
                        "../bad/files/sipri-formula-no-value.xlsx", NULL, 0);
    ck_assert_int_eq(r->st, DS_OK);
    ck_assert(has_skip(r, "sheet 'Current US$' cell BX24 ('Japan'): 2022: "
                          "formula 'SUM(A1:A2)' has no saved value",
                       NULL));
    ck_assert(has_skip(r, "sheet 'Current US$' cell BY24 ('Japan'): 2023: "
                          "formula 'BX24*1.1' has no saved value",
                       NULL));
    ck_assert(has_skip(r, "sheet 'Current US$' cell BZ24 ('Japan'): 2024: "
                          "formula (shared) has no saved value",
                       "no observation"));
    ck_assert_uint_eq(count_obs(r, "JPN", 2024, 1, "milex"), 2); /* LCU */
    ck_assert_uint_eq(count_obs(r, "JPN", 2021, 1, "milex"), 3);
    run_free(r);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("load_sipri");
    struct {
        const char *name;
        const TTest *t;
    } cases[] = {{"japan 2024", test_japan_2024},
                 {"estimates blue", test_estimates_blue},
                 {"uncertain red, xxx, unknown", test_uncertain_red_xxx_unknown},
                 {"unavailable", test_unavailable},
                 {"fiscal years", test_fiscal_years},
                 {"sheet skips", test_sheet_skips},
                 {"filter", test_filter},
                 {"csv", test_csv},
                 {"detect", test_detect},
                 {"errors", test_errors},
                 {"formula without value", test_formula_without_value}};
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
