//===- LoweringUtils.cpp - Helpers shared by nn-to-linalg patterns --------===//
#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "nnc/Dialect/NN/NNOps.h"

using namespace mlir;

namespace nnc::lowering {

ArrayRef<int64_t> shapeOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getShape();
}

Value emptyTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                  Type elt) {
  return b.create<tensor::EmptyOp>(loc, shape, elt);
}

Value f32Const(OpBuilder &b, Location loc, double v) {
  return b.create<arith::ConstantOp>(loc, b.getF32FloatAttr(v));
}

Value filledTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                   Type elt, double value) {
  Value scalar;
  if (isa<FloatType>(elt))
    scalar = b.create<arith::ConstantOp>(loc, b.getFloatAttr(elt, value));
  else
    scalar = b.create<arith::ConstantOp>(
        loc, b.getIntegerAttr(elt, static_cast<int64_t>(value)));
  Value empty = emptyTensor(b, loc, shape, elt);
  return b.create<linalg::FillOp>(loc, scalar, empty).getResult(0);
}

AffineMap broadcastMap(ArrayRef<int64_t> operandShape,
                       ArrayRef<int64_t> resultShape, MLIRContext *ctx) {
  SmallVector<AffineExpr> exprs;
  size_t lead = resultShape.size() - operandShape.size();
  for (size_t i = 0; i < operandShape.size(); ++i) {
    if (operandShape[i] == 1 && resultShape[i + lead] != 1)
      exprs.push_back(getAffineConstantExpr(0, ctx));
    else
      exprs.push_back(getAffineDimExpr(i + lead, ctx));
  }
  return AffineMap::get(resultShape.size(), 0, exprs, ctx);
}

Value buildElementwise(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                       Type elt, ValueRange inputs, const BodyBuilder &body) {
  SmallVector<AffineMap> maps;
  for (Value in : inputs)
    maps.push_back(broadcastMap(shapeOf(in), shape, b.getContext()));
  return buildGeneric(b, loc, shape, elt, inputs, maps, body);
}

Value buildGeneric(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                   Type elt, ValueRange inputs, ArrayRef<AffineMap> inputMaps,
                   const BodyBuilder &body) {
  MLIRContext *ctx = b.getContext();
  SmallVector<AffineMap> maps(inputMaps);
  maps.push_back(AffineMap::getMultiDimIdentityMap(shape.size(), ctx));
  SmallVector<utils::IteratorType> iters(shape.size(),
                                         utils::IteratorType::parallel);
  Value init = emptyTensor(b, loc, shape, elt);
  return b
      .create<linalg::GenericOp>(
          loc, init.getType(), inputs, init, maps, iters,
          [&](OpBuilder &nb, Location nl, ValueRange args) {
            nb.create<linalg::YieldOp>(nl, body(nb, nl, args.drop_back()));
          })
      .getResult(0);
}

AffineMap reducedMap(int64_t rank, ArrayRef<int64_t> axes, MLIRContext *ctx) {
  SmallVector<AffineExpr> exprs;
  for (int64_t i = 0; i < rank; ++i)
    if (!llvm::is_contained(axes, i))
      exprs.push_back(getAffineDimExpr(i, ctx));
  return AffineMap::get(rank, 0, exprs, ctx);
}

Value buildReduction(OpBuilder &b, Location loc, Value input,
                     ArrayRef<int64_t> axes, double init,
                     const BodyBuilder &combine) {
  MLIRContext *ctx = b.getContext();
  ArrayRef<int64_t> in = shapeOf(input);
  SmallVector<int64_t> outShape;
  SmallVector<AffineExpr> outExprs;
  SmallVector<utils::IteratorType> iters;
  for (int64_t i = 0, e = in.size(); i < e; ++i) {
    if (llvm::is_contained(axes, i)) {
      iters.push_back(utils::IteratorType::reduction);
    } else {
      iters.push_back(utils::IteratorType::parallel);
      outShape.push_back(in[i]);
      outExprs.push_back(getAffineDimExpr(i, ctx));
    }
  }
  Type elt = getElementTypeOrSelf(input.getType());
  Value acc = filledTensor(b, loc, outShape, elt, init);
  SmallVector<AffineMap> maps{
      AffineMap::getMultiDimIdentityMap(in.size(), ctx),
      AffineMap::get(in.size(), 0, outExprs, ctx)};
  auto generic = b.create<linalg::GenericOp>(
      loc, acc.getType(), input, acc, maps, iters,
      [&](OpBuilder &nb, Location nl, ValueRange args) {
        nb.create<linalg::YieldOp>(nl, combine(nb, nl, args));
      });
  return generic.getResult(0);
}

Value reshapeTensor(OpBuilder &b, Location loc, Value v,
                    ArrayRef<int64_t> shape) {
  auto type = cast<RankedTensorType>(v.getType());
  if (type.getShape() == shape)
    return v;
  auto target = RankedTensorType::get(shape, type.getElementType());
  // Through rank 1: a collapse and an expand are both views.
  Value flat = v;
  if (type.getRank() != 1) {
    SmallVector<ReassociationIndices> all;
    if (type.getRank() > 0) {
      all.emplace_back();
      for (int64_t i = 0; i < type.getRank(); ++i)
        all.back().push_back(i);
    }
    auto flatType =
        RankedTensorType::get({type.getNumElements()}, type.getElementType());
    if (type.getRank() == 0)
      flat = b.create<tensor::ExpandShapeOp>(loc, flatType, v, all);
    else
      flat = b.create<tensor::CollapseShapeOp>(loc, flatType, v, all);
  }
  if (shape.size() == 1)
    return flat;
  SmallVector<ReassociationIndices> all;
  if (!shape.empty()) {
    all.emplace_back();
    for (int64_t i = 0, e = shape.size(); i < e; ++i)
      all.back().push_back(i);
    return b.create<tensor::ExpandShapeOp>(loc, target, flat, all);
  }
  return b.create<tensor::CollapseShapeOp>(loc, target, flat, all);
}

