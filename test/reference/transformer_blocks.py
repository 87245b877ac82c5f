# RUN: %python %s
# The encoder and decoder blocks of examples/transformer/transformer.nn
# (posenc + multi-head self-attention + residual + layernorm + feed-forward +
# residual + layernorm, written with `def`; the decoder's attention causal)
# against the same blocks written out in PyTorch (float64): output, loss and
# every gradient (x and all twelve params).
import math

import nnctest
import numpy as np
import torch
import torch.nn.functional as F

T, D, HEADS, FF = 6, 8, 2, 16  # the example's TS, DS, heads and FFN width


def posenc(t, d):
    # LANGUAGE.md: PE[t, 2i] = sin(t / 10000^(2i/d)), PE[t, 2i+1] = cos(...)
    pos = np.arange(t)[:, None]
    angle = pos / 10000 ** (2 * np.arange(d // 2)[None, :] / d)
    pe = np.zeros((t, d))
    pe[:, 0::2], pe[:, 1::2] = np.sin(angle), np.cos(angle)
    return torch.tensor(pe)


def attention(q, k, v, causal):
    s = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1])
    if causal:
        mask = torch.triu(torch.ones(s.shape[-2], s.shape[-1],
                                     dtype=torch.bool), diagonal=1)
        s = s.masked_fill(mask, float("-inf"))
    return torch.softmax(s, dim=-1) @ v


def block(causal):
    def ref(x, r, wq, wk, wv, wo, g1, be1, w1, b1, w2, b2, g2, be2):
        x = x + posenc(T, D)
        q, k, v = x @ wq, x @ wk, x @ wv
        dh = D // HEADS
        heads = [attention(q[..., j * dh:(j + 1) * dh],
                           k[..., j * dh:(j + 1) * dh],
                           v[..., j * dh:(j + 1) * dh], causal)
                 for j in range(HEADS)]
        a = torch.cat(heads, dim=-1) @ wo
        h = F.layer_norm(x + a, (D,), g1, be1)
        f = F.linear(torch.relu(F.linear(h, w1, b1)), w2, b2)
        y = F.layer_norm(h + f, (D,), g2, be2)
        return {"y": y, "L": torch.tanh(y - r).sum()}
    return ref


source = open(nnctest.example("transformer/transformer.nn")).read()
shapes = {"wq": (D, D), "wk": (D, D), "wv": (D, D), "wo": (D, D),
          "g1": (D,), "be1": (D,), "w1": (FF, D), "b1": (FF,),
          "w2": (D, FF), "b2": (D,), "g2": (D,), "be2": (D,)}
for seed, (model, causal) in enumerate((("encoder", False),
                                        ("decoder", True))):
    r = nnctest.rng(100 + seed)
    params = {k: nnctest.randn(r, *s, scale=0.5 if len(s) == 2 else 1.0)
              for k, s in shapes.items()}
    inputs = {"x": nnctest.randn(r, 2, T, D), "r": nnctest.randn(r, 2, T, D)}
    m = nnctest.Model(source, name=model, nnc_args=("--model", model))
    nnctest.compare_with_torch(m, block(causal), inputs, params, ["y"], "L",
                               wrt=["x"], tag=model)
nnctest.finish()
