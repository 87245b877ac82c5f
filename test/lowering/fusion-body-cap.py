# RUN: %python %s
# Regression test: elementwise fusion caps the size of a fused body. Each
# fusion clones both bodies, so fusing an n-statement elementwise chain into
# one generic cost O(n^2) compile time: 3000 statements `y = tanh(y) * x`
# took 14 s to reach --emit=linalg (55 s to an object), a 20000-term sum
# `x + x + ...` 467 s. With the cap, a 400-statement chain lowers to several
# generics of at most 96 body ops each, and compile time is linear.
import os
import re
import subprocess
import sys
import tempfile

NNC = os.path.join(os.environ.get("NNC_BIN_DIR", ""), "nnc")
MAX_BODY_OPS = 96
N = 400

lines = ["model c {", "  input x : f32[4, 8]", "  y0 = x"]
lines += ["  y%d = tanh(y%d) * x" % (i, i - 1) for i in range(1, N + 1)]
lines += ["  output out = y%d" % N, "}"]
with tempfile.NamedTemporaryFile("w", suffix=".nn") as f:
    f.write("\n".join(lines) + "\n")
    f.flush()
    out = subprocess.run([NNC, f.name, "--emit=linalg"], capture_output=True,
                         text=True, check=True).stdout

# Body sizes: the scalar ops between each `linalg.generic` and its yield.
bodies = [len(re.findall(r"= (?:arith|math)\.", body))
          for body in re.findall(r"linalg\.generic(.*?)linalg\.yield", out,
                                 re.S)]
ops = sum(bodies)
print("generics: %d, body ops: %s" % (len(bodies), bodies))
ok = ops >= 2 * N and max(bodies) <= MAX_BODY_OPS and len(bodies) >= 2 * N // MAX_BODY_OPS
print("ok" if ok else "FAIL: expected %d tanh and mul ops in bodies of at most %d ops" % (2 * N, MAX_BODY_OPS))
sys.exit(0 if ok else 1)
