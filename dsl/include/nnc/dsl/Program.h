//===- Program.h - The checked, flattened model graph -----------*- C++ -*-===//
//
// The contract between the front end (dsl/) and the compiler (compiler/).
// The semantic checker turns the AST into one `Model` per `model` block:
// `def` calls are inlined, `const` names and integer expressions folded,
// every attribute normalised to a canonical form with defaults filled in,
// and every value's shape inferred. The compiler never re-checks shapes:
// whatever reaches it is valid.
//
// Canonical ops (operands in order; attrs; results). Every axis and index
// attribute is already non-negative; pairs are always two-element lists.
//   relu sigmoid tanh exp log sqrt neg      (x)                     -> 1
//   add sub mul div                         (a, b) NumPy broadcasting -> 1
//   scalar      ()          value:double    -> f32[]   (a literal)
//   matmul      (a, b)                      -> 1
//   linear      (x, w[, b])                 -> 1
//   permute     (x)         perm:IntList    -> 1   (also `transpose`)
//   reshape     (x)         shape:IntList   -> 1   (also `flatten`)
//   concat      (a, b, ...) axis:int        -> 1
//   sum mean max (x)        [axis:int]      -> 1   (no axis: all -> f32[])
//   softmax log_softmax (x) axis:int        -> 1
//   conv2d      (x, w[, b]) stride, padding, dilation: IntList[2]
//   conv1x1     (x, w[, b])
//   maxpool2d avgpool2d (x) kernel, stride, padding: IntList[2]
//   rnn         (x, w_ih, w_hh, b_ih, b_hh, h0)       -> y, hT
//   lstm        (x, w_ih, w_hh, b_ih, b_hh, h0, c0)   -> y, hT, cT
//   lstm_cell   (x, h, c, w_ih, w_hh, b_ih, b_hh)     -> h', c'
//   embedding   (ids, table)
//   attention   (q, k, v)   causal:bool
//   multihead_attention (x, wq, wk, wv, wo) heads:int, causal:bool
//   posenc      ()          T:int, D:int
//   layernorm   (x, gamma, beta) eps:double
//   mse         (y, t)      -> f32[]
//   cross_entropy (logits, labels) -> f32[]
//   index       (x)         index:int       (selects along axis 0)
//
//===----------------------------------------------------------------------===//
#ifndef NNC_DSL_PROGRAM_H
#define NNC_DSL_PROGRAM_H

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace nnc::dsl {

/// A 1-based position in the source file.
struct Loc {
  unsigned line = 0;
  unsigned col = 0;
};

enum class DType { F32, I32 };

struct TensorType {
  DType dtype = DType::F32;
  std::vector<int64_t> shape; // empty: a scalar
  int64_t numel() const {
    int64_t n = 1;
    for (int64_t d : shape)
      n *= d;
    return n;
  }
};

using IntList = std::vector<int64_t>;
using AttrValue = std::variant<int64_t, double, bool, IntList>;

/// One SSA value of the flattened graph.
struct ValueInfo {
  TensorType type;
  std::string name; // the user's name when it has one, else empty
  Loc loc;
};

/// One op application. `op` is a canonical op name (see the file comment).
struct Node {
  std::string op;
  std::vector<int> operands; // value ids
  std::vector<int> results;  // value ids
  std::map<std::string, AttrValue> attrs;
  Loc loc;
};

enum class InitKind { Zeros, Ones, Const, Normal, Uniform, Xavier, Kaiming };

/// `const(v)`: a = v. `normal(std)`: a = std. `uniform(lo, hi)`: a, b.
struct Init {
  InitKind kind = InitKind::Zeros;
  double a = 0.0;
  double b = 0.0;
};

struct Input {
  std::string name;
  int value = -1;
  Loc loc;
  /// For i32 inputs: values must lie in [0, intRange) when the use makes the
  /// range inferable (class labels of cross_entropy, token ids of
  /// embedding); 0 when unknown.
  int64_t intRange = 0;
};

struct Param {
  std::string name;
  int value = -1;
  Init init;
  Loc loc;
};

struct Output {
  std::string name;
  int value = -1;
  Loc loc;
};

struct Model {
  std::string name;
  Loc loc;
  std::vector<ValueInfo> values; // indexed by value id
  std::vector<Input> inputs;     // declaration order
  std::vector<Param> params;     // declaration order
  std::vector<Node> nodes;       // topological order
  std::vector<Output> outputs;   // declaration order
  std::optional<Output> loss;
  std::vector<std::string> gradWrt; // input names, declaration order
};

struct Program {
  std::string file; // the path as given on the command line
  std::vector<Model> models;
};

} // namespace nnc::dsl

#endif // NNC_DSL_PROGRAM_H
