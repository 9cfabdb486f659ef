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

/* No formatter ever cuts a number to fit a buffer: a cut number reads as
 * another number ("¥15,136,629,130,275,188,595,752,960.0" for 1.5e34 yen,
 * its " tn" lost).  Text that does not fit in size bytes is written as
 * DS_FORMAT_NO_ROOM_WIDTH '#' characters ("#####", fewer if size is
 * smaller still), as a spreadsheet shows a number too wide for its
 * column. */
#define DS_FORMAT_NO_ROOM_WIDTH 5

/* Money from this many tn (10^15 tn = 10^27 units) on is written in
 * scientific notation with three significant digits, still in tn
 * ("¥1.51e+22 tn"): a double has no more digits to tell. */
#define DS_FORMAT_MONEY_SCI_TN 1e15

/* A buffer of this size holds ds_format_money of any value whose currency
 * has a symbol or a code of at most 3 letters ("-KRW 999,999,999,999,999.9
 * tn" is 29 bytes). */
#define DS_FORMAT_MONEY_SIZE 32

/* Money scaled for reading: "$140.9 bn", "¥21.3 tn", "$1,137",
 * "¥1.51e+22 tn".  NaN prints as "n/a"; text that does not fit is "#####"
 * (see above).  Returns buf. */
DS_API char *ds_format_money(double value, const char *currency, char *buf,
                             size_t size);

/* Fixed decimals with thousands separators ("4,026,210.82"), every digit
 * of the value (decimals are taken from 0 to 20).  When that does not fit
 * in size bytes, the shortest round-trip scientific text ("1.5e+65", as
 * ds_format_full), else "#####".  64 bytes hold every value under 1e47
 * with no decimals.  Returns buf. */
DS_API char *ds_format_grouped(double value, int decimals, char *buf,
                               size_t size);

/* Fixed decimals without separators, for shares, ratios and rates
 * ("3.50", "151.37"; decimals from 0 to 20), and from DS_FORMAT_FIXED_SCI
 * on in scientific notation with three significant digits ("2.48e+24").
 * A negative value that rounds to zero has no sign.  NaN prints as "n/a";
 * text that does not fit is "#####".  Returns buf. */
#define DS_FORMAT_FIXED_SCI 1e15
DS_API char *ds_format_fixed(double value, int decimals, char *buf,
                             size_t size);

/* A share in percent: ds_format_fixed and "%" ("3.50%"); NaN prints as
 * "n/a"; text that does not fit is "#####".  Returns buf. */
DS_API char *ds_format_pct(double value, int decimals, char *buf,
                           size_t size);

/* An exchange rate of lcu per US$: "¥151.37/$" when the currency has a
 * one-character symbol, else "1,234.5678 KRW per US$" style
 * ("1234.5678 KRW per US$").  NaN prints as "n/a"; text that does not fit
 * is "#####".  Returns buf.  The one rate formatter. */
DS_API char *ds_format_rate(double value, const char *lcu, char *buf,
                            size_t size);

/* Shortest round-trip representation ("%.17g" trimmed), C locale.  NaN as
 * "" (missing).  Returns buf. */
DS_API char *ds_format_full(double value, char *buf, size_t size);

/* snprintf into buf that never leaves a cut text (it could read as
 * another number): text that does not fit is "#####"
 * (DS_FORMAT_NO_ROOM_WIDTH '#', fewer if size is smaller).  Returns buf. */
DS_API char *ds_format_whole(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#ifdef __cplusplus
}
#endif

#endif
