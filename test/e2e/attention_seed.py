# RUN: %python %s
# examples/attention_seed.nn against seed 002's own PyTorch code (run as the
# seed writes it, with its X and torch.randn(4, 4) weights under fixed
# seeds): out = softmax(Q K^T / sqrt(d)) V. Compared with the float64 run
# of the seed's code (rtol 1e-4) and reported next to its float32 run.
import nnctest
import numpy as np
import torch
import torch.nn.functional as F


def seed002(X, W_Q, W_K, W_V):
    # Seed 002, verbatim apart from the weights being arguments.
    Q = X @ W_Q
    K = X @ W_K
    V = X @ W_V
    d = W_Q.shape[-1]
    score = Q @ K.T / (d ** 0.5)
    attention = F.softmax(score, dim=-1)
    output = attention @ V
    return output


X = torch.tensor([[1.0, 0.0, 1.0, 0.0],
                  [1.0, 2.0, 1.0, 0.0],
                  [0.0, 1.0, 0.0, 1.0],
                  [0.0, 1.0, 0.0, 0.0],
                  [1.0, 0.0, 1.0, 0.0]])

with open(nnctest.example("attention_seed.nn")) as f:
    model = nnctest.compile_model(f.read(), "attention_seed")

for seed in range(5):
    torch.manual_seed(seed)
    W_Q = torch.randn(4, 4)
    W_K = torch.randn(4, 4)
    W_V = torch.randn(4, 4)
    ref32 = seed002(X, W_Q, W_K, W_V).numpy()
    ref64 = seed002(X.double(), W_Q.double(), W_K.double(),
                    W_V.double()).numpy()
    ours = model.run(inputs={"X": X.numpy()},
                     params={"W_Q": W_Q.numpy(), "W_K": W_K.numpy(),
                             "W_V": W_V.numpy()})["out"]
    print("seed %d: max |nnc - torch float32| = %.3g, "
          "max |torch float32 - float64| = %.3g" %
          (seed, np.abs(ours - ref32).max(), np.abs(ref32 - ref64).max()))
    nnctest.assert_forward_close("attention_seed(torch seed %d)" % seed,
                                 ours, ref64)

# The first and last words of X are equal, so are their outputs.
# (Equal up to float32 summation order: a peeled last row may differ.)
diff = float(np.abs(ours[0] - ours[4]).max())
nnctest.report("rows 0 and 4 equal", diff <= 1e-6 * np.abs(ours).max(),
               "max diff %.3g" % diff)
nnctest.finish()
