/* check_import_shapes.c - Check suites for the files people hold rather
 * than the publishers' pristine downloads (issue 15): OWID exports of every
 * shape, files a spreadsheet has saved, WEO subjects beyond GDP, FRED
 * series described with --as, and that the pristine files are still
 * detected as before.
 *
 * Inputs are tests/data/import (see its README: each shape file is built
 * from a real file by tests/data/import/make_shapes.py); every expected
 * figure below is a cell of those files, copied with the file named beside
 * it, or a hand computation written out here.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <defspend/defspend.h>

#include "import_test_util.h"

static void
setup(void)
{
    it_setup("ds_check_shapes");
}

/* The options as the tool sets them: messages name its flags ("--as"). */
static void
opts(ds_import_options *o)
{
    it_opts(o);
    o->option_prefix = "--";
}

/* The figure in prices `price` ("constant 2023"), any definition. */
static const ds_obs *
find_p(const ds_store *s, const char *country, const char *ind, int year,
       const char *cur, const char *price)
{
    ds_query q = {country, ind, year, cur, NULL, NULL, price, 0,
                  DS_WITH_PROJECTIONS};
    return it_find_query(s, &q);
}

/* Import one file with o into store "st"; fail the test on error. */
static ds_store *
import_ok(ds_import_options *o, const char *file, ds_import **imp,
          const ds_import_summary **s)
{
    ds_error err;
    const char *files[] = {file};
    ck_assert_msg(it_run(o, files, 1, it_store_dir("st"), 0, imp, s, &err) ==
                      DS_OK, "%s", err.message);
    return it_load(it_store_dir("st"));
}

/* Import one file with o; it must fail with code; err is returned. */
static ds_error
import_fails(ds_import_options *o, const char *file, ds_status code)
{
    ds_error err;
    ds_import *imp = NULL;
    const ds_import_summary *s;
    const char *files[] = {file};
    ds_status st = it_run(o, files, 1, it_store_dir("bad"), 0, &imp, &s, &err);
    ck_assert_msg(st == code, "status %d, expected %d: %s", (int)st,
                  (int)code, st == DS_OK ? "" : err.message);
    ds_import_free(imp);
    struct stat sb;
    ck_assert_int_ne(stat(it_store_dir("bad/imports.csv"), &sb), 0);
    return err;
}


