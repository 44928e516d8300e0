// Outputs: the GeoPackage and CSV hold every kern and location; failures leave nothing behind;
// the output folder is owned through its manifest, switched whole, locked, and its CSVs are
// safe to open in a spreadsheet.
#include <cpl_json.h>
#include <fcntl.h>
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>
#include <openssl/evp.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <set>
#include <thread>

#include "kernkompas/analysis.hpp"
#include "kernkompas/core/error.hpp"
#include "kernkompas/layers/read.hpp"
#include "kernkompas/layers/write.hpp"
#include "layer_fixture.hpp"

namespace kk::testing {
namespace {

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::string sha256(const fs::path& path) {
  const std::string bytes = slurp(path);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  std::string hex;
  for (unsigned int i = 0; i < length; ++i) {
    char b[3];
    std::snprintf(b, sizeof b, "%02x", digest[i]);
    hex += b;
  }
  return hex;
}

std::set<std::string> listing(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.insert(e.path().filename().string());
  return names;
}

// What lies beside OUT that belongs to it (lock, staging and set-aside folders).
std::set<std::string> beside(const fs::path& out) {
  std::set<std::string> names;
  for (const std::string& name : listing(out.parent_path())) {
    if (name.rfind(out.filename().string() + ".", 0) == 0) names.insert(name);
  }
  return names;
}

struct Manifest {
  std::string mode, version;
  std::map<std::string, std::string> files;  // name -> sha256
};

Manifest read_manifest(const fs::path& out) {
  CPLJSONDocument doc;
  EXPECT_TRUE(doc.Load((out / layers::kManifestName).string())) << out;
  Manifest m{doc.GetRoot().GetString("mode"), doc.GetRoot().GetString("kernkompas_version"), {}};
  for (const CPLJSONObject& f : doc.GetRoot().GetArray("files")) m.files[f.GetString("name")] = f.GetString("sha256");
  return m;
}

// OUT holds exactly the manifest's files, each with its checksum, and the manifest.
void expect_exactly(const fs::path& out, const Manifest& m) {
  std::set<std::string> want{layers::kManifestName};
  for (const auto& [name, sum] : m.files) {
    want.insert(name);
    EXPECT_EQ(sha256(out / name), sum) << name;
  }
  EXPECT_EQ(listing(out), want);
}

// The mode row of the GeoPackage metadata extension (gpkg_metadata, scope geopackage).
std::string mode_metadata(GDALDataset& ds) {
  OGRLayer* rows = ds.ExecuteSQL(
      "SELECT m.metadata FROM gpkg_metadata m JOIN gpkg_metadata_reference r ON r.md_file_id = m.id "
      "WHERE r.reference_scope = 'geopackage' AND m.md_standard_uri = 'urn:kernkompas:output-mode' "
      "AND m.metadata LIKE 'kernkompas_mode=%'",
      nullptr, nullptr);
  if (rows == nullptr) return "(no gpkg_metadata)";
  std::string found;
  for (auto& f : *rows) found += (found.empty() ? "" : "|") + std::string(f->GetFieldAsString(0));
  ds.ReleaseResultSet(rows);
  return found;
}

class WriteTest : public LayerTest {
 protected:
  void SetUp() override {
    LayerTest::SetUp();
    layers::Notes notes;
    input_.kernen = layers::read_kernen(kernen_source(), "EPSG:28992", notes);
    input_.locations = layers::read_locations(csv_locations(dir_ / "locations.csv"), "EPSG:28992", notes);
    input_.locations.snapshot_date = *parse_iso_date("2025-01-01");  // vacancy durations need it
    result_ = run_analysis(input_);
  }
  AnalysisInput input_;
  AnalysisResult result_;
};

// GDAL's messages during a write never reach the terminal on their own (issue 9): an error
// fails the write with one kernkompas error and leaves nothing in OUT ...
TEST_F(WriteTest, GdalErrorDuringAWriteIsOneErrorAndNothingWritten) {
  AnalysisResult bad = result_;
  Table& kern = bad.kern_table();
  // "fid" is the GeoPackage's own integer id: GDAL refuses a text column of that name.
  kern.add_text("fid", std::vector<std::string>(kern.row_count(), "x"));
  ::testing::internal::CaptureStderr();
  try {
    layers::write_outputs(input_, bad, dir_ / "out");
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kIo);
    EXPECT_NE(std::string(e.what()).find("kernkompas.gpkg': cannot create a field (Wrong field type for fid)"),
              std::string::npos) << e.what();
  }
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

// ... and a warning becomes a note naming the file. (GDAL 3.6 writes kernkompas's typed
// columns without a warning, so the test hook raises one through CPLError as a driver would.)
TEST_F(WriteTest, GdalWarningDuringAWriteIsANote) {
  ::setenv("KK_TEST_GDAL_MESSAGE", "warning", 1);
  ::testing::internal::CaptureStderr();
  const layers::Notes notes = layers::write_outputs(input_, result_, dir_ / "out");
  ::unsetenv("KK_TEST_GDAL_MESSAGE");
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(notes, (layers::Notes{"output file 'kernkompas.gpkg': GDAL: a test warning raised by KK_TEST_GDAL_MESSAGE"}));
  EXPECT_TRUE(fs::exists(dir_ / "out" / "kernkompas.gpkg"));
  EXPECT_TRUE(layers::write_outputs(input_, result_, dir_ / "out2").empty());
}

// A GDAL error that no return value reports still fails the write.
TEST_F(WriteTest, GdalErrorWithoutAFailedCallStillFailsTheWrite) {
  ::setenv("KK_TEST_GDAL_MESSAGE", "error", 1);
  ::testing::internal::CaptureStderr();
  try {
    layers::write_outputs(input_, result_, dir_ / "out");
    ADD_FAILURE() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kIo);
    EXPECT_NE(std::string(e.what()).find("kernkompas.gpkg': GDAL: a test error raised by KK_TEST_GDAL_MESSAGE"),
              std::string::npos) << e.what();
  }
  ::unsetenv("KK_TEST_GDAL_MESSAGE");
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
  EXPECT_FALSE(fs::exists(dir_ / "out"));
}

// Published output (the default) holds no premise-level data: no `location` layer, and the
// file says it is published in its own metadata.
TEST_F(WriteTest, PublishedGeoPackageHoldsKernenAndNoLocationLayer) {
  ASSERT_FALSE(result_.internal);
  layers::write_outputs(input_, result_, dir_ / "out");
  GDALDatasetUniquePtr ds(GDALDataset::Open((dir_ / "out" / "kernkompas.gpkg").c_str(), GDAL_OF_VECTOR));
  ASSERT_TRUE(ds);
  OGRLayer* kern = ds->GetLayerByName("kern");
  ASSERT_NE(kern, nullptr);
  EXPECT_EQ(ds->GetLayerByName("location"), nullptr);
  for (int i = 0; i < ds->GetLayerCount(); ++i) {
    OGRLayer* layer = ds->GetLayer(i);
    EXPECT_NE(layer->GetGeomType(), wkbPoint) << layer->GetName();
    EXPECT_EQ(std::string(layer->GetMetadataItem("DESCRIPTION") ? layer->GetMetadataItem("DESCRIPTION") : "")
                  .find("INTERN"), std::string::npos) << layer->GetName();
  }
  EXPECT_EQ(mode_metadata(*ds), "kernkompas_mode=published");
  EXPECT_EQ(kern->GetFeatureCount(), 4);  // three kernen + buitengebied
  for (const char* table : {"vacancy_total", "kern_sector", "vacancy_hotspot"}) {
    EXPECT_NE(ds->GetLayerByName(table), nullptr) << table;
  }
  // No location name ("Shop <i>") anywhere in the file's bytes (the ids, "L1".."L7", are
  // too short to search for in binary data).
  EXPECT_EQ(slurp(dir_ / "out" / "kernkompas.gpkg").find("Shop "), std::string::npos);
  int64_t total = 0;
  for (auto& f : *kern) total += f->GetFieldAsInteger64("n_locations");
  EXPECT_EQ(total, static_cast<int64_t>(kLocations.size()));
  // Reading the file leaves no sidecar (an .aux.xml would be a foreign file in OUT).
  ds.reset();
  EXPECT_FALSE(fs::exists(dir_ / "out" / "kernkompas.gpkg.aux.xml"));
}

// Internal output (disclosure control off) has every location, and says "INTERN" in the
// file's metadata and on every layer.
TEST_F(WriteTest, InternalGeoPackageHoldsKernenAndEveryLocationAndIsMarked) {
  AnalysisOptions internal_options;
  internal_options.settings.set("disclosure.internal", true);
  const AnalysisResult internal = run_analysis(input_, internal_options);
  ASSERT_TRUE(internal.internal);
  layers::write_outputs(input_, internal, dir_ / "out");
  GDALDatasetUniquePtr ds(GDALDataset::Open((dir_ / "out" / "kernkompas.gpkg").c_str(), GDAL_OF_VECTOR));
  ASSERT_TRUE(ds);
  EXPECT_EQ(mode_metadata(*ds), "kernkompas_mode=internal");
  for (int i = 0; i < ds->GetLayerCount(); ++i) {
    const char* description = ds->GetLayer(i)->GetMetadataItem("DESCRIPTION");
    ASSERT_NE(description, nullptr) << ds->GetLayer(i)->GetName();
    EXPECT_NE(std::string(description).find("INTERN — niet publiceren"), std::string::npos) << description;
  }
  OGRLayer* kern = ds->GetLayerByName("kern");
  OGRLayer* location = ds->GetLayerByName("location");
  ASSERT_NE(kern, nullptr);
  ASSERT_NE(location, nullptr);
  EXPECT_EQ(location->GetFeatureCount(), static_cast<GIntBig>(kLocations.size()));
  std::map<std::string, std::string> kern_of;
  for (auto& f : *location) kern_of[f->GetFieldAsString("id")] = f->GetFieldAsString("kern_code");
  EXPECT_EQ(kern_of["L2"], "A");
  EXPECT_EQ(kern_of["L4"], "buitengebied");
  EXPECT_EQ(kern_of["L6"], "C");
  int64_t total = 0;
  for (auto& f : *kern) total += f->GetFieldAsInteger64("n_locations");
  EXPECT_EQ(total, static_cast<int64_t>(kLocations.size()));
  // Each premise's floor area and employees in their own fields, as read (null when absent).
  std::map<std::string, std::pair<std::string, std::string>> written;
  location->ResetReading();
  for (auto& f : *location) {
    auto field = [&](const char* name) -> std::string {
      return f->IsFieldSetAndNotNull(f->GetFieldIndex(name)) ? f->GetFieldAsString(name) : "null";
    };
    written[f->GetFieldAsString("id")] = {field("floor_area_m2"), field("employees")};
  }
  const LocationLayer& read = input_.locations;
  auto text = [](double v) { return std::isnan(v) ? std::string("null") : CPLSPrintf("%.15g", v); };
  size_t with_area = 0;
  for (size_t i = 0; i < read.size(); ++i) {
    EXPECT_EQ(written[read.id[i]], std::make_pair(text(read.floor_area_m2[i]), text(read.employees[i]))) << read.id[i];
    with_area += std::isnan(read.floor_area_m2[i]) ? 0 : 1;
  }
  EXPECT_GT(with_area, 0u);
  EXPECT_LT(with_area, read.size());
  // The notice beside the mode, verbatim.
  OGRLayer* notice = ds->ExecuteSQL(
      "SELECT metadata FROM gpkg_metadata WHERE metadata LIKE 'kernkompas_notice=%'", nullptr, nullptr);
  ASSERT_NE(notice, nullptr);
  std::unique_ptr<OGRFeature> notice_row(notice->GetNextFeature());
  ASSERT_NE(notice_row, nullptr);
  EXPECT_STREQ(notice_row->GetFieldAsString(0),
               "kernkompas_notice=INTERN — niet publiceren (internal output: disclosure control off)");
  notice_row.reset();
  ds->ReleaseResultSet(notice);
  kern->ResetReading();
  std::unique_ptr<OGRFeature> first(kern->GetNextFeature());
  EXPECT_NEAR(first->GetFieldAsDouble("area_km2"), 1.0, 1e-12);
  EXPECT_NEAR(first->GetFieldAsDouble("density_per_km2"), 2.0, 1e-12);
  EXPECT_NEAR(first->GetFieldAsDouble("locations_per_1000_inhabitants"), 2.0, 1e-12);
}

TEST_F(WriteTest, CsvHasOneRowPerKernAndBuitengebied) {
  layers::write_outputs(input_, result_, dir_ / "out");
  std::ifstream csv(dir_ / "out" / "kern_indicators.csv");
  std::string header, line;
  std::getline(csv, header);
  EXPECT_EQ(header.rfind("kern_code,kern_name,n_locations,n_sbi_A", 0), 0u) << header;
  std::vector<std::string> rows;
  while (std::getline(csv, line)) rows.push_back(line);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].rfind("A,Alpha,2,", 0), 0u) << rows[0];
  EXPECT_EQ(rows[3].rfind("buitengebied,buitengebied,2,", 0), 0u) << rows[3];
  // Gamma's population is unknown: an empty cell, not 0 or nan.
  EXPECT_NE(rows[2].find(",,"), std::string::npos);
  EXPECT_EQ(rows[2].find("nan"), std::string::npos);
}

