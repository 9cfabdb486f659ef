/* check_fsutil.c - the core layer's file helpers (src/lib/fsutil.c):
 * the one atomic write, mkdir -p, the directory lock and the XDG data
 * directory.  Built from the library's objects (internal functions).
 *
 * Expected modes are worked from the umask set in each test (0666 & ~022
 * = 0644); expected messages are strerror's for the errno the case forces
 * (ENOENT for a missing directory, EISDIR for renaming over one).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fsutil.h"
#include "test_util.h"

/* Number of entries in dir other than . and .. */
static int
entries(const char *dir)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

/* The file at path (a whole path: dir "" and rel path). */
static int
holds(const char *path, const char *want)
{
    char *got = t_read("", path);
    int ok = got && strcmp(got, want) == 0;
    free(got);
    return ok;
}

START_TEST(test_write_new_and_replace)
{
    char *dir = t_mkdtemp();
    char path[1024];
    snprintf(path, sizeof path, "%s/out.csv", dir);
    ds_error err;
    mode_t old = umask(022);
    ck_assert_ds_ok(&err, ds_file_write_atomic(path, "a,b\n1,2\n", 8, &err));
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 07777, 0644);
    ck_assert(holds(path, "a,b\n1,2\n"));
    /* replacing keeps the mode of the file replaced */
    ck_assert_int_eq(chmod(path, 0600), 0);
    ck_assert_ds_ok(&err, ds_file_write_atomic(path, "x\n", 2, &err));
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq(st.st_mode & 07777, 0600);
    ck_assert(holds(path, "x\n"));
    /* an empty file is a file */
    ck_assert_ds_ok(&err, ds_file_write_atomic(path, NULL, 0, &err));
    ck_assert(holds(path, ""));
    ck_assert_int_eq(entries(dir), 1); /* no temporary file left */
    umask(old);
    t_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_write_errors_leave_nothing)
{
    char *dir = t_mkdtemp();
    char path[1024], want[1200];
    ds_error err;
    /* a missing directory: the temporary file cannot be made */
    snprintf(path, sizeof path, "%s/no-such-dir/out.csv", dir);
    snprintf(want, sizeof want, "%s: cannot create: %s", path,
             strerror(ENOENT));
    ck_assert_ds_error(&err, ds_file_write_atomic(path, "x", 1, &err),
                       DS_EIO, want);
    /* a directory in the way: the rename fails, the directory stays */
    t_mkdir(dir, "sub");
    snprintf(path, sizeof path, "%s/sub", dir);
    snprintf(want, sizeof want, "%s: cannot write: %s", path,
             strerror(EISDIR));
    ck_assert_ds_error(&err, ds_file_write_atomic(path, "x", 1, &err),
                       DS_EIO, want);
    ck_assert_int_eq(entries(dir), 1);
    ck_assert_int_eq(entries(path), 0);
    t_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_temp_write)
{
    char *dir = t_mkdtemp();
    char *path = NULL;
    ds_error err;
    ck_assert_ds_ok(&err, ds__temp_write(dir, "defspend-", ".gp", "plot\n",
                                         5, NULL, dir, &path, &err));
    const char *base = strrchr(path, '/') + 1;
    ck_assert_int_eq(strncmp(base, ".defspend-", 10), 0);
    ck_assert_str_eq(base + strlen(base) - 3, ".gp");
    ck_assert(holds(path, "plot\n"));
    free(path);
    t_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_mkdir_p)
{
    char *dir = t_mkdtemp();
    char path[1024];
    ds_error err;
    snprintf(path, sizeof path, "%s/a/b/c", dir);
    ck_assert_ds_ok(&err, ds_file_mkdir_p(path, &err));
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert(S_ISDIR(st.st_mode));
    ck_assert_ds_ok(&err, ds_file_mkdir_p(path, &err)); /* exists: fine */
    /* a file in the way */
    t_write(dir, "f", "x", (size_t)-1);
    snprintf(path, sizeof path, "%s/f/g", dir);
    char want[1200];
    snprintf(want, sizeof want, "%s: cannot create directory: %s", path,
             strerror(ENOTDIR));
    ck_assert_ds_error(&err, ds_file_mkdir_p(path, &err), DS_EIO, want);
    t_rmtree(dir);
    free(dir);
}
END_TEST

