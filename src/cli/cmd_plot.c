/* cmd_plot.c - `defspend plot KIND`: a chart of a calculation.
 *
 * Kinds: scenarios, history, projection (--simulate: a fan chart),
 * compare, revisions, sensitivity.  Each takes the options of the matching
 * calculation command, runs the same library calculation and writes
 * FILE.png|.svg|.pdf with FILE.plot.gp and FILE.plot.csv beside it (--out),
 * or draws the chart in the terminal (--terminal dumb).  Exit status 4 when gnuplot
 * is missing (the script and data are written) or fails.  The charts are
 * the library's (defspend/chart.h: ds_chart_build); this file parses the
 * options, resolves countries and the group, and writes the chart.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_plot.h"
#include "cli_proj.h"

#define MAXN 32
#define MAX_COUNTRIES 512
#define DEFAULT_SEED DS_CHART_DEFAULT_SEED

static void
help(FILE *f)
{
    fprintf(f,
"usage: defspend plot KIND [OPTIONS] (--out FILE | --terminal dumb)\n"
"\n"
"Draw a chart with gnuplot.  --out FILE.png, .svg or .pdf (pngcairo, svg,\n"
"pdfcairo; .txt for text) also writes FILE.plot.gp and FILE.plot.csv: the\n"
"gnuplot script and its data, to edit and re-run (`gnuplot FILE.plot.gp` in\n"
"that directory); they replace only a script and data defspend wrote.\n"
"--terminal dumb draws the chart in the terminal.\n"
"\n"
"kinds:\n"
"  scenarios    a bar per target share, the baseline, the actual share\n"
"  history      military expenditure, %% of GDP and US$, over time\n"
"  projection   history and the paths to the target year; --simulate N\n"
"               adds Monte Carlo percentile bands (a fan chart)\n"
"  compare      countries ranked by share of GDP, target lines\n"
"  revisions    one series (--indicator, default milex) across vintages\n"
"  sensitivity  heatmap of target-year spending: target x GDP growth\n"
"               (or x exchange rate with --rates)\n"
"  bridge       what counts as defense spending: a waterfall from the MoD\n"
"               budget to the government's security-related total (Japan)\n"
"\n"
"options (each kind takes those of its calculation command):\n"
"  --country C        ISO3 code or name (default JPN)\n"
"  --countries LIST   compare: ISO3 codes or names\n"
"  --group NAME       compare: nato, indo-pacific or g7 (default g7)\n"
"  --targets LIST     target shares, %% (scenarios 1,3,3.5,5; projection\n"
"                     3.5,5; compare and sensitivity 2,3.5,5)\n"
"  --year Y           scenarios, compare: year of the figures; bridge:\n"
"                     fiscal year (default: the latest)\n"
"  --baseline B       amount with unit, DEFINITION:YEAR, 'data' or 'none'\n"
"                     (as in scenarios)\n"
"  --source D         spending definition: wdi, sipri, nato, mod_budget ...\n"
"                     (default: the first of wdi, sipri, nato with a figure)\n"
"  --currency C       scenarios: USD (default) or LCU\n"
"  --from Y, --to Y   history: years shown; projection: start year\n"
"  --by YEAR          projection, sensitivity: target year (default 2035)\n"
"  --growth PCT       projection: constant nominal GDP growth\n"
"  --growth-fit N     projection: growth fitted to N years (default 10)\n"
"  --path P           linear, growth or step (default linear)\n"
"  --simulate N       projection: Monte Carlo with N draws\n"
"  --seed S           random seed (default %lu)\n"
"  --growths LIST     sensitivity: growth rates (default -1,0,1,2,3,4)\n"
"  --rates LIST       sensitivity: exchange rates (local currency per US$)\n"
"                     instead of growth rates; growth from --growth or\n"
"                     the fit\n"
"  --cumulative       sensitivity: cumulative extra over the baseline\n"
"  --view V           projection: usd (default, current US$) or share\n"
"                     (%% of GDP, no exchange rate; not with --simulate)\n"
"  --indicator I      revisions: indicator (default milex)\n"
"  --definition D     revisions: definition (default: the one held in the\n"
"                     most vintages)\n"
"  --title TEXT       replace the chart title\n"
"  --out FILE         image to write (.png, .svg, .pdf, .txt)\n"
"  --terminal dumb    draw in the terminal (with --out: into FILE.txt)\n"
"  --data DIR         read the store in DIR\n"
"  --help             this help\n"
"\n"
"exit status: 0 ok, 1 data error, 2 usage error, 3 i/o error,\n"
"4 gnuplot missing (script and data written; apt-get install gnuplot-nox)\n"
"  or gnuplot failed\n"
"\n"
"example: defspend plot scenarios --out japan.png\n"
"         defspend plot projection --simulate 2000 --out fan.svg\n",
            DEFAULT_SEED);
}

typedef struct popts {
    const char *kind, *country, *countries, *group, *baseline, *indicator;
    const char *source; /* --source: spending definition, NULL = default */
    const char *definition;
    const char *title, *out, *terminal;
    double targets[MAXN], growths[MAXN];
    size_t nt, ng;
    int targets_given, growths_given, rates_given, lcu, cumulative;
    int share; /* --view share: projection as shares of GDP */
    long year, from, to, by, fit, draws;
    double growth;
    int growth_given;
    ds_spend_path path;
    unsigned long seed;
    cli_common common;
} popts;

