#!/usr/bin/env bash
# Installs the Debian (bookworm) packages nnc needs, if any is missing.
# Run as root (or with sudo available). Idempotent and quiet when all is there.
set -euo pipefail

packages=(
  # build
  cmake ninja-build ccache clang-19 make
  llvm-19-dev libmlir-19-dev mlir-19-tools llvm-19-tools libomp-19-dev
  libboost-dev
  # tests and examples: PyTorch/NumPy references, the digits data set,
  # plots
  python3 python3-numpy python3-torch python3-sklearn python3-matplotlib
  # PyTorch through OpenBLAS, not the slow reference BLAS (benchmarks)
  libopenblas0-openmp
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root (missing: ${missing[*]})" >&2; exit 1; }
  sudo=sudo
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
