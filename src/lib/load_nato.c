/* load_nato.c - NATO "Defence Expenditure of NATO Countries" tables
 * workbook (.xlsx), as published with each press release.
 *
 * Each sheet is one printed table: a title cell "Table N : ...", a unit
 * line under it ("Million national currency units", "Million US dollars",
 * "2015 prices and exchange rates"), a row of years ("2014" ... "2023e",
 * "2024e"; the "e" marks NATO's estimates -> flag `estimate`), then
 * sections ("Current prices", "Constant 2015 prices", "Share of real GDP
 * (%)") of one row per Ally, labelled "Albania   (Leks)" or "Czechia*".
 * What is read:
 *
 *   table                       section                 indicator
 *   Defence expenditure (T1)    current / constant      milex, national currency
 *   Defence expenditure (T2)    current / constant      milex, USD
 *   ... as a share of GDP (T3)  Share of real GDP (%)   milex_gdp_pct
 *   GDP (T5)                    current / constant      gdp, USD
 *   ... per capita (T6)         Defence exp. per capita milex_per_capita, USD
 *
 * Everything else (annual real change, the 2014-2024 summary, personnel,
 * distribution by category, GDP per capita) has no defspend indicator and
 * is reported as skipped, once per sheet or section.  Units and base years
 * come from the table's own text (a money table without a scale word is
 * skipped, not guessed).  Note rows, page numbers ("-7-"), formula-error
 * rows and the NATO aggregates are not observations (the aggregates and
 * error cells are reported).  The currency of national-currency rows is
 * the country's ISO 4217 code (the label's "(Euros)" / "(US dollars)"
 * wins); United States rows of the national-currency table duplicate the
 * US$ table and are skipped with a report.
 *
 * Vintage: the workbook's core properties date (dcterms:modified, else
 * created), accepted when not before the last year of the tables (the June
 * 2024 release, with 2024e, was modified 2024-06-17, its release day).
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader_util.h"
#include "xlsx.h"

#define MAX_YEARS 64

enum table { T_NONE, T_MILEX, T_SHARE, T_GDP, T_PER_CAPITA };

typedef struct tlayout {
    enum table table;
    char title[200];      /* "Table 1 : Defence expenditure" */
    char unit[200];       /* the line under the title */
    uint32_t year_row, first_year_col;
    size_t nyears;
    uint32_t year_col[MAX_YEARS];
    int year[MAX_YEARS];
    int estimate[MAX_YEARS];
    int lcu;              /* national currency units */
} tlayout;

typedef struct nctx {
    ds__import_ctx *ctx;
    const ds__xlsx *x;
    const char *vintage;
    int have_usd_milex;
    ds_error *err;
} nctx;

static int
starts_ci(const char *s, const char *p)
{
    return strncasecmp(s, p, strlen(p)) == 0;
}

/* 2019 or "2019" -> 2019; "2023e" -> 2023 with *est = 1; else 0. */
static int
year_of(const ds__xlsx_cell *c, int *est)
{
    *est = 0;
    if (c->type == DS__XLSX_NUMBER) {
        if (c->number != floor(c->number) || c->number < 1900 ||
            c->number > 2200)
            return 0;
        return (int)c->number;
    }
    if (c->type != DS__XLSX_STRING)
        return 0;
    char t[16];
    ds__trim_copy(c->text, t, sizeof t);
    size_t n = strlen(t);
    if (n == 5 && (t[4] == 'e' || t[4] == 'E')) {
        *est = 1;
        t[--n] = '\0';
    }
    long y;
    if (n != 4 || !ds__parse_int_n(t, 4, 1900, 2200, &y))
        return 0;
    return (int)y;
}

/* The title ("Table N : ...") and the unit line under it are looked for
 * in the first TITLE_ROWS rows; a sheet is first judged by its first
 * HEAD_ROWS rows (the title is in row 1 or 2 of NATO's tables). */
#define TITLE_ROWS 30
#define HEAD_ROWS 6

