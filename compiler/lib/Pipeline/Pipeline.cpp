//===- Pipeline.cpp - The compilation stages ------------------------------===//
#include "nnc/Pipeline/Pipeline.h"
#include "nnc/Dialect/NN/NNDialect.h"
#include "nnc/Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/InitAllDialects.h"
#include "mlir/InitAllExtensions.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Target/LLVMIR/Dialect/All.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;

namespace nnc {

void registerDialectExtensions(DialectRegistry &registry) {
  registerAllDialects(registry);
  registerAllExtensions(registry);
  registerAllToLLVMIRTranslations(registry);
  registry.insert<nn::NNDialect>();
}

static void addTextual(OpPassManager &pm, StringRef pipeline) {
  // The pipelines are fixed strings of registered passes: a parse error is
  // a bug in nnc, not in the user's program.
  if (failed(parsePassPipeline(pipeline, pm, llvm::errs())))
    llvm::report_fatal_error("nnc: invalid built-in pass pipeline");
}

void buildNNPipeline(OpPassManager &pm, const PipelineOptions &opts) {
  if (opts.generateBackward) {
    GenerateBackwardOptions o;
    o.corruptGradOf = opts.corruptGradOf;
    pm.addPass(createGenerateBackward(o));
  }
  addTextual(pm, "canonicalize,cse");
}

void buildNNToLinalgPipeline(OpPassManager &pm, const PipelineOptions &) {
  addTextual(pm, "convert-nn-to-linalg,canonicalize,"
                 "nnc-fuse-elementwise,canonicalize,cse");
}

void buildLinalgToLLVMPipeline(OpPassManager &pm,
                               const PipelineOptions &opts) {
  std::string tile = llvm::formatv(
      "func.func(nnc-tile-and-vectorize{{vector-width={0} parallel={1}}),",
      opts.vectorWidth, opts.parallel ? "true" : "false");
  std::string threads =
      opts.parallel ? "scf-forall-to-parallel,convert-scf-to-openmp,nnc-lower-alloca-scopes,"
                    : "scf-forall-to-for,";
  addTextual(pm, "nnc-lower-function-abi," + tile +
                     "canonicalize,cse,"
                     "nnc-bufferize,canonicalize,cse,"
                     "nnc-assign-workspace,"
                     "func.func(convert-linalg-to-loops),"
                     "nnc-approximate-math,"
                     "canonicalize," +
                     threads +
                     // Full unrolling: no stack buffers for N-d vectors.
                     "convert-vector-to-scf{full-unroll=true},"
                     "expand-strided-metadata,lower-affine,"
                     "convert-scf-to-cf,"
                     "canonicalize,cse,"
                     "convert-vector-to-llvm{enable-x86vector reassociate-fp-reductions},"
                     "convert-math-to-llvm,convert-math-to-libm,"
                     "finalize-memref-to-llvm,"
                     "convert-arith-to-llvm,"
                     "convert-index-to-llvm,"
                     "convert-func-to-llvm{use-bare-ptr-memref-call-conv},"
                     // After func-to-llvm: it would convert the functions
                     // itself, without the bare-pointer convention.
                     "convert-openmp-to-llvm,"
                     "convert-cf-to-llvm,"
                     "convert-ub-to-llvm,"
                     "reconcile-unrealized-casts,"
                     "nnc-emit-entry-points,canonicalize");
}

void registerPasses() {
  static bool done = false;
  if (done)
    return;
  done = true;
  registerAllPasses();
  registerNNCPasses();
  PassPipelineRegistration<>(
      "nnc-nn-to-linalg", "The --emit=nn to --emit=linalg stage",
      [](OpPassManager &pm) { buildNNToLinalgPipeline(pm, {}); });
  PassPipelineRegistration<>(
      "nnc-linalg-to-llvm", "The --emit=linalg to --emit=llvm-mlir stage",
      [](OpPassManager &pm) { buildLinalgToLLVMPipeline(pm, {}); });
}

} // namespace nnc
