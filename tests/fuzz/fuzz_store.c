/* fuzz_store.c - libFuzzer harness: the store's tidy CSV
 * (ds_store_load_buffer), then queries on whatever loaded.  A rejected
 * input must leave the store empty and carry a positioned message. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <defspend/defspend.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ds_store *s = ds_store_alloc();
    if (!s)
        abort();
    ds_error err;
    ds_error_clear(&err);
    ds_status st = ds_store_load_buffer(s, "fuzz.csv", (const char *)data,
                                        size, &err);
    if (st != DS_OK) {
        if (!err.message[0] || ds_store_count(s) != 0 || err.code != st)
            abort();
    } else {
        for (size_t i = 0; i < ds_store_count(s) && i < 8; i++) {
            const ds_obs *o = ds_store_get(s, i);
            ds_query q;
            memset(&q, 0, sizeof q);
            q.country = o->country;
            q.indicator = o->indicator;
            const ds_obs *best;
            int year;
            int years[4];
            size_t n;
            if (ds_store_find(s, &q, &best, &err) != DS_OK)
                abort(); /* o itself matches */
            (void)ds_store_latest_year(s, &q, &year, &err);
            if (ds_store_years(s, &q, years, 4, &n, &err) != DS_OK)
                abort();
            char fl[160];
            ds_flags_format(o->flags, fl, sizeof fl);
        }
    }
    ds_store_free(s);
    return 0;
}
