/* load_wdi.c - World Bank WDI downloads: indicator and country CSVs, the
 * .zip as downloaded (with its Metadata_Country file) and the bulk
 * WDICSV.csv; also the table engine DataBank extracts share.
 *
 * The CSV has a UTF-8 BOM, four preamble lines ("Data Source", "Last
 * Updated Date"), a header "Country Name","Country Code","Indicator
 * Name","Indicator Code","1960",... and a trailing comma on every line;
 * CRLF or LF.  Series codes map to defspend indicators through the table
 * in loader_util.c (NY.GDP.MKTP.CD -> gdp USD, ...); rows of other series
 * are counted as not used (per series) unless asked for with --indicator.
 *
 * A CSV opened and saved by a spreadsheet program is read too: quotes
 * stripped, rows padded with commas, "3/28/2024" for 03/28/2024; the
 * summary says its values may have been rounded.
 *
 * Promises: every value is the source's number read in the C locale (an
 * empty cell is missing, never zero); a local-currency series takes the
 * country's ISO 4217 code from the country table and is skipped, with a
 * reason, when none is known; a country code the table does not know is
 * reported with its row; aggregates get the `aggregate` flag; the bulk
 * file is streamed in memory bounded by one record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "loader_util.h"

#define MAX_YEARS 400
#define SEEN_SLOTS 4096 /* a power of two */

typedef struct meta_entry {
    char code[17];
    int aggregate;
} meta_entry;

typedef struct wb {
    ds__import_ctx *ctx;
    int databank;
    char vintage[11];
    int have_header;
    int ended;            /* databank: past the table */
    size_t ncols;         /* fields in the header */
    int years[MAX_YEARS]; /* per column >= 4; 0 = not a year column */
    size_t nyears;
    meta_entry *meta;     /* from Metadata_Country, or NULL */
    size_t nmeta;
    /* wb_skip: series code -> its verdict, open addressing; the bulk
     * file cycles through its ~1,500 series for every country, so the
     * table holds them all (a code that does not fit is decided anew) */
    struct {
        char code[32];
        int skip;
        int counted; /* counted once as unused (ds__unused) */
        size_t more; /* rows counted since, reported by wb_flush */
    } seen[SEEN_SLOTS];
    size_t nseen;
} wb;

/* Report the unused rows wb_skip added up (before the table's reader
 * returns: load_with reads the counts then). */
static void
wb_flush(wb *w)
{
    for (size_t j = 0; w->nseen && j < SEEN_SLOTS; j++)
        if (w->seen[j].more) {
            ds__unused_more(w->ctx, w->seen[j].code,
                            strlen(w->seen[j].code), w->seen[j].more);
            w->seen[j].more = 0;
        }
}

/* "1960" or "1960 [YR1960]" -> 1960; 0 if neither. */
static int
year_of(const char *s, size_t len)
{
    long y;
    if (len == 4 && ds__parse_int_n(s, 4, 1000, 3000, &y))
        return (int)y;
    if (len == 13 && s[4] == ' ' && strncmp(s + 5, "[YR", 3) == 0 &&
        s[12] == ']' && memcmp(s, s + 8, 4) == 0 &&
        ds__parse_int_n(s, 4, 1000, 3000, &y))
        return (int)y;
    return 0;
}

static int
all_empty(const ds__csv_row *row)
{
    for (size_t i = 0; i < row->nfields; i++)
        if (row->lens[i])
            return 0;
    return 1;
}

