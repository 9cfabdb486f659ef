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
        CLI_OPT_END};
    cli_common common = {NULL, NULL, FMT_TABLE};
    const char *country = "JPN";
    int year = 0;
    ds_error err;
    ds_error_clear(&err);
    cli_options p;
    cli_options_init(&p, "bridge", opts, &common, help);
    int c;
    while ((c = cli_options_next(&p, argc, argv)) != -1) {
        switch (c) {
        case 'c': country = optarg; break;
        case 'y':
            if (!cli_parse_year(optarg, &year))
                return EXIT_USAGE;
            break;
        case CLI_OPT_STOP: return p.rc;
        }
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
    if (ds_bridge_run(store, iso3, (int)year, &b, &err) != DS_OK ||
        ds_bridge_table(b, &t, &err) != DS_OK)
        rc = cli_report(&err);
    else
        rc = cli_write_table(t, &common);
    ds_table_free(t);
    ds_bridge_free(b);
    ds_store_free(store);
    return rc;
}