static int
read_tlayout(const ds__xlsx_sheet *s, tlayout *t)
{
    memset(t, 0, sizeof *t);
    uint32_t title_row = 0;
    for (size_t i = 0; i < s->n && s->cells[i].row <= TITLE_ROWS; i++) {
        const ds__xlsx_cell *c = &s->cells[i];
        char txt[200];
        if (c->type != DS__XLSX_STRING)
            continue;
        ds__trim_copy(c->text, txt, sizeof txt);
        if (!title_row && starts_ci(txt, "Table ") && strchr(txt, ':')) {
            snprintf(t->title, sizeof t->title, "%s", txt);
            title_row = c->row;
        } else if (title_row && !t->unit[0] && c->row > title_row) {
            snprintf(t->unit, sizeof t->unit, "%s", txt);
        }
    }
    if (!title_row)
        return 0;
    /* the year row: the first row with three or more year cells */
    for (size_t i = 0; i < s->n && !t->year_row;) {
        uint32_t row = s->cells[i].row;
        size_t n = 0, j = i;
        for (; j < s->n && s->cells[j].row == row; j++) {
            int est;
            if (year_of(&s->cells[j], &est))
                n++;
        }
        if (n >= 3 && row > title_row) {
            t->year_row = row;
            for (size_t k = i; k < j && t->nyears < MAX_YEARS; k++) {
                int est, y = year_of(&s->cells[k], &est);
                if (!y)
                    continue;
                t->year_col[t->nyears] = s->cells[k].col;
                t->year[t->nyears] = y;
                t->estimate[t->nyears++] = est;
            }
            t->first_year_col = t->year_col[0];
        }
        i = j;
    }
    const char *colon = strchr(t->title, ':');
    char name[200];
    ds__trim_copy(colon + 1, name, sizeof name);
    if (ds__strcaseeq(name, "Defence expenditure")) {
        t->table = T_MILEX;
        t->lcu = ds__contains_ci(t->unit, "national currency");
    } else if (starts_ci(name, "Defence expenditure as a share of GDP")) {
        t->table = T_SHARE;
    } else if (ds__strcaseeq(name, "GDP")) {
        t->table = T_GDP;
    } else if (ds__contains_ci(name, "defence expenditure per capita")) {
        t->table = T_PER_CAPITA;
    }
    return 1;
}

/* What a section of a table gives: indicator, price basis, scale, or
 * NULL with *why when it gives nothing defspend keeps. */
static const char *
section_meaning(const tlayout *t, const char *section, char *price,
                size_t psize, double *scale, char *why, size_t wsize)
{
    price[0] = '\0';
    why[0] = '\0';
    *scale = 1;
    const char *ind = NULL;
    switch (t->table) {
    case T_MILEX:
    case T_GDP: {
        ind = t->table == T_MILEX ? "milex" : "gdp";
        int base = ds__sheet_base_year_from_text(section);
        if (starts_ci(section, "Current prices"))
            snprintf(price, psize, "current");
        else if (starts_ci(section, "Constant") && base)
            snprintf(price, psize, "constant %d", base);
        else {
            snprintf(why, wsize, "section '%s' is neither current nor "
                                 "constant prices",
                     section);
            return NULL;
        }
        *scale = ds__sheet_scale_from_text(section);
        if (!*scale)
            *scale = ds__sheet_scale_from_text(t->unit);
        if (!*scale) {
            snprintf(why, wsize,
                     "the unit line '%s' names no scale (million?)", t->unit);
            return NULL;
        }
        return ind;
    }
    case T_SHARE:
        if (starts_ci(section, "Share of real GDP") ||
            starts_ci(section, "Share of GDP")) {
            *scale = 1; /* printed in percent: "(%)" */
            return "milex_gdp_pct";
        }
        snprintf(why, wsize, "section '%s' has no defspend indicator",
                 section);
        return NULL;
    case T_PER_CAPITA:
        if (starts_ci(section, "Defence expenditure per capita")) {
            int base = ds__sheet_base_year_from_text(t->unit);
            if (base)
                snprintf(price, psize, "constant %d", base);
            else if (ds__contains_ci(t->unit, "current"))
                snprintf(price, psize, "current");
            else {
                snprintf(why, wsize, "the unit line '%s' gives no price "
                                     "basis",
                         t->unit);
                return NULL;
            }
            *scale = ds__sheet_scale_from_text(section);
            if (!*scale)
                *scale = 1; /* "(US dollars)" */
            return "milex_per_capita";
        }
        snprintf(why, wsize, "section '%s' has no defspend indicator",
                 section);
        return NULL;
    case T_NONE:
        break;
    }
    return NULL;
}

