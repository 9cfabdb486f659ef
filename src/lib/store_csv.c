/* store_csv.c - model layer: the store's CSV format, read and written.
 *
 * A store directory holds tidy CSV files (one header row naming the
 * columns of DS_STORE_HEADER in any order, `note` optional, then one
 * observation per row), optionally countries.csv and baselines.csv.  This
 * file reads a file or a directory of them into a store, lays one
 * directory over a loaded store, and writes rows back in the same format
 * (the import's merge).  Promises: every field is validated; the first bad
 * field stops the load with path:line:column and a message quoting the
 * value; nothing is added to the store unless the whole file is good.
 *
 * Layering: store_csv.c calls store.c (ds__store_add, ds__store_overlay);
 * store.c calls nothing here, and the tidy import format (load_tidy.c)
 * calls this file.
 */
#include <assert.h>
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "obs_cache.h"
#include "store_csv.h"

/* ------------------------------------------------------------- a file */

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

static ds_status
ds_store_load_buffer_impl(ds_store *store, const char *path, const char *buf,
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

/* The public call: the outermost load builds the query index. */
ds_status
ds_store_load_buffer(ds_store *s, const char *path, const char *buf,
                     size_t len, ds_error *err)
{
    ds__store_load_begin(s);
    return ds__store_load_end(s, ds_store_load_buffer_impl(s, path, buf, len, err));
}

static ds_status
ds_store_load_file_impl(ds_store *store, const char *path, ds_error *err)
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
    if (st == DS_OK && big && ds__obs_cache_wanted(path, &fs, len)) {
        /* the cache holds this file's observations alone, so that none is
         * missing as a duplicate of another file's */
        ds_store *one = ds_store_alloc();
        if (one && ds_store_load_buffer(one, path, buf, len, NULL) == DS_OK)
            ds__obs_cache_save(one, path, &fs);
        ds_store_free(one);
    }
    free(buf);
    return st;
}

/* The public call: the outermost load builds the query index. */
ds_status
ds_store_load_file(ds_store *s, const char *path, ds_error *err)
{
    ds__store_load_begin(s);
    return ds__store_load_end(s, ds_store_load_file_impl(s, path, err));
}

/* ------------------------------------------------------------ loading */

static int
cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

typedef struct base_ctx {
    ds_store *s;
    ds_baseline_def *v;
    size_t n, cap;
    int header;
} base_ctx;

static ds_status
base_row(void *ctx, const ds__csv_row *row, ds_error *err)
{
    static const char *const cols[] = {"country", "indicator", "definition",
                                       "year", "year_basis", "label"};
    base_ctx *c = ctx;
    char q[80];
    if (row->nfields != 6)
        return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, row->nfields < 6 ? row->nfields : 6),
                             "expected 6 fields, found %zu", row->nfields);
    if (!c->header) {
        for (size_t i = 0; i < 6; i++)
            if (strcmp(row->fields[i], cols[i]) != 0)
                return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, i),
                                     "expected column '%s', found '%s'",
                                     cols[i],
                                     ds__quote(row->fields[i], q, sizeof q));
        c->header = 1;
        return DS_OK;
    }
    long year;
    int month;
    if (!ds__parse_int_n(row->fields[3], row->lens[3], 1000, 3000, &year))
        return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, 3), "invalid year '%s'",
                             ds__quote(row->fields[3], q, sizeof q));
    if (ds__year_basis_parse(row->fields[4], &month) != DS_OK)
        return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, 4),
                             "invalid year basis '%s'",
                             ds__quote(row->fields[4], q, sizeof q));
    static const size_t text_cols[] = {0, 1, 2, 5};
    for (size_t t = 0; t < sizeof text_cols / sizeof *text_cols; t++) {
        ds_status st = ds__csv_check_utf8(row, text_cols[t],
                                          cols[text_cols[t]], err);
        if (st != DS_OK)
            return st;
    }
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 8;
        ds_baseline_def *v = realloc(c->v, nc * sizeof *v);
        if (!v)
            return ds__error_set(err, DS_ENOMEM, row->path, row->line, 0,
                                 "out of memory");
        c->v = v;
        c->cap = nc;
    }
    ds_baseline_def *d = &c->v[c->n];
    d->country = ds__pool_intern(c->s->pool, row->fields[0], row->lens[0]);
    d->indicator = ds__pool_intern(c->s->pool, row->fields[1], row->lens[1]);
    d->definition = ds__pool_intern(c->s->pool, row->fields[2], row->lens[2]);
    d->label = ds__pool_intern(c->s->pool, row->fields[5], row->lens[5]);
    d->year = (int)year;
    d->fy_start_month = month;
    if (!d->country || !d->indicator || !d->definition || !d->label)
        return ds__error_set(err, DS_ENOMEM, row->path, row->line, 0,
                             "out of memory");
    c->n++;
    return DS_OK;
}

static ds_status
load_baselines(ds_store *s, const char *path, ds_baseline_def **out,
               size_t *nout, ds_error *err)
{
    char *buf;
    size_t len;
    ds_status st = ds__read_file(path, &buf, &len, err);
    if (st != DS_OK)
        return st;
    base_ctx c = {s, NULL, 0, 0, 0};
    st = ds__csv_read(path, buf, len, ',', base_row, &c, err);
    free(buf);
    if (st != DS_OK) {
        free(c.v);
        return st;
    }
    *out = c.v;
    *nout = c.n;
    return DS_OK;
}

