/* import_internal.h - the interface every source-format loader implements.
 *
 * One file per format (load_wdi.c, load_sipri.c, ...), each exporting one
 * `const ds__loader ds__loader_<name>` that is registered in the table in
 * import.c.  A loader reads the raw bytes of one downloaded file and adds
 * observations to a batch store; it never writes files and never prints.
 * Not installed.
 */
#ifndef DS_IMPORT_INTERNAL_H
#define DS_IMPORT_INTERNAL_H

#include "import_as.h"
#include "store_internal.h"

/* What a loader is asked to read (filters may be NULL / 0 = everything). */
typedef struct ds__import_ctx {
    const char *path;               /* file name, for messages */
    const char *buf;                /* the whole file, as downloaded */
    size_t len;
    ds_store *batch;                /* add observations here (ds__store_add,
                                       strings interned in batch->pool) */
    const ds_countries *countries;  /* name -> ISO3; may be NULL */
    const char *const *indicators;  /* keep only these defspend indicator
                                       names (gdp, milex, ...), or NULL */
    size_t n_indicators;
    const char *const *country_filter; /* keep only these ISO3, or NULL */
    size_t n_countries;
    int annualize;                  /* FRED: average sub-annual to annual */
    /* Report a row or cell that was skipped (unknown country name, unknown
     * indicator, ...): never drop silently.  May be NULL. */
    void (*skip)(void *skip_ctx, const char *path, size_t line,
                 size_t column, const char *reason);
    void *skip_ctx;
    /* Count `rows` rows (with values) of a series defspend does not use:
     * not a skip.  name may be "" (it names the series when this is its
     * first count).  Called with skip_ctx.  May be NULL. */
    void (*unused)(void *skip_ctx, const char *path, const char *series,
                   size_t series_len, const char *name, size_t name_len,
                   size_t rows);
    /* --as KEY=VALUE: what the file does not say (never NULL while a
     * loader runs; fields unset when not given). */
    const ds__as *as;
    /* --format table: --columns KEY=COLUMN,... and --encoding (NULL when
     * not given) */
    const char *columns;
    const char *encoding;
    /* A loader may say something about the whole file here ("saved by a
     * spreadsheet program: values may have been rounded"); the import
     * summary shows it beside the file. */
    char file_note[200];
    /* A loader that refuses the file for want of an option names it here
     * ("annualize"): ds_import_needed_option. */
    const char *needs_option;
    /* How messages name an option: prefix + name ("--annualize") when the
     * tool gave ds_import_options.option_prefix, else "the 'annualize'
     * option" (ds__ctx_opt). */
    const char *option_prefix;
} ds__import_ctx;

/* An option as c's messages name it (see option_prefix), in buf. */
const char *ds__ctx_opt(const ds__import_ctx *c, const char *name, char *buf,
                        size_t size);

typedef struct ds__loader {
    const char *name; /* "wdi", "sipri", ... as in --format */
    /* How sure (0-100) the loader is that buf holds its format, judged from
     * the content, never the file name. */
    int (*detect)(const char *buf, size_t len);
    ds_status (*load)(ds__import_ctx *ctx, ds_error *err);
} ds__loader;

#endif
