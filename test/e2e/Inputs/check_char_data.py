"""check_char_data.py TEXT DIR T B H: checks what examples/char_lstm/prepare.py
wrote to DIR for TEXT against its documented layout; prints a summary."""
import json
import math
import os
import sys
from collections import Counter

import numpy as np

text_path, d = sys.argv[1], sys.argv[2]
T, B, H = map(int, sys.argv[3:6])
text = open(text_path, encoding="utf-8").read()
vocab = json.load(open(os.path.join(d, "vocab.json")))
assert len(vocab) == 97, len(vocab)
assert vocab[0] == "\n" and vocab[1] == " " and vocab[95] == "~", vocab[:3]
stats = json.load(open(os.path.join(d, "stats.json")))
for split in ("train", "val"):
    ids = np.load(os.path.join(d, split, "ids.npy"))
    tg = np.load(os.path.join(d, split, "targets.npy"))
    h0 = np.load(os.path.join(d, split, "h0.npy"))
    c0 = np.load(os.path.join(d, split, "c0.npy"))
    S = ids.shape[0]
    assert ids.dtype == np.int32 and tg.dtype == np.int32
    assert ids.shape == (S, T) and tg.shape == (S, T), (ids.shape, tg.shape)
    assert h0.dtype == np.float32 and h0.shape == (S, H) and not h0.any()
    assert c0.shape == (S, H) and not c0.any()
    assert ids.min() >= 0 and ids.max() < 97
    # targets are the ids shifted by one character
    assert (tg[:, :-1] == ids[:, 1:]).all()
    # every window is a piece of the text, decoded through the vocabulary
    for w in range(S):
        piece = "".join(vocab[i] for i in ids[w]) + vocab[tg[w, -1]]
        known = "".join(ch if (ch == "\n" or 32 <= ord(ch) <= 126)
                        else vocab[96] for ch in text)
        assert piece in known, piece
    if split == "val" and S >= B:
        assert S % B == 0, S
    assert stats[split + "_windows"] == S
    print("%s: ids %s targets %s h0 %s c0 %s" %
          (split, list(ids.shape), list(tg.shape), list(h0.shape),
           list(c0.shape)))
n = len(text)
H1 = -sum(c / n * math.log(c / n) for c in Counter(
    ch if (ch == "\n" or 32 <= ord(ch) <= 126) else "?unknown"
    for ch in text).values())
assert abs(stats["unigram_entropy"] - H1) < 1e-9, (stats["unigram_entropy"], H1)
print("unknown %d, unigram entropy %.4f ok" % (stats["unknown"], H1))
