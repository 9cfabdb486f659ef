/* cmd_scenarios.c - `defspend scenarios`: the main job.
 *
 * For a country and year (default Japan, latest year with GDP): spending at
 * 1, 3, 3.5 and 5% of GDP in US$ and local currency against a baseline
 * (default: the FY2024 MoD budget, ¥7.95 tn ≈ $56 bn), with the sources,
 * vintages and exchange rates behind every figure.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_opts.h"
#include "cli_proj.h"

#define MAX_TARGETS 64

typedef enum { CUR_BOTH, CUR_USD, CUR_LCU } cur_mode;

static void
help(FILE *f)
{
    fprintf(f,
"usage: defspend scenarios [OPTIONS]\n"
"\n"
"Spending at shares of GDP in US$ and local currency against a baseline.\n"
"With no options: Japan, the latest year with GDP data, targets 1, 3, 3.5\n"
"and 5%%, baseline the FY2024 Ministry of Defense budget (7.95 tn yen,\n"
"about US$56 bn when approved).\n"
"\n"
"options:\n"
"  --country C      ISO3 code or name, any case (JPN, japan, \"Korea, Rep.\")\n"
"  --year Y         GDP year (default: latest with GDP in US$)\n"
"  --targets LIST   shares of GDP in percent (default 1,3,3.5,5), or\n"
"                   nato2035: NATO's 2035 target, 3.5%% core and 1.5%%\n"
"                   related, each against the current figure and its gap\n"
"  --baseline B     an amount with a unit or scale (56bn, 56e9, \"7.95tn JPY\",\n"
"                   \"$56 billion\"), a stored figure DEFINITION:YEAR\n"
"                   (mod_budget:2025, sipri:2024), 'data' (military\n"
"                   expenditure by --source that year, else its latest)\n"
"                   or 'none'\n"
"  --source D       spending definition for the actual share and 'data':\n"
"                   wdi, sipri, nato, mod_budget ... (default: the first\n"
"                   of wdi, sipri, nato, imf_weo, mod_budget with a figure)\n"
"  --currency C     USD, LCU or both (table and md; default both)\n"
"  --format F       table, csv, json or md (default table)\n"
"  --output FILE    write to FILE atomically instead of standard output\n"
"  --data DIR       read the store in DIR\n"
"  --help           this help\n"
"\n"
"example: defspend scenarios --country KOR --targets 2,3.5,5 --format csv\n");
}

/* ------------------------------------------------------------ command */

