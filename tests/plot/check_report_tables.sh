#!/bin/sh
# The report's tables are the commands' tables (issue 12): each CSV of the
# default report is byte for byte what `scenarios`, `project` and
# `compare --format csv` write for the same result (one ds_table, one
# writer), with the same columns; and the Markdown tables of report.md
# are GFM tables with one header, one alignment row and a row per result
# (4 targets, 12 years, 12 countries).  Runs with DEFSPEND_GNUPLOT
# pointing nowhere (the tables do not need the charts; exit 4 expected).
# usage: check_report_tables.sh DEFSPEND
set -u
exe=$1
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
export DEFSPEND_GNUPLOT=/nonexistent/gnuplot
fail=0
"$exe" report --out "$tmp/r" --date 2026-11-30 >/dev/null 2>"$tmp/err"
rc=$?
[ $rc = 0 ] || [ $rc = 4 ] || { echo "FAIL report exit status $rc"; cat "$tmp/err"; exit 1; }
allies=JPN,KOR,AUS,NZL,PHL,THA,USA,GBR,DEU,FRA,ITA,CAN
"$exe" scenarios --targets 1,3,3.5,5 --format csv >"$tmp/s.csv" || fail=1
"$exe" project --targets 3.5,5 --by 2035 --simulate 2000 --format csv >"$tmp/p.csv" || fail=1
"$exe" compare --countries "$allies" --targets 2,3.5,5 --format csv >"$tmp/c.csv" || fail=1
for t in s:scenarios p:projection c:compare; do
    f=${t%%:*} name=${t#*:}
    if ! cmp -s "$tmp/$f.csv" "$tmp/r/table-$name.csv"; then
        echo "FAIL table-$name.csv differs from the command's CSV:"
        diff "$tmp/$f.csv" "$tmp/r/table-$name.csv" | head -5
        fail=1
    fi
    [ "$(wc -l <"$tmp/$f.csv")" -ge 5 ] || { echo "FAIL $name: too few rows"; fail=1; }
done
# the report's own tables: a row per target, year and country
md="$tmp/r/report.md"
rows() { awk -v h="$1" 'index($0, h) == 1 {on = 1} on && /^\|/ {n++} on && !/^\|/ && n {print n - 2; exit}' "$md"; }
[ "$(rows '| target % GDP |')" = 4 ] || { echo "FAIL scenarios table rows: $(rows '| target % GDP |')"; fail=1; }
[ "$(rows '| year | GDP US$ |')" = 12 ] || { echo "FAIL projection table rows: $(rows '| year | GDP US$ |')"; fail=1; }
[ "$(rows '| rank | country |')" = 12 ] || { echo "FAIL compare table rows: $(rows '| rank | country |')"; fail=1; }
# missing is never zero: Korea has a share but no US$ figure
grep -q '^| 2 | Korea, Rep\. \\(KOR\\) | 2024 | 2\.56% | n/a |' "$md" ||
    { echo "FAIL Korea's missing US\$ figure is not n/a"; fail=1; }
[ $fail = 0 ] && echo "ok: report tables are the commands' tables"
exit $fail
