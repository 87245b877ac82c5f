//===- NNOps.cpp - Verifiers, folders and costs of nn ops -----------------===//
//
// The front end has already checked user programs; these verifiers guard
// hand-written IR (nnc-opt tests) and the output of gradient rules.
//
//===----------------------------------------------------------------------===//
#include "nnc/Dialect/NN/NNOps.h"
#include "mlir/IR/TypeUtilities.h"
#include "nnc/Dialect/NN/ShapeUtils.h"

#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace nnc::nn;

static ArrayRef<int64_t> shapeOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getShape();
}

static std::string str(ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

static double numel(Value v) {
  return static_cast<double>(cast<ShapedType>(v.getType()).getNumElements());
}

static LogicalResult expectShape(Operation *op, Value v,
                                 ArrayRef<int64_t> expected, StringRef what) {
  if (shapeOf(v) == expected)
    return success();
  return op->emitOpError() << what << " has shape " << str(shapeOf(v))
                           << ", expected " << str(expected);
}

static LogicalResult verifyPair(Operation *op, ArrayRef<int64_t> attr,
                                StringRef name, int64_t min) {
  if (attr.size() != 2)
    return op->emitOpError() << "'" << name << "' must have 2 entries";
  for (int64_t v : attr)
    if (v < min)
      return op->emitOpError() << "'" << name << "' entries must be >= " << min;
  return success();
}

/// Axes must be sorted, unique and within [0, rank).
static LogicalResult verifyAxes(Operation *op, ArrayRef<int64_t> axes,
                                int64_t rank) {
  for (size_t i = 0; i < axes.size(); ++i) {
    if (axes[i] < 0 || axes[i] >= rank)
      return op->emitOpError() << "axis " << axes[i] << " out of range for rank "
                               << rank;
    if (i && axes[i] <= axes[i - 1])
      return op->emitOpError() << "axes must be sorted and unique";
  }
  return success();
}

static LogicalResult verifySameElementType(Operation *op, Value a, Value b) {
  if (getElementTypeOrSelf(a.getType()) == getElementTypeOrSelf(b.getType()))
    return success();
  return op->emitOpError() << "element types differ";
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

template <typename BinaryOp> static LogicalResult verifyBinary(BinaryOp op) {
  auto shape = broadcastShapes(shapeOf(op.getLhs()), shapeOf(op.getRhs()));
  if (!shape)
    return op.emitOpError() << "cannot broadcast " << str(shapeOf(op.getLhs()))
                            << " with " << str(shapeOf(op.getRhs()));
  return expectShape(op, op.getResult(), *shape, "result");
}

LogicalResult AddOp::verify() { return verifyBinary(*this); }
LogicalResult SubOp::verify() { return verifyBinary(*this); }
LogicalResult MulOp::verify() { return verifyBinary(*this); }
LogicalResult DivOp::verify() { return verifyBinary(*this); }

LogicalResult ReluBackwardOp::verify() {
  if (getInput().getType() != getGrad().getType() ||
      getInput().getType() != getResult().getType())
    return emitOpError("input, gradient and result must have the same type");
  return success();
}

//===----------------------------------------------------------------------===//
// Linear algebra
//===----------------------------------------------------------------------===//

LogicalResult MatmulOp::verify() {
  std::string why;
  auto shape = matmulResultShape(shapeOf(getLhs()), shapeOf(getRhs()),
                                 getTransposeLhs(), getTransposeRhs(), &why);
  if (!shape)
    return emitOpError() << why << ": " << str(shapeOf(getLhs())) << " x "
                         << str(shapeOf(getRhs()));
  return expectShape(*this, getResult(), *shape, "result");
}

double MatmulOp::getFlopCount() {
  ArrayRef<int64_t> a = shapeOf(getLhs());
  int64_t k = getTransposeLhs() ? a[a.size() - 2] : a.back();
  return 2.0 * numel(getResult()) * static_cast<double>(k);
}

LogicalResult EinsumOp::verify() {
  std::string why;
  SmallVector<int64_t> shape;
  if (!parseEinsum(getEquation(), shapeOf(getLhs()), shapeOf(getRhs()), shape,
                   &why))
    return emitOpError() << "'" << getEquation() << "': " << why;
  return expectShape(*this, getResult(), shape, "result");
}

double EinsumOp::getFlopCount() {
  SmallVector<int64_t> shape;
  auto spec = parseEinsum(getEquation(), shapeOf(getLhs()), shapeOf(getRhs()),
                          shape, nullptr);
  double n = 2;
  for (char c : spec->allLetters()) {
    size_t i = spec->lhs.find(c);
    n *= i != std::string::npos ? shapeOf(getLhs())[i]
                                : shapeOf(getRhs())[spec->rhs.find(c)];
  }
  return n;
}

LogicalResult CausalMaskOp::verify() {
  if (shapeOf(getInput()).size() < 2)
    return emitOpError("expects rank >= 2 ([..., query, key])");
  return success();
}

LogicalResult LinearOp::verify() {
  ArrayRef<int64_t> x = shapeOf(getInput()), w = shapeOf(getWeight());
  if (x.empty() || w.size() != 2)
    return emitOpError("expects input of rank >= 1 and a 2-D weight");
  if (x.back() != w[1])
    return emitOpError() << "weight " << str(w) << " expects " << w[1]
                         << " input features, input has " << str(x);
  if (getBias() && shapeOf(getBias()) != ArrayRef<int64_t>{w[0]})
    return emitOpError() << "bias has shape " << str(shapeOf(getBias()))
                         << ", expected [" << w[0] << "]";
  SmallVector<int64_t> out(x.drop_back());
  out.push_back(w[0]);
  return expectShape(*this, getResult(), out, "result");
}

double LinearOp::getFlopCount() {
  return 2.0 * numel(getResult()) *
         static_cast<double>(shapeOf(getWeight())[1]);
}

//===----------------------------------------------------------------------===//
// Shape and data movement
//===----------------------------------------------------------------------===//

LogicalResult PermuteOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput());
  ArrayRef<int64_t> perm = getPerm();
  if (perm.size() != in.size())
    return emitOpError("perm must have one entry per axis");
  SmallVector<bool> seen(in.size(), false);
  SmallVector<int64_t> out;
  for (int64_t p : perm) {
    if (p < 0 || p >= static_cast<int64_t>(in.size()) || seen[p])
      return emitOpError("perm is not a permutation");
    seen[p] = true;
    out.push_back(in[p]);
  }
  if (failed(verifySameElementType(*this, getInput(), getResult())))
    return failure();
  return expectShape(*this, getResult(), out, "result");
}

