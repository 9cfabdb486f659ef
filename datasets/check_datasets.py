#!/usr/bin/env python3
"""Compare shipped figures with the source cells they came from.

Two uses:

* `build_datasets.py --check` (the developer, with the publishers' files):
  every row of the files `defspend import` produced is compared with its
  source cell, read here independently of the C importer, and every source
  cell with a value must have its row (nothing dropped).

* the test suite (`meson test`, suite `datasets`), on the small excerpts in
  tests/data/shipped/ and tests/data/nato/:

      python3 datasets/check_datasets.py --shipped datasets \\
          --excerpts tests/data/shipped --nato-excerpt tests/data/nato/nato-excerpt.xlsx

  every figure of an excerpt must be in the shipped store with the same
  value, vintage and source code, and every shipped NATO figure whose cell
  is in the excerpt workbook must equal that cell (times one power of ten
  per sheet: the workbook prints millions, the store holds units).

Python 3 standard library only.  Exit status 0 when everything matches,
1 otherwise (each mismatch printed as FILE: message).
"""

import argparse
import csv
import io
import math
import os
import re
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
RNS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def same(a, b):
    return a == b or math.isclose(a, b, rel_tol=1e-12, abs_tol=0.0)


def read_text(path, member=None):
    if member is None and path.endswith(".zip"):
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist()
                     if os.path.basename(n).startswith("API_") or n.endswith("_Data.csv")]
            if len(names) != 1:
                raise ValueError("%s: expected one data CSV in the zip, found %r" % (path, names))
            data = z.read(names[0])
    else:
        with open(path, "rb") as f:
            data = f.read()
    return data.decode("utf-8-sig")


def wdi_cells(text):
    """WDI bulk CSV -> ({(code, series, year): value}, vintage)."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    vintage, hdr, cells = None, None, {}
    for rec in rows:
        if not rec:
            continue
        if rec[0] == "Last Updated Date":
            vintage = rec[1]
        elif rec[0] == "Country Name":
            hdr = rec
        elif hdr is not None and len(rec) >= 4:
            for i, h in enumerate(hdr):
                if re.fullmatch(r"\d{4}", h) and i < len(rec) and rec[i].strip():
                    cells[(rec[1], rec[3], int(h))] = float(rec[i])
    return cells, vintage


def databank_cells(text):
    """DataBank extract -> ({(code, series, year): value}, vintage)."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    hdr, cells, vintage = rows[0], {}, None
    for rec in rows[1:]:
        if rec and rec[0].startswith("Last Updated:"):
            m, d, y = rec[0].split(":", 1)[1].strip().split("/")
            vintage = "%s-%s-%s" % (y, m, d)
            continue
        if len(rec) != len(hdr) or not rec[1]:
            continue
        for i, h in enumerate(hdr):
            m = re.fullmatch(r"(\d{4}) \[YR\d{4}\]", h)
            if m and rec[i] not in ("..", ""):
                cells[(rec[1], rec[3], int(m.group(1)))] = float(rec[i])
    return cells, vintage


def xlsx_cells(path):
    """{(sheet name, cell ref): number} for the numeric cells of a workbook."""
    out = {}
    with zipfile.ZipFile(path) as z:
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels}
        for sh in wb.iter(NS + "sheet"):
            t = target[sh.get(RNS + "id")].lstrip("/")
            t = t if t.startswith("xl/") else "xl/" + t
            root = ET.fromstring(z.read(t))
            for c in root.iter(NS + "c"):
                v = c.find(NS + "v")
                if v is None or c.get("t") in ("s", "str", "inlineStr", "e", "b"):
                    continue
                try:
                    out[(sh.get("name"), c.get("r"))] = float(v.text)
                except (TypeError, ValueError):
                    pass
    return out


def shipped_rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


SERIES_RE = re.compile(r"([A-Z]{2}\.[A-Z0-9.]+)$")
CELL_RE = re.compile(r"sheet (\S+) cell ([A-Z]+\d+)")


