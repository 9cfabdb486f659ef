/* import_as.h - `--as KEY=VALUE,...`: what a file does not say itself.
 *
 * One option for every format: indicator, currency, price, scale,
 * definition, year-basis, country, source, vintage.  A loader reads the
 * fields it can use; a file that lacks something only --as can give is
 * refused with the exact key to add.  Not installed.
 */
#ifndef DS_IMPORT_AS_H
#define DS_IMPORT_AS_H

#include <stddef.h>

#include "internal.h"

typedef struct ds__as {
    int given;              /* any key given */
    char indicator[64];     /* "" = not given */
    char currency[4];       /* ISO 4217 */
    char price[24];         /* "current" or "constant YYYY" (store form) */
    int scale_exp;          /* decimal exponent of the unit; -1 = not given */
    char definition[64];
    int fy_start_month;     /* 0 = not given; 1 = calendar */
    char country[64];       /* as written (code or name) */
    char source[200];
    char vintage[11];       /* YYYY-MM-DD */
    char opt[32];           /* how messages name the option ("--as"), from
                               the import's option_prefix; see ds__as_opt */
} ds__as;

/* The option as messages name it: "--as" when the tool gave its prefix,
 * else "the 'as' option". */
const char *ds__as_opt(const ds__as *as);

/* The keys, for messages: "indicator, currency, ...". */
#define DS__AS_KEYS                                                          \
    "indicator, currency, price, scale, definition, year-basis, country, "  \
    "source, vintage"

/* ctx->as, or an empty description when a caller (a test driving a
 * loader directly) set none. */
#define DS__AS(ctx) ((ctx)->as ? (ctx)->as : ds__as_none())
const ds__as *ds__as_none(void);

/* DS_OK when every key given in as is one the format reads; else
 * DS_EINVAL naming the first key it would ignore ("--as scale is not used
 * by the wdi format: the file says its own ..."), so that nothing given is
 * silently dropped.  vintage applies to every format. */
ds_status ds__as_check(const char *format, int is_zip, const ds__as *as,
                       const char *path, ds_error *err);

/* Parse text ("indicator=milex,currency=USD,scale=1e6"); NULL or "" gives
 * nothing set.  DS_EINVAL names the key or value that is wrong; messages
 * name the option prefix + "as" ("--as"), or "the 'as' option" when
 * prefix is NULL. */
ds_status ds__as_parse(const char *text, const char *prefix, ds__as *out,
                       ds_error *err);

/* Parse a number cell s[0..len) times 10^exp10 without rounding the
 * scale in binary ("1,213.39" is accepted when thousands is set: commas
 * between groups of three digits). */
int ds__parse_scaled(const char *s, size_t len, int exp10, int thousands,
                     double *out);

/* Copy the number text s[0..len) into t (size bytes) without its group
 * separators thou (0: none; each must sit after a digit with exactly three
 * digits after it), the decimal separator dec written as '.'.  Returns the
 * length copied (not terminated), 0 for a misplaced separator or no room
 * (8 bytes are kept free for an exponent). */
size_t ds__degroup(const char *s, size_t len, char thou, char dec, char *t,
                   size_t size);

/* "scale=1e6" -> 6; the words thousand/million/billion/trillion too.
 * Returns 1 on success. */
int ds__scale_word(const char *s, int *exp10);

#endif
