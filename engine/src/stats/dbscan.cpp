// DBSCAN as core-point connected components (union–find) on the point index, in three passes:
// count neighbourhoods (core flags), join core points, attach border points. Every pass is
// block-parallel; union–find ends in the same components whatever the order of the joins,
// so the result does not depend on the thread count.
#include "kernkompas/stats/dbscan.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <mutex>
#include <string>
#include <utility>

#include "kernkompas/core/error.hpp"
#include "kernkompas/index/point_index.hpp"
#include "parallel.hpp"

namespace kk::stats {
namespace {

constexpr size_t kBlock = 2048;

// Union–find whose root is always the smallest index of its set: a join hangs the larger
// root under the smaller one.
class ComponentForest {
 public:
  explicit ComponentForest(size_t n) : parent_(n) {
    for (size_t i = 0; i < n; ++i) parent_[i] = static_cast<uint32_t>(i);
  }

  uint32_t find(uint32_t i) {
    uint32_t root = i;
    while (parent_[root] != root) root = parent_[root];
    while (parent_[i] != root) i = std::exchange(parent_[i], root);  // path compression
    return root;
  }

  void join(uint32_t a, uint32_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    if (a < b) std::swap(a, b);
    parent_[a] = b;
  }

 private:
  std::vector<uint32_t> parent_;
};

void check_input(std::span<const double> x, std::span<const double> y, const DbscanOptions& options) {
  if (x.size() != y.size()) {
    throw Error(ErrorCode::kInvalidArgument,
                "DBSCAN: " + std::to_string(x.size()) + " x but " + std::to_string(y.size()) + " y");
  }
  if (x.size() >= static_cast<size_t>(std::numeric_limits<int32_t>::max())) {
    throw Error(ErrorCode::kInvalidArgument, "DBSCAN: more than 2^31 - 2 points");
  }
  if (!(std::isfinite(options.eps) && options.eps >= 0.0)) {
    throw Error(ErrorCode::kInvalidArgument, "DBSCAN: eps must be finite and >= 0, got " + std::to_string(options.eps));
  }
  if (options.min_samples < 1) throw Error(ErrorCode::kInvalidArgument, "DBSCAN: min_samples must be >= 1, got 0");
  if (options.threads < 1) throw Error(ErrorCode::kInvalidArgument, "DBSCAN: threads must be >= 1, got 0");
  for (size_t i = 0; i < x.size(); ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) {
      throw Error(ErrorCode::kInvalidArgument,
                  "DBSCAN: point " + std::to_string(i) + " has a coordinate that is not finite");
    }
  }
}

// The points in Z-order (Morton code on a 2^16 grid over their bounding box). Queries made in
// this order visit the same tree nodes one after another and run from cache: about twice as
// fast as input order on a million random points. The order only schedules work; every
// result is written to the point's own slot.
std::vector<uint32_t> z_order(std::span<const double> x, std::span<const double> y) {
  const size_t n = x.size();
  const auto [min_x, max_x] = std::minmax_element(x.begin(), x.end());
  const auto [min_y, max_y] = std::minmax_element(y.begin(), y.end());
  const double scale_x = *max_x > *min_x ? 65535.0 / (*max_x - *min_x) : 0.0;
  const double scale_y = *max_y > *min_y ? 65535.0 / (*max_y - *min_y) : 0.0;
  auto spread = [](uint64_t v) {  // 16 bits to the even bit positions of 32
    v = (v | (v << 8)) & 0x00FF00FFULL;
    v = (v | (v << 4)) & 0x0F0F0F0FULL;
    v = (v | (v << 2)) & 0x33333333ULL;
    return (v | (v << 1)) & 0x55555555ULL;
  };
  std::vector<uint64_t> keyed(n);
  for (size_t i = 0; i < n; ++i) {
    const auto qx = static_cast<uint64_t>((x[i] - *min_x) * scale_x);
    const auto qy = static_cast<uint64_t>((y[i] - *min_y) * scale_y);
    keyed[i] = ((spread(qx) | (spread(qy) << 1)) << 32) | i;
  }
  std::sort(keyed.begin(), keyed.end());
  std::vector<uint32_t> order(n);
  for (size_t k = 0; k < n; ++k) order[k] = static_cast<uint32_t>(keyed[k]);
  return order;
}

}  // namespace

DbscanResult dbscan(std::span<const double> x, std::span<const double> y, const DbscanOptions& options) {
  check_input(x, y, options);
  const size_t n = x.size();
  DbscanResult result;
  result.labels.assign(n, -1);
  result.core.assign(n, 0);
  if (n == 0) return result;

  const index::PointIndex points(x, y);
  const std::vector<uint32_t> order = z_order(x, y);
  const double eps = options.eps;
  const unsigned threads = options.threads;
  std::vector<std::vector<index::Neighbour>> scratch(threads);

  // Pass 1: core flags from neighbourhood sizes (the point itself included).
  detail::parallel_blocks(n, kBlock, threads, options.progress, "DBSCAN: neighbourhoods",
                          [&](size_t begin, size_t end, unsigned) {
                            for (size_t k = begin; k < end; ++k) {
                              const uint32_t i = order[k];
                              result.core[i] = points.count_within(x[i], y[i], eps) >= options.min_samples;
                            }
                          });

  // Pass 2: join each core point with its core neighbours of lower index (each pair once).
  // Workers gather a block's pairs, then join them under the lock; the components are the
  // same in any order of joins.
  ComponentForest forest(n);
  std::mutex forest_mutex;
  std::vector<std::vector<std::pair<uint32_t, uint32_t>>> pairs(threads);
  detail::parallel_blocks(n, kBlock, threads, options.progress, "DBSCAN: core points",
                          [&](size_t begin, size_t end, unsigned worker) {
                            std::vector<index::Neighbour>& found = scratch[worker];
                            auto& block_pairs = pairs[worker];
                            block_pairs.clear();
                            for (size_t k = begin; k < end; ++k) {
                              const uint32_t i = order[k];
                              if (!result.core[i]) continue;
                              points.within(x[i], y[i], eps, found);
                              for (const index::Neighbour& nb : found) {
                                if (nb.index >= i) break;  // sorted by index
                                if (result.core[nb.index]) block_pairs.emplace_back(i, nb.index);
                              }
                            }
                            const std::lock_guard lock(forest_mutex);
                            for (const auto& [a, b] : block_pairs) forest.join(a, b);
                          });

  // Number the clusters by their smallest core index: a component's root is that index, so
  // a scan in input order meets the roots in cluster order.
  int32_t clusters = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!result.core[i]) continue;
    const uint32_t root = forest.find(static_cast<uint32_t>(i));
    result.labels[i] = root == i ? clusters++ : result.labels[root];
  }
  result.cluster_count = clusters;

  // Pass 3: a non-core point joins the lowest-numbered cluster among its core neighbours.
  // Only core labels are read, and those are final.
  detail::parallel_blocks(n, kBlock, threads, options.progress, "DBSCAN: border points",
                          [&](size_t begin, size_t end, unsigned worker) {
                            std::vector<index::Neighbour>& found = scratch[worker];
                            for (size_t k = begin; k < end; ++k) {
                              const uint32_t i = order[k];
                              if (result.core[i]) continue;
                              points.within(x[i], y[i], eps, found);
                              int32_t best = std::numeric_limits<int32_t>::max();
                              for (const index::Neighbour& nb : found) {
                                if (result.core[nb.index]) best = std::min(best, result.labels[nb.index]);
                              }
                              if (best != std::numeric_limits<int32_t>::max()) result.labels[i] = best;
                            }
                          });
  return result;
}

}  // namespace kk::stats
