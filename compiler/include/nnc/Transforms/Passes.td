//===- Passes.td - nnc passes ------------------------------*- tablegen -*-===//
#ifndef NNC_TRANSFORMS_PASSES
#define NNC_TRANSFORMS_PASSES

include "mlir/Pass/PassBase.td"

def GenerateBackward : Pass<"nnc-generate-backward", "mlir::ModuleOp"> {
  let summary = "Reverse-mode autodiff: add M_backward for each model with a loss";
  let description = [{
    For every `func.func` marked `nn.kind = "forward"` whose results include
    one with `nn.role = "loss"`, builds `<model>_backward`: the forward body
    followed by the vector-Jacobian products of its ops in reverse order
    (each op's `DifferentiableOpInterface` rule). It returns the forward
    results, then the gradient of the loss with respect to every argument
    marked `nn.grad` (the `grad wrt` inputs, then every param).
  }];
  let options = [
    Option<"corruptGradOf", "corrupt-grad-of", "std::string", /*default=*/"",
           "Debug: scale the gradient rule of the first op with this name "
           "(e.g. 'conv2d') by 1.5, to prove that `M check` catches it">
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect",
                           "::nnc::nn::NNDialect"];
}

def ConvertNNToLinalg : Pass<"convert-nn-to-linalg", "mlir::ModuleOp"> {
  let summary = "Lower nn ops to linalg, tensor, arith, math and scf";
  let description = [{
    One pattern set per op category (Elementwise, Linear, Shape, Reduction,
    Conv, Pooling, Loss, ...). Named linalg ops are used where they exist.
    Each `nn.runtime_check` becomes a call of the private declaration
    `@__nnc_runtime_check(tensor<i1> failed, i32 code)`, so that the output
    is upstream IR (mlir-opt reads it); the ABI pass consumes the calls.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect"];
}

def FuseElementwise : Pass<"nnc-fuse-elementwise"> {
  let summary = "linalg elementwise fusion that never recomputes into contractions";
  let description = [{
    Upstream `linalg-fuse-elementwise-ops` (producer/consumer fusion of
    elementwise generics, folding reshapes by expansion, constant folding)
    with one restriction: an elementwise producer is not fused into a
    consumer with reduction loops that reads it through a map that does not
    use all of its loops (a matmul operand, read once per column of the
    result), and reshapes are not folded into or out of ops with reduction
    loops. Fusing `tanh` into a matmul would evaluate it N times per
    element, and would hide the contraction from the register tiler
    (a contraction body must be a plain multiply-add). Only producers with
    a single use are fused, so nothing is computed twice.
  }];
  let dependentDialects = ["::mlir::affine::AffineDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def LowerFunctionABI : Pass<"nnc-lower-function-abi", "mlir::ModuleOp"> {
  let summary = "Give model functions the C ABI: memref arguments, i32 status";
  let description = [{
    Rewrites each public tensor function `(inputs, params) -> (results)` into
    `(inputs, params, results, workspace) -> i32`: every tensor becomes a
    caller-owned identity-layout memref (read through
    `bufferization.to_tensor restrict`, results written with
    `bufferization.materialize_in_destination`), the workspace is a byte
    buffer whose size the workspace pass fixes, and the i32 result is the
    function's `status` result (folded run-time checks), or 0.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::bufferization::BufferizationDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::tensor::TensorDialect"];
}

def TileAndVectorize : Pass<"nnc-tile-and-vectorize", "mlir::func::FuncOp"> {
  let summary = "Tile linalg ops for threads and registers, then vectorize";
  let description = [{
    Contractions (matmul, batch matmul, the matmul of an im2col conv) are
    tiled into an `scf.forall` over threads, then into register tiles whose
    `vector.contract` lowers to vector FMAs. Other large parallel ops are
    tiled into an `scf.forall` so that every op uses the threads.
  }];
  let options = [
    Option<"vectorWidth", "vector-width", "int64_t", /*default=*/"16",
           "f32 lanes of the target's widest vector register">,
    Option<"parallel", "parallel", "bool", /*default=*/"true",
           "Distribute the outer tiles over threads (scf.forall)">,
    Option<"lowerContractions", "lower-contractions", "bool",
           /*default=*/"true",
           "Lower vector.contract to outer products and FMAs (off: stop "
           "after vectorization, for tests)">
  ];
  let dependentDialects = ["::mlir::affine::AffineDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::vector::VectorDialect"];
}

def Bufferize : Pass<"nnc-bufferize", "mlir::ModuleOp"> {
  let summary = "One-shot bufferization of the model functions' bodies";
  let description = [{
    Function boundaries are already memrefs (nnc-lower-function-abi), so
    only bodies are bufferized. Copies are emitted as `linalg.copy`, which
    lowers to loops, so the generated object needs no MLIR runtime library.
  }];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::memref::MemRefDialect"];
}

def AssignWorkspace : Pass<"nnc-assign-workspace", "mlir::ModuleOp"> {
  let summary = "Carve every buffer out of the caller's workspace";
  let description = [{
    After bufferization: each `memref.alloc` outside parallel loops gets a
    fixed, 64-byte aligned place in the workspace and becomes an argument
    of the model function with attribute `nn.workspace_offset` (the entry
    point passes workspace + offset). As separate noalias arguments, LLVM
    knows buffers never overlap. Buffers in parallel loop bodies, of dynamic
    size, or of at most 64 bytes go on the stack. Generated code thus never
    calls malloc. The workspace size is recorded in the module attribute
    `nn.workspace_bytes`.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

def ApproximateMath : Pass<"nnc-approximate-math"> {
  let summary = "exp, tanh, log, ... as polynomials that vectorize";
  let description = [{
    Lowered to LLVM, math.exp and friends become calls to libm's scalar
    expf: every softmax, sigmoid and tanh then runs one element at a time.
    MLIR's polynomial approximations (Cephes-style, about 1 ulp for f32)
    are plain arithmetic that LLVM vectorizes with the surrounding loop.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::math::MathDialect",
                           "::mlir::vector::VectorDialect"];
}

def LowerAllocaScopes : Pass<"nnc-lower-alloca-scopes"> {
  let summary = "Inline memref.alloca_scope bodies between stacksave/restore";
  let description = [{
    convert-scf-to-openmp wraps each parallel loop body in an alloca scope,
    whose region must stay a single block, but the loops inside are then
    lowered to control flow. Scopes without allocas are simply inlined; the
    others become llvm.intr.stacksave / stackrestore around the body.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

def EmitEntryPoints : Pass<"nnc-emit-entry-points", "mlir::ModuleOp"> {
  let summary = "Add the C entry points `int32_t M_f(const void *args, void *ws)`";
  let description = [{
    On the LLVM dialect: for each lowered model function (bare-pointer
    convention), adds an external wrapper that loads every tensor pointer
    from the argument struct and calls it. The model function itself
    becomes internal.
  }];
  let dependentDialects = ["::mlir::LLVM::LLVMDialect"];
}

#endif // NNC_TRANSFORMS_PASSES
