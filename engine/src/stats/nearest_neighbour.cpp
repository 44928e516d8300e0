// Nearest-neighbour distances on the point index, and the Clark–Evans formulas.
#include "kernkompas/stats/nearest_neighbour.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "kernkompas/core/error.hpp"
#include "kernkompas/index/point_index.hpp"
#include "kernkompas/stats/normal.hpp"
#include "parallel.hpp"

namespace kk::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

ClarkEvansTest test_against(double mean_distance, double expected, double variance) {
  ClarkEvansTest t;
  t.expected = expected;
  t.standard_error = std::sqrt(variance);
  t.r = mean_distance / expected;
  t.z = (mean_distance - expected) / t.standard_error;
  t.p = normal_two_sided_p(t.z);
  return t;
}

ClarkEvansTest undefined_test() { return {kNaN, kNaN, kNaN, kNaN, kNaN}; }

void check_window(double area, double perimeter) {
  if (!(std::isfinite(area) && area > 0.0)) {
    throw Error(ErrorCode::kInvalidArgument, "Clark-Evans: the area must be finite and > 0, got " + std::to_string(area));
  }
  if (!(std::isfinite(perimeter) && perimeter >= 0.0)) {
    throw Error(ErrorCode::kInvalidArgument,
                "Clark-Evans: the perimeter must be finite and >= 0, got " + std::to_string(perimeter));
  }
}

}  // namespace

NearestNeighbourResult nearest_neighbours(std::span<const double> x, std::span<const double> y,
                                          const NearestNeighbourOptions& options) {
  if (x.size() != y.size()) {
    throw Error(ErrorCode::kInvalidArgument, "nearest neighbours: " + std::to_string(x.size()) +
                                                 " x but " + std::to_string(y.size()) + " y");
  }
  if (options.threads < 1) throw Error(ErrorCode::kInvalidArgument, "nearest neighbours: threads must be >= 1");
  const size_t n = x.size();
  for (size_t i = 0; i < n; ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) {
      throw Error(ErrorCode::kInvalidArgument,
                  "nearest neighbours: point " + std::to_string(i) + " has a coordinate that is not finite");
    }
  }
  NearestNeighbourResult result;
  result.distance.assign(n, kNaN);
  result.neighbour.assign(n, std::numeric_limits<uint32_t>::max());
  result.mean_distance = kNaN;
  if (n < 2) return result;

  const index::PointIndex points(x, y);  // checks the 2^32 limit
  std::vector<std::vector<index::Neighbour>> scratch(options.threads);
  detail::parallel_blocks(n, 4096, options.threads, {}, "nearest neighbours",
                          [&](size_t begin, size_t end, unsigned worker) {
                            std::vector<index::Neighbour>& found = scratch[worker];
                            for (size_t i = begin; i < end; ++i) {
                              points.nearest_to(static_cast<uint32_t>(i), 1, found);
                              result.distance[i] = found.front().distance;
                              result.neighbour[i] = found.front().index;
                            }
                          });
  // Summed in input order, so the mean does not depend on the thread count.
  double sum = 0.0;
  for (double d : result.distance) sum += d;
  result.mean_distance = sum / static_cast<double>(n);
  return result;
}

ClarkEvansResult clark_evans(double mean_distance, size_t n, double area, double perimeter) {
  check_window(area, perimeter);
  ClarkEvansResult result;
  result.n = n;
  result.mean_distance = mean_distance;
  if (n < 2 || std::isnan(mean_distance)) {
    result.mean_distance = kNaN;
    result.plain = undefined_test();
    result.donnelly = undefined_test();
    return result;
  }
  const double nd = static_cast<double>(n);
  const double a_per_n = area / nd;
  const double plain_expected = 0.5 * std::sqrt(a_per_n);
  // SE = 0.26136 / sqrt(n²/A), so SE² = 0.26136² · A / n².
  const double plain_variance = 0.26136 * 0.26136 * area / (nd * nd);
  result.plain = test_against(mean_distance, plain_expected, plain_variance);

  const double donnelly_expected = plain_expected + (0.0514 + 0.041 / std::sqrt(nd)) * perimeter / nd;
  const double donnelly_variance =
      0.0703 * area / (nd * nd) + 0.037 * perimeter * std::sqrt(area / std::pow(nd, 5));
  result.donnelly = test_against(mean_distance, donnelly_expected, donnelly_variance);
  return result;
}

ClarkEvansResult clark_evans(std::span<const double> x, std::span<const double> y, double area,
                             double perimeter, const NearestNeighbourOptions& options) {
  check_window(area, perimeter);  // before the queries, not after
  const NearestNeighbourResult nn = nearest_neighbours(x, y, options);
  return clark_evans(nn.mean_distance, x.size(), area, perimeter);
}

}  // namespace kk::stats
