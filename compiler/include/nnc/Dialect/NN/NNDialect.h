//===- NNDialect.h - The nn dialect -----------------------------*- C++ -*-===//
#ifndef NNC_DIALECT_NN_NNDIALECT_H
#define NNC_DIALECT_NN_NNDIALECT_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dialect.h"

#include "nnc/Dialect/NN/NNDialect.h.inc"

#endif // NNC_DIALECT_NN_NNDIALECT_H
