//===- NNOps.td - Operations of the nn dialect -------------*- tablegen -*-===//
//
// Forward ops derive from NN_DiffOp and so must define a gradient rule
// (lib/Dialect/NN/Gradients/<Category>.cpp). Helper ops that only gradient
// rules create derive from NN_Op and have no gradient (no second-order
// derivatives are needed).
//
//===----------------------------------------------------------------------===//
#ifndef NNC_DIALECT_NN_OPS
#define NNC_DIALECT_NN_OPS

include "nnc/Dialect/NN/NNBase.td"
include "nnc/Dialect/NN/NNInterfaces.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/CommonAttrConstraints.td"
include "mlir/IR/OpBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"

// `customFlops` ops define getFlopCount(); the others count one operation
// per result element.
class NN_Op<string mnemonic, list<Trait> traits = [], bit customFlops = 0>
    : Op<NN_Dialect, mnemonic,
         !listconcat(traits, [Pure,
             !if(customFlops,
                 DeclareOpInterfaceMethods<NN_FlopCountOpInterface,
                                           ["getFlopCount"]>,
                 DeclareOpInterfaceMethods<NN_FlopCountOpInterface>)])> {
  let hasVerifier = 1;
}

class NN_DiffOp<string mnemonic, list<Trait> traits = [], bit customFlops = 0>
    : NN_Op<mnemonic, !listconcat(traits, [DeclareOpInterfaceMethods<
                                              NN_DifferentiableOpInterface>]),
            customFlops>;

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

class NN_UnaryOp<string mnemonic, string formula>
    : NN_DiffOp<mnemonic, [SameOperandsAndResultType]> {
  let summary = "elementwise " # formula;
  let arguments = (ins NN_F32Tensor:$input);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
  let hasVerifier = 0;
}

def NN_ReluOp : NN_UnaryOp<"relu", "max(x, 0); relu'(0) = 0">;
def NN_SigmoidOp : NN_UnaryOp<"sigmoid", "1 / (1 + exp(-x))">;
def NN_TanhOp : NN_UnaryOp<"tanh", "tanh(x)">;
def NN_ExpOp : NN_UnaryOp<"exp", "exp(x)">;
def NN_LogOp : NN_UnaryOp<"log", "natural logarithm">;
def NN_SqrtOp : NN_UnaryOp<"sqrt", "square root">;
def NN_NegOp : NN_UnaryOp<"neg", "-x">;

class NN_BinaryOp<string mnemonic, string formula> : NN_DiffOp<mnemonic> {
  let summary = "elementwise " # formula # " with NumPy broadcasting";
  let description = [{
    Shapes are aligned at the trailing axis; an axis of size 1 (or a
    missing leading axis) is broadcast.

    Example: `%z = nn.add %x, %b : tensor<4x8xf32>, tensor<8xf32> -> tensor<4x8xf32>`
  }];
  let arguments = (ins NN_F32Tensor:$lhs, NN_F32Tensor:$rhs);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)";
}

def NN_AddOp : NN_BinaryOp<"add", "a + b">;
def NN_SubOp : NN_BinaryOp<"sub", "a - b">;
def NN_MulOp : NN_BinaryOp<"mul", "a * b">;
def NN_DivOp : NN_BinaryOp<"div", "a / b">;

def NN_ReluBackwardOp : NN_Op<"relu_backward", [SameOperandsAndResultType]> {
  let summary = "gradient of relu: g where x > 0, else 0";
  let arguments = (ins NN_F32Tensor:$input, NN_F32Tensor:$grad);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat = "$input `,` $grad attr-dict `:` type($result)";
}

//===----------------------------------------------------------------------===//
// Linear algebra
//===----------------------------------------------------------------------===//

def NN_MatmulOp : NN_DiffOp<"matmul", [], 1> {
  let summary = "(batched) matrix product";
  let description = [{
    `[..., M, K] x [..., K, N] -> [..., M, N]` (after the optional
    transposes of the last two axes). Batch axes are equal, or one operand
    is 2-D and shared by every batch.

    Example: `%c = nn.matmul %a, %b : tensor<2x3x4xf32>, tensor<4x5xf32> -> tensor<2x3x5xf32>`
  }];
  let arguments = (ins NN_F32Tensor:$lhs, NN_F32Tensor:$rhs,
                   DefaultValuedAttr<BoolAttr, "false">:$transpose_lhs,
                   DefaultValuedAttr<BoolAttr, "false">:$transpose_rhs);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)";
}

