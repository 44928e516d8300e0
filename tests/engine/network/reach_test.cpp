// Tests for counts within network radii and origin-destination cost lists
// (kernkompas/network/reach.hpp): exact counts on a lattice, searched from either side, and
// cost lists checked pair by pair against nearest_facility() with one facility at a time.
#include "kernkompas/network/reach.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <random>
#include <vector>

#include "kernkompas/core/error.hpp"
#include "network/network_testing.hpp"

namespace kk::network {
namespace {

using testing::make_lattice;

// Every lattice point of the 21 × 21 lattice (spacing 1 km), row by row.
std::pair<std::vector<double>, std::vector<double>> lattice_points() {
  std::vector<double> x, y;
  for (int a = -10; a <= 10; ++a) {
    for (int b = -10; b <= 10; ++b) {
      x.push_back(a * 1000.0);
      y.push_back(b * 1000.0);
    }
  }
  return {x, y};
}

TEST(NetworkReach, CountsOnALatticeFromOneOrigin) {
  // Network distance on the lattice is the Manhattan distance. Lattice points within
  // Manhattan distance r (km): 2r² + 2r + 1 = 5, 25, 61, 221 for r = 1, 3, 5, 10; all
  // 21² = 441 points lie within 20 km of the centre.
  const RoadNetwork net = make_lattice(10, 1000.0);
  const LinkIndex index(net);
  const auto [fx, fy] = lattice_points();
  const std::vector<double> ox{0.0}, oy{0.0};
  const FacilityCounts c =
      count_facilities_within(net, index.snap(ox, oy), index.snap(fx, fy), kDefaultRadiiM);  // from the origin
  const std::vector<double> expected{5, 25, 61, 221, 441};
  for (size_t k = 0; k < 5; ++k) EXPECT_EQ(c.at(0, k), expected[k]) << k;
}

TEST(NetworkReach, CountsOnALatticeFromOneFacility) {
  // Every lattice point an origin, one facility at the centre: the search runs from the
  // facility over the reversed graph. An origin at Manhattan distance m km counts it for
  // every radius >= m.
  const RoadNetwork net = make_lattice(10, 1000.0);
  const LinkIndex index(net);
  const auto [ox, oy] = lattice_points();
  const std::vector<double> fx{0.0}, fy{0.0};
  const FacilityCounts c = count_facilities_within(net, index.snap(ox, oy), index.snap(fx, fy), kDefaultRadiiM);
  for (size_t i = 0; i < ox.size(); ++i) {
    const double m = (std::fabs(ox[i]) + std::fabs(oy[i])) / 1000.0;
    for (size_t k = 0; k < 5; ++k) EXPECT_EQ(c.at(i, k), m * 1000.0 <= kDefaultRadiiM[k] ? 1.0 : 0.0) << i << " " << k;
  }
}

TEST(NetworkReach, CountsFromAMidLinkOrigin) {
  // Origin at (500, 0), halfway between lattice points (0,0) and (1000,0): a point p is
  // 500 m + 1000 m × min(Manhattan to either) away. Counted by brute force over the lattice.
  const RoadNetwork net = make_lattice(10, 1000.0);
  const LinkIndex index(net);
  const auto [fx, fy] = lattice_points();
  const std::vector<double> ox{500.0}, oy{0.0};
  const FacilityCounts c = count_facilities_within(net, index.snap(ox, oy), index.snap(fx, fy), kDefaultRadiiM);
  for (size_t k = 0; k < 5; ++k) {
    double expected = 0;
    for (size_t j = 0; j < fx.size(); ++j) {
      const double m0 = std::fabs(fx[j]) + std::fabs(fy[j]);
      const double m1 = std::fabs(fx[j] - 1000.0) + std::fabs(fy[j]);
      expected += 500.0 + std::min(m0, m1) <= kDefaultRadiiM[k] ? 1.0 : 0.0;
    }
    EXPECT_EQ(c.at(0, k), expected) << k;
  }
  EXPECT_EQ(c.at(0, 0), 2.0);  // 1 km: only the two ends of the origin's own link (500 m each)
}

TEST(NetworkReach, CountsWithinTravelTimes) {
  // At 36 km/h a lattice step takes 100 s: within 10 minutes lie Manhattan distances <= 6,
  // 2·36 + 12 + 1 = 85 points; within 5 minutes 2·9 + 6 + 1 = 25.
  RoadNetworkOptions slow;
  slow.speed_kmh = {36.0};
  const RoadNetwork net = make_lattice(10, 1000.0, slow);
  const LinkIndex index(net);
  const auto [fx, fy] = lattice_points();
  const std::vector<double> ox{0.0}, oy{0.0};
  ReachOptions options;
  options.cost.metric = Metric::kTime;
  const std::vector<double> minutes{300.0, 600.0};
  const FacilityCounts c = count_facilities_within(net, index.snap(ox, oy), index.snap(fx, fy), minutes, options);
  EXPECT_EQ(c.at(0, 0), 25.0);
  EXPECT_EQ(c.at(0, 1), 85.0);
}

TEST(NetworkReach, OriginOffTheNetworkCountsNaN) {
  const RoadNetwork net = make_lattice(1, 1000.0);
  const LinkIndex index(net);
  const std::vector<double> ox{std::nan(""), 0.0}, oy{0.0, 0.0}, fx{0.0}, fy{0.0};
  const FacilityCounts c = count_facilities_within(net, index.snap(ox, oy), index.snap(fx, fy), kDefaultRadiiM);
  EXPECT_TRUE(std::isnan(c.at(0, 0)));
  EXPECT_EQ(c.at(1, 0), 1.0);
  const std::vector<double> unordered{3000.0, 1000.0};
  EXPECT_THROW(count_facilities_within(net, index.snap(ox, oy), index.snap(fx, fy), unordered), Error);
  EXPECT_THROW(count_facilities_within(net, index.snap(ox, oy), index.snap(fx, fy), {}), Error);
}

// A random network as in nearest_facility_test.cpp, smaller.
RoadNetwork random_network(uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1000.0);
  std::uniform_int_distribution<int> node(0, 49), kind(0, 5);
  std::vector<std::pair<double, double>> at(50);
  for (auto& p : at) p = {std::round(u(rng)), std::round(u(rng))};
  std::vector<testing::Line> lines;
  for (int i = 0; i < 120; ++i) {
    const auto a = at[static_cast<size_t>(node(rng))];
    const auto b = at[static_cast<size_t>(node(rng))];
    if (a == b) continue;
    const int k = kind(rng);
    const Direction d = k == 0 ? Direction::kForward : k == 1 ? Direction::kBackward : Direction::kBoth;
    lines.push_back({{a, b}, static_cast<uint16_t>(k % 2), d});
  }
  RoadNetworkOptions options;
  options.speed_kmh = {30.0, 80.0};
  return testing::make_network(lines, options);
}

// Checks od_costs_within() against nearest_facility() run with one destination at a time.
void expect_od_matches_single_runs(size_t origin_count, size_t destination_count, Metric metric) {
  const RoadNetwork net = random_network(4242);
  const LinkIndex index(net);
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(0.0, 1000.0);
  std::vector<double> ox, oy, dx, dy;
  for (size_t i = 0; i < origin_count; ++i) {
    ox.push_back(u(rng));
    oy.push_back(u(rng));
  }
  for (size_t j = 0; j < destination_count; ++j) {
    dx.push_back(u(rng));
    dy.push_back(u(rng));
  }
  const SnappedPoints origins = index.snap(ox, oy);
  const SnappedPoints destinations = index.snap(dx, dy);
  ReachOptions options;
  options.cost.metric = metric;
  const double max_cost = metric == Metric::kTime ? 60.0 : 700.0;
  const OdCosts od = od_costs_within(net, origins, destinations, max_cost, options);

  std::vector<std::tuple<uint32_t, uint32_t, double, double>> expected;
  NearestFacilityOptions single_options;
  single_options.cost.metric = metric;
  for (uint32_t j = 0; j < destination_count; ++j) {
    const SnappedPoints one = index.snap(std::span<const double>(dx).subspan(j, 1), std::span<const double>(dy).subspan(j, 1));
    const NearestFacilityResult r = nearest_facility(net, origins, one, single_options);
    for (uint32_t i = 0; i < origin_count; ++i) {
      const double c = metric == Metric::kTime ? r.time_s[i] : r.distance_m[i];
      if (c <= max_cost) expected.emplace_back(i, j, r.distance_m[i], r.time_s[i]);
    }
  }
  std::sort(expected.begin(), expected.end());
  ASSERT_EQ(od.size(), expected.size());
  ASSERT_GT(od.size(), 10u);  // the test means something
  for (size_t p = 0; p < od.size(); ++p) {
    EXPECT_EQ(od.origin[p], std::get<0>(expected[p])) << p;
    EXPECT_EQ(od.destination[p], std::get<1>(expected[p])) << p;
    EXPECT_NEAR(od.distance_m[p], std::get<2>(expected[p]), 1e-9 * od.distance_m[p]) << p;
    EXPECT_NEAR(od.time_s[p], std::get<3>(expected[p]), 1e-9 * od.time_s[p]) << p;
  }
}

TEST(NetworkReach, OdCostsFromDestinationsMatchSingleRuns) {
  expect_od_matches_single_runs(200, 12, Metric::kDistance);  // searched from the 12
  expect_od_matches_single_runs(200, 12, Metric::kTime);
}

TEST(NetworkReach, OdCostsFromOriginsMatchSingleRuns) {
  expect_od_matches_single_runs(6, 40, Metric::kDistance);  // searched from the 6
  expect_od_matches_single_runs(6, 40, Metric::kTime);
}

// Random points over the random network's square, from a fixed seed.
std::pair<std::vector<double>, std::vector<double>> random_points(size_t n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1000.0);
  std::vector<double> x, y;
  for (size_t i = 0; i < n; ++i) {
    x.push_back(u(rng));
    y.push_back(u(rng));
  }
  return {x, y};
}

