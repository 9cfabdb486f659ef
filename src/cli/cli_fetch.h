/* cli_fetch.h - one series of `defspend fetch` (cli_fetch_job.c): the
 * library call that asks the publisher (or reads the cache), keeps the
 * response and reads it into the import batch, then what happened said
 * on stdout and stderr; and the progress bar on stderr.
 */
#ifndef DS_CLI_FETCH_H
#define DS_CLI_FETCH_H

#include <stdio.h>

#include "cli.h"

/* A progress bar on stderr (a terminal) once a download passes 1 MiB. */
typedef struct cli_fetch_bar {
    int on;
    int shown;
    long last;          /* percent, or tenths of a MiB when no total */
    char label[48];     /* "wdi MS.MIL.XPND.GD.ZS" */
} cli_fetch_bar;

/* ds_fetch_options.progress and .retrying: ctx is a cli_fetch_bar. */
void cli_fetch_progress(void *ctx, const char *url, size_t done,
                        size_t total);
void cli_fetch_retrying(void *ctx, const char *url, const char *why,
                        double wait_s, int attempt);
/* End the bar's line before anything else goes to stderr. */
void cli_fetch_bar_end(cli_fetch_bar *b);

typedef struct cli_fetch_job {
    ds_fetch_series s;      /* what to ask for, where to keep it */
    long file_index;        /* its entry in the import summary, or -1 */
} cli_fetch_job;

typedef struct cli_fetch_run {
    ds_fetch_run lib;      /* the cache, --offline, the download options */
    ds_import *imp;
    FILE *out;             /* the summary stream (stdout, in memory) */
    int worst;             /* exit code of the worst failure */
    size_t ok, failed;
    size_t files;          /* files read into the batch so far */
    cli_fetch_bar *bar;
} cli_fetch_run;

/* One series into r's import batch (ds_fetch_series_get): from the
 * cache with --offline or on 304, else downloaded, checked and cached;
 * prints what happened to r->out.  A failure is said on stderr, counted in r, and followed by
 * whether --offline has a copy to fall back on (the publisher may be
 * down, or have dropped the series for a day). */
void cli_fetch_series(cli_fetch_run *r, cli_fetch_job *j);

#endif
