/* table.c - tabular results (ds_table) and citations (ds_cite).
 *
 * A table is built column by column, then row by row; every cell starts
 * missing, and a number that is NaN stays missing, so a writer can never
 * print a missing figure as zero.  Citations are kept once each, in the
 * order first seen, with no cap.  Building never fails loudly: running out
 * of memory is remembered and reported by ds_table_write, so that callers
 * can build a table in straight-line code.
 */
#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "table_internal.h"

/* ---- citations ---- */

struct ds_cite {
    ds_citation *v;
    size_t n, cap;
};

ds_cite *
ds_cite_alloc(void)
{
    return calloc(1, sizeof(ds_cite));
}

void
ds_cite_free(ds_cite *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].source);
        free(c->v[i].definition);
        free(c->v[i].vintage);
    }
    free(c->v);
    free(c);
}

static int
same(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

static char *
dup(const char *s)
{
    return strdup(s ? s : "");
}

ds_status
ds_cite_add(ds_cite *c, const char *source, const char *definition,
            const char *vintage, unsigned flags, size_t *index, ds_error *err)
{
    assert(c);
    for (size_t i = 0; i < c->n; i++)
        if (same(c->v[i].source, source) &&
            same(c->v[i].definition, definition) &&
            same(c->v[i].vintage, vintage) && c->v[i].flags == flags) {
            if (index)
                *index = i;
            return DS_OK;
        }
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 8;
        ds_citation *v = realloc(c->v, nc * sizeof *v);
        if (!v)
            return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
        c->v = v;
        c->cap = nc;
    }
    ds_citation n = {dup(source), dup(definition), dup(vintage), flags};
    if (!n.source || !n.definition || !n.vintage) {
        free(n.source);
        free(n.definition);
        free(n.vintage);
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    }
    c->v[c->n] = n;
    if (index)
        *index = c->n;
    c->n++;
    return DS_OK;
}

ds_status
ds_cite_add_obs(ds_cite *c, const ds_obs *o, size_t *index, ds_error *err)
{
    assert(o);
    return ds_cite_add(c, o->source, o->definition, o->vintage, o->flags,
                       index, err);
}

size_t
ds_cite_count(const ds_cite *c)
{
    return c ? c->n : 0;
}

const ds_citation *
ds_cite_get(const ds_cite *c, size_t i)
{
    return c && i < c->n ? &c->v[i] : NULL;
}

/* A formatted string the caller frees; NULL when out of memory. */
static char *
aprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *
aprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *s = malloc((size_t)n + 1);
    if (!s)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

static char *
cite_text(const char *source, const char *definition, const char *vintage,
          unsigned flags)
{
    char fl[128];
    ds_flags_format(flags, fl, sizeof fl);
    return aprintf("%s; definition %s; vintage %s%s%s",
                   source ? source : "", definition ? definition : "",
                   vintage && vintage[0] ? vintage : "unknown",
                   fl[0] ? "; " : "", fl);
}

char *
ds_cite_text(const ds_citation *c)
{
    assert(c);
    return cite_text(c->source, c->definition, c->vintage, c->flags);
}

char *
ds_cite_obs_text(const ds_obs *o)
{
    assert(o);
    return cite_text(o->source, o->definition, o->vintage, o->flags);
}

/* ---- tables ---- */

ds_table *
ds_table_alloc(void)
{
    ds_table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->cite = ds_cite_alloc();
    if (!t->cite) {
        free(t);
        return NULL;
    }
    return t;
}

static void
line_release(ds__line *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->parts[i].text);
        free(l->parts[i].option);
    }
    free(l->parts);
    l->parts = NULL;
    l->n = 0;
}

static void
cell_release(ds__cell *c)
{
    free(c->text);
    free(c->shown);
    memset(c, 0, sizeof *c);
}

