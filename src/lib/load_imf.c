/* load_imf.c - IMF DataMapper API responses (JSON), read with jansson.
 *
 * `https://www.imf.org/external/datamapper/api/v1/<INDICATOR>[/<ISO>...]`
 * answers {"values": {"<INDICATOR>": {"<ISO>": {"<year>": value, ...}}},
 * "api": {"version": "1", "output-method": "json"}}; the indicator's
 * entry of `.../api/v1/indicators` ({"indicators": {"<INDICATOR>":
 * {"label", "description", "source": "World Economic Outlook (April
 * 2026)", "unit", "dataset"}}}) may sit beside "values" under
 * "indicators" (defspend fetch puts it there; the API's newer responses
 * carry it themselves).
 *
 * Promises: NGDPD (billions of US dollars) and NGDP (billions of national
 * currency) become `gdp` in units, PPPGDP `gdp_ppp` in units, NGDP_RPCH,
 * NGDP_D, PCPI, PCPIPCH the WEO loader's gdp_real_growth, gdp_deflator,
 * cpi, cpi_inflation as published; a unit in the metadata that is not
 * billions where billions are expected is refused; any other indicator
 * (the response holds only what was asked for) is kept as published,
 * named from its code (GGXWDG_NGDP -> ggxwdg_ngdp), its unit in the note;
 * null is missing, never zero; the vintage is the first day of the WEO
 * release month named by the metadata's "source", else none (the
 * import's fallback applies); years from the release year on (the WEO's
 * convention: the current year and later are projections) carry the
 * `projection` flag, and without a named release years from the current
 * UTC year on; an area code not in the country table (WEO groups such as
 * WEOWORLD) is reported as skipped.
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "loader_util.h"

static int
imf_detect(const char *buf, size_t len)
{
    size_t i = 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' ||
                       buf[i] == '\t'))
        i++;
    if (i >= len || buf[i] != '{')
        return 0;
    size_t n = len - i < 4096 ? len - i : 4096;
    char head[4097];
    memcpy(head, buf + i, n);
    head[n] = '\0';
    /* NUL bytes would hide the rest: treat as text up to the first one */
    if (strstr(head, "\"values\"") &&
        (strstr(head, "\"api\"") || strstr(head, "\"indicators\"") ||
         strstr(head, "\"values\":{\"") || strstr(head, "\"values\": {")))
        return 90;
    return 0;
}

/* DataMapper indicators with a defspend meaning: the names the WEO
 * loader gives the same WEO subjects (gdp as WDI stores it; the IMF's
 * growth and price forecasts as gdp_real_growth, cpi_inflation (percent
 * changes), cpi (an index), gdp_ppp (international dollars)).  NGDP_R is
 * not here: the API does not say its base year. */
enum { I_NONE, I_USD, I_LCU };
static const struct imf_ind {
    const char *code, *indicator;
    int currency;      /* I_* */
    const char *price;
    int billions;      /* published in billions */
} known[] = {
    {"NGDPD", "gdp", I_USD, "current", 1},
    {"NGDP", "gdp", I_LCU, "current", 1},
    {"NGDP_RPCH", "gdp_real_growth", I_NONE, "", 0},
    {"NGDP_D", "gdp_deflator", I_NONE, "", 0},
    {"PCPI", "cpi", I_NONE, "", 0},
    {"PCPIPCH", "cpi_inflation", I_NONE, "", 0},
    {"PPPGDP", "gdp_ppp", I_NONE, "current", 1},
};

static const char *const months[] = {"January", "February", "March",
                                     "April", "May", "June", "July",
                                     "August", "September", "October",
                                     "November", "December"};

/* "World Economic Outlook (April 2026)" -> 2026-04-01 */
static int
release_date(const char *s, char out[11], int *year)
{
    for (int m = 0; m < 12; m++) {
        const char *p = strstr(s, months[m]);
        if (!p)
            continue;
        p += strlen(months[m]);
        while (*p == ' ')
            p++;
        int y = 0, k = 0;
        while (p[k] >= '0' && p[k] <= '9' && k < 4)
            y = y * 10 + (p[k++] - '0');
        if (k == 4 && !(p[4] >= '0' && p[4] <= '9') && y >= 1990 &&
            y <= 2999) {
            snprintf(out, 11, "%04d-%02d-01", y, m + 1);
            *year = y;
            return 1;
        }
    }
    return 0;
}

static const char *
jstr(json_t *o, const char *key)
{
    json_t *v = json_is_object(o) ? json_object_get(o, key) : NULL;
    return json_is_string(v) ? json_string_value(v) : "";
}

