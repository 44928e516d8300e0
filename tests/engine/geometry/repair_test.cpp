// Tests for polygon validation and repair (kernkompas/geometry/repair.hpp).
#include "kernkompas/geometry/repair.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "kernkompas/core/error.hpp"
#include "testing/builders.hpp"

namespace kk::geometry {
namespace {

using kk::testing::add_multipolygon;
using kk::testing::add_square;
using kk::testing::add_square_with_hole;

// (0,0) → (2,2) → (2,0) → (0,2): two triangles of area 1 meeting at (1,1). Its shoelace
// area is 0 because the two lobes wind in opposite directions.
void add_bow_tie(MultiPolygonArray& out) {
  add_multipolygon(out, {{{{0, 0}, {2, 2}, {2, 0}, {0, 2}}}});
}

TEST(MakeValid, BowTieIsReportedAndSplit) {
  MultiPolygonArray input;
  add_bow_tie(input);
  EXPECT_DOUBLE_EQ(feature_area(input, 0), 0.0);

  std::vector<RepairReport> repairs;
  const MultiPolygonArray output = make_valid(input, repairs);
  ASSERT_EQ(repairs.size(), 1u);
  EXPECT_EQ(repairs[0].feature, 0u);
  EXPECT_NE(repairs[0].reason.find("Self-intersection"), std::string::npos) << repairs[0].reason;
  ASSERT_EQ(output.size(), 1u);
  EXPECT_EQ(output.part_offsets[1] - output.part_offsets[0], 2u);  // two triangles
  EXPECT_NEAR(feature_area(output, 0), 2.0, 1e-12);
  EXPECT_NEAR(feature_perimeter(output, 0), 4.0 + 4.0 * std::sqrt(2.0), 1e-12);
  const Box box = feature_bounds(output, 0);
  EXPECT_EQ(box.min_x, 0.0);
  EXPECT_EQ(box.max_x, 2.0);
}

TEST(MakeValid, ValidPolygonsAreLeftUntouched) {
  MultiPolygonArray input;
  add_square(input, 155000.5, 463000.25, 100.0);
  add_square_with_hole(input, 0, 0, 10, 3, 3, 4);
  std::vector<RepairReport> repairs;
  const MultiPolygonArray output = make_valid(input, repairs);
  EXPECT_TRUE(repairs.empty());
  EXPECT_EQ(output.x, input.x);
  EXPECT_EQ(output.y, input.y);
  EXPECT_EQ(output.vertex_offsets, input.vertex_offsets);
  EXPECT_EQ(output.ring_offsets, input.ring_offsets);
  EXPECT_EQ(output.part_offsets, input.part_offsets);
}

TEST(MakeValid, OnlyTheInvalidFeatureIsRepaired) {
  MultiPolygonArray input;
  add_square(input, 10, 10, 1);
  add_bow_tie(input);
  add_square(input, 20, 20, 2);
  std::vector<RepairReport> repairs;
  const MultiPolygonArray output = make_valid(input, repairs);
  ASSERT_EQ(repairs.size(), 1u);
  EXPECT_EQ(repairs[0].feature, 1u);
  ASSERT_EQ(output.size(), 3u);
  EXPECT_DOUBLE_EQ(feature_area(output, 0), 1.0);
  EXPECT_NEAR(feature_area(output, 1), 2.0, 1e-12);
  EXPECT_DOUBLE_EQ(feature_area(output, 2), 4.0);
  EXPECT_EQ(feature_bounds(output, 2).min_x, 20.0);
}

TEST(MakeValid, EmptyFeatureStaysEmpty) {
  MultiPolygonArray input;
  add_multipolygon(input, {});
  std::vector<RepairReport> repairs;
  const MultiPolygonArray output = make_valid(input, repairs);
  EXPECT_TRUE(repairs.empty());
  ASSERT_EQ(output.size(), 1u);
  EXPECT_EQ(output.part_count(), 0u);
}

TEST(MakeValid, DegenerateHoleIsReportedAndDropped) {
  // A valid shell with a "hole" of two distinct vertices (closed: three): not a ring, so the
  // feature is invalid, and the repair keeps the shell alone.
  MultiPolygonArray input;
  add_multipolygon(input, {{kk::testing::rectangle_ring(0, 0, 10, 10), {{2, 2}, {3, 3}}}});
  std::vector<RepairReport> repairs;
  const MultiPolygonArray output = make_valid(input, repairs);
  ASSERT_EQ(repairs.size(), 1u);
  EXPECT_EQ(repairs[0].feature, 0u);
  EXPECT_FALSE(repairs[0].reason.empty());
  ASSERT_EQ(output.size(), 1u);
  EXPECT_DOUBLE_EQ(feature_area(output, 0), 100.0);
  EXPECT_EQ(output.ring_count(), 1u);
}

TEST(MakeValid, RingGeosCannotBuildThrowsNamingTheFeature) {
  // A one-vertex "hole": GEOS refuses to build the ring at all. The error names the feature,
  // and nothing built before it leaks (checked under ASan).
  MultiPolygonArray input;
  add_square(input, 20, 20, 1);
  add_multipolygon(input, {{kk::testing::rectangle_ring(0, 0, 10, 10), {{2, 2}}}});
  std::vector<RepairReport> repairs;
  try {
    (void)make_valid(input, repairs);
    FAIL() << "a ring of one vertex must be refused";
  } catch (const InputError& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidGeometry);
    EXPECT_NE(std::string(error.what()).find("feature 1"), std::string::npos) << error.what();
  }
}

TEST(MakeValid, CollapsedPolygonThrows) {
  // All vertices on one line: no area is left to repair.
  MultiPolygonArray input;
  add_multipolygon(input, {{{{0, 0}, {1, 1}, {2, 2}, {1, 1}}}});
  std::vector<RepairReport> repairs;
  try {
    (void)make_valid(input, repairs);
    FAIL() << "a polygon without area must not be repaired silently";
  } catch (const InputError& error) {
    EXPECT_EQ(error.code(), ErrorCode::kInvalidGeometry);
    EXPECT_NE(std::string(error.what()).find("feature 0"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace kk::geometry
