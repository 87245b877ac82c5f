//===- LinearAlgebraOps.cpp - matmul, linear
//-------------------------------===//
//
//   matmul (a[..., M, K], b[..., K, N]) -> [..., M, N]; the batch dims are
//          equal, or b is 2-D and shared by every batch
//   linear (x[..., I], w[O, I], b[O]?)  -> [..., O]    (x @ w^T + b)
//
//===----------------------------------------------------------------------===//

#include "OpCall.h"

namespace nnc::dsl {
namespace {

void inferMatmul(OpCall &call) {
  int a = call.tensor(0);
  int b = call.tensor(1);
  call.requireF32(0, "left operand");
  call.requireF32(1, "right operand");
  call.requireRankAtLeast(0, 2, "left operand");
  call.requireRankAtLeast(1, 2, "right operand");
  std::vector<int64_t> sa = call.shape(0);
  std::vector<int64_t> sb = call.shape(1);
  int64_t m = sa[sa.size() - 2], k = sa.back();
  int64_t kb = sb[sb.size() - 2], n = sb.back();
  if (k != kb)
    call.fail(1, "inner dimensions differ: left operand " + call.quote(0) +
                     " is " + formatShape(sa) + " (K = " + std::to_string(k) +
                     ") but right operand " + call.quote(1) + " is " +
                     formatShape(sb) + " (K = " + std::to_string(kb) + ")");
  std::vector<int64_t> batchA(sa.begin(), sa.end() - 2);
  std::vector<int64_t> batchB(sb.begin(), sb.end() - 2);
  if (sb.size() != 2 && batchA != batchB)
    call.fail(1, "batch dimensions differ: left operand " + call.quote(0) +
                     " is " + formatShape(sa) + " but right operand " +
                     call.quote(1) + " is " + formatShape(sb) +
                     " (the right operand needs the same batch dimensions " +
                     formatShape(batchA) + ", or to be 2-D)");
  std::vector<int64_t> shape = batchA;
  shape.push_back(m);
  shape.push_back(n);
  call.emit("matmul", {a, b}, {}, TensorType{DType::F32, shape});
}

void inferLinear(OpCall &call) {
  int x = call.tensor(0);
  int w = call.tensor(1);
  call.requireF32(0, "input");
  call.requireF32(1, "weight");
  call.requireRankAtLeast(0, 1, "input");
  call.requireRank(1, 2, "weight", "[out_features, in_features]");
  int64_t out = call.shape(1)[0], in = call.shape(1)[1];
  if (call.shape(0).back() != in)
    call.fail(1, "weight " + call.describe(1) + " expects " +
                     std::to_string(in) + " input features but input " +
                     call.quote(0) + " has " +
                     std::to_string(call.shape(0).back()) + " (" +
                     formatShape(call.shape(0)) + ")");
  std::vector<int> operands = {x, w};
  if (call.has(2)) {
    operands.push_back(call.tensor(2));
    call.requireF32(2, "bias");
    call.requireShape(2, {out}, "bias", " (one per output feature)");
  }
  std::vector<int64_t> shape = call.shape(0);
  shape.back() = out;
  call.emit("linear", operands, {}, TensorType{DType::F32, shape});
}

} // namespace

void registerLinearAlgebraOps(OpTable &table) {
  table.add({"matmul",
             {{"a", ArgKind::Tensor}, {"b", ArgKind::Tensor}},
             inferMatmul});
  table.add({"linear",
             {{"x", ArgKind::Tensor},
              {"w", ArgKind::Tensor},
              {"b", ArgKind::Tensor, "none"}},
             inferLinear});
}

} // namespace nnc::dsl
