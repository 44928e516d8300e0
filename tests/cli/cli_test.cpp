// The kernkompas command end to end: the default Wijdemeren run and bad input.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct CliRun {
  int exit_code;
  std::string out, err;
};

// Runs the CLI with `args`, capturing stdout and stderr through files.
CliRun run_cli(const std::string& args, const fs::path& dir) {
  const fs::path out = dir / "stdout.txt", err = dir / "stderr.txt";
  const std::string command = std::string(KK_CLI_PATH) + " " + args + " >" + out.string() + " 2>" + err.string();
  const int status = std::system(command.c_str());
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

std::vector<std::vector<std::string>> read_csv(const fs::path& path) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::string cell;
    bool quoted = false;
    for (char c : line) {
      if (c == '"') quoted = !quoted;
      else if (c == ',' && !quoted) { cells.push_back(cell); cell.clear(); }
      else cell.push_back(c);
    }
    cells.push_back(cell);
    rows.push_back(cells);
  }
  return rows;
}

size_t count_lines(const fs::path& path) {
  std::ifstream in(path);
  std::string line;
  size_t n = 0;
  while (std::getline(in, line)) ++n;
  return n;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("kk-cli-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(CliTest, DefaultRunAccountsForEveryLocation) {
  const CliRun run = run_cli("run --quiet --out " + (dir_ / "out").string(), dir_);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  ASSERT_TRUE(fs::exists(dir_ / "out" / "kernkompas.gpkg"));
  const auto rows = read_csv(dir_ / "out" / "kern_indicators.csv");
  ASSERT_EQ(rows.size(), 1u + 6u + 1u);  // header, six kernen, buitengebied
  EXPECT_EQ(rows[0][0], "kern_code");
  EXPECT_EQ(rows[0][2], "n_locations");
  long total = 0;
  std::map<std::string, long> per_kern;
  for (size_t r = 1; r < rows.size(); ++r) {
    per_kern[rows[r][1]] = std::stol(rows[r][2]);
    total += std::stol(rows[r][2]);
  }
  // Sum over kernen plus buitengebied equals the number of records in the register.
  const size_t records = count_lines(fs::path(KK_SOURCE_DATASETS_DIR) / "wijdemeren" / "locations.csv") - 1;
  EXPECT_EQ(total, static_cast<long>(records));
  EXPECT_EQ(rows.back()[0], "buitengebied");
  // The counts of datasets/README.md (the generator's intent; tests/python/test_readme_figures.py
  // reads them from the card).
  const std::map<std::string, long> expected = {
      {"Ankeveen", 205},   {"Breukeleveen", 45}, {"'s-Graveland", 310}, {"Kortenhoef", 740},
      {"Loosdrecht", 1290}, {"Nederhorst den Berg", 610}, {"buitengebied", 10}};
  EXPECT_EQ(per_kern, expected);
}

TEST_F(CliTest, DefaultRunPrintsASummary) {
  const CliRun run = run_cli("run --out " + (dir_ / "out").string(), dir_);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("Wijdemeren"), std::string::npos);
  EXPECT_NE(run.out.find("Nederhorst den Berg"), std::string::npos);
  EXPECT_NE(run.out.find("buitengebied"), std::string::npos);
  EXPECT_NE(run.err.find("assign locations to kernen"), std::string::npos);  // progress
  // Figures of the summary (every figure is checked against an independent oracle in
  // tests/python/test_oracle_default_run.py): Kortenhoef's vacancy row, Breukeleveen withheld.
  EXPECT_NE(run.out.find("Kortenhoef                 740      56      7.6        5.9-9.7"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("10 of 3210 locations lie outside every kern"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("'location' layer"), std::string::npos) << run.out;  // published: none
}

TEST_F(CliTest, BadInputExitsNonZeroWithOneLineAndNoOutput) {
  std::ofstream(dir_ / "kernen.geojson") << R"({"type":"FeatureCollection",
"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"name":"K"},"geometry":{"type":"Polygon","coordinates":[[[130000,465000],[131000,465000],[131000,466000],[130000,465000]]]}}]})";
  std::ofstream(dir_ / "l.csv") << "id,x,y,floor_area_m2\nA,130100,465100,12\nB,130200,465100,veel\n";
  std::ofstream(dir_ / "c.toml") << "[kernen]\npath = \"kernen.geojson\"\n[locations]\npath = \"l.csv\"\n"
                                    "x = \"x\"\ny = \"y\"\ncrs = \"EPSG:28992\"\n";
  const CliRun run = run_cli("run --quiet --config " + (dir_ / "c.toml").string() + " --out " +
                              (dir_ / "out").string(), dir_);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("l.csv', record 2 (id 'B'): floor_area_m2 'veel' is not a number"),
            std::string::npos) << run.err;
  size_t lines = 0;
  for (char c : run.err) lines += c == '\n';
  EXPECT_LE(lines, 2u) << run.err;  // one message line (plus a blank separator)
  EXPECT_FALSE(fs::exists(dir_ / "out" / "kernkompas.gpkg"));
}

// A missing config is bad input (exit 1), reported by the config reader, not CLI11's 105.
TEST_F(CliTest, MissingConfigFileExitsOneNamingIt) {
  CliRun run = run_cli("run --quiet --config " + (dir_ / "none.toml").string(), dir_);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "\nkernkompas: error: config '" + (dir_ / "none.toml").string() + "': no such file\n");
  run = run_cli("run --quiet --config " + dir_.string(), dir_);  // a directory
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.err, "\nkernkompas: error: config '" + dir_.string() + "': is a folder, not a config file\n");
}

