/* check_xlsx.c - the .xlsx reader: sheet list through relationships,
 * cell types, rich text, references, styles (font colour, percent
 * formats), core dates, and every error path on malformed workbooks. */
#include <math.h>

#include "xlsx.h"
#include "xlsx_test_util.h"

static ds__xlsx *
open_ok(const char *rel, char **buf)
{
    size_t len;
    ds__xlsx *x = NULL;
    ds_error err;
    read_data(rel, buf, &len);
    ck_assert_int_eq(ds__xlsx_open(rel, *buf, len, NULL, &x, &err), DS_OK);
    return x;
}

/* Open (and read sheet 0 of) a malformed workbook; return the error. */
static ds_status
open_fail(const char *rel, const ds__xlsx_limits *lim, ds_error *err)
{
    char *buf;
    size_t len;
    ds__xlsx *x = NULL;
    read_data(rel, &buf, &len);
    ds_error_clear(err);
    ds_status st = ds__xlsx_open(rel, buf, len, lim, &x, err);
    if (st == DS_OK) {
        ds__xlsx_sheet *s = NULL;
        st = ds__xlsx_sheet_read(x, 0, &s, err);
        ds__xlsx_sheet_free(s);
        ds__xlsx_close(x);
    }
    free(buf);
    return st;
}

START_TEST(test_sheets_through_rels)
{
    char *buf;
    ds__xlsx *x = open_ok("xlsx/layout.xlsx", &buf);
    ck_assert_uint_eq(ds__xlsx_sheet_count(x), 2);
    ck_assert_str_eq(ds__xlsx_sheet_name(x, 0), "Data");
    ck_assert_str_eq(ds__xlsx_sheet_part(x, 0), "book/tables/data.xml");
    ck_assert_str_eq(ds__xlsx_sheet_name(x, 1), "Second & \xc3\x9c");
    ck_assert_str_eq(ds__xlsx_sheet_part(x, 1), "book/tables/second.xml");
    ck_assert_int_eq(ds__xlsx_sheet_find(x, "Data"), 0);
    ck_assert_int_eq(ds__xlsx_sheet_find(x, "data"), -1);
    char c[11], m[11];
    ds_error err;
    ck_assert_int_eq(ds__xlsx_core_dates(x, c, m, &err), DS_OK);
    ck_assert_str_eq(c, "2024-06-14");
    ck_assert_str_eq(m, "2025-04-30");
    ds__xlsx_close(x);
    free(buf);
}
END_TEST

START_TEST(test_cells)
{
    char *buf;
    ds__xlsx *x = open_ok("xlsx/layout.xlsx", &buf);
    ds__xlsx_sheet *s;
    ds_error err;
    ck_assert_int_eq(ds__xlsx_sheet_read(x, 0, &s, &err), DS_OK);
    const ds__xlsx_cell *c = ds__xlsx_sheet_get(s, 1, 1);
    ck_assert_int_eq(c->type, DS__XLSX_STRING);
    ck_assert_str_eq(c->text, "Japan");
    c = ds__xlsx_sheet_get(s, 1, 2);
    ck_assert_int_eq(c->type, DS__XLSX_NUMBER);
    ck_assert_double_eq_tol(c->number, 55273.90431670826, 1e-9);
    ck_assert_str_eq(c->text, "55273.90431670826");
    /* rich text runs joined, phonetic run left out */
    ck_assert_str_eq(ds__xlsx_sheet_get(s, 2, 1)->text, "Rich text  run");
    c = ds__xlsx_sheet_get(s, 2, 2);
    ck_assert_int_eq(c->type, DS__XLSX_BOOL);
    ck_assert_double_eq(c->number, 1);
    c = ds__xlsx_sheet_get(s, 2, 3);
    ck_assert_int_eq(c->type, DS__XLSX_ERROR);
    ck_assert_str_eq(c->text, "#REF!");
    ck_assert_str_eq(ds__xlsx_sheet_get(s, 2, 4)->text, "formula text");
    /* row without r after row 2 is row 3; a cell without r follows AB3 */
    c = ds__xlsx_sheet_get(s, 3, 28);
    ck_assert_double_eq_tol(c->number, -0.0015, 1e-15);
    ck_assert_double_eq(ds__xlsx_sheet_get(s, 3, 29)->number, 42);
    ck_assert_str_eq(ds__xlsx_sheet_get(s, 4, 1)->text, "inline");
    ck_assert_str_eq(ds__xlsx_sheet_get(s, 4, 2)->text, "Korea, South");
    /* a styled cell without a value is empty */
    ck_assert_ptr_null(ds__xlsx_sheet_get(s, 4, 3));
    ck_assert_uint_eq(s->n, 12);
    ds__xlsx_sheet_free(s);
    ds__xlsx_close(x);
    free(buf);
}
END_TEST

