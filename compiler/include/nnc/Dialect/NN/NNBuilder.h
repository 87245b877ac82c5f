//===- NNBuilder.h - Build nn ops with inferred result types ----*- C++ -*-===//
//
// Gradient rules and MLIRGen write equations, not types: each method infers
// its result type from the operands with the rules of ShapeUtils.h.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_DIALECT_NN_NNBUILDER_H
#define NNC_DIALECT_NN_NNBUILDER_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/Value.h"

namespace nnc::nn {

class NNBuilder {
public:
  NNBuilder(mlir::OpBuilder &b, mlir::Location loc) : b(b), loc(loc) {}

  mlir::OpBuilder &builder() { return b; }
  mlir::Location location() const { return loc; }

  static llvm::ArrayRef<int64_t> shape(mlir::Value v);
  mlir::RankedTensorType f32Type(llvm::ArrayRef<int64_t> shape);

  /// A scalar f32 constant (tensor<f32>); broadcasts in binary ops.
  mlir::Value scalar(double v);
  mlir::Value zeros(llvm::ArrayRef<int64_t> shape);

  mlir::Value add(mlir::Value a, mlir::Value b);
  mlir::Value sub(mlir::Value a, mlir::Value b);
  mlir::Value mul(mlir::Value a, mlir::Value b);
  mlir::Value div(mlir::Value a, mlir::Value b);
  mlir::Value neg(mlir::Value x);
  mlir::Value exp(mlir::Value x);

  mlir::Value sum(mlir::Value x, llvm::ArrayRef<int64_t> axes);
  mlir::Value mean(mlir::Value x, llvm::ArrayRef<int64_t> axes);
  /// Sums `x` over the axes a broadcast to its shape added: the adjoint of
  /// broadcasting a tensor of `shape` to x's shape.
  mlir::Value sumToShape(mlir::Value x, llvm::ArrayRef<int64_t> shape);
  /// Broadcast with explicit axis mapping (nn.broadcast).
  mlir::Value broadcast(mlir::Value x, llvm::ArrayRef<int64_t> dims,
                        llvm::ArrayRef<int64_t> shape);
  /// Re-inserts the reduced `axes` of `reduced` and broadcasts it back to
  /// `fullShape` (the adjoint of a reduction).
  mlir::Value unreduce(mlir::Value reduced, llvm::ArrayRef<int64_t> axes,
                       llvm::ArrayRef<int64_t> fullShape);

  mlir::Value reshape(mlir::Value x, llvm::ArrayRef<int64_t> shape);
  mlir::Value permute(mlir::Value x, llvm::ArrayRef<int64_t> perm);
  mlir::Value matmul(mlir::Value a, mlir::Value b, bool transposeA = false,
                     bool transposeB = false);
  mlir::Value einsum(mlir::Value a, mlir::Value b, llvm::StringRef equation);
  mlir::Value slice(mlir::Value x, llvm::ArrayRef<int64_t> offsets,
                    llvm::ArrayRef<int64_t> sizes,
                    llvm::ArrayRef<int64_t> strides);
  mlir::Value pad(mlir::Value x, llvm::ArrayRef<int64_t> low,
                  llvm::ArrayRef<int64_t> high,
                  llvm::ArrayRef<int64_t> interior, double value = 0.0);

private:
  mlir::OpBuilder &b;
  mlir::Location loc;
};

} // namespace nnc::nn

#endif // NNC_DIALECT_NN_NNBUILDER_H