LogicalResult ReshapeOp::verify() {
  if (product(shapeOf(getInput())) != product(shapeOf(getResult())))
    return emitOpError() << "cannot reshape " << str(shapeOf(getInput()))
                         << " to " << str(shapeOf(getResult()));
  return verifySameElementType(*this, getInput(), getResult());
}

OpFoldResult ReshapeOp::fold(FoldAdaptor) {
  if (getInput().getType() == getResult().getType())
    return getInput();
  if (auto producer = getInput().getDefiningOp<ReshapeOp>()) {
    getInputMutable().assign(producer.getInput());
    return getResult();
  }
  return {};
}

LogicalResult ConcatOp::verify() {
  if (getInputs().empty())
    return emitOpError("needs at least one input");
  ArrayRef<int64_t> first = shapeOf(getInputs()[0]);
  int64_t axis = getAxis();
  if (axis < 0 || axis >= static_cast<int64_t>(first.size()))
    return emitOpError() << "axis " << axis << " out of range";
  SmallVector<int64_t> out(first);
  out[axis] = 0;
  for (Value v : getInputs()) {
    ArrayRef<int64_t> s = shapeOf(v);
    if (failed(verifySameElementType(*this, v, getResult())))
      return failure();
    if (s.size() != first.size())
      return emitOpError("inputs must have the same rank");
    for (size_t i = 0; i < s.size(); ++i)
      if (static_cast<int64_t>(i) != axis && s[i] != first[i])
        return emitOpError() << "inputs " << str(first) << " and " << str(s)
                             << " differ outside axis " << axis;
    out[axis] += s[axis];
  }
  return expectShape(*this, getResult(), out, "result");
}

