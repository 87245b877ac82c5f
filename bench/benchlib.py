"""Side-by-side benchmarks: an nnc-compiled model's `M bench` JSON line and
the same computation in PyTorch, timed in the same run on the same machine.
PyTorch should use OpenBLAS (Debian's libopenblas0-openmp, selected through
the libblas.so.3 alternative) with OPENBLAS_CORETYPE=SkylakeX; bench/run.py
sets the environment."""
import argparse
import json
import os
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NNC = os.environ.get("NNC", os.path.join(ROOT, "build", "bin", "nnc"))


def threads_arg(doc):
    """The optional THREADS argument of every benchmark script (default:
    torch's thread count); `--help` prints the script's docstring."""
    import torch
    parser = argparse.ArgumentParser(
        description=doc + " Run it through bench/run.py, which uses "
        "/usr/bin/python3 and sets OPENBLAS_CORETYPE=SkylakeX.")
    parser.add_argument("threads", nargs="?", type=int,
                        default=torch.get_num_threads(),
                        help="threads for both nnc and PyTorch")
    return parser.parse_args().threads


def nnc_bench(source, name, iters=50, warmup=5, threads=None, nnc_args=()):
    d = tempfile.mkdtemp(prefix="nnc-bench-")
    src = os.path.join(d, name + ".nn")
    with open(src, "w") as f:
        f.write(source)
    exe = os.path.join(d, name)
    subprocess.run([NNC, src, "-o", exe, *nnc_args], check=True)
    cmd = [exe, "bench", "--iters", str(iters), "--warmup", str(warmup)]
    if threads:
        cmd += ["--threads", str(threads)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def torch_time(fn, iters=50, warmup=5):
    for _ in range(warmup):
        fn()
    ts = []
    for _ in range(iters):
        s = time.perf_counter()
        fn()
        ts.append((time.perf_counter() - s) * 1e6)
    ts.sort()
    return {"min": round(ts[0], 3), "median": round(ts[len(ts) // 2], 3)}
