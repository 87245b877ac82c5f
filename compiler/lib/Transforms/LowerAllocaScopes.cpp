//===- LowerAllocaScopes.cpp - alloca scopes before scf-to-cf -------------===//
#include "nnc/Transforms/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"

namespace nnc {
#define GEN_PASS_DEF_LOWERALLOCASCOPES
#include "nnc/Transforms/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

struct LowerAllocaScopesPass
    : nnc::impl::LowerAllocaScopesBase<LowerAllocaScopesPass> {
  void runOnOperation() override {
    SmallVector<memref::AllocaScopeOp> scopes;
    getOperation()->walk([&](memref::AllocaScopeOp s) { scopes.push_back(s); });
    IRRewriter rewriter(&getContext());
    auto ptr = LLVM::LLVMPointerType::get(&getContext());
    // Innermost first (post-order walk), so nested scopes are handled.
    for (memref::AllocaScopeOp scope : scopes) {
      Block &body = scope.getBodyRegion().front();
      auto ret = cast<memref::AllocaScopeReturnOp>(body.getTerminator());
      bool hasAlloca = false;
      scope.getBodyRegion().walk([&](memref::AllocaOp) { hasAlloca = true; });
      rewriter.setInsertionPoint(scope);
      Value saved;
      if (hasAlloca)
        saved = rewriter.create<LLVM::StackSaveOp>(scope.getLoc(), ptr);
      SmallVector<Value> results(ret.getResults());
      rewriter.inlineBlockBefore(&body, scope);
      rewriter.eraseOp(ret);
      if (hasAlloca)
        rewriter.create<LLVM::StackRestoreOp>(scope.getLoc(), saved);
      rewriter.replaceOp(scope, results);
    }
  }
};

} // namespace
