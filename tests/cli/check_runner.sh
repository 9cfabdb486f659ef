#!/usr/bin/env bash
# check_runner.sh - run_golden.sh itself can fail.
#
# Runs the runner against a fake `defspend` (a shell script whose
# behaviour each case chooses through an env file) and a throw-away golden
# directory, and requires it to pass a matching case and to fail on each
# kind of mismatch: stdout, stderr, exit status, an emitted file, a missing
# emitted file, a leftover temporary file, an output written despite
# failure, and a pre-existing file that was changed.

set -u
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ds-runner.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/golden" "$tmp/store"

cat >"$tmp/fake" <<'EOF'
#!/bin/sh
# prints its arguments, then does what FAKE asks
printf 'args:'; printf ' [%s]' "$@"; printf '\n'
case ${FAKE:-} in
write) printf 'a,b\n1,2\n' >out.csv ;;
leave-tmp) printf 'a,b\n1,2\n' >out.csv; : >out.csv.tmpAbC123 ;;
fail-write) printf 'partial' >out.csv; echo 'defspend: error: boom' >&2; exit 1 ;;
touch-pre) printf 'changed\n' >old.csv ;;
esac
echo 'note on stderr' >&2
exit 0
EOF
chmod +x "$tmp/fake"

# mk CASE FAKE STDOUT STDERR STATUS: a case whose goldens are given
mk() {
    local d=$tmp/golden/$1
    mkdir -p "$d"
    printf '%s\n' scenarios 'a b' >"$d/cmd"
    [ -n "$2" ] && printf 'FAKE=%s\n' "$2" >"$d/env"
    printf '%s' "$3" >"$d/stdout"
    printf '%s' "$4" >"$d/stderr"
    printf '%s\n' "$5" >"$d/status"
}
OUT='args: [scenarios] [a b]
'
ERR='note on stderr
'
mk pass '' "$OUT" "$ERR" 0
mk bad-stdout '' "args: [scenarios]
" "$ERR" 0
mk bad-stderr '' "$OUT" '' 0
mk bad-status '' "$OUT" "$ERR" 1
mk file-ok write "$OUT" "$ERR" 0
echo out.csv >"$tmp/golden/file-ok/files"
mkdir -p "$tmp/golden/file-ok/expect"
printf 'a,b\n1,2\n' >"$tmp/golden/file-ok/expect/out.csv"
cp -R "$tmp/golden/file-ok" "$tmp/golden/file-differs"
printf 'a,b\n1,3\n' >"$tmp/golden/file-differs/expect/out.csv"
cp -R "$tmp/golden/file-ok" "$tmp/golden/file-missing"
rm "$tmp/golden/file-missing/env"
cp -R "$tmp/golden/file-ok" "$tmp/golden/leftover-tmp"
echo FAKE=leave-tmp >"$tmp/golden/leftover-tmp/env"
mk output-on-failure fail-write "$OUT" 'defspend: error: boom
' 1
mk pre-changed touch-pre "$OUT" "$ERR" 0
mkdir -p "$tmp/golden/pre-changed/pre"
printf 'old\n' >"$tmp/golden/pre-changed/pre/old.csv"

rc=0
run() { # run WANT CASE
    DS_UPDATE_GOLDEN=0 DS_GOLDEN_ENV='' DEFSPEND_DATA="$tmp/store" \
        "$here/run_golden.sh" "$tmp/fake" "$tmp/golden" "$2" >"$tmp/log" 2>&1
    local st=$?
    if { [ "$1" = pass ] && [ $st -eq 0 ]; } || { [ "$1" = fail ] && [ $st -eq 1 ]; }; then
        echo "ok   $2: runner ${1}ed as it should"
    else
        echo "FAIL $2: runner exit $st, want $1; its output:"
        sed 's/^/    /' "$tmp/log"
        rc=1
    fi
}
run pass pass
run pass file-ok
run fail bad-stdout
run fail bad-stderr
run fail bad-status
run fail file-differs
run fail file-missing
run fail leftover-tmp
run fail output-on-failure
run fail pre-changed

# an unregistered case directory is caught
if "$here/run_golden.sh" --check-registered "$tmp/golden" pass >/dev/null 2>&1; then
    echo "FAIL registry: unregistered cases not reported"
    rc=1
else
    echo "ok   registry: unregistered cases reported"
fi
exit $rc
