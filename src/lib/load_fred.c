/* load_fred.c - FRED (St. Louis Fed) CSV downloads of exchange rates.
 *
 * Header `observation_date,<SERIES>` (older files: `DATE,<SERIES>`), one
 * row per date YYYY-MM-DD; `.` or an empty cell is missing.  The series
 * id says what it is: EXJPUS / DEXJPUS are yen per US$ (monthly / daily
 * averages of the Federal Reserve Board's H.10 noon rates).  The
 * definition is `fred_<series>` (fred_exjpus), as averages of monthly and
 * of daily rates differ.
 *
 * Any other series (JPNNGDP: Japan's nominal GDP, quarterly, billions of
 * yen, SAAR) is read when --as says what it is: indicator, currency and
 * scale (the CSV states none of them), price (an <ISO3>NGDP series is
 * nominal: current prices), country (else the ISO3 prefix of the series
 * id); without --as it is reported as skipped with the --as to add.  The
 * average of a year's four SAAR quarters is the year's level.
 *
 * Promises: the store holds annual figures, so a sub-annual series is
 * refused unless annualizing is asked for; then a year is averaged only
 * when complete - 12 of 12 months (monthly), 4 of 4 quarters (quarterly),
 * or at least one observation in each of the 12 months (daily, weekly) -
 * and the note says how many observations were averaged; incomplete years
 * are reported as skipped.  Averages carry the `derived` flag.  A date
 * that does not exist (2023-02-29, 2024-04-31) stops the load with its
 * file, line and column: FRED never writes one, so the file was edited or
 * damaged, and averaging or skipping its rows would give a wrong rate.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader_util.h"

static const struct {
    const char *code;   /* currency code in the series id: EX<code>US */
    const char *iso3;
    const char *currency;
} fx_series[] = {
    {"JP", "JPN", "JPY"}, {"KO", "KOR", "KRW"}, {"CH", "CHN", "CNY"},
    {"IN", "IND", "INR"}, {"CA", "CAN", "CAD"}, {"SZ", "CHE", "CHF"},
    {"MX", "MEX", "MXN"}, {"BZ", "BRA", "BRL"}, {"SD", "SWE", "SEK"},
    {"NO", "NOR", "NOK"}, {"DN", "DNK", "DKK"}, {"TA", "TWN", "TWD"},
    {"SI", "SGP", "SGD"}, {"HK", "HKG", "HKD"}, {"TH", "THA", "THB"},
    {"MA", "MYS", "MYR"}, {"SF", "ZAF", "ZAR"}, {"SL", "LKA", "LKR"},
};

/* EX<cc>US (monthly) or DEX<cc>US (daily): local currency per US$.
 * Returns 1 and sets *iso3, *cur for a known exchange-rate series. */
static int
fx_lookup(const char *s, const char **iso3, const char **cur)
{
    const char *cc = strncmp(s, "DEX", 3) == 0 ? s + 3
                     : strncmp(s, "EX", 2) == 0 ? s + 2 : NULL;
    if (cc && strlen(cc) == 4 && strcmp(cc + 2, "US") == 0)
        for (size_t i = 0; i < sizeof fx_series / sizeof *fx_series; i++)
            if (strncmp(fx_series[i].code, cc, 2) == 0) {
                *iso3 = fx_series[i].iso3;
                *cur = fx_series[i].currency;
                return 1;
            }
    return 0;
}

typedef struct obs {
    int year, month, day;
    double v;
    size_t line, column;
} obs;

typedef struct fred {
    ds__import_ctx *ctx;
    int header;
    char series[64];
    int e10;         /* --as scale for a series described with --as */
    obs *v;
    size_t n, cap;
} fred;

static int
fred_detect(const char *buf, size_t len)
{
    size_t i = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    if ((len - i > 17 && memcmp(buf + i, "observation_date,", 17) == 0) ||
        (len - i > 5 && memcmp(buf + i, "DATE,", 5) == 0))
        return 90;
    return 0;
}

