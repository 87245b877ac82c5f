//===- GraphBuilder.h - Appends values and nodes to a Model -----*- C++ -*-===//
//
// Also tracks which i32 inputs flow (through shape ops only) into the
// labels of cross_entropy or the ids of embedding, to fill
// Input::intRange.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_DSL_GRAPHBUILDER_H
#define NNC_DSL_GRAPHBUILDER_H

#include "Reporter.h"
#include "SourceFile.h"
#include "nnc/dsl/Program.h"

#include <map>
#include <string>
#include <vector>

namespace nnc::dsl {

using Attrs = std::map<std::string, AttrValue>;

class GraphBuilder {
public:
  /// An upper bound on the nodes of one model, so that exponential def
  /// inlining stops with an error instead of exhausting memory.
  static constexpr size_t kMaxNodes = 500000;

  GraphBuilder(Model &model, const SourceFile &file, Reporter &reporter)
      : model_(model), file_(file), reporter_(reporter) {}

  /// A value without a producing node (inputs, params).
  int addValue(const TensorType &type, Span span, const std::string &name);

  /// Appends a node; returns its result ids. Every result type must have
  /// dims >= 1 and an element count that fits in int64.
  std::vector<int> addNode(const std::string &op, std::vector<int> operands,
                           Attrs attrs, const std::vector<TensorType> &results,
                           Span span);
  int addNode1(const std::string &op, std::vector<int> operands, Attrs attrs,
               const TensorType &result, Span span) {
    return addNode(op, std::move(operands), std::move(attrs), {result},
                   span)[0];
  }

  /// A `scalar` node holding a literal.
  int addScalar(double value, Span span);

  const TensorType &type(int id) const { return model_.values[id].type; }
  ValueInfo &info(int id) { return model_.values[id]; }
  Model &model() { return model_; }

  /// The i32 input `inputIndex` (in Model::inputs) is value `id`.
  void markInput(int id, size_t inputIndex);
  /// Values of `id` must lie in [0, range): narrows the range of the i32
  /// inputs it came from.
  void requireIntRange(int id, int64_t range);

private:
  Loc loc(Span span) const { return file_.locate(span.begin); }

  Model &model_;
  const SourceFile &file_;
  Reporter &reporter_;
  /// Value id -> indices of the i32 inputs it is a reshaped/permuted/
  /// indexed/concatenated copy of.
  std::map<int, std::vector<size_t>> intOrigins_;
};

} // namespace nnc::dsl

#endif // NNC_DSL_GRAPHBUILDER_H
