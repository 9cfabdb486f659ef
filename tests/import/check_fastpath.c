/* check_fastpath.c - the fast paths give exactly what the plain path gives.
 *
 * The library's fast paths (quote-free lines split without libcsv, rows of
 * unwanted series passed over unparsed when the bulk WDI file is streamed,
 * Clinger's fast path for numbers) are switched off with the internal flag
 * ds__csv_fast = 0, which sends every byte through libcsv, every number
 * through strtod and every Monte Carlo band through plain selection.  Each case runs both ways and compares everything: the
 * status and error (code, path, line, column, message), every observation
 * (all strings, year, value bit for bit, flags, line), every skip report
 * and every row counted as a series defspend does not use.
 * Inputs: a WDICSV-shaped table built here from a fixed seed, its variants
 * (CRLF, all fields quoted, trailing commas, preamble, quoted newlines,
 * stray quotes, CR and NUL bytes, wrong field counts), random single-byte
 * mutations of it, the shipped datasets, and random number strings.  Built
 * from the library's objects, since these are internal functions.
 */
#include <check.h>
#include <gsl/gsl_rng.h>
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "loader_util.h"

static ds_countries *table;

/* ------------------------------------------------------------ helpers */

typedef struct text {
    char *s;
    size_t n, cap;
} text;

static void
put(text *t, const char *s, size_t n)
{
    if (t->n + n + 1 > t->cap) {
        t->cap = (t->n + n + 1) * 2;
        t->s = realloc(t->s, t->cap);
        ck_assert_ptr_nonnull(t->s);
    }
    memcpy(t->s + t->n, s, n);
    t->n += n;
    t->s[t->n] = '\0';
}

static void
puts_(text *t, const char *s)
{
    put(t, s, strlen(s));
}

static uint64_t rng_state;

static uint64_t
rnd(void)
{
    /* xorshift64*: fixed seed, the same table every run */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 2685821657736338717ull;
}

static size_t
rndn(size_t n)
{
    return (size_t)(rnd() % n);
}

/* What one load produced, flattened to text for comparison. */
static void
on_skip(void *ctx, const char *path, size_t line, size_t column,
        const char *reason)
{
    char b[1024];
    snprintf(b, sizeof b, "skip %s:%zu:%zu: %s\n", path, line, column,
             reason);
    puts_(ctx, b);
}

/* Unused rows are counted per (file, series) as the import's report
 * counts them (a fast path may add rows up before it reports them): the
 * series in the order first reported, the name given then, the rows. */
typedef struct unused_row {
    char key[600], name[400];
    size_t rows;
} unused_row;
static unused_row unused_rows[256];
static size_t n_unused;

static void
on_unused(void *ctx, const char *path, const char *series, size_t slen,
          const char *name, size_t nlen, size_t rows)
{
    (void)ctx;
    char key[600];
    snprintf(key, sizeof key, "%s: %.*s", path, (int)slen, series);
    for (size_t i = 0; i < n_unused; i++)
        if (strcmp(unused_rows[i].key, key) == 0) {
            unused_rows[i].rows += rows;
            return;
        }
    ck_assert_uint_lt(n_unused, 256);
    unused_row *u = &unused_rows[n_unused++];
    snprintf(u->key, sizeof u->key, "%s", key);
    snprintf(u->name, sizeof u->name, "%.*s", (int)nlen, name);
    u->rows = rows;
}

static void
describe(text *t, ds_status st, const ds_error *e, const ds_store *s)
{
    char b[2048];
    snprintf(b, sizeof b, "status %d\n", (int)st);
    puts_(t, b);
    for (size_t i = 0; i < n_unused; i++) {
        puts_(t, "unused ");
        puts_(t, unused_rows[i].key);
        puts_(t, " (");
        puts_(t, unused_rows[i].name);
        snprintf(b, sizeof b, ") %zu rows\n", unused_rows[i].rows);
        puts_(t, b);
    }
    n_unused = 0;
    if (st != DS_OK) {
        snprintf(b, sizeof b, "error %d %s:%zu:%zu: %s\n", (int)e->code,
                 e->path, e->line, e->column, e->message);
        puts_(t, b);
        return;
    }
    for (size_t i = 0; i < ds_store_count(s); i++) {
        const ds_obs *o = ds_store_get(s, i);
        uint64_t bits;
        memcpy(&bits, &o->value, sizeof bits);
        snprintf(b, sizeof b,
                 "obs %s|%d|%d|%s|%016llx|%s|%s|%s|%s|%s|%u|%s|%s:%zu\n",
                 o->country, o->year, o->fy_start_month, o->indicator,
                 (unsigned long long)bits, o->currency, o->price_basis,
                 o->definition, o->source, o->vintage, o->flags, o->note,
                 o->path, o->line);
        puts_(t, b);
    }
}

typedef struct filter {
    const char *const *ind;
    size_t n;
} filter;

static const char *const five[] = {"NY.GDP.MKTP.CD", "NY.GDP.MKTP.CN",
                                   "MS.MIL.XPND.CD", "MS.MIL.XPND.GD.ZS",
                                   "SP.POP.TOTL"};
