//===- nnc/Runtime.h - Entry point of the nnc runtime ------------*- C++
//-*-===//
//
// The runtime turns a compiled model (its descriptor table) into a command
// line tool: `M info|run|grad|check|train|bench`. See TOOLS.md section 3.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_RUNTIME_H
#define NNC_RUNTIME_H

#include "nnc_model_desc.h"

namespace nnc {

/// Runs the command line `argv` against `model`; returns the exit status
/// (0 success, 1 a failed check or a failing model, 2 bad usage or file).
int runMain(const nnc_model_desc &model, int argc, char **argv);

} // namespace nnc

#endif // NNC_RUNTIME_H
