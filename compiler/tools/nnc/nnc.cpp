//===- nnc.cpp - The nnc compiler driver ----------------------------------===//
//
// TOOLS.md section 1. Exit status: 0 success, 1 a diagnostic in the user's
// program, 2 bad usage or an unreadable file. Output files are written only
// when everything succeeded.
//
//===----------------------------------------------------------------------===//
#include "nnc/Codegen/Codegen.h"
#include "nnc/MLIRGen/MLIRGen.h"
#include "nnc/Pipeline/Pipeline.h"
#include "nnc/dsl/Frontend.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"

#include <cctype>
#include <iostream>
#include <sstream>

using namespace nnc;

namespace {

enum ExitCode { kOk = 0, kUserError = 1, kUsage = 2 };

const char kUsageText[] =
    R"(usage: nnc MODEL.nn [options]

  nnc MODEL.nn                 build an executable named after the file
  nnc MODEL.nn -o PATH         ... at PATH
  nnc -c MODEL.nn [-o X.o]     native object X.o and C header X.h
  nnc MODEL.nn --emit=STAGE    print a stage (ast|nn|linalg|llvm-mlir|llvm|asm)
  nnc MODEL.nn --check         parse and check shapes only

options:
  -o PATH                 output file
  --model NAME            the model to compile when the file has several
  -O0 .. -O3              optimization level (default -O3)
  --target-cpu=CPU        target CPU (default: native)
  --no-backward           do not generate M_backward
  --no-parallel           generate single-threaded code (no OpenMP)
  --debug-corrupt-grad=OP scale the gradient rule of the first OP by 1.5
                          (to test that `M check` catches wrong gradients)
  --version, --help
An input ending in .mlir is read as nn-dialect IR instead of .nn source.
)";

struct Options {
  std::string input;
  std::string output;
  bool compileOnly = false;
  bool checkOnly = false;
  std::optional<Stage> emit;
  std::string model;
  int optLevel = 3;
  std::string targetCpu = "native";
  bool backward = true;
  bool parallel = true;
  std::string corruptGradOf;
};

int usageError(const std::string &msg) {
  llvm::errs() << "nnc: error: " << msg << "\n"
               << "(run 'nnc --help' for usage)\n";
  return kUsage;
}

std::optional<Stage> parseStage(llvm::StringRef s) {
  return llvm::StringSwitch<std::optional<Stage>>(s)
      .Case("ast", Stage::Ast)
      .Case("nn", Stage::NN)
      .Case("linalg", Stage::Linalg)
      .Case("llvm-mlir", Stage::LLVMMLIR)
      .Case("llvm", Stage::LLVM)
      .Case("asm", Stage::Asm)
      .Default(std::nullopt);
}

/// Returns an exit code when the command line is not a compilation request
/// (or is bad), nullopt to go on.
std::optional<int> parseArgs(int argc, char **argv, Options &o) {
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef a = argv[i];
    auto value = [&](llvm::StringRef flag) -> std::optional<std::string> {
      if (a.consume_front(flag.str() + "="))
        return a.str();
      if (a == flag && i + 1 < argc)
        return std::string(argv[++i]);
      return std::nullopt;
    };
    if (a == "--help" || a == "-h") {
      llvm::outs() << kUsageText;
      return kOk;
    }
    if (a == "--version") {
      llvm::outs() << "nnc " << NNC_VERSION << " (LLVM/MLIR " << LLVM_VERSION_STRING
                   << ")\n";
      return kOk;
    }
    if (a == "-c") {
      o.compileOnly = true;
    } else if (a == "--check") {
      o.checkOnly = true;
    } else if (a == "--no-backward") {
      o.backward = false;
    } else if (a == "--no-parallel") {
      o.parallel = false;
    } else if (a.starts_with("-O") && a.size() == 3 && a[2] >= '0' &&
               a[2] <= '3') {
      o.optLevel = a[2] - '0';
    } else if (a == "-o" || a.starts_with("-o")) {
      if (a == "-o") {
        if (i + 1 >= argc)
          return usageError("-o needs a path");
        o.output = argv[++i];
      } else {
        o.output = a.drop_front(2).str();
      }
    } else if (a.starts_with("--emit")) {
      auto v = value("--emit");
      if (!v)
        return usageError("--emit needs a stage");
      o.emit = parseStage(*v);
      if (!o.emit)
        return usageError("unknown stage '" + *v +
                          "' (expected ast, nn, linalg, llvm-mlir, llvm or "
                          "asm)");
    } else if (a.starts_with("--model")) {
      auto v = value("--model");
      if (!v)
        return usageError("--model needs a name");
      o.model = *v;
    } else if (a.starts_with("--target-cpu")) {
      auto v = value("--target-cpu");
      if (!v || v->empty())
        return usageError("--target-cpu needs a CPU name");
      o.targetCpu = *v;
    } else if (a.starts_with("--debug-corrupt-grad")) {
      auto v = value("--debug-corrupt-grad");
      if (!v || v->empty())
        return usageError("--debug-corrupt-grad needs an op name");
      o.corruptGradOf = *v;
    } else if (a.starts_with("-") && a != "-") {
      return usageError("unknown option '" + a.str() + "'");
    } else if (o.input.empty()) {
      o.input = a.str();
    } else {
      return usageError("more than one input file ('" + o.input + "', '" +
                        a.str() + "')");
    }
  }
  if (o.input.empty())
    return usageError("no input file");
  int modes = o.compileOnly + o.checkOnly + o.emit.has_value();
  if (modes > 1)
    return usageError("-c, --check and --emit are mutually exclusive");
  return std::nullopt;
}

