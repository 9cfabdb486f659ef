/* xlsx.h - a small, defensive reader of Office Open XML workbooks (.xlsx),
 * built on libzip and expat.  Internal (ds__xlsx_*), not installed.
 *
 * It reads what the source-format loaders need and nothing more: the sheet
 * list (workbook.xml resolved through its relationships, never by guessing
 * "sheetN.xml"), cell values (shared strings with rich-text runs, inline
 * strings, numbers, booleans, errors), cell references ("AB12", or none),
 * each cell's font colour and number format (styles.xml cellXfs -> fonts,
 * numFmts) and the core properties' dates.  Element names are matched by
 * local name whatever the namespace prefix.  Sizes are bounded: a zip entry
 * whose uncompressed size is over the limit (declared or actual), a sheet
 * claiming more than Excel's 1,048,576 rows x 16,384 columns or holding
 * more than the cell limit is an error, never an allocation.
 *
 * Errors set path to the workbook and say which part, sheet and cell:
 * "book.xlsx: sheet 'Current US$' cell C7: shared string index 900 out of
 * range (the workbook has 12)".
 */
#ifndef DS_XLSX_H
#define DS_XLSX_H

#include <stddef.h>
#include <stdint.h>

#include "internal.h"

#define DS__XLSX_MAX_ROWS 1048576u
#define DS__XLSX_MAX_COLS 16384u

typedef struct ds__xlsx_limits {
    size_t max_part_bytes; /* uncompressed size of one zip entry */
    size_t max_cells;      /* non-empty cells in one sheet */
    size_t max_sheets;     /* sheets in the workbook */
    size_t max_total_bytes; /* XML inflated from all parts, all reads */
    size_t max_total_cells; /* non-empty cells read from all sheets */
} ds__xlsx_limits;

/* 256 MiB per part, 20 million cells per sheet, 1024 sheets; per
 * workbook 512 MiB of XML and 20 million cells in all (every read counts,
 * so a sheet read twice counts twice).  A workbook that lists one sheet
 * part under two names is refused. */
extern const ds__xlsx_limits ds__xlsx_default_limits;

typedef enum ds__xlsx_type {
    DS__XLSX_NUMBER = 1, /* number: value in `number`, text as written */
    DS__XLSX_STRING,     /* shared, inline or formula string, or a date */
    DS__XLSX_BOOL,       /* number is 0 or 1 */
    DS__XLSX_ERROR,      /* "#REF!", "#N/A", ... in text */
    DS__XLSX_FORMULA     /* a formula without a cached value: the formula
                            in text ("" for a shared formula's follower);
                            no value can be read from it */
} ds__xlsx_type;

typedef struct ds__xlsx_cell {
    uint32_t row;       /* 1-based */
    uint32_t col;       /* 1-based (A = 1) */
    ds__xlsx_type type;
    double number;      /* NUMBER and BOOL */
    const char *text;   /* NUL-terminated UTF-8; never NULL */
    uint32_t style;     /* index into cellXfs (the s attribute), 0 default */
} ds__xlsx_cell;

/* What a cell's style says (styles.xml cellXfs -> fonts, numFmts). */
typedef struct ds__xlsx_style {
    int font_indexed;   /* <color indexed=...> of the font, -1 if none */
    int font_theme;     /* <color theme=...>, -1 if none */
    long font_rgb;      /* 0xRRGGBB from rgb= or the (custom) indexed
                           palette; -1 when unknown (none, theme, auto) */
    int numfmt_id;      /* numFmtId, 0 = General */
    int percent;        /* 1 when the number format shows a percentage */
} ds__xlsx_style;

/* One worksheet held in memory: its non-empty cells sorted by row then
 * column.  Also built by hand (ds__xlsx_sheet_alloc/add) by loaders that
 * turn a CSV export of a sheet into the same shape. */
typedef struct ds__xlsx_sheet {
    char *name;             /* sheet name as in workbook.xml */
    ds__xlsx_cell *cells;
    size_t n, cap;
    uint32_t max_row, max_col;
    int partial;            /* read with a row limit that cut it short */
    uint32_t dim_rows;      /* rows its <dimension> claims (a head read
                               sees it too; 0 when absent): what a loader
                               that passes over a sheet unread reports */
    ds__pool *strings;      /* owns every cell text */
} ds__xlsx_sheet;

typedef struct ds__xlsx ds__xlsx;

/* Open a workbook held in memory (buf must outlive the handle).  Reads the
 * package and workbook relationships, the sheet list, the shared strings
 * and the styles.  lim may be NULL for the defaults.  path names the file in
 * messages. */
ds_status ds__xlsx_open(const char *path, const char *buf, size_t len,
                        const ds__xlsx_limits *lim, ds__xlsx **out,
                        ds_error *err);
