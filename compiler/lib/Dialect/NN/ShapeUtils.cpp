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

std::string EinsumSpec::allLetters() const {
  std::string all = out;
  for (char c : lhs + rhs)
    if (all.find(c) == std::string::npos)
      all += c;
  return all;
}

std::optional<EinsumSpec> parseEinsum(llvm::StringRef equation,
                                      ArrayRef<int64_t> lhsShape,
                                      ArrayRef<int64_t> rhsShape,
                                      llvm::SmallVectorImpl<int64_t> &result,
                                      std::string *why) {
  auto fail = [&](const std::string &msg) -> std::optional<EinsumSpec> {
    if (why)
      *why = msg;
    return std::nullopt;
  };
  auto [inputs, out] = equation.split("->");
  auto [lhs, rhs] = inputs.split(',');
  if (!equation.contains("->") || !inputs.contains(','))
    return fail("equation must look like 'ab,bc->ac'");
  EinsumSpec spec{lhs.str(), rhs.str(), out.str()};
  int64_t size[26];
  std::fill(std::begin(size), std::end(size), -1);
  auto bind = [&](const std::string &term, ArrayRef<int64_t> shape,
                  const char *what) -> bool {
    if (term.size() != shape.size()) {
      fail(std::string(what) + " has rank " + std::to_string(shape.size()) +
           " but '" + term + "' names " + std::to_string(term.size()) +
           " axes");
      return false;
    }
    for (size_t i = 0; i < term.size(); ++i) {
      char c = term[i];
      if (c < 'a' || c > 'z' || term.find(c) != i) {
        fail("'" + term + "': letters must be a-z, each at most once");
        return false;
      }
      if (size[c - 'a'] >= 0 && size[c - 'a'] != shape[i]) {
        fail(std::string("axis '") + c + "' has sizes " +
             std::to_string(size[c - 'a']) + " and " +
             std::to_string(shape[i]));
        return false;
      }
      size[c - 'a'] = shape[i];
    }
    return true;
  };
  if (!bind(spec.lhs, lhsShape, "the left operand") ||
      !bind(spec.rhs, rhsShape, "the right operand"))
    return std::nullopt;
  result.clear();
  for (size_t i = 0; i < spec.out.size(); ++i) {
    char c = spec.out[i];
    if (c < 'a' || c > 'z' || spec.out.find(c) != i || size[c - 'a'] < 0)
      return fail("result letter '" + std::string(1, c) +
                  "' is not an operand axis (or repeats)");
    result.push_back(size[c - 'a']);
  }
  return spec;
}

} // namespace nnc::nn
