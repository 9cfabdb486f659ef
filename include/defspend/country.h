/* defspend/country.h - country names, ISO3 codes and aggregates.
 *
 * The country table maps every name the sources use ("Korea, Rep.",
 * "Republic of Korea", "Türkiye", ...) to an ISO 3166-1 alpha-3 code and says
 * which codes are aggregates (regions, income groups, WLD).  Lookups are
 * case-insensitive and ignore accents' absence ("Turkiye" finds TUR).
 */
#ifndef DEFSPEND_COUNTRY_H
#define DEFSPEND_COUNTRY_H

#include <stddef.h>

#include "defspend/error.h"
#include "defspend/export.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ds_country {
    const char *iso3;          /* ISO 3166-1 alpha-3 or WDI aggregate code */
    const char *name;          /* display name (World Bank TableName) */
    int aggregate;             /* 1 for regions, income groups, WLD */
    const char *region;        /* World Bank region, "" for aggregates */
    const char *income_group;  /* World Bank income group, "" if none */
    const char *currency;      /* ISO 4217 local currency, "" if unknown */
    const char *special_notes; /* World Bank notes (fiscal year, ...) */
} ds_country;

typedef struct ds_countries ds_countries;

DS_API DS_WUR ds_countries *ds_countries_alloc(void);
DS_API void ds_countries_free(ds_countries *c);

/* Load a countries CSV (iso3,name,aggregate,region,income_group,currency,
 * aliases,special_notes).  On error the table is left as before. */
DS_API DS_WUR ds_status ds_countries_load_file(ds_countries *c,
                                               const char *path,
                                               ds_error *err);

DS_API size_t ds_countries_count(const ds_countries *c);
DS_API const ds_country *ds_countries_get(const ds_countries *c, size_t i);

/* Find a country by ISO3 code, name or alias, case-insensitively.  On
 * DS_ENOTFOUND the error message names up to five closest matches. */
DS_API DS_WUR ds_status ds_countries_lookup(const ds_countries *c,
                                            const char *name,
                                            const ds_country **out,
                                            ds_error *err);

/* Up to k closest names (edit distance) to name; returns how many. */
DS_API size_t ds_countries_suggest(const ds_countries *c, const char *name,
                                   const ds_country **out, size_t k);

/* The candidate nearest to word by edit distance (a swap of neighbouring
 * letters counts as one edit; case-insensitive), if close enough to be a
 * likely typo (at most 1 edit for words up to 4 letters, else at most a
 * third of the word's length); NULL otherwise.  For "did you mean"
 * messages: --contry -> --country, scenarois -> scenarios. */
DS_API const char *ds_suggest(const char *word, const char *const *candidates,
                              size_t n);

#ifdef __cplusplus
}
#endif

#endif
