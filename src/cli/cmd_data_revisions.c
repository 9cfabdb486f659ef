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
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_json.h"

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

static const char *
val(const ds_obs *o, char *b, size_t n)
{
    if (o->currency[0] && strcmp(o->indicator, "fx") != 0)
        return ds_format_grouped(o->value, 0, b, n);
    return ds_format_full(o->value, b, n);
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
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"data", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_common common = {NULL, NULL, FMT_TABLE};
    const char *country = NULL, *indicator = NULL, *definition = NULL,
               *currency = NULL;
    int year = 0, all = 0;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (c) {
        case 'c': country = optarg; break;
        case 'i': indicator = optarg; break;
        case 'D': definition = optarg; break;
        case 'u': currency = optarg; break;
        case 'a': all = 1; break;
        case 'y': {
            char *end;
            long y = strtol(optarg, &end, 10);
            if (*end || end == optarg || y < 1000 || y > 3000) {
                cli_error("invalid year '%s' (expected e.g. 2024)", optarg);
                return EXIT_USAGE;
            }
            year = (int)y;
            break;
        }
        case 'f':
            if (!cli_parse_format(optarg, &common.format) ||
                common.format == FMT_MD) {
                cli_error("invalid format '%s' (expected table, csv or json)",
                          optarg);
                return EXIT_USAGE;
            }
            break;
        case 'o': common.output = optarg; break;
        case 'd': common.data_dir = optarg; break;
        case 'h': help(stdout); return EXIT_OK;
        default:
            return cli_option_error(c, argv, "data revisions", opts);
        }
    }
    if (optind < argc) {
        cli_error("unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
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
    cli_out out;
    {
        ds_error err;
        ds_error_clear(&err);
        if (ds_revisions_run(s, &rs, &rv, &err) != DS_OK) {
            rc = cli_report(&err);
            ds_store_free(s);
            return rc;
        }
    }
    if (!cli_out_open(&out)) {
        ds_revisions_free(rv);
        ds_store_free(s);
        cli_error("out of memory");
        return EXIT_IO;
    }
    size_t k = rv->n_rows;
    FILE *f = out.f;
    json_t *arr = common.format == FMT_JSON ? json_array() : NULL;
    if (common.format == FMT_CSV)
        fputs("country,year,year_basis,indicator,currency,price_basis,"
              "definition,vintage,value,previous_vintage,change,change_pct,"
              "source,flags\n", f);
    else if (common.format == FMT_TABLE)
        fprintf(f, "%-4s %4s %-9s %-3s %-8s %-22s %-10s %24s %22s %9s  %s\n",
                "cty", "year", "basis", "cur", "prices", "definition", "vintage",
                "value (units)", "change", "change %", "source [flags]");
    size_t shown = 0;
    for (size_t i = 0; i < k;) {
        size_t j = i + ds_revisions_figure_size(rv, i);
        if (j - i < 2 && !all) {
            i = j;
            continue;
        }
        for (size_t m = i; m < j; m++) {
            const ds_obs *o = rv->rows[m].obs, *p = rv->rows[m].previous;
            double d = rv->rows[m].change, pct = rv->rows[m].change_pct;
            char yb[16], a[64], b[64], fl[128], pc[32];
            ds_year_basis_format(o->fy_start_month, yb, sizeof yb);
            ds_flags_format(o->flags, fl, sizeof fl);
            if (common.format == FMT_CSV) {
                fprintf(f, "%s,%d,%s,%s,%s,%s,%s,%s,", o->country, o->year, yb,
                        o->indicator, o->currency, o->price_basis,
                        o->definition, o->vintage);
                cli_csv_num(f, o->value);
                fprintf(f, ",%s,", p ? p->vintage : "");
                cli_csv_num(f, d);
                fputc(',', f);
                cli_csv_num(f, pct);
                fputc(',', f);
                cli_csv_text(f, o->source);
                fputc(',', f);
                cli_csv_text(f, fl);
                fputc('\n', f);
            } else if (arr) {
                json_t *r = cj_pack(
                    "{s:s,s:i,s:s,s:s,s:s,s:s,s:s,s:s,s:f,s:s,s:s}",
                    "country", o->country, "year", o->year, "year_basis", yb,
                    "indicator", o->indicator, "currency", o->currency,
                    "price_basis", o->price_basis, "definition",
                    o->definition, "vintage", o->vintage, "value", o->value,
                    "source", o->source, "flags", fl);
                if (r && p) {
                    cj_set(r, "previous_vintage",
                                        cj_string("previous_vintage", p->vintage));
                    cj_set(r, "change", json_real(d));
                    if (isfinite(pct))
                        cj_set(r, "change_pct", json_real(pct));
                }
                cj_append(arr, r);
            } else {
                if (p) {
                    char t[64];
                    val(o, t, sizeof t);
                    (void)t;
                    char db[64], pb[64];
                    if (o->currency[0] && strcmp(o->indicator, "fx") != 0)
                        ds_format_grouped(d, 0, db, sizeof db);
                    else
                        ds_format_full(d, db, sizeof db);
                    /* the sign added without cutting a digit */
                    ds_format_whole(b, sizeof b, "%s%s",
                                    d > 0 && db[0] != '#' ? "+" : "", db);
                    if (isfinite(pct))
                        ds_format_whole(pc, sizeof pc, "%s%s%%",
                                        pct >= 0 ? "+" : "",
                                        ds_format_fixed(pct, 2, pb,
                                                        sizeof pb));
                    else
                        snprintf(pc, sizeof pc, "n/a");
                } else {
                    snprintf(b, sizeof b, "-");
                    snprintf(pc, sizeof pc, "-");
                }
                fprintf(f, "%-4s %4d %-9s %-3s %-8s %-22s %-10s %24s %22s %9s  "
                           "%s%s%s%s\n",
                        o->country, o->year, yb,
                        o->currency[0] ? o->currency : "-",
                        o->price_basis[0] ? o->price_basis : "-",
                        o->definition,
                        o->vintage, val(o, a, sizeof a), b, pc, o->source,
                        fl[0] ? " [" : "", fl, fl[0] ? "]" : "");
            }
        }
        shown++;
        i = j;
    }
    if (arr) {
        if (!cj_dump(f, arr, JSON_INDENT(2) | JSON_REAL_PRECISION(17))) {
            rc = cj_report();
            ds_revisions_free(rv);
            cli_out_discard(&out);
            ds_store_free(s);
            return rc == EXIT_OK ? EXIT_IO : rc;
        }
    } else if (common.format == FMT_TABLE && shown == 0) {
        fprintf(f, "no %s figure for %s has more than one vintage%s\n",
                indicator, iso3, k ? "" : " (no data at all)");
    }
    ds_revisions_free(rv);
    rc = cli_out_finish(&out, &common);
    ds_store_free(s);
    return rc;
}