/// Writes `contents` to `path` (or stdout for "-"); false on failure.
bool writeFile(const std::string &path,
               const std::function<void(llvm::raw_ostream &)> &write) {
  std::error_code ec;
  llvm::ToolOutputFile out(path, ec, llvm::sys::fs::OF_None);
  if (ec) {
    llvm::errs() << "nnc: error: cannot write '" << path
                 << "': " << ec.message() << "\n";
    return false;
  }
  write(out.os());
  out.keep();
  return true;
}

std::string replaceExtension(const std::string &path, llvm::StringRef ext) {
  llvm::SmallString<256> p(path);
  llvm::sys::path::replace_extension(p, ext);
  return p.str().str();
}

/// Finds the runtime archive: next to the build tree, or installed beside
/// the nnc binary (../lib), or $NNC_RUNTIME_LIB.
std::string findRuntime(const char *argv0) {
  if (const char *env = std::getenv("NNC_RUNTIME_LIB"))
    return env;
  std::string exe = llvm::sys::fs::getMainExecutable(argv0, (void *)&findRuntime);
  llvm::SmallString<256> p(llvm::sys::path::parent_path(exe));
  llvm::sys::path::append(p, "..", "lib", "libnnc_runtime.a");
  if (llvm::sys::fs::exists(p))
    return p.str().str();
  return std::string(NNC_BUILD_LIB_DIR) + "/libnnc_runtime.a";
}

class Compiler {
public:
  Compiler(const Options &o, const char *argv0) : o(o), argv0(argv0) {}
  int run();

private:
  int load(mlir::OwningOpRef<mlir::ModuleOp> &module);
  int emitModule(mlir::ModuleOp module);
  int finish(llvm::Module &llvmModule, const std::vector<ModelAbi> &abis);
  int link(const std::string &object, const std::string &exe);

  const Options &o;
  const char *argv0;
  std::unique_ptr<llvm::TargetMachine> tm;
  mlir::MLIRContext context;
  llvm::SourceMgr sourceMgr;
  std::string source;
};

