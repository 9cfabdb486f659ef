/* format.c - numbers for people and for machines, in the C locale.
 *
 * Promises: money is scaled to tn/bn/m with one decimal ("$140.9 bn"),
 * smaller amounts are grouped ("$1,137", "$325", "$42.50"); NaN prints as "n/a" for people and
 * as an empty field for machines; full-precision output round-trips.
 */
#include <math.h>
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

char *
ds_format_grouped(double v, int decimals, char *buf, size_t size)
{
    char raw[400]; /* DBL_MAX has 309 integer digits */
    if (!isfinite(v)) {
        snprintf(buf, size, "n/a");
        return buf;
    }
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
    snprintf(buf, size, "%s", out);
    return buf;
}

char *
ds_format_money(double v, const char *currency, char *buf, size_t size)
{
    if (!isfinite(v)) {
        snprintf(buf, size, "n/a");
        return buf;
    }
    const char *sym = ds_currency_symbol(currency);
    char pre[16];
    if (sym)
        snprintf(pre, sizeof pre, "%s", sym);
    else if (currency && currency[0])
        snprintf(pre, sizeof pre, "%s ", currency);
    else
        pre[0] = '\0';
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
    ds_format_grouped(d, dec, num, sizeof num);
    int neg = v < 0 && strspn(num, "0.,") != strlen(num);
    snprintf(buf, size, "%s%s%s%s", neg ? "-" : "", pre, num, unit);
    return buf;
}

char *
ds_format_full(double v, char *buf, size_t size)
{
    if (!isfinite(v)) {
        if (size)
            buf[0] = '\0';
        return buf;
    }
    for (int p = 15; p <= 17; p++) {
        ds__snprintf_c(buf, size, "%.*g", p, v);
        double back;
        if (ds_parse_double(buf, &back) && back == v)
            break;
    }
    return buf;
}