static ds_status
fred_row(void *vctx, const ds__csv_row *row, ds_error *err)
{
    fred *f = vctx;
    char q[80];
    if (row->nfields != 2)
        return ds__error_set(err, DS_EPARSE, row->path, row->line,
                             ds__csv_column(row, row->nfields < 2 ? row->nfields : 2),
                             "expected 2 fields (date and value), found %zu",
                             row->nfields);
    if (!f->header) {
        if (strcmp(row->fields[0], "observation_date") != 0 &&
            strcmp(row->fields[0], "DATE") != 0)
            return ds__error_set(err, DS_EPARSE, row->path, row->line, 1,
                                 "expected 'observation_date' or 'DATE', "
                                 "found '%s'",
                                 ds__quote(row->fields[0], q, sizeof q));
        snprintf(f->series, sizeof f->series, "%s", row->fields[1]);
        const ds__as *as = DS__AS(f->ctx);
        if (as->scale_exp > 0)
            f->e10 = as->scale_exp;
        f->header = 1;
        return DS_OK;
    }
    const char *d = row->fields[0];
    long y, m, dd;
    if (row->lens[0] != 10 || d[4] != '-' || d[7] != '-' ||
        !ds__parse_int_n(d, 4, 1000, 3000, &y) ||
        !ds__parse_int_n(d + 5, 2, 1, 12, &m) ||
        !ds__parse_int_n(d + 8, 2, 1, 31, &dd))
        return ds__error_set(err, DS_EPARSE, row->path, row->line, 1,
                             "invalid date '%s' (expected YYYY-MM-DD)",
                             ds__quote(d, q, sizeof q));
    /* a day that exists: 2023-02-29 would be averaged into February */
    char why[64];
    if (!ds__date_check(d, row->lens[0], NULL, NULL, NULL, NULL, why,
                        sizeof why))
        return ds__error_set(err, DS_EPARSE, row->path, row->line, 1,
                             "invalid date '%s' (%s)",
                             ds__quote(d, q, sizeof q), why);
    if (row->lens[1] == 0 || strcmp(row->fields[1], ".") == 0)
        return DS_OK; /* missing (holidays) */
    double v;
    if (!ds__parse_scaled(row->fields[1], row->lens[1], f->e10, 0, &v))
        return ds__error_set(err, DS_EPARSE, row->path, row->line,
                             ds__csv_column(row, 1), "invalid number '%s'",
                             ds__quote(row->fields[1], q, sizeof q));
    if (f->n && (f->v[f->n - 1].year > y ||
                 (f->v[f->n - 1].year == y &&
                  (f->v[f->n - 1].month > m ||
                   (f->v[f->n - 1].month == m && f->v[f->n - 1].day >= dd)))))
        return ds__error_set(err, DS_EPARSE, row->path, row->line, 1,
                             "date '%s' is not after the previous row's", d);
    if (f->n == f->cap) {
        size_t nc = f->cap ? f->cap * 2 : 512;
        obs *n = realloc(f->v, nc * sizeof *n);
        if (!n)
            return ds__error_set(err, DS_ENOMEM, row->path, row->line, 0,
                                 "out of memory");
        f->v = n;
        f->cap = nc;
    }
    obs *o = &f->v[f->n++];
    o->year = (int)y;
    o->month = (int)m;
    o->day = (int)dd;
    o->v = v;
    o->line = row->line;
    o->column = ds__csv_column(row, 1);
    return DS_OK;
}

enum { F_ANNUAL, F_QUARTERLY, F_MONTHLY, F_DAILY };

/* A series that is not an exchange rate, as --as describes it. */
typedef struct described {
    const char *indicator; /* NULL: an exchange rate */
    const char *iso3;
    const char *currency;
    const char *price;
} described;

/* FRED names national accounts <ISO3>NGDP (nominal: current prices) and
 * <ISO3>RGDP (real); the country is the ISO3 prefix when the table knows
 * it. */