void
ds_table_free(ds_table *t)
{
    if (!t)
        return;
    for (size_t k = 0; k < t->ncols; k++) {
        free((char *)t->cols[k].name);
        free((char *)t->cols[k].label);
        free((char *)t->cols[k].unit);
        free((char *)t->cols[k].missing);
    }
    free(t->cols);
    for (size_t i = 0; i < t->nrows * t->ncols; i++)
        cell_release(&t->cells[i]);
    free(t->cells);
    ds_cite_free(t->cite);
    line_release(&t->title);
    line_release(&t->caption);
    line_release(&t->caption_md);
    for (size_t i = 0; i < t->nhead; i++)
        line_release(&t->head[i]);
    for (size_t i = 0; i < t->nfoot; i++)
        line_release(&t->foot[i]);
    free(t->head);
    free(t->foot);
    for (size_t i = 0; i < 4; i++)
        free(t->ref[i]);
    free(t->option_prefix);
    free(t);
}

void
ds_table_set_style(ds_table *t, ds_text_style style)
{
    assert(t);
    t->style = style;
}

void
ds_table_set_trim(ds_table *t, int trim)
{
    assert(t);
    t->trim = trim;
}

static char *
dup_or_null(const char *s, int *oom)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        *oom = 1;
    return d;
}

size_t
ds_table_add_column(ds_table *t, const ds_column *c)
{
    assert(t && c && c->name);
    assert(t->nrows == 0); /* columns first, then rows */
    if (t->ncols == t->ccols) {
        size_t nc = t->ccols ? t->ccols * 2 : 16;
        ds_column *v = realloc(t->cols, nc * sizeof *v);
        if (!v) {
            t->oom = 1;
            return t->ncols;
        }
        t->cols = v;
        t->ccols = nc;
    }
    ds_column n = *c;
    n.name = dup_or_null(c->name, &t->oom);
    n.label = dup_or_null(c->label, &t->oom);
    n.unit = dup_or_null(c->unit, &t->oom);
    n.missing = dup_or_null(c->missing, &t->oom);
    if (!n.show)
        n.show = DS_COL_SHOW_ALL;
    t->cols[t->ncols] = n;
    return t->ncols++;
}

size_t
ds_table_columns(const ds_table *t)
{
    assert(t);
    return t->ncols;
}

const ds_column *
ds_table_column(const ds_table *t, size_t col)
{
    assert(t);
    return col < t->ncols ? &t->cols[col] : NULL;
}

int
ds__table_shows(const ds_table *t, size_t col, int text)
{
    return (t->cols[col].show &
            (text ? DS_COL_SHOW_TEXT : DS_COL_SHOW_DATA)) != 0;
}

/* ---- title and notes ---- */

static void
line_add(ds_table *t, ds__line *l, const char *s, size_t len, int data)
{
    if (!len && !data)
        return;
    ds__part *p = realloc(l->parts, (l->n + 1) * sizeof *p);
    char *c = malloc(len + 1);
    if (!p || !c) {
        if (p)
            l->parts = p;
        free(c);
        t->oom = 1;
        return;
    }
    l->parts = p;
    memcpy(c, s, len);
    c[len] = '\0';
    p[l->n].text = c;
    p[l->n].data = data;
    p[l->n].ref = 0;
    p[l->n].option = NULL;
    l->n++;
}

