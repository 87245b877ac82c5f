# RUN: %python %s
# attention (plain and causal, batched), multihead_attention (heads 1, 2, 4;
# [B,T,D] and [T,D]) against an explicit PyTorch implementation with the same
# weight convention (LANGUAGE.md section 4), and layernorm against
# torch.nn.functional.layer_norm: outputs and every gradient, odd sizes.
import math

import nnctest
import torch
import torch.nn.functional as F


def torch_attention(q, k, v, causal):
    s = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1])
    if causal:
        tq, tk = s.shape[-2], s.shape[-1]
        mask = torch.triu(torch.ones(tq, tk, dtype=torch.bool), diagonal=1)
        s = s.masked_fill(mask, float("-inf"))
    return torch.softmax(s, dim=-1) @ v


def dims(shape):
    return ", ".join(str(d) for d in shape)


def attention_case(batch, tq, tk, d, dv, causal, seed):
    r = nnctest.rng(seed)
    qs, ks, vs = batch + [tq, d], batch + [tk, d], batch + [tk, dv]
    src = f"""
model m {{
  input q : f32[{dims(qs)}]
  input k : f32[{dims(ks)}]
  input v : f32[{dims(vs)}]
  input r : f32[{dims(batch + [tq, dv])}]
  output o = attention(q, k, v, causal={'true' if causal else 'false'})
  loss L = sum(o * r)
  grad wrt q, k, v
}}
"""
    inputs = {"q": nnctest.randn(r, *qs), "k": nnctest.randn(r, *ks),
              "v": nnctest.randn(r, *vs), "r": nnctest.randn(r, *batch, tq, dv)}

    def ref(q, k, v, r):
        o = torch_attention(q, k, v, causal)
        return {"o": o, "L": (o * r).sum()}

    m = nnctest.compile_model(src)
    nnctest.compare_with_torch(m, ref, inputs, {}, ["o"], "L",
                               wrt=["q", "k", "v"],
                               tag="attention%s" % ((batch, tq, tk, d, dv, causal),))


def mha_case(batch, t, dmodel, heads, causal, seed):
    r = nnctest.rng(seed)
    xs = batch + [t, dmodel]
    src = f"""
model m {{
  input x : f32[{dims(xs)}]
  input r : f32[{dims(xs)}]
  param wq : f32[{dmodel}, {dmodel}] = xavier
  param wk : f32[{dmodel}, {dmodel}] = xavier
  param wv : f32[{dmodel}, {dmodel}] = xavier
  param wo : f32[{dmodel}, {dmodel}] = xavier
  output y = multihead_attention(x, wq, wk, wv, wo, heads={heads}, causal={'true' if causal else 'false'})
  loss L = sum(y * r)
  grad wrt x
}}
"""
    inputs = {"x": nnctest.randn(r, *xs), "r": nnctest.randn(r, *xs)}
    params = {n: nnctest.randn(r, dmodel, dmodel, scale=dmodel ** -0.5)
              for n in ("wq", "wk", "wv", "wo")}
    dh = dmodel // heads

    def ref(x, r, wq, wk, wv, wo):
        Q, K, V = x @ wq, x @ wk, x @ wv
        outs = [torch_attention(Q[..., j * dh:(j + 1) * dh],
                                K[..., j * dh:(j + 1) * dh],
                                V[..., j * dh:(j + 1) * dh], causal)
                for j in range(heads)]
        y = torch.cat(outs, dim=-1) @ wo
        return {"y": y, "L": (y * r).sum()}

    m = nnctest.compile_model(src)
    nnctest.compare_with_torch(m, ref, inputs, params, ["y"], "L", wrt=["x"],
                               tag="mha%s" % ((batch, t, dmodel, heads, causal),))


def layernorm_case(shape, eps, seed):
    r = nnctest.rng(seed)
    d = shape[-1]
    eps_arg = "" if eps is None else ", eps=%g" % eps
    src = f"""
model m {{
  input x : f32[{dims(shape)}]
  input r : f32[{dims(shape)}]
  param gamma : f32[{d}] = ones
  param beta : f32[{d}] = zeros
  output y = layernorm(x, gamma, beta{eps_arg})
  loss L = sum(y * r)
  grad wrt x
}}
"""
    inputs = {"x": nnctest.randn(r, *shape, scale=3.0) + 1.5,
              "r": nnctest.randn(r, *shape)}
    params = {"gamma": nnctest.randn(r, d), "beta": nnctest.randn(r, d)}

    def ref(x, r, gamma, beta):
        y = F.layer_norm(x, (d,), gamma, beta, 1e-5 if eps is None else eps)
        return {"y": y, "L": (y * r).sum()}

    m = nnctest.compile_model(src)
    nnctest.compare_with_torch(m, ref, inputs, params, ["y"], "L", wrt=["x"],
                               tag="layernorm%s" % ((shape, eps),))


seed = 0
for batch in ([], [3], [2, 3]):
    for tq, tk, d, dv in ((5, 7, 4, 3), (7, 5, 4, 3), (13, 13, 7, 5),
                          (1, 1, 1, 1)):
        # causal with Tq != Tk: query i sees keys j <= i (LANGUAGE.md).
        for causal in (False, True):
            attention_case(batch, tq, tk, d, dv, causal, seed)
            seed += 1
for batch in ([], [3]):
    for heads in (1, 2, 4):
        for causal in (False, True):
            mha_case(batch, 7, 12, heads, causal, seed)
            seed += 1
for shape, eps in (([7, 13], None), ([2, 3, 5], 1e-3), ([1, 1], None)):
    layernorm_case(shape, eps, seed)
    seed += 1
nnctest.finish()
