#!/usr/bin/env python3
"""LeNet (examples/lenet.nn, batch 4): nnc's forward and forward+backward
against the same network in PyTorch, in the same run."""
import json
import os

import torch
import torch.nn.functional as F

from benchlib import ROOT, nnc_bench, torch_time, threads_arg

THREADS = threads_arg(__doc__)
torch.set_num_threads(THREADS)
with open(os.path.join(ROOT, "examples", "lenet.nn")) as f:
    ours = nnc_bench(f.read(), "lenet", iters=200, warmup=20, threads=THREADS)

x = torch.randn(4, 3, 32, 32)
y = torch.randint(0, 10, (4,))
P = [torch.randn(8, 3, 5, 5, requires_grad=True),
     torch.zeros(8, requires_grad=True),
     torch.randn(16, 8, 5, 5, requires_grad=True),
     torch.zeros(16, requires_grad=True),
     torch.randn(10, 400, requires_grad=True),
     torch.zeros(10, requires_grad=True)]


def forward():
    h1 = F.max_pool2d(F.relu(F.conv2d(x, P[0], P[1])), 2)
    h2 = F.max_pool2d(F.relu(F.conv2d(h1, P[2], P[3])), 2)
    return F.cross_entropy(F.linear(h2.flatten(1), P[4], P[5]), y)


def forward_backward():
    for p in P:
        p.grad = None
    forward().backward()


with torch.no_grad():
    fwd = torch_time(forward, iters=200, warmup=20)
bwd = torch_time(forward_backward, iters=200, warmup=20)
print(json.dumps({"benchmark": "lenet batch 4", "threads": THREADS,
                  "nnc": ours,
                  "torch": {"forward_us": fwd, "backward_us": bwd}}))
