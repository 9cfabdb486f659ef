/* check_indicator.c - the domain vocabulary (src/lib/indicator.c).
 *
 * The rules pinned here are the ones the import's plausibility check and
 * the store's query order used before the table existed: GDP, population,
 * rates and the deflator must be > 0; anything named milex* >= 0; any
 * *_pct is a percentage (0 to 100); definitions rank wdi, sipri, nato,
 * imf_weo, mod_budget, jp_security_related, then everything else at
 * 100.
 */
#include <string.h>

#include "test_util.h"

START_TEST(test_indicators)
{
    const ds_indicator_info *g = ds_indicator_find(DS_IND_GDP);
    ck_assert_ptr_nonnull(g);
    ck_assert_int_eq(g->unit, DS_UNIT_MONEY);
    ck_assert_int_eq(g->by_currency, 1);
    ck_assert_int_eq(ds_indicator_sign("gdp"), DS_SIGN_POSITIVE);
    ck_assert_int_eq(ds_indicator_sign("population"), DS_SIGN_POSITIVE);
    ck_assert_int_eq(ds_indicator_sign("fx"), DS_SIGN_POSITIVE);
    ck_assert_int_eq(ds_indicator_sign("gdp_deflator"), DS_SIGN_POSITIVE);
    ck_assert_int_eq(ds_indicator_sign("milex"), DS_SIGN_NONNEG);
    ck_assert_int_eq(ds_indicator_sign("milex_gdp_pct"), DS_SIGN_NONNEG);
    /* outside the table: by name, as before */
    ck_assert_ptr_null(ds_indicator_find("milex_navy"));
    ck_assert_int_eq(ds_indicator_sign("milex_navy"), DS_SIGN_NONNEG);
    ck_assert_int_eq(ds_indicator_sign("exports"), DS_SIGN_ANY);
    ck_assert_int_eq(ds_indicator_is_percent("milex_gdp_pct"), 1);
    ck_assert_int_eq(ds_indicator_is_percent("milex_gov_pct"), 1);
    ck_assert_int_eq(ds_indicator_is_percent("debt_pct"), 1);
    ck_assert_int_eq(ds_indicator_is_percent("_pct"), 0);
    ck_assert_int_eq(ds_indicator_is_percent("milex"), 0);
    ck_assert_int_eq(ds_indicator_find(DS_IND_POPULATION)->by_currency, 0);
    ck_assert_int_eq(ds_indicator_find(DS_IND_FX)->unit, DS_UNIT_RATE);
}
END_TEST

START_TEST(test_definitions)
{
    static const char *const order[] = {"wdi", "sipri", "nato", "imf_weo",
                                        "mod_budget", "jp_security_related"};
    for (int i = 0; i < 6; i++)
        ck_assert_int_eq(ds_definition_rank(order[i]), i);
    ck_assert_int_eq(ds_definition_rank("mod_budget_excl_saco"), 100);
    ck_assert_int_eq(ds_definition_rank("made_up"), 100);
    ck_assert_str_eq(ds_definition_label("wdi"), "World Bank WDI");
    ck_assert_str_eq(ds_definition_short("mod_budget_excl_saco"),
                     "MoD budget excl. SACO");
    ck_assert_str_eq(ds_definition_label("made_up"), "made_up");
    ck_assert_str_eq(ds_definition_short("made_up"), "made_up");
    ck_assert_ptr_null(ds_definition_find("made_up"));
}
END_TEST

START_TEST(test_months)
{
    ck_assert_str_eq(ds_month_name(1), "January");
    ck_assert_str_eq(ds_month_name(9), "September");
    ck_assert_str_eq(ds_month_name(12), "December");
    ck_assert_str_eq(ds_month_abbr(4), "Apr");
    ck_assert_str_eq(ds_month_name(0), "");
    ck_assert_str_eq(ds_month_abbr(13), "");
    ck_assert_str_eq(DS_CURRENCY_USD, "USD");
}
END_TEST

static Suite *
indicator_suite(void)
{
    Suite *s = suite_create("indicator");
    TCase *tc = tcase_create("tables");
    tcase_add_test(tc, test_indicators);
    tcase_add_test(tc, test_definitions);
    tcase_add_test(tc, test_months);
    suite_add_tcase(s, tc);
    return s;
}

int
main(int argc, char **argv)
{
    return t_run(indicator_suite(), argc, argv);
}
