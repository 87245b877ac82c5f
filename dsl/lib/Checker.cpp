//===- Checker.cpp - AST to checked Program -------------------------------===//
//
// Evaluation is direct: every expression of a model is evaluated once, in
// order, to a Value; a def call binds its arguments and evaluates the def
// body in a fresh scope (inlining), so the graph never contains a call.
//
//===----------------------------------------------------------------------===//

#include "Checker.h"

#include "CheckedMath.h"
#include "Convert.h"
#include "DefCheck.h"
#include "GraphBuilder.h"
#include "Names.h"
#include "Suggest.h"
#include "ops/OpCall.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

namespace nnc::dsl {
namespace {

/// Limits that keep a malicious file from exhausting the stack or time:
/// def calls nested this deep, def calls inlined in all, consts defined in
/// terms of consts defined later, this deep.
constexpr size_t kMaxInlineDepth = 100;
constexpr size_t kMaxInlinedCalls = 100000;
constexpr size_t kMaxConstDepth = 100;
/// Expression evaluation recurses about five times per nesting level; with
/// defs inlined into each other, nesting adds up across calls.
constexpr size_t kMaxEvalDepth = 4000;
/// Evaluation steps in all (def bodies count once per inlined call), so
/// that no file takes more than a few seconds to check.
constexpr size_t kMaxEvalSteps = 20000000;
/// Lists only hold attributes (a pair, a permutation, a shape).
constexpr size_t kMaxListLength = kMaxRank;

Span spanOf(const ast::Located &node) { return {node.begin, node.end}; }
Span spanOf(const ast::Expr &expr) {
  ast::Located r = ast::rangeOf(expr);
  return {r.begin, r.end};
}

enum class BindingKind { Input, Param, Local, DefParam };

struct Binding {
  Value value;
  Span decl;
  BindingKind kind;
};

/// The names of one model, or of one inlined def call.
struct Scope {
  std::map<std::string, Binding, std::less<>> names;
  std::vector<NameCandidate> order; // binding order, for suggestions
  /// Every name the block binds, with its first definition, to tell
  /// "used before it is defined" from "unknown".
  std::map<std::string, Span, std::less<>> boundLater;
  std::string defName; // empty in a model
};

struct CallFrame {
  std::string def;
  Span call;
};

struct EvaluatedArg {
  const ast::Name *keyword;
  Value value;
  Span span;
};

std::string valueText(const Value &v, const Model *model) {
  switch (v.kind) {
  case ValueKind::Tensor:
    return model ? formatType(model->values[v.tensor].type) : "tensor";
  case ValueKind::Int:
    return std::to_string(v.intValue);
  case ValueKind::Float:
    return formatDouble(v.floatValue);
  case ValueKind::Bool:
    return v.boolValue ? "true" : "false";
  case ValueKind::List:
  case ValueKind::Tuple: {
    std::string text = v.kind == ValueKind::List ? "[" : "(";
    for (size_t i = 0; i < v.elements.size(); ++i)
      text += (i ? ", " : "") + valueText(v.elements[i], model);
    return text + (v.kind == ValueKind::List ? "]" : ")");
  }
  }
  return "";
}

std::string annotationOf(const Value &v, const Model *model) {
  bool runtime = v.kind == ValueKind::Tensor || v.kind == ValueKind::Tuple;
  return (runtime ? " : " : " = ") + valueText(v, model);
}

std::string shortened(const std::string &text) {
  return text.size() <= 40 ? text : text.substr(0, 20) + "...";
}

std::string arityMessage(const std::string &callee,
                         const std::vector<std::string> &params, size_t min,
                         size_t max, size_t given) {
  std::string count = min == max
                          ? std::to_string(min)
                          : std::to_string(min) + " to " + std::to_string(max);
  std::string list;
  for (size_t i = 0; i < params.size(); ++i)
    list += (i ? ", " : "") + params[i];
  return callee + " takes " + count + " argument" +
         (min == max && max == 1 ? "" : "s") +
         (list.empty() ? "" : " (" + list + ")") + " but " +
         std::to_string(given) + (given == 1 ? " was" : " were") + " given";
}

class Checker final : public Reporter {
public:
  Checker(const SourceFile &file, const ast::File &tree, Program &program,
          AstAnnotations *annotations)
      : file_(file), tree_(tree), program_(program), annotations_(annotations) {
  }

  void run();

protected:
  /// "in call to 'f' here" for each inlined call around the error, the
  /// innermost first; a long chain shows its innermost calls and the
  /// outermost one.
  void addContext(std::vector<Note> &notes) override {
    constexpr size_t kInnermostShown = 4;
    size_t count = callStack_.size();
    for (size_t k = 0; k < count; ++k) {
      const CallFrame &frame = callStack_[count - 1 - k];
      bool outermost = k == count - 1;
      if (k >= kInnermostShown && !outermost)
        continue;
      std::string message = "in call to '" + frame.def + "' here";
      if (outermost && count > kInnermostShown + 1)
        message += " (" + std::to_string(count - kInnermostShown - 1) +
                   " calls in between not shown)";
      notes.push_back({frame.call, message});
    }
  }

private:
  Value constValue(const std::string &name, Span use);

