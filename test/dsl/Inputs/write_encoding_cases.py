"""Writes the byte-level test inputs of diag-encoding.test into a directory:
lit RUN lines cannot spell invalid UTF-8, NUL, tabs or CRLF reliably."""
import os
import shutil
import sys

CASES = {
    'invalid-byte.nn': b'model m {\n  input x : f32[4]\n  y = x\xff\n}\n',
    'overlong.nn': b'model m {\n  input x\xc0\xaf : f32[4]\n}\n',
    'surrogate.nn': b'model m { # \xed\xa0\x80\n}\n',
    'truncated-sequence.nn': b'model m {\n}\n# caf\xc3',
    'nul.nn': b'model m {\n  input x : f32[4]\x00\n}\n',
    'non-ascii-outside-comment.nn': 'model m {\n  input \u00e9t\u00e9 : f32[4]\n}\n'.encode(),
    'utf8-comment.nn': '# Mod\u00e8le \u2014 \u6ce8\u91ca\nmodel m {  # \u00e9t\u00e9\n  input x : f32[4]\n  output y = relu(x)\n}\n'.encode(),
    'tab-indent.nn': b'model m {\n\tinput x : f32[4]\n\ty = relu(x, x)\n}\n',
    'crlf.nn': b'model m {\r\n  input x : f32[4]\r\n  y = rleu(x)\r\n}\r\n',
    'bom.nn': b'\xef\xbb\xbfmodel m {\n  input x : f32[4]\n  output y = relu(x)\n}\n',
    'bom-mid-file.nn': b'model m {\n  input x : f32[4]\n  \xef\xbb\xbfoutput y = relu(x)\n}\n',
    'empty.nn': b'',
    'only-comments.nn': b'# nothing here\n\n# still nothing\n',
    'only-const.nn': b'const N = 4\n',
}

shutil.rmtree(sys.argv[1], ignore_errors=True)
os.makedirs(sys.argv[1])
for name, data in CASES.items():
    with open(os.path.join(sys.argv[1], name), 'wb') as f:
        f.write(data)
