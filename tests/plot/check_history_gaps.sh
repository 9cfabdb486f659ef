#!/bin/sh
# Issue 16, item 1: the history chart's dashed series (estimates, drafts,
# projections) never join points across a gap in years.  The real SIPRI
# excerpt (tests/data/sipri/sipri-excerpt.xlsx, see its README) is imported
# into a scratch store, read with --data over the shipped datasets, and the history chart of
# each of its countries is written; the segments gnuplot would draw for
# every dashed series are worked out from the .plot.gp (its `using`
# column, and whether an empty value breaks the line: `valid(N) ? ... :
# NaN` does, a plain column is stepped over) and the .plot.csv rows, and
# no segment may join two years more than one apart (before the fix:
# Japan's 1959 estimate joined to its 2024 MoD figure, Korea 1950 to 1952).
# usage: check_history_gaps.sh DEFSPEND SIPRI_XLSX
set -u
exe=$1 xlsx=$2
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/xdg"
"$exe" import "$xlsx" >/dev/null 2>"$tmp/err" ||
    { echo "FAIL: import"; cat "$tmp/err"; exit 1; }
fail=0 nseg=0
for c in AUS CHN DEU FRA GBR IND ISR JPN KOR POL RUS SAU TWN UKR USA; do
    DEFSPEND_GNUPLOT=/nonexistent/gnuplot "$exe" --data "$XDG_DATA_HOME/defspend" plot history --country "$c" --from 1949 \
        --out "$tmp/$c.png" >/dev/null 2>&1
    [ -s "$tmp/$c.plot.gp" ] || continue
    # "COLUMN BREAKS" for each dashed layer
    sed -n 's/^  ds_data skip 1 using 1:\(.*\) with \(lines\|linespoints\) .* dt 2 .*/\1/p' \
        "$tmp/$c.plot.gp" | while IFS= read -r u; do
        case $u in
            *valid*) col=$(echo "$u" | sed 's/.*valid(\([0-9]*\)).*/\1/'); brk=1 ;;
            *) col=$u; brk=0 ;;
        esac
        echo "$col $brk"
    done >"$tmp/$c.layers"
    while read -r col brk; do
        r=$(awk -F, -v col="$col" -v brk="$brk" -v c="$c" '
            NR == 1 { next }
            $col == "" { if (brk) prev = ""; next }
            { if (prev != "") { n++; if ($1 - prev > 1)
                  printf "FAIL %s: dashed column %d joins %s to %s\n", c, col, prev, $1 }
              prev = $1 }
            END { printf "segments %d\n", n }' "$tmp/$c.plot.csv")
        echo "$r" | grep FAIL && fail=1
        nseg=$((nseg + $(echo "$r" | sed -n 's/^segments //p')))
    done <"$tmp/$c.layers"
done
# the check must have something to check
[ "$nseg" -gt 0 ] || { echo "FAIL: no dashed segment in any chart"; fail=1; }
[ $fail = 0 ] && echo "ok: $nseg dashed segments, none across a gap"
exit $fail
