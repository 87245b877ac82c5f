//===- Npy.h - NumPy .npy files --------------------------------*- C++ -*-===//
//
// Reads versions 1.0, 2.0 and 3.0 of the format, little-endian float32
// ('<f4') and int32 ('<i4') in C order; anything else is refused with one
// line naming the file and the problem. Writes version 1.0 with the header
// padded to 64 bytes, as numpy.save does.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_RUNTIME_NPY_H
#define NNC_RUNTIME_NPY_H

#include "Tensor.h"

#include <string>

namespace nnc {

/// Reads the whole array; Error (exit 2) naming `path` on any problem.
HostTensor readNpy(const std::string &path);

/// Writes `data` (numel(shape) elements of `dtype`) as a .npy file.
void writeNpy(const std::string &path, DType dtype, const Shape &shape,
              const void *data);

} // namespace nnc

#endif // NNC_RUNTIME_NPY_H
