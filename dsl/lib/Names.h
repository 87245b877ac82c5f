//===- Names.h - Errors for names that do not resolve ------------*- C++
//-*-===//
//
// Shared by the static check of defs and the model checker so that a bad
// name reads the same wherever it is.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_DSL_NAMES_H
#define NNC_DSL_NAMES_H

#include "Globals.h"

#include <optional>

namespace nnc::dsl {

/// A name the user could have meant, and where it is declared.
struct NameCandidate {
  std::string name;
  std::optional<Span> decl;
};

/// `name` used as a value did not resolve. `boundLater` (may be null) maps
/// the names the current block binds further down to their definition.
[[noreturn]] void reportUnresolvedValue(
    const std::string &name, Span use,
    const std::map<std::string, Span, std::less<>> *boundLater,
    const std::vector<NameCandidate> &inScope, const Globals &globals,
    Reporter &reporter);

/// `name(...)` names neither a def nor a builtin op.
[[noreturn]] void reportUnresolvedCallee(const std::string &name, Span use,
                                         const Globals &globals,
                                         Reporter &reporter);

/// `name(...)` where `name` is a local value or parameter.
[[noreturn]] void reportCalledLocal(const std::string &name, Span use,
                                    Span decl, const Globals &globals,
                                    Reporter &reporter);

/// "; did you mean 'w1'?" or "".
std::string didYouMean(const std::optional<std::string> &suggestion);

} // namespace nnc::dsl

#endif // NNC_DSL_NAMES_H
