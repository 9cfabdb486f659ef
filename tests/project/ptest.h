/* ptest.h - helpers for the tests/project suites: store loading from the
 * shipped datasets, tests/data or a string, and an "ok" assertion that
 * prints the library's error. */
#ifndef DS_PTEST_H
#define DS_PTEST_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "defspend/defspend.h"

#define ck_ok(err, call)                                                      \
    do {                                                                      \
        char pt_b_[DS_ERROR_MSG_MAX + DS_ERROR_PATH_MAX + 64];                \
        ds_status pt_s_ = (call);                                             \
        ck_assert_msg(pt_s_ == DS_OK, "error %d: %s", (int)pt_s_,             \
                      ds_error_format((err), pt_b_, sizeof pt_b_));           \
    } while (0)

static inline ds_store *
pt_shipped(void)
{
    const char *d = getenv("DEFSPEND_DATA");
    ck_assert_msg(d != NULL, "DEFSPEND_DATA not set");
    ds_store *s = ds_store_alloc();
    ds_error e;
    ck_ok(&e, ds_store_load_dir(s, d, &e));
    return s;
}

static inline ds_store *
pt_text(const char *text)
{
    ds_store *s = ds_store_alloc();
    ds_error e;
    ck_ok(&e, ds_store_load_buffer(s, "test.csv", text, strlen(text), &e));
    return s;
}

static inline void
pt_path(char *buf, size_t size, const char *env, const char *rel)
{
    const char *d = getenv(env);
    ck_assert_msg(d != NULL, "%s not set", env);
    snprintf(buf, size, "%s/%s", d, rel);
}

#endif
