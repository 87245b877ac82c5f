//===- CommandInfo.cpp - `M info` -----------------------------------------===//
//
// Lists every tensor of the descriptor (role, name, dtype, shape, and the
// init / value range / differentiated tensor where it applies), the param
// count, the FLOPs and workspace of each function.
//
//===----------------------------------------------------------------------===//
#include "Commands.h"
#include "Format.h"
#include "Init.h"
#include "ModelInstance.h"

#include <algorithm>
#include <cstdio>

namespace nnc {

static const char *roleName(int32_t role) {
  switch (role) {
  case NNC_ROLE_INPUT:
    return "input";
  case NNC_ROLE_PARAM:
    return "param";
  case NNC_ROLE_OUTPUT:
    return "output";
  case NNC_ROLE_LOSS:
    return "loss";
  case NNC_ROLE_GRAD:
    return "grad";
  }
  return "?";
}

static std::string describeExtra(const ModelInstance &model,
                                 const nnc_tensor_desc &t) {
  switch (t.role) {
  case NNC_ROLE_PARAM: {
    std::string init = initKindName(t.init_kind);
    if (t.init_kind == NNC_INIT_CONST)
      init += "(" + formatNumber(t.init_a) + ")";
    else if (t.init_kind == NNC_INIT_NORMAL)
      init += "(std=" + formatNumber(t.init_a) + ")";
    else if (t.init_kind == NNC_INIT_UNIFORM)
      init +=
          "(" + formatNumber(t.init_a) + ", " + formatNumber(t.init_b) + ")";
    return "init " + init;
  }
  case NNC_ROLE_INPUT:
    if (t.dtype == NNC_DTYPE_I32)
      return t.int_range > 0
                 ? "values in [0, " + std::to_string(t.int_range) + ")"
                 : "value range unknown";
    return "";
  case NNC_ROLE_GRAD:
    return std::string("d loss / d ") + model.tensor(t.grad_of).name;
  }
  return "";
}

static void printFunction(const char *label, const nnc_function_desc &fn) {
  std::printf("%s %s: %s per call, workspace %s\n", label,
              fn.name ? fn.name : "?", formatFlops(fn.flops).c_str(),
              formatBytes(fn.workspace_bytes).c_str());
}

static int runInfo(const CommandContext &context) {
  // Describes without allocating: info works for models too large to run.
  ModelInstance model(context.model, ModelInstance::Storage::DescriptorOnly);
  std::printf("model %s\n", model.name().c_str());
  size_t nameWidth = 4, shapeWidth = 5;
  for (int i = 0; i < model.numTensors(); ++i) {
    nameWidth = std::max(nameWidth, std::string(model.tensor(i).name).size());
    shapeWidth =
        std::max(shapeWidth, formatShape(shapeOf(model.tensor(i))).size());
  }
  std::printf("  %-6s  %-*s  %-5s  %-*s\n", "role", int(nameWidth), "name",
              "dtype", int(shapeWidth), "shape");
  for (int i = 0; i < model.numTensors(); ++i) {
    const nnc_tensor_desc &t = model.tensor(i);
    std::string extra = describeExtra(model, t);
    std::printf("  %-6s  %-*s  %-5s  %-*s%s%s\n", roleName(t.role),
                int(nameWidth), t.name, dtypeName(dtypeFromDesc(t.dtype)),
                int(shapeWidth), formatShape(shapeOf(t)).c_str(),
                extra.empty() ? "" : "  ", extra.c_str());
  }
  int64_t paramBytes = model.paramCount() * int64_t(kElementBytes);
  std::printf("params: %lld (%s)\n", static_cast<long long>(model.paramCount()),
              formatBytes(paramBytes).c_str());
  printFunction("forward: ", context.model.forward);
  if (model.hasBackward())
    printFunction("backward:", context.model.backward);
  else
    std::printf(model.lossIndex() >= 0
                    ? "backward: none (compiled with nnc --no-backward)\n"
                    : "backward: none (the model has no loss)\n");
  std::printf("workspace: %s\n", formatBytes(model.workspaceBytes()).c_str());
  std::printf("memory: %s for tensors and workspace\n",
              formatBytes(model.memoryBytes()).c_str());
  return 0;
}

Command infoCommand() {
  return {"info",
          "",
          "describe the model: tensors, param count, FLOPs, workspace",
          "Lists every input, param, output, loss and gradient by name with "
          "its role,\ndtype and shape; the total param count; the estimated "
          "FLOPs of one forward\nand one backward call (the backward call "
          "includes the forward); the\nworkspace bytes the runtime "
          "allocates.",
          {},
          runInfo};
}

} // namespace nnc
