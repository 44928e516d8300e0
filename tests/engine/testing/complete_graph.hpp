// Test helper: binary weights of the complete graph, where every observation neighbours
// every other one — the case where every relabelling gives the same spatial lag sums.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "kernkompas/stats/spatial_weights.hpp"

namespace kk::testing {

inline stats::SpatialWeights complete_graph_weights(size_t n) {
  std::vector<uint64_t> offsets{0};
  std::vector<uint32_t> neighbours;
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < n; ++j) {
      if (j != i) neighbours.push_back(static_cast<uint32_t>(j));
    }
    offsets.push_back(neighbours.size());
  }
  std::vector<double> weights(neighbours.size(), 1.0);
  return stats::SpatialWeights::from_csr(std::move(offsets), std::move(neighbours), std::move(weights),
                                         stats::WeightsTransform::kBinary);
}

}  // namespace kk::testing
