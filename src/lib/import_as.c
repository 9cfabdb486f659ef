/* import_as.c - parsing `--as KEY=VALUE,...` (see import_as.h).
 *
 * Promises: every key is checked when the import starts, before any file
 * is read: an unknown key lists the known ones; a value in the wrong form
 * says the form expected; a key given twice is refused.
 */
#include "import_as.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const ds__as *
ds__as_none(void)
{
    static const ds__as none = {0, "", "", "", -1, "", 0, "", "", "", ""};
    return &none;
}

const char *
ds__as_opt(const ds__as *as)
{
    return as && as->opt[0] ? as->opt : "the 'as' option";
}

int
ds__scale_word(const char *s, int *exp10)
{
    static const struct {
        const char *w;
        int e;
    } words[] = {{"1", 0},        {"1e0", 0},       {"1e3", 3},
                 {"1e6", 6},      {"1e9", 9},       {"1e12", 12},
                 {"units", 0},    {"thousand", 3},  {"thousands", 3},
                 {"million", 6},  {"millions", 6},  {"billion", 9},
                 {"billions", 9}, {"trillion", 12}, {"trillions", 12},
                 {"1000", 3},     {"1000000", 6}};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (ds__strcaseeq(s, words[i].w)) {
            *exp10 = words[i].e;
            return 1;
        }
    return 0;
}

size_t
ds__degroup(const char *s, size_t len, char thou, char dec, char *t,
            size_t size)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        if (o + 8 >= size)
            return 0;
        if (thou && s[i] == thou) {
            /* a group separator sits between digits, 3 of them after */
            if (i == 0 || !isdigit((unsigned char)s[i - 1]) || i + 3 >= len ||
                !isdigit((unsigned char)s[i + 1]) ||
                !isdigit((unsigned char)s[i + 2]) ||
                !isdigit((unsigned char)s[i + 3]) ||
                (i + 4 < len && isdigit((unsigned char)s[i + 4])))
                return 0;
            continue;
        }
        t[o++] = s[i] == dec ? '.' : s[i];
    }
    return o;
}

int
ds__parse_scaled(const char *s, size_t len, int exp10, int thousands,
                 double *out)
{
    char t[96];
    size_t o = ds__degroup(s, len, thousands ? ',' : 0, '.', t, sizeof t);
    if (o == 0)
        return 0;
    if (exp10 == 0)
        return ds__parse_double_n(t, o, out);
    for (size_t i = 0; i < o; i++)
        if (!isdigit((unsigned char)t[i]) && t[i] != '.' && t[i] != '-' &&
            t[i] != '+')
            return 0; /* the scale adds the exponent */
    o += (size_t)snprintf(t + o, sizeof t - o, "e%d", exp10);
    return ds__parse_double_n(t, o, out);
}

static int
lower_word(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) &&
            *s != '_' && *s != '-')
            return 0;
    return 1;
}

static ds_status
bad(ds_error *err, const char *on, const char *key, const char *val,
    const char *expect)
{
    char q[80];
    return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                         "invalid %s %s '%s' (expected %s)", on, key,
                         ds__quote(val, q, sizeof q), expect);
}

