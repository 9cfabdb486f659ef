/* cli_json.h - checked JSON building for the CLI's JSON writers
 * (cli_json.c).  Use these instead of json_pack, json_string,
 * json_object_set_new and json_array_append_new: a failure is remembered,
 * never ignored. */
#ifndef DS_CLI_JSON_H
#define DS_CLI_JSON_H

#include <jansson.h>
#include <stdio.h>

/* json_pack; a string that is not UTF-8 is named by its key. */
json_t *cj_pack(const char *fmt, ...);
/* json_string; key names the value for the error message. */
json_t *cj_string(const char *key, const char *s);
/* json_object_set_new / json_array_append_new (v is always consumed); a
 * NULL object, array or value is a failure. */
void cj_set(json_t *o, const char *key, json_t *v);
void cj_append(json_t *a, json_t *v);
/* Write root (consumed) and a newline, with json_dumpf flags, when nothing
 * failed; returns 1, else 0 with nothing written. */
int cj_dump(FILE *f, json_t *root, size_t flags);
/* After cj_dump returned 0: print what failed; returns the exit code (1
 * for text that is not UTF-8, 3 otherwise).  EXIT_OK when nothing failed. */
int cj_report(void);

#endif
