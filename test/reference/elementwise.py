# RUN: %python %s
# Elementwise ops against PyTorch: every unary op, and + - * / with NumPy
# broadcasting (scalars, literals, leading-1 and size-1 axes on either side,
# both sides broadcast at once, rank 4 against rank 1), forward and the
# gradient of every operand. Odd sizes (7, 13) throughout.
import numpy as np
import torch

import casebuilder

b = casebuilder.Builder("elementwise", seed=11)

# Unary ops. relu's input holds exact zeros: relu'(0) = 0, as in PyTorch.
xr = b.randn(7, 13)
xr[0, :5] = 0.0
xr[3, 7] = 0.0
b.param("xr", xr)
b.case("relu_y", "relu(xr)", lambda t: torch.relu(t["xr"]))
b.param("xs", b.randn(7, 13, scale=4.0))
b.case("sigmoid_y", "sigmoid(xs)", lambda t: torch.sigmoid(t["xs"]))
b.case("tanh_y", "tanh(xs)", lambda t: torch.tanh(t["xs"]))
b.param("xe", b.randn(3, 7, 13))
b.case("exp_y", "exp(xe)", lambda t: torch.exp(t["xe"]))
b.case("neg_y", "-xe", lambda t: -t["xe"])
b.case("negneg_y", "-(-xe) * 2", lambda t: -(-t["xe"]) * 2)
b.param("xp", b.uniform(0.2, 3.0, 13, 7))  # positive: log, sqrt
b.case("log_y", "log(xp)", lambda t: torch.log(t["xp"]))
b.case("sqrt_y", "sqrt(xp)", lambda t: torch.sqrt(t["xp"]))
# sigmoid saturates without overflow on large |x|.
b.param("xbig", np.array([[-90.0, -30.0, -5.0, 0.0, 5.0, 30.0, 90.0]],
                         dtype=np.float32))
b.case("sigmoid_big", "sigmoid(xbig)", lambda t: torch.sigmoid(t["xbig"]))
b.case("tanh_big", "tanh(xbig)", lambda t: torch.tanh(t["xbig"]))

# Binary ops with broadcasting.
b.param("a", b.randn(7, 13))
b.param("row", b.randn(13))          # [13] -> [7, 13]
b.param("col", b.randn(7, 1))        # [7, 1] -> [7, 13]
b.param("lead1", b.randn(1, 13))     # [1, 13]
b.param("s", np.array(1.7, dtype=np.float32))  # f32[] param
b.param("d", b.uniform(0.5, 2.0, 7, 13))       # denominators
b.param("drow", b.uniform(-2.0, -0.5, 13))
b.param("dcol", b.uniform(0.5, 2.0, 7, 1))
b.case("add_same", "a + d", lambda t: t["a"] + t["d"])
b.case("add_row", "a + row", lambda t: t["a"] + t["row"])
b.case("add_row_lhs", "row + a", lambda t: t["row"] + t["a"])
b.case("add_col", "a + col", lambda t: t["a"] + t["col"])
b.case("add_outer", "col + lead1", lambda t: t["col"] + t["lead1"])
b.case("add_scalar", "a + s", lambda t: t["a"] + t["s"])
b.case("add_literal", "2.5 + a", lambda t: 2.5 + t["a"])
b.case("sub_same", "a - d", lambda t: t["a"] - t["d"])
b.case("sub_row", "a - row", lambda t: t["a"] - t["row"])
b.case("sub_col_lhs", "col - a", lambda t: t["col"] - t["a"])
b.case("sub_outer", "lead1 - col", lambda t: t["lead1"] - t["col"])
b.case("sub_scalar", "s - a", lambda t: t["s"] - t["a"])
b.case("sub_literal", "a - 3", lambda t: t["a"] - 3)
b.case("mul_same", "a * d", lambda t: t["a"] * t["d"])
b.case("mul_row", "a * row", lambda t: t["a"] * t["row"])
b.case("mul_col", "col * a", lambda t: t["col"] * t["a"])
b.case("mul_outer", "col * lead1", lambda t: t["col"] * t["lead1"])
b.case("mul_scalar", "s * a", lambda t: t["s"] * t["a"])
b.case("mul_literal", "a * 0.5", lambda t: t["a"] * 0.5)
b.case("mul_self", "a * a", lambda t: t["a"] * t["a"])
b.case("div_same", "a / d", lambda t: t["a"] / t["d"])
b.case("div_row", "a / drow", lambda t: t["a"] / t["drow"])
b.case("div_col", "a / dcol", lambda t: t["a"] / t["dcol"])
b.case("div_by_lhs_bcast", "row / d", lambda t: t["row"] / t["d"])
b.case("div_scalar", "a / s", lambda t: t["a"] / t["s"])
b.case("div_scalar_lhs", "s / d", lambda t: t["s"] / t["d"])
b.case("div_literal", "1 / d", lambda t: 1 / t["d"])

# Higher ranks: leading-1 dims and size-1 axes on both sides.
b.param("p4", b.randn(2, 3, 7, 5))
b.param("q3", b.randn(3, 1, 5))      # [3, 1, 5] -> [2, 3, 7, 5]
b.param("v5", b.randn(5))            # rank 4 against rank 1
b.param("m1", b.randn(1, 1, 7, 1))   # leading 1s
b.param("t1", b.randn(3, 1, 5))
b.param("t2", b.randn(7, 1))         # [3,1,5] with [7,1] -> [3,7,5]
b.param("dq", b.uniform(0.5, 2.0, 2, 1, 7, 1))
b.case("add4_q3", "p4 + q3", lambda t: t["p4"] + t["q3"])
b.case("mul4_v5", "p4 * v5", lambda t: t["p4"] * t["v5"])
b.case("sub4_m1", "m1 - p4", lambda t: t["m1"] - t["p4"])
b.case("div4_dq", "p4 / dq", lambda t: t["p4"] / t["dq"])
b.case("both_bcast", "t1 * t2", lambda t: t["t1"] * t["t2"])
b.case("both_bcast_div", "t1 / (t2 * t2 + 1)",
       lambda t: t["t1"] / (t["t2"] * t["t2"] + 1))

# A chain mixing everything; the same value used several times (adjoints
# accumulate).
b.case("chain", "tanh(a * row + col) * sigmoid(a) - exp(-a * a) / d + sqrt(d) * log(d)",
       lambda t: torch.tanh(t["a"] * t["row"] + t["col"]) * torch.sigmoid(t["a"])
       - torch.exp(-t["a"] * t["a"]) / t["d"] + torch.sqrt(t["d"]) * torch.log(t["d"]))

# Inputs differentiated with `grad wrt`.
b.input("xin", b.randn(7, 13), wrt=True)
b.input("yin", b.randn(13), wrt=True)
b.case("wrt_inputs", "relu(xin) * yin - xin / (yin * yin + 1)",
       lambda t: torch.relu(t["xin"]) * t["yin"] - t["xin"] / (t["yin"] * t["yin"] + 1))

b.compare()
import nnctest
nnctest.finish()
