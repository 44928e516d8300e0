// Every kind of bad input gives one kk::InputError naming the file, the record and the problem.
#include <gtest/gtest.h>

#include "kernkompas/core/error.hpp"
#include "kernkompas/layers/read.hpp"
#include "layer_fixture.hpp"

namespace kk::testing {
namespace {

class BadInputTest : public LayerTest {
 protected:
  // Reads `source` as locations and returns the error; fails the test if none is thrown.
  InputError location_error(const layers::LayerSource& source) {
    layers::Notes notes;
    try {
      layers::read_locations(source, "EPSG:28992", notes);
    } catch (const InputError& e) {
      return e;
    }
    ADD_FAILURE() << "no error for " << source.path;
    return InputError(ErrorCode::kOk, "");
  }

  layers::LayerSource csv_with_row(const std::string& row, const std::string& name = "bad.csv") {
    return csv_locations(write(name, std::string(kLocationsCsvHeader) +
                                         "G1,Good,47.11,130100,465100,10,occupied,,1\n" + row + "\n"));
  }

  static void expect_mentions(const InputError& e, std::initializer_list<std::string> parts) {
    for (const auto& part : parts) {
      EXPECT_NE(std::string(e.what()).find(part), std::string::npos)
          << "'" << e.what() << "' does not mention '" << part << "'";
    }
  }
};

TEST_F(BadInputTest, MissingFile) {
  const auto e = location_error(csv_locations(dir_ / "nope.csv"));
  EXPECT_EQ(e.code(), ErrorCode::kIo);
  expect_mentions(e, {"nope.csv", "no such file"});
}

TEST_F(BadInputTest, UnknownFormat) {
  layers::LayerSource source;
  source.path = write("garbage.xyz", std::string("\x01\x02\x03 not a vector file \xff"));
  const auto e = location_error(source);
  EXPECT_EQ(e.code(), ErrorCode::kUnknownFormat);
  expect_mentions(e, {"garbage.xyz", "not a vector format"});
}

TEST_F(BadInputTest, LayerWithoutCrs) {
  layers::LayerSource source = csv_locations(dir_ / "locations.csv");
  source.crs.clear();
  const auto e = location_error(source);
  EXPECT_EQ(e.code(), ErrorCode::kCrsMissing);
  expect_mentions(e, {"locations.csv", "no CRS", "crs ="});
}

TEST_F(BadInputTest, LonLatDeclaredAsRdNew) {
  const auto e = location_error(csv_with_row("B1,Bad,47.11,5.1,52.2,10,occupied,,1"));
  EXPECT_EQ(e.code(), ErrorCode::kCrsImplausible);
  expect_mentions(e, {"bad.csv", "record 2", "B1", "implausible", "Amersfoort / RD New"});
}

TEST_F(BadInputTest, MappedFieldThatDoesNotExist) {
  layers::LayerSource source = csv_locations(dir_ / "locations.csv");
  source.fields["floor_area_m2"] = "oppervlakte";
  const auto e = location_error(source);
  EXPECT_EQ(e.code(), ErrorCode::kMissingField);
  expect_mentions(e, {"locations.csv", "oppervlakte", "floor_area_m2", "columns: id, name"});
}

TEST_F(BadInputTest, NonNumericFloorArea) {
  const auto e = location_error(csv_with_row("B1,Bad,47.11,130200,465200,groot,occupied,,1"));
  EXPECT_EQ(e.code(), ErrorCode::kBadValue);
  expect_mentions(e, {"bad.csv", "record 2", "'B1'", "floor_area_m2 'groot' is not a number"});
}

TEST_F(BadInputTest, NanCoordinate) {
  const auto e = location_error(csv_with_row("B1,Bad,47.11,nan,465200,10,occupied,,1"));
  EXPECT_EQ(e.code(), ErrorCode::kBadValue);
  expect_mentions(e, {"record 2", "NaN"});
}

TEST_F(BadInputTest, EmptyGeometry) {
  const auto e = location_error(csv_with_row("B1,Bad,47.11,,,10,occupied,,1"));
  EXPECT_EQ(e.code(), ErrorCode::kEmptyGeometry);
  expect_mentions(e, {"record 2", "empty coordinate"});
}

TEST_F(BadInputTest, EmptyGeometryInAGeoJsonFeature) {
  layers::LayerSource source;
  source.path = write("points.geojson",
                      R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"id":"P1"},"geometry":{"type":"Point","coordinates":[5.1,52.2]}},
      {"type":"Feature","properties":{"id":"P2"},"geometry":null}]})");
  const auto e = location_error(source);
  EXPECT_EQ(e.code(), ErrorCode::kEmptyGeometry);
  expect_mentions(e, {"points.geojson", "record 2", "P2", "no geometry"});
}

