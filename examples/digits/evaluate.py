#!/usr/bin/env python3
"""Test accuracy: the logits `digits run --data DATA/test` wrote, against
the held-out labels. Usage: evaluate.py LOGITS.npy LABELS.npy [MIN_ACCURACY]"""
import sys

import numpy as np

logits = np.load(sys.argv[1])
labels = np.load(sys.argv[2])
if logits.shape[0] != labels.shape[0]:
    sys.exit("evaluate: %d logits rows for %d labels" %
             (logits.shape[0], labels.shape[0]))
accuracy = float((logits.argmax(axis=1) == labels).mean())
print("test accuracy: %.2f%% (%d of %d)" %
      (100 * accuracy, int((logits.argmax(axis=1) == labels).sum()),
       len(labels)))
if len(sys.argv) > 3 and accuracy < float(sys.argv[3]):
    sys.exit("evaluate: accuracy below %s" % sys.argv[3])
