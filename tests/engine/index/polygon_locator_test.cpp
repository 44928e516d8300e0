// Tests for exact point-in-polygon location (kernkompas/index/polygon_locator.hpp): hand-made
// cases for boundaries, vertices and holes, and random points checked against a brute-force
// crossing-number reference written here independently of the engine.
#include "kernkompas/index/polygon_locator.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>
#include <numbers>
#include <random>
#include <utility>
#include <string_view>
#include <vector>

#include "kernkompas/core/error.hpp"
#include "testing/builders.hpp"

namespace kk::index {
namespace {

using geometry::MultiPolygonArray;
using kk::testing::add_multipolygon;
using kk::testing::add_square;
using kk::testing::add_square_with_hole;
using kk::testing::Ring;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Reference: the lowest feature with a part that covers (px, py) — on a ring, or inside by
// the textbook crossing-number test (odd number of ring crossings of a ray to +x). Like the
// engine, nothing outside the bounding box of a part's exterior ring is covered (which only
// matters for invalid input, a hole poking out of its shell).
int32_t brute_force_locate(const MultiPolygonArray& a, double px, double py) {
  for (size_t f = 0; f < a.size(); ++f) {
    for (uint32_t part = a.part_offsets[f]; part < a.part_offsets[f + 1]; ++part) {
      if (!geometry::part_bounds(a, part).contains(px, py)) continue;
      bool inside = false, on_ring = false;
      for (uint32_t ring = a.ring_offsets[part]; ring < a.ring_offsets[part + 1]; ++ring) {
        for (uint32_t i = a.vertex_offsets[ring]; i + 1 < a.vertex_offsets[ring + 1]; ++i) {
          const double x1 = a.x[i], y1 = a.y[i], x2 = a.x[i + 1], y2 = a.y[i + 1];
          if ((x2 - x1) * (py - y1) == (y2 - y1) * (px - x1) && px >= std::min(x1, x2) &&
              px <= std::max(x1, x2) && py >= std::min(y1, y2) && py <= std::max(y1, y2)) {
            on_ring = true;
          }
          if ((y1 > py) != (y2 > py)) {
            const double x_cross = x1 + (py - y1) / (y2 - y1) * (x2 - x1);
            if (px < x_cross) inside = !inside;
          }
        }
      }
      if (on_ring || inside) return static_cast<int32_t>(f);
    }
  }
  return kNoPolygon;
}

LocateOptions with_threads(unsigned threads) {
  LocateOptions options;
  options.threads = threads;
  return options;
}

// Two unit-10 squares side by side: [0,10]×[0,10] and [10,20]×[0,10], in the given order.
MultiPolygonArray two_squares(bool left_first) {
  MultiPolygonArray a;
  add_square(a, left_first ? 0 : 10, 0, 10);
  add_square(a, left_first ? 10 : 0, 0, 10);
  return a;
}

// An irregular star-shaped ring: `vertices` vertices at increasing angles around (cx, cy),
// radii drawn from [r_min, r_max]. Simple because each ray from the centre meets it once.
Ring random_star(double cx, double cy, double r_min, double r_max, int vertices, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> radius(r_min, r_max);
  Ring ring;
  for (int k = 0; k < vertices; ++k) {
    const double angle = 2.0 * std::numbers::pi * k / vertices;
    const double r = radius(rng);
    ring.emplace_back(cx + r * std::cos(angle), cy + r * std::sin(angle));
  }
  return ring;
}

// n × n tiles over [0, 100n]², corners and edge midpoints jittered, shared between
// neighbours so the tiles cover the square without gaps or overlaps.
MultiPolygonArray jittered_grid(int n, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> jitter(-20.0, 20.0);
  const int m = 2 * n + 1;  // points per row, corners and midpoints
  std::vector<double> gx(m * m), gy(m * m);
  for (int j = 0; j < m; ++j) {
    for (int i = 0; i < m; ++i) {
      gx[j * m + i] = 50.0 * i + jitter(rng);
      gy[j * m + i] = 50.0 * j + jitter(rng);
    }
  }
  MultiPolygonArray a;
  for (int cj = 0; cj < n; ++cj) {
    for (int ci = 0; ci < n; ++ci) {
      Ring ring;
      const int i0 = 2 * ci, j0 = 2 * cj;
      const int path[8][2] = {{0, 0}, {1, 0}, {2, 0}, {2, 1}, {2, 2}, {1, 2}, {0, 2}, {0, 1}};
      for (const auto& step : path) {
        const int k = (j0 + step[1]) * m + i0 + step[0];
        ring.emplace_back(gx[k], gy[k]);
      }
      add_multipolygon(a, {{ring}});
    }
  }
  return a;
}

// Checks the locator three ways: point by point on a fresh locator (its coarse grid), as one
// batch (large enough to build the fine grid, and sorted by tile), and point by point again.
void expect_matches_brute_force(const MultiPolygonArray& polygons, const std::vector<double>& x,
                                const std::vector<double>& y) {
  const PolygonLocator locator(polygons);
  std::vector<int32_t> single(x.size()), out(x.size());
  for (size_t i = 0; i < x.size(); ++i) single[i] = locator.locate(x[i], y[i]);
  locator.locate(x, y, out);
  size_t covered = 0, mismatches = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    const int32_t expected = brute_force_locate(polygons, x[i], y[i]);
    if (expected != kNoPolygon) ++covered;
    const int32_t after = locator.locate(x[i], y[i]);
    if ((out[i] != expected || single[i] != expected || after != expected) && ++mismatches <= 10) {
      ADD_FAILURE() << std::setprecision(17) << "point " << i << " (" << x[i] << ", " << y[i]
                    << "): locator " << single[i] << " / batch " << out[i] << " / " << after
                    << ", reference " << expected;
    }
  }
  EXPECT_EQ(mismatches, 0u);
  // The sample must exercise both answers to mean anything.
  EXPECT_GT(covered, x.size() / 10);
  EXPECT_LT(covered, x.size());
}

TEST(PolygonLocator, InsideAndOutside) {
  const PolygonLocator locator(two_squares(true));
  EXPECT_EQ(locator.locate(5, 5), 0);
  EXPECT_EQ(locator.locate(15, 5), 1);
  EXPECT_EQ(locator.locate(0.001, 9.999), 0);
  EXPECT_EQ(locator.locate(-1, 5), kNoPolygon);
  EXPECT_EQ(locator.locate(21, 5), kNoPolygon);
  EXPECT_EQ(locator.locate(5, 10.000001), kNoPolygon);
  EXPECT_EQ(locator.locate(5, -1e-9), kNoPolygon);
  EXPECT_EQ(locator.locate(1000, 1000), kNoPolygon);
}

TEST(PolygonLocator, SharedBoundaryGoesToLowerIndex) {
  for (const bool left_first : {true, false}) {
    const PolygonLocator locator(two_squares(left_first));
    // On the shared edge x = 10: both cover it, the first feature wins whichever it is.
    EXPECT_EQ(locator.locate(10, 5), 0) << "left_first " << left_first;
    EXPECT_EQ(locator.locate(10, 0.25), 0) << "left_first " << left_first;
    // Just off the edge the geometry decides, not the order.
    const int32_t left = left_first ? 0 : 1, right = left_first ? 1 : 0;
    EXPECT_EQ(locator.locate(std::nextafter(10.0, 0.0), 5), left);
    EXPECT_EQ(locator.locate(std::nextafter(10.0, 20.0), 5), right);
  }
}

TEST(PolygonLocator, SharedDiagonalBoundaryGoesToLowerIndex) {
  // Two triangles sharing the diagonal (0,0)–(8,6) at RD-like offsets; (4,3) lies on it exactly.
  const double ox = 131072.0, oy = 462144.0;
  for (const bool lower_first : {true, false}) {
    MultiPolygonArray a;
    const Ring lower = {{ox, oy}, {ox + 8, oy}, {ox + 8, oy + 6}};
    const Ring upper = {{ox + 8, oy + 6}, {ox, oy + 6}, {ox, oy}};
    add_multipolygon(a, {{lower_first ? lower : upper}});
    add_multipolygon(a, {{lower_first ? upper : lower}});
    const PolygonLocator locator(a);
    EXPECT_EQ(locator.locate(ox + 4, oy + 3), 0);
    EXPECT_EQ(locator.locate(ox + 2, oy + 1.5), 0);
    EXPECT_EQ(locator.locate(ox + 4, oy + 2), lower_first ? 0 : 1);
    EXPECT_EQ(locator.locate(ox + 4, oy + 4), lower_first ? 1 : 0);
  }
}

TEST(PolygonLocator, PointsWithinRoundingOfASharedEdgeAreDecidedExactly) {
  // Two triangles share the diagonal e1–e2; the upper one comes first. The points below lie
  // strictly under the diagonal — by 2e-11, 1.9e-11 and 4.5e-12 in the exact orientation
  // determinant, checked with Python's fractions.Fraction — so only the lower triangle covers
  // them. Evaluated naively in doubles, (x2 - x1)(py - y1) - (y2 - y1)(px - x1) rounds to 0
  // for them, which would put them "on" the upper triangle's edge and hand them to feature 0.
  const double e1x = 131234.567, e1y = 465432.123, e2x = 131987.654, e2y = 466001.987;
  MultiPolygonArray a;
  add_multipolygon(a, {{{{e1x, e1y}, {e2x, e2y}, {e1x, e2y}}}});  // upper, feature 0
  add_multipolygon(a, {{{{e1x, e1y}, {e2x, e1y}, {e2x, e2y}}}});  // lower, feature 1
  const PolygonLocator locator(a);
  EXPECT_EQ(locator.locate(131640.6179940492, 465739.3834409223), 1);
  EXPECT_EQ(locator.locate(131941.94777687994, 465967.4009148172), 1);
  EXPECT_EQ(locator.locate(131564.4427838248, 465681.7413491065), 1);
  // The edge's own vertices are on it exactly, and so go to the first feature.
  EXPECT_EQ(locator.locate(e1x, e1y), 0);
  EXPECT_EQ(locator.locate(e2x, e2y), 0);
}

TEST(PolygonLocator, VerticesAreCovered) {
  for (const bool left_first : {true, false}) {
    const PolygonLocator locator(two_squares(left_first));
    const int32_t left = left_first ? 0 : 1, right = left_first ? 1 : 0;
    EXPECT_EQ(locator.locate(10, 10), 0);  // shared vertex
    EXPECT_EQ(locator.locate(10, 0), 0);
    EXPECT_EQ(locator.locate(0, 0), left);
    EXPECT_EQ(locator.locate(0, 10), left);
    EXPECT_EQ(locator.locate(20, 0), right);
    EXPECT_EQ(locator.locate(20, 10), right);
    // Outer edges, between vertices.
    EXPECT_EQ(locator.locate(0, 5), left);
    EXPECT_EQ(locator.locate(15, 10), right);
    // On the line of an edge but beyond its end.
    EXPECT_EQ(locator.locate(20, 11), kNoPolygon);
    EXPECT_EQ(locator.locate(-1, 0), kNoPolygon);
  }
}

// A point level with a ring's top vertex, left of it and within an edge's x-range: the edge
// ends at the point's height, so it does not straddle the ray (half-open rule) and must not be
// counted however the point lies to it. Triangle (0,0), (10,10), (20,0).
TEST(PolygonLocator, EdgeEndingAtThePointsHeightIsNotCrossed) {
  MultiPolygonArray a;
  add_multipolygon(a, {{{{0, 0}, {10, 10}, {20, 0}}}});
  const PolygonLocator locator(a);
  EXPECT_EQ(locator.locate(5, 10), kNoPolygon);   // left of the apex, above the edge y = x
  EXPECT_EQ(locator.locate(15, 10), kNoPolygon);  // right of it
  EXPECT_EQ(locator.locate(10, 10), 0);           // the apex itself
  EXPECT_EQ(locator.locate(10, 5), 0);
  EXPECT_EQ(locator.locate(3, 4), kNoPolygon);    // above y = x, below the apex
}

TEST(PolygonLocator, HoleIsNotCoveredItsBoundaryIs) {
  MultiPolygonArray a;
  add_square_with_hole(a, 0, 0, 10, 3, 3, 4);  // hole [3,7]²
  const PolygonLocator locator(a);
  EXPECT_EQ(locator.locate(5, 5), kNoPolygon);  // in the hole
  EXPECT_EQ(locator.locate(6.9, 3.1), kNoPolygon);
  EXPECT_EQ(locator.locate(3, 5), 0);  // on the hole's edges
  EXPECT_EQ(locator.locate(5, 7), 0);
  EXPECT_EQ(locator.locate(3, 3), 0);  // on a hole vertex
  EXPECT_EQ(locator.locate(7, 7), 0);
  EXPECT_EQ(locator.locate(2.9, 5), 0);  // between hole and exterior
  EXPECT_EQ(locator.locate(8, 8), 0);
  EXPECT_EQ(locator.locate(11, 5), kNoPolygon);
}

TEST(PolygonLocator, IslandInAHoleBelongsToItsOwnFeature) {
  MultiPolygonArray a;
  add_square_with_hole(a, 0, 0, 10, 3, 3, 4);
  add_square(a, 4, 4, 2);  // [4,6]² inside the hole
  const PolygonLocator locator(a);
  EXPECT_EQ(locator.locate(5, 5), 1);
  EXPECT_EQ(locator.locate(3.5, 5), kNoPolygon);
  EXPECT_EQ(locator.locate(1, 1), 0);
  EXPECT_EQ(locator.locate(4, 4), 1);
}

TEST(PolygonLocator, SecondPartOfAMultiPolygon) {
  MultiPolygonArray a;
  add_multipolygon(a, {{kk::testing::rectangle_ring(0, 0, 1, 1)},
                       {kk::testing::rectangle_ring(5, 5, 6, 6)}});
  add_square(a, 2, 2, 1);
  const PolygonLocator locator(a);
  EXPECT_EQ(locator.locate(0.5, 0.5), 0);
  EXPECT_EQ(locator.locate(5.5, 5.5), 0);  // second part
  EXPECT_EQ(locator.locate(6, 6), 0);      // its corner
  EXPECT_EQ(locator.locate(2.5, 2.5), 1);
  EXPECT_EQ(locator.locate(3.5, 3.5), kNoPolygon);  // between the parts, inside their bounds
  EXPECT_EQ(locator.locate(4, 4), kNoPolygon);
}

TEST(PolygonLocator, OverlapGoesToLowerIndex) {
  MultiPolygonArray a;
  add_square(a, 5, 5, 10);  // [5,15]²
  add_square(a, 0, 0, 10);  // [0,10]²
  const PolygonLocator locator(a);
  EXPECT_EQ(locator.locate(7, 7), 0);
  EXPECT_EQ(locator.locate(2, 2), 1);
  EXPECT_EQ(locator.locate(12, 12), 0);
}

// Overlapping features in the fine grid, whose cells can be answered "wholly inside" (a full
// entry that closes a cell's candidate list). Fine cells here: 3 × 3 over [0,100]² (11 edges).
// The triangle (feature 0) reaches every cell, so every cell lists candidates; in the centre
// cell the square (feature 1) is full and closes the list, and the second square (feature 2),
// listed after it, must neither join that list nor spill into the next cell's list.
TEST(PolygonLocator, OverlapsGoToLowerIndexInTheFineGrid) {
  MultiPolygonArray a;
  add_multipolygon(a, {{{{10, 10}, {90, 10}, {10, 90}}}});  // x + y <= 100, x >= 10, y >= 10
  add_square(a, 0, 0, 100);
  add_square(a, 0, 0, 100);
  const PolygonLocator locator(a);
  // Points of every cell (row by row), answered by hand: 0 in the triangle, else 1.
  // (50, 50) and (70, 30) lie on the triangle's long edge, so it covers them too.
  const std::vector<double> x = {20, 50, 95, 20, 55, 80, 95, 20, 50, 95, 12, 62, 5, 70, 50};
  const std::vector<double> y = {20, 20, 20, 50, 50, 50, 40, 80, 80, 95, 60, 40, 5, 30, 50};
  const std::vector<int32_t> expected = {0, 0, 1, 0, 1, 1, 1, 0, 1, 1, 0, 1, 1, 0, 0};
  // Repeated past 2 points per edge, so the batch builds the fine grid.
  std::vector<double> bx, by;
  std::vector<int32_t> want;
  for (int copy = 0; copy < 4; ++copy) {
    bx.insert(bx.end(), x.begin(), x.end());
    by.insert(by.end(), y.begin(), y.end());
    want.insert(want.end(), expected.begin(), expected.end());
  }
  std::vector<int32_t> out(bx.size(), -7);
  locator.locate(bx, by, out);
  EXPECT_EQ(out, want);
  for (size_t i = 0; i < x.size(); ++i) {
    EXPECT_EQ(locator.locate(x[i], y[i]), expected[i]) << x[i] << ", " << y[i];
  }
}

// An index above 512 KiB has its batches located in tile order (a counting sort of the points
// by grid tile). Two squares, [0,100]² and [100,200]², each side split into 10,000 collinear
// edges: 80,000 vertices, so the index is large while its coarse grid (two cells per part) is
// 2 × 2, one tile per cell. The batch, 10,000 points on a lattice over all four cells, stays
// below the fine grid's threshold (two points per edge), so it is sorted on the coarse grid.
TEST(PolygonLocator, LargeIndexLocatesEveryPointOfASortedBatch) {
  constexpr int kPerSide = 10000;
  auto subdivided_square = [](double x0, double y0, double side) {
    Ring ring;
    for (int k = 0; k < kPerSide; ++k) ring.emplace_back(x0 + side * k / kPerSide, y0);
    for (int k = 0; k < kPerSide; ++k) ring.emplace_back(x0 + side, y0 + side * k / kPerSide);
    for (int k = 0; k < kPerSide; ++k) ring.emplace_back(x0 + side - side * k / kPerSide, y0 + side);
    for (int k = 0; k < kPerSide; ++k) ring.emplace_back(x0, y0 + side - side * k / kPerSide);
    return ring;
  };
  MultiPolygonArray a;
  add_multipolygon(a, {{subdivided_square(0, 0, 100)}});
  add_multipolygon(a, {{subdivided_square(100, 100, 100)}});
  ASSERT_EQ(a.x.size(), 2u * (4 * kPerSide + 1));
  const PolygonLocator locator(a);
  // Lattice (2i + 1, 2j + 1), i, j in [0, 100): the lower-left quarter is in square 0, the
  // upper-right in square 1, the other two quarters in neither. Plus the shared corner.
  std::vector<double> x, y;
  std::vector<int32_t> expected;
  for (int j = 0; j < 100; ++j) {
    for (int i = 0; i < 100; ++i) {
      x.push_back(2.0 * i + 1.0);
      y.push_back(2.0 * j + 1.0);
      expected.push_back(i < 50 && j < 50 ? 0 : i >= 50 && j >= 50 ? 1 : kNoPolygon);
    }
  }
  x.push_back(100);
  y.push_back(100);
  expected.push_back(0);
  std::vector<int32_t> out(x.size(), -7);  // -7: never written
  locator.locate(x, y, out);
  EXPECT_EQ(out, expected);
  EXPECT_EQ(std::count(out.begin(), out.end(), 1), 2500);
}

TEST(PolygonLocator, NonFiniteCoordinatesAreNowhere) {
  const PolygonLocator locator(two_squares(true));
  EXPECT_EQ(locator.locate(kNaN, 5), kNoPolygon);
  EXPECT_EQ(locator.locate(5, kNaN), kNoPolygon);
  EXPECT_EQ(locator.locate(kNaN, kNaN), kNoPolygon);
  EXPECT_EQ(locator.locate(kInf, 5), kNoPolygon);
  EXPECT_EQ(locator.locate(5, -kInf), kNoPolygon);
  const std::vector<double> x = {kNaN, 5, 5}, y = {5, kNaN, 5};
  std::vector<int32_t> out(3, -7);
  locator.locate(x, y, out);
  EXPECT_EQ(out, (std::vector<int32_t>{kNoPolygon, kNoPolygon, 0}));
}

// Broken input: a ring whose x are finite but whose y are all NaN (or all +inf) has no box
// (NaN is never a min or max) or a box of NaN height. Such a part covers nothing, and the
// grid over it must still be a valid one (one cell) rather than a size cast from NaN.
TEST(PolygonLocator, PartWithoutFiniteHeightCoversNothing) {
  for (const double bad_y : {kNaN, kInf}) {
    MultiPolygonArray a;
    const std::vector<double> rx{0, 10, 10, 0, 0}, ry(5, bad_y);
    a.begin_feature();
    a.begin_part();
    a.add_ring(rx, ry);
    const PolygonLocator locator(a);
    EXPECT_EQ(locator.locate(5, 5), kNoPolygon) << bad_y;
    EXPECT_EQ(locator.locate(5, bad_y), kNoPolygon) << bad_y;
    const std::vector<double> x(64, 5.0), y(64, 5.0);
    std::vector<int32_t> out(64, -7);
    locator.locate(x, y, out);  // past two points per edge: the fine grid too
    EXPECT_EQ(std::count(out.begin(), out.end(), kNoPolygon), 64) << bad_y;
  }
}

TEST(PolygonLocator, EmptyInputs) {
  const PolygonLocator none{MultiPolygonArray{}};
  EXPECT_EQ(none.locate(0, 0), kNoPolygon);
  MultiPolygonArray empty_features;
  add_multipolygon(empty_features, {});
  add_multipolygon(empty_features, {});
  const PolygonLocator empties(empty_features);
  EXPECT_EQ(empties.locate(0, 0), kNoPolygon);
  // An empty feature before a real one keeps the real one's index.
  add_square(empty_features, 0, 0, 1);
  const PolygonLocator third(empty_features);
  EXPECT_EQ(third.locate(0.5, 0.5), 2);
  std::vector<int32_t> out;
  EXPECT_NO_THROW(third.locate(std::vector<double>{}, std::vector<double>{}, out));
}

// A part whose exterior ring has no vertices (a degenerate part some writers produce) is
// skipped: it covers nothing, and the feature's other part and the features after it keep
// their answers, also far from them (an empty ring must not widen the grid's extent).
TEST(PolygonLocator, EmptyPartIsSkipped) {
  MultiPolygonArray polygons;
  polygons.begin_feature();
  polygons.begin_part();
  polygons.vertex_offsets.push_back(polygons.vertex_offsets.back());  // a ring with no vertices
  ++polygons.ring_offsets.back();
  polygons.begin_part();
  const std::vector<double> rx{10, 11, 11, 10, 10}, ry{10, 10, 11, 11, 10};
  polygons.add_ring(rx, ry);
  add_square(polygons, 20, 20, 1);
  const PolygonLocator locator(polygons);
  EXPECT_EQ(locator.locate(10.5, 10.5), 0);
  EXPECT_EQ(locator.locate(20.5, 20.5), 1);
  EXPECT_EQ(locator.locate(0, 0), kNoPolygon);
  EXPECT_EQ(locator.locate(15, 15), kNoPolygon);
  std::vector<int32_t> out(400);
  std::vector<double> x(400), y(400);
  for (size_t i = 0; i < 400; ++i) {
    x[i] = 10.0 + 0.05 * static_cast<double>(i % 20) + 0.0125;
    y[i] = 10.0 + 0.05 * static_cast<double>(i / 20) + 0.0125;
  }
  locator.locate(x, y, out);  // a batch large enough to build the fine grid
  for (int32_t v : out) EXPECT_EQ(v, 0);
}

TEST(PolygonLocator, MovedLocatorStillWorks) {
  PolygonLocator first(two_squares(true));
  PolygonLocator second = std::move(first);
  EXPECT_EQ(second.locate(15, 5), 1);
}

TEST(PolygonLocator, HoleOutsideItsShellIsHandledLikeTheReference) {
  // Invalid input (as a broken file might give): the "hole" [8,14]×[2,4] pokes out of the
  // shell [0,10]², and a second feature lies where it pokes out. Ray casting alone would call
  // the part of the hole outside the shell "inside"; nothing outside the shell's box counts.
  MultiPolygonArray a;
  add_multipolygon(a, {{kk::testing::rectangle_ring(0, 0, 10, 10),
                        kk::testing::rectangle_ring(8, 2, 14, 4)}});
  add_square(a, 10, 0, 10);
  const PolygonLocator locator(a);
  EXPECT_EQ(locator.locate(12, 3), 1);  // in the poking-out hole: not feature 0
  EXPECT_EQ(locator.locate(9, 3), kNoPolygon);
  EXPECT_EQ(locator.locate(5, 5), 0);
  std::mt19937_64 rng(31);
  std::uniform_real_distribution<double> u(-1.0, 21.0);
  std::vector<double> x, y;
  for (int i = 0; i < 20000; ++i) {
    x.push_back(u(rng));
    y.push_back(u(rng) / 2.0);
  }
  expect_matches_brute_force(a, x, y);
}

TEST(PolygonLocator, StarWithThousandVerticesMatchesBruteForce) {
  const double cx = 155000.0, cy = 463000.0;
  MultiPolygonArray a;
  Ring hole;  // a 60-gon hole around the centre, inside every star radius
  for (int k = 59; k >= 0; --k) {
    const double angle = 2.0 * std::numbers::pi * k / 60;
    hole.emplace_back(cx + 150.0 * std::cos(angle), cy + 150.0 * std::sin(angle));
  }
  add_multipolygon(a, {{random_star(cx, cy, 300.0, 1000.0, 1000, 7), hole}});
  ASSERT_EQ(a.x.size(), 1001u + 61u);

  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> ux(cx - 1050.0, cx + 1050.0), uy(cy - 1050.0, cy + 1050.0);
  std::vector<double> x, y;
  for (int i = 0; i < 50000; ++i) {
    x.push_back(ux(rng));
    y.push_back(uy(rng));
  }
  // Every vertex too: on the boundary, so covered.
  for (size_t v = 0; v < a.x.size(); ++v) {
    x.push_back(a.x[v]);
    y.push_back(a.y[v]);
  }
  expect_matches_brute_force(a, x, y);
  const PolygonLocator locator(a);
  EXPECT_EQ(locator.locate(cx, cy), kNoPolygon);  // in the hole
  EXPECT_EQ(locator.locate(cx + 200.0, cy), 0);
}

TEST(PolygonLocator, GridOfHundredPolygonsMatchesBruteForce) {
  const MultiPolygonArray a = jittered_grid(10, 3);
  ASSERT_EQ(a.size(), 100u);
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> u(-60.0, 1060.0);
  std::vector<double> x, y;
  for (int i = 0; i < 50000; ++i) {
    x.push_back(u(rng));
    y.push_back(u(rng));
  }
  // Every vertex: shared by up to four tiles, so the lowest of them must win.
  for (size_t v = 0; v < a.x.size(); ++v) {
    x.push_back(a.x[v]);
    y.push_back(a.y[v]);
  }
  expect_matches_brute_force(a, x, y);

  // Inside the tiled square nothing falls between tiles.
  const PolygonLocator locator(a);
  std::uniform_real_distribution<double> inner(25.0, 975.0);
  for (int i = 0; i < 20000; ++i) {
    const double px = inner(rng), py = inner(rng);
    ASSERT_NE(locator.locate(px, py), kNoPolygon) << px << ", " << py;
  }
}

// Exact reference on a lattice: coordinates are integers times 2^-30 (below 2^50 units, so
// exact doubles), and the orientation determinant is computed exactly in 128-bit integers.
// Fine enough that edge vectors need ~36 bits, so products of two exceed a double's 53.
constexpr double kLatticeUnit = 0x1p-30;
__extension__ typedef __int128 Int128;

int64_t lattice(double v) { return static_cast<int64_t>(std::llround(v / kLatticeUnit)); }

int32_t exact_lattice_locate(const MultiPolygonArray& a, int64_t qx, int64_t qy) {
  for (size_t f = 0; f < a.size(); ++f) {
    for (uint32_t part = a.part_offsets[f]; part < a.part_offsets[f + 1]; ++part) {
      bool inside = false, on_ring = false;
      for (uint32_t ring = a.ring_offsets[part]; ring < a.ring_offsets[part + 1]; ++ring) {
        for (uint32_t i = a.vertex_offsets[ring]; i + 1 < a.vertex_offsets[ring + 1]; ++i) {
          const int64_t x1 = lattice(a.x[i]), y1 = lattice(a.y[i]);
          const int64_t x2 = lattice(a.x[i + 1]), y2 = lattice(a.y[i + 1]);
          const Int128 det = static_cast<Int128>(x2 - x1) * (qy - y1) -
                             static_cast<Int128>(y2 - y1) * (qx - x1);
          if (det == 0 && qx >= std::min(x1, x2) && qx <= std::max(x1, x2) &&
              qy >= std::min(y1, y2) && qy <= std::max(y1, y2)) {
            on_ring = true;
          }
          // Upward edge: the ray to +x crosses it when the point is to its left (det > 0).
          if ((y1 > qy) != (y2 > qy) && ((det > 0) == (y2 > y1))) inside = !inside;
        }
      }
      if (on_ring || inside) return static_cast<int32_t>(f);
    }
  }
  return kNoPolygon;
}

// g = gcd(a, b) >= 0 and u, v with a * u + b * v = g.
int64_t extended_gcd(int64_t a, int64_t b, int64_t& u, int64_t& v) {
  int64_t r0 = a, r1 = b, u0 = 1, u1 = 0, v0 = 0, v1 = 1;
  while (r1 != 0) {
    const int64_t q = r0 / r1;
    r0 -= q * r1; std::swap(r0, r1);
    u0 -= q * u1; std::swap(u0, u1);
    v0 -= q * v1; std::swap(v0, v1);
  }
  if (r0 < 0) { r0 = -r0; u0 = -u0; v0 = -v0; }
  u = u0;
  v = v0;
  return r0;
}

TEST(PolygonLocator, ExactOnAndNearEdgesAgainstIntegerReference) {
  // A jittered grid moved to RD-like coordinates and snapped to the lattice. For every edge,
  // the lattice points closest to its line (exact determinant ±g, ±2g, ±3g units², g the gcd
  // of the edge vector) along its length: a plain double evaluation rounds many of those
  // determinants to zero and calls the point "on the edge".
  MultiPolygonArray a = jittered_grid(6, 21);
  for (double& v : a.x) v = static_cast<double>(lattice(131072.0 + v * 1.37)) * kLatticeUnit;
  for (double& v : a.y) v = static_cast<double>(lattice(462144.0 + v * 0.91)) * kLatticeUnit;
  const PolygonLocator locator(a);

  std::mt19937_64 rng(23);
  std::uniform_real_distribution<double> t01(0.02, 0.98);
  size_t checked = 0, naive_wrong = 0, mismatches = 0;
  std::vector<double> xs, ys;
  std::vector<int32_t> answers;
  for (uint32_t ring = 0; ring < a.ring_count(); ++ring) {
    for (uint32_t i = a.vertex_offsets[ring]; i + 1 < a.vertex_offsets[ring + 1]; ++i) {
      const int64_t x1 = lattice(a.x[i]), y1 = lattice(a.y[i]);
      const int64_t dx = lattice(a.x[i + 1]) - x1, dy = lattice(a.y[i + 1]) - y1;
      // dx * v - dy * u = g: extended_gcd(dx, -dy) gives dx * v + (-dy) * u = g.
      int64_t v = 0, u = 0;
      const int64_t g = extended_gcd(dx, -dy, v, u);
      for (int k = -3; k <= 3; ++k) {
        for (int repeat = 0; repeat < 4; ++repeat) {
          // Slide (k u, k v) along the edge by whole steps (dx, dy) / g to a random spot on it.
          const auto fdx = static_cast<double>(dx), fdy = static_cast<double>(dy);
          const double t0 = (static_cast<double>(k * u) * fdx + static_cast<double>(k * v) * fdy) /
                            (fdx * fdx + fdy * fdy);
          const auto s = static_cast<int64_t>(std::floor((t01(rng) - t0) * static_cast<double>(g)));
          const int64_t qx = x1 + k * u + s * (dx / g), qy = y1 + k * v + s * (dy / g);
          const double px = static_cast<double>(qx) * kLatticeUnit;
          const double py = static_cast<double>(qy) * kLatticeUnit;
          ASSERT_EQ(lattice(px), qx);
          const int32_t expected = exact_lattice_locate(a, qx, qy);
          const int32_t got = locator.locate(px, py);
          xs.push_back(px);
          ys.push_back(py);
          answers.push_back(expected);
          ++checked;
          if (brute_force_locate(a, px, py) != expected) ++naive_wrong;
          if (got != expected && ++mismatches <= 10) {
            ADD_FAILURE() << std::setprecision(17) << "(" << px << ", " << py << "), det " << k * g
                          << " units²: locator " << got << ", exact " << expected;
          }
        }
      }
    }
  }
  EXPECT_EQ(mismatches, 0u) << "of " << checked;
  // The sample is only worth something if it contains cases that fool plain doubles.
  EXPECT_GT(naive_wrong, 0u) << "of " << checked;
  // The same points as one batch (fine grid, tile order) give the same answers.
  std::vector<int32_t> batch(xs.size());
  locator.locate(xs, ys, batch);
  EXPECT_EQ(batch, answers);
}

TEST(PolygonLocator, ThreadCountDoesNotChangeResults) {
  const MultiPolygonArray a = jittered_grid(10, 4);
  std::mt19937_64 rng(9);
  std::uniform_real_distribution<double> u(-60.0, 1060.0);
  const size_t n = 300000;  // more than two blocks, so the threaded path really runs
  std::vector<double> x(n), y(n);
  for (size_t i = 0; i < n; ++i) {
    x[i] = u(rng);
    y[i] = u(rng);
  }
  const PolygonLocator locator(a);
  std::vector<int32_t> one(n, -7), two(n, -7), three(n, -7);  // -7: never written
  locator.locate(x, y, one, with_threads(1));
  locator.locate(x, y, two, with_threads(2));
  locator.locate(x, y, three, with_threads(3));
  EXPECT_EQ(one, two);
  EXPECT_EQ(one, three);
  for (size_t i = 0; i < n; i += 997) ASSERT_EQ(one[i], locator.locate(x[i], y[i]));
  EXPECT_EQ(std::count(one.begin(), one.end(), -7), 0);
}

TEST(PolygonLocator, ProgressIsReportedUpToOne) {
  const PolygonLocator locator(two_squares(true));
  const size_t n = 300000;
  std::vector<double> x(n, 5.0), y(n, 5.0);
  std::vector<int32_t> out(n);
  std::vector<double> fractions;
  LocateOptions options;
  options.progress = [&](std::string_view step, double fraction) {
    EXPECT_EQ(step, "locate");
    fractions.push_back(fraction);
    return true;
  };
  locator.locate(x, y, out, options);
  ASSERT_GE(fractions.size(), 2u);
  EXPECT_EQ(fractions.front(), 0.0);
  EXPECT_EQ(fractions.back(), 1.0);
  EXPECT_TRUE(std::is_sorted(fractions.begin(), fractions.end()));
  EXPECT_EQ(std::count(out.begin(), out.end(), 0), static_cast<long>(n));
}

TEST(PolygonLocator, ProgressReturningFalseCancels) {
  const PolygonLocator locator(two_squares(true));
  const size_t n = 300000;
  std::vector<double> x(n, 5.0), y(n, 5.0);
  std::vector<int32_t> out(n);
  LocateOptions options;
  options.progress = [](std::string_view, double) { return false; };
  EXPECT_THROW(locator.locate(x, y, out, options), Cancelled);
  // Cancelling later, after some work, throws too.
  options.threads = 2;
  options.progress = [](std::string_view, double fraction) { return fraction < 0.3; };
  try {
    locator.locate(x, y, out, options);
    FAIL() << "expected kk::Cancelled";
  } catch (const Cancelled& cancelled) {
    EXPECT_EQ(cancelled.code(), ErrorCode::kCancelled);
  }
}

TEST(PolygonLocator, BadArgumentsThrow) {
  const PolygonLocator locator(two_squares(true));
  std::vector<double> x(3, 1.0), y(2, 1.0);
  std::vector<int32_t> out(3);
  EXPECT_THROW(locator.locate(x, y, out), Error);
  y.resize(3);
  std::vector<int32_t> short_out(2);
  EXPECT_THROW(locator.locate(x, y, short_out), Error);
  try {
    locator.locate(x, y, out, with_threads(0));
    FAIL() << "threads = 0 must be refused";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidArgument);
  }
}

}  // namespace
}  // namespace kk::index
