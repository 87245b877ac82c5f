//===- GenerateBackward.cpp - Reverse-mode autodiff on the nn dialect -----===//
//
// M_backward is M_forward's body followed by the adjoint computation. The
// forward values the gradient rules use are simply SSA values of the same
// function, so whatever the backward needs is kept from the forward pass
// and nothing is recomputed; forward values nobody needs are erased by DCE.
//
//===----------------------------------------------------------------------===//
#include "nnc/Dialect/NN/NNBuilder.h"
#include "nnc/Dialect/NN/NNOps.h"
#include "nnc/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Matchers.h"
#include "llvm/ADT/SetVector.h"

namespace nnc {
#define GEN_PASS_DEF_GENERATEBACKWARD
#include "nnc/Transforms/Passes.h.inc"
} // namespace nnc

using namespace mlir;
using namespace nnc;
using namespace nnc::nn;

namespace {

StringRef stringAttr(func::FuncOp f, unsigned i, StringRef name, bool result) {
  Attribute a = result ? f.getResultAttr(i, name) : f.getArgAttr(i, name);
  if (auto s = dyn_cast_or_null<StringAttr>(a))
    return s.getValue();
  return {};
}

std::optional<unsigned> lossResultIndex(func::FuncOp f) {
  for (unsigned i = 0; i < f.getNumResults(); ++i)
    if (stringAttr(f, i, "nn.role", /*result=*/true) == "loss")
      return i;
  return std::nullopt;
}

class BackwardBuilder {
public:
  BackwardBuilder(func::FuncOp fn, StringRef corruptGradOf)
      : fn(fn), corruptGradOf(corruptGradOf) {}

  LogicalResult run(unsigned lossIndex);
  bool corruptedAGradient() const { return corrupted; }
  /// The ops whose gradient rules ran (for --debug-corrupt-grad's error).
  const llvm::SmallSetVector<StringRef, 16> &differentiatedOps() const {
    return differentiated;
  }

private:
  LogicalResult differentiate(Operation *op, OpBuilder &b);
  void accumulate(Value v, Value grad, OpBuilder &b, Location loc);

