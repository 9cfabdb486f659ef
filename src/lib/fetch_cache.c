/* fetch_cache.c - sources layer: what `fetch` does besides the download
 * (see defspend/fetch_cache.h): the publishers, each series' URL and cache
 * name, the cache of raw responses and its state files, and the checks of
 * a response.  No network: ds_fetch_url (fetch.c) does that.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "defspend/fetch_cache.h"
#include "fsutil.h"
#include "internal.h"

/* ------------------------------------------------------------ sources */

static const ds_fetch_source sources[] = {
    {"wdi", "https://api.worldbank.org", "DEFSPEND_FETCH_BASE_WDI", ".zip",
     "wdi"},
    {"fred", "https://fred.stlouisfed.org", "DEFSPEND_FETCH_BASE_FRED",
     ".csv", "fred"},
    {"imf", "https://www.imf.org", "DEFSPEND_FETCH_BASE_IMF", ".json",
     "imf"},
    {"url", NULL, NULL, NULL, NULL},
};

const ds_fetch_source *
ds_fetch_sources(size_t *n)
{
    *n = sizeof sources / sizeof *sources;
    return sources;
}

const ds_fetch_source *
ds_fetch_source_find(const char *name)
{
    for (size_t i = 0; i < sizeof sources / sizeof *sources; i++)
        if (strcmp(name, sources[i].name) == 0)
            return &sources[i];
    return NULL;
}

static int
valid_code(const char *s)
{
    if (!s[0] || strlen(s) > 64)
        return 0;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
              (*p >= '0' && *p <= '9') || *p == '.' || *p == '_' ||
              *p == '-'))
            return 0;
    return s[0] != '.' && s[0] != '-';
}

/* FNV-1a, for cache names of URLs */
static uint32_t
fnv(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* url: url_<last path part>_<hash>, readable and unique, and the
 * extension of the last path part (else .bin). */
static ds_status
plan_url(ds_fetch_series *s, const char *u, ds_error *err)
{
    if ((strncmp(u, "https://", 8) != 0 && strncmp(u, "http://", 7) != 0) ||
        strlen(u) >= 2000 || strpbrk(u, " \t\r\n"))
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "invalid URL '%s' (expected http:// or "
                             "https://)", u);
    snprintf(s->url, sizeof s->url, "%s", u);
    const char *p = strchr(u + 8, '/');
    const char *q = p ? strrchr(p, '/') : NULL;
    char stem[64] = "", ext[16] = "";
    if (q && q[1]) {
        size_t k = 0;
        for (const char *c = q + 1;
             *c && *c != '?' && *c != '#' && k + 1 < sizeof stem; c++)
            stem[k++] = (char)((*c >= 'A' && *c <= 'Z') ||
                                       (*c >= 'a' && *c <= 'z') ||
                                       (*c >= '0' && *c <= '9') ||
                                       *c == '-' || *c == '.'
                                   ? *c
                                   : '_');
        stem[k] = '\0';
        char *dot = strrchr(stem, '.');
        if (dot && dot != stem && strlen(dot) < sizeof ext) {
            snprintf(ext, sizeof ext, "%s", dot);
            *dot = '\0';
        }
    }
    snprintf(s->key, sizeof s->key, "url_%s%s%08x", stem, stem[0] ? "_" : "",
             (unsigned)fnv(u));
    snprintf(s->ext, sizeof s->ext, "%s", ext[0] ? ext : ".bin");
    return DS_OK;
}