START_TEST(as_keys_the_format_ignores)
{
    /* a key the format would not use is refused, never dropped silently */
    static const struct {
        const char *file, *as, *message;
    } cases[] = {
        {"wdi/API_JPN_excerpt_lf_bom.csv", "scale=1e6",
         "--as scale is not used by the wdi format: the file says it "
         "itself; leave it out"},
        {"weo/jpn_subjects_shape_from_wdi.xls", "indicator=gdp",
         "--as indicator is not used by the weo format: the file says it "
         "itself; leave it out"},
        {"owid/share-gdp-region-every-row.csv", "country=JPN",
         "--as country is not used by the owid format: the file says it "
         "itself; leave it out"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ds_import_options o;
        opts(&o);
        o.vintage = "2025-06-01";
        o.as = cases[i].as;
        ds_error e = import_fails(&o, it_data(cases[i].file), DS_EINVAL);
        ck_assert_str_eq(e.message, cases[i].message);
    }
    /* vintage is read by every format */
    ds_import_options o;
    opts(&o);
    o.as = "vintage=2025-06-01";
    ds_import *imp;
    const ds_import_summary *s;
    ds_store *st = import_ok(
        &o, it_data("owid/military-expenditure-share-gdp-excerpt.csv"), &imp,
        &s);
    ck_assert_str_eq(it_find(st, "JPN", "milex_gdp_pct", 2016, NULL, NULL)
                         ->vintage, "2025-06-01");
    ck_assert_str_eq(s->files[0].vintage_note,
                     "vintage given with --as vintage=... (the file states "
                     "none)");
    ds_store_free(st);
    ds_import_free(imp);
}
END_TEST

/* =============================================================== OWID */

static void
check_region_export(const char *file, const char *column)
{
    ds_import_options o;
    opts(&o);
    o.vintage = "2025-06-01";
    ds_import *imp;
    const ds_import_summary *s;
    ds_store *st = import_ok(&o, it_data(file), &imp, &s);
    ck_assert_str_eq(s->files[0].format, "owid");
    ck_assert_uint_eq(s->added, 6);
    ck_assert_uint_eq(s->n_skips, 0);
    char note[200];
    snprintf(note, sizeof note, "column '%s' ignored (a region label, not "
             "a figure)", column);
    ck_assert_ptr_nonnull(strstr(s->files[0].vintage_note, note));
    /* cells of the file: Japan 2020 "1", Taiwan 2018 "1.74" */
    const ds_obs *g = it_find(st, "JPN", "milex_gdp_pct", 2020, NULL, NULL);
    ck_assert_double_eq(g->value, 1);
    ck_assert_str_eq(g->definition, "owid");
    ck_assert_str_eq(g->currency, "");
    g = it_find(st, "TWN", "milex_gdp_pct", 2018, NULL, NULL);
    ck_assert_double_eq(g->value, 1.74);
    ck_assert_str_eq(g->source, "Our World in Data Military expenditure "
                                "(% of GDP) (SIPRI)");
    ds_store_free(st);
    ds_import_free(imp);
}

START_TEST(owid_region_every_row)
{
    check_region_export("owid/share-gdp-region-every-row.csv",
                        "World region according to OWID");
}
END_TEST

START_TEST(owid_region_one_row)
{
    check_region_export("owid/share-gdp-region-one-row.csv",
                        "World regions according to OWID");
}
END_TEST

START_TEST(owid_constant_usd)
{
    const char *f = it_data("owid/milex-constant-usd.csv");
    ds_import_options o;
    opts(&o);
    o.vintage = "2025-06-01";
    /* the column says "constant US$" but not which year's dollars */
    ds_error e = import_fails(&o, f, DS_EPARSE);
    ck_assert_uint_eq(e.line, 1);
    ck_assert_uint_eq(e.column, strlen("Entity,Code,Year,") + 1);
    ck_assert_str_eq(e.message,
                     "OWID column 'Military expenditure (constant US$)' does "
                     "not say its base year (constant dollars of which "
                     "year): give it with --as price=constant-YYYY");
    o.as = "price=constant-2023";
    ds_import *imp;
    const ds_import_summary *s;
    ds_store *st = import_ok(&o, f, &imp, &s);
    ck_assert_uint_eq(s->added, 6);
    const ds_obs *g = find_p(st, "JPN", "milex", 2024, "USD", "constant 2023");
    ck_assert_double_eq(g->value, 58399279571.75824); /* line 4 */
    ck_assert_str_eq(g->price_basis, "constant 2023");
    g = find_p(st, "KOR", "milex", 2022, "USD", "constant 2023");
    ck_assert_double_eq(g->value, 47504829737.44821); /* line 5 */
    ds_store_free(st);
    ds_import_free(imp);
}
END_TEST

START_TEST(owid_package_datapackage)
{
    const char *f = it_data("owid/package/Military expenditure (SIPRI).csv");
    ds_import_options o;
    opts(&o);
    o.vintage = "2025-06-01";
    ds_import *imp;
    const ds_import_summary *s;
    ds_store *st = import_ok(&o, f, &imp, &s);
    ck_assert_uint_eq(s->added, 18); /* 9 rows x 2 value columns */
    ck_assert_ptr_nonnull(strstr(s->files[0].vintage_note,
                                 "units from datapackage.json"));
    /* no Code column: entities by name; the unit "constant 2023 US$"
     * from datapackage.json */
    const ds_obs *g = find_p(st, "KOR", "milex", 2023, "USD", "constant 2023");
    ck_assert_double_eq(g->value, 47801863038.87874);
    ck_assert_str_eq(g->price_basis, "constant 2023");
    g = it_find(st, "TWN", "milex_gdp_pct", 2024, NULL, NULL);
    ck_assert_double_eq(g->value, 2.098114372302196);
    ds_store_free(st);
    ds_import_free(imp);

    /* the same CSV without its datapackage.json: the error names the
     * --as keys that would say what the column is */
    char *buf;
    size_t len;
    ck_assert(it_read_bytes(f, &buf, &len));
    char p[600];
    snprintf(p, sizeof p, "%s/alone.csv", it_tmpdir);
    FILE *w = fopen(p, "wb");
    ck_assert_ptr_nonnull(w);
    fwrite(buf, 1, len, w);
    fclose(w);
    free(buf);
    ds_error e = import_fails(&o, p, DS_EPARSE);
    ck_assert_str_eq(e.message,
                     "OWID column 'military_expenditure' does not say its "
                     "currency and price basis: give them with --as "
                     "currency=USD,price=constant-YYYY (or price=current)");
    o.as = "currency=USD,price=constant-2023";
    st = import_ok(&o, p, &imp, &s);
    /* into the same store: the shares are already there; the money
     * column is the same figures with the base year now given by --as */
    ck_assert_uint_eq(s->added, 0);
    ck_assert_uint_eq(s->unchanged, 18);
    g = find_p(st, "JPN", "milex", 2022, "USD", "constant 2023");
    ck_assert_double_eq(g->value, 41782519528.47869);
    ds_store_free(st);
    ds_import_free(imp);
}
END_TEST

START_TEST(owid_as_indicator_needs_one_column)
{
    ds_import_options o;
    opts(&o);
    o.vintage = "2025-06-01";
    o.as = "indicator=milex_gdp_pct";
    ds_error e = import_fails(
        &o, it_data("owid/package/Military expenditure (SIPRI).csv"), DS_EPARSE);
    ck_assert_str_eq(e.message, "--as indicator=milex_gdp_pct names one "
                                "column's indicator, but this file has 2 "
                                "value columns");
}
END_TEST


START_TEST(owid_annotations_and_malformed)
{
    /* rows of share-gdp-region-every-row.csv with an annotations column
     * added (some grapher exports carry one) */
    char p[600];
    snprintf(p, sizeof p, "%s/annotated.csv", it_tmpdir);
    it_write_text(p, "Entity,Code,Year,Military expenditure (% of GDP),"
                  "Military expenditure (% of GDP) (annotations)\n"
                  "Japan,JPN,2019,0.94,\n"
                  "Japan,JPN,2020,1,estimate\n");
    ds_import_options o;
    opts(&o);
    o.vintage = "2025-06-01";
    ds_import *imp;
    const ds_import_summary *s;
    ds_store *st = import_ok(&o, p, &imp, &s);
    ck_assert_uint_eq(s->added, 2);
    ck_assert_ptr_nonnull(strstr(s->files[0].vintage_note,
                                 "(annotations)' ignored (a row label, not "
                                 "a figure)"));
    ck_assert_double_eq(it_find(st, "JPN", "milex_gdp_pct", 2020, NULL,
                             NULL)->value, 1);
    ds_store_free(st);
    ds_import_free(imp);

    /* a row short of the header's fields, and a bad number: positions */
    it_write_text(p, "Entity,Code,Year,Military expenditure (% of GDP),"
                  "World region according to OWID\n"
                  "Japan,JPN,2019,0.94,Asia\n"
                  "Japan,JPN,2020,1\n");
    ds_error e = import_fails(&o, p, DS_EPARSE);
    ck_assert_uint_eq(e.line, 3);
    ck_assert_uint_eq(e.column, strlen("Japan,JPN,2020,1") + 1);
    ck_assert_str_eq(e.message, "expected 5 fields, found 4");
    it_write_text(p, "Entity,Year,Military expenditure (% of GDP)\n"
                  "Japan,2019,0.94\n"
                  "Japan,2020,1.0.0\n");
    e = import_fails(&o, p, DS_EPARSE);
    ck_assert_uint_eq(e.line, 3);
    ck_assert_uint_eq(e.column, strlen("Japan,2020,") + 1);
    ck_assert_str_eq(e.message, "invalid number '1.0.0'");
}
END_TEST

START_TEST(as_option_checked)
{
    ds_import_options o;
    opts(&o);
    ds_import *imp;
    ds_error err;
    o.as = "unit=USD";
    ck_assert_int_eq(ds_import_alloc(&o, &imp, &err), DS_EINVAL);
    ck_assert_str_eq(err.message,
                     "unknown --as key 'unit' (known: indicator, currency, "
                     "price, scale, definition, year-basis, country, source, "
                     "vintage)");
    /* without a prefix the library names no flag of the tool */
    o.option_prefix = NULL;
    ck_assert_int_eq(ds_import_alloc(&o, &imp, &err), DS_EINVAL);
    ck_assert_str_eq(err.message,
                     "unknown the 'as' option key 'unit' (known: indicator, "
                     "currency, price, scale, definition, year-basis, "
                     "country, source, vintage)");
    o.option_prefix = "--";
    o.as = "price=constant";
    ck_assert_int_eq(ds_import_alloc(&o, &imp, &err), DS_EINVAL);
    ck_assert_str_eq(err.message, "invalid --as price 'constant' (expected "
                                  "current or constant-YYYY)");
    o.as = "scale=1e6,scale=1e3";
    ck_assert_int_eq(ds_import_alloc(&o, &imp, &err), DS_EINVAL);
    ck_assert_str_eq(err.message, "--as key 'scale' given twice");
    o.as = "currency=usd";
    ck_assert_int_eq(ds_import_alloc(&o, &imp, &err), DS_EINVAL);
    o.as = "indicator=gdp,currency=JPY,scale=billion,year-basis=fiscal-04,"
           "vintage=2025-01-31";
    ck_assert_int_eq(ds_import_alloc(&o, &imp, &err), DS_OK);
    ds_import_free(imp);
}
END_TEST


/* ======================================================= spreadsheets */

START_TEST(wdi_excel_saved)
{
    const char *f = it_data("wdi/API_NY.GDP.MKTP.CD_excel_saved.csv");
    ds_import_options o;
    opts(&o);
    ds_import *imp;
    const ds_import_summary *s;
    ds_store *st = import_ok(&o, f, &imp, &s);
    ck_assert_str_eq(s->files[0].format, "wdi");
    ck_assert_ptr_nonnull(strstr(s->files[0].vintage_note,
                                 "saved by a spreadsheet program (quotes "
                                 "stripped): its values may have been "
                                 "rounded"));
    /* "Last Updated Date,3/28/2024" (line 3) */
    const ds_obs *g = it_find(st, "JPN", "gdp", 2022, "USD", NULL);
    ck_assert_str_eq(g->vintage, "2024-03-28");
    ck_assert_double_eq(g->value, 4.256410761E+12); /* the rounded cell */
    ck_assert_str_eq(g->source, "World Bank WDI NY.GDP.MKTP.CD");
    /* the pristine cell is 4256410760723.75: rounded to 10 digits (half
     * of 1000, the last digit kept), not changed */
    ck_assert_double_eq_tol(g->value, 4256410760723.75, 500);
    g = it_find(st, "ZWE", "gdp", 1960, "USD", NULL);
    ck_assert_double_eq(g->value, 1052990400);
    ck_assert_int_eq(it_has(st, "JPN", "gdp", 2023, "USD"), 0); /* empty */
    ds_store_free(st);
    ds_import_free(imp);

    /* an impossible date in the rewritten form is an error at its cell */
    char *buf;
    size_t len;
    ck_assert(it_read_bytes(f, &buf, &len));
    char *d = strstr(buf, "3/28/2024");
    ck_assert_ptr_nonnull(d);
    memcpy(d, "2/30", 4);
    char p[600];
    snprintf(p, sizeof p, "%s/bad_date.csv", it_tmpdir);
    FILE *w = fopen(p, "wb");
    ck_assert_ptr_nonnull(w);
    fwrite(buf, 1, len, w);
    fclose(w);
    free(buf);
    ds_error e = import_fails(&o, p, DS_EPARSE);
    ck_assert_uint_eq(e.line, 3);
    ck_assert_uint_eq(e.column, strlen("Last Updated Date,") + 1);
    ck_assert_ptr_nonnull(strstr(e.message, "invalid date '2/30/2024'"));
}
END_TEST

/* =============================================================== FRED */

START_TEST(fred_described_with_as)
{
    const char *f = it_data("fred/JPNNGDP_shape_from_wdi.csv");
    ds_import_options o;
    opts(&o);
    o.vintage = "2025-06-01";
    o.annualize = 1;
    /* without --as: nothing read, and the skip says how to describe it */
    ds_import *imp;
    const ds_import_summary *s;
    const char *files[] = {f};
    ds_error err;
    ck_assert_int_eq(it_run(&o, files, 1, it_store_dir("st"), 1, &imp, &s, &err),
                     DS_OK);
    ck_assert_uint_eq(s->added, 0);
    ck_assert_uint_eq(s->n_skips, 1);
    ck_assert_ptr_nonnull(strstr(s->skips[0].reason,
                                 "--as indicator=gdp,currency=JPY,scale=1e9"));
    ds_import_free(imp);
    /* the unit is not in the file: the error names the key */
    o.as = "indicator=gdp,currency=JPY";
    ds_error e = import_fails(&o, f, DS_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.message, "does not say its unit: give it "
                                            "with --as scale="));
    o.as = "indicator=gdp,scale=1e9";
    e = import_fails(&o, f, DS_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.message, "does not say its currency: "
                                            "give it with --as currency="));
    o.as = "indicator=gdp,currency=JPY,scale=1e9";
    ds_store *st = import_ok(&o, f, &imp, &s);
    ck_assert_uint_eq(s->added, 3);
    ck_assert_uint_eq(s->n_skips, 1); /* 2021: 2 of 4 quarters */
    ck_assert_str_eq(s->skips[0].reason,
                     "2021: 2 of 4 quarterly observations present; a "
                     "complete year is needed to average it");
    /* 2024: four cells 609432.6 (billions of yen), averaged */
    const ds_obs *g = it_find(st, "JPN", "gdp", 2024, "JPY", NULL);
    ck_assert_double_eq_tol(g->value, 609432.6e9, 0.5);
    ck_assert_str_eq(g->price_basis, "current"); /* NGDP: nominal */
    ck_assert_str_eq(g->definition, "fred_jpnngdp");
    ck_assert_str_eq(g->source, "FRED JPNNGDP");
    ck_assert_str_eq(g->note, "annual average of 4 quarterly observations");
    ck_assert_uint_eq(g->flags, DS_FLAG_DERIVED);
    g = it_find(st, "JPN", "gdp", 2022, "JPY", NULL);
    ck_assert_double_eq_tol(g->value, 560506e9, 0.5);
    ds_store_free(st);
    ds_import_free(imp);
}
END_TEST

