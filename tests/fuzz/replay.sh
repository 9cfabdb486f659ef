#!/bin/sh
# replay.sh HARNESS DIR... - run a fuzz harness once over every file in the
# given directories (seeds and regressions/<harness>); missing directories
# are ignored.  Fails on any crash, sanitizer report or leak.
set -u
exe=$1
shift
dirs=
for d in "$@"; do
    [ -d "$d" ] && dirs="$dirs $d"
done
[ -n "$dirs" ] || { echo "no input directories" >&2; exit 77; }
# shellcheck disable=SC2086
exec "$exe" -runs=0 -rss_limit_mb=2048 $dirs
