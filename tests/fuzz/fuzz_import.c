/* fuzz_import.c - libFuzzer harness: one import format on a memory buffer.
 *
 * Built once per format with -DFUZZ_FORMAT="wdi" (databank, sipri, weo,
 * nato, owid, fred, imf, tidy, auto): the input is read with ds_import_buffer
 * exactly as `defspend import --format F` reads a file, then merged as a
 * dry run (plausibility checks, classification) into a store directory
 * that does not exist.  Any crash, sanitizer report or leak is a bug; a
 * rejected input must carry a message.  See tests/fuzz/README.md.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <defspend/defspend.h>

#ifndef FUZZ_FORMAT
#error "build with -DFUZZ_FORMAT=\"name\""
#endif
#ifndef DS_FUZZ_DATADIR
#define DS_FUZZ_DATADIR "datasets"
#endif

static ds_countries *table;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    ds_error err;
    table = ds_countries_alloc();
    if (!table ||
        ds_countries_load_file(table, DS_FUZZ_DATADIR "/meta/countries.csv",
                               &err) != DS_OK) {
        fprintf(stderr, "fuzz_import: cannot load the country table\n");
        abort();
    }
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ds_import_options opt;
    ds_import_options_init(&opt);
    opt.format = FUZZ_FORMAT;
    opt.country_table = table;
    /* half the inputs without a vintage: the "states no release date"
     * path; the other half with one */
    if (size && (data[size - 1] & 1))
        opt.vintage = "2024-03-28";
    ds_import *imp = NULL;
    ds_error err;
    ds_error_clear(&err);
    if (ds_import_alloc(&opt, &imp, &err) != DS_OK)
        abort();
    ds_status st = ds_import_buffer(imp, "fuzz-input", (const char *)data,
                                    size, &err);
    if (st != DS_OK) {
        if (!err.message[0] || err.code != st)
            abort(); /* every failure says why */
    } else {
        const ds_import_summary *s;
        st = ds_import_merge(imp, "/nonexistent/defspend-fuzz-store", 1, &s,
                             &err);
        if (st != DS_OK && !err.message[0])
            abort();
    }
    char buf[DS_ERROR_MSG_MAX + DS_ERROR_PATH_MAX + 64];
    ds_error_format(&err, buf, sizeof buf);
    ds_import_free(imp);
    return 0;
}
