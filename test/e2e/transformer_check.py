# RUN: %python %s
# `M check` passes on the encoder and decoder blocks of
# examples/transformer/transformer.nn (posenc + multi-head self-attention +
# residual + layernorm + feed-forward + residual + layernorm; the decoder's
# attention causal) and fails once the gradient rule of einsum, softmax,
# causal_mask or mul is scaled by 1.5 (Inputs/checkcorrupt.py).
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "Inputs"))
import checkcorrupt  # noqa: E402
import nnctest  # noqa: E402

example = nnctest.example(os.path.join("transformer", "transformer.nn"))
checkcorrupt.case("encoder block", ["einsum", "softmax", "mul"],
                  path=example, model="encoder")
checkcorrupt.case("decoder block",
                  ["einsum", "softmax", "causal_mask", "mul"],
                  path=example, model="decoder")
nnctest.finish()
