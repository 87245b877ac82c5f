# RUN: %python %s
# torch.nn.RNN / LSTM / LSTMCell / Embedding parity with the same weights:
# outputs, final states, every weight gradient and grad wrt x, h0, c0, for
# several (T, B, I, H) including T = 1 and odd sizes.
import nnctest
import torch

RNN_SRC = """
model m {{
  input x  : f32[{T}, {B}, {I}]
  input h0 : f32[{B}, {H}]
  input ry : f32[{T}, {B}, {H}]
  input rh : f32[{B}, {H}]
  param w_ih : f32[{H}, {I}] = xavier
  param w_hh : f32[{H}, {H}] = xavier
  param b_ih : f32[{H}] = zeros
  param b_hh : f32[{H}] = zeros
  y, hT = rnn(x, w_ih, w_hh, b_ih, b_hh, h0)
  output y
  output hT
  loss L = sum(y * ry) + sum(hT * rh)
  grad wrt x, h0
}}
"""

LSTM_SRC = """
model m {{
  input x  : f32[{T}, {B}, {I}]
  input h0 : f32[{B}, {H}]
  input c0 : f32[{B}, {H}]
  input ry : f32[{T}, {B}, {H}]
  input rh : f32[{B}, {H}]
  input rc : f32[{B}, {H}]
  param w_ih : f32[4 * {H}, {I}] = xavier
  param w_hh : f32[4 * {H}, {H}] = xavier
  param b_ih : f32[4 * {H}] = zeros
  param b_hh : f32[4 * {H}] = zeros
  y, hT, cT = lstm(x, w_ih, w_hh, b_ih, b_hh, h0, c0)
  output y
  output hT
  output cT
  loss L = sum(y * ry) + sum(hT * rh) + sum(cT * rc)
  grad wrt x, h0, c0
}}
"""

CELL_SRC = """
model m {{
  input x : f32[{B}, {I}]
  input h : f32[{B}, {H}]
  input c : f32[{B}, {H}]
  input rh : f32[{B}, {H}]
  input rc : f32[{B}, {H}]
  param w_ih : f32[4 * {H}, {I}] = xavier
  param w_hh : f32[4 * {H}, {H}] = xavier
  param b_ih : f32[4 * {H}] = zeros
  param b_hh : f32[4 * {H}] = zeros
  h1, c1 = lstm_cell(x, h, c, w_ih, w_hh, b_ih, b_hh)
  output h1
  output c1
  loss L = sum(h1 * rh) + sum(c1 * rc)
  grad wrt x, h, c
}}
"""

EMB_SRC = """
model m {{
  input ids : i32[{T}, {B}]
  input r   : f32[{T}, {B}, {E}]
  param table : f32[{V}, {E}] = normal(1.0)
  e = embedding(ids, table)
  output e
  output last = e[-1]
  loss L = sum(e * r)
}}
"""


def rnn_case(T, B, I, H, seed):
    r = nnctest.rng(seed)
    inputs = {"x": nnctest.randn(r, T, B, I), "h0": nnctest.randn(r, B, H),
              "ry": nnctest.randn(r, T, B, H), "rh": nnctest.randn(r, B, H)}
    params = {"w_ih": nnctest.randn(r, H, I, scale=0.4),
              "w_hh": nnctest.randn(r, H, H, scale=0.4),
              "b_ih": nnctest.randn(r, H, scale=0.2),
              "b_hh": nnctest.randn(r, H, scale=0.2)}

    def ref(x, h0, ry, rh, w_ih, w_hh, b_ih, b_hh):
        y, hT = torch._VF.rnn_tanh(x, h0[None], [w_ih, w_hh, b_ih, b_hh],
                                   True, 1, 0.0, False, False, False)
        hT = hT[0]
        return {"y": y, "hT": hT, "L": (y * ry).sum() + (hT * rh).sum()}

    m = nnctest.compile_model(RNN_SRC.format(T=T, B=B, I=I, H=H))
    nnctest.compare_with_torch(m, ref, inputs, params, ["y", "hT"], "L",
                               wrt=["x", "h0"], tag="rnn%s" % ((T, B, I, H),))


