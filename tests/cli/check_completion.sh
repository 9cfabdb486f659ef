#!/usr/bin/env bash
# Bash completion (completion/defspend.bash, issue 13, 5): sourced in a
# bash, asked to complete what a user types, it offers commands, each
# command's options (read from its --help), chart kinds, data
# subcommands, groups, formats, definitions and country codes.
# usage: check_completion.sh DEFSPEND
set -u
exe=$1
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
src=${DS_SOURCE_ROOT:?DS_SOURCE_ROOT not set}/completion/defspend.bash
# shellcheck source=/dev/null
. "$src"
fail=0
expect() { # expect WORD... -- CANDIDATE: completing WORDS offers CANDIDATE
    local want=${!#}
    local -a w=("$exe" "${@:1:$#-2}")
    COMP_WORDS=("${w[@]}")
    COMP_CWORD=$((${#w[@]} - 1))
    COMPREPLY=()
    _defspend
    local c found=0
    for c in "${COMPREPLY[@]}"; do [ "$c" = "$want" ] && found=1; done
    if [ $found = 0 ]; then
        echo "FAIL: '${w[*]:1}' offered '${COMPREPLY[*]}', not '$want'"
        fail=1
    fi
}
expect scen -- scenarios
expect scenarios --cou -- --country
expect scenarios --sou -- --source
expect scenarios --country JP -- JPN
expect scenarios --country kor -- KOR
expect scenarios --source na -- nato
expect scenarios --format j -- json
expect plot hi -- history
expect plot scenarios --bas -- --baseline
expect data la -- latest
expect data show --ind -- --indicator
expect data show --indicator milex_g -- milex_gdp_pct
expect compare --group indo -- indo-pacific
expect import --format si -- sipri
expect project --gdp-source w -- weo
expect --data datasets compare --gr -- --group
[ $fail = 0 ] && echo "ok: completion offers what was typed"
exit $fail
