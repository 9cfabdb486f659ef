/* error.c - status names, positioned error reports and small shared helpers.
 *
 * Promises: ds__error_set never fails (it truncates), messages are stored
 * exactly as given, and ds_error_format prints "path:line:column: message"
 * with empty parts left out.
 */
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

void
ds_error_clear(ds_error *err)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
}

const char *
ds_status_str(ds_status status)
{
    switch (status) {
    case DS_OK: return "ok";
    case DS_ENOMEM: return "out of memory";
    case DS_EIO: return "i/o error";
    case DS_EPARSE: return "parse error";
    case DS_EINVAL: return "invalid argument";
    case DS_ENOTFOUND: return "not found";
    case DS_ERANGE: return "out of range";
    case DS_ENUMERIC: return "numerical error";
    }
    return "unknown error";
}

ds_status
ds__error_set(ds_error *err, ds_status code, const char *path, size_t line,
              size_t column, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    snprintf(err->path, sizeof err->path, "%s", path ? path : "");
    err->line = line;
    err->column = column;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return code;
}

char *
ds_error_format(const ds_error *err, char *buf, size_t size)
{
    if (!buf || size == 0)
        return buf;
    if (!err) {
        snprintf(buf, size, "unknown error");
        return buf;
    }
    const char *msg = err->message[0] ? err->message : ds_status_str(err->code);
    if (err->path[0] && err->line && err->column)
        snprintf(buf, size, "%s:%zu:%zu: %s", err->path, err->line,
                 err->column, msg);
    else if (err->path[0] && err->line)
        snprintf(buf, size, "%s:%zu: %s", err->path, err->line, msg);
    else if (err->path[0])
        snprintf(buf, size, "%s: %s", err->path, msg);
    else
        snprintf(buf, size, "%s", msg);
    return buf;
}

const char *
ds__quote(const char *text, char *buf, size_t size)
{
    size_t o = 0;
    if (!text)
        text = "";
    size_t i = 0;
    for (; text[i] && o + 4 < size && i < 60; i++) {
        unsigned char c = (unsigned char)text[i];
        buf[o++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
    }
    if (text[i] && o + 4 < size) {
        /* do not cut a UTF-8 sequence in half */
        while (o > 0 && ((unsigned char)buf[o - 1] & 0xC0) == 0x80)
            o--;
        if (o > 0 && ((unsigned char)buf[o - 1] & 0xC0) == 0xC0)
            o--;
        buf[o++] = '.';
        buf[o++] = '.';
        buf[o++] = '.';
    }
    buf[o] = '\0';
    return buf;
}
