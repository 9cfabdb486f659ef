#!/bin/sh
# Issue 16, item 8: a text chart (--terminal dumb) never drops rows.  The
# NATO compare chart is drawn in the terminal and every member's name (the
# y tic labels of the same chart's script) must appear on a line of its
# own, exactly once, with its figure (no label written over another).
# Skips (77) without gnuplot.
# usage: check_dumb_rows.sh DEFSPEND
set -u
exe=$1
command -v gnuplot >/dev/null 2>&1 || { echo "gnuplot not installed"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
"$exe" plot compare --group nato --terminal dumb >"$tmp/dumb" 2>"$tmp/err" ||
    { echo "FAIL: exit status"; cat "$tmp/err"; exit 1; }
DEFSPEND_GNUPLOT=/nonexistent/gnuplot "$exe" plot compare --group nato \
    --out "$tmp/nato.png" >/dev/null 2>&1
# the tic labels: 'Poland 4.15%% (2024)' or 'Iceland: no data'
sed -n "s/^set ytics[^(]*('\([^']*\)' .*/\1/p" "$tmp/nato.plot.gp" |
    sed 's/%%/%/' >"$tmp/labels"
n=$(wc -l <"$tmp/labels" | tr -d ' ')
[ "$n" -ge 30 ] || { echo "FAIL: only $n members in the script"; fail=1; }
while IFS= read -r label; do
    c=$(grep -cF " $label +" "$tmp/dumb")
    [ "$c" -eq 1 ] || { echo "FAIL: '$label' on $c lines of the text chart"; fail=1; }
done <"$tmp/labels"
[ $fail = 0 ] && echo "ok: all $n members drawn"
[ $fail = 0 ] || cat "$tmp/dumb"
exit $fail
