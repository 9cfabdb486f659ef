/* test_util.h - helpers shared by the unit suites (tests/unit only).
 *
 * Error assertions that pin the whole "path:line:column: message" text,
 * paths to the test data named by the environment meson sets (test_env in
 * tests/meson.build), and throw-away directories for loader tests.
 */
#ifndef DS_TEST_UTIL_H
#define DS_TEST_UTIL_H

#include <check.h>
#include <stddef.h>

#include "defspend/defspend.h"

/* Assert that a call failed with code and that ds_error_format gives
 * exactly text ("path:line:column: message", empty parts omitted). */
#define ck_assert_ds_error(err, st, want_code, want_text)                     \
    do {                                                                      \
        char ds_t_buf_[DS_ERROR_MSG_MAX + DS_ERROR_PATH_MAX + 64];            \
        ds_status ds_t_st_ = (st);                                            \
        ck_assert_msg(ds_t_st_ == (want_code),                                \
                      "status %d (%s), expected %d (%s); error: %s",          \
                      (int)ds_t_st_, ds_status_str(ds_t_st_),                 \
                      (int)(want_code), ds_status_str(want_code),             \
                      ds_t_st_ == DS_OK                                       \
                          ? "(none: the call succeeded)"                      \
                          : ds_error_format((err), ds_t_buf_,                 \
                                            sizeof ds_t_buf_));               \
        ck_assert_int_eq((int)(err)->code, (int)(want_code));                 \
        ck_assert_str_eq(ds_error_format((err), ds_t_buf_, sizeof ds_t_buf_), \
                         (want_text));                                        \
    } while (0)

/* Assert DS_OK, printing the error otherwise. */
#define ck_assert_ds_ok(err, st)                                              \
    do {                                                                      \
        char ds_t_buf_[DS_ERROR_MSG_MAX + DS_ERROR_PATH_MAX + 64];            \
        ds_status ds_t_st_ = (st);                                            \
        ck_assert_msg(ds_t_st_ == DS_OK, "unexpected error %d: %s",           \
                      (int)ds_t_st_,                                          \
                      ds_error_format((err), ds_t_buf_, sizeof ds_t_buf_));   \
    } while (0)

/* Value of an environment variable set by meson's test_env; aborts the
 * test when it is missing (run the suites through `meson test`). */
const char *t_env(const char *name);

/* "$env/rel" into buf (aborts on overflow).  Returns buf. */
char *t_path(char *buf, size_t size, const char *env, const char *rel);

/* A fresh empty directory under $TMPDIR (or /tmp); caller frees the
 * string and removes the tree with t_rmtree. */
char *t_mkdtemp(void);

/* Write text (len bytes; strlen when len is (size_t)-1) to dir/rel,
 * creating missing parent directories. */
void t_write(const char *dir, const char *rel, const char *text, size_t len);

/* The whole of the file dir/rel as a malloc'd NUL-terminated string, or NULL when it cannot be
 * opened. */
char *t_read(const char *dir, const char *rel);

/* mkdir dir/rel (parents too). */
void t_mkdir(const char *dir, const char *rel);

/* Remove a directory tree made by t_mkdtemp. */
void t_rmtree(const char *dir);

/* Set LC_NUMERIC to the German locale (decimal comma), looking also in
 * the locale directory the build made (the suites' first argument, see
 * t_run).  Returns 0, after saying so on stderr, when it is not available;
 * restore with setlocale(LC_NUMERIC, "C"). */
int t_setlocale_de(const char *who);

/* How many entries of dir have names starting with prefix (0 when dir
 * cannot be opened); the path of the last one read into last (when not
 * NULL). */
int t_count_files(const char *dir, const char *prefix, char *last,
                  size_t size);

/* Abort the test unless stores a and b hold the same observations in the
 * same order, field by field, values bit for bit, file and line (one
 * check for the whole store: Check records every assertion, which would
 * take seconds for 90,000 figures). */
void t_same_obs(const ds_store *a, const ds_store *b);

/* Run a suite, print results, return the process exit status.  argv[1],
 * if given, is a directory of compiled locales (LOCPATH). */
int t_run(Suite *s, int argc, char **argv);

#endif