static ds_status
header(wb *w, const ds__csv_row *row, ds_error *err)
{
    char q[80];
    static const char *const wdi_cols[] = {"Country Name", "Country Code",
                                           "Indicator Name",
                                           "Indicator Code"};
    static const char *const db_cols[] = {"Country Name", "Country Code",
                                          "Series Name", "Series Code"};
    const char *const *cols = w->databank ? db_cols : wdi_cols;
    if (row->nfields < 5)
        return ds__error_set(err, DS_EPARSE, row->path, row->line,
                             ds__csv_column(row, row->nfields),
                             "expected a year column after '%s'",
                             cols[row->nfields < 4 ? row->nfields : 3]);
    for (size_t i = 0; i < 4; i++)
        if (strcmp(row->fields[i], cols[i]) != 0)
            return ds__error_set(err, DS_EPARSE, row->path, row->line,
                                 ds__csv_column(row, i),
                                 "expected column '%s', found '%s'", cols[i],
                                 ds__quote(row->fields[i], q, sizeof q));
    if (row->nfields > MAX_YEARS)
        return ds__error_set(err, DS_EPARSE, row->path, row->line,
                             ds__csv_column(row, MAX_YEARS),
                             "too many columns (%zu)", row->nfields);
    size_t n = row->nfields;
    if (n > 4 && row->lens[n - 1] == 0)
        n--; /* the trailing comma */
    for (size_t i = 4; i < n; i++) {
        int y = year_of(row->fields[i], row->lens[i]);
        if (!y)
            return ds__error_set(err, DS_EPARSE, row->path, row->line,
                                 ds__csv_column(row, i),
                                 "expected a year column such as '%s', "
                                 "found '%s'",
                                 w->databank ? "2000 [YR2000]" : "1960",
                                 ds__quote(row->fields[i], q, sizeof q));
        w->years[i] = y;
        w->nyears++;
    }
    w->ncols = n;
    w->have_header = 1;
    return DS_OK;
}

static int
meta_aggregate(const wb *w, const char *code, int *agg)
{
    for (size_t i = 0; i < w->nmeta; i++)
        if (strcmp(w->meta[i].code, code) == 0) {
            *agg = w->meta[i].aggregate;
            return 1;
        }
    return 0;
}

static ds_status
data_row(wb *w, const ds__csv_row *row, ds_error *err)
{
    ds__import_ctx *c = w->ctx;
    char q[80];
    if (row->nfields < w->ncols)
        return ds__error_set(err, DS_EPARSE, row->path, row->line,
                             ds__csv_column(row, row->nfields),
                             "expected %zu fields, found %zu", w->ncols,
                             row->nfields);
    for (size_t i = w->ncols; i < row->nfields; i++)
        if (row->lens[i])
            return ds__error_set(err, DS_EPARSE, row->path, row->line,
                                 ds__csv_column(row, i),
                                 "value '%s' in a column without a year",
                                 ds__quote(row->fields[i], q, sizeof q));
    const char *cname = row->fields[0], *code = row->fields[1];
    const char *iname = row->fields[2], *icode = row->fields[3];
    size_t nvalues = 0;
    for (size_t i = 4; i < w->ncols; i++)
        if (row->lens[i] &&
            !(w->databank && strcmp(row->fields[i], "..") == 0))
            nvalues++;

    const ds__wdi_series *m = ds__wdi_series_find(icode);
    char ind[128];
    if (m) {
        if (!ds__want_indicator(c, m->indicator, icode))
            return DS_OK;
        snprintf(ind, sizeof ind, "%s", m->indicator);
    } else if (ds__asked_code(c, icode)) {
        ds__indicator_from_code(icode, ind, sizeof ind);
    } else {
        /* not used by defspend: counted per series, not a skip (rows
         * dropped by an --indicator filter are neither) */
        if (!c->indicators && nvalues)
            ds__unused(c, icode, row->lens[3], iname, row->lens[2]);
        return DS_OK;
    }
    if (nvalues == 0)
        return DS_OK;

    /* the country: its code must be in the country table */
    const ds_country *k = NULL;
    if (c->countries) {
        if (ds_countries_lookup(c->countries, code, &k, NULL) != DS_OK ||
            strcmp(k->iso3, code) != 0) {
            ds__skipf(c, row->line, ds__csv_column(row, 1),
                      "country code '%s' ('%s') is not in the country table",
                      ds__quote(code, q, sizeof q), cname);
            return DS_OK;
        }
    } else if (!row->lens[1] || row->lens[1] > 16) {
        return ds__error_set(err, DS_EPARSE, row->path, row->line,
                             ds__csv_column(row, 1),
                             "invalid country code '%s'",
                             ds__quote(code, q, sizeof q));
    }
    if (!ds__want_country(c, code))
        return DS_OK;
    int agg = k ? k->aggregate : 0;
    meta_aggregate(w, code, &agg);

    const char *cur = "";
    if (m && m->currency == DS__CUR_USD) {
        cur = "USD";
    } else if (m && m->currency == DS__CUR_LCU) {
        cur = k ? k->currency : "";
        if (strcmp(cur, "USD") == 0 && strcmp(ind, "fx") != 0) {
            ds__skipf(c, row->line, ds__csv_column(row, 3),
                      "%s for '%s': its local currency is the US dollar, "
                      "and the US$ series is the one kept",
                      icode, code);
            return DS_OK;
        }
        if (!cur[0]) {
            ds__skipf(c, row->line, ds__csv_column(row, 3),
                      "%s for '%s' is in local currency, but no ISO 4217 "
                      "currency is known for that country",
                      icode, code);
            return DS_OK;
        }
    }
    char source[160];
    snprintf(source, sizeof source, "World Bank %s %s",
             w->databank ? "WDI DataBank" : "WDI", icode);
    size_t cols[MAX_YEARS + 8];
    size_t ncols = w->ncols < MAX_YEARS + 8 ? w->ncols : MAX_YEARS + 8;
    ds__csv_columns(row, cols, ncols); /* one pass, not one per value */
    /* the row's strings interned once for all its years */
    ds_obs ob;
    int begun = 0;
    for (size_t i = 4; i < w->ncols; i++) {
        if (!row->lens[i] ||
            (w->databank && strcmp(row->fields[i], "..") == 0))
            continue;
        double v;
        if (!ds__parse_double_n(row->fields[i], row->lens[i], &v))
            return ds__error_set(err, DS_EPARSE, row->path, row->line,
                                 ds__csv_column(row, i),
                                 "invalid number '%s'",
                                 ds__quote(row->fields[i], q, sizeof q));
        ds_status st;
        if (!begun) {
            ds__obs_spec o = {code, w->years[i], 1, ind, v, cur,
                              m ? m->price_basis : "", "wdi", source,
                              w->vintage, agg ? DS_FLAG_AGGREGATE : 0u,
                              iname, row->line, 0};
            st = ds__emit_begin(c, &o, &ob, err);
            if (st != DS_OK)
                return st;
            begun = 1;
        }
        st = ds__emit_value(c, &ob, w->years[i], v,
                            i < ncols ? cols[i] : ds__csv_column(row, i),
                            err);
        if (st != DS_OK)
            return st;
    }
    return DS_OK;
}

