/* store_snapshot.c - a binary snapshot of a layered store (issue 18).
 *
 * Every command reads the shipped datasets and the user store over them
 * (ds_store_load_layers): about 92,000 figures, whose parsing, key index
 * (conflicts between files, the upper layer replacing the lower) and
 * query index cost most of a short command's run even from the per-file
 * caches of obs_cache.c.  The snapshot holds the result of that work --
 * the observations in load order and the query index -- for one set of
 * layers, so that loading it is reading records, not redoing the merge.
 *
 * Promises, as for the per-file caches: the CSV files are the only source
 * of truth.  A snapshot is written only after a load of the layers that
 * succeeded, and only if every file is still as it was before that load;
 * it is used only when its description of the layers is byte for byte
 * the one made now: the directories as given and their real paths, and
 * every file the load reads, by name, device, inode, size, modification
 * and change time in ns (a file added, removed, replaced or touched, or a
 * user store created, means a full load).  Its checksum must hold and
 * every string number, index and year be in range.  The meta/ files
 * (countries, baselines) are small and read as always, with the same
 * errors.  The key index (conflicts between figures) is not in the
 * snapshot: store.c rebuilds it before the store is next changed.
 * Snapshots live beside the per-file caches ($XDG_CACHE_HOME/defspend,
 * store-<hash>.bin), written to a temporary file and renamed (never
 * rewritten in place, so a store keeping one mapped reads the version it
 * checked); failing to write one is silent; writing one removes the
 * snapshots of layers whose directories are gone.  DEFSPEND_CACHE=0
 * turns them off.  A store read from a snapshot keeps the file mapped for
 * its life and reads the query index's runs (gorder) in place.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "obs_cache.h"
#include "store_csv.h"
#include "store_snapshot.h"

#define MAGIC "dssnap\0\1" /* format 1 */
#define NONE UINT32_MAX

enum { NSTR = 9 }; /* country, indicator, currency, price_basis,
                      definition, source, vintage, note, path */

typedef struct hdr {
    char magic[8];
    uint64_t keylen, nstrings, strbytes, nobs, ngroups;
    uint64_t sum; /* of everything after the header */
} hdr;

typedef struct rec {
    uint32_t str[NSTR];
    int32_t year, fy_start_month;
    uint32_t flags;
    double value;
    uint64_t line;
} rec;

typedef struct grec {
    uint32_t country, indicator, start, len;
} grec;

static size_t
pad8(size_t n)
{
    return (n + 7) & ~(size_t)7;
}

/* A Fletcher-style sum in eight 32-bit lanes (plain integer adds, which
 * the compiler vectorises): checking 8 MB costs a fraction of a
 * millisecond, and any flipped bit or cut changes it. */
static uint64_t
checksum(const unsigned char *p, size_t n)
{
    uint32_t a[8] = {1, 2, 3, 4, 5, 6, 7, 8}, b[8] = {0};
    size_t i = 0;
    for (; i + 32 <= n; i += 32) {
        uint32_t w[8];
        memcpy(w, p + i, 32);
        for (int k = 0; k < 8; k++) {
            a[k] += w[k];
            b[k] += a[k];
        }
    }
    uint64_t r = 0xcbf29ce484222325u;
    for (int k = 0; k < 8; k++)
        r = ((r ^ a[k]) * 0x100000001B3u ^ b[k]) * 0x100000001B3u;
    for (; i < n; i++)
        r = (r ^ p[i]) * 0x100000001B3u;
    return r ^ (uint64_t)n;
}

/* Ask the kernel for the pages of a big new buffer in one call rather
 * than a fault per 4 KB page (Linux 5.14; elsewhere a no-op). */
