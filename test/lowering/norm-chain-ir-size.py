# RUN: %python %s
# Regression test: the backward function of a chain of n layernorms (or
# softmaxes) grows linearly in n at the linalg stage, as its nn-level
# backward does. It grew quadratically while elementwise producers were
# fused into (recomputed in) every consumer, consumers themselves fused
# further down (fixed by fusing only single-use producers): scalar
# arith/math ops in the backward of layernorm chains of n = 1..5 on [4, 8]
# were 41, 210, 561, 1088, 1791 (softmax chains: 20, 38, 64, 98, 140), and
# in examples/transformer's char_transformer half of a training step was
# its four layernorms' backward. Now 29, 66, 102, 138, 174 (softmax: 18,
# 26, 34, 42, 50). Expected: the last increment no larger than 1.25x the
# first; a tanh chain for reference.
import os
import re
import subprocess
import sys
import tempfile

NNC = os.path.join(os.environ.get("NNC_BIN_DIR", ""), "nnc")
CHAINS = {
    "layernorm": "layernorm(h{p} * 1.5, g, b)",
    "softmax": "softmax(h{p} * 1.5)",
    "tanh": "tanh(h{p} * 1.5)",
}


def backward_ops(expr, n):
    lines = ["model c {", "  input x : f32[4, 8]", "  input r : f32[4, 8]",
             "  param g : f32[8] = ones", "  param b : f32[8] = zeros",
             "  h0 = x"]
    lines += ["  h%d = %s" % (i, expr.format(p=i - 1)) for i in range(1, n + 1)]
    lines += ["  loss L = sum(h%d * r) + sum(g) + sum(b)" % n, "}"]
    with tempfile.NamedTemporaryFile("w", suffix=".nn") as f:
        f.write("\n".join(lines) + "\n")
        f.flush()
        r = subprocess.run([NNC, f.name, "--emit=linalg"],
                           capture_output=True, text=True, check=True)
    return len(re.findall(r"= (?:arith|math)\.", r.stdout.split("_backward", 1)[1]))


failed = False
for name, expr in CHAINS.items():
    counts = [backward_ops(expr, n) for n in range(1, 6)]
    steps = [b - a for a, b in zip(counts, counts[1:])]
    ok = steps[-1] <= 1.25 * max(steps[0], 1)
    print("%s %-9s backward scalar ops for n = 1..5: %s (increments %s)" %
          ("ok  " if ok else "FAIL", name, counts, steps))
    failed |= not ok
sys.exit(1 if failed else 0)
