/* check_format.c - numbers for people and machines (format.c).
 *
 * Expected strings are worked out by hand from the rules in format.h:
 * money is scaled to tn (two decimals under 10 tn, one above), bn and m
 * (one decimal), grouped without decimals from 100 up to 1 m, and with two
 * decimals under 100; machine output is the shortest text that reads back
 * as the same double, always in the C locale.
 */
#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_util.h"

/* ------------------------------------------------------------------ */
/* Money                                                               */

static const struct {
    double value;
    const char *currency;
    const char *want;
} money[] = {
    /* 3.5% of Japan's 2024 GDP (WDI): 0.035 x 4,026,210,821,146.81 */
    {140917378740.13837, "USD", "$140.9 bn"},
    /* 3.5% of 609,432,600,000,000 yen */
    {21330141000000.0, "JPY", "¥21.3 tn"},
    /* MoD FY2024 budget, 7兆9,496億円 */
    {7949600000000.0, "JPY", "¥7.95 tn"},
    /* per capita: 140,917,378,740.14 / 123,975,371 people */
    {1136.65, "USD", "$1,137"},
    {42.5, "USD", "$42.50"},
    {-140917378740.13837, "USD", "-$140.9 bn"},
    {-7949600000000.0, "JPY", "-¥7.95 tn"},
    {-42.5, "USD", "-$42.50"},
    {61.2e12, "KRW", "KRW 61.2 tn"},
    {12.4e9, "EUR", "€12.4 bn"},
    {3.856e6, "GBP", "£3.9 m"},
    {4026210821146.81, "USD", "$4.03 tn"},
    {12.345e12, "USD", "$12.3 tn"},
    {999.4e9, "USD", "$999.4 bn"},
    {999.5e9, "USD", "$1.00 tn"},     /* would print as 999.5 -> 1,000.0 bn */
    {56e9, "USD", "$56.0 bn"},
    {2.385e6, "USD", "$2.4 m"},
    {999499.0, "USD", "$999,499"},
    {999500.0, "USD", "$1.0 m"},
    {325.0, "USD", "$325"},
    {100.0, "USD", "$100"},
    {99.994, "USD", "$99.99"},
    {2.386, "JPY", "¥2.39"},
    {0.0, "USD", "$0.00"},
    {-0.0, "USD", "$0.00"},
    {-0.001, "USD", "$0.00"},         /* rounds to zero: no sign */
    {140917378740.13837, "", "140.9 bn"},
    {140917378740.13837, NULL, "140.9 bn"},
    {NAN, "USD", "n/a"},
    {INFINITY, "JPY", "n/a"},
    {-INFINITY, NULL, "n/a"},
};

START_TEST(test_money)
{
    char buf[64];
    ck_assert_str_eq(ds_format_money(money[_i].value, money[_i].currency, buf,
                                     sizeof buf),
                     money[_i].want);
}
END_TEST

START_TEST(test_money_truncates)
{
    char buf[6];
    memset(buf, 'x', sizeof buf);
    char *r = ds_format_money(140917378740.13837, "USD", buf, sizeof buf);
    ck_assert_ptr_eq(r, buf);
    ck_assert_str_eq(buf, "$140.");
}
END_TEST

START_TEST(test_currency_symbol)
{
    ck_assert_str_eq(ds_currency_symbol("USD"), "$");
    ck_assert_str_eq(ds_currency_symbol("JPY"), "¥");
    ck_assert_str_eq(ds_currency_symbol("EUR"), "€");
    ck_assert_str_eq(ds_currency_symbol("GBP"), "£");
    /* format.h says other codes give "KRW "-style text, but the function
     * (and the CLI, which tests for NULL) return NULL: reported as a
     * header/implementation mismatch; this pins the implementation */
    ck_assert_ptr_null(ds_currency_symbol("KRW"));
    ck_assert_ptr_null(ds_currency_symbol("usd"));
    ck_assert_ptr_null(ds_currency_symbol(""));
    ck_assert_ptr_null(ds_currency_symbol(NULL));
}
END_TEST

