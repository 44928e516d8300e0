// Outputs: the GeoPackage and CSV hold every kern and location; failures leave nothing behind.
#include <gdal_priv.h>
#include <gtest/gtest.h>
#include <ogrsf_frmts.h>

#include <fstream>

#include "kernkompas/analysis.hpp"
#include "kernkompas/core/error.hpp"
#include "kernkompas/layers/read.hpp"
#include "kernkompas/layers/write.hpp"
#include "layer_fixture.hpp"

namespace kk::testing {
namespace {

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

TEST_F(WriteTest, GeoPackageHoldsKernenAndEveryLocation) {
  layers::write_outputs(input_, result_, dir_ / "out");
  GDALDatasetUniquePtr ds(GDALDataset::Open((dir_ / "out" / "kernkompas.gpkg").c_str(), GDAL_OF_VECTOR));
  ASSERT_TRUE(ds);
  OGRLayer* kern = ds->GetLayerByName("kern");
  OGRLayer* location = ds->GetLayerByName("location");
  ASSERT_NE(kern, nullptr);
  ASSERT_NE(location, nullptr);
  EXPECT_EQ(kern->GetFeatureCount(), 4);  // three kernen + buitengebied
  for (const char* table : {"vacancy_total", "kern_sector", "vacancy_hotspot"}) {
    EXPECT_NE(ds->GetLayerByName(table), nullptr) << table;
  }
  EXPECT_EQ(location->GetFeatureCount(), static_cast<GIntBig>(kLocations.size()));
  std::map<std::string, std::string> kern_of;
  for (auto& f : *location) kern_of[f->GetFieldAsString("id")] = f->GetFieldAsString("kern_code");
  EXPECT_EQ(kern_of["L2"], "A");
  EXPECT_EQ(kern_of["L4"], "buitengebied");
  EXPECT_EQ(kern_of["L6"], "C");
  int64_t total = 0;
  for (auto& f : *kern) total += f->GetFieldAsInteger64("n_locations");
  EXPECT_EQ(total, static_cast<int64_t>(kLocations.size()));
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
}

}  // namespace
}  // namespace kk::testing
