//===- Pooling.cpp - nn pooling to linalg ---------------------------------===//
//
// Forward pooling uses the named linalg.pooling_nchw_{max,sum} on an
// explicitly padded input. The adjoints are gathers: each input element
// sums, over the windows that contain it, its share of their adjoint.
//
//===----------------------------------------------------------------------===//
#include "LoweringUtils.h"
#include "nnc/Dialect/NN/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <limits>

using namespace mlir;
using namespace nnc::nn;
using namespace nnc::lowering;

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

Value padSpatial(OpBuilder &b, Location loc, Value x,
                 ArrayRef<int64_t> padding, double value) {
  return padTensor(b, loc, x, {0, 0, padding[0], padding[1]},
                   {0, 0, padding[0], padding[1]}, {0, 0, 0, 0}, value);
}

template <typename PoolOp>
Value pool(OpBuilder &b, Location loc, Value xp, ArrayRef<int64_t> outShape,
           ArrayRef<int64_t> kernel, ArrayRef<int64_t> stride, double init) {
  Value acc = filledTensor(b, loc, outShape, b.getF32Type(), init);
  Value window = emptyTensor(b, loc, kernel, b.getF32Type());
  return b
      .create<PoolOp>(loc, acc.getType(), ValueRange{xp, window}, acc,
                      b.getI64TensorAttr(stride), b.getI64TensorAttr({1, 1}))
      .getResult(0);
}

struct MaxPoolLowering : OpRewritePattern<MaxPool2dOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MaxPool2dOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value xp = padSpatial(rewriter, loc, op.getInput(), op.getPadding(),
                          kNegInf);
    rewriter.replaceOp(op, pool<linalg::PoolingNchwMaxOp>(
                               rewriter, loc, xp, shapeOf(op), op.getKernel(),
                               op.getStride(), kNegInf));
    return success();
  }
};

struct AvgPoolLowering : OpRewritePattern<AvgPool2dOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AvgPool2dOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value xp = padSpatial(rewriter, loc, op.getInput(), op.getPadding(), 0.0);
    Value sum = pool<linalg::PoolingNchwSumOp>(rewriter, loc, xp, shapeOf(op),
                                               op.getKernel(), op.getStride(),
                                               0.0);
    double scale = 1.0 / static_cast<double>(op.getKernel()[0] *
                                             op.getKernel()[1]);
    rewriter.replaceOp(
        op, buildElementwise(rewriter, loc, shapeOf(op), rewriter.getF32Type(),
                             sum, [&](OpBuilder &b, Location l, ValueRange a) {
                               return b.create<arith::MulFOp>(
                                   l, a[0], f32Const(b, l, scale));
                             }));
    return success();
  }
};

/// Builds dx[n, c, h, w] = sum over (kh, kw) of contribution(n, c, oh, ow,
/// kh, kw) for every window (oh, ow) whose tap (kh, kw) lands on (h, w).
/// `contribution` receives index values (n, c, oh, ow, kh, kw).
using Contribution = std::function<Value(OpBuilder &, Location, ValueRange)>;

Value gatherFromWindows(OpBuilder &b, Location loc, ArrayRef<int64_t> xShape,
                        ArrayRef<int64_t> yShape, ArrayRef<int64_t> kernel,
                        ArrayRef<int64_t> stride, ArrayRef<int64_t> padding,
                        const Contribution &contribution) {
  MLIRContext *ctx = b.getContext();
  Value acc = filledTensor(b, loc, xShape, b.getF32Type(), 0.0);
  // Iterate (n, c, h, w, kh, kw); the empty "window" operand only gives
  // the kh, kw loops their extent.
  Value window = emptyTensor(b, loc, kernel, b.getF32Type());
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  SmallVector<AffineMap> maps{AffineMap::get(6, 0, {d(4), d(5)}, ctx),
                              AffineMap::get(6, 0, {d(0), d(1), d(2), d(3)},
                                             ctx)};
  SmallVector<utils::IteratorType> iters(4, utils::IteratorType::parallel);
  iters.append(2, utils::IteratorType::reduction);
  return b
      .create<linalg::GenericOp>(
          loc, acc.getType(), window, acc, maps, iters,
          [&](OpBuilder &nb, Location l, ValueRange args) {
            SmallVector<Value> idx;
            for (unsigned i = 0; i < 6; ++i)
              idx.push_back(nb.create<linalg::IndexOp>(l, i));
            Value zero = nb.create<arith::ConstantIndexOp>(l, 0);
            Value inWindow;
            SmallVector<Value> out(2);
            for (int i = 0; i < 2; ++i) {
              // The tap k of window o covers padded position o*s + k, i.e.
              // input position o*s + k - p: o = (h + p - k) / s if exact.
              Value pos = nb.create<arith::SubIOp>(
                  l,
                  nb.create<arith::AddIOp>(
                      l, idx[2 + i],
                      nb.create<arith::ConstantIndexOp>(l, padding[i])),
                  idx[4 + i]);
              Value s = nb.create<arith::ConstantIndexOp>(l, stride[i]);
              Value rem = nb.create<arith::RemSIOp>(l, pos, s);
              out[i] = nb.create<arith::DivSIOp>(l, pos, s);
              Value ok = nb.create<arith::AndIOp>(
                  l,
                  nb.create<arith::CmpIOp>(l, arith::CmpIPredicate::sge, pos,
                                           zero),
                  nb.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, rem,
                                           zero));
              ok = nb.create<arith::AndIOp>(
                  l, ok,
                  nb.create<arith::CmpIOp>(
                      l, arith::CmpIPredicate::slt, out[i],
                      nb.create<arith::ConstantIndexOp>(l, yShape[2 + i])));
              inWindow = inWindow ? nb.create<arith::AndIOp>(l, inWindow, ok)
                                        .getResult()
                                  : ok;
            }
            // Clamp so that the (discarded) read of a miss stays in bounds.
            for (int i = 0; i < 2; ++i) {
              out[i] = nb.create<arith::MaxSIOp>(l, out[i], zero);
              out[i] = nb.create<arith::MinSIOp>(
                  l, out[i],
                  nb.create<arith::ConstantIndexOp>(l, yShape[2 + i] - 1));
            }
            Value share = contribution(
                nb, l, {idx[0], idx[1], out[0], out[1], idx[4], idx[5]});
            Value add = nb.create<arith::AddFOp>(l, args[1], share);
            nb.create<linalg::YieldOp>(
                l, nb.create<arith::SelectOp>(l, inWindow, add, args[1])
                       .getResult());
          })
      .getResult(0);
}

