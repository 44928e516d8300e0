// The record checks shared by the file readers and the bindings: record names, CRS checks,
// status/date parsing, aliases, ids, snapshot dates, polygon repair.
#include "kernkompas/layers/validate.hpp"

#include <gtest/gtest.h>

#include "kernkompas/core/error.hpp"

namespace kk::layers {
namespace {

const RecordLabel kPoints = [](size_t i) { return "point " + std::to_string(i); };

// Runs `f`, which must throw kk::InputError; returns it.
template <class F>
InputError error_of(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "no error";
  return InputError(ErrorCode::kOk, "");
}

// A closed square ring with its south-west corner at (x, y), 100 m a side.
void add_square(geometry::MultiPolygonArray& polygons, double x, double y) {
  polygons.begin_feature();
  polygons.begin_part();
  const std::vector<double> xs{x, x + 100, x + 100, x, x}, ys{y, y, y + 100, y + 100, y};
  polygons.add_ring(xs, ys);
}

TEST(RecordLabel, CountsRecordsFromOneAndNamesTheId) {
  EXPECT_EQ(record_label("locations file 'x.csv'", 11, "A12"), "locations file 'x.csv', record 12 (id 'A12')");
  EXPECT_EQ(record_label("kernen GeoDataFrame", 0), "kernen GeoDataFrame, record 1");
}

TEST(RecordLabel, FollowsIdsThatGrow) {
  std::vector<std::string> ids{"a"};
  const RecordLabel label = record_labels("locations", ids);
  EXPECT_EQ(label(1), "locations, record 2");
  ids.push_back("b");
  EXPECT_EQ(label(1), "locations, record 2 (id 'b')");
}

TEST(RecordLabel, VerticesAreNamedByTheirFeature) {
  geometry::MultiPolygonArray polygons;
  add_square(polygons, 0, 0);    // vertices 0-4
  polygons.begin_feature();      // no geometry
  add_square(polygons, 200, 0);  // vertices 5-9
  const RecordLabel label = vertex_labels(polygons, kPoints);
  EXPECT_EQ(label(0), "point 0");
  EXPECT_EQ(label(4), "point 0");
  EXPECT_EQ(label(5), "point 2");
  EXPECT_EQ(label(9), "point 2");
}

TEST(ToWorkingCrs, TransformsPlausiblePoints) {
  // The RD New origin (see crs_test.cpp).
  std::vector<double> x{5.38720621}, y{52.15517440};
  to_working_crs("EPSG:4326", "EPSG:28992", x, y, kPoints, "crs");
  EXPECT_NEAR(x[0], 155000.0, 1.0);
  EXPECT_NEAR(y[0], 463000.0, 1.0);
}

TEST(ToWorkingCrs, ImplausiblePointIsNamedAndNothingChanges) {
  std::vector<double> x{140000, 5.1}, y{470000, 52.2};
  const InputError e =
      error_of([&] { to_working_crs("EPSG:28992", "EPSG:28992", x, y, kPoints, "crs in the config"); });
  EXPECT_EQ(e.code(), ErrorCode::kCrsImplausible);
  EXPECT_STREQ(e.what(),
               "point 1: coordinates (5.100000, 52.200000) are implausible for Amersfoort / RD New (outside the "
               "area where it is used; lon/lat given as projected metres, or the wrong crs in the config?)");
  EXPECT_EQ(x, (std::vector<double>{140000, 5.1}));
}

TEST(ToWorkingCrs, PointOutsideTheTargetAreaKeepsItsInputCoordinates) {
  std::vector<double> x{5.1, 151.2}, y{52.2, -33.9};  // Amersfoort, Sydney
  const InputError e = error_of([&] { to_working_crs("OGC:CRS84", "EPSG:28992", x, y, kPoints, "crs"); });
  EXPECT_EQ(e.code(), ErrorCode::kCrsImplausible);
  EXPECT_NE(std::string(e.what()).find("point 1: coordinates (151.200000, -33.900000)"), std::string::npos) << e.what();
  EXPECT_EQ(x, (std::vector<double>{5.1, 151.2}));
}

TEST(ToWorkingCrs, UnknownCrsIsATransformError) {
  std::vector<double> x{1}, y{1};
  EXPECT_EQ(error_of([&] { to_working_crs("no such crs", "EPSG:28992", x, y, kPoints, "crs"); }).code(),
            ErrorCode::kCrsTransform);
}

TEST(ParseStatus, AcceptsDutchAndEnglishInAnyCase) {
  EXPECT_EQ(parse_status("", kPoints, 0), OccupancyStatus::kUnknown);
  EXPECT_EQ(parse_status("Bezet", kPoints, 0), OccupancyStatus::kOccupied);
  EXPECT_EQ(parse_status("in_gebruik", kPoints, 0), OccupancyStatus::kOccupied);
  EXPECT_EQ(parse_status("LEEGSTAND", kPoints, 0), OccupancyStatus::kVacant);
  EXPECT_EQ(parse_status("vacant", kPoints, 0), OccupancyStatus::kVacant);
}

TEST(ParseStatus, OtherWordsNameTheRecord) {
  const InputError e = error_of([] { parse_status("misschien", kPoints, 3); });
  EXPECT_EQ(e.code(), ErrorCode::kBadValue);
  EXPECT_STREQ(e.what(),
               "point 3: status 'misschien' is not one of occupied/bezet/in gebruik or vacant/leeg/leegstaand");
}

TEST(ParseDate, EmptyIsNoDateAndBadDatesNameTheField) {
  EXPECT_EQ(parse_date("", "vacant_since", kPoints, 0), kNoDate);
  EXPECT_EQ(parse_date("1970-01-02", "vacant_since", kPoints, 0), 1);
  const InputError e = error_of([] { parse_date("2023-02-29", "vacant_since", kPoints, 2); });
  EXPECT_EQ(e.code(), ErrorCode::kBadValue);
  EXPECT_STREQ(e.what(), "point 2: vacant_since '2023-02-29' is not a date YYYY-MM-DD");
}

TEST(SplitAliases, SplitsTrimsAndDropsEmptyParts) {
  using Texts = std::vector<std::string>;
  EXPECT_EQ(split_aliases("Alfa; Alpha|Alfadorp,\tAlf "), (Texts{"Alfa", "Alpha", "Alfadorp", "Alf"}));
  EXPECT_EQ(split_aliases(" ;; "), Texts{});
  EXPECT_EQ(split_aliases(""), Texts{});
  EXPECT_EQ(split_aliases("Kortenhoef, dorp; 't Hoef", ";"), (Texts{"Kortenhoef, dorp", "'t Hoef"}));
}

TEST(UniqueIds, RejectsEmptyAndRepeatedIds) {
  UniqueIds ids("locations GeoDataFrame", "id");
  ids.add(0, "A");
  ids.add(1, "B");
  const InputError repeated = error_of([&] { ids.add(4, "A"); });
  EXPECT_EQ(repeated.code(), ErrorCode::kDuplicateId);
  EXPECT_STREQ(repeated.what(), "locations GeoDataFrame, record 5 (id 'A'): id already used by record 1");
  const InputError empty = error_of([&] { ids.add(5, ""); });
  EXPECT_EQ(empty.code(), ErrorCode::kBadValue);
  EXPECT_STREQ(empty.what(), "locations GeoDataFrame, record 6: empty id");
}

TEST(SnapshotDate, OneLayerHoldsOneSnapshot) {
  SnapshotDate snapshot("locations");
  snapshot.add(0, "A", kNoDate);
  EXPECT_EQ(snapshot.date(), kNoDate);
  snapshot.add(1, "B", 100);
  snapshot.add(2, "C", 100);
  EXPECT_EQ(snapshot.date(), 100);
  const InputError e = error_of([&] { snapshot.add(3, "D", 101); });
  EXPECT_EQ(e.code(), ErrorCode::kBadValue);
  EXPECT_STREQ(e.what(), "locations, record 4 (id 'D'): snapshot_date 1970-04-12 differs from 1970-04-11 at "
                         "record 3; one layer holds one snapshot");
}

TEST(RepairPolygons, NotesEachRepairedFeature) {
  geometry::MultiPolygonArray polygons;
  add_square(polygons, 0, 0);
  polygons.begin_feature();
  polygons.begin_part();
  const std::vector<double> xs{0, 200, 200, 0, 0}, ys{0, 100, 0, 100, 0};  // a bow-tie
  polygons.add_ring(xs, ys);
  Notes notes{"earlier note"};
  const geometry::MultiPolygonArray repaired = repair_polygons(polygons, kPoints, notes);
  EXPECT_EQ(repaired.size(), 2u);
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_EQ(notes[1].rfind("point 1: invalid polygon (Self-intersection", 0), 0u) << notes[1];
  EXPECT_NE(notes[1].find(") repaired with GEOS MakeValid"), std::string::npos) << notes[1];
}

}  // namespace
}  // namespace kk::layers