LogicalResult SliceOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput()), out = shapeOf(getResult());
  if (getOffsets().size() != in.size() || getStrides().size() != in.size() ||
      out.size() != in.size())
    return emitOpError("offsets, strides and result need one entry per axis");
  for (size_t i = 0; i < in.size(); ++i) {
    int64_t off = getOffsets()[i], stride = getStrides()[i];
    if (off < 0 || stride < 1 || out[i] < 1 ||
        off + (out[i] - 1) * stride >= in[i])
      return emitOpError() << "slice out of bounds on axis " << i;
  }
  return verifySameElementType(*this, getInput(), getResult());
}

LogicalResult PadOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput());
  if (getLow().size() != in.size() || getHigh().size() != in.size() ||
      getInterior().size() != in.size())
    return emitOpError("low, high and interior need one entry per axis");
  SmallVector<int64_t> out;
  for (size_t i = 0; i < in.size(); ++i) {
    if (getInterior()[i] < 0)
      return emitOpError("interior padding must be >= 0");
    int64_t stuffed = in[i] + (in[i] - 1) * getInterior()[i];
    out.push_back(getLow()[i] + getHigh()[i] + stuffed);
    if (out.back() < 1)
      return emitOpError() << "padding leaves no element on axis " << i;
    // A negative low or high crops the (zero-stuffed) data; it cannot crop
    // more than there is, e.g. low = -5 and high = 5 on 3 elements.
    if (getLow()[i] <= -stuffed || getHigh()[i] <= -stuffed)
      return emitOpError() << "negative padding crops more than the "
                           << stuffed << " elements of axis " << i;
  }
  return expectShape(*this, getResult(), out, "result");
}

LogicalResult ReverseOp::verify() {
  return verifyAxes(*this, getAxes(), shapeOf(getInput()).size());
}

LogicalResult BroadcastOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput()), out = shapeOf(getResult());
  ArrayRef<int64_t> dims = getDims();
  if (dims.size() != in.size())
    return emitOpError("dims must have one entry per input axis");
  if (failed(verifyAxes(*this, dims, out.size())))
    return failure();
  for (size_t i = 0; i < in.size(); ++i)
    if (in[i] != 1 && in[i] != out[dims[i]])
      return emitOpError() << "cannot broadcast " << str(in) << " to "
                           << str(out);
  return success();
}

//===----------------------------------------------------------------------===//
// Reductions and normalisation
//===----------------------------------------------------------------------===//

template <typename ReduceOp> static LogicalResult verifyReduce(ReduceOp op) {
  ArrayRef<int64_t> in = shapeOf(op.getInput());
  if (failed(verifyAxes(op, op.getAxes(), in.size())))
    return failure();
  return expectShape(op, op.getResult(), dropAxes(in, op.getAxes()), "result");
}

LogicalResult SumOp::verify() { return verifyReduce(*this); }
LogicalResult MeanOp::verify() { return verifyReduce(*this); }
LogicalResult MaxOp::verify() { return verifyReduce(*this); }

LogicalResult MaxBackwardOp::verify() {
  ArrayRef<int64_t> in = shapeOf(getInput());
  if (failed(verifyAxes(*this, getAxes(), in.size())))
    return failure();
  if (getResult().getType() != getInput().getType())
    return emitOpError("result must have the input's type");
  return expectShape(*this, getGrad(), dropAxes(in, getAxes()), "gradient");
}

template <typename SoftmaxLike>
static LogicalResult verifySoftmax(SoftmaxLike op) {
  int64_t rank = shapeOf(op.getInput()).size();
  // I64Attr getters return uint64_t: read the axis as signed.
  int64_t axis = static_cast<int64_t>(op.getAxis());
  if (axis < 0 || axis >= rank)
    return op.emitOpError() << "axis " << axis << " out of range";
  return success();
}