static ds_status
set_one(ds__as *a, const char *key, const char *val, unsigned *seen,
        ds_error *err)
{
    static const char *const keys[] = {"indicator", "currency",   "price",
                                       "scale",     "definition", "year-basis",
                                       "country",   "source",     "vintage"};
    const char *on = ds__as_opt(a);
    char q[80];
    size_t k = 0;
    while (k < sizeof keys / sizeof *keys && strcmp(keys[k], key) != 0)
        k++;
    if (k == sizeof keys / sizeof *keys)
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "unknown %s key '%s' (known: " DS__AS_KEYS ")",
                             on, ds__quote(key, q, sizeof q));
    if (*seen & (1u << k))
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "%s key '%s' given twice", on, key);
    *seen |= 1u << k;
    if (!*val)
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "%s key '%s' has no value (write %s=VALUE)",
                             on, key, key);
    switch (k) {
    case 0:
        if (!lower_word(val) || strlen(val) >= sizeof a->indicator ||
            strchr(val, '-'))
            return bad(err, on, key, val,
                       "a defspend indicator such as milex, gdp or "
                       "milex_gdp_pct: lowercase letters, digits and '_'");
        snprintf(a->indicator, sizeof a->indicator, "%s", val);
        break;
    case 1:
        if (strlen(val) != 3 || !isupper((unsigned char)val[0]) ||
            !isupper((unsigned char)val[1]) || !isupper((unsigned char)val[2]))
            return bad(err, on, key, val, "an ISO 4217 code such as USD or JPY");
        memcpy(a->currency, val, 4);
        break;
    case 2: {
        long y;
        if (strcmp(val, "current") == 0)
            snprintf(a->price, sizeof a->price, "current");
        else if (strncmp(val, "constant-", 9) == 0 && strlen(val) == 13 &&
                 ds__parse_int_n(val + 9, 4, 1900, 2999, &y))
            snprintf(a->price, sizeof a->price, "constant %ld", y);
        else
            return bad(err, on, key, val, "current or constant-YYYY");
        break;
    }
    case 3:
        if (!ds__scale_word(val, &a->scale_exp))
            return bad(err, on, key, val,
                       "1, 1e3, 1e6, 1e9, 1e12, thousand, million, billion "
                       "or trillion");
        break;
    case 4:
        if (!lower_word(val) || strlen(val) >= sizeof a->definition)
            return bad(err, on, key, val,
                       "a definition name such as sipri or mod_budget: "
                       "lowercase letters, digits, '_' and '-'");
        snprintf(a->definition, sizeof a->definition, "%s", val);
        break;
    case 5:
        if (ds__year_basis_parse(val, &a->fy_start_month) != DS_OK)
            return bad(err, on, key, val, "calendar or fiscal-MM");
        if (a->fy_start_month < 1)
            a->fy_start_month = 1;
        break;
    case 6:
        if (strlen(val) >= sizeof a->country)
            return bad(err, on, key, val, "an ISO3 code or a country name");
        snprintf(a->country, sizeof a->country, "%s", val);
        break;
    case 7:
        if (strlen(val) >= sizeof a->source)
            return bad(err, on, key, val, "at most 199 characters");
        snprintf(a->source, sizeof a->source, "%s", val);
        break;
    case 8: {
        char why[64];
        if (!ds__date_check(val, strlen(val), NULL, NULL, NULL, NULL, why,
                            sizeof why))
            return bad(err, on, key, val, "a date YYYY-MM-DD");
        snprintf(a->vintage, sizeof a->vintage, "%s", val);
        break;
    }
    }
    return DS_OK;
}

ds_status
ds__as_parse(const char *text, const char *prefix, ds__as *out,
             ds_error *err)
{
    memset(out, 0, sizeof *out);
    out->scale_exp = -1;
    if (prefix)
        snprintf(out->opt, sizeof out->opt, "%sas", prefix);
    if (!text || !*text)
        return DS_OK;
    char *copy = strdup(text);
    if (!copy)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    unsigned seen = 0;
    ds_status st = DS_OK;
    char *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok && st == DS_OK;
         tok = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(tok, '=');
        char q[80];
        if (!eq) {
            st = ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                               "invalid %s item '%s' (expected KEY=VALUE; "
                               "keys: " DS__AS_KEYS ")",
                               ds__as_opt(out), ds__quote(tok, q, sizeof q));
            break;
        }
        *eq = '\0';
        st = set_one(out, tok, eq + 1, &seen, err);
    }
    free(copy);
    if (st == DS_OK)
        out->given = seen != 0;
    return st;
}

ds_status
ds__as_check(const char *format, int is_zip, const ds__as *as,
             const char *path, ds_error *err)
{
    /* which keys each format reads (vintage: all of them, in import.c) */
    static const struct {
        const char *format;
        const char *keys; /* " key key ... " */
    } uses[] = {
        {"owid", " indicator currency price scale definition year-basis "
                 "source "},
        {"fred", " indicator currency price scale definition year-basis "
                 "country source "},
        {"weo", " country price definition source "},
        {"sipri", " indicator currency price scale definition year-basis "
                  "source "},
        {"table", " indicator currency price scale definition year-basis "
                  "country source "},
    };
    const char *keys = "";
    for (size_t i = 0; i < sizeof uses / sizeof *uses; i++)
        if (strcmp(uses[i].format, format) == 0)
            keys = uses[i].keys;
    if (is_zip && strcmp(format, "sipri") == 0)
        keys = ""; /* the workbook's titles say what each sheet is */
    const struct {
        const char *key;
        int given;
    } given[] = {
        {"indicator", as->indicator[0] != 0},
        {"currency", as->currency[0] != 0},
        {"price", as->price[0] != 0},
        {"scale", as->scale_exp >= 0},
        {"definition", as->definition[0] != 0},
        {"year-basis", as->fy_start_month != 0},
        {"country", as->country[0] != 0},
        {"source", as->source[0] != 0},
    };
    for (size_t i = 0; i < sizeof given / sizeof *given; i++) {
        char k[32];
        snprintf(k, sizeof k, " %s ", given[i].key);
        if (given[i].given && !strstr(keys, k))
            return ds__error_set(err, DS_EINVAL, path, 0, 0,
                                 "%s %s is not used by the %s format%s: "
                                 "the file says it itself; leave it out",
                                 ds__as_opt(as), given[i].key, format,
                                 is_zip ? " (a workbook)" : "");
    }
    return DS_OK;
}
