//===- AstPrinter.h - `--emit=ast` -------------------------------*- C++
//-*-===//
#ifndef NNC_DSL_ASTPRINTER_H
#define NNC_DSL_ASTPRINTER_H

#include "Checker.h"

#include <iosfwd>

namespace nnc::dsl {

/// One node per line, indented by depth: `Kind detail[ : type| = value] @L:C`.
/// Statements of a model show the inferred type of what they bind; a def's
/// body shows no types (they depend on the call).
void printAst(std::ostream &os, const SourceFile &file, const ast::File &tree,
              const AstAnnotations &annotations);

} // namespace nnc::dsl

#endif // NNC_DSL_ASTPRINTER_H
