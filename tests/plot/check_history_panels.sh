#!/bin/sh
# Issue 16, item 2: the history chart of the shipped datasets (Japan:
# WDI share and US$, Japan MoD budget tables for 2024-2026; Korea: WDI,
# US$ ending 2022, share 2024) as its .plot.gp and .plot.csv:
#   - no US$ series is drawn against a second y axis beside the % of GDP
#     reference lines: the script has no y2 axis at all, two plot commands
#     (panels), the reference lines (arrows) and the share column in the
#     first, the US$ columns only in the second, after `unset arrow`;
#   - the footnote names each source (publisher and series, definition,
#     vintage) once, a publisher's table once with its cells' codes
#     merged, and says which years of each quantity it gives;
#   - a series whose last year (read from the .plot.csv) is before the
#     chart's last year has a "series ends YEAR" note; one that runs to
#     the end has none.
# usage: check_history_panels.sh DEFSPEND
set -u
exe=$1
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0 nnotes=0
for c in JPN KOR DEU; do
    DEFSPEND_GNUPLOT=/nonexistent/gnuplot "$exe" plot history --country "$c" \
        --out "$tmp/$c.png" >/dev/null 2>"$tmp/$c.err"
    gp=$tmp/$c.plot.gp csv=$tmp/$c.plot.csv
    [ -s "$gp" ] && [ -s "$csv" ] || { echo "FAIL $c: no script"; cat "$tmp/$c.err"; fail=1; continue; }
    if grep -n 'x1y2\|y2tics\|y2range\|second ' "$gp"; then
        echo "FAIL $c: a y2 axis is used"; fail=1
    fi
    nplot=$(grep -c '^plot ' "$gp")
    [ "$nplot" = 2 ] || { echo "FAIL $c: $nplot plot commands, expected 2 panels"; fail=1; }
    # columns of the share and the US$ series, from the CSV header
    usd=$(head -1 "$csv" | tr ',' '\n' | grep -n '^milex_usd' | cut -d: -f1 | tr '\n' ' ')
    share=$(head -1 "$csv" | tr ',' '\n' | grep -n '^share_pct$' | cut -d: -f1)
    [ -n "$usd" ] && [ -n "$share" ] || { echo "FAIL $c: CSV columns"; fail=1; continue; }
    awk -v usd="$usd" -v share="$share" -v c="$c" '
        BEGIN { n = split(usd, u, " ") }
        /^plot / { panel++ }
        /^set arrow / && panel > 0 { printf "FAIL %s: a reference line after the first panel\n", c; bad = 1 }
        /^set arrow .* first [0-9.]+ nohead/ && panel == 0 { refs++ }
        /^  ds_data skip 1 using / {
            if (match($0, "using 1:" share " ") && panel != 1) { printf "FAIL %s: share not in the top panel\n", c; bad = 1 }
            for (i = 1; i <= n; i++)
                if ($0 ~ ("using 1:(" u[i] "|\\(valid\\(" u[i] "\\))[ )]") && panel != 2) {
                    printf "FAIL %s: US$ column %s drawn in panel %d, beside the reference lines\n", c, u[i], panel; bad = 1 }
                else if ($0 ~ ("using 1:(" u[i] "|\\(valid\\(" u[i] "\\))[ )]")) usdseen++
        }
        END { if (refs < 4) { printf "FAIL %s: %d reference lines in the top panel\n", c, refs; bad = 1 }
              if (!usdseen) { printf "FAIL %s: no US$ layer in the bottom panel\n", c; bad = 1 }
              exit bad }' "$gp" || fail=1
    # the footnote: its label lines joined, entries split at "; "
    src=$(sed -n "s/^set label '\(.*\)' at character 1, .*/\1/p" "$gp" | tr '\n' ' ' | sed 's/  */ /g')
    echo "$src" | grep -q '^Sources: ' || { echo "FAIL $c: no footnote"; fail=1; }
    echo "$src" | sed 's/^Sources: //; s/; chart: defspend *$//' | sed 's/; /\n/g' |
        sed 's/): .*/)/' >"$tmp/$c.srcs"
    dup=$(sort "$tmp/$c.srcs" | uniq -d)
    [ -z "$dup" ] || { echo "FAIL $c: source named twice: $dup"; fail=1; }
    # no publisher table repeated under another cell code
    dupt=$(sed 's/ [A-Z][0-9]*\(, [A-Z][0-9]*\)* (/ (/' "$tmp/$c.srcs" | sort | uniq -d)
    [ -z "$dupt" ] || { echo "FAIL $c: table named twice: $dupt"; fail=1; }
    for w in '% of GDP' 'US$'; do
        echo "$src" | grep -qF "$w" && echo "$src" | sed 's/; /\n/g' |
            grep -F "$w " | grep -q "): .*[0-9]\{4\}" ||
            { echo "FAIL $c: the footnote lacks the years of $w"; fail=1; }
    done
    # early-ending series: expected from the CSV, found in the script
    last=$(awk -F, 'NR > 1 { y = $1 } END { print y }' "$csv")
    for cols in "2 3" "4 5"; do
        end=$(awk -F, -v a="${cols% *}" -v b="${cols#* }" \
            'NR > 1 && ($a != "" || $b != "") { y = $1 } END { print y }' "$csv")
        [ -n "$end" ] || continue
        if [ "$end" -lt "$last" ]; then
            nnotes=$((nnotes + 1))
            grep -q "^set label 'series ends $end' at first $end, first " "$gp" ||
                { echo "FAIL $c: columns $cols end $end (chart to $last), no note"; fail=1; }
        elif grep -q "^set label 'series ends $end'" "$gp"; then
            echo "FAIL $c: a note for a series that runs to $last"; fail=1
        fi
    done
done
[ "$nnotes" -gt 0 ] || { echo "FAIL: no early-ending series checked"; fail=1; }
[ $fail = 0 ] && echo "ok: two panels, one footnote entry per source, $nnotes series-end notes"
exit $fail
