#!/bin/sh
# A --data store layers over the shipped datasets (issue 13, item 2): the
# README's sequence - import a World Bank DataBank extract into ./mystore,
# then `--data ./mystore scenarios --country Poland` and `compare --group
# nato` - works (names, groups and baselines from the shipped meta/); a
# figure of ./mystore replaces the shipped one of the same key; a meta/
# file of ./mystore replaces the shipped file of that name; --data-only
# (and DEFSPEND_DATA_ONLY=1) reads ./mystore alone.  The extract is
# tests/data/import/databank/P_Data_Extract_excerpt.zip (GDP, current US$,
# CHN KOR USA 2000-2022, WDI vintage 2024-03-28; see its README).
# Before the change the two README commands failed ("no data for POLAND
# gdp"; "./mystore/meta/groups.csv: cannot open", exit 3).
# usage: check_data_layers.sh DEFSPEND
set -u
exe=$1
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
zip=${DS_TEST_DATA:?DS_TEST_DATA not set}/import/databank/P_Data_Extract_excerpt.zip
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
# no DEFSPEND_DATA and an empty home: the shipped datasets are the base
run() { (cd "$tmp" && env -u DEFSPEND_DATA -u DEFSPEND_DATA_ONLY -u XDG_DATA_HOME HOME="$tmp/home" LC_ALL=C "$exe" "$@"); }
# expect STATUS PATTERN ARGS...: the exit status and a line of the output
expect() {
    want=$1 pat=$2
    shift 2
    run "$@" >"$tmp/out" 2>&1
    got=$?
    if [ "$got" != "$want" ] || ! grep -q -- "$pat" "$tmp/out"; then
        echo "FAIL: defspend $* (exit $got, want $want and a line matching '$pat'):"
        head -20 "$tmp/out"
        fail=1
    fi
}

expect 0 'added 69,' import "$zip" --into ./mystore
expect 0 '^Poland (POL): defense spending' --data ./mystore scenarios --country Poland
expect 0 '^Group nato, 32 members' --data ./mystore compare --group nato
expect 0 '^   1  ' --data ./mystore compare --group nato
# the option after the command layers the same way
expect 0 '^Poland (POL)' scenarios --data ./mystore --country Poland
# DEFSPEND_DATA is --data
run_env() { (cd "$tmp" && env -u XDG_DATA_HOME HOME="$tmp/home" LC_ALL=C "$@"); }
run_env DEFSPEND_DATA=./mystore "$exe" compare --group nato >"$tmp/out" 2>&1 ||
    { echo "FAIL: DEFSPEND_DATA=./mystore compare --group nato"; cat "$tmp/out"; fail=1; }

# the upper figure of the same key wins (the extract's source names
# DataBank; the shipped wdi_world.csv row of that key, vintage 2024-03-28,
# does not) and is listed once; the shipped figures it does not hold
# (other vintages, other countries) are still there
expect 0 'CHN,2012,calendar,gdp,.*World Bank WDI DataBank NY.GDP.MKTP.CD,2024-03-28' \
    --data ./mystore data show --country CHN --indicator gdp --format csv
run --data ./mystore data show --country CHN --indicator gdp --format csv |
    grep -c '^CHN,2012,.*,2024-03-28,' >"$tmp/n"
[ "$(cat "$tmp/n")" = 1 ] || { echo "FAIL: CHN 2012 gdp of vintage 2024-03-28 listed $(cat "$tmp/n") times"; fail=1; }
expect 0 '^JPN,2022,calendar,gdp' --data ./mystore data show --country JPN --indicator gdp --format csv

# --data-only: the store alone, meta/ included (no country table: no names)
expect 1 'no data for POLAND gdp' --data-only --data ./mystore scenarios --country Poland
expect 1 'no gdp data for JPN' --data-only --data ./mystore data show --country JPN --indicator gdp
expect 3 'mystore/meta/groups.csv: cannot open' --data-only --data ./mystore compare --group nato
(cd "$tmp" && env -u XDG_DATA_HOME HOME="$tmp/home" LC_ALL=C DEFSPEND_DATA_ONLY=1 \
    "$exe" --data ./mystore scenarios --country Poland) >"$tmp/out" 2>&1
[ $? = 1 ] || { echo "FAIL: DEFSPEND_DATA_ONLY=1 did not read the store alone"; cat "$tmp/out"; fail=1; }
expect 0 '^CHN,2012,.*DataBank' --data-only --data ./mystore data show --country CHN --indicator gdp --format csv

# a meta/ file of the upper store replaces the shipped file of that name
mkdir -p "$tmp/mystore/meta"
printf 'group,iso3,joined,note\nmine,CHN,2000,\nmine,KOR,2000,\nmine,USA,2000,\n' \
    >"$tmp/mystore/meta/groups.csv"
expect 0 '^Group mine, 3 members' --data ./mystore compare --group mine
expect 2 'nato' --data ./mystore compare --group nato
# ... and the other meta/ files still come from the shipped tree
expect 0 '^Poland (POL)' --data ./mystore scenarios --country Poland

# --version names the layers it read
expect 0 '^data: ./mystore over ' --data ./mystore --version
expect 0 '^data: ./mystore$' --data-only --data ./mystore --version

# a --data store that does not exist is an error, as before
expect 3 'no-such-store: cannot open data directory' --data ./no-such-store scenarios
[ $fail = 0 ] && echo "ok: --data layers over the shipped datasets; --data-only reads it alone"
exit $fail
