/* write_gnuplot.c - a ds_plot as a gnuplot script, and gnuplot run on it.
 *
 * Promises: the script holds no absolute path, date or version (it is the
 * same for the same chart, so tests can pin it); every caller string in it
 * is a single-quoted literal with ' doubled and control characters
 * replaced, and text is drawn with enhanced markup off; gnuplot runs as a
 * child process from an argument vector (fork + execvp, never a shell) in
 * the image's directory, its exit status and stderr checked; files appear
 * by rename only when complete.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fsutil.h"
#include "internal.h"
#include "plot_internal.h"
#include "plot_style.h"

/* How every script ds_plot_script writes begins (its first line). */
#define SCRIPT_MARK "# Chart written by defspend."

#define TITLE_MAX 200
#define SOURCE_WIDTH 150
#define SOURCE_LINES 5

/* ------------------------------------------------------------ script */

/* Print q(text) to f; returns 0 when out of memory. */
static int
put_q(FILE *f, const char *text, size_t max)
{
    char *q = ds_plot_quote(text, max);
    if (!q)
        return 0;
    fputs(q, f);
    free(q);
    return 1;
}

/* A tick label: gnuplot uses it as a format for the tick's value, so
 * '%' is doubled before quoting. */
static int
put_tic(FILE *f, const char *text)
{
    size_t n = strlen(text), pc = 0;
    for (size_t i = 0; i < n; i++)
        pc += text[i] == '%';
    char *t = malloc(n + pc + 1);
    if (!t)
        return 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        t[k++] = text[i];
        if (text[i] == '%')
            t[k++] = '%';
    }
    t[k] = '\0';
    int ok = put_q(f, t, DS_PLOT_LABEL_MAX);
    free(t);
    return ok;
}

static void
put_num(FILE *f, double v)
{
    char b[64];
    ds__snprintf_c(b, sizeof b, "%.12g", v);
    fputs(b, f);
}

/* Split text into lines of at most width bytes at spaces; writes the
 * starts and lengths of at most max lines, returns the count. */
static size_t
wrap(const char *text, size_t width, const char **start, size_t *len,
     size_t max)
{
    size_t n = 0;
    const char *s = text;
    while (*s && n < max) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        size_t rest = strlen(s), l = rest;
        if (rest > width) {
            l = width;
            while (l > width / 2 && s[l] != ' ')
                l--;
            if (s[l] != ' ')
                l = width;
            /* do not split a UTF-8 sequence */
            while (l > 0 && ((unsigned char)s[l] & 0xC0) == 0x80)
                l--;
        }
        start[n] = s;
        len[n] = l;
        n++;
        s += l;
    }
    return n;
}

static const char *const axis_name[3] = {"x", "y", "y2"};

/* The range and tick format of ax as gnuplot's axis name. */
static void
put_axis(FILE *f, const char *name, const ds__plot_axis *ax)
{
    if (isfinite(ax->min) || isfinite(ax->max)) {
        fprintf(f, "set %srange [", name);
        if (isfinite(ax->min))
            put_num(f, ax->min);
        else
            fputc('*', f);
        fputc(':', f);
        if (isfinite(ax->max))
            put_num(f, ax->max);
        else
            fputc('*', f);
        fputs("]\n", f);
    }
    if (ax->format[0]) {
        /* the format is the caller's code, checked in ds_plot_set_axis */
        fprintf(f, "set format %s '%s'\n", name, ax->format);
    }
}

static int
script_axes(FILE *f, const ds_plot *p, int use_y2)
{
    static const ds_plot_text lab[3] = {DS_PLOT_XLABEL, DS_PLOT_YLABEL,
                                        DS_PLOT_Y2LABEL};
    for (int a = 0; a < 3; a++) {
        if (a == 2 && !use_y2)
            continue;
        if (p->text[lab[a]]) {
            fprintf(f, "set %slabel ", axis_name[a]);
            if (!put_q(f, p->text[lab[a]], TITLE_MAX))
                return 0;
            fputs(" noenhanced\n", f);
        }
        put_axis(f, axis_name[a], &p->axis[a]);
    }
    if (use_y2)
        fputs("set y2tics nomirror out scale 0.6\nset ytics nomirror\n", f);
    return 1;
}

/* Whether mark m is drawn in panel (0: a one-panel chart, all marks;
 * 1: the upper panel of two; 2: the lower, its 'Y' lines and y2 notes). */
static int
mark_in(const ds__plot_mark *m, int panel)
{
    int lower = m->kind == DS__MARK_REF
                    ? m->axis == 'Y'
                    : m->kind == DS__MARK_NOTE &&
                          (m->axis == 'A' || m->axis == 'C' ||
                           m->axis == 'R' || m->axis == 'L');
    if (m->kind == DS__MARK_TIC && panel == 2)
        return m->axis == 'x';
    return panel == 0 || (panel == 2) == lower;
}

