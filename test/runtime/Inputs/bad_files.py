"""Malformed .npy and .safetensors files against a model executable.

For every case: writes DIR/<case>.npy or DIR/<case>.safetensors, runs the
executable on it (--input x=/label= for .npy, --params for .safetensors) and
requires exit status 2 (not a crash, not 1), exactly one line on stderr,
naming the file and containing the expected fragment. Prints one line per
case, "OK <case>: <stderr line>", then a summary.

usage: bad_files.py DIR EXECUTABLE
"""
import json
import os
import struct
import subprocess
import sys

import numpy as np

directory, executable = sys.argv[1:]
os.makedirs(directory, exist_ok=True)


def npy(header, data=b"", major=1, length=None):
    """A .npy file with the header dict `header` (text), padded like numpy."""
    text = header.encode("latin1")
    text += b" " * ((64 - (10 + len(text) + 1) % 64) % 64) + b"\n"
    size = len(text) if length is None else length
    if major == 1:
        preamble = b"\x93NUMPY\x01\x00" + struct.pack("<H", size)
    else:
        preamble = b"\x93NUMPY" + bytes([major, 0]) + struct.pack("<I", size)
    return preamble + text + data


def dict_text(descr="<f4", fortran="False", shape="(4, 5)"):
    return f"{{'descr': '{descr}', 'fortran_order': {fortran}, 'shape': {shape}, }}"


X_DATA = np.zeros((4, 5), np.float32).tobytes()
GOOD_X = npy(dict_text(), X_DATA)

# case name -> (input name, file bytes, expected fragment of the message)
NPY_CASES = {
    "empty": ("x", b"", "truncated: too short for a .npy header (0 bytes)"),
    "magic": ("x", b"\x93NUMPX" + GOOD_X[6:], "not a .npy file (bad magic string)"),
    "version4": ("x", GOOD_X[:6] + b"\x04\x00" + GOOD_X[8:], "unsupported .npy version 4.0"),
    "truncated_header": ("x", GOOD_X[:40], "header length 118 exceeds the file size (40 bytes)"),
    "header_beyond_eof": ("x", npy(dict_text(), X_DATA, length=0xFFFF), "header length 65535 exceeds the file size"),
    "v2_header_4g": ("x", npy(dict_text(), X_DATA, major=2, length=0xFFFFFFFF), "header length 4294967295 exceeds the file size"),
    "huge_shape": ("x", npy(dict_text(shape="(4611686018427387904, 4611686018427387904)"), X_DATA), "is too large"),
    "huge_dim": ("x", npy(dict_text(shape="(99999999999999999999999,)"), X_DATA), "bad 'shape'"),
    "long_shape": ("x", npy(dict_text(shape="(1000000000, 1000)"), X_DATA), "truncated data: shape (1000000000, 1000) of '<f4' needs 4000000000000 bytes, file has 80"),
    "negative_dim": ("x", npy(dict_text(shape="(-4, 5)"), X_DATA), "bad 'shape'"),
    "float64": ("x", npy(dict_text(descr="<f8"), X_DATA * 2), "dtype '<f8' is not supported"),
    "unicode": ("x", npy(dict_text(descr="<U4"), X_DATA * 4), "dtype '<U4' is not supported"),
    "big_endian": ("x", npy(dict_text(descr=">f4"), X_DATA), "big-endian dtype '>f4' is not supported"),
    "fortran": ("x", npy(dict_text(fortran="True"), X_DATA), "fortran_order arrays are not supported"),
    "data_short": ("x", npy(dict_text(), X_DATA[:40]), "truncated data: shape (4, 5) of '<f4' needs 80 bytes, file has 40"),
    "data_long": ("x", npy(dict_text(), X_DATA + b"\0" * 8), "data is 88 bytes, more than the 80 of shape (4, 5)"),
    "garbage_dict": ("x", npy("{'descr': <f4, 'shape': (4, 5)}", X_DATA), "malformed header"),
    "binary_header": ("x", npy("\x00\xff\xfe garbage \x80", X_DATA), "malformed header: expected '{'"),
    "missing_shape": ("x", npy("{'descr': '<f4', 'fortran_order': False, }", X_DATA), "malformed header: missing key"),
    "extra_key": ("x", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4, 5), 'x': 1, }", X_DATA), "malformed header: unexpected key 'x'"),
    "unterminated": ("x", npy("{'descr': '<f4', 'fortran_order': False, 'shape': (4, 5", X_DATA), "malformed header"),
    "wrong_shape": ("x", npy(dict_text(shape="(5, 4)"), X_DATA), "input 'x' has shape [5, 4], the model expects [4, 5]"),
    "scalar": ("x", npy(dict_text(shape="()"), X_DATA[:4]), "input 'x' has shape [], the model expects [4, 5]"),
    "wrong_dtype": ("label", npy(dict_text(shape="(4,)"), X_DATA[:16]), "input 'label' has dtype f32, the model expects i32"),
    "label_range": ("label", npy(dict_text(descr="<i4", shape="(4,)"), np.array([0, 1, 5, 2], np.int32).tobytes()), "input 'label' element 2 is 5, outside [0, 3)"),
    "label_negative": ("label", npy(dict_text(descr="<i4", shape="(4,)"), np.array([0, -1, 1, 2], np.int32).tobytes()), "input 'label' element 1 is -1, outside [0, 3)"),
}


