/* chart_history.c - the history chart.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart_internal.h"
#include "defspend/select.h"

#define MAX_YEARS 512

/* ------------------------------------------------------------ history */

/* The footnote: one entry per source (publisher and series, definition,
 * vintage), the codes of one table's cells ("[U11]", "[U12]") merged and
 * the years each quantity takes from it, e.g. "Japan MoD budget table
 * U11, U12 (MoD budget definition, vintage 2025-12-26): US$ 2024-2025". */
#define MAX_SRCS 16
enum { Q_SHARE, Q_USD, NQ };
static const char *const Q_NAME[NQ] = {"% of GDP", "US$"};

typedef struct hist_src {
    char stem[256];   /* the source without a trailing " [code]" */
    char codes[256];  /* the codes, comma-separated */
    char def[64];     /* definition code */
    char vintage[32];
    int y0[NQ], y1[NQ]; /* years of each quantity, 0 = none */
} hist_src;

typedef struct hist_srcs {
    hist_src s[MAX_SRCS];
    size_t n;
    int full; /* more sources than MAX_SRCS */
} hist_srcs;

static void
hist_src_add(hist_srcs *hs, int q, const ds_obs *o)
{
    char stem[256], code[64] = "";
    snprintf(stem, sizeof stem, "%s", o->source);
    size_t n = strlen(stem);
    char *open = strrchr(stem, '[');
    if (n > 2 && stem[n - 1] == ']' && open && open > stem &&
        open[-1] == ' ') {
        snprintf(code, sizeof code, "%.*s", (int)(stem + n - 1 - open - 1),
                 open + 1);
        open[-1] = '\0';
    }
    const char *def = o->definition ? o->definition : "";
    const char *vin = o->vintage[0] ? o->vintage : "unknown";
    hist_src *e = NULL;
    for (size_t i = 0; i < hs->n && !e; i++)
        if (strcmp(hs->s[i].stem, stem) == 0 &&
            strcmp(hs->s[i].def, def) == 0 &&
            strcmp(hs->s[i].vintage, vin) == 0)
            e = &hs->s[i];
    if (!e) {
        if (hs->n == MAX_SRCS) {
            hs->full = 1;
            return;
        }
        e = &hs->s[hs->n++];
        memset(e, 0, sizeof *e);
        snprintf(e->stem, sizeof e->stem, "%s", stem);
        snprintf(e->def, sizeof e->def, "%s", def);
        snprintf(e->vintage, sizeof e->vintage, "%s", vin);
    }
    if (code[0]) {
        /* a code once, whole: "U1" is not found in "U11" */
        size_t cl = strlen(code);
        const char *c = e->codes;
        int have = 0;
        while (c && *c && !have) {
            have = strncmp(c, code, cl) == 0 && (c[cl] == ',' || !c[cl]);
            c = strchr(c, ',');
            c = c ? c + 2 : NULL;
        }
        size_t el = strlen(e->codes);
        if (!have)
            snprintf(e->codes + el, sizeof e->codes - el, "%s%s",
                     el ? ", " : "", code);
    }
    if (!e->y0[q] || o->year < e->y0[q])
        e->y0[q] = o->year;
    if (o->year > e->y1[q])
        e->y1[q] = o->year;
}

static void
hist_src_line(const hist_srcs *hs, chart_srcs *out)
{
    for (size_t i = 0; i < hs->n; i++) {
        const hist_src *e = &hs->s[i];
        char item[1024], years[128] = "";
        for (int q = 0; q < NQ; q++) {
            if (!e->y0[q])
                continue;
            size_t l = strlen(years);
            if (e->y0[q] == e->y1[q])
                snprintf(years + l, sizeof years - l, "%s%s %d",
                         l ? ", " : "", Q_NAME[q], e->y0[q]);
            else
                snprintf(years + l, sizeof years - l, "%s%s %d-%d",
                         l ? ", " : "", Q_NAME[q], e->y0[q], e->y1[q]);
        }
        snprintf(item, sizeof item, "%s%s%s (%s definition, vintage %s): %s",
                 e->stem, e->codes[0] ? " " : "", e->codes,
                 ds_definition_short(e->def), e->vintage, years);
        size_t n = strlen(out->buf);
        snprintf(out->buf + n, sizeof out->buf - n, "%s%s",
                 n ? "; " : "Sources: ", item);
    }
    if (hs->full)
        chart_src_text(out, "and other sources");
}

