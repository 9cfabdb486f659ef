/* check_import_merge.c - the merge of a batch into a store directory
 * (src/lib/import_merge.c), through the public import API.
 *
 * Figures: Japan's GDP in US$ from WDI (datasets/wdi_japan.csv, vintage
 * 2025-10-07: 2022 4256410760723.18, 2023 4213167192542.26) and a later
 * release with 2023 revised (a made-up value, 4213000000000, standing for
 * the next vintage).  The promises: a revised figure becomes a new
 * vintage beside the old; an identical one is unchanged; the same key and
 * vintage with another value fails and writes nothing; a dry run writes
 * nothing; the file is in the store's order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test_util.h"

#define R22 "JPN,2022,calendar,gdp,4256410760723.18,USD,current,wdi,WDI,"
#define R23 "JPN,2023,calendar,gdp,4213167192542.26,USD,current,wdi,WDI,"
#define R23B "JPN,2023,calendar,gdp,4213000000000,USD,current,wdi,WDI,"

static ds_status
merge(const char *dir, const char *text, int dry, ds_import **imp,
      const ds_import_summary **s, ds_error *err)
{
    ds_import_options opt;
    ds_import_options_init(&opt);
    opt.format = "tidy";
    opt.lock_wait_s = 0;
    ck_assert_ds_ok(err, ds_import_alloc(&opt, imp, err));
    ck_assert_ds_ok(err, ds_import_buffer(*imp, "in.csv", text, strlen(text),
                                          err));
    return ds_import_merge(*imp, dir, dry, s, err);
}

/* 1 when dir/imports.csv holds exactly want. */
static int
store_holds(const char *dir, const char *want)
{
    char *got = t_read(dir, "imports.csv");
    int ok = got && strcmp(got, want) == 0;
    free(got);
    return ok;
}

START_TEST(test_merge)
{
    char *root = t_mkdtemp();
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/new/store", root); /* made as needed */
    ds_error err;
    ds_import *imp;
    const ds_import_summary *s;
    /* a dry run writes nothing, not even the directory */
    ck_assert_ds_ok(&err, merge(dir, DS_STORE_HEADER "\n" R23 "2025-10-07,,\n"
                                R22 "2025-10-07,,\n", 1, &imp, &s, &err));
    ck_assert_uint_eq(s->added, 2);
    ds_import_free(imp);
    struct stat st;
    ck_assert_int_ne(stat(dir, &st), 0);
    /* the first import: rows in the store's order (year ascending) */
    ck_assert_ds_ok(&err, merge(dir, DS_STORE_HEADER "\n" R23 "2025-10-07,,\n"
                                R22 "2025-10-07,,\n", 0, &imp, &s, &err));
    ck_assert_uint_eq(s->added, 2);
    ds_import_free(imp);
    const char *v1 = DS_STORE_HEADER "\n" R22 "2025-10-07,,\n"
                                     R23 "2025-10-07,,\n";
    ck_assert(store_holds(dir, v1));
    /* a later release: 2022 unchanged, 2023 revised beside the old */
    ck_assert_ds_ok(&err, merge(dir, DS_STORE_HEADER "\n" R22 "2025-10-07,,\n"
                                R23B "2026-04-01,,\n", 0, &imp, &s, &err));
    ck_assert_uint_eq(s->unchanged, 1);
    ck_assert_uint_eq(s->revised, 1);
    ck_assert_uint_eq(s->n_changes, 1);
    ck_assert_int_eq(s->changes[0].kind, DS_CHANGE_REVISED);
    ck_assert_double_eq(s->changes[0].old_obs->value, 4213167192542.26);
    ds_import_free(imp);
    const char *v2 = DS_STORE_HEADER "\n" R22 "2025-10-07,,\n"
                                     R23 "2025-10-07,,\n"
                                     R23B "2026-04-01,,\n";
    ck_assert(store_holds(dir, v2));
    /* the same key and vintage with another value: nothing is written */
    char want[2048];
    snprintf(want, sizeof want,
             "in.csv:2: JPN gdp 2023 vintage 2025-10-07 is 4213000000000 "
             "here but 4213167192542.26 in the store (%s/imports.csv:3); "
             "nothing was written (use the 'on-conflict' option replace or "
             "keep)",
             dir);
    ck_assert_ds_error(&err, merge(dir, DS_STORE_HEADER "\n"
                                   R23B "2025-10-07,,\n", 0, &imp, &s, &err),
                       DS_EPARSE, want);
    ds_import_free(imp);
    ck_assert(store_holds(dir, v2));
    t_rmtree(root);
    free(root);
}
END_TEST

static Suite *
import_merge_suite(void)
{
    Suite *s = suite_create("import_merge");
    TCase *tc = tcase_create("merge");
    tcase_add_test(tc, test_merge);
    suite_add_tcase(s, tc);
    return s;
}

int
main(int argc, char **argv)
{
    return t_run(import_merge_suite(), argc, argv);
}
