/* cmd_project.c - `defspend project`: year-by-year paths to target shares.
 *
 * With no options: Japan, from the latest year with GDP data to 2035
 * (NATO's horizon), targets 3.5% and 5%, GDP growth fitted to the last 10
 * years, spending moving linearly in share from the baseline of
 * `defspend scenarios` (the FY2024 MoD budget).  --simulate N adds Monte
 * Carlo bands with a fixed, printed seed.  Every assumption is printed in
 * the heading (table, md), as columns (csv) or in "assumptions" (json).
 *
 * This file is the usage text and the run: parse (cli_project_opts.c), one
 * ds_project_run (and ds_projection_simulate_threads), then a writer:
 * the library's ds_project_view_table (table, md: the heading and a
 * table per target, then the simulation's), ds_project_table (csv) and
 * ds_project_json (json).
 */
#include <stdio.h>
#include <string.h>

#include <gsl/gsl_rng.h>

#include "cli_project.h"
#include "cli_opts.h"

void
cli_project_help(FILE *f)
{
    fprintf(f,
"usage: defspend project [OPTIONS]\n"
"\n"
"Year-by-year path of GDP and defense spending to target shares of GDP.\n"
"With no options: Japan, latest year with GDP -> 2035, targets 3.5 and 5%%,\n"
"growth fitted to the last 10 years of GDP; the budgets already decided\n"
"after the baseline of `defspend scenarios` (FY2025, FY2026 draft) are the\n"
"first years, then a linear path in share to the target.\n"
"\n"
"options:\n"
"  --country C       ISO3 code or name (default JPN)\n"
"  --target PCT      a target share of GDP; repeat or give a list (3.5,5)\n"
"  --by YEAR         target year (default 2035)\n"
"  --from YEAR       start year (default: latest actual GDP in US$)\n"
"  --growth PCT      constant nominal GDP growth, %% a year (-20 to 50)\n"
"  --growth-fit N    growth fitted (log-linear, GSL) to the last N years\n"
"                    (default 10)\n"
"  --gdp-source S    fit, growth or weo: the growth rates of an imported\n"
"                    forecast (one vintage, e.g. IMF WEO) applied to the\n"
"                    actual start-year GDP, then --growth or the fit\n"
"  --supplementary   add supplementary budgets to the decided years\n"
"  --no-decided      ignore budgets already in the store (by default the\n"
"                    baseline series' later budgets, enacted or draft, are\n"
"                    the path's first years)\n"
"  --path P          linear (in share), growth (constant growth of\n"
"                    spending) or step (target from the first year)\n"
"  --baseline B      amount with unit (\"7.95tn JPY\", 56bn), DEFINITION:YEAR\n"
"                    (mod_budget:2025), 'data' or 'none' (as in scenarios)\n"
"  --source D        spending definition for the start share and 'data'\n"
"                    (wdi, sipri, nato, mod_budget ...; as in scenarios)\n"
"  --discount PCT    discount rate for present values of extra spending\n"
"  --inflation PCT   GDP deflator growth after the data (default: fitted)\n"
"  --price-base Y    constant prices of year Y (default: start year)\n"
"  --simulate N      Monte Carlo with N draws: bands and probabilities\n"
"  --seed S          random seed (default %lu; printed)\n"
"  --threads N       Monte Carlo threads (default 0: all cores; the\n"
"                    figures do not depend on it)\n"
"  --growth-mean PCT mean nominal GDP growth of the draws, %% a year\n"
"                    (default: the projection's growth)\n"
"  --growth-sd SD    sd of annual log GDP growth (default: history)\n"
"  --fx-sd SD        sd of annual log change of the rate; 'history' for\n"
"                    the fit window's (default 0: rate held)\n"
"  --plan P          the plan whose chance of reaching each target is\n"
"                    given: flat (the baseline held flat, default) or\n"
"                    enacted (the last decided budget extended at the\n"
"                    budgets' growth over the last 3 years)\n"
"  --plan-growth PCT the plan: the baseline growing PCT%% a year\n"
"  --format F        table, csv, json or md (default table)\n"
"  --output FILE     write to FILE atomically\n"
"  --data DIR        read the store in DIR\n"
"  --help            this help\n"
"\n"
"example: defspend project --target 3.5 --by 2030 --growth 2 --simulate "
"100000\n",
            CLI_PROJECT_DEFAULT_SEED);
}

