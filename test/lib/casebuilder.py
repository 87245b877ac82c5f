"""Many PyTorch-parity cases in one compiled model.

Each case declares its tensors and one output expression in .nn syntax plus
the same computation in PyTorch. All outputs feed one scalar loss,

    loss L = sum(y1 * r_y1) + sum(y2 * r_y2) + ...

with a fixed random `r_<output>` per output (an input that is not
differentiated), so that every gradient reaching a case is non-trivial and
distinct per element. `compare` then checks every output, the loss and the
gradient of every param (and every `grad wrt` input) against
torch.autograd in float64, through nnctest.compare_with_torch.

    b = casebuilder.Builder("shape", seed=3)
    x = b.param("x", b.randn(7, 13))
    b.case("t", "transpose(x)", lambda t: t["x"].transpose(-1, -2))
    b.compare()

Compiling one model per test file keeps the suite fast; a failure still
names the case (the output `t`, the gradient `grad_x`).
"""
import numpy as np

import nnctest


def _nn_type(array):
    array = np.asarray(array)
    dtype = "i32" if array.dtype == np.int32 else "f32"
    return "%s[%s]" % (dtype, ", ".join(str(d) for d in array.shape))


class Builder:
    def __init__(self, name, seed=0):
        self.name = name
        self.rng = nnctest.rng(seed)
        self.decls = []
        self.stmts = []
        self.inputs = {}
        self.params = {}
        self.wrt = []
        self.cases = []  # (output name, torch fn)
        self.extra_loss = []  # (nn expr, torch fn) added to the loss
        self.named_terms = []  # loss terms that are also outputs

    # Random data -----------------------------------------------------------
    def randn(self, *shape, scale=1.0):
        return nnctest.randn(self.rng, *shape, scale=scale)

    def uniform(self, lo, hi, *shape):
        return self.rng.uniform(lo, hi, size=shape).astype(np.float32)

    def labels(self, k, *shape):
        return self.rng.integers(0, k, size=shape).astype(np.int32)

    # Declarations ----------------------------------------------------------
    def param(self, name, value):
        self.decls.append("  param %s : %s" % (name, _nn_type(value)))
        self.params[name] = np.asarray(value, dtype=np.float32)
        return name

    def input(self, name, value, wrt=False):
        value = np.asarray(value)
        if value.dtype != np.int32:
            value = value.astype(np.float32)
        self.decls.append("  input %s : %s" % (name, _nn_type(value)))
        self.inputs[name] = value
        if wrt:
            self.wrt.append(name)
        return name

    def let(self, name, expr):
        """A local binding `name = expr` (no output, no loss term)."""
        self.stmts.append("  %s = %s" % (name, expr))

    def case(self, name, expr, torch_fn, shape=None):
        """Output `name = expr`; `torch_fn(tensors)` is its PyTorch value.
        `shape` (default: evaluated with the torch function) sizes the
        random loss weight r_<name>."""
        if shape is None:
            shape = tuple(self._eval(torch_fn).shape)
        r = "r_" + name
        self.inputs[r] = self.randn(*shape)
        self.decls.append("  input %s : %s" % (r, _nn_type(self.inputs[r])))
        self.stmts.append("  output %s = %s" % (name, expr))
        self.cases.append((name, torch_fn))
        return name

    def loss_term(self, expr, torch_fn, name=None):
        """Adds the scalar `expr` to the loss as is (e.g. a loss function).
        With a `name`, it is also an output (`output name = expr`), so that
        its forward value is compared on its own."""
        if name:
            self.stmts.append("  output %s = %s" % (name, expr))
            self.named_terms.append((name, torch_fn))
            expr = name
        self.extra_loss.append((expr, torch_fn))

    # Model -----------------------------------------------------------------
    def _eval(self, fn):
        import torch
        t = {}
        for k, v in list(self.inputs.items()) + list(self.params.items()):
            tv = torch.tensor(np.asarray(v))
            t[k] = tv.long() if tv.dtype == torch.int32 else tv.double()
        with torch.no_grad():
            return fn(t)

    def source(self, header=""):
        terms = ["sum(%s * r_%s)" % (n, n) for n, _ in self.cases]
        terms += [e for e, _ in self.extra_loss]
        lines = [header, "model %s {" % self.name]
        lines += self.decls
        lines += self.stmts
        lines.append("  loss L = " + " + ".join(terms))
        if self.wrt:
            lines.append("  grad wrt " + ", ".join(self.wrt))
        lines.append("}")
        return "\n".join(lines) + "\n"

    def torch_fn(self):
        cases, extra = list(self.cases), list(self.extra_loss)
        named = dict(self.named_terms)

        def fn(**t):
            out = {}
            loss = 0
            for name, f in cases:
                out[name] = f(t)
                loss = loss + (out[name] * t["r_" + name]).sum()
            for _, f in extra:
                loss = loss + f(t)
            for name, f in named.items():
                out[name] = f(t)
            out["L"] = loss
            return out
        return fn

    def compile(self, nnc_args=()):
        return nnctest.compile_model(self.source(), self.name, nnc_args)

    def compare(self, model=None, tag="", **kw):
        """Compiles (unless `model` is given) and compares everything."""
        m = model or self.compile()
        return nnctest.compare_with_torch(
            m, self.torch_fn(), self.inputs, self.params,
            [n for n, _ in self.cases] + [n for n, _ in self.named_terms],
            "L", wrt=self.wrt, tag=tag, **kw)
