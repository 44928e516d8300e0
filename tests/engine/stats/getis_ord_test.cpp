// Tests for kernkompas/stats/getis_ord.hpp: Gi* against a z-score computed by hand.
#include "kernkompas/stats/getis_ord.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "kernkompas/core/error.hpp"
#include "kernkompas/stats/fdr.hpp"

namespace kk::stats {
namespace {

// The 3 × 3 grid, queen weights (band 1.5 cells), observation = 3 · row + column:
//
//   row 2:  0  0  0
//   row 1:  2  1  0
//   row 0:  4  2  0
//
// n = 9, Σx = 9, x̄ = 1, Σx² = 16 + 4 + 4 + 1 = 25, S² = 25/9 − 1 = 16/9, S = 4/3.
// Binary weights with w_ii = 1, so W_i = S1_i = (neighbours + 1).
//
// Corner (0,0), value 4: neighbours 2, 2, 1 → Σ w x = 4 + 2 + 2 + 1 = 9, W = 4.
//   numerator   = 9 − 1 · 4 = 5
//   denominator = S · sqrt((n S1 − W²)/(n − 1)) = 4/3 · sqrt((36 − 16)/8) = 4/3 · sqrt(2.5)
//   z = 5 / (4/3 · sqrt(2.5)) = 15 / (4 sqrt(2.5)) = 3 sqrt(10) / 4 = 2.3717082451262845
// Bottom edge (1,0), value 2: 4, 0, 2, 1, 0 around it → Σ w x = 9, W = 6.
//   numerator = 9 − 6 = 3; denominator = 4/3 · sqrt((54 − 36)/8) = 4/3 · 1.5 = 2; z = 1.5
// Far corner (2,2), value 0: neighbours 0, 0, 1 → Σ w x = 1, W = 4.
//   z = (1 − 4) / (4/3 · sqrt(2.5)) = −9 / (4 sqrt(2.5)) = −1.4230249470757705
// Centre (1,1): its neighbourhood is all 9 cells, n S1 − W² = 81 − 81 = 0: z undefined.
struct HandGrid {
  SpatialWeights weights;
  std::vector<double> values{4, 2, 0, 2, 1, 0, 0, 0, 0};
  HandGrid() {
    const std::vector<int64_t> col{0, 1, 2, 0, 1, 2, 0, 1, 2};
    const std::vector<int64_t> row{0, 0, 0, 1, 1, 1, 2, 2, 2};
    weights = SpatialWeights::grid_distance_band(col, row, 100.0, 150.0);
  }
};

TEST(GiStar, HandComputedZScores) {
  const HandGrid g;
  GiStarOptions options;
  options.permutation.permutations = 0;
  const GiStarResult r = gi_star(g.weights, g.values, options);
  EXPECT_NEAR(r.z[0], 3.0 * std::sqrt(10.0) / 4.0, 1e-12);
  EXPECT_NEAR(r.z[0], 2.3717082451262845, 1e-12);
  EXPECT_NEAR(r.z[1], 1.5, 1e-12);
  EXPECT_NEAR(r.z[8], -1.4230249470757705, 1e-12);
  EXPECT_TRUE(std::isnan(r.z[4]));
  // Two-sided normal p of z = 1.5: 2 · (1 − Φ(1.5)) = 0.13361440253771617.
  EXPECT_NEAR(r.p_norm[1], 0.13361440253771617, 1e-14);
  EXPECT_TRUE(std::isnan(r.p_norm[4]));
  for (double p : r.p_sim) EXPECT_TRUE(std::isnan(p));
}

// General (non-binary) weights, where S1_i = Σ_j w_ij² differs from W_i = Σ_j w_ij.
// x = (2, 4, 1, 0, 3): n = 5, x̄ = 2, Σ(x − x̄)² = 0 + 4 + 1 + 4 + 1 = 10, S = √2.
// Row 0: neighbours 1 (w 0.5) and 2 (w 0.25); row 1: neighbour 0 (w 2); rows 2-4: none.
// With w_ii = 1:
//   row 0: lag = 2 + 0.5·4 + 0.25·1 = 4.25, W = 1.75, S1 = 1 + 0.25 + 0.0625 = 1.3125,
//          (n S1 − W²)/(n − 1) = (6.5625 − 3.0625)/4 = 0.875,
//          z = (4.25 − 2·1.75) / (√2 · √0.875) = 0.75/√1.75 = 1.5/√7
//   row 1: lag = 4 + 2·2 = 8, W = 3, S1 = 1 + 4 = 5, (25 − 9)/4 = 4,
//          z = (8 − 6)/(√2 · 2) = 1/√2
//   row 2 (no neighbours): W = S1 = 1, (5 − 1)/4 = 1, z = (1 − 2)/√2
// With w_ii = 0.5, row 0: lag = 1 + 2.25 = 3.25, W = 1.25, S1 = 0.25 + 0.3125 = 0.5625,
//   (2.8125 − 1.5625)/4 = 0.3125, z = (3.25 − 2.5)/(√2 · √0.3125) = 0.75/√0.625 = 3/√10.
struct GeneralWeights {
  SpatialWeights weights = SpatialWeights::from_csr({0, 2, 3, 3, 3, 3}, {1, 2, 0}, {0.5, 0.25, 2.0});
  std::vector<double> values{2, 4, 1, 0, 3};
};

TEST(GiStar, HandComputedZWithNonBinaryWeights) {
  const GeneralWeights g;
  GiStarOptions options;
  options.permutation.permutations = 0;
  const GiStarResult r = gi_star(g.weights, g.values, options);
  EXPECT_NEAR(r.z[0], 1.5 / std::sqrt(7.0), 1e-14);
  EXPECT_NEAR(r.z[0], 0.5669467095138409, 1e-14);
  EXPECT_NEAR(r.z[1], 1.0 / std::sqrt(2.0), 1e-14);
  EXPECT_NEAR(r.z[2], -1.0 / std::sqrt(2.0), 1e-14);
  EXPECT_NEAR(r.z[3], -std::sqrt(2.0), 1e-14);
  EXPECT_NEAR(r.z[4], 1.0 / std::sqrt(2.0), 1e-14);
  // Two-sided p of z = 1/√2: 2 · (1 − Φ(0.7071067811865476)) = 0.4795001221869535.
  EXPECT_NEAR(r.p_norm[1], 0.4795001221869535, 1e-13);
  options.self_weight = 0.5;
  const GiStarResult half = gi_star(g.weights, g.values, options);
  EXPECT_NEAR(half.z[0], 3.0 / std::sqrt(10.0), 1e-14);
}

// Scaling a row's weights (self weight included) leaves z unchanged: row-standardising
// w_i· and w_ii by the same factor gives the same statistic (esda's transform="R").
TEST(GiStar, RowScalingKeepsZ) {
  const GeneralWeights g;
  GiStarOptions options;
  options.permutation.permutations = 0;
  options.self_weight = 4.0;
  const auto scaled = SpatialWeights::from_csr({0, 2, 3, 3, 3, 3}, {1, 2, 0}, {2.0, 1.0, 8.0});
  const GiStarResult b = gi_star(scaled, g.values, options);
  options.self_weight = 1.0;
  const GiStarResult a = gi_star(g.weights, g.values, options);
  EXPECT_NEAR(a.z[0], b.z[0], 1e-14);
  EXPECT_NEAR(a.z[1], b.z[1], 1e-14);
}

TEST(GiStar, ConstantValuesHaveNoStatistic) {
  const HandGrid g;
  const std::vector<double> flat(9, 0.25);
  const GiStarResult r = gi_star(g.weights, flat);
  for (size_t i = 0; i < 9; ++i) {
    EXPECT_TRUE(std::isnan(r.z[i]));
    EXPECT_TRUE(std::isnan(r.p_sim[i]));
    EXPECT_EQ(r.fdr_significant[i], 0);
  }
}

// A 10 × 10 grid of zeros with a 3 × 3 block of tens. For the block's centre cell all 8
// neighbours are 10; 8 draws from the other 99 values (8 tens) are all 10 with probability
// 1 / C(99, 8) — never in 999 permutations — so p_sim = 1/1000 and it is a hot spot.
TEST(GiStar, ClearHotSpotHasTheSmallestPseudoP) {
  std::vector<int64_t> col, row;
  std::vector<double> v;
  for (int r = 0; r < 10; ++r) {
    for (int c = 0; c < 10; ++c) {
      col.push_back(c);
      row.push_back(r);
      v.push_back(r >= 4 && r <= 6 && c >= 4 && c <= 6 ? 10.0 : 0.0);
    }
  }
  const auto w = SpatialWeights::grid_distance_band(col, row, 1.0, 1.5);
  const GiStarResult r = gi_star(w, v);
  const size_t centre = 5 * 10 + 5;
  EXPECT_DOUBLE_EQ(r.p_sim[centre], 1.0 / 1000.0);
  EXPECT_GT(r.z[centre], 5.0);
  EXPECT_EQ(r.fdr_significant[centre], 1);
  // A far corner among zeros: its lag (0) ties with most simulations at the bottom, which
  // is not extreme (PySAL's folding would call it p = 0.001).
  EXPECT_GT(r.p_sim[0], 0.3);
  EXPECT_EQ(r.fdr_significant[0], 0);
}

TEST(GiStar, PermutationPIsReproducibleAndThreadIndependent) {
  std::vector<int64_t> col, row;
  std::vector<double> v;
  for (int r = 0; r < 20; ++r) {
    for (int c = 0; c < 20; ++c) {
      col.push_back(c);
      row.push_back(r);
      v.push_back(std::fmod(37.0 * r + 11.0 * c * c, 17.0) / 17.0 + (r < 5 && c < 5 ? 1.0 : 0.0));
    }
  }
  const auto w = SpatialWeights::grid_distance_band(col, row, 1.0, 1.5);
  GiStarOptions options;
  options.permutation.seed = 2024;
  options.permutation.threads = 1;
  const GiStarResult one = gi_star(w, v, options);
  const GiStarResult again = gi_star(w, v, options);
  options.permutation.threads = 2;
  const GiStarResult two = gi_star(w, v, options);
  EXPECT_EQ(one.p_sim, again.p_sim);
  EXPECT_EQ(one.p_sim, two.p_sim);
  EXPECT_EQ(one.z, two.z);
  EXPECT_EQ(one.fdr_significant, two.fdr_significant);
  options.permutation.seed = 2025;
  EXPECT_NE(gi_star(w, v, options).p_sim, one.p_sim);
  // Pseudo p values lie on the grid (M + 1)/(R + 1) within (0, 1] (above 0.5 only where the
  // values tie, as these do: 17 distinct values plus the block offset).
  for (double p : one.p_sim) {
    ASSERT_GT(p, 0.0);
    ASSERT_LE(p, 1.0);
    const double m = p * 1000.0 - 1.0;
    EXPECT_NEAR(m, std::round(m), 1e-9);
  }
}

TEST(GiStar, IslandsGetZButNoPseudoP) {
  // Two neighbouring cells and one far away.
  const auto w = SpatialWeights::grid_distance_band(std::vector<int64_t>{0, 1, 9},
                                                    std::vector<int64_t>{0, 0, 9}, 1.0, 1.5);
  const std::vector<double> v{1.0, 2.0, 6.0};
  const GiStarResult r = gi_star(w, v);
  // Island: W = S1 = 1, z = (x_i − x̄) / (S · sqrt((n − 1)/(n − 1))) = (6 − 3)/S,
  // S = sqrt((4 + 1 + 9)/3) = sqrt(14/3).
  EXPECT_NEAR(r.z[2], 3.0 / std::sqrt(14.0 / 3.0), 1e-12);
  EXPECT_TRUE(std::isnan(r.p_sim[2]));
  EXPECT_FALSE(std::isnan(r.p_sim[0]));
}

// Two observations that are not neighbours: each is its own neighbourhood (W = S1 = 1),
// x = (1, 3), x̄ = 2, S = 1: z = (x_i − 2) / (1 · sqrt((2 − 1)/1)) = ∓1.
TEST(GiStar, TwoIslands) {
  const auto w = SpatialWeights::from_csr({0, 0, 0}, {}, {});
  GiStarOptions options;
  options.permutation.permutations = 0;
  const GiStarResult r = gi_star(w, std::vector<double>{1.0, 3.0}, options);
  EXPECT_NEAR(r.z[0], -1.0, 1e-15);
  EXPECT_NEAR(r.z[1], 1.0, 1e-15);
  // One observation has no spread: nothing to test.
  const GiStarResult one = gi_star(SpatialWeights::from_csr({0, 0}, {}, {}), std::vector<double>{5.0}, options);
  EXPECT_TRUE(std::isnan(one.z[0]));
}

// Values equal up to rounding: nine times 0.1 sums to 0.8999999999999999, so x̄ differs from
// every value by ~1e-17 and S is ~1e-17 instead of 0. That is no spread: z, p and the flags
// stay empty, as for exactly equal values (before, the corners got z = 2.53).
TEST(GiStar, ValuesEqualUpToRoundingHaveNoStatistic) {
  const HandGrid g;
  const GiStarResult r = gi_star(g.weights, std::vector<double>(9, 0.1));
  for (size_t i = 0; i < 9; ++i) {
    EXPECT_TRUE(std::isnan(r.z[i])) << i << ": " << r.z[i];
    EXPECT_TRUE(std::isnan(r.p_norm[i])) << i;
    EXPECT_TRUE(std::isnan(r.p_sim[i])) << i;
    EXPECT_EQ(r.fdr_significant[i], 0) << i;
  }
}

TEST(GiStar, RejectsBadInput) {
  const HandGrid g;
  EXPECT_THROW(gi_star(g.weights, std::vector<double>{1.0, 2.0}), Error);
  std::vector<double> v = g.values;
  v[3] = std::nan("");
  EXPECT_THROW(gi_star(g.weights, v), Error);
  GiStarOptions options;
  options.fdr_alpha = 1.0;
  EXPECT_THROW(gi_star(g.weights, g.values, options), Error);
}

}  // namespace
}  // namespace kk::stats
