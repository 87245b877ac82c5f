//===- Linear.cpp - Gradient rules of matmul and linear -------------------===//
#include "nnc/Dialect/NN/NNBuilder.h"
#include "nnc/Dialect/NN/NNOps.h"
#include "nnc/Dialect/NN/ShapeUtils.h"

using namespace mlir;
using namespace nnc::nn;

/// Sums the leading batch axes of `x` away until it has rank `rank`: the
/// adjoint of a 2-D operand shared by every batch.
static Value sumLeading(NNBuilder &nb, Value x, size_t rank) {
  size_t extra = NNBuilder::shape(x).size() - rank;
  SmallVector<int64_t> axes;
  for (size_t i = 0; i < extra; ++i)
    axes.push_back(i);
  return nb.sum(x, axes);
}

LogicalResult MatmulOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                      SmallVectorImpl<Value> &out) {
  // C = op(A) op(B) with op(X) = X or X^T. Then d op(A) = G op(B)^T and
  // d op(B) = op(A)^T G; each is transposed back when its op transposes,
  // which folds into the flags of a single matmul.
  NNBuilder nb(b, getLoc());
  Value g = grads[0], A = getLhs(), B = getRhs();
  bool ta = getTransposeLhs(), tb = getTransposeRhs();
  ArrayRef<int64_t> sa = nb.shape(A), sb = nb.shape(B);

  Value dA = ta ? nb.matmul(B, g, tb, true) : nb.matmul(g, B, false, !tb);
  out.push_back(sumLeading(nb, dA, sa.size()));

  if (sb.size() == 2 && sa.size() > 2 && !ta) {
    // B shared by every batch of A (the linear-layer case): fold the batch
    // into the rows so that dB is one large matmul instead of a batched one
    // and a reduction.
    int64_t k = sa.back(), n = nb.shape(g).back();
    Value a2 = nb.reshape(A, {product(sa) / k, k});
    Value g2 = nb.reshape(g, {product(nb.shape(g)) / n, n});
    out.push_back(tb ? nb.matmul(g2, a2, true, false)
                     : nb.matmul(a2, g2, true, false));
    return success();
  }
  Value dB = tb ? nb.matmul(g, A, true, ta) : nb.matmul(A, g, !ta, false);
  out.push_back(sumLeading(nb, dB, sb.size()));
  return success();
}

LogicalResult LinearOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                      SmallVectorImpl<Value> &out) {
  // y = x w^T + b with x[..., I], w[O, I]: dx = g w, dw = g^T x, db = sum g.
  NNBuilder nb(b, getLoc());
  Value g = grads[0], x = getInput(), w = getWeight();
  ArrayRef<int64_t> sx = nb.shape(x);
  int64_t in = sx.back(), outF = nb.shape(w)[0];
  int64_t rows = product(sx) / in;
  Value g2 = nb.reshape(g, {rows, outF});
  Value x2 = nb.reshape(x, {rows, in});
  out.push_back(nb.reshape(nb.matmul(g2, w), sx));
  out.push_back(nb.matmul(g2, x2, /*transposeA=*/true));
  if (getBias())
    out.push_back(nb.sum(g2, {0}));
  return success();
}

/// The adjoint of one einsum operand with letters `target`, given the
/// result's adjoint (letters `out`) and the other operand (`other`): einsum
/// again, then a broadcast over the target's letters that appear nowhere
/// else (axes the forward summed away on this operand alone).
static Value einsumAdjoint(NNBuilder &nb, Value g, const std::string &out,
                           Value other, const std::string &otherLetters,
                           Value operand, const std::string &target) {
  std::string kept, dims;
  SmallVector<int64_t> keptDims;
  for (size_t i = 0; i < target.size(); ++i)
    if (out.find(target[i]) != std::string::npos ||
        otherLetters.find(target[i]) != std::string::npos) {
      kept += target[i];
      keptDims.push_back(i);
    }
  Value r = nb.einsum(g, other, out + "," + otherLetters + "->" + kept);
  return nb.broadcast(r, keptDims, NNBuilder::shape(operand));
}

LogicalResult EinsumOp::buildGradient(OpBuilder &b, ArrayRef<Value> grads,
                                      SmallVectorImpl<Value> &out) {
  NNBuilder nb(b, getLoc());
  SmallVector<int64_t> shape;
  auto spec = parseEinsum(getEquation(), nb.shape(getLhs()),
                          nb.shape(getRhs()), shape, nullptr);
  out.push_back(einsumAdjoint(nb, grads[0], spec->out, getRhs(), spec->rhs,
                              getLhs(), spec->lhs));
  out.push_back(einsumAdjoint(nb, grads[0], spec->out, getLhs(), spec->lhs,
                              getRhs(), spec->rhs));
  return success();
}
