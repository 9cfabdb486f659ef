/* cmd_compare.c - `defspend compare`: countries side by side.
 *
 * --countries LIST or --group NAME (from DATA/meta/groups.csv), targets
 * (default 2,3.5,5), --source (one definition for the table; default
 * automatic), --year or --latest-each (default: the common year): share
 * of GDP, spending needed at each target and the gap in current US$,
 * ranked by share; countries without a figure are listed with what is
 * available.  The library chooses (ds_compare_run) and builds the table
 * (ds_compare_table); this file parses options and hands it to a writer.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_opts.h"
#include "cli_proj.h"

#define MAX_TARGETS 16
#define MAX_COUNTRIES 512

static void
help(FILE *f)
{
    fputs(
"usage: defspend compare [--countries LIST | --group NAME] [OPTIONS]\n"
"\n"
"Military expenditure as a share of GDP, the spending each target share\n"
"would need and the gap to it in current US$, ranked by share.  One\n"
"definition (publisher) for the whole table: its own published share of\n"
"GDP, else its spending over its GDP, never one publisher's spending over\n"
"another's GDP.  One year for the whole table unless --latest-each.\n"
"Countries without a figure are listed with what is available, not\n"
"ranked.\n"
"\n"
"options:\n"
"  --countries LIST  comma-separated ISO3 codes or names (JPN,KOR,AUS)\n"
"  --group NAME      nato, indo-pacific or g7 (DATA/meta/groups.csv); with\n"
"                    --year, NATO members that had joined by then\n"
"  --source DEF      spending definition: wdi, sipri, nato, ... (default:\n"
"                    the one with figures for the most countries in its\n"
"                    common year; ties in the order wdi, sipri, nato)\n"
"  --targets LIST    target shares in percent (default 2,3.5,5)\n"
"  --year Y          year of the table (default: the latest year in which\n"
"                    more than half of the countries have a figure)\n"
"  --latest-each     each country's own latest year (marked when older\n"
"                    than the table's newest); with --year, up to Y\n"
"  --format F        table, csv, json or md (default table)\n"
"  --output FILE     write to FILE atomically\n"
"  --data DIR        read the store in DIR\n"
"  --help            this help\n"
"\n"
"example: defspend compare --group nato --source nato --targets 2,3.5,5\n",
        f);
}

int
cmd_compare(int argc, char **argv)
{
    static const struct option lo[] = {
        {"countries", required_argument, NULL, 'c'},
        {"group", required_argument, NULL, 'g'},
        {"targets", required_argument, NULL, 't'},
        {"year", required_argument, NULL, 'y'},
        CLI_OPT_SOURCE,
        {"latest-each", no_argument, NULL, 'L'},
        CLI_OPT_END};
    cli_common common = {NULL, NULL, FMT_TABLE};
    const char *list = NULL, *group = NULL, *source = NULL;
    int latest_each = 0;
    double targets[MAX_TARGETS] = {2, 3.5, 5};
    size_t nt = 3;
    long year = 0;
    ds_error err;
    ds_error_clear(&err);
    cli_options p;
    cli_options_init(&p, "compare", lo, &common, help);
    int c;
    while ((c = cli_options_next(&p, argc, argv)) != -1) {
        switch (c) {
        case 'c': list = optarg; break;
        case 'g': group = optarg; break;
        case 's': source = optarg; break;
        case 'L': latest_each = 1; break;
        case 't':
            if (ds_targets_parse(optarg, targets, MAX_TARGETS, &nt, &err) !=
                DS_OK) {
                cli_error("--targets: %s", err.message);
                return EXIT_USAGE;
            }
            break;
        case 'y':
            if (!cp_int("--year", optarg, 1000, 3000, &year))
                return EXIT_USAGE;
            break;
        case CLI_OPT_STOP: return p.rc;
        }
    }
    if (list && group) {
        cli_error("--countries and --group exclude each other");
        return EXIT_USAGE;
    }
    if (!list && !group)
        group = "g7";

    int rc = 0;
    ds_store *store = cli_open_store(&common, &rc);
    if (!store)
        return rc;
    ds_groups *groups = NULL;
    char *copy = NULL;
    ds_comparison *cmp = NULL;
    static char codes[MAX_COUNTRIES][16];
    const char *ptr[MAX_COUNTRIES];
    size_t n = 0;
    char title[128];
    if (group) {
        char path[4096];
        if (!cli_meta_path(&common, "groups.csv", path, sizeof path)) {
            rc = EXIT_USAGE;
            goto done;
        }
        groups = ds_groups_alloc();
        if (!groups) {
            cli_error("out of memory");
            rc = EXIT_DATA;
            goto done;
        }
        if (ds_groups_load_file(groups, path, &err) != DS_OK) {
            rc = cli_report(&err);
            if (rc == EXIT_USAGE)
                rc = EXIT_DATA;
            goto done;
        }
        const ds_group_member *mem[MAX_COUNTRIES];
        if (ds_groups_members(groups, group, (int)year, mem, MAX_COUNTRIES,
                              &n, &err) != DS_OK) {
            rc = EXIT_USAGE;
            cli_report(&err);
            goto done;
        }
        if (n > MAX_COUNTRIES)
            n = MAX_COUNTRIES;
        for (size_t i = 0; i < n; i++)
            snprintf(codes[i], sizeof codes[i], "%s", mem[i]->iso3);
        if (year)
            snprintf(title, sizeof title, "Group %s, %zu members in %ld",
                     group, n, year);
        else
            snprintf(title, sizeof title, "Group %s, %zu members", group, n);
    } else {
        copy = strdup(list);
        if (!copy) {
            cli_error("out of memory");
            rc = EXIT_DATA;
            goto done;
        }
        char *save = NULL;
        for (char *tok = strtok_r(copy, ",", &save); tok;
             tok = strtok_r(NULL, ",", &save)) {
            while (*tok == ' ')
                tok++;
            if (!*tok)
                continue;
            if (n == MAX_COUNTRIES) {
                cli_error("--countries: more than %d countries",
                          MAX_COUNTRIES);
                rc = EXIT_USAGE;
                goto done;
            }
            if ((rc = cli_country(store, tok, codes[n], sizeof codes[n])) !=
                0)
                goto done;
            n++;
        }
        if (n == 0) {
            cli_error("--countries: empty list");
            rc = EXIT_USAGE;
            goto done;
        }
        snprintf(title, sizeof title, "%zu countries", n);
    }
    for (size_t i = 0; i < n; i++)
        ptr[i] = codes[i];
    ds_compare_spec spec;
    ds_compare_spec_init(&spec);
    spec.iso3 = ptr;
    spec.n = n;
    spec.targets_pct = targets;
    spec.n_targets = nt;
    spec.source = source;
    spec.prefer = groups && group ? ds_groups_source(groups, group) : NULL;
    spec.year = (int)year;
    spec.latest_each = latest_each;
    if (ds_compare_run(store, &spec, &cmp, &err) != DS_OK) {
        rc = cli_report(&err);
        goto done;
    }
    if (common.format == FMT_JSON) {
        rc = cli_write_json(ds_compare_json(cmp, title, &err), &err, &common);
    } else {
        ds_table *t = NULL;
        if (ds_compare_table(cmp, title, &t, &err) != DS_OK)
            rc = cli_report(&err);
        else
            rc = cli_write_table(t, &common);
        ds_table_free(t);
    }
done:
    ds_compare_free(cmp);
    ds_groups_free(groups);
    free(copy);
    ds_store_free(store);
    return rc;
}
