#!/bin/sh
# libzip is loaded only when an archive is read (issue 18): the library and
# the tool do not link it (nor, through it, libcrypto), a command that
# reads no archive does not load it, importing a WDI zip and a NATO
# workbook loads it and works, and without a usable libzip an import of a
# zip fails with the input/output exit status (3), names the library and how to get
# one, and leaves the store as it was.
# usage: check_lazy_libzip.sh DEFSPEND LIBDEFSPEND
set -u
exe=$1
lib=$2
src=${DS_TEST_DATA:?}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home"
export XDG_CACHE_HOME="$tmp/cache"
unset DEFSPEND_LIBZIP
mkdir -p "$HOME"
fail=0
no() { echo "FAIL $*"; fail=1; }

if command -v readelf >/dev/null 2>&1; then
    for f in "$exe" "$lib"; do
        readelf -d "$f" | grep NEEDED | grep -Eq 'libzip|libcrypto' &&
            no "$f links libzip or libcrypto: $(readelf -d "$f" | grep -E 'zip|crypto')"
    done
fi
# the dynamic loader's own account of what a command loads (glibc)
LD_DEBUG=files "$exe" scenarios >"$tmp/out" 2>"$tmp/ld" || no "scenarios failed"
grep -q 'file=' "$tmp/ld" || echo "note: LD_DEBUG not supported here"
grep -Eq 'file=(libzip|libcrypto)' "$tmp/ld" && no "scenarios loads libzip or libcrypto"
grep -q '^Japan (JPN): defense spending' "$tmp/out" || no "scenarios output"

# an archive loads it
zip=$src/import/wdi/API_NY.GDP.MKTP.CD_DS2_en_csv_v2_26_excerpt.zip
LD_DEBUG=files "$exe" import "$zip" --into "$tmp/store" >"$tmp/out" 2>"$tmp/ld" ||
    no "import of the WDI zip failed: $(cat "$tmp/out")"
grep -q 'format wdi, 226 observations' "$tmp/out" || no "WDI zip: $(cat "$tmp/out")"
if grep -q 'file=' "$tmp/ld"; then
    grep -q 'file=libzip' "$tmp/ld" || no "import of a zip did not load libzip"
fi
"$exe" import "$src/nato/nato-excerpt.xlsx" --into "$tmp/nato" >"$tmp/out" 2>&1 ||
    no "import of the NATO workbook failed: $(cat "$tmp/out")"
grep -q 'format nato' "$tmp/out" || no "NATO workbook: $(cat "$tmp/out")"

# without libzip: the reason, not "cannot tell the format"
cp "$tmp/store/imports.csv" "$tmp/before.csv"
for f in "$zip" "$src/nato/nato-excerpt.xlsx"; do
    DEFSPEND_LIBZIP=$tmp/no/libzip.so.4 "$exe" import "$f" --into "$tmp/store" \
        >"$tmp/fout" 2>"$tmp/ferr"
    rc=$?
    [ $rc -eq 3 ] || no "$f without libzip: exit $rc, not 3"
    grep -q "cannot load libzip: $tmp/no/libzip.so.4: cannot open shared object file" "$tmp/ferr" ||
        no "$f without libzip: message: $(cat "$tmp/ferr")"
    grep -q 'DEFSPEND_LIBZIP' "$tmp/ferr" || no "the message does not say how to name libzip"
    cmp -s "$tmp/store/imports.csv" "$tmp/before.csv" || no "the store changed"
done
[ $fail -eq 0 ] && echo "ok: libzip loaded only for archives; without it an import says why and changes nothing"
exit $fail
