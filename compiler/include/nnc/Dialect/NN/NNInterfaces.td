//===- NNInterfaces.td - Interfaces of nn ops --------------*- tablegen -*-===//
#ifndef NNC_DIALECT_NN_INTERFACES
#define NNC_DIALECT_NN_INTERFACES

include "mlir/IR/OpBase.td"

def NN_DifferentiableOpInterface : OpInterface<"DifferentiableOpInterface"> {
  let description = [{
    An op with a reverse-mode gradient rule. The rule has no default: every
    op declaring the interface must define it, or the build fails at link
    time, so an op can never be silently non-differentiable.
  }];
  let cppNamespace = "::nnc::nn";
  let methods = [
    InterfaceMethod<[{
        Emits, at the builder's insertion point, the vector-Jacobian product
        of this op: given the adjoint of each result (a null Value when no
        gradient flows into that result), appends one adjoint per operand to
        `operandGrads` (null for operands that are not differentiable, such
        as integer labels). Emits an error and fails if unsupported.
      }],
      "::mlir::LogicalResult", "buildGradient",
      (ins "::mlir::OpBuilder &":$builder,
           "::mlir::ArrayRef<::mlir::Value>":$resultGrads,
           "::llvm::SmallVectorImpl<::mlir::Value> &":$operandGrads)>
  ];
}

def NN_FlopCountOpInterface : OpInterface<"FlopCountOpInterface"> {
  let description = [{
    Estimated floating-point operations of one execution, for `M info` and
    `M bench`. The default counts one operation per result element.
  }];
  let cppNamespace = "::nnc::nn";
  let methods = [
    InterfaceMethod<"Estimated floating-point operations of the op.",
      "double", "getFlopCount", (ins), [{}], [{
        double n = 0;
        for (::mlir::Value r : $_op->getResults())
          if (auto t = ::llvm::dyn_cast<::mlir::ShapedType>(r.getType()))
            n += static_cast<double>(t.getNumElements());
        return n;
      }]>
  ];
}

#endif // NNC_DIALECT_NN_INTERFACES
