//===- ReductionOps.cpp - sum, mean, max, softmax, log_softmax ------------===//
//
//   sum mean max (x, axis?)       -> the axis dropped; no axis: f32[]
//   softmax log_softmax (x, axis=-1) -> same shape
//
//===----------------------------------------------------------------------===//

#include "OpCall.h"

namespace nnc::dsl {
namespace {

void inferReduction(OpCall &call) {
  int x = call.tensor(0);
  call.requireF32(0, "input");
  std::optional<int64_t> axis = call.optionalIntArg(1);
  if (!axis) {
    call.emit(call.op().name, {x}, {}, TensorType{DType::F32, {}});
    return;
  }
  int64_t a = call.normalizeAxis(*axis, call.rank(0), 1, 0);
  TensorType out = call.type(0);
  out.shape.erase(out.shape.begin() + a);
  call.emit(call.op().name, {x}, {{"axis", a}}, out);
}

void inferSoftmax(OpCall &call) {
  int x = call.tensor(0);
  call.requireF32(0, "input");
  int64_t a = call.normalizeAxis(call.intArg(1, -1), call.rank(0), 1, 0);
  call.emit(call.op().name, {x}, {{"axis", a}}, call.type(0));
}

} // namespace

void registerReductionOps(OpTable &table) {
  for (const char *name : {"sum", "mean", "max"})
    table.add({name,
               {{"x", ArgKind::Tensor}, {"axis", ArgKind::Int, "none"}},
               inferReduction});
  for (const char *name : {"softmax", "log_softmax"})
    table.add({name,
               {{"x", ArgKind::Tensor}, {"axis", ArgKind::Int, "-1"}},
               inferSoftmax});
}

} // namespace nnc::dsl
