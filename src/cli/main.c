/* main.c - the defspend command table and global options.
 *
 * `defspend [--data DIR [--data-only]] COMMAND [OPTIONS]`.  Each command
 * lives in cmd_<name>.c and parses its own options; --data may also follow
 * the command (--data-only, a global option, goes before it).  The GSL error handler is turned off: the library maps GSL
 * status codes to ds_status.
 */
#include <gsl/gsl_errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *summary;
} command;

static const command commands[] = {
    {"scenarios", cmd_scenarios,
     "spending at shares of GDP against a baseline (the main job)"},
    {"data", cmd_data, "look at the store: list, show, latest"},
    {"countries", cmd_countries, "find country codes and names"},
    {"project", cmd_project,
     "year-by-year paths to target shares, with Monte Carlo bands"},
    {"convert", cmd_convert,
     "convert a series: currency, constant prices, fiscal to calendar"},
    {"sensitivity", cmd_sensitivity,
     "grid of target share x GDP growth (or exchange rate)"},
    {"compare", cmd_compare, "countries or groups (nato, g7) side by side"},
    {"bridge", cmd_bridge,
     "what counts as defense spending: MoD budget to security-related total"},
    {"import", cmd_import,
     "read downloaded files (WDI, WEO, OWID, FRED, ...) into the user store"},
    {"fetch", cmd_fetch,
     "download publishers' series (WDI, FRED, IMF) into the user store"},
    {"plot", cmd_plot, "charts with gnuplot (png, svg, pdf, terminal)"},
    {"report", cmd_report,
     "a report folder: markdown, self-contained HTML, charts, CSVs"},
};

static void
usage(FILE *f)
{
    fprintf(f,
            "usage: defspend [--data DIR [--data-only]] COMMAND [OPTIONS]\n"
            "\n"
            "defspend answers what shares of GDP mean in money for defense\n"
            "spending, with every figure's source, year, definition and\n"
            "vintage.\n"
            "\n"
            "commands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        fprintf(f, "  %-11s %s\n", commands[i].name, commands[i].summary);
    fprintf(f,
            "\n"
            "global options:\n"
            "  --data DIR  read the store in DIR (default: $DEFSPEND_DATA) "
            "layered over\n"
            "              the shipped datasets: its figures win for the "
            "same key, its\n"
            "              meta/ files (countries, groups, baselines) "
            "replace the\n"
            "              shipped ones; without it the user store of "
            "`defspend import`\n"
            "              is layered over them the same way\n"
            "  --data-only read only the --data store, meta/ included\n"
            "              (or $DEFSPEND_DATA_ONLY=1)\n"
            "  --help      this help; `defspend COMMAND --help` for a "
            "command\n"
            "  --version   print the version\n"
            "\n"
            "exit status: 0 ok, 1 data error, 2 usage error, 3 i/o error,\n"
            "4 chart not rendered (gnuplot missing or failed)\n");
}

/* --version: the releases of the data the tool reads by default, so a
 * bug report says which data it ran on. */
static int
print_data_releases(void)
{
    cli_common c = {NULL, NULL, FMT_TABLE};
    int rc;
    ds_store *st = cli_open_store(&c, &rc);
    if (!st)
        return rc;
    ds_store_layers l;
    char user[4096];
    cli_store_layers(&c, &l, user, sizeof user);
    if (l.base && l.upper && !l.upper_optional)
        printf("data: %s over %s\n", l.upper, l.base);
    else
        printf("data: %s\n", cli_data_dir(&c));
    ds_release r[256];
    size_t n = ds_store_releases(st, r, 256);
    for (size_t i = 0; i < n && i < 256; i++)
        printf("  %-22s vintage %-10s %7zu observations, %d-%d\n",
               r[i].definition, r[i].vintage[0] ? r[i].vintage : "unknown",
               r[i].count, r[i].first_year, r[i].last_year);
    if (n > 256)
        printf("  ... and %zu more releases\n", n - 256);
    ds_store_free(st);
    return EXIT_OK;
}

int
main(int argc, char **argv)
{
    cli_argc = argc;
    cli_argv = argv;
    gsl_set_error_handler_off();
    /* numbers are printed and parsed in the C locale: no setlocale() */
    int i = 1;
    const char *data = NULL;
    int data_only = 0;
    while (i < argc && argv[i][0] == '-') {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return EXIT_OK;
        } else if (strcmp(argv[i], "--version") == 0) {
            /* of the data a --data given before it names */
            if ((data && setenv("DEFSPEND_DATA", data, 1) != 0) ||
                (data_only && setenv("DEFSPEND_DATA_ONLY", "1", 1) != 0)) {
                cli_error("cannot set the data directory");
                return EXIT_USAGE;
            }
            printf("defspend %s (library %s)\n", DS_VERSION_STRING,
                   ds_version());
            return print_data_releases();
        } else if (strcmp(argv[i], "--data") == 0) {
            if (i + 1 >= argc) {
                cli_error("option '--data' needs a value");
                return EXIT_USAGE;
            }
            data = argv[i + 1];
            i += 2;
        } else if (strncmp(argv[i], "--data=", 7) == 0) {
            data = argv[i] + 7;
            i++;
        } else if (strcmp(argv[i], "--data-only") == 0) {
            data_only = 1;
            i++;
        } else {
            cli_error("unknown option '%s'", argv[i]);
            usage(stderr);
            return EXIT_USAGE;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    if (data && setenv("DEFSPEND_DATA", data, 1) != 0) {
        cli_error("cannot set the data directory");
        return EXIT_USAGE;
    }
    if (data_only && setenv("DEFSPEND_DATA_ONLY", "1", 1) != 0) {
        cli_error("cannot set --data-only");
        return EXIT_USAGE;
    }
    for (size_t k = 0; k < sizeof commands / sizeof *commands; k++)
        if (strcmp(argv[i], commands[k].name) == 0) {
            int rc = commands[k].run(argc - i, argv + i);
            cli_text_release();
            return rc;
        }
    const char *names[sizeof commands / sizeof *commands];
    for (size_t k = 0; k < sizeof commands / sizeof *commands; k++)
        names[k] = commands[k].name;
    const char *near = ds_suggest(argv[i], names, sizeof names / sizeof *names);
    if (near)
        cli_error("unknown command '%s'; did you mean '%s'? (see defspend "
                  "--help)", argv[i], near);
    else
        cli_error("unknown command '%s' (see defspend --help)", argv[i]);
    return EXIT_USAGE;
}
