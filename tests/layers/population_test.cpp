// A population point layer gives each kern (and buitengebied) its inhabitants.
#include <gtest/gtest.h>

#include "kernkompas/analysis.hpp"
#include "kernkompas/core/error.hpp"
#include "kernkompas/layers/read.hpp"
#include "layer_fixture.hpp"

namespace kk::testing {
namespace {

class PopulationTest : public LayerTest {};

TEST_F(PopulationTest, PointsAreSummedPerKernAndOverrideTheKernField) {
  // CBS-style 100 m squares as centre points: two in A, one on the A|B edge (goes to A),
  // one in B, one in C's hole (buitengebied) and one far outside.
  write("pop.csv",
        "x,y,aantal_inwoners\n130450,465450,100\n130550,465550,25\n131000,465800,5\n"
        "131500,465500,40\n134000,466000,7\n150000,480000,3\n");
  layers::LayerSource source;
  source.path = dir_ / "pop.csv";
  source.x_column = "x";
  source.y_column = "y";
  source.crs = "EPSG:28992";
  source.fields["inhabitants"] = "aantal_inwoners";
  layers::Notes notes;
  AnalysisInput input;
  input.kernen = layers::read_kernen(kernen_source(), "EPSG:28992", notes);
  input.locations = layers::read_locations(csv_locations(dir_ / "locations.csv"), "EPSG:28992", notes);
  input.locations.snapshot_date = *parse_iso_date("2025-01-01");
  input.population = layers::read_population(source, "EPSG:28992", notes);
  const AnalysisResult result = run_analysis(input);
  const auto& population = result.kern_indicators().at("population").reals;
  ASSERT_EQ(population.size(), 4u);
  EXPECT_DOUBLE_EQ(population[0], 130.0);  // A: 100 + 25 + 5 (the kern field's 1000 is overridden)
  EXPECT_DOUBLE_EQ(population[1], 40.0);   // B
  EXPECT_DOUBLE_EQ(population[2], 0.0);    // C: nobody lives there
  EXPECT_DOUBLE_EQ(population[3], 10.0);   // buitengebied: 7 + 3
  const auto& per_1000 = result.kern_indicators().at("locations_per_1000_inhabitants").reals;
  EXPECT_NEAR(per_1000[0], 1000.0 * 2 / 130, 1e-12);
  EXPECT_TRUE(std::isnan(per_1000[2]));  // no population, no rate
}

// Population in polygons (CBS buurten, 100 m squares): each polygon's inhabitants at a point
// inside it, GEOS PointOnSurface: the square's centre; for an L, whose centroid
// (131032.2, 465032.2) lies outside it, the middle of the widest stretch of the scan line
// halfway between the vertex heights nearest its centre (465020 and 465100): (131010, 465060),
// as shapely's representative_point gives too.
TEST_F(PopulationTest, PolygonsStandForTheirInhabitantsAtAPointInside) {
  write("pop.geojson", R"({"type": "FeatureCollection",
    "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
    "features": [
      {"type": "Feature", "properties": {"inwoners": 120},
       "geometry": {"type": "Polygon", "coordinates": [[[130400, 465400], [130500, 465400], [130500, 465500],
                                                          [130400, 465500], [130400, 465400]]]}},
      {"type": "Feature", "properties": {"inwoners": 30},
       "geometry": {"type": "MultiPolygon", "coordinates": [[[[131000, 465000], [131100, 465000], [131100, 465020],
                                                               [131020, 465020], [131020, 465100], [131000, 465100],
                                                               [131000, 465000]]]]}}]})");
  layers::LayerSource source;
  source.path = dir_ / "pop.geojson";
  source.fields["inhabitants"] = "inwoners";
  layers::Notes notes;
  const PopulationLayer population = layers::read_population(source, "EPSG:28992", notes);
  ASSERT_EQ(population.size(), 2u);
  EXPECT_DOUBLE_EQ(population.x[0], 130450.0);
  EXPECT_DOUBLE_EQ(population.y[0], 465450.0);
  EXPECT_DOUBLE_EQ(population.inhabitants[1], 30.0);
  EXPECT_DOUBLE_EQ(population.x[1], 131010.0);
  EXPECT_DOUBLE_EQ(population.y[1], 465060.0);

  // Lines are neither points nor polygons: refused naming the layer.
  write("lines.geojson", R"({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"inwoners": 1},
    "geometry": {"type": "LineString", "coordinates": [[130400, 465400], [130500, 465400]]}}]})");
  source.path = dir_ / "lines.geojson";
  source.crs = "EPSG:28992";
  try {
    layers::read_population(source, "EPSG:28992", notes);
    FAIL() << "lines accepted as population";
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kWrongGeometryType);
    EXPECT_NE(std::string(e.what()).find("lines.geojson"), std::string::npos) << e.what();
  }
}

TEST_F(PopulationTest, MissingInhabitantsColumnIsNamed) {
  write("pop.csv", "x,y,people\n130450,465450,100\n");
  layers::LayerSource source;
  source.path = dir_ / "pop.csv";
  source.x_column = "x";
  source.y_column = "y";
  source.crs = "EPSG:28992";
  layers::Notes notes;
  try {
    layers::read_population(source, "EPSG:28992", notes);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kMissingField);
    EXPECT_NE(std::string(e.what()).find("inhabitants"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("pop.csv"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace kk::testing
