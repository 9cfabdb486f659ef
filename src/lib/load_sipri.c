/* load_sipri.c - the SIPRI Military Expenditure Database workbook (.xlsx),
 * read directly, and one of its sheets saved as CSV.
 *
 * Every per-country data sheet is read; what a sheet holds is judged from
 * its own title and notes rows (not its name), so a CSV export of one sheet
 * goes through the same code:
 *
 *   title says                              indicator         unit
 *   "in local currency" + "Fiscal Year"     milex, LCU        fiscal-MM
 *   "in local currency" (no FY column)      milex, LCU        calendar
 *   "per capita"                            milex_per_capita  current US$
 *   "percentage of gross domestic product"  milex_gdp_pct     fraction x100
 *   "percentage of government spending"     milex_gov_pct     fraction x100
 *   "constant (YYYY) US$"                   milex, USD        constant YYYY
 *   "current prices" + "US$"                milex, USD        current
 *
 * Units come from the sheet's text ("US $m." -> x 1e6; no scale word ->
 * units, as the 2025 local-currency and per-capita sheets say "Figures are
 * in local currency" / "in current US$").  A US$ sheet whose text names no
 * scale is skipped with a report rather than guessed.
 *
 * Cells: a number is an observation; "..." (". .") is data unavailable and
 * "xxx" is a country that did not exist: neither gives an observation and
 * each is reported per row, under its own reason.  Blue font (indexed 12 or
 * RGB 0000FF-like) -> estimate, red (indexed 10, FF0000-like) -> uncertain.
 * Region heading rows (a name and nothing else) are structure, not data.
 * Unknown names (USSR, Yemen, North, ...) are reported with their row.
 *
 * Fiscal years: the "Local currency financial years" sheet gives each
 * country's year ("Apr-Mar" -> fiscal-04, SIPRI's FY label = the year it
 * starts, as its notes say); "" means Jan-Dec.  Jan-Dec years are the
 * calendar-year sheet's figures again, so when the workbook also has that
 * sheet they are skipped (reported) instead of duplicated.  Year-dependent
 * texts ("Till: 1998 Jul-Jun, 1999: Jul-Dec, From 2000: Jan-Dec") are
 * read per year; a text that cannot be read skips the row (reported): its
 * calendar-year figures stay available from the calendar sheet.
 *
 * A sheet saved as CSV without its title rows (Country,2000,...; or
 * restructured as Area,Country,... with "5.79%" cells) says nothing of
 * which table it is: --as indicator=... (with currency, price and scale
 * for the US$ tables) names it, and the error without it says so.
 *
 * Vintage: the workbook's core properties date (dcterms:modified, else
 * created), accepted only if it falls after the last data year (a 1949-2024
 * table must be released in 2025 or later).  A CSV has no date: its rows
 * carry no vintage and the importer asks for --vintage.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader_util.h"
#include "xlsx.h"

enum kind {
    K_NONE,
    K_LCU_FY,
    K_LCU_CY,
    K_CONST_USD,
    K_CUR_USD,
    K_GDP_SHARE,
    K_PER_CAPITA,
    K_GOV_SHARE
};

/* Canonical sheet names, used for CSV sources. */
static const char *const kind_names[] = {
    "",
    "Local currency financial years",
    "Local currency calendar years",
    "Constant US$",
    "Current US$",
    "Share of GDP",
    "Per capita",
    "Share of Govt. spending"};

#define MAX_YEARS 400
#define MAX_FY_RULES 8

typedef struct layout {
    enum kind kind;
    const char *indicator;
    double scale;           /* money multiplier to units; 100 for shares */
    int base_year;          /* constant prices */
    uint32_t header_row;
    uint32_t col_name, col_currency, col_notes, col_fy;
    size_t nyears;
    uint32_t year_col[MAX_YEARS];
    int year[MAX_YEARS];
} layout;

typedef struct lctx {
    ds__import_ctx *ctx;
    const ds__xlsx *x;      /* NULL for CSV */
    int is_csv;
    int have_calendar;      /* the workbook has a calendar-year LCU sheet */
    int have_current_usd;   /* ... and a current US$ sheet */
    const char *vintage;
    ds_error *err;
} lctx;

/* ---------------------------------------------------------- text bits */

static int
cell_year(const ds__xlsx_cell *c)
{
    long y;
    if (c->type == DS__XLSX_NUMBER) {
        if (c->number != floor(c->number) || c->number < 1800 ||
            c->number > 2200)
            return 0;
        return (int)c->number;
    }
    if (c->type != DS__XLSX_STRING)
        return 0;
    char t[32];
    ds__trim_copy(c->text, t, sizeof t);
    if (!ds__parse_int_n(t, strlen(t), 1800, 2200, &y))
        return 0;
    return (int)y;
}

static const char *
cell_text(const ds__xlsx_sheet *s, uint32_t row, uint32_t col, char *buf,
          size_t size)
{
    buf[0] = '\0';
    if (!col)
        return buf;
    const ds__xlsx_cell *c = ds__xlsx_sheet_get(s, row, col);
    if (!c)
        return buf;
    if (c->type == DS__XLSX_NUMBER)
        ds__snprintf_c(buf, size, "%.15g", c->number);
    else
        ds__trim_copy(c->text, buf, size);
    return buf;
}

/* Where a skip is reported: CSV rows are file lines; xlsx rows are named
 * in the message (line and column 0). */
