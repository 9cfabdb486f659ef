/* cli_project_opts.c - the options of `defspend project`: the parser,
 * which fills a ds_project_spec and a ds_sim_spec from their library
 * initialisers (the usage text is in cmd_project.c).  Errors name the option and the bad value.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_opts.h"
#include "cli_project.h"

#define MAX_TARGETS CLI_PROJECT_MAX_TARGETS

int
cli_project_parse(int argc, char **argv, cli_project_opts *po)
{
    static const struct option lo[] = {
        CLI_OPT_COUNTRY,
        {"target", required_argument, NULL, 't'},
        {"targets", required_argument, NULL, 't'},
        {"by", required_argument, NULL, 'B'},
        {"from", required_argument, NULL, 'F'},
        {"growth", required_argument, NULL, 'g'},
        {"growth-fit", required_argument, NULL, 'G'},
        {"gdp-source", required_argument, NULL, 'S'},
        {"path", required_argument, NULL, 'p'},
        {"baseline", required_argument, NULL, 'b'},
        {"source", required_argument, NULL, 1000},
        {"discount", required_argument, NULL, 'D'},
        {"inflation", required_argument, NULL, 'I'},
        {"price-base", required_argument, NULL, 'P'},
        {"simulate", required_argument, NULL, 'n'},
        {"seed", required_argument, NULL, 's'},
        {"threads", required_argument, NULL, 'T'},
        {"growth-mean", required_argument, NULL, 'm'},
        {"growth-sd", required_argument, NULL, 'v'},
        {"fx-sd", required_argument, NULL, 'x'},
        {"plan", required_argument, NULL, 'L'},
        {"plan-growth", required_argument, NULL, 'Q'},
        {"supplementary", no_argument, NULL, 'U'},
        {"no-decided", no_argument, NULL, 'N'},
        CLI_OPT_END};
    cli_project_opts o;
    memset(&o, 0, sizeof o);
    o.common.format = FMT_TABLE;
    const char *country = "JPN", *baseline = NULL, *source = NULL;
    double *targets = o.targets;
    targets[0] = 3.5;
    targets[1] = 5;
    size_t nt = 2, given_t = 0;
    long lv;
    double dv;
    cp_growth_opts gro;
    cp_growth_init(&gro);
    int plan_given = 0;
    ds_project_spec_init(&o.spec);
    o.spec.by_year = 2035;
    o.seed = CLI_PROJECT_DEFAULT_SEED;
    ds_sim_spec_init(&o.sim);
    ds_error err;
    ds_error_clear(&err);
    cli_options p;
    cli_options_init(&p, "project", lo, &o.common, cli_project_help);
    int c;
    while ((c = cli_options_next(&p, argc, argv)) != -1) {
        switch (c) {
        case 'c': country = optarg; break;
        case 't': {
            size_t n;
            if (ds_targets_parse(optarg, targets + given_t,
                                 MAX_TARGETS - given_t, &n, &err) != DS_OK) {
                cli_error("--target: %s", err.message);
                return EXIT_USAGE;
            }
            given_t += n;
            nt = given_t;
            break;
        }
        case 'B':
        case 'F':
        case 'p':
            if (cp_spec_opt(c, optarg, &o.spec))
                return EXIT_USAGE;
            break;
        case 'g':
            if (!cp_growth_opt(&gro, "--growth", optarg))
                return EXIT_USAGE;
            break;
        case 'G':
            if (!cp_growth_opt(&gro, "--growth-fit", optarg))
                return EXIT_USAGE;
            break;
        case 'S':
            if (!cp_growth_opt(&gro, "--gdp-source", optarg))
                return EXIT_USAGE;
            break;
        case 'L':
            if (strcmp(optarg, "flat") == 0)
                o.spec.plan = DS_PLAN_FLAT;
            else if (strcmp(optarg, "enacted") == 0)
                o.spec.plan = DS_PLAN_ENACTED;
            else {
                cli_error("invalid plan '%s' (expected flat or enacted; "
                          "--plan-growth PCT for a growing baseline)",
                          optarg);
                return EXIT_USAGE;
            }
            if (plan_given) {
                cli_error("--plan and --plan-growth exclude each other");
                return EXIT_USAGE;
            }
            plan_given = 1;
            break;
        case 'Q':
            if (!cp_growth_pct("--plan-growth", optarg,
                               &o.spec.plan_growth_pct))
                return EXIT_USAGE;
            if (plan_given) {
                cli_error("--plan and --plan-growth exclude each other");
                return EXIT_USAGE;
            }
            plan_given = 1;
            o.spec.plan = DS_PLAN_GROWTH;
            break;
        case 'U':
            if (o.spec.decided == DS_DECIDED_NONE) {
                cli_error("--supplementary and --no-decided exclude each "
                          "other");
                return EXIT_USAGE;
            }
            o.spec.decided = DS_DECIDED_SUPPLEMENTARY;
            break;
        case 'N':
            if (o.spec.decided == DS_DECIDED_SUPPLEMENTARY) {
                cli_error("--supplementary and --no-decided exclude each "
                          "other");
                return EXIT_USAGE;
            }
            o.spec.decided = DS_DECIDED_NONE;
            break;
        case 'b': baseline = optarg; break;
        case 1000: source = optarg; break;
        case 'D':
            if (!cp_number("--discount", optarg, &dv))
                return EXIT_USAGE;
            o.spec.discount_pct = dv;
            break;
        case 'I':
            if (!cp_number("--inflation", optarg, &dv))
                return EXIT_USAGE;
            if (dv <= -100) {
                cli_error("--inflation: must be above -100, not '%s'", optarg);
                return EXIT_USAGE;
            }
            o.spec.inflation_pct = dv;
            break;
        case 'P':
            if (!cp_int("--price-base", optarg, 1000, 3000, &lv))
                return EXIT_USAGE;
            o.spec.price_base_year = (int)lv;
            break;
        case 'n':
            if (!cp_int("--simulate", optarg, 1, 100000000, &lv))
                return EXIT_USAGE;
            o.n_draws = (size_t)lv;
            break;
        case 's': {
            char *end;
            unsigned long long s = strtoull(optarg, &end, 10);
            if (end == optarg || *end || optarg[0] == '-' ||
                s > 0xFFFFFFFFull) {
                cli_error("--seed: invalid value '%s' (expected 0-4294967295)",
                          optarg);
                return EXIT_USAGE;
            }
            o.seed = (unsigned long)s;
            break;
        }
        case 'T':
            if (!cp_int("--threads", optarg, 0, 64, &lv))
                return EXIT_USAGE;
            o.threads = (unsigned)lv;
            break;
        case 'm':
            if (!cp_growth_pct("--growth-mean", optarg, &dv))
                return EXIT_USAGE;
            o.sim.growth_mean_pct = dv;
            break;
        case 'v':
            if (!cp_number("--growth-sd", optarg, &dv))
                return EXIT_USAGE;
            if (dv < 0) {
                cli_error("--growth-sd: must be >= 0, not '%s'", optarg);
                return EXIT_USAGE;
            }
            o.sim.growth_sd = dv;
            break;
        case 'x':
            if (strcmp(optarg, "history") == 0) {
                o.sim.fx_sd = NAN;
                break;
            }
            if (!cp_number("--fx-sd", optarg, &dv))
                return EXIT_USAGE;
            if (dv < 0) {
                cli_error("--fx-sd: must be >= 0, not '%s'", optarg);
                return EXIT_USAGE;
            }
            o.sim.fx_sd = dv;
            break;
        case CLI_OPT_STOP: return p.rc;
        }
    }
    if (!cp_growth_finish(&gro, &o.spec))
        return EXIT_USAGE;
    o.spec.targets_pct = targets;
    o.spec.n_targets = nt;
    if (!cli_parse_baseline(baseline, &o.baseline))
        return EXIT_USAGE;
    o.spec.source = source;
    o.country = country;
    *po = o;
    /* the spec points into po, not into the local copy */
    po->spec.targets_pct = po->targets;
    ds_project_spec_set_baseline(&po->spec, &po->baseline);
    return -1;
}
