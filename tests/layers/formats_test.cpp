// Every supported format reads to the same layers, and assignment gives the known kernen.
#include <gtest/gtest.h>

#include "kernkompas/analysis.hpp"
#include "kernkompas/layers/crs.hpp"
#include "kernkompas/layers/read.hpp"
#include "layer_fixture.hpp"

namespace kk::testing {
namespace {

class FormatsTest : public LayerTest {
 protected:
  // The CSV converted to a point file in `format`, read back with default field names.
  LocationLayer read_converted(const std::string& file, const std::string& format,
                               std::map<std::string, std::string> fields = {}) {
    // FlatGeobuf's spatial index would reorder the features; file order must survive.
    translate(dir_ / "locations.csv", dir_ / file,
              {"-f", format, "-a_srs", "EPSG:28992", "-nln", "locations", "-lco", "SPATIAL_INDEX=NO"},
              {"X_POSSIBLE_NAMES=x", "Y_POSSIBLE_NAMES=y", "KEEP_GEOM_COLUMNS=NO"});
    layers::LayerSource source;
    source.path = dir_ / file;
    source.fields = std::move(fields);
    layers::Notes notes;
    return layers::read_locations(source, "EPSG:28992", notes);
  }

  void expect_same(const LocationLayer& a, const LocationLayer& b, double tolerance = 1e-6) {
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a.id[i], b.id[i]);
      EXPECT_NEAR(a.x[i], b.x[i], tolerance);
      EXPECT_NEAR(a.y[i], b.y[i], tolerance);
      EXPECT_EQ(a.sbi[i], b.sbi[i]);
      EXPECT_EQ(std::isnan(a.floor_area_m2[i]), std::isnan(b.floor_area_m2[i])) << a.id[i];
      if (!std::isnan(a.floor_area_m2[i])) {
        EXPECT_DOUBLE_EQ(a.floor_area_m2[i], b.floor_area_m2[i]);
      }
      EXPECT_EQ(a.status[i], b.status[i]);
      EXPECT_EQ(a.vacant_since[i], b.vacant_since[i]);
    }
  }

  LocationLayer reference() {
    layers::Notes notes;
    return layers::read_locations(csv_locations(dir_ / "locations.csv"), "EPSG:28992", notes);
  }
};

TEST_F(FormatsTest, CsvWithXyColumnsReadsEveryField) {
  const LocationLayer l = reference();
  ASSERT_EQ(l.size(), kLocations.size());
  EXPECT_EQ(l.id[0], "L1");
  EXPECT_DOUBLE_EQ(l.x[0], 130500.0);
  EXPECT_TRUE(std::isnan(l.floor_area_m2[0]));  // empty cell
  EXPECT_DOUBLE_EQ(l.floor_area_m2[1], 100.0);
  EXPECT_EQ(l.status[1], OccupancyStatus::kVacant);
  EXPECT_EQ(l.vacant_since[1], *parse_iso_date("2023-06-01"));
  EXPECT_EQ(l.vacant_since[0], kNoDate);
  EXPECT_DOUBLE_EQ(l.employees[7], 7.0);
}

TEST_F(FormatsTest, GeoPackageMatchesCsv) { expect_same(reference(), read_converted("l.gpkg", "GPKG")); }
TEST_F(FormatsTest, GeoJsonMatchesCsv) { expect_same(reference(), read_converted("l.geojson", "GeoJSON")); }
TEST_F(FormatsTest, FlatGeobufMatchesCsv) { expect_same(reference(), read_converted("l.fgb", "FlatGeobuf")); }

TEST_F(FormatsTest, ShapefileMatchesCsvWithMappedTruncatedNames) {
  // Shapefile field names stop at 10 characters: the config maps them back.
  expect_same(reference(), read_converted("l.shp", "ESRI Shapefile",
                                          {{"floor_area_m2", "floor_area"}, {"vacant_since", "vacant_sin"}}));
}