static const char *const names[] = {"gdp", "population"};
static const char *const asked[] = {"milex", "ZZ.ASK.CODE.ZS"};
static const filter filters[] = {
    {five, 5}, {names, 2}, {asked, 2}, {NULL, 0}};
#define NFILTERS (sizeof filters / sizeof *filters)

/* Load buf as WDI, streamed from a file (stream) or from memory. */
/* 1: tables are DataBank extracts (ds__wb_table with databank = 1, in
 * memory only: the streamed reader is the bulk WDI file's) */
static int databank_mode;

static void
load(const char *buf, size_t len, int stream, int fast, const filter *f,
     text *out)
{
    char path[] = "/tmp/ds_fastpath_XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, buf, len), (ssize_t)len);
    close(fd);
    ds_store *batch = ds_store_alloc();
    ck_assert_ptr_nonnull(batch);
    ds__import_ctx c;
    memset(&c, 0, sizeof c);
    c.path = "t.csv"; /* the same name in messages both ways */
    c.buf = buf;
    c.len = len;
    c.batch = batch;
    c.countries = table;
    c.indicators = f->ind;
    c.n_indicators = f->n;
    c.skip = on_skip;
    c.unused = on_unused;
    c.skip_ctx = out;
    ds_error e;
    memset(&e, 0, sizeof e);
    ds__csv_fast = fast;
    ds_status st;
    if (stream) {
        /* messages name the file: give it the same name */
        char link[64];
        snprintf(link, sizeof link, "t.csv");
        unlink(link);
        ck_assert_int_eq(symlink(path, link), 0);
        st = ds__wdi_load_path(&c, "t.csv", NULL, NULL, &e);
        unlink(link);
    } else {
        /* a DataBank vintage comes from its footer (load_databank.c) */
        st = ds__wb_table(&c, "t.csv", buf, len, databank_mode,
                          databank_mode ? "2025-12-04" : "", NULL, 0, NULL,
                          &e);
    }
    ds__csv_fast = 1;
    describe(out, st, &e, batch);
    ds_store_free(batch);
    unlink(path);
}

/* Every filter, streamed and in memory: fast == plain. */
static size_t
same_both_ways(const char *buf, size_t len, const char *what)
{
    size_t nobs = 0;
    for (size_t k = 0; k < NFILTERS; k++)
        for (int stream = 0; stream < 2 - databank_mode; stream++) {
            text a = {0}, b = {0};
            load(buf, len, stream, 0, &filters[k], &a);
            load(buf, len, stream, 1, &filters[k], &b);
            if (strcmp(a.s, b.s) != 0) {
                size_t i = 0;
                while (a.s[i] == b.s[i])
                    i++;
                size_t from = i > 200 ? i - 200 : 0;
                ck_abort_msg("%s, filter %zu, %s: fast path differs at "
                             "byte %zu:\nplain: ...%.300s\nfast:  ...%.300s",
                             what, k, stream ? "streamed" : "in memory", i,
                             a.s + from, b.s + from);
            }
            for (const char *p = a.s; (p = strstr(p, "\nobs ")); p++)
                nobs++;
            free(a.s);
            free(b.s);
        }
    return nobs;
}

/* ------------------------------------------------- the WDICSV table */

static const char *const codes[] = {
    "NY.GDP.MKTP.CD", "NY.GDP.MKTP.CN", "MS.MIL.XPND.CD", "MS.MIL.XPND.CN",
    "MS.MIL.XPND.GD.ZS", "MS.MIL.XPND.ZS", "PA.NUS.FCRF", "SP.POP.TOTL",
    "NY.GDP.DEFL.ZS", "AB.CDE.FGHI.ZS", "ZZ.ASK.CODE.ZS", "EG.CFT.ACCS.RU.ZS",
    "SE.PRM.ENRR", "IT.NET.USER.ZS"};
static const char *const countries[][2] = {
    {"Japan", "JPN"}, {"Korea, Rep.", "KOR"}, {"World", "WLD"},
    {"Ecuador", "ECU"}, {"Euro area", "EMU"}, {"Narnia", "NRN"},
    {"Cote d'Ivoire", "CIV"}, {"\"Quoted\" Land", "USA"}};
static const char *const numbers[] = {
    "47419238274.4619", "2.52507746026488E-05", "125124989", "0.5", ".25",
    "-0", "1.00000000000000000001", "123456789012345678", "9.9e22",
    "4.5e-23", "007.50", "1E+10", "3.14159265358979", "-17.25",
    /* bad: */ "1e400", "12x", ""};
#define N(a) (sizeof a / sizeof *a)

static void
field(text *t, const char *s, int quote_all)
{
    if (quote_all || strpbrk(s, ",\"\n\r")) {
        puts_(t, "\"");
        for (; *s; s++) {
            if (*s == '"')
                puts_(t, "\"");
            put(t, s, 1);
        }
        puts_(t, "\"");
    } else {
        puts_(t, s);
    }
}