START_TEST(fred_fx_without_as)
{
    /* an exchange rate keeps working without --as */
    ds_import_options o;
    opts(&o);
    o.vintage = "2025-05-01";
    o.annualize = 1;
    ds_import *imp;
    const ds_import_summary *s;
    ds_store *st = import_ok(&o, it_data("fred/EXJPUS_excerpt.csv"), &imp, &s);
    ck_assert_uint_eq(s->added, 2);
    const ds_obs *g = it_find(st, "JPN", "fx", 2023, "JPY", NULL);
    ck_assert_str_eq(g->definition, "fred_exjpus");
    ds_store_free(st);
    ds_import_free(imp);
}
END_TEST


/* ================================================================ WEO */

/* The six subjects of Japan's rows: cells of the file, times the Scale. */
static void
check_jpn_subjects(const ds_store *st)
{
    const ds_obs *g = find_p(st, "JPN", "gdp", 2022, "JPY", "constant 2020");
    ck_assert_double_eq(g->value, 559418492e6); /* "559,418.492" billions */
    ck_assert_str_eq(g->definition, "imf_weo");
    ck_assert_str_eq(g->source, "IMF WEO NGDP_R (Gross domestic product, "
                                "constant prices, National currency)");
    ck_assert_uint_eq(g->flags, 0);
    g = find_p(st, "JPN", "gdp", 2024, "JPY", "constant 2020");
    ck_assert_double_eq(g->value, 568145241e6);
    ck_assert_uint_eq(g->flags, DS_FLAG_PROJECTION); /* after 2023 */
    g = it_find(st, "JPN", "gdp", 2021, "JPY", NULL);
    ck_assert_double_eq(g->value, 553068300e6); /* current prices */
    ck_assert_str_eq(g->price_basis, "current");
    g = it_find(st, "JPN", "gdp_real_growth", 2020, NULL, NULL);
    ck_assert_double_eq(g->value, -4.169);
    ck_assert_str_eq(g->currency, "");
    g = it_find(st, "JPN", "gdp_deflator", 2023, NULL, NULL);
    ck_assert_double_eq(g->value, 104.271);
    g = it_find(st, "JPN", "cpi", 2022, NULL, NULL);
    ck_assert_double_eq(g->value, 107.84);
    g = it_find(st, "JPN", "cpi_inflation", 2021, NULL, NULL);
    ck_assert_double_eq(g->value, -0.233);
}

