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

static ds_status
finish(ds_table *t, ds_table **out, ds_error *err)
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
    if (c->n_rates > 3)
        ds_table_note(t, DS_NOTE_HEAD,
                      "... and %zu more rates of the same kind (see "
                      "--format json)",
                      c->n_rates - 3);
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
            !(o->currency[0] && strcmp(o->indicator, "fx") != 0))
            ds_table_set_shown(t, OB_VALUE,
                               ds_format_full(o->value, b, sizeof b));
        ds_table_set_text(t, OB_CURRENCY, o->currency);
        if (!o->currency[0])
            ds_table_set_shown(t, OB_CURRENCY, "-");
        ds_table_set_text(t, OB_PRICE, o->price_basis);
        if (!o->price_basis[0])
            ds_table_set_shown(t, OB_PRICE, "-");
        ds_table_set_text(t, OB_DEFINITION, o->definition);
        ds_table_set_text(t, OB_SOURCE, o->source);
        ds_table_set_text(t, OB_VINTAGE, o->vintage);
        ds_flags_format(o->flags, fl, sizeof fl);
        ds_table_set_text(t, OB_FLAGS, fl);
        ds_table_set_text(t, OB_SOURCE_FLAGS, o->source);
        if (o->flags) {
            size_t need = strlen(o->source) + strlen(fl) + 4;
            char *sf = malloc(need);
            if (!sf) {
                t->oom = 1;
            } else {
                snprintf(sf, need, "%s [%s]", o->source, fl);
                ds_table_set_text(t, OB_SOURCE_FLAGS, sf);
                free(sf);
            }
        }
    }
    return finish(t, out, err);
}

/* ---- the store's contents ---- */

static int
cmp_series(const void *a, const void *b)
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
    qsort(v, n, sizeof *v, cmp_series);
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
