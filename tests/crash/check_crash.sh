#!/usr/bin/env bash
# check_crash.sh DEFSPEND [RUNS] - SIGKILL `defspend import` while it
# writes and check that the store is always exactly the old state or
# exactly the new one, still loads, and takes the next import.
#
# 1. Write stages (only when defspend is built with -Dtest_hooks=true):
#    DS_TEST_KILL_AT=STAGE kills it at each of locked, open, half,
#    written, synced, renamed, done (src/lib/import.c).
# 2. Random times: RUNS (default 100) imports killed after a random delay
#    within the time a whole import takes (a 20,000-row store taking
#    15,000 new rows), in any build.
#
# Exit 0 all good, 1 a failure.
set -u
exe=$1
runs=${2:-100}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/defspend-crash-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C
fail=0
bad() { echo "FAIL: $*"; fail=1; }

head='country,year,year_basis,indicator,value,currency,price_basis,definition,source,vintage,flags,note'
# old store: 20,000 figures; the import: 15,000 new ones and 5,000 that
# are already there
awk -v h="$head" 'BEGIN { print h
    for (i = 0; i < 20000; i++)
        printf "C%04d,%d,calendar,gdp,%d.25,USD,current,wdi,test,2024-03-28,,\n", i % 2000, 1000 + int(i / 2000), i + 1 }' \
    > "$tmp/old.csv"
awk -v h="$head" 'BEGIN { print h
    for (i = 15000; i < 35000; i++)
        printf "C%04d,%d,calendar,gdp,%d.25,USD,current,wdi,test,2024-03-28,,\n", i % 2000, 1000 + int(i / 2000), i + 1 }' \
    > "$tmp/new-input.csv"
mkdir "$tmp/ref"
cp "$tmp/old.csv" "$tmp/ref/imports.csv"
start=$(date +%s%N)
"$exe" import --into "$tmp/ref" --format tidy "$tmp/new-input.csv" >/dev/null ||
    { echo "the reference import failed"; exit 1; }
took=$(( ($(date +%s%N) - start) / 1000000 ))
cp "$tmp/ref/imports.csv" "$tmp/new.csv"
cmp -s "$tmp/old.csv" "$tmp/new.csv" && { echo "the import changed nothing"; exit 1; }
echo "one import: ${took} ms"

# the store in $1 is old or new, loads, and (unless $3 is "quick") the
# next import completes
check_store() {
    local s=$1 what=$2 quick=${3:-} state
    if cmp -s "$s/imports.csv" "$tmp/old.csv"; then
        state=old
    elif cmp -s "$s/imports.csv" "$tmp/new.csv"; then
        state=new
    else
        bad "$what: imports.csv is neither the old nor the new store"
        return
    fi
    local extra
    extra=$(cd "$s" && ls -A | grep -v '^imports.csv$' | grep -v '^\.imports\.csv\.')
    [ -z "$extra" ] || bad "$what: unexpected files: $extra"
    "$exe" --data "$s" data list >/dev/null 2>"$tmp/err" ||
        bad "$what: the store does not load: $(cat "$tmp/err")"
    counts[$state]=$(( ${counts[$state]:-0} + 1 ))
    [ "$quick" = quick ] && return
    "$exe" import --into "$s" --format tidy "$tmp/new-input.csv" >/dev/null 2>"$tmp/err" ||
        bad "$what: the next import fails: $(cat "$tmp/err")"
    cmp -s "$s/imports.csv" "$tmp/new.csv" ||
        bad "$what: the next import does not give the new store"
}

declare -A counts=()
# 1. at each write stage
mkdir "$tmp/probe"
cp "$tmp/old.csv" "$tmp/probe/imports.csv"
DS_TEST_KILL_AT=open "$exe" import --into "$tmp/probe" --format tidy \
    "$tmp/new-input.csv" >/dev/null 2>&1
if [ $? -eq 137 ]; then
    for stage in locked open half written synced renamed done; do
        s="$tmp/stage-$stage"
        mkdir "$s"
        cp "$tmp/old.csv" "$s/imports.csv"
        (DS_TEST_KILL_AT=$stage exec "$exe" import --into "$s" --format tidy \
            "$tmp/new-input.csv") >/dev/null 2>&1
        rc=$?
        [ $rc -eq 137 ] || bad "stage $stage: exit $rc, expected 137 (SIGKILL)"
        before=${counts[new]:-0}
        check_store "$s" "stage $stage"
        case $stage in
        locked|open|half|written|synced) want=old ;;
        *) want=new ;;
        esac
        got=old
        [ "${counts[new]:-0}" -gt "$before" ] && got=new
        [ $got = $want ] || bad "stage $stage: the store is $got, expected $want"
        echo "stage $stage: killed, store $got"
    done
else
    echo "write stages: skipped (defspend built without -Dtest_hooks=true)"
fi

# 2. at random times
counts=()
for ((i = 1; i <= runs; i++)); do
    s="$tmp/run-$i"
    mkdir "$s"
    cp "$tmp/old.csv" "$s/imports.csv"
    "$exe" import --into "$s" --format tidy "$tmp/new-input.csv" >/dev/null 2>&1 &
    pid=$!
    # a delay from 0.6 to 1.2 times one import: the write is at the end
    ms=$(( took * 6 / 10 + RANDOM % (took * 6 / 10 + 1) ))
    sleep "$(printf '%d.%03d' $((ms / 1000)) $((ms % 1000)))"
    kill -KILL $pid 2>/dev/null
    wait $pid 2>/dev/null
    q=quick
    [ $((i % 10)) -eq 0 ] && q=
    check_store "$s" "random run $i (${ms} ms)" $q
    rm -rf "$s"
done
echo "random kills: $runs runs, store old ${counts[old]:-0} times, new ${counts[new]:-0} times"
[ $fail -eq 0 ] && echo "ok" 
exit $fail
