//===- EmitEntryPoints.cpp - The C entry points of a model ----------------===//
//
// After convert-func-to-llvm with the bare-pointer convention a model
// function takes one pointer per tensor and the workspace pointer. The
// public entry point takes the argument struct instead (TOOLS.md section 2;
// runtime/include/nnc_model_desc.h): it loads each field and calls the
// model function, which becomes private so LLVM inlines it.
//
//===----------------------------------------------------------------------===//
#include "nnc/Transforms/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace nnc {
#define GEN_PASS_DEF_EMITENTRYPOINTS
#include "nnc/Transforms/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

struct EmitEntryPointsPass
    : nnc::impl::EmitEntryPointsBase<EmitEntryPointsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto sizes = module->getAttrOfType<DictionaryAttr>("nn.workspace_bytes");
    if (!sizes)
      return;
    SmallVector<LLVM::LLVMFuncOp> models;
    for (auto fn : module.getOps<LLVM::LLVMFuncOp>())
      if (sizes.get(fn.getSymName()) && !fn.isExternal())
        models.push_back(fn);

    OpBuilder b(module.getContext());
    auto ptr = LLVM::LLVMPointerType::get(b.getContext());
    auto i32 = b.getI32Type();
    for (LLVM::LLVMFuncOp impl : models) {
      std::string name = impl.getSymName().str();
      unsigned numTensors = impl.getNumArguments() - 1;
      impl.setSymName("__nnc_impl_" + name);
      // The nn.* attributes have served; LLVM IR has no place for them.
      impl.setArgAttrsAttr(nullptr);
      impl.setResAttrsAttr(nullptr);
      // The ABI: every tensor and the workspace are distinct caller-owned
      // buffers. Telling LLVM lets it keep accumulators in registers and
      // vectorize without run-time overlap checks.
      for (unsigned i = 0; i < impl.getNumArguments(); ++i)
        impl.setArgAttr(i, LLVM::LLVMDialect::getNoAliasAttrName(),
                        b.getUnitAttr());
      impl.setLinkage(LLVM::Linkage::Internal);

      b.setInsertionPointAfter(impl);
      auto type = LLVM::LLVMFunctionType::get(i32, {ptr, ptr});
      auto entry = b.create<LLVM::LLVMFuncOp>(impl.getLoc(), name, type);
      Block *block = entry.addEntryBlock(b);
      b.setInsertionPointToStart(block);
      Value args = block->getArgument(0), ws = block->getArgument(1);
      SmallVector<Value> operands;
      for (unsigned i = 0; i < numTensors; ++i) {
        Value field = b.create<LLVM::GEPOp>(
            impl.getLoc(), ptr, ptr, args,
            ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(i)});
        operands.push_back(b.create<LLVM::LoadOp>(impl.getLoc(), ptr, field));
      }
      operands.push_back(ws);
      auto call = b.create<LLVM::CallOp>(impl.getLoc(), impl, operands);
      b.create<LLVM::ReturnOp>(impl.getLoc(), call.getResult());
    }
  }
};

} // namespace