static ds_status
describe(fred *f, described *d, ds_error *err)
{
    ds__import_ctx *c = f->ctx;
    const ds__as *as = DS__AS(c);
    const char *s = f->series;
    char q[80];
    d->indicator = as->indicator[0] ? as->indicator : "fx";
    const ds_country *k = NULL;
    if (as->country[0]) {
        k = ds__country_find(c, as->country);
        if (!k && c->countries)
            return ds__error_set(err, DS_EINVAL, c->path, 1, 2,
                                 "%s country='%s' is not in the country "
                                 "table", ds__as_opt(as),
                                 ds__quote(as->country, q, sizeof q));
        d->iso3 = k ? k->iso3 : as->country;
    } else if (strlen(s) > 3) {
        char pre[4] = {s[0], s[1], s[2], '\0'};
        k = ds__country_find(c, pre);
        if (k && strcmp(k->iso3, pre) == 0)
            d->iso3 = k->iso3;
    }
    if (!d->iso3)
        return ds__error_set(err, DS_EINVAL, c->path, 1, 2,
                             "FRED series '%s' does not say its country: "
                             "give it with %s country=ISO3", s,
                             ds__as_opt(as));
    const char *rest = s + (strncmp(s, d->iso3, 3) == 0 ? 3 : 0);
    d->currency = as->currency[0] ? as->currency : "";
    if (as->price[0])
        d->price = as->price;
    else if (strncmp(rest, "NGDP", 4) == 0)
        d->price = "current"; /* N: nominal */
    int money = as->currency[0] != 0;
    if (money && !d->price)
        return ds__error_set(err, DS_EINVAL, c->path, 1, 2,
                             "FRED series '%s' does not say its prices: give "
                             "them with %s price=current or "
                             "price=constant-YYYY", s, ds__as_opt(as));
    if (!money && (strcmp(d->indicator, "gdp") == 0 ||
                   strcmp(d->indicator, "milex") == 0))
        return ds__error_set(err, DS_EINVAL, c->path, 1, 2,
                             "FRED series '%s' does not say its currency: "
                             "give it with %s currency=CUR (ISO 4217, e.g. "
                             "JPY)", s, ds__as_opt(as));
    if (as->scale_exp < 0)
        return ds__error_set(err, DS_EINVAL, c->path, 1, 2,
                             "FRED series '%s' does not say its unit: give "
                             "it with %s scale=1, 1e3, 1e6 or 1e9 (FRED "
                             "states it on the series' page, e.g. "
                             "\"Billions of Yen\" is scale=1e9)", s,
                             ds__as_opt(as));
    return DS_OK; /* the scale was applied when the cells were read */
}

static int
frequency(const fred *f)
{
    int step = 0;
    for (size_t i = 0; i < f->n; i++)
        if (f->v[i].day != 1)
            return F_DAILY;
    for (size_t i = 1; i < f->n; i++) {
        int d = (f->v[i].year - f->v[i - 1].year) * 12 + f->v[i].month -
                f->v[i - 1].month;
        if (!step || d < step)
            step = d;
    }
    return step >= 12 ? F_ANNUAL : step == 3 ? F_QUARTERLY
                                 : step == 1 ? F_MONTHLY : F_DAILY;
}