static void
prefault(void *p, size_t n)
{
#ifdef MADV_POPULATE_WRITE
    long pg = sysconf(_SC_PAGESIZE);
    if (pg <= 0 || n < 64 * (size_t)pg)
        return;
    uintptr_t a = ((uintptr_t)p + (uintptr_t)pg - 1) & ~((uintptr_t)pg - 1),
              e = ((uintptr_t)p + n) & ~((uintptr_t)pg - 1);
    if (e > a)
        (void)madvise((void *)a, e - a, MADV_POPULATE_WRITE);
#else
    (void)p;
    (void)n;
#endif
}

/* A buffer of n bytes; a big one in 2 MB pages where the kernel offers
 * them for the asking (transparent huge pages in "madvise" mode): a
 * fault per 2 MB instead of per 4 KB.  Freed with free(). */
static void *
big_alloc(size_t n)
{
#ifdef MADV_HUGEPAGE
    const size_t huge = (size_t)2 << 20;
    if (n >= 2 * huge) {
        size_t len = (n + huge - 1) & ~(huge - 1);
        void *p = aligned_alloc(huge, len);
        if (p) {
            (void)madvise(p, len, MADV_HUGEPAGE);
            return p;
        }
    }
#endif
    return malloc(n ? n : 1);
}

/* ---------------------------------------------------------------- key */

typedef struct sbuf {
    char *p;
    size_t len, cap;
    int bad;
} sbuf;

static void
sb_printf(sbuf *b, const char *fmt, ...)
{
    if (b->bad)
        return;
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(b->p ? b->p + b->len : NULL,
                          b->p ? b->cap - b->len : 0, fmt, ap);
        va_end(ap);
        if (n < 0) {
            b->bad = 1;
            return;
        }
        if (b->p && b->len + (size_t)n < b->cap) {
            b->len += (size_t)n;
            return;
        }
        size_t nc = (b->cap + (size_t)n + 1) * 2;
        char *np = realloc(b->p, nc);
        if (!np) {
            b->bad = 1;
            return;
        }
        b->p = np;
        b->cap = nc;
    }
}

/* One directory: its real path and each file the load reads.  0 when the
 * load would fail or refuse (it says why, not us). */
static int
key_dir(sbuf *b, const char *dir, uint64_t *bytes)
{
    char real[PATH_MAX], **names = NULL;
    size_t n = 0;
    if (!realpath(dir, real) ||
        ds__store_dir_files(dir, &names, &n, NULL) != DS_OK)
        return 0;
    sb_printf(b, "dir\t%s\t%s\n", dir, real);
    int ok = 1;
    for (size_t i = 0; i < n && ok; i++) {
        struct stat st;
        if (lstat(names[i], &st) != 0 || S_ISLNK(st.st_mode))
            ok = 0; /* gone meanwhile, or refused by the load */
        else if (S_ISREG(st.st_mode)) {
            sb_printf(b, "file\t%s\t%llu\t%llu\t%llu\t%lld.%09ld\t%lld.%09ld\n",
                      names[i], (unsigned long long)st.st_dev,
                      (unsigned long long)st.st_ino,
                      (unsigned long long)st.st_size,
                      (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec,
                      (long long)st.st_ctim.tv_sec, (long)st.st_ctim.tv_nsec);
            *bytes += (uint64_t)st.st_size;
        }
    }
    ds__store_dir_files_free(names, n);
    return ok;
}

int
ds__snap_key_make(const ds_store_layers *l, ds__snap_key *k)
{
    memset(k, 0, sizeof *k);
    char dir[PATH_MAX];
    if (!ds__obs_cache_enabled() || !ds__cache_dir(dir, sizeof dir))
        return 0;
    sbuf b = {0};
    sb_printf(&b, "defspend store snapshot 1\nbase\t%s\nupper\t%s\nonly\t%d\n",
              l->base ? l->base : "", l->upper ? l->upper : "",
              l->upper_only);
    size_t idlen = b.len;
    int ok;
    if (!l->base || l->upper_only) {
        ok = key_dir(&b, l->upper, &k->bytes);
    } else {
        ok = key_dir(&b, l->base, &k->bytes);
        struct stat st;
        if (ok && l->upper) {
            if (stat(l->upper, &st) != 0 && errno == ENOENT)
                ok = l->upper_optional; /* else the load fails */
            else
                ok = key_dir(&b, l->upper, &k->bytes);
        }
    }
    if (!ok || b.bad || b.len < idlen) {
        free(b.p);
        return 0;
    }
    /* the name: a hash of the layers as given and where they really are
     * (every line but the files') */
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < b.len;) {
        size_t e = i;
        while (e < b.len && b.p[e] != '\n')
            e++;
        if (strncmp(b.p + i, "file\t", 5) != 0)
            for (size_t j = i; j <= e && j < b.len; j++)
                h = (h ^ (unsigned char)b.p[j]) * 0x100000001B3u;
        i = e + 1;
    }
    int n = snprintf(k->name, sizeof k->name, "%s/store-%016llx.bin", dir,
                     (unsigned long long)h);
    if (n < 0 || (size_t)n >= sizeof k->name) {
        free(b.p);
        return 0;
    }
    k->text = b.p;
    k->len = b.len;
    return 1;
}

