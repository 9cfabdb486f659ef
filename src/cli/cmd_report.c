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
 * in with a rollback (see "the folder" below), so a failure leaves no
 * partial report and an existing folder as it was; report.md has no
 * date, path or version, so the same data give the same report.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_rng.h>

#include "cli_plot.h"
#include "cli_proj.h"

#define MAXN 16
#define MAX_COUNTRIES 64
#define DEFAULT_SEED 20250601UL
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
"  --data DIR         read the store in DIR\n"
"  --help             this help\n"
"\n"
"exit status: 0 ok, 1 data error, 2 usage error, 3 i/o error, 4 report\n"
"written without charts (gnuplot missing or failed)\n"
"\n"
"example: defspend report --out japan-report\n",
            DEFAULT_ALLIES, DEFAULT_SEED);
}

/* ------------------------------------------------------- the document */

/* Every block goes to the markdown and the HTML stream alike. */
typedef struct doc {
    FILE *md, *html;
} doc;

static void
html_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default:
            if ((unsigned char)*s < 0x20 && *s != '\n')
                fputc(' ', f);
            else
                fputc(*s, f);
        }
    }
}

/* Markdown text: the CLI's one escaper (cli_text.c). */
static void
md_text(FILE *f, const char *s)
{
    cli_md(f, s);
}

static void
d_h(doc *d, int level, const char *text)
{
    for (int i = 0; i < level; i++)
        fputc('#', d->md);
    fputc(' ', d->md);
    md_text(d->md, text);
    fputs("\n\n", d->md);
    fprintf(d->html, "<h%d>", level);
    html_text(d->html, text);
    fprintf(d->html, "</h%d>\n", level);
}

static void
d_p(doc *d, const char *text)
{
    md_text(d->md, text);
    fputs("\n\n", d->md);
    fputs("<p>", d->html);
    html_text(d->html, text);
    fputs("</p>\n", d->html);
}

static void
d_ul(doc *d, int open)
{
    fputs(open ? "<ul>\n" : "</ul>\n", d->html);
    if (!open)
        fputc('\n', d->md);
}

static void
d_li(doc *d, const char *text)
{
    fputs("- ", d->md);
    md_text(d->md, text);
    fputc('\n', d->md);
    fputs("<li>", d->html);
    html_text(d->html, text);
    fputs("</li>\n", d->html);
}

static void
d_table(doc *d, const cp_table *t, const char *csv)
{
    size_t nc = t->ncols;
    fputs("|", d->md);
    for (size_t k = 0; k < nc; k++) {
        fputc(' ', d->md);
        cli_md_cell(d->md, t->head[k]);
        fputs(" |", d->md);
    }
    fputs("\n|", d->md);
    for (size_t k = 0; k < nc; k++)
        fputs(t->right[k] ? "---:|" : ":---|", d->md);
    fputc('\n', d->md);
    fputs("<table>\n<thead><tr>", d->html);
    for (size_t k = 0; k < nc; k++) {
        fputs(t->right[k] ? "<th class=\"r\">" : "<th>", d->html);
        html_text(d->html, t->head[k]);
        fputs("</th>", d->html);
    }
    fputs("</tr></thead>\n<tbody>\n", d->html);
    for (size_t i = 0; i < t->nrows; i++) {
        fputs("|", d->md);
        fputs("<tr>", d->html);
        for (size_t k = 0; k < nc; k++) {
            fputc(' ', d->md);
            cli_md_cell(d->md, t->cells[i * nc + k]);
            fputs(" |", d->md);
            fputs(t->right[k] ? "<td class=\"r\">" : "<td>", d->html);
            html_text(d->html, t->cells[i * nc + k]);
            fputs("</td>", d->html);
        }
        fputs("\n", d->md);
        fputs("</tr>\n", d->html);
    }
    fputs("</tbody>\n</table>\n", d->html);
    fprintf(d->md, "\nData: [%s](%s)\n\n", csv, csv);
    fprintf(d->html, "<p class=\"data\">Data: %s (in the report folder)</p>\n",
            csv);
}

