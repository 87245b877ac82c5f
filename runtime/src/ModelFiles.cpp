//===- ModelFiles.cpp - Filling a model from defaults and files -----------===//
#include "ModelFiles.h"

#include "Error.h"
#include "Init.h"
#include "Npy.h"
#include "Safetensors.h"

#include <cstring>
#include <set>

namespace nnc {

std::vector<OptionSpec> fileOptionSpecs() {
  return {
      {"--params", "W.safetensors",
       "load params by name (any subset; others keep their init; "
       "repeatable, later files win)",
       true},
      {"--input", "NAME=FILE.npy", "load input NAME (repeatable)", true},
      {"--seed", "S", "seed of the default params and inputs (default 0)"},
  };
}

void loadModelValues(ModelInstance &model, const ParsedOptions &options) {
  uint64_t seed = options.getSeed("--seed");
  for (int i = 0; i < model.numTensors(); ++i) {
    const nnc_tensor_desc &t = model.tensor(i);
    if (t.role == NNC_ROLE_PARAM)
      initParam(t, seed, model.data(i));
    else if (t.role == NNC_ROLE_INPUT)
      initInput(t, seed, model.data(i));
  }
  for (const std::string &path : options.getAll("--params"))
    loadParamsFile(model, path);
  // Two files for one input would leave the choice to the order of flags;
  // all are parsed before any is read.
  std::set<std::string> given;
  for (const std::string &assignment : options.getAll("--input")) {
    std::string name = splitInputAssignment(assignment).first;
    if (!given.insert(name).second)
      failUsage("--input: '" + name + "' is given more than once");
  }
  for (const std::string &assignment : options.getAll("--input"))
    loadInputFile(model, assignment);
}

std::pair<std::string, std::string>
splitInputAssignment(const std::string &assignment) {
  size_t equals = assignment.find('=');
  if (equals == std::string::npos || equals == 0 ||
      equals + 1 == assignment.size())
    failUsage("--input: expected NAME=FILE.npy, got '" + assignment + "'");
  return {assignment.substr(0, equals), assignment.substr(equals + 1)};
}

void loadParamsFile(ModelInstance &model, const std::string &path) {
  SafetensorsFile file(path);
  for (const SafetensorsEntry &entry : file.entries()) {
    int index = model.find(entry.name);
    if (index < 0 || model.tensor(index).role != NNC_ROLE_PARAM) {
      std::string known;
      for (int param : model.withRole(NNC_ROLE_PARAM))
        known +=
            std::string(known.empty() ? "" : ", ") + model.tensor(param).name;
      failFile(path, "tensor '" + entry.name + "' is not a param of model '" +
                         model.name() + "' (params: " + known + ")");
    }
    const nnc_tensor_desc &param = model.tensor(index);
    Shape expected = shapeOf(param);
    if (entry.shape != expected)
      failFile(path, "param '" + entry.name + "' has shape " +
                         formatShape(entry.shape) + ", the model expects " +
                         formatShape(expected));
    if (entry.dtype != dtypeFromDesc(param.dtype))
      failFile(path, "param '" + entry.name + "' has dtype " +
                         dtypeName(entry.dtype) + ", the model expects " +
                         dtypeName(dtypeFromDesc(param.dtype)));
    file.read(entry, model.data(index));
  }
}

void checkIntRange(const nnc_tensor_desc &input, const int32_t *values,
                   int64_t count, const std::string &source) {
  if (input.int_range <= 0)
    return;
  for (int64_t i = 0; i < count; ++i)
    if (values[i] < 0 || values[i] >= input.int_range)
      failFile(source, "input '" + std::string(input.name) + "' element " +
                           std::to_string(i) + " is " +
                           std::to_string(values[i]) + ", outside [0, " +
                           std::to_string(input.int_range) + ")");
}

void loadInputFile(ModelInstance &model, const std::string &assignment) {
  auto [name, path] = splitInputAssignment(assignment);
  int index = model.find(name);
  if (index < 0 || model.tensor(index).role != NNC_ROLE_INPUT) {
    std::string known;
    for (int input : model.withRole(NNC_ROLE_INPUT))
      known +=
          std::string(known.empty() ? "" : ", ") + model.tensor(input).name;
    failUsage("--input: '" + name + "' is not an input of model '" +
              model.name() + "' (inputs: " + known + ")");
  }
  const nnc_tensor_desc &input = model.tensor(index);
  HostTensor tensor = readNpy(path);
  Shape expected = shapeOf(input);
  if (tensor.shape != expected)
    failFile(path, "input '" + name + "' has shape " +
                       formatShape(tensor.shape) + ", the model expects " +
                       formatShape(expected));
  if (tensor.dtype != dtypeFromDesc(input.dtype))
    failFile(path, "input '" + name + "' has dtype " + dtypeName(tensor.dtype) +
                       ", the model expects " +
                       dtypeName(dtypeFromDesc(input.dtype)));
  if (tensor.dtype == DType::I32)
    checkIntRange(input, tensor.buffer.asI32(), tensor.numel(), path);
  std::memcpy(model.data(index), tensor.buffer.data(), tensor.bytes());
}

void saveParams(const ModelInstance &model, const std::string &path) {
  std::vector<NamedTensor> tensors;
  for (int index : model.withRole(NNC_ROLE_PARAM)) {
    const nnc_tensor_desc &param = model.tensor(index);
    tensors.push_back({param.name, dtypeFromDesc(param.dtype), shapeOf(param),
                       model.data(index)});
  }
  writeSafetensors(path, tensors);
}

} // namespace nnc