/* printf into parts: %s is data text, everything else house text. */
static void
line_format(ds_table *t, ds__line *l, const char *fmt, va_list ap)
{
    const char *lit = fmt;
    const char *p = fmt;
    while (*p) {
        if (*p != '%') {
            p++;
            continue;
        }
        line_add(t, l, lit, (size_t)(p - lit), 0);
        if (p[1] == '%') {
            line_add(t, l, "%", 1, 0);
            p += 2;
            lit = p;
            continue;
        }
        /* one conversion: flags, width, precision, length, letter */
        const char *s = p++;
        while (*p && strchr("-+ #0", *p))
            p++;
        while (*p >= '0' && *p <= '9')
            p++;
        if (*p == '.') {
            p++;
            while (*p >= '0' && *p <= '9')
                p++;
        }
        int lng = 0, sz = 0;
        while (*p == 'l' || *p == 'z') {
            if (*p == 'l')
                lng++;
            else
                sz = 1;
            p++;
        }
        char spec[32], b[128];
        size_t sl = (size_t)(p - s) + 1;
        if (!*p || sl >= sizeof spec) {
            t->oom = 1; /* a format this does not handle: a defect */
            return;
        }
        memcpy(spec, s, sl);
        spec[sl] = '\0';
        switch (*p) {
        case 's': {
            const char *v = va_arg(ap, const char *);
            if (strcmp(spec, "%-s") == 0) { /* house text */
                line_add(t, l, v ? v : "", strlen(v ? v : ""), 0);
            } else if (strcmp(spec, "%s") == 0) {
                line_add(t, l, v ? v : "", strlen(v ? v : ""), 1);
            } else {
                /* spec is a checked "%...s" conversion */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
                char *o = aprintf(spec, v ? v : "");
#pragma GCC diagnostic pop
                if (!o) {
                    t->oom = 1;
                    return;
                }
                line_add(t, l, o, strlen(o), 1);
                free(o);
            }
            break;
        }
        case 'd': case 'i': case 'u': case 'x':
            if (sz)
                ds__snprintf_c(b, sizeof b, spec, va_arg(ap, size_t));
            else if (lng >= 2)
                ds__snprintf_c(b, sizeof b, spec, va_arg(ap, long long));
            else if (lng)
                ds__snprintf_c(b, sizeof b, spec, va_arg(ap, long));
            else
                ds__snprintf_c(b, sizeof b, spec, va_arg(ap, int));
            line_add(t, l, b, strlen(b), 0);
            break;
        case 'g': case 'f': case 'e': case 'G': case 'E':
            ds__snprintf_c(b, sizeof b, spec, va_arg(ap, double));
            line_add(t, l, b, strlen(b), 0);
            break;
        default:
            t->oom = 1;
            return;
        }
        p++;
        lit = p;
    }
    line_add(t, l, lit, (size_t)(p - lit), 0);
}

/* One of the table's single lines (title, caption) set anew. */
static void
line_set(ds_table *t, ds__line *l, int *has, const char *fmt, va_list ap)
{
    line_release(l);
    line_format(t, l, fmt, ap);
    *has = 1;
}

void
ds_table_title(ds_table *t, const char *fmt, ...)
{
    assert(t && fmt);
    va_list ap;
    va_start(ap, fmt);
    line_set(t, &t->title, &t->has_title, fmt, ap);
    va_end(ap);
}

void
ds_table_caption(ds_table *t, const char *fmt, ...)
{
    assert(t && fmt);
    va_list ap;
    va_start(ap, fmt);
    line_set(t, &t->caption, &t->has_caption, fmt, ap);
    va_end(ap);
}

void
ds_table_caption_md(ds_table *t, const char *fmt, ...)
{
    assert(t && fmt);
    va_list ap;
    va_start(ap, fmt);
    line_set(t, &t->caption_md, &t->has_caption_md, fmt, ap);
    va_end(ap);
}

void
ds_table_set_foot_style(ds_table *t, unsigned style)
{
    assert(t);
    t->foot_style = style;
}

void
ds_table_note(ds_table *t, ds_note_place where, const char *fmt, ...)
{
    assert(t && fmt);
    int head = where == DS_NOTE_HEAD || where == DS_NOTE_HEAD_ITEM;
    ds__line **v = head ? &t->head : &t->foot;
    size_t *n = head ? &t->nhead : &t->nfoot;
    ds__line *nv = realloc(*v, (*n + 1) * sizeof *nv);
    if (!nv) {
        t->oom = 1;
        return;
    }
    *v = nv;
    ds__line *l = &nv[(*n)++];
    memset(l, 0, sizeof *l);
    l->place = where;
    va_list ap;
    va_start(ap, fmt);
    line_format(t, l, fmt, ap);
    va_end(ap);
}

