/* cli_project_json.c - `defspend project --format json`: the assumptions,
 * every observation used (with source and vintage) and each target's years;
 * NaN is null (missing, never zero).
 */
#include <jansson.h>
#include <stdio.h>

#include "cli_project.h"
#include "cli_json.h"

static json_t *
jbands(const double *v, double scale)
{
    json_t *a = json_array();
    for (int b = 0; b < 5; b++)
        cj_append(a, cp_jnum(v[b] * scale));
    return a;
}

static json_t *
jvec(const double *v)
{
    json_t *a = json_array();
    for (int q = 0; q < DS_SIM_NPROB; q++)
        cj_append(a, cp_jnum(v[q]));
    return a;
}

static const char *
path_name(ds_spend_path p)
{
    return p == DS_PATH_LINEAR ? "linear" : p == DS_PATH_GROWTH ? "growth"
                                                                : "step";
}

static const char *
plan_name(ds_plan_kind k)
{
    return k == DS_PLAN_FLAT ? "flat" : k == DS_PLAN_GROWTH ? "growth"
                                                            : "enacted";
}

int
cli_project_json(FILE *f, const ds_projection *p,
                 const ds_simulation *sim, unsigned long seed,
                 const char *data_dir)
{
    const ds_scenario *s = p->scenario;
    const char *lcu = p->lcu_only_usd ? DS_CURRENCY_USD : s->lcu;
    json_t *targets = json_array();
    for (size_t k = 0; k < p->n_targets; k++) {
        json_t *years = json_array();
        for (size_t i = 0; i < p->n_years; i++) {
            const ds_project_cell *c = ds_projection_cell(p, k, i);
            const ds_project_year *y = &p->years[i];
            json_t *o = cj_pack(
                "{s:i,s:b,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,"
                "s:o,s:o,s:o,s:o}",
                "year", y->year, "projected", y->projected, "gdp_usd",
                cp_jnum(y->gdp_usd), "gdp_lcu", cp_jnum(y->gdp_lcu),
                "share_pct", cp_jnum(c->share_pct), "spend_usd",
                cp_jnum(c->spend_usd), "spend_lcu", cp_jnum(c->spend_lcu),
                "extra_usd", cp_jnum(c->extra_usd), "extra_lcu",
                cp_jnum(c->extra_lcu), "cumulative_extra_usd",
                cp_jnum(c->cum_extra_usd), "cumulative_extra_lcu",
                cp_jnum(c->cum_extra_lcu), "pv_cumulative_extra_usd",
                cp_jnum(c->pv_cum_extra_usd), "pv_cumulative_extra_lcu",
                cp_jnum(c->pv_cum_extra_lcu), "deflator",
                cp_jnum(y->deflator), "spend_lcu_const",
                cp_jnum(c->spend_lcu_const), "spend_usd_const",
                cp_jnum(c->spend_usd_const), "cumulative_extra_usd_const",
                cp_jnum(c->cum_extra_usd_const), "gdp_projection",
                cp_jobs(y->gdp_obs));
            if (o) {
                cj_set(o, "gdp_growth_pct",
                                    cp_jnum(y->gdp_growth_pct));
                cj_set(o, "fixed_by",
                                    cj_string("fixed_by", i == 0 ? "baseline"
                                                : y->budget_obs ? "budget"
                                                                : "path"));
                cj_set(o, "budget_lcu", cp_jnum(y->budget_lcu));
                cj_set(o, "budget_observation",
                                    cp_jobs(y->budget_obs));
                cj_set(o, "supplementary_observation",
                                    cp_jobs(y->supp_obs));
                cj_set(o, "decided_increase_usd",
                                    cp_jnum(c->decided_increase_usd));
                cj_set(o, "decided_increase_lcu",
                                    cp_jnum(c->decided_increase_lcu));
                cj_set(o, "cumulative_decided_increase_usd",
                                    cp_jnum(c->cum_decided_increase_usd));
                cj_set(o, "cumulative_decided_increase_lcu",
                                    cp_jnum(c->cum_decided_increase_lcu));
            }
            if (sim && o) {
                const ds_sim_year *sy = &sim->years[i];
                double bu[DS_SIM_NBANDS], bl[DS_SIM_NBANDS];
                ds_simulation_spend_bands(p, sim, k, i, bu, bl);
                cj_set(o, "spend_usd_bands", jbands(bu, 1));
                cj_set(o, "spend_lcu_bands", jbands(bl, 1));
                cj_set(o, "gdp_usd_bands",
                                    jbands(sy->gdp_usd, 1));
                cj_set(o, "gdp_lcu_bands",
                                    jbands(sy->gdp_lcu, 1));
            }
            cj_append(years, o);
        }
        json_t *t = cj_pack("{s:o,s:o}", "target_pct",
                              cp_jnum(p->targets_pct[k]), "years", years);
        if (sim && t) {
            const ds_sim_target *st = &sim->targets[k];
            cj_set(
                t, "simulation",
                cj_pack("{s:[f,f,f],s:o,s:o,s:o,s:o,s:o}",
                          "needed_probabilities_pct", 50.0, 90.0, 95.0,
                          "needed_spend_usd", jvec(st->needed_usd),
                          "needed_spend_lcu", jvec(st->needed_lcu),
                          "p_plan_reaches_target",
                          cp_jnum(st->p_plan_reaches),
                          "cumulative_extra_usd_bands",
                          jbands(st->cum_extra_usd, 1),
                          "cumulative_extra_lcu_bands",
                          jbands(st->cum_extra_lcu, 1)));
        }
        cj_append(targets, t);
    }
    const ds_baseline *bl = &s->baseline;
    json_t *as = cj_pack(
        "{s:i,s:i,s:s,s:o,s:s,s:o,s:s,s:o,s:o,s:o,s:o,s:s,s:o,s:s,s:i,s:o,"
        "s:o,s:o}",
        "from_year", p->from_year, "by_year", p->by_year, "path",
        path_name(p->path), "growth_pct", cp_jnum(p->growth_pct),
        "growth_basis", p->growth_basis, "lcu_per_usd",
        cp_jnum(p->lcu_per_usd), "rate_basis", p->rate_basis, "baseline_lcu",
        cp_jnum(p->baseline_lcu), "baseline_usd", cp_jnum(p->baseline_usd),
        "baseline_share_pct", cp_jnum(p->baseline_share_pct),
        "discount_pct", cp_jnum(p->discount_pct), "baseline_label",
        bl->present ? bl->label : "none", "inflation_pct",
        cp_jnum(p->inflation_pct), "inflation_basis", p->inflation_basis,
        "price_base_year", p->price_base_year, "gdp_usd",
        cp_jobs(s->gdp_usd), "gdp_lcu",
        cp_jobs(p->lcu_only_usd ? NULL : s->gdp_lcu), "baseline_observation",
        cp_jobs(bl->obs_lcu ? bl->obs_lcu : bl->obs_usd));
    if (as && p->has_fit)
        cj_set(
            as, "growth_fit",
            cj_pack("{s:i,s:i,s:o,s:o,s:o,s:o}", "first_year",
                      p->fit.first_year, "last_year", p->fit.last_year,
                      "rate_pct", cp_jnum(p->fit.rate_pct), "se_pct",
                      cp_jnum(p->fit.se_pct), "log_growth_mean",
                      cp_jnum(p->fit.log_mean), "log_growth_sd",
                      cp_jnum(p->fit.log_sd)));
    if (as) {
        json_t *rg = json_array();
        for (int k = 0; k < 2; k++)
            cj_append(
                rg, cj_pack("{s:i,s:i,s:i,s:o}", "years", p->recent[k].years,
                              "first_year", p->recent[k].first_year,
                              "last_year", p->recent[k].last_year, "rate_pct",
                              cp_jnum(p->recent[k].rate_pct)));
        cj_set(as, "recent_growth", rg);
        const ds_gdp_forecast *fc = &p->forecast;
        cj_set(
            as, "gdp_forecast",
            fc->present
                ? cj_pack("{s:s,s:s,s:s,s:s,s:i,s:i,s:o,s:b,s:b,s:b}",
                            "source", fc->source, "definition",
                            fc->definition, "vintage", fc->vintage,
                            "currency", fc->currency, "first_year",
                            fc->first_year, "last_year", fc->last_year,
                            "mean_growth_pct", cp_jnum(fc->mean_pct), "used",
                            p->gdp_source == DS_GDP_PROJECTIONS,
                            "start_year_is_projection",
                            fc->start_is_projection, "predates_start",
                            fc->predates_start)
                : json_null());
        cj_set(as, "decided_basis",
                            cj_string("decided_basis", p->decided_basis));
        cj_set(as, "decided_years",
                            json_integer((json_int_t)p->n_decided));
        cj_set(as, "last_decided_year",
                            json_integer(p->last_decided_year));
        cj_set(
            as, "plan",
            cj_pack("{s:s,s:s,s:o,s:o,s:o}", "kind", plan_name(p->plan),
                      "basis", p->plan_basis, "growth_pct",
                      cp_jnum(p->plan_growth_pct), "spend_lcu",
                      cp_jnum(p->plan_spend_lcu), "spend_usd",
                      cp_jnum(p->plan_spend_usd)));
        json_t *nt = json_array();
        for (size_t q = 0; q < p->n_notes; q++)
            cj_append(nt, cj_string("notes", p->notes[q]));
        cj_set(as, "notes", nt);
    }
    if (as && sim)
        cj_set(
            as, "simulation",
            cj_pack("{s:I,s:I,s:s,s:o,s:o,s:s,s:o,s:s}", "draws",
                      (json_int_t)sim->n_draws, "seed", (json_int_t)seed,
                      "generator", sim->rng_name, "growth_log_mean",
                      cp_jnum(sim->growth_mu), "growth_log_sd",
                      cp_jnum(sim->growth_sd), "growth_sd_basis",
                      sim->growth_sd_basis, "fx_log_sd",
                      cp_jnum(sim->fx_sd), "fx_sd_basis", sim->fx_sd_basis));
    json_t *root = cj_pack("{s:s,s:s,s:{s:s,s:s,s:s},s:s,s:o,s:o}",
                             "defspend_version", DS_VERSION_STRING,
                             "data_dir", data_dir, "country", "iso3", s->iso3,
                             "name", s->name, "currency", lcu, "price_basis",
                             "current unless *_const", "assumptions",
                             as ? as : json_null(), "targets", targets);
    return cp_json_dump(f, root);
}
