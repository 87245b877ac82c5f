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

namespace nnc::dsl {
namespace {

bool runFrontend(const SourceFile &file, ast::File &tree, Program &program,
                 AstAnnotations *annotations, std::ostream &errs) {
  try {
    Diagnostic diag;
    std::string clean;
    if (!preprocessSource(file.text(), clean, diag) ||
        !parseSource(clean, tree, diag)) {
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
  try {
    program = Program{};
    program.file = fileName;
    SourceFile file(fileName, source);
    ast::File tree;
    if (runFrontend(file, tree, program, nullptr, errs))
      return true;
    program.models.clear();
  } catch (...) {
    errs << fileName << ": error: out of memory\n";
  }
  return false;
}

bool dumpAst(const std::string &fileName, const std::string &source,
             std::ostream &out, std::ostream &errs) {
  try {
    Program program;
    program.file = fileName;
    SourceFile file(fileName, source);
    ast::File tree;
    AstAnnotations annotations;
    if (!runFrontend(file, tree, program, &annotations, errs))
      return false;
    printAst(out, file, tree, annotations);
    return true;
  } catch (...) {
    errs << fileName << ": error: out of memory\n";
  }
  return false;
}

} // namespace nnc::dsl