ds_status
ds__store_dir_files(const char *dir, char ***out, size_t *nout, ds_error *err)
{
    DIR *d = opendir(dir);
    if (!d)
        return ds__error_set(err, DS_EIO, dir, 0, 0,
                             "cannot open data directory: %s",
                             strerror(errno));
    char **names = NULL;
    size_t n = 0, cap = 0;
    int ok = 1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".csv") != 0 ||
            e->d_name[0] == '.')
            continue;
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 16;
            char **nn = realloc(names, nc * sizeof *nn);
            if (!nn) {
                ok = 0;
                break;
            }
            names = nn;
            cap = nc;
        }
        names[n] = malloc(strlen(dir) + l + 2);
        if (!names[n]) {
            ok = 0;
            break;
        }
        sprintf(names[n], "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    if (!ok) {
        ds__store_dir_files_free(names, n);
        return ds__error_set(err, DS_ENOMEM, dir, 0, 0, "out of memory");
    }
    if (n > 1)
        qsort(names, n, sizeof *names, cmp_str);
    *out = names;
    *nout = n;
    return DS_OK;
}

void
ds__store_dir_files_free(char **names, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

ds_status
ds__store_load_meta(ds_store *s, const char *dir, ds_error *err)
{
    ds_status st = DS_OK;
    ds_countries *countries = NULL;
    ds_baseline_def *bases = NULL;
    size_t nbases = 0;
    int have_bases = 0;
    char meta[4096];
    snprintf(meta, sizeof meta, "%s/meta/countries.csv", dir);
    if (file_exists(meta)) {
        countries = ds_countries_alloc();
        if (!countries)
            st = ds__error_set(err, DS_ENOMEM, meta, 0, 0, "out of memory");
        else
            st = ds_countries_load_file(countries, meta, err);
    }
    if (st == DS_OK) {
        snprintf(meta, sizeof meta, "%s/meta/baselines.csv", dir);
        have_bases = file_exists(meta);
        if (have_bases)
            st = load_baselines(s, meta, &bases, &nbases, err);
    }
    if (st != DS_OK) {
        ds_countries_free(countries);
        free(bases);
        return st;
    }
    if (countries) {
        ds_countries_free(s->countries);
        s->countries = countries;
    }
    if (have_bases) { /* a header-only file clears the baselines */
        free(s->baselines);
        s->baselines = bases;
        s->nbaselines = nbases;
    }
    return DS_OK;
}

static ds_status
ds_store_load_dir_impl(ds_store *s, const char *dir, ds_error *err)
{
    assert(s && dir);
    char **names = NULL;
    size_t n = 0;
    ds_status st = ds__store_dir_files(dir, &names, &n, err);
    if (st != DS_OK)
        return st;
    size_t before = s->n;
    for (size_t i = 0; i < n && st == DS_OK; i++) {
        struct stat ls;
        if (lstat(names[i], &ls) == 0 && S_ISLNK(ls.st_mode)) {
            /* its target is not the store's: never read it, so no
             * error can quote a line of someone else's file */
            st = ds__error_set(err, DS_EIO, names[i], 0, 0,
                               "is a symbolic link: refused without "
                               "reading it (a store's files are its "
                               "own regular files; copy the target "
                               "here instead)");
            break;
        }
        if (file_exists(names[i]))
            st = ds_store_load_file(s, names[i], err);
    }
    if (st == DS_OK)
        st = ds__store_load_meta(s, dir, err);
    if (st != DS_OK)
        ds__store_truncate(s, before);
    ds__store_dir_files_free(names, n);
    return st;
}

/* The public call: the outermost load builds the query index. */
ds_status
ds_store_load_dir(ds_store *s, const char *dir, ds_error *err)
{
    ds__store_load_begin(s);
    return ds__store_load_end(s, ds_store_load_dir_impl(s, dir, err));
}

/* A layer over the store: see store.h.  The upper layer is loaded into a
 * store of its own first (its errors leave s untouched), then laid over s
 * (ds__store_overlay). */
static ds_status
ds_store_overlay_dir_impl(ds_store *s, const char *dir, ds_error *err)
{
    assert(s && dir);
    struct stat sb;
    if (stat(dir, &sb) != 0 && errno == ENOENT)
        return DS_OK;
    ds_store *up = ds_store_alloc();
    if (!up)
        return ds__error_set(err, DS_ENOMEM, dir, 0, 0, "out of memory");
    ds_status st = ds_store_load_dir(up, dir, err);
    if (st == DS_OK)
        st = ds__store_overlay(s, up, dir, err);
    ds_store_free(up);
    return st;
}

/* The public call: the outermost load builds the query index. */
ds_status
ds_store_overlay_dir(ds_store *s, const char *dir, ds_error *err)
{
    ds__store_load_begin(s);
    return ds__store_load_end(s, ds_store_overlay_dir_impl(s, dir, err));
}

/* ------------------------------------------------------------- writing */

void
ds__store_csv_write_header(FILE *f)
{
    fputs(DS_STORE_HEADER "\n", f);
}

static void
csv_field(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\n\r")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

void
ds__store_csv_write_row(FILE *f, const ds_obs *o)
{
    char yb[16], num[40], fl[160];
    fprintf(f, "%s,%d,%s,%s,%s,%s,", o->country, o->year,
            ds_year_basis_format(o->fy_start_month, yb, sizeof yb),
            o->indicator, ds_format_full(o->value, num, sizeof num),
            o->currency);
    csv_field(f, o->price_basis);
    fputc(',', f);
    csv_field(f, o->definition);
    fputc(',', f);
    csv_field(f, o->source);
    fprintf(f, ",%s,%s,", o->vintage,
            ds_flags_format(o->flags, fl, sizeof fl));
    csv_field(f, o->note);
    fputc('\n', f);
}
