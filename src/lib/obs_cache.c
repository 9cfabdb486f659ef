/* obs_cache.c - a binary copy of a big store CSV file's observations, so
 * that a run does not parse and validate the same 3 MB again (issue 18).
 *
 * Promises: the CSV file is the only source of truth.  A cache is used
 * only when it names the file by device, inode, size, modification and
 * change time (nanoseconds) exactly as stat() gives them now, its checksum
 * holds and every index and value is in range; anything else and the CSV
 * is parsed as before (and the cache rewritten).  A cache holds a file
 * only after that file loaded alone without error, and if adding a cached
 * observation to the store fails (a conflict with another file), the
 * store is put back and the CSV is parsed, so errors and their positions
 * are those of the CSV.  Caches live in $XDG_CACHE_HOME/defspend (else
 * ~/.cache/defspend), one per CSV path (named by a hash of the real path,
 * which the cache holds and checks), written to a temporary file and
 * renamed; failing to write one is silent.  Writing one removes the
 * caches of files that are gone or replaced.  Only files of at least
 * DS__OBS_CACHE_MIN bytes are cached; DEFSPEND_CACHE=0 turns it off.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "obs_cache.h"

#define MAGIC "dsobs\0\0\2" /* format 2 */

enum { NSTR = 8 }; /* country, indicator, currency, price_basis,
                      definition, source, vintage, note */

typedef struct hdr {
    char magic[8];
    uint64_t dev, ino, size;
    int64_t mtime_s, mtime_ns, ctime_s, ctime_ns;
    uint64_t pathlen;  /* the CSV's real path follows the header */
    uint64_t nstrings, strbytes, nobs;
    uint64_t sum; /* of the strings and records, after the path */
} hdr;

typedef struct rec {
    uint32_t str[NSTR]; /* string numbers */
    int32_t year, fy_start_month;
    uint32_t flags, pad;
    double value;
    uint64_t line;
} rec;

static uint64_t
checksum(const unsigned char *p, size_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15u;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        h = (h ^ w) * 0xBF58476D1CE4E5B9u;
        h ^= h >> 29;
    }
    for (; i < n; i++)
        h = (h ^ p[i]) * 0x100000001B3u;
    return h;
}

int
ds__obs_cache_enabled(void)
{
    const char *e = getenv("DEFSPEND_CACHE");
    return !(e && strcmp(e, "0") == 0);
}

int
ds__cache_dir(char *dir, size_t dsize)
{
    const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    int n;
    if (x && x[0] == '/')
        n = snprintf(dir, dsize, "%s/defspend", x);
    else if (home && home[0] == '/')
        n = snprintf(dir, dsize, "%s/.cache/defspend", home);
    else
        return 0;
    return n >= 0 && (size_t)n < dsize;
}

/* The cache file's name for path, in buf; 0 when there is no cache
 * directory (no HOME) or the path cannot be resolved. */
static int
cache_name(const char *path, char *buf, size_t size, char *dir,
           size_t dsize, char real[PATH_MAX])
{
    if (!realpath(path, real) || !ds__cache_dir(dir, dsize))
        return 0;
    uint64_t h = 0xcbf29ce484222325u; /* FNV-1a of the real path */
    for (const char *p = real; *p; p++)
        h = (h ^ (unsigned char)*p) * 0x100000001B3u;
    int n = snprintf(buf, size, "%s/obs-%016llx.bin", dir,
                     (unsigned long long)h);
    return n > 0 && (size_t)n < size;
}

static void
fill_stat(hdr *h, const struct stat *st)
{
    h->dev = (uint64_t)st->st_dev;
    h->ino = (uint64_t)st->st_ino;
    h->size = (uint64_t)st->st_size;
    h->mtime_s = (int64_t)st->st_mtim.tv_sec;
    h->mtime_ns = (int64_t)st->st_mtim.tv_nsec;
    h->ctime_s = (int64_t)st->st_ctim.tv_sec;
    h->ctime_ns = (int64_t)st->st_ctim.tv_nsec;
}

