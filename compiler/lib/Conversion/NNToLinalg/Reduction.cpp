//===- Reduction.cpp - nn reductions and softmax to linalg ----------------===//
#include "LoweringUtils.h"
#include "nnc/Dialect/NN/NNOps.h"
#include "nnc/Dialect/NN/ShapeUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

#include <limits>

using namespace mlir;
using namespace nnc::nn;
using namespace nnc::lowering;

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

Value addf(OpBuilder &b, Location l, ValueRange a) {
  return b.create<arith::AddFOp>(l, a[0], a[1]);
}
Value maxf(OpBuilder &b, Location l, ValueRange a) {
  return b.create<arith::MaximumFOp>(l, a[0], a[1]);
}

struct SumLowering : OpRewritePattern<SumOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SumOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, buildReduction(rewriter, op.getLoc(), op.getInput(),
                                          op.getAxes(), 0.0, addf));
    return success();
  }
};

struct MeanLowering : OpRewritePattern<MeanOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MeanOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value sum = buildReduction(rewriter, loc, op.getInput(), op.getAxes(), 0.0,
                               addf);
    double scale = static_cast<double>(product(shapeOf(op))) /
                   static_cast<double>(product(shapeOf(op.getInput())));
    rewriter.replaceOp(
        op, buildElementwise(rewriter, loc, shapeOf(op), rewriter.getF32Type(),
                             sum, [&](OpBuilder &b, Location l, ValueRange a) {
                               return b.create<arith::MulFOp>(
                                   l, a[0], f32Const(b, l, scale));
                             }));
    return success();
  }
};

struct MaxLowering : OpRewritePattern<MaxOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MaxOp op,
                                PatternRewriter &rewriter) const override {
    rewriter.replaceOp(op, buildReduction(rewriter, op.getLoc(), op.getInput(),
                                          op.getAxes(), kNegInf, maxf));
    return success();
  }
};

/// Row-major position of the current element within its reduced group.
Value positionInGroup(OpBuilder &b, Location l, ArrayRef<int64_t> shape,
                      ArrayRef<int64_t> axes) {
  Value pos = b.create<arith::ConstantIndexOp>(l, 0);
  for (int64_t axis : axes) {
    Value size = b.create<arith::ConstantIndexOp>(l, shape[axis]);
    Value idx = b.create<linalg::IndexOp>(l, axis);
    pos = b.create<arith::AddIOp>(l, b.create<arith::MulIOp>(l, pos, size),
                                  idx);
  }
  return b.create<arith::IndexCastOp>(l, b.getI64Type(), pos);
}

