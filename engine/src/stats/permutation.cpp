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

  // Each worker owns a copy of the values with v_i moved to the last place while observation
  // i runs, so the draws come from pool[0 .. n − 2], the other n − 1 values. A draw without
  // replacement of k of those m = n − 1 values is done one of two ways, chosen by (k, m)
  // alone so that what observation i draws depends only on RandomStream(seed, i), never on
  // the thread or on earlier observations:
  //  - k <= m/2 (the usual case, a handful of neighbours among many cells): draw positions
  //    uniformly and redraw a position already taken in this permutation, which a stamp per
  //    position (the permutation's serial number) detects in O(1). Expected draws stay below
  //    1.39 k.
  //  - otherwise a partial Fisher–Yates shuffle of the pool, undone in reverse afterwards so
  //    the pool is back in order for the next permutation.
  const unsigned threads = options.threads;
  struct Scratch {
    std::vector<double> pool;
    std::vector<uint32_t> stamp;
    uint32_t serial = 0;
    std::vector<uint32_t> swap_at;
  };
  std::vector<Scratch> scratch(threads);
  const size_t max_card = weights.max_cardinality();

  detail::parallel_blocks(
      n, kBlock, threads, options.progress, "permutations",
      [&](size_t begin, size_t end, unsigned worker) {
        Scratch& s = scratch[worker];
        if (s.pool.empty()) {
          s.pool.assign(values.begin(), values.end());
          s.stamp.assign(n, 0);
          s.swap_at.resize(max_card);
        }
        std::vector<double>& pool = s.pool;
        const auto m = static_cast<uint32_t>(n - 1);
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

          std::swap(pool[i], pool[m]);
          RandomStream rng(options.seed, i);
          uint32_t at_least = 0, at_most = 0;
          if (2 * k <= m) {
            for (uint32_t r = 0; r < r_count; ++r) {
              if (++s.serial == 0) {  // wrapped: old stamps could collide, clear them
                std::fill(s.stamp.begin(), s.stamp.end(), 0u);
                s.serial = 1;
              }
              const uint32_t serial = s.serial;
              double lag = 0.0;
              for (size_t t = 0; t < k; ++t) {
                uint32_t j = rng.below(m);
                while (s.stamp[j] == serial) j = rng.below(m);
                s.stamp[j] = serial;
                lag += w[t] * pool[j];
              }
              at_least += lag >= observed - tolerance ? 1u : 0u;
              at_most += lag <= observed + tolerance ? 1u : 0u;
            }
          } else {
            for (uint32_t r = 0; r < r_count; ++r) {
              double lag = 0.0;
              for (size_t t = 0; t < k; ++t) {
                const auto u = static_cast<uint32_t>(t + rng.below(m - static_cast<uint32_t>(t)));
                std::swap(pool[t], pool[u]);
                s.swap_at[t] = u;
                lag += w[t] * pool[t];
              }
              for (size_t t = k; t-- > 0;) std::swap(pool[t], pool[s.swap_at[t]]);
              at_least += lag >= observed - tolerance ? 1u : 0u;
              at_most += lag <= observed + tolerance ? 1u : 0u;
            }
          }
          std::swap(pool[i], pool[m]);
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