TEST_F(CliTest, SetChangesAnOptionForOneRun) {
  const CliRun run = run_cli("run --quiet --out " + (dir_ / "out").string() +
                                 " --set hotspots.cell_size_m=500 --set vacancy.permutations=0",
                             dir_);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto rows = read_csv(dir_ / "out" / "vacancy_hotspot.csv");
  ASSERT_EQ(rows.size(), 1u + 298u);  // 298 cells of 500 m hold units (744 of 250 m)
  EXPECT_EQ(rows[0][9], "p_sim");
  for (size_t r = 1; r < rows.size(); ++r) EXPECT_EQ(rows[r][9], "") << r;  // no permutations
  EXPECT_EQ(std::stol(rows[1][2]) % 500, 0);  // cell corners on the 500 m grid
}

TEST_F(CliTest, BadSetIsRefusedWithOneLineBeforeAnyOutput) {
  const std::string out = " --out " + (dir_ / "out").string();
  CliRun run = run_cli("run --quiet" + out + " --set hotspots.permutations=1e10", dir_);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "kernkompas: error: option 'hotspots.permutations' must be a whole number in [0, 100000], "
                     "got 1e+10\n");
  run = run_cli("run --quiet" + out + " --set disclosure.k", dir_);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("'disclosure.k' is not of the form section.key=value"), std::string::npos) << run.err;
  run = run_cli("run --quiet" + out + " --set hotspot.cell_size_m=500", dir_);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("unknown option 'hotspot.cell_size_m' (expected one of: execution.threads"),
            std::string::npos) << run.err;
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

// A value a family can only judge when it runs (a list, a facility type) is the configuration's
// fault: exit 1 with one line naming the option, never "internal error".
TEST_F(CliTest, FamilyOptionValueRefusedAtRunTimeExitsOne) {
  const std::string out = " --out " + (dir_ / "out").string();
  for (const std::string set : {"accessibility.service_area_minutes=5,x", "clustering.colocation_sections=XYZ"}) {
    const CliRun run = run_cli("run --quiet" + out + " --set " + set, dir_);
    EXPECT_EQ(run.exit_code, 1) << run.err;
    const std::string option = set.substr(0, set.find('='));
    EXPECT_NE(run.err.find("kernkompas: error: " + option + ": "), std::string::npos) << run.err;
    EXPECT_EQ(run.err.find("internal error"), std::string::npos) << run.err;
    EXPECT_FALSE(fs::exists(dir_ / "out" / "kernkompas.gpkg"));
  }
}

