//===- Safetensors.h - .safetensors weight files ---------------*- C++ -*-===//
//
// Format: u64 LE header length N, N bytes of JSON
//   {"name": {"dtype": "F32", "shape": [2, 3], "data_offsets": [b, e]}, ...,
//    "__metadata__": {...}}
// then the data block; offsets are relative to the data block. Every length
// and offset is checked against the file before anything is allocated.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_RUNTIME_SAFETENSORS_H
#define NNC_RUNTIME_SAFETENSORS_H

#include "FileIO.h"
#include "Tensor.h"

#include <memory>
#include <string>
#include <vector>

namespace nnc {

struct SafetensorsEntry {
  std::string name;
  DType dtype = DType::F32;
  Shape shape;
  uint64_t begin = 0, end = 0; // within the data block
};

/// An opened and fully validated safetensors file; tensor data is read on
/// demand, straight into the caller's buffer.
class SafetensorsFile {
public:
  /// Validates the whole header; Error (exit 2) naming `path` on a problem.
  explicit SafetensorsFile(const std::string &path);

  const std::string &path() const { return file_.path(); }
  const std::vector<SafetensorsEntry> &entries() const { return entries_; }
  /// Copies the data of `entry` (end - begin bytes) to `dst`.
  void read(const SafetensorsEntry &entry, void *dst);

private:
  InputFile file_;
  uint64_t dataOffset_ = 0;
  std::vector<SafetensorsEntry> entries_;
};

struct NamedTensor {
  std::string name;
  DType dtype;
  Shape shape;
  const void *data;
};

/// Writes `tensors` in the given order, densely packed.
void writeSafetensors(const std::string &path,
                      const std::vector<NamedTensor> &tensors);

} // namespace nnc

#endif // NNC_RUNTIME_SAFETENSORS_H
