/* check_import_check.c - the import's plausibility checks
 * (src/lib/import_check.c), through the public import API.
 *
 * The rows are Japan's WDI figures (datasets/wdi_japan.csv, vintage
 * 2025-10-07) with one value each changed into what a broken download
 * gives: a share of 137.2 (a cell shifted by a column), a negative GDP,
 * a zero population.  A check flags and reports; it never drops a row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

#define ROW(ind, val, cur)                                                    \
    "JPN,2023,calendar," ind "," val "," cur ",current,wdi,WDI,2025-10-07,,\n"

START_TEST(test_rules)
{
    static const char *const text =
        DS_STORE_HEADER "\n"
        ROW("milex_gdp_pct", "137.2", "")
        ROW("gdp", "-4213167192542.26", "USD")
        ROW("population", "0", "")
        ROW("milex", "0", "JPY")          /* zero spending is real */
        ROW("milex_gov_pct", "2.5", "");  /* within 0-100 */
    ds_import_options opt;
    ds_import_options_init(&opt);
    opt.format = "tidy";
    ds_import *imp;
    ds_error err;
    ck_assert_ds_ok(&err, ds_import_alloc(&opt, &imp, &err));
    ck_assert_ds_ok(&err, ds_import_buffer(imp, "w.csv", text, strlen(text),
                                           &err));
    const ds_import_summary *s;
    char *dir = t_mkdtemp();
    ck_assert_ds_ok(&err, ds_import_merge(imp, dir, 1, &s, &err));
    ck_assert_uint_eq(s->added, 5);
    ck_assert_uint_eq(s->suspect, 3);
    ck_assert_uint_eq(s->n_checks, 3);
    ck_assert_str_eq(s->checks[0].message,
                     "JPN milex_gdp_pct 2023: milex_gdp_pct 137.2% is "
                     "outside 0-100%");
    ck_assert_str_eq(s->checks[1].message,
                     "JPN gdp 2023: -4213167192542.26 is negative");
    ck_assert_str_eq(s->checks[2].message,
                     "JPN population 2023: 0 is not positive");
    for (size_t i = 0; i < 3; i++)
        ck_assert(s->checks[i].obs->flags & DS_FLAG_SUSPECT);
    ds_import_free(imp);
    t_rmtree(dir);
    free(dir);
}
END_TEST

static Suite *
import_check_suite(void)
{
    Suite *s = suite_create("import_check");
    TCase *tc = tcase_create("plausibility");
    tcase_add_test(tc, test_rules);
    suite_add_tcase(s, tc);
    return s;
}

int
main(int argc, char **argv)
{
    return t_run(import_check_suite(), argc, argv);
}
