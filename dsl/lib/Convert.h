//===- Convert.h - Compile-time values where a kind is required -*- C++ -*-===//
#ifndef NNC_DSL_CONVERT_H
#define NNC_DSL_CONVERT_H

#include "Reporter.h"
#include "Value.h"

namespace nnc::dsl {

/// "a tensor f32[4, 8]", "the integer 3", "a list", ...; `model` gives
/// tensor types (may be null).
std::string describeValue(const Value &value, const Model *model);

/// `what` names the expected thing in the error ("conv2d: stride",
/// "a dimension"); the error points at the value's expression.
int64_t requireInt(const Value &value, const std::string &what,
                   Reporter &reporter, const Model *model);
double requireNumber(const Value &value, const std::string &what,
                     Reporter &reporter, const Model *model);
bool requireBool(const Value &value, const std::string &what,
                 Reporter &reporter, const Model *model);

} // namespace nnc::dsl

#endif // NNC_DSL_CONVERT_H
