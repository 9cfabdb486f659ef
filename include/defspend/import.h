/* defspend/import.h - reading publishers' files into a user store.
 *
 * An import reads one or more files exactly as downloaded (World Bank WDI
 * and DataBank CSV or zip, IMF WEO, OWID, FRED, SIPRI and NATO workbooks,
 * the store's own tidy CSV; the same files as spreadsheets save them; any
 * table described with ds_import_options.columns) into a batch, then merges the batch into a
 * store directory: new figures are added, a figure whose value changed in
 * a newer release is kept beside the old one as a new vintage (never
 * overwritten), and the directory's file is replaced atomically, so a
 * failed import leaves the store byte-identical.  Every skipped row and
 * every figure that fails a plausibility check is reported, never dropped
 * silently.  Strings in summaries stay valid until ds_import_free().
 */
#ifndef DEFSPEND_IMPORT_H
#define DEFSPEND_IMPORT_H

#include <stddef.h>

#include "defspend/country.h"
#include "defspend/error.h"
#include "defspend/export.h"
#include "defspend/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The file an import writes inside the store directory. */
#define DS_IMPORT_FILE "imports.csv"

/* What to do when the store already has the same key and vintage with a
 * different value. */
typedef enum ds_import_conflict {
    DS_CONFLICT_FAIL = 0, /* stop: nothing is written (default) */
    DS_CONFLICT_REPLACE,  /* the imported value replaces the stored one */
    DS_CONFLICT_KEEP      /* the stored value stays; the new one is dropped
                             and reported */
} ds_import_conflict;

typedef struct ds_import_options {
    const char *format;               /* "auto" or NULL: decide from the
                                         content; else a format name */
    const char *const *indicators;    /* keep only these (defspend names
                                         such as gdp, or source codes such
                                         as NY.GDP.PCAP.CD); NULL = all */
    size_t n_indicators;
    const char *const *countries;     /* keep only these ISO3; NULL = all */
    size_t n_countries;
    int annualize;                    /* FRED: average sub-annual series */
    const char *vintage;              /* YYYY-MM-DD for files that state no
                                         release date; NULL = the file's
                                         modification date */
    ds_import_conflict on_conflict;
    const ds_countries *country_table; /* names -> ISO3 (borrowed) */
    /* Called while a big file is read: bytes done of total.  May be NULL. */
    void (*progress)(void *ctx, const char *path, size_t done, size_t total);
    void *progress_ctx;
    /* When another import is changing the store, ds_import_merge waits
     * for it up to this long (seconds; 0 = fail at once), then fails with
     * DS_EIO.  Default DS_IMPORT_LOCK_WAIT_DEFAULT. */
    double lock_wait_s;
    /* Called once when that wait begins (dir, lock_wait_s).  May be NULL. */
    void (*lock_waiting)(void *ctx, const char *dir, double wait_s);
    void *lock_waiting_ctx;
    /* What the files do not say themselves, "KEY=VALUE,...": indicator,
     * currency, price (current | constant-YYYY), scale (1, 1e3, 1e6, 1e9,
     * thousand, million, billion), definition, year-basis (calendar |
     * fiscal-MM), country, source, vintage.  NULL = nothing.  Checked by
     * ds_import_alloc; a file that needs a key names it. */
    const char *as;
    /* --format table: which column holds what, "KEY=COLUMN,...": country,
     * year, value, scale (powers of ten), indicator, currency; COLUMN a
     * header text or a 1-based position.  No year/value: a wide table
     * (years as columns).  NULL = none. */
    const char *columns;
    /* The encoding of a text file (any text format), for iconv (e.g.
     * "CP932", "ISO-8859-1", "UTF-16"): the text is converted to UTF-8
     * before the format is detected; a byte invalid in it is an error at
     * its line and column.  NULL = UTF-8, or UTF-16 when the file starts
     * with a UTF-16 byte order mark.  A zip or workbook is refused. */
    const char *encoding;
    /* How the caller spells an option when a message suggests one: with
     * "--" the messages say "--format", "--vintage", "--on-conflict" (the
     * tool's flags); NULL (the default) says "the 'format' option", ...
     * (the fields above).  The library names no command-line flag of its
     * own accord. */
    const char *option_prefix;
} ds_import_options;

/* Seconds ds_import_merge waits for another import's lock by default. */
#define DS_IMPORT_LOCK_WAIT_DEFAULT 30.0

/* Set every option to its default (auto format, no filters, fail on
 * conflict, wait up to DS_IMPORT_LOCK_WAIT_DEFAULT for the store's lock). */
DS_API void ds_import_options_init(ds_import_options *opt);

