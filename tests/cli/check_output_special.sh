#!/usr/bin/env bash
# check_output_special.sh DEFSPEND - --output to what is not a regular
# file (issue 11, case 1).  Only a regular file, or a new name, is written
# through a temporary file and rename; a character device (copies of
# /dev/null and /dev/full made with mknod, so the system's own are never
# at risk), a FIFO and a descriptor (/dev/stdout, a symlink to
# /proc/self/fd/1) are written to directly and stay what they were; a
# symlink to a regular file keeps the link and replaces its target.
# Parts that need mknod (root) or /proc skip with a message.

set -u
exe=$1
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ds-outspecial.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
failed=0
full_copy_ok=0
fail() {
    echo "FAIL: $*"
    failed=1
}
ok() { echo "ok   $*"; }

ds() { (cd "$tmp" && env -i PATH="$PATH" LC_ALL=C DEFSPEND_DATA="${DEFSPEND_DATA:?}" "$exe" "$@"); }
kind() { stat -c %F "$1"; }

ds scenarios --format csv >"$tmp/want.csv" 2>/dev/null || { echo "defspend scenarios failed"; exit 1; }
size=$(wc -c <"$tmp/want.csv")

# 1. a character device: a copy of /dev/null (1,3) made with mknod
if mknod "$tmp/null" c 1 3 2>/dev/null; then
    ds scenarios --format csv --output null >"$tmp/stdout" 2>"$tmp/stderr"
    st=$?
    if [ $st -ne 0 ] || [ -s "$tmp/stderr" ] || [ -s "$tmp/stdout" ]; then
        fail "null device copy: status $st, stderr: $(cat "$tmp/stderr")"
    elif [ "$(kind "$tmp/null")" != "character special file" ]; then
        fail "null device copy replaced by a $(kind "$tmp/null")"
    elif ls -A "$tmp" | grep -q tmp; then
        fail "null device copy: temporary file left: $(ls -A "$tmp")"
    else
        ok "null device copy written to, still a character device"
    fi
else
    echo "skip: mknod not permitted (null device copy)"
fi

# 2. a copy of /dev/full (1,7): ENOSPC is an i/o error, the device stays
if mknod "$tmp/full" c 1 7 2>/dev/null; then
    ds scenarios --output full >"$tmp/stdout" 2>"$tmp/stderr"
    st=$?
    want='defspend: error: full: cannot write: No space left on device'
    if [ $st -ne 3 ] || [ "$(cat "$tmp/stderr")" != "$want" ]; then
        fail "full device copy: status $st (want 3), stderr: $(cat "$tmp/stderr")"
    elif [ "$(kind "$tmp/full")" != "character special file" ]; then
        fail "full device copy replaced by a $(kind "$tmp/full")"
    else
        ok "full device copy: exit 3, '$want', still a character device"
        full_copy_ok=1
    fi
    rm -f "$tmp/full"
else
    echo "skip: mknod not permitted (full device copy)"
fi

# 3. /dev/full itself: as root only once the copy above proved that a
# device is written to, not replaced (a regression must not replace the
# system's /dev/full); as another user a rename in /dev fails anyway
if [ "$(id -u)" -eq 0 ] && [ $full_copy_ok = 0 ]; then
    echo "skip: /dev/full as root without a passing device copy test"
elif [ -w /dev/full ]; then
    ds scenarios --output /dev/full >"$tmp/stdout" 2>"$tmp/stderr"
    st=$?
    want='defspend: error: /dev/full: cannot write: No space left on device'
    if [ $st -ne 3 ] || [ "$(cat "$tmp/stderr")" != "$want" ] ||
        [ "$(kind /dev/full)" != "character special file" ]; then
        fail "/dev/full: status $st (want 3), stderr: $(cat "$tmp/stderr")"
    else
        ok "/dev/full: exit 3, '$want'"
    fi
else
    echo "skip: no writable /dev/full"
fi

# 4. a FIFO with a reader gets the output and stays a FIFO
mkfifo "$tmp/fifo"
timeout 30 cat "$tmp/fifo" >"$tmp/fifo.out" &
reader=$!
timeout 30 env -i PATH="$PATH" LC_ALL=C DEFSPEND_DATA="$DEFSPEND_DATA" \
    "$exe" scenarios --format csv --output "$tmp/fifo" >"$tmp/stdout" 2>"$tmp/stderr"
st=$?
wait $reader
if [ $st -ne 0 ]; then
    fail "fifo: status $st, stderr: $(cat "$tmp/stderr")"