LogicalResult SoftmaxOp::verify() { return verifySoftmax(*this); }
LogicalResult LogSoftmaxOp::verify() { return verifySoftmax(*this); }
double SoftmaxOp::getFlopCount() { return 5.0 * numel(getResult()); }
double LogSoftmaxOp::getFlopCount() { return 5.0 * numel(getResult()); }

//===----------------------------------------------------------------------===//
// Convolution and pooling
//===----------------------------------------------------------------------===//

static LogicalResult verifyConvAttrs(Operation *op, ArrayRef<int64_t> stride,
                                     ArrayRef<int64_t> padding,
                                     ArrayRef<int64_t> dilation) {
  if (failed(verifyPair(op, stride, "stride", 1)) ||
      failed(verifyPair(op, padding, "padding", 0)) ||
      failed(verifyPair(op, dilation, "dilation", 1)))
    return failure();
  return success();
}

/// The [N, F, OH, OW] a conv of `x` by `w` produces.
static SmallVector<int64_t> convShape(ArrayRef<int64_t> x, ArrayRef<int64_t> w,
                                      ArrayRef<int64_t> stride,
                                      ArrayRef<int64_t> padding,
                                      ArrayRef<int64_t> dilation) {
  return {x[0], w[0],
          convOutputSize(x[2], w[2], stride[0], padding[0], dilation[0]),
          convOutputSize(x[3], w[3], stride[1], padding[1], dilation[1])};
}

LogicalResult Conv2dOp::verify() {
  ArrayRef<int64_t> x = shapeOf(getInput()), w = shapeOf(getWeight());
  if (x.size() != 4 || w.size() != 4)
    return emitOpError("expects a 4-D input (NCHW) and a 4-D weight (FCHW)");
  if (failed(verifyConvAttrs(*this, getStride(), getPadding(), getDilation())))
    return failure();
  if (w[1] != x[1])
    return emitOpError() << "weight " << str(w) << " expects " << w[1]
                         << " input channels, input has " << str(x);
  if (getBias() && shapeOf(getBias()) != ArrayRef<int64_t>{w[0]})
    return emitOpError() << "bias must have shape [" << w[0] << "]";
  auto out = convShape(x, w, getStride(), getPadding(), getDilation());
  if (out[2] < 1 || out[3] < 1)
    return emitOpError("kernel larger than the padded input");
  return expectShape(*this, getResult(), out, "result");
}

double Conv2dOp::getFlopCount() {
  ArrayRef<int64_t> w = shapeOf(getWeight());
  return 2.0 * numel(getResult()) * static_cast<double>(w[1] * w[2] * w[3]);
}

LogicalResult Conv1x1Op::verify() {
  ArrayRef<int64_t> x = shapeOf(getInput()), w = shapeOf(getWeight());
  if (x.size() != 4 || w.size() != 2)
    return emitOpError("expects a 4-D input (NCHW) and a 2-D weight (FC)");
  if (w[1] != x[1])
    return emitOpError() << "weight " << str(w) << " expects " << w[1]
                         << " input channels, input has " << str(x);
  if (getBias() && shapeOf(getBias()) != ArrayRef<int64_t>{w[0]})
    return emitOpError() << "bias must have shape [" << w[0] << "]";
  return expectShape(*this, getResult(), {x[0], w[0], x[2], x[3]}, "result");
}

double Conv1x1Op::getFlopCount() {
  return 2.0 * numel(getResult()) *
         static_cast<double>(shapeOf(getWeight())[1]);
}

LogicalResult Conv2dBackwardInputOp::verify() {
  ArrayRef<int64_t> g = shapeOf(getGrad()), w = shapeOf(getWeight()),
                    x = shapeOf(getResult());
  if (g.size() != 4 || w.size() != 4 || x.size() != 4)
    return emitOpError("expects 4-D gradient, weight and result");
  if (failed(verifyConvAttrs(*this, getStride(), getPadding(), getDilation())))
    return failure();
  if (w[1] != x[1])
    return emitOpError("weight and result disagree on channels");
  return expectShape(*this, getGrad(),
                     convShape(x, w, getStride(), getPadding(), getDilation()),
                     "gradient");
}

