/* cmd_convert.c - `defspend convert`: convert a stored series.
 *
 * --to usd | lcu (exchange rate: official, GDP-implied or --rate),
 * --to constant-YYYY (GDP deflator), --to calendar-year (fiscal-year
 * series, start month as recorded).  The method and every rate or deflator
 * used are printed; missing inputs give n/a with a note.  The library
 * converts (ds_convert_run) and builds the table (ds_convert_table); this
 * file parses options and hands the table to its writer.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_opts.h"
#include "cli_proj.h"

static void
help(FILE *f)
{
    fputs(
"usage: defspend convert --country C --indicator I --to TARGET [OPTIONS]\n"
"\n"
"Convert a stored series and say how.\n"
"\n"
"  --to calendar-year  fiscal-year series to calendar years (CY t =\n"
"                      (m-1)/12 FY t-1 + (13-m)/12 FY t, m = start month)\n"
"  --to usd | lcu      local currency <-> US$\n"
"  --to constant-YYYY  current -> constant prices of YYYY (GDP deflator)\n"
"\n"
"options:\n"
"  --country C       ISO3 code or name (required)\n"
"  --indicator I     gdp, milex, ... (required)\n"
"  --definition D    wdi, sipri, mod_budget, ... (default: preferred)\n"
"  --rate R          official (default), gdp (GDP in LCU / GDP in US$) or\n"
"                    a number of local currency units per US$\n"
"  --format F        table, csv, json or md (default table)\n"
"  --output FILE     write to FILE atomically\n"
"  --data DIR        read the store in DIR\n"
"  --help            this help\n"
"\n"
"example: defspend convert --country JPN --indicator milex --definition "
"mod_budget --to calendar-year\n",
        f);
}

int
cmd_convert(int argc, char **argv)
{
    static const struct option lo[] = {
        CLI_OPT_COUNTRY,
        {"indicator", required_argument, NULL, 'i'},
        {"definition", required_argument, NULL, 'D'},
        {"to", required_argument, NULL, 't'},
        {"rate", required_argument, NULL, 'r'},
        CLI_OPT_END};
    cli_common common = {NULL, NULL, FMT_TABLE};
    const char *country = NULL, *to = NULL;
    ds_convert_spec spec;
    ds_convert_spec_init(&spec);
    spec.rate_kind = DS_RATE_OFFICIAL;
    cli_options p;
    cli_options_init(&p, "convert", lo, &common, help);
    int c;
    while ((c = cli_options_next(&p, argc, argv)) != -1) {
        switch (c) {
        case 'c': country = optarg; break;
        case 'i': spec.indicator = optarg; break;
        case 'D': spec.definition = optarg; break;
        case 't': to = optarg; break;
        case 'r':
            if (strcmp(optarg, "official") == 0) {
                spec.rate_kind = DS_RATE_OFFICIAL;
            } else if (strcmp(optarg, "gdp") == 0) {
                spec.rate_kind = DS_RATE_GDP_IMPLIED;
            } else {
                double v;
                if (!cp_number("--rate", optarg, &v))
                    return EXIT_USAGE;
                if (!(v > 0)) {
                    cli_error("--rate: must be positive, not '%s'", optarg);
                    return EXIT_USAGE;
                }
                spec.rate_kind = DS_RATE_USER;
                spec.user_rate = v;
            }
            break;
        case CLI_OPT_STOP: return p.rc;
        }
    }
    if (!country || !spec.indicator || !to) {
        cli_error("--country, --indicator and --to are required (see "
                  "defspend convert --help)");
        return EXIT_USAGE;
    }
    if (strcmp(to, "calendar-year") == 0 || strcmp(to, "calendar") == 0) {
        spec.to = DS_TO_CALENDAR;
    } else if (strcmp(to, "usd") == 0 || strcmp(to, DS_CURRENCY_USD) == 0) {
        spec.to = DS_TO_USD;
    } else if (strcmp(to, "lcu") == 0 || strcmp(to, "LCU") == 0) {
        spec.to = DS_TO_LCU;
    } else if (strncmp(to, "constant-", 9) == 0) {
        long y;
        if (!cp_int("--to constant-YYYY", to + 9, 1000, 3000, &y))
            return EXIT_USAGE;
        spec.to = DS_TO_CONSTANT;
        spec.base_year = (int)y;
    } else {
        cli_error("invalid target '%s' (expected calendar-year, usd, lcu or "
                  "constant-YYYY)", to);
        return EXIT_USAGE;
    }
    int rc;
    ds_store *store = cli_open_store(&common, &rc);
    if (!store)
        return rc;
    char iso3[16];
    if ((rc = cli_country(store, country, iso3, sizeof iso3)) != 0) {
        ds_store_free(store);
        return rc;
    }
    spec.country = iso3;
    ds_error err;
    ds_error_clear(&err);
    ds_conversion *cv = NULL;
    if (ds_convert_run(store, &spec, &cv, &err) != DS_OK) {
        rc = cli_report(&err);
        ds_store_free(store);
        return rc;
    }
    if (common.format == FMT_JSON) {
        rc = cli_write_json(ds_convert_json(cv, &err), &err, &common);
    } else {
        ds_table *t = NULL;
        if (ds_convert_table(cv, &t, &err) != DS_OK) {
            rc = cli_report(&err);
        } else {
            /* the notes point to the JSON as the tool spells it */
            ds_table_set_format_ref(t, DS_TABLE_JSON, "--format json");
            rc = cli_write_table(t, &common);
        }
        ds_table_free(t);
    }
    ds_conversion_free(cv);
    ds_store_free(store);
    return rc;
}
