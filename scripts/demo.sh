#!/usr/bin/env bash
# The main job: build nnc, compile the examples, run them (forward,
# gradients, gradient check, benchmark), train the digits CNN to >= 90%
# test accuracy, check seed 004's LSTM step, train a character-level LSTM
# briefly (its losses against the text's unigram entropy), plot RNN vs
# LSTM gradients through time, run seed 002's attention and train a small
# character-level transformer briefly (its losses next to the unigram
# entropy). Everything lands in build/demo/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
"$root/scripts/build.sh"
build="${NNC_BUILD_DIR:-$root/build}"
nnc="$build/bin/nnc"
demo="$build/demo"
# The Python with numpy, torch and matplotlib (Debian's, see install-deps.sh).
py="${NNC_PYTHON:-/usr/bin/python3}"
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
"$py" "$root/examples/digits/prepare.py" digits-data
"$nnc" "$root/examples/digits/digits.nn" -o digits
./digits check
./digits train --data digits-data/train --steps 800 --lr 0.05 --momentum 0.9 \
  --save digits.safetensors --log digits-loss.csv
./digits run --data digits-data/test --params digits.safetensors --out digits-out
"$py" "$root/examples/digits/evaluate.py" digits-out/logits.npy \
  digits-data/test/label.npy 0.90

step "LSTM cell (examples/lstm_cell.nn, seed 004): gradients wrt x, h, c and the weights, check"
"$nnc" "$root/examples/lstm_cell.nn" -o lstm_cell
./lstm_cell grad --out lstm_cell-out
./lstm_cell check

step "Character-level LSTM (examples/char_lstm): a short training on the GPL-3 text"
"$py" "$root/examples/char_lstm/prepare.py" --out char-data
"$nnc" "$root/examples/char_lstm/char_lstm.nn" --model char_lstm -o char_lstm
"$nnc" "$root/examples/char_lstm/char_lstm.nn" --model char_lstm_sample -o char_lstm_sample
./char_lstm train --data char-data/train --batch-shuffle --steps 80 --lr 0.003 \
  --optimizer adam --clip-norm 5 --save char.safetensors --log char-loss.csv
./char_lstm run --data char-data/val --params char.safetensors --out char-val | tee char-val.txt
"$py" "$root/examples/char_lstm/losses.py" char-data/stats.json char-loss.csv char-val.txt
"$py" "$root/examples/char_lstm/sample.py" --exe ./char_lstm_sample \
  --params char.safetensors --prompt "This License" --length 120

step "Vanishing gradients (examples/vanishing, seeds 002/003): RNN vs LSTM, ||dL/dx_t||"
"$py" "$root/examples/vanishing/vanishing.py" --nnc "$nnc" --out vanishing

step "Attention (examples/attention_seed.nn, seed 002; transformer blocks): forward, check"
"$nnc" "$root/examples/attention_seed.nn" -o attention_seed
"$py" -c 'import numpy as np; np.save("seed002_X.npy", np.array([[1, 0, 1, 0], [1, 2, 1, 0], [0, 1, 0, 1], [0, 1, 0, 0], [1, 0, 1, 0]], np.float32))'
./attention_seed run --input X=seed002_X.npy --out attention_seed-out
"$nnc" "$root/examples/transformer/transformer.nn" --model decoder -o decoder_block
./decoder_block check

step "Character-level transformer (examples/transformer): a short training on the GPL-3 text"
"$py" "$root/examples/transformer/prepare.py" --out xfmr-data
"$nnc" "$root/examples/transformer/transformer.nn" --model char_transformer -o char_transformer
./char_transformer info | grep -E '^(params|forward|backward)'
./char_transformer train --data xfmr-data/train --batch-shuffle --steps 500 --lr 0.004 \
  --optimizer adam --save xfmr.safetensors --log xfmr-loss.csv
./char_transformer run --data xfmr-data/val --params xfmr.safetensors --out xfmr-val | tee xfmr-val.txt
"$py" "$root/examples/transformer/losses.py" xfmr-data --log xfmr-loss.csv --val xfmr-val.txt \
  --logits xfmr-val/logits3.npy

step "demo finished: outputs in $demo"