START_TEST(weo_subjects)
{
    ds_import_options o;
    opts(&o);
    ds_import *imp;
    const ds_import_summary *s;
    ds_store *st = import_ok(&o, it_data("weo/jpn_subjects_shape_from_wdi.xls"),
                             &imp, &s);
    ck_assert_str_eq(s->files[0].format, "weo");
    ck_assert_uint_eq(s->added, 36); /* 6 subjects x 6 years */
    ck_assert_uint_eq(s->n_skips, 0);
    check_jpn_subjects(st);
    /* the footer's month is the vintage */
    ck_assert_str_eq(it_find(st, "JPN", "cpi", 2022, NULL, NULL)->vintage,
                     "2024-10-01");
    ds_store_free(st);
    ds_import_free(imp);
}
END_TEST

START_TEST(weo_single_country_csv)
{
    const char *f = it_data("weo/jpn_single_country_shape_from_wdi.csv");
    ds_import_options o;
    opts(&o);
    o.vintage = "2024-10-01";
    ds_error e = import_fails(&o, f, DS_EPARSE);
    ck_assert_uint_eq(e.line, 1);
    ck_assert_str_eq(e.message, "missing column 'Country' in the header: "
                                "for a single-country export give the "
                                "country with --as country=ISO3");
    o.as = "country=Narnia";
    e = import_fails(&o, f, DS_EINVAL);
    ck_assert_str_eq(e.message, "--as country='Narnia' is not in the "
                                "country table");
    o.as = "country=JPN";
    ds_import *imp;
    const ds_import_summary *s;
    ds_store *st = import_ok(&o, f, &imp, &s);
    ck_assert_str_eq(s->files[0].format, "weo");
    ck_assert_uint_eq(s->added, 36);
    check_jpn_subjects(st);
    ds_store_free(st);
    ds_import_free(imp);
}
END_TEST


