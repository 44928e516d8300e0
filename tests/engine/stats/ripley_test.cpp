// Tests for kernkompas/stats/ripley.hpp: K with edge weights worked out by hand, the
// unbiasedness of the edge-corrected K under complete spatial randomness, envelopes, and
// results that depend on the seed only.
#include "kernkompas/stats/ripley.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "kernkompas/core/error.hpp"
#include "testing/builders.hpp"

namespace kk::stats {
namespace {

constexpr double kPi = std::numbers::pi;

// Rectangle [0, 3] × [0, 1], points P1 = (0, 0), P2 = (1, 0), P3 = (1, 0.5); A = 3, n = 3,
// so K(r) = 3 / 6 · Σ w_ij over ordered pairs with d_ij <= r.
//   d12 = 1:    w12 = 4 (corner: quarter circle), w21 = 2 (edge: upper half; the circle
//               passes through the corner (0, 0) and touches the top edge)
//   d23 = 0.5:  w23 = 2 (upper half), w32 = 1 (touches top and bottom, wholly inside)
//   d13 = √1.25: around P1 the arc below y = 1 spans atan(2): w13 = 2π / atan(2) = 5.6751;
//               around P3 y stays in [0, 1] only within ±atan(1/2) of east and of west;
//               east that arc is inside, west it lies beyond x = 0 (the circle passes
//               through both left corners): w31 = 2π / (2 atan(1/2)) = 6.7758
//   K(0.5) = (2 + 1) / 2 = 1.5, K(1) = (3 + 4 + 2) / 2 = 4.5,
//   K(1.2) = (9 + 5.6751 + 6.7758) / 2 = 10.7255.
//   Uncorrected: 1, 2, 3.
TEST(Ripley, ThreePointsInARectangleByHand) {
  geometry::MultiPolygonArray g;
  testing::add_rectangle(g, 0, 0, 3, 1);
  const PatternWindow window(g, 0);
  const std::vector<double> x{0, 1, 1}, y{0, 0, 0.5};
  RipleyOptions options;
  options.distances = {0.25, 0.5, 1.0, 1.2};
  options.simulations = 0;
  const RipleyResult r = ripley(x, y, window, options);
  const double w13 = 2.0 * kPi / std::atan(2.0), w31 = kPi / std::atan(0.5);
  EXPECT_EQ(r.points, 3u);
  EXPECT_DOUBLE_EQ(r.area, 3.0);
  EXPECT_EQ(r.k[0], 0.0);
  EXPECT_NEAR(r.k[1], 1.5, 1e-13);
  EXPECT_NEAR(r.k[2], 4.5, 1e-13);
  EXPECT_NEAR(r.k[3], (9.0 + w13 + w31) / 2.0, 1e-12);
  EXPECT_NEAR(r.k[3], 10.7255, 1e-4);
  EXPECT_EQ(r.k_uncorrected, (std::vector<double>{0.0, 1.0, 2.0, 3.0}));
  EXPECT_NEAR(r.l[2], std::sqrt(4.5 / kPi), 1e-13);
  EXPECT_NEAR(r.h[2], std::sqrt(4.5 / kPi) - 1.0, 1e-13);
  EXPECT_TRUE(std::isnan(r.l_lo[0]));
  EXPECT_TRUE(std::isnan(r.l_hi[0]));
}

TEST(Ripley, TwoCornersWeighFour) {
  geometry::MultiPolygonArray g;
  testing::add_square(g, 0, 0, 1);
  const PatternWindow window(g, 0);
  RipleyOptions options;
  options.distances = {0.5, 1.0};
  options.simulations = 0;
  const RipleyResult r = ripley(std::vector<double>{0, 1}, std::vector<double>{0, 0}, window, options);
  EXPECT_EQ(r.k[0], 0.0);
  EXPECT_NEAR(r.k[1], 1.0 / 2.0 * (4.0 + 4.0), 1e-13);
  EXPECT_EQ(r.k_uncorrected[1], 1.0);
}

TEST(Ripley, CoincidentPointsCountAtDistanceZero) {
  geometry::MultiPolygonArray g;
  testing::add_square(g, 0, 0, 10);
  const PatternWindow window(g, 0);
  RipleyOptions options;
  options.distances = {0.0, 1.0};
  options.simulations = 0;
  const RipleyResult r = ripley(std::vector<double>{5, 5, 2}, std::vector<double>{5, 5, 2}, window, options);
  EXPECT_NEAR(r.k[0], 100.0 / 6.0 * 2.0, 1e-12);
  EXPECT_NEAR(r.k[1], r.k[0], 1e-12);
}

// L shape with a square hole: [0, 2] × [0, 2] minus [1, 2] × [1, 2], hole [0.3, 0.6]².
geometry::MultiPolygonArray l_shape_with_hole() {
  return testing::single({{testing::Ring{{0, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 2}, {0, 2}},
                           testing::Ring{{0.3, 0.3}, {0.3, 0.6}, {0.6, 0.6}, {0.6, 0.3}}}});
}

// Under complete spatial randomness the edge-corrected K is unbiased for π r² (Ripley
// 1976) while the uncorrected one falls short; averaged over 300 patterns of 80 points
// the corrected mean came out within 0.5 % of π r² (2 % allowed), the uncorrected one
// 7 % (r = 0.1) to 25 % (r = 0.4) below it.
TEST(Ripley, EdgeCorrectedKIsUnbiasedUnderCsr) {
  const auto g = l_shape_with_hole();
  const PatternWindow window(g, 0);
  RipleyOptions options;
  options.distances = {0.1, 0.2, 0.3, 0.4};
  options.simulations = 0;
  std::vector<double> corrected(4, 0.0), plain(4, 0.0);
  const int patterns = 300;
  std::vector<double> x, y;
  for (int p = 0; p < patterns; ++p) {
    RandomStream stream(2024, p);
    window.uniform_points(80, stream, x, y);
    const RipleyResult r = ripley(x, y, window, options);
    for (size_t k = 0; k < 4; ++k) {
      corrected[k] += r.k[k] / patterns;
      plain[k] += r.k_uncorrected[k] / patterns;
    }
  }
  for (size_t k = 0; k < 4; ++k) {
    const double expected = kPi * options.distances[k] * options.distances[k];
    EXPECT_NEAR(corrected[k] / expected, 1.0, 0.02) << "r = " << options.distances[k];
    EXPECT_LT(plain[k] / expected, 1.0 - 0.5 * options.distances[k]) << "r = " << options.distances[k];
  }
}

TEST(Ripley, CsrPatternLiesWithinItsEnvelope) {
  const auto g = l_shape_with_hole();
  const PatternWindow window(g, 0);
  RandomStream stream(77, 0);
  std::vector<double> x, y;
  window.uniform_points(150, stream, x, y);
  RipleyOptions options;
  options.distances = {0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4};
  options.seed = 5;
  const RipleyResult r = ripley(x, y, window, options);
  for (size_t k = 0; k < r.distance.size(); ++k) {
    EXPECT_LE(r.l_lo[k], r.l[k]) << k;
    EXPECT_GE(r.l_hi[k], r.l[k]) << k;
    EXPECT_NEAR(r.l[k], r.distance[k], 0.05) << k;      // L(r) ≈ r
    EXPECT_LT(r.l_lo[k], r.distance[k]) << k;           // the envelope straddles r
    EXPECT_GT(r.l_hi[k], r.distance[k]) << k;
    EXPECT_LT(r.l_hi[k] - r.l_lo[k], 0.1) << k;
  }
}

TEST(Ripley, ClusteredPatternLeavesTheEnvelope) {
  geometry::MultiPolygonArray g;
  testing::add_square(g, 0, 0, 1000);
  const PatternWindow window(g, 0);
  // 100 points in 5 tight clusters of radius ~20 m.
  std::vector<double> x, y;
  RandomStream stream(1, 0);
  for (int c = 0; c < 5; ++c) {
    const double cx = 150 + 170 * c, cy = 200 + 130 * c;
    for (int i = 0; i < 20; ++i) {
      x.push_back(cx + 40 * (stream.uniform() - 0.5));
      y.push_back(cy + 40 * (stream.uniform() - 0.5));
    }
  }
  RipleyOptions options;
  options.distances = {25, 50};
  const RipleyResult r = ripley(x, y, window, options);
  EXPECT_GT(r.l[0], r.l_hi[0]);
  EXPECT_GT(r.h[1], 50.0);
}

TEST(Ripley, SameSeedSameResultWhateverTheThreads) {
  const auto g = l_shape_with_hole();
  const PatternWindow window(g, 0);
  RandomStream stream(8, 0);
  std::vector<double> x, y;
  window.uniform_points(700, stream, x, y);
  RipleyOptions options;
  options.distances = {0.05, 0.1, 0.2, 0.4};
  options.simulations = 19;
  options.seed = 99;
  options.threads = 1;
  const RipleyResult one = ripley(x, y, window, options);
  options.threads = 2;
  const RipleyResult two = ripley(x, y, window, options);
  EXPECT_EQ(one.k, two.k);
  EXPECT_EQ(one.k_uncorrected, two.k_uncorrected);
  EXPECT_EQ(one.l_lo, two.l_lo);
  EXPECT_EQ(one.l_hi, two.l_hi);
  options.seed = 100;
  const RipleyResult other = ripley(x, y, window, options);
  EXPECT_EQ(one.k, other.k);
  EXPECT_NE(one.l_hi, other.l_hi);
}

TEST(Ripley, EnvelopeRankNarrowsTheBand) {
  const auto g = l_shape_with_hole();
  const PatternWindow window(g, 0);
  RandomStream stream(8, 1);
  std::vector<double> x, y;
  window.uniform_points(100, stream, x, y);
  RipleyOptions options;
  options.distances = {0.2};
  options.simulations = 39;
  const RipleyResult wide = ripley(x, y, window, options);
  options.envelope_rank = 5;
  const RipleyResult narrow = ripley(x, y, window, options);
  EXPECT_GT(narrow.l_lo[0], wide.l_lo[0]);
  EXPECT_LT(narrow.l_hi[0], wide.l_hi[0]);
}

TEST(Ripley, TooFewPointsGiveNaN) {
  geometry::MultiPolygonArray g;
  testing::add_square(g, 0, 0, 1);
  const PatternWindow window(g, 0);
  RipleyOptions options;
  options.distances = {0.1};
  const RipleyResult r = ripley(std::vector<double>{0.5}, std::vector<double>{0.5}, window, options);
  EXPECT_TRUE(std::isnan(r.k[0]));
  EXPECT_TRUE(std::isnan(r.l_hi[0]));
}

TEST(Ripley, RejectsBadInput) {
  geometry::MultiPolygonArray g;
  testing::add_square(g, 0, 0, 1);
  const PatternWindow window(g, 0);
  RipleyOptions options;
  options.distances = {0.1, 0.2};
  const std::vector<double> x{0.5, 2.0}, y{0.5, 0.5};
  try {
    ripley(x, y, window, options);
    FAIL() << "a point outside the window was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(std::string(e.what()).find("point 1"), std::string::npos) << e.what();
  }
  const std::vector<double> inside{0.5, 0.6};
  options.distances = {0.2, 0.1};
  EXPECT_THROW(ripley(inside, y, window, options), Error);
  options.distances = {};
  EXPECT_THROW(ripley(inside, y, window, options), Error);
  options.distances = {0.1};
  options.envelope_rank = 50;
  EXPECT_THROW(ripley(inside, y, window, options), Error);
  options.envelope_rank = 1;
  EXPECT_THROW(ripley(inside, std::vector<double>{0.5}, window, options), Error);
}

}  // namespace
}  // namespace kk::stats
