/* import_check.c - sources layer: the plausibility checks of a batch.
 *
 * Every figure of a batch is checked against its own series and against
 * the store's figure for the same series and year in another vintage;
 * what fails is reported (ds_import_summary.checks) and flagged suspect,
 * never dropped or changed.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_batch.h"
#include "loader_util.h"

/* ---------------------------------------------------- plausibility */

/* Same series (country, indicator, currency, prices, definition, year
 * basis), any year and vintage. */
static int
cmp_series(const ds_obs *x, const ds_obs *y)
{
    int c = ds__icmp(x->country, y->country);
    if (!c) c = ds__icmp(x->indicator, y->indicator);
    if (!c) c = ds__icmp(x->currency, y->currency);
    if (!c) c = ds__icmp(x->price_basis, y->price_basis);
    if (!c) c = ds__icmp(x->definition, y->definition);
    if (!c) c = x->fy_start_month - y->fy_start_month;
    return c;
}

static int
cmp_series_year(const void *a, const void *b)
{
    const ds_obs *x = *(const ds_obs *const *)a, *y = *(const ds_obs *const *)b;
    int c = cmp_series(x, y);
    if (!c) c = ds__icmp(x->vintage, y->vintage);
    if (!c) c = (x->year > y->year) - (x->year < y->year);
    return c;
}

static int
same_series(const ds_obs *x, const ds_obs *y)
{
    return ds__icmp(x->country, y->country) == 0 &&
           ds__icmp(x->indicator, y->indicator) == 0 &&
           ds__icmp(x->currency, y->currency) == 0 &&
           ds__icmp(x->price_basis, y->price_basis) == 0 &&
           ds__icmp(x->definition, y->definition) == 0 &&
           x->fy_start_month == y->fy_start_month &&
           ds__icmp(x->vintage, y->vintage) == 0;
}

static ds_status
flag(ds_import *imp, ds_obs *o, const char *msg, ds_error *err)
{
    ds_import_check *c = ds__vec_push(&imp->checks);
    if (!c || !(c->message = ds__import_intern(imp, msg)))
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    o->flags |= DS_FLAG_SUSPECT;
    c->obs = o;
    return DS_OK;
}

/* Same series and year, any vintage. */
static int
cmp_figure(const ds_obs *x, const ds_obs *y)
{
    int c = cmp_series(x, y);
    if (!c) c = (x->year > y->year) - (x->year < y->year);
    return c;
}

static int
cmp_figure_vintage(const void *a, const void *b)
{
    const ds_obs *x = *(const ds_obs *const *)a, *y = *(const ds_obs *const *)b;
    int c = cmp_figure(x, y);
    return c ? c : ds__icmp(x->vintage, y->vintage);
}

/* The store's figure for o's series and year in another vintage: the
 * newest one older than o's, else the newest newer one; NULL if none.
 * old is sorted by cmp_figure_vintage. */
static const ds_obs *
stored_figure(ds_obs *const *old, size_t n, const ds_obs *o)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cmp_figure(old[mid], o) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    const ds_obs *older = NULL, *newer = NULL;
    for (; lo < n && cmp_figure(old[lo], o) == 0; lo++) {
        int c = ds__icmp(old[lo]->vintage, o->vintage);
        if (c < 0)
            older = old[lo]; /* ascending: the last is the newest */
        else if (c > 0 && !newer)
            newer = old[lo];
    }
    return older ? older : newer;
}

/* 1: x is at least 1000 times every y; -1: at most 1/1000 of every y;
 * 0 otherwise (or when a figure is zero or missing). */
static int
scale_jump(double x, const double *y, size_t n)
{
    int big = 1, small = 1;
    x = fabs(x);
    for (size_t k = 0; k < n; k++) {
        double v = fabs(y[k]);
        if (!(v > 0) || !(x >= 1000 * v))
            big = 0;
        if (!(x > 0) || !(v >= 1000 * x))
            small = 0;
    }
    return big ? 1 : small ? -1 : 0;
}

/* Flag (never drop) implausible figures: a share outside 0-100%, a
 * non-positive GDP, population or rate, negative spending, and a value at
 * least 1000 times (or at most 1/1000 of) the figures around it (the scale
 * errors SIPRI has published): inside a series both its nearest
 * neighbours; at either end of a series (the newest year is the one
 * `scenarios` uses) the two nearest years on its one side; and in every
 * case the store's own figure for the same series and year in another
 * vintage.  The message says which comparison failed. */
