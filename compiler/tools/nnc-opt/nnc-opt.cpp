//===- nnc-opt.cpp - mlir-opt with the nn dialect and nnc passes ----------===//
#include "nnc/Dialect/NN/NNDialect.h"
#include "nnc/Pipeline/Pipeline.h"
#include "nnc/Transforms/Passes.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  nnc::registerPasses();

  mlir::DialectRegistry registry;
  nnc::registerDialectExtensions(registry);
  return mlir::failed(
      mlir::MlirOptMain(argc, argv, "nnc optimizer driver\n", registry));
}
