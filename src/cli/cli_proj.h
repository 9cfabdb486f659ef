/* cli_proj.h - helpers shared by the projection-family commands (project,
 * convert, sensitivity, compare): option parsing and country
 * resolution.
 */
#ifndef DS_CLI_PROJ_H
#define DS_CLI_PROJ_H

#include <stdio.h>

#include "cli.h"

/* Resolve a country name or code to ISO3 in out (size >= 8); prints the
 * error and returns an exit code on failure, 0 on success. */
int cp_country(const ds_store *s, const char *name, char *out, size_t size);

/* Parse a number / integer option; prints an error naming opt on failure
 * and returns 0. */
int cp_number(const char *opt, const char *text, double *out);
/* A comma-separated list of numbers for option opt (at most cap, at least
 * one); prints the error and returns 0 when it is malformed. */
int cp_number_list(const char *opt, const char *text, double *out,
                   size_t cap, size_t *n);
int cp_int(const char *opt, const char *text, long min, long max, long *out);
/* The projection options project and sensitivity share, by their getopt
 * codes: 'B' --by YEAR, 'F' --from YEAR, 'p' --path linear|growth|step,
 * into spec.  Returns 0 when all is well, else prints the error and
 * returns EXIT_USAGE. */
int cp_spec_opt(int c, const char *arg, ds_project_spec *spec);

/* The GDP growth options shared by project and report: --growth PCT,
 * --growth-fit N and --gdp-source fit|growth|weo (projections is an older
 * spelling of weo). */
typedef struct cp_growth_opts {
    int growth_given, fit_given, src_given;
    double growth_pct;
    long fit_years;
    ds_gdp_source source;
} cp_growth_opts;

void cp_growth_init(cp_growth_opts *g);
/* Handle option opt ("--growth", "--growth-fit" or "--gdp-source") with
 * its argument; prints the error and returns 0 on a bad value (a growth
 * outside ds_growth_check's range included). */
int cp_growth_opt(cp_growth_opts *g, const char *opt, const char *arg);
/* Check the combination and write it to sp (gdp_source, growth_pct,
 * fit_years); prints the error and returns 0 on a usage error. */
int cp_growth_finish(const cp_growth_opts *g, ds_project_spec *sp);

/* A growth rate option (PCT a year) within ds_growth_check's range;
 * prints the error naming opt and returns 0 otherwise. */
int cp_growth_pct(const char *opt, const char *text, double *out);

/* "the store in DIR" line for heading: data directory */
const char *cp_month(int m);

#endif