static void
skip_row(lctx *l, const ds__xlsx_sheet *s, uint32_t row, uint32_t col,
         const char *name, const char *what)
{
    char ref[24];
    if (l->is_csv)
        ds__skipf(l->ctx, row, col, "%s%s%s%s", name[0] ? "'" : "", name,
                  name[0] ? "': " : "", what);
    else
        ds__skipf(l->ctx, 0, 0, "sheet '%s' cell %s%s%s%s: %s", s->name,
                  ds__xlsx_cellref(row, col ? col : 1, ref, sizeof ref),
                  name[0] ? " ('" : "", name, name[0] ? "')" : "", what);
}

/* ------------------------------------------------------- sheet layout */

/* Title and notes: every text cell above the header row. */
static char *
preamble(const ds__xlsx_sheet *s, uint32_t header_row)
{
    size_t n = 1;
    for (size_t i = 0; i < s->n && s->cells[i].row < header_row; i++)
        if (s->cells[i].type == DS__XLSX_STRING)
            n += strlen(s->cells[i].text) + 3;
    char *p = malloc(n);
    if (!p)
        return NULL;
    p[0] = '\0';
    size_t o = 0;
    for (size_t i = 0; i < s->n && s->cells[i].row < header_row; i++)
        if (s->cells[i].type == DS__XLSX_STRING) {
            size_t k = strlen(s->cells[i].text);
            memcpy(p + o, s->cells[i].text, k);
            o += k;
            memcpy(p + o, " | ", 3);
            o += 3;
        }
    p[o] = '\0';
    return p;
}

/* 0 = no "Country" header row (not a per-country table). */
static uint32_t
find_header(const ds__xlsx_sheet *s)
{
    char t[64];
    for (size_t i = 0; i < s->n && s->cells[i].row <= 60; i++) {
        const ds__xlsx_cell *c = &s->cells[i];
        if (c->type != DS__XLSX_STRING || c->col > 4)
            continue;
        ds__trim_copy(c->text, t, sizeof t);
        if (ds__strcaseeq(t, "Country"))
            return c->row;
    }
    return 0;
}

/* Returns 1 with *why empty when the layout is usable, 0 with *why set to
 * the reason the sheet is skipped. */
