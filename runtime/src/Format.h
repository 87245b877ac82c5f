//===- Format.h - Human-readable numbers and tensor summaries --*- C++ -*-===//
#ifndef NNC_RUNTIME_FORMAT_H
#define NNC_RUNTIME_FORMAT_H

#include "Tensor.h"

#include <cstdint>
#include <string>

namespace nnc {

/// "1.23 MFLOP", "512 FLOP".
std::string formatFlops(double flops);
/// "1.5 KiB (1536 bytes)".
std::string formatBytes(int64_t bytes);
/// printf("%g")-style text of a double with `digits` significant digits.
std::string formatNumber(double value, int digits = 6);
/// "[0.1, -2, 3, ...] min -2 max 3 mean 0.36" of a buffer.
std::string summarizeValues(DType dtype, const void *data, int64_t numel,
                            int shown = 6);

} // namespace nnc

#endif // NNC_RUNTIME_FORMAT_H
