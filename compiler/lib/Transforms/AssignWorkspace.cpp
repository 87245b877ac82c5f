//===- AssignWorkspace.cpp - Buffers come from the caller's workspace -----===//
#include "nnc/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace nnc {
#define GEN_PASS_DEF_ASSIGNWORKSPACE
#include "nnc/Transforms/Passes.h.inc"
} // namespace nnc

using namespace mlir;

namespace {

constexpr int64_t kAlignment = 64;

int64_t byteSize(MemRefType type) {
  // Sub-byte elements (i1) occupy a byte each once lowered to LLVM.
  int64_t eltBytes = (type.getElementTypeBitWidth() + 7) / 8;
  return std::max<int64_t>(type.getNumElements() * eltBytes, 1);
}

/// Replaces every top-level static alloc of `fn` by a view into its
/// workspace argument and returns the bytes used.
FailureOr<int64_t> assign(func::FuncOp fn, BlockArgument workspace) {
  SmallVector<memref::AllocOp> allocs;
  WalkResult r = fn.walk([&](memref::AllocOp alloc) {
    // Inside a loop a dynamic size is fine: it becomes a stack allocation
    // (e.g. the scratch copy of a ragged thread tile of a multi-result
    // linalg op whose extra result is dead).
    bool inLoop = alloc->getParentOp() != fn;
    if ((!inLoop && !alloc.getType().hasStaticShape()) ||
        !alloc.getType().getLayout().isIdentity()) {
      alloc.emitError("internal error: dynamic or strided buffer");
      return WalkResult::interrupt();
    }
    allocs.push_back(alloc);
    return WalkResult::advance();
  });
  if (r.wasInterrupted())
    return failure();

  OpBuilder b(fn.getContext());
  int64_t offset = 0;
  for (memref::AllocOp alloc : allocs) {
    b.setInsertionPoint(alloc);
    if (alloc->getParentOfType<scf::ForallOp>() ||
        alloc->getParentOfType<scf::ParallelOp>() ||
        !alloc.getType().hasStaticShape()) {
      // Scratch of a parallel loop body, or of a ragged tile (dynamic
      // size): per-iteration stack memory, released at the end of the
      // iteration (convert-scf-to-openmp scopes parallel bodies).
      auto alloca = b.create<memref::AllocaOp>(
          alloc.getLoc(), alloc.getType(), alloc.getDynamicSizes(),
          alloc.getSymbolOperands(), alloc.getAlignmentAttr());
      alloc.replaceAllUsesWith(alloca.getResult());
      alloc.erase();
      continue;
    }
    MemRefType type = alloc.getType();
    // Function level, or iteration-local scratch of a sequential loop (no
    // buffer escapes an iteration: see nnc-bufferize): a fixed place in the
    // workspace, reused by every iteration.
    b.setInsertionPointToStart(&fn.getBody().front());
    Value at = b.create<arith::ConstantIndexOp>(alloc.getLoc(), offset);
    b.setInsertionPoint(alloc);
    Value view = b.create<memref::ViewOp>(alloc.getLoc(), type, workspace, at,
                                          ValueRange{});
    alloc.replaceAllUsesWith(view);
    alloc.erase();
    offset += (byteSize(type) + kAlignment - 1) / kAlignment * kAlignment;
  }
  // Generated code owns no heap memory: a dealloc of a workspace view
  // would be wrong.
  fn.walk([](memref::DeallocOp d) { d.erase(); });
  return offset;
}

struct AssignWorkspacePass
    : nnc::impl::AssignWorkspaceBase<AssignWorkspacePass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    Builder b(module.getContext());
    SmallVector<NamedAttribute> sizes;
    for (auto fn : module.getOps<func::FuncOp>()) {
      if (fn.isExternal() || fn.getNumArguments() == 0 ||
          !fn.getArgAttr(fn.getNumArguments() - 1, "nn.workspace"))
        continue;
      BlockArgument ws = fn.getArgument(fn.getNumArguments() - 1);
      FailureOr<int64_t> bytes = assign(fn, ws);
      if (failed(bytes))
        return signalPassFailure();
      // The workspace argument takes its final, static size.
      auto type = MemRefType::get({*bytes}, b.getI8Type());
      ws.setType(type);
      SmallVector<Type> args(fn.getArgumentTypes());
      args.back() = type;
      fn.setFunctionType(b.getFunctionType(args, fn.getResultTypes()));
      sizes.push_back(b.getNamedAttr(fn.getSymName(),
                                     b.getI64IntegerAttr(*bytes)));
    }
    // Kept on the module: it survives the lowering to the LLVM dialect and
    // feeds the descriptor and the C header.
    module->setAttr("nn.workspace_bytes", b.getDictionaryAttr(sizes));
  }
};

} // namespace
