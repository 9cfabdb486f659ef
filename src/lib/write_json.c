/* write_json.c - a ds_table as JSON (jansson).
 *
 * Promises: an array with one object per row, keys the column names in
 * column order; numbers with 17 significant digits, integers as integers,
 * yes/no as true/false, a missing cell as null (never 0 or NaN); text
 * that is not UTF-8 is an error naming its key and value, and then
 * nothing is written.  Titles and notes are not written.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "table_internal.h"

const char *
ds__json_quote(const char *s, char *b, size_t n)
{
    size_t o = 0;
    for (; s && *s && o + 4 < n && o < 60; s++)
        b[o++] = (unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7F ? *s
                                                                     : '?';
    if (s && *s && o + 4 < n) {
        memcpy(b + o, "...", 3);
        o += 3;
    }
    b[o] = '\0';
    return b;
}

static json_t *
cell_json(const ds__cell *c)
{
    switch (c->state) {
    case CELL_NUM: return json_real(c->num);
    case CELL_INT: return json_integer((json_int_t)c->i);
    case CELL_BOOL: return json_boolean(c->i);
    case CELL_TEXT: return json_string(c->text);
    case CELL_MISSING: break;
    }
    return json_null();
}

struct json_t *
ds_table_json(const ds_table *t, ds_error *err)
{
    if (t->oom) {
        ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
        return NULL;
    }
    json_t *a = json_array();
    if (!a)
        goto nomem;
    for (size_t i = 0; i < t->nrows; i++) {
        json_t *o = json_object();
        if (!o || json_array_append_new(a, o) != 0)
            goto nomem;
        for (size_t k = 0; k < t->ncols; k++) {
            if (!ds__table_shows(t, k, 0))
                continue;
            const ds__cell *c = ds__table_cell(t, i, k);
            json_t *v = cell_json(c);
            if (!v && c->state != CELL_TEXT) {
                goto nomem;
            } else if (!v) {
                char q[80];
                json_decref(a);
                /* json_string refuses only text that is not UTF-8 here */
                ds__error_set(err, DS_EPARSE, NULL, 0, 0,
                              "cannot encode \"%s\" '%s' as JSON: the text "
                              "is not UTF-8",
                              t->cols[k].name,
                              ds__json_quote(c->text, q, sizeof q));
                return NULL;
            }
            if (json_object_set_new(o, t->cols[k].name, v) != 0)
                goto nomem;
        }
    }
    return a;
nomem:
    json_decref(a);
    ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    return NULL;
}

ds_status
ds__write_json(const ds_table *t, FILE *f, ds_error *err)
{
    ds_error e;
    ds_error_clear(&e);
    json_t *a = ds_table_json(t, &e);
    if (!a) {
        if (err)
            *err = e;
        return e.code;
    }
    int ok = json_dumpf(a, f, JSON_INDENT(2) | JSON_REAL_PRECISION(17)) == 0;
    json_decref(a);
    if (!ok)
        return ds__error_set(err, DS_EIO, NULL, 0, 0,
                             "cannot write the JSON output");
    fputc('\n', f);
    return DS_OK;
}
