/* check_plot.c - the chart model and the gnuplot script writer: quoting
 * of hostile text, CSV data with missing values, the script's shape, the
 * missing-gnuplot path and error paths.  gnuplot itself is not needed.
 */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <defspend/defspend.h>

START_TEST(quote_doubles_quotes)
{
    char *q = ds_plot_quote("it's `x` @y %d", 0);
    ck_assert_str_eq(q, "'it''s `x` @y %d'");
    free(q);
    q = ds_plot_quote("''", 0);
    ck_assert_str_eq(q, "''''''");
    free(q);
    q = ds_plot_quote(NULL, 0);
    ck_assert_str_eq(q, "''");
    free(q);
}
END_TEST

START_TEST(quote_replaces_controls)
{
    char *q = ds_plot_quote("a\nb\rc\td\x7f" "e\x1b", 0);
    ck_assert_str_eq(q, "'a b c d e '");
    free(q);
}
END_TEST

START_TEST(quote_cuts_on_character_boundary)
{
    /* "¥" is two bytes: a cut inside it moves back before it */
    char *q = ds_plot_quote("ab\xc2\xa5" "cdef", 6);
    ck_assert_str_eq(q, "'ab...'");
    free(q);
    q = ds_plot_quote("abcdef", 6);
    ck_assert_str_eq(q, "'abcdef'");
    free(q);
}
END_TEST

static ds_plot *
small_chart(void)
{
    ds_plot *p = ds_plot_alloc();
    ck_assert_ptr_nonnull(p);
    const char *cols[] = {"x", "y, US$ bn"};
    ck_assert_int_eq(ds_plot_set_columns(p, cols, 2, NULL), DS_OK);
    double r1[] = {2023, 48.235}, r2[] = {2024, NAN};
    ck_assert_int_eq(ds_plot_add_row(p, r1, "=cmd", NULL), DS_OK);
    ck_assert_int_eq(ds_plot_add_row(p, r2, "a\nb", NULL), DS_OK);
    ds_plot_layer l = {DS_PLOT_LINES, 0, 1, 0, 0, 0, 0, 0, 0, 0,
                       "it's a `line`"};
    ck_assert_int_eq(ds_plot_add_layer(p, &l, NULL), DS_OK);
    ck_assert_int_eq(ds_plot_set_text(p, DS_PLOT_TITLE,
                                      "T`touch x`\nsystem(\"y\")", NULL),
                     DS_OK);
    ck_assert_int_eq(ds_plot_add_tic(p, 'x', 2023, "100%", NULL), DS_OK);
    ck_assert_int_eq(ds_plot_add_refline(p, 'y', 56, "Baseline '56'", NULL),
                     DS_OK);
    return p;
}

START_TEST(data_csv)
{
    ds_plot *p = small_chart();
    char *d = NULL;
    ck_assert_int_eq(ds_plot_data(p, &d, NULL), DS_OK);
    ck_assert_str_eq(d, "x,\"y, US$ bn\",label\n"
                        "2023,48.235,\"'=cmd\"\n"
                        "2024,,a b\n");
    free(d);
    ds_plot_free(p);
}
END_TEST

START_TEST(script_shape)
{
    ds_plot *p = small_chart();
    char *s = NULL;
    ck_assert_int_eq(ds_plot_script(p, DS_PLOT_PNG, "o'k.png", "o'k.csv",
                                    &s, NULL),
                     DS_OK);
    ck_assert_ptr_nonnull(strstr(s, "set terminal pngcairo"));
    ck_assert_ptr_nonnull(strstr(s, "noenhanced"));
    ck_assert_ptr_nonnull(strstr(s, "set termoption noenhanced"));
    ck_assert_ptr_nonnull(strstr(s, "ds_output = 'o''k.png'"));
    ck_assert_ptr_nonnull(strstr(s, "ds_data = 'o''k.csv'"));
    ck_assert_ptr_nonnull(strstr(s, "'T`touch x` system(\"y\")'"));
    ck_assert_ptr_nonnull(strstr(s, "title 'it''s a `line`'"));
    /* tick labels are formats to gnuplot: % doubled */
    ck_assert_ptr_nonnull(strstr(s, "set xtics ('100%%' 2023)"));
    ck_assert_ptr_nonnull(strstr(s, "(56) with lines"));
    ck_assert_ptr_nonnull(strstr(s, "title 'Baseline ''56'''"));
    /* the house style is in the script */
    ck_assert_ptr_nonnull(strstr(s, "#0072B2"));
    /* no absolute path, no date */
    ck_assert_ptr_null(strstr(s, "/tmp"));
    free(s);
    ds_plot_free(p);
}
END_TEST

/* Two panels (issue 16, item 2): the y2 layer and its note are drawn in
 * a second plot command on its own y axis, never against y2 beside the
 * first panel's reference line; the legend (first plot) still names it. */
