/* defspend/amount.h - parsing money amounts and target lists.
 *
 * Amounts are what people type: "56bn", "56e9", "7.95tn JPY", "$56 billion",
 * "¥7.95 tn", "US$ 56,000 m".  Parsing is locale-independent (C locale) and
 * strict: anything left over is an error naming the offending text.
 */
#ifndef DEFSPEND_AMOUNT_H
#define DEFSPEND_AMOUNT_H

#include <stddef.h>

#include "defspend/error.h"
#include "defspend/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ds_amount {
    double value;     /* in units (56bn -> 5.6e10) */
    char currency[4]; /* ISO 4217, "" when the text names none */
} ds_amount;

/* The largest amount accepted, in any currency: 1e21 (1,000,000,000 tn).
 * The largest GDP in local currency is around 1.6e17 (Iran, rials, IMF WEO
 * April 2021 for 2026; Indonesia 2.5e16, Vietnam 1.5e16), so this leaves
 * room for thousands of times that - years of high inflation - while
 * refusing typos such as 1e35 whose results no table can show. */
#define DS_AMOUNT_MAX 1e21

/* Parse an amount.  Output written only on success; DS_EINVAL for text
 * that is not an amount, DS_ERANGE for zero, a negative amount or one
 * above DS_AMOUNT_MAX, with err->column pointing at the bad character
 * (1-based; the start of the number for a value out of range). */
DS_API DS_WUR ds_status ds_amount_parse(const char *text, ds_amount *out,
                                        ds_error *err);

/* Parse a comma-separated list of shares of GDP in percent ("1,3,3.5,5" or
 * "2%,3.5%").  Each must be finite, > 0 and <= 100.  Writes at most cap
 * values; more is DS_ERANGE.  Output written only on success. */
DS_API DS_WUR ds_status ds_targets_parse(const char *text, double *out,
                                         size_t cap, size_t *n, ds_error *err);

/* Parse a plain number in the C locale whatever LC_NUMERIC says.  The whole
 * string must be the number (no spaces).  Returns 1 on success. */
DS_API int ds_parse_double(const char *text, double *out);

#ifdef __cplusplus
}
#endif

#endif
