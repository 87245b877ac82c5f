//===- DefCheck.cpp - Checks of a def that need no call site --------------===//

#include "DefCheck.h"

#include "Names.h"
#include "ops/OpRegistry.h"

#include <set>

namespace nnc::dsl {
namespace {

Span spanOf(const ast::Located &node) { return {node.begin, node.end}; }

struct CallEdge {
  const ast::DefDecl *callee;
  Span call;
};

class DefChecker {
public:
  DefChecker(const Globals &globals, Reporter &reporter)
      : globals_(globals), reporter_(reporter) {}

  void checkDef(const ast::DefDecl &def);
  void checkRecursion();

private:
  using NameMap = std::map<std::string, Span, std::less<>>;

  void walk(const ast::Expr &expr);
  void checkValueName(const ast::Name &name);
  void checkCallee(const ast::CallExpr &call);
  [[noreturn]] void misplaced(const ast::Statement &stmt, const char *keyword);

  const Globals &globals_;
  Reporter &reporter_;
  const ast::DefDecl *def_ = nullptr;
  NameMap bound_, boundLater_;
  std::vector<NameCandidate> order_;
  std::map<const ast::DefDecl *, std::vector<CallEdge>> edges_;
};

void DefChecker::misplaced(const ast::Statement &stmt, const char *keyword) {
  ast::Located r = ast::rangeOf(stmt);
  reporter_.error(
      {r.begin, r.end},
      std::string("'") + keyword +
          "' is only allowed in a model, not in def '" + def_->name.text + "'" +
          (std::string(keyword) == "input" || std::string(keyword) == "param"
               ? "; pass the tensor as a parameter"
               : ""));
}

void DefChecker::checkDef(const ast::DefDecl &def) {
  def_ = &def;
  bound_.clear();
  boundLater_.clear();
  order_.clear();
  for (const ast::Name &param : def.params) {
    auto [it, inserted] = bound_.emplace(param.text, spanOf(param));
    if (!inserted)
      reporter_.error(spanOf(param),
                      "parameter '" + param.text + "' appears twice in def '" +
                          def.name.text + "'",
                      {{it->second, "first occurrence is here"}});
    order_.push_back({param.text, spanOf(param)});
  }
  for (const ast::Statement &stmt : def.body)
    if (auto *assign = boost::get<ast::AssignStmt>(&stmt))
      for (const ast::Name &target : assign->targets)
        boundLater_.emplace(target.text, spanOf(target));

  bool returned = false;
  for (const ast::Statement &stmt : def.body) {
    if (returned) {
      ast::Located r = ast::rangeOf(stmt);
      reporter_.error({r.begin, r.end},
                      "statement after 'return' is never reached; 'return' "
                      "must be the last statement of def '" +
                          def.name.text + "'");
    }
    if (auto *assign = boost::get<ast::AssignStmt>(&stmt)) {
      walk(assign->value);
      for (const ast::Name &target : assign->targets) {
        if (target.text == "_")
          continue;
        auto [it, inserted] = bound_.emplace(target.text, spanOf(target));
        if (!inserted)
          reporter_.error(spanOf(target),
                          "'" + target.text + "' is already defined in def '" +
                              def.name.text + "'",
                          {{it->second, "previous definition is here"}});
        order_.push_back({target.text, spanOf(target)});
      }
    } else if (auto *ret = boost::get<ast::ReturnStmt>(&stmt)) {
      for (const ast::Expr &value : ret->values)
        walk(value);
      returned = true;
    } else if (boost::get<ast::InputStmt>(&stmt)) {
      misplaced(stmt, "input");
    } else if (boost::get<ast::ParamStmt>(&stmt)) {
      misplaced(stmt, "param");
    } else if (boost::get<ast::OutputStmt>(&stmt)) {
      misplaced(stmt, "output");
    } else if (boost::get<ast::LossStmt>(&stmt)) {
      misplaced(stmt, "loss");
    } else if (boost::get<ast::GradStmt>(&stmt)) {
      misplaced(stmt, "grad");
    }
  }
  if (!returned)
    reporter_.error(spanOf(def.name),
                    "def '" + def.name.text + "' has no 'return' statement");
}

void DefChecker::checkValueName(const ast::Name &name) {
  if (bound_.count(name.text) || globals_.consts.count(name.text))
    return;
  reportUnresolvedValue(name.text, spanOf(name), &boundLater_, order_, globals_,
                        reporter_);
}

void DefChecker::checkCallee(const ast::CallExpr &call) {
  const std::string &name = call.callee.text;
  Span use = spanOf(call.callee);
  if (auto it = bound_.find(name); it != bound_.end())
    reportCalledLocal(name, use, it->second, globals_, reporter_);
  if (auto it = globals_.defs.find(name); it != globals_.defs.end()) {
    edges_[def_].push_back({it->second, {call.begin, call.end}});
    return;
  }
  if (opTable().findBuiltin(name))
    return;
  reportUnresolvedCallee(name, use, globals_, reporter_);
}

void DefChecker::walk(const ast::Expr &expr) {
  const ast::Expr &e = ast::unwrap(expr);
  if (auto *name = ast::as<ast::Name>(e)) {
    checkValueName(*name);
  } else if (auto *call = ast::as<ast::CallExpr>(e)) {
    checkCallee(*call);
    for (const ast::Argument &arg : call->args)
      walk(arg.value);
  } else if (auto *list = ast::as<ast::ListExpr>(e)) {
    for (const ast::Expr &element : list->elements)
      walk(element);
  } else if (auto *binary = ast::as<ast::BinaryExpr>(e)) {
    walk(binary->first);
    for (const ast::Operation &op : binary->rest)
      walk(op.operand);
  } else if (auto *unary = ast::as<ast::UnaryExpr>(e)) {
    walk(unary->operand);
  } else if (auto *postfix = ast::as<ast::PostfixExpr>(e)) {
    walk(postfix->base);
    for (const ast::IndexSuffix &suffix : postfix->indices)
      walk(suffix.index);
  }
}

/// Depth-first search over the def call graph in file order; the first
/// edge back into the current path closes a cycle.
void DefChecker::checkRecursion() {
  enum class Mark { New, OnPath, Done };
  std::map<const ast::DefDecl *, Mark> marks;
  struct Frame {
    const ast::DefDecl *def;
    size_t next;
    Span via; // the call that entered this def
  };
  for (const ast::DefDecl *root : globals_.defOrder) {
    if (marks[root] != Mark::New)
      continue;
    std::vector<Frame> path = {{root, 0, {}}};
    marks[root] = Mark::OnPath;
    while (!path.empty()) {
      Frame &top = path.back();
      const std::vector<CallEdge> &out = edges_[top.def];
      if (top.next == out.size()) {
        marks[top.def] = Mark::Done;
        path.pop_back();
        continue;
      }
      const CallEdge &edge = out[top.next++];
      Mark mark = marks[edge.callee];
      if (mark == Mark::New) {
        marks[edge.callee] = Mark::OnPath;
        path.push_back({edge.callee, 0, edge.call});
        continue;
      }
      if (mark != Mark::OnPath)
        continue;
      const std::string &callee = edge.callee->name.text;
      if (edge.callee == top.def)
        reporter_.error(edge.call, "def '" + callee +
                                       "' calls itself; recursion is not "
                                       "allowed");
      // The cycle is the part of the path from the callee to here.
      size_t start = 0;
      while (path[start].def != edge.callee)
        ++start;
      // A long cycle is shown by its first and last few defs, so that the
      // diagnostic stays readable (a 3000-def cycle printed 9000 lines).
      constexpr size_t kShownEnds = 4;
      size_t length = path.size() - start;
      auto shown = [&](size_t i) {
        return length <= 2 * kShownEnds || i < start + kShownEnds ||
               i >= path.size() - kShownEnds;
      };
      std::string chain;
      std::vector<Note> notes;
      for (size_t i = start; i < path.size(); ++i) {
        if (!shown(i)) {
          if (shown(i - 1))
            chain += "... (" + std::to_string(length - 2 * kShownEnds) +
                     " more) -> ";
          continue;
        }
        chain += "'" + path[i].def->name.text + "' -> ";
        if (i > start && shown(i - 1))
          notes.push_back({path[i].via, "'" + path[i - 1].def->name.text +
                                            "' calls '" +
                                            path[i].def->name.text + "' here"});
      }
      chain += "'" + callee + "'";
      reporter_.error(edge.call,
                      "recursive call: " + chain + "; recursion is not allowed",
                      notes);
    }
  }
}

} // namespace

void checkDefs(const Globals &globals, Reporter &reporter) {
  DefChecker checker(globals, reporter);
  for (const ast::DefDecl *def : globals.defOrder)
    checker.checkDef(*def);
  checker.checkRecursion();
}

} // namespace nnc::dsl
