// Global and local Moran's I with analytical and permutation inference.
#include "kernkompas/stats/moran.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "kernkompas/core/error.hpp"
#include "kernkompas/stats/fdr.hpp"
#include "kernkompas/stats/normal.hpp"
#include "kernkompas/stats/random.hpp"
#include "parallel.hpp"

namespace kk::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Permutations per work block of the global statistic; the block is also the unit of the
// running sums, so their order of addition is fixed whatever the thread count.
constexpr size_t kPermutationBlock = 64;

// Deviations from the mean, and whether they are all zero (constant values, also when
// rounding leaves tiny deviations: Σz² below (1e-12 · max|x|)² · n).
struct Deviations {
  std::vector<double> z;
  double sum_squares = 0.0;
  bool constant = true;
};

Deviations deviations(std::span<const double> values, size_t n_weights, const char* what) {
  if (values.size() != n_weights) {
    throw Error(ErrorCode::kInvalidArgument, std::string(what) + ": " +
                                                 std::to_string(values.size()) +
                                                 " values for weights over " +
                                                 std::to_string(n_weights) + " observations");
  }
  Deviations d;
  const size_t n = values.size();
  double sum = 0.0, max_abs = 0.0;
  for (size_t i = 0; i < n; ++i) {
    if (!std::isfinite(values[i])) {
      throw Error(ErrorCode::kInvalidArgument,
                  std::string(what) + ": value " + std::to_string(i) + " is not finite");
    }
    sum += values[i];
    max_abs = std::max(max_abs, std::fabs(values[i]));
  }
  if (n == 0) return d;
  const double mean = sum / static_cast<double>(n);
  d.z.resize(n);
  for (size_t i = 0; i < n; ++i) {
    d.z[i] = values[i] - mean;
    d.sum_squares += d.z[i] * d.z[i];
  }
  const double floor = 1e-12 * max_abs;
  d.constant = n < 2 || !(d.sum_squares > floor * floor * static_cast<double>(n));
  return d;
}

void check_permutation_options(const PermutationOptions& options) {
  if (options.threads < 1) throw Error(ErrorCode::kInvalidArgument, "threads must be >= 1");
}

// Σ_i z_i Σ_j w_ij z_j.
double cross_product(const SpatialWeights& weights, const double* z) {
  double total = 0.0;
  for (size_t i = 0; i < weights.size(); ++i) {
    const auto nb = weights.neighbours(i);
    const auto w = weights.weights(i);
    double lag = 0.0;
    for (size_t t = 0; t < nb.size(); ++t) lag += w[t] * z[nb[t]];
    total += z[i] * lag;
  }
  return total;
}

// S0, S1, S2 of the weights (Cliff & Ord), symmetric parts found through the transpose.
void weight_sums(const SpatialWeights& weights, MoranResult& r) {
  const size_t n = weights.size();
  std::vector<double> row_sum(n, 0.0), column_sum(n, 0.0);
  double s0 = 0.0, s1 = 0.0;
  for (size_t i = 0; i < n; ++i) {
    const auto nb = weights.neighbours(i);
    const auto w = weights.weights(i);
    for (size_t t = 0; t < nb.size(); ++t) {
      s0 += w[t];
      row_sum[i] += w[t];
      column_sum[nb[t]] += w[t];
      // S1 = ½ Σ over ordered pairs of (w_ij + w_ji)², i.e. one square per unordered pair:
      // half of it from each side when row j lists i too, all of it when only row i lists j.
      const auto nb_j = weights.neighbours(nb[t]);
      const auto it = std::lower_bound(nb_j.begin(), nb_j.end(), static_cast<uint32_t>(i));
      const bool listed_both_ways = it != nb_j.end() && *it == i;
      const double w_ji =
          listed_both_ways ? weights.weights(nb[t])[static_cast<size_t>(it - nb_j.begin())] : 0.0;
      const double square = (w[t] + w_ji) * (w[t] + w_ji);
      s1 += listed_both_ways ? 0.5 * square : square;
    }
  }
  double s2 = 0.0;
  for (size_t i = 0; i < n; ++i) s2 += (row_sum[i] + column_sum[i]) * (row_sum[i] + column_sum[i]);
  r.s0 = s0;
  r.s1 = s1;
  r.s2 = s2;
}

}  // namespace

