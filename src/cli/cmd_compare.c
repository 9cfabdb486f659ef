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

#include "cli_json.h"
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

static int
json_out(FILE *f, const ds_comparison *c, const char *title)
{
    static const char *const rules[] = {"common", "most_covered",
                                        "requested", "latest_each"};
    json_t *rows = json_array();
    for (size_t i = 0; i < c->n_rows; i++) {
        const ds_compare_row *r = &c->rows[i];
        char b[64];
        json_t *tg = json_array();
        for (size_t k = 0; k < c->n_targets; k++)
            cj_append(
                tg, cj_pack("{s:o,s:o,s:o}", "target_pct",
                              cp_jnum(c->targets_pct[k]), "need_usd",
                              cp_jnum(r->need_usd[k]), "gap_usd",
                              cp_jnum(r->gap_usd[k])));
        json_t *row = cj_pack(
            "{s:o,s:s,s:s,s:b,s:s,s:o,s:s,s:o,s:s,s:b,s:b,s:b}", "rank",
            r->rank ? json_integer((json_int_t)r->rank) : json_null(),
            "country", r->iso3, "name", r->name, "has_data", r->has_data,
            "missing", r->missing, "year",
            r->has_data ? json_integer(r->year) : json_null(), "definition",
            c->definition, "share_pct", cp_jnum(r->share_pct), "basis",
            ds_compare_basis(r, b, sizeof b), "published", r->published,
            "milex_derived", r->milex_derived, "gdp_derived",
            r->gdp_derived);
        cj_set(row, "milex_usd", cp_jnum(r->milex_usd_value));
        cj_set(row, "gdp_usd", cp_jnum(r->gdp_usd_value));
        cj_set(row, "share", cp_jobs(r->share_obs));
        cj_set(row, "milex", cp_jobs(r->milex_usd));
        cj_set(row, "gdp", cp_jobs(r->gdp_usd));
        cj_set(row, "stale", json_boolean(r->stale));
        cj_set(row, "newest_in_release",
                            r->has_data ? json_integer(r->newest_in_release)
                                        : json_null());
        cj_set(row, "newest_in_store",
                            r->has_data ? json_integer(r->newest_in_store)
                                        : json_null());
        cj_set(row, "latest_year",
                            r->latest_year ? json_integer(r->latest_year)
                                           : json_null());
        cj_set(row, "note", cj_string("note", r->note));
        cj_set(row, "targets", tg);
        cj_append(rows, row);
    }
    json_t *root = cj_pack(
        "{s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:s,s:o,s:s,s:s,s:o}",
        "defspend_version", DS_VERSION_STRING, "title", title, "currency",
        DS_CURRENCY_USD, "price_basis", "current", "definition", c->definition,
        "definition_label",
        c->definition[0] ? ds_definition_label(c->definition) : "",
        "definition_auto", c->definition_auto, "definition_why",
        c->definition_why, "year",
        c->year ? json_integer(c->year) : json_null(), "year_rule",
        rules[c->year_rule], "year_why", c->year_why, "countries", rows);
    return cp_json_dump(f, root);
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
        cli_out out;
        if (!cli_out_open(&out)) {
            cli_error("out of memory");
            rc = EXIT_IO;
        } else if (!json_out(out.f, cmp, title)) {
            rc = cj_report();
            cli_out_discard(&out);
        } else {
            rc = cli_out_finish(&out, &common);
        }
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
