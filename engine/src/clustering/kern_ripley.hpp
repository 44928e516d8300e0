// Ripley's K, L and H per kern at a range of distances: the kern_ripley table.
#pragma once

#include "kernkompas/analysis.hpp"
#include "kernkompas/context.hpp"

namespace kk::clustering {

struct RipleySettings {
  double max_distance_m = 500.0;
  uint32_t steps = 10;  // distances max/steps, 2·max/steps, …, max
  uint32_t simulations = 99;
};

// One row per kern × distance r: n_locations, K, L, H = L − r (edge-corrected against the kern
// polygon), and the envelope L_lo, L_hi of `simulations` seeded uniform patterns in the kern
// (seed: execution.seed). Kernen with fewer than 2 locations get no values; published output
// withholds the rows of a kern with 1 … k − 1 locations (the shared count rule).
void add_kern_ripley(const RunContext& context, const RipleySettings& settings, AnalysisResult& result);

}  // namespace kk::clustering
