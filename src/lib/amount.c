/* amount.c - money amounts and target lists as people type them.
 *
 * Promises: "56bn", "56e9", "7.95tn JPY", "$56 billion", "¥7.95 tn",
 * "US$ 56,000 m" all parse; thousands separators must be well placed;
 * anything unrecognised is DS_EINVAL with the 1-based column of the first
 * bad character; numbers are read in the C locale; amounts above
 * DS_AMOUNT_MAX (1e21) are DS_ERANGE.
 */
#include <assert.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

static const struct {
    const char *text;
    const char *code;
} symbols[] = {
    {"US$", "USD"}, {"$", "USD"}, {"\xC2\xA5", "JPY"}, {"\xEF\xBF\xA5", "JPY"},
    {"\xE2\x82\xAC", "EUR"}, {"\xC2\xA3", "GBP"}, {"\xE2\x82\xA9", "KRW"},
    {"A$", "AUD"}, {"C$", "CAD"},
};

static const struct {
    const char *word;
    const char *code;
} currency_words[] = {
    {"yen", "JPY"}, {"dollar", "USD"}, {"dollars", "USD"}, {"euro", "EUR"},
    {"euros", "EUR"}, {"won", "KRW"}, {"pounds", "GBP"},
};

static const struct {
    const char *word;
    double factor;
} scales[] = {
    {"k", 1e3},        {"thousand", 1e3}, {"m", 1e6},        {"mn", 1e6},
    {"mio", 1e6},      {"million", 1e6},  {"millions", 1e6}, {"b", 1e9},
    {"bn", 1e9},       {"billion", 1e9},  {"billions", 1e9}, {"t", 1e12},
    {"tn", 1e12},      {"trillion", 1e12}, {"trillions", 1e12},
};

static size_t
skip_space(const char *s, size_t i)
{
    while (s[i] == ' ' || s[i] == '\t')
        i++;
    return i;
}

/* Length of an alphabetic word at s[i]. */
static size_t
word_len(const char *s, size_t i)
{
    size_t n = 0;
    while (isalpha((unsigned char)s[i + n]))
        n++;
    return n;
}

static int
word_is(const char *s, size_t len, const char *w)
{
    if (strlen(w) != len)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (tolower((unsigned char)s[i]) != w[i])
            return 0;
    return 1;
}

static ds_status
bad(ds_error *err, const char *text, size_t i, const char *what)
{
    char q[80];
    return ds__error_set(err, DS_EINVAL, NULL, 0, ds__utf8_len(text, i) + 1,
                         "invalid amount '%s': %s (examples: 56bn, 56e9, "
                         "'7.95tn JPY', '$56 billion')",
                         ds__quote(text, q, sizeof q), what);
}

static int
set_currency(char cur[4], const char *code)
{
    if (cur[0] && strcmp(cur, code) != 0)
        return 0;
    snprintf(cur, 4, "%s", code);
    return 1;
}