def lstm_case(T, B, I, H, seed):
    r = nnctest.rng(seed)
    inputs = {"x": nnctest.randn(r, T, B, I), "h0": nnctest.randn(r, B, H),
              "c0": nnctest.randn(r, B, H), "ry": nnctest.randn(r, T, B, H),
              "rh": nnctest.randn(r, B, H), "rc": nnctest.randn(r, B, H)}
    params = {"w_ih": nnctest.randn(r, 4 * H, I, scale=0.4),
              "w_hh": nnctest.randn(r, 4 * H, H, scale=0.4),
              "b_ih": nnctest.randn(r, 4 * H, scale=0.2),
              "b_hh": nnctest.randn(r, 4 * H, scale=0.2)}

    def ref(x, h0, c0, ry, rh, rc, w_ih, w_hh, b_ih, b_hh):
        # torch.nn.LSTM's own kernel on our tensors (so autograd reaches
        # them): the functional form it calls.
        y, hT, cT = torch._VF.lstm(x, (h0[None], c0[None]),
                                   [w_ih, w_hh, b_ih, b_hh], True, 1, 0.0,
                                   False, False, False)
        hT, cT = hT[0], cT[0]
        return {"y": y, "hT": hT, "cT": cT,
                "L": (y * ry).sum() + (hT * rh).sum() + (cT * rc).sum()}

    m = nnctest.compile_model(LSTM_SRC.format(T=T, B=B, I=I, H=H))
    nnctest.compare_with_torch(m, ref, inputs, params, ["y", "hT", "cT"], "L",
                               wrt=["x", "h0", "c0"],
                               tag="lstm%s" % ((T, B, I, H),))


def cell_case(B, I, H, seed):
    r = nnctest.rng(seed)
    inputs = {"x": nnctest.randn(r, B, I), "h": nnctest.randn(r, B, H),
              "c": nnctest.randn(r, B, H), "rh": nnctest.randn(r, B, H),
              "rc": nnctest.randn(r, B, H)}
    params = {"w_ih": nnctest.randn(r, 4 * H, I, scale=0.4),
              "w_hh": nnctest.randn(r, 4 * H, H, scale=0.4),
              "b_ih": nnctest.randn(r, 4 * H, scale=0.2),
              "b_hh": nnctest.randn(r, 4 * H, scale=0.2)}

    def ref(x, h, c, rh, rc, w_ih, w_hh, b_ih, b_hh):
        h1, c1 = torch._VF.lstm_cell(x, (h, c), w_ih, w_hh, b_ih, b_hh)
        return {"h1": h1, "c1": c1, "L": (h1 * rh).sum() + (c1 * rc).sum()}

    m = nnctest.compile_model(CELL_SRC.format(B=B, I=I, H=H))
    nnctest.compare_with_torch(m, ref, inputs, params, ["h1", "c1"], "L",
                               wrt=["x", "h", "c"], tag="cell%s" % ((B, I, H),))


def embedding_case(T, B, V, E, seed):
    r = nnctest.rng(seed)
    inputs = {"ids": r.integers(0, V, size=(T, B)).astype("int32"),
              "r": nnctest.randn(r, T, B, E)}
    params = {"table": nnctest.randn(r, V, E)}

    def ref(ids, r, table):
        e = torch.nn.functional.embedding(ids, table)
        return {"e": e, "last": e[-1], "L": (e * r).sum()}

    m = nnctest.compile_model(EMB_SRC.format(T=T, B=B, V=V, E=E))
    nnctest.compare_with_torch(m, ref, inputs, params, ["e", "last"], "L",
                               tag="embedding%s" % ((T, B, V, E),))


for i, (T, B, I, H) in enumerate([(1, 1, 1, 1), (5, 3, 7, 13), (1, 4, 3, 5),
                                  (9, 2, 13, 7)]):
    rnn_case(T, B, I, H, 10 + i)
    lstm_case(T, B, I, H, 20 + i)
for i, (B, I, H) in enumerate([(1, 1, 1), (3, 7, 13), (5, 13, 4)]):
    cell_case(B, I, H, 30 + i)
for i, (T, B, V, E) in enumerate([(1, 1, 1, 1), (7, 3, 13, 5), (4, 5, 3, 9)]):
    embedding_case(T, B, V, E, 40 + i)
nnctest.finish()
