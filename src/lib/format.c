/* format.c - numbers for people and for machines, in the C locale.
 *
 * Promises: money is scaled to tn/bn/m with one decimal ("$140.9 bn"),
 * smaller amounts are grouped ("$1,137", "$325", "$42.50"); NaN prints as "n/a" for people and
 * as an empty field for machines; full-precision output round-trips.
 * Nothing is ever cut to fit a buffer: money past 10^15 tn goes to
 * scientific notation ("¥1.51e+22 tn"), grouped digits too wide for the
 * buffer go to scientific notation, and text that still does not fit is
 * written as "#####" - a cut number would read as another number.
 */
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *
ds_currency_symbol(const char *c)
{
    static const struct {
        const char *code, *sym;
    } t[] = {{"USD", "$"}, {"JPY", "\xC2\xA5"}, {"EUR", "\xE2\x82\xAC"},
             {"GBP", "\xC2\xA3"}};
    for (size_t i = 0; i < sizeof t / sizeof *t; i++)
        if (c && strcmp(c, t[i].code) == 0)
            return t[i].sym;
    return NULL;
}

/* What a formatter writes when its text does not fit: '#' characters, as
 * a spreadsheet shows a number too wide for its column (never a cut
 * number, which would read as a different one). */
static char *
no_room(char *buf, size_t size)
{
    if (size == 0)
        return buf;
    size_t n = size - 1 < DS_FORMAT_NO_ROOM_WIDTH ? size - 1
                                                  : DS_FORMAT_NO_ROOM_WIDTH;
    memset(buf, '#', n);
    buf[n] = '\0';
    return buf;
}

/* text (len bytes) into buf if it fits whole; 1 if it did */
static int
fits(const char *text, size_t len, char *buf, size_t size)
{
    if (len >= size)
        return 0;
    memcpy(buf, text, len + 1);
    return 1;
}

