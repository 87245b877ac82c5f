//===- Convert.cpp - Compile-time values where a kind is required ---------===//

#include "Convert.h"

namespace nnc::dsl {

std::string describeValue(const Value &value, const Model *model) {
  switch (value.kind) {
  case ValueKind::Tensor:
    if (model)
      return "a tensor " + formatType(model->values[value.tensor].type);
    return "a tensor";
  case ValueKind::Int:
    return "the integer " + std::to_string(value.intValue);
  case ValueKind::Float:
    return "the number " + formatDouble(value.floatValue);
  case ValueKind::Bool:
    return value.boolValue ? "true" : "false";
  case ValueKind::List:
    return "a list";
  case ValueKind::Tuple:
    return std::to_string(value.elements.size()) + " values";
  }
  return "a value";
}

int64_t requireInt(const Value &value, const std::string &what,
                   Reporter &reporter, const Model *model) {
  if (value.kind == ValueKind::Int)
    return value.intValue;
  if (value.kind == ValueKind::Float && value.inexactDivision) {
    // The division may sit in a const defined elsewhere: show the use too.
    std::vector<Note> notes;
    if (value.span.begin != value.inexactDivision->begin)
      notes.push_back({value.span, "used as " + what + " here"});
    reporter.error(*value.inexactDivision,
                   what +
                       " must be an integer, but this division is not "
                       "exact (it gives " +
                       formatDouble(value.floatValue) + ")",
                   notes);
  }
  reporter.error(value.span, what + " must be a compile-time integer, got " +
                                 describeValue(value, model));
}

double requireNumber(const Value &value, const std::string &what,
                     Reporter &reporter, const Model *model) {
  if (value.isNumber())
    return value.asDouble();
  reporter.error(value.span, what + " must be a compile-time number, got " +
                                 describeValue(value, model));
}

bool requireBool(const Value &value, const std::string &what,
                 Reporter &reporter, const Model *model) {
  if (value.kind == ValueKind::Bool)
    return value.boolValue;
  reporter.error(value.span, what + " must be true or false, got " +
                                 describeValue(value, model));
}

} // namespace nnc::dsl
