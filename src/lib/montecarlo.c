/* montecarlo.c - Monte Carlo bands around a projection.
 *
 * Each path multiplies the central GDP path by exp(sum of annual shocks),
 * shocks N(d, sd^2) with d the gap between the requested mean growth and
 * the projection's (0 by default, so the median path is the central
 * projection); the exchange rate optionally follows a driftless log random
 * walk.  Spending on a path is the path's share of that path's GDP, so its
 * bands are share * GDP bands.  Promises: the caller's gsl_rng is the only
 * source of randomness (same seed, same figures); memory is O(draws), not
 * O(draws * years); percentiles come from selection (expected O(draws) per
 * year), never a full sort.
 */
#include <assert.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "internal.h"

static const double pcts[DS_SIM_NBANDS] = {5, 25, 50, 75, 95};

const double *
ds_sim_percentiles(void)
{
    return pcts;
}

static inline void
swapd(double *a, ptrdiff_t i, ptrdiff_t j)
{
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
}

/* Reorder a[0..n) so that a[k] is the k-th smallest, everything before it
 * <= it and everything after >= it (Hoare quickselect, median of three). */
static void
select_k(double *a, size_t n, size_t k)
{
    ptrdiff_t lo = 0, hi = (ptrdiff_t)n - 1, kk = (ptrdiff_t)k;
    while (hi > lo) {
        ptrdiff_t mid = lo + (hi - lo) / 2;
        if (a[mid] < a[lo])
            swapd(a, lo, mid);
        if (a[hi] < a[lo])
            swapd(a, lo, hi);
        if (a[hi] < a[mid])
            swapd(a, mid, hi);
        if (hi - lo < 3)
            return; /* sorted by the three compares */
        double pv = a[mid];
        ptrdiff_t i = lo, j = hi;
        while (i <= j) {
            while (a[i] < pv)
                i++;
            while (a[j] > pv)
                j--;
            if (i <= j) {
                swapd(a, i, j);
                i++;
                j--;
            }
        }
        if (kk <= j)
            hi = j;
        else if (kk >= i)
            lo = i;
        else
            return;
    }
}

static double
min_of(const double *a, size_t from, size_t to)
{
    double m = a[from];
    for (size_t i = from + 1; i < to; i++)
        if (a[i] < m)
            m = a[i];
    return m;
}

double
ds_select_percentile(double *v, size_t n, double pct)
{
    if (n == 0 || !(pct >= 0) || pct > 100)
        return NAN;
    double h = (double)(n - 1) * pct / 100.0;
    size_t k = (size_t)h;
    if (k >= n - 1)
        k = n - 1;
    select_k(v, n, k);
    double lo = v[k];
    if (h <= (double)k || k + 1 >= n)
        return lo;
    double hi = min_of(v, k + 1, n);
    return lo + (h - (double)k) * (hi - lo);
}

static int
cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* All five bands of a big v[0..n) from one pass, v untouched: a stride
 * sample of 4096 values gives each band a value range [lo, hi] that holds
 * its order statistics k and k+1 with near certainty (the range is +-160
 * sample ranks, about 9 standard deviations of the sample rank); the pass
 * counts the values below each range and copies those inside it, and a
 * selection in the copy finishes.  Order statistics do not depend on how
 * they are found, so the bands are exactly those of the selection below.
 * Returns 0, having written nothing, when a range misses its order
 * statistics, ranges overlap, a value is NaN or memory is short. */
static int
bands_sampled(const double *v, size_t n, double out[DS_SIM_NBANDS])
{
    enum { M = 4096, D = 160 };
    if (n < 16 * M)
        return 0;
    double smp[M], lo[DS_SIM_NBANDS], hi[DS_SIM_NBANDS];
    size_t below[DS_SIM_NBANDS] = {0}, cnt[DS_SIM_NBANDS] = {0}, above = 0;
    for (size_t i = 0; i < M; i++) {
        smp[i] = v[i * n / M];
        if (isnan(smp[i]))
            return 0;
    }
    qsort(smp, M, sizeof *smp, cmp_double);
    for (int b = 0; b < DS_SIM_NBANDS; b++) {
        size_t r = (size_t)(pcts[b] / 100.0 * (M - 1));
        lo[b] = r >= D ? smp[r - D] : -INFINITY;
        hi[b] = r + D < M ? smp[r + D] : INFINITY;
        if (b && !(lo[b] > hi[b - 1]))
            return 0;
    }
    size_t cap = n / 6;
    double *buf = malloc(DS_SIM_NBANDS * cap * sizeof *buf);
    if (!buf)
        return 0;
    int ok = 1;
    for (size_t i = 0; i < n && ok; i++) {
        double x = v[i];
        for (int b = 0; b < DS_SIM_NBANDS; b++) {
            below[b] += x < lo[b];
            if (x >= lo[b] && x <= hi[b]) {
                if (cnt[b] == cap) {
                    ok = 0;
                    break;
                }
                buf[b * cap + cnt[b]++] = x;
            }
        }
        above += x > hi[DS_SIM_NBANDS - 1];
    }
    /* every value counted once: no NaN slipped through */
    if (ok && below[DS_SIM_NBANDS - 1] + cnt[DS_SIM_NBANDS - 1] + above != n)
        ok = 0;
    double res[DS_SIM_NBANDS];
    for (int b = 0; b < DS_SIM_NBANDS && ok; b++) {
        double h = (double)(n - 1) * pcts[b] / 100.0;
        size_t k = (size_t)h;
        if (k > n - 1)
            k = n - 1;
        size_t need = k + 1 < n ? k + 1 : k; /* the last index needed */
        if (k < below[b] || need >= below[b] + cnt[b]) {
            ok = 0;
            break;
        }
        double *w = buf + b * cap;
        size_t j = k - below[b];
        select_k(w, cnt[b], j);
        double l = w[j], u = need > k ? min_of(w, j + 1, cnt[b]) : l;
        res[b] = l + (h - (double)k) * (u - l);
    }
    free(buf);
    if (ok)
        memcpy(out, res, sizeof res);
    return ok;
}

