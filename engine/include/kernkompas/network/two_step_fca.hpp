// Place-based accessibility on a sparse origin-destination cost list (od_costs_within() in
// reach.hpp): Hansen's gravity potential and the two-step floating catchment area method
// (2SFCA) with its enhanced, distance-weighted form (E2SFCA). Pure arithmetic: any cost works
// (metres, seconds) as long as the decay parameters use the same unit.
//
// References: Hansen (1959), How accessibility shapes land use, J. Am. Inst. Planners 25(2);
// Luo & Wang (2003), Measures of spatial accessibility to health care in a GIS environment,
// Environment and Planning B 30(6); Luo & Qi (2009), An enhanced two-step floating catchment
// area (E2SFCA) method, Health & Place 15(4). See docs/accessibility.md.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace kk::network {

enum class DecayKind : uint8_t {
  kStep = 0,         // f = 1 within the catchment (classic 2SFCA)
  kGaussian = 1,     // f = exp(-d² / (2 sigma²))
  kExponential = 2,  // f = exp(-beta d)
  kPower = 3,        // f = max(d, min_cost)^-beta
  kZones = 4,        // f = zone_weight[k] for d in zone k (E2SFCA, Luo & Qi 2009)
};

// The weight of a pair at cost d: f(d) for d <= catchment, 0 beyond.
struct DistanceDecay {
  DecayKind kind = DecayKind::kStep;
  // d0. DEFAULT: infinity (only the cost list's own bound). REQUIRES: > 0.
  double catchment = std::numeric_limits<double>::infinity();
  // kExponential and kPower. DEFAULT: 1. REQUIRES: finite, >= 0.
  double beta = 1.0;
  // kGaussian. DEFAULT: 1. REQUIRES: finite, > 0.
  double sigma = 1.0;
  // kPower: smaller costs count as this (d^-beta is infinite at 0). DEFAULT: 1. REQUIRES: finite, > 0.
  double min_cost = 1.0;
  // kZones: zone k is (zone_upper[k-1], zone_upper[k]] (zone 0 starts at 0) with weight
  // zone_weight[k]; beyond the last zone the weight is 0. Luo & Qi use 0-10, 10-20, 20-30 min
  // with 1, 0.68, 0.22 (a Gaussian at the zone middles). REQUIRES: equal, non-zero lengths,
  // bounds finite, > 0 and ascending, weights finite and >= 0.
  std::vector<double> zone_upper;
  std::vector<double> zone_weight;
};

// Throws kk::Error (kInvalidArgument) naming the parameter that breaks its REQUIRES.
void check_decay(const DistanceDecay& decay);

// f(d) for d <= catchment, 0 beyond (or for NaN). Assumes a checked decay.
double decay_weight(const DistanceDecay& decay, double cost);

// A sparse cost list: pair p joins demand point origin[p] and supply point destination[p] at
// cost[p]. Pairs beyond the catchment may be present (they weigh 0); pairs absent weigh 0.
struct OdCostView {
  std::span<const uint32_t> origin;
  std::span<const uint32_t> destination;
  std::span<const double> cost;
};

// Hansen accessibility A_i = Σ_j S_j f(d_ij) for every demand point i (0 where no supply is in
// reach). Throws kk::Error (kInvalidArgument) for a bad decay, supply not finite or negative,
// columns of different lengths, an index out of range or a cost NaN or negative.
std::vector<double> hansen_accessibility(size_t demand_count, std::span<const double> supply, const OdCostView& od,
                                         const DistanceDecay& decay);

struct TwoStepResult {
  // A_i = Σ_j R_j f(d_ij), over the supply points with a ratio; 0 where none is in reach.
  std::vector<double> accessibility;
  // R_j = S_j / Σ_k P_k f(d_kj); NaN when no demand weighs on supply point j (it is then
  // left out of every A_i, since there is nobody to share it).
  std::vector<double> supply_ratio;
};

// 2SFCA (kStep) or its enhanced / kernel forms (any other decay): the same f weighs both steps.
// Whenever every supply point has a ratio, Σ_i P_i A_i = Σ_j S_j. Same errors as
// hansen_accessibility(), plus population not finite or negative.
TwoStepResult two_step_fca(std::span<const double> population, std::span<const double> supply, const OdCostView& od,
                           const DistanceDecay& decay);

}  // namespace kk::network
