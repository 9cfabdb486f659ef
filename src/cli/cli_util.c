/* cli_util.c - error printing, store opening, atomic output for the CLI.
 *
 * Promises: errors go to stderr as "defspend: error: path:line:column:
 * message"; an output file that is a regular file (or new) is replaced
 * atomically or not at all; a device, FIFO or descriptor (/dev/null,
 * /dev/stdout) is written to directly, never replaced.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

void
cli_error(const char *fmt, ...)
{
    /* messages quote data (a value, a name, a path): no control character
     * of theirs reaches the terminal (cli_text.c) */
    char *msg = NULL;
    size_t n = 0;
    FILE *m = open_memstream(&msg, &n);
    va_list ap;
    va_start(ap, fmt);
    if (m)
        vfprintf(m, fmt, ap);
    va_end(ap);
    fputs("defspend: error: ", stderr);
    if (m && fclose(m) == 0) {
        fwrite(msg, 1, cli_tt_buffer(msg, n), stderr);
    } else {
        fputs("(out of memory)", stderr);
    }
    free(msg);
    fputc('\n', stderr);
}

int
cli_exit_code(ds_status st)
{
    switch (st) {
    case DS_OK: return EXIT_OK;
    case DS_EIO: return EXIT_IO;
    case DS_EINVAL:
    case DS_ERANGE: return EXIT_USAGE;
    default: return EXIT_DATA;
    }
}

int
cli_report(const ds_error *err)
{
    char buf[DS_ERROR_MSG_MAX + DS_ERROR_PATH_MAX + 64];
    cli_error("%s", ds_error_format(err, buf, sizeof buf));
    return cli_exit_code(err->code);
}

