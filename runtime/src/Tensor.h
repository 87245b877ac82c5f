//===- Tensor.h - Aligned buffers and host tensors -------------*- C++ -*-===//
//
// Every tensor and the workspace live in 64-byte aligned buffers (the ABI
// requires it of the workspace; aligned tensors let generated code use
// aligned vector loads).
//
//===----------------------------------------------------------------------===//
#ifndef NNC_RUNTIME_TENSOR_H
#define NNC_RUNTIME_TENSOR_H

#include "nnc_model_desc.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace nnc {

constexpr size_t kTensorAlignment = 64;

/// An owned, zero-initialised, 64-byte aligned block of memory.
class AlignedBuffer {
public:
  AlignedBuffer() = default;
  explicit AlignedBuffer(size_t bytes);
  ~AlignedBuffer();
  AlignedBuffer(AlignedBuffer &&other) noexcept;
  AlignedBuffer &operator=(AlignedBuffer &&other) noexcept;
  AlignedBuffer(const AlignedBuffer &) = delete;
  AlignedBuffer &operator=(const AlignedBuffer &) = delete;

  void *data() const { return data_; }
  size_t size() const { return bytes_; }
  float *asF32() const { return static_cast<float *>(data_); }
  int32_t *asI32() const { return static_cast<int32_t *>(data_); }

private:
  void *data_ = nullptr;
  size_t bytes_ = 0;
};

enum class DType { F32, I32 };

/// Both supported dtypes are 4 bytes wide.
constexpr size_t kElementBytes = 4;

DType dtypeFromDesc(int32_t dtype);
const char *dtypeName(DType dtype); // "f32", "i32"

using Shape = std::vector<int64_t>;

/// "[4, 3]" ("[]" for a scalar).
std::string formatShape(const Shape &shape);
/// Element count; -1 when a dimension is negative or the product overflows
/// `maxElements` (so a lying file header cannot make us allocate).
int64_t checkedNumel(const Shape &shape, int64_t maxElements);

Shape shapeOf(const nnc_tensor_desc &desc);

/// A tensor read from or written to a file.
struct HostTensor {
  DType dtype = DType::F32;
  Shape shape;
  AlignedBuffer buffer;

  int64_t numel() const;
  size_t bytes() const { return static_cast<size_t>(numel()) * kElementBytes; }
};

} // namespace nnc

#endif // NNC_RUNTIME_TENSOR_H
