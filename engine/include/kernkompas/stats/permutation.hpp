// Conditional permutation inference for local spatial statistics — the reusable piece that
// Getis–Ord Gi* uses now and local Moran's I (and other lag-based local statistics) reuse.
//
// Conditional permutation (Anselin 1995): observation i keeps its own value; the values at
// its k_i neighbours are replaced, R times, by k_i values drawn without replacement from the
// other n − 1 observations, and the statistic is recomputed. Every local statistic handled
// here is an affine function of the spatial lag L_i = Σ_j w_ij v_j of the permuted values
// (Gi*: G_i = (w_ii v_i + L_i) / Σv; local Moran: I_i = c · z_i · L_i), so it is enough to
// count how many simulated lags fall at or above and at or below the observed lag; the
// statistic's own direction (e.g. the sign of z_i for Moran) decides which count is its
// upper tail. Only counts are kept, never the draws, so memory is O(n + threads · n)
// whatever R is.
//
// Reproducibility: observation i draws from RandomStream(seed, i), so results are identical
// for any number of threads and any scheduling.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kernkompas/core/progress.hpp"
#include "kernkompas/stats/random.hpp"
#include "kernkompas/stats/spatial_weights.hpp"

namespace kk::stats {

struct PermutationOptions {
  // Number of permutations R. DEFAULT: 999 (pseudo p resolution 0.001). REQUIRES: >= 1.
  uint32_t permutations = 999;
  // Seed of every observation's random stream. DEFAULT: kDefaultSeed.
  uint64_t seed = kDefaultSeed;
  // Worker threads, the caller's thread included. DEFAULT: 1. REQUIRES: >= 1. The result
  // does not depend on it.
  unsigned threads = 1;
  // Called from the caller's thread only, with step "permutations"; may cancel.
  ProgressCallback progress;
};

// Counts per observation from a conditional permutation of the spatial lag.
struct LagPermutationCounts {
  uint32_t permutations = 0;
  std::vector<double> observed_lag;  // Σ_j w_ij v_j over the neighbours (self excluded)
  std::vector<uint32_t> at_least;    // simulated lags >= observed lag
  std::vector<uint32_t> at_most;     // simulated lags <= observed lag
};

// Runs the conditional permutation of the spatial lag of `values` under `weights`.
// Ties: a simulated lag within 1e-12 · Σ_j |w_ij| · max|v| of the observed lag counts as
// equal (in both at_least and at_most), so rounding in a different summation order cannot
// split a tie. Observations without neighbours (islands) get at_least = at_most = R.
// Throws kk::Error (kInvalidArgument) for a size mismatch, permutations = 0, threads = 0 or
// non-finite values; kk::Cancelled when the progress callback asks to stop.
LagPermutationCounts permute_lag(const SpatialWeights& weights, std::span<const double> values,
                                 const PermutationOptions& options = {});

// Folded pseudo p-value, p = (M + 1) / (R + 1), with M the number of simulations at least as
// extreme as the observation in the tail where it lies: M = min(at_least, at_most). Without
// ties this is exactly PySAL's default ("directed": M = min(#≥, R − #≥)). With ties the
// two differ, and on purpose: PySAL counts the lower tail as R − #≥ = #(sim < observed),
// strictly, so an observation tied with most simulations at the bottom of the distribution
// (a cell of 0 vacant among neighbours of 0, common with counts) gets M = 0 and p = 1/(R + 1)
// — a spurious "cold spot". Counting ties in both tails gives it the large p it deserves.
// At most 0.5 + 0.5/(R + 1) without ties; compare it with a one-sided alpha.
double folded_pseudo_p(uint32_t at_least, uint32_t at_most, uint32_t permutations);

}  // namespace kk::stats
