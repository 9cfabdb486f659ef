/* check_amount.c - money amounts, target lists and C-locale numbers
 * (amount.c, ds_parse_double in util.c).
 *
 * Expected values are the amounts as written (56bn = 56 x 10^9); the
 * tolerance is 1e-12 relative, far below any digit a person types.
 */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

#define REL 1e-12

#define EXAMPLES "(examples: 56bn, 56e9, '7.95tn JPY', '$56 billion')"

/* ------------------------------------------------------------------ */
/* Amounts                                                             */

static const struct {
    const char *text;
    double value;
    const char *currency;
} good_amounts[] = {
    {"56bn", 56e9, ""},
    {"56e9", 56e9, ""},
    {"7.95tn JPY", 7.95e12, "JPY"},
    {"$56 billion", 56e9, "USD"},
    {"¥7.95 tn", 7.95e12, "JPY"},
    {"￥7.95 tn", 7.95e12, "JPY"}, /* fullwidth yen sign */
    {"US$ 56,000 m", 56e9, "USD"},
    {"56,000,000", 56e6, ""},
    {"JPY 7.95tn", 7.95e12, "JPY"},
    {"7.95 trillion yen", 7.95e12, "JPY"},
    {"€12.4bn", 12.4e9, "EUR"},
    {"£3.85m", 3.85e6, "GBP"},
    {"₩61.2tn", 61.2e12, "KRW"},
    {"A$ 2.385bn", 2.385e9, "AUD"},
    {"C$2.385 billion", 2.385e9, "CAD"},
    {"  56bn  ", 56e9, ""},
    {"56 BN", 56e9, ""},
    {"56 Billion Dollars", 56e9, "USD"},
    {"61.2 trillion won", 61.2e12, "KRW"},
    {"12.4 bn euros", 12.4e9, "EUR"},
    {"7.95tn jpy", 7.95e12, "JPY"},
    {"2.385k", 2385.0, ""},
    {"2.385 thousand", 2385.0, ""},
    {"2.385 mio", 2.385e6, ""},
    {"2.385mn", 2.385e6, ""},
    {"2.385b", 2.385e9, ""},
    {"2.385t", 2.385e12, ""},
    {"1,234,567.891", 1234567.891, ""},
    {"1,234.5bn", 1234.5e9, ""},
    {"5.6e+10", 5.6e10, ""},
    {"5.6E10 USD", 5.6e10, "USD"},
    {"560e-1bn", 56e9, ""},
    {"0.385", 0.385, ""},
    {".385m", 385e3, ""},
    {"USD56bn", 56e9, "USD"},
    {"$56 USD", 56.0, "USD"}, /* the same currency twice is fine */
};

START_TEST(test_amount_ok)
{
    ds_amount a;
    ds_error err;
    ck_assert_ds_ok(&err, ds_amount_parse(good_amounts[_i].text, &a, &err));
    ck_assert_double_eq_tol(a.value, good_amounts[_i].value,
                            good_amounts[_i].value * REL);
    ck_assert_str_eq(a.currency, good_amounts[_i].currency);
}
END_TEST

