//===- nnc-dsl.cpp - Debugging driver of the front end --------------------===//
//
//   nnc-dsl FILE.nn [--emit=ast|graph] [--check]
//
// Exit status as nnc: 0 ok, 1 a diagnostic in the program, 2 bad usage or
// an unreadable file.
//
//===----------------------------------------------------------------------===//

#include "nnc/dsl/Frontend.h"
#include "nnc/dsl/ProgramPrinter.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <string>

namespace {

const char *const kUsage =
    "usage: nnc-dsl FILE.nn [--emit=ast|graph] [--check]\n"
    "  --emit=graph  print the checked, flattened program (default)\n"
    "  --emit=ast    print the syntax tree with inferred types\n"
    "  --check       parse and check only\n";

int usageError(const std::string &message) {
  std::cerr << "nnc-dsl: error: " << message << '\n' << kUsage;
  return 2;
}

bool readFile(const std::string &path, std::string &text, std::string &why) {
  std::FILE *f = std::fopen(path.c_str(), "rb");
  if (!f) {
    why = std::strerror(errno);
    return false;
  }
  char buffer[1 << 16];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0)
    text.append(buffer, n);
  bool failed = std::ferror(f);
  int error = errno;
  std::fclose(f);
  if (failed) {
    why = std::strerror(error);
    return false;
  }
  return true;
}

} // namespace

int main(int argc, char **argv) {
  std::string path, emit = "graph";
  bool checkOnly = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return 0;
    }
    if (arg == "--check")
      checkOnly = true;
    else if (arg.rfind("--emit=", 0) == 0)
      emit = arg.substr(7);
    else if (!arg.empty() && arg[0] == '-' && arg != "-")
      return usageError("unknown option '" + arg + "'");
    else if (path.empty())
      path = arg;
    else
      return usageError("more than one input file");
  }
  if (path.empty())
    return usageError("no input file");
  if (emit != "ast" && emit != "graph")
    return usageError("unknown --emit stage '" + emit +
                      "' (expected ast or graph)");

  std::string source, why;
  if (!readFile(path == "-" ? "/dev/stdin" : path, source, why)) {
    std::cerr << "nnc-dsl: error: cannot read '" << path << "': " << why
              << '\n';
    return 2;
  }
  if (emit == "ast" && !checkOnly)
    return nnc::dsl::dumpAst(path, source, std::cout, std::cerr) ? 0 : 1;
  nnc::dsl::Program program;
  if (!nnc::dsl::compileSource(path, source, program, std::cerr))
    return 1;
  if (!checkOnly)
    nnc::dsl::printProgram(std::cout, program);
  return 0;
}
