/* cmd_sensitivity.c - `defspend sensitivity`: target share x growth grid.
 *
 * For each target share and each nominal GDP growth rate (or each exchange
 * rate): spending in the target year and the cumulative extra over the
 * baseline, from the same projection as `defspend project`.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_opts.h"
#include "cli_proj.h"

#define MAXN 32

static void
help(FILE *f)
{
    fputs(
"usage: defspend sensitivity [OPTIONS]\n"
"\n"
"A grid of target share x nominal GDP growth (or x exchange rate): spending\n"
"in the target year and cumulative extra spending over the baseline.\n"
"\n"
"options:\n"
"  --country C      ISO3 code or name (default JPN)\n"
"  --targets LIST   target shares in percent (default 2,3.5,5)\n"
"  --growths LIST   nominal GDP growth rates, % a year (default\n"
"                   -1,0,1,2,3,4)\n"
"  --rates LIST     exchange rates (local currency per US$) instead of\n"
"                   growth rates; growth is then fitted (or --growth)\n"
"  --growth PCT     growth for the --rates grid (default: fit, 10 years)\n"
"  --by YEAR        target year (default 2035)\n"
"  --from YEAR      start year (default: latest actual GDP in US$)\n"
"  --path P         linear, growth or step (default linear)\n"
"  --baseline B     amount, 'data' or 'none' (default as in scenarios)\n"
"  --format F       table, csv, json or md (default table)\n"
"  --output FILE    write to FILE atomically\n"
"  --data DIR       read the store in DIR\n"
"  --help           this help\n"
"\n"
"example: defspend sensitivity --targets 3.5,5 --growths 0,1,2,3\n",
        f);
}

int
cmd_sensitivity(int argc, char **argv)
{
    static const struct option lo[] = {
        CLI_OPT_COUNTRY,
        {"targets", required_argument, NULL, 't'},
        {"growths", required_argument, NULL, 'g'},
        {"rates", required_argument, NULL, 'r'},
        {"growth", required_argument, NULL, 'G'},
        {"by", required_argument, NULL, 'B'},
        {"from", required_argument, NULL, 'F'},
        {"path", required_argument, NULL, 'p'},
        {"baseline", required_argument, NULL, 'b'},
        CLI_OPT_END};
    cli_common common = {NULL, NULL, FMT_TABLE};
    const char *country = "JPN", *baseline = NULL;
    double targets[MAXN] = {2, 3.5, 5}, xs[MAXN] = {-1, 0, 1, 2, 3, 4};
    size_t nt = 3, nx = 6;
    int by_rate = 0;
    double growth = NAN;
    ds_project_spec spec;
    ds_project_spec_init(&spec);
    spec.by_year = 2035;
    spec.fit_years = 10;
    ds_error err;
    ds_error_clear(&err);
    cli_options po;
    cli_options_init(&po, "sensitivity", lo, &common, help);
    int c;
    while ((c = cli_options_next(&po, argc, argv)) != -1) {
        switch (c) {
        case 'c': country = optarg; break;
        case 't':
            if (ds_targets_parse(optarg, targets, MAXN, &nt, &err) != DS_OK) {
                cli_error("--targets: %s", err.message);
                return EXIT_USAGE;
            }
            break;
        case 'g':
            if (!cp_number_list("--growths", optarg, xs, MAXN, &nx))
                return EXIT_USAGE;
            by_rate = 0;
            break;
        case 'r':
            if (!cp_number_list("--rates", optarg, xs, MAXN, &nx))
                return EXIT_USAGE;
            for (size_t i = 0; i < nx; i++)
                if (!(xs[i] > 0)) {
                    cli_error("--rates: rates must be positive");
                    return EXIT_USAGE;
                }
            by_rate = 1;
            break;
        case 'G':
            if (!cp_number("--growth", optarg, &growth))
                return EXIT_USAGE;
            break;
        case 'B':
        case 'F':
        case 'p':
            if (cp_spec_opt(c, optarg, &spec))
                return EXIT_USAGE;
            break;
        case 'b': baseline = optarg; break;
        case CLI_OPT_STOP: return po.rc;
        }
    }
    for (size_t i = 0; i < nx && !by_rate; i++)
        if (!(xs[i] > -100)) {
            cli_error("--growths: growth must be above -100");
            return EXIT_USAGE;
        }
    ds_baseline_choice bc;
    if (!cli_parse_baseline(baseline, &bc))
        return EXIT_USAGE;
    ds_project_spec_set_baseline(&spec, &bc);
    spec.targets_pct = targets;
    spec.n_targets = nt;

    int rc;
    ds_store *store = cli_open_store(&common, &rc);
    if (!store)
        return rc;
    char iso3[16];
    ds_sensitivity *g = NULL;
    if ((rc = cp_country(store, country, iso3, sizeof iso3)) != 0)
        goto done;
    spec.country = iso3;
    spec.gdp_source = isfinite(growth) ? DS_GDP_GROWTH : DS_GDP_FIT;
    spec.growth_pct = growth;
    ds_sensitivity_spec ss = {spec, xs, nx, by_rate};
    if (ds_sensitivity_run(store, &ss, &g, &err) != DS_OK) {
        if (by_rate && err.code == DS_ENOTFOUND &&
            strstr(err.message, "no GDP in local currency")) {
            cli_error("--rates: %s", err.message);
            rc = EXIT_DATA;
        } else {
            rc = cli_report(&err);
        }
        goto done;
    }
    if (common.format == FMT_JSON) {
        rc = cli_write_json(ds_sensitivity_json(g, &err), &err, &common);
    } else if (common.format == FMT_CSV) {
        ds_table *t = NULL;
        if (ds_sensitivity_table(g, DS_SENS_CELLS, &t, &err) != DS_OK)
            rc = cli_report(&err);
        else
            rc = cli_write_table(t, &common);
        ds_table_free(t);
    } else {
        ds_table *t[2] = {NULL, NULL};
        if (ds_sensitivity_table(g, DS_SENS_SPEND, &t[0], &err) != DS_OK ||
            ds_sensitivity_table(g, DS_SENS_CUMULATIVE, &t[1], &err) != DS_OK)
            rc = cli_report(&err);
        else
            rc = cli_write_tables((const ds_table *const *)t, 2, &common);
        ds_table_free(t[0]);
        ds_table_free(t[1]);
    }
done:
    ds_sensitivity_free(g);
    ds_store_free(store);
    return rc;
}
