//===- NNOps.h - Operations of the nn dialect -------------------*- C++ -*-===//
#ifndef NNC_DIALECT_NN_NNOPS_H
#define NNC_DIALECT_NN_NNOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "nnc/Dialect/NN/NNDialect.h"
#include "nnc/Dialect/NN/NNInterfaces.h"

#define GET_OP_CLASSES
#include "nnc/Dialect/NN/NNOps.h.inc"

#endif // NNC_DIALECT_NN_NNOPS_H
