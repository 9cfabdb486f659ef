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
#include "cli_json.h"

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

static int
cmp_obs(const void *a, const void *b)
{
    const ds_obs *x = *(const ds_obs *const *)a, *y = *(const ds_obs *const *)b;
    int c = strcmp(x->country, y->country);
    if (!c) c = strcmp(x->indicator, y->indicator);
    if (!c) c = strcmp(x->definition, y->definition);
    if (!c) c = strcmp(x->currency, y->currency);
    if (!c) c = (x->year > y->year) - (x->year < y->year);
    if (!c) c = strcmp(x->vintage, y->vintage);
    return c;
}

static void
csv_header(FILE *f)
{
    fputs("country,year,year_basis,indicator,value,currency,price_basis,"
          "definition,source,vintage,flags\n", f);
}

static void
csv_row(FILE *f, const ds_obs *o)
{
    char yb[16], fl[128];
    fprintf(f, "%s,%d,%s,", o->country, o->year,
            ds_year_basis_format(o->fy_start_month, yb, sizeof yb));
    cli_csv_text(f, o->indicator), fputc(',', f);
    cli_csv_num(f, o->value), fputc(',', f);
    cli_csv_text(f, o->currency), fputc(',', f);
    cli_csv_text(f, o->price_basis), fputc(',', f);
    cli_csv_text(f, o->definition), fputc(',', f);
    cli_csv_text(f, o->source), fputc(',', f);
    cli_csv_text(f, o->vintage), fputc(',', f);
    cli_csv_text(f, ds_flags_format(o->flags, fl, sizeof fl));
    fputc('\n', f);
}

struct age;
static void age_text(const ds_obs *o, const struct age *a, char *b,
                     size_t n);

static void
table_row(FILE *f, const ds_obs *o, const struct age *a)
{
    char yb[16], fl[128], v[64], ag[64];
    if (o->currency[0] && strcmp(o->indicator, "fx") != 0)
        ds_format_grouped(o->value, 0, v, sizeof v);
    else
        ds_format_full(o->value, v, sizeof v);
    fprintf(f, "%-4s %4d ", o->country, o->year);
    if (a) {
        age_text(o, a, ag, sizeof ag);
        fprintf(f, "%-37s ", ag);
    }
    fprintf(f, "%-9s %-14s %26s %-3s %-8s %-22s %s %s%s%s%s\n",
            ds_year_basis_format(o->fy_start_month, yb, sizeof yb),
            o->indicator, v, o->currency[0] ? o->currency : "-",
            o->price_basis[0] ? o->price_basis : "-", o->definition,
            o->vintage, o->source,
            o->flags ? " [" : "",
            o->flags ? ds_flags_format(o->flags, fl, sizeof fl) : "",
            o->flags ? "]" : "");
}

static json_t *
json_obs(const ds_obs *o)
{
    char yb[16], fl[128];
    return cj_pack("{s:s,s:i,s:s,s:s,s:f,s:s,s:s,s:s,s:s,s:s,s:s}",
                     "country", o->country, "year", o->year, "year_basis",
                     ds_year_basis_format(o->fy_start_month, yb, sizeof yb),
                     "indicator", o->indicator, "value", o->value,
                     "currency", o->currency, "price_basis", o->price_basis,
                     "definition", o->definition, "source", o->source,
                     "vintage", o->vintage, "flags",
                     ds_flags_format(o->flags, fl, sizeof fl));
}

/* How old a figure is (data latest): ds_select_age. */
typedef struct age {
    int stale, release, store; /* newest year of its release, the store */
} age;

static void
age_text(const ds_obs *o, const age *a, char *b, size_t n)
{
    if (a->stale)
        snprintf(b, n, "as of %d (release %d, store %d)", o->year,
                 a->release, a->store);
    else
        snprintf(b, n, "up to date (release %d, store %d)", a->release,
                 a->store);
}

