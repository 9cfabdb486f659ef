#!/bin/sh
# The compare chart shows the figures of the compare table: for a group
# with its own publisher (NATO), `plot compare --group nato` and
# `compare --group nato --format csv` pick the same definition and share
# for every member (the chart once stayed on WDI while the table used
# NATO's 2024 figures: Poland 4.15% beside 4.12%).  gnuplot is not needed:
# the chart's data file is written without it.
# usage: check_compare_same_figures.sh DEFSPEND
set -u
exe=$1
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
"$exe" compare --group nato --format csv >"$tmp/table.csv" 2>"$tmp/err" ||
    { echo "FAIL: compare"; cat "$tmp/err"; exit 1; }
DEFSPEND_GNUPLOT=/nonexistent/gnuplot "$exe" plot compare --group nato \
    --out "$tmp/nato.png" >/dev/null 2>&1
[ -f "$tmp/nato.plot.csv" ] || { echo "FAIL: no chart data"; exit 1; }
# table: country (2), definition (5), share_pct (6); chart: share_pct (2),
# label (6, the ISO3 code)
awk -F, 'NR > 1 && $6 != "" {print $2, $5, $6}' "$tmp/table.csv" |
    sort >"$tmp/t"
awk -F, 'NR > 1 && $2 != "" {print $6, $2}' "$tmp/nato.plot.csv" |
    sort >"$tmp/c"
n=$(wc -l <"$tmp/c" | tr -d ' ')
[ "$n" -ge 30 ] || { echo "FAIL: only $n members in the chart"; exit 1; }
grep -q '^POL nato 4.120190989357147$' "$tmp/t" ||
    { echo "FAIL: the table does not use NATO's 4.12% for Poland"; exit 1; }
awk '{print $1, $3}' "$tmp/t" | diff - "$tmp/c" >"$tmp/diff" ||
    { echo "FAIL: chart and table differ (- table, + chart):"; cat "$tmp/diff"; exit 1; }
echo "ok: chart and table agree for $n members (NATO, Poland 4.12%)"
