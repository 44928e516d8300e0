// How a run executes: settings shared by every indicator family.
#pragma once

#include <cstdint>
#include <span>

#include "kernkompas/core/options.hpp"
#include "kernkompas/core/progress.hpp"

namespace kk {

// Seed of every random stream unless configured (permutation tests, simulations).
inline constexpr uint64_t kDefaultSeed = 12345;

struct ExecutionSettings {
  // Worker threads. DEFAULT: 1. REQUIRES: >= 1. Results never depend on it.
  unsigned threads = 1;
  // Seed of every random stream. DEFAULT: kDefaultSeed. Results depend only on it.
  uint64_t seed = kDefaultSeed;
  // Progress and cancel (may be empty).
  ProgressCallback progress;
};

// The "execution" option section: threads, seed.
std::span<const OptionSpec> execution_option_specs();

}  // namespace kk
