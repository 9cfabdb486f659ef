/* table_write.c - a ds_table to one of its formats: the dispatch to the
 * writers (write_text.c, write_csv.c, write_json.c, write_md.c), kept out
 * of table.c so that the table does not depend on its writers (they read
 * it through table_internal.h). */
#include <assert.h>
#include <stdio.h>
#include "internal.h"
#include "table_internal.h"

ds_status
ds_table_write(const ds_table *t, ds_table_format format, FILE *f,
               ds_error *err)
{
    assert(t && f);
    if (t->oom)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    ds_status st;
    switch (format) {
    case DS_TABLE_TEXT: st = ds__write_text(t, f, err); break;
    case DS_TABLE_CSV: st = ds__write_csv(t, f, err); break;
    case DS_TABLE_JSON: st = ds__write_json(t, f, err); break;
    case DS_TABLE_MD: st = ds__write_md(t, f, err); break;
    default:
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "unknown table format %d", (int)format);
    }
    if (st == DS_OK && ferror(f))
        return ds__error_set(err, DS_EIO, NULL, 0, 0,
                             "cannot write the table");
    return st;
}
