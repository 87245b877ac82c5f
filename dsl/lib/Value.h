//===- Value.h - What an expression evaluates to -----------------*- C++
//-*-===//
//
// The checker evaluates every expression to a Value: a run-time tensor (an
// SSA value id of the model being built) or a compile-time constant (an
// integer, a float, a bool, a list), or the several results of an `lstm`
// or a `def` (a tuple, only allowed on the right of `a, b = ...`).
// Numbers become `scalar` nodes only when they meet a tensor.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_DSL_VALUE_H
#define NNC_DSL_VALUE_H

#include "SourceFile.h"
#include "nnc/dsl/Program.h"

#include <optional>
#include <string>
#include <vector>

namespace nnc::dsl {

enum class ValueKind { Tensor, Int, Float, Bool, List, Tuple };

struct Value {
  ValueKind kind = ValueKind::Int;
  int tensor = -1;             // Tensor: value id in the model
  int64_t intValue = 0;        // Int
  double floatValue = 0.0;     // Float
  bool boolValue = false;      // Bool
  std::vector<Value> elements; // List, Tuple
  Span span;                   // the expression it came from
  /// A Float made by an inexact integer division (`7 / 2`): where an
  /// integer is required, the error points at the division.
  std::optional<Span> inexactDivision;
  /// Tuple: what produced it ("lstm", "def 'f'"), for error messages.
  std::string producer;

  static Value makeTensor(int id, Span span) {
    Value v;
    v.kind = ValueKind::Tensor;
    v.tensor = id;
    v.span = span;
    return v;
  }
  static Value makeInt(int64_t i, Span span) {
    Value v;
    v.kind = ValueKind::Int;
    v.intValue = i;
    v.span = span;
    return v;
  }
  static Value makeFloat(double f, Span span) {
    Value v;
    v.kind = ValueKind::Float;
    v.floatValue = f;
    v.span = span;
    return v;
  }
  static Value makeBool(bool b, Span span) {
    Value v;
    v.kind = ValueKind::Bool;
    v.boolValue = b;
    v.span = span;
    return v;
  }

  bool isNumber() const {
    return kind == ValueKind::Int || kind == ValueKind::Float;
  }
  double asDouble() const {
    return kind == ValueKind::Int ? static_cast<double>(intValue) : floatValue;
  }
};

/// "[4, 8]"; in messages (`full` false) a shape of more than 16 dims shows
/// its first and last dims only.
std::string formatShape(const std::vector<int64_t> &shape, bool full = false);
std::string formatType(const TensorType &type, bool full = false);

/// Tensors have at most this many dimensions (as PyTorch).
constexpr size_t kMaxRank = 64;
std::string formatDouble(double value);

} // namespace nnc::dsl

#endif // NNC_DSL_VALUE_H
