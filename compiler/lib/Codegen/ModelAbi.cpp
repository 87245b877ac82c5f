//===- ModelAbi.cpp - What a compiled model exposes to C ------------------===//
#include "nnc/Codegen/ModelAbi.h"
#include "nnc/Dialect/NN/NNInterfaces.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSwitch.h"

#include <cctype>

using namespace mlir;

namespace nnc {

int64_t TensorAbi::numel() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::string macroPrefix(const std::string &model) {
  std::string s;
  for (char c : model)
    s += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

namespace {

StringRef str(DictionaryAttr d, StringRef key) {
  if (!d)
    return {};
  if (auto s = d.getAs<StringAttr>(key))
    return s.getValue();
  return {};
}

TensorAbi tensorFrom(Type type, DictionaryAttr attrs) {
  auto t = cast<RankedTensorType>(type);
  TensorAbi abi;
  abi.name = str(attrs, "nn.name").str();
  abi.role = llvm::StringSwitch<TensorRole>(str(attrs, "nn.role"))
                 .Case("input", TensorRole::Input)
                 .Case("param", TensorRole::Param)
                 .Case("output", TensorRole::Output)
                 .Case("loss", TensorRole::Loss)
                 .Default(TensorRole::Grad);
  abi.dtype = t.getElementType().isF32() ? TensorDType::F32 : TensorDType::I32;
  abi.shape.assign(t.getShape().begin(), t.getShape().end());
  abi.initKind = llvm::StringSwitch<int32_t>(str(attrs, "nn.init"))
                     .Case("ones", 1)
                     .Case("const", 2)
                     .Case("normal", 3)
                     .Case("uniform", 4)
                     .Case("xavier", 5)
                     .Case("kaiming", 6)
                     .Default(0);
  if (attrs)
    if (auto a = attrs.getAs<ArrayAttr>("nn.init_args"); a && a.size() == 2) {
      abi.initA = cast<FloatAttr>(a[0]).getValueAsDouble();
      abi.initB = cast<FloatAttr>(a[1]).getValueAsDouble();
    }
  if (attrs)
    if (auto r = attrs.getAs<IntegerAttr>("nn.int_range"))
      abi.intRange = r.getInt();
  return abi;
}

/// Results other than the trailing run-time `status` a linalg-stage
/// function may carry (it becomes the return value, not a tensor).
unsigned numTensorResults(func::FuncOp fn) {
  unsigned n = fn.getNumResults();
  if (n > 0 && str(fn.getResultAttrDict(n - 1), "nn.role") == "status")
    --n;
  return n;
}

double flopsOf(func::FuncOp fn) {
  double flops = 0;
  fn.walk([&](nn::FlopCountOpInterface op) { flops += op.getFlopCount(); });
  return flops;
}

} // namespace

std::vector<ModelAbi> collectModelAbis(ModuleOp module) {
  std::vector<ModelAbi> models;
  llvm::StringMap<size_t> byName;
  for (auto fn : module.getOps<func::FuncOp>()) {
    auto kind = fn->getAttrOfType<StringAttr>("nn.kind");
    if (!kind || kind.getValue() != "forward")
      continue;
    ModelAbi m;
    m.name = fn->getAttrOfType<StringAttr>("nn.model").getValue().str();
    m.forward.symbol = fn.getSymName().str();
    m.forward.flops = flopsOf(fn);
    for (unsigned i = 0; i < fn.getNumArguments(); ++i) {
      m.forward.args.push_back(m.tensors.size());
      m.tensors.push_back(
          tensorFrom(fn.getArgumentTypes()[i], fn.getArgAttrDict(i)));
    }
    for (unsigned i = 0; i < numTensorResults(fn); ++i) {
      m.forward.args.push_back(m.tensors.size());
      m.tensors.push_back(
          tensorFrom(fn.getResultTypes()[i], fn.getResultAttrDict(i)));
    }
    byName[m.name] = models.size();
    models.push_back(std::move(m));
  }
  for (auto fn : module.getOps<func::FuncOp>()) {
    auto kind = fn->getAttrOfType<StringAttr>("nn.kind");
    if (!kind || kind.getValue() != "backward")
      continue;
    auto it = byName.find(fn->getAttrOfType<StringAttr>("nn.model").getValue());
    if (it == byName.end())
      continue;
    ModelAbi &m = models[it->second];
    FunctionAbi b;
    b.symbol = fn.getSymName().str();
    b.flops = flopsOf(fn);
    b.args = m.forward.args; // same inputs, params, outputs and loss
    // Results: the forward's outputs and loss, then the gradients.
    unsigned firstGrad = m.forward.args.size() - fn.getNumArguments();
    for (unsigned i = firstGrad; i < numTensorResults(fn); ++i) {
      TensorAbi g = tensorFrom(fn.getResultTypes()[i], fn.getResultAttrDict(i));
      StringRef of = str(fn.getResultAttrDict(i), "nn.grad_of");
      for (size_t t = 0; t < m.tensors.size(); ++t)
        if (m.tensors[t].name == of && (m.tensors[t].role == TensorRole::Input ||
                                        m.tensors[t].role == TensorRole::Param))
          g.gradOf = static_cast<int32_t>(t);
      b.args.push_back(m.tensors.size());
      m.tensors.push_back(std::move(g));
    }
    m.backward = std::move(b);
  }
  return models;
}

void setWorkspaceSizes(std::vector<ModelAbi> &models, ModuleOp lowered) {
  auto sizes = lowered->getAttrOfType<DictionaryAttr>("nn.workspace_bytes");
  if (!sizes)
    return;
  auto get = [&](const std::string &symbol) -> int64_t {
    if (auto a = sizes.getAs<IntegerAttr>(symbol))
      return a.getInt();
    return 0;
  };
  for (ModelAbi &m : models) {
    m.forward.workspaceBytes = get(m.forward.symbol);
    if (m.backward)
      m.backward->workspaceBytes = get(m.backward->symbol);
  }
}

} // namespace nnc
