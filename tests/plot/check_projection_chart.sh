#!/bin/sh
# Issue 16, item 5: the projection chart (.plot.gp and .plot.csv, shipped
# datasets; gnuplot not needed).
#   - Japan in US$: the y label claims no held rate; the history is "at
#     each year's rate" and the projection "at ¥151.37/$ held" (key, the
#     projection line's label, footnote);
#   - no gap: every projected column (baseline, paths) starts at the last
#     data year, at the data's value;
#   - the FY2025 budget (enacted) and FY2026 (draft) are points of their
#     own columns, at the yen figures of datasets/japan_mod_budget.csv
#     over the chart's held rate (FY2024 yen / the baseline in US$), with
#     "enacted" / "draft" notes;
#   - Korea (its store has US$ GDP only) and the United States (US$ is
#     its currency): no exchange rate in the script at all;
#   - --view share: a % of GDP axis, the history equal to the published
#     WDI shares of datasets/wdi_milex_gdp_pct.csv, the paths ending at
#     the targets; bad --view values and --view share --simulate are usage
#     errors.
# usage: check_projection_chart.sh DEFSPEND
set -u
exe=$1
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
ds=${DEFSPEND_DATA:?}
fail=0
plot() {
    name=$1
    shift
    DEFSPEND_GNUPLOT=/nonexistent/gnuplot "$exe" plot projection "$@" \
        --out "$tmp/$name.png" >/dev/null 2>"$tmp/$name.err"
    [ -s "$tmp/$name.plot.gp" ] || { echo "FAIL $name: no script"; cat "$tmp/$name.err"; fail=1; }
}
plot jpn --country JPN
gp=$tmp/jpn.plot.gp csv=$tmp/jpn.plot.csv
grep "^set ylabel" "$gp" | grep -q 'held\|/\$' && { echo "FAIL jpn: the y label names a held rate"; fail=1; }
grep -q "title 'data: US\$ at each year''s rate'" "$gp" || { echo "FAIL jpn: history not said to be at each year's rate"; fail=1; }
grep -q "^set label ' projection at ¥151.37/\$ held' at first 2024" "$gp" || { echo "FAIL jpn: projection line not labelled with the held rate"; fail=1; }
src=$(sed -n "s/^set label '\(.*\)' at character 1, .*/\1/p" "$gp" | tr '\n' ' ')
echo "$src" | grep -q "history at each year''s exchange rate; projection at ¥151.37/\$ held from 2024" ||
    { echo "FAIL jpn: footnote lacks the two rates: $src"; fail=1; }
# no gap: the first year of every projected column is the last data year
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) h[i] = $i; next }
    $2 != "" { lastd = $1; lastv = $2 }
    { for (i = 3; i <= NF; i++) if ($i != "" && !(i in first)) { first[i] = $1; fv[i] = $i } }
    END {
        n = 0
        for (i in first) if (h[i] ~ /^(baseline|path_)/) {
            n++
            if (first[i] != lastd || fv[i] != lastv) {
                printf "FAIL jpn: %s starts %s at %s, the data ends %s at %s\n", h[i], first[i], fv[i], lastd, lastv; bad = 1 }
        }
        if (n < 3) { print "FAIL jpn: projected columns missing"; bad = 1 }
        exit bad }' "$csv" || fail=1
