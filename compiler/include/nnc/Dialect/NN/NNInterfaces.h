//===- NNInterfaces.h - Interfaces of nn ops --------------------*- C++ -*-===//
#ifndef NNC_DIALECT_NN_NNINTERFACES_H
#define NNC_DIALECT_NN_NNINTERFACES_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpDefinition.h"

#include "nnc/Dialect/NN/NNInterfaces.h.inc"

#endif // NNC_DIALECT_NN_NNINTERFACES_H
