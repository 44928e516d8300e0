// Everything within a network cost: the number of facilities within given radii of every
// origin (the CBS proximity counts), and the sparse origin-destination cost list that gravity
// and 2SFCA accessibility read.
//
// Both run one bounded Dijkstra per point of the smaller side: from each facility over the
// reversed graph when there are fewer facilities than origins (the usual case: stations, bus
// stops), else from each origin over the forward graph. A search stops at the largest radius
// and then reads the other side's points off the links it touched, so the work is
// min(#origins, #facilities) × (the part of the network within the radius).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "kernkompas/network/nearest_facility.hpp"

namespace kk::network {

// The CBS proximity radii: 1, 3, 5, 10 and 20 km.
inline constexpr std::array<double, 5> kDefaultRadiiM{1000.0, 3000.0, 5000.0, 10000.0, 20000.0};

struct ReachOptions {
  // Metric of the thresholds (metres or seconds) and snap handling.
  PathCostOptions cost;
  // Called from the caller's thread with step "network reach", as searches complete; may cancel.
  ProgressCallback progress;
  // Threads the searches are spread over, each with its own search state. DEFAULT: 1;
  // 0 = the hardware's concurrency. Results never depend on it.
  unsigned threads = 1;
};

// counts[i * thresholds.size() + k] is the number of facilities whose cost from origin i is
// <= thresholds[k]; NaN for an origin without a link.
struct FacilityCounts {
  std::vector<double> thresholds;
  std::vector<double> counts;
  double at(size_t origin, size_t threshold) const { return counts[origin * thresholds.size() + threshold]; }
};

// Throws kk::Error (kInvalidArgument) for thresholds that are empty, not finite, negative or
// not ascending, and for snapped points that do not fit the network; kk::Cancelled.
FacilityCounts count_facilities_within(const RoadNetwork& network, const SnappedPoints& origins,
                                       const SnappedPoints& facilities, std::span<const double> thresholds,
                                       const ReachOptions& options = {});

// Every (origin, destination) pair whose cost (in the chosen metric) is <= max_cost, sorted by
// origin then destination, with both the distance and the time of the chosen path.
struct OdCosts {
  std::vector<uint32_t> origin;
  std::vector<uint32_t> destination;
  std::vector<double> distance_m;
  std::vector<double> time_s;
  size_t size() const { return origin.size(); }
};

// Throws kk::Error (kInvalidArgument) for max_cost not finite or negative and for snapped
// points that do not fit the network; kk::Cancelled.
OdCosts od_costs_within(const RoadNetwork& network, const SnappedPoints& origins, const SnappedPoints& destinations,
                        double max_cost, const ReachOptions& options = {});

}  // namespace kk::network
