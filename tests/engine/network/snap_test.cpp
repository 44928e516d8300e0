// Tests for snapping to links (kernkompas/network/snap.hpp): offsets along a polyline, the
// snap distance, ties, the limit flag and points that cannot snap.
#include "kernkompas/network/snap.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "kernkompas/core/error.hpp"
#include "network/network_testing.hpp"

namespace kk::network {
namespace {

using testing::make_network;
using testing::snap_points;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(NetworkSnap, MidLinkOffsetAndDistance) {
  // An L-shaped link (0,0)-(100,0)-(100,50). (130, 20) is 30 m east of the second segment at
  // (100, 20): offset 100 + 20 = 120 m. (40, -7) lies 7 m below the first at offset 40.
  const RoadNetwork net = make_network({{{{0, 0}, {100, 0}, {100, 50}}}});
  const SnappedPoints s = snap_points(net, {{130, 20}, {40, -7}});
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s.link[0], 0u);
  EXPECT_DOUBLE_EQ(s.offset_m[0], 120.0);
  EXPECT_DOUBLE_EQ(s.distance_m[0], 30.0);
  EXPECT_DOUBLE_EQ(s.x[0], 100.0);
  EXPECT_DOUBLE_EQ(s.y[0], 20.0);
  EXPECT_DOUBLE_EQ(s.offset_m[1], 40.0);
  EXPECT_DOUBLE_EQ(s.distance_m[1], 7.0);
  EXPECT_EQ(s.beyond_limit[0], 0);
}

TEST(NetworkSnap, NearestLinkNotNearestBox) {
  // Link 0's box (a long diagonal) contains the point, link 1 is nearer: 2 m against
  // 10/sqrt(2) ≈ 7.07 m to the diagonal y = x from (10, 0).
  const RoadNetwork net = make_network({{{{0, 0}, {100, 100}}}, {{{12, -50}, {12, 50}}}});
  const SnappedPoints s = snap_points(net, {{10, 0}});
  EXPECT_EQ(s.link[0], 1u);
  EXPECT_DOUBLE_EQ(s.distance_m[0], 2.0);
  EXPECT_DOUBLE_EQ(s.offset_m[0], 50.0);
}

TEST(NetworkSnap, TiesGoToTheLowerLink) {
  // (5, 5) is 5 m from both parallel links; at a shared node the lower link wins too.
  const RoadNetwork net = make_network({{{{0, 10}, {10, 10}}}, {{{0, 0}, {10, 0}}}, {{{10, 0}, {20, 0}}}});
  const SnappedPoints s = snap_points(net, {{5, 5}, {10, 0}});
  EXPECT_EQ(s.link[0], 0u);
  EXPECT_EQ(s.link[1], 1u);
  EXPECT_DOUBLE_EQ(s.offset_m[1], 10.0);  // the end of link 1
  EXPECT_DOUBLE_EQ(s.distance_m[1], 0.0);
}

TEST(NetworkSnap, BeyondTheLimitIsFlaggedNotDropped) {
  const RoadNetwork net = make_network({{{{0, 0}, {100, 0}}}});
  SnapOptions options;
  options.max_distance_m = 25.0;
  const SnappedPoints s = snap_points(net, {{50, 25}, {50, 26}, {kNaN, 3}}, options);
  EXPECT_EQ(s.beyond_limit[0], 0);  // exactly at the limit
  EXPECT_EQ(s.beyond_limit[1], 1);
  EXPECT_EQ(s.link[1], 0u);
  EXPECT_DOUBLE_EQ(s.distance_m[1], 26.0);
  EXPECT_EQ(s.link[2], kNoLink);  // NaN: not snapped
  EXPECT_TRUE(std::isnan(s.distance_m[2]));
  options.max_distance_m = kNaN;
  const std::vector<double> x{1}, y{1};
  EXPECT_THROW(LinkIndex(net).snap(x, y, options), Error);
}

TEST(NetworkSnap, EmptyNetworkSnapsNothing) {
  const RoadNetwork net;
  const SnappedPoints s = snap_points(net, {{1, 2}});
  EXPECT_EQ(s.link[0], kNoLink);
}

TEST(NetworkSnap, MatchesBruteForceOnRandomLines) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(0.0, 1000.0);
  std::vector<testing::Line> lines;
  for (int i = 0; i < 200; ++i) lines.push_back({{{u(rng), u(rng)}, {u(rng), u(rng)}, {u(rng), u(rng)}}});
  const RoadNetwork net = make_network(lines);
  std::vector<double> x, y;
  for (int i = 0; i < 500; ++i) {
    x.push_back(u(rng) * 1.2 - 100);
    y.push_back(u(rng) * 1.2 - 100);
  }
  const SnappedPoints s = LinkIndex(net).snap(x, y);
  for (size_t i = 0; i < x.size(); ++i) {
    // Brute force over every segment of every link.
    double best = std::numeric_limits<double>::infinity();
    for (uint32_t e = 0; e < net.link_count(); ++e) {
      const auto xs = net.link_x(e), ys = net.link_y(e);
      for (size_t k = 0; k + 1 < xs.size(); ++k) {
        const double dx = xs[k + 1] - xs[k], dy = ys[k + 1] - ys[k];
        const double t = std::clamp(((x[i] - xs[k]) * dx + (y[i] - ys[k]) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
        best = std::min(best, std::hypot(x[i] - xs[k] - t * dx, y[i] - ys[k] - t * dy));
      }
    }
    EXPECT_NEAR(s.distance_m[i], best, 1e-9) << i;
  }
}

// Far from a short network the scanned square grows many times; threads change nothing.
TEST(NetworkSnap, FarPointsAndThreadsGiveTheSameLinks) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> u(0.0, 100.0);
  std::vector<testing::Line> lines;
  for (int i = 0; i < 50; ++i) lines.push_back({{{u(rng), u(rng)}, {u(rng), u(rng)}}});
  const RoadNetwork net = make_network(lines);
  std::vector<double> x, y;
  for (int i = 0; i < 20000; ++i) {
    // Most points within the lines' square, some 10 km away (about 2^7 mean link lengths).
    const double scale = i % 100 == 0 ? 100.0 : 1.0;
    x.push_back((u(rng) - 50.0) * scale + 50.0);
    y.push_back((u(rng) - 50.0) * scale + 50.0);
  }
  const LinkIndex index(net);
  const SnappedPoints one = index.snap(x, y);
  SnapOptions options;
  options.threads = 4;
  const SnappedPoints four = index.snap(x, y, options);
  EXPECT_EQ(one.link, four.link);
  EXPECT_EQ(one.offset_m, four.offset_m);
  EXPECT_EQ(one.distance_m, four.distance_m);
  for (size_t i = 0; i < x.size(); i += 100) {  // the far points, by brute force
    double best = std::numeric_limits<double>::infinity();
    uint32_t best_link = kNoLink;
    for (uint32_t e = 0; e < net.link_count(); ++e) {
      const auto xs = net.link_x(e), ys = net.link_y(e);
      const double dx = xs[1] - xs[0], dy = ys[1] - ys[0];
      const double t = std::clamp(((x[i] - xs[0]) * dx + (y[i] - ys[0]) * dy) / (dx * dx + dy * dy), 0.0, 1.0);
      const double d = std::hypot(x[i] - xs[0] - t * dx, y[i] - ys[0] - t * dy);
      if (d < best) {
        best = d;
        best_link = e;
      }
    }
    EXPECT_NEAR(one.distance_m[i], best, 1e-9) << i;
    EXPECT_EQ(one.link[i], best_link) << i;
  }
}

}  // namespace
}  // namespace kk::network
