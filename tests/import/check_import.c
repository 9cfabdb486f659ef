/* check_import.c - Check suites for `defspend import`: one suite per
 * loader (wdi, databank, weo, owid, fred) and one for the merge into a
 * store directory (revisions, conflicts, atomicity, plausibility).
 *
 * Inputs are the excerpts in tests/data/import (see its README); every
 * expected figure below is a cell of those files, copied with the file
 * named beside it, or a hand computation written out here.
 */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <defspend/defspend.h>

#include "import_test_util.h"

static void
setup(void)
{
    it_setup("ds_check_import");
}

/* ================================================================ WDI */

static void
check_jpn_excerpt(const char *file)
{
    ds_import_options o;
    it_opts(&o);
    ds_import *imp;
    const ds_import_summary *s;
    ds_error err;
    const char *files[] = {file};
    ck_assert_msg(it_run(&o, files, 1, it_store_dir("st"), 0, &imp, &s, &err) ==
                      DS_OK, "%s", err.message);
    ck_assert_str_eq(s->files[0].format, "wdi");
    /* VC.IHR.PSRC.MA.P5 (line 6) has no defspend meaning: one row of one
     * series not used, not a skip (nothing in the file is wrong) */
    ck_assert_uint_eq(s->n_skips, 0);
    ck_assert_uint_eq(s->skipped, 0);
    ck_assert_uint_eq(s->n_unused, 1);
    ck_assert_uint_eq(s->unused_rows, 1);
    ck_assert_str_eq(s->unused[0].series, "VC.IHR.PSRC.MA.P5");
    ck_assert_uint_eq(s->unused[0].rows, 1);
    ck_assert_str_eq(s->unused[0].path, file);
    ck_assert_ptr_nonnull(strstr(s->unused[0].name, "homicide"));
    ds_store *st = it_load(it_store_dir("st"));
    const ds_obs *g = it_find(st, "JPN", "gdp", 2024, "USD", NULL);
    ck_assert_double_eq_tol(g->value, 4026210821146.81, 0.005); /* cell */
    ck_assert_str_eq(g->vintage, "2025-10-07");
    ck_assert_str_eq(g->price_basis, "current");
    ck_assert_str_eq(g->definition, "wdi");
    ck_assert_str_eq(g->source, "World Bank WDI NY.GDP.MKTP.CD");
    g = it_find(st, "JPN", "gdp", 2024, "JPY", NULL);
    ck_assert_double_eq_tol(g->value, 609432600000000, 0.5);
    g = it_find(st, "JPN", "fx", 2016, "JPY", NULL);
    ck_assert_double_eq_tol(g->value, 108.792900046834, 1e-12);
    g = it_find(st, "JPN", "population", 2024, NULL, NULL);
    ck_assert_double_eq_tol(g->value, 123975371, 0.5);
    g = it_find(st, "JPN", "milex_gdp_pct", 2016, NULL, NULL);
    ck_assert_double_eq_tol(g->value, 0.929516816486597, 1e-15);
    ck_assert_int_eq(it_has(st, "JPN", "milex", 2024, "USD"), 0); /* empty */
    ds_store_free(st);
    ds_import_free(imp);
}

START_TEST(wdi_lf_bom)
{
    check_jpn_excerpt(it_data("wdi/API_JPN_excerpt_lf_bom.csv"));
}
END_TEST

START_TEST(wdi_lf_nobom)
{
    check_jpn_excerpt(it_data("wdi/API_JPN_excerpt_lf_nobom.csv"));
}
END_TEST

static void
check_gdp_excerpt(const char *file)
{
    ds_import_options o;
    it_opts(&o);
    ds_import *imp;
    const ds_import_summary *s;
    ds_error err;
    const char *files[] = {file};
    ck_assert_msg(it_run(&o, files, 1, it_store_dir("st"), 0, &imp, &s, &err) ==
                      DS_OK, "%s", err.message);
    ck_assert_uint_eq(s->n_skips, 0); /* INX has no values: nothing lost */
    ds_store *st = it_load(it_store_dir("st"));
    const ds_obs *g = it_find(st, "JPN", "gdp", 2022, "USD", NULL);
    ck_assert_double_eq_tol(g->value, 4256410760723.75, 0.005);
    ck_assert_str_eq(g->vintage, "2024-03-28");
    ck_assert_uint_eq(g->flags, 0);
    g = it_find(st, "WLD", "gdp", 2022, "USD", NULL);
    ck_assert_double_eq_tol(g->value, 100879560825391, 0.5);
    ck_assert_uint_eq(g->flags & DS_FLAG_AGGREGATE, DS_FLAG_AGGREGATE);
    g = it_find(st, "ABW", "gdp", 1986, "USD", NULL);
    ck_assert_double_eq_tol(g->value, 405586592.178771, 1e-6);
    ck_assert_int_eq(it_has(st, "JPN", "gdp", 2023, "USD"), 0); /* empty */
    ds_store_free(st);
    ds_import_free(imp);
}

