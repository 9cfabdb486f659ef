#!/bin/sh
# `report --title T --date 2026-11-30 --pdf` (issue 16, items 10-12):
# report.md, report.html and report.pdf are written and listed; the
# title, the date, the data cut-off, the key findings (sentences with the
# computed figures of `scenarios` and `project`) and the methods are in
# both the Markdown and the HTML; prose names countries, not codes; the
# captions name no script; each inline SVG's <title> is its chart's title;
# the charts' source notes are at least 10 px where the page is 1080 px
# wide; the licences name each publisher used; the PDF has one page per
# print section (a page break before each h2 of class "pb", each section
# fitting a page); the same inputs give a byte-identical report; without
# Chromium the exit status is 4 with a message, and report.md and
# report.html are still written.  Skips (77) without gnuplot; the PDF
# part skips without Chromium.  SIPRI_XLSX: tests/data/sipri/sipri-excerpt.xlsx
# (see its README), imported into a scratch store for the licences line.
# usage: check_report_pdf.sh DEFSPEND SIPRI_XLSX
set -u
exe=$1 xlsx=$2
command -v gnuplot >/dev/null 2>&1 || { echo "gnuplot not installed"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0
browser=
for b in chromium chromium-browser google-chrome; do
    command -v "$b" >/dev/null 2>&1 && { browser=$b; break; }
done

# without a browser: exit 4, a clear message, the rest written
DEFSPEND_CHROMIUM=/nonexistent/chromium "$exe" report --out "$tmp/n" \
    --title T --date 2026-11-30 --simulate 200 --pdf >"$tmp/out" 2>"$tmp/err"
rc=$?
[ $rc = 4 ] || { echo "FAIL exit status without Chromium: $rc"; fail=1; }
grep -q 'without report.pdf: Chromium is not installed' "$tmp/err" ||
    { echo "FAIL no message without Chromium:"; cat "$tmp/err"; fail=1; }
[ -s "$tmp/n/report.md" ] && [ -s "$tmp/n/report.html" ] ||
    { echo "FAIL report.md/report.html not written without Chromium"; fail=1; }
[ -e "$tmp/n/report.pdf" ] && { echo "FAIL a PDF without Chromium"; fail=1; }
# the same inputs and date: the same report
DEFSPEND_CHROMIUM=/nonexistent/chromium "$exe" report --out "$tmp/n2" \
    --title T --date 2026-11-30 --simulate 200 --pdf >/dev/null 2>&1
for f in report.md report.html; do
    cmp -s "$tmp/n/$f" "$tmp/n2/$f" || { echo "FAIL $f differs between two runs"; fail=1; }
done
"$exe" report --out "$tmp/bad" --date 2026-02-30 >/dev/null 2>"$tmp/err" &&
    { echo "FAIL --date 2026-02-30 accepted"; fail=1; }
grep -q "is not a date" "$tmp/err" || { echo "FAIL bad date message"; cat "$tmp/err"; fail=1; }

# the licences name each publisher used: with SIPRI's workbook imported
# and --source sipri, SIPRI's terms beside the World Bank's licence
XDG_DATA_HOME="$tmp/xdg" "$exe" import "$xlsx" >/dev/null 2>"$tmp/err" ||
    { echo "FAIL import of the SIPRI excerpt"; cat "$tmp/err"; fail=1; }
XDG_DATA_HOME="$tmp/xdg" DEFSPEND_GNUPLOT=/nonexistent/gnuplot "$exe" --data "$tmp/xdg/defspend" report \
    --out "$tmp/sipri" --source sipri --simulate 0 --date 2026-11-30 >/dev/null 2>&1
for want in "SIPRI Military Expenditure Database: SIPRI terms" \
            "World Bank World Development Indicators: CC BY 4.0" \
            "Japan Ministry of Defense budgets"; do
    grep -qF "$want" "$tmp/sipri/report.md" ||
        { echo "FAIL licences without '$want'"; grep -i licen "$tmp/sipri/report.md"; fail=1; }
done
grep -qF "SIPRI terms" "$tmp/n/report.md" && { echo "FAIL SIPRI's terms without SIPRI data"; fail=1; }

# another country: names read in a sentence, no rate for a country
# without figures in its own currency, "military expenditure" for a
# baseline that is not a budget
DEFSPEND_GNUPLOT=/nonexistent/gnuplot "$exe" report --out "$tmp/usa" \
    --country USA --simulate 0 --date 2026-11-30 >/dev/null 2>&1
f=$(sed -n '/^## Key findings/,/^## Summary/p' "$tmp/usa/report.md")
printf '%s' "$f" | grep -qF "The United States' 2024 military expenditure" ||
    { echo "FAIL the US findings:"; printf '%s\n' "$f"; fail=1; }
printf '%s' "$f" | grep -qE "USD per US|United States's|USA ranks" &&
    { echo "FAIL the US findings read badly:"; printf '%s\n' "$f"; fail=1; }

if [ -z "$browser" ]; then
    echo "chromium not installed: PDF part skipped"
    [ $fail = 0 ] && echo "ok: report without Chromium"
    exit $fail
fi
r="$tmp/r"
"$exe" report --out "$r" --title T --date 2026-11-30 --pdf >"$tmp/out" 2>"$tmp/err" ||
    { echo "FAIL report --pdf exit status $?"; cat "$tmp/err"; exit 1; }
for f in report.md report.html report.pdf; do
    [ -s "$r/$f" ] || { echo "FAIL missing $f"; fail=1; }
    grep -qx "$r/$f" "$tmp/out" || { echo "FAIL $f not listed"; fail=1; }
done
[ -s "$tmp/err" ] && { echo "FAIL stderr:"; cat "$tmp/err"; fail=1; }
md="$r/report.md" html="$r/report.html"
# the figures the findings must carry: `scenarios` and `project`
s35=$("$exe" scenarios --targets 3.5 | sed -n 's/^ *3\.5% *\(\$[0-9.]* [bt]n\).*/\1/p' | head -1)
cum=$("$exe" project --targets 3.5 --by 2035 | sed -n 's/^Total extra over the baseline 2025-2035: \(\$[0-9.]* [bt]n\).*/\1/p')
[ -n "$s35" ] && [ -n "$cum" ] || { echo "FAIL cannot read scenarios/project figures ('$s35' '$cum')"; fail=1; }
for f in "$md" "$html"; do
    # Markdown escapes ( ) and . at line starts; compare on the text
    t=$(sed 's/\\//g' "$f")
    for want in "Report date: 2026-11-30" "Data cut-off: 2026-02-24" \
                "Key findings" "Methods and caveats" \
                "At 3.5% of 2024 GDP Japan would spend $s35" \
                "reaching 3.5% by 2035 on a linear path costs $cum" \
                "Japan ranks 8th" "Fiscal and calendar years" \
                "military expenditure was 0.94% of GDP in 1990" \
                "Exchange rates:" "Definitions:" "Monte Carlo: 2000 draws" \
                "CC BY 4.0" "Japan Ministry of Defense budgets"; do
        printf '%s' "$t" | grep -qF "$want" || { echo "FAIL $(basename "$f"): no '$want'"; fail=1; }
    done
    printf '%s' "$t" | grep -qE 'JPN ranks|\(script: ' && { echo "FAIL $(basename "$f"): codes or scripts in prose"; fail=1; }
done
grep -q '^# T$' "$md" || { echo "FAIL title in Markdown"; fail=1; }
grep -q '<h1>T</h1>' "$html" || { echo "FAIL title in HTML"; fail=1; }
grep -q '<title>Gnuplot</title>' "$html" && { echo "FAIL an SVG titled Gnuplot"; fail=1; }
[ "$(grep -c '<title>Japan (JPN): ' "$html")" -ge 4 ] || { echo "FAIL SVG titles are not the charts' titles"; fail=1; }
# the smallest text of each chart (its source notes), drawn 1080 px wide
grep -q 'max-width:1080px' "$html" || { echo "FAIL the page is not 1080 px wide"; fail=1; }
awk '/viewBox="0 0 / {w = $3} match($0, /font-size="[0-9.]+"/) {
        f = substr($0, RSTART + 11, RLENGTH - 12) + 0
        if (w && f * 1080 / w < 10) { print "FAIL text of " f " units in a " w "-wide chart: " f * 1080 / w " px"; bad = 1; exit }
     } END { exit bad }' "$html" || fail=1
# pages: one per print section (the first page holds the title, the key
# findings and the summary)
nsec=$(grep -c '<h2 class="pb">' "$html")
if command -v pdfinfo >/dev/null 2>&1; then
    pages=$(pdfinfo "$r/report.pdf" | sed -n 's/^Pages: *//p')
else
    pages=$(grep -aoE '/Type */Page([^s]|$)' "$r/report.pdf" | wc -l)
fi
[ "$nsec" -ge 7 ] || { echo "FAIL only $nsec page-breaking sections"; fail=1; }
[ "$pages" = $((nsec + 1)) ] || { echo "FAIL the PDF has $pages pages, the print CSS $((nsec + 1))"; fail=1; }
head -c 5 "$r/report.pdf" | grep -q '%PDF-' || { echo "FAIL report.pdf is not a PDF"; fail=1; }
[ $fail = 0 ] && echo "ok: report --pdf, $pages pages, findings and methods in md and html"
exit $fail
