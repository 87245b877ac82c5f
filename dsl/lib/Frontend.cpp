//===- Frontend.cpp - Parse and check a .nn file --------------------------===//
//
// The pipeline: byte checks and line joining (Preprocess), the X3 grammar
// (Parser), the checker (Checker). Every exception stops here.
//
//===----------------------------------------------------------------------===//

#include "nnc/dsl/Frontend.h"

#include "AstPrinter.h"
#include "Checker.h"
#include "Diagnostics.h"
#include "Parser.h"
#include "Preprocess.h"

#include <new>
#include <ostream>

#include <pthread.h>

namespace nnc::dsl {
namespace {

/// The parser and the checker recurse once per nesting level, which the
/// preprocessor and the checker bound; a private stack of this size makes
/// those bounds safe whatever the caller's stack (threads, sanitizers).
constexpr size_t kFrontendStackBytes = size_t(64) << 20;

/// Runs `work` on a thread with a kFrontendStackBytes stack, or inline if
/// no thread can be created. `work` must not throw.
template <typename Work> void runOnLargeStack(Work &work) {
  auto entry = [](void *arg) -> void * {
    (*static_cast<Work *>(arg))();
    return nullptr;
  };
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) == 0) {
    pthread_t thread;
    bool started = pthread_attr_setstacksize(&attr, kFrontendStackBytes) == 0 &&
                   pthread_create(&thread, &attr, entry, &work) == 0;
    pthread_attr_destroy(&attr);
    if (started) {
      pthread_join(thread, nullptr);
      return;
    }
  }
  work();
}

bool runFrontend(const SourceFile &file, ast::File &tree, Program &program,
                 AstAnnotations *annotations, std::ostream &errs) {
  try {
    Diagnostic diag;
    std::string clean;
    if (!preprocessSource(file.text(), clean, diag) ||
        !parseSource(file.text(), clean, tree, diag)) {
      printDiagnostic(errs, file, diag);
      return false;
    }
    checkProgram(file, tree, program, annotations);
    return true;
  } catch (const CompileError &error) {
    printDiagnostic(errs, file, error.diagnostic());
  } catch (const std::bad_alloc &) {
    errs << file.name() << ": error: out of memory\n";
  } catch (const std::exception &error) {
    errs << file.name() << ": error: internal error: " << error.what() << '\n';
  } catch (...) {
    errs << file.name() << ": error: internal error\n";
  }
  return false;
}

} // namespace

bool compileSource(const std::string &fileName, const std::string &source,
                   Program &program, std::ostream &errs) {
  bool ok = false;
  auto work = [&]() noexcept {
    try {
      program = Program{};
      program.file = fileName;
      SourceFile file(fileName, source);
      ast::File tree;
      ok = runFrontend(file, tree, program, nullptr, errs);
      if (!ok)
        program.models.clear();
    } catch (...) {
      errs << fileName << ": error: out of memory\n";
      ok = false;
    }
  };
  runOnLargeStack(work);
  return ok;
}

bool dumpAst(const std::string &fileName, const std::string &source,
             std::ostream &out, std::ostream &errs) {
  bool ok = false;
  auto work = [&]() noexcept {
    try {
      Program program;
      program.file = fileName;
      SourceFile file(fileName, source);
      ast::File tree;
      AstAnnotations annotations;
      ok = runFrontend(file, tree, program, &annotations, errs);
      if (ok)
        printAst(out, file, tree, annotations);
    } catch (...) {
      errs << fileName << ": error: out of memory\n";
      ok = false;
    }
  };
  runOnLargeStack(work);
  return ok;
}

} // namespace nnc::dsl
