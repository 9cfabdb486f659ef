/* check_compare.c - groups file and the multi-country comparison. */
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "ptest.h"

START_TEST(groups_shipped)
{
    char path[4096];
    pt_path(path, sizeof path, "DEFSPEND_DATA", "meta/groups.csv");
    ds_groups *g = ds_groups_alloc();
    ds_error e;
    ck_ok(&e, ds_groups_load_file(g, path, &e));
    const ds_group_member *m[64];
    size_t n;
    ck_ok(&e, ds_groups_members(g, "NATO", 0, m, 64, &n, &e));
    ck_assert_uint_eq(n, 32);
    ck_ok(&e, ds_groups_members(g, "nato", 2022, m, 64, &n, &e));
    ck_assert_uint_eq(n, 30); /* Finland 2023, Sweden 2024 */
    ck_ok(&e, ds_groups_members(g, "g7", 0, m, 64, &n, &e));
    ck_assert_uint_eq(n, 7);
    ck_assert_str_eq(ds_groups_source(g, "nato"), "nato");
    ck_assert_ptr_null(ds_groups_source(g, "g7"));
    ck_assert_int_eq(ds_groups_members(g, "asean", 0, m, 64, &n, &e),
                     DS_ENOTFOUND);
    ck_assert_str_eq(e.message, "unknown group 'asean' (known: nato, g7, "
                                "indo-pacific)");
    ds_groups_free(g);
}
END_TEST

START_TEST(groups_errors)
{
    char tmpl[] = "/tmp/ds_groups_XXXXXX";
    int fd = mkstemp(tmpl);
    ck_assert_int_ge(fd, 0);
    const char *bad = "group,iso3,joined,note\nnato,BEL,1949,\nnato,be,1949,\n";
    ck_assert_int_eq(write(fd, bad, strlen(bad)), (int)strlen(bad));
    close(fd);
    ds_groups *g = ds_groups_alloc();
    ds_error e;
    ck_assert_int_eq(ds_groups_load_file(g, tmpl, &e), DS_EPARSE);
    char buf[2048], want[2048];
    snprintf(want, sizeof want,
             "%s:3:6: invalid ISO3 code 'be' (expected three capital "
             "letters)",
             tmpl);
    ck_assert_str_eq(ds_error_format(&e, buf, sizeof buf), want);
    ck_assert_uint_eq(ds_groups_count(g), 0);
    unlink(tmpl);
    ds_groups_free(g);
}
END_TEST

static ds_status
run(const ds_store *s, const char *const *c, size_t n, const double *t,
    size_t nt, const char *source, int year, int latest_each,
    ds_comparison **out, ds_error *e)
{
    ds_compare_spec sp;
    ds_compare_spec_init(&sp);
    sp.iso3 = c;
    sp.n = n;
    sp.targets_pct = t;
    sp.n_targets = nt;
    sp.source = source;
    sp.year = year;
    sp.latest_each = latest_each;
    return ds_compare_run(s, &sp, out, e);
}

/* A country the store has no GDP for (Taiwan: not in WDI) but with SIPRI's
 * military expenditure in US$ and share of GDP for the same year: GDP is
 * their ratio, flagged as derived; the needs follow from it.  Japan's SIPRI
 * spending is not divided by WDI's GDP (two sources): not ranked. */
