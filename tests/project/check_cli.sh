#!/bin/sh
# CLI checks for project/convert/sensitivity/compare: exit codes, the CSV
# interface scripts depend on, stated assumptions and errors.  No timing.
set -u
exe=$1
fail=0
t() { # name, expected exit status, command...
  name=$1; want=$2; shift 2
  out=$("$@" 2>/tmp/ds_cli_err.$$); rc=$?
  if [ "$rc" != "$want" ]; then
    echo "FAIL $name: exit $rc, expected $want"; cat /tmp/ds_cli_err.$$; fail=1
  fi
  printf '%s' "$out" > /tmp/ds_cli_out.$$
}
has() { # name, fixed string expected in the last output
  if ! grep -qF -- "$2" /tmp/ds_cli_out.$$; then
    echo "FAIL $1: output lacks '$2'"; fail=1
  fi
}
err_is() {
  if [ "$(cat /tmp/ds_cli_err.$$)" != "$2" ]; then
    echo "FAIL $1: stderr '$(cat /tmp/ds_cli_err.$$)', expected '$2'"; fail=1
  fi
}
t default 0 "$exe" project
has default "Japan (JPN): defense spending paths to 3.5% and 5% of GDP, 2024-2035"
has default "log-linear least squares fit of GDP in JPY 2015-2024"
has default "Ministry of Defense initial budget incl. SACO/US-realignment costs, FY2024 (Apr 2024-Mar 2025)"
t csv 0 "$exe" project --format csv --simulate 1000 --seed 7 --growth 2
has csv "country,target_pct,year,gdp_usd,spend_usd,share_pct,extra_usd,cumulative_extra_usd,"
has csv "spend_usd_p5,spend_usd_p25,spend_usd_p50,spend_usd_p75,spend_usd_p95"
lines=$(wc -l < /tmp/ds_cli_out.$$)
[ "$lines" = 24 ] || { echo "FAIL csv: $lines lines, expected 24 (header + 2 x 12 rows, last newline stripped)"; fail=1; }
t seed 0 "$exe" project --simulate 2000 --target 3.5
has seed "seed 20250601"
t json 0 "$exe" project --format json --discount 3
has json '"pv_cumulative_extra_usd"'
t weo 1 "$exe" project --gdp-source weo
err_is weo "defspend: error: no GDP forecast growth (flag projection, one vintage holding 2024 and 2025) for JPN in the store; import a forecast such as an IMF World Economic Outlook file first"
t badgrowth 2 "$exe" project --growth abc
err_is badgrowth "defspend: error: --growth: invalid number 'abc'"
t bypast 2 "$exe" project --by 2020
t growthlow 2 "$exe" project --growth -50
err_is growthlow "defspend: error: --growth: growth '-50' is outside the accepted range -20% to +50% a year"
t growthhigh 2 "$exe" project --growth 50.5
t plangrowth 2 "$exe" project --plan-growth 60
err_is plangrowth "defspend: error: --plan-growth: growth '60' is outside the accepted range -20% to +50% a year"
t planbad 2 "$exe" project --plan doubling
t plantwo 2 "$exe" project --plan enacted --plan-growth 2
t repgrowth 2 "$exe" report --out /nonexistent-ds-dir --growth -50
err_is repgrowth "defspend: error: --growth: growth '-50' is outside the accepted range -20% to +50% a year"
t repsrc 2 "$exe" report --out /nonexistent-ds-dir --gdp-source nowcast
err_is repsrc "defspend: error: invalid GDP source 'nowcast' (expected fit, growth or weo)"
t plan 0 "$exe" project --simulate 2000 --plan enacted --target 3.5
has plan "the last budget (FY2026 draft, Japan MoD budget table [S27 S28 S29]) extended at the budgets' growth FY2023-FY2026, 9.819% a year"
has plan "spending needed to reach it with probability 50% / 90% / 95%"
t conv 0 "$exe" convert --country JPN --indicator milex --definition mod_budget --to calendar-year
has conv "CY t = 0.25 * FY t-1 + 0.75 * FY t"
t convusd 0 "$exe" convert --country JPN --indicator gdp --to usd --rate 150 --format csv
has convusd "given by the user"
t convbad 2 "$exe" convert --country JPN --indicator gdp --to euros
t sens 0 "$exe" sensitivity --targets 3.5,5 --growths 0,2
has sens "Spending in 2035, current US\$:"
t sensr 0 "$exe" sensitivity --rates 120,150,180 --format csv
t cmp 0 "$exe" compare --group nato --targets 2,3.5,5
has cmp "Group nato, 32 members"
has cmp "Iceland (ISL)"
t cmpmiss 0 "$exe" compare --countries JPN,ARE --year 2023
has cmpmiss "no WDI figure for 2023; latest 2014"
t cmphelp 0 "$exe" compare --help
has cmphelp "--source DEF"
t cmpsrc 2 "$exe" compare --source imf_weo
err_is cmpsrc "defspend: error: no military expenditure by definition 'imf_weo' in the store (definitions with it: wdi, nato, mod_budget, jp_security_related, mod_budget_excl_saco)"
t cmpgrp 2 "$exe" compare --group asean
rm -f /tmp/ds_cli_out.$$ /tmp/ds_cli_err.$$
exit $fail
