// Spatial weights in CSR form and their builders.
#include "kernkompas/stats/spatial_weights.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <unordered_map>
#include <utility>

#include "kernkompas/core/error.hpp"

namespace kk::stats {
namespace {

[[noreturn]] void invalid(const std::string& message) {
  throw Error(ErrorCode::kInvalidArgument, "spatial weights: " + message);
}

// Builds CSR arrays from per-row neighbour lists that are already sorted and unique.
SpatialWeights binary_from_rows(const std::vector<std::vector<uint32_t>>& rows) {
  std::vector<uint64_t> offsets(rows.size() + 1, 0);
  for (size_t i = 0; i < rows.size(); ++i) offsets[i + 1] = offsets[i] + rows[i].size();
  std::vector<uint32_t> neighbours;
  neighbours.reserve(offsets.back());
  for (const auto& row : rows) neighbours.insert(neighbours.end(), row.begin(), row.end());
  std::vector<double> weights(neighbours.size(), 1.0);
  return SpatialWeights::from_csr(std::move(offsets), std::move(neighbours), std::move(weights),
                                  WeightsTransform::kBinary);
}

}  // namespace

SpatialWeights SpatialWeights::from_csr(std::vector<uint64_t> offsets,
                                        std::vector<uint32_t> neighbours,
                                        std::vector<double> weights, WeightsTransform transform) {
  if (offsets.empty() || offsets.front() != 0) invalid("offsets must start with 0");
  if (offsets.back() != neighbours.size()) {
    invalid("the last offset (" + std::to_string(offsets.back()) +
            ") must equal the number of neighbour entries (" + std::to_string(neighbours.size()) +
            ")");
  }
  if (weights.size() != neighbours.size()) {
    invalid("got " + std::to_string(weights.size()) + " weights for " +
            std::to_string(neighbours.size()) + " neighbour entries");
  }
  const size_t n = offsets.size() - 1;
  if (n > std::numeric_limits<uint32_t>::max()) invalid("more than 2^32 - 1 observations");
  std::vector<std::pair<uint32_t, double>> row;
  for (size_t i = 0; i < n; ++i) {
    if (offsets[i + 1] < offsets[i]) invalid("offsets decrease at row " + std::to_string(i));
    row.clear();
    for (uint64_t e = offsets[i]; e < offsets[i + 1]; ++e) {
      if (neighbours[e] >= n) {
        invalid("row " + std::to_string(i) + " names neighbour " + std::to_string(neighbours[e]) +
                " of " + std::to_string(n) + " observations");
      }
      if (neighbours[e] == i) {
        invalid("row " + std::to_string(i) +
                " lists itself; the diagonal is not stored (statistics take a self weight)");
      }
      if (!std::isfinite(weights[e])) invalid("row " + std::to_string(i) + " has a non-finite weight");
      row.emplace_back(neighbours[e], weights[e]);
    }
    if (!std::is_sorted(row.begin(), row.end(),
                        [](const auto& a, const auto& b) { return a.first < b.first; })) {
      std::sort(row.begin(), row.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
    }
    for (size_t k = 0; k < row.size(); ++k) {
      if (k > 0 && row[k].first == row[k - 1].first) {
        invalid("row " + std::to_string(i) + " lists neighbour " + std::to_string(row[k].first) +
                " twice");
      }
      neighbours[offsets[i] + k] = row[k].first;
      weights[offsets[i] + k] = row[k].second;
    }
  }
  SpatialWeights w;
  w.offsets_ = std::move(offsets);
  w.neighbours_ = std::move(neighbours);
  w.weights_ = std::move(weights);
  w.transform_ = transform;
  return w;
}

SpatialWeights SpatialWeights::distance_band(std::span<const double> x, std::span<const double> y,
                                             double threshold) {
  if (x.size() != y.size()) invalid("x and y differ in length");
  if (!(threshold >= 0.0) || !std::isfinite(threshold)) invalid("threshold must be finite and >= 0");
  const size_t n = x.size();
  for (size_t i = 0; i < n; ++i) {
    if (!std::isfinite(x[i]) || !std::isfinite(y[i])) {
      invalid("point " + std::to_string(i) + " has a non-finite coordinate");
    }
  }
  // Bucket the points on a grid with cells as large as the threshold: neighbours of a point
  // lie in its own bucket or the 8 around it.
  // A tiny threshold over a wide extent would overflow the bucket index: buckets are never
  // finer than 2^30 across the extent (still correct, as neighbours lie within one bucket).
  double extent = 0.0;
  if (n > 0) {
    const auto [low_x, high_x] = std::minmax_element(x.begin(), x.end());
    const auto [low_y, high_y] = std::minmax_element(y.begin(), y.end());
    extent = std::max(*high_x - *low_x, *high_y - *low_y);
  }
  const double bucket = std::max(threshold > 0.0 ? threshold : 1.0, extent / 1073741824.0);
  auto key = [](int64_t bx, int64_t by) {
    return (static_cast<uint64_t>(bx) << 32) ^ static_cast<uint64_t>(by & 0xffffffff);
  };
  double min_x = 0.0, min_y = 0.0;
  if (n > 0) {
    min_x = *std::min_element(x.begin(), x.end());
    min_y = *std::min_element(y.begin(), y.end());
  }
  std::vector<int64_t> bx(n), by(n);
  std::unordered_map<uint64_t, std::vector<uint32_t>> buckets;
  for (size_t i = 0; i < n; ++i) {
    bx[i] = static_cast<int64_t>(std::floor((x[i] - min_x) / bucket));
    by[i] = static_cast<int64_t>(std::floor((y[i] - min_y) / bucket));
    buckets[key(bx[i], by[i])].push_back(static_cast<uint32_t>(i));
  }
  const double t2 = threshold * threshold;
  std::vector<std::vector<uint32_t>> rows(n);
  for (size_t i = 0; i < n; ++i) {
    for (int64_t dy = -1; dy <= 1; ++dy) {
      for (int64_t dx = -1; dx <= 1; ++dx) {
        const auto it = buckets.find(key(bx[i] + dx, by[i] + dy));
        if (it == buckets.end()) continue;
        for (uint32_t j : it->second) {
          if (j == i) continue;
          const double ex = x[i] - x[j], ey = y[i] - y[j];
          if (ex * ex + ey * ey <= t2) rows[i].push_back(j);
        }
      }
    }
    std::sort(rows[i].begin(), rows[i].end());
  }
  return binary_from_rows(rows);
}

SpatialWeights SpatialWeights::grid_distance_band(std::span<const int64_t> column,
                                                  std::span<const int64_t> row, double cell_size,
                                                  double threshold) {
  if (column.size() != row.size()) invalid("column and row indices differ in length");
  if (!(cell_size > 0.0) || !std::isfinite(cell_size)) invalid("cell size must be positive");
  if (!(threshold >= 0.0) || !std::isfinite(threshold)) invalid("threshold must be finite and >= 0");
  const size_t n = column.size();
  // Largest squared offset (in cells) inside the band, with a little room for rounding in
  // threshold / cell_size (e.g. 375 / 250 = 1.5 exactly, but 0.3 / 0.1 is not 3).
  const double band_cells = threshold / cell_size;
  const double limit = band_cells * band_cells * (1.0 + 1e-9);
  // Search the square window of offsets around each cell while it holds fewer offsets than
  // there are cells; a wider band (say 5 km over 1 m cells) compares every pair of cells
  // instead, so the work stays O(n²) however wide the band, and no offset is cast from a
  // double that an int64 cannot hold.
  const double reach_cells = std::floor(band_cells * (1.0 + 1e-9));
  const double window = 2.0 * reach_cells + 1.0;
  const bool every_pair = !(window * window <= static_cast<double>(n));

  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  auto less = [&](uint32_t a, uint32_t b) {
    return std::pair(row[a], column[a]) < std::pair(row[b], column[b]);
  };
  std::sort(order.begin(), order.end(), less);
  for (size_t k = 1; k < n; ++k) {
    if (row[order[k]] == row[order[k - 1]] && column[order[k]] == column[order[k - 1]]) {
      invalid("cell (column " + std::to_string(column[order[k]]) + ", row " +
              std::to_string(row[order[k]]) + ") occurs twice (observations " +
              std::to_string(order[k - 1]) + " and " + std::to_string(order[k]) + ")");
    }
  }
  auto find = [&](int64_t c, int64_t r) -> int64_t {
    auto it = std::lower_bound(order.begin(), order.end(), std::pair(r, c),
                               [&](uint32_t a, const std::pair<int64_t, int64_t>& key) {
                                 return std::pair(row[a], column[a]) < key;
                               });
    if (it == order.end() || row[*it] != r || column[*it] != c) return -1;
    return *it;
  };
  std::vector<std::vector<uint32_t>> rows(n);
  if (every_pair) {
    for (size_t i = 0; i < n; ++i) {
      for (size_t j = 0; j < n; ++j) {
        const double dc = static_cast<double>(column[j]) - static_cast<double>(column[i]);
        const double dr = static_cast<double>(row[j]) - static_cast<double>(row[i]);
        if (j != i && dr * dr + dc * dc <= limit) rows[i].push_back(static_cast<uint32_t>(j));
      }
    }
    return binary_from_rows(rows);
  }
  const auto reach = static_cast<int64_t>(reach_cells);
  for (size_t i = 0; i < n; ++i) {
    for (int64_t dr = -reach; dr <= reach; ++dr) {
      for (int64_t dc = -reach; dc <= reach; ++dc) {
        if (dr == 0 && dc == 0) continue;
        if (static_cast<double>(dr * dr + dc * dc) > limit) continue;
        const int64_t j = find(column[i] + dc, row[i] + dr);
        if (j >= 0) rows[i].push_back(static_cast<uint32_t>(j));
      }
    }
    std::sort(rows[i].begin(), rows[i].end());
  }
  return binary_from_rows(rows);
}

size_t SpatialWeights::max_cardinality() const {
  size_t best = 0;
  for (size_t i = 0; i < size(); ++i) best = std::max(best, cardinality(i));
  return best;
}

size_t SpatialWeights::island_count() const {
  size_t count = 0;
  for (size_t i = 0; i < size(); ++i) count += cardinality(i) == 0 ? 1 : 0;
  return count;
}

SpatialWeights SpatialWeights::row_standardised() const {
  SpatialWeights out = *this;
  for (size_t i = 0; i < size(); ++i) {
    double sum = 0.0;
    for (uint64_t e = offsets_[i]; e < offsets_[i + 1]; ++e) sum += weights_[e];
    if (sum == 0.0) continue;
    for (uint64_t e = offsets_[i]; e < offsets_[i + 1]; ++e) out.weights_[e] = weights_[e] / sum;
  }
  out.transform_ = WeightsTransform::kRowStandardised;
  return out;
}

}  // namespace kk::stats
