#!/bin/sh
# libcurl is loaded only by a fetch (issue 18): the library and the tool do
# not link it, a command that does not fetch does not load it, `fetch`
# loads it and works (tests/fetch/check_fetch.sh), and a fetch without a
# usable libcurl fails with the network exit status (3), names the library
# and how to get one, and leaves the store and the cache as they were.
# usage: check_lazy_libcurl.sh DEFSPEND LIBDEFSPEND
set -u
exe=$1
lib=$2
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home"
unset XDG_CACHE_HOME XDG_DATA_HOME DEFSPEND_LIBCURL http_proxy https_proxy \
    HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
# no request may leave the machine, even where libcurl does load: a closed
# local port, no retries
export DEFSPEND_FETCH_BASE_WDI=http://127.0.0.1:9
mkdir -p "$HOME"
fail=0
no() { echo "FAIL $*"; fail=1; }

if command -v readelf >/dev/null 2>&1; then
    for f in "$exe" "$lib"; do
        readelf -d "$f" | grep NEEDED | grep -q curl &&
            no "$f links libcurl: $(readelf -d "$f" | grep curl)"
    done
fi
# the dynamic loader's own account of what a command loads (glibc)
LD_DEBUG=files "$exe" scenarios >"$tmp/out" 2>"$tmp/ld" || no "scenarios failed"
grep -q 'file=' "$tmp/ld" || echo "note: LD_DEBUG not supported here"
grep -q 'file=libcurl' "$tmp/ld" && no "scenarios loads libcurl"
grep -q '^Japan (JPN): defense spending' "$tmp/out" || no "scenarios output"

# a fetch without libcurl
mkdir -p "$tmp/store"
printf 'keep\n' >"$tmp/store/marker"
DEFSPEND_LIBCURL=$tmp/no/libcurl.so.4 "$exe" fetch wdi MS.MIL.XPND.GD.ZS \
    --country JPN --retries 0 --into "$tmp/store" --cache "$tmp/cache" \
    >"$tmp/fout" 2>"$tmp/ferr"
rc=$?
[ $rc -eq 3 ] || no "fetch without libcurl: exit $rc, not 3"
grep -q "cannot load libcurl: $tmp/no/libcurl.so.4: cannot open shared object file" "$tmp/ferr" ||
    no "fetch without libcurl: message: $(cat "$tmp/ferr")"
grep -q 'DEFSPEND_LIBCURL' "$tmp/ferr" || no "the message does not say how to name libcurl"
[ "$(ls "$tmp/store")" = marker ] || no "the store changed: $(ls "$tmp/store")"
[ -z "$(find "$tmp/cache" -type f 2>/dev/null)" ] || no "a cache file was written"
[ -s "$tmp/fout" ] && no "output on stdout: $(cat "$tmp/fout")"
[ $fail -eq 0 ] && echo "ok: libcurl loaded only by fetch; without it fetch fails with exit 3 and changes nothing"
exit $fail
