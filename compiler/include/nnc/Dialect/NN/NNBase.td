//===- NNBase.td - The nn dialect --------------------------*- tablegen -*-===//
#ifndef NNC_DIALECT_NN_BASE
#define NNC_DIALECT_NN_BASE

include "mlir/IR/OpBase.td"

def NN_Dialect : Dialect {
  let name = "nn";
  let summary = "Tensor-level neural-network ops of the .nn language";
  let description = [{
    One op per operation of the .nn language (plus the few helper ops that
    gradient rules need). Every tensor has a static shape; ops are pure and
    value-semantic. Differentiable ops implement `DifferentiableOpInterface`
    (their vector-Jacobian product, written in this dialect), so reverse-mode
    autodiff runs before any lowering.
  }];
  let cppNamespace = "::nnc::nn";
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::tensor::TensorDialect"];
}

def NN_F32Tensor : StaticShapeTensorOf<[F32]>;
def NN_I32Tensor : StaticShapeTensorOf<[I32]>;
def NN_Tensor : StaticShapeTensorOf<[F32, I32]>;
def NN_BoolScalarTensor : 0DTensorOf<[I1]>;

#endif // NNC_DIALECT_NN_BASE
