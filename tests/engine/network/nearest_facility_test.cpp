// Tests for the nearest facility search (kernkompas/network/nearest_facility.hpp) on hand-made
// graphs with known shortest paths, and against single-source runs on a random graph.
#include "kernkompas/network/nearest_facility.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "kernkompas/core/error.hpp"
#include "network/network_testing.hpp"

namespace kk::network {
namespace {

using testing::Line;
using testing::make_network;
using testing::snap_points;

// Speeds: class 0 = 36 km/h = 10 m/s, class 1 = 72 km/h = 20 m/s.
RoadNetworkOptions two_speeds() {
  RoadNetworkOptions options;
  options.speed_kmh = {36.0, 72.0};
  return options;
}

// A(0,0) -- B(1000,0) -> C(2000,0), C -- D(1000,1000) the long way round (2000 m, fast),
// D -> B one-way. So B -> C and D -> B are one-way, A-B and C-D two-way:
//   L0 A-B   1000 m, 100 s, two-way
//   L1 B->C  1000 m, 100 s, one-way
//   L2 C-D   2000 m, 100 s, two-way (class 1, via (2000,1000))
//   L3 D->B  1000 m, 100 s, one-way
// plus, with `island`, L4 (5000,5000)-(6000,5000): a second component.
RoadNetwork square(bool island = false) {
  std::vector<Line> lines{{{{0, 0}, {1000, 0}}},
                          {{{1000, 0}, {2000, 0}}, 0, Direction::kForward},
                          {{{2000, 0}, {2000, 1000}, {1000, 1000}}, 1},
                          {{{1000, 1000}, {1000, 0}}, 0, Direction::kForward}};
  if (island) lines.push_back({{{5000, 5000}, {6000, 5000}}});
  return make_network(lines, two_speeds());
}

NearestFacilityResult nearest(const RoadNetwork& net, std::initializer_list<std::pair<double, double>> origins,
                              std::initializer_list<std::pair<double, double>> facilities,
                              Metric metric = Metric::kDistance, bool add_snap = true) {
  NearestFacilityOptions options;
  options.cost.metric = metric;
  options.cost.add_snap_distance = add_snap;
  return nearest_facility(net, snap_points(net, origins), snap_points(net, facilities), options);
}

TEST(NetworkNearestFacility, OneWayStreetsAreHonoured) {
  const RoadNetwork net = square();
  // Facility at A. From C there is no way back along L1: C -> D -> B -> A = 2000 + 1000 + 1000
  // = 4000 m, 100 + 100 + 100 = 300 s. From B: 1000 m, 100 s. From D: D -> B -> A = 2000 m,
  // 200 s. From (1500, 0), mid-L1: on to C (500 m, 50 s), then as from C: 4500 m, 350 s.
  const NearestFacilityResult r = nearest(net, {{2000, 0}, {1000, 0}, {1000, 1000}, {1500, 0}}, {{0, 0}});
  const std::vector<double> distance{4000, 1000, 2000, 4500};
  const std::vector<double> time{300, 100, 200, 350};
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(r.facility[i], 0u) << i;
    EXPECT_DOUBLE_EQ(r.distance_m[i], distance[i]) << i;
    EXPECT_DOUBLE_EQ(r.time_s[i], time[i]) << i;
  }
}

TEST(NetworkNearestFacility, TowardsAFacilityDownAOneWayStreet) {
  const RoadNetwork net = square();
  // Facility at C, snapped to the end of one-way L1 (it stands on node C). From A: A -> B -> C
  // = 2000 m, 200 s. From (1500, 0): 500 m on along L1, 50 s. From D two paths of 2000 m:
  // D -> B -> C (200 s) and D -> C along L2 (100 s); the distance tie goes to the faster.
  const NearestFacilityResult r = nearest(net, {{0, 0}, {1500, 0}, {1000, 1000}}, {{2000, 0}});
  EXPECT_DOUBLE_EQ(r.distance_m[0], 2000.0);
  EXPECT_DOUBLE_EQ(r.time_s[0], 200.0);
  EXPECT_DOUBLE_EQ(r.distance_m[1], 500.0);
  EXPECT_DOUBLE_EQ(r.time_s[1], 50.0);
  EXPECT_DOUBLE_EQ(r.distance_m[2], 2000.0);
  EXPECT_DOUBLE_EQ(r.time_s[2], 100.0);
}

TEST(NetworkNearestFacility, UnreachableIsNaNNeverAValue) {
  const RoadNetwork net = square(/*island=*/true);
  EXPECT_EQ(net.component_count(), 2u);
  // (5500, 5000) lies on the island; A is the facility.
  const NearestFacilityResult r = nearest(net, {{5500, 5000}, {1000, 0}}, {{0, 0}});
  EXPECT_EQ(r.facility[0], kNoFacility);
  EXPECT_TRUE(std::isnan(r.distance_m[0]));
  EXPECT_TRUE(std::isnan(r.time_s[0]));
  EXPECT_DOUBLE_EQ(r.distance_m[1], 1000.0);

  // A one-way street alone: X(0,0) -> Y(100,0). From X to a facility at Y: 100 m; from Y to a
  // facility at X: no way.
  const RoadNetwork one_way = make_network({{{{0, 0}, {100, 0}}, 0, Direction::kForward}});
  EXPECT_DOUBLE_EQ(nearest(one_way, {{0, 0}}, {{100, 0}}).distance_m[0], 100.0);
  EXPECT_TRUE(std::isnan(nearest(one_way, {{100, 0}}, {{0, 0}}).distance_m[0]));
  // No facilities at all.
  EXPECT_TRUE(std::isnan(nearest(one_way, {{0, 0}}, {}).distance_m[0]));
}

TEST(NetworkNearestFacility, OriginAndFacilityOnTheSameLink) {
  const RoadNetwork net = square();
  // Facility at (1800, 0): offset 800 on one-way L1. From (1200, 0), offset 200: straight on,
  // 600 m, 60 s. From (1900, 0), offset 900, no way back: 100 m to C, C -> D 2000 m, D -> B
  // 1000 m, B -> facility 800 m = 3900 m; 10 + 100 + 100 + 80 = 290 s.
  const NearestFacilityResult r = nearest(net, {{1200, 0}, {1900, 0}}, {{1800, 0}});
  EXPECT_DOUBLE_EQ(r.distance_m[0], 600.0);
  EXPECT_DOUBLE_EQ(r.time_s[0], 60.0);
  EXPECT_DOUBLE_EQ(r.distance_m[1], 3900.0);
  EXPECT_DOUBLE_EQ(r.time_s[1], 290.0);
  // On two-way L0 both ways are open: (700, 0) to a facility at (200, 0) is 500 m back.
  EXPECT_DOUBLE_EQ(nearest(net, {{700, 0}}, {{200, 0}}).distance_m[0], 500.0);
}

TEST(NetworkNearestFacility, SnapDistanceAddedAtTheLinksSpeed) {
  const RoadNetwork net = square();
  // (500, 30) snaps 30 m onto L0 at offset 500; A is 500 m further: 530 m, 53 s at 10 m/s.
  // The facility at (0, -40) snaps 40 m onto A: 570 m, 57 s. Without snap distances: 500 m.
  EXPECT_DOUBLE_EQ(nearest(net, {{500, 30}}, {{0, 0}}).distance_m[0], 530.0);
  const NearestFacilityResult r = nearest(net, {{500, 30}}, {{0, -40}});
  EXPECT_DOUBLE_EQ(r.distance_m[0], 570.0);
  EXPECT_DOUBLE_EQ(r.time_s[0], 57.0);
  const NearestFacilityResult bare = nearest(net, {{500, 30}}, {{0, -40}}, Metric::kDistance, false);
  EXPECT_DOUBLE_EQ(bare.distance_m[0], 500.0);
  EXPECT_DOUBLE_EQ(bare.time_s[0], 50.0);
}

TEST(NetworkNearestFacility, TiesGoToTheLowerFacilityIndex) {
  const RoadNetwork net = square();
  // From B, A and C are both 1000 m and 100 s away.
  const NearestFacilityResult ac = nearest(net, {{1000, 0}}, {{0, 0}, {2000, 0}});
  EXPECT_EQ(ac.facility[0], 0u);
  EXPECT_DOUBLE_EQ(ac.distance_m[0], 1000.0);
  const NearestFacilityResult ca = nearest(net, {{1000, 0}}, {{2000, 0}, {0, 0}});
  EXPECT_EQ(ca.facility[0], 0u);
  const NearestFacilityResult same_place = nearest(net, {{700, 0}}, {{0, 0}, {0, 0}, {0, 0}});
  EXPECT_EQ(same_place.facility[0], 0u);
}

TEST(NetworkNearestFacility, TimeMetricTakesTheFasterLongerRoad) {
  // S(0,0) to T(1000,0): straight 1000 m at 10 m/s = 100 s, or round via y = 250 on a fast road,
  // 250 + 1000 + 250 = 1500 m at 20 m/s = 75 s.
  const RoadNetwork net =
      make_network({{{{0, 0}, {1000, 0}}}, {{{0, 0}, {0, 250}, {1000, 250}, {1000, 0}}, 1}}, two_speeds());
  const NearestFacilityResult shortest = nearest(net, {{0, 0}}, {{1000, 0}}, Metric::kDistance);
  EXPECT_DOUBLE_EQ(shortest.distance_m[0], 1000.0);
  EXPECT_DOUBLE_EQ(shortest.time_s[0], 100.0);
  const NearestFacilityResult fastest = nearest(net, {{0, 0}}, {{1000, 0}}, Metric::kTime);
  EXPECT_DOUBLE_EQ(fastest.distance_m[0], 1500.0);
  EXPECT_DOUBLE_EQ(fastest.time_s[0], 75.0);
}

TEST(NetworkNearestFacility, SnappedPointsMustFitTheNetwork) {
  const RoadNetwork net = square();
  SnappedPoints bad = snap_points(net, {{10, 0}});
  bad.link[0] = 99;
  EXPECT_THROW(nearest_facility(net, bad, snap_points(net, {{0, 0}})), Error);
  bad.link[0] = 0;
  bad.offset_m[0] = 1000.5;
  EXPECT_THROW(nearest_facility(net, snap_points(net, {{0, 0}}), bad), Error);
}

TEST(NetworkNearestFacility, CancelThroughProgress) {
  const RoadNetwork net = square();
  NearestFacilityOptions options;
  options.progress = [](std::string_view, double) { return false; };
  EXPECT_THROW(nearest_facility(net, snap_points(net, {{0, 0}}), snap_points(net, {{0, 0}}), options), Cancelled);
}

// A random network: 80 nodes, 200 lines with a bend, a third one-way, two speeds, and a few
// stray nodes left in components of their own.
RoadNetwork random_network(uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1000.0);
  std::uniform_int_distribution<int> node(0, 79), kind(0, 5);
  std::vector<std::pair<double, double>> at(80);
  for (auto& p : at) p = {std::round(u(rng)), std::round(u(rng))};
  std::vector<Line> lines;
  for (int i = 0; i < 200; ++i) {
    const auto a = at[static_cast<size_t>(node(rng))];
    const auto b = at[static_cast<size_t>(node(rng))];
    if (a == b) continue;
    const std::pair<double, double> bend{(a.first + b.first) / 2 + u(rng) / 20, (a.second + b.second) / 2};
    const int k = kind(rng);
    const Direction d = k == 0 ? Direction::kForward : k == 1 ? Direction::kBackward : Direction::kBoth;
    lines.push_back({{a, bend, b}, static_cast<uint16_t>(k % 2), d});
  }
  return make_network(lines, two_speeds());
}

