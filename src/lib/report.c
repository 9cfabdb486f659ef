/* report.c - the report's calculations and charts, and the report folder
 * (see defspend/report.h): a manifest names the files defspend wrote, a
 * staging folder is moved (a new folder) or swapped file by file with a
 * rollback (an existing one) into place.
 *
 * The "move into place" stays here until the shared atomic-write module
 * (fsutil) lands; it is a folder swap with a rollback, not a file write.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_rng.h>

#include "chart_internal.h"
#include "defspend/chart.h"
#include "defspend/format.h"
#include "defspend/report.h"
#include "defspend/sensitivity.h"


/* Set err: DS_ENOMEM for "out of memory", DS_EIO otherwise.  With add,
 * a message after a first one (a rollback that failed after the failure
 * it undoes) is added to it. */
static ds_status
rep_msg(ds_error *err, int add, const char *fmt, va_list ap)
{
    ds_status code = strcmp(fmt, "out of memory") == 0 ? DS_ENOMEM : DS_EIO;
    if (!err)
        return code;
    char m[DS_ERROR_MSG_MAX];
    vsnprintf(m, sizeof m, fmt, ap);
    if (add && err->code != DS_OK && err->message[0]) {
        size_t n = strlen(err->message);
        snprintf(err->message + n, sizeof err->message - n, "; %s", m);
        return err->code;
    }
    ds_error_clear(err);
    err->code = code;
    snprintf(err->message, sizeof err->message, "%s", m);
    return code;
}

static ds_status __attribute__((format(printf, 2, 3)))
rep_err(ds_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ds_status s = rep_msg(err, 0, fmt, ap);
    va_end(ap);
    return s;
}

static ds_status __attribute__((format(printf, 2, 3)))
rep_err_add(ds_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ds_status s = rep_msg(err, 1, fmt, ap);
    va_end(ap);
    return s;
}

/* ------------------------------------------------------------ files */

static int
write_file(const char *dir, const char *name, const char *buf, size_t len,
           ds_error *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        rep_err(err, "%s: cannot create: %s", path, strerror(errno));
        return 0;
    }
    int ok = fwrite(buf, 1, len, f) == len && fflush(f) == 0 &&
             fsync(fileno(f)) == 0;
    int e = errno;
    if (fclose(f) != 0 && ok) {
        ok = 0;
        e = errno;
    }
    if (!ok)
        rep_err(err, "%s: cannot write: %s", path, strerror(e));
    return ok;
}

static char *
read_text(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *b = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&b, &n);
    if (!m) {
        fclose(f);
        return NULL;
    }
    char chunk[8192];
    size_t r;
    while ((r = fread(chunk, 1, sizeof chunk, f)) > 0)
        fwrite(chunk, 1, r, m);
    fclose(f);
    fclose(m);
    return b;
}

static void
remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char p[4096];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(p);
        else
            unlink(p);
    }
    closedir(d);
    rmdir(dir);
}

/* ------------------------------------------------------- the folder
 *
 * defspend recognises a folder it wrote by MANIFEST, a small text file
 * it writes last: a first line MANIFEST_MARK, then the name of every file
 * of the report, one a line.  A run into an existing folder
 *   - refuses a non-empty folder without a manifest (--force: go ahead),
 *   - refuses to replace a file the manifest does not list (--force: go
 *     ahead), and never replaces a directory,
 *   - builds the new files in DIR/.defspend-report.new-XXXXXX (inside the
 *     folder, so on its file system even when DIR is a mount point),
 *   - then swaps them in one by one, moving each old file of the same name
 *     and each file of the old manifest no longer written to
 *     DIR/.defspend-report.old-XXXXXX; a failed rename puts everything
 *     back, so DIR is left exactly as it was.
 * A new folder is built in a sibling .DIR.tmp-XXXXXX and renamed into
 * place in one step.
 */

#define MANIFEST DS_REPORT_MANIFEST
#define MANIFEST_MARK "# defspend report folder"
#define STAGE_PREFIX ".defspend-report."

typedef struct names {
    char **v;
    size_t n, cap;
} names;

static int
names_add(names *l, const char *s)
{
    if (l->n == l->cap) {
        size_t cap = l->cap ? 2 * l->cap : 32;
        char **v = realloc(l->v, cap * sizeof *v);
        if (!v)
            return 0;
        l->v = v;
        l->cap = cap;
    }
    if (!(l->v[l->n] = strdup(s)))
        return 0;
    l->n++;
    return 1;
}

static int
names_has(const names *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->v[i], s) == 0)
            return 1;
    return 0;
}

static void
names_free(names *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
    memset(l, 0, sizeof *l);
}

static int
name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A name the manifest may list: what defspend writes, nothing else. */
static int
plain_name(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 200 || s[0] == '.')
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
              (*s >= '0' && *s <= '9') || *s == '.' || *s == '-' ||
              *s == '_'))
            return 0;
    return 1;
}

/* buf = dir/name; 0 if it does not fit */
static int
path_in(char *buf, size_t size, const char *dir, const char *name)
{
    size_t d = strlen(dir), n = strlen(name);
    if (d + n + 2 > size)
        return 0;
    memcpy(buf, dir, d);
    buf[d] = '/';
    memcpy(buf + d + 1, name, n + 1);
    return 1;
}

/* Read dir's manifest into l: 1 if there is one (a regular file starting
 * with MANIFEST_MARK), 0 if not, -1 on a read error (printed). */
static int
read_manifest(const char *dir, names *l, ds_error *err)
{
    char path[4096];
    if (!path_in(path, sizeof path, dir, MANIFEST))
        return 0;
    struct stat st;
    if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        rep_err(err, "%s: cannot read: %s", path, strerror(errno));
        return -1;
    }
    char line[512];
    int ours = fgets(line, sizeof line, f) &&
               strncmp(line, MANIFEST_MARK, strlen(MANIFEST_MARK)) == 0;
    while (ours && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (plain_name(line) && !names_has(l, line) && !names_add(l, line)) {
            fclose(f);
            rep_err(err, "out of memory");
            return -1;
        }
    }
    fclose(f);
    return ours;
}

/* Entries of dir other than ., .., lost+found (a file system's root) and
 * leftovers of an interrupted run (STAGE_PREFIX...): -1 on error. */
static long
count_entries(const char *dir, ds_error *err)
{
    DIR *d = opendir(dir);
    if (!d) {
        rep_err(err, "%s: cannot read: %s", dir, strerror(errno));
        return -1;
    }
    long n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
            strcmp(e->d_name, "lost+found") &&
            strncmp(e->d_name, STAGE_PREFIX, strlen(STAGE_PREFIX)) != 0)
            n++;
    closedir(d);
    return n;
}

/* Before anything is computed: out must be missing, an empty directory,
 * a folder defspend wrote, or (with --force) any directory.  *exists is
 * set; prints the refusal and returns an exit code, or 0. */
ds_status
ds_report_folder_check(const char *out, int force, int *exists,
                       ds_report_refusal *why, ds_error *err)
{
    struct stat st;
    *exists = 0;
    *why = DS_REPORT_OK;
    if (stat(out, &st) != 0) {
        if (errno == ENOENT)
            return DS_OK;
        return rep_err(err, "%s: cannot open: %s", out, strerror(errno));
    }
    if (!S_ISDIR(st.st_mode))
        return rep_err(err, "%s: exists and is not a directory", out);
    *exists = 1;
    names old = {0};
    int ours = read_manifest(out, &old, err);
    names_free(&old);
    if (ours < 0)
        return err ? err->code : DS_EIO;
    if (ours || force)
        return DS_OK;
    long n = count_entries(out, err);
    if (n < 0)
        return DS_EIO;
    if (n > 0) {
        *why = DS_REPORT_NOT_OURS;
        return rep_err(err, "%s: folder is not empty and was not written by "
                            "defspend report (no %s in it); nothing written: "
                            "choose a new folder",
                       out, MANIFEST);
    }
    return DS_OK;
}

/* The files built in dir (without MANIFEST and the .svg work folder),
 * sorted; then MANIFEST written there listing them, and added last. */
static int
list_and_manifest(const char *dir, names *l, ds_error *err)
{
    DIR *d = opendir(dir);
    if (!d) {
        rep_err(err, "%s: cannot read: %s", dir, strerror(errno));
        return 0;
    }
    struct dirent *e;
    int ok = 1;
    while (ok && (e = readdir(d)))
        if (e->d_name[0] != '.')
            ok = names_add(l, e->d_name);
    closedir(d);
    if (!ok) {
        rep_err(err, "out of memory");
        return 0;
    }
    qsort(l->v, l->n, sizeof *l->v, name_cmp);
    char *b = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&b, &len);
    if (!m) {
        rep_err(err, "out of memory");
        return 0;
    }
    fputs(MANIFEST_MARK ": written by `defspend report`.  Its next run into "
          "this\n# folder replaces the files listed below and leaves other "
          "files alone;\n# delete this file and defspend will treat the "
          "folder as yours.\n",
          m);
    for (size_t i = 0; i < l->n; i++)
        fprintf(m, "%s\n", l->v[i]);
    if (fclose(m) != 0) {
        free(b);
        rep_err(err, "out of memory");
        return 0;
    }
    ok = write_file(dir, MANIFEST, b, len, err) && names_add(l, MANIFEST);
    free(b);
    return ok;
}

static int
sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    int ok = fsync(fd) == 0;
    close(fd);
    return ok;
}

#ifdef DS_TEST_HOOKS
/* Test builds only (meson -Dtest_hooks=true): DS_TEST_REPORT_FAIL_AT=N
 * makes the Nth rename of the swap fail (EIO), to test the rollback. */
static int
swap_rename(const char *a, const char *b)
{
    static long count;
    const char *at = getenv("DS_TEST_REPORT_FAIL_AT");
    if (at && ++count == strtol(at, NULL, 10)) {
        errno = EIO;
        return -1;
    }
    return rename(a, b);
}
#else
#define swap_rename rename
#endif

typedef struct swap_step {
    const char *name;
    int backed;  /* the old out/name is in the backup folder */
    int placed;  /* the new file is out/name */
} swap_step;

/* Swap the files of new (names l, built by list_and_manifest) into out,
 * an existing directory whose old manifest lists old.  On failure out is
 * put back as it was. */
static int
swap_in(const char *new, const char *out, const names *l, const names *old,
        int force, ds_report_refusal *why, ds_error *err)
{
    char a[4096], b[4096], bak[4096];
    /* refusals first: nothing has moved yet */
    for (size_t i = 0; i < l->n; i++) {
        struct stat st;
        if (!path_in(a, sizeof a, out, l->v[i])) {
            rep_err(err, "%s: path too long", out);
            return 0;
        }
        if (lstat(a, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            rep_err(err, "%s: is a directory; nothing written (a report file "
                      "has this name)",
                      a);
            return 0;
        }
        if (!force && !names_has(old, l->v[i]) &&
            strcmp(l->v[i], MANIFEST) != 0) {
            *why = DS_REPORT_FILE_NOT_OURS;
            rep_err(err, "%s: exists and was not written by defspend report; "
                         "nothing written",
                    a);
            return 0;
        }
    }
    if (!path_in(bak, sizeof bak, out, STAGE_PREFIX "old-XXXXXX") ||
        !mkdtemp(bak)) {
        rep_err(err, "%s: cannot create a folder in it: %s", out,
                  strerror(errno));
        return 0;
    }
    /* the steps: every new file, then the old manifest's files that are
     * no longer written (only regular files are taken away) */
    size_t nsteps = l->n + old->n;
    swap_step *sv = calloc(nsteps ? nsteps : 1, sizeof *sv);
    if (!sv) {
        rmdir(bak);
        rep_err(err, "out of memory");
        return 0;
    }
    size_t n = 0;
    for (size_t i = 0; i < l->n; i++)
        sv[n++].name = l->v[i];
    for (size_t i = 0; i < old->n; i++) {
        struct stat st;
        if (!names_has(l, old->v[i]) && path_in(a, sizeof a, out, old->v[i]) &&
            lstat(a, &st) == 0 && (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode)))
            sv[n++].name = old->v[i];
    }
    int ok = 1;
    size_t i;
    for (i = 0; ok && i < n; i++) {
        swap_step *p = &sv[i];
        struct stat st;
        int isnew = i < l->n;
        if (!path_in(a, sizeof a, out, p->name) ||
            !path_in(b, sizeof b, bak, p->name)) {
            errno = ENAMETOOLONG;
            ok = 0;
        } else if (lstat(a, &st) == 0) {
            if (swap_rename(a, b) == 0)
                p->backed = 1;
            else
                ok = 0;
        }
        if (ok && isnew) {
            if (!path_in(b, sizeof b, new, p->name)) {
                errno = ENAMETOOLONG;
                ok = 0;
            } else if (swap_rename(b, a) == 0) {
                p->placed = 1;
            } else {
                ok = 0;
            }
        }
        if (!ok)
            rep_err(err, "%s: cannot replace: %s", a, strerror(errno));
    }
    if (ok && !sync_dir(out)) {
        rep_err(err, "%s: cannot sync: %s", out, strerror(errno));
        ok = 0;
    }
    if (!ok) {
        /* undo, last step first */
        int undone = 1;
        while (i-- > 0) {
            swap_step *p = &sv[i];
            path_in(a, sizeof a, out, p->name);
            if (p->placed) {
                path_in(b, sizeof b, new, p->name);
                undone = rename(a, b) == 0 && undone;
            }
            if (p->backed) {
                path_in(b, sizeof b, bak, p->name);
                undone = rename(b, a) == 0 && undone;
            }
        }
        if (undone) {
            sync_dir(out);
            rmdir(bak);
        } else {
            rep_err_add(err, "%s: could not put every file back; the old "
                             "files are "
                      "in %s",
                      out, bak);
        }
    } else {
        remove_tree(bak);
    }
    free(sv);
    return ok;
}

/* ---------------------------------------------------------- sources */
/* ------------------------------------------------- open and commit */

struct ds_report_folder {
    char out[4096];
    char tmp[4096];    /* the staging folder; "" once moved into place */
    char svgdir[4096]; /* tmp/.svg, a work folder not in the report */
    int exists;        /* out was a directory: swap the files in */
    int force;
};

ds_status
ds_report_folder_open(const char *out, int force, ds_report_folder **fp,
                      ds_error *err)
{
    *fp = NULL;
    int exists = 0;
    ds_report_refusal why;
    TRY(ds_report_folder_check(out, force, &exists, &why, err));
    ds_report_folder *f = calloc(1, sizeof *f);
    if (!f)
        return rep_err(err, "out of memory");
    snprintf(f->out, sizeof f->out, "%s", out);
    f->exists = exists;
    f->force = force;
    int len;
    if (exists) {
        /* build inside DIR, on its own file system (DIR may be a mount
         * point), then swap the files in */
        len = snprintf(f->tmp, sizeof f->tmp, "%s/" STAGE_PREFIX "new-XXXXXX",
                       out);
    } else {
        /* build in a sibling of DIR, renamed into place at once */
        char parent[4096];
        snprintf(parent, sizeof parent, "%s", out);
        size_t n = strlen(parent);
        while (n > 1 && parent[n - 1] == '/')
            parent[--n] = '\0';
        char *slash = strrchr(parent, '/');
        const char *base = slash ? slash + 1 : parent;
        if (slash == parent)
            len = snprintf(f->tmp, sizeof f->tmp, "/.%s.tmp-XXXXXX", base);
        else if (slash)
            len = snprintf(f->tmp, sizeof f->tmp, "%.*s/.%s.tmp-XXXXXX",
                           (int)(slash - parent), parent, base);
        else
            len = snprintf(f->tmp, sizeof f->tmp, ".%s.tmp-XXXXXX", base);
    }
    ds_status s = DS_OK;
    if (len < 0 || (size_t)len >= sizeof f->tmp - 16 ||
        strlen(out) >= sizeof f->out - 1) {
        f->tmp[0] = '\0';
        s = rep_err(err, "%s: path too long", out);
        if (err)
            err->code = DS_EINVAL;
        s = DS_EINVAL;
    } else if (!mkdtemp(f->tmp)) {
        s = rep_err(err, "%s: cannot create: %s", out, strerror(errno));
        f->tmp[0] = '\0';
    } else {
        mode_t mask = umask(0);
        umask(mask);
        if (!exists && chmod(f->tmp, 0777 & ~mask) != 0)
            s = rep_err(err, "%s: cannot create: %s", out, strerror(errno));
        else {
            snprintf(f->svgdir, sizeof f->svgdir, "%.4000s/.svg", f->tmp);
            if (mkdir(f->svgdir, 0700) != 0) {
                s = rep_err(err, "%s: cannot create: %s", f->svgdir,
                            strerror(errno));
                f->svgdir[0] = '\0';
            }
        }
    }
    if (s != DS_OK) {
        ds_report_folder_free(f);
        return s;
    }
    *fp = f;
    return DS_OK;
}

const char *
ds_report_folder_path(const ds_report_folder *f)
{
    return f->tmp;
}

ds_status
ds_report_folder_write(ds_report_folder *f, const char *name,
                       const char *buf, size_t len, ds_error *err)
{
    return write_file(f->tmp, name, buf, len, err) ? DS_OK
                                                   : err ? err->code : DS_EIO;
}

ds_status
ds_report_folder_commit(ds_report_folder *f, ds_report_refusal *why,
                        ds_error *err)
{
    *why = DS_REPORT_OK;
    if (f->svgdir[0]) {
        remove_tree(f->svgdir);
        f->svgdir[0] = '\0';
    }
    names built = {0}, old = {0};
    ds_status s = DS_OK;
    if (!list_and_manifest(f->tmp, &built, err))
        s = err ? err->code : DS_EIO;
    else if (f->exists) {
        if (read_manifest(f->out, &old, err) < 0 ||
            !swap_in(f->tmp, f->out, &built, &old, f->force, why, err))
            s = err ? err->code : DS_EIO;
    } else if (rename(f->tmp, f->out) != 0) {
        s = rep_err(err, "%s: cannot create: %s", f->out, strerror(errno));
    } else {
        f->tmp[0] = '\0';
    }
    names_free(&built);
    names_free(&old);
    return s;
}

void
ds_report_folder_free(ds_report_folder *f)
{
    if (!f)
        return;
    if (f->tmp[0])
        remove_tree(f->tmp);
    free(f);
}

/* ------------------------------------------------------------ charts */

static ds_status
render_one(const ds_plot *p, ds_plot_format fmt, const char *path,
           int *failed, ds_report_say say, void *ctx, ds_error *err)
{
    ds_plot_result r;
    ds_error e;
    ds_error_clear(&e);
    ds_status st = ds_plot_write(p, fmt, path, &r, &e);
    if (r.warnings && say)
        say(DS_OK, NULL, r.warnings, ctx);
    free(r.text);
    free(r.warnings);
    if (st == DS_OK)
        return DS_OK;
    if (r.gnuplot_missing || r.gnuplot_failed) {
        if (say)
            say(st, &e, NULL, ctx);
        *failed = 1;
        return DS_OK;
    }
    if (err) {
        *err = e;
        err->code = DS_EIO;
    }
    return DS_EIO;
}

ds_status
ds_report_folder_chart(ds_report_folder *f, const ds_plot *p,
                       const char *name, char **svg, int *failed,
                       ds_report_say say, void *ctx, ds_error *err)
{
    char path[8400];
    *svg = NULL;
    *failed = 0;
    if (strlen(name) > 200)
        return rep_err(err, "%s: name too long", name);
    snprintf(path, sizeof path, "%s/%s.png", f->tmp, name);
    TRY(render_one(p, DS_PLOT_PNG, path, failed, say, ctx, err));
    if (*failed)
        return DS_OK;
    snprintf(path, sizeof path, "%s/%s.svg", f->svgdir, name);
    TRY(render_one(p, DS_PLOT_SVG, path, failed, say, ctx, err));
    if (*failed)
        return DS_OK;
    if (!(*svg = read_text(path)))
        return rep_err(err, "%s: cannot read: %s", path, strerror(errno));
    return DS_OK;
}

static const char *const CHART_NAMES[DS_REPORT_NCHARTS] = {
    "chart-scenarios", "chart-projection", "chart-compare", "chart-history",
    "chart-sensitivity"};

const char *
ds_report_chart_name(size_t i)
{
    return i < DS_REPORT_NCHARTS ? CHART_NAMES[i] : NULL;
}

ds_status
ds_report_build_chart(const ds_report *r, const ds_store *st, size_t i,
                      ds_plot *p, ds_error *err)
{
    const char *iso3 = r->scenario->iso3;
    switch (i) {
    case 0: return ds_chart_scenarios(p, r->scenario, 0, err);
    case 1:
        return ds_chart_projection(p, st, r->projection, r->simulation,
                                   r->seed, err);
    case 2: return ds_chart_compare(p, r->comparison, "US allies", iso3, err);
    case 3: return ds_chart_history(p, st, iso3, 1990, 0, err);
    case 4: {
        /* the sensitivity grid: nominal GDP growth, % a year */
        static const double growths[] = {-1, 0, 1, 2, 3, 4};
        ds_sensitivity_spec ss = {r->project, growths, 6, 0};
        ss.project.from_year = r->projection->from_year;
        ds_sensitivity *g = NULL;
        ds_status s = ds_sensitivity_run(st, &ss, &g, err);
        if (s == DS_OK)
            s = ds_chart_sensitivity(p, g, 0, err);
        ds_sensitivity_free(g);
        return s;
    }
    default:
        return rep_err(err, "no report chart %zu", i);
    }
}

/* ------------------------------------------------------ calculations */

