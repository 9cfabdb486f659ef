/* check_fetch_cache.c - what `fetch` does besides the download
 * (src/lib/fetch_cache.c, defspend/fetch_cache.h): the publishers, each
 * series' URL and cache name, the cache directory, the state files, the
 * cache write with the server's date, the response checks, and one series
 * offline through ds_fetch_series_get (src/lib/fetch_series.c).  No
 * network (tests/fetch/check_fetch.sh covers the downloads).
 *
 * Expected URLs are the publishers' (as tests/fetch/check_fetch.sh asks
 * its local server for them); the hashes in url_ names are FNV-1a 32 of
 * the URL, worked out by hand with Python:
 *   h = 2166136261; for c in url.encode(): h = ((h ^ c) * 16777619) % 2**32
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "test_util.h"

START_TEST(test_sources)
{
    size_t n;
    const ds_fetch_source *all = ds_fetch_sources(&n);
    ck_assert_uint_eq(n, 4);
    ck_assert_str_eq(all[0].name, "wdi");
    ck_assert_ptr_eq(ds_fetch_source_find("fred"), &all[1]);
    ck_assert_str_eq(ds_fetch_source_find("imf")->format, "imf");
    ck_assert_ptr_null(ds_fetch_source_find("url")->base);
    ck_assert_ptr_null(ds_fetch_source_find("oecd"));
}
END_TEST

START_TEST(test_plan)
{
    ds_fetch_series s;
    ds_error err;
    const char *base = "http://127.0.0.1:8080";
    ck_assert_ds_ok(&err, ds_fetch_series_plan(&s, ds_fetch_source_find("wdi"),
                                               "MS.MIL.XPND.GD.ZS", base,
                                               NULL, 0, &err));
    ck_assert_str_eq(s.url, "http://127.0.0.1:8080/v2/en/indicator/"
                            "MS.MIL.XPND.GD.ZS?downloadformat=csv");
    ck_assert_str_eq(s.key, "wdi_MS.MIL.XPND.GD.ZS");
    ck_assert_str_eq(s.ext, ".zip");
    ck_assert_str_eq(s.meta_url, "");

    /* a base ending in '/' gets no second one */
    ck_assert_ds_ok(&err, ds_fetch_series_plan(&s, ds_fetch_source_find("fred"),
                                               "EXJPUS", "http://h/", NULL, 0,
                                               &err));
    ck_assert_str_eq(s.url, "http://h/graph/fredgraph.csv?id=EXJPUS");
    ck_assert_str_eq(s.key, "fred_EXJPUS");
    ck_assert_str_eq(s.ext, ".csv");

    /* imf: the countries in the request and in the cache name */
    const char *ctys[] = {"JPN", "KOR"};
    ck_assert_ds_ok(&err, ds_fetch_series_plan(&s, ds_fetch_source_find("imf"),
                                               "NGDPD", base, ctys, 2, &err));
    ck_assert_str_eq(s.url, "http://127.0.0.1:8080/external/datamapper/api/"
                            "v1/NGDPD/JPN/KOR");
    ck_assert_str_eq(s.key, "imf_NGDPD_JPN-KOR");
    ck_assert_str_eq(s.meta_url, "http://127.0.0.1:8080/external/datamapper/"
                                 "api/v1/indicators");

    /* url: the last path part and a hash of the URL */
    ck_assert_ds_ok(&err, ds_fetch_series_plan(
                              &s, ds_fetch_source_find("url"),
                              "https://example.org/data/file.csv?x=1", NULL,
                              NULL, 0, &err));
    ck_assert_str_eq(s.url, "https://example.org/data/file.csv?x=1");
    ck_assert_str_eq(s.key, "url_file_89ea865b");
    ck_assert_str_eq(s.ext, ".csv");
    ck_assert_ds_ok(&err, ds_fetch_series_plan(&s, ds_fetch_source_find("url"),
                                               "http://h/", NULL, NULL, 0,
                                               &err));
    ck_assert_str_eq(s.key, "url_6b092702");
    ck_assert_str_eq(s.ext, ".bin");

    ck_assert_ds_error(&err,
                       ds_fetch_series_plan(&s, ds_fetch_source_find("wdi"),
                                            "../etc", base, NULL, 0, &err),
                       DS_EINVAL,
                       "invalid wdi series code '../etc' (letters, digits, "
                       "'.', '_' and '-')");
    ck_assert_ds_error(&err,
                       ds_fetch_series_plan(&s, ds_fetch_source_find("url"),
                                            "ftp://h/x.csv", NULL, NULL, 0,
                                            &err),
                       DS_EINVAL,
                       "invalid URL 'ftp://h/x.csv' (expected http:// or "
                       "https://)");
}
END_TEST

