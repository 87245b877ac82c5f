"""exit_code.py CMD ARGS...: runs the command, copies its stderr, and prints
"exit N" (lit's `not` accepts any failure; some tests need the exact status).
Fails if the command was killed by a signal."""
import subprocess
import sys

run = subprocess.run(sys.argv[1:], stderr=subprocess.PIPE)
sys.stdout.write(run.stderr.decode('utf-8', 'replace'))
print('exit %d' % run.returncode)
sys.exit(1 if run.returncode < 0 else 0)