static int
is_dir(const char *p)
{
    struct stat st;
    return p && stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

int
cli_is_shipped_dir(const char *dir)
{
    char *d = realpath(dir, NULL);
    if (!d)
        return 0;
    int same = 0;
    const char *shipped[] = {DS_DATADIR, DS_SOURCE_DATADIR};
    for (size_t i = 0; i < 2 && !same; i++) {
        char *s = realpath(shipped[i], NULL);
        same = s && strcmp(s, d) == 0;
        free(s);
    }
    free(d);
    return same;
}

const char *
cli_data_dir(const cli_common *c)
{
    if (c->data_dir)
        return c->data_dir;
    const char *env = getenv("DEFSPEND_DATA");
    if (env && env[0])
        return env;
    return cli_shipped_dir();
}

const char *
cli_shipped_dir(void)
{
    return is_dir(DS_DATADIR) ? DS_DATADIR : DS_SOURCE_DATADIR;
}

int
cli_data_only(void)
{
    const char *e = getenv("DEFSPEND_DATA_ONLY");
    return e && e[0] && strcmp(e, "0") != 0;
}

/* The stores read, bottom first (README "Stores and layers"): the shipped
 * datasets, then over them the --data / $DEFSPEND_DATA store if given
 * (alone with --data-only; a name for the shipped tree reads it alone),
 * else the user store of `defspend import` when it exists.  The layering
 * itself is the library's (ds_store_load_layers). */
void
cli_store_layers(const cli_common *c, ds_store_layers *l, char *user,
                 size_t size)
{
    memset(l, 0, sizeof *l);
    const char *data = c->data_dir;
    const char *env = getenv("DEFSPEND_DATA");
    if (!data && env && env[0])
        data = env;
    if (data) {
        if (cli_is_shipped_dir(data)) {
            l->base = data;
        } else {
            l->upper = data;
            l->upper_only = cli_data_only();
            if (!l->upper_only)
                l->base = cli_shipped_dir();
        }
        return;
    }
    l->base = cli_shipped_dir();
    if (ds_import_default_dir(user, size, NULL) == DS_OK) {
        l->upper = user;
        l->upper_optional = 1;
    }
}

int
cli_meta_path(const cli_common *c, const char *name, char *buf, size_t size)
{
    ds_store_layers l;
    char user[4096];
    cli_store_layers(c, &l, user, sizeof user);
    if (!ds_store_layers_meta(&l, name, buf, size)) {
        cli_error("%s/meta/%s: path too long", cli_data_dir(c), name);
        return 0;
    }
    return 1;
}

ds_store *
cli_open_store(const cli_common *c, int *exit_code)
{
    ds_error err;
    ds_error_clear(&err);
    ds_store *s = ds_store_alloc();
    if (!s) {
        cli_error("out of memory");
        *exit_code = EXIT_DATA;
        return NULL;
    }
    ds_store_layers l;
    char user[4096];
    cli_store_layers(c, &l, user, sizeof user);
    ds_status st = ds_store_load_layers(s, &l, &err);
    if (st != DS_OK) {
        *exit_code = cli_report(&err);
        /* a store that cannot be read is a data error, not a usage one */
        if (*exit_code == EXIT_USAGE)
            *exit_code = EXIT_DATA;
        ds_store_free(s);
        return NULL;
    }
    return s;
}

int
cli_option_error(int c, char **argv, const char *command,
                 const struct option *opts)
{
    const char *arg = optind > 0 ? argv[optind - 1] : "";
    char name[64];
    /* an unknown short option (optopt set, possibly inside a cluster such
     * as -xq, where argv[optind - 1] is the previous argument) is named by
     * its letter; an unknown long option, or one missing its value, as
     * typed up to any '=' */
    int is_long = strncmp(arg, "--", 2) == 0 && !(c == '?' && optopt);
    if (is_long)
        snprintf(name, sizeof name, "%.*s", (int)strcspn(arg, "="), arg);
    else
        snprintf(name, sizeof name, "-%c", optopt ? optopt : '?');
    if (c == ':') {
        cli_error("option '%s' needs a value", name);
        return EXIT_USAGE;
    }
    const char *near = NULL;
    if (is_long && opts) {
        const char *names[128];
        size_t n = 0;
        for (; opts[n].name && n < 128; n++)
            names[n] = opts[n].name;
        near = ds_suggest(name + 2, names, n);
    }
    if (near)
        cli_error("unknown option '%s'; did you mean '--%s'? (see defspend "
                  "%s --help)", name, near, command);
    else
        cli_error("unknown option '%s' (see defspend %s --help)", name,
                  command);
    return EXIT_USAGE;
}

int
cli_parse_baseline(const char *text, ds_baseline_choice *c)
{
    ds_error err;
    ds_error_clear(&err);
    if (ds_baseline_parse(text, c, &err) != DS_OK) {
        cli_error("--baseline: %s", err.message);
        return 0;
    }
    return 1;
}

int
cli_parse_format(const char *s, out_format *f)
{
    if (strcmp(s, "table") == 0) *f = FMT_TABLE;
    else if (strcmp(s, "csv") == 0) *f = FMT_CSV;
    else if (strcmp(s, "json") == 0) *f = FMT_JSON;
    else if (strcmp(s, "md") == 0) *f = FMT_MD;
    else return 0;
    return 1;
}

int
cli_out_open(cli_out *o)
{
    o->buf = NULL;
    o->len = 0;
    o->f = open_memstream(&o->buf, &o->len);
    return o->f != NULL;
}

void
cli_out_discard(cli_out *o)
{
    if (o->f)
        fclose(o->f);
    free(o->buf);
    o->f = NULL;
    o->buf = NULL;
}

static int
write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return 0;
        }
        p += w;
        n -= (size_t)w;
    }
    return 1;
}

/* Follow the symlinks of path one by one (at most 40) to the name that is
 * not a link (which may not exist yet).  Returns a malloc'd path, or NULL
 * with errno set (ELOOP, ENOMEM, a readlink error).  When a link in the
 * chain is one of this process's descriptors (/proc/self/fd/N,
 * /dev/fd/N, /dev/stdout, ...), *fd is set to N and NULL returned with
 * errno 0: the output goes to that descriptor, as a shell's redirection
 * to /dev/stdout would. */
