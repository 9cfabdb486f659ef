/* write_csv.c - a ds_table as CSV (RFC 4180).
 *
 * Promises: a header of column names, then one record per row; numbers
 * in full round-trip precision in the C locale, integers as integers,
 * yes/no as 1/0, a missing cell as an empty field (never 0); text exact,
 * quoted when it holds a comma, quote or line break, and text that a
 * spreadsheet would take for a formula (= + - @ tab CR first) quoted and
 * prefixed with an apostrophe.  Titles and notes are not written.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "table_internal.h"

void
ds_text_csv(FILE *f, const char *s)
{
    s = s ? s : "";
    int formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
                  s[0] == '\t' || s[0] == '\r';
    int quote = formula || strpbrk(s, ",\"\n\r") != NULL;
    if (!quote) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    if (formula)
        fputc('\'', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

ds_status
ds__write_csv(const ds_table *t, FILE *f, ds_error *err)
{
    (void)err;
    int first = 1;
    for (size_t k = 0; k < t->ncols; k++) {
        if (!ds__table_shows(t, k, 0))
            continue;
        if (!first)
            fputc(',', f);
        first = 0;
        ds_text_csv(f, t->cols[k].name);
    }
    fputc('\n', f);
    for (size_t i = 0; i < t->nrows; i++) {
        first = 1;
        for (size_t k = 0; k < t->ncols; k++) {
            if (!ds__table_shows(t, k, 0))
                continue;
            if (!first)
                fputc(',', f);
            first = 0;
            const ds__cell *c = ds__table_cell(t, i, k);
            char b[64];
            switch (c->state) {
            case CELL_MISSING: break;
            case CELL_NUM: fputs(ds_format_full(c->num, b, sizeof b), f); break;
            case CELL_INT: fprintf(f, "%lld", c->i); break;
            case CELL_BOOL: fputc(c->i ? '1' : '0', f); break;
            case CELL_TEXT: ds_text_csv(f, c->text); break;
            }
        }
        fputc('\n', f);
    }
    return DS_OK;
}