TEST_F(WriteTest, UnwritableOutputLeavesNoPartialFile) {
  const fs::path blocker = write("blocker", "a file where a folder should be");
  EXPECT_THROW(layers::write_outputs(input_, result_, blocker / "out"), Error);
  // A folder whose CSV name is taken by a directory: the GeoPackage must not appear either.
  fs::create_directories(dir_ / "out2" / "kern_indicators.csv" / "x");
  EXPECT_THROW(layers::write_outputs(input_, result_, dir_ / "out2"), Error);
  EXPECT_FALSE(fs::exists(dir_ / "out2" / "kernkompas.gpkg"));
  for (const auto& entry : fs::directory_iterator(dir_ / "out2")) {
    EXPECT_EQ(entry.path().filename(), "kern_indicators.csv") << "left behind: " << entry.path();
  }
  EXPECT_EQ(beside(dir_ / "out2"), std::set<std::string>{"out2.kk-lock"});
}

TEST_F(WriteTest, ManifestListsEveryFileWithItsChecksum) {
  layers::WriteOptions options;
  options.config_path = write("project.toml", "# config\n");
  options.input_paths = {write("a.csv", "x\n"), dir_ / "missing.gpkg"};
  layers::write_outputs(input_, result_, dir_ / "out", options);
  const Manifest m = read_manifest(dir_ / "out");
  EXPECT_EQ(m.mode, "published");
  EXPECT_EQ(m.version, KK_VERSION_STRING);
  expect_exactly(dir_ / "out", m);
  EXPECT_TRUE(m.files.count("kernkompas.gpkg"));
  EXPECT_TRUE(m.files.count("kern_indicators.csv"));
  CPLJSONDocument doc;
  ASSERT_TRUE(doc.Load((dir_ / "out" / layers::kManifestName).string()));
  EXPECT_EQ(doc.GetRoot().GetString("configuration/path"), options.config_path.string());
  EXPECT_EQ(doc.GetRoot().GetString("configuration/sha256"), sha256(options.config_path));
  const CPLJSONArray inputs = doc.GetRoot().GetArray("inputs");
  ASSERT_EQ(inputs.Size(), 2);
  EXPECT_EQ(inputs[0].GetString("sha256"), sha256(dir_ / "a.csv"));
  EXPECT_EQ(inputs[1].GetType(), CPLJSONObject::Type::Object);
  EXPECT_EQ(inputs[1].GetObj("sha256").GetType(), CPLJSONObject::Type::Null);  // not a file
}

