// Getis–Ord Gi* with analytical and conditional-permutation inference.
#include "kernkompas/stats/getis_ord.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "kernkompas/core/error.hpp"
#include "kernkompas/stats/fdr.hpp"
#include "kernkompas/stats/normal.hpp"

namespace kk::stats {

GiStarResult gi_star(const SpatialWeights& weights, std::span<const double> values,
                     const GiStarOptions& options) {
  const size_t n = weights.size();
  if (values.size() != n) {
    throw Error(ErrorCode::kInvalidArgument, "Gi*: " + std::to_string(values.size()) +
                                                 " values for weights over " + std::to_string(n) +
                                                 " observations");
  }
  if (!std::isfinite(options.self_weight)) {
    throw Error(ErrorCode::kInvalidArgument, "Gi*: the self weight must be finite");
  }
  if (!(options.fdr_alpha > 0.0 && options.fdr_alpha < 1.0)) {
    throw Error(ErrorCode::kInvalidArgument, "Gi*: fdr_alpha must lie strictly between 0 and 1");
  }
  if (options.permutation.threads < 1) {
    throw Error(ErrorCode::kInvalidArgument, "Gi*: threads must be >= 1");
  }
  for (size_t i = 0; i < n; ++i) {
    if (!std::isfinite(values[i])) {
      throw Error(ErrorCode::kInvalidArgument, "Gi*: value " + std::to_string(i) + " is not finite");
    }
  }

  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  GiStarResult result;
  result.z.assign(n, kNaN);
  result.p_norm.assign(n, kNaN);
  result.p_sim.assign(n, kNaN);
  result.fdr_significant.assign(n, 0);
  if (n == 0) return result;

  // Mean and population standard deviation, the latter in two passes (Σ(x − x̄)²/n equals
  // Σx²/n − x̄² but does not cancel catastrophically).
  const double nd = static_cast<double>(n);
  double sum = 0.0;
  for (double v : values) sum += v;
  const double mean = sum / nd;
  double squares = 0.0;
  for (double v : values) squares += (v - mean) * (v - mean);
  const double s = std::sqrt(squares / nd);
  // Values equal up to rounding (nine times 0.1 has x̄ = 0.09999999999999999) leave S at
  // ~1e-17, which is rounding noise, not spread: below 1e-12 of the largest magnitude the
  // values count as equal, as exactly equal values do (z came out as 2.53 at grid corners).
  double largest = 0.0;
  for (double v : values) largest = std::max(largest, std::fabs(v));
  const bool has_spread = s > 1e-12 * largest;

  const double self = options.self_weight;
  if (n >= 2 && has_spread) {
    for (size_t i = 0; i < n; ++i) {
      const auto nb = weights.neighbours(i);
      const auto w = weights.weights(i);
      double lag = self * values[i], w_sum = self, w_sq = self * self;
      for (size_t t = 0; t < nb.size(); ++t) {
        lag += w[t] * values[nb[t]];
        w_sum += w[t];
        w_sq += w[t] * w[t];
      }
      // n S1 − W² is 0 when i's neighbourhood is every observation (exactly so for binary
      // weights); with general weights allow for rounding before calling it zero.
      const double spread = (nd * w_sq - w_sum * w_sum) / (nd - 1.0);
      if (!(spread > 1e-12 * nd * w_sq / (nd - 1.0))) continue;
      result.z[i] = (lag - mean * w_sum) / (s * std::sqrt(spread));
      result.p_norm[i] = normal_two_sided_p(result.z[i]);
    }
  }

  // Without spread (all values equal) every simulation ties with the observation: there
  // is nothing to test, and p_sim stays NaN like z.
  const bool permute = options.permutation.permutations > 0;
  if (permute && n >= 2 && has_spread) {
    const LagPermutationCounts counts = permute_lag(weights, values, options.permutation);
    for (size_t i = 0; i < n; ++i) {
      // G*_i = (w_ii x_i + L_i) / Σx is monotone in the lag L_i, rising or falling with the
      // sign of Σx; the folded p counts both tails, so the direction does not matter.
      if (weights.cardinality(i) == 0) continue;
      result.p_sim[i] =
          folded_pseudo_p(counts.at_least[i], counts.at_most[i], counts.permutations);
    }
  }
  result.fdr_significant =
      benjamini_hochberg(permute ? result.p_sim : result.p_norm, options.fdr_alpha);
  return result;
}

}  // namespace kk::stats
