# RUN: %python %s
# The recurrence is a loop, not unrolled: the IR of rnn and lstm models
# (forward and backward) has the same ops, op for op, at T = 4 and T = 40
# after lowering to linalg (--emit=linalg), and nearly the same number of
# ops in the LLVM dialect (--emit=llvm-mlir: the T*B-row projection matmul
# gets different edge tiles), while an unrolled recurrence would grow 10x. Also: one
# scf.for in each forward function and two (forward + reversed) in each
# backward function.
import collections
import os
import re
import subprocess
import sys

NNC = os.path.join(os.environ.get("NNC_BIN_DIR", ""), "nnc")

RNN = """
model m {{
  input x  : f32[{T}, 2, 6]
  input h0 : f32[2, 16]
  param w_ih : f32[16, 6] = xavier
  param w_hh : f32[16, 16] = xavier
  param b_ih : f32[16] = zeros
  param b_hh : f32[16] = zeros
  y, hT = rnn(x, w_ih, w_hh, b_ih, b_hh, h0)
  loss L = sum(y[-1]) + mean(y)
  grad wrt x
}}
"""
LSTM = """
model m {{
  input x  : f32[{T}, 2, 6]
  input h0 : f32[2, 16]
  input c0 : f32[2, 16]
  param w_ih : f32[64, 6] = xavier
  param w_hh : f32[64, 16] = xavier
  param b_ih : f32[64] = zeros
  param b_hh : f32[64] = zeros
  y, hT, cT = lstm(x, w_ih, w_hh, b_ih, b_hh, h0, c0)
  loss L = sum(y[-1]) + mean(y) + sum(cT)
  grad wrt x, h0, c0
}}
"""
OP = re.compile(r'^\s*(?:%[^=]*=\s*)?"?([a-z_][a-z0-9_]*\.[a-z0-9_.]+)')


def ops(text):
    return collections.Counter(m.group(1) for m in map(OP.match,
                                                       text.splitlines()) if m)


def emit(src, stage, tmp):
    with open(tmp, "w") as f:
        f.write(src)
    r = subprocess.run([NNC, tmp, "--emit=" + stage], capture_output=True,
                       text=True)
    if r.returncode != 0:
        sys.exit("nnc --emit=%s failed:\n%s" % (stage, r.stderr))
    return r.stdout


def functions(text):
    """{function name: body text} of the top-level func.func ops."""
    out, name = {}, None
    for line in text.splitlines():
        m = re.match(r"\s*func\.func @(\w+)", line)
        if m:
            name = m.group(1)
            out[name] = []
        elif name:
            out[name].append(line)
    return {k: "\n".join(v) for k, v in out.items()}


failures = []
tmp = os.path.join(os.environ.get("TMPDIR", "/tmp"),
                   "seq-ir-size-%d.nn" % os.getpid())
for label, src in (("rnn", RNN), ("lstm", LSTM)):
    lin = {T: emit(src.format(T=T), "linalg", tmp) for T in (4, 40)}
    a, b = ops(lin[4]), ops(lin[40])
    same = a == b
    print("%s linalg: %d ops at T=4, %d at T=40%s" %
          (label, sum(a.values()), sum(b.values()),
           "" if same else ", differ: %s" % ((a - b) + (b - a))))
    if not same:
        failures.append(label + " linalg")
    for fn, body in functions(lin[40]).items():
        loops = body.count("scf.for")
        want = 1 if fn.endswith("_forward") else 2
        print("  %s: %d scf.for (want %d)" % (fn, loops, want))
        if loops != want:
            failures.append("%s %s loops" % (label, fn))
    ll = {T: sum(ops(emit(src.format(T=T), "llvm-mlir", tmp)).values())
          for T in (4, 40)}
    ratio = ll[40] / ll[4]
    print("%s llvm-mlir: %d ops at T=4, %d at T=40 (x%.3f)" %
          (label, ll[4], ll[40], ratio))
    # The hoisted projection has T*B rows, so its register tiles (and the
    # peeled edge tiles) differ a little with T; an unrolled recurrence
    # would grow about 10x.
    if not 0.9 <= ratio <= 1.15:
        failures.append(label + " llvm-mlir")
os.remove(tmp)
if failures:
    print("FAILED: " + ", ".join(failures))
    sys.exit(1)
print("all passed")
