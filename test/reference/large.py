# RUN: %python %s
# Sizes large enough for the code generator's thread tiles (scf.forall over
# OpenMP threads above 2^18 flops) and its register-tile peeling: dims that
# are multiples of the thread tile (128, 96), primes (61, 67, 71, 127) that
# give one ragged tile, batched and shared-operand matmuls, linear, conv,
# pooling, elementwise and reductions. Forward and gradients vs PyTorch.
import torch
import torch.nn.functional as F

import casebuilder
import nnctest

b = casebuilder.Builder("large", seed=18)

b.param("a", b.randn(128, 61, scale=0.3))
b.param("bm", b.randn(61, 96, scale=0.3))
b.case("mm_tiles", "a @ bm", lambda t: t["a"] @ t["bm"])
b.param("ap", b.randn(67, 127, scale=0.3))
b.param("bp", b.randn(127, 71, scale=0.3))
b.case("mm_primes", "ap @ bp", lambda t: t["ap"] @ t["bp"])
b.param("a3", b.randn(5, 67, 33, scale=0.3))
b.param("b3", b.randn(5, 33, 71, scale=0.3))
b.case("bmm", "a3 @ b3", lambda t: t["a3"] @ t["b3"])
b.param("s2", b.randn(33, 129, scale=0.3))
b.case("shared", "a3 @ s2", lambda t: t["a3"] @ t["s2"])
b.param("a4", b.randn(2, 3, 67, 33, scale=0.3))
b.param("b4", b.randn(2, 3, 33, 71, scale=0.3))
b.case("bmm4", "a4 @ b4", lambda t: t["a4"] @ t["b4"])
b.param("bw", b.randn(61, 512, scale=0.3))
b.case("mm_wide", "a @ bw", lambda t: t["a"] @ t["bw"])   # several column tiles
b.param("x", b.randn(3, 43, 97, scale=0.5))
b.param("w", b.randn(257, 97, scale=0.1))
b.param("bias", b.randn(257))
b.case("lin", "linear(x, w, bias)", lambda t: F.linear(t["x"], t["w"], t["bias"]))
b.param("w2", b.randn(31, 257, scale=0.1))
b.param("x4", b.randn(2, 3, 29, 97, scale=0.5))
b.case("lin4", "linear(x4, w)", lambda t: F.linear(t["x4"], t["w"]))
b.case("mlp", "linear(relu(linear(x, w, bias)), w2)",
       lambda t: F.linear(F.relu(F.linear(t["x"], t["w"], t["bias"])), t["w2"]))

b.param("cx", b.randn(3, 13, 29, 31))
b.param("cw", b.randn(23, 13, 3, 3, scale=0.2))
b.param("cb", b.randn(23))
b.case("conv", "conv2d(cx, cw, cb, padding=1)",
       lambda t: F.conv2d(t["cx"], t["cw"], t["cb"], padding=1))
b.case("conv_s2", "conv2d(cx, cw, stride=2, dilation=[1, 2])",
       lambda t: F.conv2d(t["cx"], t["cw"], stride=2, dilation=(1, 2)))
b.param("c11w", b.randn(37, 13, scale=0.2))
b.case("conv11", "conv1x1(cx, c11w)",
       lambda t: F.conv2d(t["cx"], t["c11w"][:, :, None, None]))
b.param("px", b.randn(3, 13, 61, 37))
b.case("maxpool", "maxpool2d(px, 3, stride=2, padding=1)",
       lambda t: F.max_pool2d(t["px"], 3, 2, 1))
b.case("avgpool", "avgpool2d(px, 3, stride=1, padding=1)",
       lambda t: F.avg_pool2d(t["px"], 3, 1, 1))

b.param("e", b.randn(3, 67, 701))
b.param("erow", b.randn(701))
b.case("ew", "tanh(e) * erow + sigmoid(e)",
       lambda t: torch.tanh(t["e"]) * t["erow"] + torch.sigmoid(t["e"]))
b.case("sm", "softmax(e, axis=1)", lambda t: torch.softmax(t["e"], 1))
b.case("lsm", "log_softmax(e)", lambda t: torch.log_softmax(t["e"], -1))
b.case("sum1", "sum(e, axis=1)", lambda t: t["e"].sum(1))
b.case("max2", "max(e, axis=-1)", lambda t: t["e"].max(-1)[0])
b.case("mean_all", "mean(e * e)", lambda t: (t["e"] * t["e"]).mean(), shape=())

b.compare()
nnctest.finish()
