//===- Bufferize.cpp - One-shot bufferization with nnc's options ----------===//
#include "nnc/Transforms/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/BuiltinOps.h"

namespace nnc {
#define GEN_PASS_DEF_BUFFERIZE
#include "nnc/Transforms/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

struct BufferizePass : nnc::impl::BufferizeBase<BufferizePass> {
  void runOnOperation() override {
    bufferization::OneShotBufferizationOptions options;
    options.bufferizeFunctionBoundaries = false;
    // Loops update their iteration buffers in place (copying if needed), so
    // every buffer allocated in a loop body is local to one iteration.
    options.allowReturnAllocsFromLoops = false;
    options.memCpyFn = [](OpBuilder &b, Location loc, Value from, Value to) {
      b.create<linalg::CopyOp>(loc, from, to);
      return success();
    };
    if (failed(bufferization::runOneShotBufferize(getOperation(), options)))
      return signalPassFailure();
  }
};

} // namespace
