// Service areas (isochrones): the part of the road network reachable from each origin within
// given travel times or distances, as polygons — a band drawn around every reachable piece of
// road — and as the list of nodes reached.
#pragma once

#include <cstdint>
#include <vector>

#include "kernkompas/core/progress.hpp"
#include "kernkompas/geometry/multipolygon_array.hpp"
#include "kernkompas/network/nearest_facility.hpp"
#include "kernkompas/network/road_network.hpp"
#include "kernkompas/network/snap.hpp"

namespace kk::network {

struct ServiceAreaOptions {
  // The metric of the limits: kTime (seconds) or kDistance (metres). DEFAULT: kTime.
  Metric metric = Metric::kTime;
  // The limits, e.g. {300, 600, 900} for 5, 10 and 15 minutes. REQUIRES: non-empty, every
  // limit finite and > 0, strictly ascending.
  std::vector<double> limits;
  // Half-width (metres) of the band drawn around reachable road; round caps and joins, so
  // every reached point of road lies inside with a margin of band_m. DEFAULT: 50.
  // REQUIRES: finite, > 0.
  double band_m = 50.0;
  // Start with the origin's snap distance, travelled at the speed of its link. DEFAULT: true.
  bool add_snap_distance = true;
  // Called from the caller's thread with step "service area", once per origin; may cancel
  // (kk::Cancelled).
  ProgressCallback progress;
};

// One row per (origin, limit), origin-major, limits ascending: row r is origin r / L and
// limit r % L, L = limits.size().
struct ServiceAreas {
  std::vector<uint32_t> origin;  // index into the origins
  std::vector<double> limit;
  // One feature per row; an empty feature (no parts) where nothing is reachable.
  geometry::MultiPolygonArray polygons;
  // Per row, the ids of the nodes whose cost from the origin is <= the limit, ascending.
  std::vector<std::vector<uint32_t>> reachable_nodes;
  size_t size() const { return origin.size(); }
};

// Travel goes from the origin (the forward graph, one-way streets honoured): its snap distance
// (if asked), then along its own link in every direction the link allows, then from node to
// node. The polygon of a limit is the union of the buffers (band_m) of every reachable piece
// of road: whole links covered from either end, the stretch of a link into which the remaining
// budget reaches from a reached end (cut at the exact offset), and the stretches of the
// origin's own link. An origin without a link (kNoLink), or whose snap distance alone exceeds
// a limit, gets an empty polygon and no nodes for that limit.
// Cost: one bounded Dijkstra per origin (to the largest limit) plus one GEOS buffer per row.
// Throws kk::Error (kInvalidArgument) for options that break their REQUIRES and for snapped
// points that do not fit the network; kk::Cancelled.
ServiceAreas service_areas(const RoadNetwork& network, const SnappedPoints& origins, const ServiceAreaOptions& options);

}  // namespace kk::network
