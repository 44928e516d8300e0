// TOML configuration: mapping, relative paths, and errors that name the key.
#include <gtest/gtest.h>

#include "kernkompas/core/error.hpp"
#include "kernkompas/layers/config.hpp"

#include <fstream>
#include <iterator>
#include "layer_fixture.hpp"

namespace kk::testing {
namespace {

class ConfigTest : public LayerTest {
 protected:
  InputError config_error(const std::string& toml) {
    const fs::path path = write("bad.toml", toml);
    try {
      layers::load_config(path);
    } catch (const InputError& e) {
      EXPECT_NE(std::string(e.what()).find("bad.toml"), std::string::npos) << e.what();
      return e;
    }
    ADD_FAILURE() << "no error";
    return InputError(ErrorCode::kOk, "");
  }
};

TEST_F(ConfigTest, ReadsMappingAndResolvesPathsAgainstTheConfigFolder) {
  const fs::path path = write("p.toml", R"(
[analysis]
name = "Testdorp"
working_crs = "EPSG:28992"
[kernen]
path = "kernen.geojson"
[kernen.fields]
name = "naam"
[locations]
path = "sub/../locations.csv"
x = "x"
y = "y"
crs = "EPSG:28992"
[locations.fields]
id = "vestigingsnummer"
floor_area_m2 = "oppervlakte"
[[snapshots]]
path = "old.csv"
date = 2024-01-01
)");
  const layers::ProjectConfig c = layers::load_config(path);
  EXPECT_EQ(c.area_name, "Testdorp");
  EXPECT_EQ(c.kernen.path, dir_ / "kernen.geojson");
  EXPECT_EQ(c.locations.path, dir_ / "locations.csv");
  EXPECT_EQ(c.kernen.fields.at("name"), "naam");
  EXPECT_EQ(c.locations.fields.at("id"), "vestigingsnummer");
  ASSERT_EQ(c.snapshots.size(), 1u);
  EXPECT_EQ(c.snapshots[0].date, *parse_iso_date("2024-01-01"));
  // A snapshot inherits the locations' mapping and geometry columns.
  EXPECT_EQ(c.snapshots[0].source.fields.at("floor_area_m2"), "oppervlakte");
  EXPECT_EQ(c.snapshots[0].source.x_column, "x");
  EXPECT_EQ(c.snapshots[0].source.crs, "EPSG:28992");
}

TEST_F(ConfigTest, UnknownKeyIsAnErrorNamingIt) {
  const auto e = config_error("[kernen]\npath = \"k.gpkg\"\npaht = \"x\"\n[locations]\npath = \"l.csv\"\n");
  EXPECT_EQ(e.code(), ErrorCode::kConfig);
  EXPECT_NE(std::string(e.what()).find("kernen.paht"), std::string::npos);
}

TEST_F(ConfigTest, UnknownFieldIsAnErrorListingTheKnownOnes) {
  const auto e = config_error(
      "[kernen]\npath = \"k.gpkg\"\n[locations]\npath = \"l.csv\"\n[locations.fields]\nsurface = \"a\"\n");
  EXPECT_NE(std::string(e.what()).find("locations.fields.surface"), std::string::npos);
  EXPECT_NE(std::string(e.what()).find("floor_area_m2"), std::string::npos);
}

TEST_F(ConfigTest, MissingSectionAndSyntaxErrorsAreNamed) {
  auto e = config_error("[kernen]\npath = \"k.gpkg\"\n");
  EXPECT_NE(std::string(e.what()).find("[locations]"), std::string::npos);
  e = config_error("[kernen\npath = 1\n");
  EXPECT_NE(std::string(e.what()).find("line 1"), std::string::npos);
}

TEST_F(ConfigTest, MissingConfigFile) {
  try {
    layers::load_config(dir_ / "none.toml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.code(), ErrorCode::kIo);
    EXPECT_NE(std::string(e.what()).find("none.toml"), std::string::npos);
  }
}

TEST_F(ConfigTest, TheDocumentedExampleParsesWithEveryVacancySetting) {
  // docs/configuration.md's example must stay a valid configuration.
  std::ifstream doc(fs::path(KK_SOURCE_DATASETS_DIR).parent_path() / "docs" / "configuration.md");
  ASSERT_TRUE(doc);
  const std::string text((std::istreambuf_iterator<char>(doc)), {});
  const size_t begin = text.find("```toml\n") + 8;
  const std::string toml = text.substr(begin, text.find("```", begin) - begin);
  const layers::ProjectConfig c = layers::load_config(write("documented.toml", toml));
  EXPECT_EQ(c.locations.fields.at("vacant_since"), "leeg_sinds");
  EXPECT_EQ(c.population->fields.at("inhabitants"), "aantal_inwoners");
  EXPECT_EQ(c.vacancy.reference_date, *parse_iso_date("2025-01-01"));
  EXPECT_EQ(c.vacancy.min_units, 10);
  EXPECT_EQ(c.vacancy.disclosure_k, 5);
  EXPECT_FALSE(c.vacancy.internal);
  EXPECT_DOUBLE_EQ(c.vacancy.benchmark_rate, 0.07);
  EXPECT_DOUBLE_EQ(c.vacancy.hotspot_distance_band_m, 375.0);
  EXPECT_EQ(c.vacancy.hotspot_value, vacancy::HotspotValue::kRate);
  EXPECT_EQ(c.vacancy.permutations, 999u);
  EXPECT_EQ(c.vacancy.seed, 12345u);
}

TEST_F(ConfigTest, VacancyValuesOutOfRangeAreNamed) {
  const std::string base = "[kernen]\npath = \"k.gpkg\"\n[locations]\npath = \"l.csv\"\n[vacancy]\n";
  auto e = config_error(base + "benchmark_rate = 7\n");
  EXPECT_NE(std::string(e.what()).find("vacancy.benchmark_rate"), std::string::npos) << e.what();
  e = config_error(base + "disclosure_k = 0\n");
  EXPECT_NE(std::string(e.what()).find("vacancy.disclosure_k"), std::string::npos) << e.what();
  e = config_error(base + "hotspot_value = \"mean\"\n");
  EXPECT_NE(std::string(e.what()).find("\"rate\" or \"count\""), std::string::npos) << e.what();
  e = config_error(base + "seeds = 3\n");
  EXPECT_NE(std::string(e.what()).find("vacancy.seeds"), std::string::npos) << e.what();
}

TEST(DefaultConfig, PointsAtTheEmbeddedWijdemerenData) {
  const fs::path path = layers::default_config_path();
  EXPECT_EQ(path.filename(), "kernkompas.toml");
  EXPECT_EQ(path.parent_path().filename(), "wijdemeren");
  const layers::ProjectConfig c = layers::load_config(path);
  EXPECT_EQ(c.area_name, "Wijdemeren");
  EXPECT_TRUE(fs::exists(c.kernen.path));
  EXPECT_TRUE(fs::exists(c.locations.path));
}

}  // namespace
}  // namespace kk::testing
