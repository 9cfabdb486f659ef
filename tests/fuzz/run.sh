#!/bin/sh
# run.sh [-t SECONDS] [-j JOBS] [BUILDDIR [HARNESS...]] - fuzz each harness
# for SECONDS (default 25) with its seeds from tests/data, keeping the
# corpus it grows in $FUZZ_WORK (default /tmp/defspend-fuzz).  A crash,
# sanitizer report, leak, timeout (10 s) or 2 GB RSS is a failure; the
# input is left as $FUZZ_WORK/crash-* (see README.md: add it to
# regressions/HARNESS).  Exit 0 when every harness ran clean.
set -u
cd "$(dirname "$0")/../.."
secs=25
jobs=1
while [ $# -gt 0 ]; do
    case $1 in
    -t) secs=$2; shift 2 ;;
    -j) jobs=$2; shift 2 ;;
    *) break ;;
    esac
done
b=${1:-build-fuzz}
[ $# -gt 0 ] && shift
all="import_wdi import_databank import_sipri import_weo import_nato
import_owid import_fred import_tidy import_auto store parsers"
names=${*:-$all}
work=${FUZZ_WORK:-/tmp/defspend-fuzz}
d=tests/data
seeds() {
    case $1 in
    import_wdi) echo "$d/import/wdi" ;;
    import_databank) echo "$d/import/databank" ;;
    import_sipri) echo "$d/sipri $d/xlsx" ;;
    import_weo) echo "$d/import/weo" ;;
    import_nato) echo "$d/nato $d/xlsx" ;;
    import_owid) echo "$d/import/owid" ;;
    import_fred) echo "$d/import/fred" ;;
    import_tidy) echo "$d/store $d/formats" ;;
    import_auto) echo "$d/import/wdi $d/import/weo $d/sipri" ;;
    store) echo "$d/store $d/formats $d/countries" ;;
    parsers) echo "tests/fuzz/seeds/parsers" ;;
    esac
}
par=
[ "$jobs" -gt 1 ] && par="-fork=$jobs"
rc=0
for n in $names; do
    exe=$b/tests/fuzz/fuzz_$n
    [ -x "$exe" ] || { echo "run.sh: $exe missing (tests/fuzz/build.sh $b)" >&2; exit 2; }
    mkdir -p "$work/$n"
    reg=tests/fuzz/regressions/$n
    [ -d "$reg" ] || reg=
    start=$(date +%s)
    # shellcheck disable=SC2046
    if "$exe" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
        -max_len=262144 -print_final_stats=1 $par \
        -artifact_prefix="$work/$n-" "$work/$n" $reg $(seeds "$n") \
        >"$work/$n.log" 2>&1; then
        printf 'fuzz %-16s ok   %4ss  %s\n' "$n" "$(( $(date +%s) - start ))" \
            "$(grep -o 'stat::number_of_executed_units: [0-9]*' "$work/$n.log" | tail -1)"
    else
        printf 'fuzz %-16s FAIL (log: %s)\n' "$n" "$work/$n.log"
        grep -m1 -A30 'ERROR\|runtime error\|deadly signal' "$work/$n.log"
        rc=1
    fi
done
exit $rc
