/* text.c - core layer: text as publishers write it: dates to ISO
 * (YYYY-MM-DD), UTF-8 checks, trimming, case-insensitive search and
 * conversion to UTF-8 from other encodings (iconv).  See text.h.
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "text.h"

static int
digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

int
ds__date_iso_why(const char *s, char out[11], char *why, size_t why_size)
{
    size_t n = strlen(s);
    int y, m, d;
    if (why && why_size)
        snprintf(why, why_size, "expected YYYY-MM-DD or MM/DD/YYYY");
    if (n == 10 && s[4] == '-' && s[7] == '-' && digits(s, 4) &&
        digits(s + 5, 2) && digits(s + 8, 2)) {
        y = atoi(s);
        m = atoi(s + 5);
        d = atoi(s + 8);
    } else if (n == 10 && s[2] == '/' && s[5] == '/' && digits(s, 2) &&
               digits(s + 3, 2) && digits(s + 6, 4)) {
        m = atoi(s); /* US order, as the World Bank prints it */
        d = atoi(s + 3);
        y = atoi(s + 6);
    } else {
        return 0;
    }
    if (y < 1900 || y > 2999) {
        if (why && why_size)
            snprintf(why, why_size, "expected a year from 1900 to 2999");
        return 0;
    }
    char iso[16];
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
    /* the calendar: no 2023-02-29, no 2024-04-31 */
    if (!ds__date_check(iso, strlen(iso), NULL, NULL, NULL, NULL, why,
                        why_size))
        return 0;
    memcpy(out, iso, 11);
    return 1;
}

int
ds__date_iso(const char *s, char out[11])
{
    return ds__date_iso_why(s, out, NULL, 0);
}

int
ds__utf8_valid(const char *s, size_t len)
{
    return ds__utf8_check(s, len) == len;
}

void
ds__trim_copy(const char *s, char *out, size_t size)
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    snprintf(out, size, "%s", s);
    size_t n = strlen(out);
    for (;;) {
        if (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\t' ||
                      out[n - 1] == '\n' || out[n - 1] == '\r'))
            out[--n] = '\0';
        else if (n >= 2 && (unsigned char)out[n - 2] == 0xc2 &&
                 (unsigned char)out[n - 1] == 0xa0)
            out[n -= 2] = '\0';
        else
            break;
    }
}

char *
ds__trim(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    size_t i = 0;
    while (s[i] == ' ' || s[i] == '\t')
        i++;
    if (i)
        memmove(s, s + i, n - i + 1);
    return s;
}

ds_status
ds__to_utf8(const char *path, const char *from, const char *buf, size_t len,
            char **out, size_t *outlen, ds_error *err)
{
    iconv_t cd = iconv_open("UTF-8", from);
    if (cd == (iconv_t)-1)
        return errno == EINVAL
                   ? ds__error_set(err, DS_EINVAL, path, 0, 0,
                                   "unknown encoding '%s' (iconv cannot "
                                   "convert it to UTF-8; e.g. CP932, "
                                   "ISO-8859-1, CP1252, UTF-16)",
                                   from)
                   : ds__error_set(err, DS_EIO, path, 0, 0,
                                   "cannot convert from %s: %s", from,
                                   strerror(errno));
    size_t cap = len * 2 + 16, used = 0;
    char *o = malloc(cap);
    if (!o) {
        iconv_close(cd);
        return ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
    }
    char *in = (char *)buf;
    size_t inleft = len;
    while (inleft > 0) {
        char *dst = o + used;
        size_t dleft = cap - used - 1;
        size_t r = iconv(cd, &in, &inleft, &dst, &dleft);
        used = (size_t)(dst - o);
        if (r != (size_t)-1)
            break;
        if (errno == E2BIG) {
            char *n = realloc(o, cap * 2);
            if (!n) {
                free(o);
                iconv_close(cd);
                return ds__error_set(err, DS_ENOMEM, path, 0, 0,
                                     "out of memory");
            }
            o = n;
            cap *= 2;
            continue;
        }
        /* where: the line and character of the text converted so far
         * (the bytes before the bad one are good text) */
        size_t at = (size_t)(in - buf);
        unsigned char b0 = (unsigned char)buf[at];
        int incomplete = errno == EINVAL;
        size_t line = 1, col = 1;
        for (size_t i = 0; i < used; i++) {
            unsigned char ch = (unsigned char)o[i];
            if (ch == '\n') {
                line++;
                col = 1;
            } else if ((ch & 0xC0) != 0x80) {
                col++;
            }
        }
        free(o);
        iconv_close(cd);
        return ds__error_set(err, DS_EPARSE, path, line, col,
                             "%s byte sequence in %s text%s (byte 0x%02X at "
                             "offset %zu of the file)",
                             incomplete ? "incomplete" : "invalid", from,
                             incomplete ? " at the end of the file" : "", b0,
                             at);
    }
    iconv_close(cd);
    o[used] = '\0';
    *out = o;
    *outlen = used;
    return DS_OK;
}


int
ds__contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return 1;
    return 0;
}
