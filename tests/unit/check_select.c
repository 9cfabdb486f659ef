/* check_select.c - figure selection (select.c): one definition per ratio,
 * the publisher's own ratio first, actuals only, the age of a figure.
 *
 * Rows copied from real files (cells named beside them):
 *   NATO, Defence Expenditure of NATO Countries (2014-2024), June 2024,
 *     ../shared/data/nato/240617-def-exp-2024-TABLES-en.xlsx, 2024e;
 *   SIPRI Military Expenditure Database, 2025 release (excerpt),
 *     ../shared/data/sipri/SIPRI-Milex-data-1949-2024-excerpt.xlsx;
 *   IMF WEO April 2021 (a projection of Poland's 2024 GDP).
 * NATO publishes Poland 4.12%, United States 3.38%, Germany 2.12% for
 * 2024e; SIPRI 4.15%, 3.42%, 1.89%.  SIPRI's US$ spending over NATO's GDP
 * (the old, wrong answer) gives 4.48%, 3.47%, 1.92%.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "test_util.h"

#define HDR DS_STORE_HEADER "\n"
#define NT "NATO Table"
#define SP "SIPRI"

static const char ROWS[] =
    HDR
    /* NATO Table 5 N32, Table 2 N32, Table 3 N32 */
    "POL,2024,calendar,gdp,848856959322.1437,USD,current,nato," NT ",2024-06-17,estimate,\n"
    "POL,2024,calendar,milex,34974527950.52203,USD,current,nato," NT ",2024-06-17,estimate,\n"
    "POL,2024,calendar,milex_gdp_pct,4.120190989357147,,,nato," NT ",2024-06-17,estimate,\n"
    /* SIPRI Current US$ BZ31, Share of GDP BZ31 */
    "POL,2024,calendar,milex,38000728652.37,USD,current,sipri," SP ",2025-04-30,,\n"
    "POL,2024,calendar,milex_gdp_pct,4.154393879753562,,,sipri," SP ",2025-04-30,,\n"
    /* United States: NATO N41/N42, SIPRI BZ15 */
    "USA,2024,calendar,gdp,28719941556979.1,USD,current,nato," NT ",2024-06-17,estimate,\n"
    "USA,2024,calendar,milex,967707000000,USD,current,nato," NT ",2024-06-17,estimate,\n"
    "USA,2024,calendar,milex_gdp_pct,3.3790207262385565,,,nato," NT ",2024-06-17,estimate,\n"
    "USA,2024,calendar,milex,997309000000,USD,current,sipri," SP ",2025-04-30,,\n"
    "USA,2024,calendar,milex_gdp_pct,3.419216532280439,,,sipri," SP ",2025-04-30,,\n"
    /* Germany: NATO Table 5 and 2 only (its share row dropped here, so the
     * share is NATO spending / NATO GDP); SIPRI spending only */
    "DEU,2024,calendar,gdp,4610035219652.863,USD,current,nato," NT ",2024-06-17,estimate,\n"
    "DEU,2024,calendar,milex,97685590083.95218,USD,current,nato," NT ",2024-06-17,estimate,\n"
    "DEU,2024,calendar,milex,88458476389.51086,USD,current,sipri," SP ",2025-04-30,,\n"
    /* a WEO projection of Poland's 2025 GDP and an old NATO year */
    "POL,2025,calendar,gdp,900000000000,USD,current,nato,WEO-like,2021-04-01,projection,\n"
    "POL,2025,calendar,milex,40000000000,USD,current,nato,WEO-like,2021-04-01,projection,\n"
    "POL,2020,calendar,milex_gdp_pct,2.2,,,nato," NT ",2024-06-17,,\n";

static ds_store *
store(void)
{
    ds_store *s = ds_store_alloc();
    ds_error e;
    ck_assert_ptr_nonnull(s);
    ck_assert_ds_ok(&e, ds_store_load_buffer(s, "r.csv", ROWS, strlen(ROWS),
                                             &e));
    return s;
}

