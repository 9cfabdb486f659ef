/* fsutil.h - the core layer's file-system helpers (not installed).
 *
 * One atomic write (ds_file_write_atomic in defspend/file.h, built from
 * ds__temp_write below), one directory lock, mkdir -p and the XDG data
 * directory.  Everything that writes a file goes through here.
 */
#ifndef DS_FSUTIL_H
#define DS_FSUTIL_H

#include <stddef.h>

#include "defspend/file.h"
#include "internal.h"

/* write(2) all of buf, retrying on EINTR; 1 on success, else 0 with
 * errno set. */
int ds__write_all(int fd, const void *buf, size_t len);

/* A new file "DIR/.<stem>XXXXXX<suffix>" holding buf[0..len) (buf NULL:
 * empty), written, fsynced and given the mode of the file like (NULL or
 * missing: 0666 & ~umask).  *path gets the malloc'd full name.  On error
 * nothing is left and err names errpath ("cannot create: ..." or "cannot
 * write: ..."). */
ds_status ds__temp_write(const char *dir, const char *stem,
                         const char *suffix, const void *buf, size_t len,
                         const char *like, const char *errpath, char **path,
                         ds_error *err);

/* fsync a directory; 1 on success, else 0 with errno set. */
int ds__sync_dir(const char *dir);

/* Lock dir (an open descriptor of it) exclusively with flock, waiting up
 * to wait_s seconds (polled every 50 ms) for another holder to let go;
 * waiting (may be NULL) is called once when the wait begins.  The lock
 * goes with the descriptor.  Returns 0 when locked, 1 when still held by
 * another after the wait (none when wait_s <= 0), -1 on any other error
 * (errno set): the caller words the message. */
int ds__lock_dir(int dirfd, const char *dir, double wait_s,
                 void (*waiting)(void *ctx, const char *dir, double wait_s),
                 void *ctx);

/* "$XDG_DATA_HOME/<app>" when XDG_DATA_HOME is absolute, else
 * "$HOME/.local/share/<app>" (XDG Base Directory specification). */
ds_status ds__xdg_data_dir(const char *app, char *buf, size_t size,
                           ds_error *err);

/* Test builds only (-Dtest_hooks=true): DS_TEST_KILL_AT=STAGE kills the
 * process with SIGKILL at that stage of a write (tests/crash).  Stages of
 * ds_file_write_atomic in order: open, half, written, synced, renamed. */
#ifdef DS_TEST_HOOKS
void ds__kill_point(const char *stage);
#else
#define ds__kill_point(stage) ((void)0)
#endif

#endif