/* ============================================================== SIPRI */

START_TEST(sipri_trimmed_sheet_with_as)
{
    const char *f = it_data("sipri/constant_usd_trimmed.csv");
    ds_import_options o;
    opts(&o);
    o.vintage = "2025-04-30";
    o.format = "sipri";
    /* no title: the error says how to name the table */
    ds_error e = import_fails(&o, f, DS_EPARSE);
    ck_assert_uint_eq(e.line, 1);
    ck_assert_ptr_nonnull(strstr(e.message,
                                 "say which table it is with --as "
                                 "indicator=milex,currency=USD,price="
                                 "constant-YYYY,scale=1e6"));
    o.as = "indicator=milex,currency=USD,price=constant-2023";
    e = import_fails(&o, f, DS_EPARSE);
    ck_assert_ptr_nonnull(strstr(e.message, "give it with --as scale=1e6"));
    o.as = "indicator=milex,currency=USD,price=constant-2023,scale=1e6";
    ds_import *imp;
    const ds_import_summary *s;
    ds_store *st = import_ok(&o, f, &imp, &s);
    ck_assert_str_eq(s->files[0].format, "sipri");
    ck_assert_uint_eq(s->added, 520);
    ck_assert_uint_eq(s->n_skips, 2); /* Russia and Ukraine "..." */
    ck_assert_str_eq(s->skips[1].reason,
                     "'Ukraine': '...' (data unavailable) for 1990-1992: no "
                     "observation");
    /* Japan 2024 cell "58399.27957175824" (US$ m.) x 1e6 */
    const ds_obs *g = find_p(st, "JPN", "milex", 2024, "USD", "constant 2023");
    ck_assert_double_eq(g->value, 58399279571.75824);
    ck_assert_str_eq(g->source, "SIPRI Military Expenditure Database: "
                                "Constant (2023) US$");
    ck_assert_str_eq(g->definition, "sipri");
    g = find_p(st, "UKR", "milex", 1993, "USD", "constant 2023");
    ck_assert_double_eq(g->value, 396897206.4667447);
    ck_assert_int_eq(it_has(st, "UKR", "milex", 1992, "USD"), 0);
    ds_store_free(st);
    ds_import_free(imp);
}
END_TEST

