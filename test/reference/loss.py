# RUN: %python %s
# Losses against PyTorch: mse (gradient to both operands, broadcast-free
# shapes of rank 1-4), cross_entropy (odd N and K, logits up to ~1e4 where a
# naive log(sum(exp)) overflows, labels on the first and last class), a loss
# made of several terms, `grad wrt` inputs, and a param the loss does not
# depend on (gradient exactly zero).
import numpy as np
import torch
import torch.nn.functional as F

import casebuilder
import nnctest

b = casebuilder.Builder("losses", seed=17)

b.param("y1", b.randn(13))
b.param("t1", b.randn(13))
b.param("y4", b.randn(2, 3, 7, 5))
b.input("t4", b.randn(2, 3, 7, 5))
b.param("w", b.randn(5, 13, scale=0.3))
b.param("xl", b.randn(7, 13))
b.loss_term("mse(y1, t1)", lambda t: F.mse_loss(t["y1"], t["t1"]), name="mse1")
b.loss_term("2 * mse(y4, t4)", lambda t: 2 * F.mse_loss(t["y4"], t["t4"]), name="mse4")
b.input("tl", b.randn(7, 5))
b.loss_term("mse(linear(xl, w), tl)",
            lambda t: F.mse_loss(F.linear(t["xl"], t["w"]), t["tl"]), name="mse_lin")

b.param("logits", b.randn(7, 13, scale=2.0))
lab = b.labels(13, 7)
lab[0], lab[1] = 0, 12
b.input("labels", lab)
b.loss_term("cross_entropy(logits, labels)",
            lambda t: F.cross_entropy(t["logits"], t["labels"]), name="ce")
# Large logits: exp(4000) is inf in float32.
big = b.randn(5, 7, scale=2000.0)
big[0, 3] = 9000.0
big[1, :] = -5000.0
big[1, 2] = -4990.0
b.param("big", big)
b.input("big_labels", np.array([3, 2, 0, 6, 1], dtype=np.int32))
b.loss_term("cross_entropy(big * 1, big_labels)",
            lambda t: F.cross_entropy(t["big"], t["big_labels"]), name="ce_big")
# One class: the loss is 0 and so is its gradient.
b.param("one", b.randn(3, 1))
b.input("one_labels", np.zeros(3, dtype=np.int32))
b.loss_term("cross_entropy(one, one_labels)",
            lambda t: F.cross_entropy(t["one"], t["one_labels"]), name="ce_one")
# Through a softmax-free classifier head, logits from an input (grad wrt).
b.input("feat", b.randn(7, 13), wrt=True)
b.param("head", b.randn(3, 13, scale=0.3))
b.input("feat_labels", b.labels(3, 7))
b.loss_term("cross_entropy(linear(feat, head), feat_labels)",
            lambda t: F.cross_entropy(F.linear(t["feat"], t["head"]), t["feat_labels"]), name="ce_head")
b.input("mse_in", b.randn(3, 5), wrt=True)
b.input("mse_target", b.randn(3, 5))
b.loss_term("mse(tanh(mse_in), mse_target)",
            lambda t: F.mse_loss(torch.tanh(t["mse_in"]), t["mse_target"]), name="mse_tanh")

# A param the loss does not depend on: its gradient is zeros.
b.param("unused", b.randn(3, 7))
b.compare()

# The loss as a model output only (no other outputs): mse of identical
# tensors is exactly 0 with a zero gradient.
src = """
model same {
  param y : f32[7, 13]
  input t : f32[7, 13]
  loss L = mse(y, t)
}
"""
m = nnctest.compile_model(src, "same")
rng = nnctest.rng(3)
y = nnctest.randn(rng, 7, 13)
out = m.grad({"t": y}, {"y": y})
nnctest.assert_forward_close("same:loss", out["loss"], 0.0)
nnctest.assert_grad_close("same:grad_y", out["grad_y"], np.zeros((7, 13)))
nnctest.finish()
