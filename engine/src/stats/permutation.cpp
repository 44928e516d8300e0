// Conditional permutation of spatial lags, counted per observation.
#include "kernkompas/stats/permutation.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "kernkompas/core/error.hpp"
#include "parallel.hpp"

namespace kk::stats {
namespace {

// Observations per work block: large enough to amortise the hand-out, small enough to keep
// two threads busy to the end and to report progress often.
constexpr size_t kBlock = 64;

}  // namespace

LagPermutationCounts permute_lag(const SpatialWeights& weights, std::span<const double> values,
                                 const PermutationOptions& options) {
  const size_t n = weights.size();
  if (values.size() != n) {
    throw Error(ErrorCode::kInvalidArgument, "permutation: " + std::to_string(values.size()) +
                                                 " values for weights over " + std::to_string(n) +
                                                 " observations");
  }
  if (options.permutations < 1) {
    throw Error(ErrorCode::kInvalidArgument, "permutation: permutations must be >= 1");
  }
  if (options.threads < 1) throw Error(ErrorCode::kInvalidArgument, "permutation: threads must be >= 1");
  double max_abs = 0.0;
  for (size_t i = 0; i < n; ++i) {
    if (!std::isfinite(values[i])) {
      throw Error(ErrorCode::kInvalidArgument,
                  "permutation: value " + std::to_string(i) + " is not finite");
    }
    max_abs = std::max(max_abs, std::fabs(values[i]));
  }

  const uint32_t r_count = options.permutations;
  LagPermutationCounts counts;
  counts.permutations = r_count;
  counts.observed_lag.assign(n, 0.0);
  counts.at_least.assign(n, r_count);
  counts.at_most.assign(n, r_count);
  if (n == 0) return counts;

  // Each worker owns a copy of the values on which it runs a partial Fisher–Yates shuffle
  // and then undoes it, so the pool is back in its original order before every observation:
  // what observation i draws depends only on RandomStream(seed, i).
  const unsigned threads = options.threads;
  std::vector<std::vector<double>> pools(threads);
  std::vector<std::vector<uint32_t>> swaps(threads);
  const size_t max_card = weights.max_cardinality();

  detail::parallel_blocks(
      n, kBlock, threads, options.progress, "permutations",
      [&](size_t begin, size_t end, unsigned worker) {
        std::vector<double>& pool = pools[worker];
        std::vector<uint32_t>& swap_at = swaps[worker];
        if (pool.empty()) {
          pool.assign(values.begin(), values.end());
          swap_at.resize(max_card);
        }
        const auto last = static_cast<uint32_t>(n - 1);
        for (size_t i = begin; i < end; ++i) {
          const auto nb = weights.neighbours(i);
          const auto w = weights.weights(i);
          const size_t k = nb.size();
          double observed = 0.0, abs_weight = 0.0;
          for (size_t t = 0; t < k; ++t) {
            observed += w[t] * values[nb[t]];
            abs_weight += std::fabs(w[t]);
          }
          counts.observed_lag[i] = observed;
          if (k == 0) continue;  // island: at_least = at_most = R
          const double tolerance = 1e-12 * abs_weight * max_abs;

          // Move v_i out of the way, to the end: draws come from pool[0 .. n − 2].
          std::swap(pool[i], pool[last]);
          RandomStream rng(options.seed, i);
          uint32_t at_least = 0, at_most = 0;
          for (uint32_t r = 0; r < r_count; ++r) {
            double lag = 0.0;
            for (size_t t = 0; t < k; ++t) {
              const auto u = static_cast<uint32_t>(t + rng.below(last - static_cast<uint32_t>(t)));
              std::swap(pool[t], pool[u]);
              swap_at[t] = u;
              lag += w[t] * pool[t];
            }
            for (size_t t = k; t-- > 0;) std::swap(pool[t], pool[swap_at[t]]);
            at_least += lag >= observed - tolerance ? 1u : 0u;
            at_most += lag <= observed + tolerance ? 1u : 0u;
          }
          std::swap(pool[i], pool[last]);
          counts.at_least[i] = at_least;
          counts.at_most[i] = at_most;
        }
      });
  return counts;
}

double folded_pseudo_p(uint32_t at_least, uint32_t at_most, uint32_t permutations) {
  const uint32_t extreme = std::min({at_least, at_most, permutations});
  return (static_cast<double>(extreme) + 1.0) / (static_cast<double>(permutations) + 1.0);
}

}  // namespace kk::stats
