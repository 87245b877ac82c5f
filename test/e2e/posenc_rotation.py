# RUN: %python %s
# Seed 004's property of the sinusoidal positional encoding, checked on the
# table nnc itself produces (posenc(T, D) is a compile-time constant; here
# it is a model output, written by `M run`). With w_m = 1 / 10000^(2m/D)
# (m = 0 .. D/2-1; the seed's lambda_m = 10000^(2m/d) is the reciprocal,
# a slip) the pair (PE[t, 2m], PE[t, 2m+1]) = (sin w_m t, cos w_m t), and
#   PE[t+k] = T(k) PE[t],  T(k) = diag_m [[cos w_m k,  sin w_m k],
#                                         [-sin w_m k, cos w_m k]]
# (block-diagonal rotations that depend on k only, not on t). Checked in
# float64 on the float32 table for many t, k, next to the values' formula.
import nnctest
import numpy as np

F32_EPS = float(np.finfo(np.float32).eps)   # 1.19e-7


def rotation(k, D):
    Tk = np.zeros((D, D))
    for m in range(D // 2):
        w = 1.0 / 10000.0 ** (2.0 * m / D)
        c, s = np.cos(w * k), np.sin(w * k)
        Tk[2 * m:2 * m + 2, 2 * m:2 * m + 2] = [[c, s], [-s, c]]
    return Tk


def formula(T, D):
    t = np.arange(T, dtype=np.float64)[:, None]
    m = np.arange(D // 2, dtype=np.float64)[None, :]
    angle = t / 10000.0 ** (2.0 * m / D)
    pe = np.zeros((T, D))
    pe[:, 0::2] = np.sin(angle)
    pe[:, 1::2] = np.cos(angle)
    return pe


worst_rot = 0.0
for T, D in ((50, 8), (128, 64), (7, 2), (300, 10)):
    m = nnctest.compile_model("model m {\n  output pe = posenc(%d, %d)\n}\n"
                              % (T, D), "posenc")
    pe = m.run()["pe"]
    nnctest.report("posenc(%d, %d) shape/dtype" % (T, D),
                   pe.shape == (T, D) and pe.dtype == np.float32,
                   "%s %s" % (pe.shape, pe.dtype))
    pe64 = pe.astype(np.float64)
    # Values: the float32 rounding of the formula (within one float32 ulp
    # of values in [-1, 1]).
    err = np.abs(pe64 - formula(T, D)).max()
    nnctest.report("posenc(%d, %d) = formula" % (T, D), err <= F32_EPS,
                   "max abs error %.3g (float32 eps %.3g)" % (err, F32_EPS))
    # Rotation: every (t, k) with t + k < T, k up to T - 1.
    max_err = 0.0
    for k in range(T):
        Tk = rotation(k, D)
        rot = pe64[:T - k] @ Tk.T              # row t: T(k) PE[t]
        max_err = max(max_err, np.abs(rot - pe64[k:]).max())
    worst_rot = max(worst_rot, max_err)
    # Each side carries float32 rounding (<= eps/2 per entry); a 2x2
    # rotation mixes two of them: |error| <= (1 + sqrt 2) eps / 2 ~ 1.5e-7.
    nnctest.report("posenc(%d, %d): PE[t+k] = T(k) PE[t] for all t, k" %
                   (T, D), max_err <= 2 * F32_EPS,
                   "max abs error %.3g over %d (t, k) pairs" %
                   (max_err, T * (T + 1) // 2))
    # T(k) is orthogonal and T(k1) T(k2) = T(k1 + k2).
    a, b = rotation(3, D), rotation(5, D)
    nnctest.report("posenc(%d, %d): T(3) T(5) = T(8), T(k) orthogonal" %
                   (T, D), np.abs(a @ b - rotation(8, D)).max() < 1e-12 and
                   np.abs(a @ a.T - np.eye(D)).max() < 1e-12, "")
    # A wrong frequency (the seed's lambda_m = 10000^(2m/d)) breaks it.
    if D >= 4:
        wrong = pe64.copy()
        wrong[:, 2] = np.sin(np.arange(T) * 10000.0 ** (2.0 / D))
        k_err = np.abs(wrong[:-1] @ rotation(1, D).T - wrong[1:]).max()
        nnctest.report("posenc(%d, %d): a wrong frequency is detected" %
                       (T, D), k_err > 1e-3, "error %.3g" % k_err)
print("worst rotation error over all tables: %.3g" % worst_rot)
nnctest.finish()