START_TEST(test_styles)
{
    char *buf;
    ds__xlsx *x = open_ok("xlsx/layout.xlsx", &buf);
    ds__xlsx_sheet *s;
    ds_error err;
    ck_assert_int_eq(ds__xlsx_sheet_read(x, 0, &s, &err), DS_OK);
    ds__xlsx_style st = ds__xlsx_cell_style(x, ds__xlsx_sheet_get(s, 1, 2));
    ck_assert_int_eq(st.font_indexed, -1);
    ck_assert_int_eq(st.font_rgb, 0x0000FF); /* rgb="FF0000FF" */
    st = ds__xlsx_cell_style(x, ds__xlsx_sheet_get(s, 1, 3));
    ck_assert_int_eq(st.font_indexed, 10);
    ck_assert_int_eq(st.font_rgb, 0xFF0000); /* through the palette */
    ck_assert_int_eq(st.percent, 1);         /* numFmtId 10 */
    st = ds__xlsx_cell_style(x, ds__xlsx_sheet_get(s, 1, 4));
    ck_assert_int_eq(st.font_theme, 1);
    ck_assert_int_eq(st.font_rgb, -1);
    ck_assert_int_eq(st.percent, 1); /* custom "0.0%" */
    st = ds__xlsx_cell_style(x, ds__xlsx_sheet_get(s, 3, 28));
    ck_assert_int_eq(st.percent, 0); /* quoted "%" is text */
    ck_assert_int_eq(st.numfmt_id, 170);
    ds__xlsx_sheet_free(s);
    ds__xlsx_close(x);
    free(buf);
}
END_TEST

START_TEST(test_sipri_cells)
{
    /* real cells of the SIPRI excerpt (sheet 'Current US$') */
    char *buf;
    ds__xlsx *x = open_ok("sipri/sipri-excerpt.xlsx", &buf);
    long i = ds__xlsx_sheet_find(x, "Current US$");
    ck_assert_int_ge(i, 0);
    ds__xlsx_sheet *s;
    ds_error err;
    ck_assert_int_eq(ds__xlsx_sheet_read(x, (size_t)i, &s, &err), DS_OK);
    const ds__xlsx_cell *c = ds__xlsx_sheet_get(s, 24, 78); /* BZ24 */
    ck_assert_double_eq_tol(c->number, 55273.90431670826, 1e-9);
    ck_assert_int_eq(ds__xlsx_cell_style(x, c).font_rgb, -1);
    c = ds__xlsx_sheet_get(s, 25, 4); /* D25: Korea 1950, blue */
    ck_assert_double_eq_tol(c->number, 108.4, 1e-12);
    ck_assert_int_eq(ds__xlsx_cell_style(x, c).font_indexed, 12);
    ck_assert_int_eq(ds__xlsx_cell_style(x, c).font_rgb, 0x0000FF);
    ck_assert_str_eq(ds__xlsx_sheet_get(s, 24, 1)->text, "Japan");
    ds__xlsx_sheet_free(s);
    ds__xlsx_close(x);
    free(buf);
}
END_TEST

