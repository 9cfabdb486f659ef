/* internal.h - helpers shared by the library's source files (not installed).
 *
 * Names are ds__*: string pool, C-locale number parsing, error setters and
 * the libcsv-based record reader that every CSV loader uses so that errors
 * carry file, line and column.
 */
#ifndef DS_INTERNAL_H
#define DS_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "defspend/defspend.h"
#include "defspend/indicator.h"

#if defined(__GNUC__)
#define DS_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define DS_PRINTF(a, b)
#endif

/* Set err (if not NULL) and return code. */
ds_status ds__error_set(ds_error *err, ds_status code, const char *path,
                        size_t line, size_t column, const char *fmt, ...)
    DS_PRINTF(6, 7);

/* Quote a value for an error message: copies at most 60 characters,
 * replacing control characters with '?'.  Returns buf. */
const char *ds__quote(const char *text, char *buf, size_t size);

/* ---- string pool: interned, immutable strings owned by the pool ---- */
typedef struct ds__pool ds__pool;
ds__pool *ds__pool_alloc(void);
void ds__pool_free(ds__pool *p);
/* The interned copy of s[0..len) if there is one, else NULL. */
const char *ds__pool_find(const ds__pool *p, const char *s, size_t len);
/* Interned copy of s[0..len); NULL when out of memory. */
const char *ds__pool_intern(ds__pool *p, const char *s, size_t len);
/* Room for n more strings without rehashing; 0 when out of memory (p is
 * unchanged and usable). */
int ds__pool_reserve(ds__pool *p, size_t n);

/* ---- numbers ---- */
/* strtod in the C locale; returns 1 if the whole of s[0..len) is a finite
 * or infinite number with no surrounding space. */
int ds__parse_double_n(const char *s, size_t len, double *out);
/* Parse a decimal integer in [min, max]; returns 1 on success. */
int ds__parse_int_n(const char *s, size_t len, long min, long max, long *out);
/* snprintf in the C locale. */
int ds__snprintf_c(char *buf, size_t size, const char *fmt, ...)
    DS_PRINTF(3, 4);

/* ---- text ---- */
int ds__strcaseeq(const char *a, const char *b);

/* ---- text for messages (format.c) ---- */
/* "1949-1951, 1955" from a sorted year list, cut to fit size. */
void ds__year_ranges(const int *years, size_t n, char *buf, size_t size);

/* ---- dates (date.c) ---- */
/* 1 if s[0..len) is exactly "YYYY-MM-DD" naming a day that exists (see
 * ds_date_valid); writes year, month, day (each may be NULL).  Else 0,
 * with *at (may be NULL) the 0-based offset of the first bad character and
 * why (may be NULL) the reason, e.g. "February 2023 has 28 days". */
int ds__date_check(const char *s, size_t len, int *year, int *month,
                   int *day, size_t *at, char *why, size_t why_size);

/* Number of UTF-8 characters in s[0..len). */
size_t ds__utf8_len(const char *s, size_t len);
/* Offset of the first byte of s[0..len) that does not start a valid UTF-8
 * sequence (RFC 3629: no overlong forms, no surrogates, nothing past
 * U+10FFFF; what jansson accepts), or len when all of it is valid. */
size_t ds__utf8_check(const char *s, size_t len);

/* ---- files ---- */
/* Open path for reading when it is a regular file: *f and its status in
 * *st; else the error ("cannot open: ...", "not a regular file"). */
struct stat;
ds_status ds__open_regular(const char *path, FILE **f, struct stat *st,
                           ds_error *err);
/* Read a whole file into a malloc'ed, NUL-terminated buffer. */
ds_status ds__read_file(const char *path, char **buf, size_t *len,
                        ds_error *err);

/* ---- the one preference between series of a figure ---- */
/* < 0 when a is preferred to b, > 0 when b is, 0 when the rule cannot
 * tell: calendar years before fiscal ones, the better-ranked definition,
 * then currency cur before the others (store.c, convert.c). */
int ds__series_prefer(const ds_obs *a, const ds_obs *b, const char *cur);

