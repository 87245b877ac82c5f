#!/usr/bin/env bash
# Builds everything and runs the whole lit test suite (test/).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/build.sh"
build="${NNC_BUILD_DIR:-$root/build}"
start=$(date +%s)
python3 /usr/lib/llvm-19/build/utils/lit/lit.py -sv "$build/test" "$@"
echo "lit: $(( $(date +%s) - start )) s"