START_TEST(compare_derives_gdp_from_share)
{
    ds_store *s = pt_text(
        DS_STORE_HEADER "\n"
        "TWN,2023,calendar,milex,16541000000,USD,current,sipri,SIPRI,2025-04-30,,\n"
        "TWN,2024,calendar,milex,16485300000,USD,current,sipri,SIPRI,2025-04-30,,\n"
        "TWN,2024,calendar,milex_gdp_pct,2.1385,,,sipri,SIPRI,2025-04-30,,\n"
        "JPN,2024,calendar,gdp,4026210821146.81,USD,current,wdi,WDI,2025-10-07,,\n"
        "JPN,2024,calendar,milex,55273904316.70826,USD,current,sipri,SIPRI,2025-04-30,,\n");
    const char *c[] = {"TWN", "JPN", "KOR"};
    double t[] = {3.5};
    ds_comparison *cmp;
    ds_error e;
    ck_ok(&e, run(s, c, 3, t, 1, NULL, 0, 0, &cmp, &e));
    ck_assert_str_eq(cmp->definition, "sipri"); /* the only one with milex */
    ck_assert_int_eq(cmp->definition_auto, 1);
    ck_assert_int_eq(cmp->year, 2024);
    ck_assert_int_eq(cmp->year_rule, DS_COMPARE_YEAR_MOST);
    const ds_compare_row *tw = &cmp->rows[0];
    ck_assert_str_eq(tw->iso3, "TWN");
    ck_assert_int_eq(tw->has_data, 1);
    ck_assert_int_eq(tw->gdp_derived, 1);
    ck_assert_int_eq(tw->published, 1);
    ck_assert_ptr_null(tw->gdp_usd);
    ck_assert_int_eq(tw->year, 2024); /* 2023 has no share */
    /* hand: 16,485,300,000 / 0.021385 = 770,881,458,966.57 */
    ck_assert_double_eq_tol(tw->gdp_usd_value, 770881458966.57, 1.0);
    ck_assert_double_eq_tol(tw->share_pct, 2.1385, 1e-12);
    /* 0.035 x 770,881,458,966.57 = 26,980,851,063.83;
     * gap 26,980,851,063.83 - 16,485,300,000 = 10,495,551,063.83 */
    ck_assert_double_eq_tol(tw->need_usd[0], 26980851063.83, 1.0);
    ck_assert_double_eq_tol(tw->gap_usd[0], 10495551063.83, 1.0);
    const ds_compare_row *jp = &cmp->rows[1];
    ck_assert_str_eq(jp->iso3, "JPN");
    ck_assert_int_eq(jp->has_data, 0);
    ck_assert_str_eq(jp->missing, "no SIPRI figure in any year");
    ck_assert(isnan(jp->share_pct));
    ck_assert_int_eq(cmp->rows[2].has_data, 0); /* KOR: nothing */
    ds_compare_free(cmp);
    ds_store_free(s);
}
END_TEST

static const char RANKS[] =
    DS_STORE_HEADER "\n"
    "AAA,2022,calendar,gdp,1000,USD,current,wdi,t,2024-01-01,,\n"
    "AAA,2022,calendar,milex,23.85,USD,current,wdi,t,2024-01-01,,\n"
    "BBB,2021,calendar,gdp,500,USD,current,wdi,t,2024-01-01,,\n"
    "BBB,2021,calendar,milex_gdp_pct,3.125,,,wdi,t,2024-01-01,,\n"
    "CCC,2022,calendar,gdp,700,USD,current,wdi,t,2024-01-01,,\n";

/* --latest-each: every row its own latest year; the older one marked. */
START_TEST(compare_ranks_and_keeps_missing)
{
    ds_store *s = pt_text(RANKS);
    const char *c[] = {"CCC", "AAA", "ZZZ", "BBB"};
    double t[] = {2, 3.5};
    ds_comparison *cmp = NULL;
    ds_error e;
    ck_ok(&e, run(s, c, 4, t, 2, NULL, 0, 1, &cmp, &e));
    ck_assert_uint_eq(cmp->n_rows, 4);
    ck_assert_int_eq(cmp->year, 2022);
    ck_assert_int_eq(cmp->year_rule, DS_COMPARE_YEAR_LATEST_EACH);
    ck_assert_str_eq(cmp->rows[0].iso3, "BBB");
    ck_assert_uint_eq(cmp->rows[0].rank, 1);
    ck_assert_int_eq(cmp->rows[0].year, 2021);
    ck_assert_int_eq(cmp->rows[0].year_differs, 1);
    /* its share series ends in 2021 and the store's in 2021: not stale,
     * but older than the table's newest year */
    ck_assert_int_eq(cmp->rows[0].stale, 0);
    ck_assert_str_eq(cmp->rows[0].note, "table: 2022");
    ck_assert_double_eq_tol(cmp->rows[0].share_pct, 3.125, 1e-12);
    ck_assert_double_eq_tol(cmp->rows[0].gap_usd[1], 0.035 * 500 - 15.625,
                            1e-9);
    ck_assert_str_eq(cmp->rows[1].iso3, "AAA");
    ck_assert_int_eq(cmp->rows[1].year_differs, 0);
    ck_assert_str_eq(cmp->rows[1].note, "");
    ck_assert_double_eq_tol(cmp->rows[1].share_pct, 2.385, 1e-12);
    ck_assert_double_eq_tol(cmp->rows[1].gap_usd[0], 20 - 23.85, 1e-9);
    /* no data: listed, in input order, rank 0 */
    ck_assert_str_eq(cmp->rows[2].iso3, "CCC");
    ck_assert_str_eq(cmp->rows[3].iso3, "ZZZ");
    ck_assert_uint_eq(cmp->rows[2].rank, 0);
    ck_assert(isnan(cmp->rows[3].need_usd[0]));
    ck_assert_str_eq(cmp->rows[2].missing, "no WDI figure in any year");
    ds_compare_free(cmp);
    ds_store_free(s);
}
END_TEST

