//===- ProgramPrinter.h - The checked graph as text -------------*- C++ -*-===//
//
// One line per input, param, node and output; stable and FileCheck-friendly
// (`nnc-dsl --emit=graph`):
//
//   model lenet @4:1
//     input %0 x : f32[4, 3, 32, 32] @5:3
//     input %1 label : i32[4] range 10 @6:3
//     param %2 w1 : f32[8, 3, 5, 5] = kaiming @7:3
//     %8 = conv2d(%0, %2, %3) {dilation = [1, 1], padding = [0, 0],
//          stride = [1, 1]} : f32[4, 8, 28, 28] @14:23      (one line)
//     %10 = maxpool2d(%9) {...} : f32[4, 8, 14, 14] @14:8 "h1"
//     output logits = %15 @17:3
//     loss L = %16 @18:3
//     grad wrt x
//
//===----------------------------------------------------------------------===//
#ifndef NNC_DSL_PROGRAMPRINTER_H
#define NNC_DSL_PROGRAMPRINTER_H

#include "nnc/dsl/Program.h"

#include <iosfwd>

namespace nnc::dsl {

void printProgram(std::ostream &os, const Program &program);

} // namespace nnc::dsl

#endif // NNC_DSL_PROGRAMPRINTER_H
