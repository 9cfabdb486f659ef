/* defspend/compare.h - country groups and multi-country comparison.
 *
 * Groups (NATO with accession years, Indo-Pacific allies, G7) come from a
 * typed dataset file, meta/groups.csv.  A comparison gives, for each
 * country, its military expenditure as a share of GDP by one definition in
 * one year, what each target share would cost and the gap to it in US$,
 * ranked by share.  Countries without data stay in the result, marked
 * with what is available, never dropped.
 */
#ifndef DEFSPEND_COMPARE_H
#define DEFSPEND_COMPARE_H

#include <stddef.h>

#include "defspend/error.h"
#include "defspend/export.h"
#include "defspend/select.h"
#include "defspend/store.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ds_group_member {
    const char *group;  /* "nato", "g7", "indo-pacific" */
    const char *iso3;
    int joined;         /* year of accession, 0 if not applicable */
    const char *note;   /* "" if none */
    const char *source; /* the group's own publisher's definition ("nato"
                           for NATO), "" if none; the optional fifth
                           column, given on any row of the group */
} ds_group_member;

typedef struct ds_groups ds_groups;

DS_API DS_WUR ds_groups *ds_groups_alloc(void);
DS_API void ds_groups_free(ds_groups *g);

/* Load a groups CSV (group,iso3,joined,note[,source]).  Errors carry file, line
 * and column.  On error the table is left as before. */
DS_API DS_WUR ds_status ds_groups_load_file(ds_groups *g, const char *path,
                                            ds_error *err);

DS_API size_t ds_groups_count(const ds_groups *g);

/* The group's own publisher's definition (the fifth column of any of its
 * rows, case-insensitive group name), or NULL when it names none. */
DS_API const char *ds_groups_source(const ds_groups *g, const char *group);
DS_API const ds_group_member *ds_groups_get(const ds_groups *g, size_t i);

/* Members of group (case-insensitive) that had joined by year (0 = all),
 * in file order; writes at most cap pointers, the total to *n.
 * DS_ENOTFOUND for an unknown group (the message lists the known ones). */
DS_API DS_WUR ds_status ds_groups_members(const ds_groups *g,
                                          const char *group, int year,
                                          const ds_group_member **out,
                                          size_t cap, size_t *n,
                                          ds_error *err);

/* What to compare.  Initialise with ds_compare_spec_init, then set the
 * countries and anything else. */
typedef struct ds_compare_spec {
    const char *const *iso3;   /* countries, ISO3 */
    size_t n;
    const double *targets_pct; /* target shares, percent */
    size_t n_targets;
    const char *source;        /* spending definition: "wdi", "sipri",
                                  "nato", ...; NULL = automatic: among
                                  those covering more than half of the
                                  countries in their common year, the one
                                  with the newest year; then the most
                                  countries; ties: the store's order wdi,
                                  sipri, nato, imf_weo, mod_budget */
    const char *prefer;        /* with source NULL: the group's own
                                  publisher (ds_groups_source), chosen
                                  when it covers more than half of the
                                  countries in the newest year any
                                  majority definition reaches; NULL =
                                  none */
    int year;                  /* the table's year; 0 = the common year
                                  (with latest_each: the latest allowed) */
    int latest_each;           /* 1: each country its own latest year */
} ds_compare_spec;

/* No countries, no targets, automatic source, common year. */
DS_API void ds_compare_spec_init(ds_compare_spec *spec);

/* How the table's year was set. */
typedef enum ds_compare_year_rule {
    DS_COMPARE_YEAR_COMMON = 0,    /* latest year > half have a figure */
    DS_COMPARE_YEAR_MOST = 1,      /* no such year: the best-covered one */
    DS_COMPARE_YEAR_REQUESTED = 2, /* spec->year */
    DS_COMPARE_YEAR_LATEST_EACH = 3
} ds_compare_year_rule;

typedef struct ds_compare_row {
    char iso3[8];
    const char *name;        /* display name, iso3 if unknown */
    int has_data;            /* 1: a figure for the row's year, ranked;
                                0: see missing */
    char missing[128];       /* why the row is not ranked and what the
                                definition does have ("no NATO figure for
                                2024; latest 2022"); "" when has_data */
    int year;                /* calendar year of the figures; 0 without */
    int latest_year;         /* the definition's latest year for the
                                country (any year), 0 = none */
    ds_share share;          /* the selected figure (ds_select_share) */
    const ds_obs *share_obs; /* the publisher's share of GDP, or NULL */
    const ds_obs *milex_usd; /* spending, current US$, or NULL */
    const ds_obs *gdp_usd;   /* GDP, current US$, or NULL */
    int published;           /* share_pct is the publisher's own ratio */
    int milex_derived;       /* milex_usd_value = share x GDP */
    int gdp_derived;         /* gdp_usd_value = spending / share */
    double share_pct;        /* percent of GDP */
    double milex_usd_value;  /* current US$; NaN when unknown */
    double gdp_usd_value;    /* current US$; NaN when unknown */
    int stale;               /* ds_select_age: older than its release's or
                                the store's newest year */
    int newest_in_release;   /* ds_select_age outputs for the figure */
    int newest_in_store;
    int year_differs;        /* latest_each: year < the table's newest */
    char note[64];           /* "as of 2022 (release: 2023)", "table:
                                2024"; "" when none */
    double *need_usd;        /* [n_targets] target x GDP, current US$ */
    double *gap_usd;         /* [n_targets] need - spending, current US$ */
    size_t rank;             /* 1 = highest share; 0 without data */
} ds_compare_row;

typedef struct ds_comparison {
    size_t n_targets;
    double *targets_pct;
    char definition[64];    /* the one definition of every figure; "" when
                               the store has none for these countries */
    int definition_auto;    /* 1: chosen automatically */
    char definition_why[512]; /* why this definition, for people */
    int year;               /* the table's year (latest_each: the newest
                               row year); 0 when nothing has data */
    ds_compare_year_rule year_rule;
    char year_why[256];     /* why this year, for people */
    size_t n_rows;
    ds_compare_row *rows;   /* ranked; rows without data last, in input
                               order */
} ds_comparison;

/* Compare countries by military expenditure as a share of GDP, every
 * figure from ds_select_share with one definition for the whole table
 * (never spending of one publisher over GDP of another) and one year
 * (unless latest_each).  Rows without a figure stay, marked with what the
 * definition has.  DS_EINVAL when spec->source gives no military
 * expenditure in the store (the message lists those that do). */
DS_API DS_WUR ds_status ds_compare_run(const ds_store *store,
                                       const ds_compare_spec *spec,
                                       ds_comparison **out, ds_error *err);
DS_API void ds_comparison_free(ds_comparison *c);

#ifdef __cplusplus
}
#endif

#endif