// Counts and cost lists with 4 threads (and the hardware's number) equal those with one,
// searched from either side.
void expect_same_with_threads(size_t origin_count, size_t facility_count) {
  const RoadNetwork net = random_network(777);
  const LinkIndex index(net);
  const auto [ox, oy] = random_points(origin_count, 11);
  const auto [fx, fy] = random_points(facility_count, 12);
  const SnappedPoints origins = index.snap(ox, oy);
  const SnappedPoints facilities = index.snap(fx, fy);
  const std::vector<double> thresholds{100.0, 300.0, 600.0};
  ReachOptions one;
  const FacilityCounts counts_one = count_facilities_within(net, origins, facilities, thresholds, one);
  const OdCosts od_one = od_costs_within(net, origins, facilities, 600.0, one);
  ASSERT_GT(od_one.size(), 50u);  // the comparison means something
  double total = 0.0;
  for (const double c : counts_one.counts) total += c;
  ASSERT_GT(total, 50.0);
  for (const unsigned threads : {4u, 0u}) {
    ReachOptions many;
    many.threads = threads;
    const FacilityCounts counts = count_facilities_within(net, origins, facilities, thresholds, many);
    EXPECT_EQ(counts.counts, counts_one.counts) << threads;
    const OdCosts od = od_costs_within(net, origins, facilities, 600.0, many);
    EXPECT_EQ(od.origin, od_one.origin) << threads;
    EXPECT_EQ(od.destination, od_one.destination) << threads;
    EXPECT_EQ(od.distance_m, od_one.distance_m) << threads;
    EXPECT_EQ(od.time_s, od_one.time_s) << threads;
  }
}

TEST(NetworkReach, ThreadsGiveTheSameResultsFromFacilities) {
  expect_same_with_threads(300, 25);  // searched from the 25 facilities, over the reversed graph
}

TEST(NetworkReach, ThreadsGiveTheSameResultsFromOrigins) {
  expect_same_with_threads(20, 150);  // searched from the 20 origins
}

TEST(NetworkReach, ThreadsCancelThroughProgress) {
  const RoadNetwork net = random_network(777);
  const LinkIndex index(net);
  const auto [ox, oy] = random_points(50, 11);
  ReachOptions options;
  options.threads = 4;
  options.progress = [](std::string_view, double fraction) { return fraction < 0.5; };
  EXPECT_THROW(count_facilities_within(net, index.snap(ox, oy), index.snap(ox, oy), kDefaultRadiiM, options),
               Cancelled);
}

}  // namespace
}  // namespace kk::network
