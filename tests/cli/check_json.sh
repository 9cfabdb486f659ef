#!/usr/bin/env bash
# check_json.sh DEFSPEND - the JSON that scripts read is valid JSON, has
# the keys they use, and its figures match a hand computation from the
# shipped source rows (typed below with their file and row).
#
# Skips (exit 77) without a working python3.  Needs DEFSPEND_DATA (set by
# the meson test environment) to point at the shipped datasets.

set -u
exe=$1
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
if ! command -v python3 >/dev/null 2>&1 || ! python3 -c 'import json' 2>/dev/null; then
    echo "check_json: skipped: no working python3"
    exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ds-json.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

run() { # run NAME ARGS...: stdout to $tmp/NAME.json, must exit 0
    local name=$1
    shift
    if ! env LC_ALL=C "$exe" "$@" >"$tmp/$name.json" 2>"$tmp/$name.err"; then
        echo "check_json: FAIL: defspend $* exited non-zero:"
        cat "$tmp/$name.err"
        exit 1
    fi
    if ! python3 -m json.tool "$tmp/$name.json" >/dev/null; then
        echo "check_json: FAIL: defspend $* is not valid JSON"
        exit 1
    fi
}

run jpn scenarios --format json
run kor scenarios --country KOR --targets 2,3.5,5 --format json
run show data show --country JPN --indicator milex --year 2024 --format json
run list data list --format json

python3 - "$tmp" <<'EOF'
import json, math, sys

d = sys.argv[1]
fails = []

def check(cond, what):
    if not cond:
        fails.append(what)

def close(got, want, what, rel=1e-12):
    ok = isinstance(got, (int, float)) and math.isclose(got, want, rel_tol=rel)
    check(ok, "%s: got %r, want %r (rel. tol. %g)" % (what, got, want, rel))

def keys(obj, names, where):
    for k in names:
        check(isinstance(obj, dict) and k in obj, "%s: missing key %r" % (where, k))

OBS = ["country", "year", "year_basis", "indicator", "value", "currency",
       "price_basis", "definition", "source", "vintage", "flags"]
ROW = ["target_pct", "spend_usd", "spend_lcu", "diff_usd", "diff_lcu",
       "ratio_to_baseline", "ratio_to_baseline_lcu", "per_capita_usd",
       "per_capita_lcu"]

# Source rows (datasets/wdi_japan.csv, vintage 2025-10-07, and
# datasets/japan_mod_budget.csv, vintage 2025-12-26):
GDP_USD = 4026210821146.81        # JPN,2024,calendar,gdp,...,USD
GDP_JPY = 609432600000000         # JPN,2024,calendar,gdp,...,JPY
FX = 151.366291302752             # JPN,2024,calendar,fx,...,JPY
POP = 123975371                   # JPN,2024,calendar,population
BASE_JPY = 7949600000000          # JPN,2024,fiscal-04,milex,...,JPY,mod_budget
BASE_USD = 56000000000            # JPN,2024,fiscal-04,milex,...,USD,mod_budget [U11]

j = json.load(open(d + "/jpn.json"))
keys(j, ["defspend_version", "data_dir", "country", "year", "price_basis",
         "gdp", "exchange_rate", "population", "actual_share_pct",
         "latest_share_pct", "baseline", "scenarios"], "scenarios JPN")
check(j.get("country") == {"iso3": "JPN", "name": "Japan", "currency": "JPY"},
      "country: %r" % j.get("country"))
check(j.get("year") == 2024, "year: %r" % j.get("year"))
check(j.get("price_basis") == "current", "price_basis")
keys(j["gdp"]["usd"], OBS, "gdp.usd")
keys(j["gdp"]["lcu"], OBS, "gdp.lcu")
close(j["gdp"]["usd"]["value"], GDP_USD, "gdp.usd.value")
close(j["gdp"]["lcu"]["value"], GDP_JPY, "gdp.lcu.value")
# the DataBank extract (12/04/2025) is newer than the Japan file (2025-10-07)
check(j["gdp"]["usd"]["vintage"] == "2025-12-04", "gdp.usd.vintage")
check(j["gdp"]["usd"]["source"] == "World Bank WDI DataBank NY.GDP.MKTP.CD", "gdp.usd.source")
close(j["exchange_rate"]["lcu_per_usd"], GDP_JPY / GDP_USD, "exchange_rate.lcu_per_usd")
close(j["exchange_rate"]["lcu_per_usd"], FX, "implied rate vs official", rel=1e-9)
close(j["exchange_rate"]["official"]["value"], FX, "exchange_rate.official.value")
close(j["population"]["value"], POP, "population.value")
# WDI MS.MIL.XPND.GD.ZS, last updated 2026-02-24: JPN 2024 = 1.37139689580634
check(j["actual_share_pct"]["value"] == 1.37139689580634, "actual_share_pct (2024)")
check(j["latest_share_pct"]["year"] == 2024, "latest_share_pct.year")
close(j["latest_share_pct"]["value"], 1.37139689580634, "latest_share_pct.value")
b = j["baseline"]
keys(b, ["label", "usd", "lcu", "lcu_per_usd", "rate_basis", "share_of_gdp_pct",
         "usd_at_official_rate", "official_rate", "observation_lcu",
         "observation_usd"], "baseline")