/* All five bands of v[0..n), v reordered: the highest first, each next
 * selection inside the part below the previous one. */
static void
bands(double *v, size_t n, double out[DS_SIM_NBANDS])
{
    if (ds__csv_fast && bands_sampled(v, n, out))
        return;
    size_t pk = n;         /* index picked by the previous (higher) band */
    double plo = 0, phi = 0; /* its order statistics k and k+1 */
    for (int b = DS_SIM_NBANDS - 1; b >= 0; b--) {
        double h = (double)(n - 1) * pcts[b] / 100.0;
        size_t k = (size_t)h;
        if (k > n - 1)
            k = n - 1;
        double lo, hi;
        if (k == pk) {
            lo = plo;
            hi = phi;
        } else {
            /* v[0..pk) holds the pk smallest values */
            select_k(v, pk, k);
            lo = v[k];
            if (k + 1 < pk)
                hi = min_of(v, k + 1, pk);
            else if (pk < n)
                hi = plo;
            else
                hi = lo;
        }
        out[b] = lo + (h - (double)k) * (hi - lo);
        pk = k;
        plo = lo;
        phi = hi;
    }
}

void
ds_simulation_free(ds_simulation *s)
{
    if (!s)
        return;
    free(s->years);
    free(s->targets);
    free(s);
}

