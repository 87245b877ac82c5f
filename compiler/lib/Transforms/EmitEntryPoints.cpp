//===- EmitEntryPoints.cpp - The C entry points of a model ----------------===//
//
// After convert-func-to-llvm with the bare-pointer convention a model
// function takes one pointer per tensor, the workspace pointer and one
// pointer per workspace buffer. The public entry point takes the argument
// struct and the workspace instead (TOOLS.md section 2;
// runtime/include/nnc_model_desc.h): it loads each tensor field, computes
// each buffer's address and calls the model function, which becomes
// private so LLVM inlines it.
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
      // Arguments: the tensors (fields of the args struct, in order), the
      // workspace, then buffers at fixed offsets in it.
      SmallVector<std::optional<int64_t>> offsets;
      int wsIndex = -1;
      for (unsigned i = 0; i < impl.getNumArguments(); ++i) {
        if (impl.getArgAttr(i, "nn.workspace"))
          wsIndex = i;
        auto off = impl.getArgAttrOfType<IntegerAttr>(i, "nn.workspace_offset");
        offsets.push_back(off ? std::optional<int64_t>(off.getInt())
                              : std::nullopt);
      }
      if (wsIndex < 0) {
        impl.emitError("model function without a workspace argument");
        return signalPassFailure();
      }
      impl.setSymName("__nnc_impl_" + name);
      impl.setLinkage(LLVM::Linkage::Internal);
      // The nn.* attributes have served; LLVM IR has no place for them.
      impl.setArgAttrsAttr(nullptr);
      impl.setResAttrsAttr(nullptr);
      // The ABI: every tensor and the workspace are distinct caller-owned
      // buffers, and workspace buffers never overlap. Telling LLVM lets it
      // keep accumulators in registers and vectorize without run-time
      // overlap checks.
      for (unsigned i = 0; i < impl.getNumArguments(); ++i)
        impl.setArgAttr(i, LLVM::LLVMDialect::getNoAliasAttrName(),
                        b.getUnitAttr());

      b.setInsertionPointAfter(impl);
      Location loc = impl.getLoc();
      auto type = LLVM::LLVMFunctionType::get(i32, {ptr, ptr});
      auto entry = b.create<LLVM::LLVMFuncOp>(loc, name, type);
      Block *block = entry.addEntryBlock(b);
      b.setInsertionPointToStart(block);
      Value args = block->getArgument(0), ws = block->getArgument(1);
      SmallVector<Value> operands;
      int32_t field = 0;
      for (unsigned i = 0; i < impl.getNumArguments(); ++i) {
        if (static_cast<int>(i) == wsIndex) {
          operands.push_back(ws);
        } else if (offsets[i]) {
          operands.push_back(b.create<LLVM::GEPOp>(
              loc, ptr, b.getI8Type(), ws,
              ArrayRef<LLVM::GEPArg>{static_cast<int32_t>(*offsets[i])}));
        } else {
          Value at = b.create<LLVM::GEPOp>(loc, ptr, ptr, args,
                                           ArrayRef<LLVM::GEPArg>{field++});
          operands.push_back(b.create<LLVM::LoadOp>(loc, ptr, at));
        }
      }
      auto call = b.create<LLVM::CallOp>(loc, impl, operands);
      b.create<LLVM::ReturnOp>(loc, call.getResult());
    }
  }
};

} // namespace
