/* montecarlo_kernels.c - the Monte Carlo's vector loops, twice: for the
 * baseline target and for AVX2, chosen at run time.
 *
 * Promises: the same bits from both sets and from the scalar
 * ds__sim_exp (every lane of a vector does the scalar code's IEEE
 * operations in the scalar code's order; no FMA: the library is built
 * with -ffp-contract=off and neither set targets FMA).  The loops are
 * written with GCC vector extensions (four doubles) so they vectorise at
 * any optimisation level: the baseline set runs them as two SSE2 halves,
 * the AVX2 set in one register. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "internal.h"
#include "montecarlo_kernels.h"

int ds__mc_isa = -1;

/* Four-double vectors are passed only between always-inline functions,
 * never across a call, so GCC's note that their ABI differs without AVX
 * does not apply. */
#if defined(__clang__)
#pragma clang diagnostic ignored "-Wunknown-warning-option"
#endif
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wpsabi"
#endif

typedef double v4d __attribute__((vector_size(32)));
typedef int64_t v4l __attribute__((vector_size(32)));
typedef uint64_t v4u __attribute__((vector_size(32)));

#define ALWAYS static inline __attribute__((always_inline))

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define DS_MC_AVX2 1
#include <immintrin.h>
#endif

/* Vectors cross no function boundary, not even an inlined one (clang
 * rejects a four-double argument between functions of different targets):
 * loads and stores are macros, helpers take pointers. */
#define LOAD4(v, p) memcpy(&(v), (p), sizeof(v))
#define STORE4(p, v) memcpy((p), &(v), sizeof(v))

ALWAYS int
any4(const v4l *m)
{
    return ((*m)[0] | (*m)[1] | (*m)[2] | (*m)[3]) != 0;
}

/* exp for the levels: range reduction by ln 2 (two-part constant, exact
 * for |k| < 2^20), a degree-13 Taylor polynomial on |r| <= ln 2 / 2
 * (truncation below 5e-18 relative), 2^k built in the exponent bits.
 * Only IEEE + - * and integer bit operations: the same bits on every
 * x86-64 and in every lane; within 2 ulp of exp.  For |x| <= 700 (levels
 * of GDP gaps: |x| is a few units at most); the callers use libm beyond.
 * The scalar and the vector version are the same steps. */
#define EXP_SHIFT 6755399441055744.0 /* 1.5 * 2^52 */
#define EXP_LN2HI 6.93147180369123816490e-01
#define EXP_LN2LO 1.90821492927058770002e-10
#define EXP_LOG2E 1.4426950408889634
#define EXP_POLY(p, r)                                                      \
    do {                                                                    \
        p = p * r + 1.0 / 479001600.0;                                      \
        p = p * r + 1.0 / 39916800.0;                                       \
        p = p * r + 1.0 / 3628800.0;                                        \
        p = p * r + 1.0 / 362880.0;                                         \
        p = p * r + 1.0 / 40320.0;                                          \
        p = p * r + 1.0 / 5040.0;                                           \
        p = p * r + 1.0 / 720.0;                                            \
        p = p * r + 1.0 / 120.0;                                            \
        p = p * r + 1.0 / 24.0;                                             \
        p = p * r + 1.0 / 6.0;                                              \
        p = p * r + 0.5;                                                    \
        p = p * r + 1.0;                                                    \
        p = p * r + 1.0;                                                    \
    } while (0)

ALWAYS double
sim_exp(double x)
{
    double kd = x * EXP_LOG2E + EXP_SHIFT;
    uint64_t ki;
    memcpy(&ki, &kd, sizeof ki);
    kd -= EXP_SHIFT;
    double r = (x - kd * EXP_LN2HI) - kd * EXP_LN2LO;
    double p = 1.0 / 6227020800.0;
    EXP_POLY(p, r);
    uint64_t sb = (ki + 1023) << 52;
    double s;
    memcpy(&s, &sb, sizeof s);
    return p * s;
}

ALWAYS void
sim_exp4(v4d *io)
{
    v4d x = *io;
    v4d kd = x * EXP_LOG2E + EXP_SHIFT;
    v4u ki = (v4u)kd;
    kd -= EXP_SHIFT;
    v4d r = (x - kd * EXP_LN2HI) - kd * EXP_LN2LO;
    v4d p = (v4d){0, 0, 0, 0} + 1.0 / 6227020800.0;
    EXP_POLY(p, r);
    v4u sb = (ki + 1023) << 52;
    *io = p * (v4d)sb;
}

double
ds__sim_exp(double x)
{
    return fabs(x) <= 700 ? sim_exp(x) : exp(x);
}

