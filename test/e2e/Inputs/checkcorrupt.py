"""Shared by test/e2e/*_check.py: `M check` passes on a model and fails
once nnc scales the gradient rule of an op the model uses by 1.5
(`--debug-corrupt-grad=OP`, the last such op of the forward pass)."""
import os
import re
import subprocess
import tempfile

import nnctest

CORRUPTIBLE = ("einsum", "softmax", "causal_mask", "mul")


def nn_ops(path, model):
    args = [nnctest.NNC, path, "--emit=nn"] + (["--model", model]
                                               if model else [])
    ir = subprocess.run(args, capture_output=True, text=True, check=True)
    # Forward ops only: the part before the backward function.
    fwd = ir.stdout.split("_backward")[0]
    return set(re.findall(r"= nn\.([a-z_]+)", fwd))


def run_check(exe, extra=()):
    r = subprocess.run([exe, "check", *extra], capture_output=True,
                       text=True)
    return r.returncode, r.stdout + r.stderr


def case(tag, expect, source=None, path=None, model=None):
    """`expect`: the ops of CORRUPTIBLE the model must have (all of them are
    corrupted in turn)."""
    if path is None:
        with tempfile.NamedTemporaryFile("w", suffix=".nn", delete=False,
                                         prefix="nnccheck-") as f:
            f.write(source)
        try:
            return case(tag, expect, path=f.name, model=model)
        finally:
            os.unlink(f.name)
    ops = nn_ops(path, model) & set(CORRUPTIBLE)
    nnctest.report("%s: forward ops" % tag, ops == set(expect),
                   "%s (expected %s)" % (sorted(ops), sorted(expect)))
    nnc_args = ["--model", model] if model else []
    clean = nnctest.Model(open(path).read(), "m", nnc_args)
    for extra in ((), ("--elementwise",)):
        rc, out = run_check(clean.exe, extra)
        nnctest.report("%s: check %s passes" % (tag, " ".join(extra)),
                       rc == 0, out.strip().splitlines()[-1] if rc == 0
                       else "\n" + out)
    for op in sorted(ops):
        bad = nnctest.Model(open(path).read(), "m",
                            nnc_args + ["--debug-corrupt-grad=" + op])
        rc, out = run_check(bad.exe)
        lines = [l for l in out.splitlines() if "FAIL" in l or "fail" in l]
        nnctest.report("%s: check fails with %s's gradient x1.5" % (tag, op),
                       rc == 1, "; ".join(lines[:3]) if rc == 1
                       else "exit %d\n%s" % (rc, out))