static int
read_layout(const ds__xlsx_sheet *s, layout *lay, char *why, size_t wsize,
            ds_status *oom, const ds__as *as)
{
    memset(lay, 0, sizeof *lay);
    why[0] = '\0';
    *oom = DS_OK;
    lay->header_row = find_header(s);
    if (!lay->header_row) {
        snprintf(why, wsize,
                 "no 'Country' header row: not a per-country table");
        return 0;
    }
    char *pre = preamble(s, lay->header_row);
    if (!pre) {
        *oom = DS_ENOMEM;
        return 0;
    }
    /* columns */
    size_t k = ds__xlsx_sheet_row_start(s, lay->header_row);
    char t[80];
    for (; k < s->n && s->cells[k].row == lay->header_row; k++) {
        const ds__xlsx_cell *c = &s->cells[k];
        int y = cell_year(c);
        if (y) {
            if (lay->nyears < MAX_YEARS) {
                lay->year_col[lay->nyears] = c->col;
                lay->year[lay->nyears++] = y;
            }
            continue;
        }
        if (c->type != DS__XLSX_STRING)
            continue;
        ds__trim_copy(c->text, t, sizeof t);
        if (ds__strcaseeq(t, "Country"))
            lay->col_name = c->col;
        else if (ds__strcaseeq(t, "Currency"))
            lay->col_currency = c->col;
        else if (ds__strcaseeq(t, "Notes"))
            lay->col_notes = c->col;
        else if (strncasecmp(t, "Fiscal Year", 11) == 0 ||
                 strncasecmp(t, "Financial Year", 14) == 0)
            lay->col_fy = c->col;
    }
    int ok = 0;
    double scale = ds__sheet_scale_from_text(pre);
    if (ds__contains_ci(pre, "per capita")) {
        lay->kind = K_PER_CAPITA;
        lay->indicator = "milex_per_capita";
    } else if (ds__contains_ci(pre, "percentage of gross domestic product") ||
               ds__contains_ci(pre, "share of GDP") ||
               ds__contains_ci(pre, "% of GDP")) {
        lay->kind = K_GDP_SHARE;
        lay->indicator = "milex_gdp_pct";
    } else if (ds__contains_ci(pre, "percentage of government spending") ||
               ds__contains_ci(pre, "percentage of general government") ||
               ds__contains_ci(pre, "share of govt")) {
        lay->kind = K_GOV_SHARE;
        lay->indicator = "milex_gov_pct";
    } else if (ds__contains_ci(pre, "in local currency")) {
        lay->kind = lay->col_fy ? K_LCU_FY : K_LCU_CY;
        lay->indicator = "milex";
    } else if (ds__contains_ci(pre, "constant")) {
        lay->kind = K_CONST_USD;
        lay->indicator = "milex";
    } else if (ds__contains_ci(pre, "current prices") ||
               ds__contains_ci(pre, "current US$")) {
        lay->kind = K_CUR_USD;
        lay->indicator = "milex";
    }
    if (as && as->indicator[0]) {
        /* a sheet saved without its title: --as says which table it is */
        int by = 0;
        lay->kind = K_NONE;
        if (strcmp(as->indicator, "milex_gdp_pct") == 0)
            lay->kind = K_GDP_SHARE;
        else if (strcmp(as->indicator, "milex_gov_pct") == 0)
            lay->kind = K_GOV_SHARE;
        else if (strcmp(as->indicator, "milex_per_capita") == 0)
            lay->kind = K_PER_CAPITA;
        else if (strcmp(as->indicator, "milex") == 0 &&
                 strcmp(as->currency, "USD") == 0) {
            if (strncmp(as->price, "constant ", 9) == 0) {
                lay->kind = K_CONST_USD;
                by = atoi(as->price + 9);
            } else if (strcmp(as->price, "current") == 0) {
                lay->kind = K_CUR_USD;
            }
        } else if (strcmp(as->indicator, "milex") == 0) {
            /* a local-currency sheet: current prices, each country's own
             * currency (the Currency column, else the country table, else
             * --as currency), calendar years unless an FY column or --as
             * year-basis says otherwise */
            if (as->price[0] && strcmp(as->price, "current") != 0) {
                snprintf(why, wsize,
                         "%s price=%s%s: SIPRI's local-currency tables "
                         "are in current prices (price=current)",
                         ds__as_opt(as), strncmp(as->price, "constant ", 9) == 0
                             ? "constant-"
                             : as->price,
                         strncmp(as->price, "constant ", 9) == 0
                             ? as->price + 9
                             : "");
                free(pre);
                return 0;
            }
            lay->kind = lay->col_fy || as->fy_start_month > 1 ? K_LCU_FY
                                                              : K_LCU_CY;
        }
        if (lay->kind == K_NONE) {
            snprintf(why, wsize,
                     "%s %s%s%s%s%s does not name one of SIPRI's US$ or "
                     "share tables or its local-currency ones "
                     "(indicator=milex,currency=USD,price=constant-YYYY|"
                     "current; indicator=milex with a local currency or "
                     "none; indicator=milex_gdp_pct, milex_gov_pct or "
                     "milex_per_capita)",
                     ds__as_opt(as), "indicator=", as->indicator,
                     as->currency[0] ? ",currency=" : "", as->currency,
                     as->price[0] ? " (with that price)" : "");
            free(pre);
            return 0;
        }
        lay->indicator = as->indicator;
        if (as->scale_exp >= 0) {
            static const double p10[] = {1, 1e3, 1e6, 1e9, 1e12};
            scale = p10[as->scale_exp / 3];
        }
        if (lay->kind == K_LCU_FY || lay->kind == K_LCU_CY) {
            if (!scale) {
                snprintf(why, wsize,
                         "the file does not say its unit: give it with %s "
                         "scale=1 (SIPRI's 2025 local-currency tables are in "
                         "units of local currency) or scale=1e6 (millions, "
                         "as older releases)", ds__as_opt(as));
                free(pre);
                return 0;
            }
            lay->scale = scale;
            goto columns;
        }
        if (lay->kind == K_CONST_USD) {
            /* the fall-through below reads the base year from the text */
            lay->base_year = by;
            if (!scale) {
                snprintf(why, wsize, "the file does not say its unit: give "
                                     "it with %s scale=1e6 (SIPRI's US$ "
                                     "tables are in US$ m.)", ds__as_opt(as));
                free(pre);
                return 0;
            }
            lay->scale = scale;
            goto columns;
        }
    }
    switch (lay->kind) {
    case K_NONE:
        snprintf(why, wsize,
                 "its title names none of SIPRI's tables (local currency, "
                 "constant or current US$, share of GDP, per capita, share "
                 "of government spending)%s%s%s%s%s%s%s",
                 as ? "; say which table it is with " : "",
                 as ? ds__as_opt(as) : "",
                 as ? " indicator=milex,currency=USD,price=constant-YYYY,"
                      "scale=1e6 (or price=current), " : "",
                 as ? ds__as_opt(as) : "",
                 as ? " indicator=milex,scale=1 (local currency), " : "",
                 as ? ds__as_opt(as) : "",
                 as ? " indicator=milex_gdp_pct, milex_gov_pct or "
                      "milex_per_capita" : "");
        break;
    case K_GDP_SHARE:
    case K_GOV_SHARE:
        lay->scale = 100; /* SIPRI gives shares as fractions */
        ok = 1;
        break;
    case K_LCU_FY:
    case K_LCU_CY:
        if (!lay->col_currency) {
            snprintf(why, wsize, "no 'Currency' column in the header row %lu",
                     (unsigned long)lay->header_row);
            break;
        }
        lay->scale = scale ? scale : 1;
        ok = 1;
        break;
    case K_PER_CAPITA:
        lay->scale = scale ? scale : 1;
        ok = 1;
        break;
    case K_CONST_USD:
        lay->base_year = ds__sheet_base_year_from_text(pre);
        if (!lay->base_year)
            lay->base_year = ds__sheet_base_year_from_text(s->name);
        if (!lay->base_year) {
            snprintf(why, wsize, "constant prices without a base year in "
                                 "its title");
            break;
        }
        /* fall through */
    case K_CUR_USD:
        if (!scale) {
            snprintf(why, wsize,
                     "its title and notes do not say the unit (US$ m.?)"
                     "%s%s%s",
                     as ? "; give it with " : "", as ? ds__as_opt(as) : "",
                     as ? " scale=1e6" : "");
            break;
        }
        lay->scale = scale;
        ok = 1;
        break;
    }
    if (0) {
columns:
        ok = 1;
    }
    if (ok && !lay->col_name) {
        ok = 0;
        snprintf(why, wsize, "no 'Country' column");
    }
    if (ok && lay->nyears == 0) {
        ok = 0;
        snprintf(why, wsize, "no year columns in the header row %lu",
                 (unsigned long)lay->header_row);
    }
    free(pre);
    return ok;
}

/* -------------------------------------------------------- fiscal years */

typedef struct fy_rule {
    int from, to; /* inclusive year range */
    int month;    /* start month */
} fy_rule;

