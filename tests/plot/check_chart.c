/* check_chart.c - every chart kind built from C through the library
 * (defspend/chart.h), no CLI: the figures in each chart's data (CSV) and
 * script are checked against the store's own figures (the shipped
 * datasets, DEFSPEND_DATA), read here with ds_store_find, not against the
 * chart code's own arithmetic.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <defspend/defspend.h>

static ds_store *store;

static void
setup(void)
{
    const char *dir = getenv("DEFSPEND_DATA");
    ck_assert_msg(dir != NULL, "DEFSPEND_DATA not set (run via meson test)");
    ds_error err;
    ds_error_clear(&err);
    store = ds_store_alloc();
    ck_assert_ptr_nonnull(store);
    ck_assert_msg(ds_store_load_dir(store, dir, &err) == DS_OK, "%s",
                  err.message);
}

static void
teardown(void)
{
    ds_store_free(store);
}

typedef struct built {
    char *csv, *gp;
} built;

/* Build kind with spec; its CSV and its PNG script. */
static built
build(const char *kind, const ds_chart_spec *spec)
{
    ds_error err;
    ds_error_clear(&err);
    ds_plot *p = ds_plot_alloc();
    ck_assert_ptr_nonnull(p);
    ds_status s = ds_chart_build(kind, store, spec, p, &err);
    ck_assert_msg(s == DS_OK, "%s: %s", kind, err.message);
    built b = {NULL, NULL};
    ck_assert_int_eq(ds_plot_data(p, &b.csv, &err), DS_OK);
    ck_assert_int_eq(ds_plot_script(p, DS_PLOT_PNG, "c.png", "c.plot.csv",
                                    &b.gp, &err),
                     DS_OK);
    ds_plot_free(p);
    return b;
}

static void
built_free(built *b)
{
    free(b->csv);
    free(b->gp);
}

/* The value in column col of the CSV row whose first field is key (as
 * text) or, with key NULL, of the last row; NaN when empty. */
static double
cell(const char *csv, const char *key, size_t col)
{
    const char *line = NULL;
    for (const char *l = strchr(csv, '\n') + 1; *l;
         l = strchr(l, '\n') + 1) {
        size_t n = key ? strlen(key) : 0;
        if (!key || (strncmp(l, key, n) == 0 && l[n] == ','))
            line = l;
        if (key && line)
            break;
        if (!strchr(l, '\n'))
            break;
    }
    ck_assert_msg(line != NULL, "no row %s in\n%s", key ? key : "(last)",
                  csv);
    for (size_t k = 0; k < col; k++) {
        line = strchr(line, ',');
        ck_assert_ptr_nonnull(line);
        line++;
    }
    if (*line == ',' || *line == '\n')
        return NAN;
    return strtod(line, NULL);
}

static double
stored(const char *iso3, const char *indicator, int year,
       const char *currency)
{
    ds_query q = {iso3, indicator, year, currency, NULL, NULL, NULL, 0,
                  DS_ACTUALS_ONLY};
    const ds_obs *o;
    ck_assert_msg(ds_store_find(store, &q, &o, NULL) == DS_OK,
                  "%s %s %d not in the store", iso3, indicator, year);
    return o->value;
}

#define ck_near(a, b)                                                         \
    ck_assert_msg(fabs((a) - (b)) <= 1e-9 * fabs(b), "%.17g != %.17g", (a),  \
                  (b))

START_TEST(kinds_are_listed)
{
    ck_assert_uint_eq(ds_chart_kind_count(), 7);
    const char *want[] = {"scenarios", "history",     "projection", "compare",
                          "revisions", "sensitivity", "bridge"};
    for (size_t i = 0; i < 7; i++) {
        ck_assert_str_eq(ds_chart_kind_name(i), want[i]);
        ck_assert(ds_chart_kind_known(want[i]));
    }
    ck_assert_ptr_null(ds_chart_kind_name(7));
    ck_assert(!ds_chart_kind_known("histroy"));
    ds_chart_spec spec;
    ds_chart_spec_init(&spec);
    spec.country = "JPN";
    ds_plot *p = ds_plot_alloc();
    ds_error err;
    ds_error_clear(&err);
    ck_assert_int_eq(ds_chart_build("pie", store, &spec, p, &err), DS_EINVAL);
    ck_assert_str_eq(err.message, "unknown chart kind 'pie'");
    ds_plot_free(p);
}
END_TEST

