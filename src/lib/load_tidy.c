/* load_tidy.c - the store's own tidy CSV format.
 *
 * One header row naming the columns of DS_STORE_HEADER (any order; `note`
 * optional), then one observation per row.  Promises: every field is
 * validated; the first bad field stops the load with path:line:column and a
 * message quoting the value; nothing is added to the store unless the whole
 * file is good.
 */
#include <assert.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "obs_cache.h"
#include "store_internal.h"

enum col {
    C_COUNTRY, C_YEAR, C_BASIS, C_INDICATOR, C_VALUE, C_CURRENCY, C_PRICE,
    C_DEFINITION, C_SOURCE, C_VINTAGE, C_FLAGS, C_NOTE, C_COUNT
};

static const char *const col_names[C_COUNT] = {
    "country", "year", "year_basis", "indicator", "value", "currency",
    "price_basis", "definition", "source", "vintage", "flags", "note"};

typedef struct tidy_ctx {
    ds_store *store;
    int have_header;
    int map[C_COUNT]; /* column -> field index, -1 when absent */
    size_t nheader;
    const char *last[C_COUNT]; /* previous row's interned text per column */
    const char *path;          /* interned path */
} tidy_ctx;

/* Intern column k's text, reusing the previous row's string when it is the
 * same (runs of one country, indicator, source, vintage are the rule), so
 * most fields cost one memcmp instead of a hash. */
static const char *
intern_col(tidy_ctx *c, int k, const char *f, size_t len)
{
    const char *prev = c->last[k];
    if (prev && strncmp(prev, f, len) == 0 && prev[len] == '\0')
        return prev;
    const char *v = ds__pool_intern(c->store->pool, f, len);
    if (v)
        c->last[k] = v;
    return v;
}

static int
all_chars(const char *s, const char *allowed_extra, int (*cls)(int))
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!cls((unsigned char)*s) && !strchr(allowed_extra, *s))
            return 0;
    return 1;
}

static int is_upper_digit(int c) { return isupper(c) || isdigit(c); }
static int is_lower_digit(int c) { return islower(c) || isdigit(c); }

static int
valid_price_basis(const char *s)
{
    if (!*s || strcmp(s, "current") == 0)
        return 1;
    if (strncmp(s, "constant ", 9) == 0 && strlen(s) == 13) {
        for (int i = 9; i < 13; i++)
            if (!isdigit((unsigned char)s[i]))
                return 0;
        return 1;
    }
    return 0;
}

static ds_status
header_row(tidy_ctx *c, const ds__csv_row *row, ds_error *err)
{
    char q[80];
    for (int k = 0; k < C_COUNT; k++)
        c->map[k] = -1;
    for (size_t i = 0; i < row->nfields; i++) {
        int found = -1;
        for (int k = 0; k < C_COUNT; k++)
            if (strcmp(row->fields[i], col_names[k]) == 0)
                found = k;
        if (found < 0)
            return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, i),
                                 "unknown column '%s' (expected the header "
                                 "%s)",
                                 ds__quote(row->fields[i], q, sizeof q),
                                 DS_STORE_HEADER);
        if (c->map[found] >= 0)
            return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, i),
                                 "duplicate column '%s'", col_names[found]);
        c->map[found] = (int)i;
    }
    for (int k = 0; k < C_COUNT; k++)
        if (c->map[k] < 0 && k != C_NOTE)
            return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, row->nfields),
                                 "missing column '%s' in the header",
                                 col_names[k]);
    c->nheader = row->nfields;
    c->have_header = 1;
    return DS_OK;
}

#define BAD(k, ...)                                                           \
    ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, (size_t)c->map[k]),          \
                  __VA_ARGS__)

