// Tests for kernkompas/stats/moran.hpp: global and local Moran's I on a 3 × 3 lattice with
// rook weights, computed by hand; permutation inference properties.
#include "kernkompas/stats/moran.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "kernkompas/core/error.hpp"
#include "testing/complete_graph.hpp"

namespace kk::stats {
namespace {

// 3 × 3 lattice, rook (4-neighbour) binary weights, observation = 3 · row + column. The
// grid band of 1 cell gives exactly rook contiguity (tested in weights_builders_test.cpp).
SpatialWeights rook3() {
  const std::vector<int64_t> col{0, 1, 2, 0, 1, 2, 0, 1, 2};
  const std::vector<int64_t> row{0, 0, 0, 1, 1, 1, 2, 2, 2};
  return SpatialWeights::grid_distance_band(col, row, 1.0, 1.0);
}

// Values 1..9 in observation order; x̄ = 5, z = x − 5:
//
//   row 2:   2  3  4
//   row 1:  −1  0  1
//   row 0:  −4 −3 −2
//
// Σz² = 2·(16 + 9 + 4 + 1) = 60. 12 rook edges, S0 = 24.
// Σ over edges of z_i z_j: rows 12 + 6 | 0 + 0 | 6 + 12 = 36, columns 4 − 2 | 0 + 0 | −2 + 4
// = 4, together 40; both directions: Σ_ij w_ij z_i z_j = 80.
// I = (n / S0) · 80 / Σz² = (9 / 24) · (80 / 60) = 0.5.  E[I] = −1/8.
// S1 = ½ Σ_ij (w_ij + w_ji)² = ½ · 24 · 4 = 48.  S2 = Σ_i (2 k_i)² = 4 · (4·4 + 4·9 + 16) = 272.
// Var_N = (81·48 − 9·272 + 3·576) / (80 · 576) − 1/64 = 3168 / 46080 − 1/64 = 0.053125.
// b2 = n Σz⁴ / (Σz²)² = 9 · 708 / 3600 = 1.77;
// A = 9 · (57·48 − 9·272 + 3·576) = 18144, B = 1.77 · (72·48 − 18·272 + 6·576) = 3568.32,
// Var_R = (A − B) / (8·7·6·576) − 1/64 = 14575.68 / 193536 − 1/64 = 0.0596875.
// z_N = 0.625 / sqrt(0.053125) = 2.711630722733202, z_R = 0.625 / sqrt(0.0596875)
// = 2.5582225504832543.
const std::vector<double> kRamp{1, 2, 3, 4, 5, 6, 7, 8, 9};

TEST(Moran, GlobalHandComputedOnRookLattice) {
  MoranOptions options;
  options.permutation.permutations = 0;
  const MoranResult r = moran(rook3(), kRamp, options);
  EXPECT_EQ(r.n, 9u);
  EXPECT_DOUBLE_EQ(r.s0, 24.0);
  EXPECT_DOUBLE_EQ(r.s1, 48.0);
  EXPECT_DOUBLE_EQ(r.s2, 272.0);
  EXPECT_NEAR(r.i, 0.5, 1e-15);
  EXPECT_NEAR(r.expected, -0.125, 1e-15);
  EXPECT_NEAR(r.variance_normal, 0.053125, 1e-15);
  EXPECT_NEAR(r.variance_randomised, 0.0596875, 1e-15);
  EXPECT_NEAR(r.z_normal, 2.711630722733202, 1e-13);
  EXPECT_NEAR(r.z_randomised, 2.5582225504832543, 1e-13);
  EXPECT_NEAR(r.p_normal, 0.00669531353875108, 1e-12);
  EXPECT_NEAR(r.p_randomised, 0.010520873699622735, 1e-12);
  EXPECT_TRUE(std::isnan(r.p_sim));
}

// Row-standardised rook weights: S0 = n = 9 and I = (1/Σz²) Σ_i z_i · mean of the
// neighbours' z. Σ_i z_i lag_i with lag = mean of neighbours:
// corners −4·(−4/2) + −2·(−2/2) + 2·(2/2) + 4·(4/2) = 8 + 2 + 2 + 8 = 20;
// edges −3·(−6/3) + −1·(−2/3) + 1·(2/3) + 3·(6/3) = 6 + 2/3 + 2/3 + 6 = 40/3; centre 0.
// I = (20 + 40/3) / 60 = 100/180 = 5/9.
TEST(Moran, GlobalWithRowStandardisedWeights) {
  MoranOptions options;
  options.permutation.permutations = 0;
  const MoranResult r = moran(rook3().row_standardised(), kRamp, options);
  EXPECT_NEAR(r.s0, 9.0, 1e-14);
  EXPECT_NEAR(r.i, 5.0 / 9.0, 1e-15);
}

// Local: I_i = (n − 1) z_i lag_i / Σz² = 8 z_i lag_i / 60, lag_i = Σ_j w_ij z_j (binary).
//   corner 0: z −4, neighbours −3, −1 → lag −4 → I = 8·16/60 = 32/15, LL
//   edge 1:   z −3, neighbours −4, −2, 0 → lag −6 → I = 8·18/60 = 2.4, LL
//   edge 3:   z −1, neighbours −4, 0, 2 → lag −2 → I = 8·2/60 = 4/15, LL
//   centre 4: z 0, neighbours −3, −1, 1, 3 → lag 0 → I = 0, LL (z ≤ 0, lag ≤ 0)
//   corner 6: z 2, neighbours −1, 3 → lag 2 → I = 8·4/60 = 8/15, HH
//   corner 8: z 4, neighbours 1, 3 → lag 4 → I = 32/15, HH
// Σ_i I_i = 8/60 · 80 = 32/3 (= (n − 1)/n · S0 · I).
TEST(LocalMoran, HandComputedOnRookLattice) {
  LocalMoranOptions options;
  options.permutation.permutations = 0;
  const LocalMoranResult r = local_moran(rook3(), kRamp, options);
  EXPECT_NEAR(r.i[0], 32.0 / 15.0, 1e-14);
  EXPECT_NEAR(r.i[1], 2.4, 1e-14);
  EXPECT_NEAR(r.i[3], 4.0 / 15.0, 1e-14);
  EXPECT_NEAR(r.i[4], 0.0, 1e-15);
  EXPECT_NEAR(r.i[6], 8.0 / 15.0, 1e-14);
  EXPECT_NEAR(r.i[8], 32.0 / 15.0, 1e-14);
  EXPECT_NEAR(r.lag[1], -6.0, 1e-14);
  double total = 0.0;
  for (double v : r.i) total += v;
  EXPECT_NEAR(total, 32.0 / 3.0, 1e-13);
  const std::vector<uint8_t> expected_q{3, 3, 3, 3, 3, 1, 1, 1, 1};
  EXPECT_EQ(r.quadrant, expected_q);
  for (double p : r.p_sim) EXPECT_TRUE(std::isnan(p));
}

// Checkerboard 1 0 1 / 0 1 0 / 1 0 1: x̄ = 5/9, z = 4/9 for ones, −5/9 for zeros. Every rook
// edge joins a one and a zero (z_i z_j = −20/81), 12 edges both ways: −480/81;
// Σz² = (5·16 + 4·25)/81 = 180/81; I = (9/24) · (−480/180) = −1.
// Ones see only zeros (lag < 0: HL = 4), zeros only ones (lag > 0: LH = 2).
TEST(Moran, CheckerboardIsNegativeWithHighLowQuadrants) {
  const std::vector<double> board{1, 0, 1, 0, 1, 0, 1, 0, 1};
  MoranOptions options;
  options.permutation.permutations = 0;
  EXPECT_NEAR(moran(rook3(), board, options).i, -1.0, 1e-14);
  LocalMoranOptions local;
  local.permutation.permutations = 0;
  const auto r = local_moran(rook3(), board, local);
  const std::vector<uint8_t> expected_q{4, 2, 4, 2, 4, 2, 4, 2, 4};
  EXPECT_EQ(r.quadrant, expected_q);
}

// A 12 × 12 lattice with a strong gradient: permutation inference is significant, the same
// for 1 and 2 threads and the same for the same seed.
struct Gradient {
  SpatialWeights weights;
  std::vector<double> values;
  Gradient() {
    std::vector<int64_t> col, row;
    for (int r = 0; r < 12; ++r) {
      for (int c = 0; c < 12; ++c) {
        col.push_back(c);
        row.push_back(r);
        values.push_back(r + c + 0.1 * ((r * 7 + c * 3) % 5));
      }
    }
    weights = SpatialWeights::grid_distance_band(col, row, 1.0, 1.0);
  }
};

TEST(Moran, PermutationsAreSignificantAndThreadIndependent) {
  const Gradient g;
  MoranOptions one;
  one.permutation.permutations = 999;
  one.permutation.seed = 42;
  MoranOptions two = one;
  two.permutation.threads = 2;
  const MoranResult a = moran(g.weights, g.values, one);
  const MoranResult b = moran(g.weights, g.values, two);
  EXPECT_GT(a.i, 0.8);
  EXPECT_DOUBLE_EQ(a.p_sim, 1.0 / 1000.0);  // no permutation reaches the gradient's I
  EXPECT_EQ(a.p_sim, b.p_sim);
  EXPECT_EQ(a.mean_sim, b.mean_sim);
  EXPECT_EQ(a.sd_sim, b.sd_sim);
  // The permutation distribution is centred near E[I] with a spread near sqrt(Var_R).
  EXPECT_NEAR(a.mean_sim, a.expected, 0.01);
  EXPECT_NEAR(a.sd_sim, std::sqrt(a.variance_randomised), 0.01);
  EXPECT_GT(a.z_sim, 10.0);
}

TEST(LocalMoran, PermutationsThreadIndependentAndFlagged) {
  const Gradient g;
  LocalMoranOptions one;
  one.permutation.permutations = 999;
  one.permutation.seed = 7;
  LocalMoranOptions two = one;
  two.permutation.threads = 2;
  const auto a = local_moran(g.weights, g.values, one);
  const auto b = local_moran(g.weights, g.values, two);
  EXPECT_EQ(a.p_sim, b.p_sim);
  EXPECT_EQ(a.fdr_significant, b.fdr_significant);
  // The far corners of the gradient (lowest and highest values) are significant.
  EXPECT_LE(a.p_sim[0], 0.01);
  EXPECT_LE(a.p_sim[143], 0.01);
  EXPECT_EQ(a.fdr_significant[0], 1);
  EXPECT_EQ(a.quadrant[0], 3);
  EXPECT_EQ(a.quadrant[143], 1);
  for (double p : a.p_sim) {
    EXPECT_GT(p, 0.0);
    EXPECT_LE(p, 1.0);
  }
}

TEST(LocalMoran, ZeroDeviationIslandsAndConstants) {
  // Observations 0 and 1 are neighbours, 2 is an island.
  std::vector<uint64_t> offsets{0, 1, 2, 2};
  std::vector<uint32_t> neighbours{1, 0};
  const auto w = SpatialWeights::from_csr(offsets, neighbours, {1.0, 1.0});
  const std::vector<double> values{1.0, 2.0, 3.0};
  const auto r = local_moran(w, values);
  EXPECT_TRUE(std::isnan(r.p_sim[2]));  // island
  EXPECT_EQ(r.fdr_significant[2], 0);
  EXPECT_DOUBLE_EQ(r.i[2], 0.0);
  // The centre of the ramp has z = 0: I = 0 in every simulation, p_sim = 1.
  const auto ramp = local_moran(rook3(), kRamp);
  EXPECT_DOUBLE_EQ(ramp.p_sim[4], 1.0);
  // Constant values: undefined.
  const std::vector<double> constant(9, 3.0);
  const auto c = local_moran(rook3(), constant);
  EXPECT_TRUE(std::isnan(c.i[0]));
  EXPECT_EQ(c.quadrant[0], 0);
  EXPECT_TRUE(std::isnan(moran(rook3(), constant).i));
}

// On a complete graph with binary weights every relabelling gives the same cross product,
// Σ_i z_i Σ_{j≠i} z_j = (Σz)² − Σz² = −Σz², so every simulated I ties with the observed one
// and the folded p is (R + 1) / (R + 1) = 1. With deviations of about 10⁵ the sums differ
// in their last bits between orders (products near 10¹⁰, ulp near 10⁻⁶), so the tie
// tolerance must scale with z² as the sums do, not only with the weights.
TEST(Moran, TiesOnLargeValuesCountWhateverTheSummationOrder) {
  const size_t n = 12;
  const auto complete = testing::complete_graph_weights(n);
  std::vector<double> values;
  for (size_t i = 0; i < n; ++i) values.push_back(1.2345678901e5 * static_cast<double>(i * i + 1));
  MoranOptions options;
  options.permutation.permutations = 99;
  const MoranResult r = moran(complete, values, options);
  EXPECT_DOUBLE_EQ(r.i, -1.0 / (n - 1.0));  // I = (n / S0) · (−Σz²) / Σz² = −12 / 132
  EXPECT_DOUBLE_EQ(r.p_sim, 1.0);
}

TEST(Moran, RejectsBadInput) {
  const std::vector<double> short_values{1, 2, 3};
  EXPECT_THROW(moran(rook3(), short_values), Error);
  std::vector<double> with_nan(kRamp);
  with_nan[3] = std::nan("");
  EXPECT_THROW(local_moran(rook3(), with_nan), Error);
  LocalMoranOptions bad;
  bad.fdr_alpha = 1.0;
  EXPECT_THROW(local_moran(rook3(), kRamp, bad), Error);
}

}  // namespace
}  // namespace kk::stats