/* The chart: a PNG link in markdown, the SVG inlined in HTML. */
static void
d_chart(doc *d, const char *name, const char *alt, const char *svg)
{
    if (svg) {
        fputs("![", d->md);
        md_text(d->md, alt);
        fprintf(d->md, "](%s.png)\n\n", name);
        fputs("<figure>\n", d->html);
        const char *s = strstr(svg, "<svg");
        fputs(s ? s : "", d->html);
        fputs("<figcaption>", d->html);
        html_text(d->html, alt);
        fprintf(d->html,
                " (script: %s" DS_PLOT_SCRIPT_SUFFIX ", data: %s"
                DS_PLOT_DATA_SUFFIX ")</figcaption>\n"
                         "</figure>\n",
                name, name);
    } else {
        char t[256];
        snprintf(t, sizeof t,
                 "(Chart not rendered: gnuplot is missing or failed; run "
                 "gnuplot %s" DS_PLOT_SCRIPT_SUFFIX " in this folder.)",
                 name);
        d_p(d, t);
    }
}

/* ---------------------------------------------------------- sources */

typedef struct cites {
    const ds_obs *o[256];
    size_t n;
} cites;

static void
cite(cites *c, const ds_obs *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->o[i]->source, o->source) == 0 &&
            strcmp(c->o[i]->vintage, o->vintage) == 0 &&
            strcmp(c->o[i]->definition, o->definition) == 0)
            return;
    if (c->n < 256)
        c->o[c->n++] = o;
}

static int
cite_cmp(const void *a, const void *b)
{
    const ds_obs *x = *(const ds_obs *const *)a, *y = *(const ds_obs *const *)b;
    int r = strcmp(x->source, y->source);
    return r ? r : strcmp(x->vintage, y->vintage);
}

static const char *CSS =
    "body{font-family:'DejaVu Sans',Verdana,sans-serif;max-width:62rem;"
    "margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}"
    "h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;"
    "border-bottom:1px solid #ccc}"
    "table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}"
    "th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd;"
    "text-align:left}.r{text-align:right}"
    "figure{margin:1rem 0}figure svg{max-width:100%;height:auto}"
    "figcaption,.data{font-size:.85rem;color:#555}";

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
    cli_common common;
} ropts;

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
    memset(&spec, 0, sizeof spec);
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
    memset(&ps, 0, sizeof ps);
    if (!cp_growth_finish(&o->growth, &ps))
        return EXIT_USAGE;
    spec.gdp_source = ps.gdp_source;
    spec.growth_pct = ps.growth_pct;
    spec.fit_years = ps.fit_years;
    spec.draws = (size_t)o->draws;
    spec.seed = o->seed;
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
    if (ds_report_compute(st, &spec, r, &err) != DS_OK)
        return cli_report(&err);
    return 0;
}

static const char *
target_list(const double *t, size_t n, char *b, size_t size)
{
    b[0] = '\0';
    for (size_t k = 0; k < n; k++) {
        size_t l = strlen(b);
        snprintf(b + l, size - l, "%s%g%%",
                 k ? (k + 1 == n ? " and " : ", ") : "", t[k]);
    }
    return b;
}

static void
csv_scenarios(FILE *f, const ds_scenario *s)
{
    fputs("country,year,target_pct,gdp_usd,spend_usd,baseline_usd,diff_usd,"
          "ratio_to_baseline,per_capita_usd,currency_lcu,spend_lcu,"
          "lcu_per_usd,gdp_source,gdp_vintage,baseline_usd_one_rate,"
          "ratio_one_rate\n",
          f);
    for (size_t k = 0; k < s->n_rows; k++) {
        const ds_scenario_row *r = &s->rows[k];
        fprintf(f, "%s,%d,", s->iso3, s->year);
        double v[] = {r->target_pct, s->gdp_usd->value, r->spend_usd,
                      s->baseline.present ? s->baseline.usd : NAN,
                      r->diff_usd, r->ratio_to_baseline, r->per_capita_usd};
        for (size_t i = 0; i < sizeof v / sizeof *v; i++)
            cli_csv_num(f, v[i]), fputc(',', f);
        cli_csv_text(f, s->lcu), fputc(',', f);
        cli_csv_num(f, r->spend_lcu), fputc(',', f);
        cli_csv_num(f, s->gdp_lcu_per_usd), fputc(',', f);
        cli_csv_text(f, s->gdp_usd->source), fputc(',', f);
        cli_csv_text(f, s->gdp_usd->vintage), fputc(',', f);
        cli_csv_num(f, s->baseline.present ? s->baseline.usd_one_rate : NAN);
        fputc(',', f);
        cli_csv_num(f, r->ratio_one_rate);
        fputc('\n', f);
    }
}

