/* check_table.c - tabular results, citations and the four writers
 * (table.c, write_text.c, write_csv.c, write_json.c, write_md.c).
 *
 * Expected text is written out by hand from the rules in table.h and
 * format.h; the figures are Japan's 2024 GDP in current US$ (WDI
 * NY.GDP.MKTP.CD, vintage 2025-07-01: 4,026,210,821,146.81) and 3.5% of
 * it, so that a formatting slip shows as a wrong digit.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

/* The table in format, as a string the test frees. */
static char *
out(const ds_table *t, ds_table_format fmt, ds_status *st, ds_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(m);
    *st = ds_table_write(t, fmt, m, err);
    ck_assert_int_eq(fclose(m), 0);
    return buf;
}

static char *
ok_out(const ds_table *t, ds_table_format fmt)
{
    ds_error err;
    ds_status st;
    ds_error_clear(&err);
    char *s = out(t, fmt, &st, &err);
    ck_assert_ds_ok(&err, st);
    return s;
}

static const ds_obs jpn_gdp = {
    "JPN", 2024, 1, "gdp", 4026210821146.81, "USD", "current", "wdi",
    "World Bank WDI NY.GDP.MKTP.CD", "2025-07-01", 0, "", "", 0};

/* country | year | gdp (money, USD) | share (%) */
static ds_table *
small(void)
{
    ds_table *t = ds_table_alloc();
    ck_assert_ptr_nonnull(t);
    ds_column c[] = {
        {"country", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, 0, NULL},
        {"year", NULL, NULL, DS_COL_YEAR, -1, 1, 0, 0, 0, NULL},
        {"gdp_usd", "GDP US$", "USD", DS_COL_MONEY, -1, 1, 0, 0, 0, NULL},
        {"share_pct", "share", NULL, DS_COL_SHARE_PCT, 2, 1, 0, 0, 0, "-"},
    };
    for (size_t k = 0; k < 4; k++)
        ck_assert_uint_eq(ds_table_add_column(t, &c[k]), k);
    ds_table_add_row(t);
    ds_table_set_text(t, 0, "JPN");
    ds_table_set_int(t, 1, 2024);
    ds_table_set_num(t, 2, jpn_gdp.value);
    ds_table_set_cite(t, 2, &jpn_gdp);
    ds_table_set_num(t, 3, 1.385);
    ds_table_add_row(t);
    ds_table_set_text(t, 0, "TWN");
    ds_table_set_int(t, 1, 2024);
    ds_table_set_num(t, 2, NAN); /* missing: never 0 */
    ds_table_set_num(t, 3, NAN);
    return t;
}

START_TEST(test_missing_is_a_state)
{
    ds_table *t = small();
    ck_assert_uint_eq(ds_table_rows(t), 2);
    ck_assert(!ds_table_missing(t, 0, 2));
    ck_assert(ds_table_missing(t, 1, 2));
    ck_assert(isnan(ds_table_num(t, 1, 2)));
    ck_assert_double_eq_tol(ds_table_num(t, 0, 2), 4026210821146.81, 1e-3);
    ck_assert_str_eq(ds_table_text(t, 1, 0), "TWN");
    ck_assert_ptr_null(ds_table_text(t, 1, 2));
    char b[64];
    ck_assert_str_eq(ds_table_shown(t, 0, 2, b, sizeof b), "$4.03 tn");
    ck_assert_str_eq(ds_table_shown(t, 1, 2, b, sizeof b), "n/a");
    ck_assert_str_eq(ds_table_shown(t, 1, 3, b, sizeof b), "-");
    ck_assert_str_eq(ds_table_shown(t, 0, 3, b, sizeof b), "1.39%");
    ds_table_free(t);
}
END_TEST

