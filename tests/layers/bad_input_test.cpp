// Every kind of bad input gives one kk::InputError naming the file, the record and the problem.
#include <gtest/gtest.h>

#include "kernkompas/core/error.hpp"
#include "kernkompas/layers/crs.hpp"
#include "kernkompas/layers/read.hpp"
#include "kernkompas/layers/validate.hpp"
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

// --- Every GDAL read is checked (issue 9) ------------------------------------------------------

class TruncatedFileTest : public BadInputTest {
 protected:
  // 300 locations written by GDAL as `file` in `format`: large enough that a cut falls among
  // the features, not in the header.
  fs::path converted(const std::string& file, const std::string& format) {
    std::string csv = "id,x,y,status\n";
    for (int i = 0; i < 300; ++i) {
      csv += "L" + std::to_string(i) + "," + std::to_string(130000 + 7 * i) + "," +
             std::to_string(465000 + 3 * i) + ",occupied\n";
    }
    write("many.csv", csv);
    translate(dir_ / "many.csv", dir_ / file,
              {"-f", format, "-a_srs", "EPSG:28992", "-nln", "locations", "-lco", "SPATIAL_INDEX=NO"},
              {"X_POSSIBLE_NAMES=x", "Y_POSSIBLE_NAMES=y", "KEEP_GEOM_COLUMNS=NO"});
    return dir_ / file;
  }
  static void cut(const fs::path& path, double fraction) {
    fs::resize_file(path, static_cast<uintmax_t>(static_cast<double>(fs::file_size(path)) * fraction));
  }
  InputError truncated_error(const fs::path& path) {
    layers::LayerSource source;
    source.path = path;
    return location_error(source);
  }
};

TEST_F(TruncatedFileTest, IntactFilesReadInFull) {
  for (const auto& [file, format] : std::vector<std::pair<std::string, std::string>>{
           {"l.fgb", "FlatGeobuf"}, {"l.gpkg", "GPKG"}, {"l.shp", "ESRI Shapefile"}}) {
    layers::LayerSource source;
    source.path = converted(file, format);
    layers::Notes notes;
    EXPECT_EQ(layers::read_locations(source, "EPSG:28992", notes).size(), 300u) << file;
  }
}

TEST_F(TruncatedFileTest, FlatGeobufCutTo60And70PercentIsRefused) {
  for (const double fraction : {0.6, 0.7}) {
    const fs::path path = converted("cut.fgb", "FlatGeobuf");
    cut(path, fraction);
    const auto e = truncated_error(path);
    EXPECT_EQ(e.code(), ErrorCode::kIo) << fraction << ": " << e.what();
    expect_mentions(e, {"cut.fgb", "record", "truncated or damaged"});
  }
}

// A reader that ends without a GDAL error but short of the count the file declares: the
// FlatGeobuf header's feature count (a little-endian uint64) raised from 300 to 305.
TEST_F(TruncatedFileTest, FewerRecordsThanTheFileDeclaresIsRefused) {
  const fs::path path = converted("more.fgb", "FlatGeobuf");
  std::string bytes;
  {
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), {});
  }
  const std::string count_300("\x2c\x01\0\0\0\0\0\0", 8);
  const size_t at = bytes.find(count_300);
  ASSERT_LT(at, 1000u) << "no feature count 300 in the header";
  bytes[at] = '\x31';  // 305
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  const auto e = truncated_error(path);
  EXPECT_EQ(e.code(), ErrorCode::kIo);
  EXPECT_EQ(std::string(e.what()), "locations file '" + path.string() +
                                       "': the file declares 305 records, but only 300 could be read; the "
                                       "file may be truncated or damaged");
}

TEST_F(TruncatedFileTest, GeoPackageCutIsRefused) {
  const fs::path path = converted("cut.gpkg", "GPKG");
  cut(path, 0.6);
  const auto e = truncated_error(path);
  EXPECT_EQ(e.code(), ErrorCode::kIo) << e.what();
  expect_mentions(e, {"cut.gpkg", "truncated or damaged"});
}

TEST_F(TruncatedFileTest, ShapefileWithCutShpIsRefused) {
  const fs::path path = converted("cut.shp", "ESRI Shapefile");
  cut(path, 0.6);
  const auto e = truncated_error(path);
  EXPECT_EQ(e.code(), ErrorCode::kIo) << e.what();
  expect_mentions(e, {"cut.shp", "record", "truncated or damaged"});
}

TEST_F(TruncatedFileTest, ShapefileWithCutDbfIsRefused) {
  const fs::path path = converted("cut.shp", "ESRI Shapefile");
  cut(dir_ / "cut.dbf", 0.6);
  const auto e = truncated_error(path);
  EXPECT_EQ(e.code(), ErrorCode::kIo) << e.what();
  expect_mentions(e, {"cut.shp", "record", "truncated or damaged"});
}

// --- Messages that name the real cause (issue 9) ------------------------------------------------

// GDAL joins lines while a quote is open, so an unbalanced quote used to make the rest of the
// file one value (a 151-line message): now one line naming the line where the quote opens.
TEST_F(BadInputTest, UnbalancedCsvQuoteNamesTheLineWhereItOpens) {
  const auto e = location_error(csv_with_row("B1,\"Bad,47.11,130200,465200,10,occupied,,1\n"
                                             "B2,Fine,47.11,130300,465200,10,occupied,,1"));
  EXPECT_EQ(e.code(), ErrorCode::kBadValue);
  EXPECT_EQ(std::string(e.what()), "locations file '" + (dir_ / "bad.csv").string() +
                                       "', line 3: a quote (\") opens here and never closes, so the rest of "
                                       "the file would be one value; close it, or double a quote inside a "
                                       "value (\"\")");
}