/* How an imported observation relates to the store. */
typedef enum ds_change {
    DS_CHANGE_ADDED = 0,  /* nothing like it in the store */
    DS_CHANGE_REVISED,    /* same figure, newer vintage, other value/flags */
    DS_CHANGE_UNCHANGED,  /* already in the store (same value and flags) */
    DS_CHANGE_REPLACED,   /* same key and vintage, other value: replaced */
    DS_CHANGE_KEPT        /* same key and vintage, other value: kept old */
} ds_change;

typedef struct ds_import_change {
    ds_change kind;
    const ds_obs *old_obs; /* the stored observation compared with, or NULL */
    const ds_obs *new_obs; /* the imported observation */
} ds_import_change;

typedef struct ds_import_skip {
    const char *path;
    size_t line, column; /* 0 when not applicable */
    const char *reason;
} ds_import_skip;

/* Rows of a series defspend does not use (no defspend indicator and not
 * asked for with --indicator): not an error, so not a skip.  One per file
 * and series, in the order first seen. */
typedef struct ds_import_unused {
    const char *path;
    const char *series; /* the publisher's code, e.g. "SP.POP.TOTL" */
    const char *name;   /* its name in the file, "" if none */
    size_t rows;        /* rows holding at least one value */
} ds_import_unused;

typedef struct ds_import_check {
    const ds_obs *obs;   /* the imported observation (flagged "suspect") */
    const char *message; /* what looks wrong, e.g. "share of GDP 137.2 over
                            100%" */
} ds_import_check;

typedef struct ds_import_file_info {
    const char *path;
    const char *format;   /* the loader that read it */
    size_t observations;  /* observations read (after filters) */
    const char *vintage_note; /* "" or how the vintage was chosen */
} ds_import_file_info;

typedef struct ds_import_summary {
    const char *store_file; /* the file written (or that would be) */
    int dry_run;
    /* skipped: rows or cells that were wrong (a bad number, a country
     * not in the table, ...), each in skips with its reason */
    size_t added, revised, unchanged, replaced, kept, skipped, suspect;
    const ds_import_change *changes; /* every non-unchanged change */
    size_t n_changes;
    const ds_import_skip *skips;
    size_t n_skips;
    const ds_import_check *checks;
    size_t n_checks;
    const ds_import_file_info *files;
    size_t n_files;
    /* rows of series defspend does not use, and how many series */
    size_t unused_rows;
    const ds_import_unused *unused;
    size_t n_unused;
} ds_import_summary;

typedef struct ds_import ds_import;

/* Start an import.  opt is copied (its arrays and table are borrowed and
 * must outlive the import). */
DS_API DS_WUR ds_status ds_import_alloc(const ds_import_options *opt,
                                        ds_import **out, ds_error *err);
DS_API void ds_import_free(ds_import *imp);

/* Read one file into the batch (nothing is written).  On error the batch
 * is left as before the call. */
DS_API DS_WUR ds_status ds_import_file(ds_import *imp, const char *path,
                                       ds_error *err);

/* After a failed ds_import_file/ds_import_buffer: the option (by its
 * name in ds_import_options, e.g. "annualize") that would let the file be
 * read, or NULL when the failure is not one an option cures.  Cleared by
 * the next read. */
DS_API const char *ds_import_needed_option(const ds_import *imp);

/* Read file content held in memory; path is used in messages only. */
DS_API DS_WUR ds_status ds_import_buffer(ds_import *imp, const char *path,
                                         const char *buf, size_t len,
                                         ds_error *err);

/* Compare the batch with the store in dir (created if missing unless
 * dry_run) and, unless dry_run, write dir/DS_IMPORT_FILE atomically
 * (temporary file, fsync, rename, fsync of the directory), holding an
 * exclusive flock on dir throughout; when another import holds it, waits
 * as opt.lock_wait_s says.  On error nothing in dir changes.  The summary
 * stays valid until ds_import_free. */
DS_API DS_WUR ds_status ds_import_merge(ds_import *imp, const char *dir,
                                        int dry_run,
                                        const ds_import_summary **summary,
                                        ds_error *err);

/* The names of the known formats, for help texts: "wdi, databank, ...". */
DS_API const char *ds_import_formats(void);

/* The default user store directory: $XDG_DATA_HOME/defspend, else
 * $HOME/.local/share/defspend.  Writes into buf; DS_EINVAL if neither
 * variable is set. */
DS_API DS_WUR ds_status ds_import_default_dir(char *buf, size_t size,
                                              ds_error *err);

#ifdef __cplusplus
}
#endif

#endif
