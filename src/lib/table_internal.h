/* table_internal.h - the inside of a ds_table, shared by table.c and the
 * writers (write_text.c, write_csv.c, write_json.c, write_md.c); not
 * installed. */
#ifndef DS_TABLE_INTERNAL_H
#define DS_TABLE_INTERNAL_H

#include <stdio.h>

#include "defspend/table.h"

typedef enum cell_state {
    CELL_MISSING = 0,
    CELL_NUM,  /* num */
    CELL_INT,  /* i */
    CELL_BOOL, /* i is 0 or 1 */
    CELL_TEXT  /* text */
} cell_state;

typedef struct ds__cell {
    cell_state state;
    double num;
    long long i;
    char *text;  /* CELL_TEXT */
    char *shown; /* text / Markdown override, NULL if none */
    size_t cite; /* 0 = none, else index + 1 in the table's ds_cite */
} ds__cell;

/* A title or note line: house text and data text in turn. */
typedef struct ds__part {
    char *text;
    int data; /* escape for the output */
    int ref;  /* 0, or 1 + the ds_table_format the text refers the reader
                 to: its wording is ds_table_set_format_ref's */
    char *option; /* an option named as ds_table_set_option_prefix says:
                     "NAME[ VALUE]" */
} ds__part;

typedef struct ds__line {
    ds__part *parts;
    size_t n;
    ds_note_place place;
} ds__line;

struct ds_table {
    ds_column *cols;
    size_t ncols, ccols;
    ds__cell *cells; /* nrows x ncols */
    size_t nrows, crows;
    ds_cite *cite;
    ds__line title;
    int has_title;
    ds__line caption; /* the line right above the grid */
    int has_caption;
    ds__line caption_md; /* the caption in Markdown, when it differs */
    int has_caption_md;
    unsigned foot_style; /* DS_FOOT_* */
    ds__line *head, *foot;
    size_t nhead, nfoot;
    ds_text_style style;
    int trim;
    char *ref[4]; /* ds_table_set_format_ref, per ds_table_format */
    char *option_prefix; /* ds_table_set_option_prefix; NULL = none */
    int oom; /* building the table ran out of memory */
};

const ds__cell *ds__table_cell(const ds_table *t, size_t row, size_t col);
/* 1 if column col is written by the text (text=1) or data writers. */
int ds__table_shows(const ds_table *t, size_t col, int text);
/* A line's parts: house text as it is, data text through esc. */
void ds__line_write(FILE *f, const ds__line *l,
                    void (*esc)(FILE *, const char *));

/* One character of data text as ds_text_plain shows it; returns the
 * bytes consumed (write_text.c). */
size_t ds__text_put_plain(FILE *f, const unsigned char *s);
/* Every cell as text shows it, row by row; freed by ds__table_free_shown
 * (write_text.c).  NULL when out of memory. */
char **ds__table_all_shown(const ds_table *t);
void ds__table_free_shown(const ds_table *t, char **v);

/* A note (as ds_table_note, where) of house text: pre, then a reference
 * to the table in format f ("the JSON output", or what the caller set
 * with ds_table_set_format_ref), then post.  A library note points to
 * another output this way, never with a command-line flag. */
void ds__table_note_ref(ds_table *t, ds_note_place where, const char *pre,
                        ds_table_format f, const char *post);

/* Append to the last note of where's kind (head or foot): printf as
 * ds_table_note; an option of the caller's (name, and value or NULL),
 * which the text names as ds_table_set_option_prefix says ("--NAME
 * VALUE" for the tool, "the 'NAME' option set to VALUE" else). */
void ds__table_note_more(ds_table *t, ds_note_place where, const char *fmt,
                         ...) __attribute__((format(printf, 3, 4)));
void ds__table_note_option(ds_table *t, ds_note_place where,
                           const char *name, const char *value);

/* The end of every result-as-table builder (tables.c): *out = t, or
 * DS_ENOMEM (t freed) when building it ran out of memory. */
ds_status ds__table_finish(ds_table *t, ds_table **out, ds_error *err);
/* Text into the last row, shown as "-" in text when empty. */
void ds__table_set_dash(ds_table *t, size_t col, const char *s);
/* "SOURCE [FLAGS]" (or SOURCE without flags) of o into the last row. */
void ds__table_set_source_flags(ds_table *t, size_t col, const ds_obs *o);
/* "linear", "growth" or "step". */
const char *ds__path_name(ds_spend_path p);

ds_status ds__write_text(const ds_table *t, FILE *f, ds_error *err);
ds_status ds__write_md(const ds_table *t, FILE *f, ds_error *err);
ds_status ds__write_csv(const ds_table *t, FILE *f, ds_error *err);
ds_status ds__write_json(const ds_table *t, FILE *f, ds_error *err);
/* An observation as JSON (jansson json_t *): the data columns of
 * ds_obs_table, everything needed to cite it; null for none, NULL with
 * err set on failure (tables_analysis.c). */
struct json_t;
struct json_t *ds__obs_json(const ds_obs *o, ds_error *err);
/* Text quoted for a JSON error message, into b: at most 60 bytes, each
 * byte that is not printable ASCII shown as '?' (write_json.c). */
const char *ds__json_quote(const char *s, char *b, size_t n);

#endif
