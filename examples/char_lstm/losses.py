#!/usr/bin/env python3
"""Compares char_lstm's losses with the text's unigram entropy.

    losses.py DATA/stats.json LOSS.csv VAL.txt

LOSS.csv is `train --log`'s file (step,loss,grad_norm), VAL.txt the output
of `M run --data DATA/val` (its "mean loss over N batches: X" line). Prints
the unigram entropy (prepare.py), the mean training loss of the last 10
steps and the validation loss; exits 1 unless the validation loss is under
the unigram entropy."""
import json
import sys

if len(sys.argv) != 4:
    sys.exit(__doc__)
stats = json.load(open(sys.argv[1]))
rows = [line.split(",") for line in open(sys.argv[2]).read().split()[1:]]
last = [float(r[1]) for r in rows[-10:]]
val = [float(line.rsplit(":", 1)[1]) for line in open(sys.argv[3])
       if line.startswith("mean loss over")]
if not rows or not val:
    sys.exit("losses.py: no training steps in %s or no mean loss in %s" %
             (sys.argv[2], sys.argv[3]))
H = stats["unigram_entropy"]
print("unigram entropy of the text:   %.3f nats/char (no context)" % H)
print("training loss, last 10 steps:  %.3f  (after %d steps)" %
      (sum(last) / len(last), len(rows)))
print("validation loss (run --data):  %.3f  = %.0f%% of the unigram entropy" %
      (val[0], 100 * val[0] / H))
if not val[0] < H:
    print("FAIL: the validation loss is not under the unigram entropy")
    sys.exit(1)
