//===- OpCall.h - One application of a builtin, seen by its rule -*- C++
//-*-===//
//
// The shape rule of an op reads its bound arguments through this class,
// reports errors located at the offending argument, and emits the
// canonical node(s). Every message starts with the op's name, and quotes
// arguments by their source text: "conv2d: weight 'w2' expects ...".
//
//===----------------------------------------------------------------------===//
#ifndef NNC_DSL_OPS_OPCALL_H
#define NNC_DSL_OPS_OPCALL_H

#include "../GraphBuilder.h"
#include "../Value.h"
#include "OpRegistry.h"

#include <optional>

namespace nnc::dsl {

class OpCall {
public:
  struct Arg {
    bool present = false;
    Value value;
    Span span;
  };

  /// `args` holds one entry per parameter of `op` (the Tensors slot stays
  /// empty), followed by the variadic arguments.
  OpCall(const OpInfo &op, std::string displayName, Span calleeSpan,
         std::vector<Arg> args, GraphBuilder &builder, Reporter &reporter,
         const SourceFile &file)
      : op_(op), name_(std::move(displayName)), calleeSpan_(calleeSpan),
        args_(std::move(args)), builder_(builder), reporter_(reporter),
        file_(file) {}

  const OpInfo &op() const { return op_; }
  const std::string &name() const { return name_; }
  GraphBuilder &builder() { return builder_; }

  bool has(size_t i) const { return i < args_.size() && args_[i].present; }
  /// Index of the first variadic argument, and their count.
  size_t variadicBegin() const { return op_.params.size(); }
  size_t variadicCount() const { return args_.size() - op_.params.size(); }

  /// The argument's source text in quotes ('w2'), or "argument N" when it
  /// is long.
  std::string quote(size_t i) const;

  /// The argument as evaluated (a tensor or a compile-time value).
  const Value &argValue(size_t i) const { return args_[i].value; }

  /// Tensor arguments (numbers become f32[] scalar nodes).
  int tensor(size_t i);
  const TensorType &type(size_t i);
  const std::vector<int64_t> &shape(size_t i) { return type(i).shape; }
  size_t rank(size_t i) { return shape(i).size(); }
  /// "'x' (f32[4, 8])"
  std::string describe(size_t i);
  /// "weight 'w2'", or just "'w_ih'" when the text is the role itself.
  std::string named(const std::string &role, size_t i) const;

  void requireF32(size_t i, const std::string &role);
  void requireI32(size_t i, const std::string &role);
  /// "<role> 'x' must be 4-D [N, C, H, W], got f32[3, 32, 32]"
  void requireRank(size_t i, size_t rank, const std::string &role,
                   const std::string &layout);
  void requireRankAtLeast(size_t i, size_t rank, const std::string &role);
  /// "<role> 'b' must be [8]<why>, got [16]"
  void requireShape(size_t i, const std::vector<int64_t> &expected,
                    const std::string &role, const std::string &why = "");

  /// Compile-time arguments; `fallback` is used when the argument is absent.
  int64_t intArg(size_t i, std::optional<int64_t> fallback = std::nullopt);
  std::optional<int64_t> optionalIntArg(size_t i);
  std::vector<int64_t> pairArg(size_t i,
                               std::optional<std::vector<int64_t>> fallback);
  std::vector<int64_t> intListArg(size_t i);
  double floatArg(size_t i, double fallback);
  bool boolArg(size_t i, bool fallback);

  /// Maps a possibly negative axis into [0, rank); an error at argument
  /// `axisArg` otherwise.
  int64_t normalizeAxis(int64_t axis, size_t rank, size_t axisArg,
                        size_t tensorArg);

  /// Checked shape arithmetic; overflow is an error at argument `at`.
  int64_t add(int64_t a, int64_t b, int at);
  int64_t sub(int64_t a, int64_t b, int at);
  int64_t mul(int64_t a, int64_t b, int at);

  /// An error at argument `i` (-1: at the op itself), prefixed "<op>: ".
  [[noreturn]] void fail(int i, const std::string &message);

  int emit(const std::string &op, std::vector<int> operands, Attrs attrs,
           const TensorType &result);
  std::vector<int> emitMulti(const std::string &op, std::vector<int> operands,
                             Attrs attrs,
                             const std::vector<TensorType> &results);

  const std::vector<int> &results() const { return results_; }

private:
  const Value &value(size_t i) const { return args_[i].value; }
  std::string paramName(size_t i) const;
  const Value &requirePresent(size_t i);

  const OpInfo &op_;
  std::string name_;
  Span calleeSpan_;
  std::vector<Arg> args_;
  std::vector<std::optional<int>> tensors_; // materialised tensor ids
  GraphBuilder &builder_;
  Reporter &reporter_;
  const SourceFile &file_;
  std::vector<int> results_;
};

} // namespace nnc::dsl

#endif // NNC_DSL_OPS_OPCALL_H