ALWAYS void
levels_body(double *restrict out, const double *restrict x, size_t n,
            double c)
{
    const v4u absm = (v4u){0, 0, 0, 0} + 0x7fffffffffffffffu;
    v4l bad = {0, 0, 0, 0};
    size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        v4d v;
        LOAD4(v, x + j);
        v4d a = (v4d)((v4u)v & absm);
        bad |= ~(a <= 700.0);
        sim_exp4(&v);
        v = c * v;
        STORE4(out + j, v);
    }
    int far = any4(&bad);
    for (; j < n; j++) {
        out[j] = c * sim_exp(x[j]);
        far |= !(fabs(x[j]) <= 700);
    }
    if (far) /* never seen: beyond +-700 (or NaN), libm */
        for (j = 0; j < n; j++)
            if (!(fabs(x[j]) <= 700))
                out[j] = c * exp(x[j]);
}

ALWAYS void
sum4_body(double acc[4], const double *x, size_t n)
{
    v4d a, t;
    LOAD4(a, acc);
    size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        LOAD4(t, x + j);
        a += t;
    }
    STORE4(acc, a);
    for (; j < n; j++)
        acc[0] += x[j];
}

ALWAYS void
cum_body(double *restrict cl, const double *restrict z, size_t n, double sh,
         double b)
{
    size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        v4d a, z4;
        LOAD4(a, cl + j);
        LOAD4(z4, z + j);
        a += sh * z4 - b;
        STORE4(cl + j, a);
    }
    for (; j < n; j++)
        cl[j] += sh * z[j] - b;
}

ALWAYS void
cum_usd_body(double *restrict cu, const double *restrict z,
             const double *restrict u, size_t n, double sh, double b)
{
    size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        v4d a, z4, u4;
        LOAD4(a, cu + j);
        LOAD4(z4, z + j);
        LOAD4(u4, u + j);
        a += (sh * z4 - b) / u4;
        STORE4(cu + j, a);
    }
    for (; j < n; j++)
        cu[j] += (sh * z[j] - b) / u[j];
}

ALWAYS void
cum_usd_fixed_body(double *restrict cu, const double *restrict u, size_t n,
                   double x)
{
    size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        v4d a, u4;
        LOAD4(a, cu + j);
        LOAD4(u4, u + j);
        a += x / u4;
        STORE4(cu + j, a);
    }
    for (; j < n; j++)
        cu[j] += x / u[j];
}

ALWAYS void
diff_body(double *restrict u, const double *restrict g,
          const double *restrict f, size_t n)
{
    size_t j = 0;
    for (; j + 4 <= n; j += 4) {
        v4d a, b;
        LOAD4(a, g + j);
        LOAD4(b, f + j);
        a -= b;
        STORE4(u + j, a);
    }
    for (; j < n; j++)
        u[j] = g[j] - f[j];
}

/* The lanes of m that are set, as bits 0-3 (baseline: from the lanes;
 * AVX2: one movemask). */
#define MASK4_BASE(m)                                                       \
    ((int)(((m)[0] & 1) | ((m)[1] & 2) | ((m)[2] & 4) | ((m)[3] & 8)))
#define MASK4_AVX2(m) _mm256_movemask_pd((__m256d)(m))

/* For each 4-bit mask, the set lanes in order (then padding), and how
 * many: the indices of values inside a window are stored four at a time
 * and the count advanced by the mask's population, without a branch. */
static const uint32_t lane_of[16][4] = {
    {0, 0, 0, 0}, {0, 0, 0, 0}, {1, 0, 0, 0}, {0, 1, 0, 0},
    {2, 0, 0, 0}, {0, 2, 0, 0}, {1, 2, 0, 0}, {0, 1, 2, 0},
    {3, 0, 0, 0}, {0, 3, 0, 0}, {1, 3, 0, 0}, {0, 1, 3, 0},
    {2, 3, 0, 0}, {0, 2, 3, 0}, {1, 2, 3, 0}, {0, 1, 2, 3}};
static const unsigned char lanes_set[16] = {0, 1, 1, 2, 1, 2, 2, 3,
                                            1, 2, 2, 3, 2, 3, 3, 4};

typedef uint32_t v4i __attribute__((vector_size(16)));

/* The scan's vector loop for NWC windows (below). */
#define SCAN_LOOP(NWC, MASK4)                                               \
    do {                                                                    \
        const size_t nwc = (NWC);                                           \
        v4l bel[DS__MC_MAXW];                                               \
        v4d vlo[DS__MC_MAXW], vhi[DS__MC_MAXW];                             \
        for (size_t w = 0; w < nwc; w++) {                                  \
            bel[w] = (v4l){0, 0, 0, 0};                                     \
            vlo[w] = (v4d){0, 0, 0, 0} + lo[w];                             \
            vhi[w] = (v4d){0, 0, 0, 0} + hi[w];                             \
        }                                                                   \
        for (; j + 4 <= n; j += 4) {                                        \
            v4d v;                                                          \
            LOAD4(v, x + j);                                                \
            v4l in = {0, 0, 0, 0};                                          \
            for (size_t w = 0; w < nwc; w++) {                              \
                v4l lt = v < vlo[w];                                        \
                bel[w] += lt;                                               \
                in |= ~lt & (v < vhi[w]);                                   \
            }                                                               \
            int mk = MASK4(in);                                             \
            v4i at;                                                         \
            memcpy(&at, lane_of[mk], sizeof at);                            \
            at += (uint32_t)j;                                              \
            memcpy(idx + m, &at, sizeof at);                                \
            m += lanes_set[mk];                                             \
        }                                                                   \
        for (size_t w = 0; w < nwc; w++)                                    \
            below[w] -= (uint64_t)(bel[w][0] + bel[w][1] + bel[w][2] +      \
                                   bel[w][3]);                              \
    } while (0)