TEST_F(FormatsTest, CsvWithWktColumnMatchesCsv) {
  std::string csv = "id,sbi,geom,floor_area_m2,status,vacant_since\n";
  const LocationLayer ref = reference();
  for (size_t i = 0; i < ref.size(); ++i) {
    char row[256];
    std::snprintf(row, sizeof row, "%s,%s,\"POINT (%.3f %.3f)\",%s,%s,%s\n", ref.id[i].c_str(),
                  ref.sbi[i].c_str(), ref.x[i], ref.y[i],
                  std::isnan(ref.floor_area_m2[i]) ? "" : std::to_string(ref.floor_area_m2[i]).c_str(),
                  ref.status[i] == OccupancyStatus::kVacant ? "vacant" : "occupied",
                  format_iso_date(ref.vacant_since[i]).c_str());
    csv += row;
  }
  layers::LayerSource source;
  source.path = write("wkt.csv", csv);
  source.wkt_column = "geom";
  source.crs = "EPSG:28992";
  layers::Notes notes;
  expect_same(ref, layers::read_locations(source, "EPSG:28992", notes));
}

TEST_F(FormatsTest, CsvWithLonLatColumnsIsTransformedToRd) {
  const LocationLayer ref = reference();
  std::vector<double> lon(ref.x), lat(ref.y);
  layers::CrsTransform("EPSG:28992", "OGC:CRS84").transform(lon, lat);
  std::string csv = "id,sbi,lon,lat,floor_area_m2,status,vacant_since\n";
  for (size_t i = 0; i < ref.size(); ++i) {
    char row[256];
    std::snprintf(row, sizeof row, "%s,%s,%.10f,%.10f,%s,%s,%s\n", ref.id[i].c_str(), ref.sbi[i].c_str(),
                  lon[i], lat[i],
                  std::isnan(ref.floor_area_m2[i]) ? "" : std::to_string(ref.floor_area_m2[i]).c_str(),
                  ref.status[i] == OccupancyStatus::kVacant ? "vacant" : "occupied",
                  format_iso_date(ref.vacant_since[i]).c_str());
    csv += row;
  }
  const fs::path config = write("lonlat.toml",
                                "[kernen]\npath = \"kernen.geojson\"\n"
                                "[locations]\npath = \"lonlat.csv\"\nlon = \"lon\"\nlat = \"lat\"\n");
  write("lonlat.csv", csv);
  const layers::ProjectConfig project = layers::load_config(config);
  EXPECT_EQ(project.locations.crs, "OGC:CRS84");  // lon/lat implies WGS84
  layers::Notes notes;
  expect_same(ref, layers::read_locations(project.locations, "EPSG:28992", notes), 1e-3);
}

TEST_F(FormatsTest, KernenReadFromEveryFormatGiveTheSameAssignment) {
  const LocationLayer locations = reference();
  for (const auto& [file, format] : std::vector<std::pair<std::string, std::string>>{
           {"k.geojson", "GeoJSON"}, {"k.gpkg", "GPKG"}, {"k.shp", "ESRI Shapefile"}, {"k.fgb", "FlatGeobuf"}}) {
    SCOPED_TRACE(format);
    translate(dir_ / "kernen.geojson", dir_ / file,
              {"-f", format, "-nlt", "MULTIPOLYGON", "-lco", "SPATIAL_INDEX=NO"});
    layers::LayerSource source;
    source.path = dir_ / file;
    layers::Notes notes;
    const KernLayer kernen = layers::read_kernen(source, "EPSG:28992", notes);
    ASSERT_EQ(kernen.size(), 3u);
    EXPECT_EQ(kernen.aliases[2], (std::vector<std::string>{"Gama", "Gammma"}));
    EXPECT_DOUBLE_EQ(kernen.population[0], 1000.0);
    EXPECT_TRUE(std::isnan(kernen.population[2]));
    const auto assignment = assign::assign_to_kernen(kernen, locations.x, locations.y);
    for (size_t i = 0; i < kLocations.size(); ++i) {
      const std::string expected = kLocations[i].kern;
      const int32_t k = assignment.kern[i];
      EXPECT_EQ(k == assign::kBuitengebied ? std::string() : kernen.code[k], expected) << kLocations[i].id;
    }
    EXPECT_EQ(assignment.count_per_kern, (std::vector<int64_t>{2, 1, 3, 2}));
  }
}

}  // namespace
}  // namespace kk::testing
