//===- config.hpp - Iterator and skipper types of the grammar ---*- C++ -*-===//
#ifndef NNC_DSL_PARSER_CONFIG_HPP
#define NNC_DSL_PARSER_CONFIG_HPP

#include <boost/spirit/home/x3.hpp>

namespace nnc::dsl::parser {
namespace x3 = boost::spirit::x3;

/// The grammar reads the preprocessed text (Preprocess.h) in memory.
using iterator_type = const char *;

/// Spaces and tabs separate tokens; newlines end statements, so they are
/// not skipped (comments and '\r' were blanked by the preprocessor).
inline const auto skipper = x3::char_(" \t");

/// Tag under which the parse context holds the start of the text, so that
/// on_success can turn iterators into byte offsets.
struct source_begin_tag;

} // namespace nnc::dsl::parser

#endif // NNC_DSL_PARSER_CONFIG_HPP