/* A spreadsheet rewrites the preamble's date 03/28/2024 as 3/28/2024
 * (M/D/YYYY): give it back its two-digit month and day; anything else is
 * copied as it is. */
static void
us_date_padded(const char *s, char *out, size_t size)
{
    size_t a = strspn(s, "0123456789");
    size_t b = a < 3 && s[a] == '/' ? strspn(s + a + 1, "0123456789") : 0;
    if (a >= 1 && a <= 2 && b >= 1 && b <= 2 && s[a + 1 + b] == '/' &&
        strlen(s + a + 2 + b) == 4 &&
        strspn(s + a + 2 + b, "0123456789") == 4)
        snprintf(out, size, "%s%.*s/%s%.*s/%s", a == 1 ? "0" : "", (int)a, s,
                 b == 1 ? "0" : "", (int)b, s + a + 1, s + a + 2 + b);
    else
        snprintf(out, size, "%s", s);
}

static ds_status
wb_row(void *ctx, const ds__csv_row *row, ds_error *err)
{
    wb *w = ctx;
    char q[80];
    if (w->ended)
        return DS_OK;
    if (!w->have_header) {
        if (row->nfields >= 1 && strcmp(row->fields[0], "Country Name") == 0)
            return header(w, row, err);
        if (row->nfields >= 2 &&
            strcmp(row->fields[0], "Last Updated Date") == 0) {
            char why[64], date[16];
            us_date_padded(row->fields[1], date, sizeof date);
            if (!ds__date_iso_why(date, w->vintage, why, sizeof why))
                return ds__error_set(err, DS_EPARSE, row->path, row->line,
                                     ds__csv_column(row, 1),
                                     "invalid date '%s' (%s)",
                                     ds__quote(row->fields[1], q, sizeof q),
                                     why);
            return DS_OK;
        }
        if (row->nfields >= 1 && strcmp(row->fields[0], "Data Source") == 0)
            return DS_OK;
        if (all_empty(row))
            return DS_OK; /* a blank preamble line a spreadsheet padded */
        return ds__error_set(err, DS_EPARSE, row->path, row->line, 1,
                             "expected the header starting 'Country Name', "
                             "found '%s'",
                             ds__quote(row->nfields ? row->fields[0] : "", q,
                                       sizeof q));
    }
    if (w->databank && (all_empty(row) ||
                        strncmp(row->fields[0], "Data from database:", 19) ==
                            0 ||
                        strncmp(row->fields[0], "Last Updated:", 13) == 0)) {
        w->ended = 1; /* footer rows; a metadata section may follow */
        return DS_OK;
    }
    return data_row(w, row, err);
}

