//===- CheckedMath.h - int64 arithmetic that reports overflow ---*- C++ -*-===//
//
// Shapes and folded integer constants come from user text: any overflow
// must become a located error, never undefined behaviour.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_DSL_CHECKEDMATH_H
#define NNC_DSL_CHECKEDMATH_H

#include <cstdint>
#include <optional>
#include <vector>

namespace nnc::dsl {

inline std::optional<int64_t> checkedAdd(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_add_overflow(a, b, &r))
    return std::nullopt;
  return r;
}

inline std::optional<int64_t> checkedSub(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_sub_overflow(a, b, &r))
    return std::nullopt;
  return r;
}

inline std::optional<int64_t> checkedMul(int64_t a, int64_t b) {
  int64_t r;
  if (__builtin_mul_overflow(a, b, &r))
    return std::nullopt;
  return r;
}

/// Product of all dims, or nullopt on overflow.
inline std::optional<int64_t> checkedProduct(const std::vector<int64_t> &dims,
                                             size_t from = 0) {
  int64_t n = 1;
  for (size_t i = from; i < dims.size(); ++i) {
    auto next = checkedMul(n, dims[i]);
    if (!next)
      return std::nullopt;
    n = *next;
  }
  return n;
}

} // namespace nnc::dsl

#endif // NNC_DSL_CHECKEDMATH_H
