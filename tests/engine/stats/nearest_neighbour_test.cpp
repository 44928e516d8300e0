// Tests for nearest-neighbour distances and Clark–Evans (kernkompas/stats/nearest_neighbour.hpp):
// four points computed by hand, ties, degenerate inputs, and thread-count independence.
#include "kernkompas/stats/nearest_neighbour.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "kernkompas/core/error.hpp"

namespace kk::stats {
namespace {

// (0,0) (1,0) (0,2) (3,3) in a 4 × 4 square window: A = 16, P = 16.
// Nearest: 0↔1 at 1, 2→0 at 2, 3→2 at sqrt(10); d̄ = (4 + sqrt 10) / 4.
const std::vector<double> kX{0, 1, 0, 3};
const std::vector<double> kY{0, 0, 2, 3};

TEST(NearestNeighbours, FourPointsByHand) {
  const NearestNeighbourResult nn = nearest_neighbours(kX, kY);
  EXPECT_EQ(nn.neighbour, (std::vector<uint32_t>{1, 0, 0, 2}));
  EXPECT_DOUBLE_EQ(nn.distance[0], 1.0);
  EXPECT_DOUBLE_EQ(nn.distance[1], 1.0);
  EXPECT_DOUBLE_EQ(nn.distance[2], 2.0);
  EXPECT_DOUBLE_EQ(nn.distance[3], std::sqrt(10.0));
  EXPECT_DOUBLE_EQ(nn.mean_distance, (4.0 + std::sqrt(10.0)) / 4.0);
}

TEST(ClarkEvans, FourPointsByHand) {
  const ClarkEvansResult ce = clark_evans(kX, kY, 16.0, 16.0);
  const double mean = 1.7905694150420949;  // (4 + sqrt 10) / 4
  EXPECT_EQ(ce.n, 4u);
  EXPECT_NEAR(ce.mean_distance, mean, 1e-15);
  // Plain: E = 0.5 sqrt(16/4) = 1, SE = 0.26136 / sqrt(16/16) = 0.26136.
  EXPECT_NEAR(ce.plain.expected, 1.0, 1e-15);
  EXPECT_NEAR(ce.plain.standard_error, 0.26136, 1e-15);
  EXPECT_NEAR(ce.plain.r, mean, 1e-15);
  EXPECT_NEAR(ce.plain.z, 0.7905694150420949 / 0.26136, 1e-12);  // 3.0248294...
  EXPECT_NEAR(ce.plain.p, 0.00248773398, 1e-10);  // erfc(3.0248294 / sqrt 2)
  // Donnelly: E = 1 + (0.0514 + 0.041/2)·16/4 = 1.2876;
  // SE² = 0.0703·16/16 + 0.037·16·sqrt(16/4⁵) = 0.0703 + 0.592·0.125 = 0.1443.
  EXPECT_NEAR(ce.donnelly.expected, 1.2876, 1e-15);
  EXPECT_NEAR(ce.donnelly.standard_error, std::sqrt(0.1443), 1e-15);
  EXPECT_NEAR(ce.donnelly.r, mean / 1.2876, 1e-15);
  EXPECT_NEAR(ce.donnelly.z, (mean - 1.2876) / std::sqrt(0.1443), 1e-12);  // 1.32405...
  EXPECT_NEAR(ce.donnelly.p, 0.18548236371, 1e-10);  // erfc(1.3240623 / sqrt 2)
}

TEST(NearestNeighbours, TiesGoToTheLowerIndexAndCoincidentPointsAreAtZero) {
  // Point 2 at the origin has points 0 and 1 both at distance 1; points 3 and 4 coincide.
  const std::vector<double> x{1, -1, 0, 10, 10};
  const std::vector<double> y{0, 0, 0, 10, 10};
  const NearestNeighbourResult nn = nearest_neighbours(x, y);
  EXPECT_EQ(nn.neighbour, (std::vector<uint32_t>{2, 2, 0, 4, 3}));
  EXPECT_EQ(nn.distance[3], 0.0);
  EXPECT_EQ(nn.distance[4], 0.0);
}

TEST(NearestNeighbours, FewerThanTwoPointsGiveNaN) {
  const std::vector<double> one{5};
  const NearestNeighbourResult nn = nearest_neighbours(one, one);
  ASSERT_EQ(nn.distance.size(), 1u);
  EXPECT_TRUE(std::isnan(nn.distance[0]));
  EXPECT_EQ(nn.neighbour[0], std::numeric_limits<uint32_t>::max());
  EXPECT_TRUE(std::isnan(nn.mean_distance));
  const ClarkEvansResult ce = clark_evans(one, one, 1.0, 4.0);
  EXPECT_TRUE(std::isnan(ce.plain.r));
  EXPECT_TRUE(std::isnan(ce.donnelly.p));
  EXPECT_TRUE(nearest_neighbours({}, {}).distance.empty());
}

TEST(NearestNeighbours, BadInputThrowsWithThePoint) {
  const std::vector<double> x{0, std::numeric_limits<double>::quiet_NaN()};
  const std::vector<double> y{0, 0};
  try {
    nearest_neighbours(x, y);
    FAIL() << "no throw";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidArgument);
    EXPECT_NE(std::string(e.what()).find("point 1"), std::string::npos) << e.what();
  }
  EXPECT_THROW(nearest_neighbours(x, std::vector<double>{0}), Error);
  EXPECT_THROW(nearest_neighbours(kX, kY, {.threads = 0}), Error);
  EXPECT_THROW(clark_evans(kX, kY, 0.0, 16.0), Error);
  EXPECT_THROW(clark_evans(kX, kY, 16.0, -1.0), Error);
  EXPECT_THROW(clark_evans(1.0, 4, std::numeric_limits<double>::infinity(), 1.0), Error);
}

TEST(NearestNeighbours, ThreadCountDoesNotChangeTheResult) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0.0, 1000.0);
  std::vector<double> x(20000), y(20000);
  for (size_t i = 0; i < x.size(); ++i) {
    // Integer coordinates, so many exact ties.
    x[i] = std::floor(u(rng) / 10.0);
    y[i] = std::floor(u(rng) / 10.0);
  }
  const NearestNeighbourResult one = nearest_neighbours(x, y, {.threads = 1});
  const NearestNeighbourResult three = nearest_neighbours(x, y, {.threads = 3});
  EXPECT_EQ(one.neighbour, three.neighbour);
  EXPECT_EQ(one.distance, three.distance);
  EXPECT_EQ(one.mean_distance, three.mean_distance);
}

TEST(ClarkEvans, RegularLatticeIsAboveOneAndClumpsAreBelow) {
  // A 10 × 10 unit lattice in a 10 × 10 window: d̄ = 1, E = 0.5, R = 2.
  std::vector<double> x, y;
  for (int i = 0; i < 10; ++i) {
    for (int j = 0; j < 10; ++j) {
      x.push_back(i + 0.5);
      y.push_back(j + 0.5);
    }
  }
  const ClarkEvansResult lattice = clark_evans(x, y, 100.0, 40.0);
  EXPECT_DOUBLE_EQ(lattice.plain.r, 2.0);
  EXPECT_GT(lattice.donnelly.z, 10.0);
  // Pairs 0.01 apart: strongly clustered.
  for (size_t i = 0; i < x.size(); i += 2) x[i + 1] = x[i] + 0.01, y[i + 1] = y[i];
  EXPECT_LT(clark_evans(x, y, 100.0, 40.0).plain.r, 0.1);
}

}  // namespace
}  // namespace kk::stats
