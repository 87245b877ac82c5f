# RUN: %python %s
# Reductions and softmax against PyTorch: sum / mean / max without an axis
# and along every axis (negative too) of ranks 1-4, softmax / log_softmax
# along several axes, with logits large enough (|x| ~ 1e3 .. 1e4) that an
# unstabilised exp overflows; forward and gradients. Then max with ties,
# whose gradient goes to the first maximal element (LANGUAGE.md), checked
# against a NumPy reference written from that rule.
import numpy as np
import torch

import casebuilder
import nnctest

b = casebuilder.Builder("reduction", seed=14)
b.param("v", b.randn(13))
b.param("x2", b.randn(7, 13))
b.param("x3", b.randn(3, 7, 5))
b.param("x4", b.randn(2, 3, 7, 5))

for op in ("sum", "mean"):
    f = getattr(torch, op)
    b.case(op + "_v", "%s(v)" % op, lambda t, f=f: f(t["v"]), shape=())
    b.case(op + "_all2", "%s(x2)" % op, lambda t, f=f: f(t["x2"]), shape=())
    b.case(op + "_all4", "%s(x4)" % op, lambda t, f=f: f(t["x4"]), shape=())
    b.case(op + "_v0", "%s(v, axis=0)" % op, lambda t, f=f: f(t["v"], 0), shape=())
    b.case(op + "_2a0", "%s(x2, axis=0)" % op, lambda t, f=f: f(t["x2"], 0))
    b.case(op + "_2a1", "%s(x2, axis=1)" % op, lambda t, f=f: f(t["x2"], 1))
    b.case(op + "_3a1", "%s(x3, axis=1)" % op, lambda t, f=f: f(t["x3"], 1))
    b.case(op + "_3am1", "%s(x3, axis=-1)" % op, lambda t, f=f: f(t["x3"], -1))
    b.case(op + "_4am3", "%s(x4, axis=-3)" % op, lambda t, f=f: f(t["x4"], -3))
    b.case(op + "_4a2", "%s(x4, axis=2)" % op, lambda t, f=f: f(t["x4"], 2))
    b.case(op + "_nested", "%s(%s(x3, axis=0), axis=-1)" % (op, op),
           lambda t, f=f: f(f(t["x3"], 0), -1))

b.case("max_v", "max(v)", lambda t: torch.max(t["v"]), shape=())
b.case("max_all3", "max(x3)", lambda t: torch.max(t["x3"]), shape=())
b.case("max_2a0", "max(x2, axis=0)", lambda t: torch.max(t["x2"], 0)[0])
b.case("max_2am1", "max(x2, axis=-1)", lambda t: torch.max(t["x2"], -1)[0])
b.case("max_3a1", "max(x3, axis=1)", lambda t: torch.max(t["x3"], 1)[0])
b.case("max_4am2", "max(x4, axis=-2)", lambda t: torch.max(t["x4"], -2)[0])
b.case("max_4a0", "max(x4, axis=0)", lambda t: torch.max(t["x4"], 0)[0])

# softmax / log_softmax: default axis (-1), axis 0, middle, negative.
b.param("s3", b.randn(3, 7, 5, scale=3.0))
b.param("big", b.randn(5, 7, scale=2000.0))   # exp(|x|) overflows float32
for op in ("softmax", "log_softmax"):
    f = getattr(torch, op)
    b.case(op + "_def", "%s(s3)" % op, lambda t, f=f: f(t["s3"], -1))
    b.case(op + "_a0", "%s(s3, axis=0)" % op, lambda t, f=f: f(t["s3"], 0))
    b.case(op + "_a1", "%s(s3, axis=1)" % op, lambda t, f=f: f(t["s3"], 1))
    b.case(op + "_am2", "%s(s3, axis=-2)" % op, lambda t, f=f: f(t["s3"], -2))
    b.case(op + "_2d", "%s(x2, axis=0)" % op, lambda t, f=f: f(t["x2"], 0))
    b.case(op + "_big", "%s(big)" % op, lambda t, f=f: f(t["big"], -1))
    b.case(op + "_big0", "%s(big, axis=0)" % op, lambda t, f=f: f(t["big"], 0))
    b.case(op + "_shift", "%s(s3 + 1000)" % op, lambda t, f=f: f(t["s3"] + 1000, -1))

b.compare()

# Ties: the adjoint goes to the first maximal element, in row-major order
# when there is no axis. The values are exactly representable.
xt = np.array([[1, 3, 3, 2, 0],
               [5, 5, 5, 5, 5],
               [-1, -4, -1, -2, -3],
               [0, 2, 1, 2, 2],
               [4, 1, 4, 1, 0],
               [-2, -2, -7, -1, -1],
               [3, 1, 2, 3, 3]], dtype=np.float32)   # [7, 5]
src = """
model ties {
  param x : f32[7, 5]
  input r0 : f32[5]
  input r1 : f32[7]
  output m0 = max(x, axis=0)
  output m1 = max(x, axis=-1)
  output ma = max(x)
  loss L = sum(m0 * r0) + sum(m1 * r1) + 3.5 * ma
}
"""
m = nnctest.compile_model(src, "ties")
rng = nnctest.rng(5)
r0 = nnctest.randn(rng, 5)
r1 = nnctest.randn(rng, 7)
out = m.grad({"r0": r0, "r1": r1}, {"x": xt})


def first_max_grad(x, axis, g):
    """d/dx of max(x, axis) . g, all of g to the first maximum."""
    dx = np.zeros_like(x, dtype=np.float64)
    if axis is None:
        dx.flat[int(np.argmax(x))] += g          # argmax: first occurrence
        return dx
    idx = np.argmax(x, axis=axis)
    for j, i in enumerate(idx):
        if axis == 0:
            dx[i, j] += g[j]
        else:
            dx[j, i] += g[j]
    return dx


ref = (first_max_grad(xt, 0, r0) + first_max_grad(xt, 1, r1)
       + first_max_grad(xt, None, 3.5))
nnctest.assert_forward_close("ties:m0", out["m0"], xt.max(0))
nnctest.assert_forward_close("ties:m1", out["m1"], xt.max(1))
nnctest.assert_forward_close("ties:ma", out["ma"], xt.max())
nnctest.assert_grad_close("ties:grad_x", out["grad_x"], ref)
# The expected gradient really is the first-maximum one, not an even split.
assert np.isclose(ref[1, 0], float(r0[0]) + float(r1[1]) + 3.5)
assert np.isclose(ref[1, 1], r0[1]) and np.isclose(ref[1, 2], r0[2])
assert ref[0, 2] == 0 and ref[6, 3] == 0 and ref[6, 4] == 0
nnctest.finish()
