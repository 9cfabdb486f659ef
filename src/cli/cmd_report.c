/* cmd_report.c - `defspend report --out DIR`: a report folder.
 *
 * report.md and a self-contained report.html (charts inlined as SVG, no
 * external asset, no script, a Content-Security-Policy that forbids any
 * fetch), the charts as PNG with their .plot.gp and .plot.csv, and a CSV
 * of every table.  Default: Japan at 1/3/3.5/5% of GDP against the FY2024 budget
 * (~$56 bn), the paths to 3.5% and 5% by 2035 with Monte Carlo bands
 * (fixed, printed seed), and the US allies (Indo-Pacific treaty allies and
 * the G7) compared.  The calculations are those of `scenarios`,
 * `project` and `compare`.  A new folder is built in a temporary sibling
 * and moved into place; an existing one (empty, or written by defspend
 * report, or any with --force) gets the files built inside it and swapped
 * in with a rollback (see "the folder" in src/lib/report.c), so a failure leaves no
 * partial report and an existing folder as it was; report.md has no
 * path or version and its only date is --date (default today), so the
 * same data and date give the same report.  --pdf prints report.html to
 * report.pdf with headless Chromium (ds_report_folder_pdf) before the
 * folder is committed; without Chromium the rest is written and the exit
 * status is 4.
 *
 * The report is the library's (defspend/report.h: ds_report_compute,
 * ds_report_write, the ds_report_folder_* calls); this file parses the
 * options, resolves countries, baseline and growth options, and prints.
 */
#include <dirent.h>
#include <sys/stat.h>
#include <time.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_plot.h"
#include "cli_proj.h"

#define MAXN 16
#define MAX_COUNTRIES 64
#define DEFAULT_SEED DS_CHART_DEFAULT_SEED
#define DEFAULT_ALLIES "JPN,KOR,AUS,NZL,PHL,THA,USA,GBR,DEU,FRA,ITA,CAN"

static void
help(FILE *f)
{
    fprintf(f,
"usage: defspend report --out DIR [OPTIONS]\n"
"\n"
"Write a report folder: report.md, a self-contained report.html (charts\n"
"inlined as SVG; no external file, no network), the charts as PNG with\n"
"their gnuplot scripts and data, and a CSV of every table.  Default: Japan\n"
"at 1, 3, 3.5 and 5%% of GDP against the FY2024 budget, the paths to 3.5%%\n"
"and 5%% by 2035 with Monte Carlo bands, and the US allies compared.\n"
"\n"
"options:\n"
"  --out DIR          the folder: created, or one defspend report wrote\n"
"                     (its files replaced, others left alone), or empty\n"
"  --force            also write into a non-empty folder defspend did not\n"
"                     write, replacing files with a report file's name\n"
"  --country C        ISO3 code or name (default JPN)\n"
"  --targets LIST     scenario shares, %% (default 1,3,3.5,5)\n"
"  --path-targets L   projection shares, %% (default 3.5,5)\n"
"  --baseline B       amount with unit, DEFINITION:YEAR, 'data' or 'none'\n"
"                     (as in scenarios)\n"
"  --source D         spending definition: wdi, sipri, nato, mod_budget ...\n"
"                     (default: the first of wdi, sipri, nato with a figure)\n"
"  --by YEAR          projection target year (default 2035)\n"
"  --countries LIST   comparison (default %s)\n"
"  --simulate N       Monte Carlo draws (default 2000; 0 = none)\n"
"  --seed S           random seed (default %lu)\n"
"  --growth PCT       projection: constant nominal GDP growth, %% a year\n"
"  --growth-fit N     projection: growth fitted to the last N years\n"
"                     (default 10)\n"
"  --gdp-source S     projection: fit, growth or weo (as in project)\n"
"  --title T          the report's title (default: Defense spending at\n"
"                     shares of GDP: COUNTRY)\n"
"  --subtitle T       a subtitle under it\n"
"  --author NAME      the author, under the title\n"
"  --date YYYY-MM-DD  the report's date (default today, UTC); give it and\n"
"                     the same data give a byte-identical report\n"
"  --pdf              also print report.html to report.pdf with headless\n"
"                     Chromium (chromium, chromium-browser or google-chrome\n"
"                     on PATH, or $DEFSPEND_CHROMIUM)\n"
"  --data DIR         read the store in DIR\n"
"  --help             this help\n"
"\n"
"exit status: 0 ok, 1 data error, 2 usage error, 3 i/o error, 4 report\n"
"written without charts (gnuplot missing or failed) or without the PDF\n"
"(Chromium missing or failed)\n"
"\n"
"example: defspend report --out japan-report --title \"Japan at 3.5%%\" --pdf\n",
            DEFAULT_ALLIES, DEFAULT_SEED);
}

