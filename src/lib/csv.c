/* csv.c - the record reader every CSV loader is built on (libcsv inside).
 *
 * Feeds libcsv one physical line at a time so that each record knows the
 * line it starts on; a field's column is found on demand by a quote-aware
 * scan of that line.  Promises: a UTF-8 BOM is skipped, CRLF and LF both
 * end records, blank lines are skipped, fields are passed verbatim (no
 * space trimming), NUL bytes and broken quoting are errors with positions.
 */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct reader {
    const char *path;
    char delim;
    int plain;          /* the field comes from a checked plain line */
    ds__csv_fn fn;
    void *ctx;
    ds_error *err;
    ds_status status;   /* first error, stops everything */
    char *arena;        /* field bytes, each NUL-terminated */
    size_t arena_len, arena_cap;
    size_t *offs;       /* field start offsets into arena */
    size_t *lens;
    const char **ptrs;
    size_t nfields, fcap;
    size_t rec_line;
    const char *rec_raw;
    size_t rec_raw_len;
    size_t cur_line;
} reader;

int ds__csv_fast = 1;

/* Fields in one record: Excel's 16,384 columns many times over. */
#define MAX_FIELDS 1048576

static int no_space(unsigned char c) { (void)c; return 0; }
static int is_term(unsigned char c) { return c == '\n' || c == '\r'; }

/* Where field k of the record starts: a quote-aware scan of the record's
 * raw text, counting newlines inside quoted fields. */