/// Whether every input element lies in at most one window (stride equals
/// kernel, no padding): then an element's window and tap are h / k and
/// h % k, with no search over the windows that could contain it.
bool nonOverlapping(ArrayRef<int64_t> kernel, ArrayRef<int64_t> stride,
                    ArrayRef<int64_t> padding) {
  return kernel == stride && padding[0] == 0 && padding[1] == 0;
}

/// For non-overlapping windows: dx[n, c, h, w] = share(window value(s),
/// tap) over the rows and columns the windows cover, zero elsewhere (the
/// floor in OH leaves trailing rows no window reads). `windowed` are
/// [N, C, OH, OW] tensors read at (h floordiv k, w floordiv k); `share`
/// gets their elements and the tap kh*KW + kw as an index.
Value gatherNonOverlapping(
    OpBuilder &b, Location loc, ArrayRef<int64_t> xShape,
    ArrayRef<int64_t> yShape, ArrayRef<int64_t> kernel, ValueRange windowed,
    function_ref<Value(OpBuilder &, Location, ValueRange, Value)> share) {
  MLIRContext *ctx = b.getContext();
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  AffineMap window = AffineMap::get(
      4, 0,
      {d(0), d(1), d(2).floorDiv(kernel[0]), d(3).floorDiv(kernel[1])}, ctx);
  SmallVector<AffineMap> maps(windowed.size(), window);
  SmallVector<int64_t> covered{xShape[0], xShape[1], yShape[2] * kernel[0],
                               yShape[3] * kernel[1]};
  Value dx = buildGeneric(
      b, loc, covered, b.getF32Type(), windowed, maps,
      [&](OpBuilder &nb, Location l, ValueRange a) {
        Value kh = nb.create<arith::RemUIOp>(
            l, nb.create<linalg::IndexOp>(l, 2),
            nb.create<arith::ConstantIndexOp>(l, kernel[0]));
        Value kw = nb.create<arith::RemUIOp>(
            l, nb.create<linalg::IndexOp>(l, 3),
            nb.create<arith::ConstantIndexOp>(l, kernel[1]));
        Value tap = nb.create<arith::AddIOp>(
            l,
            nb.create<arith::MulIOp>(
                l, kh, nb.create<arith::ConstantIndexOp>(l, kernel[1])),
            kw);
        return share(nb, l, a, tap);
      });
  if (ArrayRef<int64_t>(covered) == xShape)
    return dx;
  return padTensor(b, loc, dx, {0, 0, 0, 0},
                   {0, 0, xShape[2] - covered[2], xShape[3] - covered[3]},
                   {0, 0, 0, 0}, 0.0);
}