MoranResult moran(const SpatialWeights& weights, std::span<const double> values,
                  const MoranOptions& options) {
  check_permutation_options(options.permutation);
  const Deviations d = deviations(values, weights.size(), "Moran's I");
  MoranResult r;
  r.n = values.size();
  weight_sums(weights, r);
  const size_t n_count = r.n;
  const auto n = static_cast<double>(n_count);
  const bool defined = !d.constant && r.s0 != 0.0;
  if (!defined) {
    for (double* field : {&r.i, &r.expected, &r.variance_normal, &r.variance_randomised,
                          &r.z_normal, &r.p_normal, &r.z_randomised, &r.p_randomised, &r.p_sim,
                          &r.mean_sim, &r.sd_sim, &r.z_sim, &r.p_z_sim}) {
      *field = kNaN;
    }
    if (n_count < 2) r.s0 = r.s1 = r.s2 = kNaN;
    return r;
  }
  const double scale = n / r.s0 / d.sum_squares;
  const double observed = cross_product(weights, d.z.data());
  r.i = scale * observed;
  r.expected = -1.0 / (n - 1.0);
  const double s02 = r.s0 * r.s0;
  r.variance_normal =
      (n * n * r.s1 - n * r.s2 + 3.0 * s02) / ((n - 1.0) * (n + 1.0) * s02) - r.expected * r.expected;
  double sum_fourth = 0.0;
  for (double z : d.z) sum_fourth += z * z * z * z;
  const double kurtosis = (sum_fourth / n) / ((d.sum_squares / n) * (d.sum_squares / n));
  const double a = n * ((n * n - 3.0 * n + 3.0) * r.s1 - n * r.s2 + 3.0 * s02);
  const double b = kurtosis * ((n * n - n) * r.s1 - 2.0 * n * r.s2 + 6.0 * s02);
  r.variance_randomised = n_count < 4 ? kNaN
                                      : (a - b) / ((n - 1.0) * (n - 2.0) * (n - 3.0) * s02) -
                                            r.expected * r.expected;
  r.z_normal = (r.i - r.expected) / std::sqrt(r.variance_normal);
  r.p_normal = normal_two_sided_p(r.z_normal);
  r.z_randomised = (r.i - r.expected) / std::sqrt(r.variance_randomised);
  r.p_randomised = normal_two_sided_p(r.z_randomised);

  const uint32_t permutations = options.permutation.permutations;
  if (permutations == 0) {
    r.p_sim = r.mean_sim = r.sd_sim = r.z_sim = r.p_z_sim = kNaN;
    return r;
  }
  // Each permutation shuffles a fresh copy of z with its own stream; per block of
  // permutations the tail counts and the sums of I and I² (fixed addition order).
  double abs_weight = 0.0, max_z = 0.0;
  for (double w : weights.weight_values()) abs_weight += std::fabs(w);
  for (double z : d.z) max_z = std::max(max_z, std::fabs(z));
  const double tolerance = 1e-12 * abs_weight * max_z * max_z;
  const size_t block_count = (permutations + kPermutationBlock - 1) / kPermutationBlock;
  struct BlockTotals {
    uint32_t at_least = 0, at_most = 0;
    double sum = 0.0, sum_squares = 0.0;
  };
  std::vector<BlockTotals> totals(block_count);
  std::vector<std::vector<double>> scratch(options.permutation.threads);
  detail::parallel_blocks(
      permutations, kPermutationBlock, options.permutation.threads, options.permutation.progress,
      "permutations", [&](size_t begin, size_t end, unsigned worker) {
        std::vector<double>& shuffled = scratch[worker];
        BlockTotals& t = totals[begin / kPermutationBlock];
        for (size_t p = begin; p < end; ++p) {
          shuffled.assign(d.z.begin(), d.z.end());
          RandomStream rng(options.permutation.seed, p);
          for (size_t k = n_count - 1; k > 0; --k) {
            std::swap(shuffled[k], shuffled[rng.below(static_cast<uint32_t>(k + 1))]);
          }
          const double simulated = cross_product(weights, shuffled.data());
          t.at_least += simulated >= observed - tolerance ? 1u : 0u;
          t.at_most += simulated <= observed + tolerance ? 1u : 0u;
          const double i_sim = scale * simulated;
          t.sum += i_sim;
          t.sum_squares += i_sim * i_sim;
        }
      });
  BlockTotals all;
  for (const BlockTotals& t : totals) {
    all.at_least += t.at_least;
    all.at_most += t.at_most;
    all.sum += t.sum;
    all.sum_squares += t.sum_squares;
  }
  const double count = permutations;
  r.p_sim = folded_pseudo_p(all.at_least, all.at_most, permutations);
  r.mean_sim = all.sum / count;
  r.sd_sim = std::sqrt(std::max(0.0, all.sum_squares / count - r.mean_sim * r.mean_sim));
  r.z_sim = (r.i - r.mean_sim) / r.sd_sim;
  r.p_z_sim = normal_upper_tail(std::fabs(r.z_sim));
  return r;
}

