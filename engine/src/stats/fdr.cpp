// Benjamini–Hochberg false discovery rate.
#include "kernkompas/stats/fdr.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "kernkompas/core/error.hpp"

namespace kk::stats {
namespace {

// Indices of the finite p-values, sorted by p (ties by index, so the order is stable).
std::vector<size_t> sorted_finite(std::span<const double> p) {
  std::vector<size_t> order;
  order.reserve(p.size());
  for (size_t i = 0; i < p.size(); ++i) {
    if (!std::isnan(p[i])) order.push_back(i);
  }
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p[a] < p[b]; });
  return order;
}

}  // namespace

std::vector<uint8_t> benjamini_hochberg(std::span<const double> p, double alpha) {
  if (!(alpha > 0.0 && alpha < 1.0)) {
    throw Error(ErrorCode::kInvalidArgument,
                "Benjamini-Hochberg: alpha must lie strictly between 0 and 1, got " +
                    std::to_string(alpha));
  }
  std::vector<uint8_t> flags(p.size(), 0);
  const std::vector<size_t> order = sorted_finite(p);
  const double m = static_cast<double>(order.size());
  // Step-up: the largest rank k (1-based) with p(k) <= k alpha / m.
  size_t cut = 0;
  for (size_t k = order.size(); k >= 1; --k) {
    if (p[order[k - 1]] <= static_cast<double>(k) * alpha / m) {
      cut = k;
      break;
    }
  }
  if (cut == 0) return flags;
  const double threshold = p[order[cut - 1]];
  for (size_t i : order) flags[i] = p[i] <= threshold ? 1 : 0;
  return flags;
}

std::vector<double> benjamini_hochberg_adjusted(std::span<const double> p) {
  std::vector<double> q(p.begin(), p.end());
  const std::vector<size_t> order = sorted_finite(p);
  const double m = static_cast<double>(order.size());
  double running = 1.0;
  for (size_t k = order.size(); k >= 1; --k) {
    const size_t i = order[k - 1];
    running = std::min(running, m * p[i] / static_cast<double>(k));
    q[i] = running;
  }
  return q;
}

}  // namespace kk::stats