START_TEST(scenarios_bars_are_shares_of_gdp)
{
    ds_chart_spec spec;
    ds_chart_spec_init(&spec);
    spec.country = "JPN";
    spec.year = 2023;
    double t[] = {2, 5};
    spec.targets_pct = t;
    spec.n_targets = 2;
    built b = build("scenarios", &spec);
    double gdp = stored("JPN", "gdp", 2023, "USD");
    /* rows: "actual" (position 0), then one a target */
    ck_near(cell(b.csv, "1", 1), 0.02 * gdp / 1e9);
    ck_near(cell(b.csv, "2", 1), 0.05 * gdp / 1e9);
    ck_assert_ptr_nonnull(strstr(b.csv, "spend_USD_bn"));
    ck_assert_ptr_nonnull(
        strstr(b.gp, "defense spending at shares of 2023 GDP"));
    ck_assert_ptr_nonnull(strstr(b.gp, "Source: GDP: World Bank WDI"));
    built_free(&b);
}
END_TEST

START_TEST(history_is_the_stored_series)
{
    ds_chart_spec spec;
    ds_chart_spec_init(&spec);
    spec.country = "JPN";
    spec.from = 2000;
    spec.to = 2020;
    built b = build("history", &spec);
    ck_near(cell(b.csv, "2010", 1), stored("JPN", "milex_gdp_pct", 2010, NULL));
    ck_near(cell(b.csv, "2010", 3), stored("JPN", "milex", 2010, "USD") / 1e9);
    ck_assert_ptr_null(strstr(b.csv, "\n1999,"));
    ck_assert_ptr_null(strstr(b.csv, "\n2021,"));
    ck_assert_ptr_nonnull(strstr(b.gp, "military expenditure, 2000-2020"));
    built_free(&b);
}
END_TEST

START_TEST(projection_reaches_the_target_share)
{
    ds_chart_spec spec;
    ds_chart_spec_init(&spec);
    spec.country = "JPN";
    spec.growth_pct = 0; /* flat GDP: the target year's GDP is the start's */
    spec.by = 2030;
    double t[] = {5};
    spec.targets_pct = t;
    spec.n_targets = 1;
    built b = build("projection", &spec);
    /* the start year: the row labelled so */
    const char *start = strstr(b.csv, ",start\n");
    ck_assert_ptr_nonnull(start);
    while (start > b.csv && start[-1] != '\n')
        start--;
    double gdp = stored("JPN", "gdp", atoi(start), "USD");
    ck_assert_ptr_nonnull(strstr(b.csv, "path_5_usd_bn"));
    /* the last row is the target year at 5% of (flat) GDP, in US$ at the
     * start year's rate */
    ck_assert_int_eq((int)cell(b.csv, NULL, 0), 2030);
    double v = cell(b.csv, NULL, 3);
    ck_assert_msg(fabs(v - 0.05 * gdp / 1e9) < 0.01 * 0.05 * gdp / 1e9,
                  "%g vs %g", v, 0.05 * gdp / 1e9);
    ck_assert_ptr_nonnull(strstr(b.gp, "paths to 5% of GDP"));
    /* with draws: the 5th to 95th percentile bands */
    spec.draws = 200;
    spec.seed = 7;
    built f = build("projection", &spec);
    ck_assert_ptr_nonnull(strstr(f.csv, "path_5_p95_usd_bn"));
    ck_assert_ptr_nonnull(strstr(f.gp, "(Monte Carlo bands)"));
    /* the median path is the deterministic one; the bands surround it */
    double lo = cell(f.csv, NULL, 4), hi = cell(f.csv, NULL, 7);
    ck_assert_msg(lo < cell(f.csv, NULL, 3) && cell(f.csv, NULL, 3) < hi,
                  "%g < %g < %g", lo, cell(f.csv, NULL, 3), hi);
    /* the footnote names the draws and the seed, not the generator's
     * internals (issue 16, item 9) */
    ck_assert_ptr_nonnull(strstr(f.gp, "Monte Carlo bands: 200 draws, "
                                       "seed 7"));
    ck_assert_ptr_null(strstr(f.gp, "xoshiro"));
    ck_assert_ptr_null(strstr(f.gp, "mt19937"));
    ck_assert_ptr_null(strstr(f.gp, "ziggurat"));
    built_free(&f);
    built_free(&b);
}
END_TEST

