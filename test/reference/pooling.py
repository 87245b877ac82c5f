# RUN: %python %s
# maxpool2d and avgpool2d against PyTorch, forward and input gradient:
# kernel/stride/padding as ints and [h, w] pairs, the default stride
# (= kernel), overlapping windows (stride < kernel), padding up to half the
# kernel (-inf for max, counted zeros for avg, as PyTorch's defaults), odd
# sizes (7, 13) where the last rows/columns fall outside every window,
# stride larger than the kernel, a window as large as the input. Max pooling
# of relu output has many tied zeros: the gradient goes to the first maximum
# of each window, like PyTorch's CPU kernel.
import torch
import torch.nn.functional as F

import casebuilder
import nnctest

b = casebuilder.Builder("pooling", seed=16)

# (name, x shape, kernel, stride or None for the default, padding)
cases = [
    ("k2", (2, 3, 13, 13), "2", None, "0"),
    ("k3", (2, 3, 13, 7), "3", None, "0"),
    ("k3s2", (2, 3, 13, 13), "3", "2", "0"),       # overlapping
    ("k3s1", (1, 2, 7, 7), "3", "1", "0"),         # heavily overlapping
    ("k3s2p1", (2, 3, 13, 13), "3", "2", "1"),
    ("k3s1p1", (1, 3, 7, 13), "3", "1", "1"),
    ("k5s3p2", (2, 2, 13, 13), "5", "3", "2"),
    ("k2p1", (1, 3, 7, 7), "2", None, "1"),
    ("pairs", (2, 3, 13, 7), "[3, 2]", "[2, 1]", "[1, 0]"),
    ("pairs2", (1, 2, 7, 13), "[2, 5]", "[1, 3]", "[1, 2]"),
    ("k1s2", (1, 3, 7, 7), "1", "2", "0"),
    ("s_gt_k", (2, 3, 13, 13), "2", "3", "0"),
    ("whole", (2, 3, 7, 7), "7", None, "0"),
    ("rect_whole", (2, 3, 7, 13), "[7, 13]", None, "0"),
]


def pair(s):
    v = eval(s)
    return tuple(v) if isinstance(v, list) else (v, v)


for name, xs, k, s, p in cases:
    x = b.param("x_" + name, b.randn(*xs))
    kw = "" if s is None else ", stride=%s" % s
    kw += ", padding=%s" % p
    stride = pair(k) if s is None else pair(s)
    b.case("max_" + name, "maxpool2d(%s, %s%s)" % (x, k, kw),
           lambda t, x=x, k=k, stride=stride, p=p:
           F.max_pool2d(t[x], pair(k), stride, pair(p)))
    b.case("avg_" + name, "avgpool2d(%s, %s%s)" % (x, k, kw),
           lambda t, x=x, k=k, stride=stride, p=p:
           F.avg_pool2d(t[x], pair(k), stride, pair(p)))

# Keyword spelling and ties: relu output is zero in most windows' corners.
b.param("xr", b.randn(2, 3, 13, 13))
b.case("max_relu", "maxpool2d(relu(xr), kernel=3, stride=2, padding=1)",
       lambda t: F.max_pool2d(F.relu(t["xr"]), 3, 2, 1))
b.case("max_relu2", "maxpool2d(relu(xr - 1), 2)",
       lambda t: F.max_pool2d(F.relu(t["xr"] - 1), 2))
b.case("avg_relu", "avgpool2d(relu(xr), kernel=[3, 3], stride=[2, 2])",
       lambda t: F.avg_pool2d(F.relu(t["xr"]), 3, 2))
# Pool of pool.
b.case("max_max", "maxpool2d(maxpool2d(xr, 3, stride=1), 2)",
       lambda t: F.max_pool2d(F.max_pool2d(t["xr"], 3, 1), 2))

# Gradient with respect to an input.
b.input("xin", b.randn(2, 3, 7, 13), wrt=True)
b.case("wrt_max", "maxpool2d(xin, 3, stride=2, padding=1)",
       lambda t: F.max_pool2d(t["xin"], 3, 2, 1))
b.case("wrt_avg", "avgpool2d(xin, [2, 3], stride=[1, 2])",
       lambda t: F.avg_pool2d(t["xin"], (2, 3), (1, 2)))

b.compare()
nnctest.finish()