/* One year per table: no year has more than half (AAA 2022, BBB 2021 of
 * four), so the best covered, latest among ties: 2022; BBB is marked with
 * what it has. */
START_TEST(compare_common_year)
{
    ds_store *s = pt_text(RANKS);
    const char *c[] = {"CCC", "AAA", "ZZZ", "BBB"};
    double t[] = {2};
    ds_comparison *cmp = NULL;
    ds_error e;
    ck_ok(&e, run(s, c, 4, t, 1, NULL, 0, 0, &cmp, &e));
    ck_assert_int_eq(cmp->year, 2022);
    ck_assert_int_eq(cmp->year_rule, DS_COMPARE_YEAR_MOST);
    ck_assert_str_eq(cmp->rows[0].iso3, "AAA");
    ck_assert_uint_eq(cmp->rows[0].rank, 1);
    ck_assert_str_eq(cmp->rows[1].iso3, "CCC");
    ck_assert_str_eq(cmp->rows[3].iso3, "BBB");
    ck_assert_uint_eq(cmp->rows[3].rank, 0);
    ck_assert_str_eq(cmp->rows[3].missing, "no WDI figure for 2022; latest "
                                           "2021");
    ds_compare_free(cmp);
    /* three of four (more than half) in 2021: that year */
    const char *c3[] = {"AAA", "BBB"};
    ck_ok(&e, run(s, c3, 2, t, 1, NULL, 0, 0, &cmp, &e));
    ck_assert_int_eq(cmp->year, 2022); /* ties (1 and 1): the latest */
    ds_compare_free(cmp);
    ck_ok(&e, run(s, c3, 2, t, 1, NULL, 2021, 0, &cmp, &e));
    ck_assert_int_eq(cmp->year_rule, DS_COMPARE_YEAR_REQUESTED);
    ck_assert_str_eq(cmp->rows[0].iso3, "BBB");
    ck_assert_str_eq(cmp->rows[1].missing, "no WDI figure for 2021; latest "
                                           "2022");
    ds_compare_free(cmp);
    ds_store_free(s);
}
END_TEST

/* NATO and SIPRI rows of tests/data/compare (cells in its README): every
 * share is one publisher's.  NATO publishes (Table 3, 2024e) Poland 4.12,
 * United States 3.38, Germany 2.12; SIPRI (Share of GDP, 2024) 4.15, 3.42,
 * 1.89.  SIPRI spending / NATO GDP, the old answer, would be 4.48 for
 * Poland (38,000,728,652.37 / 848,856,959,322.14). */
static ds_store *
excerpt(void)
{
    char dir[4096];
    pt_path(dir, sizeof dir, "DS_TEST_DATA", "compare");
    ds_store *s = ds_store_alloc();
    ds_error e;
    ck_ok(&e, ds_store_load_dir(s, dir, &e));
    return s;
}

