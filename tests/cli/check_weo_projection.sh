#!/bin/sh
# `defspend project --gdp-source weo` on a real imported IMF WEO excerpt
# (tests/data/import/weo/apr2021_ngdp_lcu_excerpt_utf16le.xls, April 2021,
# Japan's GDP in billions of yen, projections after 2020): the excerpt is
# imported with `defspend import` into a user store in a temporary HOME,
# layered over the shipped datasets, and the projection must
#   - grow the actual 2024 GDP in yen (shipped WDI row) by WEO's growth
#     rates: 2025 = WDI 2024 x WEO 2025 / WEO 2024, 2026 = that x WEO 2026
#     / WEO 2025 (marked "fcst" in the table) -- never take WEO's levels,
#   - continue from 2026 at the chosen --growth 2.385% a year to 2030,
#   - convert at the start year's rate (2024 GDP in yen / GDP in US$ from
#     the shipped WDI rows), and put 3.5% of GDP on the path in 2030,
#   - warn that the April 2021 forecast predates the 2024 actuals and that
#     2024 is itself a projection in it (table and CSV).
# Expected figures are computed here with awk from the excerpt's own cells
# (read with iconv), not from the program's output.
# usage: check_weo_projection.sh DEFSPEND
set -u
exe=$1
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
src=${DS_TEST_DATA:?DS_TEST_DATA not set}/import/weo/apr2021_ngdp_lcu_excerpt_utf16le.xls
shipped=${DEFSPEND_DATA:?DEFSPEND_DATA not set}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/home"
fail=0
run() { (cd "$tmp" && env -u DEFSPEND_DATA -u XDG_DATA_HOME HOME="$tmp/home" "$exe" "$@"); }

run import "$src" --country JPN >"$tmp/import.out" 2>"$tmp/import.err" ||
    { echo "FAIL import"; cat "$tmp/import.err"; exit 1; }
grep -q 'format weo, ' "$tmp/import.out" || { echo "FAIL import summary:"; cat "$tmp/import.out"; fail=1; }
[ -f "$tmp/home/.local/share/defspend/imports.csv" ] || { echo "FAIL no user store"; exit 1; }

# the layering only happens without DEFSPEND_DATA: check the shipped store
# it falls back to is the one the test suite uses
run project --gdp-source weo --growth 2.385 --by 2030 --target 3.5 --format csv \
    >"$tmp/p.csv" 2>"$tmp/p.err" || { echo "FAIL project csv"; cat "$tmp/p.err"; exit 1; }
run project --gdp-source weo --growth 2.385 --by 2030 --target 3.5 \
    >"$tmp/p.txt" 2>"$tmp/p.err" || { echo "FAIL project table"; cat "$tmp/p.err"; exit 1; }

# WEO cells, billions of yen: 2024, 2025 and 2026 (columns 11 to 13)
iconv -f UTF-16LE -t UTF-8 "$src" | awk -F'\t' '$1 == "Japan" {
    for (i = 11; i <= 13; i++) { v = $i; gsub(",", "", v); printf "%d %.17g\n", 2013 + i, v * 1e9 } }' \
    >"$tmp/weo"
[ "$(wc -l <"$tmp/weo")" = 3 ] || { echo "FAIL could not read the excerpt"; exit 1; }
# the start year's rate and level from the shipped WDI rows
rate=$(awk -F, '$1 == "JPN" && $2 == 2024 && $4 == "gdp" && $8 == "wdi" {
    if ($6 == "JPY") j = $5; if ($6 == "USD") u = $5 } END { printf "%.17g", j / u }' \
    "$shipped/wdi_japan.csv")
a24=$(awk -F, '$1 == "JPN" && $2 == 2024 && $4 == "gdp" && $8 == "wdi" && $6 == "JPY" { printf "%.17g", $5 }' \
    "$shipped/wdi_japan.csv")

awk -F, -v rate="$rate" -v a24="$a24" -v weofile="$tmp/weo" '
function close_enough(a, b) { d = a - b; if (d < 0) d = -d; return d <= 1e-9 * (b < 0 ? -b : b) }
BEGIN {
    while ((getline line < weofile) > 0) { split(line, w, " "); weo[w[1]] = w[2] }
    # 2025-2026: the 2024 actual grown at the WEO year-on-year growth
    want[2024] = a24
    for (y = 2025; y <= 2026; y++) want[y] = want[y - 1] * weo[y] / weo[y - 1]
    # 2027-2030: 2026 grown at 2.385% a year
    for (y = 2027; y <= 2030; y++) want[y] = want[y - 1] * 1.02385
    fail = 0
}
NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
$col["year"] >= 2025 {
    y = $col["year"]; g = $col["gdp_lcu"]
    if (!close_enough(g, want[y])) { printf "FAIL %d: gdp_lcu %s, expected %.17g\n", y, g, want[y]; fail = 1 }
    if (!close_enough($col["gdp_usd"], want[y] / rate)) {
        printf "FAIL %d: gdp_usd %s, expected %.17g\n", y, $col["gdp_usd"], want[y] / rate; fail = 1 }
    if (y == 2030 && !close_enough($col["spend_lcu"], 0.035 * want[y])) {
        printf "FAIL 2030: spend_lcu %s, expected %.17g\n", $col["spend_lcu"], 0.035 * want[y]; fail = 1 }
    seen++
}
END { if (seen != 6) { print "FAIL expected rows 2025-2030, got " seen; fail = 1 } exit fail }' \
    "$tmp/p.csv" || fail=1

# every CSV row carries the warning (a quoted field: counted, not split)
[ "$(grep -c 'predates the start-year GDP (World Bank WDI NY.GDP.MKTP.CN, vintage 2025-10-07)' "$tmp/p.csv")" = 7 ] ||
    { echo "FAIL the CSV rows 2024-2030 do not all carry the vintage warning"; fail=1; }
grep -q '^2025 .* fcst ' "$tmp/p.txt" || { echo "FAIL 2025 not marked as forecast growth"; fail=1; }
grep -q '^2026 .* fcst ' "$tmp/p.txt" || { echo "FAIL 2026 not marked as forecast growth"; fail=1; }
grep -q '^2027 .* fcst ' "$tmp/p.txt" && { echo "FAIL 2027 marked as forecast growth"; fail=1; }
grep -q 'GDP growth: growth rates of the forecast IMF WEO NGDP' "$tmp/p.txt" &&
grep -q 'applied to the actual 2024 GDP, then 2.385% a year (given)' "$tmp/p.txt" ||
    { echo "FAIL growth basis not stated:"; grep 'GDP growth' "$tmp/p.txt"; fail=1; }
grep -q '^Note: the GDP forecast (IMF WEO NGDP .*, vintage 2021-04-01) predates the start-year GDP (World Bank WDI NY.GDP.MKTP.CN, vintage 2025-10-07), and 2024 is itself a projection' "$tmp/p.txt" ||
    { echo "FAIL no vintage warning:"; grep '^Note' "$tmp/p.txt"; fail=1; }
[ $fail = 0 ] && echo "ok: 2024 actual grown at WEO growth 2025-2026, then 2.385% a year"
exit $fail