START_TEST(test_text_aligned)
{
    ds_table *t = small();
    char *s = ok_out(t, DS_TABLE_TEXT);
    ck_assert_str_eq(s, "country  year   GDP US$  share\n"
                        "JPN      2024  $4.03 tn  1.39%\n"
                        "TWN      2024       n/a      -\n");
    free(s);
    ds_table_free(t);
}
END_TEST

/* Widths count characters: "¥" is two bytes and one column; control
 * characters in data text are '?', a line break a space. */
START_TEST(test_text_utf8_and_controls)
{
    ds_table *t = ds_table_alloc();
    ds_column a = {"amount", NULL, "JPY", DS_COL_MONEY, -1, 1, 0, 0, 0, NULL};
    ds_column n = {"name", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, 0, NULL};
    ds_table_add_column(t, &a);
    ds_table_add_column(t, &n);
    ds_table_add_row(t);
    ds_table_set_num(t, 0, 7949600000000.0);
    ds_table_set_text(t, 1, "a\x1b]0;x\nb");
    ds_table_add_row(t);
    ds_table_set_num(t, 0, 1136.65);
    ds_table_set_text(t, 1, "Côte");
    ds_table_set_trim(t, 1);
    char *s = ok_out(t, DS_TABLE_TEXT);
    ck_assert_str_eq(s, "  amount  name\n"
                        "¥7.95 tn  a?]0;x b\n"
                        "  ¥1,137  Côte\n");
    free(s);
    ds_table_free(t);
}
END_TEST

START_TEST(test_text_fixed_and_notes)
{
    ds_table *t = ds_table_alloc();
    ds_column c[] = {
        {"country", "cty", NULL, DS_COL_TEXT, -1, 0, 4, 0, 0, NULL},
        {"year", NULL, NULL, DS_COL_YEAR, -1, 1, 6, 0, 0, NULL},
        {"source", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 2, DS_COL_SHOW_TEXT,
         NULL},
    };
    for (size_t k = 0; k < 3; k++)
        ds_table_add_column(t, &c[k]);
    ds_table_set_style(t, DS_TEXT_FIXED);
    ds_table_title(t, "%s military expenditure, %d", "JPN", 2024);
    ds_table_note(t, DS_NOTE_HEAD, "Share = %.2f%% of GDP", 1.385);
    ds_table_note(t, DS_NOTE_FOOT, "note %zu: %s", (size_t)1, "a *b*");
    ds_table_add_row(t);
    ds_table_set_text(t, 0, "JPN");
    ds_table_set_int(t, 1, 2024);
    ds_table_set_text(t, 2, "MoD");
    char *s = ok_out(t, DS_TABLE_TEXT);
    ck_assert_str_eq(s, "JPN military expenditure, 2024\n"
                        "Share = 1.39% of GDP\n"
                        "\n"
                        "cty    year  source\n"
                        "JPN    2024  MoD\n"
                        "\n"
                        "note 1: a *b*\n");
    free(s);
    /* the CSV has no title, no notes and no text-only column */
    s = ok_out(t, DS_TABLE_CSV);
    ck_assert_str_eq(s, "country,year\nJPN,2024\n");
    free(s);
    ds_table_free(t);
}
END_TEST

START_TEST(test_csv_quoting)
{
    ds_table *t = ds_table_alloc();
    ds_column c[] = {
        {"text", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, 0, NULL},
        {"value", NULL, NULL, DS_COL_NUMBER, -1, 1, 0, 0, 0, NULL},
        {"stale", NULL, NULL, DS_COL_BOOL, -1, 1, 0, 0, 0, NULL},
    };
    for (size_t k = 0; k < 3; k++)
        ds_table_add_column(t, &c[k]);
    const char *in[] = {"plain", "a,b", "say \"hi\"", "two\nlines",
                        "=1+2", "-3.5", "@SUM(A1)"};
    for (size_t i = 0; i < sizeof in / sizeof *in; i++) {
        ds_table_add_row(t);
        ds_table_set_text(t, 0, in[i]);
        ds_table_set_num(t, 1, i == 0 ? 4026210821146.81 : i == 1 ? NAN
                                                                  : 2.385);
        ds_table_set_bool(t, 2, (int)(i % 2));
    }
    char *s = ok_out(t, DS_TABLE_CSV);
    ck_assert_str_eq(s, "text,value,stale\n"
                        "plain,4026210821146.81,0\n"
                        "\"a,b\",,1\n"
                        "\"say \"\"hi\"\"\",2.385,0\n"
                        "\"two\nlines\",2.385,1\n"
                        "\"'=1+2\",2.385,0\n"
                        "\"'-3.5\",2.385,1\n"
                        "\"'@SUM(A1)\",2.385,0\n");
    free(s);
    ds_table_free(t);
}
END_TEST

