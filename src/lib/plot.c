/* plot.c - the chart model: texts, a numeric table, layers, reference
 * lines, tick labels and notes.
 *
 * Promises: every string is copied with control characters replaced by
 * spaces (so no text can end a script line or a CSV record); numbers in
 * the CSV are printed in the C locale at full precision, NaN as an empty
 * field (missing, never zero).  The script itself is written by
 * write_gnuplot.c.
 */
#include <assert.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "plot_internal.h"

/* A copy of s with control characters (C0, DEL) replaced by spaces. */
char *
ds__plot_clean(const char *s)
{
    if (!s)
        s = "";
    size_t n = strlen(s);
    char *c = malloc(n + 1);
    if (!c)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        unsigned char u = (unsigned char)s[i];
        c[i] = (u < 0x20 || u == 0x7f) ? ' ' : s[i];
    }
    c[n] = '\0';
    return c;
}

ds_plot *
ds_plot_alloc(void)
{
    ds_plot *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    for (int a = 0; a < 3; a++) {
        p->axis[a].min = NAN;
        p->axis[a].max = NAN;
    }
    p->panels = 1;
    return p;
}

void
ds_plot_free(ds_plot *p)
{
    if (!p)
        return;
    for (int i = 0; i < DS_PLOT_NTEXTS; i++)
        free(p->text[i]);
    for (size_t i = 0; i < p->ncols; i++)
        free(p->colnames[i]);
    free(p->colnames);
    free(p->vals);
    for (size_t i = 0; i < p->nrows; i++)
        free(p->rowlabels[i]);
    free(p->rowlabels);
    for (size_t i = 0; i < p->nlayers; i++)
        free(p->titles[i]);
    free(p->titles);
    free(p->layers);
    for (size_t i = 0; i < p->nmarks; i++)
        free(p->marks[i].text);
    free(p->marks);
    free(p);
}

static ds_status
nomem(ds_error *err)
{
    return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
}

ds_status
ds_plot_set_text(ds_plot *p, ds_plot_text which, const char *text,
                 ds_error *err)
{
    assert(p);
    if ((int)which < 0 || which >= DS_PLOT_NTEXTS)
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "invalid chart text %d", (int)which);
    char *c = NULL;
    if (text && *text && !(c = ds__plot_clean(text)))
        return nomem(err);
    free(p->text[which]);
    p->text[which] = c;
    return DS_OK;
}

ds_status
ds_plot_set_columns(ds_plot *p, const char *const *names, size_t n,
                    ds_error *err)
{
    assert(p && names);
    if (p->ncols || n == 0)
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "chart columns are set once, at least one");
    char **c = calloc(n, sizeof *c);
    if (!c)
        return nomem(err);
    for (size_t i = 0; i < n; i++)
        if (!(c[i] = ds__plot_clean(names[i]))) {
            for (size_t j = 0; j < i; j++)
                free(c[j]);
            free(c);
            return nomem(err);
        }
    p->colnames = c;
    p->ncols = n;
    return DS_OK;
}

ds_status
ds_plot_add_row(ds_plot *p, const double *values, const char *label,
                ds_error *err)
{
    assert(p && values);
    if (!p->ncols)
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "chart rows need columns first");
    if (p->nrows == p->caprows) {
        size_t nc = p->caprows ? 2 * p->caprows : 16;
        double *v = realloc(p->vals, nc * p->ncols * sizeof *v);
        if (!v)
            return nomem(err);
        p->vals = v;
        char **l = realloc(p->rowlabels, nc * sizeof *l);
        if (!l)
            return nomem(err);
        p->rowlabels = l;
        p->caprows = nc;
    }
    char *l = ds__plot_clean(label);
    if (!l)
        return nomem(err);
    memcpy(p->vals + p->nrows * p->ncols, values, p->ncols * sizeof *values);
    p->rowlabels[p->nrows++] = l;
    return DS_OK;
}

ds_status
ds_plot_add_layer(ds_plot *p, const ds_plot_layer *layer, ds_error *err)
{
    assert(p && layer);
    size_t hi = layer->style == DS_PLOT_BAND ||
                        layer->style == DS_PLOT_HEATMAP ||
                        layer->style == DS_PLOT_FLOATBARS
                    ? layer->y_hi
                    : 0;
    if (layer->x >= p->ncols || layer->y >= p->ncols || hi >= p->ncols)
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "chart layer uses a column outside the table");
    if (layer->color < 0 || layer->color > DS_PLOT_NCOLORS)
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "chart colour %d out of range 0-%d",
                             layer->color, DS_PLOT_NCOLORS);
    ds_plot_layer *n = realloc(p->layers, (p->nlayers + 1) * sizeof *n);
    if (!n)
        return nomem(err);
    p->layers = n;
    char **t = realloc(p->titles, (p->nlayers + 1) * sizeof *t);
    if (!t)
        return nomem(err);
    p->titles = t;
    char *title = NULL;
    if (layer->title && !(title = ds__plot_clean(layer->title)))
        return nomem(err);
    p->layers[p->nlayers] = *layer;
    p->layers[p->nlayers].title = NULL;
    p->titles[p->nlayers] = title;
    p->nlayers++;
    return DS_OK;
}

static ds_status
add_mark(ds_plot *p, int kind, char axis, double x, double y,
         const char *text, ds_error *err)
{
    if (!isfinite(x) || !isfinite(y))
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "chart position is not a finite number");
    ds__plot_mark *m = realloc(p->marks, (p->nmarks + 1) * sizeof *m);
    if (!m)
        return nomem(err);
    p->marks = m;
    char *c = ds__plot_clean(text);
    if (!c)
        return nomem(err);
    p->marks[p->nmarks++] = (ds__plot_mark){kind, axis, x, y, c};
    return DS_OK;
}