/* ------------------------------------------------- Metadata_Country */

typedef struct meta_ctx {
    wb *w;
    int header;
    int col_code, col_region;
    size_t cap;
} meta_ctx;

static ds_status
meta_row(void *ctx, const ds__csv_row *row, ds_error *err)
{
    meta_ctx *m = ctx;
    wb *w = m->w;
    if (!m->header) {
        m->col_code = m->col_region = -1;
        for (size_t i = 0; i < row->nfields; i++) {
            if (strcmp(row->fields[i], "Country Code") == 0)
                m->col_code = (int)i;
            else if (strcmp(row->fields[i], "Region") == 0)
                m->col_region = (int)i;
        }
        if (m->col_code < 0 || m->col_region < 0)
            return ds__error_set(err, DS_EPARSE, row->path, row->line, 1,
                                 "expected the columns 'Country Code' and "
                                 "'Region'");
        m->header = 1;
        return DS_OK;
    }
    if (row->nfields <= (size_t)m->col_code ||
        row->nfields <= (size_t)m->col_region)
        return ds__error_set(err, DS_EPARSE, row->path, row->line,
                             ds__csv_column(row, row->nfields),
                             "expected at least %d fields, found %zu",
                             (m->col_code > m->col_region ? m->col_code
                                                          : m->col_region) +
                                 1,
                             row->nfields);
    if (w->nmeta == m->cap) {
        size_t nc = m->cap ? m->cap * 2 : 64;
        meta_entry *n = realloc(w->meta, nc * sizeof *n);
        if (!n)
            return ds__error_set(err, DS_ENOMEM, row->path, row->line, 0,
                                 "out of memory");
        w->meta = n;
        m->cap = nc;
    }
    meta_entry *e = &w->meta[w->nmeta++];
    snprintf(e->code, sizeof e->code, "%s", row->fields[m->col_code]);
    e->aggregate = row->lens[m->col_region] == 0;
    return DS_OK;
}

static ds_status
read_meta(wb *w, const char *path, const char *buf, size_t len,
          ds_error *err)
{
    meta_ctx m;
    memset(&m, 0, sizeof m);
    m.w = w;
    return ds__csv_read(path, buf, len, ',', meta_row, &m, err);
}

static int wb_skip(void *ctx, const char *s, size_t n);

ds_status
ds__wb_table(ds__import_ctx *ctx, const char *path, const char *buf,
             size_t len, int databank, const char *vintage, const char *meta,
             size_t meta_len, const char *meta_path, ds_error *err)
{
    wb *w = calloc(1, sizeof *w);
    if (!w)
        return ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
    w->ctx = ctx;
    w->databank = databank;
    snprintf(w->vintage, sizeof w->vintage, "%s", vintage ? vintage : "");
    ds_status st = DS_OK;
    if (meta)
        st = read_meta(w, meta_path, meta, meta_len, err);
    if (st == DS_OK)
        st = ds__csv_read_skip(path, buf, len, ',', wb_row, wb_skip, w, err);
    wb_flush(w);
    if (st == DS_OK && !w->have_header)
        st = ds__error_set(err, DS_EPARSE, path, 1, 1,
                           "no header row starting 'Country Name'");
    free(w->meta);
    free(w);
    return st;
}