START_TEST(test_json_null_and_types)
{
    ds_table *t = small();
    char *s = ok_out(t, DS_TABLE_JSON);
    json_error_t je;
    json_t *a = json_loads(s, 0, &je);
    ck_assert_msg(a != NULL, "not JSON: %s", je.text);
    ck_assert_uint_eq(json_array_size(a), 2);
    json_t *r0 = json_array_get(a, 0), *r1 = json_array_get(a, 1);
    ck_assert_str_eq(json_string_value(json_object_get(r0, "country")),
                     "JPN");
    ck_assert(json_is_integer(json_object_get(r0, "year")));
    ck_assert_double_eq_tol(json_real_value(json_object_get(r0, "gdp_usd")),
                            4026210821146.81, 1e-3);
    ck_assert(json_is_null(json_object_get(r1, "gdp_usd")));
    ck_assert(json_is_null(json_object_get(r1, "share_pct")));
    /* keys in column order, 17 digits */
    ck_assert_ptr_nonnull(strstr(s, "\"country\": \"JPN\",\n    \"year\": 2024"));
    ck_assert_ptr_nonnull(strstr(s, "\"share_pct\": 1.385"));
    json_decref(a);
    free(s);
    ds_table_free(t);
}
END_TEST

START_TEST(test_json_not_utf8)
{
    ds_table *t = ds_table_alloc();
    ds_column c = {"source", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, 0, NULL};
    ds_table_add_column(t, &c);
    ds_table_add_row(t);
    ds_table_set_text(t, 0, "SIPRI \xff data");
    ds_error err;
    ds_status st;
    ds_error_clear(&err);
    char *s = out(t, DS_TABLE_JSON, &st, &err);
    ck_assert_ds_error(&err, st, DS_EPARSE,
                       "cannot encode \"source\" 'SIPRI ? data' as JSON: "
                       "the text is not UTF-8");
    ck_assert_str_eq(s, ""); /* nothing written */
    free(s);
    ds_table_free(t);
}
END_TEST

START_TEST(test_md_escaping)
{
    ds_table *t = ds_table_alloc();
    ds_column c[] = {
        {"name", NULL, NULL, DS_COL_TEXT, -1, 0, 0, 0, 0, NULL},
        {"gap", "gap to 3.5%", "USD", DS_COL_MONEY, -1, 1, 0, 0, 0, NULL},
    };
    ds_table_add_column(t, &c[0]);
    ds_table_add_column(t, &c[1]);
    ds_table_title(t, "%s (%s)", "1. [x](y)", "wdi");
    ds_table_note(t, DS_NOTE_HEAD, "Method: %s", "a|b <script>");
    ds_table_add_row(t);
    ds_table_set_text(t, 0, "-1.5 *bold* | x");
    ds_table_set_num(t, 1, -140917378740.13837);
    char *s = ok_out(t, DS_TABLE_MD);
    ck_assert_str_eq(s, "## 1\\. \\[x\\]\\(y\\) (wdi)\n"
                        "\n"
                        "- Method: a\\|b &lt;script&gt;\n"
                        "\n"
                        "| name | gap to 3.5% |\n"
                        "|:---|---:|\n"
                        "| -1.5 \\*bold\\* \\| x | -$140.9 bn |\n");
    free(s);
    ds_table_free(t);
}
END_TEST