START_TEST(wdi_crlf)
{
    check_gdp_excerpt(it_data("wdi/API_NY.GDP.MKTP.CD_excerpt_crlf.csv"));
}
END_TEST

START_TEST(wdi_zip)
{
    check_gdp_excerpt(it_data("wdi/API_NY.GDP.MKTP.CD_DS2_en_csv_v2_26_excerpt.zip"));
}
END_TEST

/* issue 11 #8: a zip with two data members (API_..._1.csv Japan,
 * API_..._2.csv Korea) imports both, from a path (streamed) and from a
 * buffer; the Metadata_* members stay metadata. */
START_TEST(wdi_zip_two_data_members)
{
    const char *root = getenv("DS_SOURCE_ROOT");
    char p[1024];
    snprintf(p, sizeof p, "%s/tests/bad/files/wdi-zip-two-data.zip",
             root ? root : ".");
    for (int from_buffer = 0; from_buffer < 2; from_buffer++) {
        ds_import_options o;
        it_opts(&o);
        o.vintage = "2025-10-07";
        static const char *const kor[] = {"KOR"};
        o.countries = kor;
        o.n_countries = 1;
        ds_import *imp;
        ds_error err;
        ck_assert_int_eq(ds_import_alloc(&o, &imp, &err), DS_OK);
        if (from_buffer) {
            FILE *f = fopen(p, "rb");
            ck_assert_ptr_nonnull(f);
            static char buf[8192];
            size_t n = fread(buf, 1, sizeof buf, f);
            fclose(f);
            ck_assert_msg(ds_import_buffer(imp, p, buf, n, &err) == DS_OK,
                          "%s", err.message);
        } else {
            ck_assert_msg(ds_import_file(imp, p, &err) == DS_OK, "%s",
                          err.message);
        }
        const ds_import_summary *s;
        ck_assert_msg(ds_import_merge(imp, it_store_dir("two"), 1, &s, &err) ==
                          DS_OK,
                      "%s", err.message);
        ck_assert_uint_eq(s->n_files, 1);
        ck_assert_uint_eq(s->files[0].observations, 5); /* Korea 2020-24 */
        ck_assert_uint_eq(s->added, 5);
        ds_import_free(imp);
    }
}
END_TEST

START_TEST(wdi_e_notation)
{
    ds_import_options o;
    it_opts(&o);
    ds_import *imp;
    const ds_import_summary *s;
    ds_error err;
    const char *files[] = {it_data("wdi/API_MS.MIL.XPND.GD.ZS_2018_excerpt.csv")};
    ck_assert_int_eq(it_run(&o, files, 1, it_store_dir("st"), 0, &imp, &s, &err),
                     DS_OK);
    ds_store *st = it_load(it_store_dir("st"));
    const ds_obs *g = it_find(st, "SOM", "milex_gdp_pct", 2013, NULL, NULL);
    ck_assert_double_eq_tol(g->value, 2.52507746026488E-05, 1e-20);
    ck_assert_str_eq(g->vintage, "2018-02-22");
    ds_store_free(st);
    ds_import_free(imp);
}
END_TEST

START_TEST(wdi_bulk_shape_needs_vintage)
{
    ds_import_options o;
    it_opts(&o);
    o.vintage = "2025-10-07";
    o.indicators = (const char *const[]){"population"};
    o.n_indicators = 1;
    ds_import *imp;
    const ds_import_summary *s;
    ds_error err;
    const char *files[] = {it_data("wdi/WDICSV_excerpt.csv")};
    ck_assert_msg(it_run(&o, files, 1, it_store_dir("st"), 0, &imp, &s, &err) ==
                      DS_OK, "%s", err.message);
    ck_assert_uint_eq(s->added, 65); /* SP.POP.TOTL 1960-2024 */
    ds_store *st = it_load(it_store_dir("st"));
    ck_assert_int_eq(it_has(st, "JPN", "gdp", 2024, "USD"), 0); /* filtered */
    const ds_obs *g = it_find(st, "JPN", "population", 2024, NULL, NULL);
    ck_assert_double_eq_tol(g->value, 123975371, 0.5);
    ck_assert_str_eq(g->vintage, "2025-10-07");
    ds_store_free(st);
    ds_import_free(imp);

    /* held in memory there is no file date: the vintage must be given */
    it_opts(&o);
    ck_assert_int_eq(ds_import_alloc(&o, &imp, &err), DS_OK);
    char *buf;
    size_t len;
    ck_assert(it_read_bytes(files[0], &buf, &len));
    ck_assert_int_eq(ds_import_buffer(imp, "WDICSV.csv", buf, len, &err),
                     DS_EINVAL);
    ck_assert_str_eq(err.message, "the file states no release date: give "
                                  "its vintage with the 'vintage' option "
                                  "YYYY-MM-DD");
    ds_import_free(imp);
    /* a caller that names its flags gets them in the message */
    o.option_prefix = "--";
    ck_assert_int_eq(ds_import_alloc(&o, &imp, &err), DS_OK);
    ck_assert_int_eq(ds_import_buffer(imp, "WDICSV.csv", buf, len, &err),
                     DS_EINVAL);
    ck_assert_str_eq(err.message, "the file states no release date: give "
                                  "its vintage with --vintage YYYY-MM-DD");
    free(buf);
    ds_import_free(imp);
}
END_TEST