double Conv2dBackwardInputOp::getFlopCount() {
  ArrayRef<int64_t> w = shapeOf(getWeight());
  return 2.0 * numel(getGrad()) * static_cast<double>(w[1] * w[2] * w[3]);
}

LogicalResult Conv2dBackwardWeightOp::verify() {
  ArrayRef<int64_t> x = shapeOf(getInput()), g = shapeOf(getGrad()),
                    w = shapeOf(getResult());
  if (g.size() != 4 || w.size() != 4 || x.size() != 4)
    return emitOpError("expects 4-D input, gradient and result");
  if (failed(verifyConvAttrs(*this, getStride(), getPadding(), getDilation())))
    return failure();
  if (w[1] != x[1])
    return emitOpError("input and result disagree on channels");
  return expectShape(*this, getGrad(),
                     convShape(x, w, getStride(), getPadding(), getDilation()),
                     "gradient");
}

double Conv2dBackwardWeightOp::getFlopCount() {
  ArrayRef<int64_t> w = shapeOf(getResult());
  return 2.0 * numel(getGrad()) * static_cast<double>(w[1] * w[2] * w[3]);
}

static LogicalResult verifyPool(Operation *op, ArrayRef<int64_t> x,
                                ArrayRef<int64_t> y, ArrayRef<int64_t> kernel,
                                ArrayRef<int64_t> stride,
                                ArrayRef<int64_t> padding) {
  if (x.size() != 4)
    return op->emitOpError("expects a 4-D input (NCHW)");
  if (failed(verifyPair(op, kernel, "kernel", 1)) ||
      failed(verifyPair(op, stride, "stride", 1)) ||
      failed(verifyPair(op, padding, "padding", 0)))
    return failure();
  for (int i = 0; i < 2; ++i)
    if (padding[i] > kernel[i] / 2)
      return op->emitOpError("padding must be at most half the kernel");
  SmallVector<int64_t> out{x[0], x[1],
                           poolOutputSize(x[2], kernel[0], stride[0], padding[0]),
                           poolOutputSize(x[3], kernel[1], stride[1], padding[1])};
  if (out[2] < 1 || out[3] < 1)
    return op->emitOpError("kernel larger than the padded input");
  if (y != ArrayRef<int64_t>(out))
    return op->emitOpError() << "pooled shape is " << str(y) << ", expected "
                             << str(out);
  return success();
}

static double poolFlops(Value pooled, ArrayRef<int64_t> kernel) {
  return numel(pooled) * static_cast<double>(kernel[0] * kernel[1]);
}

LogicalResult MaxPool2dOp::verify() {
  return verifyPool(*this, shapeOf(getInput()), shapeOf(getResult()),
                    getKernel(), getStride(), getPadding());
}
double MaxPool2dOp::getFlopCount() { return poolFlops(getResult(), getKernel()); }

LogicalResult AvgPool2dOp::verify() {
  return verifyPool(*this, shapeOf(getInput()), shapeOf(getResult()),
                    getKernel(), getStride(), getPadding());
}
double AvgPool2dOp::getFlopCount() { return poolFlops(getResult(), getKernel()); }

LogicalResult MaxPool2dBackwardOp::verify() {
  if (getInput().getType() != getResult().getType())
    return emitOpError("result must have the input's type");
  return verifyPool(*this, shapeOf(getInput()), shapeOf(getGrad()),
                    getKernel(), getStride(), getPadding());
}
double MaxPool2dBackwardOp::getFlopCount() {
  return poolFlops(getGrad(), getKernel());
}

LogicalResult AvgPool2dBackwardOp::verify() {
  return verifyPool(*this, shapeOf(getResult()), shapeOf(getGrad()),
                    getKernel(), getStride(), getPadding());
}
double AvgPool2dBackwardOp::getFlopCount() {
  return poolFlops(getGrad(), getKernel());
}