/* The method of the bands stays available to a methods section: the
 * generator, seed, draws and growth distribution of the simulation. */
START_TEST(fan_method_names_the_generator)
{
    ds_project_spec ps;
    ds_project_spec_init(&ps);
    ps.country = "JPN";
    double t[] = {3.5};
    ps.targets_pct = t;
    ps.n_targets = 1;
    ps.by_year = 2035;
    ps.gdp_source = DS_GDP_FIT;
    ps.fit_years = 10;
    ds_error err;
    ds_error_clear(&err);
    ds_projection *pr = NULL;
    ck_assert_msg(ds_project_run(store, &ps, &pr, &err) == DS_OK, "%s",
                  err.message);
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(rng, 7);
    ds_sim_spec ss = {300, NAN, NAN, 0};
    ds_simulation *sim = NULL;
    ck_assert_msg(ds_projection_simulate(pr, &ss, rng, &sim, &err) == DS_OK,
                  "%s", err.message);
    char m[1024];
    ck_assert_ptr_eq(ds_chart_fan_method(sim, 7, m, sizeof m), m);
    ck_assert_msg(strstr(m, "Monte Carlo: 300 draws") &&
                      strstr(m, sim->rng_name) && strstr(m, "seed 7;") &&
                      strstr(m, "mt19937") && strstr(m, "95th"),
                  "%s", m);
    ds_simulation_free(sim);
    gsl_rng_free(rng);
    ds_projection_free(pr);
}
END_TEST

START_TEST(compare_ranks_shares)
{
    ds_chart_spec spec;
    ds_chart_spec_init(&spec);
    const char *c[] = {"JPN", "DEU"};
    spec.countries = c;
    spec.n_countries = 2;
    spec.year = 2022;
    built b = build("compare", &spec);
    /* each row's share is the stored military expenditure / GDP */
    double jp = stored("JPN", "milex_gdp_pct", 2022, NULL);
    const char *l = strstr(b.csv, ",JPN\n");
    ck_assert_ptr_nonnull(l);
    ck_assert_ptr_nonnull(strstr(b.gp, "'2 countries, 2022: defense spending "
                                       "as a share of GDP (World Bank WDI "
                                       "definition)'"));
    /* JPN, the first, is the focus: its share is in column 2 */
    while (l > b.csv && l[-1] != '\n')
        l--;
    char key[8];
    snprintf(key, sizeof key, "%.*s", (int)(strchr(l, ',') - l), l);
    double got = cell(b.csv, key, 2);
    ck_assert_msg(fabs(got - jp) < 1e-6 * jp, "%g vs %g", got, jp);
    built_free(&b);
}
END_TEST

/* The compare chart as an editor reads it (issue 16, item 7): the title
 * in words with the year and definition, no "ranked by share", names not
 * codes in the legend, a chart of "US allies" that holds the United
 * States says so, and each figure's year where the years differ. */