static void
csv_projection(FILE *f, const ds_projection *p, const ds_simulation *sim)
{
    fputs("country,target_pct,year,gdp_usd,share_pct,spend_usd,extra_usd,"
          "cumulative_extra_usd,spend_usd_p5,spend_usd_p50,spend_usd_p95,"
          "lcu_per_usd,growth_pct\n",
          f);
    for (size_t k = 0; k < p->n_targets; k++)
        for (size_t i = 0; i < p->n_years; i++) {
            const ds_project_cell *c = ds_projection_cell(p, k, i);
            double bu[DS_SIM_NBANDS], bl[DS_SIM_NBANDS];
            if (sim)
                ds_simulation_spend_bands(p, sim, k, i, bu, bl);
            fprintf(f, "%s,", p->scenario->iso3);
            cli_csv_num(f, p->targets_pct[k]);
            fprintf(f, ",%d,", p->years[i].year);
            double v[] = {p->years[i].gdp_usd,
                          c->share_pct,
                          c->spend_usd,
                          c->extra_usd,
                          c->cum_extra_usd,
                          sim ? bu[0] : NAN,
                          sim ? bu[2] : NAN,
                          sim ? bu[4] : NAN,
                          p->lcu_per_usd,
                          p->growth_pct};
            for (size_t j = 0; j < sizeof v / sizeof *v; j++) {
                if (j)
                    fputc(',', f);
                cli_csv_num(f, v[j]);
            }
            fputc('\n', f);
        }
}

static void
csv_compare(FILE *f, const ds_comparison *c)
{
    fputs("rank,country,name,year,share_pct,milex_usd,gdp_usd,gap_2_usd,"
          "gap_3.5_usd,gap_5_usd,gdp_source,gdp_vintage,milex_source,"
          "milex_vintage,missing\n",
          f);
    for (size_t i = 0; i < c->n_rows; i++) {
        const ds_compare_row *r = &c->rows[i];
        const ds_obs *m = r->milex_usd ? r->milex_usd : r->share_obs;
        if (r->rank)
            fprintf(f, "%zu", r->rank);
        fprintf(f, ",%s,", r->iso3);
        cli_csv_text(f, r->name), fputc(',', f);
        if (r->has_data)
            fprintf(f, "%d", r->year);
        fputc(',', f);
        cli_csv_num(f, r->share_pct), fputc(',', f);
        cli_csv_num(f, r->milex_usd_value), fputc(',', f);
        cli_csv_num(f, r->gdp_usd_value), fputc(',', f);
        for (size_t k = 0; k < 3; k++)
            cli_csv_num(f, r->gap_usd[k]), fputc(',', f);
        cli_csv_text(f, r->gdp_usd ? r->gdp_usd->source
                        : r->gdp_derived ? "derived: military expenditure / share of GDP"
                                         : ""), fputc(',', f);
        cli_csv_text(f, r->gdp_usd ? r->gdp_usd->vintage : "");
        fputc(',', f);
        cli_csv_text(f, m ? m->source : ""), fputc(',', f);
        cli_csv_text(f, m ? m->vintage : ""), fputc(',', f);
        cli_csv_text(f, r->missing);
        fputc('\n', f);
    }
}

typedef struct chart_out {
    char *svg;  /* NULL when not rendered */
    int failed; /* gnuplot missing or failed */
} chart_out;

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

/* Write the whole report into the staging folder f; returns an exit
 * code. */
