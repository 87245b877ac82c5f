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
    nnc::lowering::populateSequencePatterns(patterns);
    nnc::lowering::populateEmbeddingPatterns(patterns);
    GreedyRewriteConfig config;
    config.maxIterations = GreedyRewriteConfig::kNoLimit;
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns),
                                            config)))
      return signalPassFailure();

    // Every nn op must be gone but the run-time checks, which the ABI pass
    // consumes.
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
      signalPassFailure();
  }
};

} // namespace
