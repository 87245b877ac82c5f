//===- Sequence.cpp - nn.rnn / nn.lstm and their backward to loops --------===//
//
// Forward, as a performance engineer would write it:
//  - the input projection x_t w_ih^T + b_ih + b_hh of all T steps is one
//    [T*B, I] x [I, G] matmul before the loop (the biases are its init);
//  - one scf.for over time; per step one [B, H] x [H, G] matmul with w_hh^T
//    accumulates onto that step's slice of the projection, giving all gates;
//  - the gate nonlinearities and the state update are one fused
//    linalg.generic over [B, H].
// Backward: one scf.for from T-1 down to 0 producing every step's
// pre-activation gradient (and the state gradients it carries), then the
// weight, bias and input gradients of all steps as single large matmuls.
//
//===----------------------------------------------------------------------===//
#include "LoweringUtils.h"
#include "nnc/Dialect/NN/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace nnc::nn;
using namespace nnc::lowering;

namespace {

Type f32(OpBuilder &b) { return b.getF32Type(); }

/// seq[t] of a [T, R, C] tensor, as [R, C].
Value stepOf(OpBuilder &b, Location loc, Value seq, Value t) {
  ArrayRef<int64_t> s = shapeOf(seq);
  auto type = RankedTensorType::get({s[1], s[2]}, f32(b));
  SmallVector<OpFoldResult> offsets{t, b.getIndexAttr(0), b.getIndexAttr(0)};
  SmallVector<OpFoldResult> sizes{b.getIndexAttr(1), b.getIndexAttr(s[1]),
                                  b.getIndexAttr(s[2])};
  SmallVector<OpFoldResult> strides(3, b.getIndexAttr(1));
  return b.create<tensor::ExtractSliceOp>(loc, type, seq, offsets, sizes,
                                         strides);
}

/// seq with seq[t] replaced by `step` ([R, C]).
Value withStep(OpBuilder &b, Location loc, Value seq, Value step, Value t) {
  ArrayRef<int64_t> s = shapeOf(seq);
  SmallVector<OpFoldResult> offsets{t, b.getIndexAttr(0), b.getIndexAttr(0)};
  SmallVector<OpFoldResult> sizes{b.getIndexAttr(1), b.getIndexAttr(s[1]),
                                  b.getIndexAttr(s[2])};
  SmallVector<OpFoldResult> strides(3, b.getIndexAttr(1));
  return b.create<tensor::InsertSliceOp>(loc, step, seq, offsets, sizes,
                                         strides);
}

/// m with columns [col, col + block.cols) replaced by `block`.
Value withColumns(OpBuilder &b, Location loc, Value m, Value block,
                  int64_t col) {
  ArrayRef<int64_t> s = shapeOf(block);
  return b.create<tensor::InsertSliceOp>(
      loc, block, m, ValueRange{}, ValueRange{}, ValueRange{},
      ArrayRef<int64_t>{0, col}, s, ArrayRef<int64_t>{1, 1});
}

/// Columns [k*H, (k+1)*H) of a [B, G] tensor: gate k (a view).
Value gate(OpBuilder &b, Location loc, Value m, int64_t k, int64_t h) {
  int64_t rows = shapeOf(m)[0];
  auto type = RankedTensorType::get({rows, h}, b.getF32Type());
  return b.create<tensor::ExtractSliceOp>(
      loc, type, m, ValueRange{}, ValueRange{}, ValueRange{},
      ArrayRef<int64_t>{0, k * h}, ArrayRef<int64_t>{rows, h},
      ArrayRef<int64_t>{1, 1});
}

Value sigmoid(OpBuilder &b, Location l, Value x) {
  Value one = f32Const(b, l, 1.0);
  Value e = b.create<math::ExpOp>(l, b.create<arith::NegFOp>(l, x));
  return b.create<arith::DivFOp>(l, one, b.create<arith::AddFOp>(l, one, e));
}

/// A parallel generic over [R, C] with several [R, C] results.
SmallVector<Value> fusedStep(OpBuilder &b, Location loc, int64_t rows,
                             int64_t cols, ValueRange inputs,
                             ArrayRef<AffineMap> inputMaps, unsigned numResults,
                             function_ref<SmallVector<Value>(
                                 OpBuilder &, Location, ValueRange)>
                                 body) {
  MLIRContext *ctx = b.getContext();
  SmallVector<Value> inits;
  SmallVector<AffineMap> maps(inputMaps);
  for (unsigned i = 0; i < numResults; ++i) {
    inits.push_back(emptyTensor(b, loc, {rows, cols}, f32(b)));
    maps.push_back(AffineMap::getMultiDimIdentityMap(2, ctx));
  }
  SmallVector<utils::IteratorType> iters(2, utils::IteratorType::parallel);
  auto generic = b.create<linalg::GenericOp>(
      loc, ValueRange(inits).getTypes(), inputs, inits, maps, iters,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        nb.create<linalg::YieldOp>(nl,
                                   body(nb, nl, args.take_front(inputs.size())));
      });
  return generic.getResults();
}

