//===- Checker.h - AST to checked Program ------------------------*- C++
//-*-===//
//
// Resolves names, folds consts and integer expressions, inlines every def
// call, infers every shape with the op rules (ops/), and builds one Model
// per `model` block. Stops at the first error (CompileError).
//
//===----------------------------------------------------------------------===//
#ifndef NNC_DSL_CHECKER_H
#define NNC_DSL_CHECKER_H

#include "SourceFile.h"
#include "nnc/dsl/Ast.h"
#include "nnc/dsl/Program.h"

#include <string>
#include <unordered_map>

namespace nnc::dsl {

/// What `--emit=ast` prints after a node: " : f32[4, 8]" for a tensor,
/// " = 3" for a compile-time value. Keyed by AST node address; only nodes
/// evaluated outside a def body (a def's types depend on the call).
struct AstAnnotations {
  std::unordered_map<const void *, std::string> text;
};

/// Throws CompileError at the first error.
void checkProgram(const SourceFile &file, const ast::File &tree,
                  Program &program, AstAnnotations *annotations);

} // namespace nnc::dsl

#endif // NNC_DSL_CHECKER_H