/* ------------------------------------------------------------ command */

typedef struct ropts {
    const char *out, *country, *baseline, *countries;
    const char *source; /* --source: spending definition, NULL = default */
    double targets[MAXN], ptargets[MAXN];
    size_t nt, npt;
    long by, draws;
    unsigned long seed;
    cp_growth_opts growth; /* --growth, --growth-fit, --gdp-source */
    int force;             /* --force: write into any directory */
    const char *title, *subtitle, *author, *date; /* the document */
    int pdf;               /* --pdf */
    cli_common common;
} ropts;

/* A calendar date YYYY-MM-DD. */
static int
valid_date(const char *s)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d;
    char end;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &end) != 3 || y < 1000 ||
        m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

static int
parse_opts(int argc, char **argv, ropts *o)
{
    static const struct option lo[] = {
        {"out", required_argument, NULL, 'o'},
        {"country", required_argument, NULL, 'c'},
        {"targets", required_argument, NULL, 't'},
        {"path-targets", required_argument, NULL, 'P'},
        {"baseline", required_argument, NULL, 'b'},
        {"source", required_argument, NULL, 1000},
        {"by", required_argument, NULL, 'B'},
        {"countries", required_argument, NULL, 'C'},
        {"simulate", required_argument, NULL, 's'},
        {"seed", required_argument, NULL, 'S'},
        {"growth", required_argument, NULL, 'g'},
        {"growth-fit", required_argument, NULL, 'G'},
        {"gdp-source", required_argument, NULL, 'W'},
        {"data", required_argument, NULL, 'd'},
        {"force", no_argument, NULL, 'F'},
        {"title", required_argument, NULL, 1001},
        {"subtitle", required_argument, NULL, 1002},
        {"author", required_argument, NULL, 1003},
        {"date", required_argument, NULL, 1004},
        {"pdf", no_argument, NULL, 1005},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    ds_error err;
    ds_error_clear(&err);
    optind = 1;
    opterr = 0;
    int c;
    long lv;
    while ((c = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
        switch (c) {
        case 'o': o->out = optarg; break;
        case 'c': o->country = optarg; break;
        case 't':
            if (ds_targets_parse(optarg, o->targets, MAXN, &o->nt, &err) !=
                DS_OK) {
                cli_error("--targets: %s", err.message);
                return EXIT_USAGE;
            }
            break;
        case 'P':
            if (ds_targets_parse(optarg, o->ptargets, MAXN, &o->npt, &err) !=
                DS_OK) {
                cli_error("--path-targets: %s", err.message);
                return EXIT_USAGE;
            }
            break;
        case 'b': o->baseline = optarg; break;
        case 1000: o->source = optarg; break;
        case 'B':
            if (!cp_int("--by", optarg, 1000, 3000, &o->by))
                return EXIT_USAGE;
            break;
        case 'C': o->countries = optarg; break;
        case 's':
            if (!cp_int("--simulate", optarg, 0, 1000000, &o->draws))
                return EXIT_USAGE;
            break;
        case 'S':
            if (!cp_int("--seed", optarg, 0, 2147483647L, &lv))
                return EXIT_USAGE;
            o->seed = (unsigned long)lv;
            break;
        case 'g':
        case 'G':
        case 'W':
            if (!cp_growth_opt(&o->growth,
                               c == 'g'   ? "--growth"
                               : c == 'G' ? "--growth-fit"
                                          : "--gdp-source",
                               optarg))
                return EXIT_USAGE;
            break;
        case 'd': o->common.data_dir = optarg; break;
        case 'F': o->force = 1; break;
        case 1001: o->title = optarg; break;
        case 1002: o->subtitle = optarg; break;
        case 1003: o->author = optarg; break;
        case 1004:
            if (!valid_date(optarg)) {
                cli_error("--date: '%s' is not a date YYYY-MM-DD", optarg);
                return EXIT_USAGE;
            }
            o->date = optarg;
            break;
        case 1005: o->pdf = 1; break;
        case 'h': help(stdout); return -1;
        default: return cli_option_error(c, argv, "report", lo);
        }
    }
    if (optind < argc) {
        cli_error("unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    if (!o->out || !o->out[0]) {
        cli_error("report needs --out DIR");
        return EXIT_USAGE;
    }
    return 0;
}

/* Resolve the countries, the baseline and the growth options into spec
 * (codes holds the ISO3 codes), then run the report's calculations. */
static int
compute(const ds_store *st, ropts *o, ds_report **r)
{
    ds_error err;
    ds_error_clear(&err);
    static char iso3[16];
    int rc = cp_country(st, o->country, iso3, sizeof iso3);
    if (rc)
        return rc;
    ds_report_spec spec;
    ds_report_spec_init(&spec);
    spec.country = iso3;
    spec.targets_pct = o->targets;
    spec.n_targets = o->nt;
    static ds_baseline_choice bc;
    if (!cli_parse_baseline(o->baseline, &bc))
        return EXIT_USAGE;
    spec.baseline = &bc;
    spec.source = o->source;
    spec.path_targets_pct = o->ptargets;
    spec.n_path_targets = o->npt;
    spec.by = (int)o->by;
    ds_project_spec ps;
    ds_project_spec_init(&ps);
    if (!cp_growth_finish(&o->growth, &ps))
        return EXIT_USAGE;
    spec.gdp_source = ps.gdp_source;
    spec.growth_pct = ps.growth_pct;
    spec.fit_years = ps.fit_years;
    spec.draws = (size_t)o->draws;
    spec.seed = o->seed;
    spec.title = o->title;
    spec.subtitle = o->subtitle;
    spec.author = o->author;
    spec.date = o->date;
    static char codes[MAX_COUNTRIES][16];
    static const char *ptr[MAX_COUNTRIES];
    size_t n = 0;
    char *copy = strdup(o->countries), *save = NULL;
    if (!copy) {
        cli_error("out of memory");
        return EXIT_DATA;
    }
    for (char *t = strtok_r(copy, ",", &save); t && !rc;
         t = strtok_r(NULL, ",", &save)) {
        while (*t == ' ')
            t++;
        if (!*t)
            continue;
        if (n == MAX_COUNTRIES) {
            cli_error("--countries: more than %d countries", MAX_COUNTRIES);
            rc = EXIT_USAGE;
            break;
        }
        rc = cp_country(st, t, codes[n], sizeof codes[n]);
        ptr[n] = codes[n];
        n++;
    }
    free(copy);
    if (rc)
        return rc;
    spec.countries = ptr;
    spec.n_countries = n;
    if (ds_report_compute(st, &spec, r, &err) != DS_OK) {
        const char *sd = err.code == DS_ENOTFOUND
                             ? ds_report_missing_sd(st, &spec)
                             : NULL;
        rc = cli_report(&err);
        /* the report takes no sd: the Monte Carlo is left out */
        if (sd)
            cli_hint_rerun(strcmp(sd, "fx_sd") == 0
                               ? "without the Monte Carlo (the exchange "
                                 "rate's volatility cannot be estimated)"
                               : "without the Monte Carlo (the volatility "
                                 "of growth cannot be estimated)",
                           "--simulate 0");
        return rc;
    }
    return 0;
}

/* gnuplot's warnings and why it failed, as `defspend plot` prints them */
static void
say(ds_status code, const ds_error *err, const char *text, void *ctx)
{
    (void)ctx;
    if (code == DS_OK) {
        char *t = strdup(text);
        if (!t)
            return;
        fputs("defspend: warning: gnuplot: ", stderr);
        fwrite(t, 1, cli_tt_buffer(t, strlen(t)), stderr);
        fputc('\n', stderr);
        free(t);
    } else {
        cli_report(err);
    }
}

/* Write the whole report into the staging folder rf; returns an exit
 * code. */
static int
write_report(const ds_store *st, const ds_report *r, ds_report_folder *rf,
             int *charts_failed)
{
    ds_error err;
    ds_error_clear(&err);
    if (ds_report_write(rf, r, st, say, NULL, charts_failed, &err) != DS_OK)
        return cli_report(&err);
    return 0;
}

/* A folder error; a refusal gets the option that overrules it. */
static int
refused(const ds_error *err, ds_report_refusal why)
{
    char buf[DS_ERROR_MSG_MAX + DS_ERROR_PATH_MAX + 64];
    ds_error_format(err, buf, sizeof buf);
    if (why == DS_REPORT_NOT_OURS)
        cli_error("%s, or use --force to write the report into it", buf);
    else if (why == DS_REPORT_FILE_NOT_OURS)
        cli_error("%s (use --force to replace it)", buf);
    else
        return cli_report(err);
    return EXIT_IO;
}

/* The files of the report folder just written, one a line on stdout
 * (issue 16, item 13): report.md and report.html first, then the charts,
 * scripts, data and tables by name.  The folder holds only what this run
 * wrote, by modification time (since, the start of the run): a file the
 * user keeps in the folder is not listed, nor the marker (a dot file). */
static int
list_written(const char *out, time_t since)
{
    struct dirent **ents = NULL;
    int n = scandir(out, &ents, NULL, alphasort);
    if (n < 0) {
        cli_error("%s: cannot list the report folder", out);
        return EXIT_IO;
    }
    static const char *first[] = {"report.md", "report.html"};
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < n; i++) {
            const char *nm = ents[i]->d_name;
            int lead = strcmp(nm, first[0]) == 0 || strcmp(nm, first[1]) == 0;
            struct stat sb;
            if (nm[0] == '.' || lead != (pass == 0))
                continue;
            char path[4096];
            if (snprintf(path, sizeof path, "%s/%s", out, nm) >=
                    (int)sizeof path ||
                stat(path, &sb) != 0 || !S_ISREG(sb.st_mode) ||
                sb.st_mtime < since)
                continue;
            printf("%s%s%s\n", out,
                   out[0] && out[strlen(out) - 1] == '/' ? "" : "/", nm);
        }
    for (int i = 0; i < n; i++)
        free(ents[i]);
    free(ents);
    if (fflush(stdout) != 0) {
        cli_error("cannot write to standard output");
        return EXIT_IO;
    }
    return EXIT_OK;
}

int
cmd_report(int argc, char **argv)
{
    ropts o;
    memset(&o, 0, sizeof o);
    o.country = "JPN";
    o.countries = DEFAULT_ALLIES;
    o.by = 2035;
    o.draws = 2000;
    cp_growth_init(&o.growth);
    o.seed = DEFAULT_SEED;
    static const double dt[] = {1, 3, 3.5, 5}, dp[] = {3.5, 5};
    memcpy(o.targets, dt, sizeof dt);
    o.nt = 4;
    memcpy(o.ptargets, dp, sizeof dp);
    o.npt = 2;
    int rc = parse_opts(argc, argv, &o);
    if (rc)
        return rc < 0 ? EXIT_OK : rc;
    time_t started = time(NULL);
    char today[32];
    if (!o.date) {
        struct tm tmv;
        if (gmtime_r(&started, &tmv) &&
            strftime(today, sizeof today, "%Y-%m-%d", &tmv) == 10)
            o.date = today;
    }

    ds_error err;
    ds_error_clear(&err);
    int exists;
    ds_report_refusal why;
    if (ds_report_folder_check(o.out, o.force, &exists, &why, &err) != DS_OK)
        return refused(&err, why);
    ds_store *st = cli_open_store(&o.common, &rc);
    if (!st)
        return rc;
    ds_report *r = NULL;
    ds_report_folder *f = NULL;
    int failed = 0;
    if ((rc = compute(st, &o, &r)) != 0)
        goto done;
    if (ds_report_folder_open(o.out, o.force, &f, &err) != DS_OK) {
        rc = refused(&err, DS_REPORT_OK);
        goto done;
    }
    rc = write_report(st, r, f, &failed);
    /* --pdf: Chromium prints report.html; without it (or when it fails)
     * the rest of the report is still written, and the exit status is 4 */
    int no_pdf = 0;
    char pdf_err[DS_ERROR_MSG_MAX + 64] = "";
    if (!rc && o.pdf &&
        ds_report_folder_pdf(f, NULL, &no_pdf, &err) != DS_OK) {
        ds_error_format(&err, pdf_err, sizeof pdf_err);
        ds_error_clear(&err);
    }
    if (!rc && ds_report_folder_commit(f, &why, &err) != DS_OK)
        rc = refused(&err, why);
    if (!rc)
        rc = list_written(o.out, started);
    if (!rc && failed) {
        cli_error("%s: report written without charts: gnuplot is missing or "
                  "failed (Debian/Ubuntu: apt-get install gnuplot-nox)",
                  o.out);
        rc = EXIT_RENDER;
    }
    if ((!rc || rc == EXIT_RENDER) && no_pdf) {
        cli_error("%s: report written without report.pdf: Chromium is not "
                  "installed (looked for chromium, chromium-browser, "
                  "google-chrome on PATH; set DEFSPEND_CHROMIUM to its path; "
                  "Debian/Ubuntu: apt-get install chromium)",
                  o.out);
        rc = EXIT_RENDER;
    }
    if ((!rc || rc == EXIT_RENDER) && pdf_err[0]) {
        cli_error("%s: report written without report.pdf: %s", o.out,
                  pdf_err);
        rc = EXIT_RENDER;
    }
done:
    ds_report_folder_free(f);
    ds_report_free(r);
    ds_store_free(st);
    return rc;
}
