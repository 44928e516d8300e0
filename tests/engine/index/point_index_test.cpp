// Tests for the point index (kernkompas/index/point_index.hpp): hand-made cases for ties,
// coincident points and NaN, and random queries checked against a brute-force scan.
#include "kernkompas/index/point_index.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "kernkompas/core/error.hpp"

namespace kk::index {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<uint32_t> indices(const std::vector<Neighbour>& found) {
  std::vector<uint32_t> out;
  for (const Neighbour& n : found) out.push_back(n.index);
  return out;
}

TEST(PointIndex, NearestBreaksTiesByLowerIndex) {
  // Four points at distance 1 from the origin, one at 2, one at the origin.
  const std::vector<double> x{0, 2, 0, -1, 1, 0};
  const std::vector<double> y{1, 0, -1, 0, 0, 0};
  const PointIndex index(x, y);
  std::vector<Neighbour> found;
  index.nearest(0, 0, 3, found);
  EXPECT_EQ(indices(found), (std::vector<uint32_t>{5, 0, 2}));
  EXPECT_DOUBLE_EQ(found[0].distance, 0.0);
  EXPECT_DOUBLE_EQ(found[2].distance, 1.0);
  index.nearest_to(5, 4, found);
  EXPECT_EQ(indices(found), (std::vector<uint32_t>{0, 2, 3, 4}));
  index.nearest_to(5, 10, found);  // more than there are: all other five
  EXPECT_EQ(indices(found), (std::vector<uint32_t>{0, 2, 3, 4, 1}));
}

TEST(PointIndex, CoincidentPointsAreNeighboursAtZero) {
  const std::vector<double> x{5, 5, 9};
  const std::vector<double> y{5, 5, 5};
  const PointIndex index(x, y);
  std::vector<Neighbour> found;
  index.nearest_to(1, 1, found);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].index, 0u);
  EXPECT_EQ(found[0].distance, 0.0);
}

TEST(PointIndex, WithinIncludesTheCircleAndSortsByIndex) {
  // 3-4-5 triangle: the point at (3, 4) lies exactly on the circle of radius 5.
  const std::vector<double> x{3, 0, 6, 0};
  const std::vector<double> y{4, 0, 0, 5.000001};
  const PointIndex index(x, y);
  std::vector<Neighbour> found;
  index.within(0, 0, 5.0, found);
  EXPECT_EQ(indices(found), (std::vector<uint32_t>{0, 1}));
  EXPECT_DOUBLE_EQ(found[0].distance, 5.0);
  EXPECT_EQ(index.count_within(0, 0, 5.0), 2u);
  index.within(0, 0, -1.0, found);
  EXPECT_TRUE(found.empty());
  EXPECT_EQ(index.count_within(0, 0, -1.0), 0u);
  EXPECT_EQ(index.count_within(kNaN, 0, 5.0), 0u);
}

TEST(PointIndex, NaNPointsAreLeftOut) {
  const std::vector<double> x{0, kNaN, 1};
  const std::vector<double> y{0, 0, kNaN};
  const PointIndex index(x, y);
  EXPECT_EQ(index.size(), 1u);
  std::vector<Neighbour> found;
  index.nearest(0, 0, 5, found);
  EXPECT_EQ(indices(found), (std::vector<uint32_t>{0}));
  index.nearest_to(1, 5, found);  // a NaN point's own query finds nothing
  EXPECT_TRUE(found.empty());
  index.nearest(kNaN, 0, 5, found);
  EXPECT_TRUE(found.empty());
}

TEST(PointIndex, RefusesBadArguments) {
  const std::vector<double> x{0, 1};
  const std::vector<double> y{0};
  try {
    PointIndex(x, y);
    ADD_FAILURE() << "accepted x and y of different lengths";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "PointIndex: x and y differ in length");
  }
  const PointIndex empty(std::vector<double>{}, std::vector<double>{});
  std::vector<Neighbour> found{{1, 1.0}};
  empty.nearest(0, 0, 3, found);
  EXPECT_TRUE(found.empty());
  EXPECT_THROW(empty.nearest_to(0, 1, found), Error);
}

// Random points on a coarse lattice (many equal distances) against a brute-force scan.
TEST(PointIndex, AgreesWithBruteForce) {
  std::mt19937_64 rng(11);
  std::uniform_int_distribution<int> coordinate(0, 40);
  std::vector<double> x(2000), y(2000);
  for (size_t i = 0; i < x.size(); ++i) {
    x[i] = coordinate(rng) * 2.5;
    y[i] = coordinate(rng) * 2.5;
  }
  const PointIndex index(x, y);
  std::vector<Neighbour> found;
  for (uint32_t q = 0; q < 300; ++q) {
    std::vector<Neighbour> all;
    for (uint32_t i = 0; i < x.size(); ++i) {
      if (i != q) all.push_back({i, std::hypot(x[i] - x[q], y[i] - y[q])});
    }
    std::sort(all.begin(), all.end(), [](const Neighbour& a, const Neighbour& b) {
      return a.distance < b.distance || (a.distance == b.distance && a.index < b.index);
    });
    const size_t k = 1 + q % 17;
    index.nearest_to(q, k, found);
    ASSERT_EQ(found.size(), k);
    for (size_t j = 0; j < k; ++j) {
      ASSERT_EQ(found[j].index, all[j].index) << "query " << q << " rank " << j;
      ASSERT_NEAR(found[j].distance, all[j].distance, 1e-12);
    }
    const double radius = 2.5 * (q % 7);
    std::vector<uint32_t> expected;
    for (uint32_t i = 0; i < x.size(); ++i) {
      const double dx = x[i] - x[q], dy = y[i] - y[q];
      if (dx * dx + dy * dy <= radius * radius) expected.push_back(i);
    }
    index.within(x[q], y[q], radius, found);
    ASSERT_EQ(indices(found), expected) << "query " << q;
    ASSERT_EQ(index.count_within(x[q], y[q], radius), expected.size()) << "query " << q;
  }
}

}  // namespace
}  // namespace kk::index