static ds_status
tidy_row(void *ctx, const ds__csv_row *row, ds_error *err)
{
    tidy_ctx *c = ctx;
    char q[80];
    if (!c->have_header)
        return header_row(c, row, err);
    if (row->nfields != c->nheader)
        return ds__error_set(
            err, DS_EPARSE, DS__CSV_AT(row, row->nfields < c->nheader ? row->nfields
                                                         : c->nheader),
            "expected %zu fields, found %zu", c->nheader, row->nfields);

    const char *f[C_COUNT];
    size_t fl[C_COUNT];
    for (int k = 0; k < C_COUNT; k++) {
        f[k] = c->map[k] >= 0 ? row->fields[c->map[k]] : "";
        fl[k] = c->map[k] >= 0 ? row->lens[c->map[k]] : 0;
    }

    if (!all_chars(f[C_COUNTRY], "_", is_upper_digit) || fl[C_COUNTRY] > 16)
        return BAD(C_COUNTRY,
                   "invalid country code '%s' (expected an ISO3 code such "
                   "as 'JPN')",
                   ds__quote(f[C_COUNTRY], q, sizeof q));
    long year;
    if (!ds__parse_int_n(f[C_YEAR], fl[C_YEAR], 1000, 3000, &year))
        return BAD(C_YEAR, "invalid year '%s' (expected 1000 to 3000)",
                   ds__quote(f[C_YEAR], q, sizeof q));
    int month;
    if (ds__year_basis_parse(f[C_BASIS], &month) != DS_OK)
        return BAD(C_BASIS,
                   "invalid year basis '%s' (expected 'calendar' or "
                   "'fiscal-MM')",
                   ds__quote(f[C_BASIS], q, sizeof q));
    if (!all_chars(f[C_INDICATOR], "_", is_lower_digit))
        return BAD(C_INDICATOR,
                   "invalid indicator '%s' (expected lowercase letters, "
                   "digits and '_')",
                   ds__quote(f[C_INDICATOR], q, sizeof q));
    double value;
    if (fl[C_VALUE] == 0)
        return BAD(C_VALUE, "empty value (a missing figure has no row; it is "
                            "never zero)");
    if (!ds__parse_double_n(f[C_VALUE], fl[C_VALUE], &value))
        return BAD(C_VALUE, "invalid number '%s'",
                   ds__quote(f[C_VALUE], q, sizeof q));
    if (fl[C_CURRENCY] != 0 &&
        (fl[C_CURRENCY] != 3 || !all_chars(f[C_CURRENCY], "", isupper)))
        return BAD(C_CURRENCY,
                   "invalid currency '%s' (expected an ISO 4217 code such "
                   "as 'USD', or empty)",
                   ds__quote(f[C_CURRENCY], q, sizeof q));
    if (!valid_price_basis(f[C_PRICE]))
        return BAD(C_PRICE,
                   "invalid price basis '%s' (expected 'current', "
                   "'constant YYYY' or empty)",
                   ds__quote(f[C_PRICE], q, sizeof q));
    if (fl[C_DEFINITION] == 0 ||
        !all_chars(f[C_DEFINITION], "_-", is_lower_digit))
        return BAD(C_DEFINITION,
                   "invalid definition '%s' (expected e.g. 'wdi', 'sipri', "
                   "'mod_budget')",
                   ds__quote(f[C_DEFINITION], q, sizeof q));
    char why[64];
    if (fl[C_VINTAGE] != 0 &&
        !ds__date_check(f[C_VINTAGE], fl[C_VINTAGE], NULL, NULL, NULL, NULL,
                        why, sizeof why))
        return BAD(C_VINTAGE, "invalid vintage '%s' (%s)",
                   ds__quote(f[C_VINTAGE], q, sizeof q), why);
    unsigned flags;
    ds_error ferr;
    if (ds_flags_parse(f[C_FLAGS], &flags, &ferr) != DS_OK)
        return BAD(C_FLAGS, "%s", ferr.message);
    /* the free-text columns (the others were checked above): text that is
     * not UTF-8 could not be written as JSON or shown on a terminal */
    static const int text_cols[] = {C_SOURCE, C_NOTE};
    for (size_t t = 0; t < sizeof text_cols / sizeof *text_cols; t++) {
        int k = text_cols[t];
        if (c->map[k] >= 0) {
            ds_status ust = ds__csv_check_utf8(row, (size_t)c->map[k],
                                               col_names[k], err);
            if (ust != DS_OK)
                return ust;
        }
    }

    ds_store *s = c->store;
    ds_obs o;
    memset(&o, 0, sizeof o);
    o.year = (int)year;
    o.fy_start_month = month;
    o.value = value;
    o.flags = flags;
    o.line = row->line;
    o.country = intern_col(c, C_COUNTRY, f[C_COUNTRY], fl[C_COUNTRY]);
    o.indicator = intern_col(c, C_INDICATOR, f[C_INDICATOR], fl[C_INDICATOR]);
    o.currency = intern_col(c, C_CURRENCY, f[C_CURRENCY], fl[C_CURRENCY]);
    o.price_basis = intern_col(c, C_PRICE, f[C_PRICE], fl[C_PRICE]);
    o.definition = intern_col(c, C_DEFINITION, f[C_DEFINITION],
                              fl[C_DEFINITION]);
    o.source = intern_col(c, C_SOURCE, f[C_SOURCE], fl[C_SOURCE]);
    o.vintage = intern_col(c, C_VINTAGE, f[C_VINTAGE], fl[C_VINTAGE]);
    o.note = intern_col(c, C_NOTE, f[C_NOTE], fl[C_NOTE]);
    if (!c->path)
        c->path = ds__pool_intern(s->pool, row->path, strlen(row->path));
    o.path = c->path;
    if (!o.country || !o.indicator || !o.currency || !o.price_basis ||
        !o.definition || !o.source || !o.vintage || !o.note || !o.path)
        return ds__error_set(err, DS_ENOMEM, row->path, row->line, 0,
                             "out of memory");
    /* the value's position is worked out only if there is an error */
    ds_status st = ds__store_add(s, &o, 0, err);
    if (st == DS_EPARSE && err) {
        err->line = ds__csv_line(row, (size_t)c->map[C_VALUE]);
        err->column = ds__csv_column(row, (size_t)c->map[C_VALUE]);
    }
    return st;
}