/// The next value of a loop state, copied into the state's own buffer:
/// bufferization needs every iteration to update its states in place (so
/// no buffer outlives an iteration), and a copy of B x H floats per step is
/// noise next to the step's matmul.
Value intoState(OpBuilder &b, Location loc, Value next, Value state) {
  return b.create<linalg::CopyOp>(loc, next, state).getResult(0);
}

/// The shapes of a recurrence: T, B, I, H and G (the gate rows, H or 4H).
struct Dims {
  int64_t t, b, i, h, g;
};

Dims dimsOf(Value x, Value whh) {
  ArrayRef<int64_t> sx = shapeOf(x), sw = shapeOf(whh);
  return {sx[0], sx[1], sx[2], sw[1], sw[0]};
}

/// The hoisted input projection, [T, B, G]: x w_ih^T + b_ih + b_hh.
Value inputProjection(OpBuilder &b, Location loc, Value x, Value wih,
                      Value bih, Value bhh, const Dims &d) {
  Value bias = buildElementwise(b, loc, {d.g}, f32(b), ValueRange{bih, bhh},
                                [](OpBuilder &nb, Location l, ValueRange a) {
                                  return nb.create<arith::AddFOp>(l, a[0], a[1])
                                      .getResult();
                                });
  Value init = buildElementwise(
      b, loc, {d.t * d.b, d.g}, f32(b), bias,
      [](OpBuilder &, Location, ValueRange a) { return a[0]; });
  Value x2 = reshapeTensor(b, loc, x, {d.t * d.b, d.i});
  Value xw = matmulInto(b, loc, x2, transpose2d(b, loc, wih), init);
  return reshapeTensor(b, loc, xw, {d.t, d.b, d.g});
}

/// A loop over time with `inits` as iteration arguments; `reverse` runs
/// t = T-1 ... 0. The body gets (t, iteration arguments).
scf::ForOp timeLoop(OpBuilder &b, Location loc, int64_t steps, bool reverse,
                    ValueRange inits,
                    function_ref<SmallVector<Value>(OpBuilder &, Location,
                                                    Value, ValueRange)>
                        body) {
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  Value end = b.create<arith::ConstantIndexOp>(loc, steps);
  Value one = b.create<arith::ConstantIndexOp>(loc, 1);
  return b.create<scf::ForOp>(
      loc, zero, end, one, inits,
      [&](OpBuilder &nb, Location nl, Value s, ValueRange args) {
        Value t = s;
        if (reverse)
          t = nb.create<arith::SubIOp>(
              nl, nb.create<arith::ConstantIndexOp>(nl, steps - 1), s);
        nb.create<scf::YieldOp>(nl, body(nb, nl, t, args));
      });
}

/// h_{t-1} for every t: h0, then y[0 .. T-2], as [T*B, H].
Value previousStates(OpBuilder &b, Location loc, Value h0, Value y,
                     const Dims &d) {
  Value all = emptyTensor(b, loc, {d.t, d.b, d.h}, f32(b));
  Value h03 = reshapeTensor(b, loc, h0, {1, d.b, d.h});
  all = b.create<tensor::InsertSliceOp>(
      loc, h03, all, ValueRange{}, ValueRange{}, ValueRange{},
      ArrayRef<int64_t>{0, 0, 0}, ArrayRef<int64_t>{1, d.b, d.h},
      ArrayRef<int64_t>{1, 1, 1});
  if (d.t > 1) {
    auto type = RankedTensorType::get({d.t - 1, d.b, d.h}, f32(b));
    Value head = b.create<tensor::ExtractSliceOp>(
        loc, type, y, ValueRange{}, ValueRange{}, ValueRange{},
        ArrayRef<int64_t>{0, 0, 0}, ArrayRef<int64_t>{d.t - 1, d.b, d.h},
        ArrayRef<int64_t>{1, 1, 1});
    all = b.create<tensor::InsertSliceOp>(
        loc, head, all, ValueRange{}, ValueRange{}, ValueRange{},
        ArrayRef<int64_t>{1, 0, 0}, ArrayRef<int64_t>{d.t - 1, d.b, d.h},
        ArrayRef<int64_t>{1, 1, 1});
  }
  return reshapeTensor(b, loc, all, {d.t * d.b, d.h});
}