static int
month_of(const char *s)
{
    static const char *const m[] = {"jan", "feb", "mar", "apr",
                                    "may", "jun", "jul", "aug",
                                    "sep", "oct", "nov", "dec"};
    for (int i = 0; i < 12; i++)
        if (strncasecmp(s, m[i], 3) == 0)
            return i + 1;
    return 0;
}

/* "Mon-Mon" at s: start month, or 0. */
static int
month_span(const char *s, const char **end)
{
    int a = month_of(s);
    if (!a || isalpha((unsigned char)s[3]) || s[3] != '-')
        return 0;
    int b = month_of(s + 4);
    if (!b || isalpha((unsigned char)s[7]))
        return 0;
    *end = s + 7;
    return a;
}

static const char *
skip_sep(const char *s)
{
    while (*s == ' ' || *s == ':' || *s == '\t')
        s++;
    return s;
}

static int
read_year4(const char *s, int *y, const char **end)
{
    if (!isdigit((unsigned char)s[0]) || !isdigit((unsigned char)s[1]) ||
        !isdigit((unsigned char)s[2]) || !isdigit((unsigned char)s[3]) ||
        isdigit((unsigned char)s[4]))
        return 0;
    *y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
         (s[3] - '0');
    *end = s + 4;
    return 1;
}

/* Parse a SIPRI fiscal-year text into rules; 0 when it cannot be read.
 * "" -> Jan-Dec for every year. */
static int
fy_parse(const char *text, fy_rule *r, size_t *n)
{
    *n = 0;
    const char *s = skip_sep(text);
    if (!*s) {
        r[0] = (fy_rule){-100000, 100000, 1};
        *n = 1;
        return 1;
    }
    while (*s) {
        if (*n == MAX_FY_RULES)
            return 0;
        fy_rule x = {-100000, 100000, 0};
        int y;
        const char *e;
        if (strncasecmp(s, "till", 4) == 0 || strncasecmp(s, "until", 5) == 0 ||
            strncasecmp(s, "up to", 5) == 0) {
            s = skip_sep(s + (tolower((unsigned char)s[0]) == 't' ? 4 : 5));
            if (!read_year4(s, &y, &e))
                return 0;
            x.to = y;
            s = e;
        } else if (strncasecmp(s, "from", 4) == 0) {
            s = skip_sep(s + 4);
            if (!read_year4(s, &y, &e))
                return 0;
            x.from = y;
            s = e;
        } else if (read_year4(s, &y, &e)) {
            x.from = x.to = y;
            s = e;
            if (*s == '-' && read_year4(s + 1, &y, &e)) {
                x.to = y;
                s = e;
            }
        }
        s = skip_sep(s);
        x.month = month_span(s, &e);
        if (!x.month)
            return 0;
        s = e;
        while (*s == ' ')
            s++;
        if (*s == ',' || *s == ';')
            s++;
        else if (*s)
            return 0;
        s = skip_sep(s);
        r[(*n)++] = x;
    }
    return *n > 0;
}

static int
fy_month(const fy_rule *r, size_t n, int year)
{
    for (size_t i = 0; i < n; i++)
        if (year >= r[i].from && year <= r[i].to)
            return r[i].month;
    return 0;
}

/* ------------------------------------------------------------- values */

enum cell_kind {
    CV_NONE,
    CV_VALUE,
    CV_UNAVAILABLE,
    CV_NOT_EXIST,
    CV_FORMULA, /* a formula saved without its value */
    CV_OTHER
};

/* The value of a data cell.  *already_pct is set for text like "1.37%". */
static enum cell_kind
cell_value(const ds__xlsx_cell *c, double *v, int *already_pct)
{
    *already_pct = 0;
    if (!c)
        return CV_NONE;
    if (c->type == DS__XLSX_NUMBER) {
        *v = c->number;
        return CV_VALUE;
    }
    if (c->type == DS__XLSX_FORMULA)
        return CV_FORMULA;
    if (c->type != DS__XLSX_STRING)
        return CV_OTHER;
    char t[64];
    ds__trim_copy(c->text, t, sizeof t);
    if (!t[0])
        return CV_NONE;
    if (strcmp(t, "...") == 0 || strcmp(t, ". .") == 0 ||
        strcmp(t, "..") == 0 || strcmp(t, ". . .") == 0)
        return CV_UNAVAILABLE;
    if (ds__strcaseeq(t, "xxx"))
        return CV_NOT_EXIST;
    /* "1,234.5", "1.37%" (a CSV export of the displayed values) */
    char d[64];
    size_t o = 0;
    for (const char *p = t; *p && o + 1 < sizeof d; p++)
        if (*p != ',')
            d[o++] = *p;
    d[o] = '\0';
    if (o > 0 && d[o - 1] == '%') {
        d[--o] = '\0';
        *already_pct = 1;
    }
    if (o > 0 && ds__parse_double_n(d, o, v))
        return CV_VALUE;
    return CV_OTHER;
}

static int
is_blue(const ds__xlsx_style *st)
{
    if (st->font_indexed == 12 || st->font_indexed == 39)
        return 1;
    long c = st->font_rgb;
    if (c < 0)
        return 0;
    long r = (c >> 16) & 0xff, g = (c >> 8) & 0xff, b = c & 0xff;
    return b >= 0xc0 && r <= 0x40 && g <= 0x80;
}

static int
is_red(const ds__xlsx_style *st)
{
    if (st->font_indexed == 10 || st->font_indexed == 2)
        return 1;
    long c = st->font_rgb;
    if (c < 0)
        return 0;
    long r = (c >> 16) & 0xff, g = (c >> 8) & 0xff, b = c & 0xff;
    return r >= 0xc0 && g <= 0x40 && b <= 0x40;
}

