/* defspend/sensitivity.h - a grid of projections: target share x nominal
 * GDP growth, or target share x exchange rate.
 *
 * For each target share and each column of the grid, the target-year
 * figures of the projection ds_project_run gives (spending, cumulative
 * extra over the baseline), in local currency and current US$.  Columns
 * of growth rates run one projection a column at that constant nominal
 * growth; columns of exchange rates (local currency per US$) run one
 * projection (growth as the spec says) and convert its local-currency
 * figures at each rate.  One implementation for `defspend sensitivity`,
 * its chart and the report.
 */
#ifndef DEFSPEND_SENSITIVITY_H
#define DEFSPEND_SENSITIVITY_H

#include <stddef.h>

#include "defspend/error.h"
#include "defspend/export.h"
#include "defspend/project.h"
#include "defspend/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ds_sensitivity_spec {
    /* country, years, targets, path, baseline, source; with by_rate also
     * the growth (gdp_source, growth_pct, fit_years); without, gdp_source
     * and growth_pct are replaced by each column's growth */
    ds_project_spec project;
    const double *xs; /* [nx] growth, % a year (> -100), or with by_rate
                         exchange rates, local currency per US$ (> 0) */
    size_t nx;
    int by_rate;
} ds_sensitivity_spec;

typedef struct ds_sensitivity {
    size_t nt, nx;
    int by_rate;
    double *targets_pct; /* [nt], a copy */
    double *xs;          /* [nx], a copy */
    /* target-year figures, [t * nx + x] */
    double *spend_usd, *spend_lcu, *cum_usd, *cum_lcu;
    /* the grid's first projection: country, years, rate, baseline and
     * sources of every cell */
    ds_projection *first;
} ds_sensitivity;

/* Run the grid.  DS_ENOTFOUND with by_rate when the country has no GDP in
 * local currency in the store; the projection's errors otherwise. */
DS_API ds_status ds_sensitivity_run(const ds_store *st,
                                    const ds_sensitivity_spec *spec,
                                    ds_sensitivity **out, ds_error *err);
DS_API void ds_sensitivity_free(ds_sensitivity *s);

#ifdef __cplusplus
}
#endif

#endif
