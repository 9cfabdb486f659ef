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
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define MAX_LIST 256
#define SKIPS_SHOWN 20
#define CHANGES_SHOWN 50

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

static const char *
num(const ds_obs *o, char *b, size_t n)
{
    if (o->currency[0] && strcmp(o->indicator, "fx") != 0)
        return ds_format_grouped(o->value, 0, b, n);
    return ds_format_full(o->value, b, n);
}

static void
figure(FILE *f, const ds_obs *o)
{
    char yb[16];
    fprintf(f, "%s %s %d (%s%s%s%s%s), definition %s", o->country,
            o->indicator, o->year,
            ds_year_basis_format(o->fy_start_month, yb, sizeof yb),
            o->currency[0] ? ", " : "", o->currency,
            o->price_basis[0] ? ", " : "", o->price_basis, o->definition);
}

static void
print_summary(FILE *f, const ds_import_summary *s, int verbose)
{
    char a[64], b[64], fl[128];
    fprintf(f, "%s %s\n", s->dry_run ? "dry run, nothing written:" : "store:",
            s->store_file);
    for (size_t i = 0; i < s->n_files; i++) {
        const ds_import_file_info *fi = &s->files[i];
        fprintf(f, "read %s: format %s, %zu observations%s%s\n", fi->path,
                fi->format, fi->observations,
                fi->vintage_note[0] ? "; " : "", fi->vintage_note);
    }
    fprintf(f,
            "added %zu, revised %zu, unchanged %zu, replaced %zu, kept %zu, "
            "suspect %zu, skipped %zu\n",
            s->added, s->revised, s->unchanged, s->replaced, s->kept,
            s->suspect, s->skipped);
    size_t shown = 0, hidden = 0;
    for (size_t i = 0; i < s->n_changes; i++) {
        const ds_import_change *c = &s->changes[i];
        if (c->kind == DS_CHANGE_ADDED)
            continue;
        if (!verbose && shown == CHANGES_SHOWN) {
            hidden++;
            continue;
        }
        const char *what = c->kind == DS_CHANGE_REVISED ? "revised"
                           : c->kind == DS_CHANGE_REPLACED ? "replaced"
                                                          : "kept";
        fprintf(f, "%s: ", what);
        figure(f, c->new_obs);
        fprintf(f, ": %s (vintage %s) -> %s (vintage %s)%s\n",
                num(c->old_obs, a, sizeof a), c->old_obs->vintage,
                num(c->new_obs, b, sizeof b), c->new_obs->vintage,
                c->kind == DS_CHANGE_KEPT ? ", the stored value stays" : "");
        shown++;
    }
    for (size_t i = 0; i < s->n_checks; i++) {
        const ds_import_check *c = &s->checks[i];
        fprintf(f, "suspect: %s:%zu: %s [flags %s]\n", c->obs->path,
                c->obs->line, c->message,
                ds_flags_format(c->obs->flags, fl, sizeof fl));
    }
    size_t n = verbose ? s->n_skips
                       : (s->n_skips < SKIPS_SHOWN ? s->n_skips : SKIPS_SHOWN);
    for (size_t i = 0; i < n; i++) {
        const ds_import_skip *k = &s->skips[i];
        if (k->line && k->column)
            fprintf(f, "skipped: %s:%zu:%zu: %s\n", k->path, k->line,
                    k->column, k->reason);
        else if (k->line)
            fprintf(f, "skipped: %s:%zu: %s\n", k->path, k->line, k->reason);
        else
            fprintf(f, "skipped: %s: %s\n", k->path, k->reason);
    }
    if (n < s->n_skips)
        fprintf(f, "skipped: ... and %zu more (--verbose lists them all)\n",
                s->n_skips - n);
    if (hidden)
        fprintf(f, "revised: ... and %zu more (--verbose lists them all; "
                "defspend data revisions shows them by country)\n", hidden);
    /* rows of series defspend does not use: a count, not a failure */
    if (s->unused_rows) {
        char r[64], n[64];
        fprintf(f, "%s row%s of %s series not used by defspend (%s)\n",
                ds_format_grouped((double)s->unused_rows, 0, r, sizeof r),
                s->unused_rows == 1 ? "" : "s",
                ds_format_grouped((double)s->n_unused, 0, n, sizeof n),
                verbose ? "one line each below; ask for one with --indicator "
                          "CODE"
                        : "see --verbose");
    }
    for (size_t i = 0; verbose && i < s->n_unused; i++) {
        const ds_import_unused *u = &s->unused[i];
        fprintf(f, "not used: %s: series '%s'%s%s%s: %zu row%s\n", u->path,
                u->series, u->name[0] ? " (" : "", u->name,
                u->name[0] ? ")" : "", u->rows, u->rows == 1 ? "" : "s");
    }
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
    ds_import_options opt;
    ds_import_options_init(&opt);
    opt.option_prefix = "--"; /* messages name our flags */
    cli_common common = {NULL, NULL, FMT_TABLE};
    const char *into = NULL;
    char *ind_text = NULL, *cty_text = NULL;
    int dry = 0, verbose = 0;
    const char *wait_text = getenv("DEFSPEND_LOCK_WAIT");
    const char *wait_from = "DEFSPEND_LOCK_WAIT";
    if (wait_text && !wait_text[0])
        wait_text = NULL;
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        switch (c) {
        case 'f': opt.format = optarg; break;
        case 'i': into = optarg; break;
        case 'n': dry = 1; break;
        case 'c':
            if (!cli_parse_conflict(optarg, &opt.on_conflict))
                return EXIT_USAGE;
            break;
        case 'I': ind_text = optarg; break;
        case 'C': cty_text = optarg; break;
        case 'a': opt.annualize = 1; break;
        case 'v': opt.vintage = optarg; break;
        case 'A': opt.as = optarg; break;
        case 'L': opt.columns = optarg; break;
        case 'E': opt.encoding = optarg; break;
        case 'V': verbose = 1; break;
        case 'w': wait_text = optarg; wait_from = "--wait"; break;
        case 'd': common.data_dir = optarg; break;
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
    if (opt.columns && (!opt.format || strcmp(opt.format, "table") != 0)) {
        cli_error("%s describes a table read with --format table",
                  "--columns");
        return EXIT_USAGE;
    }
    if (wait_text) {
        char *end;
        errno = 0;
        long w = strtol(wait_text, &end, 10);
        if (errno || end == wait_text || *end || w < 0 || w > 86400 ||
            !(*wait_text >= '0' && *wait_text <= '9')) {
            cli_error("invalid %s '%s' (expected whole seconds, 0 to 86400)",
                      wait_from, wait_text);
            return EXIT_USAGE;
        }
        opt.lock_wait_s = (double)w;
    }
    opt.lock_waiting = cli_lock_waiting;

    int rc = EXIT_OK;
    ds_error err;
    ds_error_clear(&err);
    char dir[4096];
    if (into) {
        snprintf(dir, sizeof dir, "%s", into);
    } else if (ds_import_default_dir(dir, sizeof dir, &err) != DS_OK) {
        size_t l = strlen(err.message);
        snprintf(err.message + l, sizeof err.message - l,
                 ": give the store with --into DIR");
        return cli_report(&err);
    }
    if (cli_is_shipped_dir(dir)) {
        cli_error("%s: refusing to write into the shipped datasets (import "
                  "into the user store, or --into another directory)", dir);
        return EXIT_USAGE;
    }

    /* the country table: names -> ISO3 */
    ds_countries *table = ds_countries_alloc();
    if (!table) {
        cli_error("out of memory");
        return EXIT_DATA;
    }
    char meta[4200];
    if (!cli_meta_path(&common, "countries.csv", meta, sizeof meta)) {
        ds_countries_free(table);
        return EXIT_USAGE;
    }
    if (ds_countries_load_file(table, meta, &err) != DS_OK) {
        rc = cli_report(&err);
        ds_countries_free(table);
        return rc;
    }
    opt.country_table = table;

    char *ind_copy = ind_text ? strdup(ind_text) : NULL;
    char *cty_copy = cty_text ? strdup(cty_text) : NULL;
    const char *inds[MAX_LIST], *ctys[MAX_LIST];
    char iso[MAX_LIST][17];
    ds_import *imp = NULL;
    if ((ind_text && !ind_copy) || (cty_text && !cty_copy)) {
        cli_error("out of memory");
        rc = EXIT_DATA;
        goto out;
    }
    if (ind_copy) {
        if (!cli_split_list(ind_copy, inds, MAX_LIST, &opt.n_indicators)) {
            cli_error("too many indicators (at most %d)", MAX_LIST);
            rc = EXIT_USAGE;
            goto out;
        }
        opt.indicators = inds;
    }
    if (cty_copy) {
        rc = cli_country_list(cty_copy, table, ctys, iso, MAX_LIST,
                              &opt.n_countries);
        if (rc)
            goto out;
        opt.countries = ctys;
    }
    bar b = {isatty(STDERR_FILENO), NULL, -1};
    opt.progress = progress;
    opt.progress_ctx = &b;

    if (ds_import_alloc(&opt, &imp, &err) != DS_OK) {
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
    if (ds_import_merge(imp, dir, dry, &s, &err) != DS_OK) {
        rc = cli_report(&err);
        goto out;
    }
    cli_out o;
    if (!cli_out_open(&o)) {
        cli_error("out of memory");
        rc = EXIT_IO;
        goto out;
    }
    print_summary(o.f, s, verbose);
    if (ind_text || cty_text)
        fprintf(o.f, "filtered: only %s%s%s%s%s; rows of other series or "
                     "countries were passed over by request, not counted as "
                     "skipped\n",
                ind_text ? "--indicator " : "", ind_text ? ind_text : "",
                ind_text && cty_text ? ", " : "",
                cty_text ? "--country " : "", cty_text ? cty_text : "");
    rc = cli_out_finish(&o, &common);
out:
    ds_import_free(imp);
    free(ind_copy);
    free(cty_copy);
    ds_countries_free(table);
    return rc;
}

/* The same summary for `defspend fetch` (cmd_fetch.c). */
void
cli_import_summary(FILE *f, const ds_import_summary *s, int verbose)
{
    print_summary(f, s, verbose);
}