/* style: bit 0 CRLF, bit 1 every field quoted, bit 2 trailing commas and a
 * preamble (the API_ file shape), bit 3 a BOM */
static void
table_text(text *t, int style, size_t rows)
{
    const char *eol = style & 1 ? "\r\n" : "\n";
    int qa = (style & 2) != 0;
    if (style & 8)
        puts_(t, "\xEF\xBB\xBF");
    if (style & 4) {
        puts_(t, "\"Data Source\",\"World Development Indicators\",");
        puts_(t, eol);
        puts_(t, eol);
        puts_(t, "\"Last Updated Date\",\"2025-10-07\",");
        puts_(t, eol);
        puts_(t, eol);
    }
    const char *head[] = {"Country Name", "Country Code", "Indicator Name",
                          "Indicator Code"};
    for (int i = 0; i < 4; i++) {
        field(t, head[i], qa);
        puts_(t, ",");
    }
    for (int y = 2000; y <= 2012; y++) {
        char b[8];
        snprintf(b, sizeof b, "%d", y);
        field(t, b, qa);
        if (y < 2012 || (style & 4))
            puts_(t, ",");
    }
    puts_(t, eol);
    for (size_t r = 0; r < rows; r++) {
        size_t k = rndn(N(countries));
        const char *code = codes[rndn(N(codes))];
        char iname[96];
        /* names with a comma, and with quotes (WDI's "(""modeled"" ILO
         * estimate)"), go out quoted */
        static const char *const iprefix[] = {"Series ", "Series, ",
                                              "Series (\"modeled\") "};
        snprintf(iname, sizeof iname, "%s%s", iprefix[rndn(3)], code);
        field(t, countries[k][0], qa);
        puts_(t, ",");
        field(t, countries[k][1], qa);
        puts_(t, ",");
        field(t, iname, qa);
        puts_(t, ",");
        field(t, code, qa);
        for (int y = 2000; y <= 2012; y++) {
            puts_(t, ",");
            /* good numbers or empty (bad ones: see the other tests) */
            const char *v = rndn(100) < 40 ? ""
                                           : numbers[rndn(N(numbers) - 3)];
            if (*v || qa)
                field(t, v, qa);
        }
        if (style & 4)
            puts_(t, ",");
        puts_(t, eol);
    }
}

START_TEST(wdi_table_styles)
{
    rng_state = 0x9E3779B97F4A7C15ull;
    size_t total = 0;
    for (int style = 0; style < 16; style++) {
        text t = {0};
        table_text(&t, style, 60);
        char what[32];
        snprintf(what, sizeof what, "style %d", style);
        total += same_both_ways(t.s, t.n, what);
        free(t.s);
    }
    /* the comparison is not vacuous: most styles load figures */
    ck_assert_uint_gt(total, 1000);
}
END_TEST

/* Hand-made lines the fast paths must hand to the full parser. */
START_TEST(wdi_awkward_rows)
{
    static const char *const head =
        "Country Name,Country Code,Indicator Name,Indicator Code,2000,2001,"
        "2002\n";
#define R(x) {x, sizeof x - 1}
    static const struct {
        const char *s;
        size_t n;
    } rows[] = {
        /* a quoted newline in an unwanted row and in a wanted one */
        R("Japan,JPN,\"Line\nbreak\",AB.CDE.FGHI.ZS,1,2,3\n"),
        R("Japan,JPN,\"Line\nbreak\",NY.GDP.MKTP.CD,1,2,3\n"),
        R("Japan,JPN,Name,AB.CDE.FGHI.ZS,\"1\n\",2,3\n"),
        /* a stray quote, CR or NUL in an unwanted row: errors */
        R("Japan,JPN,Name,AB.CDE.FGHI.ZS,1,2\"x,3\n"),
        R("Japan,JPN,Na\"me,AB.CDE.FGHI.ZS,1,2,3\n"),
        R("Japan,JPN,\"Name\"x,AB.CDE.FGHI.ZS,1,2,3\n"),
        R("Japan,JPN,Name,AB.CDE.FGHI.ZS,1,2\r,3\n"),
        R("Japan,JPN,Name,AB.CDE.FGHI.ZS,1,2,3\r\r\n"),
        R("Jap\ran,JPN,Name,AB.CDE.FGHI.ZS,1,2,3\n"),
        R("Japan,JPN,Name,AB.CDE.FGHI.ZS,1,\0002,3\n"),
        /* field counts: too few, an empty extra, a value in the extra */
        R("Japan,JPN,Name,AB.CDE.FGHI.ZS,1,2\n"),
        R("Japan,JPN,Name,AB.CDE.FGHI.ZS,1,2,3,\n"),
        R("Japan,JPN,Name,AB.CDE.FGHI.ZS,1,2,3,,\n"),
        R("Japan,JPN,Name,AB.CDE.FGHI.ZS,1,2,3,4\n"),
        R("Japan,JPN,Name,AB.CDE.FGHI.ZS,1,2,3,,4\n"),
        /* codes: quoted, with an escaped quote, empty, very long, case */
        R("Japan,JPN,Name,\"AB.CDE.FGHI.ZS\",1,2,3\n"),
        R("Japan,JPN,Name,\"AB\"\"CD\",1,2,3\n"),
        R("Japan,JPN,Name,,1,2,3\n"),
        R("Japan,JPN,Name,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
        "AAAAAAAAAAAAAAAAAAAAAA,1,2,3\n"),
        R("Japan,JPN,Name,ny.gdp.mktp.cd,1,2,3\n"),
        R("Japan,JPN,Name,zz_ask_code_zs,1,2,3\n"),
        /* blank lines, a line of spaces, a missing last newline */
        R("\n"),
        R("\r\n"),
        R("   \n"),
        R("Japan,JPN,Name,NY.GDP.MKTP.CD,1,2,3"),
        R("Japan,JPN,Name,AB.CDE.FGHI.ZS,1,2,3"),
        /* an unterminated quote at the end */
        R("Japan,JPN,Name,AB.CDE.FGHI.ZS,\"1,2,3\n"),
    };
    for (size_t i = 0; i < N(rows); i++) {
        text t = {0};
        puts_(&t, head);
        puts_(&t, "\"Korea, Rep.\",KOR,x,NY.GDP.MKTP.CD,1.5,,2.5\n");
        put(&t, rows[i].s, rows[i].n); /* may hold a NUL byte */
        puts_(&t, "World,WLD,y,SP.POP.TOTL,7e9,7.1e9,\n");
        char what[32];
        snprintf(what, sizeof what, "awkward row %zu", i);
        same_both_ways(t.s, t.n, what);
        free(t.s);
    }
}
END_TEST

