//===- Globals.h - Top-level names of a file ---------------------*- C++
//-*-===//
//
// `const` and `def` names are global and may be used before their
// definition (consts are evaluated on demand, with cycle detection);
// models have their own namespace.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_DSL_GLOBALS_H
#define NNC_DSL_GLOBALS_H

#include "Reporter.h"
#include "nnc/dsl/Ast.h"

#include <map>
#include <string>
#include <vector>

namespace nnc::dsl {

struct Globals {
  std::map<std::string, const ast::ConstDecl *, std::less<>> consts;
  std::map<std::string, const ast::DefDecl *, std::less<>> defs;
  std::vector<const ast::ConstDecl *> constOrder;
  std::vector<const ast::DefDecl *> defOrder;
  std::vector<const ast::ModelDecl *> models;
};

/// Collects the top-level declarations; duplicate names and consts or defs
/// that would hide a builtin op are errors.
Globals collectGlobals(const ast::File &file, Reporter &reporter);

/// The initializer names of `param ... = INIT`.
bool isInitName(std::string_view name);
const std::vector<std::string> &initNames();

} // namespace nnc::dsl

#endif // NNC_DSL_GLOBALS_H
