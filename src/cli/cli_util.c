/* cli_util.c - error printing, store opening, atomic output for the CLI.
 *
 * Promises: errors go to stderr as "defspend: error: path:line:column:
 * message"; output files are replaced atomically or not at all.
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
    va_list ap;
    fputs("defspend: error: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
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
    if (is_dir(DS_DATADIR))
        return DS_DATADIR;
    return DS_SOURCE_DATADIR;
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
    ds_status st = ds_store_load_dir(s, cli_data_dir(c), &err);
    /* without --data / DEFSPEND_DATA: the user store (defspend import)
     * layered over the shipped datasets, its figures winning */
    const char *env = getenv("DEFSPEND_DATA");
    char user[4096];
    if (st == DS_OK && !c->data_dir && !(env && env[0]) &&
        ds_import_default_dir(user, sizeof user, NULL) == DS_OK)
        st = ds_store_overlay_dir(s, user, &err);
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
cli_option_error(int c, char **argv, const char *command)
{
    const char *arg = optind > 0 ? argv[optind - 1] : "";
    char name[64];
    /* an unknown short option (optopt set, possibly inside a cluster such
     * as -xq, where argv[optind - 1] is the previous argument) is named by
     * its letter; an unknown long option, or one missing its value, as
     * typed up to any '=' */
    if (strncmp(arg, "--", 2) == 0 && !(c == '?' && optopt))
        snprintf(name, sizeof name, "%.*s", (int)strcspn(arg, "="), arg);
    else
        snprintf(name, sizeof name, "-%c", optopt ? optopt : '?');
    if (c == ':')
        cli_error("option '%s' needs a value", name);
    else
        cli_error("unknown option '%s' (see defspend %s --help)", name,
                  command);
    return EXIT_USAGE;
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

/* mkstemp makes 0600 files: give the output the mode of the file it
 * replaces, else the usual 0666 & ~umask. */
static int
fchmod_default(const char *path, const char *target)
{
    struct stat st;
    mode_t mode;
    if (stat(target, &st) == 0) {
        mode = st.st_mode & 07777;
    } else {
        mode_t mask = umask(0);
        umask(mask);
        mode = 0666 & ~mask;
    }
    return chmod(path, mode) == 0;
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

int
cli_out_finish(cli_out *o, const cli_common *c)
{
    if (fclose(o->f) != 0) {
        o->f = NULL;
        free(o->buf);
        cli_error("cannot build output: %s", strerror(errno));
        return EXIT_IO;
    }
    o->f = NULL;
    int rc = EXIT_OK;
    if (!c->output || strcmp(c->output, "-") == 0) {
        if (!write_all(STDOUT_FILENO, o->buf, o->len)) {
            cli_error("cannot write to standard output: %s", strerror(errno));
            rc = EXIT_IO;
        }
    } else {
        /* an existing symlink is followed: its target is replaced */
        char *real = realpath(c->output, NULL);
        const char *target = real ? real : c->output;
        size_t l = strlen(target);
        char *tmp = malloc(l + 16);
        if (!tmp) {
            free(o->buf);
            free(real);
            cli_error("out of memory");
            return EXIT_IO;
        }
        snprintf(tmp, l + 16, "%s.tmpXXXXXX", target);
        int fd = mkstemp(tmp);
        if (fd < 0) {
            cli_error("%s: cannot create: %s", c->output, strerror(errno));
            rc = EXIT_IO;
        } else {
            int ok = write_all(fd, o->buf, o->len) && fsync(fd) == 0;
            int e = errno;
            ok = close(fd) == 0 && ok;
            if (ok && fchmod_default(tmp, target) && rename(tmp, target) == 0) {
                rc = EXIT_OK;
            } else {
                if (!ok)
                    errno = e;
                cli_error("%s: cannot write: %s", c->output, strerror(errno));
                unlink(tmp);
                rc = EXIT_IO;
            }
        }
        free(tmp);
        free(real);
    }
    free(o->buf);
    o->buf = NULL;
    return rc;
}

void
cli_csv_text(FILE *f, const char *s)
{
    int formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
                  s[0] == '\t' || s[0] == '\r';
    int quote = formula || strpbrk(s, ",\"\n\r") != NULL;
    if (!quote) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    if (formula)
        fputc('\'', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

char *
cli_whole(char *b, size_t n, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(b, n, fmt, ap);
    va_end(ap);
    if (n && (r < 0 || (size_t)r >= n)) {
        /* never a cut text: it could read as another number */
        size_t k = n - 1 < DS_FORMAT_NO_ROOM_WIDTH ? n - 1
                                                   : DS_FORMAT_NO_ROOM_WIDTH;
        memset(b, '#', k);
        b[k] = '\0';
    }
    return b;
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

char *
cli_year_label(const ds_obs *o, char *b, size_t n)
{
    static const char *const mon[] = {"", "Jan", "Feb", "Mar", "Apr", "May",
                                      "Jun", "Jul", "Aug", "Sep", "Oct",
                                      "Nov", "Dec"};
    if (o->fy_start_month <= 1 || o->fy_start_month > 12)
        snprintf(b, n, "%d", o->year);
    else
        snprintf(b, n, "FY%d (%s %d-%s %d)", o->year, mon[o->fy_start_month],
                 o->year, mon[o->fy_start_month - 1], o->year + 1);
    return b;
}

size_t
cli_width(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

void
cli_pad(FILE *f, const char *s, size_t w, int right)
{
    size_t n = cli_width(s);
    if (right)
        for (size_t i = n; i < w; i++)
            fputc(' ', f);
    fputs(s, f);
    if (!right)
        for (size_t i = n; i < w; i++)
            fputc(' ', f);
}
