// Network distance and travel time from every origin to its nearest facility, by one
// multi-source Dijkstra from the facilities over the reversed graph.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "kernkompas/core/progress.hpp"
#include "kernkompas/network/road_network.hpp"
#include "kernkompas/network/snap.hpp"

namespace kk::network {

inline constexpr uint32_t kNoFacility = std::numeric_limits<uint32_t>::max();

// The cost a search minimises; the other one is reported along the chosen path.
enum class Metric : uint8_t {
  kDistance = 0,  // metres
  kTime = 1,      // seconds, from the speed of each link's road class
};

// How paths are costed, shared by every search of this area.
struct PathCostOptions {
  // The cost minimised. DEFAULT: kDistance. Equal costs are decided by the other metric,
  // then by the lower facility (destination) index.
  Metric metric = Metric::kDistance;
  // Add the snap distances of both ends to the path, travelled at the speed of the link
  // snapped to. DEFAULT: true.
  bool add_snap_distance = true;
};

struct NearestFacilityOptions {
  PathCostOptions cost;
  // Called from the caller's thread with step "nearest facility"; may cancel.
  ProgressCallback progress;
  // The search is one Dijkstra; reading every origin's cost off it runs on this many threads
  // (0 = the hardware's). The result does not depend on it. DEFAULT: 1.
  unsigned threads = 1;
};

// One entry per origin. An origin that reaches no facility (another component, one-way
// streets leading away, or no snapped link) gets kNoFacility and NaN: never a made-up value.
struct NearestFacilityResult {
  std::vector<uint32_t> facility;   // index into the facilities
  std::vector<double> distance_m;   // along the chosen path, snap distances included if asked
  std::vector<double> time_s;       // along the same path
};

// Nearest facility for every origin, travelling from the origin to the facility (one-way
// streets honoured in that direction). Points without a link (kNoLink) take no part.
// Cost: one Dijkstra over the whole graph, O((V + E) log V), whatever the number of origins
// and facilities. Throws kk::Error (kInvalidArgument) for snapped points that do not fit the
// network (inconsistent column sizes, a link id or offset out of range); kk::Cancelled.
NearestFacilityResult nearest_facility(const RoadNetwork& network, const SnappedPoints& origins,
                                       const SnappedPoints& facilities, const NearestFacilityOptions& options = {});

}  // namespace kk::network
