# RUN: %python %s
# `M check` passes on multi-head self-attention with heads 1, 2 and 4, plain
# and causal, and fails once the gradient rule of einsum, softmax,
# causal_mask or mul is scaled by 1.5 (Inputs/checkcorrupt.py).
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "Inputs"))
import checkcorrupt  # noqa: E402
import nnctest  # noqa: E402

MHA = """
model m {
  input x : f32[2, 6, 8]
  input r : f32[2, 6, 8]
  param wq : f32[8, 8] = xavier
  param wk : f32[8, 8] = xavier
  param wv : f32[8, 8] = xavier
  param wo : f32[8, 8] = xavier
  output y = multihead_attention(x, wq, wk, wv, wo, heads=%d, causal=%s)
  loss L = sum(tanh(y - r))
  grad wrt x
}
"""

for heads in (1, 2, 4):
    for causal in (False, True):
        checkcorrupt.case("mha heads=%d causal=%s" % (heads, causal),
                          ["einsum", "softmax", "mul"] +
                          (["causal_mask"] if causal else []),
                          MHA % (heads, "true" if causal else "false"))
nnctest.finish()