/* How a note refers to the table in each format when the caller has not
 * said (ds_table_set_format_ref). */
static const char *const ref_default[4] = {
    "the text output", "the CSV output", "the JSON output",
    "the Markdown output"};

static const char *
ref_text(const ds_table *t, ds_table_format f)
{
    return t->ref[f] ? t->ref[f] : ref_default[f];
}

void
ds__table_note_ref(ds_table *t, ds_note_place where, const char *pre,
                   ds_table_format f, const char *post)
{
    assert(t && (unsigned)f < 4);
    int head = where == DS_NOTE_HEAD || where == DS_NOTE_HEAD_ITEM;
    size_t n = head ? t->nhead : t->nfoot;
    ds_table_note(t, where, "%-s", pre);
    if (t->oom || (head ? t->nhead : t->nfoot) != n + 1)
        return;
    ds__line *l = head ? &t->head[n] : &t->foot[n];
    const char *r = ref_text(t, f);
    size_t k = l->n;
    line_add(t, l, r, strlen(r), 0);
    if (l->n == k + 1)
        l->parts[k].ref = (int)f + 1;
    line_add(t, l, post, strlen(post), 0);
}

/* The last note of where's kind, NULL when there is none. */
static ds__line *
last_note(ds_table *t, ds_note_place where)
{
    int head = where == DS_NOTE_HEAD || where == DS_NOTE_HEAD_ITEM;
    size_t n = head ? t->nhead : t->nfoot;
    if (!n)
        return NULL;
    return head ? &t->head[n - 1] : &t->foot[n - 1];
}

void
ds__table_note_more(ds_table *t, ds_note_place where, const char *fmt, ...)
{
    assert(t && fmt);
    ds__line *l = last_note(t, where);
    if (!l) {
        t->oom = 1; /* nothing to append to: a defect */
        return;
    }
    va_list ap;
    va_start(ap, fmt);
    line_format(t, l, fmt, ap);
    va_end(ap);
}

/* An option as the table names it. */
static char *
option_text(const ds_table *t, const char *option)
{
    const char *sp = strchr(option, ' ');
    size_t nl = sp ? (size_t)(sp - option) : strlen(option);
    if (t->option_prefix)
        return aprintf("%s%s", t->option_prefix, option);
    return sp ? aprintf("the '%.*s' option set to %s", (int)nl, option,
                        sp + 1)
              : aprintf("the '%s' option", option);
}

void
ds__table_note_option(ds_table *t, ds_note_place where, const char *name,
                      const char *value)
{
    assert(t && name);
    ds__line *l = last_note(t, where);
    char *o = value ? aprintf("%s %s", name, value) : strdup(name);
    char *txt = o ? option_text(t, o) : NULL;
    size_t k = l ? l->n : 0;
    if (l && txt)
        line_add(t, l, txt, strlen(txt), 0);
    if (!l || !txt || l->n != k + 1) {
        free(o);
        free(txt);
        t->oom = 1;
        return;
    }
    free(txt);
    l->parts[k].option = o;
}

/* Every option part of l as the table names it now. */
static void
line_set_options(ds_table *t, ds__line *l)
{
    for (size_t i = 0; i < l->n; i++) {
        if (!l->parts[i].option)
            continue;
        char *c = option_text(t, l->parts[i].option);
        if (!c) {
            t->oom = 1;
            return;
        }
        free(l->parts[i].text);
        l->parts[i].text = c;
    }
}