static int
write_report(const ds_store *st, const ds_report *r, ds_report_folder *rf,
             int *charts_failed)
{
    const ds_scenario *s = r->scenario;
    const ds_projection *p = r->projection;
    const ds_simulation *sim = r->simulation;
    const ds_comparison *cmp = r->comparison;
    const char *lcu = p->lcu_only_usd ? "USD" : s->lcu;
    ds_error err;
    ds_error_clear(&err);
    cites cs = {{NULL}, 0};
    char b[2048], a1[64], a2[64], a3[64], tl[128];
    int rc = 0;

    /* charts */
    enum { NCHARTS = DS_REPORT_NCHARTS };
    const char *names[NCHARTS];
    chart_out co[NCHARTS];
    memset(co, 0, sizeof co);
    for (int i = 0; i < NCHARTS && !rc; i++) {
        names[i] = ds_report_chart_name((size_t)i);
        ds_plot *pl = ds_plot_alloc();
        if (!pl) {
            cli_error("out of memory");
            rc = EXIT_DATA;
            break;
        }
        if (ds_report_build_chart(r, st, (size_t)i, pl, &err) != DS_OK)
            rc = cli_report(&err);
        else if (ds_report_folder_chart(rf, pl, names[i], &co[i].svg,
                                        &co[i].failed, say, NULL,
                                        &err) != DS_OK) {
            cli_report(&err);
            rc = EXIT_IO;
        }
        *charts_failed |= co[i].failed;
        ds_plot_free(pl);
    }

    char *mdb = NULL, *htb = NULL;
    size_t mdl = 0, htl = 0;
    doc d = {open_memstream(&mdb, &mdl), open_memstream(&htb, &htl)};
    if (!d.md || !d.html) {
        cli_error("out of memory");
        rc = EXIT_IO;
        goto done;
    }
    if (rc)
        goto done;
    char title[512], nm[256];
    snprintf(title, sizeof title, "Defense spending at shares of GDP: %s (%s)",
             ds_chart_name(s->name, 60, nm, sizeof nm), s->iso3);
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
          "charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
          "'none'; style-src 'unsafe-inline'; img-src data:\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n<title>",
          d.html);
    html_text(d.html, title);
    fprintf(d.html, "</title>\n<style>%s</style>\n</head>\n<body>\n", CSS);
    d_h(&d, 1, title);
    d_p(&d, "Prepared with defspend. Every figure names its year, currency "
            "and price basis; sources and vintages are listed at the end. A "
            "missing figure is shown as n/a, never as zero.");

    /* summary */
    d_h(&d, 2, "Summary");
    d_ul(&d, 1);
    snprintf(b, sizeof b, "GDP %d: %s, current US$ (%s, vintage %s)", s->year,
             ds_format_money(s->gdp_usd->value, "USD", a1, sizeof a1),
             s->gdp_usd->source, s->gdp_usd->vintage);
    d_li(&d, b);
    cite(&cs, s->gdp_usd);
    cite(&cs, s->gdp_lcu);
    if (s->baseline.present) {
        const ds_baseline *bl = &s->baseline;
        const ds_obs *bo = bl->obs_lcu ? bl->obs_lcu : bl->obs_usd;
        char yl[64] = "", lcu[64] = "", share[96] = "";
        if (bo)
            snprintf(yl, sizeof yl, ", %s",
                     cli_year_label(bo, a1, sizeof a1));
        if (bl->obs_lcu && s->lcu[0] && strcmp(s->lcu, "USD") != 0)
            snprintf(lcu, sizeof lcu, "%s = ",
                     ds_format_money(bl->lcu, s->lcu, a1, sizeof a1));
        if (isfinite(bl->share_pct))
            cli_whole(share, sizeof share, ", %s%% of %d GDP",
                      ds_format_fixed(bl->share_pct, 2, a2, sizeof a2),
                      s->year);
        snprintf(b, sizeof b, "Baseline: %s%s: %s%s%s%s", bl->label, yl, lcu,
                 ds_format_money(bl->usd, "USD", a1, sizeof a1),
                 bl->obs_usd ? " as reported" : "", share);
        d_li(&d, b);
        cite(&cs, s->baseline.obs_usd);
        cite(&cs, s->baseline.obs_lcu);
    }
    for (size_t k = 0; k < s->n_rows; k++) {
        const ds_scenario_row *row = &s->rows[k];
        int two = s->baseline.present && isfinite(row->ratio_one_rate) &&
                  fabs(row->ratio_one_rate / row->ratio_to_baseline - 1) >
                      5e-4;
        if (two)
            snprintf(b, sizeof b, "%g%% of %d GDP: %s, current US$, %s "
                                  "times the baseline as reported, %s "
                                  "times at one exchange rate (%s for both)",
                     row->target_pct, s->year,
                     ds_format_money(row->spend_usd, "USD", a1, sizeof a1),
                     ds_format_fixed(row->ratio_to_baseline, 2, a3, sizeof a3),
                     ds_format_fixed(row->ratio_one_rate, 2, tl, sizeof tl),
                     cp_rate(s->gdp_lcu_per_usd, s->lcu, a2, sizeof a2));
        else if (s->baseline.present && isfinite(row->ratio_to_baseline))
            snprintf(b, sizeof b, "%g%% of %d GDP: %s, current US$, %s "
                                  "times the baseline",
                     row->target_pct, s->year,
                     ds_format_money(row->spend_usd, "USD", a1, sizeof a1),
                     ds_format_fixed(row->ratio_to_baseline, 2, a3, sizeof a3));
        else
            snprintf(b, sizeof b, "%g%% of %d GDP: %s, current US$",
                     row->target_pct, s->year,
                     ds_format_money(row->spend_usd, "USD", a1, sizeof a1));
        d_li(&d, b);
    }
    for (size_t k = 0; k < p->n_targets; k++) {
        const ds_project_cell *c = ds_projection_cell(p, k, p->n_years - 1);
        snprintf(b, sizeof b,
                 "Path to %g%% by %d: %s in %d (current US$ at %s); extra "
                 "over the baseline %d-%d: %s",
                 p->targets_pct[k], p->by_year,
                 ds_format_money(c->spend_usd, "USD", a1, sizeof a1),
                 p->by_year, cp_rate(p->lcu_per_usd, lcu, a2, sizeof a2),
                 p->from_year + 1, p->by_year,
                 ds_format_money(c->cum_extra_usd, "USD", a3, sizeof a3));
        d_li(&d, b);
    }
    for (size_t i = 0; i < cmp->n_rows; i++)
        if (strcmp(cmp->rows[i].iso3, s->iso3) == 0 && cmp->rows[i].rank) {
            size_t nd = 0;
            for (size_t j = 0; j < cmp->n_rows; j++)
                nd += cmp->rows[j].has_data;
            snprintf(b, sizeof b,
                     "Among the %zu allies compared with data, %s ranks %zu "
                     "by military expenditure as a share of GDP (%.2f%%, "
                     "%d)",
                     nd, s->iso3, cmp->rows[i].rank, cmp->rows[i].share_pct,
                     cmp->rows[i].year);
            d_li(&d, b);
        }
    d_ul(&d, 0);

    /* scenarios */
    snprintf(b, sizeof b, "Scenarios: spending at shares of %d GDP", s->year);
    d_h(&d, 2, b);
    d_chart(&d, names[0], "Spending at each target share, with the baseline",
            co[0].svg);
    {
        char hl[32], hd[40];
        snprintf(hl, sizeof hl, "spend %s", s->lcu[0] ? s->lcu : "LCU");
        snprintf(hd, sizeof hd, "diff %s", s->lcu[0] ? s->lcu : "LCU");
        const char *head[] = {"target % GDP", "spend US$", "vs baseline US$",
                              "x baseline",   "x at one rate",
                              "per capita US$", hl};
        cp_table t;
        if (!cp_table_init(&t, 7, head, NULL)) {
            rc = EXIT_IO;
            goto done;
        }
        for (size_t k = 0; k < s->n_rows; k++) {
            const ds_scenario_row *row = &s->rows[k];
            char c[7][CP_CELL];
            const char *cells[7];
            snprintf(c[0], CP_CELL, "%g%%", row->target_pct);
            ds_format_money(row->spend_usd, "USD", c[1], CP_CELL);
            ds_format_money(row->diff_usd, "USD", a1, sizeof a1);
            cli_whole(c[2], CP_CELL, "%s%s",
                      isfinite(row->diff_usd) && row->diff_usd > 0 &&
                              a1[0] != '#'
                          ? "+"
                          : "",
                      a1);
            if (isfinite(row->ratio_to_baseline))
                cli_whole(c[3], CP_CELL, "%sx",
                          ds_format_fixed(row->ratio_to_baseline, 3, a2,
                                          sizeof a2));
            else
                snprintf(c[3], CP_CELL, "n/a");
            if (isfinite(row->ratio_one_rate))
                cli_whole(c[4], CP_CELL, "%sx",
                          ds_format_fixed(row->ratio_one_rate, 3, a2,
                                          sizeof a2));
            else
                snprintf(c[4], CP_CELL, "n/a");
            ds_format_money(row->per_capita_usd, "USD", c[5], CP_CELL);
            ds_format_money(row->spend_lcu, s->lcu, c[6], CP_CELL);
            for (int q = 0; q < 7; q++)
                cells[q] = c[q];
            if (!cp_table_row(&t, cells)) {
                cp_table_release(&t);
                rc = EXIT_IO;
                goto done;
            }
        }
        d_table(&d, &t, "table-scenarios.csv");
        cp_table_release(&t);
    }

    /* projection */
    snprintf(b, sizeof b, "Path to %d", p->by_year);
    d_h(&d, 2, b);
    d_chart(&d, names[1], "Spending paths to the target shares", co[1].svg);
    if (p->n_decided)
        snprintf(b, sizeof b,
                 "The budgets already decided are the first years (%s); "
                 "from %d spending moves linearly in share of GDP to %s of "
                 "GDP in %d; extra spending is measured from the baseline "
                 "(%.2f%% of %d GDP); nominal GDP grows %s; figures in "
                 "current US$ at %s, held.",
                 p->decided_basis, p->last_decided_year,
                 target_list(p->targets_pct, p->n_targets, tl, sizeof tl),
                 p->by_year, p->baseline_share_pct, p->from_year,
                 p->growth_basis,
                 cp_rate(p->lcu_per_usd, lcu, a1, sizeof a1));
    else
        snprintf(b, sizeof b,
                 "Spending moves linearly in share of GDP from the baseline "
                 "(%.2f%% of %d GDP) to %s of GDP in %d; nominal GDP grows "
                 "%s; figures in current US$ at %s, held.",
                 p->baseline_share_pct, p->from_year,
                 target_list(p->targets_pct, p->n_targets, tl, sizeof tl),
                 p->by_year, p->growth_basis,
                 cp_rate(p->lcu_per_usd, lcu, a1, sizeof a1));
    d_p(&d, b);
    for (size_t i = 0; i < p->n_notes; i++) {
        snprintf(b, sizeof b, "Note: %s", p->notes[i]);
        d_p(&d, b);
    }
    {
        size_t nc = 2 + p->n_targets * (sim ? 3 : 1);
        if (nc > 20)
            nc = 20;
        const char *head[20];
        char hb[20][48];
        head[0] = "year";
        head[1] = "GDP US$";
        size_t j = 2;
        for (size_t k = 0; k < p->n_targets && j < nc; k++) {
            snprintf(hb[j], 48, "%g%% US$", p->targets_pct[k]);
            head[j] = hb[j];
            j++;
            if (sim && j + 1 < nc) {
                snprintf(hb[j], 48, "%g%% p5", p->targets_pct[k]);
                head[j] = hb[j];
                j++;
                snprintf(hb[j], 48, "%g%% p95", p->targets_pct[k]);
                head[j] = hb[j];
                j++;
            }
        }
        cp_table t;
        if (!cp_table_init(&t, nc, head, NULL)) {
            rc = EXIT_IO;
            goto done;
        }
        for (size_t i = 0; i < p->n_years; i++) {
            char c[20][CP_CELL];
            const char *cells[20];
            snprintf(c[0], CP_CELL, "%d%s", p->years[i].year,
                     i == 0 ? " (data)" : "");
            ds_format_money(p->years[i].gdp_usd, "USD", c[1], CP_CELL);
            size_t q = 2;
            for (size_t k = 0; k < p->n_targets && q < nc; k++) {
                const ds_project_cell *cl = ds_projection_cell(p, k, i);
                ds_format_money(cl->spend_usd, "USD", c[q++], CP_CELL);
                if (sim && q + 1 < nc) {
                    double bu[DS_SIM_NBANDS], bl[DS_SIM_NBANDS];
                    ds_simulation_spend_bands(p, sim, k, i, bu, bl);
                    ds_format_money(bu[0], "USD", c[q++], CP_CELL);
                    ds_format_money(bu[4], "USD", c[q++], CP_CELL);
                }
            }
            for (size_t z = 0; z < nc; z++)
                cells[z] = c[z];
            if (!cp_table_row(&t, cells)) {
                cp_table_release(&t);
                rc = EXIT_IO;
                goto done;
            }
        }
        d_table(&d, &t, "table-projection.csv");
        cp_table_release(&t);
    }
    if (sim) {
        d_ul(&d, 1);
        for (size_t k = 0; k < sim->n_targets; k++) {
            const ds_sim_target *t = &sim->targets[k];
            char m1[48], m2[48], m3[48];
            snprintf(b, sizeof b,
                     "Target %g%% of GDP in %d: spending needed to reach it "
                     "with probability 50%% / 90%% / 95%%: %s / %s / %s "
                     "(current US$); %s reaches it with probability %.1f%%",
                     t->target_pct, p->by_year,
                     cp_money(t->needed_usd[0], "USD", m1, sizeof m1),
                     cp_money(t->needed_usd[1], "USD", m2, sizeof m2),
                     cp_money(t->needed_usd[2], "USD", m3, sizeof m3),
                     p->plan_basis, 100.0 * t->p_plan_reaches);
            d_li(&d, b);
        }
        d_ul(&d, 0);
    }

    /* sensitivity */
    d_h(&d, 2, "Sensitivity to GDP growth");
    d_chart(&d, names[4], "Spending in the target year by target share and "
            "GDP growth", co[4].svg);
    snprintf(b, sizeof b,
             "Spending in %d at each target share if nominal GDP grows "
             "-1%% to +4%% a year from %d (the target share of that "
             "year's GDP, whatever the path before it); current US$ at "
             "%s, held. The command defspend "
             "sensitivity prints the grid and the cumulative cost.",
             p->by_year, p->from_year,
             cp_rate(p->lcu_per_usd, lcu, a1, sizeof a1));
    d_p(&d, b);

    /* comparison */
    d_h(&d, 2, "Allies compared");
    d_chart(&d, names[2], "Military expenditure as a share of GDP, ranked",
            co[2].svg);
    {
        const char *head[] = {"rank",       "country",    "year",
                              "share",      "milex US$",  "gap to 2%",
                              "gap to 3.5%", "gap to 5%"};
        int right[] = {1, 0, 1, 1, 1, 1, 1, 1};
        cp_table t;
        if (!cp_table_init(&t, 8, head, right)) {
            rc = EXIT_IO;
            goto done;
        }
        for (size_t i = 0; i < cmp->n_rows; i++) {
            const ds_compare_row *row = &cmp->rows[i];
            char c[8][CP_CELL];
            const char *cells[8];
            snprintf(c[0], CP_CELL, row->rank ? "%zu" : "-", row->rank);
            snprintf(c[1], CP_CELL, "%.30s (%s)", row->name, row->iso3);
            if (row->has_data) {
                snprintf(c[2], CP_CELL, "%d", row->year);
                cp_pct(row->share_pct, 2, c[3], CP_CELL);
                ds_format_money(row->milex_usd_value, "USD", c[4], CP_CELL);
                for (int k = 0; k < 3; k++) {
                    ds_format_money(row->gap_usd[k], "USD", a1, sizeof a1);
                    snprintf(c[5 + k], CP_CELL, "%s%.40s",
                             row->gap_usd[k] > 0 ? "+" : "", a1);
                }
                cite(&cs, row->gdp_usd);
                cite(&cs, row->milex_usd);
                cite(&cs, row->share_obs);
            } else {
                snprintf(c[2], CP_CELL, "no data");
                for (int k = 3; k < 8; k++)
                    snprintf(c[k], CP_CELL, "n/a");
            }
            for (int q = 0; q < 8; q++)
                cells[q] = c[q];
            if (!cp_table_row(&t, cells)) {
                cp_table_release(&t);
                rc = EXIT_IO;
                goto done;
            }
        }
        d_table(&d, &t, "table-compare.csv");
        cp_table_release(&t);
    }
    d_p(&d, "Share = military expenditure / GDP, both in current US$ of the "
            "same year (else the stored share); gap = target x GDP - "
            "military expenditure. Years differ between countries: each "
            "country's latest year with both figures.");

    /* history */
    d_h(&d, 2, "History");
    d_chart(&d, names[3], "Military expenditure over time", co[3].svg);

    /* assumptions */
    d_h(&d, 2, "Assumptions");
    d_ul(&d, 1);
    snprintf(b, sizeof b,
             "GDP: definition %s, %s prices, current US$ at market exchange "
             "rates (%s)",
             s->gdp_usd->definition, s->gdp_usd->price_basis,
             s->gdp_usd->source);
    d_li(&d, b);
    if (isfinite(s->gdp_lcu_per_usd)) {
        snprintf(b, sizeof b,
                 "Exchange rate implied by GDP in %s / GDP in US$ (%d): %s",
                 s->lcu, s->year,
                 cp_rate(s->gdp_lcu_per_usd, s->lcu, a1, sizeof a1));
        d_li(&d, b);
    }
    if (s->fx_official) {
        snprintf(b, sizeof b, "Official annual average rate %d: %s (%s)",
                 s->fx_official->year,
                 cp_rate(s->fx_official->value, s->lcu, a1, sizeof a1),
                 s->fx_official->source);
        d_li(&d, b);
        cite(&cs, s->fx_official);
    }
    if (s->baseline.present) {
        snprintf(b, sizeof b, "Baseline rate: %s (%s)",
                 cp_rate(s->baseline.lcu_per_usd, s->lcu, a1, sizeof a1),
                 s->baseline.rate_basis);
        d_li(&d, b);
    }
    snprintf(b, sizeof b, "Projection: GDP growth %s; exchange rate %s, %s",
             p->growth_basis, cp_rate(p->lcu_per_usd, lcu, a1, sizeof a1),
             p->rate_basis);
    d_li(&d, b);
    if (sim) {
        snprintf(b, sizeof b,
                 "Monte Carlo: %zu draws, generator %s, seed %lu; annual log "
                 "GDP growth ~ N(%.4f, %.4f^2) (sd: %s); bands are the 5th, "
                 "25th, 75th and 95th percentiles",
                 sim->n_draws, sim->rng_name, r->seed, sim->growth_mu,
                 sim->growth_sd, sim->growth_sd_basis);
        d_li(&d, b);
    } else {
        d_li(&d, "Monte Carlo: not run (--simulate 0)");
    }
    d_li(&d, "Military expenditure: the definition of each source (World "
             "Bank WDI figures originate with SIPRI; ministry budgets are "
             "initial budgets of the fiscal year)");
    d_ul(&d, 0);

    /* sources */
    d_h(&d, 2, "Sources");
    qsort(cs.o, cs.n, sizeof *cs.o, cite_cmp);
    d_ul(&d, 1);
    for (size_t i = 0; i < cs.n; i++) {
        snprintf(b, sizeof b, "%s; definition %s; vintage %s",
                 cs.o[i]->source, cs.o[i]->definition,
                 cs.o[i]->vintage[0] ? cs.o[i]->vintage : "unknown");
        d_li(&d, b);
    }
    d_ul(&d, 0);
    d_p(&d, "Licences: World Bank WDI data CC BY 4.0; government budget "
            "documents public. Charts: the .plot.gp scripts and .plot.csv "
            "data beside "
            "each PNG re-create them with gnuplot.");
    fputs("</body>\n</html>\n", d.html);