ds_status
ds_fetch_series_plan(ds_fetch_series *s, const ds_fetch_source *src,
                     const char *series, const char *base,
                     const char *const *countries, size_t n, ds_error *err)
{
    memset(s, 0, sizeof *s);
    s->src = src;
    s->series = series;
    if (!src->base)
        return plan_url(s, series, err);
    if (!valid_code(series))
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "invalid %s series code '%s' (letters, digits, "
                             "'.', '_' and '-')", src->name, series);
    snprintf(s->ext, sizeof s->ext, "%s", src->ext);
    size_t bl = strlen(base);
    const char *sep = bl && base[bl - 1] == '/' ? "" : "/";
    if (strcmp(src->name, "wdi") == 0) {
        snprintf(s->url, sizeof s->url,
                 "%s%sv2/en/indicator/%s?downloadformat=csv", base, sep,
                 series);
        snprintf(s->key, sizeof s->key, "wdi_%s", series);
        return DS_OK;
    }
    if (strcmp(src->name, "fred") == 0) {
        snprintf(s->url, sizeof s->url, "%s%sgraph/fredgraph.csv?id=%s", base,
                 sep, series);
        snprintf(s->key, sizeof s->key, "fred_%s", series);
        return DS_OK;
    }
    int w = snprintf(s->url, sizeof s->url, "%s%sexternal/datamapper/api/v1/%s",
                     base, sep, series);
    snprintf(s->key, sizeof s->key, "imf_%s", series);
    for (size_t k = 0; k < n && w > 0 && (size_t)w < sizeof s->url; k++) {
        w += snprintf(s->url + w, sizeof s->url - (size_t)w, "/%s",
                      countries[k]);
        size_t kl = strlen(s->key);
        if (kl + 5 < sizeof s->key)
            snprintf(s->key + kl, sizeof s->key - kl, "%s%s", k ? "-" : "_",
                     countries[k]);
    }
    if (n > 8) /* a long list: one hashed name */
        snprintf(s->key, sizeof s->key, "imf_%s_%zu-countries-%08x", series,
                 n, (unsigned)fnv(s->url));
    snprintf(s->meta_url, sizeof s->meta_url,
             "%s%sexternal/datamapper/api/v1/indicators", base, sep);
    return DS_OK;
}

/* ------------------------------------------------------------- cache */

ds_status
ds_fetch_cache_dir(char *buf, size_t size, ds_error *err)
{
    const char *x = getenv("XDG_CACHE_HOME");
    const char *home = getenv("HOME");
    int n;
    if (x && x[0] == '/')
        n = snprintf(buf, size, "%s/defspend", x);
    else if (home && home[0])
        n = snprintf(buf, size, "%s/.cache/defspend", home);
    else
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "no cache directory: set XDG_CACHE_HOME or "
                             "HOME");
    if (n < 0 || (size_t)n >= size)
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "the cache directory's path is too long");
    return DS_OK;
}

int
ds_fetch_cache_write(const char *path, const void *buf, size_t len,
                     long long mtime, char *why, size_t why_size)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char dir[4096], stem[1100];
    if (slash)
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - path) + (slash == path),
                 path);
    else
        snprintf(dir, sizeof dir, ".");
    snprintf(stem, sizeof stem, "%s.", base);
    ds_error err;
    ds_error_clear(&err);
    char *tmp = NULL;
    if (ds__temp_write(dir, stem, "", buf, len, NULL, path, &tmp, &err) !=
        DS_OK) {
        snprintf(why, why_size, "%.1000s: %s", path, err.message);
        return 0;
    }
    int ok = 1, e = 0;
    if (mtime > 0) {
        struct timespec ts[2] = {{(time_t)mtime, 0}, {(time_t)mtime, 0}};
        ok = utimensat(AT_FDCWD, tmp, ts, 0) == 0;
        e = errno;
    }
    if (ok && rename(tmp, path) != 0) {
        ok = 0;
        e = errno;
    }
    if (!ok) {
        snprintf(why, why_size, "cannot write %.1000s: %s", path, strerror(e));
        unlink(tmp);
    }
    free(tmp);
    return ok;
}

