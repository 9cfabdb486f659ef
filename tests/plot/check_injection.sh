#!/bin/sh
# Hostile labels: country names and a --title holding backquotes,
# system("..."), quotes, a newline, a tab, %, @ and a 3,000-character name
# (tests/plot/data/hostile) must reach gnuplot as literal text: gnuplot
# succeeds, no canary file appears, the SVG shows the text literally.
# Without gnuplot the scripts are still checked (exit 4 path).
# usage: check_injection.sh DEFSPEND HOSTILE_STORE
set -u
exe=$1 store=$2
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/out" "$tmp/cwd"
cd "$tmp/cwd" || exit 99
have_gnuplot=1
command -v gnuplot >/dev/null 2>&1 || have_gnuplot=0
fail=0
title='T`touch '"$tmp"'/pwned-title`'"'"'); system("touch '"$tmp"'/pwned-title2"); print(@ds_data) %s %% 100% <b>'
run() { # name args... (the title replaces the chart's own for "t-" names)
    name=$1; shift
    case $name in t-*) set -- "$@" --title "$title" ;; esac
    "$exe" --data "$store" plot "$@" --out "$tmp/out/$name.svg" \
        >"$tmp/stdout" 2>"$tmp/stderr"
    rc=$?
    if [ $have_gnuplot = 1 ] && [ $rc -ne 0 ]; then
        echo "FAIL $name: exit status $rc"; cat "$tmp/stderr"; fail=1
    elif [ $have_gnuplot = 0 ] && [ $rc -ne 4 ]; then
        echo "FAIL $name: exit status $rc without gnuplot"; cat "$tmp/stderr"; fail=1
    fi
    [ -s "$tmp/out/$name.plot.gp" ] || { echo "FAIL $name: no script"; fail=1; }
}
run compare compare --countries XAA,XBB,XCC,XDD,XEE
run t-compare compare --countries XAA,XBB,XCC,XDD,XEE
run scen-a scenarios --country XAA
run scen-b scenarios --country XBB
run scen-c scenarios --country XCC
run scen-d scenarios --country XDD
run scen-e scenarios --country XEE
run t-history history --country XBB
run revisions revisions --country XCC
run projection projection --country XAA --baseline 20bn --growth 2.5
# a hostile file name, too
cp /dev/null "$tmp/out/x" 2>/dev/null
"$exe" --data "$store" plot scenarios --country XAA \
    --out "$tmp/out/it's \`touch pwned-file\`.svg" >/dev/null 2>&1
[ $have_gnuplot = 1 ] && [ ! -s "$tmp/out/it's \`touch pwned-file\`.svg" ] &&
    { echo "FAIL hostile file name: no image"; fail=1; }
# no canary anywhere
if find "$tmp" -name 'pwned*' | grep -q .; then
    echo "FAIL canary files created:"; find "$tmp" -name 'pwned*'; fail=1
fi
# every script: no raw control character, every quote balanced per line
for gp in "$tmp"/out/*.gp; do
    if LC_ALL=C grep -q "$(printf '\t')" "$gp"; then
        echo "FAIL $gp: tab in the script"; fail=1
    fi
    # single-quoted strings with '' doubled: an even number of ' per line
    awk -v f="$gp" '/^#/ { next } { n = gsub(/'"'"'/, "&"); if (n % 2) { print "FAIL " f ":" NR ": odd quotes: " $0; bad = 1 } } END { exit bad }' "$gp" || fail=1
done
if [ $have_gnuplot = 1 ]; then
    # the labels print literally (SVG escapes <, > and &)
    for lit in 'Evil`touch pwned-backquote`land' "q'uote'); system('touch pwned-system'); x=('" \
               'P%s%n%d @ds_data @@x' 'touch '"$tmp"'/pwned-title`' \
               'system("touch '"$tmp"'/pwned-title2")' \
               'print(@ds_data) %s %% 100% &lt;b>' '&lt;script>x&lt;/script> &amp; co' \
               'Line break tab \ (XDD)' 'Longever-longer-name-ever-longer-name-ever-longer-name-ever-...'; do
        cat "$tmp"/out/*.svg | grep -qF -- "$lit" ||
            { echo "FAIL label not literal: $lit"; fail=1; }
    done
    cat "$tmp"/out/*.svg | grep -q '<script' && { echo "FAIL raw <script> in SVG"; fail=1; }
fi
[ $fail = 0 ] && echo "ok: no canary, labels literal"
exit $fail
