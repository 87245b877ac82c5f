"""expect_exit.py CODE CMD ARGS...: runs CMD, prints `OK exit CODE: <the
stderr line>` when it exits with CODE and wrote exactly one line to stderr
(and did not die from a signal), else `FAIL ...` and exits 1."""
import subprocess
import sys

want = int(sys.argv[1])
r = subprocess.run(sys.argv[2:], capture_output=True, text=True)
lines = r.stderr.splitlines()
if r.returncode == want and len(lines) == 1:
    print("OK exit %d: %s" % (want, lines[0]))
else:
    print("FAIL exit %d (want %d), %d stderr lines:\n%s" %
          (r.returncode, want, len(lines), r.stderr))
    sys.exit(1)