static const struct {
    const char *text;
    ds_status code;
    size_t column;
    const char *what;
} bad_amounts[] = {
    {"", DS_EINVAL, 1, "expected a number"},
    {"abc", DS_EINVAL, 1, "expected a number"},
    {"bn", DS_EINVAL, 1, "expected a number"},
    {"$", DS_EINVAL, 2, "expected a number"},
    {"-bn", DS_EINVAL, 1, "expected a number"},
    {"--5bn", DS_EINVAL, 1, "expected a number"},
    {"USD", DS_EINVAL, 4, "expected a number"},
    /* the number ends at the second x: "xx" is no unit and no currency */
    {"56xx", DS_EINVAL, 3, "unknown unit or currency"},
    {"56 bn dollars yen", DS_EINVAL, 15, "unexpected text"},
    {"56 quadrillion", DS_EINVAL, 4, "unknown unit or currency"},
    {"$56 JPY", DS_EINVAL, 5, "two different currencies"},
    {"¥56 dollars", DS_EINVAL, 5, "two different currencies"},
    {"JPY 56bn USD", DS_EINVAL, 10, "two different currencies"},
    {"1e400", DS_EINVAL, 1, "expected a number"},
    {"1e300tn", DS_EINVAL, 1, "number out of range"},
    {"nan", DS_EINVAL, 1, "expected a number"},
    {"inf", DS_EINVAL, 1, "expected a number"},
    {"0x10", DS_EINVAL, 2, "unknown unit or currency"},
    {"56bn$", DS_EINVAL, 5, "unexpected text"},
    {"5 6", DS_EINVAL, 3, "unexpected text"},
    {"56,", DS_EINVAL, 3, "unexpected text"},
    {",56", DS_EINVAL, 1, "expected a number"},
    {"5.6.7", DS_EINVAL, 4, "unexpected text"},
    /* a short group after a separator is reported where the group ends */
    {"5,6bn", DS_EINVAL, 4, "misplaced thousands separator"},
    {"1,23,456", DS_EINVAL, 5, "misplaced thousands separator"},
    {"1,2345", DS_EINVAL, 7, "misplaced thousands separator"},
    {"1234,567", DS_EINVAL, 5, "misplaced thousands separator"},
    {"1,23.5", DS_EINVAL, 5, "misplaced thousands separator"},
    {"1,23e9", DS_EINVAL, 5, "misplaced thousands separator"},
    {"1.234,567", DS_EINVAL, 6, "unexpected text"},
    /* columns count characters: "¥" is one */
    {"¥5,6bn", DS_EINVAL, 5, "misplaced thousands separator"},
};

START_TEST(test_amount_errors)
{
    ds_amount a = {2.385, "XXX"};
    ds_error err;
    char want[512];
    snprintf(want, sizeof want, "invalid amount '%s': %s " EXAMPLES,
             bad_amounts[_i].text, bad_amounts[_i].what);
    ck_assert_ds_error(&err, ds_amount_parse(bad_amounts[_i].text, &a, &err),
                       bad_amounts[_i].code, want);
    ck_assert_uint_eq(err.column, bad_amounts[_i].column);
    ck_assert_uint_eq(err.line, 0);
    ck_assert_str_eq(err.path, "");
    /* output written only on success */
    ck_assert_double_eq_tol(a.value, 2.385, 1e-15);
    ck_assert_str_eq(a.currency, "XXX");
}
END_TEST

START_TEST(test_amount_not_positive)
{
    ds_amount a = {2.385, "XXX"};
    ds_error err;
    ck_assert_ds_error(&err, ds_amount_parse("0", &a, &err), DS_ERANGE,
                       "invalid amount '0': must be greater than zero");
    ck_assert_uint_eq(err.column, 1);
    ck_assert_ds_error(&err, ds_amount_parse("$ 0.0 bn", &a, &err), DS_ERANGE,
                       "invalid amount '$ 0.0 bn': must be greater than zero");
    ck_assert_uint_eq(err.column, 3);
    ck_assert_double_eq_tol(a.value, 2.385, 1e-15);
    ck_assert_ds_error(&err, ds_amount_parse("1e-400", &a, &err), DS_ERANGE,
                       "invalid amount '1e-400': must be greater than zero");
    /* a negative amount is out of range, at its sign */
    ck_assert_ds_error(&err, ds_amount_parse("-5bn", &a, &err), DS_ERANGE,
                       "invalid amount '-5bn': must be greater than zero");
    ck_assert_uint_eq(err.column, 1);
    ck_assert_ds_error(&err, ds_amount_parse("$-5.385bn", &a, &err), DS_ERANGE,
                       "invalid amount '$-5.385bn': must be greater than zero");
    ck_assert_uint_eq(err.column, 2);
    ck_assert_ds_error(&err, ds_amount_parse("US$ -.5bn", &a, &err),
                       DS_ERANGE,
                       "invalid amount 'US$ -.5bn': must be greater than zero");
    ck_assert_uint_eq(err.column, 5);
    ck_assert_int_eq(ds_amount_parse("0", &a, NULL), DS_ERANGE);
}
END_TEST