START_TEST(test_cite_dedup_no_cap)
{
    ds_cite *c = ds_cite_alloc();
    ds_error err;
    ds_error_clear(&err);
    size_t idx = 99;
    char src[64];
    /* more than any old fixed list held (256) */
    for (int i = 0; i < 1000; i++) {
        snprintf(src, sizeof src, "publisher %d", i);
        ck_assert_ds_ok(&err, ds_cite_add(c, src, "wdi", "2025-07-01", 0,
                                          &idx, &err));
        ck_assert_uint_eq(idx, (size_t)i);
    }
    ck_assert_ds_ok(&err, ds_cite_add(c, "publisher 17", "wdi", "2025-07-01",
                                      0, &idx, &err));
    ck_assert_uint_eq(idx, 17);
    ck_assert_uint_eq(ds_cite_count(c), 1000);
    ck_assert_ds_ok(&err, ds_cite_add_obs(c, &jpn_gdp, &idx, &err));
    ck_assert_uint_eq(idx, 1000);
    char *s = ds_cite_text(ds_cite_get(c, 1000));
    ck_assert_str_eq(s, "World Bank WDI NY.GDP.MKTP.CD; definition wdi; "
                        "vintage 2025-07-01");
    free(s);
    ds_obs o = jpn_gdp;
    o.vintage = "";
    o.flags = DS_FLAG_ESTIMATE;
    s = ds_cite_obs_text(&o);
    ck_assert_str_eq(s, "World Bank WDI NY.GDP.MKTP.CD; definition wdi; "
                        "vintage unknown; estimate");
    free(s);
    ds_cite_free(c);

    /* a table cell links to its citation */
    ds_table *t = small();
    const ds_citation *ct = ds_table_cite(t, 0, 2);
    ck_assert_ptr_nonnull(ct);
    ck_assert_str_eq(ct->source, "World Bank WDI NY.GDP.MKTP.CD");
    ck_assert_ptr_null(ds_table_cite(t, 1, 2));
    ck_assert_uint_eq(ds_cite_count(ds_table_citations(t)), 1);
    ds_table_free(t);
}
END_TEST

START_TEST(test_rate_and_pct)
{
    char b[64];
    ck_assert_str_eq(ds_format_rate(151.3537, "JPY", b, sizeof b),
                     "¥151.35/$");
    ck_assert_str_eq(ds_format_rate(1363.9801, "KRW", b, sizeof b),
                     "1363.9801 KRW per US$");
    ck_assert_str_eq(ds_format_rate(NAN, "KRW", b, sizeof b), "n/a");
    ck_assert_str_eq(ds_format_rate(1363.9801, "KRW", b, 8), "#####");
    ck_assert_str_eq(ds_format_pct(3.456, 1, b, sizeof b), "3.5%");
    ck_assert_str_eq(ds_format_pct(NAN, 1, b, sizeof b), "n/a");
}
END_TEST

/* The convert table from the shipped store: Japan's MoD budget, fiscal
 * years from April, to calendar years.  CY2024 = 3/12 FY2023 + 9/12
 * FY2024 = 0.25 x 6,821,900,000,000 + 0.75 x 7,949,600,000,000 yen
 * (datasets/japan_mod_budget.csv, MoD budget tables [S18-S23]) =
 * 7,667,675,000,000 yen.  The first year has no FY t-1: its output is
 * missing, which JSON must write as null and CSV as an empty field. */
