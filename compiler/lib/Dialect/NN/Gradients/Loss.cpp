//===- Loss.cpp - Gradient rules of losses --------------------------------===//
#include "nnc/Dialect/NN/NNOps.h"

using namespace mlir;
using namespace nnc::nn;

LogicalResult CrossEntropyOp::buildGradient(OpBuilder &b,
                                            ArrayRef<Value> grads,
                                            SmallVectorImpl<Value> &out) {
  // Fused with the log-softmax: (softmax(logits) - onehot) * g / N, which
  // stays finite however large the logits are.
  out.push_back(b.create<CrossEntropyBackwardOp>(
      getLoc(), getLogits().getType(), getLogits(), getLabels(), grads[0]));
  out.push_back(nullptr); // integer labels
  return success();
}