START_TEST(compare_says_who_when_and_whose)
{
    ds_error err;
    ds_error_clear(&err);
    ds_groups *g = ds_groups_alloc();
    char path[512];
    snprintf(path, sizeof path, "%s/meta/groups.csv", getenv("DEFSPEND_DATA"));
    ck_assert_int_eq(ds_groups_load_file(g, path, &err), DS_OK);
    const ds_group_member *m[64];
    size_t n = 0;
    ck_assert_int_eq(ds_groups_members(g, "nato", 0, m, 64, &n, &err), DS_OK);
    const char *iso[64];
    for (size_t i = 0; i < n; i++)
        iso[i] = m[i]->iso3;
    ds_chart_spec spec;
    ds_chart_spec_init(&spec);
    spec.countries = iso;
    spec.n_countries = n;
    spec.group = "nato";
    spec.prefer = ds_groups_source(g, "nato");
    built b = build("compare", &spec);
    /* NATO's 2024 figures are its own estimates (flag estimate in
     * datasets/nato.csv) */
    ck_assert_msg(strstr(b.gp, "'NATO members, 2024: defense spending as a "
                               "share of GDP (NATO definition, estimates)'"),
                  "%s", b.gp);
    ck_assert_ptr_null(strstr(b.gp, "ranked by share"));
    ck_assert_ptr_null(strstr(b.gp, "Group nato"));
    /* one year for all: no year on the bars */
    ck_assert_ptr_nonnull(strstr(b.gp, "'Poland 4.12%%' "));
    built_free(&b);

    /* the report's call: "US allies" with the United States among them,
     * Japan in focus */
    const char *al[] = {"JPN", "KOR", "AUS", "USA"};
    ds_compare_spec cs;
    ds_compare_spec_init(&cs);
    cs.iso3 = al;
    cs.n = 4;
    static const double tg[] = {2, 3.5};
    cs.targets_pct = tg;
    cs.n_targets = 2;
    cs.latest_each = 1;
    ds_comparison *c = NULL;
    ck_assert_int_eq(ds_compare_run(store, &cs, &c, &err), DS_OK);
    ds_plot *p = ds_plot_alloc();
    ck_assert_int_eq(ds_chart_compare(p, c, "US allies", "JPN", &err), DS_OK);
    char *gp = NULL;
    ck_assert_int_eq(ds_plot_script(p, DS_PLOT_PNG, "c.png", "c.plot.csv", &gp,
                                    &err),
                     DS_OK);
    ck_assert_msg(strstr(gp, "'US allies and the United States, "), "%s", gp);
    ck_assert_msg(strstr(gp, "title 'Japan'"), "%s", gp);
    ck_assert_ptr_null(strstr(gp, "title 'JPN'"));
    /* the years differ (latest each): every bar says its year */
    int differ = 0;
    for (size_t i = 0; i < c->n_rows; i++)
        differ |= c->rows[i].has_data && c->rows[i].year != c->rows[0].year;
    for (size_t i = 0; differ && i < c->n_rows; i++) {
        char want[64];
        if (!c->rows[i].has_data)
            continue;
        snprintf(want, sizeof want, "(%d", c->rows[i].year);
        const char *at = strstr(gp, c->rows[i].name);
        ck_assert_ptr_nonnull(at);
        const char *eol = strchr(at, '\n');
        const char *y = strstr(at, want);
        ck_assert_msg(y && y < eol, "no %s after %s", want, c->rows[i].name);
    }
    ck_assert_msg(differ || strstr(gp, "latest year of each") == NULL, "%s",
                  gp);
    free(gp);
    ds_plot_free(p);
    ds_compare_free(c);
    ds_groups_free(g);
}
END_TEST