START_TEST(test_convert_table_from_store)
{
    ds_store *st = ds_store_alloc();
    ds_error err;
    ds_error_clear(&err);
    ck_assert_ds_ok(&err, ds_store_load_dir(st, t_env("DEFSPEND_DATA"),
                                            &err));
    ds_convert_spec spec = {"JPN", "milex", "mod_budget", DS_TO_CALENDAR, 0,
                            DS_RATE_OFFICIAL, NAN};
    ds_conversion *cv = NULL;
    ck_assert_ds_ok(&err, ds_convert_run(st, &spec, &cv, &err));
    ds_table *t = NULL;
    ck_assert_ds_ok(&err, ds_convert_table(cv, &t, &err));
    size_t year = 0, out = 0, row2024 = SIZE_MAX;
    for (size_t k = 0; k < ds_table_columns(t); k++) {
        if (strcmp(ds_table_column(t, k)->name, "year") == 0)
            year = k;
        if (strcmp(ds_table_column(t, k)->name, "value_out") == 0)
            out = k;
    }
    ck_assert_str_eq(ds_table_column(t, out)->unit, "JPY");
    for (size_t i = 0; i < ds_table_rows(t); i++)
        if (ds_table_num(t, i, year) == 2024)
            row2024 = i;
    ck_assert_uint_ne(row2024, SIZE_MAX);
    ck_assert_double_eq_tol(ds_table_num(t, row2024, out), 7667675000000.0,
                            0.5);
    ck_assert(ds_table_missing(t, 0, out)); /* no FY t-1 for the first */
    char *s = ok_out(t, DS_TABLE_CSV);
    ck_assert_ptr_nonnull(strstr(s, ",7667675000000,JPY,current,"));
    free(s);
    json_t *rows = ds_table_json(t, &err);
    ck_assert_ptr_nonnull(rows);
    ck_assert(json_is_null(json_object_get(json_array_get(rows, 0),
                                           "value_out")));
    json_decref(rows);
    s = ok_out(t, DS_TABLE_TEXT);
    ck_assert_ptr_nonnull(strstr(s, "2024  "));
    ck_assert_ptr_nonnull(strstr(s, "¥7.67 tn"));
    free(s);
    ds_table_free(t);
    ds_conversion_free(cv);
    ds_store_free(st);
}
END_TEST


/* A note pointing to another output names no command-line flag: the
 * convert table of Japan's MoD budget in US$ (12 fiscal years, one
 * official rate each, so 9 rates beyond the 3 shown) says "see the JSON
 * output" to a library user and what the caller sets otherwise (the
 * tool: "--format json"). */
START_TEST(test_convert_note_format_ref)
{
    ds_store *st = ds_store_alloc();
    ds_error err;
    ds_error_clear(&err);
    ck_assert_ds_ok(&err, ds_store_load_dir(st, t_env("DEFSPEND_DATA"),
                                            &err));
    ds_convert_spec spec;
    ds_convert_spec_init(&spec);
    spec.country = "JPN";
    spec.indicator = "milex";
    spec.definition = "mod_budget";
    spec.to = DS_TO_USD;
    spec.rate_kind = DS_RATE_OFFICIAL;
    ds_conversion *cv = NULL;
    ck_assert_ds_ok(&err, ds_convert_run(st, &spec, &cv, &err));
    ck_assert_uint_gt(cv->n_rates, 3);
    ds_table *t = NULL;
    ck_assert_ds_ok(&err, ds_convert_table(cv, &t, &err));
    char want[128];
    snprintf(want, sizeof want,
             "... and %zu more rates of the same kind (see the JSON output)\n",
             cv->n_rates - 3);
    char *s = ok_out(t, DS_TABLE_TEXT);
    ck_assert_ptr_nonnull(strstr(s, want));
    ck_assert_ptr_null(strstr(s, "--"));
    free(s);
    ds_table_set_format_ref(t, DS_TABLE_JSON, "--format json");
    snprintf(want, sizeof want,
             "- ... and %zu more rates of the same kind (see --format "
             "json)\n",
             cv->n_rates - 3);
    s = ok_out(t, DS_TABLE_MD);
    ck_assert_msg(strstr(s, want) != NULL, "%s", s);
    free(s);
    ds_table_set_format_ref(t, DS_TABLE_JSON, NULL);
    s = ok_out(t, DS_TABLE_TEXT);
    ck_assert_ptr_nonnull(strstr(s, "(see the JSON output)"));
    free(s);
    ds_table_free(t);
    ds_conversion_free(cv);
    ds_store_free(st);
}
END_TEST

