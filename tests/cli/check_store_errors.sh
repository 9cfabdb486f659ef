#!/usr/bin/env bash
# check_store_errors.sh DEFSPEND - a broken cell in a copy of the shipped
# datasets is reported as "path:line:column: message" with exit status 1,
# and an unreadable store with exit status 3.
#
# Each check copies $DEFSPEND_DATA to a temporary directory `store`, breaks
# one cell of one real row (found by its full text, so a regenerated
# dataset moves the line number but not the test), and runs
# `defspend --data store scenarios`.  The expected line is the row's
# physical line in the file (grep -n; in meta/countries.csv earlier records
# span several lines, so it is not the record number) and the column is
# one plus the number of characters before the cell, counted from the
# prefix typed here.  Lines at the time of writing are in the comments.
#
# Permission errors need a non-root user: as root the checks run as
# `nobody` through setpriv when possible, else they are skipped.

set -u
exe=$1
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
src=${DEFSPEND_DATA:?DEFSPEND_DATA must point at the shipped datasets}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ds-store.XXXXXX") || exit 2
trap 'chmod -R u+rwX "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
failed=0
n=0

# fresh_store: a writable copy of the shipped datasets in $tmp/store
fresh_store() {
    rm -rf "$tmp/store"
    cp -R "$src/." "$tmp/store"
    rm -f "$tmp/store/build_datasets.py" "$tmp/store/README.md"
}

# break_cell FILE ROW_TEXT PREFIX NEW_ROW: replace the line that is exactly
# ROW_TEXT with NEW_ROW; sets `line` and `col` (1 + characters in PREFIX,
# the text of NEW_ROW before the position the error must point at).
break_cell() {
    local file=$1 row=$2 prefix=$3 new=$4 hits
    hits=$(grep -nxF -- "$row" "$tmp/store/$file" | cut -d: -f1)
    if [ -z "$hits" ] || [ "$(printf '%s\n' "$hits" | wc -l)" -ne 1 ]; then
        echo "check_store_errors: SETUP FAIL: row not found exactly once in $file: $row"
        exit 2
    fi
    line=$hits
    case $new in
    "$prefix"*) ;;
    *) echo "check_store_errors: SETUP FAIL: '$prefix' does not start the new row"; exit 2 ;;
    esac
    col=$(($(printf '%s' "$prefix" | LC_ALL=C.UTF-8 wc -m) + 1))
    awk -v n="$line" -v r="$new" 'NR == n { print r; next } { print }' \
        "$tmp/store/$file" >"$tmp/edit" && cat "$tmp/edit" >"$tmp/store/$file"
}

# expect STATUS STDERR [RUNNER...]: run defspend --data store scenarios
expect() {
    local want_status=$1 want_err=$2
    shift 2
    n=$((n + 1))
    (cd "$tmp" && "$@" env -i PATH="$PATH" LC_ALL=C "$exe" --data store scenarios) \
        >"$tmp/out" 2>"$tmp/err"
    local st=$?
    printf '%s\n' "$want_err" >"$tmp/want-err"
    if [ "$st" -ne "$want_status" ] || ! cmp -s "$tmp/want-err" "$tmp/err" ||
        [ -s "$tmp/out" ]; then
        echo "FAIL [$n]: want status $want_status, got $st"
        diff -u --label expected-stderr --label actual-stderr "$tmp/want-err" "$tmp/err" | sed 's/^/    /'
        [ -s "$tmp/out" ] && echo "    and unexpected stdout ($(wc -c <"$tmp/out") bytes)"
        failed=1
    else
        echo "ok   [$n] $want_err"
    fi
}

# 1. A letter O for a zero in Japan's 2024 GDP (wdi_japan.csv, line 106).
fresh_store
row='JPN,2024,calendar,gdp,4026210821146.81,USD,current,wdi,World Bank WDI NY.GDP.MKTP.CD,2025-10-07,,GDP (current US$)'
break_cell wdi_japan.csv "$row" 'JPN,2024,calendar,gdp,' "${row/4026210821146.81/4O26210821146.81}"
expect 1 "defspend: error: store/wdi_japan.csv:$line:$col: invalid number '4O26210821146.81'"

# 2. A decimal comma in the same cell: one field too many; the column is
#    where the 13th field starts.
fresh_store
break_cell wdi_japan.csv "$row" \
    'JPN,2024,calendar,gdp,4026210821146,81,USD,current,wdi,World Bank WDI NY.GDP.MKTP.CD,2025-10-07,,' \
    "${row/4026210821146.81/4026210821146,81}"
expect 1 "defspend: error: store/wdi_japan.csv:$line:$col: expected 12 fields, found 13"

