/* montecarlo_kernels.h - the Monte Carlo's vector loops (private to
 * montecarlo.c and its test).
 *
 * Each kernel works on one stretch of a block of draws.  There are two
 * sets: a baseline one (SSE2 on x86-64, or whatever the compiler targets)
 * and, on x86-64 with GCC or clang, one compiled for AVX2, chosen at run
 * time when the CPU has it.  Both are the same C source built on GCC
 * vector extensions, IEEE + - * / and integer bit operations only, no
 * contraction into FMA (-ffp-contract=off, and neither set targets FMA):
 * every lane does the same operations in the same order, so both sets
 * give the same bits (tests/project/check_montecarlo.c compares them). */
#ifndef DS_MONTECARLO_KERNELS_H
#define DS_MONTECARLO_KERNELS_H

#include <stddef.h>
#include <stdint.h>

enum { DS__MC_MAXW = 16 }; /* windows one scan can test */

typedef struct ds__mc_kernels {
    const char *name; /* "sse2" (baseline) or "avx2" */
    /* out[j] = c * exp(x[j]) (ds__sim_exp's bits) */
    void (*levels)(double *restrict out, const double *restrict x, size_t n,
                   double c);
    /* acc[a] += x[j + a] for j = 0, 4, 8, ... while j + 4 <= n; the last
     * n % 4 values into acc[0] */
    void (*sum4)(double acc[4], const double *x, size_t n);
    /* cl[j] += sh * z[j] - b */
    void (*cum)(double *restrict cl, const double *restrict z, size_t n,
                double sh, double b);
    /* cu[j] += (sh * z[j] - b) / u[j] */
    void (*cum_usd)(double *restrict cu, const double *restrict z,
                    const double *restrict u, size_t n, double sh, double b);
    /* cu[j] += x / u[j] */
    void (*cum_usd_fixed)(double *restrict cu, const double *restrict u,
                          size_t n, double x);
    /* u[j] = g[j] - f[j] */
    void (*diff)(double *restrict u, const double *restrict g,
                 const double *restrict f, size_t n);
    /* nw (<= DS__MC_MAXW) windows [lo[w], hi[w]): below[w] += the count
     * of x[j] < lo[w]; the indices j of values inside some window go to
     * idx (room for n + 3); returns their number */
    size_t (*scan)(const double *x, size_t n, const double *lo,
                   const double *hi, size_t nw, uint64_t *below,
                   uint32_t *idx);
} ds__mc_kernels;

/* The baseline set; the AVX2 set (NULL where not built or the CPU lacks
 * AVX2); the set the simulation uses: AVX2 where there, unless
 * ds__mc_isa is 0 (tests). */
const ds__mc_kernels *ds__mc_kernels_base(void);
const ds__mc_kernels *ds__mc_kernels_avx2(void);
const ds__mc_kernels *ds__mc_kernels_pick(void);
extern int ds__mc_isa; /* -1 (default): best available; 0: baseline */

/* 1 (default): bands from one block-by-block pass over every year
 * (montecarlo.c); 0: the year-by-year passes it falls back on.  Both give
 * the same bits; the tests set 0 to compare them.  ds__mc_window_sigmas
 * (default 6) is the half-width of the windows around each expected
 * order statistic in its standard errors; tests set 0 to force every
 * fallback. */
extern int ds__mc_fast;
extern double ds__mc_window_sigmas;
/* How the last simulation got its bands (tests): 1 one pass, 2 one pass
 * tried and fallen back from, 0 year by year only. */
extern int ds__mc_last_path;

#endif
