// Getis–Ord local Gi* (Ord & Getis 1995) with analytical and permutation inference.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kernkompas/stats/permutation.hpp"
#include "kernkompas/stats/spatial_weights.hpp"

namespace kk::stats {

struct GiStarOptions {
  // Weight of the observation itself, w_ii. DEFAULT: 1 (binary Gi*, as
  // esda.G_Local(star=True, transform="B")).
  double self_weight = 1.0;
  // Permutation inference; permutation.permutations = 0 skips it (p_sim empty).
  // DEFAULT: 999 permutations, kDefaultSeed, 1 thread.
  PermutationOptions permutation;
  // Benjamini–Hochberg level for `fdr_significant`. DEFAULT: 0.05. REQUIRES: 0 < alpha < 1.
  double fdr_alpha = 0.05;
};

struct GiStarResult {
  std::vector<double> z;       // Gi* z-score; NaN when undefined (see gi_star)
  std::vector<double> p_norm;  // two-sided normal p of z: P(|Z| >= |z|)
  std::vector<double> p_sim;   // folded permutation pseudo p; NaN for islands or R = 0
  // 1 where Benjamini–Hochberg at fdr_alpha rejects, applied to p_sim (to p_norm when
  // permutations = 0). 0 elsewhere, including where the p-value is NaN.
  std::vector<uint8_t> fdr_significant;
};

// Gi* of `values` (n observations) under `weights` (binary or general, self excluded) with
// w_ii = options.self_weight added:
//   W_i = Σ_j w_ij, S1_i = Σ_j w_ij² (j running over i's neighbours and i itself),
//   x̄ = Σx/n, S = sqrt(Σx²/n − x̄²),
//   z_i = (Σ_j w_ij x_j − x̄ W_i) / (S · sqrt((n S1_i − W_i²) / (n − 1))).
// For binary weights this equals esda's G_Local(star=True, transform="B").Zs. Note: esda's
// p_norm is one-sided, ours two-sided (twice esda's).
// z is NaN when n < 2, when S = 0 (all values equal, or equal up to rounding: S below 1e-12
// of the largest |x|), or when the denominator vanishes
// (an observation whose neighbourhood is everything, n S1_i = W_i²).
// Permutation p: conditional permutation of the neighbours' values (i fixed, see
// permute_lag), folded (see folded_pseudo_p: PySAL's rule, but ties count in both tails);
// islands and constant values get NaN (esda reports 1/(R+1) there, an artefact of comparing
// a constant with itself).
// Throws kk::Error (kInvalidArgument) for a size mismatch, non-finite values or options out
// of range; kk::Cancelled from the progress callback.
GiStarResult gi_star(const SpatialWeights& weights, std::span<const double> values,
                     const GiStarOptions& options = {});

}  // namespace kk::stats