/* ------------------------------------------------------- the loader */

static int
is_data_member(const char *name)
{
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    size_t n = strlen(base);
    return n > 4 && strcmp(base + n - 4, ".csv") == 0 &&
           (strncmp(base, "API_", 4) == 0 || strcmp(base, "WDICSV.csv") == 0);
}

/* The first data member at or after `from`, (size_t)-1 when none.  A
 * download can hold several (API_..._1.csv, API_..._2.csv): every one is
 * read; Metadata_* members are metadata, never data. */
static size_t
data_member(const ds__zip *z, size_t from)
{
    size_t n = ds__zip_count(z);
    for (size_t i = from; i < n; i++)
        if (is_data_member(ds__zip_name(z, i)))
            return i;
    return (size_t)-1;
}

/* A WDI CSV opened and saved by a spreadsheet program (Excel, LibreOffice):
 * quotes stripped, "Data Source,World Development Indicators" padded with
 * commas to the table's width. */
static int
spreadsheet_saved(const char *buf, size_t len)
{
    static const char pre[] = "Data Source,World Development Indicators";
    return len >= sizeof pre - 1 && memcmp(buf, pre, sizeof pre - 1) == 0;
}

static int
wdi_detect(const char *buf, size_t len)
{
    if (ds__is_zip(buf, len)) {
        ds__zip *z;
        if (ds__zip_open("", buf, len, &z, NULL) != DS_OK)
            return 0;
        int score = data_member(z, 0) != (size_t)-1 ? 90 : 0;
        ds__zip_close(z);
        return score;
    }
    size_t i = len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    static const char pre[] = "\"Data Source\",\"World Development Indicators\"";
    static const char head[] = "\"Country Name\",\"Country Code\",\"Indicator "
                               "Name\",\"Indicator Code\"";
    static const char head2[] = "Country Name,Country Code,Indicator Name,"
                                "Indicator Code";
    if (len - i >= sizeof pre - 1 && memcmp(buf + i, pre, sizeof pre - 1) == 0)
        return 95;
    if (spreadsheet_saved(buf + i, len - i))
        return 90;
    if (len - i >= sizeof head - 1 && memcmp(buf + i, head, sizeof head - 1) == 0)
        return 90;
    if (len - i >= sizeof head2 - 1 &&
        memcmp(buf + i, head2, sizeof head2 - 1) == 0)
        return 90;
    return 0;
}

static ds_status
wdi_load_zip(ds__import_ctx *ctx, ds_error *err)
{
    ds__zip *z;
    ds_status st = ds__zip_open(ctx->path, ctx->buf, ctx->len, &z, err);
    if (st != DS_OK)
        return st;
    size_t d = data_member(z, 0);
    size_t mi = ds__zip_find(z, "Metadata_Country", ".csv");
    char *data = NULL, *meta = NULL;
    size_t dlen = 0, mlen = 0;
    char dpath[1200], mpath[1200] = "";
    if (d == (size_t)-1) {
        st = ds__error_set(err, DS_EPARSE, ctx->path, 0, 0,
                           "no WDI data file (API_*.csv or WDICSV.csv) in "
                           "the zip archive");
        goto out;
    }
    if (mi != (size_t)-1) {
        snprintf(mpath, sizeof mpath, "%s:%s", ctx->path,
                 ds__zip_name(z, mi));
        st = ds__zip_read(z, mi, &meta, &mlen, err);
    }
    /* every data member, each a table of its own (own header) */
    for (; st == DS_OK && d != (size_t)-1; d = data_member(z, d + 1)) {
        snprintf(dpath, sizeof dpath, "%s:%s", ctx->path,
                 ds__zip_name(z, d));
        st = ds__zip_read(z, d, &data, &dlen, err);
        if (st == DS_OK)
            st = ds__wb_table(ctx, dpath, data, dlen, 0, "", meta, mlen,
                              mpath, err);
        free(data);
        data = NULL;
    }
out:
    free(data);
    free(meta);
    ds__zip_close(z);
    return st;
}