START_TEST(test_published_ratio_wins)
{
    ds_store *s = store();
    ds_share sh;
    ds_error e;
    ck_assert_ds_ok(&e, ds_select_share(s, "POL", "nato", 2024, &sh, &e));
    ck_assert_double_eq_tol(sh.pct, 4.120190989357147, 1e-12);
    ck_assert_str_eq(sh.definition, "nato");
    ck_assert_ptr_nonnull(sh.published);
    ck_assert_str_eq(sh.milex->definition, "nato");
    ck_assert_str_eq(sh.gdp->definition, "nato");
    ck_assert_int_eq(sh.milex_derived, 0);
    ck_assert_str_eq(sh.basis, "NATO's published share of GDP");
    ck_assert_ds_ok(&e, ds_select_share(s, "POL", "sipri", 2024, &sh, &e));
    ck_assert_double_eq_tol(sh.pct, 4.154393879753562, 1e-12);
    /* SIPRI has no GDP: its implied GDP, said so, never NATO's */
    ck_assert_ptr_null(sh.gdp);
    ck_assert_int_eq(sh.gdp_derived, 1);
    ck_assert_double_eq_tol(sh.gdp_usd,
                            38000728652.37 * 100.0 / 4.154393879753562, 1);
    ck_assert_ds_ok(&e, ds_select_share(s, "USA", "nato", 2024, &sh, &e));
    ck_assert_double_eq_tol(sh.pct, 3.3790207262385565, 1e-12);
    ck_assert_ds_ok(&e, ds_select_share(s, "USA", "sipri", 2024, &sh, &e));
    ck_assert_double_eq_tol(sh.pct, 3.419216532280439, 1e-12);
    /* without a definition: the store's order (sipri before nato) */
    ck_assert_ds_ok(&e, ds_select_share(s, "USA", NULL, 2024, &sh, &e));
    ck_assert_str_eq(sh.definition, "sipri");
    ds_store_free(s);
}
END_TEST

START_TEST(test_never_two_sources)
{
    ds_store *s = store();
    ds_share sh;
    ds_error e;
    /* NATO spending / NATO GDP: 97.69 / 4610.04 = 2.119% (NATO prints
     * 2.12); SIPRI spending over NATO's GDP would be 1.92% */
    ck_assert_ds_ok(&e, ds_select_share(s, "DEU", "nato", 2024, &sh, &e));
    ck_assert_double_eq_tol(sh.pct,
                            100.0 * 97685590083.95218 / 4610035219652.863,
                            1e-12);
    ck_assert_ptr_null(sh.published);
    ck_assert_str_eq(sh.basis, "NATO military expenditure / NATO GDP, both "
                               "current US$");
    /* SIPRI spending without a SIPRI share or GDP: no share at all */
    ck_assert_ds_error(&e, ds_select_share(s, "DEU", "sipri", 2024, &sh, &e),
                       DS_ENOTFOUND,
                       "no SIPRI share of GDP for DEU in 2024 in the store "
                       "(neither its published ratio nor its spending and "
                       "GDP)");
    ds_store_free(s);
}
END_TEST

START_TEST(test_latest_year_actuals_only)
{
    ds_store *s = store();
    /* 2025 exists only as a projection */
    ck_assert_int_eq(ds_select_share_latest_year(s, "POL", "nato", 0), 2024);
    ck_assert_int_eq(ds_select_share_latest_year(s, "POL", "nato", 2023),
                     2020);
    ck_assert_int_eq(ds_select_share_latest_year(s, "DEU", "sipri", 0), 0);
    ck_assert_int_eq(ds_select_share_latest_year(s, "DEU", NULL, 0), 2024);
    ds_store_free(s);
}
END_TEST

