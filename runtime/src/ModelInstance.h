//===- ModelInstance.h - A model's buffers, ready to call ------*- C++ -*-===//
//
// Validates the descriptor the compiler emitted, allocates every tensor and
// one workspace (64-byte aligned, once), and builds the pointer arrays the
// generated functions take as `args`. Commands then only fill buffers and
// call forward()/backward(): no allocation per step.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_RUNTIME_MODELINSTANCE_H
#define NNC_RUNTIME_MODELINSTANCE_H

#include "Tensor.h"
#include "nnc_model_desc.h"

#include <string>
#include <vector>

namespace nnc {

class ModelInstance {
public:
  enum class Storage { Allocate, DescriptorOnly };
  /// Error (exit 2) when the descriptor is inconsistent; Error (exit 1) when
  /// the tensors and workspace would not fit in this machine's memory.
  /// DescriptorOnly (for `info`) validates without allocating: no data().
  explicit ModelInstance(const nnc_model_desc &desc,
                         Storage storage = Storage::Allocate);

  const nnc_model_desc &desc() const { return desc_; }
  std::string name() const { return desc_.name; }
  int numTensors() const { return desc_.num_tensors; }
  const nnc_tensor_desc &tensor(int index) const {
    return desc_.tensors[index];
  }
  void *data(int index) const { return buffers_[index].data(); }
  float *f32(int index) const { return buffers_[index].asF32(); }
  size_t bytes(int index) const {
    return static_cast<size_t>(tensor(index).numel) * kElementBytes;
  }

  /// Index of the tensor called `name`, or -1.
  int find(const std::string &name) const;
  /// Indices of the tensors with `role`, in descriptor order.
  std::vector<int> withRole(nnc_role role) const;

  bool hasBackward() const { return desc_.backward.fn != nullptr; }
  /// Error (exit 2) without a backward function: no loss, or compiled with
  /// --no-backward; `purpose` ends the message ("so ... cannot ...").
  void requireBackward(const std::string &purpose) const;
  /// The loss tensor, or -1.
  int lossIndex() const { return lossIndex_; }

  /// Runs the forward function; Error (exit 1) on a nonzero status.
  void forward();
  /// Runs forward + backward; Error (exit 1) on a nonzero status.
  void backward();
  /// The raw calls, for timing.
  int32_t callForward();
  int32_t callBackward();

  /// The loss after forward()/backward() (summed if not a scalar).
  double loss() const;
  /// The total element count of the params.
  int64_t paramCount() const;
  /// The one workspace, shared by forward and backward: the larger need.
  int64_t workspaceBytes() const;
  /// Bytes of every tensor plus the workspace, as allocated.
  int64_t memoryBytes() const;

private:
  void validate() const;
  void checkStatus(const nnc_function_desc &fn, int32_t status) const;

  const nnc_model_desc &desc_;
  std::vector<AlignedBuffer> buffers_;
  std::vector<void *> forwardArgs_, backwardArgs_;
  std::vector<int> gradIndices_;
  AlignedBuffer workspace_;
  int lossIndex_ = -1;
};

} // namespace nnc

#endif // NNC_RUNTIME_MODELINSTANCE_H
