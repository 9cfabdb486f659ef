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

#include "cli_json.h"
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
        cli_out out;
        if (!cli_out_open(&out)) {
            cli_error("out of memory");
            rc = EXIT_IO;
        } else if (!json_out(out.f, cv)) {
            rc = cj_report();
            cli_out_discard(&out);
        } else {
            rc = cli_out_finish(&out, &common);
        }
    } else {
        ds_table *t = NULL;
        if (ds_convert_table(cv, &t, &err) != DS_OK)
            rc = cli_report(&err);
        else
            rc = cli_write_table(t, &common);
        ds_table_free(t);
    }
    ds_conversion_free(cv);
    ds_store_free(store);
    return rc;
}
