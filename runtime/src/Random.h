//===- Random.h - Deterministic random numbers -----------------*- C++ -*-===//
//
// Our own generator (xoshiro256** seeded through splitmix64, Box-Muller for
// normals) so that the same --seed gives the same numbers on every libc.
// Each tensor gets its own stream derived from (seed, tensor name): adding a
// parameter to a model does not change the values of the others.
//
//===----------------------------------------------------------------------===//
#ifndef NNC_RUNTIME_RANDOM_H
#define NNC_RUNTIME_RANDOM_H

#include <cstdint>
#include <string>

namespace nnc {

class Random {
public:
  explicit Random(uint64_t seed);
  /// The stream for `name` under the global `seed`.
  static Random forName(uint64_t seed, const std::string &name);

  uint64_t next();
  /// Uniform in [0, 1), 53 random bits.
  double uniform();
  /// Uniform in [0, range), unbiased (Lemire's multiply-and-reject).
  uint64_t below(uint64_t range);
  /// Standard normal (Box-Muller; the second value is kept for next call).
  double normal();

private:
  uint64_t state_[4];
  bool hasSpare_ = false;
  double spare_ = 0;
};

} // namespace nnc

#endif // NNC_RUNTIME_RANDOM_H
