// Tests for kernkompas/stats/pattern_window.hpp: circle shares computed by hand (corners,
// edges, holes, several parts, circles through vertices) and against dense sampling of the
// circumference on a star-shaped window.
#include "kernkompas/stats/pattern_window.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "kernkompas/core/error.hpp"
#include "testing/builders.hpp"

namespace kk::stats {
namespace {

using testing::Ring;
constexpr double kPi = std::numbers::pi;

geometry::MultiPolygonArray unit_square() {
  geometry::MultiPolygonArray g;
  testing::add_square(g, 0.0, 0.0, 1.0);
  return g;
}

TEST(PatternWindow, AreaPerimeterContains) {
  geometry::MultiPolygonArray g;
  testing::add_square_with_hole(g, 0.0, 0.0, 10.0, 4.0, 4.0, 2.0);
  const PatternWindow w(g, 0);
  EXPECT_DOUBLE_EQ(w.area(), 96.0);
  EXPECT_DOUBLE_EQ(w.perimeter(), 48.0);
  EXPECT_TRUE(w.contains(1.0, 1.0));
  EXPECT_TRUE(w.contains(0.0, 5.0));   // on the boundary
  EXPECT_FALSE(w.contains(5.0, 5.0));  // in the hole
  EXPECT_FALSE(w.contains(11.0, 5.0));
}

TEST(PatternWindow, CornerSeesAQuarter) {
  const PatternWindow w(unit_square(), 0);
  EXPECT_NEAR(w.circle_share(0.0, 0.0, 0.5), 0.25, 1e-15);
  EXPECT_NEAR(w.circle_share(1.0, 1.0, 1.0), 0.25, 1e-15);  // through two corners
  // Clockwise exterior ring: orientation must not matter.
  const auto cw = testing::single({{Ring{{0, 0}, {0, 1}, {1, 1}, {1, 0}}}});
  EXPECT_NEAR(PatternWindow(cw, 0).circle_share(0.0, 0.0, 0.5), 0.25, 1e-15);
}

TEST(PatternWindow, EdgeMidpointSeesAHalfEvenThroughTheCorners) {
  const PatternWindow w(unit_square(), 0);
  EXPECT_NEAR(w.circle_share(0.5, 0.0, 0.25), 0.5, 1e-15);
  // Radius 0.5 puts both bottom corners exactly on the circle.
  EXPECT_NEAR(w.circle_share(0.5, 0.0, 0.5), 0.5, 1e-15);
}

TEST(PatternWindow, CentreOfTheSquare) {
  const PatternWindow w(unit_square(), 0);
  EXPECT_EQ(w.circle_share(0.5, 0.5, 0.4), 1.0);
  EXPECT_NEAR(w.circle_share(0.5, 0.5, 0.5), 1.0, 1e-15);  // tangent to all four edges
  // Radius 0.6: four outside arcs of 2 acos(0.5 / 0.6) each.
  EXPECT_NEAR(w.circle_share(0.5, 0.5, 0.6), 1.0 - 4.0 * 2.0 * std::acos(5.0 / 6.0) / (2.0 * kPi), 1e-14);
  // The circumscribed circle touches the square only at its corners.
  EXPECT_NEAR(w.circle_share(0.5, 0.5, std::sqrt(0.5)), 0.0, 1e-15);
  EXPECT_EQ(w.circle_share(0.5, 0.5, 2.0), 0.0);
  EXPECT_EQ(w.circle_share(0.5, 0.5, 0.0), 1.0);
}

TEST(PatternWindow, HoleAndOuterEdge) {
  geometry::MultiPolygonArray g;
  testing::add_square_with_hole(g, 0.0, 0.0, 10.0, 4.0, 4.0, 2.0);
  const PatternWindow w(g, 0);
  // Circle of radius 3 around (2, 5): through the hole between angles ±asin(1/3), past the
  // left edge x = 0 within acos(2/3) of 180°.
  const double expected = 1.0 - (2.0 * std::asin(1.0 / 3.0) + 2.0 * std::acos(2.0 / 3.0)) / (2.0 * kPi);
  EXPECT_NEAR(w.circle_share(2.0, 5.0, 3.0), expected, 1e-14);
  // A circle around the whole hole and inside the square.
  EXPECT_NEAR(w.circle_share(5.0, 5.0, 2.0), 1.0, 1e-15);
  // Wholly inside the hole: the centre is outside the window.
  EXPECT_EQ(w.circle_share(5.0, 5.0, 0.5), 0.0);
}

TEST(PatternWindow, TwoParts) {
  const auto g = testing::single({{testing::rectangle_ring(0, 0, 1, 1)}, {testing::rectangle_ring(2, 0, 3, 1)}});
  const PatternWindow w(g, 0);
  EXPECT_DOUBLE_EQ(w.area(), 2.0);
  // Radius 2 around (0.5, 0.5) clears the first square and cuts the second between
  // angles ±asin(0.5 / 2).
  EXPECT_NEAR(w.circle_share(0.5, 0.5, 2.0), std::asin(0.25) / kPi, 1e-14);
}

// Share by dense sampling of the circumference (midpoint rule on `samples` points).
double sampled_share(const PatternWindow& w, double cx, double cy, double r, int samples) {
  int inside = 0;
  for (int k = 0; k < samples; ++k) {
    const double a = 2.0 * kPi * (k + 0.5) / samples;
    inside += w.contains(cx + r * std::cos(a), cy + r * std::sin(a)) ? 1 : 0;
  }
  return static_cast<double>(inside) / samples;
}

TEST(PatternWindow, MatchesDenseSamplingOnAStarWithAHole) {
  const auto g = testing::single({{testing::star_ring(0, 0, 10, 4, 7), testing::rectangle_ring(-1, -1, 1, 1)}});
  const PatternWindow w(g, 0);
  RandomStream stream(3, 0);
  std::vector<double> x, y;
  w.uniform_points(60, stream, x, y);
  for (size_t i = 0; i < x.size(); ++i) {
    for (double r : {0.5, 2.0, 5.0, 9.0, 14.0}) {
      EXPECT_NEAR(w.circle_share(x[i], y[i], r), sampled_share(w, x[i], y[i], r, 40000), 2e-4)
          << "point " << i << " radius " << r;
    }
  }
}

TEST(PatternWindow, UniformPointsStayInsideAndFollowTheSeed) {
  const auto g = testing::single({{testing::star_ring(0, 0, 10, 4, 5)}});
  const PatternWindow w(g, 0);
  std::vector<double> x1, y1, x2, y2;
  RandomStream a(9, 4), b(9, 4);
  w.uniform_points(500, a, x1, y1);
  w.uniform_points(500, b, x2, y2);
  EXPECT_EQ(x1, x2);
  EXPECT_EQ(y1, y2);
  for (size_t i = 0; i < x1.size(); ++i) EXPECT_TRUE(w.contains(x1[i], y1[i]));
}

TEST(PatternWindow, RejectsMissingOrEmptyFeature) {
  const auto g = unit_square();
  EXPECT_THROW(PatternWindow(g, 1), Error);
  geometry::MultiPolygonArray empty;
  empty.begin_feature();
  EXPECT_THROW(PatternWindow(empty, 0), Error);
}

}  // namespace
}  // namespace kk::stats
