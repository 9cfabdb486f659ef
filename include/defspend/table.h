/* defspend/table.h - tabular results and the shared output writers.
 *
 * A ds_table is what a calculation hands to presentation: named columns
 * that carry a unit and a kind (text, year, count, money in a currency,
 * share in percent, exchange rate, plain number, yes/no), rows of cells
 * that are either a value or missing (missing is a state of its own,
 * never zero), and cells that may link to their citation (source,
 * definition, vintage) in the table's de-duplicated citation list
 * (ds_cite).  A table may carry a title and notes above or below the
 * grid, for the text and Markdown writers.
 *
 * One writer per output format (ds_table_write): text (aligned columns
 * in the house number formatting of format.h), CSV (RFC 4180, full
 * precision, missing as an empty field), JSON (an array of objects,
 * missing as null) and Markdown (a GFM table, data text escaped).  The
 * CLI and the report write the same table the same way.
 */
#ifndef DEFSPEND_TABLE_H
#define DEFSPEND_TABLE_H

#include <stddef.h>
#include <stdio.h>

#include "defspend/compare.h"
#include "defspend/convert.h"
#include "defspend/error.h"
#include "defspend/export.h"
#include "defspend/project.h"
#include "defspend/revisions.h"
#include "defspend/scenario.h"
#include "defspend/sensitivity.h"
#include "defspend/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- citations ---- */

/* One citation: where a figure comes from. */
typedef struct ds_citation {
    char *source;     /* publisher and series code */
    char *definition; /* wdi, sipri, nato, mod_budget, ... */
    char *vintage;    /* release date YYYY-MM-DD, "" when unknown */
    unsigned flags;   /* DS_FLAG_* of the cited observation */
} ds_citation;

/* A de-duplicated list of citations, in the order first added; no fixed
 * buffers and no cap. */
typedef struct ds_cite ds_cite;

DS_API ds_cite *ds_cite_alloc(void);
DS_API void ds_cite_free(ds_cite *c);
/* Add a citation (copied) unless an equal one is there; *index (may be
 * NULL) is its 0-based position either way. */
DS_API ds_status ds_cite_add(ds_cite *c, const char *source,
                             const char *definition, const char *vintage,
                             unsigned flags, size_t *index, ds_error *err)
    __attribute__((warn_unused_result));
/* ds_cite_add of an observation's source, definition, vintage and flags. */
DS_API ds_status ds_cite_add_obs(ds_cite *c, const ds_obs *o, size_t *index,
                                 ds_error *err)
    __attribute__((warn_unused_result));
DS_API size_t ds_cite_count(const ds_cite *c);
/* Borrowed; valid until the list is freed. */
DS_API const ds_citation *ds_cite_get(const ds_cite *c, size_t i);
/* "SOURCE; definition D; vintage V[; FLAGS]" ("unknown" for an empty
 * vintage), as one string the caller frees; NULL when out of memory. */
DS_API char *ds_cite_text(const ds_citation *c);
/* The same for an observation. */
DS_API char *ds_cite_obs_text(const ds_obs *o);

/* ---- tables ---- */

/* The output formats (ds_table_write). */
typedef enum ds_table_format {
    DS_TABLE_TEXT,
    DS_TABLE_CSV,
    DS_TABLE_JSON,
    DS_TABLE_MD
} ds_table_format;

typedef enum ds_col_kind {
    DS_COL_TEXT,      /* text */
    DS_COL_YEAR,      /* a year, an integer */
    DS_COL_COUNT,     /* a count, an integer */
    DS_COL_BOOL,      /* yes/no: 1/0 in CSV, true/false in JSON */
    DS_COL_MONEY,     /* an amount in units of the column's currency */
    DS_COL_SHARE_PCT, /* percent (3.5 = 3.5%) */
    DS_COL_RATE,      /* local currency units per US$ (unit = the LCU) */
    DS_COL_NUMBER     /* any other number */
} ds_col_kind;

/* Where a column is written. */
enum {
    DS_COL_SHOW_TEXT = 1, /* text and Markdown */
    DS_COL_SHOW_DATA = 2, /* CSV and JSON */
    DS_COL_SHOW_ALL = 3,
    DS_COL_HIDDEN = 4     /* neither (kept for a fixed column layout) */
};