def compare_wdi(name, rows, cells, vintage, complete, problems):
    """rows (shipped) against cells; complete: every cell needs its row."""
    have = set()
    for r in rows:
        m = SERIES_RE.search(r["source"])
        if not m:
            problems.append("%s: %s %s %s: no series code in source %r"
                            % (name, r["country"], r["indicator"], r["year"], r["source"]))
            continue
        k = (r["country"], m.group(1), int(r["year"]))
        if r["vintage"] != vintage:
            problems.append("%s: %s: vintage %s, source says %s" % (name, k, r["vintage"], vintage))
        if k not in cells:
            if complete:
                problems.append("%s: %s: shipped %s but the source cell is empty"
                                % (name, k, r["value"]))
            continue
        have.add(k)
        if not same(float(r["value"]), cells[k]):
            problems.append("%s: %s: shipped %s, source cell %r" % (name, k, r["value"], cells[k]))
    return have


def excerpt_in_shipped(name, cells, vintage, rows, problems):
    """Every excerpt cell must be a shipped row with the same value."""
    index = {}
    for r in rows:
        m = SERIES_RE.search(r["source"])
        if m and r["vintage"] == vintage:
            index[(r["country"], m.group(1), int(r["year"]))] = float(r["value"])
    for k, v in sorted(cells.items()):
        if k not in index:
            problems.append("%s: %s = %r (vintage %s) is not in the shipped store"
                            % (name, k, v, vintage))
        elif not same(index[k], v):
            problems.append("%s: %s: source cell %r, shipped %r" % (name, k, v, index[k]))
    return len(cells)


def compare_nato(name, rows, cells, complete, problems):
    """Shipped NATO rows against workbook cells (one power of ten per sheet,
    indicator and price basis: the workbook prints millions)."""
    scale = {}
    n = 0
    for r in rows:
        m = CELL_RE.search(r["note"])
        if not m:
            problems.append("%s: %s %s %s: note names no cell" % (name, r["country"], r["indicator"], r["year"]))
            continue
        k = (m.group(1), m.group(2))
        if k not in cells:
            if complete:
                problems.append("%s: %s: no number in the workbook cell" % (name, k))
            continue
        n += 1
        v, c = float(r["value"]), cells[k]
        if c == 0:
            if v != 0:
                problems.append("%s: %s: cell 0, shipped %s" % (name, k, v))
            continue
        ratio = v / c
        p = round(math.log10(abs(ratio))) if ratio > 0 else None
        if p is None or p not in (0, 3, 6, 9) or not same(v, c * 10 ** p):
            problems.append("%s: %s: shipped %s is not the cell %r times a power of ten"
                            % (name, k, v, c))
            continue
        sk = (m.group(1), r["indicator"], r["currency"] == "USD", r["price_basis"])
        if scale.setdefault(sk, p) != p:
            problems.append("%s: %s: scale 1e%d, other cells of %s 1e%d" % (name, k, p, sk, scale[sk]))
    return n


def compare_security(name, rows, readme, problems):
    """Each security-related figure must be written in the README: ¥N tn or N兆円."""
    for r in rows:
        v = int(r["value"])
        tn = v / 10 ** 12
        forms = {("¥%g tn" % tn), ("%g兆円" % tn)}
        if not any(f in readme for f in forms):
            problems.append("%s: %s %s %s = %s: neither %s is in the README"
                            % (name, r["indicator"], r["definition"], r["year"], v,
                               " nor ".join(sorted(forms))))
        if not r["source"].endswith("]") or "[" not in r["source"]:
            problems.append("%s: %s %s: no source keys" % (name, r["indicator"], r["year"]))
        if r["indicator"] != "gdp" and "approximate" not in r["flags"] and "about" in r["note"].split(";")[1]:
            problems.append("%s: %s %s: 'about' in the source but not flagged approximate"
                            % (name, r["indicator"], r["year"]))


