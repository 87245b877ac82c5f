#!/usr/bin/env python3
"""Turns a text into token ids for transformer.nn (`M train --data`, `M run --data`).

    prepare.py [--text FILE] [--out DIR] [--model NN] [--val-fraction F]
               [--block N] [--stride S]

The same vocabulary, split and windows as examples/char_lstm/prepare.py, so
that the two models see the same data (with the same T, the same windows):
 - vocabulary fixed at V = 97: id 0 is '\\n', ids 1..95 the printable ASCII
   characters ' '..'~' (chr(31 + id)), id 96 anything else;
 - the text is cut into blocks of --block characters (default 512); every
   round(1/F)-th block (the last of each group, F = --val-fraction, default
   0.1) validates, the others train (both splits sample the whole text; the
   GPL's last section reads differently from the rest);
 - each block is cut into windows of T + 1 characters (no window crosses a
   block boundary): ids = the first T, targets = the last T (the next
   character of each).
Only the layout differs:
the transformer wants [B, T, D] activations, so its inputs are
`ids : i32[B, T]`, and the runtime batches data shaped [S, T] along axis 0
(the first axis whose removal from [B, T] leaves [T]): B windows per step.
Written:
  DIR/train/ids.npy, targets.npy  i32[S, T]  windows every --stride chars
  DIR/val/ids.npy, targets.npy    i32[S, T]  windows every T/2 characters, S
                                  a multiple of B (so that `run --data`'s mean
                                  over batches is the mean over windows)
  DIR/vocab.json                  the id -> character table
  DIR/stats.json                  sizes and the unigram entropies below
Prints the unigram entropy of the text in nats: the loss of the best model
that ignores context (it predicts every character with its frequency). For
validation the fair baseline is the cross-entropy of the validation text
under the training text's frequencies (add-one counts)."""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                ".."))
from chartext import (UNKNOWN, V, decode_id, encode, entropy,  # noqa: E402,F401
                      nn_consts, windows)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--text", default="/usr/share/common-licenses/GPL-3")
    ap.add_argument("--out", default="char-data")
    ap.add_argument("--model", default=os.path.join(here, "transformer.nn"),
                    help="the .nn file whose consts V, T, B to use")
    ap.add_argument("--val-fraction", type=float, default=0.1)
    ap.add_argument("--block", type=int, default=512)
    ap.add_argument("--stride", type=int, default=0,
                    help="training window stride (default T/4)")
    args = ap.parse_args()

    c = nn_consts(args.model)
    if c.get("V") != V:
        sys.exit("prepare.py: %s has V = %s, the vocabulary has %d" %
                 (args.model, c.get("V"), V))
    T, B = c["T"], c["B"]
    stride = args.stride or max(1, T // 4)

    with open(args.text, encoding="utf-8", errors="replace") as f:
        text = f.read()
    ids = encode(text)
    every = max(2, int(round(1 / args.val_fraction)))
    blocks = [ids[s:s + args.block] for s in range(0, len(ids), args.block)]
    train_blocks = [b for k, b in enumerate(blocks) if k % every != every - 1]
    val_blocks = [b for k, b in enumerate(blocks) if k % every == every - 1]
    if not val_blocks:  # a short text: its last block validates
        train_blocks, val_blocks = blocks[:-1], blocks[-1:]
    train_ids = np.concatenate(train_blocks or [ids[:0]])
    val_ids = np.concatenate(val_blocks)

    splits = {"train": windows(train_blocks, T, stride),
              "val": windows(val_blocks, T, max(1, T // 2))}
    for name, (x, _) in splits.items():
        if len(x) == 0:
            sys.exit("prepare.py: %s (%d characters) gives no %s window of "
                     "%d characters (blocks of %d)" %
                     (args.text, len(ids), name, T + 1, args.block))
    x, y = splits["val"]
    keep = (len(x) // B) * B
    if keep == 0:   # fewer windows than a batch: run --data wraps around
        keep = len(x)
    splits["val"] = (x[:keep], y[:keep])

    os.makedirs(args.out, exist_ok=True)
    for name, (x, y) in splits.items():
        d = os.path.join(args.out, name)
        os.makedirs(d, exist_ok=True)
        np.save(os.path.join(d, "ids.npy"), x)
        np.save(os.path.join(d, "targets.npy"), y)

    counts = np.bincount(ids, minlength=V).astype(np.float64)
    train_counts = np.bincount(train_ids, minlength=V).astype(np.float64)
    val_counts = np.bincount(val_ids, minlength=V).astype(np.float64)
    p_train = (train_counts + 1) / (train_counts.sum() + V)
    stats = {
        "text": args.text, "characters": int(len(ids)),
        "distinct": int((counts > 0).sum()), "unknown": int(counts[UNKNOWN]),
        "V": V, "T": T, "B": B,
        "train_characters": int(len(train_ids)),
        "val_characters": int(len(val_ids)),
        "train_windows": int(len(splits["train"][0])), "train_stride": stride,
        "val_windows": int(len(splits["val"][0])),
        "unigram_entropy": entropy(counts),
        "train_unigram_entropy": entropy(train_counts),
        "val_unigram_cross_entropy":
            float(-(val_counts * np.log(p_train)).sum() / val_counts.sum()),
    }
    with open(os.path.join(args.out, "stats.json"), "w") as f:
        json.dump(stats, f, indent=1)
    with open(os.path.join(args.out, "vocab.json"), "w") as f:
        json.dump([decode_id(i) for i in range(V)], f)

    print("%s: %d characters (%d distinct, %d outside the vocabulary)" %
          (args.text, stats["characters"], stats["distinct"],
           stats["unknown"]))
    print("train: %d characters -> %d windows of %d (stride %d): "
          "%s/train/{ids,targets}.npy i32%s" %
          (len(train_ids), stats["train_windows"], T, stride, args.out,
           list(splits["train"][0].shape)))
    print("val:   %d characters -> %d windows of %d (stride %d): "
          "%s/val/{ids,targets}.npy i32%s" %
          (len(val_ids), stats["val_windows"], T, max(1, T // 2), args.out,
           list(splits["val"][0].shape)))
    print("unigram entropy of the text: %.4f nats/char "
          "(train split %.4f; val under train frequencies %.4f)" %
          (stats["unigram_entropy"], stats["train_unigram_entropy"],
           stats["val_unigram_cross_entropy"]))


if __name__ == "__main__":
    main()