static int
parse_growths(const char *opt, const char *text, double *out, size_t *n)
{
    if (!cp_number_list(opt, text, out, MAXN, n))
        return 0;
    int rates = strcmp(opt, "--rates") == 0;
    for (size_t k = 0; k < *n; k++)
        if (!(out[k] > (rates ? 0 : -100))) {
            cli_error("%s: %s must be above %s", opt,
                      rates ? "an exchange rate" : "growth",
                      rates ? "0" : "-100");
            return 0;
        }
    return 1;
}

/* The chart of o->kind into p; returns an exit code (printed errors). */
static int
build(popts *o, const ds_store *st, ds_plot *p)
{
    ds_error err;
    ds_error_clear(&err);
    char iso3[16];
    int rc = 0;
    const char *k = o->kind;
    if (strcmp(k, "compare") != 0 &&
        (rc = cp_country(st, o->country, iso3, sizeof iso3)) != 0)
        return rc;
    if (!ds_chart_kind_known(k)) {
        const char *kinds[16];
        size_t n = ds_chart_kind_count();
        for (size_t i = 0; i < n && i < 16; i++)
            kinds[i] = ds_chart_kind_name(i);
        const char *near = ds_suggest(k, kinds, n < 16 ? n : 16);
        cli_error("unknown chart kind '%s'%s%s%s (expected scenarios, "
                  "history, projection, compare, revisions, sensitivity or "
                  "bridge)",
                  k, near ? "; did you mean '" : "", near ? near : "",
                  near ? "'?" : "");
        return EXIT_USAGE;
    }
    ds_chart_spec spec;
    ds_chart_spec_init(&spec);
    spec.country = iso3;
    spec.targets_pct = o->targets_given ? o->targets : NULL;
    spec.n_targets = o->targets_given ? o->nt : 0;
    spec.year = (int)o->year;
    ds_baseline_choice bc;
    /* history, compare and revisions have no baseline: --baseline is
     * not read there */
    if (o->baseline && (strcmp(k, "scenarios") == 0 ||
                        strcmp(k, "projection") == 0 ||
                        strcmp(k, "sensitivity") == 0)) {
        if (!cli_parse_baseline(o->baseline, &bc))
            return EXIT_USAGE;
        spec.baseline = &bc;
    }
    spec.source = o->source;
    spec.lcu = o->lcu;
    spec.from = (int)o->from;
    spec.to = (int)o->to;
    spec.by = (int)o->by;
    spec.growth_pct = o->growth_given ? o->growth : NAN;
    spec.fit_years = (int)o->fit;
    spec.path = o->path;
    spec.draws = (size_t)o->draws;
    spec.seed = o->seed;
    spec.xs = o->ng ? o->growths : NULL;
    spec.nx = o->ng;
    spec.by_rate = o->rates_given;
    spec.cumulative = o->cumulative;
    spec.share = o->share;
    spec.indicator = o->indicator;
    spec.definition = o->definition;
    static char codes[MAX_COUNTRIES][16];
    const char *ptr[MAX_COUNTRIES];
    if (strcmp(k, "compare") == 0) {
        size_t n = 0;
        if (o->countries) {
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
                    cli_error("--countries: more than %d countries",
                              MAX_COUNTRIES);
                    rc = EXIT_USAGE;
                    break;
                }
                rc = cp_country(st, t, codes[n], sizeof codes[n]);
                n++;
            }
            free(copy);
            if (rc)
                return rc;
            if (!n) {
                cli_error("--countries: empty list");
                return EXIT_USAGE;
            }
        } else {
            const char *group = o->group ? o->group : "g7";
            char path[4096];
            if (!cli_meta_path(&o->common, "groups.csv", path, sizeof path))
                return EXIT_USAGE;
            const ds_group_member *mem[MAX_COUNTRIES];
            ds_groups *groups = ds_groups_alloc();
            if (!groups) {
                cli_error("out of memory");
                return EXIT_DATA;
            }
            if (ds_groups_load_file(groups, path, &err) != DS_OK) {
                rc = cli_report(&err);
                ds_groups_free(groups);
                return rc == EXIT_USAGE ? EXIT_DATA : rc;
            }
            if (ds_groups_members(groups, group, (int)o->year, mem,
                                  MAX_COUNTRIES, &n, &err) != DS_OK) {
                cli_report(&err);
                ds_groups_free(groups);
                return EXIT_USAGE;
            }
            if (n > MAX_COUNTRIES)
                n = MAX_COUNTRIES;
            for (size_t i = 0; i < n; i++)
                snprintf(codes[i], sizeof codes[i], "%s", mem[i]->iso3);
            /* the group's own publisher, as `compare --group` uses it */
            static char prefer[64];
            const char *gs = ds_groups_source(groups, group);
            snprintf(prefer, sizeof prefer, "%s", gs ? gs : "");
            ds_groups_free(groups);
            spec.group = group;
            spec.prefer = prefer[0] ? prefer : NULL;
        }
        for (size_t i = 0; i < n; i++)
            ptr[i] = codes[i];
        spec.countries = ptr;
        spec.n_countries = n;
    }
    if (ds_chart_build(k, st, &spec, p, &err) != DS_OK) {
        if (spec.by_rate && err.code == DS_ENOTFOUND &&
            strstr(err.message, "no GDP in local currency")) {
            cli_error("--rates: %s", err.message);
            return EXIT_DATA;
        }
        return cli_report(&err);
    }
    if (o->title && ds_plot_set_text(p, DS_PLOT_TITLE, o->title, &err) !=
                        DS_OK)
        return cli_report(&err);
    return 0;
}

