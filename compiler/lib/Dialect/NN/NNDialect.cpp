//===- NNDialect.cpp - The nn dialect -------------------------------------===//
#include "nnc/Dialect/NN/NNDialect.h"
#include "nnc/Dialect/NN/NNOps.h"

using namespace mlir;
using namespace nnc::nn;

#include "nnc/Dialect/NN/NNDialect.cpp.inc"
#include "nnc/Dialect/NN/NNInterfaces.cpp.inc"

void NNDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "nnc/Dialect/NN/NNOps.cpp.inc"
      >();
}