TEST_F(CliTest, OptionsListsEverySectionWithDefaults) {
  const CliRun run = run_cli("options", dir_);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* text : {"[execution]", "[disclosure]", "[vacancy]", "[hotspots]", "permutations",
                           "a whole number in [0, 100000]", "one of: rate, count"}) {
    EXPECT_NE(run.out.find(text), std::string::npos) << text;
  }
}

std::string slurp_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Every file the manifest lists is in OUT with its checksum, and nothing else is (the
// manifest writes one file per line: {"name": ..., "bytes": ..., "sha256": ...}).
void expect_out_matches_manifest(const fs::path& out) {
  std::istringstream manifest(slurp_file(out / "kernkompas-run.json"));
  std::ofstream sums(out.parent_path() / "sums.txt");
  std::set<std::string> listed{"kernkompas-run.json"};
  std::string line;
  while (std::getline(manifest, line)) {
    const size_t name = line.find("{\"name\": \""), sha = line.find("\"sha256\": \"");
    if (name == std::string::npos || sha == std::string::npos) continue;
    const std::string file = line.substr(name + 10, line.find('"', name + 10) - (name + 10));
    listed.insert(file);
    sums << line.substr(sha + 11, 64) << "  " << file << "\n";
  }
  sums.close();
  std::set<std::string> present;
  for (const auto& e : fs::directory_iterator(out)) present.insert(e.path().filename().string());
  EXPECT_EQ(present, listed);
  const std::string check = "cd " + out.string() + " && sha256sum --quiet -c " +
                            (out.parent_path() / "sums.txt").string();
  EXPECT_EQ(std::system(check.c_str()), 0) << "checksums differ in " << out;
}

TEST_F(CliTest, ManifestRecordsModeConfigurationAndInputs) {
  const std::string out = " --out " + (dir_ / "out").string();
  CliRun run = run_cli("run --quiet --internal" + out, dir_);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::string manifest = slurp_file(dir_ / "out" / "kernkompas-run.json");
  EXPECT_NE(manifest.find("\"mode\": \"internal\""), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("kernkompas.toml\", \"sha256\": \""), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("locations.csv\", \"sha256\": \""), std::string::npos) << manifest;
  expect_out_matches_manifest(dir_ / "out");
  // A published run into the same folder replaces the internal set.
  run = run_cli("run --quiet" + out, dir_);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  manifest = slurp_file(dir_ / "out" / "kernkompas-run.json");
  EXPECT_NE(manifest.find("\"mode\": \"published\""), std::string::npos) << manifest;
  expect_out_matches_manifest(dir_ / "out");
}

TEST_F(CliTest, ForeignFileInOutIsRefusedWithOneLineAndNothingWritten) {
  fs::create_directories(dir_ / "out");
  std::ofstream(dir_ / "out" / "kern_sector.csv") << "my own register\n";
  const CliRun run = run_cli("run --quiet --out " + (dir_ / "out").string(), dir_);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("kernkompas: error: output folder '" + (dir_ / "out").string() + "' holds '" +
                         (dir_ / "out" / "kern_sector.csv").string() + "', which kernkompas did not write"),
            std::string::npos) << run.err;
  size_t lines = 0;
  for (char c : run.err) lines += c == '\n';
  EXPECT_LE(lines, 2u) << run.err;
  EXPECT_EQ(slurp_file(dir_ / "out" / "kern_sector.csv"), "my own register\n");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_ / "out"), fs::directory_iterator()), 1);
}