done:
    if (d.md)
        fclose(d.md);
    if (d.html)
        fclose(d.html);
    if (!rc && (ds_report_folder_write(rf, "report.md", mdb, mdl, &err) ||
                ds_report_folder_write(rf, "report.html", htb, htl, &err))) {
        cli_report(&err);
        rc = EXIT_IO;
    }
    free(mdb);
    free(htb);
    for (int i = 0; i < NCHARTS; i++)
        free(co[i].svg);
    if (!rc) {
        static const char *const tn[] = {"table-scenarios.csv",
                                         "table-projection.csv",
                                         "table-compare.csv"};
        for (int i = 0; i < 3 && !rc; i++) {
            char *tb = NULL;
            size_t tlen = 0;
            FILE *f = open_memstream(&tb, &tlen);
            if (!f) {
                rc = EXIT_IO;
                break;
            }
            if (i == 0)
                csv_scenarios(f, s);
            else if (i == 1)
                csv_projection(f, p, sim);
            else
                csv_compare(f, cmp);
            fclose(f);
            if (ds_report_folder_write(rf, tn[i], tb, tlen, &err) != DS_OK) {
                cli_report(&err);
                rc = EXIT_IO;
            }
            free(tb);
        }
    }
    return rc;
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
    if (!rc && ds_report_folder_commit(f, &why, &err) != DS_OK)
        rc = refused(&err, why);
    if (!rc && failed) {
        cli_error("%s: report written without charts: gnuplot is missing or "
                  "failed (Debian/Ubuntu: apt-get install gnuplot-nox)",
                  o.out);
        rc = EXIT_RENDER;
    }
done:
    ds_report_folder_free(f);
    ds_report_free(r);
    ds_store_free(st);
    return rc;
}
