#!/bin/sh
# Issue 16, item 4: the scenarios chart as rendered to SVG.
#   - the baseline's dashed line runs through no bar label: for each value
#     label (the text elements ending "bn" or "tn", drawn centred at a
#     translate(x,y) with font-size F), the line's y (the long horizontal
#     dashed path) is outside the glyphs' box, y - 0.8F .. y + 0.3F, with
#     a pixel to spare;
#   - the legend's baseline share is on the chart's own basis: the line's
#     value (from the .plot.gp) over the chart's GDP (from the .plot.csv:
#     the 1% target bar is GDP / 100), to two decimals.
# Japan's FY2024 MoD budget ($56.0 bn) beside its 2024 actual ($55.2 bn)
# is the case the issue saw; amounts beside the 1% ($40.3 bn) and 3%
# ($120.8 bn) bars move the line onto other labels.  Skips (77) without
# gnuplot.
# usage: check_scenarios_labels.sh DEFSPEND
set -u
exe=$1
command -v gnuplot >/dev/null 2>&1 || { echo "gnuplot not installed"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0 nlab=0
check() {
    name=$1
    shift
    "$exe" plot scenarios --country JPN --targets 1,3,3.5,5 "$@" \
        --out "$tmp/$name.svg" >/dev/null 2>"$tmp/err" ||
        { echo "FAIL $name: exit status"; cat "$tmp/err"; fail=1; return; }
    svg=$tmp/$name.svg
    # the dashed baseline: a path with a dash array whose points share one
    # y over most of the plot's width
    liney=$(awk 'BEGIN { RS = "<path" }
        /stroke-dasharray/ && !/gridline/ {
          d = $0; sub(/.* d=\047/, "", d); sub(/\047.*/, "", d)
          n = split(d, t, /[ML \t\n]+/); split("", c)
          for (i = 1; i <= n; i++) if (split(t[i], xy, ",") == 2) c[xy[2]]++
          for (y in c) if (c[y] >= 20) print y }' "$svg" | head -1)
    [ -n "$liney" ] || { echo "FAIL $name: no baseline line in the SVG"; fail=1; return; }
    awk -v ly="$liney" -v name="$name" '
        /<g transform="translate\(/ {
            s = $0; sub(/.*translate\(/, "", s); sub(/\).*/, "", s)
            split(s, xy, ","); y = xy[2]
            f = $0; sub(/.*font-size="/, "", f); sub(/".*/, "", f); fs = f + 0
            getline t
            if (t !~ /<text>[^<]*[0-9] (bn|tn|m)[^<]*<\/text>/) next
            n++
            if (ly > y - 0.8 * fs - 1 && ly < y + 0.3 * fs + 1) {
                gsub(/^[ \t]*<text>|<\/text>.*/, "", t)
                printf "FAIL %s: the baseline (y %s) runs through label \"%s\" (y %s)\n", name, ly, t, y
                bad = 1 }
        }
        END { print "labels " n; exit bad }' "$svg" >"$tmp/out" || fail=1
    grep FAIL "$tmp/out"
    nlab=$((nlab + $(sed -n 's/^labels //p' "$tmp/out")))
    # the legend's share: line value / GDP, GDP = 100 x the 1% bar
    base=$(sed -n "s/^  (\([0-9.e+-]*\)) with lines .* title 'Baseline: .*/\1/p" "$tmp/$name.plot.gp")
    share=$(sed -n "s/.* title 'Baseline: [^=(]*[=(] *\([0-9.]*\)% of .*/\1/p" "$tmp/$name.plot.gp")
    gdp=$(awk -F, 'NR > 1 && $4 == 1 { print 100 * $2 }' "$tmp/$name.plot.csv")
    want=$(awk -v b="$base" -v g="$gdp" 'BEGIN { if (g > 0) printf "%.2f", 100 * b / g }')
    if [ -z "$share" ] || [ "$share" != "$want" ]; then
        echo "FAIL $name: legend share '$share'%, line / chart GDP = $base / $gdp = $want%"
        fail=1
    fi
}
check jpn
check near-1pct --baseline 45bn
check near-3pct --baseline 125bn
check lcu --currency LCU
[ "$nlab" -ge 16 ] || { echo "FAIL: only $nlab bar labels found"; fail=1; }
[ $fail = 0 ] && echo "ok: $nlab bar labels clear of the baseline, legend shares on the chart's basis"
exit $fail