static void
field_pos_at(const ds__csv_row *row, size_t k, size_t *line, size_t *col,
             size_t *at, size_t *line_start)
{
    const char *s = row->raw;
    size_t n = row->raw_len, i = 0, field = 0, ls = 0, nl = 0;
    while (field < k && i < n) {
        if (s[i] == '"') {
            i++;
            while (i < n) {
                if (s[i] == '"') {
                    if (i + 1 < n && s[i + 1] == '"') {
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                if (s[i] == '\n') {
                    nl++;
                    ls = i + 1;
                }
                i++;
            }
        }
        while (i < n && s[i] != row->delim && s[i] != '\n')
            i++;
        if (i < n && s[i] == row->delim) {
            i++;
            field++;
        } else {
            break;
        }
    }
    if (field < k) {
        /* past the last field: the end of the record's last line */
        i = n;
        while (i > ls && (s[i - 1] == '\r' || s[i - 1] == '\n'))
            i--;
    }
    *line = row->line + nl;
    *col = ds__utf8_len(s + ls, i - ls) + 1;
    if (at)
        *at = i;
    if (line_start)
        *line_start = ls;
}

static void
field_pos(const ds__csv_row *row, size_t k, size_t *line, size_t *col)
{
    field_pos_at(row, k, line, col, NULL, NULL);
}

void
ds__csv_field_pos(const ds__csv_row *row, size_t k, size_t off, size_t *line,
                  size_t *col)
{
    size_t i, ls;
    field_pos_at(row, k, line, col, &i, &ls);
    const char *s = row->raw;
    size_t n = row->raw_len;
    if (k >= row->nfields || off == 0 || i >= n)
        return;
    int quoted = s[i] == '"';
    if (quoted)
        i++;
    /* the value's bytes are the raw bytes but for doubled quotes */
    for (size_t v = 0; v < off && i < n; v++) {
        if (quoted && s[i] == '"')
            i++;
        if (s[i] == '\n') {
            (*line)++;
            ls = i + 1;
        }
        i++;
    }
    *col = ds__utf8_len(s + ls, i - ls) + 1;
}

ds_status
ds__csv_check_utf8(const ds__csv_row *row, size_t k, const char *name,
                   ds_error *err)
{
    const char *f = row->fields[k];
    size_t len = row->lens[k];
    size_t bad = ds__utf8_check(f, len);
    if (bad == len)
        return DS_OK;
    size_t line, col;
    ds__csv_field_pos(row, k, bad, &line, &col);
    return ds__error_set(err, DS_EPARSE, row->path, line, col,
                         "invalid UTF-8 in column '%s' (byte 0x%02X); save "
                         "the file as UTF-8",
                         name, (unsigned)(unsigned char)f[bad]);
}

void
ds__csv_columns(const ds__csv_row *row, size_t *cols, size_t n)
{
    const char *s = row->raw;
    size_t len = row->raw_len, i = 0, col = 0, field = 0;
    int quoted = 0;
    if (n)
        cols[0] = 1;
    for (; i < len && field + 1 < n; i++) {
        char c = s[i];
        if (c == '"') {
            quoted = !quoted; /* "" inside quotes toggles twice */
        } else if (c == '\n') {
            col = 0;
            continue;
        } else if (c == row->delim && !quoted) {
            col++;
            cols[++field] = col + 1;
            continue;
        }
        if (((unsigned char)c & 0xC0) != 0x80)
            col++;
    }
    /* fields past the end of the record: its end, as ds__csv_column */
    for (size_t k = field + 1; k < n; k++)
        cols[k] = ds__csv_column(row, k);
}

size_t
ds__csv_column(const ds__csv_row *row, size_t k)
{
    size_t line, col;
    field_pos(row, k, &line, &col);
    return col;
}

size_t
ds__csv_line(const ds__csv_row *row, size_t k)
{
    size_t line, col;
    field_pos(row, k, &line, &col);
    return line;
}

static void
on_field(void *s, size_t len, void *data)
{
    reader *r = data;
    if (r->status != DS_OK)
        return;
    if (r->nfields == MAX_FIELDS) {
        /* a line of a billion commas must not take 24 bytes per comma */
        ds__csv_row row = {r->path, r->rec_line, 0, NULL, NULL, r->rec_raw,
                           r->rec_raw_len, r->delim};
        size_t line, col;
        field_pos(&row, r->nfields, &line, &col);
        r->status = ds__error_set(r->err, DS_EPARSE, r->path, line, col,
                                  "more than %d fields in one record",
                                  MAX_FIELDS);
        return;
    }
    if (s && !r->plain && memchr(s, '\0', len)) {
        ds__csv_row row = {r->path, r->rec_line, 0, NULL, NULL, r->rec_raw,
                           r->rec_raw_len, r->delim};
        size_t line, col;
        field_pos(&row, r->nfields, &line, &col);
        r->status = ds__error_set(r->err, DS_EPARSE, r->path, line, col,
                                  "NUL byte in field %zu", r->nfields + 1);
        return;
    }
    if (r->nfields == r->fcap) {
        size_t nc = r->fcap ? r->fcap * 2 : 32;
        size_t *o = realloc(r->offs, nc * sizeof *o);
        if (o)
            r->offs = o;
        size_t *l = realloc(r->lens, nc * sizeof *l);
        if (l)
            r->lens = l;
        const char **p = realloc(r->ptrs, nc * sizeof *p);
        if (p)
            r->ptrs = p;
        if (!o || !l || !p) {
            r->status = ds__error_set(r->err, DS_ENOMEM, r->path, r->cur_line,
                                      0, "out of memory");
            return;
        }
        r->fcap = nc;
    }
    if (r->arena_len + len + 1 > r->arena_cap) {
        size_t nc = r->arena_cap ? r->arena_cap : 4096;
        while (nc < r->arena_len + len + 1)
            nc *= 2;
        char *a = realloc(r->arena, nc);
        if (!a) {
            r->status = ds__error_set(r->err, DS_ENOMEM, r->path, r->cur_line,
                                      0, "out of memory");
            return;
        }
        r->arena = a;
        r->arena_cap = nc;
    }
    if (len)
        memcpy(r->arena + r->arena_len, s, len);
    r->offs[r->nfields] = r->arena_len;
    r->lens[r->nfields] = len;
    r->arena_len += len;
    r->arena[r->arena_len++] = '\0';
    r->nfields++;
}

static void
on_record(int c, void *data)
{
    reader *r = data;
    (void)c;
    if (r->status == DS_OK) {
        for (size_t i = 0; i < r->nfields; i++)
            r->ptrs[i] = r->arena + r->offs[i];
        ds__csv_row row = {r->path, r->rec_line, r->nfields, r->ptrs,
                           r->lens, r->rec_raw, r->rec_raw_len, r->delim};
        r->status = r->fn(r->ctx, &row, r->err);
    }
    r->nfields = 0;
    r->arena_len = 0;
}

/* The record of a clean line without quotes (clean_line; s[0..n)
 * without its line end); it holds no NUL byte, so fields skip on_field's
 * NUL check. */
static void
split_line(reader *r, const char *s, size_t n)
{
    for (;;) {
        const char *d = memchr(s, r->delim, n);
        size_t fl = d ? (size_t)(d - s) : n;
        r->plain = 1;
        on_field((void *)s, fl, r);
        r->plain = 0;
        if (!d)
            break;
        s += fl + 1;
        n -= fl + 1;
    }
    on_record('\n', r);
}

/* s[0..n) is a line ending in '\n' with something before its CRLF or LF
 * and no CR (but its CRLF) or NUL byte; *body is its length without the
 * line end. */
static int
clean_line(const char *s, size_t n, size_t *body)
{
    n--; /* the '\n' */
    if (n && s[n - 1] == '\r')
        n--;
    *body = n;
    return n && !memchr(s, '\r', n) && !memchr(s, '\0', n);
}

/* 1 when every field of s[0..n) (a clean line without its line end) is
 * either unquoted and free of quotes, or quoted from its first byte to a
 * closing quote followed by the delimiter or the line's end, with only
 * doubled quotes inside: a record libcsv reads without complaint, and
 * reads as split_quoted does. */
static int
quoted_line_ok(const char *s, size_t n, char delim)
{
    size_t i = 0;
    for (;;) {
        if (i < n && s[i] == '"') {
            size_t j = i + 1;
            for (;;) {
                const char *q = memchr(s + j, '"', n - j);
                if (!q)
                    return 0; /* a quoted newline, or no closing quote */
                j = (size_t)(q - s);
                if (j + 1 < n && s[j + 1] == '"') {
                    j += 2;
                    continue;
                }
                break;
            }
            if (j + 1 == n)
                return 1;
            if (s[j + 1] != delim)
                return 0; /* text after the closing quote */
            i = j + 2;
        } else {
            const char *d = memchr(s + i, delim, n - i);
            size_t e = d ? (size_t)(d - s) : n;
            if (memchr(s + i, '"', e - i))
                return 0; /* a quote inside an unquoted field */
            if (!d)
                return 1;
            i = e + 1;
        }
    }
}

/* The record of a line quoted_line_ok accepted, fields unescaped ("" ->
 * "), as libcsv gives them. */
static void
split_quoted(reader *r, const char *s, size_t n)
{
    size_t i = 0;
    r->plain = 1; /* the line holds no NUL byte */
    while (r->status == DS_OK) {
        if (i < n && s[i] == '"') {
            size_t from = i + 1, j = from;
            int esc = 0;
            for (;;) {
                const char *q = memchr(s + j, '"', n - j);
                j = (size_t)(q - s);
                if (j + 1 < n && s[j + 1] == '"') {
                    esc = 1;
                    j += 2;
                    continue;
                }
                break;
            }
            on_field((void *)(s + from), j - from, r);
            if (esc && r->status == DS_OK) {
                /* unescape in place: the copy is as long or shorter */
                size_t k = r->nfields - 1, o = 0, len = r->lens[k];
                char *f = r->arena + r->offs[k];
                for (size_t t = 0; t < len; t++) {
                    f[o++] = f[t];
                    if (f[t] == '"')
                        t++;
                }
                f[o] = '\0';
                r->lens[k] = o;
                r->arena_len = r->offs[k] + o + 1;
            }
            if (j + 1 == n)
                break;
            i = j + 2;
        } else {
            const char *d = memchr(s + i, r->delim, n - i);
            size_t e = d ? (size_t)(d - s) : n;
            on_field((void *)(s + i), e - i, r);
            if (!d)
                break;
            i = e + 1;
        }
    }
    r->plain = 0;
    on_record('\n', r);
}

ds_status
ds__csv_read(const char *path, const char *buf, size_t len, char delim,
             ds__csv_fn fn, void *ctx, ds_error *err)
{
    return ds__csv_read_skip(path, buf, len, delim, fn, NULL, ctx, err);
}

ds_status
ds__csv_read_skip(const char *path, const char *buf, size_t len, char delim,
                  ds__csv_fn fn,
                  int (*skip)(void *ctx, const char *line, size_t len),
                  void *ctx, ds_error *err)
{
    if (len >= 2 && ((buf[0] == '\xFF' && buf[1] == '\xFE') ||
                     (buf[0] == '\xFE' && buf[1] == '\xFF')))
        return ds__error_set(err, DS_EPARSE, path, 1, 1,
                             "the file is UTF-16 text (byte order mark "
                             "%s): save it as UTF-8 CSV",
                             buf[0] == '\xFF' ? "FF FE" : "FE FF");
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
        return ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
    csv_set_space_func(&p, no_space);
    csv_set_term_func(&p, is_term);
    csv_set_delim(&p, (unsigned char)delim);
    /* libcsv grows a field's buffer by this much at a time (default 128
     * bytes): a 10 MB field would take 80,000 reallocs, quadratic where
     * realloc copies (sanitizers, valgrind) */
    csv_set_blk_size(&p, (size_t)256 << 10);

    reader r;
    memset(&r, 0, sizeof r);
    r.path = path;
    r.delim = delim;
    r.fn = fn;
    r.ctx = ctx;
    r.err = err;
    r.status = DS_OK;

    size_t pos = 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    size_t line = 0;
    while (pos < len && r.status == DS_OK) {
        const char *nl = memchr(buf + pos, '\n', len - pos);
        size_t end = nl ? (size_t)(nl - buf) + 1 : len;
        line++;
        r.cur_line = line;
        /* libcsv's parser state 0 is ROW_NOT_BEGUN (struct csv_parser is
         * public in csv.h): a record starting here starts on this line. */
        if (p.pstate == 0 && r.nfields == 0) {
            r.rec_line = line;
            r.rec_raw = buf + pos;
        }
        /* the record so far runs to the end of this line */
        {
            size_t rl = (size_t)(buf + end - r.rec_raw);
            while (rl > 0 && (r.rec_raw[rl - 1] == '\n' || r.rec_raw[rl - 1] == '\r'))
                rl--;
            r.rec_raw_len = rl;
        }
        /* a record the caller can tell it has no use for */
        if (skip && ds__csv_fast && nl && p.pstate == 0 && r.nfields == 0 &&
            skip(ctx, buf + pos, (size_t)(nl - (buf + pos)))) {
            pos = end;
            continue;
        }
        /* a whole line without CR (but its CRLF) or NUL bytes, without
         * quotes or with well-formed quoted fields only, is split here,
         * as libcsv would split it, without its per-byte callbacks */
        size_t body;
        if (ds__csv_fast && nl && p.pstate == 0 && r.nfields == 0 &&
            clean_line(buf + pos, end - pos, &body)) {
            int handled = 1;
            if (!memchr(buf + pos, '"', body))
                split_line(&r, buf + pos, body);
            else if (quoted_line_ok(buf + pos, body, delim))
                split_quoted(&r, buf + pos, body);
            else
                handled = 0;
            if (r.status != DS_OK)
                break;
            if (handled) {
                pos = end;
                continue;
            }
        }
        size_t n = csv_parse(&p, buf + pos, end - pos, on_field, on_record, &r);
        if (r.status != DS_OK)
            break;
        if (n != end - pos) {
            int e = csv_error(&p);
            if (e == CSV_EPARSE)
                r.status = ds__error_set(
                    err, DS_EPARSE, path, line,
                    ds__utf8_len(buf + pos, n) + 1,
                    "malformed quoting: a quote inside an unquoted field or "
                    "text after a closing quote");
            else
                r.status = ds__error_set(err, DS_ENOMEM, path, line, 0,
                                         "%s", csv_strerror(e));
            break;
        }
        pos = end;
    }
    if (r.status == DS_OK) {
        if (csv_fini(&p, on_field, on_record, &r) != 0 && r.status == DS_OK) {
            ds__csv_row row = {path, r.rec_line, 0, NULL, NULL, r.rec_raw,
                               r.rec_raw_len, delim};
            size_t fl, fc;
            field_pos(&row, r.nfields, &fl, &fc);
            r.status = ds__error_set(err, DS_EPARSE, path, fl, fc,
                                     "unterminated quoted field");
        }
    }
    csv_free(&p);
    free(r.arena);
    free(r.offs);
    free(r.lens);
    free(r.ptrs);
    return r.status;
}
