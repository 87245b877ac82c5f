# RUN: %python %s
# LeNet (examples/lenet.nn) end to end: logits, loss and every gradient
# against PyTorch autograd with the same weights.
import nnctest
import torch.nn.functional as F

src = open(nnctest.example("lenet.nn")).read()
m = nnctest.compile_model(src, "lenet")
r = nnctest.rng(1)
inputs = {"x": nnctest.randn(r, 4, 3, 32, 32),
          "label": r.integers(0, 10, size=4).astype("int32")}
params = {"w1": nnctest.randn(r, 8, 3, 5, 5, scale=0.2),
          "b1": nnctest.randn(r, 8, scale=0.1),
          "w2": nnctest.randn(r, 16, 8, 5, 5, scale=0.1),
          "b2": nnctest.randn(r, 16, scale=0.1),
          "w3": nnctest.randn(r, 10, 400, scale=0.05),
          "b3": nnctest.randn(r, 10, scale=0.1)}


def torch_lenet(x, label, w1, b1, w2, b2, w3, b3):
    h1 = F.max_pool2d(F.relu(F.conv2d(x, w1, b1)), 2)
    h2 = F.max_pool2d(F.relu(F.conv2d(h1, w2, b2)), 2)
    logits = F.linear(h2.flatten(1), w3, b3)
    return {"logits": logits, "L": F.cross_entropy(logits, label)}


nnctest.compare_with_torch(m, torch_lenet, inputs, params, ["logits"], "L")
nnctest.finish()
