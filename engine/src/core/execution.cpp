// The shared "execution" options.
#include "kernkompas/core/execution.hpp"

#include <vector>

namespace kk {

std::span<const OptionSpec> execution_option_specs() {
  static const std::vector<OptionSpec> kSpecs = {
      {.name = "threads", .type = OptionType::kInteger, .default_value = int64_t{1}, .min = 1, .max = 1024,
       .doc = "worker threads; results never depend on it"},
      {.name = "seed", .type = OptionType::kInteger, .default_value = static_cast<int64_t>(kDefaultSeed),
       .min = 0, .max = kUint64Max,  // every uint64_t: 0 ... 2^64 - 1
       .doc = "seed of every random stream (permutations, simulations); results depend only on it",
       .alias = "vacancy.seed"},
  };
  return kSpecs;
}

}  // namespace kk
