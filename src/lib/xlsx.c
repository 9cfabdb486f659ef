/* xlsx.c - reading .xlsx workbooks through libzip and expat.
 *
 * Promises: parts are found through the package and workbook
 * relationships (absolute or relative targets, any namespace prefix);
 * every zip entry is read in bounded chunks with a hard cap on its
 * uncompressed size, whatever its header claims; a DOCTYPE (and so any
 * entity expansion) is refused; every error names the part, the sheet and
 * the cell it concerns; nothing is allocated in proportion to what a sheet
 * merely claims (its <dimension>).  The handle never prints.
 */
#include <assert.h>
#include <ctype.h>
#include <expat.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "xlsx.h"
#include "zip_internal.h"

const ds__xlsx_limits ds__xlsx_default_limits = {
    256u * 1024u * 1024u, /* max_part_bytes */
    20000000u,            /* max_cells */
    1024u,                /* max_sheets */
    512u * 1024u * 1024u, /* max_total_bytes */
    20000000u             /* max_total_cells */
};

#define NS_SEP '\x01'

typedef struct sheet_info {
    char *name;
    char *part;
} sheet_info;

typedef struct font_info {
    int indexed, theme;
    long rgb;
} font_info;

typedef struct xf_info {
    int font;
    int numfmt;
} xf_info;

typedef struct numfmt_info {
    int id;
    int percent;
} numfmt_info;

struct ds__xlsx {
    char *path;
    ds__zip *zip;
    ds__xlsx_limits lim;
    ds__pool *pool;        /* shared strings */
    sheet_info *sheets;
    size_t nsheets;
    const char **sst;
    size_t nsst, capsst;
    font_info *fonts;
    size_t nfonts, capfonts;
    xf_info *xfs;
    size_t nxfs, capxfs;
    numfmt_info *numfmts;
    size_t nnumfmts, capnumfmts;
    long palette[66];      /* indexed colours, -1 for system colours */
    char *core_part;       /* docProps/core.xml or "" */
    size_t bytes_read;     /* XML inflated so far, every part and read */
    size_t cells_read;     /* cells read so far, every sheet and read */
};

/* ------------------------------------------------------------ helpers */

typedef struct dbuf {
    char *p;
    size_t n, cap;
} dbuf;

static int
dbuf_add(dbuf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        size_t nc = b->cap ? b->cap : 64;
        while (nc < b->n + n + 1)
            nc *= 2;
        char *p = realloc(b->p, nc);
        if (!p)
            return 0;
        b->p = p;
        b->cap = nc;
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
    return 1;
}

static void
dbuf_reset(dbuf *b)
{
    b->n = 0;
    if (b->p)
        b->p[0] = '\0';
}

static const char *
dbuf_str(const dbuf *b)
{
    return b->p ? b->p : "";
}

static char *
xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, s, n);
    return d;
}

static const char *
local_name(const char *name)
{
    const char *p = strrchr(name, NS_SEP);
    return p ? p + 1 : name;
}

/* Unqualified attribute by name. */
static const char *
attr(const XML_Char **a, const char *name)
{
    for (; a && a[0]; a += 2)
        if (!strchr(a[0], NS_SEP) && strcmp(a[0], name) == 0)
            return a[1];
    return NULL;
}

/* Namespace-qualified attribute by local name (r:id in any prefix). */
static const char *
attr_qualified(const XML_Char **a, const char *local)
{
    for (; a && a[0]; a += 2) {
        const char *p = strchr(a[0], NS_SEP);
        if (p && strcmp(p + 1, local) == 0)
            return a[1];
    }
    return NULL;
}

static int
parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    if (!s || !isdigit((unsigned char)*s))
        return 0;
    unsigned long v = 0;
    for (; *s; s++) {
        if (!isdigit((unsigned char)*s))
            return 0;
        v = v * 10 + (unsigned long)(*s - '0');
        if (v > max)
            return 0;
    }
    *out = v;
    return 1;
}

static long
parse_argb(const char *s)
{
    if (!s)
        return -1;
    size_t n = strlen(s);
    if (n != 6 && n != 8)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (!isxdigit((unsigned char)s[i]))
            return -1;
    return strtol(s + n - 6, NULL, 16);
}

char *
ds__xlsx_cellref(uint32_t row, uint32_t col, char *buf, size_t size)
{
    char letters[8];
    int n = 0;
    while (col > 0 && n < 7) {
        col--;
        letters[n++] = (char)('A' + col % 26);
        col /= 26;
    }
    char rev[8];
    for (int i = 0; i < n; i++)
        rev[i] = letters[n - 1 - i];
    rev[n] = '\0';
    snprintf(buf, size, "%s%lu", rev, (unsigned long)row);
    return buf;
}

int
ds__xlsx_parse_ref(const char *ref, uint32_t *row, uint32_t *col)
{
    /* up to 4 letters and 9 digits so that refs past the Excel limits
     * parse and the caller can say so */
    const char *p = ref;
    uint64_t c = 0, r = 0;
    int nl = 0, nd = 0;
    if (*p == '$')
        p++;
    while (isalpha((unsigned char)*p) && nl < 5) {
        c = c * 26 + (uint64_t)(toupper((unsigned char)*p) - 'A' + 1);
        p++;
        nl++;
    }
    if (nl == 0 || nl > 4)
        return 0;
    if (*p == '$')
        p++;
    while (isdigit((unsigned char)*p) && nd < 10) {
        r = r * 10 + (uint64_t)(*p - '0');
        p++;
        nd++;
    }
    if (nd == 0 || nd > 9 || *p || r == 0)
        return 0;
    *row = (uint32_t)r;
    *col = (uint32_t)c;
    return 1;
}

/* Join a relationship target to the directory of the source part and
 * normalise "." and ".." segments.  Returns a malloc'ed part name. */
static char *
resolve_target(const char *source_part, const char *target)
{
    dbuf b = {0};
    if (target[0] == '/') {
        target++;
    } else {
        const char *slash = strrchr(source_part, '/');
        if (slash && !dbuf_add(&b, source_part, (size_t)(slash - source_part + 1)))
            goto fail;
    }
    if (!dbuf_add(&b, target, strlen(target)))
        goto fail;
    /* normalise */
    char *out = malloc(b.n + 1);
    if (!out)
        goto fail;
    size_t o = 0;
    const char *s = dbuf_str(&b);
    while (*s) {
        const char *e = strchr(s, '/');
        size_t len = e ? (size_t)(e - s) : strlen(s);
        if (len == 0 || (len == 1 && s[0] == '.')) {
            /* skip */
        } else if (len == 2 && s[0] == '.' && s[1] == '.') {
            if (o > 0) {
                o--; /* drop the trailing '/' */
                while (o > 0 && out[o - 1] != '/')
                    o--;
            }
        } else {
            memcpy(out + o, s, len);
            o += len;
            if (e)
                out[o++] = '/';
        }
        s = e ? e + 1 : s + len;
    }
    out[o] = '\0';
    free(b.p);
    return out;
fail:
    free(b.p);
    return NULL;
}

/* ------------------------------------------------------ part parsing */