ds_status
ds_amount_parse(const char *text, ds_amount *out, ds_error *err)
{
    assert(text && out);
    char cur[4] = "";
    size_t i = skip_space(text, 0);

    /* prefix: a symbol or a three-letter code */
    for (size_t k = 0; k < sizeof symbols / sizeof *symbols; k++) {
        size_t l = strlen(symbols[k].text);
        if (strncmp(text + i, symbols[k].text, l) == 0) {
            set_currency(cur, symbols[k].code);
            i = skip_space(text, i + l);
            break;
        }
    }
    if (!cur[0] && word_len(text, i) == 3 &&
        isupper((unsigned char)text[i]) && isupper((unsigned char)text[i + 1]) &&
        isupper((unsigned char)text[i + 2])) {
        char code[4] = {text[i], text[i + 1], text[i + 2], 0};
        set_currency(cur, code);
        i = skip_space(text, i + 3);
    }

    /* the number, with optional well-placed thousands separators */
    size_t start = i;
    if (text[i] == '-' && (isdigit((unsigned char)text[i + 1]) || text[i + 1] == '.')) {
        char q[80];
        return ds__error_set(err, DS_ERANGE, NULL, 0,
                             ds__utf8_len(text, i) + 1,
                             "invalid amount '%s': must be greater than zero",
                             ds__quote(text, q, sizeof q));
    }
    char num[512];
    size_t n = 0;
    size_t group = 0;
    int seen_comma = 0, seen_dot = 0;
    for (;;) {
        if (n + 3 >= sizeof num)
            return bad(err, text, i, "number too long");
        char c = text[i];
        if (isdigit((unsigned char)c)) {
            num[n++] = c;
            group++;
            i++;
        } else if (c == ',' && !seen_dot && n > 0 &&
                   isdigit((unsigned char)text[i + 1])) {
            if ((seen_comma && group != 3) || (!seen_comma && group > 3))
                return bad(err, text, i, "misplaced thousands separator");
            seen_comma = 1;
            group = 0;
            i++;
        } else if (c == '.' && !seen_dot) {
            if (seen_comma && group != 3)
                return bad(err, text, i, "misplaced thousands separator");
            seen_dot = 1;
            seen_comma = 0;
            num[n++] = c;
            i++;
        } else if ((c == 'e' || c == 'E') && n > 0 &&
                   (isdigit((unsigned char)text[i + 1]) ||
                    ((text[i + 1] == '+' || text[i + 1] == '-') &&
                     isdigit((unsigned char)text[i + 2])))) {
            if (seen_comma && !seen_dot && group != 3)
                return bad(err, text, i, "misplaced thousands separator");
            num[n++] = c;
            i++;
            if (text[i] == '+' || text[i] == '-')
                num[n++] = text[i++];
            while (isdigit((unsigned char)text[i])) {
                if (n + 1 >= sizeof num)
                    return bad(err, text, i, "number too long");
                num[n++] = text[i++];
            }
            seen_comma = 0;
            break;
        } else {
            break;
        }
    }
    if (seen_comma && !seen_dot && group != 3)
        return bad(err, text, i, "misplaced thousands separator");
    num[n] = '\0';
    double v;
    if (n == 0 || !ds__parse_double_n(num, n, &v))
        return bad(err, text, start, "expected a number");

    /* scale word */
    i = skip_space(text, i);
    size_t wl = word_len(text, i);
    if (wl) {
        for (size_t k = 0; k < sizeof scales / sizeof *scales; k++)
            if (word_is(text + i, wl, scales[k].word)) {
                v *= scales[k].factor;
                i = skip_space(text, i + wl);
                wl = word_len(text, i);
                break;
            }
    }
    /* currency suffix */
    if (wl) {
        int ok = 0;
        for (size_t k = 0; k < sizeof currency_words / sizeof *currency_words; k++)
            if (word_is(text + i, wl, currency_words[k].word)) {
                if (!set_currency(cur, currency_words[k].code))
                    return bad(err, text, i, "two different currencies");
                ok = 1;
            }
        if (!ok && wl == 3) {
            char code[4] = {(char)toupper((unsigned char)text[i]),
                            (char)toupper((unsigned char)text[i + 1]),
                            (char)toupper((unsigned char)text[i + 2]), 0};
            if (!set_currency(cur, code))
                return bad(err, text, i, "two different currencies");
            ok = 1;
        }
        if (!ok)
            return bad(err, text, i, "unknown unit or currency");
        i = skip_space(text, i + wl);
    }
    if (text[i] != '\0')
        return bad(err, text, i, "unexpected text");
    if (!isfinite(v))
        return bad(err, text, start, "number out of range");
    if (v <= 0) {
        char q[80];
        return ds__error_set(err, DS_ERANGE, NULL, 0,
                             ds__utf8_len(text, start) + 1,
                             "invalid amount '%s': must be greater than zero",
                             ds__quote(text, q, sizeof q));
    }
    if (v > DS_AMOUNT_MAX) {
        char q[80];
        return ds__error_set(err, DS_ERANGE, NULL, 0,
                             ds__utf8_len(text, start) + 1,
                             "invalid amount '%s': more than 1e21 "
                             "(1,000,000,000 tn), the largest amount "
                             "accepted in any currency",
                             ds__quote(text, q, sizeof q));
    }
    out->value = v;
    memcpy(out->currency, cur, sizeof out->currency);
    return DS_OK;
}

ds_status
ds_targets_parse(const char *text, double *out, size_t cap, size_t *n,
                 ds_error *err)
{
    assert(text && (out || cap == 0) && n);
    char q[80];
    size_t count = 0, i = 0;
    double tmp[64];
    for (;;) {
        size_t s = skip_space(text, i);
        size_t e = s;
        while (text[e] && text[e] != ',' && text[e] != '%' && text[e] != ' ')
            e++;
        double v;
        if (e == s || !ds__parse_double_n(text + s, e - s, &v))
            return ds__error_set(err, DS_EINVAL, NULL, 0,
                                 ds__utf8_len(text, s) + 1,
                                 "invalid target list '%s': expected a share "
                                 "of GDP in percent such as 3.5",
                                 ds__quote(text, q, sizeof q));
        if (!(v > 0 && v <= 100))
            return ds__error_set(err, DS_ERANGE, NULL, 0,
                                 ds__utf8_len(text, s) + 1,
                                 "invalid target list '%s': %.*s%% is not "
                                 "between 0 (exclusive) and 100",
                                 ds__quote(text, q, sizeof q), (int)(e - s),
                                 text + s);
        if (count >= cap || count >= sizeof tmp / sizeof *tmp)
            return ds__error_set(err, DS_ERANGE, NULL, 0,
                                 ds__utf8_len(text, s) + 1,
                                 "too many targets (at most %zu)",
                                 cap < 64 ? cap : (size_t)64);
        tmp[count++] = v;
        i = e;
        if (text[i] == '%')
            i++;
        i = skip_space(text, i);
        if (text[i] == '\0')
            break;
        if (text[i] != ',')
            return ds__error_set(err, DS_EINVAL, NULL, 0,
                                 ds__utf8_len(text, i) + 1,
                                 "invalid target list '%s': expected ',' "
                                 "between targets",
                                 ds__quote(text, q, sizeof q));
        i++;
    }
    memcpy(out, tmp, count * sizeof *tmp);
    *n = count;
    return DS_OK;
}
