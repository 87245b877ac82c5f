//===- Reduction.cpp - Gradient rules of reductions and softmax -----------===//
#include "nnc/Dialect/NN/NNBuilder.h"
#include "nnc/Dialect/NN/NNOps.h"
#include "nnc/Dialect/NN/ShapeUtils.h"

using namespace mlir;
using namespace nnc::nn;

LogicalResult SumOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                   SmallVectorImpl<Value> &out) {
  NNBuilder nb(b, getLoc());
  out.push_back(nb.unreduce(grads[0], getAxes(), nb.shape(getInput())));
  return success();
}

LogicalResult MeanOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                    SmallVectorImpl<Value> &out) {
  NNBuilder nb(b, getLoc());
  ArrayRef<int64_t> in = nb.shape(getInput());
  int64_t count = product(in) / product(nb.shape(getResult()));
  Value scaled = nb.mul(grads[0], nb.scalar(1.0 / static_cast<double>(count)));
  out.push_back(nb.unreduce(scaled, getAxes(), in));
  return success();
}

LogicalResult MaxOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                   SmallVectorImpl<Value> &out) {
  // The whole adjoint goes to the first maximal element (seed 001).
  out.push_back(b.create<MaxBackwardOp>(getLoc(), getInput().getType(),
                                        getInput(), grads[0], getAxes()));
  return success();
}

LogicalResult SoftmaxOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                       SmallVectorImpl<Value> &out) {
  // dx = y * (g - sum(g * y, axis)).
  NNBuilder nb(b, getLoc());
  Value y = getResult(), g = grads[0];
  int64_t axis = getAxis();
  Value dot = nb.unreduce(nb.sum(nb.mul(g, y), {axis}), {axis}, nb.shape(y));
  out.push_back(nb.mul(y, nb.sub(g, dot)));
  return success();
}

LogicalResult LogSoftmaxOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                          SmallVectorImpl<Value> &out) {
  // dx = g - exp(y) * sum(g, axis).
  NNBuilder nb(b, getLoc());
  Value y = getResult(), g = grads[0];
  int64_t axis = getAxis();
  Value total = nb.unreduce(nb.sum(g, {axis}), {axis}, nb.shape(y));
  out.push_back(nb.sub(g, nb.mul(nb.exp(y), total)));
  return success();
}
