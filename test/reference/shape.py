# RUN: %python %s
# Data-movement ops against PyTorch: transpose, permute, reshape, flatten,
# concat (axes 0, middle, last, negative; 2 and 3 inputs; a value concatenated
# with itself), indexing x[i] (first, middle, last, negative, repeated, on
# an i32 label tensor feeding cross_entropy), forward and gradients.
import torch
import torch.nn.functional as F

import casebuilder
import nnctest

b = casebuilder.Builder("shape", seed=13)

b.param("x2", b.randn(7, 13))
b.param("x3", b.randn(3, 7, 5))
b.param("x4", b.randn(2, 3, 7, 5))
b.case("tr2", "transpose(x2)", lambda t: t["x2"].T)
b.case("tr3", "transpose(x3)", lambda t: t["x3"].transpose(-1, -2))
b.case("tr4", "transpose(x4)", lambda t: t["x4"].transpose(-1, -2))
b.case("trtr", "transpose(transpose(x3)) * x3", lambda t: t["x3"] * t["x3"])
b.case("perm2", "permute(x2, [1, 0])", lambda t: t["x2"].permute(1, 0))
b.case("perm3", "permute(x3, [2, 0, 1])", lambda t: t["x3"].permute(2, 0, 1))
b.case("perm3b", "permute(x3, [1, 2, 0])", lambda t: t["x3"].permute(1, 2, 0))
b.case("perm4", "permute(x4, [0, 2, 3, 1])", lambda t: t["x4"].permute(0, 2, 3, 1))
b.case("perm4b", "permute(x4, [3, 1, 0, 2])", lambda t: t["x4"].permute(3, 1, 0, 2))
b.case("perm_neg", "permute(x3, [-1, 0, -2])", lambda t: t["x3"].permute(2, 0, 1))
b.case("perm_id", "permute(x3, [0, 1, 2]) * 2", lambda t: t["x3"] * 2)

b.case("rs_3to2", "reshape(x3, [21, 5])", lambda t: t["x3"].reshape(21, 5))
b.case("rs_2to3", "reshape(x2, [13, 1, 7])", lambda t: t["x2"].reshape(13, 1, 7))
b.case("rs_4to1", "reshape(x4, [210])", lambda t: t["x4"].reshape(210))
b.case("rs_perm", "reshape(permute(x3, [2, 1, 0]), [5, 21])",
       lambda t: t["x3"].permute(2, 1, 0).reshape(5, 21))
b.case("rs_chain", "reshape(reshape(x4, [6, 35]), [42, 5])",
       lambda t: t["x4"].reshape(42, 5))
b.case("flat4", "flatten(x4)", lambda t: t["x4"].flatten(1))
b.case("flat3", "flatten(x3)", lambda t: t["x3"].flatten(1))
b.case("flat2", "flatten(x2)", lambda t: t["x2"].flatten(1))
b.case("flat_tr", "flatten(transpose(x4))", lambda t: t["x4"].transpose(-1, -2).flatten(1))

b.param("c0", b.randn(2, 7, 5))
b.param("c1", b.randn(3, 7, 1))
b.param("c2", b.randn(3, 4, 5))
b.case("cat0", "concat(x3, c0, axis=0)", lambda t: torch.cat([t["x3"], t["c0"]], 0))
b.case("cat_last", "concat(x3, c1, axis=2)", lambda t: torch.cat([t["x3"], t["c1"]], 2))
b.case("cat_neg1", "concat(c1, x3, x3, axis=-1)", lambda t: torch.cat([t["c1"], t["x3"], t["x3"]], -1))
b.case("cat_mid", "concat(x3, c2, x3, axis=1)", lambda t: torch.cat([t["x3"], t["c2"], t["x3"]], 1))
b.case("cat_neg2", "concat(c2, x3, axis=-2)", lambda t: torch.cat([t["c2"], t["x3"]], -2))
b.case("cat_neg3", "concat(x3, c0, x3, axis=-3)", lambda t: torch.cat([t["x3"], t["c0"], t["x3"]], -3))
b.case("cat_2d", "concat(x2, x2, axis=1)", lambda t: torch.cat([t["x2"], t["x2"]], 1))
b.case("cat_exp", "concat(exp(c1), tanh(x3), axis=2)",
       lambda t: torch.cat([torch.exp(t["c1"]), torch.tanh(t["x3"])], 2))

b.case("idx0", "x3[0]", lambda t: t["x3"][0])
b.case("idx1", "x3[1]", lambda t: t["x3"][1])
b.case("idx_last", "x3[-1]", lambda t: t["x3"][-1])
b.case("idx_neg", "x4[-2]", lambda t: t["x4"][-2])
b.case("idx_twice", "x4[1][2]", lambda t: t["x4"][1][2])
b.case("idx_thrice", "x4[0][-1][6]", lambda t: t["x4"][0][-1][6])
b.case("idx_2d", "x2[3]", lambda t: t["x2"][3])
b.case("idx_sum", "x3[0] + x3[2] - x3[-1]", lambda t: t["x3"][0] + t["x3"][2] - t["x3"][-1])
b.case("idx_expr", "tanh(x3 * 2)[1]", lambda t: torch.tanh(t["x3"] * 2)[1])

# Gradient with respect to an input through shape ops.
b.input("xin", b.randn(5, 3, 7), wrt=True)
b.case("wrt_shape", "flatten(permute(xin, [2, 0, 1]))[3]",
       lambda t: t["xin"].permute(2, 0, 1).flatten(1)[3])

# Indexing an i32 tensor: labels for the second of two batches.
b.param("logits", b.randn(5, 7))
b.input("labels", b.labels(7, 2, 5))
b.loss_term("cross_entropy(logits, labels[-1])",
            lambda t: F.cross_entropy(t["logits"], t["labels"][-1]))

b.compare()
nnctest.finish()
