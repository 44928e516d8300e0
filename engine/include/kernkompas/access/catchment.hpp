// What the population around each business location adds up to, seen from the location:
// the inhabitants within a travel time, Hansen's potential and the 2SFCA share of the
// population in reach. Pure arithmetic on a sparse cost list from demand points (inhabitants)
// to locations (od_costs_within(), or straight-line costs), in any cost unit (the family uses
// minutes) as long as the decay uses the same. See docs/accessibility.md.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kernkompas/network/two_step_fca.hpp"

namespace kk::access {

struct CatchmentOptions {
  // Inhabitants at cost <= this count in population_within. DEFAULT: 10. REQUIRES: >= 0.
  double within = 10.0;
  // Weighs the pairs of Hansen and 2SFCA (its catchment bounds them). DEFAULT: a step.
  network::DistanceDecay decay;
};

struct CatchmentInput {
  size_t location_count = 0;
  // Per location: 1 when it stands somewhere (snapped, or has coordinates); the others get
  // NaN everywhere. Empty = every location.
  std::span<const uint8_t> located;
  // Per location: 1 when it supplies (Hansen, 2SFCA); the others get NaN there. Empty = every
  // location.
  std::span<const uint8_t> supplies;
  // Inhabitants per demand point. REQUIRES: finite, >= 0.
  std::span<const double> population;
  // Pair p: demand point od.origin[p] reaches location od.destination[p] at od.cost[p].
  network::OdCostView od;
};

struct LocationCatchment {
  // Σ P_k over the demand points k with cost <= within.
  std::vector<double> population_within;
  // Hansen (1959) potential with the population as the mass: Σ_k P_k f(d_kj).
  std::vector<double> hansen;
  // 2SFCA with the roles of supply and demand swapped (Wang 2018's inverted 2SFCA): each demand
  // point's population is shared out over the supplying locations in its catchment,
  // R_k = P_k / Σ_j f(d_kj), and a location gathers C_j = Σ_k R_k f(d_kj): its share of the
  // inhabitants, competition taken into account. Σ_j C_j = Σ_k P_k whenever every demand
  // point has a supplier in reach; with decay kZones it is the enhanced form (E2SFCA).
  std::vector<double> two_step;
};

// Throws kk::Error (kInvalidArgument) for columns of different lengths, an index out of
// range, a bad decay, or a population not finite or negative.
LocationCatchment location_catchment(const CatchmentInput& input, const CatchmentOptions& options);

}  // namespace kk::access