//===----------------------------------------------------------------------===//
// Losses
//===----------------------------------------------------------------------===//

static LogicalResult verifyLogitsAndLabels(Operation *op, Value logits,
                                           Value labels) {
  ArrayRef<int64_t> l = shapeOf(logits), y = shapeOf(labels);
  if (l.size() != 2 || y.size() != 1 || y[0] != l[0])
    return op->emitOpError() << "expects logits [N, K] and labels [N], got "
                             << str(l) << " and " << str(y);
  return success();
}

LogicalResult CrossEntropyOp::verify() {
  return verifyLogitsAndLabels(*this, getLogits(), getLabels());
}
double CrossEntropyOp::getFlopCount() { return 5.0 * numel(getLogits()); }

LogicalResult CrossEntropyBackwardOp::verify() {
  if (getResult().getType() != getLogits().getType())
    return emitOpError("result must have the logits' type");
  return verifyLogitsAndLabels(*this, getLogits(), getLabels());
}
double CrossEntropyBackwardOp::getFlopCount() {
  return 5.0 * numel(getLogits());
}

//===----------------------------------------------------------------------===//
// Sequence models
//===----------------------------------------------------------------------===//

/// Checks the shared shapes of rnn/lstm: x[T,B,I], w_ih[G*H,I],
/// w_hh[G*H,H], biases [G*H], states [B,H]; returns T, B, I, H.
static LogicalResult verifyRecurrent(Operation *op, Value x, Value wih,
                                     Value whh, ArrayRef<Value> biases,
                                     ArrayRef<Value> states, int64_t gates,
                                     int64_t &t, int64_t &b, int64_t &i,
                                     int64_t &h) {
  ArrayRef<int64_t> sx = shapeOf(x), si = shapeOf(wih), sh = shapeOf(whh);
  if (sx.size() != 3 || si.size() != 2 || sh.size() != 2)
    return op->emitOpError("expects x[T,B,I] and 2-D weights");
  t = sx[0];
  b = sx[1];
  i = sx[2];
  h = sh[1];
  if (si != ArrayRef<int64_t>{gates * h, i})
    return op->emitOpError() << "w_ih has shape " << str(si) << ", expected "
                             << str({gates * h, i});
  if (sh != ArrayRef<int64_t>{gates * h, h})
    return op->emitOpError() << "w_hh has shape " << str(sh) << ", expected "
                             << str({gates * h, h});
  for (Value bias : biases)
    if (failed(expectShape(op, bias, {gates * h}, "bias")))
      return failure();
  for (Value s : states)
    if (failed(expectShape(op, s, {b, h}, "state")))
      return failure();
  return success();
}

LogicalResult RnnOp::verify() {
  int64_t t, b, i, h;
  if (failed(verifyRecurrent(*this, getInput(), getWIh(), getWHh(),
                             {getBIh(), getBHh()}, {getH0()}, 1, t, b, i, h)))
    return failure();
  if (failed(expectShape(*this, getY(), {t, b, h}, "y")))
    return failure();
  return expectShape(*this, getHLast(), {b, h}, "hT");
}

double RnnOp::getFlopCount() {
  ArrayRef<int64_t> x = shapeOf(getInput());
  double h = shapeOf(getWHh())[1];
  return 2.0 * x[0] * x[1] * h * (x[2] + h) + 3.0 * numel(getY());
}

LogicalResult RnnBackwardOp::verify() {
  int64_t t, b, i, h;
  if (failed(verifyRecurrent(*this, getInput(), getWIh(), getWHh(), {},
                             {getH0(), getDhLast()}, 1, t, b, i, h)))
    return failure();
  if (failed(expectShape(*this, getY(), {t, b, h}, "y")) ||
      failed(expectShape(*this, getDy(), {t, b, h}, "dy")) ||
      failed(expectShape(*this, getDx(), {t, b, i}, "dx")) ||
      failed(expectShape(*this, getDwIh(), {h, i}, "dw_ih")) ||
      failed(expectShape(*this, getDwHh(), {h, h}, "dw_hh")) ||
      failed(expectShape(*this, getDb(), {h}, "db")))
    return failure();
  return expectShape(*this, getDh0(), {b, h}, "dh0");
}