ds_status
ds_plot_add_refline(ds_plot *p, char axis, double value, const char *label,
                    ds_error *err)
{
    assert(p);
    if (axis != 'x' && axis != 'y' && axis != 'Y')
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "reference line axis must be x, y or Y");
    return add_mark(p, DS__MARK_REF, axis, value, 0, label, err);
}

ds_status
ds_plot_add_tic(ds_plot *p, char axis, double pos, const char *label,
                ds_error *err)
{
    assert(p);
    if (axis != 'x' && axis != 'y')
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "tick axis must be x or y");
    return add_mark(p, DS__MARK_TIC, axis, pos, 0, label, err);
}

/* A note's placement code: l, r, a (above) or c, in capitals against the
 * right-hand axis. */
static char
note_side(int above, int y2)
{
    char c = above == 3 ? 'l' : above == 2 ? 'r' : above ? 'a' : 'c';
    return y2 ? (char)(c - 'a' + 'A') : c;
}

ds_status
ds_plot_add_note(ds_plot *p, double x, double y, int above, const char *text,
                 ds_error *err)
{
    assert(p);
    return add_mark(p, DS__MARK_NOTE, note_side(above, 0), x, y, text, err);
}

ds_status
ds_plot_add_note_y2(ds_plot *p, double x, double y, int above,
                    const char *text, ds_error *err)
{
    assert(p);
    return add_mark(p, DS__MARK_NOTE, note_side(above, 1), x, y, text, err);
}

ds_status
ds_plot_set_panels(ds_plot *p, int n, ds_error *err)
{
    assert(p);
    if (n != 1 && n != 2)
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "a chart has 1 or 2 panels, not %d", n);
    p->panels = n;
    return DS_OK;
}

int
ds__plot_axis_index(char axis)
{
    return axis == 'x' ? 0 : axis == 'y' ? 1 : axis == 'Y' ? 2 : -1;
}

ds_status
ds_plot_set_axis(ds_plot *p, char axis, double min, double max,
                 const char *format, ds_error *err)
{
    assert(p);
    int a = ds__plot_axis_index(axis);
    if (a < 0)
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "axis must be x, y or Y");
    if (format && (strlen(format) >= sizeof p->axis[a].format ||
                   strpbrk(format, "'`\n\r\\@")))
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "invalid axis format");
    p->axis[a].min = min;
    p->axis[a].max = max;
    if (format)
        snprintf(p->axis[a].format, sizeof p->axis[a].format, "%s", format);
    return DS_OK;
}

char *
ds_plot_quote(const char *text, size_t max)
{
    if (!text)
        text = "";
    size_t n = strlen(text), cut = n;
    if (max && n > max) {
        cut = max > 3 ? max - 3 : 0;
        while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
            cut--;
    }
    char *q = malloc(2 * cut + 8);
    if (!q)
        return NULL;
    size_t k = 0;
    q[k++] = '\'';
    for (size_t i = 0; i < cut; i++) {
        unsigned char u = (unsigned char)text[i];
        if (u == '\'')
            q[k++] = '\'';
        q[k++] = (u < 0x20 || u == 0x7f) ? ' ' : (char)u;
    }
    if (cut < n) {
        memcpy(q + k, "...", 3);
        k += 3;
    }
    q[k++] = '\'';
    q[k] = '\0';
    return q;
}

ds_status
ds_plot_data(const ds_plot *p, char **out, ds_error *err)
{
    assert(p && out);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return nomem(err);
    for (size_t c = 0; c < p->ncols; c++) {
        ds_text_csv(f, p->colnames[c]);
        fputc(',', f);
    }
    fputs("label\n", f);
    for (size_t r = 0; r < p->nrows; r++) {
        for (size_t c = 0; c < p->ncols; c++) {
            double v = p->vals[r * p->ncols + c];
            if (isfinite(v)) {
                char b[64];
                ds__snprintf_c(b, sizeof b, "%.17g", v);
                /* shortest representation that reads back the same */
                for (int prec = 1; prec <= 17; prec++) {
                    char t[64];
                    ds__snprintf_c(t, sizeof t, "%.*g", prec, v);
                    double back;
                    if (ds__parse_double_n(t, strlen(t), &back) &&
                        back == v) {
                        memcpy(b, t, strlen(t) + 1);
                        break;
                    }
                }
                /* whole numbers as such: years read 2000, not 2e+03 */
                if (strchr(b, 'e') && v == floor(v) && fabs(v) < 1e15)
                    ds__snprintf_c(b, sizeof b, "%.0f", v);
                fputs(b, f);
            }
            fputc(',', f);
        }
        ds_text_csv(f, p->rowlabels[r]);
        fputc('\n', f);
    }
    if (fclose(f) != 0) {
        free(buf);
        return nomem(err);
    }
    *out = buf;
    return DS_OK;
}

ds_status
ds_plot_format_for(const char *path, ds_plot_format *fmt, ds_error *err)
{
    assert(path && fmt);
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (dot && (!slash || dot > slash)) {
        if (ds__strcaseeq(dot, ".png")) {
            *fmt = DS_PLOT_PNG;
            return DS_OK;
        }
        if (ds__strcaseeq(dot, ".svg")) {
            *fmt = DS_PLOT_SVG;
            return DS_OK;
        }
        if (ds__strcaseeq(dot, ".pdf")) {
            *fmt = DS_PLOT_PDF;
            return DS_OK;
        }
        if (ds__strcaseeq(dot, ".txt")) {
            *fmt = DS_PLOT_DUMB;
            return DS_OK;
        }
    }
    char q[80];
    return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                         "cannot tell the image format of '%s' (expected "
                         ".png, .svg, .pdf or .txt)",
                         ds__quote(path, q, sizeof q));
}
