# RUN: %python %s
# examples/bottleneck.nn (both models) end to end against PyTorch: output,
# loss and every gradient with the same weights.
import torch
import torch.nn.functional as F

import nnctest

src = open(nnctest.example("bottleneck.nn")).read()
r = nnctest.rng(2)
x = nnctest.randn(r, 2, 256, 14, 14)
target = nnctest.randn(r, 2, 256, 14, 14)
inputs = {"x": x, "target": target}

m = nnctest.compile_model(src, "bottleneck", ["--model", "bottleneck"])
params = {"w_in": nnctest.randn(r, 64, 256, scale=0.06),
          "b_in": nnctest.randn(r, 64, scale=0.1),
          "w_mid": nnctest.randn(r, 64, 64, 3, 3, scale=0.04),
          "b_mid": nnctest.randn(r, 64, scale=0.1),
          "w_out": nnctest.randn(r, 256, 64, scale=0.1),
          "b_out": nnctest.randn(r, 256, scale=0.1)}


def torch_bottleneck(x, target, w_in, b_in, w_mid, b_mid, w_out, b_out):
    squeezed = F.relu(F.conv2d(x, w_in[:, :, None, None], b_in))
    mixed = F.relu(F.conv2d(squeezed, w_mid, b_mid, padding=1))
    y = F.relu(x + F.conv2d(mixed, w_out[:, :, None, None], b_out))
    return {"y": y, "L": F.mse_loss(y, target)}


nnctest.compare_with_torch(m, torch_bottleneck, inputs, params, ["y"], "L",
                           tag="bottleneck")

p = nnctest.compile_model(src, "plain", ["--model", "plain"])
pparams = {"w": nnctest.randn(r, 256, 256, 3, 3, scale=0.02),
           "b": nnctest.randn(r, 256, scale=0.1)}


def torch_plain(x, target, w, b):
    y = F.relu(x + F.conv2d(x, w, b, padding=1))
    return {"y": y, "L": F.mse_loss(y, target)}


nnctest.compare_with_torch(p, torch_plain, inputs, pparams, ["y"], "L",
                           tag="plain")
nnctest.finish()