START_TEST(sipri_restructured_share_sheet)
{
    const char *f = it_data("sipri/share_gdp_restructured.csv");
    ds_import_options o;
    opts(&o);
    o.vintage = "2025-04-30";
    o.format = "sipri";
    o.as = "indicator=milex_gdp_pct";
    ds_import *imp;
    const ds_import_summary *s;
    ds_store *st = import_ok(&o, f, &imp, &s);
    ck_assert_uint_eq(s->added, 507);
    /* "1.37%" (Japan 2024) and "2.56%" (Korea, South 2024): percent */
    const ds_obs *g = it_find(st, "JPN", "milex_gdp_pct", 2024, NULL, NULL);
    ck_assert_double_eq(g->value, 1.37);
    g = it_find(st, "KOR", "milex_gdp_pct", 2024, NULL, NULL);
    ck_assert_double_eq(g->value, 2.56);
    g = it_find(st, "USA", "milex_gdp_pct", 1991, NULL, NULL);
    ck_assert_double_eq(g->value, 4.88);
    ds_store_free(st);
    ds_import_free(imp);
    /* an indicator SIPRI has no table for */
    o.as = "indicator=gdp";
    ds_error e = import_fails(&o, f, DS_EPARSE);
    ck_assert_ptr_nonnull(strstr(e.message, "does not name one of SIPRI's "
                                            "US$ or share tables"));
}
END_TEST


