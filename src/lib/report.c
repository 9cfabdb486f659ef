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

#include "defspend/chart.h"
#include "defspend/report.h"
#include "defspend/sensitivity.h"

#define TRY(x)                                                                \
    do {                                                                      \
        ds_status st_ = (x);                                                  \
        if (st_ != DS_OK)                                                     \
            return st_;                                                       \
    } while (0)

/* Set err: DS_ENOMEM for "out of memory", DS_EIO otherwise (a second
 * message, after a failed rollback, is added to the first). */
static ds_status __attribute__((format(printf, 2, 3)))
rep_err(ds_error *err, const char *fmt, ...)
{
    ds_status code = strcmp(fmt, "out of memory") == 0 ? DS_ENOMEM : DS_EIO;
    if (!err)
        return code;
    char m[DS_ERROR_MSG_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m, sizeof m, fmt, ap);
    va_end(ap);
    if (err->code != DS_OK && err->message[0]) {
        size_t n = strlen(err->message);
        snprintf(err->message + n, sizeof err->message - n, "; %s", m);
        return err->code;
    }
    ds_error_clear(err);
    err->code = code;
    snprintf(err->message, sizeof err->message, "%s", m);
    return code;
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
            rep_err(err, "%s: could not put every file back; the old files are "
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
    if (err)
        *err = e;
    return st;
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
