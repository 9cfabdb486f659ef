/* cmd_data.c - `defspend data list|show|latest`: what is in the store.
 *
 * Every row printed carries its country, year, year basis, indicator,
 * value in units, currency, price basis, definition, source, vintage and
 * flags, so that a figure copied from here can be cited.
 */
#include <getopt.h>
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_opts.h"

static void
help(FILE *f)
{
    fprintf(f,
"usage: defspend data list [--format table|csv|json]\n"
"       defspend data show --country C --indicator I [--year Y]\n"
"                          [--definition D] [--vintage V] [--currency CUR]\n"
"                          [--format table|csv|json]\n"
"       defspend data latest --indicator I [--countries LIST]\n"
"                          [--format table|csv|json]\n"
"       defspend data revisions --country C --indicator I [--year Y]\n"
"                          [--format table|csv|json]\n"
"\n"
"list: countries, indicators, year ranges, sources and vintages.\n"
"show: every observation of a series (all definitions and vintages unless\n"
"      narrowed); values in units, never thousands or millions.\n"
"latest: the most recent value per country with its year and age: \"as of\n"
"      YEAR\" when older than the newest year of its release (definition\n"
"      and vintage) or more than two years older than the newest year in\n"
"      the store; forecasts are never shown.\n"
"revisions: how figures changed between vintages (releases).\n"
"common options: --data DIR, --output FILE, --help\n"
"\n"
"example: defspend data show --country JPN --indicator milex --format csv\n");
}

typedef struct filter {
    const char *country, *indicator, *definition, *vintage, *currency;
    int year;
} filter;

static int
obs_match(const ds_obs *o, const filter *f)
{
    return (!f->country || strcmp(o->country, f->country) == 0) &&
           (!f->indicator || strcmp(o->indicator, f->indicator) == 0) &&
           (!f->definition || strcmp(o->definition, f->definition) == 0) &&
           (!f->vintage || strcmp(o->vintage, f->vintage) == 0) &&
           (!f->currency || strcmp(o->currency, f->currency) == 0) &&
           (!f->year || o->year == f->year);
}

/* ages: NULL, or one per row (data latest) */
static int
emit(const cli_common *common, const ds_obs **v, size_t n,
     const ds_obs_age *ages)
{
    ds_table *t = NULL;
    ds_error err;
    ds_error_clear(&err);
    if (ds_obs_table(v, n, ages, &t, &err) != DS_OK)
        return cli_report(&err);
    int rc = cli_write_table(t, common);
    ds_table_free(t);
    return rc;
}

/* show: every observation of one country's indicator that the filter
 * lets through. */
static int
do_show(const ds_store *s, filter *flt, const char *country,
        const cli_common *common)
{
    char iso3[17];
    int rc = cli_country(s, country, iso3, sizeof iso3);
    if (rc != EXIT_OK)
        return rc;
    flt->country = iso3;
    size_t n = ds_store_count(s), k = 0;
    const ds_obs **v = malloc((n ? n : 1) * sizeof *v);
    if (!v) {
        cli_error("out of memory");
        return EXIT_IO;
    }
    for (size_t i = 0; i < n; i++)
        if (obs_match(ds_store_get(s, i), flt))
            v[k++] = ds_store_get(s, i);
    qsort(v, k, sizeof *v, ds_obs_order);
    if (k == 0) {
        /* a typo for an indicator the store holds? */
        const char *inds[64];
        size_t ni = 0;
        for (size_t i = 0; i < n && ni < 64; i++) {
            const char *d = ds_store_get(s, i)->indicator;
            size_t j = 0;
            while (j < ni && inds[j] != d)
                j++; /* interned: equal text, equal pointer */
            if (j == ni)
                inds[ni++] = d;
        }
        const char *near = ds_suggest(flt->indicator, inds, ni);
        cli_error("no %s data for %s in the store%s%s%s%s", flt->indicator,
                  iso3, flt->year ? " for that year" : "",
                  near ? "; did you mean '" : "", near ? near : "",
                  near ? "'? (see defspend data list)"
                       : " (see defspend data list)");
        rc = EXIT_DATA;
    } else {
        rc = emit(common, v, k, NULL);
    }
    free(v);
    return rc;
}