# 3. An impossible vintage date in the FY2024 MoD budget (japan_mod_budget.csv,
#    line 17; the note after it is UTF-8 and does not matter).
fresh_store
row='JPN,2024,fiscal-04,milex,7949600000000,JPY,current,mod_budget,Japan MoD budget table [S20 S21 S22 S23],2025-12-26,,"initial budget incl. SACO and US-realignment costs (total 防衛関係費); 7兆9,496億円"'
break_cell japan_mod_budget.csv "$row" \
    'JPN,2024,fiscal-04,milex,7949600000000,JPY,current,mod_budget,Japan MoD budget table [S20 S21 S22 S23],' \
    "${row/2025-12-26/2025-12-32}"
expect 1 "defspend: error: store/japan_mod_budget.csv:$line:$col: invalid vintage '2025-12-32' (expected YYYY-MM-DD)"

# 4. Deep in the big file: KOR 2022 military expenditure (wdi_world.csv,
#    line 15519).
fresh_store
row='KOR,2022,calendar,milex,46365420707.4157,USD,current,wdi,World Bank WDI MS.MIL.XPND.CD,2024-03-28,,'
break_cell wdi_world.csv "$row" 'KOR,2022,calendar,milex,' "${row/46365420707.4157/46365420707.4157e}"
expect 1 "defspend: error: store/wdi_world.csv:$line:$col: invalid number '46365420707.4157e'"

# 5. The country table: Japan's aggregate flag (meta/countries.csv, physical
#    line 131, record 126: earlier special_notes span several lines).
fresh_store
row='JPN,Japan,0,East Asia & Pacific,High income,JPY,,Fiscal year end: March 31; reporting period for national accounts data: CY.'
break_cell meta/countries.csv "$row" 'JPN,Japan,' "${row/JPN,Japan,0,/JPN,Japan,no,}"
expect 1 "defspend: error: store/meta/countries.csv:$line:$col: invalid aggregate flag 'no' (expected 0 or 1)"

# 6. The baseline table: a fiscal-year label where the year goes
#    (meta/baselines.csv, line 2).
fresh_store
row='JPN,milex,mod_budget,2024,fiscal-04,Ministry of Defense initial budget incl. SACO/US-realignment costs'
break_cell meta/baselines.csv "$row" 'JPN,milex,mod_budget,' "${row/,2024,/,FY2024,}"
expect 1 "defspend: error: store/meta/baselines.csv:$line:$col: invalid year 'FY2024'"

# 7. The same key in two files with different values: wdi_world.csv gets
#    a copy of wdi_japan.csv line 106 with one digit fewer.  Files load in
#    name order, so the later file is the one reported.
fresh_store
printf '%s\n' 'JPN,2024,calendar,gdp,4026210821146.8,USD,current,wdi,World Bank WDI NY.GDP.MKTP.CD,2025-10-07,,GDP (current US$)' \
    >>"$tmp/store/wdi_world.csv"
line=$(wc -l <"$tmp/store/wdi_world.csv")
orig=$(grep -nxF 'JPN,2024,calendar,gdp,4026210821146.81,USD,current,wdi,World Bank WDI NY.GDP.MKTP.CD,2025-10-07,,GDP (current US$)' \
    "$tmp/store/wdi_japan.csv" | cut -d: -f1)
expect 1 "defspend: error: store/wdi_world.csv:$line:23: conflicting duplicate: JPN gdp 2024 value 4026210821146.8, but store/wdi_japan.csv:$orig has 4026210821146.81 for the same country, year, indicator, currency, definition and vintage"

# 8. Unreadable store: exit status 3 (DS_EIO).
runner=()
if [ "$(id -u)" -eq 0 ]; then
    if command -v setpriv >/dev/null 2>&1 &&
        setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$exe" 2>/dev/null &&
        setpriv --reuid=65534 --regid=65534 --clear-groups "$exe" --version >/dev/null 2>&1; then
        runner=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    else
        runner=(skip)
    fi
fi
if [ "${runner[0]:-}" = skip ]; then
    echo "skip [permissions]: running as root and cannot run defspend as nobody"
else
    fresh_store
    chmod -R a+rX "$tmp/store"
    chmod 000 "$tmp/store/wdi_japan.csv"
    expect 3 "defspend: error: store/wdi_japan.csv: cannot open: Permission denied" "${runner[@]}"
    chmod 644 "$tmp/store/wdi_japan.csv"
    chmod 000 "$tmp/store"
    expect 3 "defspend: error: store: cannot open data directory: Permission denied" "${runner[@]}"
    chmod 755 "$tmp/store"
fi

# issue 11: a store file that is a symbolic link (here imports.csv to a
# file outside the store) is refused without being read: no line of the
# target may appear in the message.
fresh_store
printf 'secret first line,not a store\n' >"$tmp/outside.csv"
ln -s "$tmp/outside.csv" "$tmp/store/imports.csv"
expect 3 "defspend: error: store/imports.csv: is a symbolic link: refused without reading it (a store's files are its own regular files; copy the target here instead)"
rm -f "$tmp/store/imports.csv" "$tmp/outside.csv"

exit $failed
