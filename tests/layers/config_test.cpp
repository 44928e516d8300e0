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
  const Settings& o = c.settings;
  EXPECT_EQ(std::get<std::string>(o.get("vacancy.reference_date")), "2025-01-01");
  EXPECT_EQ(std::get<int64_t>(o.get("disclosure.min_units")), 10);
  EXPECT_EQ(std::get<int64_t>(o.get("disclosure.k")), 5);
  EXPECT_FALSE(std::get<bool>(o.get("disclosure.internal")));
  EXPECT_DOUBLE_EQ(std::get<double>(o.get("vacancy.benchmark_rate")), 0.07);
  EXPECT_DOUBLE_EQ(std::get<double>(o.get("hotspots.distance_band_m")), 375.0);
  EXPECT_EQ(std::get<std::string>(o.get("hotspots.value")), "rate");
  EXPECT_EQ(std::get<int64_t>(o.get("hotspots.permutations")), 999);
  EXPECT_EQ(std::get<int64_t>(o.get("execution.seed")), 12345);
  EXPECT_EQ(std::get<int64_t>(o.get("execution.threads")), 2);
}

TEST_F(ConfigTest, OptionValuesOutOfRangeAreNamed) {
  const std::string base = "[kernen]\npath = \"k.gpkg\"\n[locations]\npath = \"l.csv\"\n";
  auto expect = [&](const std::string& toml, const std::string& key, const std::string& problem) {
    const InputError e = config_error(base + toml);
    EXPECT_EQ(e.code(), ErrorCode::kConfig);
    EXPECT_NE(std::string(e.what()).find("key '" + key + "'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(problem), std::string::npos) << e.what();
  };
  expect("[vacancy]\nbenchmark_rate = 7\n", "vacancy.benchmark_rate", "must be a number in [0, 1] (or none), got 7");
  expect("[vacancy]\ndisclosure_k = 0\n", "vacancy.disclosure_k", "must be a whole number >= 1, got 0");
  expect("[disclosure]\nk = 1e30\n", "disclosure.k", "must be a whole number >= 1, got 1e+30");
  expect("[hotspots]\nvalue = \"mean\"\n", "hotspots.value", "must be one of: rate, count, got 'mean'");
  expect("[vacancy]\nseeds = 3\n", "vacancy.seeds", "unknown key (expected one of: reference_date,");
  // Checked before any cast: these used to hang (1e10), run nothing (2^32) or be taken (1e30).
  expect("[hotspots]\npermutations = 1e10\n", "hotspots.permutations", "in [0, 100000], got 1e+10");
  expect("[hotspots]\npermutations = 4294967296\n", "hotspots.permutations", "got 4294967296");
  expect("[vacancy]\npermutations = 2.5\n", "vacancy.permutations", "must be a whole number");
  expect("[execution]\nseed = 1e30\n", "execution.seed", "got 1e+30");
  expect("[execution]\nseed = -1\n", "execution.seed", "got -1");
  expect("[execution]\nthreads = \"two\"\n", "execution.threads", "got 'two'");
  expect("[disclosure]\ninternal = 1\n", "disclosure.internal", "must be true or false, got 1");
  expect("[vacancy]\nreference_date = \"1 januari\"\n", "vacancy.reference_date", "must be a date YYYY-MM-DD");
  expect("[clusters]\nk = 1\n", "clusters", "unknown key");
}

// TOML integers are signed 64-bit: a seed up to 2^63 - 1 is an integer, a larger one a
// decimal string; anything outside 0 ... 2^64 - 1 is refused naming the key and the range.
TEST_F(ConfigTest, SeedTakesEveryUnsigned64BitValue) {
  const std::string base = "[kernen]\npath = \"k.gpkg\"\n[locations]\npath = \"l.csv\"\n";
  auto seed_of = [&](const std::string& value) {
    const layers::ProjectConfig c = layers::load_config(write("seed.toml", base + "[execution]\nseed = " + value + "\n"));
    return c.settings.section("execution").unsigned_integer("seed");
  };
  EXPECT_EQ(seed_of("0"), 0u);
  EXPECT_EQ(seed_of("9223372036854775807"), 9223372036854775807u);
  EXPECT_EQ(seed_of("\"9223372036854775808\""), 9223372036854775808u);
  EXPECT_EQ(seed_of("\"18446744073709551615\""), 18446744073709551615u);
  const std::string range = "must be a whole number in [0, 18446744073709551615], got ";
  for (const auto& [value, shown] : std::vector<std::pair<std::string, std::string>>{
           {"\"18446744073709551616\"", "'18446744073709551616'"}, {"-1", "-1"}, {"0.5", "0.5"},
           {"\"-1\"", "'-1'"}, {"\"12 345\"", "'12 345'"}, {"1.8446744073709552e19", "1.844674407e+19"}}) {
    const InputError e = config_error(base + "[execution]\nseed = " + value + "\n");
    EXPECT_EQ(e.code(), ErrorCode::kConfig);
    EXPECT_NE(std::string(e.what()).find("key 'execution.seed': " + range + shown), std::string::npos)
        << value << ": " << e.what();
  }
  // A string is a seed's escape from TOML's integers only: other integer options refuse it.
  EXPECT_NE(std::string(config_error(base + "[hotspots]\npermutations = \"999\"\n").what()).find("got '999'"),
            std::string::npos);
}

TEST_F(ConfigTest, KernenRefuseCoordinateAndWktColumns) {
  for (const char* key : {"wkt", "x", "lon"}) {
    const InputError e = config_error("[kernen]\npath = \"k.csv\"\n" + std::string(key) +
                                      " = \"geom\"\n[locations]\npath = \"l.csv\"\n");
    EXPECT_EQ(e.code(), ErrorCode::kConfig);
    EXPECT_NE(std::string(e.what()).find("key 'kernen." + std::string(key) +
                                         "': kernen are polygons read from the layer's own geometry"),
              std::string::npos)
        << e.what();
  }
}

TEST_F(ConfigTest, EncodingIsALayerKeyThatSnapshotsInherit) {
  const layers::ProjectConfig c = layers::load_config(
      write("enc.toml", "[kernen]\npath = \"k.shp\"\n[locations]\npath = \"l.csv\"\nencoding = \"cp1252\"\n"
                        "[[snapshots]]\npath = \"old.csv\"\ndate = \"2024-01-01\"\n"));
  EXPECT_EQ(c.kernen.encoding, "");
  EXPECT_EQ(c.locations.encoding, "cp1252");
  EXPECT_EQ(c.snapshots.at(0).source.encoding, "cp1252");
}

TEST_F(ConfigTest, OlderOptionNamesStillWork) {
  const std::string base = "[kernen]\npath = \"k.gpkg\"\n[locations]\npath = \"l.csv\"\n";
  const layers::ProjectConfig c = layers::load_config(write(
      "old.toml", base + "[vacancy]\nseed = 7\ninternal = true\nhotspot_cell_size_m = 500\nmin_units = 3\n"));
  EXPECT_EQ(std::get<int64_t>(c.settings.get("execution.seed")), 7);
  EXPECT_TRUE(std::get<bool>(c.settings.get("disclosure.internal")));
  EXPECT_DOUBLE_EQ(std::get<double>(c.settings.get("hotspots.cell_size_m")), 500.0);
  EXPECT_EQ(std::get<int64_t>(c.settings.get("disclosure.min_units")), 3);
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