/* ages: NULL, or one per row (data latest) */
static int
emit(FILE *f, out_format fmt, const ds_obs **v, size_t n, const age *ages)
{
    if (fmt == FMT_CSV) {
        if (ages) {
            fputs("country,year,year_basis,indicator,value,currency,"
                  "price_basis,definition,source,vintage,flags,stale,"
                  "newest_in_release,newest_in_store\n", f);
            for (size_t i = 0; i < n; i++) {
                /* the row without its newline, then the age columns */
                char *line = NULL;
                size_t len = 0;
                FILE *m = open_memstream(&line, &len);
                if (!m)
                    return 0;
                csv_row(m, v[i]);
                if (fclose(m) != 0) {
                    free(line);
                    return 0;
                }
                if (len && line[len - 1] == '\n')
                    len--;
                fprintf(f, "%.*s,%d,%d,%d\n", (int)len, line, ages[i].stale,
                        ages[i].release, ages[i].store);
                free(line);
            }
        } else {
            csv_header(f);
            for (size_t i = 0; i < n; i++)
                csv_row(f, v[i]);
        }
    } else if (fmt == FMT_JSON) {
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++) {
            json_t *o = json_obs(v[i]);
            if (ages) {
                cj_set(o, "stale",
                                    json_boolean(ages[i].stale));
                cj_set(o, "newest_in_release",
                                    json_integer(ages[i].release));
                cj_set(o, "newest_in_store",
                                    json_integer(ages[i].store));
            }
            cj_append(a, o);
        }
        return cj_dump(f, a, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
    } else {
        if (ages)
            fprintf(f, "%-4s %4s %-37s %-9s %-14s %26s %-3s %-8s %-22s %s "
                       "%s\n",
                    "cty", "year", "age (newest year: release, store)",
                    "basis", "indicator", "value (units)", "cur", "prices",
                    "definition", "vintage", "source [flags]");
        else
            fprintf(f, "%-4s %4s %-9s %-14s %26s %-3s %-8s %-22s %s %s\n",
                    "cty", "year", "basis", "indicator", "value (units)",
                    "cur", "prices", "definition", "vintage",
                    "source [flags]");
        for (size_t i = 0; i < n; i++)
            table_row(f, v[i], ages ? &ages[i] : NULL);
    }
    return 1;
}

static int
resolve_country(const ds_store *s, const char *name, char *iso3, size_t n)
{
    const ds_countries *cs = ds_store_countries(s);
    if (!cs) {
        snprintf(iso3, n, "%s", name);
        return EXIT_OK;
    }
    const ds_country *c;
    ds_error err;
    ds_error_clear(&err);
    if (ds_countries_lookup(cs, name, &c, &err) != DS_OK)
        return cli_report(&err);
    snprintf(iso3, n, "%s", c->iso3);
    return EXIT_OK;
}