ds_status
ds_store_load_buffer(ds_store *store, const char *path, const char *buf,
                     size_t len, ds_error *err)
{

    assert(store && path && (buf || len == 0));
    tidy_ctx c;
    memset(&c, 0, sizeof c);
    c.store = store;
    size_t before = store->n;
    ds_status st = ds__csv_read(path, buf, len, ',', tidy_row, &c, err);
    if (st == DS_OK && !c.have_header)
        st = ds__error_set(err, DS_EPARSE, path, 1, 1,
                           "empty file (expected the header %s)",
                           DS_STORE_HEADER);
    if (st != DS_OK)
        ds__store_truncate(store, before);
    return st;
}

ds_status
ds_store_load_file(ds_store *store, const char *path, ds_error *err)
{
    /* a big file's observations may come from its binary cache (issue 18;
     * obs_cache.c: used only while the file is unchanged) */
    struct stat fs;
    int big = stat(path, &fs) == 0 && S_ISREG(fs.st_mode) &&
              fs.st_size >= DS__OBS_CACHE_MIN;
    if (big && ds__obs_cache_load(store, path, &fs))
        return DS_OK;
    char *buf = NULL;
    size_t len = 0;
    ds_status st = ds__read_file(path, &buf, &len, err);
    if (st != DS_OK)
        return st;
    st = ds_store_load_buffer(store, path, buf, len, err);
    if (st == DS_OK && big)
        ds__obs_cache_refresh(path, &fs, buf, len);
    free(buf);
    return st;
}

/* ---------------------------------------------- as an import format */

#include "import_internal.h"

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
