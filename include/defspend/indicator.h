/* defspend/indicator.h - the domain vocabulary: indicators, definitions,
 * currencies and months, in one table each (src/lib/indicator.c).
 *
 * Use these names instead of string literals: a store's `indicator`,
 * `definition` and `currency` columns hold exactly these strings.  A name
 * outside the tables is allowed (stores may carry other series); the
 * functions below then answer by the documented fallback.
 */
#ifndef DEFSPEND_INDICATOR_H
#define DEFSPEND_INDICATOR_H

#include "defspend/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Indicators (the store's `indicator` column). */
#define DS_IND_GDP "gdp"                   /* GDP, money */
#define DS_IND_MILEX "milex"               /* military expenditure, money */
#define DS_IND_MILEX_GDP_PCT "milex_gdp_pct" /* military exp., % of GDP */
#define DS_IND_MILEX_GOV_PCT "milex_gov_pct" /* % of government spending */
#define DS_IND_MILEX_SUPPLEMENTARY "milex_supplementary" /* money */
#define DS_IND_POPULATION "population"     /* people */
#define DS_IND_FX "fx"                     /* LCU per US dollar */
#define DS_IND_GDP_DEFLATOR "gdp_deflator" /* index */

/* The reference currency of every cross-country comparison. */
#define DS_CURRENCY_USD "USD"

typedef enum ds_unit_kind {
    DS_UNIT_OTHER = 0, /* not in the table */
    DS_UNIT_MONEY,     /* an amount in the observation's currency */
    DS_UNIT_PERCENT,   /* a percentage, 0 to 100 */
    DS_UNIT_COUNT,     /* a number of things (people) */
    DS_UNIT_RATE,      /* an exchange rate, LCU per US dollar */
    DS_UNIT_INDEX      /* a price index */
} ds_unit_kind;

typedef enum ds_sign_rule {
    DS_SIGN_ANY = 0,   /* any finite value */
    DS_SIGN_NONNEG,    /* >= 0 (military spending: zero is real) */
    DS_SIGN_POSITIVE   /* > 0 (GDP, population, rates, deflator) */
} ds_sign_rule;

typedef struct ds_indicator_info {
    const char *name;    /* DS_IND_* */
    ds_unit_kind unit;
    int by_currency;     /* 1: observations are keyed by a currency */
    ds_sign_rule sign;
    const char *label;   /* "military expenditure" */
} ds_indicator_info;

/* The table row for name, or NULL when it is not a known indicator. */
DS_API const ds_indicator_info *ds_indicator_find(const char *name);
/* Sign rule of name: its table row, else DS_SIGN_NONNEG for any name
 * starting "milex", else DS_SIGN_ANY. */
DS_API ds_sign_rule ds_indicator_sign(const char *name);
/* 1 when name is a percentage (0 to 100): its table row, else any name
 * ending "_pct". */
DS_API int ds_indicator_is_percent(const char *name);

typedef struct ds_definition_info {
    const char *code;        /* the store's `definition` column */
    int rank;                /* preference in queries, lower first; 100
                                when not ranked */
    const char *label;       /* "World Bank WDI" */
    const char *short_label; /* "WDI" */
} ds_definition_info;

/* The table row for a definition code, or NULL. */
DS_API const ds_definition_info *ds_definition_find(const char *code);
/* The store's order of definitions: wdi, sipri, nato, imf_weo,
 * mod_budget, jp_security_related (0 to 5), anything else 100. */
DS_API int ds_definition_rank(const char *code);

/* "January" ... "December"; "" when month is not 1 to 12. */
DS_API const char *ds_month_name(int month);
/* "Jan" ... "Dec"; "" when month is not 1 to 12. */
DS_API const char *ds_month_abbr(int month);

#ifdef __cplusplus
}
#endif

#endif