static ds_status
load_table(nctx *n, const ds__xlsx_sheet *s, const tlayout *t)
{
    ds__import_ctx *ctx = n->ctx;
    char section[200] = "", price[24] = "", why[400], source[300];
    const char *ind = NULL;
    double scale = 1;
    int section_reported = 0;
    snprintf(source, sizeof source,
             "NATO Defence Expenditure of NATO Countries: %s", t->title);
    ds_status st = DS_OK;
    size_t i = ds__xlsx_sheet_row_start(s, t->year_row + 1);
    while (i < s->n && st == DS_OK) {
        uint32_t row = s->cells[i].row;
        size_t end = i;
        char label[200] = "";
        uint32_t label_col = 0;
        size_t nnum = 0, nerr = 0;
        for (; end < s->n && s->cells[end].row == row; end++) {
            const ds__xlsx_cell *c = &s->cells[end];
            if (c->col < t->first_year_col) {
                if (c->type == DS__XLSX_STRING && !label[0]) {
                    ds__trim_copy(c->text, label, sizeof label);
                    label_col = c->col;
                }
            } else if (c->type == DS__XLSX_NUMBER ||
                       c->type == DS__XLSX_FORMULA) {
                nnum++; /* a figure, or one saved without its value */
            } else if (c->type == DS__XLSX_ERROR) {
                nerr++;
            }
        }
        size_t first = i;
        i = end;
        char ref[24];
        if (!label[0]) {
            if (nerr || nnum)
                ds__skipf(ctx, 0, 0,
                          "sheet '%s' row %lu: %zu formula error and %zu "
                          "number cells without a label: ignored",
                          s->name, (unsigned long)row, nerr, nnum);
            continue;
        }
        if (nnum == 0) {
            /* a section heading, a note or a page number */
            if (label_col < t->first_year_col - 1 && !starts_ci(label, "Note") &&
                label[0] != '*' && label[0] != '-' && strlen(label) < 120) {
                snprintf(section, sizeof section, "%s", label);
                ind = section_meaning(t, section, price, sizeof price, &scale,
                                      why, sizeof why);
                section_reported = 0;
            }
            continue;
        }
        if (!ind) {
            if (!section_reported && section[0])
                ds__skipf(ctx, 0, 0, "sheet '%s' %s: not imported", s->name,
                          why[0] ? why : "section without an indicator");
            else if (!section_reported)
                ds__skipf(ctx, 0, 0,
                          "sheet '%s' row %lu: figures before any section "
                          "heading: not imported",
                          s->name, (unsigned long)row);
            section_reported = 1;
            continue;
        }
        if (!ds__want_indicator(ctx, ind, NULL))
            continue;
        /* "Czechia*   (Koruny)" */
        char name[200], word[80] = "";
        snprintf(name, sizeof name, "%s", label);
        char *paren = strchr(name, '(');
        if (paren) {
            char *close = strchr(paren, ')');
            snprintf(word, sizeof word, "%.*s",
                     close ? (int)(close - paren - 1) : (int)strlen(paren + 1),
                     paren + 1);
            *paren = '\0';
        }
        int starred = 0;
        size_t nl = strlen(name);
        while (nl > 0 && (name[nl - 1] == ' ' || name[nl - 1] == '*')) {
            starred |= name[nl - 1] == '*';
            name[--nl] = '\0';
        }
        ds__xlsx_cellref(row, label_col, ref, sizeof ref);
        if (starts_ci(name, "NATO")) {
            ds__skipf(ctx, 0, 0,
                      "sheet '%s' cell %s ('%s'): a NATO aggregate, not a "
                      "country: not imported",
                      s->name, ref, name);
            continue;
        }
        const ds_country *k = NULL;
        ds_error lerr;
        if (!ctx->countries) {
            ds__skipf(ctx, 0, 0,
                      "sheet '%s' cell %s ('%s'): no country table to map "
                      "the name to an ISO3 code",
                      s->name, ref, name);
            continue;
        }
        if (ds_countries_lookup(ctx->countries, name, &k, &lerr) != DS_OK) {
            ds__skipf(ctx, 0, 0, "sheet '%s' cell %s ('%s'): %s", s->name,
                      ref, name, lerr.message);
            continue;
        }
        if (!ds__want_country(ctx, k->iso3))
            continue;
        const char *currency = "";
        if (t->table == T_MILEX && t->lcu) {
            currency = ds__row_currency(k, word);
            if (!currency) {
                ds__skipf(ctx, 0, 0,
                          "sheet '%s' cell %s ('%s'): no ISO 4217 code known "
                          "for the currency '%s'",
                          s->name, ref, name, word);
                continue;
            }
            if (strcmp(currency, "USD") == 0 && n->have_usd_milex) {
                ds__skipf(ctx, 0, 0,
                          "sheet '%s' cell %s ('%s'): national currency is "
                          "the US dollar: these figures are taken from the "
                          "US-dollar table",
                          s->name, ref, name);
                continue;
            }
        } else if (t->table != T_SHARE) {
            currency = "USD";
        }
        for (size_t y = 0; y < t->nyears && st == DS_OK; y++) {
            const ds__xlsx_cell *c = ds__xlsx_sheet_get(s, row, t->year_col[y]);
            if (!c)
                continue;
            ds__xlsx_cellref(row, t->year_col[y], ref, sizeof ref);
            if (c->type == DS__XLSX_FORMULA) {
                char q[80];
                ds__skipf(ctx, 0, 0,
                          "sheet '%s' cell %s ('%s' %d): formula%s%s%s has no "
                          "saved value (the file was written without "
                          "calculating it; open and save it in a spreadsheet "
                          "program): no observation",
                          s->name, ref, name, t->year[y],
                          c->text[0] ? " '" : "",
                          c->text[0] ? ds__quote(c->text, q, sizeof q) : "",
                          c->text[0] ? "'" : " (shared)");
                continue;
            }
            if (c->type != DS__XLSX_NUMBER) {
                char q[80];
                ds__skipf(ctx, 0, 0, "sheet '%s' cell %s ('%s' %d): '%s' is "
                                     "not a number: no observation",
                          s->name, ref, name, t->year[y],
                          ds__quote(c->text, q, sizeof q));
                continue;
            }
            int shift = scale == 1e6 ? 6 : scale == 1e3 ? 3 : scale == 1e9 ? 9
                                                                           : 0;
            double v = shift ? ds__sheet_scale_decimal(c->text, c->number,
                                                       shift)
                             : c->number * scale;
            char note[400];
            size_t o = (size_t)snprintf(note, sizeof note, "sheet %s cell %s",
                                        s->name, ref);
            if (word[0] && o < sizeof note)
                o += (size_t)snprintf(note + o, sizeof note - o,
                                      "; currency '%s'", word);
            if (t->table == T_SHARE && o < sizeof note)
                o += (size_t)snprintf(note + o, sizeof note - o,
                                      "; %s, %s", section, t->unit);
            if (starred && o < sizeof note)
                snprintf(note + o, sizeof note - o,
                         "; '*': national law or political agreement "
                         "calling for 2%% of GDP or more");
            ds__obs_spec spec;
            memset(&spec, 0, sizeof spec);
            spec.country = k->iso3;
            spec.year = t->year[y];
            spec.fy_start_month = 1;
            spec.indicator = ind;
            spec.value = v;
            spec.currency = currency;
            spec.price_basis = price;
            spec.definition = "nato";
            spec.source = source;
            spec.vintage = n->vintage;
            spec.flags = t->estimate[y] ? DS_FLAG_ESTIMATE : 0;
            spec.note = note;
            spec.line = row;
            st = ds__emit(ctx, &spec, n->err);
        }
        (void)first;
    }
    return st;
}