struct MaxBackwardLowering : OpRewritePattern<MaxBackwardOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MaxBackwardOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = rewriter.getContext();
    Value x = op.getInput();
    ArrayRef<int64_t> shape = shapeOf(x), axes = op.getAxes();
    int64_t rank = shape.size();
    SmallVector<int64_t> reduced = dropAxes(shape, axes);

    // 1. The position of the first maximum of each group: a strict `>`
    // keeps the earliest; the -1 start takes the first element whatever
    // its value (also -inf or NaN).
    Value best = filledTensor(rewriter, loc, reduced, rewriter.getF32Type(),
                              kNegInf);
    Value where = filledTensor(rewriter, loc, reduced, rewriter.getI64Type(),
                               -1.0);
    AffineMap red = reducedMap(rank, axes, ctx);
    SmallVector<AffineMap> maps{AffineMap::getMultiDimIdentityMap(rank, ctx),
                                red, red};
    SmallVector<utils::IteratorType> iters;
    for (int64_t i = 0; i < rank; ++i)
      iters.push_back(llvm::is_contained(axes, i)
                          ? utils::IteratorType::reduction
                          : utils::IteratorType::parallel);
    auto argmax = rewriter.create<linalg::GenericOp>(
        loc, TypeRange{best.getType(), where.getType()}, x,
        ValueRange{best, where}, maps, iters,
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value pos = positionInGroup(b, l, shape, axes);
          Value none = b.create<arith::ConstantIntOp>(l, -1, 64);
          Value first =
              b.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, a[2], none);
          Value greater =
              b.create<arith::CmpFOp>(l, arith::CmpFPredicate::OGT, a[0], a[1]);
          Value take = b.create<arith::OrIOp>(l, first, greater);
          b.create<linalg::YieldOp>(
              l, ValueRange{b.create<arith::SelectOp>(l, take, a[0], a[1]),
                            b.create<arith::SelectOp>(l, take, pos, a[2])});
        });

    // 2. The adjoint of each group to that position.
    Value result = buildGeneric(
        rewriter, loc, shape, rewriter.getF32Type(),
        ValueRange{op.getGrad(), argmax.getResult(1)}, {red, red},
        [&](OpBuilder &b, Location l, ValueRange a) {
          Value pos = positionInGroup(b, l, shape, axes);
          Value hit =
              b.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, pos, a[1]);
          return b.create<arith::SelectOp>(l, hit, a[0], f32Const(b, l, 0.0))
              .getResult();
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// The pieces of a stable softmax along `axis`: the max m, and the sum s of
/// exp(x - m), both with `axis` reduced.
std::pair<Value, Value> softmaxParts(OpBuilder &b, Location loc, Value x,
                                     int64_t axis) {
  ArrayRef<int64_t> shape = shapeOf(x);
  AffineMap id = AffineMap::getMultiDimIdentityMap(shape.size(),
                                                   b.getContext());
  AffineMap red = reducedMap(shape.size(), axis, b.getContext());
  Value m = buildReduction(b, loc, x, axis, kNegInf, maxf);
  Value e = buildGeneric(b, loc, shape, b.getF32Type(), ValueRange{x, m},
                         {id, red}, [](OpBuilder &nb, Location l, ValueRange a) {
                           return nb.create<math::ExpOp>(
                               l, nb.create<arith::SubFOp>(l, a[0], a[1]));
                         });
  Value s = buildReduction(b, loc, e, axis, 0.0, addf);
  return {m, s};
}

/// softmax and log_softmax: the stable parts (max m, sum s of exp(x - m))
/// along the op's axis, then one elementwise `finish(x, m, s)`.
template <typename OpT>
struct SoftmaxLikeLowering : OpRewritePattern<OpT> {
  SoftmaxLikeLowering(MLIRContext *ctx, BodyBuilder finish)
      : OpRewritePattern<OpT>(ctx), finish(std::move(finish)) {}

  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = op.getInput();
    int64_t axis = op.getAxis(), rank = shapeOf(x).size();
    auto [m, s] = softmaxParts(rewriter, loc, x, axis);
    MLIRContext *ctx = rewriter.getContext();
    AffineMap id = AffineMap::getMultiDimIdentityMap(rank, ctx);
    AffineMap red = reducedMap(rank, axis, ctx);
    rewriter.replaceOp(op, buildGeneric(rewriter, loc, shapeOf(x),
                                        rewriter.getF32Type(),
                                        ValueRange{x, m, s}, {id, red, red},
                                        finish));
    return success();
  }

  BodyBuilder finish;
};

Value softmaxFinish(OpBuilder &b, Location l, ValueRange a) {
  // exp(x - m) / s
  Value e = b.create<math::ExpOp>(l, b.create<arith::SubFOp>(l, a[0], a[1]));
  return b.create<arith::DivFOp>(l, e, a[2]);
}

Value logSoftmaxFinish(OpBuilder &b, Location l, ValueRange a) {
  // x - m - log(s)
  Value shifted = b.create<arith::SubFOp>(l, a[0], a[1]);
  return b.create<arith::SubFOp>(l, shifted, b.create<math::LogOp>(l, a[2]));
}

} // namespace

void nnc::lowering::populateReductionPatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<SumLowering, MeanLowering, MaxLowering, MaxBackwardLowering>(
      ctx);
  patterns.add<SoftmaxLikeLowering<SoftmaxOp>>(ctx, softmaxFinish);
  patterns.add<SoftmaxLikeLowering<LogSoftmaxOp>>(ctx, logSoftmaxFinish);
}
