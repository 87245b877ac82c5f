# RUN: %python %s
# conv2d and conv1x1 against PyTorch, forward and the gradients of input,
# weight and bias: non-square kernels, 1x1 kernels with stride or padding,
# padding wider than the dilated kernel, stride larger than the kernel
# (input pixels no window reads), a kernel as large as the input, 1 channel
# and many channels, with and without bias, default keywords, a conv chain,
# `grad wrt` inputs (also of a conv1x1).
import torch
import torch.nn.functional as F

import casebuilder
import nnctest

b = casebuilder.Builder("conv_shapes", seed=25)

# (name, x shape, w shape, bias?, stride, padding, dilation) with the .nn
# spelling of each attribute (int or pair) and PyTorch's.
cases = [
    ("rect_k", (2, 3, 13, 13), (4, 3, 3, 5), True, "1", "[1, 2]", "1"),
    ("rect_k2", (1, 3, 7, 13), (2, 3, 5, 2), False, "[2, 1]", "0", "1"),
    ("one_ch", (3, 1, 13, 13), (1, 1, 3, 3), True, "1", "1", "1"),
    ("one_in", (2, 1, 7, 7), (6, 1, 5, 5), False, "2", "2", "1"),
    ("many_ch", (2, 17, 7, 7), (19, 17, 3, 3), True, "1", "1", "1"),
    ("k1_s2", (2, 5, 13, 13), (7, 5, 1, 1), True, "2", "0", "1"),
    ("k1_p1", (1, 3, 7, 7), (4, 3, 1, 1), True, "1", "1", "1"),
    ("wide_pad", (1, 2, 7, 7), (3, 2, 3, 3), True, "1", "3", "1"),
    ("s_gt_k", (2, 3, 13, 13), (4, 3, 2, 2), True, "3", "0", "1"),
    ("full_k", (2, 3, 7, 7), (5, 3, 7, 7), True, "1", "0", "1"),
    ("nobias", (2, 3, 13, 13), (5, 3, 3, 3), False, "1", "1", "1"),
    # Padding beyond the dilated kernel with strides: the input gradient's
    # convolution crops the zero-stuffed gradient on both sides.
    ("k1_s3_p2", (2, 1, 5, 5), (1, 1, 1, 1), True, "3", "2", "1"),
    ("wide_pad_s2", (1, 2, 7, 8), (3, 2, 3, 3), False, "2", "3", "1"),
    ("pad4_d2", (1, 2, 13, 7), (2, 2, 3, 3), True, "2", "4", "2"),
    ("pad_rect", (1, 2, 7, 7), (3, 2, 3, 1), True, "[2, 3]", "[3, 1]", "1"),
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

# Defaults (no keywords) and a chain conv -> relu -> conv.
b.param("xc", b.randn(2, 3, 13, 13))
b.param("wc1", b.randn(6, 3, 3, 3, scale=0.3))
b.param("bc1", b.randn(6))
b.param("wc2", b.randn(4, 6, 3, 3, scale=0.3))
b.case("default_kw", "conv2d(xc, wc1)", lambda t: F.conv2d(t["xc"], t["wc1"]))
b.case("chain", "conv2d(relu(conv2d(xc, wc1, bc1, padding=1)), wc2, stride=2)",
       lambda t: F.conv2d(F.relu(F.conv2d(t["xc"], t["wc1"], t["bc1"], padding=1)),
                          t["wc2"], stride=2))

# The input of a convolution as a `grad wrt` input.
b.input("xin", b.randn(2, 3, 13, 7), wrt=True)
b.case("wrt_x", "conv2d(xin, wc1, bc1, stride=2, padding=1)",
       lambda t: F.conv2d(t["xin"], t["wc1"], t["bc1"], stride=2, padding=1))
b.param("w11", b.randn(4, 3, scale=0.3))
b.case("wrt_x11", "conv1x1(xin, w11)",
       lambda t: F.conv2d(t["xin"], t["w11"][:, :, None, None]))

b.compare()
nnctest.finish()
