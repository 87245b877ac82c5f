"""Runs `NNC --check` on many generated inputs; every run must end with
status 0 and no error, or status 1 and exactly one located error line
("FILE:LINE:COL: error: ..."), within a time limit. A crash (signal), a hang,
any other status or a cascade of errors fails the test; the offending input
is kept in WORKDIR.

  nnc_fuzz.py NNC WORKDIR prefixes FILE STRIDE   every STRIDE-th prefix
  nnc_fuzz.py NNC WORKDIR random SEED COUNT      random bytes
  nnc_fuzz.py NNC WORKDIR mutate FILE SEED COUNT random edits of FILE
"""
import os
import random
import re
import shutil
import subprocess
import sys

TIME_LIMIT_SECONDS = 20

nnc, workdir, mode = sys.argv[1], sys.argv[2], sys.argv[3]
args = sys.argv[4:]
shutil.rmtree(workdir, ignore_errors=True)
os.makedirs(workdir)


def cases():
    if mode == 'prefixes':
        data = open(args[0], 'rb').read()
        for end in range(0, len(data) + 1, int(args[1])):
            yield data[:end]
    elif mode == 'random':
        rng = random.Random(int(args[0]))
        for _ in range(int(args[1])):
            alphabet = rng.choice([bytes(range(256)), b'()[]{}=,:@*+-/#\n 0123456789.e_abxyz'])
            yield bytes(rng.choice(alphabet) for _ in range(rng.randint(0, 4000)))
    elif mode == 'mutate':
        data = open(args[0], 'rb').read()
        rng = random.Random(int(args[1]))
        snippets = [b'(', b')', b'[', b']', b'{', b'}', b',', b'=', b'\n', b'#',
                    b'\xff', b'\x00', b'-', b'@', b'lstm(', b'def f(x) {\n return f(x)\n}\n',
                    b'99999999999999999999999', b'1e400', b'[-1]', b'f32[0]', b'const(',
                    b'reshape(x, [-1, -1])', b'grad wrt ', b'loss L = ', b'_, _ = ']
        for _ in range(int(args[2])):
            s = bytearray(data)
            for _ in range(rng.randint(1, 6)):
                pos = rng.randrange(len(s) + 1)
                op = rng.randrange(4)
                if op == 0 and pos < len(s):
                    s[pos] = rng.randrange(256)
                elif op == 1:
                    del s[pos:pos + rng.randint(1, 40)]
                elif op == 2:
                    a, b = sorted(rng.randrange(len(s) + 1) for _ in range(2))
                    s[pos:pos] = s[a:b][:300]
                else:
                    s[pos:pos] = rng.choice(snippets)
            yield bytes(s)
    else:
        sys.exit('unknown mode ' + mode)


located = re.compile(rb'^.+:\d+:\d+: error: ', re.M)
count = failures = 0
for data in cases():
    path = os.path.join(workdir, 'case%d.nn' % count)
    count += 1
    with open(path, 'wb') as f:
        f.write(data)
    try:
        run = subprocess.run([nnc, '--check', path], capture_output=True,
                             timeout=TIME_LIMIT_SECONDS)
    except subprocess.TimeoutExpired:
        print('FAIL %s: no answer within %d s' % (path, TIME_LIMIT_SECONDS))
        failures += 1
        continue
    errors = len(located.findall(run.stderr))
    if run.returncode == 0 and b': error: ' not in run.stderr:
        os.remove(path)
        continue
    if run.returncode == 1 and errors == 1 and run.stderr.count(b': error: ') == 1:
        os.remove(path)
        continue
    print('FAIL %s: status %d, %d located errors\n%s' %
          (path, run.returncode, errors, run.stderr[:2000].decode('utf-8', 'replace')))
    failures += 1

print('checked %d cases, %d failures' % (count, failures))
sys.exit(1 if failures else 0)