START_TEST(wdi_malformed_number)
{
    ds_import_options o;
    it_opts(&o);
    ds_import *imp;
    const ds_import_summary *s;
    ds_error err;
    const char *f = it_data("wdi/malformed_bad_number.csv");
    const char *files[] = {f};
    ck_assert_int_eq(it_run(&o, files, 1, it_store_dir("st"), 0, &imp, &s, &err),
                     DS_EPARSE);
    ck_assert_str_eq(err.path, f);
    ck_assert_uint_eq(err.line, 8);
    ck_assert_uint_eq(err.column, it_column_of(f, 8, "\"5.1x\""));
    ck_assert_str_eq(err.message, "invalid number '5.1x'");
    ds_import_free(imp);
    ck_assert_int_eq(access(it_store_dir("st"), F_OK), -1); /* nothing made */
}
END_TEST

/* =========================================================== DataBank */

static void
check_databank(const char *file)
{
    ds_import_options o;
    it_opts(&o);
    ds_import *imp;
    const ds_import_summary *s;
    ds_error err;
    const char *files[] = {file};
    ck_assert_msg(it_run(&o, files, 1, it_store_dir("st"), 0, &imp, &s, &err) ==
                      DS_OK, "%s", err.message);
    ck_assert_str_eq(s->files[0].format, "databank");
    ck_assert_uint_eq(s->added, 3 * 23); /* 3 countries, 2000-2022; 2023 `..` */
    ds_store *st = it_load(it_store_dir("st"));
    const ds_obs *g = it_find(st, "KOR", "gdp", 2000, "USD", NULL);
    ck_assert_double_eq_tol(g->value, 576179387819.613, 1e-4);
    ck_assert_str_eq(g->vintage, "2024-03-28"); /* "Last Updated: 03/28/2024" */
    ck_assert_int_eq(it_has(st, "USA", "gdp", 2023, "USD"), 0); /* ".." */
    ds_store_free(st);
    ds_import_free(imp);
}

START_TEST(databank_csv)
{
    check_databank(it_data("databank/Data_excerpt.csv"));
}
END_TEST

START_TEST(databank_zip)
{
    check_databank(it_data("databank/P_Data_Extract_excerpt.zip"));
}
END_TEST

START_TEST(databank_malformed)
{
    ds_import_options o;
    it_opts(&o);
    ds_import *imp;
    const ds_import_summary *s;
    ds_error err;
    const char *f = it_data("databank/malformed_number.csv");
    const char *files[] = {f};
    ck_assert_int_eq(it_run(&o, files, 1, it_store_dir("st"), 0, &imp, &s, &err),
                     DS_EPARSE);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_uint_eq(err.column, it_column_of(f, 2, "1.2.3"));
    ck_assert_str_eq(err.message, "invalid number '1.2.3'");
    ds_import_free(imp);
}
END_TEST

/* ================================================================ WEO */

static void
check_weo(const char *file)
{
    ds_import_options o;
    it_opts(&o);
    ds_import *imp;
    const ds_import_summary *s;
    ds_error err;
    const char *files[] = {file};
    ck_assert_msg(it_run(&o, files, 1, it_store_dir("st"), 0, &imp, &s, &err) ==
                      DS_OK, "%s", err.message);
    ck_assert_str_eq(s->files[0].format, "weo");
    ck_assert_uint_eq(s->n_skips, 0); /* São Tomé and Príncipe resolves */
    ds_store *st = it_load(it_store_dir("st"));
    /* Japan, U.S. dollars, Billions: 2020 "5,048.688", 2021 "5,378.136",
     * Estimates Start After 2020 */
    const ds_obs *g = it_find(st, "JPN", "gdp", 2020, "USD", NULL);
    ck_assert_double_eq_tol(g->value, 5048688000000.0, 0.5);
    ck_assert_str_eq(g->definition, "imf_weo");
    ck_assert_str_eq(g->vintage, "2021-04-01"); /* footer "April 2021" */
    ck_assert_uint_eq(g->flags & DS_FLAG_PROJECTION, 0);
    g = it_find(st, "JPN", "gdp", 2021, "USD", NULL);
    ck_assert_double_eq_tol(g->value, 5378136000000.0, 0.5);
    ck_assert_uint_eq(g->flags & DS_FLAG_PROJECTION, DS_FLAG_PROJECTION);
    ck_assert_int_eq(it_has(st, "AFG", "gdp", 1980, "USD"), 0); /* n/a */
    g = it_find(st, "AFG", "gdp", 2002, "USD", NULL);
    ck_assert_double_eq_tol(g->value, 4367000000.0, 0.5); /* "4.367" */
    ck_assert(it_has(st, "STP", "gdp", 2020, "USD"));
    ds_store_free(st);
    ds_import_free(imp);
}

