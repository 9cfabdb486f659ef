/* check_compare.c - groups file and the multi-country comparison. */
#include <math.h>
#include <unistd.h>

#include "ptest.h"

START_TEST(groups_shipped)
{
    char path[4096];
    pt_path(path, sizeof path, "DEFSPEND_DATA", "meta/groups.csv");
    ds_groups *g = ds_groups_alloc();
    ds_error e;
    ck_ok(&e, ds_groups_load_file(g, path, &e));
    const ds_group_member *m[64];
    size_t n;
    ck_ok(&e, ds_groups_members(g, "NATO", 0, m, 64, &n, &e));
    ck_assert_uint_eq(n, 32);
    ck_ok(&e, ds_groups_members(g, "nato", 2022, m, 64, &n, &e));
    ck_assert_uint_eq(n, 30); /* Finland 2023, Sweden 2024 */
    ck_ok(&e, ds_groups_members(g, "g7", 0, m, 64, &n, &e));
    ck_assert_uint_eq(n, 7);
    ck_assert_int_eq(ds_groups_members(g, "asean", 0, m, 64, &n, &e),
                     DS_ENOTFOUND);
    ck_assert_str_eq(e.message, "unknown group 'asean' (known: nato, g7, "
                                "indo-pacific)");
    ds_groups_free(g);
}
END_TEST

START_TEST(groups_errors)
{
    char tmpl[] = "/tmp/ds_groups_XXXXXX";
    int fd = mkstemp(tmpl);
    ck_assert_int_ge(fd, 0);
    const char *bad = "group,iso3,joined,note\nnato,BEL,1949,\nnato,be,1949,\n";
    ck_assert_int_eq(write(fd, bad, strlen(bad)), (int)strlen(bad));
    close(fd);
    ds_groups *g = ds_groups_alloc();
    ds_error e;
    ck_assert_int_eq(ds_groups_load_file(g, tmpl, &e), DS_EPARSE);
    char buf[2048], want[2048];
    snprintf(want, sizeof want,
             "%s:3:6: invalid ISO3 code 'be' (expected three capital "
             "letters)",
             tmpl);
    ck_assert_str_eq(ds_error_format(&e, buf, sizeof buf), want);
    ck_assert_uint_eq(ds_groups_count(g), 0);
    unlink(tmpl);
    ds_groups_free(g);
}
END_TEST

/* A country the store has no GDP for (Taiwan: not in WDI) but with SIPRI's
 * military expenditure in US$ and share of GDP for the same year: GDP is
 * their ratio, flagged as derived; the needs follow from it. */
START_TEST(compare_derives_gdp_from_share)
{
    ds_store *s = pt_text(
        DS_STORE_HEADER "\n"
        "TWN,2023,calendar,milex,16541000000,USD,current,sipri,SIPRI,2025-04-30,,\n"
        "TWN,2024,calendar,milex,16485300000,USD,current,sipri,SIPRI,2025-04-30,,\n"
        "TWN,2024,calendar,milex_gdp_pct,2.1385,,,sipri,SIPRI,2025-04-30,,\n"
        "JPN,2024,calendar,gdp,4026210821146.81,USD,current,wdi,WDI,2025-10-07,,\n"
        "JPN,2024,calendar,milex,55273904316.70826,USD,current,sipri,SIPRI,2025-04-30,,\n");
    const char *c[] = {"TWN", "JPN", "KOR"};
    double t[] = {3.5};
    ds_comparison *cmp;
    ds_error e;
    ck_ok(&e, ds_compare_run(s, c, 3, t, 1, 0, &cmp, &e));
    const ds_compare_row *tw = &cmp->rows[0];
    ck_assert_str_eq(tw->iso3, "TWN"); /* 2.1385% ranks above 1.37% */
    ck_assert_int_eq(tw->has_data, 1);
    ck_assert_int_eq(tw->gdp_derived, 1);
    ck_assert_ptr_null(tw->gdp_usd);
    ck_assert_int_eq(tw->year, 2024); /* 2023 has no share */
    /* hand: 16,485,300,000 / 0.021385 = 770,881,458,966.57 */
    ck_assert_double_eq_tol(tw->gdp_usd_value, 770881458966.57, 1.0);
    ck_assert_double_eq_tol(tw->share_pct, 2.1385, 1e-12);
    /* 0.035 x 770,881,458,966.57 = 26,980,851,063.83;
     * gap 26,980,851,063.83 - 16,485,300,000 = 10,495,551,063.83 */
    ck_assert_double_eq_tol(tw->need_usd[0], 26980851063.83, 1.0);
    ck_assert_double_eq_tol(tw->gap_usd[0], 10495551063.83, 1.0);
    const ds_compare_row *jp = &cmp->rows[1];
    ck_assert_int_eq(jp->gdp_derived, 0);
    ck_assert_double_eq_tol(jp->gdp_usd_value, 4026210821146.81, 1e-3);
    ck_assert_int_eq(cmp->rows[2].has_data, 0); /* KOR: nothing */
    ds_comparison_free(cmp);
    ds_store_free(s);
}
END_TEST