typedef struct part_ctx {
    ds__xlsx *x;
    const char *part;
    XML_Parser p;
    ds_status st;
    ds_error *err;
    int done;   /* the handler stopped the parser: it has read enough */
} part_ctx;

#define FAIL(pc, code, ...)                                                   \
    do {                                                                      \
        (pc)->st = ds__error_set((pc)->err, code, (pc)->x->path, 0, 0,        \
                                 __VA_ARGS__);                                \
        XML_StopParser((pc)->p, XML_FALSE);                                   \
    } while (0)

static void XMLCALL
on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
           const XML_Char *pubid, int has_internal)
{
    (void)name;
    (void)sysid;
    (void)pubid;
    (void)has_internal;
    part_ctx *pc = ud;
    FAIL(pc, DS_EPARSE,
         "part '%s' has a DOCTYPE declaration, which .xlsx parts never have "
         "(refused: entity expansion)",
         pc->part);
}

/* Stream one part through an expat parser whose user data begins with a
 * part_ctx.  Returns DS_ENOTFOUND (err untouched) when the part is absent.
 * The part is read through zip.c, under its zip-bomb policy capped at
 * lim.max_part_bytes. */
static ds_status
parse_part(ds__xlsx *x, const char *part, part_ctx *pc,
           XML_StartElementHandler start, XML_EndElementHandler end,
           XML_CharacterDataHandler text, ds_error *err)
{
    size_t idx = ds__zip_locate(x->zip, part);
    if (idx == (size_t)-1)
        return DS_ENOTFOUND;
    char label[300];
    snprintf(label, sizeof label, "part '%s'", part);
    ds__zip_member *f;
    ds_status ost = ds__zip_member_open(x->zip, idx, label,
                                        x->lim.max_part_bytes, &f, err);
    if (ost != DS_OK)
        return ost;
    XML_Parser p = XML_ParserCreateNS(NULL, NS_SEP);
    if (!p) {
        ds__zip_member_close(f);
        return ds__error_set(err, DS_ENOMEM, x->path, 0, 0, "out of memory");
    }
    pc->x = x;
    pc->part = part;
    pc->p = p;
    pc->st = DS_OK;
    pc->err = err;
    pc->done = 0;
    XML_SetUserData(p, pc);
    XML_SetElementHandler(p, start, end);
    if (text)
        XML_SetCharacterDataHandler(p, text);
    XML_SetStartDoctypeDeclHandler(p, on_doctype);

    ds_status st = DS_OK;
    enum { CHUNK = 65536 };
    char *chunk = malloc(CHUNK);
    if (!chunk) {
        XML_ParserFree(p);
        ds__zip_member_close(f);
        return ds__error_set(err, DS_ENOMEM, x->path, 0, 0, "out of memory");
    }
    for (;;) {
        size_t n;
        st = ds__zip_member_read(f, chunk, CHUNK, &n, err);
        if (st != DS_OK)
            break;
        x->bytes_read += (size_t)n;
        if (x->bytes_read > x->lim.max_total_bytes) {
            st = ds__error_set(err, DS_EPARSE, x->path, 0, 0,
                               "the workbook inflates to more than %zu bytes "
                               "of XML in all (at part '%s'; refused as a "
                               "possible zip bomb)",
                               x->lim.max_total_bytes, part);
            break;
        }
        if (XML_Parse(p, chunk, (int)n, n == 0) == XML_STATUS_ERROR) {
            if (pc->done && pc->st == DS_OK)
                break; /* stopped on purpose: read enough */
            if (pc->st != DS_OK)
                st = pc->st;
            else
                st = ds__error_set(
                    err, DS_EPARSE, x->path, 0, 0,
                    "part '%s' line %lu, column %lu: %s", part,
                    (unsigned long)XML_GetCurrentLineNumber(p),
                    (unsigned long)XML_GetCurrentColumnNumber(p) + 1,
                    XML_ErrorString(XML_GetErrorCode(p)));
            break;
        }
        if (pc->st != DS_OK) {
            st = pc->st;
            break;
        }
        if (n == 0)
            break;
    }
    free(chunk);
    XML_ParserFree(p);
    ds__zip_member_close(f);
    return st;
}

/* ------------------------------------------------------ relationships */

typedef struct rel {
    char *id, *type, *target; /* target resolved to a part name */
} rel;

typedef struct rels_ctx {
    part_ctx b;
    const char *source; /* part the relationships belong to */
    rel *v;
    size_t n, cap;
} rels_ctx;

static void
rels_free(rels_ctx *r)
{
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].id);
        free(r->v[i].type);
        free(r->v[i].target);
    }
    free(r->v);
    r->v = NULL;
    r->n = r->cap = 0;
}

static int
grow_rels(rels_ctx *r)
{
    if (r->n == r->cap) {
        size_t nc = r->cap ? r->cap * 2 : 16;
        rel *v = realloc(r->v, nc * sizeof *v);
        if (!v) {
            FAIL(&r->b, DS_ENOMEM, "out of memory");
            return 0;
        }
        r->v = v;
        r->cap = nc;
    }
    return 1;
}

static void XMLCALL
rels_start(void *ud, const XML_Char *name, const XML_Char **a)
{
    rels_ctx *r = ud;
    if (strcmp(local_name(name), "Relationship") != 0)
        return;
    const char *id = attr(a, "Id"), *type = attr(a, "Type"),
               *target = attr(a, "Target"), *mode = attr(a, "TargetMode");
    if (!id)
        return;
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->v[i].id, id) == 0) {
            char q[80];
            FAIL(&r->b, DS_EPARSE,
                 "part '%s' line %lu: relationship Id '%s' is defined twice "
                 "(an Id names one relationship)",
                 r->b.part, (unsigned long)XML_GetCurrentLineNumber(r->b.p),
                 ds__quote(id, q, sizeof q));
            return;
        }
    /* an external or incomplete one is remembered by Id only, so that a
     * duplicate is still seen */
    int by_id_only =
        !type || !target || (mode && strcmp(mode, "External") == 0);
    if (!grow_rels(r))
        return;
    rel *e = &r->v[r->n];
    e->id = xstrdup(id);
    e->type = xstrdup(by_id_only ? "" : type);
    e->target = by_id_only ? xstrdup("") : resolve_target(r->source, target);
    if (!e->id || !e->type || !e->target) {
        free(e->id);
        free(e->type);
        free(e->target);
        FAIL(&r->b, DS_ENOMEM, "out of memory");
        return;
    }
    r->n++;
}

static void XMLCALL
ignore_end(void *ud, const XML_Char *name)
{
    (void)ud;
    (void)name;
}

/* Relationships of source_part (its _rels/NAME.rels), DS_ENOTFOUND when
 * there are none. */
