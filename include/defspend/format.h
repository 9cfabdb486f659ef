/* defspend/format.h - numbers for people.
 *
 * Human-readable money and numbers ("$140.9 bn", "¥21.3 tn", "1,136") and
 * full-precision numbers for machines, always in the C locale.
 */
#ifndef DEFSPEND_FORMAT_H
#define DEFSPEND_FORMAT_H

#include <stddef.h>

#include "defspend/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Symbol for a currency ("$", "¥", "€", "£"), or NULL when it has none
 * (ds_format_money then writes the code and a space: "KRW 61.2 tn").
 * Returns a static string. */
DS_API const char *ds_currency_symbol(const char *currency);

/* Money scaled for reading: "$140.9 bn", "¥21.3 tn", "$1,137".
 * NaN prints as "n/a".  Returns buf. */
DS_API char *ds_format_money(double value, const char *currency, char *buf,
                             size_t size);

/* Fixed decimals with thousands separators ("4,026,210.82").  Returns buf. */
DS_API char *ds_format_grouped(double value, int decimals, char *buf,
                               size_t size);

/* Shortest round-trip representation ("%.17g" trimmed), C locale.  NaN as
 * "" (missing).  Returns buf. */
DS_API char *ds_format_full(double value, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif
