/* report.c - the report's calculations and charts, and the report folder
 * (see defspend/report.h): a manifest names the files defspend wrote, a
 * staging folder is moved (a new folder) or swapped file by file with a
 * rollback (an existing one) into place.
 *
 * The "move into place" stays here until the shared atomic-write module
 * (fsutil) lands; it is a folder swap with a rollback, not a file write.
 */
#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gsl/gsl_rng.h>

#include "chart_internal.h"
#include "plot_internal.h"
#include "table_internal.h"
#include "defspend/bridge.h"
#include "defspend/chart.h"
#include "defspend/format.h"
#include "defspend/nato2035.h"
#include "defspend/report.h"
#include "defspend/sensitivity.h"
#include "defspend/table.h"


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

/* The compared group's title, true to its members: the default group
 * holds the United States itself. */
static const char *
allies_title(const ds_comparison *c)
{
    for (size_t i = 0; i < c->n_rows; i++)
        if (strcmp(c->rows[i].iso3, "USA") == 0)
            return "The United States and its allies";
    return "US allies";
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
    case 2: return ds_chart_compare(p, r->comparison,
                                    allies_title(r->comparison), iso3, err);
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

void
ds_report_spec_init(ds_report_spec *spec)
{
    assert(spec);
    memset(spec, 0, sizeof *spec);
    spec->gdp_source = DS_GDP_FIT;
    spec->growth_pct = NAN;
    spec->fit_years = 10;
    spec->seed = DS_SIM_DEFAULT_SEED;
}

/* The scenario's and the projection's specs of a report. */
static void
report_specs(const ds_report_spec *spec, ds_scenario_spec *ss,
             ds_project_spec *ps)
{
    ds_scenario_spec_init(ss);
    ss->country = spec->country;
    ss->targets_pct = spec->targets_pct;
    ss->n_targets = spec->n_targets;
    if (spec->baseline)
        ds_scenario_spec_set_baseline(ss, spec->baseline);
    ss->source = spec->source;
    ds_project_spec_init(ps);
    ps->country = spec->country;
    ps->by_year = spec->by;
    ps->targets_pct = spec->path_targets_pct;
    ps->n_targets = spec->n_path_targets;
    ps->gdp_source = spec->gdp_source;
    ps->growth_pct = spec->growth_pct;
    ps->fit_years = spec->fit_years;
    ps->path = DS_PATH_LINEAR;
    ps->baseline_kind = ss->baseline_kind;
    ps->baseline_amount = ss->baseline_amount;
    ps->baseline_definition = ss->baseline_definition;
    ps->baseline_year = ss->baseline_year;
    ps->source = ss->source;
}

/* The report's Monte Carlo spec: draws, the sds estimated. */
static ds_sim_spec
report_sim_spec(const ds_report_spec *spec)
{
    ds_sim_spec sim = {spec->draws, NAN, NAN, 0};
    return sim;
}

const char *
ds_report_missing_sd(const ds_store *st, const ds_report_spec *spec)
{
    if (spec->draws == 0)
        return NULL;
    ds_scenario_spec ss;
    ds_project_spec ps;
    report_specs(spec, &ss, &ps);
    ds_projection *p = NULL;
    ds_error e;
    ds_error_clear(&e);
    if (ds_project_run(st, &ps, &p, &e) != DS_OK)
        return NULL;
    ds_sim_spec sim = report_sim_spec(spec);
    const char *sd = ds_sim_missing_sd(p, &sim);
    ds_projection_free(p);
    return sd;
}

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
    const char *const src[] = {spec->title, spec->subtitle, spec->author,
                               spec->date};
    char **dst[] = {&r->title, &r->subtitle, &r->author, &r->date};
    for (int i = 0; i < 4; i++)
        if (src[i] && src[i][0] && !(*dst[i] = strdup(src[i]))) {
            s = rep_err(err, "out of memory");
            goto fail;
        }
    ds_scenario_spec ss;
    report_specs(spec, &ss, &r->project);
    if ((s = ds_scenario_run(st, &ss, &r->scenario, err)) != DS_OK)
        goto fail;
    ds_project_spec *ps = &r->project;
    if ((s = ds_project_run(st, ps, &r->projection, err)) != DS_OK)
        goto fail;
    if (spec->draws > 0) {
        ds_sim_spec sim = report_sim_spec(spec);
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
    ds_compare_free(r->comparison);
    ds_simulation_free(r->simulation);
    ds_projection_free(r->projection);
    ds_scenario_free(r->scenario);
    free(r->title);
    free(r->subtitle);
    free(r->author);
    free(r->date);
    free(r);
}

/* ------------------------------------------------------------- PDF */

const char *
ds_report_browser(void)
{
    static char found[4096];
    const char *env = getenv("DEFSPEND_CHROMIUM");
    if (env && env[0]) {
        snprintf(found, sizeof found, "%s", env);
        return found;
    }
    static const char *const names[] = {"chromium", "chromium-browser",
                                        "google-chrome",
                                        "google-chrome-stable"};
    const char *path = getenv("PATH");
    if (!path || !path[0])
        path = "/usr/local/bin:/usr/bin:/bin";
    for (size_t k = 0; k < sizeof names / sizeof *names; k++) {
        const char *p = path;
        while (*p) {
            size_t n = strcspn(p, ":");
            if (n > 0 && n < 3000) {
                snprintf(found, sizeof found, "%.*s/%s", (int)n, p, names[k]);
                struct stat sb;
                if (stat(found, &sb) == 0 && S_ISREG(sb.st_mode) &&
                    access(found, X_OK) == 0)
                    return found;
            }
            p += n;
            if (*p == ':')
                p++;
        }
    }
    return NULL;
}

ds_status
ds_report_folder_pdf(ds_report_folder *f, const char *browser, int *missing,
                     ds_error *err)
{
    *missing = 0;
    if (!browser)
        browser = ds_report_browser();
    if (!browser) {
        *missing = 1;
        return DS_OK;
    }
    char html[4200], pdf[4200], url[8400], out[4300], prof[4300];
    snprintf(html, sizeof html, "%.4096s/report.html", f->tmp);
    snprintf(pdf, sizeof pdf, "%.4096s/report.pdf", f->tmp);
    snprintf(url, sizeof url, "file://%.4199s", html);
    snprintf(out, sizeof out, "--print-to-pdf=%.4199s", pdf);
    /* a profile of its own in the work folder (removed with it) */
    snprintf(prof, sizeof prof, "--user-data-dir=%.4096s/profile",
             f->svgdir[0] ? f->svgdir : f->tmp);
    if (html[0] != '/') {
        /* a file URL needs an absolute path */
        char cwd[4096];
        if (!getcwd(cwd, sizeof cwd))
            return rep_err(err, "cannot find the current folder: %s",
                           strerror(errno));
        snprintf(url, sizeof url, "file://%.4095s/%.4199s", cwd, html);
    }
    char *argv[] = {(char *)browser,
                    "--headless",
                    "--disable-gpu",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-extensions",
                    "--no-pdf-header-footer",
                    "--print-to-pdf-no-header", /* older Chromium */
                    prof,
                    out,
                    url,
                    geteuid() == 0 ? "--no-sandbox" : NULL,
                    NULL};
    posix_spawn_file_actions_t fa;
    if (posix_spawn_file_actions_init(&fa) != 0)
        return rep_err(err, "out of memory");
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    extern char **environ;
    int e = posix_spawn(&pid, browser, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (e != 0) {
        if (e == ENOENT || e == EACCES) {
            *missing = 1;
            return DS_OK;
        }
        return rep_err(err, "%s: cannot run: %s", browser, strerror(e));
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR)
            return rep_err(err, "%s: cannot wait for it: %s", browser,
                           strerror(errno));
    struct stat sb;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
        stat(pdf, &sb) != 0 || sb.st_size < 8) {
        unlink(pdf);
        return rep_err(err, "%s: printing report.html to PDF failed (%s %d)",
                       browser,
                       WIFEXITED(status) ? "exit status" : "signal",
                       WIFEXITED(status) ? WEXITSTATUS(status)
                                         : WTERMSIG(status));
    }
    return DS_OK;
}

/* "3.50%"; "n/a" for NaN */
static char *
pct_text(double v, int decimals, char *b, size_t n)
{
    char t[64];
    if (!isfinite(v))
        return ds_format_whole(b, n, "n/a");
    return ds_format_whole(b, n, "%s%%", ds_format_fixed(v, decimals, t,
                                                         sizeof t));
}

/* ========================================================= documents
 *
 * report.md and report.html, written block by block to both, and the
 * table CSVs.  Every table is a ds_table: the CSVs are the tables of
 * `scenarios`, `project` and `compare` (ds_scenario_table,
 * ds_project_table, ds_compare_table) written by ds_table_write, the
 * same bytes as those commands' --format csv; the tables shown in the
 * report are ds_tables too, written by ds_table_write as Markdown and
 * read back cell by cell (ds_table_shown) for the HTML.  Text is escaped
 * by the library's one Markdown escaper (ds_text_md); years by
 * ds_year_label.
 */

typedef struct chart_out {
    char *svg;   /* NULL when not rendered */
    char *title; /* the chart's title, NULL when it has none */
    int failed;  /* gnuplot missing or failed */
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

/* A heading; cls (may be NULL) is its HTML class. */
static void
d_hc(doc *d, int level, const char *cls, const char *text)
{
    for (int i = 0; i < level; i++)
        fputc('#', d->md);
    fputc(' ', d->md);
    md_text(d->md, text);
    fputs("\n\n", d->md);
    fprintf(d->html, "<h%d%s%s%s>", level, cls ? " class=\"" : "",
            cls ? cls : "", cls ? "\"" : "");
    html_text(d->html, text);
    fprintf(d->html, "</h%d>\n", level);
}

static void
d_h(doc *d, int level, const char *text)
{
    d_hc(d, level, NULL, text);
}

/* A paragraph; cls (may be NULL) is its HTML class. */
static void
d_pc(doc *d, const char *cls, const char *text)
{
    md_text(d->md, text);
    fputs("\n\n", d->md);
    fprintf(d->html, "<p%s%s%s>", cls ? " class=\"" : "", cls ? cls : "",
            cls ? "\"" : "");
    html_text(d->html, text);
    fputs("</p>\n", d->html);
}

static void
d_p(doc *d, const char *text)
{
    d_pc(d, NULL, text);
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

/* A column is shown in text and Markdown (as the writers decide). */
static int
col_shown(const ds_column *c)
{
    return !(c->show & DS_COL_HIDDEN) &&
           (c->show == 0 || (c->show & DS_COL_SHOW_TEXT));
}

/* The table t: Markdown by ds_table_write, HTML from its shown cells;
 * then a line naming the CSV of its data (csv). */
static ds_status
d_table(doc *d, const ds_table *t, const char *csv, ds_error *err)
{
    TRY(ds_table_write(t, DS_TABLE_MD, d->md, err));
    size_t nc = ds_table_columns(t), nr = ds_table_rows(t);
    fputs("<table>\n<thead><tr>", d->html);
    for (size_t k = 0; k < nc; k++) {
        const ds_column *c = ds_table_column(t, k);
        if (!col_shown(c))
            continue;
        fputs(c->right == 1 ? "<th class=\"r\">" : "<th>", d->html);
        html_text(d->html, c->label ? c->label : c->name);
        fputs("</th>", d->html);
    }
    fputs("</tr></thead>\n<tbody>\n", d->html);
    char cell[256];
    for (size_t i = 0; i < nr; i++) {
        fputs("<tr>", d->html);
        for (size_t k = 0; k < nc; k++) {
            const ds_column *c = ds_table_column(t, k);
            if (!col_shown(c))
                continue;
            fputs(c->right ? "<td class=\"r\">" : "<td>", d->html);
            html_text(d->html, ds_table_shown(t, i, k, cell, sizeof cell));
            fputs("</td>", d->html);
        }
        fputs("</tr>\n", d->html);
    }
    fputs("</tbody>\n</table>\n", d->html);
    fprintf(d->md, "\nData: [%s](%s)\n\n", csv, csv);
    fprintf(d->html, "<p class=\"data\">Data: %s (in the report folder)</p>\n",
            csv);
    return DS_OK;
}

/* One title or note line's text (house and data parts alike). */
static void
line_text(const ds__line *l, char *b, size_t n)
{
    size_t len = 0;
    b[0] = '\0';
    for (size_t i = 0; i < l->n && len < n; i++)
        len += (size_t)snprintf(b + len, n - len, "%s",
                                l->parts[i].text ? l->parts[i].text : "");
}

static void
html_notes(FILE *f, const ds__line *v, size_t n, char *b, size_t size)
{
    if (!n)
        return;
    fputs("<ul class=\"notes\">\n", f);
    for (size_t i = 0; i < n; i++) {
        if (v[i].place == DS_NOTE_FOOT_HEADING)
            continue;
        line_text(&v[i], b, size);
        fputs("<li>", f);
        html_text(f, b);
        fputs("</li>\n", f);
    }
    fputs("</ul>\n", f);
}

/* A table of a command (the bridge, NATO 2035) with its notes (the
 * citations are foot notes): its title a level-3 heading in both
 * documents; in Markdown the notes as ds_table_write writes them, in
 * HTML as lists above and below the grid (d_table writes the grid). */
static ds_status
d_table_noted(doc *d, ds_table *t, const char *csv, ds_error *err)
{
    char b[2048];
    if (t->has_title) {
        line_text(&t->title, b, sizeof b);
        d_h(d, 3, b);
        t->has_title = 0;
    }
    html_notes(d->html, t->head, t->nhead, b, sizeof b);
    /* the foot notes and citations go to the HTML after the grid:
     * write the grid first (d_table), then them */
    FILE *keep = d->html;
    char *hb = NULL;
    size_t hl = 0;
    FILE *h = open_memstream(&hb, &hl);
    if (!h)
        return rep_err(err, "out of memory");
    d->html = h;
    ds_status st = d_table(d, t, csv, err);
    d->html = keep;
    if (fclose(h) != 0 && st == DS_OK)
        st = rep_err(err, "out of memory");
    if (st != DS_OK) {
        free(hb);
        return st;
    }
    /* d_table's HTML ends with the "Data:" line: the notes before it */
    const char *data = strstr(hb, "<p class=\"data\">");
    size_t grid = data ? (size_t)(data - hb) : hl;
    fwrite(hb, 1, grid, d->html);
    html_notes(d->html, t->foot, t->nfoot, b, sizeof b);
    fwrite(hb + grid, 1, hl - grid, d->html);
    free(hb);
    return DS_OK;
}

/* The SVG of a chart with its <title> (gnuplot writes "Gnuplot") made
 * the chart's own title. */
static void
svg_out(FILE *f, const char *svg, const char *title)
{
    const char *s = strstr(svg, "<svg");
    if (!s)
        return;
    const char *t = strstr(s, "<title>");
    const char *e = t ? strstr(t, "</title>") : NULL;
    if (!t || !e || !title) {
        fputs(s, f);
        return;
    }
    fwrite(s, 1, (size_t)(t - s) + 7, f);
    for (const char *c = title; *c; c++)
        if (*c == '\n')
            fputc(' ', f);
        else
            html_text(f, (char[]){*c, 0});
    fputs(e, f);
}

/* The chart: a PNG link in markdown, the SVG inlined in HTML, captioned
 * by caption; the chart's script and data are named in the sources. */
static void
d_chart(doc *d, const char *name, const char *caption, const chart_out *co)
{
    if (co->svg) {
        fputs("![", d->md);
        md_text(d->md, caption);
        fprintf(d->md, "](%s.png)\n\n", name);
        fputs("<figure>\n", d->html);
        svg_out(d->html, co->svg, co->title ? co->title : caption);
        fputs("<figcaption>", d->html);
        html_text(d->html, caption);
        fputs("</figcaption>\n</figure>\n", d->html);
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
    const ds_obs **o;
    size_t n, cap;
    int oom;
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
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 32;
        const ds_obs **v = realloc(c->o, cap * sizeof *v);
        if (!v) {
            c->oom = 1;
            return;
        }
        c->o = v;
        c->cap = cap;
    }
    c->o[c->n++] = o;
}

static int
cite_cmp(const void *a, const void *b)
{
    const ds_obs *x = *(const ds_obs *const *)a, *y = *(const ds_obs *const *)b;
    int r = strcmp(x->source, y->source);
    return r ? r : strcmp(x->vintage, y->vintage);
}

/* The history sentence's figures: the country's military expenditure as
 * a share of GDP from 1990 (or its first year after) to its latest year,
 * in one definition (the comparison's for the country, else the store's
 * preferred one), with the lowest and highest year between. */
typedef struct hist_span {
    const ds_obs *first, *last, *lo, *hi;
} hist_span;

static void
history_span(const ds_store *st, const ds_report *r, hist_span *h)
{
    memset(h, 0, sizeof *h);
    const char *def = NULL;
    const ds_comparison *cmp = r->comparison;
    for (size_t i = 0; i < cmp->n_rows; i++)
        if (strcmp(cmp->rows[i].iso3, r->scenario->iso3) == 0 &&
            cmp->rows[i].share_obs)
            def = cmp->rows[i].share_obs->definition;
    ds_query q = {r->scenario->iso3, "milex_gdp_pct", 0, NULL, def, NULL,
                  NULL, 1, DS_ACTUALS_ONLY};
    int years[400];
    size_t n = 0;
    if (ds_store_years(st, &q, years, 400, &n, NULL) != DS_OK)
        return;
    if (n > 400)
        n = 400;
    for (size_t i = 0; i < n; i++) {
        if (years[i] < 1990)
            continue;
        q.year = years[i];
        const ds_obs *o = NULL;
        if (ds_store_find(st, &q, &o, NULL) != DS_OK || !isfinite(o->value))
            continue;
        if (!def)
            q.definition = def = o->definition;
        if (!h->first)
            h->first = o;
        h->last = o;
        if (!h->lo || o->value < h->lo->value)
            h->lo = o;
        if (!h->hi || o->value > h->hi->value)
            h->hi = o;
    }
}

/* Every figure the report prints comes from one of these. */
static void
collect_cites(cites *cs, const ds_report *r, const hist_span *h,
              const ds_bridge *b, const ds_nato2035 *n)
{
    if (b) {
        cite(cs, b->gdp);
        cite(cs, b->gdp_base);
        for (size_t i = 0; i < b->n_steps; i++) {
            cite(cs, b->steps[i].obs);
            cite(cs, b->steps[i].minus);
        }
    }
    if (n) {
        cite(cs, n->gdp_usd);
        cite(cs, n->gdp_lcu);
        cite(cs, n->core.obs);
        cite(cs, n->related.obs);
    }
    cite(cs, h->first);
    cite(cs, h->last);
    cite(cs, h->lo);
    cite(cs, h->hi);
    const ds_scenario *s = r->scenario;
    cite(cs, s->gdp_usd);
    cite(cs, s->gdp_lcu);
    if (s->baseline.present) {
        cite(cs, s->baseline.obs_usd);
        cite(cs, s->baseline.obs_lcu);
    }
    cite(cs, s->fx_official);
    const ds_projection *p = r->projection;
    for (size_t i = 0; i < p->n_years; i++) {
        cite(cs, p->years[i].gdp_obs);
        cite(cs, p->years[i].budget_obs);
        cite(cs, p->years[i].supp_obs);
    }
    const ds_comparison *cmp = r->comparison;
    for (size_t i = 0; i < cmp->n_rows; i++)
        if (cmp->rows[i].has_data) {
            cite(cs, cmp->rows[i].gdp_usd);
            cite(cs, cmp->rows[i].milex_usd);
            cite(cs, cmp->rows[i].share_obs);
        }
    qsort(cs->o, cs->n, sizeof *cs->o, cite_cmp);
}

/* The data cut-off: the latest vintage of the figures used ("" when
 * none has a vintage). */
static const char *
cutoff(const cites *cs)
{
    const char *v = "";
    for (size_t i = 0; i < cs->n; i++)
        if (strcmp(cs->o[i]->vintage, v) > 0)
            v = cs->o[i]->vintage;
    return v;
}

/* The publishers whose figures are used, with their licences or terms
 * (README, "Data sources and licences"), as one sentence into b. */
static void
licences(const cites *cs, char *b, size_t n)
{
    static const struct {
        const char *prefix, *text;
    } L[] = {
        {"World Bank",
         "World Bank World Development Indicators: CC BY 4.0 (cite \"The "
         "World Bank: World Development Indicators\"; its military "
         "expenditure figures originate with SIPRI)"},
        {"SIPRI", "SIPRI Military Expenditure Database: SIPRI terms "
                  "(non-commercial use, cite \"SIPRI Military Expenditure "
                  "Database\", reproduce at most a small part)"},
        {"NATO", "NATO, Defence Expenditure of NATO Countries: NATO public "
                 "release (cite the NATO press release)"},
        {"IMF", "IMF World Economic Outlook: IMF terms of use (cite \"IMF, "
                "World Economic Outlook Database\")"},
        {"FRED", "FRED exchange rates (Federal Reserve Board): public "
                 "domain (cite FRED)"},
        {"Our World in Data", "Our World in Data: CC BY (the underlying "
                              "SIPRI figures keep SIPRI's terms)"},
        {"Japan MoD", "Japan Ministry of Defense budgets: public government "
                      "budget documents"},
        {"Japan security-related", "Japan's security-related total: public "
                                   "government documents (Ministry of "
                                   "Defense, Ministry of Finance)"},
    };
    enum { NL = sizeof L / sizeof *L };
    int used[NL + 1] = {0};
    for (size_t i = 0; i < cs->n; i++) {
        size_t k;
        for (k = 0; k < NL; k++)
            if (strncmp(cs->o[i]->source, L[k].prefix,
                        strlen(L[k].prefix)) == 0)
                break;
        used[k] = 1;
    }
    size_t len = (size_t)snprintf(b, n, "Licences and terms: ");
    int first = 1;
    for (size_t k = 0; k < NL && len < n; k++)
        if (used[k]) {
            len += (size_t)snprintf(b + len, n - len, "%s%s",
                                    first ? "" : "; ", L[k].text);
            first = 0;
        }
    if (used[NL] && len < n)
        len += (size_t)snprintf(b + len, n - len,
                                "%sother sources: their publishers' terms "
                                "(listed above)",
                                first ? "" : "; ");
    if (len < n)
        snprintf(b + len, n - len,
                 ". Charts: the .plot.gp scripts and .plot.csv data beside "
                 "each PNG re-create them with gnuplot.");
}

/* Legible in a browser at 100% and on paper: the charts (960 units wide,
 * source notes 9 units high) are drawn 1080 px wide in a window of 1112
 * px or more, so the notes are 10 px; a page break before each section
 * in print, charts and tables never split. */
static const char *CSS =
    "body{font-family:'DejaVu Sans',Verdana,sans-serif;max-width:1080px;"
    "margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}"
    "h1{font-size:1.6rem;margin-bottom:.3rem}"
    ".subtitle{font-size:1.15rem;color:#444;margin-top:0}"
    ".meta{font-size:.9rem;color:#555}"
    "h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #ccc}"
    "table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}"
    "th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd;"
    "text-align:left}.r{text-align:right}"
    "figure{margin:1rem 0}figure svg{width:100%;height:auto}"
    "figcaption,.data{font-size:.85rem;color:#555}"
    "@media print{@page{size:A4;margin:14mm}"
    "body{max-width:none;margin:0;padding:0;font-size:10pt}"
    "h2.pb{break-before:page;margin-top:0}"
    "figure,table,ul{break-inside:avoid}"
    "h2{break-after:avoid}"
    "figure svg{max-height:150mm;width:auto}}";

/* The report's HTML class for a section heading: a page break before it
 * in print (the first section follows the title). */
#define SECTION "pb"

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

/* A country name read with "the" before it in a sentence. */
static int
the_name(const char *n)
{
    static const char *const pre[] = {"United ", "Netherlands", "Philippines",
                                      "Czech Republic", "Slovak Republic",
                                      "Russian Federation", "Bahamas",
                                      "Gambia", "Dominican Republic",
                                      "Central African", "Maldives",
                                      "Marshall Islands", "Solomon Islands"};
    for (size_t k = 0; k < sizeof pre / sizeof *pre; k++)
        if (strncmp(n, pre[k], strlen(pre[k])) == 0)
            return 1;
    return 0;
}

/* A country as the subject of a sentence ("Japan", "The United States")
 * and its possessive ("Japan's", "The United States'"), into b. */
static char *
subject(const char *name, int possessive, int start, char *b, size_t n)
{
    char nm[256];
    ds_chart_name(name, 60, nm, sizeof nm);
    size_t l = strlen(nm);
    snprintf(b, n, "%s%.200s%s", the_name(nm) ? (start ? "The " : "the ") : "",
             nm,
             !possessive ? "" : l && nm[l - 1] == 's' ? "'" : "'s");
    return b;
}

/* "current US$ at ¥151.37/$" or, for a country without its own currency
 * figures, "current US$". */
static char *
usd_at(double rate, const char *lcu, char *b, size_t n)
{
    char r[64];
    if (!lcu || !lcu[0] || strcmp(lcu, "USD") == 0 || !isfinite(rate))
        snprintf(b, n, "current US$");
    else
        snprintf(b, n, "current US$ at %s", chart_rate(rate, lcu, r, sizeof r));
    return b;
}

/* "1st", "2nd", "3rd", "4th", ..., "11th", "21st" */
static const char *
ordinal(size_t n, char *b, size_t size)
{
    const char *suf = "th";
    if (n % 100 < 11 || n % 100 > 13)
        suf = n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd"
                                                                   : "th";
    snprintf(b, size, "%zu%s", n, suf);
    return b;
}

/* An observation's year without the months: "FY2024", "2024". */
static char *
year_short(const ds_obs *o, char *b, size_t n)
{
    ds_year_label(o, b, n);
    char *sp = strstr(b, " (");
    if (sp)
        *sp = '\0';
    return b;
}

/* "$140.9 bn (¥21.3 tn)": US$ and, beside it, the local currency (when
 * there is one and the figure in it is known). */
static char *
money2(double usd, double lcu, const char *cur, char *b, size_t n)
{
    char u[64], l[64];
    ds_format_money(usd, "USD", u, sizeof u);
    if (cur && cur[0] && strcmp(cur, "USD") != 0 && isfinite(lcu))
        ds_format_whole(b, n, "%s (%s)", u,
                        ds_format_money(lcu, cur, l, sizeof l));
    else
        ds_format_whole(b, n, "%s", u);
    return b;
}

/* The scenario row for target t, NULL if none. */
static const ds_scenario_row *
scenario_row(const ds_scenario *s, double t)
{
    for (size_t k = 0; k < s->n_rows; k++)
        if (fabs(s->rows[k].target_pct - t) < 1e-9)
            return &s->rows[k];
    return NULL;
}

/* ---------------------------------------------------- the sections */

typedef struct wctx {
    doc d;
    const ds_report *r;
    hist_span hist;
    const char *lcu; /* the projection's currency */
    const ds_nato2035 *nato; /* NATO's 2035 target, NULL when the store
                                cannot give it */
    const ds_bridge *bridge; /* the definition bridge, NULL: none */
    char b[2048];
} wctx;

/* Title, subtitle, author, dates. */
static void
w_head(wctx *w, const cites *cs)
{
    const ds_scenario *s = w->r->scenario;
    char title[512], nm[256], meta[512];
    if (w->r->title)
        snprintf(title, sizeof title, "%s", w->r->title);
    else
        snprintf(title, sizeof title, "Defense spending at shares of GDP: %s",
                 ds_chart_name(s->name, 60, nm, sizeof nm));
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta "
          "charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src "
          "'none'; style-src 'unsafe-inline'; img-src data:\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n<title>",
          w->d.html);
    html_text(w->d.html, title);
    fprintf(w->d.html, "</title>\n<style>%s</style>\n</head>\n<body>\n", CSS);
    d_h(&w->d, 1, title);
    if (w->r->subtitle)
        d_pc(&w->d, "subtitle", w->r->subtitle);
    size_t len = 0;
    meta[0] = '\0';
    if (w->r->author)
        len += (size_t)snprintf(meta + len, sizeof meta - len, "By %s. ",
                                w->r->author);
    if (w->r->date && len < sizeof meta)
        len += (size_t)snprintf(meta + len, sizeof meta - len,
                                "Report date: %s. ", w->r->date);
    const char *cut = cutoff(cs);
    if (cut[0] && len < sizeof meta)
        snprintf(meta + len, sizeof meta - len,
                 "Data cut-off: %s (the latest release of the figures "
                 "used).",
                 cut);
    len = strlen(meta);
    while (len && meta[len - 1] == ' ')
        meta[--len] = '\0';
    if (meta[0])
        d_pc(&w->d, "meta", meta);
    d_p(&w->d, "Prepared with defspend. Every figure names its year, "
               "currency and price basis; sources and vintages are listed "
               "at the end. A missing figure is shown as n/a, never as "
               "zero.");
}

/* Key findings: sentences from the computed figures. */
static void
w_findings(wctx *w)
{
    const ds_report *r = w->r;
    const ds_scenario *s = r->scenario;
    const ds_projection *p = r->projection;
    const ds_simulation *sim = r->simulation;
    const ds_comparison *cmp = r->comparison;
    const ds_baseline *bl = &s->baseline;
    char nm[256], a1[96], a2[96], a3[96], a4[64], yl[64], rate[64];
    char poss[256];
    subject(s->name, 0, 0, nm, sizeof nm);
    const ds_obs *bo = bl->present ? (bl->obs_lcu ? bl->obs_lcu : bl->obs_usd)
                                   : NULL;
    if (bo)
        year_short(bo, yl, sizeof yl);
    else
        snprintf(yl, sizeof yl, "baseline");
    /* what the baseline is: a budget, or spending of another definition */
    const char *noun = bo && strstr(bo->definition, "budget") ? "budget"
                                                              : "military "
                                                                "expenditure";
    d_hc(&w->d, 2, NULL, "Key findings");
    d_ul(&w->d, 1);
    if (bl->present && isfinite(bl->share_pct)) {
        if (bl->obs_lcu && s->lcu[0] && strcmp(s->lcu, "USD") != 0)
            ds_format_whole(a1, sizeof a1, "%s (%s%s)",
                            ds_format_money(bl->lcu, s->lcu, a3, sizeof a3),
                            ds_format_money(bl->usd, "USD", a4, sizeof a4),
                            bl->obs_usd ? " as reported" : "");
        else
            ds_format_money(bl->usd, "USD", a1, sizeof a1);
        snprintf(w->b, sizeof w->b, "%s %s %s (%s) is %s, %s of %d GDP.",
                 subject(s->name, 1, 1, poss, sizeof poss), yl, noun,
                 bl->label,
                 a1, pct_text(bl->share_pct, 2, a2, sizeof a2), s->year);
        d_li(&w->d, w->b);
    }
    usd_at(p->lcu_per_usd, w->lcu, rate, sizeof rate);
    for (size_t k = 0; k < p->n_targets; k++) {
        double t = p->targets_pct[k];
        const ds_scenario_row *row = scenario_row(s, t);
        const ds_project_cell *c = ds_projection_cell(p, k, p->n_years - 1);
        size_t len = 0;
        w->b[0] = '\0';
        if (row) {
            len += (size_t)snprintf(
                w->b, sizeof w->b, "At %g%% of %d GDP %s would spend %s", t,
                s->year, nm,
                money2(row->spend_usd, row->spend_lcu, s->lcu, a1,
                       sizeof a1));
            if (bl->present && isfinite(row->ratio_to_baseline)) {
                len += (size_t)snprintf(
                    w->b + len, sizeof w->b - len, ", %s times its %s %s",
                    ds_format_fixed(row->ratio_to_baseline, 1, a2, sizeof a2),
                    yl, noun);
                if (ds_scenario_one_rate_differs(s) &&
                    isfinite(row->ratio_one_rate))
                    len += (size_t)snprintf(
                        w->b + len, sizeof w->b - len,
                        " (%s times at one exchange rate)",
                        ds_format_fixed(row->ratio_one_rate, 1, a2,
                                        sizeof a2));
            }
        }
        if (len < sizeof w->b && isfinite(c->cum_extra_usd))
            len += (size_t)snprintf(
                w->b + len, sizeof w->b - len,
                "%seaching %g%% by %d on a linear path costs %s more over "
                "%d-%d than holding the %s flat (%s)",
                row ? "; r" : "R", t, p->by_year,
                money2(c->cum_extra_usd,
                       p->lcu_only_usd ? NAN : c->cum_extra_lcu, w->lcu, a3,
                       sizeof a3),
                p->from_year + 1, p->by_year,
                bl->present ? noun : "baseline", rate);
        else if (len < sizeof w->b)
            len += (size_t)snprintf(
                w->b + len, sizeof w->b - len,
                "%s%g%% of %d GDP is %s (%s)",
                row ? "; " : "", t, p->by_year,
                money2(c->spend_usd, p->lcu_only_usd ? NAN : c->spend_lcu,
                       w->lcu, a3, sizeof a3),
                rate);
        if (len && len < sizeof w->b - 1) {
            snprintf(w->b + len, sizeof w->b - len, ".");
            d_li(&w->d, w->b);
        }
    }
    if (sim)
        for (size_t k = 0; k < sim->n_targets; k++) {
            const ds_sim_target *t = &sim->targets[k];
            snprintf(w->b, sizeof w->b,
                     "With GDP growth as uncertain as in the past, spending "
                     "%s in %d reaches %g%% of that year's GDP with 90%% "
                     "probability (%s with 50%%).",
                     ds_format_money(t->needed_usd[1], "USD", a1, sizeof a1),
                     p->by_year, t->target_pct,
                     ds_format_money(t->needed_usd[0], "USD", a2, sizeof a2));
            d_li(&w->d, w->b);
        }
    size_t nd = 0;
    const ds_compare_row *top = NULL, *me = NULL;
    for (size_t j = 0; j < cmp->n_rows; j++) {
        const ds_compare_row *cr = &cmp->rows[j];
        nd += cr->has_data;
        if (cr->rank == 1)
            top = cr;
        if (strcmp(cr->iso3, s->iso3) == 0 && cr->rank)
            me = cr;
    }
    if (me) {
        char tn[256];
        size_t len = (size_t)snprintf(
            w->b, sizeof w->b,
            "Among the %zu allies compared with data, %s ranks %s by "
            "military expenditure as a share of GDP (%s in %d)",
            nd, nm, ordinal(me->rank, a4, sizeof a4),
            pct_text(me->share_pct, 2, a1, sizeof a1), me->year);
        if (top && top != me && len < sizeof w->b)
            snprintf(w->b + len, sizeof w->b - len,
                     "; %s ranks first at %s (%d).",
                     subject(top->name, 0, 0, tn, sizeof tn),
                     pct_text(top->share_pct, 2, a2, sizeof a2), top->year);
        else if (len < sizeof w->b)
            snprintf(w->b + len, sizeof w->b - len, ".");
        d_li(&w->d, w->b);
    }
    if (w->nato && isfinite(w->nato->core.gap_pct)) {
        const ds_nato2035 *n = w->nato;
        const char *cur = n->lcu[0] && strcmp(n->lcu, "USD") ? n->lcu : NULL;
        size_t len = (size_t)snprintf(
            w->b, sizeof w->b,
            "Against NATO's 2035 target as the Hague summit set it, %s is "
            "%s points of %d GDP short of 3.5%% on core defense, %s",
            nm, ds_format_fixed(n->core.gap_pct, 2, a1, sizeof a1), n->year,
            money2(n->core.gap_usd, cur ? n->core.gap_lcu : NAN,
                   cur ? cur : "USD", a2, sizeof a2));
        if (len < sizeof w->b && isfinite(n->related.gap_pct))
            len += (size_t)snprintf(
                w->b + len, sizeof w->b - len,
                ", and %s points short of 1.5%% on related spending, %s",
                ds_format_fixed(n->related.gap_pct, 2, a1, sizeof a1),
                money2(n->related.gap_usd, cur ? n->related.gap_lcu : NAN,
                       cur ? cur : "USD", a3, sizeof a3));
        else if (len < sizeof w->b)
            len += (size_t)snprintf(w->b + len, sizeof w->b - len,
                                    "; its related spending has no sourced "
                                    "figure");
        if (len < sizeof w->b) {
            usd_at(n->lcu_per_usd, cur ? cur : "USD", rate, sizeof rate);
            snprintf(w->b + len, sizeof w->b - len, "; amounts in %s.", rate);
        }
        d_li(&w->d, w->b);
    }
    d_ul(&w->d, 0);
}

/* The summary list: yen beside dollars. */
static void
w_summary(wctx *w)
{
    const ds_report *r = w->r;
    const ds_scenario *s = r->scenario;
    const ds_projection *p = r->projection;
    char a1[96], a2[96], a3[96], tl[64];
    d_hc(&w->d, 2, NULL, "Summary");
    d_ul(&w->d, 1);
    snprintf(w->b, sizeof w->b, "GDP %d: %s, current US$ (%s, vintage %s)",
             s->year,
             money2(s->gdp_usd->value, s->gdp_lcu ? s->gdp_lcu->value : NAN,
                    s->lcu, a1, sizeof a1),
             s->gdp_usd->source, s->gdp_usd->vintage);
    d_li(&w->d, w->b);
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
        snprintf(w->b, sizeof w->b, "Baseline: %s%s: %s%s%s%s", bl->label,
                 yl, lcu, ds_format_money(bl->usd, "USD", a1, sizeof a1),
                 bl->obs_usd ? " as reported" : "", share);
        d_li(&w->d, w->b);
    }
    for (size_t k = 0; k < s->n_rows; k++) {
        const ds_scenario_row *row = &s->rows[k];
        int two = s->baseline.present && isfinite(row->ratio_one_rate) &&
                  fabs(row->ratio_one_rate / row->ratio_to_baseline - 1) >
                      5e-4;
        money2(row->spend_usd, row->spend_lcu, s->lcu, a1, sizeof a1);
        if (two)
            snprintf(w->b, sizeof w->b,
                     "%g%% of %d GDP: %s, current US$, %s "
                     "times the baseline as reported, %s "
                     "times at one exchange rate (%s for both)",
                     row->target_pct, s->year, a1,
                     ds_format_fixed(row->ratio_to_baseline, 2, a3, sizeof a3),
                     ds_format_fixed(row->ratio_one_rate, 2, tl, sizeof tl),
                     chart_rate(s->gdp_lcu_per_usd, s->lcu, a2, sizeof a2));
        else if (s->baseline.present && isfinite(row->ratio_to_baseline))
            snprintf(w->b, sizeof w->b,
                     "%g%% of %d GDP: %s, current US$, %s times the baseline",
                     row->target_pct, s->year, a1,
                     ds_format_fixed(row->ratio_to_baseline, 2, a3,
                                     sizeof a3));
        else
            snprintf(w->b, sizeof w->b, "%g%% of %d GDP: %s, current US$",
                     row->target_pct, s->year, a1);
        d_li(&w->d, w->b);
    }
    for (size_t k = 0; k < p->n_targets; k++) {
        const ds_project_cell *c = ds_projection_cell(p, k, p->n_years - 1);
        int usd_only = p->lcu_only_usd;
        snprintf(w->b, sizeof w->b,
                 "Path to %g%% by %d: %s in %d (%s); extra "
                 "over the baseline %d-%d: %s",
                 p->targets_pct[k], p->by_year,
                 money2(c->spend_usd, usd_only ? NAN : c->spend_lcu, w->lcu,
                        a1, sizeof a1),
                 p->by_year, usd_at(p->lcu_per_usd, w->lcu, a2, sizeof a2),
                 p->from_year + 1, p->by_year,
                 money2(c->cum_extra_usd, usd_only ? NAN : c->cum_extra_lcu,
                        w->lcu, a3, sizeof a3));
        d_li(&w->d, w->b);
    }
    d_ul(&w->d, 0);
}

/* A money column shown as the caller formats it. */
static size_t
col_add(ds_table *t, const char *name, const char *label, ds_col_kind kind,
        const char *unit, int right)
{
    ds_column c;
    memset(&c, 0, sizeof c);
    c.name = name;
    c.label = label;
    c.kind = kind;
    c.unit = unit;
    c.decimals = -1;
    c.right = right;
    return ds_table_add_column(t, &c);
}

/* A number cell shown as text (the value kept). */
static void
cell(ds_table *t, size_t col, double v, const char *shown)
{
    ds_table_set_num(t, col, v);
    if (isfinite(v) && shown)
        ds_table_set_shown(t, col, shown);
}

static ds_status
w_scenarios(wctx *w, const chart_out *co, ds_error *err)
{
    const ds_scenario *s = w->r->scenario;
    char a1[96], a2[96];
    snprintf(w->b, sizeof w->b, "Scenarios: spending at shares of %d GDP",
             s->year);
    d_hc(&w->d, 2, SECTION, w->b);
    d_chart(&w->d, ds_report_chart_name(0),
            "Spending at each target share, with the baseline", co);
    char hl[32];
    snprintf(hl, sizeof hl, "spend %s", s->lcu[0] ? s->lcu : "LCU");
    ds_table *t = ds_table_alloc();
    if (!t)
        return rep_err(err, "out of memory");
    col_add(t, "target_pct", "target % GDP", DS_COL_SHARE_PCT, NULL, 0);
    col_add(t, "spend_usd", "spend US$", DS_COL_MONEY, "USD", 1);
    col_add(t, "diff_usd", "vs baseline US$", DS_COL_MONEY, "USD", 1);
    col_add(t, "ratio", "x baseline", DS_COL_NUMBER, NULL, 1);
    col_add(t, "ratio_one_rate", "x at one rate", DS_COL_NUMBER, NULL, 1);
    col_add(t, "per_capita_usd", "per capita US$", DS_COL_MONEY, "USD", 1);
    col_add(t, "spend_lcu", hl, DS_COL_MONEY, s->lcu[0] ? s->lcu : NULL, 1);
    for (size_t k = 0; k < s->n_rows; k++) {
        const ds_scenario_row *row = &s->rows[k];
        ds_table_add_row(t);
        snprintf(a1, sizeof a1, "%g%%", row->target_pct);
        cell(t, 0, row->target_pct, a1);
        cell(t, 1, row->spend_usd,
             ds_format_money(row->spend_usd, "USD", a1, sizeof a1));
        ds_format_money(row->diff_usd, "USD", a2, sizeof a2);
        ds_format_whole(a1, sizeof a1, "%s%s",
                        isfinite(row->diff_usd) && row->diff_usd > 0 &&
                                a2[0] != '#'
                            ? "+"
                            : "",
                        a2);
        cell(t, 2, row->diff_usd, a1);
        ds_format_whole(a1, sizeof a1, "%sx",
                        ds_format_fixed(row->ratio_to_baseline, 3, a2,
                                        sizeof a2));
        cell(t, 3, row->ratio_to_baseline, a1);
        ds_format_whole(a1, sizeof a1, "%sx",
                        ds_format_fixed(row->ratio_one_rate, 3, a2,
                                        sizeof a2));
        cell(t, 4, row->ratio_one_rate, a1);
        cell(t, 5, row->per_capita_usd,
             ds_format_money(row->per_capita_usd, "USD", a1, sizeof a1));
        cell(t, 6, row->spend_lcu,
             ds_format_money(row->spend_lcu, s->lcu, a1, sizeof a1));
    }
    ds_status st = d_table(&w->d, t, "table-scenarios.csv", err);
    ds_table_free(t);
    return st;
}

static ds_status
w_projection(wctx *w, const chart_out *co, ds_error *err)
{
    const ds_report *r = w->r;
    const ds_projection *p = r->projection;
    const ds_simulation *sim = r->simulation;
    char a1[96], tl[128];
    snprintf(w->b, sizeof w->b, "Path to %d", p->by_year);
    d_hc(&w->d, 2, SECTION, w->b);
    d_chart(&w->d, ds_report_chart_name(1),
            "Spending paths to the target shares", co);
    if (p->n_decided)
        snprintf(w->b, sizeof w->b,
                 "The budgets already decided are the first years (%s); "
                 "from %d spending moves linearly in share of GDP to %s of "
                 "GDP in %d; extra spending is measured from the baseline "
                 "(%.2f%% of %d GDP); nominal GDP grows %s; figures in "
                 "current US$ at %s, held.",
                 p->decided_basis, p->last_decided_year,
                 target_list(p->targets_pct, p->n_targets, tl, sizeof tl),
                 p->by_year, p->baseline_share_pct, p->from_year,
                 p->growth_basis,
                 chart_rate(p->lcu_per_usd, w->lcu, a1, sizeof a1));
    else
        snprintf(w->b, sizeof w->b,
                 "Spending moves linearly in share of GDP from the baseline "
                 "(%.2f%% of %d GDP) to %s of GDP in %d; nominal GDP grows "
                 "%s; figures in current US$ at %s, held.",
                 p->baseline_share_pct, p->from_year,
                 target_list(p->targets_pct, p->n_targets, tl, sizeof tl),
                 p->by_year, p->growth_basis,
                 chart_rate(p->lcu_per_usd, w->lcu, a1, sizeof a1));
    d_p(&w->d, w->b);
    for (size_t i = 0; i < p->n_notes; i++) {
        snprintf(w->b, sizeof w->b, "Note: %s", p->notes[i]);
        d_p(&w->d, w->b);
    }
    ds_table *t = ds_table_alloc();
    if (!t)
        return rep_err(err, "out of memory");
    col_add(t, "year", "year", DS_COL_TEXT, NULL, 0);
    col_add(t, "gdp_usd", "GDP US$", DS_COL_MONEY, "USD", 1);
    char hb[48];
    for (size_t k = 0; k < p->n_targets; k++) {
        snprintf(hb, sizeof hb, "%g%% US$", p->targets_pct[k]);
        col_add(t, hb, hb, DS_COL_MONEY, "USD", 1);
        if (sim) {
            snprintf(hb, sizeof hb, "%g%% p5", p->targets_pct[k]);
            col_add(t, hb, hb, DS_COL_MONEY, "USD", 1);
            snprintf(hb, sizeof hb, "%g%% p95", p->targets_pct[k]);
            col_add(t, hb, hb, DS_COL_MONEY, "USD", 1);
        }
    }
    for (size_t i = 0; i < p->n_years; i++) {
        ds_table_add_row(t);
        snprintf(a1, sizeof a1, "%d%s", p->years[i].year,
                 i == 0 ? " (data)" : "");
        ds_table_set_text(t, 0, a1);
        cell(t, 1, p->years[i].gdp_usd,
             ds_format_money(p->years[i].gdp_usd, "USD", a1, sizeof a1));
        size_t q = 2;
        for (size_t k = 0; k < p->n_targets; k++) {
            const ds_project_cell *cl = ds_projection_cell(p, k, i);
            cell(t, q, cl->spend_usd,
                 ds_format_money(cl->spend_usd, "USD", a1, sizeof a1));
            q++;
            if (sim) {
                double bu[DS_SIM_NBANDS], bl[DS_SIM_NBANDS];
                ds_simulation_spend_bands(p, sim, k, i, bu, bl);
                cell(t, q, bu[0], ds_format_money(bu[0], "USD", a1,
                                                  sizeof a1));
                q++;
                cell(t, q, bu[4], ds_format_money(bu[4], "USD", a1,
                                                  sizeof a1));
                q++;
            }
        }
    }
    ds_status st = d_table(&w->d, t, "table-projection.csv", err);
    ds_table_free(t);
    if (st != DS_OK)
        return st;
    if (sim) {
        d_ul(&w->d, 1);
        for (size_t k = 0; k < sim->n_targets; k++) {
            const ds_sim_target *tg = &sim->targets[k];
            char m1[48], m2[48], m3[48];
            snprintf(w->b, sizeof w->b,
                     "Target %g%% of GDP in %d: spending needed to reach it "
                     "with probability 50%% / 90%% / 95%%: %s / %s / %s "
                     "(current US$); %s reaches it with probability %.1f%%",
                     tg->target_pct, p->by_year,
                     ds_format_money(tg->needed_usd[0], "USD", m1, sizeof m1),
                     ds_format_money(tg->needed_usd[1], "USD", m2, sizeof m2),
                     ds_format_money(tg->needed_usd[2], "USD", m3, sizeof m3),
                     p->plan_basis, 100.0 * tg->p_plan_reaches);
            d_li(&w->d, w->b);
        }
        d_ul(&w->d, 0);
    }
    return DS_OK;
}

static void
w_sensitivity(wctx *w, const chart_out *co)
{
    const ds_projection *p = w->r->projection;
    char a1[64];
    d_hc(&w->d, 2, SECTION, "Sensitivity to GDP growth");
    d_chart(&w->d, ds_report_chart_name(4),
            "Spending in the target year by target share and GDP growth", co);
    snprintf(w->b, sizeof w->b,
             "Spending in %d at each target share if nominal GDP grows "
             "-1%% to +4%% a year from %d (the target share of that "
             "year's GDP, whatever the path before it); current US$ at "
             "%s, held. The command defspend "
             "sensitivity prints the grid and the cumulative cost.",
             p->by_year, p->from_year,
             chart_rate(p->lcu_per_usd, w->lcu, a1, sizeof a1));
    d_p(&w->d, w->b);
}

static ds_status
w_compare(wctx *w, const chart_out *co, ds_error *err)
{
    const ds_comparison *cmp = w->r->comparison;
    char a1[96], a2[96];
    d_hc(&w->d, 2, SECTION, "Allies compared");
    d_chart(&w->d, ds_report_chart_name(2),
            "Military expenditure as a share of GDP, ranked", co);
    ds_table *t = ds_table_alloc();
    if (!t)
        return rep_err(err, "out of memory");
    col_add(t, "rank", "rank", DS_COL_COUNT, NULL, 1);
    col_add(t, "country", "country", DS_COL_TEXT, NULL, 0);
    col_add(t, "year", "year", DS_COL_TEXT, NULL, 1);
    col_add(t, "share_pct", "share", DS_COL_SHARE_PCT, NULL, 1);
    col_add(t, "milex_usd", "milex US$", DS_COL_MONEY, "USD", 1);
    static const char *gl[] = {"gap to 2%", "gap to 3.5%", "gap to 5%"};
    for (int k = 0; k < 3; k++)
        col_add(t, gl[k], gl[k], DS_COL_MONEY, "USD", 1);
    for (size_t i = 0; i < cmp->n_rows; i++) {
        const ds_compare_row *row = &cmp->rows[i];
        ds_table_add_row(t);
        if (row->rank)
            ds_table_set_int(t, 0, (long long)row->rank);
        else
            ds_table_set_text(t, 0, "-");
        snprintf(a1, sizeof a1, "%.30s (%s)", row->name, row->iso3);
        ds_table_set_text(t, 1, a1);
        if (row->has_data) {
            snprintf(a1, sizeof a1, "%d", row->year);
            ds_table_set_text(t, 2, a1);
            cell(t, 3, row->share_pct,
                 pct_text(row->share_pct, 2, a1, sizeof a1));
            cell(t, 4, row->milex_usd_value,
                 ds_format_money(row->milex_usd_value, "USD", a1, sizeof a1));
            for (int k = 0; k < 3; k++) {
                ds_format_money(row->gap_usd[k], "USD", a2, sizeof a2);
                snprintf(a1, sizeof a1, "%s%.40s",
                         row->gap_usd[k] > 0 ? "+" : "", a2);
                cell(t, 5 + (size_t)k, row->gap_usd[k], a1);
            }
        } else {
            ds_table_set_text(t, 2, "no data");
        }
    }
    ds_status st = d_table(&w->d, t, "table-compare.csv", err);
    ds_table_free(t);
    if (st != DS_OK)
        return st;
    d_p(&w->d, "Share = military expenditure / GDP, both in current US$ of "
               "the same year (else the stored share); gap = target x GDP - "
               "military expenditure. Years differ between countries: each "
               "country's latest year with both figures.");
    return DS_OK;
}

static void
w_history(wctx *w, const chart_out *co)
{
    const ds_scenario *s = w->r->scenario;
    char nm[256];
    d_hc(&w->d, 2, SECTION, "History");
    ds_chart_name(s->name, 60, nm, sizeof nm);
    const hist_span *h = &w->hist;
    char a1[32], a2[32], a3[32], a4[32];
    if (h->first && h->last && h->first != h->last)
        snprintf(w->b, sizeof w->b,
                 "%s's military expenditure was %s of GDP in %d and %s in "
                 "%d; between those years it ranged from %s (%d) to %s "
                 "(%d) (definition %s: %s, vintage %s). The chart shows "
                 "every series the store holds, each in its own definition "
                 "and marked where it is an estimate.",
                 nm, pct_text(h->first->value, 2, a1, sizeof a1),
                 h->first->year, pct_text(h->last->value, 2, a2, sizeof a2),
                 h->last->year, pct_text(h->lo->value, 2, a3, sizeof a3),
                 h->lo->year, pct_text(h->hi->value, 2, a4, sizeof a4),
                 h->hi->year, h->last->definition, h->last->source,
                 h->last->vintage[0] ? h->last->vintage : "unknown");
    else
        snprintf(w->b, sizeof w->b,
                 "The store holds no series of %s's military expenditure as "
                 "a share of GDP since 1990 to describe; the chart shows "
                 "what there is.",
                 nm);
    d_p(&w->d, w->b);
    d_chart(&w->d, ds_report_chart_name(3), "Military expenditure over time",
            co);
}

/* A table's CSV into the report folder (name), the bytes of the
 * commands' --format csv. */
static ds_status
folder_table_csv(ds_report_folder *rf, const ds_table *t, const char *name,
                 ds_error *err)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return rep_err(err, "out of memory");
    ds_status st = ds_table_write(t, DS_TABLE_CSV, f, err);
    if (fclose(f) != 0 && st == DS_OK)
        st = rep_err(err, "out of memory");
    if (st == DS_OK)
        st = ds_report_folder_write(rf, name, buf, len, err);
    free(buf);
    return st;
}

/* "1.30% of 2024 GDP" or "n/a" parts of the bridge's sentences */
static const char *
bridge_pct(double v, char *b, size_t n)
{
    return pct_text(v, 2, b, n);
}

/* The report section "What counts as defense spending" (issue 16, item
 * 14), between the history and the methods: the definition bridge
 * (bridge.c) of the report's year, from the MoD budget to the
 * government's security-related total with the other publishers' shares
 * beside it, as a table, a waterfall chart and sentences from its
 * figures.  A country without a bridge (DS_ENOTFOUND) has no section. */
static ds_status
w_bridge(wctx *w, ds_report_folder *rf,
         ds_report_say say, void *ctx, int *charts_failed, ds_error *err)
{
    const ds_bridge *b = w->bridge;
    ds_status rs;
    if (!b)
        return DS_OK;
    ds_table *t = NULL;
    ds_plot *pl = NULL;
    chart_out co = {NULL, NULL, 0};
    if ((rs = ds_bridge_table(b, &t, err)) != DS_OK)
        goto done;
    if (!(pl = ds_plot_alloc())) {
        rs = rep_err(err, "out of memory");
        goto done;
    }
    if ((rs = ds_chart_bridge(pl, b, err)) != DS_OK)
        goto done;
    if (pl->text[DS_PLOT_TITLE] &&
        !(co.title = strdup(pl->text[DS_PLOT_TITLE]))) {
        rs = rep_err(err, "out of memory");
        goto done;
    }
    if ((rs = ds_report_folder_chart(rf, pl, "chart-bridge", &co.svg,
                                     &co.failed, say, ctx, err)) != DS_OK)
        goto done;
    *charts_failed |= co.failed;

    char poss[256], fy[32], a1[96], a2[96], a3[96];
    subject(b->name, 1, 1, poss, sizeof poss);
    snprintf(fy, sizeof fy, "FY%d", b->fiscal_year);
    d_hc(&w->d, 2, SECTION, "What counts as defense spending");
    const ds_bridge_step *mod = ds_bridge_find(b, "mod_budget");
    const ds_bridge_step *tot = ds_bridge_find(b, "security_related_total");
    const ds_bridge_step *ini = ds_bridge_find(b, "security_related_initial");
    /* the government's widest figure the store has: the total, else the
     * initial budget's total (named as such) */
    const ds_bridge_step *wide = tot && isfinite(tot->lcu) ? tot
                                 : ini && isfinite(ini->lcu) ? ini : NULL;
    if (mod && isfinite(mod->lcu)) {
        size_t len = (size_t)snprintf(
            w->b, sizeof w->b,
            "%s %s Ministry of Defense budget (initial, with SACO and US "
            "realignment costs) is %s: %s of calendar-%d GDP and %s of "
            "FY2022 GDP, the base of the government's own 2%% target.",
            poss, fy, ds_format_money(mod->lcu, b->lcu, a1, sizeof a1),
            bridge_pct(mod->pct_gdp, a2, sizeof a2), b->fiscal_year,
            bridge_pct(mod->pct_gdp_base, a3, sizeof a3));
        if (wide && len < sizeof w->b)
            len += (size_t)snprintf(
                w->b + len, sizeof w->b - len,
                " Adding %s gives the %s, %s: %s of FY2022 GDP and %s of "
                "calendar-%d GDP.",
                wide == tot ? "the supplementary budget and other "
                              "ministries' security-related items (Coast "
                              "Guard, peacekeeping, research, public "
                              "infrastructure, cyber)"
                            : "other ministries' security-related items "
                              "(Coast Guard, peacekeeping, research, public "
                              "infrastructure, cyber)",
                wide == tot ? "government's security-related total"
                            : "government's security-related total of the "
                              "initial budget (the store has no "
                              "security-related supplementary budget for "
                              "that year)",
                ds_format_money(wide->lcu, b->lcu, a1, sizeof a1),
                bridge_pct(wide->pct_gdp_base, a2, sizeof a2),
                bridge_pct(wide->pct_gdp, a3, sizeof a3), b->fiscal_year);
        d_p(&w->d, w->b);
    }
    /* the other publishers' shares, each of its own calendar-year GDP,
     * and the first of them (SIPRI, NATO, the World Bank in the bridge's
     * order) set against the government's figure: the difference split
     * exactly into the GDP base, the items beyond the MoD budget and the
     * publisher's definition against the MoD budget */
    size_t len = 0;
    const ds_bridge_step *pub = NULL;
    w->b[0] = '\0';
    for (size_t i = 0; i < b->n_steps; i++) {
        const ds_bridge_step *o = &b->steps[i];
        if (o->kind != DS_BRIDGE_OTHER || !isfinite(o->pct_gdp) ||
            len >= sizeof w->b)
            continue;
        if (!pub)
            pub = o;
        len += (size_t)snprintf(w->b + len, sizeof w->b - len,
                                "%s%s: %s of %d GDP", len ? "; " : "",
                                o->label,
                                bridge_pct(o->pct_gdp, a1, sizeof a1),
                                o->year);
    }
    if (len) {
        char other[sizeof w->b];
        memcpy(other, w->b, sizeof other);
        len = (size_t)snprintf(w->b, sizeof w->b,
                               "Other publishers, each against its own "
                               "calendar-year GDP: %.1500s.",
                               other);
        if (pub && wide && mod && isfinite(mod->pct_gdp) &&
            isfinite(wide->pct_gdp) && isfinite(wide->pct_gdp_base) &&
            len < sizeof w->b) {
            char a4[64], a5[64], a6[64], a7[64];
            double base = wide->pct_gdp_base - wide->pct_gdp;
            double items = wide->pct_gdp - mod->pct_gdp;
            double defn = mod->pct_gdp - pub->pct_gdp;
            double diff = wide->pct_gdp_base - pub->pct_gdp;
            snprintf(w->b + len, sizeof w->b - len,
                     " The government's %s of FY2022 GDP is %s points %s "
                     "that %s: %s points because it is a share of FY2022 "
                     "GDP (%s) rather than calendar-%d GDP (%s), %s points "
                     "for the items beyond the MoD budget, and %s %s points "
                     "because the publisher's own definition counts %s "
                     "than the MoD budget (%s of calendar-%d GDP; see the "
                     "methods).",
                     bridge_pct(wide->pct_gdp_base, a1, sizeof a1),
                     ds_format_fixed(fabs(diff), 2, a2, sizeof a2),
                     diff >= 0 ? "above" : "below",
                     bridge_pct(pub->pct_gdp, a3, sizeof a3),
                     ds_format_fixed(base, 2, a4, sizeof a4),
                     ds_format_money(b->gdp_base ? b->gdp_base->value : NAN,
                                     b->lcu, a5, sizeof a5),
                     b->fiscal_year,
                     ds_format_money(b->gdp ? b->gdp->value : NAN, b->lcu,
                                     a6, sizeof a6),
                     ds_format_fixed(items, 2, fy, sizeof fy),
                     defn < 0 ? "less" : "plus",
                     ds_format_fixed(fabs(defn), 2, poss, sizeof poss),
                     defn < 0 ? "more" : "less",
                     bridge_pct(mod->pct_gdp, a7, sizeof a7),
                     b->fiscal_year);
        }
        d_p(&w->d, w->b);
    }
    d_chart(&w->d, "chart-bridge",
            "From the MoD budget to the government's security-related "
            "total",
            &co);
    /* the figures on a page of their own in print: the chart and the
     * table with its notes do not fit one */
    d_hc(&w->d, 2, SECTION, "What counts as defense spending: the figures");
    if ((rs = d_table_noted(&w->d, t, "table-bridge.csv", err)) != DS_OK)
        goto done;
    d_p(&w->d, "Each amount is a published figure or, flagged derived, the "
               "difference (or sum) of two; n/a: no sourced figure, and "
               "every level after it is n/a, never estimated. The command "
               "defspend bridge prints the same table.");
    rs = folder_table_csv(rf, t, "table-bridge.csv", err);
done:
    free(co.svg);
    free(co.title);
    ds_plot_free(pl);
    ds_table_free(t);
    return rs;
}

/* NATO's 2035 target as the Hague summit defined it (issue 16, item 15):
 * 3.5% core and 1.5% related, each against the current figure, and a
 * sentence.  A country without GDP for the year (DS_ENOTFOUND) has no
 * section. */
static ds_status
w_nato2035(wctx *w, ds_report_folder *rf, ds_error *err)
{
    const ds_nato2035 *n = w->nato;
    if (!n)
        return DS_OK;
    ds_status rs;
    ds_table *t = NULL;
    if ((rs = ds_nato2035_table(n, &t, err)) != DS_OK)
        goto done;
    char poss[256], a1[96], a2[96], a3[96], a4[96], rate[64];
    subject(n->name, 1, 0, poss, sizeof poss);
    d_hc(&w->d, 2, SECTION, "NATO's 2035 target: 3.5% core and 1.5% related");
    usd_at(n->lcu_per_usd, n->lcu[0] ? n->lcu : "USD", rate, sizeof rate);
    const ds_nato2035_part *c = &n->core, *rl = &n->related;
    size_t len = (size_t)snprintf(
        w->b, sizeof w->b,
        "NATO's 2035 target (The Hague, June 2025) is 3.5%% of GDP on core "
        "defense and 1.5%% on defense- and security-related spending. At "
        "%d GDP, %s core figure is %s (definition %s, %s), %s points short of 3.5%%, "
        "%s",
        n->year, poss, pct_text(c->current_pct, 2, a1, sizeof a1),
        c->definition[0] ? c->definition : "no definition",
        c->year ? (snprintf(a4, sizeof a4, "%d", c->year), a4) : "n/a",
        isfinite(c->gap_pct) ? ds_format_fixed(c->gap_pct, 2, a2, sizeof a2)
                             : "n/a",
        money2(c->gap_usd, n->lcu[0] && strcmp(n->lcu, "USD") ? c->gap_lcu
                                                               : NAN,
               n->lcu[0] ? n->lcu : "USD", a3, sizeof a3));
    if (len < sizeof w->b) {
        if (isfinite(rl->current_pct))
            len += (size_t)snprintf(
                w->b + len, sizeof w->b - len,
                "; its related figure is %s, %s points short of 1.5%%, %s",
                pct_text(rl->current_pct, 2, a1, sizeof a1),
                ds_format_fixed(rl->gap_pct, 2, a2, sizeof a2),
                money2(rl->gap_usd,
                       n->lcu[0] && strcmp(n->lcu, "USD") ? rl->gap_lcu
                                                          : NAN,
                       n->lcu[0] ? n->lcu : "USD", a3, sizeof a3));
        else
            len += (size_t)snprintf(
                w->b + len, sizeof w->b - len,
                "; the store has no sourced figure of its related spending "
                "(n/a, not 0)");
    }
    if (len < sizeof w->b)
        snprintf(w->b + len, sizeof w->b - len, "; amounts in %s.", rate);
    d_p(&w->d, w->b);
    if ((rs = d_table_noted(&w->d, t, "table-nato2035.csv", err)) != DS_OK)
        goto done;
    d_p(&w->d, "Each category against its own current figure: core by the "
               "report's spending definition, related (for Japan) the "
               "security-related items beyond the MoD budget from the "
               "definition bridge. The command defspend scenarios "
               "--targets nato2035 prints the same table.");
    rs = folder_table_csv(rf, t, "table-nato2035.csv", err);
done:
    ds_table_free(t);
    return rs;
}

/* Methods and caveats: years, rates, definitions, the projection and the
 * Monte Carlo method, then the assumptions as figures. */
static void
w_methods(wctx *w)
{
    const ds_report *r = w->r;
    const ds_scenario *s = r->scenario;
    const ds_projection *p = r->projection;
    const ds_simulation *sim = r->simulation;
    const ds_baseline *bl = &s->baseline;
    char a1[96], a2[96], a3[96];
    d_hc(&w->d, 2, SECTION, "Methods and caveats");
    d_ul(&w->d, 1);
    const ds_obs *bo = bl->present ? (bl->obs_lcu ? bl->obs_lcu : bl->obs_usd)
                                   : NULL;
    if (bo && bo->fy_start_month > 1)
        snprintf(w->b, sizeof w->b,
                 "Fiscal and calendar years: the baseline is a fiscal-year "
                 "budget (%s); GDP, SIPRI, World Bank and NATO figures are "
                 "for calendar years. A fiscal year's budget is compared "
                 "with the GDP of the calendar year it starts in (%d); the "
                 "projection's years are calendar years.",
                 ds_year_label(bo, a1, sizeof a1), s->year);
    else
        snprintf(w->b, sizeof w->b,
                 "Fiscal and calendar years: GDP, SIPRI, World Bank and NATO "
                 "figures are for calendar years; a ministry budget is for "
                 "its fiscal year (Japan's runs April to March) and is "
                 "compared with the GDP of the calendar year it starts in.");
    d_li(&w->d, w->b);
    if (isfinite(s->gdp_lcu_per_usd) && strcmp(s->lcu, "USD") != 0) {
        size_t len = (size_t)snprintf(
            w->b, sizeof w->b,
            "Exchange rates: spending at a share of GDP is that share of "
            "GDP in US$, so in effect at the rate implied by GDP in %s / "
            "GDP in US$ (%s in %d)",
            s->lcu, chart_rate(s->gdp_lcu_per_usd, s->lcu, a1, sizeof a1),
            s->year);
        if (bl->present && len < sizeof w->b)
            len += (size_t)snprintf(
                w->b + len, sizeof w->b - len,
                "; the baseline in US$ is at %s (%s), so its ratio to a "
                "target is also given at one rate",
                chart_rate(bl->lcu_per_usd, s->lcu, a2, sizeof a2),
                bl->rate_basis);
        if (len < sizeof w->b)
            snprintf(w->b + len, sizeof w->b - len,
                     "; the projection holds %s for every year; the allies "
                     "are compared in current US$ at each country's market "
                     "rate of its own year; the history's US$ series is at "
                     "each year's rate.",
                     chart_rate(p->lcu_per_usd, w->lcu, a3, sizeof a3));
        d_li(&w->d, w->b);
    }
    d_li(&w->d, "Definitions: a Ministry of Defense budget (mod_budget) is "
                "the initial budget of the fiscal year as enacted, with or "
                "without the SACO and US-forces-realignment costs as "
                "labelled, and without supplementary budgets unless they "
                "are added. SIPRI's military expenditure (sipri; the World "
                "Bank's wdi series is SIPRI's) counts current and capital "
                "spending on the armed forces including peacekeeping, "
                "defence ministries, paramilitary forces judged trained and "
                "equipped for military operations and military space "
                "activities, with military pensions, and excludes civil "
                "defence and veterans' benefits. NATO's definition (nato) "
                "is what a national government spends to meet the needs of "
                "its armed forces, those of allies or of the Alliance, "
                "including pensions and other forces (such as border or "
                "coast guards) only when trained, equipped and available "
                "for military operations; only NATO members have NATO "
                "figures.");
    if (strcmp(s->iso3, "JPN") == 0)
        d_li(&w->d, "Japan's security-related total (the government's \"2% "
                    "of GDP\" by FY2027) adds to the MoD budget the Coast "
                    "Guard, peacekeeping and other ministries' items counted "
                    "as security-related (research, public infrastructure, "
                    "cyber), measured against FY2022 GDP, not against the "
                    "calendar-year GDP used here; Japan is not a NATO "
                    "member.");
    snprintf(w->b, sizeof w->b,
             "Projection: spending moves linearly in share of GDP from the "
             "baseline share in %d to the target share in %d, after the "
             "budgets already decided; nominal GDP grows %s. A forecast is "
             "never used as an actual figure, and a missing figure is "
             "n/a, never zero.",
             p->from_year, p->by_year, p->growth_basis);
    d_li(&w->d, w->b);
    if (sim) {
        char m[1024];
        snprintf(w->b, sizeof w->b,
                 "%s, each draw a path of nominal GDP with growth drawn "
                 "independently each year; the same seed gives the same "
                 "bands. Spending is at the path's share of each simulated "
                 "GDP; decided budgets are fixed amounts.",
                 ds_chart_fan_method(sim, r->seed, m, sizeof m));
    } else {
        snprintf(w->b, sizeof w->b,
                 "Monte Carlo: not run (no draws asked for); the projection "
                 "has no uncertainty bands.");
    }
    d_li(&w->d, w->b);
    d_ul(&w->d, 0);

    d_h(&w->d, 3, "Assumptions");
    d_ul(&w->d, 1);
    snprintf(w->b, sizeof w->b,
             "GDP: definition %s, %s prices, current US$ at market exchange "
             "rates (%s)",
             s->gdp_usd->definition, s->gdp_usd->price_basis,
             s->gdp_usd->source);
    d_li(&w->d, w->b);
    if (isfinite(s->gdp_lcu_per_usd)) {
        snprintf(w->b, sizeof w->b,
                 "Exchange rate implied by GDP in %s / GDP in US$ (%d): %s",
                 s->lcu, s->year,
                 chart_rate(s->gdp_lcu_per_usd, s->lcu, a1, sizeof a1));
        d_li(&w->d, w->b);
    }
    if (s->fx_official) {
        snprintf(w->b, sizeof w->b, "Official annual average rate %d: %s (%s)",
                 s->fx_official->year,
                 chart_rate(s->fx_official->value, s->lcu, a1, sizeof a1),
                 s->fx_official->source);
        d_li(&w->d, w->b);
    }
    if (bl->present) {
        snprintf(w->b, sizeof w->b, "Baseline rate: %s (%s)",
                 chart_rate(bl->lcu_per_usd, s->lcu, a1, sizeof a1),
                 bl->rate_basis);
        d_li(&w->d, w->b);
    }
    snprintf(w->b, sizeof w->b,
             "Projection: GDP growth %s; exchange rate %s, %s",
             p->growth_basis, chart_rate(p->lcu_per_usd, w->lcu, a1, sizeof a1),
             p->rate_basis);
    d_li(&w->d, w->b);
    d_ul(&w->d, 0);
}

static void
w_sources(wctx *w, const cites *cs)
{
    d_hc(&w->d, 2, SECTION, "Sources");
    d_ul(&w->d, 1);
    for (size_t i = 0; i < cs->n; i++) {
        snprintf(w->b, sizeof w->b, "%s; definition %s; vintage %s",
                 cs->o[i]->source, cs->o[i]->definition,
                 cs->o[i]->vintage[0] ? cs->o[i]->vintage : "unknown");
        d_li(&w->d, w->b);
    }
    d_ul(&w->d, 0);
    licences(cs, w->b, sizeof w->b);
    d_p(&w->d, w->b);
}

/* The CSV of table i (0 scenarios, 1 projection, 2 compare): the table
 * `scenarios`, `project` and `compare --format csv` write. */
static ds_status
table_csv(const ds_report *r, int i, char **buf, size_t *len, ds_error *err)
{
    ds_table *t = NULL;
    ds_status st;
    if (i == 0)
        st = ds_scenario_table(r->scenario, 1, 1, &t, err);
    else if (i == 1)
        st = ds_project_table(r->projection, r->simulation, r->seed, &t, err);
    else
        st = ds_compare_table(r->comparison, allies_title(r->comparison), &t,
                              err);
    if (st != DS_OK) {
        ds_table_free(t);
        return st;
    }
    FILE *f = open_memstream(buf, len);
    if (!f) {
        ds_table_free(t);
        return rep_err(err, "out of memory");
    }
    st = ds_table_write(t, DS_TABLE_CSV, f, err);
    if (fclose(f) != 0 && st == DS_OK)
        st = rep_err(err, "out of memory");
    ds_table_free(t);
    return st;
}