int Compiler::load(mlir::OwningOpRef<mlir::ModuleOp> &module) {
  auto buffer = llvm::MemoryBuffer::getFile(o.input, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/true);
  if (std::error_code ec = buffer.getError()) {
    llvm::errs() << "nnc: error: cannot read '" << o.input
                 << "': " << ec.message() << "\n";
    return kUsage;
  }
  source = (*buffer)->getBuffer().str();
  sourceMgr.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());

  if (llvm::StringRef(o.input).ends_with(".mlir")) {
    module = mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr, &context);
    return module ? kOk : kUserError;
  }

  std::ostringstream diags;
  if (o.emit == Stage::Ast) {
    std::ostringstream ast;
    bool ok = dsl::dumpAst(o.input, source, ast, diags);
    llvm::errs() << diags.str();
    if (!ok)
      return kUserError;
    if (!writeFile(o.output.empty() ? "-" : o.output,
                   [&](llvm::raw_ostream &os) { os << ast.str(); }))
      return kUsage;
    return -1; // done
  }
  dsl::Program program;
  bool ok = dsl::compileSource(o.input, source, program, diags);
  llvm::errs() << diags.str();
  if (!ok)
    return kUserError;
  if (o.checkOnly)
    return -1;
  if (!o.model.empty() &&
      llvm::none_of(program.models,
                    [&](const dsl::Model &m) { return m.name == o.model; })) {
    std::string names;
    for (const dsl::Model &m : program.models)
      names += (names.empty() ? "'" : ", '") + m.name + "'";
    llvm::errs() << "nnc: error: no model named '" << o.model << "' in '"
                 << o.input << "' (it has " << names << ")\n";
    return kUsage;
  }
  module = mlirGen(context, program, o.model);
  return module ? kOk : kUserError;
}

int Compiler::run() {
  registerPasses();
  mlir::DialectRegistry registry;
  registerDialectExtensions(registry);
  context.appendDialectRegistry(registry);
  context.loadAllAvailableDialects();
  // Errors name a place in the .nn file; an IR dump means nothing to users.
  context.printOpOnDiagnostic(false);
  mlir::SourceMgrDiagnosticHandler diagHandler(sourceMgr, &context);

  mlir::OwningOpRef<mlir::ModuleOp> module;
  int status = load(module);
  if (status == -1)
    return kOk;
  if (status != kOk)
    return status;
  return emitModule(*module);
}

int Compiler::emitModule(mlir::ModuleOp module) {
  bool executable = !o.compileOnly && !o.emit;
  std::string error;
  if (!o.emit || *o.emit >= Stage::LLVMMLIR) {
    tm = createTargetMachine(o.targetCpu, o.optLevel, error);
    if (!tm) {
      llvm::errs() << "nnc: error: " << error << "\n";
      return kUsage;
    }
  }
  PipelineOptions popts;
  popts.generateBackward = o.backward;
  popts.corruptGradOf = o.corruptGradOf;
  popts.optLevel = o.optLevel;
  popts.parallel = o.parallel;
  if (tm)
    popts.vectorWidth = vectorWidthOf(*tm);

  auto runPasses = [&](auto build) {
    mlir::PassManager pm(&context);
    build(pm, popts);
    return mlir::succeeded(pm.run(module));
  };
  auto print = [&](auto &&what) {
    return writeFile(o.output.empty() ? "-" : o.output, what) ? kOk : kUsage;
  };

  if (!runPasses(buildNNPipeline))
    return kUserError;
  if (o.emit == Stage::NN)
    return print([&](llvm::raw_ostream &os) { module.print(os); });
  std::vector<ModelAbi> abis = collectModelAbis(module);
  if (executable && abis.size() != 1) {
    std::string names;
    for (const ModelAbi &m : abis)
      names += (names.empty() ? "'" : ", '") + m.name + "'";
    llvm::errs() << "nnc: error: an executable needs exactly one model, '"
                 << o.input << "' has " << abis.size() << " (" << names
                 << "); choose one with --model NAME\n";
    return kUsage;
  }

  if (!runPasses(buildNNToLinalgPipeline))
    return kUserError;
  if (o.emit == Stage::Linalg)
    return print([&](llvm::raw_ostream &os) { module.print(os); });
  if (!runPasses(buildLinalgToLLVMPipeline))
    return kUserError;
  setWorkspaceSizes(abis, module);
  if (o.emit == Stage::LLVMMLIR)
    return print([&](llvm::raw_ostream &os) { module.print(os); });

  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      mlir::translateModuleToLLVMIR(module, llvmContext, o.input);
  if (!llvmModule) {
    llvm::errs() << "nnc: error: translation to LLVM IR failed\n";
    return kUserError;
  }
  std::optional<std::string> mainModel;
  if (executable)
    mainModel = abis.front().name;
  emitDescriptors(*llvmModule, abis, mainModel);
  optimizeModule(*llvmModule, *tm, o.optLevel);
  return finish(*llvmModule, abis);
}

