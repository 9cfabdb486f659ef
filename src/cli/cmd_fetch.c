/* cmd_fetch.c - `defspend fetch SOURCE SERIES...`: publishers' figures
 * straight from their servers into the user store.
 *
 * The only command that touches the network.  Each series is downloaded
 * (ds_fetch_url: timeouts, size limit, few redirects, bounded retries),
 * checked (an HTML/XML error page served with status 200 is an error, not
 * data), kept as the raw response in the cache ($XDG_CACHE_HOME/defspend or
 * --cache DIR) under a name saying source, series and date, and read by the
 * same loaders as `import`; the batch of every series that succeeded is
 * merged into the store in one atomic update, so a failed series never
 * leaves part of itself behind and a failure of all leaves the store
 * byte-identical.  A second fetch sends If-None-Match/If-Modified-Since
 * and says "unchanged" on 304; --offline reads the cache only.
 *
 * Here: the options and the batch; one series is cli_fetch_job.c, the
 * publishers, URLs and cache files are the library's fetch_cache.c, the
 * download fetch.c.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_fetch.h"
#include "cli_import_common.h"

static void
help(FILE *f)
{
    fprintf(f,
"usage: defspend fetch SOURCE SERIES... [OPTIONS]\n"
"\n"
"Download figures from a publisher, keep the raw response in the cache and\n"
"import it into the user store as `defspend import` would (same summary,\n"
"revisions kept as vintages, one atomic update).  The only command that\n"
"uses the network.\n"
"\n"
"sources (and the only host each contacts, plus its redirects):\n"
"  wdi CODE...         World Bank indicator download (api.worldbank.org),\n"
"                      e.g. MS.MIL.XPND.GD.ZS NY.GDP.MKTP.CD\n"
"  fred SERIES...      FRED CSV (fred.stlouisfed.org), e.g. EXJPUS\n"
"  imf INDICATOR...    IMF DataMapper, WEO (www.imf.org), e.g. NGDPD\n"
"  url URL...          any file a loader recognises (the URL's host)\n"
"\n"
"options:\n"
"  --country LIST      keep only these countries (codes or names); imf asks\n"
"                      the API for them only\n"
"  --into DIR          the store to update (default: $XDG_DATA_HOME/defspend,\n"
"                      else ~/.local/share/defspend)\n"
"  --dry-run           download and print the summary, write nothing to the\n"
"                      store (the cache is still updated)\n"
"  --cache DIR         where raw responses are kept (default:\n"
"                      $XDG_CACHE_HOME/defspend, else ~/.cache/defspend)\n"
"  --offline           no network: import the last cached copy\n"
"  --annualize         FRED: average complete years of monthly/daily data\n"
"  --as KEY=VALUE,...  what the response does not say, as for import (e.g.\n"
"                      fred JPNNGDP --as indicator=gdp,currency=JPY,\n"
"                      price=current,scale=1e9)\n"
"  --format F          url: the file's format when its content does not\n"
"                      tell (%s)\n"
"  --on-conflict P     fail (default), replace or keep, as for import\n"
"  --timeout SECONDS   limit per request (default 900; connect 20, and 60\n"
"                      without a byte received)\n"
"  --retries N         retries after a timeout, 429 or 5xx (default 3)\n"
"  --max-size MB       refuse a response larger than this (default 512)\n"
"  --base-url URL      scheme and host to use instead of the publisher's,\n"
"                      for mirrors and tests (also $DEFSPEND_FETCH_BASE_WDI,\n"
"                      _FRED, _IMF)\n"
"  --verbose           list every skipped row\n"
"  --wait SECONDS      wait this long for another import's lock (default\n"
"                      $DEFSPEND_LOCK_WAIT, else 30)\n"
"  --data DIR          country table from DIR/meta (default: shipped data)\n"
"  --help              this help\n"
"\n"
"examples:\n"
"  defspend fetch wdi MS.MIL.XPND.GD.ZS --country JPN,KOR\n"
"  defspend fetch fred EXJPUS --annualize\n"
"  defspend fetch imf NGDPD --country JPN,USA --dry-run\n"
"  defspend fetch wdi MS.MIL.XPND.GD.ZS --offline\n", ds_import_formats());
}

/* ------------------------------------------------------------ command */

static int
parse_num(const char *what, const char *s, double lo, double hi, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || !(v >= lo && v <= hi)) {
        cli_error("invalid %s '%s' (expected a number from %g to %g)", what,
                  s, lo, hi);
        return 0;
    }
    *out = v;
    return 1;
}

