#!/bin/sh
# `defspend project --gdp-source weo` from a WEO export's real growth
# (NGDP_RPCH) and GDP deflator (NGDP_D) subjects, without its nominal GDP
# (issue 15).  The WEO-layout file tests/data/import/weo/
# jpn_subjects_shape_from_wdi.xls (Japan, 2019-2024, "Estimates Start
# After" 2023: 2024 is a projection; its cells are World Bank WDI cells,
# see tests/data/import/README.md) is imported with --indicator
# gdp_real_growth,gdp_deflator into a store holding the shipped WDI rows
# for Japan up to 2023 only (datasets/wdi_japan.csv), and the projection
# from 2023 must
#   - grow the actual 2023 GDP in yen by the forecast's nominal growth in
#     2024: (1 + NGDP_RPCH 2024 / 100) x NGDP_D 2024 / NGDP_D 2023, marked
#     "fcst", then 2% a year (--growth 2) to 2026,
#   - carry the GDP deflator (WDI's, last actual 2023) into 2024 at the
#     forecast's deflator ratio 2024/2023, then at the fitted rate,
#   - say both in the output: which subjects and vintage, which years.
# Expected figures are computed here with awk from the excerpt's cells
# (read with iconv), not from the program's output.
# usage: check_weo_real_growth.sh DEFSPEND
set -u
exe=$1
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
src=${DS_TEST_DATA:?DS_TEST_DATA not set}/import/weo/jpn_subjects_shape_from_wdi.xls
shipped=${DEFSPEND_DATA:?DEFSPEND_DATA not set}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
store=$tmp/store
mkdir -p "$store/meta"
cp "$shipped/meta/"*.csv "$store/meta/"
awk -F, 'NR == 1 || $2 <= 2023' "$shipped/wdi_japan.csv" >"$store/wdi_japan.csv"
run() { (cd "$tmp" && env -u DEFSPEND_DATA -u XDG_DATA_HOME HOME="$tmp/home" "$exe" "$@"); }

run import "$src" --indicator gdp_real_growth,gdp_deflator --into "$store" \
    >"$tmp/import.out" 2>"$tmp/import.err" ||
    { echo "FAIL import"; cat "$tmp/import.err"; exit 1; }
run --data "$store" --data-only project --from 2023 --by 2026 --target 2 --baseline none \
    --gdp-source weo --growth 2 --format csv >"$tmp/p.csv" 2>"$tmp/p.err" ||
    { echo "FAIL project csv"; cat "$tmp/p.err"; exit 1; }
run --data "$store" --data-only project --from 2023 --by 2026 --target 2 --baseline none \
    --gdp-source weo --growth 2 >"$tmp/p.txt" 2>"$tmp/p.err" ||
    { echo "FAIL project table"; cat "$tmp/p.err"; exit 1; }

# the WEO cells of 2023 and 2024 (columns 13 and 14): real growth, deflator
iconv -f UTF-16LE -t UTF-8 "$src" | awk -F'\t' '
    $3 == "NGDP_RPCH" { g = $14 }
    $3 == "NGDP_D" { d23 = $13; d24 = $14 }
    END { printf "%s %s %s\n", g, d23, d24 }' >"$tmp/weo"
read -r g24 d23 d24 <"$tmp/weo"
[ -n "$d24" ] || { echo "FAIL could not read the excerpt"; exit 1; }
a23=$(awk -F, '$2 == 2023 && $4 == "gdp" && $6 == "JPY" { printf "%.17g", $5 }' "$store/wdi_japan.csv")
w23=$(awk -F, '$2 == 2023 && $4 == "gdp_deflator" { printf "%.17g", $5 }' "$store/wdi_japan.csv")

awk -F, -v g24="$g24" -v d23="$d23" -v d24="$d24" -v a23="$a23" -v w23="$w23" '
function close_enough(a, b) { d = a - b; if (d < 0) d = -d; return d <= 1e-9 * (b < 0 ? -b : b) }
BEGIN {
    want[2023] = a23
    want[2024] = a23 * (1 + g24 / 100) * d24 / d23
    want[2025] = want[2024] * 1.02
    want[2026] = want[2025] * 1.02
    fail = 0
}
NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
{
    y = $col["year"]
    if (!close_enough($col["gdp_lcu"], want[y])) {
        printf "FAIL %d: gdp_lcu %s, expected %.17g\n", y, $col["gdp_lcu"], want[y]; fail = 1 }
    if (y == 2024 && !close_enough($col["deflator"], w23 * d24 / d23)) {
        printf "FAIL 2024: deflator %s, expected %.17g\n", $col["deflator"], w23 * d24 / d23; fail = 1 }
    seen++
}
END { if (seen != 4) { print "FAIL expected rows 2023-2026, got " seen; fail = 1 } exit fail }' \
    "$tmp/p.csv" || fail=1

grep -q '^2024 .* fcst ' "$tmp/p.txt" || { echo "FAIL 2024 not marked as forecast growth"; fail=1; }
grep -q '^2025 .* fcst ' "$tmp/p.txt" && { echo "FAIL 2025 marked as forecast growth"; fail=1; }
grep -q 'GDP growth: nominal growth from the forecasts IMF WEO NGDP_RPCH (.*) with IMF WEO NGDP_D (.*), vintage 2024-10-01, 2024 (mean .*) applied to the actual 2023 GDP in JPY, then 2% a year (given)' "$tmp/p.txt" ||
    { echo "FAIL growth basis not stated:"; grep 'GDP growth' "$tmp/p.txt"; fail=1; }
grep -q 'GDP deflator after 2023 at the year-on-year rates of the forecast IMF WEO NGDP_D (.*), vintage 2024-10-01, 2024 (from its actual 2023), then .*% a year (fitted)' "$tmp/p.txt" ||
    { echo "FAIL deflator basis not stated:"; grep 'Prices' "$tmp/p.txt"; fail=1; }
[ $fail = 0 ] && echo "ok: 2023 actual grown at WEO real growth x deflator in 2024, then 2% a year"
exit $fail
