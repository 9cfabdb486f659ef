/* cmd_import.c - `defspend import FILE...`: publishers' files into the
 * user store.
 *
 * Reads every file first (a bad one stops the import before anything is
 * written), merges them into the store directory (--into DIR, default
 * $XDG_DATA_HOME/defspend) and prints the summary: added, revised (old ->
 * new with both vintages), unchanged, replaced/kept conflicts, figures
 * flagged `suspect` by the plausibility checks, and skipped rows with
 * their reasons.  --dry-run prints the same summary and writes nothing.
 * A progress bar goes to stderr for files over 4 MB when stderr is a
 * terminal.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_import_common.h"

static void
help(FILE *f)
{
    fprintf(f,
"usage: defspend import FILE... [OPTIONS]\n"
"\n"
"Read files exactly as downloaded and add their figures to the user store.\n"
"A changed figure is kept beside the old one as a new vintage; nothing is\n"
"overwritten, and a failed import leaves the store as it was.\n"
"\n"
"options:\n"
"  --format F          auto (default: decided from the content) or one of\n"
"                      %s\n"
"  --into DIR          the store to update (default: $XDG_DATA_HOME/defspend,\n"
"                      else ~/.local/share/defspend)\n"
"  --dry-run           print the summary, write nothing\n"
"  --on-conflict P     same figure and vintage with another value: fail\n"
"                      (default), replace or keep\n"
"  --indicator LIST    keep only these indicators (gdp,milex,...) or source\n"
"                      codes (NY.GDP.PCAP.CD)\n"
"  --country LIST      keep only these countries (codes or names)\n"
"  --annualize         FRED: average complete years of monthly/daily data\n"
"  --vintage DATE      release date (YYYY-MM-DD) for files that state none\n"
"                      (default: the file's modification date)\n"
"  --as KEY=VALUE,...  what the file does not say itself: indicator,\n"
"                      currency, price (current|constant-YYYY), scale (1,\n"
"                      1e3, 1e6, 1e9, thousand, million, billion),\n"
"                      definition, year-basis (calendar|fiscal-MM),\n"
"                      country, source, vintage\n"
"  --columns KEY=COL,... --format table: which column holds the country,\n"
"                      year, value, scale (powers of ten), indicator or\n"
"                      currency (header text or 1-based position); no\n"
"                      year/value: years are the columns\n"
"  --encoding ENC      a text file's encoding (e.g. CP932, ISO-8859-1);\n"
"                      UTF-8 by default, UTF-16 when it starts with a BOM\n"
"  --verbose           list every skipped row, and each series not used\n"
"                      by defspend with its row count\n"
"  --wait SECONDS      when another import is changing the store, wait for\n"
"                      it this long (default $DEFSPEND_LOCK_WAIT, else 30;\n"
"                      0 = fail at once)\n"
"  --data DIR          country table from DIR/meta (default: shipped data)\n"
"  --help              this help\n"
"\n"
"example: defspend import API_JPN_DS2_en_csv_v2_9334.csv --dry-run\n",
            ds_import_formats());
}

typedef struct bar {
    int on;
    const char *path;
    int last;
} bar;

static void
progress(void *ctx, const char *path, size_t done, size_t total)
{
    bar *b = ctx;
    if (!b->on || total < ((size_t)4 << 20))
        return;
    int pct = (int)(done * 100 / total);
    if (path != b->path) {
        b->path = path;
        b->last = -1;
    }
    if (pct == b->last)
        return;
    b->last = pct;
    int w = pct / 4;
    const char *name = strrchr(path, '/');
    name = name ? name + 1 : path;
    size_t nl = strlen(name);
    if (nl > 30)
        name += nl - 30; /* keep the end of a long name */
    fprintf(stderr, "\r%-30s [%.*s%*s] %3d%%", name, w,
            "#########################", 25 - w, "", pct);
    if (pct >= 100)
        fputc('\n', stderr);
}

