#!/usr/bin/env python3
"""Writes the 8x8 handwritten digits that Debian's python3-sklearn ships
(1797 images) as .npy train/test splits for `M train --data` / `M run --data`:
  OUT/train/x.npy f32[S, 1, 8, 8] (pixels / 16), OUT/train/label.npy i32[S]
  OUT/test/...    the same for the held-out 20%
The split is a fixed shuffle (seed 0), stratified by class."""
import os
import sys

import numpy as np
from sklearn.datasets import load_digits

out = sys.argv[1] if len(sys.argv) > 1 else "data"
digits = load_digits()
x = (digits.images / 16.0).astype(np.float32)[:, None, :, :]
y = digits.target.astype(np.int32)
rng = np.random.default_rng(0)
train, test = [], []
for c in range(10):
    idx = rng.permutation(np.flatnonzero(y == c))
    cut = int(round(0.8 * len(idx)))
    train += list(idx[:cut])
    test += list(idx[cut:])
train = rng.permutation(train)
test = rng.permutation(test)
for name, idx in (("train", train), ("test", test)):
    os.makedirs(os.path.join(out, name), exist_ok=True)
    np.save(os.path.join(out, name, "x.npy"), x[idx])
    np.save(os.path.join(out, name, "label.npy"), y[idx])
print("digits: %d train, %d test images in %s/" % (len(train), len(test), out))
