/* fuzz_parsers.c - libFuzzer harness: what people type.  The first byte
 * picks the parser (amount, target list, country name, flag list, plain
 * number); the rest is the text, NUL-terminated. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <defspend/defspend.h>

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
        fprintf(stderr, "fuzz_parsers: cannot load the country table\n");
        abort();
    }
    return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    char *text = malloc(size);
    if (!text)
        return 0;
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    ds_error err;
    ds_error_clear(&err);
    switch (data[0] % 5) {
    case 0: {
        ds_amount a;
        if (ds_amount_parse(text, &a, &err) == DS_OK) {
            if (!(a.value > 0) || a.currency[3] != '\0')
                abort(); /* amounts are positive; currency a C string */
        } else if (!err.message[0]) {
            abort();
        }
        break;
    }
    case 1: {
        double t[16];
        size_t n = 0;
        if (ds_targets_parse(text, t, 16, &n, &err) == DS_OK) {
            if (n > 16)
                abort();
            for (size_t i = 0; i < n; i++)
                if (!(t[i] > 0 && t[i] <= 100))
                    abort();
        } else if (!err.message[0]) {
            abort();
        }
        break;
    }
    case 2: {
        const ds_country *c;
        if (ds_countries_lookup(table, text, &c, &err) == DS_OK) {
            if (!c || !c->iso3)
                abort();
        } else if (!err.message[0]) {
            abort();
        }
        const ds_country *sug[5];
        if (ds_countries_suggest(table, text, sug, 5) > 5)
            abort();
        break;
    }
    case 3: {
        unsigned f;
        char back[160];
        if (ds_flags_parse(text, &f, &err) == DS_OK)
            ds_flags_format(f, back, sizeof back);
        break;
    }
    default: {
        double v;
        (void)ds_parse_double(text, &v);
        break;
    }
    }
    free(text);
    return 0;
}
