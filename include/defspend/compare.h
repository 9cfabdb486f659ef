/* defspend/compare.h - country groups and multi-country comparison.
 *
 * Groups (NATO with accession years, Indo-Pacific allies, G7) come from a
 * typed dataset file, meta/groups.csv.  A comparison gives, for each
 * country, its military expenditure as a share of GDP in a year, what each
 * target share would cost and the gap to it in US$, ranked by share.
 * Countries without data stay in the result, marked, never dropped.
 */
#ifndef DEFSPEND_COMPARE_H
#define DEFSPEND_COMPARE_H

#include <stddef.h>

#include "defspend/error.h"
#include "defspend/export.h"
#include "defspend/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ds_group_member {
    const char *group;  /* "nato", "g7", "indo-pacific" */
    const char *iso3;
    int joined;         /* year of accession, 0 if not applicable */
    const char *note;   /* "" if none */
} ds_group_member;

typedef struct ds_groups ds_groups;

DS_API DS_WUR ds_groups *ds_groups_alloc(void);
DS_API void ds_groups_free(ds_groups *g);

/* Load a groups CSV (group,iso3,joined,note).  Errors carry file, line
 * and column.  On error the table is left as before. */
DS_API DS_WUR ds_status ds_groups_load_file(ds_groups *g, const char *path,
                                            ds_error *err);

DS_API size_t ds_groups_count(const ds_groups *g);
DS_API const ds_group_member *ds_groups_get(const ds_groups *g, size_t i);

/* Members of group (case-insensitive) that had joined by year (0 = all),
 * in file order; writes at most cap pointers, the total to *n.
 * DS_ENOTFOUND for an unknown group (the message lists the known ones). */
DS_API DS_WUR ds_status ds_groups_members(const ds_groups *g,
                                          const char *group, int year,
                                          const ds_group_member **out,
                                          size_t cap, size_t *n,
                                          ds_error *err);

typedef struct ds_compare_row {
    char iso3[8];
    const char *name;        /* display name, iso3 if unknown */
    int has_data;            /* 0: see missing */
    char missing[192];       /* what is missing, "" when has_data */
    int year;                /* year of the figures */
    const ds_obs *gdp_usd;   /* GDP, current US$; NULL when derived */
    double gdp_usd_value;    /* GDP, current US$: gdp_usd's value, or, when
                                the store has no GDP for the country,
                                military expenditure / its share of GDP
                                (same source, year and definition) */
    int gdp_derived;         /* 1 when gdp_usd_value is derived so */
    const ds_obs *milex_usd; /* military expenditure, current US$, or NULL */
    const ds_obs *share_obs; /* milex_gdp_pct used when milex_usd is NULL */
    double share_pct;        /* military expenditure / GDP, percent */
    double milex_usd_value;  /* current US$ (share * GDP when from share) */
    double *need_usd;        /* [n_targets] target * GDP, current US$ */
    double *gap_usd;         /* [n_targets] need - milex, current US$ */
    size_t rank;             /* 1 = highest share; 0 without data */
} ds_compare_row;

typedef struct ds_comparison {
    size_t n_targets;
    double *targets_pct;
    int year;               /* requested year, 0 = each country's latest */
    size_t n_rows;
    ds_compare_row *rows;   /* ranked; rows without data last, in input
                               order */
} ds_comparison;

/* Compare countries (ISO3 codes) in year (0 = each country's latest year
 * with both GDP and military expenditure in US$, or a share).  Share is
 * milex / GDP in US$ of the same year when both exist, else the stored
 * milex_gdp_pct. */
DS_API DS_WUR ds_status ds_compare_run(const ds_store *store,
                                       const char *const *iso3, size_t n,
                                       const double *targets_pct,
                                       size_t n_targets, int year,
                                       ds_comparison **out, ds_error *err);
DS_API void ds_comparison_free(ds_comparison *c);

#ifdef __cplusplus
}
#endif

#endif
