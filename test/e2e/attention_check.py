# RUN: %python %s
# `M check` (finite differences of the loss through the forward function,
# directional and --elementwise) passes on small attention, causal attention
# and layernorm models, and fails once the gradient rule of an op the model
# uses is scaled by 1.5 (`nnc --debug-corrupt-grad=OP`, for OP in einsum,
# softmax, causal_mask, mul: Inputs/checkcorrupt.py). The losses are
# sum(tanh(y - r)): no mul of their own, so a corrupted mul is one inside
# the op under test (attention's 1/sqrt(d) scale, layernorm's
# normalisation).
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "Inputs"))
import checkcorrupt  # noqa: E402
import nnctest  # noqa: E402

ATTENTION = """
model m {
  input q : f32[2, 5, 4]
  input k : f32[2, 5, 4]
  input v : f32[2, 5, 3]
  input r : f32[2, 5, 3]
  output o = attention(q, k, v, causal=%s)
  loss L = sum(tanh(o - r))
  grad wrt q, k, v
}
"""

LAYERNORM = """
model m {
  input x : f32[4, 7]
  input r : f32[4, 7]
  param gamma : f32[7] = uniform(0.5, 1.5)
  param beta : f32[7] = uniform(-0.5, 0.5)
  output y = layernorm(x, gamma, beta)
  loss L = sum(tanh(y - r))
  grad wrt x
}
"""

checkcorrupt.case("attention", ["einsum", "softmax", "mul"],
                  ATTENTION % "false")
checkcorrupt.case("causal attention",
                  ["einsum", "softmax", "causal_mask", "mul"],
                  ATTENTION % "true")
checkcorrupt.case("layernorm", ["mul"], LAYERNORM)
nnctest.finish()
