#!/usr/bin/env python3
"""Regenerate the shipped defspend datasets from the publishers' source files.

Usage (from the repository root, after `ninja -C build`):

    python3 datasets/build_datasets.py \
        --wdi-dir /work/shared/data/wdi \
        --mod-readme /work/shared/data/japan_mod/README.md \
        --out datasets/
    python3 datasets/build_datasets.py ... --out datasets/ --check

Writes (under --out):
    wdi_japan.csv          Japan, 9 WDI indicators, 1990 onwards
    wdi_world.csv          all WDI countries/aggregates: gdp, milex (USD) 2024-03-28,
                           milex % GDP (2018 vintage): the earlier releases
    wdi_milex_gdp_pct.csv  milex % GDP, every economy, WDI 2026-02-24 (zip)
    wdi_population.csv     population, every economy, WDI 2026-07-13
    wdi_databank.csv       GDP current US$ and real GDP growth, DataBank 2025-12-04
    nato.csv               NATO members, 2014-2024e (the NATO June 2024 tables)
    japan_mod_budget.csv   Japan MoD budget table parsed from the japan_mod README
    japan_security_related.csv  Japan's "security-related" total, its FY2022 GDP
                           base, the FY2027 plan and the FY2023-27 programme (README section 2)
    meta/countries.csv     WDI country metadata + Taiwan, ISO 4217 currency, aliases

The WDI zip, population and DataBank files and the NATO workbook are read by
the built `defspend import` (--defspend, default build/defspend) into a
temporary store, so the shipped rows are exactly what a user's import of the
same file gives; --check then compares every shipped figure with its source
cell, read here independently (CSV, zip, and the workbook's XML).

meta/baselines.csv is hand-maintained and is not touched by this script.

Every number in the outputs is read from the source files; nothing numeric is
typed here except structural constants (first year 1990, unit multipliers such
as 1 bn = 10^9).  Country names, aliases and currency codes are typed below.

The script is deterministic (same input -> byte-identical output), reads all
inputs before writing anything, and writes each output atomically (temporary
file in the same directory + os.replace).  Malformed input stops it with
"file:line: message" on stderr and exit status 1.

Python 3 standard library only.
"""

import argparse
import csv
import datetime
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from decimal import Decimal, ROUND_HALF_UP

# --------------------------------------------------------------------------
# Constants
# --------------------------------------------------------------------------

HEADER = ["country", "year", "year_basis", "indicator", "value", "currency",
          "price_basis", "definition", "source", "vintage", "flags", "note"]

COUNTRIES_HEADER = ["iso3", "name", "aggregate", "region", "income_group",
                    "currency", "aliases", "special_notes"]

# Source file names inside --wdi-dir.
WDI_JAPAN_FILE = "API_JPN_DS2_en_csv_v2_9334.csv"
WDI_GDP_FILE = "API_NY.GDP.MKTP.CD_DS2_en_csv_v2_26.csv"
WDI_MILEX_FILE = "API_MS.MIL.XPND.CD_DS2_en_csv_v2_47475.csv"
WDI_MILEX_GDP_2018_FILE = os.path.join("vintage-2018", "API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2.csv")
WDI_META_COUNTRY_FILE = "Metadata_Country_API_MS.MIL.XPND.CD_DS2_en_csv_v2_47475.csv"
# Newer releases, read by `defspend import` (relative to --wdi-dir).
WDI_MILEX_GDP_ZIP = "API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_211.zip"
WDI_POP_FILE = "API_SP.POP.TOTL_DS2_en_csv_v2_33112.csv"
DATABANK_ZIP = os.path.join("..", "databank", "2025-12-04_all_countries",
                            "P_Data_Extract_From_World_Development_Indicators.zip")
NATO_FILE = os.path.join("..", "nato", "240617-def-exp-2024-TABLES-en.xlsx")

# (output, source file relative to --wdi-dir, `defspend import` options,
#  {series code: (indicator, currency, price_basis)} expected in the output)
IMPORTED = [
    ("wdi_milex_gdp_pct.csv", WDI_MILEX_GDP_ZIP, ["--format", "wdi"],
     {"MS.MIL.XPND.GD.ZS": ("milex_gdp_pct", "", "")}),
    ("wdi_population.csv", WDI_POP_FILE, ["--format", "wdi"],
     {"SP.POP.TOTL": ("population", "", "")}),
    ("wdi_databank.csv", DATABANK_ZIP,
     ["--format", "databank", "--indicator", "NY.GDP.MKTP.CD,NY.GDP.MKTP.KD.ZG"],
     {"NY.GDP.MKTP.CD": ("gdp", "USD", "current"),
      "NY.GDP.MKTP.KD.ZG": ("ny_gdp_mktp_kd_zg", "", "")}),
    ("nato.csv", NATO_FILE, ["--format", "nato"], None),
]

JAPAN_FIRST_YEAR = 1990

# WDI indicator code -> (indicator, currency, price_basis)
JAPAN_INDICATORS = [
    ("NY.GDP.MKTP.CD", "gdp", "USD", "current"),
    ("NY.GDP.MKTP.CN", "gdp", "JPY", "current"),
    ("MS.MIL.XPND.CD", "milex", "USD", "current"),
    ("MS.MIL.XPND.CN", "milex", "JPY", "current"),
    ("MS.MIL.XPND.GD.ZS", "milex_gdp_pct", "", ""),
    ("MS.MIL.XPND.ZS", "milex_gov_pct", "", ""),
    ("PA.NUS.FCRF", "fx", "JPY", ""),
    ("SP.POP.TOTL", "population", "", ""),
    ("NY.GDP.DEFL.ZS", "gdp_deflator", "", ""),
]

# (file, expected indicator code, indicator, currency, price_basis)
WORLD_FILES = [
    (WDI_GDP_FILE, "NY.GDP.MKTP.CD", "gdp", "USD", "current"),
    (WDI_MILEX_FILE, "MS.MIL.XPND.CD", "milex", "USD", "current"),
    (WDI_MILEX_GDP_2018_FILE, "MS.MIL.XPND.GD.ZS", "milex_gdp_pct", "", ""),
]

MOD_COLUMNS = ["fiscal_year", "budget_excl_saco_realign_jpy",
               "budget_incl_saco_realign_jpy", "supplementary_jpy",
               "budget_rate_jpy_per_usd", "usd_equivalent", "source"]