#define FLAGGED                                                               \
    (DS_FLAG_ESTIMATE | DS_FLAG_PROJECTION | DS_FLAG_DRAFT |                  \
     DS_FLAG_APPROXIMATE | DS_FLAG_UNCERTAIN)

ds_status
ds_chart_history(ds_plot *p, const ds_store *st, const char *iso3, int from,
              int to, ds_error *err)
{
    ds_query qs = {iso3, "milex_gdp_pct", 0, NULL, NULL, NULL, NULL, 0, DS_ACTUALS_ONLY};
    ds_query qm = {iso3, "milex", 0, "USD", NULL, NULL, NULL, 0, DS_ACTUALS_ONLY};
    int ys[MAX_YEARS], ym[MAX_YEARS];
    size_t ns = 0, nm = 0;
    if (ds_store_years(st, &qs, ys, MAX_YEARS, &ns, NULL) != DS_OK)
        ns = 0;
    if (ds_store_years(st, &qm, ym, MAX_YEARS, &nm, NULL) != DS_OK)
        nm = 0;
    if (ns > MAX_YEARS)
        ns = MAX_YEARS;
    if (nm > MAX_YEARS)
        nm = MAX_YEARS;
    int lo = 99999, hi = -99999;
    for (size_t i = 0; i < ns; i++) {
        lo = ys[i] < lo ? ys[i] : lo;
        hi = ys[i] > hi ? ys[i] : hi;
    }
    for (size_t i = 0; i < nm; i++) {
        lo = ym[i] < lo ? ym[i] : lo;
        hi = ym[i] > hi ? ym[i] : hi;
    }
    if (from && from > lo)
        lo = from;
    if (to && to < hi)
        hi = to;
    if (lo > hi) {
        return ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                             "no military expenditure for %s in the store%s",
                             iso3, from || to ? " in the years asked" : "");
    }
    const char *cols[] = {"year", "share_pct", "share_pct_flagged",
                          "milex_usd_bn", "milex_usd_bn_flagged"};
    TRY(ds_plot_set_columns(p, cols, 5, err));
    chart_srcs src = {""};
    hist_srcs hs;
    hs.n = 0;
    hs.full = 0;
    double maxs = 0;
    int end_s = 0, end_m = 0;      /* last year of each series */
    double endv_s = NAN, endv_m = NAN;
    int any_fs = 0, any_fm = 0;
    double last_s = NAN, last_m = NAN;
    for (int y = lo; y <= hi; y++) {
        const ds_obs *os = NULL, *om = NULL;
        qs.year = qm.year = y;
        if (ds_store_find(st, &qs, &os, NULL) != DS_OK)
            os = NULL;
        if (ds_store_find(st, &qm, &om, NULL) != DS_OK)
            om = NULL;
        double row[5] = {y, NAN, NAN, NAN, NAN};
        if (os) {
            if (os->flags & FLAGGED) {
                row[2] = os->value;
                any_fs = 1;
                if (isfinite(last_s)) {
                    /* the flagged line starts at the last actual point */
                    double prev[5] = {y - 1, NAN, last_s, NAN, NAN};
                    TRY(ds_plot_add_row(p, prev, "", err));
                    last_s = NAN;
                }
            } else {
                row[1] = last_s = os->value;
            }
            maxs = os->value > maxs ? os->value : maxs;
            hist_src_add(&hs, Q_SHARE, os);
            end_s = y;
            endv_s = os->value;
        }
        if (om) {
            double v = om->value / 1e9;
            if (om->flags & FLAGGED) {
                row[4] = v;
                any_fm = 1;
                if (isfinite(last_m)) {
                    double prev[5] = {y - 1, NAN, NAN, NAN, last_m};
                    TRY(ds_plot_add_row(p, prev, "", err));
                    last_m = NAN;
                }
            } else {
                row[3] = last_m = v;
            }
            hist_src_add(&hs, Q_USD, om);
            end_m = y;
            endv_m = v;
        }
        /* the flagged line starts at the previous year's actual point
         * only: an actual years back is not joined to an estimate */
        if (!os)
            last_s = NAN;
        if (!om)
            last_m = NAN;
        char fl[128] = "";
        if (om)
            ds_flags_format(om->flags, fl, sizeof fl);
        TRY(ds_plot_add_row(p, row, fl, err));
    }
    /* two panels: the share with its reference lines above, US$ below
     * on an axis of its own, so the US$ line never crosses the 2/3/3.5/5%
     * lines and reads as a share (issue 16, item 2) */
    TRY(ds_plot_set_panels(p, 2, err));
    TRY(chart_layer(p, DS_PLOT_LINESPOINTS, 0, 1, 0, 1, 0, 0, 7, 0,
                 "% of GDP (top panel)", err));
    if (any_fs)
        TRY(chart_layer(p, DS_PLOT_LINESPOINTS, 0, 2, 0, 1, 1, 0, 6, 0,
                     "% of GDP: estimate, draft or projection (top)", err));
    TRY(chart_layer(p, DS_PLOT_LINESPOINTS, 0, 3, 0, 2, 0, 1, 5, 0,
                 "current US$ bn (bottom panel)", err));
    if (any_fm)
        TRY(chart_layer(p, DS_PLOT_LINESPOINTS, 0, 4, 0, 2, 1, 1, 4, 0,
                     "US$ bn: estimate, draft or projection (bottom)",
                     err));
    /* a series that stops before the chart does says so at its last
     * point; near the right edge the note goes above the point */
    double near = hi - (hi - lo) * 0.15;
    char endt[64];
    if (end_s && end_s < hi) {
        snprintf(endt, sizeof endt, "series ends %d", end_s);
        TRY(ds_plot_add_note(p, end_s, endv_s, end_s > near ? 1 : 2, endt,
                             err));
    }
    if (end_m && end_m < hi) {
        snprintf(endt, sizeof endt, "series ends %d", end_m);
        TRY(ds_plot_add_note_y2(p, end_m, endv_m, end_m > near ? 1 : 2,
                                endt, err));
    }
    static const double refs[] = {1, 2, 3, 3.5, 5};
    for (size_t i = 0; i < 5; i++) {
        char t[16];
        snprintf(t, sizeof t, "%g%%", refs[i]);
        TRY(ds_plot_add_refline(p, 'y', refs[i], "", err));
        TRY(ds_plot_add_tic(p, 'y', refs[i], t, err));
    }
    TRY(ds_plot_add_tic(p, 'y', 0, "0%", err));
    for (double v = 10; v < maxs * 1.1; v += 5) {
        char t[16];
        snprintf(t, sizeof t, "%g%%", v);
        TRY(ds_plot_add_tic(p, 'y', v, t, err));
    }
    TRY(ds_plot_set_axis(p, 'y', 0, maxs * 1.1 > 5.5 ? maxs * 1.1 : 5.5, NULL,
                         err));
    TRY(ds_plot_set_axis(p, 'Y', 0, NAN, NULL, err));
    TRY(ds_plot_set_axis(p, 'x', lo - 0.5, hi + 0.5, NULL, err));
    const ds_countries *cs = ds_store_countries(st);
    const ds_country *ct = NULL;
    if (cs && ds_countries_lookup(cs, iso3, &ct, NULL) != DS_OK)
        ct = NULL;
    char t[128];
    snprintf(t, sizeof t, "military expenditure, %d-%d", lo, hi);
    TRY(chart_title(p, ct ? ct->name : iso3, iso3, t, err));
    TRY(ds_plot_set_text(p, DS_PLOT_XLABEL,
                         "year (calendar; fiscal years by their label year)",
                         err));
    TRY(ds_plot_set_text(p, DS_PLOT_YLABEL,
                         "% of GDP", err));
    TRY(ds_plot_set_text(p, DS_PLOT_Y2LABEL,
                         "current US$ bn", err));
    hist_src_line(&hs, &src);
    return chart_src_set(p, &src, err);
}

ds_status
ds__chart_build_history(ds_plot *p, const ds_store *st,
                        const ds_chart_spec *spec, ds_error *err)
{
    return ds_chart_history(p, st, spec->country, spec->from, spec->to, err);
}