Value padTensor(OpBuilder &b, Location loc, Value v, ArrayRef<int64_t> low,
                ArrayRef<int64_t> high, ArrayRef<int64_t> interior,
                double value) {
  ArrayRef<int64_t> in = shapeOf(v);
  size_t rank = in.size();
  // Negative padding crops: take those elements off first.
  SmallVector<int64_t> cropOff(rank, 0), cropSize(in), padLow(low),
      padHigh(high);
  bool crop = false;
  for (size_t i = 0; i < rank; ++i) {
    int64_t step = interior[i] + 1;
    if (low[i] < 0) {
      int64_t drop = (-low[i] + step - 1) / step; // whole elements removed
      cropOff[i] = drop;
      cropSize[i] -= drop;
      padLow[i] = low[i] + drop * step;
      crop = true;
    }
    if (high[i] < 0) {
      int64_t drop = (-high[i] + step - 1) / step;
      cropSize[i] -= drop;
      padHigh[i] = high[i] + drop * step;
      crop = true;
    }
  }
  Type elt = getElementTypeOrSelf(v.getType());
  if (crop) {
    SmallVector<int64_t> ones(rank, 1);
    auto type = RankedTensorType::get(cropSize, elt);
    v = b.create<tensor::ExtractSliceOp>(loc, type, v, ArrayRef<Value>{},
                                         ArrayRef<Value>{}, ArrayRef<Value>{},
                                         cropOff, cropSize, ones);
    in = shapeOf(v);
  }
  SmallVector<int64_t> out, strides;
  bool trivial = true;
  for (size_t i = 0; i < rank; ++i) {
    out.push_back(padLow[i] + padHigh[i] + in[i] + (in[i] - 1) * interior[i]);
    strides.push_back(interior[i] + 1);
    trivial &= padLow[i] == 0 && padHigh[i] == 0 && interior[i] == 0;
  }
  if (trivial)
    return v;
  Value dest = filledTensor(b, loc, out, elt, value);
  return b.create<tensor::InsertSliceOp>(loc, v, dest, ArrayRef<Value>{},
                                         ArrayRef<Value>{}, ArrayRef<Value>{},
                                         padLow, in, strides);
}

Value matmulInto(OpBuilder &b, Location loc, Value a, Value bm, Value init,
                 bool transposeA) {
  if (transposeA)
    return b
        .create<linalg::MatmulTransposeAOp>(loc, init.getType(),
                                            ValueRange{a, bm}, init)
        .getResult(0);
  return b.create<linalg::MatmulOp>(loc, init.getType(), ValueRange{a, bm},
                                    init)
      .getResult(0);
}

Value transpose2d(OpBuilder &b, Location loc, Value m) {
  ArrayRef<int64_t> s = shapeOf(m);
  Value init =
      emptyTensor(b, loc, {s[1], s[0]}, getElementTypeOrSelf(m.getType()));
  return b.create<linalg::TransposeOp>(loc, m, init, ArrayRef<int64_t>{1, 0})
      ->getResult(0);
}

void emitIndexRangeCheck(OpBuilder &b, Location loc, Value indices,
                         int64_t limit) {
  Value bad = buildElementwise(
      b, loc, shapeOf(indices), b.getI1Type(), indices,
      [&](OpBuilder &nb, Location l, ValueRange a) {
        Value lo = nb.create<arith::CmpIOp>(
            l, arith::CmpIPredicate::slt, a[0],
            nb.create<arith::ConstantIntOp>(l, 0, 32));
        Value hi = nb.create<arith::CmpIOp>(
            l, arith::CmpIPredicate::sge, a[0],
            nb.create<arith::ConstantIntOp>(l, limit, 32));
        return nb.create<arith::OrIOp>(l, lo, hi).getResult();
      });
  SmallVector<int64_t> all;
  for (int64_t i = 0, e = shapeOf(indices).size(); i < e; ++i)
    all.push_back(i);
  Value anyBad = buildReduction(b, loc, bad, all, 0.0,
                                [](OpBuilder &nb, Location l, ValueRange a) {
                                  return nb.create<arith::OrIOp>(l, a[0], a[1])
                                      .getResult();
                                });
  b.create<nn::RuntimeCheckOp>(loc, anyBad,
                               b.getI32IntegerAttr(1 /*index out of range*/));
}

Value clampedIndex(OpBuilder &b, Location l, Value index, int64_t limit) {
  Value idx = b.create<arith::IndexCastOp>(l, b.getIndexType(), index);
  idx = b.create<arith::MaxSIOp>(l, idx, b.create<arith::ConstantIndexOp>(l, 0));
  return b.create<arith::MinSIOp>(
      l, idx, b.create<arith::ConstantIndexOp>(l, limit - 1));
}

} // namespace nnc::lowering
