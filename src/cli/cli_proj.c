/* cli_proj.c - table, number and citation helpers for the projection
 * commands.  Promises: numbers print in the C locale; NaN prints as "n/a"
 * in tables and as empty / null in CSV / JSON (missing, never zero).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_proj.h"
#include "cli_opts.h"

int
cp_country(const ds_store *s, const char *name, char *out, size_t size)
{
    return cli_country(s, name, out, size); /* the one resolver */
}

int
cp_number_list(const char *opt, const char *text, double *out, size_t cap,
               size_t *n)
{
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", text);
    size_t k = 0;
    char *save = NULL;
    for (char *t = strtok_r(buf, ",", &save); t;
         t = strtok_r(NULL, ",", &save)) {
        if (k == cap) {
            cli_error("%s: more than %zu values", opt, cap);
            return 0;
        }
        if (!cp_number(opt, t, &out[k]))
            return 0;
        k++;
    }
    if (!k) {
        cli_error("%s: empty list", opt);
        return 0;
    }
    *n = k;
    return 1;
}

int
cp_number(const char *opt, const char *text, double *out)
{
    double v;
    if (!ds_parse_double(text, &v) || !isfinite(v)) {
        cli_error("%s: invalid number '%s'", opt, text);
        return 0;
    }
    *out = v;
    return 1;
}

int
cp_int(const char *opt, const char *text, long min, long max, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < min || v > max) {
        cli_error("%s: invalid value '%s' (expected an integer %ld-%ld)", opt,
                  text, min, max);
        return 0;
    }
    *out = v;
    return 1;
}

int
cp_spec_opt(int c, const char *arg, ds_project_spec *spec)
{
    long y;
    switch (c) {
    case 'B':
    case 'F':
        if (!cp_int(c == 'B' ? "--by" : "--from", arg, 1000, 3000, &y))
            return EXIT_USAGE;
        *(c == 'B' ? &spec->by_year : &spec->from_year) = (int)y;
        return 0;
    case 'p':
        if (strcmp(arg, "linear") == 0)
            spec->path = DS_PATH_LINEAR;
        else if (strcmp(arg, "growth") == 0)
            spec->path = DS_PATH_GROWTH;
        else if (strcmp(arg, "step") == 0)
            spec->path = DS_PATH_STEP;
        else {
            cli_error("invalid path '%s' (expected linear, growth or step)",
                      arg);
            return EXIT_USAGE;
        }
        return 0;
    }
    return 0;
}

const char *
cp_month(int m)
{
    static const char *const mon[] = {"",    "Jan", "Feb", "Mar", "Apr",
                                      "May", "Jun", "Jul", "Aug", "Sep",
                                      "Oct", "Nov", "Dec"};
    return m >= 1 && m <= 12 ? mon[m] : "?";
}

int
cp_growth_pct(const char *opt, const char *text, double *out)
{
    double v;
    if (!cp_number(opt, text, &v))
        return 0;
    ds_error err;
    ds_error_clear(&err);
    if (ds_growth_check(v, &err) != DS_OK) {
        cli_error("%s: %s", opt, err.message);
        return 0;
    }
    *out = v;
    return 1;
}

void
cp_growth_init(cp_growth_opts *g)
{
    memset(g, 0, sizeof *g);
    g->growth_pct = NAN;
    g->fit_years = 10;
    g->source = DS_GDP_FIT;
}

int
cp_growth_opt(cp_growth_opts *g, const char *opt, const char *arg)
{
    if (strcmp(opt, "--growth") == 0) {
        if (!cp_growth_pct(opt, arg, &g->growth_pct))
            return 0;
        g->growth_given = 1;
    } else if (strcmp(opt, "--growth-fit") == 0) {
        if (!cp_int(opt, arg, 3, 200, &g->fit_years))
            return 0;
        g->fit_given = 1;
    } else {
        if (strcmp(arg, "weo") == 0 || strcmp(arg, "projections") == 0)
            g->source = DS_GDP_PROJECTIONS;
        else if (strcmp(arg, "fit") == 0)
            g->source = DS_GDP_FIT;
        else if (strcmp(arg, "growth") == 0)
            g->source = DS_GDP_GROWTH;
        else {
            cli_error("invalid GDP source '%s' (expected fit, growth or "
                      "weo)", arg);
            return 0;
        }
        g->src_given = 1;
    }
    return 1;
}

int
cp_growth_finish(const cp_growth_opts *g, ds_project_spec *sp)
{
    if (g->growth_given && g->fit_given && g->source != DS_GDP_PROJECTIONS) {
        cli_error("--growth and --growth-fit exclude each other");
        return 0;
    }
    ds_gdp_source src = g->source;
    if (!g->src_given)
        src = g->growth_given ? DS_GDP_GROWTH : DS_GDP_FIT;
    if (src == DS_GDP_GROWTH && !g->growth_given) {
        cli_error("--gdp-source growth needs --growth PCT");
        return 0;
    }
    sp->gdp_source = src;
    sp->growth_pct = g->growth_pct;
    sp->fit_years = (int)g->fit_years;
    if (src == DS_GDP_PROJECTIONS && g->fit_given)
        sp->growth_pct = NAN; /* continue with the fit */
    return 1;
}
