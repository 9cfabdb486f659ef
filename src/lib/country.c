/* country.c - the country table: ISO3 codes, names, aliases, aggregates.
 *
 * Promises: lookups are case-insensitive, ignore punctuation and the common
 * Latin accents ("turkiye" finds Türkiye, "korea rep" finds "Korea, Rep."),
 * prefer an exact ISO3 code, and an unknown name gets the closest matches
 * by edit distance; a failed load leaves the table unchanged.
 */
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct key {
    char *norm;   /* normalised name or alias */
    size_t country;
} key;

struct ds_countries {
    ds__pool *pool;
    ds_country *v;
    size_t n, cap;
    key *keys;
    size_t nkeys, kcap;
};

ds_countries *
ds_countries_alloc(void)
{
    ds_countries *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->pool = ds__pool_alloc();
    if (!c->pool) {
        free(c);
        return NULL;
    }
    return c;
}

void
ds_countries_free(ds_countries *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nkeys; i++)
        free(c->keys[i].norm);
    free(c->keys);
    free(c->v);
    ds__pool_free(c->pool);
    free(c);
}

size_t
ds_countries_count(const ds_countries *c)
{
    assert(c);
    return c->n;
}

const ds_country *
ds_countries_get(const ds_countries *c, size_t i)
{
    assert(c);
    return i < c->n ? &c->v[i] : NULL;
}

/* Fold a UTF-8 Latin letter with an accent (2-byte sequence) to ASCII. */
static char
fold2(unsigned char a, unsigned char b)
{
    if (a == 0xC3) {
        if ((b >= 0x80 && b <= 0x85) || (b >= 0xA0 && b <= 0xA5)) return 'a';
        if (b == 0x87 || b == 0xA7) return 'c';
        if ((b >= 0x88 && b <= 0x8B) || (b >= 0xA8 && b <= 0xAB)) return 'e';
        if ((b >= 0x8C && b <= 0x8F) || (b >= 0xAC && b <= 0xAF)) return 'i';
        if (b == 0x91 || b == 0xB1) return 'n';
        if ((b >= 0x92 && b <= 0x96) || b == 0x98 || (b >= 0xB2 && b <= 0xB6) || b == 0xB8) return 'o';
        if ((b >= 0x99 && b <= 0x9C) || (b >= 0xB9 && b <= 0xBC)) return 'u';
        if (b == 0x9D || b == 0xBD || b == 0xBF) return 'y';
    }
    return 0;
}

/* Lowercase ASCII letters and digits; runs of anything else become one
 * space; accents folded.  Caller frees. */
static char *
normalise(const char *s)
{
    size_t len = strlen(s);
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    int space = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        char add = 0;
        if (isalnum(ch) && ch < 0x80) {
            add = (char)tolower(ch);
        } else if (ch == '\'') {
            continue; /* apostrophes vanish: "cote d ivoire" */
        } else if (ch == 0xE2 && i + 2 < len &&
                   (unsigned char)s[i + 1] == 0x80 &&
                   ((unsigned char)s[i + 2] == 0x98 ||
                    (unsigned char)s[i + 2] == 0x99)) {
            i += 2; /* typographic apostrophes U+2018, U+2019 too */
            continue;
        } else if (ch >= 0xC0 && i + 1 < len) {
            add = fold2(ch, (unsigned char)s[i + 1]);
            /* skip the whole UTF-8 sequence of any other character */
            size_t extra = ch >= 0xF0 ? 3 : ch >= 0xE0 ? 2 : 1;
            if (add)
                extra = 1;
            while (extra-- > 0 && i + 1 < len &&
                   ((unsigned char)s[i + 1] & 0xC0) == 0x80)
                i++;
        }
        if (add) {
            if (space && o > 0)
                out[o++] = ' ';
            space = 0;
            out[o++] = add;
        } else {
            space = 1;
        }
    }
    out[o] = '\0';
    return out;
}

static int
add_key(ds_countries *c, const char *text, size_t country)
{
    char *n = normalise(text);
    if (!n)
        return 0;
    if (!n[0]) {
        free(n);
        return 1;
    }
    if (c->nkeys == c->kcap) {
        size_t nc = c->kcap ? c->kcap * 2 : 512;
        key *k = realloc(c->keys, nc * sizeof *k);
        if (!k) {
            free(n);
            return 0;
        }
        c->keys = k;
        c->kcap = nc;
    }
    c->keys[c->nkeys].norm = n;
    c->keys[c->nkeys].country = country;
    c->nkeys++;
    return 1;
}

typedef struct load_ctx {
    ds_countries *c;
    int header;
} load_ctx;