void
ds__snap_key_free(ds__snap_key *k)
{
    free(k->text);
    k->text = NULL;
}

/* --------------------------------------------------------------- load */

int
ds__snap_load(ds_store *s, const ds__snap_key *k)
{
    if (s->n)
        return 0;
    int fd = open(k->name, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    struct stat fs;
    hdr h;
    void *map = MAP_FAILED;
    const char **strs = NULL;
    ds_obs *obs = NULL;
    ds__group *groups = NULL;
    uint32_t *gorder = NULL;
    int ok = 0;
    if (fstat(fd, &fs) != 0 || (uint64_t)fs.st_size < sizeof h)
        goto done;
    /* read whole, at once: cheaper than a fault per page */
    map = mmap(NULL, (size_t)fs.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE,
               fd, 0);
    if (map == MAP_FAILED)
        goto done;
    memcpy(&h, map, sizeof h);
    const uint64_t lim = (uint64_t)1 << 31;
    if (memcmp(h.magic, MAGIC, 8) != 0 || h.keylen != k->len ||
        h.nobs > lim / 3 || h.nstrings > lim || h.strbytes > lim ||
        h.ngroups > lim || h.nobs == 0)
        goto done;
    size_t off_key = sizeof h, off_str = off_key + pad8((size_t)h.keylen),
           off_rec = off_str + pad8((size_t)h.strbytes),
           off_grp = off_rec + (size_t)h.nobs * sizeof(rec),
           off_ord = off_grp + (size_t)h.ngroups * sizeof(grec),
           end = off_ord + 3 * (size_t)h.nobs * sizeof(uint32_t);
    const unsigned char *m = map;
    if ((uint64_t)fs.st_size != end ||
        memcmp(m + off_key, k->text, k->len) != 0 ||
        checksum(m + sizeof h, end - sizeof h) != h.sum)
        goto done;
    size_t n = (size_t)h.nobs, ns = (size_t)h.nstrings;
    strs = malloc((ns ? ns : 1) * sizeof *strs);
    obs = big_alloc(n * sizeof *obs);
    groups = malloc((h.ngroups ? h.ngroups : 1) * sizeof *groups);
    if (!strs || !obs || !groups)
        goto done;
    prefault(obs, n * sizeof *obs);
    if (!ds__pool_reserve(s->pool, ns))
        goto done;
    const char *p = (const char *)m + off_str, *pe = p + h.strbytes;
    for (size_t i = 0; i < ns; i++) {
        const char *z = p < pe ? memchr(p, '\0', (size_t)(pe - p)) : NULL;
        if (!z || !(strs[i] = ds__pool_intern(s->pool, p, (size_t)(z - p))))
            goto done;
        p = z + 1;
    }
    if (p != pe)
        goto done;
    const rec *r = (const rec *)(const void *)(m + off_rec);
    for (size_t i = 0; i < n; i++) {
        uint32_t bad = 0;
        for (int j = 0; j < NSTR; j++)
            bad |= r[i].str[j] >= ns;
        if (bad || r[i].fy_start_month < 1 || r[i].fy_start_month > 12 ||
            r[i].year < 1000 || r[i].year > 3000)
            goto done; /* the CSV parser's ranges */
        ds_obs *o = &obs[i];
        o->country = strs[r[i].str[0]];
        o->indicator = strs[r[i].str[1]];
        o->currency = strs[r[i].str[2]];
        o->price_basis = strs[r[i].str[3]];
        o->definition = strs[r[i].str[4]];
        o->source = strs[r[i].str[5]];
        o->vintage = strs[r[i].str[6]];
        o->note = strs[r[i].str[7]];
        o->path = strs[r[i].str[8]];
        o->year = r[i].year;
        o->fy_start_month = r[i].fy_start_month;
        o->flags = r[i].flags;
        o->value = r[i].value;
        o->line = (size_t)r[i].line;
    }
    const grec *g = (const grec *)(const void *)(m + off_grp);
    for (size_t i = 0; i < h.ngroups; i++) {
        if ((g[i].country != NONE && g[i].country >= ns) ||
            (g[i].indicator != NONE && g[i].indicator >= ns) ||
            g[i].start > 3 * n || g[i].len > 3 * n - g[i].start)
            goto done;
        groups[i].country = g[i].country == NONE ? NULL : strs[g[i].country];
        groups[i].indicator =
            g[i].indicator == NONE ? NULL : strs[g[i].indicator];
        groups[i].start = g[i].start;
        groups[i].len = g[i].len;
    }
    /* the runs are read where they lie: the file stays mapped for the
     * store's life (no copy, no fresh pages) */
    gorder = (uint32_t *)(void *)(m + off_ord);
    uint32_t bad = 0;
    for (size_t i = 0; i < 3 * n; i++)
        bad |= gorder[i] >= n;
    if (bad)
        goto done;
    /* commit */
    free(s->obs);
    s->obs = obs;
    s->n = s->cap = n;
    obs = NULL;
    free(s->index); /* store.c rebuilds it before the next change */
    s->index = NULL;
    s->index_cap = 0;
    s->index_stale = 1;
    ds__store_groups_free(s);
    s->groups = groups;
    s->ngroups = (size_t)h.ngroups;
    s->gorder = gorder;
    s->gorder_mapped = 1;
    if (s->map) /* (an earlier snapshot's, of a store emptied since) */
        munmap(s->map, s->map_len);
    s->map = map;
    s->map_len = (size_t)fs.st_size;
    map = MAP_FAILED;
    groups = NULL;
    s->groups_ok = ds__store_groups_map(s);
    if (!s->groups_ok)
        ds__store_groups_free(s); /* queries scan */
    ok = 1;
done:
    if (map != MAP_FAILED)
        munmap(map, (size_t)fs.st_size);
    close(fd);
    free(strs);
    free(obs);
    free(groups);
    return ok;
}

/* --------------------------------------------------------------- save */

/* Remove the snapshots of layers whose directories are gone (temporary
 * stores), so that they do not pile up. */
static void
prune(const char *keep)
{
    char dir[PATH_MAX];
    if (!ds__cache_dir(dir, sizeof dir))
        return;
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    char name[PATH_MAX + 300];
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        if (strncmp(e->d_name, "store-", 6) != 0 || l < 10 ||
            strcmp(e->d_name + l - 4, ".bin") != 0)
            continue;
        int n = snprintf(name, sizeof name, "%s/%s", dir, e->d_name);
        if (n < 0 || (size_t)n >= sizeof name || strcmp(name, keep) == 0)
            continue;
        FILE *f = fopen(name, "rb");
        if (!f)
            continue;
        hdr h;
        int gone = 1;
        char line[PATH_MAX * 2 + 16];
        if (fread(&h, sizeof h, 1, f) == 1 && memcmp(h.magic, MAGIC, 8) == 0) {
            gone = 0;
            /* the key's "dir<TAB>given<TAB>real" lines */
            long left = (long)h.keylen;
            while (!gone && left > 0 && fgets(line, sizeof line, f)) {
                left -= (long)strlen(line);
                if (strncmp(line, "dir\t", 4) != 0)
                    continue;
                char *real = strchr(line + 4, '\t');
                struct stat st;
                if (!real)
                    break;
                real++;
                real[strcspn(real, "\n")] = '\0';
                gone = stat(real, &st) != 0;
            }
        }
        fclose(f);
        if (gone)
            unlink(name);
    }
    closedir(d);
}

