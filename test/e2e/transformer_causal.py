# RUN: %python %s
# Seed 002's encoder/decoder difference, measured on
# examples/transformer/transformer.nn: the decoder block's output at
# position t does not depend on the inputs at positions > t (causal
# self-attention), the encoder block's does. Then the language model: the
# logits of char_transformer_sample at positions <= t do not change when
# the characters after t do (what sample.py relies on), and they equal
# char_transformer's logits for the same window (same params and inits).
import os

import nnctest
import numpy as np

example = nnctest.example(os.path.join("transformer", "transformer.nn"))
source = open(example).read()
r = nnctest.rng(0)

# Blocks: x [2, TS=6, DS=8]; change every position after t.
for name, causal in (("decoder", True), ("encoder", False)):
    m = nnctest.Model(source, name, ["--model", name])
    x = nnctest.randn(r, 2, 6, 8)
    rr = nnctest.randn(r, 2, 6, 8)
    y = m.run(inputs={"x": x, "r": rr})["y"]
    for t in range(5):
        x2 = x.copy()
        x2[:, t + 1:] = nnctest.randn(r, 2, 5 - t, 8)
        y2 = m.run(inputs={"x": x2, "r": rr})["y"]
        past = float(np.abs(y2[:, :t + 1] - y[:, :t + 1]).max())
        future = float(np.abs(y2[:, t + 1:] - y[:, t + 1:]).max())
        if causal:
            nnctest.report("decoder: y[:, :%d] unchanged by x[:, %d:]" %
                           (t + 1, t + 1), past == 0.0,
                           "max change %.3g (later positions: %.3g)" %
                           (past, future))
        else:
            nnctest.report("encoder: y[:, :%d] changed by x[:, %d:]" %
                           (t + 1, t + 1), past > 1e-3,
                           "max change %.3g" % past)

# The language model with its default (initial) params.
T, V = 64, 97
sample = nnctest.Model(source, "sample", ["--model", "char_transformer_sample"])
lm = nnctest.Model(source, "lm", ["--model", "char_transformer"])
ids = r.integers(0, V, size=(16, T)).astype(np.int32)
logits3 = lm.run(inputs={"ids": ids, "targets": ids})["logits3"]
base = sample.run(inputs={"ids": ids[:1]})["logits"]
nnctest.assert_forward_close("sample logits = char_transformer's logits3[0]",
                             base, logits3[0], rtol=1e-4)
for t in (0, 5, 31, 62):
    ids2 = ids[:1].copy()
    ids2[0, t + 1:] = r.integers(0, V, size=T - t - 1)
    other = sample.run(inputs={"ids": ids2})["logits"]
    past = float(np.abs(other[:t + 1] - base[:t + 1]).max())
    future = float(np.abs(other[t + 1:] - base[t + 1:]).max())
    nnctest.report("lm: logits[:%d] unchanged by ids[%d:]" % (t + 1, t + 1),
                   past == 0.0 and future > 1e-3,
                   "max change %.3g (later positions: %.3g)" % (past, future))
nnctest.finish()
