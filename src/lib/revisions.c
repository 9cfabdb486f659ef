/* revisions.c - every vintage of every figure of a country and
 * indicator, with the change from the figure's previous vintage (see
 * defspend/revisions.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "defspend/revisions.h"
#include "internal.h"

static int
cmp_obs(const void *a, const void *b)
{
    const ds_obs *x = *(const ds_obs *const *)a, *y = *(const ds_obs *const *)b;
    int c = strcmp(x->definition, y->definition);
    if (!c) c = strcmp(x->currency, y->currency);
    if (!c) c = strcmp(x->price_basis, y->price_basis);
    if (!c) c = x->fy_start_month - y->fy_start_month;
    if (!c) c = (x->year > y->year) - (x->year < y->year);
    if (!c) c = strcmp(x->vintage, y->vintage);
    return c;
}

static int
same_figure(const ds_obs *x, const ds_obs *y)
{
    return strcmp(x->definition, y->definition) == 0 &&
           strcmp(x->currency, y->currency) == 0 &&
           strcmp(x->price_basis, y->price_basis) == 0 &&
           x->fy_start_month == y->fy_start_month && x->year == y->year;
}

ds_status
ds_revisions_run(const ds_store *st, const ds_revisions_spec *spec,
                 ds_revisions **out, ds_error *err)
{
    *out = NULL;
    size_t n = ds_store_count(st), k = 0;
    ds_revisions *r = calloc(1, sizeof *r);
    const ds_obs **v = malloc((n ? n : 1) * sizeof *v);
    if (!r || !v) {
        free(r);
        free(v);
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    }
    ds_store_iter it;
    const ds_obs *o;
    ds_store_iter_init(&it, st, spec->country, spec->indicator);
    while ((o = ds_store_iter_next(&it)) != NULL) {
        if ((!spec->definition ||
             strcmp(o->definition, spec->definition) == 0) &&
            (!spec->currency || strcmp(o->currency, spec->currency) == 0) &&
            (!spec->year || o->year == spec->year))
            v[k++] = o;
    }
    qsort(v, k, sizeof *v, cmp_obs);
    r->rows = calloc(k ? k : 1, sizeof *r->rows);
    if (!r->rows) {
        free(v);
        free(r);
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < k; i++) {
        ds_revision *w = &r->rows[i];
        w->obs = v[i];
        w->previous = i > 0 && same_figure(v[i - 1], v[i]) ? v[i - 1] : NULL;
        if (!w->previous)
            r->n_figures++;
        w->change = w->previous ? v[i]->value - w->previous->value : NAN;
        w->change_pct = w->previous && w->previous->value != 0
                            ? 100 * w->change / fabs(w->previous->value)
                            : NAN;
    }
    r->n_rows = k;
    free(v);
    *out = r;
    return DS_OK;
}

size_t
ds_revisions_figure_size(const ds_revisions *r, size_t i)
{
    size_t j = i + 1;
    while (j < r->n_rows && r->rows[j].previous)
        j++;
    return i < r->n_rows ? j - i : 0;
}

void
ds_revisions_free(ds_revisions *r)
{
    if (!r)
        return;
    free(r->rows);
    free(r);
}