static int
same_stat(const hdr *a, const hdr *b)
{
    return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
           a->mtime_s == b->mtime_s && a->mtime_ns == b->mtime_ns &&
           a->ctime_s == b->ctime_s && a->ctime_ns == b->ctime_ns;
}

static int
read_all(int fd, void *buf, size_t n)
{
    unsigned char *p = buf;
    while (n) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return 0;
        p += r;
        n -= (size_t)r;
    }
    return 1;
}

int
ds__obs_cache_load(ds_store *s, const char *path, const struct stat *st)
{
    char name[PATH_MAX + 64], dir[PATH_MAX], real[PATH_MAX], cpath[PATH_MAX];
    if ((uint64_t)st->st_size < DS__OBS_CACHE_MIN || !ds__obs_cache_enabled() ||
        !cache_name(path, name, sizeof name, dir, sizeof dir, real))
        return 0;
    int fd = open(name, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    hdr h, want;
    struct stat cs;
    unsigned char *body = NULL;
    const char **strs = NULL;
    int ok = 0;
    size_t before = s->n;
    memset(&want, 0, sizeof want);
    fill_stat(&want, st);
    if (fstat(fd, &cs) != 0 || (size_t)cs.st_size < sizeof h ||
        !read_all(fd, &h, sizeof h) || memcmp(h.magic, MAGIC, 8) != 0 ||
        !same_stat(&h, &want) || h.nobs > ((uint64_t)1 << 32) ||
        h.nstrings > ((uint64_t)1 << 32) || h.strbytes > ((uint64_t)1 << 32) ||
        h.pathlen != strlen(real) ||
        (uint64_t)cs.st_size !=
            sizeof h + h.pathlen + h.strbytes + h.nobs * sizeof(rec) ||
        !read_all(fd, cpath, (size_t)h.pathlen) ||
        memcmp(cpath, real, (size_t)h.pathlen) != 0)
        goto done;
    size_t blen = (size_t)(h.strbytes + h.nobs * sizeof(rec));
    body = malloc(blen ? blen : 1);
    strs = malloc((h.nstrings ? h.nstrings : 1) * sizeof *strs);
    if (!body || !strs || !read_all(fd, body, blen) ||
        checksum(body, blen) != h.sum)
        goto done;
    /* the strings: h.nstrings NUL-terminated texts, interned */
    const char *p = (const char *)body, *end = p + h.strbytes;
    for (uint64_t i = 0; i < h.nstrings; i++) {
        const char *z = p < end ? memchr(p, '\0', (size_t)(end - p)) : NULL;
        if (!z || !(strs[i] = ds__pool_intern(s->pool, p, (size_t)(z - p))))
            goto done;
        p = z + 1;
    }
    if (p != end)
        goto done;
    const char *ipath = ds__pool_intern(s->pool, path, strlen(path));
    if (!ipath)
        goto done;
    const unsigned char *rp = body + h.strbytes;
    if (!ds__store_reserve(s, (size_t)h.nobs))
        goto done; /* out of memory: the CSV path will say so */
    for (uint64_t i = 0; i < h.nobs; i++) {
        rec r;
        memcpy(&r, rp + i * sizeof r, sizeof r);
        for (int k = 0; k < NSTR; k++)
            if (r.str[k] >= h.nstrings)
                goto undo;
        if (r.fy_start_month < 1 || r.fy_start_month > 12 || r.year < 1000 ||
            r.year > 3000)
            goto undo; /* the CSV parser's ranges */
        ds_obs o;
        memset(&o, 0, sizeof o);
        o.country = strs[r.str[0]];
        o.indicator = strs[r.str[1]];
        o.currency = strs[r.str[2]];
        o.price_basis = strs[r.str[3]];
        o.definition = strs[r.str[4]];
        o.source = strs[r.str[5]];
        o.vintage = strs[r.str[6]];
        o.note = strs[r.str[7]];
        o.year = r.year;
        o.fy_start_month = r.fy_start_month;
        o.flags = r.flags;
        o.value = r.value;
        o.line = (size_t)r.line;
        o.path = ipath;
        if (ds__store_add(s, &o, 0, NULL) != DS_OK)
            goto undo; /* the CSV path gives the error and its place */
    }
    ok = 1;
    goto done;
undo:
    ds__store_truncate(s, before);
done:
    free(strs);
    free(body);
    close(fd);
    return ok;
}

/* ------------------------------------------- shared with the snapshot */

static size_t
strtab_slot(const ds__strtab *t, const char *k)
{
    size_t i = ((uintptr_t)k >> 3) * 0x9E3779B97F4A7C15u & (t->cap - 1);
    while (t->key[i] && t->key[i] != k)
        i = (i + 1) & (t->cap - 1);
    return i;
}

static int
strtab_grow(ds__strtab *t)
{
    ds__strtab g = *t;
    g.cap = t->cap ? t->cap * 2 : 1024;
    g.key = calloc(g.cap, sizeof *g.key);
    g.num = calloc(g.cap, sizeof *g.num);
    if (!g.key || !g.num) {
        free(g.key);
        free(g.num);
        return 0;
    }
    for (size_t q = 0; q < t->cap; q++)
        if (t->key[q]) {
            size_t i = strtab_slot(&g, t->key[q]);
            g.key[i] = t->key[q];
            g.num[i] = t->num[q];
        }
    free(t->key);
    free(t->num);
    *t = g;
    return 1;
}

long
ds__strtab_num(ds__strtab *t, const char *k)
{
    if ((t->n + 1) * 2 > t->cap && !strtab_grow(t))
        return -1;
    size_t i = strtab_slot(t, k);
    if (t->key[i])
        return t->num[i];
    size_t l = strlen(k) + 1;
    if (t->len + l > t->tcap) {
        size_t nc = (t->len + l) * 2 + 4096;
        char *nt = realloc(t->text, nc);
        if (!nt)
            return -1;
        t->text = nt;
        t->tcap = nc;
    }
    memcpy(t->text + t->len, k, l);
    t->len += l;
    t->key[i] = k;
    t->num[i] = (uint32_t)t->n;
    return (long)t->n++;
}

void
ds__strtab_free(ds__strtab *t)
{
    free(t->key);
    free(t->num);
    free(t->text);
    memset(t, 0, sizeof *t);
}

int
ds__cache_write(const char *name, const void *const *parts,
                const size_t *lens, size_t nparts)
{
    char dir[PATH_MAX], tmp[PATH_MAX + 96];
    if (!ds__cache_dir(dir, sizeof dir))
        return 0;
    /* mkdir -p of the cache directory, then a temporary file renamed */
    for (char *q = dir + 1; *q; q++)
        if (*q == '/') {
            *q = '\0';
            mkdir(dir, 0700);
            *q = '/';
        }
    mkdir(dir, 0700);
    int n = snprintf(tmp, sizeof tmp, "%s.%ld.tmp", name, (long)getpid());
    if (n < 0 || (size_t)n >= sizeof tmp)
        return 0;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return 0;
    int good = 1;
    for (size_t k = 0; k < nparts && good; k++) {
        const unsigned char *c = parts[k];
        size_t left = lens[k];
        while (left && good) {
            ssize_t w = write(fd, c, left);
            if (w < 0 && errno == EINTR)
                continue;
            good = w > 0;
            if (good) {
                c += w;
                left -= (size_t)w;
            }
        }
    }
    good = close(fd) == 0 && good;
    if (!good || rename(tmp, name) != 0) {
        unlink(tmp);
        return 0;
    }
    return 1;
}

/* Remove the other caches of dir whose CSV file is gone or replaced (a
 * deleted store, a temporary directory), so that caches do not pile up:
 * each names its file's real path, device and inode. */
static void
prune(const char *dir, const char *keep)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char name[PATH_MAX + 300], cpath[PATH_MAX];
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (strncmp(e->d_name, "obs-", 4) != 0 || l < 8 ||
            strcmp(e->d_name + l - 4, ".bin") != 0)
            continue;
        int n = snprintf(name, sizeof name, "%s/%s", dir, e->d_name);
        if (n < 0 || (size_t)n >= sizeof name || strcmp(name, keep) == 0)
            continue;
        int fd = open(name, O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            continue;
        hdr h;
        int gone = 0;
        struct stat fs;
        if (read_all(fd, &h, sizeof h) && memcmp(h.magic, MAGIC, 8) == 0 &&
            h.pathlen > 0 && h.pathlen < sizeof cpath &&
            read_all(fd, cpath, (size_t)h.pathlen)) {
            cpath[h.pathlen] = '\0';
            gone = stat(cpath, &fs) != 0 || (uint64_t)fs.st_dev != h.dev ||
                   (uint64_t)fs.st_ino != h.ino;
        } else {
            gone = 1; /* another format or damaged */
        }
        close(fd);
        if (gone)
            unlink(name);
    }
    closedir(d);
}