int
ds_fetch_state_read(const char *path, ds_fetch_state *s)
{
    memset(s, 0, sizeof *s);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = '\0';
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        *tab++ = '\0';
        if (strcmp(line, "url") == 0)
            snprintf(s->url, sizeof s->url, "%s", tab);
        else if (strcmp(line, "file") == 0)
            snprintf(s->file, sizeof s->file, "%s", tab);
        else if (strcmp(line, "etag") == 0)
            snprintf(s->etag, sizeof s->etag, "%s", tab);
        else if (strcmp(line, "last_modified") == 0)
            snprintf(s->last_modified, sizeof s->last_modified, "%s", tab);
        else if (strcmp(line, "fetched") == 0)
            snprintf(s->fetched, sizeof s->fetched, "%s", tab);
    }
    fclose(f);
    /* a name only, inside the cache directory */
    return s->file[0] && !strchr(s->file, '/') && s->file[0] != '.';
}

int
ds_fetch_state_write(const char *path, const ds_fetch_state *s, char *why,
                     size_t why_size)
{
    char buf[4096 + 512];
    int n = snprintf(buf, sizeof buf,
                     "url\t%s\nfile\t%s\netag\t%s\nlast_modified\t%s\n"
                     "fetched\t%s\n",
                     s->url, s->file, s->etag, s->last_modified, s->fetched);
    if (n < 0 || (size_t)n >= sizeof buf) {
        snprintf(why, why_size, "cache state for %.1000s too long", path);
        return 0;
    }
    return ds_fetch_cache_write(path, buf, (size_t)n, 0, why, why_size);
}

/* ------------------------------------------------------------ checks */

/* The body is an HTML or XML page (an error page served with 200): put a
 * readable excerpt of its text in out and return 1. */
int
ds_fetch_markup_page(const char *b, size_t len, char *out, size_t size)
{
    size_t i = 0;
    if (len >= 3 && memcmp(b, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < len && (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' ||
                       b[i] == '\t'))
        i++;
    if (i >= len || b[i] != '<')
        return 0;
    /* the text between tags, spaces collapsed */
    size_t k = 0;
    int in_tag = 0, in_decl = 0;
    for (; i < len && k + 1 < size; i++) {
        char c = b[i];
        if (c == '<') {
            in_tag = 1;
            in_decl = i + 1 < len && (b[i + 1] == '?' || b[i + 1] == '!');
            continue;
        }
        if (in_tag) {
            if (c == '>') {
                in_tag = 0;
                if (k && out[k - 1] != ' ')
                    out[k++] = ' ';
            }
            continue;
        }
        (void)in_decl;
        if ((unsigned char)c < 32 || c == 127)
            c = ' ';
        if (c == ' ' && (!k || out[k - 1] == ' '))
            continue;
        out[k++] = c;
    }
    while (k && out[k - 1] == ' ')
        k--;
    out[k] = '\0';
    if (k > 200) {
        out[197] = out[198] = out[199] = '.';
        out[200] = '\0';
    }
    return 1;
}

char *
ds_fetch_imf_with_meta(const char *code, const char *vals, size_t vlen,
              const char *meta, size_t mlen, size_t *out_len, char *rel,
              size_t rel_size)
{
    json_t *v = json_loadb(vals, vlen, 0, NULL);
    json_t *m = json_loadb(meta, mlen, 0, NULL);
    char *doc = NULL;
    json_t *entry = NULL;
    if (v && m && json_is_object(v)) {
        json_t *all = json_object_get(m, "indicators");
        entry = json_is_object(all) ? json_object_get(all, code) : NULL;
    }
    json_t *have = v ? json_object_get(v, "indicators") : NULL;
    json_t *srcv = json_object_get(entry ? entry : json_object_get(have, code),
                                   "source");
    snprintf(rel, rel_size, "%s",
             json_is_string(srcv) ? json_string_value(srcv) : "");
    if (entry && json_is_object(entry) &&
        !(json_is_object(have) && json_object_get(have, code))) {
        json_t *ind = json_is_object(have) ? have : json_object();
        if (ind && json_object_set(ind, code, entry) == 0 &&
            (ind == have || json_object_set_new(v, "indicators", ind) == 0)) {
            doc = json_dumps(v, JSON_PRESERVE_ORDER | JSON_COMPACT |
                                    JSON_REAL_PRECISION(17));
            if (doc)
                *out_len = strlen(doc);
        }
    }
    json_decref(v);
    json_decref(m);
    return doc;
}
