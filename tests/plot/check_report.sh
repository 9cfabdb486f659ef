#!/bin/sh
# `defspend report --date 2026-11-30`: report.md equals
# tests/plot/golden/report.md (the
# default report: Japan, 1/3/3.5/5% vs the FY2024 budget, paths to 2035
# with a fixed seed, the sensitivity heatmap, the allies compared); the
# folder holds the HTML, the charts with their scripts and data and a CSV of every table; report.html
# is self-contained (no external reference, no script) and escapes the
# store's text; a failure leaves no folder behind.  Skips (77) without
# gnuplot.  DS_UPDATE_GOLDEN=1 rewrites the golden report.md.
# usage: check_report.sh DEFSPEND GOLDEN_DIR HOSTILE_STORE
set -u
exe=$1 gold=$2 hostile=$3
command -v gnuplot >/dev/null 2>&1 || { echo "gnuplot not installed"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
"$exe" report --out "$tmp/r" --date 2026-11-30 >"$tmp/out" 2>"$tmp/err" || { echo "FAIL exit status"; cat "$tmp/err"; exit 1; }
# the files written, one a line (issue 16, item 13): the two reports
# first, then every other file of the fresh folder, each once
{ printf '%s\n' "$tmp/r/report.html" "$tmp/r/report.md"
  ls "$tmp/r" | grep -v '^report\.\(md\|html\)$' | sed "s|^|$tmp/r/|"; } >"$tmp/want"
cmp -s "$tmp/want" "$tmp/out" ||
    { echo "FAIL the list of files written:"; diff "$tmp/want" "$tmp/out"; fail=1; }
[ "$(wc -l <"$tmp/out")" -ge 15 ] || { echo "FAIL too few files listed"; fail=1; }
[ -s "$tmp/err" ] && { echo "FAIL stderr:"; cat "$tmp/err"; fail=1; }
if [ "${DS_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$tmp/r/report.md" "$gold/report.md"
elif ! diff -u "$gold/report.md" "$tmp/r/report.md"; then
    echo "FAIL report.md differs from the golden file"; fail=1
fi
for f in report.html table-scenarios.csv table-projection.csv table-compare.csv \
         chart-scenarios.png chart-scenarios.plot.gp chart-scenarios.plot.csv \
         chart-projection.png chart-compare.png chart-history.png \
         chart-sensitivity.png chart-sensitivity.plot.gp chart-sensitivity.plot.csv \
         chart-bridge.png chart-bridge.plot.gp chart-bridge.plot.csv \
         table-bridge.csv table-nato2035.csv; do
    [ -s "$tmp/r/$f" ] || { echo "FAIL missing $f"; fail=1; }
done
ls -a "$tmp" | grep -q '\.tmp-' && { echo "FAIL temporary folder left"; fail=1; }
[ -e "$tmp/r/.svg" ] && { echo "FAIL temporary SVG folder left"; fail=1; }
h="$tmp/r/report.html"
# the five charts and, for Japan, the definition bridge's waterfall
[ "$(grep -c '<svg' "$h")" -eq 6 ] || { echo "FAIL expected 6 inline SVG charts"; fail=1; }
grep -Eiq '(src|href)="(https?:|//|file:)' "$h" && { echo "FAIL external reference"; fail=1; }
grep -Eiq '<script|<link|<img|@import|url\([^#]' "$h" && { echo "FAIL script or external asset"; fail=1; }
grep -q "Content-Security-Policy" "$h" || { echo "FAIL no CSP"; fail=1; }
# a rerun into the same folder replaces the files
echo "kept" >"$tmp/r/notes.txt"
touch -d 2020-01-01 "$tmp/r/notes.txt"
"$exe" report --out "$tmp/r" --simulate 0 >"$tmp/out" 2>"$tmp/err" || { echo "FAIL rerun"; cat "$tmp/err"; fail=1; }
grep -q 'notes.txt' "$tmp/out" && { echo "FAIL a file the run did not write is listed"; fail=1; }
grep -qx "$tmp/r/report.md" "$tmp/out" || { echo "FAIL rerun does not list report.md"; fail=1; }
grep -q 'Monte Carlo: not run' "$tmp/r/report.md" || { echo "FAIL rerun did not replace report.md"; fail=1; }
# a failure leaves nothing
"$exe" report --out "$tmp/bad" --country XXX-NOPE >/dev/null 2>&1 && { echo "FAIL bad country accepted"; fail=1; }
[ -e "$tmp/bad" ] && { echo "FAIL failed report left a folder"; fail=1; }
ls -a "$tmp" | grep -q '\.tmp-' && { echo "FAIL failed report left a temporary folder"; fail=1; }
# hostile names from the store are escaped in HTML and markdown
"$exe" --data "$hostile" report --out "$tmp/h" --country XCC \
    --countries XAA,XBB,XCC,XDD,XEE --baseline 20bn 2>"$tmp/err" ||
    { echo "FAIL hostile report"; cat "$tmp/err"; fail=1; }
grep -q '<script' "$tmp/h/report.html" && { echo "FAIL raw <script> in HTML"; fail=1; }
grep -q '<script' "$tmp/h/report.md" && { echo "FAIL raw <script> in markdown"; fail=1; }
grep -qF '&lt;script&gt;x&lt;/script&gt; &amp; co' "$tmp/h/report.html" ||
    { echo "FAIL name not escaped literally in HTML"; fail=1; }
find "$tmp" -name 'pwned*' | grep -q . && { echo "FAIL canary created"; fail=1; }
[ $fail = 0 ] && echo "ok: report"
exit $fail
