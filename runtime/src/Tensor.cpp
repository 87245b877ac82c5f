//===- Tensor.cpp - Aligned buffers and host tensors ----------------------===//
#include "Tensor.h"

#include "Error.h"

#include <cstdlib>
#include <cstring>
#include <new>

namespace nnc {

AlignedBuffer::AlignedBuffer(size_t bytes) : bytes_(bytes) {
  // aligned_alloc needs a size multiple of the alignment; never allocate 0 so
  // that every tensor, even an empty one, has a valid distinct pointer.
  size_t rounded =
      (bytes + kTensorAlignment - 1) / kTensorAlignment * kTensorAlignment;
  if (rounded == 0)
    rounded = kTensorAlignment;
  data_ = std::aligned_alloc(kTensorAlignment, rounded);
  if (!data_)
    throw std::bad_alloc();
  std::memset(data_, 0, rounded);
}

AlignedBuffer::~AlignedBuffer() { std::free(data_); }

AlignedBuffer::AlignedBuffer(AlignedBuffer &&other) noexcept
    : data_(other.data_), bytes_(other.bytes_) {
  other.data_ = nullptr;
  other.bytes_ = 0;
}

AlignedBuffer &AlignedBuffer::operator=(AlignedBuffer &&other) noexcept {
  if (this != &other) {
    std::free(data_);
    data_ = other.data_;
    bytes_ = other.bytes_;
    other.data_ = nullptr;
    other.bytes_ = 0;
  }
  return *this;
}

DType dtypeFromDesc(int32_t dtype) {
  switch (dtype) {
  case NNC_DTYPE_F32:
    return DType::F32;
  case NNC_DTYPE_I32:
    return DType::I32;
  }
  failUsage("model descriptor: unknown dtype code " + std::to_string(dtype));
}

const char *dtypeName(DType dtype) {
  return dtype == DType::F32 ? "f32" : "i32";
}

std::string formatShape(const Shape &shape) {
  std::string text = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      text += ", ";
    text += std::to_string(shape[i]);
  }
  return text + "]";
}

int64_t checkedNumel(const Shape &shape, int64_t maxElements) {
  int64_t numel = 1;
  for (int64_t dim : shape) {
    if (dim < 0)
      return -1;
    if (dim == 0)
      numel = 0;
    else if (numel > maxElements / dim)
      return -1;
    else
      numel *= dim;
  }
  return numel <= maxElements ? numel : -1;
}

Shape shapeOf(const nnc_tensor_desc &desc) {
  return Shape(desc.shape, desc.shape + desc.rank);
}

int64_t HostTensor::numel() const {
  int64_t n = 1;
  for (int64_t dim : shape)
    n *= dim;
  return n;
}

} // namespace nnc
