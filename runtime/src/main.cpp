//===- main.cpp - main() of every generated executable --------------------===//
//
// Lives in the runtime library so that linking a model object with
// libnnc_runtime.a yields a program; the compiler emits `nnc_main_model`.
//
//===----------------------------------------------------------------------===//
#include "nnc/Runtime.h"

#include <cstdlib>

extern "C" const nnc_model_desc nnc_main_model;

int main(int argc, char **argv) {
  // The commands call the model back to back, and a model is a series of
  // short parallel regions: threads that sleep between regions cost more
  // than the regions themselves (LeNet's forward at 2 threads: 114 us
  // passive, 74 us active, 99 us on 1 thread). OpenMP reads this before
  // its first region; a user's own setting wins.
  setenv("OMP_WAIT_POLICY", "ACTIVE", /*overwrite=*/0);
  return nnc::runMain(nnc_main_model, argc, argv);
}
