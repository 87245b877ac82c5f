//===- AstPrinter.cpp - `--emit=ast` --------------------------------------===//

#include "AstPrinter.h"

#include <ostream>

namespace nnc::dsl {
namespace {

/// Indentation stops growing here, so a chain of 100000 '+' stays a file
/// of proportional size.
constexpr size_t kMaxIndent = 64;

class AstPrinter {
public:
  AstPrinter(std::ostream &os, const SourceFile &file,
             const AstAnnotations &annotations)
      : os_(os), file_(file), annotations_(annotations) {}

  void printFile(const ast::File &tree);

private:
  void line(size_t depth, const std::string &text, const void *node,
            uint32_t offset);
  void printStatement(size_t depth, const ast::Statement &stmt);
  void printExpr(size_t depth, const ast::Expr &expr);
  std::string source(const ast::Located &node) const {
    return std::string(file_.text().substr(node.begin, node.end - node.begin));
  }

  std::ostream &os_;
  const SourceFile &file_;
  const AstAnnotations &annotations_;
};

void AstPrinter::line(size_t depth, const std::string &text, const void *node,
                      uint32_t offset) {
  os_ << std::string(2 * std::min(depth, kMaxIndent), ' ') << text;
  if (node) {
    auto it = annotations_.text.find(node);
    if (it != annotations_.text.end())
      os_ << it->second;
  }
  Loc loc = file_.locate(offset);
  os_ << " @" << loc.line << ':' << loc.col << '\n';
}

void AstPrinter::printFile(const ast::File &tree) {
  os_ << "File\n";
  for (const ast::TopItem &item : tree.items) {
    if (auto *c = boost::get<ast::ConstDecl>(&item)) {
      line(1, "Const " + c->name.text, c, c->begin);
      printExpr(2, c->value);
    } else if (auto *d = boost::get<ast::DefDecl>(&item)) {
      std::string params;
      for (size_t i = 0; i < d->params.size(); ++i)
        params += (i ? ", " : "") + d->params[i].text;
      line(1, "Def " + d->name.text + "(" + params + ")", nullptr, d->begin);
      for (const ast::Statement &stmt : d->body)
        printStatement(2, stmt);
    } else if (auto *m = boost::get<ast::ModelDecl>(&item)) {
      line(1, "Model " + m->name.text, nullptr, m->begin);
      for (const ast::Statement &stmt : m->body)
        printStatement(2, stmt);
    }
  }
}

void AstPrinter::printStatement(size_t depth, const ast::Statement &stmt) {
  if (auto *s = boost::get<ast::InputStmt>(&stmt)) {
    line(depth, "Input " + s->name.text, s, s->begin);
  } else if (auto *s = boost::get<ast::ParamStmt>(&stmt)) {
    line(depth, "Param " + s->name.text, s, s->begin);
  } else if (auto *s = boost::get<ast::AssignStmt>(&stmt)) {
    std::string names;
    for (size_t i = 0; i < s->targets.size(); ++i)
      names += (i ? ", " : "") + s->targets[i].text;
    line(depth, "Let " + names, s, s->begin);
    printExpr(depth + 1, s->value);
  } else if (auto *s = boost::get<ast::OutputStmt>(&stmt)) {
    line(depth, "Output " + s->name.text, s, s->begin);
    if (s->value)
      printExpr(depth + 1, *s->value);
  } else if (auto *s = boost::get<ast::LossStmt>(&stmt)) {
    line(depth, "Loss " + s->name.text, s, s->begin);
    printExpr(depth + 1, s->value);
  } else if (auto *s = boost::get<ast::GradStmt>(&stmt)) {
    std::string names;
    for (size_t i = 0; i < s->names.size(); ++i)
      names += (i ? ", " : "") + s->names[i].text;
    line(depth, "GradWrt " + names, s, s->begin);
  } else if (auto *s = boost::get<ast::ReturnStmt>(&stmt)) {
    line(depth, "Return", s, s->begin);
    for (const ast::Expr &value : s->values)
      printExpr(depth + 1, value);
  }
}

void AstPrinter::printExpr(size_t depth, const ast::Expr &expr) {
  const ast::Expr &e = ast::unwrap(expr);
  if (auto *n = ast::as<ast::Name>(e)) {
    line(depth, "Name " + n->text, n, n->begin);
  } else if (auto *n = ast::as<ast::IntLit>(e)) {
    line(depth, "Int " + n->text, nullptr, n->begin);
  } else if (auto *n = ast::as<ast::FloatLit>(e)) {
    line(depth, "Float " + n->text, nullptr, n->begin);
  } else if (auto *n = ast::as<ast::BoolLit>(e)) {
    line(depth, std::string("Bool ") + (n->value ? "true" : "false"), nullptr,
         n->begin);
  } else if (auto *list = ast::as<ast::ListExpr>(e)) {
    line(depth, "List", list, list->begin);
    for (const ast::Expr &element : list->elements)
      printExpr(depth + 1, element);
  } else if (auto *call = ast::as<ast::CallExpr>(e)) {
    line(depth, "Call " + call->callee.text, call, call->begin);
    for (const ast::Argument &arg : call->args) {
      if (arg.keyword) {
        line(depth + 1, "Keyword " + arg.keyword->text, nullptr,
             arg.keyword->begin);
        printExpr(depth + 2, arg.value);
      } else {
        printExpr(depth + 1, arg.value);
      }
    }
  } else if (auto *chain = ast::as<ast::BinaryExpr>(e)) {
    // Left associative: the last operator is the root. Printed without
    // recursing along the chain.
    size_t n = chain->rest.size();
    for (size_t k = n; k-- > 0;) {
      const ast::Operation &op = chain->rest[k];
      line(depth + (n - 1 - k), std::string("Binary ") + op.op, &op, op.begin);
    }
    printExpr(depth + n, chain->first);
    for (size_t k = 0; k < n; ++k)
      printExpr(depth + n - k, chain->rest[k].operand);
  } else if (auto *unary = ast::as<ast::UnaryExpr>(e)) {
    size_t n = unary->minuses.size();
    for (size_t k = 0; k < n; ++k)
      line(depth + k, "Neg", k == 0 ? unary : nullptr, unary->begin);
    printExpr(depth + n, unary->operand);
  } else if (auto *postfix = ast::as<ast::PostfixExpr>(e)) {
    size_t n = postfix->indices.size();
    for (size_t k = n; k-- > 0;) {
      const ast::IndexSuffix &suffix = postfix->indices[k];
      line(depth + (n - 1 - k), "Index", &suffix, suffix.begin);
    }
    printExpr(depth + n, postfix->base);
    for (size_t k = 0; k < n; ++k)
      printExpr(depth + n - k, postfix->indices[k].index);
  }
}

} // namespace

void printAst(std::ostream &os, const SourceFile &file, const ast::File &tree,
              const AstAnnotations &annotations) {
  AstPrinter(os, file, annotations).printFile(tree);
}

} // namespace nnc::dsl