/* The nested JSON documents are the library's: a scenario without a
 * baseline (Japan, shipped store) has "baseline": null and each row's
 * diff null (missing, never 0), the observations carry their citation,
 * data_dir is recorded as given (NULL: null) and text that is not UTF-8
 * is refused with its key, nothing returned. */
START_TEST(test_result_json_documents)
{
    ds_store *st = ds_store_alloc();
    ds_error err;
    ds_error_clear(&err);
    ck_assert_ds_ok(&err, ds_store_load_dir(st, t_env("DEFSPEND_DATA"),
                                            &err));
    double tg[] = {2, 3.5};
    ds_scenario_spec sp;
    ds_scenario_spec_init(&sp);
    sp.country = "JPN";
    sp.targets_pct = tg;
    sp.n_targets = 2;
    sp.baseline_kind = DS_BASELINE_NONE;
    ds_scenario *sc = NULL;
    ck_assert_ds_ok(&err, ds_scenario_run(st, &sp, &sc, &err));
    json_t *d = ds_scenario_json(sc, "/data", &err);
    ck_assert_ptr_nonnull(d);
    ck_assert_str_eq(json_string_value(json_object_get(d, "data_dir")),
                     "/data");
    ck_assert(json_is_null(json_object_get(d, "baseline")));
    json_t *rows = json_object_get(d, "scenarios");
    ck_assert_uint_eq(json_array_size(rows), 2);
    json_t *r1 = json_array_get(rows, 1);
    ck_assert(json_is_null(json_object_get(r1, "diff_usd")));
    ck_assert_double_eq_tol(
        json_real_value(json_object_get(r1, "spend_usd")),
        0.035 * sc->gdp_usd->value, 1);
    json_t *g = json_object_get(json_object_get(d, "gdp"), "usd");
    ck_assert_str_eq(json_string_value(json_object_get(g, "source")),
                     sc->gdp_usd->source);
    ck_assert_str_eq(json_string_value(json_object_get(g, "vintage")),
                     sc->gdp_usd->vintage);
    json_decref(d);
    d = ds_scenario_json(sc, NULL, &err);
    ck_assert_ptr_nonnull(d);
    ck_assert(json_is_null(json_object_get(d, "data_dir")));
    json_decref(d);
    ds_error_clear(&err);
    ck_assert_ptr_null(ds_scenario_json(sc, "d\377x", &err));
    ck_assert_int_eq(err.code, DS_EPARSE);
    ck_assert_str_eq(err.message, "cannot encode \"data_dir\" 'd?x' as "
                                  "JSON: the text is not UTF-8");
    ds_scenario_free(sc);

    /* a conversion to calendar years: the first year has no FY t-1 */
    ds_convert_spec cs;
    ds_convert_spec_init(&cs);
    cs.country = "JPN";
    cs.indicator = "milex";
    cs.definition = "mod_budget";
    cs.to = DS_TO_CALENDAR;
    ds_conversion *cv = NULL;
    ck_assert_ds_ok(&err, ds_convert_run(st, &cs, &cv, &err));
    d = ds_convert_json(cv, &err);
    ck_assert_ptr_nonnull(d);
    json_t *r0 = json_array_get(json_object_get(d, "rows"), 0);
    ck_assert(json_is_null(json_object_get(r0, "value_out")));
    ck_assert(json_is_null(json_object_get(r0, "source_prev")));
    ck_assert_str_eq(json_string_value(json_object_get(d, "method")),
                     cv->method);
    json_decref(d);
    ds_conversion_free(cv);
    ds_store_free(st);
}
END_TEST

