#!/usr/bin/env python3
"""mc_numpy.py - the Monte Carlo of `defspend project --simulate` in numpy.

The same model as src/lib/montecarlo.c: N draws x Y years; each year every
draw's log GDP gap takes a N(0, sd^2) shock (cumulated), GDP on the path is
the central projection times exp(gap); per year the mean and the 5/25/50/
75/95 percentile bands (linear interpolation, as GSL and np.percentile do)
of GDP in LCU and US$ (rate held); spending at the year's share of the
path's GDP minus the baseline, cumulated per draw in LCU and US$, with its
bands; then, in the last year, the spending needed to reach the target
share with 50/90/95% probability (quantiles of target x GDP) and the
probability that the baseline held flat reaches the target share (the
statistics defspend prints since issue 10).
Start values are Japan 2024 as defspend prints them (GDP in yen, rate,
FY2024 baseline); growth 2%, target 3.5% by the last year, linear path.

usage: mc_numpy.py [DRAWS] [YEARS] [SEED]   (default 1000000 30 1)
"""
import sys

import numpy as np

N = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
Y = int(sys.argv[2]) if len(sys.argv) > 2 else 30
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
GDP0, RATE, BASE = 609432600000000.0, 151.3662913027519, 7949600000000.0
GROWTH, SD, TARGET = 0.02, 0.03, 3.5
PCTS = [5, 25, 50, 75, 95]

rng = np.random.default_rng(seed)
share0 = BASE / GDP0 * 100
lg = np.zeros(N)
cum_l = np.zeros(N)
cum_u = np.zeros(N)
print("year,gdp_lcu_mean," + ",".join("gdp_lcu_p%d" % p for p in PCTS) +
      "," + ",".join("gdp_usd_p%d" % p for p in PCTS))
for i in range(1, Y + 1):
    c = GDP0 * (1 + GROWTH) ** i
    lg += rng.normal(0.0, SD, N)
    gdp = c * np.exp(lg)
    share = (share0 + (TARGET - share0) * i / Y) / 100
    e = share * gdp - BASE
    cum_l += e
    cum_u += e / RATE
    q = c * np.exp(np.percentile(lg, PCTS))
    print("%d,%.17g,%s,%s" % (2024 + i, gdp.mean(),
                             ",".join("%.17g" % v for v in q),
                             ",".join("%.17g" % (v / RATE) for v in q)))
last = GDP0 * (1 + GROWTH) ** Y * np.exp(lg)
need = (TARGET / 100) * last
print("need_lcu_p50_p90_p95," + ",".join("%.17g" % v
                                         for v in np.percentile(need,
                                                                [50, 90, 95])))
print("p_flat_reaches,%.6f" % np.mean(BASE >= need))
print("cum_extra_lcu," + ",".join("%.17g" % v
                                  for v in np.percentile(cum_l, PCTS)))
print("cum_extra_usd," + ",".join("%.17g" % v
                                  for v in np.percentile(cum_u, PCTS)))