START_TEST(revisions_names_the_largest_revision)
{
    ds_chart_spec spec;
    ds_chart_spec_init(&spec);
    spec.country = "JPN";
    spec.indicator = "gdp";
    built b = build("revisions", &spec);
    /* the chart draws each release's change from the release before that
     * held the same figure (issue 16, item 6): the largest of them, worked
     * out here from the store's figures of the releases the columns name,
     * is the one the title gives, in words, not codes */
    const char *h = b.csv;
    char v[3][32];
    ck_assert_int_eq(sscanf(h, "year,wdi %31[^,],wdi %31[^,],wdi %31[^,],",
                            v[0], v[1], v[2]),
                     3);
    ck_assert_msg(strstr(h, ",change_pct wdi ") != NULL, "%.200s", h);
    double worst = 0;
    for (int y = 1960; y <= 2030; y++) {
        double val[3];
        for (int k = 0; k < 3; k++) {
            ds_query q = {"JPN", "gdp", y, "USD", "wdi", v[k], NULL, 0,
                          DS_ACTUALS_ONLY};
            const ds_obs *o;
            val[k] = ds_store_find(store, &q, &o, NULL) == DS_OK &&
                             strcmp(o->vintage, v[k]) == 0
                         ? o->value
                         : NAN;
        }
        for (int k = 1; k < 3; k++) {
            int j = k - 1;
            while (j >= 0 && isnan(val[j]))
                j--;
            if (j < 0 || isnan(val[k]))
                continue;
            double r = 100 * (val[k] - val[j]) / fabs(val[j]);
            if (fabs(r) > fabs(worst))
                worst = r;
        }
    }
    ck_assert(fabs(worst) > 1); /* the 1960s were revised by 7% */
    const char *t = strstr(b.gp, "set label 'Japan: GDP in current US$, "
                                 "revisions between World Bank WDI "
                                 "releases; largest ");
    ck_assert_msg(t != NULL, "no title in words in the script");
    double shown;
    ck_assert_int_eq(sscanf(strstr(t, "largest ") + 8, "%lf", &shown), 1);
    ck_assert_msg(fabs(shown - worst) < 0.006, "title %g, store %g", shown,
                  worst);
    ck_assert_ptr_null(strstr(b.gp, "(JPN)"));
    ck_assert_ptr_null(strstr(b.gp, "definition wdi"));
    ck_assert_ptr_nonnull(strstr(b.gp, "revision, % of the release before"));
    built_free(&b);

    ds_error err;
    ds_error_clear(&err);
    ds_plot *p = ds_plot_alloc();
    ck_assert_int_eq(ds_chart_revisions(p, store, "JPN", "gdp", "USD",
                                        "nope", &err),
                     DS_ENOTFOUND);
    ck_assert_str_eq(err.message, "no gdp with definition 'nope' for JPN in "
                                  "the store");
    ds_plot_free(p);
}
END_TEST

START_TEST(sensitivity_flat_growth_is_the_share_of_gdp)
{
    ds_chart_spec spec;
    ds_chart_spec_init(&spec);
    spec.country = "JPN";
    double t[] = {2, 5}, g[] = {0, 3};
    spec.targets_pct = t;
    spec.n_targets = 2;
    spec.xs = g;
    spec.nx = 2;
    built b = build("sensitivity", &spec);
    /* the start year: the latest with GDP in US$ */
    ds_query q = {"JPN", "gdp", 0, "USD", NULL, NULL, NULL, 0,
                  DS_ACTUALS_ONLY};
    int from = 0;
    ck_assert_int_eq(ds_store_latest_year(store, &q, &from, NULL), DS_OK);
    double gdp = stored("JPN", "gdp", from, "USD");
    /* rows growth_index,target_index,value: 0 growth keeps GDP flat */
    ck_near(cell(b.csv, "0,0", 2), 0.02 * gdp / 1e9);
    ck_near(cell(b.csv, "0,1", 2), 0.05 * gdp / 1e9);
    /* 3% growth: more than flat, by about 1.03^years */
    ck_assert(cell(b.csv, "1,1", 2) > 0.05 * gdp / 1e9 * 1.2);
    ck_assert_ptr_nonnull(strstr(b.gp, "spending in 2035, current US$, by "
                                       "target and GDP growth"));
    built_free(&b);
}
END_TEST

