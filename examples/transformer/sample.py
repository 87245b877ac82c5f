#!/usr/bin/env python3
"""Generates text with a trained char_transformer (README.md).

    sample.py --params W.safetensors [--exe M | --nnc NNC] [--prompt TEXT]
              [--length N] [--temperature TAU] [--seed S]

Uses the model char_transformer_sample of transformer.nn (batch 1, the same
params as char_transformer), whose output `logits` [T, V] holds the next
character's logits at every position of a window. The blocks are causal, so
the logits at position t see only characters 0..t: while the text is
shorter than T it sits at the start of the window (the rest is filled with
spaces, which position t never sees) and the logits are read at its last
position; then the window slides (the last T characters). Per character
one `M run --params W.safetensors --input ids=...`, and a draw from
softmax(logits / TAU). --exe names an executable built with
`nnc transformer.nn --model char_transformer_sample -o M`; without it the
model is compiled with --nnc (default: nnc on PATH, else build/bin/nnc)."""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from prepare import V, decode_id, encode, nn_consts  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--params", required=True)
    ap.add_argument("--exe")
    ap.add_argument("--nnc", default=shutil.which("nnc") or os.path.join(
        here, "..", "..", "build", "bin", "nnc"))
    ap.add_argument("--model", default=os.path.join(here, "transformer.nn"))
    ap.add_argument("--prompt", default="This License")
    ap.add_argument("--length", type=int, default=300)
    ap.add_argument("--temperature", type=float, default=0.7)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if args.temperature <= 0:
        sys.exit("sample.py: --temperature must be > 0")
    if not args.prompt:
        sys.exit("sample.py: --prompt must not be empty")

    T = nn_consts(args.model)["T"]
    work = tempfile.mkdtemp(prefix="char-sample-")
    try:
        exe = args.exe
        if not exe:
            exe = os.path.join(work, "char_transformer_sample")
            subprocess.run([args.nnc, args.model, "--model",
                            "char_transformer_sample", "-o", exe], check=True)
        ids_path = os.path.join(work, "ids.npy")
        out = os.path.join(work, "out")
        rng = np.random.default_rng(args.seed)
        ids = list(encode(args.prompt))
        space = int(encode(" ")[0])
        generated = []
        for _ in range(args.length):
            window = ids[-T:]
            last = len(window) - 1
            window = window + [space] * (T - len(window))
            np.save(ids_path, np.array(window, dtype=np.int32).reshape(1, T))
            r = subprocess.run([exe, "run", "--params", args.params,
                                "--input", "ids=" + ids_path, "--out", out],
                               capture_output=True, text=True)
            if r.returncode != 0:
                sys.exit("sample.py: %s run failed (%d): %s" %
                         (exe, r.returncode, r.stderr.strip()))
            logits = np.load(os.path.join(out, "logits.npy"))[last]
            z = logits.astype(np.float64) / args.temperature
            p = np.exp(z - z.max())
            p /= p.sum()
            nxt = int(rng.choice(V, p=p))
            ids.append(nxt)
            generated.append(decode_id(nxt))
        sys.stdout.write(args.prompt + "".join(generated) + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