void
ds_table_set_option_prefix(ds_table *t, const char *prefix)
{
    assert(t);
    free(t->option_prefix);
    t->option_prefix = NULL;
    if (prefix && !(t->option_prefix = strdup(prefix))) {
        t->oom = 1;
        return;
    }
    line_set_options(t, &t->title);
    line_set_options(t, &t->caption);
    line_set_options(t, &t->caption_md);
    for (size_t i = 0; i < t->nhead; i++)
        line_set_options(t, &t->head[i]);
    for (size_t i = 0; i < t->nfoot; i++)
        line_set_options(t, &t->foot[i]);
}

/* Every part of l that refers to format f says r. */
static void
line_set_ref(ds_table *t, ds__line *l, ds_table_format f, const char *r)
{
    for (size_t i = 0; i < l->n; i++) {
        if (l->parts[i].ref != (int)f + 1)
            continue;
        char *c = strdup(r);
        if (!c) {
            t->oom = 1;
            return;
        }
        free(l->parts[i].text);
        l->parts[i].text = c;
    }
}

void
ds_table_set_format_ref(ds_table *t, ds_table_format f, const char *how)
{
    assert(t && (unsigned)f < 4);
    free(t->ref[f]);
    t->ref[f] = NULL;
    if (how && !(t->ref[f] = strdup(how))) {
        t->oom = 1;
        return;
    }
    const char *r = ref_text(t, f);
    line_set_ref(t, &t->title, f, r);
    line_set_ref(t, &t->caption, f, r);
    line_set_ref(t, &t->caption_md, f, r);
    for (size_t i = 0; i < t->nhead; i++)
        line_set_ref(t, &t->head[i], f, r);
    for (size_t i = 0; i < t->nfoot; i++)
        line_set_ref(t, &t->foot[i], f, r);
}

void
ds__line_write(FILE *f, const ds__line *l, void (*esc)(FILE *, const char *))
{
    for (size_t i = 0; i < l->n; i++) {
        if (l->parts[i].data)
            esc(f, l->parts[i].text);
        else
            fputs(l->parts[i].text, f);
    }
}

/* ---- rows and cells ---- */

void
ds_table_add_row(ds_table *t)
{
    assert(t);
    if (t->nrows == t->crows) {
        size_t nc = t->crows ? t->crows * 2 : 32;
        if (t->ncols && nc > SIZE_MAX / sizeof(ds__cell) / t->ncols) {
            t->oom = 1;
            return;
        }
        ds__cell *v = realloc(t->cells, nc * (t->ncols ? t->ncols : 1) *
                                            sizeof *v);
        if (!v) {
            t->oom = 1;
            return;
        }
        t->cells = v;
        t->crows = nc;
    }
    memset(&t->cells[t->nrows * t->ncols], 0, t->ncols * sizeof(ds__cell));
    t->nrows++;
}

size_t
ds_table_rows(const ds_table *t)
{
    assert(t);
    return t->nrows;
}

/* The last row's cell in col, NULL when there is no row (out of memory). */
static ds__cell *
last(ds_table *t, size_t col)
{
    assert(col < t->ncols);
    if (!t->nrows)
        return NULL;
    return &t->cells[(t->nrows - 1) * t->ncols + col];
}

static ds__cell *
reset(ds_table *t, size_t col)
{
    ds__cell *c = last(t, col);
    if (!c)
        return NULL;
    free(c->text);
    c->text = NULL;
    c->state = CELL_MISSING;
    return c;
}

void
ds_table_set_text(ds_table *t, size_t col, const char *s)
{
    ds__cell *c = reset(t, col);
    if (!c)
        return;
    c->text = strdup(s ? s : "");
    if (!c->text)
        t->oom = 1;
    else
        c->state = CELL_TEXT;
}

void
ds_table_set_num(ds_table *t, size_t col, double v)
{
    ds__cell *c = reset(t, col);
    if (c && isfinite(v)) {
        c->state = CELL_NUM;
        c->num = v;
    }
}

void
ds_table_set_int(ds_table *t, size_t col, long long v)
{
    ds__cell *c = reset(t, col);
    if (c) {
        c->state = CELL_INT;
        c->i = v;
    }
}

