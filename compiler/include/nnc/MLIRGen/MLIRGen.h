//===- MLIRGen.h - Checked program to the nn dialect ------------*- C++ -*-===//
#ifndef NNC_MLIRGEN_MLIRGEN_H
#define NNC_MLIRGEN_MLIRGEN_H

#include "nnc/dsl/Program.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"

namespace nnc {

/// Emits one `<model>_forward` function per model of `program` (all of them
/// when `modelName` is empty). Values carry FileLineColLoc locations into
/// the .nn file. Returns null after emitting an error diagnostic (an op the
/// code generator does not support yet).
mlir::OwningOpRef<mlir::ModuleOp> mlirGen(mlir::MLIRContext &context,
                                          const dsl::Program &program,
                                          llvm::StringRef modelName = "");

} // namespace nnc

#endif // NNC_MLIRGEN_MLIRGEN_H
