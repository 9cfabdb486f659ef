#!/usr/bin/env bash
# check_lock_wait.sh DEFSPEND - an import into a store that another
# import is changing waits for it (issue 11): a message on stderr, then
# the import goes on; --wait SECONDS / DEFSPEND_LOCK_WAIT bound the wait
# (0 = fail at once) and a timeout is exit status 3 with the store
# unchanged.  The lock is held by flock(1) on the store directory (the
# lock defspend takes), and, in -Dtest_hooks=true builds, by a second
# defspend import (DS_TEST_HOLD_LOCK=SECONDS holds it after locking).
set -u
exe=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/defspend-lock-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
fail=0
bad() { echo "FAIL: $*"; fail=1; }
ok() { echo "ok   $*"; }
ms() { echo $(( $(date +%s%N) / 1000000 )); }

h='country,year,year_basis,indicator,value,currency,price_basis,definition,source,vintage,flags,note'
for y in 2020 2021 2022 2023; do
    printf '%s\nXTA,%d,calendar,gdp,%d.385,USD,current,wdi,test,2024-03-28,,\n' "$h" $y $((y - 2000)) \
        >"$tmp/$y.csv"
done
mkdir "$tmp/s"
imp() { (cd "$tmp" && "$exe" import --into s --format tidy "$@"); }
waitmsg="defspend: s: another import is changing the store; waiting up to 30 s (--wait SECONDS to change)"

if ! command -v flock >/dev/null 2>&1; then
    echo "skip: no flock(1) (util-linux)"
else
    # 1. held for 1.5 s: the import waits, says so, then succeeds
    flock "$tmp/s" sleep 1.5 &
    holder=$!
    sleep 0.3
    t0=$(ms)
    imp 2020.csv >"$tmp/out" 2>"$tmp/err"
    st=$? t=$(( $(ms) - t0 ))
    wait $holder
    if [ $st -ne 0 ] || [ "$(cat "$tmp/err")" != "$waitmsg" ] ||
        ! grep -q '^XTA,2020,' "$tmp/s/imports.csv"; then
        bad "waited import: status $st (want 0), stderr: $(cat "$tmp/err")"
    elif [ $t -lt 800 ]; then
        bad "waited import returned after $t ms, before the lock was free"
    else
        ok "import waits for the lock (${t} ms), message on stderr, then imports"
    fi

    # 2. --wait 1 while held for 4 s: exit 3 after about 1 s, store unchanged
    cp "$tmp/s/imports.csv" "$tmp/before.csv"
    flock "$tmp/s" sleep 4 &
    holder=$!
    sleep 0.3
    t0=$(ms)
    imp 2021.csv --wait 1 >"$tmp/out" 2>"$tmp/err"
    st=$? t=$(( $(ms) - t0 ))
    want="defspend: s: another import is changing the store; waiting up to 1 s (--wait SECONDS to change)
defspend: error: s: the store is still being changed by another import after 1 s"
    if [ $st -ne 3 ] || [ "$(cat "$tmp/err")" != "$want" ] || [ -s "$tmp/out" ]; then
        bad "--wait 1: status $st (want 3), stderr: $(cat "$tmp/err")"
    elif [ $t -lt 900 ] || [ $t -gt 3500 ]; then
        bad "--wait 1: gave up after $t ms"
    elif ! cmp -s "$tmp/s/imports.csv" "$tmp/before.csv"; then
        bad "--wait 1: the store changed"
    else
        ok "--wait 1: exit 3 after ${t} ms, store unchanged"
    fi

    # 3. --wait 0 and DEFSPEND_LOCK_WAIT=0: fail at once
    imp 2021.csv --wait 0 >"$tmp/out" 2>"$tmp/err"
    st=$?
    want="defspend: error: s: the store is being changed by another import"
    if [ $st -ne 3 ] || [ "$(cat "$tmp/err")" != "$want" ]; then
        bad "--wait 0: status $st (want 3), stderr: $(cat "$tmp/err")"
    else
        ok "--wait 0: exit 3 at once"
    fi
    DEFSPEND_LOCK_WAIT=0 imp 2021.csv >"$tmp/out" 2>"$tmp/err"
    st=$?
    if [ $st -ne 3 ] || [ "$(cat "$tmp/err")" != "$want" ]; then
        bad "DEFSPEND_LOCK_WAIT=0: status $st (want 3), stderr: $(cat "$tmp/err")"
    else
        ok "DEFSPEND_LOCK_WAIT=0: exit 3 at once"
    fi
    wait $holder
    cmp -s "$tmp/s/imports.csv" "$tmp/before.csv" || bad "a failed import changed the store"
fi

# 4. bad values are usage errors
before_fail=$fail
for v in -1 abc 1.5 86401 ''; do
    imp 2021.csv --wait "$v" >"$tmp/out" 2>"$tmp/err"
    st=$?
    want="defspend: error: invalid --wait '$v' (expected whole seconds, 0 to 86400)"
    [ $st -eq 2 ] && [ "$(cat "$tmp/err")" = "$want" ] ||
        bad "--wait '$v': status $st (want 2), stderr: $(cat "$tmp/err")"
done
DEFSPEND_LOCK_WAIT=soon imp 2021.csv >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st -eq 2 ] && [ "$(cat "$tmp/err")" = "defspend: error: invalid DEFSPEND_LOCK_WAIT 'soon' (expected whole seconds, 0 to 86400)" ] ||
    bad "DEFSPEND_LOCK_WAIT=soon: status $st (want 2), stderr: $(cat "$tmp/err")"
[ $fail = "$before_fail" ] && ok "bad --wait and DEFSPEND_LOCK_WAIT values: exit 2"

# 5. two defspend imports at once (test_hooks builds): the second waits
# for the first, both figures end up in the store
t0=$(ms)
DS_TEST_HOLD_LOCK=0.5 imp 2022.csv >/dev/null 2>&1
if [ $(( $(ms) - t0 )) -lt 450 ]; then
    echo "skip: defspend built without -Dtest_hooks=true (two imports at once)"
else
    (DS_TEST_HOLD_LOCK=2 imp 2023.csv >"$tmp/out1" 2>"$tmp/err1"; echo $? >"$tmp/st1") &
    first=$!
    sleep 0.5
    imp 2021.csv >"$tmp/out2" 2>"$tmp/err2"
    st2=$?
    wait $first
    st1=$(cat "$tmp/st1")
    if [ "$st1" -ne 0 ] || [ $st2 -ne 0 ] || [ "$(cat "$tmp/err2")" != "$waitmsg" ] || [ -s "$tmp/err1" ]; then
        bad "two imports: status $st1 and $st2, stderr: $(cat "$tmp/err1" "$tmp/err2")"
    elif [ "$(grep -c '^XTA,' "$tmp/s/imports.csv")" -ne 4 ]; then
        bad "two imports: the store holds $(grep -c '^XTA,' "$tmp/s/imports.csv") figures, want 4"
    else
        ok "two imports at once: the second waits, both figures stored"
    fi
fi
exit $fail
