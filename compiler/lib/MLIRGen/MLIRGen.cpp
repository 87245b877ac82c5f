//===- MLIRGen.cpp - Checked program to the nn dialect --------------------===//
//
// The checker has inlined defs, folded consts and normalised attributes, so
// each node maps to a few nn ops through one row of `builtinTable()`.
//
//===----------------------------------------------------------------------===//
#include "nnc/MLIRGen/MLIRGen.h"
#include "nnc/Dialect/NN/NNBuilder.h"
#include "nnc/Dialect/NN/NNOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringMap.h"

#include <cmath>
#include <functional>
#include <limits>

using namespace mlir;
using namespace nnc;
using namespace nnc::nn;

namespace {

class ModelGen;
using Emitter = std::function<LogicalResult(ModelGen &, const dsl::Node &,
                                            Location)>;

class ModelGen {
public:
  ModelGen(OpBuilder &b, const dsl::Program &program, const dsl::Model &model)
      : b(b), program(program), model(model), values(model.values.size()) {}

  LogicalResult emitForward(ModuleOp module);

  // Accessors the table rows use.
  OpBuilder &b;
  Value operand(const dsl::Node &n, unsigned i) {
    return values[n.operands[i]];
  }
  Value optionalOperand(const dsl::Node &n, unsigned i) {
    return i < n.operands.size() ? operand(n, i) : Value();
  }
  RankedTensorType resultType(const dsl::Node &n, unsigned i = 0) {
    return tensorType(model.values[n.results[i]].type);
  }
  void define(const dsl::Node &n, ValueRange results) {
    for (auto [id, v] : llvm::zip(n.results, results))
      values[id] = v;
  }
  int64_t intAttr(const dsl::Node &n, StringRef name) {
    return std::get<int64_t>(n.attrs.at(name.str()));
  }
  bool hasAttr(const dsl::Node &n, StringRef name) {
    return n.attrs.count(name.str());
  }
  double floatAttr(const dsl::Node &n, StringRef name) {
    const dsl::AttrValue &v = n.attrs.at(name.str());
    if (auto *i = std::get_if<int64_t>(&v))
      return static_cast<double>(*i);
    return std::get<double>(v);
  }
  DenseI64ArrayAttr listAttr(const dsl::Node &n, StringRef name) {
    return b.getDenseI64ArrayAttr(std::get<dsl::IntList>(n.attrs.at(name.str())));
  }

private:
  Location loc(dsl::Loc l) {
    return FileLineColLoc::get(b.getStringAttr(program.file), l.line, l.col);
  }
  RankedTensorType tensorType(const dsl::TensorType &t) {
    Type elt = t.dtype == dsl::DType::F32 ? Type(b.getF32Type())
                                          : Type(b.getIntegerType(32));
    return RankedTensorType::get(t.shape, elt);
  }
  DictionaryAttr argAttrs(StringRef name, StringRef role, bool grad,
                          const dsl::Init *init, int64_t intRange);