static const char *const ccols[] = {"iso3",     "name",    "aggregate",
                                    "region",   "income_group", "currency",
                                    "aliases",  "special_notes"};
#define NCCOLS 8

static ds_status
country_row(void *ctx, const ds__csv_row *row, ds_error *err)
{
    load_ctx *l = ctx;
    ds_countries *c = l->c;
    char q[80];
    if (row->nfields != NCCOLS)
        return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, row->nfields < NCCOLS ? row->nfields : NCCOLS),
                             "expected %d fields, found %zu", NCCOLS,
                             row->nfields);
    if (!l->header) {
        for (size_t i = 0; i < NCCOLS; i++)
            if (strcmp(row->fields[i], ccols[i]) != 0)
                return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, i),
                                     "expected column '%s', found '%s'",
                                     ccols[i],
                                     ds__quote(row->fields[i], q, sizeof q));
        l->header = 1;
        return DS_OK;
    }
    const char *iso = row->fields[0];
    if (row->lens[0] < 2 || row->lens[0] > 16)
        return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, 0),
                             "invalid country code '%s'",
                             ds__quote(iso, q, sizeof q));
    for (size_t i = 0; i < row->lens[0]; i++)
        if (!isupper((unsigned char)iso[i]) && !isdigit((unsigned char)iso[i]) && iso[i] != '_')
            return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, 0),
                                 "invalid country code '%s'",
                                 ds__quote(iso, q, sizeof q));
    if (strcmp(row->fields[2], "0") != 0 && strcmp(row->fields[2], "1") != 0)
        return ds__error_set(err, DS_EPARSE, DS__CSV_AT(row, 2),
                             "invalid aggregate flag '%s' (expected 0 or 1)",
                             ds__quote(row->fields[2], q, sizeof q));
    static const size_t text_cols[] = {1, 3, 4, 5, 6, 7};
    for (size_t t = 0; t < sizeof text_cols / sizeof *text_cols; t++) {
        ds_status st = ds__csv_check_utf8(row, text_cols[t],
                                          ccols[text_cols[t]], err);
        if (st != DS_OK)
            return st;
    }
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 256;
        ds_country *v = realloc(c->v, nc * sizeof *v);
        if (!v)
            return ds__error_set(err, DS_ENOMEM, row->path, row->line, 0,
                                 "out of memory");
        c->v = v;
        c->cap = nc;
    }
    ds_country *d = &c->v[c->n];
    d->iso3 = ds__pool_intern(c->pool, iso, row->lens[0]);
    d->name = ds__pool_intern(c->pool, row->fields[1], row->lens[1]);
    d->aggregate = row->fields[2][0] == '1';
    d->region = ds__pool_intern(c->pool, row->fields[3], row->lens[3]);
    d->income_group = ds__pool_intern(c->pool, row->fields[4], row->lens[4]);
    d->currency = ds__pool_intern(c->pool, row->fields[5], row->lens[5]);
    d->special_notes = ds__pool_intern(c->pool, row->fields[7], row->lens[7]);
    if (!d->iso3 || !d->name || !d->region || !d->income_group ||
        !d->currency || !d->special_notes)
        return ds__error_set(err, DS_ENOMEM, row->path, row->line, 0,
                             "out of memory");
    size_t idx = c->n++;
    if (!add_key(c, d->name, idx))
        return ds__error_set(err, DS_ENOMEM, row->path, row->line, 0,
                             "out of memory");
    const char *a = row->fields[6];
    while (*a) {
        const char *e = strchr(a, ';');
        size_t len = e ? (size_t)(e - a) : strlen(a);
        char tmp[256];
        snprintf(tmp, sizeof tmp, "%.*s", (int)(len < 255 ? len : 255), a);
        if (!add_key(c, tmp, idx))
            return ds__error_set(err, DS_ENOMEM, row->path, row->line, 0,
                                 "out of memory");
        a += len;
        if (*a == ';')
            a++;
    }
    return DS_OK;
}

ds_status
ds_countries_load_file(ds_countries *c, const char *path, ds_error *err)
{
    assert(c && path);
    char *buf;
    size_t len;
    ds_status st = ds__read_file(path, &buf, &len, err);
    if (st != DS_OK)
        return st;
    size_t n0 = c->n, k0 = c->nkeys;
    load_ctx l = {c, 0};
    st = ds__csv_read(path, buf, len, ',', country_row, &l, err);
    free(buf);
    if (st == DS_OK && !l.header)
        st = ds__error_set(err, DS_EPARSE, path, 1, 1, "empty file");
    if (st != DS_OK) {
        for (size_t i = k0; i < c->nkeys; i++)
            free(c->keys[i].norm);
        c->nkeys = k0;
        c->n = n0;
    }
    return st;
}

