// The generated header from C++17: the argument struct with designated
// member order, the descriptor, and a call through both.
#include "lenet.h"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

int main() {
  std::vector<float> x(LENET_X_NUMEL, 0.5f), w1(LENET_W1_NUMEL, 0.01f),
      b1(LENET_B1_NUMEL), w2(LENET_W2_NUMEL, -0.01f), b2(LENET_B2_NUMEL),
      w3(LENET_W3_NUMEL, 0.02f), b3(LENET_B3_NUMEL), logits(LENET_LOGITS_NUMEL);
  std::array<int32_t, LENET_LABEL_NUMEL> label{{1, 2, 3, 4}};
  float loss = 0;
  lenet_forward_args args{x.data(),  label.data(), w1.data(), b1.data(),
                          w2.data(), b2.data(),    w3.data(), b3.data(),
                          logits.data(), &loss};
  void *ws = std::aligned_alloc(64, (LENET_FORWARD_WORKSPACE_BYTES + 63) / 64 * 64);
  int32_t st = lenet_forward(&args, ws);
  std::free(ws);
  // Constant inputs and weights: every logit equals the last bias (0) plus
  // the same dot product, so the loss is log(10).
  if (st != NNC_STATUS_OK || lenet_model.forward.fn == nullptr) return 1;
  for (float l : logits)
    if (l != logits[0]) return 2;
  std::printf("OK C++ forward: loss %.6f\n", loss);
  return 0;
}