/* ------------------------------------------------------------------ */
/* Grouped                                                             */

static const struct {
    double value;
    int decimals;
    const char *want;
} grouped[] = {
    {4026210.823, 2, "4,026,210.82"},
    {4026210821146.81, 2, "4,026,210,821,146.81"},
    {123975371.0, 0, "123,975,371"},
    {1234567.891, 0, "1,234,568"},
    {1234567.891, 3, "1,234,567.891"},
    {999.0, 0, "999"},
    {1000.0, 0, "1,000"},
    {100000.0, 0, "100,000"},
    {2.385, 3, "2.385"},
    {0.0, 2, "0.00"},
    {-1234.5678, 2, "-1,234.57"},
    {-999999.6, 0, "-1,000,000"},
    {-0.004, 2, "0.00"},
    {-0.0, 0, "0"},
    {1e15, 0, "1,000,000,000,000,000"},
    /* decimals are taken between 0 and 20 */
    {2.385, -1, "2"},
    {0.1, 25, "0.10000000000000000555"},
    {NAN, 2, "n/a"},
    {INFINITY, 0, "n/a"},
};

START_TEST(test_grouped)
{
    char buf[128];
    ck_assert_str_eq(ds_format_grouped(grouped[_i].value, grouped[_i].decimals,
                                       buf, sizeof buf),
                     grouped[_i].want);
}
END_TEST

/* Regression (found while writing these tests): the digits used to be
 * printed into char raw[64], so ds_format_grouped(1.5e65, 0, ...) printed
 * 63 of its 66 digits, a number 1000 times too small.  Every finite double
 * must come out whole: with the commas taken out, the text is printf's. */
static void
assert_grouped_whole(double v, int decimals)
{
    char buf[1024], digits[1024], want[1024];
    snprintf(want, sizeof want, "%.*f", decimals, v); /* C locale */
    ds_format_grouped(v, decimals, buf, sizeof buf);
    size_t o = 0;
    for (const char *p = buf; *p; p++)
        if (*p != ',')
            digits[o++] = *p;
    digits[o] = '\0';
    ck_assert_str_eq(digits, want);
}

START_TEST(test_grouped_large)
{
    assert_grouped_whole(1.5e65, 0);
    assert_grouped_whole(-1.5e65, 2);
    assert_grouped_whole(DBL_MAX, 0);   /* 309 digits */
    assert_grouped_whole(-DBL_MAX, 20);
    char buf[600];
    ds_format_grouped(DBL_MAX, 0, buf, sizeof buf);
    ck_assert_uint_eq(strlen(buf), 309 + 102); /* digits + commas */
}
END_TEST

/* ------------------------------------------------------------------ */
/* Full precision                                                      */

static const struct {
    double value;
    const char *want;
} full[] = {
    {0.1, "0.1"},
    {1.0 / 3.0, "0.3333333333333333"},
    {2.0 / 3.0, "0.6666666666666666"},
    {4026210821146.81, "4026210821146.81"},
    {151.366291302752, "151.366291302752"},
    {2.52507746026488e-05, "2.52507746026488e-05"},
    {140917378740.13837, "140917378740.13837"},
    {123975371.0, "123975371"},
    {2.385, "2.385"},
    {1e-300, "1e-300"},
    {-0.0, "-0"},
    {0.0, "0"},
    {-2.385, "-2.385"},
    {1e21, "1e+21"},
    {1.7976931348623157e308, "1.7976931348623157e+308"},
    {4.9406564584124654e-324, "4.94065645841247e-324"},
    {NAN, ""},
    {INFINITY, ""},
    {-INFINITY, ""},
};

START_TEST(test_full)
{
    char buf[64];
    ck_assert_str_eq(ds_format_full(full[_i].value, buf, sizeof buf),
                     full[_i].want);
}
END_TEST