TEST_F(BadInputTest, DuplicateIds) {
  const auto e = location_error(csv_with_row("G1,Again,47.11,130200,465200,10,occupied,,1"));
  EXPECT_EQ(e.code(), ErrorCode::kDuplicateId);
  expect_mentions(e, {"record 2", "'G1'", "already used by record 1"});
}

TEST_F(BadInputTest, EmptyLayer) {
  const auto e = location_error(csv_locations(write("empty.csv", kLocationsCsvHeader)));
  EXPECT_EQ(e.code(), ErrorCode::kEmptyLayer);
  expect_mentions(e, {"empty.csv", "empty"});
}

TEST_F(BadInputTest, PolygonLayerWhereLocationsAreExpected) {
  layers::LayerSource source;
  source.path = dir_ / "kernen.geojson";
  const auto e = location_error(source);
  EXPECT_EQ(e.code(), ErrorCode::kWrongGeometryType);
  expect_mentions(e, {"kernen.geojson", "record 1", "expected a point", "Polygon"});
}

TEST_F(BadInputTest, PointLayerWhereKernenAreExpected) {
  layers::LayerSource source;
  source.path = write("points.geojson",
                      R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"name":"P"},"geometry":{"type":"Point","coordinates":[5.1,52.2]}}]})");
  layers::Notes notes;
  try {
    layers::read_kernen(source, "EPSG:28992", notes);
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kWrongGeometryType);
    expect_mentions(e, {"points.geojson", "expected polygons"});
  }
}

TEST_F(BadInputTest, BadStatusAndBadDate) {
  auto e = location_error(csv_with_row("B1,Bad,47.11,130200,465200,10,misschien,,1", "s.csv"));
  EXPECT_EQ(e.code(), ErrorCode::kBadValue);
  expect_mentions(e, {"record 2", "status 'misschien'"});
  e = location_error(csv_with_row("B1,Bad,47.11,130200,465200,10,vacant,2023-02-29,1", "d.csv"));
  EXPECT_EQ(e.code(), ErrorCode::kBadValue);
  expect_mentions(e, {"record 2", "vacant_since '2023-02-29' is not a date"});
}

TEST_F(BadInputTest, InvalidKernPolygonIsRepairedAndReported) {
  layers::LayerSource source;
  // A bow-tie: self-intersecting at (131000, 465500); MakeValid splits it into two triangles.
  source.path = write("bowtie.geojson",
                      R"({"type":"FeatureCollection",
      "crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
      {"type":"Feature","properties":{"name":"Strik"},"geometry":{"type":"Polygon","coordinates":
      [[[130000,465000],[132000,466000],[132000,465000],[130000,466000],[130000,465000]]]}}]})");
  layers::Notes notes;
  const KernLayer kernen = layers::read_kernen(source, "EPSG:28992", notes);
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_NE(notes[0].find("bowtie.geojson"), std::string::npos);
  EXPECT_NE(notes[0].find("record 1"), std::string::npos);
  EXPECT_NE(notes[0].find("Self-intersection"), std::string::npos);
  EXPECT_NE(notes[0].find("MakeValid"), std::string::npos);
  // Two triangles, each with a 1000 m vertical base and 1000 m height: 2 x 500000 m².
  EXPECT_NEAR(geometry::feature_area(kernen.geometry, 0), 1000000.0, 1e-6);
}

}  // namespace
}  // namespace kk::testing