TEST_F(WriteTest, ForeignFilesInOutAreRefusedAndNothingIsWritten) {
  // The user's own register under an output's name, in a folder kernkompas never wrote.
  fs::create_directories(dir_ / "out");
  std::ofstream(dir_ / "out" / "kern_sector.csv") << "my register\n";
  try {
    layers::write_outputs(input_, result_, dir_ / "out");
    FAIL() << "expected a refusal";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find((dir_ / "out" / "kern_sector.csv").string()), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(listing(dir_ / "out"), std::set<std::string>{"kern_sector.csv"});
  EXPECT_EQ(slurp(dir_ / "out" / "kern_sector.csv"), "my register\n");
  EXPECT_EQ(beside(dir_ / "out"), std::set<std::string>{"out.kk-lock"});

  // A folder kernkompas wrote, with one foreign file added and one output edited.
  layers::write_outputs(input_, result_, dir_ / "out2");
  std::ofstream(dir_ / "out2" / "notes.txt") << "mine\n";
  EXPECT_THROW(layers::write_outputs(input_, result_, dir_ / "out2"), InputError);
  EXPECT_EQ(slurp(dir_ / "out2" / "notes.txt"), "mine\n");
  fs::remove(dir_ / "out2" / "notes.txt");
  std::ofstream(dir_ / "out2" / "kern_indicators.csv", std::ios::app) << "edited,by,hand\n";
  try {
    layers::write_outputs(input_, result_, dir_ / "out2");
    FAIL() << "expected a refusal";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("was changed after kernkompas wrote it"), std::string::npos) << e.what();
  }
  EXPECT_NE(slurp(dir_ / "out2" / "kern_indicators.csv").find("edited,by,hand"), std::string::npos);

  // An input file lying in OUT, even one with an output's name.
  layers::write_outputs(input_, result_, dir_ / "out3");
  layers::WriteOptions options;
  options.input_paths = {dir_ / "out3" / "kern_indicators.csv"};
  const Manifest before = read_manifest(dir_ / "out3");
  EXPECT_THROW(layers::write_outputs(input_, result_, dir_ / "out3", options), InputError);
  expect_exactly(dir_ / "out3", before);
}

