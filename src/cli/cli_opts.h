/* cli_opts.h - option declarations shared by the commands (as git's
 * parse-options): --format, --output, --data and --help in one place, one
 * country resolver, and handing a ds_table to its writer.
 */
#ifndef DS_CLI_OPTS_H
#define DS_CLI_OPTS_H

#include <getopt.h>

#include "cli.h"

/* getopt_long rows of the common options; their values are the short
 * codes cli_common_opt handles. */
#define CLI_OPT_FORMAT {"format", required_argument, NULL, 'f'}
#define CLI_OPT_OUTPUT {"output", required_argument, NULL, 'o'}
#define CLI_OPT_DATA {"data", required_argument, NULL, 'd'}
#define CLI_OPT_HELP {"help", no_argument, NULL, 'h'}
#define CLI_OPT_COUNTRY {"country", required_argument, NULL, 'c'}
#define CLI_OPT_END {NULL, 0, NULL, 0}

#define CLI_OPT_SOURCE {"source", required_argument, NULL, 's'}

/* The shared getopt loop of a command, as git's parse-options: the
 * command declares its own rows (CLI_OPT_END last), and --format (table,
 * csv, json or md), --output, --data and --help are built in.
 *
 *     cli_options p;
 *     cli_options_init(&p, "bridge", opts, &common, help);
 *     while ((c = cli_options_next(&p, argc, argv)) != -1)
 *         switch (c) {
 *         case 'y': ...; break;
 *         case CLI_OPT_STOP: return p.rc;
 *         }
 *
 * (Set md_ok to 0 after init for a command without Markdown.)
 * cli_options_next returns the command's next option (its value in
 * optarg), -1 when all are read, or CLI_OPT_STOP with rc the exit code
 * to return: EXIT_OK after printing --help, EXIT_USAGE after saying what
 * is wrong (an unknown option, with the nearest one; a missing value; a
 * bad --format; an argument that is not an option). */
#define CLI_OPT_STOP (-2)
#define CLI_OPTS_MAX 40
typedef struct cli_options {
    struct option all[CLI_OPTS_MAX + 5]; /* the command's rows, the shared */
    const char *command;
    cli_common *common;
    void (*help)(FILE *);
    int md_ok;    /* --format md allowed (1 after init) */
    int rc;
} cli_options;
void cli_options_init(cli_options *p, const char *command,
                      const struct option *own, cli_common *common,
                      void (*help)(FILE *));
int cli_options_next(cli_options *p, int argc, char **argv);

/* Handle the common option c with optarg into common: 'f' (--format;
 * Markdown only when md_ok), 'o', 'd'.  Returns 1 when handled, 0 when c
 * is not a common option, -1 after printing a usage error. */
int cli_common_opt(int c, const char *arg, cli_common *common, int md_ok);

/* The one country resolver: a name or code to the store's ISO3 code (the
 * countries table when the store has one, else the code as given, in
 * capitals).  Prints the error and returns its exit code on failure, 0 on
 * success; out has at least 8 bytes. */
int cli_country(const ds_store *s, const char *name, char *out, size_t size);

/* Write t in common's format to its output (stdout or --output, atomic,
 * nothing on failure); prints what failed.  Returns the exit code. */
int cli_write_table(const ds_table *t, const cli_common *common);

/* Several tables as one text or Markdown document, one after the other,
 * each followed by a blank line when n > 1.  As cli_write_table. */
int cli_write_tables(const ds_table *const *t, size_t n,
                     const cli_common *common);

/* Write a JSON document (consumed; NULL: building it failed with err) to
 * common's output as cli_write_table does.  Returns the exit code. */
struct json_t;
int cli_write_json(struct json_t *doc, const ds_error *err,
                   const cli_common *common);

/* A --year argument (1000..3000) into *year; prints the usage error and
 * returns 0 when it is not one. */
int cli_parse_year(const char *arg, int *year);

/* The library format for an output format. */
ds_table_format cli_table_format(out_format f);

#endif
