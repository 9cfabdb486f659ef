#!/bin/sh
# The report's "What counts as defense spending" and NATO 2035 sections
# (issue 16, items 14 and 15): for Japan the section is there with the
# figures `defspend bridge --format csv` gives for the report's year (the
# MoD budget and its shares of calendar-year and FY2022 GDP, the
# government's widest total, the World Bank's share and the difference
# between them), table-bridge.csv is that command's CSV byte for byte;
# the NATO 2035 section's sentence and table-nato2035.csv are the figures
# of `scenarios --targets nato2035 --format csv`, and a key finding says
# the core gap.  The compare chart's title names the United States it
# holds; the Monte Carlo method is the fan chart's (ds_chart_fan_method)
# and without draws names no CLI flag.  For Korea (no bridge in the store) there is no such
# section, heading or CSV, in Markdown or HTML; its NATO 2035 section says
# the related figure is n/a.  Runs with DEFSPEND_GNUPLOT pointing nowhere
# (the sections' text and tables do not need the charts; exit 4).
# usage: check_report_bridge.sh DEFSPEND
set -u
exe=$1
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
export DEFSPEND_GNUPLOT=/nonexistent/gnuplot
fail=0
"$exe" report --out "$tmp/r" --simulate 0 --date 2026-11-30 >/dev/null 2>"$tmp/err"
rc=$?
[ $rc = 0 ] || [ $rc = 4 ] || { echo "FAIL report exit status $rc"; cat "$tmp/err"; exit 1; }
md="$tmp/r/report.md" html="$tmp/r/report.html"
# the report's year: its scenarios' GDP year
year=$(sed -n 's/^## Scenarios: spending at shares of \([0-9]*\) GDP$/\1/p' "$md")
[ -n "$year" ] || { echo "FAIL no scenarios year in report.md"; exit 1; }

# ---- the definition bridge
"$exe" bridge --year "$year" --format csv >"$tmp/b.csv" ||
    { echo "FAIL bridge --year $year"; exit 1; }
cmp -s "$tmp/b.csv" "$tmp/r/table-bridge.csv" ||
    { echo "FAIL table-bridge.csv is not bridge --format csv:"; diff "$tmp/b.csv" "$tmp/r/table-bridge.csv" | head; fail=1; }
sec=$(sed -n '/^## What counts as defense spending$/,/^## Methods and caveats/p' "$md")
[ -n "$sec" ] || { echo "FAIL no bridge section for Japan"; fail=1; }
# field n of the row with code c (fields without commas inside quotes
# before them: step labels may hold commas, so count from the code)
field() {
    awk -F, -v c="$1" -v k="$2" '{
        for (i = 1; i <= NF; i++) if ($i == c) { print $(i + k); exit } }' "$tmp/b.csv"
}
mod=$(field mod_budget 3) mod_cal=$(field mod_budget 5) mod_base=$(field mod_budget 6)
wide=$(field security_related_total 3)
[ -n "$wide" ] || wide=$(field security_related_initial 3)
if [ -n "$(field security_related_total 3)" ]; then code=security_related_total; else code=security_related_initial; fi
wide_base=$(field $code 6)
wdi=$(field wdi 5)
[ -n "$mod" ] && [ -n "$mod_cal" ] && [ -n "$mod_base" ] && [ -n "$wide_base" ] && [ -n "$wdi" ] ||
    { echo "FAIL bridge CSV lacks a figure: mod=$mod $mod_cal $mod_base wide=$wide_base wdi=$wdi"; exit 1; }
tn=$(awk -v v="$mod" 'BEGIN { printf "%.2f", v / 1e12 }')
for want in "FY$year Ministry of Defense budget" "is ¥$tn tn" \
            "$(awk -v v="$mod_cal" -v y="$year" 'BEGIN { printf "%.2f%% of calendar-%d GDP", v, y }')" \
            "$(awk -v v="$mod_base" 'BEGIN { printf "%.2f%% of FY2022 GDP", v }')" \
            "$(awk -v v="$wide_base" 'BEGIN { printf "%.2f%% of FY2022 GDP", v }')" \
            "$(awk -v v="$wdi" -v y="$year" 'BEGIN { printf "%.2f%% of %d GDP", v, y }')" \
            "$(awk -v a="$wide_base" -v b="$wdi" 'BEGIN { d = a - b; if (d < 0) d = -d; printf "%.2f points", d }')"; do
    printf '%s' "$sec" | grep -qF "$want" ||
        { echo "FAIL bridge section without '$want'"; fail=1; }