struct MaxPoolBackwardLowering : OpRewritePattern<MaxPool2dBackwardOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MaxPool2dBackwardOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = getContext();
    ArrayRef<int64_t> kernel = op.getKernel(), stride = op.getStride();
    ArrayRef<int64_t> y = shapeOf(op.getGrad());
    Value xp = padSpatial(rewriter, loc, op.getInput(), op.getPadding(),
                          kNegInf);

    // 1. The tap (kh * KW + kw) of each window's first maximum. Loops run
    // (n, c, oh, kh, kw, ow): the innermost along a row of windows, which
    // vectorizes; the window loops visit taps in row-major order, so the
    // strict `>` keeps the first maximum.
    auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
    SmallVector<AffineMap> maps{
        AffineMap::get(6, 0,
                       {d(0), d(1), d(2) * stride[0] + d(3),
                        d(5) * stride[1] + d(4)},
                       ctx),
        AffineMap::get(6, 0, {d(3), d(4)}, ctx),
        AffineMap::get(6, 0, {d(0), d(1), d(2), d(5)}, ctx),
        AffineMap::get(6, 0, {d(0), d(1), d(2), d(5)}, ctx)};
    SmallVector<utils::IteratorType> iters(6, utils::IteratorType::parallel);
    iters[3] = iters[4] = utils::IteratorType::reduction;
    Value best = filledTensor(rewriter, loc, y, rewriter.getF32Type(), kNegInf);
    Value where = filledTensor(rewriter, loc, y, rewriter.getI64Type(), -1.0);
    Value window = emptyTensor(rewriter, loc, kernel, rewriter.getF32Type());
    auto argmax = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{best.getType(), where.getType()},
        ValueRange{xp, window}, ValueRange{best, where}, maps, iters,
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value tap = b.create<arith::AddIOp>(
              l,
              b.create<arith::MulIOp>(
                  l, b.create<linalg::IndexOp>(l, 3),
                  b.create<arith::ConstantIndexOp>(l, kernel[1])),
              b.create<linalg::IndexOp>(l, 4));
          tap = b.create<arith::IndexCastOp>(l, b.getI64Type(), tap);
          Value none = b.create<arith::ConstantIntOp>(l, -1, 64);
          Value take = b.create<arith::OrIOp>(
              l,
              b.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, a[3], none),
              b.create<arith::CmpFOp>(l, arith::CmpFPredicate::OGT, a[0],
                                      a[2]));
          b.create<linalg::YieldOp>(
              l, ValueRange{b.create<arith::SelectOp>(l, take, a[0], a[2]),
                            b.create<arith::SelectOp>(l, take, tap, a[3])});
        });
    Value argTap = argmax.getResult(1);
    Value grad = op.getGrad();
    if (nonOverlapping(kernel, stride, op.getPadding())) {
      rewriter.replaceOp(
          op, gatherNonOverlapping(
                  rewriter, loc, shapeOf(op), y, kernel,
                  ValueRange{grad, argTap},
                  [](OpBuilder &b, Location l, ValueRange a, Value tap) {
                    Value t = b.create<arith::IndexCastOp>(l, b.getI64Type(),
                                                           tap);
                    Value hit = b.create<arith::CmpIOp>(
                        l, arith::CmpIPredicate::eq, a[1], t);
                    return b
                        .create<arith::SelectOp>(l, hit, a[0],
                                                 f32Const(b, l, 0.0))
                        .getResult();
                  }));
      return success();
    }

    // 2. Each input element collects the adjoints of the windows whose
    // maximum it is.
    Value dx = gatherFromWindows(
        rewriter, loc, shapeOf(op), y, kernel, stride, op.getPadding(),
        [&](OpBuilder &b, Location l, ValueRange i) {
          ValueRange at = i.take_front(4);
          Value g = b.create<tensor::ExtractOp>(l, grad, at);
          Value t = b.create<tensor::ExtractOp>(l, argTap, at);
          Value tap = b.create<arith::AddIOp>(
              l,
              b.create<arith::MulIOp>(
                  l, i[4], b.create<arith::ConstantIndexOp>(l, kernel[1])),
              i[5]);
          tap = b.create<arith::IndexCastOp>(l, b.getI64Type(), tap);
          Value hit = b.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, t,
                                              tap);
          return b.create<arith::SelectOp>(l, hit, g, f32Const(b, l, 0.0))
              .getResult();
        });
    rewriter.replaceOp(op, dx);
    return success();
  }
};

struct AvgPoolBackwardLowering : OpRewritePattern<AvgPool2dBackwardOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AvgPool2dBackwardOp op,
                                PatternRewriter &rewriter) const override {
    ArrayRef<int64_t> kernel = op.getKernel();
    double scale = 1.0 / static_cast<double>(kernel[0] * kernel[1]);
    Value grad = op.getGrad();
    if (nonOverlapping(kernel, op.getStride(), op.getPadding())) {
      rewriter.replaceOp(
          op, gatherNonOverlapping(
                  rewriter, op.getLoc(), shapeOf(op), shapeOf(grad), kernel,
                  grad, [&](OpBuilder &b, Location l, ValueRange a, Value) {
                    return b.create<arith::MulFOp>(l, a[0],
                                                   f32Const(b, l, scale))
                        .getResult();
                  }));
      return success();
    }
    Value dx = gatherFromWindows(
        rewriter, op.getLoc(), shapeOf(op), shapeOf(grad), kernel,
        op.getStride(), op.getPadding(),
        [&](OpBuilder &b, Location l, ValueRange i) {
          Value g = b.create<tensor::ExtractOp>(l, grad, i.take_front(4));
          return b.create<arith::MulFOp>(l, g, f32Const(b, l, scale))
              .getResult();
        });
    rewriter.replaceOp(op, dx);
    return success();
  }
};

} // namespace

void nnc::lowering::populatePoolingPatterns(RewritePatternSet &patterns) {
  patterns.add<MaxPoolLowering, AvgPoolLowering, MaxPoolBackwardLowering,
               AvgPoolBackwardLowering>(patterns.getContext());
}