# Country metadata typed by hand: names and codes only, no numbers.
# ISO 4217 code of the currency in use (the WDI "LCU").  Left out on purpose
# where the code is ambiguous for WDI's local-currency series: CUW/SXM
# (ANG replaced by XCG in 2025), PSE (several currencies), ZWE (ZWL/ZWG/USD).
CURRENCY = {
    "ABW": "AWG", "AFG": "AFN", "AGO": "AOA", "ALB": "ALL", "AND": "EUR",
    "ARE": "AED", "ARG": "ARS", "ARM": "AMD", "ASM": "USD", "ATG": "XCD",
    "AUS": "AUD", "AUT": "EUR", "AZE": "AZN", "BDI": "BIF", "BEL": "EUR",
    "BEN": "XOF", "BFA": "XOF", "BGD": "BDT", "BGR": "BGN", "BHR": "BHD",
    "BHS": "BSD", "BIH": "BAM", "BLR": "BYN", "BLZ": "BZD", "BMU": "BMD",
    "BOL": "BOB", "BRA": "BRL", "BRB": "BBD", "BRN": "BND", "BTN": "BTN",
    "BWA": "BWP", "CAF": "XAF", "CAN": "CAD", "CHE": "CHF", "CHI": "GBP",
    "CHL": "CLP", "CHN": "CNY", "CIV": "XOF", "CMR": "XAF", "COD": "CDF",
    "COG": "XAF", "COL": "COP", "COM": "KMF", "CPV": "CVE", "CRI": "CRC",
    "CUB": "CUP", "CYM": "KYD", "CYP": "EUR", "CZE": "CZK", "DEU": "EUR",
    "DJI": "DJF", "DMA": "XCD", "DNK": "DKK", "DOM": "DOP", "DZA": "DZD",
    "ECU": "USD", "EGY": "EGP", "ERI": "ERN", "ESP": "EUR", "EST": "EUR",
    "ETH": "ETB", "FIN": "EUR", "FJI": "FJD", "FRA": "EUR", "FRO": "DKK",
    "FSM": "USD", "GAB": "XAF", "GBR": "GBP", "GEO": "GEL", "GHA": "GHS",
    "GIB": "GIP", "GIN": "GNF", "GMB": "GMD", "GNB": "XOF", "GNQ": "XAF",
    "GRC": "EUR", "GRD": "XCD", "GRL": "DKK", "GTM": "GTQ", "GUM": "USD",
    "GUY": "GYD", "HKG": "HKD", "HND": "HNL", "HRV": "EUR", "HTI": "HTG",
    "HUN": "HUF", "IDN": "IDR", "IMN": "GBP", "IND": "INR", "IRL": "EUR",
    "IRN": "IRR", "IRQ": "IQD", "ISL": "ISK", "ISR": "ILS", "ITA": "EUR",
    "JAM": "JMD", "JOR": "JOD", "JPN": "JPY", "KAZ": "KZT", "KEN": "KES",
    "KGZ": "KGS", "KHM": "KHR", "KIR": "AUD", "KNA": "XCD", "KOR": "KRW",
    "KWT": "KWD", "LAO": "LAK", "LBN": "LBP", "LBR": "LRD", "LBY": "LYD",
    "LCA": "XCD", "LIE": "CHF", "LKA": "LKR", "LSO": "LSL", "LTU": "EUR",
    "LUX": "EUR", "LVA": "EUR", "MAC": "MOP", "MAF": "EUR", "MAR": "MAD",
    "MCO": "EUR", "MDA": "MDL", "MDG": "MGA", "MDV": "MVR", "MEX": "MXN",
    "MHL": "USD", "MKD": "MKD", "MLI": "XOF", "MLT": "EUR", "MMR": "MMK",
    "MNE": "EUR", "MNG": "MNT", "MNP": "USD", "MOZ": "MZN", "MRT": "MRU",
    "MUS": "MUR", "MWI": "MWK", "MYS": "MYR", "NAM": "NAD", "NCL": "XPF",
    "NER": "XOF", "NGA": "NGN", "NIC": "NIO", "NLD": "EUR", "NOR": "NOK",
    "NPL": "NPR", "NRU": "AUD", "NZL": "NZD", "OMN": "OMR", "PAK": "PKR",
    "PAN": "PAB", "PER": "PEN", "PHL": "PHP", "PLW": "USD", "PNG": "PGK",
    "POL": "PLN", "PRI": "USD", "PRK": "KPW", "PRT": "EUR", "PRY": "PYG",
    "PYF": "XPF", "QAT": "QAR", "ROU": "RON", "RUS": "RUB", "RWA": "RWF",
    "SAU": "SAR", "SDN": "SDG", "SEN": "XOF", "SGP": "SGD", "SLB": "SBD",
    "SLE": "SLE", "SLV": "USD", "SMR": "EUR", "SOM": "SOS", "SRB": "RSD",
    "SSD": "SSP", "STP": "STN", "SUR": "SRD", "SVK": "EUR", "SVN": "EUR",
    "SWE": "SEK", "SWZ": "SZL", "SYC": "SCR", "SYR": "SYP", "TCA": "USD",
    "TCD": "XAF", "TGO": "XOF", "THA": "THB", "TJK": "TJS", "TKM": "TMT",
    "TLS": "USD", "TON": "TOP", "TTO": "TTD", "TUN": "TND", "TUR": "TRY",
    "TUV": "AUD", "TWN": "TWD", "TZA": "TZS", "UGA": "UGX", "UKR": "UAH",
    "URY": "UYU", "USA": "USD", "UZB": "UZS", "VCT": "XCD", "VEN": "VES",
    "VGB": "USD", "VIR": "USD", "VNM": "VND", "VUT": "VUV", "WSM": "WST",
    "XKX": "EUR", "YEM": "YER", "ZAF": "ZAR", "ZMB": "ZMW",
}