START_TEST(script_two_panels)
{
    ds_plot *p = small_chart();
    ds_plot_layer l = {DS_PLOT_LINES, 0, 1, 0, 2, 0, 1, 0, 0, 0,
                       "US$ bn (bottom panel)"};
    ck_assert_int_eq(ds_plot_add_layer(p, &l, NULL), DS_OK);
    ck_assert_int_eq(ds_plot_add_note_y2(p, 2023, 48.235, 2,
                                         "series ends 2023", NULL),
                     DS_OK);
    ck_assert_int_eq(ds_plot_set_text(p, DS_PLOT_Y2LABEL, "US$ bn", NULL),
                     DS_OK);
    char *s = NULL;
    ck_assert_int_eq(ds_plot_script(p, DS_PLOT_PNG, "a.png", "a.csv", &s,
                                    NULL),
                     DS_OK);
    /* one panel: the y2 axis */
    ck_assert_ptr_nonnull(strstr(s, "axes x1y2"));
    ck_assert_ptr_null(strstr(s, "set multiplot"));
    ck_assert_ptr_nonnull(strstr(s, "at first 2023, second 48.235 left"));
    free(s);
    ck_assert_int_eq(ds_plot_set_panels(p, 2, NULL), DS_OK);
    ck_assert_int_eq(ds_plot_script(p, DS_PLOT_PNG, "a.png", "a.csv", &s,
                                    NULL),
                     DS_OK);
    ck_assert_ptr_null(strstr(s, "x1y2"));
    ck_assert_ptr_null(strstr(s, "y2label"));
    const char *lower = strstr(s, "set multiplot");
    ck_assert_ptr_nonnull(lower);
    lower = strstr(lower, "unset arrow");
    ck_assert_ptr_nonnull(lower);
    /* the legend entry in the first plot, the line in the second */
    const char *key = strstr(s, "NaN with lines lt 2 title "
                                "'US$ bn (bottom panel)'");
    ck_assert_ptr_nonnull(key);
    ck_assert(key < lower);
    ck_assert_ptr_nonnull(strstr(lower, "using 1:2 with lines lt 2 "
                                        "notitle"));
    ck_assert_ptr_nonnull(strstr(lower, "set ylabel 'US$ bn'"));
    ck_assert_ptr_nonnull(strstr(lower, "'series ends 2023' at first "
                                        "2023, first 48.235 left"));
    ck_assert_ptr_nonnull(strstr(lower, "unset multiplot"));
    free(s);
    ds_error err;
    ck_assert_int_eq(ds_plot_set_panels(p, 3, &err), DS_EINVAL);
    ck_assert_str_eq(err.message, "a chart has 1 or 2 panels, not 3");
    ds_plot_free(p);
}
END_TEST

START_TEST(script_needs_data)
{
    ds_plot *p = ds_plot_alloc();
    char *s = NULL;
    ds_error err;
    ck_assert_int_eq(ds_plot_script(p, DS_PLOT_SVG, "a.svg", "a.csv", &s,
                                    &err),
                     DS_ENOTFOUND);
    ck_assert_str_eq(err.message, "nothing to draw: the chart has no data");
    ck_assert_ptr_null(s);
    ds_plot_free(p);
}
END_TEST

START_TEST(errors)
{
    ds_plot *p = ds_plot_alloc();
    ds_error err;
    const char *cols[] = {"a"};
    double v[] = {1};
    ck_assert_int_eq(ds_plot_add_row(p, v, NULL, &err), DS_EINVAL);
    ck_assert_str_eq(err.message, "chart rows need columns first");
    ck_assert_int_eq(ds_plot_set_columns(p, cols, 1, NULL), DS_OK);
    ck_assert_int_eq(ds_plot_set_columns(p, cols, 1, &err), DS_EINVAL);
    ds_plot_layer l = {DS_PLOT_BAND, 0, 0, 3, 0, 0, 0, 0, 0, 0, NULL};
    ck_assert_int_eq(ds_plot_add_layer(p, &l, &err), DS_EINVAL);
    ck_assert_str_eq(err.message,
                     "chart layer uses a column outside the table");
    ck_assert_int_eq(ds_plot_add_refline(p, 'z', 1, "", &err), DS_EINVAL);
    ck_assert_int_eq(ds_plot_set_axis(p, 'y', 0, 1, "%g'`", &err),
                     DS_EINVAL);
    ck_assert_str_eq(err.message, "invalid axis format");
    ck_assert_int_eq(ds_plot_add_note(p, NAN, 1, 1, "x", &err), DS_EINVAL);
    ds_plot_format f;
    ck_assert_int_eq(ds_plot_format_for("a/b.SVG", &f, NULL), DS_OK);
    ck_assert_int_eq(f, DS_PLOT_SVG);
    ck_assert_int_eq(ds_plot_format_for("a.pdf", &f, NULL), DS_OK);
    ck_assert_int_eq(f, DS_PLOT_PDF);
    ck_assert_int_eq(ds_plot_format_for("a.gif", &f, &err), DS_EINVAL);
    ck_assert_str_eq(err.message, "cannot tell the image format of 'a.gif' "
                                  "(expected .png, .svg, .pdf or .txt)");
    ds_plot_free(p);
}
END_TEST