  void checkModel(const ast::ModelDecl &decl);
  void execInput(const ast::InputStmt &stmt);
  void execParam(const ast::ParamStmt &stmt);
  void execOutput(const ast::OutputStmt &stmt);
  void execLoss(const ast::LossStmt &stmt);
  void checkTensorNamesUnique();
  void execAssign(const ast::AssignStmt &stmt);
  void finishGradWrt();
  TensorType evalType(const ast::TypeExpr &type);
  Init evalInit(const ast::Expr &expr, const TensorType &type,
                const ast::Name &param, std::string &text);
  void bind(const ast::Name &name, const Value &value, BindingKind kind);
  int materialize(const Value &value, const std::string &what);

  Value eval(const ast::Expr &expr);
  Value evalSingle(const ast::Expr &expr) { return single(eval(expr)); }
  Value single(Value value);
  Value evalNode(const ast::Name &node);
  Value evalNode(const ast::IntLit &node);
  Value evalNode(const ast::FloatLit &node);
  Value evalNode(const ast::BoolLit &node);
  Value evalNode(const ast::ListExpr &node);
  Value evalNode(const ast::CallExpr &node);
  Value evalNode(const ast::BinaryExpr &node);
  Value evalNode(const ast::UnaryExpr &node);
  Value evalNode(const ast::PostfixExpr &node);
  Value lookupValue(const std::string &name, Span use);
  Value applyBinary(char op, const Value &lhs, const Value &rhs, Span opSpan);
  Value foldBinary(char op, const Value &lhs, const Value &rhs, Span opSpan);
  Value applyOp(const std::string &opName, const std::string &display,
                const std::vector<Value> &operands, Span at, Span result);
  std::vector<EvaluatedArg> evalArgs(const ast::CallExpr &call);
  Value callBuiltin(const OpInfo &op, const ast::CallExpr &call,
                    const std::vector<EvaluatedArg> &args);
  Value inlineDef(const ast::DefDecl &def, const ast::CallExpr &call,
                  const std::vector<EvaluatedArg> &args);
  Value resultOf(const std::vector<int> &results, Span span,
                 const std::string &producer);

  void annotate(const void *node, const Value &value) {
    if (annotations_ && callStack_.empty())
      annotations_->text[node] = annotationOf(value, model_);
  }

  const SourceFile &file_;
  const ast::File &tree_;
  Program &program_;
  AstAnnotations *annotations_;
  Globals globals_;

  std::map<std::string, Value, std::less<>> constValues_;
  std::set<std::string, std::less<>> constsInProgress_;