ds_status
ds__import_check(ds_import *imp, ds_error *err)
{
    ds_store *b = imp->batch;
    ds_status st = DS_OK;
    char msg[512], v1[40], v2[40], v3[40];
    /* the indicator's rules, looked up again only when it changes (the
     * batch's strings are interned: a row's years share one pointer) */
    const char *ind = NULL;
    ds_sign_rule sign = DS_SIGN_ANY;
    int pct = 0;
    for (size_t i = 0; i < b->n && st == DS_OK; i++) {
        ds_obs *o = &b->obs[i];
        if (o->indicator != ind) {
            ind = o->indicator;
            sign = ds_indicator_sign(ind);
            pct = ds_indicator_is_percent(ind);
        }
        if (pct &&
            (o->value > 100 || o->value < 0)) {
            snprintf(msg, sizeof msg, "%s %s %d: %s %s%% is outside 0-100%%",
                     o->country, o->indicator, o->year,
                     o->indicator, ds_format_full(o->value, v1, sizeof v1));
            st = flag(imp, o, msg, err);
        } else if ((sign == DS_SIGN_POSITIVE && !(o->value > 0)) ||
                   (sign == DS_SIGN_NONNEG && o->value < 0)) {
            snprintf(msg, sizeof msg, "%s %s %d: %s is %s",
                     o->country, o->indicator, o->year,
                     ds_format_full(o->value, v1, sizeof v1),
                     o->value < 0 ? "negative" : "not positive");
            st = flag(imp, o, msg, err);
        }
    }
    if (st != DS_OK || b->n == 0)
        return st;
    ds_obs **v = malloc(b->n * sizeof *v);
    size_t nold = imp->old ? imp->old->n : 0;
    ds_obs **old = malloc((nold ? nold : 1) * sizeof *old);
    if (!v || !old) {
        free(v);
        free(old);
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    }
    for (size_t i = 0; i < b->n; i++)
        v[i] = &b->obs[i];
    qsort(v, b->n, sizeof *v, cmp_series_year);
    for (size_t i = 0; i < nold; i++)
        old[i] = &imp->old->obs[i];
    qsort(old, nold, sizeof *old, cmp_figure_vintage);
    for (size_t i = 0; i < b->n && st == DS_OK; i++) {
        const ds_obs *o = v[i];
        const ds_obs *prev = i > 0 && same_series(v[i - 1], o) ? v[i - 1]
                                                               : NULL;
        const ds_obs *next = i + 1 < b->n && same_series(v[i + 1], o)
                                 ? v[i + 1]
                                 : NULL;
        const ds_obs *prev2 = prev && i > 1 && same_series(v[i - 2], o)
                                  ? v[i - 2]
                                  : NULL;
        const ds_obs *next2 = next && i + 2 < b->n &&
                                      same_series(v[i + 2], o)
                                  ? v[i + 2]
                                  : NULL;
        size_t o_len = 0;
        msg[0] = '\0';
        /* the figures around it in this file */
        const ds_obs *nb[2] = {NULL, NULL};
        const char *where = "";
        if (prev && next) {
            nb[0] = prev;
            nb[1] = next;
            where = "its neighbours";
        } else if (prev2) {
            nb[0] = prev2;
            nb[1] = prev;
            where = "the two years before it, at the end of the series";
        } else if (next2) {
            nb[0] = next;
            nb[1] = next2;
            where = "the two years after it, at the start of the series";
        }
        if (nb[0]) {
            double y[2] = {nb[0]->value, nb[1]->value};
            int j = scale_jump(o->value, y, 2);
            if (j && prev && next)
                o_len = (size_t)snprintf(
                    msg, sizeof msg,
                    "%s %s %d: %s is %s 1000 times its neighbours (%s, %s)",
                    o->country, o->indicator, o->year,
                    ds_format_full(o->value, v1, sizeof v1),
                    j > 0 ? "over" : "under 1/",
                    ds_format_full(prev->value, v2, sizeof v2),
                    ds_format_full(next->value, v3, sizeof v3));
            else if (j)
                o_len = (size_t)snprintf(
                    msg, sizeof msg, "%s %s %d: %s is %s 1000 times %s (%d: "
                                     "%s, %d: %s)",
                    o->country, o->indicator, o->year,
                    ds_format_full(o->value, v1, sizeof v1),
                    j > 0 ? "over" : "under 1/", where, nb[0]->year,
                    ds_format_full(nb[0]->value, v2, sizeof v2), nb[1]->year,
                    ds_format_full(nb[1]->value, v3, sizeof v3));
        }
        /* the store's own figure for that year (another vintage) */
        const ds_obs *s = stored_figure(old, nold, o);
        int js = s ? scale_jump(o->value, &s->value, 1) : 0;
        if (js && o_len < sizeof msg) {
            if (o_len)
                snprintf(msg + o_len, sizeof msg - o_len,
                         "; and %s 1000 times the figure the store holds for "
                         "%d (vintage %s: %s)",
                         js > 0 ? "over" : "under 1/", s->year, s->vintage,
                         ds_format_full(s->value, v3, sizeof v3));
            else
                snprintf(msg, sizeof msg,
                         "%s %s %d: %s is %s 1000 times the figure the store "
                         "holds for %d (vintage %s: %s)",
                         o->country, o->indicator, o->year,
                         ds_format_full(o->value, v1, sizeof v1),
                         js > 0 ? "over" : "under 1/", s->year, s->vintage,
                         ds_format_full(s->value, v3, sizeof v3));
        }
        if (msg[0])
            st = flag(imp, v[i], msg, err);
    }
    free(v);
    free(old);
    return st;
}