static ds_status
wdi_load(ds__import_ctx *ctx, ds_error *err)
{
    if (ds__is_zip(ctx->buf, ctx->len))
        return wdi_load_zip(ctx, err);
    size_t bom = ctx->len >= 3 && memcmp(ctx->buf, "\xEF\xBB\xBF", 3) == 0;
    if (spreadsheet_saved(ctx->buf + 3 * bom, ctx->len - 3 * bom))
        snprintf(ctx->file_note, sizeof ctx->file_note,
                 "saved by a spreadsheet program (quotes stripped): its "
                 "values may have been rounded; the World Bank's own file "
                 "has every digit");
    return ds__wb_table(ctx, ctx->path, ctx->buf, ctx->len, 0, "", NULL, 0,
                        NULL, err);
}

const ds__loader ds__loader_wdi = {"wdi", wdi_detect, wdi_load};

/* ------------------------------------------------------- streaming */

/* The fast path of the bulk file (ds__csv_skip_fn): most rows are series
 * defspend does not map (counted as unused) or, with an indicator filter,
 * series nobody asked for.  A line is passed over
 * unparsed only when data_row would certainly return DS_OK for it without
 * adding, reporting or failing anything: the first four fields are well
 * quoted, the rest holds no quote, CR or NUL byte, the field count is what
 * the header says (extra fields empty), and the series code is one the
 * filter drops or one defspend does not map (then counted unused exactly
 * as data_row counts it).  Everything else goes to the full parser, so both paths
 * give the same observations, skips and errors (tests/import checks). */
/* Commas in s[0..n); *bad set when s holds a quote, CR or NUL byte.  The
 * hot loop of the bulk file: 16 bytes a step where SSE2 is there. */
static size_t
scan_tail(const char *s, size_t n, int *bad)
{
    size_t commas = 0, k = 0;
    unsigned odd = 0;
#if defined(__SSE2__)
    const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"'),
                  cr = _mm_set1_epi8('\r'), zero = _mm_setzero_si128();
    __m128i flags = zero;
    while (k + 16 <= n) {
        /* per-byte counts of commas, summed before they can overflow */
        __m128i cnt = zero;
        for (int it = 0; it < 255 && k + 16 <= n; it++, k += 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + k));
            cnt = _mm_sub_epi8(cnt, _mm_cmpeq_epi8(v, comma));
            flags = _mm_or_si128(
                flags, _mm_or_si128(_mm_cmpeq_epi8(v, quote),
                                    _mm_or_si128(_mm_cmpeq_epi8(v, cr),
                                                 _mm_cmpeq_epi8(v, zero))));
        }
        __m128i sad = _mm_sad_epu8(cnt, zero);
        commas += (size_t)_mm_cvtsi128_si32(sad) +
                  (size_t)_mm_extract_epi16(sad, 4);
    }
    odd = _mm_movemask_epi8(flags) != 0;
#endif
    for (; k < n; k++) {
        unsigned char ch = (unsigned char)s[k];
        commas += ch == ',';
        odd |= (ch == '"') | (ch == '\r') | (ch == '\0');
    }
    *bad = odd != 0;
    return commas;
}

/* A DataBank row's year fields s[0..n) (no quotes): 1 when one of them is
 * neither empty nor "..", DataBank's missing value. */
static int
db_has_value(const char *s, size_t n)
{
    size_t from = 0;
    for (size_t k = 0; k <= n; k++) {
        if (k < n && s[k] != ',')
            continue;
        size_t len = k - from;
        if (len && !(len == 2 && s[from] == '.' && s[from + 1] == '.'))
            return 1;
        from = k + 1;
    }
    return 0;
}

/* s[0..n) starts with the text p. */
static int
starts_with_n(const char *s, size_t n, const char *p)
{
    size_t k = strlen(p);
    return n >= k && memcmp(s, p, k) == 0;
}