static char *
resolve_links(const char *path, int *fd)
{
    char *cur = strdup(path);
    *fd = -1;
    if (!cur)
        return NULL;
    char self[64];
    snprintf(self, sizeof self, "/proc/%ld/fd", (long)getpid());
    for (int hops = 0; hops < 40; hops++) {
        struct stat st;
        if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
            return cur; /* a file, a directory, a device ... or missing */
        /* the directory the link is in, resolved, to recognise
         * /proc/<pid>/fd and to make a relative link absolute */
        char *slash = strrchr(cur, '/');
        char *dir;
        const char *base;
        if (!slash) {
            dir = realpath(".", NULL);
            base = cur;
        } else if (slash == cur) {
            dir = strdup("/");
            base = cur + 1;
        } else {
            *slash = '\0';
            dir = realpath(cur, NULL);
            *slash = '/';
            base = slash + 1;
        }
        if (!dir) {
            free(cur);
            return NULL;
        }
        char *end;
        long n = strtol(base, &end, 10);
        if (strcmp(dir, self) == 0 && *base >= '0' && *base <= '9' &&
            !*end && n <= 1024 * 1024) {
            *fd = (int)n;
            free(dir);
            free(cur);
            errno = 0;
            return NULL;
        }
        char target[4096];
        ssize_t l = readlink(cur, target, sizeof target - 1);
        if (l < 0 || (size_t)l >= sizeof target - 1) {
            if (l >= 0)
                errno = ENAMETOOLONG;
            int e = errno;
            free(dir);
            free(cur);
            errno = e;
            return NULL;
        }
        target[l] = '\0';
        size_t need = strlen(dir) + (size_t)l + 2;
        char *next = malloc(need);
        if (!next) {
            free(dir);
            free(cur);
            errno = ENOMEM;
            return NULL;
        }
        if (target[0] == '/')
            snprintf(next, need, "%s", target);
        else
            snprintf(next, need, "%s%s%s", dir,
                     strcmp(dir, "/") == 0 ? "" : "/", target);
        free(dir);
        free(cur);
        cur = next;
    }
    free(cur);
    errno = ELOOP;
    return NULL;
}

/* Write buf straight to what is not a regular file (a device, a FIFO, a
 * descriptor): no temporary file, no rename, no fsync. */
static int
write_direct(const char *shown, const char *path, int fd, const char *buf,
             size_t len)
{
    int own = fd < 0;
    if (own) {
        fd = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
        if (fd < 0) {
            cli_error("%s: cannot open: %s", shown, strerror(errno));
            return EXIT_IO;
        }
    }
    int ok = write_all(fd, buf, len);
    int e = errno;
    if (own && close(fd) != 0 && ok) {
        ok = 0;
        e = errno;
    }
    if (!ok) {
        cli_error("%s: cannot write: %s", shown, strerror(e));
        return EXIT_IO;
    }
    return EXIT_OK;
}

/* A regular file (or a new one): written beside it and renamed over it
 * (ds_file_write_atomic). */
static int
write_replace(const char *shown, const char *target, const char *buf,
              size_t len)
{
    ds_error err;
    ds_error_clear(&err);
    if (ds_file_write_atomic(target, buf, len, &err) != DS_OK) {
        cli_error("%s: %s", shown, err.message);
        return EXIT_IO;
    }
    return EXIT_OK;
}