/* "SIPRI notes: excludes military pensions; footnote 104" */
static void
notes_text(const char *marks, char *buf, size_t size)
{
    static const struct {
        const char *sym, *text;
    } sym[] = {{"\xe2\x80\xa0", "excludes military pensions"},
               {"\xe2\x80\xa1", "current spending only"},
               {"\xc2\xa7", "adopted budget, not actual spending"},
               {"\xc2\xb6", "excludes paramilitary forces"},
               {"\xe2\x80\x96", "currency redenominated"}};
    size_t o = 0;
    buf[0] = '\0';
    const char *p = marks;
    while (*p && o + 1 < size) {
        int done = 0;
        for (size_t i = 0; i < sizeof sym / sizeof *sym && !done; i++) {
            size_t n = strlen(sym[i].sym);
            if (strncmp(p, sym[i].sym, n) == 0) {
                int w = snprintf(buf + o, size - o, "%s%s", o ? "; " : "",
                                 sym[i].text);
                o = w > 0 ? o + (size_t)w : o;
                p += n;
                done = 1;
            }
        }
        if (done)
            continue;
        if (isdigit((unsigned char)*p)) {
            const char *e = p;
            while (isdigit((unsigned char)*e))
                e++;
            int w = snprintf(buf + o, size - o, "%sfootnote %.*s",
                             o ? "; " : "", (int)(e - p), p);
            o = w > 0 ? o + (size_t)w : o;
            p = e;
            continue;
        }
        p++;
    }
    if (o >= size)
        buf[size - 1] = '\0';
}

/* --------------------------------------------------------- one sheet */

