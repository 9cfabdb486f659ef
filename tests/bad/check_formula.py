#!/usr/bin/env python3
"""check_formula.py DEFSPEND - spreadsheet formula injection.

Imports figures whose source and note begin with =, +, -, @, tab and CR
(the characters a spreadsheet takes as the start of a formula) into a
fresh store, then checks that
  - the store's own imports.csv keeps every text exactly (it is data,
    read back by defspend: lossless, RFC 4180 quoting only), and
  - every CSV export (data show, data latest, scenarios) writes no text
    cell starting with one of them: such text gets a leading apostrophe.
A number such as -5 is not text and stays as it is.
"""
import csv
import io
import os
import subprocess
import sys
import tempfile

HOSTILE = ['=HYPERLINK("http://evil/","x")', '+cmd|\' /C calc\'!A0', '-2+3',
           '@SUM(A1:A9)', '\t=1+1', '\r=1+1']
HEAD = ('country,year,year_basis,indicator,value,currency,price_basis,'
        'definition,source,vintage,flags,note')


def q(s):
    return '"' + s.replace('"', '""') + '"'


def main():
    exe = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix='defspend-formula-')
    rows = [HEAD]
    for i, h in enumerate(HOSTILE):
        rows.append('JPN,%d,calendar,gdp,%s,USD,current,wdi,%s,2024-03-28,,%s'
                    % (2010 + i, 4.1e12 + i, q(h), q(h)))
    rows.append('JPN,2016,calendar,milex_gdp_pct,-1.5,,,wdi,plain,2024-03-28,,')
    src = os.path.join(tmp, 'hostile.csv')
    open(src, 'w', newline='').write('\n'.join(rows) + '\n')
    store = os.path.join(tmp, 'store')
    env = dict(os.environ, LC_ALL='C')
    fail = 0
    r = subprocess.run([exe, 'import', '--into', store, '--format', 'tidy', src],
                       env=env, capture_output=True)
    if r.returncode:
        print('FAIL import: %s' % r.stderr.decode())
        return 1
    # 1. the store is lossless
    kept = list(csv.DictReader(open(os.path.join(store, 'imports.csv'), newline='')))
    got = sorted(r['source'] for r in kept if r['source'] != 'plain')
    if got != sorted(HOSTILE):
        print('FAIL store: sources not kept exactly: %r' % got)
        fail = 1
    # 2. the exports are safe
    runs = [['data', 'show', '--country', 'JPN', '--indicator', 'gdp', '--format', 'csv'],
            ['data', 'latest', '--indicator', 'gdp', '--countries', 'JPN', '--format', 'csv'],
            ['scenarios', '--country', 'JPN', '--year', '2012', '--baseline', 'none',
             '--format', 'csv']]
    for args in runs:
        r = subprocess.run([exe, '--data-only', '--data', store] + args, env=env, capture_output=True)
        name = ' '.join(args[:2])
        if r.returncode:
            print('FAIL %s: exit %d: %s' % (name, r.returncode, r.stderr.decode()))
            fail = 1
            continue
        text = r.stdout.decode()
        cells = [c for row in csv.reader(io.StringIO(text, newline='')) for c in row]
        bad = []
        for c in cells:
            if c and c[0] in '=+-@\t\r':
                try:
                    float(c)
                except ValueError:
                    bad.append(c)
        if bad:
            print('FAIL %s: cells a spreadsheet runs as formulas: %r' % (name, bad))
            fail = 1
        elif not any(c.startswith("'") for c in cells):
            print('FAIL %s: no neutralised cell in the output:\n%s' % (name, text))
            fail = 1
        else:
            print('ok   %s' % name)
    return fail


if __name__ == '__main__':
    sys.exit(main())