/* Reading the text back gives the same double, bit for bit (so -0.0 keeps
 * its sign). */
static void
assert_round_trip(double v)
{
    char buf[64];
    ds_format_full(v, buf, sizeof buf);
    double back = strtod(buf, NULL);
    ck_assert_msg(memcmp(&back, &v, sizeof v) == 0,
                  "%.17g printed as \"%s\" reads back as %.17g", v, buf, back);
    ck_assert_uint_le(strlen(buf), 24);
    /* the ds_ reader accepts it too */
    double back2;
    ck_assert_msg(ds_parse_double(buf, &back2), "\"%s\" not readable", buf);
}

START_TEST(test_full_round_trip)
{
    for (size_t i = 0; i < sizeof full / sizeof *full; i++)
        if (isfinite(full[i].value))
            assert_round_trip(full[i].value);
    /* 20,000 doubles spread over the whole range by a fixed-seed xorshift
     * on their bit patterns */
    uint64_t x = 0x9e3779b97f4a7c15ull;
    size_t tried = 0;
    while (tried < 20000) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double v;
        memcpy(&v, &x, sizeof v);
        if (!isfinite(v))
            continue;
        assert_round_trip(v);
        tried++;
    }
    /* and decimals as people write them */
    for (int i = 1; i <= 2000; i++) {
        assert_round_trip(i * 0.001);
        assert_round_trip(i * 1.385e9);
    }
}
END_TEST

/* ------------------------------------------------------------------ */
/* LC_NUMERIC does not matter                                          */

START_TEST(test_c_locale_output)
{
    if (!t_setlocale_de("check_format"))
        return;
    char probe[16], m1[64], m2[64], m3[64], g1[64], f1[64], f2[64];
    snprintf(probe, sizeof probe, "%.1f", 2.5); /* the locale is active */
    ds_format_money(140917378740.13837, "USD", m1, sizeof m1);
    ds_format_money(1136.65, "USD", m2, sizeof m2);
    ds_format_money(42.5, "EUR", m3, sizeof m3);
    ds_format_grouped(4026210.823, 2, g1, sizeof g1);
    ds_format_full(2.385, f1, sizeof f1);
    ds_format_full(2.52507746026488e-05, f2, sizeof f2);
    setlocale(LC_NUMERIC, "C");

    ck_assert_str_eq(probe, "2,5");
    ck_assert_str_eq(m1, "$140.9 bn");
    ck_assert_str_eq(m2, "$1,137");
    ck_assert_str_eq(m3, "€42.50");
    ck_assert_str_eq(g1, "4,026,210.82");
    ck_assert_str_eq(f1, "2.385");
    ck_assert_str_eq(f2, "2.52507746026488e-05");
}
END_TEST

static Suite *
format_suite(void)
{
    Suite *s = suite_create("format");
    TCase *tc;

    tc = tcase_create("money");
    tcase_add_loop_test(tc, test_money, 0, (int)(sizeof money / sizeof *money));
    tcase_add_test(tc, test_money_truncates);
    tcase_add_test(tc, test_currency_symbol);
    suite_add_tcase(s, tc);

    tc = tcase_create("grouped");
    tcase_add_loop_test(tc, test_grouped, 0,
                        (int)(sizeof grouped / sizeof *grouped));
    tcase_add_test(tc, test_grouped_large);
    suite_add_tcase(s, tc);

    tc = tcase_create("full precision");
    tcase_add_loop_test(tc, test_full, 0, (int)(sizeof full / sizeof *full));
    tcase_add_test(tc, test_full_round_trip);
    suite_add_tcase(s, tc);

    tc = tcase_create("locale");
    tcase_add_test(tc, test_c_locale_output);
    suite_add_tcase(s, tc);

    return s;
}

int
main(int argc, char **argv)
{
    return t_run(format_suite(), argc, argv);
}
