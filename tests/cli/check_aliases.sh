#!/bin/sh
# The names analysts type resolve to the right country (issue 13, 3): the
# aliases in the shipped datasets/meta/countries.csv, through `defspend
# countries NAME` and `defspend scenarios --country NAME`.
# usage: check_aliases.sh DEFSPEND
set -u
exe=$1
fail=0
while IFS='|' read -r name iso; do
    [ -n "$name" ] || continue
    got=$("$exe" countries "$name" 2>&1 | cut -f1 | head -n 1)
    if [ "$got" != "$iso" ]; then
        echo "FAIL: countries '$name' gave '$got', expected $iso"
        fail=1
    fi
done <<'LIST'
ROK|KOR
South Korea|KOR
Republic of Korea|KOR
Korea, Rep.|KOR
UK|GBR
Britain|GBR
Great Britain|GBR
US|USA
USA|USA
United States of America|USA
Türkiye|TUR
Turkey|TUR
Czechia|CZE
Czech Republic|CZE
Russia|RUS
Viet Nam|VNM
Vietnam|VNM
Taiwan|TWN
ROC|TWN
DPRK|PRK
North Korea|PRK
PRC|CHN
UAE|ARE
japan|JPN
LIST
"$exe" scenarios --country ROK --format csv >/dev/null 2>&1 ||
    { echo "FAIL: scenarios --country ROK"; fail=1; }
[ $fail = 0 ] && echo "ok: aliases resolve"
exit $fail
