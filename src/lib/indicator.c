/* indicator.c - model layer: the domain vocabulary in static tables.
 *
 * Which indicators there are and what each is (unit kind, keyed by
 * currency or not, sign rule, label); which definitions there are, their
 * rank in queries and their labels; month names.  Everything else asks
 * here instead of re-deriving a rule from a name.
 */
#include <assert.h>
#include <string.h>

#include "defspend/indicator.h"
#include "defspend/select.h"
#include "internal.h"

static const ds_indicator_info indicators[] = {
    {DS_IND_GDP, DS_UNIT_MONEY, 1, DS_SIGN_POSITIVE, "GDP"},
    {DS_IND_MILEX, DS_UNIT_MONEY, 1, DS_SIGN_NONNEG,
     "military expenditure"},
    {DS_IND_MILEX_GDP_PCT, DS_UNIT_PERCENT, 0, DS_SIGN_NONNEG,
     "military expenditure, % of GDP"},
    {DS_IND_MILEX_GOV_PCT, DS_UNIT_PERCENT, 0, DS_SIGN_NONNEG,
     "military expenditure, % of government spending"},
    {DS_IND_MILEX_SUPPLEMENTARY, DS_UNIT_MONEY, 1, DS_SIGN_NONNEG,
     "supplementary military budget"},
    {DS_IND_POPULATION, DS_UNIT_COUNT, 0, DS_SIGN_POSITIVE, "population"},
    {DS_IND_FX, DS_UNIT_RATE, 1, DS_SIGN_POSITIVE,
     "exchange rate, LCU per US dollar"},
    {DS_IND_GDP_DEFLATOR, DS_UNIT_INDEX, 0, DS_SIGN_POSITIVE,
     "GDP deflator"},
};

const ds_indicator_info *
ds_indicator_find(const char *name)
{
    assert(name);
    for (size_t i = 0; i < sizeof indicators / sizeof *indicators; i++)
        if (strcmp(name, indicators[i].name) == 0)
            return &indicators[i];
    return NULL;
}

ds_sign_rule
ds_indicator_sign(const char *name)
{
    const ds_indicator_info *in = ds_indicator_find(name);
    if (in)
        return in->sign;
    return strncmp(name, DS_IND_MILEX, 5) == 0 ? DS_SIGN_NONNEG
                                               : DS_SIGN_ANY;
}

int
ds_indicator_is_percent(const char *name)
{
    const ds_indicator_info *in = ds_indicator_find(name);
    if (in)
        return in->unit == DS_UNIT_PERCENT;
    size_t n = strlen(name);
    return n > 4 && strcmp(name + n - 4, "_pct") == 0;
}

/* In rank order; the unranked ones (100) last. */
static const ds_definition_info definitions[] = {
    {"wdi", 0, "World Bank WDI", "WDI"},
    {"sipri", 1, "SIPRI", "SIPRI"},
    {"nato", 2, "NATO", "NATO"},
    {"imf_weo", 3, "IMF WEO", "IMF WEO"},
    {"mod_budget", 4, "Japan MoD budget incl. SACO/US realignment",
     "MoD budget"},
    {"mod_budget_excl_saco", 100,
     "Japan MoD budget excl. SACO/US realignment", "MoD budget excl. SACO"},
    {"jp_security_related", 5, "Japan security-related total",
     "security-related"},
};

const ds_definition_info *
ds_definition_find(const char *code)
{
    assert(code);
    for (size_t i = 0; i < sizeof definitions / sizeof *definitions; i++)
        if (strcmp(code, definitions[i].code) == 0)
            return &definitions[i];
    return NULL;
}

int
ds_definition_rank(const char *code)
{
    const ds_definition_info *d = ds_definition_find(code);
    return d ? d->rank : 100;
}

const char *
ds_definition_label(const char *code)
{
    const ds_definition_info *d = ds_definition_find(code);
    return d ? d->label : code;
}

const char *
ds_definition_short(const char *code)
{
    const ds_definition_info *d = ds_definition_find(code);
    return d ? d->short_label : code;
}

static const char *const month_names[13] = {
    "",     "January", "February", "March",     "April",   "May",     "June",
    "July", "August",  "September", "October", "November", "December"};

const char *
ds_month_name(int month)
{
    return month >= 1 && month <= 12 ? month_names[month] : "";
}

const char *
ds_month_abbr(int month)
{
    static const char *const abbr[13] = {"",    "Jan", "Feb", "Mar", "Apr",
                                         "May", "Jun", "Jul", "Aug", "Sep",
                                         "Oct", "Nov", "Dec"};
    return month >= 1 && month <= 12 ? abbr[month] : "";
}
