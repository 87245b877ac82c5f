//===- Dataset.cpp - Batches from a directory of .npy files ---------------===//
#include "Dataset.h"

#include "Error.h"
#include "FileIO.h"
#include "ModelFiles.h"
#include "Npy.h"

#include <cstring>
#include <numeric>

namespace nnc {

Dataset::Dataset(const ModelInstance &model, const std::string &dir) {
  if (!fileExists(dir))
    failFile(dir, "data directory does not exist");
  std::string firstPath;
  for (int index : model.withRole(NNC_ROLE_INPUT)) {
    const nnc_tensor_desc &input = model.tensor(index);
    std::string path = joinPath(dir, std::string(input.name) + ".npy");
    if (!fileExists(path))
      continue;
    Feed feed;
    feed.inputIndex = index;
    feed.path = path;
    feed.data = readNpy(path);
    const Shape &dataShape = feed.data.shape;
    Shape inputShape = shapeOf(input);

    if (feed.data.dtype != dtypeFromDesc(input.dtype))
      failFile(path, "dtype " + std::string(dtypeName(feed.data.dtype)) +
                         ", input '" + input.name + "' is " +
                         dtypeName(dtypeFromDesc(input.dtype)));
    if (dataShape.empty())
      failFile(path, "a 0-d array has no sample axis (input '" +
                         std::string(input.name) + "' has shape " +
                         formatShape(inputShape) + ")");
    Shape perSample(dataShape.begin() + 1, dataShape.end());
    feed.batchAxis = -2;
    if (perSample == inputShape) {
      feed.batchAxis = -1;
    } else if (dataShape.size() == inputShape.size()) {
      for (size_t b = 0; b < inputShape.size(); ++b) {
        Shape removed = inputShape;
        removed.erase(removed.begin() + b);
        if (removed == perSample) {
          feed.batchAxis = static_cast<int>(b);
          break;
        }
      }
    }
    if (feed.batchAxis == -2)
      failFile(path, "shape " + formatShape(dataShape) +
                         " does not batch into input '" + input.name +
                         "' of shape " + formatShape(inputShape) +
                         " (expected [S] + input shape, or input shape with "
                         "one axis replaced by a leading sample axis)");

    int64_t batch = feed.batchAxis < 0 ? 1 : inputShape[feed.batchAxis];
    feed.outer = 1;
    feed.inner = 1;
    for (int d = 0; d < feed.batchAxis; ++d)
      feed.outer *= inputShape[d];
    for (size_t d = feed.batchAxis + 1; d < inputShape.size(); ++d)
      feed.inner *= inputShape[d];
    if (feed.batchAxis < 0)
      feed.inner = input.numel;
    feed.sampleElements = feed.outer * feed.inner;

    if (feeds_.empty()) {
      numSamples_ = dataShape[0];
      batchSize_ = batch;
      firstPath = path;
      if (numSamples_ == 0)
        failFile(path, "has no samples (shape " + formatShape(dataShape) + ")");
    } else if (dataShape[0] != numSamples_) {
      failFile(path, "has " + std::to_string(dataShape[0]) + " samples but " +
                         firstPath + " has " + std::to_string(numSamples_));
    } else if (batch != batchSize_) {
      failFile(path, "batches " + std::to_string(batch) +
                         " samples per step "
                         "but " +
                         firstPath + " batches " + std::to_string(batchSize_));
    }
    if (feed.data.dtype == DType::I32)
      checkIntRange(input, feed.data.buffer.asI32(), feed.data.numel(), path);
    feeds_.push_back(std::move(feed));
  }
  if (feeds_.empty()) {
    std::string names;
    for (int index : model.withRole(NNC_ROLE_INPUT))
      names += std::string(names.empty() ? "" : ", ") +
               model.tensor(index).name + ".npy";
    failFile(dir, "holds none of the model's inputs (" + names + ")");
  }
}

std::string Dataset::describeInputs(const ModelInstance &model) const {
  std::string text;
  for (const Feed &feed : feeds_)
    text += std::string(text.empty() ? "" : ", ") +
            model.tensor(feed.inputIndex).name;
  return text;
}

void Dataset::loadBatch(ModelInstance &model, const int64_t *indices) const {
  for (const Feed &feed : feeds_) {
    auto *dst = static_cast<char *>(model.data(feed.inputIndex));
    const auto *src = static_cast<const char *>(feed.data.buffer.data());
    size_t innerBytes = static_cast<size_t>(feed.inner) * kElementBytes;
    // Input element (o, j, i) <- sample indices[j], element (o, i).
    for (int64_t j = 0; j < batchSize_; ++j) {
      const char *sample = src + indices[j] * feed.sampleElements *
                                     static_cast<int64_t>(kElementBytes);
      for (int64_t o = 0; o < feed.outer; ++o)
        std::memcpy(dst + (o * batchSize_ + j) * innerBytes,
                    sample + o * innerBytes, innerBytes);
    }
  }
}

BatchSchedule::BatchSchedule(int64_t numSamples, int64_t batchSize,
                             bool shuffle, uint64_t seed)
    : order_(numSamples), batch_(batchSize), shuffle_(shuffle),
      random_(Random::forName(seed, "batch-shuffle")) {
  std::iota(order_.begin(), order_.end(), 0);
  if (shuffle_)
    reshuffle();
}

void BatchSchedule::reshuffle() {
  for (size_t i = order_.size(); i > 1; --i)
    std::swap(order_[i - 1], order_[random_.below(i)]);
}

const int64_t *BatchSchedule::next() {
  for (int64_t &index : batch_) {
    index = order_[position_];
    if (++position_ == static_cast<int64_t>(order_.size())) {
      position_ = 0;
      if (shuffle_)
        reshuffle();
    }
  }
  return batch_.data();
}

} // namespace nnc
