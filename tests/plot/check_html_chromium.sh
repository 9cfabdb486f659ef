#!/bin/sh
# report.html in a real browser: headless Chromium (Debian's chromium)
# opens it from disk, takes a screenshot and logs the console.  The
# screenshot must not be blank and no console message (error, CSP
# violation, failed load) may appear.  A deliberately broken page checks
# that the console check would see an error.  Skips (77) without Chromium
# or gnuplot, or python3 (used to read the PNG).
# usage: check_html_chromium.sh DEFSPEND
set -u
exe=$1
browser=
for b in chromium chromium-browser google-chrome; do
    command -v "$b" >/dev/null 2>&1 && { browser=$b; break; }
done
[ -n "$browser" ] || { echo "chromium not installed"; exit 77; }
command -v gnuplot >/dev/null 2>&1 || { echo "gnuplot not installed"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 not installed"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
"$exe" report --out "$tmp/report" || { echo "FAIL report exit status $?"; exit 1; }

shot() { # html png log
    # the flags keep Chromium off the network (closed here) and quiet
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --disable-extensions \
        --user-data-dir="$tmp/profile-$$-$(basename "$2")" \
        --enable-logging=stderr --v=0 --window-size=1200,4000 \
        --hide-scrollbars --screenshot="$2" "file://$1" >"$3" 2>&1
}
# console lines Chromium logs for the page
console() { grep -E 'CONSOLE|Refused to|Uncaught|Failed to load' "$1"; }

fail=0
shot "$tmp/report/report.html" "$tmp/shot.png" "$tmp/log" ||
    { echo "FAIL chromium exit status"; cat "$tmp/log"; exit 1; }
if console "$tmp/log"; then
    echo "FAIL console messages (above)"; fail=1
fi
python3 - "$tmp/shot.png" <<'PY' || fail=1
import struct, sys, zlib
data = open(sys.argv[1], 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat, w, h, ctype = 8, b'', 0, 0, 0
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR':
        w, h, depth, ctype = struct.unpack('>IIBB', body[:10])
    elif kind == b'IDAT':
        idat += body
    pos += 12 + n
raw = zlib.decompress(idat)
bpp = {0: 1, 2: 3, 4: 2, 6: 4}[ctype]
stride = w * bpp
prev = bytearray(stride)
light = dark = 0
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    if y % 8 == 0:
        for x in range(0, w, 2):
            px = line[x * bpp:x * bpp + 3]
            if min(px) < 160:
                dark += 1
            else:
                light += 1
    prev = line
share = dark / float(dark + light)
print('screenshot %dx%d, dark pixels %.2f%%' % (w, h, 100 * share))
if share < 0.005 or share > 0.6:
    print('FAIL the screenshot is blank or unreadable')
    sys.exit(1)
PY
# the console check sees an error when there is one
printf '<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src %s"><p>x</p><img src="http://example.invalid/x.png">\n' "'none'" >"$tmp/bad.html"
shot "$tmp/bad.html" "$tmp/bad.png" "$tmp/badlog"
console "$tmp/badlog" >/dev/null ||
    { echo "FAIL the console check missed a CSP violation:"; cat "$tmp/badlog"; fail=1; }
[ $fail = 0 ] && echo "ok: report.html renders, console clean"
exit $fail
