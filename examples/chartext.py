"""The character data of the text language models (char_lstm, transformer):
one fixed vocabulary and the same windows, so both see the same data.

Vocabulary V = 97: id 0 is '\\n', ids 1..95 the printable ASCII characters
' '..'~' (chr(31 + id)), id 96 anything else."""
import numpy as np

V = 97
UNKNOWN = 96


def encode(text):
    """The ids of every character of `text`, i32."""
    out = np.full(len(text), UNKNOWN, dtype=np.int32)
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)
    printable = (codes >= 32) & (codes <= 126)
    out[printable] = codes[printable] - 31
    out[codes == 10] = 0
    return out


def decode_id(i):
    if i == 0:
        return "\n"
    if 1 <= i <= 95:
        return chr(i + 31)
    return "\N{REPLACEMENT CHARACTER}"


def nn_consts(path):
    """The integer `const NAME = VALUE` lines of a .nn file."""
    out = {}
    for line in open(path):
        parts = line.split("#")[0].split()
        if len(parts) == 4 and parts[0] == "const" and parts[2] == "=":
            out[parts[1]] = int(parts[3])
    return out


def windows(blocks, T, stride):
    """(ids, targets), each [S, T], of the windows of every block."""
    w = [b[s:s + T + 1] for b in blocks
         for s in range(0, len(b) - T, stride)]
    if not w:
        return np.zeros((0, T), np.int32), np.zeros((0, T), np.int32)
    w = np.stack(w)
    return w[:, :T].copy(), w[:, 1:].copy()


def entropy(counts):
    """Entropy in nats of the distribution with these counts."""
    p = counts[counts > 0] / counts.sum()
    return float(-(p * np.log(p)).sum())
