/* load_databank.c - World Bank DataBank extracts (CSV or the zip).
 *
 * Header "Country Name,Country Code,Series Name,Series Code,2000
 * [YR2000],...", `..` for a missing value, then footer rows (empty rows,
 * "Data from database: ...", "Last Updated: 03/28/2024").  The zip holds
 * `<id>_Data.csv` and `<id>_Series - Metadata.csv`; the latter repeats the
 * data table before its metadata, so a file of that kind read alone gives
 * the same figures and the metadata after the footer is ignored.  Series
 * codes map as for WDI (see load_wdi.c).
 *
 * Promises: the vintage is the footer's "Last Updated" date; `..` is
 * missing, never zero; only the default layout (years as columns) is
 * read, any other is an error naming what was expected.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader_util.h"

static const char head[] = "Country Name,Country Code,Series Name,Series "
                           "Code,";

static int
text_detect(const char *buf, size_t len)
{
    size_t i = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if (len - i >= sizeof head - 1 &&
        memcmp(buf + i, head, sizeof head - 1) == 0)
        return 90;
    return 0;
}

static size_t
data_member(const ds__zip *z)
{
    size_t i = ds__zip_find(z, "", "_Data.csv");
    if (i == (size_t)-1)
        i = ds__zip_find(z, "", "Data.csv");
    return i;
}

static int
db_detect(const char *buf, size_t len)
{
    if (ds__is_zip(buf, len)) {
        ds__zip *z;
        if (ds__zip_open("", buf, len, &z, NULL) != DS_OK)
            return 0;
        int score = data_member(z) != (size_t)-1 ? 85 : 0;
        ds__zip_close(z);
        return score;
    }
    return text_detect(buf, len);
}

/* The footer's "Last Updated: MM/DD/YYYY" as YYYY-MM-DD ("" if none). */
static void
footer_vintage(const char *buf, size_t len, char out[11])
{
    static const char key[] = "Last Updated: ";
    out[0] = '\0';
    for (size_t i = 0; i + sizeof key - 1 + 10 <= len; i++) {
        if ((i == 0 || buf[i - 1] == '\n') &&
            memcmp(buf + i, key, sizeof key - 1) == 0) {
            char d[11];
            memcpy(d, buf + i + sizeof key - 1, 10);
            d[10] = '\0';
            if (ds__date_iso(d, out))
                return;
        }
    }
}

static ds_status
table(ds__import_ctx *ctx, const char *path, const char *buf, size_t len,
      ds_error *err)
{
    if (!text_detect(buf, len)) {
        size_t i = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
        if ((len - i >= 4 && memcmp(buf + i, "Time", 4) == 0) ||
            (len - i >= 11 && memcmp(buf + i, "Series Name", 11) == 0))
            return ds__error_set(err, DS_EPARSE, path, 1, 1,
                                 "unsupported DataBank layout: choose "
                                 "Country and Series as rows and Time as "
                                 "columns");
    }
    char vintage[11];
    footer_vintage(buf, len, vintage);
    return ds__wb_table(ctx, path, buf, len, 1, vintage, NULL, 0, NULL, err);
}

static ds_status
db_load(ds__import_ctx *ctx, ds_error *err)
{
    if (!ds__is_zip(ctx->buf, ctx->len))
        return table(ctx, ctx->path, ctx->buf, ctx->len, err);
    ds__zip *z;
    ds_status st = ds__zip_open(ctx->path, ctx->buf, ctx->len, &z, err);
    if (st != DS_OK)
        return st;
    size_t d = data_member(z);
    if (d == (size_t)-1) {
        ds__zip_close(z);
        return ds__error_set(err, DS_EPARSE, ctx->path, 0, 0,
                             "no DataBank data file (*_Data.csv) in the zip "
                             "archive");
    }
    char path[1200];
    snprintf(path, sizeof path, "%s:%s", ctx->path, ds__zip_name(z, d));
    char *data;
    size_t len;
    st = ds__zip_read(z, d, &data, &len, err);
    ds__zip_close(z);
    if (st != DS_OK)
        return st;
    st = table(ctx, path, data, len, err);
    free(data);
    return st;
}

const ds__loader ds__loader_databank = {"databank", db_detect, db_load};
