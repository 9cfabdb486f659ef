/* cli_project.h - the pieces of `defspend project` (cmd_project.c): its
 * options (cli_project_opts.c) and the JSON writer (cli_project_json.c).
 * Table and Markdown go through the library's ds_project_view_table, CSV
 * through ds_project_table.
 * Internal to the tool.
 */
#ifndef DS_CLI_PROJECT_H
#define DS_CLI_PROJECT_H

#include <stdio.h>

#include "cli_proj.h"

#define CLI_PROJECT_DEFAULT_SEED DS_SIM_DEFAULT_SEED
#define CLI_PROJECT_MAX_TARGETS 32

/* What the command line asks for. */
typedef struct cli_project_opts {
    ds_project_spec spec;
    size_t n_draws;     /* --simulate; 0 = no Monte Carlo */
    unsigned long seed; /* --seed */
    unsigned threads;   /* 0 = all online CPUs */
    ds_sim_spec sim;
    cli_common common;
    const char *country; /* as typed: ISO3 code or name */
    double targets[CLI_PROJECT_MAX_TARGETS];/* --target, % of GDP (spec.targets_pct points here) */
    ds_baseline_choice baseline; /* --baseline (spec points into it) */
} cli_project_opts;

/* The usage text (cmd_project.c). */
void cli_project_help(FILE *f);
/* Parse argv into o (spec defaults included); -1 to go on, else the exit
 * code to return (after --help, or after saying what is wrong). */
int cli_project_parse(int argc, char **argv, cli_project_opts *o);

/* JSON output; 0 on failure (cj_report says why). */
int cli_project_json(FILE *f, const ds_projection *p,
                     const ds_simulation *sim, unsigned long seed,
                     const char *data_dir);

#endif