# Other names used by SIPRI, IMF WEO, NATO, OWID, UN and the press.
ALIASES = {
    "AFG": ["Islamic Republic of Afghanistan", "Afghanistan, Islamic Republic of"],
    "ARE": ["UAE", "U.A.E."],
    "BHS": ["Bahamas", "The Bahamas"],
    "BIH": ["Bosnia-Herzegovina", "Bosnia"],
    "BOL": ["Bolivia (Plurinational State of)", "Plurinational State of Bolivia"],
    "BRN": ["Brunei"],
    "CHN": ["People's Republic of China", "China, People's Republic of", "PRC",
            "Mainland China", "China (People's Republic of)"],
    "CIV": ["Cote d'Ivoire", "Côte d’Ivoire", "Ivory Coast"],
    "COD": ["DR Congo", "Congo, DR", "Democratic Republic of the Congo",
            "Democratic Republic of Congo", "Congo, Democratic Republic of the",
            "Congo, Dem. Rep", "Congo, Dem. Rep. of the", "Congo (Kinshasa)", "DRC",
            "Zaire"],
    "COG": ["Congo, Republic", "Congo", "Republic of Congo", "Republic of the Congo",
            "Congo, Republic of", "Congo, Rep", "Congo (Brazzaville)"],
    "CPV": ["Cape Verde"],
    "CUW": ["Curacao"],
    "CZE": ["Czech Republic", "Czechia"],
    "EGY": ["Egypt", "Arab Republic of Egypt", "Egypt, Arab Republic of"],
    "FRO": ["Faeroe Islands"],
    "FSM": ["Micronesia", "Micronesia (country)", "Federated States of Micronesia",
            "Micronesia, Federated States of", "Micronesia, Fed. States of"],
    "GBR": ["UK", "U.K.", "United Kingdom of Great Britain and Northern Ireland",
            "Britain", "Great Britain"],
    "GMB": ["Gambia", "The Gambia"],
    "HKG": ["Hong Kong", "Hong Kong SAR", "Hong Kong, China"],
    "IRN": ["Iran", "Islamic Republic of Iran", "Iran, Islamic Republic of",
            "Iran (Islamic Republic of)"],
    "KGZ": ["Kyrgyzstan"],
    "KNA": ["Saint Kitts and Nevis"],
    "KOR": ["Korea, South", "Republic of Korea", "South Korea", "Korea",
            "Korea, Republic of", "ROK"],
    "LAO": ["Laos", "Lao P.D.R.", "Lao People's Democratic Republic", "Lao"],
    "LCA": ["Saint Lucia"],
    "MAC": ["Macao", "Macau", "Macao SAR", "Macao, China"],
    "MAF": ["Saint Martin (French part)", "Saint Martin"],
    "MDA": ["Republic of Moldova", "Moldova, Republic of"],
    "MKD": ["North Macedonia", "Macedonia", "Macedonia, FYR", "FYR Macedonia",
            "Republic of North Macedonia", "Former Yugoslav Republic of Macedonia"],
    "MMR": ["Burma"],
    "NLD": ["Netherlands, The", "Netherlands (Kingdom of the)", "Kingdom of the Netherlands",
            "Holland"],
    "PRK": ["Korea, North", "North Korea", "Democratic People's Republic of Korea",
            "Korea, Democratic People's Republic of", "DPRK"],
    "PSE": ["Palestine", "State of Palestine", "Palestinian Territories",
            "West Bank & Gaza"],
    "RUS": ["Russia"],
    "STP": ["Sao Tome and Principe", "São Tomé and Príncipe"],
    "SVK": ["Slovak Republic", "Slovakia"],
    "SWZ": ["Swaziland", "eSwatini"],
    "SXM": ["Sint Maarten"],
    "SYR": ["Syria"],
    "TLS": ["East Timor", "Timor Leste"],
    "SSD": ["South Sudan, Republic of", "Republic of South Sudan"],
    "TUR": ["Turkey", "Türkiye", "Turkiye", "Republic of Türkiye"],
    "TWN": ["Taiwan, China", "Chinese Taipei", "Taiwan Province of China",
            "Republic of China", "ROC"],
    "TZA": ["United Republic of Tanzania", "Tanzania, United Republic of"],
    "USA": ["United States of America", "US", "USA", "U.S.", "U.S.A."],
    "VCT": ["Saint Vincent and the Grenadines"],
    "VEN": ["Venezuela", "Venezuela (Bolivarian Republic of)",
            "Bolivarian Republic of Venezuela"],
    "VGB": ["Virgin Islands, British"],
    "VIR": ["United States Virgin Islands", "US Virgin Islands", "U.S. Virgin Islands"],
    "VNM": ["Vietnam", "Viet Nam"],
    "YEM": ["Yemen", "Republic of Yemen"],
}

# Taiwan is not in WDI; it is added as a country.
EXTRA_COUNTRIES = [
    {"iso3": "TWN", "name": "Taiwan", "aggregate": "0",
     "region": "East Asia & Pacific", "income_group": "",
     "special_notes": "Not in WDI (added by defspend so that SIPRI, IMF WEO and "
                      "OWID figures for Taiwan can be stored; region assigned by "
                      "defspend, no World Bank income group)."},
]

# Allowed flags, in the order they are written.
FLAG_ORDER = ["estimate", "projection", "uncertain", "aggregate", "draft",
              "approximate", "derived", "suspect"]

NUMBER_RE = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
ISO_DATE_RE = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
CODE_RE = re.compile(r"[A-Z0-9]{3}")


class InputError(Exception):
    """Malformed input: message is already 'file:line: text'."""


def fail(path, line, msg):
    raise InputError("%s:%s: %s" % (path, line if line is not None else "?", msg))


def valid_date(path, line, text):
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if not m:
        fail(path, line, "expected a YYYY-MM-DD date, got %r" % text)
    try:
        datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        fail(path, line, "invalid date %r" % text)
    return text


def open_text(path):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise InputError("%s:0: cannot read: %s" % (path, e.strerror or e))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        fail(path, line, "not valid UTF-8 (%s)" % e.reason)
    return text


# --------------------------------------------------------------------------
# WDI bulk-download CSV ("API_..._DS2_en_csv_v2_*.csv")
# --------------------------------------------------------------------------

class WdiFile:
    def __init__(self, path):
        self.path = path
        self.vintage = None
        self.years = []          # list of (column index, year)
        self.rows = []           # list of (line, name, code, ind_name, ind_code, {year: str})


def read_wdi(path):
    """Parse a WDI bulk CSV: preamble, header, rows with trailing comma."""
    text = open_text(path)
    w = WdiFile(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    records = []
    try:
        for rec in reader:
            records.append((reader.line_num, rec))
    except csv.Error as e:
        fail(path, reader.line_num, "CSV syntax error: %s" % e)

    def strip_trailing(rec):
        return rec[:-1] if rec and rec[-1] == "" else rec

    # Preamble: "Data Source","World Development Indicators" / blank /
    # "Last Updated Date","YYYY-MM-DD" / blank / header
    it = iter(records)
    try:
        line, rec = next(it)
    except StopIteration:
        fail(path, 1, "empty file")
    rec = strip_trailing(rec)
    if len(rec) < 2 or rec[0] != "Data Source":
        fail(path, line, 'expected "Data Source" preamble line, got %r' % ",".join(rec))
    header = None
    trailing_hdr = False
    for line, rec in it:
        trailing_hdr = bool(rec) and rec[-1] == ""
        rec = strip_trailing(rec)
        if not rec or all(f == "" for f in rec):
            continue
        if rec[0] == "Last Updated Date":
            if len(rec) < 2:
                fail(path, line, "Last Updated Date line has no date")
            w.vintage = valid_date(path, line, rec[1].strip())
            continue
        if rec[0] == "Country Name":
            header = (line, rec)
            break
        fail(path, line, "unexpected line before the header: %r" % ",".join(rec)[:80])
    if w.vintage is None:
        fail(path, 3, 'no "Last Updated Date" line in the preamble')
    if header is None:
        fail(path, "EOF", 'no header line starting with "Country Name"')
    hline, hdr = header
    # The header was read with its trailing empty column removed; rows must
    # have the same number of fields, plus the trailing empty one if present.
    raw_len = len(hdr) + (1 if trailing_hdr else 0)
    if hdr[:4] != ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]:
        fail(path, hline, "unexpected header columns %r" % hdr[:4])
    for i, h in enumerate(hdr[4:], start=4):
        if not re.fullmatch(r"\d{4}", h):
            fail(path, hline, "header column %d is not a year: %r" % (i + 1, h))
        w.years.append((i, int(h)))
    seen = set()
    for line, rec in it:
        if not rec or all(f == "" for f in rec):
            continue
        if len(rec) != raw_len:
            fail(path, line, "expected %d fields (as in the header on line %d), got %d"
                 % (raw_len, hline, len(rec)))
        if trailing_hdr:
            if rec[-1] != "":
                fail(path, line, "the trailing column (empty in the header) holds %r" % rec[-1])
            rec = rec[:-1]
        name, code, ind_name, ind_code = rec[:4]
        if not CODE_RE.fullmatch(code):
            fail(path, line, "bad country code %r" % code)
        if (code, ind_code) in seen:
            fail(path, line, "duplicate row for %s %s" % (code, ind_code))
        seen.add((code, ind_code))
        vals = {}
        for i, year in w.years:
            v = rec[i].strip()
            if v == "":
                continue
            if not NUMBER_RE.fullmatch(v):
                fail(path, line, "%s %s %d: not a number: %r" % (code, ind_code, year, v))
            vals[year] = v
        w.rows.append((line, name, code, ind_name, ind_code, vals))
    return w


