//===- CommandGrad.cpp - `M grad` -----------------------------------------===//
//
// One forward + backward call; writes the outputs, DIR/loss.npy (0-d) and
// DIR/grad_<name>.npy for every gradient.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "Error.h"
#include "FileIO.h"
#include "Format.h"
#include "ModelFiles.h"
#include "Npy.h"

#include <cmath>
#include <cstdio>

namespace nnc {

static int runGrad(const CommandContext &context) {
  ModelInstance model(context.model);
  model.requireBackward("so no gradients to compute");
  loadModelValues(model, context.options);
  std::string outDir = context.options.getString("--out", ".");
  model.backward();
  createDirectories(outDir);

  auto write = [&](int index, const std::string &fileName) {
    const nnc_tensor_desc &t = model.tensor(index);
    std::string path = joinPath(outDir, fileName);
    writeNpy(path, dtypeFromDesc(t.dtype), shapeOf(t), model.data(index));
  };
  for (int index : model.withRole(NNC_ROLE_OUTPUT))
    write(index, std::string(model.tensor(index).name) + ".npy");
  write(model.lossIndex(), "loss.npy");
  std::printf("loss %s: %s\n", model.tensor(model.lossIndex()).name,
              formatNumber(model.loss(), 8).c_str());
  for (int index : model.withRole(NNC_ROLE_GRAD)) {
    const nnc_tensor_desc &t = model.tensor(index);
    double sumOfSquares = 0;
    for (int64_t i = 0; i < t.numel; ++i)
      sumOfSquares += double(model.f32(index)[i]) * model.f32(index)[i];
    std::printf(
        "%s %s: norm %s %s\n", t.name, formatShape(shapeOf(t)).c_str(),
        formatNumber(std::sqrt(sumOfSquares), 6).c_str(),
        summarizeValues(DType::F32, model.data(index), t.numel).c_str());
    // Named after the differentiated tensor, whatever the descriptor calls
    // the gradient.
    write(index, "grad_" + std::string(model.tensor(t.grad_of).name) + ".npy");
  }
  std::printf("wrote outputs, loss.npy and %zu gradients to %s\n",
              model.withRole(NNC_ROLE_GRAD).size(), outDir.c_str());
  return 0;
}

Command gradCommand() {
  std::vector<OptionSpec> options = fileOptionSpecs();
  options.push_back(
      {"--out", "DIR", "output directory (default ., created when missing)"});
  return {"grad",
          "[FILES] [--out DIR]",
          "forward + backward: write the loss and every gradient",
          "Runs the backward function (forward + gradients) once and writes "
          "DIR/<output>.npy\nper output, DIR/loss.npy (a 0-d array) and "
          "DIR/grad_<name>.npy per gradient\n(wrt the f32 inputs and the "
          "params).",
          options,
          runGrad};
}

} // namespace nnc