START_TEST(test_refs_and_text)
{
    char b[24];
    uint32_t r, c;
    ck_assert_str_eq(ds__xlsx_cellref(12, 28, b, sizeof b), "AB12");
    ck_assert_str_eq(ds__xlsx_cellref(1048576, 16384, b, sizeof b),
                     "XFD1048576");
    ck_assert(ds__xlsx_parse_ref("AB12", &r, &c));
    ck_assert_uint_eq(r, 12);
    ck_assert_uint_eq(c, 28);
    ck_assert(ds__xlsx_parse_ref("$C$7", &r, &c) && r == 7 && c == 3);
    ck_assert(!ds__xlsx_parse_ref("A0", &r, &c));
    ck_assert(!ds__xlsx_parse_ref("12", &r, &c));
    ck_assert(!ds__xlsx_parse_ref("A1B", &r, &c));
    ck_assert_double_eq(ds__sheet_scale_from_text("Figures are in US $m., "
                                                  "in current prices"),
                        1e6);
    ck_assert_double_eq(ds__sheet_scale_from_text("in constant (2023) US$ m."),
                        1e6);
    ck_assert_double_eq(ds__sheet_scale_from_text("Figures are in US$ b."),
                        1e9);
    ck_assert_double_eq(ds__sheet_scale_from_text("Million national currency "
                                                  "units"),
                        1e6);
    ck_assert_double_eq(ds__sheet_scale_from_text("Figures are in local "
                                                  "currency at current "
                                                  "prices"),
                        0);
    ck_assert_int_eq(ds__sheet_base_year_from_text("in constant (2023) US$ m., "
                                                   "1949-2024"),
                     2023);
    ck_assert_int_eq(ds__sheet_base_year_from_text("Constant 2015 prices "), 2015);
    ck_assert_int_eq(ds__sheet_base_year_from_text("2015 prices and exchange "
                                                   "rates"),
                     2015);
    ck_assert_int_eq(ds__sheet_base_year_from_text("1949-2024"), 0);
    ck_assert_double_eq(ds__sheet_scale_decimal("0.01371396895806343",
                                                0.01371396895806343, 2),
                        1.371396895806343);
    ck_assert_double_eq(ds__sheet_scale_decimal("55273.9", 55273.9, 6),
                        55273900000.0);
    ck_assert_double_eq(ds__sheet_scale_decimal("-1.5E-3", -1.5e-3, 2), -0.15);
}
END_TEST

START_TEST(test_truncated)
{
    ds_error e;
    ck_assert_int_eq(open_fail("xlsx/truncated.xlsx", NULL, &e), DS_EPARSE);
    ck_assert_str_eq(e.path, "xlsx/truncated.xlsx");
    ck_assert_ptr_nonnull(strstr(e.message, "not a readable zip archive"));
}
END_TEST

START_TEST(test_missing_parts)
{
    ds_error e;
    ck_assert_int_eq(open_fail("xlsx/missing-sheet.xlsx", NULL, &e),
                     DS_EPARSE);
    ck_assert_str_eq(e.message,
                     "missing part 'book/tables/data.xml' (sheet 'Data')");
    ck_assert_int_eq(open_fail("xlsx/missing-workbook.xlsx", NULL, &e),
                     DS_EPARSE);
    ck_assert_str_eq(e.message, "missing part 'book/main.xml' (the workbook)");
}
END_TEST

START_TEST(test_shared_string_range)
{
    ds_error e;
    char b[1200];
    ck_assert_int_eq(open_fail("xlsx/sst-range.xlsx", NULL, &e), DS_EPARSE);
    ck_assert_str_eq(ds_error_format(&e, b, sizeof b),
                     "xlsx/sst-range.xlsx: sheet 'Data' cell B4: shared "
                     "string index 7 out of range (the workbook has 3 shared "
                     "strings)");
}
END_TEST

START_TEST(test_huge_dimension)
{
    ds_error e;
    ck_assert_int_eq(open_fail("xlsx/huge-dimension.xlsx", NULL, &e),
                     DS_ERANGE);
    ck_assert_str_eq(e.message,
                     "sheet 'Data' claims dimension 'A1:XFE1048577', beyond "
                     "the Excel limits of 1048576 rows and 16384 columns "
                     "(XFD1048576)");
}
END_TEST

