#!/usr/bin/env bash
# The main job: build nnc, compile the examples, run them (forward,
# gradients, gradient check, benchmark) and train the digits CNN to >= 90%
# test accuracy. Everything lands in build/demo/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/build.sh"
build="${NNC_BUILD_DIR:-$root/build}"
nnc="$build/bin/nnc"
demo="$build/demo"
mkdir -p "$demo"
cd "$demo"

step() { printf '\n==== %s\n' "$*"; }

step "LeNet (examples/lenet.nn): compile, info, forward, gradients, check, bench"
"$nnc" "$root/examples/lenet.nn" -o lenet
./lenet info
./lenet run --out lenet-out
./lenet grad --out lenet-out
./lenet check
./lenet bench

step "Bottleneck vs plain 3x3 conv (examples/bottleneck.nn): parameters"
"$nnc" "$root/examples/bottleneck.nn" --model bottleneck -o bottleneck
"$nnc" "$root/examples/bottleneck.nn" --model plain -o plain
./bottleneck info | grep -E '^params'
./plain info | grep -E '^params'
./bottleneck check
./bottleneck train --steps 20 --lr 0.1

step "Digits CNN (examples/digits): train, then test accuracy"
python3 "$root/examples/digits/prepare.py" digits-data
"$nnc" "$root/examples/digits/digits.nn" -o digits
./digits check
./digits train --data digits-data/train --steps 800 --lr 0.05 --momentum 0.9 \
  --save digits.safetensors --log digits-loss.csv
./digits run --data digits-data/test --params digits.safetensors --out digits-out
python3 "$root/examples/digits/evaluate.py" digits-out/logits.npy \
  digits-data/test/label.npy 0.90

step "demo finished: outputs in $demo"