START_TEST(sensitivity_grid_rates_divide_local_currency)
{
    ds_sensitivity_spec ss;
    memset(&ss, 0, sizeof ss);
    double t[] = {3.5}, r[] = {100, 200};
    ss.project.country = "JPN";
    ss.project.by_year = 2035;
    ss.project.targets_pct = t;
    ss.project.n_targets = 1;
    ss.project.gdp_source = DS_GDP_GROWTH;
    ss.project.growth_pct = 2;
    ss.project.fit_years = 10;
    ss.project.discount_pct = NAN;
    ss.project.inflation_pct = NAN;
    ss.xs = r;
    ss.nx = 2;
    ss.by_rate = 1;
    ds_sensitivity *g = NULL;
    ds_error err;
    ds_error_clear(&err);
    ck_assert_int_eq(ds_sensitivity_run(store, &ss, &g, &err), DS_OK);
    ck_assert_uint_eq(g->nt, 1);
    ck_assert_uint_eq(g->nx, 2);
    ck_near(g->spend_usd[0], g->spend_lcu[0] / 100);
    ck_near(g->spend_usd[1], g->spend_lcu[1] / 200);
    ck_near(g->spend_usd[0], 2 * g->spend_usd[1]);
    ck_assert(g->cum_lcu[0] > 0);
    ds_plot *p = ds_plot_alloc();
    ck_assert_int_eq(ds_chart_sensitivity(p, g, 1, &err), DS_OK);
    char *csv = NULL;
    ck_assert_int_eq(ds_plot_data(p, &csv, &err), DS_OK);
    ck_assert_ptr_nonnull(strstr(csv, "lcu_per_usd"));
    ck_near(cell(csv, "1,0", 2), g->cum_usd[1] / 1e9);
    free(csv);
    ds_plot_free(p);
    ds_sensitivity_free(g);
}
END_TEST

START_TEST(revisions_list_every_vintage)
{
    ds_revisions_spec rs = {"JPN", "gdp", "wdi", "USD", 0};
    ds_revisions *r = NULL;
    ds_error err;
    ds_error_clear(&err);
    ck_assert_int_eq(ds_revisions_run(store, &rs, &r, &err), DS_OK);
    ck_assert_uint_gt(r->n_rows, r->n_figures);
    size_t seen = 0;
    for (size_t i = 0; i < r->n_rows;) {
        size_t n = ds_revisions_figure_size(r, i);
        ck_assert_uint_ge(n, 1);
        ck_assert_ptr_null(r->rows[i].previous);
        ck_assert(isnan(r->rows[i].change));
        for (size_t k = i + 1; k < i + n; k++) {
            const ds_revision *w = &r->rows[k];
            ck_assert_ptr_eq(w->previous, r->rows[k - 1].obs);
            ck_assert_int_eq(w->obs->year, w->previous->year);
            ck_assert(strcmp(w->previous->vintage, w->obs->vintage) < 0);
            ck_near(w->change, w->obs->value - w->previous->value);
        }
        seen++;
        i += n;
    }
    ck_assert_uint_eq(seen, r->n_figures);
    ds_revisions_free(r);
}
END_TEST

/* ------------------------------------------------------------ report */

static char *
slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *b = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&b, &n);
    char chunk[4096];
    size_t r;
    while ((r = fread(chunk, 1, sizeof chunk, f)) > 0)
        fwrite(chunk, 1, r, m);
    fclose(f);
    fclose(m);
    return b;
}