static ds_status
imf_load(ds__import_ctx *c, ds_error *err)
{
    json_error_t je;
    json_t *root = json_loadb(c->buf, c->len, JSON_REJECT_DUPLICATES, &je);
    if (!root)
        return ds__error_set(err, DS_EPARSE, c->path, (size_t)je.line,
                             je.column > 0 ? (size_t)je.column : 0,
                             "not a DataMapper JSON response: %s", je.text);
    ds_status st = DS_OK;
    char q[80];
    json_t *values = json_object_get(root, "values");
    if (!json_is_object(values)) {
        st = ds__error_set(err, DS_EPARSE, c->path, 0, 0,
                           "no \"values\" object: not a DataMapper indicator "
                           "response (an unknown indicator or country "
                           "answers without one)");
        goto out;
    }
    if (json_object_size(values) == 0) {
        st = ds__error_set(err, DS_EPARSE, c->path, 0, 0,
                           "the response holds no values (an unknown "
                           "indicator or country code?)");
        goto out;
    }
    json_t *meta_all = json_object_get(root, "indicators");
    const char *code;
    json_t *areas;
    json_object_foreach(values, code, areas) {
        json_t *meta = json_is_object(meta_all)
                           ? json_object_get(meta_all, code) : NULL;
        const char *label = jstr(meta, "label");
        const char *unit = jstr(meta, "unit");
        const char *src = jstr(meta, "source");
        char vintage[11] = "";
        int ryear = 0;
        if (src[0] && !release_date(src, vintage, &ryear)) {
            st = ds__error_set(err, DS_EPARSE, c->path, 0, 0,
                               "indicator %s: cannot tell the WEO release "
                               "from its source '%s'",
                               code, ds__quote(src, q, sizeof q));
            goto out;
        }
        if (!ryear) {
            time_t now = time(NULL);
            struct tm tmv;
            gmtime_r(&now, &tmv);
            ryear = tmv.tm_year + 1900;
        }
        const struct imf_ind *m = NULL;
        for (size_t i = 0; i < sizeof known / sizeof *known; i++)
            if (strcmp(code, known[i].code) == 0)
                m = &known[i];
        char ind[128];
        if (m) {
            if (!ds__want_indicator(c, m->indicator, code))
                continue;
            if (m->billions && unit[0] && !ds__contains_ci(unit, "billion")) {
                st = ds__error_set(err, DS_EPARSE, c->path, 0, 0,
                                   "indicator %s: unit '%s', expected "
                                   "billions", code,
                                   ds__quote(unit, q, sizeof q));
                goto out;
            }
            snprintf(ind, sizeof ind, "%s", m->indicator);
        } else if (!c->indicators || ds__asked_code(c, code)) {
            /* a DataMapper response holds the indicator that was asked
             * for: keep it under a name made from its code */
            ds__indicator_from_code(code, ind, sizeof ind);
        } else {
            continue;
        }
        if (!json_is_object(areas)) {
            st = ds__error_set(err, DS_EPARSE, c->path, 0, 0,
                               "values of %s: expected an object of "
                               "countries", code);
            goto out;
        }
        char source[480], note[256] = "";
        snprintf(source, sizeof source, "IMF WEO %s via DataMapper%s%s%s%s%s",
                 code, label[0] || unit[0] ? " (" : "", label,
                 label[0] && unit[0] ? ", " : "", unit,
                 label[0] || unit[0] ? ")" : "");
        if (!m && unit[0])
            snprintf(note, sizeof note, "unit: %s", unit);
        const char *iso;
        json_t *years;
        json_object_foreach(areas, iso, years) {
            if (!iso[0] && json_is_null(years))
                continue; /* the API's empty-key sentinel */
            const ds_country *k = ds__country_find(c, iso);
            if (!k) {
                ds__skipf(c, 0, 0,
                          "%s: area '%s' is not in the country table (WEO "
                          "groups have their own codes)",
                          code, ds__quote(iso, q, sizeof q));
                continue;
            }
            if (!ds__want_country(c, k->iso3))
                continue;
            if (json_is_null(years))
                continue;
            if (!json_is_object(years)) {
                st = ds__error_set(err, DS_EPARSE, c->path, 0, 0,
                                   "values of %s for %s: expected an object "
                                   "of years", code, iso);
                goto out;
            }
            const char *cur = "";
            double scale = m && m->billions ? 1e9 : 1;
            if (m && m->currency == I_USD)
                cur = "USD";
            if (m && m->currency == I_LCU) {
                cur = k->currency;
                if (strcmp(cur, "USD") == 0) {
                    ds__skipf(c, 0, 0,
                              "%s of %s: its currency is the US dollar, "
                              "and NGDPD is the series kept", code, k->iso3);
                    continue;
                }
                if (!cur[0]) {
                    ds__skipf(c, 0, 0,
                              "%s of %s: no ISO 4217 currency is known "
                              "for it", code, k->iso3);
                    continue;
                }
            }
            const char *ytext;
            json_t *v;
            json_object_foreach(years, ytext, v) {
                long y;
                if (!ds__parse_int_n(ytext, strlen(ytext), 1800, 2999, &y)) {
                    st = ds__error_set(err, DS_EPARSE, c->path, 0, 0,
                                       "%s %s: invalid year '%s'", code, iso,
                                       ds__quote(ytext, q, sizeof q));
                    goto out;
                }
                if (json_is_null(v))
                    continue; /* missing, never zero */
                if (!json_is_number(v) ||
                    !isfinite(json_number_value(v))) {
                    st = ds__error_set(err, DS_EPARSE, c->path, 0, 0,
                                       "%s %s %ld: the value is not a "
                                       "number", code, iso, y);
                    goto out;
                }
                unsigned flags = y >= ryear ? DS_FLAG_PROJECTION : 0u;
                if (k->aggregate)
                    flags |= DS_FLAG_AGGREGATE;
                /* billions as a decimal exponent on the shortest text that
                 * gives the same double (560059.19 -> 560059.19e9), so no
                 * binary rounding error is multiplied up */
                double val = json_number_value(v);
                if (scale != 1) {
                    char t[64];
                    for (int p = 1; p <= 17; p++) {
                        snprintf(t, sizeof t, "%.*g", p, val);
                        if (strtod(t, NULL) == val)
                            break;
                    }
                    if (strchr(t, 'e') || strchr(t, 'n') || strchr(t, 'i')) {
                        val *= scale;
                    } else {
                        strcat(t, "e9");
                        val = strtod(t, NULL);
                    }
                }
                ds__obs_spec o = {k->iso3, (int)y, 1, ind, val, cur,
                                  m ? m->price : "", "imf_weo",
                                  source, vintage, flags, note, 0, 0};
                st = ds__emit(c, &o, err);
                if (st != DS_OK)
                    goto out;
            }
        }
    }
out:
    json_decref(root);
    return st;
}

const ds__loader ds__loader_imf = {"imf", imf_detect, imf_load};