void
ds__snap_save(const ds_store *s, const ds_store_layers *l,
              const ds__snap_key *k)
{
    if (!s->groups_ok || s->n == 0 || s->n > UINT32_MAX / 3 ||
        k->bytes < DS__OBS_CACHE_MIN)
        return;
    ds__snap_key now;
    if (!ds__snap_key_make(l, &now))
        return;
    int same = now.len == k->len && memcmp(now.text, k->text, k->len) == 0;
    ds__snap_key_free(&now);
    if (!same)
        return; /* a file changed while it was read */
    size_t n = s->n, ng = s->ngroups;
    ds__strtab m = {0};
    size_t body = pad8(k->len) + n * sizeof(rec) + ng * sizeof(grec) +
                  3 * n * sizeof(uint32_t);
    rec *recs = calloc(n, sizeof *recs);
    grec *grecs = calloc(ng ? ng : 1, sizeof *grecs);
    unsigned char *buf = NULL;
    if (!recs || !grecs)
        goto out;
    for (size_t i = 0; i < n; i++) {
        const ds_obs *o = &s->obs[i];
        const char *f[NSTR] = {o->country,  o->indicator,  o->currency,
                               o->price_basis, o->definition, o->source,
                               o->vintage,  o->note,       o->path};
        for (int j = 0; j < NSTR; j++) {
            long v = ds__strtab_num(&m, f[j]);
            if (v < 0)
                goto out;
            recs[i].str[j] = (uint32_t)v;
        }
        recs[i].year = o->year;
        recs[i].fy_start_month = o->fy_start_month;
        recs[i].flags = o->flags;
        recs[i].value = o->value;
        recs[i].line = o->line;
    }
    for (size_t i = 0; i < ng; i++) {
        const ds__group *g = &s->groups[i];
        long c = g->country ? ds__strtab_num(&m, g->country) : (long)NONE;
        long d = g->indicator ? ds__strtab_num(&m, g->indicator) : (long)NONE;
        if (c < 0 || d < 0)
            goto out; /* (every group's strings are an observation's) */
        grecs[i].country = (uint32_t)c;
        grecs[i].indicator = (uint32_t)d;
        grecs[i].start = g->start;
        grecs[i].len = g->len;
    }
    hdr h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, MAGIC, 8);
    h.keylen = k->len;
    h.nstrings = m.n;
    h.strbytes = m.len;
    h.nobs = n;
    h.ngroups = ng;
    body += pad8(m.len);
    buf = calloc(1, body);
    if (!buf)
        goto out;
    unsigned char *p = buf;
    memcpy(p, k->text, k->len);
    p += pad8(k->len);
    memcpy(p, m.text, m.len);
    p += pad8(m.len);
    memcpy(p, recs, n * sizeof *recs);
    p += n * sizeof *recs;
    memcpy(p, grecs, ng * sizeof *grecs);
    p += ng * sizeof *grecs;
    memcpy(p, s->gorder, 3 * n * sizeof *s->gorder);
    h.sum = checksum(buf, body);
    const void *parts[] = {&h, buf};
    size_t lens[] = {sizeof h, body};
    ds__cache_write(k->name, parts, lens, 2);
    prune(k->name);
out:
    ds__strtab_free(&m);
    free(recs);
    free(grecs);
    free(buf);
}
