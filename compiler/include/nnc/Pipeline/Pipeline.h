//===- Pipeline.h - The compilation stages ----------------------*- C++ -*-===//
//
// The stages `nnc --emit=` prints, as one ordered enum (like Toy's
// `-emit=`), and the pass pipelines between them. nnc-opt registers the
// same pipelines by name so every stage can be tested on its own:
//   nnc-nn-to-linalg    (--emit=nn     -> --emit=linalg)
//   nnc-linalg-to-llvm  (--emit=linalg -> --emit=llvm-mlir)
//
//===----------------------------------------------------------------------===//
#ifndef NNC_PIPELINE_PIPELINE_H
#define NNC_PIPELINE_PIPELINE_H

#include "mlir/Pass/PassManager.h"

#include <string>

namespace mlir {
class DialectRegistry;
class MLIRContext;
} // namespace mlir

namespace nnc {

enum class Stage { Ast, NN, Linalg, LLVMMLIR, LLVM, Asm, Object };

struct PipelineOptions {
  bool generateBackward = true;
  std::string corruptGradOf; // debug: see GenerateBackward
  int optLevel = 3;
  int64_t vectorWidth = 16; // f32 lanes of the target's vectors
  bool parallel = true;
};

/// Registers every dialect and external interface model nnc's pipelines use.
void registerDialectExtensions(mlir::DialectRegistry &registry);
/// Registers every upstream pass, nnc's passes and the pipelines above
/// (idempotent): the textual pipelines refer to passes by name.
void registerPasses();

/// Passes that turn MLIRGen's output into the `--emit=nn` stage (autodiff,
/// cleanup).
void buildNNPipeline(mlir::OpPassManager &pm, const PipelineOptions &opts);
/// `--emit=nn` -> `--emit=linalg`.
void buildNNToLinalgPipeline(mlir::OpPassManager &pm,
                             const PipelineOptions &opts);
/// `--emit=linalg` -> `--emit=llvm-mlir`.
void buildLinalgToLLVMPipeline(mlir::OpPassManager &pm,
                               const PipelineOptions &opts);

} // namespace nnc

#endif // NNC_PIPELINE_PIPELINE_H