START_TEST(test_zip_bomb)
{
    ds_error e;
    ds__xlsx_limits lim = ds__xlsx_default_limits;
    lim.max_part_bytes = 1u << 20;
    ck_assert_int_eq(open_fail("xlsx/bomb.xlsx", &lim, &e), DS_EPARSE);
    ck_assert_ptr_nonnull(strstr(e.message, "part 'book/tables/data.xml' "
                                            "claims"));
    ck_assert_ptr_nonnull(strstr(e.message, "over the limit of 1048576"));
    /* within the default limits the same file reads */
    ck_assert_int_eq(open_fail("xlsx/bomb.xlsx", NULL, &e), DS_OK);
    lim = ds__xlsx_default_limits;
    lim.max_cells = 5;
    ck_assert_int_eq(open_fail("xlsx/layout.xlsx", &lim, &e), DS_ERANGE);
    ck_assert_str_eq(e.message, "sheet 'Data' has more than 5 cells (at cell "
                                "B2)");
}
END_TEST

START_TEST(test_bad_xml)
{
    ds_error e;
    ck_assert_int_eq(open_fail("xlsx/bad-xml.xlsx", NULL, &e), DS_EPARSE);
    ck_assert_str_eq(e.message, "part 'book/tables/data.xml' line 2, column "
                                "14: mismatched tag");
    ck_assert_int_eq(open_fail("xlsx/doctype.xlsx", NULL, &e), DS_EPARSE);
    ck_assert_ptr_nonnull(strstr(e.message, "has a DOCTYPE declaration"));
}
END_TEST

START_TEST(test_not_zip)
{
    const char text[] = "Country,Year\nJapan,2024\n";
    ds__xlsx *x = NULL;
    ds_error e;
    ck_assert_int_eq(ds__xlsx_open("t.csv", text, sizeof text - 1, NULL, &x,
                                   &e),
                     DS_EPARSE);
    ck_assert_ptr_null(x);
    ck_assert_ptr_nonnull(strstr(e.message, "not a readable zip archive"));
}
END_TEST

START_TEST(test_sheet_by_hand)
{
    ds__xlsx_sheet *s = ds__xlsx_sheet_alloc("csv");
    ck_assert(ds__xlsx_sheet_add(s, 3, 2, DS__XLSX_NUMBER, 2.385, "2.385", 0));
    ck_assert(ds__xlsx_sheet_add(s, 1, 5, DS__XLSX_STRING, 0, "b", 0));
    ck_assert(ds__xlsx_sheet_add(s, 3, 2, DS__XLSX_NUMBER, 7.25, "7.25", 0));
    ds__xlsx_sheet_sort(s);
    ck_assert_uint_eq(s->n, 2);
    ck_assert_double_eq(ds__xlsx_sheet_get(s, 3, 2)->number, 7.25);
    ck_assert_uint_eq(ds__xlsx_sheet_row_start(s, 2), 1);
    ds__xlsx_sheet_free(s);
}
END_TEST

/* issue 11 #7: a formula saved without its value is a cell of its own
 * type (the formula as text), never silently an empty cell. */
START_TEST(test_formula_without_value)
{
    char *buf;
    ds__xlsx *x = open_ok("xlsx/formula.xlsx", &buf);
    ds__xlsx_sheet *s;
    ds_error err;
    ck_assert_int_eq(ds__xlsx_sheet_read(x, 1, &s, &err), DS_OK);
    const ds__xlsx_cell *c = ds__xlsx_sheet_get(s, 1, 1);
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(c->type, DS__XLSX_FORMULA);
    ck_assert_str_eq(c->text, "SUM(B1:B2)");
    c = ds__xlsx_sheet_get(s, 1, 2); /* t="str" without <v> */
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(c->type, DS__XLSX_FORMULA);
    ck_assert_str_eq(c->text, "A1&\"x\"");
    c = ds__xlsx_sheet_get(s, 1, 3); /* with its cached value: a number */
    ck_assert_int_eq(c->type, DS__XLSX_NUMBER);
    ck_assert_double_eq(c->number, 4.5);
    c = ds__xlsx_sheet_get(s, 1, 4); /* a shared formula's follower */
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(c->type, DS__XLSX_FORMULA);
    ck_assert_str_eq(c->text, "");
    c = ds__xlsx_sheet_get(s, 1, 5); /* an inline string keeps its text */
    ck_assert_int_eq(c->type, DS__XLSX_STRING);
    ck_assert_str_eq(c->text, "kept");
    ck_assert_uint_eq(s->n, 5);
    ds__xlsx_sheet_free(s);
    ds__xlsx_close(x);
    free(buf);
}
END_TEST