static int
script_marks(FILE *f, const ds_plot *p, int dumb, int panel)
{
    int tics[2] = {0, 0};
    for (size_t i = 0; i < p->nmarks; i++) {
        const ds__plot_mark *m = &p->marks[i];
        if (!mark_in(m, panel))
            continue;
        switch (m->kind) {
        case DS__MARK_TIC: {
            int a = m->axis == 'x' ? 0 : 1;
            fprintf(f, "set %stics %s(", axis_name[a], tics[a] ? "add " : "");
            if (!put_tic(f, m->text))
                return 0;
            fputc(' ', f);
            put_num(f, m->x);
            fputs(tics[a] ? ")\n" : ") noenhanced\n", f);
            tics[a] = 1;
            break;
        }
        case DS__MARK_REF: {
            /* the lower panel draws its 'Y' lines on its own y axis */
            const char *sys =
                m->axis == 'Y' && panel != 2 ? "second" : "first";
            if (m->axis == 'x') {
                fputs("set arrow from first ", f);
                put_num(f, m->x);
                fputs(", graph 0 to first ", f);
                put_num(f, m->x);
                fputs(", graph 1 nohead front lc rgb ds_grey lw 1.5 dt 2\n",
                      f);
                if (m->text[0]) {
                    fputs("set label ", f);
                    if (!put_q(f, m->text, DS_PLOT_LABEL_MAX))
                        return 0;
                    fputs(" at first ", f);
                    put_num(f, m->x);
                    /* above the plot area, never on the data; a text
                     * terminal draws the line one row past the top, so the
                     * label goes a row higher there */
                    fprintf(f, ", graph 1 center offset 0,%s front "
                               "noenhanced textcolor rgb ds_grey\n",
                            dumb ? "2.6" : "0.6");
                }
            } else if (!m->text[0]) {
                /* labelled lines are legend entries: see script_plot */
                fprintf(f, "set arrow from graph 0, %s ", sys);
                put_num(f, m->x);
                fprintf(f, " to graph 1, %s ", sys);
                put_num(f, m->x);
                fputs(" nohead back lc rgb ds_grey lw 1 dt 3\n", f);
            }
            break;
        }
        case DS__MARK_NOTE: {
            char k = m->axis;
            int y2 = k == 'A' || k == 'C' || k == 'R' || k == 'L';
            fputs("set label ", f);
            if (!put_q(f, m->text, DS_PLOT_LABEL_MAX))
                return 0;
            fputs(" at first ", f);
            put_num(f, m->x);
            fputs(y2 && panel != 2 ? ", second " : ", first ", f);
            put_num(f, m->y);
            fprintf(f, " %s front noenhanced textcolor rgb ds_ink\n",
                    k == 'a' || k == 'A'   ? "center offset 0,0.8 boxed"
                    : k == 'r' || k == 'R' ? "left offset 1,0 boxed"
                    : k == 'l' || k == 'L' ? "right offset -0.6,0.9 boxed"
                                           : "center");
            break;
        }
        }
    }
    return 1;
}

/* A legend entry only, drawn in the upper panel for a layer of the
 * lower one (the chart has one legend): NaN plots nothing. */
static void
key_only(FILE *f, const ds_plot_layer *l, int lt)
{
    switch (l->style) {
    case DS_PLOT_BARS:
    case DS_PLOT_HBARS:
    case DS_PLOT_HEATMAP:
    case DS_PLOT_FLOATBARS:
        fprintf(f, "  NaN with boxes lt %d fs solid 0.85", lt);
        break;
    case DS_PLOT_BAND:
        fprintf(f, "  NaN with filledcurves lt %d fs transparent solid 0.25 "
                   "noborder", lt);
        break;
    case DS_PLOT_LINES:
        fprintf(f, "  NaN with lines lt %d", lt);
        break;
    case DS_PLOT_POINTS:
        fprintf(f, "  NaN with points lt %d", lt);
        break;
    case DS_PLOT_LINESPOINTS:
        fprintf(f, "  NaN with linespoints lt %d", lt);
        break;
    }
}

/* The plot command of panel (0: a one-panel chart; 1, 2: the upper and
 * lower panel of two). */
