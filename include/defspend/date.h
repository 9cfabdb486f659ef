/* defspend/date.h - calendar dates as publishers and people write them.
 *
 * One validator for every date defspend reads (FRED observation dates,
 * vintages given with --vintage or stored in a store file, the "Last
 * Updated" dates of World Bank files, workbook properties): the date must
 * exist in the Gregorian calendar, so 2024-02-29 is a date and 2023-02-29,
 * 2024-04-31 and 2024-13-01 are not.
 */
#ifndef DEFSPEND_DATE_H
#define DEFSPEND_DATE_H

#include "defspend/error.h"
#include "defspend/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Years a date may have: 0001 to 9999 (year 0000 exists in ISO 8601 only
 * "by mutual agreement"; no publisher dates anything in it). */
#define DS_DATE_YEAR_MIN 1
#define DS_DATE_YEAR_MAX 9999

/* 1 if year is a Gregorian leap year (2024, 2000; not 2023 or 1900). */
DS_API int ds_date_is_leap(int year);

/* Days in the month (28 to 31), or 0 when month is not 1 to 12. */
DS_API int ds_date_days_in_month(int year, int month);

/* 1 if year-month-day is a day of the Gregorian calendar with a year from
 * DS_DATE_YEAR_MIN to DS_DATE_YEAR_MAX, else 0. */
DS_API int ds_date_valid(int year, int month, int day);

/* Parse exactly "YYYY-MM-DD" (ten characters, nothing around them) naming
 * a day that exists.  On success writes year, month and day (each may be
 * NULL).  Otherwise DS_EINVAL with err->column at the first bad character
 * (the day of "2023-02-29") and a message such as "invalid date
 * '2023-02-29' (February 2023 has 28 days)". */
DS_API DS_WUR ds_status ds_date_parse(const char *text, int *year, int *month,
                                      int *day, ds_error *err);

#ifdef __cplusplus
}
#endif

#endif