START_TEST(compare_ranks_and_keeps_missing)
{
    ds_store *s = pt_text(
        DS_STORE_HEADER "\n"
        "AAA,2022,calendar,gdp,1000,USD,current,wdi,t,2024-01-01,,\n"
        "AAA,2022,calendar,milex,23.85,USD,current,wdi,t,2024-01-01,,\n"
        "BBB,2021,calendar,gdp,500,USD,current,wdi,t,2024-01-01,,\n"
        "BBB,2021,calendar,milex_gdp_pct,3.125,,,wdi,t,2024-01-01,,\n"
        "CCC,2022,calendar,gdp,700,USD,current,wdi,t,2024-01-01,,\n");
    const char *c[] = {"CCC", "AAA", "ZZZ", "BBB"};
    double t[] = {2, 3.5};
    ds_comparison *cmp = NULL;
    ds_error e;
    ck_ok(&e, ds_compare_run(s, c, 4, t, 2, 0, &cmp, &e));
    ck_assert_uint_eq(cmp->n_rows, 4);
    ck_assert_str_eq(cmp->rows[0].iso3, "BBB");
    ck_assert_uint_eq(cmp->rows[0].rank, 1);
    ck_assert_double_eq_tol(cmp->rows[0].share_pct, 3.125, 1e-12);
    ck_assert_double_eq_tol(cmp->rows[0].gap_usd[1], 0.035 * 500 - 15.625,
                            1e-9);
    ck_assert_str_eq(cmp->rows[1].iso3, "AAA");
    ck_assert_double_eq_tol(cmp->rows[1].share_pct, 2.385, 1e-12);
    ck_assert_double_eq_tol(cmp->rows[1].gap_usd[0], 20 - 23.85, 1e-9);
    /* no data: listed, in input order, rank 0 */
    ck_assert_str_eq(cmp->rows[2].iso3, "CCC");
    ck_assert_str_eq(cmp->rows[3].iso3, "ZZZ");
    ck_assert_uint_eq(cmp->rows[2].rank, 0);
    ck_assert(isnan(cmp->rows[3].need_usd[0]));
    ck_assert_str_eq(cmp->rows[2].missing, "no year with both GDP in US$ "
                                           "and military expenditure in the "
                                           "store");
    ds_comparison_free(cmp);
    ds_store_free(s);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("compare");
    TCase *t = tcase_create("groups");
    tcase_add_test(t, groups_shipped);
    tcase_add_test(t, groups_errors);
    suite_add_tcase(s, t);
    t = tcase_create("compare");
    tcase_add_test(t, compare_ranks_and_keeps_missing);
    tcase_add_test(t, compare_derives_gdp_from_share);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int f = srunner_ntests_failed(r);
    srunner_free(r);
    return f ? 1 : 0;
}