static ds_status
read_rels(ds__xlsx *x, const char *source_part, rels_ctx *r, ds_error *err)
{
    memset(r, 0, sizeof *r);
    r->source = source_part;
    const char *slash = strrchr(source_part, '/');
    size_t dir = slash ? (size_t)(slash - source_part + 1) : 0;
    const char *base = source_part + dir;
    size_t n = strlen(source_part) + 16;
    char *rp = malloc(n);
    if (!rp)
        return ds__error_set(err, DS_ENOMEM, x->path, 0, 0, "out of memory");
    snprintf(rp, n, "%.*s_rels/%s.rels", (int)dir, source_part, base);
    ds_status st = parse_part(x, rp, &r->b, rels_start, ignore_end, NULL, err);
    free(rp);
    if (st != DS_OK)
        rels_free(r);
    return st;
}

static const rel *
rel_by_type(const rels_ctx *r, const char *suffix)
{
    size_t ls = strlen(suffix);
    for (size_t i = 0; i < r->n; i++) {
        size_t lt = strlen(r->v[i].type);
        if (lt >= ls && strcmp(r->v[i].type + lt - ls, suffix) == 0)
            return &r->v[i];
    }
    return NULL;
}

static const rel *
rel_by_id(const rels_ctx *r, const char *id)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->v[i].id, id) == 0)
            return &r->v[i];
    return NULL;
}

/* ------------------------------------------------------------ workbook */

typedef struct wb_ctx {
    part_ctx b;
    const rels_ctx *rels;
    const char *rels_name;
} wb_ctx;

static void XMLCALL
wb_start(void *ud, const XML_Char *name, const XML_Char **a)
{
    wb_ctx *w = ud;
    ds__xlsx *x = w->b.x;
    if (strcmp(local_name(name), "sheet") != 0)
        return;
    const char *sname = attr(a, "name");
    const char *rid = attr_qualified(a, "id");
    char q[80];
    if (!sname || !rid) {
        FAIL(&w->b, DS_EPARSE,
             "part '%s' line %lu: <sheet> without a name or r:id attribute",
             w->b.part, (unsigned long)XML_GetCurrentLineNumber(w->b.p));
        return;
    }
    const rel *r = rel_by_id(w->rels, rid);
    if (!r) {
        FAIL(&w->b, DS_EPARSE,
             "sheet '%s' refers to relationship '%s', which '%s' does not "
             "define",
             ds__quote(sname, q, sizeof q), rid, w->rels_name);
        return;
    }
    if (!r->target[0]) {
        FAIL(&w->b, DS_EPARSE,
             "sheet '%s' refers to relationship '%s', which '%s' gives no "
             "part of the package (external, or without a type or target)",
             ds__quote(sname, q, sizeof q), rid, w->rels_name);
        return;
    }
    for (size_t i = 0; i < x->nsheets; i++)
        if (strcasecmp(x->sheets[i].part, r->target) == 0) {
            char q2[80];
            FAIL(&w->b, DS_EPARSE,
                 "sheets '%s' and '%s' are both the part '%s' (a workbook "
                 "lists each sheet part once; refused rather than read "
                 "twice)",
                 ds__quote(x->sheets[i].name, q2, sizeof q2),
                 ds__quote(sname, q, sizeof q), r->target);
            return;
        }
    if (x->nsheets >= x->lim.max_sheets) {
        FAIL(&w->b, DS_ERANGE, "more than %zu sheets in the workbook",
             x->lim.max_sheets);
        return;
    }
    sheet_info *v = realloc(x->sheets, (x->nsheets + 1) * sizeof *v);
    if (!v) {
        FAIL(&w->b, DS_ENOMEM, "out of memory");
        return;
    }
    x->sheets = v;
    v[x->nsheets].name = xstrdup(sname);
    v[x->nsheets].part = xstrdup(r->target);
    if (!v[x->nsheets].name || !v[x->nsheets].part) {
        free(v[x->nsheets].name);
        free(v[x->nsheets].part);
        FAIL(&w->b, DS_ENOMEM, "out of memory");
        return;
    }
    x->nsheets++;
}

/* ------------------------------------------------------ shared strings */

typedef struct sst_ctx {
    part_ctx b;
    dbuf text;
    int in_si, in_t, in_rph;
} sst_ctx;

static void XMLCALL
sst_start(void *ud, const XML_Char *name, const XML_Char **a)
{
    (void)a;
    sst_ctx *s = ud;
    const char *l = local_name(name);
    if (strcmp(l, "si") == 0) {
        s->in_si = 1;
        dbuf_reset(&s->text);
    } else if (strcmp(l, "rPh") == 0) {
        s->in_rph = 1;
    } else if (strcmp(l, "t") == 0 && s->in_si && !s->in_rph) {
        s->in_t = 1;
    }
}

static void XMLCALL
sst_end(void *ud, const XML_Char *name)
{
    sst_ctx *s = ud;
    ds__xlsx *x = s->b.x;
    const char *l = local_name(name);
    if (strcmp(l, "t") == 0) {
        s->in_t = 0;
    } else if (strcmp(l, "rPh") == 0) {
        s->in_rph = 0;
    } else if (strcmp(l, "si") == 0) {
        s->in_si = 0;
        if (x->nsst == x->capsst) {
            size_t nc = x->capsst ? x->capsst * 2 : 256;
            const char **v = realloc(x->sst, nc * sizeof *v);
            if (!v) {
                FAIL(&s->b, DS_ENOMEM, "out of memory");
                return;
            }
            x->sst = v;
            x->capsst = nc;
        }
        const char *str = ds__pool_intern(x->pool, dbuf_str(&s->text),
                                          s->text.n);
        if (!str) {
            FAIL(&s->b, DS_ENOMEM, "out of memory");
            return;
        }
        x->sst[x->nsst++] = str;
    }
}

static void XMLCALL
collect_sst(void *ud, const XML_Char *t, int len)
{
    sst_ctx *s = ud;
    if (s->in_t && !dbuf_add(&s->text, t, (size_t)len))
        FAIL(&s->b, DS_ENOMEM, "out of memory");
}

/* -------------------------------------------------------------- styles */

typedef struct styles_ctx {
    part_ctx b;
    int in_fonts, in_font, font_has_color, in_cellxfs, in_indexed;
    size_t npal;
} styles_ctx;

/* Make room for one more element in *v (n used, *cap allocated). */
static int
grow(void **v, size_t n, size_t *cap, size_t size)
{
    if (n < *cap)
        return 1;
    size_t nc = *cap ? *cap * 2 : 16;
    void *p = realloc(*v, nc * size);
    if (!p)
        return 0;
    *v = p;
    *cap = nc;
    return 1;
}

static int
format_is_percent(const char *code)
{
    int quoted = 0;
    for (const char *p = code; *p; p++) {
        if (*p == '"')
            quoted = !quoted;
        else if (*p == '\\' && p[1])
            p++;
        else if (*p == '%' && !quoted)
            return 1;
    }
    return 0;
}

