"""File-format checks for formats.test.

usage:
  formats.py write-versions DIR      x.npy as .npy versions 1.0, 2.0, 3.0
  formats.py check-npy FILE...       numpy loads it; v1.0; data 64-aligned
  formats.py check-safetensors FILE  layout of a safetensors we wrote
  formats.py write-unusual-safetensors SRC DST
                                     SRC's tensors, reordered data, padded
                                     header, __metadata__: must still load
"""
import json
import os
import struct
import sys

import numpy as np

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(__file__))
from toyref import read_safetensors  # noqa: E402


def write_versions(directory):
    os.makedirs(directory, exist_ok=True)
    x = np.arange(20, dtype=np.float32).reshape(4, 5) / 7
    for version in [(1, 0), (2, 0), (3, 0)]:
        path = os.path.join(directory, f"x_v{version[0]}.npy")
        with open(path, "wb") as f:
            np.lib.format.write_array(f, x, version=version)
        assert open(path, "rb").read(8)[6] == version[0]
    np.save(os.path.join(directory, "x.npy"), x)
    print("OK versions")


def check_npy(*paths):
    for path in paths:
        raw = open(path, "rb").read()
        assert raw[:8] == b"\x93NUMPY\x01\x00", raw[:8]
        (header_len,) = struct.unpack("<H", raw[8:10])
        assert (10 + header_len) % 64 == 0, header_len
        assert raw[10 + header_len - 1:10 + header_len] == b"\n"
        array = np.load(path)
        assert array.dtype in (np.float32, np.int32), array.dtype
        assert array.flags["C_CONTIGUOUS"]
        assert len(raw) == 10 + header_len + array.nbytes
        print(f"OK {os.path.basename(path)} {array.dtype} {array.shape}")


def check_safetensors(path):
    raw = open(path, "rb").read()
    (n,) = struct.unpack("<Q", raw[:8])
    assert n % 8 == 0, n
    header = json.loads(raw[8:8 + n])
    offset = 0
    for name, entry in header.items():
        assert entry["dtype"] == "F32", entry
        begin, end = entry["data_offsets"]
        assert begin == offset and end - begin == 4 * int(np.prod(entry["shape"]))
        offset = end
    assert 8 + n + offset == len(raw)
    tensors = read_safetensors(path)
    print("OK safetensors", " ".join(f"{k}{list(v.shape)}" for k, v in tensors.items()))


def write_unusual_safetensors(source, destination):
    tensors = read_safetensors(source)
    names = list(tensors)[::-1]  # data in reverse order of the header
    header, blobs, offset = {"__metadata__": {"format": "pt"}}, [], 0
    for name in names:
        blob = np.ascontiguousarray(tensors[name], np.float32).tobytes()
        header[name] = {"dtype": "F32", "shape": list(tensors[name].shape),
                        "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    ordered = {"__metadata__": header["__metadata__"]}
    ordered.update({name: header[name] for name in tensors})
    text = json.dumps(ordered, indent=1).encode() + b"    "
    with open(destination, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))
    print("OK unusual safetensors")


if __name__ == "__main__":
    command, args = sys.argv[1].replace("-", "_"), sys.argv[2:]
    globals()[command](*args)
