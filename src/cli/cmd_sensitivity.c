/* cmd_sensitivity.c - `defspend sensitivity`: target share x growth grid.
 *
 * For each target share and each nominal GDP growth rate (or each exchange
 * rate): spending in the target year and the cumulative extra over the
 * baseline, from the same projection as `defspend project`.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_proj.h"
#include "cli_json.h"

#define MAXN 32

static void
help(FILE *f)
{
    fputs(
"usage: defspend sensitivity [OPTIONS]\n"
"\n"
"A grid of target share x nominal GDP growth (or x exchange rate): spending\n"
"in the target year and cumulative extra spending over the baseline.\n"
"\n"
"options:\n"
"  --country C      ISO3 code or name (default JPN)\n"
"  --targets LIST   target shares in percent (default 2,3.5,5)\n"
"  --growths LIST   nominal GDP growth rates, % a year (default\n"
"                   -1,0,1,2,3,4)\n"
"  --rates LIST     exchange rates (local currency per US$) instead of\n"
"                   growth rates; growth is then fitted (or --growth)\n"
"  --growth PCT     growth for the --rates grid (default: fit, 10 years)\n"
"  --by YEAR        target year (default 2035)\n"
"  --from YEAR      start year (default: latest actual GDP in US$)\n"
"  --path P         linear, growth or step (default linear)\n"
"  --baseline B     amount, 'data' or 'none' (default as in scenarios)\n"
"  --format F       table, csv, json or md (default table)\n"
"  --output FILE    write to FILE atomically\n"
"  --data DIR       read the store in DIR\n"
"  --help           this help\n"
"\n"
"example: defspend sensitivity --targets 3.5,5 --growths 0,1,2,3\n",
        f);
}

int
cmd_sensitivity(int argc, char **argv)
{
    static const struct option lo[] = {
        {"country", required_argument, NULL, 'c'},
        {"targets", required_argument, NULL, 't'},
        {"growths", required_argument, NULL, 'g'},
        {"rates", required_argument, NULL, 'r'},
        {"growth", required_argument, NULL, 'G'},
        {"by", required_argument, NULL, 'B'},
        {"from", required_argument, NULL, 'F'},
        {"path", required_argument, NULL, 'p'},
        {"baseline", required_argument, NULL, 'b'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"data", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_common common = {NULL, NULL, FMT_TABLE};
    const char *country = "JPN", *baseline = NULL;
    double targets[MAXN] = {2, 3.5, 5}, xs[MAXN] = {-1, 0, 1, 2, 3, 4};
    size_t nt = 3, nx = 6;
    int by_rate = 0;
    double growth = NAN;
    long lv;
    ds_project_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.by_year = 2035;
    spec.fit_years = 10;
    spec.discount_pct = NAN;
    spec.inflation_pct = NAN;
    spec.path = DS_PATH_LINEAR;
    ds_error err;
    ds_error_clear(&err);
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
        switch (c) {
        case 'c': country = optarg; break;
        case 't':
            if (ds_targets_parse(optarg, targets, MAXN, &nt, &err) != DS_OK) {
                cli_error("--targets: %s", err.message);
                return EXIT_USAGE;
            }
            break;
        case 'g':
            if (!cp_number_list("--growths", optarg, xs, MAXN, &nx))
                return EXIT_USAGE;
            by_rate = 0;
            break;
        case 'r':
            if (!cp_number_list("--rates", optarg, xs, MAXN, &nx))
                return EXIT_USAGE;
            for (size_t i = 0; i < nx; i++)
                if (!(xs[i] > 0)) {
                    cli_error("--rates: rates must be positive");
                    return EXIT_USAGE;
                }
            by_rate = 1;
            break;
        case 'G':
            if (!cp_number("--growth", optarg, &growth))
                return EXIT_USAGE;
            break;
        case 'B':
            if (!cp_int("--by", optarg, 1000, 3000, &lv))
                return EXIT_USAGE;
            spec.by_year = (int)lv;
            break;
        case 'F':
            if (!cp_int("--from", optarg, 1000, 3000, &lv))
                return EXIT_USAGE;
            spec.from_year = (int)lv;
            break;
        case 'p':
            if (strcmp(optarg, "linear") == 0)
                spec.path = DS_PATH_LINEAR;
            else if (strcmp(optarg, "growth") == 0)
                spec.path = DS_PATH_GROWTH;
            else if (strcmp(optarg, "step") == 0)
                spec.path = DS_PATH_STEP;
            else {
                cli_error("invalid path '%s' (expected linear, growth or "
                          "step)", optarg);
                return EXIT_USAGE;
            }
            break;
        case 'b': baseline = optarg; break;
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
            return cli_option_error(c, argv, "sensitivity", lo);
        }
    }
    if (optind < argc) {
        cli_error("unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < nx && !by_rate; i++)
        if (!(xs[i] > -100)) {
            cli_error("--growths: growth must be above -100");
            return EXIT_USAGE;
        }
    ds_baseline_choice bc;
    if (!cli_parse_baseline(baseline, &bc))
        return EXIT_USAGE;
    ds_project_spec_set_baseline(&spec, &bc);
    spec.targets_pct = targets;
    spec.n_targets = nt;

    int rc;
    ds_store *store = cli_open_store(&common, &rc);
    if (!store)
        return rc;
    char iso3[16];
    ds_sensitivity *g = NULL;
    if ((rc = cp_country(store, country, iso3, sizeof iso3)) != 0)
        goto done;
    spec.country = iso3;
    spec.gdp_source = isfinite(growth) ? DS_GDP_GROWTH : DS_GDP_FIT;
    spec.growth_pct = growth;
    ds_sensitivity_spec ss = {spec, xs, nx, by_rate};
    if (ds_sensitivity_run(store, &ss, &g, &err) != DS_OK) {
        if (by_rate && err.code == DS_ENOTFOUND &&
            strstr(err.message, "no GDP in local currency")) {
            cli_error("--rates: %s", err.message);
            rc = EXIT_DATA;
        } else {
            rc = cli_report(&err);
        }
        goto done;
    }
    const ds_projection *first = g->first;
    const ds_scenario *s = first->scenario;
    const char *lcu = first->lcu_only_usd ? "USD" : s->lcu;
    cli_out out;
    if (!cli_out_open(&out)) {
        cli_error("out of memory");
        rc = EXIT_IO;
        goto done;
    }
    FILE *f = out.f;
    int ok = 1;
    if (common.format == FMT_CSV) {
        fputs("country,target_pct,growth_pct,lcu_per_usd,year,spend_usd,"
              "spend_lcu,cumulative_extra_usd,cumulative_extra_lcu,path,"
              "from_year,baseline_lcu,price_basis,gdp_source,gdp_vintage\n",
              f);
        for (size_t k = 0; k < nt; k++)
            for (size_t x = 0; x < nx; x++) {
                fprintf(f, "%s,", iso3);
                cli_csv_num(f, targets[k]), fputc(',', f);
                cli_csv_num(f, by_rate ? first->growth_pct : xs[x]);
                fputc(',', f);
                cli_csv_num(f, by_rate ? xs[x] : first->lcu_per_usd);
                fprintf(f, ",%d,", first->by_year);
                cli_csv_num(f, g->spend_usd[k * nx + x]), fputc(',', f);
                cli_csv_num(f, g->spend_lcu[k * nx + x]), fputc(',', f);
                cli_csv_num(f, g->cum_usd[k * nx + x]), fputc(',', f);
                cli_csv_num(f, g->cum_lcu[k * nx + x]), fputc(',', f);
                fprintf(f, "%s,%d,",
                        spec.path == DS_PATH_LINEAR   ? "linear"
                        : spec.path == DS_PATH_GROWTH ? "growth"
                                                      : "step",
                        first->from_year);
                cli_csv_num(f, first->baseline_lcu);
                fputs(",current,", f);
                cli_csv_text(f, s->gdp_usd->source), fputc(',', f);
                cli_csv_text(f, s->gdp_usd->vintage);
                fputc('\n', f);
            }
    } else if (common.format == FMT_JSON) {
        json_t *cells = json_array();
        for (size_t k = 0; k < nt; k++)
            for (size_t x = 0; x < nx; x++)
                cj_append(
                    cells,
                    cj_pack("{s:o,s:o,s:o,s:o,s:o,s:o,s:o}", "target_pct",
                              cp_jnum(targets[k]), "growth_pct",
                              cp_jnum(by_rate ? first->growth_pct : xs[x]),
                              "lcu_per_usd",
                              cp_jnum(by_rate ? xs[x] : first->lcu_per_usd),
                              "spend_usd", cp_jnum(g->spend_usd[k * nx + x]),
                              "spend_lcu", cp_jnum(g->spend_lcu[k * nx + x]),
                              "cumulative_extra_usd",
                              cp_jnum(g->cum_usd[k * nx + x]),
                              "cumulative_extra_lcu",
                              cp_jnum(g->cum_lcu[k * nx + x])));
        ok = cp_json_dump(
            f, cj_pack("{s:s,s:s,s:s,s:i,s:i,s:s,s:s,s:o,s:o,s:o}",
                         "defspend_version", DS_VERSION_STRING, "country",
                         iso3, "currency", lcu, "from_year", first->from_year,
                         "by_year", first->by_year, "price_basis", "current",
                         "grid", by_rate ? "exchange rate" : "growth",
                         "gdp_usd", cp_jobs(s->gdp_usd), "gdp_lcu",
                         cp_jobs(first->lcu_only_usd ? NULL : s->gdp_lcu),
                         "cells", cells));
    } else {
        int md = common.format == FMT_MD;
        char a[64], b[64], cite[512];
        fprintf(f, "%s%s (%s): sensitivity of target-year spending, %d-%d%s",
                md ? "## " : "", cli_shown(s->name, md),
                cli_shown(s->iso3, md), first->from_year,
                first->by_year, md ? "\n\n" : "\n");
        fprintf(f, "%sStart: GDP %d %s (%s)\n", md ? "- " : "",
                first->from_year, cp_money(s->gdp_usd->value, "USD", a,
                                           sizeof a),
                cli_shown(cli_cite(s->gdp_usd, cite, sizeof cite), md));
        const ds_obs *bo = s->baseline.obs_lcu ? s->baseline.obs_lcu
                                               : s->baseline.obs_usd;
        char yl[64] = "";
        if (bo)
            ds_year_label(bo, yl, sizeof yl);
        fprintf(f, "%sBaseline: %s%s%s, %s = %s, held flat\n", md ? "- " : "",
                s->baseline.present ? cli_shown(s->baseline.label, md)
                                    : "none",
                yl[0] ? ", " : "", yl,
                cp_money(first->baseline_lcu, lcu, a, sizeof a),
                cp_money(first->baseline_usd, "USD", b, sizeof b));
        if (by_rate)
            fprintf(f, "%sGDP growth: %s; columns: exchange rate, %s per US$ "
                       "(start-year rate %s)\n",
                    md ? "- " : "", cli_shown(first->growth_basis, md),
                    cli_shown(lcu, md),
                    cp_rate(first->lcu_per_usd, lcu, a, sizeof a));
        else
            fprintf(f, "%sColumns: nominal GDP growth, %% a year; exchange "
                       "rate %s (%s)\n",
                    md ? "- " : "",
                    cp_rate(first->lcu_per_usd, lcu, a, sizeof a),
                    cli_shown(first->rate_basis, md));
        fprintf(f, "%sPath: %s; prices: current\n\n", md ? "- " : "",
                spec.path == DS_PATH_LINEAR   ? "linear in share"
                : spec.path == DS_PATH_GROWTH ? "constant growth of spending"
                                              : "step");
        for (int which = 0; which < 2 && ok; which++) {
            const char *head[MAXN + 1];
            char hx[MAXN][32];
            head[0] = "target";
            for (size_t x = 0; x < nx; x++) {
                if (by_rate)
                    cp_rate(xs[x], lcu, hx[x], sizeof hx[x]);
                else
                    snprintf(hx[x], sizeof hx[x], "%+g%%", xs[x]);
                head[x + 1] = hx[x];
            }
            cp_table t;
            if (!cp_table_init(&t, nx + 1, head, NULL)) {
                ok = 0;
                break;
            }
            for (size_t k = 0; k < nt && ok; k++) {
                char cell[MAXN + 1][CP_CELL];
                const char *row[MAXN + 1];
                snprintf(cell[0], CP_CELL, "%g%%", targets[k]);
                for (size_t x = 0; x < nx; x++)
                    cp_money(which ? g->cum_usd[k * nx + x]
                                   : g->spend_usd[k * nx + x],
                             "USD", cell[x + 1], CP_CELL);
                for (size_t x = 0; x <= nx; x++)
                    row[x] = cell[x];
                ok = cp_table_row(&t, row);
            }
            if (which == 0)
                fprintf(f, "%sSpending in %d, current US$:\n%s",
                        md ? "### " : "", first->by_year, md ? "\n" : "");
            else
                fprintf(f, "%sCumulative extra over the baseline %d-%d, "
                           "current US$:\n%s",
                        md ? "### " : "", first->from_year + 1,
                        first->by_year, md ? "\n" : "");
            cp_table_print(f, &t, md);
            fputc('\n', f);
            cp_table_release(&t);
        }
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
    ds_sensitivity_free(g);
    ds_store_free(store);
    return rc;
}