/* The column called name (fails the test when there is none). */
static size_t
col_of(const ds_table *t, const char *name)
{
    for (size_t k = 0; k < ds_table_columns(t); k++)
        if (strcmp(ds_table_column(t, k)->name, name) == 0)
            return k;
    ck_abort_msg("no column %s", name);
    return 0;
}

START_TEST(test_revisions_table_from_store)
{
    ds_store *st = ds_store_alloc();
    ds_error err;
    ds_error_clear(&err);
    ck_assert_ds_ok(&err, ds_store_load_dir(st, t_env("DEFSPEND_DATA"),
                                            &err));
    /* JPN GDP in US$ 1960: WDI 2024-03-28 44,307,342,950.4 and DataBank
     * 2025-12-04 47,419,238,274.46 (wdi_world.csv, wdi_japan_databank) */
    ds_revisions_spec rs = {"JPN", "gdp", "wdi", "USD", 1960};
    ds_revisions *rv = NULL;
    ck_assert_ds_ok(&err, ds_revisions_run(st, &rs, &rv, &err));
    ds_table *t = NULL;
    ck_assert_ds_ok(&err, ds_revisions_table(rv, &rs, 0, &t, &err));
    ck_assert_uint_eq(ds_table_rows(t), 2);
    size_t ch = col_of(t, "change"), pct = col_of(t, "change_pct");
    ck_assert(ds_table_missing(t, 0, ch)); /* the first vintage: none */
    ck_assert(ds_table_missing(t, 0, pct));
    ck_assert_double_eq_tol(ds_table_num(t, 1, ch), 3111895324.06, 0.01);
    ck_assert_double_eq_tol(ds_table_num(t, 1, pct), 7.02343, 1e-5);
    json_t *rows = ds_table_json(t, &err);
    ck_assert_ptr_nonnull(rows);
    json_t *r0 = json_array_get(rows, 0);
    ck_assert(json_is_null(json_object_get(r0, "change")));
    ck_assert(json_is_null(json_object_get(r0, "previous_vintage")));
    ck_assert_str_eq(json_string_value(json_object_get(
                         json_array_get(rows, 1), "previous_vintage")),
                     "2024-03-28");
    json_decref(rows);
    char *s = ok_out(t, DS_TABLE_TEXT);
    ck_assert_ptr_nonnull(strstr(s, "+3,111,895,324    +7.02%"));
    free(s);
    ds_table_free(t);
    /* nothing held twice: the foot note says so */
    ds_revisions_spec none = {"JPN", "no_such_indicator", NULL, NULL, 0};
    ds_revisions_free(rv);
    rv = NULL;
    ck_assert_ds_ok(&err, ds_revisions_run(st, &none, &rv, &err));
    ck_assert_ds_ok(&err, ds_revisions_table(rv, &none, 0, &t, &err));
    s = ok_out(t, DS_TABLE_TEXT);
    ck_assert_ptr_nonnull(strstr(s, "no no_such_indicator figure for JPN has "
                                    "more than one vintage (no data at "
                                    "all)"));
    free(s);
    ds_table_free(t);
    ds_revisions_free(rv);
    ds_store_free(st);
}
END_TEST

