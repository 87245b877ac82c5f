"""check_vanishing.py CSV PNG: the claims of examples/vanishing/README.md
on the measured gradient norms."""
import csv
import sys

rows = list(csv.DictReader(open(sys.argv[1])))
assert open(sys.argv[2], "rb").read(8) == b"\x89PNG\r\n\x1a\n"
T = len(rows)
assert T == 50, T
n = {k: [float(r[k]) for r in rows] for k in rows[0] if k != "t"}
assert [int(r["t"]) for r in rows] == list(range(T))
ratio = {k: v[0] / v[-1] for k, v in n.items()}
assert all(x > 0 for v in n.values() for x in v)
assert ratio["rnn"] < 1e-10, ratio
assert ratio["rnn"] < ratio["lstm_f0"] < ratio["lstm_f1"] < ratio["lstm_f3"]
assert ratio["lstm_f3"] > 0.1, ratio
# the RNN's decay is exponential: every step back shrinks it
assert all(n["rnn"][t] < n["rnn"][t + 1] for t in range(T - 1))
print("%d steps; |g_0| / |g_%d|: %s ok" % (T, T - 1, ", ".join(
    "%s %.3g" % (k, ratio[k]) for k in ("rnn", "lstm_f0", "lstm_f1",
                                         "lstm_f3"))))
