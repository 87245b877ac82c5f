# RUN: %python %s
# Seed 000's self-attention by hand: W is the 3x3 all-ones matrix and
# a_i = (i, i, i), so q_i = k_i = v_i = W a_i = (3i, 3i, 3i) (the seed's
# matrix (q_1 .. q_4) with rows 3 6 9 12), d = 3 and the scores are
#   alpha_ij = q_i . k_j / sqrt(3) = 27 i j / sqrt(3) = 9 sqrt(3) i j,
# i.e. 9 sqrt(3) j for the first query, as the seed computes. The seed then
# writes hat-alpha = alpha / sum without exponentiating (a slip); the
# softmax it goes on to use, and the one checked here, is
#   b_i = sum_j e^{alpha_ij} v_j / sum_j e^{alpha_ij},
# so b_1 = (3 + 6E + 9E^2 + 12E^3) / (1 + E + E^2 + E^3) per component with
# E = e^{9 sqrt 3}. Computed in float64 in closed form (exponents shifted by
# their maximum). The last query's scores reach 144 sqrt 3 = 249: e^249
# overflows float32 (max ~e^88.7), so finite, correct outputs show that the
# softmax is max-subtracted. The causal variant masks keys j > i: the first
# query sees only itself (b_1 = v_1, no 0/0 NaN from a fully masked row).
import math

import nnctest
import numpy as np

SRC = """
model seed000 {
  input a : f32[4, 3]          # row i-1 is a_i
  param W : f32[3, 3] = ones
  q = a @ transpose(W)         # row i-1 is (W a_i)^T; q = k = v
  output b  = attention(q, q, q)
  output bc = attention(q, q, q, causal=true)
  output scores = q @ transpose(q) / 1.7320508075688772   # / sqrt(d)
}
"""


def closed_form(causal):
    q = np.array([[3.0 * i] * 3 for i in range(1, 5)])        # q_i = k_i = v_i
    out = np.zeros((4, 3))
    for i in range(1, 5):
        js = np.arange(1, (i if causal else 4) + 1)
        alpha = 9.0 * math.sqrt(3.0) * i * js                 # alpha_ij
        w = np.exp(alpha - alpha.max())
        w /= w.sum()
        out[i - 1] = (w[:, None] * q[js - 1]).sum(axis=0)
    return out


# The seed's own expression for b_1, literally, in float64.
E = math.exp(9.0 * math.sqrt(3.0))
b1_seed = (3 + 6 * E + 9 * E ** 2 + 12 * E ** 3) / (1 + E + E ** 2 + E ** 3)

a = np.array([[float(i)] * 3 for i in range(1, 5)], dtype=np.float32)
model = nnctest.compile_model(SRC, "seed000")
out = model.run(inputs={"a": a})

scores = out["scores"].astype(np.float64)
ref_scores = 9.0 * math.sqrt(3.0) * np.outer(np.arange(1, 5), np.arange(1, 5))
nnctest.assert_forward_close("scores = 9 sqrt(3) i j", scores, ref_scores)
print("scores row 1:", scores[0], "(9 sqrt 3 j =", ref_scores[0], ")")
with np.errstate(over="ignore"):
    overflows = bool(np.isinf(np.exp(np.float32(scores.max()))))
print("largest score %.2f: e^score overflows float32: %s" %
      (scores.max(), overflows))
nnctest.report("the largest score overflows exp in float32", overflows, "")

for name, causal in (("b", False), ("bc", True)):
    ours = out[name].astype(np.float64)
    ref = closed_form(causal)
    finite = bool(np.isfinite(ours).all())
    nnctest.report(name + " finite (no inf/NaN)", finite, str(ours.tolist()))
    err = np.abs(ours - ref).max()
    print("%s: nnc\n%s\nclosed form (float64)\n%s\nmax abs error %.3g "
          "(max relative %.3g)" % (name, ours, ref, err,
                                   (np.abs(ours - ref) / np.abs(ref)).max()))
    nnctest.assert_forward_close(name + " vs closed form", ours, ref,
                                 rtol=1e-6)

ours_b1 = out["b"][0].astype(np.float64)
print("b_1: nnc %s, seed's expression %.17g, |difference| %.3g" %
      (ours_b1, b1_seed, np.abs(ours_b1 - b1_seed).max()))
nnctest.report("b_1 vs the seed's expression",
               np.abs(ours_b1 - b1_seed).max() <= 1e-6 * 12, "")
nnctest.report("causal b_1 = v_1 = (3, 3, 3)",
               np.array_equal(out["bc"][0], np.float32([3, 3, 3])),
               str(out["bc"][0]))
nnctest.finish()
