/* load_tidy.c - the store's own tidy CSV format as an import format.
 *
 * Detected by its header (the store's column names in any order); read by
 * store_csv.c, the one reader of the store format.
 */
#include <stdio.h>
#include <string.h>

#include "store_csv.h"
static int
tidy_detect(const char *buf, size_t len)
{
    /* the header names the store's columns, in any order */
    static const char *const need[] = {"country", "year", "year_basis",
                                       "indicator", "value", "definition",
                                       "vintage"};
    size_t i = 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    const char *nl = memchr(buf + i, '\n', len - i);
    size_t end = nl ? (size_t)(nl - buf) : len;
    char head[1024];
    size_t hl = end - i < sizeof head - 3 ? end - i : sizeof head - 3;
    head[0] = ',';
    memcpy(head + 1, buf + i, hl);
    if (hl && head[hl] == '\r')
        hl--;
    head[hl + 1] = ',';
    head[hl + 2] = '\0';
    for (size_t k = 0; k < sizeof need / sizeof *need; k++) {
        char pat[32];
        snprintf(pat, sizeof pat, ",%s,", need[k]);
        if (!strstr(head, pat))
            return 0;
    }
    return 95;
}

static ds_status
tidy_load(ds__import_ctx *ctx, ds_error *err)
{
    return ds_store_load_buffer(ctx->batch, ctx->path, ctx->buf, ctx->len,
                                err);
}

const ds__loader ds__loader_tidy = {"tidy", tidy_detect, tidy_load};
