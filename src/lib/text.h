/* text.h - core layer: text helpers for readers of publishers' files
 * (text.c; not installed). */
#ifndef DS_TEXT_H
#define DS_TEXT_H

#include "internal.h"

/* 1 if needle occurs in hay, ignoring ASCII case. */
int ds__contains_ci(const char *hay, const char *needle);

/* Dates as sources print them ("2025-10-07", "03/28/2024") as YYYY-MM-DD;
 * returns 1 on success: a day that exists (ds__date_check) in 1900-2999.
 * ds__date_iso_why also says why not (into why, when not NULL). */
int ds__date_iso(const char *s, char out[11]);
int ds__date_iso_why(const char *s, char out[11], char *why, size_t why_size);
/* 1 if s[0..len) is valid UTF-8. */
int ds__utf8_valid(const char *s, size_t len);
/* Trim ASCII spaces at both ends in place; returns s. */
char *ds__trim(char *s);
/* s into out (size bytes) without white space (space, tab, CR, LF) at
 * either end nor no-break spaces (U+00A0) at the end, as spreadsheet
 * cells carry them. */
void ds__trim_copy(const char *s, char *out, size_t size);
/* Convert buf from encoding `from` to UTF-8 (iconv); *out is malloc'ed
 * and NUL-terminated.  A byte sequence invalid in `from` (or cut short at
 * the end) is a DS_EPARSE error at its line and column (characters of the
 * text before it) naming the byte and its offset; an encoding iconv does
 * not know is DS_EINVAL. */
ds_status ds__to_utf8(const char *path, const char *from, const char *buf,
                      size_t len, char **out, size_t *outlen, ds_error *err);

#endif