static const ds_compare_row *
row(const ds_comparison *c, const char *iso3)
{
    for (size_t i = 0; i < c->n_rows; i++)
        if (strcmp(c->rows[i].iso3, iso3) == 0)
            return &c->rows[i];
    ck_abort_msg("no row %s", iso3);
    return NULL;
}

/* what the table prints: two decimals */
static double
printed(double pct)
{
    return round(pct * 100.0) / 100.0;
}

START_TEST(compare_source_nato)
{
    ds_store *s = excerpt();
    const char *c[] = {"POL", "USA", "DEU", "ISL"};
    double t[] = {2, 3.5, 5};
    ds_comparison *cmp;
    ds_error e;
    ck_ok(&e, run(s, c, 4, t, 3, "nato", 0, 0, &cmp, &e));
    ck_assert_str_eq(cmp->definition, "nato");
    ck_assert_int_eq(cmp->definition_auto, 0);
    ck_assert_int_eq(cmp->year, 2024); /* 3 of 4 */
    ck_assert_int_eq(cmp->year_rule, DS_COMPARE_YEAR_COMMON);
    const char *iso[] = {"POL", "USA", "DEU"};
    const double pub[] = {4.12, 3.38, 2.12};
    const double cell[] = {4.120190989357147, 3.3790207262385565,
                           2.118977088667619}; /* Table 3 N32, N41, N21 */
    for (int i = 0; i < 3; i++) {
        const ds_compare_row *r = &cmp->rows[i];
        ck_assert_str_eq(r->iso3, iso[i]);
        ck_assert_uint_eq(r->rank, (size_t)i + 1);
        ck_assert_int_eq(r->year, 2024);
        ck_assert_int_eq(r->published, 1);
        ck_assert_double_eq_tol(printed(r->share_pct), pub[i], 1e-9);
        ck_assert_double_eq_tol(r->share_pct, cell[i], 1e-12);
        ck_assert_str_eq(r->share_obs->definition, "nato");
        ck_assert_str_eq(r->milex_usd->definition, "nato");
        ck_assert_str_eq(r->gdp_usd->definition, "nato");
        ck_assert_int_eq(r->stale, 0);
    }
    /* Poland: NATO GDP 848,856,959,322.14 (Table 5 N33) x 3.5% =
     * 29,709,993,576.27; NATO spending 34,974,527,950.52 (Table 2 N32):
     * gap -5,264,534,374.25 */
    const ds_compare_row *pl = row(cmp, "POL");
    ck_assert_double_eq_tol(pl->need_usd[1], 29709993576.27, 0.01);
    ck_assert_double_eq_tol(pl->gap_usd[1], -5264534374.25, 0.01);
    const ds_compare_row *is = row(cmp, "ISL");
    ck_assert_int_eq(is->has_data, 0); /* NATO gives GDP only */
    ck_assert_str_eq(is->missing, "no NATO figure in any year");
    ds_compare_free(cmp);
    /* --year 2023: NATO Table 3 M32 3.260153162516579 -> 3.26 */
    ck_ok(&e, run(s, c, 4, t, 3, "nato", 2023, 0, &cmp, &e));
    ck_assert_int_eq(cmp->year, 2023);
    ck_assert_double_eq_tol(row(cmp, "POL")->share_pct, 3.260153162516579,
                            1e-12);
    ds_compare_free(cmp);
    ds_store_free(s);
}
END_TEST

