// Snapping points (locations, facilities, demand points) to the nearest link of a road network.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <vector>

#include "kernkompas/network/road_network.hpp"

namespace kk::network {

struct SnapOptions {
  // A point farther than this from every link is still snapped, but flagged beyond_limit.
  // DEFAULT: infinity (never flagged). REQUIRES: >= 0 (NaN is refused).
  double max_distance_m = std::numeric_limits<double>::infinity();
  // Points are snapped on this many threads (0 = the hardware's); the result does not depend
  // on it. DEFAULT: 1.
  unsigned threads = 1;
};

// Where points meet the network, one entry per input point (columns).
struct SnappedPoints {
  std::vector<uint32_t> link;         // nearest link; kNoLink for a NaN or infinite point or an empty network
  std::vector<double> offset_m;       // along the link from link_from(), in [0, link length]
  std::vector<double> distance_m;     // straight line from the point to the link; NaN without a link
  std::vector<double> x, y;           // the snapped position on the link; NaN without a link
  std::vector<uint8_t> beyond_limit;  // 1 when distance_m > max_distance_m

  size_t size() const { return link.size(); }
};

// A uniform grid of buckets over the links' segments (cell side: the mean link length, at most
// four cells per link), about 10 B per link. It keeps a pointer to the network, which must
// outlive it and stay where it is (not be moved). Read-only after construction: thread-safe
// queries.
class LinkIndex {
 public:
  explicit LinkIndex(const RoadNetwork& network);
  ~LinkIndex();
  LinkIndex(LinkIndex&&) noexcept;
  LinkIndex& operator=(LinkIndex&&) noexcept;

  // Snaps every point to the nearest link: the exact Euclidean distance to the polyline;
  // equal distances go to the lower link id, and within a link to the earlier segment.
  // Throws kk::Error (kInvalidArgument) for x/y of different lengths or a bad option.
  SnappedPoints snap(std::span<const double> x, std::span<const double> y, const SnapOptions& options = {}) const;

  // Bytes held by the buckets.
  size_t memory_bytes() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kk::network