static void XMLCALL
styles_start(void *ud, const XML_Char *name, const XML_Char **a)
{
    styles_ctx *s = ud;
    ds__xlsx *x = s->b.x;
    const char *l = local_name(name);
    unsigned long v;
    if (strcmp(l, "fonts") == 0) {
        s->in_fonts = 1;
    } else if (strcmp(l, "font") == 0 && s->in_fonts) {
        s->in_font = 1;
        s->font_has_color = 0;
        if (!grow((void **)&x->fonts, x->nfonts, &x->capfonts,
                  sizeof *x->fonts)) {
            FAIL(&s->b, DS_ENOMEM, "out of memory");
            return;
        }
        x->fonts[x->nfonts].indexed = -1;
        x->fonts[x->nfonts].theme = -1;
        x->fonts[x->nfonts].rgb = -1;
        x->nfonts++;
    } else if (strcmp(l, "color") == 0 && s->in_font && !s->font_has_color) {
        font_info *f = &x->fonts[x->nfonts - 1];
        s->font_has_color = 1;
        if (parse_uint(attr(a, "indexed"), 1000, &v))
            f->indexed = (int)v;
        if (parse_uint(attr(a, "theme"), 1000, &v))
            f->theme = (int)v;
        f->rgb = parse_argb(attr(a, "rgb"));
    } else if (strcmp(l, "cellXfs") == 0) {
        s->in_cellxfs = 1;
    } else if (strcmp(l, "xf") == 0 && s->in_cellxfs) {
        if (!grow((void **)&x->xfs, x->nxfs, &x->capxfs, sizeof *x->xfs)) {
            FAIL(&s->b, DS_ENOMEM, "out of memory");
            return;
        }
        xf_info *xf = &x->xfs[x->nxfs++];
        xf->font = parse_uint(attr(a, "fontId"), 100000, &v) ? (int)v : 0;
        xf->numfmt = parse_uint(attr(a, "numFmtId"), 100000, &v) ? (int)v : 0;
    } else if (strcmp(l, "numFmt") == 0) {
        const char *code = attr(a, "formatCode");
        if (!parse_uint(attr(a, "numFmtId"), 100000, &v) || !code)
            return;
        if (!grow((void **)&x->numfmts, x->nnumfmts, &x->capnumfmts,
                  sizeof *x->numfmts)) {
            FAIL(&s->b, DS_ENOMEM, "out of memory");
            return;
        }
        x->numfmts[x->nnumfmts].id = (int)v;
        x->numfmts[x->nnumfmts].percent = format_is_percent(code);
        x->nnumfmts++;
    } else if (strcmp(l, "indexedColors") == 0) {
        s->in_indexed = 1;
        s->npal = 0;
    } else if (strcmp(l, "rgbColor") == 0 && s->in_indexed) {
        if (s->npal < 64)
            x->palette[s->npal] = parse_argb(attr(a, "rgb"));
        s->npal++;
    }
}

static void XMLCALL
styles_end(void *ud, const XML_Char *name)
{
    styles_ctx *s = ud;
    const char *l = local_name(name);
    if (strcmp(l, "fonts") == 0)
        s->in_fonts = 0;
    else if (strcmp(l, "font") == 0)
        s->in_font = 0;
    else if (strcmp(l, "cellXfs") == 0)
        s->in_cellxfs = 0;
    else if (strcmp(l, "indexedColors") == 0)
        s->in_indexed = 0;
}

/* Excel's default indexed colour palette (ECMA-376 18.8.27). */
static const long default_palette[64] = {
    0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00, 0xFF00FF,
    0x00FFFF, 0x000000, 0xFFFFFF, 0xFF0000, 0x00FF00, 0x0000FF, 0xFFFF00,
    0xFF00FF, 0x00FFFF, 0x800000, 0x008000, 0x000080, 0x808000, 0x800080,
    0x008080, 0xC0C0C0, 0x808080, 0x9999FF, 0x993366, 0xFFFFCC, 0xCCFFFF,
    0x660066, 0xFF8080, 0x0066CC, 0xCCCCFF, 0x000080, 0xFF00FF, 0xFFFF00,
    0x00FFFF, 0x800080, 0x800000, 0x008080, 0x0000FF, 0x00CCFF, 0xCCFFFF,
    0xCCFFCC, 0xFFFF99, 0x99CCFF, 0xFF99CC, 0xCC99FF, 0xFFCC99, 0x3366FF,
    0x33CCCC, 0x99CC00, 0xFFCC00, 0xFF9900, 0xFF6600, 0x666699, 0x969696,
    0x003366, 0x339966, 0x003300, 0x333300, 0x993300, 0x993366, 0x333399,
    0x333333};

ds__xlsx_style
ds__xlsx_cell_style(const ds__xlsx *x, const ds__xlsx_cell *c)
{
    ds__xlsx_style st = {-1, -1, -1, 0, 0};
    if (!x || !c || c->style >= x->nxfs)
        return st;
    const xf_info *xf = &x->xfs[c->style];
    st.numfmt_id = xf->numfmt;
    st.percent = xf->numfmt == 9 || xf->numfmt == 10;
    for (size_t i = 0; i < x->nnumfmts; i++)
        if (x->numfmts[i].id == xf->numfmt)
            st.percent = x->numfmts[i].percent;
    if (xf->font >= 0 && (size_t)xf->font < x->nfonts) {
        const font_info *f = &x->fonts[xf->font];
        st.font_indexed = f->indexed;
        st.font_theme = f->theme;
        st.font_rgb = f->rgb;
        if (st.font_rgb < 0 && f->indexed >= 0 && f->indexed < 64)
            st.font_rgb = x->palette[f->indexed];
    }
    return st;
}

/* ---------------------------------------------------------------- open */

size_t
ds__xlsx_zip_offset(const char *buf, size_t len)
{
    for (size_t i = 0; i + 4 <= len; i++) {
        const char *p = memchr(buf + i, 'P', len - i - 3);
        if (!p)
            break;
        i = (size_t)(p - buf);
        if (p[1] == 'K' && p[2] == 3 && p[3] == 4)
            return i;
    }
    return (size_t)-1;
}

void
ds__xlsx_close(ds__xlsx *x)
{
    if (!x)
        return;
    ds__zip_close(x->zip);
    for (size_t i = 0; i < x->nsheets; i++) {
        free(x->sheets[i].name);
        free(x->sheets[i].part);
    }
    free(x->sheets);
    free(x->sst);
    free(x->fonts);
    free(x->xfs);
    free(x->numfmts);
    free(x->core_part);
    free(x->path);
    ds__pool_free(x->pool);
    free(x);
}

/* Parse the part that the workbook relationships wbr (named wb_rels)
 * give by type, if they give one (else DS_OK): one the archive lacks is
 * DS_EPARSE "missing part '...' (the WHAT named in '...')". */
static ds_status
parse_named_part(ds__xlsx *x, const rels_ctx *wbr, const char *type,
                 const char *what, const char *wb_rels, part_ctx *pc,
                 XML_StartElementHandler start, XML_EndElementHandler end,
                 XML_CharacterDataHandler text, ds_error *err)
{
    const rel *r = rel_by_type(wbr, type);
    if (!r)
        return DS_OK;
    ds_status st = parse_part(x, r->target, pc, start, end, text, err);
    if (st == DS_ENOTFOUND)
        st = ds__error_set(err, DS_EPARSE, x->path, 0, 0,
                           "missing part '%s' (the %s named in '%s')",
                           r->target, what, wb_rels);
    return st;
}

