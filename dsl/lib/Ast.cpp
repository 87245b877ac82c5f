//===- Ast.cpp - Helpers on the syntax tree -------------------------------===//

#include "nnc/dsl/Ast.h"

namespace nnc::dsl::ast {
namespace {

template <typename T> Located rangeOfNode(const T &node) {
  return Located{node.begin, node.end};
}
template <typename T> Located rangeOfNode(const x3::forward_ast<T> &node) {
  return Located{node.get().begin, node.get().end};
}

} // namespace

Located rangeOf(const Expr &expr) {
  return boost::apply_visitor(
      [](const auto &node) { return rangeOfNode(node); }, expr);
}

Located rangeOf(const Statement &stmt) {
  return boost::apply_visitor(
      [](const auto &node) { return rangeOfNode(node); }, stmt);
}

const Expr &unwrap(const Expr &expr) {
  const Expr *current = &expr;
  for (;;) {
    if (auto *binary = as<BinaryExpr>(*current);
        binary && binary->rest.empty()) {
      current = &binary->first;
    } else if (auto *unary = as<UnaryExpr>(*current);
               unary && unary->minuses.empty()) {
      current = &unary->operand;
    } else if (auto *postfix = as<PostfixExpr>(*current);
               postfix && postfix->indices.empty()) {
      current = &postfix->base;
    } else {
      return *current;
    }
  }
}

} // namespace nnc::dsl::ast
