#!/usr/bin/env python3
"""Runs every benchmark (nnc next to PyTorch) and prints one JSON line each.
Usage: bench/run.py [THREADS]"""
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
env = dict(os.environ, OPENBLAS_CORETYPE="SkylakeX")
args = sys.argv[1:]
for script in ["lenet.py", "lstm.py", "attention.py"]:
    path = os.path.join(here, script)
    if os.path.exists(path):
        subprocess.run(["/usr/bin/python3", path, *args], env=env, check=True)
