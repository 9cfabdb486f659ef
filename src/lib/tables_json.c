/* tables_json.c - results as JSON documents (jansson), for the results
 * whose JSON nests more than a flat table can express: a scenario, a
 * comparison, a conversion and a projection (with its simulation).
 *
 * Promises: NaN and infinity are null (missing, never zero); every
 * observation is given with everything needed to cite it; nothing is
 * dropped without a word: the first failure of any building step is
 * remembered with what could not be encoded (the key and its value), and
 * the builder returns NULL with "cannot encode KEY 'VALUE' as JSON: the
 * text is not UTF-8" (DS_EPARSE), or DS_ENOMEM.  The CLI writes what the
 * builders return; ds_sensitivity_json (tables_analysis.c) is built the
 * same way from its table.
 */
#include <jansson.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include "table_internal.h"
#include "defspend/version.h"

/* ---- checked building: the first failure is remembered ---- */

typedef struct jctx {
    int failed;
    int text; /* the failure is text that is not UTF-8 */
    char what[512];
    char message[DS_ERROR_MSG_MAX]; /* the whole message, when a builder
                                       of the library gave it */
} jctx;

static void
fail_set(jctx *j, int text, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
fail_set(jctx *j, int text, const char *fmt, ...)
{
    if (j->failed)
        return; /* the first failure is the cause of the others */
    j->failed = 1;
    j->text = text;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(j->what, sizeof j->what, fmt, ap);
    va_end(ap);
}

/* The key of the first string value in a pack format that jansson would
 * refuse (not UTF-8), walking the arguments as json_pack does.  Handles
 * the conversions used here: { } [ ] : , and s i I f o b (with ?). */
static void
find_bad_string(jctx *j, const char *fmt, va_list ap)
{
    const char *key = NULL;
    int in_obj[64], depth = 0, want_key = 0;
    char q[80];
    for (const char *p = fmt; *p; p++) {
        switch (*p) {
        case '{':
            if (depth < 63)
                in_obj[++depth] = 1;
            want_key = 1;
            continue;
        case '[':
            if (depth < 63)
                in_obj[++depth] = 0;
            want_key = 0;
            continue;
        case '}':
        case ']':
            if (depth > 0)
                depth--;
            want_key = 0;
            continue;
        case ',':
            want_key = depth > 0 && in_obj[depth];
            continue;
        case ':': case ' ': case '?': case '*': case '#': case '%':
            continue;
        }
        if (want_key && *p == 's') {
            key = va_arg(ap, const char *);
            want_key = 0;
            continue;
        }
        switch (*p) {
        case 's': {
            const char *v = va_arg(ap, const char *);
            json_t *t = v ? json_string(v) : NULL;
            if (v && !t) {
                fail_set(j, 1, "\"%s\" '%s'", key ? key : "(array item)",
                         ds__json_quote(v, q, sizeof q));
                return;
            }
            json_decref(t);
            break;
        }
        case 'i': case 'b': (void)va_arg(ap, int); break;
        case 'I': (void)va_arg(ap, json_int_t); break;
        case 'f': (void)va_arg(ap, double); break;
        case 'o': case 'O': (void)va_arg(ap, json_t *); break;
        default: return; /* a conversion not handled here */
        }
    }
}

/* json_pack; a string that is not UTF-8 is named by its key. */
static json_t *
jpack(jctx *j, const char *fmt, ...)
{
    json_error_t e;
    va_list ap;
    va_start(ap, fmt);
    json_t *v = json_vpack_ex(&e, 0, fmt, ap);
    va_end(ap);
    if (!v) {
        if (json_error_code(&e) == json_error_invalid_utf8) {
            va_start(ap, fmt);
            find_bad_string(j, fmt, ap);
            va_end(ap);
        }
        fail_set(j, json_error_code(&e) == json_error_invalid_utf8,
                 "the output (%s)", e.text);
    }
    return v;
}

/* json_string; key names the value for the message. */
static json_t *
jstring(jctx *j, const char *key, const char *s)
{
    json_t *v = json_string(s);
    char q[80];
    if (!v)
        fail_set(j, s != NULL, "\"%s\" '%s' (not UTF-8 text)", key,
                 ds__json_quote(s, q, sizeof q));
    return v;
}

/* json_object_set_new / json_array_append_new (v is always consumed); a
 * NULL object, array or value is a failure. */
static void
jset(jctx *j, json_t *o, const char *key, json_t *v)
{
    if (!o) {
        json_decref(v);
        fail_set(j, 0, "\"%s\" (out of memory)", key);
    } else if (!v || json_object_set_new(o, key, v) != 0) {
        fail_set(j, 0, "\"%s\" (out of memory)", key);
    }
}

static void
jappend(jctx *j, json_t *a, json_t *v)
{
    if (!a) {
        json_decref(v);
        fail_set(j, 0, "an array (out of memory)");
    } else if (!v || json_array_append_new(a, v) != 0) {
        fail_set(j, 0, "an array item (out of memory)");
    }
}

/* root, or NULL with err set when anything failed (root freed). */
static json_t *
jfinish(jctx *j, json_t *root, ds_error *err)
{
    if (!root)
        fail_set(j, 0, "the output");
    if (!j->failed)
        return root;
    json_decref(root);
    if (j->message[0])
        ds__error_set(err, j->text ? DS_EPARSE : DS_ENOMEM, NULL, 0, 0,
                      "%s", j->message);
    else
        ds__error_set(err, j->text ? DS_EPARSE : DS_ENOMEM, NULL, 0, 0,
                      "cannot encode %s as JSON%s", j->what,
                      j->text ? ": the text is not UTF-8" : "");
    return NULL;
}

/* A number; NaN and infinity are null. */
static json_t *
jnum(double v)
{
    return isfinite(v) ? json_real(v) : json_null();
}

/* An observation with everything needed to cite it (ds__obs_json, the
 * one observation JSON); null for none. */
static json_t *
jobs(jctx *j, const ds_obs *o)
{
    ds_error e;
    ds_error_clear(&e);
    json_t *v = ds__obs_json(o, &e);
    if (!v && !j->failed) {
        j->failed = 1;
        j->text = e.code == DS_EPARSE;
        snprintf(j->message, sizeof j->message, "%s", e.message);
    }
    return v;
}

/* ---- scenario ---- */

struct json_t *
ds_scenario_json(const ds_scenario *s, const char *data_dir, ds_error *err)
{
    jctx jc = {0, 0, "", ""}, *j = &jc;
    const ds_baseline *b = &s->baseline;
    json_t *rows = json_array();
    for (size_t i = 0; i < s->n_rows; i++) {
        const ds_scenario_row *r = &s->rows[i];
        jappend(j,
            rows,
            jpack(j, "{s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o}",
                      "ratio_one_rate", jnum(r->ratio_one_rate), "target_pct",
                      jnum(r->target_pct), "spend_usd", jnum(r->spend_usd),
                      "spend_lcu", jnum(r->spend_lcu), "diff_usd",
                      jnum(r->diff_usd), "diff_lcu", jnum(r->diff_lcu),
                      "ratio_to_baseline", jnum(r->ratio_to_baseline),
                      "ratio_to_baseline_lcu", jnum(r->ratio_to_baseline_lcu),
                      "per_capita_usd", jnum(r->per_capita_usd),
                      "per_capita_lcu", jnum(r->per_capita_lcu)));
    }
    json_t *base = json_null();
    if (b->present)
        base = jpack(j, "{s:s,s:o,s:i,s:s,s:o,s:o,s:o,s:s,s:o,s:o,s:o,"
                         "s:o,s:o}",
                         "share_basis", b->share_basis, "usd_one_rate",
                         jnum(b->usd_one_rate), "share_year", b->share_year,
                         "label", b->label, "usd", jnum(b->usd), "lcu",
                         jnum(b->lcu), "lcu_per_usd", jnum(b->lcu_per_usd),
                         "rate_basis", b->rate_basis, "share_of_gdp_pct",
                         jnum(b->share_pct), "usd_at_official_rate",
                         jnum(b->usd_at_official), "official_rate",
                         jobs(j, b->fx_official), "observation_lcu",
                         jobs(j, b->obs_lcu), "observation_usd",
                         jobs(j, b->obs_usd));
    json_t *actual = json_null();
    if (s->has_actual)
        actual = jpack(j,
            "{s:i,s:s,s:o,s:s,s:o,s:o,s:o,s:o,s:o,s:b,s:b,s:b}", "year",
            s->actual.year, "definition", s->actual.definition, "pct",
            jnum(s->actual.pct), "basis", s->actual.basis, "milex_usd",
            jnum(s->actual.milex_usd), "gdp_usd", jnum(s->actual.gdp_usd),
            "published", jobs(j, s->actual.published), "milex",
            jobs(j, s->actual.milex), "gdp", jobs(j, s->actual.gdp),
            "milex_derived", s->actual.milex_derived, "gdp_derived",
            s->actual.gdp_derived, "stale", s->actual_stale);
    json_t *root = jpack(j,
        "{s:s,s:s?,s:{s:s,s:s,s:s},s:i,s:s,s:{s:o,s:o},s:{s:o,s:s,s:o},"
        "s:o,s:o,s:o,s:{s:o,s:o},s:o,s:o,s:o}",
        "defspend_version", DS_VERSION_STRING, "data_dir", data_dir,
        "country", "iso3", s->iso3, "name", s->name, "currency", s->lcu,
        "year", s->year, "price_basis", "current", "gdp", "usd",
        jobs(j, s->gdp_usd), "lcu",
        jobs(j, s->gdp_lcu && s->gdp_lcu != s->gdp_usd ? s->gdp_lcu : NULL),
        "exchange_rate", "lcu_per_usd", jnum(s->gdp_lcu_per_usd), "basis",
        "GDP in local currency / GDP in US$", "official", jobs(j, s->fx_official),
        "population", jobs(j, s->population), "actual_share_pct",
        jobs(j, s->actual_pct), "latest_share_pct", jobs(j, s->latest_pct),
        "derived_share", "pct", jnum(s->derived_pct), "milex_usd",
        jobs(j, isfinite(s->derived_pct) ? s->milex_usd : NULL),
        "baseline", base, "scenarios", rows, "actual_share", actual);
    return jfinish(j, root, err);
}

/* ---- comparison ---- */

struct json_t *
ds_compare_json(const ds_comparison *c, const char *title, ds_error *err)
{
    jctx jc = {0, 0, "", ""}, *j = &jc;
    static const char *const rules[] = {"common", "most_covered",
                                        "requested", "latest_each"};
    json_t *rows = json_array();
    for (size_t i = 0; i < c->n_rows; i++) {
        const ds_compare_row *r = &c->rows[i];
        char b[64];
        json_t *tg = json_array();
        for (size_t k = 0; k < c->n_targets; k++)
            jappend(j,
                tg, jpack(j, "{s:o,s:o,s:o}", "target_pct",
                              jnum(c->targets_pct[k]), "need_usd",
                              jnum(r->need_usd[k]), "gap_usd",
                              jnum(r->gap_usd[k])));
        json_t *row = jpack(j,
            "{s:o,s:s,s:s,s:b,s:s,s:o,s:s,s:o,s:s,s:b,s:b,s:b}", "rank",
            r->rank ? json_integer((json_int_t)r->rank) : json_null(),
            "country", r->iso3, "name", r->name, "has_data", r->has_data,
            "missing", r->missing, "year",
            r->has_data ? json_integer(r->year) : json_null(), "definition",
            c->definition, "share_pct", jnum(r->share_pct), "basis",
            ds_compare_basis(r, b, sizeof b), "published", r->published,
            "milex_derived", r->milex_derived, "gdp_derived",
            r->gdp_derived);
        jset(j, row, "milex_usd", jnum(r->milex_usd_value));
        jset(j, row, "gdp_usd", jnum(r->gdp_usd_value));
        jset(j, row, "share", jobs(j, r->share_obs));
        jset(j, row, "milex", jobs(j, r->milex_usd));
        jset(j, row, "gdp", jobs(j, r->gdp_usd));
        jset(j, row, "stale", json_boolean(r->stale));
        jset(j, row, "newest_in_release",
                            r->has_data ? json_integer(r->newest_in_release)
                                        : json_null());
        jset(j, row, "newest_in_store",
                            r->has_data ? json_integer(r->newest_in_store)
                                        : json_null());
        jset(j, row, "latest_year",
                            r->latest_year ? json_integer(r->latest_year)
                                           : json_null());
        jset(j, row, "note", jstring(j, "note", r->note));
        jset(j, row, "targets", tg);
        jappend(j, rows, row);
    }
    json_t *root = jpack(j,
        "{s:s,s:s,s:s,s:s,s:s,s:s,s:b,s:s,s:o,s:s,s:s,s:o}",
        "defspend_version", DS_VERSION_STRING, "title", title, "currency",
        DS_CURRENCY_USD, "price_basis", "current", "definition", c->definition,
        "definition_label",
        c->definition[0] ? ds_definition_label(c->definition) : "",
        "definition_auto", c->definition_auto, "definition_why",
        c->definition_why, "year",
        c->year ? json_integer(c->year) : json_null(), "year_rule",
        rules[c->year_rule], "year_why", c->year_why, "countries", rows);
    return jfinish(j, root, err);
}

/* ---- conversion ---- */

struct json_t *
ds_convert_json(const ds_conversion *c, ds_error *err)
{
    jctx jc = {0, 0, "", ""}, *j = &jc;
    json_t *rows = json_array(), *rates = json_array(), *defl = json_array();
    char fl[128];
    for (size_t i = 0; i < c->n_rows; i++) {
        const ds_convert_row *r = &c->rows[i];
        jappend(j,
            rows, jpack(j, "{s:i,s:o,s:o,s:o,s:o,s:s,s:s,s:o,s:o}", "year",
                            r->year, "value_in", jnum(r->in),
                            "value_prev_in", jnum(r->in_prev), "factor",
                            jnum(r->factor), "value_out", jnum(r->out),
                            "flags", ds_flags_format(r->flags, fl, sizeof fl),
                            "note", r->note, "source", jobs(j, r->src),
                            "source_prev", jobs(j, r->src_prev)));
    }
    for (size_t i = 0; i < c->n_rates; i++)
        jappend(j,
            rates, jpack(j, "{s:i,s:o,s:s,s:o,s:o}", "year",
                             c->rates[i].year, "lcu_per_usd",
                             jnum(c->rates[i].lcu_per_usd), "basis",
                             c->rates[i].basis, "observation",
                             jobs(j, c->rates[i].obs), "observation_usd",
                             jobs(j, c->rates[i].obs_usd)));
    for (size_t i = 0; i < c->n_deflators; i++)
        jappend(j, defl, jobs(j, c->deflators[i]));
    char yb[16], yo[16];
    json_t *root = jpack(j,
        "{s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:s,s:o,s:o,s:o}",
        "defspend_version", DS_VERSION_STRING, "country", c->iso3,
        "indicator", c->indicator, "definition", c->definition,
        "currency_in", c->currency_in, "currency_out", c->currency_out,
        "price_basis_out", c->price_out, "year_basis_in",
        ds_year_basis_format(c->fy_start_month_in, yb, sizeof yb),
        "year_basis_out",
        ds_year_basis_format(c->fy_start_month_out, yo, sizeof yo), "method",
        c->method, "vintage", c->vintage, "rates", rates, "deflators", defl,
        "rows", rows);
    return jfinish(j, root, err);
}

/* ---- projection ---- */

static json_t *
jbands(jctx *j, const double *v, double scale)
{
    json_t *a = json_array();
    for (int b = 0; b < 5; b++)
        jappend(j, a, jnum(v[b] * scale));
    return a;
}

static json_t *
jvec(jctx *j, const double *v)
{
    json_t *a = json_array();
    for (int q = 0; q < DS_SIM_NPROB; q++)
        jappend(j, a, jnum(v[q]));
    return a;
}

static const char *
plan_name(ds_plan_kind k)
{
    return k == DS_PLAN_FLAT ? "flat" : k == DS_PLAN_GROWTH ? "growth"
                                                            : "enacted";
}

struct json_t *
ds_project_json(const ds_projection *p, const ds_simulation *sim,
                unsigned long seed, const char *data_dir, ds_error *err)
{
    jctx jc = {0, 0, "", ""}, *j = &jc;
    const ds_scenario *s = p->scenario;
    const char *lcu = p->lcu_only_usd ? DS_CURRENCY_USD : s->lcu;
    json_t *targets = json_array();
    for (size_t k = 0; k < p->n_targets; k++) {
        json_t *years = json_array();
        for (size_t i = 0; i < p->n_years; i++) {
            const ds_project_cell *c = ds_projection_cell(p, k, i);
            const ds_project_year *y = &p->years[i];
            json_t *o = jpack(j,
                "{s:i,s:b,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,"
                "s:o,s:o,s:o,s:o}",
                "year", y->year, "projected", y->projected, "gdp_usd",
                jnum(y->gdp_usd), "gdp_lcu", jnum(y->gdp_lcu),
                "share_pct", jnum(c->share_pct), "spend_usd",
                jnum(c->spend_usd), "spend_lcu", jnum(c->spend_lcu),
                "extra_usd", jnum(c->extra_usd), "extra_lcu",
                jnum(c->extra_lcu), "cumulative_extra_usd",
                jnum(c->cum_extra_usd), "cumulative_extra_lcu",
                jnum(c->cum_extra_lcu), "pv_cumulative_extra_usd",
                jnum(c->pv_cum_extra_usd), "pv_cumulative_extra_lcu",
                jnum(c->pv_cum_extra_lcu), "deflator",
                jnum(y->deflator), "spend_lcu_const",
                jnum(c->spend_lcu_const), "spend_usd_const",
                jnum(c->spend_usd_const), "cumulative_extra_usd_const",
                jnum(c->cum_extra_usd_const), "gdp_projection",
                jobs(j, y->gdp_obs));
            if (o) {
                jset(j, o, "gdp_growth_pct",
                                    jnum(y->gdp_growth_pct));
                jset(j, o, "fixed_by",
                                    jstring(j, "fixed_by", i == 0 ? "baseline"
                                                : y->budget_obs ? "budget"
                                                                : "path"));
                jset(j, o, "budget_lcu", jnum(y->budget_lcu));
                jset(j, o, "budget_observation",
                                    jobs(j, y->budget_obs));
                jset(j, o, "supplementary_observation",
                                    jobs(j, y->supp_obs));
                jset(j, o, "decided_increase_usd",
                                    jnum(c->decided_increase_usd));
                jset(j, o, "decided_increase_lcu",
                                    jnum(c->decided_increase_lcu));
                jset(j, o, "cumulative_decided_increase_usd",
                                    jnum(c->cum_decided_increase_usd));
                jset(j, o, "cumulative_decided_increase_lcu",
                                    jnum(c->cum_decided_increase_lcu));
            }
            if (sim && o) {
                const ds_sim_year *sy = &sim->years[i];
                double bu[DS_SIM_NBANDS], bl[DS_SIM_NBANDS];
                ds_simulation_spend_bands(p, sim, k, i, bu, bl);
                jset(j, o, "spend_usd_bands", jbands(j, bu, 1));
                jset(j, o, "spend_lcu_bands", jbands(j, bl, 1));
                jset(j, o, "gdp_usd_bands",
                                    jbands(j, sy->gdp_usd, 1));
                jset(j, o, "gdp_lcu_bands",
                                    jbands(j, sy->gdp_lcu, 1));
            }
            jappend(j, years, o);
        }
        json_t *t = jpack(j, "{s:o,s:o}", "target_pct",
                              jnum(p->targets_pct[k]), "years", years);
        if (sim && t) {
            const ds_sim_target *st = &sim->targets[k];
            jset(j,
                t, "simulation",
                jpack(j, "{s:[f,f,f],s:o,s:o,s:o,s:o,s:o}",
                          "needed_probabilities_pct", 50.0, 90.0, 95.0,
                          "needed_spend_usd", jvec(j, st->needed_usd),
                          "needed_spend_lcu", jvec(j, st->needed_lcu),
                          "p_plan_reaches_target",
                          jnum(st->p_plan_reaches),
                          "cumulative_extra_usd_bands",
                          jbands(j, st->cum_extra_usd, 1),
                          "cumulative_extra_lcu_bands",
                          jbands(j, st->cum_extra_lcu, 1)));
        }
        jappend(j, targets, t);
    }
    const ds_baseline *bl = &s->baseline;
    json_t *as = jpack(j,
        "{s:i,s:i,s:s,s:o,s:s,s:o,s:s,s:o,s:o,s:o,s:o,s:s,s:o,s:s,s:i,s:o,"
        "s:o,s:o}",
        "from_year", p->from_year, "by_year", p->by_year, "path",
        ds__path_name(p->path), "growth_pct", jnum(p->growth_pct),
        "growth_basis", p->growth_basis, "lcu_per_usd",
        jnum(p->lcu_per_usd), "rate_basis", p->rate_basis, "baseline_lcu",
        jnum(p->baseline_lcu), "baseline_usd", jnum(p->baseline_usd),
        "baseline_share_pct", jnum(p->baseline_share_pct),
        "discount_pct", jnum(p->discount_pct), "baseline_label",
        bl->present ? bl->label : "none", "inflation_pct",
        jnum(p->inflation_pct), "inflation_basis", p->inflation_basis,
        "price_base_year", p->price_base_year, "gdp_usd",
        jobs(j, s->gdp_usd), "gdp_lcu",
        jobs(j, p->lcu_only_usd ? NULL : s->gdp_lcu), "baseline_observation",
        jobs(j, bl->obs_lcu ? bl->obs_lcu : bl->obs_usd));
    if (as && p->has_fit)
        jset(j,
            as, "growth_fit",
            jpack(j, "{s:i,s:i,s:o,s:o,s:o,s:o}", "first_year",
                      p->fit.first_year, "last_year", p->fit.last_year,
                      "rate_pct", jnum(p->fit.rate_pct), "se_pct",
                      jnum(p->fit.se_pct), "log_growth_mean",
                      jnum(p->fit.log_mean), "log_growth_sd",
                      jnum(p->fit.log_sd)));
    if (as) {
        json_t *rg = json_array();
        for (int k = 0; k < 2; k++)
            jappend(j,
                rg, jpack(j, "{s:i,s:i,s:i,s:o}", "years", p->recent[k].years,
                              "first_year", p->recent[k].first_year,
                              "last_year", p->recent[k].last_year, "rate_pct",
                              jnum(p->recent[k].rate_pct)));
        jset(j, as, "recent_growth", rg);
        const ds_gdp_forecast *fc = &p->forecast;
        jset(j,
            as, "gdp_forecast",
            fc->present
                ? jpack(j, "{s:s,s:s,s:s,s:s,s:i,s:i,s:o,s:b,s:b,s:b}",
                            "source", fc->source, "definition",
                            fc->definition, "vintage", fc->vintage,
                            "currency", fc->currency, "first_year",
                            fc->first_year, "last_year", fc->last_year,
                            "mean_growth_pct", jnum(fc->mean_pct), "used",
                            p->gdp_source == DS_GDP_PROJECTIONS,
                            "start_year_is_projection",
                            fc->start_is_projection, "predates_start",
                            fc->predates_start)
                : json_null());
        jset(j, as, "decided_basis",
                            jstring(j, "decided_basis", p->decided_basis));
        jset(j, as, "decided_years",
                            json_integer((json_int_t)p->n_decided));
        jset(j, as, "last_decided_year",
                            json_integer(p->last_decided_year));
        jset(j,
            as, "plan",
            jpack(j, "{s:s,s:s,s:o,s:o,s:o}", "kind", plan_name(p->plan),
                      "basis", p->plan_basis, "growth_pct",
                      jnum(p->plan_growth_pct), "spend_lcu",
                      jnum(p->plan_spend_lcu), "spend_usd",
                      jnum(p->plan_spend_usd)));
        json_t *nt = json_array();
        for (size_t q = 0; q < p->n_notes; q++)
            jappend(j, nt, jstring(j, "notes", p->notes[q]));
        jset(j, as, "notes", nt);
    }
    if (as && sim)
        jset(j,
            as, "simulation",
            jpack(j, "{s:I,s:I,s:s,s:o,s:o,s:s,s:o,s:s}", "draws",
                      (json_int_t)sim->n_draws, "seed", (json_int_t)seed,
                      "generator", sim->rng_name, "growth_log_mean",
                      jnum(sim->growth_mu), "growth_log_sd",
                      jnum(sim->growth_sd), "growth_sd_basis",
                      sim->growth_sd_basis, "fx_log_sd",
                      jnum(sim->fx_sd), "fx_sd_basis", sim->fx_sd_basis));
    json_t *root = jpack(j, "{s:s,s:s?,s:{s:s,s:s,s:s},s:s,s:o,s:o}",
                             "defspend_version", DS_VERSION_STRING,
                             "data_dir", data_dir, "country", "iso3", s->iso3,
                             "name", s->name, "currency", lcu, "price_basis",
                             "current unless *_const", "assumptions",
                             as ? as : json_null(), "targets", targets);
    return jfinish(j, root, err);
}
