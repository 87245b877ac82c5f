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
/// The argument attribute giving a buffer's offset in the workspace.
constexpr llvm::StringLiteral kOffsetAttr = "nn.workspace_offset";
/// Buffers this small live on the stack (see below).
constexpr int64_t kStackBytes = 64;

int64_t byteSize(MemRefType type) {
  // Sub-byte elements (i1) occupy a byte each once lowered to LLVM.
  int64_t eltBytes = (type.getElementTypeBitWidth() + 7) / 8;
  return std::max<int64_t>(type.getNumElements() * eltBytes, 1);
}

/// Replaces every static alloc of `fn` outside parallel loops by a buffer
/// argument with a fixed offset in the workspace, and returns the bytes
/// used.
FailureOr<int64_t> assign(func::FuncOp fn) {
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
    if (byteSize(alloc.getType()) <= kStackBytes) {
      // A scalar accumulator (a loss, a full reduction): on the stack it is
      // an object of its own, so LLVM sees it alias nothing it reads and
      // keeps it in a register; as a workspace view it would look like it
      // might overlap every other view of the workspace.
      b.setInsertionPointToStart(&fn.getBody().front());
      auto alloca = b.create<memref::AllocaOp>(alloc.getLoc(), alloc.getType(),
                                               alloc.getAlignmentAttr());
      alloc.replaceAllUsesWith(alloca.getResult());
      alloc.erase();
      continue;
    }
    // Function level, or iteration-local scratch of a sequential loop (no
    // buffer escapes an iteration: see nnc-bufferize): a fixed place in the
    // workspace, reused by every iteration. The buffer becomes an argument
    // of its own, which the entry point sets to workspace + offset: marked
    // noalias like every argument, it tells LLVM that buffers never overlap
    // (views of one workspace pointer would all look like they might).
    unsigned index = fn.getNumArguments();
    fn.insertArgument(index, type,
                      b.getDictionaryAttr(b.getNamedAttr(
                          kOffsetAttr, b.getI64IntegerAttr(offset))),
                      alloc.getLoc());
    alloc.replaceAllUsesWith(fn.getArgument(index));
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
      unsigned wsIndex = fn.getNumArguments() - 1;
      BlockArgument ws = fn.getArgument(wsIndex);
      FailureOr<int64_t> bytes = assign(fn);
      if (failed(bytes))
        return signalPassFailure();
      // The workspace argument takes its final, static size.
      auto type = MemRefType::get({*bytes}, b.getI8Type());
      ws.setType(type);
      SmallVector<Type> args(fn.getArgumentTypes());
      args[wsIndex] = type;
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
