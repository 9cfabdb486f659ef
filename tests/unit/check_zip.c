/* check_zip.c - the one libzip wrapper (src/lib/zip.c): names, lookup,
 * whole and chunked reads and the zip-bomb policy every caller shares.
 * Built from the library's objects (internal functions).  Archives are
 * made here with libzip itself; the limits are worked from zip_internal.h's
 * policy: max(64 MiB, 200 x compressed size), at most 2 GiB, at most the
 * caller's cap.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "test_util.h"
#include "zip_internal.h"

/* An archive file dir/name holding the given members; returns its bytes
 * (malloc'd) in *len. */
static char *
make_zip(const char *dir, const char *const *names,
         const char *const *texts, size_t n, size_t *len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/t.zip", dir);
    int e;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &e);
    ck_assert_ptr_nonnull(z);
    for (size_t i = 0; i < n; i++) {
        zip_source_t *s =
            zip_source_buffer(z, texts[i], strlen(texts[i]), 0);
        ck_assert_ptr_nonnull(s);
        ck_assert_int_ge(zip_file_add(z, names[i], s, ZIP_FL_ENC_UTF_8), 0);
    }
    ck_assert_int_eq(zip_close(z), 0);
    FILE *f = fopen(path, "rb");
    ck_assert_ptr_nonnull(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    char *buf = malloc(*len);
    ck_assert_uint_eq(fread(buf, 1, *len, f), *len);
    fclose(f);
    return buf;
}

START_TEST(test_read)
{
    char *dir = t_mkdtemp();
    static char big[5001];
    memset(big, 'a', 5000);
    const char *names[] = {"data/API_X_Data.csv", "Metadata_Country.csv",
                           "xl/Workbook.xml"};
    const char *texts[] = {"a,b\n1,2\n", "meta\n", big};
    size_t len;
    char *buf = make_zip(dir, names, texts, 3, &len);
    ck_assert(ds__is_zip(buf, len));
    ds_error err;
    ds__zip *z;
    ck_assert_ds_ok(&err, ds__zip_open("t.zip", buf, len, &z, &err));
    ck_assert_uint_eq(ds__zip_count(z), 3);
    ck_assert_uint_eq(ds__zip_find(z, "", "_Data.csv"), 0);
    ck_assert_uint_eq(ds__zip_find(z, "Metadata_", ".csv"), 1);
    ck_assert_uint_eq(ds__zip_find(z, "nothing", ""), (size_t)-1);
    ck_assert_uint_eq(ds__zip_locate(z, "XL/WORKBOOK.XML"), 2);
    ck_assert_uint_eq(ds__zip_locate(z, "xl/none.xml"), (size_t)-1);
    char *data;
    size_t dlen;
    ck_assert_ds_ok(&err, ds__zip_read(z, 0, &data, &dlen, &err));
    ck_assert_str_eq(data, "a,b\n1,2\n");
    free(data);
    /* the floor: small members may inflate to 64 MiB, a cap lowers it */
    ck_assert_uint_eq(ds__zip_limit(z, 2, 0), (size_t)64 << 20);
    ck_assert_uint_eq(ds__zip_limit(z, 2, 1000), 1000);
    /* a member claiming more than the caller's cap */
    ds__zip_member *m;
    ck_assert_ds_error(&err, ds__zip_member_open(z, 2, "part 'xl/Workbook.xml'",
                                                 1000, &m, &err),
                       DS_EPARSE,
                       "t.zip: part 'xl/Workbook.xml' claims 5000 bytes "
                       "uncompressed, over the limit of 1000 (refused as a "
                       "possible zip bomb)");
    /* in chunks, as xlsx.c reads its parts */
    ck_assert_ds_ok(&err, ds__zip_member_open(z, 2, NULL, 0, &m, &err));
    size_t total = 0, got;
    char chunk[777];
    do {
        ck_assert_ds_ok(&err, ds__zip_member_read(m, chunk, sizeof chunk,
                                                  &got, &err));
        total += got;
    } while (got);
    ck_assert_uint_eq(total, 5000);
    ds__zip_member_close(m);
    /* as a byte source for the streaming reader */
    void *src;
    ck_assert_ds_ok(&err, ds__zip_stream_open(z, 1, &src, &err));
    ck_assert_uint_eq(ds__read_zip(src, chunk, sizeof chunk), 5);
    ck_assert_uint_eq(ds__read_zip(src, chunk, sizeof chunk), 0);
    ck_assert_int_eq(ds__zip_stream_status(src, DS_OK, &err), DS_OK);
    ds__zip_stream_close(src);
    ds__zip_close(z);
    free(buf);
    t_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_refused)
{
    char *dir = t_mkdtemp();
    const char *names[] = {"ok.csv", "a/../../etc/x"};
    const char *texts[] = {"x\n", "y\n"};
    size_t len;
    char *buf = make_zip(dir, names, texts, 2, &len);
    ds_error err;
    ds__zip *z;
    ck_assert_ds_error(&err, ds__zip_open("t.zip", buf, len, &z, &err),
                       DS_EPARSE,
                       "t.zip: zip entry 'a/../../etc/x' has an absolute "
                       "path or '..' (refused: archives from publishers "
                       "never do)");
    free(buf);
    /* not an archive at all, said as the caller asks */
    ck_assert_ds_error(&err, ds__zip_open_as("b.xlsx", "PK\3\4junk", 8,
                                             "an .xlsx workbook is one", &z,
                                             &err),
                       DS_EPARSE,
                       "b.xlsx: not a readable zip archive (an .xlsx "
                       "workbook is one): Not a zip archive");
    ck_assert_ds_error(&err, ds__zip_open("c.zip", "PK\3\4junk", 8, &z, &err),
                       DS_EPARSE,
                       "c.zip: not a readable zip archive: Not a zip archive");
    t_rmtree(dir);
    free(dir);
}
END_TEST

static Suite *
zip_suite(void)
{
    Suite *s = suite_create("zip");
    TCase *tc = tcase_create("archives");
    tcase_add_test(tc, test_read);
    tcase_add_test(tc, test_refused);
    suite_add_tcase(s, tc);
    return s;
}

int
main(int argc, char **argv)
{
    return t_run(zip_suite(), argc, argv);
}
