#!/usr/bin/env python3
"""Puts char_transformer's losses next to the text's unigram entropy.

    losses.py DATA [--log LOSS.csv] [--val VAL.txt] [--train TRAIN.txt]
              [--logits VAL_OUT/logits3.npy] [--windows N] [--max-val X]

DATA is prepare.py's output directory (stats.json, val/targets.npy).
LOSS.csv is `train --log`'s file (step,loss,grad_norm); VAL.txt / TRAIN.txt
the output of `M run --data DATA/val` / `DATA/train` (their "mean loss over
N batches: X" line). With --logits (`run --data DATA/val`'s logits3.npy,
[S, T, V]) the validation loss is recomputed in float64 numpy from the
logits and the targets, over all windows and over the first N (--windows:
e.g. 64, the validation windows of examples/char_lstm, whose batch of 32
keeps 64 of the 80 windows that this model's batch of 16 keeps). Exits 1
when the validation loss is not under the unigram entropy, or over
--max-val."""
import argparse
import json
import os
import re
import sys

import numpy as np


def mean_loss(path):
    # "mean loss over N batches: X" [" (the last batch repeats K samples
    # from the start)"]
    for line in open(path):
        m = re.match(r"mean loss over \d+ batches: (\S+)", line)
        if m:
            return float(m.group(1))
    sys.exit("losses.py: no 'mean loss over' line in %s" % path)


def cross_entropy(logits, targets):
    z = logits.astype(np.float64)
    z -= z.max(axis=-1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(axis=-1, keepdims=True))
    picked = np.take_along_axis(logp, targets[..., None].astype(np.int64),
                                axis=-1)[..., 0]
    return -picked.mean(axis=-1)       # per window


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data")
    ap.add_argument("--log")
    ap.add_argument("--val")
    ap.add_argument("--train")
    ap.add_argument("--logits")
    ap.add_argument("--windows", type=int, default=0)
    ap.add_argument("--max-val", type=float, default=None)
    args = ap.parse_args()

    stats = json.load(open(os.path.join(args.data, "stats.json")))
    H = stats["unigram_entropy"]
    print("uniform guess, ln V:              %.3f nats/char" %
          np.log(stats["V"]))
    print("unigram entropy of the text:      %.3f nats/char (no context; "
          "val under train frequencies %.3f)" %
          (H, stats["val_unigram_cross_entropy"]))
    if args.log:
        rows = [l.split(",") for l in open(args.log).read().split()[1:]]
        if not rows:
            sys.exit("losses.py: no training steps in %s" % args.log)
        last = [float(r[1]) for r in rows[-10:]]
        print("training loss, first step:        %.3f" % float(rows[0][1]))
        print("training loss, last 10 steps:     %.3f  (after %d steps)" %
              (sum(last) / len(last), len(rows)))
    if args.train:
        print("training loss, training split:    %.3f  (run --data train)" %
              mean_loss(args.train))
    val = None
    if args.val:
        val = mean_loss(args.val)
        print("validation loss:                  %.3f  (run --data val) = "
              "%.0f%% of the unigram entropy" % (val, 100 * val / H))
    if args.logits:
        targets = np.load(os.path.join(args.data, "val", "targets.npy"))
        per_window = cross_entropy(np.load(args.logits), targets)
        print("validation loss from the logits:  %.4f  (numpy, float64, %d "
              "windows)" % (per_window.mean(), len(per_window)))
        if val is not None and abs(per_window.mean() - val) > 1e-3:
            print("FAIL: run --data's mean loss %.4f differs from the "
                  "logits' %.4f" % (val, per_window.mean()))
            sys.exit(1)
        if args.windows:
            print("  over the first %d windows:       %.4f" %
                  (args.windows, per_window[:args.windows].mean()))
        if val is None:
            val = float(per_window.mean())
    if val is not None and not val < H:
        print("FAIL: the validation loss is not under the unigram entropy")
        sys.exit(1)
    if val is not None and args.max_val is not None and val > args.max_val:
        print("FAIL: the validation loss is over %g" % args.max_val)
        sys.exit(1)


if __name__ == "__main__":
    main()
