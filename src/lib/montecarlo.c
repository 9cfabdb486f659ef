/* montecarlo.c - Monte Carlo bands around a projection.
 *
 * Each path multiplies the central GDP path by exp(sum of annual shocks),
 * shocks N(d, sd^2) with d the gap between the requested mean growth and
 * the projection's (0 by default, so the median path is the central
 * projection); the exchange rate optionally follows a driftless log random
 * walk.  Spending on a path is the path's share of that path's GDP, so its
 * bands are share * GDP bands, except in years with a decided budget: an
 * amount in local currency, the same on every draw.  For each target the spending needed in
 * the target year to reach it with probability q is target * the q-th
 * quantile of that year's simulated GDP; the probability that the
 * projection's plan (a fixed spending in the target year) reaches it is
 * the share of draws whose GDP is at most plan / target.
 *
 * Promises: the caller's gsl_rng is the only source of randomness: it
 * draws one seed per block of BLOCK draws, in block order, and each block
 * runs its own xoshiro256++ stream from that seed, its normals from an
 * inline ziggurat (below; five times as fast as GSL's ziggurat on taus2,
 * which cost a third of the run in function calls).  Blocks go to
 * worker threads in any order, every sum is formed per block and the block
 * sums are added in block order, so the figures depend on the seed and the
 * number of draws, never on the number of threads (nor on the CPU: the
 * vector loops of montecarlo_kernels.c give the same bits with and
 * without AVX2).  Memory is O(draws) plus about 20 sqrt(draws) values a
 * year, not O(draws * years).  Percentiles are exact order statistics of
 * all the draws, found without sorting.  From FAST_MIN draws on, one pass
 * takes each block through all its years while its values stay in cache;
 * a year's log gaps are normal with a known sd, so it counts the values
 * below a window around each order statistic a band needs and keeps the
 * few inside, and a selection among those finishes (see "the one-pass
 * bands" below).  Otherwise, and should a rank fall outside its window,
 * the year-by-year passes: each block counts its values into NB bins (a
 * monotone map of the value), the merged counts name the few bins that
 * hold the order statistics a band needs, the next look at the values
 * (fused with the next year's draws) gathers those bins' values, and a
 * selection among them finishes.
 */
#include <assert.h>
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_rng.h>

#include "internal.h"
#include "montecarlo_kernels.h"

int ds__mc_fast = 1;
double ds__mc_window_sigmas = 6;
int ds__mc_last_path = -1;

static const double pcts[DS_SIM_NBANDS] = {5, 25, 50, 75, 95};
static const double probs[DS_SIM_NPROB] = {50, 90, 95};

const double *
ds_sim_percentiles(void)
{
    return pcts;
}