/* Random single-byte damage: fast and plain fail (or not) alike. */
START_TEST(wdi_mutations)
{
    rng_state = 0xD1B54A32D192ED03ull;
    text base = {0};
    table_text(&base, 0, 25);
    static const char bytes[] = {'"', ',', '\n', '\r', '\0', 'x', ' ', '.'};
    for (int m = 0; m < 150; m++) {
        text t = {0};
        put(&t, base.s, base.n);
        int edits = 1 + (int)rndn(3);
        for (int e = 0; e < edits; e++)
            t.s[rndn(t.n)] = bytes[rndn(sizeof bytes)];
        char what[32];
        snprintf(what, sizeof what, "mutation %d", m);
        same_both_ways(t.s, t.n, what);
        free(t.s);
    }
    free(base.s);
}
END_TEST

/* ------------------------------------------- DataBank extracts (issue 18) */

/* A DataBank extract: "2000 [YR2000]" headers, ".." for missing, blank
 * and footer rows, then (as in "Series - Metadata.csv") a section that is
 * not the table; style bit 0 CRLF, bit 1 every field quoted, bit 2 a BOM. */
static void
databank_text(text *t, int style, size_t rows)
{
    const char *eol = style & 1 ? "\r\n" : "\n";
    int qa = (style & 2) != 0;
    if (style & 4)
        puts_(t, "\xEF\xBB\xBF");
    puts_(t, "Country Name,Country Code,Series Name,Series Code");
    for (int y = 2000; y <= 2012; y++) {
        char b[24];
        snprintf(b, sizeof b, ",%d [YR%d]", y, y);
        puts_(t, b);
    }
    puts_(t, eol);
    /* each country and series once (a second row would conflict) */
    for (size_t r = 0; r < N(countries) * N(codes) && rows; r++) {
        if (rndn(5) == 0)
            continue;
        rows--;
        size_t k = r / N(codes);
        const char *code = codes[r % N(codes)];
        char sname[96];
        snprintf(sname, sizeof sname, "%s%s", rndn(3) ? "Series, " : "Series ",
                 code);
        field(t, countries[k][0], qa);
        puts_(t, ",");
        field(t, countries[k][1], qa);
        puts_(t, ",");
        field(t, sname, qa);
        puts_(t, ",");
        field(t, code, qa);
        int all_missing = rndn(4) == 0;
        for (int y = 2000; y <= 2012; y++) {
            puts_(t, ",");
            unsigned d = (unsigned)rndn(100);
            const char *v = all_missing || d < 35 ? ".."
                            : d < 45             ? ""
                                     : numbers[rndn(N(numbers) - 3)];
            if (*v || qa)
                field(t, v, qa);
        }
        puts_(t, eol);
    }
    puts_(t, eol);
    puts_(t, eol);
    puts_(t, "Data from database: World Development Indicators");
    puts_(t, eol);
    puts_(t, "Last Updated: 12/04/2025");
    puts_(t, eol);
    puts_(t, "Code,License Type,Indicator Name,Long definition,Source");
    puts_(t, eol);
    puts_(t, "NY.GDP.MKTP.CD,CC BY-4.0,GDP (current US$),\"GDP at purchaser's "
             "prices, \"\"current\"\"\",World Bank");
    puts_(t, eol);
}

