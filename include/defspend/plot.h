/* defspend/plot.h - charts as gnuplot scripts.
 *
 * A ds_plot is a chart described as data: texts (title, axis labels with
 * units, a source line), a numeric table (written as CSV), layers that
 * draw table columns (bars, lines, points, bands, a heatmap), reference
 * lines, tick labels and text annotations.  ds_plot_write turns it into an
 * editable gnuplot script (.plot.gp) and its data (.plot.csv) next to the
 * image and runs gnuplot on them as a child process (an argument vector, no shell).
 *
 * Every string a caller passes (country names, titles, file names) reaches
 * the script single-quoted with ' doubled, control characters replaced by
 * spaces and enhanced-text markup off, so gnuplot neither executes
 * backquotes nor expands macros nor interprets markup in them.  The house
 * style (fonts, the Okabe-Ito colour-blind-safe palette, line widths) is
 * plots/defspend.gp, copied into every script so it runs on its own.
 */
#ifndef DEFSPEND_PLOT_H
#define DEFSPEND_PLOT_H

#include <stddef.h>

#include "defspend/error.h"
#include "defspend/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ds_plot ds_plot;

typedef enum ds_plot_format {
    DS_PLOT_PNG = 0, /* pngcairo */
    DS_PLOT_SVG,     /* svg */
    DS_PLOT_PDF,     /* pdfcairo */
    DS_PLOT_DUMB     /* text, the dumb terminal */
} ds_plot_format;

typedef enum ds_plot_text {
    DS_PLOT_TITLE = 0,
    DS_PLOT_XLABEL,
    DS_PLOT_YLABEL,
    DS_PLOT_Y2LABEL,
    DS_PLOT_CBLABEL, /* colour box of a heatmap */
    DS_PLOT_SOURCE,  /* sources and vintages, wrapped under the chart */
    DS_PLOT_NTEXTS
} ds_plot_text;

typedef enum ds_plot_style {
    DS_PLOT_BARS = 0, /* vertical boxes at x of height y */
    DS_PLOT_HBARS,    /* horizontal bars: y position, x length */
    DS_PLOT_LINES,    /* a line through (x, y) */
    DS_PLOT_POINTS,   /* points at (x, y) */
    DS_PLOT_LINESPOINTS,
    DS_PLOT_BAND,     /* filled band between y and y_hi at x */
    DS_PLOT_HEATMAP,  /* cells at (x, y) coloured by z (y_hi column), one
                         filled rectangle each; cells one unit apart */
    DS_PLOT_FLOATBARS /* vertical boxes at x from y to y_hi (waterfalls) */
} ds_plot_style;

typedef struct ds_plot_layer {
    ds_plot_style style;
    size_t x, y;     /* 0-based column indexes into the table */
    size_t y_hi;     /* upper edge (BAND, FLOATBARS) or colour value
                        (HEATMAP) */
    int color;       /* 1-8: palette entry (Okabe-Ito order), 0 = next */
    int dashed;      /* 1: dashed line (estimates, projections) */
    int y2;          /* 1: plotted against the right-hand axis */
    int point;       /* gnuplot point type, 0 = style default */
    double width;    /* bar / box width in x units, 0 = 0.6 */
    double alpha;    /* BAND transparency 0..1, 0 = 0.25 */
    const char *title; /* legend entry, NULL = none */
} ds_plot_layer;

/* A tick label or annotation text is at most this many bytes (longer text
 * is cut at a character boundary and ends in "..."). */
#define DS_PLOT_LABEL_MAX 160

DS_API DS_WUR ds_plot *ds_plot_alloc(void);
DS_API void ds_plot_free(ds_plot *p);

/* Set a text; NULL or "" removes it.  Control characters become spaces. */
DS_API DS_WUR ds_status ds_plot_set_text(ds_plot *p, ds_plot_text which,
                                         const char *text, ds_error *err);

/* The table's columns (names become the CSV header).  Must be called once,
 * before rows are added. */
DS_API DS_WUR ds_status ds_plot_set_columns(ds_plot *p,
                                            const char *const *names,
                                            size_t n, ds_error *err);

/* Append a row of ncolumns values (NaN = missing, empty in the CSV) and a
 * free-text label written as the last CSV column (NULL = ""). */
DS_API DS_WUR ds_status ds_plot_add_row(ds_plot *p, const double *values,
                                        const char *label, ds_error *err);

DS_API DS_WUR ds_status ds_plot_add_layer(ds_plot *p,
                                          const ds_plot_layer *layer,
                                          ds_error *err);

/* A reference line at value on the y axis (axis 'y'), the right-hand axis
 * ('Y') or the x axis ('x').  A labelled y / y2 line is a legend entry (so
 * its label never covers data); an x line's label is written at its top;
 * "" draws a thin line without label (pair it with tick labels). */
DS_API DS_WUR ds_status ds_plot_add_refline(ds_plot *p, char axis,
                                            double value, const char *label,
                                            ds_error *err);

/* A tick label at position pos of axis 'x' or 'y' (replaces the numeric
 * ticks of that axis once one is added). */