static ds_status
load_rows(lctx *l, const ds__xlsx_sheet *s, const layout *lay)
{
    ds__import_ctx *ctx = l->ctx;
    if (!ds__want_indicator(ctx, lay->indicator, NULL))
        return DS_OK;
    char source[200], price[24];
    snprintf(source, sizeof source, "SIPRI Military Expenditure Database: %s",
             l->is_csv ? kind_names[lay->kind] : s->name);
    if (l->is_csv && lay->kind == K_CONST_USD)
        snprintf(source, sizeof source,
                 "SIPRI Military Expenditure Database: Constant (%d) US$",
                 lay->base_year);
    if (l->is_csv && DS__AS(ctx)->source[0])
        snprintf(source, sizeof source, "%s", DS__AS(ctx)->source);
    const char *definition =
        l->is_csv && DS__AS(ctx)->definition[0] ? DS__AS(ctx)->definition : "sipri";
    const char *currency_fixed = "";
    switch (lay->kind) {
    case K_CONST_USD:
        snprintf(price, sizeof price, "constant %d", lay->base_year);
        currency_fixed = "USD";
        break;
    case K_CUR_USD:
    case K_PER_CAPITA:
        snprintf(price, sizeof price, "current");
        currency_fixed = "USD";
        break;
    case K_LCU_FY:
    case K_LCU_CY:
        snprintf(price, sizeof price, "current");
        break;
    default:
        price[0] = '\0';
        break;
    }

    int *unav = malloc(2 * MAX_YEARS * sizeof *unav);
    if (!unav)
        return ds__error_set(l->err, DS_ENOMEM, ctx->path, 0, 0,
                             "out of memory");
    int *notex = unav + MAX_YEARS;
    ds_status st = DS_OK;
    size_t i = ds__xlsx_sheet_row_start(s, lay->header_row + 1);
    while (i < s->n && st == DS_OK) {
        uint32_t row = s->cells[i].row;
        size_t end = i;
        while (end < s->n && s->cells[end].row == row)
            end++;
        i = end;

        char name[200], cur_word[80], notes[80], fytext[200];
        cell_text(s, row, lay->col_name, name, sizeof name);
        /* anything in the year columns? */
        size_t ndata = 0;
        for (size_t y = 0; y < lay->nyears; y++) {
            double v;
            int pct;
            if (cell_value(ds__xlsx_sheet_get(s, row, lay->year_col[y]), &v,
                           &pct) != CV_NONE)
                ndata++;
        }
        if (ndata == 0)
            continue; /* heading, blank or note row */
        if (!name[0]) {
            skip_row(l, s, row, lay->year_col[0], "",
                     "figures in a row without a country name");
            continue;
        }
        const ds_country *k = NULL;
        if (!ctx->countries) {
            skip_row(l, s, row, lay->col_name, name,
                     "no country table to map the name to an ISO3 code");
            continue;
        }
        ds_error lerr;
        if (ds_countries_lookup(ctx->countries, name, &k, &lerr) != DS_OK) {
            skip_row(l, s, row, lay->col_name, name, lerr.message);
            continue;
        }
        if (!ds__want_country(ctx, k->iso3))
            continue;
        const char *currency = currency_fixed;
        cell_text(s, row, lay->col_currency, cur_word, sizeof cur_word);
        if (lay->kind == K_LCU_FY || lay->kind == K_LCU_CY) {
            const char *as_cur = l->is_csv ? DS__AS(ctx)->currency : "";
            currency = as_cur[0] && !cur_word[0]
                           ? as_cur
                           : ds__row_currency(k, cur_word);
            if (currency && as_cur[0] && strcmp(currency, as_cur) != 0) {
                char why[240];
                snprintf(why, sizeof why,
                         "its currency '%s' is %s, not the %s of %s "
                         "currency=%s",
                         cur_word, currency, as_cur,
                         ds__as_opt(DS__AS(ctx)), as_cur);
                skip_row(l, s, row, lay->col_currency, name, why);
                continue;
            }
            if (!currency) {
                char why[200];
                snprintf(why, sizeof why,
                         "no ISO 4217 code known for %s's currency '%s'",
                         k->iso3, cur_word);
                skip_row(l, s, row, lay->col_currency, name, why);
                continue;
            }
            if (lay->kind == K_LCU_CY && strcmp(currency, "USD") == 0 &&
                l->have_current_usd) {
                /* the same figures as the current US$ sheet's */
                skip_row(l, s, row, lay->col_currency, name,
                         "local currency is the US dollar: the calendar-year "
                         "figures are taken from the current US$ sheet");
                continue;
            }
        }
        fy_rule rules[MAX_FY_RULES];
        size_t nrules = 0;
        cell_text(s, row, lay->col_fy, fytext, sizeof fytext);
        if (lay->kind == K_LCU_FY && !lay->col_fy && l->is_csv &&
            DS__AS(ctx)->fy_start_month > 1) {
            /* no FY column: --as year-basis=fiscal-MM for every row */
            static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr",
                                              "May", "Jun", "Jul", "Aug",
                                              "Sep", "Oct", "Nov", "Dec"};
            int m = DS__AS(ctx)->fy_start_month;
            snprintf(fytext, sizeof fytext, "%s-%s (%s year-basis)",
                     mon[m - 1], mon[(m + 10) % 12],
                     ds__as_opt(DS__AS(ctx)));
            rules[0] = (fy_rule){-100000, 100000, m};
            nrules = 1;
        } else if (lay->kind == K_LCU_FY &&
                   !fy_parse(fytext, rules, &nrules)) {
            char why[300];
            snprintf(why, sizeof why,
                     "cannot read the financial year '%s'; its figures are "
                     "not imported (the calendar-year sheet has them)",
                     fytext);
            skip_row(l, s, row, lay->col_fy, name, why);
            continue;
        }
        cell_text(s, row, lay->col_notes, notes, sizeof notes);
        char notes_en[300];
        notes_text(notes, notes_en, sizeof notes_en);

        size_t nunav = 0, nnotex = 0, ncal = 0;
        int calyears[MAX_YEARS];
        uint32_t first_unav = 0, first_notex = 0, first_cal = 0;
        for (size_t y = 0; y < lay->nyears && st == DS_OK; y++) {
            const ds__xlsx_cell *c =
                ds__xlsx_sheet_get(s, row, lay->year_col[y]);
            double v = 0;
            int pct = 0;
            char ref[24];
            enum cell_kind ck = cell_value(c, &v, &pct);
            if (ck == CV_NONE)
                continue;
            if (ck == CV_UNAVAILABLE) {
                if (!nunav)
                    first_unav = lay->year_col[y];
                unav[nunav++] = lay->year[y];
                continue;
            }
            if (ck == CV_NOT_EXIST) {
                if (!nnotex)
                    first_notex = lay->year_col[y];
                notex[nnotex++] = lay->year[y];
                continue;
            }
            if (ck == CV_FORMULA) {
                char why[300], q[80];
                snprintf(why, sizeof why,
                         "%d: formula%s%s%s has no saved value (the file was "
                         "written without calculating it; open and save it "
                         "in a spreadsheet program): no observation",
                         lay->year[y], c->text[0] ? " '" : "",
                         c->text[0] ? ds__quote(c->text, q, sizeof q) : "",
                         c->text[0] ? "'" : " (shared)");
                skip_row(l, s, row, lay->year_col[y], name, why);
                continue;
            }
            if (ck == CV_OTHER) {
                char why[200], q[80];
                snprintf(why, sizeof why, "%d: unexpected %s '%s'",
                         lay->year[y],
                         c->type == DS__XLSX_ERROR ? "formula error"
                                                   : "text",
                         ds__quote(c->text, q, sizeof q));
                skip_row(l, s, row, lay->year_col[y], name, why);
                continue;
            }
            int month = 1;
            if (lay->kind == K_LCU_FY) {
                month = fy_month(rules, nrules, lay->year[y]);
                if (month == 0 || (month == 1 && l->have_calendar)) {
                    if (!ncal)
                        first_cal = lay->year_col[y];
                    calyears[ncal++] = lay->year[y];
                    continue;
                }
            }
            double value = v;
            int shift = lay->scale == 100 ? 2 : lay->scale == 1e3 ? 3
                        : lay->scale == 1e6 ? 6 : lay->scale == 1e9 ? 9 : 0;
            if (pct) /* "1.37%" text: already percent */
                value = v;
            else if (c->type == DS__XLSX_NUMBER)
                value = ds__sheet_scale_decimal(c->text, v, shift);
            else
                value = v * lay->scale;
            unsigned flags = 0;
            if (l->x) {
                ds__xlsx_style sty = ds__xlsx_cell_style(l->x, c);
                if (is_blue(&sty))
                    flags |= DS_FLAG_ESTIMATE;
                if (is_red(&sty))
                    flags |= DS_FLAG_UNCERTAIN;
            }
            char note[700];
            size_t o = 0;
            if (!l->is_csv)
                o += (size_t)snprintf(note, sizeof note, "cell %s",
                                      ds__xlsx_cellref(row, lay->year_col[y],
                                                       ref, sizeof ref));
            else
                note[0] = '\0';
            if (cur_word[0] && o < sizeof note)
                o += (size_t)snprintf(note + o, sizeof note - o,
                                      "%scurrency '%s'", o ? "; " : "",
                                      cur_word);
            if (lay->kind == K_LCU_FY && o < sizeof note)
                o += (size_t)snprintf(note + o, sizeof note - o,
                                      "%sfinancial year %s", o ? "; " : "",
                                      fytext[0] ? fytext : "Jan-Dec");
            if (notes_en[0] && o < sizeof note)
                snprintf(note + o, sizeof note - o, "%sSIPRI notes: %s",
                         o ? "; " : "", notes_en);
            ds__obs_spec spec;
            memset(&spec, 0, sizeof spec);
            spec.country = k->iso3;
            spec.year = lay->year[y];
            spec.fy_start_month = month;
            spec.indicator = lay->indicator;
            spec.value = value;
            spec.currency = currency;
            spec.price_basis = price;
            spec.definition = definition;
            spec.source = source;
            spec.vintage = l->vintage;
            spec.flags = flags;
            spec.note = note;
            spec.line = row;
            spec.column = l->is_csv ? lay->year_col[y] : 0;
            st = ds__emit(ctx, &spec, l->err);
        }
        if (st != DS_OK)
            break;
        char years[400], why[1000];
        if (nunav) {
            ds__year_ranges(unav, nunav, years, sizeof years);
            snprintf(why, sizeof why,
                     "'...' (data unavailable) for %s: no observation",
                     years);
            skip_row(l, s, row, first_unav, name, why);
        }
        if (nnotex) {
            ds__year_ranges(notex, nnotex, years, sizeof years);
            snprintf(why, sizeof why,
                     "'xxx' (country did not exist or was not independent) "
                     "for %s: no observation",
                     years);
            skip_row(l, s, row, first_notex, name, why);
        }
        if (ncal) {
            ds__year_ranges(calyears, ncal, years, sizeof years);
            snprintf(why, sizeof why,
                     "financial year Jan-Dec (the calendar year%s%s%s) for "
                     "%s: these figures are taken from the calendar-year "
                     "sheet",
                     fytext[0] ? "; the workbook says '" : ", as none is "
                                                           "stated",
                     fytext, fytext[0] ? "'" : "", years);
            skip_row(l, s, row, first_cal, name, why);
        }
    }
    free(unav);
    return st;
}