ds_status
ds_report_compute(const ds_store *st, const ds_report_spec *spec,
                  ds_report **out, ds_error *err)
{
    *out = NULL;
    ds_report *r = calloc(1, sizeof *r);
    if (!r)
        return rep_err(err, "out of memory");
    r->seed = spec->seed;
    ds_status s;
    ds_scenario_spec ss;
    memset(&ss, 0, sizeof ss);
    ss.country = spec->country;
    ss.targets_pct = spec->targets_pct;
    ss.n_targets = spec->n_targets;
    if (spec->baseline)
        ds_scenario_spec_set_baseline(&ss, spec->baseline);
    ss.source = spec->source;
    if ((s = ds_scenario_run(st, &ss, &r->scenario, err)) != DS_OK)
        goto fail;
    ds_project_spec *ps = &r->project;
    memset(ps, 0, sizeof *ps);
    ps->country = spec->country;
    ps->by_year = spec->by;
    ps->targets_pct = spec->path_targets_pct;
    ps->n_targets = spec->n_path_targets;
    ps->gdp_source = spec->gdp_source;
    ps->growth_pct = spec->growth_pct;
    ps->fit_years = spec->fit_years;
    ps->path = DS_PATH_LINEAR;
    ps->baseline_kind = ss.baseline_kind;
    ps->baseline_amount = ss.baseline_amount;
    ps->baseline_definition = ss.baseline_definition;
    ps->baseline_year = ss.baseline_year;
    ps->source = ss.source;
    ps->discount_pct = NAN;
    ps->inflation_pct = NAN;
    if ((s = ds_project_run(st, ps, &r->projection, err)) != DS_OK)
        goto fail;
    if (spec->draws > 0) {
        ds_sim_spec sim = {spec->draws, NAN, NAN, 0};
        gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
        if (!rng) {
            s = rep_err(err, "out of memory");
            goto fail;
        }
        gsl_rng_set(rng, spec->seed);
        s = ds_projection_simulate(r->projection, &sim, rng, &r->simulation,
                                   err);
        gsl_rng_free(rng);
        if (s != DS_OK)
            goto fail;
    }
    static const double ct[] = {2, 3.5, 5};
    ds_compare_spec cs;
    ds_compare_spec_init(&cs);
    cs.iso3 = spec->countries;
    cs.n = spec->n_countries;
    cs.targets_pct = ct;
    cs.n_targets = 3;
    cs.source = spec->source;
    if ((s = ds_compare_run(st, &cs, &r->comparison, err)) != DS_OK)
        goto fail;
    *out = r;
    return DS_OK;
fail:
    ds_report_free(r);
    return s;
}

void
ds_report_free(ds_report *r)
{
    if (!r)
        return;
    ds_comparison_free(r->comparison);
    ds_simulation_free(r->simulation);
    ds_projection_free(r->projection);
    ds_scenario_free(r->scenario);
    free(r);
}

/* ========================================================= documents
 *
 * report.md, report.html and the table CSVs.  Text is escaped by the
 * library's one Markdown escaper (ds_text_md) and CSV quoting
 * (ds_text_csv); years by ds_year_label.  The tables are still the
 * report's own rtable, written here, not yet ds_table (issue 12).
 */

/* CSV: a number in full (NaN empty); text through ds_text_csv. */
static void
csv_num(FILE *f, double v)
{
    char b[64];
    fputs(ds_format_full(v, b, sizeof b), f);
}

static char *
pct_text(double v, int decimals, char *b, size_t n)
{
    char t[64];
    if (!isfinite(v))
        return ds_format_whole(b, n, "n/a");
    return ds_format_whole(b, n, "%s%%", ds_format_fixed(v, decimals, t,
                                                         sizeof t));
}

/* A table of text cells (copied), the markdown and HTML tables' model. */
#define RT_CELL 48
typedef struct rtable {
    size_t ncols, nrows, cap;
    const char **head;
    int *right; /* 1 = right-aligned */
    char (*cells)[RT_CELL];
} rtable;

static void
rt_release(rtable *t)
{
    free(t->head);
    free(t->right);
    free(t->cells);
    memset(t, 0, sizeof *t);
}

static int
rt_init(rtable *t, size_t ncols, const char *const *head, const int *right)
{
    memset(t, 0, sizeof *t);
    t->ncols = ncols;
    t->head = malloc(ncols * sizeof *t->head);
    t->right = malloc(ncols * sizeof *t->right);
    if (!t->head || !t->right) {
        rt_release(t);
        return 0;
    }
    for (size_t i = 0; i < ncols; i++) {
        t->head[i] = head[i];
        t->right[i] = right ? right[i] : i > 0;
    }
    return 1;
}

static int
rt_row(rtable *t, const char *const *cells)
{
    if (t->nrows == t->cap) {
        size_t nc = t->cap ? t->cap * 2 : 32;
        char(*n)[RT_CELL] = realloc(t->cells, nc * t->ncols * sizeof *n);
        if (!n)
            return 0;
        t->cells = n;
        t->cap = nc;
    }
    for (size_t k = 0; k < t->ncols; k++)
        snprintf(t->cells[t->nrows * t->ncols + k], RT_CELL, "%s",
                 cells[k] ? cells[k] : "");
    t->nrows++;
    return 1;
}

typedef struct chart_out {
    char *svg;  /* NULL when not rendered */
    int failed; /* gnuplot missing or failed */
} chart_out;

/* ------------------------------------------------------- the document */

/* Every block goes to the markdown and the HTML stream alike. */
typedef struct doc {
    FILE *md, *html;
} doc;

static void
html_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default:
            if ((unsigned char)*s < 0x20 && *s != '\n')
                fputc(' ', f);
            else
                fputc(*s, f);
        }
    }
}

/* Markdown text that may start a line. */
static void
md_text(FILE *f, const char *s)
{
    ds_text_md(f, s, 1);
}

static void
d_h(doc *d, int level, const char *text)
{
    for (int i = 0; i < level; i++)
        fputc('#', d->md);
    fputc(' ', d->md);
    md_text(d->md, text);
    fputs("\n\n", d->md);
    fprintf(d->html, "<h%d>", level);
    html_text(d->html, text);
    fprintf(d->html, "</h%d>\n", level);
}

static void
d_p(doc *d, const char *text)
{
    md_text(d->md, text);
    fputs("\n\n", d->md);
    fputs("<p>", d->html);
    html_text(d->html, text);
    fputs("</p>\n", d->html);
}

static void
d_ul(doc *d, int open)
{
    fputs(open ? "<ul>\n" : "</ul>\n", d->html);
    if (!open)
        fputc('\n', d->md);
}

static void
d_li(doc *d, const char *text)
{
    fputs("- ", d->md);
    md_text(d->md, text);
    fputc('\n', d->md);
    fputs("<li>", d->html);
    html_text(d->html, text);
    fputs("</li>\n", d->html);
}

static void
d_table(doc *d, const rtable *t, const char *csv)
{
    size_t nc = t->ncols;
    fputs("|", d->md);
    for (size_t k = 0; k < nc; k++) {
        fputc(' ', d->md);
        ds_text_md(d->md, t->head[k], 0);
        fputs(" |", d->md);
    }
    fputs("\n|", d->md);
    for (size_t k = 0; k < nc; k++)
        fputs(t->right[k] ? "---:|" : ":---|", d->md);
    fputc('\n', d->md);
    fputs("<table>\n<thead><tr>", d->html);
    for (size_t k = 0; k < nc; k++) {
        fputs(t->right[k] ? "<th class=\"r\">" : "<th>", d->html);
        html_text(d->html, t->head[k]);
        fputs("</th>", d->html);
    }
    fputs("</tr></thead>\n<tbody>\n", d->html);
    for (size_t i = 0; i < t->nrows; i++) {
        fputs("|", d->md);
        fputs("<tr>", d->html);
        for (size_t k = 0; k < nc; k++) {
            fputc(' ', d->md);
            ds_text_md(d->md, t->cells[i * nc + k], 0);
            fputs(" |", d->md);
            fputs(t->right[k] ? "<td class=\"r\">" : "<td>", d->html);
            html_text(d->html, t->cells[i * nc + k]);
            fputs("</td>", d->html);
        }
        fputs("\n", d->md);
        fputs("</tr>\n", d->html);
    }
    fputs("</tbody>\n</table>\n", d->html);
    fprintf(d->md, "\nData: [%s](%s)\n\n", csv, csv);
    fprintf(d->html, "<p class=\"data\">Data: %s (in the report folder)</p>\n",
            csv);
}

