#!/bin/sh
# `defspend project --gdp-source weo` on a real imported IMF WEO excerpt
# (tests/data/import/weo/apr2021_ngdp_lcu_excerpt_utf16le.xls, April 2021,
# Japan's GDP in billions of yen, projections after 2020): the excerpt is
# imported with `defspend import` into a user store in a temporary HOME,
# layered over the shipped datasets, and the projection must
#   - take GDP in yen for 2025 and 2026 from the WEO cells (flagged
#     projections, marked "(proj.)" in the table),
#   - continue from 2026 at the chosen --growth 2.385% a year to 2030,
#   - convert at the start year's rate (2024 GDP in yen / GDP in US$ from
#     the shipped WDI rows), and put 3.5% of GDP on the path in 2030.
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

# WEO cells, billions of yen: 2025 and 2026 (columns 12 and 13)
iconv -f UTF-16LE -t UTF-8 "$src" | awk -F'\t' '$1 == "Japan" {
    for (i = 12; i <= 13; i++) { v = $i; gsub(",", "", v); printf "%d %.17g\n", 2013 + i, v * 1e9 } }' \
    >"$tmp/weo"
[ "$(wc -l <"$tmp/weo")" = 2 ] || { echo "FAIL could not read the excerpt"; exit 1; }
# the start year's rate from the shipped WDI rows (GDP in JPY / GDP in US$)
rate=$(awk -F, '$1 == "JPN" && $2 == 2024 && $4 == "gdp" && $8 == "wdi" {
    if ($6 == "JPY") j = $5; if ($6 == "USD") u = $5 } END { printf "%.17g", j / u }' \
    "$shipped/wdi_japan.csv")

awk -F, -v rate="$rate" -v weofile="$tmp/weo" '
function close_enough(a, b) { d = a - b; if (d < 0) d = -d; return d <= 1e-9 * (b < 0 ? -b : b) }
BEGIN {
    while ((getline line < weofile) > 0) { split(line, w, " "); want[w[1]] = w[2] }
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

grep -q '^2025 (proj\.) ' "$tmp/p.txt" || { echo "FAIL 2025 not marked as a projection"; fail=1; }
grep -q '^2026 (proj\.) ' "$tmp/p.txt" || { echo "FAIL 2026 not marked as a projection"; fail=1; }
grep -q '^2027 (proj\.) ' "$tmp/p.txt" && { echo "FAIL 2027 marked as a projection"; fail=1; }
grep -q 'GDP growth: stored projections 2025-2026 (IMF WEO NGDP' "$tmp/p.txt" &&
grep -q 'then 2.385% a year (given)' "$tmp/p.txt" ||
    { echo "FAIL growth basis not stated:"; grep 'GDP growth' "$tmp/p.txt"; fail=1; }
[ $fail = 0 ] && echo "ok: WEO projections 2025-2026 used, then 2.385% a year"
exit $fail
