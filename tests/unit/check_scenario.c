/* check_scenario.c - spending at shares of GDP against a baseline
 * (scenario.c).
 *
 * The store is a handful of real rows copied from datasets/wdi_japan.csv,
 * datasets/wdi_world.csv (World Bank WDI) and datasets/japan_mod_budget.csv
 * (Japan MoD budget tables); every expected figure is worked out by hand
 * from them in the comment beside it (exact decimal arithmetic).
 *
 * Tolerances: US$ amounts (< 1e13) 1e-3 US$, yen amounts (< 1e14) 0.05
 * yen, both well above double rounding (ULP 2e-3 and 1.6e-2 at those
 * sizes) and well below a cent or a yen; ratios, shares and rates 1e-9
 * relative.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

#define TOL_USD 1e-3
#define TOL_LCU 0.05
#define ck_assert_rel(x, y) ck_assert_double_eq_tol((x), (y), fabs(y) * 1e-9)

#define HDR DS_STORE_HEADER "\n"

/* Japan: 2019 GDP in US$ only; 2022 complete, with the FY2022 MoD budget;
 * 2023 GDP in US$ and the military share only (no yen GDP, population,
 * rate or milex); 2024 GDP, population, rate and the FY2024 MoD budget
 * (fiscal years from April). */
static const char JAPAN[] =
    HDR
    "JPN,2019,calendar,gdp,5117993853016.51,USD,current,wdi,W,2025-10-07,,\n"
    "JPN,2022,calendar,gdp,4262463317796.53,USD,current,wdi,W,2025-10-07,,\n"
    "JPN,2022,calendar,gdp,560506000000000,JPY,current,wdi,W,2025-10-07,,\n"
    "JPN,2022,calendar,population,125124989,,,wdi,W,2025-10-07,,\n"
    "JPN,2022,fiscal-04,fx,108,JPY,,mod_budget_rate,M,2025-12-26,,\n"
    "JPN,2022,calendar,fx,131.498140443764,JPY,,wdi,W,2025-10-07,,\n"
    "JPN,2022,calendar,milex,6156947500000,JPY,current,wdi,W,2025-10-07,,\n"
    "JPN,2022,calendar,milex,46880194665.101,USD,current,wdi,W,2025-10-07,,\n"
    "JPN,2022,calendar,milex_gdp_pct,1.10588643022492,,,wdi,W,2025-10-07,,\n"
    "JPN,2022,fiscal-04,milex,5400500000000,JPY,current,mod_budget,M,2025-12-26,,\n"
    "JPN,2022,fiscal-04,milex,47000000000,USD,current,mod_budget,M,2025-12-26,estimate,\n"
    "JPN,2023,calendar,gdp,4213167237905.83,USD,current,wdi,W,2025-10-07,,\n"
    "JPN,2023,calendar,milex_gdp_pct,1.19606991540042,,,wdi,W,2025-10-07,,\n"
    "JPN,2024,calendar,gdp,4026210821146.81,USD,current,wdi,W,2025-10-07,,\n"
    "JPN,2024,calendar,gdp,609432600000000,JPY,current,wdi,W,2025-10-07,,\n"
    "JPN,2024,calendar,population,123975371,,,wdi,W,2025-10-07,,\n"
    "JPN,2024,calendar,fx,151.366291302752,JPY,,wdi,W,2025-10-07,,\n"
    "JPN,2024,fiscal-04,milex,7724900000000,JPY,current,mod_budget_excl_saco,M,2025-12-26,,\n"
    "JPN,2024,fiscal-04,milex,7949600000000,JPY,current,mod_budget,M,2025-12-26,,\n"
    "JPN,2024,fiscal-04,milex,56000000000,USD,current,mod_budget,M,2025-12-26,estimate,\n"
    /* Korea, WDI 2024-03-28: GDP and military expenditure in US$ only */
    "KOR,2022,calendar,gdp,1673916469026.56,USD,current,wdi,W,2024-03-28,,\n"
    "KOR,2022,calendar,milex,46365420707.4157,USD,current,wdi,W,2024-03-28,,\n";

static const char COUNTRIES[] =
    "iso3,name,aggregate,region,income_group,currency,aliases,special_notes\n"
    "JPN,Japan,0,East Asia & Pacific,High income,JPY,,\n"
    "KOR,\"Korea, Rep.\",0,East Asia & Pacific,High income,KRW,,\n";

static const char BASELINES[] =
    "country,indicator,definition,year,year_basis,label\n"
    "JPN,milex,mod_budget,2024,fiscal-04,FY2024 Ministry of Defense initial "
    "budget incl. SACO/US-realignment costs\n";

static const double TARGETS[] = {1.0, 2.385, 3.5, 5.0};
#define NT (sizeof TARGETS / sizeof *TARGETS)

/* The in-memory store (no country table, no baselines). */
static ds_store *
mem_store(void)
{
    ds_store *s = ds_store_alloc();
    ds_error err;
    ck_assert_ptr_nonnull(s);
    ck_assert_ds_ok(&err, ds_store_load_buffer(s, "jp.csv", JAPAN,
                                               sizeof JAPAN - 1, &err));
    return s;
}

/* The same rows in a directory with meta/countries.csv and, when asked,
 * meta/baselines.csv. */
static ds_store *
dir_store(const char *baselines)
{
    char *d = t_mkdtemp();
    t_write(d, "jp.csv", JAPAN, (size_t)-1);
    t_write(d, "meta/countries.csv", COUNTRIES, (size_t)-1);
    if (baselines)
        t_write(d, "meta/baselines.csv", baselines, (size_t)-1);
    ds_store *s = ds_store_alloc();
    ds_error err;
    ck_assert_ptr_nonnull(s);
    ck_assert_ds_ok(&err, ds_store_load_dir(s, d, &err));
    t_rmtree(d);
    free(d);
    return s;
}

static ds_scenario_spec
spec(const char *country, int year, ds_baseline_kind kind)
{
    ds_scenario_spec sp;
    memset(&sp, 0, sizeof sp);
    sp.country = country;
    sp.year = year;
    sp.targets_pct = TARGETS;
    sp.n_targets = NT;
    sp.baseline_kind = kind;
    return sp;
}

