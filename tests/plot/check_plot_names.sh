#!/bin/sh
# `plot --out japan.png` writes its script and data as japan.plot.gp and
# japan.plot.csv, so the README's two examples in a row
#   defspend scenarios --format csv --output japan.csv
#   defspend plot scenarios --out japan.png
# keep the first file (issue 11, case 4); and those two names replace only
# a script and data defspend wrote.  gnuplot is made unavailable
# (DEFSPEND_GNUPLOT points nowhere: exit 4, script and data written), so
# the test runs everywhere.
# usage: check_plot_names.sh DEFSPEND
set -u
exe=$1
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
plot() {
    (cd "$tmp" && DEFSPEND_GNUPLOT=/nonexistent/gnuplot "$exe" plot scenarios "$@") \
        >"$tmp/stdout" 2>"$tmp/stderr"
}

# 1. the export survives the chart
(cd "$tmp" && "$exe" scenarios --format csv --output japan.csv) ||
    { echo "FAIL scenarios --output japan.csv"; exit 1; }
cp "$tmp/japan.csv" "$tmp/japan.csv.orig"
plot --out japan.png
rc=$?
[ $rc -eq 4 ] || { echo "FAIL plot: exit status $rc, want 4"; cat "$tmp/stderr"; fail=1; }
cmp -s "$tmp/japan.csv" "$tmp/japan.csv.orig" ||
    { echo "FAIL japan.csv (the user's export) was overwritten by the chart"; fail=1; }
[ -e "$tmp/japan.gp" ] && { echo "FAIL japan.gp written"; fail=1; }
for f in japan.plot.gp japan.plot.csv; do
    [ -s "$tmp/$f" ] || { echo "FAIL $f missing"; fail=1; }
done
grep -q "ds_data = 'japan.plot.csv'" "$tmp/japan.plot.gp" ||
    { echo "FAIL the script does not read japan.plot.csv"; fail=1; }
grep -q 'the script and data are in japan.plot.gp and japan.plot.csv' "$tmp/stderr" ||
    { echo "FAIL stderr does not name the files:"; cat "$tmp/stderr"; fail=1; }
[ $fail = 0 ] && echo "ok   export japan.csv kept; japan.plot.gp and japan.plot.csv written"

# 2. a rerun replaces defspend's own script and data
printf 'stale\n' >>"$tmp/japan.plot.csv"
plot --out japan.png --targets 2,3
rc=$?
if [ $rc -ne 4 ] || grep -q stale "$tmp/japan.plot.csv"; then
    echo "FAIL rerun: exit status $rc, data not replaced"; cat "$tmp/stderr"; fail=1
else
    echo "ok   rerun replaces its own script and data"
fi

# 3. a script defspend did not write is not replaced
printf 'set terminal dumb\nplot sin(x)\n' >"$tmp/mine.plot.gp"
cp "$tmp/mine.plot.gp" "$tmp/mine.orig"
plot --out mine.png
rc=$?
want="defspend: error: mine.plot.gp: exists and was not written by defspend; remove it or choose another image name"
if [ $rc -ne 3 ] || [ "$(cat "$tmp/stderr")" != "$want" ]; then
    echo "FAIL foreign script: exit status $rc (want 3), stderr:"; cat "$tmp/stderr"; fail=1
elif ! cmp -s "$tmp/mine.plot.gp" "$tmp/mine.orig" || [ -e "$tmp/mine.plot.csv" ]; then
    echo "FAIL foreign script: files changed"; fail=1
else
    echo "ok   foreign mine.plot.gp: exit 3, untouched"
fi

# 4. data without defspend's script beside it is not replaced
printf 'a,b\n1,2\n' >"$tmp/data.plot.csv"
cp "$tmp/data.plot.csv" "$tmp/data.orig"
plot --out data.svg
rc=$?
want="defspend: error: data.plot.csv: exists and was not written by defspend (no chart script data.plot.gp beside it); remove it or choose another image name"
if [ $rc -ne 3 ] || [ "$(cat "$tmp/stderr")" != "$want" ]; then
    echo "FAIL foreign data: exit status $rc (want 3), stderr:"; cat "$tmp/stderr"; fail=1
elif ! cmp -s "$tmp/data.plot.csv" "$tmp/data.orig" || [ -e "$tmp/data.plot.gp" ]; then
    echo "FAIL foreign data: files changed"; fail=1
else
    echo "ok   foreign data.plot.csv: exit 3, untouched"
fi
ls -a "$tmp" | grep -q '^\.defspend-' && { echo "FAIL temporary files left"; fail=1; }
exit $fail