const double *
ds_sim_probabilities(void)
{
    return probs;
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

/* ---- the draws: xoshiro256++ streams and a 256-layer ziggurat ----
 *
 * Each block of draws runs its own xoshiro256++ generator (Blackman and
 * Vigna), its 256-bit state filled by splitmix64 from the block's seed.
 * Normals come from a ziggurat of 256 layers (Marsaglia and Tsang 2000,
 * r = 3.6541528853610088, layer area v = 0.00492867323399) built here at
 * first use from those two constants; one 64-bit word gives the layer
 * (bits 0-7), the sign (bit 8) and a 53-bit uniform (bits 11-63), so the
 * layer and the uniform are independent bits (the correlation Leong et al.
 * 2005 found in the original code does not arise).  About 99% of draws
 * take the fast path: one generator step, one integer compare, one
 * multiplication, all inline.  The wedges and the tail (Marsaglia's
 * exponential method) are exact. */
#define ZIG_R 3.6541528853610088
#define ZIG_V 4.92867323399e-3

static uint64_t zig_k[256]; /* accept j < k[i] at once */
static double zig_w[256];   /* x = j * w[i] */
static double zig_f[257];   /* exp(-x_i^2 / 2) at the layer edges */
static pthread_once_t zig_once = PTHREAD_ONCE_INIT;

static void
zig_init(void)
{
    double x[257];
    const double two53 = 9007199254740992.0;
    x[0] = ZIG_V / exp(-0.5 * ZIG_R * ZIG_R); /* base strip incl. tail */
    x[1] = ZIG_R;
    for (int i = 1; i < 255; i++)
        x[i + 1] = sqrt(-2.0 * log(ZIG_V / x[i] + exp(-0.5 * x[i] * x[i])));
    x[256] = 0;
    for (int i = 0; i < 256; i++) {
        zig_k[i] = (uint64_t)(x[i + 1] / x[i] * two53);
        zig_w[i] = x[i] / two53;
    }
    for (int i = 0; i <= 256; i++)
        zig_f[i] = exp(-0.5 * x[i] * x[i]);
}

static inline uint64_t
rotl64(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static inline uint64_t
xo_next(ds__sim_rng *g)
{
    uint64_t *s = g->s;
    uint64_t r = rotl64(s[0] + s[3], 23) + s[0];
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl64(s[3], 45);
    return r;
}

/* Uniform in (0, 1]: never 0, for the logs of the tail. */
static inline double
xo_uniform_pos(ds__sim_rng *g)
{
    return (double)((xo_next(g) >> 11) + 1) * (1.0 / 9007199254740992.0);
}

void
ds__sim_rng_seed(ds__sim_rng *g, uint64_t seed)
{
    pthread_once(&zig_once, zig_init);
    uint64_t z = seed;
    for (int i = 0; i < 4; i++) { /* splitmix64 */
        z += 0x9E3779B97F4A7C15u;
        uint64_t y = z;
        y = (y ^ (y >> 30)) * 0xBF58476D1CE4E5B9u;
        y = (y ^ (y >> 27)) * 0x94D049BB133111EBu;
        g->s[i] = y ^ (y >> 31);
    }
}

/* The draws the fast path turns down: the tail or a wedge; u is the word
 * that was turned down. */
static double
zig_slow(ds__sim_rng *g, uint64_t u)
{
    for (;;) {
        unsigned i = (unsigned)(u & 0xff);
        double sign = (u >> 8) & 1 ? -1.0 : 1.0;
        uint64_t j = u >> 11;
        if (j < zig_k[i])
            return sign * ((double)j * zig_w[i]);
        if (i == 0) {
            double a, b;
            do {
                a = -log(xo_uniform_pos(g)) / ZIG_R;
                b = -log(xo_uniform_pos(g));
            } while (b + b < a * a);
            return sign * (ZIG_R + a);
        }
        double x = (double)j * zig_w[i];
        double y = zig_f[i] + (zig_f[i + 1] - zig_f[i]) *
                                  ((double)(xo_next(g) >> 11) *
                                   (1.0 / 9007199254740992.0));
        if (y < exp(-0.5 * x * x))
            return sign * x;
        u = xo_next(g);
    }
}

static inline double
zig_normal(ds__sim_rng *g)
{
    uint64_t u = xo_next(g);
    unsigned i = (unsigned)(u & 0xff);
    uint64_t j = u >> 11;
    if (__builtin_expect(j < zig_k[i], 1)) {
        double x = (double)j * zig_w[i];
        return (u >> 8) & 1 ? -x : x;
    }
    return zig_slow(g, u);
}

double
ds__sim_normal(ds__sim_rng *g)
{
    return zig_normal(g);
}

/* g[j] += sd * (the next normal of r), j < n: zig_normal's draws in the
 * same order and with the same bits, with the generator's state held in
 * registers (stored only around the rare slow path) and the sign put in
 * with sd or -sd, loaded by the sign bit, instead of a branch that goes
 * each way half the time. */
static void
add_normals(ds__sim_rng *r, double *restrict g, size_t n, double sd)
{
    uint64_t s0 = r->s[0], s1 = r->s[1], s2 = r->s[2], s3 = r->s[3];
    const double sds[2] = {sd, -sd};
    for (size_t j = 0; j < n; j++) {
        uint64_t u = rotl64(s0 + s3, 23) + s0;
        uint64_t t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = rotl64(s3, 45);
        unsigned i = (unsigned)(u & 0xff);
        uint64_t k = u >> 11;
        if (__builtin_expect(k < zig_k[i], 1)) {
            /* sd * (+-x) == x * (+-sd): IEEE products are symmetric in
             * sign */
            g[j] += ((double)k * zig_w[i]) * sds[(u >> 8) & 1];
            continue;
        }
        r->s[0] = s0;
        r->s[1] = s1;
        r->s[2] = s2;
        r->s[3] = s3;
        double x = zig_slow(r, u);
        s0 = r->s[0];
        s1 = r->s[1];
        s2 = r->s[2];
        s3 = r->s[3];
        g[j] += sd * x;
    }
    r->s[0] = s0;
    r->s[1] = s1;
    r->s[2] = s2;
    r->s[3] = s3;
}

enum {
    BLOCK = 16384,          /* draws per generator stream */
    NB = 2048,              /* bins of a band histogram */
    NT = 2 * DS_SIM_NBANDS, /* bins a plan can need: two per band */
    MAX_THREADS = 64,
    FAST_MIN = 32768 /* draws from which the one-pass bands are used */
};

/* Index and interpolation weight of band b among n values, as
 * ds_select_percentile. */
static size_t
band_rank(size_t n, int b, double *h)
{
    *h = (double)(n - 1) * pcts[b] / 100.0;
    size_t k = (size_t)*h;
    return k > n - 1 ? n - 1 : k;
}

/* The bin of x: monotone in x for scale > 0; NaN goes to bin 0.  Simple
 * enough for gcc to vectorise a loop of it. */
static inline uint32_t
bin_of(double x, double scale, double off)
{
    double t = x * scale + off;
    t = t >= 0 ? t : 0;
    t = t <= NB - 1 ? t : NB - 1;
    return (uint32_t)(int32_t)t;
}

/* Exact bands of one series of n values held block by block.  A year's
 * histogram uses (scale, off); plan() fixes the bins to gather and copies
 * the map to (gscale, goff), which the gathering pass uses while the next
 * year is histogrammed with a new map. */
typedef struct series {
    double scale, off;      /* map of the values being counted */
    double gscale, goff;    /* map of the values being gathered */
    uint32_t *hist;         /* [block][NB] counts */
    size_t *cur;            /* [block][NT] next write position in buf */
    double *buf;            /* gathered values, room for all n */
    size_t nt;              /* target bins */
    size_t tb[NT];          /* the target bins */
    size_t below[NT];       /* values in bins below tb[t] */
    size_t seg[NT + 1];     /* tb[t]'s values: buf[seg[t] .. seg[t+1]) */
    size_t pre[NB + 1];     /* merged counts: values in bins below i */
    unsigned char tag[NB];  /* 1 + t for target bin t, else 0 */
} series;

static void
map_sd(series *s, double sdv)
{
    double sc = (NB / 16) / sdv; /* bins cover +-8 sd */
    s->scale = sc > 0 && isfinite(sc) ? sc : 1;
    s->off = NB / 2;
}

static void
map_range(series *s, double lo, double hi)
{
    double sc = (NB - 1) / (hi - lo);
    if (isfinite(lo) && isfinite(hi) && sc > 0 && isfinite(sc) &&
        isfinite(-lo * sc)) {
        s->scale = sc;
        s->off = -lo * sc;
    } else {
        s->scale = 1;
        s->off = 0;
    }
}

/* The target bin holding rank r (0-based) of the merged values. */
static size_t
target_of(const series *s, size_t r)
{
    for (size_t t = 0; t < s->nt; t++)
        if (r >= s->below[t] && r < s->below[t] + s->seg[t + 1] - s->seg[t])
            return t;
    assert(0 && "rank outside the target bins");
    return 0;
}

/* Merge the block counts; choose the bins holding order statistics k and
 * k + 1 of every band, their places in buf and every block's cursors. */
static void
plan(series *s, size_t nblk, size_t n)
{
    memset(s->pre, 0, sizeof s->pre);
    for (size_t b = 0; b < nblk; b++) {
        const uint32_t *h = s->hist + b * NB;
        for (size_t i = 0; i < NB; i++)
            s->pre[i + 1] += h[i];
    }
    for (size_t i = 0; i < NB; i++)
        s->pre[i + 1] += s->pre[i];
    assert(s->pre[NB] == n);
    memset(s->tag, 0, sizeof s->tag);
    s->nt = 0;
    s->seg[0] = 0;
    for (int b = 0; b < DS_SIM_NBANDS; b++) {
        double h;
        size_t k = band_rank(n, b, &h);
        for (size_t r = k; r <= k + 1 && r < n; r++) {
            size_t bin = 0;
            while (s->pre[bin + 1] <= r)
                bin++;
            if (s->tag[bin])
                continue;
            size_t t = s->nt++;
            s->tb[t] = bin;
            s->below[t] = s->pre[bin];
            s->seg[t + 1] = s->seg[t] + (s->pre[bin + 1] - s->pre[bin]);
            s->tag[bin] = (unsigned char)(t + 1);
        }
    }
    for (size_t t = 0; t < s->nt; t++) {
        size_t at = s->seg[t];
        for (size_t b = 0; b < nblk; b++) {
            s->cur[b * NT + t] = at;
            at += s->hist[b * NB + s->tb[t]];
        }
    }
    s->gscale = s->scale;
    s->goff = s->off;
}

/* Values one thread kept in one year's windows (PH_FAST). */
typedef struct gath {
    double *v;        /* the values, in no particular order */
    unsigned char *w; /* the window of each */
    size_t len, cap;
} gath;

/* Per-thread scratch, one block long, and the fast pass's tallies. */
typedef struct scratch {
    double *z, *u;      /* levels, differences */
    uint32_t *bin;      /* bins; indices of values inside a window */
    uint64_t *below[2]; /* PH_FAST: [year][DS__MC_MAXW] values below each
                           window, of lg and of lg - lf */
    gath *got[2];       /* PH_FAST: [year] values inside a window */
    int over;           /* PH_FAST: a buffer is full or could not grow */
} scratch;

/* Copy the values of x[0..n) (block blk) in s's target bins to buf. */
static void
gather(series *s, size_t blk, const double *x, size_t n, uint32_t *bin)
{
    const double sc = s->gscale, of = s->goff;
    for (size_t j = 0; j < n; j++)
        bin[j] = bin_of(x[j], sc, of);
    size_t *cur = s->cur + blk * NT;
    for (size_t j = 0; j < n; j++) {
        unsigned t = s->tag[bin[j]];
        if (t)
            s->buf[cur[t - 1]++] = x[j];
    }
}

/* Count x[0..n) into h (NB bins) with s's current map. */
static void
count(const series *s, uint32_t *h, const double *x, size_t n,
      uint32_t *bin)
{
    const double sc = s->scale, of = s->off;
    memset(h, 0, NB * sizeof *h);
    for (size_t j = 0; j < n; j++)
        bin[j] = bin_of(x[j], sc, of);
    for (size_t j = 0; j < n; j++)
        h[bin[j]]++;
}

/* The bands from the gathered values (reordered). */
static void
finish(series *s, size_t n, double out[DS_SIM_NBANDS])
{
    for (int b = 0; b < DS_SIM_NBANDS; b++) {
        double h;
        size_t k = band_rank(n, b, &h);
        size_t t = target_of(s, k);
        double *w = s->buf + s->seg[t];
        size_t len = s->seg[t + 1] - s->seg[t], j = k - s->below[t];
        select_k(w, len, j);
        double lo = w[j], hi = lo;
        if (k + 1 < n) {
            if (j + 1 < len) {
                hi = min_of(w, j + 1, len);
            } else {
                size_t u = target_of(s, k + 1);
                hi = min_of(s->buf + s->seg[u], 0,
                            s->seg[u + 1] - s->seg[u]);
            }
        }
        out[b] = lo + (h - (double)k) * (hi - lo);
    }
}

enum phase {
    PH_FAST,   /* every year of a block: draw, windows, levels, sums */
    PH_KEPT,   /* a year's bands from its kept values (items: years) */
    PH_YEAR,   /* gather last year's values, draw this year's, count */
    PH_GATHER, /* gather the last year's values */
    PH_RANGE,  /* min and max of arr per block */
    PH_HIST,   /* count arr into C */
    PH_COLLECT /* gather arr's values of C's bins */
};

/* Windows of one series (lg, or lg - lf) around the order statistics a
 * year's bands need, in sd of that year's distribution, sorted and
 * disjoint. */
typedef struct wins {
    size_t nw;
    double lo[DS__MC_MAXW], hi[DS__MC_MAXW];
} wins;

typedef struct sim {
    size_t N, nblk, K, Y;
    double sd, fsd, rate0, B;
    const ds__mc_kernels *kn; /* the vector loops (baseline or AVX2) */
    ds__sim_rng *rngs;    /* one stream per block */
    double *lg;           /* log gap of GDP from the central path (N) */
    double *lf;           /* log change of the rate (N), NULL if held */
    double *cum;          /* [K][N] cumulative extra LCU, then [K][N] US$
                             if lf; NULL without baseline or targets */
    const double *cy;     /* [Y] central GDP of the year, LCU */
    const double *sharey; /* [Y][K] share of GDP of the year, fraction */
    const double *fixedy; /* [Y] the year's decided budget (LCU), fixed on
                             every draw; NaN on path years */
    const double *sdy[2]; /* [Y] sd of lg and of lg - lf in year i */
    size_t yr;            /* the year of PH_YEAR */
    double *psum;         /* [Y][block] sum of the year's GDP, LCU */
    double *bmin, *bmax;  /* [block] */
    series *L, *U, *C;    /* bands of lg, of lg - lf, of a cum array */
    wins wn[2][2];        /* PH_FAST: [lg, lg - lf][years before the
                             last, the last] */
    size_t gcap;          /* PH_FAST: values a thread may gather a year */
    double *bandL, *bandU;  /* PH_KEPT: [Y][DS_SIM_NBANDS] bands of lg and of
                               lg - lf, in log gap */
    double *needL, *needU;  /* PH_KEPT: the last year's percentiles probs */
    unsigned char *kept_ok; /* PH_KEPT: [Y] the year's ranks were kept */
    const double *arr;    /* the array of PH_RANGE/HIST/COLLECT */
    enum phase ph;
    int gather_prev;      /* PH_YEAR gathers the previous year's values */
    size_t nthr;
    scratch *scr;         /* [nthr] */
    pthread_mutex_t mu;   /* guards next */
    size_t next;          /* next block to hand out */
} sim;

/* Year i of a block after its draws: the levels (one exp per draw), the
 * block's sum of them (four running sums), the cumulative extra
 * spending. */
static void
year_tail(sim *S, scratch *w, size_t blk, size_t lo, size_t n, size_t i)
{
    const ds__mc_kernels *kn = S->kn;
    const double *g = S->lg + lo, *f = S->lf ? S->lf + lo : NULL;
    double *z = w->z, *u = w->u;
    kn->levels(z, g, n, S->cy[i]);
    double acc[4] = {0, 0, 0, 0};
    kn->sum4(acc, z, n);
    S->psum[i * S->nblk + blk] = (acc[0] + acc[1]) + (acc[2] + acc[3]);
    if (!S->cum)
        return;
    size_t N = S->N, K = S->K;
    const double B = S->B, fixed = S->fixedy[i];
    if (f)
        kn->levels(u, f, n, S->rate0);
    for (size_t k = 0; k < K; k++) {
        double *cl = S->cum + k * N + lo;
        double *cu = f ? S->cum + (K + k) * N + lo : NULL;
        if (isfinite(fixed)) {
            /* a decided budget is an amount, not a share of GDP */
            const double x = fixed - B;
            for (size_t j = 0; j < n; j++)
                cl[j] += x;
            if (f)
                kn->cum_usd_fixed(cu, u, n, x);
            continue;
        }
        const double sh = S->sharey[i * K + k];
        kn->cum(cl, z, n, sh, B);
        if (f)
            kn->cum_usd(cu, z, u, n, sh, B);
    }
}

static void
year_block(sim *S, scratch *w, size_t blk, size_t lo, size_t n)
{
    double *g = S->lg + lo, *f = S->lf ? S->lf + lo : NULL;
    double *u = w->u;
    ds__sim_rng *r = &S->rngs[blk];
    /* the previous year's values, before this year's shocks */
    if (S->gather_prev) {
        gather(S->L, blk, g, n, w->bin);
        if (f) {
            S->kn->diff(u, g, f, n);
            gather(S->U, blk, u, n, w->bin);
        }
    }
    add_normals(r, g, n, S->sd);
    if (f)
        add_normals(r, f, n, S->fsd);
    count(S->L, S->L->hist + blk * NB, g, n, w->bin);
    if (f) {
        S->kn->diff(u, g, f, n);
        count(S->U, S->U->hist + blk * NB, u, n, w->bin);
    }
    year_tail(S, w, blk, lo, n, S->yr);
}

/* PH_FAST: count the values of series s (0: lg, 1: lg - lf) in year i
 * below each window and keep those inside one, with their window. */
static void
scan_year(sim *S, scratch *w, int s, size_t i, const double *x, size_t n)
{
    const wins *W = &S->wn[s][i + 1 == S->Y];
    const double sdi = S->sdy[s][i];
    double lo[DS__MC_MAXW], hi[DS__MC_MAXW];
    for (size_t k = 0; k < W->nw; k++) {
        lo[k] = W->lo[k] * sdi;
        hi[k] = W->hi[k] * sdi;
    }
    uint32_t *idx = w->bin;
    size_t m = S->kn->scan(x, n, lo, hi, W->nw,
                           w->below[s] + i * DS__MC_MAXW, idx);
    if (!m || w->over)
        return;
    gath *gt = &w->got[s][i];
    if (gt->len + m > gt->cap) {
        size_t cap = gt->cap ? gt->cap : 1024;
        while (cap < gt->len + m)
            cap *= 2;
        cap = cap < S->gcap ? cap : S->gcap;
        double *v = cap >= gt->len + m ? realloc(gt->v, cap * sizeof *v)
                                       : NULL;
        if (!v) {
            w->over = 1;
            return;
        }
        gt->v = v;
        unsigned char *wi = realloc(gt->w, cap);
        if (!wi) {
            w->over = 1;
            return;
        }
        gt->w = wi;
        gt->cap = cap;
    }
    for (size_t t = 0; t < m; t++) {
        double v = x[idx[t]];
        size_t k = 0;
        while (k + 1 < W->nw && !(v < hi[k]))
            k++; /* sorted, disjoint: the first window v is below the top of */
        gt->v[gt->len] = v;
        gt->w[gt->len] = (unsigned char)k;
        gt->len++;
    }
}

/* PH_FAST: every year of one block, the block's values staying in cache
 * from one year to the next (the year-by-year passes streamed the whole
 * arrays through memory once a year).  The same draws in the same order
 * and the same operations per draw as PH_YEAR. */
static void
fast_block(sim *S, scratch *w, size_t blk, size_t lo, size_t n)
{
    double *g = S->lg + lo, *f = S->lf ? S->lf + lo : NULL;
    ds__sim_rng *r = &S->rngs[blk];
    for (size_t i = 1; i < S->Y; i++) {
        add_normals(r, g, n, S->sd);
        if (f)
            add_normals(r, f, n, S->fsd);
        scan_year(S, w, 0, i, g, n);
        if (f) {
            S->kn->diff(w->u, g, f, n);
            scan_year(S, w, 1, i, w->u, n);
        }
        year_tail(S, w, blk, lo, n, i);
    }
}

static int kept_bands(const sim *S, int s, size_t i,
                      double out[DS_SIM_NBANDS], double *need);

/* PH_KEPT: year i's bands (item i - 1). */
static void
kept_year(sim *S, size_t i)
{
    double *nl = i + 1 == S->Y ? S->needL : NULL;
    double *nu = i + 1 == S->Y ? S->needU : NULL;
    int ok = kept_bands(S, 0, i, S->bandL + i * DS_SIM_NBANDS, nl);
    if (ok && S->lf)
        ok = kept_bands(S, 1, i, S->bandU + i * DS_SIM_NBANDS, nu);
    S->kept_ok[i] = (unsigned char)ok;
}

static void
do_block(sim *S, scratch *w, size_t blk)
{
    if (S->ph == PH_KEPT) {
        kept_year(S, blk + 1);
        return;
    }
    size_t lo = blk * BLOCK, n = S->N - lo < BLOCK ? S->N - lo : BLOCK;
    const double *a = S->arr ? S->arr + lo : NULL;
    switch (S->ph) {
    case PH_FAST:
        fast_block(S, w, blk, lo, n);
        break;
    case PH_KEPT: /* handled above: its items are years, not blocks */
        break;
    case PH_YEAR:
        year_block(S, w, blk, lo, n);
        break;
    case PH_GATHER:
        gather(S->L, blk, S->lg + lo, n, w->bin);
        if (S->lf) {
            S->kn->diff(w->u, S->lg + lo, S->lf + lo, n);
            gather(S->U, blk, w->u, n, w->bin);
        }
        break;
    case PH_RANGE: {
        double mn = a[0], mx = a[0];
        for (size_t j = 1; j < n; j++) {
            mn = a[j] < mn ? a[j] : mn;
            mx = a[j] > mx ? a[j] : mx;
        }
        S->bmin[blk] = mn;
        S->bmax[blk] = mx;
        break;
    }
    case PH_HIST:
        count(S->C, S->C->hist + blk * NB, a, n, w->bin);
        break;
    case PH_COLLECT:
        gather(S->C, blk, a, n, w->bin);
        break;
    }
}

typedef struct wk {
    sim *S;
    scratch *w;
} wk;

static void *
worker(void *arg)
{
    wk *k = arg;
    sim *S = k->S;
    for (;;) {
        pthread_mutex_lock(&S->mu);
        size_t b = S->next++;
        pthread_mutex_unlock(&S->mu);
        if (b >= (S->ph == PH_KEPT ? S->Y - 1 : S->nblk))
            return NULL;
        do_block(S, k->w, b);
    }
}

/* Run one phase over every block on S->nthr threads (this one included;
 * fewer if threads cannot be created: the figures are the same). */
static void
run_phase(sim *S, enum phase ph, const double *arr)
{
    pthread_t th[MAX_THREADS];
    wk args[MAX_THREADS];
    size_t made = 0;
    S->ph = ph;
    S->arr = arr;
    S->next = 0;
    for (size_t t = 0; t < S->nthr; t++)
        args[t] = (wk){S, &S->scr[t]};
    for (size_t t = 1; t < S->nthr; t++)
        if (pthread_create(&th[made], NULL, worker, &args[t]) == 0)
            made++;
    worker(&args[0]);
    for (size_t t = 0; t < made; t++)
        pthread_join(th[t], NULL);
}

/* Bands of arr[0..N), a final cumulative array, through S->C. */
static void
array_bands(sim *S, const double *arr, double out[DS_SIM_NBANDS])
{
    run_phase(S, PH_RANGE, arr);
    double mn = S->bmin[0], mx = S->bmax[0];
    for (size_t b = 1; b < S->nblk; b++) {
        mn = S->bmin[b] < mn ? S->bmin[b] : mn;
        mx = S->bmax[b] > mx ? S->bmax[b] : mx;
    }
    map_range(S->C, mn, mx);
    run_phase(S, PH_HIST, arr);
    plan(S->C, S->nblk, S->N);
    run_phase(S, PH_COLLECT, arr);
    finish(S->C, S->N, out);
}

static size_t
thread_count(unsigned want, size_t nblk)
{
    size_t n = want;
    if (n == 0) {
        long c = sysconf(_SC_NPROCESSORS_ONLN);
        n = c > 0 ? (size_t)c : 1;
    }
    if (n > MAX_THREADS)
        n = MAX_THREADS;
    return n < nblk ? n : nblk;
}

static series *
series_alloc(size_t nblk, size_t N)
{
    series *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->hist = malloc(nblk * NB * sizeof *s->hist);
    s->cur = malloc(nblk * NT * sizeof *s->cur);
    s->buf = malloc(N * sizeof *s->buf);
    if (!s->hist || !s->cur || !s->buf) {
        free(s->hist);
        free(s->cur);
        free(s->buf);
        free(s);
        return NULL;
    }
    return s;
}

static void
series_free(series *s)
{
    if (!s)
        return;
    free(s->hist);
    free(s->cur);
    free(s->buf);
    free(s);
}

/* ---- the one-pass bands (PH_FAST) ----
 *
 * A year's values of lg (and lg - lf) are normal with mean 0 and a known
 * sd, so the order statistics a band needs lie, but for a chance far
 * below 1e-9, within a few standard errors of the normal quantiles.  One
 * pass over the blocks, each block through all its years while its
 * values stay in cache, counts the values below a window around each of
 * them and keeps the values inside (a few % of the draws); the merged
 * counts give every kept value's rank.  Should a needed rank fall
 * outside its window (or a thread's buffer fill up), nothing is guessed:
 * the simulation is run again the year-by-year way from the same seeds.
 * Either way the bands are the exact order statistics, the same bits. */

/* Windows around the ranks percentiles pc[0..np) of n values need (k
 * and k + 1, as ds_select_percentile): half-width m standard errors of
 * a sample quantile of a standard normal, sqrt(q (1 - q) / n) / phi(z),
 * sorted and merged where they overlap; none if m <= 0 (tests). */
static void
make_windows(wins *W, size_t n, const double *pc, size_t np, double m)
{
    size_t nw = 0;
    W->nw = 0;
    if (!(m > 0))
        return;
    for (size_t a = 0; a < np && nw < DS__MC_MAXW; a++) {
        double h = (double)(n - 1) * pc[a] / 100.0;
        size_t k = (size_t)h;
        k = k > n - 1 ? n - 1 : k;
        double e[2];
        for (int t = 0; t < 2; t++) {
            size_t r = k + (size_t)t < n ? k + (size_t)t : k;
            double q = ((double)r + 0.5) / (double)n;
            double z = gsl_cdf_ugaussian_Pinv(q);
            double se = sqrt(q * (1 - q) / (double)n) /
                        (exp(-0.5 * z * z) / sqrt(2 * M_PI));
            e[t] = t ? z + m * se : z - m * se;
        }
        W->lo[nw] = e[0];
        W->hi[nw] = e[1];
        nw++;
    }
    /* sort by the lower edge (insertion), merge overlaps */
    for (size_t a = 1; a < nw; a++)
        for (size_t b = a; b > 0 && W->lo[b] < W->lo[b - 1]; b--) {
            double t = W->lo[b];
            W->lo[b] = W->lo[b - 1];
            W->lo[b - 1] = t;
            t = W->hi[b];
            W->hi[b] = W->hi[b - 1];
            W->hi[b - 1] = t;
        }
    size_t out = 0;
    for (size_t a = 0; a < nw; a++) {
        if (out && W->lo[a] <= W->hi[out - 1]) {
            if (W->hi[a] > W->hi[out - 1])
                W->hi[out - 1] = W->hi[a];
            continue;
        }
        W->lo[out] = W->lo[a];
        W->hi[out] = W->hi[a];
        out++;
    }
    W->nw = out;
    for (size_t a = 0; a < out; a++)
        if (!isfinite(W->lo[a]) || !isfinite(W->hi[a]))
            W->nw = 0; /* cannot happen for 0 < q < 1; then no window */
}

/* One series' kept values of one year, merged over the threads and
 * grouped by window. */
typedef struct kept {
    size_t nw;
    uint64_t below[DS__MC_MAXW]; /* values below window w */
    size_t off[DS__MC_MAXW + 1]; /* window w: v[off[w] .. off[w + 1]) */
    double *v;
} kept;

static int
kept_merge(const sim *S, int s, size_t i, kept *kp)
{
    size_t cnt[DS__MC_MAXW] = {0};
    kp->nw = S->wn[s][i + 1 == S->Y].nw;
    memset(kp->below, 0, sizeof kp->below);
    for (size_t t = 0; t < S->nthr; t++) {
        const uint64_t *b = S->scr[t].below[s] + i * DS__MC_MAXW;
        const gath *gt = &S->scr[t].got[s][i];
        for (size_t w = 0; w < kp->nw; w++)
            kp->below[w] += b[w];
        for (size_t j = 0; j < gt->len; j++)
            cnt[gt->w[j]]++;
    }
    kp->off[0] = 0;
    for (size_t w = 0; w < kp->nw; w++)
        kp->off[w + 1] = kp->off[w] + cnt[w];
    kp->v = malloc((kp->off[kp->nw] ? kp->off[kp->nw] : 1) * sizeof *kp->v);
    if (!kp->v)
        return 0;
    size_t at[DS__MC_MAXW];
    memcpy(at, kp->off, sizeof at);
    for (size_t t = 0; t < S->nthr; t++) {
        const gath *gt = &S->scr[t].got[s][i];
        for (size_t j = 0; j < gt->len; j++)
            kp->v[at[gt->w[j]]++] = gt->v[j];
    }
    return 1;
}

/* The values of rank r (0-based) among all the draws and, if next, of
 * rank r + 1, if they are inside the windows (1), else 0. */
static int
kept_rank(kept *kp, size_t r, double *out, double *next)
{
    for (size_t w = 0; w < kp->nw; w++) {
        size_t len = kp->off[w + 1] - kp->off[w];
        if (r >= kp->below[w] && r - kp->below[w] < len) {
            double *seg = kp->v + kp->off[w];
            size_t j = (size_t)(r - kp->below[w]);
            select_k(seg, len, j);
            *out = seg[j];
            if (!next)
                return 1;
            if (j + 1 < len) { /* everything after j is >= seg[j] */
                *next = min_of(seg, j + 1, len);
                return 1;
            }
            return kept_rank(kp, r + 1, next, NULL);
        }
    }
    return 0;
}

/* Bands of series s in year i (finish's interpolation) and, if need, the
 * percentiles probs (ds_select_percentile's); 0 if a rank is outside the
 * windows or memory runs out. */
static int
kept_bands(const sim *S, int s, size_t i, double out[DS_SIM_NBANDS],
           double *need)
{
    kept kp;
    size_t N = S->N;
    if (!kept_merge(S, s, i, &kp))
        return 0;
    int ok = 1;
    for (int b = 0; b < DS_SIM_NBANDS && ok; b++) {
        double h, lo = NAN, hi = NAN;
        size_t k = band_rank(N, b, &h);
        ok = kept_rank(&kp, k, &lo, k + 1 < N ? &hi : NULL);
        if (!(k + 1 < N))
            hi = lo;
        out[b] = lo + (h - (double)k) * (hi - lo);
    }
    for (int q = 0; need && q < DS_SIM_NPROB && ok; q++) {
        double h = (double)(N - 1) * probs[q] / 100.0, lo = NAN, hi = NAN;
        size_t k = (size_t)h;
        if (k >= N - 1)
            k = N - 1;
        int two = !(h <= (double)k || k + 1 >= N);
        ok = kept_rank(&kp, k, &lo, two ? &hi : NULL);
        need[q] = two ? lo + (h - (double)k) * (hi - lo) : lo;
    }
    free(kp.v);
    return ok;
}

static void
fast_free(sim *S)
{
    for (size_t t = 0; S->scr && t < S->nthr; t++) {
        scratch *w = &S->scr[t];
        for (int s = 0; s < 2; s++) {
            for (size_t i = 0; w->got[s] && i < S->Y; i++) {
                free(w->got[s][i].v);
                free(w->got[s][i].w);
            }
            free(w->got[s]);
            free(w->below[s]);
            w->got[s] = NULL;
            w->below[s] = NULL;
        }
        w->over = 0;
    }
}

/* The one-pass bands: bandL/bandU [Y][DS_SIM_NBANDS] (years 1 ..),
 * needL/needU the last year's percentiles probs of lg and lg - lf; 1 if
 * done, 0 to fall back (S's arrays and streams then need resetting). */
static int
fast_path(sim *S, double *bandL, double *bandU, double *needL,
          double *needU)
{
    double m = ds__mc_window_sigmas;
    double last[DS_SIM_NBANDS + DS_SIM_NPROB];
    memcpy(last, pcts, sizeof pcts);
    memcpy(last + DS_SIM_NBANDS, probs, sizeof probs);
    make_windows(&S->wn[0][0], S->N, pcts, DS_SIM_NBANDS, m);
    make_windows(&S->wn[0][1], S->N, last, DS_SIM_NBANDS + DS_SIM_NPROB, m);
    S->wn[1][0] = S->wn[0][0];
    S->wn[1][1] = S->wn[0][1];
    /* a thread keeps at most this many values a year: the windows expect
     * under an eighth of the draws from FAST_MIN draws on */
    S->gcap = S->N / 4 + 4096;
    int ns = S->lf ? 2 : 1, ok = 1;
    for (size_t t = 0; t < S->nthr && ok; t++) {
        scratch *w = &S->scr[t];
        for (int s = 0; s < ns; s++) {
            w->below[s] = calloc(S->Y * DS__MC_MAXW, sizeof *w->below[s]);
            w->got[s] = calloc(S->Y, sizeof *w->got[s]);
            ok = ok && w->below[s] && w->got[s];
        }
    }
    if (ok)
        run_phase(S, PH_FAST, NULL);
    for (size_t t = 0; t < S->nthr && ok; t++)
        ok = !S->scr[t].over;
    if (ok) { /* the years on every thread */
        S->bandL = bandL;
        S->bandU = bandU;
        S->needL = needL;
        S->needU = needU;
        S->kept_ok = calloc(S->Y, 1);
        ok = S->kept_ok != NULL;
        if (ok)
            run_phase(S, PH_KEPT, NULL);
        for (size_t i = 1; i < S->Y && ok; i++)
            ok = S->kept_ok[i];
        free(S->kept_ok);
        S->kept_ok = NULL;
    }
    fast_free(S);
    return ok;
}

/* The year-by-year passes: year i's draws are counted in the phase of
 * year i and gathered in the phase of year i + 1 (or the last gathering
 * phase); then the last year's percentiles probs by selection over copies
 * of all the draws. */
static void
slow_path(sim *S, double *bandL, double *bandU, double *needL,
          double *needU)
{
    size_t N = S->N, Y = S->Y;
    for (size_t i = 1; i < Y; i++) {
        S->yr = i;
        map_sd(S->L, S->sdy[0][i]);
        if (S->U)
            map_sd(S->U, S->sdy[1][i]);
        S->gather_prev = i >= 2;
        run_phase(S, PH_YEAR, NULL);
        if (i >= 2) {
            finish(S->L, N, bandL + (i - 1) * DS_SIM_NBANDS);
            if (S->U)
                finish(S->U, N, bandU + (i - 1) * DS_SIM_NBANDS);
        }
        plan(S->L, S->nblk, N);
        if (S->U)
            plan(S->U, S->nblk, N);
    }
    run_phase(S, PH_GATHER, NULL);
    finish(S->L, N, bandL + (Y - 1) * DS_SIM_NBANDS);
    if (S->U)
        finish(S->U, N, bandU + (Y - 1) * DS_SIM_NBANDS);
    double *w = S->L->buf; /* N values, free after the last bands */
    for (int q = 0; q < DS_SIM_NPROB; q++) {
        memcpy(w, S->lg, N * sizeof *w);
        needL[q] = ds_select_percentile(w, N, probs[q]);
        if (S->lf) {
            for (size_t n = 0; n < N; n++)
                w[n] = S->lg[n] - S->lf[n];
            needU[q] = ds_select_percentile(w, N, probs[q]);
        }
    }
}

void
ds_simulation_spend_bands(const ds_projection *p, const ds_simulation *sim,
                          size_t k, size_t i, double *usd, double *lcu)
{
    assert(p && sim && k < p->n_targets && i < p->n_years &&
           i < sim->n_years && usd && lcu);
    const ds_project_cell *c = &p->cells[k * p->n_years + i];
    const ds_sim_year *sy = &sim->years[i];
    double sh = c->share_pct / 100.0;
    for (int b = 0; b < DS_SIM_NBANDS; b++) {
        if (p->years[i].budget_obs) {
            lcu[b] = c->spend_lcu;
            usd[b] = c->spend_usd;
        } else {
            lcu[b] = sh * sy->gdp_lcu[b];
            usd[b] = sh * sy->gdp_usd[b];
        }
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

const char *
ds_sim_missing_sd(const ds_projection *p, const ds_sim_spec *sp)
{
    if (isnan(sp->growth_sd) && (!p->has_fit || !isfinite(p->fit.log_sd)))
        return "growth_sd";
    if (isnan(sp->fx_sd) && !p->lcu_only_usd &&
        (!p->has_fx_fit || !isfinite(p->fx_fit.log_sd)))
        return "fx_sd";
    return NULL;
}

ds_status
ds_projection_simulate(const ds_projection *p, const ds_sim_spec *sp,
                       gsl_rng *rng, ds_simulation **out, ds_error *err)
{
    return ds_projection_simulate_threads(p, sp, 0, rng, out, err);
}

ds_status
ds_projection_simulate_threads(const ds_projection *p, const ds_sim_spec *sp,
                               unsigned n_threads, gsl_rng *rng,
                               ds_simulation **out, ds_error *err)
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
    sim S;
    memset(&S, 0, sizeof S);
    double *yv = NULL;
    int mu_init = 0;
    s->n_draws = N;
    snprintf(s->generator, sizeof s->generator,
             "xoshiro256++ ziggurat per block of %d draws, seeded by %s",
             BLOCK,
             gsl_rng_name(rng));
    s->rng_name = s->generator;
    if (isnan(sd)) {
        if (!p->has_fit || !isfinite(p->fit.log_sd)) {
            r = ds__error_set(err, DS_ENOTFOUND, NULL, 0, 0,
                              "no GDP history to estimate the volatility "
                              "of growth; give its sd (growth_sd)");
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
                              "volatility; give its sd (fx_sd)");
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
    s->growth_mean_pct = expm1(s->growth_mu) * 100;
    s->growth_mean_own =
        fabs(s->growth_mu - log1p(p->growth_pct / 100)) > 1e-12;
    s->growth_sd = sd;
    s->fx_sd = fsd;

    size_t K = p->n_targets, Y = p->n_years;
    int have_base = isfinite(p->baseline_lcu);
    size_t nblk = (N + BLOCK - 1) / BLOCK;
    s->n_years = Y;
    s->n_targets = K;
    s->years = calloc(Y, sizeof *s->years);
    s->targets = calloc(K ? K : 1, sizeof *s->targets);
    S.N = N;
    S.nblk = nblk;
    S.K = K;
    S.sd = sd;
    S.fsd = fsd;
    S.rate0 = p->lcu_per_usd;
    S.B = p->baseline_lcu;
    S.nthr = thread_count(n_threads, nblk);
    S.scr = calloc(S.nthr, sizeof *S.scr);
    for (size_t t = 0; S.scr && t < S.nthr; t++) {
        S.scr[t].z = malloc(BLOCK * sizeof *S.scr[t].z);
        S.scr[t].u = malloc(BLOCK * sizeof *S.scr[t].u);
        S.scr[t].bin = malloc((BLOCK + 3) * sizeof *S.scr[t].bin);
    }
    S.rngs = calloc(nblk, sizeof *S.rngs);
    S.lg = calloc(N, sizeof *S.lg);
    S.psum = calloc(Y * nblk, sizeof *S.psum);
    S.bmin = calloc(nblk, sizeof *S.bmin);
    S.bmax = calloc(nblk, sizeof *S.bmax);
    S.L = series_alloc(nblk, N);
    /* per year: central GDP, shares, decided budgets, sd of lg and of
     * lg - lf, the bands of both in log gap */
    yv = calloc(Y * (4 + K + 2 * DS_SIM_NBANDS), sizeof *yv);
    double *cy = NULL, *sharey = NULL, *fixedy = NULL, *sdy = NULL;
    double *bandL = NULL, *bandU = NULL;
    if (yv) {
        cy = yv;
        sharey = cy + Y;
        fixedy = sharey + Y * K;
        sdy = fixedy + Y;
        bandL = sdy + 2 * Y;
        bandU = bandL + Y * DS_SIM_NBANDS;
    }
    S.Y = Y;
    S.cy = cy;
    S.sharey = sharey;
    S.fixedy = fixedy;
    S.sdy[0] = sdy;
    S.sdy[1] = sdy + Y;
    S.kn = ds__mc_kernels_pick();
    if (fsd > 0) {
        S.lf = calloc(N, sizeof *S.lf);
        S.U = series_alloc(nblk, N);
    }
    if (have_base && K)
        S.cum = calloc((fsd > 0 ? 2 : 1) * K * N, sizeof *S.cum);
    int nomem = !s->years || !s->targets || !S.rngs || !S.lg || !S.psum ||
                !S.scr ||
                !S.bmin || !S.bmax || !S.L || !yv ||
                (fsd > 0 && (!S.lf || !S.U)) || (have_base && K && !S.cum);
    for (size_t t = 0; S.scr && t < S.nthr; t++)
        if (!S.scr[t].z || !S.scr[t].u || !S.scr[t].bin)
            nomem = 1;
    for (size_t b = 0; b < nblk && !nomem; b++)
        ds__sim_rng_seed(&S.rngs[b], gsl_rng_get(rng));
    if (nomem) {
        r = ds__error_set(err, DS_ENOMEM, NULL, 0, 0,
                          "out of memory for %zu draws", N);
        goto fail;
    }
    if (pthread_mutex_init(&S.mu, NULL) != 0) {
        r = ds__error_set(err, DS_ENOMEM, NULL, 0, 0,
                          "cannot create a mutex");
        goto fail;
    }
    mu_init = 1;
    double rate0 = S.rate0;
    for (size_t i = 0; i < Y; i++) {
        const ds_project_year *py = &p->years[i];
        cy[i] = exp(log(py->gdp_lcu) + (double)i * d);
        for (size_t k = 0; k < K; k++)
            sharey[i * K + k] = p->cells[k * Y + i].share_pct / 100.0;
        fixedy[i] = py->budget_obs ? py->budget_lcu : NAN;
        sdy[i] = sd * sqrt((double)i);
        sdy[Y + i] = sqrt((double)i * (sd * sd + fsd * fsd));
    }
    double needL[DS_SIM_NPROB], needU[DS_SIM_NPROB];
    int done = 0, tried = 0;
    if (ds__mc_fast && N >= FAST_MIN && sd > 0 && isfinite(sdy[Y - 1]) &&
        isfinite(sdy[2 * Y - 1])) {
        ds__sim_rng *seeds = malloc(nblk * sizeof *seeds);
        if (seeds) {
            memcpy(seeds, S.rngs, nblk * sizeof *seeds);
            tried = 1;
            done = fast_path(&S, bandL, bandU, needL, needU);
            if (!done) { /* start again from the same seeds */
                memcpy(S.rngs, seeds, nblk * sizeof *seeds);
                memset(S.lg, 0, N * sizeof *S.lg);
                if (S.lf)
                    memset(S.lf, 0, N * sizeof *S.lf);
                if (S.cum)
                    memset(S.cum, 0,
                           (fsd > 0 ? 2 : 1) * K * N * sizeof *S.cum);
            }
            free(seeds);
        }
    }
    if (!done)
        slow_path(&S, bandL, bandU, needL, needU);
    __atomic_store_n(&ds__mc_last_path, done ? 1 : tried ? 2 : 0,
                     __ATOMIC_RELAXED);
    for (size_t i = 0; i < Y; i++) {
        const ds_project_year *py = &p->years[i];
        ds_sim_year *sy = &s->years[i];
        sy->year = py->year;
        if (i == 0) {
            for (int b = 0; b < DS_SIM_NBANDS; b++) {
                sy->gdp_lcu[b] = py->gdp_lcu;
                sy->gdp_usd[b] = py->gdp_usd;
            }
            sy->gdp_lcu_mean = py->gdp_lcu;
            continue;
        }
        const double *q = bandL + i * DS_SIM_NBANDS;
        for (int b = 0; b < DS_SIM_NBANDS; b++)
            sy->gdp_lcu[b] = cy[i] * exp(q[b]);
        if (S.U) {
            q = bandU + i * DS_SIM_NBANDS;
            for (int b = 0; b < DS_SIM_NBANDS; b++)
                sy->gdp_usd[b] = cy[i] * exp(q[b]) / rate0;
        } else {
            for (int b = 0; b < DS_SIM_NBANDS; b++)
                sy->gdp_usd[b] = sy->gdp_lcu[b] / rate0;
        }
        double sum = 0;
        for (size_t b = 0; b < nblk; b++)
            sum += S.psum[i * nblk + b];
        sy->gdp_lcu_mean = sum / (double)N;
    }
    /* the target year: quantiles of GDP for the needed spending (exact
     * order statistics of all the draws) */
    double logcT = log(p->years[Y - 1].gdp_lcu) + (double)(Y - 1) * d;
    double qlcu[DS_SIM_NPROB], qusd[DS_SIM_NPROB];
    for (int q = 0; q < DS_SIM_NPROB; q++) {
        qlcu[q] = exp(logcT + needL[q]);
        qusd[q] = S.lf ? exp(logcT + needU[q]) / rate0 : qlcu[q] / rate0;
    }
    /* cumulative bands */
    S.C = S.L; /* its histogram, cursors and buffer are free now */
    double plan = p->plan_spend_lcu;
    for (size_t k = 0; k < K; k++) {
        ds_sim_target *t = &s->targets[k];
        double tgt = p->targets_pct[k] / 100.0;
        t->target_pct = p->targets_pct[k];
        for (int q = 0; q < DS_SIM_NPROB; q++) {
            t->needed_lcu[q] = tgt * qlcu[q];
            t->needed_usd[q] = tgt * qusd[q];
        }
        if (plan > 0 && tgt > 0) {
            double lim = log(plan / tgt) - logcT;
            size_t np = 0;
            for (size_t n = 0; n < N; n++)
                np += S.lg[n] <= lim;
            t->p_plan_reaches = (double)np / (double)N;
        } else {
            t->p_plan_reaches = plan == 0 ? 0.0 : NAN;
        }
        if (S.cum) {
            array_bands(&S, S.cum + k * N, t->cum_extra_lcu);
            if (S.lf) {
                array_bands(&S, S.cum + (K + k) * N, t->cum_extra_usd);
            } else {
                /* the rate is held: US$ = LCU / rate0, a monotone map */
                for (int b = 0; b < DS_SIM_NBANDS; b++)
                    t->cum_extra_usd[b] = t->cum_extra_lcu[b] / rate0;
            }
        } else {
            for (int b = 0; b < DS_SIM_NBANDS; b++)
                t->cum_extra_lcu[b] = t->cum_extra_usd[b] = NAN;
        }
    }
    *out = s;
    s = NULL;

fail:
    if (mu_init)
        pthread_mutex_destroy(&S.mu);
    free(S.rngs);
    for (size_t t = 0; S.scr && t < S.nthr; t++) {
        free(S.scr[t].z);
        free(S.scr[t].u);
        free(S.scr[t].bin);
    }
    free(S.scr);
    free(S.lg);
    free(S.lf);
    free(S.cum);
    free(S.psum);
    free(S.bmin);
    free(S.bmax);
    free(yv);
    series_free(S.L);
    series_free(S.U);
    ds_simulation_free(s);
    return r;
}
