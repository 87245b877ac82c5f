//===- Format.cpp - Human-readable numbers and tensor summaries -----------===//
#include "Format.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace nnc {

std::string formatNumber(double value, int digits) {
  char text[64];
  std::snprintf(text, sizeof text, "%.*g", digits, value);
  return text;
}

std::string formatFlops(double flops) {
  static const char *const units[] = {"FLOP",  "kFLOP", "MFLOP",
                                      "GFLOP", "TFLOP", "PFLOP"};
  int unit = 0;
  while (std::fabs(flops) >= 1000 && unit < 5) {
    flops /= 1000;
    ++unit;
  }
  char text[64];
  if (unit == 0)
    std::snprintf(text, sizeof text, "%.0f %s", flops, units[unit]);
  else
    std::snprintf(text, sizeof text, "%.3g %s", flops, units[unit]);
  return text;
}

std::string formatBytes(int64_t bytes) {
  static const char *const units[] = {"bytes", "KiB", "MiB", "GiB", "TiB"};
  double scaled = static_cast<double>(bytes);
  int unit = 0;
  while (scaled >= 1024 && unit < 4) {
    scaled /= 1024;
    ++unit;
  }
  if (unit == 0)
    return std::to_string(bytes) + " bytes";
  char text[64];
  std::snprintf(text, sizeof text, "%.3g %s (%lld bytes)", scaled, units[unit],
                static_cast<long long>(bytes));
  return text;
}

std::string summarizeValues(DType dtype, const void *data, int64_t numel,
                            int shown) {
  auto at = [&](int64_t i) {
    return dtype == DType::F32 ? double(static_cast<const float *>(data)[i])
                               : double(static_cast<const int32_t *>(data)[i]);
  };
  std::string text = "[";
  for (int64_t i = 0; i < std::min<int64_t>(numel, shown); ++i)
    text += (i ? ", " : "") + formatNumber(at(i), 5);
  if (numel > shown)
    text += ", ...";
  text += "]";
  if (numel == 0)
    return text;
  double lo = at(0), hi = at(0), sum = 0;
  for (int64_t i = 0; i < numel; ++i) {
    double v = at(i);
    lo = std::min(lo, v);
    hi = std::max(hi, v);
    sum += v;
  }
  return text + " min " + formatNumber(lo, 5) + " max " + formatNumber(hi, 5) +
         " mean " + formatNumber(sum / double(numel), 5);
}

} // namespace nnc
