/* tables.c - results as tables: what convert, data show / latest and data
 * list print, built once here for every output format (and the report).
 *
 * Promises: every row carries what is needed to cite its figure; a
 * missing figure is a missing cell (n/a, empty, null), never 0; the CSV
 * and JSON columns are the same for one result wherever it is written.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "table_internal.h"

#define finish ds__table_finish

ds_status
ds__table_finish(ds_table *t, ds_table **out, ds_error *err)
{
    if (t->oom) {
        ds_table_free(t);
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    }
    *out = t;
    return DS_OK;
}

/* ---- convert ---- */

enum {
    CV_COUNTRY, CV_INDICATOR, CV_DEFINITION, CV_YEAR, CV_YEAR_BASIS,
    CV_IN_PREV_SHOWN, CV_IN, CV_IN_PREV, CV_CUR_IN, CV_PRICE_IN, CV_FACTOR,
    CV_OUT, CV_CUR_OUT, CV_PRICE_OUT, CV_YEAR_BASIS_OUT, CV_FLAGS, CV_NOTE,
    CV_NOTE_REF, CV_SOURCE, CV_VINTAGE, CV_METHOD, CV_N
};

ds_status
ds_convert_table(const ds_conversion *c, ds_table **out, ds_error *err)
{
    ds_table *t = ds_table_alloc();
    if (!t)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    int cal = c->fy_start_month_out != c->fy_start_month_in;
    char hin[64], hout[64], yb[16], yo[16], fl[128];
    snprintf(hin, sizeof hin, "%s %s", c->currency_in, c->price_in);
    snprintf(hout, sizeof hout, "%s %s", c->currency_out, c->price_out);
    ds_year_basis_format(c->fy_start_month_in, yb, sizeof yb);
    ds_year_basis_format(c->fy_start_month_out, yo, sizeof yo);
    const unsigned D = DS_COL_SHOW_DATA, T = DS_COL_SHOW_TEXT;
    const ds_column cols[CV_N] = {
        {"country", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"indicator", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"definition", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"year", NULL, NULL, DS_COL_YEAR, -1, 0, 0, 0, 0, NULL},
        {"year_basis", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        /* the text's FY t-1 column (value_prev_in is its data twin, which
         * comes after value_in in CSV) */
        {"value_prev_in_shown", "FY t-1", c->currency_in, DS_COL_MONEY, -1,
         1, 0, 0, cal ? T : DS_COL_HIDDEN, NULL},
        {"value_in", cal ? "FY t" : hin, c->currency_in, DS_COL_MONEY, -1, 1,
         0, 0, 0, NULL},
        {"value_prev_in", NULL, c->currency_in, DS_COL_MONEY, -1, 1, 0, 0, D,
         NULL},
        {"currency_in", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"price_basis_in", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"factor", NULL, NULL, DS_COL_NUMBER, -1, 1, 0, 0, cal ? D : 0,
         NULL},
        {"value_out", hout, c->currency_out, DS_COL_MONEY, -1, 1, 0, 0, 0,
         NULL},
        {"currency_out", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"price_basis_out", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"year_basis_out", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"flags", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, 0, NULL},
        {"note", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"note_ref", "note", NULL, DS_COL_TEXT, -1, 0, 0, 0, T, NULL},
        {"source", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"vintage", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"method", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
    };
    for (size_t k = 0; k < CV_N; k++)
        ds_table_add_column(t, &cols[k]);
    /* the heading: the series, its bases, the method and what it used */
    ds_table_title(t, "%s %-s, definition %s (%s; vintage %s), %-s", c->iso3,
                   c->indicator, c->definition, c->source, c->vintage, yb);
    ds_table_note(t, DS_NOTE_HEAD, "From: %-s, %-s prices, %-s years",
                  c->currency_in, c->price_in, yb);
    ds_table_note(t, DS_NOTE_HEAD, "To: %-s, %-s prices, %-s years",
                  c->currency_out, c->price_out, yo);
    ds_table_note(t, DS_NOTE_HEAD, "Method: %s", c->method);
    for (size_t i = 0; i < c->n_rates && i < 3; i++)
        ds_table_note(t, DS_NOTE_HEAD, "Rate: %s", c->rates[i].basis);
    if (c->n_rates > 3) {
        char more[96];
        ds__snprintf_c(more, sizeof more,
                       "... and %zu more rates of the same kind (see ",
                       c->n_rates - 3);
        ds__table_note_ref(t, DS_NOTE_HEAD, more, DS_TABLE_JSON, ")");
    }
    if (c->n_deflators) {
        char *cite = ds_cite_obs_text(c->deflators[0]);
        if (!cite)
            t->oom = 1;
        else
            ds_table_note(t, DS_NOTE_HEAD, "Deflator base %d = %.6g (%s)",
                          c->deflators[0]->year, c->deflators[0]->value,
                          cite);
        free(cite);
    }
    /* distinct row notes, below the grid in full; the cell points there */
    const char **notes = calloc(c->n_rows ? c->n_rows : 1, sizeof *notes);
    size_t nnotes = 0;
    if (!notes)
        t->oom = 1;
    for (size_t i = 0; notes && i < c->n_rows; i++) {
        const ds_convert_row *r = &c->rows[i];
        char b[64];
        ds_table_add_row(t);
        ds_table_set_text(t, CV_COUNTRY, c->iso3);
        ds_table_set_text(t, CV_INDICATOR, c->indicator);
        ds_table_set_text(t, CV_DEFINITION, c->definition);
        ds_table_set_int(t, CV_YEAR, r->year);
        snprintf(b, sizeof b, c->fy_start_month_out <= 1 ? "%d" : "FY%d",
                 r->year);
        ds_table_set_shown(t, CV_YEAR, b);
        ds_table_set_text(t, CV_YEAR_BASIS, yb);
        ds_table_set_num(t, CV_IN_PREV_SHOWN, r->in_prev);
        ds_table_set_num(t, CV_IN, r->in);
        ds_table_set_cite(t, CV_IN, r->src);
        ds_table_set_num(t, CV_IN_PREV, r->in_prev);
        ds_table_set_cite(t, CV_IN_PREV, r->src_prev);
        ds_table_set_text(t, CV_CUR_IN, c->currency_in);
        ds_table_set_text(t, CV_PRICE_IN, c->price_in);
        ds_table_set_num(t, CV_FACTOR, r->factor);
        if (isfinite(r->factor)) {
            ds__snprintf_c(b, sizeof b, "%.6g", r->factor);
            ds_table_set_shown(t, CV_FACTOR, b);
        }
        ds_table_set_num(t, CV_OUT, r->out);
        ds_table_set_text(t, CV_CUR_OUT, c->currency_out);
        ds_table_set_text(t, CV_PRICE_OUT, c->price_out);
        ds_table_set_text(t, CV_YEAR_BASIS_OUT, yo);
        ds_table_set_text(t, CV_FLAGS, ds_flags_format(r->flags, fl,
                                                       sizeof fl));
        ds_table_set_text(t, CV_NOTE, r->note);
        ds_table_set_text(t, CV_NOTE_REF, "");
        if (r->note[0]) {
            size_t k = 0;
            while (k < nnotes && strcmp(notes[k], r->note) != 0)
                k++;
            if (k == nnotes)
                notes[nnotes++] = r->note;
            snprintf(b, sizeof b, "note %zu", k + 1);
            ds_table_set_text(t, CV_NOTE_REF, b);
        }
        const ds_obs *src = r->src ? r->src : r->src_prev;
        ds_table_set_text(t, CV_SOURCE, src ? src->source : "");
        ds_table_set_text(t, CV_VINTAGE, src ? src->vintage : "");
        ds_table_set_text(t, CV_METHOD, c->method);
    }
    for (size_t k = 0; k < nnotes; k++)
        ds_table_note(t, DS_NOTE_FOOT, "note %zu: %s", k + 1, notes[k]);
    free(notes);
    return finish(t, out, err);
}

/* ---- observations ---- */

enum {
    OB_COUNTRY, OB_YEAR, OB_AGE, OB_YEAR_BASIS, OB_INDICATOR, OB_VALUE,
    OB_CURRENCY, OB_PRICE, OB_DEFINITION, OB_SOURCE, OB_VINTAGE,
    OB_SOURCE_FLAGS, OB_FLAGS, OB_STALE, OB_NEWEST_RELEASE, OB_NEWEST_STORE,
    OB_N
};

ds_status
ds_obs_table(const ds_obs *const *v, size_t n, const ds_obs_age *ages,
             ds_table **out, ds_error *err)
{
    ds_table *t = ds_table_alloc();
    if (!t)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    ds_table_set_style(t, DS_TEXT_FIXED);
    const unsigned D = DS_COL_SHOW_DATA, T = DS_COL_SHOW_TEXT;
    const unsigned AGE = ages ? 0 : DS_COL_HIDDEN;
    const ds_column cols[OB_N] = {
        {"country", "cty", NULL, DS_COL_TEXT, -1, 0, 4, 0, 0, NULL},
        {"year", NULL, NULL, DS_COL_YEAR, -1, 1, 4, 0, 0, NULL},
        {"age", "age (newest year: release, store)", NULL, DS_COL_TEXT, -1, 0,
         37, 0, ages ? T : AGE, NULL},
        {"year_basis", "basis", NULL, DS_COL_TEXT, -1, 0, 9, 0, 0, NULL},
        {"indicator", NULL, NULL, DS_COL_TEXT, -1, 0, 14, 0, 0, NULL},
        {"value", "value (units)", NULL, DS_COL_NUMBER, 0, 1, 26, 0, 0,
         NULL},
        {"currency", "cur", NULL, DS_COL_TEXT, -1, 0, 3, 0, 0, NULL},
        {"price_basis", "prices", NULL, DS_COL_TEXT, -1, 0, 8, 0, 0, NULL},
        {"definition", NULL, NULL, DS_COL_TEXT, -1, 0, 22, 0, 0, NULL},
        {"source", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"vintage", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, 0, NULL},
        {"source_flags", "source [flags]", NULL, DS_COL_TEXT, -1, 0, 0, 0, T,
         NULL},
        {"flags", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"stale", NULL, NULL, DS_COL_BOOL, -1, 0, 0, 0, ages ? D : AGE, NULL},
        {"newest_in_release", NULL, NULL, DS_COL_YEAR, -1, 0, 0, 0,
         ages ? D : AGE, NULL},
        {"newest_in_store", NULL, NULL, DS_COL_YEAR, -1, 0, 0, 0,
         ages ? D : AGE, NULL},
    };
    for (size_t k = 0; k < OB_N; k++)
        ds_table_add_column(t, &cols[k]);
    for (size_t i = 0; i < n; i++) {
        const ds_obs *o = v[i];
        char yb[16], fl[128], b[256];
        ds_table_add_row(t);
        ds_table_set_text(t, OB_COUNTRY, o->country);
        ds_table_set_int(t, OB_YEAR, o->year);
        if (ages) {
            const ds_obs_age *a = &ages[i];
            if (a->stale)
                snprintf(b, sizeof b, "as of %d (release %d, store %d)",
                         o->year, a->newest_in_release, a->newest_in_store);
            else
                snprintf(b, sizeof b, "up to date (release %d, store %d)",
                         a->newest_in_release, a->newest_in_store);
            ds_table_set_text(t, OB_AGE, b);
            ds_table_set_bool(t, OB_STALE, a->stale);
            ds_table_set_int(t, OB_NEWEST_RELEASE, a->newest_in_release);
            ds_table_set_int(t, OB_NEWEST_STORE, a->newest_in_store);
        }
        ds_table_set_text(t, OB_YEAR_BASIS,
                          ds_year_basis_format(o->fy_start_month, yb,
                                               sizeof yb));
        ds_table_set_text(t, OB_INDICATOR, o->indicator);
        ds_table_set_num(t, OB_VALUE, o->value);
        ds_table_set_cite(t, OB_VALUE, o);
        /* amounts grouped in units; rates, shares and counts in full */
        if (isfinite(o->value) &&
            !(o->currency[0] && strcmp(o->indicator, DS_IND_FX) != 0))
            ds_table_set_shown(t, OB_VALUE,
                               ds_format_full(o->value, b, sizeof b));
        ds__table_set_dash(t, OB_CURRENCY, o->currency);
        ds__table_set_dash(t, OB_PRICE, o->price_basis);
        ds_table_set_text(t, OB_DEFINITION, o->definition);
        ds_table_set_text(t, OB_SOURCE, o->source);
        ds_table_set_text(t, OB_VINTAGE, o->vintage);
        ds_flags_format(o->flags, fl, sizeof fl);
        ds_table_set_text(t, OB_FLAGS, fl);
        ds__table_set_source_flags(t, OB_SOURCE_FLAGS, o);
    }
    return finish(t, out, err);
}

/* ---- the store's contents ---- */

int
ds_obs_order(const void *a, const void *b)
{
    const ds_obs *x = *(const ds_obs *const *)a, *y = *(const ds_obs *const *)b;
    int c = strcmp(x->country, y->country);
    if (!c) c = strcmp(x->indicator, y->indicator);
    if (!c) c = strcmp(x->definition, y->definition);
    if (!c) c = strcmp(x->currency, y->currency);
    if (!c) c = (x->year > y->year) - (x->year < y->year);
    if (!c) c = strcmp(x->vintage, y->vintage);
    return c;
}

static int
same_series(const ds_obs *a, const ds_obs *b)
{
    return strcmp(a->country, b->country) == 0 &&
           strcmp(a->indicator, b->indicator) == 0 &&
           strcmp(a->definition, b->definition) == 0 &&
           strcmp(a->currency, b->currency) == 0;
}

enum {
    LS_COUNTRY, LS_INDICATOR, LS_DEFINITION, LS_CURRENCY, LS_FIRST, LS_LAST,
    LS_YEARS, LS_OBS, LS_SOURCE, LS_VINTAGES, LS_VINTAGES_SOURCE, LS_N
};

ds_status
ds_store_list_table(const ds_store *s, ds_table **out, ds_error *err)
{
    size_t n = ds_store_count(s);
    const ds_obs **v = malloc((n ? n : 1) * sizeof *v);
    const char **vint = malloc((n ? n : 1) * sizeof *vint);
    ds_table *t = ds_table_alloc();
    if (!v || !vint || !t) {
        free(v);
        free(vint);
        ds_table_free(t);
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < n; i++)
        v[i] = ds_store_get(s, i);
    qsort(v, n, sizeof *v, ds_obs_order);
    ds_table_set_style(t, DS_TEXT_FIXED);
    const unsigned D = DS_COL_SHOW_DATA, T = DS_COL_SHOW_TEXT;
    const ds_column cols[LS_N] = {
        {"country", "cty", NULL, DS_COL_TEXT, -1, 0, 4, 0, 0, NULL},
        {"indicator", NULL, NULL, DS_COL_TEXT, -1, 0, 19, 0, 0, NULL},
        {"definition", NULL, NULL, DS_COL_TEXT, -1, 0, 22, 0, 0, NULL},
        {"currency", "cur", NULL, DS_COL_TEXT, -1, 0, 3, 0, 0, NULL},
        {"first_year", NULL, NULL, DS_COL_YEAR, -1, 0, 0, 0, D, NULL},
        {"last_year", NULL, NULL, DS_COL_YEAR, -1, 0, 0, 0, D, NULL},
        {"years", NULL, NULL, DS_COL_TEXT, -1, 0, 9, 0, T, NULL},
        {"observations", "obs", NULL, DS_COL_COUNT, -1, 1, 6, 0, 0, NULL},
        {"source", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"vintages", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"vintages_source", "vintages; source", NULL, DS_COL_TEXT, -1, 0, 0,
         2, T, NULL},
    };
    for (size_t k = 0; k < LS_N; k++)
        ds_table_add_column(t, &cols[k]);
    for (size_t i = 0; i < n;) {
        size_t j = i, nv = 0, len = 1;
        int lo = v[i]->year, hi = v[i]->year;
        for (; j < n && same_series(v[j], v[i]); j++) {
            if (v[j]->year < lo) lo = v[j]->year;
            if (v[j]->year > hi) hi = v[j]->year;
            size_t k = 0;
            while (k < nv && strcmp(vint[k], v[j]->vintage) != 0)
                k++;
            if (k == nv) {
                vint[nv++] = v[j]->vintage;
                len += strlen(v[j]->vintage) + 1;
            }
        }
        const ds_obs *o = v[i];
        char *vs = malloc(len + strlen(o->source) + 2);
        if (!vs) {
            t->oom = 1;
            break;
        }
        vs[0] = '\0';
        for (size_t k = 0; k < nv; k++) {
            if (k)
                strcat(vs, " ");
            strcat(vs, vint[k]);
        }
        char yr[32];
        ds_table_add_row(t);
        ds_table_set_text(t, LS_COUNTRY, o->country);
        ds_table_set_text(t, LS_INDICATOR, o->indicator);
        ds_table_set_text(t, LS_DEFINITION, o->definition);
        ds_table_set_text(t, LS_CURRENCY, o->currency);
        if (!o->currency[0])
            ds_table_set_shown(t, LS_CURRENCY, "-");
        ds_table_set_int(t, LS_FIRST, lo);
        ds_table_set_int(t, LS_LAST, hi);
        snprintf(yr, sizeof yr, "%d-%d", lo, hi);
        ds_table_set_text(t, LS_YEARS, yr);
        ds_table_set_int(t, LS_OBS, (long long)(j - i));
        ds_table_set_text(t, LS_SOURCE, o->source);
        ds_table_set_text(t, LS_VINTAGES, vs);
        strcat(vs, "; ");
        strcat(vs, o->source);
        ds_table_set_text(t, LS_VINTAGES_SOURCE, vs);
        free(vs);
        i = j;
    }
    free(v);
    free(vint);
    return finish(t, out, err);
}

/* ---- compare ---- */

/* How a row's share was obtained: "published", "milex/GDP", with what
 * was derived. */
const char *
ds_compare_basis(const ds_compare_row *r, char *b, size_t n)
{
    if (!r->has_data)
        snprintf(b, n, "%s", "");
    else
        snprintf(b, n, "%s%s%s", r->published ? "published" : "milex/GDP",
                 r->milex_derived ? ", milex derived" : "",
                 r->gdp_derived ? ", GDP derived" : "");
    return b;
}

/* s grown by "; WHAT: SOURCE (vintage V)" when o; 0 when out of memory. */
static int
cite_append(char **s, const char *what, const ds_obs *o)
{
    if (!o)
        return 1;
    size_t l = strlen(*s);
    size_t need = l + strlen(what) + strlen(o->source) + strlen(o->vintage) +
                  32;
    char *n = realloc(*s, need);
    if (!n)
        return 0;
    snprintf(n + l, need - l, "%s%s: %s (vintage %s)", l ? "; " : "", what,
             o->source, o->vintage);
    *s = n;
    return 1;
}

/* The sources of a row as one line of text (the caller frees). */
static char *
row_sources(const ds_compare_row *r)
{
    char *k = NULL;
    if (!r->has_data) {
        size_t need = strlen(r->missing) + 16;
        k = malloc(need);
        if (k)
            snprintf(k, need, "not ranked: %s", r->missing);
        return k;
    }
    k = calloc(1, 1);
    if (!k || !cite_append(&k, "share of GDP", r->share_obs) ||
        !cite_append(&k, "military expenditure, current US$", r->milex_usd) ||
        !cite_append(&k, "GDP, current US$", r->gdp_usd)) {
        free(k);
        return NULL;
    }
    const char *d = r->milex_derived ? "; military expenditure derived as "
                                       "share x GDP"
                    : r->gdp_derived ? "; GDP derived as military "
                                       "expenditure / share of GDP"
                                     : "";
    char *n = realloc(k, strlen(k) + strlen(d) + 1);
    if (!n) {
        free(k);
        return NULL;
    }
    strcat(n, d);
    return n;
}

/* a text cell cut as the old 48-byte table cells were (data text that
 * long is cut in the grid; CSV and JSON keep it whole) */
#define CMP_CELL 48

enum { CM_RANK, CM_COUNTRY_SHOWN, CM_COUNTRY, CM_NAME, CM_YEAR,
       CM_DEFINITION, CM_SHARE, CM_BASIS, CM_MILEX, CM_GDP, CM_TARGETS };
enum { CM_SHARE_SRC, CM_SHARE_VIN, CM_MILEX_SRC, CM_MILEX_VIN, CM_GDP_SRC,
       CM_GDP_VIN, CM_STALE, CM_NOTE, CM_MISSING, CM_TAIL };

ds_status
ds_compare_table(const ds_comparison *c, const char *title, ds_table **out,
                 ds_error *err)
{
    ds_table *t = ds_table_alloc();
    if (!t)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    ds_table_set_trim(t, 1);
    const unsigned D = DS_COL_SHOW_DATA, T = DS_COL_SHOW_TEXT;
    const ds_column head[CM_TARGETS] = {
        {"rank", NULL, NULL, DS_COL_COUNT, -1, 1, 0, 0, 0, NULL},
        {"country_shown", "country", NULL, DS_COL_TEXT, -1, 0, 0, 0, T, NULL},
        {"country", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"name", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"year", NULL, NULL, DS_COL_YEAR, -1, 1, 0, 0, 0, "-"},
        {"definition", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"share_pct", "share", NULL, DS_COL_SHARE_PCT, 2, 1, 0, 0, 0, NULL},
        {"basis", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, 0, NULL},
        {"milex_usd", "milex US$", DS_CURRENCY_USD, DS_COL_MONEY, -1, 1, 0, 0, 0,
         NULL},
        {"gdp_usd", NULL, DS_CURRENCY_USD, DS_COL_MONEY, -1, 1, 0, 0, D, NULL},
    };
    const ds_column tail[CM_TAIL] = {
        {"share_source", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"share_vintage", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"milex_source", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"milex_vintage", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"gdp_source", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"gdp_vintage", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"stale", NULL, NULL, DS_COL_BOOL, -1, 0, 0, 0, D, NULL},
        {"note", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, 0, NULL},
        {"missing", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
    };
    for (size_t k = 0; k < CM_TARGETS; k++)
        ds_table_add_column(t, &head[k]);
    for (size_t k = 0; k < c->n_targets; k++) {
        char name[64], label[64], gname[64], glabel[64];
        ds__snprintf_c(name, sizeof name, "need_usd_%g", c->targets_pct[k]);
        ds__snprintf_c(label, sizeof label, "%g%% US$", c->targets_pct[k]);
        ds__snprintf_c(gname, sizeof gname, "gap_usd_%g", c->targets_pct[k]);
        ds__snprintf_c(glabel, sizeof glabel, "gap to %g%%",
                       c->targets_pct[k]);
        ds_column need = {name, label, DS_CURRENCY_USD, DS_COL_MONEY, -1, 1, 0, 0, 0,
                          NULL};
        ds_column gap = {gname, glabel, DS_CURRENCY_USD, DS_COL_MONEY, -1, 1, 0, 0, 0,
                         NULL};
        ds_table_add_column(t, &need);
        ds_table_add_column(t, &gap);
    }
    size_t t0 = CM_TARGETS + 2 * c->n_targets; /* first tail column */
    for (size_t k = 0; k < CM_TAIL; k++)
        ds_table_add_column(t, &tail[k]);

    ds_table_title(t, "%s: military expenditure and target shares of GDP, "
                      "current US$", title);
    if (c->definition[0])
        ds_table_note(t, DS_NOTE_HEAD, "Definition: %s (%s); %s",
                      ds_definition_label(c->definition), c->definition,
                      c->definition_why);
    else
        ds_table_note(t, DS_NOTE_HEAD, "Definition: none; %s",
                      c->definition_why);
    ds_table_note(t, DS_NOTE_HEAD, "Year: %s", c->year_why);
    ds_table_note(t, DS_NOTE_HEAD,
                  "Share = the publisher's own share of GDP when stored "
                  "(basis \"published\"), else its military expenditure / "
                  "its GDP, both current US$ (\"milex/GDP\"); never one "
                  "publisher's spending over another's GDP; needed = target "
                  "x GDP; gap = needed - military expenditure; \"as of\" = "
                  "older than the newest year of its release or of the "
                  "store");

    const char *lab = c->definition[0] ? ds_definition_short(c->definition)
                                       : "";
    for (size_t i = 0; i < c->n_rows; i++) {
        const ds_compare_row *r = &c->rows[i];
        char b[CMP_CELL], bs[64];
        ds_table_add_row(t);
        if (r->rank)
            ds_table_set_int(t, CM_RANK, (long long)r->rank);
        else
            ds_table_set_shown(t, CM_RANK, "-");
        snprintf(b, sizeof b, "%.30s (%s)", r->name, r->iso3);
        ds_table_set_text(t, CM_COUNTRY_SHOWN, b);
        ds_table_set_text(t, CM_COUNTRY, r->iso3);
        ds_table_set_text(t, CM_NAME, r->name);
        ds_table_set_text(t, CM_DEFINITION, c->definition);
        ds_table_set_text(t, CM_BASIS, ds_compare_basis(r, bs, sizeof bs));
        const ds_obs *o[] = {r->share_obs, r->milex_usd, r->gdp_usd};
        for (size_t q = 0; q < 3; q++) {
            ds_table_set_text(t, t0 + CM_SHARE_SRC + 2 * q,
                              o[q] ? o[q]->source : "");
            ds_table_set_text(t, t0 + CM_SHARE_VIN + 2 * q,
                              o[q] ? o[q]->vintage : "");
        }
        ds_table_set_text(t, t0 + CM_NOTE, r->note);
        ds_table_set_text(t, t0 + CM_MISSING, r->missing);
        ds_table_set_num(t, CM_GDP, r->gdp_usd_value);
        ds_table_set_cite(t, CM_GDP, r->gdp_usd);
        if (!r->has_data) {
            ds_table_set_shown(t, CM_BASIS, "-");
            snprintf(b, sizeof b, "%.47s", r->missing);
            ds_table_set_shown(t, t0 + CM_NOTE, b);
            continue; /* year, share, money: missing (n/a) */
        }
        ds_table_set_int(t, CM_YEAR, r->year);
        ds_table_set_num(t, CM_SHARE, r->share_pct);
        ds_table_set_cite(t, CM_SHARE, r->share_obs);
        char big[256];
        snprintf(big, sizeof big, "%s %s", lab, bs);
        snprintf(b, sizeof b, "%.47s", big);
        ds_table_set_shown(t, CM_BASIS, b);
        ds_table_set_num(t, CM_MILEX, r->milex_usd_value);
        ds_table_set_cite(t, CM_MILEX, r->milex_usd);
        for (size_t k = 0; k < c->n_targets; k++) {
            size_t col = CM_TARGETS + 2 * k;
            ds_table_set_num(t, col, r->need_usd[k]);
            ds_table_set_num(t, col + 1, r->gap_usd[k]);
            char m[DS_FORMAT_MONEY_SIZE + 8];
            ds_format_money(r->gap_usd[k], DS_CURRENCY_USD, m, sizeof m);
            snprintf(big, sizeof big, "%s%s", r->gap_usd[k] > 0 ? "+" : "",
                     m);
            ds_table_set_shown(t, col + 1, big);
        }
        ds_table_set_bool(t, t0 + CM_STALE, r->stale);
        snprintf(b, sizeof b, "%.47s", r->note);
        ds_table_set_shown(t, t0 + CM_NOTE, b);
    }

    /* sources: each distinct combination once, with its countries */
    if (c->definition[0])
        ds_table_note(t, DS_NOTE_FOOT_HEADING, "Sources, definition %s (%s):",
                      c->definition, ds_definition_label(c->definition));
    else
        ds_table_note(t, DS_NOTE_FOOT_HEADING, "Sources: none");
    char **keys = calloc(c->n_rows ? c->n_rows : 1, sizeof *keys);
    if (!keys)
        t->oom = 1;
    for (size_t i = 0; keys && i < c->n_rows; i++)
        if (!(keys[i] = row_sources(&c->rows[i])))
            t->oom = 1;
    for (size_t i = 0; keys && !t->oom && i < c->n_rows; i++) {
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(keys[i], keys[j]) == 0;
        if (seen)
            continue;
        char *who = calloc(1, 1);
        for (size_t j = i; who && j < c->n_rows; j++) {
            if (strcmp(keys[i], keys[j]) != 0)
                continue;
            size_t l = strlen(who);
            char *n = realloc(who, l + 32);
            if (!n) {
                free(who);
                who = NULL;
                break;
            }
            who = n;
            if (c->rows[j].has_data)
                snprintf(who + l, 32, "%s%s %d", l ? ", " : "",
                         c->rows[j].iso3, c->rows[j].year);
            else
                snprintf(who + l, 32, "%s%s", l ? ", " : "",
                         c->rows[j].iso3);
        }
        if (!who)
            t->oom = 1;
        else
            ds_table_note(t, DS_NOTE_FOOT_ITEM, "%s (%s)", keys[i], who);
        free(who);
    }
    for (size_t i = 0; keys && i < c->n_rows; i++)
        free(keys[i]);
    free(keys);
    return finish(t, out, err);
}

/* ---- scenarios ---- */

enum {
    SC_COUNTRY, SC_YEAR, SC_TARGET, SC_GDP_USD, SC_SPEND_USD, SC_BASE_USD,
    SC_DIFF_USD, SC_RATIO, SC_ONE_RATE_SHOWN, SC_PC_USD, SC_CUR_LCU,
    SC_GDP_LCU, SC_SPEND_LCU, SC_BASE_LCU, SC_DIFF_LCU, SC_RATIO_LCU,
    SC_PC_LCU, SC_RATE, SC_POP, SC_PRICE, SC_GDP_DEF, SC_GDP_SRC,
    SC_GDP_VIN, SC_BASE_LABEL, SC_BASE_SRC, SC_BASE_VIN, SC_BASE_ONE_RATE,
    SC_ONE_RATE, SC_BASE_SHARE, SC_BASE_SHARE_BASIS, SC_ACT_SHARE,
    SC_ACT_YEAR, SC_ACT_DEF, SC_ACT_BASIS, SC_N
};

int
ds_scenario_one_rate_differs(const ds_scenario *s)
{
    const ds_baseline *b = &s->baseline;
    return b->present && isfinite(b->usd_one_rate) && isfinite(b->usd) &&
           fabs(b->usd_one_rate / b->usd - 1.0) > 5e-4;
}

/* "+$1.2 bn" for a positive difference, as people read a gap */
static void
set_signed(ds_table *t, size_t col, double v, const char *cur)
{
    char m[DS_FORMAT_MONEY_SIZE + 16], b[DS_FORMAT_MONEY_SIZE + 24];
    ds_table_set_num(t, col, v);
    ds_format_money(v, cur, m, sizeof m);
    if (isfinite(v) && v > 0 && m[0] != '#') {
        snprintf(b, sizeof b, "+%s", m);
        ds_table_set_shown(t, col, b);
    }
}

/* "1.234x" */
static void
set_ratio(ds_table *t, size_t col, double v)
{
    char f[64], b[72];
    ds_table_set_num(t, col, v);
    if (isfinite(v)) {
        snprintf(b, sizeof b, "%sx", ds_format_fixed(v, 3, f, sizeof f));
        ds_table_set_shown(t, col, b);
    }
}

/* o's citation as a note's data part (the caller frees; "" when o is
 * NULL; NULL when out of memory, remembered in t). */
static char *
cite_of(ds_table *t, const ds_obs *o)
{
    char *c = o ? ds_cite_obs_text(o) : strdup("");
    if (!c)
        t->oom = 1;
    return c;
}

/* The heading of a scenario: the country and year, every input with its
 * citation (GDP, exchange rate, population, actual share, baseline), what
 * the comparisons are against, and the price basis. */
static void
scenario_heading(ds_table *t, const ds_scenario *s)
{
    char a[64], b[64], c2[64], d[64], p[256], q[256];
    const char *lcu = s->lcu ? s->lcu : "";
    ds_table_title(t, "%s (%s): defense spending at shares of GDP, %d",
                   s->name, s->iso3, s->year);
    char *c = cite_of(t, s->gdp_usd);
    if (c)
        ds_table_note(t, DS_NOTE_HEAD, "GDP %d: %-s, current US$ (%s)",
                      s->year, ds_format_money(s->gdp_usd->value, DS_CURRENCY_USD, a,
                                               sizeof a), c);
    free(c);
    int lcu_side = s->gdp_lcu && s->gdp_lcu != s->gdp_usd;
    if (lcu_side) {
        if ((c = cite_of(t, s->gdp_lcu)))
            ds_table_note(t, DS_NOTE_HEAD, "GDP %d: %-s, current %s (%s)",
                          s->year, ds_format_money(s->gdp_lcu->value, lcu, a,
                                                   sizeof a), lcu, c);
        free(c);
    } else if (!s->gdp_lcu) {
        ds_table_note(t, DS_NOTE_HEAD, "GDP %d in local currency: not in the "
                      "store (local currency figures are n/a)", s->year);
    }
    if (lcu_side) {
        ds_format_rate(s->gdp_lcu_per_usd, lcu, a, sizeof a);
        if (s->fx_official && (c = cite_of(t, s->fx_official)))
            ds_table_note(t, DS_NOTE_HEAD, "Exchange rate: %-s, implied by "
                          "GDP in %s / GDP in US$ (%d); official annual "
                          "average %-s (%s)", a, lcu, s->year,
                          ds_format_rate(s->fx_official->value, lcu, b,
                                         sizeof b), c);
        else if (!s->fx_official)
            ds_table_note(t, DS_NOTE_HEAD, "Exchange rate: %-s, implied by "
                          "GDP in %s / GDP in US$ (%d)", a, lcu, s->year);
        if (s->fx_official)
            free(c);
    }
    if (s->population) {
        if ((c = cite_of(t, s->population)))
            ds_table_note(t, DS_NOTE_HEAD, "Population %d: %-s (%s)",
                          s->year, ds_format_grouped(s->population->value, 0,
                                                     a, sizeof a), c);
        free(c);
    } else {
        ds_table_note(t, DS_NOTE_HEAD, "Population %d: not in the store (per "
                      "capita n/a)", s->year);
    }
    if (s->has_actual) {
        const ds_share *sh = &s->actual;
        const ds_obs *o = sh->published ? sh->published : sh->milex;
        ds_format_pct(sh->pct, 2, a, sizeof a);
        if (sh->year == s->year)
            snprintf(p, sizeof p, "Actual military expenditure %d: %s of GDP",
                     s->year, a);
        else
            snprintf(p, sizeof p, "Actual military expenditure %d: not in the "
                     "store; latest %s of GDP in %d", s->year, a, sh->year);
        if (sh->published)
            strcat(p, " (");
        else
            snprintf(p + strlen(p), sizeof p - strlen(p), ", derived: %s (",
                     ds_format_money(sh->milex_usd, DS_CURRENCY_USD, b, sizeof b));
        q[0] = '\0';
        snprintf(q, sizeof q, "%s%s", sh->published ? ")"
                                      : ") / GDP in US$ of the same source",
                 "");
        if (s->actual_stale && sh->year != s->year)
            snprintf(q + strlen(q), sizeof q - strlen(q), " [as of %d]",
                     sh->year);
        if ((c = cite_of(t, o)))
            ds_table_note(t, DS_NOTE_HEAD, "%-s%s%-s", p, c, q);
        free(c);
    } else if (s->has_own) {
        /* a definition with its own GDP convention (Japan's
         * security-related total over FY2022 GDP) */
        const ds_share_own *w = &s->own;
        char yl[64], gl[64];
        ds_year_label(w->milex, yl, sizeof yl);
        ds_year_label(w->gdp, gl, sizeof gl);
        ds_table_note(t, DS_NOTE_HEAD, "Actual military expenditure, %s, "
                      "%-s: %-s = %-s of %-s GDP (%s; %.1f%% at one decimal, "
                      "as the government quotes it)",
                      ds_definition_label(w->definition), yl,
                      ds_format_money(w->spending, w->milex->currency, a,
                                      sizeof a),
                      ds_format_pct(w->pct, 2, b, sizeof b), gl, w->basis,
                      w->pct);
        if ((c = cite_of(t, w->milex)))
            ds_table_note(t, DS_NOTE_HEAD_ITEM, "%-s initial (%s) = %-s",
                          ds_format_money(w->milex->value, w->milex->currency,
                                          a, sizeof a),
                          c, ds_format_pct(w->pct_initial, 2, b, sizeof b));
        free(c);
        if (w->supplementary && (c = cite_of(t, w->supplementary))) {
            ds_table_note(t, DS_NOTE_HEAD_ITEM, "%-s supplementary (%s)",
                          ds_format_money(w->supplementary->value,
                                          w->milex->currency, a, sizeof a),
                          c);
            free(c);
        }
        if ((c = cite_of(t, w->gdp)))
            ds_table_note(t, DS_NOTE_HEAD_ITEM, "GDP base: %-s nominal GDP "
                          "%-s (%s), the definition's own convention, not the "
                          "%d GDP above", gl,
                          ds_format_money(w->gdp->value, w->gdp->currency, a,
                                          sizeof a), c, s->year);
        free(c);
        if (s->has_reference) {
            const ds_share *r_ = &s->reference;
            const ds_obs *o = r_->published ? r_->published : r_->milex;
            if ((c = cite_of(t, o)))
                ds_table_note(t, DS_NOTE_HEAD_ITEM, "Beside it: %-s of %d "
                              "GDP, %s (%s)",
                              ds_format_pct(r_->pct, 2, a, sizeof a),
                              r_->year, ds_definition_label(r_->definition),
                              c);
            free(c);
        }
    } else {
        ds_table_note(t, DS_NOTE_HEAD, "Actual military expenditure: no "
                      "share of GDP in the store");
    }

    const ds_baseline *bl = &s->baseline;
    char sh[96] = "";
    if (bl->present && isfinite(bl->share_pct))
        snprintf(sh, sizeof sh, " = %s of %d GDP",
                 ds_format_pct(bl->share_pct, 2, b, sizeof b),
                 bl->share_year);
    if (!bl->present) {
        ds_table_note(t, DS_NOTE_HEAD, "Baseline: none");
    } else if (bl->obs_lcu || bl->obs_usd) {
        const ds_obs *any = bl->obs_lcu ? bl->obs_lcu : bl->obs_usd;
        char yl[64];
        ds_table_note(t, DS_NOTE_HEAD, "Baseline: %s, %-s", bl->label,
                      ds_year_label(any, yl, sizeof yl));
        int lcu_obs = bl->obs_lcu && bl->obs_lcu->currency[0] &&
                      strcmp(bl->obs_lcu->currency, DS_CURRENCY_USD) != 0;
        /* the share goes on the line of the figure it was computed from:
         * a publisher's share on its US$ line, a local one on the local */
        int share_in_lcu =
            lcu_obs &&
            (strstr(bl->share_basis, "published share")
                 ? !bl->obs_usd
                 : !strstr(bl->share_basis, "US$ / GDP in US$"));
        if (lcu_obs && (c = cite_of(t, bl->obs_lcu))) {
            ds_table_note(t, DS_NOTE_HEAD_ITEM, "%-s (%s)%-s",
                          ds_format_money(bl->lcu, lcu, a, sizeof a), c,
                          share_in_lcu ? sh : "");
            free(c);
        }
        if (bl->obs_usd) {
            if ((c = cite_of(t, bl->obs_usd)))
                ds_table_note(t, DS_NOTE_HEAD_ITEM,
                              "%-s as reported (%s)%-s%-s%-s",
                              ds_format_money(bl->usd, DS_CURRENCY_USD, a, sizeof a), c,
                              lcu_obs ? "; implies " : "",
                              lcu_obs ? ds_format_rate(bl->lcu_per_usd, lcu,
                                                       b, sizeof b)
                                      : "",
                              share_in_lcu ? "" : sh);
            free(c);
        } else if (isfinite(bl->usd)) {
            ds_table_note(t, DS_NOTE_HEAD_ITEM, "%-s at %-s (%s)%-s",
                          ds_format_money(bl->usd, DS_CURRENCY_USD, a, sizeof a),
                          ds_format_rate(bl->lcu_per_usd, lcu, b, sizeof b),
                          bl->rate_basis, share_in_lcu ? "" : sh);
        }
        if (isfinite(bl->usd_at_official) && lcu_obs && bl->fx_official &&
            bl->obs_usd)
            ds_table_note(t, DS_NOTE_HEAD_ITEM, "%-s at the %d official "
                          "average rate %-s: the US$ figure depends on the "
                          "exchange rate",
                          ds_format_money(bl->usd_at_official, DS_CURRENCY_USD, a,
                                          sizeof a),
                          bl->fx_official->year,
                          ds_format_rate(bl->fx_official->value, lcu, b,
                                         sizeof b));
        if (any->fy_start_month > 1)
            ds_table_note(t, DS_NOTE_HEAD_ITEM, "the budget covers fiscal "
                          "year %-s; GDP is for calendar %d",
                          ds_year_label(any, yl, sizeof yl), s->year);
    } else {
        ds_table_note(t, DS_NOTE_HEAD, "Baseline: %-s", bl->label);
        if (lcu_side && strcmp(lcu, DS_CURRENCY_USD) != 0)
            ds_table_note(t, DS_NOTE_HEAD_ITEM, "%-s = %-s at %-s (%s)%-s",
                          ds_format_money(bl->usd, DS_CURRENCY_USD, a, sizeof a),
                          ds_format_money(bl->lcu, lcu, b, sizeof b),
                          ds_format_rate(bl->lcu_per_usd, lcu, c2,
                                         sizeof c2),
                          bl->rate_basis, sh);
        else
            ds_table_note(t, DS_NOTE_HEAD_ITEM, "%-s%-s",
                          ds_format_money(bl->usd, DS_CURRENCY_USD, a, sizeof a), sh);
    }
    if (bl->present) {
        ds_format_money(bl->usd, DS_CURRENCY_USD, a, sizeof a);
        if (lcu_side && isfinite(bl->lcu))
            ds_table_note(t, DS_NOTE_HEAD, "Comparisons: US$ columns against "
                          "%-s, %s columns against %-s", a, lcu,
                          ds_format_money(bl->lcu, lcu, b, sizeof b));
        else
            ds_table_note(t, DS_NOTE_HEAD, "Comparisons: US$ columns against "
                          "%-s", a);
        if (ds_scenario_one_rate_differs(s)) {
            ds_format_rate(s->gdp_lcu_per_usd, lcu, c2, sizeof c2);
            ds_table_note(t, DS_NOTE_HEAD, "One exchange rate: the %-s "
                          "baseline implies %-s but GDP converts at %-s; at "
                          "%-s for both the baseline is %-s (column \"x at "
                          "one rate\", equal to the %s ratio)", a,
                          ds_format_rate(bl->lcu_per_usd, lcu, b, sizeof b),
                          c2, c2,
                          ds_format_money(bl->usd_one_rate, DS_CURRENCY_USD, d,
                                          sizeof d),
                          lcu);
        }
    }
    if (lcu_side)
        ds_table_note(t, DS_NOTE_HEAD, "Prices: current; US$ figures are "
                      "shares of GDP in US$, %s figures shares of GDP in %s",
                      lcu, lcu);
    else
        ds_table_note(t, DS_NOTE_HEAD, "Prices: current US$ (shares of GDP "
                      "in US$)");
}

ds_status
ds_scenario_table(const ds_scenario *s, int usd, int lcu, ds_table **out,
                  ds_error *err)
{
    ds_table *t = ds_table_alloc();
    if (!t)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    const char *cur = s->lcu ? s->lcu : "";
    int want_lcu = lcu && s->gdp_lcu && s->gdp_lcu != s->gdp_usd;
    int base = s->baseline.present, one = ds_scenario_one_rate_differs(s);
    const unsigned D = DS_COL_SHOW_DATA, A = DS_COL_SHOW_ALL;
    const unsigned U = usd ? A : D, L = want_lcu ? A : D;
    const unsigned UB = usd && base ? A : D, LB = want_lcu && base ? A : D;
    char h[4][64];
    snprintf(h[0], sizeof h[0], "spend %s", cur);
    snprintf(h[1], sizeof h[1], "vs baseline %s", cur);
    snprintf(h[2], sizeof h[2], "x baseline %s", cur);
    snprintf(h[3], sizeof h[3], "per capita %s", cur);
    const ds_column cols[SC_N] = {
        {"country", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"year", NULL, NULL, DS_COL_YEAR, -1, 1, 0, 0, D, NULL},
        {"target_pct", "target % GDP", NULL, DS_COL_SHARE_PCT, -1, 2, 0, 0,
         A, NULL},
        {"gdp_usd", NULL, DS_CURRENCY_USD, DS_COL_MONEY, -1, 1, 0, 0, D, NULL},
        {"spend_usd", "spend US$", DS_CURRENCY_USD, DS_COL_MONEY, -1, 1, 0, 0, U, NULL},
        {"baseline_usd", NULL, DS_CURRENCY_USD, DS_COL_MONEY, -1, 1, 0, 0, D, NULL},
        {"diff_usd", "vs baseline US$", DS_CURRENCY_USD, DS_COL_MONEY, -1, 1, 0, 0, UB,
         NULL},
        {"ratio_to_baseline", "x baseline US$", NULL, DS_COL_NUMBER, -1, 1, 0,
         0, UB, NULL},
        {"ratio_one_rate_shown", "x at one rate", NULL, DS_COL_NUMBER, -1, 1,
         0, 0, usd && base && one ? DS_COL_SHOW_TEXT : DS_COL_HIDDEN, NULL},
        {"per_capita_usd", "per capita US$", DS_CURRENCY_USD, DS_COL_MONEY, -1, 1, 0, 0,
         U, NULL},
        {"currency_lcu", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"gdp_lcu", NULL, cur, DS_COL_MONEY, -1, 1, 0, 0, D, NULL},
        {"spend_lcu", h[0], cur, DS_COL_MONEY, -1, 1, 0, 0, L, NULL},
        {"baseline_lcu", NULL, cur, DS_COL_MONEY, -1, 1, 0, 0, D, NULL},
        {"diff_lcu", h[1], cur, DS_COL_MONEY, -1, 1, 0, 0, LB, NULL},
        {"ratio_to_baseline_lcu", h[2], NULL, DS_COL_NUMBER, -1, 1, 0, 0, LB,
         NULL},
        {"per_capita_lcu", h[3], cur, DS_COL_MONEY, -1, 1, 0, 0, L, NULL},
        {"lcu_per_usd", NULL, cur, DS_COL_RATE, -1, 1, 0, 0, D, NULL},
        {"population", NULL, NULL, DS_COL_NUMBER, -1, 1, 0, 0, D, NULL},
        {"price_basis", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"gdp_definition", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"gdp_source", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"gdp_vintage", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"baseline_label", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"baseline_source", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"baseline_vintage", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D, NULL},
        {"baseline_usd_one_rate", NULL, DS_CURRENCY_USD, DS_COL_MONEY, -1, 1, 0, 0, D,
         NULL},
        {"ratio_one_rate", NULL, NULL, DS_COL_NUMBER, -1, 1, 0, 0, D, NULL},
        {"baseline_share_pct", NULL, NULL, DS_COL_SHARE_PCT, -1, 1, 0, 0, D,
         NULL},
        {"baseline_share_basis", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D,
         NULL},
        {"actual_share_pct", NULL, NULL, DS_COL_SHARE_PCT, -1, 1, 0, 0, D,
         NULL},
        {"actual_share_year", NULL, NULL, DS_COL_YEAR, -1, 1, 0, 0, D, NULL},
        {"actual_share_definition", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D,
         NULL},
        {"actual_share_basis", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, D,
         NULL},
    };
    for (size_t k = 0; k < SC_N; k++)
        ds_table_add_column(t, &cols[k]);
    scenario_heading(t, s);
    const ds_baseline *b = &s->baseline;
    const ds_obs *bo = b->obs_lcu ? b->obs_lcu : b->obs_usd;
    for (size_t i = 0; i < s->n_rows; i++) {
        const ds_scenario_row *r = &s->rows[i];
        char tb[64];
        ds_table_add_row(t);
        ds_table_set_text(t, SC_COUNTRY, s->iso3);
        ds_table_set_int(t, SC_YEAR, s->year);
        ds_table_set_num(t, SC_TARGET, r->target_pct);
        ds__snprintf_c(tb, sizeof tb, "%g%%", r->target_pct);
        ds_table_set_shown(t, SC_TARGET, tb);
        ds_table_set_num(t, SC_GDP_USD, s->gdp_usd->value);
        ds_table_set_cite(t, SC_GDP_USD, s->gdp_usd);
        ds_table_set_num(t, SC_SPEND_USD, r->spend_usd);
        ds_table_set_cite(t, SC_SPEND_USD, s->gdp_usd);
        ds_table_set_num(t, SC_BASE_USD, b->present ? b->usd : NAN);
        set_signed(t, SC_DIFF_USD, r->diff_usd, DS_CURRENCY_USD);
        set_ratio(t, SC_RATIO, r->ratio_to_baseline);
        set_ratio(t, SC_ONE_RATE_SHOWN, r->ratio_one_rate);
        ds_table_set_num(t, SC_PC_USD, r->per_capita_usd);
        ds_table_set_cite(t, SC_PC_USD, s->population);
        ds_table_set_text(t, SC_CUR_LCU, cur);
        ds_table_set_num(t, SC_GDP_LCU, s->gdp_lcu ? s->gdp_lcu->value : NAN);
        ds_table_set_cite(t, SC_GDP_LCU, s->gdp_lcu);
        ds_table_set_num(t, SC_SPEND_LCU, r->spend_lcu);
        ds_table_set_cite(t, SC_SPEND_LCU, s->gdp_lcu);
        ds_table_set_num(t, SC_BASE_LCU, b->present ? b->lcu : NAN);
        set_signed(t, SC_DIFF_LCU, r->diff_lcu, cur);
        set_ratio(t, SC_RATIO_LCU, r->ratio_to_baseline_lcu);
        ds_table_set_num(t, SC_PC_LCU, r->per_capita_lcu);
        ds_table_set_num(t, SC_RATE, s->gdp_lcu_per_usd);
        ds_table_set_num(t, SC_POP,
                         s->population ? s->population->value : NAN);
        ds_table_set_cite(t, SC_POP, s->population);
        ds_table_set_text(t, SC_PRICE, "current");
        ds_table_set_text(t, SC_GDP_DEF, s->gdp_usd->definition);
        ds_table_set_text(t, SC_GDP_SRC, s->gdp_usd->source);
        ds_table_set_text(t, SC_GDP_VIN, s->gdp_usd->vintage);
        ds_table_set_text(t, SC_BASE_LABEL, b->present ? b->label : "");
        ds_table_set_text(t, SC_BASE_SRC, bo ? bo->source : "");
        ds_table_set_text(t, SC_BASE_VIN, bo ? bo->vintage : "");
        ds_table_set_num(t, SC_BASE_ONE_RATE,
                         b->present ? b->usd_one_rate : NAN);
        ds_table_set_num(t, SC_ONE_RATE, r->ratio_one_rate);
        ds_table_set_num(t, SC_BASE_SHARE, b->present ? b->share_pct : NAN);
        ds_table_set_text(t, SC_BASE_SHARE_BASIS,
                          b->present ? b->share_basis : "");
        ds_table_set_num(t, SC_ACT_SHARE, s->has_actual ? s->actual.pct : NAN);
        if (s->has_actual)
            ds_table_set_int(t, SC_ACT_YEAR, s->actual.year);
        ds_table_set_text(t, SC_ACT_DEF,
                          s->has_actual ? s->actual.definition : "");
        ds_table_set_text(t, SC_ACT_BASIS,
                          s->has_actual ? s->actual.basis : "");
    }
    return finish(t, out, err);
}

/* ---- projections ---- */

/* A data column of kind; returns its index. */
static size_t
data_col(ds_table *t, const char *name, ds_col_kind kind)
{
    ds_column c = {name, NULL, NULL, kind, -1, kind != DS_COL_TEXT, 0, 0,
                   DS_COL_SHOW_DATA, NULL};
    return ds_table_add_column(t, &c);
}

void
ds__table_set_dash(ds_table *t, size_t col, const char *s)
{
    ds_table_set_text(t, col, s);
    if (!s[0])
        ds_table_set_shown(t, col, "-");
}

void
ds__table_set_source_flags(ds_table *t, size_t col, const ds_obs *o)
{
    char fl[128];
    ds_flags_format(o->flags, fl, sizeof fl);
    ds_table_set_text(t, col, o->source);
    if (!o->flags)
        return;
    size_t need = strlen(o->source) + strlen(fl) + 4;
    char *sf = malloc(need);
    if (!sf) {
        t->oom = 1;
        return;
    }
    snprintf(sf, need, "%s [%s]", o->source, fl);
    ds_table_set_text(t, col, sf);
    free(sf);
}

const char *
ds__path_name(ds_spend_path p)
{
    return p == DS_PATH_LINEAR ? "linear" : p == DS_PATH_GROWTH ? "growth"
                                                                : "step";
}
#define path_name ds__path_name

ds_status
ds_project_table(const ds_projection *p, const ds_simulation *sim,
                 unsigned long seed, ds_table **out, ds_error *err)
{
    ds_table *t = ds_table_alloc();
    if (!t)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    static const char *const num[] = {
        "country", "target_pct", "year", "gdp_usd", "spend_usd", "share_pct",
        "extra_usd", "cumulative_extra_usd", "projected", "gdp_lcu",
        "spend_lcu", "extra_lcu", "cumulative_extra_lcu",
        "pv_cumulative_extra_usd", "pv_cumulative_extra_lcu", "deflator",
        "spend_lcu_const", "spend_usd_const", "cumulative_extra_usd_const",
        "price_base_year", "currency_lcu", "lcu_per_usd", "growth_pct",
        "path", "baseline_lcu", "baseline_usd", "discount_pct",
        "inflation_pct", "gdp_source", "gdp_definition", "gdp_vintage",
        "gdp_growth_pct", "fixed_by", "budget_lcu", "budget_source",
        "budget_vintage", "budget_flags", "decided_increase_usd",
        "decided_increase_lcu", "cumulative_decided_increase_usd",
        "cumulative_decided_increase_lcu", "growth_3y_pct", "growth_5y_pct",
        "growth_fit_pct", "forecast_growth_pct", "forecast_source",
        "forecast_vintage", "notes"};
    static const char *const text[] = {
        "country", "currency_lcu", "path", "gdp_source", "gdp_definition",
        "gdp_vintage", "fixed_by", "budget_source", "budget_vintage",
        "budget_flags", "forecast_source", "forecast_vintage", "notes",
        "plan"};
    static const char *const ints[] = {"year", "projected",
                                       "price_base_year", "draws", "seed"};
    static const char *const bn[] = {"p5", "p25", "p50", "p75", "p95"};
    static const char *const sets[] = {"spend_usd", "spend_lcu", "gdp_usd",
                                       "gdp_lcu"};
    char names[32][32];
    const char *cols[96];
    size_t nc = 0;
    for (size_t q = 0; q < sizeof num / sizeof *num; q++)
        cols[nc++] = num[q];
    if (sim) {
        size_t m = 0;
        for (size_t q = 0; q < 4; q++)
            for (int b = 0; b < 5; b++, m++) {
                snprintf(names[m], sizeof names[m], "%s_%s", sets[q], bn[b]);
                cols[nc++] = names[m];
            }
        static const char *const tail[] = {
            "draws", "seed", "growth_sd", "fx_sd", "needed_usd_p50",
            "needed_usd_p90", "needed_usd_p95", "needed_lcu_p50",
            "needed_lcu_p90", "needed_lcu_p95", "plan", "plan_spend_lcu",
            "p_plan_reaches"};
        for (size_t q = 0; q < sizeof tail / sizeof *tail; q++)
            cols[nc++] = tail[q];
    }
    for (size_t k = 0; k < nc; k++) {
        ds_col_kind kind = DS_COL_NUMBER;
        for (size_t q = 0; q < sizeof text / sizeof *text; q++)
            if (strcmp(cols[k], text[q]) == 0)
                kind = DS_COL_TEXT;
        for (size_t q = 0; q < sizeof ints / sizeof *ints; q++)
            if (strcmp(cols[k], ints[q]) == 0)
                kind = DS_COL_COUNT;
        data_col(t, cols[k], kind);
    }
    const ds_scenario *s = p->scenario;
    const char *lcu = p->lcu_only_usd ? DS_CURRENCY_USD : s->lcu;
    for (size_t k = 0; k < p->n_targets; k++)
        for (size_t i = 0; i < p->n_years; i++) {
            const ds_project_cell *c = ds_projection_cell(p, k, i);
            const ds_project_year *y = &p->years[i];
            const ds_obs *go = y->gdp_obs ? y->gdp_obs : s->gdp_usd;
            size_t j = 0;
            ds_table_add_row(t);
            ds_table_set_text(t, j++, s->iso3);
            ds_table_set_num(t, j++, p->targets_pct[k]);
            ds_table_set_int(t, j++, y->year);
            ds_table_set_num(t, j, y->gdp_usd);
            ds_table_set_cite(t, j++, go);
            double v[] = {c->spend_usd, c->share_pct, c->extra_usd,
                          c->cum_extra_usd};
            for (size_t q = 0; q < 4; q++)
                ds_table_set_num(t, j++, v[q]);
            ds_table_set_int(t, j++, y->projected);
            double w[] = {y->gdp_lcu,           c->spend_lcu,
                          c->extra_lcu,         c->cum_extra_lcu,
                          c->pv_cum_extra_usd,  c->pv_cum_extra_lcu,
                          y->deflator,          c->spend_lcu_const,
                          c->spend_usd_const,   c->cum_extra_usd_const};
            for (size_t q = 0; q < sizeof w / sizeof *w; q++)
                ds_table_set_num(t, j++, w[q]);
            ds_table_set_int(t, j++, p->price_base_year);
            ds_table_set_text(t, j++, lcu);
            ds_table_set_num(t, j++, p->lcu_per_usd);
            ds_table_set_num(t, j++, p->growth_pct);
            ds_table_set_text(t, j++, path_name(p->path));
            double x[] = {p->baseline_lcu, p->baseline_usd, p->discount_pct,
                          p->inflation_pct};
            for (size_t q = 0; q < 4; q++)
                ds_table_set_num(t, j++, x[q]);
            ds_table_set_text(t, j++, go->source);
            ds_table_set_text(t, j++, go->definition);
            ds_table_set_text(t, j++, go->vintage);
            ds_table_set_num(t, j++, y->gdp_growth_pct);
            ds_table_set_text(t, j++, i == 0           ? "baseline"
                                      : y->budget_obs ? "budget"
                                                      : "path");
            ds_table_set_num(t, j, y->budget_lcu);
            ds_table_set_cite(t, j++, y->budget_obs);
            const ds_obs *bo = y->budget_obs;
            ds_table_set_text(t, j++, bo ? bo->source : "");
            ds_table_set_text(t, j++, bo ? bo->vintage : "");
            char fl[160] = "";
            if (bo)
                ds_flags_format(bo->flags, fl, sizeof fl);
            if (y->supp_obs)
                snprintf(fl + strlen(fl), sizeof fl - strlen(fl),
                         "%s+supplementary", fl[0] ? ";" : "");
            ds_table_set_text(t, j++, fl);
            double dd[] = {c->decided_increase_usd, c->decided_increase_lcu,
                           c->cum_decided_increase_usd,
                           c->cum_decided_increase_lcu, p->recent[0].rate_pct,
                           p->recent[1].rate_pct,
                           p->has_fit ? p->fit.rate_pct : NAN,
                           p->forecast.present ? p->forecast.mean_pct : NAN};
            for (size_t q = 0; q < sizeof dd / sizeof *dd; q++)
                ds_table_set_num(t, j++, dd[q]);
            ds_table_set_text(t, j++,
                              p->forecast.present ? p->forecast.source : "");
            ds_table_set_text(t, j++,
                              p->forecast.present ? p->forecast.vintage : "");
            /* every note, joined: no fixed buffer */
            size_t len = 1;
            for (size_t q = 0; q < p->n_notes; q++)
                len += strlen(p->notes[q]) + 3;
            char *nt = malloc(len);
            if (!nt) {
                t->oom = 1;
            } else {
                nt[0] = '\0';
                for (size_t q = 0; q < p->n_notes; q++) {
                    if (q)
                        strcat(nt, " | ");
                    strcat(nt, p->notes[q]);
                }
                ds_table_set_text(t, j, nt);
                free(nt);
            }
            j++;
            if (!sim)
                continue;
            const ds_sim_year *sy = &sim->years[i];
            double bu[DS_SIM_NBANDS], bl[DS_SIM_NBANDS];
            ds_simulation_spend_bands(p, sim, k, i, bu, bl);
            for (int b = 0; b < 5; b++)
                ds_table_set_num(t, j++, bu[b]);
            for (int b = 0; b < 5; b++)
                ds_table_set_num(t, j++, bl[b]);
            for (int b = 0; b < 5; b++)
                ds_table_set_num(t, j++, sy->gdp_usd[b]);
            for (int b = 0; b < 5; b++)
                ds_table_set_num(t, j++, sy->gdp_lcu[b]);
            ds_table_set_int(t, j++, (long long)sim->n_draws);
            ds_table_set_int(t, j++, (long long)seed);
            ds_table_set_num(t, j++, sim->growth_sd);
            ds_table_set_num(t, j++, sim->fx_sd);
            const ds_sim_target *st = &sim->targets[k];
            for (int q = 0; q < DS_SIM_NPROB; q++)
                ds_table_set_num(t, j++, st->needed_usd[q]);
            for (int q = 0; q < DS_SIM_NPROB; q++)
                ds_table_set_num(t, j++, st->needed_lcu[q]);
            ds_table_set_text(t, j++, p->plan_basis);
            ds_table_set_num(t, j++, p->plan_spend_lcu);
            ds_table_set_num(t, j++, st->p_plan_reaches);
        }
    return finish(t, out, err);
}
