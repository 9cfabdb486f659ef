/* defspend/report.h - the report: its calculations, its charts and the
 * report folder.
 *
 * ds_report_compute runs the report's calculations (a scenario, a
 * projection with optional Monte Carlo bands, a comparison of countries);
 * ds_report_build_chart builds each of its charts (defspend/chart.h).
 * The folder: ds_report_folder_check refuses a folder the report must not
 * write into (before anything is computed); ds_report_folder_open makes a
 * staging folder (a sibling of a new DIR, renamed into place at once, or
 * inside an existing DIR, its files swapped in with a rollback: a failure
 * leaves no partial report and an existing folder as it was);
 * ds_report_folder_write and ds_report_folder_chart put files in it;
 * ds_report_folder_commit writes the manifest (.defspend-report: the
 * files of the report, so that the next run replaces just those) and
 * moves the report into place.
 */
#ifndef DEFSPEND_REPORT_H
#define DEFSPEND_REPORT_H

#include <stddef.h>

#include "defspend/compare.h"
#include "defspend/error.h"
#include "defspend/export.h"
#include "defspend/plot.h"
#include "defspend/project.h"
#include "defspend/scenario.h"
#include "defspend/store.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The file that marks a folder defspend report wrote. */
#define DS_REPORT_MANIFEST ".defspend-report"

typedef struct ds_report_spec {
    const char *country;        /* ISO3 */
    const double *targets_pct;  /* scenario shares */
    size_t n_targets;
    const double *path_targets_pct; /* projection shares */
    size_t n_path_targets;
    const ds_baseline_choice *baseline; /* NULL: the default baseline */
    const char *source;         /* spending definition, NULL = default */
    int by;                     /* projection's target year */
    ds_gdp_source gdp_source;   /* projection's GDP growth */
    double growth_pct;
    int fit_years;
    size_t draws;               /* Monte Carlo draws, 0 = none */
    unsigned long seed;
    const char *const *countries; /* compared (ISO3) */
    size_t n_countries;
    /* The document (issue 16): the title (NULL = "Defense spending at
     * shares of GDP: COUNTRY"), a subtitle and an author (NULL = none),
     * and the report's date, YYYY-MM-DD (NULL = none: the library never
     * reads the clock, so the same inputs give the same report; the CLI
     * passes today unless --date is given). */
    const char *title, *subtitle, *author, *date;
} ds_report_spec;

/* The defaults, in one place: everything 0 / NULL (no targets, no
 * countries, no draws, DS_GDP_FIT) except growth_pct, NaN (none given:
 * the fit), fit_years 10 (the growth fitted to the last 10 years, as
 * `project`) and seed DS_SIM_DEFAULT_SEED.  Set country, the targets,
 * by and the countries after it. */
DS_API void ds_report_spec_init(ds_report_spec *spec);

/* The report's results. */
typedef struct ds_report {
    ds_scenario *scenario;
    ds_projection *projection;
    ds_simulation *simulation;  /* NULL without draws */
    ds_comparison *comparison;  /* at 2, 3.5 and 5% of GDP */
    ds_project_spec project;    /* the projection's spec (borrows spec's
                                   arrays) */
    unsigned long seed;
    char *title, *subtitle, *author, *date; /* copies; NULL = none */
} ds_report;

DS_API DS_WUR ds_status ds_report_compute(const ds_store *st,
                                          const ds_report_spec *spec,
                                          ds_report **out, ds_error *err);
DS_API void ds_report_free(ds_report *r);
/* After ds_report_compute failed with DS_ENOTFOUND: the sd the Monte
 * Carlo could not estimate from history ("growth_sd" or "fx_sd", as
 * ds_sim_missing_sd), or NULL when that was not the cause (or there were
 * no draws).  The library names no CLI flag; the caller adds its hint. */
DS_API const char *ds_report_missing_sd(const ds_store *st,
                                        const ds_report_spec *spec);

/* The report's charts, in order: "chart-scenarios", "chart-projection",
 * "chart-compare", "chart-history", "chart-sensitivity". */
#define DS_REPORT_NCHARTS 5
DS_API const char *ds_report_chart_name(size_t i);
DS_API DS_WUR ds_status ds_report_build_chart(const ds_report *r,
                                              const ds_store *st, size_t i,
                                              ds_plot *p, ds_error *err);