/* The chart: a PNG link in markdown, the SVG inlined in HTML. */
static void
d_chart(doc *d, const char *name, const char *alt, const char *svg)
{
    if (svg) {
        fputs("![", d->md);
        md_text(d->md, alt);
        fprintf(d->md, "](%s.png)\n\n", name);
        fputs("<figure>\n", d->html);
        const char *s = strstr(svg, "<svg");
        fputs(s ? s : "", d->html);
        fputs("<figcaption>", d->html);
        html_text(d->html, alt);
        fprintf(d->html,
                " (script: %s" DS_PLOT_SCRIPT_SUFFIX ", data: %s"
                DS_PLOT_DATA_SUFFIX ")</figcaption>\n"
                         "</figure>\n",
                name, name);
    } else {
        char t[256];
        snprintf(t, sizeof t,
                 "(Chart not rendered: gnuplot is missing or failed; run "
                 "gnuplot %s" DS_PLOT_SCRIPT_SUFFIX " in this folder.)",
                 name);
        d_p(d, t);
    }
}

/* ---------------------------------------------------------- sources */

typedef struct cites {
    const ds_obs *o[256];
    size_t n;
} cites;

static void
cite(cites *c, const ds_obs *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < c->n; i++)
        if (strcmp(c->o[i]->source, o->source) == 0 &&
            strcmp(c->o[i]->vintage, o->vintage) == 0 &&
            strcmp(c->o[i]->definition, o->definition) == 0)
            return;
    if (c->n < 256)
        c->o[c->n++] = o;
}

static int
cite_cmp(const void *a, const void *b)
{
    const ds_obs *x = *(const ds_obs *const *)a, *y = *(const ds_obs *const *)b;
    int r = strcmp(x->source, y->source);
    return r ? r : strcmp(x->vintage, y->vintage);
}

static const char *CSS =
    "body{font-family:'DejaVu Sans',Verdana,sans-serif;max-width:62rem;"
    "margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}"
    "h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;"
    "border-bottom:1px solid #ccc}"
    "table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}"
    "th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd;"
    "text-align:left}.r{text-align:right}"
    "figure{margin:1rem 0}figure svg{max-width:100%;height:auto}"
    "figcaption,.data{font-size:.85rem;color:#555}";

static const char *
target_list(const double *t, size_t n, char *b, size_t size)
{
    b[0] = '\0';
    for (size_t k = 0; k < n; k++) {
        size_t l = strlen(b);
        snprintf(b + l, size - l, "%s%g%%",
                 k ? (k + 1 == n ? " and " : ", ") : "", t[k]);
    }
    return b;
}

static void
csv_scenarios(FILE *f, const ds_scenario *s)
{
    fputs("country,year,target_pct,gdp_usd,spend_usd,baseline_usd,diff_usd,"
          "ratio_to_baseline,per_capita_usd,currency_lcu,spend_lcu,"
          "lcu_per_usd,gdp_source,gdp_vintage,baseline_usd_one_rate,"
          "ratio_one_rate\n",
          f);
    for (size_t k = 0; k < s->n_rows; k++) {
        const ds_scenario_row *r = &s->rows[k];
        fprintf(f, "%s,%d,", s->iso3, s->year);
        double v[] = {r->target_pct, s->gdp_usd->value, r->spend_usd,
                      s->baseline.present ? s->baseline.usd : NAN,
                      r->diff_usd, r->ratio_to_baseline, r->per_capita_usd};
        for (size_t i = 0; i < sizeof v / sizeof *v; i++)
            csv_num(f, v[i]), fputc(',', f);
        ds_text_csv(f, s->lcu), fputc(',', f);
        csv_num(f, r->spend_lcu), fputc(',', f);
        csv_num(f, s->gdp_lcu_per_usd), fputc(',', f);
        ds_text_csv(f, s->gdp_usd->source), fputc(',', f);
        ds_text_csv(f, s->gdp_usd->vintage), fputc(',', f);
        csv_num(f, s->baseline.present ? s->baseline.usd_one_rate : NAN);
        fputc(',', f);
        csv_num(f, r->ratio_one_rate);
        fputc('\n', f);
    }
}

static void
csv_projection(FILE *f, const ds_projection *p, const ds_simulation *sim)
{
    fputs("country,target_pct,year,gdp_usd,share_pct,spend_usd,extra_usd,"
          "cumulative_extra_usd,spend_usd_p5,spend_usd_p50,spend_usd_p95,"
          "lcu_per_usd,growth_pct\n",
          f);
    for (size_t k = 0; k < p->n_targets; k++)
        for (size_t i = 0; i < p->n_years; i++) {
            const ds_project_cell *c = ds_projection_cell(p, k, i);
            double bu[DS_SIM_NBANDS], bl[DS_SIM_NBANDS];
            if (sim)
                ds_simulation_spend_bands(p, sim, k, i, bu, bl);
            fprintf(f, "%s,", p->scenario->iso3);
            csv_num(f, p->targets_pct[k]);
            fprintf(f, ",%d,", p->years[i].year);
            double v[] = {p->years[i].gdp_usd,
                          c->share_pct,
                          c->spend_usd,
                          c->extra_usd,
                          c->cum_extra_usd,
                          sim ? bu[0] : NAN,
                          sim ? bu[2] : NAN,
                          sim ? bu[4] : NAN,
                          p->lcu_per_usd,
                          p->growth_pct};
            for (size_t j = 0; j < sizeof v / sizeof *v; j++) {
                if (j)
                    fputc(',', f);
                csv_num(f, v[j]);
            }
            fputc('\n', f);
        }
}

static void
csv_compare(FILE *f, const ds_comparison *c)
{
    fputs("rank,country,name,year,share_pct,milex_usd,gdp_usd,gap_2_usd,"
          "gap_3.5_usd,gap_5_usd,gdp_source,gdp_vintage,milex_source,"
          "milex_vintage,missing\n",
          f);
    for (size_t i = 0; i < c->n_rows; i++) {
        const ds_compare_row *r = &c->rows[i];
        const ds_obs *m = r->milex_usd ? r->milex_usd : r->share_obs;
        if (r->rank)
            fprintf(f, "%zu", r->rank);
        fprintf(f, ",%s,", r->iso3);
        ds_text_csv(f, r->name), fputc(',', f);
        if (r->has_data)
            fprintf(f, "%d", r->year);
        fputc(',', f);
        csv_num(f, r->share_pct), fputc(',', f);
        csv_num(f, r->milex_usd_value), fputc(',', f);
        csv_num(f, r->gdp_usd_value), fputc(',', f);
        for (size_t k = 0; k < 3; k++)
            csv_num(f, r->gap_usd[k]), fputc(',', f);
        ds_text_csv(f, r->gdp_usd ? r->gdp_usd->source
                        : r->gdp_derived ? "derived: military expenditure / share of GDP"
                                         : ""), fputc(',', f);
        ds_text_csv(f, r->gdp_usd ? r->gdp_usd->vintage : "");
        fputc(',', f);
        ds_text_csv(f, m ? m->source : ""), fputc(',', f);
        ds_text_csv(f, m ? m->vintage : ""), fputc(',', f);
        ds_text_csv(f, r->missing);
        fputc('\n', f);
    }
}


