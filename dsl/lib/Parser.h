//===- Parser.h - Text to AST ------------------------------------*- C++
//-*-===//
#ifndef NNC_DSL_PARSER_H
#define NNC_DSL_PARSER_H

#include "Diagnostics.h"
#include "nnc/dsl/Ast.h"

#include <string_view>

namespace nnc::dsl {

/// Parses the preprocessed text `clean` (see Preprocess.h) of `source` into
/// `file`. On a syntax error sets `diag` ("expected X, found Y" at the
/// offending token) and returns false. Never throws.
bool parseSource(std::string_view source, std::string_view clean,
                 ast::File &file, Diagnostic &diag);

} // namespace nnc::dsl

#endif // NNC_DSL_PARSER_H
