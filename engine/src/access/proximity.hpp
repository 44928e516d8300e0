// Distance, travel time and facility counts per location for one facility type, over the
// road network or as the crow flies times a detour factor.
#pragma once

#include <span>
#include <vector>

#include "kernkompas/core/progress.hpp"
#include "kernkompas/network/nearest_facility.hpp"
#include "kernkompas/network/road_network.hpp"
#include "kernkompas/network/snap.hpp"

namespace kk::access {

struct TypeValues {
  std::vector<double> km;      // to the nearest facility; NaN when none is reached
  std::vector<double> min;     // travel time along the same path
  std::vector<double> counts;  // counts[i * radii + r]: facilities within radius r; NaN without a link
};

// The rows `rows` of `points` (the facilities of one type).
network::SnappedPoints subset(const network::SnappedPoints& points, std::span<const uint32_t> rows);

// One multi-source search for the nearest facility, then the counts within radii_m (road
// distance). Snap distances are part of every path.
TypeValues network_values(const network::RoadNetwork& roads, const network::SnappedPoints& locations,
                          const network::SnappedPoints& facilities, std::span<const double> radii_m,
                          network::Metric metric, unsigned threads, const ProgressCallback& progress);

struct Straight {
  double detour_factor = 1.3;
  double speed_kmh = 40.0;
};

// The same from straight-line distance x detour factor at a fixed speed (network/euclidean.hpp).
TypeValues euclidean_values(std::span<const double> lx, std::span<const double> ly, std::span<const double> fx,
                            std::span<const double> fy, std::span<const double> radii_m, const Straight& straight);

}  // namespace kk::access
