//===- Elementwise.cpp - Gradient rules of elementwise ops ----------------===//
//
// For y = f(x): dx = g * f'(x), written with y where that is cheaper.
// Binary ops sum their adjoint over the axes broadcasting added.
//
//===----------------------------------------------------------------------===//
#include "nnc/Dialect/NN/NNBuilder.h"
#include "nnc/Dialect/NN/NNOps.h"

using namespace mlir;
using namespace nnc::nn;

LogicalResult ReluOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                    SmallVectorImpl<Value> &out) {
  // relu'(0) = 0, as LANGUAGE.md specifies (and PyTorch does).
  out.push_back(b.create<ReluBackwardOp>(getLoc(), getType(), getInput(),
                                         grads[0]));
  return success();
}

LogicalResult SigmoidOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                       SmallVectorImpl<Value> &out) {
  NNBuilder nb(b, getLoc());
  Value y = getResult();
  out.push_back(nb.mul(grads[0], nb.mul(y, nb.sub(nb.scalar(1.0), y))));
  return success();
}

LogicalResult TanhOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                    SmallVectorImpl<Value> &out) {
  NNBuilder nb(b, getLoc());
  Value y = getResult();
  out.push_back(nb.mul(grads[0], nb.sub(nb.scalar(1.0), nb.mul(y, y))));
  return success();
}

LogicalResult ExpOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                   SmallVectorImpl<Value> &out) {
  NNBuilder nb(b, getLoc());
  out.push_back(nb.mul(grads[0], getResult()));
  return success();
}

LogicalResult LogOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                   SmallVectorImpl<Value> &out) {
  NNBuilder nb(b, getLoc());
  out.push_back(nb.div(grads[0], getInput()));
  return success();
}

LogicalResult SqrtOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                    SmallVectorImpl<Value> &out) {
  NNBuilder nb(b, getLoc());
  out.push_back(nb.div(nb.mul(grads[0], nb.scalar(0.5)), getResult()));
  return success();
}

LogicalResult NegOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                   SmallVectorImpl<Value> &out) {
  out.push_back(NNBuilder(b, getLoc()).neg(grads[0]));
  return success();
}

LogicalResult AddOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                   SmallVectorImpl<Value> &out) {
  NNBuilder nb(b, getLoc());
  out.push_back(nb.sumToShape(grads[0], nb.shape(getLhs())));
  out.push_back(nb.sumToShape(grads[0], nb.shape(getRhs())));
  return success();
}

LogicalResult SubOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                   SmallVectorImpl<Value> &out) {
  NNBuilder nb(b, getLoc());
  out.push_back(nb.sumToShape(grads[0], nb.shape(getLhs())));
  out.push_back(nb.neg(nb.sumToShape(grads[0], nb.shape(getRhs()))));
  return success();
}

LogicalResult MulOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                   SmallVectorImpl<Value> &out) {
  NNBuilder nb(b, getLoc());
  out.push_back(nb.sumToShape(nb.mul(grads[0], getRhs()), nb.shape(getLhs())));
  out.push_back(nb.sumToShape(nb.mul(grads[0], getLhs()), nb.shape(getRhs())));
  return success();
}

LogicalResult DivOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                   SmallVectorImpl<Value> &out) {
  // y = a / b: da = g / b, db = -g * y / b.
  NNBuilder nb(b, getLoc());
  Value gOverB = nb.div(grads[0], getRhs());
  out.push_back(nb.sumToShape(gOverB, nb.shape(getLhs())));
  out.push_back(nb.sumToShape(nb.neg(nb.mul(gOverB, getResult())),
                              nb.shape(getRhs())));
  return success();
}

LogicalResult CausalMaskOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                          SmallVectorImpl<Value> &out) {
  // Masked scores are constants: no adjoint reaches them.
  out.push_back(b.create<CausalMaskOp>(getLoc(), getType(), grads[0],
                                       b.getF64FloatAttr(0.0)));
  return success();
}
