/* cli_project.h - the pieces of `defspend project` (cmd_project.c): its
 * options (cli_project_opts.c).  Its outputs are the library's:
 * ds_project_view_table (table, Markdown), ds_project_table (CSV) and
 * ds_project_json (JSON).
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

#endif
