#!/usr/bin/env python3
"""Vanishing gradients through time, measured with nnc (see vanishing.nn).

    vanishing.py [--nnc PATH] [--out DIR] [--seed S]

Compiles the four models of vanishing.nn (rnn, lstm_f0, lstm_f1, lstm_f3),
runs `M grad` on each with the same inputs x [T, B, I] and r [B, H] (standard
normal from --seed) and the params of the .nn file's inits, and writes
  DIR/vanishing.csv  t, then ||dL/dx_t|| (L2 over batch and features) per model
  DIR/vanishing.png  the same on a log scale
and prints, per model, the gradient norm at t = 0 relative to t = T-1 and the
per-step factor exp(slope) of a least-squares line through log ||dL/dx_t||
for t = 5 .. T-5 (below 1: the gradient shrinks by that factor per step back
in time)."""
import argparse
import csv
import os
import shutil
import subprocess
import sys

import numpy as np

MODELS = [("rnn", "vanilla RNN (tanh)"),
          ("lstm_f0", "LSTM, forget bias 0 (f ~ 0.5)"),
          ("lstm_f1", "LSTM, forget bias 1 (f ~ 0.73)"),
          ("lstm_f3", "LSTM, forget bias 3 (f ~ 0.95)")]


def consts(path):
    """The integer `const NAME = VALUE` lines of a .nn file."""
    out = {}
    for line in open(path):
        parts = line.split("#")[0].split()
        if len(parts) == 4 and parts[0] == "const" and parts[2] == "=":
            out[parts[1]] = int(parts[3])
    return out


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--nnc", default=shutil.which("nnc") or os.path.join(
        here, "..", "..", "build", "bin", "nnc"))
    ap.add_argument("--out", default="vanishing-out")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--source", default=os.path.join(here, "vanishing.nn"))
    args = ap.parse_args()

    c = consts(args.source)
    T, B, I, H = c["T"], c["B"], c["I"], c["H"]
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    x = rng.standard_normal((T, B, I)).astype(np.float32)
    r = rng.standard_normal((B, H)).astype(np.float32)
    np.save(os.path.join(args.out, "x.npy"), x)
    np.save(os.path.join(args.out, "r.npy"), r)

    norms = {}
    for name, _ in MODELS:
        exe = os.path.join(args.out, name)
        subprocess.run([args.nnc, args.source, "--model", name, "-o", exe],
                       check=True)
        gdir = os.path.join(args.out, name + "-grad")
        subprocess.run([exe, "grad", "--input",
                        "x=" + os.path.join(args.out, "x.npy"), "--input",
                        "r=" + os.path.join(args.out, "r.npy"), "--out", gdir],
                       check=True, stdout=subprocess.DEVNULL)
        g = np.load(os.path.join(gdir, "grad_x.npy"))
        assert g.shape == (T, B, I), g.shape
        norms[name] = np.sqrt((g.astype(np.float64) ** 2).sum(axis=(1, 2)))

    csv_path = os.path.join(args.out, "vanishing.csv")
    with open(csv_path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["t"] + [name for name, _ in MODELS])
        for t in range(T):
            w.writerow([t] + ["%.6e" % norms[name][t] for name, _ in MODELS])

    print("||dL/dx_t|| for L = sum(h_T * r), T = %d, B = %d, I = H = %d" %
          (T, B, H) if I == H else "T=%d B=%d I=%d H=%d" % (T, B, I, H))
    print("%-8s %12s %12s %12s %16s" % ("model", "t=T-1", "t=T-26", "t=0",
                                        "factor/step"))
    ts = np.arange(5, T - 4)
    rates = {}
    for name, _ in MODELS:
        n = norms[name]
        slope = np.polyfit(ts, np.log(np.maximum(n[ts], 1e-300)), 1)[0]
        # Going back in time (t decreasing) multiplies by exp(-slope).
        rates[name] = float(np.exp(-slope))
        print("%-8s %12.3e %12.3e %12.3e %16.4f" % (name, n[T - 1],
                                                    n[T - 26], n[0],
                                                    rates[name]))

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(7, 4.2), dpi=100)
    for (name, label), style in zip(MODELS, ["-", ":", "--", "-"]):
        ax.semilogy(range(T), norms[name], style, lw=2,
                    label="%s: x%.3g per step back" % (label, rates[name]))
    ax.set_xlabel("time step t (loss on the last step, t = %d)" % (T - 1))
    ax.set_ylabel("||dL/dx_t||  (from M grad)")
    ax.set_title("Gradient reaching each input step, T = %d, H = %d" % (T, H))
    ax.grid(True, which="major", alpha=0.4)
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    png = os.path.join(args.out, "vanishing.png")
    fig.savefig(png)
    print("wrote %s and %s" % (csv_path, png))


if __name__ == "__main__":
    sys.exit(main())
