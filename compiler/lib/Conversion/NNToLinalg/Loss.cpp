//===- Loss.cpp - nn losses to linalg -------------------------------------===//
//
// cross_entropy is computed as logsumexp(logits) - logits[label], with the
// max subtracted, so no exp overflows. Labels are clamped before they
// index, and an nn.runtime_check makes the function report any label
// outside [0, K) instead of reading out of bounds.
//
//===----------------------------------------------------------------------===//
#include "LoweringUtils.h"
#include "nnc/Dialect/NN/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <limits>

using namespace mlir;
using namespace nnc::nn;
using namespace nnc::lowering;

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

/// Per row n of logits[N, K]: the max m[n] and s[n] = sum_k exp(l - m).
std::pair<Value, Value> rowLogSumExpParts(OpBuilder &b, Location loc,
                                          Value logits) {
  MLIRContext *ctx = b.getContext();
  ArrayRef<int64_t> shape = shapeOf(logits);
  Value m = buildReduction(b, loc, logits, {1}, kNegInf,
                           [](OpBuilder &nb, Location l, ValueRange a) {
                             return nb.create<arith::MaximumFOp>(l, a[0], a[1]);
                           });
  AffineMap id = AffineMap::getMultiDimIdentityMap(2, ctx);
  AffineMap row = reducedMap(2, {1}, ctx);
  Value e = buildGeneric(b, loc, shape, b.getF32Type(), ValueRange{logits, m},
                         {id, row}, [](OpBuilder &nb, Location l, ValueRange a) {
                           return nb.create<math::ExpOp>(
                               l, nb.create<arith::SubFOp>(l, a[0], a[1]));
                         });
  Value s = buildReduction(b, loc, e, {1}, 0.0,
                           [](OpBuilder &nb, Location l, ValueRange a) {
                             return nb.create<arith::AddFOp>(l, a[0], a[1]);
                           });
  return {m, s};
}

struct CrossEntropyLowering : OpRewritePattern<CrossEntropyOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CrossEntropyOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value logits = op.getLogits(), labels = op.getLabels();
    ArrayRef<int64_t> shape = shapeOf(logits);
    int64_t n = shape[0], k = shape[1];
    emitIndexRangeCheck(rewriter, loc, labels, k);
    auto [m, s] = rowLogSumExpParts(rewriter, loc, logits);
    // per[n] = m + log(s) - logits[n, label[n]]
    Value per = buildElementwise(
        rewriter, loc, {n}, rewriter.getF32Type(), ValueRange{m, s, labels},
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value row = b.create<linalg::IndexOp>(l, 0);
          Value picked = b.create<tensor::ExtractOp>(
              l, logits, ValueRange{row, clampedIndex(b, l, a[2], k)});
          Value lse = b.create<arith::AddFOp>(l, a[0],
                                              b.create<math::LogOp>(l, a[1]));
          return b.create<arith::SubFOp>(l, lse, picked).getResult();
        });
    Value total = buildReduction(rewriter, loc, per, {0}, 0.0,
                                 [](OpBuilder &b, Location l, ValueRange a) {
                                   return b.create<arith::AddFOp>(l, a[0], a[1]);
                                 });
    rewriter.replaceOp(
        op, buildElementwise(rewriter, loc, {}, rewriter.getF32Type(), total,
                             [&](OpBuilder &b, Location l, ValueRange a) {
                               return b.create<arith::MulFOp>(
                                   l, a[0], f32Const(b, l, 1.0 / n));
                             }));
    return success();
  }
};

struct CrossEntropyBackwardLowering
    : OpRewritePattern<CrossEntropyBackwardOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CrossEntropyBackwardOp op,
                                PatternRewriter &rewriter) const override {
    // d logits[n, k] = (softmax[n, k] - (k == label[n])) * g / N
    Location loc = op.getLoc();
    MLIRContext *ctx = getContext();
    Value logits = op.getLogits();
    ArrayRef<int64_t> shape = shapeOf(logits);
    int64_t n = shape[0], k = shape[1];
    auto [m, s] = rowLogSumExpParts(rewriter, loc, logits);
    AffineMap id = AffineMap::getMultiDimIdentityMap(2, ctx);
    AffineMap row = reducedMap(2, {1}, ctx);
    AffineMap scalar = AffineMap::get(2, 0, {}, ctx);
    rewriter.replaceOp(
        op, buildGeneric(
                rewriter, loc, shape, rewriter.getF32Type(),
                ValueRange{logits, m, s, op.getLabels(), op.getGrad()},
                {id, row, row, row, scalar},
                [&](OpBuilder &b, Location l, ValueRange a) {
                  Value p = b.create<arith::DivFOp>(
                      l,
                      b.create<math::ExpOp>(
                          l, b.create<arith::SubFOp>(l, a[0], a[1])),
                      a[2]);
                  Value col = b.create<linalg::IndexOp>(l, 1);
                  Value label = b.create<arith::IndexCastOp>(
                      l, b.getIndexType(), a[3]);
                  Value hit = b.create<arith::CmpIOp>(
                      l, arith::CmpIPredicate::eq, col, label);
                  Value one = b.create<arith::SelectOp>(
                      l, hit, f32Const(b, l, 1.0), f32Const(b, l, 0.0));
                  Value scale = b.create<arith::MulFOp>(
                      l, a[4], f32Const(b, l, 1.0 / n));
                  return b
                      .create<arith::MulFOp>(
                          l, b.create<arith::SubFOp>(l, p, one), scale)
                      .getResult();
                }));
    return success();
  }
};

} // namespace

void nnc::lowering::populateLossPatterns(RewritePatternSet &patterns) {
  patterns.add<CrossEntropyLowering, CrossEntropyBackwardLowering>(
      patterns.getContext());
}