/* list: one line per country x indicator x definition x currency. */
static int
do_list(FILE *f, const ds_store *s, out_format fmt)
{
    size_t n = ds_store_count(s);
    const ds_obs **v = malloc((n ? n : 1) * sizeof *v);
    if (!v)
        return 0;
    for (size_t i = 0; i < n; i++)
        v[i] = ds_store_get(s, i);
    qsort(v, n, sizeof *v, cmp_obs);
    json_t *arr = fmt == FMT_JSON ? json_array() : NULL;
    if (fmt == FMT_CSV)
        fputs("country,indicator,definition,currency,first_year,last_year,"
              "observations,source,vintages\n", f);
    else if (fmt == FMT_TABLE)
        fprintf(f, "%-4s %-19s %-22s %-3s %-9s %6s  %s\n", "cty",
                "indicator", "definition", "cur", "years", "obs",
                "vintages; source");
    for (size_t i = 0; i < n;) {
        size_t j = i;
        int lo = v[i]->year, hi = v[i]->year;
        char vint[256] = "";
        while (j < n && strcmp(v[j]->country, v[i]->country) == 0 &&
               strcmp(v[j]->indicator, v[i]->indicator) == 0 &&
               strcmp(v[j]->definition, v[i]->definition) == 0 &&
               strcmp(v[j]->currency, v[i]->currency) == 0) {
            if (v[j]->year < lo) lo = v[j]->year;
            if (v[j]->year > hi) hi = v[j]->year;
            if (!strstr(vint, v[j]->vintage) && strlen(vint) + 12 < sizeof vint) {
                if (vint[0])
                    strcat(vint, " ");
                strcat(vint, v[j]->vintage);
            }
            j++;
        }
        const ds_obs *o = v[i];
        if (fmt == FMT_CSV) {
            fprintf(f, "%s,%s,%s,%s,%d,%d,%zu,", o->country, o->indicator,
                    o->definition, o->currency, lo, hi, j - i);
            cli_csv_text(f, o->source), fputc(',', f);
            cli_csv_text(f, vint), fputc('\n', f);
        } else if (fmt == FMT_JSON) {
            cj_append(
                arr, cj_pack("{s:s,s:s,s:s,s:s,s:i,s:i,s:i,s:s,s:s}",
                               "country", o->country, "indicator",
                               o->indicator, "definition", o->definition,
                               "currency", o->currency, "first_year", lo,
                               "last_year", hi, "observations", (int)(j - i),
                               "source", o->source, "vintages", vint));
        } else {
            char yr[16];
            snprintf(yr, sizeof yr, "%d-%d", lo, hi);
            fprintf(f, "%-4s %-19s %-22s %-3s %-9s %6zu  %s; %s\n",
                    o->country, o->indicator, o->definition,
                    o->currency[0] ? o->currency : "-", yr, j - i, vint,
                    o->source);
        }
        i = j;
    }
    int ok = 1;
    if (arr) {
        ok = cj_dump(f, arr, JSON_INDENT(2));
    }
    free(v);
    return ok;
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
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"data", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
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
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc - 1, argv + 1, ":h", opts, NULL)) != -1) {
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
        case 'y': {
            char *end;
            long y = strtol(optarg, &end, 10);
            if (*end || end == optarg || y < 1000 || y > 3000) {
                cli_error("invalid year '%s' (expected e.g. 2024)", optarg);
                return EXIT_USAGE;
            }
            flt.year = (int)y;
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
            return cli_option_error(c, argv + 1, "data", opts);
        }
    }
    if (optind < argc - 1) {
        cli_error("unexpected argument '%s'", argv[optind + 1]);
        return EXIT_USAGE;
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
    cli_out out;
    if (!cli_out_open(&out)) {
        ds_store_free(s);
        cli_error("out of memory");
        return EXIT_IO;
    }
    int ok = 1;
    rc = EXIT_OK;
    if (strcmp(sub, "list") == 0) {
        ok = do_list(out.f, s, common.format);
    } else if (strcmp(sub, "show") == 0) {
        char iso3[17];
        rc = resolve_country(s, country, iso3, sizeof iso3);
        if (rc == EXIT_OK) {
            flt.country = iso3;
            size_t n = ds_store_count(s), k = 0;
            const ds_obs **v = malloc((n ? n : 1) * sizeof *v);
            if (!v) {
                ok = 0;
            } else {
                for (size_t i = 0; i < n; i++)
                    if (obs_match(ds_store_get(s, i), &flt))
                        v[k++] = ds_store_get(s, i);
                qsort(v, k, sizeof *v, cmp_obs);
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
                    const char *near = ds_suggest(flt.indicator, inds, ni);
                    cli_error("no %s data for %s in the store%s%s%s%s",
                              flt.indicator, iso3,
                              flt.year ? " for that year" : "",
                              near ? "; did you mean '" : "",
                              near ? near : "",
                              near ? "'? (see defspend data list)"
                                   : " (see defspend data list)");
                    rc = EXIT_DATA;
                } else {
                    ok = emit(out.f, common.format, v, k, NULL);
                }
                free(v);
            }
        }
    } else { /* latest */
        size_t n = ds_store_count(s), k = 0;
        const ds_obs **v = malloc((n ? n : 1) * sizeof *v);
        char want[4096] = "";
        const char *list = countries ? countries : country;
        if (list) {
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
                rc = resolve_country(s, t, iso3, sizeof iso3);
                if (rc == EXIT_OK && strlen(want) + 20 < sizeof want) {
                    strcat(want, ",");
                    strcat(want, iso3);
                }
            }
            strcat(want, ",");
            free(copy);
        }
        if (!v) {
            ok = 0;
        } else if (rc == EXIT_OK) {
            /* per country: the preferred series (the store's rule: calendar
             * year, definition rank, currency, newest vintage), then its
             * latest year at or before --year */
            for (size_t i = 0; i < n; i++) {
                const ds_obs *o = ds_store_get(s, i);
                char key[24];
                snprintf(key, sizeof key, ",%s,", o->country);
                if (strcmp(o->indicator, flt.indicator) != 0 ||
                    (want[0] && !strstr(want, key)))
                    continue;
                int seen = 0;
                for (size_t j = 0; j < k && !seen; j++)
                    seen = strcmp(v[j]->country, o->country) == 0;
                if (seen)
                    continue;
                ds_query q = {o->country, flt.indicator, 0, flt.currency,
                              flt.definition, flt.vintage, NULL, 0, DS_ACTUALS_ONLY};
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
                    if (flt.year && years[j] > flt.year)
                        continue;
                    q.year = years[j];
                    if (ds_store_find(s, &q, &best, NULL) != DS_OK)
                        best = NULL;
                }
                if (best)
                    v[k++] = best;
            }
            if (k == 0) {
                cli_error("no %s data%s%s in the store (see defspend data "
                          "list)", flt.indicator,
                          want[0] ? " for those countries" : "",
                          flt.year ? " up to that year" : "");
                rc = EXIT_DATA;
            } else {
                qsort(v, k, sizeof *v, cmp_obs);
                /* how old each figure is: the newest year of its release
                 * and of the store (select.h) */
                age *ages = calloc(k, sizeof *ages);
                if (!ages) {
                    ok = 0;
                } else {
                    for (size_t j = 0; j < k; j++)
                        ages[j].stale = ds_select_age(s, v[j],
                                                      &ages[j].release,
                                                      &ages[j].store);
                    ok = emit(out.f, common.format, v, k, ages);
                    free(ages);
                }
            }
        }
        free(v);
    }
    if (!ok) {
        rc = cj_report();
        if (rc == EXIT_OK) {
            cli_error("out of memory");
            rc = EXIT_IO;
        }
    }
    if (rc != EXIT_OK)
        cli_out_discard(&out);
    else
        rc = cli_out_finish(&out, &common);
    ds_store_free(s);
    return rc;
}