static ds_status
load(ds__import_ctx *ctx, ds_error *err)
{
    ds__xlsx *x = NULL;
    ds_status st = ds__xlsx_open(ctx->path, ctx->buf, ctx->len, NULL, &x, err);
    if (st != DS_OK)
        return st;
    size_t n = ds__xlsx_sheet_count(x);
    ds__xlsx_sheet **sheets = calloc(n ? n : 1, sizeof *sheets);
    tlayout *lays = calloc(n ? n : 1, sizeof *lays);
    if (!sheets || !lays) {
        st = ds__error_set(err, DS_ENOMEM, ctx->path, 0, 0, "out of memory");
        goto done;
    }
    nctx nc = {ctx, x, "", 0, err};
    int last = 0;
    size_t nok = 0;
    for (size_t i = 0; i < n; i++) {
        /* judged by its head first (issue 18): a sheet whose title (rows
         * 1-TITLE_ROWS) names no table defspend reads is passed over
         * unread; any other sheet is read whole and judged as before.  The
         * first HEAD_ROWS rows hold the title of most of NATO's tables, so
         * a table that is read costs only those rows twice. */
        int judged = 0;
        for (uint32_t head = HEAD_ROWS; !judged; head = TITLE_ROWS) {
            st = ds__xlsx_sheet_read_head(x, i, head, &sheets[i], err);
            if (st != DS_OK)
                goto done;
            int titled = read_tlayout(sheets[i], &lays[i]);
            judged = titled || !sheets[i]->partial || head == TITLE_ROWS;
            if (sheets[i]->partial && titled && lays[i].table == T_NONE) {
                char rows[80];
                if (sheets[i]->dim_rows)
                    snprintf(rows, sizeof rows,
                             "%lu rows; only the first %lu read",
                             (unsigned long)sheets[i]->dim_rows,
                             (unsigned long)head);
                else
                    snprintf(rows, sizeof rows,
                             "only the first %lu rows read",
                             (unsigned long)head);
                ds__skipf(ctx, 0, 0,
                          "sheet '%s' not imported: '%s' has no defspend "
                          "indicator (%s)",
                          sheets[i]->name, lays[i].title, rows);
                ds__xlsx_sheet_free(sheets[i]);
                sheets[i] = NULL;
                break;
            }
            if (!judged) {
                ds__xlsx_sheet_free(sheets[i]);
                sheets[i] = NULL;
            }
        }
        if (!sheets[i]) {
            lays[i].table = T_NONE;
            continue;
        }
        if (sheets[i]->partial) { /* else the head is the whole sheet */
            ds__xlsx_sheet_free(sheets[i]);
            sheets[i] = NULL;
            st = ds__xlsx_sheet_read(x, i, &sheets[i], err);
            if (st != DS_OK)
                goto done;
        }
        if (!read_tlayout(sheets[i], &lays[i])) {
            if (sheets[i]->n)
                ds__skipf(ctx, 0, 0,
                          "sheet '%s' not imported: no 'Table N : ...' title",
                          sheets[i]->name);
            /* only data tables stay in memory until the vintage is known */
            ds__xlsx_sheet_free(sheets[i]);
            sheets[i] = NULL;
            continue;
        }
        if (lays[i].table == T_NONE || !lays[i].nyears) {
            ds__skipf(ctx, 0, 0, "sheet '%s' not imported: '%s' %s",
                      sheets[i]->name, lays[i].title,
                      lays[i].nyears ? "has no defspend indicator"
                                     : "has no row of years");
            lays[i].table = T_NONE;
            ds__xlsx_sheet_free(sheets[i]);
            sheets[i] = NULL;
            continue;
        }
        nok++;
        if (lays[i].table == T_MILEX && !lays[i].lcu)
            nc.have_usd_milex = 1;
        for (size_t y = 0; y < lays[i].nyears; y++)
            if (lays[i].year[y] > last)
                last = lays[i].year[y];
    }
    if (nok == 0) {
        st = ds__error_set(err, DS_EPARSE, ctx->path, 0, 0,
                           "no NATO defence-expenditure table in the "
                           "workbook (a 'Table N : Defence expenditure' "
                           "sheet with a row of years)");
        goto done;
    }
    char vintage[11];
    st = ds__xlsx_vintage(x, last, vintage, err);
    if (st != DS_OK)
        goto done;
    nc.vintage = vintage;
    for (size_t i = 0; i < n && st == DS_OK; i++)
        if (lays[i].table != T_NONE && sheets[i])
            st = load_table(&nc, sheets[i], &lays[i]);
done:
    for (size_t i = 0; sheets && i < n; i++)
        ds__xlsx_sheet_free(sheets[i]);
    free(sheets);
    free(lays);
    ds__xlsx_close(x);
    return st;
}

static int
detect(const char *buf, size_t len)
{
    if (!ds__is_zip(buf, len))
        return 0;
    ds__xlsx *x;
    if (ds__xlsx_open("", buf, len, NULL, &x, NULL) != DS_OK)
        return 0;
    int score = 0;
    for (size_t i = 0; i < ds__xlsx_sheet_count(x) && i < 12 && score < 90;
         i++) {
        ds__xlsx_sheet *s;
        if (ds__xlsx_sheet_read_head(x, i, 60, &s, NULL) != DS_OK)
            break;
        tlayout t;
        if (read_tlayout(s, &t) && t.table == T_MILEX && t.nyears)
            score = 90;
        ds__xlsx_sheet_free(s);
    }
    ds__xlsx_close(x);
    return score;
}

const ds__loader ds__loader_nato = {"nato", detect, load};
