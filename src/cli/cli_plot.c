/* cli_plot.c - writes a chart the library built (defspend/chart.h) and
 * reports gnuplot's problems.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_plot.h"

/* ------------------------------------------------------------ emitter */

int
cplot_emit(const ds_plot *p, ds_plot_format fmt, const char *image)
{
    ds_plot_result r;
    ds_error err;
    ds_error_clear(&err);
    ds_status st = ds_plot_write(p, fmt, image, &r, &err);
    if (r.warnings) {
        fputs("defspend: warning: gnuplot: ", stderr);
        fwrite(r.warnings, 1, cli_tt_buffer(r.warnings, strlen(r.warnings)),
               stderr);
        fputc('\n', stderr);
    }
    int rc = EXIT_OK;
    if (st != DS_OK) {
        rc = cli_report(&err);
        if (r.gnuplot_missing || r.gnuplot_failed)
            rc = EXIT_RENDER;
    } else if (image && r.rendered) {
        /* the files written, one a line, for the user and for scripts
         * (issue 16, item 13): the image, then its script and data */
        const char *slash = strrchr(image, '/');
        const char *base = slash ? slash + 1 : image;
        const char *dot = strrchr(base, '.');
        int dirlen = (int)(base - image);
        int stem = (int)(dot && dot != base ? dot - base : (long)strlen(base));
        printf("%s\n%.*s%.*s%s\n%.*s%.*s%s\n", image, dirlen, image, stem,
               base, DS_PLOT_SCRIPT_SUFFIX, dirlen, image, stem, base,
               DS_PLOT_DATA_SUFFIX);
        if (fflush(stdout) != 0) {
            cli_error("cannot write to standard output");
            rc = EXIT_IO;
        }
    } else if (r.text) {
        /* a chart drawn in text for a terminal (--format dumb): gnuplot
         * starts each page with a form feed, which is kept; any other
         * control character is not */
        for (char *t = r.text; *t;) {
            size_t n = strcspn(t, "\f");
            fwrite(t, 1, cli_tt_buffer(t, n), stdout);
            t += n;
            if (*t == '\f')
                putchar(*t++);
        }
        if (fflush(stdout) != 0) {
            cli_error("cannot write to standard output");
            rc = EXIT_IO;
        }
    }
    free(r.text);
    free(r.warnings);
    return rc;
}