/* issue 11 #13: one part listed as two sheets is refused (it would be
 * parsed, and held, once per listing); a relationship Id defined twice is
 * named as such. */
START_TEST(test_part_twice_and_duplicate_ids)
{
    ds_error e;
    ck_assert_int_eq(open_fail("xlsx/part-twice.xlsx", NULL, &e), DS_EPARSE);
    ck_assert_str_eq(e.message, "sheets 'Data' and 'Second & \xc3\x9c' are "
                                "both the part 'book/tables/data.xml' (a "
                                "workbook lists each sheet part once; refused "
                                "rather than read twice)");
    ck_assert_int_eq(open_fail("xlsx/duplicate-rel-id.xlsx", NULL, &e),
                     DS_EPARSE);
    ck_assert_str_eq(e.message, "part 'book/_rels/main.xml.rels' line 1: "
                                "relationship Id 's1' is defined twice (an "
                                "Id names one relationship)");
}
END_TEST

/* issue 11 #13: a head read stops at the row limit; every read counts
 * against the workbook's budgets of inflated bytes and cells. */
START_TEST(test_head_and_budgets)
{
    char *buf;
    size_t len;
    ds__xlsx *x = NULL;
    ds__xlsx_sheet *s;
    ds_error e;
    read_data("xlsx/rows.xlsx", &buf, &len);
    ck_assert_int_eq(ds__xlsx_open("rows.xlsx", buf, len, NULL, &x, &e),
                     DS_OK);
    size_t opened = ds__xlsx_bytes_read(x);
    ck_assert_int_eq(ds__xlsx_sheet_read_head(x, 1, 10, &s, &e), DS_OK);
    ck_assert_uint_eq(s->n, 20);
    ck_assert_uint_eq(s->max_row, 10);
    ck_assert_int_eq(s->partial, 1);
    ck_assert_str_eq(ds__xlsx_sheet_get(s, 10, 2)->text, "r10");
    ds__xlsx_sheet_free(s);
    /* 1000 rows of about 80 bytes: the head read stopped within the
     * first 64 KiB chunk */
    size_t head = ds__xlsx_bytes_read(x) - opened;
    ck_assert_uint_le(head, 65536);
    ck_assert_uint_eq(ds__xlsx_cells_read(x), 20);
    ck_assert_int_eq(ds__xlsx_sheet_read(x, 1, &s, &e), DS_OK);
    ck_assert_uint_eq(s->n, 2000);
    ck_assert_int_eq(s->partial, 0);
    ck_assert_double_eq(ds__xlsx_sheet_get(s, 1000, 1)->number, 1000.25);
    ds__xlsx_sheet_free(s);
    size_t part = ds__xlsx_bytes_read(x) - opened - head;
    ck_assert_uint_gt(part, 65536);
    ck_assert_uint_eq(ds__xlsx_cells_read(x), 2020);
    /* a head covering the whole sheet is not partial */
    ck_assert_int_eq(ds__xlsx_sheet_read_head(x, 1, 1000, &s, &e), DS_OK);
    ck_assert_int_eq(s->partial, 0);
    ck_assert_uint_eq(s->n, 2000);
    ds__xlsx_sheet_free(s);
    ds__xlsx_close(x);

    /* cells: 2000 read, then the second read fails at its 501st cell */
    ds__xlsx_limits lim = ds__xlsx_default_limits;
    lim.max_total_cells = 2500;
    ck_assert_int_eq(ds__xlsx_open("rows.xlsx", buf, len, &lim, &x, &e),
                     DS_OK);
    ck_assert_int_eq(ds__xlsx_sheet_read(x, 1, &s, &e), DS_OK);
    ds__xlsx_sheet_free(s);
    s = NULL;
    ck_assert_int_eq(ds__xlsx_sheet_read(x, 1, &s, &e), DS_ERANGE);
    ck_assert_ptr_null(s);
    ck_assert_str_eq(e.message, "the workbook has more than 2500 cells in "
                                "all (at sheet 'Second & \xc3\x9c' cell "
                                "A251)");
    ds__xlsx_close(x);

    /* bytes: the sheet part once fits, twice does not */
    lim = ds__xlsx_default_limits;
    lim.max_total_bytes = opened + part + part / 2;
    ck_assert_int_eq(ds__xlsx_open("rows.xlsx", buf, len, &lim, &x, &e),
                     DS_OK);
    ck_assert_int_eq(ds__xlsx_sheet_read(x, 1, &s, &e), DS_OK);
    ds__xlsx_sheet_free(s);
    ck_assert_int_eq(ds__xlsx_sheet_read(x, 1, &s, &e), DS_EPARSE);
    char want[300];
    snprintf(want, sizeof want,
             "the workbook inflates to more than %zu bytes of XML in all (at "
             "part 'book/tables/second.xml'; refused as a possible zip bomb)",
             lim.max_total_bytes);
    ck_assert_str_eq(e.message, want);
    ds__xlsx_close(x);
    free(buf);
}
END_TEST

