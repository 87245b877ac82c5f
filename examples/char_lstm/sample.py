#!/usr/bin/env python3
"""Generates text with a trained char_lstm (README.md).

    sample.py --params W.safetensors [--exe M | --nnc NNC] [--prompt TEXT]
              [--length N] [--temperature TAU] [--seed S]

Uses the model char_lstm_sample of char_lstm.nn (batch 1, the same params as
char_lstm): for each new character it writes the last T characters of the
text so far as ids [T, 1] and calls

    M run --params W.safetensors --input ids=... --input h0=0 --input c0=0

then samples the next character from softmax(next / TAU), `next` being the
logits [1, V] of the window's last position. Every window starts from a
zero state, as in training. A prompt shorter than T is left-padded with
spaces. --exe names an executable built with
`nnc char_lstm.nn --model char_lstm_sample -o M`; without it the model is
compiled with --nnc (default: nnc on PATH, else build/bin/nnc)."""
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
    ap.add_argument("--model", default=os.path.join(here, "char_lstm.nn"))
    ap.add_argument("--prompt", default="This License")
    ap.add_argument("--length", type=int, default=300)
    ap.add_argument("--temperature", type=float, default=0.7)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if args.temperature <= 0:
        sys.exit("sample.py: --temperature must be > 0")

    c = nn_consts(args.model)
    T, H = c["T"], c["H"]
    work = tempfile.mkdtemp(prefix="char-sample-")
    try:
        exe = args.exe
        if not exe:
            exe = os.path.join(work, "char_lstm_sample")
            subprocess.run([args.nnc, args.model, "--model",
                            "char_lstm_sample", "-o", exe], check=True)
        zeros = os.path.join(work, "zeros.npy")
        np.save(zeros, np.zeros((1, H), dtype=np.float32))
        ids_path = os.path.join(work, "ids.npy")
        out = os.path.join(work, "out")
        rng = np.random.default_rng(args.seed)
        ids = list(encode(args.prompt))
        pad = list(encode(" ")) * max(0, T - len(ids))
        generated = []
        for _ in range(args.length):
            window = (pad + ids)[-T:]
            np.save(ids_path, np.array(window, dtype=np.int32).reshape(T, 1))
            r = subprocess.run([exe, "run", "--params", args.params,
                                "--input", "ids=" + ids_path,
                                "--input", "h0=" + zeros,
                                "--input", "c0=" + zeros, "--out", out],
                               capture_output=True, text=True)
            if r.returncode != 0:
                sys.exit("sample.py: %s run failed (%d): %s" %
                         (exe, r.returncode, r.stderr.strip()))
            logits = np.load(os.path.join(out, "next.npy")).reshape(V)
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