char *
ds_format_grouped(double v, int decimals, char *buf, size_t size)
{
    char raw[400]; /* DBL_MAX has 309 integer digits */
    if (!isfinite(v))
        return fits("n/a", 3, buf, size) ? buf : no_room(buf, size);
    if (decimals < 0)
        decimals = 0;
    if (decimals > 20)
        decimals = 20;
    ds__snprintf_c(raw, sizeof raw, "%.*f", decimals, fabs(v));
    /* a value that rounds to zero has no sign */
    int neg = v < 0 && strspn(raw, "0.") != strlen(raw);
    char *dot = strchr(raw, '.');
    size_t intlen = dot ? (size_t)(dot - raw) : strlen(raw);
    char out[560];
    size_t o = 0;
    if (neg)
        out[o++] = '-';
    for (size_t i = 0; i < intlen; i++) {
        if (i > 0 && (intlen - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = raw[i];
    }
    if (dot) {
        size_t l = strlen(dot);
        memcpy(out + o, dot, l);
        o += l;
    }
    out[o] = '\0';
    if (fits(out, o, buf, size))
        return buf;
    /* too wide for the caller's buffer: the same number in scientific
     * notation, every digit that tells doubles apart ("1.5e+65") */
    char sci[40];
    ds_format_full(v, sci, sizeof sci);
    if (fits(sci, strlen(sci), buf, size))
        return buf;
    return no_room(buf, size);
}

char *
ds_format_money(double v, const char *currency, char *buf, size_t size)
{
    if (!isfinite(v))
        return fits("n/a", 3, buf, size) ? buf : no_room(buf, size);
    const char *sym = ds_currency_symbol(currency);
    const char *code = !sym && currency ? currency : "";
    double a = fabs(v);
    const char *unit = "";
    double d = a;
    int dec = 0;
    if (a >= 0.9995e12) {
        d = a / 1e12, unit = " tn", dec = 1;
        if (d < 10)
            dec = 2;
    } else if (a >= 0.9995e9) {
        d = a / 1e9, unit = " bn", dec = 1;
    } else if (a >= 0.9995e6) {
        d = a / 1e6, unit = " m", dec = 1;
    } else if (a < 100) {
        dec = 2;
    }
    char num[64];
    if (d >= DS_FORMAT_MONEY_SCI_TN) {
        /* past a quadrillion tn the grouped digits would be noise: three
         * significant digits and the exponent, still in tn ("$1.51e+22 tn") */
        ds__snprintf_c(num, sizeof num, "%.2e", d);
    } else {
        ds_format_grouped(d, dec, num, sizeof num);
    }
    int neg = v < 0 && strspn(num, "0.,") != strlen(num);
    /* the whole text or nothing: never a number with its unit cut off */
    int n = snprintf(buf, size, "%s%s%s%s%s%s", neg ? "-" : "",
                     sym ? sym : "", code, code[0] ? " " : "", num, unit);
    if (n < 0 || (size_t)n >= size)
        return no_room(buf, size);
    return buf;
}

char *
ds_format_fixed(double v, int decimals, char *buf, size_t size)
{
    if (!isfinite(v))
        return fits("n/a", 3, buf, size) ? buf : no_room(buf, size);
    if (decimals < 0)
        decimals = 0;
    if (decimals > 20)
        decimals = 20;
    char t[64];
    int n;
    if (fabs(v) < DS_FORMAT_FIXED_SCI)
        n = ds__snprintf_c(t, sizeof t, "%.*f", decimals, v);
    else /* "2.48e+24": three significant digits, not 25 of noise */
        n = ds__snprintf_c(t, sizeof t, "%.2e", v);
    if (n > 1 && t[0] == '-' && strspn(t + 1, "0.") == strlen(t + 1))
        memmove(t, t + 1, strlen(t)); /* "-0.00" -> "0.00" */
    return fits(t, strlen(t), buf, size) ? buf : no_room(buf, size);
}

/* %.15g of v, when that text reads back as v, without printf (the store
 * writer's hot path: most figures have at most 15 digits).  With
 * 10^e <= |v| < 10^(e+1) and e in [-8, 36], M = |v| * 10^(14-e) rounded
 * to an integer of 15 digits is checked by one exact IEEE operation
 * (Clinger: M and 10^|14-e| are exact doubles), which gives the double
 * nearest M * 10^(e-14), as strtod would.  If that is v, this decimal is
 * within half an ulp of v, and an ulp of a double is under a quarter of
 * the 15-digit step, so it is the one nearest v: the digits glibc's %.15g
 * prints.  They are laid out as %g lays them out (trailing zeros cut,
 * exponent form below 1e-4 and from 1e15).  Returns the text's length, 0
 * when v needs printf (and the 16- and 17-digit tries). */
static size_t
full15(double v, char *out)
{
#if FLT_EVAL_METHOD == 0
    static const double p10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,
                                 1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
                                 1e18, 1e19, 1e20, 1e21, 1e22};
    double a = fabs(v);
    if (!(a >= 1e-8 && a < 1e37))
        return 0;
    int e = (int)floor(log10(a)); /* may be one off: M's range says */
    if (e < -8 || e > 36)
        return 0;
    int sc = 14 - e;
    double mf = sc >= 0 ? a * p10[sc] : a / p10[-sc];
    if (!(mf >= 99999999999999.5 && mf < 999999999999999.5))
        return 0;
    uint64_t m = (uint64_t)(mf + 0.5);
    double back = sc >= 0 ? (double)m / p10[sc] : (double)m * p10[-sc];
    if (back != a)
        return 0;
    char d[16];
    for (int k = 14; k >= 0; k--, m /= 10)
        d[k] = (char)('0' + m % 10);
    int nd = 15; /* significant digits after cutting trailing zeros */
    while (nd > 1 && d[nd - 1] == '0')
        nd--;
    size_t n = 0;
    if (v < 0)
        out[n++] = '-';
    if (e < -4 || e >= 15) {
        out[n++] = d[0];
        if (nd > 1) {
            out[n++] = '.';
            for (int k = 1; k < nd; k++)
                out[n++] = d[k];
        }
        int x = e < 0 ? -e : e;
        out[n++] = 'e';
        out[n++] = e < 0 ? '-' : '+';
        if (x >= 10)
            out[n++] = (char)('0' + x / 10);
        else
            out[n++] = '0';
        out[n++] = (char)('0' + x % 10);
    } else if (e >= 0) {
        for (int k = 0; k <= e; k++)
            out[n++] = d[k];
        if (nd > e + 1) {
            out[n++] = '.';
            for (int k = e + 1; k < nd; k++)
                out[n++] = d[k];
        }
    } else {
        out[n++] = '0';
        out[n++] = '.';
        for (int k = 0; k < -e - 1; k++)
            out[n++] = '0';
        for (int k = 0; k < nd; k++)
            out[n++] = d[k];
    }
    out[n] = '\0';
    return n;
#else
    (void)v;
    (void)out;
    return 0;
#endif
}

char *
ds_format_full(double v, char *buf, size_t size)
{
    if (!isfinite(v)) {
        if (size)
            buf[0] = '\0';
        return buf;
    }
    /* the 15-digit text without printf where it fits whole (callers give
     * 40 bytes; a smaller buffer keeps snprintf's cut, as before) */
    if (ds__csv_fast && size >= 32 && full15(v, buf))
        return buf;
    for (int p = 15; p <= 17; p++) {
        ds__snprintf_c(buf, size, "%.*g", p, v);
        double back;
        if (ds_parse_double(buf, &back) && back == v)
            break;
    }
    return buf;
}

char *
ds_format_pct(double v, int decimals, char *buf, size_t size)
{
    char t[64];
    if (!isfinite(v))
        return fits("n/a", 3, buf, size) ? buf : no_room(buf, size);
    ds_format_fixed(v, decimals, t, sizeof t);
    int n = snprintf(buf, size, "%s%%", t);
    if (n < 0 || (size_t)n >= size)
        return no_room(buf, size);
    return buf;
}

char *
ds_format_rate(double v, const char *lcu, char *buf, size_t size)
{
    const char *sym = ds_currency_symbol(lcu);
    char t[64];
    int n;
    if (!isfinite(v))
        return fits("n/a", 3, buf, size) ? buf : no_room(buf, size);
    if (sym && strcmp(sym, "$") != 0 && strchr(sym, ' ') == NULL)
        n = snprintf(buf, size, "%s%s/$", sym,
                     ds_format_fixed(v, 2, t, sizeof t));
    else
        n = snprintf(buf, size, "%s %s per US$",
                     ds_format_fixed(v, 4, t, sizeof t), lcu ? lcu : "");
    if (n < 0 || (size_t)n >= size)
        return no_room(buf, size);
    return buf;
}

char *
ds_format_whole(char *b, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(b, n, fmt, ap);
    va_end(ap);
    if (n && (r < 0 || (size_t)r >= n)) {
        size_t k = n - 1 < DS_FORMAT_NO_ROOM_WIDTH ? n - 1
                                                   : DS_FORMAT_NO_ROOM_WIDTH;
        memset(b, '#', k);
        b[k] = '\0';
    }
    return b;
}

void
ds__year_ranges(const int *years, size_t n, char *buf, size_t size)
{
    size_t o = 0;
    if (size == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < n && o + 1 < size;) {
        size_t j = i;
        while (j + 1 < n && years[j + 1] == years[j] + 1)
            j++;
        int w = j > i ? snprintf(buf + o, size - o, "%s%d-%d", o ? ", " : "",
                                 years[i], years[j])
                      : snprintf(buf + o, size - o, "%s%d", o ? ", " : "",
                                 years[i]);
        if (w < 0)
            break;
        o += (size_t)w;
        if (o >= size)
            o = size - 1;
        i = j + 1;
    }
}
