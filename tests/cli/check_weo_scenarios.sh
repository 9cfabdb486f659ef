#!/bin/sh
# Importing an IMF WEO file changes no actual figure (issue 10, 2): the
# April 2021 WEO excerpts (tests/data/import/weo/, GDP in US$ and national
# currency for Afghanistan, Japan, Korea, ...; projections after 2019/2020
# up to 2026) are imported into a user store layered over the shipped
# datasets, and `scenarios` (table and CSV), `compare` and `data latest
# --indicator gdp` must print exactly what they print without the import.
# Before the fix Poland's 2022 scenarios took WEO's 2022 projection of GDP
# in zloty (and the exchange rate implied by it) as an actual.
# usage: check_weo_scenarios.sh DEFSPEND
set -u
exe=$1
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
weo=${DS_TEST_DATA:?DS_TEST_DATA not set}/import/weo
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/before" "$tmp/after"
fail=0
run() { home=$1; shift; (cd "$tmp" && env -u DEFSPEND_DATA -u XDG_DATA_HOME HOME="$tmp/$home" "$exe" "$@"); }

for f in apr2021_ngdpd_excerpt_utf16le.xls apr2021_ngdp_lcu_excerpt_utf16le.xls \
         apr2021_ngdp_lcu_excerpt_pol_kor_deu.xls; do
    run after import "$weo/$f" --vintage 2021-04-06 >"$tmp/import.out" 2>&1 ||
        { echo "FAIL import $f"; cat "$tmp/import.out"; exit 1; }
done
grep -q 'projection' "$tmp/after/.local/share/defspend/imports.csv" ||
    { echo "FAIL: no projection rows were imported"; exit 1; }

n=0
check() {
    n=$((n + 1))
    run before "$@" >"$tmp/b$n" 2>&1; sb=$?
    run after "$@" >"$tmp/a$n" 2>&1; sa=$?
    if [ "$sb" != "$sa" ] || ! cmp -s "$tmp/b$n" "$tmp/a$n"; then
        echo "FAIL: defspend $* changed after the WEO import (exit $sb -> $sa):"
        diff "$tmp/b$n" "$tmp/a$n" | head -20
        fail=1
    fi
}
for c in JPN KOR POL DEU AFG; do
    check scenarios --country "$c"
    check scenarios --country "$c" --format csv
done
check compare --countries JPN,KOR,POL,DEU,AFG
check data latest --indicator gdp --countries JPN,KOR,POL,DEU,AFG
# the rows are there for a forecast when asked for one
run after data show --country POL --indicator gdp --currency PLN --format csv >"$tmp/show.csv" 2>&1
grep -q "^POL,2026,.*imf_weo.*projection" "$tmp/show.csv" ||
    { echo "FAIL: data show does not list the 2026 WEO projection of Poland"; head "$tmp/show.csv"; fail=1; }
[ $fail = 0 ] && echo "ok: $n commands unchanged by the WEO import"
exit $fail
