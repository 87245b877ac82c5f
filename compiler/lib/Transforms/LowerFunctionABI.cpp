//===- LowerFunctionABI.cpp - Model functions get the C ABI ---------------===//
#include "nnc/Dialect/NN/NNOps.h"
#include "nnc/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"

namespace nnc {
#define GEN_PASS_DEF_LOWERFUNCTIONABI
#include "nnc/Transforms/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

MemRefType memrefFor(Type tensor) {
  auto t = cast<RankedTensorType>(tensor);
  return MemRefType::get(t.getShape(), t.getElementType());
}

LogicalResult lowerFunction(func::FuncOp fn) {
  OpBuilder b(fn.getContext());
  Block &entry = fn.getBody().front();
  unsigned numArgs = fn.getNumArguments();
  unsigned numResults = fn.getNumResults();

  // Arguments: the tensors in, then the results out, then the workspace.
  SmallVector<Type> argTypes;
  SmallVector<DictionaryAttr> argAttrs;
  for (unsigned i = 0; i < numArgs; ++i) {
    argTypes.push_back(memrefFor(fn.getArgumentTypes()[i]));
    argAttrs.push_back(fn.getArgAttrDict(i));
  }
  for (unsigned i = 0; i < numResults; ++i) {
    argTypes.push_back(memrefFor(fn.getResultTypes()[i]));
    argAttrs.push_back(fn.getResultAttrDict(i));
  }
  // A placeholder size; nnc-assign-workspace sets the real one.
  argTypes.push_back(MemRefType::get({0}, b.getI8Type()));
  argAttrs.push_back(
      b.getDictionaryAttr(b.getNamedAttr("nn.workspace", b.getUnitAttr())));

  b.setInsertionPointToStart(&entry);
  for (unsigned i = 0; i < numArgs; ++i) {
    BlockArgument arg = entry.getArgument(i);
    Type tensorType = arg.getType();
    arg.setType(argTypes[i]);
    // Inputs are read-only and alias nothing else the function touches.
    auto toTensor = b.create<bufferization::ToTensorOp>(
        fn.getLoc(), tensorType, arg, /*restrict=*/true, /*writable=*/false);
    arg.replaceAllUsesExcept(toTensor, toTensor);
  }
  SmallVector<Value> outs;
  for (unsigned i = numArgs; i < argTypes.size(); ++i)
    outs.push_back(entry.addArgument(argTypes[i], fn.getLoc()));

  // Results are written into the caller's buffers.
  auto ret = cast<func::ReturnOp>(entry.getTerminator());
  b.setInsertionPoint(ret);
  for (auto [value, dest] : llvm::zip(ret.getOperands(), outs)) {
    b.create<bufferization::MaterializeInDestinationOp>(
        ret.getLoc(), TypeRange{}, value, dest, /*restrict=*/true,
        /*writable=*/true);
  }

  // Fold the run-time checks into the status result: nn.runtime_check ops
  // (hand-written IR) and their form after nn-to-linalg, calls of
  // @__nnc_runtime_check(failed, code).
  Value status = b.create<arith::ConstantIntOp>(ret.getLoc(), 0, 32);
  SmallVector<Operation *> checks;
  fn.walk([&](Operation *op) {
    if (isa<nnc::nn::RuntimeCheckOp>(op))
      checks.push_back(op);
    else if (auto call = dyn_cast<func::CallOp>(op);
             call && call.getCallee() == nnc::kRuntimeCheckFunction)
      checks.push_back(op);
  });
  for (Operation *check : checks) {
    if (check->getParentOp() != fn)
      return check->emitError("run-time check nested in a region");
    Value code;
    if (auto op = dyn_cast<nnc::nn::RuntimeCheckOp>(check)) {
      code = b.create<arith::ConstantIntOp>(check->getLoc(), op.getCode(), 32);
    } else {
      if (check->getNumOperands() != 2 ||
          !isa<RankedTensorType>(check->getOperand(0).getType()) ||
          !check->getOperand(1).getType().isInteger(32))
        return check->emitError("a run-time check takes (tensor<i1>, i32)");
      code = check->getOperand(1);
    }
    Value failed = b.create<tensor::ExtractOp>(
        check->getLoc(), check->getOperand(0), ValueRange{});
    status = b.create<arith::SelectOp>(check->getLoc(), failed, code, status);
    check->erase();
  }
  b.create<func::ReturnOp>(ret.getLoc(), status);
  ret.erase();

  fn.setFunctionType(b.getFunctionType(argTypes, b.getI32Type()));
  fn.setAllArgAttrs(argAttrs);
  fn.setAllResultAttrs(ArrayRef<DictionaryAttr>{});
  return success();
}

struct LowerFunctionABIPass
    : nnc::impl::LowerFunctionABIBase<LowerFunctionABIPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (auto fn : module.getOps<func::FuncOp>()) {
      if (!fn->hasAttr("nn.kind") || fn.isExternal())
        continue;
      if (failed(lowerFunction(fn)))
        return signalPassFailure();
    }
    // Every check is folded: the declaration must not reach the object.
    if (auto decl = module.lookupSymbol<func::FuncOp>(
            nnc::kRuntimeCheckFunction);
        decl && decl.isExternal() &&
        SymbolTable::symbolKnownUseEmpty(decl, module))
      decl.erase();
  }
};

} // namespace
