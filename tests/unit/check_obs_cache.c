/* check_obs_cache.c - the binary cache of big store files (obs_cache.c,
 * issue 18) gives the same observations as the CSV, and is never used for
 * a file that changed, a damaged cache or a load that fails.
 *
 * Input: a copy of the shipped datasets/wdi_world.csv (3.2 MB, over the
 * 256 KB threshold), in a temporary directory, with XDG_CACHE_HOME there
 * too.  Every load with the cache is compared field by field (values bit
 * for bit) with a load of the same file with DEFSPEND_CACHE=0. */
#define _GNU_SOURCE /* utimensat's UTIME_OMIT in some libcs */
#include <dirent.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "test_util.h"

static char *dir;
static char csv[4096], cachedir[4096];

static char *
slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_eq(fread(b, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    b[n] = '\0';
    *len = (size_t)n;
    return b;
}

static void
setup(void)
{
    dir = t_mkdtemp();
    char src[4096];
    t_path(src, sizeof src, "DEFSPEND_DATA", "wdi_world.csv");
    size_t n;
    char *b = slurp(src, &n);
    t_mkdir(dir, "store");
    t_write(dir, "store/wdi_world.csv", b, n);
    free(b);
    snprintf(csv, sizeof csv, "%s/store/wdi_world.csv", dir);
    snprintf(cachedir, sizeof cachedir, "%s/cache/defspend", dir);
    char x[4096];
    snprintf(x, sizeof x, "%s/cache", dir);
    setenv("XDG_CACHE_HOME", x, 1);
    unsetenv("DEFSPEND_CACHE");
}

static void
teardown(void)
{
    t_rmtree(dir);
    free(dir);
}

/* Cache files in the cache directory. */
static int
n_caches(char *last, size_t size)
{
    return t_count_files(cachedir, "obs-", last, size);
}

static ds_store *
load(int cache, ds_status want, ds_error *err)
{
    if (cache)
        unsetenv("DEFSPEND_CACHE");
    else
        setenv("DEFSPEND_CACHE", "0", 1);
    ds_store *s = ds_store_alloc();
    ck_assert_ptr_nonnull(s);
    ds_error e;
    ds_status st = ds_store_load_file(s, csv, err ? err : &e);
    ck_assert_int_eq(st, want);
    unsetenv("DEFSPEND_CACHE");
    return s;
}

START_TEST(cache_equals_csv)
{
    char name[4400];
    ds_store *plain = load(0, DS_OK, NULL);
    ck_assert_int_eq(n_caches(name, sizeof name), 0); /* DEFSPEND_CACHE=0 */
    ck_assert_uint_gt(ds_store_count(plain), 30000);
    ds_store *miss = load(1, DS_OK, NULL); /* parses, writes the cache */
    ck_assert_int_eq(n_caches(name, sizeof name), 1);
    struct stat c0, c1;
    ck_assert_int_eq(stat(name, &c0), 0);
    ds_store *hit = load(1, DS_OK, NULL);
    /* the hit came from the cache: it was used, not rewritten (a rewrite
     * is a new file renamed over it) */
    ck_assert_int_eq(stat(name, &c1), 0);
    ck_assert_uint_eq(c0.st_ino, c1.st_ino);
    t_same_obs(plain, miss);
    t_same_obs(plain, hit);
    ds_store_free(hit);
    ds_store_free(miss);
    ds_store_free(plain);
}
END_TEST

/* Change one value in place (same size) and put the modification time
 * back: the change time still differs, so the cache is not used. */
START_TEST(changed_file_is_parsed)
{
    char name[4400];
    ds_store_free(load(1, DS_OK, NULL));
    ck_assert_int_eq(n_caches(name, sizeof name), 1);
    struct stat st;
    ck_assert_int_eq(stat(csv, &st), 0);
    size_t n;
    char *b = slurp(csv, &n);
    char *p = strstr(b, "ABW,1986,calendar,gdp,405586592.178771,");
    ck_assert_ptr_nonnull(p);
    p[22] = '5'; /* 405586592 -> 505586592 */
    FILE *f = fopen(csv, "r+b");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(b, 1, n, f), n);
    fclose(f);
    free(b);
    struct timespec ts[2] = {st.st_atim, st.st_mtim};
    ck_assert_int_eq(utimensat(AT_FDCWD, csv, ts, 0), 0);
    ds_store *s = load(1, DS_OK, NULL);
    ds_store *plain = load(0, DS_OK, NULL);
    t_same_obs(plain, s);
    int found = 0;
    for (size_t i = 0; i < ds_store_count(s); i++) {
        const ds_obs *o = ds_store_get(s, i);
        if (strcmp(o->country, "ABW") == 0 && o->year == 1986 &&
            strcmp(o->indicator, "gdp") == 0) {
            ck_assert_double_eq(o->value, 505586592.178771);
            found = 1;
        }
    }
    ck_assert(found);
    /* and the rewritten cache has the new value */
    ds_store *again = load(1, DS_OK, NULL);
    t_same_obs(plain, again);
    ds_store_free(again);
    ds_store_free(plain);
    ds_store_free(s);
}
END_TEST

