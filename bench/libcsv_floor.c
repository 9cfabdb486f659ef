/* libcsv_floor.c - the floor for the import benchmark: one bare libcsv
 * pass over a file (1 MB reads, callbacks that only count fields and
 * records), no filtering, no numbers, no output beyond the two counts.
 * usage: libcsv_floor FILE */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>

static size_t fields, records;

static void
on_field(void *s, size_t len, void *data)
{
    (void)s;
    (void)len;
    (void)data;
    fields++;
}

static void
on_record(int c, void *data)
{
    (void)c;
    (void)data;
    records++;
}

int
main(int argc, char **argv)
{
    static char buf[1 << 20];
    struct csv_parser p;
    FILE *f = argc == 2 ? fopen(argv[1], "rb") : NULL;
    if (!f || csv_init(&p, CSV_STRICT) != 0) {
        fprintf(stderr, "usage: libcsv_floor FILE\n");
        return 2;
    }
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        if (csv_parse(&p, buf, n, on_field, on_record, NULL) != n) {
            fprintf(stderr, "libcsv_floor: %s\n", csv_strerror(csv_error(&p)));
            return 1;
        }
    csv_fini(&p, on_field, on_record, NULL);
    csv_free(&p);
    fclose(f);
    printf("%zu records, %zu fields\n", records, fields);
    return 0;
}