/// The gradients every step shares once the per-step pre-activation
/// adjoints dA[T, B, G] are known: dx, dw_ih, dw_hh, db.
SmallVector<Value> weightGradients(OpBuilder &b, Location loc, Value dA,
                                   Value x, Value wih, Value h0, Value y,
                                   const Dims &d) {
  Value dA2 = reshapeTensor(b, loc, dA, {d.t * d.b, d.g});
  Value x2 = reshapeTensor(b, loc, x, {d.t * d.b, d.i});
  Value dx = matmulInto(b, loc, dA2, wih,
                        filledTensor(b, loc, {d.t * d.b, d.i}, f32(b), 0.0));
  Value dwih = matmulInto(b, loc, dA2, x2,
                          filledTensor(b, loc, {d.g, d.i}, f32(b), 0.0),
                          /*transposeA=*/true);
  Value dwhh = matmulInto(b, loc, dA2, previousStates(b, loc, h0, y, d),
                          filledTensor(b, loc, {d.g, d.h}, f32(b), 0.0),
                          /*transposeA=*/true);
  Value db = buildReduction(b, loc, dA2, {0}, 0.0,
                            [](OpBuilder &nb, Location l, ValueRange a) {
                              return nb.create<arith::AddFOp>(l, a[0], a[1])
                                  .getResult();
                            });
  return {reshapeTensor(b, loc, dx, {d.t, d.b, d.i}), dwih, dwhh, db};
}

struct RnnLowering : OpRewritePattern<RnnOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(RnnOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Dims d = dimsOf(op.getInput(), op.getWHh());
    Value xw = inputProjection(rewriter, loc, op.getInput(), op.getWIh(),
                               op.getBIh(), op.getBHh(), d);
    Value whhT = transpose2d(rewriter, loc, op.getWHh());
    Value y0 = emptyTensor(rewriter, loc, {d.t, d.b, d.h}, f32(rewriter));
    auto loop = timeLoop(
        rewriter, loc, d.t, false, ValueRange{op.getH0(), y0},
        [&](OpBuilder &b, Location l, Value t, ValueRange args) {
          Value pre = matmulInto(b, l, args[0], whhT, stepOf(b, l, xw, t));
          Value h = buildElementwise(
              b, l, {d.b, d.h}, f32(b), pre,
              [](OpBuilder &nb, Location nl, ValueRange a) {
                return nb.create<math::TanhOp>(nl, a[0]).getResult();
              });
          return SmallVector<Value>{intoState(b, l, h, args[0]),
                                    withStep(b, l, args[1], h, t)};
        });
    rewriter.replaceOp(op, {loop.getResult(1), loop.getResult(0)});
    return success();
  }
};