START_TEST(compare_source_sipri)
{
    ds_store *s = excerpt();
    const char *c[] = {"POL", "USA", "DEU", "ISL"};
    double t[] = {2};
    ds_comparison *cmp;
    ds_error e;
    ck_ok(&e, run(s, c, 4, t, 1, "sipri", 0, 0, &cmp, &e));
    ck_assert_str_eq(cmp->definition, "sipri");
    const char *iso[] = {"POL", "USA", "DEU"};
    const double pub[] = {4.15, 3.42, 1.89};
    /* Share of GDP BZ31, BZ15, BZ37; Current US$ BZ31, BZ15, BZ37 */
    const double cell[] = {4.154393879753562, 3.419216532280439,
                           1.891903772054937};
    const double usd[] = {38000728652.37, 997309000000, 88458476389.51086};
    for (int i = 0; i < 3; i++) {
        const ds_compare_row *r = &cmp->rows[i];
        ck_assert_str_eq(r->iso3, iso[i]);
        ck_assert_double_eq_tol(printed(r->share_pct), pub[i], 1e-9);
        ck_assert_double_eq_tol(r->share_pct, cell[i], 1e-12);
        ck_assert_double_eq_tol(r->milex_usd_value, usd[i], 1e-3);
        /* SIPRI gives no GDP: derived from its own two figures, never
         * NATO's GDP */
        ck_assert_ptr_null(r->gdp_usd);
        ck_assert_int_eq(r->gdp_derived, 1);
        ck_assert_double_eq_tol(r->gdp_usd_value, usd[i] * 100.0 / cell[i],
                                1e-3);
    }
    /* hand: 38,000,728,652.37 / 0.04154393879753562 = 914,711,327,... */
    ck_assert_double_eq_tol(row(cmp, "POL")->gdp_usd_value / 1e9, 914.7,
                            0.05);
    ck_assert_str_eq(row(cmp, "ISL")->missing, "no SIPRI figure in any year");
    ds_compare_free(cmp);
    ds_store_free(s);
}
END_TEST

/* WDI covers all four in 2022, NATO three of four in 2024: the newer
 * majority year wins (a comparison as current as the figures allow) */
START_TEST(compare_auto_prefers_newest_majority)
{
    static const char rows[] =
        DS_STORE_HEADER "\n"
        "AAA,2022,calendar,milex_gdp_pct,1.5,,,wdi,W,2024-03-28,,\n"
        "BBB,2022,calendar,milex_gdp_pct,2.5,,,wdi,W,2024-03-28,,\n"
        "CCC,2022,calendar,milex_gdp_pct,3.5,,,wdi,W,2024-03-28,,\n"
        "DDD,2022,calendar,milex_gdp_pct,0.5,,,wdi,W,2024-03-28,,\n"
        "AAA,2024,calendar,milex_gdp_pct,2.0,,,nato,N,2024-06-17,estimate,\n"
        "BBB,2024,calendar,milex_gdp_pct,3.0,,,nato,N,2024-06-17,estimate,\n"
        "CCC,2024,calendar,milex_gdp_pct,4.0,,,nato,N,2024-06-17,estimate,\n";
    ds_store *s = ds_store_alloc();
    ds_error e;
    ck_ok(&e, ds_store_load_buffer(s, "m.csv", rows, strlen(rows), &e));
    const char *c[] = {"AAA", "BBB", "CCC", "DDD"};
    double t[] = {2};
    ds_comparison *cmp;
    ck_ok(&e, run(s, c, 4, t, 1, NULL, 0, 0, &cmp, &e));
    ck_assert_str_eq(cmp->definition, "nato");
    ck_assert_int_eq(cmp->year, 2024);
    ck_assert_int_eq(row(cmp, "DDD")->has_data, 0);
    ds_compare_free(cmp);
    /* with only two of four in 2024 NATO has no majority: WDI 2022 */
    static const char fewer[] =
        DS_STORE_HEADER "\n"
        "AAA,2022,calendar,milex_gdp_pct,1.5,,,wdi,W,2024-03-28,,\n"
        "BBB,2022,calendar,milex_gdp_pct,2.5,,,wdi,W,2024-03-28,,\n"
        "CCC,2022,calendar,milex_gdp_pct,3.5,,,wdi,W,2024-03-28,,\n"
        "AAA,2024,calendar,milex_gdp_pct,2.0,,,nato,N,2024-06-17,,\n"
        "BBB,2024,calendar,milex_gdp_pct,3.0,,,nato,N,2024-06-17,,\n";
    ds_store *s2 = ds_store_alloc();
    ck_ok(&e, ds_store_load_buffer(s2, "f.csv", fewer, strlen(fewer), &e));
    ck_ok(&e, run(s2, c, 4, t, 1, NULL, 0, 0, &cmp, &e));
    ck_assert_str_eq(cmp->definition, "wdi");
    ck_assert_int_eq(cmp->year, 2022);
    ds_compare_free(cmp);
    ds_store_free(s2);
    ds_store_free(s);
}
END_TEST

