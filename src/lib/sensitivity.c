/* sensitivity.c - a grid of projections: target share x growth or x
 * exchange rate (see defspend/sensitivity.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "defspend/sensitivity.h"
#include "internal.h"

ds_status
ds_sensitivity_run(const ds_store *st, const ds_sensitivity_spec *spec,
                   ds_sensitivity **out, ds_error *err)
{
    *out = NULL;
    size_t nt = spec->project.n_targets, nx = spec->nx;
    ds_sensitivity *g = calloc(1, sizeof *g);
    if (!g)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    g->nt = nt;
    g->nx = nx;
    g->by_rate = spec->by_rate;
    g->spend_usd = calloc(4 * nt * nx + 1, sizeof *g->spend_usd);
    g->targets_pct = calloc(nt + nx + 1, sizeof *g->targets_pct);
    if (!g->spend_usd || !g->targets_pct) {
        ds_sensitivity_free(g);
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    }
    g->spend_lcu = g->spend_usd + nt * nx;
    g->cum_usd = g->spend_lcu + nt * nx;
    g->cum_lcu = g->cum_usd + nt * nx;
    g->xs = g->targets_pct + nt;
    if (nt)
        memcpy(g->targets_pct, spec->project.targets_pct,
               nt * sizeof *g->targets_pct);
    if (nx)
        memcpy(g->xs, spec->xs, nx * sizeof *g->xs);
    ds_project_spec sp = spec->project;
    if (!spec->by_rate)
        sp.gdp_source = DS_GDP_GROWTH;
    ds_status s = DS_OK;
    /* growth columns: a projection each; rate columns: one projection,
     * its local-currency figures at each rate */
    for (size_t x = 0; x < (spec->by_rate ? 1 : nx) && s == DS_OK; x++) {
        ds_projection *pr = NULL;
        if (!spec->by_rate)
            sp.growth_pct = spec->xs[x];
        if ((s = ds_project_run(st, &sp, &pr, err)) != DS_OK)
            break;
        if (spec->by_rate && pr->lcu_only_usd) {
            s = ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                              "%s has no GDP in local currency in the store",
                              pr->scenario->iso3);
            ds_projection_free(pr);
            break;
        }
        for (size_t t = 0; t < nt; t++) {
            const ds_project_cell *c =
                ds_projection_cell(pr, t, pr->n_years - 1);
            for (size_t j = spec->by_rate ? 0 : x;
                 j < (spec->by_rate ? nx : x + 1); j++) {
                size_t i = t * nx + j;
                g->spend_lcu[i] = c->spend_lcu;
                g->cum_lcu[i] = c->cum_extra_lcu;
                g->spend_usd[i] = spec->by_rate ? c->spend_lcu / spec->xs[j]
                                                : c->spend_usd;
                g->cum_usd[i] = spec->by_rate
                                    ? c->cum_extra_lcu / spec->xs[j]
                                    : c->cum_extra_usd;
            }
        }
        if (!g->first)
            g->first = pr;
        else
            ds_projection_free(pr);
    }
    if (s != DS_OK) {
        ds_sensitivity_free(g);
        return s;
    }
    *out = g;
    return DS_OK;
}

void
ds_sensitivity_free(ds_sensitivity *g)
{
    if (!g)
        return;
    ds_projection_free(g->first);
    free(g->spend_usd);
    free(g->targets_pct);
    free(g);
}
