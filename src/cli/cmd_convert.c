/* cmd_convert.c - `defspend convert`: convert a stored series.
 *
 * --to usd | lcu (exchange rate: official, GDP-implied or --rate),
 * --to constant-YYYY (GDP deflator), --to calendar-year (fiscal-year
 * series, start month as recorded).  The method and every rate or deflator
 * used are printed; missing inputs give n/a with a note.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_proj.h"
#include "cli_json.h"

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

static char *
yl(const ds_conversion *c, int year, int out, char *b, size_t n)
{
    int m = out ? c->fy_start_month_out : c->fy_start_month_in;
    if (m <= 1)
        snprintf(b, n, "%d", year);
    else
        snprintf(b, n, "FY%d", year);
    return b;
}

static int
table(FILE *f, const ds_conversion *c, int md)
{
    char hin[64], hout[64];
    snprintf(hin, sizeof hin, "%s %s", c->currency_in, c->price_in);
    snprintf(hout, sizeof hout, "%s %s", c->currency_out, c->price_out);
    int cal = c->fy_start_month_out != c->fy_start_month_in;
    const char *head[6];
    size_t nc = 0;
    head[nc++] = "year";
    if (cal) {
        head[nc++] = "FY t-1";
        head[nc++] = "FY t";
    } else {
        head[nc++] = hin;
        head[nc++] = "factor";
    }
    head[nc++] = hout;
    head[nc++] = "flags";
    head[nc++] = "note";
    int right[6] = {0, 1, 1, 1, 0, 0};
    cp_table t;
    if (!cp_table_init(&t, nc, head, right))
        return 0;
    const char *notes[64]; /* distinct row notes, printed after the table */
    size_t nnotes = 0;
    for (size_t i = 0; i < c->n_rows; i++) {
        const ds_convert_row *r = &c->rows[i];
        char cell[6][CP_CELL];
        const char *row[6];
        char y[16];
        snprintf(cell[0], CP_CELL, "%s", yl(c, r->year, 1, y, sizeof y));
        if (cal) {
            cp_money(r->in_prev, c->currency_in, cell[1], CP_CELL);
            cp_money(r->in, c->currency_in, cell[2], CP_CELL);
        } else {
            cp_money(r->in, c->currency_in, cell[1], CP_CELL);
            if (isfinite(r->factor))
                snprintf(cell[2], CP_CELL, "%.6g", r->factor);
            else
                snprintf(cell[2], CP_CELL, "n/a");
        }
        cp_money(r->out, c->currency_out, cell[3], CP_CELL);
        ds_flags_format(r->flags, cell[4], CP_CELL);
        /* a note goes below the table in full; the cell points to it */
        cell[5][0] = '\0';
        if (r->note[0]) {
            size_t k = 0;
            while (k < nnotes && strcmp(notes[k], r->note) != 0)
                k++;
            if (k == nnotes && nnotes < sizeof notes / sizeof *notes)
                notes[nnotes++] = r->note;
            if (k < nnotes)
                snprintf(cell[5], CP_CELL, "note %zu", k + 1);
            else
                snprintf(cell[5], CP_CELL, "(--format csv has it)");
        }
        for (size_t k = 0; k < 6; k++)
            row[k] = cell[k];
        if (!cp_table_row(&t, row)) {
            cp_table_release(&t);
            return 0;
        }
    }
    char yb[16], yb2[16];
    fprintf(f, "%s%s %s, definition %s (%s; vintage %s), %s\n%s",
            md ? "## " : "", cli_shown(c->iso3, md), c->indicator,
            cli_shown(c->definition, md), cli_shown(c->source, md),
            cli_shown(c->vintage, md), ds_year_basis_format(c->fy_start_month_in, yb,
                                             sizeof yb),
            md ? "\n" : "");
    fprintf(f, "%sFrom: %s, %s prices, %s years\n", md ? "- " : "",
            c->currency_in, c->price_in, yb);
    fprintf(f, "%sTo: %s, %s prices, %s years\n", md ? "- " : "",
            c->currency_out, c->price_out,
            ds_year_basis_format(c->fy_start_month_out, yb2, sizeof yb2));
    fprintf(f, "%sMethod: %s\n", md ? "- " : "", cli_shown(c->method, md));
    for (size_t i = 0; i < c->n_rates && i < 3; i++)
        fprintf(f, "%sRate: %s\n", md ? "- " : "",
                cli_shown(c->rates[i].basis, md));
    if (c->n_rates > 3)
        fprintf(f, "%s... and %zu more rates of the same kind (see --format "
                   "json)\n",
                md ? "- " : "", c->n_rates - 3);
    if (c->n_deflators) {
        char cite[256];
        fprintf(f, "%sDeflator base %d = %.6g (%s)\n", md ? "- " : "",
                c->deflators[0]->year, c->deflators[0]->value,
                cli_shown(cli_cite(c->deflators[0], cite, sizeof cite), md));
    }
    fputc('\n', f);
    cp_table_print(f, &t, md);
    cp_table_release(&t);
    if (nnotes)
        fputc('\n', f);
    for (size_t k = 0; k < nnotes; k++)
        fprintf(f, "%snote %zu: %s\n", md ? "- " : "", k + 1,
                cli_shown(notes[k], md));
    return 1;
}