static int
wb_skip(void *ctx, const char *s, size_t n)
{
    wb *w = ctx;
    const ds__import_ctx *c = w->ctx;
    if (!w->have_header || w->ended)
        return 0;
    if (n && s[n - 1] == '\r')
        n--; /* CRLF */
    char code[128];
    size_t clen = 0, i = 0, name_from = 0, name_len = 0;
    int name_esc = 0;
    /* the first four fields, byte by byte through a class table: an
     * unquoted field ends at its comma (a quote, CR or NUL byte in it
     * sends the line to the parser); a quoted one at its closing quote
     * (CR or NUL inside: the parser) */
    static const unsigned char cls[256] = {[','] = 1, ['"'] = 2,
                                           ['\r'] = 4, ['\0'] = 4};
    for (int k = 0; k < 4; k++) {
        size_t from, to, p;
        if (i < n && s[i] == '"') {
            p = i + 1;
            for (;;) {
                while (p < n && !(cls[(unsigned char)s[p]] & 6))
                    p++;
                if (p >= n || s[p] != '"')
                    return 0; /* no closing quote, or a CR or NUL */
                if (p + 1 < n && s[p + 1] == '"') {
                    if (k == 3)
                        return 0; /* an escaped quote in the code */
                    name_esc |= k == 2;
                    p += 2;
                    continue;
                }
                break;
            }
            from = i + 1;
            to = p;
            i = to + 1;
            if (i >= n || s[i] != ',')
                return 0;
        } else {
            p = i;
            while (p < n && !cls[(unsigned char)s[p]])
                p++;
            if (p >= n || s[p] != ',')
                return 0; /* no comma, or a quote, CR or NUL */
            from = i;
            to = p;
            i = to;
        }
        if (k == 0 && w->databank &&
            (to == from || starts_with_n(s + from, to - from,
                                             "Data from database:") ||
             starts_with_n(s + from, to - from, "Last Updated:")))
            return 0; /* DataBank's footer: wb_row ends the table there */
        if (k == 2) {
            name_from = from;
            name_len = to - from;
        }
        if (k == 3) {
            clen = to - from;
            if (clen >= sizeof code)
                return 0;
            memcpy(code, s + from, clen);
            code[clen] = '\0';
        }
        i++; /* the comma */
    }
    /* the year fields: count the commas, refuse anything unusual */
    int bad = 0;
    size_t commas = scan_tail(s + i, n - i, &bad);
    if (bad)
        return 0;
    size_t nfields = 5 + commas, extra;
    if (nfields < w->ncols)
        return 0; /* too few fields: an error */
    for (extra = nfields - w->ncols; extra; extra--)
        if (s[n - extra] != ',')
            return 0; /* a value past the last year: an error */
    /* the verdict on this code (0 parse, 1 pass over, 2 a series defspend
     * does not use), remembered in w->seen */
    unsigned h = 2166136261u;
    int verdict = -1;
    for (size_t k = 0; k < clen; k++)
        h = (h ^ (unsigned char)code[k]) * 16777619u;
    size_t slot = SEEN_SLOTS; /* the code's entry, if it has one */
    if (clen && clen < sizeof w->seen[0].code) {
        for (size_t j = h & (SEEN_SLOTS - 1);;
             j = (j + 1) & (SEEN_SLOTS - 1)) {
            if (!w->seen[j].code[0]) {
                slot = j; /* not seen yet: its place */
                break;
            }
            if (memcmp(w->seen[j].code, code, clen + 1) == 0) {
                verdict = w->seen[j].skip;
                slot = j;
                break;
            }
        }
    }
    if (verdict < 0) {
        const ds__wdi_series *m = ds__wdi_series_find(code);
        if (c->indicators)
            verdict = (m ? !ds__want_indicator(c, m->indicator, code)
                         : !ds__asked_code(c, code));
        else
            verdict = m ? 0 : 2;
        if (slot < SEEN_SLOTS && w->nseen < SEEN_SLOTS / 2) {
            memcpy(w->seen[slot].code, code, clen + 1);
            w->seen[slot].skip = verdict;
            w->nseen++;
        } else {
            slot = SEEN_SLOTS; /* not remembered */
        }
    }
    if (verdict != 2)
        return verdict;
    /* as data_row: counted when the row holds a value (a byte other than
     * a comma: the tail holds no quote; in a DataBank extract a field
     * other than ".."), by the series' name as written */
    if (n - i == commas)
        return 1;
    if (w->databank && !db_has_value(s + i, n - i))
        return 1;
    if (slot < SEEN_SLOTS && w->seen[slot].counted) {
        w->seen[slot].more++; /* reported by wb_flush, as one count */
        return 1;
    }
    if (name_esc) {
        /* the name as the parser gives it: "" -> " ("(""modeled"" ILO
         * estimate)" in the bulk file's names) */
        char name[512];
        size_t o = 0;
        if (name_len > sizeof name)
            return 0;
        for (size_t k = 0; k < name_len; k++) {
            name[o++] = s[name_from + k];
            if (s[name_from + k] == '"')
                k++; /* the second quote of the pair */
        }
        ds__unused(w->ctx, code, clen, name, o);
    } else {
        ds__unused(w->ctx, code, clen, s + name_from, name_len);
    }
    if (slot < SEEN_SLOTS)
        w->seen[slot].counted = 1;
    return 1;
}

