//===- ConvPoolOps.cpp - conv2d, conv1x1, maxpool2d, avgpool2d ------------===//
//
//   conv2d (x[N,C,H,W], w[F,C,KH,KW], b[F]?) stride padding dilation: [h, w]
//          OH = (H + 2p - d(KH-1) - 1) / s + 1 (floor)
//   conv1x1 (x[N,C,H,W], w[F,C], b[F]?) -> [N,F,H,W]
//   maxpool2d avgpool2d (x) kernel stride padding: [h, w]; stride defaults
//          to kernel; padding <= kernel/2; OH = (H + 2p - k) / s + 1 (floor)
//
//===----------------------------------------------------------------------===//

#include "OpCall.h"

namespace nnc::dsl {
namespace {

const char *const kAxisNames[2] = {"height", "width"};

void requireAtLeast(OpCall &call, size_t arg, const std::vector<int64_t> &pair,
                    int64_t min) {
  for (int64_t v : pair)
    if (v < min)
      call.fail(static_cast<int>(arg),
                call.op().params[arg].name + std::string(" must be at least ") +
                    std::to_string(min) + ", got " + std::to_string(v));
}

/// Output size of a window op along one axis, or an error if the window
/// (`extent` = dilated kernel size) does not fit in the padded input.
int64_t windowOutputSize(OpCall &call, int axis, int64_t in, int64_t pad,
                         int64_t extent, int64_t stride) {
  int64_t padded = call.add(in, call.mul(2, pad, -1), -1);
  if (padded < extent)
    call.fail(-1, std::string(call.op().name == "conv2d" ? "the dilated kernel"
                                                         : "the window") +
                      " " + kAxisNames[axis] + " " + std::to_string(extent) +
                      " exceeds the padded input " + kAxisNames[axis] + " " +
                      std::to_string(in) + " + 2*" + std::to_string(pad) +
                      " = " + std::to_string(padded) + " of " +
                      call.describe(0) + ": the output would be empty");
  return (padded - extent) / stride + 1;
}

/// The checks conv2d and conv1x1 share: an NCHW input, a weight of rank
/// `weightRank` whose axis 1 matches the input's channels, and an optional
/// bias of one value per output channel. Returns the operand ids.
std::vector<int> checkConvOperands(OpCall &call, int weightRank,
                                   const char *weightLayout) {
  int x = call.tensor(0);
  int w = call.tensor(1);
  call.requireF32(0, "input");
  call.requireF32(1, "weight");
  call.requireRank(0, 4, "input", "[N, C, H, W]");
  call.requireRank(1, weightRank, "weight", weightLayout);
  std::vector<int64_t> xs = call.shape(0), ws = call.shape(1);
  if (ws[1] != xs[1])
    call.fail(1, "weight " + call.quote(1) + " expects " +
                     std::to_string(ws[1]) +
                     " input channels but its input has " +
                     std::to_string(xs[1]) + " (" + formatShape(xs) + ")");
  std::vector<int> operands = {x, w};
  if (call.has(2)) {
    operands.push_back(call.tensor(2));
    call.requireF32(2, "bias");
    call.requireShape(2, {ws[0]}, "bias", " (one per output channel)");
  }
  return operands;
}

void inferConv2d(OpCall &call) {
  std::vector<int> operands = checkConvOperands(call, 4, "[F, C, KH, KW]");
  std::vector<int64_t> xs = call.shape(0), ws = call.shape(1);
  std::vector<int64_t> stride = call.pairArg(3, std::vector<int64_t>{1, 1});
  std::vector<int64_t> padding = call.pairArg(4, std::vector<int64_t>{0, 0});
  std::vector<int64_t> dilation = call.pairArg(5, std::vector<int64_t>{1, 1});
  requireAtLeast(call, 3, stride, 1);
  requireAtLeast(call, 4, padding, 0);
  requireAtLeast(call, 5, dilation, 1);
  std::vector<int64_t> out = {xs[0], ws[0], 0, 0};
  for (int axis = 0; axis < 2; ++axis) {
    int64_t extent =
        call.add(call.mul(dilation[axis], ws[2 + axis] - 1, 5), 1, 5);
    out[2 + axis] = windowOutputSize(call, axis, xs[2 + axis], padding[axis],
                                     extent, stride[axis]);
  }
  call.emit("conv2d", operands,
            {{"stride", stride}, {"padding", padding}, {"dilation", dilation}},
            TensorType{DType::F32, out});
}

void inferConv1x1(OpCall &call) {
  std::vector<int> operands = checkConvOperands(call, 2, "[F, C]");
  std::vector<int64_t> xs = call.shape(0), ws = call.shape(1);
  call.emit("conv1x1", operands, {},
            TensorType{DType::F32, {xs[0], ws[0], xs[2], xs[3]}});
}

void inferPool(OpCall &call) {
  int x = call.tensor(0);
  call.requireF32(0, "input");
  call.requireRank(0, 4, "input", "[N, C, H, W]");
  std::vector<int64_t> kernel = call.pairArg(1, std::nullopt);
  requireAtLeast(call, 1, kernel, 1);
  std::vector<int64_t> stride = call.pairArg(2, kernel);
  std::vector<int64_t> padding = call.pairArg(3, std::vector<int64_t>{0, 0});
  requireAtLeast(call, 2, stride, 1);
  requireAtLeast(call, 3, padding, 0);
  std::vector<int64_t> xs = call.shape(0);
  std::vector<int64_t> out = {xs[0], xs[1], 0, 0};
  for (int axis = 0; axis < 2; ++axis) {
    if (padding[axis] > kernel[axis] / 2)
      call.fail(3, "padding " + std::to_string(padding[axis]) +
                       " must be at most half the kernel " + kAxisNames[axis] +
                       " " + std::to_string(kernel[axis]) + " (at most " +
                       std::to_string(kernel[axis] / 2) + ")");
    out[2 + axis] = windowOutputSize(call, axis, xs[2 + axis], padding[axis],
                                     kernel[axis], stride[axis]);
  }
  call.emit(call.op().name, {x},
            {{"kernel", kernel}, {"stride", stride}, {"padding", padding}},
            TensorType{DType::F32, out});
}

} // namespace

void registerConvPoolOps(OpTable &table) {
  table.add({"conv2d",
             {{"x", ArgKind::Tensor},
              {"w", ArgKind::Tensor},
              {"b", ArgKind::Tensor, "none"},
              {"stride", ArgKind::IntPair, "1"},
              {"padding", ArgKind::IntPair, "0"},
              {"dilation", ArgKind::IntPair, "1"}},
             inferConv2d});
  table.add({"conv1x1",
             {{"x", ArgKind::Tensor},
              {"w", ArgKind::Tensor},
              {"b", ArgKind::Tensor, "none"}},
             inferConv1x1});
  for (const char *name : {"maxpool2d", "avgpool2d"})
    table.add({name,
               {{"x", ArgKind::Tensor},
                {"kernel", ArgKind::IntPair},
                {"stride", ArgKind::IntPair, "kernel"},
                {"padding", ArgKind::IntPair, "0"}},
               inferPool});
}

} // namespace nnc::dsl