struct RnnBackwardLowering : OpRewritePattern<RnnBackwardOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(RnnBackwardOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Dims d = dimsOf(op.getInput(), op.getWHh());
    Value y = op.getY(), dy = op.getDy();
    Value dA0 = emptyTensor(rewriter, loc, {d.t, d.b, d.g}, f32(rewriter));
    auto loop = timeLoop(
        rewriter, loc, d.t, true, ValueRange{op.getDhLast(), dA0},
        [&](OpBuilder &b, Location l, Value t, ValueRange args) {
          // da = (dy_t + dh_{t+1}) * (1 - h_t^2)
          Value da = buildElementwise(
              b, l, {d.b, d.h}, f32(b),
              ValueRange{stepOf(b, l, dy, t), args[0], stepOf(b, l, y, t)},
              [](OpBuilder &nb, Location nl, ValueRange a) {
                Value dh = nb.create<arith::AddFOp>(nl, a[0], a[1]);
                Value h2 = nb.create<arith::MulFOp>(nl, a[2], a[2]);
                Value slope =
                    nb.create<arith::SubFOp>(nl, f32Const(nb, nl, 1.0), h2);
                return nb.create<arith::MulFOp>(nl, dh, slope).getResult();
              });
          Value dhPrev =
              matmulInto(b, l, da, op.getWHh(),
                         filledTensor(b, l, {d.b, d.h}, f32(b), 0.0));
          return SmallVector<Value>{intoState(b, l, dhPrev, args[0]),
                                    withStep(b, l, args[1], da, t)};
        });
    SmallVector<Value> grads =
        weightGradients(rewriter, loc, loop.getResult(1), op.getInput(),
                        op.getWIh(), op.getH0(), y, d);
    grads.push_back(loop.getResult(0));
    rewriter.replaceOp(op, grads);
    return success();
  }
};

struct LstmLowering : OpRewritePattern<LstmOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(LstmOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = getContext();
    Dims d = dimsOf(op.getInput(), op.getWHh());
    Value xw = inputProjection(rewriter, loc, op.getInput(), op.getWIh(),
                               op.getBIh(), op.getBHh(), d);
    Value whhT = transpose2d(rewriter, loc, op.getWHh());
    Type t32 = f32(rewriter);
    Value y0 = emptyTensor(rewriter, loc, {d.t, d.b, d.h}, t32);
    Value gates0 = emptyTensor(rewriter, loc, {d.t, d.b, d.g}, t32);
    Value cells0 = emptyTensor(rewriter, loc, {d.t, d.b, d.h}, t32);
    SmallVector<AffineMap> maps(5, AffineMap::getMultiDimIdentityMap(2, ctx));
    auto loop = timeLoop(
        rewriter, loc, d.t, false,
        ValueRange{op.getH0(), op.getC0(), y0, gates0, cells0},
        [&](OpBuilder &b, Location l, Value t, ValueRange args) {
          // All four gates' pre-activations: the step's input projection
          // plus h_{t-1} w_hh^T.
          Value pre = matmulInto(b, l, args[0], whhT, stepOf(b, l, xw, t));
          // Results: c, h, then the activated gates i, f, g, o.
          SmallVector<Value> r = fusedStep(
              b, l, d.b, d.h,
              ValueRange{gate(b, l, pre, 0, d.h), gate(b, l, pre, 1, d.h),
                         gate(b, l, pre, 2, d.h), gate(b, l, pre, 3, d.h),
                         args[1]},
              maps, 6,
              [](OpBuilder &nb, Location nl, ValueRange a) {
                Value i = sigmoid(nb, nl, a[0]);
                Value f = sigmoid(nb, nl, a[1]);
                Value g = nb.create<math::TanhOp>(nl, a[2]);
                Value o = sigmoid(nb, nl, a[3]);
                Value c = nb.create<arith::AddFOp>(
                    nl, nb.create<arith::MulFOp>(nl, f, a[4]),
                    nb.create<arith::MulFOp>(nl, i, g));
                Value h = nb.create<arith::MulFOp>(
                    nl, o, nb.create<math::TanhOp>(nl, c));
                return SmallVector<Value>{c, h, i, f, g, o};
              });
          Value gatesT = emptyTensor(b, l, {d.b, d.g}, f32(b));
          for (int k = 0; k < 4; ++k)
            gatesT = withColumns(b, l, gatesT, r[2 + k], k * d.h);
          return SmallVector<Value>{intoState(b, l, r[1], args[0]),
                                    intoState(b, l, r[0], args[1]),
                                    withStep(b, l, args[2], r[1], t),
                                    withStep(b, l, args[3], gatesT, t),
                                    withStep(b, l, args[4], r[0], t)};
        });
    rewriter.replaceOp(op, {loop.getResult(2), loop.getResult(0),
                            loop.getResult(1), loop.getResult(3),
                            loop.getResult(4)});
    return success();
  }
};