START_TEST(databank_tables)
{
    rng_state = 0x2545F4914F6CDD1Dull;
    databank_mode = 1;
    size_t nobs = 0;
    for (int style = 0; style < 8; style++) {
        text t = {0};
        databank_text(&t, style, 200);
        char what[32];
        snprintf(what, sizeof what, "DataBank style %d", style);
        nobs += same_both_ways(t.s, t.n, what);
        free(t.s);
    }
    ck_assert_uint_gt(nobs, 1000); /* the tables do hold figures */
    text base = {0};
    databank_text(&base, 0, 25);
    static const char bytes[] = {'"', ',', '\n', '\r', '\0', 'x', '.', ' '};
    for (int m = 0; m < 150; m++) {
        text t = {0};
        put(&t, base.s, base.n);
        int edits = 1 + (int)rndn(3);
        for (int e = 0; e < edits; e++)
            t.s[rndn(t.n)] = bytes[rndn(sizeof bytes)];
        char what[40];
        snprintf(what, sizeof what, "DataBank mutation %d", m);
        same_both_ways(t.s, t.n, what);
        free(t.s);
    }
    free(base.s);
    databank_mode = 0;
}
END_TEST

/* ------------------------------------------------- the tidy store */

static void
tidy(const char *buf, size_t len, int fast, text *out)
{
    ds_store *s = ds_store_alloc();
    ck_assert_ptr_nonnull(s);
    ds_error e;
    memset(&e, 0, sizeof e);
    ds__csv_fast = fast;
    ds_status st = ds_store_load_buffer(s, "store.csv", buf, len, &e);
    ds__csv_fast = 1;
    describe(out, st, &e, s);
    ds_store_free(s);
}

START_TEST(tidy_datasets)
{
    const char *root = getenv("DS_SOURCE_ROOT");
    static const char *const files[] = {"wdi_world.csv", "wdi_japan.csv",
                                        "japan_mod_budget.csv"};
    for (size_t i = 0; i < N(files); i++) {
        char p[1024];
        snprintf(p, sizeof p, "%s/datasets/%s", root ? root : ".", files[i]);
        FILE *f = fopen(p, "rb");
        ck_assert_msg(f != NULL, "cannot open %s", p);
        text t = {0};
        char b[65536];
        size_t n;
        while ((n = fread(b, 1, sizeof b, f)) > 0)
            put(&t, b, n);
        fclose(f);
        text a = {0}, c = {0};
        tidy(t.s, t.n, 0, &a);
        tidy(t.s, t.n, 1, &c);
        ck_assert_msg(strncmp(a.s, "status 0\n", 9) == 0, "%s: %.200s",
                      files[i], a.s);
        ck_assert_str_eq(a.s, c.s);
        /* and damaged copies fail the same way */
        rng_state = 0xA0761D6478BD642Full + i;
        static const char bytes[] = {'"', ',', '\n', '\r', '\0', 'x', '.'};
        for (int m = 0; m < 20; m++) {
            text d = {0};
            put(&d, t.s, t.n < 20000 ? t.n : 20000);
            d.s[rndn(d.n)] = bytes[rndn(sizeof bytes)];
            text x = {0}, y = {0};
            tidy(d.s, d.n, 0, &x);
            tidy(d.s, d.n, 1, &y);
            ck_assert_msg(strcmp(x.s, y.s) == 0, "%s mutation %d differs",
                          files[i], m);
            free(x.s);
            free(y.s);
            free(d.s);
        }
        free(a.s);
        free(c.s);
        free(t.s);
    }
}
END_TEST

/* ------------------------------------------------------- numbers */

static double
strtod_c(const char *s)
{
    static locale_t c;
    if (!c)
        c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
    locale_t old = uselocale(c);
    double v = strtod(s, NULL);
    uselocale(old);
    return v;
}

/* ds__csv_columns gives, in one pass, what ds__csv_column gives field by
 * field: on plain, quoted, doubled-quote, UTF-8, multi-line and short
 * records, and for indices past the last field. */
typedef struct cols_ctx {
    size_t records;
} cols_ctx;

static ds_status
cols_row(void *ctx, const ds__csv_row *row, ds_error *err)
{
    (void)err;
    cols_ctx *c = ctx;
    size_t n = row->nfields + 3, cols[64];
    ck_assert_uint_le(n, 64);
    ds__csv_columns(row, cols, n);
    for (size_t k = 0; k < n; k++)
        ck_assert_msg(cols[k] == ds__csv_column(row, k),
                      "record at line %zu, field %zu: %zu vs %zu", row->line,
                      k, cols[k], ds__csv_column(row, k));
    c->records++;
    return DS_OK;
}

START_TEST(columns_in_one_pass)
{
    static const char text[] =
        "a,bb,ccc\n"
        "\"x, y\",\"he said \"\"hi\"\"\",z\n"
        "T\xC3\xBCrkiye,\xC2\xA5,7.95,\"\"\r\n"
        "one,\"two\nlines\",three,4\n"
        ",,,\n"
        "solo\n";
    cols_ctx c = {0};
    ds_error err;
    ck_assert_int_eq(ds__csv_read("t.csv", text, sizeof text - 1, ',',
                                  cols_row, &c, &err),
                     DS_OK);
    ck_assert_uint_eq(c.records, 6);
}
END_TEST