static int waited;
static void
on_wait(void *ctx, const char *dir, double wait_s)
{
    (void)dir;
    (void)wait_s;
    ck_assert_ptr_eq(ctx, &waited);
    waited++;
}

START_TEST(test_lock)
{
    char *dir = t_mkdtemp();
    int a = open(dir, O_RDONLY | O_DIRECTORY);
    int b = open(dir, O_RDONLY | O_DIRECTORY);
    ck_assert_int_ge(a, 0);
    ck_assert_int_ge(b, 0);
    ck_assert_int_eq(ds__lock_dir(a, dir, 0, NULL, NULL), 0);
    /* held: no wait fails at once, without calling back */
    waited = 0;
    ck_assert_int_eq(ds__lock_dir(b, dir, 0, on_wait, &waited), 1);
    ck_assert_int_eq(waited, 0);
    /* held: a wait of 0.2 s calls back once and gives up after it */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ck_assert_int_eq(ds__lock_dir(b, dir, 0.2, on_wait, &waited), 1);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double took = (double)(t1.tv_sec - t0.tv_sec) +
                  (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    ck_assert_int_eq(waited, 1);
    ck_assert(took >= 0.2);
    /* released with its descriptor */
    close(a);
    ck_assert_int_eq(ds__lock_dir(b, dir, 0, NULL, NULL), 0);
    close(b);
    t_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_xdg)
{
    char buf[256];
    ds_error err;
    char *home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    char *xdg = getenv("XDG_DATA_HOME") ? strdup(getenv("XDG_DATA_HOME"))
                                        : NULL;
    setenv("XDG_DATA_HOME", "/data/x", 1);
    ck_assert_ds_ok(&err, ds__xdg_data_dir("defspend", buf, sizeof buf,
                                           &err));
    ck_assert_str_eq(buf, "/data/x/defspend");
    /* a relative XDG_DATA_HOME is invalid (the specification): ignored */
    setenv("XDG_DATA_HOME", "rel", 1);
    setenv("HOME", "/home/u", 1);
    ck_assert_ds_ok(&err, ds__xdg_data_dir("defspend", buf, sizeof buf,
                                           &err));
    ck_assert_str_eq(buf, "/home/u/.local/share/defspend");
    unsetenv("XDG_DATA_HOME");
    unsetenv("HOME");
    ck_assert_ds_error(&err, ds__xdg_data_dir("defspend", buf, sizeof buf,
                                              &err),
                       DS_EINVAL, "neither XDG_DATA_HOME nor HOME is set");
    /* the public name for the store */
    setenv("HOME", "/home/u", 1);
    ck_assert_ds_ok(&err, ds_import_default_dir(buf, sizeof buf, &err));
    ck_assert_str_eq(buf, "/home/u/.local/share/defspend");
    ck_assert_ds_error(&err, ds__xdg_data_dir("defspend", buf, 8, &err),
                       DS_EINVAL, "the path is too long");
    if (home)
        setenv("HOME", home, 1);
    if (xdg)
        setenv("XDG_DATA_HOME", xdg, 1);
    free(home);
    free(xdg);
}
END_TEST

static Suite *
fsutil_suite(void)
{
    Suite *s = suite_create("fsutil");
    TCase *tc = tcase_create("atomic write");
    tcase_add_test(tc, test_write_new_and_replace);
    tcase_add_test(tc, test_write_errors_leave_nothing);
    tcase_add_test(tc, test_temp_write);
    suite_add_tcase(s, tc);
    tc = tcase_create("directories");
    tcase_add_test(tc, test_mkdir_p);
    tcase_add_test(tc, test_lock);
    tcase_add_test(tc, test_xdg);
    suite_add_tcase(s, tc);
    return s;
}

int
main(int argc, char **argv)
{
    return t_run(fsutil_suite(), argc, argv);
}