int
cmd_project(int argc, char **argv)
{
    cli_project_opts o;
    int rc = cli_project_parse(argc, argv, &o);
    if (rc >= 0)
        return rc;
    ds_error err;
    ds_error_clear(&err);
    ds_store *store = cli_open_store(&o.common, &rc);
    if (!store)
        return rc;
    char iso3[16];
    if ((rc = cp_country(store, o.country, iso3, sizeof iso3)) != 0) {
        ds_store_free(store);
        return rc;
    }
    o.spec.country = iso3;
    ds_projection *p = NULL;
    ds_simulation *sim = NULL;
    gsl_rng *rng = NULL;
    cli_out out = {NULL, NULL, 0};
    if (ds_project_run(store, &o.spec, &p, &err) != DS_OK) {
        rc = cli_report(&err);
        goto done;
    }
    if (o.n_draws) {
        o.sim.n_draws = o.n_draws;
        rng = gsl_rng_alloc(gsl_rng_mt19937);
        if (!rng) {
            cli_error("out of memory");
            rc = EXIT_DATA;
            goto done;
        }
        gsl_rng_set(rng, o.seed);
        if (ds_projection_simulate_threads(p, &o.sim, o.threads, rng, &sim,
                                           &err) != DS_OK) {
            const char *sd = ds_sim_missing_sd(p, &o.sim);
            rc = cli_report(&err);
            if (err.code == DS_ENOTFOUND && sd && strcmp(sd, "fx_sd") == 0)
                cli_hint_rerun("to give the exchange rate's volatility",
                               "--fx-sd SD");
            else if (err.code == DS_ENOTFOUND && sd)
                cli_hint_rerun("to give the volatility of growth",
                               "--growth-sd SD");
            goto done;
        }
    }
    if (o.common.format == FMT_JSON) {
        rc = cli_write_json(ds_project_json(p, sim, o.seed,
                                            cli_data_dir(&o.common), &err),
                            &err, &o.common);
        goto done;
    }
    if (o.common.format == FMT_CSV) {
        ds_table *t = NULL;
        if (ds_project_table(p, sim, o.seed, &t, &err) == DS_OK)
            rc = cli_write_table(t, &o.common);
        else
            rc = cli_report(&err);
        ds_table_free(t);
        goto done;
    }
    /* table, md: the heading and one table per target, then the
     * simulation's, each followed by a blank line */
    if (!cli_out_open(&out)) {
        cli_error("out of memory");
        rc = EXIT_IO;
        goto done;
    }
    ds_table_format tf = cli_table_format(o.common.format);
    for (size_t k = 0; k < p->n_targets + (sim ? 1 : 0); k++) {
        ds_table *t = NULL;
        ds_status st = ds_project_view_table(
            p, sim, o.seed,
            k < p->n_targets ? DS_PROJECT_VIEW_TARGET
                             : DS_PROJECT_VIEW_SIMULATION,
            k, &t, &err);
        if (st == DS_OK) {
            /* the notes name options as the tool spells them */
            ds_table_set_option_prefix(t, "--");
            st = ds_table_write(t, tf, out.f, &err);
        }
        ds_table_free(t);
        if (st != DS_OK) {
            cli_out_discard(&out);
            rc = cli_report(&err);
            goto done;
        }
        fputc('\n', out.f);
    }
    rc = cli_out_finish(&out, &o.common);
done:
    gsl_rng_free(rng);
    ds_simulation_free(sim);
    ds_projection_free(p);
    ds_store_free(store);
    return rc;
}
