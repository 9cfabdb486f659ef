/* cli_plot.h - the emitter of `defspend plot` and `defspend report`: writes
 * a chart built by the library (defspend/chart.h) and reports gnuplot's
 * problems.
 */
#ifndef DS_CLI_PLOT_H
#define DS_CLI_PLOT_H

#include <defspend/defspend.h>
#include <defspend/plot.h>

#include "cli.h"

/* Exit status when a chart cannot be rendered: gnuplot is not installed
 * (the .gp and .csv are written anyway) or gnuplot failed. */
enum { EXIT_RENDER = 4 };

/* Write the chart (image may be NULL for DS_PLOT_DUMB: the text goes to
 * stdout), print gnuplot's warnings and errors; returns an exit code. */
int cplot_emit(const ds_plot *p, ds_plot_format fmt, const char *image);

#endif
