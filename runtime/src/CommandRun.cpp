//===- CommandRun.cpp - `M run` -------------------------------------------===//
//
// One forward call on the given or default values; prints a summary of each
// output and the loss, writes DIR/<output>.npy (and DIR/loss.npy).
// With --data, runs every batch of a dataset and writes each output
// concatenated along its batch axis (S rows, the last batch padded by
// wrapping around and its extra rows dropped).
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "Dataset.h"
#include "Error.h"
#include "FileIO.h"
#include "Format.h"
#include "ModelFiles.h"
#include "Npy.h"

#include <cmath>
#include <cstdio>
#include <cstring>

namespace nnc {

namespace {

void printTensor(const ModelInstance &model, int index) {
  const nnc_tensor_desc &t = model.tensor(index);
  std::printf(
      "%s %s %s: %s\n", t.role == NNC_ROLE_LOSS ? "loss" : "output", t.name,
      formatShape(shapeOf(t)).c_str(),
      summarizeValues(dtypeFromDesc(t.dtype), model.data(index), t.numel)
          .c_str());
}

void writeTensor(const ModelInstance &model, int index, const std::string &dir,
                 const std::string &fileName) {
  const nnc_tensor_desc &t = model.tensor(index);
  std::string path = joinPath(dir, fileName);
  writeNpy(path, dtypeFromDesc(t.dtype), shapeOf(t), model.data(index));
  std::printf("wrote %s\n", path.c_str());
}

/// The axis of `output` that holds the batch: the dataset's batch axis when
/// the output has the batch size there, else the first axis that does.
int outputBatchAxis(const nnc_tensor_desc &output, int preferredAxis,
                    int64_t batchSize) {
  if (preferredAxis >= 0 && preferredAxis < output.rank &&
      output.shape[preferredAxis] == batchSize)
    return preferredAxis;
  for (int axis = 0; axis < output.rank; ++axis)
    if (output.shape[axis] == batchSize)
      return axis;
  return -1;
}

int runOverDataset(ModelInstance &model, const std::string &dataDir,
                   const std::string &outDir) {
  Dataset dataset(model, dataDir);
  int64_t samples = dataset.numSamples(), batch = dataset.batchSize();
  int64_t numBatches = (samples + batch - 1) / batch;

  // One result buffer per output, shaped like the output with its batch
  // axis (or a new leading axis for whole-sample data) extended to S.
  struct Gathered {
    int index, axis;
    int64_t outer, inner;
    Shape shape;
    AlignedBuffer buffer;
  };
  std::vector<Gathered> gathered;
  for (int index : model.withRole(NNC_ROLE_OUTPUT)) {
    const nnc_tensor_desc &t = model.tensor(index);
    Gathered g;
    g.index = index;
    g.shape = shapeOf(t);
    if (dataset.primaryBatchAxis() < 0) {
      g.axis = 0;
      g.outer = 1;
      g.inner = t.numel;
      g.shape.insert(g.shape.begin(), samples);
    } else {
      g.axis = outputBatchAxis(t, dataset.primaryBatchAxis(), batch);
      if (g.axis < 0)
        failUsage("run --data: output '" + std::string(t.name) + "' " +
                  formatShape(shapeOf(t)) + " has no axis of the batch size " +
                  std::to_string(batch) + ", cannot concatenate it");
      g.outer = 1;
      g.inner = 1;
      for (int d = 0; d < g.axis; ++d)
        g.outer *= t.shape[d];
      for (int d = g.axis + 1; d < t.rank; ++d)
        g.inner *= t.shape[d];
      g.shape[g.axis] = samples;
    }
    int64_t numel = 1;
    for (int64_t dim : g.shape)
      numel *= dim;
    g.buffer = AlignedBuffer(static_cast<size_t>(numel) * kElementBytes);
    gathered.push_back(std::move(g));
  }

  std::vector<int64_t> indices(batch);
  double lossSum = 0;
  for (int64_t b = 0; b < numBatches; ++b) {
    for (int64_t j = 0; j < batch; ++j)
      indices[j] = (b * batch + j) % samples;
    dataset.loadBatch(model, indices.data());
    model.forward();
    lossSum += model.loss();
    int64_t rows = std::min(batch, samples - b * batch);
    for (Gathered &g : gathered) {
      // Whole-sample data: the entire output is one row.
      int64_t rowBatch = dataset.primaryBatchAxis() < 0 ? 1 : batch;
      size_t rowBytes = static_cast<size_t>(g.inner) * kElementBytes;
      auto *dst = static_cast<char *>(g.buffer.data());
      auto *src = static_cast<const char *>(model.data(g.index));
      for (int64_t o = 0; o < g.outer; ++o)
        for (int64_t j = 0; j < rows; ++j)
          std::memcpy(dst + (o * samples + b * batch + j) * rowBytes,
                      src + (o * rowBatch + j) * rowBytes, rowBytes);
    }
  }

  std::printf("ran %lld batches of %lld over %lld samples from %s (%s)\n",
              static_cast<long long>(numBatches), static_cast<long long>(batch),
              static_cast<long long>(samples), dataDir.c_str(),
              dataset.describeInputs(model).c_str());
  createDirectories(outDir);
  for (Gathered &g : gathered) {
    const nnc_tensor_desc &t = model.tensor(g.index);
    int64_t numel = 1;
    for (int64_t dim : g.shape)
      numel *= dim;
    std::printf("output %s %s: %s\n", t.name, formatShape(g.shape).c_str(),
                summarizeValues(dtypeFromDesc(t.dtype), g.buffer.data(), numel)
                    .c_str());
    std::string path = joinPath(outDir, std::string(t.name) + ".npy");
    writeNpy(path, dtypeFromDesc(t.dtype), g.shape, g.buffer.data());
    std::printf("wrote %s\n", path.c_str());
  }
  if (model.lossIndex() >= 0) {
    // The loss is whatever scalar the model computes per batch; with a
    // padded last batch its average counts the repeated samples too.
    int64_t repeated = numBatches * batch - samples;
    std::printf("mean loss over %lld batches: %s%s\n",
                static_cast<long long>(numBatches),
                formatNumber(lossSum / double(numBatches), 8).c_str(),
                repeated > 0
                    ? (" (the last batch repeats " + std::to_string(repeated) +
                       " samples from the start)")
                          .c_str()
                    : "");
  }
  return 0;
}

int runRun(const CommandContext &context) {
  ModelInstance model(context.model);
  loadModelValues(model, context.options);
  std::string outDir = context.options.getString("--out", ".");
  if (context.options.has("--data"))
    return runOverDataset(model, context.options.get("--data"), outDir);

  model.forward();
  createDirectories(outDir);
  if (context.options.has("--save-inputs"))
    for (int index : model.withRole(NNC_ROLE_INPUT))
      writeTensor(model, index, outDir,
                  std::string(model.tensor(index).name) + ".npy");
  for (int index : model.withRole(NNC_ROLE_OUTPUT)) {
    printTensor(model, index);
    writeTensor(model, index, outDir,
                std::string(model.tensor(index).name) + ".npy");
  }
  if (model.lossIndex() >= 0) {
    printTensor(model, model.lossIndex());
    writeTensor(model, model.lossIndex(), outDir, "loss.npy");
  }
  return 0;
}

} // namespace

Command runCommand() {
  std::vector<OptionSpec> options = fileOptionSpecs();
  options.push_back({"--out", "DIR",
                     "write DIR/<output>.npy and DIR/loss.npy (default ., "
                     "created when missing)"});
  options.push_back({"--data", "DIR",
                     "run every batch of DIR/<input>.npy (as train --data) "
                     "and write the outputs concatenated along the batch "
                     "axis"});
  options.push_back({"--save-inputs", "",
                     "also write DIR/<input>.npy of the inputs used (e.g. "
                     "the defaults)"});
  return {"run",
          "[FILES] [--out DIR] [--data DIR] [--save-inputs]",
          "forward: print and write the outputs (and the loss)",
          "Runs the forward function once on the params and inputs (FILES or "
          "the\nembedded default), prints each output (shape, first values, "
          "min/max/mean)\nand the loss, and writes DIR/<output>.npy and, when "
          "the model has a loss,\nDIR/loss.npy (a 0-d array).",
          options,
          runRun};
}

} // namespace nnc
