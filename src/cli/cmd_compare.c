/* cmd_compare.c - `defspend compare`: countries side by side.
 *
 * --countries LIST or --group NAME (from DATA/meta/groups.csv), targets
 * (default 2,3.5,5) and a year (default: each country's latest year with
 * data): share of GDP, spending needed at each target and the gap in
 * current US$, ranked by share; countries without data are listed.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
"would need and the gap to it in current US$, ranked by share.  Countries\n"
"without data are listed, not dropped.\n"
"\n"
"options:\n"
"  --countries LIST  comma-separated ISO3 codes or names (JPN,KOR,AUS)\n"
"  --group NAME      nato, indo-pacific or g7 (DATA/meta/groups.csv); with\n"
"                    --year, NATO members that had joined by then\n"
"  --targets LIST    target shares in percent (default 2,3.5,5)\n"
"  --year Y          year of the figures (default: each country's latest)\n"
"  --format F        table, csv, json or md (default table)\n"
"  --output FILE     write to FILE atomically\n"
"  --data DIR        read the store in DIR\n"
"  --help            this help\n"
"\n"
"example: defspend compare --group nato --targets 2,3.5,5\n",
        f);
}

static const char *
share_src(const ds_compare_row *r)
{
    return r->milex_usd ? "milex / GDP, US$" : "stored % of GDP";
}

static int
table(FILE *f, const ds_comparison *c, const char *title, int md)
{
    const char *head[4 + 2 * MAX_TARGETS + 2];
    char hb[2 * MAX_TARGETS][40];
    size_t nc = 0;
    head[nc++] = "rank";
    head[nc++] = "country";
    head[nc++] = "year";
    head[nc++] = "share";
    head[nc++] = "milex US$";
    for (size_t k = 0; k < c->n_targets; k++) {
        snprintf(hb[2 * k], 40, "%g%% US$", c->targets_pct[k]);
        snprintf(hb[2 * k + 1], 40, "gap to %g%%", c->targets_pct[k]);
        head[nc++] = hb[2 * k];
        head[nc++] = hb[2 * k + 1];
    }
    int right[64];
    for (size_t k = 0; k < nc; k++)
        right[k] = k != 1;
    cp_table t;
    if (!cp_table_init(&t, nc, head, right))
        return 0;
    for (size_t i = 0; i < c->n_rows; i++) {
        const ds_compare_row *r = &c->rows[i];
        char cell[64][CP_CELL];
        const char *row[64];
        size_t j = 0;
        if (r->has_data)
            snprintf(cell[j++], CP_CELL, "%zu", r->rank);
        else
            snprintf(cell[j++], CP_CELL, "-");
        snprintf(cell[j++], CP_CELL, "%.30s (%s)", r->name, r->iso3);
        if (r->has_data) {
            snprintf(cell[j++], CP_CELL, "%d", r->year);
            cp_pct(r->share_pct, 2, cell[j++], CP_CELL);
            cp_money(r->milex_usd_value, "USD", cell[j++], CP_CELL);
            for (size_t k = 0; k < c->n_targets; k++) {
                cp_money(r->need_usd[k], "USD", cell[j++], CP_CELL);
                char m[40];
                cp_money(r->gap_usd[k], "USD", m, sizeof m);
                snprintf(cell[j++], CP_CELL, "%s%s",
                         r->gap_usd[k] > 0 ? "+" : "", m);
            }
        } else {
            snprintf(cell[j++], CP_CELL, "no data");
            while (j < nc)
                snprintf(cell[j++], CP_CELL, "n/a");
        }
        for (size_t k = 0; k < nc; k++)
            row[k] = cell[k];
        if (!cp_table_row(&t, row)) {
            cp_table_release(&t);
            return 0;
        }
    }
    fprintf(f, "%s%s: military expenditure and target shares of GDP, "
               "current US$\n%s",
            md ? "## " : "", title, md ? "\n" : "");
    fprintf(f, "%sShare = military expenditure / GDP, both current US$, "
               "same year (else the stored %% of GDP); needed = target x "
               "GDP; gap = needed - military expenditure\n",
            md ? "- " : "");
    fprintf(f, "%sYear: %s\n%s", md ? "- " : "",
            c->year ? "as requested"
                    : "each country's latest year with both figures (years "
                      "differ; see the year column)",
            md ? "\n" : "\n");
    cp_table_print(f, &t, md);
    cp_table_release(&t);
    /* sources: each distinct combination once, with its countries */
    fprintf(f, "\n%sSources:\n", md ? "### " : "");
    char (*keys)[400] = calloc(c->n_rows ? c->n_rows : 1, sizeof *keys);
    if (!keys)
        return 0;
    for (size_t i = 0; i < c->n_rows; i++) {
        const ds_compare_row *r = &c->rows[i];
        if (r->has_data) {
            const ds_obs *m = r->milex_usd ? r->milex_usd : r->share_obs;
            if (r->gdp_derived)
                snprintf(keys[i], sizeof keys[i],
                         "military expenditure, current US$: %s; %% of GDP: "
                         "%s (definition %s, vintage %s); no GDP in the "
                         "store: GDP derived as military expenditure / "
                         "share of GDP",
                         r->milex_usd->source, r->share_obs->source,
                         m->definition, m->vintage);
            else
                snprintf(keys[i], sizeof keys[i],
                         "GDP, current US$: %s (definition %s, vintage %s); "
                         "%s: %s (definition %s, vintage %s)",
                         r->gdp_usd->source, r->gdp_usd->definition,
                         r->gdp_usd->vintage,
                         r->milex_usd ? "military expenditure, current US$"
                                      : "military expenditure, % of GDP",
                         m->source, m->definition, m->vintage);
        } else {
            snprintf(keys[i], sizeof keys[i], "no data: %s", r->missing);
        }
    }
    for (size_t i = 0; i < c->n_rows; i++) {
        int seen = 0;
        for (size_t j = 0; j < i && !seen; j++)
            seen = strcmp(keys[i], keys[j]) == 0;
        if (seen)
            continue;
        fprintf(f, "%s%s (", md ? "- " : "  ", keys[i]);
        int first = 1;
        for (size_t j = i; j < c->n_rows; j++)
            if (strcmp(keys[i], keys[j]) == 0) {
                if (c->rows[j].has_data)
                    fprintf(f, "%s%s %d", first ? "" : ", ", c->rows[j].iso3,
                            c->rows[j].year);
                else
                    fprintf(f, "%s%s", first ? "" : ", ", c->rows[j].iso3);
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
    fputs("rank,country,name,year,share_pct,milex_usd,gdp_usd,target_pct,"
          "need_usd,gap_usd,share_basis,gdp_source,gdp_vintage,"
          "milex_source,milex_vintage,missing\n",
          f);
    for (size_t i = 0; i < c->n_rows; i++) {
        const ds_compare_row *r = &c->rows[i];
        const ds_obs *m = r->milex_usd ? r->milex_usd : r->share_obs;
        for (size_t k = 0; k < c->n_targets; k++) {
            if (r->rank)
                fprintf(f, "%zu", r->rank);
            fprintf(f, ",%s,", r->iso3);
            cli_csv_text(f, r->name), fputc(',', f);
            if (r->has_data)
                fprintf(f, "%d", r->year);
            fputc(',', f);
            cli_csv_num(f, r->share_pct), fputc(',', f);
            cli_csv_num(f, r->milex_usd_value), fputc(',', f);
            cli_csv_num(f, r->gdp_usd_value);
            fputc(',', f);
            cli_csv_num(f, c->targets_pct[k]), fputc(',', f);
            cli_csv_num(f, r->need_usd[k]), fputc(',', f);
            cli_csv_num(f, r->gap_usd[k]), fputc(',', f);
            cli_csv_text(f, r->has_data ? share_src(r) : ""), fputc(',', f);
            cli_csv_text(f, r->gdp_usd ? r->gdp_usd->source
                            : r->gdp_derived ? "derived: military expenditure / share of GDP"
                                             : "");
            fputc(',', f);
            cli_csv_text(f, r->gdp_usd ? r->gdp_usd->vintage : "");
            fputc(',', f);
            cli_csv_text(f, m ? m->source : ""), fputc(',', f);
            cli_csv_text(f, m ? m->vintage : ""), fputc(',', f);
            cli_csv_text(f, r->missing);
            fputc('\n', f);
        }
    }
}

static int
json_out(FILE *f, const ds_comparison *c, const char *title)
{
    json_t *rows = json_array();
    for (size_t i = 0; i < c->n_rows; i++) {
        const ds_compare_row *r = &c->rows[i];
        json_t *tg = json_array();
        for (size_t k = 0; k < c->n_targets; k++)
            json_array_append_new(
                tg, json_pack("{s:o,s:o,s:o}", "target_pct",
                              cp_jnum(c->targets_pct[k]), "need_usd",
                              cp_jnum(r->need_usd[k]), "gap_usd",
                              cp_jnum(r->gap_usd[k])));
        json_array_append_new(
            rows,
            json_pack("{s:o,s:s,s:s,s:b,s:s,s:o,s:o,s:o,s:o,s:o,s:b,s:o,s:o,"
                      "s:o}",
                      "rank", r->rank ? json_integer((json_int_t)r->rank)
                                      : json_null(),
                      "country", r->iso3, "name", r->name, "has_data",
                      r->has_data, "missing", r->missing, "year",
                      r->has_data ? json_integer(r->year) : json_null(),
                      "share_pct", cp_jnum(r->share_pct), "milex_usd",
                      cp_jnum(r->milex_usd_value), "gdp", cp_jobs(r->gdp_usd),
                      "gdp_usd", cp_jnum(r->gdp_usd_value), "gdp_derived",
                      r->gdp_derived,
                      "milex", cp_jobs(r->milex_usd), "share",
                      cp_jobs(r->share_obs), "targets", tg));
    }
    json_t *root = json_pack("{s:s,s:s,s:s,s:s,s:o}", "defspend_version",
                             DS_VERSION_STRING, "title", title, "currency",
                             "USD", "price_basis", "current", "countries",
                             rows);
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
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"data", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_common common = {NULL, NULL, FMT_TABLE};
    const char *list = NULL, *group = NULL;
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
            return cli_option_error(c, argv, "compare");
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
        snprintf(path, sizeof path, "%s/meta/groups.csv",
                 cli_data_dir(&common));
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
    if (ds_compare_run(store, ptr, n, targets, nt, (int)year, &cmp, &err) !=
        DS_OK) {
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
        cli_error("cannot build output");
        cli_out_discard(&out);
        rc = EXIT_IO;
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
