/* cli_opts.c - the options every command shares, the one country
 * resolver, and the last step of every command: a ds_table to its writer.
 *
 * Promises: the same option is parsed and refused with the same words in
 * every command; output goes out whole or not at all (cli_out).
 */
#include <assert.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_opts.h"

int
cli_parse_year(const char *arg, int *year)
{
    char *end;
    long y = strtol(arg, &end, 10);
    if (*end || end == arg || y < 1000 || y > 3000) {
        cli_error("invalid year '%s' (expected e.g. 2024)", arg);
        return 0;
    }
    *year = (int)y;
    return 1;
}

int
cli_common_opt(int c, const char *arg, cli_common *common, int md_ok)
{
    switch (c) {
    case 'f':
        if (!cli_parse_format(arg, &common->format) ||
            (!md_ok && common->format == FMT_MD)) {
            cli_error("invalid format '%s' (expected table, csv%s json%s)",
                      arg, md_ok ? "," : " or", md_ok ? " or md" : "");
            return -1;
        }
        return 1;
    case 'o': common->output = arg; return 1;
    case 'd': common->data_dir = arg; return 1;
    }
    return 0;
}

void
cli_options_init(cli_options *p, const char *command,
                 const struct option *own, cli_common *common,
                 void (*help)(FILE *))
{
    static const struct option shared[] = {CLI_OPT_FORMAT, CLI_OPT_OUTPUT,
                                           CLI_OPT_DATA, CLI_OPT_HELP,
                                           CLI_OPT_END};
    size_t n = 0;
    for (; own[n].name; n++) {
        assert(n < CLI_OPTS_MAX);
        p->all[n] = own[n];
    }
    memcpy(p->all + n, shared, sizeof shared);
    p->command = command;
    p->common = common;
    p->help = help;
    p->md_ok = 1;
    p->rc = EXIT_OK;
    optind = 1;
    opterr = 0;
}

int
cli_options_next(cli_options *p, int argc, char **argv)
{
    int c;
    while ((c = getopt_long(argc, argv, ":h", p->all, NULL)) != -1) {
        int k = cli_common_opt(c, optarg, p->common, p->md_ok);
        if (k > 0)
            continue;
        if (k < 0) {
            p->rc = EXIT_USAGE;
            return CLI_OPT_STOP;
        }
        if (c == 'h') {
            p->help(stdout);
            p->rc = EXIT_OK;
            return CLI_OPT_STOP;
        }
        if (c == '?' || c == ':') {
            p->rc = cli_option_error(c, argv, p->command, p->all);
            return CLI_OPT_STOP;
        }
        return c;
    }
    if (optind < argc) {
        cli_error("unexpected argument '%s'", argv[optind]);
        p->rc = EXIT_USAGE;
        return CLI_OPT_STOP;
    }
    return -1;
}

int
cli_country(const ds_store *s, const char *name, char *out, size_t size)
{
    const ds_countries *cs = ds_store_countries(s);
    if (cs) {
        const ds_country *ct;
        ds_error err;
        ds_error_clear(&err);
        if (ds_countries_lookup(cs, name, &ct, &err) != DS_OK)
            return cli_report(&err);
        snprintf(out, size, "%s", ct->iso3);
        return 0;
    }
    snprintf(out, size, "%s", name);
    for (char *p = out; *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    return 0;
}

ds_table_format
cli_table_format(out_format f)
{
    switch (f) {
    case FMT_CSV: return DS_TABLE_CSV;
    case FMT_JSON: return DS_TABLE_JSON;
    case FMT_MD: return DS_TABLE_MD;
    case FMT_TABLE: break;
    }
    return DS_TABLE_TEXT;
}

int
cli_write_table(const ds_table *t, const cli_common *common)
{
    return cli_write_tables(&t, 1, common);
}

int
cli_write_tables(const ds_table *const *t, size_t n, const cli_common *common)
{
    cli_out out;
    if (!cli_out_open(&out)) {
        cli_error("out of memory");
        return EXIT_IO;
    }
    ds_error err;
    ds_error_clear(&err);
    for (size_t i = 0; i < n; i++) {
        if (ds_table_write(t[i], cli_table_format(common->format), out.f,
                           &err) != DS_OK) {
            cli_out_discard(&out);
            return cli_report(&err);
        }
        if (n > 1)
            fputc('\n', out.f);
    }
    return cli_out_finish(&out, common);
}

int
cli_write_json(json_t *doc, const ds_error *err, const cli_common *common)
{
    if (!doc)
        return cli_report(err);
    cli_out out;
    if (!cli_out_open(&out)) {
        json_decref(doc);
        cli_error("out of memory");
        return EXIT_IO;
    }
    int ok = json_dumpf(doc, out.f,
                        JSON_INDENT(2) | JSON_REAL_PRECISION(17)) == 0;
    json_decref(doc);
    if (!ok) {
        cli_out_discard(&out);
        cli_error("cannot write the JSON output");
        return EXIT_IO;
    }
    fputc('\n', out.f);
    return cli_out_finish(&out, common);
}
