#!/usr/bin/env python3
"""Build the 'shape' test files of tests/data/import from the real files in
the shared source-data folder (../shared/data next to the repository, or
$DS_SHARED_DATA), by applying the transformation that the program or export
named in tests/data/import/README.md applies.  Every figure in the output
is a cell of a real file (sometimes multiplied by a stated power of ten, as
the export does); none is invented.  Run from the repository root:

    python3 tests/data/import/make_shapes.py

The SIPRI figures are read from a store made by importing the SIPRI
excerpt workbook with defspend itself (`defspend import
SIPRI-Milex-data-1949-2024-excerpt.xlsx --into DIR`), passed as argv[1]
(default /tmp/i15/sipri/imports.csv).
"""
import csv
import io
import json
import os
import sys

SHARED = os.environ.get("DS_SHARED_DATA", "/work/shared/data")
OUT = "tests/data/import"
SIPRI_STORE = sys.argv[1] if len(sys.argv) > 1 else "/tmp/i15/sipri/imports.csv"


def sipri(iso, year, indicator, price):
    with open(SIPRI_STORE, newline="") as f:
        for r in csv.DictReader(f):
            if (r["country"] == iso and r["year"] == str(year)
                    and r["indicator"] == indicator
                    and r["price_basis"] == price
                    and r["definition"] == "sipri"
                    and (indicator != "milex" or r["currency"] == "USD")):
                return r["value"]
    raise KeyError((iso, year, indicator, price))


def write(path, text, encoding="utf-8", newline="\n"):
    with open(os.path.join(OUT, path), "w", encoding=encoding,
              newline=newline) as f:
        f.write(text)


# ---- OWID grapher exports with a region column -------------------------
owid_rows = []
with open(os.path.join(SHARED, "owid/military-expenditure-share-gdp-excerpt.csv"),
          newline="") as f:
    for r in csv.reader(f):
        if r[0] in ("Japan", "Taiwan") and 2018 <= int(r[2]) <= 2020:
            owid_rows.append(r)
every = ["Entity,Code,Year,Military expenditure (% of GDP),"
         "World region according to OWID"]
one = ["Entity,Code,Year,Military expenditure (% of GDP),"
       "World regions according to OWID"]
seen = set()
for r in owid_rows:
    every.append(",".join(r + ["Asia"]))
    one.append(",".join(r + ["Asia" if r[0] not in seen else ""]))
    seen.add(r[0])
write("owid/share-gdp-region-every-row.csv", "\n".join(every) + "\n")
write("owid/share-gdp-region-one-row.csv", "\n".join(one) + "\n")

# ---- OWID constant-US$ export (Global Military Spending Dataset shape) --
lines = ["Entity,Code,Year,Military expenditure (constant US$),"
         "World region according to OWID"]
for name, iso in (("Japan", "JPN"), ("South Korea", "KOR")):
    for y in (2022, 2023, 2024):
        lines.append(f"{name},{iso},{y},{sipri(iso, y, 'milex', 'constant 2023')},Asia")
write("owid/milex-constant-usd.csv", "\n".join(lines) + "\n")

# ---- owid-datasets package: no Code, two value columns, datapackage ----
lines = ["Entity,Year,military_expenditure,military_expenditure_share_gdp"]
for name, iso in (("Japan", "JPN"), ("South Korea", "KOR"), ("Taiwan", "TWN")):
    for y in (2022, 2023, 2024):
        lines.append(f"{name},{y},{sipri(iso, y, 'milex', 'constant 2023')},"
                     f"{sipri(iso, y, 'milex_gdp_pct', '')}")
write("owid/package/Military expenditure (SIPRI).csv", "\n".join(lines) + "\n")
pkg = {
    "name": "Military expenditure (SIPRI)",
    "title": "Military expenditure (SIPRI)",
    "resources": [{
        "path": "Military expenditure (SIPRI).csv",
        "schema": {"fields": [
            {"name": "Entity", "type": "string"},
            {"name": "Year", "type": "year"},
            {"name": "military_expenditure", "type": "any",
             "description": "Military expenditure in constant 2023 US$.",
             "owidDisplaySettings": "{\"unit\": \"constant 2023 US$\"}"},
            {"name": "military_expenditure_share_gdp", "type": "any",
             "description": "Military expenditure as a share of GDP.",
             "owidDisplaySettings": "{\"unit\": \"% of GDP\"}"},
        ]},
    }],
}
write("owid/package/datapackage.json", json.dumps(pkg, indent=2) + "\n")

