#!/bin/bash
# `defspend report --out DIR` into an existing folder (issue 11, cases 2
# and 3): a failure leaves DIR exactly as it was; a non-empty folder that
# defspend did not write (no .defspend-report manifest) is refused unless
# --force; a file of the user's with a report file's name is refused
# unless --force, a directory always; files of an earlier report that
# are no longer written go, the user's other files stay; DIR may be a
# mount point (simulated with mount --bind, skipped where not permitted).
# The rollback is provoked by a bind mount over one file (rename fails
# with EBUSY) and, in -Dtest_hooks=true builds, by DS_TEST_REPORT_FAIL_AT=N
# at every rename of the swap.  gnuplot is made unavailable (exit status 4:
# the report is written without images), so the test runs everywhere.
# usage: check_report_folder.sh DEFSPEND
set -u
exe=$1
tmp=$(mktemp -d) || exit 99
mounts=()
cleanup() {
    for m in "${mounts[@]}"; do umount "$m" 2>/dev/null; done
    rm -rf "$tmp"
}
trap cleanup EXIT
fail=0
FAIL() { echo "FAIL: $*"; fail=1; }
ok() { echo "ok   $*"; }

# stderr: the last line (before it, one "cannot run gnuplot" per chart)
rep() {
    (cd "$tmp" && env DEFSPEND_GNUPLOT=/nonexistent/gnuplot "$exe" report \
        --simulate 0 "$@") >"$tmp/stdout" 2>"$tmp/stderr.all"
    local st=$?
    tail -n 1 "$tmp/stderr.all" >"$tmp/stderr"
    return $st
}
# every entry of a folder with its type, mode and content
snap() {
    (cd "$tmp/$1" && find . -printf '%p %y %m\n' | sort &&
        find . -type f -exec md5sum {} + | sort)
}
try_mount() {
    mount --bind "$1" "$2" 2>/dev/null || return 1
    mounts=("$2" "${mounts[@]}")
}

# 1. the issue's case: the user's report.md and a directory named
# table-compare.csv
mkdir -p "$tmp/rep/table-compare.csv"
printf 'my notes\n' >"$tmp/rep/report.md"
printf 'keep\n' >"$tmp/rep/table-compare.csv/inside"
before=$(snap rep)
rep --out rep
st=$?
want="defspend: error: rep: folder is not empty and was not written by defspend report (no .defspend-report in it); nothing written: choose a new folder, or use --force to write the report into it"
if [ $st -ne 3 ] || [ "$(cat "$tmp/stderr")" != "$want" ]; then
    FAIL "foreign folder: status $st (want 3), stderr: $(cat "$tmp/stderr")"
elif [ "$(snap rep)" != "$before" ]; then
    FAIL "foreign folder changed: $(ls -A "$tmp/rep")"
else
    ok "foreign folder refused, unchanged"
fi
rep --out rep --force
st=$?
want="defspend: error: rep/table-compare.csv: is a directory; nothing written (a report file has this name)"
if [ $st -ne 3 ] || [ "$(cat "$tmp/stderr")" != "$want" ]; then
    FAIL "--force over a directory: status $st (want 3), stderr: $(cat "$tmp/stderr")"
elif [ "$(snap rep)" != "$before" ]; then
    FAIL "--force over a directory: folder changed: $(ls -A "$tmp/rep")"
else
    ok "--force with a directory named table-compare.csv: exit 3, unchanged"
fi
ls -a "$tmp" | grep -q '\.tmp-' && FAIL "temporary folder left beside rep"

# 2. --force into a foreign folder: written, the user's other files stay,
# a same-named file replaced
rm -r "$tmp/rep/table-compare.csv"
printf 'mine\n' >"$tmp/rep/notes.txt"
rep --out rep --force
st=$?
if [ $st -ne 4 ] || ! grep -q '^# Defense spending at shares of GDP: Japan' "$tmp/rep/report.md" ||
    [ "$(cat "$tmp/rep/notes.txt")" != mine ] || [ ! -f "$tmp/rep/.defspend-report" ]; then
    FAIL "--force: status $st (want 4), stderr: $(cat "$tmp/stderr"), $(ls -A "$tmp/rep")"
else
    ok "--force: report written, notes.txt kept, manifest written"
fi

# 3. a folder defspend wrote: a rerun replaces its files; a file it wrote
# before and no longer writes goes; the user's files stay; a user's file
# with a report file's name that the manifest does not list is refused
printf 'chart-old.png\n' >>"$tmp/rep/.defspend-report"
printf 'old chart\n' >"$tmp/rep/chart-old.png"
printf 'stale\n' >"$tmp/rep/report.md"
rep --out rep --country KOR
st=$?
if [ $st -ne 4 ] || grep -q stale "$tmp/rep/report.md" || [ -e "$tmp/rep/chart-old.png" ] ||
    [ "$(cat "$tmp/rep/notes.txt")" != mine ] || ! grep -q 'Korea' "$tmp/rep/report.md"; then
    FAIL "rerun: status $st, stderr: $(cat "$tmp/stderr"), $(ls -A "$tmp/rep")"
