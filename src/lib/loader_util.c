/* loader_util.c - sources layer: what the source-format loaders share:
 * filters, skip reports, country lookup, adding observations and the WDI
 * series table.  Text helpers are in text.c, the streaming CSV reader in
 * csv_stream.c, zip archives in zip.c (all core).
 *
 * Promises: nothing here prints; every failure is a ds_status with a
 * positioned ds_error.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "loader_util.h"

/* ------------------------------------------------------------ filters */

static int
code_eq(const char *a, const char *b)
{
    /* "NY.GDP.PCAP.CD" matches "ny_gdp_pcap_cd" */
    for (; *a && *b; a++, b++) {
        char x = (char)tolower((unsigned char)*a);
        char y = (char)tolower((unsigned char)*b);
        if (x == '.' || x == '-')
            x = '_';
        if (y == '.' || y == '-')
            y = '_';
        if (x != y)
            return 0;
    }
    return *a == *b;
}

int
ds__asked_code(const ds__import_ctx *c, const char *code)
{
    if (!code)
        return 0;
    for (size_t i = 0; i < c->n_indicators; i++)
        if (code_eq(c->indicators[i], code))
            return 1;
    return 0;
}

int
ds__want_indicator(const ds__import_ctx *c, const char *name,
                   const char *code)
{
    if (!c->indicators || c->n_indicators == 0)
        return 1;
    for (size_t i = 0; i < c->n_indicators; i++)
        if ((name && strcmp(c->indicators[i], name) == 0) ||
            (code && code_eq(c->indicators[i], code)))
            return 1;
    return 0;
}

int
ds__want_country(const ds__import_ctx *c, const char *iso3)
{
    if (!c->country_filter || c->n_countries == 0)
        return 1;
    for (size_t i = 0; i < c->n_countries; i++)
        if (strcmp(c->country_filter[i], iso3) == 0)
            return 1;
    return 0;
}

void
ds__skipf(ds__import_ctx *c, size_t line, size_t column, const char *fmt,
          ...)
{
    if (!c->skip)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    c->skip(c->skip_ctx, c->path, line, column, msg);
}

void
ds__unused(ds__import_ctx *c, const char *series, size_t series_len,
           const char *name, size_t name_len)
{
    if (c->unused)
        c->unused(c->skip_ctx, c->path, series, series_len, name, name_len,
                  1);
}

void
ds__unused_more(ds__import_ctx *c, const char *series, size_t series_len,
                size_t rows)
{
    if (c->unused && rows)
        c->unused(c->skip_ctx, c->path, series, series_len, "", 0, rows);
}

const ds_country *
ds__country_find(const ds__import_ctx *c, const char *name)
{
    const ds_country *k;
    if (!c->countries || !name[0])
        return NULL;
    if (ds_countries_lookup(c->countries, name, &k, NULL) != DS_OK)
        return NULL;
    return k;
}

/* ------------------------------------------------------- observations */

ds_status
ds__emit_begin(ds__import_ctx *c, const ds__obs_spec *o, ds_obs *ob,
               ds_error *err)
{
    ds__pool *p = c->batch->pool;
    memset(ob, 0, sizeof *ob);
#define IN(s) ds__pool_intern(p, (s) ? (s) : "", (s) ? strlen(s) : 0)
    ob->country = IN(o->country);
    ob->indicator = IN(o->indicator);
    ob->currency = IN(o->currency);
    ob->price_basis = IN(o->price_basis);
    ob->definition = IN(o->definition);
    ob->source = IN(o->source);
    ob->vintage = IN(o->vintage);
    ob->note = IN(o->note);
    ob->path = IN(c->path);
#undef IN
    if (!ob->country || !ob->indicator || !ob->currency ||
        !ob->price_basis || !ob->definition || !ob->source ||
        !ob->vintage || !ob->note || !ob->path)
        return ds__error_set(err, DS_ENOMEM, c->path, o->line, 0,
                             "out of memory");
    ob->year = o->year;
    ob->fy_start_month = o->fy_start_month ? o->fy_start_month : 1;
    ob->value = o->value;
    ob->flags = o->flags;
    ob->line = o->line;
    return DS_OK;
}

ds_status
ds__emit_value(ds__import_ctx *c, ds_obs *ob, int year, double value,
               size_t column, ds_error *err)
{
    ob->year = year;
    ob->value = value;
    return ds__store_add(c->batch, ob, column, err);
}

ds_status
ds__emit(ds__import_ctx *c, const ds__obs_spec *o, ds_error *err)
{
    ds_obs ob;
    ds_status st = ds__emit_begin(c, o, &ob, err);
    if (st != DS_OK)
        return st;
    return ds__store_add(c->batch, &ob, o->column, err);
}

/* ------------------------------------------------------- WDI series */

static const ds__wdi_series wdi_series[] = {
    {"NY.GDP.MKTP.CD", "gdp", DS__CUR_USD, "current"},
    {"NY.GDP.MKTP.CN", "gdp", DS__CUR_LCU, "current"},
    {"MS.MIL.XPND.CD", "milex", DS__CUR_USD, "current"},
    {"MS.MIL.XPND.CN", "milex", DS__CUR_LCU, "current"},
    {"MS.MIL.XPND.GD.ZS", "milex_gdp_pct", DS__CUR_NONE, ""},
    {"MS.MIL.XPND.ZS", "milex_gov_pct", DS__CUR_NONE, ""},
    {"PA.NUS.FCRF", "fx", DS__CUR_LCU, ""},
    {"SP.POP.TOTL", "population", DS__CUR_NONE, ""},
    {"NY.GDP.DEFL.ZS", "gdp_deflator", DS__CUR_NONE, ""},
};

const ds__wdi_series *
ds__wdi_series_find(const char *code)
{
    for (size_t i = 0; i < sizeof wdi_series / sizeof *wdi_series; i++)
        if (strcmp(wdi_series[i].code, code) == 0)
            return &wdi_series[i];
    return NULL;
}

char *
ds__indicator_from_code(const char *code, char *buf, size_t size)
{
    size_t o = 0;
    for (; *code && o + 1 < size; code++) {
        unsigned char ch = (unsigned char)*code;
        if (isalnum(ch))
            buf[o++] = (char)tolower(ch);
        else
            buf[o++] = '_';
    }
    if (size)
        buf[o] = '\0';
    return buf;
}

const char *
ds__row_currency(const ds_country *k, const char *word)
{
    /* shared currencies a country may adopt: the word wins */
    if (strncasecmp(word, "euro", 4) == 0)
        return "EUR";
    if (ds__strcaseeq(word, "US dollars") || ds__strcaseeq(word, "US dollar"))
        return "USD";
    return k->currency && k->currency[0] ? k->currency : NULL;
}
