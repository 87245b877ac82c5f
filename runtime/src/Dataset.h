//===- Dataset.h - Batches from a directory of .npy files ------*- C++ -*-===//
//
// `--data DIR` reads DIR/<input>.npy for every model input present there.
// All files hold the same number of samples S. How a sample maps onto the
// fixed-shape input (TOOLS.md, train):
//  - data rank == input rank + 1 and data.shape[1:] == input.shape: a sample
//    is one whole input (batch size 1);
//  - data rank == input rank: the batch axis b is the first axis whose
//    removal from input.shape gives data.shape[1:]; a step stacks
//    input.shape[b] samples along b (x[N,C,H,W] <- [S,C,H,W] uses b = 0,
//    ids[T,B] <- [S,T] uses b = 1).
// Every input takes the same sample indices, so batch sizes must agree.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_RUNTIME_DATASET_H
#define NNC_RUNTIME_DATASET_H

#include "ModelInstance.h"
#include "Random.h"
#include "Tensor.h"

#include <string>
#include <vector>

namespace nnc {

class Dataset {
public:
  /// Loads and checks the files; Error (exit 2) naming the file on a
  /// mismatch.
  Dataset(const ModelInstance &model, const std::string &dir);

  int64_t numSamples() const { return numSamples_; }
  int64_t batchSize() const { return batchSize_; }
  /// The batch axis of the first data input (-1 for whole samples): the
  /// axis along which outputs are most likely batched too.
  int primaryBatchAxis() const { return feeds_.front().batchAxis; }
  /// "x, label": the inputs read from the directory.
  std::string describeInputs(const ModelInstance &model) const;

  /// Copies the samples `indices[0..batchSize)` into the model's inputs.
  void loadBatch(ModelInstance &model, const int64_t *indices) const;

private:
  struct Feed {
    int inputIndex;
    std::string path;
    HostTensor data;
    int batchAxis; // -1: one sample is the whole input
    int64_t outer; // product of input dims before the batch axis
    int64_t inner; // product of input dims after the batch axis
    int64_t sampleElements;
  };
  std::vector<Feed> feeds_;
  int64_t numSamples_ = 0;
  int64_t batchSize_ = 0;
};

/// The sample indices of successive training steps: consecutive samples,
/// wrapping around; with shuffling, a fresh permutation at every pass.
class BatchSchedule {
public:
  BatchSchedule(int64_t numSamples, int64_t batchSize, bool shuffle,
                uint64_t seed);
  /// The indices of the next step (batchSize of them).
  const int64_t *next();

private:
  void reshuffle();

  std::vector<int64_t> order_, batch_;
  int64_t position_ = 0;
  bool shuffle_;
  Random random_;
};

} // namespace nnc

#endif // NNC_RUNTIME_DATASET_H
