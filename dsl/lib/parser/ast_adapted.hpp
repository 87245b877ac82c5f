//===- ast_adapted.hpp - Fusion adaptation of the AST for X3 ----*- C++ -*-===//
//
// Leaves (Name, IntLit, FloatLit, BoolLit) are filled by semantic actions
// in grammar_def.hpp; the byte range of every node (`Located`) is set by
// the rules' on_success handler, so it is not adapted here.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_DSL_PARSER_AST_ADAPTED_HPP
#define NNC_DSL_PARSER_AST_ADAPTED_HPP

#include "nnc/dsl/Ast.h"

#include <boost/fusion/include/adapt_struct.hpp>

BOOST_FUSION_ADAPT_STRUCT(nnc::dsl::ast::ListExpr, elements)
BOOST_FUSION_ADAPT_STRUCT(nnc::dsl::ast::Argument, keyword, value)
BOOST_FUSION_ADAPT_STRUCT(nnc::dsl::ast::CallExpr, callee, args)
BOOST_FUSION_ADAPT_STRUCT(nnc::dsl::ast::Operation, op, operand)
BOOST_FUSION_ADAPT_STRUCT(nnc::dsl::ast::BinaryExpr, first, rest)
BOOST_FUSION_ADAPT_STRUCT(nnc::dsl::ast::UnaryExpr, minuses, operand)
BOOST_FUSION_ADAPT_STRUCT(nnc::dsl::ast::IndexSuffix, index)
BOOST_FUSION_ADAPT_STRUCT(nnc::dsl::ast::PostfixExpr, base, indices)
BOOST_FUSION_ADAPT_STRUCT(nnc::dsl::ast::TypeExpr, dtype, dims)
BOOST_FUSION_ADAPT_STRUCT(nnc::dsl::ast::InputStmt, name, type)
BOOST_FUSION_ADAPT_STRUCT(nnc::dsl::ast::ParamStmt, name, type, init)
BOOST_FUSION_ADAPT_STRUCT(nnc::dsl::ast::OutputStmt, name, value)
BOOST_FUSION_ADAPT_STRUCT(nnc::dsl::ast::LossStmt, name, value)
BOOST_FUSION_ADAPT_STRUCT(nnc::dsl::ast::GradStmt, names)
BOOST_FUSION_ADAPT_STRUCT(nnc::dsl::ast::ReturnStmt, values)
BOOST_FUSION_ADAPT_STRUCT(nnc::dsl::ast::AssignStmt, targets, value)
BOOST_FUSION_ADAPT_STRUCT(nnc::dsl::ast::ConstDecl, name, value)
BOOST_FUSION_ADAPT_STRUCT(nnc::dsl::ast::DefDecl, name, params, body)
BOOST_FUSION_ADAPT_STRUCT(nnc::dsl::ast::ModelDecl, name, body)

#endif // NNC_DSL_PARSER_AST_ADAPTED_HPP
