// Tests for the road graph (kernkompas/network/road_network.hpp): nodes where ends meet, the
// optional split at shared vertices, the snapping grid, lengths and times, one-way arcs,
// components and bad input.
#include "kernkompas/network/road_network.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

#include "kernkompas/core/error.hpp"
#include "network/network_testing.hpp"

namespace kk::network {
namespace {

using testing::Line;
using testing::make_network;

TEST(NetworkRoadNetwork, LinesMeetAtEqualEndsWithPolylineLengths) {
  // Line 0: (0,0)-(3,4)-(3,10): 5 + 6 = 11 m. Line 1: (3,10)-(13,10): 10 m. They share (3,10).
  RoadNetworkOptions options;
  options.speed_kmh = {36.0};  // 10 m/s
  const RoadNetwork net = make_network({{{{0, 0}, {3, 4}, {3, 10}}}, {{{3, 10}, {13, 10}}}}, options);
  ASSERT_EQ(net.node_count(), 3u);  // (0,0), (3,10), (13,10) in order of first appearance
  ASSERT_EQ(net.link_count(), 2u);
  EXPECT_EQ(net.arc_count(), 4u);
  EXPECT_EQ(net.link_from(0), 0u);
  EXPECT_EQ(net.link_to(0), 1u);
  EXPECT_EQ(net.link_from(1), 1u);
  EXPECT_EQ(net.link_to(1), 2u);
  EXPECT_DOUBLE_EQ(net.link_length_m(0), 11.0);
  EXPECT_DOUBLE_EQ(net.link_time_s(0), 1.1);  // 11 m at 10 m/s
  EXPECT_DOUBLE_EQ(net.link_length_m(1), 10.0);
  EXPECT_EQ(net.link_x(0).size(), 3u);  // the geometry is kept for snapping
  EXPECT_DOUBLE_EQ(net.node_x(1), 3.0);
  EXPECT_DOUBLE_EQ(net.node_y(1), 10.0);
  EXPECT_EQ(net.component_count(), 1u);
  EXPECT_EQ(net.out_arcs(1).size(), 2u);  // back along line 0 and on along line 1
}

TEST(NetworkRoadNetwork, OneWayLinksGiveOneArc) {
  // (0,0)->(10,0) forward only; (10,0)-(20,0) drawn from (20,0), backward only = also eastward.
  const RoadNetwork net = make_network({{{{0, 0}, {10, 0}}, 0, Direction::kForward},
                                        {{{20, 0}, {10, 0}}, 0, Direction::kBackward}});
  ASSERT_EQ(net.node_count(), 3u);  // 0 = (0,0), 1 = (10,0), 2 = (20,0)
  EXPECT_EQ(net.arc_count(), 2u);
  ASSERT_EQ(net.out_arcs(0).size(), 1u);
  EXPECT_EQ(net.out_arcs(0)[0].node, 1u);
  ASSERT_EQ(net.out_arcs(1).size(), 1u);
  EXPECT_EQ(net.out_arcs(1)[0].node, 2u);  // line 1 runs from node 2 to node 1, travelled backward
  EXPECT_TRUE(net.out_arcs(2).empty());
  ASSERT_EQ(net.in_arcs(2).size(), 1u);
  EXPECT_EQ(net.in_arcs(2)[0].node, 1u);
  EXPECT_FALSE(net.backward_allowed(0));
  EXPECT_FALSE(net.forward_allowed(1));
  EXPECT_EQ(net.component_count(), 1u);  // weakly connected
}

TEST(NetworkRoadNetwork, SharedInteriorVerticesSplitOnlyWhenAsked) {
  // A horizontal and a vertical line crossing at the shared vertex (10, 0).
  const std::vector<Line> cross{{{{0, 0}, {10, 0}, {20, 0}}}, {{{10, -10}, {10, 0}, {10, 10}}}};
  const RoadNetwork bridge = make_network(cross);
  EXPECT_EQ(bridge.node_count(), 4u);
  EXPECT_EQ(bridge.link_count(), 2u);
  EXPECT_EQ(bridge.component_count(), 2u);  // a bridge over the other road

  RoadNetworkOptions split;
  split.split_at_shared_vertices = true;
  const RoadNetwork junction = make_network(cross, split);
  EXPECT_EQ(junction.node_count(), 5u);
  ASSERT_EQ(junction.link_count(), 4u);
  EXPECT_EQ(junction.component_count(), 1u);
  for (uint32_t e = 0; e < 4; ++e) EXPECT_DOUBLE_EQ(junction.link_length_m(e), 10.0);
  EXPECT_EQ(junction.out_arcs(1).size(), 4u);  // node 1 = (10, 0), the junction
}

TEST(NetworkRoadNetwork, NodeToleranceMergesEndsInOneGridCell) {
  // (10, 0) and (10.004, 0.003): cells floor(1000), floor(1000.4) = 1000 and 0, 0 at 0.01 m.
  const std::vector<Line> lines{{{{0, 0}, {10, 0}}}, {{{10.004, 0.003}, {20, 0}}}};
  EXPECT_EQ(make_network(lines).node_count(), 4u);
  EXPECT_EQ(make_network(lines).component_count(), 2u);
  RoadNetworkOptions options;
  options.node_tolerance_m = 0.01;
  const RoadNetwork merged = make_network(lines, options);
  EXPECT_EQ(merged.node_count(), 3u);
  EXPECT_EQ(merged.component_count(), 1u);
  EXPECT_DOUBLE_EQ(merged.node_x(1), 10.0);  // the first vertex seen
}

TEST(NetworkRoadNetwork, ComponentsNumberedByFirstNode) {
  const RoadNetwork net =
      make_network({{{{0, 0}, {1, 0}}}, {{{50, 50}, {51, 50}}}, {{{1, 0}, {2, 0}}}, {{{90, 0}, {91, 0}}}});
  ASSERT_EQ(net.node_count(), 7u);
  // Nodes: 0 (0,0) 1 (1,0) 2 (50,50) 3 (51,50) 4 (2,0) 5 (90,0) 6 (91,0).
  const std::vector<uint32_t> expected{0, 0, 1, 1, 0, 2, 2};
  for (uint32_t v = 0; v < 7; ++v) EXPECT_EQ(net.component(v), expected[v]) << v;
  EXPECT_EQ(net.component_count(), 3u);
}

TEST(NetworkRoadNetwork, RepeatedVerticesDroppedAndEmptyLinesSkipped) {
  const RoadNetwork net = make_network({{{{0, 0}, {0, 0}, {5, 0}, {5, 0}}}, {{{7, 7}, {7, 7}}}});
  EXPECT_EQ(net.link_count(), 1u);
  EXPECT_EQ(net.link_x(0).size(), 2u);
  EXPECT_DOUBLE_EQ(net.link_length_m(0), 5.0);
  EXPECT_EQ(net.skipped_lines(), 1u);
  EXPECT_EQ(net.node_count(), 2u);
}

TEST(NetworkRoadNetwork, LoopLineIsOneLinkOnOneNode) {
  // A roundabout drawn as one closed line: 4 sides of 10 m.
  const RoadNetwork net = make_network({{{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}, 0, Direction::kForward}});
  EXPECT_EQ(net.node_count(), 1u);
  ASSERT_EQ(net.link_count(), 1u);
  EXPECT_DOUBLE_EQ(net.link_length_m(0), 40.0);
}

TEST(NetworkRoadNetwork, BadInputNamesTheLine) {
  RoadNetworkOptions options;
  options.speed_kmh = {50.0, 80.0};
  RoadNetworkBuilder builder(options);
  const std::vector<double> x{0, 1}, y{0, 0}, nan_y{0, std::numeric_limits<double>::quiet_NaN()};
  builder.add_line(x, y, 1);
  try {
    builder.add_line(x, y, 2);
    FAIL() << "class 2 has no speed";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kBadValue);
    EXPECT_STREQ(e.what(), "road line 1: road class 2 has no speed (2 classes configured)");
  }
  EXPECT_THROW(builder.add_line(x, nan_y, 0), InputError);
  EXPECT_THROW(builder.add_line(std::span<const double>(x).first(1), std::span<const double>(y).first(1), 0),
               InputError);
  RoadNetworkOptions no_speed;
  no_speed.speed_kmh = {0.0};
  EXPECT_THROW(RoadNetworkBuilder{no_speed}, Error);
  RoadNetworkOptions negative_tolerance;
  negative_tolerance.node_tolerance_m = -1.0;
  EXPECT_THROW(RoadNetworkBuilder{negative_tolerance}, Error);
}

TEST(NetworkRoadNetwork, ArraysBuildTheSameAsTheBuilder) {
  const std::vector<double> x{0, 3, 3, 3, 13};
  const std::vector<double> y{0, 4, 10, 10, 10};
  const std::vector<uint64_t> offsets{0, 3, 5};
  const std::vector<Direction> direction{Direction::kBoth, Direction::kForward};
  const RoadNetwork net = build_road_network({x, y, offsets, {}, direction});
  EXPECT_EQ(net.node_count(), 3u);
  EXPECT_EQ(net.arc_count(), 3u);  // 2 + 1
  EXPECT_DOUBLE_EQ(net.link_length_m(0), 11.0);
  const std::vector<uint64_t> bad_offsets{0, 3, 4};
  EXPECT_THROW(build_road_network({x, y, bad_offsets, {}, {}}), Error);
}

TEST(NetworkRoadNetwork, MemoryPerLinkOnALattice) {
  // 2 · 41 · 40 = 3280 two-way links of one segment, 1681 nodes: nodes 2·8 + 4 + 2·4 (offsets)
  // = 28 B, links 4+4+16+1+4+4 = 33 B, 2 vertices 32 B, 4 arcs 32 B.
  const RoadNetwork net = testing::make_lattice(20, 100.0);
  ASSERT_EQ(net.link_count(), 3280u);
  const double per_link = static_cast<double>(net.memory_bytes()) / static_cast<double>(net.link_count());
  EXPECT_LT(per_link, 120.0);
  EXPECT_GT(per_link, 90.0);
}

}  // namespace
}  // namespace kk::network
