//===- ElementwiseOps.cpp - relu ... sqrt, neg, + - * / -------------------===//
//
//   relu sigmoid tanh exp log sqrt neg (x) -> same shape, f32 only
//   add sub mul div (a, b)               -> NumPy broadcast of the shapes
//
//===----------------------------------------------------------------------===//

#include "OpCall.h"

namespace nnc::dsl {
namespace {

void inferUnary(OpCall &call) {
  int x = call.tensor(0);
  call.requireF32(0, "operand");
  call.emit(call.op().name, {x}, {}, call.type(0));
}

/// NumPy broadcasting: align the shapes on the right; each pair of sizes
/// must be equal or contain a 1.
void inferBinary(OpCall &call) {
  int a = call.tensor(0);
  int b = call.tensor(1);
  call.requireF32(0, "left operand");
  call.requireF32(1, "right operand");
  const auto &sa = call.shape(0);
  const auto &sb = call.shape(1);
  size_t rank = std::max(sa.size(), sb.size());
  std::vector<int64_t> shape(rank);
  for (size_t k = 0; k < rank; ++k) {
    int64_t da = k < sa.size() ? sa[sa.size() - 1 - k] : 1;
    int64_t db = k < sb.size() ? sb[sb.size() - 1 - k] : 1;
    if (da != db && da != 1 && db != 1)
      call.fail(-1, "cannot broadcast " + call.describe(0) + " with " +
                        call.describe(1) + ": sizes " + std::to_string(da) +
                        " and " + std::to_string(db) + " differ in axis " +
                        std::to_string(rank - 1 - k) + " of the result");
    shape[rank - 1 - k] = da == 1 ? db : da;
  }
  call.emit(call.op().name, {a, b}, {}, TensorType{DType::F32, shape});
}

} // namespace

void registerElementwiseOps(OpTable &table) {
  for (const char *name : {"relu", "sigmoid", "tanh", "exp", "log", "sqrt"})
    table.add({name, {{"x", ArgKind::Tensor}}, inferUnary});
  table.add({"neg", {{"x", ArgKind::Tensor}}, inferUnary, /*internal=*/true});
  for (const char *name : {"add", "sub", "mul", "div"})
    table.add({name,
               {{"a", ArgKind::Tensor}, {"b", ArgKind::Tensor}},
               inferBinary,
               /*internal=*/true});
}

} // namespace nnc::dsl