/* The scan: MASK4 is the target's way to turn a lane mask into bits.
 * idx needs room for n + 3 (four indices are stored at a time).  The
 * usual window counts (5 bands; 6 with the last year's 90 %) get loops
 * of a fixed length, their counts kept in registers. */
#define SCAN_BODY(MASK4)                                                    \
    size_t m = 0, j = 0;                                                    \
    if (nw == 5)                                                            \
        SCAN_LOOP(5, MASK4);                                                \
    else if (nw == 6)                                                       \
        SCAN_LOOP(6, MASK4);                                                \
    else                                                                    \
        SCAN_LOOP(nw, MASK4);                                               \
    for (; j < n; j++) {                                                    \
        int in = 0;                                                         \
        for (size_t w = 0; w < nw; w++) {                                   \
            below[w] += x[j] < lo[w];                                       \
            in |= !(x[j] < lo[w]) && x[j] < hi[w];                          \
        }                                                                   \
        if (in)                                                             \
            idx[m++] = (uint32_t)j;                                         \
    }                                                                       \
    return m;

/* One set of kernels per target: SFX names it, ATTR is its target
 * attribute (empty for the baseline). */
#define DEFINE_SET(SFX, ATTR, MASK4)                                        \
    ATTR static void levels_##SFX(double *restrict out,                     \
                                  const double *restrict x, size_t n,       \
                                  double c)                                 \
    {                                                                       \
        levels_body(out, x, n, c);                                          \
    }                                                                       \
    ATTR static void sum4_##SFX(double acc[4], const double *x, size_t n)   \
    {                                                                       \
        sum4_body(acc, x, n);                                               \
    }                                                                       \
    ATTR static void cum_##SFX(double *restrict cl,                         \
                               const double *restrict z, size_t n,          \
                               double sh, double b)                         \
    {                                                                       \
        cum_body(cl, z, n, sh, b);                                          \
    }                                                                       \
    ATTR static void cum_usd_##SFX(double *restrict cu,                     \
                                   const double *restrict z,                \
                                   const double *restrict u, size_t n,      \
                                   double sh, double b)                     \
    {                                                                       \
        cum_usd_body(cu, z, u, n, sh, b);                                   \
    }                                                                       \
    ATTR static void cum_usd_fixed_##SFX(                                   \
        double *restrict cu, const double *restrict u, size_t n, double x)  \
    {                                                                       \
        cum_usd_fixed_body(cu, u, n, x);                                    \
    }                                                                       \
    ATTR static void diff_##SFX(double *restrict u,                         \
                                const double *restrict g,                   \
                                const double *restrict f, size_t n)         \
    {                                                                       \
        diff_body(u, g, f, n);                                              \
    }                                                                       \
    ATTR static size_t scan_##SFX(const double *x, size_t n,                \
                                  const double *lo, const double *hi,       \
                                  size_t nw, uint64_t *below,               \
                                  uint32_t *idx)                            \
    {                                                                       \
        SCAN_BODY(MASK4)                                                    \
    }                                                                       \
    static const ds__mc_kernels set_##SFX = {                               \
        #SFX,          levels_##SFX,        sum4_##SFX, cum_##SFX,          \
        cum_usd_##SFX, cum_usd_fixed_##SFX, diff_##SFX, scan_##SFX};

#ifdef DS_MC_AVX2
DEFINE_SET(sse2, , MASK4_BASE)
DEFINE_SET(avx2, __attribute__((target("avx2"))), MASK4_AVX2)
#define SET_BASE set_sse2
#else
DEFINE_SET(base, , MASK4_BASE)
#define SET_BASE set_base
#endif

const ds__mc_kernels *
ds__mc_kernels_base(void)
{
    return &SET_BASE;
}

const ds__mc_kernels *
ds__mc_kernels_avx2(void)
{
#ifdef DS_MC_AVX2
    if (__builtin_cpu_supports("avx2"))
        return &set_avx2;
#endif
    return NULL;
}

const ds__mc_kernels *
ds__mc_kernels_pick(void)
{
    const ds__mc_kernels *k = ds__mc_isa == 0 ? NULL : ds__mc_kernels_avx2();
    return k ? k : ds__mc_kernels_base();
}