# ---- WDI CSV opened and saved by Excel ----------------------------------
# Excel keeps the BOM ("CSV UTF-8"), writes CRLF, quotes only fields that
# need it, pads every row to the table's width, shows the date in the
# M/D/YYYY form of a US locale and writes numbers as displayed: here
# General format, 10 significant digits ("4.026210821E+12").
def excel_number(cell):
    if cell == "":
        return ""
    v = float(cell)
    t = "%.10G" % v
    if "E" in t:
        mant, exp = t.split("E")
        t = "%sE+%02d" % (mant, int(exp)) if int(exp) >= 0 else t
    return t


def excel_field(cell):
    if any(ch in cell for ch in ',"\n'):
        return '"' + cell.replace('"', '""') + '"'
    return cell


raw = open(os.path.join(OUT, "wdi/API_NY.GDP.MKTP.CD_excerpt_crlf.csv"),
           encoding="utf-8-sig", newline="").read()
rows = list(csv.reader(io.StringIO(raw)))
width = max(len(r) for r in rows)
out = []
for r in rows:
    if r and r[0] == "Last Updated Date":
        y, m, d = r[1].split("-")
        r = [r[0], "%d/%d/%s" % (int(m), int(d), y)] + r[2:]
    elif r and r[0] not in ("Data Source", "Country Name") and len(r) > 4:
        r = r[:4] + [excel_number(c) for c in r[4:]]
    r = r + [""] * (width - len(r))
    out.append(",".join(excel_field(c) for c in r))
write("wdi/API_NY.GDP.MKTP.CD_excel_saved.csv", "\ufeff" + "\r\n".join(out) + "\r\n",
      newline="")

# ---- a FRED-shaped quarterly national-accounts series ------------------
# NOT a FRED download (FRED's JPNNGDP is not in the shared folder): the
# shape of FRED's JPNNGDP file (observation_date,JPNNGDP; quarterly dates;
# billions of yen) with each quarter set to the World Bank's annual
# NY.GDP.MKTP.CN cell for Japan in billions of yen, so the annual average
# of a year's four quarters is that cell.  2021 has only its last two
# quarters (an incomplete year).
wdi = list(csv.reader(open(os.path.join(OUT, "wdi/API_JPN_excerpt_lf_bom.csv"),
                           encoding="utf-8-sig", newline="")))
hdr = next(r for r in wdi if r and r[0] == "Country Name")
cn = next(r for r in wdi if len(r) > 3 and r[3] == "NY.GDP.MKTP.CN")
lines = ["observation_date,JPNNGDP"]
for y in (2021, 2022, 2023, 2024):
    cell = cn[hdr.index(str(y))]
    billions = cell[:-9] + "." + cell[-9:]
    billions = billions.rstrip("0").rstrip(".")
    for m in ((7, 10) if y == 2021 else (1, 4, 7, 10)):
        lines.append("%d-%02d-01,%s" % (y, m, billions))
write("fred/JPNNGDP_shape_from_wdi.csv", "\n".join(lines) + "\n")

# ---- WEO exports with subjects beyond GDP -------------------------------
# NOT IMF figures: the WEO export layout with Japan's World Bank cells
# (wdi/API_JPN_DS2_en_csv_v2_9334.csv, 2025-10-07) under the WEO subjects
# that mean the same thing; national-currency values in billions with three
# decimals and thousands commas, as the WEO prints them.  The notes say
# "Base year: 2020" (the year Japan's WDI deflator is 100); "Estimates
# Start After" is set to 2023 to exercise the projection flag.
full = list(csv.reader(open(os.path.join(SHARED, "wdi/API_JPN_DS2_en_csv_v2_9334.csv"),
                            encoding="utf-8-sig", newline="")))
fhdr = next(r for r in full if r and r[0] == "Country Name")


def wdi_cells(code):
    r = next(r for r in full if len(r) > 3 and r[3] == code)
    return [r[fhdr.index(str(y))] for y in range(2019, 2025)]


def weo_fmt(cell, scale):
    v = float(cell) / scale
    return "{:,.3f}".format(v)


weo_rows = [
    ("NGDP", "Gross domestic product, current prices", "National currency",
     "Billions", "NY.GDP.MKTP.CN", 1e9),
    ("NGDP_R", "Gross domestic product, constant prices", "National currency",
     "Billions", "NY.GDP.MKTP.KN", 1e9),
    ("NGDP_RPCH", "Gross domestic product, constant prices", "Percent change",
     "Units", "NY.GDP.MKTP.KD.ZG", 1),
    ("NGDP_D", "Gross domestic product, deflator", "Index", "Units",
     "NY.GDP.DEFL.ZS", 1),
    ("PCPI", "Inflation, average consumer prices", "Index", "Units",
     "FP.CPI.TOTL", 1),
    ("PCPIPCH", "Inflation, average consumer prices", "Percent change",
     "Units", "FP.CPI.TOTL.ZG", 1),
]
notes = "Source: World Bank WDI cells in the WEO layout Base year: 2020"
years = [str(y) for y in range(2019, 2025)]
# the full-database layout with subject codes, tab-separated UTF-16LE
lines = ["\t".join(["WEO Country Code", "ISO", "WEO Subject Code", "Country",
                    "Subject Descriptor", "Units", "Scale",
                    "Country/Series-specific Notes"] + years +
                   ["Estimates Start After"])]