typedef struct ds_column {
    const char *name;    /* CSV header and JSON key */
    const char *label;   /* text / Markdown header; NULL = name */
    const char *unit;    /* ISO 4217 for money and rates, NULL if none */
    ds_col_kind kind;
    int decimals;        /* share, rate, number in text: digits after the
                            point; -1 = house default (money: scaled,
                            share: 2, number: full precision) */
    int right;           /* 1 = right-aligned in text and Markdown; 2 =
                            cells right-aligned in text, the header and
                            Markdown left */
    int width;           /* DS_TABLE_FIXED: minimum width in characters */
    int gap;             /* spaces before the column in text; 0 = the
                            style's default (aligned 2, fixed 1) */
    unsigned show;       /* DS_COL_SHOW_*; 0 = all */
    const char *missing; /* a missing cell in text / Markdown; NULL = "n/a" */
} ds_column;

/* How the text writer lays out the grid. */
typedef enum ds_text_style {
    DS_TEXT_ALIGNED, /* each column as wide as its widest cell */
    DS_TEXT_FIXED    /* each cell padded to its column's width, printf-like */
} ds_text_style;

/* Where a note goes: above the grid (a list item in Markdown), below it
 * (the same), below it as a subheading ("### " in Markdown) or as an
 * item under such a subheading (indented by two spaces in text). */
typedef enum ds_note_place {
    DS_NOTE_HEAD,
    DS_NOTE_HEAD_ITEM, /* under the head note before it: "  " / "  - " */
    DS_NOTE_FOOT,
    DS_NOTE_FOOT_HEADING,
    DS_NOTE_FOOT_ITEM,
    DS_NOTE_FOOT_SUB /* under the foot note before it: "  " / "  - " */
} ds_note_place;

typedef struct ds_table ds_table;

DS_API ds_table *ds_table_alloc(void);
DS_API void ds_table_free(ds_table *t);

DS_API void ds_table_set_style(ds_table *t, ds_text_style style);
/* Drop blanks at the end of each grid line in text. */
DS_API void ds_table_set_trim(ds_table *t, int trim);

/* Add a column (copied); returns its index. */
DS_API size_t ds_table_add_column(ds_table *t, const ds_column *c);
DS_API size_t ds_table_columns(const ds_table *t);
DS_API const ds_column *ds_table_column(const ds_table *t, size_t col);

/* The title and notes: printf where each %s is data text (escaped for
 * the output: control characters in text, Markdown syntax in Markdown)
 * and the rest house text, written as it is; "%-s" (a '-' flag and no
 * width) is a string that is house text too (an indicator name, a
 * currency code).  Conversions: %s %d %ld %lld %zu %g %f %e with flags,
 * width and precision, and %%. */
