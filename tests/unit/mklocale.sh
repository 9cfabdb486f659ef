#!/bin/sh
# usage: mklocale.sh DIR STAMP
# Compile the de_DE.UTF-8 locale into DIR so that the LC_NUMERIC tests run
# on systems without it installed.  Never fails: without localedef or the
# locale sources the tests skip that part and say so.
dir=$1
stamp=$2
mkdir -p "$dir"
if [ ! -d "$dir/de_DE.UTF-8" ] && command -v localedef >/dev/null 2>&1; then
    localedef -i de_DE -f UTF-8 "$dir/de_DE.UTF-8" >/dev/null 2>&1 || true
fi
: > "$stamp"
