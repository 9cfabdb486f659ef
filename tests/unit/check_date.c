/* check_date.c - the calendar-date validator (date.c).
 *
 * Expected answers are the Gregorian calendar's rules worked by hand: a
 * year divisible by 4 is a leap year unless divisible by 100, and is one
 * again when divisible by 400 (2024 and 2000 are, 2023 and 1900 are not);
 * April, June, September and November have 30 days.
 */
#include <stdio.h>
#include <string.h>

#include "test_util.h"

/* ------------------------------------------------------------------ */
/* Dates that exist                                                    */

static const char *const good[] = {
    "2024-02-29", /* 2024 = 4 x 506: a leap year */
    "2000-02-29", /* 2000 = 400 x 5: a leap year despite the century */
    "2023-02-28", "2024-04-30", "2024-12-31", "2024-01-31",
    "0001-01-01", /* the first year there is */
    "9999-12-31", /* the last four-digit one */
    "2025-10-07", /* the WDI vintage of the shipped datasets */
};

START_TEST(test_good)
{
    ds_error err;
    int y = -1, m = -1, d = -1;
    ck_assert_ds_ok(&err, ds_date_parse(good[_i], &y, &m, &d, &err));
    char back[16];
    snprintf(back, sizeof back, "%04d-%02d-%02d", y, m, d);
    ck_assert_str_eq(back, good[_i]);
    ck_assert_int_eq(ds_date_valid(y, m, d), 1);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Dates that do not                                                   */

static const struct {
    const char *text;
    size_t column;   /* 1-based: the first bad character */
    const char *message;
} bad[] = {
    /* 2023 = 4 x 505 + 3: no 29 February (FRED rows of issue 11) */
    {"2023-02-29", 9, "invalid date '2023-02-29' (February 2023 has 28 days)"},
    {"2023-02-30", 9, "invalid date '2023-02-30' (February 2023 has 28 days)"},
    {"2023-02-31", 9, "invalid date '2023-02-31' (February 2023 has 28 days)"},
    /* 2024 is a leap year, still no 30 February (--vintage 2024-02-30) */
    {"2024-02-30", 9, "invalid date '2024-02-30' (February 2024 has 29 days)"},
    /* 1900 = 100 x 19, not 400 x n: not a leap year */
    {"1900-02-29", 9, "invalid date '1900-02-29' (February 1900 has 28 days)"},
    {"2024-04-31", 9, "invalid date '2024-04-31' (April has 30 days)"},
    {"2024-06-31", 9, "invalid date '2024-06-31' (June has 30 days)"},
    {"2024-09-31", 9, "invalid date '2024-09-31' (September has 30 days)"},
    {"2024-11-31", 9, "invalid date '2024-11-31' (November has 30 days)"},
    /* out of every calendar: the shape message the loaders always gave */
    {"2024-13-01", 6, "invalid date '2024-13-01' (expected YYYY-MM-DD)"},
    {"2024-00-10", 6, "invalid date '2024-00-10' (expected YYYY-MM-DD)"},
    {"2024-01-00", 9, "invalid date '2024-01-00' (expected YYYY-MM-DD)"},
    {"2024-01-32", 9, "invalid date '2024-01-32' (expected YYYY-MM-DD)"},
    /* ISO 8601 has a year 0000 only "by mutual agreement"; we have none */
    {"0000-01-01", 1, "invalid date '0000-01-01' (expected YYYY-MM-DD)"},
    /* shapes */
    {"2024-2-29", 7, "invalid date '2024-2-29' (expected YYYY-MM-DD)"},
    {"20240229", 5, "invalid date '20240229' (expected YYYY-MM-DD)"},
    {"2024-02-29T00:00", 11, "invalid date '2024-02-29T00:00' (expected YYYY-MM-DD)"},
    {" 2024-02-29", 1, "invalid date ' 2024-02-29' (expected YYYY-MM-DD)"},
    {"02/29/2024", 3, "invalid date '02/29/2024' (expected YYYY-MM-DD)"},
    {"", 1, "invalid date '' (expected YYYY-MM-DD)"},
    {"-024-01-01", 1, "invalid date '-024-01-01' (expected YYYY-MM-DD)"},
};

START_TEST(test_bad)
{
    ds_error err;
    int y = 7, m = 7, d = 7;
    ds_status st = ds_date_parse(bad[_i].text, &y, &m, &d, &err);
    ck_assert_int_eq(st, DS_EINVAL);
    ck_assert_int_eq(err.code, DS_EINVAL);
    ck_assert_uint_eq(err.line, 0);
    ck_assert_uint_eq(err.column, bad[_i].column);
    ck_assert_str_eq(err.message, bad[_i].message);
    /* outputs are written only on success */
    ck_assert_int_eq(y, 7);
    ck_assert_int_eq(m, 7);
    ck_assert_int_eq(d, 7);
}
END_TEST

START_TEST(test_null_outputs_and_error)
{
    ck_assert_int_eq(ds_date_parse("2024-02-29", NULL, NULL, NULL, NULL),
                     DS_OK);
    ck_assert_int_eq(ds_date_parse("2023-02-29", NULL, NULL, NULL, NULL),
                     DS_EINVAL);
}
END_TEST

/* ------------------------------------------------------------------ */
/* The calendar                                                        */

START_TEST(test_leap_years)
{
    ck_assert_int_eq(ds_date_is_leap(2024), 1);
    ck_assert_int_eq(ds_date_is_leap(2000), 1);
    ck_assert_int_eq(ds_date_is_leap(1600), 1);
    ck_assert_int_eq(ds_date_is_leap(2023), 0);
    ck_assert_int_eq(ds_date_is_leap(1900), 0);
    ck_assert_int_eq(ds_date_is_leap(2100), 0);
}
END_TEST

START_TEST(test_month_lengths)
{
    /* thirty days hath September, April, June and November */
    static const int days2023[] = {31, 28, 31, 30, 31, 30,
                                   31, 31, 30, 31, 30, 31};
    int total = 0;
    for (int m = 1; m <= 12; m++) {
        ck_assert_int_eq(ds_date_days_in_month(2023, m), days2023[m - 1]);
        total += ds_date_days_in_month(2023, m);
    }
    ck_assert_int_eq(total, 365);
    ck_assert_int_eq(ds_date_days_in_month(2024, 2), 29);
    ck_assert_int_eq(ds_date_days_in_month(2024, 0), 0);
    ck_assert_int_eq(ds_date_days_in_month(2024, 13), 0);
    /* every day of 400 Gregorian years: 146,097 of them */
    long n = 0;
    for (int y = 2000; y < 2400; y++)
        for (int m = 0; m <= 13; m++)
            for (int d = -1; d <= 32; d++)
                n += ds_date_valid(y, m, d);
    ck_assert_int_eq(n, 146097);
    ck_assert_int_eq(ds_date_valid(0, 1, 1), 0);
    ck_assert_int_eq(ds_date_valid(10000, 1, 1), 0);
}
END_TEST

static Suite *
date_suite(void)
{
    Suite *s = suite_create("date");
    TCase *tc;

    tc = tcase_create("dates that exist");
    tcase_add_loop_test(tc, test_good, 0, (int)(sizeof good / sizeof *good));
    suite_add_tcase(s, tc);

    tc = tcase_create("dates that do not");
    tcase_add_loop_test(tc, test_bad, 0, (int)(sizeof bad / sizeof *bad));
    tcase_add_test(tc, test_null_outputs_and_error);
    suite_add_tcase(s, tc);

    tc = tcase_create("calendar");
    tcase_add_test(tc, test_leap_years);
    tcase_add_test(tc, test_month_lengths);
    suite_add_tcase(s, tc);

    return s;
}

int
main(int argc, char **argv)
{
    return t_run(date_suite(), argc, argv);
}
