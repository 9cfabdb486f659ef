#!/usr/bin/env bash
# run_golden.sh - run defspend golden cases and diff what they produce.
#
# usage: run_golden.sh DEFSPEND GOLDEN_DIR CASE...
#        run_golden.sh --check-registered GOLDEN_DIR CASE...
#
# A case is a directory GOLDEN_DIR/CASE holding:
#   cmd      the arguments, one per line, run as `defspend ARGS` (required)
#   status   the expected exit status (required)
#   stdout   the expected standard output (required, may be empty)
#   stderr   the expected standard error (required, may be empty)
#   env      optional NAME=value lines added to the environment (they may
#            override the defaults LC_ALL=C and DEFSPEND_DATA=datasets);
#            a line -NAME removes NAME
#   data/    optional: copied to the working directory as data/ (use
#            `--data data` in cmd); it must come out unchanged
#   pre/     optional: files copied into the working directory before the
#            run (e.g. an existing --output file)
#   files    optional: paths (one per line, relative to the working
#            directory) the command must leave behind; each is compared
#            with expect/PATH
#
# The command runs in an empty temporary directory holding `datasets` (a
# symlink to $DEFSPEND_DATA, the shipped store) plus data/ and pre/, with
# only PATH, LC_ALL=C and DEFSPEND_DATA=datasets in its environment, so
# paths in the output are the same on every machine.  After the run the
# directory must hold exactly the pre/ files and the `files`: a stray
# temporary file or an output written by a failing command is a failure,
# and a pre/ file not named in `files` must be byte-identical to its copy.
#
# DS_GOLDEN_ENV (NAME=value or -NAME lines) is applied after the case's
# env file: check_locale.sh uses it to rerun cases in another locale.
#
# DS_GOLDEN_WRAPPER, if set, is put before the program (split on spaces),
# e.g. DS_GOLDEN_WRAPPER='valgrind -q --error-exitcode=99 --leak-check=full'.
#
# DS_UPDATE_GOLDEN=1 rewrites status, stdout, stderr and expect/ from the
# actual run and shows what changed.  It checks nothing: every figure in a
# regenerated golden must be checked by hand against the source data and
# the check written in tests/golden/NOTES.md before it is committed.
#
# --check-registered fails if a case directory in GOLDEN_DIR is not in the
# list (not registered in tests/cli/meson.build) or a listed case has no
# directory.
#
# Exit status: 0 all cases pass, 1 a case failed, 2 usage or setup error.

set -u

die() {
    printf 'run_golden: %s\n' "$*" >&2
    exit 2
}