START_TEST(weo_utf16le)
{
    check_weo(it_data("weo/apr2021_ngdpd_excerpt_utf16le.xls"));
}
END_TEST

START_TEST(weo_latin1)
{
    check_weo(it_data("weo/apr2021_ngdpd_excerpt_latin1.xls"));
}
END_TEST

START_TEST(weo_decimal_comma)
{
    check_weo(it_data("weo/apr2021_ngdpd_excerpt_decimal_comma.xls"));
}
END_TEST

START_TEST(weo_lcu)
{
    ds_import_options o;
    it_opts(&o);
    ds_import *imp;
    const ds_import_summary *s;
    ds_error err;
    const char *files[] = {it_data("weo/apr2021_ngdp_lcu_excerpt_utf16le.xls")};
    ck_assert_msg(it_run(&o, files, 1, it_store_dir("st"), 0, &imp, &s, &err) ==
                      DS_OK, "%s", err.message);
    /* Timor-Leste's national currency is the US$: reported, not stored */
    ck_assert_uint_eq(s->n_skips, 1);
    ck_assert_ptr_nonnull(strstr(s->skips[0].reason, "Timor-Leste"));
    ds_store *st = it_load(it_store_dir("st"));
    /* Japan, National currency, Billions, 2020: "539,071.600" */
    const ds_obs *g = it_find(st, "JPN", "gdp", 2020, "JPY", NULL);
    ck_assert_double_eq_tol(g->value, 539071600000000.0, 0.5);
    ds_store_free(st);
    ds_import_free(imp);
}
END_TEST

START_TEST(weo_malformed_scale)
{
    ds_import_options o;
    it_opts(&o);
    ds_import *imp;
    const ds_import_summary *s;
    ds_error err;
    const char *files[] = {it_data("weo/malformed_scale.xls")};
    ck_assert_int_eq(it_run(&o, files, 1, it_store_dir("st"), 0, &imp, &s, &err),
                     DS_EPARSE);
    ck_assert_uint_eq(err.line, 3); /* header, Afghanistan, Japan */
    /* Country, Subject Descriptor, Units: Scale starts after them */
    size_t col = strlen("Japan\tGross domestic product, current prices\t"
                        "U.S. dollars\t") + 1;
    ck_assert_uint_eq(err.column, col);
    ck_assert_str_eq(err.message, "unknown scale 'Zillions' (expected "
                                  "Units, Thousands, Millions or Billions)");
    ds_import_free(imp);
}
END_TEST

/* =============================================================== OWID */

START_TEST(owid_excerpt)
{
    ds_import_options o;
    it_opts(&o);
    o.vintage = "2025-06-01";
    ds_import *imp;
    const ds_import_summary *s;
    ds_error err;
    const char *files[] = {it_data("owid/military-expenditure-share-gdp-excerpt.csv")};
    ck_assert_msg(it_run(&o, files, 1, it_store_dir("st"), 0, &imp, &s, &err) ==
                      DS_OK, "%s", err.message);
    ck_assert_uint_eq(s->added, 13);
    ds_store *st = it_load(it_store_dir("st"));
    const ds_obs *g = it_find(st, "JPN", "milex_gdp_pct", 2016, NULL, NULL);
    ck_assert_double_eq_tol(g->value, 0.94, 1e-12);
    ck_assert_str_eq(g->definition, "owid");
    ck_assert_str_eq(g->vintage, "2025-06-01");
    g = it_find(st, "TWN", "milex_gdp_pct", 2020, NULL, NULL);
    ck_assert_double_eq_tol(g->value, 1.92, 1e-12);
    ds_store_free(st);
    ds_import_free(imp);
}
END_TEST

START_TEST(owid_malformed_column)
{
    ds_import_options o;
    it_opts(&o);
    o.vintage = "2025-06-01";
    ds_import *imp;
    const ds_import_summary *s;
    ds_error err;
    const char *files[] = {it_data("owid/malformed_column.csv")};
    ck_assert_int_eq(it_run(&o, files, 1, it_store_dir("st"), 0, &imp, &s, &err),
                     DS_EPARSE);
    ck_assert_uint_eq(err.line, 1);
    ck_assert_uint_eq(err.column, strlen("Entity,Code,Year,") + 1);
    ck_assert_str_eq(err.message,
                     "unknown OWID value column 'defence_budget_index' "
                     "(known: military expenditure as % of GDP (share_gdp), "
                     "as % of government spending (share_gov_exp), per "
                     "capita, or in current/constant US$; or the 'as' "
                     "option indicator=NAME for a file with one value "
                     "column)"); /* no prefix: the library names no flag */
    ds_import_free(imp);
}
END_TEST

