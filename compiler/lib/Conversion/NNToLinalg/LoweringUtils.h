//===- LoweringUtils.h - Helpers and pattern sets of nn-to-linalg -*- C++ -*-===//
//
// Each op category has one file with its patterns and one populate function
// declared here (like torch-mlir's TorchToLinalg).
//
//===----------------------------------------------------------------------===//
#ifndef NNC_CONVERSION_NNTOLINALG_LOWERINGUTILS_H
#define NNC_CONVERSION_NNTOLINALG_LOWERINGUTILS_H

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/PatternMatch.h"

#include <functional>

namespace nnc::lowering {

void populateElementwisePatterns(mlir::RewritePatternSet &patterns);
void populateLinearPatterns(mlir::RewritePatternSet &patterns);
void populateShapePatterns(mlir::RewritePatternSet &patterns);
void populateReductionPatterns(mlir::RewritePatternSet &patterns);
void populateConvPatterns(mlir::RewritePatternSet &patterns);
void populatePoolingPatterns(mlir::RewritePatternSet &patterns);
void populateLossPatterns(mlir::RewritePatternSet &patterns);
void populateSequencePatterns(mlir::RewritePatternSet &patterns);
void populateEmbeddingPatterns(mlir::RewritePatternSet &patterns);

using BodyBuilder = std::function<mlir::Value(
    mlir::OpBuilder &, mlir::Location, mlir::ValueRange)>;

llvm::ArrayRef<int64_t> shapeOf(mlir::Value v);

/// tensor.empty of the given shape and element type.
mlir::Value emptyTensor(mlir::OpBuilder &b, mlir::Location loc,
                        llvm::ArrayRef<int64_t> shape, mlir::Type elt);
/// A tensor filled with `value` (linalg.fill).
mlir::Value filledTensor(mlir::OpBuilder &b, mlir::Location loc,
                         llvm::ArrayRef<int64_t> shape, mlir::Type elt,
                         double value);
mlir::Value f32Const(mlir::OpBuilder &b, mlir::Location loc, double v);

/// The indexing map reading an operand NumPy-broadcast to `resultShape`.
mlir::AffineMap broadcastMap(llvm::ArrayRef<int64_t> operandShape,
                             llvm::ArrayRef<int64_t> resultShape,
                             mlir::MLIRContext *ctx);

/// A parallel linalg.generic producing a tensor of `shape` whose element is
/// `body(inputs broadcast to shape)`.
mlir::Value buildElementwise(mlir::OpBuilder &b, mlir::Location loc,
                             llvm::ArrayRef<int64_t> shape, mlir::Type elt,
                             mlir::ValueRange inputs, const BodyBuilder &body);

/// A parallel linalg.generic over `shape` with explicit input maps.
mlir::Value buildGeneric(mlir::OpBuilder &b, mlir::Location loc,
                         llvm::ArrayRef<int64_t> shape, mlir::Type elt,
                         mlir::ValueRange inputs,
                         llvm::ArrayRef<mlir::AffineMap> inputMaps,
                         const BodyBuilder &body);

/// The map from a tensor's dims to the dims left when `axes` are reduced:
/// how a reduction's result is read back at full rank.
mlir::AffineMap reducedMap(int64_t rank, llvm::ArrayRef<int64_t> axes,
                           mlir::MLIRContext *ctx);

/// Reduces `input` over `axes` (dropped) with `combine`, starting from
/// `init`.
mlir::Value buildReduction(mlir::OpBuilder &b, mlir::Location loc,
                           mlir::Value input, llvm::ArrayRef<int64_t> axes,
                           double init, const BodyBuilder &combine);

/// Collapses `v` to rank 1, then expands to `shape` (a row-major reshape
/// with no copy).
mlir::Value reshapeTensor(mlir::OpBuilder &b, mlir::Location loc,
                          mlir::Value v, llvm::ArrayRef<int64_t> shape);

/// Pads (with `value`), zero-stuffs (`interior`) and, for negative low/high,
/// crops `v`; the lowering of nn.pad, shared with conv and pooling.
mlir::Value padTensor(mlir::OpBuilder &b, mlir::Location loc, mlir::Value v,
                      llvm::ArrayRef<int64_t> low, llvm::ArrayRef<int64_t> high,
                      llvm::ArrayRef<int64_t> interior, double value);

/// C (+)= op(A) B for 2-D tensors, accumulating into `init` (linalg.matmul
/// or linalg.matmul_transpose_a).
mlir::Value matmulInto(mlir::OpBuilder &b, mlir::Location loc, mlir::Value a,
                       mlir::Value bm, mlir::Value init,
                       bool transposeA = false);

/// A 2-D transpose (linalg.transpose into a new tensor).
mlir::Value transpose2d(mlir::OpBuilder &b, mlir::Location loc, mlir::Value m);

/// Emits nn.runtime_check(any index outside [0, limit)) for an i32 tensor
/// of indices (class labels, token ids).
void emitIndexRangeCheck(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Value indices, int64_t limit);

/// An i32 index as an `index` clamped into [0, limit): the read it feeds
/// stays in bounds even when the run-time check fails.
mlir::Value clampedIndex(mlir::OpBuilder &b, mlir::Location loc,
                         mlir::Value index, int64_t limit);

} // namespace nnc::lowering

#endif // NNC_CONVERSION_NNTOLINALG_LOWERINGUTILS_H