TEST_F(CliTest, TwoRunsIntoOneFolderAtOnceNeverMix) {
  const std::string cli = KK_CLI_PATH, out = (dir_ / "out").string(), d = dir_.string();
  for (int round = 0; round < 2; ++round) {
    const std::string both = "(" + cli + " run --quiet --out " + out + " 2>" + d + "/e1; echo $? >" + d +
                             "/rc1) & (" + cli + " run --quiet --internal --out " + out + " 2>" + d +
                             "/e2; echo $? >" + d + "/rc2) & wait";
    ASSERT_EQ(std::system(both.c_str()), 0);
    EXPECT_EQ(slurp_file(dir_ / "rc1"), "0\n") << slurp_file(dir_ / "e1");
    EXPECT_EQ(slurp_file(dir_ / "rc2"), "0\n") << slurp_file(dir_ / "e2");
    expect_out_matches_manifest(dir_ / "out");
  }
  for (const auto& e : fs::directory_iterator(dir_)) {
    const std::string name = e.path().filename().string();
    EXPECT_TRUE(name.rfind("out.kk-staging", 0) != 0 && name.rfind("out.kk-old", 0) != 0) << name;
  }
}

TEST_F(CliTest, HelpDocumentsEveryOption) {
  const CliRun run = run_cli("run --help", dir_);
  EXPECT_EQ(run.exit_code, 0);
  for (const char* option : {"--config", "--out", "--threads", "--quiet", "--set"}) {
    EXPECT_NE(run.out.find(option), std::string::npos) << option;
  }
}

// --- One line, one exit code (issue 9) --------------------------------------------------------

// The error lines of stderr: each non-empty line, which must all be kernkompas's own.
std::vector<std::string> nonempty_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

std::string data_file(const std::string& name) { return std::string(KK_CLI_TEST_DATA_DIR) + "/" + name; }