/* list (--countries or --country, NULL = every country) as ",ISO3,..,"
 * into want; returns the exit code. */
static int
wanted(const ds_store *s, const char *list, char *want, size_t size)
{
    int rc = EXIT_OK;
    want[0] = '\0';
    if (!list)
        return rc;
    /* resolve each name to ISO3; items are trimmed */
    char *copy = strdup(list);
    char *save = NULL;
    for (char *t = copy ? strtok_r(copy, ",", &save) : NULL;
         t && rc == EXIT_OK; t = strtok_r(NULL, ",", &save)) {
        while (*t == ' ' || *t == '\t')
            t++;
        size_t l = strlen(t);
        while (l > 0 && (t[l - 1] == ' ' || t[l - 1] == '\t'))
            t[--l] = '\0';
        char iso3[17];
        rc = cli_country(s, t, iso3, sizeof iso3);
        if (rc == EXIT_OK && strlen(want) + 20 < size) {
            strcat(want, ",");
            strcat(want, iso3);
        }
    }
    strcat(want, ",");
    free(copy);
    return rc;
}

/* latest: per country, the preferred series (the store's rule: calendar
 * year, definition rank, currency, newest vintage), then its latest year
 * at or before --year, with how old it is. */
static int
do_latest(const ds_store *s, const filter *flt, const char *list,
          const cli_common *common)
{
    char want[4096];
    int rc = wanted(s, list, want, sizeof want);
    if (rc != EXIT_OK)
        return rc;
    size_t n = ds_store_count(s), k = 0;
    const ds_obs **v = malloc((n ? n : 1) * sizeof *v);
    if (!v) {
        cli_error("out of memory");
        return EXIT_IO;
    }
    for (size_t i = 0; i < n; i++) {
        const ds_obs *o = ds_store_get(s, i);
        char key[24];
        snprintf(key, sizeof key, ",%s,", o->country);
        if (strcmp(o->indicator, flt->indicator) != 0 ||
            (want[0] && !strstr(want, key)))
            continue;
        int seen = 0;
        for (size_t j = 0; j < k && !seen; j++)
            seen = strcmp(v[j]->country, o->country) == 0;
        if (seen)
            continue;
        ds_query q = {o->country, flt->indicator, 0, flt->currency,
                      flt->definition, flt->vintage, NULL, 0,
                      DS_ACTUALS_ONLY};
        const ds_obs *series, *best = NULL;
        if (ds_store_find(s, &q, &series, NULL) != DS_OK)
            continue;
        q.definition = series->definition;
        q.currency = series->currency;
        q.fy_start_month = series->fy_start_month;
        int years[1024];
        size_t ny = 0;
        if (ds_store_years(s, &q, years, 1024, &ny, NULL) != DS_OK)
            continue;
        if (ny > 1024)
            ny = 1024;
        for (size_t j = ny; j-- > 0 && !best;) {
            if (flt->year && years[j] > flt->year)
                continue;
            q.year = years[j];
            if (ds_store_find(s, &q, &best, NULL) != DS_OK)
                best = NULL;
        }
        if (best)
            v[k++] = best;
    }
    if (k == 0) {
        cli_error("no %s data%s%s in the store (see defspend data list)",
                  flt->indicator, want[0] ? " for those countries" : "",
                  flt->year ? " up to that year" : "");
        free(v);
        return EXIT_DATA;
    }
    qsort(v, k, sizeof *v, ds_obs_order);
    /* how old each figure is: the newest year of its release and of the
     * store (select.h) */
    ds_obs_age *ages = calloc(k, sizeof *ages);
    if (!ages) {
        cli_error("out of memory");
        rc = EXIT_IO;
    } else {
        for (size_t j = 0; j < k; j++)
            ages[j].stale = ds_select_age(s, v[j], &ages[j].newest_in_release,
                                          &ages[j].newest_in_store);
        rc = emit(common, v, k, ages);
    }
    free(ages);
    free(v);
    return rc;
}