def read_wdi_country_meta(path):
    """Metadata_Country_*.csv: code -> dict; has newlines inside quoted fields."""
    text = open_text(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    out = {}
    try:
        hdr = next(reader)
    except StopIteration:
        fail(path, 1, "empty file")
    except csv.Error as e:
        fail(path, reader.line_num, "CSV syntax error: %s" % e)
    need = ["Country Code", "Region", "IncomeGroup", "SpecialNotes", "TableName"]
    idx = {}
    for n in need:
        if n not in hdr:
            fail(path, 1, "missing column %r in header %r" % (n, hdr))
        idx[n] = hdr.index(n)
    try:
        for rec in reader:
            line = reader.line_num
            if not rec or all(f == "" for f in rec):
                continue
            if len(rec) < len(hdr) - (1 if hdr[-1] == "" else 0):
                fail(path, line, "expected %d fields, got %d" % (len(hdr), len(rec)))
            code = rec[idx["Country Code"]]
            if not CODE_RE.fullmatch(code):
                fail(path, line, "bad country code %r" % code)
            if code in out:
                fail(path, line, "duplicate country code %s" % code)
            out[code] = {
                "name": rec[idx["TableName"]].strip(),
                "region": rec[idx["Region"]].strip(),
                "income_group": rec[idx["IncomeGroup"]].strip(),
                "special_notes": rec[idx["SpecialNotes"]].replace("\r\n", "\n").replace("\r", "\n").strip(),
            }
            if not out[code]["name"]:
                fail(path, line, "empty TableName for %s" % code)
    except csv.Error as e:
        fail(path, reader.line_num, "CSV syntax error: %s" % e)
    if not out:
        fail(path, 2, "no countries")
    return out


def is_aggregate(meta, code, path, line):
    if code not in meta:
        fail(path, line, "country code %s is not in %s; cannot tell whether it is an "
             "aggregate" % (code, WDI_META_COUNTRY_FILE))
    return meta[code]["region"] == ""


def wdi_row(code, year, indicator, value, currency, price_basis, ind_code,
            vintage, aggregate, note=""):
    return {
        "country": code, "year": str(year), "year_basis": "calendar",
        "indicator": indicator, "value": value, "currency": currency,
        "price_basis": price_basis, "definition": "wdi",
        "source": "World Bank WDI %s" % ind_code, "vintage": vintage,
        "flags": "aggregate" if aggregate else "", "note": note,
    }


def build_wdi_japan(wdi_dir, meta):
    path = os.path.join(wdi_dir, WDI_JAPAN_FILE)
    w = read_wdi(path)
    by_code = {}
    for line, name, code, ind_name, ind_code, vals in w.rows:
        if code == "JPN":
            by_code[ind_code] = (line, ind_name, vals)
    rows = []
    for ind_code, indicator, currency, price_basis in JAPAN_INDICATORS:
        if ind_code not in by_code:
            fail(path, "EOF", "indicator %s not found for JPN" % ind_code)
        line, ind_name, vals = by_code[ind_code]
        agg = is_aggregate(meta, "JPN", path, line)
        for year, v in vals.items():
            if year >= JAPAN_FIRST_YEAR:
                rows.append(wdi_row("JPN", year, indicator, v, currency, price_basis,
                                    ind_code, w.vintage, agg, note=ind_name))
    return rows


def build_wdi_world(wdi_dir, meta):
    rows = []
    for fname, want_code, indicator, currency, price_basis in WORLD_FILES:
        path = os.path.join(wdi_dir, fname)
        w = read_wdi(path)
        for line, name, code, ind_name, ind_code, vals in w.rows:
            if ind_code != want_code:
                fail(path, line, "expected indicator %s, got %s" % (want_code, ind_code))
            if not vals:
                continue
            agg = is_aggregate(meta, code, path, line)
            for year, v in vals.items():
                rows.append(wdi_row(code, year, indicator, v, currency, price_basis,
                                    ind_code, w.vintage, agg))
    return rows


# --------------------------------------------------------------------------
# Japan MoD budget table (markdown)
# --------------------------------------------------------------------------

NO_VALUE_RE = re.compile(r"^(\*unconfirmed\*|n/a|—|-|)(\s|\(|$)", re.I)


def is_no_value(cell):
    return NO_VALUE_RE.match(cell.strip()) is not None


def parse_grouped_int(path, line, what, s):
    if not re.fullmatch(r"\d{1,3}(?:,\d{3})*|\d+", s):
        fail(path, line, "%s: malformed number %r" % (what, s))
    return int(s.replace(",", ""))


def oku_in_text(text):
    """Yen amount written in 兆/億円 inside a parenthesis, or None.

    Handles '4兆6,804億円', '2,110億円', '217 + 1,769 億円', '4200億円余り'.
    Returns (yen, is_sum, matched_text)."""
    m = re.search(r"(\d[\d,]*(?:\s*\+\s*\d[\d,]*)+)\s*億円", text)
    if m:
        parts = [int(p.replace(",", "")) for p in re.split(r"\s*\+\s*", m.group(1))]
        return sum(parts) * 10**8, True, m.group(0)
    m = re.search(r"(?:(\d[\d,]*)兆)?(\d[\d,]*)億円", text)
    if m:
        cho = int(m.group(1).replace(",", "")) if m.group(1) else 0
        oku = int(m.group(2).replace(",", ""))
        return cho * 10**12 + oku * 10**8, False, m.group(0)
    m = re.search(r"(\d[\d,]*)兆円", text)
    if m:
        return int(m.group(1).replace(",", "")) * 10**12, False, m.group(0)
    return None


def parse_yen_cell(path, line, what, cell):
    """'4,680,400,000,000 (4兆6,804億円)' -> (value, flags, paren text, extra)."""
    cell = cell.strip()
    m = re.fullmatch(r"(~)?\s*([\d,]+)\s*(?:\((.*)\))?\s*(.*)", cell)
    if not m:
        fail(path, line, "%s: cannot parse %r" % (what, cell))
    approx, num, paren, rest = m.group(1), m.group(2), m.group(3) or "", m.group(4).strip()
    value = parse_grouped_int(path, line, what, num)
    flags = []
    if approx or re.search(r"\bapprox", paren, re.I):
        flags.append("approximate")
    if re.search(r"\bdraft\b", paren, re.I):
        flags.append("draft")
    derived = False
    if rest:
        if re.fullmatch(r"\*\*\[derived(?: sum)?\]\*\*|\[derived(?: sum)?\]", rest):
            derived = True
            flags.append("derived")
        else:
            fail(path, line, "%s: unexpected text after the value: %r" % (what, rest))
    oku = oku_in_text(paren)
    if oku is not None:
        yen, is_sum, _ = oku
        if yen != value:
            fail(path, line, "%s: %s does not match the 億円 figure in (%s) = %d"
                 % (what, num, paren, yen))
        if derived and not is_sum:
            fail(path, line, "%s: marked derived sum but the parenthesis is not a sum" % what)
    return value, flags, paren


def parse_usd_cell(path, line, cell):
    """'$45.86 bn (for ¥4.78 tn, excl. basis)' -> (value, approx, paren, basis_tn)."""
    cell = cell.strip()
    m = re.fullmatch(r"(~)?\s*(?:US)?\$\s*(\d+(?:\.\d+)?)\s*(bn|billion|m|million|tn|trillion)"
                     r"\s*(?:\((.*)\))?", cell)
    if not m:
        fail(path, line, "usd_equivalent: cannot parse %r" % cell)
    mult = {"bn": 10**9, "billion": 10**9, "m": 10**6, "million": 10**6,
            "tn": 10**12, "trillion": 10**12}[m.group(3)]
    v = Decimal(m.group(2)) * mult
    if v != v.to_integral_value():
        fail(path, line, "usd_equivalent: %r is not a whole number of dollars" % cell)
    paren = m.group(4) or ""
    tn = None
    t = re.search(r"¥\s*(\d+(?:\.\d+)?)\s*tn", paren)
    if t:
        tn = t.group(1)
    return int(v), bool(m.group(1)), paren, tn


def rounds_to(value_yen, tn_text):
    """True if value_yen, in trillions rounded like tn_text, equals tn_text."""
    places = len(tn_text.split(".")[1]) if "." in tn_text else 0
    q = Decimal(1).scaleb(-places)
    return (Decimal(value_yen) / Decimal(10**12)).quantize(q, ROUND_HALF_UP) == Decimal(tn_text)


def split_md_row(s):
    s = s.strip()
    if not (s.startswith("|") and s.endswith("|")):
        return None
    return [c.strip() for c in s[1:-1].split("|")]


def build_mod(path):
    text = open_text(path)
    lines = text.split("\n")
    lines = [l[:-1] if l.endswith("\r") else l for l in lines]

    # vintage: the newest YYYY-MM-DD date anywhere in the README
    dates = []
    for n, l in enumerate(lines, start=1):
        for m in ISO_DATE_RE.finditer(l):
            try:
                datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
            dates.append(m.group(0))
    if not dates:
        fail(path, 1, "no YYYY-MM-DD source date found (needed for the vintage)")
    vintage = max(dates)

    # date the draft was approved by Cabinet (note N6)
    m = re.search(r"approved by the Cabinet on\s+(\d{4}-\d{2}-\d{2})", text)
    cabinet_date = m.group(1) if m else None

    # locate "## 1. Table" and the first markdown table under it
    start = None
    for n, l in enumerate(lines):
        if re.fullmatch(r"##\s+1\.\s+Table\s*", l):
            start = n
            break
    if start is None:
        fail(path, 1, 'section "## 1. Table" not found')
    hdr = None
    n = start + 1
    while n < len(lines):
        l = lines[n]
        if l.startswith("## "):
            break
        if l.strip().startswith("|"):
            hdr = (n + 1, split_md_row(l))
            break
        n += 1
    if hdr is None or hdr[1] is None:
        fail(path, start + 1, 'no markdown table in section "## 1. Table"')
    hline, cols = hdr
    for c in MOD_COLUMNS:
        if c not in cols:
            fail(path, hline, "table has no column %r (columns: %s)" % (c, ", ".join(cols)))
    ci = {c: cols.index(c) for c in MOD_COLUMNS}
    n += 1
    sep = split_md_row(lines[n]) if n < len(lines) else None
    if sep is None or len(sep) != len(cols) or not all(re.fullmatch(r":?-{3,}:?", c) for c in sep):
        fail(path, n + 1, "expected the markdown separator row |---|...")
    n += 1

    rows = []
    seen_fy = set()
    while n < len(lines) and lines[n].strip().startswith("|"):
        line = n + 1
        cells = split_md_row(lines[n])
        if cells is None:
            fail(path, line, "table row does not end with '|'")
        if len(cells) != len(cols):
            fail(path, line, "expected %d cells, got %d" % (len(cols), len(cells)))
        n += 1
        fy_cell = cells[ci["fiscal_year"]]
        m = re.fullmatch(r"FY(\d{4})\s*(?:\((.*)\))?", fy_cell)
        if not m:
            fail(path, line, "fiscal_year: cannot parse %r" % fy_cell)
        fy = int(m.group(1))
        fy_paren = (m.group(2) or "").strip()
        if fy in seen_fy:
            fail(path, line, "duplicate row for FY%d" % fy)
        seen_fy.add(fy)
        row_flags = []
        row_note = ""
        if fy_paren:
            if re.search(r"\bdraft\b", fy_paren, re.I):
                row_flags.append("draft")
                row_note = fy_paren
                if "government draft" in fy_paren and cabinet_date:
                    row_note = "government draft approved by Cabinet %s" % cabinet_date
            else:
                row_note = fy_paren

        keys = [k.strip() for k in cells[ci["source"]].split(",") if k.strip()]
        for k in keys:
            if not re.fullmatch(r"[A-Z]+\d+[a-z]?", k):
                fail(path, line, "source: bad source key %r" % k)
        if not keys:
            fail(path, line, "source: no source keys")

        def source_for(prefix):
            sel = [k for k in keys if k.startswith(prefix)] or keys
            return "Japan MoD budget table [%s]" % " ".join(sel)

        def add(indicator, value, currency, price_basis, definition, flags, note, src):
            fl = sorted(set(row_flags + flags), key=FLAG_ORDER.index)
            notes = [x for x in (row_note, note) if x]
            rows.append({
                "country": "JPN", "year": str(fy), "year_basis": "fiscal-04",
                "indicator": indicator, "value": str(value), "currency": currency,
                "price_basis": price_basis, "definition": definition,
                "source": src, "vintage": vintage, "flags": ";".join(fl),
                "note": "; ".join(notes),
            })

        budgets = {}
        for col, definition, what in (
                ("budget_excl_saco_realign_jpy", "mod_budget_excl_saco",
                 "initial budget excl. SACO and US-realignment (local-burden) costs; "
                 "exclusions vary by year (README N1)"),
                ("budget_incl_saco_realign_jpy", "mod_budget",
                 "initial budget incl. SACO and US-realignment costs (total 防衛関係費)")):
            cell = cells[ci[col]]
            if is_no_value(cell):
                continue
            v, fl, paren = parse_yen_cell(path, line, col, cell)
            budgets[definition] = v
            add("milex", v, "JPY", "current", definition, fl,
                what + ("; " + paren if paren else ""), source_for("S"))

        cell = cells[ci["supplementary_jpy"]]
        if not is_no_value(cell):
            v, fl, paren = parse_yen_cell(path, line, "supplementary_jpy", cell)
            if "derived" in fl:
                note = "MoD supplementary budgets of the FY; derived sum " + paren
            else:
                note = "MoD supplementary budget of the FY" + ("; " + paren if paren else "")
            add("milex_supplementary", v, "JPY", "current", "mod_budget", fl,
                note + " (README N3)", source_for("S"))

        cell = cells[ci["budget_rate_jpy_per_usd"]]
        if not is_no_value(cell):
            if not re.fullmatch(r"\d+(?:\.\d+)?", cell):
                fail(path, line, "budget_rate_jpy_per_usd: cannot parse %r" % cell)
            add("fx", cell, "JPY", "", "mod_budget_rate", [],
                "Finance Ministry budget exchange rate (支出官レート), yen per US$ (README N4)",
                source_for("R"))

        cell = cells[ci["usd_equivalent"]]
        if not is_no_value(cell):
            v, approx, paren, tn = parse_usd_cell(path, line, cell)
            definition = "mod_budget_excl_saco" if re.search(r"\bexcl", paren, re.I) else "mod_budget"
            if tn is not None and definition in budgets and not rounds_to(budgets[definition], tn):
                fail(path, line, "usd_equivalent: '¥%s tn' does not match the %s figure %d"
                     % (tn, definition, budgets[definition]))
            fl = ["estimate"] + (["approximate"] if approx else [])
            note = ("press conversion at market rates when the budget was approved, "
                    "not the budget rate and not an official MoD figure (README N5)")
            if paren:
                note += "; " + paren
            add("milex", v, "USD", "current", definition, fl, note, source_for("U"))

    if not rows:
        fail(path, hline, "the table has no data rows")
    return rows



# --------------------------------------------------------------------------
# Files read by the built `defspend import`
# --------------------------------------------------------------------------

def run_import(defspend, src, opts, meta_dir):
    """Import src into a temporary store; return its rows (dicts)."""
    if not os.path.isfile(src):
        raise InputError("%s:0: cannot read: no such file" % src)
    tmp = tempfile.mkdtemp(prefix="build_datasets.")
    try:
        store = os.path.join(tmp, "store")
        cmd = [defspend, "import", src, "--into", store, "--data", meta_dir,
               "--vintage", "1900-01-01"] + opts
        env = dict(os.environ)
        for k in ("DEFSPEND_DATA", "XDG_DATA_HOME"):
            env.pop(k, None)
        env["HOME"] = tmp
        try:
            p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=env, timeout=600)
        except OSError as e:
            raise InputError("%s:0: cannot run %s: %s (build it first: ninja -C build)"
                             % (src, defspend, e.strerror or e))
        if p.returncode != 0:
            raise InputError("%s:0: `%s` failed (status %d): %s"
                             % (src, " ".join(cmd), p.returncode,
                                p.stderr.decode("utf-8", "replace").strip()[-2000:]))
        path = os.path.join(store, "imports.csv")
        text = open_text(path)
        reader = csv.reader(io.StringIO(text, newline=""))
        hdr = next(reader, None)
        if hdr != HEADER:
            fail(path, 1, "unexpected store header %r" % hdr)
        rows = []
        for rec in reader:
            if len(rec) != len(HEADER):
                fail(path, reader.line_num, "expected %d fields, got %d"
                     % (len(HEADER), len(rec)))
            r = dict(zip(HEADER, rec))
            if r["vintage"] == "1900-01-01":
                fail(src, 0, "the file states no release date (vintage)")
            rows.append(r)
        if not rows:
            fail(src, 0, "`defspend import` gave no rows")
        return rows
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def build_imported(defspend, wdi_dir, meta_dir):
    out = []
    for name, rel, opts, series in IMPORTED:
        src = os.path.normpath(os.path.join(wdi_dir, rel))
        rows = run_import(defspend, src, opts, meta_dir)
        for r in rows:
            if series is not None:
                code = r["source"].rsplit(" ", 1)[-1]
                want = series.get(code)
                if want is None or (r["indicator"], r["currency"], r["price_basis"]) != want:
                    fail(src, 0, "unexpected series in the import: %s %s %s %s"
                         % (code, r["indicator"], r["currency"], r["price_basis"]))
                # the note is the WDI series name, the same on every row
                # (the source column names the series): left out to keep
                # the shipped store compact
                r["note"] = ""
            elif r["definition"] != "nato":
                fail(src, 0, "NATO import gave definition %r" % r["definition"])
        out.append((name, rows))
    return out


