#!/bin/sh
# Smoke test: every chart kind rendered by gnuplot to PNG, SVG and PDF and
# drawn in the terminal; files non-empty, of the right type and a sensible
# size; gnuplot silent on stderr.  Skips (77) without gnuplot.
# usage: check_render.sh DEFSPEND
set -u
exe=$1
command -v gnuplot >/dev/null 2>&1 || { echo "gnuplot not installed"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
size() { wc -c <"$1" | tr -d ' '; }
for kind in scenarios history projection projection-fan compare revisions sensitivity; do
    args=$kind
    case $kind in
        projection-fan) args="projection --simulate 500" ;;
        compare) args="compare --group nato" ;;
    esac
    for ext in png svg pdf; do
        f="$tmp/$kind.$ext"
        # shellcheck disable=SC2086
        if ! "$exe" plot $args --out "$f" 2>"$tmp/err"; then
            echo "FAIL $kind.$ext: exit status"; cat "$tmp/err"; fail=1; continue
        fi
        [ -s "$tmp/err" ] && { echo "FAIL $kind.$ext: stderr:"; cat "$tmp/err"; fail=1; }
        for side in "$f" "$tmp/$kind.plot.gp" "$tmp/$kind.plot.csv"; do
            [ -s "$side" ] || { echo "FAIL $kind.$ext: $side empty or missing"; fail=1; }
        done
        n=$(size "$f")
        case $ext in
            png) min=20000 max=2000000
                 head -c 8 "$f" | od -An -c | grep -q 'P   N   G' ||
                     { echo "FAIL $kind.png: not a PNG"; fail=1; }
                 # 1280 x 800 in the IHDR chunk
                 [ "$(od -An -tx1 -j16 -N8 "$f" | tr -d ' \n')" = 0000050000000320 ] ||
                     { echo "FAIL $kind.png: not 1280x800"; fail=1; } ;;
            svg) min=5000 max=2000000
                 grep -q '<svg' "$f" || { echo "FAIL $kind.svg: no <svg"; fail=1; } ;;
            pdf) min=5000 max=2000000
                 [ "$(head -c 5 "$f")" = "%PDF-" ] ||
                     { echo "FAIL $kind.pdf: not a PDF"; fail=1; } ;;
        esac
        if [ "$n" -lt "$min" ] || [ "$n" -gt "$max" ]; then
            echo "FAIL $kind.$ext: $n bytes, expected $min-$max"; fail=1
        else
            echo "ok $kind.$ext $n bytes"
        fi
    done
    # shellcheck disable=SC2086
    "$exe" plot $args --terminal dumb >"$tmp/dumb" 2>"$tmp/err" ||
        { echo "FAIL $kind dumb: exit status"; cat "$tmp/err"; fail=1; }
    lines=$(wc -l <"$tmp/dumb" | tr -d ' ')
    [ "$lines" -ge 30 ] || { echo "FAIL $kind dumb: $lines lines"; fail=1; }
    [ -s "$tmp/err" ] && { echo "FAIL $kind dumb: stderr:"; cat "$tmp/err"; fail=1; }
done
# on success `plot` lists the files it wrote, one a line (issue 16, item 13)
"$exe" plot scenarios --out "$tmp/list.svg" >"$tmp/out" 2>"$tmp/err" ||
    { echo "FAIL list.svg: exit status"; cat "$tmp/err"; fail=1; }
printf '%s\n' "$tmp/list.svg" "$tmp/list.plot.gp" "$tmp/list.plot.csv" >"$tmp/want"
if cmp -s "$tmp/out" "$tmp/want"; then
    while IFS= read -r w; do
        [ -s "$w" ] || { echo "FAIL listed $w does not exist"; fail=1; }
    done <"$tmp/out"
    echo "ok plot lists the 3 files it wrote"
else
    echo "FAIL plot's list of files written:"; diff "$tmp/want" "$tmp/out"; fail=1
fi
ls -a "$tmp" | grep -q '^\.defspend-' && { echo "FAIL temporary files left"; fail=1; }
# the written script re-runs on its own in its directory
(cd "$tmp" && gnuplot scenarios.plot.gp 2>"$tmp/err") ||
    { echo "FAIL scenarios.plot.gp does not re-run"; cat "$tmp/err"; fail=1; }
exit $fail
