/* cli.h - shared pieces of the defspend command-line tool.
 *
 * The tool includes only the public headers.  Exit codes: 0 ok, 1 data
 * error, 2 usage error, 3 I/O error.  Output is built in memory and written
 * only when the command succeeds, so a failure never leaves partial output.
 */
#ifndef DS_CLI_H
#define DS_CLI_H

#include <stdio.h>

#include <defspend/defspend.h>

enum { EXIT_OK = 0, EXIT_DATA = 1, EXIT_USAGE = 2, EXIT_IO = 3 };

typedef enum out_format { FMT_TABLE, FMT_CSV, FMT_JSON, FMT_MD } out_format;

typedef struct cli_common {
    const char *data_dir;  /* --data, else DEFSPEND_DATA, else shipped */
    const char *output;    /* --output FILE, NULL = stdout */
    out_format format;
} cli_common;

/* Print "defspend: error: ..." to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The whole command line as typed (main sets it), for hints that give the
 * exact command to run. */
extern int cli_argc;
extern char **cli_argv;

/* Print to stderr "defspend: to read it, run: <the command line> EXTRA",
 * each word shell-quoted when it needs to be. */
void cli_hint_rerun(const char *why, const char *extra);
/* Print a library error with its position; returns the exit code for it. */
int cli_report(const ds_error *err);
/* Exit code for a status. */
int cli_exit_code(ds_status st);

/* 1 if dir is the shipped datasets (installed or in the source tree),
 * which defspend never writes to. */
int cli_is_shipped_dir(const char *dir);

/* The data directory to use (see cli_common.data_dir). */
const char *cli_data_dir(const cli_common *c);
/* The shipped datasets (installed, else the source tree's). */
const char *cli_shipped_dir(void);
/* 1 if $DEFSPEND_DATA_ONLY is set (by --data-only): read the --data store
 * alone, not layered over the shipped datasets. */
int cli_data_only(void);
/* The stores a command reads (user: room for the user store's path). */
void cli_store_layers(const cli_common *c, ds_store_layers *l, char *user,
                      size_t size);
/* The meta/NAME file (countries.csv, groups.csv) of the stores read: the
 * upper store's when it has one, else the shipped one.  On a path too
 * long prints an error and returns 0. */
int cli_meta_path(const cli_common *c, const char *name, char *buf,
                  size_t size);
/* Load the store; on failure prints the error and returns NULL. */
ds_store *cli_open_store(const cli_common *c, int *exit_code);

int cli_parse_format(const char *s, out_format *f);

/* Parse --baseline TEXT (NULL = default) into c; on error prints
 * "--baseline: ..." and returns 0. */
int cli_parse_baseline(const char *text, ds_baseline_choice *c);

/* Report a getopt_long error (c is ':' for a missing value, '?' for an
 * unknown option) naming the option as typed, with the nearest of opts
 * (the command's getopt_long table, NULL-terminated) when it looks like a
 * typo; returns EXIT_USAGE. */
struct option;
int cli_option_error(int c, char **argv, const char *command,
                     const struct option *opts);

/* An in-memory output stream; cli_out_finish writes it to stdout, to
 * c->output atomically (temporary file + fsync + rename) when that is a
 * regular file or new (a symlink's target is replaced, not the link), or
 * straight to a device, FIFO or descriptor (/dev/null, /dev/stdout). */
typedef struct cli_out {
    FILE *f;
    char *buf;
    size_t len;
} cli_out;
int cli_out_open(cli_out *o);
int cli_out_finish(cli_out *o, const cli_common *c);
void cli_out_discard(cli_out *o);

/* A CSV field: quoted when needed; text that a spreadsheet would take for
 * a formula (= + - @ tab CR at the start) is prefixed with a quote. */
void cli_csv_text(FILE *f, const char *s);
/* A number in full precision, empty for NaN (missing). */
void cli_csv_num(FILE *f, double v);

/* Display width of UTF-8 text in characters; s padded to w columns, on the
 * left when right is set (right-aligned). */
size_t cli_width(const char *s);
void cli_pad(FILE *f, const char *s, size_t w, int right);

/* Data text (sources, notes, names, labels) as tables and Markdown show
 * it (cli_text.c).  cli_tt: control characters (C0, DEL, C1) as '?', tab
 * and line breaks as a space.  cli_md: that, and every Markdown
 * metacharacter backslash-escaped.  cli_txt: cli_md when md, else cli_tt.
 * cli_shown: the same as a string for printf's %s (s itself when nothing
 * changes; copies live until cli_text_release, which main calls). */
void cli_tt(FILE *f, const char *s);
void cli_md(FILE *f, const char *s);
/* cli_md for a Markdown table cell, which never starts a line: only what
 * means something inside a line is escaped ("-1.5" stays as it is). */
void cli_md_cell(FILE *f, const char *s);
void cli_txt(FILE *f, const char *s, int md);
const char *cli_shown(const char *s, int md);
void cli_text_release(void);
/* The last line of defence for a whole table or Markdown output held in
 * buf: control characters but tab and newline become '?'; returns the new
 * length (never longer). */
size_t cli_tt_buffer(char *buf, size_t len);

/* Split a comma-separated list in place into out (at most cap items);
 * 0 when there are more. */
int cli_split_list(char *s, const char **out, size_t cap, size_t *n);

/* The --country list text (changed in place) as ISO3 codes looked up in
 * table: out[i] points into iso[i]; *n items.  0, or the exit code after
 * saying what is wrong. */
int cli_country_list(char *text, const ds_countries *table, const char **out,
                     char (*iso)[17], size_t cap, size_t *n);

/* "World Bank WDI NY.GDP.MKTP.CD; definition wdi; vintage 2025-10-07" */
char *cli_cite(const ds_obs *o, char *buf, size_t size);

int cmd_scenarios(int argc, char **argv);
int cmd_data(int argc, char **argv);
int cmd_countries(int argc, char **argv);
int cmd_project(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_sensitivity(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_bridge(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_fetch(int argc, char **argv);
int cmd_plot(int argc, char **argv);
int cmd_report(int argc, char **argv);
/* `data revisions` (cmd_data_revisions.c); argv[0] is "revisions". */
int cmd_data_revisions(int argc, char **argv);

#endif