  const dsl::Program &program;
  const dsl::Model &model;
  std::vector<Value> values;
};

//===----------------------------------------------------------------------===//
// The builtin table: one row per canonical op of Program.h.
//===----------------------------------------------------------------------===//

template <typename OpT> Emitter unary() {
  return [](ModelGen &g, const dsl::Node &n, Location l) {
    g.define(n, g.b.create<OpT>(l, g.operand(n, 0))->getResults());
    return success();
  };
}

template <typename OpT> Emitter binary() {
  return [](ModelGen &g, const dsl::Node &n, Location l) {
    g.define(n, g.b.create<OpT>(l, g.resultType(n), g.operand(n, 0),
                                g.operand(n, 1))
                    ->getResults());
    return success();
  };
}

template <typename OpT> Emitter reduction() {
  return [](ModelGen &g, const dsl::Node &n, Location l) {
    SmallVector<int64_t> axes;
    if (g.hasAttr(n, "axis"))
      axes.push_back(g.intAttr(n, "axis"));
    else
      for (int64_t i = 0, e = NNBuilder::shape(g.operand(n, 0)).size(); i < e;
           ++i)
        axes.push_back(i);
    g.define(n, g.b.create<OpT>(l, g.resultType(n), g.operand(n, 0),
                                g.b.getDenseI64ArrayAttr(axes))
                    ->getResults());
    return success();
  };
}

template <typename OpT> Emitter softmaxLike() {
  return [](ModelGen &g, const dsl::Node &n, Location l) {
    g.define(n, g.b.create<OpT>(l, g.operand(n, 0),
                                g.b.getI64IntegerAttr(g.intAttr(n, "axis")))
                    ->getResults());
    return success();
  };
}

template <typename OpT> Emitter pool() {
  return [](ModelGen &g, const dsl::Node &n, Location l) {
    g.define(n, g.b.create<OpT>(l, g.resultType(n), g.operand(n, 0),
                                g.listAttr(n, "kernel"),
                                g.listAttr(n, "stride"),
                                g.listAttr(n, "padding"))
                    ->getResults());
    return success();
  };
}

/// softmax(q k^T / sqrt(d) [+ causal mask]) v over axes named by einsum
/// letters: `batch` for the leading axes, i/j the query/key positions.
Value attend(NNBuilder &nb, Value q, Value k, Value v, StringRef batch,
             bool causal) {
  int64_t d = NNBuilder::shape(q).back();
  std::string bt = batch.str();
  Value scores = nb.einsum(q, k, bt + "id," + bt + "jd->" + bt + "ij");
  scores = nb.mul(scores, nb.scalar(1.0 / std::sqrt(static_cast<double>(d))));
  OpBuilder &b = nb.builder();
  if (causal)
    scores = b.create<CausalMaskOp>(
        nb.location(), scores.getType(), scores,
        b.getF64FloatAttr(-std::numeric_limits<double>::infinity()));
  int64_t last = NNBuilder::shape(scores).size() - 1;
  Value p = b.create<SoftmaxOp>(nb.location(), scores,
                                b.getI64IntegerAttr(last));
  return nb.einsum(p, v, bt + "ij," + bt + "je->" + bt + "ie");
}

/// Einsum letters for `n` leading (batch) axes, avoiding i, j, d, e, h, t
/// and k, which the attention equations use.
std::string batchLetters(size_t n) {
  static const char pool[] = "abcfglmnopqrsuvwxyz";
  return std::string(pool, std::min(n, sizeof(pool) - 1));
}

const llvm::StringMap<Emitter> &builtinTable() {
  static const llvm::StringMap<Emitter> table = [] {
    llvm::StringMap<Emitter> t;
    t["relu"] = unary<ReluOp>();
    t["sigmoid"] = unary<SigmoidOp>();
    t["tanh"] = unary<TanhOp>();
    t["exp"] = unary<ExpOp>();
    t["log"] = unary<LogOp>();
    t["sqrt"] = unary<SqrtOp>();
    t["neg"] = unary<NegOp>();
    t["add"] = binary<AddOp>();
    t["sub"] = binary<SubOp>();
    t["mul"] = binary<MulOp>();
    t["div"] = binary<DivOp>();
    t["scalar"] = [](ModelGen &g, const dsl::Node &n, Location l) {
      g.define(n, NNBuilder(g.b, l).scalar(g.floatAttr(n, "value")));
      return success();
    };
    t["matmul"] = [](ModelGen &g, const dsl::Node &n, Location l) {
      g.define(n, NNBuilder(g.b, l).matmul(g.operand(n, 0), g.operand(n, 1)));
      return success();
    };
    t["linear"] = [](ModelGen &g, const dsl::Node &n, Location l) {
      g.define(n, g.b.create<LinearOp>(l, g.resultType(n), g.operand(n, 0),
                                       g.operand(n, 1),
                                       g.optionalOperand(n, 2))
                      ->getResults());
      return success();
    };
    t["permute"] = [](ModelGen &g, const dsl::Node &n, Location l) {
      g.define(n, g.b.create<PermuteOp>(l, g.resultType(n), g.operand(n, 0),
                                        g.listAttr(n, "perm"))
                      ->getResults());
      return success();
    };
    t["reshape"] = [](ModelGen &g, const dsl::Node &n, Location l) {
      g.define(n, g.b.create<ReshapeOp>(l, g.resultType(n), g.operand(n, 0))
                      ->getResults());
      return success();
    };
    t["concat"] = [](ModelGen &g, const dsl::Node &n, Location l) {
      SmallVector<Value> inputs;
      for (unsigned i = 0; i < n.operands.size(); ++i)
        inputs.push_back(g.operand(n, i));
      g.define(n, g.b.create<ConcatOp>(l, g.resultType(n), inputs,
                                       g.b.getI64IntegerAttr(
                                           g.intAttr(n, "axis")))
                      ->getResults());
      return success();
    };
    t["index"] = [](ModelGen &g, const dsl::Node &n, Location l) {
      // x[i] = the slice [i:i+1] along axis 0, with that axis dropped.
      Value x = g.operand(n, 0);
      ArrayRef<int64_t> s = NNBuilder::shape(x);
      SmallVector<int64_t> offsets(s.size(), 0), sizes(s), strides(s.size(), 1);
      offsets[0] = g.intAttr(n, "index");
      sizes[0] = 1;
      NNBuilder nb(g.b, l);
      g.define(n, nb.reshape(nb.slice(x, offsets, sizes, strides),
                             s.drop_front()));
      return success();
    };
    t["sum"] = reduction<SumOp>();
    t["mean"] = reduction<MeanOp>();
    t["max"] = reduction<MaxOp>();
    t["softmax"] = softmaxLike<SoftmaxOp>();
    t["log_softmax"] = softmaxLike<LogSoftmaxOp>();
    t["conv2d"] = [](ModelGen &g, const dsl::Node &n, Location l) {
      g.define(n, g.b.create<Conv2dOp>(l, g.resultType(n), g.operand(n, 0),
                                       g.operand(n, 1), g.optionalOperand(n, 2),
                                       g.listAttr(n, "stride"),
                                       g.listAttr(n, "padding"),
                                       g.listAttr(n, "dilation"))
                      ->getResults());
      return success();
    };
    t["conv1x1"] = [](ModelGen &g, const dsl::Node &n, Location l) {
      g.define(n, g.b.create<Conv1x1Op>(l, g.resultType(n), g.operand(n, 0),
                                        g.operand(n, 1),
                                        g.optionalOperand(n, 2))
                      ->getResults());
      return success();
    };
    t["maxpool2d"] = pool<MaxPool2dOp>();
    t["avgpool2d"] = pool<AvgPool2dOp>();
    t["mse"] = [](ModelGen &g, const dsl::Node &n, Location l) {
      // mean((y - t)^2) over every element.
      NNBuilder nb(g.b, l);
      Value d = nb.sub(g.operand(n, 0), g.operand(n, 1));
      SmallVector<int64_t> all;
      for (int64_t i = 0, e = NNBuilder::shape(d).size(); i < e; ++i)
        all.push_back(i);
      g.define(n, nb.mean(nb.mul(d, d), all));
      return success();
    };
    t["cross_entropy"] = [](ModelGen &g, const dsl::Node &n, Location l) {
      g.define(n, g.b.create<CrossEntropyOp>(l, g.resultType(n),
                                             g.operand(n, 0), g.operand(n, 1))
                      ->getResults());
      return success();
    };
    t["rnn"] = [](ModelGen &g, const dsl::Node &n, Location l) {
      auto op = g.b.create<RnnOp>(
          l, TypeRange{g.resultType(n, 0), g.resultType(n, 1)},
          g.operand(n, 0), g.operand(n, 1), g.operand(n, 2), g.operand(n, 3),
          g.operand(n, 4), g.operand(n, 5));
      g.define(n, op->getResults());
      return success();
    };
    t["lstm"] = [](ModelGen &g, const dsl::Node &n, Location l) {
      // y, hT, cT, then the saved gates and cells (no DSL name).
      ArrayRef<int64_t> y = g.resultType(n, 0).getShape();
      Type f32 = g.b.getF32Type();
      auto op = g.b.create<LstmOp>(
          l,
          TypeRange{g.resultType(n, 0), g.resultType(n, 1), g.resultType(n, 2),
                    RankedTensorType::get({y[0], y[1], 4 * y[2]}, f32),
                    g.resultType(n, 0)},
          g.operand(n, 0), g.operand(n, 1), g.operand(n, 2), g.operand(n, 3),
          g.operand(n, 4), g.operand(n, 5), g.operand(n, 6));
      g.define(n, op->getResults().take_front(3));
      return success();
    };
    t["lstm_cell"] = [](ModelGen &g, const dsl::Node &n, Location l) {
      // One step of lstm from primitive ops, so its gradient (seed 004's
      // derivation) comes from their rules.
      NNBuilder nb(g.b, l);
      Value x = g.operand(n, 0), h = g.operand(n, 1), c = g.operand(n, 2);
      Value wih = g.operand(n, 3), whh = g.operand(n, 4);
      Value bih = g.operand(n, 5), bhh = g.operand(n, 6);
      int64_t batch = NNBuilder::shape(h)[0], hidden = NNBuilder::shape(h)[1];
      auto linear = [&](Value in, Value w, Value bias) -> Value {
        ArrayRef<int64_t> s = NNBuilder::shape(in);
        auto type = nb.f32Type({s[0], NNBuilder::shape(w)[0]});
        return g.b.create<LinearOp>(l, type, in, w, bias);
      };
      Value gates = nb.add(linear(x, wih, bih), linear(h, whh, bhh));
      auto gate = [&](int k) {
        return nb.slice(gates, {0, k * hidden}, {batch, hidden}, {1, 1});
      };
      Value i = g.b.create<SigmoidOp>(l, gate(0));
      Value f = g.b.create<SigmoidOp>(l, gate(1));
      Value gg = g.b.create<TanhOp>(l, gate(2));
      Value o = g.b.create<SigmoidOp>(l, gate(3));
      Value cNew = nb.add(nb.mul(f, c), nb.mul(i, gg));
      Value hNew = nb.mul(o, g.b.create<TanhOp>(l, cNew));
      g.define(n, {hNew, cNew});
      return success();
    };
    t["embedding"] = [](ModelGen &g, const dsl::Node &n, Location l) {
      g.define(n, g.b.create<EmbeddingOp>(l, g.resultType(n), g.operand(n, 0),
                                          g.operand(n, 1))
                      ->getResults());
      return success();
    };
    t["attention"] = [](ModelGen &g, const dsl::Node &n, Location l) {
      NNBuilder nb(g.b, l);
      Value q = g.operand(n, 0);
      std::string batch = batchLetters(NNBuilder::shape(q).size() - 2);
      bool causal = g.hasAttr(n, "causal") &&
                    std::get<bool>(n.attrs.at("causal"));
      g.define(n, attend(nb, q, g.operand(n, 1), g.operand(n, 2), batch,
                         causal));
      return success();
    };
    t["multihead_attention"] = [](ModelGen &g, const dsl::Node &n,
                                  Location l) {
      // Heads are split in the weights, not the activations: wq viewed as
      // [D, heads, D/heads] gives Q already head-major ([.., h, T, dh]) from
      // one contraction, and wo viewed as [heads, dh, D] concatenates the
      // heads and projects in one contraction too. No activation copies.
      NNBuilder nb(g.b, l);
      Value x = g.operand(n, 0);
      int64_t heads = g.intAttr(n, "heads");
      bool causal = g.hasAttr(n, "causal") &&
                    std::get<bool>(n.attrs.at("causal"));
      int64_t dModel = NNBuilder::shape(x).back();
      int64_t dh = dModel / heads;
      std::string b = NNBuilder::shape(x).size() == 3 ? "b" : "";
      auto project = [&](unsigned i) {
        Value w = nb.reshape(g.operand(n, i), {dModel, heads, dh});
        return nb.einsum(x, w, b + "tk,khd->" + b + "htd");
      };
      Value o = attend(nb, project(1), project(2), project(3), b + "h",
                       causal);
      Value wo = nb.reshape(g.operand(n, 4), {heads, dh, dModel});
      g.define(n, nb.einsum(o, wo, b + "hid,hde->" + b + "ie"));
      return success();
    };
    t["posenc"] = [](ModelGen &g, const dsl::Node &n, Location l) {
      // Evaluated here, at compile time: a dense constant.
      int64_t steps = g.intAttr(n, "T"), dim = g.intAttr(n, "D");
      // The table is embedded in the object; keep that reasonable.
      constexpr int64_t kMaxElements = int64_t(1) << 26;
      if (steps > kMaxElements / dim) {
        emitError(l) << "posenc(" << steps << ", " << dim << ") would embed "
                     << steps << " x " << dim
                     << " constants in the object; the limit is "
                     << kMaxElements << " elements";
        return failure();
      }
      std::vector<float> table(steps * dim);
      for (int64_t t = 0; t < steps; ++t)
        for (int64_t i = 0; 2 * i < dim; ++i) {
          double angle =
              t / std::pow(10000.0, 2.0 * i / static_cast<double>(dim));
          table[t * dim + 2 * i] = static_cast<float>(std::sin(angle));
          if (2 * i + 1 < dim)
            table[t * dim + 2 * i + 1] = static_cast<float>(std::cos(angle));
        }
      auto type = RankedTensorType::get({steps, dim}, g.b.getF32Type());
      g.define(n, g.b.create<arith::ConstantOp>(
                         l, type,
                         DenseElementsAttr::get(type, ArrayRef<float>(table)))
                      ->getResults());
      return success();
    };
    t["layernorm"] = [](ModelGen &g, const dsl::Node &n, Location l) {
      // (x - mean) / sqrt(biased var + eps) * gamma + beta over the last
      // axis, from primitive ops (two-pass variance: stable).
      NNBuilder nb(g.b, l);
      Value x = g.operand(n, 0);
      ArrayRef<int64_t> shape = NNBuilder::shape(x);
      SmallVector<int64_t> last{static_cast<int64_t>(shape.size()) - 1};
      double eps = g.hasAttr(n, "eps") ? g.floatAttr(n, "eps") : 1e-5;
      Value centred = nb.sub(x, nb.unreduce(nb.mean(x, last), last, shape));
      Value var = nb.mean(nb.mul(centred, centred), last);
      Value inv = nb.div(nb.scalar(1.0),
                         g.b.create<SqrtOp>(l, nb.add(var, nb.scalar(eps))));
      Value normed = nb.mul(centred, nb.unreduce(inv, last, shape));
      g.define(n, nb.add(nb.mul(normed, g.operand(n, 1)), g.operand(n, 2)));
      return success();
    };
    return t;
  }();
  return table;
}

//===----------------------------------------------------------------------===//
// Functions
//===----------------------------------------------------------------------===//

StringRef initName(dsl::InitKind k) {
  switch (k) {
  case dsl::InitKind::Zeros:
    return "zeros";
  case dsl::InitKind::Ones:
    return "ones";
  case dsl::InitKind::Const:
    return "const";
  case dsl::InitKind::Normal:
    return "normal";
  case dsl::InitKind::Uniform:
    return "uniform";
  case dsl::InitKind::Xavier:
    return "xavier";
  case dsl::InitKind::Kaiming:
    return "kaiming";
  }
  return "zeros";
}

DictionaryAttr ModelGen::argAttrs(StringRef name, StringRef role, bool grad,
                                  const dsl::Init *init, int64_t intRange) {
  SmallVector<NamedAttribute> attrs{
      b.getNamedAttr("nn.name", b.getStringAttr(name)),
      b.getNamedAttr("nn.role", b.getStringAttr(role))};
  if (grad)
    attrs.push_back(b.getNamedAttr("nn.grad", b.getUnitAttr()));
  if (init) {
    attrs.push_back(
        b.getNamedAttr("nn.init", b.getStringAttr(initName(init->kind))));
    if (init->kind == dsl::InitKind::Const ||
        init->kind == dsl::InitKind::Normal ||
        init->kind == dsl::InitKind::Uniform)
      attrs.push_back(b.getNamedAttr(
          "nn.init_args", b.getF64ArrayAttr({init->a, init->b})));
  }
  if (intRange > 0)
    attrs.push_back(
        b.getNamedAttr("nn.int_range", b.getI64IntegerAttr(intRange)));
  return b.getDictionaryAttr(attrs);
}

LogicalResult ModelGen::emitForward(ModuleOp module) {
  SmallVector<Type> argTypes;
  SmallVector<Attribute> argAttrList;
  for (const dsl::Input &in : model.inputs) {
    const dsl::TensorType &t = model.values[in.value].type;
    bool wrt = llvm::is_contained(model.gradWrt, in.name);
    argTypes.push_back(tensorType(t));
    argAttrList.push_back(argAttrs(in.name, "input", wrt, nullptr,
                                   in.intRange));
  }
  for (const dsl::Param &p : model.params) {
    const dsl::TensorType &t = model.values[p.value].type;
    argTypes.push_back(tensorType(t));
    argAttrList.push_back(argAttrs(p.name, "param",
                                   t.dtype == dsl::DType::F32, &p.init, 0));
  }
  SmallVector<const dsl::Output *> results;
  SmallVector<Attribute> resultAttrList;
  for (const dsl::Output &o : model.outputs) {
    results.push_back(&o);
    resultAttrList.push_back(b.getDictionaryAttr(
        {b.getNamedAttr("nn.name", b.getStringAttr(o.name)),
         b.getNamedAttr("nn.role", b.getStringAttr("output"))}));
  }
  if (model.loss) {
    results.push_back(&*model.loss);
    resultAttrList.push_back(b.getDictionaryAttr(
        {b.getNamedAttr("nn.name", b.getStringAttr(model.loss->name)),
         b.getNamedAttr("nn.role", b.getStringAttr("loss"))}));
  }
  SmallVector<Type> resultTypes;
  for (const dsl::Output *o : results)
    resultTypes.push_back(tensorType(model.values[o->value].type));

  b.setInsertionPointToEnd(module.getBody());
  auto fn = b.create<func::FuncOp>(loc(model.loc), model.name + "_forward",
                                   b.getFunctionType(argTypes, resultTypes));
  fn.setAllArgAttrs(argAttrList);
  fn.setAllResultAttrs(resultAttrList);
  fn->setAttr("nn.model", b.getStringAttr(model.name));
  fn->setAttr("nn.kind", b.getStringAttr("forward"));

  Block *entry = fn.addEntryBlock();
  unsigned argIndex = 0;
  for (const dsl::Input &in : model.inputs)
    values[in.value] = entry->getArgument(argIndex++);
  for (const dsl::Param &p : model.params)
    values[p.value] = entry->getArgument(argIndex++);

  b.setInsertionPointToStart(entry);
  const auto &table = builtinTable();
  for (const dsl::Node &n : model.nodes) {
    auto it = table.find(n.op);
    if (it == table.end())
      return emitError(loc(n.loc))
             << "'" << n.op << "' is not supported by code generation yet";
    if (failed(it->second(*this, n, loc(n.loc))))
      return failure();
  }
  SmallVector<Value> returned;
  for (const dsl::Output *o : results)
    returned.push_back(values[o->value]);
  b.create<func::ReturnOp>(loc(model.loc), returned);
  return success();
}

} // namespace

OwningOpRef<ModuleOp> nnc::mlirGen(MLIRContext &context,
                                   const dsl::Program &program,
                                   StringRef modelName) {
  context.loadDialect<NNDialect, arith::ArithDialect, func::FuncDialect,
                      tensor::TensorDialect>();
  OpBuilder b(&context);
  OwningOpRef<ModuleOp> module = ModuleOp::create(
      FileLineColLoc::get(b.getStringAttr(program.file), 1, 1));
  for (const dsl::Model &m : program.models) {
    if (!modelName.empty() && m.name != modelName)
      continue;
    ModelGen gen(b, program, m);
    if (failed(gen.emitForward(*module)))
      return nullptr;
  }
  return module;
}