/* The CSV reader: lines split without libcsv (plain lines, and lines
 * whose quoted fields are well formed) give the records, fields, raw text,
 * positions and errors libcsv gives, on random lines of plain, quoted,
 * doubled-quote, multi-line, broken, CR, NUL and UTF-8 fields. */
static ds_status
dump_row(void *ctx, const ds__csv_row *row, ds_error *err)
{
    (void)err;
    text *t = ctx;
    char b[96];
    snprintf(b, sizeof b, "rec %zu, %zu fields, raw %zu <", row->line,
             row->nfields, row->raw_len);
    puts_(t, b);
    put(t, row->raw, row->raw_len);
    puts_(t, ">");
    for (size_t k = 0; k < row->nfields + 2; k++) {
        snprintf(b, sizeof b, " [%zu:%zu", ds__csv_line(row, k),
                 ds__csv_column(row, k));
        puts_(t, b);
        if (k < row->nfields) {
            snprintf(b, sizeof b, " %zu ", row->lens[k]);
            puts_(t, b);
            put(t, row->fields[k], row->lens[k]);
            ck_assert(row->fields[k][row->lens[k]] == '\0');
        }
        puts_(t, "]");
    }
    puts_(t, "\n");
    return DS_OK;
}

static void
csv_both(const char *buf, size_t len, char delim, int fast, text *out)
{
    ds_error e;
    memset(&e, 0, sizeof e);
    ds__csv_fast = fast;
    ds_status st = ds__csv_read("t.csv", buf, len, delim, dump_row, out, &e);
    ds__csv_fast = 1;
    char b[96];
    snprintf(b, sizeof b, "status %d", (int)st);
    puts_(out, b);
    if (st != DS_OK) {
        snprintf(b, sizeof b, " error %d %zu:%zu: ", (int)e.code, e.line,
                 e.column);
        puts_(out, b);
        puts_(out, e.message);
    }
    puts_(out, "\n");
}

START_TEST(csv_lines_like_libcsv)
{
    rng_state = 0xBB67AE8584CAA73Bull;
#define T(x) {x, sizeof x - 1}
    static const struct {
        const char *s;
        size_t n;
    } tokens[] = {
        T("abc"), T(""), T("x y"), T("1.5e3"), T("\"a,b\""), T("\"a;b\""),
        T("\"he said \"\"hi\"\"\""), T("\"\""), T("\"\"\"\""),
        T("\"\"\"\"\"\""), T("\"x\"\"\""), T("\"l1\nl2\""),
        T("\"l1\r\nl2\""), T("a\"b"), T("\"ab\"c"), T("\"ab"),
        T("\"ab\" "), T(" \"ab\""), T("a\rb"), T("a\0b"), T("\"a\0b\""),
        T("\"a\rb\""), T("T\xC3\xBCrkiye"), T("\"\xC2\xA5 1,000\""),
        T("\"\"\"q\"\" and, \"\"r\"\"\"")};
    size_t records = 0, fast_lines = 0;
    for (int c = 0; c < 20000; c++) {
        char delim = rndn(5) ? ',' : ';';
        text t = {0};
        size_t lines = 1 + rndn(6);
        for (size_t l = 0; l < lines; l++) {
            if (rndn(12) == 0) {
                puts_(&t, rndn(2) ? "\n" : "\r\n"); /* a blank line */
                continue;
            }
            size_t nf = 1 + rndn(6);
            /* mostly good fields, now and then a broken one */
            int clean = rndn(3) != 0;
            for (size_t f = 0; f < nf; f++) {
                size_t k = rndn(clean ? 11 : N(tokens));
                if (clean && rndn(4) == 0)
                    k = N(tokens) - 1 - rndn(2);
                if (f)
                    put(&t, &delim, 1);
                put(&t, tokens[k].s, tokens[k].n);
            }
            if (rndn(8) == 0)
                put(&t, &delim, 1);
            if (l + 1 < lines || rndn(4))
                puts_(&t, rndn(3) ? "\n" : "\r\n");
            fast_lines += clean;
        }
        text a = {0}, b = {0};
        csv_both(t.s ? t.s : "", t.n, delim, 0, &a);
        csv_both(t.s ? t.s : "", t.n, delim, 1, &b);
        if (a.n != b.n || memcmp(a.s, b.s, a.n) != 0) {
            size_t i = 0;
            while (i < a.n && i < b.n && a.s[i] == b.s[i])
                i++;
            size_t from = i > 100 ? i - 100 : 0;
            ck_abort_msg("case %d: fast differs at byte %zu:\nplain: "
                         "...%.200s\nfast:  ...%.200s",
                         c, i, a.s + from, b.s + from);
        }
        for (const char *p = a.s; (p = strstr(p, "rec ")); p++)
            records++;
        free(a.s);
        free(b.s);
        free(t.s);
    }
    /* not vacuous: tens of thousands of records, most of them read */
    ck_assert_uint_gt(records, 20000);
    ck_assert_uint_gt(fast_lines, 20000);
}
END_TEST

