//===- main.cpp - main() of every generated executable --------------------===//
//
// Lives in the runtime library so that linking a model object with
// libnnc_runtime.a yields a program; the compiler emits `nnc_main_model`.
//
//===----------------------------------------------------------------------===//
#include "nnc/Runtime.h"

extern "C" const nnc_model_desc nnc_main_model;

int main(int argc, char **argv) {
  return nnc::runMain(nnc_main_model, argc, argv);
}