/* =============================================================== FRED */

START_TEST(fred_monthly_annualized)
{
    ds_import_options o;
    it_opts(&o);
    o.annualize = 1;
    o.vintage = "2025-05-01";
    ds_import *imp;
    const ds_import_summary *s;
    ds_error err;
    const char *files[] = {it_data("fred/EXJPUS_excerpt.csv")};
    ck_assert_msg(it_run(&o, files, 1, it_store_dir("st"), 0, &imp, &s, &err) ==
                      DS_OK, "%s", err.message);
    ck_assert_uint_eq(s->added, 2); /* 2023, 2024; 2025 has 4 months */
    ck_assert_uint_eq(s->n_skips, 1);
    ck_assert_str_eq(s->skips[0].reason,
                     "2025: 4 of 12 monthly observations present; a "
                     "complete year is needed to average it");
    ds_store *st = it_load(it_store_dir("st"));
    const ds_obs *g = it_find(st, "JPN", "fx", 2024, "JPY", NULL);
    /* the 12 monthly cells of 2024 in EXJPUS_excerpt.csv */
    double m24 = (146.2943 + 149.6150 + 149.8186 + 153.8900 + 155.8691 +
                  157.8600 + 157.5182 + 146.2641 + 142.9540 + 149.8909 +
                  153.7126 + 153.8143) / 12;
    ck_assert_double_eq_tol(g->value, m24, 1e-9);
    ck_assert_str_eq(g->definition, "fred_exjpus");
    ck_assert_uint_eq(g->flags, DS_FLAG_DERIVED);
    ck_assert_str_eq(g->note, "annual average of 12 monthly observations");
    ds_store_free(st);
    ds_import_free(imp);

    /* without --annualize a monthly series is refused */
    it_opts(&o);
    o.vintage = "2025-05-01";
    ck_assert_int_eq(it_run(&o, files, 1, it_store_dir("st2"), 0, &imp, &s, &err),
                     DS_EINVAL);
    ck_assert_uint_eq(err.line, 2);
    /* the library says what it needs; it names no flag of the tool */
    ck_assert_str_eq(ds_import_needed_option(imp), "annualize");
    ck_assert_ptr_nonnull(strstr(err.message, "use the 'annualize' option to "
                                              "average each complete year"));
    ck_assert_ptr_null(strstr(err.message, "--"));
    ds_import_free(imp);
    /* a caller that names its flags gets them in the message */
    o.option_prefix = "--";
    ck_assert_int_eq(it_run(&o, files, 1, it_store_dir("st3"), 0, &imp, &s,
                            &err),
                     DS_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "use --annualize to average"));
    ds_import_free(imp);
}
END_TEST

START_TEST(fred_daily_formats)
{
    /* new and old FRED shapes give the same (empty) result: September
     * 2015 alone is no complete year, and the holiday is missing */
    const char *f[] = {it_data("fred/DEXJPUS_excerpt.csv"),
                       it_data("fred/DEXJPUS_excerpt_oldformat.csv")};
    for (int i = 0; i < 2; i++) {
        ds_import_options o;
        it_opts(&o);
        o.annualize = 1;
        o.vintage = "2025-07-14";
        ds_import *imp;
        const ds_import_summary *s;
        ds_error err;
        const char *files[] = {f[i]};
        ck_assert_msg(it_run(&o, files, 1, it_store_dir("st"), 1, &imp, &s,
                          &err) == DS_OK, "%s", err.message);
        ck_assert_uint_eq(s->added, 0);
        ck_assert_uint_eq(s->n_skips, 1);
        ck_assert_str_eq(s->skips[0].reason,
                         "2015: 1 of 12 months with observations present; "
                         "a complete year is needed to average it");
        ds_import_free(imp);
    }
}
END_TEST

START_TEST(fred_malformed_date)
{
    ds_import_options o;
    it_opts(&o);
    o.annualize = 1;
    ds_import *imp;
    const ds_import_summary *s;
    ds_error err;
    const char *files[] = {it_data("fred/malformed_date.csv")};
    ck_assert_int_eq(it_run(&o, files, 1, it_store_dir("st"), 0, &imp, &s, &err),
                     DS_EPARSE);
    ck_assert_uint_eq(err.line, 16);
    ck_assert_uint_eq(err.column, 1);
    ck_assert_str_eq(err.message,
                     "invalid date '2024-13-01' (expected YYYY-MM-DD)");
    ds_import_free(imp);
}
END_TEST

/* ============================================================== merge */

static const char *const v2018[] = {
    "wdi/API_MS.MIL.XPND.GD.ZS_2018_excerpt.csv"};

