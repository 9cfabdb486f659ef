/* check_convert.c - conversions: fiscal -> calendar on SIPRI's own Japan
 * figures, exchange rates and the deflator against WDI's figures. */
#include <math.h>

#include "ptest.h"

/* ---------------------------------------------------- fiscal/calendar */

START_TEST(fy_weights)
{
    /* April: SIPRI's 0.25 / 0.75; October: 0.75 / 0.25; January: FY = CY */
    ck_assert_double_eq_tol(ds_convert_fy_to_cy(4.0, 8.0, 4),
                            0.25 * 4.0 + 0.75 * 8.0, 1e-12);
    ck_assert_double_eq_tol(ds_convert_fy_to_cy(2.385, 7.125, 10),
                            9.0 / 12 * 2.385 + 3.0 / 12 * 7.125, 1e-12);
    ck_assert_double_eq_tol(ds_convert_fy_to_cy(NAN, 3.5, 1), 3.5, 1e-15);
    ck_assert(isnan(ds_convert_fy_to_cy(NAN, 3.5, 4)));
    ck_assert(isnan(ds_convert_fy_to_cy(1.0, NAN, 7)));
    ck_assert(isnan(ds_convert_fy_to_cy(1.0, 2.0, 13)));
    ck_assert_double_eq_tol(ds_convert_fy_weight_prev(7), 0.5, 1e-15);
}
END_TEST

/* SIPRI Japan: every calendar year with both FY t-1 and FY t published.
 * SIPRI rounds its yen figures; the tolerance is 0.5 in the last digit it
 * keeps (figures are given to 0.1 bn yen or finer: 5e7 yen). */
START_TEST(fy_to_cy_sipri_japan)
{
    char path[4096];
    pt_path(path, sizeof path, "DS_TEST_DATA", "sipri_japan_fy_cy.csv");
    ds_store *s = ds_store_alloc();
    ds_error e;
    ck_ok(&e, ds_store_load_file(s, path, &e));
    ds_convert_spec sp = {"JPN", "milex", "sipri", DS_TO_CALENDAR, 0,
                          DS_RATE_OFFICIAL, NAN};
    ds_conversion *c = NULL;
    ck_ok(&e, ds_convert_run(s, &sp, &c, &e));
    ck_assert_int_eq(c->fy_start_month_in, 4);
    ck_assert_int_eq(c->fy_start_month_out, 1);
    size_t checked = 0;
    for (size_t i = 0; i < c->n_rows; i++) {
        const ds_convert_row *r = &c->rows[i];
        ds_query q = {"JPN", "milex", r->year, "JPY", "sipri", NULL, NULL, 1, DS_ACTUALS_ONLY};
        const ds_obs *cy = NULL;
        if (ds_store_find(s, &q, &cy, NULL) != DS_OK) {
            continue;
        }
        if (isnan(r->out)) {
            /* missing FY input: SIPRI's first CY (1952) needs FY1951 */
            ck_assert_msg(r->note[0] != '\0', "missing without a note");
            continue;
        }
        ck_assert_msg(fabs(r->out - cy->value) <= 5e7 + 1e-9 * cy->value,
                      "CY%d: computed %.0f, SIPRI %.0f", r->year, r->out,
                      cy->value);
        checked++;
    }
    /* SIPRI has calendar years 1952-2024 and fiscal years 1951-2024 */
    ck_assert_uint_eq(checked, 2024 - 1952 + 1);
    /* exact spot check, 2024: 0.25 * 7,157.5 bn + 0.75 * 8,776.4 bn */
    const ds_convert_row *last = &c->rows[c->n_rows - 1];
    ck_assert_int_eq(last->year, 2024);
    ck_assert_double_eq_tol(last->out, 8371675000000.0, 1.0);
    ds_conversion_free(c);
    ds_store_free(s);
}
END_TEST

START_TEST(fy_to_cy_missing_is_missing)
{
    ds_store *s = pt_text(
        DS_STORE_HEADER "\n"
        "JPN,2020,fiscal-04,milex,100,JPY,current,mod_budget,t,2025-01-01,,\n"
        "JPN,2022,fiscal-04,milex,130,JPY,current,mod_budget,t,2025-01-01,,\n"
        "JPN,2023,fiscal-04,milex,140,JPY,current,mod_budget,t,2025-01-01,,\n");
    ds_convert_spec sp = {"JPN", "milex", NULL, DS_TO_CALENDAR, 0,
                          DS_RATE_OFFICIAL, NAN};
    ds_conversion *c = NULL;
    ds_error e;
    ck_ok(&e, ds_convert_run(s, &sp, &c, &e));
    ck_assert_uint_eq(c->n_rows, 4); /* 2020..2023 */
    ck_assert(isnan(c->rows[0].out)); /* FY2019 missing */
    ck_assert(isnan(c->rows[1].out)); /* FY2021 missing */
    ck_assert_str_eq(c->rows[1].note, "missing: FY2021 not in the store");
    ck_assert(isnan(c->rows[2].out));
    ck_assert_double_eq_tol(c->rows[3].out, 0.25 * 130 + 0.75 * 140, 1e-9);
    ds_conversion_free(c);
    /* a calendar series cannot be converted to calendar years */
    sp.indicator = "gdp";
    ck_assert_int_eq(ds_convert_run(s, &sp, &c, &e), DS_ENOTFOUND);
    ck_assert_str_eq(e.message, "no fiscal-year series of gdp for JPN in "
                                "the store to convert");
    ds_store_free(s);
}
END_TEST

