/* cmd_bridge.c - `defspend bridge`: what counts as defense spending.
 *
 * For a country and fiscal year (default Japan, the latest fiscal year
 * with the government's security-related total): the steps from the MoD
 * budget excluding SACO/US realignment to the security-related total, in
 * local currency and as shares of calendar-year GDP and of the GDP the
 * government's own target uses, with SIPRI's, NATO's and the World Bank's
 * shares beside them (ds_bridge_run, ds_bridge_table).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_opts.h"

static void
help(FILE *f)
{
    fprintf(f,
"usage: defspend bridge [OPTIONS]\n"
"\n"
"What counts as defense spending: from the MoD budget excluding SACO/US\n"
"realignment, + SACO/realignment, + the supplementary budget, + other\n"
"ministries' security-related items (Coast Guard, PKO, research, public\n"
"infrastructure, cyber) to the government's security-related total, each\n"
"in local currency and as a share of calendar-year GDP and of FY2022 GDP\n"
"(the base of Japan's own 2%% target), with SIPRI's, NATO's and the World\n"
"Bank's shares beside it.  A step without a sourced figure is n/a.\n"
"\n"
"options:\n"
"  --country C      ISO3 code or name (default JPN; the store holds the\n"
"                   budget definitions for Japan only)\n"
"  --year Y         fiscal year (label year; default: the latest with the\n"
"                   security-related total)\n"
"  --format F       table, csv, json or md (default table)\n"
"  --output FILE    write to FILE atomically instead of standard output\n"
"  --data DIR       read the store in DIR\n"
"  --help           this help\n"
"\n"
"example: defspend bridge --country Japan --year 2024\n");
}

int
cmd_bridge(int argc, char **argv)
{
    static const struct option opts[] = {
        CLI_OPT_COUNTRY,
        {"year", required_argument, NULL, 'y'},
        CLI_OPT_FORMAT, CLI_OPT_OUTPUT, CLI_OPT_DATA, CLI_OPT_HELP,
        CLI_OPT_END};
    cli_common common = {NULL, NULL, FMT_TABLE};
    const char *country = "JPN";
    int year = 0;
    ds_error err;
    ds_error_clear(&err);
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        int k = cli_common_opt(c, optarg, &common, 1);
        if (k < 0)
            return EXIT_USAGE;
        if (k > 0)
            continue;
        switch (c) {
        case 'c': country = optarg; break;
        case 'y':
            if (!cli_parse_year(optarg, &year))
                return EXIT_USAGE;
            break;
        case 'h': help(stdout); return EXIT_OK;
        default:
            return cli_option_error(c, argv, "bridge", opts);
        }
    }
    if (optind < argc) {
        cli_error("unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    int rc;
    ds_store *store = cli_open_store(&common, &rc);
    if (!store)
        return rc;
    char iso3[17];
    if ((rc = cli_country(store, country, iso3, sizeof iso3)) != 0) {
        ds_store_free(store);
        return rc;
    }
    ds_bridge *b = NULL;
    ds_table *t = NULL;
    cli_out out;
    if (ds_bridge_run(store, iso3, (int)year, &b, &err) != DS_OK ||
        ds_bridge_table(b, &t, &err) != DS_OK) {
        rc = cli_report(&err);
        goto done;
    }
    if (!cli_out_open(&out)) {
        cli_error("out of memory");
        rc = EXIT_IO;
        goto done;
    }
    if (ds_table_write(t, cli_table_format(common.format), out.f, &err) !=
        DS_OK) {
        cli_out_discard(&out);
        rc = cli_report(&err);
        goto done;
    }
    rc = cli_out_finish(&out, &common);
done:
    ds_table_free(t);
    ds_bridge_free(b);
    ds_store_free(store);
    return rc;
}