TEST_F(WriteTest, EmptyFolderAndRepeatedRunsAreAccepted) {
  fs::create_directories(dir_ / "out");
  layers::write_outputs(input_, result_, dir_ / "out");
  layers::write_outputs(input_, result_, dir_ / "out/");
  expect_exactly(dir_ / "out", read_manifest(dir_ / "out"));
  EXPECT_EQ(beside(dir_ / "out"), std::set<std::string>{"out.kk-lock"});
}

// A file some GDAL version writes into the staging folder beside its own (planted with the
// writer's test hook KK_TEST_PLANT_SIDECAR) is listed in the manifest, so the next run finds
// nothing foreign; sidecars a reader writes into OUT later (an .aux.xml, SQLite's -wal/-shm)
// belong to a listed file and go with the old set. A file that belongs to nothing is refused.
TEST_F(WriteTest, SidecarFilesAreOwnedAndTheNextRunIsClean) {
  for (const char* planted : {"kernkompas.gpkg-shm", "kernkompas.gpkg.aux.xml", "unexpected.bin"}) {
    SCOPED_TRACE(planted);
    const fs::path out = dir_ / (std::string("out-") + planted);
    ::setenv("KK_TEST_PLANT_SIDECAR", planted, 1);
    layers::write_outputs(input_, result_, out);
    ::unsetenv("KK_TEST_PLANT_SIDECAR");
    const Manifest first = read_manifest(out);
    EXPECT_TRUE(first.files.count(planted));
    expect_exactly(out, first);
    // The next run is clean: it replaces the set, planted file included.
    ASSERT_NO_THROW(layers::write_outputs(input_, result_, out));
    const Manifest second = read_manifest(out);
    EXPECT_FALSE(second.files.count(planted));
    expect_exactly(out, second);
    EXPECT_EQ(beside(out), std::set<std::string>{out.filename().string() + ".kk-lock"});
  }
  // Sidecars a reader left in OUT after the run (QGIS opening the GeoPackage, gdalinfo -stats).
  const fs::path out = dir_ / "out-read";
  layers::write_outputs(input_, result_, out);
  for (const char* sidecar : {"kernkompas.gpkg-wal", "kernkompas.gpkg-shm", "kern_indicators.csv.aux.xml"}) {
    std::ofstream(out / sidecar) << "written by a reader\n";
  }
  ASSERT_NO_THROW(layers::write_outputs(input_, result_, out));
  expect_exactly(out, read_manifest(out));
  // Not a sidecar of any listed file: foreign.
  std::ofstream(out / "notes.txt-wal") << "mine\n";
  EXPECT_THROW(layers::write_outputs(input_, result_, out), InputError);
  EXPECT_EQ(slurp(out / "notes.txt-wal"), "mine\n");
}