ds_status
ds__xlsx_open(const char *path, const char *buf, size_t len,
              const ds__xlsx_limits *lim, ds__xlsx **out, ds_error *err)
{
    assert(path && out && (buf || len == 0));
    ds_status st;
    rels_ctx pkg, wbr;
    memset(&pkg, 0, sizeof pkg);
    memset(&wbr, 0, sizeof wbr);
    char *wb_part = NULL, *wb_rels = NULL;
    ds__xlsx *x = calloc(1, sizeof *x);
    if (!x)
        return ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
    x->lim = lim ? *lim : ds__xlsx_default_limits;
    x->path = xstrdup(path);
    x->pool = ds__pool_alloc();
    if (!x->path || !x->pool) {
        st = ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
        goto fail;
    }
    for (int i = 0; i < 64; i++)
        x->palette[i] = default_palette[i];
    x->palette[64] = x->palette[65] = -1;

    /* bytes before the zip (a download saved with a header, two files
     * joined): libzip may or may not find the archive; say what it is */
    size_t junk = ds__xlsx_zip_offset(buf, len);
    if (junk != 0 && junk != (size_t)-1) {
        st = ds__error_set(err, DS_EPARSE, path, 0, 0,
                           "not a valid .xlsx workbook (zip archive): %zu "
                           "bytes that are not part of it come before the "
                           "zip signature 'PK\\3\\4'",
                           junk);
        goto fail;
    }
    st = ds__zip_open_as(x->path, buf, len, "an .xlsx workbook is one",
                         &x->zip, err);
    if (st != DS_OK)
        goto fail;

    /* the package relationships name the workbook part */
    st = read_rels(x, "", &pkg, err);
    if (st == DS_ENOTFOUND) {
        st = ds__error_set(err, DS_EPARSE, path, 0, 0,
                           "missing part '_rels/.rels' (the package "
                           "relationships): not an .xlsx workbook");
        goto fail;
    }
    if (st != DS_OK)
        goto fail;
    const rel *r = rel_by_type(&pkg, "/officeDocument");
    if (!r) {
        st = ds__error_set(err, DS_EPARSE, path, 0, 0,
                           "'_rels/.rels' names no officeDocument part: not "
                           "an .xlsx workbook");
        goto fail;
    }
    wb_part = xstrdup(r->target);
    const rel *core = rel_by_type(&pkg, "/core-properties");
    x->core_part = xstrdup(core ? core->target : "");
    if (!wb_part || !x->core_part) {
        st = ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
        goto fail;
    }

    {
        size_t n = strlen(wb_part) + 16;
        wb_rels = malloc(n);
        if (!wb_rels) {
            st = ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
            goto fail;
        }
        const char *slash = strrchr(wb_part, '/');
        snprintf(wb_rels, n, "%.*s_rels/%s.rels",
                 slash ? (int)(slash - wb_part + 1) : 0, wb_part,
                 slash ? slash + 1 : wb_part);
    }
    st = read_rels(x, wb_part, &wbr, err);
    if (st == DS_ENOTFOUND) {
        st = ds__error_set(err, DS_EPARSE, path, 0, 0,
                           "missing part '%s' (the workbook relationships)",
                           wb_rels);
        goto fail;
    }
    if (st != DS_OK)
        goto fail;

    wb_ctx w;
    memset(&w, 0, sizeof w);
    w.rels = &wbr;
    w.rels_name = wb_rels;
    st = parse_part(x, wb_part, &w.b, wb_start, ignore_end, NULL, err);
    if (st == DS_ENOTFOUND) {
        st = ds__error_set(err, DS_EPARSE, path, 0, 0,
                           "missing part '%s' (the workbook)", wb_part);
        goto fail;
    }
    if (st != DS_OK)
        goto fail;

    sst_ctx sc;
    memset(&sc, 0, sizeof sc);
    st = parse_named_part(x, &wbr, "/sharedStrings", "shared strings",
                          wb_rels, &sc.b, sst_start, sst_end, collect_sst,
                          err);
    free(sc.text.p);
    if (st != DS_OK)
        goto fail;
    styles_ctx yc;
    memset(&yc, 0, sizeof yc);
    st = parse_named_part(x, &wbr, "/styles", "styles", wb_rels, &yc.b,
                          styles_start, styles_end, NULL, err);
    if (st != DS_OK)
        goto fail;
    rels_free(&pkg);
    rels_free(&wbr);
    free(wb_part);
    free(wb_rels);
    *out = x;
    return DS_OK;
fail:
    rels_free(&pkg);
    rels_free(&wbr);
    free(wb_part);
    free(wb_rels);
    ds__xlsx_close(x);
    return st;
}

size_t
ds__xlsx_sheet_count(const ds__xlsx *x)
{
    assert(x);
    return x->nsheets;
}

const char *
ds__xlsx_sheet_name(const ds__xlsx *x, size_t i)
{
    assert(x);
    return i < x->nsheets ? x->sheets[i].name : NULL;
}

const char *
ds__xlsx_sheet_part(const ds__xlsx *x, size_t i)
{
    assert(x);
    return i < x->nsheets ? x->sheets[i].part : NULL;
}

long
ds__xlsx_sheet_find(const ds__xlsx *x, const char *name)
{
    assert(x && name);
    for (size_t i = 0; i < x->nsheets; i++)
        if (strcmp(x->sheets[i].name, name) == 0)
            return (long)i;
    return -1;
}

/* ------------------------------------------------------- sheets in memory */

ds__xlsx_sheet *
ds__xlsx_sheet_alloc(const char *name)
{
    ds__xlsx_sheet *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->name = xstrdup(name ? name : "");
    s->strings = ds__pool_alloc();
    if (!s->name || !s->strings) {
        ds__xlsx_sheet_free(s);
        return NULL;
    }
    return s;
}

void
ds__xlsx_sheet_free(ds__xlsx_sheet *s)
{
    if (!s)
        return;
    free(s->name);
    free(s->cells);
    ds__pool_free(s->strings);
    free(s);
}

int
ds__xlsx_sheet_add(ds__xlsx_sheet *s, uint32_t row, uint32_t col,
                   ds__xlsx_type type, double number, const char *text,
                   uint32_t style)
{
    assert(s && row > 0 && col > 0);
    if (s->n == s->cap) {
        size_t nc = s->cap ? s->cap * 2 : 256;
        ds__xlsx_cell *v = realloc(s->cells, nc * sizeof *v);
        if (!v)
            return 0;
        s->cells = v;
        s->cap = nc;
    }
    const char *t = ds__pool_intern(s->strings, text ? text : "",
                                    text ? strlen(text) : 0);
    if (!t)
        return 0;
    ds__xlsx_cell *c = &s->cells[s->n++];
    c->row = row;
    c->col = col;
    c->type = type;
    c->number = number;
    c->text = t;
    c->style = style;
    if (row > s->max_row)
        s->max_row = row;
    if (col > s->max_col)
        s->max_col = col;
    return 1;
}

typedef struct cell_ord {
    uint32_t row, col;
    size_t seq;
} cell_ord;

