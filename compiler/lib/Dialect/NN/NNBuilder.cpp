//===- NNBuilder.cpp - Build nn ops with inferred result types ------------===//
#include "nnc/Dialect/NN/NNBuilder.h"
#include "nnc/Dialect/NN/NNOps.h"
#include "nnc/Dialect/NN/ShapeUtils.h"

#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;

namespace nnc::nn {

ArrayRef<int64_t> NNBuilder::shape(Value v) {
  return cast<RankedTensorType>(v.getType()).getShape();
}

RankedTensorType NNBuilder::f32Type(ArrayRef<int64_t> s) {
  return RankedTensorType::get(s, b.getF32Type());
}

Value NNBuilder::scalar(double v) {
  auto type = f32Type({});
  return b.create<arith::ConstantOp>(
      loc, type, DenseElementsAttr::get(type, static_cast<float>(v)));
}

Value NNBuilder::zeros(ArrayRef<int64_t> s) {
  auto type = f32Type(s);
  return b.create<arith::ConstantOp>(loc, type,
                                     DenseElementsAttr::get(type, 0.0f));
}

template <typename OpT>
static Value binary(OpBuilder &b, Location loc, Value x, Value y) {
  auto s = broadcastShapes(NNBuilder::shape(x), NNBuilder::shape(y));
  assert(s && "operands do not broadcast");
  return b.create<OpT>(loc, RankedTensorType::get(*s, b.getF32Type()), x, y);
}

Value NNBuilder::add(Value x, Value y) { return binary<AddOp>(b, loc, x, y); }
Value NNBuilder::sub(Value x, Value y) { return binary<SubOp>(b, loc, x, y); }
Value NNBuilder::mul(Value x, Value y) { return binary<MulOp>(b, loc, x, y); }
Value NNBuilder::div(Value x, Value y) { return binary<DivOp>(b, loc, x, y); }
Value NNBuilder::neg(Value x) { return b.create<NegOp>(loc, x); }
Value NNBuilder::exp(Value x) { return b.create<ExpOp>(loc, x); }

Value NNBuilder::sum(Value x, ArrayRef<int64_t> axes) {
  if (axes.empty())
    return x;
  return b.create<SumOp>(loc, f32Type(dropAxes(shape(x), axes)), x,
                         b.getDenseI64ArrayAttr(axes));
}

Value NNBuilder::mean(Value x, ArrayRef<int64_t> axes) {
  if (axes.empty())
    return x;
  return b.create<MeanOp>(loc, f32Type(dropAxes(shape(x), axes)), x,
                          b.getDenseI64ArrayAttr(axes));
}

Value NNBuilder::sumToShape(Value x, ArrayRef<int64_t> target) {
  if (shape(x) == target)
    return x;
  Value summed = sum(x, broadcastReducedAxes(target, shape(x)));
  return reshape(summed, target);
}

Value NNBuilder::broadcast(Value x, ArrayRef<int64_t> dims,
                           ArrayRef<int64_t> s) {
  if (shape(x) == s)
    return x;
  return b.create<BroadcastOp>(loc, f32Type(s), x,
                               b.getDenseI64ArrayAttr(dims));
}

Value NNBuilder::unreduce(Value reduced, ArrayRef<int64_t> axes,
                          ArrayRef<int64_t> fullShape) {
  SmallVector<int64_t> dims;
  for (int64_t i = 0, e = fullShape.size(); i < e; ++i)
    if (!llvm::is_contained(axes, i))
      dims.push_back(i);
  return broadcast(reduced, dims, fullShape);
}

Value NNBuilder::reshape(Value x, ArrayRef<int64_t> s) {
  if (shape(x) == s)
    return x;
  auto type = RankedTensorType::get(
      s, cast<RankedTensorType>(x.getType()).getElementType());
  return b.create<ReshapeOp>(loc, type, x);
}

Value NNBuilder::permute(Value x, ArrayRef<int64_t> perm) {
  SmallVector<int64_t> out;
  for (int64_t p : perm)
    out.push_back(shape(x)[p]);
  auto type = RankedTensorType::get(
      out, cast<RankedTensorType>(x.getType()).getElementType());
  return b.create<PermuteOp>(loc, type, x, b.getDenseI64ArrayAttr(perm));
}

Value NNBuilder::matmul(Value x, Value y, bool transposeA, bool transposeB) {
  auto s = matmulResultShape(shape(x), shape(y), transposeA, transposeB,
                             nullptr);
  assert(s && "matmul operands do not fit");
  return b.create<MatmulOp>(loc, f32Type(*s), x, y,
                            b.getBoolAttr(transposeA),
                            b.getBoolAttr(transposeB));
}

Value NNBuilder::einsum(Value x, Value y, StringRef equation) {
  SmallVector<int64_t> out;
  auto spec = parseEinsum(equation, shape(x), shape(y), out, nullptr);
  assert(spec && "invalid einsum");
  (void)spec;
  return b.create<EinsumOp>(loc, f32Type(out), x, y,
                            b.getStringAttr(equation));
}

Value NNBuilder::slice(Value x, ArrayRef<int64_t> offsets,
                       ArrayRef<int64_t> sizes, ArrayRef<int64_t> strides) {
  auto type = RankedTensorType::get(
      sizes, cast<RankedTensorType>(x.getType()).getElementType());
  return b.create<SliceOp>(loc, type, x, b.getDenseI64ArrayAttr(offsets),
                           b.getDenseI64ArrayAttr(strides));
}

Value NNBuilder::pad(Value x, ArrayRef<int64_t> low, ArrayRef<int64_t> high,
                     ArrayRef<int64_t> interior, double value) {
  SmallVector<int64_t> out;
  ArrayRef<int64_t> in = shape(x);
  for (size_t i = 0; i < in.size(); ++i)
    out.push_back(low[i] + high[i] + in[i] + (in[i] - 1) * interior[i]);
  return b.create<PadOp>(loc, f32Type(out), x, b.getDenseI64ArrayAttr(low),
                         b.getDenseI64ArrayAttr(high),
                         b.getDenseI64ArrayAttr(interior),
                         b.getF64FloatAttr(value));
}

} // namespace nnc::nn