/* ---- CSV records through libcsv ---- */
typedef struct ds__csv_row {
    const char *path;     /* for messages */
    size_t line;          /* physical line where the record starts */
    size_t nfields;
    const char **fields;  /* NUL-terminated copies, valid during callback */
    const size_t *lens;
    const char *raw;      /* raw text of the record (all its lines) */
    size_t raw_len;       /* its length without the final terminator */
    char delim;           /* field delimiter */
} ds__csv_row;

/* 1-based character column where field k of the row starts, on the
 * physical line ds__csv_line gives (a record may span lines through quoted
 * newlines); k past the last field gives the end of the record. */
size_t ds__csv_column(const ds__csv_row *row, size_t k);
size_t ds__csv_line(const ds__csv_row *row, size_t k);
/* ds__csv_column for fields 0..n-1 in one pass (columns on the field's own
 * physical line). */
void ds__csv_columns(const ds__csv_row *row, size_t *cols, size_t n);
/* path, line, column of field k: for ds__error_set(err, code, DS__CSV_AT(row,
 * k), fmt, ...). */
#define DS__CSV_AT(row, k)                                                    \
    (row)->path, ds__csv_line((row), (k)), ds__csv_column((row), (k))

/* Line and column of byte off of field k's value (inside its quotes, a
 * doubled quote counted as written, a quoted newline starting a line). */
void ds__csv_field_pos(const ds__csv_row *row, size_t k, size_t off,
                       size_t *line, size_t *col);
/* DS_OK when field k is valid UTF-8 (ds__utf8_check); else a DS_EPARSE
 * error at the first bad byte: "invalid UTF-8 in column 'NAME' (byte
 * 0xFF); save the file as UTF-8". */
ds_status ds__csv_check_utf8(const ds__csv_row *row, size_t k,
                             const char *name, ds_error *err);

/* Called for each record; return DS_OK to go on, anything else stops the
 * read and is returned (err already set by the callback). */
typedef ds_status (*ds__csv_fn)(void *ctx, const ds__csv_row *row,
                                ds_error *err);

/* 1 (default): the fast paths are on: quote-free lines are split without
 * libcsv, streamed readers may pass over rows their skip function rules
 * out, Monte Carlo bands of big samples come from one sampled pass; 0:
 * every byte goes through libcsv and every band through plain selection.
 * Both give the same results and errors; the tests
 * (tests/import/check_fastpath.c) set 0 to compare them. */
extern int ds__csv_fast;

/* Read CSV text: strips a UTF-8 BOM, accepts CRLF and LF, skips blank
 * lines, rejects NUL bytes and malformed quoting with positions. */
ds_status ds__csv_read(const char *path, const char *buf, size_t len,
                       char delim, ds__csv_fn fn, void *ctx, ds_error *err);
/* ds__csv_read with a fast path: skip (may be NULL) gets each line that
 * starts a record (without its '\n') and returns 1 when fn would add,
 * report and fail nothing for it as a whole record; the line is then
 * passed over unparsed (as ds__csv_stream_skip does; not when
 * ds__csv_fast is 0). */
ds_status ds__csv_read_skip(const char *path, const char *buf, size_t len,
                            char delim, ds__csv_fn fn,
                            int (*skip)(void *ctx, const char *line,
                                        size_t len),
                            void *ctx, ds_error *err);

/* ---- Monte Carlo draws (montecarlo.c; internal so the tests can
 * regenerate them) ---- */
/* One stream: xoshiro256++, seeded through splitmix64. */
typedef struct ds__sim_rng {
    uint64_t s[4];
} ds__sim_rng;
void ds__sim_rng_seed(ds__sim_rng *g, uint64_t seed);
/* A standard normal draw (256-layer ziggurat). */
double ds__sim_normal(ds__sim_rng *g);
/* exp as the simulation computes levels: within 2 ulp of libm's, the same
 * bits on every x86-64. */
double ds__sim_exp(double x);

/* ---- flags and year basis ---- */
ds_status ds__year_basis_parse(const char *s, int *month);

#endif
