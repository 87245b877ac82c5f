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

/// Folds a function's nn.runtime_check ops into one extra result, a
/// tensor<i32> status (0 = ok, else the code of a failed check) marked
/// `nn.role = "status"`, so the linalg stage holds upstream ops only. The
/// ABI pass turns it into the function's return value.
void foldRuntimeChecks(func::FuncOp fn) {
  SmallVector<nnc::nn::RuntimeCheckOp> checks;
  fn.walk([&](nnc::nn::RuntimeCheckOp c) { checks.push_back(c); });
  if (checks.empty())
    return;
  auto ret = cast<func::ReturnOp>(fn.getBody().front().getTerminator());
  OpBuilder b(ret);
  Location loc = ret.getLoc();
  Value status = b.create<arith::ConstantIntOp>(loc, 0, 32);
  for (nnc::nn::RuntimeCheckOp check : checks) {
    Value failed = b.create<tensor::ExtractOp>(check.getLoc(),
                                               check.getFailed(), ValueRange{});
    Value code = b.create<arith::ConstantIntOp>(check.getLoc(),
                                                check.getCode(), 32);
    status = b.create<arith::SelectOp>(check.getLoc(), failed, code, status);
    check.erase();
  }
  Value statusTensor = b.create<tensor::FromElementsOp>(
      loc, RankedTensorType::get({}, b.getI32Type()), status);
  SmallVector<Value> results(ret.getOperands());
  results.push_back(statusTensor);
  b.create<func::ReturnOp>(loc, results);
  ret.erase();
  SmallVector<DictionaryAttr> attrs;
  fn.getAllResultAttrs(attrs);
  attrs.push_back(b.getDictionaryAttr(
      b.getNamedAttr("nn.role", b.getStringAttr("status"))));
  SmallVector<Type> types(fn.getResultTypes());
  types.push_back(statusTensor.getType());
  fn.setFunctionType(b.getFunctionType(fn.getArgumentTypes(), types));
  fn.setAllResultAttrs(attrs);
}

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

    // Every nn op must be gone but the run-time checks, folded below.
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
    for (auto fn : getOperation().getOps<func::FuncOp>())
      foldRuntimeChecks(fn);
  }
};

} // namespace
