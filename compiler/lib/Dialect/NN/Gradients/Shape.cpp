//===- Shape.cpp - Gradient rules of data-movement ops --------------------===//
//
// Each rule moves the adjoint back where the data came from; integer
// tensors (labels, ids) get no adjoint.
//
//===----------------------------------------------------------------------===//
#include "nnc/Dialect/NN/NNBuilder.h"
#include "nnc/Dialect/NN/NNOps.h"
#include "mlir/IR/TypeUtilities.h"

using namespace mlir;
using namespace nnc::nn;

static bool isFloat(Value v) {
  return isa<FloatType>(getElementTypeOrSelf(v.getType()));
}

LogicalResult PermuteOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                       SmallVectorImpl<Value> &out) {
  if (!isFloat(getInput())) {
    out.push_back(nullptr);
    return success();
  }
  SmallVector<int64_t> inverse(getPerm().size());
  for (size_t i = 0; i < inverse.size(); ++i)
    inverse[getPerm()[i]] = i;
  out.push_back(NNBuilder(b, getLoc()).permute(grads[0], inverse));
  return success();
}

LogicalResult ReshapeOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                       SmallVectorImpl<Value> &out) {
  if (!isFloat(getInput())) {
    out.push_back(nullptr);
    return success();
  }
  NNBuilder nb(b, getLoc());
  out.push_back(nb.reshape(grads[0], nb.shape(getInput())));
  return success();
}

LogicalResult ConcatOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                      SmallVectorImpl<Value> &out) {
  NNBuilder nb(b, getLoc());
  ArrayRef<int64_t> full = nb.shape(grads[0]);
  SmallVector<int64_t> offsets(full.size(), 0), strides(full.size(), 1);
  for (Value in : getInputs()) {
    ArrayRef<int64_t> s = nb.shape(in);
    out.push_back(isFloat(in) ? nb.slice(grads[0], offsets, s, strides)
                              : Value());
    offsets[getAxis()] += s[getAxis()];
  }
  return success();
}

LogicalResult SliceOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                     SmallVectorImpl<Value> &out) {
  if (!isFloat(getInput())) {
    out.push_back(nullptr);
    return success();
  }
  // Scatter the adjoint back: zero padding before, between (stride - 1)
  // and after the selected elements.
  NNBuilder nb(b, getLoc());
  ArrayRef<int64_t> in = nb.shape(getInput()), sizes = nb.shape(getResult());
  SmallVector<int64_t> low, high, interior;
  for (size_t i = 0; i < in.size(); ++i) {
    int64_t off = getOffsets()[i], stride = getStrides()[i];
    low.push_back(off);
    interior.push_back(stride - 1);
    high.push_back(in[i] - (off + (sizes[i] - 1) * stride + 1));
  }
  out.push_back(nb.pad(grads[0], low, high, interior));
  return success();
}

LogicalResult PadOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                   SmallVectorImpl<Value> &out) {
  for (int64_t v : getLow())
    if (v < 0)
      return emitOpError("gradient of negative (cropping) padding is not "
                         "supported");
  for (int64_t v : getHigh())
    if (v < 0)
      return emitOpError("gradient of negative (cropping) padding is not "
                         "supported");
  NNBuilder nb(b, getLoc());
  SmallVector<int64_t> strides;
  for (int64_t i : getInterior())
    strides.push_back(i + 1);
  out.push_back(
      nb.slice(grads[0], getLow(), nb.shape(getInput()), strides));
  return success();
}

LogicalResult ReverseOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                       SmallVectorImpl<Value> &out) {
  out.push_back(b.create<ReverseOp>(getLoc(), getType(), grads[0], getAxes()));
  return success();
}

LogicalResult BroadcastOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                         SmallVectorImpl<Value> &out) {
  NNBuilder nb(b, getLoc());
  ArrayRef<int64_t> in = nb.shape(getInput()), res = nb.shape(getResult());
  SmallVector<int64_t> axes;
  for (int64_t i = 0, e = res.size(); i < e; ++i) {
    const auto *it = llvm::find(getDims(), i);
    if (it == getDims().end() ||
        (in[it - getDims().begin()] == 1 && res[i] != 1))
      axes.push_back(i);
  }
  out.push_back(nb.reshape(nb.sum(grads[0], axes), in));
  return success();
}