# --------------------------------------------------------------------------
# Japan's security-related total (japan_mod README section 2)
# --------------------------------------------------------------------------

# Row labels of the section-2 table and what each becomes (structure only:
# every number is read from the README).
#   label -> (indicator, year taken from the label, flags, note)
SEC_ROWS = [
    (r"FY(\d{4}) initial", "milex", [],
     "security-related total, initial budget: MoD Defense Buildup Program "
     "expenses plus SACO/US-realignment plus related items of other ministries "
     "(Coast Guard, PKO, research, public infrastructure, cyber)"),
    (r"FY(\d{4}) supplementary", "milex_supplementary", [],
     "security-related part of the FY's supplementary budget (MoD plus related "
     "items: Coast Guard, PKO, cyber)"),
    (r"Target", "milex", ["projection"],
     "government plan (National Security Strategy, Dec 2022), not an outturn: "
     "security-related spending at 2% of FY2022 GDP"),
]
SEC_TN_RE = re.compile(r"(about\s+)?\*\*(about\s+)?¥(\d+(?:\.\d+)?)\s*tn\*\*")
SEC_KEY_RE = re.compile(r"[A-Z]+\d+[a-z]?")


def build_security_related(path, vintage):
    """Rows of definition jp_security_related from section 2 of the README."""
    text = open_text(path)
    lines = [l.rstrip("\r") for l in text.split("\n")]
    start = None
    for n, l in enumerate(lines):
        if re.match(r"##\s+2\.\s", l):
            start = n
            break
    if start is None:
        fail(path, 1, 'section "## 2." (security-related total) not found')
    table = []
    n = start + 1
    while n < len(lines) and not lines[n].startswith("## "):
        cells = split_md_row(lines[n])
        if cells is not None and len(cells) == 3 and not re.fullmatch(r":?-+:?", cells[0]):
            table.append((n + 1, cells))
        n += 1
    if not table or table[0][1] != ["item", "value", "source"]:
        fail(path, start + 2, "section 2: expected a table |item|value|source|")
    table = table[1:]

    def keys_of(line, cell):
        keys = [k.strip() for k in cell.split(",") if k.strip()]
        for k in keys:
            if not SEC_KEY_RE.fullmatch(k):
                fail(path, line, "source: bad source key %r" % k)
        return keys

    def tn_value(line, what, cell):
        m = SEC_TN_RE.search(cell)
        if not m:
            fail(path, line, "%s: no bold '**¥N tn**' figure in %r" % (what, cell))
        approx = bool(m.group(1) or m.group(2))
        return int(Decimal(m.group(3)) * 10**12), approx, m.group(0)

    rows = []

    def add(year, indicator, value, currency, flags, note, keys,
            definition="jp_security_related", what="Japan security-related total"):
        fl = sorted(set(flags), key=FLAG_ORDER.index)
        rows.append({"_what": what,
            "country": "JPN", "year": str(year), "year_basis": "fiscal-04",
            "indicator": indicator, "value": str(value), "currency": currency,
            "price_basis": "current", "definition": definition,
            "_keys": list(keys), "source": "",
            "vintage": vintage, "flags": ";".join(fl), "note": note,
        })

    def find_row(indicator, fy):
        for r in rows:
            if r["indicator"] == indicator and r["year"] == str(fy):
                return r
        return None

    seen = set()
    target_year = None
    for line, (item, value, src) in table:
        if is_no_value(value) or "*unconfirmed*" in value:
            continue  # unconfirmed: no row, never a guess
        keys = keys_of(line, src) if src not in ("—", "-", "") else []
        if re.fullmatch(r"FY\d{4} initial", item):
            fy = int(item[2:6])
            v, approx, txt = tn_value(line, item, value)
            add(fy, "milex", v, "JPY", ["approximate"] if approx else [],
                SEC_ROWS[0][3] + "; README: " + value.replace("**", ""), keys)
            seen.add(("milex", fy))
        elif re.fullmatch(r"FY\d{4} supplementary", item):
            fy = int(item[2:6])
            v, approx, txt = tn_value(line, item, value)
            add(fy, "milex_supplementary", v, "JPY", ["approximate"] if approx else [],
                SEC_ROWS[1][3] + "; README: " + value.replace("**", ""), keys)
            seen.add(("milex_supplementary", fy))
        elif re.fullmatch(r"FY\d{4} initial \+ supplementary", item):
            # the total the government calls "2 %": initial + supplementary,
            # kept as the note (and keys) of the supplementary row
            fy = int(item[2:6])
            tn_value(line, item, value)  # must hold a figure
            r = find_row("milex_supplementary", fy)
            if r is None:
                fail(path, line, "%s: no 'FY%d supplementary' row before it" % (item, fy))
            r["note"] += "; initial + supplementary: " + value.replace("**", "")
            r["_keys"] += [k for k in keys if k not in r["_keys"]]
        elif re.fullmatch(r"FY\d{4} initial, .*breakdown", item):
            fy = int(item[2:6])
            r = find_row("milex", fy)
            if r is None:
                fail(path, line, "%s: no 'FY%d initial' row before it" % (item, fy))
            r["note"] += "; %s (%s): %s" % (item[7:], " ".join(keys), value.replace("**", ""))
        elif item.startswith("Progress on") or item.startswith("Exchange rate assumed"):
            continue  # not a spending figure (datasets/README.md)
        elif item == "Target":
            m = re.match(r"(\d{4}):", value)
            if not m:
                fail(path, line, "Target: expected 'YYYY: ...', got %r" % value)
            target_year = int(m.group(1))
            v, approx, txt = tn_value(line, item, value)
            g = re.search(r"GDP base = FY(\d{4}) \((about )?¥(\d+(?:\.\d+)?) tn\)", value)
            if not g:
                fail(path, line, "Target: no 'GDP base = FYyyyy (about ¥N tn)'")
            add(target_year, "milex", v, "JPY",
                ["projection"] + (["approximate"] if approx else []),
                SEC_ROWS[2][3] + "; README: " + value.replace("**", ""), keys)
            base_fy = int(g.group(1))
            # the GDP the target is measured against: the precise figure from
            # the source that states it (G3: 名目GDP560.2兆円), else the rounded one
            gm = re.search(r"名目GDP\s*(\d+(?:\.\d+)?)兆円", text)
            if gm and abs(Decimal(gm.group(1)) - Decimal(g.group(3))) < 1:
                gdp, gkeys, gflags = gm.group(1), ["G3", "G1"], []
                src_line = text[:gm.start()].count("\n") + 1
                gkey = re.match(r"- \*\*(G\d+)\*\*", lines[src_line - 1])
                if not gkey:
                    fail(path, src_line, "the 名目GDP figure is not in a G-keyed source line")
                gkeys = [gkey.group(1)] + [k for k in keys if k != gkey.group(1)]
            else:
                gdp, gkeys, gflags = g.group(3), keys, ["approximate"] if g.group(2) else []
            add(base_fy, "gdp", int(Decimal(gdp) * 10**12), "JPY", gflags,
                "FY%d nominal GDP: the base of the government's 2%% of GDP "
                "target for security-related spending (Japan's own convention; "
                "MoD white paper 2024: 'GDP(2022年度実績見込み。約560兆円)')" % base_fy,
                gkeys)
        elif re.fullmatch(r"FY\d{4} planned make-up", item):
            fy = int(item[2:6])
            r = find_row("milex", fy)
            if r is None:
                fail(path, line, "%s: no target row for FY%d before it" % (item, fy))
            r["note"] += "; planned make-up: " + value.replace("**", "")
        elif item.startswith("¥43 tn plan"):
            m = re.search(r"(\d{4})年度から(\d{4})年度までの5年間.*?(\d+)兆円程度", value)
            if not m:
                fail(path, line, "¥43 tn plan: the quoted 'YYYY年度からYYYY年度まで…N兆円程度' not found")
            y0, y1, tn = int(m.group(1)), int(m.group(2)), m.group(3)
            add(y0, "milex_programme_total", int(tn) * 10**12, "JPY",
                ["projection", "approximate"],
                "Defense Buildup Program (2022-12-16): five-year total FY%d-FY%d "
                "(防衛力整備の水準, 'N兆円程度'), a plan, not an outturn; the year is "
                "the programme's first FY; Buildup Program basis (MoD, excl. SACO/"
                "realignment), not the security-related total; README: %s"
                % (y0, y1, value.replace("**", "")),
                keys, definition="mod_budget_excl_saco",
                what="Japan Defense Buildup Program")
        else:
            fail(path, line, "section 2: unknown row %r (teach build_security_related "
                 "what it is)" % item)
    for r in rows:
        r["source"] = "%s [%s]" % (r.pop("_what"), " ".join(r.pop("_keys")))
    if not any(r["indicator"] == "milex" for r in rows):
        fail(path, start + 1, "section 2: no security-related figures found")
    if not any(r["indicator"] == "gdp" for r in rows):
        fail(path, start + 1, "section 2: no GDP base found in the Target row")
    return rows