/* issue 11: bytes before the zip are named as such, not read as text */
START_TEST(test_junk_before_zip)
{
    char *buf;
    size_t len;
    read_data("xlsx/layout.xlsx", &buf, &len);
    char *j = malloc(len + 7);
    ck_assert_ptr_nonnull(j);
    memcpy(j, "\xef\xbb\xbfjunk", 7);
    memcpy(j + 7, buf, len);
    ck_assert_uint_eq(ds__xlsx_zip_offset(buf, len), 0);
    ck_assert_uint_eq(ds__xlsx_zip_offset(j, len + 7), 7);
    ck_assert_uint_eq(ds__xlsx_zip_offset("PK\3", 3), (size_t)-1);
    ds__xlsx *x = NULL;
    ds_error e;
    ck_assert_int_eq(ds__xlsx_open("j.xlsx", j, len + 7, NULL, &x, &e),
                     DS_EPARSE);
    ck_assert_ptr_null(x);
    ck_assert_str_eq(e.message, "not a valid .xlsx workbook (zip archive): 7 "
                                "bytes that are not part of it come before "
                                "the zip signature 'PK\\3\\4'");
    free(j);
    free(buf);
}
END_TEST

static Suite *
suite(void)
{
    Suite *s = suite_create("xlsx");
    struct {
        const char *name;
        const TTest *t;
    } cases[] = {{"sheets", test_sheets_through_rels},
                 {"cells", test_cells},
                 {"styles", test_styles},
                 {"sipri cells", test_sipri_cells},
                 {"refs and text", test_refs_and_text},
                 {"truncated", test_truncated},
                 {"missing parts", test_missing_parts},
                 {"shared string range", test_shared_string_range},
                 {"huge dimension", test_huge_dimension},
                 {"zip bomb", test_zip_bomb},
                 {"bad xml", test_bad_xml},
                 {"not zip", test_not_zip},
                 {"sheet by hand", test_sheet_by_hand},
                 {"formula without value", test_formula_without_value},
                 {"part twice, duplicate ids", test_part_twice_and_duplicate_ids},
                 {"head reads and budgets", test_head_and_budgets},
                 {"junk before zip", test_junk_before_zip}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        TCase *tc = tcase_create(cases[i].name);
        tcase_add_test(tc, cases[i].t);
        suite_add_tcase(s, tc);
    }
    return s;
}

int
main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
