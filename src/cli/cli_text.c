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
 * not come through here.  The escapers themselves are the library's
 * (ds_text_plain, ds_text_md in table.h), shared with the table writers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

void
cli_tt(FILE *f, const char *s)
{
    ds_text_plain(f, s);
}

void
cli_md(FILE *f, const char *s)
{
    ds_text_md(f, s, 1);
}

void
cli_md_cell(FILE *f, const char *s)
{
    ds_text_md(f, s, 0);
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
    /* nothing changed: the text itself */
    if (strcmp(buf, s) == 0) {
        free(buf);
        return s;
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
        if (i + 1 < len && (unsigned char)buf[i] == 0xC2 &&
            (unsigned char)buf[i + 1] >= 0x80 &&
            (unsigned char)buf[i + 1] <= 0x9F) { /* a C1 control */
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