START_TEST(test_age)
{
    ds_store *s = store();
    ds_share sh;
    ds_error e;
    ck_assert_ds_ok(&e, ds_select_share(s, "POL", "nato", 2020, &sh, &e));
    int rel = 0, all = 0;
    /* 2020 while NATO's release of 2024-06-17 has 2024: stale */
    ck_assert_int_eq(ds_select_age(s, sh.published, &rel, &all), 1);
    ck_assert_int_eq(rel, 2024);
    ck_assert_int_eq(all, 2024);
    ck_assert_ds_ok(&e, ds_select_share(s, "POL", "nato", 2024, &sh, &e));
    ck_assert_int_eq(ds_select_age(s, sh.published, NULL, NULL), 0);
    ds_store_free(s);
}
END_TEST

/* A fiscal-year draft budget is neither a newer calendar year nor an
 * actual: it does not make calendar figures stale.  Share years in one
 * pass follow ds_select_share. */
START_TEST(test_age_draft_and_years)
{
    static const char T[] =
        HDR
        "JPN,2022,calendar,milex,46880194665.101,USD,current,wdi,W,2025-10-07,,\n"
        "JPN,2022,calendar,gdp,4262463317796.53,USD,current,wdi,W,2025-10-07,,\n"
        "JPN,2026,fiscal-04,milex,9035300000000,JPY,current,mod_budget,M,2025-12-26,draft,\n";
    ds_store *s = ds_store_alloc();
    ds_error e;
    ck_assert_ds_ok(&e, ds_store_load_buffer(s, "t.csv", T, strlen(T), &e));
    ds_share sh;
    ck_assert_ds_ok(&e, ds_select_share(s, "JPN", "wdi", 2022, &sh, &e));
    int rel = 0, all = 0;
    ck_assert_int_eq(ds_select_age(s, sh.milex, &rel, &all), 0);
    ck_assert_int_eq(all, 2022);
    const char *c[] = {"JPN", "POL"};
    unsigned char ok[6];
    ck_assert_ds_ok(&e, ds_select_share_years(s, c, 2, "wdi", 2021, 2023,
                                              ok, &e));
    ck_assert_int_eq(ok[0], 0);
    ck_assert_int_eq(ok[1], 1); /* JPN 2022: milex / GDP */
    ck_assert_int_eq(ok[2], 0);
    ck_assert_int_eq(ok[3] + ok[4] + ok[5], 0);
    ds_store_free(s);
    s = store();
    ck_assert_ds_ok(&e, ds_select_share_years(s, c + 1, 1, "nato", 2020,
                                              2025, ok, &e));
    /* 2020 published, 2024 all three; 2025 only a projection */
    ck_assert_int_eq(ok[0], 1);
    ck_assert_int_eq(ok[4], 1);
    ck_assert_int_eq(ok[5], 0);
    ck_assert_int_eq(ds_select_share_years(s, c, 2, "nato", 2025, 2020, ok,
                                           &e), DS_EINVAL);
    ds_store_free(s);
}
END_TEST

START_TEST(test_definitions)
{
    ds_store *s = store();
    const char *d[8];
    ck_assert_uint_eq(ds_select_definitions(s, "DEU", d, 8), 2);
    ck_assert_str_eq(d[0], "sipri");
    ck_assert_str_eq(d[1], "nato");
    ck_assert_str_eq(ds_definition_label("mod_budget"),
                     "Japan MoD budget incl. SACO/US realignment");
    ck_assert_str_eq(ds_definition_label("xyz"), "xyz");
    ds_store_free(s);
}
END_TEST

/* Japan's security-related total (japan_mod README section 2, as shipped
 * in datasets/japan_security_related.csv): measured against the FY2022
 * nominal GDP the definition carries, not against a calendar year's GDP. */
