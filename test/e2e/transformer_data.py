# RUN: rm -rf %t && mkdir -p %t
# RUN: %python %s %t
# examples/transformer/prepare.py gives the transformer the same data as
# examples/char_lstm/prepare.py gives the LSTM (the comparison in
# examples/transformer/README.md relies on it): on the GPL-3 text, the same
# training windows, the same unigram statistics, and validation windows of
# which the LSTM's (trimmed to its batch of 32) are the first. Then the
# batching: with `ids : i32[B, T]` and data [S, T], `run --data` batches
# along axis 0, so char_transformer's logits3 [S, T, V] row s is window s:
# checked on a tiny model of the same layout.
import json
import os
import subprocess
import sys

import nnctest
import numpy as np

out = sys.argv[1]
ex = os.path.dirname(nnctest.example("x"))   # examples/
text = "/usr/share/common-licenses/GPL-3"
for name, script in (("xfmr", "transformer/prepare.py"),
                     ("lstm", "char_lstm/prepare.py")):
    subprocess.run([sys.executable, os.path.join(ex, script), "--text", text,
                    "--out", os.path.join(out, name)], check=True,
                   capture_output=True)


def load(name, split, f):
    return np.load(os.path.join(out, name, split, f + ".npy"))


for f in ("ids", "targets"):
    a, b = load("xfmr", "train", f), load("lstm", "train", f)
    nnctest.report("train %s identical" % f,
                   a.shape == b.shape and bool((a == b).all()),
                   "%s vs %s" % (a.shape, b.shape))
    a, b = load("xfmr", "val", f), load("lstm", "val", f)
    nnctest.report("the LSTM's val %s are the first %d of ours" % (f, len(b)),
                   a.shape[1:] == b.shape[1:] and len(a) >= len(b) and
                   bool((a[:len(b)] == b).all()),
                   "%s vs %s" % (a.shape, b.shape))
sa = json.load(open(os.path.join(out, "xfmr", "stats.json")))
sb = json.load(open(os.path.join(out, "lstm", "stats.json")))
for k in ("unigram_entropy", "train_unigram_entropy",
          "val_unigram_cross_entropy", "train_characters", "val_characters"):
    nnctest.report("stats %s equal" % k, sa[k] == sb[k],
                   "%s vs %s" % (sa[k], sb[k]))
nnctest.report("val windows a multiple of B = %d" % sa["B"],
               sa["val_windows"] % sa["B"] == 0, str(sa["val_windows"]))
ids = load("xfmr", "train", "ids")
tg = load("xfmr", "train", "targets")
nnctest.report("targets are ids shifted by one",
               bool((ids[:, 1:] == tg[:, :-1]).all()), "")

# Batching of [S, T] data for an i32[B, T] input: row s of the output is
# window s (B = 4 windows per batch, S = 10: the last batch wraps).
m = nnctest.compile_model("""
model m {
  input ids : i32[4, 8]
  param table : f32[97, 1] = ones
  output e = reshape(embedding(ids, table), [4, 8])
}
""")
d = os.path.join(out, "tiny")
os.makedirs(d, exist_ok=True)
small = ids[:10, :8].copy()
np.save(os.path.join(d, "ids.npy"), small)
table = np.arange(97, dtype=np.float32).reshape(97, 1)
nnctest.save_safetensors(os.path.join(out, "table.safetensors"),
                         {"table": table})
r, o = m.exec("run", extra=["--data", d, "--params",
                            os.path.join(out, "table.safetensors")])
e = np.load(os.path.join(o, "e.npy"))
nnctest.report("run --data: [S, T] batched along axis 0 of ids[B, T]",
               e.shape == small.shape and bool((e == small).all()),
               "%s" % (e.shape,))
nnctest.finish()
