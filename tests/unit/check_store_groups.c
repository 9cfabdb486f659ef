/* check_store_groups.c - the store's query index (store_groups.c): an
 * iterator over a country, an indicator or a (country, indicator) pair
 * gives exactly the observations a scan of the whole store filtered the
 * same way gives, in the same (load) order; after a failed load, after
 * an overlay and without the index (the scan it falls back to).
 *
 * Input: the shipped datasets (DEFSPEND_DATA, 91,865 figures), a user
 * store laid over them, and a file that fails half-way. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_internal.h"
#include "test_util.h"

/* Compare the iterator over (c, i) with a scan; returns the count. */
static size_t
same_as_scan(const ds_store *s, const char *c, const char *i)
{
    ds_store_iter it;
    ds_store_iter_init(&it, s, c, i);
    size_t k = 0, n = ds_store_count(s);
    for (size_t j = 0; j < n; j++) {
        const ds_obs *o = ds_store_get(s, j);
        if ((c && strcmp(o->country, c) != 0) ||
            (i && strcmp(o->indicator, i) != 0))
            continue;
        const ds_obs *got = ds_store_iter_next(&it);
        ck_assert_msg(got == o, "%s/%s: observation %zu is #%zu of a scan",
                      c ? c : "*", i ? i : "*", k, j);
        k++;
    }
    ck_assert_ptr_null(ds_store_iter_next(&it));
    return k;
}

/* The iterator's count alone. */
static size_t
count(const ds_store *s, const char *c, const char *i)
{
    ds_store_iter it;
    size_t k = 0;
    ds_store_iter_init(&it, s, c, i);
    while (ds_store_iter_next(&it))
        k++;
    return k;
}

/* Every indicator of the store against a scan, and every 8th country
 * and Japan with each of their pairs (each scan reads the whole store);
 * the other countries' and pairs' counts add up to the store's. */
static void
all_groups(const ds_store *s)
{
    const char *cs[512], *is[64];
    size_t nc = 0, ni = 0, n = ds_store_count(s), total = 0;
    for (size_t j = 0; j < n; j++) {
        const ds_obs *o = ds_store_get(s, j);
        size_t k = 0;
        while (k < nc && cs[k] != o->country)
            k++;
        if (k == nc && nc < 512)
            cs[nc++] = o->country;
        k = 0;
        while (k < ni && is[k] != o->indicator)
            k++;
        if (k == ni && ni < 64)
            is[ni++] = o->indicator;
    }
    ck_assert_uint_gt(nc, 100);
    ck_assert_uint_gt(ni, 3);
    for (size_t a = 0; a < nc; a++) {
        size_t sum = 0;
        int full = a % 8 == 0 || strcmp(cs[a], "JPN") == 0;
        for (size_t b = 0; b < ni; b++)
            sum += full ? same_as_scan(s, cs[a], is[b]) : count(s, cs[a], is[b]);
        ck_assert_uint_eq(full ? same_as_scan(s, cs[a], NULL)
                               : count(s, cs[a], NULL),
                          sum);
        total += sum;
    }
    ck_assert_uint_eq(total, n);
    size_t sum = 0;
    for (size_t b = 0; b < ni; b++)
        sum += same_as_scan(s, NULL, is[b]);
    ck_assert_uint_eq(sum, n);
    ck_assert_uint_eq(same_as_scan(s, NULL, NULL), n);
    /* names the store has never seen */
    ck_assert_uint_eq(same_as_scan(s, "XXX", NULL), 0);
    ck_assert_uint_eq(same_as_scan(s, "JPN", "no_such_indicator"), 0);
    ck_assert_uint_eq(same_as_scan(s, NULL, "no_such_indicator"), 0);
}

static ds_store *
shipped(void)
{
    ds_error err;
    ds_store *s = ds_store_alloc();
    ck_assert_ptr_nonnull(s);
    ck_assert_ds_ok(&err, ds_store_load_dir(s, t_env("DEFSPEND_DATA"), &err));
    return s;
}

START_TEST(test_groups_match_scan)
{
    ds_store *s = shipped();
    ck_assert(s->groups_ok);
    all_groups(s);
    /* without the index the iterator scans: the same answers */
    ds__store_groups_free(s);
    all_groups(s);
    ds_store_free(s);
}
END_TEST

START_TEST(test_groups_after_changes)
{
    ds_error err;
    ds_store *s = shipped();
    size_t n0 = ds_store_count(s);
    char *dir = t_mkdtemp();
    /* a load that adds figures and then fails: the store as before, its
     * index rebuilt */
    const char *bad = DS_STORE_HEADER "\n"
        "JPN,2030,calendar,gdp,1,USD,current,test,t,2030-01-01,,\n"
        "ZZZ,2031,calendar,gdp,2,USD,current,test,t,2030-01-01,,\n"
        "JPN,2030,calendar,gdp,3,USD,current,test,t,2030-01-01,,\n";
    t_write(dir, "bad.csv", bad, strlen(bad));
    char p[4096];
    snprintf(p, sizeof p, "%s/bad.csv", dir);
    ck_assert_int_eq(ds_store_load_file(s, p, &err), DS_EPARSE);
    ck_assert_uint_eq(ds_store_count(s), n0);
    ck_assert(s->groups_ok);
    all_groups(s);
    /* a layer over the store: a new country and a replaced figure */
    t_mkdir(dir, "up");
    const char *up = DS_STORE_HEADER "\n"
        "ZZZ,2031,calendar,gdp,2,USD,current,test,t,2030-01-01,,\n"
        "JPN,2031,calendar,milex,5,JPY,current,test,t,2030-01-01,,\n";
    t_write(dir, "up/up.csv", up, strlen(up));
    snprintf(p, sizeof p, "%s/up", dir);
    ck_assert_ds_ok(&err, ds_store_overlay_dir(s, p, &err));
    ck_assert_uint_eq(ds_store_count(s), n0 + 2);
    ck_assert(s->groups_ok);
    all_groups(s);
    ck_assert_uint_eq(same_as_scan(s, "ZZZ", NULL), 1);
    ds_store_free(s);
    t_rmtree(dir);
    free(dir);
}
END_TEST

static Suite *
store_groups_suite(void)
{
    Suite *s = suite_create("store_groups");
    TCase *tc = tcase_create("iterator");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_groups_match_scan);
    tcase_add_test(tc, test_groups_after_changes);
    suite_add_tcase(s, tc);
    return s;
}

int
main(int argc, char **argv)
{
    return t_run(store_groups_suite(), argc, argv);
}
