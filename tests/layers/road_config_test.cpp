// The [roads] and [facilities] sections: values, paths, defaults, and typos named with their
// file and key; read_project builds the network and the facilities they name.
#include <gtest/gtest.h>

#include "kernkompas/core/error.hpp"
#include "kernkompas/layers/config.hpp"
#include "kernkompas/layers/read.hpp"
#include "road_fixture.hpp"

namespace kk::testing {
namespace {

constexpr const char* kRequired = R"(
[kernen]
path = "kernen.geojson"
[locations]
path = "locations.csv"
x = "x"
y = "y"
crs = "EPSG:28992"
)";

class RoadConfigTest : public LayerTest {
 protected:
  layers::ProjectConfig parse(const std::string& sections) {
    return layers::load_config(write("p.toml", std::string(kRequired) + sections));
  }

  // The message of the config error, which must name the file and `key`.
  std::string error(const std::string& sections, const std::string& key) {
    try {
      parse(sections);
    } catch (const InputError& e) {
      EXPECT_EQ(e.code(), ErrorCode::kConfig) << e.what();
      const std::string message = e.what();
      EXPECT_NE(message.find("p.toml', key '" + key + "'"), std::string::npos) << message;
      return message;
    }
    ADD_FAILURE() << "no error for " << key;
    return {};
  }
};

TEST_F(RoadConfigTest, ReadsEveryKeyOfRoadsAndFacilities) {
  const layers::ProjectConfig c = parse(R"(
[roads]
path = "data/../roads.geojson"
format = "generic"
split_at_shared_vertices = true
node_tolerance_m = 0.5
default_speed_kmh = 45
[roads.fields]
road_class = "klasse"
oneway = "eenrichting"
id = "wegvak"
[roads.speeds]
primary = 80
track = 15.5
footway = 0
[facilities]
path = "facilities.geojson"
[facilities.fields]
type = "soort"
id = "code"
name = "naam"
[facilities.types]
treinstation = "Station"
Oprit = "motorway_ramp"
)");
  ASSERT_TRUE(c.roads);
  EXPECT_EQ(c.roads->source.path, dir_ / "roads.geojson");  // against the config's folder
  EXPECT_EQ(c.roads->format, "generic");
  EXPECT_EQ(c.roads->split_at_shared_vertices, true);
  EXPECT_DOUBLE_EQ(c.roads->node_tolerance_m, 0.5);
  EXPECT_DOUBLE_EQ(c.roads->default_speed_kmh, 45.0);
  EXPECT_EQ(c.roads->source.fields.at("road_class"), "klasse");
  EXPECT_EQ(c.roads->source.fields.at("oneway"), "eenrichting");
  EXPECT_EQ(c.roads->source.fields.at("id"), "wegvak");
  // The section changes and adds entries; the built-in table stays underneath.
  EXPECT_DOUBLE_EQ(c.roads->speed_kmh.at("primary"), 80.0);
  EXPECT_DOUBLE_EQ(c.roads->speed_kmh.at("track"), 15.5);
  EXPECT_DOUBLE_EQ(c.roads->speed_kmh.at("footway"), 0.0);
  EXPECT_DOUBLE_EQ(c.roads->speed_kmh.at("residential"), 30.0);
  EXPECT_DOUBLE_EQ(c.roads->speed_kmh.at("R"), 100.0);
  ASSERT_TRUE(c.facilities);
  EXPECT_EQ(c.facilities->source.path, dir_ / "facilities.geojson");
  EXPECT_EQ(c.facilities->source.fields.at("type"), "soort");
  EXPECT_EQ(c.facilities->types.at("treinstation"), "station");  // lowered
  EXPECT_EQ(c.facilities->types.at("Oprit"), "motorway_ramp");
}

TEST_F(RoadConfigTest, DefaultsWhenOnlyThePathIsGiven) {
  const layers::ProjectConfig c = parse("[roads]\npath = \"roads.osm.pbf\"\n");
  ASSERT_TRUE(c.roads);
  EXPECT_EQ(c.roads->format, "");
  EXPECT_FALSE(c.roads->split_at_shared_vertices);
  EXPECT_DOUBLE_EQ(c.roads->node_tolerance_m, 0.0);
  EXPECT_DOUBLE_EQ(c.roads->default_speed_kmh, 50.0);
  EXPECT_EQ(c.roads->speed_kmh, layers::default_road_speeds());
  EXPECT_EQ(c.roads->speed_kmh.size(), std::size(layers::kDefaultRoadSpeeds));  // no name twice
  EXPECT_FALSE(c.facilities);
  EXPECT_FALSE(parse("").roads);
}

TEST_F(RoadConfigTest, TyposAndBadValuesNameTheirKey) {
  EXPECT_NE(error("[roads]\npath = \"r.gpkg\"\nspeds = 1\n", "roads.speds").find("unknown key"), std::string::npos);
  EXPECT_NE(error("[roads]\npath = \"r.gpkg\"\n[roads.fields]\nklasse = \"k\"\n", "roads.fields.klasse")
                .find("expected one of: road_class, oneway, id"),
            std::string::npos);
  EXPECT_NE(error("[roads]\npath = \"r.gpkg\"\nformat = \"osmm\"\n", "roads.format").find("osm, nwb, generic"),
            std::string::npos);
  error("[roads]\npath = \"r.gpkg\"\n[roads.speeds]\nprimary = -5\n", "roads.speeds.primary");
  error("[roads]\npath = \"r.gpkg\"\n[roads.speeds]\nprimary = \"fast\"\n", "roads.speeds.primary");
  error("[roads]\npath = \"r.gpkg\"\nnode_tolerance_m = -1\n", "roads.node_tolerance_m");
  error("[roads]\npath = \"r.gpkg\"\ndefault_speed_kmh = 0\n", "roads.default_speed_kmh");
  error("[roads]\npath = \"r.gpkg\"\nsplit_at_shared_vertices = \"yes\"\n", "roads.split_at_shared_vertices");
  error("[roads]\npath = \"r.gpkg\"\nspeeds = 5\n", "roads.speeds");
  EXPECT_NE(error("[roads]\npath = \"r.gpkg\"\nwkt = \"geom\"\n", "roads.wkt").find("roads are lines"),
            std::string::npos);
  error("[roads]\nlayer = \"wegen\"\n", "roads.path");
  error("[facilities]\npath = \"f.gpkg\"\ntypse = 1\n", "facilities.typse");
  error("[facilities]\npath = \"f.gpkg\"\n[facilities.fields]\nsoort = \"s\"\n", "facilities.fields.soort");
  EXPECT_NE(error("[facilities]\npath = \"f.gpkg\"\n[facilities.types]\nhalte = \"bus stop\"\n",
                  "facilities.types.halte")
                .find("'bus stop' is not a facility type"),
            std::string::npos);
  error("[facilities]\npath = \"f.gpkg\"\n[facilities.types]\nhalte = 3\n", "facilities.types.halte");
}

TEST_F(RoadConfigTest, ReadProjectFillsRoadsAndFacilities) {
  write_nwb(dir_ / "nwb.gpkg", "GPKG", kNwbRoads);
  write("facilities.csv", "id,type,x,y\ns1,station,130000,465000\nb1,bus_stop,131000,465500\n");
  const layers::ProjectConfig c = parse(R"(
[roads]
path = "nwb.gpkg"
[facilities]
path = "facilities.csv"
x = "x"
y = "y"
crs = "EPSG:28992"
)");
  layers::Notes notes;
  std::vector<std::string> steps;
  const AnalysisInput input = layers::read_project(c, notes, [&](std::string_view step, double) {
    steps.emplace_back(step);
    return true;
  });
  ASSERT_TRUE(input.roads);
  EXPECT_EQ(input.roads->link_count(), 4u);
  ASSERT_TRUE(input.facilities);
  EXPECT_EQ(input.facilities->type, (std::vector<std::string>{"station", "bus_stop"}));
  EXPECT_NE(std::find(steps.begin(), steps.end(), "read roads"), steps.end());
  EXPECT_NE(std::find(steps.begin(), steps.end(), "read facilities"), steps.end());

  const AnalysisInput without = layers::read_project(parse(""), notes);
  EXPECT_FALSE(without.roads);
  EXPECT_FALSE(without.facilities);
}

}  // namespace
}  // namespace kk::testing