static int
script_plot(FILE *f, const ds_plot *p, int panel)
{
    int next = 1, first = 1;
    fputs("plot \\\n", f);
    for (size_t i = 0; i < p->nlayers; i++) {
        const ds_plot_layer *l = &p->layers[i];
        int lt = l->color ? l->color : next;
        next = lt % DS_PLOT_NCOLORS + 1;
        size_t x = l->x + 1, y = l->y + 1, hi = l->y_hi + 1;
        double w = l->width > 0 ? l->width : 0.6;
        char wb[64];
        ds__snprintf_c(wb, sizeof wb, "%.6g", w);
        int keyonly = panel == 1 && l->y2;
        if (panel == 2 && !l->y2)
            continue;
        if (!first)
            fputs(", \\\n", f);
        first = 0;
        if (keyonly) {
            key_only(f, l, lt);
            goto style;
        }
        fputs("  ds_data skip 1 using ", f);
        switch (l->style) {
        case DS_PLOT_BARS:
            fprintf(f, "%zu:%zu:(%s) with boxes lt %d fs solid 0.85", x, y,
                    wb, lt);
            break;
        case DS_PLOT_FLOATBARS:
            /* a box from y to y_hi: centre, half width, half height */
            fprintf(f,
                    "%zu:((column(%zu)+column(%zu))/2):(%s/2):"
                    "(abs(column(%zu)-column(%zu))/2) with boxxyerror lt %d "
                    "fs solid 0.85",
                    x, y, hi, wb, hi, y, lt);
            break;
        case DS_PLOT_HBARS:
            fprintf(f,
                    "(column(%zu)/2):%zu:(0):(column(%zu)):"
                    "(column(%zu)-%s/2):(column(%zu)+%s/2) with boxxyerror "
                    "lt %d fs solid 0.85",
                    x, y, x, y, wb, y, wb, lt);
            break;
        /* a dashed series (estimates, projections) is broken wherever
         * its column is empty: an expression giving NaN ends the line,
         * where a plain missing value would be stepped over and two
         * estimates years apart joined into a trend line (issue 16) */
        case DS_PLOT_LINES:
        case DS_PLOT_LINESPOINTS: {
            const char *w =
                l->style == DS_PLOT_LINES ? "lines" : "linespoints";
            if (l->dashed)
                fprintf(f, "%zu:(valid(%zu) ? column(%zu) : NaN) with %s "
                        "lt %d", x, y, y, w, lt);
            else
                fprintf(f, "%zu:%zu with %s lt %d", x, y, w, lt);
            break;
        }
        case DS_PLOT_POINTS:
            fprintf(f, "%zu:%zu with points lt %d", x, y, lt);
            break;
        case DS_PLOT_BAND: {
            char ab[32];
            ds__snprintf_c(ab, sizeof ab, "%.3g",
                           l->alpha > 0 && l->alpha <= 1 ? l->alpha : 0.25);
            fprintf(f,
                    "%zu:%zu:%zu with filledcurves lt %d fs transparent "
                    "solid %s noborder",
                    x, y, hi, lt, ab);
            break;
        }
        case DS_PLOT_HEATMAP:
            /* one filled rectangle per cell (cells one unit apart):
             * `with image` becomes a bitmap in SVG that browsers smooth
             * into a gradient (issue 16, item 3) */
            fprintf(f, "%zu:%zu:(0.5):(0.5):%zu with boxxyerror fs solid "
                    "1.0 noborder fc palette", x, y, hi);
            break;
        }
    style:
        if (l->dashed)
            fputs(" dt 2", f);
        if (l->point)
            fprintf(f, " pt %d", l->point);
        if (l->y2 && panel == 0)
            fputs(" axes x1y2", f);
        if (p->titles[i] && panel != 2) {
            fputs(" title ", f);
            if (!put_q(f, p->titles[i], DS_PLOT_LABEL_MAX))
                return 0;
        } else {
            fputs(" notitle", f);
        }
    }
    /* labelled reference lines on y / y2: constant functions with a
     * legend entry, so their labels never sit on the data */
    int dt = 2;
    for (size_t i = 0; i < p->nmarks; i++) {
        const ds__plot_mark *m = &p->marks[i];
        if (m->kind != DS__MARK_REF || m->axis == 'x' || !m->text[0])
            continue;
        int lower = m->axis == 'Y' && panel != 0;
        int d = dt;
        dt = dt % 4 + 2;
        if (panel == 2 && !lower)
            continue;
        fputs(first ? "  (" : ", \\\n  (", f);
        first = 0;
        /* the upper panel names the lower one's lines in the legend */
        if (panel == 1 && lower)
            fputs("NaN", f);
        else
            put_num(f, m->x);
        fprintf(f, ") with lines lc rgb %s lw 2 dt %d%s ",
                d == 2 ? "ds_ink" : "ds_grey", d,
                m->axis == 'Y' && panel == 0 ? " axes x1y2" : "");
        if (panel == 2) {
            fputs("notitle", f);
            continue;
        }
        fputs("title ", f);
        if (!put_q(f, m->text, DS_PLOT_LABEL_MAX))
            return 0;
    }
    fputc('\n', f);
    return 1;
}