START_TEST(merge_revisions)
{
    ds_import_options o;
    it_opts(&o);
    ds_import *imp;
    const ds_import_summary *s;
    ds_error err;
    const char *dir = it_store_dir("st");
    const char *f1[] = {it_data(v2018[0])};
    ck_assert_int_eq(it_run(&o, f1, 1, dir, 0, &imp, &s, &err), DS_OK);
    ds_import_free(imp);
    const char *f2[] = {it_data("wdi/API_JPN_excerpt_lf_bom.csv")};
    ck_assert_int_eq(it_run(&o, f2, 1, dir, 0, &imp, &s, &err), DS_OK);
    ck_assert_uint_gt(s->revised, 0);
    int found = 0;
    for (size_t i = 0; i < s->n_changes; i++) {
        const ds_import_change *c = &s->changes[i];
        if (c->kind == DS_CHANGE_REVISED && c->new_obs->year == 2016 &&
            strcmp(c->new_obs->indicator, "milex_gdp_pct") == 0) {
            /* JPN 2016: 2018 file cell -> 2025 file cell */
            ck_assert_double_eq_tol(c->old_obs->value, 0.934479626356999,
                                    1e-15);
            ck_assert_str_eq(c->old_obs->vintage, "2018-02-22");
            ck_assert_double_eq_tol(c->new_obs->value, 0.929516816486597,
                                    1e-15);
            ck_assert_str_eq(c->new_obs->vintage, "2025-10-07");
            found = 1;
        }
    }
    ck_assert(found);
    ds_import_free(imp);
    /* both vintages are kept; the newest wins by default */
    ds_store *st = it_load(dir);
    const ds_obs *g = it_find(st, "JPN", "milex_gdp_pct", 2016, NULL, NULL);
    ck_assert_str_eq(g->vintage, "2025-10-07");
    g = it_find(st, "JPN", "milex_gdp_pct", 2016, NULL, "2018-02-22");
    ck_assert_double_eq_tol(g->value, 0.934479626356999, 1e-15);
    ds_store_free(st);
}
END_TEST

START_TEST(merge_reimport_unchanged)
{
    ds_import_options o;
    it_opts(&o);
    ds_import *imp;
    const ds_import_summary *s;
    ds_error err;
    const char *dir = it_store_dir("st");
    const char *f[] = {it_data("wdi/API_JPN_excerpt_lf_bom.csv")};
    ck_assert_int_eq(it_run(&o, f, 1, dir, 0, &imp, &s, &err), DS_OK);
    size_t added = s->added;
    ds_import_free(imp);
    char path[600], *a, *b;
    size_t al, bl;
    snprintf(path, sizeof path, "%s/%s", dir, DS_IMPORT_FILE);
    ck_assert(it_read_bytes(path, &a, &al));
    ck_assert_int_eq(it_run(&o, f, 1, dir, 0, &imp, &s, &err), DS_OK);
    ck_assert_uint_eq(s->added, 0);
    ck_assert_uint_eq(s->unchanged, added);
    ds_import_free(imp);
    ck_assert(it_read_bytes(path, &b, &bl));
    ck_assert_uint_eq(al, bl);
    ck_assert(memcmp(a, b, al) == 0);
    free(a);
    free(b);
}
END_TEST

/* A tidy file restating the 2018 JPN 2016 figure with another value. */
static const char *
conflicting_file(void)
{
    static char p[600];
    snprintf(p, sizeof p, "%s/conflict.csv", it_tmpdir);
    it_write_text(p, DS_STORE_HEADER "\n"
               "JPN,2016,calendar,milex_gdp_pct,0.95,,,wdi,test,2018-02-22,,\n");
    return p;
}

START_TEST(merge_conflict_fail_leaves_store)
{
    ds_import_options o;
    it_opts(&o);
    ds_import *imp;
    const ds_import_summary *s;
    ds_error err;
    const char *dir = it_store_dir("st");
    const char *f1[] = {it_data(v2018[0])};
    ck_assert_int_eq(it_run(&o, f1, 1, dir, 0, &imp, &s, &err), DS_OK);
    ds_import_free(imp);
    char path[600], *a, *b;
    size_t al, bl;
    snprintf(path, sizeof path, "%s/%s", dir, DS_IMPORT_FILE);
    ck_assert(it_read_bytes(path, &a, &al));

    const char *f2[] = {conflicting_file()};
    ck_assert_int_eq(it_run(&o, f2, 1, dir, 0, &imp, &s, &err), DS_EPARSE);
    ck_assert_uint_eq(err.line, 2);
    ck_assert_ptr_nonnull(strstr(err.message, "is 0.95 here but "
                                              "0.934479626356999 in the "
                                              "store"));
    ds_import_free(imp);
    /* a malformed file fails before the merge */
    const char *f3[] = {it_data("wdi/malformed_bad_number.csv")};
    ck_assert_int_eq(it_run(&o, f3, 1, dir, 0, &imp, &s, &err), DS_EPARSE);
    ds_import_free(imp);
    ck_assert(it_read_bytes(path, &b, &bl));
    ck_assert_uint_eq(al, bl);
    ck_assert(memcmp(a, b, al) == 0);
    free(a);
    free(b);
    /* no temporary file is left behind */
    DIR *d = opendir(dir);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d)) != NULL)
        n += e->d_name[0] != '.' || strncmp(e->d_name, ".imports", 8) == 0;
    closedir(d);
    ck_assert_int_eq(n, 1);
}
END_TEST