static ds_status
fred_emit(fred *f, ds_error *err)
{
    ds__import_ctx *c = f->ctx;
    const char *s = f->series;
    size_t sl = strlen(s);
    const char *iso3 = NULL, *cur = NULL;
    fx_lookup(s, &iso3, &cur);
    described d;
    memset(&d, 0, sizeof d);
    if (!iso3 && !DS__AS(c)->indicator[0]) {
        ds__skipf(c, 1, 2, "FRED series '%s' has no defspend meaning (known: "
                  "EX<cc>US and DEX<cc>US exchange rates, local currency "
                  "per US$); nothing was read; say what it is with %s "
                  "indicator=NAME,currency=CUR,scale=N (e.g. %s "
                  "indicator=gdp,currency=JPY,scale=1e9 for JPNNGDP)", s,
                  ds__as_opt(DS__AS(c)), ds__as_opt(DS__AS(c)));
        return DS_OK;
    }
    (void)sl;
    if (!iso3 || DS__AS(c)->indicator[0]) {
        ds_status st = describe(f, &d, err);
        if (st != DS_OK)
            return st;
        iso3 = d.iso3;
        cur = d.currency;
    }
    const char *ind = d.indicator ? d.indicator : "fx";
    if (!ds__want_indicator(c, ind, s) || !ds__want_country(c, iso3) ||
        f->n == 0)
        return DS_OK;
    int fq = frequency(f);
    static const char *const fname[] = {"annual", "quarterly", "monthly",
                                        "daily"};
    static const int need[] = {1, 4, 12, 12};
    if (fq != F_ANNUAL && !c->annualize) {
        char on[64];
        c->needs_option = "annualize";
        return ds__error_set(err, DS_EINVAL, c->path, f->v[0].line, 1,
                             "FRED series '%s' is %s and the store holds "
                             "annual figures: use %s to average "
                             "each complete year (%s)",
                             s, fname[fq],
                             ds__ctx_opt(c, "annualize", on, sizeof on),
                             fq == F_DAILY ? "an observation in each of "
                                             "the 12 months"
                             : fq == F_MONTHLY ? "12 of 12 months"
                                               : "4 of 4 quarters");
    }
    char source[320];
    if (DS__AS(c)->source[0])
        snprintf(source, sizeof source, "%s", DS__AS(c)->source);
    else if (d.indicator)
        snprintf(source, sizeof source, "FRED %s", s);
    else
        snprintf(source, sizeof source,
                 "FRED %s (Board of Governors of the Federal Reserve System, "
                 "H.10)", s);
    /* monthly and daily averages differ: the definition names the series */
    char def[80] = "fred_";
    ds__indicator_from_code(s, def + 5, sizeof def - 5);
    if (DS__AS(c)->definition[0])
        snprintf(def, sizeof def, "%s", DS__AS(c)->definition);
    int fy = DS__AS(c)->fy_start_month ? DS__AS(c)->fy_start_month : 1;
    for (size_t i = 0; i < f->n;) {
        size_t j = i;
        double sum = 0;
        int months = 0, last_month = 0;
        while (j < f->n && f->v[j].year == f->v[i].year) {
            sum += f->v[j].v;
            if (f->v[j].month != last_month) {
                months++;
                last_month = f->v[j].month;
            }
            j++;
        }
        size_t cnt = j - i;
        int have = fq == F_DAILY ? months : (int)cnt;
        char note[160] = "";
        double v = f->v[i].v;
        unsigned flags = 0;
        if (fq != F_ANNUAL) {
            if (have < need[fq]) {
                ds__skipf(c, f->v[i].line, 1,
                          "%d: %d of %d %s present; a complete year is "
                          "needed to average it",
                          f->v[i].year, have, need[fq],
                          fq == F_DAILY ? "months with observations"
                                        : fq == F_MONTHLY ? "monthly observations"
                                                          : "quarterly observations");
                i = j;
                continue;
            }
            v = sum / (double)cnt;
            flags = DS_FLAG_DERIVED;
            snprintf(note, sizeof note,
                     "annual average of %zu %s observations", cnt,
                     fname[fq]);
        }
        ds__obs_spec o = {iso3, f->v[i].year, fy, ind, v, cur,
                          d.price ? d.price : "", def, source, "", flags,
                          note, f->v[i].line, f->v[i].column};
        ds_status st = ds__emit(c, &o, err);
        if (st != DS_OK)
            return st;
        i = j;
    }
    return DS_OK;
}

static ds_status
fred_load(ds__import_ctx *ctx, ds_error *err)
{
    fred f;
    memset(&f, 0, sizeof f);
    f.ctx = ctx;
    ds_status st = ds__csv_read(ctx->path, ctx->buf, ctx->len, ',', fred_row,
                                &f, err);
    if (st == DS_OK && !f.header)
        st = ds__error_set(err, DS_EPARSE, ctx->path, 1, 1, "empty file");
    if (st == DS_OK)
        st = fred_emit(&f, err);
    free(f.v);
    return st;
}

const ds__loader ds__loader_fred = {"fred", fred_detect, fred_load};
