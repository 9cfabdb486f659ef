/* store_csv.h - the store's CSV format (store_csv.c; not installed).
 *
 * Reading (ds_store_load_buffer, ds_store_load_file, ds_store_load_dir,
 * ds_store_overlay_dir) is public API in defspend/store.h; the writer
 * below is for the import's merge, which writes what the reader reads.
 */
#ifndef DS_STORE_CSV_H
#define DS_STORE_CSV_H

#include <stdio.h>

#include "import_internal.h"

/* The *.csv files directly inside dir (not hidden), as "dir/name",
 * sorted: the files ds_store_load_dir reads, in its order.  Free with
 * ds__store_dir_files_free. */
ds_status ds__store_dir_files(const char *dir, char ***names, size_t *n,
                              ds_error *err);
void ds__store_dir_files_free(char **names, size_t n);

/* dir/meta/countries.csv and dir/meta/baselines.csv into s, when present,
 * as ds_store_load_dir reads them after the observations (each replaces
 * what s had; on error s is as before). */
ds_status ds__store_load_meta(ds_store *s, const char *dir, ds_error *err);

/* DS_STORE_HEADER and a newline. */
void ds__store_csv_write_header(FILE *f);
/* One observation as a row in the order of DS_STORE_HEADER: numbers in
 * full precision (ds_format_full), fields quoted where they need it. */
void ds__store_csv_write_row(FILE *f, const ds_obs *o);

#endif