# enacted / draft budgets from the dataset over the held rate
yen() { awk -F, -v y="$1" '$1 == "JPN" && $2 == y && $4 == "milex" && $6 == "JPY" && $8 == "mod_budget" { print $5; f = $11 } END { }' "$ds/japan_mod_budget.csv"; }
flags() { awk -F, -v y="$1" '$1 == "JPN" && $2 == y && $4 == "milex" && $6 == "JPY" && $8 == "mod_budget" { print $11 }' "$ds/japan_mod_budget.csv"; }
y24=$(yen 2024) y25=$(yen 2025) y26=$(yen 2026)
[ "$(flags 2025)" = "" ] && [ "$(flags 2026)" = "draft" ] || { echo "FAIL: the dataset's FY2025/FY2026 flags changed"; fail=1; }
awk -F, -v y24="$y24" -v y25="$y25" -v y26="$y26" '
    NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $1 == 2024 { rate = y24 / ($c["baseline_usd_bn"] * 1e9) }
    $1 == 2025 { e = $c["budget_enacted_usd_bn"]; d25 = $c["budget_draft_usd_bn"] }
    $1 == 2026 { d = $c["budget_draft_usd_bn"]; e26 = $c["budget_enacted_usd_bn"] }
    END {
        we = y25 / rate / 1e9; wd = y26 / rate / 1e9
        if (e == "" || (e - we) ^ 2 > 1e-12 * we ^ 2) { printf "FAIL jpn: enacted FY2025 %s, expected %.6f (rate %.4f)\n", e, we, rate; bad = 1 }
        if (d == "" || (d - wd) ^ 2 > 1e-12 * wd ^ 2) { printf "FAIL jpn: draft FY2026 %s, expected %.6f\n", d, wd; bad = 1 }
        if (d25 != "" || e26 != "") { print "FAIL jpn: a budget in the wrong column"; bad = 1 }
        exit bad }' "$csv" || fail=1
grep -q "^set label 'enacted' at first 2025, " "$gp" && grep -q "^set label 'draft' at first 2026, " "$gp" ||
    { echo "FAIL jpn: no enacted/draft labels"; fail=1; }
grep -q "with points .* title 'enacted budget FY2025: ¥8.70 tn'" "$gp" &&
    grep -q "with points .* title 'draft budget FY2026: ¥9.04 tn'" "$gp" ||
    { echo "FAIL jpn: no enacted/draft points in the key"; fail=1; }
# US$ figures: no rate anywhere
for c in KOR USA; do
    plot "$c" --country "$c"
    if grep -n "per US\\\$\|/\\\$\| held'\| held from" "$tmp/$c.plot.gp"; then
        echo "FAIL $c: an exchange rate named for US\$ figures"; fail=1
    fi
    grep -q 'all figures in current US\$' "$tmp/$c.plot.gp" || { echo "FAIL $c: footnote does not say US\$ throughout"; fail=1; }
done
# the share view
plot share --country JPN --view share
gp=$tmp/share.plot.gp csv=$tmp/share.plot.csv
grep -q "^set ylabel '.*% of GDP'" "$gp" || { echo "FAIL share: y label"; fail=1; }
grep -v '^#' "$gp" | grep -n 'US\$\|/\$' && { echo "FAIL share: US\$ in the share view"; fail=1; }
awk -F, 'NR == FNR { if ($1 == "JPN" && $4 == "milex_gdp_pct") pub[$2] = $5; next }
    FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $2 != "" { n++; if (!($1 in pub) || ($2 - pub[$1]) ^ 2 > 1e-18) { printf "FAIL share: %s is %s, published %s\n", $1, $2, pub[$1]; bad = 1 } }
    { p35 = $c["path_3.5_gdp_pct"]; p5 = $c["path_5_gdp_pct"] }
    END { if (n < 5) { print "FAIL share: too few data years"; bad = 1 }
          if ((p35 - 3.5) ^ 2 > 1e-18 || (p5 - 5) ^ 2 > 1e-18) { printf "FAIL share: paths end at %s and %s\n", p35, p5; bad = 1 }
          exit bad }' "$ds/wdi_milex_gdp_pct.csv" "$csv" || fail=1
# usage errors
"$exe" plot projection --view bogus --out "$tmp/x.png" >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "invalid view 'bogus' (expected usd or share)" "$tmp/err" || { echo "FAIL: --view bogus"; cat "$tmp/err"; fail=1; }
"$exe" plot projection --view share --simulate 10 --out "$tmp/x.png" >/dev/null 2>"$tmp/err"
[ $? = 2 ] || { echo "FAIL: --view share --simulate accepted"; fail=1; }
[ $fail = 0 ] && echo "ok: rates said, no gap, enacted/draft points, US\$ countries without rate, share view"
exit $fail