/* ------------------------------------------------------ exchange rates */

/* WDI Japan 2024 (datasets/wdi_japan.csv, vintage 2025-10-07):
 * GDP 609,390,800,000,000 yen (NY.GDP.MKTP.CN) and 4,026,210,821,146.81
 * US$ (NY.GDP.MKTP.CD); official rate 151.366... yen per US$. */
START_TEST(rates_against_wdi)
{
    ds_store *s = pt_shipped();
    ds_error e;
    ds_rate off, imp, usr;
    ck_ok(&e, ds_rate_find(s, "JPN", "JPY", 2024, DS_RATE_OFFICIAL, NAN,
                           &off, &e));
    ck_ok(&e, ds_rate_find(s, "JPN", "JPY", 2024, DS_RATE_GDP_IMPLIED, NAN,
                           &imp, &e));
    const ds_obs *gl, *gu;
    ds_query q = {"JPN", "gdp", 2024, "JPY", "wdi", NULL, NULL, 1, DS_ACTUALS_ONLY};
    ck_ok(&e, ds_store_find(s, &q, &gl, &e));
    q.currency = "USD";
    ck_ok(&e, ds_store_find(s, &q, &gu, &e));
    ck_assert_double_eq_tol(imp.lcu_per_usd, gl->value / gu->value, 1e-9);
    /* WDI derives GDP in US$ with the official rate: they agree closely */
    for (int y = 1990; y <= 2024; y++) {
        ck_ok(&e, ds_rate_find(s, "JPN", "JPY", y, DS_RATE_OFFICIAL, NAN,
                               &off, &e));
        ck_ok(&e, ds_rate_find(s, "JPN", "JPY", y, DS_RATE_GDP_IMPLIED, NAN,
                               &imp, &e));
        ck_assert_msg(fabs(imp.lcu_per_usd / off.lcu_per_usd - 1) < 0.005,
                      "%d: implied %g, official %g", y, imp.lcu_per_usd,
                      off.lcu_per_usd);
    }
    ck_assert_int_eq(ds_rate_find(s, "JPN", "JPY", 2024, DS_RATE_USER, -3,
                                  &usr, &e),
                     DS_EINVAL);
    ck_ok(&e, ds_rate_find(s, "JPN", "JPY", 2024, DS_RATE_USER, 142.5, &usr,
                           &e));
    ck_assert_str_eq(usr.basis, "given by the user: 142.5 JPY per US$");
    ck_assert_int_eq(ds_rate_find(s, "JPN", "JPY", 1970, DS_RATE_OFFICIAL,
                                  NAN, &off, &e),
                     DS_ENOTFOUND);
    ds_store_free(s);
}
END_TEST