def safetensors(header, data=b"", length=None, raw_header=None):
    text = raw_header if raw_header is not None else json.dumps(header).encode()
    size = len(text) if length is None else length
    return struct.pack("<Q", size) + text + data


def entry(shape, begin, end, dtype="F32"):
    return {"dtype": dtype, "shape": shape, "data_offsets": [begin, end]}


W1 = entry([8, 5], 0, 160)
W1_DATA = np.zeros(40, np.float32).tobytes()
DEEP = b"[" * 10000 + b"]" * 10000

ST_CASES = {
    "empty": (b"", "truncated: too short for a safetensors header (0 bytes)"),
    "short": (b"\x10\x00\x00", "truncated: too short for a safetensors header (3 bytes)"),
    "header_beyond_eof": (safetensors({"w1": W1}, W1_DATA, length=1000000), "header length 1000000 exceeds the file size"),
    "header_u64_max": (safetensors({"w1": W1}, W1_DATA, length=2**64 - 1), "header length 18446744073709551615 exceeds the file size"),
    "header_empty": (safetensors(None, raw_header=b""), "header is empty"),
    "garbage_json": (safetensors(None, W1_DATA, raw_header=b"{not json at all"), "invalid JSON header: expected a string key at byte 1"),
    "trailing_json": (safetensors(None, W1_DATA, raw_header=json.dumps({"w1": W1}).encode() + b" }"), "invalid JSON header: unexpected trailing characters"),
    "not_utf8": (safetensors(None, W1_DATA, raw_header=b'{"w\xff1": {}}'), "invalid JSON header: invalid UTF-8"),
    "lone_surrogate": (safetensors(None, W1_DATA, raw_header=b'{"\\ud800": {}}'), "unpaired surrogate"),
    "deep_array": (safetensors(None, W1_DATA, raw_header=DEEP), "JSON nested deeper than 64 levels"),
    "deep_in_object": (safetensors(None, W1_DATA, raw_header=b'{"__metadata__": ' + DEEP + b"}"), "JSON nested deeper than 64 levels"),
    "deep_objects": (safetensors(None, W1_DATA, raw_header=b'{"a":' * 5000 + b"1" + b"}" * 5000), "JSON nested deeper than 64 levels"),
    "top_array": (safetensors([1, 2]), "JSON header must be an object, found array"),
    "duplicate": (safetensors(None, W1_DATA, raw_header=('{"w1": %s, "w1": %s}' % (json.dumps(W1), json.dumps(W1))).encode()), 'duplicate key "w1"'),
    "offsets_beyond_data": (safetensors({"w1": entry([8, 5], 0, 160)}, W1_DATA[:100]), "tensor 'w1': data_offsets [0, 160] exceed the data block (100 bytes)"),
    "offsets_reversed": (safetensors({"w1": entry([8, 5], 160, 0)}, W1_DATA), "data_offsets [160, 0] are reversed"),
    "offsets_overlap": (safetensors({"w1": entry([8, 5], 0, 160), "b1": entry([8], 128, 160)}, W1_DATA), "overlap"),
    "trailing_bytes": (safetensors({"w1": W1}, W1_DATA + b"\0" * 8), "8 bytes after the last tensor's data (the header describes 160 data bytes, the file has 168)"),
    "offsets_gap": (safetensors({"w1": entry([8, 5], 0, 160), "b1": entry([8], 192, 224)}, W1_DATA + b"\0" * 64), "bytes [160, 192) of the data belong to no tensor"),
    "offsets_huge": (safetensors({"w1": entry([8, 5], 2**62, 2**62 + 160)}, W1_DATA), "exceed the data block"),
    "offsets_overflow": (safetensors(None, W1_DATA, raw_header=b'{"w1": {"dtype": "F32", "shape": [8, 5], "data_offsets": [0, 99999999999999999999999]}}'), "\"data_offsets\" must be non-negative integers"),
    "offsets_one": (safetensors({"w1": {"dtype": "F32", "shape": [8, 5], "data_offsets": [0]}}, W1_DATA), "must be an array [begin, end]"),
    "size_mismatch": (safetensors({"w1": entry([8, 5], 0, 100)}, W1_DATA), "data_offsets [0, 100] hold 100 bytes, shape [8, 5] of F32 needs 160"),
    "huge_shape": (safetensors({"w1": entry([2**40, 2**40, 2**40], 0, 160)}, W1_DATA), "shape [1099511627776, 1099511627776, 1099511627776] is too large"),
    "negative_shape": (safetensors({"w1": entry([-8, -5], 0, 160)}, W1_DATA), "shape entries must be non-negative integers"),
    "float_shape": (safetensors({"w1": entry([8.0, 5], 0, 160)}, W1_DATA), "shape entries must be non-negative integers"),
    "f16": (safetensors({"w1": entry([8, 5], 0, 80, "F16")}, W1_DATA[:80]), "dtype F16 is not supported"),
    "no_dtype": (safetensors({"w1": {"shape": [8, 5], "data_offsets": [0, 160]}}, W1_DATA), "missing or non-string \"dtype\""),
    "entry_not_object": (safetensors({"w1": [1, 2]}, W1_DATA), "tensor 'w1': expected an object, found array"),
    "metadata_array": (safetensors({"__metadata__": [1], "w1": W1}, W1_DATA), "\"__metadata__\" must be an object"),
    "unknown_param": (safetensors({"w9": W1}, W1_DATA), "tensor 'w9' is not a param of model 'toy' (params: w1, b1, w2, b2)"),
    "input_as_param": (safetensors({"x": entry([4, 5], 0, 80)}, W1_DATA[:80]), "tensor 'x' is not a param"),
    "wrong_shape": (safetensors({"w1": entry([5, 8], 0, 160)}, W1_DATA), "param 'w1' has shape [5, 8], the model expects [8, 5]"),
    "wrong_dtype": (safetensors({"w1": entry([8, 5], 0, 160, "I32")}, W1_DATA), "param 'w1' has dtype i32, the model expects f32"),
}

