/* date.c - the one calendar-date validator.
 *
 * Promises: a date is "YYYY-MM-DD" naming a day of the Gregorian calendar
 * (leap years every 4 years, not every 100, again every 400) with a year
 * from 0001 to 9999; anything else is rejected with the first bad
 * character and the reason ("February 2023 has 28 days").  Every loader
 * and option that reads a date goes through ds__date_check.
 */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "defspend/indicator.h"
#include "internal.h"


int
ds_date_is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int
ds_date_days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12)
        return 0;
    return month == 2 && ds_date_is_leap(year) ? 29 : days[month - 1];
}

int
ds_date_valid(int year, int month, int day)
{
    return year >= DS_DATE_YEAR_MIN && year <= DS_DATE_YEAR_MAX &&
           day >= 1 && day <= ds_date_days_in_month(year, month);
}

static int
digit(char c)
{
    return c >= '0' && c <= '9';
}

int
ds__date_check(const char *s, size_t len, int *year, int *month, int *day,
               size_t *at, char *why, size_t why_size)
{
    assert(s);
    size_t bad = 0;
    int y = 0, m = 0, d = 0;
    const char *reason = NULL;
    char buf[64];
    for (size_t i = 0; i < 10 && !reason; i++) {
        int dash = i == 4 || i == 7;
        if (i >= len || (dash ? s[i] != '-' : !digit(s[i])))
            bad = i, reason = "expected YYYY-MM-DD";
    }
    if (!reason && len != 10)
        bad = 10, reason = "expected YYYY-MM-DD";
    if (!reason) {
        y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
            (s[3] - '0');
        m = (s[5] - '0') * 10 + (s[6] - '0');
        d = (s[8] - '0') * 10 + (s[9] - '0');
        /* out of every calendar: the generic reason, as for bad shapes */
        if (y < DS_DATE_YEAR_MIN)
            bad = 0, reason = "expected YYYY-MM-DD";
        else if (m < 1 || m > 12)
            bad = 5, reason = "expected YYYY-MM-DD";
        else if (d < 1 || d > 31)
            bad = 8, reason = "expected YYYY-MM-DD";
        else if (d > ds_date_days_in_month(y, m)) {
            /* a day 29-31 this month does not have: say so */
            if (m == 2)
                snprintf(buf, sizeof buf, "February %04d has %d days", y,
                         ds_date_days_in_month(y, m));
            else
                snprintf(buf, sizeof buf, "%s has %d days",
                         ds_month_name(m), ds_date_days_in_month(y, m));
            bad = 8, reason = buf;
        }
    }
    if (reason) {
        if (at)
            *at = bad;
        if (why && why_size)
            snprintf(why, why_size, "%s", reason);
        return 0;
    }
    if (year)
        *year = y;
    if (month)
        *month = m;
    if (day)
        *day = d;
    return 1;
}

ds_status
ds_date_parse(const char *text, int *year, int *month, int *day,
              ds_error *err)
{
    assert(text);
    size_t at = 0;
    char why[64], q[80];
    int y, m, d;
    if (!ds__date_check(text, strlen(text), &y, &m, &d, &at, why, sizeof why))
        return ds__error_set(err, DS_EINVAL, NULL, 0,
                             ds__utf8_len(text, at) + 1,
                             "invalid date '%s' (%s)",
                             ds__quote(text, q, sizeof q), why);
    if (year)
        *year = y;
    if (month)
        *month = m;
    if (day)
        *day = d;
    return DS_OK;
}
