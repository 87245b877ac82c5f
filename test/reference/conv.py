# RUN: %python %s
# conv2d and conv1x1 against PyTorch, forward and the gradients of input,
# weight and bias: stride, padding and dilation as ints and as [h, w]
# pairs, odd sizes (7, 13) that make the output size a floor, non-square
# inputs, stride 2 + padding 1 + dilation 2; conv1x1 with and without bias,
# 1 and many channels. (Kernel shapes and channel counts of conv2d are in
# conv_shapes.py: two files compile in parallel.)
import torch
import torch.nn.functional as F

import casebuilder
import nnctest

b = casebuilder.Builder("conv", seed=15)

# (name, x shape, w shape, bias?, stride, padding, dilation) with the .nn
# spelling of each attribute (int or pair) and PyTorch's.
cases = [
    ("basic", (2, 3, 13, 13), (5, 3, 3, 3), True, "1", "0", "1"),
    ("s2", (2, 3, 13, 13), (4, 3, 3, 3), True, "2", "0", "1"),
    ("p1", (2, 3, 7, 7), (5, 3, 3, 3), True, "1", "1", "1"),
    ("p2_k5", (1, 2, 7, 13), (3, 2, 5, 5), False, "1", "2", "1"),
    ("d2", (2, 3, 13, 13), (4, 3, 3, 3), True, "1", "0", "2"),
    ("s2p1d2", (2, 3, 13, 13), (5, 3, 3, 3), True, "2", "1", "2"),
    ("s3p2d3", (1, 2, 13, 7), (3, 2, 3, 2), True, "3", "2", "3"),
    ("pairs", (2, 3, 13, 7), (4, 3, 3, 3), True, "[2, 1]", "[1, 0]", "[1, 2]"),
    ("pairs2", (2, 2, 7, 13), (3, 2, 2, 3), True, "[1, 3]", "[0, 2]", "[2, 1]"),
]


def pair(s):
    v = eval(s)
    return tuple(v) if isinstance(v, list) else (v, v)


for name, xs, ws, bias, s, p, d in cases:
    x = b.param("x_" + name, b.randn(*xs))
    w = b.param("w_" + name, b.randn(*ws, scale=0.3))
    args = [x, w]
    if bias:
        args.append(b.param("b_" + name, b.randn(ws[0])))
    expr = "conv2d(%s, stride=%s, padding=%s, dilation=%s)" % (
        ", ".join(args), s, p, d)

    def fn(t, args=args, s=s, p=p, d=d):
        return F.conv2d(*[t[a] for a in args], stride=pair(s),
                        padding=pair(p), dilation=pair(d))
    b.case(name, expr, fn)

# conv1x1: with and without bias, 1 channel, many channels; equal to
# conv2d with a [F, C, 1, 1] kernel.
for name, xs, f, bias in [("c11", (2, 5, 7, 13), 9, True),
                          ("c11_nb", (2, 5, 7, 13), 3, False),
                          ("c11_one", (3, 1, 7, 7), 1, True),
                          ("c11_many", (1, 33, 13, 7), 31, True)]:
    x = b.param("x_" + name, b.randn(*xs))
    w = b.param("w_" + name, b.randn(f, xs[1], scale=0.3))
    args = [x, w]
    if bias:
        args.append(b.param("b_" + name, b.randn(f)))

    def fn(t, args=args):
        ts = [t[a] for a in args]
        ts[1] = ts[1][:, :, None, None]
        return F.conv2d(*ts)
    b.case(name, "conv1x1(%s)" % ", ".join(args), fn)

b.compare()
nnctest.finish()
