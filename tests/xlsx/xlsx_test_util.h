/* xlsx_test_util.h - shared by the xlsx/SIPRI/NATO Check suites: read a
 * test file, run a loader into a batch store, find observations, collect
 * skip reports. */
#ifndef XLSX_TEST_UTIL_H
#define XLSX_TEST_UTIL_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_internal.h"

typedef struct run {
    ds_store *store;
    ds_countries *countries;
    char *buf;
    size_t len;
    ds_status st;
    ds_error err;
    char skips[256][520];
    size_t nskips;
} run;

static inline char *
data_path(const char *rel, char *buf, size_t size)
{
    const char *d = getenv("DS_TEST_DATA");
    snprintf(buf, size, "%s/%s", d ? d : "tests/data", rel);
    return buf;
}

static inline void
on_skip(void *ctx, const char *path, size_t line, size_t col,
        const char *reason)
{
    run *r = ctx;
    (void)path;
    (void)line;
    (void)col;
    if (r->nskips < 256)
        snprintf(r->skips[r->nskips++], sizeof r->skips[0], "%s", reason);
}

static inline void
read_data(const char *rel, char **buf, size_t *len)
{
    char p[1024];
    ds_error err;
    ck_assert_int_eq(ds__read_file(data_path(rel, p, sizeof p), buf, len,
                                   &err),
                     DS_OK);
}

/* Run loader on tests/data/rel with the shipped country table. */
static inline run *
run_loader(const ds__loader *l, const char *rel, const char *const *ind,
           size_t nind)
{
    run *r = calloc(1, sizeof *r);
    ck_assert_ptr_nonnull(r);
    read_data(rel, &r->buf, &r->len);
    r->countries = ds_countries_alloc();
    char p[1024];
    const char *d = getenv("DEFSPEND_DATA");
    snprintf(p, sizeof p, "%s/meta/countries.csv", d ? d : "datasets");
    ck_assert_int_eq(ds_countries_load_file(r->countries, p, &r->err), DS_OK);
    r->store = ds_store_alloc();
    ds__import_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.path = rel;
    ctx.buf = r->buf;
    ctx.len = r->len;
    ctx.batch = r->store;
    ctx.countries = r->countries;
    ctx.indicators = ind;
    ctx.n_indicators = nind;
    ctx.skip = on_skip;
    ctx.skip_ctx = r;
    ds_error_clear(&r->err);
    r->st = l->load(&ctx, &r->err);
    return r;
}

static inline void
run_free(run *r)
{
    ds_store_free(r->store);
    ds_countries_free(r->countries);
    free(r->buf);
    free(r);
}

/* The one observation matching; fails the test when none or several. */
static inline const ds_obs *
find_obs(const run *r, const char *iso3, int year, int fy,
         const char *indicator, const char *currency, const char *price)
{
    const ds_obs *hit = NULL;
    size_t n = 0;
    for (size_t i = 0; i < ds_store_count(r->store); i++) {
        const ds_obs *o = ds_store_get(r->store, i);
        if (strcmp(o->country, iso3) == 0 && o->year == year &&
            o->fy_start_month == fy && strcmp(o->indicator, indicator) == 0 &&
            strcmp(o->currency, currency) == 0 &&
            strcmp(o->price_basis, price) == 0) {
            hit = o;
            n++;
        }
    }
    ck_assert_msg(n == 1, "%s %d fy%d %s %s %s: %zu matches", iso3, year, fy,
                  indicator, currency, price, n);
    return hit;
}

static inline size_t
count_obs(const run *r, const char *iso3, int year, int fy,
          const char *indicator)
{
    size_t n = 0;
    for (size_t i = 0; i < ds_store_count(r->store); i++) {
        const ds_obs *o = ds_store_get(r->store, i);
        if ((!iso3 || strcmp(o->country, iso3) == 0) &&
            (!year || o->year == year) && (!fy || o->fy_start_month == fy) &&
            (!indicator || strcmp(o->indicator, indicator) == 0))
            n++;
    }
    return n;
}

/* 1 if some skip report contains all of the given fragments. */
static inline int
has_skip(const run *r, const char *a, const char *b)
{
    for (size_t i = 0; i < r->nskips; i++)
        if (strstr(r->skips[i], a) && (!b || strstr(r->skips[i], b)))
            return 1;
    return 0;
}

#endif
