//===- ConvertNNToLinalg.cpp - The nn-to-linalg pass ----------------------===//
#include "LoweringUtils.h"
#include "nnc/Dialect/NN/NNOps.h"
#include "nnc/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace nnc {
#define GEN_PASS_DEF_CONVERTNNTOLINALG
#include "nnc/Transforms/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

struct ConvertNNToLinalgPass
    : nnc::impl::ConvertNNToLinalgBase<ConvertNNToLinalgPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    nnc::lowering::populateElementwisePatterns(patterns);
    nnc::lowering::populateLinearPatterns(patterns);
    nnc::lowering::populateShapePatterns(patterns);
    nnc::lowering::populateReductionPatterns(patterns);
    nnc::lowering::populateConvPatterns(patterns);
    nnc::lowering::populatePoolingPatterns(patterns);
    nnc::lowering::populateLossPatterns(patterns);
    GreedyRewriteConfig config;
    config.maxIterations = GreedyRewriteConfig::kNoLimit;
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns),
                                            config)))
      return signalPassFailure();

    // Every nn op must be gone but the run-time checks.
    WalkResult leftover = getOperation().walk([](Operation *op) {
      if (isa_and_nonnull<nnc::nn::NNDialect>(op->getDialect()) &&
          !isa<nnc::nn::RuntimeCheckOp>(op)) {
        op->emitError() << "no lowering to linalg for '" << op->getName()
                        << "'";
        return WalkResult::interrupt();
      }
      return WalkResult::advance();
    });
    if (leftover.wasInterrupted())
      return signalPassFailure();
    lowerRuntimeChecks(getOperation());
  }

  /// The output of this stage (--emit=linalg) is upstream IR that plain
  /// mlir-opt parses, so the checks become calls of a private declaration,
  /// `func.call @__nnc_runtime_check(%failed, %code) : (tensor<i1>, i32)`,
  /// which the ABI pass folds into the function's status result.
  static void lowerRuntimeChecks(ModuleOp module) {
    SmallVector<nnc::nn::RuntimeCheckOp> checks;
    module.walk([&](nnc::nn::RuntimeCheckOp c) { checks.push_back(c); });
    if (checks.empty())
      return;
    OpBuilder b(module.getContext());
    auto fnType = b.getFunctionType(
        {checks.front().getFailed().getType(), b.getI32Type()}, {});
    auto decl = module.lookupSymbol<func::FuncOp>(nnc::kRuntimeCheckFunction);
    if (!decl) {
      b.setInsertionPointToStart(module.getBody());
      decl = b.create<func::FuncOp>(module.getLoc(),
                                    nnc::kRuntimeCheckFunction, fnType);
      decl.setPrivate();
    }
    for (nnc::nn::RuntimeCheckOp check : checks) {
      b.setInsertionPoint(check);
      Value code = b.create<arith::ConstantIntOp>(check.getLoc(),
                                                  check.getCode(), 32);
      b.create<func::CallOp>(check.getLoc(), decl,
                             ValueRange{check.getFailed(), code});
      check.erase();
    }
  }
};

} // namespace
