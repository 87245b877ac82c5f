"""Checks the one-line JSON of `M bench` against the contract (TOOLS.md):
{"model":"M","threads":T,"forward_us":{"min":..,"median":..},
 "backward_us":{"min":..,"median":..},"forward_gflops":..}
usage: check_bench.py OUTPUT MODEL THREADS backward|no-backward"""
import json
import sys

path, model, threads, backward = sys.argv[1:]
text = open(path).read()
assert text.endswith("\n") and text.count("\n") == 1, repr(text)
result = json.loads(text)
keys = ["model", "threads", "forward_us"]
keys += ["backward_us"] if backward == "backward" else []
keys += ["forward_gflops"]
assert list(result) == keys, list(result)
assert result["model"] == model and result["threads"] == int(threads), result
for key in keys[2:-1]:
    timing = result[key]
    assert list(timing) == ["min", "median"], timing
    assert 0 <= timing["min"] <= timing["median"], timing
assert result["forward_gflops"] >= 0
print("OK bench", text.strip())