/* Forget one table's header (and the filter cache) before the next member;
 * the country metadata stays. */
static void
wb_reset(wb *w)
{
    meta_entry *meta = w->meta;
    size_t nmeta = w->nmeta;
    ds__import_ctx *ctx = w->ctx;
    memset(w, 0, sizeof *w);
    w->ctx = ctx;
    w->meta = meta;
    w->nmeta = nmeta;
}

ds_status
ds__wdi_load_path(ds__import_ctx *ctx, const char *path,
                  void (*progress)(void *pctx, size_t done), void *pctx,
                  ds_error *err)
{
    wb *w = calloc(1, sizeof *w);
    if (!w)
        return ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
    w->ctx = ctx;
    ds_status st;
    if (ds__is_zip(ctx->buf, ctx->len)) {
        ds__zip *z;
        st = ds__zip_open_file(path, &z, err);
        if (st != DS_OK) {
            free(w);
            return st;
        }
        size_t d = data_member(z, 0);
        size_t mi = ds__zip_find(z, "Metadata_Country", ".csv");
        char dpath[1200], mpath[1200];
        if (d == (size_t)-1) {
            st = ds__error_set(err, DS_EPARSE, path, 0, 0,
                               "no WDI data file (API_*.csv or WDICSV.csv) "
                               "in the zip archive");
        } else {
            st = DS_OK;
            if (mi != (size_t)-1) {
                char *meta;
                size_t mlen;
                snprintf(mpath, sizeof mpath, "%s:%s", path,
                         ds__zip_name(z, mi));
                st = ds__zip_read(z, mi, &meta, &mlen, err);
                if (st == DS_OK) {
                    st = read_meta(w, mpath, meta, mlen, err);
                    free(meta);
                }
            }
            /* every data member, each with its own header */
            for (; st == DS_OK && d != (size_t)-1; d = data_member(z, d + 1)) {
                void *src = NULL;
                snprintf(dpath, sizeof dpath, "%s:%s", path,
                         ds__zip_name(z, d));
                wb_flush(w);
                wb_reset(w);
                st = ds__zip_stream_open(z, d, &src, err);
                if (st == DS_OK)
                    st = ds__csv_stream_skip(dpath, ds__read_zip, src, ',',
                                             wb_row, wb_skip, w, progress,
                                             pctx, err);
                st = ds__zip_stream_status(src, st, err);
                ds__zip_stream_close(src);
                if (st == DS_OK && !w->have_header)
                    st = ds__error_set(err, DS_EPARSE, dpath, 1, 1,
                                       "no header row starting 'Country "
                                       "Name'");
            }
        }
        ds__zip_close(z);
    } else {
        FILE *f = fopen(path, "rb");
        if (!f) {
            free(w);
            return ds__error_set(err, DS_EIO, path, 0, 0, "cannot open");
        }
        st = ds__csv_stream_skip(path, ds__read_stdio, f, ',', wb_row,
                                 wb_skip, w, progress, pctx, err);
        fclose(f);
    }
    wb_flush(w);
    if (st == DS_OK && !w->have_header)
        st = ds__error_set(err, DS_EPARSE, path, 1, 1,
                           "no header row starting 'Country Name'");
    free(w->meta);
    free(w);
    return st;
}