/* Why ds_report_folder_check or ds_report_folder_commit refused (the
 * caller may add how to overrule it). */
typedef enum ds_report_refusal {
    DS_REPORT_OK = 0,
    DS_REPORT_NOT_OURS,      /* a non-empty folder without a manifest */
    DS_REPORT_FILE_NOT_OURS  /* a file the manifest does not list */
} ds_report_refusal;

/* out must be missing, an empty directory, a folder defspend report
 * wrote, or (force) any directory.  *exists: out is a directory. */
DS_API DS_WUR ds_status ds_report_folder_check(const char *out, int force,
                                               int *exists,
                                               ds_report_refusal *why,
                                               ds_error *err);

typedef struct ds_report_folder ds_report_folder;

DS_API DS_WUR ds_status ds_report_folder_open(const char *out, int force,
                                              ds_report_folder **f,
                                              ds_error *err);
/* The staging folder files are written to. */
DS_API const char *ds_report_folder_path(const ds_report_folder *f);
/* Write name (a plain file name) into the staging folder, synced. */
DS_API DS_WUR ds_status ds_report_folder_write(ds_report_folder *f,
                                               const char *name,
                                               const char *buf, size_t len,
                                               ds_error *err);
/* Render p as name.png (with name.plot.gp and name.plot.csv) in the
 * staging folder, and as SVG into *svg (malloc'd, the caller frees).
 * When gnuplot is missing or fails *svg is NULL, *failed 1 and the call
 * succeeds (the script and data are written).  say (may be NULL) hears
 * gnuplot's warnings (code DS_OK, gnuplot's text) and why gnuplot failed
 * (code and the error). */
typedef void (*ds_report_say)(ds_status code, const ds_error *err,
                              const char *text, void *ctx);
DS_API DS_WUR ds_status ds_report_folder_chart(ds_report_folder *f,
                                               const ds_plot *p,
                                               const char *name, char **svg,
                                               int *failed, ds_report_say say,
                                               void *ctx, ds_error *err);
/* Build and render the report's charts (DS_REPORT_NCHARTS) and write
 * report.md, report.html (charts inlined as SVG, no external asset) and
 * table-scenarios.csv, table-projection.csv, table-compare.csv into f.
 * The report: title, subtitle, author, date and data cut-off (the latest
 * vintage of the figures used); key findings as sentences computed from
 * the results; the sections; methods and caveats; sources and licences.
 * The tables are ds_tables (defspend/table.h) written by ds_table_write:
 * the CSVs are those of `scenarios`, `project` and `compare --format csv`
 * for the same result.
 * *charts_failed: gnuplot was missing or failed (the report is written
 * with the charts' scripts and data, without images). */
DS_API DS_WUR ds_status ds_report_write(ds_report_folder *f,
                                       const ds_report *r,
                                       const ds_store *st, ds_report_say say,
                                       void *ctx, int *charts_failed,
                                       ds_error *err);
/* The browser ds_report_folder_pdf runs: $DEFSPEND_CHROMIUM when set
 * and not empty, else the first of chromium, chromium-browser,
 * google-chrome, google-chrome-stable on PATH; NULL when there is none.
 * A static buffer. */
DS_API const char *ds_report_browser(void);
/* Print report.html of the staging folder to report.pdf there with
 * browser's headless --print-to-pdf (the print style sheet: a page break
 * before each section, charts and tables never split).  browser NULL =
 * ds_report_browser(); when there is none, *missing is 1 and the call
 * succeeds without a PDF.  DS_EIO when the browser fails or writes no
 * PDF. */
DS_API DS_WUR ds_status ds_report_folder_pdf(ds_report_folder *f,
                                             const char *browser,
                                             int *missing, ds_error *err);
/* Write the manifest and move the report into place. */
DS_API DS_WUR ds_status ds_report_folder_commit(ds_report_folder *f,
                                                ds_report_refusal *why,
                                                ds_error *err);
/* Remove what was not committed; frees f. */
DS_API void ds_report_folder_free(ds_report_folder *f);

#ifdef __cplusplus
}
#endif

#endif
