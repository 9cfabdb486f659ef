#!/usr/bin/env bash
# check_output.sh DEFSPEND - properties of --output that golden files
# cannot show: the file mode follows the umask (mkstemp's 0600 is not
# kept), a write error on standard output is exit status 3, and an
# unwritable directory fails with 3 leaving neither the file nor a
# temporary file.  (Content, replacement of an existing file and failures
# that leave an existing file untouched are golden cases output-*.)

set -u
exe=$1
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ds-output.XXXXXX") || exit 2
trap 'chmod -R u+rwX "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
failed=0

fail() {
    echo "FAIL: $*"
    failed=1
}
ok() { echo "ok   $*"; }

mode() { stat -c %a "$1"; }

ds() { (cd "$tmp" && env -i PATH="$PATH" LC_ALL=C DEFSPEND_DATA="${DEFSPEND_DATA:?}" "$exe" "$@"); }

# 1. New file: 0666 & ~umask, like any file a shell redirection makes.
for u in 022 027 077; do
    rm -f "$tmp/out.csv"
    (umask $u && ds scenarios --format csv --output out.csv) >"$tmp/stdout" 2>"$tmp/stderr"
    st=$?
    want=$(printf '%o' $((0666 & ~8#$u)))
    if [ $st -ne 0 ]; then
        fail "umask $u: exit status $st: $(cat "$tmp/stderr")"
    elif [ "$(mode "$tmp/out.csv")" != "$want" ]; then
        fail "umask $u: out.csv has mode $(mode "$tmp/out.csv"), want $want"
    elif [ -s "$tmp/stdout" ] || [ -s "$tmp/stderr" ]; then
        fail "umask $u: --output also wrote to stdout or stderr"
    else
        ok "umask $u: new file mode $want"
    fi
done

# 2. The file written equals what standard output would get.
ds scenarios --format csv >"$tmp/stdout.csv" 2>/dev/null
if cmp -s "$tmp/stdout.csv" "$tmp/out.csv"; then
    ok "--output content equals standard output"
else
    fail "--output content differs from standard output"
fi

# 3. Nothing but out.csv is left (no *.tmpXXXXXX).
left=
for f in "$tmp"/* "$tmp"/.[!.]*; do
    [ -e "$f" ] || continue
    case ${f##*/} in out.csv | stdout* | stderr) ;; *) left="$left ${f##*/}" ;; esac
done
if [ -n "$left" ]; then
    fail "files left behind: $left"
else
    ok "no temporary files left"
fi

# 4. A write error on standard output is an i/o error (3), not success.
if [ -w /dev/full ]; then
    ds scenarios >/dev/full 2>"$tmp/stderr"
    st=$?
    want='defspend: error: cannot write to standard output: No space left on device'
    if [ $st -ne 3 ] || [ "$(cat "$tmp/stderr")" != "$want" ]; then
        fail "stdout to /dev/full: status $st (want 3), stderr: $(cat "$tmp/stderr")"
    else
        ok "stdout to /dev/full: exit 3, '$want'"
    fi
else
    echo "skip: no writable /dev/full"
fi

# 5. An unwritable directory (needs a non-root user; as root via setpriv).
runner=()
if [ "$(id -u)" -eq 0 ]; then
    if command -v setpriv >/dev/null 2>&1 &&
        setpriv --reuid=65534 --regid=65534 --clear-groups "$exe" --version >/dev/null 2>&1; then
        runner=(setpriv --reuid=65534 --regid=65534 --clear-groups)
    else
        runner=(skip)
    fi
fi
if [ "${runner[0]:-}" = skip ]; then
    echo "skip: running as root and cannot run defspend as nobody"
else
    mkdir "$tmp/ro"
    printf 'old\n' >"$tmp/ro/out.csv"
    chmod 555 "$tmp/ro"
    chmod 644 "$tmp/ro/out.csv"
    (cd "$tmp" && "${runner[@]}" env -i PATH="$PATH" LC_ALL=C DEFSPEND_DATA="$DEFSPEND_DATA" \
        "$exe" scenarios --output ro/out.csv) >"$tmp/stdout" 2>"$tmp/stderr"
    st=$?
    want="defspend: error: ro/out.csv: cannot create: Permission denied"
    if [ $st -ne 3 ] || [ "$(cat "$tmp/stderr")" != "$want" ]; then
        fail "unwritable directory: status $st (want 3), stderr: $(cat "$tmp/stderr")"
    elif [ "$(cat "$tmp/ro/out.csv")" != old ] || [ "$(ls -A "$tmp/ro")" != out.csv ]; then
        fail "unwritable directory: ro/ changed: $(ls -A "$tmp/ro")"
    else
        ok "unwritable directory: exit 3, existing file untouched"
    fi
fi

exit $failed
