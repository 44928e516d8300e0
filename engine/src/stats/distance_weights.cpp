// k-nearest-neighbour and inverse-distance weights on points.
#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "kernkompas/core/error.hpp"
#include "kernkompas/index/point_index.hpp"
#include "kernkompas/stats/weights_builders.hpp"

namespace kk::stats {
namespace {

[[noreturn]] void invalid(const std::string& message) {
  throw Error(ErrorCode::kInvalidArgument, "spatial weights: " + message);
}

void check_points(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size()) invalid("x and y differ in length");
  if (x.size() > std::numeric_limits<uint32_t>::max()) invalid("more than 2^32 - 1 points");
  for (size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) {
      invalid("point " + std::to_string(i) + " has a non-finite coordinate");
    }
  }
}

}  // namespace

SpatialWeights knn_weights(std::span<const double> x, std::span<const double> y, uint32_t k) {
  if (k == 0) invalid("k must be >= 1");
  check_points(x, y);
  const size_t n = x.size();
  const index::PointIndex points(x, y);
  std::vector<uint64_t> offsets(n + 1, 0);
  std::vector<uint32_t> neighbours;
  neighbours.reserve(n * std::min<size_t>(k, n > 0 ? n - 1 : 0));
  std::vector<index::Neighbour> found;
  for (size_t i = 0; i < n; ++i) {
    points.nearest_to(static_cast<uint32_t>(i), k, found);
    for (const index::Neighbour& nb : found) neighbours.push_back(nb.index);
    offsets[i + 1] = neighbours.size();
  }
  std::vector<double> weights(neighbours.size(), 1.0);
  // from_csr sorts each row by index.
  return SpatialWeights::from_csr(std::move(offsets), std::move(neighbours), std::move(weights),
                                  WeightsTransform::kBinary);
}

SpatialWeights inverse_distance_band(std::span<const double> x, std::span<const double> y,
                                     double threshold, double power) {
  if (!(power < 0.0) || !std::isfinite(power)) invalid("power must be negative and finite");
  const SpatialWeights band = SpatialWeights::distance_band(x, y, threshold);
  std::vector<double> weights(band.nonzero_count());
  size_t e = 0;
  for (size_t i = 0; i < band.size(); ++i) {
    for (uint32_t j : band.neighbours(i)) {
      const double d = std::hypot(x[i] - x[j], y[i] - y[j]);
      if (d == 0.0) {
        invalid("points " + std::to_string(i) + " and " + std::to_string(j) +
                " coincide; their inverse-distance weight would be infinite");
      }
      weights[e++] = std::pow(d, power);
    }
  }
  return SpatialWeights::from_csr(band.offsets(), band.neighbour_indices(), std::move(weights),
                                  WeightsTransform::kOther);
}

}  // namespace kk::stats
