// Exact point-in-polygon location of many points among many polygons.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "kernkompas/core/progress.hpp"
#include "kernkompas/geometry/multipolygon_array.hpp"

namespace kk::index {

inline constexpr int32_t kNoPolygon = -1;

struct LocateOptions {
  // Worker threads. DEFAULT: 1. REQUIRES: >= 1. Results do not depend on it.
  unsigned threads = 1;
  // Called between batches; may cancel.
  ProgressCallback progress;
};

// Builds a uniform grid over the polygon parts' bounding boxes and, per part, a y-slab index
// of its edges, so a query touches only the few edges near the point. Results are exact
// for the double coordinates given: a point on a ring (vertex or edge) is covered.
//
// Tie rule: when several features cover a point (a point on the boundary two kernen share,
// or overlapping input), the feature with the lowest index wins. Points in a hole are not
// covered by that feature.
class PolygonLocator {
 public:
  explicit PolygonLocator(const geometry::MultiPolygonArray& polygons);
  ~PolygonLocator();
  PolygonLocator(PolygonLocator&&) noexcept;
  PolygonLocator& operator=(PolygonLocator&&) noexcept;

  // Index of the covering feature, or kNoPolygon.
  int32_t locate(double x, double y) const;

  // Vectorised form; x, y and out must have the same length.
  void locate(std::span<const double> x, std::span<const double> y, std::span<int32_t> out,
              const LocateOptions& options = {}) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kk::index