def NN_EinsumOp : NN_DiffOp<"einsum", [], 1> {
  let summary = "binary Einstein summation, e.g. \"bid,bjd->bij\"";
  let description = [{
    Each operand and the result name their axes with lowercase letters;
    letters missing from the result are summed over. Attention and
    multi-head attention use it to contract over any axes without copying
    activations into matmul layouts. Its gradient is einsum again.

    Example: `%s = nn.einsum %q, %k {equation = "bhid,bhjd->bhij"} : ...`
  }];
  let arguments = (ins NN_F32Tensor:$lhs, NN_F32Tensor:$rhs, StrAttr:$equation);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat =
      "$lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)";
}

def NN_LinearOp : NN_DiffOp<"linear", [], 1> {
  let summary = "x @ w^T + b";
  let description = [{
    `x[..., I]`, `w[O, I]`, optional `b[O]` -> `[..., O]` (PyTorch's layout).
  }];
  let arguments = (ins NN_F32Tensor:$input, NN_F32Tensor:$weight,
                   Optional<NN_F32Tensor>:$bias);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat =
      "$input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Shape and data movement (also on i32 tensors)
//===----------------------------------------------------------------------===//

def NN_PermuteOp : NN_DiffOp<"permute"> {
  let summary = "axis permutation: result axis i is input axis perm[i]";
  let arguments = (ins NN_Tensor:$input, DenseI64ArrayAttr:$perm);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = "$input $perm attr-dict `:` type($input) `->` type($result)";
}

def NN_ReshapeOp : NN_DiffOp<"reshape"> {
  let summary = "row-major reshape to the result type (same element count)";
  let arguments = (ins NN_Tensor:$input);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasFolder = 1;
}

def NN_ConcatOp : NN_DiffOp<"concat"> {
  let summary = "join tensors along `axis`";
  let arguments = (ins Variadic<NN_Tensor>:$inputs, I64Attr:$axis);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = "$inputs attr-dict `:` functional-type($inputs, $result)";
}

def NN_SliceOp : NN_DiffOp<"slice"> {
  let summary = "strided static slice (like tensor.extract_slice)";
  let description = [{
    Result element `r[i]` is `input[offsets + i * strides]`; the result
    shape is the result type. Indexing `x[i]` is a slice then a reshape.
  }];
  let arguments = (ins NN_Tensor:$input, DenseI64ArrayAttr:$offsets,
                   DenseI64ArrayAttr:$strides);
  let results = (outs NN_Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

def NN_PadOp : NN_DiffOp<"pad"> {
  let summary = "edge and interior padding with a constant";
  let description = [{
    Like StableHLO's pad: along axis d, `low[d]` copies of `value` before the
    data, `interior[d]` between consecutive elements, `high[d]` after. Gradient
    rules use it to zero-stuff and to scatter a slice's adjoint back.
  }];
  let arguments = (ins NN_F32Tensor:$input, DenseI64ArrayAttr:$low,
                   DenseI64ArrayAttr:$high, DenseI64ArrayAttr:$interior,
                   DefaultValuedAttr<F64Attr, "0.0">:$value);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

def NN_ReverseOp : NN_DiffOp<"reverse", [SameOperandsAndResultType]> {
  let summary = "reverse the order of elements along `axes`";
  let arguments = (ins NN_F32Tensor:$input, DenseI64ArrayAttr:$axes);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat = "$input $axes attr-dict `:` type($result)";
}

def NN_BroadcastOp : NN_DiffOp<"broadcast"> {
  let summary = "broadcast to the result type";
  let description = [{
    Input axis i becomes result axis `dims[i]` (strictly increasing); it must
    have the result's size or size 1. Other result axes are new.
  }];
  let arguments = (ins NN_F32Tensor:$input, DenseI64ArrayAttr:$dims);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat = "$input $dims attr-dict `:` type($input) `->` type($result)";
}

//===----------------------------------------------------------------------===//
// Reductions and normalisation
//===----------------------------------------------------------------------===//

class NN_ReduceOp<string mnemonic, string what> : NN_DiffOp<mnemonic> {
  let summary = what # " over `axes` (dropped from the result)";
  let arguments = (ins NN_F32Tensor:$input, DenseI64ArrayAttr:$axes);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat = "$input $axes attr-dict `:` type($input) `->` type($result)";
}

def NN_SumOp : NN_ReduceOp<"sum", "sum">;
def NN_MeanOp : NN_ReduceOp<"mean", "mean">;
def NN_MaxOp : NN_ReduceOp<"max", "maximum">;

def NN_MaxBackwardOp : NN_Op<"max_backward"> {
  let summary = "gradient of max: g to the first maximal element";
  let description = [{
    `grad` has the shape of the max's result. The adjoint goes whole to the
    first maximal element (in row-major order over `axes`) of each reduced
    group, zero elsewhere.
  }];
  let arguments = (ins NN_F32Tensor:$input, NN_F32Tensor:$grad,
                   DenseI64ArrayAttr:$axes);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat =
      "$input `,` $grad $axes attr-dict `:` functional-type(operands, results)";
}

def NN_CausalMaskOp : NN_DiffOp<"causal_mask", [SameOperandsAndResultType]> {
  let summary = "x[..., i, j] replaced by `value` where j > i";
  let description = [{
    Attention scores are masked with -inf before the softmax; since every
    row keeps at least j = 0, no row is all -inf and the softmax never
    produces NaN. The gradient is the same mask with value 0.
  }];
  let arguments = (ins NN_F32Tensor:$input, F64Attr:$value);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
}

def NN_SoftmaxOp : NN_DiffOp<"softmax", [SameOperandsAndResultType], 1> {
  let summary = "numerically stable softmax along `axis`";
  let arguments = (ins NN_F32Tensor:$input, I64Attr:$axis);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
}

def NN_LogSoftmaxOp : NN_DiffOp<"log_softmax", [SameOperandsAndResultType], 1> {
  let summary = "numerically stable log-softmax along `axis`";
  let arguments = (ins NN_F32Tensor:$input, I64Attr:$axis);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($result)";
}

//===----------------------------------------------------------------------===//
// Convolution and pooling (NCHW, PyTorch layouts)
//===----------------------------------------------------------------------===//

def NN_Conv2dOp : NN_DiffOp<"conv2d", [], 1> {
  let summary = "2-D convolution (cross-correlation), NCHW x FCHW";
  let description = [{
    `x[N,C,H,W]`, `w[F,C,KH,KW]`, optional `b[F]` -> `[N,F,OH,OW]` with
    `OH = (H + 2*padding - dilation*(KH-1) - 1) / stride + 1` (floor).
  }];
  let arguments = (ins NN_F32Tensor:$input, NN_F32Tensor:$weight,
                   Optional<NN_F32Tensor>:$bias,
                   DenseI64ArrayAttr:$stride, DenseI64ArrayAttr:$padding,
                   DenseI64ArrayAttr:$dilation);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat =
      "$input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)";
}

def NN_Conv1x1Op : NN_DiffOp<"conv1x1", [], 1> {
  let summary = "per-pixel channel mix: x[N,C,H,W], w[F,C] -> [N,F,H,W]";
  let arguments = (ins NN_F32Tensor:$input, NN_F32Tensor:$weight,
                   Optional<NN_F32Tensor>:$bias);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat =
      "$input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)";
}

def NN_Conv2dBackwardInputOp : NN_Op<"conv2d_backward_input", [], 1> {
  let summary = "adjoint of conv2d with respect to its input";
  let arguments = (ins NN_F32Tensor:$grad, NN_F32Tensor:$weight,
                   DenseI64ArrayAttr:$stride, DenseI64ArrayAttr:$padding,
                   DenseI64ArrayAttr:$dilation);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat =
      "$grad `,` $weight attr-dict `:` functional-type(operands, results)";
}

def NN_Conv2dBackwardWeightOp : NN_Op<"conv2d_backward_weight", [], 1> {
  let summary = "adjoint of conv2d with respect to its weight";
  let arguments = (ins NN_F32Tensor:$input, NN_F32Tensor:$grad,
                   DenseI64ArrayAttr:$stride, DenseI64ArrayAttr:$padding,
                   DenseI64ArrayAttr:$dilation);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat =
      "$input `,` $grad attr-dict `:` functional-type(operands, results)";
}

class NN_Pool2dOp<string mnemonic, string what> : NN_DiffOp<mnemonic, [], 1> {
  let summary = what # " pooling over KHxKW windows, NCHW";
  let description = [{
    `OH = (H + 2*padding - kernel) / stride + 1` (floor). Max pooling pads
    with -inf; average pooling counts the zero padding (PyTorch's default).
  }];
  let arguments = (ins NN_F32Tensor:$input, DenseI64ArrayAttr:$kernel,
                   DenseI64ArrayAttr:$stride, DenseI64ArrayAttr:$padding);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
}

def NN_MaxPool2dOp : NN_Pool2dOp<"maxpool2d", "max">;
def NN_AvgPool2dOp : NN_Pool2dOp<"avgpool2d", "average">;

def NN_MaxPool2dBackwardOp : NN_Op<"maxpool2d_backward", [], 1> {
  let summary = "adjoint of maxpool2d: each window's g to its first maximum";
  let arguments = (ins NN_F32Tensor:$input, NN_F32Tensor:$grad,
                   DenseI64ArrayAttr:$kernel, DenseI64ArrayAttr:$stride,
                   DenseI64ArrayAttr:$padding);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat =
      "$input `,` $grad attr-dict `:` functional-type(operands, results)";
}

def NN_AvgPool2dBackwardOp : NN_Op<"avgpool2d_backward", [], 1> {
  let summary = "adjoint of avgpool2d: g / (KH*KW) spread over each window";
  let arguments = (ins NN_F32Tensor:$grad, DenseI64ArrayAttr:$kernel,
                   DenseI64ArrayAttr:$stride, DenseI64ArrayAttr:$padding);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat = "$grad attr-dict `:` type($grad) `->` type($result)";
}

//===----------------------------------------------------------------------===//
// Losses
//===----------------------------------------------------------------------===//

def NN_CrossEntropyOp : NN_DiffOp<"cross_entropy", [], 1> {
  let summary = "mean over N of -log_softmax(logits)[n, labels[n]]";
  let description = [{
    `logits[N,K]`, `labels i32[N]` -> `f32[]`. A label outside [0, K) makes
    the generated function return NNC_STATUS_INDEX_OUT_OF_RANGE.
  }];
  let arguments = (ins NN_F32Tensor:$logits, NN_I32Tensor:$labels);
  let results = (outs 0DTensorOf<[F32]>:$result);
  let assemblyFormat =
      "$logits `,` $labels attr-dict `:` functional-type(operands, results)";
}

def NN_CrossEntropyBackwardOp : NN_Op<"cross_entropy_backward", [], 1> {
  let summary = "(softmax(logits) - onehot(labels)) * g / N";
  let arguments = (ins NN_F32Tensor:$logits, NN_I32Tensor:$labels,
                   0DTensorOf<[F32]>:$grad);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat =
      "$logits `,` $labels `,` $grad attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Sequence models (PyTorch layouts; LSTM gate rows ordered i, f, g, o)
//===----------------------------------------------------------------------===//

def NN_RnnOp : NN_DiffOp<"rnn", [], 1> {
  let summary = "Elman RNN: h_t = tanh(x_t w_ih^T + b_ih + h_{t-1} w_hh^T + b_hh)";
  let description = [{
    `x[T,B,I]`, `w_ih[H,I]`, `w_hh[H,H]`, `b_ih[H]`, `b_hh[H]`, `h0[B,H]` ->
    `y[T,B,H]` (every h_t) and `hT[B,H]`. `y` is also what the backward pass
    needs (tanh' = 1 - h^2), so nothing else is saved.
  }];
  let arguments = (ins NN_F32Tensor:$input, NN_F32Tensor:$w_ih,
                   NN_F32Tensor:$w_hh, NN_F32Tensor:$b_ih,
                   NN_F32Tensor:$b_hh, NN_F32Tensor:$h0);
  let results = (outs NN_F32Tensor:$y, NN_F32Tensor:$h_last);
  let assemblyFormat =
      "$input `,` $w_ih `,` $w_hh `,` $b_ih `,` $b_hh `,` $h0 attr-dict `:` functional-type(operands, results)";
}

def NN_RnnBackwardOp : NN_Op<"rnn_backward", [], 1> {
  let summary = "backward through time of nn.rnn";
  let description = [{
    Given the forward's operands, its `y`, and the adjoints `dy[T,B,H]` and
    `dhT[B,H]`: `dx`, `dw_ih`, `dw_hh`, `db` (the adjoint of both biases)
    and `dh0`. One loop over time, backwards; the weight gradients of all
    steps are then single large matmuls.
  }];
  let arguments = (ins NN_F32Tensor:$input, NN_F32Tensor:$w_ih,
                   NN_F32Tensor:$w_hh, NN_F32Tensor:$h0, NN_F32Tensor:$y,
                   NN_F32Tensor:$dy, NN_F32Tensor:$dh_last);
  let results = (outs NN_F32Tensor:$dx, NN_F32Tensor:$dw_ih,
                      NN_F32Tensor:$dw_hh, NN_F32Tensor:$db,
                      NN_F32Tensor:$dh0);
  let assemblyFormat =
      "$input `,` $w_ih `,` $w_hh `,` $h0 `,` $y `,` $dy `,` $dh_last attr-dict `:` functional-type(operands, results)";
}

def NN_LstmOp : NN_DiffOp<"lstm", [], 1> {
  let summary = "LSTM over a sequence (gate order i, f, g, o)";
  let description = [{
    `x[T,B,I]`, `w_ih[4H,I]`, `w_hh[4H,H]`, `b_ih[4H]`, `b_hh[4H]`,
    `h0[B,H]`, `c0[B,H]` -> `y[T,B,H]`, `hT[B,H]`, `cT[B,H]`, and, saved for
    the backward pass, `gates[T,B,4H]` (after their nonlinearities) and
    `cells[T,B,H]` (every c_t). c_t = f*c_{t-1} + i*g, h_t = o*tanh(c_t).
  }];
  let arguments = (ins NN_F32Tensor:$input, NN_F32Tensor:$w_ih,
                   NN_F32Tensor:$w_hh, NN_F32Tensor:$b_ih,
                   NN_F32Tensor:$b_hh, NN_F32Tensor:$h0, NN_F32Tensor:$c0);
  let results = (outs NN_F32Tensor:$y, NN_F32Tensor:$h_last,
                      NN_F32Tensor:$c_last, NN_F32Tensor:$gates,
                      NN_F32Tensor:$cells);
  let assemblyFormat =
      "$input `,` $w_ih `,` $w_hh `,` $b_ih `,` $b_hh `,` $h0 `,` $c0 attr-dict `:` functional-type(operands, results)";
}

def NN_LstmBackwardOp : NN_Op<"lstm_backward", [], 1> {
  let summary = "backward through time of nn.lstm";
  let description = [{
    Seed 004's single-step derivation applied for t = T-1 ... 0, with the
    cell-state path dE/dc_{t-1} = dE/dc_t * f (seed 003's constant error
    carousel) carried between steps. Inputs: the forward's operands, its
    saved `y`, `gates`, `cells`, and the adjoints `dy`, `dhT`, `dcT`.
    Results: `dx`, `dw_ih`, `dw_hh`, `db` (both biases), `dh0`, `dc0`.
  }];
  let arguments = (ins NN_F32Tensor:$input, NN_F32Tensor:$w_ih,
                   NN_F32Tensor:$w_hh, NN_F32Tensor:$h0, NN_F32Tensor:$c0,
                   NN_F32Tensor:$y, NN_F32Tensor:$gates, NN_F32Tensor:$cells,
                   NN_F32Tensor:$dy, NN_F32Tensor:$dh_last,
                   NN_F32Tensor:$dc_last);
  let results = (outs NN_F32Tensor:$dx, NN_F32Tensor:$dw_ih,
                      NN_F32Tensor:$dw_hh, NN_F32Tensor:$db,
                      NN_F32Tensor:$dh0, NN_F32Tensor:$dc0);
  let assemblyFormat =
      "$input `,` $w_ih `,` $w_hh `,` $h0 `,` $c0 `,` $y `,` $gates `,` $cells `,` $dy `,` $dh_last `,` $dc_last attr-dict `:` functional-type(operands, results)";
}

def NN_EmbeddingOp : NN_DiffOp<"embedding"> {
  let summary = "row lookup: out[..., :] = table[ids[...], :]";
  let description = [{
    `ids i32[...]`, `table[V,E]` -> `[..., E]`. An id outside [0, V) makes
    the generated function return NNC_STATUS_INDEX_OUT_OF_RANGE (the read
    itself is clamped, never out of bounds).
  }];
  let arguments = (ins NN_I32Tensor:$ids, NN_F32Tensor:$table);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat =
      "$ids `,` $table attr-dict `:` functional-type(operands, results)";
}

def NN_EmbeddingBackwardOp : NN_Op<"embedding_backward"> {
  let summary = "scatter-add of row adjoints into a [V,E] table gradient";
  let arguments = (ins NN_I32Tensor:$ids, NN_F32Tensor:$grad);
  let results = (outs NN_F32Tensor:$result);
  let assemblyFormat =
      "$ids `,` $grad attr-dict `:` functional-type(operands, results)";
}

//===----------------------------------------------------------------------===//
// Run-time checks
//===----------------------------------------------------------------------===//

def NN_RuntimeCheckOp : Op<NN_Dialect, "runtime_check", [MemoryEffects<[MemWrite]>]> {
  let summary = "make the generated function return `code` when `failed` holds";
  let description = [{
    Created by lowerings that guard memory safety (e.g. an embedding id out
    of range): the op itself clamps nothing, it only reports. The ABI pass
    folds all checks of a function into its i32 status result.
  }];
  let arguments = (ins NN_BoolScalarTensor:$failed, I32Attr:$code);
  let assemblyFormat = "$failed `,` $code attr-dict `:` type($failed)";
}

#endif // NNC_DIALECT_NN_OPS
