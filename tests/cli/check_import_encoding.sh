#!/bin/sh
# `defspend import --encoding` for every text format, and UTF-16 found by
# its byte order mark (issue 15).  Real bytes (tests/data/import/README.md):
#   - fred/EXJPUS_excerpt_utf16le_bom.csv: the FRED EXJPUS excerpt as a
#     Windows program saves "Unicode" text (BOM FF FE, UTF-16LE): read
#     without any option, it must give the same store rows as the UTF-8
#     excerpt;
#   - weo/apr2021_ngdpd_excerpt_latin1.xls (IMF WEO April 2021 excerpt in
#     ISO-8859-1, "São Tomé and Príncipe"): with --encoding ISO-8859-1 the
#     same rows as the UTF-16LE original; with a wrong --encoding ASCII an
#     error at the line and column of the first bad byte, exit 1, nothing
#     written;
#   - a workbook with --encoding and an unknown encoding: usage errors.
# usage: check_import_encoding.sh DEFSPEND
set -u
exe=$1
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
d=${DS_TEST_DATA:?DS_TEST_DATA not set}/import
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
run() { (cd "$tmp" && env -u DEFSPEND_DATA -u XDG_DATA_HOME HOME="$tmp/home" "$exe" "$@"); }
# the store's rows without the columns naming the file read
rows() { cut -d, -f1-10 "$1/imports.csv"; }

# UTF-16LE with a BOM, no option: the same figures as the UTF-8 file
run import "$d/fred/EXJPUS_excerpt.csv" --annualize --vintage 2025-05-01 \
    --into "$tmp/a" >"$tmp/out" 2>&1 || { echo "FAIL import UTF-8 FRED"; cat "$tmp/out"; exit 1; }
run import "$d/fred/EXJPUS_excerpt_utf16le_bom.csv" --annualize --vintage 2025-05-01 \
    --into "$tmp/b" >"$tmp/out" 2>&1 || { echo "FAIL import UTF-16 FRED"; cat "$tmp/out"; exit 1; }
grep -q 'format fred, 2 observations' "$tmp/out" || { echo "FAIL UTF-16 FRED summary:"; cat "$tmp/out"; fail=1; }
rows "$tmp/a" >"$tmp/a.rows"
rows "$tmp/b" >"$tmp/b.rows"
cmp -s "$tmp/a.rows" "$tmp/b.rows" || { echo "FAIL UTF-16 FRED rows differ:"; diff "$tmp/a.rows" "$tmp/b.rows"; fail=1; }
# and they are the excerpt's averages: 2023 = mean of its 12 months
want=$(awk -F, '$1 ~ /^2023-/ { s += $2; n++ } END { printf "%.10g", s / n }' "$d/fred/EXJPUS_excerpt.csv")
got=$(awk -F, '$2 == 2023 && $4 == "fx" { printf "%.10g", $5 }' "$tmp/b/imports.csv")
[ "$got" = "$want" ] || { echo "FAIL 2023 average $got, expected $want"; fail=1; }

# ISO-8859-1 with --encoding: the same rows as the UTF-16LE original
run import "$d/weo/apr2021_ngdpd_excerpt_utf16le.xls" --into "$tmp/c" >"$tmp/out" 2>&1 ||
    { echo "FAIL import UTF-16LE WEO"; cat "$tmp/out"; exit 1; }
run import "$d/weo/apr2021_ngdpd_excerpt_latin1.xls" --encoding ISO-8859-1 --into "$tmp/e" \
    >"$tmp/out" 2>&1 || { echo "FAIL import Latin-1 WEO"; cat "$tmp/out"; exit 1; }
rows "$tmp/c" >"$tmp/c.rows"
rows "$tmp/e" >"$tmp/e.rows"
cmp -s "$tmp/c.rows" "$tmp/e.rows" || { echo "FAIL Latin-1 WEO rows differ:"; diff "$tmp/c.rows" "$tmp/e.rows" | head; fail=1; }
grep -q '^STP,2020,' "$tmp/e/imports.csv" || { echo "FAIL São Tomé and Príncipe not read"; fail=1; }

# a wrong encoding: the first byte it cannot read, by line and column
# (line 5 is "São Tomé ...": the 0xE3 of "ã" is its second character)
run import "$d/weo/apr2021_ngdpd_excerpt_latin1.xls" --encoding ASCII --into "$tmp/f" \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc = 1 ] || { echo "FAIL wrong encoding: exit $rc, expected 1"; fail=1; }
[ "$(cat "$tmp/err")" = "defspend: error: $d/weo/apr2021_ngdpd_excerpt_latin1.xls:5:2: invalid byte sequence in ASCII text (byte 0xE3 at offset 1763 of the file)" ] ||
    { echo "FAIL wrong encoding message:"; cat "$tmp/err"; fail=1; }
[ -s "$tmp/out" ] && { echo "FAIL output on error:"; cat "$tmp/out"; fail=1; }
[ -e "$tmp/f/imports.csv" ] && { echo "FAIL a store was written"; fail=1; }

# a workbook is not text; an encoding iconv does not know
run import "$d/wdi/API_NY.GDP.MKTP.CD_DS2_en_csv_v2_26_excerpt.zip" \
    --encoding CP932 --into "$tmp/g" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc = 2 ] && grep -q 'encoding CP932 describes a text file, and this is a zip archive' "$tmp/err" ||
    { echo "FAIL zip with --encoding: exit $rc"; cat "$tmp/err"; fail=1; }
run import "$d/fred/EXJPUS_excerpt.csv" --encoding NO-SUCH-CODE --into "$tmp/h" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc = 2 ] && grep -q "unknown encoding 'NO-SUCH-CODE'" "$tmp/err" ||
    { echo "FAIL unknown encoding: exit $rc"; cat "$tmp/err"; fail=1; }

[ $fail = 0 ] && echo "ok: UTF-16 (BOM) and --encoding ISO-8859-1 read as UTF-8; bad bytes at line:column"
exit $fail
