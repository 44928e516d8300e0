// Seeded random streams for permutation inference and simulation.
//
// Every observation (or simulation) gets its own stream derived from (seed, index), so a
// result depends only on the seed — never on the number of threads or the order in which
// workers pick up observations.
#pragma once

#include <cstdint>

#include "kernkompas/core/execution.hpp"

namespace kk::stats {

// Seed used when the caller gives none. Any value is as good as another; this one is fixed
// so that default runs are reproducible.
using ::kk::kDefaultSeed;  // core/execution.hpp

// SplitMix64 finaliser (Steele, Lea & Flood 2014): a bijective 64-bit mix.
constexpr uint64_t splitmix64_mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// xoshiro256++ (Blackman & Vigna 2018), seeded from (seed, stream) through SplitMix64.
// Stream s of seed k is fully determined by (k, s); distinct streams are statistically
// independent for all practical purposes.
class RandomStream {
 public:
  RandomStream(uint64_t seed, uint64_t stream) {
    // Key the SplitMix64 sequence on both numbers; mixing the stream index first keeps
    // neighbouring indices (0, 1, 2, ...) far apart in the sequence.
    uint64_t x = seed ^ splitmix64_mix(stream + 0x9e3779b97f4a7c15ULL);
    for (uint64_t& s : state_) {
      x += 0x9e3779b97f4a7c15ULL;
      s = splitmix64_mix(x);
    }
  }

  // Next 64 uniformly distributed bits.
  uint64_t next() {
    const uint64_t result = rotl(state_[0] + state_[3], 23) + state_[0];
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = rotl(state_[3], 45);
    return result;
  }

  // Uniform integer in [0, bound), without modulo bias (Lemire 2019). REQUIRES: bound >= 1.
  uint32_t below(uint32_t bound) {
    uint64_t m = static_cast<uint64_t>(next32()) * bound;
    auto low = static_cast<uint32_t>(m);
    if (low < bound) {
      const uint32_t threshold = static_cast<uint32_t>(-bound) % bound;
      while (low < threshold) {
        m = static_cast<uint64_t>(next32()) * bound;
        low = static_cast<uint32_t>(m);
      }
    }
    return static_cast<uint32_t>(m >> 32);
  }

  // Uniform double in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  static constexpr uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

  // 32 random bits; each 64-bit output serves two calls.
  uint32_t next32() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const uint64_t bits = next();
    spare_ = static_cast<uint32_t>(bits);
    has_spare_ = true;
    return static_cast<uint32_t>(bits >> 32);
  }

  uint64_t state_[4];
  uint32_t spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace kk::stats