static ds_scenario *
run_ok(const ds_store *s, const ds_scenario_spec *sp)
{
    ds_scenario *sc = NULL;
    ds_error err;
    ck_assert_ds_ok(&err, ds_scenario_run(s, sp, &sc, &err));
    ck_assert_ptr_nonnull(sc);
    ck_assert_uint_eq(sc->n_rows, sp->n_targets);
    return sc;
}

/* ------------------------------------------------------------------ */
/* Spending at shares of GDP                                           */

START_TEST(test_spend_2024)
{
    ds_store *s = mem_store();
    ds_scenario_spec sp = spec("JPN", 2024, DS_BASELINE_NONE);
    ds_scenario *sc = run_ok(s, &sp);
    ck_assert_str_eq(sc->iso3, "JPN");
    ck_assert_str_eq(sc->name, "JPN"); /* no country table */
    ck_assert_str_eq(sc->lcu, "JPY"); /* from the yen GDP row */
    ck_assert_int_eq(sc->year, 2024);
    ck_assert_double_eq_tol(sc->gdp_usd->value, 4026210821146.81, TOL_USD);
    ck_assert_double_eq_tol(sc->gdp_lcu->value, 609432600000000.0, TOL_LCU);
    /* 609,432,600,000,000 / 4,026,210,821,146.81 = 151.36629130275190693 */
    ck_assert_rel(sc->gdp_lcu_per_usd, 151.36629130275190693);
    ck_assert_double_eq_tol(sc->population->value, 123975371.0, 0.5);
    ck_assert_double_eq_tol(sc->fx_official->value, 151.366291302752, 1e-12);

    /* US$:  f x 4,026,210,821,146.81      yen:  f x 609,432,600,000,000
     *  1%      40,262,108,211.4681                6,094,326,000,000
     *  2.385%  96,025,128,084.3514185            14,534,967,510,000
     *  3.5%   140,917,378,740.13835              21,330,141,000,000
     *  5%     201,310,541,057.3405               30,471,630,000,000
     * per person (/ 123,975,371):
     *  1%      324.75892499219139        49,157.554043536599
     *  2.385%  774.55003610637647       117,240.76639383479
     *  3.5%  1,136.6562374726699        172,051.43915237810
     *  5%    1,623.7946249609570        245,787.77021768299 */
    static const double usd[] = {40262108211.4681, 96025128084.3514185,
                                 140917378740.13835, 201310541057.3405};
    static const double lcu[] = {6094326000000.0, 14534967510000.0,
                                 21330141000000.0, 30471630000000.0};
    static const double pc_usd[] = {324.75892499219139, 774.55003610637647,
                                    1136.6562374726699, 1623.7946249609570};
    static const double pc_lcu[] = {49157.554043536599, 117240.76639383479,
                                    172051.43915237810, 245787.77021768299};
    for (size_t i = 0; i < NT; i++) {
        const ds_scenario_row *r = &sc->rows[i];
        ck_assert_double_eq_tol(r->target_pct, TARGETS[i], 1e-15);
        ck_assert_double_eq_tol(r->spend_usd, usd[i], TOL_USD);
        ck_assert_double_eq_tol(r->spend_lcu, lcu[i], TOL_LCU);
        ck_assert_rel(r->per_capita_usd, pc_usd[i]);
        ck_assert_rel(r->per_capita_lcu, pc_lcu[i]);
        /* no baseline: nothing to compare with */
        ck_assert_double_nan(r->diff_usd);
        ck_assert_double_nan(r->diff_lcu);
        ck_assert_double_nan(r->ratio_to_baseline);
        ck_assert_double_nan(r->ratio_to_baseline_lcu);
    }
    ck_assert_int_eq(sc->baseline.present, 0);
    ck_assert_double_nan(sc->baseline.usd);
    ck_assert_double_nan(sc->baseline.lcu);
    ck_assert_double_nan(sc->baseline.share_pct);
    ck_assert_double_nan(sc->baseline.usd_at_official);
    ds_scenario_free(sc);
    ds_store_free(s);
}
END_TEST

START_TEST(test_latest_year_default)
{
    ds_store *s = mem_store();
    ds_scenario_spec sp = spec("JPN", 0, DS_BASELINE_NONE);
    ds_scenario *sc = run_ok(s, &sp);
    ck_assert_int_eq(sc->year, 2024); /* latest year with GDP in US$ */
    ds_scenario_free(sc);
    sp.n_targets = 0;
    sc = run_ok(s, &sp);
    ck_assert_uint_eq(sc->n_rows, 0);
    ds_scenario_free(sc);
    ds_scenario_free(NULL); /* a no-op */
    ds_store_free(s);
}
END_TEST

