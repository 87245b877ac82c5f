//===- DefCheck.h - Checks of a def that need no call site -------*- C++
//-*-===//
#ifndef NNC_DSL_DEFCHECK_H
#define NNC_DSL_DEFCHECK_H

#include "Globals.h"

namespace nnc::dsl {

/// Checks every def in file order, called or not: only assignments and a
/// final `return`, each name bound once and defined before use, every
/// name and callee resolves, no local called as an op, and no recursion
/// (direct or mutual). Shapes are checked later, at each inlined call.
void checkDefs(const Globals &globals, Reporter &reporter);

} // namespace nnc::dsl

#endif // NNC_DSL_DEFCHECK_H
