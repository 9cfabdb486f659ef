/* cmd_countries.c - `defspend countries [NAME]`: find ISO3 codes.
 *
 * Without a name, lists every country and aggregate in the table; with one,
 * prints its match or the closest names.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* One country: code, name, currency, region (tab-separated); the text
 * comes from meta/countries.csv, so no control character of it is
 * printed (cli_tt). */
static void
row(const ds_country *c)
{
    cli_tt(stdout, c->iso3);
    putchar('\t');
    cli_tt(stdout, c->name);
    putchar('\t');
    cli_tt(stdout, c->currency[0] ? c->currency : "-");
    putchar('\t');
    cli_tt(stdout, c->region[0] ? c->region : "-");
    fputs(c->aggregate ? "\taggregate\n" : "\n", stdout);
}

int
cmd_countries(int argc, char **argv)
{
    cli_common common = {NULL, NULL, FMT_TABLE};
    const char *name = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: defspend countries [--data DIR] [NAME]\n"
                   "\nWithout NAME: every country and aggregate (code, "
                   "name, currency, region).\nWith NAME: the country it "
                   "names, or the closest matches.\n\nexample: defspend "
                   "countries \"korea, south\"\n");
            return EXIT_OK;
        } else if (strcmp(argv[i], "--data") == 0) {
            if (i + 1 >= argc) {
                cli_error("option '--data' needs a value");
                return EXIT_USAGE;
            }
            common.data_dir = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            cli_error("unknown option '%s' (see defspend countries --help)",
                      argv[i]);
            return EXIT_USAGE;
        } else if (!name) {
            name = argv[i];
        } else {
            cli_error("unexpected argument '%s'", argv[i]);
            return EXIT_USAGE;
        }
    }
    int rc;
    ds_store *s = cli_open_store(&common, &rc);
    if (!s)
        return rc;
    const ds_countries *cs = ds_store_countries(s);
    if (!cs) {
        cli_error("%s: no meta/countries.csv in the data directory",
                  cli_data_dir(&common));
        ds_store_free(s);
        return EXIT_DATA;
    }
    rc = EXIT_OK;
    if (name) {
        const ds_country *c;
        ds_error err;
        ds_error_clear(&err);
        if (ds_countries_lookup(cs, name, &c, &err) != DS_OK)
            rc = cli_report(&err);
        else
            row(c);
    } else {
        for (size_t i = 0; i < ds_countries_count(cs); i++) {
            const ds_country *c = ds_countries_get(cs, i);
            row(c);
        }
    }
    ds_store_free(s);
    return rc;
}
