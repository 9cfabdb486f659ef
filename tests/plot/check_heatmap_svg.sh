#!/bin/sh
# Issue 16, item 3: the sensitivity heatmap in SVG (as inlined in
# report.html) is one filled rectangle per cell, never an embedded bitmap
# (which browsers smooth into a gradient, losing the cells).  For two
# grids (6x3 default, 3x2 of exchange rates) the SVG has no <image> and
# exactly as many cell-sized rectangles (4-point polygons wider and taller
# than 30 px; the colour box is drawn in thin slices, text boxes are
# lower) as the chart's data has cells.  Skips (77) without gnuplot.
# usage: check_heatmap_svg.sh DEFSPEND
set -u
exe=$1
command -v gnuplot >/dev/null 2>&1 || { echo "gnuplot not installed"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {
    name=$1
    shift
    "$exe" plot sensitivity "$@" --out "$tmp/$name.svg" 2>"$tmp/err" ||
        { echo "FAIL $name: exit status"; cat "$tmp/err"; fail=1; return; }
    cells=$(($(wc -l <"$tmp/$name.plot.csv") - 1))
    grep -q '<image' "$tmp/$name.svg" && { echo "FAIL $name: embedded bitmap"; fail=1; }
    rects=$(grep -o "<polygon[^>]*points = '[^']*'" "$tmp/$name.svg" |
        sed "s/.*points = '//; s/'$//" | awk '
        { n = split($0, p, /[ ,]+/); if (n < 8 || n > 9) next
          minx = maxx = p[1]; miny = maxy = p[2]
          for (i = 1; i + 1 <= 8; i += 2) {
              if (p[i] < minx) minx = p[i]; if (p[i] > maxx) maxx = p[i]
              if (p[i+1] < miny) miny = p[i+1]; if (p[i+1] > maxy) maxy = p[i+1] }
          if (maxx - minx > 30 && maxy - miny > 30) k++ }
        END { print k + 0 }')
    if [ "$cells" -ge 4 ] && [ "$rects" -eq "$cells" ]; then
        echo "ok $name: $cells cells, $rects rectangles, no bitmap"
    else
        echo "FAIL $name: $cells cells, $rects cell rectangles"; fail=1
    fi
}
check default
check rates --rates 120,151.37,180 --growth 2.385 --targets 3.5,5
exit $fail
