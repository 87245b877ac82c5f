//===- Diagnostics.h - Located errors in clang's format ---------*- C++ -*-===//
//
//   FILE:LINE:COL: error: MESSAGE
//   <source line>
//   <caret line: '^' under the offending token, '~' under the rest>
//   FILE:LINE:COL: note: MESSAGE        (each note with its own line+caret)
//
// The checker stops at the first error by throwing `CompileError`; the
// exception never leaves the library (Frontend.cpp catches it).
//
//===----------------------------------------------------------------------===//
#ifndef NNC_DSL_DIAGNOSTICS_H
#define NNC_DSL_DIAGNOSTICS_H

#include "SourceFile.h"

#include <exception>
#include <iosfwd>
#include <string>
#include <vector>

namespace nnc::dsl {

struct Note {
  Span span;
  std::string message;
};

struct Diagnostic {
  Span span;
  std::string message;
  std::vector<Note> notes;
};

/// Thrown by the checker at the first error; caught in Frontend.cpp.
class CompileError : public std::exception {
public:
  explicit CompileError(Diagnostic diag) : diag_(std::move(diag)) {}
  const char *what() const noexcept override { return diag_.message.c_str(); }
  const Diagnostic &diagnostic() const { return diag_; }
  Diagnostic &diagnostic() { return diag_; }

private:
  Diagnostic diag_;
};

[[noreturn]] inline void fail(Span span, std::string message,
                              std::vector<Note> notes = {}) {
  throw CompileError(Diagnostic{span, std::move(message), std::move(notes)});
}

/// Prints an error and its notes, each with the source line and a caret.
void printDiagnostic(std::ostream &os, const SourceFile &file,
                     const Diagnostic &diag);

} // namespace nnc::dsl

#endif // NNC_DSL_DIAGNOSTICS_H
