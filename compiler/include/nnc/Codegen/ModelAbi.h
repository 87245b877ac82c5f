//===- ModelAbi.h - What a compiled model exposes to C ----------*- C++ -*-===//
//
// Read once from the nn-level functions (their types and nn.* attributes)
// and used to write both the C header and the descriptor table in the
// object, so the two cannot disagree (runtime/include/nnc_model_desc.h).
//
//===----------------------------------------------------------------------===//
#ifndef NNC_CODEGEN_MODELABI_H
#define NNC_CODEGEN_MODELABI_H

#include "mlir/IR/BuiltinOps.h"

#include <optional>
#include <string>
#include <vector>

namespace nnc {

enum class TensorRole { Input = 0, Param = 1, Output = 2, Loss = 3, Grad = 4 };
enum class TensorDType { F32 = 0, I32 = 1 };

struct TensorAbi {
  std::string name;
  TensorRole role;
  TensorDType dtype;
  std::vector<int64_t> shape;
  int32_t initKind = 0; // nnc_init_kind
  double initA = 0, initB = 0;
  int64_t intRange = 0;
  int32_t gradOf = -1;
  int64_t numel() const;
};

struct FunctionAbi {
  std::string symbol;           // "lenet_forward"
  std::vector<int32_t> args;    // tensor indices in argument-struct order
  int64_t workspaceBytes = 0;
  double flops = 0;
};

struct ModelAbi {
  std::string name;
  std::vector<TensorAbi> tensors; // inputs, params, outputs, loss, grads
  FunctionAbi forward;
  std::optional<FunctionAbi> backward;
};

/// Collects the ABI of every model in an nn-level module (after autodiff).
std::vector<ModelAbi> collectModelAbis(mlir::ModuleOp nnModule);

/// Fills the workspace sizes from a lowered module's `nn.workspace_bytes`.
void setWorkspaceSizes(std::vector<ModelAbi> &models, mlir::ModuleOp lowered);

/// A C identifier prefix for the model's macros: "lenet" -> "LENET".
std::string macroPrefix(const std::string &model);

} // namespace nnc

#endif // NNC_CODEGEN_MODELABI_H