/* Edit distance counting a swap of two neighbouring letters as one edit
 * (optimal string alignment), so "Korae" is one edit from "Korea". */
static size_t
edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 200 || lb > 200)
        return la > lb ? la : lb;
    size_t r0[201], r1[201], r2[201]; /* rows i-2, i-1, i */
    size_t *pp = r0, *prev = r1, *cur = r2;
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = prev[j - 1] + cost;
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
                a[i - 2] == b[j - 1] && pp[j - 2] + 1 < best)
                best = pp[j - 2] + 1;
            cur[j] = best;
        }
        size_t *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    return prev[lb];
}

size_t
ds_countries_suggest(const ds_countries *c, const char *name,
                     const ds_country **out, size_t k)
{
    assert(c && name && (out || k == 0));
    char *q = normalise(name);
    if (!q)
        return 0;
    size_t *score = malloc((c->n ? c->n : 1) * sizeof *score);
    if (!score) {
        free(q);
        return 0;
    }
    for (size_t i = 0; i < c->n; i++)
        score[i] = (size_t)-1;
    size_t ql = strlen(q);
    for (size_t i = 0; i < c->nkeys; i++) {
        const char *kn = c->keys[i].norm;
        size_t s = edit_distance(q, kn) * 4;
        if (ql >= 3 && strstr(kn, q))
            s = 1; /* a name containing what was typed is close */
        size_t ci = c->keys[i].country;
        if (s < score[ci])
            score[ci] = s;
    }
    size_t got = 0;
    /* selection of the k best, countries before aggregates on ties */
    while (got < k) {
        size_t best = (size_t)-1;
        for (size_t i = 0; i < c->n; i++) {
            if (score[i] == (size_t)-1)
                continue;
            if (best == (size_t)-1 || score[i] < score[best] ||
                (score[i] == score[best] && c->v[best].aggregate &&
                 !c->v[i].aggregate))
                best = i;
        }
        /* close means: a name containing what was typed, or at most one
         * edit per three characters typed (at least one) */
        size_t limit = 4 * (ql / 3 > 1 ? ql / 3 : 1);
        if (best == (size_t)-1 || score[best] > limit)
            break;
        out[got++] = &c->v[best];
        score[best] = (size_t)-1;
    }
    free(score);
    free(q);
    return got;
}

ds_status
ds_countries_lookup(const ds_countries *c, const char *name,
                    const ds_country **out, ds_error *err)
{
    assert(c && name && out);
    char q[80];
    for (size_t i = 0; i < c->n; i++)
        if (ds__strcaseeq(c->v[i].iso3, name)) {
            *out = &c->v[i];
            return DS_OK;
        }
    char *n = normalise(name);
    if (!n)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    for (size_t i = 0; i < c->nkeys; i++)
        if (n[0] && strcmp(c->keys[i].norm, n) == 0) {
            free(n);
            *out = &c->v[c->keys[i].country];
            return DS_OK;
        }
    free(n);
    const ds_country *sugg[5];
    size_t ns = ds_countries_suggest(c, name, sugg, 5);
    char list[400] = "";
    size_t o = 0;
    for (size_t i = 0; i < ns && o < sizeof list; i++) {
        int w = snprintf(list + o, sizeof list - o, "%s%s (%s)",
                         i ? ", " : "", sugg[i]->name, sugg[i]->iso3);
        if (w < 0)
            break;
        o += (size_t)w;
    }
    if (ns)
        return ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                             "unknown country '%s'; closest matches: %s",
                             ds__quote(name, q, sizeof q), list);
    return ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                         "unknown country '%s'",
                         ds__quote(name, q, sizeof q));
}

const char *
ds_suggest(const char *word, const char *const *cand, size_t n)
{
    assert(word && (cand || n == 0));
    char w[201], c[201];
    size_t lw = strlen(word);
    if (lw == 0 || lw > 200)
        return NULL;
    for (size_t i = 0; i <= lw; i++)
        w[i] = (char)tolower((unsigned char)word[i]);
    size_t limit = lw <= 4 ? 1 : lw / 3;
    const char *best = NULL;
    size_t bestd = limit + 1;
    for (size_t k = 0; k < n; k++) {
        size_t lc = strlen(cand[k]);
        if (lc > 200)
            continue;
        for (size_t i = 0; i <= lc; i++)
            c[i] = (char)tolower((unsigned char)cand[k][i]);
        size_t d = edit_distance(w, c);
        if (d < bestd && d > 0) {
            bestd = d;
            best = cand[k];
        }
    }
    return best;
}
