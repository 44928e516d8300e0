// The facility reader: types mapped, lowered and checked, every error naming its record.
#include <gtest/gtest.h>

#include "kernkompas/core/error.hpp"
#include "kernkompas/layers/facilities.hpp"
#include "road_fixture.hpp"

namespace kk::testing {
namespace {

std::string point_feature(const std::string& properties, double x, double y) {
  return R"({"type":"Feature","properties":{)" + properties + R"(},"geometry":{"type":"Point","coordinates":[)" +
         std::to_string(x) + "," + std::to_string(y) + "]}}";
}

class FacilitiesTest : public LayerTest {
 protected:
  void SetUp() override {
    LayerTest::SetUp();
    write("facilities.geojson",
          rd_geojson({
              point_feature(R"("id":"f1","soort":"Treinstation","naam":"Hilversum")", 140800, 470700),
              point_feature(R"("id":"f2","soort":"bushalte","naam":"Kerkstraat")", 131000, 465500),
              point_feature(R"("id":"f3","soort":"Treinstation","naam":null)", 145500, 473000),
          }));
  }

  layers::FacilitySource source() const {
    layers::FacilitySource s;
    s.source.path = dir_ / "facilities.geojson";
    s.source.fields = {{"type", "soort"}, {"name", "naam"}};
    return s;
  }

  std::string error(const layers::FacilitySource& s, ErrorCode expected) {
    try {
      layers::Notes notes;
      layers::read_facilities(s, "EPSG:28992", notes);
    } catch (const InputError& e) {
      EXPECT_EQ(e.code(), expected) << e.what();
      return e.what();
    }
    ADD_FAILURE() << "no error";
    return {};
  }
};

TEST_F(FacilitiesTest, ReadsPointsIdsNamesAndLowersTypes) {
  layers::Notes notes;
  const FacilityLayer f = layers::read_facilities(source(), "EPSG:28992", notes);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f.id, (std::vector<std::string>{"f1", "f2", "f3"}));
  EXPECT_EQ(f.type, (std::vector<std::string>{"treinstation", "bushalte", "treinstation"}));
  EXPECT_EQ(f.name, (std::vector<std::string>{"Hilversum", "Kerkstraat", ""}));
  EXPECT_DOUBLE_EQ(f.x[0], 140800.0);
  EXPECT_DOUBLE_EQ(f.y[1], 465500.0);
  EXPECT_TRUE(notes.empty()) << ::testing::PrintToString(notes);  // a clean read is silent
}

TEST_F(FacilitiesTest, TypesAreMappedFromTheFileValues) {
  layers::FacilitySource s = source();
  s.types = {{"Treinstation", "station"}, {"bushalte", "bus_stop"}};
  layers::Notes notes;
  const FacilityLayer f = layers::read_facilities(s, "EPSG:28992", notes);
  EXPECT_EQ(f.type, (std::vector<std::string>{"station", "bus_stop", "station"}));
}

TEST_F(FacilitiesTest, UnmappedValueNamesTheRecordAndListsTheMappedValues) {
  layers::FacilitySource s = source();
  s.types = {{"Treinstation", "station"}, {"Oprit", "motorway_ramp"}};
  const std::string message = error(s, ErrorCode::kBadValue);
  EXPECT_NE(message.find("facilities.geojson', record 2 (id 'f2'): facility type 'bushalte' is not mapped in "
                         "[facilities.types] (mapped: 'Oprit', 'Treinstation')"),
            std::string::npos)
      << message;
}

TEST_F(FacilitiesTest, TypeThatCannotNameAColumnIsAnError) {
  write("facilities.geojson", rd_geojson({point_feature(R"("id":"f1","type":"bus stop")", 131000, 465500)}));
  layers::FacilitySource s;
  s.source.path = dir_ / "facilities.geojson";
  const std::string message = error(s, ErrorCode::kBadValue);
  EXPECT_NE(message.find("record 1 (id 'f1'): facility type 'bus stop' is not a valid type: a type is lower case"),
            std::string::npos)
      << message;
}

TEST_F(FacilitiesTest, EmptyTypeDuplicateIdAndMissingTypeColumnAreErrors) {
  write("facilities.geojson", rd_geojson({point_feature(R"("id":"f1","type":"station")", 131000, 465500),
                                          point_feature(R"("id":"f2","type":"")", 131000, 465600)}));
  layers::FacilitySource s;
  s.source.path = dir_ / "facilities.geojson";
  EXPECT_NE(error(s, ErrorCode::kBadValue).find("record 2 (id 'f2'): no facility type"), std::string::npos);

  write("facilities.geojson", rd_geojson({point_feature(R"("id":"f1","type":"station")", 131000, 465500),
                                          point_feature(R"("id":"f1","type":"station")", 131000, 465600)}));
  EXPECT_EQ(error(s, ErrorCode::kDuplicateId).find("facilities file"), 0u);

  s.source.fields = {{"type", "soort"}};
  EXPECT_NE(error(s, ErrorCode::kMissingField).find("field 'type' is mapped to column 'soort'"), std::string::npos);
}

TEST_F(FacilitiesTest, CsvWithLonLatIsTransformedToTheWorkingCrs) {
  // Hilversum station, WGS84 (52.2262 N, 5.1815 E): pyproj 3 (EPSG:4326 -> EPSG:28992, x/y order)
  // gives (140945.25, 470922.52); 1 m allows for PROJ's grids being installed or not.
  write("facilities.csv", "id,type,lon,lat\nhvs,station,5.1815,52.2262\n");
  layers::FacilitySource s;
  s.source.path = dir_ / "facilities.csv";
  s.source.x_column = "lon";
  s.source.y_column = "lat";
  s.source.crs = "EPSG:4326";
  layers::Notes notes;
  const FacilityLayer f = layers::read_facilities(s, "EPSG:28992", notes);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NEAR(f.x[0], 140945.25, 1.0);
  EXPECT_NEAR(f.y[0], 470922.52, 1.0);
}

TEST_F(FacilitiesTest, LinesAreRefused) {
  write("lines.geojson", rd_geojson({line_feature(R"("type":"station")", "[[130000,465000],[130100,465000]]")}));
  layers::FacilitySource s;
  s.source.path = dir_ / "lines.geojson";
  EXPECT_NE(error(s, ErrorCode::kWrongGeometryType).find("expected points for facilities"), std::string::npos);
}

TEST(FacilityTypeName, LowersTrimsAndRefusesOtherCharacters) {
  EXPECT_EQ(layers::facility_type_name(" Bus_Stop2 "), "bus_stop2");
  EXPECT_EQ(layers::facility_type_name("station"), "station");
  EXPECT_FALSE(layers::facility_type_name(""));
  EXPECT_FALSE(layers::facility_type_name("bus stop"));
  EXPECT_FALSE(layers::facility_type_name("bus-stop"));
  EXPECT_FALSE(layers::facility_type_name("st\xc3\xa4tion"));  // UTF-8 a umlaut
}

}  // namespace
}  // namespace kk::testing
