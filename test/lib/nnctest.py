"""Reference-test harness: compile a .nn model with nnc, run it through the
generated executable's CLI (TOOLS.md section 3), and compare its outputs and
gradients with PyTorch.

    m = nnctest.compile_model(SOURCE)
    out = m.grad(inputs={"x": x}, params={"w": w})   # numpy arrays
    nnctest.compare_with_torch(m, torch_fn, inputs, params, wrt=["x"])

Forward outputs are compared with rtol 1e-4 (elementwise, plus a small
absolute floor relative to the tensor's scale); gradients with 1e-3 relative
to the reference tensor's max magnitude, as the issues ask.
"""
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile

import numpy as np

NNC_BIN_DIR = os.environ.get("NNC_BIN_DIR", "")
NNC = os.path.join(NNC_BIN_DIR, "nnc") if NNC_BIN_DIR else "nnc"

FORWARD_RTOL = 1e-4
GRAD_RTOL = 1e-3

_failures = []


def save_safetensors(path, tensors):
    header, blobs, offset = {}, [], 0
    for name, value in tensors.items():
        data = np.ascontiguousarray(value, dtype=np.float32).tobytes()
        header[name] = {"dtype": "F32", "shape": list(np.shape(value)),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)))
        f.write(raw)
        for b in blobs:
            f.write(b)


def load_safetensors(path):
    with open(path, "rb") as f:
        data = f.read()
    n = struct.unpack("<Q", data[:8])[0]
    header = json.loads(data[8:8 + n])
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        s, e = info["data_offsets"]
        out[name] = np.frombuffer(data[8 + n + s:8 + n + e],
                                  dtype=np.float32).reshape(info["shape"])
    return out