LocalMoranResult local_moran(const SpatialWeights& weights, std::span<const double> values,
                             const LocalMoranOptions& options) {
  check_permutation_options(options.permutation);
  if (!(options.fdr_alpha > 0.0 && options.fdr_alpha < 1.0)) {
    throw Error(ErrorCode::kInvalidArgument, "local Moran: fdr_alpha must lie in (0, 1)");
  }
  const Deviations d = deviations(values, weights.size(), "local Moran");
  const size_t n = values.size();
  LocalMoranResult r;
  r.i.assign(n, kNaN);
  r.lag.assign(n, kNaN);
  r.quadrant.assign(n, static_cast<uint8_t>(LisaQuadrant::kNone));
  r.p_sim.assign(n, kNaN);
  r.fdr_significant.assign(n, 0);
  if (d.constant) return r;

  const double scale = (static_cast<double>(n) - 1.0) / d.sum_squares;
  LagPermutationCounts counts;
  const bool permute = options.permutation.permutations > 0;
  if (permute) counts = permute_lag(weights, d.z, options.permutation);
  for (size_t i = 0; i < n; ++i) {
    double lag = 0.0;
    if (permute) {
      lag = counts.observed_lag[i];
    } else {
      const auto nb = weights.neighbours(i);
      const auto w = weights.weights(i);
      for (size_t t = 0; t < nb.size(); ++t) lag += w[t] * d.z[nb[t]];
    }
    r.lag[i] = lag;
    r.i[i] = scale * d.z[i] * lag;
    const bool high = d.z[i] > 0.0, high_lag = lag > 0.0;
    r.quadrant[i] = static_cast<uint8_t>(high ? (high_lag ? LisaQuadrant::kHighHigh : LisaQuadrant::kHighLow)
                                              : (high_lag ? LisaQuadrant::kLowHigh : LisaQuadrant::kLowLow));
    if (!permute || weights.cardinality(i) == 0) continue;
    r.p_sim[i] = d.z[i] == 0.0 ? 1.0
                               : folded_pseudo_p(counts.at_least[i], counts.at_most[i],
                                                 counts.permutations);
  }
  if (permute) r.fdr_significant = benjamini_hochberg(r.p_sim, options.fdr_alpha);
  return r;
}

}  // namespace kk::stats