int
cmd_import(int argc, char **argv)
{
    static const struct option opts[] = {
        {"format", required_argument, NULL, 'f'},
        {"into", required_argument, NULL, 'i'},
        {"dry-run", no_argument, NULL, 'n'},
        {"on-conflict", required_argument, NULL, 'c'},
        {"indicator", required_argument, NULL, 'I'},
        {"country", required_argument, NULL, 'C'},
        {"annualize", no_argument, NULL, 'a'},
        {"vintage", required_argument, NULL, 'v'},
        {"as", required_argument, NULL, 'A'},
        {"columns", required_argument, NULL, 'L'},
        {"encoding", required_argument, NULL, 'E'},
        {"verbose", no_argument, NULL, 'V'},
        {"wait", required_argument, NULL, 'w'},
        {"data", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_import_setup x;
    cli_import_init(&x);
    ds_import_options *opt = &x.opt;
    const char *ind_text = NULL;
    int c;
    while ((c = cli_import_next(&x, argc, argv, opts)) != -1) {
        switch (c) {
        case CLI_IMPORT_BAD: return EXIT_USAGE;
        case 'I': ind_text = optarg; break;
        case 'v': opt->vintage = optarg; break;
        case 'L': opt->columns = optarg; break;
        case 'E': opt->encoding = optarg; break;
        case 'h': help(stdout); return EXIT_OK;
        default:
            return cli_option_error(c, argv, "import", opts);
        }
    }
    if (optind >= argc) {
        cli_error("import needs at least one file (see defspend import "
                  "--help)");
        return EXIT_USAGE;
    }
    if (opt->columns &&
        (!opt->format || strcmp(opt->format, "table") != 0)) {
        cli_error("%s describes a table read with --format table",
                  "--columns");
        return EXIT_USAGE;
    }

    ds_error err;
    ds_error_clear(&err);
    char *ind_copy = NULL;
    const char *inds[CLI_MAX_LIST];
    ds_import *imp = NULL;
    int rc = cli_import_open(&x, "import");
    if (rc)
        goto out;
    if (ind_text) {
        ind_copy = strdup(ind_text);
        if (!ind_copy) {
            cli_error("out of memory");
            rc = EXIT_DATA;
            goto out;
        }
        if (!cli_split_list(ind_copy, inds, CLI_MAX_LIST,
                            &opt->n_indicators)) {
            cli_error("too many indicators (at most %d)", CLI_MAX_LIST);
            rc = EXIT_USAGE;
            goto out;
        }
        opt->indicators = inds;
    }
    bar b = {isatty(STDERR_FILENO), NULL, -1};
    opt->progress = progress;
    opt->progress_ctx = &b;

    if (ds_import_alloc(opt, &imp, &err) != DS_OK) {
        rc = cli_report(&err);
        goto out;
    }
    for (int i = optind; i < argc; i++)
        if (ds_import_file(imp, argv[i], &err) != DS_OK) {
            rc = cli_report(&err);
            const char *need = ds_import_needed_option(imp);
            if (need && strcmp(need, "annualize") == 0)
                cli_hint_rerun("to average each complete year",
                               "--annualize");
            goto out;
        }
    const ds_import_summary *s;
    if (ds_import_merge(imp, x.dir, x.dry, &s, &err) != DS_OK) {
        rc = cli_report(&err);
        goto out;
    }
    cli_out o;
    if (!cli_out_open(&o)) {
        cli_error("out of memory");
        rc = EXIT_IO;
        goto out;
    }
    cli_import_summary(o.f, s, x.verbose);
    const char *cty_text = x.country_text;
    if (ind_text || cty_text)
        fprintf(o.f, "filtered: only %s%s%s%s%s; rows of other series or "
                     "countries were passed over by request, not counted as "
                     "skipped\n",
                ind_text ? "--indicator " : "", ind_text ? ind_text : "",
                ind_text && cty_text ? ", " : "",
                cty_text ? "--country " : "", cty_text ? cty_text : "");
    rc = cli_out_finish(&o, &x.common);
out:
    ds_import_free(imp);
    free(ind_copy);
    cli_import_close(&x);
    return rc;
}
