#!/usr/bin/env python3
"""run_bad.py DEFSPEND - feed defspend every hostile input in MANIFEST.

For each case the runner makes a store directory holding a valid
imports.csv (a copy of seed-store.csv) and runs

  import:  defspend import --into STORE OPTIONS FILE   (in the file's dir)
  data:    defspend --data DIR data list               (FILE as DIR/bad.csv)

then checks: no crash (signal) and no timeout; the exit status; for a
failure, stderr is exactly "defspend: error: MESSAGE" and stdout is
empty; for success (import cases run with --dry-run), MESSAGE is a line
of stdout; and the store directory is byte-identical to before, with no
file added (no output, no temporary file left behind).

The big inputs (10 MB field, zip bombs) are written by make_bad.py --big
into a temporary directory first.  DS_GOLDEN_WRAPPER (e.g. valgrind) is
put before defspend, as in tests/cli/run_golden.sh.  Exit 0 when every
case passes, 1 otherwise.
"""
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, '..', '..')
SEED_STORE = os.path.join(HERE, 'seed-store.csv')


def parse_manifest(path):
    cases = []
    for n, line in enumerate(open(path, encoding='utf-8'), 1):
        line = line.rstrip('\n')
        if not line.strip() or line.startswith('#'):
            continue
        parts = [p.strip() for p in line.split(' | ', 4)]
        if len(parts) != 5:
            raise SystemExit('%s:%d: expected FILE | MODE | OPTIONS | EXIT | MESSAGE'
                             % (path, n))
        name, mode, opts, status, msg = parts
        cases.append((n, name, mode, shlex.split(opts), int(status), msg))
    return cases


def snapshot(d):
    out = {}
    for root, _, files in os.walk(d):
        for f in files:
            p = os.path.join(root, f)
            out[os.path.relpath(p, d)] = open(p, 'rb').read()
    return out


def main():
    if len(sys.argv) < 2:
        raise SystemExit('usage: run_bad.py DEFSPEND [CASE...]')
    exe = os.path.abspath(sys.argv[1])
    only = set(sys.argv[2:])
    wrapper = shlex.split(os.environ.get('DS_GOLDEN_WRAPPER', ''))
    cases = parse_manifest(os.path.join(HERE, 'MANIFEST'))
    tmp = tempfile.mkdtemp(prefix='defspend-bad-')
    big = os.path.join(tmp, 'big')
    if not only or any(not os.path.exists(os.path.join(HERE, 'files', c)) for c in only):
        subprocess.run([sys.executable, os.path.join(HERE, 'make_bad.py'), '--big', big],
                       check=True)
    env = {'PATH': os.environ.get('PATH', '/usr/bin:/bin'), 'LC_ALL': 'C',
           'DEFSPEND_DATA': os.path.join(SRC, 'datasets'),
           'HOME': os.path.join(tmp, 'home')}
    failed = 0
    ran = 0
    for n, name, mode, opts, status, msg in cases:
        if only and name not in only:
            continue
        ran += 1
        where = os.path.join(HERE, 'files')
        if not os.path.exists(os.path.join(where, name)):
            where = big
        if not os.path.exists(os.path.join(where, name)):
            print('FAIL %s: no such input' % name)
            failed += 1
            continue
        work = tempfile.mkdtemp(dir=tmp)
        store = os.path.join(work, 'store')
        os.mkdir(store)
        if mode == 'import':
            shutil.copy(SEED_STORE, os.path.join(store, 'imports.csv'))
            args = ['import', '--into', store] + opts
            if status == 0:
                args.append('--dry-run')
            args.append(name)
            cwd = where
        elif mode == 'data':
            shutil.copy(os.path.join(where, name), os.path.join(store, name))
            args = ['--data-only', '--data', 'store'] + opts + ['data', 'list']
            cwd = work
        else:
            raise SystemExit('MANIFEST:%d: unknown mode %r' % (n, mode))
        before = snapshot(work)
        listing = sorted(os.listdir(where))
        try:
            r = subprocess.run(wrapper + [exe] + args, cwd=cwd, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               timeout=600 if wrapper else 60)
        except subprocess.TimeoutExpired:
            print('FAIL %s: timed out' % name)
            failed += 1
            continue
        out = r.stdout.decode('utf-8', 'replace')
        errs = r.stderr.decode('utf-8', 'replace')
        problems = []
        if r.returncode < 0:
            problems.append('killed by signal %d' % -r.returncode)
        elif r.returncode != status:
            problems.append('exit %d, expected %d' % (r.returncode, status))
        if status != 0:
            want = 'defspend: error: ' + msg + '\n'
            # the error line, then at most a hint of the exact command to
            # run instead ("defspend: to ..., run:" and the command line)
            first, _, rest = errs.partition('\n')
            hint = rest.split('\n')
            if (rest and len(hint) == 3 and hint[0].startswith('defspend: to ')
                    and hint[0].endswith(', run:') and
                    hint[1].startswith('  defspend ') and hint[2] == ''):
                errs = first + '\n'
            if errs != want:
                problems.append('stderr\n  got:      %r\n  expected: %r' % (errs, want))
            if out:
                problems.append('stdout not empty: %r' % out[:200])
        else:
            if msg not in out.splitlines():
                problems.append('stdout has no line %r:\n%s' % (msg, out))
            if errs:
                problems.append('stderr not empty: %r' % errs[:300])
        if snapshot(work) != before:
            problems.append('the store directory changed')
        if sorted(os.listdir(where)) != listing:
            problems.append('files appeared beside the input')
        if problems:
            failed += 1
            print('FAIL %s (MANIFEST line %d): %s' % (name, n, '; '.join(problems)))
        else:
            print('ok   %s' % name)
        shutil.rmtree(work)
    shutil.rmtree(tmp)
    print('%d cases, %d failed' % (ran, failed))
    return 1 if failed or not ran else 0


if __name__ == '__main__':
    sys.exit(main())