int
cmd_plot(int argc, char **argv)
{
    static const struct option lo[] = {
        {"country", required_argument, NULL, 'c'},
        {"countries", required_argument, NULL, 'C'},
        {"group", required_argument, NULL, 'g'},
        {"targets", required_argument, NULL, 't'},
        {"year", required_argument, NULL, 'y'},
        {"baseline", required_argument, NULL, 'b'},
        {"source", required_argument, NULL, 1000},
        {"currency", required_argument, NULL, 'u'},
        {"from", required_argument, NULL, 'F'},
        {"to", required_argument, NULL, 'T'},
        {"by", required_argument, NULL, 'B'},
        {"growth", required_argument, NULL, 'G'},
        {"growth-fit", required_argument, NULL, 'N'},
        {"path", required_argument, NULL, 'p'},
        {"simulate", required_argument, NULL, 's'},
        {"seed", required_argument, NULL, 'S'},
        {"growths", required_argument, NULL, 'r'},
        {"rates", required_argument, NULL, 'R'},
        {"cumulative", no_argument, NULL, 'x'},
        {"view", required_argument, NULL, 'V'},
        {"indicator", required_argument, NULL, 'i'},
        {"definition", required_argument, NULL, 'D'},
        {"title", required_argument, NULL, 'L'},
        {"out", required_argument, NULL, 'o'},
        {"terminal", required_argument, NULL, 'm'},
        {"data", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    popts o;
    memset(&o, 0, sizeof o);
    o.country = "JPN";
    o.by = 2035;
    o.fit = 10;
    o.path = DS_PATH_LINEAR;
    o.seed = DEFAULT_SEED;
    ds_error err;
    ds_error_clear(&err);
    optind = 1;
    opterr = 0;
    int c;
    long lv;
    while ((c = getopt_long(argc, argv, ":h", lo, NULL)) != -1) {
        switch (c) {
        case 'c': o.country = optarg; break;
        case 'C': o.countries = optarg; break;
        case 'g': o.group = optarg; break;
        case 't':
            if (ds_targets_parse(optarg, o.targets, MAXN, &o.nt, &err) !=
                DS_OK) {
                cli_error("--targets: %s", err.message);
                return EXIT_USAGE;
            }
            o.targets_given = 1;
            break;
        case 'y':
            if (!cp_int("--year", optarg, 1000, 3000, &o.year))
                return EXIT_USAGE;
            break;
        case 'b': o.baseline = optarg; break;
        case 1000: o.source = optarg; break;
        case 'u':
            if (strcmp(optarg, "USD") == 0 || strcmp(optarg, "usd") == 0)
                o.lcu = 0;
            else if (strcmp(optarg, "LCU") == 0 || strcmp(optarg, "lcu") == 0)
                o.lcu = 1;
            else {
                cli_error("invalid currency '%s' (expected USD or LCU)",
                          optarg);
                return EXIT_USAGE;
            }
            break;
        case 'F':
            if (!cp_int("--from", optarg, 1000, 3000, &o.from))
                return EXIT_USAGE;
            break;
        case 'T':
            if (!cp_int("--to", optarg, 1000, 3000, &o.to))
                return EXIT_USAGE;
            break;
        case 'B':
            if (!cp_int("--by", optarg, 1000, 3000, &o.by))
                return EXIT_USAGE;
            break;
        case 'G':
            if (!cp_number("--growth", optarg, &o.growth))
                return EXIT_USAGE;
            o.growth_given = 1;
            break;
        case 'N':
            if (!cp_int("--growth-fit", optarg, 3, 200, &o.fit))
                return EXIT_USAGE;
            break;
        case 'p':
            if (strcmp(optarg, "linear") == 0)
                o.path = DS_PATH_LINEAR;
            else if (strcmp(optarg, "growth") == 0)
                o.path = DS_PATH_GROWTH;
            else if (strcmp(optarg, "step") == 0)
                o.path = DS_PATH_STEP;
            else {
                cli_error("invalid path '%s' (expected linear, growth or "
                          "step)", optarg);
                return EXIT_USAGE;
            }
            break;
        case 's':
            if (!cp_int("--simulate", optarg, 1, 10000000, &o.draws))
                return EXIT_USAGE;
            break;
        case 'S':
            if (!cp_int("--seed", optarg, 0, 2147483647L, &lv))
                return EXIT_USAGE;
            o.seed = (unsigned long)lv;
            break;
        case 'r':
            if (!parse_growths("--growths", optarg, o.growths, &o.ng))
                return EXIT_USAGE;
            o.growths_given = 1;
            break;
        case 'R':
            if (!parse_growths("--rates", optarg, o.growths, &o.ng))
                return EXIT_USAGE;
            o.rates_given = 1;
            break;
        case 'x': o.cumulative = 1; break;
        case 'V':
            if (strcmp(optarg, "usd") == 0)
                o.share = 0;
            else if (strcmp(optarg, "share") == 0)
                o.share = 1;
            else {
                cli_error("invalid view '%s' (expected usd or share)",
                          optarg);
                return EXIT_USAGE;
            }
            break;
        case 'i': o.indicator = optarg; break;
        case 'D': o.definition = optarg; break;
        case 'L': o.title = optarg; break;
        case 'o': o.out = optarg; break;
        case 'm': o.terminal = optarg; break;
        case 'd': o.common.data_dir = optarg; break;
        case 'h': help(stdout); return EXIT_OK;
        default: return cli_option_error(c, argv, "plot", lo);
        }
    }
    if (optind >= argc) {
        cli_error("plot needs a chart kind (scenarios, history, projection, "
                  "compare, revisions, sensitivity, bridge)");
        return EXIT_USAGE;
    }
    o.kind = argv[optind++];
    if (optind < argc) {
        cli_error("unexpected argument '%s'", argv[optind]);
        return EXIT_USAGE;
    }
    if (o.share && o.draws) {
        cli_error("--view share draws no Monte Carlo bands: drop --simulate "
                  "or use --view usd");
        return EXIT_USAGE;
    }
    if (o.share && strcmp(o.kind, "projection") != 0) {
        cli_error("--view is an option of plot projection");
        return EXIT_USAGE;
    }
    if (o.countries && o.group) {
        cli_error("--countries and --group exclude each other");
        return EXIT_USAGE;
    }
    ds_plot_format fmt = DS_PLOT_PNG;
    if (o.terminal) {
        if (strcmp(o.terminal, "dumb") != 0) {
            cli_error("invalid terminal '%s' (expected dumb; other formats "
                      "follow the --out extension)",
                      o.terminal);
            return EXIT_USAGE;
        }
        fmt = DS_PLOT_DUMB;
    } else if (!o.out) {
        cli_error("plot needs --out FILE or --terminal dumb");
        return EXIT_USAGE;
    } else if (ds_plot_format_for(o.out, &fmt, &err) != DS_OK) {
        cli_error("--out: %s", err.message);
        return EXIT_USAGE;
    }
    if (o.growths_given && o.rates_given) {
        cli_error("--growths and --rates exclude each other");
        return EXIT_USAGE;
    }
    /* the growth grid replaces --growth; the rate grid uses it */
    if (o.growth_given && o.draws == 0 && !o.rates_given &&
        strcmp(o.kind, "sensitivity") == 0)
        o.growth_given = 0;

    int rc;
    ds_store *st = cli_open_store(&o.common, &rc);
    if (!st)
        return rc;
    ds_plot *p = ds_plot_alloc();
    if (!p) {
        cli_error("out of memory");
        ds_store_free(st);
        return EXIT_DATA;
    }
    rc = build(&o, st, p);
    if (rc == 0)
        rc = cplot_emit(p, fmt, o.out);
    ds_plot_free(p);
    ds_store_free(st);
    return rc;
}
