// Tests for service areas (kernkompas/network/service_area.hpp): on a lattice the polygon holds
// exactly the reachable nodes; one-way streets; the cut of a partial link checked by the area
// of its band; origins without a link or beyond reach; the row layout and bad options.
#include "kernkompas/network/service_area.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <numbers>
#include <vector>

#include "kernkompas/core/error.hpp"
#include "network/network_testing.hpp"

namespace kk::network {
namespace {

using testing::make_lattice;
using testing::make_network;
using testing::snap_points;

// Even-odd ray casting over every ring of a feature: inside its exterior rings and outside
// their holes (valid polygons only, as GEOS returns them).
bool inside(const geometry::MultiPolygonArray& p, size_t feature, double x, double y) {
  bool in = false;
  for (uint32_t part = p.part_offsets[feature]; part < p.part_offsets[feature + 1]; ++part) {
    for (uint32_t ring = p.ring_offsets[part]; ring < p.ring_offsets[part + 1]; ++ring) {
      for (uint32_t v = p.vertex_offsets[ring] + 1; v < p.vertex_offsets[ring + 1]; ++v) {
        const double x0 = p.x[v - 1], y0 = p.y[v - 1], x1 = p.x[v], y1 = p.y[v];
        if ((y0 > y) != (y1 > y) && x < x0 + (y - y0) * (x1 - x0) / (y1 - y0)) in = !in;
      }
    }
  }
  return in;
}

size_t part_count(const geometry::MultiPolygonArray& p, size_t feature) {
  return p.part_offsets[feature + 1] - p.part_offsets[feature];
}

// GEOS draws a round cap as half of a regular 32-gon (8 segments per quarter circle), so a
// straight piece of length l has the band area 2 b l plus the 32-gon's 16 b² sin(π/16).
double straight_band_area(double length, double band) {
  return 2.0 * band * length + 16.0 * band * band * std::sin(std::numbers::pi / 16.0);
}

TEST(NetworkServiceArea, LatticePolygonHoldsExactlyTheReachableNodes) {
  // 11 × 11 lattice, 200 m apart, band 50 m (spacing > 2 × band). From the centre node, the
  // network distance is the Manhattan distance: within 500 m lie the 13 nodes at Manhattan
  // distance <= 400 (2r² + 2r + 1, r = 2), within 700 m the 25 at <= 600 (r = 3). The budget
  // left at the last reached nodes (100 m) ends 100 m short of the next node, beyond the band.
  const RoadNetwork net = make_lattice(5, 200.0);
  const SnappedPoints origin = snap_points(net, {{0.0, 0.0}});
  ServiceAreaOptions options;
  options.metric = Metric::kDistance;
  options.limits = {500.0, 700.0};
  const ServiceAreas areas = service_areas(net, origin, options);
  ASSERT_EQ(areas.size(), 2u);
  ASSERT_EQ(areas.polygons.size(), 2u);
  for (size_t row = 0; row < 2; ++row) {
    const double manhattan_limit = row == 0 ? 400.0 : 600.0;
    std::vector<uint32_t> expected;
    for (uint32_t node = 0; node < net.node_count(); ++node) {
      const double d = std::fabs(net.node_x(node)) + std::fabs(net.node_y(node));
      const bool reachable = d <= manhattan_limit;
      if (reachable) expected.push_back(node);
      EXPECT_EQ(inside(areas.polygons, row, net.node_x(node), net.node_y(node)), reachable)
          << "row " << row << " node (" << net.node_x(node) << ", " << net.node_y(node) << ")";
    }
    EXPECT_EQ(areas.reachable_nodes[row], expected);
    EXPECT_EQ(areas.reachable_nodes[row].size(), row == 0 ? 13u : 25u);
    EXPECT_EQ(part_count(areas.polygons, row), 1u);
  }
  // Half-way into the partial links: 100 m beyond (0, 400) lies inside, 160 m beyond not.
  EXPECT_TRUE(inside(areas.polygons, 0, 0.0, 500.0));
  EXPECT_FALSE(inside(areas.polygons, 0, 0.0, 560.0));
  EXPECT_EQ(areas.origin, (std::vector<uint32_t>{0, 0}));
  EXPECT_EQ(areas.limit, (std::vector<double>{500.0, 700.0}));
}

TEST(NetworkServiceArea, OneWayStreetIsDrivenOnlyForwards) {
  // A one-way street (0,0) -> (1000,0), then a two-way street on to (2000,0). The origin
  // stands at x = 500; snap distance left out. Within 300 m: only [500, 800] (the band ends
  // at 850 with its cap; backwards nothing beyond the cap at 450). Within 600 m: the node at
  // 1000 (cost 500) and 100 m of the next street, [1000, 1100].
  const RoadNetwork net = make_network({{{{0.0, 0.0}, {1000.0, 0.0}}, 0, Direction::kForward},
                                        {{{1000.0, 0.0}, {2000.0, 0.0}}}});
  const SnappedPoints origin = snap_points(net, {{500.0, 10.0}});
  ServiceAreaOptions options;
  options.metric = Metric::kDistance;
  options.limits = {300.0, 600.0};
  options.add_snap_distance = false;
  const ServiceAreas areas = service_areas(net, origin, options);
  ASSERT_EQ(areas.size(), 2u);
  EXPECT_TRUE(areas.reachable_nodes[0].empty());
  EXPECT_TRUE(inside(areas.polygons, 0, 790.0, 0.0));
  EXPECT_TRUE(inside(areas.polygons, 0, 840.0, 0.0));
  EXPECT_FALSE(inside(areas.polygons, 0, 860.0, 0.0));
  EXPECT_FALSE(inside(areas.polygons, 0, 440.0, 0.0));
  EXPECT_NEAR(feature_area(areas.polygons, 0), straight_band_area(300.0, 50.0), 1e-6);

  ASSERT_EQ(areas.reachable_nodes[1].size(), 1u);
  const uint32_t node = areas.reachable_nodes[1][0];
  EXPECT_EQ(net.node_x(node), 1000.0);
  EXPECT_TRUE(inside(areas.polygons, 1, 1140.0, 0.0));
  EXPECT_FALSE(inside(areas.polygons, 1, 1160.0, 0.0));
  EXPECT_FALSE(inside(areas.polygons, 1, 440.0, 0.0));
  EXPECT_NEAR(feature_area(areas.polygons, 1), straight_band_area(600.0, 50.0), 1e-6);

  // Against the one-way direction: an origin at x = 1500 on the two-way street reaches the
  // node at 1000 but cannot drive on the one-way street from its end.
  const SnappedPoints back = snap_points(net, {{1500.0, 0.0}});
  options.limits = {800.0};
  const ServiceAreas from_back = service_areas(net, back, options);
  EXPECT_FALSE(inside(from_back.polygons, 0, 900.0, 0.0));
  EXPECT_TRUE(inside(from_back.polygons, 0, 1960.0, 0.0));
  // [1000, 2000]: 500 m back to the node at 1000, 500 m on to the end at 2000.
  EXPECT_NEAR(feature_area(from_back.polygons, 0), straight_band_area(1000.0, 50.0), 1e-6);
  EXPECT_EQ(from_back.reachable_nodes[0].size(), 2u);
}

TEST(NetworkServiceArea, PartialLinkIsCutAtTheExactOffsetInTime) {
  // One straight street (0,0) -> (1000,0) at 36 km/h = 10 m/s. The origin at (200, 30) snaps
  // to offset 200 at 30 m: 3 s. Within 30 s, 27 s = 270 m are left: forwards to 470, and
  // backwards to the node at 0 (reached at 3 + 20 = 23 s; the 70 m its last 7 s pay for lie
  // on the same street, already covered). So the band covers [0, 470].
  RoadNetworkOptions net_options;
  net_options.speed_kmh = {36.0};
  const RoadNetwork net = make_network({{{{0.0, 0.0}, {1000.0, 0.0}}}}, net_options);
  const SnappedPoints origin = snap_points(net, {{200.0, 30.0}});
  ServiceAreaOptions options;
  options.limits = {30.0};
  const ServiceAreas areas = service_areas(net, origin, options);
  ASSERT_EQ(areas.size(), 1u);
  EXPECT_NEAR(feature_area(areas.polygons, 0), straight_band_area(470.0, 50.0), 1e-6);
  ASSERT_EQ(areas.reachable_nodes[0].size(), 1u);
  EXPECT_EQ(net.node_x(areas.reachable_nodes[0][0]), 0.0);
  // Without the snap distance: 300 m forwards, to 500.
  options.add_snap_distance = false;
  const ServiceAreas no_snap = service_areas(net, origin, options);
  EXPECT_NEAR(feature_area(no_snap.polygons, 0), straight_band_area(500.0, 50.0), 1e-6);
}

TEST(NetworkServiceArea, PartialLinkOnABentStreetFollowsItsVertices) {
  // An L-shaped street (0,0) -> (100,0) -> (100,300) and a second street on from (100,300).
  // From (0,0), within 250 m: 100 m along x, then 150 m up to (100,150). Inside: (100, 140);
  // outside: (100, 260) (the band ends at 200) and anything of the second street.
  const RoadNetwork net = make_network({{{{0.0, 0.0}, {100.0, 0.0}, {100.0, 300.0}}},
                                        {{{100.0, 300.0}, {100.0, 600.0}}}});
  const SnappedPoints origin = snap_points(net, {{0.0, 0.0}});
  ServiceAreaOptions options;
  options.metric = Metric::kDistance;
  options.limits = {250.0};
  options.band_m = 10.0;
  const ServiceAreas areas = service_areas(net, origin, options);
  EXPECT_TRUE(inside(areas.polygons, 0, 100.0, 140.0));
  EXPECT_TRUE(inside(areas.polygons, 0, 105.0, 155.0));
  EXPECT_FALSE(inside(areas.polygons, 0, 100.0, 165.0));
  EXPECT_FALSE(inside(areas.polygons, 0, 100.0, 260.0));
  // The start node only: the node at (100, 300) lies 400 m away.
  ASSERT_EQ(areas.reachable_nodes[0].size(), 1u);
  EXPECT_EQ(net.node_x(areas.reachable_nodes[0][0]), 0.0);
}

TEST(NetworkServiceArea, OriginsWithoutLinkOrBeyondReachGetEmptyRows) {
  // Origin 0 is NaN (no link); origin 1 lies 400 m off the street, more than the first limit
  // (300 m) but within the second (500 m: 100 m each way along the street).
  const RoadNetwork net = make_network({{{{0.0, 0.0}, {1000.0, 0.0}}}});
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const SnappedPoints origins = snap_points(net, {{nan, nan}, {500.0, 400.0}});
  ASSERT_EQ(origins.link[0], kNoLink);
  ServiceAreaOptions options;
  options.metric = Metric::kDistance;
  options.limits = {300.0, 500.0};
  const ServiceAreas areas = service_areas(net, origins, options);
  ASSERT_EQ(areas.size(), 4u);
  ASSERT_EQ(areas.polygons.size(), 4u);
  EXPECT_EQ(areas.origin, (std::vector<uint32_t>{0, 0, 1, 1}));
  EXPECT_EQ(areas.limit, (std::vector<double>{300.0, 500.0, 300.0, 500.0}));
  for (size_t row = 0; row < 3; ++row) {
    EXPECT_EQ(part_count(areas.polygons, row), 0u) << row;
    EXPECT_TRUE(areas.reachable_nodes[row].empty()) << row;
  }
  EXPECT_NEAR(feature_area(areas.polygons, 3), straight_band_area(200.0, 50.0), 1e-6);
  EXPECT_TRUE(areas.reachable_nodes[3].empty());
}

TEST(NetworkServiceArea, ANodeReachedWithNoBudgetLeftIsInside) {
  // The origin (-300, 0) snaps to the end node (0, 0) of a street (0,0) -> (1000,0), 300 m
  // away; within exactly 300 m it reaches that node and no road beyond it: the polygon is the
  // band's disc around the node, a regular 32-gon of area 16 b² sin(π/16).
  const RoadNetwork net = make_network({{{{0.0, 0.0}, {1000.0, 0.0}}}});
  const SnappedPoints origin = snap_points(net, {{-300.0, 0.0}});
  ServiceAreaOptions options;
  options.metric = Metric::kDistance;
  options.limits = {300.0};
  const ServiceAreas areas = service_areas(net, origin, options);
  ASSERT_EQ(areas.reachable_nodes[0].size(), 1u);
  EXPECT_TRUE(inside(areas.polygons, 0, 0.0, 0.0));
  EXPECT_NEAR(feature_area(areas.polygons, 0), straight_band_area(0.0, 50.0), 1e-6);
}

TEST(NetworkServiceArea, RefusesBadOptionsAndCancels) {
  const RoadNetwork net = make_lattice(1, 100.0);
  const SnappedPoints origin = snap_points(net, {{0.0, 0.0}});
  const auto refuses = [&](ServiceAreaOptions options) {
    try {
      service_areas(net, origin, options);
      return false;
    } catch (const Error& e) {
      return e.code() == ErrorCode::kInvalidArgument;
    }
  };
  ServiceAreaOptions options;
  EXPECT_TRUE(refuses(options));  // no limits
  options.limits = {600.0, 300.0};
  EXPECT_TRUE(refuses(options));
  options.limits = {0.0};
  EXPECT_TRUE(refuses(options));
  options.limits = {std::numeric_limits<double>::infinity()};
  EXPECT_TRUE(refuses(options));
  options.limits = {300.0};
  options.band_m = 0.0;
  EXPECT_TRUE(refuses(options));
  options.band_m = 50.0;
  EXPECT_FALSE(refuses(options));
  SnappedPoints bad = origin;
  bad.link[0] = 999;
  EXPECT_THROW(service_areas(net, bad, options), Error);
  options.progress = [](std::string_view, double) { return false; };
  EXPECT_THROW(service_areas(net, origin, options), Cancelled);
}

}  // namespace
}  // namespace kk::network