elif [ "$(kind "$tmp/fifo")" != "fifo" ]; then
    fail "fifo replaced by a $(kind "$tmp/fifo")"
elif ! cmp -s "$tmp/fifo.out" "$tmp/want.csv"; then
    fail "fifo: the reader got $(wc -c <"$tmp/fifo.out") bytes, want $size"
else
    ok "fifo: the reader got the output, still a fifo"
fi
rm -f "$tmp/fifo" "$tmp/fifo.out"

# 5. a symlink to /proc/self/fd/1: the output goes to standard output, and
# the link stays
if [ -e /proc/self/fd/1 ]; then
    ln -s /proc/self/fd/1 "$tmp/so"
    # standard output a pipe, as in 'defspend ... | less'
    ds scenarios --format csv --output so 2>"$tmp/stderr" | cat >"$tmp/stdout"
    st=${PIPESTATUS[0]}
    if [ $st -ne 0 ] || [ ! -L "$tmp/so" ] || ! cmp -s "$tmp/stdout" "$tmp/want.csv"; then
        fail "link to /proc/self/fd/1: status $st, link: $(ls -l "$tmp/so"), stdout $(wc -c <"$tmp/stdout") bytes, stderr: $(cat "$tmp/stderr")"
    else
        ok "link to /proc/self/fd/1: output on stdout, link kept"
    fi
    # standard output opened for appending keeps what it held
    printf 'before\n' >"$tmp/log"
    ds scenarios --format csv --output /dev/stdout >>"$tmp/log" 2>"$tmp/stderr"
    st=$?
    if [ $st -ne 0 ] || [ "$(head -n 1 "$tmp/log")" != before ] ||
        [ "$(wc -c <"$tmp/log")" -ne $((size + 7)) ]; then
        fail "/dev/stdout appended: status $st, log: $(head -c 200 "$tmp/log")"
    else
        ok "/dev/stdout in append mode: output appended, nothing lost"
    fi
    rm -f "$tmp/so" "$tmp/log"
else
    echo "skip: no /proc/self/fd"
fi

# 6. a symlink to a regular file: the target is replaced (mode kept), the
# link stays a link
mkdir "$tmp/d"
printf 'old\n' >"$tmp/d/real.csv"
chmod 640 "$tmp/d/real.csv"
ln -s d/real.csv "$tmp/link.csv"
ds scenarios --format csv --output link.csv >"$tmp/stdout" 2>"$tmp/stderr"
st=$?
if [ $st -ne 0 ] || [ ! -L "$tmp/link.csv" ] ||
    [ "$(readlink "$tmp/link.csv")" != d/real.csv ]; then
    fail "link to a file: status $st, $(ls -l "$tmp/link.csv"), stderr: $(cat "$tmp/stderr")"
elif ! cmp -s "$tmp/d/real.csv" "$tmp/want.csv"; then
    fail "link to a file: the target was not replaced"
elif [ "$(stat -c %a "$tmp/d/real.csv")" != 640 ]; then
    fail "link to a file: target mode $(stat -c %a "$tmp/d/real.csv"), want 640"
elif [ "$(ls -A "$tmp/d")" != real.csv ]; then
    fail "link to a file: left in d/: $(ls -A "$tmp/d")"
else
    ok "link to a file: target replaced (mode 640 kept), link kept"
fi

# 7. a dangling symlink: the file is created where it points
ln -s d/new.csv "$tmp/dangling.csv"
ds scenarios --format csv --output dangling.csv >"$tmp/stdout" 2>"$tmp/stderr"
st=$?
if [ $st -ne 0 ] || [ ! -L "$tmp/dangling.csv" ] || ! cmp -s "$tmp/d/new.csv" "$tmp/want.csv"; then
    fail "dangling link: status $st, $(ls -l "$tmp/dangling.csv"), stderr: $(cat "$tmp/stderr")"
else
    ok "dangling link: target created, link kept"
fi

# 8. a symlink loop is an i/o error naming the file
ln -s loop "$tmp/loop"
ds scenarios --output loop >"$tmp/stdout" 2>"$tmp/stderr"
st=$?
want='defspend: error: loop: cannot open: Too many levels of symbolic links'
if [ $st -ne 3 ] || [ "$(cat "$tmp/stderr")" != "$want" ] || [ ! -L "$tmp/loop" ]; then
    fail "link loop: status $st (want 3), stderr: $(cat "$tmp/stderr")"
else
    ok "link loop: exit 3, '$want'"
fi

exit $failed