START_TEST(test_sensitivity_tables_from_store)
{
    ds_store *st = ds_store_alloc();
    ds_error err;
    ds_error_clear(&err);
    ck_assert_ds_ok(&err, ds_store_load_dir(st, t_env("DEFSPEND_DATA"),
                                            &err));
    double targets[] = {3.5}, xs[] = {0, 2.385};
    ds_sensitivity_spec ss;
    ds_project_spec_init(&ss.project);
    ss.project.country = "JPN";
    ss.project.by_year = 2035;
    ss.project.fit_years = 10;
    ss.project.targets_pct = targets;
    ss.project.n_targets = 1;
    ss.xs = xs;
    ss.nx = 2;
    ss.by_rate = 0;
    ds_sensitivity *g = NULL;
    ck_assert_ds_ok(&err, ds_sensitivity_run(st, &ss, &g, &err));
    /* text: the heading, the caption right above the grid; the figures of
     * tests/golden/sensitivity-growths */
    ds_table *t = NULL;
    ck_assert_ds_ok(&err, ds_sensitivity_table(g, DS_SENS_SPEND, &t, &err));
    char *s = ok_out(t, DS_TABLE_TEXT);
    ck_assert_ptr_nonnull(strstr(s, "Japan (JPN): sensitivity of "
                                    "target-year spending, 2024-2035\n"));
    ck_assert_ptr_nonnull(strstr(s, "\n\nSpending in 2035, current US$:\n"
                                    "target        +0%    +2.385%\n"
                                    "3.5%    $140.9 bn  $182.6 bn\n"));
    free(s);
    s = ok_out(t, DS_TABLE_MD);
    ck_assert_ptr_nonnull(strstr(s, "\n### Spending in 2035, current US$:"
                                    "\n\n| target |"));
    free(s);
    ds_table_free(t);
    /* CSV: one row per cell, the same figures in full */
    ck_assert_ds_ok(&err, ds_sensitivity_table(g, DS_SENS_CELLS, &t, &err));
    ck_assert_uint_eq(ds_table_rows(t), 2);
    ck_assert_double_eq_tol(ds_table_num(t, 0, col_of(t, "spend_usd")),
                            140.917e9, 0.001e9);
    ck_assert_str_eq(ds_table_column(t, col_of(t, "spend_lcu"))->unit,
                     "JPY");
    ds_table_free(t);
    json_t *doc = ds_sensitivity_json(g, &err);
    ck_assert_ptr_nonnull(doc);
    json_t *cells = json_object_get(doc, "cells");
    ck_assert_uint_eq(json_array_size(cells), 2);
    /* a cell has the seven figures; the header gives the rest */
    ck_assert_uint_eq(json_object_size(json_array_get(cells, 0)), 7);
    ck_assert_str_eq(json_string_value(json_object_get(doc, "grid")),
                     "growth");
    json_decref(doc);
    ds_sensitivity_free(g);
    ds_store_free(st);
}
END_TEST

static Suite *
table_suite(void)
{
    Suite *s = suite_create("table");
    TCase *tc = tcase_create("cells");
    tcase_add_test(tc, test_missing_is_a_state);
    tcase_add_test(tc, test_cite_dedup_no_cap);
    tcase_add_test(tc, test_rate_and_pct);
    suite_add_tcase(s, tc);
    tc = tcase_create("text");
    tcase_add_test(tc, test_text_aligned);
    tcase_add_test(tc, test_text_utf8_and_controls);
    tcase_add_test(tc, test_text_fixed_and_notes);
    suite_add_tcase(s, tc);
    tc = tcase_create("csv");
    tcase_add_test(tc, test_csv_quoting);
    suite_add_tcase(s, tc);
    tc = tcase_create("json");
    tcase_add_test(tc, test_json_null_and_types);
    tcase_add_test(tc, test_json_not_utf8);
    suite_add_tcase(s, tc);
    tc = tcase_create("results");
    tcase_add_test(tc, test_convert_table_from_store);
    tcase_add_test(tc, test_convert_note_format_ref);
    tcase_add_test(tc, test_result_json_documents);
    tcase_add_test(tc, test_revisions_table_from_store);
    tcase_add_test(tc, test_sensitivity_tables_from_store);
    suite_add_tcase(s, tc);
    tc = tcase_create("markdown");
    tcase_add_test(tc, test_md_escaping);
    suite_add_tcase(s, tc);
    return s;
}

int
main(int argc, char **argv)
{
    return t_run(table_suite(), argc, argv);
}