START_TEST(test_cache_dir)
{
    char buf[256];
    ds_error err;
    setenv("XDG_CACHE_HOME", "/xdg/cache", 1);
    ck_assert_ds_ok(&err, ds_fetch_cache_dir(buf, sizeof buf, &err));
    ck_assert_str_eq(buf, "/xdg/cache/defspend");
    setenv("XDG_CACHE_HOME", "relative", 1); /* not absolute: ignored */
    setenv("HOME", "/home/u", 1);
    ck_assert_ds_ok(&err, ds_fetch_cache_dir(buf, sizeof buf, &err));
    ck_assert_str_eq(buf, "/home/u/.cache/defspend");
    unsetenv("HOME");
    ck_assert_ds_error(&err, ds_fetch_cache_dir(buf, sizeof buf, &err),
                       DS_EINVAL, "no cache directory: set XDG_CACHE_HOME or "
                                  "HOME");
}
END_TEST

START_TEST(test_state_and_write)
{
    char *dir = t_mkdtemp();
    char path[4096], why[2048];
    snprintf(path, sizeof path, "%s/wdi_X_2025-01-02.zip", dir);
    /* 2015-10-21 07:28:00 UTC, the Last-Modified of RFC 7232's example */
    ck_assert(ds_fetch_cache_write(path, "PK\3\4", 4, 1445412480LL, why,
                                   sizeof why));
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_eq((long long)st.st_mtime, 1445412480LL);
    ck_assert_int_eq((int)st.st_size, 4);

    ds_fetch_state s, back;
    memset(&s, 0, sizeof s);
    snprintf(s.url, sizeof s.url, "http://h/v2/en/indicator/X");
    snprintf(s.file, sizeof s.file, "wdi_X_2025-01-02.zip");
    snprintf(s.etag, sizeof s.etag, "\"abc\"");
    snprintf(s.last_modified, sizeof s.last_modified,
             "Wed, 21 Oct 2015 07:28:00 GMT");
    snprintf(s.fetched, sizeof s.fetched, "2025-01-02T03:04:05Z");
    snprintf(path, sizeof path, "%s/wdi_X.state", dir);
    ck_assert(ds_fetch_state_write(path, &s, why, sizeof why));
    ck_assert(ds_fetch_state_read(path, &back));
    ck_assert_str_eq(back.url, s.url);
    ck_assert_str_eq(back.file, s.file);
    ck_assert_str_eq(back.etag, s.etag);
    ck_assert_str_eq(back.last_modified, s.last_modified);
    ck_assert_str_eq(back.fetched, s.fetched);
    /* a state naming a file outside the cache is no state */
    t_write(dir, "bad.state", "url\thttp://h/\nfile\t../x\n", (size_t)-1);
    snprintf(path, sizeof path, "%s/bad.state", dir);
    ck_assert(!ds_fetch_state_read(path, &back));
    snprintf(path, sizeof path, "%s/none.state", dir);
    ck_assert(!ds_fetch_state_read(path, &back));
    /* a write into a missing directory says why */
    snprintf(path, sizeof path, "%s/no/such/file", dir);
    ck_assert(!ds_fetch_cache_write(path, "x", 1, 0, why, sizeof why));
    ck_assert_ptr_nonnull(strstr(why, "No such file or directory"));
    t_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(test_markup)
{
    char out[256];
    const char *html = "\xEF\xBB\xBF \r\n<!DOCTYPE html><html><head><title>"
                       "Error</title></head><body><p>Service  unavailable"
                       "</p></body></html>\n";
    ck_assert(ds_fetch_markup_page(html, strlen(html), out, sizeof out));
    ck_assert_str_eq(out, "Error Service unavailable");
    const char *xml = "<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code>"
                      "</Error>";
    ck_assert(ds_fetch_markup_page(xml, strlen(xml), out, sizeof out));
    ck_assert_str_eq(out, "NoSuchKey");
    ck_assert(!ds_fetch_markup_page("PK\3\4", 4, out, sizeof out));
    const char *csv = "DATE,EXJPUS\n1971-01-01,358.02\n";
    ck_assert(!ds_fetch_markup_page(csv, strlen(csv), out, sizeof out));
}
END_TEST

START_TEST(test_imf_meta)
{
    const char *vals = "{\"values\":{\"NGDPD\":{\"JPN\":{\"2024\":4026.5}}}}";
    const char *meta = "{\"indicators\":{\"NGDPD\":{\"label\":\"GDP\","
                       "\"source\":\"World Economic Outlook (October "
                       "2025)\"}}}";
    /* (4026.5 is exact in binary: the document is written with 17
     * significant digits, which give back the same double, not the same
     * text, for a value like 4026.2) */
    char rel[160];
    size_t len = 0;
    char *doc = ds_fetch_imf_with_meta("NGDPD", vals, strlen(vals), meta,
                                       strlen(meta), &len, rel, sizeof rel);
    ck_assert_ptr_nonnull(doc);
    ck_assert_str_eq(rel, "World Economic Outlook (October 2025)");
    ck_assert_uint_eq(len, strlen(doc));
    ck_assert_str_eq(doc, "{\"values\":{\"NGDPD\":{\"JPN\":{\"2024\":4026.5}}},"
                          "\"indicators\":{\"NGDPD\":{\"label\":\"GDP\","
                          "\"source\":\"World Economic Outlook (October "
                          "2025)\"}}}");
    free(doc);
    /* metadata without the indicator: the response as it came */
    doc = ds_fetch_imf_with_meta("NGDP", vals, strlen(vals), meta,
                                 strlen(meta), &len, rel, sizeof rel);
    ck_assert_ptr_null(doc);
    ck_assert_str_eq(rel, "");
}
END_TEST

/* One series offline through ds_fetch_series_get: the cached copy the
 * state file names is read into the batch (the FRED EXJPUS excerpt of
 * tests/data/import/fred); no copy, or one that cannot be read, is said
 * in the report and err.  No network: offline asks nobody. */
START_TEST(test_series_offline)
{
    char *dir = t_mkdtemp();
    char src[4096], msg[4200];
    ds_error err;
    ds_fetch_series s;
    ck_assert_ds_ok(&err, ds_fetch_series_plan(&s, ds_fetch_source_find("fred"),
                                               "EXJPUS", "http://h", NULL, 0,
                                               &err));
    char *csv = t_read(t_path(src, sizeof src, "DS_TEST_DATA", "import/fred"),
                       "EXJPUS_excerpt.csv");
    t_write(dir, "fred_EXJPUS_2025-01-02.csv", csv, (size_t)-1);
    free(csv);
    t_write(dir, "fred_EXJPUS.state",
            "url\thttp://h/graph/fredgraph.csv?id=EXJPUS\n"
            "file\tfred_EXJPUS_2025-01-02.csv\n"
            "fetched\t2025-01-02T03:04:05Z\n", (size_t)-1);
    ds_import_options opt;
    ds_import_options_init(&opt);
    opt.format = "fred";
    opt.annualize = 1; /* EXJPUS is monthly */
    ds_import *imp = NULL;
    ck_assert_ds_ok(&err, ds_import_alloc(&opt, &imp, &err));
    ds_fetch_run run;
    ds_fetch_run_init(&run);
    run.cache = dir;
    run.offline = 1;
    ds_fetch_report rep;
    ck_assert_ds_ok(&err, ds_fetch_series_get(&run, &s, imp, &rep, &err));
    ck_assert_int_eq(rep.how, DS_FETCH_FROM_CACHE);
    snprintf(msg, sizeof msg, "%s/fred_EXJPUS_2025-01-02.csv", dir);
    ck_assert_str_eq(rep.path, msg);
    ck_assert_str_eq(rep.fetched, "2025-01-02T03:04:05Z");
    ck_assert_str_eq(rep.url, "http://h/graph/fredgraph.csv?id=EXJPUS");
    ck_assert_uint_eq(rep.n_warnings, 0);
    const ds_import_summary *sum;
    t_mkdir(dir, "store");
    snprintf(msg, sizeof msg, "%s/store", dir);
    ck_assert_ds_ok(&err, ds_import_merge(imp, msg, 1, &sum, &err));
    ck_assert_uint_eq(sum->n_files, 1);
    ck_assert_uint_gt(sum->files[0].observations, 0);
    ck_assert_uint_eq(sum->added, sum->files[0].observations);

    /* a series the cache has no copy of */
    ck_assert_ds_ok(&err, ds_fetch_series_plan(&s, ds_fetch_source_find("fred"),
                                               "DEXJPUS", "http://h", NULL, 0,
                                               &err));
    snprintf(msg, sizeof msg, "no cached copy in %s", dir);
    ck_assert_ds_error(&err, ds_fetch_series_get(&run, &s, imp, &rep, &err),
                       DS_EIO, msg);
    ck_assert(rep.no_cache && !rep.cache_unreadable);

    /* a cached copy that is not a FRED file: the import's error */
    t_write(dir, "fred_DEXJPUS_2025-01-02.csv", "a,b,c\n", (size_t)-1);
    t_write(dir, "fred_DEXJPUS.state",
            "url\thttp://h/x\nfile\tfred_DEXJPUS_2025-01-02.csv\n",
            (size_t)-1);
    ck_assert_int_ne(ds_fetch_series_get(&run, &s, imp, &rep, &err), DS_OK);
    ck_assert(rep.cache_unreadable && !rep.no_cache);
    snprintf(msg, sizeof msg, "%s/fred_DEXJPUS_2025-01-02.csv", dir);
    ck_assert_str_eq(rep.path, msg);
    ck_assert_str_eq(err.path, msg);
    ds_fetch_run_release(&run);
    ds_import_free(imp);
    t_rmtree(dir);
    free(dir);
}
END_TEST

static Suite *
fetch_cache_suite(void)
{
    Suite *s = suite_create("fetch_cache");
    TCase *tc = tcase_create("fetch_cache");
    tcase_add_test(tc, test_sources);
    tcase_add_test(tc, test_plan);
    tcase_add_test(tc, test_cache_dir);
    tcase_add_test(tc, test_state_and_write);
    tcase_add_test(tc, test_markup);
    tcase_add_test(tc, test_imf_meta);
    tcase_add_test(tc, test_series_offline);
    suite_add_tcase(s, tc);
    return s;
}

int
main(int argc, char **argv)
{
    return t_run(fetch_cache_suite(), argc, argv);
}
