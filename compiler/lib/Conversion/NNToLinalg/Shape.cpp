//===- Shape.cpp - nn data-movement ops to linalg and tensor --------------===//
//
// Reshape and slice become views (collapse/expand, extract_slice); the
// others copy through linalg.transpose, linalg.generic or insert_slice.
//
//===----------------------------------------------------------------------===//
#include "LoweringUtils.h"
#include "nnc/Dialect/NN/NNOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace nnc::nn;
using namespace nnc::lowering;

namespace {

struct PermuteLowering : OpRewritePattern<PermuteOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(PermuteOp op,
                                PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    Value init = emptyTensor(rewriter, op.getLoc(), type.getShape(),
                             type.getElementType());
    rewriter.replaceOp(op, rewriter
                               .create<linalg::TransposeOp>(
                                   op.getLoc(), op.getInput(), init,
                                   op.getPerm())
                               ->getResult(0));
    return success();
  }
};

struct ReshapeLowering : OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, reshapeTensor(rewriter, op.getLoc(), op.getInput(),
                                         shapeOf(op)));
    return success();
  }
};

struct ConcatLowering : OpRewritePattern<ConcatOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConcatOp op,
                                PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    Location loc = op.getLoc();
    Value result =
        emptyTensor(rewriter, loc, type.getShape(), type.getElementType());
    SmallVector<int64_t> offsets(type.getRank(), 0), strides(type.getRank(), 1);
    for (Value in : op.getInputs()) {
      result = rewriter.create<tensor::InsertSliceOp>(
          loc, in, result, ValueRange{}, ValueRange{}, ValueRange{}, offsets,
          shapeOf(in), strides);
      offsets[op.getAxis()] += shapeOf(in)[op.getAxis()];
    }
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct SliceLowering : OpRewritePattern<SliceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SliceOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, cast<RankedTensorType>(op.getType()), op.getInput(), ValueRange{},
        ValueRange{}, ValueRange{}, op.getOffsets(), shapeOf(op),
        op.getStrides());
    return success();
  }
};

struct PadLowering : OpRewritePattern<PadOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(PadOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, padTensor(rewriter, op.getLoc(), op.getInput(),
                                     op.getLow(), op.getHigh(),
                                     op.getInterior(),
                                     op.getValue().convertToDouble()));
    return success();
  }
};

/// A copy through a single input map (reverse, broadcast).
Value copyWithMap(OpBuilder &b, Location loc, Value input, AffineMap inMap,
                  RankedTensorType type) {
  MLIRContext *ctx = b.getContext();
  Value init = emptyTensor(b, loc, type.getShape(), type.getElementType());
  SmallVector<AffineMap> maps{
      inMap, AffineMap::getMultiDimIdentityMap(type.getRank(), ctx)};
  SmallVector<utils::IteratorType> iters(type.getRank(),
                                         utils::IteratorType::parallel);
  return b
      .create<linalg::GenericOp>(
          loc, type, input, init, maps, iters,
          [](OpBuilder &nb, Location nl, ValueRange args) {
            nb.create<linalg::YieldOp>(nl, args[0]);
          })
      .getResult(0);
}

struct ReverseLowering : OpRewritePattern<ReverseOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReverseOp op,
                                PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    MLIRContext *ctx = rewriter.getContext();
    SmallVector<AffineExpr> exprs;
    for (int64_t i = 0; i < type.getRank(); ++i) {
      AffineExpr d = getAffineDimExpr(i, ctx);
      exprs.push_back(llvm::is_contained(op.getAxes(), i)
                          ? type.getDimSize(i) - 1 - d
                          : d);
    }
    auto map = AffineMap::get(type.getRank(), 0, exprs, ctx);
    rewriter.replaceOp(
        op, copyWithMap(rewriter, op.getLoc(), op.getInput(), map, type));
    return success();
  }
};

struct BroadcastLowering : OpRewritePattern<BroadcastOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BroadcastOp op,
                                PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    MLIRContext *ctx = rewriter.getContext();
    ArrayRef<int64_t> in = shapeOf(op.getInput());
    SmallVector<AffineExpr> exprs;
    for (size_t i = 0; i < in.size(); ++i) {
      int64_t d = op.getDims()[i];
      exprs.push_back(in[i] == 1 && type.getDimSize(d) != 1
                          ? getAffineConstantExpr(0, ctx)
                          : getAffineDimExpr(d, ctx));
    }
    auto map = AffineMap::get(type.getRank(), 0, exprs, ctx);
    rewriter.replaceOp(
        op, copyWithMap(rewriter, op.getLoc(), op.getInput(), map, type));
    return success();
  }
};

} // namespace

void nnc::lowering::populateShapePatterns(RewritePatternSet &patterns) {
  patterns.add<PermuteLowering, ReshapeLowering, ConcatLowering, SliceLowering,
               PadLowering, ReverseLowering, BroadcastLowering>(
      patterns.getContext());
}