/* WDI and NATO both cover three of four in 2024: the store's order picks
 * WDI, unless the group names NATO as its own publisher (spec.prefer);
 * a preferred definition without a majority, or behind in years, is not
 * taken */
START_TEST(compare_prefers_group_publisher)
{
    static const char rows[] =
        DS_STORE_HEADER "\n"
        "AAA,2024,calendar,milex_gdp_pct,1.5,,,wdi,W,2026-02-24,,\n"
        "BBB,2024,calendar,milex_gdp_pct,2.5,,,wdi,W,2026-02-24,,\n"
        "CCC,2024,calendar,milex_gdp_pct,3.5,,,wdi,W,2026-02-24,,\n"
        "AAA,2024,calendar,milex_gdp_pct,2.0,,,nato,N,2024-06-17,estimate,\n"
        "BBB,2024,calendar,milex_gdp_pct,3.0,,,nato,N,2024-06-17,estimate,\n"
        "DDD,2024,calendar,milex_gdp_pct,4.0,,,nato,N,2024-06-17,estimate,\n"
        "EEE,2023,calendar,milex_gdp_pct,4.0,,,sipri,S,2025-04-28,,\n";
    ds_store *s = ds_store_alloc();
    ds_error e;
    ck_ok(&e, ds_store_load_buffer(s, "p.csv", rows, strlen(rows), &e));
    const char *c[] = {"AAA", "BBB", "CCC", "DDD"};
    double t[] = {2};
    ds_comparison *cmp;
    ck_ok(&e, run(s, c, 4, t, 1, NULL, 0, 0, &cmp, &e));
    ck_assert_str_eq(cmp->definition, "wdi");
    ds_compare_free(cmp);
    ds_compare_spec sp;
    ds_compare_spec_init(&sp);
    sp.iso3 = c;
    sp.n = 4;
    sp.targets_pct = t;
    sp.n_targets = 1;
    sp.prefer = "nato";
    ck_ok(&e, ds_compare_run(s, &sp, &cmp, &e));
    ck_assert_str_eq(cmp->definition, "nato");
    ck_assert_int_eq(cmp->year, 2024);
    ck_assert_ptr_nonnull(strstr(cmp->definition_why, "own publisher"));
    ck_assert_int_eq(row(cmp, "CCC")->has_data, 0);
    ck_assert_str_eq(row(cmp, "AAA")->note, "estimate"); /* NATO's 2024e */
    ds_compare_free(cmp);
    /* an explicit --source wins over the preference */
    sp.source = "wdi";
    ck_ok(&e, ds_compare_run(s, &sp, &cmp, &e));
    ck_assert_str_eq(cmp->definition, "wdi");
    ds_compare_free(cmp);
    /* SIPRI preferred but with one country of four: not taken */
    sp.source = NULL;
    sp.prefer = "sipri";
    const char *c2[] = {"AAA", "BBB", "CCC", "EEE"};
    sp.iso3 = c2;
    ck_ok(&e, ds_compare_run(s, &sp, &cmp, &e));
    ck_assert_str_eq(cmp->definition, "wdi");
    ds_compare_free(cmp);
    ds_store_free(s);
}
END_TEST