static int
cmp_ord(const void *a, const void *b)
{
    const cell_ord *x = a, *y = b;
    if (x->row != y->row)
        return x->row < y->row ? -1 : 1;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
ds__xlsx_sheet_sort(ds__xlsx_sheet *s)
{
    assert(s);
    int sorted = 1;
    for (size_t i = 1; i < s->n && sorted; i++) {
        const ds__xlsx_cell *a = &s->cells[i - 1], *b = &s->cells[i];
        if (a->row > b->row || (a->row == b->row && a->col >= b->col))
            sorted = 0;
    }
    if (sorted)
        return;
    cell_ord *o = malloc(s->n * sizeof *o);
    ds__xlsx_cell *nv = malloc(s->n * sizeof *nv);
    if (!o || !nv) {
        /* out of memory: fall back to an in-place insertion sort */
        free(o);
        free(nv);
        for (size_t i = 1; i < s->n; i++) {
            ds__xlsx_cell c = s->cells[i];
            size_t j = i;
            while (j > 0 && (s->cells[j - 1].row > c.row ||
                             (s->cells[j - 1].row == c.row &&
                              s->cells[j - 1].col > c.col))) {
                s->cells[j] = s->cells[j - 1];
                j--;
            }
            s->cells[j] = c;
        }
        return;
    }
    for (size_t i = 0; i < s->n; i++) {
        o[i].row = s->cells[i].row;
        o[i].col = s->cells[i].col;
        o[i].seq = i;
    }
    qsort(o, s->n, sizeof *o, cmp_ord);
    size_t m = 0;
    for (size_t i = 0; i < s->n; i++) {
        /* a later cell at the same place replaces the earlier one */
        if (i + 1 < s->n && o[i + 1].row == o[i].row &&
            o[i + 1].col == o[i].col)
            continue;
        nv[m++] = s->cells[o[i].seq];
    }
    free(o);
    free(s->cells);
    s->cells = nv;
    s->n = m;
    s->cap = s->n;
}

size_t
ds__xlsx_sheet_row_start(const ds__xlsx_sheet *s, uint32_t row)
{
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->cells[mid].row < row)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const ds__xlsx_cell *
ds__xlsx_sheet_get(const ds__xlsx_sheet *s, uint32_t row, uint32_t col)
{
    assert(s);
    size_t lo = 0, hi = s->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const ds__xlsx_cell *c = &s->cells[mid];
        if (c->row < row || (c->row == row && c->col < col))
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < s->n && s->cells[lo].row == row && s->cells[lo].col == col)
        return &s->cells[lo];
    return NULL;
}

/* ------------------------------------------------------------ worksheet */

typedef struct sheet_ctx {
    part_ctx b;
    ds__xlsx_sheet *s;
    uint32_t row, last_col;
    int in_sheetdata, in_c, in_v, in_is, in_t, in_rph, in_f, have_v, have_f;
    uint32_t c_row, c_col, c_style;
    uint32_t max_rows;  /* 0: all; else stop at the first later row */
    char c_type[12];
    dbuf v, is, f;
} sheet_ctx;

static int
beyond_limits(uint32_t row, uint32_t col)
{
    return row > DS__XLSX_MAX_ROWS || col > DS__XLSX_MAX_COLS;
}

static void XMLCALL
sheet_start(void *ud, const XML_Char *name, const XML_Char **a)
{
    sheet_ctx *c = ud;
    const char *l = local_name(name);
    char q[80];
    if (strcmp(l, "dimension") == 0) {
        const char *ref = attr(a, "ref");
        if (!ref)
            return;
        char first[32], last[32];
        const char *colon = strchr(ref, ':');
        snprintf(first, sizeof first, "%.*s",
                 colon ? (int)(colon - ref) : (int)strlen(ref), ref);
        snprintf(last, sizeof last, "%s", colon ? colon + 1 : ref);
        uint32_t r1, c1, r2, c2;
        if (!ds__xlsx_parse_ref(first, &r1, &c1) ||
            !ds__xlsx_parse_ref(last, &r2, &c2) || beyond_limits(r1, c1) ||
            beyond_limits(r2, c2))
            FAIL(&c->b, DS_ERANGE,
                 "sheet '%s' claims dimension '%s', beyond the Excel limits "
                 "of 1048576 rows and 16384 columns (XFD1048576)",
                 c->s->name, ds__quote(ref, q, sizeof q));
        else if (r2 >= r1)
            c->s->dim_rows = r2 - r1 + 1;
    } else if (strcmp(l, "sheetData") == 0) {
        c->in_sheetdata = 1;
    } else if (!c->in_sheetdata) {
        return;
    } else if (strcmp(l, "row") == 0) {
        unsigned long r;
        const char *rs = attr(a, "r");
        if (rs) {
            if (!parse_uint(rs, 0xFFFFFFFFul, &r) || r == 0 ||
                r > DS__XLSX_MAX_ROWS) {
                FAIL(&c->b, DS_ERANGE,
                     "sheet '%s' row '%s' is not a row number from 1 to "
                     "1048576",
                     c->s->name, ds__quote(rs, q, sizeof q));
                return;
            }
            c->row = (uint32_t)r;
        } else {
            c->row++;
        }
        c->last_col = 0;
        if (c->max_rows && c->row > c->max_rows) {
            /* rows are in order (ECMA-376 18.3.1.73): the head is read */
            c->s->partial = 1;
            c->b.done = 1;
            XML_StopParser(c->b.p, XML_FALSE);
            return;
        }
    } else if (strcmp(l, "c") == 0) {
        const char *ref = attr(a, "r");
        const char *t = attr(a, "t");
        const char *s = attr(a, "s");
        unsigned long sv = 0;
        c->in_c = 1;
        c->have_v = c->have_f = 0;
        dbuf_reset(&c->v);
        dbuf_reset(&c->is);
        dbuf_reset(&c->f);
        if (ref) {
            if (!ds__xlsx_parse_ref(ref, &c->c_row, &c->c_col)) {
                FAIL(&c->b, DS_EPARSE,
                     "sheet '%s' has an invalid cell reference '%s'",
                     c->s->name, ds__quote(ref, q, sizeof q));
                return;
            }
            if (beyond_limits(c->c_row, c->c_col)) {
                FAIL(&c->b, DS_ERANGE,
                     "sheet '%s' cell '%s' is beyond the Excel limits of "
                     "1048576 rows and 16384 columns",
                     c->s->name, ds__quote(ref, q, sizeof q));
                return;
            }
        } else {
            c->c_row = c->row ? c->row : 1;
            c->c_col = c->last_col + 1;
            if (c->c_col > DS__XLSX_MAX_COLS) {
                FAIL(&c->b, DS_ERANGE,
                     "sheet '%s' row %lu has more than 16384 cells",
                     c->s->name, (unsigned long)c->c_row);
                return;
            }
        }
        c->last_col = c->c_col;
        snprintf(c->c_type, sizeof c->c_type, "%s", t ? t : "n");
        c->c_style = (s && parse_uint(s, 0xFFFFFFFFul, &sv)) ? (uint32_t)sv
                                                            : 0;
    } else if (!c->in_c) {
        return;
    } else if (strcmp(l, "v") == 0) {
        c->in_v = 1;
        c->have_v = 1;
    } else if (strcmp(l, "f") == 0) {
        c->in_f = 1;
        c->have_f = 1;
    } else if (strcmp(l, "is") == 0) {
        c->in_is = 1;
    } else if (strcmp(l, "rPh") == 0) {
        c->in_rph = 1;
    } else if (strcmp(l, "t") == 0 && c->in_is && !c->in_rph) {
        c->in_t = 1;
    }
}

