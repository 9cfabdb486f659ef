/* check_store_snapshot.c - the snapshot of a layered store
 * (store_snapshot.c, issue 18) gives the same store as a full load, and is
 * never used once a file of the layers changed, appeared or went away, nor
 * when it is damaged; the meta/ files are read as always; a store read
 * from its snapshot behaves as a loaded one when it is changed (its key
 * index, left out of the snapshot, is rebuilt: a replacement and a
 * conflict are found).
 *
 * Input: a copy of the shipped datasets/wdi_world.csv (3.2 MB) and
 * wdi_japan.csv with meta/countries.csv and meta/baselines.csv as the
 * base, a small user store over it, in a temporary directory with
 * XDG_CACHE_HOME there too.  Every store is compared field by field
 * (values bit for bit, file and line) with a load with DEFSPEND_CACHE=0.
 * A store came from its snapshot when its key index is still to be built
 * (index_stale), which only the snapshot leaves. */
#define _GNU_SOURCE /* utimensat's UTIME_OMIT in some libcs */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store_internal.h"
#include "test_util.h"

static char *dir;
static char base[4096], user[4096], cachedir[4096];
static ds_store_layers layers;

static void
copy(const char *from_rel, const char *to_rel)
{
    char src[4096];
    t_path(src, sizeof src, "DEFSPEND_DATA", from_rel);
    FILE *f = fopen(src, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_eq(fread(b, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    t_write(dir, to_rel, b, (size_t)n);
    free(b);
}

/* The user store: a new country and a replaced Japanese exchange rate. */
static const char *up_csv =
    DS_STORE_HEADER "\n"
    "ZZZ,2031,calendar,gdp,2,USD,current,wdi,test,2025-10-07,,\n"
    "JPN,1990,calendar,fx,150,JPY,,wdi,World Bank WDI PA.NUS.FCRF,"
    "2025-10-07,,\n";

static void
setup(void)
{
    dir = t_mkdtemp();
    t_mkdir(dir, "base");
    t_mkdir(dir, "base/meta");
    copy("wdi_world.csv", "base/wdi_world.csv");
    copy("wdi_japan.csv", "base/wdi_japan.csv");
    copy("meta/countries.csv", "base/meta/countries.csv");
    copy("meta/baselines.csv", "base/meta/baselines.csv");
    t_mkdir(dir, "user");
    t_write(dir, "user/up.csv", up_csv, strlen(up_csv));
    snprintf(base, sizeof base, "%s/base", dir);
    snprintf(user, sizeof user, "%s/user", dir);
    snprintf(cachedir, sizeof cachedir, "%s/cache/defspend", dir);
    char x[4096];
    snprintf(x, sizeof x, "%s/cache", dir);
    setenv("XDG_CACHE_HOME", x, 1);
    unsetenv("DEFSPEND_CACHE");
    memset(&layers, 0, sizeof layers);
    layers.base = base;
    layers.upper = user;
    layers.upper_optional = 1;
}

static void
teardown(void)
{
    t_rmtree(dir);
    free(dir);
}

/* Snapshots in the cache directory; the last one's path in last. */
static int
n_snaps(char *last, size_t size)
{
    return t_count_files(cachedir, "store-", last, size);
}

/* Load the layers; *snap says whether the snapshot was used. */
static ds_store *
load(int cache, ds_status want, int *snap, ds_error *err)
{
    if (cache)
        unsetenv("DEFSPEND_CACHE");
    else
        setenv("DEFSPEND_CACHE", "0", 1);
    ds_store *s = ds_store_alloc();
    ck_assert_ptr_nonnull(s);
    ds_error e;
    ds_status st = ds_store_load_layers(s, &layers, err ? err : &e);
    ck_assert_int_eq(st, want);
    if (snap)
        *snap = s->index_stale;
    unsetenv("DEFSPEND_CACHE");
    return s;
}

/* Field by field, values bit for bit; the meta tables; a query. */
static void
same_store(const ds_store *a, const ds_store *b)
{
    t_same_obs(a, b);
    ck_assert_ptr_nonnull(ds_store_countries(a));
    ck_assert_ptr_nonnull(ds_store_countries(b));
    const ds_baseline_def *da = ds_store_baseline_def(a, "JPN"),
                          *db = ds_store_baseline_def(b, "JPN");
    ck_assert_ptr_nonnull(da);
    ck_assert_ptr_nonnull(db);
    ck_assert_str_eq(da->label, db->label);
    ds_query q = {"JPN", "fx", 1990, NULL, NULL, NULL, NULL, 0,
                  DS_ACTUALS_ONLY};
    const ds_obs *oa, *ob;
    ds_error err;
    ck_assert_ds_ok(&err, ds_store_find(a, &q, &oa, &err));
    ck_assert_ds_ok(&err, ds_store_find(b, &q, &ob, &err));
    ck_assert_double_eq(oa->value, ob->value);
}

START_TEST(snapshot_equals_full_load)
{
    int snap;
    ds_store *plain = load(0, DS_OK, &snap, NULL);
    ck_assert_int_eq(snap, 0);
    ck_assert_int_eq(n_snaps(NULL, 0), 0); /* DEFSPEND_CACHE=0 */
    ck_assert_uint_gt(ds_store_count(plain), 30000);
    /* the user store's figure replaced the base's */
    ds_query q = {"JPN", "fx", 1990, NULL, NULL, NULL, NULL, 0,
                  DS_ACTUALS_ONLY};
    const ds_obs *o;
    ds_error err;
    ck_assert_ds_ok(&err, ds_store_find(plain, &q, &o, &err));
    ck_assert_double_eq(o->value, 150);
    ds_store *miss = load(1, DS_OK, &snap, NULL); /* writes the snapshot */
    ck_assert_int_eq(snap, 0);
    ck_assert_int_eq(n_snaps(NULL, 0), 1);
    ds_store *hit = load(1, DS_OK, &snap, NULL);
    ck_assert_int_eq(snap, 1);
    ck_assert(hit->groups_ok);
    same_store(plain, miss);
    same_store(plain, hit);
    ds_store_free(hit);
    ds_store_free(miss);
    ds_store_free(plain);
}
END_TEST

/* Each change to the layers' files means a full load, with the figures
 * of the files as they are now, and a new snapshot. */
static void
changed_means_full_load(void (*change)(void), size_t extra)
{
    int snap;
    ds_store_free(load(1, DS_OK, NULL, NULL));
    ds_store *before = load(1, DS_OK, &snap, NULL);
    ck_assert_int_eq(snap, 1);
    change();
    ds_store *s = load(1, DS_OK, &snap, NULL);
    ck_assert_int_eq(snap, 0);
    ds_store *plain = load(0, DS_OK, NULL, NULL);
    same_store(plain, s);
    ck_assert_uint_eq(ds_store_count(s), ds_store_count(before) + extra);
    ds_store *again = load(1, DS_OK, &snap, NULL);
    ck_assert_int_eq(snap, 1);
    same_store(plain, again);
    ds_store_free(again);
    ds_store_free(plain);
    ds_store_free(s);
    ds_store_free(before);
}

/* One value changed in place (same size), the modification time put
 * back: the change time differs. */
static void
edit_in_place(void)
{
    char p[4200];
    snprintf(p, sizeof p, "%s/up.csv", user);
    struct stat st;
    ck_assert_int_eq(stat(p, &st), 0);
    char *b = strdup(up_csv);
    char *v = strstr(b, ",150,");
    ck_assert_ptr_nonnull(v);
    v[1] = '2'; /* 150 -> 250 */
    FILE *f = fopen(p, "r+b");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(b, 1, strlen(b), f), strlen(b));
    fclose(f);
    free(b);
    struct timespec ts[2] = {st.st_atim, st.st_mtim};
    ck_assert_int_eq(utimensat(AT_FDCWD, p, ts, 0), 0);
}

static void
add_file(void)
{
    const char *t = DS_STORE_HEADER "\n"
                    "ZZY,2031,calendar,gdp,3,USD,current,wdi,test,"
                    "2025-10-07,,\n";
    t_write(dir, "base/zz.csv", t, strlen(t));
}

static void
remove_upper(void)
{
    char p[4200];
    snprintf(p, sizeof p, "%s/up.csv", user);
    ck_assert_int_eq(unlink(p), 0);
    ck_assert_int_eq(rmdir(user), 0);
}

START_TEST(edited_file)
{
    changed_means_full_load(edit_in_place, 0);
    ds_store *s = load(1, DS_OK, NULL, NULL);
    ds_query q = {"JPN", "fx", 1990, NULL, NULL, NULL, NULL, 0,
                  DS_ACTUALS_ONLY};
    const ds_obs *o;
    ds_error err;
    ck_assert_ds_ok(&err, ds_store_find(s, &q, &o, &err));
    ck_assert_double_eq(o->value, 250);
    ds_store_free(s);
}
END_TEST

START_TEST(added_file)
{
    changed_means_full_load(add_file, 1);
}
END_TEST

START_TEST(removed_upper)
{
    /* the user store's new country goes; its replaced rate comes back */
    changed_means_full_load(remove_upper, (size_t)-1);
}
END_TEST

/* A byte of the body flipped, or the file cut short: not used. */
START_TEST(damaged_snapshot)
{
    char name[4400];
    int snap;
    ds_store_free(load(1, DS_OK, NULL, NULL));
    ck_assert_int_eq(n_snaps(name, sizeof name), 1);
    ds_store *plain = load(0, DS_OK, NULL, NULL);
    struct stat st;
    ck_assert_int_eq(stat(name, &st), 0);
    for (int cut = 0; cut < 2; cut++) {
        if (cut) {
            ck_assert_int_eq(truncate(name, st.st_size - 64), 0);
        } else {
            int fd = open(name, O_RDWR);
            ck_assert_int_ge(fd, 0);
            unsigned char c;
            off_t at = st.st_size / 2;
            ck_assert_int_eq(pread(fd, &c, 1, at), 1);
            c ^= 0x10;
            ck_assert_int_eq(pwrite(fd, &c, 1, at), 1);
            close(fd);
        }
        ds_store *s = load(1, DS_OK, &snap, NULL);
        ck_assert_int_eq(snap, 0);
        same_store(plain, s);
        ds_store_free(s);
        /* the full load wrote a good one again */
        s = load(1, DS_OK, &snap, NULL);
        ck_assert_int_eq(snap, 1);
        ds_store_free(s);
        ck_assert_int_eq(stat(name, &st), 0);
    }
    ds_store_free(plain);
}
END_TEST

/* The meta/ files are not in the snapshot: an error in one is the same
 * error, and leaves no observation. */
START_TEST(meta_read_as_always)
{
    int snap;
    ds_store_free(load(1, DS_OK, NULL, NULL));
    t_mkdir(dir, "user/meta");
    const char *bad = "country,indicator,definition,year,year_basis,label\n"
                      "JPN,milex,mod_budget,20x4,fiscal-04,x\n";
    t_write(dir, "user/meta/baselines.csv", bad, strlen(bad));
    ds_error e1, e2;
    ds_store *a = load(1, DS_EPARSE, &snap, &e1);
    ck_assert_int_eq(snap, 1); /* the observations' files did not change */
    ck_assert_uint_eq(ds_store_count(a), 0);
    ds_store *b = load(0, DS_EPARSE, NULL, &e2);
    ck_assert_str_eq(e1.message, e2.message);
    ck_assert_str_eq(e1.path, e2.path);
    ck_assert_uint_eq(e1.line, e2.line);
    ck_assert_uint_eq(e1.column, e2.column);
    ds_store_free(a);
    ds_store_free(b);
    /* a good one replaces the base's */
    const char *good = "country,indicator,definition,year,year_basis,label\n"
                       "JPN,milex,mod_budget,2024,fiscal-04,from the user\n";
    t_write(dir, "user/meta/baselines.csv", good, strlen(good));
    a = load(1, DS_OK, &snap, NULL);
    ck_assert_int_eq(snap, 1);
    ck_assert_str_eq(ds_store_baseline_def(a, "JPN")->label, "from the user");
    ds_store_free(a);
}
END_TEST

/* A store read from its snapshot, then changed: the key index comes
 * back, so a layer replaces figures and a conflict is an error. */
START_TEST(changed_after_snapshot)
{
    int snap;
    ds_error err;
    ds_store_free(load(1, DS_OK, NULL, NULL));
    ds_store *s = load(1, DS_OK, &snap, NULL);
    ck_assert_int_eq(snap, 1);
    size_t n = ds_store_count(s);
    t_mkdir(dir, "more");
    const char *more = DS_STORE_HEADER "\n"
        "JPN,1990,calendar,fx,99,JPY,,wdi,World Bank WDI PA.NUS.FCRF,"
        "2025-10-07,,\n";
    t_write(dir, "more/m.csv", more, strlen(more));
    char p[4200];
    snprintf(p, sizeof p, "%s/more", dir);
    ck_assert_ds_ok(&err, ds_store_overlay_dir(s, p, &err));
    ck_assert_uint_eq(ds_store_count(s), n);
    ds_query q = {"JPN", "fx", 1990, NULL, NULL, NULL, NULL, 0,
                  DS_ACTUALS_ONLY};
    const ds_obs *o;
    ck_assert_ds_ok(&err, ds_store_find(s, &q, &o, &err));
    ck_assert_double_eq(o->value, 99);
    /* the same key with another value in a file loaded into it */
    const char *clash = DS_STORE_HEADER "\n"
        "JPN,1990,calendar,fx,98,JPY,,wdi,World Bank WDI PA.NUS.FCRF,"
        "2025-10-07,,\n";
    t_write(dir, "clash.csv", clash, strlen(clash));
    snprintf(p, sizeof p, "%s/clash.csv", dir);
    ck_assert_int_eq(ds_store_load_file(s, p, &err), DS_EPARSE);
    ck_assert_ptr_nonnull(strstr(err.message, "conflicting duplicate"));
    ck_assert_uint_eq(ds_store_count(s), n);
    ds_store_free(s);
}
END_TEST

/* Snapshots of layers whose directory is gone are removed by the next
 * one written. */
START_TEST(gone_layers_pruned)
{
    ds_store_free(load(1, DS_OK, NULL, NULL));
    ck_assert_int_eq(n_snaps(NULL, 0), 1);
    remove_upper();
    char other[4200];
    snprintf(other, sizeof other, "%s/user2", dir);
    t_mkdir(dir, "user2");
    t_write(dir, "user2/up.csv", up_csv, strlen(up_csv));
    layers.upper = other;
    ds_store_free(load(1, DS_OK, NULL, NULL));
    ck_assert_int_eq(n_snaps(NULL, 0), 1);
}
END_TEST

static Suite *
store_snapshot_suite(void)
{
    Suite *s = suite_create("store_snapshot");
    TCase *tc = tcase_create("snapshot");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, snapshot_equals_full_load);
    tcase_add_test(tc, edited_file);
    tcase_add_test(tc, added_file);
    tcase_add_test(tc, removed_upper);
    tcase_add_test(tc, damaged_snapshot);
    tcase_add_test(tc, meta_read_as_always);
    tcase_add_test(tc, changed_after_snapshot);
    tcase_add_test(tc, gone_layers_pruned);
    suite_add_tcase(s, tc);
    return s;
}

int
main(int argc, char **argv)
{
    return t_run(store_snapshot_suite(), argc, argv);
}