ds_status
ds_report_write(ds_report_folder *rf, const ds_report *r, const ds_store *st,
                ds_report_say say, void *ctx, int *charts_failed,
                ds_error *err)
{
    ds_status st_ = DS_OK;

    /* charts */
    enum { NCHARTS = DS_REPORT_NCHARTS };
    chart_out co[NCHARTS];
    memset(co, 0, sizeof co);
    *charts_failed = 0;
    for (int i = 0; i < NCHARTS && st_ == DS_OK; i++) {
        const char *name = ds_report_chart_name((size_t)i);
        ds_plot *pl = ds_plot_alloc();
        if (!pl) {
            st_ = rep_err(err, "out of memory");
            break;
        }
        st_ = ds_report_build_chart(r, st, (size_t)i, pl, err);
        if (st_ == DS_OK && pl->text[DS_PLOT_TITLE] &&
            !(co[i].title = strdup(pl->text[DS_PLOT_TITLE])))
            st_ = rep_err(err, "out of memory");
        if (st_ == DS_OK)
            st_ = ds_report_folder_chart(rf, pl, name, &co[i].svg,
                                         &co[i].failed, say, ctx, err);
        *charts_failed |= co[i].failed;
        ds_plot_free(pl);
    }

    cites cs = {NULL, 0, 0, 0};
    ds_nato2035 *nato = NULL;
    ds_bridge *bridge = NULL;
    char *mdb = NULL, *htb = NULL;
    size_t mdl = 0, htl = 0;
    wctx *w = NULL;
    if (st_ != DS_OK)
        goto done;
    w = calloc(1, sizeof *w);
    if (!w) {
        st_ = rep_err(err, "out of memory");
        goto done;
    }
    history_span(st, r, &w->hist);
    {
        /* NATO 2035 and the definition bridge at the report's year and
         * definition; DS_ENOTFOUND (a country without them) -> no
         * section and no finding */
        ds_error ne;
        ds_error_clear(&ne);
        ds_status ns = ds_nato2035_run(st, r->scenario->iso3,
                                       r->scenario->year, r->project.source,
                                       &nato, &ne);
        if (ns == DS_OK || ns == DS_ENOTFOUND) {
            ds_error_clear(&ne);
            ns = ds_bridge_run(st, r->scenario->iso3, r->scenario->year,
                               &bridge, &ne);
        }
        if (ns != DS_OK && ns != DS_ENOTFOUND) {
            if (err)
                *err = ne;
            st_ = ns;
            goto done;
        }
        w->nato = nato;
        w->bridge = bridge;
    }
    collect_cites(&cs, r, &w->hist, bridge, nato);
    if (cs.oom) {
        st_ = rep_err(err, "out of memory");
        goto done;
    }
    w->r = r;
    w->lcu = r->projection->lcu_only_usd ? "USD" : r->scenario->lcu;

    w->d.md = open_memstream(&mdb, &mdl);
    w->d.html = open_memstream(&htb, &htl);
    if (!w->d.md || !w->d.html) {
        st_ = rep_err(err, "out of memory");
        goto done;
    }
    w_head(w, &cs);
    w_findings(w);
    w_summary(w);
    if ((st_ = w_scenarios(w, &co[0], err)) != DS_OK ||
        (st_ = w_projection(w, &co[1], err)) != DS_OK)
        goto done;
    w_sensitivity(w, &co[4]);
    if ((st_ = w_compare(w, &co[2], err)) != DS_OK)
        goto done;
    w_history(w, &co[3]);
    if ((st_ = w_nato2035(w, rf, err)) != DS_OK ||
        (st_ = w_bridge(w, rf, say, ctx, charts_failed, err)) != DS_OK)
        goto done;
    w_methods(w);
    w_sources(w, &cs);
    fputs("</body>\n</html>\n", w->d.html);

done:
    if (w && w->d.md && fclose(w->d.md) != 0 && st_ == DS_OK)
        st_ = rep_err(err, "out of memory");
    if (w && w->d.html && fclose(w->d.html) != 0 && st_ == DS_OK)
        st_ = rep_err(err, "out of memory");
    if (st_ == DS_OK)
        st_ = ds_report_folder_write(rf, "report.md", mdb, mdl, err);
    if (st_ == DS_OK)
        st_ = ds_report_folder_write(rf, "report.html", htb, htl, err);
    free(mdb);
    free(htb);
    free(w);
    ds_nato2035_free(nato);
    ds_bridge_free(bridge);
    free(cs.o);
    for (int i = 0; i < NCHARTS; i++) {
        free(co[i].svg);
        free(co[i].title);
    }
    static const char *const tn[] = {"table-scenarios.csv",
                                     "table-projection.csv",
                                     "table-compare.csv"};
    for (int i = 0; i < 3 && st_ == DS_OK; i++) {
        char *tb = NULL;
        size_t tlen = 0;
        st_ = table_csv(r, i, &tb, &tlen, err);
        if (st_ == DS_OK)
            st_ = ds_report_folder_write(rf, tn[i], tb, tlen, err);
        free(tb);
    }
    return st_;
}