static void
sheet_cell_end(sheet_ctx *c)
{
    ds__xlsx *x = c->b.x;
    ds__xlsx_sheet *s = c->s;
    char ref[24], q[80];
    ds__xlsx_cellref(c->c_row, c->c_col, ref, sizeof ref);
    const char *t = c->c_type;
    const char *v = dbuf_str(&c->v);
    ds__xlsx_type type;
    double num = 0;
    const char *text = v;
    if (c->have_f && !c->have_v && strcmp(t, "inlineStr") != 0) {
        /* a formula whose value was never calculated and saved (written
         * by tools that leave it to the spreadsheet program): a cell that
         * holds something, but no value to read */
        type = DS__XLSX_FORMULA;
        text = dbuf_str(&c->f);
    } else if (strcmp(t, "s") == 0) {
        if (!c->have_v)
            return;
        unsigned long idx;
        if (!parse_uint(v, 0xFFFFFFFFul, &idx)) {
            FAIL(&c->b, DS_EPARSE,
                 "sheet '%s' cell %s: invalid shared string index '%s'",
                 s->name, ref, ds__quote(v, q, sizeof q));
            return;
        }
        if (idx >= x->nsst) {
            FAIL(&c->b, DS_EPARSE,
                 "sheet '%s' cell %s: shared string index %lu out of range "
                 "(the workbook has %zu shared strings)",
                 s->name, ref, idx, x->nsst);
            return;
        }
        type = DS__XLSX_STRING;
        text = x->sst[idx];
    } else if (strcmp(t, "inlineStr") == 0) {
        type = DS__XLSX_STRING;
        text = dbuf_str(&c->is);
    } else if (strcmp(t, "str") == 0 || strcmp(t, "d") == 0) {
        if (!c->have_v)
            return;
        type = DS__XLSX_STRING;
    } else if (strcmp(t, "e") == 0) {
        if (!c->have_v)
            return;
        type = DS__XLSX_ERROR;
    } else if (strcmp(t, "b") == 0) {
        if (!c->have_v)
            return;
        if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0) {
            FAIL(&c->b, DS_EPARSE,
                 "sheet '%s' cell %s: invalid boolean '%s' (expected 0 or 1)",
                 s->name, ref, ds__quote(v, q, sizeof q));
            return;
        }
        type = DS__XLSX_BOOL;
        num = v[0] == '1';
    } else if (strcmp(t, "n") == 0) {
        if (!c->have_v)
            return;
        if (!ds__parse_double_n(v, strlen(v), &num)) {
            FAIL(&c->b, DS_EPARSE, "sheet '%s' cell %s: invalid number '%s'",
                 s->name, ref, ds__quote(v, q, sizeof q));
            return;
        }
        type = DS__XLSX_NUMBER;
    } else {
        FAIL(&c->b, DS_EPARSE, "sheet '%s' cell %s: unknown cell type '%s'",
             s->name, ref, ds__quote(t, q, sizeof q));
        return;
    }
    if (type == DS__XLSX_STRING && !text[0])
        return; /* an empty string is an empty cell */
    if (s->n >= x->lim.max_cells) {
        FAIL(&c->b, DS_ERANGE,
             "sheet '%s' has more than %zu cells (at cell %s)", s->name,
             x->lim.max_cells, ref);
        return;
    }
    if (x->cells_read >= x->lim.max_total_cells) {
        FAIL(&c->b, DS_ERANGE,
             "the workbook has more than %zu cells in all (at sheet '%s' "
             "cell %s)",
             x->lim.max_total_cells, s->name, ref);
        return;
    }
    x->cells_read++;
    if (!ds__xlsx_sheet_add(s, c->c_row, c->c_col, type, num, text,
                            c->c_style))
        FAIL(&c->b, DS_ENOMEM, "out of memory");
}

static void XMLCALL
sheet_end(void *ud, const XML_Char *name)
{
    sheet_ctx *c = ud;
    const char *l = local_name(name);
    if (strcmp(l, "sheetData") == 0)
        c->in_sheetdata = 0;
    else if (strcmp(l, "c") == 0 && c->in_c) {
        sheet_cell_end(c);
        c->in_c = c->in_v = c->in_is = c->in_t = c->in_rph = c->in_f = 0;
    } else if (strcmp(l, "v") == 0)
        c->in_v = 0;
    else if (strcmp(l, "f") == 0)
        c->in_f = 0;
    else if (strcmp(l, "is") == 0)
        c->in_is = 0;
    else if (strcmp(l, "rPh") == 0)
        c->in_rph = 0;
    else if (strcmp(l, "t") == 0)
        c->in_t = 0;
}

static void XMLCALL
sheet_text(void *ud, const XML_Char *t, int len)
{
    sheet_ctx *c = ud;
    int ok = 1;
    if (c->in_v)
        ok = dbuf_add(&c->v, t, (size_t)len);
    else if (c->in_f)
        ok = c->f.n > 4096 || dbuf_add(&c->f, t, (size_t)len);
    else if (c->in_t)
        ok = dbuf_add(&c->is, t, (size_t)len);
    if (!ok)
        FAIL(&c->b, DS_ENOMEM, "out of memory");
}

static ds_status
sheet_read(ds__xlsx *x, size_t i, uint32_t max_rows, ds__xlsx_sheet **out,
           ds_error *err)
{
    assert(x && out && i < x->nsheets);
    ds__xlsx_sheet *s = ds__xlsx_sheet_alloc(x->sheets[i].name);
    if (!s)
        return ds__error_set(err, DS_ENOMEM, x->path, 0, 0, "out of memory");
    sheet_ctx c;
    memset(&c, 0, sizeof c);
    c.s = s;
    c.max_rows = max_rows;
    ds_status st = parse_part(x, x->sheets[i].part, &c.b, sheet_start,
                              sheet_end, sheet_text, err);
    free(c.v.p);
    free(c.is.p);
    free(c.f.p);
    if (st == DS_ENOTFOUND)
        st = ds__error_set(err, DS_EPARSE, x->path, 0, 0,
                           "missing part '%s' (sheet '%s')",
                           x->sheets[i].part, x->sheets[i].name);
    if (st != DS_OK) {
        ds__xlsx_sheet_free(s);
        return st;
    }
    ds__xlsx_sheet_sort(s);
    *out = s;
    return DS_OK;
}

ds_status
ds__xlsx_sheet_read(ds__xlsx *x, size_t i, ds__xlsx_sheet **out,
                    ds_error *err)
{
    return sheet_read(x, i, 0, out, err);
}