int
cmd_scenarios(int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_OPT_COUNTRY,
        {"year", required_argument, NULL, 'y'},
        {"targets", required_argument, NULL, 't'},
        {"baseline", required_argument, NULL, 'b'},
        CLI_OPT_SOURCE,
        {"currency", required_argument, NULL, 'u'},
        CLI_OPT_END};
    cli_common common = {NULL, NULL, FMT_TABLE};
    const char *country = "JPN", *baseline = NULL, *source = NULL;
    int year = 0;
    double targets[MAX_TARGETS] = {1, 3, 3.5, 5};
    size_t ntargets = 4;
    cur_mode cm = CUR_BOTH;
    int nato2035 = 0;
    ds_error err;
    ds_error_clear(&err);
    cli_options p;
    cli_options_init(&p, "scenarios", opts, &common, help);
    int c;
    while ((c = cli_options_next(&p, argc, argv)) != -1) {
        switch (c) {
        case 'c': country = optarg; break;
        case 'y':
            if (!cli_parse_year(optarg, &year))
                return EXIT_USAGE;
            break;
        case 't':
            if ((nato2035 = strcmp(optarg, "nato2035") == 0))
                break;
            if (ds_targets_parse(optarg, targets, MAX_TARGETS, &ntargets,
                                 &err) != DS_OK) {
                cli_error("--targets: %s", err.message);
                return EXIT_USAGE;
            }
            break;
        case 'b': baseline = optarg; break;
        case 's': source = optarg; break;
        case 'u':
            if (strcmp(optarg, "USD") == 0 || strcmp(optarg, "usd") == 0) cm = CUR_USD;
            else if (strcmp(optarg, "LCU") == 0 || strcmp(optarg, "lcu") == 0) cm = CUR_LCU;
            else if (strcmp(optarg, "both") == 0) cm = CUR_BOTH;
            else {
                cli_error("invalid currency '%s' (expected USD, LCU or both)",
                          optarg);
                return EXIT_USAGE;
            }
            break;
        case CLI_OPT_STOP: return p.rc;
        }
    }

    ds_scenario_spec spec;
    ds_scenario_spec_init(&spec);
    spec.year = (int)year;
    spec.targets_pct = targets;
    spec.n_targets = ntargets;
    ds_baseline_choice bc;
    if (!cli_parse_baseline(baseline, &bc))
        return EXIT_USAGE;
    ds_scenario_spec_set_baseline(&spec, &bc);
    spec.source = source;

    int rc;
    ds_store *store = cli_open_store(&common, &rc);
    if (!store)
        return rc;
    char iso3[17];
    if ((rc = cli_country(store, country, iso3, sizeof iso3)) != 0) {
        ds_store_free(store);
        return rc;
    }
    spec.country = iso3;
    if (nato2035) {
        /* NATO 2035: its own result, through the shared table writers */
        ds_nato2035 *n = NULL;
        ds_table *t = NULL;
        cli_out out;
        if (baseline)
            cli_error("--baseline does not apply to --targets nato2035");
        if (baseline)
            rc = EXIT_USAGE;
        else if (ds_nato2035_run(store, iso3, spec.year, source, &n, &err) !=
                     DS_OK ||
                 ds_nato2035_table(n, &t, &err) != DS_OK)
            rc = cli_report(&err);
        else if (!cli_out_open(&out))
            rc = EXIT_IO;
        else if (ds_table_write(t, cli_table_format(common.format), out.f,
                                &err) != DS_OK) {
            cli_out_discard(&out);
            rc = cli_report(&err);
        } else
            rc = cli_out_finish(&out, &common);
        ds_table_free(t);
        ds_nato2035_free(n);
        ds_store_free(store);
        return rc;
    }

    ds_scenario *s = NULL;
    if (ds_scenario_run(store, &spec, &s, &err) != DS_OK) {
        rc = cli_report(&err);
        ds_store_free(store);
        return rc;
    }
    if (cm == CUR_LCU && (!s->gdp_lcu || s->gdp_lcu == s->gdp_usd) &&
        (common.format == FMT_TABLE || common.format == FMT_MD)) {
        if (s->gdp_lcu)
            cli_error("--currency LCU: %s's local currency is the US dollar; "
                      "use --currency USD", s->iso3);
        else
            cli_error("--currency LCU: no GDP in local currency for %s in %d "
                      "in the store (use --currency USD)", s->iso3, s->year);
        ds_scenario_free(s);
        ds_store_free(store);
        return EXIT_DATA;
    }
    if (common.format == FMT_JSON) {
        rc = cli_write_json(ds_scenario_json(s, cli_data_dir(&common), &err),
                            &err, &common);
        ds_scenario_free(s);
        ds_store_free(store);
        return rc;
    }
    cli_out out;
    if (!cli_out_open(&out)) {
        cli_error("out of memory");
        ds_scenario_free(s);
        ds_store_free(store);
        return EXIT_IO;
    }
    ds_table *t = NULL;
    if (ds_scenario_table(s, cm != CUR_LCU, cm != CUR_USD, &t, &err) !=
            DS_OK ||
        ds_table_write(t, cli_table_format(common.format), out.f, &err) !=
            DS_OK) {
        ds_table_free(t);
        cli_out_discard(&out);
        ds_scenario_free(s);
        ds_store_free(store);
        return cli_report(&err);
    }
    ds_table_free(t);
    rc = cli_out_finish(&out, &common);
    ds_scenario_free(s);
    ds_store_free(store);
    return rc;
}
