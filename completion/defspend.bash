# bash completion for defspend(1): commands, options (read from each
# command's --help, so they never drift from the tool), chart kinds,
# formats, indicators, definitions, groups, and country codes (from
# `defspend countries`, i.e. the store's own country table).
# Installed by meson into bash-completion's completionsdir.

_defspend_words() # print the words after a command's --help "--options"
{
    "$1" "${@:2}" --help 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u
}

_defspend()
{
    local cur prev exe cmd sub i
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    exe=${COMP_WORDS[0]}
    cmd="" sub=""
    local -a pre=()
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
        --data) pre+=(--data "${COMP_WORDS[i+1]}"); ((i++)) ;;
        --data-only) pre+=(--data-only) ;;
        -*) ;;
        *) if [[ -z $cmd ]]; then cmd=${COMP_WORDS[i]}
           elif [[ -z $sub ]]; then sub=${COMP_WORDS[i]}; fi ;;
        esac
    done
    local words=""
    case $prev in
    --data|--into|--out|--output|--cache)
        COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --country|--countries)
        words=$("$exe" "${pre[@]}" countries 2>/dev/null | cut -f1)
        COMPREPLY=($(compgen -W "$words" -- "${cur^^}")); return ;;
    --format)
        if [[ $cmd == import ]]; then
            words="auto wdi databank sipri weo nato owid fred imf tidy"
        else
            words="table csv json md"
        fi ;;
    --indicator) words="gdp milex milex_gdp_pct milex_per_capita milex_gov_pct fx population gdp_deflator" ;;
    --source|--definition) words="wdi sipri nato imf_weo mod_budget mod_budget_excl_saco jp_security_related" ;;
    --group) words="nato g7 indo-pacific" ;;
    --currency) words="USD LCU both" ;;
    --gdp-source) words="fit growth weo" ;;
    --path) words="linear growth step" ;;
    --baseline) words="data none mod_budget:2024 mod_budget:2025 sipri:2024" ;;
    --terminal) words="dumb" ;;
    esac
    if [[ -n $words ]]; then
        COMPREPLY=($(compgen -W "$words" -- "$cur")); return
    fi
    if [[ -z $cmd ]]; then
        COMPREPLY=($(compgen -W "scenarios data countries project convert sensitivity compare bridge import fetch plot report --data --data-only --help --version" -- "$cur"))
        return
    fi
    if [[ $cmd == data && -z $sub && $cur != -* ]]; then
        COMPREPLY=($(compgen -W "list show latest revisions" -- "$cur")); return
    fi
    if [[ $cmd == fetch && -z $sub && $cur != -* ]]; then
        COMPREPLY=($(compgen -W "wdi fred imf url" -- "$cur")); return
    fi
    if [[ $cmd == plot && -z $sub && $cur != -* ]]; then
        COMPREPLY=($(compgen -W "scenarios history projection sensitivity revisions compare bridge" -- "$cur")); return
    fi
    if [[ $cur == -* ]]; then
        if [[ $cmd == data && -n $sub ]]; then
            words=$(_defspend_words "$exe" data "$sub")
        else
            words=$(_defspend_words "$exe" "$cmd")
        fi
        COMPREPLY=($(compgen -W "$words" -- "$cur")); return
    fi
    [[ $cmd == import ]] && COMPREPLY=($(compgen -f -- "$cur"))
}
complete -F _defspend defspend