START_TEST(gdp_to_usd_and_back)
{
    ds_store *s = pt_shipped();
    ds_error e;
    ds_convert_spec sp = {"JPN", "gdp", "wdi", DS_TO_USD, 0,
                          DS_RATE_GDP_IMPLIED, NAN};
    ds_conversion *c = NULL;
    ck_ok(&e, ds_convert_run(s, &sp, &c, &e));
    ck_assert_str_eq(c->currency_in, "JPY");
    ck_assert_str_eq(c->currency_out, "USD");
    /* at the GDP-implied rate, GDP in yen converts to WDI's GDP in US$ */
    for (size_t i = 0; i < c->n_rows; i++) {
        ds_query q = {"JPN", "gdp", c->rows[i].year, "USD", "wdi", NULL, NULL,
                      1, 0};
        const ds_obs *u;
        ck_ok(&e, ds_store_find(s, &q, &u, &e));
        ck_assert_double_eq_tol(c->rows[i].out / u->value, 1.0, 1e-12);
    }
    ds_conversion_free(c);
    /* the MoD's FY2024 yen budget at the official rates of 2024 and 2025:
     * 2025 is not in the store, so 2024's alone with a note */
    ds_convert_spec m = {"JPN", "milex", "mod_budget", DS_TO_USD, 0,
                         DS_RATE_OFFICIAL, NAN};
    ck_ok(&e, ds_convert_run(s, &m, &c, &e));
    const ds_convert_row *r = NULL;
    for (size_t i = 0; i < c->n_rows; i++)
        if (c->rows[i].year == 2024)
            r = &c->rows[i];
    ck_assert_ptr_nonnull(r);
    ck_assert_double_eq_tol(r->in, 7.95e12, 1e10);
    ds_rate off;
    ck_ok(&e, ds_rate_find(s, "JPN", "JPY", 2024, DS_RATE_OFFICIAL, NAN, &off,
                           &e));
    ck_assert_double_eq_tol(r->out, r->in / off.lcu_per_usd, 1);
    ck_assert_str_eq(r->note, "rate of 2024 only: the fiscal year runs "
                              "into 2025, which has no rate in the store");
    /* FY2023 spans 2023 and 2024: months-weighted rate 0.75/0.25 */
    for (size_t i = 0; i < c->n_rows; i++)
        if (c->rows[i].year == 2023)
            r = &c->rows[i];
    ds_rate r23, r24;
    ck_ok(&e, ds_rate_find(s, "JPN", "JPY", 2023, DS_RATE_OFFICIAL, NAN, &r23,
                           &e));
    ck_ok(&e, ds_rate_find(s, "JPN", "JPY", 2024, DS_RATE_OFFICIAL, NAN, &r24,
                           &e));
    ck_assert_double_eq_tol(
        r->out, r->in / (0.75 * r23.lcu_per_usd + 0.25 * r24.lcu_per_usd),
        1);
    ds_conversion_free(c);
    ds_store_free(s);
}
END_TEST

/* WDI's GDP in constant 2015 yen (NY.GDP.MKTP.KN, API_JPN_DS2_en_csv_v2_9334
 * .csv, 2025-10-07): rebasing current-price GDP with the deflator to 2015
 * must reproduce its real growth, since WDI's deflator is current /
 * constant * 100 (up to the constant D2015 / 100). */
START_TEST(deflator_against_wdi_constant)
{
    static const struct {
        int year;
        double kn;
    } wdi[] = {{1995, 467050110932000.0},
               {2005, 521762212797000.0},
               {2015, 548390074920000.0},
               {2020, 539646000000000.0},
               {2024, 568145241118000.0}};
    ds_store *s = pt_shipped();
    ds_error e;
    ds_convert_spec sp = {"JPN", "gdp", "wdi", DS_TO_CONSTANT, 2015,
                          DS_RATE_OFFICIAL, NAN};
    ds_conversion *c = NULL;
    sp.to = DS_TO_CONSTANT;
    /* LCU series: pick it by asking with a US$-free conversion */
    ck_ok(&e, ds_convert_run(s, &sp, &c, &e));
    ck_assert_str_eq(c->price_out, "constant 2015");
    ck_assert_str_eq(c->currency_in, "JPY");
    size_t hit = 0;
    for (size_t i = 0; i < c->n_rows; i++)
        for (size_t k = 0; k < sizeof wdi / sizeof *wdi; k++)
            if (c->rows[i].year == wdi[k].year) {
                /* WDI's deflator is CN / KN * 100 but its 2015 index is
                 * 98.111 (KN is chain-linked), so rebased GDP equals
                 * KN * D2015 / 100: real growth is reproduced exactly */
                ck_assert_msg(fabs(c->rows[i].out /
                                       (wdi[k].kn * 98.1112395366545 / 100) -
                                   1) < 1e-6,
                              "%d: %.0f vs WDI %.0f", wdi[k].year,
                              c->rows[i].out, wdi[k].kn);
                hit++;
            }
    ck_assert_uint_eq(hit, 5);
    ds_conversion_free(c);
    sp.base_year = 1950;
    ck_assert_int_eq(ds_convert_run(s, &sp, &c, &e), DS_ENOTFOUND);
    ck_assert_str_eq(e.message, "no GDP deflator (gdp_deflator) for JPN in "
                                "1950 in the store");
    ck_assert_double_eq_tol(ds_convert_rebase(2.385, 80, 100), 2.98125,
                            1e-12);
    ck_assert(isnan(ds_convert_rebase(2.385, 0, 100)));
    ds_store_free(s);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("convert");
    TCase *t = tcase_create("fiscal");
    tcase_add_test(t, fy_weights);
    tcase_add_test(t, fy_to_cy_sipri_japan);
    tcase_add_test(t, fy_to_cy_missing_is_missing);
    suite_add_tcase(s, t);
    t = tcase_create("rates");
    tcase_add_test(t, rates_against_wdi);
    tcase_add_test(t, gdp_to_usd_and_back);
    suite_add_tcase(s, t);
    t = tcase_create("deflator");
    tcase_add_test(t, deflator_against_wdi_constant);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int f = srunner_ntests_failed(r);
    srunner_free(r);
    return f ? 1 : 0;
}