int
cli_out_finish(cli_out *o, const cli_common *c)
{
    if (fclose(o->f) != 0) {
        o->f = NULL;
        free(o->buf);
        o->buf = NULL;
        cli_error("cannot build output: %s", strerror(errno));
        return EXIT_IO;
    }
    o->f = NULL;
    /* tables and Markdown are read on terminals: whatever a writer let
     * through, no control character but tab and newline goes out */
    if (c->format == FMT_TABLE || c->format == FMT_MD)
        o->len = cli_tt_buffer(o->buf, o->len);
    int rc = EXIT_OK;
    if (!c->output || strcmp(c->output, "-") == 0) {
        if (!write_all(STDOUT_FILENO, o->buf, o->len)) {
            cli_error("cannot write to standard output: %s", strerror(errno));
            rc = EXIT_IO;
        }
    } else {
        /* Symlinks are followed: a link to a regular file has its target
         * replaced (the link stays); a link to one of our descriptors
         * (/dev/stdout) writes to it.  Only a regular file, or a name
         * that does not exist yet, is written through a temporary file
         * and rename; anything else (a device such as /dev/null, a FIFO,
         * a terminal) is written to directly, as a shell's '>' would. */
        int fd;
        char *target = resolve_links(c->output, &fd);
        struct stat st;
        if (!target && fd >= 0) {
            rc = write_direct(c->output, NULL, fd, o->buf, o->len);
        } else if (!target) {
            cli_error("%s: cannot open: %s", c->output, strerror(errno));
            rc = EXIT_IO;
        } else if (stat(target, &st) != 0 || S_ISREG(st.st_mode)) {
            rc = write_replace(c->output, target, o->buf, o->len);
        } else if (S_ISDIR(st.st_mode)) {
            cli_error("%s: cannot write: %s", c->output, strerror(EISDIR));
            rc = EXIT_IO;
        } else {
            rc = write_direct(c->output, target, -1, o->buf, o->len);
        }
        free(target);
    }
    free(o->buf);
    o->buf = NULL;
    return rc;
}

void
cli_csv_text(FILE *f, const char *s)
{
    ds_text_csv(f, s);
}

void
cli_csv_num(FILE *f, double v)
{
    char b[64];
    fputs(ds_format_full(v, b, sizeof b), f);
}

char *
cli_cite(const ds_obs *o, char *buf, size_t size)
{
    char fl[128];
    ds_flags_format(o->flags, fl, sizeof fl);
    snprintf(buf, size, "%s; definition %s; vintage %s%s%s", o->source,
             o->definition, o->vintage[0] ? o->vintage : "unknown",
             fl[0] ? "; " : "", fl);
    return buf;
}

size_t
cli_width(const char *s)
{
    return ds_text_width(s);
}

void
cli_pad(FILE *f, const char *s, size_t w, int right)
{
    ds_text_pad(f, s, w, right);
}

int cli_argc;
char **cli_argv;

/* word as the shell reads it back: bare when it has only safe
 * characters, else in single quotes ('\'' for a quote); terminal
 * controls filtered as everywhere (cli_shown) */
static void
shell_word(FILE *f, const char *w)
{
    int bare = *w != '\0';
    for (const char *p = w; *p && bare; p++)
        bare = strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                      "0123456789_-.,/:=+@%", *p) != NULL;
    if (bare) {
        fputs(cli_shown(w, 0), f);
        return;
    }
    size_t n = strlen(w);
    char *q = malloc(4 * n + 3);
    if (!q)
        return;
    char *o = q;
    *o++ = '\'';
    for (const char *p = w; *p; p++) {
        if (*p == '\'') {
            memcpy(o, "'\\''", 4);
            o += 4;
        } else {
            *o++ = *p;
        }
    }
    *o++ = '\'';
    *o = '\0';
    fputs(cli_shown(q, 0), f);
    free(q);
}

void
cli_hint_rerun(const char *why, const char *extra)
{
    if (!cli_argv || cli_argc < 1)
        return;
    fprintf(stderr, "defspend: %s, run:\n  defspend", why);
    for (int i = 1; i < cli_argc; i++) {
        fputc(' ', stderr);
        shell_word(stderr, cli_argv[i]);
    }
    fprintf(stderr, " %s\n", extra);
}

int
cli_split_list(char *s, const char **out, size_t cap, size_t *n)
{
    *n = 0;
    for (char *t = strtok(s, ","); t; t = strtok(NULL, ",")) {
        if (*n == cap)
            return 0;
        out[(*n)++] = t;
    }
    return 1;
}

int
cli_country_list(char *text, const ds_countries *table, const char **out,
                 char (*iso)[17], size_t cap, size_t *n)
{
    if (!cli_split_list(text, out, cap, n)) {
        cli_error("too many countries (at most %zu)", cap);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < *n; i++) {
        const ds_country *k;
        ds_error err = {0};
        if (ds_countries_lookup(table, out[i], &k, &err) != DS_OK)
            return cli_report(&err);
        snprintf(iso[i], 17, "%s", k->iso3);
        out[i] = iso[i];
    }
    return 0;
}
