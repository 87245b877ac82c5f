//===- Pooling.cpp - Gradient rules of pooling ----------------------------===//
#include "nnc/Dialect/NN/NNOps.h"

using namespace mlir;
using namespace nnc::nn;

LogicalResult MaxPool2dOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                         SmallVectorImpl<Value> &out) {
  // Each window's adjoint goes to its first maximal element (row-major).
  out.push_back(b.create<MaxPool2dBackwardOp>(
      getLoc(), getInput().getType(), getInput(), grads[0], getKernelAttr(),
      getStrideAttr(), getPaddingAttr()));
  return success();
}

LogicalResult AvgPool2dOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                         SmallVectorImpl<Value> &out) {
  out.push_back(b.create<AvgPool2dBackwardOp>(
      getLoc(), getInput().getType(), grads[0], getKernelAttr(),
      getStrideAttr(), getPaddingAttr()));
  return success();
}
