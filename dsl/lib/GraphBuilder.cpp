//===- GraphBuilder.cpp - Appends values and nodes to a Model -------------===//

#include "GraphBuilder.h"

#include "CheckedMath.h"
#include "Value.h"

#include <algorithm>

namespace nnc::dsl {

int GraphBuilder::addValue(const TensorType &type, Span span,
                           const std::string &name) {
  model_.values.push_back(ValueInfo{type, name, loc(span)});
  return static_cast<int>(model_.values.size() - 1);
}

std::vector<int> GraphBuilder::addNode(const std::string &op,
                                       std::vector<int> operands, Attrs attrs,
                                       const std::vector<TensorType> &results,
                                       Span span) {
  if (model_.nodes.size() >= kMaxNodes)
    reporter_.error(span, "model '" + model_.name +
                              "' is too large: more than " +
                              std::to_string(kMaxNodes) +
                              " operations after inlining every def");
  for (const TensorType &type : results) {
    if (type.shape.size() > kMaxRank)
      reporter_.error(span, op + ": the result would have rank " +
                                std::to_string(type.shape.size()) +
                                "; tensors have at most " +
                                std::to_string(kMaxRank) + " dimensions");
    for (int64_t dim : type.shape)
      if (dim < 1)
        reporter_.error(span, op + ": result shape " + formatShape(type.shape) +
                                  " has a dimension smaller than 1");
    if (!checkedProduct(type.shape))
      reporter_.error(span, op + ": result " + formatType(type) +
                                " has more elements than fit in int64");
  }
  Node node;
  node.op = op;
  node.operands = std::move(operands);
  node.attrs = std::move(attrs);
  node.loc = loc(span);
  for (const TensorType &type : results)
    node.results.push_back(addValue(type, span, ""));

  // i32 values copied by shape ops keep pointing at their inputs.
  static const char *const kShapeOps[] = {"reshape", "permute", "index",
                                          "concat"};
  bool isShapeOp = std::find(std::begin(kShapeOps), std::end(kShapeOps), op) !=
                   std::end(kShapeOps);
  if (isShapeOp && results.size() == 1 && results[0].dtype == DType::I32) {
    std::vector<size_t> origins;
    for (int operand : node.operands) {
      auto it = intOrigins_.find(operand);
      if (it != intOrigins_.end())
        origins.insert(origins.end(), it->second.begin(), it->second.end());
    }
    // Deduplicated: concat(a, a) repeated must not grow the list.
    std::sort(origins.begin(), origins.end());
    origins.erase(std::unique(origins.begin(), origins.end()), origins.end());
    if (!origins.empty())
      intOrigins_[node.results[0]] = std::move(origins);
  }
  std::vector<int> ids = node.results;
  model_.nodes.push_back(std::move(node));
  return ids;
}

int GraphBuilder::addScalar(double value, Span span) {
  return addNode1("scalar", {}, {{"value", value}}, TensorType{DType::F32, {}},
                  span);
}

void GraphBuilder::markInput(int id, size_t inputIndex) {
  intOrigins_[id] = {inputIndex};
}

void GraphBuilder::requireIntRange(int id, int64_t range) {
  auto it = intOrigins_.find(id);
  if (it == intOrigins_.end())
    return;
  for (size_t index : it->second) {
    int64_t &current = model_.inputs[index].intRange;
    if (current == 0 || range < current)
      current = range;
  }
}

} // namespace nnc::dsl
