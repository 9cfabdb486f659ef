/* fsutil.c - core layer: atomic write, directory lock, mkdir -p, XDG.
 *
 * The only place in the library that creates, renames or locks files
 * (see fsutil.h and defspend/file.h).  A write is: a temporary file in
 * the target's directory, written, fsynced, renamed over the target, the
 * directory fsynced, so a crash at any point leaves the old file or the
 * new one.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"

#ifdef DS_TEST_HOOKS
#include <signal.h>
void
ds__kill_point(const char *stage)
{
    const char *at = getenv("DS_TEST_KILL_AT");
    if (at && strcmp(at, stage) == 0)
        raise(SIGKILL);
}
#endif

int
ds__write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len) {
        ssize_t w = write(fd, p, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return 0;
        }
        p += w;
        len -= (size_t)w;
    }
    return 1;
}

/* The mode of like if it exists, else 0666 & ~umask. */
static mode_t
mode_like(const char *like)
{
    struct stat st;
    if (like && stat(like, &st) == 0 && S_ISREG(st.st_mode))
        return st.st_mode & 07777;
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

ds_status
ds__temp_write(const char *dir, const char *stem, const char *suffix,
               const void *buf, size_t len, const char *like,
               const char *errpath, char **path, ds_error *err)
{
    *path = NULL;
    if (!dir || !stem || !suffix)
        return ds__error_set(err, DS_EINVAL, errpath, 0, 0,
                             "no directory or name for a temporary file");
    size_t ld = strlen(dir), ls = strlen(stem), lx = strlen(suffix);
    char *tmp = malloc(ld + ls + lx + 16);
    if (!tmp)
        return ds__error_set(err, DS_ENOMEM, errpath, 0, 0, "out of memory");
    /* dir/.stemXXXXXXsuffix */
    char *o = tmp;
    memcpy(o, dir, ld);
    o += ld;
    memcpy(o, "/.", 2);
    o += 2;
    memcpy(o, stem, ls);
    o += ls;
    memcpy(o, "XXXXXX", 6);
    o += 6;
    memcpy(o, suffix, lx + 1);
    int fd = mkstemps(tmp, (int)strlen(suffix));
    if (fd < 0) {
        ds_status st = ds__error_set(err, DS_EIO, errpath, 0, 0,
                                     "cannot create: %s", strerror(errno));
        free(tmp);
        return st;
    }
    ds__kill_point("open");
    const char *p = buf;
    int ok = fchmod(fd, mode_like(like)) == 0 &&
             (!buf || (ds__write_all(fd, p, len / 2) &&
                       (ds__kill_point("half"),
                        ds__write_all(fd, p + len / 2, len - len / 2)))) &&
             (ds__kill_point("written"), fsync(fd) == 0);
    int e = errno;
    ok = close(fd) == 0 && ok;
    if (!ok) {
        unlink(tmp);
        free(tmp);
        return ds__error_set(err, DS_EIO, errpath, 0, 0, "cannot write: %s",
                             strerror(e));
    }
    ds__kill_point("synced");
    *path = tmp;
    return DS_OK;
}

int
ds__sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    int ok = fsync(fd) == 0;
    int e = errno;
    close(fd);
    errno = e;
    return ok;
}

ds_status
ds_file_write_atomic(const char *path, const void *buf, size_t len,
                     ds_error *err)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    char *dir = slash ? strndup(path, (size_t)(slash - path) + (slash == path))
                      : strdup(".");
    size_t sl = strlen(base) + 2;
    char *stem = malloc(sl);
    if (!dir || !stem) {
        free(dir);
        free(stem);
        return ds__error_set(err, DS_ENOMEM, path, 0, 0, "out of memory");
    }
    snprintf(stem, sl, "%s.", base);
    char *tmp = NULL;
    ds_status st = ds__temp_write(dir, stem, "", buf ? buf : "", len, path,
                                  path, &tmp, err);
    if (st == DS_OK) {
        if (rename(tmp, path) != 0) {
            int e = errno;
            unlink(tmp);
            st = ds__error_set(err, DS_EIO, path, 0, 0, "cannot write: %s",
                               strerror(e));
        } else if (ds__kill_point("renamed"), !ds__sync_dir(dir)) {
            /* the new file is in place; only its durability is in doubt */
            st = ds__error_set(err, DS_EIO, dir, 0, 0,
                               "cannot sync the directory: %s",
                               strerror(errno));
        }
    }
    free(tmp);
    free(stem);
    free(dir);
    return st;
}

ds_status
ds_file_mkdir_p(const char *dir, ds_error *err)
{
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s", dir) >= (int)sizeof tmp)
        return ds__error_set(err, DS_EINVAL, dir, 0, 0, "path too long");
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
            return ds__error_set(err, DS_EIO, tmp, 0, 0,
                                 "cannot create directory: %s",
                                 strerror(errno));
        *p = '/';
    }
    if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
        return ds__error_set(err, DS_EIO, dir, 0, 0,
                             "cannot create directory: %s", strerror(errno));
    return DS_OK;
}

static double
now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
ds__lock_dir(int dirfd, const char *dir, double wait_s,
             void (*waiting)(void *ctx, const char *dir, double wait_s),
             void *ctx)
{
    if (flock(dirfd, LOCK_EX | LOCK_NB) == 0)
        return 0;
    if (errno != EWOULDBLOCK && errno != EINTR)
        return -1;
    if (!(wait_s > 0))
        return 1;
    if (waiting)
        waiting(ctx, dir, wait_s);
    double end = now_s() + wait_s;
    for (;;) {
        struct timespec ts = {0, 50 * 1000 * 1000};
        nanosleep(&ts, NULL);
        if (flock(dirfd, LOCK_EX | LOCK_NB) == 0)
            return 0;
        if (errno != EWOULDBLOCK && errno != EINTR)
            return -1;
        if (now_s() >= end)
            return 1;
    }
}

ds_status
ds__xdg_data_dir(const char *app, char *buf, size_t size, ds_error *err)
{
    const char *x = getenv("XDG_DATA_HOME");
    int n;
    if (x && x[0] == '/') {
        n = snprintf(buf, size, "%s/%s", x, app);
    } else {
        const char *h = getenv("HOME");
        if (!h || !h[0])
            return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                                 "neither XDG_DATA_HOME nor HOME is set");
        n = snprintf(buf, size, "%s/.local/share/%s", h, app);
    }
    if (n < 0 || (size_t)n >= size)
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "the path is too long");
    return DS_OK;
}