START_TEST(numbers_like_strtod)
{
    rng_state = 0x2545F4914F6CDD1Dull;
    char s[64];
    for (long i = 0; i < 300000; i++) {
        /* [sign] digits [. digits] [e[sign]digits], lengths around 15 */
        size_t n = 0;
        if (rndn(4) == 0)
            s[n++] = rndn(2) ? '-' : '+';
        size_t a = rndn(12), b = rndn(4) ? rndn(12) : 0;
        if (rndn(8) == 0)
            s[n++] = '0';
        for (size_t k = 0; k < a; k++)
            s[n++] = (char)('0' + rndn(10));
        if (b || a == 0) {
            s[n++] = '.';
            for (size_t k = 0; k < b + (a == 0); k++)
                s[n++] = (char)('0' + rndn(10));
        }
        if (rndn(3) == 0) {
            s[n++] = rndn(2) ? 'e' : 'E';
            if (rndn(2))
                s[n++] = rndn(2) ? '-' : '+';
            int ex = (int)rndn(rndn(4) ? 30 : 400);
            n += (size_t)snprintf(s + n, sizeof s - n, "%d", ex);
        }
        s[n] = '\0';
        double want = strtod_c(s), got = NAN;
        int ok = ds__parse_double_n(s, n, &got);
        if (!isfinite(want))
            continue; /* out of range: refused, not compared */
        if (!ok && fabs(want) > 1.0)
            continue;
        ck_assert_msg(ok, "'%s' refused", s);
        ck_assert_msg(memcmp(&want, &got, sizeof want) == 0,
                      "'%s': %.17g, strtod %.17g", s, got, want);
    }
}
END_TEST

/* ds_format_full's printf-free 15-digit path (the store writer's) gives
 * the text of the printf tries, byte for byte: on decimals of 1 to 17
 * digits across the exponents, their neighbouring doubles, powers of ten
 * and the values around them, round numbers, and random bit patterns. */
static void
same_full(double v, size_t *fast_hits)
{
    char a[40], b[40];
    ds__csv_fast = 0;
    ds_format_full(v, a, sizeof a);
    ds__csv_fast = 1;
    ds_format_full(v, b, sizeof b);
    ck_assert_msg(strcmp(a, b) == 0, "%a: printf '%s', fast '%s'", v, a, b);
    /* values in the fast path's domain (15 digits that read back as v),
     * counted to show that the test reaches it */
    char c[40];
    snprintf(c, sizeof c, "%.15g", v);
    if (strcmp(b, c) == 0 && strtod_c(c) == v)
        (*fast_hits)++;
}

START_TEST(format_full_like_printf)
{
    rng_state = 0x6A09E667F3BCC909ull;
    size_t hits = 0, n = 0;
    char s[64];
    for (long i = 0; i < 200000; i++, n++) {
        /* d.ddd...e[+-]x with 1 to 17 digits */
        size_t len = 0, nd = 1 + rndn(17);
        if (rndn(2))
            s[len++] = '-';
        s[len++] = (char)('1' + rndn(9));
        s[len++] = '.';
        for (size_t k = 1; k < nd; k++)
            s[len++] = (char)('0' + rndn(10));
        snprintf(s + len, sizeof s - len, "e%d", (int)rndn(80) - 30);
        double v = strtod_c(s);
        same_full(v, &hits);
        same_full(nextafter(v, INFINITY), &hits);
        same_full(nextafter(v, -INFINITY), &hits);
    }
    for (int e = -40; e <= 40; e++) {
        double p = strtod_c((snprintf(s, sizeof s, "1e%d", e), s));
        double q = strtod_c((snprintf(s, sizeof s, "9.99999999999999e%d", e),
                             s));
        double r = strtod_c((snprintf(s, sizeof s, "9.999999999999995e%d",
                                      e), s));
        const double vs[] = {p, nextafter(p, 0), nextafter(p, INFINITY), q,
                             nextafter(q, 0), nextafter(q, INFINITY), r,
                             nextafter(r, 0), nextafter(r, INFINITY), -p,
                             5 * p, 0.5 * p, 123 * p};
        for (size_t k = 0; k < N(vs); k++, n++)
            same_full(vs[k], &hits);
    }
    for (long i = -100000; i <= 100000; i += 7, n++)
        same_full((double)i, &hits);
    const double special[] = {0.0, -0.0, 1e-300, 5e-324, 1.7976931348623157e308,
                              0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 1e15, 1e-5,
                              1e-4, 0.0001234, 123456789012345.0,
                              1234567890123456.0, 999999999999999.0,
                              99999999999999.95};
    for (size_t k = 0; k < N(special); k++, n++)
        same_full(special[k], &hits);
    for (long i = 0; i < 200000; i++, n++) {
        uint64_t bits = rnd();
        double v;
        memcpy(&v, &bits, sizeof v);
        if (isfinite(v))
            same_full(v, &hits);
    }
    /* not vacuous: most decimals of up to 15 digits are in its domain */
    ck_assert_uint_gt(hits, 200000);
}
END_TEST

