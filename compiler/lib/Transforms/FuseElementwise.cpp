//===- FuseElementwise.cpp - Elementwise fusion without recomputation -----===//
//
// linalg-fuse-elementwise-ops with a control function that keeps
// contractions plain: an elementwise producer read by a reduction op through
// a non-permutation map (a matmul operand, which the op reads once per
// column of the result) stays a separate op, and reshapes are not folded
// into or out of reduction ops (which would turn a flat named matmul into a
// generic with extra loops). Fused bodies are capped in size: every fusion
// clones both bodies, so fusing a chain of n elementwise ops without a cap
// costs O(n^2) compile time (a 3000-statement chain took minutes), while a
// body of a few dozen ops already reads each element once.
//
//===----------------------------------------------------------------------===//
#include "nnc/Transforms/Passes.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace nnc {
#define GEN_PASS_DEF_FUSEELEMENTWISE
#include "nnc/Transforms/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

bool hasReductionLoops(Operation *op) {
  auto linalgOp = dyn_cast_or_null<linalg::LinalgOp>(op);
  return linalgOp && linalgOp.getNumReductionLoops() > 0;
}

constexpr size_t kMaxFusedBodyOps = 96;

size_t bodySize(Operation *op) {
  auto generic = dyn_cast_or_null<linalg::GenericOp>(op);
  return generic ? generic.getBody()->getOperations().size() : 1;
}

bool fuseIntoConsumer(OpOperand *operand) {
  Operation *producer = operand->get().getDefiningOp();
  if (!producer || !producer->hasOneUse())
    return false;
  if (bodySize(producer) + bodySize(operand->getOwner()) > kMaxFusedBodyOps)
    return false;
  auto consumer = dyn_cast<linalg::LinalgOp>(operand->getOwner());
  if (consumer && consumer.getNumReductionLoops() > 0 &&
      !consumer.getMatchingIndexingMap(operand).isPermutation())
    return false;
  return true;
}

bool foldReshape(OpOperand *operand) {
  Operation *producer = operand->get().getDefiningOp();
  if (!producer || !producer->hasOneUse())
    return false;
  return !hasReductionLoops(producer) &&
         !hasReductionLoops(operand->getOwner());
}

struct FuseElementwisePass
    : nnc::impl::FuseElementwiseBase<FuseElementwisePass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    RewritePatternSet patterns(ctx);
    linalg::populateElementwiseOpsFusionPatterns(patterns, fuseIntoConsumer);
    linalg::populateFoldReshapeOpsByExpansionPatterns(patterns, foldReshape);
    affine::AffineApplyOp::getCanonicalizationPatterns(patterns, ctx);
    linalg::GenericOp::getCanonicalizationPatterns(patterns, ctx);
    tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, ctx);
    tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, ctx);
    ctx->getLoadedDialect<linalg::LinalgDialect>()->getCanonicalizationPatterns(
        patterns);
    linalg::populateConstantFoldLinalgOperations(patterns, fuseIntoConsumer);
    GreedyRewriteConfig config;
    config.useTopDownTraversal = true;
    (void)applyPatternsAndFoldGreedily(getOperation(), std::move(patterns),
                                       config);
  }
};

} // namespace