failures = 0


def run(case, path, arguments, fragment):
    global failures
    result = subprocess.run([executable] + arguments, capture_output=True,
                            errors="replace", text=True)
    lines = result.stderr.splitlines()
    problems = []
    if result.returncode != 2:
        problems.append(f"exit status {result.returncode}")
    if len(lines) != 1:
        problems.append(f"{len(lines)} lines on stderr")
    elif path not in lines[0] or fragment not in lines[0]:
        problems.append(f"want the path and {fragment!r}")
    if problems:
        failures += 1
        print(f"FAIL {case}: {', '.join(problems)}: {result.stderr!r}")
    else:
        print(f"OK {case}: {lines[0].split(path, 1)[1].lstrip(': ')}")


for case, (name, content, fragment) in NPY_CASES.items():
    path = os.path.join(directory, f"npy_{case}.npy")
    with open(path, "wb") as f:
        f.write(content)
    run(f"npy_{case}", path, ["run", "--out", directory, "--input", f"{name}={path}"], fragment)

for case, (content, fragment) in ST_CASES.items():
    path = os.path.join(directory, f"st_{case}.safetensors")
    with open(path, "wb") as f:
        f.write(content)
    run(f"st_{case}", path, ["grad", "--out", directory, "--params", path], fragment)

total = len(NPY_CASES) + len(ST_CASES)
print(f"{total - failures} passed, {failures} failed")
sys.exit(1 if failures else 0)