def check(args):
    """build_datasets.py --check: the full source files against --out."""
    wdi, out = args.wdi_dir, args.out
    problems = []
    for fname, src, kind in (
            ("wdi_milex_gdp_pct.csv", os.path.join(wdi, "API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_211.zip"), "wdi"),
            ("wdi_population.csv", os.path.join(wdi, "API_SP.POP.TOTL_DS2_en_csv_v2_33112.csv"), "wdi"),
            ("wdi_databank.csv", os.path.join(wdi, "..", "databank", "2025-12-04_all_countries",
                                              "P_Data_Extract_From_World_Development_Indicators.zip"),
             "databank")):
        rows = shipped_rows(os.path.join(out, fname))
        text = read_text(src)
        cells, vintage = (wdi_cells if kind == "wdi" else databank_cells)(text)
        codes = {SERIES_RE.search(r["source"]).group(1) for r in rows}
        cells = {k: v for k, v in cells.items() if k[1] in codes}
        have = compare_wdi(fname, rows, cells, vintage, True, problems)
        missing = set(cells) - have
        for k in sorted(missing)[:20]:
            problems.append("%s: source cell %s = %r has no shipped row" % (fname, k, cells[k]))
        print("check: %s: %d rows against %s (%d cells)" % (fname, len(rows), src, len(cells)))
    rows = shipped_rows(os.path.join(out, "nato.csv"))
    src = os.path.join(wdi, "..", "nato", "240617-def-exp-2024-TABLES-en.xlsx")
    n = compare_nato("nato.csv", rows, xlsx_cells(src), True, problems)
    print("check: nato.csv: %d rows against the cells of %s" % (n, src))
    with open(args.mod_readme, encoding="utf-8") as f:
        readme = f.read()
    rows = shipped_rows(os.path.join(out, "japan_security_related.csv"))
    compare_security("japan_security_related.csv", rows, readme, problems)
    print("check: japan_security_related.csv: %d rows against %s" % (len(rows), args.mod_readme))
    for p in problems:
        print("build_datasets: check: %s" % p, file=sys.stderr)
    return len(problems)


def main(argv=None):
    ap = argparse.ArgumentParser(description="compare shipped figures with source excerpts")
    ap.add_argument("--shipped", required=True, help="the shipped store (datasets/)")
    ap.add_argument("--excerpts", required=True, help="tests/data/shipped")
    ap.add_argument("--nato-excerpt", required=True, help="tests/data/nato/nato-excerpt.xlsx")
    args = ap.parse_args(argv)
    problems = []
    d = args.excerpts
    total = 0
    for excerpt, shipped, reader in (
            ("wdi_milex_gdp_pct_excerpt.csv", "wdi_milex_gdp_pct.csv", wdi_cells),
            ("wdi_population_excerpt.csv", "wdi_population.csv", wdi_cells),
            ("wdi_databank_excerpt.csv", "wdi_databank.csv", databank_cells)):
        cells, vintage = reader(read_text(os.path.join(d, excerpt)))
        if not cells:
            problems.append("%s: no figures read" % excerpt)
        total += excerpt_in_shipped(excerpt, cells, vintage,
                                    shipped_rows(os.path.join(args.shipped, shipped)), problems)
    nato = shipped_rows(os.path.join(args.shipped, "nato.csv"))
    n = compare_nato("nato.csv", nato, xlsx_cells(args.nato_excerpt), False, problems)
    if n < 100:
        problems.append("nato.csv: only %d shipped figures found in the excerpt workbook" % n)
    total += n
    with open(os.path.join(d, "japan_mod_section2_excerpt.md"), encoding="utf-8") as f:
        readme = f.read()
    sec = shipped_rows(os.path.join(args.shipped, "japan_security_related.csv"))
    if len(sec) < 5:
        problems.append("japan_security_related.csv: %d rows, expected at least 5" % len(sec))
    compare_security("japan_security_related.csv", sec, readme, problems)
    total += len(sec)
    for p in problems:
        print(p, file=sys.stderr)
    print("%d figures compared, %d problems" % (total, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
