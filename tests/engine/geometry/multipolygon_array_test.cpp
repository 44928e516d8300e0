// Tests for the ragged polygon array and its planar measures
// (kernkompas/geometry/multipolygon_array.hpp).
#include "kernkompas/geometry/multipolygon_array.hpp"

#include <gtest/gtest.h>

#include "testing/builders.hpp"

namespace kk::geometry {
namespace {

using kk::testing::add_multipolygon;
using kk::testing::add_rectangle;
using kk::testing::add_square;
using kk::testing::add_square_with_hole;
using kk::testing::rectangle_ring;

TEST(MultiPolygonArray, BuilderLayout) {
  MultiPolygonArray a;
  EXPECT_EQ(a.size(), 0u);
  add_square(a, 0, 0, 1);                    // 1 part, 1 ring
  add_square_with_hole(a, 0, 0, 10, 3, 3, 4);  // 1 part, 2 rings
  add_multipolygon(a, {});                   // empty feature
  add_multipolygon(a, {{rectangle_ring(0, 0, 1, 1)}, {rectangle_ring(5, 5, 6, 6)}});
  EXPECT_EQ(a.size(), 4u);
  EXPECT_EQ(a.part_count(), 4u);
  EXPECT_EQ(a.ring_count(), 5u);
  EXPECT_EQ(a.part_offsets, (std::vector<uint32_t>{0, 1, 2, 2, 4}));
  EXPECT_EQ(a.ring_offsets, (std::vector<uint32_t>{0, 1, 3, 4, 5}));
  // Every ring got closed: 4 corners + the repeated first one.
  EXPECT_EQ(a.vertex_offsets, (std::vector<uint32_t>{0, 5, 10, 15, 20, 25}));
  EXPECT_EQ(a.x.size(), 25u);
  EXPECT_EQ(a.x[4], a.x[0]);
  EXPECT_EQ(a.y[4], a.y[0]);
}

TEST(MultiPolygonArray, AddRingKeepsAnAlreadyClosedRing) {
  MultiPolygonArray a;
  a.begin_feature();
  a.begin_part();
  const double xs[] = {0, 2, 2, 0, 0}, ys[] = {0, 0, 2, 2, 0};
  a.add_ring(xs, ys);
  EXPECT_EQ(a.x.size(), 5u);
  EXPECT_DOUBLE_EQ(feature_area(a, 0), 4.0);
}

TEST(MultiPolygonArray, AppendFeatureCopies) {
  MultiPolygonArray a;
  add_square(a, 0, 0, 1);
  add_square_with_hole(a, 0, 0, 10, 3, 3, 4);
  MultiPolygonArray b;
  b.append_feature(a, 1);
  EXPECT_EQ(b.size(), 1u);
  EXPECT_EQ(b.ring_count(), 2u);
  EXPECT_DOUBLE_EQ(feature_area(b, 0), 84.0);
  EXPECT_DOUBLE_EQ(feature_perimeter(b, 0), 56.0);
}

TEST(FeatureArea, SquareWithHole) {
  MultiPolygonArray a;
  add_square_with_hole(a, 0, 0, 10, 3, 3, 4);
  EXPECT_DOUBLE_EQ(feature_area(a, 0), 100.0 - 16.0);
  EXPECT_DOUBLE_EQ(feature_perimeter(a, 0), 40.0 + 16.0);
}

TEST(FeatureArea, HoleSubtractsWhateverItsWinding) {
  // Hole given counter-clockwise, like the exterior.
  MultiPolygonArray a;
  add_multipolygon(a, {{rectangle_ring(0, 0, 10, 10), rectangle_ring(3, 3, 7, 7)}});
  EXPECT_DOUBLE_EQ(feature_area(a, 0), 84.0);
}

TEST(FeatureArea, ClockwiseExteriorIsPositive) {
  MultiPolygonArray a;
  add_multipolygon(a, {{{{0, 0}, {0, 3}, {4, 0}}}});  // right triangle, clockwise
  EXPECT_DOUBLE_EQ(feature_area(a, 0), 6.0);
  EXPECT_DOUBLE_EQ(feature_perimeter(a, 0), 3.0 + 4.0 + 5.0);
}

TEST(FeatureArea, MultiPolygonSumsParts) {
  MultiPolygonArray a;
  // 2×2 square, a 3×1 rectangle and a 10×10 square with a 2×2 hole, as one feature.
  add_multipolygon(a, {{rectangle_ring(0, 0, 2, 2)},
                       {rectangle_ring(5, 0, 8, 1)},
                       {rectangle_ring(20, 20, 30, 30), rectangle_ring(24, 24, 26, 26)}});
  EXPECT_DOUBLE_EQ(feature_area(a, 0), 4.0 + 3.0 + 100.0 - 4.0);
  EXPECT_DOUBLE_EQ(feature_perimeter(a, 0), 8.0 + 8.0 + 40.0 + 8.0);
}

TEST(FeatureArea, PerFeature) {
  MultiPolygonArray a;
  add_square(a, 0, 0, 1);
  add_rectangle(a, 0, 0, 3, 2);
  add_multipolygon(a, {});
  EXPECT_DOUBLE_EQ(feature_area(a, 0), 1.0);
  EXPECT_DOUBLE_EQ(feature_area(a, 1), 6.0);
  EXPECT_DOUBLE_EQ(feature_area(a, 2), 0.0);
  EXPECT_DOUBLE_EQ(feature_perimeter(a, 0), 4.0);
  EXPECT_DOUBLE_EQ(feature_perimeter(a, 1), 10.0);
  EXPECT_DOUBLE_EQ(feature_perimeter(a, 2), 0.0);
}

TEST(FeatureArea, PreciseAtRdCoordinates) {
  // A 1 km × 0.5 m strip at RD coordinates: 500 m². Without shifting to a local origin the
  // shoelace sum of products near 1e11 would lose most of these digits.
  MultiPolygonArray a;
  add_rectangle(a, 155000.0, 463000.0, 156000.0, 463000.5);
  EXPECT_NEAR(feature_area(a, 0), 500.0, 1e-9);
  EXPECT_NEAR(feature_perimeter(a, 0), 2001.0, 1e-9);
}

TEST(FeatureBounds, OverAllPartsAndPerPart) {
  MultiPolygonArray a;
  add_multipolygon(a, {{rectangle_ring(0, 1, 2, 3)}, {rectangle_ring(-5, 10, -4, 12)}});
  const Box f = feature_bounds(a, 0);
  EXPECT_EQ(f.min_x, -5.0);
  EXPECT_EQ(f.min_y, 1.0);
  EXPECT_EQ(f.max_x, 2.0);
  EXPECT_EQ(f.max_y, 12.0);
  const Box p1 = part_bounds(a, 1);
  EXPECT_EQ(p1.min_x, -5.0);
  EXPECT_EQ(p1.max_x, -4.0);
  EXPECT_EQ(p1.min_y, 10.0);
  EXPECT_EQ(p1.max_y, 12.0);
  EXPECT_TRUE(f.contains(0, 5));   // inside the box, though in neither part
  EXPECT_TRUE(f.contains(2, 12));  // the box is closed
  EXPECT_FALSE(f.contains(2.5, 5));
}

}  // namespace
}  // namespace kk::geometry
