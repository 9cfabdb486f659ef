/* test_util.c - helpers shared by the unit suites (see test_util.h). */
#define _XOPEN_SOURCE 700 /* nftw */

#include "test_util.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *
t_env(const char *name)
{
    const char *v = getenv(name);
    ck_assert_msg(v && v[0],
                  "environment variable %s is not set (run through "
                  "`meson test`, which sets it)",
                  name);
    return v;
}

char *
t_path(char *buf, size_t size, const char *env, const char *rel)
{
    int n = snprintf(buf, size, "%s/%s", t_env(env), rel);
    ck_assert_msg(n > 0 && (size_t)n < size, "path too long: %s", rel);
    return buf;
}

char *
t_mkdtemp(void)
{
    const char *tmp = getenv("TMPDIR");
    char tmpl[4096];
    snprintf(tmpl, sizeof tmpl, "%s/ds-unit-XXXXXX",
             tmp && tmp[0] ? tmp : "/tmp");
    char *d = mkdtemp(tmpl);
    ck_assert_msg(d != NULL, "mkdtemp %s: %s", tmpl, strerror(errno));
    char *r = strdup(d);
    ck_assert_ptr_nonnull(r);
    return r;
}

void
t_mkdir(const char *dir, const char *rel)
{
    char p[4096];
    int n = snprintf(p, sizeof p, "%s/%s", dir, rel);
    ck_assert(n > 0 && (size_t)n < sizeof p);
    for (char *s = p + strlen(dir) + 1; *s; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        ck_assert_msg(mkdir(p, 0700) == 0 || errno == EEXIST, "mkdir %s: %s",
                      p, strerror(errno));
        *s = '/';
    }
    ck_assert_msg(mkdir(p, 0700) == 0 || errno == EEXIST, "mkdir %s: %s", p,
                  strerror(errno));
}

void
t_write(const char *dir, const char *rel, const char *text, size_t len)
{
    char p[4096];
    int n = snprintf(p, sizeof p, "%s/%s", dir, rel);
    ck_assert(n > 0 && (size_t)n < sizeof p);
    char *slash = strrchr(p, '/');
    if (slash && slash > p + strlen(dir)) {
        *slash = '\0';
        t_mkdir(dir, p + strlen(dir) + 1);
        *slash = '/';
    }
    if (len == (size_t)-1)
        len = strlen(text);
    FILE *f = fopen(p, "wb");
    ck_assert_msg(f != NULL, "fopen %s: %s", p, strerror(errno));
    ck_assert(fwrite(text, 1, len, f) == len);
    ck_assert(fclose(f) == 0);
}

char *
t_read(const char *dir, const char *rel)
{
    char p[4096];
    int n = snprintf(p, sizeof p, "%s/%s", dir, rel);
    ck_assert(n > 0 && (size_t)n < sizeof p);
    FILE *f = fopen(p, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    ck_assert_ptr_nonnull(buf);
    size_t got;
    while ((got = fread(buf + len, 1, cap - 1 - len, f)) > 0) {
        len += got;
        if (len + 1 == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            ck_assert_ptr_nonnull(buf);
        }
    }
    buf[len] = '\0';
    fclose(f);
    return buf;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

void
t_rmtree(const char *dir)
{
    if (dir)
        nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static const char *locpath;

int
t_setlocale_de(const char *who)
{
    if (setlocale(LC_NUMERIC, "de_DE.UTF-8"))
        return 1;
    if (locpath && locpath[0]) {
        /* glibc reads LOCPATH at each setlocale() */
        setenv("LOCPATH", locpath, 1);
        const char *r = setlocale(LC_NUMERIC, "de_DE.UTF-8");
        unsetenv("LOCPATH");
        if (r)
            return 1;
    }
    fprintf(stderr,
            "%s: locale de_DE.UTF-8 is neither installed nor in %s; "
            "skipping the LC_NUMERIC part\n",
            who, locpath && locpath[0] ? locpath : "(no build locale dir)");
    return 0;
}

int
t_run(Suite *s, int argc, char **argv)
{
    if (argc > 1)
        locpath = argv[1];
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

void
t_same_obs(const ds_store *a, const ds_store *b)
{
    ck_assert_uint_eq(ds_store_count(a), ds_store_count(b));
    for (size_t i = 0; i < ds_store_count(a); i++) {
        const ds_obs *x = ds_store_get(a, i), *y = ds_store_get(b, i);
        int same =
            strcmp(x->country, y->country) == 0 && x->year == y->year &&
            x->fy_start_month == y->fy_start_month &&
            strcmp(x->indicator, y->indicator) == 0 &&
            memcmp(&x->value, &y->value, sizeof x->value) == 0 &&
            strcmp(x->currency, y->currency) == 0 &&
            strcmp(x->price_basis, y->price_basis) == 0 &&
            strcmp(x->definition, y->definition) == 0 &&
            strcmp(x->source, y->source) == 0 &&
            strcmp(x->vintage, y->vintage) == 0 && x->flags == y->flags &&
            strcmp(x->note, y->note) == 0 && strcmp(x->path, y->path) == 0 &&
            x->line == y->line;
        if (!same)
            ck_abort_msg("observation %zu differs: %s %d %s %.17g %s:%zu "
                         "vs %s %d %s %.17g %s:%zu", i, x->country, x->year,
                         x->indicator, x->value, x->path, x->line,
                         y->country, y->year, y->indicator, y->value,
                         y->path, y->line);
    }
}

int
t_count_files(const char *dir, const char *prefix, char *last, size_t size)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    int n = 0;
    size_t pl = strlen(prefix);
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strncmp(e->d_name, prefix, pl) == 0) {
            n++;
            if (last)
                snprintf(last, size, "%s/%s", dir, e->d_name);
        }
    closedir(d);
    return n;
}
