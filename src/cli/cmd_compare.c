/* cmd_compare.c - `defspend compare`: countries side by side.
 *
 * --countries LIST or --group NAME (from DATA/meta/groups.csv), targets
 * (default 2,3.5,5), --source (one definition for the table; default
 * automatic), --year or --latest-each (default: the common year): share
 * of GDP, spending needed at each target and the gap in current US$,
 * ranked by share; countries without a figure are listed with what is
 * available.  The library chooses; this file parses and prints.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_proj.h"
#include "cli_json.h"

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

/* How a row's share was obtained: "published", "milex/GDP", with what
 * was derived. */
static const char *
basis(const ds_compare_row *r, char *b, size_t n)
{
    if (!r->has_data)
        snprintf(b, n, "%s", "");
    else
        snprintf(b, n, "%s%s%s", r->published ? "published" : "milex/GDP",
                 r->milex_derived ? ", milex derived" : "",
                 r->gdp_derived ? ", GDP derived" : "");
    return b;
}

static void
cite(char *b, size_t n, const char *what, const ds_obs *o)
{
    size_t l = strlen(b);
    if (o)
        snprintf(b + l, n - l, "%s%s: %s (vintage %s)", l ? "; " : "", what,
                 o->source, o->vintage);
}

static int
table(FILE *f, const ds_comparison *c, const char *title, int md)
{
    const char *head[6 + 2 * MAX_TARGETS + 1];
    char hb[2 * MAX_TARGETS][40];
    size_t nc = 0;
    head[nc++] = "rank";
    head[nc++] = "country";
    head[nc++] = "year";
    head[nc++] = "share";
    head[nc++] = "basis";
    head[nc++] = "milex US$";
    for (size_t k = 0; k < c->n_targets; k++) {
        snprintf(hb[2 * k], 40, "%g%% US$", c->targets_pct[k]);
        snprintf(hb[2 * k + 1], 40, "gap to %g%%", c->targets_pct[k]);
        head[nc++] = hb[2 * k];
        head[nc++] = hb[2 * k + 1];
    }
    head[nc++] = "note";
    int right[6 + 2 * MAX_TARGETS + 1];
    for (size_t k = 0; k < nc; k++)
        right[k] = k != 1 && k != 4 && k != nc - 1;
    cp_table t;
    if (!cp_table_init(&t, nc, head, right))
        return 0;
    const char *lab = c->definition[0] ? ds_definition_short(c->definition)
                                       : "";
    for (size_t i = 0; i < c->n_rows; i++) {
        const ds_compare_row *r = &c->rows[i];
        char cell[6 + 2 * MAX_TARGETS + 1][CP_CELL];
        const char *row[6 + 2 * MAX_TARGETS + 1];
        size_t j = 0;
        snprintf(cell[j++], CP_CELL, r->has_data ? "%zu" : "-", r->rank);
        snprintf(cell[j++], CP_CELL, "%.30s (%s)", r->name, r->iso3);
        if (r->has_data) {
            char b[64];
            snprintf(cell[j++], CP_CELL, "%d", r->year);
            cp_pct(r->share_pct, 2, cell[j++], CP_CELL);
            snprintf(cell[j++], CP_CELL, "%s %s", lab,
                     basis(r, b, sizeof b));
            cp_money(r->milex_usd_value, "USD", cell[j++], CP_CELL);
            for (size_t k = 0; k < c->n_targets; k++) {
                cp_money(r->need_usd[k], "USD", cell[j++], CP_CELL);
                char m[40];
                cp_money(r->gap_usd[k], "USD", m, sizeof m);
                snprintf(cell[j++], CP_CELL, "%s%s",
                         r->gap_usd[k] > 0 ? "+" : "", m);
            }
            snprintf(cell[j++], CP_CELL, "%.47s", r->note);
        } else {
            snprintf(cell[j++], CP_CELL, "-");
            for (; j < nc - 1; j++)
                snprintf(cell[j], CP_CELL, "%s", j == 4 ? "-" : "n/a");
            snprintf(cell[j++], CP_CELL, "%.47s", r->missing);
        }
        for (size_t k = 0; k < nc; k++)
            row[k] = cell[k];
        if (!cp_table_row(&t, row)) {
            cp_table_release(&t);
            return 0;
        }
    }
    const char *li = md ? "- " : "";
    fprintf(f, "%s%s: military expenditure and target shares of GDP, "
               "current US$\n%s",
            md ? "## " : "", cli_shown(title, md), md ? "\n" : "");
    if (c->definition[0])
        fprintf(f, "%sDefinition: %s (%s); %s\n", li,
                cli_shown(ds_definition_label(c->definition), md),
                cli_shown(c->definition, md), cli_shown(c->definition_why, md));
    else
        fprintf(f, "%sDefinition: none; %s\n", li,
                cli_shown(c->definition_why, md));
    fprintf(f, "%sYear: %s\n", li, cli_shown(c->year_why, md));
    fprintf(f, "%sShare = the publisher's own share of GDP when stored "
               "(basis \"published\"), else its military expenditure / its "
               "GDP, both current US$ (\"milex/GDP\"); never one publisher's "
               "spending over another's GDP; needed = target x GDP; gap = "
               "needed - military expenditure; \"as of\" = older than the "
               "newest year of its release or of the store\n\n",
            li);
    /* the note column is last and left-aligned: no trailing blanks */
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m) {
        cp_table_release(&t);
        return 0;
    }
    cp_table_print(m, &t, md);
    cp_table_release(&t);
    if (fclose(m) != 0) {
        free(buf);
        return 0;
    }
    for (char *line = buf, *nl; line && *line; line = nl ? nl + 1 : NULL) {
        nl = strchr(line, '\n');
        size_t l = nl ? (size_t)(nl - line) : strlen(line);
        while (l > 0 && line[l - 1] == ' ')
            l--;
        fprintf(f, "%.*s\n", (int)l, line);
    }
    free(buf);
    /* sources: each distinct combination once, with its countries */
    if (c->definition[0])
        fprintf(f, "\n%sSources, definition %s (%s):\n", md ? "### " : "",
                cli_shown(c->definition, md),
                cli_shown(ds_definition_label(c->definition), md));
    else
        fprintf(f, "\n%sSources: none\n", md ? "### " : "");
    char (*keys)[1200] = calloc(c->n_rows ? c->n_rows : 1, sizeof *keys);
    if (!keys)
        return 0;
    for (size_t i = 0; i < c->n_rows; i++) {
        const ds_compare_row *r = &c->rows[i];
        char *k = keys[i];
        size_t n = sizeof keys[i];
        if (!r->has_data) {
            snprintf(k, n, "not ranked: %s", r->missing);
            continue;
        }
        cite(k, n, "share of GDP", r->share_obs);
        cite(k, n, "military expenditure, current US$", r->milex_usd);
        cite(k, n, "GDP, current US$", r->gdp_usd);
        size_t l = strlen(k);
        if (r->milex_derived)
            snprintf(k + l, n - l, "; military expenditure derived as share "
                                   "x GDP");
        else if (r->gdp_derived)
            snprintf(k + l, n - l, "; GDP derived as military expenditure / "
                                   "share of GDP");
    }
    for (size_t i = 0; i < c->n_rows; i++) {
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(keys[i], keys[j]) == 0;
        if (seen)
            continue;
        fprintf(f, "%s%s (", md ? "- " : "  ", cli_shown(keys[i], md));
        int first = 1;
        for (size_t j = i; j < c->n_rows; j++)
            if (strcmp(keys[i], keys[j]) == 0) {
                if (c->rows[j].has_data)
                    fprintf(f, "%s%s %d", first ? "" : ", ",
                            cli_shown(c->rows[j].iso3, md),
                            c->rows[j].year);
                else
                    fprintf(f, "%s%s", first ? "" : ", ",
                            cli_shown(c->rows[j].iso3, md));
                first = 0;
            }
        fputs(")\n", f);
    }
    free(keys);
    return 1;
}

