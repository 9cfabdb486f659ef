/* import_test_util.c - helpers shared by the import suites (see
 * import_test_util.h). */
#include "import_test_util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

ds_countries *it_countries;
char it_tmpdir[256];

void
it_setup(const char *name)
{
    const char *root = getenv("DS_SOURCE_ROOT");
    char p[1024];
    snprintf(p, sizeof p, "%s/datasets/meta/countries.csv", root ? root : ".");
    it_countries = ds_countries_alloc();
    ck_assert_ptr_nonnull(it_countries);
    ds_error err;
    ck_assert_int_eq(ds_countries_load_file(it_countries, p, &err), DS_OK);
    int n = snprintf(it_tmpdir, sizeof it_tmpdir, "/tmp/%s_XXXXXX", name);
    ck_assert(n > 0 && (size_t)n < sizeof it_tmpdir);
    ck_assert_ptr_nonnull(mkdtemp(it_tmpdir));
}

static void
rm_rf(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char p[1024];
        int n = snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        if (n < 0 || (size_t)n >= sizeof p)
            continue; /* not one the tests made */
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            rm_rf(p);
        else
            unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

void
it_teardown(void)
{
    ds_countries_free(it_countries);
    it_countries = NULL;
    rm_rf(it_tmpdir);
}

const char *
it_data(const char *rel)
{
    static char buf[8][1024];
    static int k;
    const char *d = getenv("DS_TEST_DATA");
    k = (k + 1) % 8;
    snprintf(buf[k], sizeof buf[k], "%s/import/%s", d ? d : "tests/data",
             rel);
    return buf[k];
}

void
it_opts(ds_import_options *o)
{
    ds_import_options_init(o);
    o->country_table = it_countries;
}

const char *
it_store_dir(const char *sub)
{
    static char buf[512];
    snprintf(buf, sizeof buf, "%s/%s", it_tmpdir, sub);
    return buf;
}

ds_status
it_run(const ds_import_options *o, const char *const *files, size_t n,
       const char *dir, int dry, ds_import **imp_out,
       const ds_import_summary **sum, ds_error *err)
{
    ds_import *imp = NULL;
    *imp_out = NULL;
    ds_status st = ds_import_alloc(o, &imp, err);
    if (st != DS_OK)
        return st;
    for (size_t i = 0; i < n && st == DS_OK; i++)
        st = ds_import_file(imp, files[i], err);
    if (st == DS_OK)
        st = ds_import_merge(imp, dir, dry, sum, err);
    *imp_out = imp;
    return st;
}

ds_store *
it_load(const char *dir)
{
    ds_store *s = ds_store_alloc();
    ds_error err;
    ck_assert_ptr_nonnull(s);
    ck_assert_msg(ds_store_load_dir(s, dir, &err) == DS_OK, "%s",
                  err.message);
    return s;
}

const ds_obs *
it_find_query(const ds_store *s, const ds_query *q)
{
    const ds_obs *o = NULL;
    ds_error err;
    ck_assert_msg(ds_store_find(s, q, &o, &err) == DS_OK, "%s",
                  err.message);
    return o;
}

const ds_obs *
it_find(const ds_store *s, const char *country, const char *ind, int year,
        const char *cur, const char *vintage)
{
    ds_query q = {country, ind, year, cur, NULL, vintage, NULL, 0,
                  DS_WITH_PROJECTIONS}; /* what was imported, any flag */
    return it_find_query(s, &q);
}

int
it_has(const ds_store *s, const char *country, const char *ind, int year,
       const char *cur)
{
    ds_query q = {country, ind, year, cur, NULL, NULL, NULL, 0,
                  DS_WITH_PROJECTIONS};
    const ds_obs *o;
    return ds_store_find(s, &q, &o, NULL) == DS_OK;
}

size_t
it_column_of(const char *path, size_t lineno, const char *needle)
{
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    static char line[20000];
    line[0] = '\0';
    size_t n = 0;
    while (fgets(line, sizeof line, f))
        if (++n == lineno)
            break;
    fclose(f);
    ck_assert_msg(n == lineno, "%s has no line %zu", path, lineno);
    char *p = strstr(line, needle);
    ck_assert_ptr_nonnull(p);
    size_t col = 1;
    for (char *c = line; c < p; c++)
        if (((unsigned char)*c & 0xC0) != 0x80)
            col++;
    return col;
}

int
it_read_bytes(const char *path, char **buf, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    ck_assert(n >= 0);
    *buf = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(*buf);
    *len = fread(*buf, 1, (size_t)n, f);
    fclose(f);
    return 1;
}

void
it_write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

Suite *
it_suite(const char *name, void (*setup)(void), const TTest *const *tests,
         size_t n)
{
    Suite *s = suite_create(name);
    TCase *tc = tcase_create(name);
    tcase_add_checked_fixture(tc, setup, it_teardown);
    tcase_set_timeout(tc, 60);
    for (size_t i = 0; i < n; i++)
        tcase_add_test(tc, tests[i]);
    suite_add_tcase(s, tc);
    return s;
}

int
it_run_all(SRunner *sr)
{
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
