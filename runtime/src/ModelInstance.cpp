//===- ModelInstance.cpp - A model's buffers, ready to call ---------------===//
#include "ModelInstance.h"

#include "Error.h"
#include "Format.h"

#include <algorithm>
#include <cstring>
#include <set>
#include <unistd.h>

namespace nnc {

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "file formats are little-endian and read without swapping");

ModelInstance::ModelInstance(const nnc_model_desc &desc, Storage storage)
    : desc_(desc) {
  validate();
  for (int i = 0; i < desc.num_tensors; ++i) {
    if (tensor(i).role == NNC_ROLE_LOSS && lossIndex_ < 0)
      lossIndex_ = i;
    if (tensor(i).role == NNC_ROLE_GRAD)
      gradIndices_.push_back(i);
  }
  if (storage == Storage::DescriptorOnly)
    return;
  // Touching more memory than the machine has would end in the OOM killer,
  // not in a message.
  int64_t physical =
      int64_t(sysconf(_SC_PHYS_PAGES)) * int64_t(sysconf(_SC_PAGE_SIZE));
  if (physical > 0 && memoryBytes() > physical)
    failCheck("model '" + name() + "' needs " + formatBytes(memoryBytes()) +
              " for its tensors and workspace; this machine has " +
              formatBytes(physical) + " of memory");
  buffers_.reserve(desc.num_tensors);
  for (int i = 0; i < desc.num_tensors; ++i)
    buffers_.emplace_back(bytes(i));
  for (int i = 0; i < desc.forward.num_args; ++i)
    forwardArgs_.push_back(data(desc.forward.args[i]));
  if (hasBackward())
    for (int i = 0; i < desc.backward.num_args; ++i)
      backwardArgs_.push_back(data(desc.backward.args[i]));
  workspace_ = AlignedBuffer(static_cast<size_t>(workspaceBytes()));
}

void ModelInstance::validate() const {
  auto bad = [](const std::string &problem) {
    failUsage("invalid model descriptor: " + problem);
  };
  if (desc_.abi_version != NNC_ABI_VERSION)
    bad("ABI version " + std::to_string(desc_.abi_version) +
        ", this runtime implements " + std::to_string(NNC_ABI_VERSION));
  if (!desc_.name || desc_.num_tensors < 0 ||
      (desc_.num_tensors > 0 && !desc_.tensors))
    bad("missing name or tensor table");
  std::set<std::string> names;
  for (int i = 0; i < desc_.num_tensors; ++i) {
    const nnc_tensor_desc &t = tensor(i);
    if (!t.name || !names.insert(t.name).second)
      bad("tensor " + std::to_string(i) + " has no name or a duplicate one");
    if (t.role < NNC_ROLE_INPUT || t.role > NNC_ROLE_GRAD ||
        (t.dtype != NNC_DTYPE_F32 && t.dtype != NNC_DTYPE_I32) || t.rank < 0 ||
        t.rank > 32 || (t.rank > 0 && !t.shape))
      bad(std::string("tensor '") + t.name + "' has a bad role/dtype/rank");
    if (t.numel > (int64_t(1) << 40))
      failUsage(std::string("tensor '") + t.name + "' has " +
                std::to_string(t.numel) +
                " elements: more than this runtime can allocate (2^40)");
    if (checkedNumel(shapeOf(t), int64_t(1) << 40) != t.numel)
      bad(std::string("tensor '") + t.name + "': numel disagrees with shape");
    if (t.role == NNC_ROLE_LOSS && t.dtype != NNC_DTYPE_F32)
      bad(std::string("loss '") + t.name + "' is not f32");
    if (t.role == NNC_ROLE_GRAD) {
      if (t.grad_of < 0 || t.grad_of >= desc_.num_tensors ||
          shapeOf(tensor(t.grad_of)) != shapeOf(t) ||
          t.dtype != NNC_DTYPE_F32 || tensor(t.grad_of).dtype != NNC_DTYPE_F32)
        bad(std::string("gradient '") + t.name + "' has a bad grad_of");
    }
  }
  auto checkFunction = [&](const nnc_function_desc &fn, const char *which) {
    if (!fn.fn)
      bad(std::string(which) + " function is missing");
    if (fn.num_args < 0 || (fn.num_args > 0 && !fn.args) ||
        fn.workspace_bytes < 0)
      bad(std::string(which) + " function has a bad args table");
    for (int i = 0; i < fn.num_args; ++i)
      if (fn.args[i] < 0 || fn.args[i] >= desc_.num_tensors)
        bad(std::string(which) + " function: argument index out of range");
  };
  checkFunction(desc_.forward, "forward");
  if (desc_.backward.fn)
    checkFunction(desc_.backward, "backward");
}

int ModelInstance::find(const std::string &name) const {
  for (int i = 0; i < numTensors(); ++i)
    if (name == tensor(i).name)
      return i;
  return -1;
}

std::vector<int> ModelInstance::withRole(nnc_role role) const {
  std::vector<int> indices;
  for (int i = 0; i < numTensors(); ++i)
    if (tensor(i).role == role)
      indices.push_back(i);
  return indices;
}

int32_t ModelInstance::callForward() {
  return desc_.forward.fn(forwardArgs_.data(), workspace_.data());
}

int32_t ModelInstance::callBackward() {
  // The ABI does not say whether gradients are overwritten or accumulated;
  // start from zero so both conventions give the gradient of this call.
  for (int index : gradIndices_)
    std::memset(data(index), 0, bytes(index));
  return desc_.backward.fn(backwardArgs_.data(), workspace_.data());
}

void ModelInstance::checkStatus(const nnc_function_desc &fn,
                                int32_t status) const {
  if (status == NNC_STATUS_OK)
    return;
  std::string what = status == NNC_STATUS_INDEX_OUT_OF_RANGE
                         ? "index out of range: an embedding id or class "
                           "label is outside its valid range"
                         : "unknown status";
  failCheck(std::string(fn.name ? fn.name : "model function") +
            " failed with status " + std::to_string(status) + " (" + what +
            ")");
}

void ModelInstance::forward() { checkStatus(desc_.forward, callForward()); }

void ModelInstance::requireBackward(const std::string &purpose) const {
  if (hasBackward())
    return;
  if (lossIndex_ >= 0)
    failUsage("model '" + name() +
              "' was compiled without its backward "
              "function (nnc --no-backward), " +
              purpose);
  failUsage("model '" + name() + "' has no loss, " + purpose);
}

void ModelInstance::backward() {
  requireBackward("so no backward function");
  checkStatus(desc_.backward, callBackward());
}

double ModelInstance::loss() const {
  if (lossIndex_ < 0)
    return 0;
  double sum = 0;
  for (int64_t i = 0; i < tensor(lossIndex_).numel; ++i)
    sum += f32(lossIndex_)[i];
  return sum;
}

int64_t ModelInstance::workspaceBytes() const {
  return hasBackward() ? std::max(desc_.forward.workspace_bytes,
                                  desc_.backward.workspace_bytes)
                       : desc_.forward.workspace_bytes;
}

int64_t ModelInstance::memoryBytes() const {
  int64_t total = workspaceBytes();
  for (int i = 0; i < numTensors(); ++i)
    total += int64_t(bytes(i));
  return total;
}

int64_t ModelInstance::paramCount() const {
  int64_t count = 0;
  for (int index : withRole(NNC_ROLE_PARAM))
    count += tensor(index).numel;
  return count;
}

} // namespace nnc