TEST_F(BadInputTest, QuotedValuesOverSeveralLinesStillRead) {
  layers::Notes notes;
  const auto l = layers::read_locations(
      csv_with_row("B1,\"Bakker \"\"De Zoete\"\"\nKerkstraat 1\",47.11,130200,465200,10,occupied,,1"), "EPSG:28992",
      notes);
  ASSERT_EQ(l.size(), 2u);
  EXPECT_EQ(l.name[1], "Bakker \"De Zoete\"\nKerkstraat 1");
}

TEST_F(BadInputTest, NulByteInACsvIsNotAnEmptyCoordinate) {
  const auto e = location_error(csv_with_row(std::string("B1,Bad,47.11,130200") + '\0' + ",465200,10,occupied,,1"));
  EXPECT_EQ(e.code(), ErrorCode::kBadValue);
  expect_mentions(e, {"bad.csv', line 3: holds a NUL byte", "UTF-16"});
  EXPECT_EQ(std::string(e.what()).find("empty coordinate"), std::string::npos);
}

TEST_F(BadInputTest, NanCoordinateInAGeoJsonIsNotNoGeometry) {
  layers::LayerSource source;
  source.path = write("nan.geojson", R"({"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"id":"P1"},"geometry":{"type":"Point","coordinates":[5.1,52.2]}},
      {"type":"Feature","properties":{"id":"P2"},"geometry":{"type":"Point","coordinates":[NaN,52.2]}}]})");
  const auto e = location_error(source);
  EXPECT_EQ(e.code(), ErrorCode::kBadValue);
  EXPECT_EQ(std::string(e.what()), "locations file '" + source.path.string() +
                                       "', record 2 (id 'P2'): coordinate is NaN (not a number)");
}

TEST_F(BadInputTest, ShapefileWithoutItsDbfNamesTheMissingFile) {
  write("many.csv", "id,x,y\nL1,130000,465000\n");
  translate(dir_ / "many.csv", dir_ / "l.shp", {"-f", "ESRI Shapefile", "-a_srs", "EPSG:28992"},
            {"X_POSSIBLE_NAMES=x", "Y_POSSIBLE_NAMES=y"});
  fs::remove(dir_ / "l.dbf");
  layers::LayerSource source;
  source.path = dir_ / "l.shp";
  source.fields["id"] = "id";
  const auto e = location_error(source);
  EXPECT_EQ(e.code(), ErrorCode::kIo);
  expect_mentions(e, {"l.shp", "attribute table 'l.dbf' is missing", "copy them together"});
}

TEST_F(BadInputTest, FolderAsInputIsNamedAsAFolder) {
  fs::create_directories(dir_ / "data");
  layers::LayerSource source;
  source.path = dir_ / "data";
  const auto e = location_error(source);
  EXPECT_EQ(e.code(), ErrorCode::kIo);
  expect_mentions(e, {"data'", "is a folder", "name the file inside it"});
}

// --- Plausibility ------------------------------------------------------------------------------

TEST_F(BadInputTest, NegativeFloorAreaNamesTheRecord) {
  const auto e = location_error(csv_with_row("N1,Neg,47.11,130200,465200,-5,occupied,,1"));
  EXPECT_EQ(e.code(), ErrorCode::kBadValue);
  expect_mentions(e, {"bad.csv", "record 2", "'N1'", "floor_area_m2 is negative (-5)"});
}

TEST_F(BadInputTest, NegativePopulationOfAKernIsRefused) {
  layers::LayerSource source;
  source.path = write("negative.geojson", R"({"type":"FeatureCollection",
"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"code":"K","name":"Kern","population":-3},"geometry":{"type":"Polygon",
 "coordinates":[[[130000,465000],[131000,465000],[131000,466000],[130000,465000]]]}}]})");
  layers::Notes notes;
  try {
    layers::read_kernen(source, "EPSG:28992", notes);
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kBadValue);
    expect_mentions(e, {"negative.geojson", "record 1", "'K'", "population is negative (-3)"});
  }
}

TEST_F(BadInputTest, GeographicWorkingCrsIsRefused) {
  try {
    layers::check_working_crs("EPSG:4326", "analysis.working_crs");
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kCrsTransform);
    expect_mentions(e, {"analysis.working_crs", "EPSG:4326", "geographic", "projected in metres"});
  }
  try {
    layers::check_working_crs("EPSG:2227", "working_crs");  // California zone 3, US survey feet
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kCrsTransform);
    expect_mentions(e, {"working_crs", "EPSG:2227", "projected in", "foot"});
  }
  EXPECT_NO_THROW(layers::check_working_crs("EPSG:28992", "working_crs"));
  EXPECT_NO_THROW(layers::check_working_crs("EPSG:7415", "working_crs"));  // RD New + NAP height
  EXPECT_NO_THROW(layers::check_working_crs("EPSG:3035", "working_crs"));
}

}  // namespace
}  // namespace kk::testing
