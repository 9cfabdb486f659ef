#!/bin/sh
# Golden test of one `defspend plot` case: the emitted script CASE.plot.gp
# and data CASE.plot.csv must equal tests/plot/golden/CASE.gp and CASE.csv
# (and no CASE.gp or CASE.csv is written beside the image).  gnuplot is
# made unavailable (DEFSPEND_GNUPLOT points nowhere) so the case also pins
# the missing-gnuplot path: exit status 4, the install hint on stderr, the
# script and data written, no image.  The .gp holds no absolute path, date
# or version, so no normalisation is needed.
# usage: run_plot_golden.sh DEFSPEND GOLDEN_DIR CASE ARGS...
# DS_UPDATE_GOLDEN=1 rewrites the golden files (check them by hand).
set -u
exe=$1 gold=$2 case=$3
shift 3
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
DEFSPEND_GNUPLOT=/nonexistent/gnuplot "$exe" plot "$@" --out "$tmp/$case.png" \
    >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
fail=0
if [ "$rc" -ne 4 ]; then
    echo "exit status $rc, expected 4"; cat "$tmp/stderr"; fail=1
fi
grep -q 'apt-get install gnuplot-nox' "$tmp/stderr" ||
    { echo "stderr lacks the install hint:"; cat "$tmp/stderr"; fail=1; }
[ -s "$tmp/stdout" ] && { echo "unexpected stdout"; fail=1; }
[ -e "$tmp/$case.png" ] && { echo "an image was written"; fail=1; }
ls -a "$tmp" | grep -q '^\.defspend-' && { echo "temporary files left"; fail=1; }
for ext in gp csv; do
    [ -e "$tmp/$case.$ext" ] && { echo "$case.$ext written (a user's export could be named so)"; fail=1; }
    if [ "${DS_UPDATE_GOLDEN:-}" = 1 ]; then
        cp "$tmp/$case.plot.$ext" "$gold/$case.$ext"
    elif ! diff -u "$gold/$case.$ext" "$tmp/$case.plot.$ext"; then
        echo "$case.plot.$ext differs from the golden file"; fail=1
    fi
done
exit $fail
