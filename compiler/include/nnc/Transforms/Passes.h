//===- Passes.h - nnc passes ------------------------------------*- C++ -*-===//
#ifndef NNC_TRANSFORMS_PASSES_H
#define NNC_TRANSFORMS_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir {
class DialectRegistry;
namespace affine {
class AffineDialect;
}
namespace arith {
class ArithDialect;
}
namespace bufferization {
class BufferizationDialect;
}
namespace func {
class FuncDialect;
class FuncOp;
} // namespace func
namespace linalg {
class LinalgDialect;
}
namespace LLVM {
class LLVMDialect;
}
namespace math {
class MathDialect;
}
namespace memref {
class MemRefDialect;
}
namespace scf {
class SCFDialect;
}
namespace tensor {
class TensorDialect;
}
namespace vector {
class VectorDialect;
}
} // namespace mlir

namespace nnc {
namespace nn {
class NNDialect;
}

/// The private function whose calls carry the run-time checks from the
/// linalg stage to the ABI pass: `(tensor<i1> failed, i32 code) -> ()`.
inline constexpr const char kRuntimeCheckFunction[] = "__nnc_runtime_check";

#define GEN_PASS_DECL
#include "nnc/Transforms/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "nnc/Transforms/Passes.h.inc"

} // namespace nnc

#endif // NNC_TRANSFORMS_PASSES_H
