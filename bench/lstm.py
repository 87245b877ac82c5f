#!/usr/bin/env python3
"""LSTM T=64, B=16, I=H=256: nnc's generated forward and forward+backward
against torch.nn.LSTM (forward, and forward+backward) in the same run."""
import json

import torch

from benchlib import nnc_bench, torch_time, threads_arg

T, B, I, H = 64, 16, 256, 256
THREADS = threads_arg(__doc__)
SRC = f"""
model lstm_bench {{
  input x  : f32[{T}, {B}, {I}]
  input h0 : f32[{B}, {H}]
  input c0 : f32[{B}, {H}]
  input target : f32[{T}, {B}, {H}]
  param w_ih : f32[4 * {H}, {I}] = uniform(-0.0625, 0.0625)
  param w_hh : f32[4 * {H}, {H}] = uniform(-0.0625, 0.0625)
  param b_ih : f32[4 * {H}] = zeros
  param b_hh : f32[4 * {H}] = zeros
  y, hT, cT = lstm(x, w_ih, w_hh, b_ih, b_hh, h0, c0)
  output y
  loss L = mse(y, target)
  grad wrt x
}}
"""

ours = nnc_bench(SRC, "lstm_bench", iters=30, threads=THREADS)
torch.set_num_threads(THREADS)
lstm = torch.nn.LSTM(I, H)
x = torch.randn(T, B, I, requires_grad=True)
h0, c0, target = torch.randn(1, B, H), torch.randn(1, B, H), torch.randn(T, B, H)
with torch.no_grad():
    fwd = torch_time(lambda: lstm(x, (h0, c0)), iters=30)


def fwd_bwd():
    lstm.zero_grad()
    x.grad = None
    y, _ = lstm(x, (h0, c0))
    torch.nn.functional.mse_loss(y, target).backward()


bwd = torch_time(fwd_bwd, iters=30)
print(json.dumps({"benchmark": "lstm T=%d B=%d I=H=%d" % (T, B, I), "threads": THREADS,
                  "nnc": ours, "torch": {"forward_us": fwd, "backward_us": bwd}}))
