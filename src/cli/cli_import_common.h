/* cli_import_common.h - what `defspend import` and `defspend fetch` share
 * (cli_import_common.c): the options both take, the store they update, the
 * country table and --country filter, the store lock, and the summary
 * they print.
 */
#ifndef DS_CLI_IMPORT_COMMON_H
#define DS_CLI_IMPORT_COMMON_H

#include <stdio.h>

#include "cli.h"

#define CLI_MAX_LIST 256

typedef struct cli_import_setup {
    /* from the options (cli_import_option) */
    ds_import_options opt;
    cli_common common;
    const char *format;       /* --format as typed, else NULL */
    const char *into;         /* --into, NULL = the user store */
    const char *country_text; /* --country as typed */
    const char *wait_text;    /* --wait, else $DEFSPEND_LOCK_WAIT */
    const char *wait_from;    /* which of the two, for the message */
    int dry, verbose;
    /* from cli_import_open */
    char dir[4096];           /* the store to update */
    ds_countries *table;
    char *country_copy;
    const char *countries[CLI_MAX_LIST]; /* ISO3, opt.countries */
    char iso[CLI_MAX_LIST][17];
} cli_import_setup;

/* Defaults: import options with our flags named in messages, the user
 * store, the lock wait of $DEFSPEND_LOCK_WAIT; getopt_long restarts. */
void cli_import_init(cli_import_setup *s);

/* The next option of argv (getopt_long over opts, from the first after
 * cli_import_init), taking itself those import and fetch share, with the
 * same letter in both tables: f format, i into, n dry-run, c on-conflict,
 * C country, a annualize, A as, V verbose, w wait, d data (--format also
 * sets opt.format).  Returns the command's own option, ':' or '?' as
 * getopt_long does, -1 at the end, or CLI_IMPORT_BAD after saying what is
 * wrong with a shared option's value. */
#define CLI_IMPORT_BAD (-2)
struct option;
int cli_import_next(cli_import_setup *s, int argc, char **argv,
                    const struct option *opts);

/* After the options: the lock wait, the store directory (never the
 * shipped datasets; `command` names the command in the message), the
 * country table of the stores read and the --country filter.  0, or the
 * exit code after saying what is wrong; call cli_import_close either
 * way. */
int cli_import_open(cli_import_setup *s, const char *command);
void cli_import_close(cli_import_setup *s);

/* --on-conflict fail|replace|keep; 0 after saying what is wrong. */
int cli_parse_conflict(const char *s, ds_import_conflict *out);

/* A store-lock callback: another import holds the lock, say so on stderr
 * while waiting. */
void cli_lock_waiting(void *ctx, const char *dir, double wait_s);

/* The import summary: store, files read, counts, revisions and
 * conflicts, suspect figures, skipped rows, series not used. */
void cli_import_summary(FILE *f, const ds_import_summary *s, int verbose);

#endif
