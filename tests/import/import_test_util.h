/* import_test_util.h - helpers shared by the import suites (tests/import:
 * check_import.c, check_import_shapes.c).
 *
 * A fixture that loads the country table and makes a throw-away directory,
 * paths to the excerpts in tests/data/import, an import run into a store
 * directory of that throw-away directory, lookups in the store it wrote,
 * and the suite runner.  Compiled once (import_test_util.c) and linked into
 * each suite, as tests/unit/test_util.c is.
 */
#ifndef DS_IMPORT_TEST_UTIL_H
#define DS_IMPORT_TEST_UTIL_H

#include <check.h>
#include <stddef.h>

#include <defspend/defspend.h>

/* The country table (datasets/meta/countries.csv) and the throw-away
 * directory of the running test; set by it_setup, cleared by
 * it_teardown. */
extern ds_countries *it_countries;
extern char it_tmpdir[256];

/* Load the country table and make /tmp/<name>_XXXXXX. */
void it_setup(const char *name);

/* Free the country table and remove the throw-away directory. */
void it_teardown(void);

/* "$DS_TEST_DATA/import/rel" (tests/data when unset); the last eight
 * results stay valid. */
const char *it_data(const char *rel);

/* Default import options with the country table. */
void it_opts(ds_import_options *o);

/* The store directory `sub` of the throw-away directory (valid until the
 * next call). */
const char *it_store_dir(const char *sub);

/* Import files into dir with o; returns the status of the first failure.
 * *imp_out is the import (NULL when it could not be made): free it. */
ds_status it_run(const ds_import_options *o, const char *const *files,
                 size_t n, const char *dir, int dry, ds_import **imp_out,
                 const ds_import_summary **sum, ds_error *err);

/* The store in dir; fails the test when it cannot be read. */
ds_store *it_load(const char *dir);

/* The figure q asks for, or NULL; fails the test on a lookup error. */
const ds_obs *it_find_query(const ds_store *s, const ds_query *q);

/* The figure of that vintage (NULL: any), any definition or flag. */
const ds_obs *it_find(const ds_store *s, const char *country,
                      const char *ind, int year, const char *cur,
                      const char *vintage);

/* Whether the store has a figure for that country, indicator, year and
 * currency. */
int it_has(const ds_store *s, const char *country, const char *ind,
           int year, const char *cur);

/* 1-based character column of needle in line `lineno` of file path. */
size_t it_column_of(const char *path, size_t lineno, const char *needle);

/* The whole file as a malloc'd buffer (NUL room at the end); 0 when it
 * cannot be opened. */
int it_read_bytes(const char *path, char **buf, size_t *len);

/* Write text to path (replacing it). */
void it_write_text(const char *path, const char *text);

/* A suite of one test case `name` with the fixture setup/it_teardown. */
Suite *it_suite(const char *name, void (*setup)(void),
                const TTest *const *tests, size_t n);

/* Add the suite of the tests named to sr. */
#define IT_SUITE(sr, setup, name, ...)                                        \
    do {                                                                      \
        const TTest *const it_t_[] = {__VA_ARGS__};                           \
        srunner_add_suite((sr), it_suite((name), (setup), it_t_,              \
                                         sizeof it_t_ / sizeof *it_t_));      \
    } while (0)

/* Run every suite of sr, free it; the process exit status. */
int it_run_all(SRunner *sr);

#endif