static void
csv(FILE *f, const ds_conversion *c)
{
    fputs("country,indicator,definition,year,year_basis,value_in,"
          "value_prev_in,currency_in,price_basis_in,factor,value_out,"
          "currency_out,price_basis_out,year_basis_out,flags,note,source,"
          "vintage,method\n",
          f);
    char yb[16], yo[16], fl[128];
    ds_year_basis_format(c->fy_start_month_in, yb, sizeof yb);
    ds_year_basis_format(c->fy_start_month_out, yo, sizeof yo);
    for (size_t i = 0; i < c->n_rows; i++) {
        const ds_convert_row *r = &c->rows[i];
        fprintf(f, "%s,", c->iso3);
        cli_csv_text(f, c->indicator), fputc(',', f);
        cli_csv_text(f, c->definition), fputc(',', f);
        fprintf(f, "%d,%s,", r->year, yb);
        cli_csv_num(f, r->in), fputc(',', f);
        cli_csv_num(f, r->in_prev), fputc(',', f);
        cli_csv_text(f, c->currency_in), fputc(',', f);
        cli_csv_text(f, c->price_in), fputc(',', f);
        cli_csv_num(f, r->factor), fputc(',', f);
        cli_csv_num(f, r->out), fputc(',', f);
        cli_csv_text(f, c->currency_out), fputc(',', f);
        cli_csv_text(f, c->price_out), fputc(',', f);
        fprintf(f, "%s,", yo);
        cli_csv_text(f, ds_flags_format(r->flags, fl, sizeof fl));
        fputc(',', f);
        cli_csv_text(f, r->note), fputc(',', f);
        const ds_obs *src = r->src ? r->src : r->src_prev;
        cli_csv_text(f, src ? src->source : ""), fputc(',', f);
        cli_csv_text(f, src ? src->vintage : ""), fputc(',', f);
        cli_csv_text(f, c->method);
        fputc('\n', f);
    }
}

static int
json_out(FILE *f, const ds_conversion *c)
{
    json_t *rows = json_array(), *rates = json_array(), *defl = json_array();
    char fl[128];
    for (size_t i = 0; i < c->n_rows; i++) {
        const ds_convert_row *r = &c->rows[i];
        cj_append(
            rows, cj_pack("{s:i,s:o,s:o,s:o,s:o,s:s,s:s,s:o,s:o}", "year",
                            r->year, "value_in", cp_jnum(r->in),
                            "value_prev_in", cp_jnum(r->in_prev), "factor",
                            cp_jnum(r->factor), "value_out", cp_jnum(r->out),
                            "flags", ds_flags_format(r->flags, fl, sizeof fl),
                            "note", r->note, "source", cp_jobs(r->src),
                            "source_prev", cp_jobs(r->src_prev)));
    }
    for (size_t i = 0; i < c->n_rates; i++)
        cj_append(
            rates, cj_pack("{s:i,s:o,s:s,s:o,s:o}", "year",
                             c->rates[i].year, "lcu_per_usd",
                             cp_jnum(c->rates[i].lcu_per_usd), "basis",
                             c->rates[i].basis, "observation",
                             cp_jobs(c->rates[i].obs), "observation_usd",
                             cp_jobs(c->rates[i].obs_usd)));
    for (size_t i = 0; i < c->n_deflators; i++)
        cj_append(defl, cp_jobs(c->deflators[i]));
    char yb[16], yo[16];
    json_t *root = cj_pack(
        "{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:o}",
        "defspend_version", DS_VERSION_STRING, "country", c->iso3,
        "indicator", c->indicator, "definition", c->definition,
        "currency_in", c->currency_in, "currency_out", c->currency_out,
        "price_basis_out", c->price_out, "year_basis_in",
        ds_year_basis_format(c->fy_start_month_in, yb, sizeof yb),
        "year_basis_out",
        ds_year_basis_format(c->fy_start_month_out, yo, sizeof yo), "method",
        c->method, "vintage", c->vintage, "rates", rates, "deflators", defl,
        "rows", rows);
    return cp_json_dump(f, root);
}

int
cmd_convert(int argc, char **argv)
{
    static const struct option lo[] = {
        {"country", required_argument, NULL, 'c'},
        {"indicator", required_argument, NULL, 'i'},
        {"definition", required_argument, NULL, 'D'},
        {"to", required_argument, NULL, 't'},
        {"rate", required_argument, NULL, 'r'},
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"data", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_common common = {NULL, NULL, FMT_TABLE};
    const char *country = NULL, *to = NULL;
    ds_convert_spec spec;
    memset(&spec, 0, sizeof spec);
    spec.rate_kind = DS_RATE_OFFICIAL;
    spec.user_rate = NAN;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
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
            return cli_option_error(c, argv, "convert", lo);
        }
    }
    if (optind < argc) {
        cli_error("unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    if (!country || !spec.indicator || !to) {
        cli_error("--country, --indicator and --to are required (see "
                  "defspend convert --help)");
        return EXIT_USAGE;
    }
    if (strcmp(to, "calendar-year") == 0 || strcmp(to, "calendar") == 0) {
        spec.to = DS_TO_CALENDAR;
    } else if (strcmp(to, "usd") == 0 || strcmp(to, "USD") == 0) {
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
    if ((rc = cp_country(store, country, iso3, sizeof iso3)) != 0) {
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
    cli_out out;
    if (!cli_out_open(&out)) {
        cli_error("out of memory");
        ds_conversion_free(cv);
        ds_store_free(store);
        return EXIT_IO;
    }
    int ok = 1;
    switch (common.format) {
    case FMT_TABLE: ok = table(out.f, cv, 0); break;
    case FMT_MD: ok = table(out.f, cv, 1); break;
    case FMT_CSV: csv(out.f, cv); break;
    case FMT_JSON: ok = json_out(out.f, cv); break;
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
    ds_conversion_free(cv);
    ds_store_free(store);
    return rc;
}