close(b["usd"], BASE_USD, "baseline.usd")
close(b["lcu"], BASE_JPY, "baseline.lcu")
close(b["lcu_per_usd"], BASE_JPY / BASE_USD, "baseline.lcu_per_usd")   # 141.957142857
close(b["share_of_gdp_pct"], 100 * BASE_JPY / GDP_JPY, "baseline.share_of_gdp_pct")  # 1.30443
close(b["usd_at_official_rate"], BASE_JPY / FX, "baseline.usd_at_official_rate")      # 52.519e9
check(b["observation_lcu"]["year_basis"] == "fiscal-04", "baseline.observation_lcu.year_basis")
check(b["observation_usd"]["flags"] == "estimate", "baseline.observation_usd.flags")
rows = j["scenarios"]
check([r.get("target_pct") for r in rows] == [1, 3, 3.5, 5],
      "scenarios[].target_pct: %r" % [r.get("target_pct") for r in rows])
for i, r in enumerate(rows):
    keys(r, ROW, "scenarios[%d]" % i)
    f = r["target_pct"] / 100
    close(r["spend_usd"], f * GDP_USD, "scenarios[%d].spend_usd" % i)
    close(r["spend_lcu"], f * GDP_JPY, "scenarios[%d].spend_lcu" % i)
    close(r["diff_usd"], f * GDP_USD - BASE_USD, "scenarios[%d].diff_usd" % i)
    close(r["diff_lcu"], f * GDP_JPY - BASE_JPY, "scenarios[%d].diff_lcu" % i)
    close(r["ratio_to_baseline"], f * GDP_USD / BASE_USD, "scenarios[%d].ratio_to_baseline" % i)
    close(r["ratio_to_baseline_lcu"], f * GDP_JPY / BASE_JPY, "scenarios[%d].ratio_to_baseline_lcu" % i)
    close(r["per_capita_usd"], f * GDP_USD / POP, "scenarios[%d].per_capita_usd" % i)
    close(r["per_capita_lcu"], f * GDP_JPY / POP, "scenarios[%d].per_capita_lcu" % i)
# the figure quoted in the brief: 3.5% of GDP
close(rows[2]["spend_usd"], 140917378740.14, "3.5% spend_usd", rel=1e-13)
close(rows[2]["spend_lcu"], 21330141000000, "3.5% spend_lcu")

# Korea: no GDP in KRW in the store -> nulls, never zeros.  The latest
# GDP in US$ is 2023 (DataBank 12/04/2025 has no KOR 2024): 1712792854202.37;
# population 2023 (WDI 2026-07-13) 51712619; baseline: milex US$ 2022
# 46365420707.4157 (datasets/wdi_world.csv, vintage 2024-03-28).
KGDP, KPOP = 1712792854202.37, 51712619
k = json.load(open(d + "/kor.json"))
check(k["country"]["iso3"] == "KOR" and k["country"]["currency"] == "KRW", "KOR country")
check(k["year"] == 2023, "KOR year")
check(k["gdp"]["lcu"] is None, "KOR gdp.lcu must be null")
check(k["population"]["value"] == KPOP, "KOR population")
check(k["exchange_rate"]["lcu_per_usd"] is None, "KOR exchange_rate.lcu_per_usd must be null")
close(k["baseline"]["usd"], 46365420707.4157, "KOR baseline.usd")
check(k["baseline"]["lcu"] is None, "KOR baseline.lcu must be null")
check([r["target_pct"] for r in k["scenarios"]] == [2, 3.5, 5], "KOR targets")
for i, r in enumerate(k["scenarios"]):
    f = r["target_pct"] / 100
    close(r["spend_usd"], f * KGDP, "KOR scenarios[%d].spend_usd" % i)
    close(r["ratio_to_baseline"], f * KGDP / 46365420707.4157,
          "KOR scenarios[%d].ratio_to_baseline" % i)
    close(r["per_capita_usd"], f * KGDP / KPOP, "KOR scenarios[%d].per_capita_usd" % i)
    for key in ["spend_lcu", "diff_lcu", "ratio_to_baseline_lcu",
                "per_capita_lcu"]:
        check(r[key] is None, "KOR scenarios[%d].%s must be null, got %r" % (i, key, r[key]))

# data show: every observation is a full, citable record.
s = json.load(open(d + "/show.json"))
check(isinstance(s, list) and len(s) == 4, "data show JPN milex 2024: %d rows, want 4 "
      "(jp_security_related JPY, mod_budget JPY, mod_budget USD, mod_budget_excl_saco JPY)" % len(s))
for i, o in enumerate(s):
    keys(o, OBS, "data show [%d]" % i)
got = sorted((o["definition"], o["currency"], o["value"]) for o in s)
want = sorted([("jp_security_related", "JPY", 8900000000000),  # japan_mod README s.2, G4
               ("mod_budget", "JPY", 7949600000000), ("mod_budget", "USD", 56000000000),
               ("mod_budget_excl_saco", "JPY", 7724900000000)])
check(got == want, "data show values: %r" % got)

# data list: keys only
l = json.load(open(d + "/list.json"))
check(isinstance(l, list) and len(l) > 0, "data list is a non-empty array")
keys(l[0], ["country", "indicator", "definition", "currency", "first_year",
            "last_year", "observations", "source", "vintages"], "data list[0]")

if fails:
    print("check_json: FAIL")
    for f in fails:
        print("  " + f)
    sys.exit(1)
print("check_json: ok")
EOF