else
    ok "rerun into its own folder: files replaced, chart-old.png (old manifest) removed, notes.txt kept"
fi
ls -A "$tmp/rep" | grep -q '^\.defspend-report\.' && FAIL "staging folder left in rep"
grep -v '^report.html$' "$tmp/rep/.defspend-report" >"$tmp/m" && cat "$tmp/m" >"$tmp/rep/.defspend-report"
before=$(snap rep)
rep --out rep
st=$?
want="defspend: error: rep/report.html: exists and was not written by defspend report; nothing written (use --force to replace it)"
if [ $st -ne 3 ] || [ "$(cat "$tmp/stderr")" != "$want" ] || [ "$(snap rep)" != "$before" ]; then
    FAIL "unlisted file: status $st (want 3), stderr: $(cat "$tmp/stderr")"
else
    ok "a file the manifest does not list: refused, unchanged"
fi
rep --out rep --force >/dev/null 2>&1

# 4. an empty folder is written into
mkdir "$tmp/empty"
rep --out empty
st=$?
if [ $st -ne 4 ] || [ ! -s "$tmp/empty/report.md" ] || [ ! -f "$tmp/empty/.defspend-report" ]; then
    FAIL "empty folder: status $st, stderr: $(cat "$tmp/stderr")"
else
    ok "empty folder: written"
fi

# 5. rollback: a failure in the middle of the swap puts everything back.
# A bind mount over one old file makes its rename fail (EBUSY).
printf 'user\n' >"$tmp/rep/notes.txt"
before=$(snap rep)
printf 'pinned\n' >"$tmp/pin"
if try_mount "$tmp/pin" "$tmp/rep/table-projection.csv"; then
    before=$(snap rep)
    rep --out rep --country KOR --targets 2,3
    st=$?
    if [ $st -ne 3 ] || ! grep -q 'rep/table-projection.csv: cannot replace: Device or resource busy' "$tmp/stderr"; then
        FAIL "swap failure: status $st (want 3), stderr: $(cat "$tmp/stderr")"
    elif [ "$(snap rep)" != "$before" ]; then
        FAIL "swap failure: folder not put back"; diff <(echo "$before") <(snap rep) | head
    else
        ok "a rename failing mid-swap (EBUSY): exit 3, folder exactly as before"
    fi
    umount "$tmp/rep/table-projection.csv"
else
    echo "skip: mount --bind not permitted (rollback on EBUSY)"
fi

# 6. rollback at every rename (builds with -Dtest_hooks=true)
before=$(snap rep)
DS_TEST_REPORT_FAIL_AT=1 rep --out rep
if [ $? -ne 3 ]; then
    echo "skip: defspend built without -Dtest_hooks=true (rollback at each rename)"
    rep --out rep >/dev/null 2>&1
else
    bad=
    for n in 1 2 3 4 5 10 20 30 40 41 42 43 44; do
        DS_TEST_REPORT_FAIL_AT=$n rep --out rep --country KOR
        st=$?
        if [ $st -eq 3 ] && [ "$(snap rep)" != "$before" ]; then
            bad="$bad $n"
        fi
        [ $st -eq 4 ] && before=$(snap rep) # n past the last rename
        ls -A "$tmp/rep" | grep -q '^\.defspend-report\.' && bad="$bad $n(left)"
    done
    if [ -n "$bad" ]; then FAIL "rollback failed at renames:$bad"; else ok "rollback at each rename"; fi
fi

# 7. DIR a mount point (a container's bind mount): built on its file
# system, not renamed across devices
mkdir "$tmp/vol" "$tmp/mp"
if try_mount "$tmp/vol" "$tmp/mp"; then
    rep --out mp
    st=$?
    if [ $st -ne 4 ] || [ ! -s "$tmp/vol/report.md" ] || [ -n "$(ls -a "$tmp" | grep '\.tmp-')" ]; then
        FAIL "mount point: status $st (want 4), stderr: $(cat "$tmp/stderr")"
    else
        ok "mount point: report written into it"
    fi
    rep --out mp --country KOR
    st=$?
    if [ $st -ne 4 ] || ! grep -q Korea "$tmp/vol/report.md"; then
        FAIL "mount point rerun: status $st, stderr: $(cat "$tmp/stderr")"
    else
        ok "mount point: rerun replaces the report"
    fi
else
    echo "skip: mount --bind not permitted (mount point)"
fi
exit $fail