int
cmd_data(int argc, char **argv)
{
    static const struct option opts[] = {
        {"country", required_argument, NULL, 'c'},
        {"countries", required_argument, NULL, 'C'},
        {"indicator", required_argument, NULL, 'i'},
        {"year", required_argument, NULL, 'y'},
        {"definition", required_argument, NULL, 'D'},
        {"vintage", required_argument, NULL, 'v'},
        {"currency", required_argument, NULL, 'u'},
        CLI_OPT_END};
    /* the subcommand may follow options (data --data DIR list): move it
     * to argv[1] */
    int si = 1;
    while (si < argc && argv[si][0] == '-') {
        if (strcmp(argv[si], "--help") == 0 || strcmp(argv[si], "-h") == 0) {
            help(stdout);
            return EXIT_OK;
        }
        si += strncmp(argv[si], "--", 2) == 0 && !strchr(argv[si], '=') ? 2 : 1;
    }
    if (si >= argc) {
        help(stderr);
        return EXIT_USAGE;
    }
    for (char *sv = argv[si]; si > 1; si--)
        argv[si] = argv[si - 1], argv[si - 1] = sv;
    const char *sub = argv[1];
    if (strcmp(sub, "revisions") == 0)
        return cmd_data_revisions(argc - 1, argv + 1);
    if (strcmp(sub, "list") != 0 && strcmp(sub, "show") != 0 &&
        strcmp(sub, "latest") != 0) {
        cli_error("unknown data command '%s' (expected list, show or latest)",
                  sub);
        return EXIT_USAGE;
    }
    cli_common common = {NULL, NULL, FMT_TABLE};
    filter flt = {NULL, NULL, NULL, NULL, NULL, 0};
    const char *country = NULL, *countries = NULL;
    cli_options p;
    cli_options_init(&p, "data", opts, &common, help);
    p.md_ok = 0;
    int c;
    while ((c = cli_options_next(&p, argc - 1, argv + 1)) != -1) {
        switch (c) {
        case 'c': country = optarg; break;
        case 'C': countries = optarg; break;
        case 'i': flt.indicator = optarg; break;
        case 'D': flt.definition = optarg; break;
        case 'v': {
            /* a filter that names no day could only ever match nothing */
            ds_error err;
            if (ds_date_parse(optarg, NULL, NULL, NULL, &err) != DS_OK) {
                cli_error("--vintage: %s", err.message);
                return EXIT_USAGE;
            }
            flt.vintage = optarg;
            break;
        }
        case 'u': flt.currency = optarg; break;
        case 'y':
            if (!cli_parse_year(optarg, &flt.year))
                return EXIT_USAGE;
            break;
        case CLI_OPT_STOP: return p.rc;
        }
    }
    if (strcmp(sub, "show") == 0 && (!country || !flt.indicator)) {
        cli_error("data show needs --country and --indicator");
        return EXIT_USAGE;
    }
    if (strcmp(sub, "latest") == 0 && !flt.indicator) {
        cli_error("data latest needs --indicator");
        return EXIT_USAGE;
    }
    int rc;
    ds_store *s = cli_open_store(&common, &rc);
    if (!s)
        return rc;
    if (strcmp(sub, "list") == 0) {
        ds_table *t = NULL;
        ds_error err;
        ds_error_clear(&err);
        if (ds_store_list_table(s, &t, &err) != DS_OK)
            rc = cli_report(&err);
        else
            rc = cli_write_table(t, &common);
        ds_table_free(t);
    } else if (strcmp(sub, "show") == 0) {
        rc = do_show(s, &flt, country, &common);
    } else {
        rc = do_latest(s, &flt, countries ? countries : country, &common);
    }
    ds_store_free(s);
    return rc;
}