START_TEST(merge_conflict_replace_keep)
{
    ds_import_options o;
    it_opts(&o);
    ds_import *imp;
    const ds_import_summary *s;
    ds_error err;
    const char *dir = it_store_dir("st");
    const char *f1[] = {it_data(v2018[0])};
    ck_assert_int_eq(it_run(&o, f1, 1, dir, 0, &imp, &s, &err), DS_OK);
    ds_import_free(imp);
    const char *f2[] = {conflicting_file()};
    o.on_conflict = DS_CONFLICT_KEEP;
    ck_assert_int_eq(it_run(&o, f2, 1, dir, 0, &imp, &s, &err), DS_OK);
    ck_assert_uint_eq(s->kept, 1);
    ds_import_free(imp);
    ds_store *st = it_load(dir);
    ck_assert_double_eq_tol(
        it_find(st, "JPN", "milex_gdp_pct", 2016, NULL, NULL)->value,
        0.934479626356999, 1e-15);
    ds_store_free(st);
    o.on_conflict = DS_CONFLICT_REPLACE;
    ck_assert_int_eq(it_run(&o, f2, 1, dir, 0, &imp, &s, &err), DS_OK);
    ck_assert_uint_eq(s->replaced, 1);
    ds_import_free(imp);
    st = it_load(dir);
    ck_assert_double_eq_tol(
        it_find(st, "JPN", "milex_gdp_pct", 2016, NULL, NULL)->value, 0.95,
        1e-15);
    ds_store_free(st);
}
END_TEST

START_TEST(merge_dry_run_writes_nothing)
{
    ds_import_options o;
    it_opts(&o);
    ds_import *imp;
    const ds_import_summary *s;
    ds_error err;
    const char *f[] = {it_data(v2018[0])};
    ck_assert_int_eq(it_run(&o, f, 1, it_store_dir("new"), 1, &imp, &s, &err),
                     DS_OK);
    ck_assert_uint_gt(s->added, 0);
    ck_assert_int_eq(s->dry_run, 1);
    ds_import_free(imp);
    ck_assert_int_eq(access(it_store_dir("new"), F_OK), -1);
}
END_TEST

START_TEST(merge_plausibility_flags)
{
    char p[600];
    snprintf(p, sizeof p, "%s/scale.csv", it_tmpdir);
    it_write_text(p, DS_STORE_HEADER "\n"
               "AAA,2019,calendar,milex,1230000000,USD,current,sipri,t,2025-04-28,,\n"
               "AAA,2020,calendar,milex,1250000000000,USD,current,sipri,t,2025-04-28,,\n"
               "AAA,2021,calendar,milex,1240000000,USD,current,sipri,t,2025-04-28,,\n"
               "AAA,2021,calendar,milex_gdp_pct,137.2,,,sipri,t,2025-04-28,,\n");
    ds_import_options o;
    ds_import_options_init(&o); /* no country table: AAA is kept as is */
    ds_import *imp;
    const ds_import_summary *s;
    ds_error err;
    const char *f[] = {p};
    ck_assert_msg(it_run(&o, f, 1, it_store_dir("st"), 0, &imp, &s, &err) == DS_OK,
                  "%s", err.message);
    ck_assert_uint_eq(s->added, 4); /* flagged, never dropped */
    ck_assert_uint_eq(s->suspect, 2);
    ck_assert_str_eq(s->checks[0].message,
                     "AAA milex_gdp_pct 2021: milex_gdp_pct 137.2% is "
                     "outside 0-100%");
    ck_assert_str_eq(s->checks[1].message,
                     "AAA milex 2020: 1250000000000 is over 1000 times its "
                     "neighbours (1230000000, 1240000000)");
    ds_import_free(imp);
    ds_store *st = it_load(it_store_dir("st"));
    const ds_obs *g = it_find(st, "AAA", "milex", 2020, "USD", NULL);
    ck_assert_uint_eq(g->flags & DS_FLAG_SUSPECT, DS_FLAG_SUSPECT);
    g = it_find(st, "AAA", "milex", 2019, "USD", NULL);
    ck_assert_uint_eq(g->flags & DS_FLAG_SUSPECT, 0);
    ds_store_free(st);
}
END_TEST

/* issue 11 #9: the ends of a series are compared with the two nearest
 * years on their side, and every figure with the store's own figure for
 * that year in another vintage. */
