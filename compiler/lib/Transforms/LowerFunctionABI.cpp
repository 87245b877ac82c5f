//===- LowerFunctionABI.cpp - Model functions get the C ABI ---------------===//
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

bool isStatus(func::FuncOp fn, unsigned result) {
  auto role = dyn_cast_or_null<StringAttr>(fn.getResultAttr(result, "nn.role"));
  return role && role.getValue() == "status";
}

LogicalResult lowerFunction(func::FuncOp fn) {
  OpBuilder b(fn.getContext());
  Block &entry = fn.getBody().front();
  unsigned numArgs = fn.getNumArguments();
  // A trailing status result (folded run-time checks) becomes the return
  // value; the other results become output buffers.
  bool hasStatus =
      fn.getNumResults() > 0 && isStatus(fn, fn.getNumResults() - 1);
  unsigned numOutputs = fn.getNumResults() - (hasStatus ? 1 : 0);

  // Arguments: the tensors in, then the results out, then the workspace.
  SmallVector<Type> argTypes;
  SmallVector<DictionaryAttr> argAttrs;
  for (unsigned i = 0; i < numArgs; ++i) {
    argTypes.push_back(memrefFor(fn.getArgumentTypes()[i]));
    argAttrs.push_back(fn.getArgAttrDict(i));
  }
  for (unsigned i = 0; i < numOutputs; ++i) {
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
  for (unsigned i = 0; i < numOutputs; ++i)
    b.create<bufferization::MaterializeInDestinationOp>(
        ret.getLoc(), TypeRange{}, ret.getOperand(i), outs[i],
        /*restrict=*/true, /*writable=*/true);
  Value status =
      hasStatus ? b.create<tensor::ExtractOp>(ret.getLoc(),
                                              ret.getOperands().back(),
                                              ValueRange{})
                      .getResult()
                : b.create<arith::ConstantIntOp>(ret.getLoc(), 0, 32)
                      .getResult();
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
    for (auto fn : getOperation().getOps<func::FuncOp>()) {
      if (!fn->hasAttr("nn.kind") || fn.isExternal())
        continue;
      if (failed(lowerFunction(fn)))
        return signalPassFailure();
    }
  }
};

} // namespace
