/* write_md.c - a ds_table as Markdown (GFM), and the one Markdown escaper.
 *
 * Promises: "## title", the head notes as a list, the caption as a "### "
 * subheading, a GFM table with each column's alignment, then the foot
 * notes as a list (items under a note indented; with DS_FOOT_PLAIN lines
 * of a paragraph).  Data text (cells and
 * the %s parts of titles and notes) is escaped so that it reads as the
 * same characters and can make no link, image, HTML, emphasis, code,
 * heading, list or table cell; control characters are '?', line breaks
 * and tabs a space.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "table_internal.h"

/* Characters that mean something anywhere in a line of Markdown (GFM):
 * links, images, emphasis, code, HTML and entities (< > & are written as
 * entities), table cells, strikethrough, and the backslash itself. */
static int
md_inline(unsigned char c)
{
    return c && strchr("\\`*_{}[]()!|<>&~", c) != NULL;
}

/* Characters that start a block at the start of a line: heading, list
 * item, quote, thematic break, setext underline, code fence (` and ~ are
 * escaped anyway). */
static int
md_block(unsigned char c)
{
    return c && strchr("#+-=.", c) != NULL;
}

void
ds_text_md(FILE *f, const char *s, int line_start)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    /* the text may start a line: escape what would start a block there,
     * and the '.' or ')' of "1." / "1)" (an ordered list) */
    const unsigned char *d = p;
    while (*d >= '0' && *d <= '9')
        d++;
    const unsigned char *num_end =
        line_start && d > p && (*d == '.' || *d == ')') ? d : NULL;
    int start = line_start;
    while (*p) {
        /* as entities, so that not even the text "<script" is left */
        if (*p == '<' || *p == '>' || *p == '&') {
            fputs(*p == '<' ? "&lt;" : *p == '>' ? "&gt;" : "&amp;", f);
            p++;
        } else if (md_inline(*p) || p == num_end ||
                   (start && md_block(*p))) {
            fputc('\\', f);
            fputc(*p++, f);
        } else {
            p += ds__text_put_plain(f, p);
        }
        start = 0;
    }
}

static void
md_line(FILE *f, const char *s)
{
    ds_text_md(f, s, 1);
}

static void
md_cell(FILE *f, const char *s)
{
    ds_text_md(f, s, 0);
}

ds_status
ds__write_md(const ds_table *t, FILE *f, ds_error *err)
{
    char **shown = ds__table_all_shown(t);
    if (!shown)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    if (t->has_title) {
        fputs("## ", f);
        ds__line_write(f, &t->title, md_line);
        fputs("\n\n", f);
    }
    for (size_t i = 0; i < t->nhead; i++) {
        fputs(t->head[i].place == DS_NOTE_HEAD_ITEM ? "  - " : "- ", f);
        ds__line_write(f, &t->head[i], md_line);
        fputc('\n', f);
    }
    if (t->nhead)
        fputc('\n', f);
    if (t->has_caption || t->has_caption_md) {
        fputs("### ", f);
        ds__line_write(f, t->has_caption_md ? &t->caption_md : &t->caption,
                       md_line);
        fputs("\n\n", f);
    }
    size_t nc = t->ncols;
    fputs("|", f);
    for (size_t k = 0; k < nc; k++) {
        if (!ds__table_shows(t, k, 1))
            continue;
        fputc(' ', f);
        md_cell(f, t->cols[k].label ? t->cols[k].label : t->cols[k].name);
        fputs(" |", f);
    }
    fputs("\n|", f);
    for (size_t k = 0; k < nc; k++)
        if (ds__table_shows(t, k, 1))
            fputs(t->cols[k].right == 1 ? "---:|" : ":---|", f);
    fputc('\n', f);
    for (size_t i = 0; i < t->nrows; i++) {
        fputs("|", f);
        for (size_t k = 0; k < nc; k++) {
            if (!ds__table_shows(t, k, 1))
                continue;
            fputc(' ', f);
            md_cell(f, shown[i * nc + k]);
            fputs(" |", f);
        }
        fputc('\n', f);
    }
    ds__table_free_shown(t, shown);
    if (t->nfoot)
        fputc('\n', f);
    int plain = (t->foot_style & DS_FOOT_PLAIN) != 0;
    for (size_t i = 0; i < t->nfoot; i++) {
        ds_note_place w = t->foot[i].place;
        fputs(w == DS_NOTE_FOOT_HEADING ? "### "
              : w == DS_NOTE_FOOT_SUB   ? (plain ? "  " : "  - ")
              : plain                   ? ""
                                        : "- ",
              f);
        ds__line_write(f, &t->foot[i], md_line);
        fputc('\n', f);
    }
    return DS_OK;
}