ds_status
ds_report_write(ds_report_folder *rf, const ds_report *r, const ds_store *st,
                ds_report_say say, void *ctx, int *charts_failed,
                ds_error *err)
{
    const ds_scenario *s = r->scenario;
    const ds_projection *p = r->projection;
    const ds_simulation *sim = r->simulation;
    const ds_comparison *cmp = r->comparison;
    const char *lcu = p->lcu_only_usd ? "USD" : s->lcu;
    cites cs = {{NULL}, 0};
    char b[2048], a1[64], a2[64], a3[64], tl[128];
    int rc = 0;
    ds_status st_ = DS_OK;
    (void)a3;

    /* charts */
    enum { NCHARTS = DS_REPORT_NCHARTS };
    const char *names[NCHARTS];
    chart_out co[NCHARTS];
    memset(co, 0, sizeof co);
    *charts_failed = 0;
    for (int i = 0; i < NCHARTS && st_ == DS_OK; i++) {
        names[i] = ds_report_chart_name((size_t)i);
        ds_plot *pl = ds_plot_alloc();
        if (!pl) {
            st_ = rep_err(err, "out of memory");
            break;
        }
        st_ = ds_report_build_chart(r, st, (size_t)i, pl, err);
        if (st_ == DS_OK)
            st_ = ds_report_folder_chart(rf, pl, names[i], &co[i].svg,
                                         &co[i].failed, say, ctx, err);
        *charts_failed |= co[i].failed;
        ds_plot_free(pl);
    }
    if (st_ != DS_OK) {
        for (int i = 0; i < NCHARTS; i++)
            free(co[i].svg);
        return st_;
    }

    char *mdb = NULL, *htb = NULL;
    size_t mdl = 0, htl = 0;
    doc d = {open_memstream(&mdb, &mdl), open_memstream(&htb, &htl)};
    if (!d.md || !d.html) {
        rc = 1;
        rep_err(err, "out of memory");
        goto done;
    }
    if (rc)
        goto done;
    char title[512], nm[256];
    snprintf(title, sizeof title, "Defense spending at shares of GDP: %s (%s)",
             ds_chart_name(s->name, 60, nm, sizeof nm), s->iso3);
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
          "charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
          "'none'; style-src 'unsafe-inline'; img-src data:\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n<title>",
          d.html);
    html_text(d.html, title);
    fprintf(d.html, "</title>\n<style>%s</style>\n</head>\n<body>\n", CSS);
    d_h(&d, 1, title);
    d_p(&d, "Prepared with defspend. Every figure names its year, currency "
            "and price basis; sources and vintages are listed at the end. A "
            "missing figure is shown as n/a, never as zero.");

    /* summary */
    d_h(&d, 2, "Summary");
    d_ul(&d, 1);
    snprintf(b, sizeof b, "GDP %d: %s, current US$ (%s, vintage %s)", s->year,
             ds_format_money(s->gdp_usd->value, "USD", a1, sizeof a1),
             s->gdp_usd->source, s->gdp_usd->vintage);
    d_li(&d, b);
    cite(&cs, s->gdp_usd);
    cite(&cs, s->gdp_lcu);
    if (s->baseline.present) {
        const ds_baseline *bl = &s->baseline;
        const ds_obs *bo = bl->obs_lcu ? bl->obs_lcu : bl->obs_usd;
        char yl[80] = "", lcu[64] = "", share[96] = "";
        if (bo)
            snprintf(yl, sizeof yl, ", %s",
                     ds_year_label(bo, a1, sizeof a1));
        if (bl->obs_lcu && s->lcu[0] && strcmp(s->lcu, "USD") != 0)
            snprintf(lcu, sizeof lcu, "%s = ",
                     ds_format_money(bl->lcu, s->lcu, a1, sizeof a1));
        if (isfinite(bl->share_pct))
            ds_format_whole(share, sizeof share, ", %s%% of %d GDP",
                          ds_format_fixed(bl->share_pct, 2, a2, sizeof a2),
                          s->year);
        snprintf(b, sizeof b, "Baseline: %s%s: %s%s%s%s", bl->label, yl, lcu,
                 ds_format_money(bl->usd, "USD", a1, sizeof a1),
                 bl->obs_usd ? " as reported" : "", share);
        d_li(&d, b);
        cite(&cs, s->baseline.obs_usd);
        cite(&cs, s->baseline.obs_lcu);
    }
    for (size_t k = 0; k < s->n_rows; k++) {
        const ds_scenario_row *row = &s->rows[k];
        int two = s->baseline.present && isfinite(row->ratio_one_rate) &&
                  fabs(row->ratio_one_rate / row->ratio_to_baseline - 1) >
                      5e-4;
        if (two)
            snprintf(b, sizeof b, "%g%% of %d GDP: %s, current US$, %s "
                                  "times the baseline as reported, %s "
                                  "times at one exchange rate (%s for both)",
                     row->target_pct, s->year,
                     ds_format_money(row->spend_usd, "USD", a1, sizeof a1),
                     ds_format_fixed(row->ratio_to_baseline, 2, a3, sizeof a3),
                     ds_format_fixed(row->ratio_one_rate, 2, tl, sizeof tl),
                     chart_rate(s->gdp_lcu_per_usd, s->lcu, a2, sizeof a2));
        else if (s->baseline.present && isfinite(row->ratio_to_baseline))
            snprintf(b, sizeof b, "%g%% of %d GDP: %s, current US$, %s "
                                  "times the baseline",
                     row->target_pct, s->year,
                     ds_format_money(row->spend_usd, "USD", a1, sizeof a1),
                     ds_format_fixed(row->ratio_to_baseline, 2, a3, sizeof a3));
        else
            snprintf(b, sizeof b, "%g%% of %d GDP: %s, current US$",
                     row->target_pct, s->year,
                     ds_format_money(row->spend_usd, "USD", a1, sizeof a1));
        d_li(&d, b);
    }
    for (size_t k = 0; k < p->n_targets; k++) {
        const ds_project_cell *c = ds_projection_cell(p, k, p->n_years - 1);
        snprintf(b, sizeof b,
                 "Path to %g%% by %d: %s in %d (current US$ at %s); extra "
                 "over the baseline %d-%d: %s",
                 p->targets_pct[k], p->by_year,
                 ds_format_money(c->spend_usd, "USD", a1, sizeof a1),
                 p->by_year, chart_rate(p->lcu_per_usd, lcu, a2, sizeof a2),
                 p->from_year + 1, p->by_year,
                 ds_format_money(c->cum_extra_usd, "USD", a3, sizeof a3));
        d_li(&d, b);
    }
    for (size_t i = 0; i < cmp->n_rows; i++)
        if (strcmp(cmp->rows[i].iso3, s->iso3) == 0 && cmp->rows[i].rank) {
            size_t nd = 0;
            for (size_t j = 0; j < cmp->n_rows; j++)
                nd += cmp->rows[j].has_data;
            snprintf(b, sizeof b,
                     "Among the %zu allies compared with data, %s ranks %zu "
                     "by military expenditure as a share of GDP (%.2f%%, "
                     "%d)",
                     nd, s->iso3, cmp->rows[i].rank, cmp->rows[i].share_pct,
                     cmp->rows[i].year);
            d_li(&d, b);
        }
    d_ul(&d, 0);

    /* scenarios */
    snprintf(b, sizeof b, "Scenarios: spending at shares of %d GDP", s->year);
    d_h(&d, 2, b);
    d_chart(&d, names[0], "Spending at each target share, with the baseline",
            co[0].svg);
    {
        char hl[32], hd[40];
        snprintf(hl, sizeof hl, "spend %s", s->lcu[0] ? s->lcu : "LCU");
        snprintf(hd, sizeof hd, "diff %s", s->lcu[0] ? s->lcu : "LCU");
        const char *head[] = {"target % GDP", "spend US$", "vs baseline US$",
                              "x baseline",   "x at one rate",
                              "per capita US$", hl};
        rtable t;
        if (!rt_init(&t, 7, head, NULL)) {
            rc = 1;
            rep_err(err, "out of memory");
            goto done;
        }
        for (size_t k = 0; k < s->n_rows; k++) {
            const ds_scenario_row *row = &s->rows[k];
            char c[7][RT_CELL];
            const char *cells[7];
            snprintf(c[0], RT_CELL, "%g%%", row->target_pct);
            ds_format_money(row->spend_usd, "USD", c[1], RT_CELL);
            ds_format_money(row->diff_usd, "USD", a1, sizeof a1);
            ds_format_whole(c[2], RT_CELL, "%s%s",
                          isfinite(row->diff_usd) && row->diff_usd > 0 &&
                                  a1[0] != '#'
                              ? "+"
                              : "",
                          a1);
            if (isfinite(row->ratio_to_baseline))
                ds_format_whole(c[3], RT_CELL, "%sx",
                              ds_format_fixed(row->ratio_to_baseline, 3, a2,
                                              sizeof a2));
            else
                snprintf(c[3], RT_CELL, "n/a");
            if (isfinite(row->ratio_one_rate))
                ds_format_whole(c[4], RT_CELL, "%sx",
                              ds_format_fixed(row->ratio_one_rate, 3, a2,
                                              sizeof a2));
            else
                snprintf(c[4], RT_CELL, "n/a");
            ds_format_money(row->per_capita_usd, "USD", c[5], RT_CELL);
            ds_format_money(row->spend_lcu, s->lcu, c[6], RT_CELL);
            for (int q = 0; q < 7; q++)
                cells[q] = c[q];
            if (!rt_row(&t, cells)) {
                rt_release(&t);
                rc = 1;
            rep_err(err, "out of memory");
                goto done;
            }
        }
        d_table(&d, &t, "table-scenarios.csv");
        rt_release(&t);
    }

    /* projection */
    snprintf(b, sizeof b, "Path to %d", p->by_year);
    d_h(&d, 2, b);
    d_chart(&d, names[1], "Spending paths to the target shares", co[1].svg);
    if (p->n_decided)
        snprintf(b, sizeof b,
                 "The budgets already decided are the first years (%s); "
                 "from %d spending moves linearly in share of GDP to %s of "
                 "GDP in %d; extra spending is measured from the baseline "
                 "(%.2f%% of %d GDP); nominal GDP grows %s; figures in "
                 "current US$ at %s, held.",
                 p->decided_basis, p->last_decided_year,
                 target_list(p->targets_pct, p->n_targets, tl, sizeof tl),
                 p->by_year, p->baseline_share_pct, p->from_year,
                 p->growth_basis,
                 chart_rate(p->lcu_per_usd, lcu, a1, sizeof a1));
    else
        snprintf(b, sizeof b,
                 "Spending moves linearly in share of GDP from the baseline "
                 "(%.2f%% of %d GDP) to %s of GDP in %d; nominal GDP grows "
                 "%s; figures in current US$ at %s, held.",
                 p->baseline_share_pct, p->from_year,
                 target_list(p->targets_pct, p->n_targets, tl, sizeof tl),
                 p->by_year, p->growth_basis,
                 chart_rate(p->lcu_per_usd, lcu, a1, sizeof a1));
    d_p(&d, b);
    for (size_t i = 0; i < p->n_notes; i++) {
        snprintf(b, sizeof b, "Note: %s", p->notes[i]);
        d_p(&d, b);
    }
    {
        size_t nc = 2 + p->n_targets * (sim ? 3 : 1);
        if (nc > 20)
            nc = 20;
        const char *head[20];
        char hb[20][48];
        head[0] = "year";
        head[1] = "GDP US$";
        size_t j = 2;
        for (size_t k = 0; k < p->n_targets && j < nc; k++) {
            snprintf(hb[j], 48, "%g%% US$", p->targets_pct[k]);
            head[j] = hb[j];
            j++;
            if (sim && j + 1 < nc) {
                snprintf(hb[j], 48, "%g%% p5", p->targets_pct[k]);
                head[j] = hb[j];
                j++;
                snprintf(hb[j], 48, "%g%% p95", p->targets_pct[k]);
                head[j] = hb[j];
                j++;
            }
        }
        rtable t;
        if (!rt_init(&t, nc, head, NULL)) {
            rc = 1;
            rep_err(err, "out of memory");
            goto done;
        }
        for (size_t i = 0; i < p->n_years; i++) {
            char c[20][RT_CELL];
            const char *cells[20];
            snprintf(c[0], RT_CELL, "%d%s", p->years[i].year,
                     i == 0 ? " (data)" : "");
            ds_format_money(p->years[i].gdp_usd, "USD", c[1], RT_CELL);
            size_t q = 2;
            for (size_t k = 0; k < p->n_targets && q < nc; k++) {
                const ds_project_cell *cl = ds_projection_cell(p, k, i);
                ds_format_money(cl->spend_usd, "USD", c[q++], RT_CELL);
                if (sim && q + 1 < nc) {
                    double bu[DS_SIM_NBANDS], bl[DS_SIM_NBANDS];
                    ds_simulation_spend_bands(p, sim, k, i, bu, bl);
                    ds_format_money(bu[0], "USD", c[q++], RT_CELL);
                    ds_format_money(bu[4], "USD", c[q++], RT_CELL);
                }
            }
            for (size_t z = 0; z < nc; z++)
                cells[z] = c[z];
            if (!rt_row(&t, cells)) {
                rt_release(&t);
                rc = 1;
            rep_err(err, "out of memory");
                goto done;
            }
        }
        d_table(&d, &t, "table-projection.csv");
        rt_release(&t);
    }
    if (sim) {
        d_ul(&d, 1);
        for (size_t k = 0; k < sim->n_targets; k++) {
            const ds_sim_target *t = &sim->targets[k];
            char m1[48], m2[48], m3[48];
            snprintf(b, sizeof b,
                     "Target %g%% of GDP in %d: spending needed to reach it "
                     "with probability 50%% / 90%% / 95%%: %s / %s / %s "
                     "(current US$); %s reaches it with probability %.1f%%",
                     t->target_pct, p->by_year,
                     ds_format_money(t->needed_usd[0], "USD", m1, sizeof m1),
                     ds_format_money(t->needed_usd[1], "USD", m2, sizeof m2),
                     ds_format_money(t->needed_usd[2], "USD", m3, sizeof m3),
                     p->plan_basis, 100.0 * t->p_plan_reaches);
            d_li(&d, b);
        }
        d_ul(&d, 0);
    }

    /* sensitivity */
    d_h(&d, 2, "Sensitivity to GDP growth");
    d_chart(&d, names[4], "Spending in the target year by target share and "
            "GDP growth", co[4].svg);
    snprintf(b, sizeof b,
             "Spending in %d at each target share if nominal GDP grows "
             "-1%% to +4%% a year from %d (the target share of that "
             "year's GDP, whatever the path before it); current US$ at "
             "%s, held. The command defspend "
             "sensitivity prints the grid and the cumulative cost.",
             p->by_year, p->from_year,
             chart_rate(p->lcu_per_usd, lcu, a1, sizeof a1));
    d_p(&d, b);

    /* comparison */
    d_h(&d, 2, "Allies compared");
    d_chart(&d, names[2], "Military expenditure as a share of GDP, ranked",
            co[2].svg);
    {
        const char *head[] = {"rank",       "country",    "year",
                              "share",      "milex US$",  "gap to 2%",
                              "gap to 3.5%", "gap to 5%"};
        int right[] = {1, 0, 1, 1, 1, 1, 1, 1};
        rtable t;
        if (!rt_init(&t, 8, head, right)) {
            rc = 1;
            rep_err(err, "out of memory");
            goto done;
        }
        for (size_t i = 0; i < cmp->n_rows; i++) {
            const ds_compare_row *row = &cmp->rows[i];
            char c[8][RT_CELL];
            const char *cells[8];
            snprintf(c[0], RT_CELL, row->rank ? "%zu" : "-", row->rank);
            snprintf(c[1], RT_CELL, "%.30s (%s)", row->name, row->iso3);
            if (row->has_data) {
                snprintf(c[2], RT_CELL, "%d", row->year);
                pct_text(row->share_pct, 2, c[3], RT_CELL);
                ds_format_money(row->milex_usd_value, "USD", c[4], RT_CELL);
                for (int k = 0; k < 3; k++) {
                    ds_format_money(row->gap_usd[k], "USD", a1, sizeof a1);
                    snprintf(c[5 + k], RT_CELL, "%s%.40s",
                             row->gap_usd[k] > 0 ? "+" : "", a1);
                }
                cite(&cs, row->gdp_usd);
                cite(&cs, row->milex_usd);
                cite(&cs, row->share_obs);
            } else {
                snprintf(c[2], RT_CELL, "no data");
                for (int k = 3; k < 8; k++)
                    snprintf(c[k], RT_CELL, "n/a");
            }
            for (int q = 0; q < 8; q++)
                cells[q] = c[q];
            if (!rt_row(&t, cells)) {
                rt_release(&t);
                rc = 1;
            rep_err(err, "out of memory");
                goto done;
            }
        }
        d_table(&d, &t, "table-compare.csv");
        rt_release(&t);
    }
    d_p(&d, "Share = military expenditure / GDP, both in current US$ of the "
            "same year (else the stored share); gap = target x GDP - "
            "military expenditure. Years differ between countries: each "
            "country's latest year with both figures.");

    /* history */
    d_h(&d, 2, "History");
    d_chart(&d, names[3], "Military expenditure over time", co[3].svg);

    /* assumptions */
    d_h(&d, 2, "Assumptions");
    d_ul(&d, 1);
    snprintf(b, sizeof b,
             "GDP: definition %s, %s prices, current US$ at market exchange "
             "rates (%s)",
             s->gdp_usd->definition, s->gdp_usd->price_basis,
             s->gdp_usd->source);
    d_li(&d, b);
    if (isfinite(s->gdp_lcu_per_usd)) {
        snprintf(b, sizeof b,
                 "Exchange rate implied by GDP in %s / GDP in US$ (%d): %s",
                 s->lcu, s->year,
                 chart_rate(s->gdp_lcu_per_usd, s->lcu, a1, sizeof a1));
        d_li(&d, b);
    }
    if (s->fx_official) {
        snprintf(b, sizeof b, "Official annual average rate %d: %s (%s)",
                 s->fx_official->year,
                 chart_rate(s->fx_official->value, s->lcu, a1, sizeof a1),
                 s->fx_official->source);
        d_li(&d, b);
        cite(&cs, s->fx_official);
    }
    if (s->baseline.present) {
        snprintf(b, sizeof b, "Baseline rate: %s (%s)",
                 chart_rate(s->baseline.lcu_per_usd, s->lcu, a1, sizeof a1),
                 s->baseline.rate_basis);
        d_li(&d, b);
    }
    snprintf(b, sizeof b, "Projection: GDP growth %s; exchange rate %s, %s",
             p->growth_basis, chart_rate(p->lcu_per_usd, lcu, a1, sizeof a1),
             p->rate_basis);
    d_li(&d, b);
    if (sim) {
        snprintf(b, sizeof b,
                 "Monte Carlo: %zu draws, generator %s, seed %lu; annual log "
                 "GDP growth ~ N(%.4f, %.4f^2) (sd: %s); bands are the 5th, "
                 "25th, 75th and 95th percentiles",
                 sim->n_draws, sim->rng_name, r->seed, sim->growth_mu,
                 sim->growth_sd, sim->growth_sd_basis);
        d_li(&d, b);
    } else {
        d_li(&d, "Monte Carlo: not run (--simulate 0)");
    }
    d_li(&d, "Military expenditure: the definition of each source (World "
             "Bank WDI figures originate with SIPRI; ministry budgets are "
             "initial budgets of the fiscal year)");
    d_ul(&d, 0);

    /* sources */
    d_h(&d, 2, "Sources");
    qsort(cs.o, cs.n, sizeof *cs.o, cite_cmp);
    d_ul(&d, 1);
    for (size_t i = 0; i < cs.n; i++) {
        snprintf(b, sizeof b, "%s; definition %s; vintage %s",
                 cs.o[i]->source, cs.o[i]->definition,
                 cs.o[i]->vintage[0] ? cs.o[i]->vintage : "unknown");
        d_li(&d, b);
    }
    d_ul(&d, 0);
    d_p(&d, "Licences: World Bank WDI data CC BY 4.0; government budget "
            "documents public. Charts: the .plot.gp scripts and .plot.csv "
            "data beside "
            "each PNG re-create them with gnuplot.");
    fputs("</body>\n</html>\n", d.html);

done:
    if (d.md)
        fclose(d.md);
    if (d.html)
        fclose(d.html);
    if (!rc && (ds_report_folder_write(rf, "report.md", mdb, mdl, err) ||
                ds_report_folder_write(rf, "report.html", htb, htl, err)))
        rc = 1;
    free(mdb);
    free(htb);
    for (int i = 0; i < NCHARTS; i++)
        free(co[i].svg);
    if (!rc) {
        static const char *const tn[] = {"table-scenarios.csv",
                                         "table-projection.csv",
                                         "table-compare.csv"};
        for (int i = 0; i < 3 && !rc; i++) {
            char *tb = NULL;
            size_t tlen = 0;
            FILE *f = open_memstream(&tb, &tlen);
            if (!f) {
                rc = 1;
            rep_err(err, "out of memory");
                break;
            }
            if (i == 0)
                csv_scenarios(f, s);
            else if (i == 1)
                csv_projection(f, p, sim);
            else
                csv_compare(f, cmp);
            fclose(f);
            if (ds_report_folder_write(rf, tn[i], tb, tlen, err) != DS_OK)
                rc = 1;
            free(tb);
        }
    }
    return rc ? (err ? err->code : DS_EIO) : DS_OK;
}

