"""gen_stress.py OUTDIR: writes the large inputs of the robustness tests,
which are too big or too regular to keep in the repository."""
import os
import shutil
import sys

out = sys.argv[1]
shutil.rmtree(out, ignore_errors=True)
os.makedirs(out)
HEAD = 'model m {\n  input x : f32[4]\n'


def write(name, text):
    data = text if isinstance(text, bytes) else text.encode()
    with open(os.path.join(out, name), 'wb') as f:
        f.write(data)


def defs(body_of, count, call):
    text = 'def g0(x) {\n  return x\n}\n'
    for i in range(1, count + 1):
        text += 'def g%d(x) {\n  return %s\n}\n' % (i, body_of(i))
    return text + HEAD + '  output y = %s\n}\n' % call


# Nesting far beyond the limit of 200 brackets.
write('parens-10000.nn', HEAD + '  y = ' + '(' * 10000 + 'x' + ')' * 10000 + '\n}\n')
write('brackets-10000.nn', HEAD + '  y = reshape(x, ' + '[' * 10000 + '4' + ']' * 10000 + ')\n}\n')
write('calls-10000.nn', HEAD + '  y = ' + 'relu(' * 10000 + 'x' + ')' * 10000 + '\n}\n')
write('open-parens-1mb.nn', '(' * (1 << 20))
write('open-brackets-1mb.nn', HEAD + '  y = ' + '[' * (1 << 20))
# Just inside the limit: valid.
write('nesting-200.nn', HEAD + '  y = ' + '(' * 200 + 'x' + ')' * 200 + '\n  output y\n}\n')
# Unary minus is not recursive: 100000 of them are fine.
write('minus-100000.nn', HEAD + '  output y = ' + '-' * 100000 + 'x\n}\n')
# A def chain, nesting inside defs, and exponential inlining.
write('defs-nested-parens.nn',
      defs(lambda i: '(' * 190 + 'g%d(x)' % (i - 1) + ')' * 190, 100, 'g100(x)'))
write('defs-200-deep.nn', defs(lambda i: 'g%d(x)' % (i - 1), 200, 'g200(x)'))
# A cycle through 3000 defs: g0 calls g3000, g_i calls g_(i-1).
write('defs-cycle-3000.nn',
      defs(lambda i: 'g%d(x)' % (i - 1), 3000, 'g3000(x)').replace(
          'def g0(x) {\n  return x\n}', 'def g0(x) {\n  return g3000(x)\n}'))
write('defs-exponential.nn',
      defs(lambda i: 'g%d(x) + g%d(x)' % (i - 1, i - 1), 60, 'g60(x)'))
# One line of 1 MB: a valid chain, then garbage.
write('long-chain.nn', HEAD + '  output y = x' + ' + x' * 250000 + '\n}\n')
write('long-garbage-line.nn', HEAD + '  y = x' + ' x' * 500000 + '\n}\n')
# Everything else that is big.
write('rank-100000.nn', 'model m {\n  input x : f32[' + '1, ' * 99999 + '1]\n}\n')
write('reshape-100000.nn', HEAD + '  y = reshape(x, [' + '1, ' * 99999 + '4])\n}\n')
write('nul-bytes.nn', b'\0' * 100000)
# A 1000-statement def inlined 2^16 times: stopped by the evaluation budget.
big_body = ''.join('  a%d = %d\n' % (i, i) for i in range(1000))
write('defs-big-body.nn',
      'def g0(x) {\n' + big_body + '  return x\n}\n' +
      ''.join('def g%d(x) {\n  return g%d(g%d(x))\n}\n' % (i, i - 1, i - 1)
              for i in range(1, 17)) +
      HEAD + '  output y = g16(x)\n}\n')
# A long list bound once and used many times.
write('long-list.nn', HEAD + '  k = [' + ', '.join(['1'] * 100000) + ']\n' +
      ''.join('  y%d = reshape(x, k)\n' % i for i in range(1000)) + '}\n')
write('many-statements.nn', HEAD + ''.join('  y%d = relu(x)\n' % i for i in range(100000)) + '}\n')
