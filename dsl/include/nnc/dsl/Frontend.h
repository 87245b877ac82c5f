//===- Frontend.h - Parse and check a .nn file ------------------*- C++ -*-===//
//
// The only entry points the compiler uses. Nothing here throws: every
// failure is reported as clang-style diagnostics on `errs`
// (LANGUAGE.md section 5) and a `false` return.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_DSL_FRONTEND_H
#define NNC_DSL_FRONTEND_H

#include "nnc/dsl/Program.h"

#include <iosfwd>
#include <string>

namespace nnc::dsl {

/// Parses and checks `source`, the contents of `fileName`. On success fills
/// `program` and returns true; otherwise prints diagnostics to `errs`.
bool compileSource(const std::string &fileName, const std::string &source,
                   Program &program, std::ostream &errs);

/// Parses and checks `source` and prints its AST, annotated with the
/// inferred types, to `out` (`nnc --emit=ast`).
bool dumpAst(const std::string &fileName, const std::string &source,
             std::ostream &out, std::ostream &errs);

} // namespace nnc::dsl

#endif // NNC_DSL_FRONTEND_H
