//===- ShapeUtils.cpp - Shape arithmetic shared by nn ops -----------------===//
#include "nnc/Dialect/NN/ShapeUtils.h"

#include <string>

using llvm::ArrayRef;
using llvm::SmallVector;

namespace nnc::nn {

std::optional<SmallVector<int64_t>> broadcastShapes(ArrayRef<int64_t> a,
                                                    ArrayRef<int64_t> b) {
  size_t rank = std::max(a.size(), b.size());
  SmallVector<int64_t> out(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    if (da != db && da != 1 && db != 1)
      return std::nullopt;
    out[i] = da == 1 ? db : da;
  }
  return out;
}

SmallVector<int64_t> broadcastReducedAxes(ArrayRef<int64_t> operand,
                                          ArrayRef<int64_t> result) {
  SmallVector<int64_t> axes;
  size_t lead = result.size() - operand.size();
  for (size_t i = 0; i < result.size(); ++i)
    if (i < lead || (operand[i - lead] == 1 && result[i] != 1))
      axes.push_back(static_cast<int64_t>(i));
  return axes;
}

int64_t convOutputSize(int64_t in, int64_t k, int64_t stride, int64_t pad,
                       int64_t dil) {
  int64_t span = in + 2 * pad - dil * (k - 1) - 1;
  if (span < 0)
    return 0;
  return span / stride + 1;
}

int64_t poolOutputSize(int64_t in, int64_t k, int64_t stride, int64_t pad) {
  int64_t span = in + 2 * pad - k;
  if (span < 0)
    return 0;
  return span / stride + 1;
}

SmallVector<int64_t> dropAxes(ArrayRef<int64_t> shape, ArrayRef<int64_t> axes) {
  SmallVector<int64_t> out;
  for (size_t i = 0; i < shape.size(); ++i)
    if (!llvm::is_contained(axes, static_cast<int64_t>(i)))
      out.push_back(shape[i]);
  return out;
}

std::optional<SmallVector<int64_t>>
matmulResultShape(ArrayRef<int64_t> a, ArrayRef<int64_t> b, bool transposeA,
                  bool transposeB, std::string *why) {
  auto fail = [&](const std::string &msg) {
    if (why)
      *why = msg;
    return std::nullopt;
  };
  if (a.size() < 2 || b.size() < 2)
    return fail("operands must have rank >= 2");
  int64_t m = transposeA ? a.back() : a[a.size() - 2];
  int64_t ka = transposeA ? a[a.size() - 2] : a.back();
  int64_t kb = transposeB ? b.back() : b[b.size() - 2];
  int64_t n = transposeB ? b[b.size() - 2] : b.back();
  if (ka != kb)
    return fail("contracted sizes differ (" + std::to_string(ka) + " vs " +
                std::to_string(kb) + ")");
  ArrayRef<int64_t> batchA = a.drop_back(2), batchB = b.drop_back(2);
  if (!batchA.empty() && !batchB.empty() && batchA != batchB)
    return fail("batch dimensions differ");
  SmallVector<int64_t> out(batchA.empty() ? batchB : batchA);
  out.push_back(m);
  out.push_back(n);
  return out;
}

int64_t product(ArrayRef<int64_t> dims) {
  int64_t n = 1;
  for (int64_t d : dims)
    n *= d;
  return n;
}

} // namespace nnc::nn
