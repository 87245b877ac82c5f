//===- Conv.cpp - nn convolutions to linalg -------------------------------===//
//
// Forward convolutions become the named linalg.conv_2d_nchw_fchw on an
// explicitly padded input (the tiling pass later turns it into an im2col
// matmul). The input gradient is the transposed convolution: a stride-1
// convolution of the zero-stuffed, re-padded output gradient with the
// flipped, channel-transposed kernel. The weight gradient is one large
// matmul of the output gradient with the im2col matrix of the input.
//
//===----------------------------------------------------------------------===//
#include "LoweringUtils.h"
#include "nnc/Dialect/NN/NNOps.h"
#include "nnc/Dialect/NN/ShapeUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace nnc::nn;
using namespace nnc::lowering;

namespace {

DenseIntElementsAttr pairAttr(OpBuilder &b, ArrayRef<int64_t> v) {
  return b.getI64TensorAttr(v);
}

Value zeroPadSpatial(OpBuilder &b, Location loc, Value x,
                     ArrayRef<int64_t> padding) {
  return padTensor(b, loc, x, {0, 0, padding[0], padding[1]},
                   {0, 0, padding[0], padding[1]}, {0, 0, 0, 0}, 0.0);
}

/// The conv result's init: the bias broadcast along channels, or zeros.
Value convInit(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
               Value bias) {
  if (!bias)
    return filledTensor(b, loc, shape, b.getF32Type(), 0.0);
  MLIRContext *ctx = b.getContext();
  AffineMap channel = AffineMap::get(4, 0, getAffineDimExpr(1, ctx), ctx);
  return buildGeneric(b, loc, shape, b.getF32Type(), bias, channel,
                      [](OpBuilder &, Location, ValueRange a) { return a[0]; });
}

Value conv(OpBuilder &b, Location loc, Value x, Value w, Value init,
           ArrayRef<int64_t> stride, ArrayRef<int64_t> dilation) {
  return b
      .create<linalg::Conv2DNchwFchwOp>(loc, init.getType(), ValueRange{x, w},
                                        init, pairAttr(b, stride),
                                        pairAttr(b, dilation))
      .getResult(0);
}

struct Conv2dLowering : OpRewritePattern<Conv2dOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(Conv2dOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value xp = zeroPadSpatial(rewriter, loc, op.getInput(), op.getPadding());
    Value init = convInit(rewriter, loc, shapeOf(op), op.getBias());
    rewriter.replaceOp(op, conv(rewriter, loc, xp, op.getWeight(), init,
                                op.getStride(), op.getDilation()));
    return success();
  }
};

struct Conv1x1Lowering : OpRewritePattern<Conv1x1Op> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(Conv1x1Op op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    ArrayRef<int64_t> w = shapeOf(op.getWeight());
    Value w4 = reshapeTensor(rewriter, loc, op.getWeight(), {w[0], w[1], 1, 1});
    Value init = convInit(rewriter, loc, shapeOf(op), op.getBias());
    rewriter.replaceOp(op, conv(rewriter, loc, op.getInput(), w4, init, {1, 1},
                                {1, 1}));
    return success();
  }
};