TEST(NetworkNearestFacility, MultiSourceEqualsMinimumOfSingleSourceRuns) {
  for (const Metric metric : {Metric::kDistance, Metric::kTime}) {
    const RoadNetwork net = random_network(20261201);
    std::mt19937_64 rng(99);
    std::uniform_real_distribution<double> u(-50.0, 1050.0);
    std::vector<double> ox, oy, fx, fy;
    for (int i = 0; i < 300; ++i) {
      ox.push_back(u(rng));
      oy.push_back(u(rng));
    }
    for (int j = 0; j < 8; ++j) {
      fx.push_back(u(rng));
      fy.push_back(u(rng));
    }
    const LinkIndex index(net);
    const SnappedPoints origins = index.snap(ox, oy);
    const SnappedPoints facilities = index.snap(fx, fy);
    NearestFacilityOptions options;
    options.cost.metric = metric;
    const NearestFacilityResult all = nearest_facility(net, origins, facilities, options);

    std::vector<double> best(ox.size(), std::numeric_limits<double>::infinity());
    size_t unreachable = 0;
    for (size_t j = 0; j < fx.size(); ++j) {
      const SnappedPoints one = index.snap(std::span<const double>(fx).subspan(j, 1),
                                           std::span<const double>(fy).subspan(j, 1));
      const NearestFacilityResult single = nearest_facility(net, origins, one, options);
      for (size_t i = 0; i < ox.size(); ++i) {
        const double c = metric == Metric::kTime ? single.time_s[i] : single.distance_m[i];
        if (!std::isnan(c)) best[i] = std::min(best[i], c);
      }
    }
    for (size_t i = 0; i < ox.size(); ++i) {
      const double c = metric == Metric::kTime ? all.time_s[i] : all.distance_m[i];
      if (std::isinf(best[i])) {
        EXPECT_TRUE(std::isnan(c)) << i;
        ++unreachable;
      } else {
        EXPECT_NEAR(c, best[i], 1e-9 * best[i]) << i;
      }
    }
    // The random graph has one-way dead ends: some origins reach nothing, most reach something.
    EXPECT_LT(unreachable, ox.size() / 2);

    // Reading the origins off the search on several threads changes nothing.
    options.threads = 4;
    const NearestFacilityResult threaded = nearest_facility(net, origins, facilities, options);
    EXPECT_EQ(threaded.facility, all.facility);
    for (size_t i = 0; i < ox.size(); ++i) {
      EXPECT_TRUE(threaded.distance_m[i] == all.distance_m[i] ||
                  (std::isnan(threaded.distance_m[i]) && std::isnan(all.distance_m[i]))) << i;
    }
  }
}

}  // namespace
}  // namespace kk::network
