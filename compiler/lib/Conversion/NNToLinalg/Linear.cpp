//===- Linear.cpp - nn.matmul and nn.linear to linalg ---------------------===//
//
// Named ops (matmul, batch_matmul and their transposed forms) wherever they
// fit; batch axes are collapsed to one, and a 2-D operand shared by a
// batched one folds the batch into its rows. The remaining cases (a shared
// left operand, double transposes) become a generic contraction. The
// result's init carries the bias, so no separate add is needed.
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

/// C[b, m, n] (+)= sum_k op(A)[b, m, k] op(B)[b, k, n] for operands of rank
/// 2 (shared by every batch) or 3, into `init` of rank 2 or 3.
Value contract(OpBuilder &b, Location loc, Value A, Value B, bool ta, bool tb,
               Value init) {
  int64_t ra = shapeOf(A).size(), rb = shapeOf(B).size();
  Type type = init.getType();
  if (ra == 2 && rb == 2 && !(ta && tb)) {
    if (ta)
      return b.create<linalg::MatmulTransposeAOp>(loc, type, ValueRange{A, B},
                                                  init)
          .getResult(0);
    if (tb)
      return b.create<linalg::MatmulTransposeBOp>(loc, type, ValueRange{A, B},
                                                  init)
          .getResult(0);
    return b.create<linalg::MatmulOp>(loc, type, ValueRange{A, B}, init)
        .getResult(0);
  }
  if (ra == 3 && rb == 3 && !(ta && tb)) {
    if (ta)
      return b
          .create<linalg::BatchMatmulTransposeAOp>(loc, type, ValueRange{A, B},
                                                   init)
          .getResult(0);
    if (tb)
      return b
          .create<linalg::BatchMatmulTransposeBOp>(loc, type, ValueRange{A, B},
                                                   init)
          .getResult(0);
    return b.create<linalg::BatchMatmulOp>(loc, type, ValueRange{A, B}, init)
        .getResult(0);
  }
  // Generic contraction over (batch?, m, n, k).
  MLIRContext *ctx = b.getContext();
  bool batched = shapeOf(init).size() == 3;
  unsigned nDims = batched ? 4 : 3;
  unsigned bd = 0, m = batched, n = m + 1, k = n + 1;
  auto d = [&](unsigned i) { return getAffineDimExpr(i, ctx); };
  SmallVector<AffineExpr> ea, eb, ec;
  if (ra == 3)
    ea.push_back(d(bd));
  ea.append(ta ? SmallVector<AffineExpr>{d(k), d(m)}
               : SmallVector<AffineExpr>{d(m), d(k)});
  if (rb == 3)
    eb.push_back(d(bd));
  eb.append(tb ? SmallVector<AffineExpr>{d(n), d(k)}
               : SmallVector<AffineExpr>{d(k), d(n)});
  if (batched)
    ec.push_back(d(bd));
  ec.append({d(m), d(n)});
  SmallVector<AffineMap> maps{AffineMap::get(nDims, 0, ea, ctx),
                              AffineMap::get(nDims, 0, eb, ctx),
                              AffineMap::get(nDims, 0, ec, ctx)};
  SmallVector<utils::IteratorType> iters(nDims, utils::IteratorType::parallel);
  iters.back() = utils::IteratorType::reduction;
  return b
      .create<linalg::GenericOp>(
          loc, type, ValueRange{A, B}, init, maps, iters,
          [](OpBuilder &nb, Location nl, ValueRange args) {
            Value p = nb.create<arith::MulFOp>(nl, args[0], args[1]);
            nb.create<linalg::YieldOp>(
                nl, nb.create<arith::AddFOp>(nl, args[2], p).getResult());
          })
      .getResult(0);
}

/// Collapses the leading batch axes of a rank >= 3 tensor into one.
Value collapseBatch(OpBuilder &b, Location loc, Value v) {
  ArrayRef<int64_t> s = shapeOf(v);
  if (s.size() <= 3)
    return v;
  int64_t batch = product(s.drop_back(2));
  return reshapeTensor(b, loc, v, {batch, s[s.size() - 2], s.back()});
}