struct Conv2dBackwardInputLowering : OpRewritePattern<Conv2dBackwardInputOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(Conv2dBackwardInputOp op,
                                PatternRewriter &rewriter) const override {
    // dx[h] = sum_k gz[h + k d] wflip[k], where gz is g with s-1 zeros
    // between elements, padded by (K-1)d - p before and so that the result
    // has exactly H rows after (either may be negative: a crop).
    Location loc = op.getLoc();
    MLIRContext *ctx = getContext();
    ArrayRef<int64_t> g = shapeOf(op.getGrad()), w = shapeOf(op.getWeight()),
                      x = shapeOf(op);
    ArrayRef<int64_t> s = op.getStride(), p = op.getPadding(),
                      d = op.getDilation();
    SmallVector<int64_t> low{0, 0}, high{0, 0}, interior{0, 0};
    for (int i = 0; i < 2; ++i) {
      low.push_back((w[2 + i] - 1) * d[i] - p[i]);
      high.push_back(x[2 + i] + p[i] - (g[2 + i] - 1) * s[i] - 1);
      interior.push_back(s[i] - 1);
    }
    Value gz = padTensor(rewriter, loc, op.getGrad(), low, high, interior, 0.0);

    // wt[c, f, kh, kw] = w[f, c, KH-1-kh, KW-1-kw]
    auto dim = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    AffineMap flip = AffineMap::get(
        4, 0, {dim(1), dim(0), w[2] - 1 - dim(2), w[3] - 1 - dim(3)}, ctx);
    Value wt = buildGeneric(
        rewriter, loc, {w[1], w[0], w[2], w[3]}, rewriter.getF32Type(),
        op.getWeight(), flip,
        [](OpBuilder &, Location, ValueRange a) { return a[0]; });

    Value init = filledTensor(rewriter, loc, x, rewriter.getF32Type(), 0.0);
    rewriter.replaceOp(op, conv(rewriter, loc, gz, wt, init, {1, 1}, d));
    return success();
  }
};

struct Conv2dBackwardWeightLowering
    : OpRewritePattern<Conv2dBackwardWeightOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(Conv2dBackwardWeightOp op,
                                PatternRewriter &rewriter) const override {
    // dW[f, (c,kh,kw)] = sum_{(n,oh,ow)} g[f, (n,oh,ow)] col[(n,oh,ow), (c,kh,kw)]
    // with col built directly in the layout the matmul reads row by row.
    Location loc = op.getLoc();
    MLIRContext *ctx = getContext();
    ArrayRef<int64_t> g = shapeOf(op.getGrad()), w = shapeOf(op),
                      x = shapeOf(op.getInput());
    ArrayRef<int64_t> s = op.getStride(), d = op.getDilation();
    Value xp = zeroPadSpatial(rewriter, loc, op.getInput(), op.getPadding());

    auto dim = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    // col[n, oh, ow, c, kh, kw] = xp[n, c, oh*s + kh*d, ow*s + kw*d]
    AffineMap gather = AffineMap::get(
        6, 0,
        {dim(0), dim(3), dim(1) * s[0] + dim(4) * d[0],
         dim(2) * s[1] + dim(5) * d[1]},
        ctx);
    Value col = buildGeneric(
        rewriter, loc, {g[0], g[2], g[3], x[1], w[2], w[3]},
        rewriter.getF32Type(), xp, gather,
        [](OpBuilder &, Location, ValueRange a) { return a[0]; });
    int64_t ckk = x[1] * w[2] * w[3], nq = g[0] * g[2] * g[3];
    Value col2 = reshapeTensor(rewriter, loc, col, {nq, ckk});

    Value gt = rewriter
                   .create<linalg::TransposeOp>(
                       loc, op.getGrad(),
                       emptyTensor(rewriter, loc, {g[1], g[0], g[2], g[3]},
                                   rewriter.getF32Type()),
                       ArrayRef<int64_t>{1, 0, 2, 3})
                   ->getResult(0);
    Value g2 = reshapeTensor(rewriter, loc, gt, {g[1], nq});
    Value init =
        filledTensor(rewriter, loc, {g[1], ckk}, rewriter.getF32Type(), 0.0);
    Value dw = matmulInto(rewriter, loc, g2, col2, init);
    rewriter.replaceOp(op, reshapeTensor(rewriter, loc, dw, w));
    return success();
  }
};

} // namespace

void nnc::lowering::populateConvPatterns(RewritePatternSet &patterns) {
  patterns.add<Conv2dLowering, Conv1x1Lowering, Conv2dBackwardInputLowering,
               Conv2dBackwardWeightLowering>(patterns.getContext());
}