int Compiler::finish(llvm::Module &llvmModule,
                     const std::vector<ModelAbi> &abis) {
  std::string out = o.output;
  if (o.emit == Stage::LLVM)
    return writeFile(out.empty() ? "-" : out,
                     [&](llvm::raw_ostream &os) { llvmModule.print(os, nullptr); })
               ? kOk
               : kUsage;

  std::string error;
  auto emitTo = [&](const std::string &path, llvm::CodeGenFileType type) {
    std::error_code ec;
    llvm::ToolOutputFile file(path, ec, llvm::sys::fs::OF_None);
    if (ec) {
      llvm::errs() << "nnc: error: cannot write '" << path
                   << "': " << ec.message() << "\n";
      return false;
    }
    if (!emitMachineCode(llvmModule, *tm, file.os(), type, error)) {
      llvm::errs() << "nnc: error: " << error << "\n";
      return false;
    }
    file.keep();
    return true;
  };
  if (o.emit == Stage::Asm)
    return emitTo(out.empty() ? "-" : out, llvm::CodeGenFileType::AssemblyFile)
               ? kOk
               : kUsage;

  std::string stem = llvm::sys::path::stem(o.input).str();
  if (o.compileOnly) {
    std::string object = out.empty() ? stem + ".o" : out;
    std::string header = llvm::StringRef(object).ends_with(".o")
                             ? replaceExtension(object, "h")
                             : object + ".h";
    // The guard follows the header's own name: two headers made from one
    // file (`--model a -o a.o`, `--model b -o b.o`) can be included together.
    std::string guard =
        "NNC_GENERATED_" + macroPrefix(llvm::sys::path::stem(header).str()) +
        "_H";
    for (char &c : guard)
      if (!std::isalnum(static_cast<unsigned char>(c)))
        c = '_';
    if (!emitTo(object, llvm::CodeGenFileType::ObjectFile))
      return kUsage;
    return writeFile(header,
                     [&](llvm::raw_ostream &os) {
                       emitHeader(os, abis, guard, o.input);
                     })
               ? kOk
               : kUsage;
  }

  // An executable: a temporary object linked with the runtime.
  llvm::SmallString<128> object;
  if (std::error_code ec =
          llvm::sys::fs::createTemporaryFile("nnc-" + stem, "o", object)) {
    llvm::errs() << "nnc: error: cannot create a temporary file: "
                 << ec.message() << "\n";
    return kUsage;
  }
  llvm::FileRemover removeObject(object);
  if (!emitTo(object.str().str(), llvm::CodeGenFileType::ObjectFile))
    return kUsage;
  return link(object.str().str(), out.empty() ? stem : out);
}

int Compiler::link(const std::string &object, const std::string &exe) {
  std::string runtime = findRuntime(argv0);
  if (!llvm::sys::fs::exists(runtime)) {
    llvm::errs() << "nnc: error: runtime library not found at '" << runtime
                 << "' (set NNC_RUNTIME_LIB)\n";
    return kUsage;
  }
  std::string cxx;
  for (const char *candidate : {"clang++-19", "clang++", "c++", "g++"})
    if (auto p = llvm::sys::findProgramByName(candidate)) {
      cxx = *p;
      break;
    }
  if (cxx.empty()) {
    llvm::errs() << "nnc: error: no C++ compiler driver found to link with\n";
    return kUsage;
  }
  std::string ompDir = llvm::sys::path::parent_path(NNC_OPENMP_LIB).str();
  std::vector<std::string> args = {cxx,     object,         runtime,
                                   NNC_OPENMP_LIB, "-Wl,-rpath," + ompDir,
                                   "-lm",   "-o",           exe};
  std::vector<llvm::StringRef> argRefs(args.begin(), args.end());
  std::string message;
  int rc = llvm::sys::ExecuteAndWait(cxx, argRefs, std::nullopt, {}, 0, 0,
                                     &message);
  if (rc != 0) {
    llvm::errs() << "nnc: error: linking '" << exe << "' failed"
                 << (message.empty() ? "" : ": " + message) << "\n";
    return kUsage;
  }
  return kOk;
}

} // namespace

int main(int argc, char **argv) {
  Options o;
  if (std::optional<int> exit = parseArgs(argc, argv, o))
    return *exit;
  Compiler compiler(o, argv[0]);
  return compiler.run();
}