int
cmd_fetch(int argc, char **argv)
{
    static const struct option opts[] = {
        {"country", required_argument, NULL, 'C'},
        {"into", required_argument, NULL, 'i'},
        {"dry-run", no_argument, NULL, 'n'},
        {"cache", required_argument, NULL, 'K'},
        {"offline", no_argument, NULL, 'o'},
        {"annualize", no_argument, NULL, 'a'},
        {"as", required_argument, NULL, 'A'},
        {"format", required_argument, NULL, 'f'},
        {"on-conflict", required_argument, NULL, 'c'},
        {"timeout", required_argument, NULL, 't'},
        {"retries", required_argument, NULL, 'r'},
        {"max-size", required_argument, NULL, 'm'},
        {"base-url", required_argument, NULL, 'b'},
        {"verbose", no_argument, NULL, 'V'},
        {"wait", required_argument, NULL, 'w'},
        {"data", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    cli_import_setup x;
    cli_import_init(&x);
    ds_import_options *opt = &x.opt;
    cli_fetch_run r;
    memset(&r, 0, sizeof r);
    ds_fetch_run_init(&r.lib);
    r.lib.fo.option_prefix = "--"; /* messages name our flags */
    const char *cache = NULL, *base_url = NULL;
    double v;
    int c;
    while ((c = cli_import_next(&x, argc, argv, opts)) != -1) {
        switch (c) {
        case CLI_IMPORT_BAD: return EXIT_USAGE;
        case 'K': cache = optarg; break;
        case 'o': r.lib.offline = 1; break;
        case 't':
            if (!parse_num("--timeout", optarg, 0.1, 86400, &v))
                return EXIT_USAGE;
            r.lib.fo.timeout_s = v;
            if (r.lib.fo.connect_timeout_s > v)
                r.lib.fo.connect_timeout_s = v;
            if (r.lib.fo.stall_s > v)
                r.lib.fo.stall_s = v;
            break;
        case 'r':
            if (!parse_num("--retries", optarg, 0, 10, &v) || v != (int)v) {
                if (v != (int)v)
                    cli_error("invalid --retries '%s' (expected a whole "
                              "number from 0 to 10)", optarg);
                return EXIT_USAGE;
            }
            r.lib.fo.retries = (int)v;
            break;
        case 'm':
            if (!parse_num("--max-size", optarg, 0.001, 65536, &v))
                return EXIT_USAGE;
            r.lib.fo.max_bytes = (size_t)(v * 1048576.0);
            break;
        case 'b': base_url = optarg; break;
        case 'h': help(stdout); return EXIT_OK;
        default:
            return cli_option_error(c, argv, "fetch", opts);
        }
    }
    if (optind >= argc) {
        cli_error("fetch needs a source (wdi, fred, imf or url) and at least "
                  "one series (see defspend fetch --help)");
        return EXIT_USAGE;
    }
    const ds_fetch_source *src = ds_fetch_source_find(argv[optind]);
    if (!src) {
        const char *names[] = {"wdi", "fred", "imf", "url"};
        const char *near = ds_suggest(argv[optind], names, 4);
        cli_error("unknown source '%s'%s%s%s (known: wdi, fred, imf, url)",
                  argv[optind], near ? "; did you mean '" : "",
                  near ? near : "", near ? "'?" : "");
        return EXIT_USAGE;
    }
    int first = optind + 1;
    if (first >= argc) {
        cli_error("fetch %s needs at least one %s", src->name,
                  strcmp(src->name, "url") == 0 ? "URL" : "series code");
        return EXIT_USAGE;
    }
    const char *base = NULL;
    if (src->base) {
        base = base_url ? base_url : getenv(src->env);
        if (!base || !base[0])
            base = src->base;
        if (strncmp(base, "https://", 8) != 0 &&
            strncmp(base, "http://", 7) != 0) {
            cli_error("invalid %s '%s' (expected http://HOST[:PORT] or "
                      "https://...)", base_url ? "--base-url" : src->env,
                      base);
            return EXIT_USAGE;
        }
    } else if (base_url) {
        cli_error("--base-url does not apply to 'fetch url' (the URL names "
                  "its host)");
        return EXIT_USAGE;
    }
    const char *format = x.format;
    if (format && src->format) {
        cli_error("--format applies to 'fetch url' only ('fetch %s' reads "
                  "the %s format)", src->name, src->format);
        return EXIT_USAGE;
    }

    /* the store, the country filter and the cache */
    char cdir[4096];
    cli_fetch_job *jobs = NULL;
    size_t njobs = 0;
    const char *inds[CLI_MAX_LIST];
    cli_out o = {NULL, NULL, 0};
    ds_error err;
    ds_error_clear(&err);
    int rc = cli_import_open(&x, "fetch");
    if (rc)
        goto out;
    if (cache) {
        snprintf(cdir, sizeof cdir, "%s", cache);
    } else if (ds_fetch_cache_dir(cdir, sizeof cdir, &err) != DS_OK) {
        cli_error("%s, or give --cache DIR", err.message);
        rc = EXIT_USAGE;
        goto out;
    }
    r.lib.cache = cdir;

    /* the jobs: one per series */
    njobs = (size_t)(argc - first);
    if (njobs > CLI_MAX_LIST) {
        cli_error("too many series (at most %d)", CLI_MAX_LIST);
        rc = EXIT_USAGE;
        goto out;
    }
    jobs = calloc(njobs, sizeof *jobs);
    if (!jobs) {
        cli_error("out of memory");
        rc = EXIT_DATA;
        goto out;
    }
    for (size_t i = 0; i < njobs; i++) {
        cli_fetch_job *j = &jobs[i];
        j->file_index = -1;
        if (ds_fetch_series_plan(&j->s, src, argv[first + (int)i], base,
                                 x.countries, opt->n_countries, &err) !=
            DS_OK) {
            cli_error("%s", err.message);
            rc = EXIT_USAGE;
            goto out;
        }
        inds[i] = j->s.series;
    }
    opt->format = src->format ? src->format : format;
    if (strcmp(src->name, "wdi") == 0) {
        /* keep the series asked for, also those without a defspend name
         * (a FRED CSV and a DataMapper response hold only what was asked
         * for) */
        opt->indicators = inds;
        opt->n_indicators = njobs;
    }

    if (ds_import_alloc(opt, &r.imp, &err) != DS_OK) {
        rc = cli_report(&err);
        goto out;
    }
    if (!r.lib.offline && ds_file_mkdir_p(cdir, &err) != DS_OK) {
        cli_error("%s: cannot create the cache directory: %s", cdir,
                  strerror(errno));
        rc = EXIT_IO;
        goto out;
    }
    if (!cli_out_open(&o)) {
        cli_error("out of memory");
        rc = EXIT_IO;
        goto out;
    }
    r.out = o.f;
    cli_fetch_bar b = {isatty(STDERR_FILENO), 0, -1, ""};
    r.bar = &b;
    r.lib.fo.progress = cli_fetch_progress;
    r.lib.fo.progress_ctx = &b;
    r.lib.fo.retrying = cli_fetch_retrying;
    r.lib.fo.retrying_ctx = &b;
    for (size_t i = 0; i < njobs; i++) {
        b.shown = 0;
        b.last = -1;
        snprintf(b.label, sizeof b.label, "%s %s", src->name,
                 jobs[i].s.series);
        cli_fetch_series(&r, &jobs[i]);
        cli_fetch_bar_end(&b);
    }
    if (!r.ok) {
        cli_error("nothing fetched: %zu of %zu series failed; the store is "
                  "unchanged", r.failed, njobs);
        cli_out_discard(&o);
        rc = r.worst ? r.worst : EXIT_IO;
        goto out;
    }
    const ds_import_summary *s;
    if (ds_import_merge(r.imp, x.dir, x.dry, &s, &err) != DS_OK) {
        cli_out_discard(&o);
        rc = cli_report(&err);
        goto out;
    }
    cli_import_summary(o.f, s, x.verbose);
    for (size_t i = 0; i < njobs; i++) {
        long k = jobs[i].file_index;
        if (k >= 0 && (size_t)k < s->n_files && !s->files[k].observations)
            fprintf(o.f, "note: %s %s: the response gave no figures%s (the "
                    "publisher may have dropped the series for now, or it "
                    "has none for these countries)\n", src->name,
                    jobs[i].s.series, x.country_text ? " for --country" : "");
    }
    if (x.country_text)
        fprintf(o.f, "filtered: only --country %s; rows of other countries "
                     "were passed over by request, not counted as skipped\n",
                x.country_text);
    if (r.failed)
        fprintf(o.f, "failed: %zu of %zu series (see the errors above); "
                     "the others were %s\n", r.failed, njobs,
                x.dry ? "read (dry run)" : "imported");
    rc = cli_out_finish(&o, &x.common);
    if (rc == EXIT_OK && r.failed)
        rc = r.worst;
out:
    ds_fetch_run_release(&r.lib);
    ds_import_free(r.imp);
    free(jobs);
    cli_import_close(&x);
    return rc;
}
