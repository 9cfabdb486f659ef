#!/usr/bin/env python3
"""gen_wdicsv.py - a deterministic file shaped like the WDI bulk WDICSV.csv.

Writes OUT (default bench/out/WDICSV.csv): the header
Country Name,Country Code,Indicator Name,Indicator Code,1960,...,2024 and
one row per (country, indicator), countries from datasets/meta/countries.csv
(the 265 WDI codes, so every code is one defspend knows), ~1,500 indicators
of which 9 are series defspend maps (NY.GDP.MKTP.CD ... SP.POP.TOTL), about
40% empty cells (mostly the early years, as in WDI), names with commas and
quotes quoted the RFC 4180 way, numbers printed as WDI prints them (4 to
15 significant digits, E notation for small ones).  About 400,000 rows and
250 MB.  Python standard library only; the same arguments give the same
bytes on every run (random.Random with a fixed seed).

usage: gen_wdicsv.py [--rows-per-country N] [--out PATH] [--seed S]
"""
import argparse
import csv
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
YEARS = list(range(1960, 2025))

# series defspend maps (src/lib/loader_util.c), with WDI's names
MAPPED = [
    ("GDP (current US$)", "NY.GDP.MKTP.CD", 3e11, 0.06),
    ("GDP (current LCU)", "NY.GDP.MKTP.CN", 5e12, 0.07),
    ("Military expenditure (current USD)", "MS.MIL.XPND.CD", 6e9, 0.05),
    ("Military expenditure (current LCU)", "MS.MIL.XPND.CN", 9e10, 0.05),
    ("Military expenditure (% of GDP)", "MS.MIL.XPND.GD.ZS", 1.9, 0.0),
    ("Military expenditure (% of general government expenditure)",
     "MS.MIL.XPND.ZS", 5.3, 0.0),
    ("Official exchange rate (LCU per US$, period average)", "PA.NUS.FCRF",
     42.0, 0.02),
    ("Population, total", "SP.POP.TOTL", 2.4e7, 0.015),
    ("GDP deflator (base year varies by country)", "NY.GDP.DEFL.ZS", 60.0,
     0.04),
]

WORDS = ["access", "adjusted", "agricultural", "annual", "births", "capital",
         "children", "coverage", "credit", "debt", "domestic", "electricity",
         "employment", "energy", "exports", "female", "forest", "gross",
         "health", "imports", "income", "interest", "labor", "land", "male",
         "net", "population", "poverty", "primary", "private", "public",
         "rural", "savings", "secondary", "services", "share", "tax", "total",
         "trade", "urban", "water", "youth"]
UNITS = ["(% of GDP)", "(current US$)", "(% of total)", "(annual %)",
         "(per 1,000 people)", "(constant 2015 US$)", "(% of population)",
         "(number)", "(\"modeled\" ILO estimate)", "(BoP, current US$)"]


def csv_field(s):
    if any(c in s for c in ',"\n\r'):
        return '"' + s.replace('"', '""') + '"'
    return s


def indicators(rng, n):
    out = [m + (15,) for m in MAPPED]
    seen = {m[1] for m in out}
    while len(out) < n:
        k = len(out)
        a, b, c = rng.sample(WORDS, 3)
        name = "%s %s, %s %s" % (a.capitalize(), b, c, rng.choice(UNITS))
        if rng.random() < 0.3:
            name = name.replace(",", "")  # some names have no comma
        code = "%s.%s.%s.%s" % (
            "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(2)),
            "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(3)),
            "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4)),
            rng.choice(["ZS", "CD", "KD", "P5", "IN", "ZG"]))
        if code in seen:
            continue
        seen.add(code)
        scale = 10 ** rng.uniform(-6, 12)
        out.append((name, code, scale, rng.uniform(-0.02, 0.08),
                    rng.choice([15, 15, 12, 10, 8, 6, 4])))
    out.sort(key=lambda t: t[1])
    return out


def number(v, digits):
    s = "%.*g" % (digits, v)
    if "e" in s:
        m, e = s.split("e")
        s = "%sE%s%02d" % (m, e[0], abs(int(e)))
    return s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows-per-country", type=int, default=1504)
    ap.add_argument("--out", default=os.path.join(HERE, "out", "WDICSV.csv"))
    ap.add_argument("--seed", type=int, default=20250601)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    with open(os.path.join(ROOT, "datasets", "meta", "countries.csv"),
              newline="", encoding="utf-8") as f:
        countries = [(r["name"], r["iso3"]) for r in csv.DictReader(f)
                     if r["iso3"] != "TWN"]  # Taiwan is not in WDI
    countries.sort(key=lambda t: t[0])
    inds = indicators(rng, a.rows_per_country)
    tmp = a.out + ".tmp"
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    ny = len(YEARS)
    with open(tmp, "w", encoding="utf-8", newline="") as f:
        f.write("Country Name,Country Code,Indicator Name,Indicator Code," +
                ",".join(str(y) for y in YEARS) + "\n")
        for cname, code in countries:
            cq = csv_field(cname)
            csize = 10 ** rng.uniform(-1.5, 1.5)
            for iname, icode, scale, growth, prec in inds:
                # WDI gaps: a first year with data, then ~7% holes
                first = int(rng.triangular(0, 0.8 * ny, 0))
                if rng.random() < 0.08:
                    first = ny  # a series with no data at all
                v = scale * csize * rng.uniform(0.5, 1.5)
                cells = [""] * ny
                g = 1.0 + growth
                digits = prec
                r = rng.random
                for i in range(first, ny):
                    v *= g + (r() - 0.5) * 0.1
                    if r() >= 0.1:
                        cells[i] = number(v, digits)
                f.write("%s,%s,%s,%s,%s\n" % (cq, code, csv_field(iname),
                                              icode, ",".join(cells)))
    os.replace(tmp, a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