struct MatmulLowering : OpRewritePattern<MatmulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MatmulOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value A = op.getLhs(), B = op.getRhs();
    bool ta = op.getTransposeLhs(), tb = op.getTransposeRhs();
    ArrayRef<int64_t> sa = shapeOf(A), sb = shapeOf(B), sc = shapeOf(op);
    Type f32 = rewriter.getF32Type();

    if (sa.size() > 2 && sb.size() == 2 && !ta) {
      // A shared right operand: one large 2-D matmul over all rows of A.
      int64_t rows = product(sa) / sa.back();
      Value a2 = reshapeTensor(rewriter, loc, A, {rows, sa.back()});
      Value init = filledTensor(rewriter, loc, {rows, sc.back()}, f32, 0.0);
      Value c = contract(rewriter, loc, a2, B, false, tb, init);
      rewriter.replaceOp(op, reshapeTensor(rewriter, loc, c, sc));
      return success();
    }
    Value a3 = collapseBatch(rewriter, loc, A);
    Value b3 = collapseBatch(rewriter, loc, B);
    SmallVector<int64_t> cShape;
    if (sc.size() > 2)
      cShape.push_back(product(sc.drop_back(2)));
    cShape.append({sc[sc.size() - 2], sc.back()});
    Value init = filledTensor(rewriter, loc, cShape, f32, 0.0);
    Value c = contract(rewriter, loc, a3, b3, ta, tb, init);
    rewriter.replaceOp(op, reshapeTensor(rewriter, loc, c, sc));
    return success();
  }
};

struct LinearLowering : OpRewritePattern<LinearOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(LinearOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    ArrayRef<int64_t> sx = shapeOf(op.getInput());
    int64_t in = sx.back(), out = shapeOf(op.getWeight())[0];
    int64_t rows = product(sx) / in;
    Type f32 = rewriter.getF32Type();
    Value x2 = reshapeTensor(rewriter, loc, op.getInput(), {rows, in});
    Value init;
    if (Value bias = op.getBias())
      init = buildElementwise(
          rewriter, loc, {rows, out}, f32, bias,
          [](OpBuilder &, Location, ValueRange a) { return a[0]; });
    else
      init = filledTensor(rewriter, loc, {rows, out}, f32, 0.0);
    Value y = contract(rewriter, loc, x2, op.getWeight(), false, true, init);
    rewriter.replaceOp(op, reshapeTensor(rewriter, loc, y, shapeOf(op)));
    return success();
  }
};

/// A linalg.generic contraction: one loop per letter (the result's, then
/// the summed ones), mul + add in the body.
struct EinsumLowering : OpRewritePattern<EinsumOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(EinsumOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = getContext();
    SmallVector<int64_t> shape;
    auto spec = parseEinsum(op.getEquation(), shapeOf(op.getLhs()),
                            shapeOf(op.getRhs()), shape, nullptr);
    std::string all = spec->allLetters();
    auto mapOf = [&](const std::string &term) {
      SmallVector<AffineExpr> exprs;
      for (char c : term)
        exprs.push_back(getAffineDimExpr(all.find(c), ctx));
      return AffineMap::get(all.size(), 0, exprs, ctx);
    };
    SmallVector<utils::IteratorType> iters(all.size(),
                                           utils::IteratorType::reduction);
    for (size_t i = 0; i < spec->out.size(); ++i)
      iters[i] = utils::IteratorType::parallel;
    Value init = filledTensor(rewriter, loc, shape, rewriter.getF32Type(), 0.0);
    rewriter.replaceOp(
        op, rewriter
                .create<linalg::GenericOp>(
                    loc, init.getType(), ValueRange{op.getLhs(), op.getRhs()},
                    init,
                    ArrayRef<AffineMap>{mapOf(spec->lhs), mapOf(spec->rhs),
                                        mapOf(spec->out)},
                    iters,
                    [](OpBuilder &b, Location l, ValueRange a) {
                      Value p = b.create<arith::MulFOp>(l, a[0], a[1]);
                      b.create<linalg::YieldOp>(
                          l, b.create<arith::AddFOp>(l, a[2], p).getResult());
                    })
                .getResult(0));
    return success();
  }
};

} // namespace

void nnc::lowering::populateLinearPatterns(RewritePatternSet &patterns) {
  patterns.add<MatmulLowering, LinearLowering, EinsumLowering>(
      patterns.getContext());
}