void ds__xlsx_close(ds__xlsx *x);

size_t ds__xlsx_sheet_count(const ds__xlsx *x);
/* Sheet name (valid until ds__xlsx_close), NULL when i is out of range. */
const char *ds__xlsx_sheet_name(const ds__xlsx *x, size_t i);
/* The zip part a sheet is read from ("xl/worksheets/sheet3.xml"). */
const char *ds__xlsx_sheet_part(const ds__xlsx *x, size_t i);
/* Index of the sheet named name (exact), or -1. */
long ds__xlsx_sheet_find(const ds__xlsx *x, const char *name);

/* Read sheet i into memory.  Free with ds__xlsx_sheet_free. */
ds_status ds__xlsx_sheet_read(ds__xlsx *x, size_t i, ds__xlsx_sheet **out,
                              ds_error *err);
/* Read only rows 1..max_rows of sheet i (the title and header rows a
 * loader judges a sheet by): parsing stops at the first later row and
 * (*out)->partial says whether there was one. */
ds_status ds__xlsx_sheet_read_head(ds__xlsx *x, size_t i, uint32_t max_rows,
                                   ds__xlsx_sheet **out, ds_error *err);
/* Bytes of XML inflated and cells read so far (all parts and sheets). */
size_t ds__xlsx_bytes_read(const ds__xlsx *x);
size_t ds__xlsx_cells_read(const ds__xlsx *x);

/* The style of a cell (a default style for indices out of range and for
 * hand-built sheets read without a workbook). */
ds__xlsx_style ds__xlsx_cell_style(const ds__xlsx *x, const ds__xlsx_cell *c);

/* Core properties (docProps/core.xml through the package relationships):
 * dcterms:modified and dcterms:created as "YYYY-MM-DD", "" when absent. */
ds_status ds__xlsx_core_dates(ds__xlsx *x, char created[11],
                              char modified[11], ds_error *err);
/* The workbook's vintage from them: the modified date, else the created
 * one, if its year is min_year or later (a date before the newest figure
 * is a template's, not the release's); "" when neither is. */
ds_status ds__xlsx_vintage(ds__xlsx *x, int min_year, char vintage[11],
                           ds_error *err);

/* ---- sheets in memory ---- */
ds__xlsx_sheet *ds__xlsx_sheet_alloc(const char *name);
void ds__xlsx_sheet_free(ds__xlsx_sheet *s);
/* Add (or replace) a cell; text is copied.  0 when out of memory. */
int ds__xlsx_sheet_add(ds__xlsx_sheet *s, uint32_t row, uint32_t col,
                       ds__xlsx_type type, double number, const char *text,
                       uint32_t style);
/* Sort cells by row and column (needed after adding out of order; a later
 * cell at the same position replaces an earlier one). */
void ds__xlsx_sheet_sort(ds__xlsx_sheet *s);
/* The cell at (row, col), NULL when empty. */
const ds__xlsx_cell *ds__xlsx_sheet_get(const ds__xlsx_sheet *s,
                                        uint32_t row, uint32_t col);
/* Index of the first cell of row (or of the first later row): iterate
 * cells[i] while cells[i].row == row. */
size_t ds__xlsx_sheet_row_start(const ds__xlsx_sheet *s, uint32_t row);

/* Offset of the first zip local-file signature "PK\3\4" in buf
 * ((size_t)-1 when there is none): 0 for a workbook, more when something
 * was put before it (then ds__xlsx_open refuses it, saying so). */
size_t ds__xlsx_zip_offset(const char *buf, size_t len);

/* ---- references ---- */
/* "AB12" for (12, 28).  Returns buf (at least 16 bytes). */
char *ds__xlsx_cellref(uint32_t row, uint32_t col, char *buf, size_t size);
/* Parse "AB12" (row part optional when allow_no_row).  1 on success. */
int ds__xlsx_parse_ref(const char *ref, uint32_t *row, uint32_t *col);

/* ---- helpers for loaders of spreadsheet publications ---- */
/* Scale named in a unit text: 1e6 for "million", "US$ m.", "US $m.";
 * 1e9 for "billion", "US$ b."; 1e3 for "thousand"; 0 when the text names
 * none. */
double ds__sheet_scale_from_text(const char *text);
/* value x 10^k computed on the decimal text (so "0.01371396895806343"
 * x 10^2 is exactly the double nearest 1.371396895806343, without the
 * binary noise of a multiplication); falls back to v * 10^k for text that
 * is not a plain decimal. */
double ds__sheet_scale_decimal(const char *text, double v, int k);
/* Price base year in "constant (2023) US$", "Constant 2015 prices",
 * "2015 prices and exchange rates": the year, or 0. */
int ds__sheet_base_year_from_text(const char *text);

#endif
