//===- Random.cpp - Deterministic random numbers --------------------------===//
#include "Random.h"

#include <cmath>

namespace nnc {

static uint64_t splitmix64(uint64_t &state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

static uint64_t fnv1a(const std::string &text) {
  uint64_t hash = 0xCBF29CE484222325ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001B3ull;
  }
  return hash;
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

Random::Random(uint64_t seed) {
  for (uint64_t &word : state_)
    word = splitmix64(seed);
}

Random Random::forName(uint64_t seed, const std::string &name) {
  uint64_t mixed = seed;
  return Random(splitmix64(mixed) ^ fnv1a(name));
}

uint64_t Random::next() {
  uint64_t result = rotl(state_[1] * 5, 7) * 9;
  uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = rotl(state_[3], 45);
  return result;
}

double Random::uniform() { return (next() >> 11) * 0x1.0p-53; }

uint64_t Random::below(uint64_t range) {
  if (range == 0)
    return 0;
  unsigned __int128 product = (unsigned __int128)next() * range;
  uint64_t low = static_cast<uint64_t>(product);
  if (low < range) {
    uint64_t threshold = -range % range;
    while (low < threshold) {
      product = (unsigned __int128)next() * range;
      low = static_cast<uint64_t>(product);
    }
  }
  return static_cast<uint64_t>(product >> 64);
}

double Random::normal() {
  if (hasSpare_) {
    hasSpare_ = false;
    return spare_;
  }
  // 1 - uniform() is in (0, 1], so the log is finite.
  double radius = std::sqrt(-2.0 * std::log(1.0 - uniform()));
  double angle = 2.0 * M_PI * uniform();
  spare_ = radius * std::sin(angle);
  hasSpare_ = true;
  return radius * std::cos(angle);
}

} // namespace nnc