START_TEST(missing_gnuplot_writes_script)
{
    char dir[] = "/tmp/check_plot-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    setenv("DEFSPEND_GNUPLOT", "/nonexistent/gnuplot", 1);
    ds_plot *p = small_chart();
    char img[256], gp[256], csv[256];
    snprintf(img, sizeof img, "%s/c.png", dir);
    snprintf(gp, sizeof gp, "%s/c.plot.gp", dir);
    snprintf(csv, sizeof csv, "%s/c.plot.csv", dir);
    ds_plot_result r;
    ds_error err;
    ck_assert_int_eq(ds_plot_write(p, DS_PLOT_PNG, img, &r, &err), DS_EIO);
    ck_assert_int_eq(r.gnuplot_missing, 1);
    ck_assert_int_eq(r.rendered, 0);
    ck_assert_ptr_nonnull(strstr(err.message, "apt-get install gnuplot-nox"));
    ck_assert_int_eq(access(gp, R_OK), 0);
    ck_assert_int_eq(access(csv, R_OK), 0);
    ck_assert_int_ne(access(img, F_OK), 0);
    unlink(gp);
    unlink(csv);
    ck_assert_int_eq(rmdir(dir), 0); /* no temporary file left */
    unsetenv("DEFSPEND_GNUPLOT");
    ds_plot_free(p);
}
END_TEST

START_TEST(missing_directory)
{
    ds_plot *p = small_chart();
    ds_plot_result r;
    ds_error err;
    ck_assert_int_eq(ds_plot_write(p, DS_PLOT_SVG, "/nonexistent/d/c.svg",
                                   &r, &err),
                     DS_EIO);
    ck_assert_str_eq(err.path, "/nonexistent/d");
    ck_assert_str_eq(err.message, "no such directory");
    ds_plot_free(p);
}
END_TEST

/* A script beside the image that defspend did not write is left alone:
 * DS_EIO naming it, nothing written (issue 11, case 4). */
START_TEST(foreign_script_kept)
{
    char dir[] = "/tmp/check_plot-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    setenv("DEFSPEND_GNUPLOT", "/nonexistent/gnuplot", 1);
    ds_plot *p = small_chart();
    char img[256], gp[256], csv[256];
    snprintf(img, sizeof img, "%s/c.png", dir);
    snprintf(gp, sizeof gp, "%s/c" DS_PLOT_SCRIPT_SUFFIX, dir);
    snprintf(csv, sizeof csv, "%s/c" DS_PLOT_DATA_SUFFIX, dir);
    FILE *f = fopen(gp, "w");
    ck_assert_ptr_nonnull(f);
    fputs("plot sin(x)\n", f);
    ck_assert_int_eq(fclose(f), 0);
    ds_plot_result r;
    ds_error err;
    ck_assert_int_eq(ds_plot_write(p, DS_PLOT_PNG, img, &r, &err), DS_EIO);
    ck_assert_str_eq(err.path, gp);
    ck_assert_str_eq(err.message, "exists and was not written by defspend; "
                                  "remove it or choose another image name");
    ck_assert_int_eq(r.gnuplot_missing, 0);
    ck_assert_int_ne(access(csv, F_OK), 0);
    unlink(gp);
    ck_assert_int_eq(rmdir(dir), 0); /* nothing else was written */
    unsetenv("DEFSPEND_GNUPLOT");
    ds_plot_free(p);
}
END_TEST

int
main(void)
{
    Suite *s = suite_create("plot");
    struct {
        const char *name;
        const TTest *t;
    } cases[] = {
        {"quote doubles quotes", quote_doubles_quotes},
        {"quote replaces controls", quote_replaces_controls},
        {"quote cuts", quote_cuts_on_character_boundary},
        {"data csv", data_csv},
        {"script shape", script_shape},
        {"script two panels", script_two_panels},
        {"script needs data", script_needs_data},
        {"errors", errors},
        {"missing gnuplot", missing_gnuplot_writes_script},
        {"missing directory", missing_directory},
        {"foreign script kept", foreign_script_kept},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        TCase *tc = tcase_create(cases[i].name);
        tcase_add_test(tc, cases[i].t);
        suite_add_tcase(s, tc);
    }
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