double RnnBackwardOp::getFlopCount() {
  ArrayRef<int64_t> x = shapeOf(getInput());
  double h = shapeOf(getWHh())[1];
  return 4.0 * x[0] * x[1] * h * (x[2] + h) + 2.0 * x[0] * x[1] * h * h;
}

LogicalResult LstmOp::verify() {
  int64_t t, b, i, h;
  if (failed(verifyRecurrent(*this, getInput(), getWIh(), getWHh(),
                             {getBIh(), getBHh()}, {getH0(), getC0()}, 4, t,
                             b, i, h)))
    return failure();
  if (failed(expectShape(*this, getY(), {t, b, h}, "y")) ||
      failed(expectShape(*this, getHLast(), {b, h}, "hT")) ||
      failed(expectShape(*this, getCLast(), {b, h}, "cT")) ||
      failed(expectShape(*this, getGates(), {t, b, 4 * h}, "gates")))
    return failure();
  return expectShape(*this, getCells(), {t, b, h}, "cells");
}

double LstmOp::getFlopCount() {
  ArrayRef<int64_t> x = shapeOf(getInput());
  double h = shapeOf(getWHh())[1];
  return 2.0 * x[0] * x[1] * 4 * h * (x[2] + h) + 10.0 * numel(getY());
}

LogicalResult LstmBackwardOp::verify() {
  int64_t t, b, i, h;
  if (failed(verifyRecurrent(*this, getInput(), getWIh(), getWHh(), {},
                             {getH0(), getC0(), getDhLast(), getDcLast()}, 4,
                             t, b, i, h)))
    return failure();
  if (failed(expectShape(*this, getY(), {t, b, h}, "y")) ||
      failed(expectShape(*this, getGates(), {t, b, 4 * h}, "gates")) ||
      failed(expectShape(*this, getCells(), {t, b, h}, "cells")) ||
      failed(expectShape(*this, getDy(), {t, b, h}, "dy")) ||
      failed(expectShape(*this, getDx(), {t, b, i}, "dx")) ||
      failed(expectShape(*this, getDwIh(), {4 * h, i}, "dw_ih")) ||
      failed(expectShape(*this, getDwHh(), {4 * h, h}, "dw_hh")) ||
      failed(expectShape(*this, getDb(), {4 * h}, "db")) ||
      failed(expectShape(*this, getDh0(), {b, h}, "dh0")))
    return failure();
  return expectShape(*this, getDc0(), {b, h}, "dc0");
}

double LstmBackwardOp::getFlopCount() {
  ArrayRef<int64_t> x = shapeOf(getInput());
  double h = shapeOf(getWHh())[1];
  return 4.0 * x[0] * x[1] * 4 * h * (x[2] + h) +
         2.0 * x[0] * x[1] * 4 * h * h;
}

LogicalResult EmbeddingOp::verify() {
  ArrayRef<int64_t> ids = shapeOf(getIds()), table = shapeOf(getTable());
  if (table.size() != 2)
    return emitOpError("expects a 2-D table [V, E]");
  SmallVector<int64_t> out(ids);
  out.push_back(table[1]);
  return expectShape(*this, getResult(), out, "result");
}

LogicalResult EmbeddingBackwardOp::verify() {
  ArrayRef<int64_t> ids = shapeOf(getIds()), g = shapeOf(getGrad()),
                    r = shapeOf(getResult());
  if (r.size() != 2)
    return emitOpError("expects a 2-D result [V, E]");
  SmallVector<int64_t> expected(ids);
  expected.push_back(r[1]);
  return expectShape(*this, getGrad(), expected, "gradient");
}

#define GET_OP_CLASSES
#include "nnc/Dialect/NN/NNOps.cpp.inc"