# --------------------------------------------------------------------------
# countries.csv
# --------------------------------------------------------------------------

def build_countries(meta, meta_path):
    recs = []
    for code, m in meta.items():
        recs.append({
            "iso3": code, "name": m["name"],
            "aggregate": "1" if m["region"] == "" else "0",
            "region": m["region"], "income_group": m["income_group"],
            "special_notes": m["special_notes"],
        })
    for extra in EXTRA_COUNTRIES:
        if extra["iso3"] in meta:
            fail(meta_path, "?", "%s is now in the WDI metadata; remove it from "
                 "EXTRA_COUNTRIES in build_datasets.py" % extra["iso3"])
        recs.append(dict(extra))
    codes = {r["iso3"] for r in recs}
    for table, label in ((CURRENCY, "CURRENCY"), (ALIASES, "ALIASES")):
        for code in table:
            if code not in codes:
                raise InputError("%s:0: %s has %s, which is not in %s"
                                 % (__file__, label, code, meta_path))
    # every name/alias must point to one code only
    owner = {}
    for r in recs:
        names = [r["name"]] + ALIASES.get(r["iso3"], [])
        for nm in names:
            if ";" in nm:
                raise InputError("%s:0: alias %r contains ';'" % (__file__, nm))
            k = nm.casefold()
            if k in owner and owner[k] != r["iso3"]:
                raise InputError("%s:0: name %r used for both %s and %s"
                                 % (__file__, nm, owner[k], r["iso3"]))
            owner[k] = r["iso3"]
    for r in recs:
        r["currency"] = "" if r["aggregate"] == "1" else CURRENCY.get(r["iso3"], "")
        r["aliases"] = ";".join(ALIASES.get(r["iso3"], []))
    recs.sort(key=lambda r: r["iso3"])
    return recs


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