/* A damaged cache (a byte of its body flipped; or cut short) is not
 * used. */
START_TEST(damaged_cache_is_ignored)
{
    char name[4400];
    ds_store *plain = load(0, DS_OK, NULL);
    ds_store_free(load(1, DS_OK, NULL));
    ck_assert_int_eq(n_caches(name, sizeof name), 1);
    size_t n;
    char *b = slurp(name, &n);
    ck_assert_uint_gt(n, 200000);
    /* a value's byte in the records (the last 64-byte record's value) */
    b[n - 16] ^= 0x40;
    t_write("/", name + 1, b, n);
    struct stat c0, c1;
    ck_assert_int_eq(stat(name, &c0), 0);
    ds_store *s = load(1, DS_OK, NULL);
    t_same_obs(plain, s);
    ds_store_free(s);
    ck_assert_int_eq(stat(name, &c1), 0); /* rewritten */
    ck_assert_uint_ne(c0.st_ino, c1.st_ino);
    /* cut short */
    t_write("/", name + 1, b, n / 2);
    s = load(1, DS_OK, NULL);
    t_same_obs(plain, s);
    ds_store_free(s);
    free(b);
    ds_store_free(plain);
}
END_TEST

/* A conflict with a file loaded before: the error (message, line,
 * column) is the CSV's, cache or not; the store is left as it was. */
START_TEST(conflict_error_is_the_csvs)
{
    char name[4400];
    ds_store_free(load(1, DS_OK, NULL));
    ck_assert_int_eq(n_caches(name, sizeof name), 1);
    const char *other =
        "country,year,year_basis,indicator,value,currency,price_basis,"
        "definition,source,vintage,flags,note\n"
        "ABW,1987,calendar,gdp,1,USD,current,wdi,World Bank WDI "
        "NY.GDP.MKTP.CD,2024-03-28,,\n";
    t_write(dir, "other.csv", other, strlen(other));
    char op[4200];
    snprintf(op, sizeof op, "%s/other.csv", dir);
    ds_error e[2];
    for (int cache = 0; cache < 2; cache++) {
        ds_store *s = ds_store_alloc();
        ck_assert_int_eq(ds_store_load_file(s, op, &e[cache]), DS_OK);
        if (!cache)
            setenv("DEFSPEND_CACHE", "0", 1);
        ck_assert_int_eq(ds_store_load_file(s, csv, &e[cache]), DS_EPARSE);
        unsetenv("DEFSPEND_CACHE");
        ck_assert_uint_eq(ds_store_count(s), 1);
        ds_store_free(s);
    }
    ck_assert_str_eq(e[0].path, e[1].path);
    ck_assert_uint_eq(e[0].line, e[1].line);
    ck_assert_uint_eq(e[0].column, e[1].column);
    ck_assert_uint_gt(e[0].column, 0);
    ck_assert_str_eq(e[0].message, e[1].message);
}
END_TEST

/* Writing a cache removes the caches of files that are gone (a deleted
 * store or temporary directory), so they do not pile up. */
START_TEST(caches_of_deleted_files_are_removed)
{
    char name[4400], copy[4200];
    size_t n;
    char *b = slurp(csv, &n);
    t_write(dir, "tmpstore/copy.csv", b, n);
    free(b);
    snprintf(copy, sizeof copy, "%s/tmpstore/copy.csv", dir);
    ds_store *s = ds_store_alloc();
    ds_error e;
    ck_assert_int_eq(ds_store_load_file(s, copy, &e), DS_OK);
    ds_store_free(s);
    ck_assert_int_eq(n_caches(name, sizeof name), 1);
    ck_assert_int_eq(unlink(copy), 0);
    ds_store_free(load(1, DS_OK, NULL)); /* writes wdi_world.csv's */
    ck_assert_int_eq(n_caches(name, sizeof name), 1);
    ds_store *plain = load(0, DS_OK, NULL), *hit = load(1, DS_OK, NULL);
    t_same_obs(plain, hit);
    ds_store_free(plain);
    ds_store_free(hit);
}
END_TEST

int
main(int argc, char **argv)
{
    Suite *s = suite_create("obs_cache");
    TCase *t = tcase_create("cache");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, cache_equals_csv);
    tcase_add_test(t, changed_file_is_parsed);
    tcase_add_test(t, damaged_cache_is_ignored);
    tcase_add_test(t, conflict_error_is_the_csvs);
    tcase_add_test(t, caches_of_deleted_files_are_removed);
    suite_add_tcase(s, t);
    return t_run(s, argc, argv);
}
