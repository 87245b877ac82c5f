//===- Embedding.cpp - nn.embedding (gather) and its scatter-add ----------===//
//
// The gather reads table rows through clamped ids and an nn.runtime_check
// reports any id outside [0, V): a bad id is a run-time error, never an
// out-of-bounds access. The backward adds each position's adjoint row into
// the row of its id, one position after another (ids may repeat).
//
//===----------------------------------------------------------------------===//
#include "LoweringUtils.h"
#include "nnc/Dialect/NN/NNOps.h"
#include "nnc/Dialect/NN/ShapeUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace nnc::nn;
using namespace nnc::lowering;

namespace {

struct EmbeddingLowering : OpRewritePattern<EmbeddingOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(EmbeddingOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = getContext();
    Value table = op.getTable();
    int64_t v = shapeOf(table)[0], e = shapeOf(table)[1];
    int64_t positions = product(shapeOf(op.getIds()));
    emitIndexRangeCheck(rewriter, loc, op.getIds(), v);
    Value ids = reshapeTensor(rewriter, loc, op.getIds(), {positions});
    AffineMap row = AffineMap::get(2, 0, getAffineDimExpr(0, ctx), ctx);
    Value rows = buildGeneric(
        rewriter, loc, {positions, e}, rewriter.getF32Type(), ids, row,
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value r = clampedIndex(b, l, a[0], v);
          Value col = b.create<linalg::IndexOp>(l, 1);
          return b.create<tensor::ExtractOp>(l, table, ValueRange{r, col})
              .getResult();
        });
    rewriter.replaceOp(op, reshapeTensor(rewriter, loc, rows, shapeOf(op)));
    return success();
  }
};

struct EmbeddingBackwardLowering : OpRewritePattern<EmbeddingBackwardOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(EmbeddingBackwardOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    int64_t v = shapeOf(op)[0], e = shapeOf(op)[1];
    int64_t positions = product(shapeOf(op.getIds()));
    Type f32 = rewriter.getF32Type();
    Value ids = reshapeTensor(rewriter, loc, op.getIds(), {positions});
    Value grad = reshapeTensor(rewriter, loc, op.getGrad(), {positions, e});
    Value acc = filledTensor(rewriter, loc, {v, e}, f32, 0.0);
    Value zero = rewriter.create<arith::ConstantIndexOp>(loc, 0);
    Value end = rewriter.create<arith::ConstantIndexOp>(loc, positions);
    Value one = rewriter.create<arith::ConstantIndexOp>(loc, 1);
    auto rowType = RankedTensorType::get({1, e}, f32);
    auto loop = rewriter.create<scf::ForOp>(
        loc, zero, end, one, acc,
        [&](OpBuilder &b, Location l, Value p, ValueRange args) {
          Value id = clampedIndex(
              b, l, b.create<tensor::ExtractOp>(l, ids, ValueRange{p}), v);
          SmallVector<OpFoldResult> sizes{b.getIndexAttr(1),
                                          b.getIndexAttr(e)};
          SmallVector<OpFoldResult> strides(2, b.getIndexAttr(1));
          SmallVector<OpFoldResult> atP{p, b.getIndexAttr(0)};
          SmallVector<OpFoldResult> atId{id, b.getIndexAttr(0)};
          Value g = b.create<tensor::ExtractSliceOp>(l, rowType, grad, atP,
                                                     sizes, strides);
          Value r = b.create<tensor::ExtractSliceOp>(l, rowType, args[0],
                                                     atId, sizes, strides);
          Value sum = b.create<linalg::AddOp>(l, rowType, ValueRange{r, g},
                                              ValueRange{r})
                          .getResult(0);
          Value updated = b.create<tensor::InsertSliceOp>(l, sum, args[0],
                                                          atId, sizes, strides);
          b.create<scf::YieldOp>(l, updated);
        });
    rewriter.replaceOp(op, loop.getResult(0));
    return success();
  }
};

} // namespace

void nnc::lowering::populateEmbeddingPatterns(RewritePatternSet &patterns) {
  patterns.add<EmbeddingLowering, EmbeddingBackwardLowering>(
      patterns.getContext());
}
