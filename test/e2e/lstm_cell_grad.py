# RUN: %python %s
# RUN: %nnc %examples/lstm_cell.nn -o %t && %t check | FileCheck %s --check-prefix=CHECK
# CHECK: grad_x: max rel error
# CHECK: grad_c: max rel error
# CHECK: PASS
#
# examples/lstm_cell.nn (seed 004: one LSTM step, E = mse(h', target)),
# compiled and run with `M grad`; every gradient (x, h, c, w_ih, w_hh, b_ih,
# b_hh) is compared with
#  1. seed 004's derivation written out gate by gate in float64 numpy, and
#  2. torch autograd on torch.nn.LSTMCell's kernel with the same weights.
# The numpy derivation fixes the seed's slips (it drops the factor o in
# dE/dc_t = E_delta * o * (1 - tanh^2(c_t)), and the factor c_{t-1} in the
# forget-gate terms: dE/df = dE/dc_t * c_{t-1}); the two references must
# agree with each other first, so a slip in this file cannot pass unnoticed.
import nnctest
import numpy as np
import torch

B, I, H = 3, 4, 5


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def seed004(x, h, c, target, w_ih, w_hh, b_ih, b_hh):
    """Seed 004, one step, per gate. Returns forward values and gradients."""
    w_ih, w_hh = w_ih.astype(np.float64), w_hh.astype(np.float64)
    b = b_ih.astype(np.float64) + b_hh
    x, h, c = x.astype(np.float64), h.astype(np.float64), c.astype(np.float64)
    # Gate blocks of the PyTorch layout: rows [kH, (k+1)H) for i, f, g, o.
    Wx = {k: w_ih[n * H:(n + 1) * H] for n, k in enumerate("ifgo")}
    Wh = {k: w_hh[n * H:(n + 1) * H] for n, k in enumerate("ifgo")}
    bb = {k: b[n * H:(n + 1) * H] for n, k in enumerate("ifgo")}
    i = sigmoid(x @ Wx["i"].T + h @ Wh["i"].T + bb["i"])
    f = sigmoid(x @ Wx["f"].T + h @ Wh["f"].T + bb["f"])
    g = np.tanh(x @ Wx["g"].T + h @ Wh["g"].T + bb["g"])
    o = sigmoid(x @ Wx["o"].T + h @ Wh["o"].T + bb["o"])
    c_t = c * f + i * g
    h_t = np.tanh(c_t) * o
    E = np.mean((h_t - target) ** 2)

    E_delta = 2.0 * (h_t - target) / h_t.size          # dE/dh_t
    dc_t = E_delta * o * (1 - np.tanh(c_t) ** 2)       # dE/dc_t
    # dE/d(pre-activation) of each gate
    da = {"o": E_delta * np.tanh(c_t) * o * (1 - o),
          "g": dc_t * i * (1 - g ** 2),
          "i": dc_t * g * i * (1 - i),
          "f": dc_t * c * f * (1 - f)}
    grads = {}
    # dE/dw_x* = da^T x_t, dE/dw_h* = da^T h_{t-1}, dE/db* = sum over batch
    grads["w_ih"] = np.concatenate([da[k].T @ x for k in "ifgo"])
    grads["w_hh"] = np.concatenate([da[k].T @ h for k in "ifgo"])
    grads["b_ih"] = np.concatenate([da[k].sum(0) for k in "ifgo"])
    grads["b_hh"] = grads["b_ih"]
    grads["x"] = sum(da[k] @ Wx[k] for k in "ifgo")    # dE/dx_t
    grads["h"] = sum(da[k] @ Wh[k] for k in "ifgo")    # dE/dh_{t-1}
    grads["c"] = dc_t * f                              # dE/dc_{t-1}
    return {"h1": h_t, "c1": c_t, "E": E, "f": f, "dc_t": dc_t}, grads


def torch_ref(x, h, c, target, w_ih, w_hh, b_ih, b_hh):
    t = {k: torch.tensor(np.asarray(v, dtype=np.float64), requires_grad=True)
         for k, v in dict(x=x, h=h, c=c, w_ih=w_ih, w_hh=w_hh, b_ih=b_ih,
                          b_hh=b_hh).items()}
    h1, c1 = torch._VF.lstm_cell(t["x"], (t["h"], t["c"]), t["w_ih"],
                                 t["w_hh"], t["b_ih"], t["b_hh"])
    E = torch.nn.functional.mse_loss(h1, torch.tensor(target,
                                                      dtype=torch.float64))
    E.backward()
    return ({"h1": h1.detach().numpy(), "c1": c1.detach().numpy(),
             "E": E.item()},
            {k: v.grad.numpy() for k, v in t.items()})


m = nnctest.compile_model(open(nnctest.example("lstm_cell.nn")).read(),
                          "lstm_cell")
for seed in range(3):
    r = nnctest.rng(seed)
    inputs = {"x": nnctest.randn(r, B, I), "h": nnctest.randn(r, B, H),
              "c": nnctest.randn(r, B, H, scale=2.0),
              "target": nnctest.randn(r, B, H, scale=0.5)}
    s = 1 / np.sqrt(H)
    params = {"w_ih": r.uniform(-s, s, (4 * H, I)).astype(np.float32),
              "w_hh": r.uniform(-s, s, (4 * H, H)).astype(np.float32),
              "b_ih": r.uniform(-s, s, 4 * H).astype(np.float32),
              "b_hh": r.uniform(-s, s, 4 * H).astype(np.float32)}
    if seed == 2:
        # A saturated forget gate (f ~ 1, i ~ 0): the carousel,
        # dE/dc_{t-1} ~ dE/dc_t.
        params["b_ih"][H:2 * H] += 8.0
        params["b_ih"][0:H] -= 8.0
    fwd_np, g_np = seed004(**inputs, **params)
    fwd_t, g_t = torch_ref(**inputs, **params)
    ours = m.grad(inputs, params)
    tag = "seed%d:" % seed
    # The two independent references agree (to float64 rounding).
    for k in g_t:
        err = np.abs(g_np[k] - g_t[k]).max()
        nnctest.report(tag + "numpy-vs-torch grad_" + k,
                       err <= 1e-12 * max(1.0, np.abs(g_t[k]).max()),
                       "max abs diff %.3g" % err)
    for k in ("h1", "c1"):
        nnctest.assert_forward_close(tag + k, ours[k], fwd_np[k])
    nnctest.assert_forward_close(tag + "loss", ours["loss"], fwd_np["E"])
    for k in ("x", "h", "c", "w_ih", "w_hh", "b_ih", "b_hh"):
        nnctest.assert_grad_close(tag + "grad_%s vs seed 004" % k,
                                  ours["grad_" + k], g_np[k])
        nnctest.assert_grad_close(tag + "grad_%s vs torch" % k,
                                  ours["grad_" + k], g_t[k])
    if seed == 2:
        # f ~ 1: the error reaches c_{t-1} (almost) undiminished, and the
        # ratio dE/dc_{t-1} / dE/dc_t is exactly f.
        ratio = ours["grad_c"] / fwd_np["dc_t"]
        nnctest.report(tag + "carousel",
                       np.all(np.abs(ratio - fwd_np["f"]) < 1e-5) and
                       ratio.min() > 0.99,
                       "f in [%.5f, %.5f], dE/dc_{t-1} / dE/dc_t in "
                       "[%.5f, %.5f]" % (fwd_np["f"].min(), fwd_np["f"].max(),
                                         ratio.min(), ratio.max()))
nnctest.finish()
