/* write_text.c - a ds_table as aligned text for a terminal.
 *
 * Promises: the title and head notes, a blank line, the grid (header and
 * one line per row), then a blank line (none with DS_FOOT_TIGHT) and the
 * foot notes.  Cells show
 * numbers in the house formatting (format.h) and a missing cell as its
 * column's missing text ("n/a"); data text reaches the terminal with no
 * control character (each shown as '?', tab and line breaks as a space,
 * so one row stays one line).  Widths count UTF-8 characters, not bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "table_internal.h"

/* Length of the C1 control (U+0080-U+009F, C2 80-C2 9F) at s, else 0. */
static size_t
c1_len(const unsigned char *s)
{
    return s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F ? 2 : 0;
}

size_t
ds__text_put_plain(FILE *f, const unsigned char *s)
{
    size_t c1 = c1_len(s);
    if (c1) {
        fputc('?', f);
        return c1;
    }
    if (*s == '\t' || *s == '\n' || *s == '\r')
        fputc(' ', f);
    else if (*s < 0x20 || *s == 0x7F)
        fputc('?', f);
    else
        fputc(*s, f);
    return 1;
}

void
ds_text_plain(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p)
        p += ds__text_put_plain(f, p);
}

size_t
ds_text_width(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

void
ds_text_pad(FILE *f, const char *s, size_t w, int right)
{
    size_t n = ds_text_width(s);
    if (right)
        for (size_t i = n; i < w; i++)
            fputc(' ', f);
    ds_text_plain(f, s); /* as wide as s: one '?' or space per control */
    if (!right)
        for (size_t i = n; i < w; i++)
            fputc(' ', f);
}

static const char *
label(const ds_column *c)
{
    return c->label ? c->label : c->name;
}

/* The grid into f; every line ends in '\n'. */
static ds_status
grid(const ds_table *t, FILE *f, char **shown, ds_error *err)
{
    size_t nc = t->ncols;
    size_t *w = calloc(nc ? nc : 1, sizeof *w);
    if (!w)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    int fixed = t->style == DS_TEXT_FIXED;
    for (size_t k = 0; k < nc; k++) {
        if (fixed) {
            w[k] = t->cols[k].width > 0 ? (size_t)t->cols[k].width : 0;
            continue;
        }
        w[k] = ds_text_width(label(&t->cols[k]));
        for (size_t i = 0; i < t->nrows; i++) {
            size_t cw = ds_text_width(shown[i * nc + k]);
            if (cw > w[k])
                w[k] = cw;
        }
    }
    for (size_t i = 0; i <= t->nrows; i++) {
        int first = 1;
        for (size_t k = 0; k < nc; k++) {
            if (!ds__table_shows(t, k, 1))
                continue;
            if (!first) {
                int g = t->cols[k].gap > 0 ? t->cols[k].gap : fixed ? 1 : 2;
                for (int s = 0; s < g; s++)
                    fputc(' ', f);
            }
            first = 0;
            ds_text_pad(f, i ? shown[(i - 1) * nc + k] : label(&t->cols[k]),
                        w[k],
                        t->cols[k].right == 1 ||
                            (i && t->cols[k].right == 2));
        }
        fputc('\n', f);
    }
    free(w);
    return DS_OK;
}

/* Every cell as shown, row by row (freed by free_shown). */
static char **
all_shown(const ds_table *t)
{
    size_t n = t->nrows * t->ncols;
    char **v = calloc(n ? n : 1, sizeof *v);
    if (!v)
        return NULL;
    for (size_t i = 0; i < t->nrows; i++)
        for (size_t k = 0; k < t->ncols; k++) {
            const ds__cell *c = ds__table_cell(t, i, k);
            const char *s = c->shown ? c->shown
                            : c->state == CELL_TEXT ? c->text : NULL;
            /* 64 bytes, as the house formatters' callers have always
             * given: a grouped number wider than that goes to scientific
             * notation (format.h) */
            char b[64];
            if (!s)
                s = ds_table_shown(t, i, k, b, sizeof b);
            if (!(v[i * t->ncols + k] = strdup(s))) {
                for (size_t j = 0; j < n; j++)
                    free(v[j]);
                free(v);
                return NULL;
            }
        }
    return v;
}

char **
ds__table_all_shown(const ds_table *t)
{
    return all_shown(t);
}

void
ds__table_free_shown(const ds_table *t, char **v)
{
    if (!v)
        return;
    for (size_t j = 0; j < t->nrows * t->ncols; j++)
        free(v[j]);
    free(v);
}

ds_status
ds__write_text(const ds_table *t, FILE *f, ds_error *err)
{
    char **shown = all_shown(t);
    if (!shown)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    if (t->has_title) {
        ds__line_write(f, &t->title, ds_text_plain);
        fputc('\n', f);
    }
    for (size_t i = 0; i < t->nhead; i++) {
        if (t->head[i].place == DS_NOTE_HEAD_ITEM)
            fputs("  ", f);
        ds__line_write(f, &t->head[i], ds_text_plain);
        fputc('\n', f);
    }
    if (t->has_title || t->nhead)
        fputc('\n', f);
    if (t->has_caption) {
        ds__line_write(f, &t->caption, ds_text_plain);
        fputc('\n', f);
    }
    ds_status st;
    if (!t->trim) {
        st = grid(t, f, shown, err);
    } else {
        char *buf = NULL;
        size_t len = 0;
        FILE *m = open_memstream(&buf, &len);
        if (!m) {
            ds__table_free_shown(t, shown);
            return ds__error_set(err, DS_ENOMEM, NULL, 0, 0,
                                 "out of memory");
        }
        st = grid(t, m, shown, err);
        if (fclose(m) != 0 && st == DS_OK)
            st = ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
        for (char *line = buf, *nl; st == DS_OK && line && *line;
             line = nl ? nl + 1 : NULL) {
            nl = strchr(line, '\n');
            size_t l = nl ? (size_t)(nl - line) : strlen(line);
            while (l > 0 && line[l - 1] == ' ')
                l--;
            fwrite(line, 1, l, f);
            fputc('\n', f);
        }
        free(buf);
    }
    ds__table_free_shown(t, shown);
    if (st != DS_OK)
        return st;
    if (t->nfoot && !(t->foot_style & DS_FOOT_TIGHT))
        fputc('\n', f);
    for (size_t i = 0; i < t->nfoot; i++) {
        if (t->foot[i].place == DS_NOTE_FOOT_ITEM ||
            t->foot[i].place == DS_NOTE_FOOT_SUB)
            fputs("  ", f);
        ds__line_write(f, &t->foot[i], ds_text_plain);
        fputc('\n', f);
    }
    return DS_OK;
}