ds_status
ds_projection_simulate(const ds_projection *p, const ds_sim_spec *sp,
                       gsl_rng *rng, ds_simulation **out, ds_error *err)
{
    assert(p && sp && rng && out);
    size_t N = sp->n_draws;
    if (N == 0 || N > (size_t)1 << 31)
        return ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                             "number of draws must be 1 to 2147483648");
    double sd = sp->growth_sd, fsd = sp->fx_sd;
    ds_simulation *s = calloc(1, sizeof *s);
    if (!s)
        return ds__error_set(err, DS_ENOMEM, NULL, 0, 0, "out of memory");
    ds_status r = DS_OK;
    double *lg = NULL, *lf = NULL, *scr = NULL, *cum = NULL;
    s->n_draws = N;
    s->rng_name = gsl_rng_name(rng);
    if (isnan(sd)) {
        if (!p->has_fit || !isfinite(p->fit.log_sd)) {
            r = ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                              "no GDP history to estimate the volatility "
                              "of growth; give it with --growth-sd");
            goto fail;
        }
        sd = p->fit.log_sd;
        snprintf(s->growth_sd_basis, sizeof s->growth_sd_basis,
                 "sd of annual log growth of GDP in %s %d-%d (%s, vintage %s)",
                 p->fit.currency, p->fit.first_year, p->fit.last_year,
                 p->fit.source, p->fit.vintage);
    } else {
        snprintf(s->growth_sd_basis, sizeof s->growth_sd_basis,
                 "given by the user");
    }
    if (!isfinite(sd) || sd < 0) {
        r = ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                          "growth sd must be a finite number >= 0");
        goto fail;
    }
    if (p->lcu_only_usd)
        fsd = 0;
    if (isnan(fsd)) {
        if (!p->has_fx_fit || !isfinite(p->fx_fit.log_sd)) {
            r = ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                              "no exchange-rate history to estimate its "
                              "volatility; give it with --fx-sd");
            goto fail;
        }
        fsd = p->fx_fit.log_sd;
        snprintf(s->fx_sd_basis, sizeof s->fx_sd_basis,
                 "sd of annual log change of the official rate %d-%d (%s, "
                 "vintage %s)",
                 p->fx_fit.first_year, p->fx_fit.last_year, p->fx_fit.source,
                 p->fx_fit.vintage);
    } else if (fsd == 0) {
        snprintf(s->fx_sd_basis, sizeof s->fx_sd_basis,
                 "rate held at its start value");
    } else {
        snprintf(s->fx_sd_basis, sizeof s->fx_sd_basis, "given by the user");
    }
    if (!isfinite(fsd) || fsd < 0) {
        r = ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                          "exchange-rate sd must be a finite number >= 0");
        goto fail;
    }
    double gm = isfinite(sp->growth_mean_pct) ? sp->growth_mean_pct
                                               : p->growth_pct;
    if (!(gm > -100.0)) {
        r = ds__error_set(err, DS_EINVAL, NULL, 0, 0,
                          "mean growth must be above -100%%");
        goto fail;
    }
    double d = log1p(gm / 100.0) - log1p(p->growth_pct / 100.0);
    s->growth_mu = log1p(gm / 100.0);
    s->growth_sd = sd;
    s->fx_sd = fsd;

    size_t K = p->n_targets, Y = p->n_years;
    int have_base = isfinite(p->baseline_lcu);
    s->n_years = Y;
    s->n_targets = K;
    s->years = calloc(Y, sizeof *s->years);
    s->targets = calloc(K ? K : 1, sizeof *s->targets);
    lg = calloc(N, sizeof *lg);
    scr = malloc(N * sizeof *scr);
    if (fsd > 0)
        lf = calloc(N, sizeof *lf);
    if (have_base && K)
        cum = calloc(2 * K * N, sizeof *cum);
    if (!s->years || !s->targets || !lg || !scr || (fsd > 0 && !lf) ||
        (have_base && K && !cum)) {
        r = ds__error_set(err, DS_ENOMEM, NULL, 0, 0,
                          "out of memory for %zu draws", N);
        goto fail;
    }
    double rate0 = p->lcu_per_usd, B = p->baseline_lcu;
    for (size_t i = 0; i < Y; i++) {
        const ds_project_year *py = &p->years[i];
        ds_sim_year *sy = &s->years[i];
        sy->year = py->year;
        double logc = log(py->gdp_lcu) + (double)i * d;
        if (i == 0) {
            for (int b = 0; b < DS_SIM_NBANDS; b++) {
                sy->gdp_lcu[b] = py->gdp_lcu;
                sy->gdp_usd[b] = py->gdp_usd;
            }
            sy->gdp_lcu_mean = py->gdp_lcu;
            continue;
        }
        for (size_t n = 0; n < N; n++)
            lg[n] += gsl_ran_gaussian_ziggurat(rng, sd);
        if (lf)
            for (size_t n = 0; n < N; n++)
                lf[n] += gsl_ran_gaussian_ziggurat(rng, fsd);
        double c = exp(logc), sum = 0;
        for (size_t n = 0; n < N; n++) {
            double gdp = c * exp(lg[n]);
            sum += gdp;
            if (cum) {
                double rt = lf ? rate0 * exp(lf[n]) : rate0;
                for (size_t k = 0; k < K; k++) {
                    double sh = p->cells[k * Y + i].share_pct / 100.0;
                    double e = sh * gdp - B;
                    cum[(2 * k) * N + n] += e;
                    cum[(2 * k + 1) * N + n] += e / rt;
                }
            }
        }
        sy->gdp_lcu_mean = sum / (double)N;
        double q[DS_SIM_NBANDS];
        memcpy(scr, lg, N * sizeof *scr);
        bands(scr, N, q);
        for (int b = 0; b < DS_SIM_NBANDS; b++)
            sy->gdp_lcu[b] = c * exp(q[b]);
        if (lf) {
            for (size_t n = 0; n < N; n++)
                scr[n] = lg[n] - lf[n];
            bands(scr, N, q);
            for (int b = 0; b < DS_SIM_NBANDS; b++)
                sy->gdp_usd[b] = c * exp(q[b]) / rate0;
        } else {
            for (int b = 0; b < DS_SIM_NBANDS; b++)
                sy->gdp_usd[b] = sy->gdp_lcu[b] / rate0;
        }
    }
    /* the target year: probabilities and cumulative bands */
    double logcT = log(p->years[Y - 1].gdp_lcu) + (double)(Y - 1) * d;
    for (size_t k = 0; k < K; k++) {
        ds_sim_target *t = &s->targets[k];
        double tgt = p->targets_pct[k] / 100.0;
        t->target_pct = p->targets_pct[k];
        t->planned_spend_lcu = p->cells[k * Y + Y - 1].spend_lcu;
        double lim_p = log(t->planned_spend_lcu / tgt) - logcT;
        double lim_b = have_base && B > 0 ? log(B / tgt) - logcT : NAN;
        size_t np = 0, nb = 0;
        for (size_t n = 0; n < N; n++) {
            np += lg[n] <= lim_p;
            nb += lg[n] <= lim_b;
        }
        t->p_planned_reaches = (double)np / (double)N;
        t->p_baseline_reaches = have_base ? (double)nb / (double)N : NAN;
        if (cum) {
            bands(cum + (2 * k) * N, N, t->cum_extra_lcu);
            bands(cum + (2 * k + 1) * N, N, t->cum_extra_usd);
        } else {
            for (int b = 0; b < DS_SIM_NBANDS; b++)
                t->cum_extra_lcu[b] = t->cum_extra_usd[b] = NAN;
        }
    }
    free(lg);
    free(lf);
    free(scr);
    free(cum);
    *out = s;
    return DS_OK;

fail:
    free(lg);
    free(lf);
    free(scr);
    free(cum);
    ds_simulation_free(s);
    return r;
}
