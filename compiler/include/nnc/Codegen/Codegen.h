//===- Codegen.h - Header, descriptor and object emission -------*- C++ -*-===//
#ifndef NNC_CODEGEN_CODEGEN_H
#define NNC_CODEGEN_CODEGEN_H

#include "nnc/Codegen/ModelAbi.h"

#include "llvm/Support/CodeGen.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace llvm {
class Module;
class TargetMachine;
class raw_ostream;
class raw_pwrite_stream;
} // namespace llvm

namespace nnc {

/// The C header of TOOLS.md section 2 for `models`; `guard` names the
/// include guard.
void emitHeader(llvm::raw_ostream &os, const std::vector<ModelAbi> &models,
                const std::string &guard, const std::string &sourceFile);

/// Adds `<model>_model` descriptor globals to `module` (and, when
/// `mainModel` is set, the alias `nnc_main_model` the runtime's main uses).
void emitDescriptors(llvm::Module &module, const std::vector<ModelAbi> &models,
                     const std::optional<std::string> &mainModel);

/// A TargetMachine for the host triple and `cpu` ("native": the host CPU
/// and its features). Returns null and sets `error` when unavailable.
std::unique_ptr<llvm::TargetMachine>
createTargetMachine(const std::string &cpu, int optLevel, std::string &error);

/// f32 lanes of the widest vector register `tm` supports.
int64_t vectorWidthOf(llvm::TargetMachine &tm);

/// Runs LLVM's standard pipeline at `optLevel` for `tm`.
void optimizeModule(llvm::Module &module, llvm::TargetMachine &tm,
                    int optLevel);

/// Writes an object file or assembly; false (with `error`) on failure.
bool emitMachineCode(llvm::Module &module, llvm::TargetMachine &tm,
                     llvm::raw_pwrite_stream &os, llvm::CodeGenFileType type,
                     std::string &error);

} // namespace nnc

#endif // NNC_CODEGEN_CODEGEN_H