static const char *
terminal(ds_plot_format fmt)
{
    switch (fmt) {
    case DS_PLOT_PNG:
        return "ds_fs = 13\nds_lh = 0.022\n"
               "set terminal pngcairo size 1280,800 noenhanced "
               "font ds_font.','.ds_fs linewidth 1.4 background rgb "
               "'white'\n";
    case DS_PLOT_SVG:
        return "ds_fs = 11\nds_lh = 0.025\n"
               "set terminal svg size 960,600 noenhanced "
               "font ds_font.','.ds_fs linewidth 1.1 background rgb "
               "'white'\n";
    case DS_PLOT_PDF:
        return "ds_fs = 9\nds_lh = 0.033\n"
               "set terminal pdfcairo size 8in,5in noenhanced "
               "font ds_font.','.ds_fs linewidth 1.1\n";
    case DS_PLOT_DUMB:
        /* the size follows in ds_plot_script: as many rows as the chart
         * has categories */
        return "ds_fs = 10\nds_lh = 0.027\n";
    }
    return "";
}

ds_status
ds_plot_script(const ds_plot *p, ds_plot_format fmt, const char *image,
               const char *data, char **out, ds_error *err)
{
    assert(p && data && out);
    if (!p->nlayers || !p->nrows)
        return ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                             "nothing to draw: the chart has no data");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    int ok = 1;
    fputs(SCRIPT_MARK "  Edit and re-run with: gnuplot "
          "THIS-FILE.gp\n"
          "# (run it in this directory; the data file and the image are "
          "named below).\n"
          "\n# ---- house style: plots/defspend.gp ----\n",
          f);
    fputs(DS__PLOT_STYLE, f);
    fputs("# ---- end of house style ----\n\n", f);
    fputs("if (!exists('ds_data')) ds_data = ", f);
    ok = ok && put_q(f, data, 0);
    fputs("\nif (!exists('ds_output')) ds_output = ", f);
    ok = ok && put_q(f, image ? image : "", 0);
    fputc('\n', f);
    fputs(terminal(fmt), f);
    fputs("if (ds_output ne '') { set output ds_output } else { set output "
          "}\n",
          f);
    fputs("set termoption noenhanced\n"
          "set style textbox opaque fillcolor rgb 'white' noborder "
          "margins 1,1\n",
          f);
    if (fmt == DS_PLOT_DUMB)
        fputs("set grid noytics\n", f);

    int use_y2 = 0;
    for (size_t i = 0; i < p->nlayers; i++)
        use_y2 |= p->layers[i].y2;
    /* two panels: the y2 layers get a plot area of their own below */
    int panels = p->panels == 2 && use_y2 ? 2 : 1;
    if (panels == 2) {
        use_y2 = 0;
        fputs("# two panels sharing x: margins fixed so that they line up\n"
              "set lmargin 12\nset rmargin 6\n",
              f);
    }
    /* the title is a label at the top so the legend sits between it and
     * the plot area */
    if (p->text[DS_PLOT_TITLE]) {
        fputs("set label ", f);
        ok = ok && put_q(f, p->text[DS_PLOT_TITLE], TITLE_MAX);
        fputs(" at screen 0.5, screen 1 center offset 0,-1.2 noenhanced "
              "font ds_font.','.(ds_fs + 2)\n",
              f);
    }
    ok = ok && script_axes(f, p, use_y2);
    if (panels == 2)
        fputs("# upper panel: its x tick labels and x label are the "
              "lower panel's\n"
              "set format x ''\nunset xlabel\n",
              f);
    int titled = 0;
    for (size_t i = 0; i < p->nlayers; i++)
        titled |= p->titles[i] != NULL;
    for (size_t i = 0; i < p->nmarks; i++)
        titled |= p->marks[i].kind == DS__MARK_REF &&
                  p->marks[i].axis != 'x' && p->marks[i].text[0];
    if (fmt == DS_PLOT_DUMB) {
        /* a text terminal writes rotated axis labels across the plot area:
         * put the y labels in the spare row above it, at each side */
        static const ds_plot_text yl[3] = {DS_PLOT_YLABEL, DS_PLOT_Y2LABEL,
                                           DS_PLOT_CBLABEL};
        fputs("unset ylabel\nunset y2label\n", f);
        for (int a = 0; a < 3; a++) {
            if (!p->text[yl[a]] || (a == 1 && !use_y2))
                continue;
            fputs("set label ", f);
            ok = ok && put_q(f, p->text[yl[a]], TITLE_MAX);
            fputs(a ? " at graph 1, graph 1 right offset 0,1 noenhanced\n"
                    : " at graph 0, graph 1 left offset -6,1 noenhanced\n",
                  f);
        }
    }
    for (size_t i = 0; i < p->nlayers; i++)
        if (p->layers[i].style == DS_PLOT_HEATMAP) {
            fputs("set cbtics out scale 0.6\nset grid noytics\n", f);
            if (p->text[DS_PLOT_CBLABEL] && fmt != DS_PLOT_DUMB) {
                fputs("set cblabel ", f);
                ok = ok && put_q(f, p->text[DS_PLOT_CBLABEL], TITLE_MAX);
                fputs(" noenhanced\n", f);
            }
            break;
        }
    size_t nkey = 0;
    for (size_t i = 0; i < p->nlayers; i++)
        nkey += p->titles[i] != NULL;
    for (size_t i = 0; i < p->nmarks; i++)
        nkey += p->marks[i].kind == DS__MARK_REF &&
                p->marks[i].axis != 'x' && p->marks[i].text[0];
    /* long entries take a row each, short ones go two to a row */
    size_t longest = 0;
    for (size_t i = 0; i < p->nlayers; i++)
        if (p->titles[i] && strlen(p->titles[i]) > longest)
            longest = strlen(p->titles[i]);
    for (size_t i = 0; i < p->nmarks; i++)
        if (p->marks[i].kind == DS__MARK_REF && p->marks[i].axis != 'x' &&
            strlen(p->marks[i].text) > longest)
            longest = strlen(p->marks[i].text);
    /* text terminals: one entry a row (two would run into each other at
     * character resolution) and a spare row so that labels and lines at
     * the top of the plot area stay clear of the legend */
    int dumb = fmt == DS_PLOT_DUMB;
    size_t rows = longest > 55 || dumb ? nkey : (nkey + 1) / 2;
    double top = p->text[DS_PLOT_TITLE] ? 2.2 : 0.5;
    if (dumb) {
        /* a text chart is sized to its rows: every labelled y tic (one
         * per country of a ranking) gets a line of its own, so none is
         * dropped or written over another (issue 16, item 8) */
        size_t nytics = 0;
        for (size_t i = 0; i < p->nmarks; i++)
            nytics += p->marks[i].kind == DS__MARK_TIC &&
                      p->marks[i].axis == 'y';
        size_t nsrc0 = 0;
        if (p->text[DS_PLOT_SOURCE]) {
            const char *st0[SOURCE_LINES];
            size_t sl0[SOURCE_LINES];
            nsrc0 = wrap(p->text[DS_PLOT_SOURCE], 114, st0, sl0,
                         SOURCE_LINES);
        }
        double lines = ceil(top + 3.0 + 1.2 * (double)rows) +
                       ceil(4.5 + 1.1 * (double)nsrc0) + 2.0 +
                       1.5 * (double)nytics + (panels == 2 ? 16.0 : 0.0);
        int height = lines > 40 ? (int)lines : 40;
        /* ds_lh (a text line as a fraction of the screen) places the
         * legend: one line of this height */
        fprintf(f, "set terminal dumb size 120,%d noenhanced\n"
                   "ds_lh = 1.0 / %d\n", height, height);
    }
    if (titled) {
        fputs("set key at screen 0.5, screen (1 - ", f);
        put_num(f, top);
        fprintf(f, " * ds_lh) center top horizontal noenhanced maxcols %d\n",
                dumb ? 1 : 2);
    } else {
        fputs("unset key\n", f);
    }
    fputs("set tmargin ", f);
    put_num(f, top + (dumb ? 3.0 : 0.8) + 1.2 * (double)rows);
    fputc('\n', f);

    /* the source line(s), under the x axis label */
    size_t nsrc = 0;
    if (p->text[DS_PLOT_SOURCE]) {
        const char *st[SOURCE_LINES];
        size_t sl[SOURCE_LINES];
        nsrc = wrap(p->text[DS_PLOT_SOURCE],
                    fmt == DS_PLOT_DUMB ? 114 : SOURCE_WIDTH, st, sl,
                    SOURCE_LINES);
        for (size_t k = 0; k < nsrc && ok; k++) {
            char *line = strndup(st[k], sl[k]);
            if (!line) {
                ok = 0;
                break;
            }
            fputs("set label ", f);
            ok = put_q(f, line, 0);
            free(line);
            fputs(" at character 1, character ", f);
            put_num(f, 0.8 + 1.1 * (double)(nsrc - 1 - k));
            fputs(" left noenhanced textcolor rgb ds_grey "
                  "font ds_font.','.(ds_fs - 2)\n",
                  f);
        }
    }
    double bm = 4.5 + 1.1 * (double)nsrc;
    if (panels == 2) {
        /* the lower panel takes 42% of the plot height, under a gap */
        fputs("ds_split = ", f);
        put_num(f, bm);
        fputs(" * ds_lh + 0.42 * (1 - (", f);
        put_num(f, top + (dumb ? 3.0 : 0.8) + 1.2 * (double)rows + bm);
        fprintf(f, ") * ds_lh)\nset bmargin at screen ds_split + %s * "
                   "ds_lh\n",
                dumb ? "2.5" : "1.5");
    } else {
        fputs("set bmargin ", f);
        put_num(f, bm);
        fputc('\n', f);
    }
    if (panels == 2)
        fputs("set multiplot\n", f);
    ok = ok && script_marks(f, p, dumb, panels == 2 ? 1 : 0);
    ok = ok && script_plot(f, p, panels == 2 ? 1 : 0);
    if (panels == 2) {
        fputs("\n# lower panel: the y2 layers on an axis of their own\n"
              "unset label\nunset arrow\nunset key\n"
              "set tmargin at screen ds_split\nset bmargin ",
              f);
        put_num(f, bm);
        fputs("\nset format x", f);
        if (p->axis[0].format[0])
            fprintf(f, " '%s'", p->axis[0].format);
        fputs("\nset format y\nset ytics autofreq\nset yrange [*:*]\n",
              f);
        if (p->text[DS_PLOT_XLABEL]) {
            fputs("set xlabel ", f);
            ok = ok && put_q(f, p->text[DS_PLOT_XLABEL], TITLE_MAX);
            fputs(" noenhanced\n", f);
        }
        if (p->text[DS_PLOT_Y2LABEL]) {
            fputs(dumb ? "unset ylabel\nset label " : "set ylabel ", f);
            ok = ok && put_q(f, p->text[DS_PLOT_Y2LABEL], TITLE_MAX);
            fputs(dumb ? " at graph 0, graph 1 left offset -6,1 noenhanced\n"
                       : " noenhanced\n",
                  f);
        }
        put_axis(f, "y", &p->axis[2]);
        ok = ok && script_marks(f, p, dumb, 2);
        ok = ok && script_plot(f, p, 2);
        fputs("unset multiplot\n", f);
    }
    fputs("unset output\n", f);
    if (fclose(f) != 0 || !ok) {
        free(buf);
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    }
    *out = buf;
    return DS_OK;
}

