/* plot_internal.h - the chart model shared by plot.c (building it) and
 * write_gnuplot.c (turning it into a script and running gnuplot).  Not
 * installed.
 */
#ifndef DS_PLOT_INTERNAL_H
#define DS_PLOT_INTERNAL_H

#include <stddef.h>

#include "defspend/plot.h"

#define DS_PLOT_NCOLORS 8

enum { DS__MARK_REF, DS__MARK_TIC, DS__MARK_NOTE };

typedef struct ds__plot_mark {
    int kind;    /* DS__MARK_* */
    char axis;   /* 'x', 'y' or 'Y'; a note: 'a' above, 'c' on, 'r'
                    right of, 'l' left of and above its point ('A', 'C',
                    'R', 'L' on the y2 axis) */
    double x, y; /* refline value / tic position in x; note at (x, y) */
    char *text;  /* cleaned copy */
} ds__plot_mark;

typedef struct ds__plot_axis {
    double min, max;  /* NaN = automatic */
    char format[32];  /* tick format, "" = default */
} ds__plot_axis;

struct ds_plot {
    char *text[DS_PLOT_NTEXTS]; /* cleaned copies, NULL = none */
    size_t ncols;
    char **colnames;
    size_t nrows, caprows;
    double *vals;      /* [row * ncols + col], NaN = missing */
    char **rowlabels;  /* [row] */
    size_t nlayers;
    ds_plot_layer *layers; /* title member unused: see titles */
    char **titles;     /* [layer] cleaned legend entries, NULL = none */
    size_t nmarks;
    ds__plot_mark *marks;
    ds__plot_axis axis[3]; /* x, y, y2 */
    int panels;        /* 1, or 2: y2 layers in a lower panel */
};

/* A copy of s (NULL = "") with control characters replaced by spaces. */
char *ds__plot_clean(const char *s);
/* 0 for 'x', 1 for 'y', 2 for 'Y', -1 otherwise. */
int ds__plot_axis_index(char axis);

#endif