TEST_F(CliTest, TruncatedFlatGeobufExitsOneWithOnlyKernkompasLine) {
  const CliRun run = run_cli("run --quiet --config " + data_file("capi/truncated.toml") + " --out " +
                                 (dir_ / "out").string(), dir_);
  EXPECT_EQ(run.exit_code, 1);
  const auto lines = nonempty_lines(run.err);
  ASSERT_EQ(lines.size(), 1u) << run.err;  // GDAL's "ERROR 1: ..." lines are folded in
  EXPECT_EQ(lines[0].rfind("kernkompas: error: locations file '", 0), 0u) << run.err;
  EXPECT_NE(lines[0].find("truncated_locations.fgb"), std::string::npos) << run.err;
  EXPECT_NE(lines[0].find("truncated or damaged"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("ERROR"), std::string::npos) << run.err;
  EXPECT_EQ(run.out, "");
  EXPECT_FALSE(fs::exists(dir_ / "out" / "kernkompas.gpkg"));
}

TEST_F(CliTest, UsageErrorsExitTwoWithOneLine) {
  for (const std::string args : {"run --quiet --no-such-flag", "run --quiet --out", "run --quiet --threads zwei", "frobnicate"}) {
    const CliRun run = run_cli(args, dir_);
    EXPECT_EQ(run.exit_code, 2) << args << ": " << run.err;
    const auto lines = nonempty_lines(run.err);
    ASSERT_EQ(lines.size(), 1u) << args << ": " << run.err;
    EXPECT_EQ(lines[0].rfind("kernkompas: usage error: ", 0), 0u) << run.err;
    EXPECT_FALSE(fs::exists(dir_ / "kernkompas-out"));
  }
}

TEST_F(CliTest, HelpListsTheExitCodes) {
  for (const char* args : {"--help", "run --help"}) {
    const CliRun run = run_cli(args, dir_);
    EXPECT_EQ(run.exit_code, 0);
    for (const char* text : {"Exit codes", "1 bad input or configuration", "2 usage error", "3 internal error"}) {
      EXPECT_NE(run.out.find(text), std::string::npos) << args << ": " << text;
    }
  }
}

class CliPlausibilityTest : public CliTest {
 protected:
  // A config over the C API test kernen and `locations` as a CSV (x/y in RD New), with
  // `analysis` as the [analysis] section's lines.
  CliRun run_with(const std::string& locations, const std::string& analysis = "",
                  const std::string& kernen = data_file("capi/kernen.geojson")) {
    std::ofstream(dir_ / "l.csv") << locations;
    std::ofstream(dir_ / "c.toml") << "[analysis]\n" << analysis << "\n[kernen]\npath = \"" << kernen
                                   << "\"\n[locations]\npath = \"l.csv\"\nx = \"x\"\ny = \"y\"\n"
                                      "crs = \"EPSG:28992\"\n";
    return run_cli("run --quiet --config " + (dir_ / "c.toml").string() + " --out " + (dir_ / "out").string(),
                   dir_);
  }
  void expect_refused(const CliRun& run, std::initializer_list<std::string> parts) {
    EXPECT_EQ(run.exit_code, 1) << run.err;
    const auto lines = nonempty_lines(run.err);
    ASSERT_EQ(lines.size(), 1u) << run.err;
    EXPECT_EQ(lines[0].rfind("kernkompas: error: ", 0), 0u) << run.err;
    for (const std::string& part : parts) EXPECT_NE(lines[0].find(part), std::string::npos) << part << ": " << run.err;
    EXPECT_EQ(run.out, "");
    EXPECT_FALSE(fs::exists(dir_ / "out" / "kernkompas.gpkg"));
  }
  static constexpr const char* kHeader = "id,x,y,status,vacant_since,snapshot_date\n";
};

TEST_F(CliPlausibilityTest, GoodInputRuns) {
  const CliRun run = run_with(std::string(kHeader) + "P1,131500,465500,vacant,2024-02-29,2025-01-01\n");
  EXPECT_EQ(run.exit_code, 0) << run.err;
}

TEST_F(CliPlausibilityTest, GeographicWorkingCrsIsRefusedNamingTheKey) {
  const CliRun run = run_with(std::string(kHeader) + "P1,131500,465500,occupied,,2025-01-01\n",
                              "working_crs = \"EPSG:4326\"");
  expect_refused(run, {"c.toml", "analysis.working_crs", "EPSG:4326", "projected in metres"});
}

TEST_F(CliPlausibilityTest, VacantSinceAfterTheSnapshotDateIsRefusedNamingTheRecord) {
  const CliRun run = run_with(std::string(kHeader) + "P1,131500,465500,occupied,,2025-01-01\n"
                                                     "P2,131600,465500,vacant,2026-06-01,2025-01-01\n");
  expect_refused(run, {"location 'P2' (record 2)", "vacant_since 2026-06-01 lies after the reference date 2025-01-01"});
}

TEST_F(CliPlausibilityTest, VacantSinceBeforeTheFloorIsRefusedNamingTheRecord) {
  const CliRun run = run_with(std::string(kHeader) + "P1,131500,465500,vacant,1850-01-01,2025-01-01\n");
  expect_refused(run, {"location 'P1' (record 1)", "vacant_since 1850-01-01 lies before 1900-01-01",
                       "vacancy.vacant_since_floor"});
}

TEST_F(CliPlausibilityTest, OutOfRangeConfigNumbersExitOneNamingTheKey) {
  const std::string locations = std::string(kHeader) + "P1,131500,465500,occupied,,2025-01-01\n";
  expect_refused(run_with(locations, "[hotspots]\npermutations = 1e10"),
                 {"c.toml", "key 'hotspots.permutations'", "[0, 100000]"});
  expect_refused(run_with(locations, "[execution]\nseed = 1e30"), {"c.toml", "key 'execution.seed'"});
  expect_refused(run_with(locations, "[vacancy]\nvacant_since_floor = \"1900-13-01\""),
                 {"c.toml", "key 'vacancy.vacant_since_floor'"});
}

TEST_F(CliPlausibilityTest, NegativePopulationIsRefusedNamingTheKern) {
  std::ofstream(dir_ / "k.geojson") << R"({"type":"FeatureCollection",
"crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::28992"}},"features":[
{"type":"Feature","properties":{"code":"K","name":"Kern","population":-3},"geometry":{"type":"Polygon",
 "coordinates":[[[131000,465000],[132000,465000],[132000,466000],[131000,465000]]]}}]})";
  const CliRun run = run_with(std::string(kHeader) + "P1,131500,465500,occupied,,2025-01-01\n", "",
                              (dir_ / "k.geojson").string());
  expect_refused(run, {"k.geojson", "record 1 (id 'K')", "population is negative (-3)"});
}