START_TEST(merge_plausibility_ends_and_store)
{
    char p[600], q[600];
    snprintf(p, sizeof p, "%s/ends.csv", it_tmpdir);
    it_write_text(p, DS_STORE_HEADER "\n"
               "AAA,2019,calendar,milex,1.3e12,USD,current,sipri,t,2025-04-28,,\n"
               "AAA,2020,calendar,milex,1.25e9,USD,current,sipri,t,2025-04-28,,\n"
               "AAA,2021,calendar,milex,1.27e9,USD,current,sipri,t,2025-04-28,,\n"
               "AAA,2022,calendar,milex,1.29e9,USD,current,sipri,t,2025-04-28,,\n"
               "AAA,2023,calendar,milex,1.315e12,USD,current,sipri,t,2025-04-28,,\n"
               "BBB,2023,calendar,milex,2.5e9,USD,current,sipri,t,2025-04-28,,\n"
               "BBB,2024,calendar,milex,2.6e6,USD,current,sipri,t,2025-04-28,,\n");
    ds_import_options o;
    ds_import_options_init(&o);
    ds_import *imp;
    const ds_import_summary *s;
    ds_error err;
    const char *f[] = {p};
    ck_assert_msg(it_run(&o, f, 1, it_store_dir("ends"), 0, &imp, &s, &err) ==
                      DS_OK,
                  "%s", err.message);
    ck_assert_uint_eq(s->added, 7);
    /* a two-year series cannot tell which end is wrong: BBB not flagged */
    ck_assert_uint_eq(s->suspect, 2);
    ck_assert_str_eq(s->checks[0].message,
                     "AAA milex 2019: 1300000000000 is over 1000 times the "
                     "two years after it, at the start of the series (2020: "
                     "1250000000, 2021: 1270000000)");
    ck_assert_str_eq(s->checks[1].message,
                     "AAA milex 2023: 1315000000000 is over 1000 times the "
                     "two years before it, at the end of the series (2021: "
                     "1270000000, 2022: 1290000000)");
    ds_import_free(imp);

    /* a newer vintage: BBB 2024 against the stored 2024 figure */
    snprintf(q, sizeof q, "%s/newer.csv", it_tmpdir);
    it_write_text(q, DS_STORE_HEADER "\n"
               "BBB,2024,calendar,milex,2.65e9,USD,current,sipri,t,2026-04-27,,\n"
               "AAA,2023,calendar,milex,1.32e9,USD,current,sipri,t,2026-04-27,,\n"
               "AAA,2022,calendar,milex,1.2e6,USD,current,sipri,t,2026-04-27,,\n");
    f[0] = q;
    ck_assert_msg(it_run(&o, f, 1, it_store_dir("ends"), 1, &imp, &s, &err) ==
                      DS_OK,
                  "%s", err.message);
    ck_assert_uint_eq(s->suspect, 2);
    ck_assert_str_eq(s->checks[0].message,
                     "AAA milex 2022: 1200000 is under 1/ 1000 times the "
                     "figure the store holds for 2022 (vintage 2025-04-28: "
                     "1290000000)");
    ck_assert_str_eq(s->checks[1].message,
                     "BBB milex 2024: 2650000000 is over 1000 times the "
                     "figure the store holds for 2024 (vintage 2025-04-28: "
                     "2600000)");
    ds_import_free(imp);
}
END_TEST

START_TEST(detect_unknown_format)
{
    char p[600];
    snprintf(p, sizeof p, "%s/notes.txt", it_tmpdir);
    it_write_text(p, "just some notes\n");
    ds_import_options o;
    it_opts(&o);
    ds_import *imp;
    ds_error err;
    ck_assert_int_eq(ds_import_alloc(&o, &imp, &err), DS_OK);
    ck_assert_int_eq(ds_import_file(imp, p, &err), DS_EPARSE);
    ck_assert_ptr_nonnull(strstr(err.message, "cannot tell the format of "
                                              "this file from its content "
                                              "(tried wdi, databank"));
    ds_import_free(imp);
    o.format = "xls";
    ck_assert_int_eq(ds_import_alloc(&o, &imp, &err), DS_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "unknown format 'xls'"));
}
END_TEST

/* ============================================================= runner */

#define SUITE(name, ...) IT_SUITE(sr, setup, name, __VA_ARGS__)

int
main(void)
{
    SRunner *sr = srunner_create(NULL);
    SUITE("wdi", wdi_lf_bom, wdi_lf_nobom, wdi_crlf, wdi_zip, wdi_zip_two_data_members, wdi_e_notation,
          wdi_bulk_shape_needs_vintage, wdi_malformed_number);
    SUITE("databank", databank_csv, databank_zip, databank_malformed);
    SUITE("weo", weo_utf16le, weo_latin1, weo_decimal_comma, weo_lcu,
          weo_malformed_scale);
    SUITE("owid", owid_excerpt, owid_malformed_column);
    SUITE("fred", fred_monthly_annualized, fred_daily_formats,
          fred_malformed_date);
    SUITE("merge", merge_revisions, merge_reimport_unchanged,
          merge_conflict_fail_leaves_store, merge_conflict_replace_keep,
          merge_dry_run_writes_nothing, merge_plausibility_flags, merge_plausibility_ends_and_store,
          detect_unknown_format);
    return it_run_all(sr);
}
