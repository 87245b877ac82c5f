//===- Elementwise.cpp - nn elementwise ops to linalg.generic -------------===//
//
// One parallel linalg.generic per op, with broadcasting in the indexing
// maps; linalg's elementwise fusion later merges chains of them.
//
//===----------------------------------------------------------------------===//
#include "LoweringUtils.h"
#include "nnc/Dialect/NN/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"

using namespace mlir;
using namespace nnc::nn;
using namespace nnc::lowering;

namespace {

template <typename OpT>
struct ElementwisePattern : OpRewritePattern<OpT> {
  ElementwisePattern(MLIRContext *ctx, BodyBuilder body)
      : OpRewritePattern<OpT>(ctx), body(std::move(body)) {}

  LogicalResult matchAndRewrite(OpT op,
                                PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op->getResult(0).getType());
    Value r = buildElementwise(rewriter, op.getLoc(), type.getShape(),
                               type.getElementType(), op->getOperands(), body);
    rewriter.replaceOp(op, r);
    return success();
  }

  BodyBuilder body;
};

template <typename OpT, typename ScalarOp>
void addSimple(RewritePatternSet &patterns) {
  patterns.add<ElementwisePattern<OpT>>(
      patterns.getContext(), [](OpBuilder &b, Location l, ValueRange a) {
        return b.create<ScalarOp>(l, a).getResult();
      });
}

/// x[..., i, j] -> value where j > i (the key comes after the query).
struct CausalMaskLowering : OpRewritePattern<CausalMaskOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(CausalMaskOp op,
                                PatternRewriter &rewriter) const override {
    auto type = cast<RankedTensorType>(op.getType());
    int64_t rank = type.getRank();
    double value = op.getValue().convertToDouble();
    Value r = buildElementwise(
        rewriter, op.getLoc(), type.getShape(), type.getElementType(),
        op.getInput(), [&](OpBuilder &b, Location l, ValueRange a) {
          Value i = b.create<linalg::IndexOp>(l, rank - 2);
          Value j = b.create<linalg::IndexOp>(l, rank - 1);
          Value future =
              b.create<arith::CmpIOp>(l, arith::CmpIPredicate::ugt, j, i);
          return b.create<arith::SelectOp>(l, future, f32Const(b, l, value),
                                           a[0])
              .getResult();
        });
    rewriter.replaceOp(op, r);
    return success();
  }
};

} // namespace

void nnc::lowering::populateElementwisePatterns(RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<CausalMaskLowering>(ctx);
  addSimple<AddOp, arith::AddFOp>(patterns);
  addSimple<SubOp, arith::SubFOp>(patterns);
  addSimple<MulOp, arith::MulFOp>(patterns);
  addSimple<DivOp, arith::DivFOp>(patterns);
  addSimple<NegOp, arith::NegFOp>(patterns);
  addSimple<ExpOp, math::ExpOp>(patterns);
  addSimple<LogOp, math::LogOp>(patterns);
  addSimple<SqrtOp, math::SqrtOp>(patterns);
  addSimple<TanhOp, math::TanhOp>(patterns);
  patterns.add<ElementwisePattern<ReluOp>>(
      ctx, [](OpBuilder &b, Location l, ValueRange a) {
        // max(x, 0) that keeps NaN, like torch.relu.
        Value zero = f32Const(b, l, 0.0);
        return b.create<arith::MaximumFOp>(l, a[0], zero).getResult();
      });
  patterns.add<ElementwisePattern<SigmoidOp>>(
      ctx, [](OpBuilder &b, Location l, ValueRange a) {
        // 1 / (1 + exp(-x)): exp overflows to +inf for very negative x,
        // which still gives the correct limit 0.
        Value one = f32Const(b, l, 1.0);
        Value e = b.create<math::ExpOp>(l, b.create<arith::NegFOp>(l, a[0]));
        return b
            .create<arith::DivFOp>(l, one, b.create<arith::AddFOp>(l, one, e))
            .getResult();
      });
  patterns.add<ElementwisePattern<ReluBackwardOp>>(
      ctx, [](OpBuilder &b, Location l, ValueRange a) {
        Value zero = f32Const(b, l, 0.0);
        Value positive =
            b.create<arith::CmpFOp>(l, arith::CmpFPredicate::OGT, a[0], zero);
        return b.create<arith::SelectOp>(l, positive, a[1], zero).getResult();
      });
}