  // The model being checked; all null while evaluating a const.
  GraphBuilder *builder_ = nullptr;
  Model *model_ = nullptr;
  Scope *scope_ = nullptr;
  std::vector<CallFrame> callStack_;
  size_t inlinedCalls_ = 0;
  size_t evalDepth_ = 0;
  size_t evalSteps_ = 0;
  std::vector<std::pair<const ast::Name *, Span>> gradWrt_;
  std::optional<Span> lossStmt_;
  std::map<std::string, Span> outputNames_;
};

void Checker::run() {
  globals_ = collectGlobals(tree_, *this);
  if (globals_.models.empty())
    error({0, 0}, "no model in this file: a file needs at least one "
                  "'model NAME { ... }' block");
  for (const ast::ConstDecl *c : globals_.constOrder) {
    Value v = constValue(c->name.text, spanOf(c->name));
    annotate(c, v);
  }
  checkDefs(globals_, *this);
  for (const ast::ModelDecl *model : globals_.models)
    checkModel(*model);
}

// --- Consts ------------------------------------------------------------------

Value Checker::constValue(const std::string &name, Span use) {
  if (auto it = constValues_.find(name); it != constValues_.end())
    return it->second;
  const ast::ConstDecl &decl = *globals_.consts.at(name);
  if (constsInProgress_.count(name))
    error(use, "const '" + name + "' depends on itself",
          {{spanOf(decl.name), "'" + name + "' is defined here"}});
  if (constsInProgress_.size() >= kMaxConstDepth)
    error(use, "consts refer to consts defined after them more than " +
                   std::to_string(kMaxConstDepth) + " levels deep");
  // A const sees only other consts.
  GraphBuilder *builder = builder_;
  Model *model = model_;
  Scope *scope = scope_;
  builder_ = nullptr, model_ = nullptr, scope_ = nullptr;
  constsInProgress_.insert(name);
  Value value = evalSingle(decl.value);
  constsInProgress_.erase(name);
  builder_ = builder, model_ = model, scope_ = scope;
  if (!value.isNumber())
    error(spanOf(decl.value), "const '" + name + "' must be a number, got " +
                                  describeValue(value, nullptr));
  constValues_[name] = value;
  return value;
}

// --- Models ------------------------------------------------------------------

void Checker::checkModel(const ast::ModelDecl &decl) {
  Model &model = program_.models.emplace_back();
  model.name = decl.name.text;
  model.loc = file_.locate(decl.begin);
  GraphBuilder builder(model, file_, *this);
  Scope scope;
  for (const ast::Statement &stmt : decl.body) {
    auto later = [&](const ast::Name &name) {
      scope.boundLater.emplace(name.text, spanOf(name));
    };
    if (auto *s = boost::get<ast::InputStmt>(&stmt))
      later(s->name);
    else if (auto *s = boost::get<ast::ParamStmt>(&stmt))
      later(s->name);
    else if (auto *s = boost::get<ast::OutputStmt>(&stmt); s && s->value)
      later(s->name);
    else if (auto *s = boost::get<ast::LossStmt>(&stmt))
      later(s->name);
    else if (auto *s = boost::get<ast::AssignStmt>(&stmt))
      for (const ast::Name &target : s->targets)
        later(target);
  }
  builder_ = &builder;
  model_ = &model;
  scope_ = &scope;
  gradWrt_.clear();
  lossStmt_.reset();
  outputNames_.clear();

  for (const ast::Statement &stmt : decl.body) {
    if (auto *s = boost::get<ast::InputStmt>(&stmt)) {
      execInput(*s);
    } else if (auto *s = boost::get<ast::ParamStmt>(&stmt)) {
      execParam(*s);
    } else if (auto *s = boost::get<ast::OutputStmt>(&stmt)) {
      execOutput(*s);
    } else if (auto *s = boost::get<ast::LossStmt>(&stmt)) {
      execLoss(*s);
    } else if (auto *s = boost::get<ast::AssignStmt>(&stmt)) {
      execAssign(*s);
    } else if (auto *s = boost::get<ast::GradStmt>(&stmt)) {
      for (const ast::Name &name : s->names)
        gradWrt_.emplace_back(&name, spanOf(*s));
    } else if (auto *s = boost::get<ast::ReturnStmt>(&stmt)) {
      error(spanOf(*s), "'return' is only allowed in a def");
    }
  }
  finishGradWrt();
  checkTensorNamesUnique();
  builder_ = nullptr;
  model_ = nullptr;
  scope_ = nullptr;
}

void Checker::bind(const ast::Name &name, const Value &value,
                   BindingKind kind) {
  if (name.text == "_" && kind == BindingKind::Local)
    return; // `y, _ = rnn(...)` discards
  auto it = scope_->names.find(name.text);
  if (it != scope_->names.end())
    error(spanOf(name),
          "'" + name.text + "' is already defined in " +
              (scope_->defName.empty() ? "this model"
                                       : "def '" + scope_->defName + "'"),
          {{it->second.decl, "previous definition is here"}});
  if (value.kind == ValueKind::Tensor &&
      builder_->info(value.tensor).name.empty())
    builder_->info(value.tensor).name =
        scope_->defName.empty() ? name.text : scope_->defName + "." + name.text;
  scope_->names.emplace(name.text, Binding{value, spanOf(name), kind});
  scope_->order.push_back({name.text, spanOf(name)});
}

int Checker::materialize(const Value &value, const std::string &what) {
  if (value.kind == ValueKind::Tensor)
    return value.tensor;
  if (value.isNumber())
    return builder_->addScalar(value.asDouble(), value.span);
  error(value.span,
        what + " must be a tensor, got " + describeValue(value, model_));
}

TensorType Checker::evalType(const ast::TypeExpr &type) {
  TensorType result;
  result.dtype = type.dtype == "i32" ? DType::I32 : DType::F32;
  if (type.dims.size() > kMaxRank)
    error(spanOf(type),
          "a tensor type has " + std::to_string(type.dims.size()) +
              " dimensions; the maximum is " + std::to_string(kMaxRank));
  for (const ast::Expr &dimExpr : type.dims) {
    Value v = evalSingle(dimExpr);
    int64_t dim = requireInt(v, "a dimension", *this, model_);
    if (dim < 1)
      error(spanOf(dimExpr),
            "dimension must be at least 1, got " + std::to_string(dim));
    result.shape.push_back(dim);
  }
  if (!checkedProduct(result.shape))
    error(spanOf(type), formatType(result) +
                            " has more elements than fit in a signed 64-bit "
                            "integer");
  return result;
}

void Checker::execInput(const ast::InputStmt &stmt) {
  TensorType type = evalType(stmt.type);
  int id = builder_->addValue(type, spanOf(stmt), stmt.name.text);
  model_->inputs.push_back(
      Input{stmt.name.text, id, file_.locate(stmt.begin), 0});
  if (type.dtype == DType::I32)
    builder_->markInput(id, model_->inputs.size() - 1);
  bind(stmt.name, Value::makeTensor(id, spanOf(stmt.name)), BindingKind::Input);
  annotate(&stmt, Value::makeTensor(id, spanOf(stmt)));
}

void Checker::execParam(const ast::ParamStmt &stmt) {
  TensorType type = evalType(stmt.type);
  if (type.dtype != DType::F32)
    error(spanOf(stmt.type), "param '" + stmt.name.text +
                                 "' must be f32 (params are trained), got " +
                                 formatType(type));
  std::string initText = "zeros";
  Init init;
  if (stmt.init)
    init = evalInit(*stmt.init, type, stmt.name, initText);
  int id = builder_->addValue(type, spanOf(stmt), stmt.name.text);
  model_->params.push_back(
      Param{stmt.name.text, id, init, file_.locate(stmt.begin)});
  bind(stmt.name, Value::makeTensor(id, spanOf(stmt.name)), BindingKind::Param);
  if (annotations_ && callStack_.empty())
    annotations_->text[&stmt] = " : " + formatType(type) + " = " + initText;
}

Init Checker::evalInit(const ast::Expr &expr, const TensorType &type,
                       const ast::Name &param, std::string &text) {
  const ast::Expr &e = ast::unwrap(expr);
  Span span = spanOf(e);
  std::string name;
  const ast::CallExpr *call = ast::as<ast::CallExpr>(e);
  if (auto *n = ast::as<ast::Name>(e))
    name = n->text;
  else if (call)
    name = call->callee.text;
  const char *const kExpected =
      "zeros, ones, const(v), normal(std), uniform(lo, hi), xavier or kaiming";
  if (name.empty())
    error(span, std::string("expected an initializer: ") + kExpected);
  if (!isInitName(name)) {
    std::optional<std::string> suggestion = nearestName(name, initNames());
    error(call ? spanOf(call->callee) : span,
          "unknown initializer '" + name + "'" +
              (suggestion ? didYouMean(suggestion)
                          : std::string("; expected ") + kExpected));
  }

  // Arguments: positional, or by keyword (value, std, lo, hi).
  std::vector<std::string> paramNames;
  if (name == "const")
    paramNames = {"value"};
  else if (name == "normal")
    paramNames = {"std"};
  else if (name == "uniform")
    paramNames = {"lo", "hi"};
  std::vector<std::optional<double>> args(paramNames.size());
  size_t given = call ? call->args.size() : 0;
  if (given > paramNames.size() || (!call && !paramNames.empty()))
    error(span, arityMessage(name, paramNames, paramNames.size(),
                             paramNames.size(), given));
  for (size_t i = 0; call && i < call->args.size(); ++i) {
    const ast::Argument &arg = call->args[i];
    size_t slot = i;
    if (arg.keyword) {
      auto it =
          std::find(paramNames.begin(), paramNames.end(), arg.keyword->text);
      if (it == paramNames.end())
        error(spanOf(*arg.keyword),
              "unknown keyword argument '" + arg.keyword->text + "' for " +
                  name +
                  didYouMean(nearestName(arg.keyword->text, paramNames)));
      slot = it - paramNames.begin();
    }
    if (args[slot])
      error(spanOf(arg.value),
            name + ": argument '" + paramNames[slot] + "' is given twice");
    args[slot] = requireNumber(evalSingle(arg.value),
                               name + ": " + paramNames[slot], *this, model_);
  }
  for (size_t i = 0; i < args.size(); ++i)
    if (!args[i])
      error(span, arityMessage(name, paramNames, paramNames.size(),
                               paramNames.size(), given));

  Init init;
  text = name;
  if (!args.empty()) {
    text += "(";
    for (size_t i = 0; i < args.size(); ++i)
      text += (i ? ", " : "") + formatDouble(*args[i]);
    text += ")";
  }
  for (const auto &a : args)
    if (!std::isfinite(*a))
      error(span, name + ": arguments must be finite numbers");
  if (name == "zeros") {
    init.kind = InitKind::Zeros;
  } else if (name == "ones") {
    init.kind = InitKind::Ones;
  } else if (name == "const") {
    init.kind = InitKind::Const;
    init.a = *args[0];
  } else if (name == "normal") {
    init.kind = InitKind::Normal;
    init.a = *args[0];
    if (init.a < 0)
      error(span, "normal: the standard deviation must be >= 0, got " +
                      formatDouble(init.a));
  } else if (name == "uniform") {
    init.kind = InitKind::Uniform;
    init.a = *args[0];
    init.b = *args[1];
    if (init.a > init.b)
      error(span, "uniform: lo must not exceed hi, got uniform(" +
                      formatDouble(init.a) + ", " + formatDouble(init.b) + ")");
  } else {
    init.kind = name == "xavier" ? InitKind::Xavier : InitKind::Kaiming;
    if (type.shape.size() < 2)
      error(span, name +
                      " needs a param of rank >= 2 (fan_in = shape[1] * "
                      "prod(shape[2:]), fan_out = shape[0] * "
                      "prod(shape[2:])), but '" +
                      param.text + "' is " + formatType(type));
  }
  return init;
}

void Checker::execOutput(const ast::OutputStmt &stmt) {
  auto [previous, inserted] =
      outputNames_.emplace(stmt.name.text, spanOf(stmt.name));
  if (!inserted)
    error(spanOf(stmt.name), "'" + stmt.name.text + "' is already an output",
          {{previous->second, "previous output is here"}});
  int id;
  if (stmt.value) {
    Value v = evalSingle(*stmt.value);
    id = materialize(v, "output '" + stmt.name.text + "'");
    bind(stmt.name, Value::makeTensor(id, spanOf(stmt.name)),
         BindingKind::Local);
  } else {
    // Every tensor of the compiled model has its own name (files are
    // written per name), so an input or param cannot also be an output.
    for (const Input &in : model_->inputs)
      if (in.name == stmt.name.text)
        error(spanOf(stmt.name),
              "'" + stmt.name.text +
                  "' is an input; an output needs a name of its own",
              {{spanOf(stmt.name), "e.g. `output " + stmt.name.text +
                                       "_out = " + stmt.name.text + "`"}});
    for (const Param &p : model_->params)
      if (p.name == stmt.name.text)
        error(spanOf(stmt.name),
              "'" + stmt.name.text +
                  "' is a param; an output needs a name of its own",
              {{spanOf(stmt.name), "e.g. `output " + stmt.name.text +
                                       "_out = " + stmt.name.text + "`"}});
    Value v = lookupValue(stmt.name.text, spanOf(stmt.name));
    id = materialize(v, "output '" + stmt.name.text + "'");
  }
  model_->outputs.push_back(
      Output{stmt.name.text, id, file_.locate(stmt.begin)});
  annotate(&stmt, Value::makeTensor(id, spanOf(stmt)));
}

void Checker::execLoss(const ast::LossStmt &stmt) {
  if (lossStmt_)
    error(spanOf(stmt), "a model may have at most one loss",
          {{*lossStmt_, "the first loss is here"}});
  lossStmt_ = spanOf(stmt);
  Value v = evalSingle(stmt.value);
  int id = materialize(v, "loss '" + stmt.name.text + "'");
  const TensorType &type = builder_->type(id);
  if (type.dtype != DType::F32 || !type.shape.empty())
    error(spanOf(stmt.value),
          "loss '" + stmt.name.text + "' must be a scalar f32[], got " +
              formatType(type) + "; reduce it first, e.g. with mean(...)");
  bind(stmt.name, Value::makeTensor(id, spanOf(stmt.name)), BindingKind::Local);
  model_->loss = Output{stmt.name.text, id, file_.locate(stmt.begin)};
  annotate(&stmt, Value::makeTensor(id, spanOf(stmt)));
}

void Checker::execAssign(const ast::AssignStmt &stmt) {
  Value v = eval(stmt.value);
  size_t names = stmt.targets.size();
  if (names == 1) {
    if (v.kind == ValueKind::Tuple)
      v = single(v);
    bind(stmt.targets[0], v, BindingKind::Local);
  } else {
    if (v.kind != ValueKind::Tuple)
      error(spanOf(stmt.value), std::to_string(names) +
                                    " names are given but the expression "
                                    "gives a single value");
    if (v.elements.size() != names)
      error(spanOf(stmt.value),
            v.producer + " returns " + std::to_string(v.elements.size()) +
                " values but " + std::to_string(names) + " names are given");
    for (size_t i = 0; i < names; ++i)
      bind(stmt.targets[i], v.elements[i], BindingKind::Local);
  }
  annotate(&stmt, v);
}

void Checker::finishGradWrt() {
  std::set<std::string> seen;
  for (const auto &[name, stmt] : gradWrt_) {
    Span use = spanOf(*name);
    auto it = scope_->names.find(name->text);
    if (it == scope_->names.end()) {
      std::vector<NameCandidate> inputs;
      for (const Input &input : model_->inputs)
        inputs.push_back({input.name, std::nullopt});
      std::vector<std::string> names;
      for (const NameCandidate &c : inputs)
        names.push_back(c.name);
      error(use, "grad wrt: unknown input '" + name->text + "'" +
                     didYouMean(nearestName(name->text, names)));
    }
    const Binding &binding = it->second;
    std::vector<Note> declared = {
        {binding.decl, "'" + name->text + "' is declared here"}};
    if (binding.kind == BindingKind::Param)
      error(use,
            "grad wrt: '" + name->text +
                "' is a param, not an input (params always get a gradient)",
            declared);
    if (binding.kind != BindingKind::Input)
      error(use, "grad wrt: '" + name->text + "' is not an input", declared);
    const TensorType &type = builder_->type(binding.value.tensor);
    if (type.dtype != DType::F32)
      error(use,
            "grad wrt: '" + name->text + "' is an " + formatType(type) +
                " input; only f32 inputs have a gradient",
            declared);
    if (!seen.insert(name->text).second)
      error(use, "grad wrt: '" + name->text + "' is listed twice");
  }
  if (!gradWrt_.empty() && !model_->loss)
    error(gradWrt_.front().second, "'grad wrt' needs a loss: model '" +
                                       model_->name +
                                       "' has no 'loss' statement");
  for (const Input &input : model_->inputs)
    if (seen.count(input.name))
      model_->gradWrt.push_back(input.name);
}

// Every tensor of the compiled model is a header field, a descriptor entry and
// a file name (`<name>.npy`, `grad_<name>.npy`), so the names of the
// inputs, params, outputs, loss and gradients must all differ.
void Checker::checkTensorNamesUnique() {
  struct Entry {
    std::string role;
    Span span;
  };
  std::map<std::string, Entry> taken;
  auto declOf = [&](const std::string &name) {
    auto it = scope_->names.find(name);
    return it == scope_->names.end() ? Span{} : it->second.decl;
  };
  auto claim = [&](const std::string &name, const std::string &role,
                   Span at) {
    auto [it, inserted] = taken.emplace(name, Entry{role, at});
    if (inserted)
      return;
    error(at,
          "'" + name + "' names both the " + it->second.role + " and the " +
              role +
              "; every input, param, output, loss and gradient needs "
              "a name of its own",
          {{it->second.span, "the " + it->second.role + " is declared here"}});
  };
  for (const Input &input : model_->inputs)
    claim(input.name, "input", declOf(input.name));
  for (const Param &param : model_->params)
    claim(param.name, "param", declOf(param.name));
  if (model_->loss)
    claim(model_->loss->name, "loss", declOf(model_->loss->name));
  for (const Output &output : model_->outputs) {
    auto it = outputNames_.find(output.name);
    Span at = it == outputNames_.end() ? Span{} : it->second;
    claim(output.name, "output", at);
  }
  if (!model_->loss)
    return;
  // Gradients are named `grad_<name>` in the header and the files.
  auto claimGrad = [&](const std::string &of) {
    claim("grad_" + of, "gradient of '" + of + "'", declOf(of));
  };
  for (const Param &param : model_->params)
    claimGrad(param.name);
  for (const std::string &input : model_->gradWrt)
    claimGrad(input);
}

// --- Expressions -------------------------------------------------------------

template <typename T> const T &unbox(const T &node) { return node; }
template <typename T> const T &unbox(const ast::x3::forward_ast<T> &node) {
  return node.get();
}

Value Checker::eval(const ast::Expr &expr) {
  if (evalDepth_ >= kMaxEvalDepth)
    error(spanOf(expr), "expression nested too deeply (counting the bodies "
                        "of inlined defs)");
  if (++evalSteps_ > kMaxEvalSteps)
    error(spanOf(expr), "the program is too large to check: more than " +
                            std::to_string(kMaxEvalSteps) +
                            " evaluation steps after inlining every def");
  ++evalDepth_;
  Value v = boost::apply_visitor(
      [this](const auto &node) -> Value { return evalNode(unbox(node)); },
      expr);
  --evalDepth_;
  return v;
}

Value Checker::single(Value value) {
  if (value.kind == ValueKind::Tuple) {
    std::string names;
    for (size_t i = 0; i < value.elements.size(); ++i)
      names += std::string(i ? ", " : "") + static_cast<char>('a' + i % 26);
    error(value.span, value.producer + " returns " +
                          std::to_string(value.elements.size()) +
                          " values; bind them all: '" + names + " = ...'");
  }
  return value;
}

Value Checker::lookupValue(const std::string &name, Span use) {
  if (scope_) {
    auto it = scope_->names.find(name);
    if (it != scope_->names.end()) {
      Value v = it->second.value;
      v.span = use;
      return v;
    }
  }
  if (globals_.consts.count(name)) {
    Value v = constValue(name, use);
    v.span = use;
    return v;
  }
  static const std::vector<NameCandidate> kNone;
  reportUnresolvedValue(name, use, scope_ ? &scope_->boundLater : nullptr,
                        scope_ ? scope_->order : kNone, globals_, *this);
}

Value Checker::evalNode(const ast::Name &node) {
  Value v = lookupValue(node.text, spanOf(node));
  annotate(&node, v);
  return v;
}

Value Checker::evalNode(const ast::IntLit &node) {
  int64_t value = 0;
  for (char c : node.text) {
    int digit = c - '0';
    if (value > (INT64_MAX - digit) / 10)
      error(spanOf(node), "integer literal " + shortened(node.text) +
                              " is too large (the largest is " +
                              std::to_string(INT64_MAX) + ")");
    value = value * 10 + digit;
  }
  return Value::makeInt(value, spanOf(node));
}

Value Checker::evalNode(const ast::FloatLit &node) {
  double value = std::strtod(node.text.c_str(), nullptr);
  if (!std::isfinite(value))
    error(spanOf(node), "number literal " + shortened(node.text) +
                            " is out of range for a double");
  return Value::makeFloat(value, spanOf(node));
}

Value Checker::evalNode(const ast::BoolLit &node) {
  return Value::makeBool(node.value, spanOf(node));
}

Value Checker::evalNode(const ast::ListExpr &node) {
  Value list;
  list.kind = ValueKind::List;
  list.span = spanOf(node);
  if (node.elements.size() > kMaxListLength)
    error(list.span, "a list may hold at most " +
                         std::to_string(kMaxListLength) + " elements, got " +
                         std::to_string(node.elements.size()));
  for (const ast::Expr &element : node.elements) {
    Value v = evalSingle(element);
    if (!v.isNumber())
      error(v.span, "list elements must be compile-time numbers, got " +
                        describeValue(v, model_));
    list.elements.push_back(std::move(v));
  }
  annotate(&node, list);
  return list;
}

Value Checker::evalNode(const ast::BinaryExpr &node) {
  if (node.rest.empty())
    return eval(node.first);
  Value acc = evalSingle(node.first);
  for (const ast::Operation &operation : node.rest) {
    Value rhs = evalSingle(operation.operand);
    Span opSpan{operation.begin, operation.begin + 1};
    acc = applyBinary(operation.op, acc, rhs, opSpan);
    annotate(&operation, acc);
  }
  return acc;
}

Value Checker::evalNode(const ast::UnaryExpr &node) {
  if (node.minuses.empty())
    return eval(node.operand);
  Value v = evalSingle(node.operand);
  Span minus{node.begin, node.begin + 1};
  for (size_t i = 0; i < node.minuses.size(); ++i) {
    if (v.kind == ValueKind::Int) {
      if (v.intValue == INT64_MIN)
        error(minus, "integer overflow: -(" + std::to_string(v.intValue) +
                         ") does not fit in int64");
      v.intValue = -v.intValue;
    } else if (v.kind == ValueKind::Float) {
      v.floatValue = -v.floatValue;
    } else if (v.kind == ValueKind::Tensor) {
      v = applyOp("neg", "unary '-'", {v}, minus, spanOf(node));
    } else {
      error(minus,
            "unary '-' cannot be applied to " + describeValue(v, model_));
    }
  }
  v.span = spanOf(node);
  annotate(&node, v);
  return v;
}

Value Checker::evalNode(const ast::PostfixExpr &node) {
  if (node.indices.empty())
    return eval(node.base);
  Value v = evalSingle(node.base);
  for (const ast::IndexSuffix &suffix : node.indices) {
    Value index = evalSingle(suffix.index);
    Span bracket{suffix.begin, suffix.begin + 1};
    Span whole{node.begin, suffix.end};
    if (v.kind == ValueKind::Tensor) {
      v = applyOp("index", "index", {v, index}, bracket, whole);
    } else if (v.kind == ValueKind::List) {
      int64_t i = requireInt(index, "a list index", *this, model_);
      int64_t size = static_cast<int64_t>(v.elements.size());
      if (i < -size || i >= size)
        error(spanOf(suffix.index), "index " + std::to_string(i) +
                                        " is out of range for a list of " +
                                        std::to_string(size));
      Value element = v.elements[i < 0 ? i + size : i];
      v = element;
    } else {
      error(bracket, "cannot index " + describeValue(v, model_));
    }
    v.span = whole;
    annotate(&suffix, v);
  }
  return v;
}

Value Checker::applyBinary(char op, const Value &lhs, const Value &rhs,
                           Span opSpan) {
  if (lhs.isNumber() && rhs.isNumber())
    return foldBinary(op, lhs, rhs, opSpan);
  std::string opText = std::string("'") + op + "'";
  for (const Value *v : {&lhs, &rhs})
    if (v->kind != ValueKind::Tensor && !v->isNumber())
      error(v->span,
            opText + " cannot be applied to " + describeValue(*v, model_));
  Span result = join(lhs.span, rhs.span);
  if (op == '@')
    return applyOp("matmul", "matmul", {lhs, rhs}, opSpan, result);
  const char *name = op == '+'   ? "add"
                     : op == '-' ? "sub"
                     : op == '*' ? "mul"
                                 : "div";
  return applyOp(name, opText, {lhs, rhs}, opSpan, result);
}

Value Checker::foldBinary(char op, const Value &lhs, const Value &rhs,
                          Span opSpan) {
  Span span = join(lhs.span, rhs.span);
  if (op == '@')
    error(opSpan, "'@' (matrix product) needs tensors, got " +
                      describeValue(lhs, nullptr) + " and " +
                      describeValue(rhs, nullptr));
  if (lhs.kind == ValueKind::Int && rhs.kind == ValueKind::Int) {
    int64_t a = lhs.intValue, b = rhs.intValue;
    std::optional<int64_t> r;
    if (op == '+')
      r = checkedAdd(a, b);
    else if (op == '-')
      r = checkedSub(a, b);
    else if (op == '*')
      r = checkedMul(a, b);
    else {
      if (b == 0)
        error(opSpan, "division by zero");
      if (a == INT64_MIN && b == -1)
        r = std::nullopt;
      else if (a % b == 0)
        r = a / b;
      else {
        Value v = Value::makeFloat(static_cast<double>(a) / b, span);
        v.inexactDivision = span;
        return v;
      }
    }
    if (!r)
      error(opSpan, "integer overflow: " + std::to_string(a) + " " + op + " " +
                        std::to_string(b) + " does not fit in int64");
    return Value::makeInt(*r, span);
  }
  double a = lhs.asDouble(), b = rhs.asDouble(), r;
  if (op == '+')
    r = a + b;
  else if (op == '-')
    r = a - b;
  else if (op == '*')
    r = a * b;
  else {
    if (b == 0)
      error(opSpan, "division by zero");
    r = a / b;
  }
  if (!std::isfinite(r))
    error(opSpan, "number overflow: the result is not a finite double");
  return Value::makeFloat(r, span);
}

Value Checker::applyOp(const std::string &opName, const std::string &display,
                       const std::vector<Value> &operands, Span at,
                       Span result) {
  const OpInfo &op = opTable().get(opName);
  std::vector<OpCall::Arg> args;
  for (const Value &v : operands)
    args.push_back({true, v, v.span});
  OpCall call(op, display, at, std::move(args), *builder_, *this, file_);
  op.infer(call);
  return resultOf(call.results(), result, display);
}

Value Checker::resultOf(const std::vector<int> &results, Span span,
                        const std::string &producer) {
  if (results.size() == 1)
    return Value::makeTensor(results[0], span);
  Value tuple;
  tuple.kind = ValueKind::Tuple;
  tuple.span = span;
  tuple.producer = producer;
  for (int id : results)
    tuple.elements.push_back(Value::makeTensor(id, span));
  return tuple;
}

std::vector<EvaluatedArg> Checker::evalArgs(const ast::CallExpr &call) {
  std::vector<EvaluatedArg> args;
  for (const ast::Argument &arg : call.args)
    args.push_back({arg.keyword ? &*arg.keyword : nullptr,
                    evalSingle(arg.value), spanOf(arg.value)});
  return args;
}

Value Checker::evalNode(const ast::CallExpr &call) {
  const std::string &name = call.callee.text;
  Span callee = spanOf(call.callee);
  if (!builder_)
    error(callee, "a const must be a compile-time number; it cannot call '" +
                      name + "'");
  if (scope_) {
    auto it = scope_->names.find(name);
    if (it != scope_->names.end())
      reportCalledLocal(name, callee, it->second.decl, globals_, *this);
  }
  Value result;
  if (auto def = globals_.defs.find(name); def != globals_.defs.end())
    result = inlineDef(*def->second, call, evalArgs(call));
  else if (const OpInfo *op = opTable().findBuiltin(name))
    result = callBuiltin(*op, call, evalArgs(call));
  else
    reportUnresolvedCallee(name, callee, globals_, *this);
  annotate(&call, result);
  return result;
}

Value Checker::callBuiltin(const OpInfo &op, const ast::CallExpr &call,
                           const std::vector<EvaluatedArg> &args) {
  const std::vector<ParamSpec> &params = op.params;
  int variadic = op.variadicIndex();
  std::vector<OpCall::Arg> bound(params.size());
  std::vector<std::string> names;
  size_t required = 0;
  for (const ParamSpec &p : params) {
    if (p.kind == ArgKind::Tensors)
      continue;
    names.push_back(p.name);
    required += p.required();
  }
  size_t positional = 0;
  bool sawKeyword = false;
  for (const EvaluatedArg &arg : args) {
    if (!arg.keyword) {
      if (sawKeyword)
        error(arg.span, op.name + ": positional argument after a keyword "
                                  "argument");
      if (variadic >= 0 && positional >= static_cast<size_t>(variadic)) {
        bound.push_back({true, arg.value, arg.span});
      } else {
        if (positional >= params.size()) {
          size_t given = 0;
          for (const EvaluatedArg &a : args)
            given += a.keyword == nullptr;
          error(arg.span,
                arityMessage(op.name, names, required, params.size(), given));
        }
        bound[positional] = {true, arg.value, arg.span};
      }
      ++positional;
      continue;
    }
    sawKeyword = true;
    const std::string &key = arg.keyword->text;
    auto it = std::find(names.begin(), names.end(), key);
    if (it == names.end()) {
      std::optional<std::string> suggestion = nearestName(key, names);
      error(spanOf(*arg.keyword),
            "unknown keyword argument '" + key + "' for " + op.name +
                (suggestion ? didYouMean(suggestion)
                            : "; it takes " + signatureOf(op)));
    }
    size_t index = 0;
    while (params[index].name != key)
      ++index;
    if (bound[index].present)
      error(spanOf(*arg.keyword),
            op.name + ": argument '" + key + "' is given twice");
    bound[index] = {true, arg.value, arg.span};
  }
  for (size_t i = 0; i < params.size(); ++i) {
    if (!params[i].required() || bound[i].present)
      continue;
    Span whole = spanOf(call);
    if (!sawKeyword)
      error(whole,
            arityMessage(op.name, names, required, params.size(), positional));
    error(whole, op.name + ": missing argument '" + params[i].name +
                     "'; it takes " + signatureOf(op));
  }
  OpCall opCall(op, op.name, spanOf(call.callee), std::move(bound), *builder_,
                *this, file_);
  op.infer(opCall);
  return resultOf(opCall.results(), spanOf(call), op.name);
}

Value Checker::inlineDef(const ast::DefDecl &def, const ast::CallExpr &call,
                         const std::vector<EvaluatedArg> &args) {
  const std::string &name = def.name.text;
  Span callee = spanOf(call.callee);
  std::vector<Note> defined = {
      {spanOf(def.name), "'" + name + "' is defined here"}};
  if (callStack_.size() >= kMaxInlineDepth)
    error(callee, "def calls are nested more than " +
                      std::to_string(kMaxInlineDepth) + " deep");
  if (++inlinedCalls_ > kMaxInlinedCalls)
    error(callee, "more than " + std::to_string(kMaxInlinedCalls) +
                      " def calls to inline; the program is too large");

  std::vector<std::string> names;
  for (const ast::Name &p : def.params)
    names.push_back(p.text);
  std::vector<std::optional<Value>> bound(names.size());
  size_t positional = 0;
  bool sawKeyword = false;
  for (const EvaluatedArg &arg : args) {
    size_t slot;
    if (!arg.keyword) {
      if (sawKeyword)
        error(arg.span, name + ": positional argument after a keyword "
                               "argument");
      if (positional >= names.size())
        error(
            arg.span,
            arityMessage(name, names, names.size(), names.size(), args.size()),
            defined);
      slot = positional++;
    } else {
      sawKeyword = true;
      auto it = std::find(names.begin(), names.end(), arg.keyword->text);
      if (it == names.end())
        error(spanOf(*arg.keyword),
              "def '" + name + "' has no parameter '" + arg.keyword->text +
                  "'" + didYouMean(nearestName(arg.keyword->text, names)),
              defined);
      slot = it - names.begin();
      if (bound[slot])
        error(spanOf(*arg.keyword),
              name + ": argument '" + names[slot] + "' is given twice");
    }
    Value v = arg.value;
    v.span = arg.span;
    bound[slot] = v;
  }
  for (size_t i = 0; i < names.size(); ++i)
    if (!bound[i])
      error(spanOf(call),
            sawKeyword ? name + ": missing argument '" + names[i] + "'"
                       : arityMessage(name, names, names.size(), names.size(),
                                      args.size()),
            defined);

  Scope scope;
  scope.defName = name;
  for (const ast::Statement &stmt : def.body)
    if (auto *assign = boost::get<ast::AssignStmt>(&stmt))
      for (const ast::Name &target : assign->targets)
        scope.boundLater.emplace(target.text, spanOf(target));
  for (size_t i = 0; i < names.size(); ++i) {
    scope.names.emplace(names[i], Binding{*bound[i], spanOf(def.params[i]),
                                          BindingKind::DefParam});
    scope.order.push_back({names[i], spanOf(def.params[i])});
  }

  Scope *outer = scope_;
  scope_ = &scope;
  callStack_.push_back({name, spanOf(call)});
  Value result;
  for (const ast::Statement &stmt : def.body) {
    if (auto *assign = boost::get<ast::AssignStmt>(&stmt)) {
      execAssign(*assign);
    } else if (auto *ret = boost::get<ast::ReturnStmt>(&stmt)) {
      if (ret->values.size() == 1) {
        result = eval(ret->values[0]);
      } else {
        result.kind = ValueKind::Tuple;
        result.producer = "'" + name + "'";
        for (const ast::Expr &value : ret->values)
          result.elements.push_back(evalSingle(value));
      }
    }
  }
  callStack_.pop_back();
  scope_ = outer;
  result.span = spanOf(call);
  return result;
}

} // namespace

void checkProgram(const SourceFile &file, const ast::File &tree,
                  Program &program, AstAnnotations *annotations) {
  Checker checker(file, tree, program, annotations);
  checker.run();
}

} // namespace nnc::dsl
