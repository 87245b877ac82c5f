//===- Sequence.cpp - Gradient rules of rnn, lstm and embedding -----------===//
//
// The recurrences differentiate into one backward-through-time op each; the
// forward saved what it needs (rnn: y; lstm: y, the activated gates and
// every c_t), so nothing of the forward is recomputed.
//
//===----------------------------------------------------------------------===//
#include "nnc/Dialect/NN/NNBuilder.h"
#include "nnc/Dialect/NN/NNOps.h"

using namespace mlir;
using namespace nnc::nn;

/// The adjoint of a result, or zeros when no gradient flows into it.
static Value orZeros(NNBuilder &nb, Value grad, Value like) {
  return grad ? grad : nb.zeros(NNBuilder::shape(like));
}

LogicalResult RnnOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                   SmallVectorImpl<Value> &out) {
  NNBuilder nb(b, getLoc());
  Value dy = orZeros(nb, grads[0], getY());
  Value dhT = orZeros(nb, grads[1], getHLast());
  auto bwd = b.create<RnnBackwardOp>(
      getLoc(),
      TypeRange{getInput().getType(), getWIh().getType(), getWHh().getType(),
                getBIh().getType(), getH0().getType()},
      getInput(), getWIh(), getWHh(), getH0(), getY(), dy, dhT);
  // x, w_ih, w_hh, b_ih, b_hh, h0: both biases enter the sum identically.
  out.append({bwd.getDx(), bwd.getDwIh(), bwd.getDwHh(), bwd.getDb(),
              bwd.getDb(), bwd.getDh0()});
  return success();
}

LogicalResult LstmOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                    SmallVectorImpl<Value> &out) {
  NNBuilder nb(b, getLoc());
  Value dy = orZeros(nb, grads[0], getY());
  Value dhT = orZeros(nb, grads[1], getHLast());
  Value dcT = orZeros(nb, grads[2], getCLast());
  // The saved gates and cells are internal: no adjoint flows into them.
  auto bwd = b.create<LstmBackwardOp>(
      getLoc(),
      TypeRange{getInput().getType(), getWIh().getType(), getWHh().getType(),
                getBIh().getType(), getH0().getType(), getC0().getType()},
      getInput(), getWIh(), getWHh(), getH0(), getC0(), getY(), getGates(),
      getCells(), dy, dhT, dcT);
  out.append({bwd.getDx(), bwd.getDwIh(), bwd.getDwHh(), bwd.getDb(),
              bwd.getDb(), bwd.getDh0(), bwd.getDc0()});
  return success();
}

LogicalResult EmbeddingOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                         SmallVectorImpl<Value> &out) {
  out.push_back(nullptr); // integer ids
  out.push_back(b.create<EmbeddingBackwardOp>(
      getLoc(), getTable().getType(), getIds(), grads[0]));
  return success();
}
