/* check_store_csv.c - the store's CSV format written and read back
 * (src/lib/store_csv.c), and one directory laid over another.  The
 * reader's error messages are pinned in check_csv_store.c; this suite
 * pins that the writer writes what the reader reads, byte for byte.
 * Built from the library's objects (the writer is internal).
 *
 * Rows are the shipped datasets' own (datasets/wdi_japan.csv: Japan's
 * 2023 GDP in US$; datasets/japan_mod_budget.csv: the FY2024 MoD budget)
 * plus a note with a comma, a quote and a newline, the cases quoting
 * must survive.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_csv.h"
#include "test_util.h"

static const char *const text =
    DS_STORE_HEADER "\n"
    "JPN,2023,calendar,gdp,4213167192542.26,USD,current,wdi,World Bank "
    "WDI NY.GDP.MKTP.CD,2025-10-07,,\n"
    "JPN,2024,fiscal-04,milex,7949600000000,JPY,current,mod_budget,\"Japan "
    "MoD, Defense Programs and Budget\",2024-03-28,draft,\"initial, "
    "\"\"enacted\"\"\nbudget\"\n";

START_TEST(test_round_trip)
{
    ds_error err;
    ds_store *s = ds_store_alloc();
    ck_assert_ds_ok(&err, ds_store_load_buffer(s, "in.csv", text,
                                               strlen(text), &err));
    ck_assert_uint_eq(ds_store_count(s), 2);
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    ds__store_csv_write_header(f);
    for (size_t i = 0; i < ds_store_count(s); i++)
        ds__store_csv_write_row(f, ds_store_get(s, i));
    fclose(f);
    ck_assert_str_eq(out, text);
    /* and what was written reads back to the same figures */
    ds_store *t = ds_store_alloc();
    ck_assert_ds_ok(&err, ds_store_load_buffer(t, "out.csv", out, len, &err));
    const ds_obs *b = ds_store_get(t, 1);
    ck_assert_double_eq(b->value, 7949600000000.0);
    ck_assert_int_eq(b->fy_start_month, 4);
    ck_assert_uint_eq(b->flags, DS_FLAG_DRAFT);
    ck_assert_str_eq(b->note, "initial, \"enacted\"\nbudget");
    ds_store_free(t);
    ds_store_free(s);
    free(out);
}
END_TEST

START_TEST(test_overlay)
{
    char *lo = t_mkdtemp(), *up = t_mkdtemp();
    t_write(lo, "a.csv",
            DS_STORE_HEADER "\n"
            "JPN,2023,calendar,gdp,1,USD,current,wdi,x,2025-10-07,,\n"
            "JPN,2022,calendar,gdp,2,USD,current,wdi,x,2025-10-07,,\n",
            (size_t)-1);
    t_write(up, "b.csv",
            DS_STORE_HEADER "\n"
            "JPN,2023,calendar,gdp,10,USD,current,wdi,y,2025-10-07,,\n"
            "JPN,2021,calendar,gdp,3,USD,current,wdi,y,2025-10-07,,\n",
            (size_t)-1);
    ds_error err;
    ds_store *s = ds_store_alloc();
    ck_assert_ds_ok(&err, ds_store_load_dir(s, lo, &err));
    ck_assert_ds_ok(&err, ds_store_overlay_dir(s, up, &err));
    ck_assert_uint_eq(ds_store_count(s), 3);
    ds_query q = {"JPN", "gdp", 2023, "USD", NULL, NULL, NULL, 1,
                  DS_ACTUALS_ONLY};
    const ds_obs *o = NULL;
    ck_assert_ds_ok(&err, ds_store_find(s, &q, &o, &err));
    ck_assert_double_eq(o->value, 10); /* the upper layer wins */
    q.year = 2022;
    ck_assert_ds_ok(&err, ds_store_find(s, &q, &o, &err));
    ck_assert_double_eq(o->value, 2);
    /* a bad upper layer leaves the store as it was */
    t_write(up, "c.csv", DS_STORE_HEADER "\nJPN,x\n", (size_t)-1);
    ck_assert_int_eq(ds_store_overlay_dir(s, up, &err), DS_EPARSE);
    ck_assert_uint_eq(ds_store_count(s), 3);
    /* a missing upper layer is nothing to add */
    ck_assert_ds_ok(&err, ds_store_overlay_dir(s, "/nonexistent/x", &err));
    ds_store_free(s);
    t_rmtree(lo);
    t_rmtree(up);
    free(lo);
    free(up);
}
END_TEST

static Suite *
store_csv_suite(void)
{
    Suite *s = suite_create("store_csv");
    TCase *tc = tcase_create("format");
    tcase_add_test(tc, test_round_trip);
    tcase_add_test(tc, test_overlay);
    suite_add_tcase(s, tc);
    return s;
}

int
main(int argc, char **argv)
{
    return t_run(store_csv_suite(), argc, argv);
}
