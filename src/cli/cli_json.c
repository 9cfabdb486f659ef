/* cli_json.c - JSON output that never drops a value without a word.
 *
 * jansson's json_pack, json_string, json_object_set_new and
 * json_array_append_new fail on text that is not UTF-8 and when out of
 * memory; ignoring that used to print an array with an object missing or
 * "assumptions": null.  Promises: the first failure of any of these is
 * remembered with what could not be encoded (the key and its value, or
 * the object being built); cj_dump then writes nothing and cj_report
 * prints "cannot encode KEY 'VALUE' as JSON: REASON" (exit 1 for text
 * that is not UTF-8, 3 otherwise).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_json.h"

static struct {
    int failed;
    int text;        /* the failure is text that is not UTF-8 */
    char what[512];
} fail;

static void
fail_set(int text, const char *fmt, ...)
{
    if (fail.failed)
        return; /* the first failure is the cause of the others */
    fail.failed = 1;
    fail.text = text;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(fail.what, sizeof fail.what, fmt, ap);
    va_end(ap);
}

/* Text quoted for the message: at most 60 bytes, each byte that is not
 * printable ASCII shown as '?'. */
static const char *
quote(const char *s, char *b, size_t n)
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

/* The key of the first string value in a pack format that jansson would
 * refuse (not UTF-8), walking the arguments as json_pack does.  Handles
 * the conversions defspend uses: { } [ ] : , and s i I f o b (with ?). */
static void
find_bad_string(const char *fmt, va_list ap)
{
    const char *key = NULL;
    int in_obj[64], depth = 0, want_key = 0;
    char q[80];
    for (const char *p = fmt; *p; p++) {
        switch (*p) {
        case '{':
            if (depth < 63)
                in_obj[++depth] = 1;
            want_key = 1;
            continue;
        case '[':
            if (depth < 63)
                in_obj[++depth] = 0;
            want_key = 0;
            continue;
        case '}':
        case ']':
            if (depth > 0)
                depth--;
            want_key = 0;
            continue;
        case ',':
            want_key = depth > 0 && in_obj[depth];
            continue;
        case ':': case ' ': case '?': case '*': case '#': case '%':
            continue;
        }
        if (want_key && *p == 's') {
            key = va_arg(ap, const char *);
            want_key = 0;
            continue;
        }
        switch (*p) {
        case 's': {
            const char *v = va_arg(ap, const char *);
            json_t *t = v ? json_string(v) : NULL;
            if (v && !t) {
                fail_set(1, "\"%s\" '%s'", key ? key : "(array item)",
                         quote(v, q, sizeof q));
                return;
            }
            json_decref(t);
            break;
        }
        case 'i': case 'b': (void)va_arg(ap, int); break;
        case 'I': (void)va_arg(ap, json_int_t); break;
        case 'f': (void)va_arg(ap, double); break;
        case 'o': case 'O': (void)va_arg(ap, json_t *); break;
        default: return; /* a conversion not handled here */
        }
    }
}

json_t *
cj_pack(const char *fmt, ...)
{
    json_error_t e;
    va_list ap;
    va_start(ap, fmt);
    json_t *v = json_vpack_ex(&e, 0, fmt, ap);
    va_end(ap);
    if (!v) {
        if (json_error_code(&e) == json_error_invalid_utf8) {
            va_start(ap, fmt);
            find_bad_string(fmt, ap);
            va_end(ap);
        }
        fail_set(json_error_code(&e) == json_error_invalid_utf8,
                 "the output (%s)", e.text);
    }
    return v;
}

json_t *
cj_string(const char *key, const char *s)
{
    json_t *v = json_string(s);
    char q[80];
    if (!v)
        fail_set(s != NULL, "\"%s\" '%s' (not UTF-8 text)", key,
                 quote(s, q, sizeof q));
    return v;
}

void
cj_set(json_t *o, const char *key, json_t *v)
{
    if (!o) {
        json_decref(v);
        fail_set(0, "\"%s\" (out of memory)", key);
    } else if (!v || json_object_set_new(o, key, v) != 0) {
        fail_set(0, "\"%s\" (out of memory)", key);
    }
}

void
cj_append(json_t *a, json_t *v)
{
    if (!a) {
        json_decref(v);
        fail_set(0, "an array (out of memory)");
    } else if (!v || json_array_append_new(a, v) != 0) {
        fail_set(0, "an array item (out of memory)");
    }
}

int
cj_dump(FILE *f, json_t *root, size_t flags)
{
    if (!root) {
        fail_set(0, "the output");
        return 0;
    }
    if (fail.failed) {
        json_decref(root);
        return 0;
    }
    int ok = json_dumpf(root, f, flags) == 0;
    json_decref(root);
    if (!ok)
        fail_set(0, "the output");
    else
        fputc('\n', f);
    return ok;
}

int
cj_report(void)
{
    if (!fail.failed)
        return EXIT_OK;
    cli_error("cannot encode %s as JSON%s", fail.what,
              fail.text ? ": the text is not UTF-8" : "");
    return fail.text ? EXIT_DATA : EXIT_IO;
}
