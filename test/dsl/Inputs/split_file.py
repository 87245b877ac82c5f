"""split_file.py INPUT OUTDIR: writes each `#--- NAME` part of INPUT to
OUTDIR/NAME, like LLVM's split-file (the lit PATH may not hold it, nor rm or
mkdir). Line numbers restart at 1 in each part. OUTDIR is recreated."""
import os
import re
import shutil
import sys

source, outdir = sys.argv[1], sys.argv[2]
shutil.rmtree(outdir, ignore_errors=True)
os.makedirs(outdir)
name = None
parts = {}
with open(source, 'rb') as f:
    for line in f:
        match = re.match(rb'#--- (\S+)\s*$', line)
        if match:
            name = match.group(1).decode()
            parts[name] = b''
        elif name is not None:
            parts[name] += line
for name, data in parts.items():
    with open(os.path.join(outdir, name), 'wb') as f:
        f.write(data)
