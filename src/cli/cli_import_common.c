/* cli_import_common.c - what `defspend import` and `defspend fetch` share
 * (see cli_import_common.h). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_import_common.h"

#define SKIPS_SHOWN 20
#define CHANGES_SHOWN 50

void
cli_import_init(cli_import_setup *s)
{
    memset(s, 0, sizeof *s);
    ds_import_options_init(&s->opt);
    s->opt.option_prefix = "--"; /* messages name our flags */
    s->opt.lock_waiting = cli_lock_waiting;
    s->common.format = FMT_TABLE;
    s->wait_text = getenv("DEFSPEND_LOCK_WAIT");
    s->wait_from = "DEFSPEND_LOCK_WAIT";
    if (s->wait_text && !s->wait_text[0])
        s->wait_text = NULL;
    optind = 1;
    opterr = 0;
}

/* c when it is a shared option: 1 taken, 0 not one, -1 bad value. */
static int
shared_option(cli_import_setup *s, int c, const char *arg)
{
    switch (c) {
    case 'f': s->opt.format = s->format = arg; break;
    case 'i': s->into = arg; break;
    case 'n': s->dry = 1; break;
    case 'c':
        if (!cli_parse_conflict(arg, &s->opt.on_conflict))
            return -1;
        break;
    case 'C': s->country_text = arg; break;
    case 'a': s->opt.annualize = 1; break;
    case 'A': s->opt.as = arg; break;
    case 'V': s->verbose = 1; break;
    case 'w':
        s->wait_text = arg;
        s->wait_from = "--wait";
        break;
    case 'd': s->common.data_dir = arg; break;
    default: return 0;
    }
    return 1;
}

int
cli_import_next(cli_import_setup *s, int argc, char **argv,
                const struct option *opts)
{
    int c;
    while ((c = getopt_long(argc, argv, ":h", opts, NULL)) != -1) {
        int taken = shared_option(s, c, optarg);
        if (taken < 0)
            return CLI_IMPORT_BAD;
        if (!taken)
            return c;
    }
    return -1;
}

/* The lock wait in whole seconds, 0 to a day. */
static int
parse_wait(cli_import_setup *s)
{
    const char *t = s->wait_text;
    if (!t)
        return 1;
    char *end;
    errno = 0;
    long w = strtol(t, &end, 10);
    if (errno || end == t || *end || w < 0 || w > 86400 ||
        !(*t >= '0' && *t <= '9')) {
        cli_error("invalid %s '%s' (expected whole seconds, 0 to 86400)",
                  s->wait_from, t);
        return 0;
    }
    s->opt.lock_wait_s = (double)w;
    return 1;
}

int
cli_import_open(cli_import_setup *s, const char *command)
{
    if (!parse_wait(s))
        return EXIT_USAGE;
    ds_error err;
    ds_error_clear(&err);
    if (s->into) {
        snprintf(s->dir, sizeof s->dir, "%s", s->into);
    } else if (ds_import_default_dir(s->dir, sizeof s->dir, &err) != DS_OK) {
        size_t l = strlen(err.message);
        snprintf(err.message + l, sizeof err.message - l,
                 ": give the store with --into DIR");
        return cli_report(&err);
    }
    if (cli_is_shipped_dir(s->dir)) {
        cli_error("%s: refusing to write into the shipped datasets (%s "
                  "into the user store, or --into another directory)",
                  s->dir, command);
        return EXIT_USAGE;
    }

    /* the country table: names -> ISO3 */
    s->table = ds_countries_alloc();
    if (!s->table) {
        cli_error("out of memory");
        return EXIT_DATA;
    }
    char meta[4200];
    if (!cli_meta_path(&s->common, "countries.csv", meta, sizeof meta))
        return EXIT_USAGE;
    if (ds_countries_load_file(s->table, meta, &err) != DS_OK)
        return cli_report(&err);
    s->opt.country_table = s->table;

    if (!s->country_text)
        return 0;
    s->country_copy = strdup(s->country_text);
    if (!s->country_copy) {
        cli_error("out of memory");
        return EXIT_DATA;
    }
    int rc = cli_country_list(s->country_copy, s->table, s->countries, s->iso,
                              CLI_MAX_LIST, &s->opt.n_countries);
    if (rc)
        return rc;
    s->opt.countries = s->countries;
    return 0;
}

void
cli_import_close(cli_import_setup *s)
{
    free(s->country_copy);
    s->country_copy = NULL;
    ds_countries_free(s->table);
    s->table = NULL;
}

int
cli_parse_conflict(const char *s, ds_import_conflict *out)
{
    if (strcmp(s, "fail") == 0)
        *out = DS_CONFLICT_FAIL;
    else if (strcmp(s, "replace") == 0)
        *out = DS_CONFLICT_REPLACE;
    else if (strcmp(s, "keep") == 0)
        *out = DS_CONFLICT_KEEP;
    else {
        cli_error("invalid --on-conflict '%s' (expected fail, replace or "
                  "keep)", s);
        return 0;
    }
    return 1;
}

void
cli_lock_waiting(void *ctx, const char *dir, double wait_s)
{
    (void)ctx;
    fprintf(stderr,
            "defspend: %s: another import is changing the store; waiting up "
            "to %.0f s (--wait SECONDS to change)\n",
            dir, wait_s);
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

void
cli_import_summary(FILE *f, const ds_import_summary *s, int verbose)
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