class Model:
    """A compiled model: `source` written to a temporary directory and built
    into an executable with `nnc`."""

    def __init__(self, source, name="m", nnc_args=()):
        self.dir = tempfile.mkdtemp(prefix="nnctest-")
        self.name = name
        self.source_path = os.path.join(self.dir, name + ".nn")
        with open(self.source_path, "w") as f:
            f.write(source)
        self.exe = os.path.join(self.dir, name)
        r = subprocess.run([NNC, self.source_path, "-o", self.exe,
                            *nnc_args], capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError("nnc failed (%d):\n%s%s" %
                               (r.returncode, r.stdout, r.stderr))

    def __del__(self):
        if os.environ.get("NNCTEST_KEEP") is None:
            shutil.rmtree(getattr(self, "dir", ""), ignore_errors=True)

    def _files(self, inputs, params, tag):
        args = []
        if params:
            path = os.path.join(self.dir, tag + "-params.safetensors")
            save_safetensors(path, params)
            args += ["--params", path]
        for name, value in (inputs or {}).items():
            path = os.path.join(self.dir, "%s-in-%s.npy" % (tag, name))
            np.save(path, value)
            args += ["--input", "%s=%s" % (name, path)]
        return args

    def exec(self, command, inputs=None, params=None, extra=(), check=True):
        out = os.path.join(self.dir, command + "-out")
        shutil.rmtree(out, ignore_errors=True)
        args = [self.exe, command, *self._files(inputs, params, command)]
        if command in ("run", "grad"):
            args += ["--out", out]
        r = subprocess.run(args + list(extra), capture_output=True, text=True)
        if check and r.returncode != 0:
            raise RuntimeError("%s failed (%d):\n%s%s" %
                               (" ".join(args), r.returncode, r.stdout,
                                r.stderr))
        return r, out

    def _load(self, out):
        result = {}
        for f in os.listdir(out):
            if f.endswith(".npy"):
                result[f[:-4]] = np.load(os.path.join(out, f))
        return result

    def run(self, inputs=None, params=None):
        """Forward: {output name: array} (plus 'loss' with a loss)."""
        _, out = self.exec("run", inputs, params)
        return self._load(out)

    def grad(self, inputs=None, params=None):
        """Forward + backward: outputs, 'loss' and 'grad_<name>' arrays."""
        _, out = self.exec("grad", inputs, params)
        return self._load(out)

    def check(self, inputs=None, params=None, extra=()):
        r, _ = self.exec("check", inputs, params, extra, check=False)
        return r


def compile_model(source, name="m", nnc_args=()):
    return Model(source, name, nnc_args)


def report(name, ok, detail):
    print("%s %s: %s" % ("ok  " if ok else "FAIL", name, detail))
    if not ok:
        _failures.append(name)


def assert_forward_close(name, ours, ref, rtol=FORWARD_RTOL):
    ours = np.asarray(ours, dtype=np.float64)
    ref = np.asarray(ref, dtype=np.float64)
    if ours.shape != ref.shape:
        report(name, False, "shape %s, expected %s" % (ours.shape, ref.shape))
        return
    scale = max(np.abs(ref).max(initial=0.0), 1e-30)
    err = np.abs(ours - ref)
    # Elementwise rtol, with a floor at rtol * 1e-2 of the tensor's scale so
    # that entries that cancel to ~0 are not judged on their own scale.
    bound = rtol * np.maximum(np.abs(ref), 1e-2 * scale)
    worst = float((err / np.maximum(bound, 1e-300)).max(initial=0.0))
    report(name, bool(np.all(err <= bound)),
           "max abs err %.3g (max |ref| %.3g, %.2f of tolerance)" %
           (err.max(initial=0.0), scale, worst))


def assert_grad_close(name, ours, ref, rtol=GRAD_RTOL):
    ours = np.asarray(ours, dtype=np.float64)
    ref = np.asarray(ref, dtype=np.float64)
    if ours.shape != ref.shape:
        report(name, False, "shape %s, expected %s" % (ours.shape, ref.shape))
        return
    scale = np.abs(ref).max(initial=0.0)
    err = np.abs(ours - ref).max(initial=0.0)
    # A reference that is zero up to float64 rounding (e.g. 3e-16) is zero.
    if scale < 1e-12:
        report(name, err < 1e-9, "max abs err %.3g (reference ~0: %.3g)" %
               (err, scale))
        return
    report(name, err <= rtol * scale,
           "max abs err %.3g, %.3g of max |ref| %.3g" % (err, err / scale,
                                                         scale))


def compare_with_torch(model, torch_fn, inputs, params, outputs, loss=None,
                       wrt=(), tag="", forward_rtol=FORWARD_RTOL,
                       grad_rtol=GRAD_RTOL):
    """Runs `model` on `inputs`/`params` (numpy) and compares with
    `torch_fn(**tensors) -> {name: tensor}` (outputs and, with `loss`, the
    loss name). Gradients of the loss wrt every param and every input in
    `wrt` are compared through torch.autograd."""
    import torch
    torch_in = {}
    for k, v in list(inputs.items()) + list(params.items()):
        t = torch.tensor(np.asarray(v))
        if t.dtype == torch.int32:
            t = t.long()
        if t.is_floating_point():
            t = t.double()
            if k in params or k in wrt:
                t.requires_grad_(True)
        torch_in[k] = t
    ref = torch_fn(**torch_in)
    prefix = tag + ":" if tag else ""
    # M_forward (`run`) and, with a loss, M_backward (`grad`) each compute
    # the outputs and the loss: both are compared.
    calls = [("", model.run(inputs, params))]
    if loss:
        calls.append(("grad:", model.grad(inputs, params)))
    for via, result in calls:
        for name in outputs:
            assert_forward_close(prefix + via + name, result[name],
                                 ref[name].detach().numpy(), forward_rtol)
        if loss:
            assert_forward_close(prefix + via + "loss", result["loss"],
                                 ref[loss].detach().numpy(), forward_rtol)
    ours = calls[-1][1]
    if not loss:
        return ours
    ref[loss].backward()
    for k in list(params) + list(wrt):
        g = torch_in[k].grad
        g = np.zeros(np.shape(params.get(k, inputs.get(k)))) if g is None \
            else g.numpy()
        assert_grad_close(prefix + "grad_" + k, ours["grad_" + k], g,
                          grad_rtol)
    return ours


def rng(seed=0):
    return np.random.default_rng(seed)


def randn(r, *shape, scale=1.0):
    return (r.standard_normal(shape) * scale).astype(np.float32)


def finish():
    """Call at the end of a test script: exit 1 if anything failed."""
    if _failures:
        print("%d FAILED: %s" % (len(_failures), ", ".join(_failures)))
        sys.exit(1)
    print("all passed")


def example(path):
    """Path of a file under examples/."""
    return os.path.join(os.path.dirname(__file__), "..", "..", "examples",
                        path)