def sort_rows(rows):
    rows.sort(key=lambda r: (r["country"], r["indicator"], r["currency"],
                             r["definition"], r["year_basis"], int(r["year"]),
                             r["vintage"], r["price_basis"]))
    return rows


def check_rows(name, rows):
    keys = set()
    for r in rows:
        if r["value"] == "":
            raise InputError("%s: internal error: empty value in %r" % (name, r))
        k = (r["country"], r["year"], r["year_basis"], r["indicator"],
             r["currency"], r["price_basis"], r["definition"], r["vintage"])
        if k in keys:
            raise InputError("%s: duplicate key %r" % (name, k))
        keys.add(k)


def to_csv(header, rows):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    for r in rows:
        w.writerow([r[h] for h in header])
    return buf.getvalue().encode("utf-8")


def write_atomic(path, data):
    d = os.path.dirname(os.path.abspath(path))
    os.makedirs(d, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp", dir=d)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def readme_vintage(path):
    """The newest valid YYYY-MM-DD date in the README (as build_mod)."""
    text = open_text(path)
    dates = []
    for m in ISO_DATE_RE.finditer(text):
        try:
            datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            continue
        dates.append(m.group(0))
    if not dates:
        fail(path, 1, "no YYYY-MM-DD source date found (needed for the vintage)")
    return max(dates)


def build_all(args):
    """Every output as (relative path, bytes, row count); writes nothing."""
    meta_path = os.path.join(args.wdi_dir, WDI_META_COUNTRY_FILE)
    meta = read_wdi_country_meta(meta_path)
    outputs = []
    japan = sort_rows(build_wdi_japan(args.wdi_dir, meta))
    check_rows("wdi_japan.csv", japan)
    outputs.append(("wdi_japan.csv", to_csv(HEADER, japan), len(japan)))
    world = sort_rows(build_wdi_world(args.wdi_dir, meta))
    check_rows("wdi_world.csv", world)
    outputs.append(("wdi_world.csv", to_csv(HEADER, world), len(world)))
    mod = sort_rows(build_mod(args.mod_readme))
    check_rows("japan_mod_budget.csv", mod)
    outputs.append(("japan_mod_budget.csv", to_csv(HEADER, mod), len(mod)))
    sec = sort_rows(build_security_related(args.mod_readme,
                                           readme_vintage(args.mod_readme)))
    check_rows("japan_security_related.csv", sec)
    outputs.append(("japan_security_related.csv", to_csv(HEADER, sec), len(sec)))
    countries = build_countries(meta, meta_path)
    cdata = to_csv(COUNTRIES_HEADER, countries)
    outputs.append((os.path.join("meta", "countries.csv"), cdata, len(countries)))
    # `defspend import` reads the country table of the store being built
    tmp = tempfile.mkdtemp(prefix="build_datasets_meta.")
    try:
        os.makedirs(os.path.join(tmp, "meta"))
        with open(os.path.join(tmp, "meta", "countries.csv"), "wb") as f:
            f.write(cdata)
        for name, rows in build_imported(args.defspend, args.wdi_dir, tmp):
            rows = sort_rows(rows)
            check_rows(name, rows)
            outputs.append((name, to_csv(HEADER, rows), len(rows)))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return outputs


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wdi-dir", required=True,
                    help="folder with the WDI CSVs (and vintage-2018/); the DataBank "
                         "and NATO files are read from ../databank and ../nato beside it")
    ap.add_argument("--mod-readme", required=True,
                    help="japan_mod/README.md with the MoD budget table")
    ap.add_argument("--out", required=True, help="output folder (datasets/)")
    ap.add_argument("--defspend", default=os.path.join("build", "defspend"),
                    help="the built defspend (default build/defspend)")
    ap.add_argument("--check", action="store_true",
                    help="write nothing: rebuild in memory, compare with the files "
                         "in --out byte for byte, and compare every shipped figure "
                         "with its source cell")
    args = ap.parse_args(argv)

    try:
        outputs = build_all(args)
    except InputError as e:
        print("build_datasets: error: %s" % e, file=sys.stderr)
        return 1

    if args.check:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import check_datasets  # beside this script
        bad = 0
        for rel, data, n in outputs:
            path = os.path.join(args.out, rel)
            try:
                with open(path, "rb") as f:
                    old = f.read()
            except OSError as e:
                print("build_datasets: check: %s: cannot read: %s" % (path, e.strerror),
                      file=sys.stderr)
                bad += 1
                continue
            if old != data:
                print("build_datasets: check: %s differs from a rebuild (run the "
                      "script without --check)" % path, file=sys.stderr)
                bad += 1
        try:
            bad += check_datasets.check(args)
        except InputError as e:
            print("build_datasets: error: %s" % e, file=sys.stderr)
            return 1
        if bad:
            print("build_datasets: check: %d problem(s)" % bad, file=sys.stderr)
            return 1
        print("build_datasets: check: every shipped file matches a rebuild and "
              "every figure its source cell")
        return 0

    # All inputs parsed: now write, each file atomically.
    for rel, data, n in outputs:
        path = os.path.join(args.out, rel)
        try:
            write_atomic(path, data)
        except OSError as e:
            print("build_datasets: error: %s: cannot write: %s" % (path, e), file=sys.stderr)
            return 1
        print("%s: %d rows" % (path, n))
    return 0


if __name__ == "__main__":
    sys.exit(main())