/* ---------------------------------------------------------- workbook */

static int
max_year(const layout *lay)
{
    int m = 0;
    for (size_t i = 0; i < lay->nyears; i++)
        if (lay->year[i] > m)
            m = lay->year[i];
    return m;
}

/* A sheet is judged by its first HEAD_ROWS rows (find_header looks no
 * further), so a sheet that is not a data table is never read whole, and
 * data sheets are read whole one at a time, each freed before the next. */
#define HEAD_ROWS 60

static ds_status
load_xlsx(ds__import_ctx *ctx, ds_error *err)
{
    ds__xlsx *x = NULL;
    ds_status st = ds__xlsx_open(ctx->path, ctx->buf, ctx->len, NULL, &x, err);
    if (st != DS_OK)
        return st;
    size_t n = ds__xlsx_sheet_count(x);
    ds__xlsx_sheet *s = NULL;
    layout *lays = calloc(n ? n : 1, sizeof *lays);
    int *ok = calloc(n ? n : 1, sizeof *ok);
    if (!lays || !ok) {
        st = ds__error_set(err, DS_ENOMEM, ctx->path, 0, 0, "out of memory");
        goto done;
    }
    lctx l = {ctx, x, 0, 0, 0, "", err};
    int last = 0;
    size_t nok = 0;
    for (size_t i = 0; i < n; i++) {
        st = ds__xlsx_sheet_read_head(x, i, HEAD_ROWS, &s, err);
        if (st != DS_OK)
            goto done;
        char why[300];
        ds_status oom;
        ok[i] = read_layout(s, &lays[i], why, sizeof why, &oom, NULL);
        if (oom != DS_OK) {
            st = ds__error_set(err, oom, ctx->path, 0, 0, "out of memory");
            goto done;
        }
        if (!ok[i] && (s->n > 0 || s->partial)) {
            /* what was passed over unread, when the head was not all */
            char rows[80] = "";
            if (s->partial && s->dim_rows)
                snprintf(rows, sizeof rows,
                         " (%lu rows; only the first %d read)",
                         (unsigned long)s->dim_rows, HEAD_ROWS);
            else if (s->partial)
                snprintf(rows, sizeof rows, " (only the first %d rows read)",
                         HEAD_ROWS);
            ds__skipf(ctx, 0, 0, "sheet '%s' not imported: %s%s", s->name,
                      why, rows);
        }
        ds__xlsx_sheet_free(s);
        s = NULL;
        if (!ok[i])
            continue;
        nok++;
        if (lays[i].kind == K_LCU_CY)
            l.have_calendar = 1;
        if (lays[i].kind == K_CUR_USD)
            l.have_current_usd = 1;
        if (max_year(&lays[i]) > last)
            last = max_year(&lays[i]);
    }
    if (nok == 0) {
        st = ds__error_set(err, DS_EPARSE, ctx->path, 0, 0,
                           "no SIPRI data sheet in the workbook (a sheet "
                           "with a 'Country' header row under a SIPRI "
                           "title)");
        goto done;
    }
    char vintage[11];
    st = ds__xlsx_vintage(x, last + 1, vintage, err);
    if (st != DS_OK)
        goto done;
    l.vintage = vintage;
    for (size_t i = 0; i < n && st == DS_OK; i++) {
        /* a sheet whose indicator the filter drops is not read (issue 18);
         * load_rows would add nothing from it */
        if (!ok[i] || !ds__want_indicator(ctx, lays[i].indicator, NULL))
            continue;
        if ((st = ds__xlsx_sheet_read(x, i, &s, err)) != DS_OK)
            break;
        st = load_rows(&l, s, &lays[i]);
        ds__xlsx_sheet_free(s);
        s = NULL;
    }
done:
    ds__xlsx_sheet_free(s);
    free(lays);
    free(ok);
    ds__xlsx_close(x);
    return st;
}