/* the optional fifth column names the group's own publisher */
START_TEST(groups_source_column)
{
    char tmpl[] = "/tmp/ds_groups_XXXXXX";
    int fd = mkstemp(tmpl);
    ck_assert_int_ge(fd, 0);
    const char *txt = "group,iso3,joined,note,source\n"
                      "nato,BEL,1949,,nato\nnato,CAN,1949,,\n"
                      "g7,CAN,1976,,\n";
    ck_assert_int_eq(write(fd, txt, strlen(txt)), (int)strlen(txt));
    close(fd);
    ds_groups *g = ds_groups_alloc();
    ds_error e;
    ck_ok(&e, ds_groups_load_file(g, tmpl, &e));
    ck_assert_str_eq(ds_groups_source(g, "NATO"), "nato");
    ck_assert_ptr_null(ds_groups_source(g, "g7"));
    ck_assert_ptr_null(ds_groups_source(g, "asean"));
    ds_groups_free(g);
    /* five columns in the header: every row needs five */
    fd = open(tmpl, O_WRONLY | O_TRUNC);
    ck_assert_int_ge(fd, 0);
    txt = "group,iso3,joined,note,source\nnato,BEL,1949,\n";
    ck_assert_int_eq(write(fd, txt, strlen(txt)), (int)strlen(txt));
    close(fd);
    g = ds_groups_alloc();
    ck_assert_int_eq(ds_groups_load_file(g, tmpl, &e), DS_EPARSE);
    ck_assert_str_eq(e.message, "expected 5 fields, found 4");
    ck_assert_uint_eq(ds_groups_count(g), 0);
    ds_groups_free(g);
    unlink(tmpl);
}
END_TEST

START_TEST(compare_source_auto_and_unknown)
{
    ds_store *s = excerpt();
    const char *c[] = {"POL", "USA", "DEU", "ISL"};
    double t[] = {2};
    ds_comparison *cmp;
    ds_error e;
    /* SIPRI and NATO both cover 3 of 4 in 2024: the store's order */
    ck_ok(&e, run(s, c, 4, t, 1, NULL, 0, 0, &cmp, &e));
    ck_assert_str_eq(cmp->definition, "sipri");
    ck_assert_str_eq(cmp->definition_why,
                     "chosen automatically: figures for 3 of 4 countries in "
                     "2024 (NATO 3 in 2024); ties go to the store's order "
                     "wdi, sipri, nato");
    ck_assert_str_eq(cmp->year_why,
                     "2024, the latest year in which more than half of the "
                     "countries (3 of 4) have a SIPRI figure");
    /* Poland's share is SIPRI's 4.15, never SIPRI spending / NATO GDP
     * (4.48) */
    ck_assert_double_eq_tol(printed(row(cmp, "POL")->share_pct), 4.15, 1e-9);
    ds_compare_free(cmp);
    /* Iceland alone: NATO gives its GDP, nobody its spending */
    const char *c1[] = {"ISL"};
    ck_ok(&e, run(s, c1, 1, t, 1, NULL, 0, 0, &cmp, &e));
    ck_assert_int_eq(cmp->year, 0);
    ck_assert_str_eq(cmp->rows[0].missing, "no SIPRI figure in any year");
    ds_compare_free(cmp);
    cmp = NULL;
    ck_assert_int_eq(run(s, c, 4, t, 1, "wdi", 0, 0, &cmp, &e), DS_EINVAL);
    ck_assert_ptr_null(cmp);
    ck_assert_str_eq(e.message, "no military expenditure by definition "
                                "'wdi' in the store (definitions with it: "
                                "sipri, nato)");
    ds_store_free(s);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("compare");
    TCase *t = tcase_create("groups");
    tcase_add_test(t, groups_shipped);
    tcase_add_test(t, groups_errors);
    tcase_add_test(t, groups_source_column);
    suite_add_tcase(s, t);
    t = tcase_create("compare");
    tcase_add_test(t, compare_ranks_and_keeps_missing);
    tcase_add_test(t, compare_derives_gdp_from_share);
    tcase_add_test(t, compare_common_year);
    tcase_add_test(t, compare_source_nato);
    tcase_add_test(t, compare_prefers_group_publisher);
    tcase_add_test(t, compare_source_sipri);
    tcase_add_test(t, compare_source_auto_and_unknown);
    tcase_add_test(t, compare_auto_prefers_newest_majority);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_run_all(r, CK_NORMAL);
    int f = srunner_ntests_failed(r);
    srunner_free(r);
    return f ? 1 : 0;
}