/* ====================================================== --format table */

static const char data360_cols[] =
    "country=REF_AREA,year=TIME_PERIOD,value=OBS_VALUE,scale=UNIT_MULT,"
    "currency=UNIT_MEASURE";

START_TEST(table_data360_long)
{
    const char *f = it_data("table/data360_long_gdp.csv");
    ds_import_options o;
    opts(&o);
    o.vintage = "2024-03-28";
    o.format = "table";
    ds_error e = import_fails(&o, f, DS_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.message, "--format table needs --columns"));
    o.columns = data360_cols;
    e = import_fails(&o, f, DS_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.message, "give --as indicator=NAME"));
    /* without a prefix the library names no flag of the tool */
    o.option_prefix = NULL;
    e = import_fails(&o, f, DS_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.message, "give the 'as' option "
                                            "indicator=NAME (gdp, milex, "
                                            "milex_gdp_pct, ...) or the "
                                            "'columns' option "
                                            "indicator=COLUMN"));
    o.option_prefix = "--";
    o.as = "indicator=gdp";
    e = import_fails(&o, f, DS_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.message, "give --as source="));
    o.as = "indicator=gdp,source=World Bank Data360";
    e = import_fails(&o, f, DS_EINVAL);
    ck_assert_ptr_nonnull(strstr(e.message, "give --as price=current"));
    o.as = "indicator=gdp,price=current,source=World Bank Data360";
    ds_import *imp;
    const ds_import_summary *s;
    ds_store *st = import_ok(&o, f, &imp, &s);
    ck_assert_str_eq(s->files[0].format, "table");
    ck_assert_uint_eq(s->added, 10); /* 2 countries x 2018-2022; 2023 empty */
    /* OBS_VALUE 1725373.49682543 x 10^UNIT_MULT (6): the DataBank cell
     * 1725373496825.43 exactly */
    const ds_obs *g = it_find(st, "KOR", "gdp", 2018, "USD", NULL);
    ck_assert_double_eq(g->value, 1725373496825.43);
    ck_assert_str_eq(g->source, "World Bank Data360");
    ck_assert_str_eq(g->definition, "user");
    ck_assert_str_eq(g->price_basis, "current");
    g = it_find(st, "USA", "gdp", 2022, "USD", NULL);
    ck_assert_double_eq(g->value, 25439700000000);
    ck_assert_int_eq(it_has(st, "USA", "gdp", 2023, "USD"), 0);
    ds_store_free(st);
    ds_import_free(imp);

    /* by position, and a bad cell stops at its line and column */
    o.columns = "country=3,year=9,value=10,scale=8,currency=7";
    char *buf;
    size_t len;
    ck_assert(it_read_bytes(f, &buf, &len));
    char *cell = strstr(buf, "1651422.93244777");
    ck_assert_ptr_nonnull(cell);
    cell[3] = 'x';
    char p[600];
    snprintf(p, sizeof p, "%s/bad_cell.csv", it_tmpdir);
    FILE *w = fopen(p, "wb");
    ck_assert_ptr_nonnull(w);
    fwrite(buf, 1, len, w);
    fclose(w);
    free(buf);
    e = import_fails(&o, p, DS_EPARSE);
    ck_assert_uint_eq(e.line, 3);
    ck_assert_uint_eq(e.column, it_column_of(p, 3, "165x"));
    ck_assert_str_eq(e.message, "invalid number '165x422.93244777'");
}
END_TEST

