//===- ProgramPrinter.cpp - The checked graph as text ---------------------===//

#include "nnc/dsl/ProgramPrinter.h"

#include "Value.h"

#include <ostream>

namespace nnc::dsl {
namespace {

std::string locText(const Loc &loc) {
  return "@" + std::to_string(loc.line) + ":" + std::to_string(loc.col);
}

std::string attrText(const AttrValue &value) {
  if (auto *i = std::get_if<int64_t>(&value))
    return std::to_string(*i);
  if (auto *d = std::get_if<double>(&value))
    return formatDouble(*d);
  if (auto *b = std::get_if<bool>(&value))
    return *b ? "true" : "false";
  return formatShape(std::get<IntList>(value), true);
}

std::string initText(const Init &init) {
  switch (init.kind) {
  case InitKind::Zeros:
    return "zeros";
  case InitKind::Ones:
    return "ones";
  case InitKind::Const:
    return "const(" + formatDouble(init.a) + ")";
  case InitKind::Normal:
    return "normal(" + formatDouble(init.a) + ")";
  case InitKind::Uniform:
    return "uniform(" + formatDouble(init.a) + ", " + formatDouble(init.b) +
           ")";
  case InitKind::Xavier:
    return "xavier";
  case InitKind::Kaiming:
    return "kaiming";
  }
  return "?";
}

void printModel(std::ostream &os, const Model &model) {
  os << "model " << model.name << ' ' << locText(model.loc) << '\n';
  for (const Input &input : model.inputs) {
    os << "  input %" << input.value << ' ' << input.name << " : "
       << formatType(model.values[input.value].type, true);
    if (input.intRange)
      os << " range " << input.intRange;
    os << ' ' << locText(input.loc) << '\n';
  }
  for (const Param &param : model.params)
    os << "  param %" << param.value << ' ' << param.name << " : "
       << formatType(model.values[param.value].type, true) << " = "
       << initText(param.init) << ' ' << locText(param.loc) << '\n';
  for (const Node &node : model.nodes) {
    os << "  ";
    for (size_t i = 0; i < node.results.size(); ++i)
      os << (i ? ", " : "") << '%' << node.results[i];
    os << " = " << node.op << '(';
    for (size_t i = 0; i < node.operands.size(); ++i)
      os << (i ? ", " : "") << '%' << node.operands[i];
    os << ')';
    if (!node.attrs.empty()) {
      os << " {";
      bool first = true;
      for (const auto &[name, value] : node.attrs) {
        os << (first ? "" : ", ") << name << " = " << attrText(value);
        first = false;
      }
      os << '}';
    }
    os << " : ";
    for (size_t i = 0; i < node.results.size(); ++i)
      os << (i ? ", " : "")
         << formatType(model.values[node.results[i]].type, true);
    os << ' ' << locText(node.loc);
    bool named = false;
    for (int id : node.results)
      named |= !model.values[id].name.empty();
    if (named)
      for (int id : node.results)
        os << " \"" << model.values[id].name << '"';
    os << '\n';
  }
  for (const Output &output : model.outputs)
    os << "  output " << output.name << " = %" << output.value << ' '
       << locText(output.loc) << '\n';
  if (model.loss)
    os << "  loss " << model.loss->name << " = %" << model.loss->value << ' '
       << locText(model.loss->loc) << '\n';
  if (!model.gradWrt.empty()) {
    os << "  grad wrt";
    for (size_t i = 0; i < model.gradWrt.size(); ++i)
      os << (i ? ", " : " ") << model.gradWrt[i];
    os << '\n';
  }
}

} // namespace

void printProgram(std::ostream &os, const Program &program) {
  for (const Model &model : program.models)
    printModel(os, model);
}

} // namespace nnc::dsl
