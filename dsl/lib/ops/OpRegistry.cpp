//===- OpRegistry.cpp - The table of DSL builtins -------------------------===//

#include "OpRegistry.h"

#include <cassert>

namespace nnc::dsl {

int OpInfo::variadicIndex() const {
  for (size_t i = 0; i < params.size(); ++i)
    if (params[i].kind == ArgKind::Tensors)
      return static_cast<int>(i);
  return -1;
}

void OpTable::add(OpInfo info) {
  if (!info.internal)
    names_.push_back(info.name);
  std::string name = info.name;
  ops_.emplace(std::move(name), std::move(info));
}

const OpInfo *OpTable::findBuiltin(std::string_view name) const {
  auto it = ops_.find(name);
  if (it == ops_.end() || it->second.internal)
    return nullptr;
  return &it->second;
}

const OpInfo &OpTable::get(std::string_view name) const {
  auto it = ops_.find(name);
  assert(it != ops_.end() && "unknown op");
  return it->second;
}

const OpTable &opTable() {
  static const OpTable table = [] {
    OpTable t;
    registerElementwiseOps(t);
    registerLinearAlgebraOps(t);
    registerShapeOps(t);
    registerReductionOps(t);
    registerConvPoolOps(t);
    registerRecurrentOps(t);
    registerAttentionOps(t);
    registerEmbeddingOps(t);
    registerNormalizationOps(t);
    registerLossOps(t);
    return t;
  }();
  return table;
}

std::string signatureOf(const OpInfo &op) {
  std::string text = op.name + "(";
  for (size_t i = 0; i < op.params.size(); ++i) {
    if (i)
      text += ", ";
    const ParamSpec &param = op.params[i];
    if (param.kind == ArgKind::Tensors) {
      text += std::string(param.name) + "...";
      continue;
    }
    text += param.name;
    if (param.defaultText)
      text += std::string("=") + param.defaultText;
  }
  return text + ")";
}

} // namespace nnc::dsl