DS_API DS_WUR ds_status ds_plot_add_tic(ds_plot *p, char axis, double pos,
                                        const char *label, ds_error *err);

/* A text annotation at (x, y) in data coordinates, centred above that
 * point (above = 1, value labels on bars), on it (above = 0, cells),
 * starting just right of it (above = 2, "series ends 2016" at a line's
 * last point) or ending just left of and above it (above = 3, a marked
 * point on a line rising to the right). */
DS_API DS_WUR ds_status ds_plot_add_note(ds_plot *p, double x, double y,
                                         int above, const char *text,
                                         ds_error *err);
/* The same with y on the right-hand axis (or, with two panels, on the
 * lower panel's axis). */
DS_API DS_WUR ds_status ds_plot_add_note_y2(ds_plot *p, double x, double y,
                                            int above, const char *text,
                                            ds_error *err);

/* Draw the chart as panels sharing the x axis: n = 1 (the default) one
 * plot area, y2 layers against a right-hand axis; n = 2 two stacked plot
 * areas, the upper with the y layers, y reference lines and tick labels,
 * the lower with the y2 layers, 'Y' reference lines and y2 notes on an
 * axis of its own (labelled with DS_PLOT_Y2LABEL, ranged as 'Y'), so
 * that a second quantity never crosses the first one's reference lines.
 * One legend above the chart names the layers of both panels. */
DS_API DS_WUR ds_status ds_plot_set_panels(ds_plot *p, int n, ds_error *err);

/* Axis range (NaN = automatic) for axis 'x', 'y' or 'Y'; the number format
 * of its tick labels, a C-like gnuplot format chosen by the caller (never
 * user text), e.g. "%.0f%%"; NULL keeps the default. */
DS_API DS_WUR ds_status ds_plot_set_axis(ds_plot *p, char axis, double min,
                                         double max, const char *format,
                                         ds_error *err);

/* Quote text for a gnuplot script: single quotes, ' doubled, control
 * characters replaced by spaces, cut at max bytes (0 = no limit) on a
 * character boundary with "..." appended.  Returns a malloc'd string or
 * NULL when out of memory. */
DS_API char *ds_plot_quote(const char *text, size_t max);

/* The script for an image named image and data named data (both used as
 * given, quoted): house style, terminal for fmt, the chart.  The caller
 * frees *out. */
DS_API DS_WUR ds_status ds_plot_script(const ds_plot *p, ds_plot_format fmt,
                                       const char *image, const char *data,
                                       char **out, ds_error *err);

/* Write the CSV table to a malloc'd string *out. */
DS_API DS_WUR ds_status ds_plot_data(const ds_plot *p, char **out,
                                     ds_error *err);

typedef struct ds_plot_result {
    int gnuplot_missing;  /* 1: gnuplot could not be started; the script
                             and data were written, the image was not */
    int gnuplot_failed;   /* 1: gnuplot ran and failed; nothing written */
    int rendered;         /* 1: the image exists */
    char *text;           /* DS_PLOT_DUMB without an image path: the chart
                             as text (malloc'd, caller frees), else NULL */
    char *warnings;       /* gnuplot's stderr when it succeeded with
                             messages (malloc'd), else NULL */
} ds_plot_result;

/* The script and data written beside an image: "japan.png" gets
 * "japan.plot.gp" and "japan.plot.csv", names no export of defspend
 * (--output japan.csv) takes. */
#define DS_PLOT_SCRIPT_SUFFIX ".plot.gp"
#define DS_PLOT_DATA_SUFFIX ".plot.csv"

/* Write image (path ending in .png, .svg, .pdf or, for DS_PLOT_DUMB,
 * anything) with IMAGE-without-extension.plot.gp and .plot.csv beside it
 * (DS_PLOT_SCRIPT_SUFFIX, DS_PLOT_DATA_SUFFIX).  Those two replace only
 * files defspend wrote: an existing script must begin with the line
 * defspend's scripts begin with, and existing data must have such a
 * script beside it; else DS_EIO naming the file, and nothing is
 * written.  image may
 * be NULL for DS_PLOT_DUMB: the script runs in a temporary directory that
 * is removed and the chart comes back in res->text.  gnuplot is found in
 * PATH (or $DEFSPEND_GNUPLOT).  All files appear atomically (temporary
 * file + rename) and only when gnuplot succeeds, except that when gnuplot
 * cannot be started the .gp and .csv are still written (res->gnuplot_missing,
 * DS_EIO).  A gnuplot failure is DS_EIO with its stderr in the message;
 * nothing is written then. */
DS_API DS_WUR ds_status ds_plot_write(const ds_plot *p, ds_plot_format fmt,
                                      const char *image, ds_plot_result *res,
                                      ds_error *err);

/* The format for a file name by its extension (.png .svg .pdf .txt);
 * DS_EINVAL for others. */
DS_API DS_WUR ds_status ds_plot_format_for(const char *path,
                                           ds_plot_format *fmt,
                                           ds_error *err);

#ifdef __cplusplus
}
#endif

#endif
