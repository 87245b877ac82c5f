//===- OpRegistry.h - The table of DSL builtins ------------------*- C++
//-*-===//
//
// One row per builtin op: its parameters (positional, or by keyword, as in
// Python) and its shape rule. Adding an op means adding one row in the
// category file (ElementwiseOps.cpp, ConvPoolOps.cpp, ...) and its rule.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_DSL_OPS_OPREGISTRY_H
#define NNC_DSL_OPS_OPREGISTRY_H

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace nnc::dsl {

class OpCall;

enum class ArgKind {
  Tensor,  // a tensor; a number becomes an f32[] scalar
  Tensors, // variadic tensors (all remaining positional arguments)
  Int,     // compile-time integer
  IntPair, // an int or [h, w]
  IntList, // [a, b, ...]
  Float,   // compile-time number
  Bool,    // true / false
};

struct ParamSpec {
  const char *name;
  ArgKind kind;
  /// How the default reads in a signature ("1", "kernel", "none"), or
  /// nullptr when the argument is required.
  const char *defaultText = nullptr;
  bool required() const {
    return defaultText == nullptr && kind != ArgKind::Tensors;
  }
};

using InferFn = void (*)(OpCall &);

struct OpInfo {
  std::string name;
  std::vector<ParamSpec> params;
  InferFn infer = nullptr;
  /// Operators (+ - * / unary -, x[i]) share the machinery but cannot be
  /// called by name.
  bool internal = false;
  /// Index of the Tensors parameter, or -1.
  int variadicIndex() const;
};

class OpTable {
public:
  void add(OpInfo info);
  /// A builtin callable by name, or nullptr.
  const OpInfo *findBuiltin(std::string_view name) const;
  /// Any op, operators included (add, sub, mul, div, neg, index).
  const OpInfo &get(std::string_view name) const;
  /// Names callable by the user, for suggestions.
  const std::vector<std::string> &builtinNames() const { return names_; }

private:
  std::map<std::string, OpInfo, std::less<>> ops_;
  std::vector<std::string> names_;
};

/// The table with every category registered.
const OpTable &opTable();

/// "conv2d(x, w, b=none, stride=1, padding=0, dilation=1)"
std::string signatureOf(const OpInfo &op);

void registerElementwiseOps(OpTable &table);
void registerLinearAlgebraOps(OpTable &table);
void registerShapeOps(OpTable &table);
void registerReductionOps(OpTable &table);
void registerConvPoolOps(OpTable &table);
void registerRecurrentOps(OpTable &table);
void registerAttentionOps(OpTable &table);
void registerEmbeddingOps(OpTable &table);
void registerNormalizationOps(OpTable &table);
void registerLossOps(OpTable &table);

} // namespace nnc::dsl

#endif // NNC_DSL_OPS_OPREGISTRY_H