ds_status
ds__xlsx_sheet_read_head(ds__xlsx *x, size_t i, uint32_t max_rows,
                         ds__xlsx_sheet **out, ds_error *err)
{
    assert(max_rows > 0);
    return sheet_read(x, i, max_rows, out, err);
}

size_t
ds__xlsx_bytes_read(const ds__xlsx *x)
{
    assert(x);
    return x->bytes_read;
}

size_t
ds__xlsx_cells_read(const ds__xlsx *x)
{
    assert(x);
    return x->cells_read;
}

/* ------------------------------------------------------ core properties */

typedef struct core_ctx {
    part_ctx b;
    int which; /* 1 created, 2 modified */
    dbuf created, modified;
} core_ctx;

static void XMLCALL
core_start(void *ud, const XML_Char *name, const XML_Char **a)
{
    (void)a;
    core_ctx *c = ud;
    const char *l = local_name(name);
    c->which = strcmp(l, "created") == 0 ? 1 : strcmp(l, "modified") == 0 ? 2 : 0;
}

static void XMLCALL
core_end(void *ud, const XML_Char *name)
{
    (void)name;
    ((core_ctx *)ud)->which = 0;
}

static void XMLCALL
core_text(void *ud, const XML_Char *t, int len)
{
    core_ctx *c = ud;
    dbuf *b = c->which == 1 ? &c->created : c->which == 2 ? &c->modified : NULL;
    if (b && b->n < 64 && !dbuf_add(b, t, (size_t)len))
        FAIL(&c->b, DS_ENOMEM, "out of memory");
}

static void
iso_date(const dbuf *b, char out[11])
{
    const char *s = dbuf_str(b);
    while (isspace((unsigned char)*s))
        s++;
    out[0] = '\0';
    /* "2024-06-17T09:12:00Z": the date part, if it is a day that exists
     * (a workbook dated 2025-02-31 has no usable date) */
    for (int i = 0; i < 10; i++) {
        int want_dash = i == 4 || i == 7;
        if (want_dash ? s[i] != '-' : !isdigit((unsigned char)s[i]))
            return;
    }
    if (!ds__date_check(s, 10, NULL, NULL, NULL, NULL, NULL, 0))
        return;
    memcpy(out, s, 10);
    out[10] = '\0';
}

ds_status
ds__xlsx_core_dates(ds__xlsx *x, char created[11], char modified[11],
                    ds_error *err)
{
    assert(x && created && modified);
    created[0] = modified[0] = '\0';
    const char *part = x->core_part[0] ? x->core_part : "docProps/core.xml";
    core_ctx c;
    memset(&c, 0, sizeof c);
    ds_status st = parse_part(x, part, &c.b, core_start, core_end, core_text,
                              err);
    if (st == DS_OK) {
        iso_date(&c.created, created);
        iso_date(&c.modified, modified);
    }
    free(c.created.p);
    free(c.modified.p);
    return st == DS_ENOTFOUND ? DS_OK : st;
}

ds_status
ds__xlsx_vintage(ds__xlsx *x, int min_year, char vintage[11], ds_error *err)
{
    char created[11], modified[11];
    vintage[0] = '\0';
    ds_status st = ds__xlsx_core_dates(x, created, modified, err);
    if (st != DS_OK)
        return st;
    if (modified[0] && atoi(modified) >= min_year)
        snprintf(vintage, 11, "%s", modified);
    else if (created[0] && atoi(created) >= min_year)
        snprintf(vintage, 11, "%s", created);
    return DS_OK;
}

/* ------------------------------------------------ loader text helpers */

static int
word_at(const char *lower, const char *p, const char *w)
{
    /* w at p, not preceded by a letter, followed by a non-letter */
    size_t n = strlen(w);
    if (strncmp(p, w, n) != 0)
        return 0;
    if (p > lower && isalpha((unsigned char)p[-1]))
        return 0;
    return !isalpha((unsigned char)p[n]);
}

double
ds__sheet_scale_from_text(const char *text)
{
    if (!text)
        return 0;
    size_t n = strlen(text);
    char *l = malloc(n + 1);
    if (!l)
        return 0;
    for (size_t i = 0; i <= n; i++)
        l[i] = (char)tolower((unsigned char)text[i]);
    double scale = 0;
    for (const char *p = l; *p && scale == 0; p++) {
        if (word_at(l, p, "millions") || word_at(l, p, "million"))
            scale = 1e6;
        else if (word_at(l, p, "billions") || word_at(l, p, "billion"))
            scale = 1e9;
        else if (word_at(l, p, "thousands") || word_at(l, p, "thousand"))
            scale = 1e3;
        else if (*p == '$') {
            const char *q = p + 1;
            while (*q == ' ')
                q++;
            if ((q[0] == 'm' || q[0] == 'b') && !isalpha((unsigned char)q[1]))
                scale = q[0] == 'm' ? 1e6 : 1e9;
        } else if ((p[0] == 'm' || p[0] == 'b') && p[1] == '.' && p > l &&
                   (p[-1] == ' ' || p[-1] == ',')) {
            scale = p[0] == 'm' ? 1e6 : 1e9;
        }
    }
    free(l);
    return scale;
}

int
ds__sheet_base_year_from_text(const char *text)
{
    if (!text)
        return 0;
    for (const char *p = text; *p; p++) {
        if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]) ||
            !isdigit((unsigned char)p[2]) || !isdigit((unsigned char)p[3]) ||
            isdigit((unsigned char)p[4]) ||
            (p > text && isdigit((unsigned char)p[-1])))
            continue;
        int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 +
                (p[3] - '0');
        if (y < 1900 || y > 2200)
            continue;
        /* "constant (2023)" / "constant 2015" before, or " prices" after */
        const char *b = p;
        while (b > text && (b[-1] == ' ' || b[-1] == '('))
            b--;
        if (b - text >= 8 && strncasecmp(b - 8, "constant", 8) == 0)
            return y;
        const char *e = p + 4;
        while (*e == ' ' || *e == ')')
            e++;
        if (strncasecmp(e, "prices", 6) == 0)
            return y;
    }
    return 0;
}

double
ds__sheet_scale_decimal(const char *text, double v, int k)
{
    double fallback = v * pow(10, k);
    char digits[80], out[100];
    size_t nd = 0;
    long point = -1;
    const char *p = text;
    int neg = 0;
    if (k < 0 || k > 12 || !text)
        return fallback;
    while (*p == ' ')
        p++;
    if (*p == '-' || *p == '+')
        neg = *p++ == '-';
    for (; *p; p++) {
        if (isdigit((unsigned char)*p) && nd < 60)
            digits[nd++] = *p;
        else if (*p == '.' && point < 0)
            point = (long)nd;
        else
            return fallback;
    }
    if (nd == 0)
        return fallback;
    if (point < 0)
        point = (long)nd;
    point += k;
    size_t o = 0;
    if (neg)
        out[o++] = '-';
    for (long i = 0; i < point || i < (long)nd; i++) {
        if (i == point)
            out[o++] = '.';
        out[o++] = i < (long)nd ? digits[i] : '0';
    }
    out[o] = '\0';
    double r;
    if (!ds__parse_double_n(out, o, &r))
        return fallback;
    return r;
}