START_TEST(test_fx_official_is_wdi_calendar)
{
    /* 2022 has the MoD budget rate (108 yen, fiscal year) and the WDI
     * average (131.498140443764): the official rate is WDI's */
    ds_store *s = mem_store();
    ds_scenario_spec sp = spec("JPN", 2022, DS_BASELINE_NONE);
    ds_scenario *sc = run_ok(s, &sp);
    ck_assert_ptr_nonnull(sc->fx_official);
    ck_assert_double_eq_tol(sc->fx_official->value, 131.498140443764, 1e-12);
    ck_assert_str_eq(sc->fx_official->definition, "wdi");
    ds_scenario_free(sc);
    ds_store_free(s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Missing inputs are NaN, never 0                                     */

START_TEST(test_missing_population_and_lcu)
{
    ds_store *s = mem_store();
    ds_scenario_spec sp = spec("JPN", 2023, DS_BASELINE_NONE);
    ds_scenario *sc = run_ok(s, &sp);
    ck_assert_ptr_null(sc->population);
    ck_assert_ptr_null(sc->gdp_lcu);
    ck_assert_ptr_null(sc->fx_official);
    ck_assert_double_nan(sc->gdp_lcu_per_usd);
    /* 0.035 x 4,213,167,237,905.83 = 147,460,853,326.70405 */
    ck_assert_double_eq_tol(sc->rows[2].spend_usd, 147460853326.70405, TOL_USD);
    for (size_t i = 0; i < NT; i++) {
        ck_assert_double_nan(sc->rows[i].spend_lcu);
        ck_assert_double_nan(sc->rows[i].per_capita_usd);
        ck_assert_double_nan(sc->rows[i].per_capita_lcu);
    }
    ds_scenario_free(sc);

    /* Korea: no local currency known at all */
    sp = spec("KOR", 2022, DS_BASELINE_NONE);
    sc = run_ok(s, &sp);
    ck_assert_str_eq(sc->lcu, "");
    ck_assert_ptr_null(sc->gdp_lcu);
    ck_assert_ptr_null(sc->fx_official);
    /* 0.035 x 1,673,916,469,026.56 = 58,587,076,415.9296 */
    ck_assert_double_eq_tol(sc->rows[2].spend_usd, 58587076415.9296, TOL_USD);
    ck_assert_double_nan(sc->rows[2].spend_lcu);
    ck_assert_double_nan(sc->rows[2].per_capita_usd);
    ds_scenario_free(sc);
    ds_store_free(s);
}
END_TEST

START_TEST(test_missing_lcu_with_country_table)
{
    /* the table says KRW but the store has no GDP in won */
    ds_store *s = dir_store(NULL);
    ds_scenario_spec sp = spec("KOR", 2022, DS_BASELINE_NONE);
    ds_scenario *sc = run_ok(s, &sp);
    ck_assert_str_eq(sc->name, "Korea, Rep.");
    ck_assert_str_eq(sc->lcu, "KRW");
    ck_assert_ptr_null(sc->gdp_lcu);
    ck_assert_double_nan(sc->gdp_lcu_per_usd);
    ck_assert_double_nan(sc->rows[0].spend_lcu);
    ds_scenario_free(sc);
    ds_store_free(s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Military share of GDP                                               */

START_TEST(test_actual_and_latest_pct)
{
    ds_store *s = mem_store();
    ds_scenario_spec sp = spec("JPN", 2022, DS_BASELINE_NONE);
    ds_scenario *sc = run_ok(s, &sp);
    ck_assert_ptr_nonnull(sc->actual_pct);
    ck_assert_double_eq_tol(sc->actual_pct->value, 1.10588643022492, 1e-14);
    ck_assert_ptr_eq(sc->latest_pct, sc->actual_pct);
    ds_scenario_free(sc);

    /* 2024 has no share: the latest earlier one is 2023's */
    sp.year = 2024;
    sc = run_ok(s, &sp);
    ck_assert_ptr_null(sc->actual_pct);
    ck_assert_ptr_nonnull(sc->latest_pct);
    ck_assert_int_eq(sc->latest_pct->year, 2023);
    ck_assert_double_eq_tol(sc->latest_pct->value, 1.19606991540042, 1e-14);
    ds_scenario_free(sc);

    /* 2019: none in or before that year (later ones do not count) */
    sp.year = 2019;
    sc = run_ok(s, &sp);
    ck_assert_ptr_null(sc->actual_pct);
    ck_assert_ptr_null(sc->latest_pct);
    ds_scenario_free(sc);
    ds_store_free(s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Baselines                                                           */

START_TEST(test_baseline_default_configured)
{
    ds_store *s = dir_store(BASELINES);
    ds_scenario_spec sp = spec("JPN", 2024, DS_BASELINE_DEFAULT);
    ds_scenario *sc = run_ok(s, &sp);
    const ds_baseline *b = &sc->baseline;
    ck_assert_str_eq(sc->name, "Japan");
    ck_assert_int_eq(b->present, 1);
    ck_assert_str_eq(b->label, "FY2024 Ministry of Defense initial budget "
                               "incl. SACO/US-realignment costs");
    /* the mod_budget rows, not mod_budget_excl_saco's 7,724.9 bn */
    ck_assert_double_eq_tol(b->lcu, 7949600000000.0, TOL_LCU);
    ck_assert_double_eq_tol(b->usd, 56e9, TOL_USD);
    ck_assert_ptr_nonnull(b->obs_lcu);
    ck_assert_ptr_nonnull(b->obs_usd);
    ck_assert_str_eq(b->obs_lcu->definition, "mod_budget");
    ck_assert_int_eq(b->obs_lcu->fy_start_month, 4);
    ck_assert_uint_eq(b->obs_usd->flags, DS_FLAG_ESTIMATE);
    /* 7,949,600,000,000 / 56,000,000,000 = 141.95714285714286 */
    ck_assert_rel(b->lcu_per_usd, 141.95714285714286);
    ck_assert_str_eq(b->rate_basis, "implied by the two figures in the store");
    /* 100 x 7,949,600,000,000 / 609,432,600,000,000 = 1.3044264451885245 */
    ck_assert_rel(b->share_pct, 1.3044264451885245);
    ck_assert_str_eq(b->share_basis,
                     "baseline in JPY / GDP in JPY (World Bank WDI), 2024");
    /* 7,949,600,000,000 / 151.366291302752 = 52,518,958,690.081005 */
    ck_assert_ptr_eq(b->fx_official, sc->fx_official);
    ck_assert_double_eq_tol(b->usd_at_official, 52518958690.081005, TOL_USD);

    /* rows, US$ side against 56 bn, yen side against 7,949.6 bn:
     *         diff US$                ratio           diff yen            ratio yen
     *  1%   -15,737,891,788.5319  0.71896621806193  -1,855,274,000,000  0.76662045889101
     *  3.5%  84,917,378,740.13835 2.51638176321676  13,380,541,000,000  2.68317160611855
     *  5%   145,310,541,057.3405  3.59483109030965  22,522,030,000,000  3.83310229445507 */
    const ds_scenario_row *r = sc->rows;
    ck_assert_double_eq_tol(r[0].diff_usd, -15737891788.5319, TOL_USD);
    ck_assert_rel(r[0].ratio_to_baseline, 0.71896621806193036);
    ck_assert_double_eq_tol(r[0].diff_lcu, -1855274000000.0, TOL_LCU);
    ck_assert_rel(r[0].ratio_to_baseline_lcu, 0.76662045889101338);
    ck_assert_double_eq_tol(r[2].diff_usd, 84917378740.13835, TOL_USD);
    ck_assert_rel(r[2].ratio_to_baseline, 2.51638176321675625);
    ck_assert_double_eq_tol(r[2].diff_lcu, 13380541000000.0, TOL_LCU);
    ck_assert_rel(r[2].ratio_to_baseline_lcu, 2.6831716061185468);
    ck_assert_double_eq_tol(r[3].diff_usd, 145310541057.3405, TOL_USD);
    ck_assert_rel(r[3].ratio_to_baseline, 3.5948310903096518);
    ck_assert_double_eq_tol(r[3].diff_lcu, 22522030000000.0, TOL_LCU);
    ck_assert_rel(r[3].ratio_to_baseline_lcu, 3.8331022944550669);
    /* one exchange rate for both sides: the baseline at GDP's own rate,
     * 7,949,600,000,000 / (609,432,600,000,000 / 4,026,210,821,146.81)
     * = 52,518,958,690.08 US$; 3.5% of GDP over it = the yen ratio
     * 2.6831716061185468 (not the 2.516 of the $56 bn as reported) */
    ck_assert_double_eq_tol(b->usd_one_rate, 52518958690.081, 0.01);
    ck_assert_rel(r[2].ratio_one_rate, 2.6831716061185468);
    ck_assert_rel(r[0].ratio_one_rate, 0.76662045889101338);
    ds_scenario_free(sc);

    /* the configured baseline is the FY2024 budget whatever the year:
     * for 2023 (no yen GDP) its share is taken on the US$ side,
     * 100 x 56,000,000,000 / 4,213,167,237,905.83 = 1.3291663216254146 */
    sp.year = 2023;
    sc = run_ok(s, &sp);
    ck_assert_double_eq_tol(sc->baseline.usd, 56e9, TOL_USD);
    ck_assert_rel(sc->baseline.share_pct, 1.3291663216254146);
    ck_assert_str_eq(sc->baseline.share_basis,
                     "baseline in US$ / GDP in US$ (World Bank WDI), 2023");
    ck_assert_double_nan(sc->baseline.usd_at_official); /* no 2023 rate */
    ck_assert_ptr_null(sc->baseline.fx_official);
    /* 147,460,853,326.70405 / 56,000,000,000 = 2.63322952369114375 */
    ck_assert_rel(sc->rows[2].ratio_to_baseline, 2.63322952369114375);
    ck_assert_double_nan(sc->rows[2].diff_lcu);
    ds_scenario_free(sc);
    ds_store_free(s);
}
END_TEST

START_TEST(test_baseline_default_same_year)
{
    /* like with like: the configured series (MoD budget, fiscal year)
     * for the scenario year when the store has it: FY2022 for 2022 */
    ds_store *s = dir_store(BASELINES);
    ds_scenario_spec sp = spec("JPN", 2022, DS_BASELINE_DEFAULT);
    ds_scenario *sc = run_ok(s, &sp);
    const ds_baseline *b = &sc->baseline;
    ck_assert_int_eq(b->obs_lcu->year, 2022);
    ck_assert_int_eq(b->obs_lcu->fy_start_month, 4);
    ck_assert_double_eq_tol(b->lcu, 5400500000000.0, TOL_LCU);
    ck_assert_double_eq_tol(b->usd, 47e9, TOL_USD);
    /* 5,400,500,000,000 / 47,000,000,000 = 114.90425531914894 */
    ck_assert_rel(b->lcu_per_usd, 114.90425531914894);
    /* 100 x 5,400,500,000,000 / 560,506,000,000,000 = 0.96350440494838592 */
    ck_assert_rel(b->share_pct, 0.96350440494838592);
    /* 5,400,500,000,000 / 131.498140443764 = 41,069,021,826.278658 */
    ck_assert_double_eq_tol(b->usd_at_official, 41069021826.278658, TOL_USD);
    /* 3.5%: 149,186,216,122.87855 / 47e9 = 3.1741748111250755;
     * 19,617,710,000,000 / 5,400,500,000,000 = 3.6325729099157485 */
    ck_assert_rel(sc->rows[2].ratio_to_baseline, 3.1741748111250755);
    ck_assert_rel(sc->rows[2].ratio_to_baseline_lcu, 3.6325729099157485);
    ds_scenario_free(sc);
    ds_store_free(s);
}
END_TEST

START_TEST(test_baseline_amount_lcu_without_gdp)
{
    /* the table says KRW, the store has no GDP in won: a won amount
     * cannot be compared */
    ds_store *s = dir_store(NULL);
    ds_scenario_spec sp = spec("KOR", 2022, DS_BASELINE_AMOUNT);
    ds_error err;
    ck_assert_ds_ok(&err, ds_amount_parse("₩61.2tn", &sp.baseline_amount,
                                          &err));
    ds_scenario *sc = NULL;
    ck_assert_ds_error(&err, ds_scenario_run(s, &sp, &sc, &err), DS_ENOTFOUND,
                       "cannot compare a baseline in KRW: no GDP in KRW for "
                       "KOR in 2022 in the store (give the baseline in US$)");
    ck_assert_ptr_null(sc);
    /* in US$ it works, the won side staying unknown */
    ck_assert_ds_ok(&err, ds_amount_parse("$46.4bn", &sp.baseline_amount,
                                          &err));
    sc = run_ok(s, &sp);
    ck_assert_double_eq_tol(sc->baseline.usd, 46.4e9, TOL_USD);
    ck_assert_double_nan(sc->baseline.lcu);
    ck_assert_double_nan(sc->rows[0].diff_lcu);
    ck_assert_str_eq(sc->baseline.rate_basis, "none available");
    ds_scenario_free(sc);
    ds_store_free(s);
}
END_TEST

START_TEST(test_baseline_default_missing_data)
{
    /* configured for FY2025, which the store does not have, and asked for
     * 2019, for which it has no MoD budget either */
    ds_store *s = dir_store(
        "country,indicator,definition,year,year_basis,label\n"
        "JPN,milex,mod_budget,2025,fiscal-04,FY2025 MoD budget\n");
    ds_scenario_spec sp = spec("JPN", 2019, DS_BASELINE_DEFAULT);
    ds_scenario *sc = NULL;
    ds_error err;
    ck_assert_ds_error(&err, ds_scenario_run(s, &sp, &sc, &err), DS_ENOTFOUND,
                       "no mod_budget milex for JPN in 2025 in the store (years with "
                       "data: 2022, 2024)");
    ck_assert_ptr_null(sc);
    ds_store_free(s);
}
END_TEST

START_TEST(test_baseline_default_unconfigured)
{
    /* no baselines.csv: the latest calendar-year military expenditure in
     * or before the year, here 2022 (WDI, yen and US$) */
    ds_store *s = mem_store();
    ck_assert_ptr_null(ds_store_baseline_def(s, "JPN"));
    ds_scenario_spec sp = spec("JPN", 2024, DS_BASELINE_DEFAULT);
    ds_scenario *sc = run_ok(s, &sp);
    const ds_baseline *b = &sc->baseline;
    ck_assert_int_eq(b->present, 1);
    ck_assert_str_eq(b->label, "World Bank WDI military expenditure (the latest "
                     "year; none for 2024)");
    ck_assert_int_eq(b->obs_lcu->year, 2022);
    ck_assert_double_eq_tol(b->lcu, 6156947500000.0, TOL_LCU);
    ck_assert_double_eq_tol(b->usd, 46880194665.101, TOL_USD);
    /* 6,156,947,500,000 / 46,880,194,665.101 = 131.33365900000013 */
    ck_assert_rel(b->lcu_per_usd, 131.33365900000013);
    /* the 2022 figure's share is WDI's own 2022 share, 1.10588643022492
     * (not 2022 spending over 2024 GDP, 1.0103%) */
    ck_assert_rel(b->share_pct, 1.10588643022492);
    ck_assert_int_eq(b->share_year, 2022);
    ck_assert_str_eq(b->share_basis,
                     "World Bank WDI's published share of GDP, 2022");
    /* 6,156,947,500,000 / 151.366291302752 = 40,675,816,570.581856 */
    ck_assert_double_eq_tol(b->usd_at_official, 40675816570.581856, TOL_USD);
    /* 140,917,378,740.13835 / 46,880,194,665.101 = 3.0059043002447557 */
    ck_assert_rel(sc->rows[2].ratio_to_baseline, 3.0059043002447557);
    ds_scenario_free(sc);

    /* Korea 2022: US$ only, no rate: the yen-side figures are NaN */
    sp = spec("KOR", 2022, DS_BASELINE_DEFAULT);
    sc = run_ok(s, &sp);
    b = &sc->baseline;
    ck_assert_int_eq(b->present, 1);
    ck_assert_ptr_null(b->obs_lcu);
    ck_assert_double_eq_tol(b->usd, 46365420707.4157, TOL_USD);
    ck_assert_double_nan(b->lcu);
    ck_assert_double_nan(b->lcu_per_usd);
    ck_assert_str_eq(b->rate_basis, "none available");
    /* 100 x 46,365,420,707.4157 / 1,673,916,469,026.56 = 2.7698766076648249 */
    ck_assert_rel(b->share_pct, 2.7698766076648249);
    /* 58,587,076,415.9296 - 46,365,420,707.4157 = 12,221,655,708.5139;
     * ratio 1.2635941941654627 */
    ck_assert_double_eq_tol(sc->rows[2].diff_usd, 12221655708.5139, TOL_USD);
    ck_assert_rel(sc->rows[2].ratio_to_baseline, 1.2635941941654627);
    ck_assert_double_nan(sc->rows[2].diff_lcu);
    ck_assert_double_nan(sc->rows[2].ratio_to_baseline_lcu);
    ds_scenario_free(sc);

    /* nothing to compare with: no baseline, no error */
    static const char gdp_only[] =
        HDR "KOR,2022,calendar,gdp,1673916469026.56,USD,current,wdi,W,"
            "2024-03-28,,\n";
    ds_store *k = ds_store_alloc();
    ds_error err;
    ck_assert_ds_ok(&err, ds_store_load_buffer(k, "k.csv", gdp_only,
                                               sizeof gdp_only - 1, &err));
    sc = run_ok(k, &sp);
    ck_assert_int_eq(sc->baseline.present, 0);
    ck_assert_double_nan(sc->rows[0].ratio_to_baseline);
    ds_scenario_free(sc);
    ds_store_free(k);
    ds_store_free(s);
}
END_TEST

START_TEST(test_baseline_parse)
{
    ds_baseline_choice c;
    ds_error err;
    ck_assert_ds_ok(&err, ds_baseline_parse("mod_budget:2025", &c, &err));
    ck_assert_int_eq(c.kind, DS_BASELINE_STORED);
    ck_assert_str_eq(c.definition, "mod_budget");
    ck_assert_int_eq(c.year, 2025);
    ck_assert_ds_ok(&err, ds_baseline_parse("56bn", &c, &err));
    ck_assert_int_eq(c.kind, DS_BASELINE_AMOUNT);
    ck_assert_double_eq_tol(c.amount.value, 56e9, 1e-3);
    ck_assert_ds_ok(&err, ds_baseline_parse(NULL, &c, &err));
    ck_assert_int_eq(c.kind, DS_BASELINE_DEFAULT);
    ck_assert_int_eq(ds_baseline_parse("56", &c, NULL), DS_EINVAL);
    ck_assert_int_eq(ds_baseline_parse("56,000", &c, NULL), DS_EINVAL);
    ck_assert_int_eq(ds_baseline_parse("sipri:24", &c, NULL), DS_EINVAL);
    ck_assert_int_eq(ds_baseline_parse("SIPRI:2024", &c, NULL), DS_EINVAL);
    ck_assert_int_eq(ds_baseline_parse(":2024", &c, NULL), DS_EINVAL);
}
END_TEST

START_TEST(test_baseline_stored)
{
    ds_store *s = mem_store();
    ds_scenario_spec sp = spec("JPN", 2024, DS_BASELINE_STORED);
    sp.baseline_definition = "mod_budget";
    sp.baseline_year = 2022;
    ds_scenario *sc = run_ok(s, &sp);
    const ds_baseline *b = &sc->baseline;
    ck_assert_double_eq_tol(b->lcu, 5400500000000.0, TOL_LCU);
    ck_assert_int_eq(b->obs_lcu->fy_start_month, 4);
    ck_assert_str_eq(b->obs_lcu->definition, "mod_budget");
    ds_scenario_free(sc);
    ds_error err;
    sp.baseline_year = 2031;
    ck_assert_int_eq(ds_scenario_run(s, &sp, &sc, &err), DS_ENOTFOUND);
    ds_store_free(s);
}
END_TEST

START_TEST(test_baseline_data)
{
    ds_store *s = mem_store();
    ds_scenario_spec sp = spec("JPN", 2022, DS_BASELINE_DATA);
    ds_scenario *sc = run_ok(s, &sp);
    const ds_baseline *b = &sc->baseline;
    ck_assert_int_eq(b->present, 1);
    ck_assert_str_eq(b->label, "World Bank WDI military expenditure");
    ck_assert_double_eq_tol(b->lcu, 6156947500000.0, TOL_LCU);
    ck_assert_double_eq_tol(b->usd, 46880194665.101, TOL_USD);
    ck_assert_rel(b->lcu_per_usd, 131.33365900000013);
    /* WDI's own share (MS.MIL.XPND.GD.ZS), not its yen spending over
     * its yen GDP (1.0985%): the publisher's ratio wins */
    ck_assert_rel(b->share_pct, 1.10588643022492);
    /* 6,156,947,500,000 / 131.498140443764 = 46,821,555,644.986911 */
    ck_assert_double_eq_tol(b->usd_at_official, 46821555644.986911, TOL_USD);
    /* 0.035 x 4,262,463,317,796.53 = 149,186,216,122.87855;
     * / 46,880,194,665.101 = 3.1822866178057313;
     * yen: 0.035 x 560,506,000,000,000 / 6,156,947,500,000 = 3.1862720934359112 */
    ck_assert_double_eq_tol(sc->rows[2].spend_usd, 149186216122.87855, TOL_USD);
    ck_assert_rel(sc->rows[2].ratio_to_baseline, 3.1822866178057313);
    ck_assert_rel(sc->rows[2].ratio_to_baseline_lcu, 3.1862720934359112);
    ds_scenario_free(sc);

    /* 2024 has only the fiscal-year budget: 'data' takes the latest
     * calendar-year figure of the definition, 2022, and says so */
    sp.year = 2024;
    sc = run_ok(s, &sp);
    b = &sc->baseline;
    ck_assert_int_eq(b->obs_lcu->year, 2022);
    ck_assert_int_eq(b->year_differs, 1);
    ck_assert_str_eq(b->label, "World Bank WDI military expenditure (the "
                               "latest year; none for 2024)");
    ds_scenario_free(sc);
    /* a definition without calendar-year spending: an error naming it */
    sc = NULL;
    ds_error err;
    sp.source = "mod_budget_excl_saco";
    ck_assert_int_eq(ds_scenario_run(s, &sp, &sc, &err), DS_ENOTFOUND);
    ck_assert_ptr_null(sc);
    ds_store_free(s);
}
END_TEST

START_TEST(test_baseline_amount)
{
    ds_store *s = mem_store();
    ds_scenario_spec sp = spec("JPN", 2024, DS_BASELINE_AMOUNT);
    ds_error err;

    /* US$ 56 bn; yen at the GDP-implied rate 151.36629130275190693:
     * 8,476,512,312,954.1068 yen */
    ck_assert_ds_ok(&err, ds_amount_parse("$56bn", &sp.baseline_amount, &err));
    ds_scenario *sc = run_ok(s, &sp);
    const ds_baseline *b = &sc->baseline;
    ck_assert_int_eq(b->present, 1);
    ck_assert_str_eq(b->label, "given on the command line: $56.0 bn");
    ck_assert_double_eq_tol(b->usd, 56e9, TOL_USD);
    ck_assert_double_eq_tol(b->lcu, 8476512312954.1068, TOL_LCU);
    ck_assert_rel(b->lcu_per_usd, 151.36629130275190693);
    ck_assert_str_eq(b->rate_basis, "GDP in JPY / GDP in US$, 2024");
    ck_assert_ptr_null(b->obs_usd);
    ck_assert_ptr_null(b->obs_lcu);
    /* 100 x 8,476,512,312,954.1068 / 609,432,600,000,000 = 1.3908859343845582 */
    ck_assert_rel(b->share_pct, 1.3908859343845582);
    /* 3.5%: 140,917,378,740.13835 / 56e9 = 2.51638176321675625 on both
     * sides (one rate links them) */
    ck_assert_rel(sc->rows[2].ratio_to_baseline, 2.51638176321675625);
    ck_assert_rel(sc->rows[2].ratio_to_baseline_lcu, 2.51638176321675625);
    ds_scenario_free(sc);

    /* no currency means US$ */
    sp.baseline_amount.value = 56e9;
    sp.baseline_amount.currency[0] = '\0';
    sc = run_ok(s, &sp);
    ck_assert_double_eq_tol(sc->baseline.usd, 56e9, TOL_USD);
    ck_assert_double_eq_tol(sc->baseline.lcu, 8476512312954.1068, TOL_LCU);
    ds_scenario_free(sc);

    /* 7.95 tn yen: US$ 7.95e12 / 151.36629130275190693 = 52,521,601,286.372176;
     * 3.5%: 140,917,378,740.13835 - that = 88,395,777,453.766174, ratio
     * 2.6830366037735849 = 21,330,141,000,000 / 7.95e12 */
    ck_assert_ds_ok(&err, ds_amount_parse("7.95tn JPY", &sp.baseline_amount,
                                          &err));
    sc = run_ok(s, &sp);
    b = &sc->baseline;
    ck_assert_str_eq(b->label, "given on the command line: ¥7.95 tn");
    ck_assert_double_eq_tol(b->lcu, 7.95e12, TOL_LCU);
    ck_assert_double_eq_tol(b->usd, 52521601286.372176, TOL_USD);
    /* 100 x 7.95e12 / 609,432,600,000,000 = 1.3044920800101603 */
    ck_assert_rel(b->share_pct, 1.3044920800101603);
    ck_assert_double_eq_tol(sc->rows[2].diff_usd, 88395777453.766174, TOL_USD);
    ck_assert_rel(sc->rows[2].ratio_to_baseline, 2.6830366037735849);
    ck_assert_double_eq_tol(sc->rows[2].diff_lcu, 13380141000000.0, TOL_LCU);
    ck_assert_rel(sc->rows[2].ratio_to_baseline_lcu, 2.6830366037735849);
    /* 7.95e12 / 151.366291302752 = 52,521,601,286.37 at the official rate
     * too (WDI's GDP in US$ uses that rate) */
    ck_assert_double_eq_tol(b->usd_at_official, 7.95e12 / 151.366291302752,
                            TOL_USD);
    ck_assert_double_eq_tol(b->usd_at_official, 52521601286.37, 0.5);
    ds_scenario_free(sc);
    ds_store_free(s);
}
END_TEST

START_TEST(test_baseline_amount_bad_currency)
{
    ds_store *s = mem_store();
    ds_scenario_spec sp = spec("JPN", 2024, DS_BASELINE_AMOUNT);
    ds_error err;
    ck_assert_ds_ok(&err, ds_amount_parse("€12.4bn", &sp.baseline_amount,
                                          &err));
    ds_scenario *sc = NULL;
    ck_assert_ds_error(&err, ds_scenario_run(s, &sp, &sc, &err), DS_EINVAL,
                       "baseline currency 'EUR' is neither USD nor JPN's "
                       "currency JPY");
    ck_assert_ptr_null(sc);

    /* a country whose currency is unknown: only US$ works */
    sp = spec("KOR", 2022, DS_BASELINE_AMOUNT);
    ck_assert_ds_ok(&err, ds_amount_parse("₩61.2tn", &sp.baseline_amount,
                                          &err));
    ck_assert_ds_error(&err, ds_scenario_run(s, &sp, &sc, &err), DS_EINVAL,
                       "baseline currency 'KRW' is neither USD nor KOR's "
                       "currency");
    ck_assert_ptr_null(sc);
    ds_store_free(s);
}
END_TEST

/* A synthetic country whose official average rate (150 per US$) differs
 * from the rate implied by its two GDP figures (2,385 tn / 15 tn = 159),
 * so that the two uses can be told apart.  (In WDI they agree: WDI's GDP
 * in US$ is the yen GDP at the official rate.) */
static const char SYNTH[] =
    HDR
    "XJP,2024,calendar,gdp,15000000000000,USD,current,wdi,S,2025-10-07,,\n"
    "XJP,2024,calendar,gdp,2385000000000000,JPY,current,wdi,S,2025-10-07,,\n"
    "XJP,2024,calendar,fx,150,JPY,,wdi,S,2025-10-07,,\n"
    "XJP,2024,calendar,milex,20000000000,USD,current,sipri,S,2025-04-28,,\n";

START_TEST(test_baseline_rates)
{
    ds_store *s = ds_store_alloc();
    ds_error err;
    ck_assert_ds_ok(&err, ds_store_load_buffer(s, "x.csv", SYNTH,
                                               sizeof SYNTH - 1, &err));
    ds_scenario_spec sp = spec("XJP", 2024, DS_BASELINE_AMOUNT);

    /* 7.95 tn yen: 7.95e12 / 159 = 50 bn US$ at the GDP rate; at the
     * official rate 7.95e12 / 150 = 53 bn */
    ck_assert_ds_ok(&err, ds_amount_parse("7.95tn JPY", &sp.baseline_amount,
                                          &err));
    ds_scenario *sc = run_ok(s, &sp);
    ck_assert_rel(sc->gdp_lcu_per_usd, 159.0);
    ck_assert_rel(sc->baseline.lcu_per_usd, 159.0);
    ck_assert_double_eq_tol(sc->baseline.usd, 50e9, TOL_USD);
    ck_assert_double_eq_tol(sc->baseline.usd_at_official, 53e9, TOL_USD);
    ds_scenario_free(sc);

    /* US$ 56 bn: 56e9 x 159 = 8,904 bn yen; at the official rate back to
     * 8.904e12 / 150 = 59.36 bn US$ */
    ck_assert_ds_ok(&err, ds_amount_parse("US$ 56,000 m", &sp.baseline_amount,
                                          &err));
    sc = run_ok(s, &sp);
    ck_assert_double_eq_tol(sc->baseline.lcu, 8.904e12, TOL_LCU);
    ck_assert_double_eq_tol(sc->baseline.usd_at_official, 59.36e9, TOL_USD);
    /* 3.5% of 15 tn = 525 bn US$ = 9.375 x 56 bn; yen 83,475 bn, the
     * same ratio */
    ck_assert_double_eq_tol(sc->rows[2].spend_usd, 525e9, TOL_USD);
    ck_assert_double_eq_tol(sc->rows[2].spend_lcu, 83.475e12, TOL_LCU);
    ck_assert_rel(sc->rows[2].ratio_to_baseline, 9.375);
    ck_assert_rel(sc->rows[2].ratio_to_baseline_lcu, 9.375);
    ds_scenario_free(sc);

    /* a stored US$-only figure gets its yen at the GDP rate too:
     * 20e9 x 159 = 3.18 tn; share 100 x 20e9 / 15e12 = 0.13333...% */
    sp.baseline_kind = DS_BASELINE_DATA;
    sc = run_ok(s, &sp);
    const ds_baseline *b = &sc->baseline;
    ck_assert_ptr_null(b->obs_lcu);
    ck_assert_double_eq_tol(b->usd, 20e9, TOL_USD);
    ck_assert_double_eq_tol(b->lcu, 3.18e12, TOL_LCU);
    ck_assert_rel(b->lcu_per_usd, 159.0);
    ck_assert_str_eq(b->rate_basis, "GDP in JPY / GDP in US$, 2024");
    ck_assert_str_eq(b->label, "SIPRI military expenditure");
    ck_assert_rel(b->share_pct, 100.0 * 20.0 / 15000.0);
    ck_assert_double_eq_tol(b->usd_at_official, 21.2e9, TOL_USD);
    ds_scenario_free(sc);
    ds_store_free(s);
}
END_TEST

START_TEST(test_baseline_default_lcu_only)
{
    /* a configured series with a yen figure only: its US$ value comes
     * from the GDP rate, 7,724,900,000,000 / 151.36629130275190693 =
     * 51,034,480,223.534141 */
    ds_store *s = dir_store(
        "country,indicator,definition,year,year_basis,label\n"
        "JPN,milex,mod_budget_excl_saco,2024,fiscal-04,FY2024 excl. SACO\n");
    ds_scenario_spec sp = spec("JPN", 2024, DS_BASELINE_DEFAULT);
    ds_scenario *sc = run_ok(s, &sp);
    const ds_baseline *b = &sc->baseline;
    ck_assert_str_eq(b->label, "FY2024 excl. SACO");
    ck_assert_ptr_null(b->obs_usd);
    ck_assert_double_eq_tol(b->lcu, 7724900000000.0, TOL_LCU);
    ck_assert_double_eq_tol(b->usd, 51034480223.534141, TOL_USD);
    ck_assert_str_eq(b->rate_basis, "GDP in JPY / GDP in US$, 2024");
    /* 100 x 7,724,900,000,000 / 609,432,600,000,000 = 1.2675560841346525 */
    ck_assert_rel(b->share_pct, 1.2675560841346525);
    ds_scenario_free(sc);
    ds_store_free(s);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Years and countries without data                                    */

START_TEST(test_year_without_data)
{
    ds_store *s = mem_store();
    ds_scenario_spec sp = spec("JPN", 2031, DS_BASELINE_NONE);
    ds_scenario *sc = NULL;
    ds_error err;
    ck_assert_ds_error(&err, ds_scenario_run(s, &sp, &sc, &err), DS_ENOTFOUND,
                       "no GDP in US$ for JPN (JPN) in 2031 in the store; "
                       "years with data: 2019, 2022-2024");
    ck_assert_ptr_null(sc);
    sp.year = 2020;
    ck_assert_ds_error(&err, ds_scenario_run(s, &sp, &sc, &err), DS_ENOTFOUND,
                       "no GDP in US$ for JPN (JPN) in 2020 in the store; "
                       "years with data: 2019, 2022-2024");
    ds_store_free(s);

    /* with a country table the name is spelled out */
    s = dir_store(NULL);
    ck_assert_ds_error(&err, ds_scenario_run(s, &sp, &sc, &err), DS_ENOTFOUND,
                       "no GDP in US$ for Japan (JPN) in 2020 in the store; "
                       "years with data: 2019, 2022-2024");
    ds_store_free(s);
}
END_TEST

START_TEST(test_country_without_data)
{
    ds_store *s = mem_store();
    ds_scenario *sc = NULL;
    ds_error err;
    ds_scenario_spec sp = spec("TWN", 0, DS_BASELINE_NONE);
    ck_assert_ds_error(&err, ds_scenario_run(s, &sp, &sc, &err), DS_ENOTFOUND,
                       "no data for TWN gdp in USD in the store");
    sp.year = 2024;
    ck_assert_ds_error(&err, ds_scenario_run(s, &sp, &sc, &err), DS_ENOTFOUND,
                       "no GDP in US$ for TWN (TWN) in 2024 in the store");
    ck_assert_ptr_null(sc);
    ds_store_free(s);
}
END_TEST

static Suite *
scenario_suite(void)
{
    Suite *s = suite_create("scenario");
    TCase *tc;

    tc = tcase_create("spending");
    tcase_add_test(tc, test_spend_2024);
    tcase_add_test(tc, test_latest_year_default);
    tcase_add_test(tc, test_fx_official_is_wdi_calendar);
    suite_add_tcase(s, tc);

    tc = tcase_create("missing inputs");
    tcase_add_test(tc, test_missing_population_and_lcu);
    tcase_add_test(tc, test_missing_lcu_with_country_table);
    suite_add_tcase(s, tc);

    tc = tcase_create("military share");
    tcase_add_test(tc, test_actual_and_latest_pct);
    suite_add_tcase(s, tc);

    tc = tcase_create("baselines");
    tcase_add_test(tc, test_baseline_default_configured);
    tcase_add_test(tc, test_baseline_default_same_year);
    tcase_add_test(tc, test_baseline_default_missing_data);
    tcase_add_test(tc, test_baseline_default_unconfigured);
    tcase_add_test(tc, test_baseline_data);
    tcase_add_test(tc, test_baseline_parse);
    tcase_add_test(tc, test_baseline_stored);
    tcase_add_test(tc, test_baseline_amount);
    tcase_add_test(tc, test_baseline_amount_bad_currency);
    tcase_add_test(tc, test_baseline_amount_lcu_without_gdp);
    tcase_add_test(tc, test_baseline_rates);
    tcase_add_test(tc, test_baseline_default_lcu_only);
    suite_add_tcase(s, tc);

    tc = tcase_create("no data");
    tcase_add_test(tc, test_year_without_data);
    tcase_add_test(tc, test_country_without_data);
    suite_add_tcase(s, tc);
    return s;
}

int
main(int argc, char **argv)
{
    return t_run(scenario_suite(), argc, argv);
}