/* ------------------------------------------------------------------ CSV */

typedef struct csv_build {
    ds__xlsx_sheet *s;
} csv_build;

static ds_status
csv_row(void *vctx, const ds__csv_row *row, ds_error *err)
{
    csv_build *b = vctx;
    for (size_t k = 0; k < row->nfields; k++) {
        char t[512];
        ds__trim_copy(row->fields[k], t, sizeof t);
        if (!t[0])
            continue;
        double v;
        int numeric = ds__parse_double_n(t, strlen(t), &v);
        if (!ds__xlsx_sheet_add(b->s, (uint32_t)row->line, (uint32_t)k + 1,
                                numeric ? DS__XLSX_NUMBER : DS__XLSX_STRING,
                                numeric ? v : 0, row->fields[k], 0))
            return ds__error_set(err, DS_ENOMEM, row->path, row->line, 0,
                                 "out of memory");
    }
    return DS_OK;
}

static ds_status
load_csv(ds__import_ctx *ctx, ds_error *err)
{
    char *conv = NULL;
    size_t clen = 0;
    const char *buf = ctx->buf;
    size_t len = ctx->len;
    ds_status st;
    if (!ds__utf8_valid(buf, len)) {
        /* Excel's plain "CSV" is Windows-1252 (the © and † of SIPRI) */
        st = ds__to_utf8(ctx->path, "WINDOWS-1252", buf, len, &conv, &clen,
                         err);
        if (st != DS_OK)
            return st;
        buf = conv;
        len = clen;
    }
    ds__xlsx_sheet *s = ds__xlsx_sheet_alloc("");
    if (!s) {
        free(conv);
        return ds__error_set(err, DS_ENOMEM, ctx->path, 0, 0,
                             "out of memory");
    }
    csv_build b = {s};
    st = ds__csv_read(ctx->path, buf, len, ',', csv_row, &b, err);
    if (st == DS_OK) {
        ds__xlsx_sheet_sort(s);
        layout lay;
        char why[600];
        ds_status oom;
        if (!read_layout(s, &lay, why, sizeof why, &oom, DS__AS(ctx)))
            st = oom != DS_OK ? ds__error_set(err, oom, ctx->path, 0, 0,
                                              "out of memory")
                              : ds__error_set(err, DS_EPARSE, ctx->path,
                                              lay.header_row,
                                              lay.header_row ? 1 : 0,
                                              "not a SIPRI table: %s", why);
        if (st == DS_OK) {
            /* no date in a CSV: the importer asks for --vintage */
            lctx l = {ctx, NULL, 1, 0, 0, "", err};
            st = load_rows(&l, s, &lay);
        }
    }
    ds__xlsx_sheet_free(s);
    free(conv);
    return st;
}

/* -------------------------------------------------------------- loader */

static int
detect(const char *buf, size_t len)
{
    if (ds__is_zip(buf, len)) {
        ds__xlsx *x;
        if (ds__xlsx_open("", buf, len, NULL, &x, NULL) != DS_OK)
            return 0;
        static const char *const names[] = {
            "Local currency financial years", "Local currency calendar years",
            "Current US$", "Share of GDP", "Per capita",
            "Share of Govt. spending"};
        int hits = 0;
        for (size_t i = 0; i < ds__xlsx_sheet_count(x); i++) {
            const char *n = ds__xlsx_sheet_name(x, i);
            for (size_t k = 0; k < sizeof names / sizeof *names; k++)
                hits += strcmp(n, names[k]) == 0;
            hits += strncmp(n, "Constant (", 10) == 0;
        }
        int score = hits >= 3 ? 95 : 0;
        /* renamed sheets: look for SIPRI's title in the first rows */
        for (size_t i = 0; !score && i < ds__xlsx_sheet_count(x) && i < 12;
             i++) {
            ds__xlsx_sheet *s;
            if (ds__xlsx_sheet_read_head(x, i, 3, &s, NULL) != DS_OK)
                break;
            for (size_t k = 0; k < s->n && s->cells[k].row <= 3; k++)
                if (s->cells[k].type == DS__XLSX_STRING &&
                    strstr(s->cells[k].text, "SIPRI") &&
                    ds__contains_ci(s->cells[k].text, "military expenditure"))
                    score = 85;
            ds__xlsx_sheet_free(s);
        }
        ds__xlsx_close(x);
        return score;
    }
    /* a sheet saved as CSV: SIPRI's title, then a "Country" header */
    size_t n = len < 8192 ? len : 8192;
    char *head = malloc(n + 1);
    if (!head)
        return 0;
    memcpy(head, buf, n);
    head[n] = '\0';
    for (size_t i = 0; i < n; i++)
        if (!head[i])
            head[i] = ' ';
    int score = 0;
    if (strstr(head, "SIPRI") && ds__contains_ci(head, "military expenditure") &&
        (strstr(head, "\nCountry,") || strstr(head, "\n\"Country\",") ||
         strstr(head, "\r\nCountry,")))
        score = 80;
    free(head);
    return score;
}

static ds_status
load(ds__import_ctx *ctx, ds_error *err)
{
    /* a zip signature further in (bytes before a workbook) is no CSV:
     * the xlsx reader says what is wrong with it */
    if (ds__is_zip(ctx->buf, ctx->len) ||
        ds__xlsx_zip_offset(ctx->buf, ctx->len) != (size_t)-1)
        return load_xlsx(ctx, err);
    return load_csv(ctx, err);
}

const ds__loader ds__loader_sipri = {"sipri", detect, load};
