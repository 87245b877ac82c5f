//===- ShapeUtils.h - Shape arithmetic shared by nn ops ---------*- C++ -*-===//
//
// The shape rules of LANGUAGE.md section 4, used by verifiers, gradient
// rules and lowerings alike, so that they cannot disagree.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_DIALECT_NN_SHAPEUTILS_H
#define NNC_DIALECT_NN_SHAPEUTILS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>

namespace nnc::nn {

/// NumPy broadcast of two shapes, or nullopt if incompatible.
std::optional<llvm::SmallVector<int64_t>>
broadcastShapes(llvm::ArrayRef<int64_t> a, llvm::ArrayRef<int64_t> b);

/// For an operand broadcast to `result`: the result axes that the operand
/// does not cover or covers with size 1 (the axes its adjoint is summed over).
llvm::SmallVector<int64_t> broadcastReducedAxes(llvm::ArrayRef<int64_t> operand,
                                                llvm::ArrayRef<int64_t> result);

/// floor((in + 2*pad - dil*(k-1) - 1) / stride) + 1; may be < 1 if invalid.
int64_t convOutputSize(int64_t in, int64_t k, int64_t stride, int64_t pad,
                       int64_t dil);

/// floor((in + 2*pad - k) / stride) + 1; may be < 1 if invalid.
int64_t poolOutputSize(int64_t in, int64_t k, int64_t stride, int64_t pad);

/// The shape left when `axes` (sorted, unique) are dropped.
llvm::SmallVector<int64_t> dropAxes(llvm::ArrayRef<int64_t> shape,
                                    llvm::ArrayRef<int64_t> axes);

/// Result shape of a (batched) matmul after the optional transposes of the
/// last two axes, or nullopt (with `why` set) when the operands do not fit.
std::optional<llvm::SmallVector<int64_t>>
matmulResultShape(llvm::ArrayRef<int64_t> a, llvm::ArrayRef<int64_t> b,
                  bool transposeA, bool transposeB, std::string *why);

int64_t product(llvm::ArrayRef<int64_t> dims);

/// A binary einsum "ab,bc->ac": the letters naming each operand's axes and
/// the result's.
struct EinsumSpec {
  std::string lhs, rhs, out;
  /// Every letter, result letters first, then the summed ones.
  std::string allLetters() const;
};

/// Parses and checks an equation against the operand shapes (letters
/// a-z, no letter twice in one term, result letters from the operands,
/// equal sizes for equal letters). Returns the spec and sets `resultShape`,
/// or nullopt with `why` set.
std::optional<EinsumSpec> parseEinsum(llvm::StringRef equation,
                                      llvm::ArrayRef<int64_t> lhsShape,
                                      llvm::ArrayRef<int64_t> rhsShape,
                                      llvm::SmallVectorImpl<int64_t> &resultShape,
                                      std::string *why);

} // namespace nnc::nn

#endif // NNC_DIALECT_NN_SHAPEUTILS_H
