//===- Ast.h - Syntax tree of a .nn file -------------------------*- C++
//-*-===//
//
// Built by the Spirit X3 grammar (lib/parser/), read by the checker and by
// `dumpAst`. Every node carries the byte range it was parsed from
// (`Located`); SourceFile turns offsets into line:col. Expressions keep
// X3's shape: a binary level is a first operand plus a list of
// (operator, operand) pairs, folded left to right by the checker, so a long
// chain `a + b + ...` never becomes a deep tree.
//
// Only the front end includes this header (it needs Boost's X3 variant).
//
//===----------------------------------------------------------------------===//
#ifndef NNC_DSL_AST_H
#define NNC_DSL_AST_H

#include <boost/optional.hpp>
#include <boost/spirit/home/x3/support/ast/variant.hpp>

#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

namespace nnc::dsl::ast {

namespace x3 = boost::spirit::x3;

/// The half-open byte range [begin, end) a node was parsed from.
struct Located {
  uint32_t begin = 0;
  uint32_t end = 0;
};

struct Name : Located {
  std::string text;
};

/// Literals keep their text: the checker converts it and reports a literal
/// out of range at its position.
struct IntLit : Located {
  std::string text;
};

struct FloatLit : Located {
  std::string text;
};

struct BoolLit : Located {
  bool value = false;
};

struct ListExpr;
struct CallExpr;
struct BinaryExpr;
struct UnaryExpr;
struct PostfixExpr;

struct Expr
    : x3::variant<Name, IntLit, FloatLit, BoolLit, x3::forward_ast<ListExpr>,
                  x3::forward_ast<CallExpr>, x3::forward_ast<BinaryExpr>,
                  x3::forward_ast<UnaryExpr>, x3::forward_ast<PostfixExpr>> {
  using base_type::base_type;
  using base_type::operator=;
};

/// `[a, b, ...]`
struct ListExpr : Located {
  std::vector<Expr> elements;
};

/// `name = value` (keyword set) or `value`.
struct Argument : Located {
  boost::optional<Name> keyword;
  Expr value;
};

/// `callee(args...)`
struct CallExpr : Located {
  Name callee;
  std::vector<Argument> args;
};

/// One `op operand` step of a binary chain; `op` is one of + - * / @.
struct Operation : Located {
  char op = 0;
  Expr operand;
};

/// `first op1 operand1 op2 operand2 ...`, left associative. All operators of
/// one chain have the same precedence.
struct BinaryExpr : Located {
  Expr first;
  std::vector<Operation> rest;
};

/// `- - operand`: `minuses` holds one '-' per negation.
struct UnaryExpr : Located {
  std::string minuses;
  Expr operand;
};

/// `[index]` after an expression.
struct IndexSuffix : Located {
  Expr index;
};

/// `base[i][j]...`
struct PostfixExpr : Located {
  Expr base;
  std::vector<IndexSuffix> indices;
};

/// `f32[d0, d1]` / `i32[...]`
struct TypeExpr : Located {
  std::string dtype;
  std::vector<Expr> dims;
};

struct InputStmt : Located {
  Name name;
  TypeExpr type;
};

struct ParamStmt : Located {
  Name name;
  TypeExpr type;
  boost::optional<Expr> init;
};

struct OutputStmt : Located {
  Name name;
  boost::optional<Expr> value;
};

struct LossStmt : Located {
  Name name;
  Expr value;
};

struct GradStmt : Located {
  std::vector<Name> names;
};

struct ReturnStmt : Located {
  std::vector<Expr> values;
};

/// `a = expr` or `a, b = expr`.
struct AssignStmt : Located {
  std::vector<Name> targets;
  Expr value;
};

struct Statement : x3::variant<InputStmt, ParamStmt, OutputStmt, LossStmt,
                               GradStmt, ReturnStmt, AssignStmt> {
  using base_type::base_type;
  using base_type::operator=;
};

struct ConstDecl : Located {
  Name name;
  Expr value;
};

struct DefDecl : Located {
  Name name;
  std::vector<Name> params;
  std::vector<Statement> body;
};

struct ModelDecl : Located {
  Name name;
  std::vector<Statement> body;
};

struct TopItem : x3::variant<ConstDecl, DefDecl, ModelDecl> {
  using base_type::base_type;
  using base_type::operator=;
};

struct File {
  std::vector<TopItem> items;
};

/// The byte range of any expression or statement.
Located rangeOf(const Expr &expr);
Located rangeOf(const Statement &stmt);

/// Strips the wrappers the grammar leaves around every operand (a binary
/// chain without operators, a unary without '-', a postfix without index).
const Expr &unwrap(const Expr &expr);

/// The node an expression holds, or nullptr: `as<CallExpr>(unwrap(e))`.
template <typename T> const T *as(const Expr &expr) {
  if constexpr (std::is_same_v<T, Name> || std::is_same_v<T, IntLit> ||
                std::is_same_v<T, FloatLit> || std::is_same_v<T, BoolLit>) {
    return boost::get<T>(&expr);
  } else {
    if (auto *node = boost::get<x3::forward_ast<T>>(&expr))
      return &node->get();
    return nullptr;
  }
}

} // namespace nnc::dsl::ast

#endif // NNC_DSL_AST_H
