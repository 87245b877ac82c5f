//===- Format.cpp - Shapes, types and numbers as text ---------------------===//

#include "Value.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace nnc::dsl {

std::string formatShape(const std::vector<int64_t> &shape, bool full) {
  constexpr size_t kShownFront = 8, kShownBack = 4;
  bool clip = !full && shape.size() > kShownFront + kShownBack + 4;
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (clip && i == kShownFront) {
      text += ", ...";
      i = shape.size() - kShownBack - 1;
      continue;
    }
    if (i)
      text += ", ";
    text += std::to_string(shape[i]);
  }
  text += "]";
  if (clip)
    text += " (rank " + std::to_string(shape.size()) + ")";
  return text;
}

std::string formatType(const TensorType &type, bool full) {
  return (type.dtype == DType::F32 ? "f32" : "i32") +
         formatShape(type.shape, full);
}

std::string formatDouble(double value) {
  if (std::isnan(value))
    return "nan";
  if (std::isinf(value))
    return value > 0 ? "inf" : "-inf";
  // The shortest text that reads back as the same double.
  char buf[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof buf, "%.*g", precision, value);
    if (std::strtod(buf, nullptr) == value)
      break;
  }
  std::string text = buf;
  // Keep it recognisable as a float.
  if (text.find_first_of(".eni") == std::string::npos)
    text += ".0";
  return text;
}

} // namespace nnc::dsl