for code, subj, units, scale, wcode, div in weo_rows:
    lines.append("\t".join(["158", "JPN", code, "Japan", subj, units, scale,
                            notes] +
                           [weo_fmt(c, div) for c in wdi_cells(wcode)] +
                           ["2023"]))
lines += ["", "International Monetary Fund, World Economic Outlook Database, "
          "October 2024"]
write("weo/jpn_subjects_shape_from_wdi.xls", "\r\n".join(lines) + "\r\n",
      encoding="utf-16-le", newline="")
# the single-country export: no Country column, comma-separated, numbers
# quoted because of their thousands commas
def q(cell):
    return '"' + cell + '"' if "," in cell else cell


lines = [",".join(["Subject Descriptor", "Units", "Scale",
                   "Country/Series-specific Notes"] + years +
                  ["Estimates Start After"])]
for code, subj, units, scale, wcode, div in weo_rows:
    lines.append(",".join([q(subj), units, scale, q(notes)] +
                          [q(weo_fmt(c, div)) for c in wdi_cells(wcode)] +
                          ["2023"]))
write("weo/jpn_single_country_shape_from_wdi.csv", "\n".join(lines) + "\n")

# ---- SIPRI sheets as users save and restructure them ---------------------
import re
import zipfile


def xlsx_sheet(path, n):
    """Cells of worksheet n as {(row, col): text}, inline strings or <v>."""
    x = zipfile.ZipFile(path).read("xl/worksheets/sheet%d.xml" % n).decode()
    cells = {}
    for ref, body in re.findall(r'<c r="([A-Z]+[0-9]+)"[^>]*?(?:/>|>(.*?)</c>)', x,
                                re.S):
        m = re.match(r"([A-Z]+)([0-9]+)", ref)
        col = 0
        for ch in m.group(1):
            col = col * 26 + ord(ch) - 64
        t = re.search(r"<t[^>]*>(.*?)</t>", body or "", re.S)
        v = re.search(r"<v>(.*?)</v>", body or "", re.S)
        text = t.group(1) if t else v.group(1) if v else ""
        cells[(int(m.group(2)), col)] = text
    return cells


def sipri_table(n):
    """(header years with their columns, [(region, country, {year: cell})])
    of a per-country SIPRI sheet: region heading rows carry the region."""
    c = xlsx_sheet(os.path.join(SHARED, "sipri/SIPRI-Milex-data-1949-2024-excerpt.xlsx"), n)
    hrow = next(r for (r, k), t in c.items() if k == 1 and t == "Country")
    years = {k: int(float(t)) for (r, k), t in c.items()
             if r == hrow and re.fullmatch(r"[0-9]{4}(\.0)?", t)}
    rows, region = [], ""
    for r in sorted({r for (r, k) in c if r > hrow}):
        name = c.get((r, 1), "").strip()
        vals = {y: c.get((r, k), "").strip() for k, y in years.items()}
        if name and not any(vals.values()):
            region = name
            continue
        if name:
            rows.append((region, name, vals))
    return years, rows


# the Constant (2023) US$ sheet (worksheet 5) saved as CSV with its title
# rows, Notes column and region rows removed: Country,1990,...,2024;
# "..." and "xxx" kept; numbers as the cells hold them
years, rows = sipri_table(5)
ys = [y for y in sorted(years.values()) if y >= 1990]
lines = ["Country," + ",".join(map(str, ys))]
for region, name, vals in rows:
    lines.append(",".join([excel_field(name)] +
                          [excel_field(vals[y].replace(". .", "...")) for y in ys]))
write("sipri/constant_usd_trimmed.csv", "\r\n".join(lines) + "\r\n", newline="")

# the Share of GDP sheet (worksheet 7) restructured by a user: an Area
# column with the region each country sat under, years 1991-2024, values
# shown as percentages with two decimals ("5.79%")
years, rows = sipri_table(7)
ys = [y for y in sorted(years.values()) if y >= 1991]


def pct(cell):
    try:
        return "%.2f%%" % (float(cell) * 100)
    except ValueError:
        return cell.replace(". .", "...")


lines = ["Area,Country," + ",".join(map(str, ys))]
for region, name, vals in rows:
    lines.append(",".join([excel_field(region), excel_field(name)] +
                          [pct(vals[y]) for y in ys]))
write("sipri/share_gdp_restructured.csv", "\n".join(lines) + "\n")