void
ds_table_set_bool(ds_table *t, size_t col, int v)
{
    ds__cell *c = reset(t, col);
    if (c) {
        c->state = CELL_BOOL;
        c->i = v != 0;
    }
}

void
ds_table_set_missing(ds_table *t, size_t col)
{
    reset(t, col);
}

void
ds_table_set_shown(ds_table *t, size_t col, const char *s)
{
    ds__cell *c = last(t, col);
    if (!c)
        return;
    free(c->shown);
    c->shown = s ? strdup(s) : NULL;
    if (s && !c->shown)
        t->oom = 1;
}

void
ds_table_set_cite(ds_table *t, size_t col, const ds_obs *o)
{
    ds__cell *c = last(t, col);
    size_t i;
    if (!c || !o)
        return;
    if (ds_cite_add_obs(t->cite, o, &i, NULL) != DS_OK)
        t->oom = 1;
    else
        c->cite = i + 1;
}

const ds__cell *
ds__table_cell(const ds_table *t, size_t row, size_t col)
{
    assert(t && row < t->nrows && col < t->ncols);
    return &t->cells[row * t->ncols + col];
}

int
ds_table_missing(const ds_table *t, size_t row, size_t col)
{
    return ds__table_cell(t, row, col)->state == CELL_MISSING;
}

double
ds_table_num(const ds_table *t, size_t row, size_t col)
{
    const ds__cell *c = ds__table_cell(t, row, col);
    if (c->state == CELL_NUM)
        return c->num;
    if (c->state == CELL_INT || c->state == CELL_BOOL)
        return (double)c->i;
    return NAN;
}

const char *
ds_table_text(const ds_table *t, size_t row, size_t col)
{
    const ds__cell *c = ds__table_cell(t, row, col);
    return c->state == CELL_TEXT ? c->text : NULL;
}

const ds_citation *
ds_table_cite(const ds_table *t, size_t row, size_t col)
{
    const ds__cell *c = ds__table_cell(t, row, col);
    return c->cite ? ds_cite_get(t->cite, c->cite - 1) : NULL;
}

const ds_cite *
ds_table_citations(const ds_table *t)
{
    assert(t);
    return t->cite;
}

char *
ds_table_shown(const ds_table *t, size_t row, size_t col, char *buf,
               size_t size)
{
    const ds__cell *c = ds__table_cell(t, row, col);
    const ds_column *k = &t->cols[col];
    if (c->shown) {
        snprintf(buf, size, "%s", c->shown);
        return buf;
    }
    switch (c->state) {
    case CELL_MISSING:
        snprintf(buf, size, "%s", k->missing ? k->missing : "n/a");
        break;
    case CELL_TEXT:
        snprintf(buf, size, "%s", c->text);
        break;
    case CELL_INT:
        snprintf(buf, size, "%lld", c->i);
        break;
    case CELL_BOOL:
        snprintf(buf, size, "%s", c->i ? "yes" : "no");
        break;
    case CELL_NUM:
        switch (k->kind) {
        case DS_COL_MONEY:
            if (k->decimals < 0)
                ds_format_money(c->num, k->unit ? k->unit : "", buf, size);
            else
                ds_format_grouped(c->num, k->decimals, buf, size);
            break;
        case DS_COL_SHARE_PCT:
            ds_format_pct(c->num, k->decimals < 0 ? 2 : k->decimals, buf,
                          size);
            break;
        case DS_COL_RATE:
            ds_format_rate(c->num, k->unit ? k->unit : "", buf, size);
            break;
        case DS_COL_YEAR:
        case DS_COL_COUNT:
            ds__snprintf_c(buf, size, "%.0f", c->num);
            break;
        default:
            if (k->decimals < 0)
                ds_format_full(c->num, buf, size);
            else
                ds_format_grouped(c->num, k->decimals, buf, size);
            break;
        }
        break;
    }
    return buf;
}
