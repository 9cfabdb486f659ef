/* cmd_data_revisions.c - `defspend data revisions`: how figures changed
 * between releases.
 *
 * For one country and indicator, every figure (year, year basis,
 * currency, price basis, definition) that the store holds in more than one
 * vintage, with each vintage's value and the change from the previous
 * vintage (absolute and percent).  With --all, figures with a single
 * vintage are listed too.  Reads the same layered store as `data show`.
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
"usage: defspend data revisions --country C --indicator I [--year Y]\n"
"                               [--definition D] [--currency CUR] [--all]\n"
"                               [--format table|csv|json]\n"
"\n"
"Every figure held in more than one vintage, oldest first, with the change\n"
"from the previous vintage.  --all also lists figures with one vintage.\n"
"common options: --data DIR, --output FILE, --help\n"
"\n"
"example: defspend data revisions --country JPN --indicator milex\n");
}

int
cmd_data_revisions(int argc, char **argv)
{
    static const struct option opts[] = {
        {"country", required_argument, NULL, 'c'},
        {"indicator", required_argument, NULL, 'i'},
        {"year", required_argument, NULL, 'y'},
        {"definition", required_argument, NULL, 'D'},
        {"currency", required_argument, NULL, 'u'},
        {"all", no_argument, NULL, 'a'},
        CLI_OPT_END};
    cli_common common = {NULL, NULL, FMT_TABLE};
    const char *country = NULL, *indicator = NULL, *definition = NULL,
               *currency = NULL;
    int year = 0, all = 0;
    cli_options p;
    cli_options_init(&p, "data revisions", opts, &common, help);
    p.md_ok = 0;
    int c;
    while ((c = cli_options_next(&p, argc, argv)) != -1) {
        switch (c) {
        case 'c': country = optarg; break;
        case 'i': indicator = optarg; break;
        case 'D': definition = optarg; break;
        case 'u': currency = optarg; break;
        case 'a': all = 1; break;
        case 'y':
            if (!cli_parse_year(optarg, &year))
                return EXIT_USAGE;
            break;
        case CLI_OPT_STOP: return p.rc;
        }
    }
    if (!country || !indicator) {
        cli_error("data revisions needs --country and --indicator");
        return EXIT_USAGE;
    }
    int rc;
    ds_store *s = cli_open_store(&common, &rc);
    if (!s)
        return rc;
    char iso3[17];
    snprintf(iso3, sizeof iso3, "%s", country);
    const ds_countries *cs = ds_store_countries(s);
    if (cs) {
        const ds_country *k;
        ds_error err;
        ds_error_clear(&err);
        if (ds_countries_lookup(cs, country, &k, &err) != DS_OK) {
            rc = cli_report(&err);
            ds_store_free(s);
            return rc;
        }
        snprintf(iso3, sizeof iso3, "%s", k->iso3);
    }
    ds_revisions_spec rs = {iso3, indicator, definition, currency, year};
    ds_revisions *rv = NULL;
    ds_table *t = NULL;
    ds_error err;
    ds_error_clear(&err);
    if (ds_revisions_run(s, &rs, &rv, &err) != DS_OK ||
        ds_revisions_table(rv, &rs, all, &t, &err) != DS_OK)
        rc = cli_report(&err);
    else
        rc = cli_write_table(t, &common);
    ds_table_free(t);
    ds_revisions_free(rv);
    ds_store_free(s);
    return rc;
}
