/* defspend/error.h - status codes and positioned error reports.
 *
 * Every fallible defspend call returns a ds_status and takes a trailing
 * ds_error * (which may be NULL).  On failure the error holds the code, the
 * file, line and column where the problem is (0 when not applicable) and a
 * lowercase message without a final period, ready to print as
 * "path:line:column: message".
 */
#ifndef DEFSPEND_ERROR_H
#define DEFSPEND_ERROR_H

#include <stddef.h>

#include "defspend/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ds_status {
    DS_OK = 0,
    DS_ENOMEM,    /* out of memory */
    DS_EIO,       /* a file could not be opened, read or written */
    DS_EPARSE,    /* malformed input data (file, line and column set) */
    DS_EINVAL,    /* malformed argument (amount, target list, option value) */
    DS_ENOTFOUND, /* no observation / country matches the query */
    DS_ERANGE,    /* a value is out of its valid range */
    DS_ENUMERIC   /* a numerical routine (GSL) failed */
} ds_status;

#define DS_ERROR_MSG_MAX 512
#define DS_ERROR_PATH_MAX 1024

typedef struct ds_error {
    ds_status code;
    char path[DS_ERROR_PATH_MAX]; /* file the error is in, "" if none */
    size_t line;                  /* 1-based line, 0 if not applicable */
    size_t column;                /* 1-based column in characters, 0 if n/a */
    char message[DS_ERROR_MSG_MAX];
} ds_error;

/* Reset an error to DS_OK with empty fields. */
DS_API void ds_error_clear(ds_error *err);

/* Short constant name of a status ("parse error", ...). */
DS_API const char *ds_status_str(ds_status status);

/* Write "path:line:column: message" (omitting empty parts) into buf.
 * Returns buf.  Never fails; truncates to size. */
DS_API char *ds_error_format(const ds_error *err, char *buf, size_t size);

#ifdef __cplusplus
}
#endif

#endif