struct LstmBackwardLowering : OpRewritePattern<LstmBackwardOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(LstmBackwardOp op,
                                PatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = getContext();
    Dims d = dimsOf(op.getInput(), op.getWHh());
    Value gates = op.getGates(), cells = op.getCells(), dy = op.getDy();
    Value c0 = op.getC0();
    Value dA0 = emptyTensor(rewriter, loc, {d.t, d.b, d.g}, f32(rewriter));
    SmallVector<AffineMap> maps(9, AffineMap::getMultiDimIdentityMap(2, ctx));
    auto loop = timeLoop(
        rewriter, loc, d.t, true,
        ValueRange{op.getDhLast(), op.getDcLast(), dA0},
        [&](OpBuilder &b, Location l, Value t, ValueRange args) {
          Value zero = b.create<arith::ConstantIndexOp>(l, 0);
          Value first =
              b.create<arith::CmpIOp>(l, arith::CmpIPredicate::eq, t, zero);
          // c_{t-1}: c0 at the first step, else the saved cell.
          auto prev = b.create<scf::IfOp>(
              l, first,
              [&](OpBuilder &tb, Location tl) {
                tb.create<scf::YieldOp>(tl, c0);
              },
              [&](OpBuilder &eb, Location el) {
                Value tm1 = eb.create<arith::SubIOp>(
                    el, t, eb.create<arith::ConstantIndexOp>(el, 1));
                eb.create<scf::YieldOp>(el, stepOf(eb, el, cells, tm1));
              });
          Value g = stepOf(b, l, gates, t);
          // Seed 004's step, with the carried dc (the carousel). Results:
          // d(pre-activation) of i, f, g, o, then dc_{t-1}.
          SmallVector<Value> r = fusedStep(
              b, l, d.b, d.h,
              ValueRange{gate(b, l, g, 0, d.h), gate(b, l, g, 1, d.h),
                         gate(b, l, g, 2, d.h), gate(b, l, g, 3, d.h),
                         stepOf(b, l, cells, t), prev.getResult(0),
                         stepOf(b, l, dy, t), args[0], args[1]},
              maps, 5, [](OpBuilder &nb, Location nl, ValueRange a) {
                auto mul = [&](Value x, Value y) {
                  return nb.create<arith::MulFOp>(nl, x, y).getResult();
                };
                auto sub = [&](Value x, Value y) {
                  return nb.create<arith::SubFOp>(nl, x, y).getResult();
                };
                auto add = [&](Value x, Value y) {
                  return nb.create<arith::AddFOp>(nl, x, y).getResult();
                };
                Value one = f32Const(nb, nl, 1.0);
                Value i = a[0], f = a[1], gg = a[2], o = a[3];
                Value c = a[4], cPrev = a[5];
                Value dh = add(a[6], a[7]);
                Value tc = nb.create<math::TanhOp>(nl, c);
                Value dc = add(a[8], mul(mul(dh, o), sub(one, mul(tc, tc))));
                Value dI = mul(mul(dc, gg), mul(i, sub(one, i)));
                Value dF = mul(mul(dc, cPrev), mul(f, sub(one, f)));
                Value dG = mul(mul(dc, i), sub(one, mul(gg, gg)));
                Value dO = mul(mul(dh, tc), mul(o, sub(one, o)));
                return SmallVector<Value>{dI, dF, dG, dO, mul(dc, f)};
              });
          Value dA = emptyTensor(b, l, {d.b, d.g}, f32(b));
          for (int k = 0; k < 4; ++k)
            dA = withColumns(b, l, dA, r[k], k * d.h);
          Value dhPrev = matmulInto(b, l, dA, op.getWHh(),
                                    filledTensor(b, l, {d.b, d.h}, f32(b), 0.0));
          return SmallVector<Value>{intoState(b, l, dhPrev, args[0]),
                                    intoState(b, l, r[4], args[1]),
                                    withStep(b, l, args[2], dA, t)};
        });
    SmallVector<Value> grads =
        weightGradients(rewriter, loc, loop.getResult(2), op.getInput(),
                        op.getWIh(), op.getH0(), op.getY(), d);
    grads.push_back(loop.getResult(0));
    grads.push_back(loop.getResult(1));
    rewriter.replaceOp(op, grads);
    return success();
  }
};

} // namespace

void nnc::lowering::populateSequencePatterns(RewritePatternSet &patterns) {
  patterns.add<RnnLowering, RnnBackwardLowering, LstmLowering,
               LstmBackwardLowering>(patterns.getContext());
}
