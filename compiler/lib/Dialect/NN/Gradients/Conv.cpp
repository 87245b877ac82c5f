//===- Conv.cpp - Gradient rules of conv2d and conv1x1 --------------------===//
#include "nnc/Dialect/NN/NNBuilder.h"
#include "nnc/Dialect/NN/NNOps.h"
#include "nnc/Dialect/NN/ShapeUtils.h"

using namespace mlir;
using namespace nnc::nn;

LogicalResult Conv2dOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                      SmallVectorImpl<Value> &out) {
  Location loc = getLoc();
  Value g = grads[0];
  out.push_back(b.create<Conv2dBackwardInputOp>(
      loc, getInput().getType(), g, getWeight(), getStrideAttr(),
      getPaddingAttr(), getDilationAttr()));
  out.push_back(b.create<Conv2dBackwardWeightOp>(
      loc, getWeight().getType(), getInput(), g, getStrideAttr(),
      getPaddingAttr(), getDilationAttr()));
  if (getBias())
    out.push_back(NNBuilder(b, loc).sum(g, {0, 2, 3}));
  return success();
}

LogicalResult Conv1x1Op::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                       SmallVectorImpl<Value> &out) {
  // Per image n, y[n] = w x[n] with x[n] viewed as [C, H*W]:
  // dx[n] = w^T g[n], dw = sum_n g[n] x[n]^T, db = sum over n, h, w of g.
  NNBuilder nb(b, getLoc());
  ArrayRef<int64_t> sx = nb.shape(getInput());
  int64_t n = sx[0], c = sx[1], hw = sx[2] * sx[3];
  int64_t f = nb.shape(getWeight())[0];
  Value g3 = nb.reshape(grads[0], {n, f, hw});
  Value x3 = nb.reshape(getInput(), {n, c, hw});
  out.push_back(nb.reshape(nb.matmul(getWeight(), g3, true, false), sx));
  out.push_back(nb.sum(nb.matmul(g3, x3, false, true), {0}));
  if (getBias())
    out.push_back(nb.sum(grads[0], {0, 2, 3}));
  return success();
}
