// The demand side of accessibility: where the inhabitants are, and the travel times from them
// to the business locations, over the network or as the crow flies.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kernkompas/analysis.hpp"
#include "kernkompas/network/snap.hpp"
#include "kern_centres.hpp"
#include "proximity.hpp"

namespace kk::access {

struct Demand {
  std::vector<double> x, y, inhabitants;
  std::string source;  // "the population layer" or "the kern centres"
};

// The population layer's points, or else each kern's centre with the kern's population;
// points without coordinates or with an unknown population are left out. nullopt when there
// is no population at all.
std::optional<Demand> demand_points(const AnalysisInput& input, const Points& kern_centres);

// Pairs (demand point, location) within max_min minutes of travel from the demand point to
// the location.
struct MinuteCosts {
  std::vector<uint32_t> demand, location;
  std::vector<double> minutes;
};

MinuteCosts network_minutes(const network::RoadNetwork& roads, const network::SnappedPoints& demand,
                            const network::SnappedPoints& locations, double max_min, unsigned threads,
                            const ProgressCallback& progress);

// Straight-line distance x detour factor at the straight-line speed.
MinuteCosts straight_minutes(const Demand& demand, std::span<const double> lx, std::span<const double> ly,
                             double max_min, const Straight& straight);

}  // namespace kk::access
