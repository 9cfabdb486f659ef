/* chart.c - the table of chart kinds, the chart spec and what the
 * builders share (the source line, units, layers, titles).
 *
 * Adding a chart kind: its chart_<kind>.c with a ds_chart_<kind> builder
 * of a result and a ds__chart_build_<kind> that runs the calculation, one
 * row in KINDS below, and tests (tests/plot/check_chart.c, a golden).
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "chart_internal.h"

typedef ds_status (*chart_build_fn)(ds_plot *p, const ds_store *st,
                                    const ds_chart_spec *spec, ds_error *err);

static const struct {
    const char *name;
    chart_build_fn build;
} KINDS[] = {
    {"scenarios", ds__chart_build_scenarios},
    {"history", ds__chart_build_history},
    {"projection", ds__chart_build_projection},
    {"compare", ds__chart_build_compare},
    {"revisions", ds__chart_build_revisions},
    {"sensitivity", ds__chart_build_sensitivity},
    {"bridge", ds__chart_build_bridge},
};
enum { NKINDS = sizeof KINDS / sizeof *KINDS };

size_t
ds_chart_kind_count(void)
{
    return NKINDS;
}

const char *
ds_chart_kind_name(size_t i)
{
    return i < NKINDS ? KINDS[i].name : NULL;
}

int
ds_chart_kind_known(const char *kind)
{
    for (size_t i = 0; kind && i < NKINDS; i++)
        if (strcmp(KINDS[i].name, kind) == 0)
            return 1;
    return 0;
}

void
ds_chart_spec_init(ds_chart_spec *spec)
{
    memset(spec, 0, sizeof *spec);
    spec->by = 2035;
    spec->growth_pct = NAN;
    spec->fit_years = 10;
    spec->path = DS_PATH_LINEAR;
    spec->seed = DS_CHART_DEFAULT_SEED;
}

ds_status
ds_chart_build(const char *kind, const ds_store *st,
               const ds_chart_spec *spec, ds_plot *p, ds_error *err)
{
    for (size_t i = 0; kind && i < NKINDS; i++)
        if (strcmp(KINDS[i].name, kind) == 0)
            return KINDS[i].build(p, st, spec, err);
    return ds__error_set(err, DS_EINVAL, NULL, 0, 0, "unknown chart kind '%s'",
                      kind ? kind : "");
}

void
chart_project_spec(const ds_chart_spec *spec, const double *targets,
                   size_t nt, ds_project_spec *ps)
{
    memset(ps, 0, sizeof *ps);
    ps->country = spec->country;
    ps->from_year = spec->from;
    ps->by_year = spec->by;
    ps->targets_pct = targets;
    ps->n_targets = nt;
    ps->gdp_source = isfinite(spec->growth_pct) ? DS_GDP_GROWTH : DS_GDP_FIT;
    ps->growth_pct = spec->growth_pct;
    ps->fit_years = spec->fit_years;
    ps->path = spec->path;
    ps->discount_pct = NAN;
    ps->inflation_pct = NAN;
    if (spec->baseline)
        ds_project_spec_set_baseline(ps, spec->baseline);
    ps->source = spec->source;
}

/* ------------------------------------------------------------ helpers */

char *
ds_chart_name(const char *name, size_t max, char *buf, size_t size)
{
    size_t chars = 0, i = 0;
    for (; name[i]; i++) {
        if (((unsigned char)name[i] & 0xC0) != 0x80) {
            if (chars == max)
                break;
            chars++;
        }
    }
    if (!name[i])
        snprintf(buf, size, "%s", name);
    else
        snprintf(buf, size, "%.*s...", (int)i, name);
    return buf;
}

void
chart_src_add(chart_srcs *s, const char *what, const ds_obs *o)
{
    if (!o)
        return;
    char item[512];
    snprintf(item, sizeof item, "%s (vintage %s)", o->source,
             o->vintage[0] ? o->vintage : "unknown");
    if (strstr(s->buf, item))
        return;
    size_t n = strlen(s->buf);
    snprintf(s->buf + n, sizeof s->buf - n, "%s%s%s%s",
             n ? "; " : "Source: ", what ? what : "", what ? ": " : "",
             item);
}

void
chart_src_text(chart_srcs *s, const char *text)
{
    size_t n = strlen(s->buf);
    snprintf(s->buf + n, sizeof s->buf - n, "%s%s", n ? "; " : "", text);
}

ds_status
chart_src_set(ds_plot *p, chart_srcs *s, ds_error *err)
{
    chart_src_text(s, "chart: defspend");
    return ds_plot_set_text(p, DS_PLOT_SOURCE, s->buf, err);
}

double
chart_unit_for(double maxabs, const char **word)
{
    if (maxabs >= 2e12) {
        *word = "tn";
        return 1e12;
    }
    if (maxabs >= 1e9) {
        *word = "bn";
        return 1e9;
    }
    *word = "m";
    return 1e6;
}

const char *
chart_cur_name(const char *cur)
{
    return strcmp(cur, "USD") == 0 ? "US$" : cur;
}

char *
chart_rate(double v, const char *lcu, char *b, size_t n)
{
    const char *sym = ds_currency_symbol(lcu);
    char t[64];
    if (!isfinite(v))
        return ds_format_whole(b, n, "n/a");
    if (sym && strcmp(sym, "$") != 0 && strchr(sym, ' ') == NULL)
        return ds_format_whole(b, n, "%s%s/$", sym,
                               ds_format_fixed(v, 2, t, sizeof t));
    return ds_format_whole(b, n, "%s %s per US$",
                           ds_format_fixed(v, 4, t, sizeof t), lcu);
}

/* A layer of style from columns x and y (hi: the upper edge) in palette
 * colour color, its other fields at their defaults. */
static ds_plot_layer
layer_of(ds_plot_style style, size_t x, size_t y, size_t hi, int color,
         const char *title)
{
    ds_plot_layer l;
    memset(&l, 0, sizeof l);
    l.style = style;
    l.x = x;
    l.y = y;
    l.y_hi = hi;
    l.color = color;
    l.title = title;
    return l;
}

ds_status
chart_layer(ds_plot *p, ds_plot_style style, size_t x, size_t y, size_t hi,
            int color, int dashed, int y2, int point, double alpha,
            const char *title, ds_error *err)
{
    ds_plot_layer l = layer_of(style, x, y, hi, color, title);
    l.dashed = dashed;
    l.y2 = y2;
    l.point = point;
    l.alpha = alpha;
    return ds_plot_add_layer(p, &l, err);
}

ds_status
chart_bars(ds_plot *p, ds_plot_style style, size_t x, size_t y, size_t hi,
           int color, double width, const char *title, ds_error *err)
{
    ds_plot_layer l = layer_of(style, x, y, hi, color, title);
    l.width = width;
    return ds_plot_add_layer(p, &l, err);
}

ds_status
chart_title(ds_plot *p, const char *name, const char *iso3, const char *what,
            ds_error *err)
{
    char nm[256], t[512];
    snprintf(t, sizeof t, "%s (%s): %.300s",
             ds_chart_name(name, 60, nm, sizeof nm), iso3, what);
    return ds_plot_set_text(p, DS_PLOT_TITLE, t, err);
}

const char *
chart_country_name(const ds_store *st, const char *iso3)
{
    const ds_countries *cs = ds_store_countries(st);
    const ds_country *ct = NULL;
    if (cs && ds_countries_lookup(cs, iso3, &ct, NULL) != DS_OK)
        ct = NULL;
    return ct ? ct->name : iso3;
}
