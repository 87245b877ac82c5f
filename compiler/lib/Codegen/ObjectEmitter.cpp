//===- ObjectEmitter.cpp - LLVM IR to optimized machine code --------------===//
#include "nnc/Codegen/Codegen.h"

#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/MC/MCSubtargetInfo.h"

namespace nnc {

std::unique_ptr<llvm::TargetMachine>
createTargetMachine(const std::string &cpu, int optLevel, std::string &error) {
  llvm::InitializeNativeTarget();
  llvm::InitializeNativeTargetAsmPrinter();
  llvm::InitializeNativeTargetAsmParser();
  std::string triple = llvm::sys::getDefaultTargetTriple();
  const llvm::Target *target = llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return nullptr;
  std::string cpuName = cpu;
  std::string features;
  if (cpu == "native") {
    cpuName = llvm::sys::getHostCPUName().str();
    llvm::StringMap<bool> hostFeatures = llvm::sys::getHostCPUFeatures();
    for (auto &f : hostFeatures)
      features += (features.empty() ? "" : ",") +
                  std::string(f.second ? "+" : "-") + f.first().str();
  }
  // Validated before the TargetMachine exists: creating one for an unknown
  // CPU prints LLVM's own warning (twice) before our error.
  std::unique_ptr<llvm::MCSubtargetInfo> generic(
      target->createMCSubtargetInfo(triple, "", ""));
  if (generic && !generic->isCPUStringValid(cpuName)) {
    error = "unknown target CPU '" + cpuName +
            "' (use 'native', or an LLVM CPU name such as 'x86-64-v3' or "
            "'skylake-avx512')";
    return nullptr;
  }
  llvm::TargetOptions options;
  // Allow contraction of a * b + c into FMAs; everything else stays IEEE.
  options.AllowFPOpFusion = llvm::FPOpFusion::Fast;
  llvm::CodeGenOptLevel level = optLevel <= 0   ? llvm::CodeGenOptLevel::None
                                : optLevel == 1 ? llvm::CodeGenOptLevel::Less
                                : optLevel == 2 ? llvm::CodeGenOptLevel::Default
                                                : llvm::CodeGenOptLevel::Aggressive;
  std::unique_ptr<llvm::TargetMachine> tm(target->createTargetMachine(
      triple, cpuName, features, options, llvm::Reloc::PIC_, std::nullopt,
      level));
  if (!tm) {
    error = "cannot create a target machine for '" + triple + "' (cpu '" +
            cpuName + "')";
    return nullptr;
  }
  if (!tm->getMCSubtargetInfo()->isCPUStringValid(cpuName)) {
    error = "unknown target CPU '" + cpuName + "'";
    return nullptr;
  }
  return tm;
}

int64_t vectorWidthOf(llvm::TargetMachine &tm) {
  const llvm::MCSubtargetInfo *sti = tm.getMCSubtargetInfo();
  if (sti->checkFeatures("+avx512f"))
    return 16;
  if (sti->checkFeatures("+avx"))
    return 8;
  return 4;
}

void optimizeModule(llvm::Module &module, llvm::TargetMachine &tm,
                    int optLevel) {
  module.setDataLayout(tm.createDataLayout());
  module.setTargetTriple(tm.getTargetTriple().str());
  for (llvm::Function &f : module) {
    if (f.isDeclaration())
      continue;
    f.addFnAttr("target-cpu", tm.getTargetCPU());
    if (!tm.getTargetFeatureString().empty())
      f.addFnAttr("target-features", tm.getTargetFeatureString());
    if (vectorWidthOf(tm) == 16) {
      // Our register tiles are 512-bit vectors: keep them whole.
      f.addFnAttr("prefer-vector-width", "512");
      f.addFnAttr("min-legal-vector-width", "512");
    }
  }
  if (optLevel <= 0)
    return;
  llvm::LoopAnalysisManager lam;
  llvm::FunctionAnalysisManager fam;
  llvm::CGSCCAnalysisManager cgam;
  llvm::ModuleAnalysisManager mam;
  // Every shape is static, so LLVM would fully unroll whole loop nests
  // (a 2x2 max pool became thousands of masked gathers); the hot kernels
  // arrive already unrolled into register tiles from MLIR.
  llvm::PipelineTuningOptions tuning;
  tuning.LoopUnrolling = false;
  llvm::PassBuilder pb(&tm, tuning);
  pb.registerModuleAnalyses(mam);
  pb.registerCGSCCAnalyses(cgam);
  pb.registerFunctionAnalyses(fam);
  pb.registerLoopAnalyses(lam);
  pb.crossRegisterProxies(lam, fam, cgam, mam);
  llvm::OptimizationLevel level = optLevel == 1   ? llvm::OptimizationLevel::O1
                                  : optLevel == 2 ? llvm::OptimizationLevel::O2
                                                  : llvm::OptimizationLevel::O3;
  llvm::ModulePassManager mpm = pb.buildPerModuleDefaultPipeline(level);
  mpm.run(module, mam);
}

bool emitMachineCode(llvm::Module &module, llvm::TargetMachine &tm,
                     llvm::raw_pwrite_stream &os, llvm::CodeGenFileType type,
                     std::string &error) {
  module.setDataLayout(tm.createDataLayout());
  llvm::legacy::PassManager pm;
  if (tm.addPassesToEmitFile(pm, os, nullptr, type)) {
    error = "the target cannot emit this file type";
    return false;
  }
  pm.run(module);
  return true;
}

} // namespace nnc