// --- Encodings, messages that name the real cause, the seed's range (issue 9) ----------------

class CliInputTest : public CliPlausibilityTest {
 protected:
  // Runs with a config over the C API test kernen and `locations_toml` as the [locations]
  // section's lines (after its path).
  CliRun run_config(const std::string& locations_toml, const std::string& args = "",
                    const std::string& more_toml = "") {
    std::ofstream(dir_ / "c.toml") << "[kernen]\npath = \"" << data_file("capi/kernen.geojson")
                                   << "\"\n[locations]\npath = \"l.csv\"\n" << locations_toml << "\n" << more_toml;
    return run_cli("run --quiet --config " + (dir_ / "c.toml").string() + " --out " + (dir_ / "out").string() +
                       " " + args,
                   dir_);
  }
  // Names of the internal output's location layer, in order.
  std::vector<std::string> location_names() const {
    GDALAllRegister();
    GDALDatasetUniquePtr ds(GDALDataset::Open((dir_ / "out" / "kernkompas.gpkg").c_str(), GDAL_OF_VECTOR));
    std::vector<std::string> names;
    if (!ds) return names;
    OGRLayer* layer = ds->GetLayerByName("location");
    if (layer == nullptr) return names;
    for (auto& feature : *layer) names.push_back(feature->GetFieldAsString("name"));
    return names;
  }
  static constexpr const char* kExcelToml =
      "x = \"x\"\ny = \"y\"\ncrs = \"EPSG:28992\"\n[locations.fields]\nid = \"nummer\"\nname = \"handelsnaam\"\n";
};

// A Dutch Excel "CSV (puntkomma)" export: cp1252, semicolons, decimal commas, CRLF.
TEST_F(CliInputTest, Cp1252CsvIsRefusedWithoutTheKeyAndReadWithIt) {
  std::ofstream(dir_ / "l.csv", std::ios::binary) << "nummer;handelsnaam;x;y;status\r\n"
                                                     "P1;Caf\xE9 De Kwakel;131500,5;465500;bezet\r\n"
                                                     "P2;Loosdrecht \x91t Hoekje;131600;465500;leeg\r\n";
  CliRun run = run_config(kExcelToml, "--internal");
  expect_refused(run, {"l.csv', record 1, column 'handelsnaam': 'Caf\\xE9 De Kwakel' is not UTF-8 text",
                       "put encoding = \"cp1252\" in the [locations] section"});
  run = run_config(std::string("encoding = \"cp1252\"\n") + kExcelToml, "--internal");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(location_names(), (std::vector<std::string>{"Caf\xC3\xA9 De Kwakel", "Loosdrecht \xE2\x80\x98t Hoekje"}));
}

TEST_F(CliInputTest, UnbalancedQuoteIsOneLineNamingWhereItOpens) {
  std::string csv = "id,x,y\nP1,131500,465500\nP2,\"131600,465500\n";
  for (int i = 3; i < 150; ++i) csv += "P" + std::to_string(i) + ",131500,465500\n";
  std::ofstream(dir_ / "l.csv") << csv;
  expect_refused(run_config("x = \"x\"\ny = \"y\"\ncrs = \"EPSG:28992\"\n"),
                 {"l.csv', line 3: a quote (\") opens here and never closes"});
}

