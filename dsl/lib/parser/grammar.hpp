//===- grammar.hpp - Rule declarations of the .nn grammar -------*- C++ -*-===//
//
// Rule names are what a syntax error says was expected ("expected an
// expression, found ')'"), so they read as English noun phrases.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_DSL_PARSER_GRAMMAR_HPP
#define NNC_DSL_PARSER_GRAMMAR_HPP

#include "ast_adapted.hpp"
#include "config.hpp"

namespace nnc::dsl::parser {

struct annotate_span;

// Every rule whose attribute is a Located node records its byte range.
struct name_class;
struct int_lit_class;
struct float_lit_class;
struct bool_lit_class;
struct expr_class;
struct expr_list_class;
struct additive_class;
struct add_op_class;
struct multiplicative_class;
struct mul_op_class;
struct matmul_class;
struct matmul_op_class;
struct unary_class;
struct postfix_class;
struct index_suffix_class;
struct primary_class;
struct paren_class;
struct list_class;
struct call_class;
struct argument_class;
struct keyword_prefix_class;
struct argument_list_class;
struct dtype_class;
struct type_expr_class;
struct name_list_class;
struct input_stmt_class;
struct param_stmt_class;
struct output_stmt_class;
struct loss_stmt_class;
struct grad_stmt_class;
struct return_stmt_class;
struct assign_stmt_class;
struct statement_class;
struct stmt_end_class;
struct block_class;
struct wrt_class;
struct const_decl_class;
struct def_decl_class;
struct model_decl_class;
struct top_item_class;
struct item_end_class;
struct file_class;

using name_type = x3::rule<name_class, ast::Name>;
using file_type = x3::rule<file_class, std::vector<ast::TopItem>>;

} // namespace nnc::dsl::parser

#endif // NNC_DSL_PARSER_GRAMMAR_HPP
