#!/bin/sh
# `defspend fetch` against a local stand-in for the publishers' servers
# (tests/fetch/server.py on 127.0.0.1, a free port, at most 300 requests
# and 200 s (2400 s under valgrind), killed on exit), serving recorded responses from tests/data:
# the WDI MS.MIL.XPND.GD.ZS zip excerpt, the FRED EXJPUS excerpt, DataMapper
# NGDPD/NGDP responses written from the WEO April 2021 cells.  No request
# leaves the machine: the base URLs are replaced through
# DEFSPEND_FETCH_BASE_* / --base-url, proxies are unset (one case sets
# http_proxy to the local server to show proxies are used).
#   - fetch wdi --country JPN,KOR gives a store byte-identical to `import`
#     of the same zip; the raw response is cached byte for byte under a name
#     with source, series and date; a second fetch sends If-None-Match and
#     says "unchanged" on 304; --offline reads the cache without a request
#   - fred: the vintage is the Last-Modified date, and `import` of the
#     cached file gives the same store
#   - imf: gdp in units from billions, vintage the WEO release in the
#     metadata (2021-04-01), years from 2021 flagged projection
#   - hostile answers (404, 500, XML error page with 200, body cut short,
#     slow server, redirect loop, endless body, a zip that is not WDI):
#     their message, exit 3 (network) or 1 (data), the store and the cached
#     copy byte-identical
#   - one of two series failing: the other is imported, exit non-zero
# usage: check_fetch.sh DEFSPEND
set -u
exe=$1
case $exe in /*) ;; *) exe=$PWD/$exe ;; esac
data=${DS_TEST_DATA:?DS_TEST_DATA not set}
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d) || exit 99
srv=
cleanup() { [ -n "$srv" ] && kill "$srv" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
[ -n "${DS_FETCH_KEEP:-}" ] && trap 'kill "$srv" 2>/dev/null; echo "kept $tmp"' EXIT
trap 'exit 1' INT TERM
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy \
    no_proxy NO_PROXY DEFSPEND_FETCH_BASE_WDI DEFSPEND_FETCH_BASE_FRED \
    DEFSPEND_FETCH_BASE_IMF XDG_CACHE_HOME XDG_DATA_HOME
export HOME="$tmp/home"
mkdir -p "$HOME"

# a self-signed certificate for the TLS port (when openssl is there)
tls=
if command -v openssl >/dev/null 2>&1 &&
    openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 \
        -keyout "$tmp/key.pem" -out "$tmp/cert.pem" >/dev/null 2>&1; then
    tls="$tmp/cert.pem $tmp/key.pem"
fi
# shellcheck disable=SC2086
life=200
[ -n "${DS_GOLDEN_WRAPPER:-}" ] && life=2400 # under valgrind
python3 "$here/server.py" "$data" "$tmp/port" "$tmp/log" 300 $life $tls &
srv=$!
i=0
while [ ! -s "$tmp/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$tmp/port" ] || { echo "FAIL the test server did not start"; exit 1; }
port=$(cat "$tmp/port")
base=http://127.0.0.1:$port
export DEFSPEND_FETCH_BASE_WDI=$base DEFSPEND_FETCH_BASE_FRED=$base \
    DEFSPEND_FETCH_BASE_IMF=$base
fail=0
today=$(date -u +%Y-%m-%d)
zip=$data/fetch/API_MS.MIL.XPND.GD.ZS_DS2_en_csv_v2_211_excerpt.zip
cache=$tmp/cache

# run NAME ARGS...: output in $tmp/NAME.out/.err, status in $tmp/NAME.rc;
# under `meson test --setup valgrind`, defspend runs under memcheck
# ($DS_GOLDEN_WRAPPER, exit 99 on an error or leak)
run() {
    name=$1; shift
    # shellcheck disable=SC2086
    (cd "$tmp" && ${DS_GOLDEN_WRAPPER:-} "$exe" "$@") >"$tmp/$name.out" 2>"$tmp/$name.err"
    echo $? >"$tmp/$name.rc"
}
expect_rc() {
    [ "$(cat "$tmp/$1.rc")" = "$2" ] || {
        echo "FAIL $1: exit $(cat "$tmp/$1.rc"), expected $2"
        cat "$tmp/$1.out" "$tmp/$1.err"; fail=1; }
}
expect_in() { # NAME out|err TEXT
    grep -qF -- "$3" "$tmp/$1.$2" || {
        echo "FAIL $1: '$3' not in std$2:"; cat "$tmp/$1.$2"; fail=1; }
}
requests() { wc -l <"$tmp/log"; }

# ---- wdi: the same store as import, the raw response cached
run wdi fetch wdi MS.MIL.XPND.GD.ZS --country JPN,KOR --into "$tmp/a" \
    --cache "$cache"
expect_rc wdi 0
expect_in wdi out "fetched wdi MS.MIL.XPND.GD.ZS: $base/v2/en/indicator/MS.MIL.XPND.GD.ZS?downloadformat=csv -> HTTP 200"
expect_in wdi out "format wdi, 130 observations"
run imp import "$zip" --country JPN,KOR --into "$tmp/b"
expect_rc imp 0
cmp -s "$tmp/a/imports.csv" "$tmp/b/imports.csv" ||
    { echo "FAIL fetch wdi and import of the same zip give different stores"; fail=1; }
cmp -s "$zip" "$cache/wdi_MS.MIL.XPND.GD.ZS_$today.zip" ||
    { echo "FAIL the cached response is not the served zip"; fail=1; }
# Japan 2024 from the excerpt's own cell (column 69 = 2024)
cell=$(python3 -c '
import csv, io, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
name = [n for n in z.namelist() if n.startswith("API_")][0]
rows = list(csv.reader(io.TextIOWrapper(z.open(name), encoding="utf-8-sig")))
hdr = next(r for r in rows if r[:2] == ["Country Name", "Country Code"])
jpn = next(r for r in rows if len(r) > 1 and r[1] == "JPN")
print(jpn[hdr.index("2024")])' "$zip")
grep -q "^JPN,2024,calendar,milex_gdp_pct,$cell,,,wdi,World Bank WDI MS.MIL.XPND.GD.ZS,2026-02-24," \
    "$tmp/a/imports.csv" || { echo "FAIL JPN 2024 ($cell) not in the store"; fail=1; }
grep -q 'ua=defspend/[0-9.]* ' "$tmp/log" ||
    { echo "FAIL no defspend user agent:"; cat "$tmp/log"; fail=1; }

# ---- a second fetch is conditional; 304 says unchanged
run again fetch wdi MS.MIL.XPND.GD.ZS --country JPN,KOR --into "$tmp/a" \
    --cache "$cache"
expect_rc again 0
expect_in again out "unchanged wdi MS.MIL.XPND.GD.ZS:"
expect_in again out "answered 304 Not Modified"
expect_in again out "added 0, revised 0, unchanged 130"
tail -1 "$tmp/log" | grep -q 'inm="' ||
    { echo "FAIL no If-None-Match sent:"; tail -1 "$tmp/log"; fail=1; }
cmp -s "$tmp/a/imports.csv" "$tmp/b/imports.csv" ||
    { echo "FAIL the store changed on 304"; fail=1; }

# ---- --offline: the cache only, no request (the base points nowhere)
n=$(requests)
DEFSPEND_FETCH_BASE_WDI=http://127.0.0.1:9 \
    run off fetch wdi MS.MIL.XPND.GD.ZS --country JPN,KOR --offline \
    --into "$tmp/c" --cache "$cache"
expect_rc off 0
expect_in off out "offline wdi MS.MIL.XPND.GD.ZS: the cached copy $cache/wdi_MS.MIL.XPND.GD.ZS_$today.zip"
[ "$(requests)" = "$n" ] || { echo "FAIL --offline made a request"; fail=1; }
cmp -s "$tmp/c/imports.csv" "$tmp/b/imports.csv" ||
    { echo "FAIL --offline gives another store"; fail=1; }
run offnone fetch wdi NY.GDP.MKTP.CD --offline --into "$tmp/c" --cache "$cache"
expect_rc offnone 3
expect_in offnone err "no cached copy in $cache"

# ---- hostile answers: message, exit code, store and cache untouched
sum() { cat "$tmp/a/imports.csv" "$cache/wdi_MS.MIL.XPND.GD.ZS_$today.zip" \
        "$cache/wdi_MS.MIL.XPND.GD.ZS.state" | cksum; }
before=$(sum)
ls -lA --time-style=full-iso "$tmp/a" >"$tmp/dir.before"
hostile() { # MODE EXIT TEXT [OPTIONS]
    mode=$1 code=$2 text=$3; shift 3
    run "h_$mode" fetch wdi MS.MIL.XPND.GD.ZS --into "$tmp/a" \
        --cache "$cache" --base-url "$base/$mode" --timeout 1 --retries 1 "$@"
    expect_rc "h_$mode" "$code"
    expect_in "h_$mode" err "$text"
    expect_in "h_$mode" err "$base/$mode/v2/en/indicator/MS.MIL.XPND.GD.ZS?downloadformat=csv"
    [ "$(sum)" = "$before" ] ||
        { echo "FAIL $mode: the store or the cached copy changed"; fail=1; }
    [ -s "$tmp/h_$mode.out" ] &&
        { echo "FAIL $mode: output on failure:"; cat "$tmp/h_$mode.out"; fail=1; }
}
hostile notfound 3 "HTTP 404 Not Found"
hostile error 3 "HTTP 500 Internal Server Error"
expect_in h_error err "(after 2 attempts)"
expect_in h_error err "retrying in 2 s (attempt 2)"
expect_in h_error err "--offline imports it"
hostile xmlerror 1 'answered HTTP 200 with an XML page, not data: "The provided parameter value is not valid"'
expect_in h_xmlerror err "the last cached copy of wdi MS.MIL.XPND.GD.ZS (fetched "
hostile truncated 3 "the body was cut short"
hostile slow 3 "timed out"
expect_in h_slow err "whole request 1 s (--timeout)"
hostile loop 3 "more than 5 redirects"
hostile endless 3 "larger than the 1.0 MiB limit (--max-size)" --max-size 1
hostile notwdi 1 "cannot read as wdi: no WDI data file"
ls -lA --time-style=full-iso "$tmp/a" >"$tmp/dir.after"
cmp -s "$tmp/dir.before" "$tmp/dir.after" ||
    { echo "FAIL the store directory changed:"; diff "$tmp/dir.before" "$tmp/dir.after"; fail=1; }

# ---- TLS: a certificate no authority signed is refused; no scheme but
# http/https is followed
if [ -n "$tls" ]; then
    tport=$(cat "$tmp/port.tls")
    run tls fetch wdi MS.MIL.XPND.GD.ZS --into "$tmp/a" --cache "$cache" \
        --base-url "https://127.0.0.1:$tport" --retries 0
    expect_rc tls 3
    expect_in tls err "https://127.0.0.1:$tport/v2/en/indicator/MS.MIL.XPND.GD.ZS?downloadformat=csv"
    expect_in tls err "certificate"
    [ "$(sum)" = "$before" ] || { echo "FAIL tls: the store or cache changed"; fail=1; }
else
    echo "note: openssl missing, the TLS verification case is skipped"
fi
run ftp fetch wdi MS.MIL.XPND.GD.ZS --into "$tmp/a" --cache "$cache" \
    --base-url "$base/ftp" --retries 0
expect_rc ftp 3
expect_in ftp err "refused scheme (http and https only"
[ "$(sum)" = "$before" ] || { echo "FAIL ftp: the store or cache changed"; fail=1; }

# ---- a 503 with Retry-After, then the figures
run flaky fetch wdi MS.MIL.XPND.GD.ZS --into "$tmp/fl" --cache "$tmp/cache2" \
    --base-url "$base/flaky" --retries 2
expect_rc flaky 0
expect_in flaky err "HTTP 503 Service Unavailable"
expect_in flaky err "retrying in 1 s (attempt 2)"
expect_in flaky out "-> HTTP 200 (attempt 2)"

# ---- one series of two fails: the other is kept, exit non-zero
run part fetch wdi NY.GDP.MKTP.CD XX.NO.SUCH --into "$tmp/p" --cache "$cache"
expect_rc part 1
expect_in part err "fetch wdi XX.NO.SUCH:"
expect_in part out "fetched wdi NY.GDP.MKTP.CD:"
expect_in part out "failed: 1 of 2 series"
grep -q '^JPN,2022,calendar,gdp,' "$tmp/p/imports.csv" ||
    { echo "FAIL NY.GDP.MKTP.CD not imported beside the failure"; fail=1; }

# ---- fred: vintage from Last-Modified; import of the cached file agrees
run fred fetch fred EXJPUS --annualize --into "$tmp/f" --cache "$cache"
expect_rc fred 0
expect_in fred out "file date 2026-02-24: the server's Last-Modified header"
expect_in fred out "vintage 2026-02-24 from the file's modification date"
# the 2024 average from the excerpt's own monthly cells
avg=$(awk -F, '$1 ~ /^2024-/ {s += $2; n++} END {if (n == 12) printf "%.4f", s / 12}' \
    "$data/import/fred/EXJPUS_excerpt.csv")
got=$(awk -F, '$1 == "JPN" && $2 == 2024 && $4 == "fx" {printf "%.4f", $5}' "$tmp/f/imports.csv")
[ -n "$avg" ] && [ "$got" = "$avg" ] ||
    { echo "FAIL JPN fx 2024 '$got', expected the 12-month average $avg"; fail=1; }
run fimp import "$cache/fred_EXJPUS_$today.csv" --annualize --into "$tmp/f2"
cmp -s "$tmp/f/imports.csv" "$tmp/f2/imports.csv" ||
    { echo "FAIL import of the cached FRED file gives another store"; fail=1; }

# ---- imf: NGDPD in units, WEO April 2021, projections from 2021
run imf fetch imf NGDPD --country JPN,KOR --into "$tmp/i" --cache "$cache"
expect_rc imf 0
expect_in imf out 'WEO release "World Economic Outlook (April 2021)"'
tail -1 "$tmp/log" | grep -q 'GET /external/datamapper/api/v1/indicators ' ||
    { echo "FAIL no metadata request"; fail=1; }
grep -q "GET /external/datamapper/api/v1/NGDPD/JPN/KOR " "$tmp/log" ||
    { echo "FAIL the countries were not asked of the API"; fail=1; }
for y in 2020 2021; do
    cell=$(python3 -c "import json,sys; print(repr(json.load(open(sys.argv[1]))['values']['NGDPD']['JPN'][sys.argv[2]]))" \
        "$data/fetch/imf_NGDPD.json" $y)
    want=$(python3 -c "from decimal import Decimal; import sys; print(repr(float(Decimal(sys.argv[1]) * 10**9)))" "$cell")
    line=$(grep "^JPN,$y,calendar,gdp," "$tmp/i/imports.csv")
    got=$(echo "$line" | cut -d, -f5)
    python3 -c "import sys; sys.exit(float(sys.argv[1]) != float(sys.argv[2]))" "$got" "$want" ||
        { echo "FAIL JPN $y gdp $got, expected $want (from $cell bn)"; fail=1; }
    echo "$line" | grep -qF ',USD,current,imf_weo,"IMF WEO NGDPD via DataMapper (GDP, current prices, Billions of U.S. dollars)",2021-04-01,' ||
        { echo "FAIL JPN $y: $line"; fail=1; }
    case $y in
    2020) echo "$line" | grep -q 'projection' && { echo "FAIL 2020 flagged projection"; fail=1; } ;;
    2021) echo "$line" | grep -q ',projection,' || { echo "FAIL 2021 not a projection: $line"; fail=1; } ;;
    esac
done
grep -q '^USA,' "$tmp/i/imports.csv" && { echo "FAIL USA imported though not asked for"; fail=1; }
run iimp import "$cache/imf_NGDPD_JPN-KOR_$today.json" --into "$tmp/i2"
cmp -s "$tmp/i/imports.csv" "$tmp/i2/imports.csv" ||
    { echo "FAIL import of the cached DataMapper file gives another store"; fail=1; }

# ---- imf NGDP gives the figures, flags and vintage the WEO loader reads
# from the WEO export of the same release (tests/data/import/weo)
run imf2 fetch imf NGDP --country JPN --into "$tmp/i3" --cache "$cache"
expect_rc imf2 0
run weo import "$data/import/weo/apr2021_ngdp_lcu_excerpt_utf16le.xls" \
    --country JPN --into "$tmp/w"
expect_rc weo 0
key() { awk -F, '$1 == "JPN" && $4 == "gdp" && $6 == "JPY" {
        n = split($0, f, ","); print $2, $5, $(n - 1) }' "$1" | sort; }
key "$tmp/i3/imports.csv" >"$tmp/k.imf"
key "$tmp/w/imports.csv" >"$tmp/k.weo"
[ -s "$tmp/k.imf" ] && cmp -s "$tmp/k.imf" "$tmp/k.weo" ||
    { echo "FAIL DataMapper NGDP and the WEO export differ:"; diff "$tmp/k.imf" "$tmp/k.weo"; fail=1; }
grep -c ',2021-04-01,' "$tmp/i3/imports.csv" | grep -q '^8$' ||
    { echo "FAIL NGDP JPN: not 8 figures of vintage 2021-04-01"; fail=1; }

# two indicators, one metadata request
n=$(grep -c 'api/v1/indicators ' "$tmp/log")
run imf3 fetch imf NGDPD NGDP --country KOR --into "$tmp/i4" --cache "$cache"
expect_rc imf3 0
expect_in imf3 out "format imf, 7 observations"
expect_in imf3 out "format imf, 8 observations"
[ "$(grep -c 'api/v1/indicators ' "$tmp/log")" = $((n + 1)) ] ||
    { echo "FAIL the metadata was not asked for exactly once"; fail=1; }

# ---- malformed DataMapper responses: errors with their place, store untouched
before=$(cksum <"$tmp/i/imports.csv")
printf '{"values":{"NGDPD":{"JPN":{"2020":"5048.688"}}},"api":{"version":"1"}}' >"$tmp/str.json"
printf '{"values":{"NGDPD":{"JPN":{"20x0":1.5}}},"api":{"version":"1"}}' >"$tmp/year.json"
printf '{"values":{"NGDPD":{"JPN":{"2020":1.5,\n"2020":2}}},"api":{}}' >"$tmp/dup.json"
printf '{"values":{"NGDPD":{"JPN":{"2020":1.5}}},"indicators":{"NGDPD":{"unit":"Millions of U.S. dollars"}},"api":{}}' >"$tmp/unit.json"
printf '{"api":{"version":"1","output-method":"json"}}' >"$tmp/none.json"
printf '{"values":{"NGDPD":{"JPN":{"2020":1.5' >"$tmp/cut.json"
for f in str year dup unit none cut; do
    run "bad_$f" import "$tmp/$f.json" --format imf --into "$tmp/i" --vintage 2021-04-01
    expect_rc "bad_$f" 1
    [ "$(cksum <"$tmp/i/imports.csv")" = "$before" ] ||
        { echo "FAIL bad $f.json changed the store"; fail=1; }
done
expect_in bad_str err "str.json: NGDPD JPN 2020: the value is not a number"
expect_in bad_year err "year.json: NGDPD JPN: invalid year '20x0'"
expect_in bad_dup err "dup.json:2:"
expect_in bad_unit err "unit 'Millions of U.S. dollars', expected billions"
expect_in bad_none err "none.json: no \"values\" object"
expect_in bad_cut err "cut.json:1:"
run nojson fetch imf NGDPX --into "$tmp/i" --cache "$cache"
expect_rc nojson 1
expect_in nojson err "no \"values\" object"
[ "$(cksum <"$tmp/i/imports.csv")" = "$before" ] ||
    { echo "FAIL an unknown IMF indicator changed the store"; fail=1; }

# ---- url: any file a loader recognises; the vintage from its content
run url fetch url "$base/files/API_NY.GDP.MKTP.CD_DS2_en_csv_v2_26_excerpt.zip" \
    --into "$tmp/url" --cache "$cache"
expect_rc url 0
expect_in url out "format wdi, "
grep -q ',World Bank WDI NY.GDP.MKTP.CD,2024-03-28,' "$tmp/url/imports.csv" ||
    { echo "FAIL url: not the vintage the file states (2024-03-28)"; fail=1; }
run urlbad fetch url "$base/files/imf_indicators.json" --into "$tmp/url" \
    --cache "$cache"
expect_rc urlbad 1
expect_in urlbad err "cannot tell the format of this file from its content"
ls "$cache" | grep -q '^url_imf_indicators' &&
    { echo "FAIL url: an unreadable response was cached"; fail=1; }

# ---- proxies from the environment are used (the local server as proxy)
n=$(requests)
http_proxy=$base DEFSPEND_FETCH_BASE_FRED=http://fred.example.invalid \
    run proxy fetch fred EXJPUS --annualize --dry-run --into "$tmp/f" --cache "$tmp/cache3"
expect_rc proxy 0
expect_in proxy out "dry run, nothing written"
tail -1 "$tmp/log" | grep -q 'GET http://fred.example.invalid/graph/fredgraph.csv?id=EXJPUS ' ||
    { echo "FAIL http_proxy not used:"; tail -1 "$tmp/log"; fail=1; }

# ---- usage errors
run badsrc fetch wdii NY.GDP.MKTP.CD
expect_rc badsrc 2
expect_in badsrc err "unknown source 'wdii'; did you mean 'wdi'?"
run monthly fetch fred EXJPUS --into "$tmp/m" --cache "$tmp/cache4"
expect_rc monthly 2
expect_in monthly err "use --annualize"
[ -e "$tmp/m" ] && { echo "FAIL a store was made for a refused series"; fail=1; }
[ -e "$tmp/cache4/fred_EXJPUS_$today.csv" ] &&
    { echo "FAIL a refused response was cached"; fail=1; }
run badcode fetch wdi '../etc'
expect_rc badcode 2
run badurl fetch url file:///etc/passwd
expect_rc badurl 2

exit $fail
