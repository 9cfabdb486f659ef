/* cli_text.c - data text made safe for a terminal and for Markdown.
 *
 * Text read from a publisher's file or a store (sources, notes, country
 * names, labels) is printed by every table and Markdown writer.  Promises:
 * what reaches a terminal or a table holds no control character (C0, DEL,
 * C1: ESC and OSC sequences would retitle the terminal or clear it), each
 * shown as '?' and each line break or tab in data text as a space, so one
 * figure stays one row; in Markdown, data text is also escaped so that it
 * reads as the same characters and can make no link, image, HTML, emphasis,
 * code, heading, list or table cell.  CSV and JSON keep text exact and do
 * not come through here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Length of the C1 control (U+0080-U+009F, C2 80-C2 9F) at s, else 0. */
static size_t
c1_len(const unsigned char *s)
{
    return s[0] == 0xC2 && s[1] >= 0x80 && s[1] <= 0x9F ? 2 : 0;
}

/* One character of data text as shown in a table (not Markdown): returns
 * the bytes consumed, writes the replacement (or the byte itself). */
static size_t
put_tt(FILE *f, const unsigned char *s)
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
cli_tt(FILE *f, const char *s)
{
    const unsigned char *p = (const unsigned char *)(s ? s : "");
    while (*p)
        p += put_tt(f, p);
}

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

/* The one Markdown escaper: line_start says the text may begin a line
 * (a paragraph, a list item's text), where block syntax counts too. */
static void
md_escape(FILE *f, const char *s, int line_start)
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
            p += put_tt(f, p);
        }
        start = 0;
    }
}

void
cli_md(FILE *f, const char *s)
{
    md_escape(f, s, 1);
}

void
cli_md_cell(FILE *f, const char *s)
{
    md_escape(f, s, 0);
}

void
cli_txt(FILE *f, const char *s, int md)
{
    if (md)
        cli_md(f, s);
    else
        cli_tt(f, s);
}

/* Copies handed out by cli_shown, freed by cli_text_release. */
static char **shown;
static size_t nshown, cshown;

const char *
cli_shown(const char *s, int md)
{
    if (!s)
        return "";
    /* nothing to change: the text itself */
    const unsigned char *p = (const unsigned char *)s;
    int plain = 1;
    for (size_t i = 0; p[i] && plain; i++)
        plain = p[i] >= 0x20 && p[i] != 0x7F && !c1_len(p + i) &&
                !(md && (md_inline(p[i]) || md_block(p[i])));
    if (plain)
        return s;
    char *buf = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&buf, &len);
    if (!m)
        return "?";
    cli_txt(m, s, md);
    if (fclose(m) != 0) {
        free(buf);
        return "?";
    }
    if (nshown == cshown) {
        size_t nc = cshown ? cshown * 2 : 32;
        char **n = realloc(shown, nc * sizeof *n);
        if (!n) {
            free(buf);
            return "?";
        }
        shown = n;
        cshown = nc;
    }
    shown[nshown++] = buf;
    return buf;
}

void
cli_text_release(void)
{
    for (size_t i = 0; i < nshown; i++)
        free(shown[i]);
    free(shown);
    shown = NULL;
    nshown = cshown = 0;
}

size_t
cli_tt_buffer(char *buf, size_t len)
{
    /* in place: the output only gets shorter (a C1 pair becomes '?') */
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)buf[i];
        if (i + 1 < len && c1_len((const unsigned char *)buf + i)) {
            buf[o++] = '?';
            i += 2;
        } else if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F) {
            buf[o++] = '?';
            i++;
        } else {
            buf[o++] = buf[i++];
        }
    }
    return o;
}