# the local-currency sheets saved as CSV with their title rows, Notes
# column and region rows removed, years 2015-2024, Japan, Germany and the
# United Kingdom: the calendar-year sheet (worksheet 4) as
# Country,Currency,2015,...; the financial-year sheet (worksheet 3) with
# its "Fiscal Year (Jan-Dec if not stated)" column kept.  Currency words
# as the cells hold them ("Yen       ", padded); numbers as the cells hold
# them (units of local currency in the 2025 release)


def sipri_lcu(n, fy_col):
    c = xlsx_sheet(os.path.join(SHARED, "sipri/SIPRI-Milex-data-1949-2024-excerpt.xlsx"), n)
    hrow = next(r for (r, k), t in c.items() if k == 1 and t == "Country")
    years = {k: int(float(t)) for (r, k), t in c.items()
             if r == hrow and re.fullmatch(r"[0-9]{4}(\.0)?", t)}
    ys = [y for y in sorted(years.values()) if 2015 <= y <= 2024]
    col = {y: k for k, y in years.items()}
    head = ["Country", "Currency"] + ([c[(hrow, 3)]] if fy_col else [])
    lines = [",".join(excel_field(h) for h in head) + "," +
             ",".join(map(str, ys))]
    for r in sorted({r for (r, k) in c if r > hrow}):
        name = c.get((r, 1), "").strip()
        if name not in ("Japan", "Germany", "United Kingdom"):
            continue
        cells = [name, c.get((r, 2), "")] + ([c.get((r, 3), "")] if fy_col else [])
        lines.append(",".join(excel_field(x) for x in cells) + "," +
                     ",".join(excel_field(c.get((r, col[y]), "").replace(". .", "..."))
                              for y in ys))
    return lines


write("sipri/local_currency_calendar_trimmed.csv",
      "\r\n".join(sipri_lcu(4, False)) + "\r\n", newline="")
write("sipri/local_currency_fiscal_trimmed.csv",
      "\r\n".join(sipri_lcu(3, True)) + "\r\n", newline="")

# ---- a Data360-style long CSV -------------------------------------------
# The World Bank's Data360 long layout (one observation a row, SDMX-like
# column names) with WDI cells: Japan and Korea's GDP in current US$ from
# the DataBank excerpt (databank/Data_excerpt.csv, 2024-03-28) written in
# US$ millions with UNIT_MULT 6, so the scale column is exercised.
# Not a Data360 download.
db = list(csv.reader(open(os.path.join(OUT, "databank/Data_excerpt.csv"),
                          encoding="utf-8-sig", newline="")))
dhdr = db[0]
lines = ["DATABASE_ID,INDICATOR,REF_AREA,SEX,AGE,URBANISATION,UNIT_MEASURE,"
         "UNIT_MULT,TIME_PERIOD,OBS_VALUE,COMMENT_OBS"]
for r in db[1:]:
    if len(r) < 5 or r[1] not in ("KOR", "USA"):
        continue
    for k, h in enumerate(dhdr):
        y = h[:4]
        if not y.isdigit() or int(y) < 2018:
            continue
        cell = r[k]
        if cell in ("", ".."):
            obs = ""
        else:
            units, _, frac = cell.partition(".")
            frac = (frac + "000000")[:6] if frac else ""
            # move the decimal point 6 places left: exact, no rounding
            digits = units.rjust(7, "0")
            obs = digits[:-6].lstrip("0") or "0"
            obs += "." + digits[-6:] + (frac.rstrip("0") and frac or "")
            obs = obs.rstrip("0").rstrip(".")
        lines.append(",".join(["WB_WDI", "WB_WDI_NY_GDP_MKTP_CD", r[1], "_T",
                               "_T", "_T", "USD", "6", y, obs, ""]))
write("table/data360_long_gdp.csv", "\n".join(lines) + "\n")

# ---- a CP932 (Shift_JIS) wide table -------------------------------------
# A Japanese government-style wide table (years as columns, 「年」 after the
# year, figures in 10億円 = billions of yen) in CP932, with Japan's WDI
# NY.GDP.MKTP.CN cells in billions (wdi/API_JPN_excerpt_lf_bom.csv).
# Not a Cabinet Office download.
ys = (2021, 2022, 2023, 2024)
text = "国コード,国名," + ",".join("%d年" % y for y in ys) + "\r\n"
text += "JPN,日本," + ",".join(
    (cn[hdr.index(str(y))][:-9] + "." + cn[hdr.index(str(y))][-9:]).rstrip("0").rstrip(".")
    for y in ys) + "\r\n"
text += "（注）名目GDP、暦年、10億円,,,,,\r\n"
write("table/jpn_gdp_wide_cp932.csv", text, encoding="cp932", newline="")