/* ------------------------------------------------- Monte Carlo */

START_TEST(montecarlo_bands)
{
    ds_store *s = ds_store_alloc();
    ds_error e;
    static const char store[] =
        DS_STORE_HEADER "\n"
        "JPN,2020,calendar,gdp,538.2e12,JPY,current,wdi,t,2025-01-01,,\n"
        "JPN,2020,calendar,gdp,5.0412e12,USD,current,wdi,t,2025-01-01,,\n";
    ck_assert_int_eq(ds_store_load_buffer(s, "s.csv", store, sizeof store - 1,
                                          &e), DS_OK);
    double targets[] = {2, 5};
    ds_project_spec sp;
    memset(&sp, 0, sizeof sp);
    sp.country = "JPN";
    sp.by_year = 2026;
    sp.targets_pct = targets;
    sp.n_targets = 2;
    sp.gdp_source = DS_GDP_GROWTH;
    sp.growth_pct = 1.735;
    sp.path = DS_PATH_LINEAR;
    sp.baseline_kind = DS_BASELINE_AMOUNT;
    sp.discount_pct = NAN;
    sp.inflation_pct = NAN;
    ck_assert_int_eq(ds_amount_parse("6.73tn JPY", &sp.baseline_amount, &e),
                     DS_OK);
    ds_projection *p = NULL;
    ck_assert_int_eq(ds_project_run(s, &sp, &p, &e), DS_OK);
    ds_sim_spec ss = {300000, NAN, 0.021, 0.083};
    ds_simulation *sim[2];
    for (int fast = 0; fast < 2; fast++) {
        gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
        gsl_rng_set(r, 12345);
        ds__csv_fast = fast;
        ck_assert_int_eq(ds_projection_simulate(p, &ss, r, &sim[fast], &e),
                         DS_OK);
        ds__csv_fast = 1;
        gsl_rng_free(r);
    }
    for (size_t y = 0; y < sim[0]->n_years; y++)
        for (int b = 0; b < DS_SIM_NBANDS; b++) {
            ck_assert(memcmp(&sim[0]->years[y].gdp_lcu[b],
                             &sim[1]->years[y].gdp_lcu[b], 8) == 0);
            ck_assert(memcmp(&sim[0]->years[y].gdp_usd[b],
                             &sim[1]->years[y].gdp_usd[b], 8) == 0);
        }
    for (size_t k = 0; k < sim[0]->n_targets; k++)
        for (int b = 0; b < DS_SIM_NBANDS; b++) {
            ck_assert(memcmp(&sim[0]->targets[k].cum_extra_lcu[b],
                             &sim[1]->targets[k].cum_extra_lcu[b], 8) == 0);
            ck_assert(memcmp(&sim[0]->targets[k].cum_extra_usd[b],
                             &sim[1]->targets[k].cum_extra_usd[b], 8) == 0);
        }
    ds_simulation_free(sim[0]);
    ds_simulation_free(sim[1]);
    ds_projection_free(p);
    ds_store_free(s);
}
END_TEST

int
main(void)
{
    const char *root = getenv("DS_SOURCE_ROOT");
    char p[1024];
    snprintf(p, sizeof p, "%s/datasets/meta/countries.csv",
             root ? root : ".");
    table = ds_countries_alloc();
    ds_error err;
    if (!table || ds_countries_load_file(table, p, &err) != DS_OK) {
        fprintf(stderr, "cannot load %s\n", p);
        return 1;
    }
    char dir[] = "/tmp/ds_fastpath_dir_XXXXXX";
    if (!mkdtemp(dir) || chdir(dir) != 0)
        return 1;
    Suite *s = suite_create("fastpath");
    TCase *t = tcase_create("wdi");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, wdi_table_styles);
    tcase_add_test(t, wdi_awkward_rows);
    tcase_add_test(t, wdi_mutations);
    tcase_add_test(t, databank_tables);
    suite_add_tcase(s, t);
    t = tcase_create("tidy");
    tcase_add_test(t, tidy_datasets);
    suite_add_tcase(s, t);
    t = tcase_create("montecarlo");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, montecarlo_bands);
    suite_add_tcase(s, t);
    t = tcase_create("numbers");
    tcase_add_test(t, numbers_like_strtod);
    tcase_add_test(t, format_full_like_printf);
    tcase_add_test(t, csv_lines_like_libcsv);
    tcase_add_test(t, columns_in_one_pass);
    suite_add_tcase(s, t);
    SRunner *r = srunner_create(s);
    srunner_set_fork_status(r, CK_NOFORK);
    srunner_run_all(r, CK_NORMAL);
    int failed = srunner_ntests_failed(r);
    srunner_free(r);
    ds_countries_free(table);
    rmdir(dir);
    return failed ? 1 : 0;
}
