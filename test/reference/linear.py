# RUN: %python %s
# matmul / @ and linear against PyTorch: 2-D, batched (rank 3 and 4), a 2-D
# right operand shared by every batch (rank 3 and 4), transposed operands,
# linear with and without bias on 2-D and 3-D inputs; forward and the
# gradient of every operand, through inputs (`grad wrt`) and params.
import torch
import torch.nn.functional as F

import casebuilder
import nnctest

b = casebuilder.Builder("linear", seed=12)

# 2-D
b.param("a2", b.randn(7, 13))
b.param("b2", b.randn(13, 5))
b.case("mm2", "matmul(a2, b2)", lambda t: t["a2"] @ t["b2"])
b.case("at2", "a2 @ b2 @ transpose(b2)", lambda t: t["a2"] @ t["b2"] @ t["b2"].T)
# 1xK times KxN and MxK times Kx1 (vector-like edges)
b.param("r1", b.randn(1, 13))
b.param("c1", b.randn(13, 1))
b.case("row_mm", "r1 @ b2", lambda t: t["r1"] @ t["b2"])
b.case("col_mm", "a2 @ c1", lambda t: t["a2"] @ t["c1"])
b.case("outer", "c1 @ r1", lambda t: t["c1"] @ t["r1"])
# Larger, not a multiple of any register tile: 37 x 29 @ 29 x 41
b.param("a_big", b.randn(37, 29))
b.param("b_big", b.randn(29, 41))
b.case("mm_big", "a_big @ b_big", lambda t: t["a_big"] @ t["b_big"])

# Batched rank 3, equal batch dims
b.param("a3", b.randn(3, 7, 13))
b.param("b3", b.randn(3, 13, 9))
b.case("bmm3", "a3 @ b3", lambda t: t["a3"] @ t["b3"])
# Rank 3 with a shared 2-D right operand
b.case("shared3", "a3 @ b2", lambda t: t["a3"] @ t["b2"])
# transpose of a batched operand: [3, 13, 7]^T-last-two = [3, 7, 13]
b.param("a3t", b.randn(3, 13, 7))
b.case("bmm3_t", "transpose(a3t) @ b3", lambda t: t["a3t"].transpose(-1, -2) @ t["b3"])
b.param("b3t", b.randn(3, 9, 13))
b.case("bmm3_tt", "transpose(a3t) @ transpose(b3t)",
       lambda t: t["a3t"].transpose(-1, -2) @ t["b3t"].transpose(-1, -2))

# Rank 4
b.param("a4", b.randn(2, 3, 7, 5))
b.param("b4", b.randn(2, 3, 5, 11))
b.param("s4", b.randn(5, 13))
b.case("bmm4", "matmul(a4, b4)", lambda t: t["a4"] @ t["b4"])
b.case("shared4", "a4 @ s4", lambda t: t["a4"] @ t["s4"])

# linear: with and without bias, 2-D and 3-D inputs, 1 output feature
b.param("x2", b.randn(7, 13))
b.param("w", b.randn(9, 13))
b.param("bias", b.randn(9))
b.param("x3", b.randn(3, 5, 13))
b.param("w1", b.randn(1, 13))
b.param("b1", b.randn(1))
b.case("lin_bias", "linear(x2, w, bias)", lambda t: F.linear(t["x2"], t["w"], t["bias"]))
b.case("lin_nobias", "linear(x2, w)", lambda t: F.linear(t["x2"], t["w"]))
b.case("lin3_bias", "linear(x3, w, bias)", lambda t: F.linear(t["x3"], t["w"], t["bias"]))
b.case("lin3_nobias", "linear(x3, w)", lambda t: F.linear(t["x3"], t["w"]))
b.case("lin_one", "linear(x3, w1, b1)", lambda t: F.linear(t["x3"], t["w1"], t["b1"]))
# A 1-D input: [13] -> [9]
b.param("x1", b.randn(13))
b.case("lin_vec", "linear(x1, w, bias)", lambda t: F.linear(t["x1"], t["w"], t["bias"]))
# A two-layer MLP
b.param("wh", b.randn(17, 9, scale=0.3))
b.case("mlp", "linear(tanh(linear(x3, w, bias)), wh)",
       lambda t: F.linear(torch.tanh(F.linear(t["x3"], t["w"], t["bias"])), t["wh"]))

# Gradients with respect to inputs
b.input("q", b.randn(3, 7, 13), wrt=True)
b.input("k", b.randn(3, 13, 7), wrt=True)
b.case("wrt_bmm", "q @ k", lambda t: t["q"] @ t["k"])
b.case("wrt_lin", "linear(q, w, bias)", lambda t: F.linear(t["q"], t["w"], t["bias"]))

b.compare()
nnctest.finish()