DS_API void ds_table_title(ds_table *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
DS_API void ds_table_note(ds_table *t, ds_note_place where, const char *fmt,
                          ...) __attribute__((format(printf, 3, 4)));
/* A caption right above the grid, after the title and head notes (a line
 * in text, a "### " subheading in Markdown), in the same printf. */
DS_API void ds_table_caption(ds_table *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* How the caller's reader gets the table in another format, for the
 * notes that point there (e.g. the convert table's "... and 9 more rates
 * of the same kind (see the JSON output)"): the tool says "--format
 * json".  NULL restores the default, "the JSON output" (the text, CSV,
 * Markdown output).  The library's notes name no command-line flag. */
DS_API void ds_table_set_format_ref(ds_table *t, ds_table_format f,
                                    const char *how);

/* A caption for Markdown only, when it should read differently there
 * (e.g. "Target 5% of GDP by 2035" as a subheading where text says
 * "Target 5% of GDP by 2035 (linear path):"); without it Markdown shows
 * the caption. */
DS_API void ds_table_caption_md(ds_table *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* How the foot notes are laid out (ds_table_set_foot_style, flags). */
enum {
    DS_FOOT_TIGHT = 1, /* text: right below the grid, no blank line */
    DS_FOOT_PLAIN = 2  /* Markdown: lines of a paragraph rather than a
                          list (no "- "; DS_NOTE_FOOT_SUB indented by two
                          spaces) */
};
DS_API void ds_table_set_foot_style(ds_table *t, unsigned style);

/* How the caller's user names an option, for the notes that mention one
 * (e.g. the projection's "not used (--gdp-source weo uses it)"): the
 * tool says "--"; without a prefix a note says "the 'gdp-source' option
 * set to weo", as the import's option_prefix. */
DS_API void ds_table_set_option_prefix(ds_table *t, const char *prefix);

/* Start a new row: every cell missing until set.  Setters write to the
 * last row. */
DS_API void ds_table_add_row(ds_table *t);
DS_API size_t ds_table_rows(const ds_table *t);
DS_API void ds_table_set_text(ds_table *t, size_t col, const char *s);
/* A number; NaN (or infinity) makes the cell missing. */
DS_API void ds_table_set_num(ds_table *t, size_t col, double v);
DS_API void ds_table_set_int(ds_table *t, size_t col, long long v);
DS_API void ds_table_set_bool(ds_table *t, size_t col, int v);
DS_API void ds_table_set_missing(ds_table *t, size_t col);
/* What text and Markdown show for the cell instead of the formatted
 * value (CSV and JSON keep the value). */
DS_API void ds_table_set_shown(ds_table *t, size_t col, const char *s);
/* Link the cell to its citation (the observation's source, definition and
 * vintage), added to the table's list. */
DS_API void ds_table_set_cite(ds_table *t, size_t col, const ds_obs *o);

/* Reading cells back. */
DS_API int ds_table_missing(const ds_table *t, size_t row, size_t col);
/* The value of a number cell (NaN when missing or text). */
DS_API double ds_table_num(const ds_table *t, size_t row, size_t col);
/* The text of a text cell, else NULL.  Borrowed. */
DS_API const char *ds_table_text(const ds_table *t, size_t row, size_t col);
/* The cell as text and Markdown show it (before escaping), into buf. */
DS_API char *ds_table_shown(const ds_table *t, size_t row, size_t col,
                            char *buf, size_t size);
/* The cell's citation, NULL when it has none.  Borrowed. */
DS_API const ds_citation *ds_table_cite(const ds_table *t, size_t row,
                                        size_t col);
/* The table's citations (borrowed). */
DS_API const ds_cite *ds_table_citations(const ds_table *t);

/* ---- results as tables ---- */

/* A conversion (convert.h): one row per output year with its input(s),
 * factor, output, flags and note, each money cell cited; in text the
 * method, rates and deflator above the grid and the notes below it. */
DS_API ds_status ds_convert_table(const ds_conversion *c, ds_table **out,
                                  ds_error *err)
    __attribute__((warn_unused_result));

/* A scenario (scenario.h): one row per target share with the spending
 * in US$ and local currency, against the baseline, per capita, and the
 * GDP, baseline and actual share each is computed from (CSV and JSON: all
 * 33 columns).  Text and Markdown show the US$ columns when usd is set,
 * the local-currency ones when lcu is set and the store has GDP in it,
 * the baseline columns when there is a baseline. */
DS_API ds_status ds_scenario_table(const ds_scenario *s, int usd, int lcu,
                                   ds_table **out, ds_error *err)
    __attribute__((warn_unused_result));

/* A projection (project.h), with its simulation when sim is not NULL
 * (seed: the seed it was run with): one row per target and year, every
 * figure with its basis (GDP source, budget, forecast, growth rates,
 * notes) and, with a simulation, the percentile bands.  For CSV and JSON;
 * text and Markdown are ds_project_view_table's. */
DS_API ds_status ds_project_table(const ds_projection *p,
                                  const ds_simulation *sim,
                                  unsigned long seed, ds_table **out,
                                  ds_error *err)
    __attribute__((warn_unused_result));

/* A projection as people read it (text and Markdown; CSV and JSON write
 * the same figures, unformatted).  DS_PROJECT_VIEW_TARGET: target k year
 * by year (GDP, growth, share, spending in US$ and local currency, extra
 * over the baseline, decided increase, cumulative and present values,
 * constant prices, and with a simulation the spending bands), its
 * totals below the grid; for k = 0 under the projection's heading: the
 * title and every assumption (start GDP and its citation, growth and how
 * it was chosen, recent growth, exchange rate, baseline, decided budgets,
 * path, prices, present values, the Monte Carlo set-up, notes).
 * DS_PROJECT_VIEW_SIMULATION: the simulated GDP bands, then the plan and
 * each target's chance (sim must not be NULL).  seed: what the
 * simulation was run with.  Notes that name an option say it as
 * ds_table_set_option_prefix sets. */
typedef enum ds_project_view {
    DS_PROJECT_VIEW_TARGET,
    DS_PROJECT_VIEW_SIMULATION
} ds_project_view;

DS_API ds_status ds_project_view_table(const ds_projection *p,
                                       const ds_simulation *sim,
                                       unsigned long seed,
                                       ds_project_view view, size_t k,
                                       ds_table **out, ds_error *err)
    __attribute__((warn_unused_result));

/* A comparison (compare.h) under title: one row per country, ranked by
 * share, with the spending needed at each target and the gap to it
 * (columns need_usd_T and gap_usd_T per target T), the sources of each
 * figure, and in text the definition and year rules above the grid and
 * each distinct combination of sources below it. */
DS_API ds_status ds_compare_table(const ds_comparison *c, const char *title,
                                  ds_table **out, ds_error *err)
    __attribute__((warn_unused_result));

/* The views of a sensitivity grid (sensitivity.h). */
typedef enum ds_sensitivity_view {
    /* one row per target share and column with every figure and its
     * basis (country, years, path, baseline, GDP source): for CSV */
    DS_SENS_CELLS,
    /* target-year spending in US$, a row per target share and a column
     * per growth rate or exchange rate, under the grid's heading (country,
     * start GDP and its citation, baseline, columns, path): for text and
     * Markdown */
    DS_SENS_SPEND,
    /* the cumulative extra over the baseline, laid out the same, without
     * the heading */
    DS_SENS_CUMULATIVE
} ds_sensitivity_view;

DS_API ds_status ds_sensitivity_table(const ds_sensitivity *g,
                                      ds_sensitivity_view view,
                                      ds_table **out, ds_error *err)
    __attribute__((warn_unused_result));

/* The grid as one JSON document (jansson json_t *, a new reference): the
 * country, currency, years, price basis, kind of grid, the GDP
 * observations it starts from, and "cells": the rows of DS_SENS_CELLS
 * without the columns the header already gives.  NULL with err set on
 * failure. */
struct json_t;
DS_API struct json_t *ds_sensitivity_json(const ds_sensitivity *g,
                                          ds_error *err);

/* Results as JSON documents (jansson json_t *, a new reference), for the
 * results whose JSON nests: "defspend_version" first, then what the
 * figures are (country, currency, price basis, year, definition), every
 * observation used with everything needed to cite it (country, year,
 * year basis, indicator, value, currency, price basis, definition,
 * source, vintage, flags), and the rows; a missing number is null.  NULL
 * with err set on failure: DS_EPARSE "cannot encode "KEY" 'VALUE' as
 * JSON: the text is not UTF-8", DS_ENOMEM.  data_dir (may be NULL: null)
 * is where the store was read, as the document records it. */
/* A scenario: "gdp", "exchange_rate", "population", the actual and
 * latest shares, "baseline" and "scenarios" (a row per target share). */
DS_API struct json_t *ds_scenario_json(const ds_scenario *s,
                                       const char *data_dir, ds_error *err);
/* A comparison under title: the definition and year rules and why, and
 * "countries" (a row per country with its figures, their observations
 * and the need and gap at each target). */
DS_API struct json_t *ds_compare_json(const ds_comparison *c,
                                      const char *title, ds_error *err);
/* A conversion: the series and its bases, the method, every rate and
 * deflator used, and "rows" (input, factor, output per year). */
DS_API struct json_t *ds_convert_json(const ds_conversion *c, ds_error *err);
/* A projection with its simulation (sim may be NULL; seed: what it was
 * run with): "assumptions" (every one, with the observations behind
 * them) and "targets" (year by year; with a simulation the bands and the
 * plan's chances). */
DS_API struct json_t *ds_project_json(const ds_projection *p,
                                      const ds_simulation *sim,
                                      unsigned long seed,
                                      const char *data_dir, ds_error *err);

/* Revisions (revisions.h): one row per vintage of each figure held in
 * more than one vintage (all: of every figure), oldest first, with the
 * previous vintage, the change and the change in percent (missing for a
 * figure's first vintage), the source and flags; text is fixed-width.
 * With no row, a foot note says so (naming spec's indicator and
 * country). */
DS_API ds_status ds_revisions_table(const ds_revisions *rv,
                                    const ds_revisions_spec *spec, int all,
                                    ds_table **out, ds_error *err)
    __attribute__((warn_unused_result));

/* How old a figure is (ds_select_age): stale, and the newest year of its
 * release and of the store. */
typedef struct ds_obs_age {
    int stale;
    int newest_in_release;
    int newest_in_store;
} ds_obs_age;

/* Observations, one row each with everything needed to cite it (country,
 * year, year basis, indicator, value in units, currency, price basis,
 * definition, source, vintage, flags); ages NULL, or one per observation
 * (adds the age columns).  Text is fixed-width, one line per figure. */
DS_API ds_status ds_obs_table(const ds_obs *const *v, size_t n,
                              const ds_obs_age *ages, ds_table **out,
                              ds_error *err)
    __attribute__((warn_unused_result));

/* What a store holds: one row per country x indicator x definition x
 * currency with its years, number of observations, source and every
 * vintage (no cap). */
DS_API ds_status ds_store_list_table(const ds_store *s, ds_table **out,
                                     ds_error *err)
    __attribute__((warn_unused_result));

/* The order tables list observations in (a qsort comparator over
 * const ds_obs *): country, indicator, definition, currency, year,
 * vintage. */
DS_API int ds_obs_order(const void *a, const void *b);

/* How a comparison row's share was obtained: "published" or "milex/GDP",
 * with ", milex derived" / ", GDP derived"; "" without data.  Returns b. */
DS_API const char *ds_compare_basis(const ds_compare_row *r, char *b,
                                    size_t n);

/* 1 when the scenario's baseline in US$ was converted at another rate
 * than GDP (its US$ ratio mixes two rates; see ratio_one_rate). */
DS_API int ds_scenario_one_rate_differs(const ds_scenario *s);

/* ---- writers ---- */

/* Write t in format to f.  Fails with DS_ENOMEM when building the table
 * ran out of memory, DS_EPARSE when text is not UTF-8 for JSON ("cannot
 * encode "KEY" 'VALUE' as JSON: the text is not UTF-8"), DS_EIO when f
 * fails; nothing is written to f by JSON on failure (the others may have
 * written part: write to a memory stream when that matters). */
DS_API ds_status ds_table_write(const ds_table *t, ds_table_format format,
                                FILE *f, ds_error *err)
    __attribute__((warn_unused_result));

/* The rows as a JSON array of objects (jansson json_t *, a new
 * reference), for a caller that nests the table in a larger document;
 * NULL with err set on failure. */
struct json_t;
DS_API struct json_t *ds_table_json(const ds_table *t, ds_error *err);

/* Data text for output: ds_text_plain writes control characters (C0, DEL,
 * C1) as '?' and tab / line breaks as a space; ds_text_md does that and
 * backslash-escapes Markdown, where line_start says the text may begin a
 * line (block syntax counts there too). */
DS_API void ds_text_plain(FILE *f, const char *s);
DS_API void ds_text_md(FILE *f, const char *s, int line_start);
/* A CSV field: quoted when needed; text a spreadsheet would take for a
 * formula (= + - @ tab CR at the start) is prefixed with a quote. */
DS_API void ds_text_csv(FILE *f, const char *s);
/* Display width of UTF-8 text in characters. */
DS_API size_t ds_text_width(const char *s);
/* s as ds_text_plain writes it, padded with spaces to width w: on the
 * left when right (right-aligned), else on the right. */
DS_API void ds_text_pad(FILE *f, const char *s, size_t w, int right);

#ifdef __cplusplus
}
#endif

#endif