done
grep -q '<h2 class="pb">What counts as defense spending</h2>' "$html" ||
    { echo "FAIL no bridge section in report.html"; fail=1; }
grep -qF "¥$tn tn" "$html" || { echo "FAIL report.html without ¥$tn tn"; fail=1; }
grep -q 'chart-bridge' "$html" || { echo "FAIL no bridge chart (or its note) in report.html"; fail=1; }

# ---- NATO 2035
"$exe" scenarios --targets nato2035 --format csv >"$tmp/n.csv" || { echo "FAIL scenarios nato2035"; exit 1; }
cmp -s "$tmp/n.csv" "$tmp/r/table-nato2035.csv" ||
    { echo "FAIL table-nato2035.csv is not scenarios --targets nato2035 --format csv:"; diff "$tmp/n.csv" "$tmp/r/table-nato2035.csv" | head; fail=1; }
nfield() { awk -F, -v c="$1" -v k="$2" '{
        for (i = 1; i <= NF; i++) if ($i == c) { print $(i + k); exit } }' "$tmp/n.csv"; }
cur=$(nfield core 4) gap=$(nfield core 7) rcur=$(nfield related 4) rgap=$(nfield related 7)
nsec=$(sed -n '/^## NATO.s 2035 target/,/^## What counts/p' "$md")
for want in "$(awk -v v="$cur" 'BEGIN { printf "core figure is %.2f%%", v }')" \
            "$(awk -v v="$gap" 'BEGIN { printf "%.2f points short of 3.5%%", v }')" \
            "$(awk -v v="$rcur" 'BEGIN { printf "related figure is %.2f%%", v }')" \
            "$(awk -v v="$rgap" 'BEGIN { printf "%.2f points short of 1.5%%", v }')"; do
    printf '%s' "$nsec" | grep -qF "$want" || { echo "FAIL NATO 2035 section without '$want'"; fail=1; }
done
sed -n '/^## Key findings/,/^## Summary/p' "$md" |
    grep -qF "$(awk -v v="$gap" 'BEGIN { printf "%.2f points of", v }')" ||
    { echo "FAIL no NATO 2035 finding"; fail=1; }

# ---- the compare chart's title is true to its group (it holds the US)
grep -qF "The United States and its allies" "$tmp/r/chart-compare.plot.gp" ||
    { echo "FAIL the compare chart's title:"; grep -i allies "$tmp/r/chart-compare.plot.gp" | head -3; fail=1; }
grep -qF "US allies" "$tmp/r/chart-compare.plot.gp" && { echo "FAIL 'US allies' for a group with the US"; fail=1; }
# ---- methods: no Monte Carlo names no CLI flag; with draws, the fan
# chart's method sentence (generator, seed)
grep -q "^- Monte Carlo: not run" "$md" || { echo "FAIL no Monte Carlo line without draws"; fail=1; }
grep "^- Monte Carlo" "$md" | grep -q -- "--simulate" && { echo "FAIL the library names a CLI flag"; fail=1; }
"$exe" report --out "$tmp/mc" --simulate 200 --seed 7 --date 2026-11-30 >/dev/null 2>&1
grep "^- Monte Carlo" "$tmp/mc/report.md" | grep -q "200 draws of annual log GDP growth.*generator .*seed 7;" ||
    { echo "FAIL the Monte Carlo method:"; grep "^- Monte Carlo" "$tmp/mc/report.md"; fail=1; }

# ---- Korea: no bridge, no empty heading; NATO 2035 with related n/a
"$exe" report --out "$tmp/k" --country KOR --simulate 0 --date 2026-11-30 >/dev/null 2>"$tmp/err"
rc=$?
[ $rc = 0 ] || [ $rc = 4 ] || { echo "FAIL KOR report exit status $rc"; cat "$tmp/err"; exit 1; }
grep -q "What counts as defense spending" "$tmp/k/report.md" "$tmp/k/report.html" &&
    { echo "FAIL a bridge section for Korea"; fail=1; }
[ -e "$tmp/k/table-bridge.csv" ] && { echo "FAIL table-bridge.csv for Korea"; fail=1; }
grep -q "^## NATO's 2035 target" "$tmp/k/report.md" || { echo "FAIL no NATO 2035 section for Korea"; fail=1; }
grep -qF "no sourced figure of its related spending" "$tmp/k/report.md" ||
    { echo "FAIL Korea's related figure not said to be n/a"; fail=1; }
[ $fail = 0 ] && echo "ok: bridge ¥$tn tn ($mod_cal% / $mod_base%), NATO 2035 core $cur% gap $gap, absent for KOR"
exit $fail