static const char SEC[] =
    HDR
    "JPN,2022,fiscal-04,gdp,560200000000000,JPY,current,jp_security_related,"
    "G3,2025-12-26,,\n"
    "JPN,2024,fiscal-04,milex,8900000000000,JPY,current,jp_security_related,"
    "G4,2025-12-26,,\n"
    "JPN,2025,fiscal-04,milex,9900000000000,JPY,current,jp_security_related,"
    "G5,2025-12-26,approximate,\n"
    "JPN,2025,fiscal-04,milex_supplementary,1100000000000,JPY,current,"
    "jp_security_related,G6,2025-12-26,approximate,\n"
    "JPN,2027,fiscal-04,milex,11000000000000,JPY,current,jp_security_related,"
    "G1,2025-12-26,projection;approximate,\n"
    /* a calendar GDP of another definition must not be the denominator */
    "JPN,2025,calendar,gdp,640000000000000,JPY,current,wdi,W,2026-01-01,,\n"
    /* MoD budget: no GDP of its own */
    "JPN,2025,fiscal-04,milex,8700500000000,JPY,current,mod_budget,S,"
    "2025-12-26,,\n";

START_TEST(test_share_own)
{
    ds_store *s = ds_store_alloc();
    ds_error e;
    ck_assert_ptr_nonnull(s);
    ck_assert_ds_ok(&e, ds_store_load_buffer(s, "sec.csv", SEC, strlen(SEC),
                                             &e));
    ds_share_own w;
    /* the latest actual year: FY2025 (the FY2027 plan is a projection) */
    ck_assert_ds_ok(&e, ds_select_share_own(s, "JPN", "jp_security_related",
                                            0, &w, &e));
    ck_assert_int_eq(w.year, 2025);
    ck_assert_int_eq(w.gdp->year, 2022);
    ck_assert_str_eq(w.gdp->definition, "jp_security_related");
    ck_assert_ptr_nonnull(w.supplementary);
    /* (9.9 + 1.1) / 560.2 = 1.963584 %; 9.9 / 560.2 = 1.767226 % */
    ck_assert_double_eq_tol(w.pct, 100.0 * 11.0 / 560.2, 1e-9);
    ck_assert_double_eq_tol(w.pct_initial, 100.0 * 9.9 / 560.2, 1e-9);
    ck_assert_double_eq_tol(w.spending, 11e12, 0.5);
    ck_assert_ptr_nonnull(strstr(w.basis, "own GDP base of 2022"));
    /* FY2024: 8.9 / 560.2 = 1.5887 % (the government's "1.6 %") */
    ck_assert_ds_ok(&e, ds_select_share_own(s, "JPN", "jp_security_related",
                                            2024, &w, &e));
    ck_assert_int_eq(w.year, 2024);
    ck_assert_ptr_null(w.supplementary);
    ck_assert_double_eq_tol(w.pct, 100.0 * 8.9 / 560.2, 1e-9);
    /* before the GDP base year there is nothing to measure against */
    ck_assert_int_eq(ds_select_share_own(s, "JPN", "jp_security_related",
                                         2021, &w, &e),
                     DS_ENOTFOUND);
    /* a definition without its own GDP has no such share */
    ck_assert_int_eq(ds_select_share_own(s, "JPN", "mod_budget", 0, &w, &e),
                     DS_ENOTFOUND);
    ck_assert_ptr_nonnull(strstr(e.message, "own convention"));
    ck_assert_str_eq(ds_definition_label("jp_security_related"),
                     "Japan security-related total");
    ds_store_free(s);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("select");
    TCase *tc = tcase_create("share");
    tcase_add_test(tc, test_published_ratio_wins);
    tcase_add_test(tc, test_never_two_sources);
    tcase_add_test(tc, test_latest_year_actuals_only);
    tcase_add_test(tc, test_age);
    tcase_add_test(tc, test_age_draft_and_years);
    tcase_add_test(tc, test_definitions);
    tcase_add_test(tc, test_share_own);
    suite_add_tcase(s, tc);
    return s;
}

int
main(int argc, char **argv)
{
    return t_run(suite(), argc, argv);
}