void
ds__obs_cache_save(const ds_store *s, const char *path, const struct stat *st)
{
    char name[PATH_MAX + 64], dir[PATH_MAX], real[PATH_MAX];
    if ((uint64_t)st->st_size < DS__OBS_CACHE_MIN || !ds__obs_cache_enabled() ||
        !cache_name(path, name, sizeof name, dir, sizeof dir, real))
        return;
    size_t n = s->n;
    ds__strtab t = {0};
    rec *recs = calloc(n ? n : 1, sizeof *recs);
    unsigned char *body = NULL;
    if (!recs)
        goto out;
    for (size_t i = 0; i < n; i++) {
        const ds_obs *o = &s->obs[i];
        const char *f[NSTR] = {o->country,    o->indicator, o->currency,
                               o->price_basis, o->definition, o->source,
                               o->vintage,    o->note};
        for (int k = 0; k < NSTR; k++) {
            long v = ds__strtab_num(&t, f[k]);
            if (v < 0)
                goto out;
            recs[i].str[k] = (uint32_t)v;
        }
        recs[i].year = o->year;
        recs[i].fy_start_month = o->fy_start_month;
        recs[i].flags = o->flags;
        recs[i].value = o->value;
        recs[i].line = o->line;
    }
    hdr h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, MAGIC, 8);
    fill_stat(&h, st);
    h.pathlen = strlen(real);
    h.nstrings = t.n;
    h.strbytes = t.len;
    h.nobs = n;
    size_t blen = t.len + n * sizeof *recs;
    body = malloc(blen ? blen : 1);
    if (!body)
        goto out;
    if (t.len)
        memcpy(body, t.text, t.len);
    memcpy(body + t.len, recs, n * sizeof *recs);
    h.sum = checksum(body, blen);
    const void *parts[] = {&h, real, body};
    size_t lens[] = {sizeof h, (size_t)h.pathlen, blen};
    ds__cache_write(name, parts, lens, 3);
    prune(dir, name);
out:
    ds__strtab_free(&t);
    free(recs);
    free(body);
}

int
ds__obs_cache_wanted(const char *path, const struct stat *st, size_t len)
{
    struct stat now;
    hdr a, b;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    if ((uint64_t)st->st_size < DS__OBS_CACHE_MIN ||
        !ds__obs_cache_enabled() || stat(path, &now) != 0)
        return 0;
    fill_stat(&a, st);
    fill_stat(&b, &now);
    /* not when the file changed while it was read */
    return same_stat(&a, &b) && (uint64_t)len == a.size;
}
