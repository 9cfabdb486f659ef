#!/usr/bin/env bash
# check_locale.sh DEFSPEND GOLDEN_DIR - output and input parsing do not
# depend on the user's locale.
#
# Reruns golden cases whose input or output has decimal points and
# grouping ("--targets 2.385", "--baseline 31.4bn", "$140.9 bn", CSV and
# JSON numbers) under a German locale, where the decimal point is a comma,
# and requires byte-identical results: first LC_ALL=de_DE.UTF-8, then
# LANG and LC_NUMERIC=de_DE.UTF-8 without LC_ALL.  The program does not
# call setlocale(), so this guards against one being added without C-locale
# number handling.
#
# Uses an installed de_DE.UTF-8 locale or compiles one with localedef into
# a temporary LOCPATH; skips (exit 77) if neither works, because then the
# test could not fail.

set -u
exe=$1
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
golden=$2
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ds-locale.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT

locpath=
name=
if locale -a 2>/dev/null | grep -qix 'de_DE\.utf-\?8'; then
    name=$(locale -a | grep -ix 'de_DE\.utf-\?8' | head -n1)
elif command -v localedef >/dev/null 2>&1 &&
    localedef -i de_DE -f UTF-8 "$tmp/de_DE.UTF-8" >/dev/null 2>&1; then
    locpath=$tmp
    name=de_DE.UTF-8
fi
if [ -z "$name" ]; then
    echo "check_locale: skipped: no de_DE.UTF-8 locale and localedef cannot build one"
    exit 77
fi
# the locale must really use a decimal comma, or the test proves nothing
probe=$(env ${locpath:+LOCPATH=$locpath} LC_ALL="$name" /usr/bin/env printf '%.2f' 3.5 2>/dev/null)
if [ "$probe" != "3,50" ]; then
    echo "check_locale: skipped: $name does not format 3.5 as 3,50 (got '$probe')"
    exit 77
fi
echo "check_locale: using $name${locpath:+ (compiled into $locpath)}"

cases=(scenarios-default scenarios-csv scenarios-json scenarios-md
    scenarios-baseline-yen scenarios-targets-percent-signs data-show-jpn-milex-csv
    data-latest-gdp tiny-store-csv tiny-store-no-meta err-targets-zero)

rc=0
extra=${locpath:+LOCPATH=$locpath$'\n'}
DS_UPDATE_GOLDEN=0 DS_GOLDEN_ENV="${extra}LC_ALL=$name" \
    "$here/run_golden.sh" "$exe" "$golden" "${cases[@]}" || rc=1
DS_UPDATE_GOLDEN=0 DS_GOLDEN_ENV="${extra}-LC_ALL"$'\n'"LANG=$name"$'\n'"LC_NUMERIC=$name" \
    "$here/run_golden.sh" "$exe" "$golden" "${cases[@]}" || rc=1
exit $rc