TEST_F(CliInputTest, KernenWktKeyIsRefusedNamingTheKey) {
  std::ofstream(dir_ / "l.csv") << "id,x,y\nP1,131500,465500\n";
  std::ofstream(dir_ / "c.toml") << "[kernen]\npath = \"" << data_file("capi/kernen.geojson")
                                 << "\"\nwkt = \"geometrie\"\n[locations]\npath = \"l.csv\"\nx = \"x\"\ny = \"y\"\n";
  expect_refused(run_cli("run --quiet --config " + (dir_ / "c.toml").string() + " --out " + (dir_ / "out").string(),
                         dir_),
                 {"c.toml', key 'kernen.wkt': kernen are polygons read from the layer's own geometry"});
}

TEST_F(CliInputTest, FolderAsInputIsNamedAsAFolder) {
  std::ofstream(dir_ / "c.toml") << "[kernen]\npath = \"" << data_file("capi/kernen.geojson")
                                 << "\"\n[locations]\npath = \"leeg\"\n";
  fs::create_directories(dir_ / "leeg");
  expect_refused(run_cli("run --quiet --config " + (dir_ / "c.toml").string() + " --out " + (dir_ / "out").string(),
                         dir_),
                 {"locations file '", "leeg': is a folder"});
}

// A register with vacant_since but no status and no snapshot date: nothing needs a
// reference date, so the run (an assignment, in effect) goes through.
TEST_F(CliInputTest, VacantSinceWithoutSnapshotDateDoesNotStopAnAssignmentRun) {
  std::ofstream(dir_ / "l.csv") << "id,x,y,vacant_since\nP1,131500,465500,2020-01-01\nP2,131600,465500,\n";
  const CliRun run = run_config("x = \"x\"\ny = \"y\"\ncrs = \"EPSG:28992\"\n");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto rows = read_csv(dir_ / "out" / "kern_indicators.csv");
  long total = 0;
  for (size_t r = 1; r < rows.size(); ++r) total += std::stol(rows[r][2]);
  EXPECT_EQ(total, 2);
}

// The seed is any unsigned 64-bit number, from --seed, --set and the config (a decimal
// string past TOML's 2^63 - 1); outside that range one line names the option and the range.
TEST_F(CliInputTest, SeedTakesTheWholeUnsigned64BitRange) {
  std::ofstream(dir_ / "l.csv") << "id,x,y,status\nP1,131500,465500,vacant\nP2,131600,465500,occupied\n";
  const std::string toml = "x = \"x\"\ny = \"y\"\ncrs = \"EPSG:28992\"\n";
  EXPECT_EQ(run_config(toml, "--seed 18446744073709551615").exit_code, 0);
  EXPECT_EQ(run_config(toml, "--set execution.seed=18446744073709551615").exit_code, 0);
  EXPECT_EQ(run_config(toml, "", "[execution]\nseed = \"18446744073709551615\"\n").exit_code, 0);
  fs::remove_all(dir_ / "out");
  const std::string range = "option 'execution.seed' must be a whole number in [0, 18446744073709551615], got ";
  for (const auto& [args, shown] : std::vector<std::pair<std::string, std::string>>{
           {"--seed=-1", "-1"}, {"--seed 0.5", "0.5"}, {"--seed 18446744073709551616", "1.844674407e+19"},
           {"--set execution.seed=-3", "-3"}}) {
    const CliRun run = run_config(toml, args);
    EXPECT_EQ(run.exit_code, 2) << args << ": " << run.err;
    EXPECT_EQ(run.err, "kernkompas: error: " + range + shown + "\n") << args;
    EXPECT_FALSE(fs::exists(dir_ / "out" / "kernkompas.gpkg"));
  }
  expect_refused(run_config(toml, "", "[execution]\nseed = \"18446744073709551616\"\n"),
                 {"c.toml', key 'execution.seed': must be a whole number in [0, 18446744073709551615], got "
                  "'18446744073709551616'"});
}

}  // namespace
