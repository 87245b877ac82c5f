#!/usr/bin/env python3
"""Single-head attention, d = 64, T = 128, 512, 2048: nnc against the
explicit PyTorch version (softmax(q k^T / sqrt(d)) v), forward and
forward+backward, and how time grows with T (seed 001: O(T^2))."""
import json
import math

import torch

from benchlib import nnc_bench, torch_time, threads_arg

D = 64
THREADS = threads_arg(__doc__)
torch.set_num_threads(THREADS)
rows = []
for T in (128, 512, 2048):
    src = f"""
model attention_bench {{
  input q : f32[{T}, {D}]
  input k : f32[{T}, {D}]
  input v : f32[{T}, {D}]
  input target : f32[{T}, {D}]
  output o = attention(q, k, v)
  loss L = mse(o, target)
  grad wrt q, k, v
}}
"""
    iters = 30 if T < 2048 else 10
    ours = nnc_bench(src, "attention_bench", iters=iters, threads=THREADS)
    q, k, v = (torch.randn(T, D, requires_grad=True) for _ in range(3))
    target = torch.randn(T, D)

    def fwd():
        return torch.softmax(q @ k.T / math.sqrt(D), dim=-1) @ v

    with torch.no_grad():
        tf = torch_time(fwd, iters=iters)

    def fwd_bwd():
        for t in (q, k, v):
            t.grad = None
        torch.nn.functional.mse_loss(fwd(), target).backward()

    tb = torch_time(fwd_bwd, iters=iters)
    rows.append({"T": T, "nnc": ours, "torch": {"forward_us": tf,
                                               "backward_us": tb}})
    print(json.dumps({"benchmark": "attention T=%d d=%d" % (T, D),
                      "threads": THREADS, **rows[-1]}))
for a, b in zip(rows, rows[1:]):
    ratio = b["nnc"]["forward_us"]["median"] / a["nnc"]["forward_us"]["median"]
    print("T %d -> %d (x%d): nnc forward time x%.1f (O(T^2) predicts x%d)" %
          (a["T"], b["T"], b["T"] // a["T"], ratio, (b["T"] // a["T"]) ** 2))
