//===- Reporter.h - Where the checker's errors go ----------------*- C++
//-*-===//
#ifndef NNC_DSL_REPORTER_H
#define NNC_DSL_REPORTER_H

#include "Diagnostics.h"

namespace nnc::dsl {

/// Reports the first error and stops checking (by throwing CompileError).
/// The checker adds "in call to 'f' here" notes when the error lies in an
/// inlined def.
class Reporter {
public:
  virtual ~Reporter() = default;

  [[noreturn]] void error(Span span, std::string message,
                          std::vector<Note> notes = {}) {
    addContext(notes);
    throw CompileError(Diagnostic{span, std::move(message), std::move(notes)});
  }

protected:
  virtual void addContext(std::vector<Note> &notes) { (void)notes; }
};

} // namespace nnc::dsl

#endif // NNC_DSL_REPORTER_H
