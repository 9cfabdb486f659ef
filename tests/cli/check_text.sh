#!/usr/bin/env bash
# check_text.sh DEFSPEND - text from data reaches output safely (issue 11,
# cases 5, 11 and 12).  A copy of the tiny golden store gets hostile text
# in a source, a note, a baseline label and a country's name and region:
# Markdown links and images, raw HTML, table pipes, ESC/OSC sequences
# ("\e]0;pwned\a" retitles a terminal, "\e[2J" clears it) and a C1 CSI.
#
#  - terminal (case 12): no ESC, BEL or C1 byte reaches stdout or stderr
#    of any table or Markdown command; CSV and JSON keep the text exact;
#  - Markdown (case 11): rendered by cmark, safe and --unsafe (skipped
#    without it), data makes no link, image, raw HTML, emphasis or code
#    (the report's own chart images and CSV links are expected); every
#    table row has its header's number of cells;
#  - JSON (case 5): a value that cannot be encoded is an error naming it,
#    with nothing on stdout; JSON holds as many figures as CSV.
#
# Skips (exit 77) without python3.
set -u
exe=$1
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
src=$(cd "$(dirname "$0")/../.." && pwd)
command -v python3 >/dev/null 2>&1 || { echo "check_text: skipped: no python3"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ds-text.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 2
cp -r "$src/tests/golden/tiny-store-scenarios/data" data || exit 2
python3 - <<'PY' || exit 2
E = (b'[x](http://e) ![i](http://e) <img src=x onerror=alert(1)> a|b *em* '
     b'`c` \x1b]0;pwned\x07 \x1b[2J \xc2\x9b31m end')
def edit(p, a, b):
    s = open(p, 'rb').read()
    assert a in s, (p, a)
    open(p, 'wb').write(s.replace(a, b))
edit('data/tiny.csv', b'Test WDI NY.GDP.MKTP.CD', b'"Test WDI ' + E + b'"')
edit('data/tiny.csv', b'"note with a comma, and ""quotes"""', b'"note ' + E + b'"')
edit('data/tiny.csv', b'"Test MoD table, ""initial"" [S1]"', b'"MoD ' + E + b'"')
edit('data/meta/countries.csv', b'XTA,Testland,0,Test Region',
     b'XTA,"Test\x1b]0;pwned\x07land [x](http://e) a|b <img src=x '
     b'onerror=alert(1)>",0,"Region \x1b[2J"')
# two more years of GDP in XTC, so that report can fit a growth rate
with open('data/tiny.csv', 'ab') as f:
    f.write(b'XTA,2019,calendar,gdp,331252653250000,XTC,current,wdi,'
            b'Test WDI NY.GDP.MKTP.CN,2024-05-17,,\n'
            b'XTA,2020,calendar,gdp,341252653250000,XTC,current,wdi,'
            b'Test WDI NY.GDP.MKTP.CN,2024-05-17,,\n')
edit('data/meta/baselines.csv', b'FY2021 Testland MoD initial budget',
     b'"FY2021 ' + E + b'"')
PY
fail=0
bad() { echo "check_text: FAIL: $*"; fail=1; }

# ---- terminal: tables and Markdown
n=0
while IFS= read -r line; do
    [ -n "$line" ] || continue
    n=$((n + 1))
    # shellcheck disable=SC2086
    env LC_ALL=C "$exe" --data data $line >"out$n" 2>"err$n"
    rc=$?
    [ "$rc" = 0 ] || bad "defspend $line: exit $rc: $(cat "err$n")"
    if LC_ALL=C grep -q $'\x1b\|\x07\|\xc2\x9b' "out$n" "err$n"; then
        bad "defspend $line: a control character reached the output"
    fi
done <<'CMDS'
scenarios --country XTA
scenarios --country XTA --format md
data show --country XTA --indicator gdp
data show --country XTA --indicator milex
data list
data latest --indicator gdp
countries
countries testia
compare --countries XTA
compare --countries XTA --format md
sensitivity --country XTA
sensitivity --country XTA --format md
data revisions --country XTA --indicator gdp
CMDS
# an error message quoting what the user typed
env LC_ALL=C "$exe" --data data scenarios --country $'X\e]0;pwned\aY' >out 2>err
if LC_ALL=C grep -q $'\x1b\|\x07' out err; then
    bad "an error message printed a control character"
fi

# ---- Markdown: no link, image or HTML from data; tables keep their columns
mdn=0
for line in "scenarios --country XTA --format md" \
            "compare --countries XTA --format md" \
            "sensitivity --country XTA --format md"; do
    mdn=$((mdn + 1))
    # shellcheck disable=SC2086
    env LC_ALL=C "$exe" --data data $line >"md$mdn.md" 2>/dev/null ||
        bad "defspend $line failed"
done
if env LC_ALL=C "$exe" --data data report --country XTA --countries XTA --simulate 0 --out rep >/dev/null 2>rep.err ||
   [ -f rep/report.md ]; then
    mdn=$((mdn + 1))
    cp rep/report.md "md$mdn.md"
else
    bad "defspend report --country XTA failed: $(cat rep.err)"
fi
python3 - md*.md <<'PY' || fail=1
import sys
bad = 0
for path in sys.argv[1:]:
    lines = open(path, encoding='utf-8').read().split('\n')
    # a table row's cells: split on '|' not escaped by a backslash
    def cells(l):
        n, i, esc = 0, 0, False
        for ch in l:
            if esc:
                esc = False
            elif ch == '\\':
                esc = True
            elif ch == '|':
                n += 1
        return n
    head = None
    for k, l in enumerate(lines):
        if l.startswith('|'):
            if head is None:
                head = cells(l)
            elif cells(l) != head:
                print('check_text: FAIL: %s:%d: %d cells, the header has %d'
                      % (path, k + 1, cells(l) - 1, head - 1))
                bad = 1
        else:
            head = None
    for k, l in enumerate(lines):
        if 'http://e' in l and ('](' in l.replace('\\](', '') ):
            print('check_text: FAIL: %s:%d: an unescaped link: %s' % (path, k + 1, l))
            bad = 1
sys.exit(bad)
PY
if command -v cmark >/dev/null 2>&1; then
    for m in md*.md; do
        for mode in "" --unsafe; do
            # shellcheck disable=SC2086
            cmark $mode "$m" >"$m.html" || { bad "cmark $m failed"; continue; }
            if grep -Eiq '<a href="http|<img src="(http|x)|<img src=x|<em>em</em>|<code>c</code>' "$m.html"; then
                bad "$m rendered by cmark $mode: $(grep -Eio '<a href="http[^>]*>|<img src="?(http|x)[^>]*>|<em>em</em>|<code>c</code>' "$m.html" | head -3 | tr '\n' ' ')"
            fi
        done
    done
else
    echo "check_text: cmark not found: Markdown rendering not checked"
fi

# ---- CSV and JSON keep the text exact
env LC_ALL=C "$exe" --data data data show --country XTA --indicator gdp \
    --format csv >show.csv 2>/dev/null || bad "data show --format csv failed"
env LC_ALL=C "$exe" --data data data show --country XTA --indicator gdp \
    --format json >show.json 2>/dev/null || bad "data show --format json failed"
python3 - <<'PY' || fail=1
import csv, json
rows = list(csv.DictReader(open('show.csv', encoding='utf-8', newline='')))
objs = json.load(open('show.json', encoding='utf-8'))
want = ('Test WDI [x](http://e) ![i](http://e) <img src=x onerror=alert(1)> '
        'a|b *em* `c` \x1b]0;pwned\x07 \x1b[2J \x9b31m end')
if len(rows) != len(objs):
    raise SystemExit('check_text: FAIL: %d CSV rows, %d JSON objects'
                     % (len(rows), len(objs)))
got = [o['source'] for o in objs if o['source'].startswith('Test WDI [')]
if not got or got[0] != want:
    raise SystemExit('check_text: FAIL: JSON source %r, want %r' % (got, want))
if not any(r['source'] == want for r in rows):
    raise SystemExit('check_text: FAIL: CSV does not keep the source exactly')
PY

# ---- JSON: what cannot be encoded is named, nothing is printed
bad_dir=$(printf 'd\377x')
cp -r "$src/datasets" "$bad_dir"
for cmd in scenarios project; do
    # shellcheck disable=SC2086
    env LC_ALL=C "$exe" --data "$bad_dir" $cmd --format json >out 2>err
    rc=$?
    [ "$rc" = 1 ] || bad "$cmd --format json with data dir 'd\\377x': exit $rc, want 1"
    [ -s out ] && bad "$cmd --format json: partial output on stdout"
    want="defspend: error: cannot encode \"data_dir\" 'd?x' as JSON: the text is not UTF-8"
    [ "$(cat err)" = "$want" ] || bad "$cmd --format json: stderr '$(cat -v err)', want '$want'"
done
rm -rf "$bad_dir"

[ "$fail" = 0 ] && echo "check_text: ok"
exit "$fail"
