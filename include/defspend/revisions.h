/* defspend/revisions.h - how figures changed between releases.
 *
 * A figure is one country, indicator, definition, currency, price basis,
 * year basis and year; the store may hold it in several vintages.
 * ds_revisions_run lists, oldest vintage first, every vintage of every
 * figure that matches the spec, each with the change from the figure's
 * previous vintage.  One implementation for `defspend data revisions` and
 * the revisions chart.
 */
#ifndef DEFSPEND_REVISIONS_H
#define DEFSPEND_REVISIONS_H

#include <stddef.h>

#include "defspend/error.h"
#include "defspend/export.h"
#include "defspend/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ds_revisions_spec {
    const char *country;    /* ISO3, required */
    const char *indicator;  /* required */
    const char *definition; /* NULL: every definition */
    const char *currency;   /* NULL: every currency ("" matches none) */
    int year;               /* 0: every year */
} ds_revisions_spec;

typedef struct ds_revision {
    const ds_obs *obs;      /* this vintage of the figure (the store's) */
    const ds_obs *previous; /* the figure's previous vintage, or NULL */
    double change;          /* obs - previous; NaN without previous */
    double change_pct;      /* change / |previous| x 100; NaN without
                               previous or when previous is 0 */
} ds_revision;

typedef struct ds_revisions {
    /* sorted by definition, currency, price basis, year basis, year,
     * vintage: the vintages of one figure are consecutive, oldest first */
    ds_revision *rows;
    size_t n_rows;
    size_t n_figures; /* distinct figures among rows */
} ds_revisions;

DS_API ds_status ds_revisions_run(const ds_store *st,
                                  const ds_revisions_spec *spec,
                                  ds_revisions **out, ds_error *err);
/* The vintages of the figure that starts at row i: rows [i, i + n). */
DS_API size_t ds_revisions_figure_size(const ds_revisions *r, size_t i);
DS_API void ds_revisions_free(ds_revisions *r);

#ifdef __cplusplus
}
#endif

#endif
