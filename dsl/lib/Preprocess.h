//===- Preprocess.h - Byte-level checks before the grammar runs -*- C++ -*-===//
//
// The grammar treats a newline as the end of a statement. A statement may
// continue inside open parentheses or brackets, so before parsing we blank
// comments and turn the newlines inside ( ) and [ ] into spaces. The result
// has the same length as the source: every byte offset (and so every
// line:col) stays valid.
//
// This pass also rejects, with a located error, what the grammar should
// never see: bytes that are not valid UTF-8, control characters, non-ASCII
// text outside comments, and brackets nested deeper than kMaxNesting (the
// recursive-descent parser would otherwise overflow the stack).
//
//===----------------------------------------------------------------------===//
#ifndef NNC_DSL_PREPROCESS_H
#define NNC_DSL_PREPROCESS_H

#include "Diagnostics.h"

#include <optional>
#include <string>
#include <string_view>

namespace nnc::dsl {

constexpr unsigned kMaxNesting = 200;

/// Fills `clean` (see the file comment) or sets `diag` and returns false.
bool preprocessSource(std::string_view source, std::string &clean,
                      Diagnostic &diag);

/// The offset of the innermost `open` bracket ('(', '[' or '{'; 0 for
/// either '(' or '[') still unclosed at `offset` in the cleaned text, for a
/// "to match this" note.
std::optional<uint32_t> innermostOpenBracket(std::string_view clean,
                                             uint32_t offset, char open);

} // namespace nnc::dsl

#endif // NNC_DSL_PREPROCESS_H
