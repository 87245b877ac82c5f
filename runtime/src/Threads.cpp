//===- Threads.cpp - The OpenMP thread count, if OpenMP is linked ---------===//
#include "Threads.h"

extern "C" {
void omp_set_num_threads(int) __attribute__((weak));
int omp_get_max_threads(void) __attribute__((weak));
}

namespace nnc {

bool haveOpenMP() {
  return omp_set_num_threads != nullptr && omp_get_max_threads != nullptr;
}

void setThreadCount(int threads) {
  if (haveOpenMP())
    omp_set_num_threads(threads);
}

int threadCount() { return haveOpenMP() ? omp_get_max_threads() : 1; }

} // namespace nnc