/* ----------------------------------------------------------- running */

/* A new file dir/.defspend-XXXXXX<suffix> holding text (NULL: empty);
 * its name (relative to dir) goes to name. */
static ds_status
temp_file(const char *dir, const char *suffix, const char *text,
          char *name, size_t size, ds_error *err)
{
    char *path;
    ds_status st = ds__temp_write(dir, "defspend-", suffix, text,
                                  text ? strlen(text) : 0, NULL, dir, &path,
                                  err);
    if (st != DS_OK)
        return st;
    snprintf(name, size, "%s", strrchr(path, '/') + 1);
    free(path);
    return DS_OK;
}

static void
unlink_in(const char *dir, const char *name)
{
    char path[4096];
    if (name[0] && snprintf(path, sizeof path, "%s/%s", dir, name) <
                       (int)sizeof path)
        unlink(path);
}

static int
rename_in(const char *dir, const char *from, const char *to)
{
    char a[4096], b[4096];
    if (snprintf(a, sizeof a, "%s/%s", dir, from) >= (int)sizeof a ||
        snprintf(b, sizeof b, "%s/%s", dir, to) >= (int)sizeof b)
        return 0;
    return rename(a, b) == 0;
}

/* Read all of fd (from its start) into a malloc'd string. */
static char *
slurp(int fd)
{
    if (lseek(fd, 0, SEEK_SET) < 0)
        return NULL;
    size_t cap = 4096, n = 0;
    char *b = malloc(cap);
    if (!b)
        return NULL;
    for (;;) {
        if (n + 1 >= cap) {
            char *nb = realloc(b, cap * 2);
            if (!nb) {
                free(b);
                return NULL;
            }
            b = nb;
            cap *= 2;
        }
        ssize_t r = read(fd, b + n, cap - n - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        n += (size_t)r;
    }
    b[n] = '\0';
    return b;
}

/* An unlinked temporary file for the child's output, or -1. */
static int
scratch_fd(void)
{
    FILE *t = tmpfile();
    if (!t)
        return -1;
    int fd = dup(fileno(t));
    fclose(t);
    return fd;
}

typedef struct run_out {
    int started;   /* 0: gnuplot could not be executed */
    int exec_errno;
    int status;    /* waitpid status */
    char *out;     /* stdout (captured), malloc'd */
    char *errtext; /* stderr, malloc'd */
} run_out;

/* Run prog -e "ds_output='img'; ds_data='data'" script in dir. */
static ds_status
run_gnuplot(const char *dir, const char *script, const char *img,
            const char *data, run_out *ro, ds_error *err)
{
    memset(ro, 0, sizeof *ro);
    const char *prog = getenv("DEFSPEND_GNUPLOT");
    if (!prog || !*prog)
        prog = "gnuplot";
    /* the names are ours (.defspend-XXXXXX...), never user text */
    char expr[512];
    snprintf(expr, sizeof expr, "ds_output='%s'; ds_data='%s'", img, data);
    char *const argv[] = {(char *)prog, (char *)"-e", expr, (char *)script,
                          NULL};
    int pfd[2];
    if (pipe(pfd) != 0)
        return ds__error_set(err, DS_EIO, NULL, 0, 0, "cannot run gnuplot: %s",
                             strerror(errno));
    fcntl(pfd[1], F_SETFD, FD_CLOEXEC);
    fcntl(pfd[0], F_SETFD, FD_CLOEXEC);
    int ofd = scratch_fd(), efd = scratch_fd();
    if (ofd < 0 || efd < 0) {
        close(pfd[0]);
        close(pfd[1]);
        if (ofd >= 0)
            close(ofd);
        if (efd >= 0)
            close(efd);
        return ds__error_set(err, DS_EIO, NULL, 0, 0,
                             "cannot create a temporary file: %s",
                             strerror(errno));
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(pfd[0]);
        close(pfd[1]);
        close(ofd);
        close(efd);
        return ds__error_set(err, DS_EIO, NULL, 0, 0, "cannot run gnuplot: %s",
                             strerror(e));
    }
    if (pid == 0) {
        int nul = open("/dev/null", O_RDONLY);
        if (nul < 0 || dup2(nul, 0) < 0 || dup2(ofd, 1) < 0 ||
            dup2(efd, 2) < 0 || chdir(dir) != 0) {
            int e = errno;
            if (write(pfd[1], &e, sizeof e) < 0) {
                /* nothing more to do */
            }
            _exit(127);
        }
        execvp(prog, argv);
        int e = errno;
        if (write(pfd[1], &e, sizeof e) < 0) {
            /* nothing more to do */
        }
        _exit(127);
    }
    close(pfd[1]);
    int e = 0;
    ssize_t r;
    do
        r = read(pfd[0], &e, sizeof e);
    while (r < 0 && errno == EINTR);
    close(pfd[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    ro->started = r != (ssize_t)sizeof e;
    ro->exec_errno = ro->started ? 0 : e;
    ro->status = status;
    ro->out = slurp(ofd);
    ro->errtext = slurp(efd);
    close(ofd);
    close(efd);
    return DS_OK;
}

/* 1 if dir/name is a regular file whose first line is SCRIPT_MARK. */
static int
is_our_script(const char *path)
{
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return 0;
    struct stat st;
    char head[sizeof SCRIPT_MARK];
    ssize_t n = 0;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
        n = read(fd, head, sizeof head - 1);
    close(fd);
    return n == (ssize_t)(sizeof head - 1) &&
           memcmp(head, SCRIPT_MARK, sizeof head - 1) == 0;
}

/* The script and data beside an image replace only what defspend wrote:
 * an existing script must start with SCRIPT_MARK, and existing data is
 * replaced only beside such a script (they are written as a pair). */
static ds_status
check_ours(const char *dir, int dir_given, const char *gpname,
           const char *csvname, ds_error *err)
{
    char gp[4096], csv[4096];
    if (snprintf(gp, sizeof gp, "%s/%s", dir, gpname) >= (int)sizeof gp ||
        snprintf(csv, sizeof csv, "%s/%s", dir, csvname) >= (int)sizeof csv)
        return ds__error_set(err, DS_EIO, dir, 0, 0, "path too long");
    /* messages name the files as the image was named: "x.plot.gp" for
     * "x.png", "d/x.plot.gp" for "d/x.png" */
    const char *gp_shown = dir_given ? gp : gpname;
    const char *csv_shown = dir_given ? csv : csvname;
    struct stat st;
    int gp_exists = lstat(gp, &st) == 0;
    int gp_ours = gp_exists && is_our_script(gp);
    if (gp_exists && !gp_ours)
        return ds__error_set(err, DS_EIO, gp_shown, 0, 0,
                             "exists and was not written by defspend; "
                             "remove it or choose another image name");
    if (lstat(csv, &st) == 0 && !(gp_ours && S_ISREG(st.st_mode)))
        return ds__error_set(err, DS_EIO, csv_shown, 0, 0,
                             "exists and was not written by defspend "
                             "(no chart script %s beside it); remove it or "
                             "choose another image name",
                             gpname);
    return DS_OK;
}

/* Directory part of path ("." if none) into buf; base name pointer. */
static const char *
split_path(const char *path, char *dir, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        snprintf(dir, size, ".");
        return path;
    }
    if (slash == path)
        snprintf(dir, size, "/");
    else
        snprintf(dir, size, "%.*s", (int)(slash - path), path);
    return slash + 1;
}

static void
trim(char *s)
{
    size_t n = s ? strlen(s) : 0;
    while (n && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\r'))
        s[--n] = '\0';
}

ds_status
ds_plot_write(const ds_plot *p, ds_plot_format fmt, const char *image,
              ds_plot_result *res, ds_error *err)
{
    assert(p && res);
    memset(res, 0, sizeof *res);
    if (!image && fmt != DS_PLOT_DUMB)
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "an image file name is needed");
    char dir[4096], tmpdir[4096] = "";
    char gpname[1024], csvname[1024];
    const char *base = "chart";
    if (image) {
        base = split_path(image, dir, sizeof dir);
        size_t bl = strlen(base);
        if (bl == 0 || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
            return ds__error_set(err, DS_EINVAL, image, 0, 0,
                                 "not a file name");
        if (bl + sizeof DS_PLOT_SCRIPT_SUFFIX + 8 > sizeof gpname)
            return ds__error_set(err, DS_EINVAL, image, 0, 0,
                                 "file name too long");
        const char *dot = strrchr(base, '.');
        size_t stem = dot && dot != base ? (size_t)(dot - base) : bl;
        snprintf(gpname, sizeof gpname, "%.*s" DS_PLOT_SCRIPT_SUFFIX,
                 (int)stem, base);
        snprintf(csvname, sizeof csvname, "%.*s" DS_PLOT_DATA_SUFFIX,
                 (int)stem, base);
        struct stat st;
        if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
            return ds__error_set(err, DS_EIO, dir, 0, 0,
                                 "no such directory");
        ds_status own =
            check_ours(dir, strchr(image, '/') != NULL, gpname, csvname, err);
        if (own != DS_OK)
            return own;
    } else {
        const char *t = getenv("TMPDIR");
        snprintf(tmpdir, sizeof tmpdir, "%s/defspend-plot-XXXXXX",
                 t && *t ? t : "/tmp");
        if (!mkdtemp(tmpdir))
            return ds__error_set(err, DS_EIO, NULL, 0, 0,
                                 "cannot create a temporary directory: %s",
                                 strerror(errno));
        snprintf(dir, sizeof dir, "%s", tmpdir);
        snprintf(gpname, sizeof gpname, "chart.gp");
        snprintf(csvname, sizeof csvname, "chart.csv");
    }

    char *script = NULL, *data = NULL;
    char tgp[64] = "", tcsv[64] = "", timg[64] = "";
    run_out ro;
    memset(&ro, 0, sizeof ro);
    ds_status st = ds_plot_script(p, fmt, image ? base : NULL, csvname,
                                  &script, err);
    if (st == DS_OK)
        st = ds_plot_data(p, &data, err);
    if (st == DS_OK)
        st = temp_file(dir, ".csv", data, tcsv, sizeof tcsv, err);
    if (st == DS_OK)
        st = temp_file(dir, ".gp", script, tgp, sizeof tgp, err);
    if (st == DS_OK && image)
        st = temp_file(dir, ".img", NULL, timg, sizeof timg, err);
    if (st == DS_OK)
        st = run_gnuplot(dir, tgp, timg, tcsv, &ro, err);
    if (st != DS_OK)
        goto fail;
    if (!ro.started) {
        res->gnuplot_missing = 1;
        if (image && (!rename_in(dir, tcsv, csvname) ||
                      !rename_in(dir, tgp, gpname))) {
            st = ds__error_set(err, DS_EIO, image, 0, 0,
                               "cannot write the script: %s",
                               strerror(errno));
            goto fail;
        }
        if (image)
            tcsv[0] = tgp[0] = '\0';
        st = ds__error_set(
            err, DS_EIO, NULL, 0, 0,
            "cannot run gnuplot (%s): install it (Debian/Ubuntu: apt-get "
            "install gnuplot-nox) or set DEFSPEND_GNUPLOT%s%s%s%s",
            strerror(ro.exec_errno), image ? "; the script and data are in " : "",
            image ? gpname : "", image ? " and " : "", image ? csvname : "");
        goto fail;
    }
    if (!WIFEXITED(ro.status) || WEXITSTATUS(ro.status) != 0) {
        res->gnuplot_failed = 1;
        trim(ro.errtext);
        char msg[300];
        snprintf(msg, sizeof msg, "%s",
                 ro.errtext && ro.errtext[0] ? ro.errtext : "no message");
        for (char *c = msg; *c; c++)
            if (*c == '\n' || *c == '\r' || *c == '\t')
                *c = ' ';
        if (WIFEXITED(ro.status))
            st = ds__error_set(err, DS_EIO, NULL, 0, 0,
                               "gnuplot failed (exit status %d): %s",
                               WEXITSTATUS(ro.status), msg);
        else
            st = ds__error_set(err, DS_EIO, NULL, 0, 0,
                               "gnuplot failed (signal %d): %s",
                               WTERMSIG(ro.status), msg);
        goto fail;
    }
    if (image) {
        if (!rename_in(dir, tcsv, csvname) || !rename_in(dir, tgp, gpname) ||
            !rename_in(dir, timg, base)) {
            st = ds__error_set(err, DS_EIO, image, 0, 0, "cannot write: %s",
                               strerror(errno));
            goto fail;
        }
        tcsv[0] = tgp[0] = timg[0] = '\0';
        res->rendered = 1;
    } else {
        res->text = ro.out;
        ro.out = NULL;
    }
    trim(ro.errtext);
    if (ro.errtext && ro.errtext[0]) {
        res->warnings = ro.errtext;
        ro.errtext = NULL;
    }
fail:
    if (tcsv[0])
        unlink_in(dir, tcsv);
    if (tgp[0])
        unlink_in(dir, tgp);
    if (timg[0])
        unlink_in(dir, timg);
    if (tmpdir[0])
        rmdir(tmpdir);
    free(ro.out);
    free(ro.errtext);
    free(script);
    free(data);
    return st;
}
