"""Independent numpy reference for the runtime's lit tests.

Re-implements the toy model of toy_model.c (x[B,D] -> relu MLP -> logits[B,C],
mean cross-entropy L) in float64, plus a safetensors reader/writer written
from the format description (json + numpy; the `safetensors` package is not
installed). Each subcommand prints one line starting with "OK" or raises.

usage: toyref.py COMMAND ARGS...  (see the functions named cmd_*)
"""
import json
import os
import struct
import sys

import numpy as np

B, D, H, C = 4, 5, 8, 3
PARAM_SHAPES = {"w1": (H, D), "b1": (H,), "w2": (C, H), "b2": (C,)}


# --- safetensors, from the format description -------------------------------

def read_safetensors(path):
    data = open(path, "rb").read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    body = data[8 + n:]
    dtypes = {"F32": np.float32, "I32": np.int32}
    tensors = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        array = np.frombuffer(body[begin:end], dtype=dtypes[entry["dtype"]])
        tensors[name] = array.reshape(entry["shape"])
    return tensors


def write_safetensors(path, tensors, metadata=None):
    header, blobs, offset = {}, [], 0
    if metadata is not None:
        header["__metadata__"] = metadata
    for name, array in tensors.items():
        array = np.ascontiguousarray(array, dtype=np.float32)
        blob = array.tobytes()
        header[name] = {"dtype": "F32", "shape": list(array.shape),
                        "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header).encode("utf-8")
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


# --- the toy model in float64 ------------------------------------------------

def forward(p, x, label):
    """Returns logits[B,C], loss, and the cache for backward."""
    hpre = x @ p["w1"].T + p["b1"]
    h = np.maximum(hpre, 0)
    logits = h @ p["w2"].T + p["b2"]
    shifted = logits - logits.max(axis=1, keepdims=True)
    logsumexp = np.log(np.exp(shifted).sum(axis=1))
    loss = np.mean(logsumexp - shifted[np.arange(len(label)), label])
    return logits, loss, (hpre, h, shifted)


def gradients(p, x, label):
    logits, loss, (hpre, h, shifted) = forward(p, x, label)
    probs = np.exp(shifted) / np.exp(shifted).sum(axis=1, keepdims=True)
    onehot = np.eye(C)[label]
    dlogits = (probs - onehot) / len(label)
    dh = (dlogits @ p["w2"]) * (hpre > 0)
    return loss, {
        "w2": dlogits.T @ h, "b2": dlogits.sum(0),
        "w1": dh.T @ x, "b1": dh.sum(0), "x": dh @ p["w1"],
    }


def as64(tensors):
    return {k: np.asarray(v, dtype=np.float64) for k, v in tensors.items()}


def close(name, got, want, rtol=1e-5, atol=1e-6):
    got, want = np.asarray(got, np.float64), np.asarray(want, np.float64)
    if got.shape != want.shape:
        raise SystemExit(f"FAIL {name}: shape {got.shape} != {want.shape}")
    if not np.allclose(got, want, rtol=rtol, atol=atol):
        raise SystemExit(f"FAIL {name}: max abs diff "
                         f"{np.abs(got - want).max():.3g}\n got {got}\nwant {want}")


# --- subcommands -------------------------------------------------------------

def cmd_make_params(path, seed="1"):
    rng = np.random.default_rng(int(seed))
    write_safetensors(path, {k: rng.normal(0, 0.5, s).astype(np.float32)
                             for k, s in PARAM_SHAPES.items()},
                      metadata={"made_by": "toyref.py"})
    print("OK params", path)


def cmd_make_inputs(directory, seed="2"):
    rng = np.random.default_rng(int(seed))
    os.makedirs(directory, exist_ok=True)
    np.save(os.path.join(directory, "x.npy"),
            rng.standard_normal((B, D)).astype(np.float32))
    np.save(os.path.join(directory, "label.npy"),
            rng.integers(0, C, B).astype(np.int32))
    print("OK inputs", directory)


def load_case(params, inputs):
    p = as64(read_safetensors(params))
    x = np.load(os.path.join(inputs, "x.npy")).astype(np.float64)
    label = np.load(os.path.join(inputs, "label.npy"))
    return p, x, label


def cmd_verify_run(out, params, inputs):
    p, x, label = load_case(params, inputs)
    logits, loss, _ = forward(p, x, label)
    got = np.load(os.path.join(out, "logits.npy"))
    assert got.dtype == np.float32, got.dtype
    close("logits", got, logits)
    got_loss = np.load(os.path.join(out, "loss.npy"))
    assert got_loss.shape == () and got_loss.dtype == np.float32
    close("loss", got_loss, loss)
    print(f"OK run logits and loss {loss:.6f} match numpy")


def cmd_verify_grad(out, params, inputs):
    p, x, label = load_case(params, inputs)
    loss, grads = gradients(p, x, label)
    close("loss", np.load(os.path.join(out, "loss.npy")), loss)
    for name, want in grads.items():
        got = np.load(os.path.join(out, f"grad_{name}.npy"))
        close(f"grad_{name}", got, want)
    print(f"OK grad {len(grads)} gradients match numpy")


def fans(shape):
    """PyTorch's fans: fan_in = shape[1] * receptive field, fan_out =
    shape[0] * receptive field, receptive field = prod(shape[2:])."""
    receptive = int(np.prod(shape[2:]))
    return shape[1] * receptive, shape[0] * receptive


def check_distribution(name, values, mean, std, low=None, high=None):
    """Sample mean and std within 5 standard errors (std only when the
    sample is large enough to say something); bounds exact."""
    values = values.astype(np.float64).ravel()
    n = len(values)
    assert abs(values.mean() - mean) < 5 * std / np.sqrt(n), (name, values.mean())
    if n >= 500:
        assert abs(values.std() / std - 1) < 5 / np.sqrt(2 * n), (name, values.std(), std)
    if low is not None:
        assert values.min() >= low and values.max() < high, (name, values.min(), values.max())
        span = high - low
        assert values.min() < low + 0.1 * span and values.max() > high - 0.1 * span


# name -> init of toy_model.c (the a_* params come with -DEXTRA_PARAMS)
def expected_init(name, shape):
    fan_in, fan_out = fans(shape) if len(shape) >= 2 else (None, None)
    if name in ("w1", "a_xavier4d"):
        bound = np.sqrt(6.0 / (fan_in + fan_out))
        return ("uniform", -bound, bound)
    if name in ("w2", "a_kaiming4d"):
        return ("normal", np.sqrt(2.0 / fan_in))
    return {"b1": ("const", 0.1), "b2": ("const", 0.0),
            "a_ones": ("const", 1.0), "a_normal": ("normal", 0.5),
            "a_uniform": ("uniform", -2.0, 3.0)}[name]


def cmd_verify_init(params_path, seed):
    """Default params follow their init and PyTorch's fans."""
    checked = []
    for name, values in read_safetensors(params_path).items():
        kind, *args = expected_init(name, values.shape)
        if kind == "const":
            assert np.all(values == np.float32(args[0])), name
        elif kind == "normal":
            check_distribution(name, values, 0.0, args[0])
        else:
            low, high = args
            check_distribution(name, values, (low + high) / 2,
                               (high - low) / np.sqrt(12), low, high)
        checked.append(name)
    print("OK init seed", seed, " ".join(checked))


def cmd_verify_inputs(directory):
    """Default inputs: x standard normal, labels within [0, C)."""
    x = np.load(os.path.join(directory, "x.npy"))
    label = np.load(os.path.join(directory, "label.npy"))
    assert x.dtype == np.float32 and x.shape == (B, D)
    assert label.dtype == np.int32 and label.min() >= 0 and label.max() < C
    print("OK default inputs")


def cmd_differ(a, b):
    """Two params files differ in every random tensor."""
    pa, pb = read_safetensors(a), read_safetensors(b)
    for name in ("w1", "w2"):
        assert not np.array_equal(pa[name], pb[name]), name
    print("OK differ")


def cmd_same(a, b):
    pa, pb = read_safetensors(a), read_safetensors(b)
    assert pa.keys() == pb.keys()
    for name in pa:
        assert np.array_equal(pa[name], pb[name]), name
    print("OK same")


def cmd_make_subset(source, path, *names):
    tensors = read_safetensors(source)
    write_safetensors(path, {name: tensors[name] for name in names})
    print("OK subset")


def cmd_verify_subset(result, subset, default):
    got, sub, base = (read_safetensors(p) for p in (result, subset, default))
    for name in got:
        want = sub[name] if name in sub else base[name]
        assert np.array_equal(got[name], want), name
    print("OK subset", " ".join(sorted(sub)), "from file,",
          " ".join(sorted(set(got) - set(sub))), "default")


def cmd_make_dataset(directory, samples, layout="sample-major"):
    """A learnable problem: the label is the argmax of a fixed linear map."""
    samples = int(samples)
    rng = np.random.default_rng(3)
    x = rng.standard_normal((samples, D)).astype(np.float32)
    label = np.argmax(x @ rng.standard_normal((D, C)), axis=1).astype(np.int32)
    os.makedirs(directory, exist_ok=True)
    np.save(os.path.join(directory, "x.npy"), x)
    np.save(os.path.join(directory, "label.npy"), label)
    print("OK dataset", x.shape, label.shape)


def cmd_verify_loss_drops(log, ratio="0.5"):
    rows = np.loadtxt(log, delimiter=",", skiprows=1, ndmin=2)
    with open(log) as f:
        assert f.readline().strip() == "step,loss,grad_norm"
    first, last = rows[:10, 1].mean(), rows[-10:, 1].mean()
    assert last < float(ratio) * first, (first, last)
    assert np.all(rows[:, 0] == np.arange(1, len(rows) + 1))
    print(f"OK loss dropped from {first:.3f} to {last:.3f}")


def cmd_verify_step(before, after, inputs, lr, clip="0", log=None,
                    optimizer="sgd"):
    """One update from `before` on the batch `inputs` gives `after`."""
    p0 = as64(read_safetensors(before))
    p1 = as64(read_safetensors(after))
    x = np.load(os.path.join(inputs, "x.npy")).astype(np.float64)
    label = np.load(os.path.join(inputs, "label.npy"))
    loss, grads = gradients(p0, x, label)
    norm = np.sqrt(sum((grads[k] ** 2).sum() for k in PARAM_SHAPES))
    lr, clip = float(lr), float(clip)
    scale = clip / norm if 0 < clip < norm else 1.0
    if clip > 0:
        assert scale < 1.0, f"the step was not clipped: norm {norm} <= {clip}"
    for name in PARAM_SHAPES:
        g = scale * grads[name]
        if optimizer == "adam":  # first step: m/(sqrt(v)) = sign(g)
            want = p0[name] - lr * g / (np.abs(g) + 1e-8)
        else:
            want = p0[name] - lr * g
        close(f"param {name}", p1[name], want, rtol=1e-4, atol=1e-5 * lr)
    if clip > 0:
        moved = np.sqrt(sum(((p1[k] - p0[k]) ** 2).sum() for k in PARAM_SHAPES))
        close("update length", moved, lr * clip, rtol=1e-4)
    if log:
        rows = np.loadtxt(log, delimiter=",", skiprows=1, ndmin=2)
        close("logged loss", rows[0, 1], loss)
        close("logged grad_norm", rows[0, 2], norm, rtol=1e-4)
    print(f"OK {optimizer} step (grad norm {norm:.4f}, scale {scale:.4g})")


def cmd_verify_accuracy(out, data, minimum):
    logits = np.load(os.path.join(out, "logits.npy"))
    label = np.load(os.path.join(data, "label.npy"))
    assert logits.shape == (len(label), C), logits.shape
    accuracy = (logits.argmax(1) == label).mean()
    assert accuracy >= float(minimum), accuracy
    print(f"OK accuracy >= {minimum}")


def cmd_verify_run_data(out, params, data, layout):
    """run --data: every sample's logits, in sample order, from numpy."""
    p = as64(read_safetensors(params))
    x = np.load(os.path.join(data, "x.npy")).astype(np.float64)
    if layout == "whole":  # x data [S, B, D]: one sample is a whole input
        want = np.stack([forward(p, s, np.zeros(B, int))[0] for s in x])
    else:  # x data [S, D]: each sample is one row of the batch
        want = forward(p, x, np.zeros(len(x), int))[0]
    close("logits", np.load(os.path.join(out, "logits.npy")), want)
    print("OK run --data", want.shape)


def cmd_kink_params(path, inputs):
    """Params that put hidden unit 0 of sample 0 just above the relu kink."""
    rng = np.random.default_rng(5)
    p = {k: rng.normal(0, 0.5, s).astype(np.float32)
         for k, s in PARAM_SHAPES.items()}
    x = np.load(os.path.join(inputs, "x.npy"))
    p["b1"][0] = np.float32(-(x[0].astype(np.float64) @ p["w1"][0]) + 1e-5)
    hpre = x[0].astype(np.float32) @ p["w1"][0] + p["b1"][0]
    assert 0 < hpre < 1e-4, hpre
    write_safetensors(path, p)
    print("OK kink params")


def cmd_expect_error(code, needle, *command):
    """Runs `command`; it must exit with `code` (not a signal) and print
    exactly one line on stderr, containing `needle`. Prints that line."""
    import subprocess
    result = subprocess.run(list(command), capture_output=True, text=True,
                            errors="replace")
    lines = result.stderr.splitlines()
    if result.returncode != int(code) or len(lines) != 1 or needle not in lines[0]:
        raise SystemExit(f"FAIL exit {result.returncode} (want {code}), "
                         f"stderr {lines!r}, want one line with {needle!r}")
    print(f"OK exit {code}: {lines[0]}")


def cmd_make_whole_dataset(directory, samples):
    """x [S, B, D], label [S, B]: every sample fills a whole input."""
    rng = np.random.default_rng(4)
    samples = int(samples)
    os.makedirs(directory, exist_ok=True)
    np.save(os.path.join(directory, "x.npy"),
            rng.standard_normal((samples, B, D)).astype(np.float32))
    np.save(os.path.join(directory, "label.npy"),
            rng.integers(0, C, (samples, B)).astype(np.int32))
    print("OK whole-sample dataset")


if __name__ == "__main__":
    command, args = sys.argv[1].replace("-", "_"), sys.argv[2:]
    globals()["cmd_" + command](*args)