TEST_F(WriteTest, StaleInternalOutputIsRemovedByAPublishedRun) {
  AnalysisOptions internal_options;
  internal_options.settings.set("disclosure.internal", true);
  AnalysisResult internal = run_analysis(input_, internal_options);
  ASSERT_TRUE(internal.internal);
  // A table only the internal run writes stands in for any internal-only output.
  internal.tables.push_back({"internal_only", internal.tables.front().table});
  layers::write_outputs(input_, internal, dir_ / "out");
  EXPECT_EQ(read_manifest(dir_ / "out").mode, "internal");
  ASSERT_TRUE(fs::exists(dir_ / "out" / "internal_only.csv"));
  layers::write_outputs(input_, result_, dir_ / "out");
  const Manifest m = read_manifest(dir_ / "out");
  EXPECT_EQ(m.mode, "published");
  EXPECT_FALSE(fs::exists(dir_ / "out" / "internal_only.csv"));
  expect_exactly(dir_ / "out", m);
}

TEST_F(WriteTest, FormulaPayloadsAreNeutralisedInCsvAndKeptInTheGeoPackage) {
  input_.kernen.name[0] = "=HYPERLINK(\"http://evil\",\"x\")";
  input_.kernen.code[1] = "+1";
  input_.kernen.name[2] = "@SUM(A1:A9)";
  input_.locations.function.assign(input_.locations.size(), "-cmd");
  input_.locations.function[0] = "\tTAB";
  const AnalysisResult result = run_analysis(input_);
  layers::write_outputs(input_, result, dir_ / "out");
  const std::string kern = slurp(dir_ / "out" / "kern_indicators.csv");
  EXPECT_NE(kern.find("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\""), std::string::npos) << kern;
  EXPECT_NE(kern.find("\n\"'+1\","), std::string::npos) << kern;
  EXPECT_NE(kern.find("\"'@SUM(A1:A9)\""), std::string::npos) << kern;
  EXPECT_EQ(kern.find(",=HY"), std::string::npos);
  const std::string function = slurp(dir_ / "out" / "kern_function.csv");
  EXPECT_NE(function.find("\"'-cmd\""), std::string::npos) << function;
  EXPECT_NE(function.find("\"'\tTAB\""), std::string::npos) << function;
  // Negative numbers are numbers: written as they are.
  Table numbers;
  numbers.add_real("z", {-1.5, 2.0});
  numbers.add_integer("d", {-3, 4});
  layers::write_csv(numbers, dir_ / "numbers.csv");
  EXPECT_EQ(slurp(dir_ / "numbers.csv"), "z,d\n-1.5,-3\n2,4\n");

  GDALDatasetUniquePtr ds(GDALDataset::Open((dir_ / "out" / "kernkompas.gpkg").c_str(), GDAL_OF_VECTOR));
  ASSERT_TRUE(ds);
  std::set<std::string> names, codes, functions;
  for (auto& f : *ds->GetLayerByName("kern")) {
    names.insert(f->GetFieldAsString("kern_name"));
    codes.insert(f->GetFieldAsString("kern_code"));
  }
  // Published output has no location layer: the function values are kern_function's keys.
  for (auto& f : *ds->GetLayerByName("kern_function")) functions.insert(f->GetFieldAsString("function"));
  EXPECT_TRUE(names.count("=HYPERLINK(\"http://evil\",\"x\")"));
  EXPECT_TRUE(names.count("@SUM(A1:A9)"));
  EXPECT_TRUE(codes.count("+1"));
  EXPECT_TRUE(functions.count("-cmd"));
  EXPECT_TRUE(functions.count("\tTAB"));
}

