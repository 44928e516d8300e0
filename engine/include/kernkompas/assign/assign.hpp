// Assignment of locations to the kern that contains them.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kernkompas/core/progress.hpp"
#include "kernkompas/data/kern_layer.hpp"
#include "kernkompas/index/polygon_locator.hpp"

namespace kk::assign {

// Kern index of a location outside every kern.
inline constexpr int32_t kBuitengebied = -1;

struct AssignOptions {
  // Worker threads. DEFAULT: 1. REQUIRES: >= 1. The result does not depend on it.
  unsigned threads = 1;
  ProgressCallback progress;
};

struct Assignment {
  std::vector<int32_t> kern;            // per location: kern index or kBuitengebied
  std::vector<uint32_t> outside;        // locations in buitengebied, ascending
  std::vector<int64_t> count_per_kern;  // one per kern, then buitengebied last
};

// Row of kern index `kern` in every per-kern table: kernen in layer order, then
// buitengebied last (row kern_count).
inline size_t kern_row(int32_t kern, size_t kern_count) {
  return kern == kBuitengebied ? kern_count : static_cast<size_t>(kern);
}

// Assigns each point (x[i], y[i]) in the kernen's CRS to the kern whose polygon covers it.
// A point on a boundary two kernen share goes to the kern that comes first in `kernen`
// (see index::PolygonLocator). Points outside every kern are kept as buitengebied.
Assignment assign_to_kernen(const KernLayer& kernen, std::span<const double> x,
                            std::span<const double> y, const AssignOptions& options = {});

// The same with a locator already built over the kernen's polygons (`kern_count` of them),
// so that several registers share one index.
Assignment assign_with_locator(const index::PolygonLocator& locator, size_t kern_count,
                               std::span<const double> x, std::span<const double> y,
                               const AssignOptions& options = {});

}  // namespace kk::assign
