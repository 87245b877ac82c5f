//===- grammar_def.hpp - Rule definitions of the .nn grammar ----*- C++ -*-===//
//
// Structured like Spirit X3's calc9/rexpr_full examples. Included by exactly
// one translation unit (Parser.cpp): X3 grammars are slow to compile.
//
// Expectation points (`>`) are used only where the parse is determined
// (after a keyword, an operator, an opening bracket, a call's '('), so a
// syntax error is reported where it is, not at the start of the statement.
//
// Precedence, tightest first: calls and indexing, unary '-', '@', '* /',
// '+ -'; binary operators associate to the left. Unary minus is a flat
// count of signs (`*'-'`), not a recursion, so "- - - ... x" cannot
// exhaust the stack; bracket nesting is bounded by the preprocessor.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_DSL_PARSER_GRAMMAR_DEF_HPP
#define NNC_DSL_PARSER_GRAMMAR_DEF_HPP

#include "grammar.hpp"

#include <cstring>
#include <type_traits>

namespace nnc::dsl::parser {

using x3::char_;
using x3::eoi;
using x3::lexeme;
using x3::lit;
using x3::raw;

/// on_success handler: stores the byte range a rule matched in its node.
struct annotate_span {
  template <typename Iterator, typename T, typename Context>
  void on_success(const Iterator &first, const Iterator &last, T &node,
                  const Context &context) const {
    if constexpr (std::is_base_of_v<ast::Located, T>) {
      const char *base = x3::get<source_begin_tag>(context);
      node.begin = static_cast<uint32_t>(first - base);
      node.end = static_cast<uint32_t>(last - base);
    }
  }
};

struct name_class : annotate_span {};
struct int_lit_class : annotate_span {};
struct float_lit_class : annotate_span {};
struct bool_lit_class : annotate_span {};
struct expr_class {};
struct expr_list_class {};
struct additive_class : annotate_span {};
struct add_op_class : annotate_span {};
struct multiplicative_class : annotate_span {};
struct mul_op_class : annotate_span {};
struct matmul_class : annotate_span {};
struct matmul_op_class : annotate_span {};
struct unary_class : annotate_span {};
struct postfix_class : annotate_span {};
struct index_suffix_class : annotate_span {};
struct primary_class {};
struct paren_class {};
struct list_class : annotate_span {};
struct call_class : annotate_span {};
struct argument_class : annotate_span {};
struct keyword_prefix_class {};
struct argument_list_class {};
struct const_init_class : annotate_span {};
struct param_init_class {};
struct dtype_class {};
struct type_expr_class : annotate_span {};
struct name_list_class {};
struct input_stmt_class : annotate_span {};
struct param_stmt_class : annotate_span {};
struct output_stmt_class : annotate_span {};
struct loss_stmt_class : annotate_span {};
struct grad_stmt_class : annotate_span {};
struct return_stmt_class : annotate_span {};
struct assign_stmt_class : annotate_span {};
struct statement_class {};
struct stmt_end_class {};
struct block_class {};
struct wrt_class {};
struct const_decl_class : annotate_span {};
struct def_decl_class : annotate_span {};
struct model_decl_class : annotate_span {};
struct top_item_class {};
struct item_end_class {};
struct file_class {};

inline bool isReservedWord(const std::string &word) {
  static const char *const kReserved[] = {
      "model", "const", "def",    "input", "param", "output", "loss",
      "grad",  "wrt",   "return", "true",  "false", "f32",    "i32"};
  for (const char *reserved : kReserved)
    if (word == reserved)
      return true;
  return false;
}

// --- Tokens ----------------------------------------------------------------

const auto letter = char_('a', 'z') | char_('A', 'Z') | char_('_');
const auto digit = char_('0', '9');
const auto letterOrDigit = letter | digit;

/// A keyword: the word not followed by a name character (`inputs` is a name).
inline auto kw(const char *word) { return lexeme[lit(word) >> !letterOrDigit]; }

const x3::rule<class identifier_class, std::string> identifier = "a name";
const auto identifier_def = lexeme[letter >> *letterOrDigit];
BOOST_SPIRIT_DEFINE(identifier)

// Rules with a semantic action get no on_success call (X3 passes them an
// unused attribute), so the leaf actions record the byte range themselves.
template <typename Context, typename Node, typename Range>
void setRange(const Context &ctx, Node &node, const Range &range) {
  const char *base = x3::get<source_begin_tag>(ctx);
  node.begin = static_cast<uint32_t>(range.begin() - base);
  node.end = static_cast<uint32_t>(range.end() - base);
}

const auto setName = [](auto &ctx) {
  const auto &range = x3::_attr(ctx);
  std::string text(range.begin(), range.end());
  if (isReservedWord(text)) {
    x3::_pass(ctx) = false;
    return;
  }
  x3::_val(ctx).text = std::move(text);
  setRange(ctx, x3::_val(ctx), range);
};

const auto setText = [](auto &ctx) {
  const auto &range = x3::_attr(ctx);
  x3::_val(ctx).text.assign(range.begin(), range.end());
  setRange(ctx, x3::_val(ctx), range);
};

const auto setBool = [](auto &ctx) {
  const auto &range = x3::_attr(ctx);
  x3::_val(ctx).value = *range.begin() == 't';
  setRange(ctx, x3::_val(ctx), range);
};

const name_type name = "a name";
const x3::rule<int_lit_class, ast::IntLit> int_lit = "an integer";
const x3::rule<float_lit_class, ast::FloatLit> float_lit = "a number";
const x3::rule<bool_lit_class, ast::BoolLit> bool_lit = "true or false";

const auto name_def = raw[identifier][setName];

const auto digits = +digit;
const auto exponent = (char_('e') | char_('E')) >>
                      -(char_('+') | char_('-')) >> digits;
const auto int_lit_def =
    raw[lexeme[digits >> !(letterOrDigit | char_('.'))]][setText];
const auto float_lit_def =
    raw[lexeme[((digits >> char_('.') >> *digit >> -exponent) |
                (char_('.') >> digits >> -exponent) | (digits >> exponent)) >>
               !letterOrDigit]][setText];
const auto bool_lit_def = raw[kw("true") | kw("false")][setBool];

/// `const` is reserved, but `const(v)` is also an initializer: its callee.
const auto setConstName = [](auto &ctx) {
  x3::_val(ctx).text = "const";
  setRange(ctx, x3::_val(ctx), x3::_attr(ctx));
};
const x3::rule<class const_callee_class, ast::Name> const_callee = "'const'";
const auto const_callee_def = raw[kw("const")][setConstName];
BOOST_SPIRIT_DEFINE(const_callee)

BOOST_SPIRIT_DEFINE(name, int_lit, float_lit, bool_lit)

// --- Expressions -------------------------------------------------------------

const x3::rule<expr_class, ast::Expr> expr = "an expression";
const x3::rule<expr_list_class, std::vector<ast::Expr>> expr_list =
    "an expression";
const x3::rule<additive_class, ast::BinaryExpr> additive = "an expression";
const x3::rule<add_op_class, ast::Operation> add_op = "an operator";
const x3::rule<multiplicative_class, ast::BinaryExpr> multiplicative =
    "an expression";
const x3::rule<mul_op_class, ast::Operation> mul_op = "an operator";
const x3::rule<matmul_class, ast::BinaryExpr> matmul = "an expression";
const x3::rule<matmul_op_class, ast::Operation> matmul_op = "an operator";
const x3::rule<unary_class, ast::UnaryExpr> unary = "an expression";
const x3::rule<postfix_class, ast::PostfixExpr> postfix = "an expression";
const x3::rule<index_suffix_class, ast::IndexSuffix> index_suffix = "'['";
const x3::rule<primary_class, ast::Expr> primary = "an expression";
const x3::rule<paren_class, ast::Expr> paren = "'('";
const x3::rule<list_class, ast::ListExpr> list = "'['";
const x3::rule<call_class, ast::CallExpr> call = "a call";
const x3::rule<argument_class, ast::Argument> argument = "an argument";
const x3::rule<keyword_prefix_class, ast::Name> keyword_prefix = "a keyword";
const x3::rule<argument_list_class, std::vector<ast::Argument>> argument_list =
    "an argument";

const auto expr_def = additive;
const auto expr_list_def = expr > *(',' > expr);
const auto additive_def = multiplicative >> *add_op;
const auto add_op_def = (char_('+') | char_('-')) > multiplicative;
const auto multiplicative_def = matmul >> *mul_op;
const auto mul_op_def = (char_('*') | char_('/')) > matmul;
const auto matmul_def = unary >> *matmul_op;
const auto matmul_op_def = char_('@') > unary;
const auto unary_def = *char_('-') >> postfix;
const auto postfix_def = primary >> *index_suffix;
const auto index_suffix_def = lit('[') > expr > ']';
const auto primary_def =
    float_lit | int_lit | bool_lit | list | call | name | paren;
const auto paren_def = lit('(') > expr > ')';
const auto list_def = lit('[') > -expr_list > ']';
const auto call_def = name >> lit('(') > -argument_list > ')';
const auto argument_list_def = argument > *(',' > argument);
const auto argument_def = -keyword_prefix >> expr;
const auto keyword_prefix_def = name >> '=';

/// `param w : TYPE = INIT`: an expression, or `const(v)`.
const x3::rule<const_init_class, ast::CallExpr> const_init = "an initializer";
const x3::rule<param_init_class, ast::Expr> param_init = "an initializer";
const auto const_init_def = const_callee >> lit('(') > -argument_list > ')';
const auto param_init_def = const_init | expr;

BOOST_SPIRIT_DEFINE(const_init, param_init)
BOOST_SPIRIT_DEFINE(expr, expr_list, additive, add_op, multiplicative, mul_op,
                    matmul, matmul_op, unary, postfix, index_suffix, primary,
                    paren, list, call, argument, keyword_prefix, argument_list)

// --- Statements --------------------------------------------------------------

const x3::rule<dtype_class, std::string> dtype =
    "a type (f32[...] or i32[...])";
const x3::rule<type_expr_class, ast::TypeExpr> type_expr =
    "a type (f32[...] or i32[...])";
const x3::rule<name_list_class, std::vector<ast::Name>> name_list = "a name";
const x3::rule<input_stmt_class, ast::InputStmt> input_stmt = "a statement";
const x3::rule<param_stmt_class, ast::ParamStmt> param_stmt = "a statement";
const x3::rule<output_stmt_class, ast::OutputStmt> output_stmt = "a statement";
const x3::rule<loss_stmt_class, ast::LossStmt> loss_stmt = "a statement";
const x3::rule<grad_stmt_class, ast::GradStmt> grad_stmt = "a statement";
const x3::rule<return_stmt_class, ast::ReturnStmt> return_stmt = "a statement";
const x3::rule<assign_stmt_class, ast::AssignStmt> assign_stmt = "a statement";
const x3::rule<statement_class, ast::Statement> statement = "a statement";
const x3::rule<stmt_end_class> stmt_end = "a newline";
const x3::rule<block_class, std::vector<ast::Statement>> block = "'{'";
const x3::rule<wrt_class> wrt = "'wrt'";

const auto dtype_def = raw[kw("f32") | kw("i32")];
const auto type_expr_def = dtype >> (lit('[') > -expr_list > ']');
const auto name_list_def = name > *(',' > name);
const auto input_stmt_def = kw("input") > name > ':' > type_expr;
const auto param_stmt_def = kw("param") > name > ':' > type_expr >
                            -(lit('=') > param_init);
const auto output_stmt_def = kw("output") > name > -(lit('=') > expr);
const auto loss_stmt_def = kw("loss") > name > '=' > expr;
const auto wrt_def = kw("wrt");
const auto grad_stmt_def = kw("grad") > wrt > name_list;
const auto return_stmt_def = kw("return") > expr_list;
const auto assign_stmt_def = name_list > '=' > expr;
const auto statement_def = input_stmt | param_stmt | output_stmt | loss_stmt |
                           grad_stmt | return_stmt | assign_stmt;
const auto stmt_end_def = +lit('\n') | &lit('}') | &eoi;
const auto block_def = *lit('\n') >> lit('{') > *lit('\n') >
                       *((!(lit('}') | eoi)) > statement > stmt_end) > '}';

BOOST_SPIRIT_DEFINE(dtype, type_expr, name_list, input_stmt, param_stmt,
                    output_stmt, loss_stmt, grad_stmt, return_stmt, assign_stmt,
                    statement, stmt_end, block, wrt)

// --- Top level ---------------------------------------------------------------

const x3::rule<const_decl_class, ast::ConstDecl> const_decl = "'const'";
const x3::rule<def_decl_class, ast::DefDecl> def_decl = "'def'";
const x3::rule<model_decl_class, ast::ModelDecl> model_decl = "'model'";
const x3::rule<top_item_class, ast::TopItem> top_item =
    "'model', 'def' or 'const'";
const x3::rule<item_end_class> item_end = "a newline";
const file_type file = "a model";

const auto const_decl_def = kw("const") > name > '=' > expr;
const auto def_decl_def = kw("def") > name > '(' > -name_list > ')' > block;
const auto model_decl_def = kw("model") > name > block;
const auto top_item_def = const_decl | def_decl | model_decl;
const auto item_end_def = +lit('\n') | eoi;
const auto file_def = *lit('\n') >> *((!eoi) > top_item > item_end);

BOOST_SPIRIT_DEFINE(const_decl, def_decl, model_decl, top_item, item_end, file)

} // namespace nnc::dsl::parser

#endif // NNC_DSL_PARSER_GRAMMAR_DEF_HPP