static void
csv(FILE *f, const ds_comparison *c)
{
    fputs("rank,country,name,year,definition,share_pct,basis,milex_usd,"
          "gdp_usd,target_pct,need_usd,gap_usd,share_source,share_vintage,"
          "milex_source,milex_vintage,gdp_source,gdp_vintage,stale,note,"
          "missing\n",
          f);
    for (size_t i = 0; i < c->n_rows; i++) {
        const ds_compare_row *r = &c->rows[i];
        char b[64];
        for (size_t k = 0; k < c->n_targets; k++) {
            if (r->rank)
                fprintf(f, "%zu", r->rank);
            fprintf(f, ",%s,", r->iso3);
            cli_csv_text(f, r->name), fputc(',', f);
            if (r->has_data)
                fprintf(f, "%d", r->year);
            fputc(',', f);
            cli_csv_text(f, c->definition), fputc(',', f);
            cli_csv_num(f, r->share_pct), fputc(',', f);
            cli_csv_text(f, basis(r, b, sizeof b)), fputc(',', f);
            cli_csv_num(f, r->milex_usd_value), fputc(',', f);
            cli_csv_num(f, r->gdp_usd_value), fputc(',', f);
            cli_csv_num(f, c->targets_pct[k]), fputc(',', f);
            cli_csv_num(f, r->need_usd[k]), fputc(',', f);
            cli_csv_num(f, r->gap_usd[k]), fputc(',', f);
            const ds_obs *o[] = {r->share_obs, r->milex_usd, r->gdp_usd};
            for (size_t q = 0; q < 3; q++) {
                cli_csv_text(f, o[q] ? o[q]->source : ""), fputc(',', f);
                cli_csv_text(f, o[q] ? o[q]->vintage : ""), fputc(',', f);
            }
            if (r->has_data)
                fputs(r->stale ? "1" : "0", f);
            fputc(',', f);
            cli_csv_text(f, r->note), fputc(',', f);
            cli_csv_text(f, r->missing);
            fputc('\n', f);
        }
    }
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
            basis(r, b, sizeof b), "published", r->published,
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
        "USD", "price_basis", "current", "definition", c->definition,
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
        {"source", required_argument, NULL, 's'},
        {"latest-each", no_argument, NULL, 'L'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"data", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_common common = {NULL, NULL, FMT_TABLE};
    const char *list = NULL, *group = NULL, *source = NULL;
    int latest_each = 0;
    double targets[MAX_TARGETS] = {2, 3.5, 5};
    size_t nt = 3;
    long year = 0;
    ds_error err;
    ds_error_clear(&err);
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
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
        case 'f':
            if (!cli_parse_format(optarg, &common.format)) {
                cli_error("invalid format '%s' (expected table, csv, json or "
                          "md)", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'o': common.output = optarg; break;
        case 'd': common.data_dir = optarg; break;
        case 'h': help(stdout); return EXIT_OK;
        default:
            return cli_option_error(c, argv, "compare", lo);
        }
    }
    if (optind < argc) {
        cli_error("unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
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
            if ((rc = cp_country(store, tok, codes[n], sizeof codes[n])) !=
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
    spec.year = (int)year;
    spec.latest_each = latest_each;
    if (ds_compare_run(store, &spec, &cmp, &err) != DS_OK) {
        rc = cli_report(&err);
        goto done;
    }
    cli_out out;
    if (!cli_out_open(&out)) {
        cli_error("out of memory");
        rc = EXIT_IO;
        goto done;
    }
    int ok = 1;
    switch (common.format) {
    case FMT_TABLE: ok = table(out.f, cmp, title, 0); break;
    case FMT_MD: ok = table(out.f, cmp, title, 1); break;
    case FMT_CSV: csv(out.f, cmp); break;
    case FMT_JSON: ok = json_out(out.f, cmp, title); break;
    }
    if (!ok) {
        rc = cj_report();
        if (rc == EXIT_OK) {
            cli_error("cannot build output");
            rc = EXIT_IO;
        }
        cli_out_discard(&out);
    } else {
        rc = cli_out_finish(&out, &common);
    }
done:
    ds_comparison_free(cmp);
    ds_groups_free(groups);
    free(copy);
    ds_store_free(store);
    return rc;
}
