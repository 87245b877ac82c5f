//===- ModelFiles.h - Filling a model from defaults and files --*- C++ -*-===//
//
// The FILES options shared by run/grad/check/train/bench: the embedded
// default from --seed, then --params W.safetensors (any subset of params)
// and --input NAME=FILE.npy (repeatable), each checked by name, dtype, shape
// and, for i32 inputs with a known range, value range.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_RUNTIME_MODELFILES_H
#define NNC_RUNTIME_MODELFILES_H

#include "ModelInstance.h"
#include "Options.h"

#include <string>
#include <utility>
#include <vector>

namespace nnc {

/// --params, --input, --seed.
std::vector<OptionSpec> fileOptionSpecs();

/// Defaults for every param and input, then the files named in `options`.
void loadModelValues(ModelInstance &model, const ParsedOptions &options);

void loadParamsFile(ModelInstance &model, const std::string &path);
/// `assignment` is NAME=FILE.npy.
void loadInputFile(ModelInstance &model, const std::string &assignment);
/// `NAME=FILE.npy` -> {NAME, FILE.npy}; Error (exit 2) when malformed.
std::pair<std::string, std::string>
splitInputAssignment(const std::string &assignment);

/// Error naming `source` when an i32 input holds a value outside
/// [0, int_range); `count` values starting at `values`.
void checkIntRange(const nnc_tensor_desc &input, const int32_t *values,
                   int64_t count, const std::string &source);

/// Writes every param to a safetensors file that --params reads back.
void saveParams(const ModelInstance &model, const std::string &path);

} // namespace nnc

#endif // NNC_RUNTIME_MODELFILES_H