START_TEST(test_amount_long_text_quoted)
{
    /* the message quotes at most 60 characters */
    char text[128], want[512];
    memset(text, 'x', 100);
    text[100] = '\0';
    memcpy(text, "56bn ", 5);
    snprintf(want, sizeof want,
             "invalid amount '%.60s...': unknown unit or currency " EXAMPLES,
             text);
    ds_amount a;
    ds_error err;
    ck_assert_ds_error(&err, ds_amount_parse(text, &a, &err), DS_EINVAL, want);
    ck_assert_uint_eq(err.column, 6);
}
END_TEST

/* Regression (found while writing these tests): the number used to be
 * gathered into char num[128] and the exponent branch appended 'e' and a
 * sign without a bounds check, so 126 mantissa digits + "e+5" wrote one
 * byte past the array (AddressSanitizer: stack-buffer-overflow) and a
 * valid, finite number was rejected. */
START_TEST(test_amount_long_mantissa)
{
    char text[160];
    memset(text, '1', 126);
    memcpy(text + 126, "e+5", 4);
    ds_amount a = {2.385, "XXX"};
    ds_error err;
    /* 1.11...e125 * 1e5: finite, positive, read whole -- and since issue 11
     * (case 6) above DS_AMOUNT_MAX, so refused as out of range */
    char want[512];
    snprintf(want, sizeof want,
             "invalid amount '%.60s...': more than 1e21 (1,000,000,000 tn), "
             "the largest amount accepted in any currency", text);
    ck_assert_ds_error(&err, ds_amount_parse(text, &a, &err), DS_ERANGE, want);
    ck_assert_uint_eq(err.column, 1);
    ck_assert_double_eq_tol(a.value, 2.385, 1e-15);
    /* the same 126-character mantissa + "e+5", under the bound:
     * "0." + 121 zeros + "111" = 1.11e-122, times 1e5 */
    memset(text, '0', 126);
    text[1] = '.';
    memcpy(text + 123, "111e+5", 7);
    ck_assert_ds_ok(&err, ds_amount_parse(text, &a, &err));
    ck_assert_double_eq_tol(a.value, 1.11e-117, 1.11e-117 * REL);
}
END_TEST

/* Issue 11 case 6: --baseline 1e35 was accepted and its results printed
 * cut ("-¥15,136,629,130,275,188,595,752,960.0", " tn" lost).  Amounts are
 * bounded by DS_AMOUNT_MAX, 1e21 in any currency (1,000,000,000 tn);
 * the bound itself is accepted, whatever way it is written. */
static const struct {
    const char *text;
    double value;
} at_max[] = {
    {"1e21", 1e21},
    {"1,000,000,000 tn", 1e21},
    {"1000000000tn JPY", 1e21},
    {"IRR 1e9 trillion", 1e21},
    /* Iran's 2026 GDP in the IMF WEO of April 2021, the largest in local
     * currency: 158,238,898.845 bn rials */
    {"158238898.845bn IRR", 1.58238898845e17},
};

START_TEST(test_amount_at_max)
{
    ds_amount a;
    ds_error err;
    ck_assert_ds_ok(&err, ds_amount_parse(at_max[_i].text, &a, &err));
    ck_assert_double_eq_tol(a.value, at_max[_i].value,
                            at_max[_i].value * REL);
}
END_TEST

static const struct {
    const char *text;
    size_t column;
} over_max[] = {
    {"1e35", 1},                  /* the issue's --baseline */
    {"1.0000001e21", 1},
    {"1,000,000,001 tn", 1},
    {"$ 1e10 trillion", 3},       /* 1e22 */
    {"JPY 1e40", 5},
    {"1e308", 1},
};

START_TEST(test_amount_over_max)
{
    ds_amount a = {2.385, "XXX"};
    ds_error err;
    char want[256];
    snprintf(want, sizeof want,
             "invalid amount '%s': more than 1e21 (1,000,000,000 tn), the "
             "largest amount accepted in any currency",
             over_max[_i].text);
    ck_assert_ds_error(&err, ds_amount_parse(over_max[_i].text, &a, &err),
                       DS_ERANGE, want);
    ck_assert_uint_eq(err.column, over_max[_i].column);
    ck_assert_double_eq_tol(a.value, 2.385, 1e-15);
    ck_assert_str_eq(a.currency, "XXX");
}
END_TEST

