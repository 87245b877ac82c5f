//===- Threads.h - The OpenMP thread count, if OpenMP is linked -*- C++ -*-===//
//
// Generated code parallelises with LLVM's OpenMP runtime. The runtime only
// sets and reads the thread count, through weak references, so a model built
// without OpenMP (the hand-written test models) links without libomp.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_RUNTIME_THREADS_H
#define NNC_RUNTIME_THREADS_H

namespace nnc {

/// Whether an OpenMP runtime is linked in.
bool haveOpenMP();
/// Sets the thread count of later parallel regions (no-op without OpenMP).
void setThreadCount(int threads);
/// The thread count parallel regions will use (1 without OpenMP).
int threadCount();

} // namespace nnc

#endif // NNC_RUNTIME_THREADS_H
