//===- LossOps.cpp - mse, cross_entropy -----------------------------------===//
//
//   mse (y, t)                                  -> f32[]; same shapes
//   cross_entropy (logits[N,K], labels i32[N])  -> f32[]; labels in [0, K)
//
//===----------------------------------------------------------------------===//

#include "OpCall.h"

namespace nnc::dsl {
namespace {

void inferMse(OpCall &call) {
  int y = call.tensor(0);
  int t = call.tensor(1);
  call.requireF32(0, "prediction");
  call.requireF32(1, "target");
  if (call.shape(0) != call.shape(1))
    call.fail(1, "prediction " + call.describe(0) + " and target " +
                     call.describe(1) + " must have the same shape");
  call.emit("mse", {y, t}, {}, TensorType{DType::F32, {}});
}

void inferCrossEntropy(OpCall &call) {
  int logits = call.tensor(0);
  int labels = call.tensor(1);
  call.requireF32(0, "logits");
  call.requireRank(0, 2, "logits", "[N, K]");
  if (call.type(1).dtype != DType::I32)
    call.fail(1, call.named("labels", 1) +
                     " must be an i32 tensor of class indices, got " +
                     formatType(call.type(1)));
  int64_t n = call.shape(0)[0], k = call.shape(0)[1];
  call.requireShape(1, {n}, "labels",
                    " (one class index per row of " + call.named("logits", 0) +
                        ", " + formatType(call.type(0)) + ")");
  call.emit("cross_entropy", {logits, labels}, {}, TensorType{DType::F32, {}});
  call.builder().requireIntRange(labels, k);
}

} // namespace

void registerLossOps(OpTable &table) {
  table.add(
      {"mse", {{"y", ArgKind::Tensor}, {"t", ArgKind::Tensor}}, inferMse});
  table.add({"cross_entropy",
             {{"logits", ArgKind::Tensor}, {"labels", ArgKind::Tensor}},
             inferCrossEntropy});
}

} // namespace nnc::dsl
