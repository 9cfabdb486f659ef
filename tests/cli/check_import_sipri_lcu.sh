#!/bin/sh
# SIPRI's local-currency sheets saved as CSV without their title rows
# (issue 15): tests/data/import/sipri/local_currency_calendar_trimmed.csv
# (Country,Currency,2015,...,2024) and local_currency_fiscal_trimmed.csv
# (with the "Fiscal Year (Jan-Dec if not stated)" column), Japan, Germany
# and the United Kingdom, cut from the SIPRI 2025 workbook excerpt by
# tests/data/import/make_shapes.py.  With --format sipri --as
# indicator=milex,scale=1 every cell must come back exactly, in the
# country's own currency (Yen -> JPY, Euro -> EUR, Pounds -> GBP), current
# prices, calendar years from the calendar sheet and fiscal-04 from the
# financial-year sheet for Apr-Mar countries (Germany's blank FY is
# Jan-Dec: calendar); --as currency=JPY keeps Japan and skips the others
# with the reason; the file without a unit names the key (--as scale=1),
# and constant prices are refused.  Expected values are read from the
# CSV cells with awk, not from the program's output.
# usage: check_import_sipri_lcu.sh DEFSPEND
set -u
exe=$1
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
d=${DS_TEST_DATA:?DS_TEST_DATA not set}/import/sipri
cal=$d/local_currency_calendar_trimmed.csv
fy=$d/local_currency_fiscal_trimmed.csv
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
run() { (cd "$tmp" && env -u DEFSPEND_DATA -u XDG_DATA_HOME HOME="$tmp/home" "$exe" "$@"); }

run import "$cal" --format sipri --as indicator=milex,scale=1 --vintage 2025-04-30 \
    --into "$tmp/c" >"$tmp/out" 2>&1 || { echo "FAIL import calendar"; cat "$tmp/out"; exit 1; }
run import "$fy" --format sipri --as indicator=milex,scale=1 --vintage 2025-04-30 \
    --into "$tmp/f" >"$tmp/out" 2>&1 || { echo "FAIL import fiscal"; cat "$tmp/out"; exit 1; }

# compare: every cell of the CSV (first_year_col = first column of years)
check() { # csv store first_year_col fy_col
    awk -F, -v first="$3" -v fycol="$4" -v store="$2/imports.csv" '
    BEGIN {
        iso["Japan"] = "JPN"; iso["Germany"] = "DEU"; iso["United Kingdom"] = "GBR"
        cur["JPN"] = "JPY"; cur["DEU"] = "EUR"; cur["GBR"] = "GBP"
        while ((getline line < store) > 0) {
            n = split(line, s, ",")
            if (s[4] == "milex") got[s[1] "," s[2] "," s[3] "," s[6] "," s[7]] = s[5]
        }
        fail = 0
    }
    { sub(/\r$/, "") } # CRLF, as the spreadsheet saved it
    NR == 1 { for (i = first; i <= NF; i++) year[i] = $i; next }
    {
        k = iso[$1]
        basis = (fycol && $fycol == "Apr-Mar") ? "fiscal-04" : "calendar"
        for (i = first; i <= NF; i++) {
            key = k "," year[i] "," basis "," cur[k] ",current"
            if (!(key in got)) { print "FAIL missing " key; fail = 1; continue }
            if (got[key] + 0 != $i + 0) { printf "FAIL %s: %s, cell %s\n", key, got[key], $i; fail = 1 }
            seen++
        }
    }
    END { if (seen != 30) { print "FAIL expected 30 cells, compared " seen; fail = 1 } exit fail }' "$1"
}
check "$cal" "$tmp/c" 3 0 || fail=1
check "$fy" "$tmp/f" 4 3 || fail=1
[ "$(grep -c '' "$tmp/c/imports.csv")" = 31 ] || { echo "FAIL calendar: not 30 rows"; fail=1; }
[ "$(grep -c '' "$tmp/f/imports.csv")" = 31 ] || { echo "FAIL fiscal: not 30 rows"; fail=1; }
grep -q '^JPN,2024,fiscal-04,milex,8776400000000,JPY,current,sipri,.*financial year Apr-Mar' "$tmp/f/imports.csv" ||
    { echo "FAIL JPN FY2024 row:"; grep '^JPN,2024' "$tmp/f/imports.csv"; fail=1; }

# --as currency=JPY: the other countries' rows are skipped, with why
run import "$cal" --format sipri --as indicator=milex,scale=1,currency=JPY --vintage 2025-04-30 \
    --dry-run >"$tmp/out" 2>&1 || { echo "FAIL import with currency=JPY"; cat "$tmp/out"; fail=1; }
grep -q 'format sipri, 10 observations' "$tmp/out" &&
grep -q "local_currency_calendar_trimmed.csv:3:2: 'Germany': its currency 'Euro' is EUR, not the JPY of --as currency=JPY" "$tmp/out" ||
    { echo "FAIL currency=JPY summary:"; cat "$tmp/out"; fail=1; }

# no unit: the error names the key; constant prices refused
run import "$cal" --format sipri --as indicator=milex --vintage 2025-04-30 --into "$tmp/x" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc = 1 ] && grep -q 'give it with --as scale=1 ' "$tmp/err" ||
    { echo "FAIL no unit: exit $rc"; cat "$tmp/err"; fail=1; }
run import "$cal" --format sipri --as indicator=milex,scale=1,price=constant-2023 \
    --vintage 2025-04-30 --into "$tmp/x" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc = 1 ] && grep -q "price=constant-2023: SIPRI's local-currency tables are in current prices" "$tmp/err" ||
    { echo "FAIL constant prices: exit $rc"; cat "$tmp/err"; fail=1; }
[ -e "$tmp/x/imports.csv" ] && { echo "FAIL a store was written on error"; fail=1; }

[ $fail = 0 ] && echo "ok: SIPRI local-currency CSVs: 60 cells in JPY/EUR/GBP, calendar and Apr-Mar years"
exit $fail