  func::FuncOp fn;
  StringRef corruptGradOf;
  bool corrupted = false;
  llvm::SmallSetVector<StringRef, 16> differentiated;
  DenseMap<Value, Value> adjoint;
};

void BackwardBuilder::accumulate(Value v, Value grad, OpBuilder &b,
                                 Location loc) {
  Value &slot = adjoint[v];
  slot = slot ? NNBuilder(b, loc).add(slot, grad) : grad;
}

LogicalResult BackwardBuilder::differentiate(Operation *op, OpBuilder &b) {
  SmallVector<Value> resultGrads;
  bool any = false;
  for (Value r : op->getResults()) {
    resultGrads.push_back(adjoint.lookup(r));
    any |= static_cast<bool>(resultGrads.back());
  }
  if (!any || isa<arith::ConstantOp>(op))
    return success();
  auto diff = dyn_cast<DifferentiableOpInterface>(op);
  if (!diff)
    return op->emitError() << "'" << op->getName()
                           << "' has no gradient rule; it cannot appear on "
                              "the path from the parameters to the loss";
  differentiated.insert(op->getName().stripDialect());
  SmallVector<Value> operandGrads;
  if (failed(diff.buildGradient(b, resultGrads, operandGrads)))
    return failure();
  if (operandGrads.size() != op->getNumOperands())
    return op->emitError() << "internal error: gradient rule of '"
                           << op->getName() << "' returned "
                           << operandGrads.size() << " adjoints for "
                           << op->getNumOperands() << " operands";
  for (auto [operand, grad] : llvm::zip(op->getOperands(), operandGrads)) {
    if (!grad)
      continue;
    if (grad.getType() != operand.getType())
      return op->emitError() << "internal error: gradient rule of '"
                             << op->getName() << "' produced " << grad.getType()
                             << " for an operand of type " << operand.getType();
    // A constant operand's adjoint is dead: corrupting it would test nothing.
    if (!corrupted && !corruptGradOf.empty() &&
        op->getName().stripDialect() == corruptGradOf &&
        !matchPattern(operand, m_Constant())) {
      // Debug aid: a deliberately wrong gradient that `M check` must catch.
      NNBuilder nb(b, op->getLoc());
      grad = nb.mul(grad, nb.scalar(1.5));
      corrupted = true;
    }
    accumulate(operand, grad, b, op->getLoc());
  }
  return success();
}

LogicalResult BackwardBuilder::run(unsigned lossIndex) {
  Block &body = fn.getBody().front();
  auto ret = cast<func::ReturnOp>(body.getTerminator());
  OpBuilder b(ret);
  Location loc = ret.getLoc();

  Value loss = ret.getOperand(lossIndex);
  adjoint[loss] = NNBuilder(b, loc).scalar(1.0);

  SmallVector<Operation *> forwardOps;
  for (Operation &op : body.without_terminator())
    forwardOps.push_back(&op);
  for (Operation *op : llvm::reverse(forwardOps))
    if (failed(differentiate(op, b)))
      return failure();

  // Gradients of the `grad wrt` inputs, then of the params: arguments are
  // declared in that order already.
  SmallVector<Value> results(ret.getOperands());
  SmallVector<Type> resultTypes(fn.getResultTypes());
  SmallVector<DictionaryAttr> resultAttrs;
  fn.getAllResultAttrs(resultAttrs);
  for (BlockArgument arg : body.getArguments()) {
    unsigned i = arg.getArgNumber();
    if (!fn.getArgAttr(i, "nn.grad"))
      continue;
    Value grad = adjoint.lookup(arg);
    if (!grad) // the loss does not depend on this argument
      grad = NNBuilder(b, loc).zeros(NNBuilder::shape(arg));
    results.push_back(grad);
    resultTypes.push_back(arg.getType());
    StringRef name = stringAttr(fn, i, "nn.name", /*result=*/false);
    NamedAttribute attrs[] = {
        b.getNamedAttr("nn.name", b.getStringAttr("grad_" + name.str())),
        b.getNamedAttr("nn.role", b.getStringAttr("grad")),
        b.getNamedAttr("nn.grad_of", b.getStringAttr(name))};
    resultAttrs.push_back(b.getDictionaryAttr(attrs));
  }
  b.create<func::ReturnOp>(loc, results);
  ret.erase();
  fn.setFunctionType(
      FunctionType::get(fn.getContext(), fn.getArgumentTypes(), resultTypes));
  fn.setAllResultAttrs(resultAttrs);
  return success();
}

struct GenerateBackwardPass
    : nnc::impl::GenerateBackwardBase<GenerateBackwardPass> {
  using GenerateBackwardBase::GenerateBackwardBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    bool corrupted = false;
    llvm::SmallSetVector<StringRef, 16> differentiated;
    SmallVector<func::FuncOp> forwards;
    for (auto f : module.getOps<func::FuncOp>())
      if (auto kind = f->getAttrOfType<StringAttr>("nn.kind");
          kind && kind.getValue() == "forward" && lossResultIndex(f))
        forwards.push_back(f);

    for (func::FuncOp forward : forwards) {
      auto model = forward->getAttrOfType<StringAttr>("nn.model");
      if (!model) {
        forward.emitError("forward function without 'nn.model'");
        return signalPassFailure();
      }
      std::string name = model.getValue().str() + "_backward";
      if (module.lookupSymbol(name))
        continue; // already differentiated (e.g. the pass ran twice)
      OpBuilder b(module.getContext());
      b.setInsertionPointAfter(forward);
      auto backward = cast<func::FuncOp>(b.clone(*forward));
      backward.setSymName(name);
      backward->setAttr("nn.kind", b.getStringAttr("backward"));
      BackwardBuilder builder(backward, corruptGradOf);
      if (failed(builder.run(*lossResultIndex(forward))))
        return signalPassFailure();
      corrupted |= builder.corruptedAGradient();
      for (StringRef op : builder.differentiatedOps())
        differentiated.insert(op);
    }
    // A misspelt or composite op name (layernorm is built from primitives)
    // would otherwise give a "corrupted" build that is not.
    if (!corruptGradOf.empty() && !corrupted) {
      std::string ops;
      for (StringRef op : differentiated)
        ops += (ops.empty() ? "" : ", ") + op.str();
      Location loc =
          forwards.empty() ? module.getLoc() : forwards.front().getLoc();
      emitError(loc) << "--debug-corrupt-grad=" << corruptGradOf << ": no '"
                     << corruptGradOf
                     << "' op has a gradient in any backward function; "
                        "ops with gradients here: "
                     << (ops.empty() ? "none" : ops);
      return signalPassFailure();
    }
  }
};

} // namespace