START_TEST(report_folder_from_c)
{
    /* gnuplot unavailable: the charts' scripts and data are still
     * written and the report says so (failed) */
    setenv("DEFSPEND_GNUPLOT", "/nonexistent/gnuplot", 1);
    char tmpl[] = "/tmp/ds-report-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(tmpl));
    char out[256];
    snprintf(out, sizeof out, "%s/rep", tmpl);
    ds_error err;
    ds_error_clear(&err);
    double t[] = {1, 3.5}, pt[] = {5};
    const char *allies[] = {"JPN", "DEU", "KOR"};
    ds_report_spec spec;
    ds_report_spec_init(&spec);
    /* the defaults live in the library: no growth given (NaN, never 0),
     * the 10-year fit, the default seed, no draws */
    ck_assert(isnan(spec.growth_pct));
    ck_assert_int_eq(spec.gdp_source, DS_GDP_FIT);
    ck_assert_int_eq(spec.fit_years, 10);
    ck_assert_uint_eq(spec.seed, DS_SIM_DEFAULT_SEED);
    ck_assert_uint_eq(spec.draws, 0);
    spec.country = "JPN";
    spec.targets_pct = t;
    spec.n_targets = 2;
    spec.path_targets_pct = pt;
    spec.n_path_targets = 1;
    spec.by = 2035;
    spec.gdp_source = DS_GDP_GROWTH;
    spec.growth_pct = 0;
    spec.fit_years = 10;
    spec.countries = allies;
    spec.n_countries = 3;
    ds_report *r = NULL;
    ck_assert_int_eq(ds_report_compute(store, &spec, &r, &err), DS_OK);
    ck_assert_uint_eq(r->comparison->n_rows, 3);
    ck_assert_ptr_null(r->simulation);

    ds_report_folder *f = NULL;
    char *csv = NULL;
    ck_assert_int_eq(ds_report_folder_open(out, 0, &f, &err), DS_OK);
    int failed = 0;
    ck_assert_msg(ds_report_write(f, r, store, NULL, NULL, &failed, &err) ==
                      DS_OK,
                  "%s", err.message);
    ck_assert_int_eq(failed, 1);
    const char note[] = "my table\n";
    ck_assert_int_eq(ds_report_folder_write(f, "table-x.csv", note,
                                            sizeof note - 1, &err),
                     DS_OK);
    /* nothing in place before the commit */
    struct stat sb;
    ck_assert_int_ne(stat(out, &sb), 0);
    ds_report_refusal why;
    ck_assert_int_eq(ds_report_folder_commit(f, &why, &err), DS_OK);
    ds_report_folder_free(f);

    /* the manifest lists every file; the charts' data hold the report's
     * figures: 1% and 3.5% of the scenario's GDP */
    char path[512];
    snprintf(path, sizeof path, "%s/" DS_REPORT_MANIFEST, out);
    char *m = slurp(path);
    ck_assert_ptr_nonnull(m);
    ck_assert_ptr_nonnull(strstr(m, "# defspend report folder"));
    ck_assert_ptr_nonnull(strstr(m, "\ntable-x.csv\n"));
    for (size_t i = 0; i < DS_REPORT_NCHARTS; i++) {
        char want[96];
        snprintf(want, sizeof want, "\n%s.plot.gp\n", ds_report_chart_name(i));
        ck_assert_msg(strstr(m, want) != NULL, "%s not in\n%s", want, m);
    }
    const char *files[] = {"report.md", "report.html", "table-scenarios.csv",
                           "table-projection.csv", "table-compare.csv"};
    for (size_t i = 0; i < 5; i++) {
        char want[96];
        snprintf(want, sizeof want, "\n%s\n", files[i]);
        ck_assert_msg(strstr(m, want) != NULL, "%s not in\n%s", want, m);
    }
    free(m);

    /* report.md: 3.5% of the scenario year's GDP, as the store has it;
     * the path at flat GDP reaches 5% of the start year's GDP; every
     * country compared is named */
    double g = stored("JPN", "gdp", r->scenario->year, "USD");
    char money[64], want[256];
    snprintf(path, sizeof path, "%s/report.md", out);
    char *md = slurp(path);
    ck_assert_ptr_nonnull(md);
    /* (markdown escapes the "3." that starts the item: the rest) */
    /* with the figure in yen beside it (issue 16, item 10) */
    double gl = stored("JPN", "gdp", r->scenario->year, "JPY");
    char yen[64];
    snprintf(want, sizeof want, "5%% of %d GDP: %s (%s), current US$",
             r->scenario->year,
             ds_format_money(0.035 * g, "USD", money, sizeof money),
             ds_format_money(0.035 * gl, "JPY", yen, sizeof yen));
    char want_md[256]; /* Markdown escapes the parentheses */
    snprintf(want_md, sizeof want_md, "5%% of %d GDP: %s \\(%s\\), current US$",
             r->scenario->year, money, yen);
    ck_assert_msg(strstr(md, want_md) != NULL, "no '%s' in report.md",
                  want_md);
    ck_assert_ptr_nonnull(strstr(md, "# Defense spending at shares of GDP: "));
    ck_assert_ptr_nonnull(strstr(md, "Korea"));
    ck_assert_ptr_nonnull(strstr(md, "(Chart not rendered: gnuplot is "
                                     "missing or failed"));
    free(md);
    snprintf(path, sizeof path, "%s/report.html", out);
    char *html = slurp(path);
    ck_assert_ptr_nonnull(strstr(html, "Content-Security-Policy"));
    ck_assert_ptr_nonnull(strstr(html, want));
    ck_assert_ptr_nonnull(strstr(html, "<li>3.5% of "));
    free(html);
    snprintf(path, sizeof path, "%s/table-scenarios.csv", out);
    csv = slurp(path);
    ck_assert_ptr_nonnull(csv);
    ck_assert(strncmp(csv, "country,year,target_pct,gdp_usd,spend_usd,", 42) ==
              0);
    free(csv);
    snprintf(path, sizeof path, "%s/chart-scenarios.plot.csv", out);
    csv = slurp(path);
    ck_assert_ptr_nonnull(csv);
    double gdp = stored("JPN", "gdp", r->scenario->year, "USD");
    ck_near(cell(csv, "2", 1), 0.035 * gdp / 1e9);
    free(csv);
    snprintf(path, sizeof path, "%s/chart-compare.plot.csv", out);
    csv = slurp(path);
    ck_assert_ptr_nonnull(strstr(csv, ",KOR\n"));
    free(csv);

    /* a second run into the same folder: recognised by its manifest;
     * a folder of the user's is refused */
    int exists = 0;
    ck_assert_int_eq(ds_report_folder_check(out, 0, &exists, &why, &err),
                     DS_OK);
    ck_assert_int_eq(exists, 1);
    snprintf(path, sizeof path, "%s/mine", tmpl);
    ck_assert_int_eq(mkdir(path, 0700), 0);
    char file[600];
    snprintf(file, sizeof file, "%s/notes.txt", path);
    FILE *nf = fopen(file, "w");
    fputs("mine\n", nf);
    fclose(nf);
    ck_assert_int_eq(ds_report_folder_check(path, 0, &exists, &why, &err),
                     DS_EIO);
    ck_assert_int_eq(why, DS_REPORT_NOT_OURS);
    ck_assert_ptr_null(strstr(err.message, "--force"));
    ck_assert_int_eq(ds_report_folder_check(path, 1, &exists, &why, &err),
                     DS_OK);

    ds_report_free(r);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpl);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("chart");
    TCase *tc = tcase_create("kinds");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, kinds_are_listed);
    tcase_add_test(tc, scenarios_bars_are_shares_of_gdp);
    tcase_add_test(tc, history_is_the_stored_series);
    tcase_add_test(tc, projection_reaches_the_target_share);
    tcase_add_test(tc, fan_method_names_the_generator);
    tcase_add_test(tc, compare_ranks_shares);
    tcase_add_test(tc, compare_says_who_when_and_whose);
    tcase_add_test(tc, revisions_names_the_largest_revision);
    tcase_add_test(tc, sensitivity_flat_growth_is_the_share_of_gdp);
    tcase_add_test(tc, sensitivity_grid_rates_divide_local_currency);
    tcase_add_test(tc, revisions_list_every_vintage);
    tcase_add_test(tc, report_folder_from_c);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
