//===- ShapeOps.cpp - transpose, permute, reshape, flatten, concat, index -===//
//
// These work on i32 tensors too (labels and ids may be reshaped).
//   transpose(x)          -> permute, perm swaps the last two axes
//   permute(x, perm)      -> permute {perm}
//   reshape(x, shape)     -> reshape {shape}; one -1 is inferred (PyTorch)
//   flatten(x)            -> reshape {[d0, d1*d2*...]}
//   concat(a, b, ..., axis=0) -> concat {axis}
//   x[i]                  -> index {index}: along axis 0, which is dropped
//
//===----------------------------------------------------------------------===//

#include "OpCall.h"

#include "../CheckedMath.h"

#include <numeric>

namespace nnc::dsl {
namespace {

void emitPermute(OpCall &call, const std::vector<int64_t> &perm) {
  const TensorType &in = call.type(0);
  TensorType out{in.dtype, {}};
  for (int64_t axis : perm)
    out.shape.push_back(in.shape[axis]);
  call.emit("permute", {call.tensor(0)}, {{"perm", perm}}, out);
}

void inferTranspose(OpCall &call) {
  call.requireRankAtLeast(0, 2, "input");
  std::vector<int64_t> perm(call.rank(0));
  std::iota(perm.begin(), perm.end(), 0);
  std::swap(perm[perm.size() - 1], perm[perm.size() - 2]);
  emitPermute(call, perm);
}

void inferPermute(OpCall &call) {
  call.tensor(0);
  std::vector<int64_t> perm = call.intListArg(1);
  size_t rank = call.rank(0);
  if (perm.size() != rank)
    call.fail(1, "the permutation has " + std::to_string(perm.size()) +
                     " axes but " + call.describe(0) + " has " +
                     std::to_string(rank));
  std::vector<bool> seen(rank, false);
  for (int64_t &axis : perm) {
    axis = call.normalizeAxis(axis, rank, 1, 0);
    if (seen[axis])
      call.fail(1, "axis " + std::to_string(axis) +
                       " appears twice in the permutation");
    seen[axis] = true;
  }
  emitPermute(call, perm);
}

void emitReshape(OpCall &call, const std::vector<int64_t> &shape) {
  TensorType out{call.type(0).dtype, shape};
  call.emit("reshape", {call.tensor(0)}, {{"shape", shape}}, out);
}

void inferReshape(OpCall &call) {
  call.tensor(0);
  std::vector<int64_t> shape = call.intListArg(1);
  int64_t count = *checkedProduct(call.shape(0));
  int64_t known = 1;
  int inferred = -1;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == -1 && inferred < 0) {
      inferred = static_cast<int>(i);
      continue;
    }
    if (shape[i] < 1)
      call.fail(1, "dimension " + std::to_string(shape[i]) +
                       " of the new shape must be at least 1 (or one -1 "
                       "to infer it)");
    known = call.mul(known, shape[i], 1);
  }
  if (inferred >= 0) {
    if (count % known != 0)
      call.fail(1, "cannot reshape " + call.quote(0) + " (" +
                       formatType(call.type(0)) + ", " + std::to_string(count) +
                       " elements) to " + formatShape(shape) + ": " +
                       std::to_string(count) + " is not a multiple of " +
                       std::to_string(known));
    shape[inferred] = count / known;
    known = count;
  }
  if (known != count)
    call.fail(1, "cannot reshape " + call.quote(0) + " (" +
                     formatType(call.type(0)) + ", " + std::to_string(count) +
                     " elements) to " + formatShape(shape) + " (" +
                     std::to_string(known) + " elements)");
  emitReshape(call, shape);
}

void inferFlatten(OpCall &call) {
  call.requireRankAtLeast(0, 2, "input");
  const auto &in = call.shape(0);
  emitReshape(call, {in[0], *checkedProduct(in, 1)});
}

void inferConcat(OpCall &call) {
  size_t first = call.variadicBegin(), count = call.variadicCount();
  if (count == 0)
    call.fail(-1, "needs at least one tensor to join");
  std::vector<int> operands;
  for (size_t i = first; i < first + count; ++i) {
    // `concat(a, b, 1)` means axis=1 in PyTorch's torch.cat(..., 1).
    if (call.argValue(i).kind == ValueKind::Int)
      call.fail(static_cast<int>(i),
                "the axis must be given by keyword: axis=" +
                    std::to_string(call.argValue(i).intValue));
    operands.push_back(call.tensor(i));
  }
  const TensorType &base = call.type(first);
  if (base.shape.empty())
    call.fail(static_cast<int>(first),
              "cannot join scalars: " + call.describe(first) + " has no axis");
  int64_t axis =
      call.normalizeAxis(call.intArg(1, 0), base.shape.size(), 1, first);
  TensorType out = base;
  for (size_t i = first + 1; i < first + count; ++i) {
    const TensorType &t = call.type(i);
    if (t.dtype != base.dtype)
      call.fail(static_cast<int>(i), call.describe(i) +
                                         " has a different element type than " +
                                         call.describe(first));
    if (t.shape.size() != base.shape.size())
      call.fail(static_cast<int>(i), call.describe(i) + " has rank " +
                                         std::to_string(t.shape.size()) +
                                         " but " + call.describe(first) +
                                         " has rank " +
                                         std::to_string(base.shape.size()));
    bool compatible = true;
    for (size_t d = 0; compatible && d < t.shape.size(); ++d)
      compatible =
          d == static_cast<size_t>(axis) || t.shape[d] == base.shape[d];
    if (!compatible)
      call.fail(static_cast<int>(i),
                "shapes differ outside the join axis " + std::to_string(axis) +
                    ": " + call.describe(i) + " vs " + call.describe(first));
    out.shape[axis] =
        call.add(out.shape[axis], t.shape[axis], static_cast<int>(i));
  }
  call.emit("concat", operands, {{"axis", axis}}, out);
}

void inferIndex(OpCall &call) {
  int x = call.tensor(0);
  if (call.rank(0) == 0)
    call.fail(0, "cannot index " + call.describe(0) + ": it has no axis");
  int64_t size = call.shape(0)[0];
  int64_t index = call.intArg(1);
  if (index < -size || index >= size)
    call.fail(1, "index " + std::to_string(index) +
                     " is out of range for axis 0 of " + call.describe(0) +
                     " (valid: " + std::to_string(-size) + " to " +
                     std::to_string(size - 1) + ")");
  if (index < 0)
    index += size;
  TensorType out = call.type(0);
  out.shape.erase(out.shape.begin());
  call.emit("index", {x}, {{"index", index}}, out);
}

} // namespace

void registerShapeOps(OpTable &table) {
  table.add({"transpose", {{"x", ArgKind::Tensor}}, inferTranspose});
  table.add({"permute",
             {{"x", ArgKind::Tensor}, {"perm", ArgKind::IntList}},
             inferPermute});
  table.add({"reshape",
             {{"x", ArgKind::Tensor}, {"shape", ArgKind::IntList}},
             inferReshape});
  table.add({"flatten", {{"x", ArgKind::Tensor}}, inferFlatten});
  table.add({"concat",
             {{"tensors", ArgKind::Tensors}, {"axis", ArgKind::Int, "0"}},
             inferConcat});
  table.add({"index",
             {{"x", ArgKind::Tensor}, {"index", ArgKind::Int}},
             inferIndex,
             /*internal=*/true});
}

} // namespace nnc::dsl