START_TEST(test_amount_too_long)
{
    /* the parser takes numbers of up to 508 characters */
    char text[700], want[512];
    memset(text, '1', 600);
    text[600] = '\0';
    ds_amount a = {2.385, "XXX"};
    ds_error err;
    snprintf(want, sizeof want,
             "invalid amount '%.60s...': number too long " EXAMPLES, text);
    ck_assert_ds_error(&err, ds_amount_parse(text, &a, &err), DS_EINVAL,
                       want);
    ck_assert_uint_eq(err.column, 510);
    ck_assert_double_eq_tol(a.value, 2.385, 1e-15);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Target lists                                                        */

START_TEST(test_targets_ok)
{
    double v[8];
    size_t n = 99;
    ds_error err;
    ck_assert_ds_ok(&err, ds_targets_parse("1,3,3.5,5", v, 8, &n, &err));
    ck_assert_uint_eq(n, 4);
    ck_assert_double_eq_tol(v[0], 1.0, 1e-15);
    ck_assert_double_eq_tol(v[1], 3.0, 1e-15);
    ck_assert_double_eq_tol(v[2], 3.5, 1e-15);
    ck_assert_double_eq_tol(v[3], 5.0, 1e-15);

    ck_assert_ds_ok(&err, ds_targets_parse("2%,3.5%", v, 8, &n, &err));
    ck_assert_uint_eq(n, 2);
    ck_assert_double_eq_tol(v[0], 2.0, 1e-15);
    ck_assert_double_eq_tol(v[1], 3.5, 1e-15);

    ck_assert_ds_ok(&err, ds_targets_parse(" 2 , 3.5 ", v, 8, &n, &err));
    ck_assert_uint_eq(n, 2);
    ck_assert_double_eq_tol(v[0], 2.0, 1e-15);
    ck_assert_double_eq_tol(v[1], 3.5, 1e-15);

    ck_assert_ds_ok(&err, ds_targets_parse("2.385%,100,0.001,1.371e0", v, 8,
                                           &n, &err));
    ck_assert_uint_eq(n, 4);
    ck_assert_double_eq_tol(v[0], 2.385, 1e-15);
    ck_assert_double_eq_tol(v[1], 100.0, 1e-15);
    ck_assert_double_eq_tol(v[2], 0.001, 1e-18);
    ck_assert_double_eq_tol(v[3], 1.371, 1e-15);

    /* exactly cap targets */
    ck_assert_ds_ok(&err, ds_targets_parse("1,2,3", v, 3, &n, &err));
    ck_assert_uint_eq(n, 3);
}
END_TEST

static const struct {
    const char *text;
    ds_status code;
    size_t column;
    const char *message;
} bad_targets[] = {
    {"1,,2", DS_EINVAL, 3, "invalid target list '1,,2': expected a share of GDP in percent such as 3.5"},
    {"1,x", DS_EINVAL, 3, "invalid target list '1,x': expected a share of GDP in percent such as 3.5"},
    {"", DS_EINVAL, 1, "invalid target list '': expected a share of GDP in percent such as 3.5"},
    {"1,2,", DS_EINVAL, 5, "invalid target list '1,2,': expected a share of GDP in percent such as 3.5"},
    {"%", DS_EINVAL, 1, "invalid target list '%': expected a share of GDP in percent such as 3.5"},
    {"nan", DS_EINVAL, 1, "invalid target list 'nan': expected a share of GDP in percent such as 3.5"},
    {"1e400", DS_EINVAL, 1, "invalid target list '1e400': expected a share of GDP in percent such as 3.5"},
    {"3,5%x", DS_EINVAL, 5, "invalid target list '3,5%x': expected ',' between targets"},
    {"3,5 %", DS_EINVAL, 5, "invalid target list '3,5 %': expected ',' between targets"},
    {"1 2", DS_EINVAL, 3, "invalid target list '1 2': expected ',' between targets"},
    {"1;2", DS_EINVAL, 1, "invalid target list '1;2': expected a share of GDP in percent such as 3.5"},
    {"0", DS_ERANGE, 1, "invalid target list '0': 0% is not between 0 (exclusive) and 100"},
    {"101", DS_ERANGE, 1, "invalid target list '101': 101% is not between 0 (exclusive) and 100"},
    {"-1", DS_ERANGE, 1, "invalid target list '-1': -1% is not between 0 (exclusive) and 100"},
    {"2, 100.001", DS_ERANGE, 4, "invalid target list '2, 100.001': 100.001% is not between 0 (exclusive) and 100"},
};

START_TEST(test_targets_errors)
{
    double v[8] = {2.385};
    size_t n = 99;
    ds_error err;
    ck_assert_ds_error(&err,
                       ds_targets_parse(bad_targets[_i].text, v, 8, &n, &err),
                       bad_targets[_i].code, bad_targets[_i].message);
    ck_assert_uint_eq(err.column, bad_targets[_i].column);
    ck_assert_uint_eq(n, 99); /* outputs untouched */
    ck_assert_double_eq_tol(v[0], 2.385, 1e-15);
}
END_TEST

START_TEST(test_targets_cap)
{
    double v[4] = {2.385, 2.385, 2.385, 2.385};
    size_t n = 99;
    ds_error err;
    /* the fourth target starts at column 7 */
    ck_assert_ds_error(&err, ds_targets_parse("1,2,3,4", v, 3, &n, &err),
                       DS_ERANGE, "too many targets (at most 3)");
    ck_assert_uint_eq(err.column, 7);
    ck_assert_uint_eq(n, 99);
    ck_assert_double_eq_tol(v[0], 2.385, 1e-15);
    ck_assert_ds_error(&err, ds_targets_parse("1.5", NULL, 0, &n, &err),
                       DS_ERANGE, "too many targets (at most 0)");

    /* the parser's own limit is 64, whatever the caller's cap */
    char text[512] = "";
    for (int i = 1; i <= 65; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), "%s%d",
                 i > 1 ? "," : "", i);
    double big[100];
    ck_assert_ds_error(&err, ds_targets_parse(text, big, 100, &n, &err),
                       DS_ERANGE, "too many targets (at most 64)");
    /* "1,...,9," is 18 characters, "10,...,64," 55 x 3 = 165: the 65th
     * starts at column 184 */
    ck_assert_uint_eq(err.column, 184);
    text[strlen(text) - 3] = '\0'; /* drop ",65" */
    ck_assert_ds_ok(&err, ds_targets_parse(text, big, 100, &n, &err));
    ck_assert_uint_eq(n, 64);
    ck_assert_double_eq_tol(big[63], 64.0, 1e-15);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Plain numbers                                                       */

static const struct {
    const char *text;
    double value;
} good_numbers[] = {
    {"2.385", 2.385},
    {"-2.385", -2.385},
    {"+2.385", 2.385},
    {"0", 0.0},
    {"2385", 2385.0},
    {".385", 0.385},
    {"2.", 2.0},
    {"2.385e3", 2385.0},
    {"2.385E-3", 0.002385},
    {"4026210821146.81", 4026210821146.81},
    {"151.366291302752", 151.366291302752},
    {"1e308", 1e308},
};

START_TEST(test_parse_double_ok)
{
    double v = -1;
    ck_assert_int_eq(ds_parse_double(good_numbers[_i].text, &v), 1);
    ck_assert_double_eq_tol(v, good_numbers[_i].value,
                            fmax(fabs(good_numbers[_i].value) * REL, 1e-300));
}
END_TEST

static const char *const bad_numbers[] = {
    "", " 2.385", "2.385 ", "2,385", "2.385.1", "1e400", "-1e400", "nan",
    "NaN", "inf", "-inf", "infinity", "0x10", "e5", ".", "+", "-", "1e",
    "1e+", "2.385bn", "١٢", "2.385\n",
};

START_TEST(test_parse_double_bad)
{
    double v = 2.385;
    ck_assert_int_eq(ds_parse_double(bad_numbers[_i], &v), 0);
    ck_assert_double_eq_tol(v, 2.385, 1e-15); /* untouched */
}
END_TEST

START_TEST(test_parse_double_null)
{
    double v = 2.385;
    ck_assert_int_eq(ds_parse_double(NULL, &v), 0);
    ck_assert_double_eq_tol(v, 2.385, 1e-15);
}
END_TEST

/* Under a locale whose decimal point is ',' nothing changes. */
START_TEST(test_locale_independent)
{
    if (!t_setlocale_de("check_amount"))
        return;
    /* the locale is active: the C library itself now reads "2,385" */
    ck_assert_double_eq_tol(strtod("2,385", NULL), 2.385, 1e-15);

    double v = 0;
    int ok1 = ds_parse_double("2.385", &v);
    double v1 = v;
    int ok2 = ds_parse_double("2,385", &v);
    ds_amount a = {0, ""};
    ds_error err;
    ds_status st1 = ds_amount_parse("7.95tn JPY", &a, &err);
    double a1 = a.value;
    ds_status st2 = ds_amount_parse("US$ 56,000.5 m", &a, &err);
    double a2 = a.value;
    double t[4];
    size_t n = 0;
    ds_status st3 = ds_targets_parse("3.5,1.371", t, 4, &n, &err);
    setlocale(LC_NUMERIC, "C");

    ck_assert_int_eq(ok1, 1);
    ck_assert_double_eq_tol(v1, 2.385, 1e-15);
    ck_assert_int_eq(ok2, 0);
    ck_assert_int_eq(st1, DS_OK);
    ck_assert_double_eq_tol(a1, 7.95e12, 7.95e12 * REL);
    ck_assert_int_eq(st2, DS_OK);
    ck_assert_double_eq_tol(a2, 56000.5e6, 56000.5e6 * REL);
    ck_assert_int_eq(st3, DS_OK);
    ck_assert_uint_eq(n, 2);
    ck_assert_double_eq_tol(t[0], 3.5, 1e-15);
    ck_assert_double_eq_tol(t[1], 1.371, 1e-15);
}
END_TEST

static Suite *
amount_suite(void)
{
    Suite *s = suite_create("amount");
    TCase *tc;

    tc = tcase_create("amounts");
    tcase_add_loop_test(tc, test_amount_ok, 0,
                        (int)(sizeof good_amounts / sizeof *good_amounts));
    tcase_add_loop_test(tc, test_amount_errors, 0,
                        (int)(sizeof bad_amounts / sizeof *bad_amounts));
    tcase_add_test(tc, test_amount_not_positive);
    tcase_add_test(tc, test_amount_long_text_quoted);
    tcase_add_test(tc, test_amount_long_mantissa);
    tcase_add_loop_test(tc, test_amount_at_max, 0,
                        (int)(sizeof at_max / sizeof *at_max));
    tcase_add_loop_test(tc, test_amount_over_max, 0,
                        (int)(sizeof over_max / sizeof *over_max));
    tcase_add_test(tc, test_amount_too_long);
    suite_add_tcase(s, tc);

    tc = tcase_create("targets");
    tcase_add_test(tc, test_targets_ok);
    tcase_add_loop_test(tc, test_targets_errors, 0,
                        (int)(sizeof bad_targets / sizeof *bad_targets));
    tcase_add_test(tc, test_targets_cap);
    suite_add_tcase(s, tc);

    tc = tcase_create("plain numbers");
    tcase_add_loop_test(tc, test_parse_double_ok, 0,
                        (int)(sizeof good_numbers / sizeof *good_numbers));
    tcase_add_loop_test(tc, test_parse_double_bad, 0,
                        (int)(sizeof bad_numbers / sizeof *bad_numbers));
    tcase_add_test(tc, test_parse_double_null);
    tcase_add_test(tc, test_locale_independent);
    suite_add_tcase(s, tc);

    return s;
}

int
main(int argc, char **argv)
{
    return t_run(amount_suite(), argc, argv);
}