if [ "${1:-}" = "--check-registered" ]; then
    [ $# -ge 2 ] || die "usage: run_golden.sh --check-registered GOLDEN_DIR CASE..."
    golden=$2
    shift 2
    rc=0
    declare -A reg=()
    for c in "$@"; do
        reg[$c]=1
        if [ ! -f "$golden/$c/cmd" ]; then
            printf 'run_golden: registered case %s has no %s/%s/cmd\n' \
                "$c" "$golden" "$c" >&2
            rc=1
        fi
    done
    for d in "$golden"/*/; do
        c=$(basename "$d")
        if [ -z "${reg[$c]:-}" ]; then
            printf 'run_golden: case directory %s is not registered in tests/cli/meson.build\n' \
                "$d" >&2
            rc=1
        fi
    done
    [ $rc -eq 0 ] && printf 'run_golden: %d cases, all registered\n' $#
    exit $rc
fi

[ $# -ge 3 ] || die "usage: run_golden.sh DEFSPEND GOLDEN_DIR CASE..."
exe=$1
golden=$2
shift 2
case $exe in
/*) ;;
*) exe=$PWD/$exe ;;
esac
[ -x "$exe" ] || die "$exe: not an executable"
store=${DEFSPEND_DATA:-${DS_SOURCE_ROOT:-}/datasets}
[ -d "$store" ] || die "$store: no data directory (set DEFSPEND_DATA)"
case $store in
/*) ;;
*) store=$PWD/$store ;;
esac
update=${DS_UPDATE_GOLDEN:-0}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ds-golden.XXXXXX") || die "mktemp failed"
trap 'rm -rf "$tmp"' EXIT

# read_lines FILE: the file's lines into the array `lines` (a last line
# without a newline counts; blank lines and lines starting with # are kept
# only when keep_blank=1, for cmd where an empty argument is meaningful).
read_lines() {
    lines=()
    local l
    while IFS= read -r l || [ -n "$l" ]; do
        if [ "${keep_blank:-0}" != 1 ]; then
            case $l in '' | '#'*) continue ;; esac
        fi
        lines+=("$l")
    done <"$1"
}

# add_env LINE...: apply NAME=value (replace or append) and -NAME (remove)
# lines to the array `envs`.
add_env() {
    local l e name kept
    for l in "$@"; do
        case $l in
        -*) name=${l#-} ;;
        *=*) name=${l%%=*} ;;
        *) die "bad env line '$l' (expected NAME=value or -NAME)" ;;
        esac
        kept=()
        for e in "${envs[@]}"; do
            [ "${e%%=*}" = "$name" ] || kept+=("$e")
        done
        envs=("${kept[@]}")
        case $l in -*) ;; *) envs+=("$l") ;; esac
    done
}

# show_diff WHAT EXPECTED ACTUAL
show_diff() {
    printf -- '--- %s differs (- expected, + actual):\n' "$1"
    diff -u --label "expected $1" --label "actual $1" "$2" "$3" | sed 's/^/    /'
}

failed=0
for c in "$@"; do
    dir=$golden/$c
    fail=0
    if [ ! -f "$dir/cmd" ]; then
        printf 'FAIL %s: no %s/cmd\n' "$c" "$dir"
        failed=1
        continue
    fi
    work=$tmp/$c/work
    out=$tmp/$c/out
    mkdir -p "$work" "$out"
    ln -s "$store" "$work/datasets"
    [ -d "$dir/data" ] && cp -R "$dir/data" "$work/data"
    [ -d "$dir/pre" ] && cp -R "$dir/pre/." "$work/"

    keep_blank=1 read_lines "$dir/cmd"
    args=("${lines[@]}")
    envs=("PATH=$PATH" "LC_ALL=C" "DEFSPEND_DATA=datasets")
    # a sanitizer build's options pass through (suppressions, halt on error)
    for v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
        [ -n "${!v:-}" ] && envs+=("$v=${!v}")
    done
    if [ -f "$dir/env" ]; then
        read_lines "$dir/env"
        add_env "${lines[@]}"
    fi
    if [ -n "${DS_GOLDEN_ENV:-}" ]; then
        printf '%s\n' "$DS_GOLDEN_ENV" >"$out/extra-env"
        read_lines "$out/extra-env"
        add_env "${lines[@]}"
    fi
    files=()
    if [ -f "$dir/files" ]; then
        read_lines "$dir/files"
        files=("${lines[@]}")
    fi

    # shellcheck disable=SC2086 # the wrapper is split on purpose
    (cd "$work" && exec env -i "${envs[@]}" ${DS_GOLDEN_WRAPPER:-} "$exe" "${args[@]}") \
        >"$out/stdout" 2>"$out/stderr" </dev/null
    printf '%d\n' $? >"$out/status"

    if [ "$update" = 1 ]; then
        for f in status stdout stderr; do
            if [ -f "$dir/$f" ] && ! cmp -s "$dir/$f" "$out/$f"; then
                show_diff "$f" "$dir/$f" "$out/$f"
            fi
            cp "$out/$f" "$dir/$f"
        done
        for f in "${files[@]}"; do
            if [ -f "$work/$f" ]; then
                mkdir -p "$(dirname "$dir/expect/$f")"
                [ -f "$dir/expect/$f" ] && ! cmp -s "$dir/expect/$f" "$work/$f" &&
                    show_diff "$f" "$dir/expect/$f" "$work/$f"
                cp "$work/$f" "$dir/expect/$f"
            else
                printf 'run_golden: %s: the command left no %s\n' "$c" "$f"
            fi
        done
        printf 'UPDATED %s (unverified: check every figure by hand and record it in tests/golden/NOTES.md)\n' "$c"
        continue
    fi

    for f in status stdout stderr; do
        if [ ! -f "$dir/$f" ]; then
            printf -- '--- no expected %s (run with DS_UPDATE_GOLDEN=1, then check it by hand)\n' "$f"
            fail=1
        elif ! cmp -s "$dir/$f" "$out/$f"; then
            show_diff "$f" "$dir/$f" "$out/$f"
            fail=1
        fi
    done
    for f in "${files[@]}"; do
        if [ ! -f "$work/$f" ]; then
            printf -- '--- the command left no %s\n' "$f"
            fail=1
        elif [ ! -f "$dir/expect/$f" ]; then
            printf -- '--- no expected %s in %s/expect/\n' "$f" "$dir"
            fail=1
        elif ! cmp -s "$dir/expect/$f" "$work/$f"; then
            show_diff "$f" "$dir/expect/$f" "$work/$f"
            fail=1
        fi
    done
    # pre/ files not named in `files` must be untouched
    if [ -d "$dir/pre" ]; then
        while IFS= read -r p; do
            p=${p#./}
            keep=1
            for f in "${files[@]}"; do [ "$f" = "$p" ] && keep=0; done
            if [ $keep = 1 ] && ! cmp -s "$dir/pre/$p" "$work/$p"; then
                printf -- '--- %s was changed or removed (it must be left untouched)\n' "$p"
                [ -f "$work/$p" ] && show_diff "$p" "$dir/pre/$p" "$work/$p"
                fail=1
            fi
        done < <(cd "$dir/pre" && find . -type f | sort)
    fi
    # data/ must come out unchanged
    if [ -d "$dir/data" ] && ! diff -r "$dir/data" "$work/data" >/dev/null 2>&1; then
        printf -- '--- data/ was changed by the command\n'
        fail=1
    fi
    # nothing else may be left behind (temporary files, failed outputs)
    {
        for f in "${files[@]}"; do printf '%s\n' "$f"; done
        [ -d "$dir/pre" ] && (cd "$dir/pre" && find . -type f | sed 's|^\./||')
    } | sort -u >"$out/want-files"
    (cd "$work" && find . \( -path ./datasets -o -path ./data \) -prune -o \
        ! -type d -print | sed 's|^\./||' | sort) >"$out/have-files"
    if ! cmp -s "$out/want-files" "$out/have-files"; then
        show_diff "files in the working directory" "$out/want-files" "$out/have-files"
        fail=1
    fi

    if [ $fail = 0 ]; then
        printf 'ok   %s\n' "$c"
    else
        printf 'FAIL %s: defspend' "$c"
        printf ' %q' "${args[@]}"
        printf '\n     (env:'
        for e in "${envs[@]}"; do
            case $e in PATH=*) ;; *) printf ' %q' "$e" ;; esac
        done
        printf '; golden files in %s)\n' "$dir"
        failed=1
    fi
done
exit $failed