TEST_F(WriteTest, ASecondWriterWaitsForTheLockOrFailsClearly) {
  const fs::path out = dir_ / "out";
  const int fd = ::open((dir_ / "out.kk-lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(::flock(fd, LOCK_EX), 0);  // another run is writing
  layers::WriteOptions quick;
  quick.lock_timeout_s = 0.2;
  try {
    layers::write_outputs(input_, result_, out, quick);
    FAIL() << "expected the lock to be refused";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kIo);
    EXPECT_NE(std::string(e.what()).find("is being written by another run"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(out));
  // With the default wait the writer blocks until the lock is released, then writes.
  std::thread writer([&] { layers::write_outputs(input_, result_, out); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(fs::exists(out));
  ::close(fd);
  writer.join();
  expect_exactly(out, read_manifest(out));
}

TEST_F(WriteTest, TwoThreadsWritingOneFolderNeverMix) {
  AnalysisResult other = result_;
  other.tables.push_back({"only_in_b", other.tables.front().table});
  for (int round = 0; round < 4; ++round) {
    std::thread a([&] { layers::write_outputs(input_, result_, dir_ / "out"); });
    std::thread b([&] { layers::write_outputs(input_, other, dir_ / "out"); });
    a.join();
    b.join();
    const Manifest m = read_manifest(dir_ / "out");
    expect_exactly(dir_ / "out", m);
    EXPECT_TRUE(m.files.size() == result_.tables.size() + 1 + result_.rasters.size() ||
                m.files.size() == other.tables.size() + 1 + other.rasters.size());
  }
  EXPECT_EQ(beside(dir_ / "out"), std::set<std::string>{"out.kk-lock"});
}

TEST_F(WriteTest, TwoProcessesWritingOneFolderNeverMix) {
  AnalysisResult other = result_;
  other.tables.push_back({"only_in_b", other.tables.front().table});
  for (int round = 0; round < 3; ++round) {
    std::vector<pid_t> children;
    for (const AnalysisResult* r : {&result_, &other}) {
      const pid_t pid = ::fork();
      ASSERT_GE(pid, 0);
      if (pid == 0) {
        try {
          layers::write_outputs(input_, *r, dir_ / "out");
        } catch (...) {
          ::_exit(1);
        }
        ::_exit(0);
      }
      children.push_back(pid);
    }
    for (pid_t pid : children) {
      int status = 0;
      ASSERT_EQ(::waitpid(pid, &status, 0), pid);
      EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    expect_exactly(dir_ / "out", read_manifest(dir_ / "out"));
  }
  EXPECT_EQ(beside(dir_ / "out"), std::set<std::string>{"out.kk-lock"});
}

// The process dies at each step of the commit (KK_TEST_FAIL_AT, the writer's test hook):
// OUT holds exactly the old set or the new set, and the next run cleans up.
TEST_F(WriteTest, AKillAtAnyStepLeavesTheOldOrTheNewSet) {
  AnalysisResult other = result_;
  other.tables.push_back({"only_in_new", other.tables.front().table});
  struct Case {
    const char* step;
    bool exchange;
    bool expect_new;
  };
  const std::vector<Case> cases = {{"staging", true, false},  {"staged", true, false},
                                   {"switched", true, true},  {"staging", false, false},
                                   {"staged", false, false},  {"moved-aside", false, false},
                                   {"switched", false, true}};
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(c.step) + (c.exchange ? " (exchange)" : " (two renames)"));
    const fs::path out = dir_ / "out";
    fs::remove_all(out);
    layers::write_outputs(input_, result_, out);
    const Manifest old_set = read_manifest(out);
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      ::setenv("KK_TEST_FAIL_AT", c.step, 1);
      if (!c.exchange) ::setenv("KK_TEST_NO_EXCHANGE", "1", 1);
      try {
        layers::write_outputs(input_, other, out);
      } catch (...) {
      }
      ::_exit(0);  // the hook did not fire
    }
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status));
    ASSERT_EQ(WEXITSTATUS(status), 86) << "the hook did not fire";
    if (std::string(c.step) == "moved-aside") {
      // Without RENAME_EXCHANGE there is one moment without OUT; the old set is whole aside.
      ASSERT_FALSE(fs::exists(out));
      std::vector<fs::path> aside;
      for (const auto& e : fs::directory_iterator(dir_)) {
        if (e.path().filename().string().rfind("out.kk-old-", 0) == 0) aside.push_back(e.path());
      }
      ASSERT_EQ(aside.size(), 1u);
      expect_exactly(aside[0], old_set);
    } else {
      const Manifest now = read_manifest(out);
      expect_exactly(out, now);
      EXPECT_EQ(now.files.count("only_in_new.csv"), c.expect_new ? 1u : 0u);
      if (!c.expect_new) {
        EXPECT_EQ(now.files, old_set.files);
      }
    }
    EXPECT_GT(beside(out).size(), 1u) << "the killed run should leave something to clean";
    // The next run recognises the leftovers and cleans them.
    layers::write_outputs(input_, result_, out);
    expect_exactly(out, read_manifest(out));
    EXPECT_EQ(beside(out), std::set<std::string>{"out.kk-lock"});
  }
}

TEST_F(WriteTest, AMissingOutAfterAKillIsRestoredFromTheSetAside) {
  const fs::path out = dir_ / "out";
  layers::write_outputs(input_, result_, out);
  const Manifest old_set = read_manifest(out);
  fs::rename(out, dir_ / "out.kk-old-1-2-3");  // as the two-rename switch leaves it when killed
  fs::create_directories(dir_ / "out.kk-staging-1-2-3");
  // A run that is refused after recovery shows what recovery did: it restored the old set.
  layers::WriteOptions options;
  options.input_paths = {out / "kern_indicators.csv"};
  EXPECT_THROW(layers::write_outputs(input_, result_, out, options), InputError);
  expect_exactly(out, old_set);
  EXPECT_EQ(beside(out), std::set<std::string>{"out.kk-lock"});
}

}  // namespace
}  // namespace kk::testing
