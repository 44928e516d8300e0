// Moran's I: the global statistic (Moran 1950; moments of Cliff & Ord 1981) and the local
// one (Anselin 1995) in the PySAL / GeoDa scaling, with analytical and permutation inference.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kernkompas/stats/permutation.hpp"
#include "kernkompas/stats/spatial_weights.hpp"

namespace kk::stats {

struct MoranOptions {
  // Permutation inference; permutations = 0 skips it (the *_sim fields are NaN).
  // DEFAULT: 999 permutations, kDefaultSeed, 1 thread.
  PermutationOptions permutation;
};

struct MoranResult {
  size_t n = 0;
  double i = 0.0;              // Moran's I
  double expected = 0.0;       // E[I] = -1 / (n - 1)
  double variance_normal = 0.0;      // Var[I] under normality (esda VI_norm)
  double variance_randomised = 0.0;  // Var[I] under randomisation (esda VI_rand)
  double z_normal = 0.0, p_normal = 0.0;          // z = (I - E[I]) / sd; p two-sided
  double z_randomised = 0.0, p_randomised = 0.0;  // as esda z_rand, p_rand (two-sided)
  double s0 = 0.0, s1 = 0.0, s2 = 0.0;            // the weights' sums (esda w.s0, s1, s2)
  // Permutation inference (NaN when permutations = 0):
  double p_sim = 0.0;         // folded pseudo p (M + 1) / (R + 1), see folded_pseudo_p
  double mean_sim = 0.0;      // mean of the simulated I (esda EI_sim)
  double sd_sim = 0.0;        // their standard deviation, divisor R (esda seI_sim)
  double z_sim = 0.0;         // (I - mean_sim) / sd_sim (esda z_sim)
  double p_z_sim = 0.0;       // one-sided normal p of |z_sim| (esda p_z_sim)
};

// Global Moran's I of `values` under `weights` as given (no transform is applied; row-
// standardise first for esda's default transformation="r"):
//   z = x - x̄, S0 = Σ_ij w_ij, I = (n / S0) · Σ_i z_i Σ_j w_ij z_j / Σ_i z_i²,
//   S1 = ½ Σ_ij (w_ij + w_ji)², S2 = Σ_i (Σ_j w_ij + Σ_j w_ji)²,
//   Var_N = (n² S1 − n S2 + 3 S0²) / ((n² − 1) S0²) − E[I]²,
//   Var_R = (n((n² − 3n + 3) S1 − n S2 + 3 S0²) − b2((n² − n) S1 − 2n S2 + 6 S0²))
//           / ((n − 1)(n − 2)(n − 3) S0²) − E[I]²,   b2 = n Σz⁴ / (Σz²)²,
// exactly as esda.Moran. The permutation reference distribution permutes all values
// (permutation r draws from RandomStream(seed, r)); no draw and no simulated I is kept,
// only two counts and two running sums per block of 64 permutations (24 bytes per block,
// added in block order), so the result is the same for any thread count and memory is
// O(n · threads + R / 64). Islands take part with a lag of 0 (as in esda).
// Everything but n is NaN when n < 2 (Var_R also for n < 4), when S0 = 0 or when the values
// are constant (Σz² = 0, or below 1e-24 · Σx² from rounding).
// Throws kk::Error (kInvalidArgument) for a size mismatch, non-finite values or options
// out of range; kk::Cancelled from the progress callback.
MoranResult moran(const SpatialWeights& weights, std::span<const double> values,
                  const MoranOptions& options = {});

// LISA quadrants, numbered as esda.Moran_Local.q.
enum class LisaQuadrant : uint8_t {
  kNone = 0,      // undefined (constant values, n < 2)
  kHighHigh = 1,  // z_i > 0, lag > 0
  kLowHigh = 2,   // z_i <= 0, lag > 0
  kLowLow = 3,    // z_i <= 0, lag <= 0
  kHighLow = 4,   // z_i > 0, lag <= 0
};

struct LocalMoranOptions {
  // Conditional permutation inference; permutations = 0 skips it (p_sim NaN).
  // DEFAULT: 999 permutations, kDefaultSeed, 1 thread.
  PermutationOptions permutation;
  // Benjamini–Hochberg level of `fdr_significant`. DEFAULT: 0.05. REQUIRES: 0 < alpha < 1.
  double fdr_alpha = 0.05;
};

struct LocalMoranResult {
  std::vector<double> i;          // I_i (esda Is)
  std::vector<double> lag;        // Σ_j w_ij z_j, z = x − x̄ (unstandardised)
  std::vector<uint8_t> quadrant;  // LisaQuadrant as a number (esda q)
  std::vector<double> p_sim;      // folded conditional-permutation pseudo p
  std::vector<uint8_t> fdr_significant;  // Benjamini–Hochberg on p_sim at fdr_alpha
};

// Local Moran in the PySAL / GeoDa scaling
//   I_i = (n − 1) · z_i · Σ_j w_ij z_j / Σ_k z_k²,   z = x − x̄,
// under `weights` as given (esda.Moran_Local row-standardises by default; pass
// row_standardised() weights to compare). Anselin (1995) divides by Σ z²/n instead, a
// factor n / (n − 1) larger.
// Quadrant as esda: HH when z_i > 0 and lag > 0, LH z_i <= 0 < lag, LL both <= 0, HL
// z_i > 0 >= lag.
// p_sim: conditional permutation (i fixed, its neighbours' values drawn from the other
// n − 1; permute_lag), folded as esda's p_sim, ties counting in both tails (see
// folded_pseudo_p). An observation with z_i = 0 exactly has I_i = 0 in every simulation and
// gets p_sim = 1. Islands (no neighbours) get I_i = 0, quadrant as their lag of 0 gives,
// and p_sim NaN (never FDR-significant). With constant values everything is NaN and the
// quadrant kNone.
// Throws as moran().
LocalMoranResult local_moran(const SpatialWeights& weights, std::span<const double> values,
                             const LocalMoranOptions& options = {});

}  // namespace kk::stats