START_TEST(table_cp932_wide)
{
    const char *f = it_data("table/jpn_gdp_wide_cp932.csv");
    ds_import_options o;
    opts(&o);
    o.vintage = "2025-06-01";
    o.format = "table";
    o.columns = "country=1";
    o.as = "indicator=gdp,currency=JPY,price=current,scale=1e9,"
           "source=shape test";
    ds_error e = import_fails(&o, f, DS_EPARSE);
    ck_assert_str_eq(e.message, "not UTF-8 text (byte 0): give the file's "
                                "encoding with --encoding (e.g. --encoding "
                                "CP932 for a Japanese government CSV)");
    o.encoding = "CP932";
    /* the header named in Japanese, after conversion */
    o.columns = "country=\xE5\x9B\xBD\xE3\x82\xB3\xE3\x83\xBC\xE3\x83\x89";
    ds_import *imp;
    const ds_import_summary *s;
    ds_store *st = import_ok(&o, f, &imp, &s);
    ck_assert_uint_eq(s->added, 4); /* 2021年-2024年 */
    ck_assert_uint_eq(s->n_skips, 1); /* the note row */
    ck_assert_uint_eq(s->skips[0].line, 3);
    /* "609432.6" (10億円) -> yen */
    const ds_obs *g = it_find(st, "JPN", "gdp", 2024, "JPY", NULL);
    ck_assert_double_eq(g->value, 609432600000000);
    g = it_find(st, "JPN", "gdp", 2022, "JPY", NULL);
    ck_assert_double_eq(g->value, 560506000000000);
    ds_store_free(st);
    ds_import_free(imp);
}
END_TEST

/* ========================================================== detection */

/* The pristine files are still read by the loader that read them before
 * the new shapes were accepted. */
START_TEST(pristine_detected_as_before)
{
    static const struct {
        const char *file, *format;
    } cases[] = {
        {"wdi/API_JPN_excerpt_lf_bom.csv", "wdi"},
        {"wdi/API_NY.GDP.MKTP.CD_excerpt_crlf.csv", "wdi"},
        {"wdi/WDICSV_excerpt.csv", "wdi"},
        {"databank/Data_excerpt.csv", "databank"},
        {"weo/apr2021_ngdpd_excerpt_utf16le.xls", "weo"},
        {"weo/apr2021_ngdpd_excerpt_latin1.xls", "weo"},
        {"owid/military-expenditure-share-gdp-excerpt.csv", "owid"},
        {"fred/EXJPUS_excerpt.csv", "fred"},
        {"fred/DEXJPUS_excerpt_oldformat.csv", "fred"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        ds_import_options o;
        opts(&o);
        o.vintage = "2025-06-01";
        o.annualize = 1;
        ds_import *imp;
        const ds_import_summary *s;
        ds_error err;
        const char *files[] = {it_data(cases[i].file)};
        ck_assert_msg(it_run(&o, files, 1, it_store_dir("st"), 1, &imp, &s,
                          &err) == DS_OK, "%s: %s", cases[i].file,
                      err.message);
        ck_assert_msg(strcmp(s->files[0].format, cases[i].format) == 0,
                      "%s read as %s", cases[i].file, s->files[0].format);
        ds_import_free(imp);
    }
}
END_TEST

/* ============================================================= runner */

#define SUITE(name, ...) IT_SUITE(sr, setup, name, __VA_ARGS__)

int
main(void)
{
    SRunner *sr = srunner_create(NULL);
    SUITE("owid shapes", owid_region_every_row, owid_region_one_row,
          owid_constant_usd, owid_package_datapackage,
          owid_as_indicator_needs_one_column,
          owid_annotations_and_malformed);
    SUITE("as", as_option_checked, as_keys_the_format_ignores);
    SUITE("spreadsheet-saved", wdi_excel_saved);
    SUITE("weo subjects", weo_subjects, weo_single_country_csv);
    SUITE("sipri sheets", sipri_trimmed_sheet_with_as,
          sipri_restructured_share_sheet);
    SUITE("table", table_data360_long, table_cp932_wide);
    SUITE("fred described", fred_described_with_as,
          fred_fx_without_as);
    SUITE("detection", pristine_detected_as_before);
    return it_run_all(sr);
}
